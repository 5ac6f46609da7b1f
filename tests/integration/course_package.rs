//! A recorded session for course platforms: its text version and described video are
//! told from the recording's own counts, and its SCORM 1.2 package plays in Chromium
//! inside a host page with a real run-time (scorm-again), asks each question, checks a
//! right and a wrong answer (taken by keyboard alone), picks up where a learner left
//! off, and leaves the run-time holding completion and score.
//!
//! The fixture session (tests/fixtures/course/session.ron) has a growing part, a
//! question with options, a question answered with a number (tolerance 4 points), a
//! question answered with a sketch (asked without a score), and a part with its own
//! description. What the tests expect comes from the manifest and
//! the session file, not from the outputs under test.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::common::{headless, ok};
use crate::course::as_srt;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/course/session.ron"
);

/// Records the fixture as `s.webm` in `dir`, with `extra` options.
fn record(dir: &Path, extra: &[&str]) -> Value {
    std::fs::copy(FIXTURE, dir.join("session.ron")).unwrap();
    let mut args = vec![
        "record",
        "--scenario",
        "session.ron",
        "--out",
        "s.webm",
        "--size",
        "192x108",
        "--fps",
        "10",
    ];
    args.extend_from_slice(extra);
    ok(&headless(&args, dir).output().expect("the binary runs"));
    serde_json::from_slice(&std::fs::read(dir.join("s.webm.json")).unwrap()).unwrap()
}

/// A share (0 to 1) in percent as `lang` writes it, to one decimal.
fn percent(share: f64, lang: &str) -> String {
    let s = format!("{:.1}", share * 100.0);
    if lang == "nl" { s.replace('.', ",") } else { s }
}

/// The texts of SubRip cues, in order (the lines after each time).
fn cue_texts(srt: &str) -> Vec<String> {
    srt.replace("\r\n", "\n")
        .split("\n\n")
        .filter_map(|cue| {
            let mut lines = cue.lines();
            lines.find(|l| l.contains(" --> "))?;
            Some(lines.collect::<Vec<_>>().join("\n"))
        })
        .collect()
}

/// `M:SS`, as the text version writes a part's start.
fn minutes(secs: f64) -> String {
    let s = secs.floor() as u64;
    format!("{}:{:02}", s / 60, s % 60)
}

