//! What the rendering tests share.

use std::process::Command;

/// `bolwerk` under a fresh Xvfb screen of 1280×720, stopped after ten minutes, with
/// Wayland out of the way. Fails the test, saying how to fix it, if `xvfb-run` is
/// missing.
pub fn bolwerk_under_xvfb() -> Command {
    let xvfb = Command::new("sh")
        .args(["-c", "command -v xvfb-run"])
        .output()
        .unwrap();
    assert!(
        xvfb.status.success(),
        "xvfb-run is missing: run `make deps` (or scripts/install-deps.sh) first"
    );
    let mut command = Command::new("timeout");
    command
        .args(["600", "xvfb-run", "-a", "-s", "-screen 0 1280x720x24"])
        .arg(env!("CARGO_BIN_EXE_bolwerk"))
        .env_remove("WAYLAND_DISPLAY");
    command
}
