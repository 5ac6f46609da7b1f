//! Applies the [`ViewCommand`]s that keys, the panel and scripts send: the flags, the
//! panel, the language and fullscreen (camera moves are the camera plugin's); and
//! tells the simulation whether to sample contact lines, among the intents, before it
//! counts (drawing never steers it).

use bevy::prelude::*;
use bevy::window::{MonitorSelection, PrimaryWindow, WindowMode};

use crate::i18n::Texts;
use crate::intent::{Overlay, ViewCommand, ViewSettings};
use crate::schedule::FrameSet;
use crate::sim::LineSettings;

/// The view plugin. Needs the [`IntentPlugin`](crate::intent::IntentPlugin).
pub struct ViewPlugin;

impl Plugin for ViewPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(
            Update,
            (apply_view_commands, sync_line_sampling)
                .chain()
                .in_set(FrameSet::Intent),
        );
    }
}

fn apply_view_commands(
    mut commands: MessageReader<ViewCommand>,
    mut view: ResMut<ViewSettings>,
    mut texts: ResMut<Texts>,
    mut window: Query<&mut Window, With<PrimaryWindow>>,
) {
    for command in commands.read() {
        match *command {
            ViewCommand::Toggle(flag) => {
                let f = view.flag_mut(flag);
                *f = !*f;
            }
            ViewCommand::Set(flag, on) => *view.flag_mut(flag) = on,
            ViewCommand::Overlay(overlay) => view.overlay = overlay,
            ViewCommand::TogglePanel => {
                view.overlay = match view.overlay {
                    Overlay::Full => Overlay::None,
                    _ => Overlay::Full,
                }
            }
            ViewCommand::OrbitPeriod(secs) => {
                if secs.is_finite() && secs > 0.0 {
                    view.orbit_period = secs;
                }
            }
            ViewCommand::Camera { .. } => {} // the camera plugin moves the camera
            ViewCommand::Lang(lang) => texts.lang = lang,
            ViewCommand::ToggleLang => texts.lang = texts.lang.next(),
            ViewCommand::ToggleFullscreen => {
                if let Ok(mut w) = window.single_mut() {
                    w.mode = match w.mode {
                        WindowMode::Windowed => {
                            WindowMode::BorderlessFullscreen(MonitorSelection::Current)
                        }
                        _ => WindowMode::Windowed,
                    };
                }
            }
        }
    }
}

/// Sampling costs a little while counting: only do it while lines are shown.
fn sync_line_sampling(view: Res<ViewSettings>, mut settings: ResMut<LineSettings>) {
    if settings.enabled != view.lines {
        settings.enabled = view.lines;
    }
}
