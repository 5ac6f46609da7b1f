//! The simulation: a thin ECS layer over [`bolwerk_model`].
//!
//! Agents are entities with [`Employee`] or [`Customer`], an [`AgentId`] and a
//! [`Position`]. Growth and motion run in `FixedUpdate`, one model tick per run;
//! contacts are counted afresh every frame and published as [`ContactStats`].
//! It needs nothing but `MinimalPlugins`: no window, no GPU.

pub mod compare;
pub mod components;
pub mod headless;
pub mod stats;

use bevy::prelude::*;
use bolwerk_model::contacts::ContactGrid;
use bolwerk_model::population::{contact_mark, is_recent, reach_oldest};
use bolwerk_model::sampling::LineSampler;

use bolwerk_model::{Organisation, ParamError, Params};

pub use components::{AgentId, Customer, Employee, FrontOffice, LastContact, Position};
pub use headless::headless_app;
pub use stats::{ContactStats, CountedAgents, ExpectedNow, SampledLines, StatsHistory};

use crate::schedule::{FrameSet, TickSet, Ticking};

/// What a (re)start builds: the parameters and the seed.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct SimSettings {
    /// The model's parameters (always valid: see [`SimCommand::Apply`]).
    pub params: Params,
    /// The seed that fixes everything.
    pub seed: u64,
}

/// The running organisation's scalar state.
#[derive(Resource, Debug, Clone)]
pub struct Sim(pub Organisation);

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
}

/// A world as it was at one moment: settings, the organisation's state, every agent
/// by id, and the history. Taken with [`take_snapshot`], put back with
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
    org: Organisation,
    /// Employees by id: position, front office, last contact.
    employees: Vec<(Vec3, bool, u32)>,
    /// Customers by id.
    customers: Vec<Vec3>,
    history: StatsHistory,
    stats: ContactStats,
}

/// The world now, as a [`Snapshot`].
pub fn take_snapshot(world: &mut World) -> Snapshot {
    let mut employees: Vec<(u32, (Vec3, bool, u32))> = world
        .query_filtered::<(&AgentId, &Position, &FrontOffice, &LastContact), With<Employee>>()
        .iter(world)
        .map(|(id, p, f, l)| (id.0, (p.0, f.0, l.0)))
        .collect();
    employees.sort_unstable_by_key(|(id, _)| *id);
    let mut customers: Vec<(u32, Vec3)> = world
        .query_filtered::<(&AgentId, &Position), With<Customer>>()
        .iter(world)
        .map(|(id, p)| (id.0, p.0))
        .collect();
    customers.sort_unstable_by_key(|(id, _)| *id);
    Snapshot(std::sync::Arc::new(SnapshotData {
        settings: world.resource::<SimSettings>().clone(),
        org: world.resource::<Sim>().0.clone(),
        employees: employees.into_iter().map(|(_, e)| e).collect(),
        customers: customers.into_iter().map(|(_, c)| c).collect(),
        history: world.resource::<StatsHistory>().clone(),
        stats: *world.resource::<ContactStats>(),
    }))
}

