#!/usr/bin/env bash
# The renderer on a real GPU: record offscreen (no display needed) at 1920x1080 with
# 100k employees and lines on, and print frames per second and where the time went.
# The target is 60 frames per second (BENCHMARKS.md, "On a GPU").
#
# On a machine without internet, build here first (`cargo build`) and carry the binary
# at $CARGO_TARGET_DIR/debug/bolwerk; it needs the Vulkan loader (libvulkan1) there.
#
#   scripts/bench-gpu.sh [BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-${CARGO_TARGET_DIR:-$HOME/.cache/bolwerk-target}/debug/bolwerk}"
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for n in 10000 100000; do
  printf '%s employees, 1920x1080, lines on: ' "$n"
  "$bin" record --out "$out/frames/" --force --size 1920x1080 --fps 60 --duration 3 \
    --employees "$n" --report-timing | tr '\n' ' '
  echo
done
