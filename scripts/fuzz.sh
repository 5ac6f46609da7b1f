#!/usr/bin/env bash
# Fuzzes bolwerk's parsers with cargo fuzz (the nightly toolchain, libFuzzer) for
# SECONDS each (default 600), from the shipped files as seeds, and prints each run's
# executions and the coverage libFuzzer reached:
#   params    the parameter file parser (fuzz/, the model crate alone: builds in seconds)
#   scenario  the scenario parser            (fuzz/app, which links Bevy: the first
#   audience  the audience's request decoding  build takes 20-40 minutes)
# A crash is saved under the fuzz folder's artifacts/ and becomes a regression test.
# Installs cargo-fuzz if it is missing.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("${@:-params scenario audience}")
read -r -a targets <<<"${targets[*]}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
for target in "${targets[@]}"; do
  case $target in
    params) dir=fuzz sanitizer=address ;;
    # Bevy's build under AddressSanitizer is slower still; the app's parsers are safe
    # Rust, so coverage guidance is what counts.
    scenario | audience) dir=fuzz/app sanitizer=none ;;
    *) echo "fuzz: no target $target" >&2; exit 2 ;;
  esac
  mkdir -p "$dir/corpus/$target"
  echo "== $target"
  # Their own target folders: instrumented builds must not mix with the shared one.
  (cd "$dir" && env -u CARGO_TARGET_DIR cargo +nightly fuzz run --fuzz-dir . -s "$sanitizer" \
    "$target" "corpus/$target" "seeds/$target" -- \
    -max_total_time="$seconds" -print_final_stats=1 2>&1) | tee "/tmp/bolwerk-fuzz-$target.log" |
    grep -E "INITED|DONE|stat::|ERROR|panicked|crash" || true
done
