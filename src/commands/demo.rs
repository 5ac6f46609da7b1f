//! `bolwerk demo`: the scene and panel in a window.

use std::path::PathBuf;

use bevy::prelude::*;
use clap::Args;

use super::ModelArgs;
use crate::app::{Surface, require_display, require_graphics, scene_app};
use crate::failure::{Failure, from_app_exit};
use crate::i18n::Lang;
use crate::intent::ViewSettings;
use crate::look::palette::Theme;
use crate::show::{AgentStyle, ShowOptions};
use crate::sim::SimPlugin;

/// The demo window's size when none is asked for, in pixels.
pub const DEFAULT_SIZE: (u32, u32) = (1280, 720);

/// `bolwerk demo`.
#[derive(Debug, Clone, Args)]
pub struct DemoArgs {
    /// Seed and parameters.
    #[command(flatten)]
    pub model: ModelArgs,
    /// A fixed number of employees: start at N and do not grow (for comparisons and benchmarks).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=i64::from(bolwerk_model::params::MAX_HEAD_COUNT)))]
    pub employees: Option<u32>,
    /// Window width in pixels.
    #[arg(long, default_value_t = DEFAULT_SIZE.0, value_parser = clap::value_parser!(u32).range(64..=16384))]
    pub width: u32,
    /// Window height in pixels.
    #[arg(long, default_value_t = DEFAULT_SIZE.1, value_parser = clap::value_parser!(u32).range(64..=16384))]
    pub height: u32,
    /// The language of the interface.
    #[arg(long, value_enum, default_value_t = Lang::EN)]
    pub lang: Lang,
    /// Quit after N frames (with --screenshot: save it, then quit).
    #[arg(long, value_name = "N")]
    pub frames: Option<u32>,
    /// Save a screenshot (UI included) after --frames frames.
    #[arg(long, value_name = "FILE.png")]
    pub screenshot: Option<PathBuf>,
    /// Compare shapes side by side from the start: two to four what-ifs
    /// (comma-separated).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "SHAPES")]
    pub compare: Vec<crate::whatif::CompareKind>,
    /// How to draw employees and customers: `cloud` (fast) or `naive` (a PBR sphere each, 4× MSAA).
    #[arg(long, value_enum, default_value_t = AgentStyle::Cloud)]
    pub agents: AgentStyle,
    /// Print frame-time statistics on quitting.
    #[arg(long)]
    pub report_frame_times: bool,
}

impl Default for DemoArgs {
    fn default() -> Self {
        Self {
            model: ModelArgs::default(),
            employees: None,
            width: DEFAULT_SIZE.0,
            height: DEFAULT_SIZE.1,
            lang: Lang::EN,
            frames: None,
            screenshot: None,
            agents: AgentStyle::Cloud,
            report_frame_times: false,
            compare: Vec::new(),
        }
    }
}

/// Runs the interactive demo until the window closes.
pub fn run(args: &DemoArgs) -> Result<(), Failure> {
    let mut params = args.model.load()?;
    if let Some(n) = args.employees {
        params.initial_employees = n;
        params.max_employees = n;
    }
    let sim = SimPlugin::new(params, args.model.seed).map_err(|e| Failure::Input(e.to_string()))?;
    if args.screenshot.is_some() && args.frames.is_none() {
        return Err(Failure::Input("--screenshot needs --frames N".into()));
    }
    require_display()?;
    require_graphics()?;
    let surface = Surface::Window {
        width: args.width,
        height: args.height,
        scripted: args.frames.is_some(),
        fullscreen: false,
    };
    let options = ShowOptions {
        agents: args.agents,
        frames: args.frames,
        screenshot: args.screenshot.clone(),
        report_frame_times: args.report_frame_times,
        lang: args.lang,
        view: ViewSettings::default(),
        theme: Theme::default(),
        compare: args.compare.clone(),
        mask_overlays: false,
        room_panel: false,
        text_follows_height: false,
        dump_texts: None,
    };
    from_app_exit(scene_app(surface, sim, options).run(), "the demo")
}
