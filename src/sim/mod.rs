//! The simulation: a thin ECS layer over [`bolwerk_model`].
//!
//! The agents live in one resource, [`Sim`]: the model's [`Population`], positions in
//! plain arrays by id, not one entity per agent. Ids hold within a frame, not for life:
//! counting renumbers a large crowd in spatial order now and then, so nothing here keeps
//! an id from one frame to the next. An entity per agent costs too much memory and time
//! at a million agents (BENCHMARKS.md, "Figures moved from code comments (issue 17)").
//! Growth and motion run in `FixedUpdate`, one model tick per run; contacts are counted
//! afresh every frame and published as [`ContactStats`]. It needs nothing but
//! `MinimalPlugins`: no window, no GPU.

pub mod compare;
pub mod curve;
pub mod headless;
mod measure;
pub mod stats;

use bevy::prelude::*;
use bolwerk_model::contacts::ContactGrid;
use bolwerk_model::sampling::LineSampler;
use bolwerk_model::{PairKind, ParamError, Params, Population};

pub use measure::Measure;
pub use stats::{ContactStats, ExpectedNow, SampledLines, StatsHistory, count_population};

use crate::schedule::{FrameSet, TickSet, Ticking};

/// What a (re)start builds: the parameters and the seed.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct SimSettings {
    /// The model's parameters (always valid: see [`SimCommand::Apply`]).
    pub params: Params,
    /// The seed that fixes everything.
    pub seed: u64,
}

/// The running organisation: its scalar state and every agent, by id.
#[derive(Resource, Debug, Clone)]
pub struct Sim(pub Population);

/// Play, pause and single steps.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    /// No ticks run while paused, except asked-for steps.
    pub paused: bool,
    /// Single ticks still to run while paused.
    pub steps: u32,
}

/// Whether and how many contact lines to sample each frame.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineSettings {
    /// Sample lines at all (off for headless runs).
    pub enabled: bool,
    /// The most lines kept per frame.
    pub cap: usize,
}

impl Default for LineSettings {
    fn default() -> Self {
        Self {
            enabled: false,
            cap: DEFAULT_LINE_CAP,
        }
    }
}

/// The default cap on lines drawn per frame.
pub const DEFAULT_LINE_CAP: usize = 20_000;

/// The largest line cap the app accepts.
pub const MAX_LINE_CAP: usize = 200_000;

/// Something the user should know about an intent that was refused or adjusted.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// New settings were refused; the world goes on as it was.
    NotApplied(ParamError),
    /// The world could not be rebuilt from the settings.
    CannotStart(ParamError),
    /// The line cap asked for was above the maximum and was lowered to it.
    LineCapLowered {
        /// What was asked.
        asked: usize,
        /// What it became.
        max: usize,
    },
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Notice::NotApplied(e) => write!(f, "not applied: {e}"),
            Notice::CannotStart(e) => write!(f, "cannot start: {e}"),
            Notice::LineCapLowered { asked, max } => {
                write!(f, "line cap {asked} lowered to the maximum, {max}")
            }
        }
    }
}

/// The latest notice for the user, if any (the UI translates it).
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct SimNotice(pub Option<Notice>);

/// Intents from the keyboard, the UI or a script. The simulation acts on them.
#[derive(Message, Debug, Clone, PartialEq)]
pub enum SimCommand {
    /// Rebuild the world from the current [`SimSettings`].
    Reset,
    /// Pause or resume.
    TogglePause,
    /// Run exactly one tick (pauses first).
    Step,
    /// Take new settings, validated, and reset with them. Invalid ones are refused
    /// with a [`SimNotice`] and the world stays as it was.
    Apply(SimSettings),
    /// Change the line cap (clamped to `0 ..= MAX_LINE_CAP`).
    SetLineCap(usize),
    /// Pause (true) or play (false).
    SetPaused(bool),
    /// Put the world back exactly as it was when the snapshot was taken.
    Restore(Snapshot),
    /// Simulation speed, as a multiple of real time (clamped to
    /// [`MIN_SPEED`]` ..= `[`MAX_SPEED`]).
    Speed(f64),
}

