#!/usr/bin/env bash
# Size against SSIM for bolwerk's video encoders (issue 20, BENCHMARKS.md "Video size").
#
# Renders the same seconds of bolwerk once as lossless PNG frames, encodes them with
# each candidate setting, and measures each video's bitrate and its SSIM against the
# PNG frames (ffmpeg's ssim filter, both sides in full-resolution 4:4:4, so chroma
# subsampling counts as loss). Usage:
#   scripts/quality-curve.sh [WxH] [SECONDS] [WORKDIR]
set -euo pipefail
size=${1:-1920x1080}
secs=${2:-10}
work=${3:-$(mktemp -d)}
fps=30
bin=${BOLWERK:-${CARGO_TARGET_DIR:-target}/debug/bolwerk}
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
mkdir -p "$work"
if [ ! -d "$work/ref" ]; then
  # The default video, busy as videos get: growing, lines, orbiting, the panel.
  "$bin" record --out "$work/ref/" --size "$size" --fps $fps --duration "$secs" \
    --seed 1 --theme screen > /dev/null
fi
n=$(ls "$work/ref" | wc -l)
echo "| codec | setting | Mbit/s | SSIM (all) | SSIM (Y) |"
echo "|---|---|---|---|---|"
measure() { # NAME FILE
  local bytes; bytes=$(stat -c %s "$2")
  local mbit; mbit=$(python3 -c "print(f'{$bytes*8/($n/$fps)/1e6:.2f}')")
  local ssim
  ssim=$(ffmpeg -hide_banner -nostats -i "$2" -framerate $fps -i "$work/ref/frame-%06d.png" \
    -lavfi "[0:v]format=yuv444p[a];[1:v]format=yuv444p[b];[a][b]ssim" -f null - 2>&1 \
    | grep -o 'Y:[0-9.]* .*All:[0-9.]*' | tail -1)
  local y all
  y=$(echo "$ssim" | sed 's/^Y:\([0-9.]*\).*/\1/')
  all=$(echo "$ssim" | sed 's/.*All:\([0-9.]*\)/\1/')
  echo "| $1 | $mbit | $all | $y |"
}
for crf in 18 21 24 27 30; do
  for preset in veryfast medium; do
    out="$work/x264-$preset-$crf.mp4"
    ffmpeg -hide_banner -loglevel error -y -framerate $fps -i "$work/ref/frame-%06d.png" \
      -c:v libx264 -preset $preset -crf $crf -pix_fmt yuv420p "$out"
    measure "H.264 | $preset, CRF $crf" "$out"
  done
done
for crf in 32 38 44; do
  out="$work/vp9-$crf.webm"
  ffmpeg -hide_banner -loglevel error -y -framerate $fps -i "$work/ref/frame-%06d.png" \
    -c:v libvpx-vp9 -b:v 0 -crf $crf -deadline realtime -cpu-used 8 -row-mt 1 \
    -pix_fmt yuv420p "$out"
  measure "VP9 | realtime, CRF $crf" "$out"
done
