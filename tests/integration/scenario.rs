//! Scenarios: the shipped ones are sound, bad ones are refused clearly, acts apply as
//! scripted and going back restores an act exactly, and the presenter's keys (a
//! clicker's included) reach the right intents. Headless: no window, no GPU.

use std::path::{Path, PathBuf};
use std::process::Command;

use bevy::prelude::*;
use bolwerk::demo::Draft;
use bolwerk::demo::bindings::{ActiveBindings, presenter_bindings};
use bolwerk::demo::keys::KeysPlugin;
use bolwerk::demo::view::ViewPlugin;
use bolwerk::i18n::{Lang, Texts};
use bolwerk::intent::{IntentPlugin, Overlay, ScenarioCommand, ViewSettings};
use bolwerk::scenario::play::{ScenarioPlugin, ScenarioState};
use bolwerk::scenario::{Scenario, ScenarioError};
use bolwerk::sim::compare::{CompareSettings, CompareWorldsPlugin};
use bolwerk::sim::headless::headless_app;
use bolwerk::sim::{Sim, SimPlugin, SimSettings};

fn scenarios_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/scenarios")
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
            for lang in Lang::ALL {
                let c = caption.get(lang);
                assert!(
                    !c.title.is_empty() && !c.text.is_empty(),
                    "act {} {lang:?}",
                    i + 1
                );
            }
            assert_ne!(caption.en, caption.nl, "act {}: not translated", i + 1);
        }
        n += 1;
    }
    assert!(n >= 1);
    // The shipped session credits the essay in its first act, and has the two acts the
    // training needs.
    let shipped = Scenario::load_or_shipped(None).unwrap();
    let first = &shipped.acts[0].caption.as_ref().unwrap().en.text.join(" ");
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
    assert!(msg.starts_with(&format!("bad.ron:{line}: ")), "{msg}");
    if let Some(a) = act {
        assert!(msg.contains(&format!("act {a}: ")), "{msg}");
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
        assert!(stderr.contains("bad.ron:3: act 1: no caption"), "{stderr}");
        assert!(!dir.path().join("x.gif").exists());
    }
}

/// A headless app that plays `scenario`: simulation, view, comparison and scenario.
fn scenario_app(scenario: Scenario) -> App {
    let mut app =
        headless_app(SimPlugin::new(scenario.start_params(), scenario.seed_of(0)).unwrap());
    app.insert_resource(Texts::new(Lang::En))
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
fn positions(app: &mut App) -> Vec<[u32; 3]> {
    app.world()
        .resource::<Sim>()
        .0
        .employees
        .iter()
        .map(|p| p.to_array().map(f32::to_bits))
        .collect()
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
    assert_eq!(app.world().resource::<Texts>().lang, Lang::Nl);
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

#[test]
fn the_readmes_example_scenario_is_a_valid_scenario() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = readme
        .split("### Writing a scenario")
        .nth(1)
        .expect("the README has a section on writing scenarios");
    let example = section
        .split("```ron")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("with a RON example");
    let scenario =
        Scenario::from_ron_str(example, Path::new("README.md")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(scenario.acts.len(), 2);
}
