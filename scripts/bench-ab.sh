#!/usr/bin/env bash
# The 1M count of two builds of the model, in one process, interleaved count by count
# (scripts/bench-ab/main.rs): the old build as a baseline in the same run, on the same
# machine at the same moment. Separate bench binaries run one after the other also
# differ in code layout and in what else the machine did between them; see
# BENCHMARKS.md, "Scale: the 1M count after the contacts split (issue 17)".
#
#   scripts/bench-ab.sh OLD_REF [ROUNDS] [EMPLOYEES]
#
# The new side is the working tree's model. Runs twice, each side building its
# population first once. Needs an idle machine: it times.
set -euo pipefail

root=$(git rev-parse --show-toplevel)
old=${1:?usage: scripts/bench-ab.sh OLD_REF [ROUNDS] [EMPLOYEES]}
rounds=${2:-100}
employees=${3:-931390}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/old" "$work/new" "$work/driver/src"
git -C "$root" archive "$old" model | tar -x -C "$work/old" --strip-components=1
cp -r "$root/model/src" "$root/model/Cargo.toml" "$work/new/"
for side in old new; do
    # A crate of its own: renamed, outside the workspace, without its benches.
    sed -i -e "s/^name = \"bolwerk-model\"/name = \"bolwerk-model-$side\"/" \
        -e '/^\[lints\]/,/^$/d' -e '/^\[\[bench\]\]/,/^$/d' \
        -e '/^\[dev-dependencies\]/,/^$/d' "$work/$side/Cargo.toml"
    rm -rf "$work/$side/benches" "$work/$side/tests" "$work/$side/examples"
done
cp "$root/scripts/bench-ab/main.rs" "$work/driver/src/main.rs"
cat > "$work/driver/Cargo.toml" <<'EOF'
[package]
name = "bench-ab"
version = "0.0.0"
edition = "2024"

[dependencies]
old = { package = "bolwerk-model-old", path = "../old" }
new = { package = "bolwerk-model-new", path = "../new" }

[workspace]
EOF
target=${AB_TARGET:-$HOME/.cache/bolwerk-ab-target}
cargo build --quiet --release --manifest-path "$work/driver/Cargo.toml" --target-dir "$target"
echo "old: $(git -C "$root" rev-parse --short "$old"), new: the working tree ($(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet -- model || echo ', changed'))"
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), avx512f: $(grep -q avx512f /proc/cpuinfo && echo yes || echo no)"
"$target/release/bench-ab" "$rounds" "$employees"
"$target/release/bench-ab" "$rounds" "$employees" new-first
