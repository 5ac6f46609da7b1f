#!/usr/bin/env bash
# The audience server attacked (BENCHMARKS.md, "The audience attacked"): for each
# bolwerk binary given (for example the build before a change and after it), a fresh
# presenter at the shipped session's first question, under Xvfb, started as a desktop
# starts programs (a soft limit of 1,024 open files), and one attack of scripts/audience-attack.py
# each: one device fills the room; 1,100 silent sockets; 1,000 unfinished 400 KB
# heads (the presenter's memory); then the time from Escape to the presenter's end
# with a half-sent request open (at most 60 s waited). Loopback only.
#
#   scripts/bench-audience-attack.sh BIN [BIN …]
set -euo pipefail
cd "$(dirname "$0")/.."
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
part=$(awk '/^        \/\/ [0-9]+\./ { p = $2 + 0 } /question: \(/ { print p; exit }' \
  assets/scenarios/interne-klanten.ron)

attack() { # BIN MODE
  local bin=$1 mode=$2
  DISPLAY_SCRIPT='
    (ulimit -S -n 1024; exec "$BIN" present --windowed --width 640 --height 360 \
      --act "$PART" --audience --audience-port 0) >"$TMP/out" 2>"$TMP/err" &
    pid=$!
    for _ in $(seq 1 300); do grep -q "^audience:" "$TMP/out" 2>/dev/null && break; sleep 0.1; done
    port=$(sed -n "s/^audience: http:\/\/[^ ]*:\([0-9]*\)\/ .*/\1/p" "$TMP/out")
    code=$(sed -n "s/^audience: .* code: //p" "$TMP/out")
    sleep 2
    url="http://127.0.0.1:$port/"
    if [ "$MODE" = quit ]; then
      python3 scripts/audience-attack.py half "$url" >"$TMP/half" &
      half=$!
      for _ in $(seq 1 50); do grep -q sent "$TMP/half" 2>/dev/null && break; sleep 0.1; done
      w=$(xdotool search --name bolwerk | head -1)
      t0=$(date +%s.%N)
      xdotool windowfocus --sync "$w" key Escape
      for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      t1=$(date +%s.%N)
      if kill -0 "$pid" 2>/dev/null; then
        echo "quit: still running 60 s after Escape with a half-sent request open"
        kill -9 "$pid"
      else
        awk -v a="$t0" -v b="$t1" "BEGIN { printf \"quit: ended %.1f s after Escape with a half-sent request open\n\", b - a }"
      fi
      kill "$half" 2>/dev/null || true
    else
      extra=""
      [ "$MODE" = heads ] && extra=$pid
      python3 scripts/audience-attack.py "$MODE" "$url" "$code" $extra || echo "$MODE: failed"
      kill "$pid"
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    wait 2>/dev/null || true
  '
  BIN=$bin MODE=$mode PART=$part TMP=$tmp timeout 300 \
    xvfb-run -a -s "-screen 0 1280x720x24" bash -c "$DISPLAY_SCRIPT"
}

for bin in "$@"; do
  echo "== $bin"
  for mode in fill hold heads quit; do
    attack "$bin" "$mode"
  done
done
