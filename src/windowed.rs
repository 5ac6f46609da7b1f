//! `bolwerk demo`: builds the windowed app from the command line and runs it.

use std::path::Path;

use bevy::log::LogPlugin;
use bevy::prelude::*;
use bevy::render::RenderPlugin;
use bevy::render::pipelined_rendering::PipelinedRenderingPlugin;
use bevy::window::WindowResolution;

use crate::cli::{DemoArgs, Failure};
use crate::demo::{DemoOptions, DemoPlugin};
use crate::schedule::SchedulePlugin;
use crate::sim::SimPlugin;

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
        return Err(Failure::Runtime(format!(
            "{why}: `bolwerk simulate` runs the model without a window, or start the demo under `xvfb-run`"
        )));
    }
    let scripted = args.frames.is_some();
    let mut window = Window {
        title: "bolwerk — interne klanten".into(),
        resolution: WindowResolution::new(args.width, args.height),
        ..default()
    };
    if scripted {
        // A scripted run's screenshot has exactly the asked-for size.
        window.resolution.set_scale_factor_override(Some(1.0));
    }
    let mut plugins = DefaultPlugins
        .set(WindowPlugin {
            primary_window: Some(window),
            ..default()
        })
        .set(LogPlugin {
            filter: "wgpu=error,naga=warn,bevy_render=warn,bevy_winit=warn".into(),
            ..default()
        })
        .set(RenderPlugin {
            // Scripted runs draw every pipeline from the first frame on.
            synchronous_pipeline_compilation: scripted,
            ..default()
        });
    if scripted {
        // Software renderers can crash when a pipelined app quits a few frames in.
        plugins = plugins.disable::<PipelinedRenderingPlugin>();
    }
    let exit = App::new()
        .add_plugins((plugins, SchedulePlugin, sim))
        .add_plugins(DemoPlugin {
            options: DemoOptions {
                agents: args.agents,
                frames: args.frames,
                screenshot: args.screenshot.clone(),
                report_frame_times: args.report_frame_times,
            },
        })
        .run();
    match exit {
        AppExit::Success => Ok(()),
        AppExit::Error(code) => Err(Failure::Runtime(format!(
            "the demo stopped with error {code}"
        ))),
    }
}
