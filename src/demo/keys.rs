//! The keyboard: every key a presenter needs, turned into intents. The help overlay
//! (H) lists [`KEYS`], so the two cannot drift apart.

use bevy::prelude::*;
use bevy::window::{MonitorSelection, PrimaryWindow, WindowMode};
use bevy_egui::input::EguiWantsInput;

use super::ViewSettings;
use super::capture::ScreenshotRequest;
use super::ui::Draft;
use crate::schedule::FrameSet;
use crate::sim::{SimCommand, SimSettings};

/// Every key binding, with what it does, for the help overlay.
pub const KEYS: &[(&str, &str)] = &[
    ("Space", "play / pause"),
    ("Right arrow", "one step (pauses)"),
    ("R", "reset (applies edited settings)"),
    ("L", "interaction lines on / off"),
    ("C", "cut-away: hide the near half"),
    ("A", "auto-rotate the camera"),
    ("F", "fullscreen"),
    ("F12", "screenshot (PNG in the working folder)"),
    ("H", "this help"),
    ("Esc", "quit"),
    ("drag / scroll", "rotate / zoom"),
];

/// The keyboard plugin.
pub struct KeysPlugin;

impl Plugin for KeysPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(Update, handle_keys.in_set(FrameSet::Input));
    }
}

fn handle_keys(
    keys: Res<ButtonInput<KeyCode>>,
    wants: Option<Res<EguiWantsInput>>,
    mut view: ResMut<ViewSettings>,
    mut commands: MessageWriter<SimCommand>,
    mut screenshot: MessageWriter<ScreenshotRequest>,
    mut exit: MessageWriter<AppExit>,
    draft: Res<Draft>,
    settings: Res<SimSettings>,
    mut window: Query<&mut Window, With<PrimaryWindow>>,
) {
    // While a text field has the keyboard, keys are typing, not commands.
    if wants.is_some_and(|w| w.wants_any_keyboard_input()) {
        return;
    }
    let pressed = |k| keys.just_pressed(k);
    if pressed(KeyCode::Space) {
        commands.write(SimCommand::TogglePause);
    }
    if pressed(KeyCode::ArrowRight) {
        commands.write(SimCommand::Step);
    }
    if pressed(KeyCode::KeyR) {
        commands.write(draft.reset_command(&settings));
    }
    let toggle = |k, flag: &mut bool| {
        if pressed(k) {
            *flag = !*flag;
        }
    };
    toggle(KeyCode::KeyL, &mut view.lines);
    toggle(KeyCode::KeyC, &mut view.cutaway);
    toggle(KeyCode::KeyA, &mut view.auto_rotate);
    toggle(KeyCode::KeyH, &mut view.help);
    if pressed(KeyCode::KeyF)
        && let Ok(mut w) = window.single_mut()
    {
        w.mode = match w.mode {
            WindowMode::Windowed => WindowMode::BorderlessFullscreen(MonitorSelection::Current),
            _ => WindowMode::Windowed,
        };
    }
    if pressed(KeyCode::F12) {
        screenshot.write(ScreenshotRequest::timestamped());
    }
    if pressed(KeyCode::Escape) {
        exit.write(AppExit::Success);
    }
}
