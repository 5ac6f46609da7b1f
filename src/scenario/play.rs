//! Plays a scenario: entering an act sends its intents (the same messages the keys and
//! the panel send), watches its target or duration, and holds the world when the act
//! is done. Presenting, the next act waits for the presenter; recording, it follows by
//! itself.
//!
//! An act is in one [`Phase`] at a time: a plain act runs, then holds; an act with a
//! question asks, is revealed, then is answered; the last act of a recording is done.
//!
//! The first time an act is entered its world is captured; going back to it, or
//! restarting it, puts that world back exactly (same seed, same agents), so an act
//! looks the same however often the presenter returns to it. A rehearsal reloads the
//! session when its file is saved ([`ScenarioState::reload`], `super::watch`).

use bevy::prelude::*;

use super::Scenario;
use super::kinds::Kind;
pub use super::phase::Phase;
use crate::intent::{
    Asked, Notes, Overlay, ScenarioCommand, Stage, ViewCommand, ViewFlag, ViewSettings,
};
use crate::schedule::FrameSet;
use crate::sim::compare::{CompareCommand, CompareSettings};
use crate::sim::{ContactStats, SimCommand, SimSettings, Snapshot, take_snapshot};

/// What an act showed when it was first entered: put back on returning to it.
#[derive(Debug, Clone)]
struct Shown {
    view: ViewSettings,
    compare: CompareSettings,
    speed: f64,
}

/// Where the scenario stands.
#[derive(Resource, Debug)]
pub struct ScenarioState {
    /// The script.
    pub scenario: Scenario,
    /// The current act, from 0.
    pub act: usize,
    /// Seconds (real, or video time when recording) since the act was entered.
    pub act_secs: f64,
    /// Seconds since the scenario started.
    pub total_secs: f64,
    /// Where the act stands.
    pub phase: Phase,
    /// Each act's world as it was when first entered.
    pub worlds: Vec<Option<Snapshot>>,
    /// Each act's view, comparison and speed as they were when first entered.
    shown: Vec<Option<Shown>>,
    /// Acts follow each other by themselves (recording) instead of waiting for Next.
    /// Set by [`ScenarioState::new`], which then asks every question once.
    pub auto_advance: bool,
    /// Every act entered so far, with the scenario time it was entered at (presenting,
    /// the latest [`MAX_LOG`]).
    pub log: Vec<(usize, f64)>,
    /// Every question revealed so far: its act, and the scenario time (presenting, the
    /// latest [`MAX_LOG`]).
    pub revealed: Vec<(usize, f64)>,
    /// Parts entered so far, counting restarts and returns.
    pub entries: u64,
    /// A request, not a phase: capture act `k`'s world once the intents of entering it
    /// took effect (later in the frame).
    capture: Option<usize>,
    /// A request, not a phase: the act to enter at the next frame (the first, at
    /// start).
    pending: Option<usize>,
}

impl ScenarioState {
    /// A scenario about to start at its first act. Recording (`auto_advance`), every
    /// question is asked once: no room is there to talk a first round over.
    pub fn new(mut scenario: Scenario, auto_advance: bool) -> Self {
        if auto_advance {
            scenario.ask_once();
        }
        let n = scenario.acts.len();
        Self {
            scenario,
            act: 0,
            act_secs: 0.0,
            total_secs: 0.0,
            phase: Phase::Running,
            worlds: vec![None; n],
            shown: vec![None; n],
            auto_advance,
            log: Vec::new(),
            revealed: Vec::new(),
            entries: 0,
            capture: None,
            pending: Some(0),
        }
    }

    /// Starts at act `k` (from 0) instead of the first.
    pub fn start_at(&mut self, k: usize) {
        self.pending = Some(k.min(self.scenario.acts.len() - 1));
    }

    /// The act on stage, for the panel.
    pub fn stage(&self) -> Stage {
        Stage {
            act: self.act,
            acts: self.scenario.acts.len(),
            caption: self.scenario.acts[self.act].caption.clone(),
            finished: matches!(self.phase, Phase::Done { .. }),
            posed: Kind::of(&self.scenario.acts[self.act]).posed(self.phase),
            notes: self.scenario.acts[self.act]
                .notes
                .clone()
                .zip(self.scenario.acts[self.act].minutes())
                .map(|(notes, minutes)| Notes { minutes, ..notes }),
            next: self
                .scenario
                .acts
                .get(self.act + 1)
                .and_then(|a| a.caption.clone()),
            people: self.scenario.acts[self.act].shows_people(),
            entry: self.entries,
        }
    }

