//! Scenarios: the shipped ones are sound, bad ones are refused clearly, acts apply as
//! scripted and going back restores an act exactly, and the presenter's keys (a
//! clicker's included) reach the right intents. Headless: no window, no GPU.

use std::path::{Path, PathBuf};
use std::process::Command;

use bevy::prelude::*;
use bolwerk::i18n::{Lang, Msg, Texts};
use bolwerk::intent::{
    Asked, IntentPlugin, Measure, Overlay, ScenarioCommand, Stage, ViewSettings,
};
use bolwerk::look::question_text;
use bolwerk::scenario::kinds::Kind;
use bolwerk::scenario::play::{ScenarioPlugin, ScenarioState};
use bolwerk::scenario::{Scenario, ScenarioError};
use bolwerk::screen::Draft;
use bolwerk::screen::bindings::{ActiveBindings, presenter_bindings};
use bolwerk::screen::keys::KeysPlugin;
use bolwerk::screen::view::ViewPlugin;
use bolwerk::sim::ContactStats;
use bolwerk::sim::compare::{CompareSettings, CompareWorldsPlugin};
use bolwerk::sim::headless::headless_app;
use bolwerk::sim::{Sim, SimPlugin, SimSettings};

use crate::common;

fn scenarios_dir() -> PathBuf {
    crate::common::repo().join("assets/scenarios")
}

#[test]
fn every_shipped_scenario_parses_validates_and_speaks_both_languages() {
    let mut n = 0;
    for entry in std::fs::read_dir(scenarios_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "ron") {
            continue;
        }
        let scenario = Scenario::load(&path).unwrap_or_else(|e| panic!("{e}"));
        assert!(!scenario.acts.is_empty());
        for (i, act) in scenario.acts.iter().enumerate() {
            let caption = act
                .caption
                .as_ref()
                .unwrap_or_else(|| panic!("act {}", i + 1));
            for &lang in Lang::all() {
                let c = caption.get(lang);
                assert!(
                    !c.title.is_empty() && !c.text.is_empty(),
                    "act {} {lang:?}",
                    i + 1
                );
            }
            assert_ne!(
                caption.get(Lang::EN),
                caption.get(Lang::NL),
                "act {}: not translated",
                i + 1
            );
        }
        n += 1;
    }
    assert!(n >= 1);
    // The shipped session credits the essay in its first act, and has the two acts the
    // training needs.
    let shipped = Scenario::load_or_shipped(None).unwrap();
    let first = &shipped.acts[0]
        .caption
        .as_ref()
        .unwrap()
        .get(Lang::EN)
        .text
        .join(" ");
    assert!(
        first.contains("Paul Iske") && first.contains("Interne klanten") && first.contains("2017")
    );
    assert!(
        shipped
            .acts
            .iter()
            .any(|a| a.show.internal_customers == Some(true))
    );
    assert!(
        shipped
            .acts
            .iter()
            .any(|a| a.compare.as_ref().is_some_and(|c| c.len() >= 2))
    );
    // At least two questions for the room, one with options and one for a number.
    let questions: Vec<_> = shipped
        .acts
        .iter()
        .filter_map(|a| a.question.as_ref())
        .collect();
    assert!(questions.len() >= 2, "{} questions", questions.len());
    assert!(questions.iter().any(|q| q.options.len() >= 2));
    assert!(questions.iter().any(|q| q.options.is_empty()));
    for (i, act) in shipped.acts.iter().enumerate() {
        // Notes for the trainer on every part, in both languages.
        let notes = act
            .notes
            .as_ref()
            .unwrap_or_else(|| panic!("act {}: no notes", i + 1));
        assert_ne!(
            notes.get(Lang::EN),
            notes.get(Lang::NL),
            "act {}: notes not translated",
            i + 1
        );
        // A caption reads aloud in under 15 seconds: at a presenter's 2.4 words a
        // second, at most 36 words with its title.
        for &lang in Lang::all() {
            let c = act.caption.as_ref().unwrap().get(lang);
            let words = c.title.split_whitespace().count()
                + c.text
                    .iter()
                    .map(|t| t.split_whitespace().count())
                    .sum::<usize>();
            assert!(words <= 36, "act {} {lang:?}: {words} words", i + 1);
        }
    }
}

const GOOD_ACT: &str = r#"(
            caption: (
                en: (title: "One", text: ["A sentence."]),
                nl: (title: "Een", text: ["Een zin."]),
            ),
            duration: 2.0,
        )"#;

fn refused(text: &str, act: Option<usize>, line: usize, says: &str) {
    let err: ScenarioError = Scenario::from_ron_str(text, Path::new("bad.ron")).unwrap_err();
    let msg = err.to_string();
    assert_eq!((err.act, err.line), (act, line), "{msg}");
    assert!(
        msg.starts_with(&format!("bad.ron:{line}:{}: ", err.column)) && err.column >= 1,
        "{msg}"
    );
    if let Some(a) = act {
        assert!(msg.contains(&format!("part {a}: ")), "{msg}");
    }
    assert!(msg.contains(says), "{msg} lacks {says:?}");
}

#[test]
fn bad_scenarios_are_refused_with_file_act_and_line() {
    let head = "(\n    title: (en: \"T\", nl: \"T\"),\n    acts: [\n        ";
    // Malformed: a missing comma in act 2 (after line 12, found at line 13).
    let malformed = format!(
        "{head}{GOOD_ACT},\n        (\n            duration: 2.0\n            hold: 1.0,\n        ),\n    ],\n)"
    );
    refused(&malformed, Some(2), 13, "comma");
    // An unknown field in act 2.
    let unknown =
        format!("{head}{GOOD_ACT},\n        (\n            colour: 3,\n        ),\n    ],\n)");
    refused(&unknown, Some(2), 12, "colour");
    // A missing caption in act 2.
    let missing =
        format!("{head}{GOOD_ACT},\n        (\n            duration: 2.0,\n        ),\n    ],\n)");
    refused(&missing, Some(2), 11, "no caption");
    // An impossible parameter in act 1, on its own line.
    let impossible = format!(
        "{head}(\n            caption: (en: (title: \"a\", text: [\"b\"]), nl: (title: \"c\", text: [\"d\"])),\n            params: (\n                d: -1.0,\n            ),\n        ),\n    ],\n)"
    );
    refused(&impossible, Some(1), 7, "`d` = -1");
    // A target above the cap.
    let unreachable = format!(
        "{head}(\n            caption: (en: (title: \"a\", text: [\"b\"]), nl: (title: \"c\", text: [\"d\"])),\n            params: (max_employees: 100),\n            until_employees: 500,\n        ),\n    ],\n)"
    );
    refused(&unreachable, Some(1), 7, "above the cap");
}

#[test]
fn a_bad_scenario_stops_present_and_record_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    std::fs::write(
        &bad,
        "(\n  title: (en: \"T\", nl: \"T\"),\n  acts: [ (duration: 1.0) ],\n)",
    )
    .unwrap();
    for args in [
        vec!["present", bad.to_str().unwrap()],
        vec![
            "record",
            "--scenario",
            bad.to_str().unwrap(),
            "--out",
            "x.gif",
        ],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_bolwerk"))
            .args(&args)
            .current_dir(dir.path())
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
        assert!(
            stderr.contains("bad.ron:3:11: part 1: no caption"),
            "{stderr}"
        );
        assert!(!dir.path().join("x.gif").exists());
    }
}