/// Replaces every agent and the organisation's state with the snapshot's.
fn restore(world: &mut World, snapshot: &Snapshot) {
    let data = &snapshot.0;
    let agents: Vec<Entity> = world
        .query_filtered::<Entity, Or<(With<Employee>, With<Customer>)>>()
        .iter(world)
        .collect();
    for e in agents {
        world.despawn(e);
    }
    world.resource_mut::<EmployeeIndex>().0.clear();
    world.spawn_batch(data.employees.iter().enumerate().map(|(id, &(p, f, l))| {
        (
            Employee,
            AgentId(id as u32),
            Position(p),
            FrontOffice(f),
            LastContact(l),
        )
    }));
    world.spawn_batch(
        data.customers
            .iter()
            .enumerate()
            .map(|(id, &p)| (Customer, AgentId(id as u32), Position(p))),
    );
    world.insert_resource(data.settings.clone());
    world.insert_resource(Sim(data.org.clone()));
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
        let (org, _) = Organisation::new(self.settings.params.clone(), self.settings.seed)
            .expect("SimPlugin::new validated the parameters");
        app.insert_resource(self.settings.clone())
            .insert_resource(Sim(org))
            .init_resource::<Clock>()
            .init_resource::<LineSettings>()
            .init_resource::<ContactStats>()
            .init_resource::<StatsHistory>()
            .init_resource::<SampledLines>()
            .init_resource::<SimNotice>()
            .init_resource::<CountScratch>()
            .init_resource::<CountedAgents>()
            .add_message::<SimCommand>()
            .add_systems(Startup, rebuild_world)
            .add_systems(FixedUpdate, gate.in_set(TickSet::Gate))
            .init_resource::<EmployeeIndex>()
            .init_resource::<PendingSwaps>()
            .add_systems(
                FixedUpdate,
                (grow, index_employees, swap_places)
                    .chain()
                    .in_set(TickSet::Grow),
            )
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

/// Spawns the agents a growth step adds; ids follow on from `first_employee` and
/// `first_customer`.
fn spawn_step(
    commands: &mut Commands,
    new_employees: Vec<Vec3>,
    new_customers: Vec<Vec3>,
    first_employee: u32,
    first_customer: u32,
) {
    // Agents carry no `Name`: at a million of them the strings would cost more than
    // the agents. `AgentId` identifies them.
    commands.spawn_batch((first_employee..).zip(new_employees).map(|(id, p)| {
        (
            Employee,
            AgentId(id),
            Position(p),
            FrontOffice(false),
            LastContact(0),
        )
    }));
    commands.spawn_batch(
        (first_customer..)
            .zip(new_customers)
            .map(|(id, p)| (Customer, AgentId(id), Position(p))),
    );
}

/// Employee entities by id, for rotation's swaps.
#[derive(Resource, Debug, Default)]
pub struct EmployeeIndex(pub Vec<Entity>);

/// The swaps of this tick, from growth to `swap_places` (after new hires are spawned).
#[derive(Resource, Debug, Default)]
struct PendingSwaps(Vec<(u32, u32)>);

/// Despawns every agent and starts again from [`SimSettings`].
fn rebuild_world(
    mut commands: Commands,
    settings: Res<SimSettings>,
    mut sim: ResMut<Sim>,
    mut history: ResMut<StatsHistory>,
    mut notice: ResMut<SimNotice>,
    mut index: ResMut<EmployeeIndex>,
    agents: Query<Entity, Or<(With<Employee>, With<Customer>)>>,
) {
    let (org, first) = match Organisation::new(settings.params.clone(), settings.seed) {
        Ok(started) => started,
        Err(e) => {
            notice.0 = Some(Notice::CannotStart(e));
            return;
        }
    };
    for e in &agents {
        commands.entity(e).despawn();
    }
    index.0.clear();
    spawn_step(
        &mut commands,
        first.new_employees,
        first.new_customers,
        0,
        0,
    );
    sim.0 = org;
    history.clear();
}

/// Hires and places new agents; existing agents move with the growing shape.
fn grow(
    mut commands: Commands,
    mut sim: ResMut<Sim>,
    mut swaps: ResMut<PendingSwaps>,
    mut employees: Query<(&AgentId, &mut Position), (With<Employee>, Without<Customer>)>,
    mut customers: Query<(&AgentId, &mut Position), (With<Customer>, Without<Employee>)>,
) {
    let (n_employees, n_customers) = (sim.0.employees(), sim.0.customers());
    let step = sim.0.advance();
    let org = &sim.0;
    if step.moves_customers() {
        customers
            .par_iter_mut()
            .for_each(|(id, mut p)| p.0 = step.shift_customer(p.0, org.customer_unit(id.0)));
    }
    if step.moves_employees() {
        employees
            .par_iter_mut()
            .for_each(|(id, mut p)| p.0 = step.shift_employee(p.0, org.employee_unit(id.0)));
    }
    swaps.0 = step.swaps;
    spawn_step(
        &mut commands,
        step.new_employees,
        step.new_customers,
        n_employees,
        n_customers,
    );
}

/// Keeps [`EmployeeIndex`] current as employees are hired.
fn index_employees(
    mut index: ResMut<EmployeeIndex>,
    hired: Query<(Entity, &AgentId), Added<Employee>>,
) {
    for (e, id) in &hired {
        let i = id.0 as usize;
        if index.0.len() <= i {
            index.0.resize(i + 1, Entity::PLACEHOLDER);
        }
        index.0[i] = e;
    }
}

/// Rotation: employees swap places, in the order the model picked.
fn swap_places(
    mut swaps: ResMut<PendingSwaps>,
    index: Res<EmployeeIndex>,
    mut positions: Query<&mut Position, With<Employee>>,
) {
    for (i, j) in swaps.0.drain(..) {
        let (Some(&a), Some(&b)) = (index.0.get(i as usize), index.0.get(j as usize)) else {
            continue;
        };
        if let Ok([mut pa, mut pb]) = positions.get_many_mut([a, b]) {
            std::mem::swap(&mut pa.0, &mut pb.0);
        }
    }
}

/// Every agent takes its random step for this tick.
fn walk(
    sim: Res<Sim>,
    mut employees: Query<(&AgentId, &mut Position), (With<Employee>, Without<Customer>)>,
    mut customers: Query<(&AgentId, &mut Position), (With<Customer>, Without<Employee>)>,
) {
    let walk = sim.0.walk();
    employees
        .par_iter_mut()
        .for_each(|(id, mut p)| p.0 = walk.employee(p.0, id.0));
    customers
        .par_iter_mut()
        .for_each(|(id, mut p)| p.0 = walk.customer(p.0, id.0));
}

/// Applies intents: reset, pause, step, new settings, line cap.
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

/// Buffers kept between frames so counting allocates nothing in steady state.
#[derive(Resource, Default)]
struct CountScratch {
    grid: ContactGrid,
    sampler: Option<LineSampler>,
    theory: ExpectedNow,
}

/// Counts every contact afresh, flags the front office, samples lines, publishes stats.
fn count_contacts(
    sim: Res<Sim>,
    line_settings: Res<LineSettings>,
    mut scratch: ResMut<CountScratch>,
    mut employees: Query<(&Position, &mut FrontOffice, &mut LastContact), With<Employee>>,
    customers: Query<&Position, With<Customer>>,
    mut stats: ResMut<ContactStats>,
    mut history: ResMut<StatsHistory>,
    mut lines: ResMut<SampledLines>,
    mut agents: ResMut<CountedAgents>,
) {
    let CountScratch {
        grid,
        sampler,
        theory,
    } = &mut *scratch;
    let CountedAgents {
        employees: e,
        customers: c,
        front_office,
    } = &mut *agents;
    e.clear();
    e.extend(employees.iter().map(|(p, ..)| p.0));
    c.clear();
    c.extend(customers.iter().map(|p| p.0));
    let org = &sim.0;
    let params = org.params();
    let d = params.d as f32;

    let counts = if line_settings.enabled {
        let sampler =
            sampler.get_or_insert_with(|| LineSampler::new(line_settings.cap, org.seed()));
        sampler.reset(line_settings.cap);
        let counts = grid.count_split(e, c, d, sampler);
        lines.segments.clear();
        lines.segments.extend(sampler.pairs().iter().map(|pair| {
            let other = match pair.kind {
                bolwerk_model::PairKind::Internal => e[pair.other as usize],
                bolwerk_model::PairKind::Customer => c[pair.other as usize],
            };
            (e[pair.employee as usize], other, pair.kind)
        }));
        lines.total_pairs = sampler.seen();
        counts
    } else {
        lines.segments.clear();
        lines.total_pairs = 0;
        grid.count(e, c, d)
    };
    // Same query, same state, same order as the gathering pass above.
    let mark = contact_mark(org.tick());
    let oldest = reach_oldest(org.tick(), params.reach_window);
    let mut reached = 0u32;
    for ((_, mut front, mut last), &flag) in employees.iter_mut().zip(grid.front_office()) {
        front.set_if_neq(FrontOffice(flag));
        if flag {
            last.0 = mark;
        }
        reached += u32::from(is_recent(last.0, oldest));
    }
    front_office.clear();
    front_office.extend_from_slice(grid.front_office());

    let reach = if counts.employees == 0 {
        0.0
    } else {
        f64::from(reached) / f64::from(counts.employees)
    };
    *stats = ContactStats::measured(org, &counts, c.len(), &theory.get(org), reach);
    history.record(*stats);
}