    /// Whether the current act is done: its duration passed, or its target was
    /// reached (and, recording, held for its hold time). An act with a question is
    /// done once its answer is revealed and its target reached (and held).
    pub fn act_done(&self) -> bool {
        let act = &self.scenario.acts[self.act];
        if self.auto_advance && !self.read(act) {
            return false;
        }
        let hold = if self.auto_advance { act.hold } else { 0.0 };
        if self.phase.asked().is_some() {
            return self.phase.asked() == Some(Asked::Answered)
                && self
                    .phase
                    .reached_at()
                    .is_some_and(|t| self.act_secs >= t + hold);
        }
        match (act.duration, self.phase.reached_at()) {
            (Some(d), _) if self.act_secs >= d => true,
            (_, Some(t)) => self.act_secs >= t + hold,
            (None, None) => {
                act.until_employees.is_none() && self.act_secs >= super::DEFAULT_ACT_SECS
            }
            _ => false,
        }
    }
}

/// What a reload did to the part on stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reloaded {
    /// It kept its world and shows its new texts.
    Texts,
    /// It starts again (this part, from 0): its world changed, or it is gone.
    Restarted(usize),
}

/// What one frame did to the act, for the world to follow.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Beat {
    /// Hold the world (true) or run it (false) from now, if that changed.
    pub hold: Option<bool>,
    /// Go on to the next act (recording).
    pub next: bool,
}

impl ScenarioState {
    /// Enters act `k`: its time starts, it is logged, and it takes the phase its kind
    /// enters in. Whether the world holds: a question holds it while the room thinks,
    /// on the one world (a jump from a comparison would leave it on, and its plots
    /// have no answer to mark).
    pub fn begin(&mut self, k: usize) -> bool {
        self.act = k;
        self.entries += 1;
        self.act_secs = 0.0;
        let total = self.total_secs;
        self.log.push((k, total));
        keep_recent(&mut self.log, self.auto_advance);
        self.phase = Kind::of(&self.scenario.acts[k]).entering();
        self.phase == Phase::Asking
    }

    /// A step within the act, to `phase` (a question's answer revealed, the room's
    /// organisations put on the curve): noted, with the scenario time. Whether the
    /// world holds: it runs on to the act's target, or holds where the phase has one
    /// already, or while the room thinks.
    pub fn turn_to(&mut self, phase: Phase) -> bool {
        // A phase that holds from the turn on holds from now (a kind's next step
        // cannot know the act's time).
        let phase = match phase {
            Phase::Answered(_) => Phase::Answered(self.act_secs),
            other => other,
        };
        self.phase = phase;
        let (act, now) = (self.act, self.total_secs);
        self.revealed.push((act, now));
        keep_recent(&mut self.revealed, self.auto_advance);
        phase.reached_at().is_some() || phase.thinking()
    }

    /// One frame of `dt` seconds, the world at `employees`: keeps the act's time, holds
    /// the world when the act reaches its target or is done, and (recording) says when
    /// to move on to the next act. The player runs it every frame; the session's
    /// timing ([`super::timing`]) runs it without a window to foresee a recording.
    pub fn beat(&mut self, dt: f64, employees: u32) -> Beat {
        let mut beat = Beat::default();
        if matches!(self.phase, Phase::Done { .. }) {
            return beat;
        }
        self.act_secs += dt;
        self.total_secs += dt;
        // What this frame needs of the act, read without copying it (its texts
        // included).
        let (by_itself, until, duration) = {
            let act = &self.scenario.acts[self.act];
            let by_itself = Kind::of(act).by_itself(self.phase, self.act_secs);
            (by_itself, act.until_employees, act.duration)
        };
        if self.phase.thinking() {
            // Recording, the question shows for the act's duration; presenting, until
            // the presenter moves on.
            if self.auto_advance
                && let Some(phase) = by_itself
            {
                beat.hold = Some(self.turn_to(phase));
            }
            return beat;
        }
        if self.phase.reached_at().is_none() && until.is_some_and(|n| employees >= n) {
            self.phase = self.phase.reached(self.act_secs);
            // Hold the world at its target while the presenter talks.
            beat.hold = Some(true);
        }
        if self.act_done() {
            if duration.is_some() && self.phase.reached_at().is_none() {
                self.phase = self.phase.reached(self.act_secs);
                beat.hold = Some(true);
            }
            if self.auto_advance {
                if self.act + 1 < self.scenario.acts.len() {
                    beat.next = true;
                } else {
                    self.phase = Phase::Done {
                        reached_at: self.phase.reached_at(),
                        answered: self.phase.asked() == Some(Asked::Answered),
                    };
                }
            }
        }
        beat
    }

