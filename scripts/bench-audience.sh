#!/usr/bin/env bash
# The audience under load (BENCHMARKS.md, "The audience"): the presenter at the shipped
# session's first question (1280x720, under Xvfb unless a display is set), its frame
# times idle, while PARTICIPANTS participants poll and answer within ten seconds
# (scripts/audience-load.py), and while all of them answer at once. Rounds alternate
# the three, so that a slow spell of the machine does not fall on one of them.
#
#   scripts/bench-audience.sh [FRAMES] [PARTICIPANTS] [ROUNDS]
#
# WHAT=take-home: the last part instead, where each participant takes the page to take
# home once (the page, its style and script, the saved file) instead of answering.
# WHAT=organisations: the part that asks for the room's organisations, where each
# answer is a size with, mostly, a guess. WHAT=sketch: the example session's sketch
# (assets/scenarios/sketch-the-curve.ron, part 2), where each answer is six points.
set -euo pipefail
cd "$(dirname "$0")/.."
frames=${1:-600}
participants=${2:-300}
rounds=${3:-3}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/bolwerk-target}"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
bin="${BOLWERK_BIN:-$CARGO_TARGET_DIR/debug/bolwerk}"
[[ -x $bin ]] || cargo build
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
wrap=()
[[ -n ${DISPLAY:-} ]] || wrap=(xvfb-run -a -s "-screen 0 1920x1080x24")
what=${WHAT:-answer}
part=$(awk '/^        \/\/ [0-9]+\./ { p = $2 + 0 } /question: \(/ { print p; exit }' \
  assets/scenarios/interne-klanten.ron)
[[ $what == take-home ]] && part=$(grep -c '^        // [0-9]*\.' assets/scenarios/interne-klanten.ron)
[[ $what == organisations ]] && part=$(awk '/^        \/\/ [0-9]+\./ { p = $2 + 0 } /organisations: \(/ { print p; exit }' \
  assets/scenarios/interne-klanten.ron)
session=assets/scenarios/interne-klanten.ron
[[ $what == sketch ]] && session=assets/scenarios/sketch-the-curve.ron part=2

run() { # LOAD: none, spread or burst
  "${wrap[@]}" "$bin" present "$session" --windowed --width 1280 --height 720 --act "$part" \
    --audience --audience-port 0 --frames "$frames" --report-frame-times \
    >"$tmp/out" 2>/dev/null &
  local pid=$!
  for _ in $(seq 1 300); do grep -q '^audience:' "$tmp/out" 2>/dev/null && break; sleep 0.1; done
  local port code
  port=$(sed -n 's/^audience: http:\/\/[^ ]*:\([0-9]*\)\/ .*/\1/p' "$tmp/out")
  code=$(sed -n 's/^audience: .* code: //p' "$tmp/out")
  if [[ $1 != none ]]; then
    sleep 1 # past the warm-up frames
    python3 scripts/audience-load.py "http://127.0.0.1:$port/" "$code" "$participants" 10 \
      "$([[ $1 == burst ]] && echo burst || echo spread)" "$what" >"$tmp/load" &
    local load=$!
  fi
  # The server thread's CPU time (utime + stime of the thread named "audience"),
  # read until the presenter ends.
  local app ticks=0 hz
  hz=$(getconf CLK_TCK)
  app=$(pgrep -n -f "$bin present" || true)
  while [[ -n $app ]] && kill -0 "$app" 2>/dev/null; do
    for task in /proc/"$app"/task/*; do
      if [[ $(cat "$task/comm" 2>/dev/null) == audience ]]; then
        ticks=$(awk '{ print $14 + $15 }' "$task/stat" 2>/dev/null || echo "$ticks")
      fi
    done
    sleep 0.5
  done
  wait "$pid"
  printf '%-6s ' "$1"
  grep 'frame times' "$tmp/out" | tr -d '\n' || echo -n "presenter failed"
  printf '; server thread %s s of CPU\n' "$(awk -v t="$ticks" -v hz="$hz" 'BEGIN { printf "%.2f", t / hz }')"
  if [[ $1 != none ]]; then
    if wait "$load"; then printf '       %s\n' "$(cat "$tmp/load")"; else echo "       load failed (the presenter ended first?)"; fi
  fi
}

for round in $(seq 1 "$rounds"); do
  echo "round $round"
  run none
  run spread
  run burst
done
