#!/usr/bin/env bash
# The app's benchmarks, one after the other on an idle machine, each printing one
# line (BENCHMARKS.md records them): the whole headless tick and peak memory at 1M
# employees; demo frame rates (instanced cloud against the naive PBR scene); the
# comparison view; the presenter at 1080p; recording at 720p and 1080p (naive scene
# too); recording the shipped scenario at 720p.
#
#   scripts/bench-app.sh [SECTION...]   sections: tick demo compare present record scenario
#
# BOLWERK_BIN=path runs another build (a baseline from an earlier commit, say) instead
# of the dev build's binary.
set -uo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/bolwerk-target}"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
bin="${BOLWERK_BIN:-$CARGO_TARGET_DIR/debug/bolwerk}"
[[ -x $bin ]] || cargo build
sections=("${@:-tick demo compare present record scenario}")
read -r -a sections <<<"${sections[*]}"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
window=()
[[ -n ${DISPLAY:-} ]] || window=(xvfb-run -a -s "-screen 0 1920x1080x24")
has() { [[ " ${sections[*]} " == *" $1 "* ]]; }

if has tick; then
  # 97 ticks minus 33: the difference is the time of 64 whole ticks, after the first
  # renumbering of the agents (tick 32) and with two more in it (ticks 64 and 96).
  for t in 33 97; do
    /usr/bin/time -f "tick $t: %e s, peak RSS %M KB" "$bin" simulate \
      --params assets/params/million.ron --ticks "$t" --every 1000 --out "$out/m.csv" --force 2>&1 | tail -1
  done
fi
if has demo; then
  for n in 2000 10000 50000; do
    printf 'demo cloud %6s: ' "$n"
    "${window[@]}" "$bin" demo --employees "$n" --width 1280 --height 720 --frames 30 \
      --report-frame-times 2>/dev/null | grep "frame times" || echo failed
  done
  for n in 2000 10000; do
    printf 'demo naive %6s: ' "$n"
    "${window[@]}" "$bin" demo --employees "$n" --agents naive --width 1280 --height 720 \
      --frames 16 --report-frame-times 2>/dev/null | grep "frame times" || echo failed
  done
fi
if has compare; then
  printf 'compare 4 x 5000: '
  "${window[@]}" "$bin" demo --employees 5000 --compare sphere,disc,cells,rotation \
    --width 1280 --height 720 --frames 30 --report-frame-times 2>/dev/null | grep "frame times" || echo failed
fi
if has present; then
  for act in 3 6; do
    printf 'present act %s 1920x1080: ' "$act"
    "${window[@]}" "$bin" present --windowed --width 1920 --height 1080 --act "$act" \
      --frames 40 --report-frame-times 2>/dev/null | grep "frame times" || echo failed
  done
fi
if has record; then
  for size in 1280x720 1920x1080; do
    printf 'record %s 10k: ' "$size"
    "$bin" record --out "$out/r.mp4" --force --size "$size" --fps 30 --duration 3 \
      --employees 10000 --report-timing | tr '\n' ' '
    echo
  done
  printf 'record 1280x720 10k naive: '
  "$bin" record --out "$out/n.mp4" --force --size 1280x720 --fps 10 --duration 0.5 \
    --employees 10000 --agents naive --report-timing | tr '\n' ' '
  echo
  printf 'record 854x480 gif: '
  /usr/bin/time -f "%e s" "$bin" record --out "$out/g.gif" --force --size 854x480 --fps 10 \
    --duration 3 --employees 10000 2>&1 | tr '\n' ' '
  echo
fi
if has scenario; then
  printf 'record shipped scenario 1280x720 30 fps: '
  /usr/bin/time -f "%e s" "$bin" record --scenario assets/scenarios/interne-klanten.ron \
    --out "$out/s.mp4" --force --size 1280x720 --fps 30 2>&1 | tr '\n' ' '
  echo
fi
