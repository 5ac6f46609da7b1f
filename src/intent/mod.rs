//! The intents and the shared state below every part that shows something.
//!
//! The keys, the panel and scripts send intents; the simulation, the view, the
//! recorder and the scenario player act on them. The parts that draw read shared state
//! from here ([`Canvas`], [`ViewSettings`], [`Recording`], [`Stage`]). So the demo
//! never imports the recorder or the scenario player, and neither of them imports the
//! demo: each imports this layer and the simulation.
//!
//! [`IntentPlugin`] registers every intent, so any plugin can be tested alone with it.

mod canvas;
pub mod organisations;
mod question;
mod session;
mod view;

use bevy::prelude::*;

pub use canvas::Canvas;
pub use organisations::Organisations;
pub use question::{
    Asked, Choice, DEFAULT_TOLERANCE, MAX_TOLERANCE, Measure, Question, SKETCH_POINTS, letter,
};
pub use session::{
    Caption, CaptionText, Notes, Posed, RecordCommand, Recording, Rehearsal, ScenarioCommand,
    ScreenshotRequest, Stage, Unloaded,
};
pub use view::{DEFAULT_ORBIT_PERIOD, Overlay, ViewCommand, ViewFlag, ViewSettings};

use crate::sim::SimCommand;
use crate::sim::compare::CompareCommand;

/// Registers every intent: the simulation's, the comparison's, the view's, the
/// screenshot's, the recorder's and the scenario player's.
pub struct IntentPlugin;

impl Plugin for IntentPlugin {
    fn build(&self, app: &mut App) {
        app.add_message::<SimCommand>()
            .add_message::<CompareCommand>()
            .add_message::<ViewCommand>()
            .add_message::<ScreenshotRequest>()
            .add_message::<RecordCommand>()
            .add_message::<ScenarioCommand>();
    }
}
