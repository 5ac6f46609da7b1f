#!/usr/bin/env bash
# How soon a rehearsal shows a saved caption (`present --watch`), against what it
# replaces: quitting and starting the presenter again to see the edit.
#
#   scripts/bench-reload.sh [EDITS]
#
# Under Xvfb (1280x720, lavapipe), the session `bolwerk new` writes, its first part on
# stage, `--dump-texts` writing what the projection shows each frame:
# - reload: EDITS saves (default 10), each a new caption, each timed from the write to
#   the first frame that shows it (polled every 10 ms);
# - baseline: EDITS starts of `present` (no --watch), each timed from the start to the
#   first frame that shows the caption.
# Prints each time and the median of each. A figure, not a test: see BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
edits=${1:-10}
target=${CARGO_TARGET_DIR:-$HOME/.cache/bolwerk-target}
export BOLWERK=${BOLWERK:-$target/debug/bolwerk} EDITS=$edits
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp/bolwerk-runtime-$(id -u)}
mkdir -p -m 700 "$XDG_RUNTIME_DIR"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export WORK=$work
"$BOLWERK" new "$work/ours.ron" > /dev/null

xvfb-run -a -s "-screen 0 1280x720x24" bash -euo pipefail -c '
old="Eighty employees: most of them work near the edge, where the customers are."
now() { date +%s.%N; }
# Waits (10 ms steps, at most a minute) for the projection to show TEXT; prints the
# seconds since START.
shown_after() { # START TEXT
  for _ in $(seq 1 6000); do
    if grep -qF "$2" "$WORK/dump/projection.txt" 2>/dev/null; then
      echo "$(now) - $1" | bc -l
      return 0
    fi
    sleep 0.01
  done
  echo "never shown: $2" >&2
  return 1
}
median() { sort -n | awk "{ a[NR] = \$1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf \"%.3f\n\", m }"; }

mkdir -p "$WORK/dump"
echo "reload (present --watch): seconds from the save to the first frame that shows it"
"$BOLWERK" present "$WORK/ours.ron" --watch --windowed --width 1280 --height 720 \
  --dump-texts "$WORK/dump" > "$WORK/present.log" 2>&1 &
pid=$!
shown_after "$(now)" "$old" > /dev/null
sleep 2
previous=$old
: > "$WORK/reload.txt"
for k in $(seq 1 "$EDITS"); do
  caption="Eighty employees, edit number $k: most of them meet customers."
  sed "s/$previous/$caption/" "$WORK/ours.ron" > "$WORK/next.ron"
  start=$(now)
  mv "$WORK/next.ron" "$WORK/ours.ron"
  shown_after "$start" "$caption" | tee -a "$WORK/reload.txt"
  previous=$caption
  sleep 0.7
done
kill "$pid"; wait "$pid" 2>/dev/null || true
echo "median: $(median < "$WORK/reload.txt") s"

echo "baseline (present started again): seconds from the start to the first frame that shows the caption"
: > "$WORK/restart.txt"
for k in $(seq 1 "$EDITS"); do
  rm -f "$WORK/dump/projection.txt"
  start=$(now)
  "$BOLWERK" present "$WORK/ours.ron" --windowed --width 1280 --height 720 \
    --dump-texts "$WORK/dump" > "$WORK/present.log" 2>&1 &
  pid=$!
  shown_after "$start" "$previous" | tee -a "$WORK/restart.txt"
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
echo "median: $(median < "$WORK/restart.txt") s"
'