    /// Takes `scenario` in place of the one playing (a rehearsal's session file,
    /// saved again): the part on stage shows its new texts at once. A part whose world
    /// changed ([`super::Act::same_world`]) is made afresh when entered, and so is every
    /// part after it, which goes on from its world; the part on stage restarts if its
    /// own world changed (or the session's seed, which every world starts from). A
    /// session with fewer parts goes to its last part if the part on stage is gone.
    /// Parts are matched by their place in the session: a part deleted before the one
    /// on stage moves the next one into its place.
    pub fn reload(&mut self, mut scenario: Scenario) -> Reloaded {
        if self.auto_advance {
            scenario.ask_once();
        }
        let n = scenario.acts.len();
        let old = &self.scenario;
        let changed = if scenario.seed != old.seed {
            0
        } else {
            (0..n)
                .find(|&k| {
                    old.acts
                        .get(k)
                        .is_none_or(|a| !a.same_world(&scenario.acts[k]))
                })
                .unwrap_or(n)
        };
        let act = self.act.min(n - 1);
        let restart = act != self.act
            || scenario.seed != old.seed
            || !old.acts[act].same_world(&scenario.acts[act]);
        // A world about to be captured this frame (a part entered under the old
        // settings) is captured only where the settings are the same.
        self.capture = self.capture.filter(|&k| k < changed);
        self.worlds.truncate(changed);
        self.worlds.resize(n, None);
        self.shown.truncate(changed);
        self.shown.resize(n, None);
        self.scenario = scenario;
        if restart {
            self.pending = Some(act);
            Reloaded::Restarted(act)
        } else {
            Reloaded::Texts
        }
    }

    /// Whether the current act's caption has shown long enough to be read, recording
    /// ([`super::READING_CHARS_PER_SEC`]): since the act began, or, for a question
    /// act, since its answer was revealed (the question shows before that).
    fn read(&self, act: &super::Act) -> bool {
        self.act_secs - Kind::of(act).caption_from() >= act.caption_reading_secs()
    }
}

/// The scenario plugin. Needs a [`ScenarioState`] resource, the simulation, the view,
/// the comparison and the [`IntentPlugin`](crate::intent::IntentPlugin).
pub struct ScenarioPlugin;

impl Plugin for ScenarioPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(Update, navigate.in_set(FrameSet::Input))
            .add_systems(Update, capture_world.in_set(FrameSet::Count))
            .add_systems(
                Update,
                (watch_act, show_stage).chain().in_set(FrameSet::Script),
            );
    }
}

/// Keeps the [`Stage`] the panel shows in step with the act.
fn show_stage(mut commands: Commands, state: Res<ScenarioState>, stage: Option<Res<Stage>>) {
    let now = state.stage();
    if stage.is_none_or(|s| *s != now) {
        commands.insert_resource(now);
    }
}

/// Acts on navigation, and enters the act it leads to.
fn navigate(
    mut commands: MessageReader<ScenarioCommand>,
    mut state: ResMut<ScenarioState>,
    mut sim: MessageWriter<SimCommand>,
    mut view: MessageWriter<ViewCommand>,
    mut compare: MessageWriter<CompareCommand>,
) {
    let last = state.scenario.acts.len() - 1;
    for command in commands.read() {
        if *command == ScenarioCommand::Next
            && let Some(phase) = Kind::of(&state.scenario.acts[state.act]).next(state.phase)
        {
            turn(&mut state, phase, &mut sim);
            continue;
        }
        let to = match *command {
            ScenarioCommand::Next if state.act < last => state.act + 1,
            ScenarioCommand::Previous if state.act > 0 => state.act - 1,
            ScenarioCommand::Restart => state.act,
            ScenarioCommand::Go(n) if n <= last => n,
            _ => continue,
        };
        state.pending = Some(to);
    }
    if let Some(k) = state.pending.take() {
        enter(k, &mut state, &mut sim, &mut view, &mut compare);
    }
}

