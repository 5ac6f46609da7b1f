//! The what-if comparison: two to four organisations of the same head count, one shape
//! each, growing in step with the main one and counted separately every frame.
//!
//! Each compared world is a plain [`Population`] from the model crate, held in one
//! resource: the same code that `bolwerk simulate` and the tests run, so a compared
//! shape counts exactly what the same shape run alone with the same seed counts. They
//! tick in `FixedUpdate` with the main world, so pause and speed apply to all.

use bevy::prelude::*;
use bolwerk_model::Population;
use bolwerk_model::contacts::ContactGrid;

use super::{ContactStats, ExpectedNow, SimSettings, StatsHistory, count_population};
use crate::schedule::{FrameSet, TickSet, ticking};
use crate::whatif::CompareKind;

/// Whether the comparison runs, and which shapes it shows.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct CompareSettings {
    /// The comparison is on.
    pub on: bool,
    /// The what-ifs, in the order of [`crate::whatif::WHAT_IFS`].
    pub picks: Vec<CompareKind>,
}

impl Default for CompareSettings {
    fn default() -> Self {
        Self {
            on: false,
            // The shapes; the contact rules are picked by hand.
            picks: CompareKind::all().filter(|k| !k.is_rule()).collect(),
        }
    }
}

/// The most shapes compared at once.
pub const MAX_COMPARED: usize = 4;

/// Intents for the comparison, from keys, the panel or a script.
#[derive(Message, Debug, Clone, PartialEq)]
pub enum CompareCommand {
    /// Turn the comparison on or off.
    Toggle,
    /// Turn it on or off.
    Set(bool),
    /// Show these shapes (two to four; others are refused).
    Pick(Vec<CompareKind>),
}

/// One compared world.
#[derive(Debug)]
pub struct CompareView {
    /// Its shape.
    pub kind: CompareKind,
    /// Its agents.
    pub pop: Population,
    /// Its counting grid (front-office flags included).
    pub grid: ContactGrid,
    /// Its counts this frame.
    pub stats: ContactStats,
    /// Its counts over the run, for the shared plot.
    pub history: StatsHistory,
    /// The head count it stops at, where that is below the main world's because
    /// counting it every frame would cost too much beyond ([`crate::whatif::WhatIf::most_employees`]).
    pub stops_at: Option<u32>,
    /// The expectations, for the generation of the organisation they were computed at.
    expected: ExpectedNow,
}

/// The compared worlds, in the order of [`CompareSettings::picks`].
#[derive(Resource, Debug, Default)]
pub struct CompareWorlds {
    /// The worlds (empty while the comparison is off).
    pub views: Vec<CompareView>,
    /// The settings they were built from, to rebuild them when those change.
    built: Option<(SimSettings, Vec<CompareKind>)>,
}

/// The comparison's simulation: no drawing, so it runs headless.
pub struct CompareWorldsPlugin;

impl Plugin for CompareWorldsPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<CompareSettings>()
            .init_resource::<CompareWorlds>()
            .add_message::<CompareCommand>()
            .add_systems(
                Update,
                // After the main world's commands: a part that starts a fresh world
                // and the comparison at once builds the compared worlds from the fresh
                // world's settings, in the same frame. (Unordered, the two ran in
                // either order, and the compared worlds could start a frame late,
                // from the world before.)
                (apply_compare_commands, rebuild)
                    .chain()
                    .after(super::apply_commands)
                    .in_set(FrameSet::Intent),
            )
            .add_systems(FixedUpdate, tick.in_set(TickSet::Move).run_if(ticking))
            .add_systems(Update, count.in_set(FrameSet::Count));
    }
}

fn apply_compare_commands(
    mut commands: MessageReader<CompareCommand>,
    mut settings: ResMut<CompareSettings>,
) {
    for command in commands.read() {
        match command {
            CompareCommand::Toggle => settings.on = !settings.on,
            CompareCommand::Set(on) => settings.on = *on,
            CompareCommand::Pick(kinds) => {
                if (2..=MAX_COMPARED).contains(&kinds.len()) {
                    settings.picks = kinds.clone();
                }
            }
        }
    }
}

/// (Re)builds the worlds when the comparison is turned on, its shapes change, or the
/// main world is reset; drops them when it is turned off.
fn rebuild(
    settings: Res<CompareSettings>,
    sim: Res<SimSettings>,
    mut worlds: ResMut<CompareWorlds>,
) {
    if !settings.on {
        if !worlds.views.is_empty() {
            worlds.views.clear();
            worlds.built = None;
        }
        return;
    }
    let wanted = (sim.clone(), settings.picks.clone());
    if worlds.built.as_ref() == Some(&wanted) {
        return;
    }
    worlds.views = settings
        .picks
        .iter()
        .filter_map(|&kind| {
            let params = kind.params(&sim.params);
            let stops_at =
                (params.max_employees < sim.params.max_employees).then_some(params.max_employees);
            let pop = Population::new(params, sim.seed).ok()?;
            Some(CompareView {
                stops_at,
                kind,
                pop,
                grid: ContactGrid::new(),
                stats: ContactStats::default(),
                history: StatsHistory::default(),
                expected: ExpectedNow::default(),
            })
        })
        .collect();
    worlds.built = Some(wanted);
}

fn tick(mut worlds: ResMut<CompareWorlds>) {
    for view in &mut worlds.views {
        view.pop.tick();
    }
}

/// Counts each world afresh, as the main world is counted.
fn count(mut worlds: ResMut<CompareWorlds>) {
    for view in &mut worlds.views {
        view.stats = count_population(&mut view.pop, &mut view.grid, &mut view.expected, None);
        view.history.record(view.stats);
    }
}