/// The slowest simulation speed, as a multiple of real time.
pub const MIN_SPEED: f64 = 0.1;
/// The fastest simulation speed, as a multiple of real time.
pub const MAX_SPEED: f64 = 8.0;

/// Model ticks per second of simulated time, at speed 1.
pub const TICK_HZ: f64 = 64.0;

/// A world as it was at one moment: settings, every agent and the organisation's
/// state, and the history. Taken with [`take_snapshot`], put back with
/// [`SimCommand::Restore`].
#[derive(Debug, Clone)]
pub struct Snapshot(std::sync::Arc<SnapshotData>);

/// Snapshots are equal only if they are the same snapshot.
impl PartialEq for Snapshot {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Debug)]
struct SnapshotData {
    settings: SimSettings,
    pop: Population,
    history: StatsHistory,
    stats: ContactStats,
}

/// The world now, as a [`Snapshot`].
pub fn take_snapshot(world: &World) -> Snapshot {
    Snapshot(std::sync::Arc::new(SnapshotData {
        settings: world.resource::<SimSettings>().clone(),
        pop: world.resource::<Sim>().0.clone(),
        history: world.resource::<StatsHistory>().clone(),
        stats: *world.resource::<ContactStats>(),
    }))
}

/// Replaces every agent and the organisation's state with the snapshot's.
fn restore(world: &mut World, snapshot: &Snapshot) {
    let data = &snapshot.0;
    world.insert_resource(data.settings.clone());
    world.insert_resource(Sim(data.pop.clone()));
    world.insert_resource(data.history.clone());
    world.insert_resource(data.stats);
    world.resource_mut::<SimNotice>().0 = None;
}

/// The simulation plugin. Build it with [`SimPlugin::new`], which validates.
#[derive(Debug, Clone)]
pub struct SimPlugin {
    settings: SimSettings,
}

impl SimPlugin {
    /// A plugin that starts from `params` and `seed`, or the reason it cannot.
    pub fn new(params: Params, seed: u64) -> Result<Self, ParamError> {
        params.validate()?;
        Ok(Self {
            settings: SimSettings { params, seed },
        })
    }
}

impl Plugin for SimPlugin {
    fn build(&self, app: &mut App) {
        let pop = Population::new(self.settings.params.clone(), self.settings.seed)
            .expect("SimPlugin::new validated the parameters");
        app.insert_resource(self.settings.clone())
            .insert_resource(Sim(pop))
            .init_resource::<Clock>()
            .init_resource::<LineSettings>()
            .init_resource::<ContactStats>()
            .init_resource::<StatsHistory>()
            .init_resource::<SampledLines>()
            .init_resource::<SimNotice>()
            .init_resource::<ContactCounter>()
            .insert_resource(Time::<Fixed>::from_hz(TICK_HZ))
            .add_message::<SimCommand>()
            .add_systems(FixedUpdate, gate.in_set(TickSet::Gate))
            .add_systems(FixedUpdate, grow.in_set(TickSet::Grow))
            .add_systems(FixedUpdate, walk.in_set(TickSet::Move))
            .add_systems(Update, apply_commands.in_set(FrameSet::Intent))
            .add_systems(Update, count_contacts.in_set(FrameSet::Count));
    }
}

/// Decides whether this tick runs: always while playing, once per asked-for step when paused.
fn gate(mut clock: ResMut<Clock>, mut ticking: ResMut<Ticking>) {
    ticking.0 = if !clock.paused {
        true
    } else if clock.steps > 0 {
        clock.steps -= 1;
        true
    } else {
        false
    };
}

/// Starts again from [`SimSettings`].
fn rebuild_world(
    settings: Res<SimSettings>,
    mut sim: ResMut<Sim>,
    mut history: ResMut<StatsHistory>,
    mut notice: ResMut<SimNotice>,
) {
    match Population::new(settings.params.clone(), settings.seed) {
        Ok(pop) => {
            sim.0 = pop;
            history.clear();
        }
        Err(e) => notice.0 = Some(Notice::CannotStart(e)),
    }
}

