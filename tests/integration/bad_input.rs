//! Bad input, refused the same way every time: exit code 2, one error line that names
//! what was wrong and where (the flag, the file, the field or line), no panic and no
//! backtrace, and nothing written. Across the command line, parameter files and
//! scenario files; the audience API's bad requests are in `audience.rs`.

use std::collections::BTreeSet;
use std::path::Path;

use crate::common::headless;

/// A parameter file, and a scenario, that are good: the cases change one thing.
const PARAMS: &str = "(rho: 1.0, initial_employees: 50, max_employees: 400)";
const SCENARIO: &str = r#"(
    title: (en: "T", nl: "T"),
    seed: 1,
    acts: [
        (
            caption: (en: (title: "A", text: ["a"]), nl: (title: "A", text: ["a"])),
            params: (initial_employees: 40, max_employees: 200),
            ACT
        ),
    ],
)"#;

fn scenario(act: &str) -> Vec<u8> {
    SCENARIO.replace("ACT", act).into_bytes()
}

/// One case: the arguments, the files to put beside them, and words the error line
/// must hold.
struct Case {
    args: &'static [&'static str],
    files: Vec<(&'static str, Vec<u8>)>,
    words: &'static [&'static str],
}

fn case(args: &'static [&'static str], words: &'static [&'static str]) -> Case {
    Case {
        args,
        files: Vec::new(),
        words,
    }
}

fn with(
    args: &'static [&'static str],
    file: &'static str,
    content: impl Into<Vec<u8>>,
    words: &'static [&'static str],
) -> Case {
    Case {
        args,
        files: vec![(file, content.into())],
        words,
    }
}

fn params(content: &str) -> Vec<u8> {
    content.as_bytes().to_vec()
}

