#!/usr/bin/env bash
# Frame rates of the demo in a 1280×720 window, lines on, at fixed head counts: the
# default cloud renderer against the naive one (a PBR sphere per agent, 4× MSAA).
# Runs under Xvfb unless a display is set. Each run prints one "frame times:" line.
#
#   [STYLES="cloud naive"] scripts/bench-demo.sh [FRAMES] [HEAD COUNTS...]
#   e.g. STYLES=cloud scripts/bench-demo.sh 40 2000 10000 50000
set -euo pipefail
cd "$(dirname "$0")/.."
frames=${1:-40}
shift || true
counts=("${@:-2000 10000 50000}")
read -r -a counts <<<"${counts[*]}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/bolwerk-target}"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
bin="$CARGO_TARGET_DIR/debug/bolwerk"
[[ -x $bin ]] || cargo build
wrap=()
[[ -n ${DISPLAY:-} ]] || wrap=(xvfb-run -a -s "-screen 0 1280x720x24")
for style in ${STYLES:-cloud naive}; do
  for n in "${counts[@]}"; do
    printf '%-6s %6s employees: ' "$style" "$n"
    "${wrap[@]}" "$bin" demo --employees "$n" --agents "$style" --frames "$frames" \
      --report-frame-times 2>/dev/null | grep "frame times" || echo "failed"
  done
done
