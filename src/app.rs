//! One builder for the scene and its panel, parameterised by where it draws: a window,
//! or an offscreen image of a given size with no window and no winit at all.
//! `bolwerk demo`, `bolwerk record` and `bolwerk present` all build their app here, so
//! a video can never drift from the live demo.

use std::path::{Path, PathBuf};

use bevy::app::TerminalCtrlCHandlerPlugin;
use bevy::asset::RenderAssetUsages;
use bevy::camera::{ImageRenderTarget, RenderTarget};
use bevy::log::LogPlugin;
use bevy::prelude::*;
use bevy::render::RenderPlugin;
use bevy::render::pipelined_rendering::PipelinedRenderingPlugin;
use bevy::render::render_resource::{Extent3d, TextureDimension, TextureFormat, TextureUsages};
use bevy::render::renderer::RenderDevice;
use bevy::window::{
    CursorOptions, ExitCondition, MonitorSelection, PrimaryWindow, WindowMode, WindowRef,
    WindowResolution,
};
use bevy::winit::WinitPlugin;

use crate::audience::{AudiencePlugin, RecordedAnswers};
use crate::failure::Failure;
use crate::i18n::{Msg, Texts};
use crate::intent::{Canvas, IntentPlugin};
use crate::record::{LiveRecordPlugin, OffscreenCapturePlugin};
use crate::scenario::Scenario;
use crate::scenario::play::{ScenarioPlugin, ScenarioState};
use crate::schedule::SchedulePlugin;
use crate::show::{ShowOptions, ShowPlugin};
use crate::sim::SimPlugin;

/// The logical height the panel is laid out for: an offscreen canvas of another height
/// scales the panel by `height / PANEL_REFERENCE_HEIGHT`, so 480p and 2160p look alike.
pub const PANEL_REFERENCE_HEIGHT: f32 = 720.0;

/// Where the app draws.
#[derive(Debug, Clone, PartialEq)]
pub enum Surface {
    /// A window on the display.
    Window {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
        /// A scripted run (a fixed number of frames): exact size, every pipeline ready
        /// from the first frame, no pipelined rendering.
        scripted: bool,
        /// Borderless fullscreen on the current monitor.
        fullscreen: bool,
    },
    /// An offscreen image; the caller steps the app with `update()`.
    Offscreen {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
    },
}

/// The app `record` and `handout` film with: the scene offscreen at `width`×`height`,
/// `scenario` (if any) played as it is recorded, with a room's `answers` (if any) at
/// its questions, and the capture a recording session reads; finished and ready to
/// step. Fails if the graphics adapter cannot draw an image that large.
pub fn filming_app(
    sim: SimPlugin,
    options: ShowOptions,
    (width, height): (u32, u32),
    scenario: Option<Scenario>,
    answers: Option<RecordedAnswers>,
) -> Result<App, Failure> {
    require_graphics()?;
    let mut app = scene_app(Surface::Offscreen { width, height }, sim, options);
    if let Some(scenario) = scenario {
        app.add_plugins(ScenarioPlugin)
            .insert_resource(ScenarioState::new(scenario, true));
    }
    if let Some(answers) = answers {
        app.insert_resource(answers).add_plugins(AudiencePlugin);
    }
    app.add_plugins(OffscreenCapturePlugin);
    app.finish();
    app.cleanup();
    let max = app
        .world()
        .resource::<RenderDevice>()
        .limits()
        .max_texture_dimension_2d;
    if width > max || height > max {
        return Err(Failure::Input(format!(
            "--size {width}x{height}: this graphics adapter draws at most {max}x{max}"
        )));
    }
    Ok(app)
}

