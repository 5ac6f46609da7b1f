//! The simulation without a window or a GPU, stepped by hand: what `bolwerk simulate`
//! runs, and what the tests drive.

use std::time::Duration;

use bevy::prelude::*;
use bevy::time::TimeUpdateStrategy;

use super::SimPlugin;
use crate::schedule::SchedulePlugin;

/// An app that runs the simulation under `MinimalPlugins`: exactly one tick per
/// `update()` after the first, which only starts the world (tick 0).
pub fn headless_app(plugin: SimPlugin) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, SchedulePlugin, plugin))
        .insert_resource(TimeUpdateStrategy::ManualDuration(Duration::ZERO));
    app.update();
    app.insert_resource(TimeUpdateStrategy::FixedTimesteps(1));
    app
}
