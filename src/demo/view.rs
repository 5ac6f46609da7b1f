//! What is shown, and the intents that change it.
//!
//! Keys, the panel and scripts never write [`ViewSettings`] themselves: they send a
//! [`ViewCommand`], as they send `SimCommand`s to the simulation, and this plugin
//! applies it. The camera plugin reads the same messages for camera moves.

use bevy::prelude::*;
use bevy::window::{MonitorSelection, PrimaryWindow, WindowMode};

use crate::i18n::{Lang, Texts};
use crate::schedule::FrameSet;

/// How much of the panel is drawn over the scene.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Overlay {
    /// The whole panel: figures, plot and controls.
    #[default]
    Full,
    /// Only the big ratio and the head count, in a corner.
    Minimal,
    /// Nothing: the scene alone.
    None,
}

/// What is shown. Nothing here changes the simulation.
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
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
    /// The plot in the panel.
    pub plot: bool,
    /// Colleagues' lines shown as internal customer–supplier links, with the counter of
    /// internal customers served against real customers met.
    pub internal_customers: bool,
    /// A scenario's captions.
    pub captions: bool,
    /// A black screen over everything (the presenter's B, as in slide software).
    pub black: bool,
    /// How much of the panel is drawn.
    pub overlay: Overlay,
    /// Seconds for one turn of the camera while it rotates.
    pub orbit_period: f32,
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
            plot: true,
            internal_customers: false,
            captions: true,
            black: false,
            overlay: Overlay::Full,
            orbit_period: DEFAULT_ORBIT_PERIOD,
        }
    }
}

/// Seconds per turn of the rotating camera, unless asked otherwise.
pub const DEFAULT_ORBIT_PERIOD: f32 = 25.0;

/// The on/off parts of [`ViewSettings`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ViewFlag {
    /// Interaction lines.
    Lines,
    /// Customers.
    Customers,
    /// The surface.
    Boundary,
    /// The cut-away.
    Cutaway,
    /// Camera rotation.
    AutoRotate,
    /// The help overlay.
    Help,
    /// Log–log plot axes.
    LogPlot,
    /// The plot.
    Plot,
    /// The internal-customers view.
    InternalCustomers,
    /// A scenario's captions.
    Captions,
    /// The black screen.
    Black,
}

impl ViewSettings {
    /// The flag's current value.
    pub fn get(&self, flag: ViewFlag) -> bool {
        match flag {
            ViewFlag::Lines => self.lines,
            ViewFlag::Customers => self.customers,
            ViewFlag::Boundary => self.boundary,
            ViewFlag::Cutaway => self.cutaway,
            ViewFlag::AutoRotate => self.auto_rotate,
            ViewFlag::Help => self.help,
            ViewFlag::LogPlot => self.log_plot,
            ViewFlag::Plot => self.plot,
            ViewFlag::InternalCustomers => self.internal_customers,
            ViewFlag::Captions => self.captions,
            ViewFlag::Black => self.black,
        }
    }

    fn flag_mut(&mut self, flag: ViewFlag) -> &mut bool {
        match flag {
            ViewFlag::Lines => &mut self.lines,
            ViewFlag::Customers => &mut self.customers,
            ViewFlag::Boundary => &mut self.boundary,
            ViewFlag::Cutaway => &mut self.cutaway,
            ViewFlag::AutoRotate => &mut self.auto_rotate,
            ViewFlag::Help => &mut self.help,
            ViewFlag::LogPlot => &mut self.log_plot,
            ViewFlag::Plot => &mut self.plot,
            ViewFlag::InternalCustomers => &mut self.internal_customers,
            ViewFlag::Captions => &mut self.captions,
            ViewFlag::Black => &mut self.black,
        }
    }
}

/// Intents that change what is shown, from keys, the panel or a script.
#[derive(Message, Debug, Clone, Copy, PartialEq)]
pub enum ViewCommand {
    /// Flip a flag.
    Toggle(ViewFlag),
    /// Set a flag.
    Set(ViewFlag, bool),
    /// How much of the panel is drawn.
    Overlay(Overlay),
    /// Show the panel fully, or hide it (the presenter's P).
    TogglePanel,
    /// Simulation speed, as a multiple of real time (clamped to `MIN_SPEED ..= MAX_SPEED`).
    Speed(f64),
    /// Seconds per turn while the camera rotates.
    OrbitPeriod(f32),
    /// Move the camera: yaw and pitch in radians, distance as a multiple of the customer
    /// shell's outer radius. The camera glides there.
    Camera {
        /// Turn around the vertical axis.
        yaw: f32,
        /// Tilt up or down.
        pitch: f32,
        /// Distance over the shell's outer radius.
        zoom: f32,
    },
    /// The interface language.
    Lang(Lang),
    /// Switch to the other language.
    ToggleLang,
    /// Fullscreen on or off, where there is a window.
    ToggleFullscreen,
}

/// The slowest simulation speed the panel offers.
pub const MIN_SPEED: f64 = 0.1;
/// The fastest simulation speed, as a multiple of real time.
pub const MAX_SPEED: f64 = 8.0;

/// The view plugin.
pub struct ViewPlugin;

impl Plugin for ViewPlugin {
    fn build(&self, app: &mut App) {
        app.add_message::<ViewCommand>()
            .add_systems(Update, apply_view_commands.in_set(FrameSet::Intent));
    }
}

fn apply_view_commands(
    mut commands: MessageReader<ViewCommand>,
    mut view: ResMut<ViewSettings>,
    mut texts: ResMut<Texts>,
    mut time: ResMut<Time<Virtual>>,
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
            ViewCommand::Speed(speed) => {
                time.set_relative_speed_f64(speed.clamp(MIN_SPEED, MAX_SPEED));
            }
            ViewCommand::OrbitPeriod(secs) => {
                if secs.is_finite() && secs > 0.0 {
                    view.orbit_period = secs;
                }
            }
            ViewCommand::Camera { .. } => {} // the camera plugin moves the camera
            ViewCommand::Lang(lang) => texts.lang = lang,
            ViewCommand::ToggleLang => texts.lang = texts.lang.other(),
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