/// A folder with the session `bolwerk new` writes, `ours.ron`: the folder, the file and
/// its text.
fn new_session() -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    common::ok(&common::run(&["new", "ours.ron"], dir.path()));
    let path = dir.path().join("ours.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    (dir, path, text)
}

/// `bolwerk check` with `args`, run in `dir`: its exit code, stdout and stderr.
fn check(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = common::run(&[&["check"], args].concat(), dir);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `check` reports every problem at once, each at its line and column, in the order of
/// the file; a syntax error is one problem where the parser stopped.
#[test]
fn check_reports_every_problem_at_its_line_and_column() {
    let head = "(\n    title: (en: \"T\", nl: \"T\"),\n    parts: [\n";
    let text = format!(
        "{head}        (\n            caption: (en: (title: \"a\", text: [\"b\"]), nl: (title: \"c\", text: [\"d\"])),\n            duration: -1.0,\n            speed: 20.0,\n        ),\n        (\n            caption: (en: (title: \"\", text: [\"b\"]), nl: (title: \"c\", text: [\"d\"])),\n            until_employees: 0,\n        ),\n        (\n            duration: 2.0,\n        ),\n    ],\n)"
    );
    let problems = Scenario::check_str(&text, Path::new("bad.ron")).unwrap_err();
    let got: Vec<_> = problems.iter().map(|p| (p.act, p.line, p.column)).collect();
    assert_eq!(
        got,
        [
            (Some(1), 6, 13),  // duration
            (Some(1), 7, 13),  // speed
            (Some(2), 10, 23), // the en caption, its title empty
            (Some(2), 11, 13), // until_employees 0
            (Some(3), 13, 9),  // no caption: the part's bracket
        ],
        "{problems:#?}"
    );
    // The first is what loading says.
    assert_eq!(
        Scenario::from_ron_str(&text, Path::new("bad.ron")).unwrap_err(),
        problems[0]
    );

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.ron"), &text).unwrap();
    let (code, stdout, stderr) = check(dir.path(), &["bad.ron"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 6, "{stderr}");
    assert!(
        lines[0].starts_with("bad.ron:6:13: part 1: duration -1"),
        "{stderr}"
    );
    assert!(lines[1].contains("it must be 0.1 to 8"), "{stderr}");
    assert!(
        lines[4].starts_with("bad.ron:13:9: part 3: no caption"),
        "{stderr}"
    );
    assert!(lines[5].contains("5 problems"), "{stderr}");

    // A syntax error: the parser stops there, so it is the one problem.
    let broken = text.replace("duration: -1.0,", "duration: -1.0");
    std::fs::write(dir.path().join("broken.ron"), &broken).unwrap();
    let (code, _, stderr) = check(dir.path(), &["broken.ron"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.starts_with("broken.ron:7:13: part 1: Expected comma"),
        "{stderr}"
    );
    assert!(stderr.trim_end().ends_with("1 problem"), "{stderr}");
}

/// For a session that passes, `check` sums it up: its parts with their kinds and
/// times, the time in all as foreseen for a recording, and each question with the
/// model's answer; the shipped sessions and a new one pass with no warning.
#[test]
fn check_sums_up_a_session_that_passes() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(scenarios_dir()).unwrap() {
        let path = entry.unwrap().path();
        let (code, stdout, stderr) = check(dir.path(), &[path.to_str().unwrap()]);
        assert_eq!(code, Some(0), "{}: {stderr}", path.display());
        assert!(stdout.contains("no problems"), "{stdout}");
        assert!(
            stdout.ends_with("No warnings.\n"),
            "{}: {stdout}",
            path.display()
        );
    }
    common::ok(&common::run(&["new", "ours.ron"], dir.path()));
    let (code, stdout, stderr) = check(dir.path(), &["ours.ron", "--lang", "nl"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("No warnings."), "{stdout}");

    // The summary's lines: a part per row, its notes' minutes and its recorded time.
    let session = Scenario::load(&dir.path().join("ours.ron")).unwrap();
    let foreseen = bolwerk::scenario::timing::recording(&session, 30, 1.0);
    for (k, act) in session.acts.iter().enumerate() {
        let title = &act.caption.as_ref().unwrap().get(Lang::NL).title;
        let row = stdout
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{}  {title}", k + 1)))
            .unwrap_or_else(|| panic!("no row for part {}: {stdout}", k + 1));
        let minutes = act.minutes().unwrap();
        assert!(row.contains(&format!("{minutes:.0} min")), "{row}");
        let secs = foreseen.secs(k).unwrap().round() as u64;
        assert!(
            row.ends_with(&format!("{}:{:02}", secs / 60, secs % 60)),
            "{row}"
        );
    }
    // The question's answer is the model's, at its size, in the option that holds it.
    let (k, act) = session
        .acts
        .iter()
        .enumerate()
        .find(|(_, a)| a.question.is_some())
        .unwrap();
    let q = act.question.as_ref().unwrap();
    let n = act.until_employees.unwrap();
    let expected = q.answer.expected(&session.params_at(k), n).unwrap();
    let option = q.right_option(expected).unwrap();
    let answer = format!(
        "at {} employees: {:.1}% of contacts are with customers (option {})",
        Texts::new(Lang::EN).int(u64::from(n)),
        expected * 100.0,
        bolwerk::intent::letter(option)
    );
    assert!(stdout.contains(&answer), "{answer}\n{stdout}");
}

/// A language made of files alone: `xx.ftl` beside a session written in English and
/// `xx` (`tests/fixtures/language`), no code naming it. `check` passes the session and
/// warns of each text it lacks in `xx` (shown in English); the whole session films in
/// `xx`, its chapters titled by `xx.ftl`'s messages, its `xx` subtitles with the
/// session's `xx` texts. Without the file, the language is unknown.
#[test]
fn a_language_from_files_alone_runs_the_whole_session() {
    let fixture = crate::common::repo().join("tests/fixtures/language");
    let session = fixture.join("session.ron");
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = check(dir.path(), &[session.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("3 parts in en, xx"), "{stdout}");
    assert!(
        stdout.contains("part 3: no text in 'xx' for the caption: the English text shows instead (without English, the first one written)"),
        "{stdout}"
    );
    assert!(stdout.contains("Warnings (4):"), "{stdout}");

    let out = dir.path().join("film");
    let args = [
        "record",
        "--scenario",
        session.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--size",
        "160x90",
        "--fps",
        "5",
        "--lang",
        "xx",
    ];
    common::ok(&common::run(&args, dir.path()));
    let chapters = std::fs::read_to_string(dir.path().join("film.chapters.txt")).unwrap();
    assert!(chapters.contains("Xx growth: xx-question"), "{chapters}");
    assert!(chapters.contains("Xx growth: xx-answer"), "{chapters}");
    let subtitles = std::fs::read_to_string(dir.path().join("film.xx.srt")).unwrap();
    for said in [
        "Xx start",
        "Xx eighty employees, most near the edge.",
        "Xx what share at 6,000 employees?",
    ] {
        assert!(subtitles.contains(said), "{said}: {subtitles}");
    }
    // The third part has no `xx` caption: its English one shows. No message shows as
    // its id: those `xx.ftl` lacks are English.
    assert!(
        subtitles.contains("Colleagues, not customers"),
        "{subtitles}"
    );
    for text in [&chapters, &subtitles] {
        assert!(
            !text.contains("chapter-") && !text.contains("subtitle-"),
            "{text}"
        );
    }

    // The same session without the language's file: the language is unknown.
    let bare = dir.path().join("bare");
    std::fs::create_dir(&bare).unwrap();
    std::fs::copy(&session, bare.join("session.ron")).unwrap();
    // A file that cannot be a language beside it stops nothing: it is skipped, said.
    std::fs::write(bare.join("de-DE.ftl"), "language-name = Deutsch\n").unwrap();
    let (code, _, stderr) = check(&bare, &["session.ron"]);
    assert!(
        stderr.contains(
            "de-DE.ftl: not loaded: a language's file is named by its code in lower case"
        ),
        "{stderr}"
    );
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("`xx`")
            && stderr.contains(&format!(
                "texts for ({}, or one whose file, xx.ftl, lies beside the session or in the --languages folder)",
                bolwerk::i18n::lang_codes(Lang::all())
            )),
        "{stderr}"
    );
    // Named with --languages, from anywhere.
    let (code, _, stderr) = check(
        &bare,
        &["session.ron", "--languages", fixture.to_str().unwrap()],
    );
    assert_eq!(code, Some(0), "{stderr}");
}

/// `check` warns, at the text, of a word the glossary rejects and of a caption too
/// long to read; the session still passes (exit 0).
#[test]
fn check_warns_of_rejected_words_and_long_captions() {
    let (dir, path, text) = new_session();
    let session = Scenario::load(&path).unwrap();
    // The Dutch title of the first part, with a word the glossary rejects.
    let title = session.acts[0]
        .caption
        .as_ref()
        .unwrap()
        .get(Lang::NL)
        .title
        .clone();
    let long = "Een zin die lang is, en nog langer wordt, tot hij meer dan genoeg is voor een zaal die leest terwijl de trainer praat; zo lang dat niemand hem uitleest voor de volgende toets al is ingedrukt.";
    let at = |text: &str, needle: &str| {
        let i = text.find(needle).unwrap();
        let line = text[..i].matches('\n').count() + 1;
        let column = text[..i].rsplit('\n').next().unwrap().chars().count() + 1;
        (line, column)
    };
    let sentences = session.acts[1]
        .caption
        .as_ref()
        .unwrap()
        .get(Lang::NL)
        .text
        .clone();
    let mut edited = text.replacen(
        &format!("\"{title}\""),
        &format!("\"{title}: de eerste akte\""),
        1,
    );
    for sentence in &sentences {
        edited = edited.replacen(&format!("\"{sentence}\""), &format!("\"{long}\""), 1);
    }
    std::fs::write(&path, &edited).unwrap();
    let (code, stdout, stderr) = check(dir.path(), &["ours.ron"]);
    assert_eq!(code, Some(0), "{stderr}");
    let (line, column) = at(&edited, &format!("{title}: de eerste akte"));
    assert!(
        stdout.contains(&format!("ours.ron:{line}:{column}: part 1: the glossary (docs/GLOSSARY.md) writes “deel” in nl, not “akte”")),
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .any(|l| l.contains("part 2: the caption takes")
                && l.contains("to read at 15 characters a second")),
        "{stdout}"
    );
    assert!(stdout.contains("Warnings (2):"), "{stdout}");
}

/// A headless app that plays `scenario`: simulation, view, comparison and scenario.
pub(crate) fn scenario_app(scenario: Scenario) -> App {
    let mut app =
        headless_app(SimPlugin::new(scenario.start_params(), scenario.seed_of(0)).unwrap());
    app.insert_resource(Texts::new(Lang::EN))
        .init_resource::<ViewSettings>()
        .add_plugins((
            IntentPlugin,
            ViewPlugin,
            CompareWorldsPlugin,
            ScenarioPlugin,
        ))
        .insert_resource(ScenarioState::new(scenario, false));
    app
}

/// Employee positions by id, bit for bit.
pub(crate) fn positions(app: &mut App) -> Vec<[u32; 3]> {
    app.world()
        .resource::<Sim>()
        .0
        .employees
        .iter()
        .map(|p| p.to_array().map(f32::to_bits))
        .collect()
}

/// Where the act's question stands, as the panel sees it.
fn asked(app: &App) -> Option<Asked> {
    app.world()
        .get_resource::<Stage>()
        .and_then(|s| s.question().map(|(_, a)| a))
}

fn go(app: &mut App, command: ScenarioCommand) {
    app.world_mut().write_message(command);
    app.update();
}

#[test]
fn acts_apply_as_scripted_and_going_back_restores_an_act_exactly() {
    let scenario = Scenario::load_or_shipped(None).unwrap();
    let acts = scenario.acts.clone();
    let mut app = scenario_app(scenario);
    app.update();
    let mut at_entry = Vec::new();
    for (k, act) in acts.iter().enumerate() {
        if k > 0 {
            go(&mut app, ScenarioCommand::Next);
        }
        assert_eq!(app.world().resource::<ScenarioState>().act, k);
        let settings = app.world().resource::<SimSettings>().clone();
        if let Some(p) = &act.params {
            assert_eq!(&settings.params, p, "act {}: parameters", k + 1);
        }
        let view = *app.world().resource::<ViewSettings>();
        let show = act.show;
        for (name, want, got) in [
            ("lines", show.lines, view.lines),
            ("customers", show.customers, view.customers),
            ("cutaway", show.cutaway, view.cutaway),
            ("plot", show.plot, view.plot),
            ("log_plot", show.log_plot, view.log_plot),
            (
                "internal_customers",
                show.internal_customers,
                view.internal_customers,
            ),
            ("rotate", show.rotate, view.auto_rotate),
        ] {
            if let Some(want) = want {
                assert_eq!(got, want, "act {}: {name}", k + 1);
            }
        }
        if let Some(panel) = show.panel {
            assert_eq!(view.overlay == Overlay::Full, panel, "act {}: panel", k + 1);
        }
        if let Some(kinds) = &act.compare {
            let compare = app.world().resource::<CompareSettings>();
            assert_eq!(compare.on, !kinds.is_empty(), "act {}: comparison", k + 1);
        }
        at_entry.push((positions(&mut app), view, settings));
        if act.question.is_some() {
            // The question holds the world; the next step reveals, in the same act.
            for _ in 0..30 {
                app.update();
            }
            assert_eq!(positions(&mut app), at_entry[k].0, "act {}: holds", k + 1);
            assert_eq!(asked(&app), Some(Asked::Asking), "act {}", k + 1);
            if act.question.as_ref().is_some_and(|q| q.again) {
                // Asked twice: the room talks the first round over, then answers
                // again, the world held throughout and the part the same.
                for then in [Asked::Talking, Asked::AskingAgain] {
                    go(&mut app, ScenarioCommand::Next);
                    for _ in 0..30 {
                        app.update();
                    }
                    assert_eq!(asked(&app), Some(then), "act {}", k + 1);
                    assert_eq!(positions(&mut app), at_entry[k].0, "act {}", k + 1);
                }
            }
            go(&mut app, ScenarioCommand::Next);
            assert_eq!(app.world().resource::<ScenarioState>().act, k);
            assert_eq!(asked(&app), Some(Asked::Growing), "act {}", k + 1);
        }
        if act.organisations.is_some() {
            // The room's organisations hold the world, asked and on the curve alike.
            go(&mut app, ScenarioCommand::Next);
            for _ in 0..30 {
                app.update();
            }
            assert_eq!(app.world().resource::<ScenarioState>().act, k);
            assert_eq!(positions(&mut app), at_entry[k].0, "act {}: holds", k + 1);
            continue;
        }
        // Let the act run a while, so the world moves on from its entry.
        for _ in 0..30 {
            app.update();
        }
        assert_ne!(
            positions(&mut app),
            at_entry[k].0,
            "act {}: the world moves",
            k + 1
        );
    }
    // Back, act by act: each act's world and view are exactly as when first entered.
    for k in (0..acts.len() - 1).rev() {
        go(&mut app, ScenarioCommand::Previous);
        assert_eq!(app.world().resource::<ScenarioState>().act, k);
        let (entry, view, settings) = &at_entry[k];
        assert_eq!(&positions(&mut app), entry, "act {}: not restored", k + 1);
        assert_eq!(app.world().resource::<SimSettings>(), settings);
        let now = *app.world().resource::<ViewSettings>();
        assert_eq!(
            (now.lines, now.cutaway, now.plot, now.overlay),
            (view.lines, view.cutaway, view.plot, view.overlay)
        );
        for _ in 0..5 {
            app.update();
        }
    }
    // Restart: the act's world again, from its start.
    go(&mut app, ScenarioCommand::Restart);
    assert_eq!(positions(&mut app), at_entry[0].0);
}

fn presenter_app() -> App {
    let scenario = Scenario::load_or_shipped(None).unwrap();
    let mut app = scenario_app(scenario);
    let settings = app.world().resource::<SimSettings>().clone();
    app.init_resource::<ButtonInput<KeyCode>>()
        .insert_resource(Draft(settings))
        .insert_resource(ActiveBindings(presenter_bindings()))
        .add_plugins(KeysPlugin);
    app.update();
    app
}

fn press(app: &mut App, key: KeyCode) {
    app.world_mut()
        .resource_mut::<ButtonInput<KeyCode>>()
        .press(key);
    app.update();
    let mut input = app.world_mut().resource_mut::<ButtonInput<KeyCode>>();
    input.release(key);
    input.clear();
    app.update();
}

#[test]
fn the_presenters_keys_and_a_clickers_move_through_the_acts() {
    let mut app = presenter_app();
    let act = |app: &App| app.world().resource::<ScenarioState>().act;
    for key in [KeyCode::PageDown, KeyCode::Space, KeyCode::ArrowRight] {
        let before = act(&app);
        press(&mut app, key);
        assert_eq!(act(&app), before + 1, "{key:?}");
    }
    for key in [KeyCode::PageUp, KeyCode::ArrowLeft] {
        let before = act(&app);
        press(&mut app, key);
        assert_eq!(act(&app), before - 1, "{key:?}");
    }
    // R restarts the act: its world is back at its entry.
    let entry = positions(&mut app);
    for _ in 0..20 {
        app.update();
    }
    press(&mut app, KeyCode::KeyR);
    assert_eq!(positions(&mut app), entry);
}

#[test]
fn the_presenters_view_keys_switch_language_captions_panel_and_black() {
    let mut app = presenter_app();
    let view = |app: &App| *app.world().resource::<ViewSettings>();
    let before = view(&app);
    press(&mut app, KeyCode::KeyL);
    assert_eq!(app.world().resource::<Texts>().lang, Lang::NL);
    press(&mut app, KeyCode::KeyT);
    assert_eq!(view(&app).captions, !before.captions);
    press(&mut app, KeyCode::KeyP);
    assert_ne!(view(&app).overlay, before.overlay);
    press(&mut app, KeyCode::KeyB);
    assert!(view(&app).black);
    press(&mut app, KeyCode::KeyB);
    assert!(!view(&app).black);
    // The demo's keys still work: C cuts away.
    press(&mut app, KeyCode::KeyC);
    assert_eq!(view(&app).cutaway, !before.cutaway);
}

/// The README's part to add, added to the session `bolwerk new` writes, passes
/// `check` with no warning.
#[test]
fn the_readmes_part_to_add_passes_check() {
    let readme = std::fs::read_to_string(crate::common::repo().join("README.md")).unwrap();
    let part = readme
        .split("**Add a part.**")
        .nth(1)
        .and_then(|s| s.split("```ron").nth(1))
        .and_then(|s| s.split("```").next())
        .expect("the README shows a part to add");
    let (dir, path, text) = new_session();
    let end = text.rfind("    ],").expect("the parts' list ends");
    let added = format!(
        "{}{}{}",
        &text[..end],
        part.trim_start_matches('\n'),
        &text[end..]
    );
    std::fs::write(&path, &added).unwrap();
    let (code, stdout, stderr) = check(dir.path(), &["ours.ron"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("4 parts"), "{stdout}");
    assert!(stdout.contains("Who is your customer?"), "{stdout}");
    assert!(stdout.ends_with("No warnings.\n"), "{stdout}");
}

#[test]
fn the_readmes_example_scenario_is_a_valid_scenario() {
    let readme = std::fs::read_to_string(crate::common::repo().join("README.md")).unwrap();
    let section = readme
        .split("#### The format")
        .nth(1)
        .expect("the README has a section on a session's format");
    let example = section
        .split("```ron")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("with a RON example");
    let scenario =
        Scenario::from_ron_str(example, Path::new("README.md")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(scenario.acts.len(), 3);
    // It shows the room's organisations, with a guess and examples…
    assert!(
        scenario.acts[2]
            .organisations
            .as_ref()
            .is_some_and(|o| o.guess && !o.examples.is_empty())
    );
    // … and the trainer's notes and a question with options.
    assert!(scenario.acts[0].notes.is_some());
    assert!(
        scenario.acts[1]
            .question
            .as_ref()
            .is_some_and(|q| q.options.len() >= 2)
    );
}

/// Runs the act on until its growth target is reached (at most `limit` steps).
fn until_reached(app: &mut App, limit: usize) {
    for _ in 0..limit {
        if app
            .world()
            .resource::<ScenarioState>()
            .phase
            .reached_at()
            .is_some()
        {
            return;
        }
        app.update();
    }
    panic!("the act's target was not reached in {limit} steps");
}

/// The whole shipped session, presented in each language: every part shows its own
/// caption in that language; each question shows its words and no answer, holds the
/// world, and after the next step shows the answer the simulation counts, in the
/// language's numbers, with the option that holds it marked.
#[test]
fn the_whole_session_plays_in_both_languages_and_its_questions_reveal_counted_answers() {
    for &lang in Lang::all() {
        let scenario = Scenario::load_or_shipped(None).unwrap();
        let acts = scenario.acts.clone();
        let mut app = scenario_app(scenario);
        let texts = Texts::new(lang);
        app.update();
        let mut answered = 0;
        for (k, act) in acts.iter().enumerate() {
            if k > 0 {
                go(&mut app, ScenarioCommand::Next);
            }
            let stage = app.world().resource::<Stage>().clone();
            assert_eq!(stage.act, k);
            let caption = stage.caption.as_ref().unwrap().get(lang);
            let other = stage.caption.as_ref().unwrap().get(lang.next());
            assert!(!caption.title.is_empty() && caption.title != other.title);
            if let Some(o) = &act.organisations {
                // The room's organisations: asked while the world holds, then on the
                // curve, the world still held (nothing grows).
                let posed = stage.posed.as_ref().and_then(|p| p.organisations());
                assert_eq!(posed, Some((o, Asked::Asking)), "act {}", k + 1);
                let before = app.world().resource::<ContactStats>().employees;
                go(&mut app, ScenarioCommand::Next);
                for _ in 0..30 {
                    app.update();
                }
                let stage = app.world().resource::<Stage>().clone();
                let posed = stage.posed.as_ref().and_then(|p| p.organisations());
                assert_eq!(posed, Some((o, Asked::Answered)), "act {}", k + 1);
                assert_eq!(stage.act, k, "the next step stays on the part");
                assert_eq!(app.world().resource::<ContactStats>().employees, before);
                continue;
            }
            let Some(question) = &act.question else {
                assert!(stage.posed.is_none(), "act {}", k + 1);
                continue;
            };
            let stats = *app.world().resource::<ContactStats>();
            let shown = question_text(question, Asked::Asking, &stats, &texts);
            assert_eq!(&shown.ask, question.ask.get(lang));
            assert_ne!(&shown.ask, question.ask.get(lang.next()));
            assert_eq!(shown.options.len(), question.options.len());
            assert!(
                shown.options.iter().all(|(_, right)| !right),
                "no answer yet"
            );
            assert_eq!(shown.answer, None);
            assert_ne!(
                shown.title,
                Texts::new(lang.next()).get(bolwerk::i18n::Msg::QuestionTitle)
            );
            // Asked twice: each round says what the room does, in the language, and
            // shows no answer; the console's notes count the time to talk it over.
            if question.again {
                assert!(shown.round.is_some(), "act {}", k + 1);
                let minutes = stage.notes.as_ref().unwrap().minutes;
                assert_eq!(Some(minutes), act.minutes());
                assert!(minutes > act.notes.as_ref().unwrap().minutes);
                let mut rounds = vec![shown.round.clone().unwrap()];
                for then in [Asked::Talking, Asked::AskingAgain] {
                    go(&mut app, ScenarioCommand::Next);
                    let (_, asked) = app.world().resource::<Stage>().question().unwrap();
                    assert_eq!(asked, then);
                    let now = *app.world().resource::<ContactStats>();
                    assert_eq!(now.employees, stats.employees, "the world holds");
                    let shown = question_text(question, asked, &now, &texts);
                    assert_eq!(shown.answer, None);
                    rounds.push(shown.round.expect("a round's words"));
                }
                let distinct: std::collections::HashSet<&String> = rounds.iter().collect();
                assert_eq!(distinct.len(), 3, "{rounds:?}");
            } else {
                assert_eq!(shown.round, None);
            }
            // Reveal: the world grows to the question's size, and the answer is counted.
            go(&mut app, ScenarioCommand::Next);
            let (_, asked) = app.world().resource::<Stage>().question().unwrap();
            assert_eq!(asked, Asked::Growing);
            let growing = *app.world().resource::<ContactStats>();
            let shown = question_text(question, asked, &growing, &texts);
            assert_eq!(shown.answer, None, "no answer while the world grows");
            until_reached(&mut app, 2000);
            app.update();
            let stats = *app.world().resource::<ContactStats>();
            let (_, asked) = app.world().resource::<Stage>().question().unwrap();
            assert_eq!(asked, Asked::Answered);
            assert!(stats.employees >= act.until_employees.unwrap());
            let shown = question_text(question, asked, &stats, &texts);
            let answer = shown.answer.expect("an answer once revealed");
            let counted = question.answer.counted(&stats).unwrap();
            let percent = texts.num(counted * 100.0, 1);
            assert!(
                answer.contains(&format!("{percent}%")),
                "{answer} lacks {percent}%"
            );
            assert!(
                answer.contains(&texts.int(stats.employees.into())),
                "{answer}"
            );
            assert!(!answer.contains("answer-"), "a message id: {answer}");
            // The counted share is close to the model's expectation, and the marked
            // option is the one that holds it.
            let expected = question.answer.expected_now(&stats);
            assert!(
                (counted - expected).abs() < 0.2 * expected,
                "{counted} vs {expected}"
            );
            let marked: Vec<usize> = (0..shown.options.len())
                .filter(|&i| shown.options[i].1)
                .collect();
            if question.options.is_empty() {
                assert!(marked.is_empty());
            } else {
                let right = question.right_option(counted).unwrap();
                assert_eq!(marked, vec![right]);
                // The count lands where the model expects it: the script's options
                // were checked against the expectation, not the count.
                assert_eq!(Some(right), question.right_option(expected));
            }
            answered += 1;
        }
        assert!(answered >= 2, "{lang:?}: {answered} questions answered");
    }
}

fn one_question(question: &str, until: &str) -> String {
    format!(
        "(\n    title: (en: \"T\", nl: \"T\"),\n    acts: [\n        (\n            caption: (en: (title: \"a\", text: [\"b\"]), nl: (title: \"c\", text: [\"d\"])),\n            params: (initial_employees: 80, max_employees: 6000),\n{until}            question: {question},\n        ),\n    ],\n)"
    )
}

#[test]
fn a_bad_question_is_refused_with_file_act_and_line() {
    let ask = "ask: (en: \"Share?\", nl: \"Aandeel?\")";
    let target = "            until_employees: 6000,\n";
    // A good one first: the model's expected share at 6,000 is about 7%.
    let good = format!(
        "({ask}, answer: CustomerShare, options: [(en: \"low\", nl: \"laag\", from: 0.0, to: 0.15), (en: \"high\", nl: \"hoog\", from: 0.15, to: 1.0)])"
    );
    Scenario::from_ron_str(&one_question(&good, target), Path::new("q.ron"))
        .unwrap_or_else(|e| panic!("{e}"));
    // No size for the answer.
    refused(&one_question(&good, ""), Some(1), 7, "until_employees");
    // An edge too close to the model's answer (about 7.1%): the count could cross it.
    let close = good.replace("0.15", "0.07");
    refused(
        &one_question(&close, target),
        Some(1),
        8,
        "too close to the edge",
    );
    // A gap between options: some shares would have no answer.
    let gap = good.replace("from: 0.15", "from: 0.5");
    refused(&one_question(&gap, target), Some(1), 8, "cover every share");
    // Options out of order.
    let order = format!(
        "({ask}, answer: CustomerShare, options: [(en: \"high\", nl: \"hoog\", from: 0.15, to: 1.0), (en: \"low\", nl: \"laag\", from: 0.0, to: 0.15)])"
    );
    refused(
        &one_question(&order, target),
        Some(1),
        8,
        "cover every share",
    );
    // Short of 1: a share near the top would have no answer.
    let short = good.replace("to: 1.0", "to: 0.9");
    refused(&one_question(&short, target), Some(1), 8, "end at 1");
    // A target the world starts at: nothing to reveal.
    let at_start = "            until_employees: 80,\n";
    refused(
        &one_question(&good, at_start),
        Some(1),
        8,
        "nothing to reveal",
    );
    // One option only.
    let one = format!(
        "({ask}, answer: CustomerShare, options: [(en: \"all\", nl: \"alles\", from: 0.0, to: 1.0)])"
    );
    refused(&one_question(&one, target), Some(1), 8, "two to 5 options");
    // Asked twice, with options: taken; a number asked twice: refused.
    let twice = good.replace(
        "answer: CustomerShare,",
        "answer: CustomerShare, again: true,",
    );
    assert_ne!(twice, good);
    Scenario::from_ron_str(&one_question(&twice, target), Path::new("q.ron"))
        .unwrap_or_else(|e| panic!("{e}"));
    let number_twice = format!("({ask}, answer: CustomerShare, again: true)");
    refused(
        &one_question(&number_twice, target),
        Some(1),
        8,
        "a number is asked once",
    );
    // No Dutch question.
    let no_nl = "(ask: (en: \"Share?\", nl: \" \"), answer: CustomerShare)";
    refused(&one_question(no_nl, target), Some(1), 8, "the nl question");
    // An unknown measure: the parser says where.
    let unknown = format!("({ask}, answer: Happiness)");
    refused(&one_question(&unknown, target), Some(1), 8, "Happiness");
}

#[test]
fn a_bad_organisations_part_is_refused_with_file_act_and_line() {
    let part = |fields: &str, extra: &str| {
        format!(
            "(\n    title: (en: \"T\", nl: \"T\"),\n    acts: [\n        (\n            caption: (en: (title: \"a\", text: [\"b\"]), nl: (title: \"c\", text: [\"d\"])),\n{extra}            organisations: (ask: (en: \"How many?\", nl: \"Hoeveel?\"){fields}),\n        ),\n    ],\n)"
        )
    };
    Scenario::from_ron_str(&part(", examples: [1, 1000000]", ""), Path::new("o.ron"))
        .unwrap_or_else(|e| panic!("{e}"));
    refused(
        &part(", examples: [0]", ""),
        Some(1),
        6,
        "not a size from 1",
    );
    refused(
        &part(", examples: [1000001]", ""),
        Some(1),
        6,
        "not a size from 1",
    );
    let many = format!(", examples: [{}]", vec!["5"; 13].join(", "));
    refused(&part(&many, ""), Some(1), 6, "at most 12 examples");
    refused(
        &part("", "            params: (shape: Disc(t: 4.0)),\n"),
        Some(1),
        7,
        "the sphere's curve",
    );
    let both = "            params: (max_employees: 6000),\n            until_employees: 6000,\n            question: (ask: (en: \"Share?\", nl: \"Aandeel?\"), answer: CustomerShare),\n";
    refused(&part("", both), Some(1), 8, "not both");
    let no_nl = part("", "").replace("nl: \"Hoeveel?\"", "nl: \" \"");
    refused(&no_nl, Some(1), 6, "the nl ask");
    refused(&part(", colour: 3", ""), Some(1), 6, "colour");
}

/// Recording (acts follow by themselves), a question shows for its act's duration (or
/// as long as it takes to read, if longer), then the world grows to the act's target,
/// the answer shows, and after the hold (and once the caption has shown long enough
/// to read) the next act follows.
#[test]
fn recording_shows_a_question_for_its_duration_then_the_reveal_then_moves_on() {
    let scenario = Scenario::load_or_shipped(None).unwrap();
    let k = scenario
        .acts
        .iter()
        .position(|a| a.question.is_some())
        .expect("a question act");
    assert!(
        scenario.acts[k].duration.is_some(),
        "a question act with a duration"
    );
    let Kind::Question(asks) = Kind::of(&scenario.acts[k]) else {
        panic!("part {} asks a question", k + 1);
    };
    let shows = asks.shows_secs();
    let read = shows + scenario.acts[k].caption_reading_secs();
    let hold = scenario.acts[k].hold;
    let scenario_again = asks.question.again;
    // Played as a recording plays it, from the part with the question.
    let mut app = scenario_app(scenario.clone());
    let mut recording = ScenarioState::new(scenario, true);
    recording.start_at(k);
    app.insert_resource(recording);
    app.update();
    app.update();
    let state = |app: &App| {
        let s = app.world().resource::<ScenarioState>();
        (s.act, s.phase.asked(), s.act_secs)
    };
    assert_eq!(state(&app).0, k);
    assert_eq!(state(&app).1, Some(Asked::Asking));
    // The shipped question is asked twice in the room; a recording asks it once, and
    // its words say nothing of a second round.
    let (question, _) = app.world().resource::<Stage>().question().unwrap();
    assert!(scenario_again && !question.again);
    // Just before the duration: still asking. (The act's clock is real time, so the
    // test sets it, as a recording's frames would advance it.)
    app.world_mut().resource_mut::<ScenarioState>().act_secs = shows - 0.5;
    app.update();
    assert_eq!(state(&app).1, Some(Asked::Asking));
    app.world_mut().resource_mut::<ScenarioState>().act_secs = shows;
    app.update();
    assert_eq!(state(&app).1, Some(Asked::Growing));
    until_reached(&mut app, 2000);
    assert_eq!(state(&app).1, Some(Asked::Answered));
    // The answer holds for the act's hold (the act's clock set just short of it; a
    // move on would show two frames later, when the next act is entered)...
    let reached = app
        .world()
        .resource::<ScenarioState>()
        .phase
        .reached_at()
        .unwrap();
    let done = (reached + hold).max(read);
    app.world_mut().resource_mut::<ScenarioState>().act_secs = done - 0.1;
    app.update();
    app.update();
    assert_eq!(state(&app).0, k, "the answer holds for the act's hold");
    // ...and then the next act follows.
    app.world_mut().resource_mut::<ScenarioState>().act_secs = done;
    app.update();
    app.update();
    assert_eq!(state(&app).0, k + 1, "then the next act");
}

/// `present --windowed --frames 30` under Xvfb on a screen of `screen` pixels, with
/// `args`, writing what each window showed in its last frame into the folder it
/// returns (`--dump-texts`).
fn present_dumped(screen: &str, args: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = common::bolwerk_under_xvfb_sized(screen)
        .args(["present", "--windowed", "--frames", "30"])
        .args(args)
        .arg("--dump-texts")
        .arg(dir.path())
        .env("XDG_RUNTIME_DIR", dir.path())
        .output()
        .unwrap();
    common::ok(&out);
    dir
}

/// A file `present_dumped` wrote.
fn dumped(dir: &tempfile::TempDir, name: &str) -> String {
    std::fs::read_to_string(dir.path().join(name)).unwrap()
}

/// `present --console` under Xvfb, at part `act`, in `lang`: the texts each window
/// showed in its last frame, projection and console.
fn console_texts(act: &str, lang: &str) -> (String, String) {
    let args = ["--console", "--width", "960", "--height", "540"];
    let dir = present_dumped(
        "1280x720",
        &[&args[..], &["--act", act, "--lang", lang]].concat(),
    );
    (dumped(&dir, "projection.txt"), dumped(&dir, "console.txt"))
}

#[test]
fn the_console_shows_the_trainer_the_notes_and_the_room_never_sees_them() {
    let scenario = Scenario::load_or_shipped(None).unwrap();
    for (act, lang) in [(1usize, Lang::EN), (4, Lang::NL), (11, Lang::EN)] {
        let (projection, console) = console_texts(&act.to_string(), lang.code());
        let part = &scenario.acts[act - 1];
        let notes = part.notes.as_ref().expect("every shipped part has notes");
        for paragraph in notes.get(lang) {
            assert!(
                console.contains(paragraph.as_str()),
                "part {act}: {console}"
            );
            assert!(
                !projection.contains(paragraph.as_str()),
                "part {act}: {projection}"
            );
        }
        let texts = Texts::new(lang);
        let title = &part.caption.as_ref().unwrap().get(lang).title;
        let header = texts.fmt(
            Msg::ConsolePart,
            &[
                ("part", act.into()),
                ("total", scenario.acts.len().into()),
                ("title", title.as_str().into()),
            ],
        );
        assert!(console.contains(&header), "{console}");
        // The next part's title, or that this is the last.
        let next = match scenario.acts.get(act) {
            Some(next) => texts.fmt(
                Msg::ConsoleNext,
                &[(
                    "title",
                    next.caption
                        .as_ref()
                        .unwrap()
                        .get(lang)
                        .title
                        .as_str()
                        .into(),
                )],
            ),
            None => texts.get(Msg::ConsoleLast),
        };
        assert!(console.contains(&next), "{console}");
        assert!(!projection.contains(&next), "{projection}");
        // The live figures and the clocks.
        assert!(
            console.contains(&texts.get(Msg::FigureEmployees)),
            "{console}"
        );
        let clock = texts.fmt(Msg::ConsoleClock, &[("time", "".into())]);
        assert!(console.contains(clock.trim()), "{console}");
    }
}

/// Drives `present --console` under Xvfb with real key presses (xdotool): Page Down
/// in the console window, then in the projection, each moves the session one part on.
/// Prints what the driver saw; the test reads it.
const KEYS_IN_BOTH_WINDOWS: &str = r#"
set -u
"$BIN" present --console --windowed --width 640 --height 360 --lang en \
  --dump-texts "$D" > "$D/present.log" 2>&1 &
pid=$!
seen() { holds "$D/console.txt" "$1"; }
seen "$PART1" && echo started
press_in "console" Next && seen "$PART2" && echo console-key-moved-on
press_in "internal customers" Next && seen "$PART3" && echo projection-key-moved-on
kill "$pid"
wait "$pid" 2>/dev/null
exit 0
"#;

#[test]
fn the_keys_work_in_the_console_and_in_the_projection() {
    let scenario = Scenario::load_or_shipped(None).unwrap();
    let texts = Texts::new(Lang::EN);
    let header = |part: usize| {
        texts.fmt(
            Msg::ConsolePart,
            &[
                ("part", part.into()),
                ("total", scenario.acts.len().into()),
                (
                    "title",
                    scenario.acts[part - 1]
                        .caption
                        .as_ref()
                        .unwrap()
                        .get(Lang::EN)
                        .title
                        .as_str()
                        .into(),
                ),
            ],
        )
    };
    let dir = tempfile::tempdir().unwrap();
    let out = crate::common::script_under_xvfb(KEYS_IN_BOTH_WINDOWS, 300)
        .env("D", dir.path())
        .env("PART1", header(1))
        .env("PART2", header(2))
        .env("PART3", header(3))
        .env("XDG_RUNTIME_DIR", dir.path())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    let log = std::fs::read_to_string(dir.path().join("present.log")).unwrap_or_default();
    for step in ["started", "console-key-moved-on", "projection-key-moved-on"] {
        assert!(said.contains(step), "{step} missing:\n{said}\n{log}");
    }
}

/// Rehearses with `present --watch` under Xvfb: a saved caption shows, a broken save
/// is shown on the console and the projection while the last good version runs, and
/// the next good save applies. Every wait is a bounded poll. Prints what the driver
/// saw; the test reads it.
const REHEARSAL: &str = r#"
set -u
"$BIN" present "$S" --watch --console --windowed --width 640 --height 360 --lang en \
  --dump-texts "$D" > "$D/present.log" 2>&1 &
pid=$!
seen() { holds "$D/$1" "$2"; }
said() { holds "$D/present.log" "$1"; }
# A frame's texts as one read (the app rewrites the file each frame, so a second read
# may meet another frame, or the file half written): waits up to a minute for one
# that holds TEXT, and leaves it in $t.
frame() { # FILE TEXT
  for _ in $(seq 1 240); do
    t=$(cat "$D/$1" 2>/dev/null)
    case "$t" in *"$2"*) return 0 ;; esac
    sleep 0.25
  done
  return 1
}
seen projection.txt "$OLD" && echo started
cp "$S.texts" "$S"
seen projection.txt "$NEW" && said "the new texts are loaded" && echo reloaded
cp "$S.broken" "$S"
# The problem and the last good caption, in the same frame.
seen console.txt "Not loaded: a problem at ours.ron, line" \
  && frame projection.txt "Not loaded: ours.ron, line" \
  && case "$t" in *"$NEW"*) echo survived ;; esac
cp "$S.settings" "$S"
seen projection.txt "$NEWER" && said "part 1 starts again" && echo applied
sleep 0.5
frame projection.txt "$NEWER" && case "$t" in *"Not loaded"*) ;; *) echo cleared ;; esac
kill "$pid"
wait "$pid" 2>/dev/null
exit 0
"#;

#[test]
fn a_rehearsal_reloads_the_session_when_it_is_saved() {
    let (dir, path, text) = new_session();
    let old = "Eighty employees: most of them work near the edge, where the customers are.";
    assert!(
        text.contains(old),
        "the new session's first caption changed: {text}"
    );
    let new = "Eighty employees, and most of them meet customers every day.";
    let newer = "Eighty employees: the edge is close to nearly everyone.";
    let texts = text.replace(old, new);
    std::fs::write(dir.path().join("ours.ron.texts"), &texts).unwrap();
    // A missing comma: the parser stops there.
    let broken = texts.replace("duration: 8.0,", "duration: 8.0");
    assert_ne!(broken, texts);
    std::fs::write(dir.path().join("ours.ron.broken"), &broken).unwrap();
    // A new caption and a new duration: the part's settings changed.
    let settings = texts
        .replace(new, newer)
        .replace("duration: 8.0,", "duration: 9.0,");
    std::fs::write(dir.path().join("ours.ron.settings"), &settings).unwrap();
    let out = crate::common::script_under_xvfb(REHEARSAL, 300)
        .env("D", dir.path())
        .env("S", &path)
        .env("OLD", old)
        .env("NEW", new)
        .env("NEWER", newer)
        .env("XDG_RUNTIME_DIR", dir.path())
        .output()
        .unwrap();
    let driver = String::from_utf8_lossy(&out.stdout);
    let log = std::fs::read_to_string(dir.path().join("present.log")).unwrap_or_default();
    for step in ["started", "reloaded", "survived", "applied", "cleared"] {
        assert!(driver.contains(step), "{step} missing:\n{driver}\n{log}");
    }
    // The terminal has every problem of the broken save, at its line and column.
    let line = broken
        .lines()
        .position(|l| l.contains("duration: 8.0"))
        .unwrap()
        + 2;
    assert!(
        log.contains(&format!("ours.ron:{line}:")) && log.contains("Expected comma"),
        "{log}"
    );
}

/// Rehearsing a cut: saving the session it is cut from, where its texts are written,
/// reloads it too.
const REHEARSAL_OF_A_CUT: &str = r#"
set -u
"$BIN" present "$CUT" --watch --windowed --width 640 --height 360 --lang en \
  --dump-texts "$D" > "$D/present.log" 2>&1 &
pid=$!
seen() { holds "$D/projection.txt" "$1"; }
seen "$OLD" && echo started
cp "$S.texts" "$S"
seen "$NEW" && echo reloaded
kill "$pid"
wait "$pid" 2>/dev/null
exit 0
"#;

#[test]
fn a_rehearsed_cut_reloads_when_its_session_is_saved() {
    let (dir, path, text) = new_session();
    std::fs::write(
        dir.path().join("short.ron"),
        r#"(title: (en: "Short", nl: "Kort"), of: "ours.ron", parts: [1, 3])"#,
    )
    .unwrap();
    let old = "Eighty employees: most of them work near the edge, where the customers are.";
    let new = "Eighty employees, and most of them meet customers every day.";
    assert!(text.contains(old));
    std::fs::write(dir.path().join("ours.ron.texts"), text.replace(old, new)).unwrap();
    let out = crate::common::script_under_xvfb(REHEARSAL_OF_A_CUT, 300)
        .env("D", dir.path())
        .env("S", &path)
        .env("CUT", dir.path().join("short.ron"))
        .env("OLD", old)
        .env("NEW", new)
        .env("XDG_RUNTIME_DIR", dir.path())
        .output()
        .unwrap();
    let driver = String::from_utf8_lossy(&out.stdout);
    let log = std::fs::read_to_string(dir.path().join("present.log")).unwrap_or_default();
    for step in ["started", "reloaded"] {
        assert!(driver.contains(step), "{step} missing:\n{driver}\n{log}");
    }
}

/// `present` under Xvfb at part `part`, `size` pixels, in `lang` and `theme`, for 30
/// frames: the texts the projection showed in its last frame, and the room's panel's
/// layout (`plot`, `bottom`, `screen`, in points).
fn projected(part: usize, (w, h): (u32, u32), lang: Lang, theme: &str) -> (String, Vec<f32>) {
    let (w, h, part) = (w.to_string(), h.to_string(), part.to_string());
    let args = ["--theme", theme, "--width", &w, "--height", &h];
    let dir = present_dumped(
        "1920x1080",
        &[&args[..], &["--part", &part, "--lang", lang.code()]].concat(),
    );
    let layout = dumped(&dir, "layout.txt")
        .lines()
        .map(|l| l.split_once(' ').unwrap().1.parse().unwrap())
        .collect();
    (dumped(&dir, "projection.txt"), layout)
}

/// Whether `line` is a percentage as the panel writes it: `24.7%`, `24,7%`.
fn is_percentage(line: &str) -> bool {
    line.trim()
        .strip_suffix('%')
        .is_some_and(|n| !n.is_empty() && n.replace(',', ".").parse::<f64>().is_ok())
}

/// The line after the first that is exactly `label`, if any.
fn value_under<'a>(text: &'a str, label: &str) -> Option<&'a str> {
    let mut lines = text.lines();
    lines.by_ref().find(|l| l.trim() == label)?;
    lines.next()
}