/// Hires and places new agents; existing agents move with the growing shape.
fn grow(mut sim: ResMut<Sim>) {
    sim.0.grow();
}

/// Every agent takes its random step for this tick.
fn walk(mut sim: ResMut<Sim>) {
    sim.0.walk();
}

/// Applies intents: reset, pause, step, new settings, line cap, speed.
fn apply_commands(world: &mut World) {
    // Drained rather than read: each intent is acted on exactly once, and the
    // simulation is their only reader.
    let commands: Vec<SimCommand> = world
        .resource_mut::<Messages<SimCommand>>()
        .drain()
        .collect();
    for command in commands {
        match command {
            SimCommand::Reset => {
                let _ = world.run_system_cached(rebuild_world);
            }
            SimCommand::TogglePause => {
                let mut clock = world.resource_mut::<Clock>();
                clock.paused = !clock.paused;
                clock.steps = 0;
            }
            SimCommand::Step => {
                let mut clock = world.resource_mut::<Clock>();
                clock.paused = true;
                clock.steps += 1;
            }
            SimCommand::Apply(settings) => match settings.params.validate() {
                Ok(()) => {
                    world.insert_resource(settings);
                    world.resource_mut::<SimNotice>().0 = None;
                    let _ = world.run_system_cached(rebuild_world);
                }
                Err(e) => {
                    world.resource_mut::<SimNotice>().0 = Some(Notice::NotApplied(e));
                }
            },
            SimCommand::SetPaused(paused) => {
                let mut clock = world.resource_mut::<Clock>();
                clock.paused = paused;
                clock.steps = 0;
            }
            SimCommand::Restore(snapshot) => restore(world, &snapshot),
            SimCommand::Speed(speed) => {
                world
                    .resource_mut::<Time<Virtual>>()
                    .set_relative_speed_f64(speed.clamp(MIN_SPEED, MAX_SPEED));
            }
            SimCommand::SetLineCap(cap) => {
                let clamped = cap.min(MAX_LINE_CAP);
                world.resource_mut::<LineSettings>().cap = clamped;
                if clamped != cap {
                    world.resource_mut::<SimNotice>().0 = Some(Notice::LineCapLowered {
                        asked: cap,
                        max: MAX_LINE_CAP,
                    });
                }
            }
        }
    }
}

/// The counting grid and line sampler, kept between frames so that counting allocates
/// nothing in steady state. The grid holds this frame's front-office flags.
#[derive(Resource, Default)]
pub struct ContactCounter {
    grid: ContactGrid,
    sampler: Option<LineSampler>,
    theory: ExpectedNow,
}

impl ContactCounter {
    /// Whether each employee, by id, had a customer contact in this frame's count.
    pub fn front_office(&self) -> &[bool] {
        self.grid.front_office()
    }
}

/// Counts every contact afresh, flags the front office, samples lines, publishes stats.
fn count_contacts(
    mut sim: ResMut<Sim>,
    line_settings: Res<LineSettings>,
    mut counter: ResMut<ContactCounter>,
    mut stats: ResMut<ContactStats>,
    mut history: ResMut<StatsHistory>,
    mut lines: ResMut<SampledLines>,
) {
    let ContactCounter {
        grid,
        sampler,
        theory,
    } = &mut *counter;
    let pop = &mut sim.0;
    lines.segments.clear();
    lines.total_pairs = 0;
    *stats = if line_settings.enabled {
        let sampler =
            sampler.get_or_insert_with(|| LineSampler::new(line_settings.cap, pop.org.seed()));
        sampler.reset(line_settings.cap);
        let stats = count_population(pop, grid, theory, Some(&mut *sampler));
        let (e, c) = (&pop.employees, &pop.customers);
        lines.segments.extend(sampler.pairs().iter().map(|pair| {
            let other = match pair.kind {
                PairKind::Internal => e[pair.other as usize],
                PairKind::Customer => c[pair.other as usize],
            };
            (e[pair.employee as usize], other, pair.kind)
        }));
        lines.total_pairs = sampler.seen();
        stats
    } else {
        count_population(pop, grid, theory, None)
    };
    history.record(*stats);
}
