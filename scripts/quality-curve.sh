#!/usr/bin/env bash
# Size against SSIM for bolwerk's video encoders (issue 20, BENCHMARKS.md "Video size").
#
# Renders the same seconds of bolwerk once as lossless PNG frames, encodes them with
# each candidate setting, and measures each video's bitrate and its SSIM against the
# PNG frames (ffmpeg's ssim filter, both sides in full-resolution 4:4:4, so chroma
# subsampling counts as loss). Usage:
#   [ROWS=presets] scripts/quality-curve.sh [WxH] [SECONDS] [WORKDIR]
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
echo "| codec | setting | Mbit/s | SSIM (all) | SSIM (Y) | encode s |"
echo "|---|---|---|---|---|---|"
measure() { # NAME FILE SECONDS
  local bytes; bytes=$(stat -c %s "$2")
  local mbit; mbit=$(python3 -c "print(f'{$bytes*8/($n/$fps)/1e6:.2f}')")
  # The video is decoded to raw frames first and read back at the reference's rate:
  # paired by timestamps, WebM's millisecond clock (0.033, 0.067, ...) matched every
  # third frame with the frame before it, which SSIM took for loss.
  local ssim
  ssim=$(ffmpeg -hide_banner -loglevel error -i "$2" -fps_mode passthrough \
      -f rawvideo -pix_fmt yuv444p - \
    | ffmpeg -hide_banner -nostats -f rawvideo -pix_fmt yuv444p -s "$size" -framerate $fps \
      -i - -framerate $fps -i "$work/ref/frame-%06d.png" \
      -lavfi "[1:v]format=yuv444p[b];[0:v][b]ssim" -f null - 2>&1 \
    | grep -o 'Y:[0-9.]* .*All:[0-9.]*' | tail -1)
  local y all
  y=$(echo "$ssim" | sed 's/^Y:\([0-9.]*\).*/\1/')
  all=$(echo "$ssim" | sed 's/.*All:\([0-9.]*\)/\1/')
  echo "| $1 | $mbit | ${all:0:6} | ${y:0:6} | $3 |"
}
encode() { # NAME OUT ARGS...
  local name=$1 out=$2; shift 2
  local t0; t0=$(date +%s.%N)
  ffmpeg -hide_banner -loglevel error -y -framerate $fps -i "$work/ref/frame-%06d.png" "$@" "$out"
  local secs; secs=$(python3 -c "print(f'{$(date +%s.%N)-$t0:.0f}')")
  measure "$name" "$out" "$secs"
}
# Before issue 20 every MP4 was veryfast CRF 18 and every WebM realtime CRF 32: the
# baselines. The presets (src/record/encoder.rs, Quality): H.264 medium at CRF 28, 24
# and 20; VP9 good, speed 4, at CRF 45, 38 and 32. ROWS=presets measures only those.
encode "H.264 | before: veryfast, CRF 18" "$work/x264-veryfast-18.mp4" \
  -c:v libx264 -preset veryfast -crf 18 -pix_fmt yuv420p
if [ "${ROWS:-curve}" = curve ]; then
  crfs="18 20 22 24 26 28 30"
else
  crfs="20 24 28"
fi
for crf in $crfs; do
  encode "H.264 | medium, CRF $crf" "$work/x264-medium-$crf.mp4" \
    -c:v libx264 -preset medium -crf $crf -pix_fmt yuv420p
done
if [ "${ROWS:-curve}" = curve ]; then
  encode "H.264 | veryfast, CRF 24" "$work/x264-veryfast-24.mp4" \
    -c:v libx264 -preset veryfast -crf 24 -pix_fmt yuv420p
  encode "H.264 | medium, tune animation, CRF 24" "$work/x264-anim-24.mp4" \
    -c:v libx264 -preset medium -tune animation -crf 24 -pix_fmt yuv420p
fi
encode "VP9 | before: realtime, speed 8, CRF 32" "$work/vp9-rt-32.webm" \
  -c:v libvpx-vp9 -b:v 0 -crf 32 -deadline realtime -cpu-used 8 -row-mt 1 -pix_fmt yuv420p
if [ "${ROWS:-curve}" = curve ]; then
  encode "VP9 | realtime, speed 8, CRF 40" "$work/vp9-rt-40.webm" \
    -c:v libvpx-vp9 -b:v 0 -crf 40 -deadline realtime -cpu-used 8 -row-mt 1 -pix_fmt yuv420p
fi
if [ "${ROWS:-curve}" = curve ]; then
  vp9="46 45 40 38 34 32 28"
else
  vp9="45 38 32"
fi
for crf in $vp9; do
  encode "VP9 | good, speed 4, CRF $crf" "$work/vp9-good-$crf.webm" \
    -c:v libvpx-vp9 -b:v 0 -crf $crf -deadline good -cpu-used 4 -row-mt 1 -pix_fmt yuv420p
done
