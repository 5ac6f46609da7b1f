//! What the test modules share.

use std::path::{Path, PathBuf};
use std::process::Command;

use bevy::color::Color;

/// The checkout under test. Read when the test runs (cargo sets it), not baked in at
/// compile time: clones that share one target folder share the test binary too, and a
/// path baked in by one clone would point the others at its files, or at nothing once
/// it is deleted.
pub fn repo() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

/// `c` at its own alpha over the opaque `under`, blended in linear light as the
/// renderer does (a recorded frame shows exactly this).
pub fn over(c: Color, under: Color) -> Color {
    let (top, bottom) = (c.to_linear(), under.to_linear());
    let a = top.alpha;
    Color::linear_rgb(
        top.red * a + bottom.red * (1.0 - a),
        top.green * a + bottom.green * (1.0 - a),
        top.blue * a + bottom.blue * (1.0 - a),
    )
}

/// `bolwerk` under a fresh Xvfb screen of 1280×720, stopped after ten minutes, with
/// Wayland out of the way. Fails the test, saying how to fix it, if `xvfb-run` is
/// missing.
pub fn bolwerk_under_xvfb() -> Command {
    bolwerk_under_xvfb_sized("1280x720")
}

/// [`bolwerk_under_xvfb`] on a virtual screen of `size` (`WIDTHxHEIGHT`), for windows
/// as large as a projector's.
pub fn bolwerk_under_xvfb_sized(size: &str) -> Command {
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
        .args(["600", "xvfb-run", "-a", "-s"])
        .arg(format!("-screen 0 {size}x24"))
        .arg(env!("CARGO_BIN_EXE_bolwerk"))
        .env_remove("WAYLAND_DISPLAY");
    command
}

/// Shell functions a script run by [`script_under_xvfb`] can call: `window_named
/// PATTERN` prints the id of the first window whose title holds PATTERN, waiting up to
/// 30 s for it (a window is not always there the moment its app draws), or prints
/// nothing; `press_in PATTERN KEY` focuses that window and presses KEY; `holds FILE
/// TEXT` waits up to a minute for FILE (a window's dumped texts, a log) to hold TEXT.
const WINDOW_FUNCTIONS: &str = r#"
window_named() {
  for _ in $(seq 1 120); do
    w=$(xdotool search --name "$1" 2>/dev/null | head -1)
    [ -n "$w" ] && { echo "$w"; return 0; }
    sleep 0.25
  done
  return 1
}
press_in() {
  w=$(window_named "$1") || { echo "no window $1"; return 1; }
  xdotool windowfocus --sync "$w" && xdotool key --clearmodifiers "$2"
}
holds() { # FILE TEXT: waits up to a minute for FILE to hold TEXT
  for _ in $(seq 1 240); do
    grep -qF "$2" "$1" 2>/dev/null && return 0
    sleep 0.25
  done
  return 1
}
"#;

/// `script` run by `sh` under a fresh Xvfb screen of 1280×720, stopped after `secs`
/// seconds, with `$BIN` the bolwerk under test, [`WINDOW_FUNCTIONS`] defined and
/// Wayland out of the way. Fails the test, saying how to fix it, if `xvfb-run` or
/// `xdotool` is missing.
pub fn script_under_xvfb(script: &str, secs: u32) -> Command {
    let found = Command::new("sh")
        .args(["-c", "command -v xvfb-run && command -v xdotool"])
        .output()
        .unwrap();
    assert!(
        found.status.success(),
        "xvfb-run or xdotool is missing: run `make deps` (or scripts/install-deps.sh) first"
    );
    let mut command = Command::new("timeout");
    command
        .arg(secs.to_string())
        .args(["xvfb-run", "-a", "-s", "-screen 0 1280x720x24", "sh", "-c"])
        .arg(format!("{WINDOW_FUNCTIONS}\n{script}"))
        .env("BIN", env!("CARGO_BIN_EXE_bolwerk"))
        .env_remove("WAYLAND_DISPLAY");
    command
}

/// The names in `dir`, hidden ones included, sorted; not the runtime folder that
/// [`headless`] makes there.
pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != ".runtime")
        .collect();
    names.sort();
    names
}

/// `bolwerk ARGS` run to its end in `dir` with no display (see [`headless`]).
pub fn run(args: &[&str], dir: &Path) -> std::process::Output {
    headless(args, dir).output().expect("the binary runs")
}

/// Fails the test, with the exit status and stderr, unless `out` is a success.
pub fn ok(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `bolwerk` with `args`, run in `dir` with no display at all, its runtime folder
/// (`.runtime`) inside `dir`.
pub fn headless(args: &[&str], dir: &Path) -> Command {
    let runtime = dir.join(".runtime");
    std::fs::create_dir_all(&runtime).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_bolwerk"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("XDG_RUNTIME_DIR", runtime);
    cmd
}

/// The pixels of dark, nearly neutral text in a frame of the projector theme: its text
/// colour and the anti-aliased edges; not the blue and orange agents, but the grey
/// customers too (hide them).
pub fn text_pixels(frame: &image::RgbImage) -> usize {
    frame
        .pixels()
        .filter(|p| {
            let (lo, hi) = (p.0.iter().min().unwrap(), p.0.iter().max().unwrap());
            *hi < 110 && hi - lo < 30
        })
        .count()
}

/// A child whose whole process group is killed when this is dropped, whether the test
/// passed or failed: `timeout` (which [`script_under_xvfb`] and [`bolwerk_under_xvfb`]
/// start with) leads a group of its own, with Xvfb and bolwerk in it; a child spawned
/// with `process_group(0)` leads one too.
pub struct Reaped(pub std::process::Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        if let Some(pid) = i32::try_from(self.0.id())
            .ok()
            .and_then(rustix::process::Pid::from_raw)
        {
            let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The processes whose command line holds `needle`, as (pid, command line).
pub fn processes_with(needle: &str) -> Vec<(u32, String)> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| *pid != std::process::id())
        .filter_map(|pid| {
            let raw = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
            let line = String::from_utf8_lossy(&raw).replace('\0', " ");
            line.contains(needle).then_some((pid, line))
        })
        .collect()
}
