# The README's commands. `make demo` opens the window (or, without a display, renders
# a short video offscreen); `make test` runs every test. Both install what they need.

export CARGO_TARGET_DIR ?= $(HOME)/.cache/bolwerk-target
export XDG_RUNTIME_DIR ?= $(shell d=/tmp/bolwerk-runtime-$$(id -u); mkdir -p $$d; chmod 700 $$d; echo $$d)

.PHONY: deps demo test check bench

deps:
	@scripts/install-deps.sh

# With a display: the window. Without one: the same scene and panel, rendered offscreen
# into a ten-second video, bolwerk-growth.mp4 (replaced if it exists).
demo: deps
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		cargo run -- demo; \
	else \
		echo "make demo: no display, so recording bolwerk-growth.mp4 offscreen instead"; \
		cargo run -- record --out bolwerk-growth.mp4 --force --duration 10 --speed 4; \
	fi

test: deps
	cargo test --workspace

# What `make test` leaves out to stay quick, and CI runs after it: the model's tests with
# debug assertions and overflow checks on (a build of their own, see Cargo.toml), the
# grid against a kd-tree at 200k agents, and a build of the benchmarks, so none rots.
check: deps
	cargo test -p bolwerk-model --profile checked --features bench
	cargo build -p bolwerk-model --profile checked --features bench --benches

bench: deps
	cargo bench -p bolwerk-model --features bench --bench scaling
	cargo bench -p bolwerk-model --features bench --bench contacts
	cargo bench -p bolwerk-model --features bench --bench motion
