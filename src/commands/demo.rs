//! `bolwerk demo`: the scene and panel in a window.

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use clap::Args;

use super::ModelArgs;
use crate::app::{Surface, scene_app};
use crate::demo::palette::Theme;
use crate::demo::{AgentStyle, DemoOptions, ViewSettings};
use crate::failure::Failure;
use crate::i18n::Lang;
use crate::sim::SimPlugin;

/// `bolwerk demo`.
#[derive(Debug, Clone, Args)]
pub struct DemoArgs {
    /// Seed and parameters.
    #[command(flatten)]
    pub model: ModelArgs,
    /// A fixed head count: start at N and do not grow (for comparisons and benchmarks).
    #[arg(long, value_name = "N")]
    pub employees: Option<u32>,
    /// Window width in pixels.
    #[arg(long, default_value_t = 1280, value_parser = clap::value_parser!(u32).range(64..=16384))]
    pub width: u32,
    /// Window height in pixels.
    #[arg(long, default_value_t = 720, value_parser = clap::value_parser!(u32).range(64..=16384))]
    pub height: u32,
    /// The language of the interface.
    #[arg(long, value_enum, default_value_t = Lang::En)]
    pub lang: Lang,
    /// Quit after N frames (with --screenshot: save it, then quit).
    #[arg(long, value_name = "N")]
    pub frames: Option<u32>,
    /// Save a screenshot (UI included) after --frames frames.
    #[arg(long, value_name = "FILE.png")]
    pub screenshot: Option<PathBuf>,
    /// Compare shapes side by side from the start: two to four of sphere, disc, cells,
    /// rotation (comma-separated).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "SHAPES")]
    pub compare: Vec<crate::sim::compare::CompareKind>,
    /// How to draw agents: `cloud` (fast) or `naive` (a PBR sphere each, 4× MSAA).
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
            width: 1280,
            height: 720,
            lang: Lang::En,
            frames: None,
            screenshot: None,
            agents: AgentStyle::Cloud,
            report_frame_times: false,
            compare: Vec::new(),
        }
    }
}

/// Why there is no display, or `None` if one seems to be there.
pub fn missing_display() -> Option<String> {
    let wayland = std::env::var_os("WAYLAND_DISPLAY").is_some_and(|v| !v.is_empty());
    let display = std::env::var("DISPLAY").unwrap_or_default();
    if wayland {
        return None;
    }
    if display.is_empty() {
        return Some("no display (DISPLAY and WAYLAND_DISPLAY are unset)".into());
    }
    // A local X display `:N` has a socket; without it winit would panic at start.
    if let Some(n) = display.strip_prefix(':') {
        let n = n.split('.').next().unwrap_or(n);
        let socket = Path::new("/tmp/.X11-unix").join(format!("X{n}"));
        if cfg!(target_os = "linux") && !socket.exists() {
            return Some(format!("no X server answers on DISPLAY={display}"));
        }
    }
    None
}

/// The message for a window command run without a display.
pub fn no_display_message(why: &str) -> String {
    format!(
        "{why}: `bolwerk record` makes a video without one, `bolwerk simulate` writes the \
         numbers, or start the demo under `xvfb-run`"
    )
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
    if let Some(why) = missing_display() {
        return Err(Failure::Runtime(no_display_message(&why)));
    }
    let surface = Surface::Window {
        width: args.width,
        height: args.height,
        scripted: args.frames.is_some(),
        fullscreen: false,
    };
    let options = DemoOptions {
        agents: args.agents,
        frames: args.frames,
        screenshot: args.screenshot.clone(),
        report_frame_times: args.report_frame_times,
        lang: args.lang,
        view: ViewSettings::default(),
        theme: Theme::default(),
        compare: args.compare.clone(),
    };
    match scene_app(surface, sim, options).run() {
        AppExit::Success => Ok(()),
        AppExit::Error(code) => Err(Failure::Runtime(format!(
            "the demo stopped with error {code}"
        ))),
    }
}
