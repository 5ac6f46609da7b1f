# The README's commands. `make demo` opens the window (or, without a display, renders
# a short video offscreen); `make test` runs every test. Both install what they need.

export CARGO_TARGET_DIR ?= $(HOME)/.cache/bolwerk-target
export XDG_RUNTIME_DIR ?= $(shell d=/tmp/bolwerk-runtime-$$(id -u); mkdir -p $$d; chmod 700 $$d; echo $$d)

.PHONY: deps demo test bench

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

bench: deps
	cargo bench -p bolwerk-model --bench scaling
	cargo bench -p bolwerk-model --bench contacts
