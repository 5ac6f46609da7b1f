//! The options a canvas's picture is made with, fixed at start-up: read by the 3D view
//! and by the screen's interface alike.

use std::path::PathBuf;

use bevy::prelude::*;

use crate::i18n::Lang;
use crate::intent::ViewSettings;
use crate::look::palette::Theme;

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
pub struct ShowOptions {
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
    pub compare: Vec<crate::whatif::CompareKind>,
    /// Lay the panel and the overlays out as usual, but paint none of them; paint the
    /// canvas outside the 3D views' area in [`MASK`](crate::look::palette::MASK)
    /// instead. The same picture, camera and viewport: a test compares the two to check
    /// that no overlay covers the organisation and that the organisation is whole in
    /// its area.
    pub mask_overlays: bool,
    /// The text grows and shrinks with the window's height, as measured against
    /// [`TEXT_REFERENCE_HEIGHT`](crate::screen::TEXT_REFERENCE_HEIGHT) (the presenter): a projected picture is as large on
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