#[test]
fn a_recording_tells_what_it_shows_from_its_own_counts() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let manifest = record(d, &[]);
    let acts = manifest["acts"].as_array().unwrap();
    let n = |k: usize| acts[k]["employees"].as_u64().unwrap();
    let f = |k: usize, key: &str| acts[k][key].as_f64().unwrap();
    // Independent of the text version: the growing parts end at their targets, and
    // the last part's counts are the video's last frame's.
    assert_eq!((0..5).map(n).collect::<Vec<_>>(), [60, 90, 120, 100, 100]);
    let last = &manifest["final"];
    let (c, i) = (
        last["customer"].as_f64().unwrap(),
        last["internal"].as_f64().unwrap(),
    );
    assert_eq!(f(4, "customer_share"), c / (c + i));

    let titles = [
        ("en", ["First", "Second", "Third", "Sketch", "Fourth"]),
        ("nl", ["Eerste", "Tweede", "Derde", "Schets", "Vierde"]),
    ];
    for (lang, titles) in titles {
        let txt = std::fs::read_to_string(d.join(format!("s.{lang}.transcript.txt"))).unwrap();
        let pc = |x: f64| percent(x, lang);
        for (k, title) in titles.iter().enumerate() {
            let heading = match lang {
                "en" => format!(
                    "Part {} of 5 (from {}): {title}",
                    k + 1,
                    minutes(f(k, "start_secs"))
                ),
                _ => format!(
                    "Deel {} van 5 (vanaf {}): {title}",
                    k + 1,
                    minutes(f(k, "start_secs"))
                ),
            };
            assert!(txt.contains(&heading), "{lang}: {heading}\n{txt}");
        }
        // The parts without a question: the share counted and expected at their end.
        for k in [0, 4] {
            let told = match lang {
                "en" => format!(
                    "With {} employees, {}% of all contacts are customer contacts; the model’s exact expectation is {}%.",
                    n(k),
                    pc(f(k, "customer_share")),
                    pc(f(k, "expected_share"))
                ),
                _ => format!(
                    "Bij {} medewerkers is {}% van alle contacten een klantcontact; de exacte verwachting van het model is {}%.",
                    n(k),
                    pc(f(k, "customer_share")),
                    pc(f(k, "expected_share"))
                ),
            };
            assert!(txt.contains(&told), "{lang}, part {}: {told}\n{txt}", k + 1);
        }
        // The questions: the answer the recording counted, and the option that holds it.
        let (a2, a3) = (f(1, "answer"), f(2, "answer"));
        let (answer2, answer3, option) = match lang {
            "en" => (
                format!(
                    "With 90 employees, {}% of all contacts are customer contacts (counted in the simulation).",
                    pc(a2)
                ),
                format!(
                    "With 120 employees, {}% of them are in customer contact right now (counted in the simulation).",
                    pc(a3)
                ),
                format!(
                    "The right answer is {}.",
                    if a2 < 0.5 { "A: few" } else { "B: many" }
                ),
            ),
            _ => (
                format!(
                    "Bij 90 medewerkers is {}% van alle contacten een klantcontact (geteld in de simulatie).",
                    pc(a2)
                ),
                format!(
                    "Bij 120 medewerkers heeft nu {}% van hen klantcontact (geteld in de simulatie).",
                    pc(a3)
                ),
                format!(
                    "Het goede antwoord is {}.",
                    if a2 < 0.5 { "A: weinig" } else { "B: veel" }
                ),
            ),
        };
        for expected in [&answer2, &answer3, &option] {
            assert!(txt.contains(expected.as_str()), "{lang}: {expected}\n{txt}");
        }
        let own = if lang == "en" {
            "The camera stays where it is."
        } else {
            "De camera blijft staan."
        };
        assert!(txt.contains(own), "{txt}");

        let html = std::fs::read_to_string(d.join(format!("s.{lang}.transcript.html"))).unwrap();
        assert!(html.contains(&format!("<html lang=\"{lang}\">")));
        assert!(html.contains(&answer3) && html.contains(own));
        let escaped = if lang == "en" {
            "Q&amp;A: &lt;one&gt; of two."
        } else {
            "V&amp;A: &lt;een&gt; van twee."
        };
        assert!(html.contains(escaped), "{html}");

        // The described video: a WebVTT file ffmpeg reads, one cue per part and two
        // per question, the same in the file and in the WebM.
        let file = format!("s.{lang}.descriptions.vtt");
        let described = as_srt(d, &["-i", &file]);
        let cues = cue_texts(&described);
        assert_eq!(cues.len(), 8, "{described}");
        assert!(
            cues[2].contains(&answer2) && cues[4].contains(&answer3),
            "{cues:?}"
        );
        // Only the numbers on screen are told: the panel is off while the questions
        // are asked, so a held question tells no share.
        let held = match lang {
            "en" => "The organisation stays at 60 employees while the question is on screen.",
            _ => "Zolang de vraag in beeld is, blijft de organisatie 60 medewerkers groot.",
        };
        assert_eq!(cues[1], held);
        assert!(cues[7].ends_with(own), "{cues:?}");
        // The WebM's text tracks: subtitles in English and Dutch, then descriptions.
        let track = if lang == "en" { "0:s:2" } else { "0:s:3" };
        assert_eq!(
            as_srt(d, &["-i", "s.webm", "-map", track]),
            described,
            "{lang}"
        );
    }
    // The chapters as WebVTT: the WebM's chapters, titles and times alike.
    let chapters = as_srt(d, &["-i", "s.chapters.vtt"]);
    assert_eq!(
        cue_texts(&chapters),
        [
            "First",
            "Second: question",
            "Second: answer",
            "Third: question",
            "Third: answer",
            "Sketch: question",
            "Sketch: answer",
            "Fourth"
        ]
    );
    let starts: Vec<f64> = acts
        .iter()
        .map(|a| a["start_secs"].as_f64().unwrap())
        .collect();
    for start in starts {
        let ms = (start * 1000.0).round() as u64;
        let clock = format!(
            "{:02}:{:02},{:03} -->",
            ms / 60_000,
            ms / 1000 % 60,
            ms % 1000
        );
        assert!(
            chapters.contains(&clock),
            "a chapter starts at {clock}\n{chapters}"
        );
    }
}

