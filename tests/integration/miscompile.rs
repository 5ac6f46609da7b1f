//! The rustc miscompile that `src/scene/layout.rs` works around is real, and its
//! workaround is sound: `tests/repro/view_rect_miscompile.rs`, built with this machine's
//! rustc at every opt-level, gives the right grid with a `match` and, for rustc 1.95,
//! a wrong one with the `if` that the workaround avoids.
//!
//! When a newer rustc no longer miscompiles the `if`, the second assertion says so:
//! the workaround (and this test) can then go. The unit test in `layout.rs` fails if
//! the workaround is removed while the bug is present.

use std::path::Path;
use std::process::Command;

/// The four views of a two-by-two grid of 1280×720 less a 340-pixel panel.
const RIGHT: &str = "[0, 0, 470, 360] [470, 0, 470, 360] [0, 360, 470, 360] [470, 360, 470, 360]";

/// What the reproducer prints when built at `level`: the `if` form's line and the
/// `match` form's.
fn run_at(level: u32, dir: &Path) -> (String, String) {
    let source = crate::common::repo().join("tests/repro/view_rect_miscompile.rs");
    let exe = dir.join(format!("repro-{level}"));
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let built = Command::new(&rustc)
        .args(["--edition", "2024", "-C"])
        .arg(format!("opt-level={level}"))
        .arg(source)
        .arg("-o")
        .arg(&exe)
        .output()
        .expect("rustc runs");
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let out = Command::new(&exe).output().expect("the reproducer runs");
    let text = String::from_utf8(out.stdout).unwrap();
    let line = |form: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{form}: ")))
            .unwrap_or_else(|| panic!("no `{form}:` line in {text}"))
            .to_string()
    };
    (line("if"), line("match"))
}

#[test]
fn the_match_is_right_at_every_opt_level_and_rustc_still_needs_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut wrong_if = Vec::new();
    for level in 0..=3 {
        let (with_if, with_match) = run_at(level, dir.path());
        assert_eq!(with_match, RIGHT, "the match form at opt-level {level}");
        if with_if != RIGHT {
            wrong_if.push(level);
        }
    }
    let version = Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()))
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    assert!(
        !wrong_if.is_empty(),
        "{version} builds the `if` form right at every opt-level: the workaround in \
         src/scene/layout.rs may go (check its unit test with the `if` put back)"
    );
}
