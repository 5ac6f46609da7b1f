//! Every key a presenter uses reaches the right intent, without a window or a GPU.

use bevy::prelude::*;
use bolwerk::demo::ViewSettings;
use bolwerk::demo::capture::ScreenshotRequest;
use bolwerk::demo::keys::KeysPlugin;
use bolwerk::demo::ui::Draft;
use bolwerk::model::Params;
use bolwerk::sim::{Clock, ContactStats, SimPlugin, SimSettings};
use bolwerk::simulate::headless_app;

fn app() -> App {
    let params = Params {
        initial_employees: 200,
        ..Params::default()
    };
    let mut app = headless_app(SimPlugin::new(params, 1).unwrap());
    let settings = app.world().resource::<SimSettings>().clone();
    app.init_resource::<ButtonInput<KeyCode>>()
        .init_resource::<ViewSettings>()
        .insert_resource(Draft(settings))
        .add_message::<ScreenshotRequest>()
        .add_plugins(KeysPlugin);
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

#[test]
fn toggles_flip_what_is_shown() {
    let mut app = app();
    let before = *app.world().resource::<ViewSettings>();
    for key in [KeyCode::KeyL, KeyCode::KeyC, KeyCode::KeyA, KeyCode::KeyH] {
        press(&mut app, key);
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
fn f12_asks_for_a_timestamped_screenshot_and_escape_quits() {
    let mut app = app();
    press(&mut app, KeyCode::F12);
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
    press(&mut app, KeyCode::Escape);
    assert_eq!(app.should_exit(), Some(AppExit::Success));
}