/// The browser test's npm packages (tests/browser/package.json, at the versions its
/// lock file pins), installed by `npm ci` into ~/.cache/bolwerk-npm when they are not
/// there yet: the test's own setup, never part of bolwerk. Their node_modules folder.
fn npm_modules() -> PathBuf {
    let ours = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let home = std::env::var_os("HOME").expect("HOME is set");
    let cache = Path::new(&home).join(".cache/bolwerk-npm");
    let lock = std::fs::read(ours.join("package-lock.json")).unwrap();
    let modules = cache.join("node_modules");
    let current = std::fs::read(cache.join("package-lock.json")).ok();
    if current.as_deref() != Some(&lock[..]) || !modules.join("scorm-again").is_dir() {
        std::fs::create_dir_all(&cache).unwrap();
        std::fs::copy(ours.join("package.json"), cache.join("package.json")).unwrap();
        std::fs::write(cache.join("package-lock.json"), &lock).unwrap();
        let out = Command::new("timeout")
            .args(["300", "npm", "ci", "--no-audit", "--no-fund", "--silent"])
            .current_dir(&cache)
            .output()
            .expect("npm runs (scripts/install-deps.sh installs it)");
        assert!(
            out.status.success(),
            "npm ci in {} failed (the first run fetches the packages from the npm registry, \
             and needs it; later runs use them from there): {}",
            cache.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    modules
}

/// Plays the unpacked package at `pkg` in Chromium with `plan` (one action per
/// question: tests/browser/course.mjs), writing screenshots to `shots` if given.
fn play(pkg: &Path, plan: &Value, shots: Option<&Path>) -> Value {
    let modules = npm_modules();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/course.mjs");
    let mut cmd = Command::new("node");
    cmd.arg(script)
        .arg(pkg)
        .arg(modules.join("scorm-again/dist/scorm12.js"))
        .arg(plan.to_string())
        .env("BOLWERK_NPM", &modules);
    if let Some(shots) = shots {
        cmd.arg(shots);
    }
    let out = cmd
        .output()
        .expect("node runs (scripts/install-deps.sh installs it)");
    assert!(
        out.status.success(),
        "course.mjs: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_course_package_asks_checks_and_reports_to_a_scorm_run_time() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let manifest = record(d, &["--package", "course.zip"]);
    assert!(strings(&manifest["files"]).contains(&"course.zip".to_owned()));

    // The package: every file its manifest names is in the zip, and nothing else.
    let listed = Command::new("unzip")
        .args(["-Z1", "course.zip"])
        .current_dir(d)
        .output()
        .unwrap();
    ok(&listed);
    let mut zipped: Vec<String> = String::from_utf8(listed.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    ok(&Command::new("unzip")
        .args(["-q", "course.zip", "-d", "pkg"])
        .current_dir(d)
        .output()
        .unwrap());
    let pkg = d.join("pkg");
    let xml = std::fs::read_to_string(pkg.join("imsmanifest.xml")).unwrap();
    let mut named: Vec<String> = xml
        .split("<file href=\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_owned())
        .collect();
    named.push("imsmanifest.xml".into());
    named.sort();
    zipped.sort();
    assert_eq!(named, zipped);
    assert!(xml.contains("<schemaversion>1.2</schemaversion>"));
    assert!(xml.contains("adlcp:scormtype=\"sco\" href=\"index.html\""));
    for name in [
        "index.html",
        "s.webm",
        "s.en.vtt",
        "s.nl.vtt",
        "s.en.descriptions.vtt",
        "s.chapters.vtt",
        "s.nl.transcript.html",
    ] {
        assert!(zipped.contains(&name.to_owned()), "{name} in {zipped:?}");
    }
    // The video and its tracks are the recording's own.
    for name in ["s.webm", "s.en.descriptions.vtt", "s.chapters.vtt"] {
        assert_eq!(
            std::fs::read(pkg.join(name)).unwrap(),
            std::fs::read(d.join(name)).unwrap(),
            "{name}"
        );
    }
    // The page asks for nothing outside the package.
    let page = std::fs::read_to_string(pkg.join("index.html")).unwrap();
    assert!(!page.contains("http:") && !page.contains("https:") && !page.contains("src=\"//"));
    for src in page
        .split(" src=\"")
        .skip(1)
        .map(|r| &r[..r.find('"').unwrap()])
    {
        assert!(zipped.contains(&src.to_owned()), "{src} is in the package");
    }

    // What the recording counted: the right option, and the number question's answer
    // as the screen shows it (one decimal).
    let acts = manifest["acts"].as_array().unwrap();
    let share = acts[1]["answer"].as_f64().unwrap();
    let right = usize::from(share >= 0.5);
    let counted = (acts[2]["answer"].as_f64().unwrap() * 1000.0).round() / 10.0;
    // Within the fixture's tolerance of 4 points, and well outside it.
    let near = if counted + 3.5 <= 100.0 {
        counted + 3.5
    } else {
        counted - 3.5
    };
    let far = if counted >= 50.0 {
        counted - 20.0
    } else {
        counted + 20.0
    };
    let typed = |x: f64| format!("{x:.1}").replace('.', ",");
    let letter = |i: usize| char::from(b'a' + i as u8).to_string();
    let (start, end) = (
        acts[1]["start_secs"].as_f64().unwrap(),
        acts[1]["end_secs"].as_f64().unwrap(),
    );

    let shots = std::env::var_os("BOLWERK_SHOTS").map(PathBuf::from);
    for (plan, choice_right, number_right) in [
        (
            serde_json::json!([{"choose": 1 - right}, {"number": typed(near)}, {"show": true}]),
            false,
            true,
        ),
        (
            serde_json::json!([{"choose": right}, {"number": typed(far)}, {"show": true}]),
            true,
            false,
        ),
    ] {
        let out = play(&pkg, &plan, shots.as_deref().filter(|_| !choice_right));
        assert_eq!(out["errors"], serde_json::json!([]), "{out}");
        // Every file asked for was there, and every call the page made to the
        // run-time was accepted.
        let statuses = out["responses"].as_array().unwrap();
        assert!(
            statuses.iter().all(|s| s == 200 || s == 206),
            "{statuses:?}"
        );
        let calls = out["calls"].as_array().unwrap();
        assert!(calls.len() > 20, "{calls:?}");
        for call in calls {
            assert_eq!(call["error"], "0", "{call}");
        }
        let called = |name: &str| calls.iter().filter(|c| c["name"] == name).count();
        assert_eq!(
            (called("LMSInitialize"), called("LMSFinish")),
            (2, 2),
            "one visit, then another"
        );
        let set = |key: &str| -> Vec<String> {
            calls
                .iter()
                .filter(|c| c["name"] == "LMSSetValue" && c["args"][0] == key)
                .map(|c| c["args"][1].as_str().unwrap().to_owned())
                .collect()
        };
        // Leaving unfinished suspends the attempt; leaving at the end does not.
        assert_eq!(set("cmi.core.exit"), ["suspend", ""]);
        assert_eq!(set("cmi.core.session_time").len(), 2);
        assert!(
            set("cmi.core.session_time")
                .iter()
                .all(|t| t.len() == 10 && t.as_bytes()[4] == b':'),
            "HHHH:MM:SS"
        );
        let requests = strings(&out["requests"]);
        let origin = requests[0].split("/package/").next().unwrap().to_owned();
        assert!(origin.starts_with("http://127.0.0.1:"), "{origin}");
        assert!(
            requests
                .iter()
                .all(|r| r.starts_with(&origin) || r.starts_with("data:")),
            "only the package's own files: {requests:?}"
        );
        // Without a run-time, the page still asks and answers.
        assert!(
            out["plain"].as_str().unwrap().contains("90 employees"),
            "{out}"
        );

        let q = &out["questions"];
        let verdict = |ok: bool| if ok { "verdict right" } else { "verdict wrong" };
        // Skipped past, each question stopped the video at its own moment and asked.
        for k in 0..3 {
            assert_eq!(
                q[k]["first"],
                "Answer the question first; then the video goes on."
            );
            assert_eq!(q[k]["paused"], true);
            // Asked before its answer shows: what the picture shows does not tell it.
            let described = q[k]["described"].as_str().unwrap();
            assert!(
                !described.contains("counted in the simulation"),
                "{described}"
            );
            assert_eq!(q[k]["focusedAfter"], "video");
            assert_eq!(q[k]["focused"], "quiz-title");
            assert!(q[k]["after"].as_f64().unwrap() > q[k]["time"].as_f64().unwrap());
        }
        let at = q[0]["time"].as_f64().unwrap();
        assert!(start < at && at < end, "{at} within part 2 ({start}–{end})");
        assert_eq!(q[0]["title"], "Question 1 of 3");
        assert_eq!(q[0]["ask"], "How many? </script><!--<script> & more");
        assert_eq!(strings(&q[0]["options"]), ["A. few", "B. many"]);
        assert_eq!(q[0]["verdict"], verdict(choice_right));
        let said = strings(&q[0]["said"]);
        assert!(
            said[1].contains(&format!("{}%", percent(share, "en"))),
            "{said:?}"
        );
        assert_eq!(
            said[2],
            format!("The right answer is {}.", ["A: few", "B: many"][right])
        );
        assert_eq!(q[1]["title"], "Question 2 of 3");
        assert_eq!(q[1]["numberField"], true);
        assert_eq!(q[1]["verdict"], verdict(number_right));
        let said = strings(&q[1]["said"]);
        assert!(said[1].contains(&format!("{counted:.1}%")), "{said:?}");
        assert_eq!(
            said[2],
            "An answer within 4 percentage points of the counted share is right."
        );
        // A sketch is drawn on paper: the page shows the answer, without a verdict.
        assert_eq!(q[2]["title"], "Question 3 of 3");
        assert_eq!(q[2]["verdict"], "");
        let sketched = percent(acts[3]["answer"].as_f64().unwrap(), "en");
        assert_eq!(
            strings(&q[2]["said"]),
            [format!(
                "With 100 employees, {sketched}% of all contacts are customer contacts (counted in the simulation). The model’s exact expectation: {}%.",
                percent(acts[3]["expected_share"].as_f64().unwrap(), "en")
            )]
        );

        assert_eq!(
            out["score"],
            "You have seen the whole video. You answered 1 of 2 questions right."
        );
        let described = out["described"].as_str().unwrap();
        assert!(
            described.ends_with("The camera stays where it is."),
            "{described}"
        );

        // What the run-time holds, as it would send it to the platform: on opening,
        // an attempt under way with no score yet.
        let started = &out["started"];
        assert_eq!(
            (&started["lesson_status"], &started["score_raw"]),
            (&"incomplete".into(), &"".into())
        );
        assert_eq!(
            (&started["score_min"], &started["score_max"]),
            (&"0".into(), &"100".into())
        );
        let chosen = if choice_right { right } else { 1 - right };
        let number = if number_right { near } else { far };
        let result = |ok: bool| if ok { "correct" } else { "wrong" };
        // When the learner left after the first question: its answer, the score so
        // far, the place and what is done; leaving ended that visit.
        let left = &out["left"];
        assert_eq!(left["lesson_status"], "incomplete");
        assert_eq!(left["score_raw"], if choice_right { "50" } else { "0" });
        assert_eq!(
            left["interactions"],
            serde_json::json!([{"id": "q1", "type": "choice", "student_response": letter(chosen), "result": result(choice_right), "pattern": letter(right)}]),
            "{out}"
        );
        let kept: Value = serde_json::from_str(left["suspend_data"].as_str().unwrap()).unwrap();
        assert_eq!(
            (&kept["next"], &kept["right"]),
            (&1.into(), &u8::from(choice_right).into())
        );
        assert!(
            kept["key"].as_str().unwrap().starts_with("bolwerk-"),
            "{kept}"
        );
        assert_eq!(
            (&left["last_error"], &left["finished"]),
            (&"0".into(), &"true".into())
        );
        // Back later, the page goes on where the learner left, not asking again.
        let place: f64 = left["lesson_location"].as_str().unwrap().parse().unwrap();
        let resumed = &out["resumed"];
        assert!(
            (resumed["time"].as_f64().unwrap() - place).abs() < 0.05,
            "{out}"
        );
        assert!(
            (place - at).abs() < 0.2,
            "{place} is where the first question was asked ({at})"
        );
        assert_eq!(resumed["asking"], false);
        // At the end: completed, the score over both visits, the second answer.
        let rt = &out["runtime"];
        assert_eq!(rt["lesson_status"], "completed");
        assert_eq!(
            (&rt["score_raw"], &rt["score_min"], &rt["score_max"]),
            (&"50".into(), &"0".into(), &"100".into())
        );
        assert_eq!(rt["last_error"], "0");
        assert_eq!(
            rt["interactions"],
            serde_json::json!([
                {"id": "q2", "type": "numeric", "student_response": format!("{number:.1}").trim_end_matches(".0").to_owned(), "result": result(number_right), "pattern": format!("{counted}")},
            ]),
            "{out}"
        );
        // Leaving the page ends the attempt.
        assert_eq!(out["finished"], "true");
    }
}

/// A package is refused before anything is filmed: without a session, for a GIF or
/// PNG frames (a course player plays MP4 or WebM), under a name that is not a .zip,
/// or over a file that exists (unless --force).
#[test]
fn a_package_is_refused_before_filming_where_it_cannot_be() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(FIXTURE, d.join("session.ron")).unwrap();
    std::fs::write(d.join("taken.zip"), "old").unwrap();
    for (args, says) in [
        (&["--out", "a.webm", "--package", "c.zip"][..], "--scenario"),
        (
            &[
                "--scenario",
                "session.ron",
                "--out",
                "a.gif",
                "--package",
                "c.zip",
            ][..],
            "MP4 or WebM",
        ),
        (
            &[
                "--scenario",
                "session.ron",
                "--out",
                "a.webm",
                "--package",
                "c.scorm",
            ][..],
            ".zip",
        ),
        (
            &[
                "--scenario",
                "session.ron",
                "--out",
                "a.webm",
                "--package",
                "taken.zip",
            ][..],
            "--force",
        ),
    ] {
        let mut full = vec!["record"];
        full.extend_from_slice(args);
        let out = headless(&full, d).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    let mut left = crate::common::names(d);
    left.sort();
    assert_eq!(left, ["session.ron", "taken.zip"], "nothing written");
    assert_eq!(std::fs::read_to_string(d.join("taken.zip")).unwrap(), "old");
}