#[test]
fn the_projection_holds_no_control_and_leads_with_the_share_at_every_part() {
    let scenario = Scenario::load_or_shipped(None).unwrap();
    for &lang in Lang::all() {
        let texts = Texts::new(lang);
        let controls = [
            Msg::ButtonPlay,
            Msg::ButtonPause,
            Msg::ButtonStep,
            Msg::ButtonReset,
            Msg::ButtonApplyReset,
            Msg::Speed,
            Msg::SectionModel,
            Msg::SectionView,
            Msg::SectionCompare,
            Msg::Language,
            Msg::PlotLog,
            Msg::HelpHint,
        ]
        .map(|m| texts.get(m));
        let expectation = texts.fmt(Msg::HeadlineExpected, &[("value", "".into())]);
        let expectation = expectation.trim_end_matches('%').trim();
        for (k, part) in scenario.acts.iter().enumerate() {
            let (text, _) = projected(k + 1, (1280, 720), lang, "projector");
            let at = format!("part {} in {lang:?}:\n{text}", k + 1);
            for control in &controls {
                assert!(!text.contains(control.as_str()), "{control:?} on {at}");
            }
            let comparing = part.compare.as_ref().is_some_and(|c| c.len() >= 2);
            // A part that puts the panel up leads with the share, in percent, and its
            // exact expectation (comparing, each view's label carries its share).
            if part.show.panel == Some(true) && !comparing {
                let value = value_under(&text, &texts.get(Msg::HeadlineCaption));
                assert!(value.is_some_and(is_percentage), "no headline on {at}");
                assert!(text.contains(expectation), "no expectation on {at}");
            }
            if comparing {
                assert!(
                    text.lines().filter(|l| l.contains('%')).count() >= 2,
                    "no shares on {at}"
                );
            }
            // A question asks about a figure on screen, whose value at the question's
            // start (the world holds while the room thinks) shows beside it.
            if let Some(q) = &part.question {
                let label = match q.answer {
                    Measure::CustomerShare => Msg::HeadlineCaption,
                    Measure::InCustomerContact => Msg::FigureEmployeesInCustomerContact,
                };
                let value = value_under(&text, &texts.get(label));
                assert!(
                    value.is_some_and(is_percentage),
                    "the question's figure is not on {at}"
                );
                assert!(text.contains(q.ask.get(lang)), "no question on {at}");
            }
        }
    }
}