/// Builds the app: Bevy for the surface, the schedule, the intents, the simulation,
/// the scene and panel, and the live recorder.
pub fn scene_app(surface: Surface, sim: SimPlugin, options: ShowOptions) -> App {
    let mut app = App::new();
    match surface {
        Surface::Window {
            width,
            height,
            scripted,
            fullscreen,
        } => {
            let mut window = Window {
                title: Texts::new(options.lang).get(Msg::WindowTitle),
                resolution: WindowResolution::new(width, height),
                ..default()
            };
            if fullscreen {
                window.mode = WindowMode::BorderlessFullscreen(MonitorSelection::Current);
            }
            if scripted {
                // A scripted run's screenshot has exactly the asked-for size.
                window.resolution.set_scale_factor_override(Some(1.0));
            }
            let mut plugins = DefaultPlugins
                .set(WindowPlugin {
                    primary_window: Some(window),
                    // The room's projection shows no pointer: the trainer steers with
                    // keys, a clicker or the console, and an arrow resting on the plot
                    // is noise. The demo keeps it.
                    primary_cursor_options: Some(CursorOptions {
                        visible: !options.room_panel,
                        ..default()
                    }),
                    // A second window (the presenter's console) closes on its own;
                    // closing the projection ends the session.
                    exit_condition: ExitCondition::OnPrimaryClosed,
                    ..default()
                })
                .set(LogPlugin {
                    filter: "wgpu=error,naga=warn,bevy_render=warn,bevy_winit=warn,bevy_egui=error"
                        .into(),
                    ..default()
                })
                .set(RenderPlugin {
                    synchronous_pipeline_compilation: scripted,
                    ..default()
                });
            if scripted {
                // Software renderers can crash when a pipelined app quits a few frames in.
                plugins = plugins.disable::<PipelinedRenderingPlugin>();
            }
            app.add_plugins(plugins)
                .insert_resource(Canvas {
                    target: RenderTarget::Window(WindowRef::Primary),
                    image: None,
                    size: UVec2::new(width, height),
                    scale: 1.0,
                })
                .add_systems(First, follow_window);
        }
        Surface::Offscreen { width, height } => {
            app.add_plugins(
                DefaultPlugins
                    .set(WindowPlugin {
                        primary_window: None,
                        exit_condition: ExitCondition::DontExit,
                        ..default()
                    })
                    // A command-line tool: warnings only, so its own output stays readable.
                    .set(LogPlugin {
                        filter: "warn,wgpu=error,bevy_egui=error,bevy_render::renderer=error"
                            .into(),
                        ..default()
                    })
                    .set(RenderPlugin {
                        synchronous_pipeline_compilation: true,
                        ..default()
                    })
                    .disable::<WinitPlugin>()
                    .disable::<PipelinedRenderingPlugin>()
                    // The caller handles Ctrl-C: it must remove its temporary output.
                    .disable::<TerminalCtrlCHandlerPlugin>(),
            );
            let handle = app
                .world_mut()
                .resource_mut::<Assets<Image>>()
                .add(canvas_image(width, height));
            let scale = height as f32 / PANEL_REFERENCE_HEIGHT;
            app.insert_resource(Canvas {
                target: RenderTarget::Image(ImageRenderTarget {
                    handle: handle.clone(),
                    scale_factor: scale,
                }),
                image: Some(handle),
                size: UVec2::new(width, height),
                scale,
            });
        }
    }
    app.add_plugins((
        SchedulePlugin,
        IntentPlugin,
        sim,
        crate::crash::CrashNotesPlugin,
        ShowPlugin { options },
        LiveRecordPlugin,
    ));
    app
}