/// Sends act `k`'s intents.
fn enter(
    k: usize,
    state: &mut ScenarioState,
    sim: &mut MessageWriter<SimCommand>,
    view: &mut MessageWriter<ViewCommand>,
    compare: &mut MessageWriter<CompareCommand>,
) {
    crate::crash::note_act(k);
    let asking = state.begin(k);
    let act = state.scenario.acts[k].clone();
    sim.write(SimCommand::SetPaused(asking));
    if asking {
        compare.write(CompareCommand::Set(false));
    }
    if let (Some(world), Some(shown)) = (&state.worlds[k], &state.shown[k]) {
        // Back to an act seen before: its world and its view, exactly as they were.
        sim.write(SimCommand::Restore(world.clone()));
        restore_view(shown, sim, view, compare);
        if let Some(c) = act.camera {
            view.write(camera(c));
        }
        return;
    }
    // An act that goes on with the world before it, entered straight (a jump, not the
    // act before it), starts from the parameters of the last act that set them.
    let came_from_before = state
        .log
        .iter()
        .rev()
        .nth(1)
        .is_some_and(|&(a, _)| a + 1 == k);
    let from = if act.params.is_some() || k == 0 || came_from_before {
        act.params.as_ref().map(|p| (p, k))
    } else {
        (0..k)
            .rev()
            .find_map(|j| state.scenario.acts[j].params.as_ref().map(|p| (p, j)))
    };
    if let Some((params, j)) = from {
        sim.write(SimCommand::Apply(SimSettings {
            params: params.clone(),
            seed: state.scenario.seed_of(j),
        }));
    }
    state.capture = Some(k);
    if let Some(speed) = act.speed {
        sim.write(SimCommand::Speed(speed));
    }
    if let Some(c) = act.camera {
        view.write(camera(c));
    }
    let show = act.show;
    for (flag, value) in [
        (ViewFlag::Lines, show.lines),
        (ViewFlag::Customers, show.customers),
        (ViewFlag::Boundary, show.boundary),
        (ViewFlag::Cutaway, show.cutaway),
        (ViewFlag::Plot, show.plot),
        (ViewFlag::LogPlot, show.log_plot),
        (ViewFlag::InternalCustomers, show.internal_customers),
        (ViewFlag::AutoRotate, show.rotate),
    ] {
        if let Some(on) = value {
            view.write(ViewCommand::Set(flag, on));
        }
    }
    if let Some(panel) = show.panel {
        view.write(ViewCommand::Overlay(if panel {
            Overlay::Full
        } else {
            Overlay::None
        }));
    }
    match &act.compare {
        Some(kinds) if kinds.is_empty() => {
            compare.write(CompareCommand::Set(false));
        }
        Some(kinds) => {
            compare.write(CompareCommand::Pick(kinds.clone()));
            compare.write(CompareCommand::Set(true));
        }
        None => {}
    }
}

/// A step within the act ([`ScenarioState::turn_to`]), with the world held or run as
/// the step says.
fn turn(state: &mut ScenarioState, phase: Phase, sim: &mut MessageWriter<SimCommand>) {
    let hold = state.turn_to(phase);
    sim.write(SimCommand::SetPaused(hold));
}

/// A presenter's session may run all day: of its log of parts and reveals it keeps the
/// latest [`MAX_LOG`] (a recording, which lists them all, keeps every one; it is never
/// that long).
fn keep_recent(log: &mut Vec<(usize, f64)>, recording: bool) {
    if !recording && log.len() > MAX_LOG {
        let old = log.len() - MAX_LOG;
        log.drain(..old);
    }
}

/// See [`keep_recent`].
pub const MAX_LOG: usize = 1024;

fn camera(c: super::CameraMove) -> ViewCommand {
    ViewCommand::Camera {
        yaw: c.yaw,
        pitch: c.pitch,
        zoom: c.zoom,
    }
}

/// Sends the intents that put a saved view back: every flag, the panel, the speed
/// and the comparison. (Captions and the black screen stay as the presenter has them.)
fn restore_view(
    saved: &Shown,
    sim: &mut MessageWriter<SimCommand>,
    view: &mut MessageWriter<ViewCommand>,
    compare: &mut MessageWriter<CompareCommand>,
) {
    let Shown {
        view: shown,
        compare: compared,
        speed,
    } = saved;
    for flag in [
        ViewFlag::Lines,
        ViewFlag::Customers,
        ViewFlag::Boundary,
        ViewFlag::Cutaway,
        ViewFlag::AutoRotate,
        ViewFlag::LogPlot,
        ViewFlag::Plot,
        ViewFlag::InternalCustomers,
    ] {
        view.write(ViewCommand::Set(flag, shown.get(flag)));
    }
    view.write(ViewCommand::Overlay(shown.overlay));
    view.write(ViewCommand::OrbitPeriod(shown.orbit_period));
    sim.write(SimCommand::Speed(*speed));
    if compared.picks.len() >= 2 {
        compare.write(CompareCommand::Pick(compared.picks.clone()));
    }
    compare.write(CompareCommand::Set(compared.on));
}

