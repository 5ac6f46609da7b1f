//! The scene and its panel: the growing sphere of agents, interaction lines, live
//! counts, the plot and the controls. Each part is its own plugin; [`DemoPlugin`] adds
//! them all.
//!
//! The plugins draw onto a [`Canvas`](crate::intent::Canvas): a window, or an offscreen
//! image. They never ask which; `crate::app` decides, so that `bolwerk demo` and
//! `bolwerk record` show the same picture. They send intents and read shared state
//! through [`crate::intent`], and import neither the recorder nor the scenario player.

pub mod bindings;
pub mod camera;
pub mod capture;
pub mod compare;
pub mod instancing;
pub mod keys;
pub mod layout;
pub mod lines;
pub mod scene;
pub mod software;
pub mod ui;
pub mod view;

use std::path::PathBuf;

use bevy::prelude::*;

use crate::i18n::{Lang, Texts};
use crate::intent::ViewSettings;
use crate::look::palette::Theme;
use crate::sim::{SimCommand, SimSettings};

/// How agents are drawn.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AgentStyle {
    /// All employees and customers in one instanced draw: fast everywhere.
    #[default]
    Cloud,
    /// Bevy's default PBR sphere per entity with 4× MSAA: the naive baseline, for benchmarks.
    Naive,
}

/// Options fixed at start-up.
#[derive(Resource, Debug, Clone, Default)]
pub struct DemoOptions {
    /// How agents are drawn.
    pub agents: AgentStyle,
    /// Quit after this many frames (with `screenshot`, once the picture is saved).
    pub frames: Option<u32>,
    /// Save a screenshot to this file after `frames` frames, then quit.
    pub screenshot: Option<PathBuf>,
    /// Print frame-time statistics when the app quits.
    pub report_frame_times: bool,
    /// The language to start in.
    pub lang: Lang,
    /// What is shown at the start.
    pub view: ViewSettings,
    /// The colours and text size.
    pub theme: Theme,
    /// Shapes to compare from the start (none: the comparison is off).
    pub compare: Vec<crate::sim::compare::CompareKind>,
    /// Lay the panel and the overlays out as usual, but paint none of them; paint the
    /// canvas outside the 3D views' area in [`MASK`](crate::look::palette::MASK)
    /// instead. The same picture, camera and viewport: a test compares the two to check
    /// that no overlay covers the organisation and that the organisation is whole in
    /// its area.
    pub mask_overlays: bool,
    /// The text grows and shrinks with the window's height, as measured against
    /// [`ui::TEXT_REFERENCE_HEIGHT`] (the presenter): a projected picture is as large on
    /// the wall at 1024×768 as at 1920×1080, so the panel and the cards keep their
    /// share of it. Offscreen pictures scale by their height anyway (`crate::app`).
    pub text_follows_height: bool,
    /// The panel a room sees, without controls (`present`, `record`, `handout`): the
    /// headline, its expectation, the employees and the plot. The demo keeps its
    /// controls.
    pub room_panel: bool,
    /// Write every text each egui context shows, each frame, into this folder:
    /// `projection.txt` and, with the presenter's console, `console.txt` (for the
    /// tests, which check what each window shows).
    pub dump_texts: Option<PathBuf>,
}

/// Settings being edited in the panel; they take effect on reset.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct Draft(pub SimSettings);

impl Draft {
    /// What a reset sends: the edited settings if they differ, else a plain reset.
    pub fn reset_command(&self, current: &SimSettings) -> SimCommand {
        if self.0 == *current {
            SimCommand::Reset
        } else {
            SimCommand::Apply(self.0.clone())
        }
    }
}

/// Adds every part of the scene and panel. Needs `DefaultPlugins` (with a window or
/// without), a [`Canvas`](crate::intent::Canvas), `SchedulePlugin`, `SimPlugin` and
/// `IntentPlugin`.
pub struct DemoPlugin {
    /// Options fixed at start-up.
    pub options: DemoOptions,
}

impl Plugin for DemoPlugin {
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
            .add_systems(Startup, init_draft)
            .add_systems(
                Update,
                follow_applied.in_set(crate::schedule::FrameSet::Draw),
            )
            // Order matters only in that the UI plugin needs egui before the camera
            // plugin asks egui whether it wants the pointer.
            .add_plugins((
                view::ViewPlugin,
                ui::UiPlugin,
                software::SoftwarePlugin,
                camera::CameraPlugin,
                instancing::InstancingPlugin,
                scene::ScenePlugin,
                lines::LinesPlugin,
                keys::KeysPlugin,
                capture::CapturePlugin,
                compare::CompareViewPlugin,
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

fn init_draft(mut commands: Commands, settings: Res<SimSettings>) {
    commands.insert_resource(Draft(settings.clone()));
}

/// Settings applied from elsewhere (a scenario's act) become the draft too: the panel
/// showed them as edits waiting for a reset, the reset button lit, all session long.
fn follow_applied(settings: Res<SimSettings>, mut draft: ResMut<Draft>) {
    if settings.is_changed() && draft.0 != *settings {
        draft.0 = settings.clone();
    }
}
