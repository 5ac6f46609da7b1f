#!/usr/bin/env bash
# Two builds of the app against each other on the same machine in the same run: the
# demo's frame times at 10k employees in a 1280×720 window (under Xvfb unless a display
# is set), and recording 3 s of 720p at 30 fps at 10k, alternating old and new ROUNDS
# times. Each run prints one line; BENCHMARKS.md records them. Needs an idle machine.
#
#   scripts/bench-pair.sh OLD_BIN NEW_BIN [ROUNDS]
#
# For a baseline from an earlier commit, build it and copy its binary aside first
# (`git stash; cargo build; cp $CARGO_TARGET_DIR/debug/bolwerk /tmp/old; git stash pop`).
set -uo pipefail
old=${1:?usage: scripts/bench-pair.sh OLD_BIN NEW_BIN [ROUNDS]}
new=${2:?usage: scripts/bench-pair.sh OLD_BIN NEW_BIN [ROUNDS]}
rounds=${3:-3}
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
window=()
[[ -n ${DISPLAY:-} ]] || window=(xvfb-run -a -s "-screen 0 1280x720x24")
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), avx512f: $(grep -q avx512f /proc/cpuinfo && echo yes || echo no)"
for r in $(seq "$rounds"); do
  for side in old new; do
    bin=${!side}
    printf 'round %s %s demo 10k: ' "$r" "$side"
    "${window[@]}" "$bin" demo --employees 10000 --width 1280 --height 720 --frames 40 \
      --report-frame-times 2>/dev/null | grep "frame times" || echo failed
    printf 'round %s %s record 720p 10k: ' "$r" "$side"
    "$bin" record --out "$out/r.mp4" --force --size 1280x720 --fps 30 --duration 3 \
      --employees 10000 --report-timing 2>&1 | tr '\n' ' '
    echo
  done
done
