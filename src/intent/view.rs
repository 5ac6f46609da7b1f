//! What is shown, and the intents that change it.
//!
//! Keys, the panel and scripts never write [`ViewSettings`] themselves: they send a
//! [`ViewCommand`], as they send `SimCommand`s to the simulation. The demo's view
//! plugin applies them; the camera plugin reads the same messages for camera moves.

use bevy::prelude::*;

use crate::i18n::Lang;

/// How much of the panel is drawn over the scene.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Overlay {
    /// The whole panel: figures, plot and controls.
    #[default]
    Full,
    /// Only the big ratio and the number of employees, in a corner.
    Minimal,
    /// Nothing: the scene alone.
    None,
}

/// What is shown. Nothing here changes the simulation.
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct ViewSettings {
    /// Contact lines.
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
    /// Contact lines.
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

    /// The flag itself, to change.
    pub fn flag_mut(&mut self, flag: ViewFlag) -> &mut bool {
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
    /// Seconds per turn while the camera rotates.
    OrbitPeriod(f32),
    /// Move the camera: yaw and pitch in radians, and a zoom. The camera glides there.
    Camera {
        /// Turn around the vertical axis.
        yaw: f32,
        /// Tilt up or down.
        pitch: f32,
        /// Distance over the shell's outer radius, measured against
        /// `scene::camera::FRAMING`, at which the whole organisation just fits; the
        /// camera never comes closer than that.
        zoom: f32,
    },
    /// The interface language.
    Lang(Lang),
    /// Switch to the next language (with two, the other one).
    ToggleLang,
    /// Fullscreen on or off, where there is a window.
    ToggleFullscreen,
}
