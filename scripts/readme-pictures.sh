#!/usr/bin/env bash
# The README's picture and its GIF, made by bolwerk itself: a screenshot of the demo
# (docs/bolwerk.png) and the organisation growing, recorded offscreen
# (docs/bolwerk-growth.gif, kept under 3 MB for the repository).
#
#   scripts/readme-pictures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/bolwerk-target}"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
cargo build -q
bin="$CARGO_TARGET_DIR/debug/bolwerk"
window=()
[[ -n ${DISPLAY:-} ]] || window=(xvfb-run -a -s "-screen 0 1280x720x24")
"${window[@]}" "$bin" demo --frames 200 --screenshot docs/bolwerk.png
"$bin" record --out docs/bolwerk-growth.gif --force --size 640x360 --fps 10 \
  --duration 8 --speed 2 --overlay minimal --theme projector
rm -f docs/bolwerk-growth.gif.json  # the manifest beside it: not for the repository
size=$(stat -c %s docs/bolwerk-growth.gif)
echo "docs/bolwerk.png, docs/bolwerk-growth.gif ($((size / 1024)) kB)"
(( size < 3 * 1024 * 1024 )) || { echo "the GIF is over 3 MB" >&2; exit 1; }