/// Captures an act's world the first time it is entered, after its intents applied.
fn capture_world(world: &mut World) {
    let Some(k) = world.resource_mut::<ScenarioState>().capture.take() else {
        return;
    };
    let snapshot = take_snapshot(world);
    let shown = *world.resource::<ViewSettings>();
    let compared = world.resource::<CompareSettings>().clone();
    let speed = world.resource::<Time<Virtual>>().relative_speed_f64();
    let mut state = world.resource_mut::<ScenarioState>();
    state.worlds[k] = Some(snapshot);
    state.shown[k] = Some(Shown {
        view: shown,
        compare: compared,
        speed,
    });
}

/// Keeps the act's time ([`ScenarioState::beat`]): holds or runs the world, and
/// (recording) moves on to the next act, as the frame says.
fn watch_act(
    time: Res<Time<Real>>,
    stats: Res<ContactStats>,
    mut state: ResMut<ScenarioState>,
    mut sim: MessageWriter<SimCommand>,
    mut next: MessageWriter<ScenarioCommand>,
) {
    let beat = state.beat(time.delta_secs_f64(), stats.employees);
    if let Some(hold) = beat.hold {
        sim.write(SimCommand::SetPaused(hold));
    }
    if beat.next {
        next.write(ScenarioCommand::Next);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::scenario::starter::starter;

    fn session(text: &str) -> Scenario {
        Scenario::from_ron_str(text, std::path::Path::new("ours.ron")).unwrap()
    }

    /// A state at part `k` of the starter session, entered, its time at 5 seconds.
    fn at(k: usize) -> (ScenarioState, String) {
        let text = starter(&[Lang::EN, Lang::NL]);
        let mut state = ScenarioState::new(session(&text), false);
        state.pending = None;
        state.begin(k);
        state.act_secs = 5.0;
        state.shown = vec![None; state.scenario.acts.len()];
        (state, text)
    }

    /// New texts keep the part on stage as it stands, its world and its time: the
    /// stage shows the new caption at once.
    #[test]
    fn a_reload_of_texts_keeps_the_world() {
        let (mut state, text) = at(1);
        let phase = state.phase;
        let edited = text.replace("\"Growth\"", "\"Growing\"");
        assert_ne!(edited, text);
        assert_eq!(state.reload(session(&edited)), Reloaded::Texts);
        assert_eq!((state.act, state.phase, state.act_secs), (1, phase, 5.0));
        assert_eq!(state.pending, None);
        let caption = state.stage().caption.unwrap();
        assert_eq!(caption.get(Lang::EN).title, "Growing");
    }

    /// A part whose settings changed starts again when it is on stage; one before it
    /// changed leaves the part on stage running, but every world from the changed
    /// part on is made afresh when entered.
    #[test]
    fn a_reload_of_settings_restarts_the_part_on_stage() {
        let (mut state, text) = at(0);
        let edited = text.replacen("duration: 8.0,", "duration: 9.0,", 1);
        assert_ne!(edited, text);
        assert_eq!(state.reload(session(&edited)), Reloaded::Restarted(0));
        assert_eq!(state.pending, Some(0));

        let (mut state, _) = at(2);
        state.shown = (0..3)
            .map(|_| {
                Some(Shown {
                    view: ViewSettings::default(),
                    compare: CompareSettings::default(),
                    speed: 1.0,
                })
            })
            .collect();
        state.capture = Some(2);
        assert_eq!(state.reload(session(&edited)), Reloaded::Texts);
        assert_eq!(state.pending, None);
        assert!(state.shown.iter().all(Option::is_none), "{:?}", state.shown);
        assert_eq!(
            state.capture, None,
            "a world of the old settings is not kept"
        );
        // A new seed changes every world.
        let (mut state, text) = at(1);
        let reseeded = text.replacen("seed: 7,", "seed: 8,", 1);
        assert_ne!(reseeded, text);
        assert_eq!(state.reload(session(&reseeded)), Reloaded::Restarted(1));
    }

    /// A session cut shorter than the part on stage goes to its last part.
    #[test]
    fn a_reload_without_the_part_on_stage_goes_to_the_last() {
        let (mut state, text) = at(2);
        let mut shorter = session(&text);
        shorter.acts.truncate(2);
        assert_eq!(state.reload(shorter), Reloaded::Restarted(1));
        assert_eq!(state.pending, Some(1));
        assert_eq!((state.worlds.len(), state.shown.len()), (2, 2));
    }
}