/// Why there is no display, or `None` if one seems to be there.
fn missing_display() -> Option<String> {
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

/// Refuses to open a window without a display, naming what works without one.
pub fn require_display() -> Result<(), Failure> {
    match missing_display() {
        None => Ok(()),
        Some(why) => Err(Failure::Runtime(format!(
            "{why}: `bolwerk record` makes a video without one, `bolwerk simulate` writes \
             the numbers, or start the demo under `xvfb-run`"
        ))),
    }
}

/// Fails with one line if no graphics driver can be found, before Bevy would panic
/// looking for one. On Linux, Vulkan's loader finds drivers through JSON manifests: the
/// files `VK_DRIVER_FILES` or `VK_ICD_FILENAMES` name, else those in the standard
/// folders. (A driver that is listed but fails is still found by Bevy, which panics;
/// the crash hook says that in one line too.)
pub fn require_graphics() -> Result<(), Failure> {
    if cfg!(not(target_os = "linux")) {
        return Ok(());
    }
    let named = ["VK_DRIVER_FILES", "VK_ICD_FILENAMES"]
        .into_iter()
        .find_map(|var| std::env::var_os(var).map(|v| (var, v)));
    let manifests: Vec<PathBuf> = match &named {
        Some((_, files)) => std::env::split_paths(files).collect(),
        None => {
            // The loader's search: the XDG config and data folders (with their
            // defaults), the user's own, then /etc; and any files VK_ADD_DRIVER_FILES adds.
            let list = |var: &str, default: &str| -> Vec<PathBuf> {
                let value = std::env::var_os(var).filter(|v| !v.is_empty());
                std::env::split_paths(&value.unwrap_or_else(|| default.into())).collect()
            };
            let mut dirs: Vec<PathBuf> = list("XDG_CONFIG_DIRS", "/etc/xdg")
                .into_iter()
                .chain(list("XDG_DATA_DIRS", "/usr/local/share:/usr/share"))
                .map(|d| d.join("vulkan/icd.d"))
                .collect();
            dirs.push(PathBuf::from("/etc/vulkan/icd.d"));
            if let Some(home) = std::env::var_os("HOME") {
                dirs.push(PathBuf::from(home).join(".local/share/vulkan/icd.d"));
            }
            let mut files: Vec<PathBuf> = dirs
                .iter()
                .filter_map(|d| std::fs::read_dir(d).ok())
                .flatten()
                .filter_map(|e| e.ok().map(|e| e.path()))
                .collect();
            if let Some(added) = std::env::var_os("VK_ADD_DRIVER_FILES") {
                files.extend(std::env::split_paths(&added));
            }
            files
        }
    };
    // A manifest names its driver library under "ICD".
    let usable = manifests.iter().any(|m| {
        std::fs::read_to_string(m)
            .is_ok_and(|text| text.contains("\"ICD\"") && text.contains("library_path"))
    });
    if usable {
        return Ok(());
    }
    Err(Failure::Runtime(match named {
        Some((var, _)) => format!(
            "no graphics driver: {var} names no usable Vulkan driver; unset it, or point it \
             at one (Mesa's lavapipe draws without a GPU: apt install mesa-vulkan-drivers)"
        ),
        None => "no graphics driver: no Vulkan driver is installed (Mesa's lavapipe draws \
                 without a GPU: apt install mesa-vulkan-drivers, or run scripts/install-deps.sh)"
            .to_string(),
    }))
}

/// An image the scene and the panel render into and the recorder reads back.
fn canvas_image(width: u32, height: u32) -> Image {
    let mut image = Image::new_uninit(
        Extent3d {
            width,
            height,
            depth_or_array_layers: 1,
        },
        TextureDimension::D2,
        TextureFormat::Rgba8UnormSrgb,
        RenderAssetUsages::RENDER_WORLD,
    );
    image.texture_descriptor.usage |=
        TextureUsages::RENDER_ATTACHMENT | TextureUsages::COPY_SRC | TextureUsages::TEXTURE_BINDING;
    image
}

/// Keeps the canvas's size and scale, and the window's title, current.
fn follow_window(
    mut canvas: ResMut<Canvas>,
    texts: Res<Texts>,
    mut window: Query<&mut Window, With<PrimaryWindow>>,
) {
    let Ok(mut window) = window.single_mut() else {
        return;
    };
    let size = UVec2::new(window.physical_width(), window.physical_height());
    let scale = window.scale_factor();
    if canvas.size != size || canvas.scale != scale {
        canvas.size = size;
        canvas.scale = scale;
    }
    if texts.is_changed() {
        let title = texts.get(Msg::WindowTitle);
        if window.title != title {
            window.title = title;
        }
    }
}
