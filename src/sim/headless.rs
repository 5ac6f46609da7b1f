//! The simulation without a window or a GPU, stepped by hand: what `bolwerk simulate`
//! runs, and what the tests drive.

use std::time::Duration;

use bevy::app::Plugins;
use bevy::prelude::*;
use bevy::time::TimeUpdateStrategy;

use super::{ContactStats, Sim};
use crate::failure::Failure;
use crate::schedule::SchedulePlugin;

/// An app that runs the simulation under `MinimalPlugins`: exactly one tick per
/// `update()` after the first, which only starts the world (tick 0). `sim` is the
/// [`SimPlugin`](super::SimPlugin), with any plugins that watch it.
pub fn headless_app<M>(sim: impl Plugins<M>) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, SchedulePlugin))
        .add_plugins(sim)
        .insert_resource(TimeUpdateStrategy::ManualDuration(Duration::ZERO));
    app.update();
    app.insert_resource(TimeUpdateStrategy::FixedTimesteps(1));
    app
}

/// Steps `app` (a [`headless_app`]) until `done` holds for the counts, keeping those of
/// every `every`th tick and the last; `kept` sees each as it is kept (for a progress
/// bar). Fails if an update ever runs other than one tick.
pub fn run_until(
    app: &mut App,
    every: u64,
    mut done: impl FnMut(&ContactStats) -> bool,
    mut kept: impl FnMut(&ContactStats),
) -> Result<Vec<ContactStats>, Failure> {
    let mut rows = Vec::new();
    loop {
        let stats = *app.world().resource::<ContactStats>();
        let last = done(&stats);
        if stats.tick.is_multiple_of(every.max(1)) || last {
            kept(&stats);
            rows.push(stats);
        }
        if last {
            return Ok(rows);
        }
        app.update();
        let tick = app.world().resource::<Sim>().0.org.tick();
        if tick != stats.tick + 1 {
            return Err(Failure::Runtime(format!(
                "the simulation went from tick {} to {tick} in one update",
                stats.tick
            )));
        }
    }
}
