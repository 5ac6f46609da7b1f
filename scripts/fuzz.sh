#!/usr/bin/env bash
# Fuzzes the parameter file parser with cargo fuzz (the nightly toolchain, libFuzzer)
# for SECONDS (default 600), starting from the shipped parameter files, and prints the
# executions and the coverage libFuzzer reached. A crash is saved under
# fuzz/artifacts/params/ and becomes a regression test (model/tests/). Installs
# cargo-fuzz if it is missing.
#
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds=${1:-600}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
mkdir -p corpus/params
# Its own target folder: instrumented builds must not mix with the shared one.
env -u CARGO_TARGET_DIR cargo +nightly fuzz run params corpus/params seeds/params -- \
  -max_total_time="$seconds" -print_final_stats=1 2>&1 | tee /tmp/bolwerk-fuzz-params.log | tail -25
