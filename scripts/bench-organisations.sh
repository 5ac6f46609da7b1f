#!/usr/bin/env bash
# The room's organisations on the projection (BENCHMARKS.md, "The room's organisations"):
# the presenter at the shipped session's organisations part (1280x720, under Xvfb unless
# a display is set) for FRAMES frames; ENTRIES phones (each from an address of its own
# on loopback) enter a number of employees, spread evenly on a log scale from 1 to a
# million, two in three with an estimate; then, in every other run, the next key puts
# them on the curve, so that most of the frames draw it. Runs alternate asked / shown.
#
#   scripts/bench-organisations.sh [BIN] [FRAMES] [ENTRIES] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-${CARGO_TARGET_DIR:-$HOME/.cache/bolwerk-target}/debug/bolwerk}
frames=${2:-600}
entries=${3:-300}
rounds=${4:-2}
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
part=$(awk '/^        \/\/ [0-9]+\./ { p = $2 + 0 } /organisations: \(/ { print p; exit }' \
  assets/scenarios/interne-klanten.ron)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export BIN=$bin FRAMES=$frames ENTRIES=$entries ROUNDS=$rounds PART=$part TMP=$tmp
wrap=()
[[ -n ${DISPLAY:-} ]] || wrap=(xvfb-run -a -s "-screen 0 1920x1080x24")
"${wrap[@]}" bash -euo pipefail -c '
for _ in $(seq 1 "$ROUNDS"); do for shown in no yes; do
  "$BIN" present --windowed --width 1280 --height 720 --act "$PART" --audience \
    --audience-shared-address --audience-port 0 --frames "$FRAMES" --report-frame-times \
    > "$TMP/out" 2>/dev/null &
  pid=$!
  for _ in $(seq 1 200); do grep -q "^audience:" "$TMP/out" && break; sleep 0.1; done
  port=$(sed -n "s/^audience: http:\/\/[^ ]*:\([0-9]*\)\/ .*/\1/p" "$TMP/out")
  code=$(sed -n "s/^audience: .* code: //p" "$TMP/out")
  python3 - "$port" "$code" "$ENTRIES" <<PY
import http.client, json, random, sys
port, code, entries = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
rng = random.Random(7)
for k in range(entries):
    c = http.client.HTTPConnection("127.0.0.1", port, source_address=(f"127.1.{k // 250}.{k % 250 + 1}", 0))
    body = {"code": code, "answer": int(round(10 ** rng.uniform(0, 6)))}
    if rng.random() < 2 / 3:
        body["guess"] = rng.randrange(101)
    c.request("POST", "/api/answer", json.dumps(body), {"Content-Type": "application/json"})
    assert c.getresponse().status == 200
    c.close()
PY
  if [[ $shown == yes ]]; then
    xdotool windowfocus --sync "$(xdotool search --name bolwerk | head -1)"
    xdotool key --clearmodifiers Next
  fi
  wait "$pid"
  echo "shown=$shown $(grep "frame times" "$TMP/out")"
done; done
'
