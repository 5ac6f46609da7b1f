//! Faults in front of a room or during an unattended render: a full disk, no graphics
//! driver, no display, a panic inside a system. Each ends with one clear line and
//! nothing half-written under an output's name.

use std::process::Command;

use crate::common::{headless, names};

/// Two short parts, no customers or panel: quick to film for a handout.
const SESSION: &str = r#"(
    title: (en: "Full", nl: "Vol"),
    seed: 2,
    acts: [
        (
            caption: (en: (title: "One", text: ["One."]), nl: (title: "Een", text: ["Een."])),
            params: (initial_employees: 60, max_employees: 90),
            duration: 0.5,
            show: (customers: false, panel: false),
        ),
        (
            caption: (en: (title: "Two", text: ["Two."]), nl: (title: "Twee", text: ["Twee."])),
            duration: 0.5,
            show: (customers: false, panel: false),
        ),
    ],
)"#;

/// The lines of stderr that say something went wrong.
fn error_lines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("bolwerk:") || l.starts_with("error:"))
        .collect()
}

/// Runs `bolwerk ARGS` in a fresh tmpfs of `size` (a mount namespace of its own, made
/// with `unshare`, so no root is needed), and returns its exit code, its stderr and
/// what was left in the folder. Inputs come from elsewhere, by absolute path.
fn on_a_small_disk(size: &str, args: &[&str]) -> (i32, String, Vec<String>) {
    on_a_tmpfs(&format!("size={size}"), args)
}

/// The same on a tmpfs mounted with `options` (`ro` for a read-only folder).
fn on_a_tmpfs(options: &str, args: &[&str]) -> (i32, String, Vec<String>) {
    let found = Command::new("sh")
        .args(["-c", "command -v unshare"])
        .output()
        .unwrap();
    assert!(found.status.success(), "unshare (util-linux) is missing");
    let dir = tempfile::tempdir().unwrap();
    let runtime = tempfile::tempdir().unwrap();
    let script = r#"
        set -u
        mount -t tmpfs -o "$OPTIONS" tmpfs "$D" || { echo "mount failed" >&2; exit 99; }
        cd "$D"
        "$BIN" "$@" 2> "$ERR"
        code=$?
        echo "exit=$code"
        ls -A "$D"
        cat "$ERR" >&2
    "#;
    let out = Command::new("unshare")
        .args(["-rm", "sh", "-c", script, "sh"])
        .args(args)
        .env("BIN", env!("CARGO_BIN_EXE_bolwerk"))
        .env("D", dir.path())
        .env("OPTIONS", options)
        .env("ERR", runtime.path().join("stderr"))
        .env("XDG_RUNTIME_DIR", runtime.path())
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_ne!(
        out.status.code(),
        Some(99),
        "could not mount a tmpfs: {stderr}"
    );
    let mut lines = stdout.lines();
    let code = lines
        .next()
        .and_then(|l| l.strip_prefix("exit="))
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no exit code: {stdout}\n{stderr}"));
    let left = lines
        .map(str::to_string)
        .filter(|n| !n.is_empty())
        .collect();
    (code, stderr, left)
}

#[test]
fn a_full_disk_is_one_line_and_leaves_nothing_behind() {
    let inputs = tempfile::tempdir().unwrap();
    let session = inputs.path().join("s.ron");
    std::fs::write(&session, SESSION).unwrap();
    let session = session.to_str().unwrap();
    let cases: [(&str, Vec<&str>); 4] = [
        (
            "64k",
            vec![
                "simulate",
                "--until-employees",
                "3000",
                "--every",
                "1",
                "--out",
                "out.csv",
            ],
        ),
        (
            "512k",
            vec![
                "record",
                "--out",
                "frames/",
                "--size",
                "640x360",
                "--duration",
                "2",
                "--fps",
                "10",
            ],
        ),
        (
            "256k",
            vec![
                "record",
                "--out",
                "v.mp4",
                "--size",
                "640x360",
                "--duration",
                "3",
                "--quality",
                "high",
            ],
        ),
        (
            "64k",
            vec!["handout", session, "--out", "h.pdf", "--size", "640x360"],
        ),
    ];
    for (size, args) in cases {
        let (code, stderr, left) = on_a_small_disk(size, &args);
        let errors = error_lines(&stderr);
        assert!(code == 1 || code == 2, "{args:?}: exit {code}\n{stderr}");
        assert_eq!(errors.len(), 1, "{args:?}: {stderr}");
        assert!(
            errors[0].contains("No space left") || errors[0].contains("space"),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(left.is_empty(), "{args:?} left {left:?}\n{stderr}");
    }
}

#[test]
fn no_graphics_driver_is_one_line_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("none.json"), "{}").unwrap();
    let out = headless(&["record", "--out", "x.mp4", "--duration", "1"], dir.path())
        .env("VK_ICD_FILENAMES", dir.path().join("none.json"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("no graphics driver") && stderr.contains("VK_ICD_FILENAMES"),
        "{stderr}"
    );
    assert_eq!(names(dir.path()), vec!["none.json".to_string()]);
}

