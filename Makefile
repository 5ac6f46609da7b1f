# The README's commands. `make demo` opens the window (or, without a display, runs
# the headless simulation); `make test` runs every test. Both install what they need.

export CARGO_TARGET_DIR ?= $(HOME)/.cache/bolwerk-target
export XDG_RUNTIME_DIR ?= $(shell d=/tmp/bolwerk-runtime-$$(id -u); mkdir -p $$d; chmod 700 $$d; echo $$d)

.PHONY: deps demo test bench

deps:
	@scripts/install-deps.sh

demo: deps
	cargo run --

test: deps
	cargo test --workspace

bench: deps
	cargo bench -p bolwerk-model --bench contacts
