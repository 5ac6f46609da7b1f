# The README's commands. `make demo` opens the window (or, without a display, runs
# the headless simulation); `make test` runs every test. Both install what they need.

export CARGO_TARGET_DIR ?= $(HOME)/.cache/bolwerk-target
export XDG_RUNTIME_DIR ?= $(shell d=/tmp/bolwerk-runtime-$$(id -u); mkdir -p $$d; chmod 700 $$d; echo $$d)

.PHONY: deps demo test bench

deps:
	@scripts/install-deps.sh

# With a display: the window. Without one: the same model headless, to bolwerk-run.csv.
demo: deps
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		cargo run -- demo; \
	else \
		echo "make demo: no display, so running the model headless into bolwerk-run.csv"; \
		cargo run -- simulate --every 50 --out bolwerk-run.csv; \
	fi

test: deps
	cargo test --workspace

bench: deps
	cargo bench -p bolwerk-model --bench contacts