#[test]
fn no_display_is_one_line_and_exit_1_for_the_demo_and_the_presenter() {
    for args in [
        &["demo"][..],
        &["present"],
        &["present", "--console", "--audience"],
    ] {
        let dir = tempfile::tempdir().unwrap();
        let out = headless(args, dir.path()).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.contains("no display"), "{args:?}: {stderr}");
        assert!(names(dir.path()).is_empty());
    }
}

#[test]
fn a_panic_writes_a_crash_report_says_where_and_leaves_no_output() {
    for (args, outputs) in [
        (
            &[
                "simulate",
                "--until-employees",
                "2000",
                "--out",
                "out.csv",
                "--seed",
                "42",
            ][..],
            "out.csv",
        ),
        (
            &[
                "record",
                "--out",
                "v.mp4",
                "--size",
                "320x180",
                "--duration",
                "3",
                "--seed",
                "42",
            ],
            "v.mp4",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let out = headless(args, dir.path())
            .env(bolwerk::crash::PANIC_AFTER_FRAMES, "15")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(bolwerk::crash::EXIT_CODE),
            "{args:?}: {stderr}"
        );
        let errors = error_lines(&stderr);
        assert_eq!(errors.len(), 1, "{args:?}: {stderr}");
        assert!(!stderr.contains("stack backtrace"), "{args:?}: {stderr}");
        // The one line names the report, which is the only file left.
        let left = names(dir.path());
        assert_eq!(
            left.len(),
            1,
            "{args:?} left {left:?} ({outputs} must not be there)"
        );
        let report_name = &left[0];
        assert!(report_name.starts_with("bolwerk-crash-") && report_name.ends_with(".txt"));
        assert!(errors[0].contains(report_name.as_str()), "{}", errors[0]);
        let report = std::fs::read_to_string(dir.path().join(report_name)).unwrap();
        for words in [
            concat!("bolwerk ", env!("CARGO_PKG_VERSION")),
            "command line:",
            args[0],
            "seed: 42",
            "last counts: step ",
            "employees",
            "panicked at",
            bolwerk::crash::PANIC_AFTER_FRAMES,
            "backtrace:",
        ] {
            assert!(
                report.contains(words),
                "{args:?}: `{words}` missing from\n{report}"
            );
        }
    }
}

#[test]
fn an_output_in_a_read_only_folder_is_refused_before_any_work() {
    for args in [
        &["simulate", "--until-employees", "300", "--out", "out.csv"][..],
        &["simulate", "--until-employees", "300", "--plot", "p.svg"],
        &["record", "--out", "v.mp4", "--duration", "1"],
        &["record", "--out", "frames/", "--duration", "1"],
        &["handout", "--out", "h.pdf"],
    ] {
        let (code, stderr, left) = on_a_tmpfs("ro", args);
        let errors = error_lines(&stderr);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert_eq!(errors.len(), 1, "{args:?}: {stderr}");
        assert!(
            errors[0].contains("Read-only file system"),
            "{args:?}: {stderr}"
        );
        assert!(left.is_empty(), "{args:?}: {left:?}");
    }
}

/// A crash in `present`, in front of a room: the report, and a card on screen (a
/// process of its own) that names it and says how to go on; a key closes the card.
const CRASH_IN_FRONT_OF_A_ROOM: &str = r#"
set -u
cd "$D"
"$BIN" present --windowed --width 800 --height 450 --lang nl --act 3 2> present.err
echo "exit=$?"
window_named "$TITLE" >/dev/null && echo "card shown"
sleep 1
press_in "$TITLE" space
for _ in $(seq 1 40); do
  xdotool search --name "$TITLE" >/dev/null 2>&1 || { echo "card closed"; break; }
  sleep 0.25
done
"#;

#[test]
fn a_crash_in_front_of_a_room_leaves_a_card_that_names_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let title =
        bolwerk::i18n::Texts::new(bolwerk::i18n::Lang::NL).get(bolwerk::i18n::Msg::CrashCardWindow);
    let out = crate::common::script_under_xvfb(CRASH_IN_FRONT_OF_A_ROOM, 120)
        .env("D", dir.path())
        .env("TITLE", &title)
        .env("XDG_RUNTIME_DIR", dir.path())
        .env(bolwerk::crash::PANIC_AFTER_FRAMES, "30")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    let err = std::fs::read_to_string(dir.path().join("present.err")).unwrap_or_default();
    assert!(
        said.contains(&format!("exit={}", bolwerk::crash::EXIT_CODE)),
        "{said}\n{err}"
    );
    assert!(said.contains("card shown"), "{said}\n{err}");
    assert!(said.contains("card closed"), "{said}");
    let report = names(dir.path())
        .into_iter()
        .find(|n| n.starts_with("bolwerk-crash-"))
        .expect("a crash report");
    assert!(err.contains(&report), "{err}");
    let text = std::fs::read_to_string(dir.path().join(&report)).unwrap();
    assert!(text.contains("part: 3"), "{text}");
}
