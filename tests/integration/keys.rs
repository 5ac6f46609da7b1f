//! Every key a presenter uses reaches the right intent, without a window or a GPU; and
//! the README's key table is the one the app uses.

use bevy::prelude::*;
use bolwerk::i18n::{Lang, Texts};
use bolwerk::intent::{IntentPlugin, RecordCommand, ScreenshotRequest, ViewSettings};
use bolwerk::model::Params;
use bolwerk::screen::Draft;
use bolwerk::screen::bindings::{Action, DEMO_BINDINGS, presenter_bindings};
use bolwerk::screen::keys::KeysPlugin;
use bolwerk::screen::view::ViewPlugin;
use bolwerk::sim::compare::CompareCommand;
use bolwerk::sim::headless::headless_app;
use bolwerk::sim::{Clock, ContactStats, SimPlugin, SimSettings};

fn app() -> App {
    let params = Params {
        initial_employees: 200,
        ..Params::default()
    };
    let mut app = headless_app(SimPlugin::new(params, 1).unwrap());
    let settings = app.world().resource::<SimSettings>().clone();
    app.init_resource::<ButtonInput<KeyCode>>()
        .init_resource::<ViewSettings>()
        .insert_resource(Texts::new(Lang::EN))
        .insert_resource(Draft(settings))
        .add_plugins((IntentPlugin, ViewPlugin, KeysPlugin));
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
}

fn key_of(action: Action) -> KeyCode {
    DEMO_BINDINGS
        .iter()
        .find(|b| b.action == action)
        .map(|b| b.keys[0])
        .unwrap_or_else(|| panic!("{action:?} has no key"))
}

#[test]
fn toggles_flip_what_is_shown() {
    let mut app = app();
    let before = *app.world().resource::<ViewSettings>();
    for action in [
        Action::Lines,
        Action::Cutaway,
        Action::AutoRotate,
        Action::Help,
    ] {
        press(&mut app, key_of(action));
    }
    let after = *app.world().resource::<ViewSettings>();
    assert_eq!(after.lines, !before.lines);
    assert_eq!(after.cutaway, !before.cutaway);
    assert_eq!(after.auto_rotate, !before.auto_rotate);
    assert_eq!(after.help, !before.help);
}

#[test]
fn space_pauses_right_arrow_steps_and_r_resets_with_the_draft() {
    let mut app = app();
    press(&mut app, KeyCode::Space);
    assert!(app.world().resource::<Clock>().paused);
    let tick = app.world().resource::<ContactStats>().tick;
    press(&mut app, KeyCode::ArrowRight);
    app.update();
    assert_eq!(app.world().resource::<ContactStats>().tick, tick + 1);

    app.world_mut()
        .resource_mut::<Draft>()
        .0
        .params
        .initial_employees = 321;
    press(&mut app, KeyCode::KeyR);
    let stats = *app.world().resource::<ContactStats>();
    assert_eq!((stats.tick, stats.employees), (0, 321));
}

#[test]
fn f12_asks_for_a_screenshot_v_for_a_recording_k_compares_and_escape_quits() {
    let mut app = app();
    press(&mut app, key_of(Action::Screenshot));
    let shots: Vec<ScreenshotRequest> = app
        .world_mut()
        .resource_mut::<Messages<ScreenshotRequest>>()
        .drain()
        .collect();
    assert_eq!(shots.len(), 1);
    let name = shots[0].path.to_string_lossy().into_owned();
    assert!(
        name.starts_with("bolwerk-") && name.ends_with(".png"),
        "{name}"
    );
    press(&mut app, key_of(Action::Record));
    let records: Vec<RecordCommand> = app
        .world_mut()
        .resource_mut::<Messages<RecordCommand>>()
        .drain()
        .collect();
    assert_eq!(records, [RecordCommand::Toggle]);
    press(&mut app, key_of(Action::Compare));
    let compares: Vec<CompareCommand> = app
        .world_mut()
        .resource_mut::<Messages<CompareCommand>>()
        .drain()
        .collect();
    assert_eq!(compares, [CompareCommand::Toggle]);
    press(&mut app, KeyCode::Escape);
    assert_eq!(app.should_exit(), Some(AppExit::Success));
}

#[test]
fn every_binding_demo_and_presenter_has_help_in_both_languages_and_a_row_in_the_readme() {
    let readme = std::fs::read_to_string(crate::common::repo().join("README.md")).unwrap();
    let texts = Texts::new(Lang::EN);
    for binding in DEMO_BINDINGS.iter().chain(&presenter_bindings()) {
        let id = binding.action.msg();
        for &lang in Lang::all() {
            assert!(texts.has(lang, id), "{id:?} is missing in {lang:?}");
        }
        let row = format!("| {} | {} |", binding.label, binding.action.help(&texts));
        assert!(readme.contains(&row), "README lacks the key row `{row}`");
    }
}

#[test]
fn no_key_is_bound_twice_and_the_presenter_keeps_the_demo_keys_it_does_not_take() {
    for table in [DEMO_BINDINGS.to_vec(), presenter_bindings()] {
        let keys: Vec<KeyCode> = table.iter().flat_map(|b| b.keys.iter().copied()).collect();
        for (i, k) in keys.iter().enumerate() {
            assert!(!keys[i + 1..].contains(k), "{k:?} is bound twice");
        }
    }
    let presenter: Vec<Action> = presenter_bindings().iter().map(|b| b.action).collect();
    let dropped: Vec<Action> = DEMO_BINDINGS
        .iter()
        .map(|b| b.action)
        .filter(|a| !presenter.contains(a))
        .collect();
    assert_eq!(
        dropped,
        [
            Action::TogglePause,
            Action::Step,
            Action::Reset,
            Action::Lines
        ]
    );
    for action in [Action::NextAct, Action::Black, Action::Help, Action::Quit] {
        assert!(presenter.contains(&action), "{action:?}");
    }
}