fn cases() -> Vec<Case> {
    let garbage: Vec<u8> = (0..200u8).map(|b| b.wrapping_mul(37)).collect();
    let latin1 = b"(rho: 1.0) // caf\xe9\n".to_vec();
    vec![
        // The command line: numbers zero, negative, not a number, infinite, huge.
        case(
            &["simulate", "--until-employees", "0"],
            &["--until-employees 0"],
        ),
        case(
            &["simulate", "--until-employees=-5"],
            &["-5", "--until-employees"],
        ),
        case(
            &["simulate", "--until-employees", "99999999999"],
            &["--until-employees"],
        ),
        case(
            &["simulate", "--until-employees", "6000"],
            &["--until-employees 6000", "cap"],
        ),
        case(&["simulate", "--ticks=-1"], &["--ticks"]),
        case(&["simulate", "--ticks", "NaN"], &["--ticks"]),
        case(&["simulate", "--every", "0"], &["--every"]),
        case(&["simulate", "--seed=-1"], &["--seed"]),
        case(&["simulate", "--seed", "1e3"], &["--seed"]),
        case(&["simulate", "--shape", "disc", "--t", "NaN"], &["t"]),
        case(&["simulate", "--shape", "disc", "--t", "inf"], &["t"]),
        case(&["simulate", "--shape", "disc", "--t", "0"], &["t"]),
        case(&["simulate", "--shape", "cells", "--r-max=-3"], &["r_max"]),
        case(&["simulate", "--rotation", "NaN"], &["rotation"]),
        case(&["simulate", "--rotation", "2"], &["rotation"]),
        case(&["simulate", "--reach-window", "0"], &["reach_window"]),
        case(&["simulate", "--shape", "cube"], &["--shape", "cube"]),
        case(&["simulate", "--speling"], &["--speling"]),
        case(&["simulate", "--every", "5", "--every", "6"], &["--every"]),
        // Outputs: a wrong kind, a missing folder, one there already.
        case(&["simulate", "--out", "x.txt"], &["--out", "x.txt"]),
        case(&["simulate", "--plot", "x.gif"], &["--plot", "x.gif"]),
        case(
            &["simulate", "--out", "missing/folder/x.csv"],
            &["--out", "missing/folder/x.csv"],
        ),
        with(
            &["simulate", "--out", "there.csv"],
            "there.csv",
            "old",
            &["there.csv", "--force"],
        ),
        case(&["handout", "--out", "x.txt"], &["--out", "x.txt"]),
        with(
            &["handout", "--out", "there.pdf"],
            "there.pdf",
            "old",
            &["there.pdf", "--force"],
        ),
        case(&["page", "--out", "x.txt"], &["--out", "x.txt"]),
        with(
            &["page", "--out", "there.html"],
            "there.html",
            "old",
            &["there.html", "--force"],
        ),
        with(
            &["page", "--out", "p.html", "--params", "disc.ron"],
            "disc.ron",
            "(shape: Disc(t: 5.0))",
            &["sphere", "disc"],
        ),
        // A run's options mean nothing to the model's exact curve: refused, not ignored.
        case(
            &["page", "--out", "p.html", "--rotation", "0.1"],
            &["--rotation"],
        ),
        case(
            &["page", "--out", "p.html", "--lang", "xx"],
            &["--lang", "xx"],
        ),
        case(&["record", "--out", "x.avi"], &["--out", "x.avi"]),
        with(
            &["record", "--out", "there.mp4"],
            "there.mp4",
            "old",
            &["there.mp4", "--force"],
        ),
        case(
            &["record", "--out", "missing/folder/x.mp4"],
            &["missing/folder/x.mp4"],
        ),
        case(&["record", "--out", "x.mp4", "--size", "0x0"], &["--size"]),
        case(
            &["record", "--out", "x.mp4", "--size", "99999x99999"],
            &["--size"],
        ),
        case(
            &["record", "--out", "x.mp4", "--size", "wide"],
            &["--size", "wide"],
        ),
        case(&["record", "--out", "x.mp4", "--fps", "0"], &["--fps"]),
        case(
            &["record", "--out", "x.mp4", "--duration", "0"],
            &["--duration"],
        ),
        case(
            &["record", "--out", "x.mp4", "--duration=-2"],
            &["--duration"],
        ),
        case(
            &["record", "--out", "x.mp4", "--duration", "NaN"],
            &["--duration"],
        ),
        case(
            &["record", "--out", "x.mp4", "--duration", "inf"],
            &["--duration"],
        ),
        case(
            &["record", "--out", "x.mp4", "--employees", "0"],
            &["--employees"],
        ),
        case(&["present", "--part", "0"], &["--part"]),
        case(&["present", "--part", "99"], &["--part 99"]),
        // The old name still works.
        case(&["present", "--act", "99"], &["--part 99"]),
        case(&["present", "--font-scale", "10"], &["font scale"]),
        // The debrief's table would replace the log: refused before the session, not
        // found after it.
        case(
            &[
                "present",
                "--audience",
                "--debrief",
                "d",
                "--audience-log",
                "d/debrief.csv",
            ],
            &["--debrief", "answers' log"],
        ),
        case(&["debrief", "none.csv", "--out", "x.pdf"], &["none.csv"]),
        // Parameter files.
        with(&["simulate", "--params", "p.ron"], "p.ron", "", &["p.ron"]),
        with(
            &["simulate", "--params", "p.ron"],
            "p.ron",
            garbage.clone(),
            &["p.ron"],
        ),
        with(
            &["simulate", "--params", "p.ron"],
            "p.ron",
            latin1,
            &["p.ron"],
        ),
        with(
            &["simulate", "--params", "p.ron"],
            "p.ron",
            scenario(""),
            &["p.ron"],
        ),
        with(
            &["simulate", "--params", "p.ron"],
            "p.ron",
            params("(rho: 1.0, speed: 3.0)"),
            &["p.ron", "speed"],
        ),
        with(
            &["simulate", "--params", "p.ron"],
            "p.ron",
            params("(rho: 1.0, rho: 2.0)"),
            &["p.ron", "rho"],
        ),
        with(
            &["simulate", "--params", "p.ron"],
            "p.ron",
            params("(rho: \"many\")"),
            &["p.ron"],
        ),
        with(
            &["simulate", "--params", "p.ron"],
            "p.ron",
            params("(rho: NaN)"),
            &["p.ron", "rho"],
        ),
        with(
            &["simulate", "--params", "p.ron"],
            "p.ron",
            params("(rho: inf)"),
            &["p.ron", "rho"],
        ),
        with(
            &["simulate", "--params", "p.ron"],
            "p.ron",
            params("(rho_c: -0.5)"),
            &["p.ron", "rho_c"],
        ),
        with(
            &["simulate", "--params", "p.ron"],
            "p.ron",
            params("(d: 0.0)"),
            &["p.ron", "d"],
        ),
        with(
            &["simulate", "--params", "p.ron"],
            "p.ron",
            params("(max_employees: 4000000000)"),
            &["p.ron", "max_employees"],
        ),
        case(&["simulate", "--params", "nowhere.ron"], &["nowhere.ron"]),
        // Scenario files.
        with(
            &["record", "--scenario", "s.ron", "--out", "x.mp4"],
            "s.ron",
            "",
            &["s.ron"],
        ),
        with(
            &["record", "--scenario", "s.ron", "--out", "x.mp4"],
            "s.ron",
            garbage,
            &["s.ron"],
        ),
        with(
            &["record", "--scenario", "s.ron", "--out", "x.mp4"],
            "s.ron",
            b"(title: (en: \"\xff\"))".to_vec(),
            &["s.ron"],
        ),
        with(
            &["record", "--scenario", "s.ron", "--out", "x.mp4"],
            "s.ron",
            params(PARAMS),
            &["s.ron"],
        ),
        with(
            &["record", "--scenario", "s.ron", "--out", "x.mp4"],
            "s.ron",
            params("(title: (en: \"T\", nl: \"T\"), seed: 1, acts: [])"),
            &["s.ron", "part"],
        ),
        with(
            &["record", "--scenario", "s.ron", "--out", "x.mp4"],
            "s.ron",
            scenario("until_employees: 999,"),
            &["s.ron", "until_employees"],
        ),
        with(
            &["record", "--scenario", "s.ron", "--out", "x.mp4"],
            "s.ron",
            scenario("duration: -1.0,"),
            &["s.ron", "duration"],
        ),
        with(
            &["record", "--scenario", "s.ron", "--out", "x.mp4"],
            "s.ron",
            scenario("duration: NaN,"),
            &["s.ron", "duration"],
        ),
        with(
            &["record", "--scenario", "s.ron", "--out", "x.mp4"],
            "s.ron",
            scenario("pace: 2.0,"),
            &["s.ron", "pace"],
        ),
        with(
            &["record", "--scenario", "s.ron", "--out", "x.mp4"],
            "s.ron",
            scenario("duration: 1.0, duration: 2.0,"),
            &["s.ron", "duration"],
        ),
        with(
            &["handout", "s.ron", "--out", "x.pdf"],
            "s.ron",
            scenario("hold: inf,"),
            &["s.ron", "hold"],
        ),
        case(
            &["record", "--scenario", "nowhere.ron", "--out", "x.mp4"],
            &["nowhere.ron"],
        ),
    ]
}

