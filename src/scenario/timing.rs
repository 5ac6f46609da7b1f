//! How long a recording of a session will be, foreseen without a window: the
//! session's script ([`ScenarioState::beat`], the one the player runs) played frame by
//! frame as the recorder plays it, against the growth law alone
//! ([`bolwerk_model::GrowthLaw::tick`], the one the organisation hires by). Nothing is
//! drawn and no agent moves, so a session of an hour is foreseen in a blink.
//!
//! It follows the recorder's clock and its order within a frame: the simulation's
//! ticks first (at [`TICK_HZ`] of simulated time, `speed` simulated seconds to a
//! second of video, kept in nanoseconds as Bevy keeps them),
//! then entering a part, then the intents (hold, run, a fresh world, a speed), then
//! the script. An intent the script sends takes effect at the next frame's intents,
//! after that frame's ticks, as in the app.

use std::time::Duration;

use bevy::time::{Time, Virtual};
use bolwerk_model::{GrowthLaw, Params};

use super::Scenario;
use super::play::{Phase, ScenarioState};
use crate::output::LONGEST_SECS;
use crate::sim::{MAX_SPEED, MIN_SPEED, TICK_HZ};

/// A recording of a session as foreseen.
#[derive(Debug, Clone, PartialEq)]
pub struct Foreseen {
    /// When each part starts, in seconds of video, in order.
    pub starts: Vec<f64>,
    /// The head count at the end of each part.
    pub employees: Vec<u32>,
    /// The video's length in seconds: a whole number of frames.
    pub end: f64,
}

impl Foreseen {
    /// Seconds part `k` (from 0) takes, if the recording reaches it.
    pub fn secs(&self, k: usize) -> Option<f64> {
        let start = *self.starts.get(k)?;
        let next = self.starts.get(k + 1).copied().unwrap_or(self.end);
        Some(next - start)
    }
}

/// The world as far as timing goes: its head count and how it grows.
struct Growth {
    employees: u32,
    carry: f64,
    law: GrowthLaw,
    cap: u32,
}

impl Growth {
    fn fresh(params: &Params) -> Self {
        Self {
            employees: params.initial_employees,
            carry: 0.0,
            law: params.growth,
            cap: params.max_employees,
        }
    }
}

/// An intent, as the script or entering a part sends it.
enum Intent {
    Hold(bool),
    Fresh(Params),
    Speed(f64),
}

/// Foresees the recording of `scenario` at `fps` frames a second, the simulation at
/// `speed` simulated seconds to a second of video (`record --fps`, `--speed`). Every
/// question is asked once, as a recording asks it. A session that would run past the
/// longest recording ([`LONGEST_SECS`]) is cut there.
pub fn recording(scenario: &Scenario, fps: u32, speed: f64) -> Foreseen {
    // The clock as Bevy keeps it, in whole nanoseconds: a frame of real time, at most
    // the virtual clock's largest step, times the speed; ticks of a fixed length.
    let frame = Duration::from_secs_f64(1.0 / f64::from(fps.max(1)));
    let dt = frame.as_secs_f64();
    let tick = Duration::from_secs_f64(1.0 / TICK_HZ);
    let max_delta = Time::<Virtual>::default().max_delta();
    let mut state = ScenarioState::new(scenario.clone(), true);
    let mut world = Growth::fresh(&scenario.start_params());
    // Entering the first part happens while the renderer warms up, before the clock
    // runs; the recorder then sets the speed the recording starts at.
    let mut intents = enter(&mut state, 0);
    let mut held = false;
    let mut warm_up_speed = 1.0;
    apply(&mut intents, &mut world, &mut held, &mut warm_up_speed);
    // The warm-up's frames take no time, but the script reads them: a first part
    // already at its target holds before the clock runs.
    let beat = state.beat(0.0, world.employees);
    if let Some(hold) = beat.hold {
        held = hold;
    }
    let mut speed = scenario.recording_speed(speed);
    let mut next = beat.next;
    let mut starts = vec![0.0];
    let mut employees = Vec::new();
    let mut ticks_due = Duration::ZERO;
    let frames = (LONGEST_SECS * f64::from(fps)).ceil() as u64;
    for n in 1..=frames {
        // The frame's ticks, at the speed in force.
        let step = frame.min(max_delta);
        ticks_due += if speed == 1.0 {
            step
        } else {
            step.mul_f64(speed)
        };
        while ticks_due >= tick {
            ticks_due -= tick;
            if !held {
                world.employees = world.law.tick(world.employees, world.cap, &mut world.carry);
            }
        }
        if std::mem::take(&mut next) {
            employees.push(world.employees);
            starts.push(state.total_secs);
            let k = state.act + 1;
            intents.extend(enter(&mut state, k));
        }
        apply(&mut intents, &mut world, &mut held, &mut speed);
        let beat = state.beat(dt, world.employees);
        if let Some(hold) = beat.hold {
            intents.push(Intent::Hold(hold));
        }
        next = beat.next;
        if matches!(state.phase, Phase::Done { .. }) {
            employees.push(world.employees);
            return Foreseen {
                starts,
                employees,
                end: n as f64 / f64::from(fps.max(1)),
            };
        }
    }
    employees.resize(starts.len(), world.employees);
    Foreseen {
        starts,
        employees,
        end: LONGEST_SECS,
    }
}

/// Enters part `k` and returns the intents entering sends: hold or run, a fresh world
/// if the part has parameters, its speed.
fn enter(state: &mut ScenarioState, k: usize) -> Vec<Intent> {
    let hold = state.begin(k);
    let act = &state.scenario.acts[k];
    let mut intents = vec![Intent::Hold(hold)];
    intents.extend(act.params.clone().map(Intent::Fresh));
    intents.extend(act.speed.map(Intent::Speed));
    intents
}

/// Applies the intents sent since the last frame's, in the order sent.
fn apply(intents: &mut Vec<Intent>, world: &mut Growth, held: &mut bool, speed: &mut f64) {
    for intent in intents.drain(..) {
        match intent {
            Intent::Hold(h) => *held = h,
            Intent::Fresh(params) => *world = Growth::fresh(&params),
            Intent::Speed(s) => *speed = s.clamp(MIN_SPEED, MAX_SPEED),
        }
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

    /// A first part's own speed is the recording's from the start (as `--speed` would
    /// set it), and later parts keep it: the second part, held long enough after its
    /// growth for the growth to count, is shorter at twice the speed.
    #[test]
    fn a_first_parts_speed_sets_the_recordings() {
        let text = starter(&[Lang::EN]).replacen("hold: 3.0,", "hold: 10.0,", 1);
        let fast_text = text.replacen("duration: 8.0,", "duration: 8.0, speed: 2.0,", 1);
        assert_ne!(fast_text, text);
        let fast = recording(&session(&fast_text), 30, 1.0);
        assert_eq!(fast, recording(&session(&text), 30, 2.0));
        let slow = recording(&session(&text), 30, 1.0);
        assert!(
            fast.secs(1).unwrap() < slow.secs(1).unwrap(),
            "{fast:?} {slow:?}"
        );
    }

    /// A session longer than the longest recording is cut there: the parts it does not
    /// reach have no time.
    #[test]
    fn parts_past_the_longest_recording_have_no_time() {
        let text = starter(&[Lang::EN]).replacen("duration: 8.0,", "duration: 3600.0,", 1);
        let foreseen = recording(&session(&text), 2, 1.0);
        assert_eq!(foreseen.starts.len(), 1);
        assert_eq!(foreseen.end, LONGEST_SECS);
        assert!(foreseen.secs(0).is_some());
        assert_eq!(foreseen.secs(1), None);
    }
}
