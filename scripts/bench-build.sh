#!/usr/bin/env bash
# The cost of building and testing bolwerk from scratch: a fresh clone of REF and an
# empty target folder, then the build `make demo` makes (`cargo build`), then the
# tests `make test` runs (`cargo test --workspace`), then the target folder's size.
# Prints one line per step; BENCHMARKS.md ("Build") records them. Run it on an idle
# machine: it takes the better part of an hour on two cores.
#
#   scripts/bench-build.sh [REF]      (default: HEAD)
#
# The clone and its target folder are removed at the end. System packages must be
# installed already (scripts/install-deps.sh).
set -euo pipefail
ref="${1:-HEAD}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q "$repo" "$work/clone"
git -C "$work/clone" checkout -q "$ref"
export CARGO_TARGET_DIR="$work/target"
export XDG_RUNTIME_DIR="$work/runtime"
mkdir -m 700 "$XDG_RUNTIME_DIR"
cd "$work/clone"
avx512=no
grep -q avx512f /proc/cpuinfo && avx512=yes
echo "ref: $(git rev-parse --short HEAD); cpu: $(lscpu | sed -n 's/^Model name: *//p'), AVX-512: $avx512"
cargo fetch -q
start=$SECONDS
cargo build -q 2>/dev/null
echo "make demo's build (cargo build): $((SECONDS - start)) s"
start=$SECONDS
tests=$(cargo test -q --workspace 2>&1 | grep -E "^test result:" | awk '{s += $4} END {print s}')
echo "make test after it (cargo test --workspace): $((SECONDS - start)) s, $tests tests passed"
echo "target folder: $(du -sh "$CARGO_TARGET_DIR" | cut -f1)"
echo "largest executables (the binary and the test binaries; those over 50 MB link Bevy):"
find "$CARGO_TARGET_DIR/debug" -maxdepth 2 -type f -executable -size +50M -exec du -h {} + | sort -h