fn listing(dir: &Path) -> BTreeSet<String> {
    crate::common::names(dir).into_iter().collect()
}

#[test]
fn bad_input_is_refused_with_exit_code_2_one_line_and_nothing_written() {
    let cases = cases();
    assert!(cases.len() >= 60, "{} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let dir = tempfile::tempdir().unwrap();
        for (name, content) in &case.files {
            std::fs::write(dir.path().join(name), content).unwrap();
        }
        let before = listing(dir.path());
        let out = headless(case.args, dir.path()).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        let errors: Vec<&str> = err
            .lines()
            .filter(|l| l.starts_with("error:") || l.starts_with("bolwerk: error:"))
            .collect();
        let wrong = if out.status.code() != Some(2) {
            Some(format!("exit {:?}", out.status.code()))
        } else if errors.len() != 1 {
            Some(format!("{} error lines", errors.len()))
        } else if let Some(word) = case.words.iter().find(|w| !errors[0].contains(*w)) {
            Some(format!("the error line does not name `{word}`"))
        } else if err.contains("panicked") || err.contains("backtrace") {
            Some("a panic".into())
        } else if listing(dir.path()) != before {
            Some(format!(
                "wrote {:?}",
                listing(dir.path()).difference(&before).collect::<Vec<_>>()
            ))
        } else {
            None
        };
        if let Some(wrong) = wrong {
            failures.push(format!("{:?}: {wrong}\n{err}", case.args));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