#[test]
fn the_rooms_panel_fits_every_projector_with_a_plot_a_third_of_its_height() {
    // Part 4 (the headline and the plot), part 7 (with the employees' figure too) and
    // part 10 (the comparison's two plots), in both themes and languages.
    let cases = [
        (4, Lang::NL, "projector"),
        (7, Lang::EN, "screen"),
        (10, Lang::NL, "screen"),
    ];
    for size in [(1024, 768), (1280, 720), (1600, 900), (1920, 1080)] {
        for (part, lang, theme) in cases {
            let (text, layout) = projected(part, size, lang, theme);
            let [plot, bottom, screen] = layout[..] else {
                panic!("{layout:?}")
            };
            let at = format!("part {part} at {size:?}, {lang:?} {theme}: {layout:?}\n{text}");
            assert!(screen > 300.0, "{at}");
            assert!(plot >= screen / 3.0, "the plot is small: {at}");
            assert!(bottom <= screen, "the panel runs off the screen: {at}");
        }
    }
}

#[test]
fn the_short_session_chooses_parts_of_the_full_one() {
    let full = Scenario::load_or_shipped(None).unwrap();
    let short = Scenario::load(&scenarios_dir().join("interne-klanten-20.ron")).unwrap();
    let chosen = [1, 2, 4, 8, 11];
    assert_eq!(short.acts.len(), chosen.len());
    // The parts are the full session's own, texts and all; the cut asks its question
    // once, where the full session asks it twice.
    for (act, k) in short.acts.iter().zip(chosen) {
        let mut full = full.acts[k - 1].clone();
        if let Some(q) = &mut full.question {
            q.again = false;
        }
        assert_eq!(act, &full, "part {k}");
    }
    assert!(full.acts[3].question.as_ref().unwrap().again);
    assert_eq!(short.seed, full.seed);
    // About 20 minutes in the room, by the notes.
    let minutes: f64 = short.acts.iter().map(|a| a.minutes().unwrap()).sum();
    assert!((18.0..=22.0).contains(&minutes), "{minutes} minutes");
    // The full session's question asked twice takes the time to talk it over.
    assert_eq!(
        full.acts[3].minutes(),
        Some(full.acts[3].notes.as_ref().unwrap().minutes + 3.0)
    );
    // The plea is in it: the essay's conclusion, and collaboration before it.
    assert!(
        short
            .acts
            .iter()
            .any(|a| a.show.internal_customers == Some(true))
    );
    // Bad cuts are refused, saying what to write.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        scenarios_dir().join("interne-klanten.ron"),
        dir.path().join("full.ron"),
    )
    .unwrap();
    for (parts, of, says) in [
        ("[1, 13]", "full.ron", "1 to 12"),
        ("[4, 2]", "full.ron", "in order"),
        ("[]", "full.ron", "each once"),
        ("[1]", "../full.ron", "same folder"),
        ("[1]", "missing.ron", "cannot read"),
    ] {
        let path = dir.path().join("cut.ron");
        std::fs::write(
            &path,
            format!("(title: (en: \"a\", nl: \"b\"), of: \"{of}\", parts: {parts})"),
        )
        .unwrap();
        let e = Scenario::load(&path).unwrap_err().to_string();
        assert!(e.contains(says), "{parts} of {of}: {e}");
    }
}
