//! What a canvas shows: the 3D view ([`crate::scene`]: the organisation's agents, the
//! contact lines, the cameras and the compared views) and, over it, the screen's
//! interface ([`crate::screen`]: the panel, the overlays, the keys). [`ShowPlugin`]
//! adds both, with the [`ShowOptions`] fixed at start-up.
//!
//! The plugins draw onto a [`Canvas`](crate::intent::Canvas): a window, or an offscreen
//! image. They never ask which; `crate::app` decides, so that `bolwerk demo`,
//! `present`, `record` and `handout` show the same picture. They send intents and read
//! shared state through [`crate::intent`], and import neither the recorder nor the
//! scenario player.

pub mod options;

use bevy::prelude::*;

pub use self::options::{AgentStyle, ShowOptions};
use crate::i18n::Texts;
use crate::look::palette::Theme;
use crate::{scene, screen};

/// Adds the 3D view and the screen's interface. Needs `DefaultPlugins` (with a window or
/// without), a [`Canvas`](crate::intent::Canvas), `SchedulePlugin`, `SimPlugin` and
/// `IntentPlugin`.
pub struct ShowPlugin {
    /// Options fixed at start-up.
    pub options: ShowOptions,
}

impl Plugin for ShowPlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(self.options.clone())
            .insert_resource(self.options.view)
            .insert_resource(Texts::new(self.options.lang))
            .insert_resource(self.options.theme)
            .insert_resource(ClearColor(self.options.theme.palette.background))
            .add_systems(Update, follow_theme)
            .insert_resource(crate::sim::LineSettings {
                enabled: self.options.view.lines,
                cap: crate::sim::DEFAULT_LINE_CAP,
            })
            // Order matters only in that the UI plugin needs egui before the camera
            // plugin asks egui whether it wants the pointer.
            .add_plugins((
                screen::view::ViewPlugin,
                screen::UiPlugin,
                scene::software::SoftwarePlugin,
                scene::camera::CameraPlugin,
                scene::instancing::InstancingPlugin,
                scene::agents::AgentsPlugin,
                scene::lines::LinesPlugin,
                screen::keys::KeysPlugin,
                screen::organisations::OrganisationsPlugin,
                screen::capture::CapturePlugin,
                scene::compare::CompareViewPlugin,
            ));
        if self.options.compare.len() >= 2 {
            app.insert_resource(crate::sim::compare::CompareSettings {
                on: true,
                picks: self.options.compare.clone(),
            });
        }
    }
}

/// The background follows the theme.
fn follow_theme(theme: Res<Theme>, mut clear: ResMut<ClearColor>) {
    if theme.is_changed() && clear.0 != theme.palette.background {
        clear.0 = theme.palette.background;
    }
}
