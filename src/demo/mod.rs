//! The interactive demo: the growing sphere of agents, interaction lines, live counts,
//! the plot and the controls. Each part is its own plugin; [`DemoPlugin`] adds them all.

pub mod camera;
pub mod capture;
pub mod keys;
pub mod lines;
pub mod palette;
pub mod scene;
pub mod software;
pub mod ui;

use std::path::PathBuf;

use bevy::prelude::*;

/// How agents are drawn.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AgentStyle {
    /// All agents in one low-poly mesh, rebuilt each frame: fast everywhere.
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
}

/// What is shown. Keys and the UI toggle these; nothing here changes the simulation.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct ViewSettings {
    /// Interaction lines.
    pub lines: bool,
    /// Customers.
    pub customers: bool,
    /// The organisation's surface.
    pub boundary: bool,
    /// Hide the near half of the agents to see the interior.
    pub cutaway: bool,
    /// Turn the camera slowly, for presenting.
    pub auto_rotate: bool,
    /// The help overlay.
    pub help: bool,
    /// Log–log axes on the plot.
    pub log_plot: bool,
}

impl Default for ViewSettings {
    fn default() -> Self {
        Self {
            lines: true,
            customers: true,
            boundary: true,
            cutaway: false,
            auto_rotate: false,
            help: false,
            log_plot: false,
        }
    }
}

/// Adds every part of the demo. Needs `DefaultPlugins` (with a window), `SchedulePlugin`
/// and `SimPlugin`.
pub struct DemoPlugin {
    /// Options fixed at start-up.
    pub options: DemoOptions,
}

impl Plugin for DemoPlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(self.options.clone())
            .init_resource::<ViewSettings>()
            .insert_resource(ClearColor(palette::BACKGROUND))
            .insert_resource(crate::sim::LineSettings {
                enabled: true,
                cap: crate::sim::DEFAULT_LINE_CAP,
            })
            // Order matters only in that the UI plugin needs egui before the camera
            // plugin asks egui whether it wants the pointer.
            .add_plugins((
                ui::UiPlugin,
                software::SoftwarePlugin,
                camera::CameraPlugin,
                scene::ScenePlugin,
                lines::LinesPlugin,
                keys::KeysPlugin,
                capture::CapturePlugin,
            ));
    }
}
