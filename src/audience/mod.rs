//! The room takes part (`present --audience`): participants scan a code, answer each
//! question part on their phones, and the projection shows how many answered and, from
//! the reveal on, how the room answered beside the simulation's answer. A recording
//! can show a room's answers too, read from the answers' log (`record --answers`).
//!
//! [`room`] holds the rules and the answers, [`server`] serves the page and the API on
//! a thread of its own, [`page`] is the page, [`log`] reads and writes the answers'
//! log. This module ties them to the session: each frame it tells the room which part
//! is on stage and whether its question is open or revealed, and puts what the
//! projection draws in [`AudienceView`].

pub mod log;
pub mod page;
pub mod room;
pub mod server;

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bevy::prelude::*;

use crate::failure::Failure;
use crate::i18n::{Arg, Lang, Msg, Texts};
use crate::intent::organisations::size_steps;
use crate::intent::{Asked, Posed, Stage};
use crate::schedule::FrameSet;
use crate::sim::{ContactStats, Measure, SimSettings};
use bolwerk_model::Params;
use log::AnswerLog;
use page::TakeHome;
use room::{Activity, Asking, ClosedQuestion, Limits, Revealed, Room, Tally};
use server::{Config, Connections, Random, Server, SharedRoom};

/// The share the simulation counted as the world grew through each size of the sketch
/// on stage: at the first frame at or past each size, for the part's entry. Phones
/// show a sketch against it once the answer shows.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct SketchCount {
    /// The part and its entry the counts are of.
    of: (usize, u64),
    /// At each size, the share counted there (0 to 1), once the world reached it.
    counted: Vec<Option<f64>>,
}

impl SketchCount {
    /// Follows the world of `stage`'s sketch, if it has one: counts each size as the
    /// world reaches it.
    fn follow(&mut self, stage: &Stage, stats: &ContactStats) {
        let Some((q, _)) = stage.question().filter(|(q, _)| q.sketched()) else {
            return;
        };
        if self.of != (stage.act, stage.entry) || self.counted.len() != q.sketch.len() {
            *self = SketchCount {
                of: (stage.act, stage.entry),
                counted: vec![None; q.sketch.len()],
            };
        }
        let Some(share) = q.answer.counted(stats) else {
            return;
        };
        for (&size, counted) in q.sketch.iter().zip(&mut self.counted) {
            if counted.is_none() && stats.employees >= size {
                *counted = Some(share);
            }
        }
    }

    /// Every size's count, once the world has reached them all.
    fn all(&self) -> Option<Vec<f64>> {
        self.counted.iter().copied().collect()
    }
}

/// What the projection draws of the audience.
#[derive(Resource, Debug, Default)]
pub struct AudienceView {
    /// How to join, for a live room; none for a recording.
    pub join: Option<JoinCard>,
    /// The answers to the question on stage.
    pub tally: Option<Tally>,
    /// The simulation's answer, once it shows.
    pub revealed: Option<Revealed>,
    /// Who takes part and what the limits turned away, for a live room.
    pub activity: Activity,
}

/// How participants join: the address, the code, and both as a QR code; and, where
/// the session has one, the page to take home, for its last part.
#[derive(Debug, Clone)]
pub struct JoinCard {
    /// The address participants open.
    pub address: String,
    /// The session code.
    pub code: String,
    /// The address with the code, so scanning it joins at once.
    pub qr: Qr,
    /// The page to take home, where the server has one.
    pub take_home: Option<Qr>,
}

/// A link as a QR code.
#[derive(Debug, Clone)]
pub struct Qr {
    /// What it holds.
    pub link: String,
    /// Its modules, row by row (`true` is dark), `width` a side.
    pub modules: Vec<bool>,
    /// Its side, in modules.
    pub width: usize,
}

impl Qr {
    fn new(link: String) -> Result<Self, Failure> {
        let qr = qrcode::QrCode::with_error_correction_level(&link, qrcode::EcLevel::M)
            .map_err(|e| Failure::Runtime(format!("audience: no QR code for {link}: {e}")))?;
        Ok(Qr {
            modules: qr
                .to_colors()
                .into_iter()
                .map(|c| c == qrcode::Color::Dark)
                .collect(),
            width: qr.width(),
            link,
        })
    }
}

impl JoinCard {
    fn new(address: String, code: String, take_home: bool) -> Result<Self, Failure> {
        let qr = Qr::new(format!("{address}?code={code}"))?;
        let take_home = take_home
            .then(|| {
                let base = address.trim_end_matches('/');
                Qr::new(format!("{base}{}", crate::report::take_home::SERVED_AT))
            })
            .transpose()?;
        Ok(JoinCard {
            address,
            code,
            qr,
            take_home,
        })
    }

    /// The line `present` prints: the address and the code.
    pub fn announcement(&self) -> String {
        format!("audience: {} code: {}", self.address, self.code)
    }
}

/// Where and how a live room is served.
#[derive(Debug, Clone)]
pub struct LiveOptions {
    /// The address printed and put in the QR code (and listened on, with loopback).
    pub host: IpAddr,
    /// The port (0: any free one).
    pub port: u16,
    /// The phones reach the laptop through one shared address (a venue's NAT): one
    /// address may bring the whole room.
    pub shared_address: bool,
    /// Where the session code and the participants' tokens come from.
    pub random: Random,
    /// The session's world: the page to take home draws its curve (a sphere's; for
    /// another shape the session has no such page).
    pub world: Params,
}

/// A live room: its answers, the server that takes them, and the log, if any.
#[derive(Resource)]
pub struct LiveRoom {
    room: SharedRoom,
    log: Option<AnswerLog>,
    /// Stopped when the session ends ([`LiveRoom::finish`]), or when dropped.
    server: Server,
    /// What the trainer was last told of the limits: refused new participants and
    /// wrong codes, and when.
    told: (Activity, Option<Instant>),
    /// The session has ended: the room takes nothing more.
    finished: bool,
}

impl LiveRoom {
    /// Starts the server for a session of `acts` parts in `lang`, with a fresh random
    /// code (no randomness, no room: an error). With `log`, each question's answers
    /// are written to it as it closes, and the open one's when the session ends.
    pub fn start(
        options: LiveOptions,
        acts: usize,
        lang: Lang,
        log: Option<AnswerLog>,
    ) -> Result<(Self, AudienceView), Failure> {
        let code = server::new_code(options.random).ok_or_else(|| {
            Failure::Runtime("audience: the system's random source does not answer".into())
        })?;
        let limits = if options.shared_address {
            (Limits::shared_address(), Connections::shared_address())
        } else {
            (Limits::default(), Connections::default())
        };
        let mut room = Room::with_limits(code.clone(), lang, acts, limits.0);
        if log.is_some() {
            room.keep_closed();
        }
        let room = SharedRoom::new(room.into());
        let take_home = match TakeHome::new(&options.world) {
            Ok(pages) => Some(Arc::new(pages)),
            Err(why) => {
                // The session runs without the page; the trainer hears why.
                eprintln!("bolwerk: audience: no page to take home: {why}");
                None
            }
        };
        let has_take_home = take_home.is_some();
        let server = server::start(
            room.clone(),
            Config {
                host: options.host,
                port: options.port,
                connections: limits.1,
                random: options.random,
                take_home,
            },
        )?;
        let join = JoinCard::new(format!("http://{}/", server.addr), code, has_take_home)?;
        let view = AudienceView {
            join: Some(join),
            ..AudienceView::default()
        };
        Ok((
            LiveRoom {
                room,
                log,
                server,
                told: (Activity::default(), None),
                finished: false,
            },
            view,
        ))
    }

    /// The room, shared with the server.
    pub fn room(&self) -> &SharedRoom {
        &self.room
    }

    /// Ends the room with the session: the open question's answers go to the log, as
    /// when a question closes, and the server stops (within about two seconds, whatever
    /// its clients do). Once; later calls do nothing.
    pub fn finish(&mut self) {
        if std::mem::replace(&mut self.finished, true) {
            return;
        }
        let finished = {
            let mut room = server::lock(&self.room);
            room.close();
            room.take_closed()
        };
        self.write(&finished);
        self.server.stop();
    }

    /// Writes closed questions to the log, if there is one. A log that cannot be
    /// written says so once and stops; the session goes on.
    fn write(&mut self, closed: &[ClosedQuestion]) {
        let Some(log) = &mut self.log else {
            return;
        };
        for question in closed {
            if let Err(e) = log.write(question) {
                eprintln!("{e}");
                self.log = None;
                return;
            }
        }
    }

    /// A line for the trainer when the limits turned phones away (`activity`, read
    /// this frame) since the last line: at most one every [`TELL_EVERY`].
    fn news(&mut self, activity: Activity, now: Instant, texts: &Texts) -> Option<String> {
        let (told, at) = self.told;
        if at.is_some_and(|at| now.saturating_duration_since(at) < TELL_EVERY) {
            return None;
        }
        let line = if activity.joins_refused > told.joins_refused {
            texts.fmt(
                Msg::AudienceJoinsRefused,
                &[("n", activity.joins_refused.into())],
            )
        } else if activity.codes_refused > told.codes_refused {
            texts.fmt(
                Msg::AudienceCodesRefused,
                &[("n", activity.wrong_codes.into())],
            )
        } else {
            return None;
        };
        self.told = (activity, Some(now));
        Some(line)
    }
}

impl Drop for LiveRoom {
    fn drop(&mut self) {
        self.finish();
    }
}

/// The least time between two lines telling the trainer that the limits bite.
const TELL_EVERY: Duration = Duration::from_secs(30);

/// A room's answers read from an answers' log, by part (from 0), for a recording.
#[derive(Resource, Debug, Default)]
pub struct RecordedAnswers(pub HashMap<usize, Tally>);

/// Ties the audience to the session: a [`LiveRoom`] or [`RecordedAnswers`], and the
/// [`AudienceView`] the projection draws. Needs the scenario's [`Stage`].
pub struct AudiencePlugin;

impl Plugin for AudiencePlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<AudienceView>()
            .init_resource::<SketchCount>()
            .add_systems(
                Update,
                (
                    follow_live
                        .run_if(resource_exists::<LiveRoom>.and_then(resource_exists::<Stage>)),
                    follow_recorded.run_if(
                        resource_exists::<RecordedAnswers>.and_then(resource_exists::<Stage>),
                    ),
                )
                    .in_set(FrameSet::Draw),
            )
            .add_systems(Last, finish_on_exit);
    }
}

/// The question on stage as the room sees it (with where its measure stands while the
/// world holds for it, and which round it is at), and the simulation's answer once it
/// shows; and whether answers are closed (the room talks a first round over, or the
/// world grows to the answer). For a part that asks for the room's
/// organisations: what it takes, with the model's share at every step sizes are shown
/// at (from the world's `params`), closed once they are on the curve.
fn on_stage(
    stage: &Stage,
    stats: &ContactStats,
    sketch: &SketchCount,
    params: &Params,
    texts: &Texts,
) -> (Option<Asking>, Option<Revealed>, bool) {
    // The room's organisations: taken while the room enters them, closed once they
    // are on the curve, where each phone reads the model's share at its size.
    if let Some((o, asked)) = stage.posed.as_ref().and_then(Posed::organisations) {
        let predicted = size_steps()
            .filter_map(|n| Some((n, Measure::CustomerShare.expected(params, n)?)))
            .collect();
        let asking = Asking::organisations(stage.act, o, predicted).entered(stage.entry);
        return (Some(asking), None, asked == Asked::Answered);
    }
    let Some((question, asked)) = stage.question() else {
        return (None, None, false);
    };
    let revealed = (asked == Asked::Answered)
        .then(|| question.answer.counted(stats))
        .flatten()
        .map(|share| Revealed {
            share,
            option: question.right_option(share),
            sketch: if question.sketched() {
                sketch.all().unwrap_or_default()
            } else {
                Vec::new()
            },
        });
    let mut asking = Asking::of(stage.act, question)
        .entered(stage.entry)
        .sketched_to(question.sketch_top(params));
    // A question asked twice: from its second round on, the room pairs each phone's
    // two answers.
    if question.again && !matches!(asked, Asked::Asking | Asked::Talking) {
        asking = asking.again();
    }
    if asked == Asked::Asking
        && let Some(share) = question.answer.counted(stats)
    {
        let msg = match question.answer {
            Measure::CustomerShare => Msg::AudienceStartCustomerShare,
            Measure::InCustomerContact => Msg::AudienceStartInCustomerContact,
        };
        let args = [
            ("n", u64::from(stats.employees).into()),
            ("share", Arg::Num(share * 100.0, 1)),
        ];
        asking = asking.starting(
            Lang::all()
                .iter()
                .map(|&lang| (lang, texts.fmt_in(lang, msg, &args)))
                .collect(),
            share * 100.0,
        );
    }
    // Closed while the room talks the first round over, and from the reveal on.
    let closed = matches!(asked, Asked::Talking | Asked::Growing);
    (Some(asking), revealed, closed)
}

/// Tells a live room where the session stands, writes closed questions to the log,
/// and copies the room's tally for the projection.
fn follow_live(
    mut live: ResMut<LiveRoom>,
    mut view: ResMut<AudienceView>,
    mut sketch: ResMut<SketchCount>,
    stage: Res<Stage>,
    stats: Res<ContactStats>,
    settings: Res<SimSettings>,
    texts: Res<Texts>,
) {
    if live.finished {
        return;
    }
    sketch.follow(&stage, &stats);
    let (asking, revealed, closed) = on_stage(&stage, &stats, &sketch, &settings.params, &texts);
    let (tally, finished, activity) = {
        let mut room = server::lock(&live.room);
        room.show(stage.act, texts.lang, asking, revealed.clone(), closed);
        (room.tally(), room.take_closed(), room.activity())
    };
    live.write(&finished);
    // The limits turned phones away: the trainer hears of it in the terminal too (the
    // console and the join card show the counts).
    if let Some(line) = live.news(activity, Instant::now(), &texts) {
        eprintln!("{line}");
    }
    if view.revealed != revealed {
        view.revealed = revealed;
    }
    if view.tally != tally {
        view.tally = tally;
    }
    if view.activity != activity {
        view.activity = activity;
    }
}

/// The session ends: the open question's answers go to the log and the server stops,
/// before the window goes.
fn finish_on_exit(mut exit: MessageReader<AppExit>, live: Option<ResMut<LiveRoom>>) {
    if exit.read().next().is_some()
        && let Some(mut live) = live
    {
        live.finish();
    }
}

/// Shows a recorded room's answers to the question on stage.
fn follow_recorded(
    recorded: Res<RecordedAnswers>,
    mut view: ResMut<AudienceView>,
    mut sketch: ResMut<SketchCount>,
    stage: Res<Stage>,
    stats: Res<ContactStats>,
    settings: Res<SimSettings>,
    texts: Res<Texts>,
) {
    sketch.follow(&stage, &stats);
    let (_, revealed, _) = on_stage(&stage, &stats, &sketch, &settings.params, &texts);
    let tally = recorded.0.get(&stage.act).cloned();
    if view.revealed != revealed {
        view.revealed = revealed;
    }
    if view.tally != tally {
        view.tally = tally;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Scenario, sketch_example};

    /// The example session's stage at its sketch, `entry`, where the question stands
    /// `asked`.
    fn stage_at(scenario: &Scenario, asked: Asked, entry: u64) -> Stage {
        let act = sketch_example().1;
        let q = scenario.acts[act].question.as_ref().unwrap();
        Stage {
            act,
            acts: scenario.acts.len(),
            caption: None,
            finished: false,
            posed: Some(Posed::Question(q.clone(), asked)),
            notes: None,
            next: None,
            people: false,
            entry,
        }
    }

    fn at(employees: u32, internal: u64, customer: u64) -> ContactStats {
        ContactStats {
            employees,
            internal: internal as f64,
            customer: customer as f64,
            ..ContactStats::default()
        }
    }

    /// Each size is counted at the first frame at or past it, and kept; a frame that
    /// jumps past two sizes counts both at its share; a new entry of the part counts
    /// afresh; only once every size is counted are they all there.
    #[test]
    fn a_sketch_is_counted_as_the_world_grows_through_its_sizes() {
        let (scenario, _) = sketch_example();
        let stage = stage_at(&scenario, Asked::Asking, 3);
        let mut count = SketchCount::default();
        count.follow(&stage, &at(80, 70, 30));
        assert_eq!(count.all(), None);
        let growing = stage_at(&scenario, Asked::Growing, 3);
        // 80, 200, 500, 1000, 2500, 6000: the frame at 600 passes 500 only.
        count.follow(&growing, &at(210, 75, 25));
        count.follow(&growing, &at(600, 80, 20));
        count.follow(&growing, &at(3000, 90, 10));
        count.follow(&growing, &at(2900, 50, 50));
        assert_eq!(count.all(), None, "6,000 not yet reached");
        count.follow(&growing, &at(6000, 93, 7));
        assert_eq!(count.all(), Some(vec![0.3, 0.25, 0.2, 0.1, 0.1, 0.07]));
        // The part entered again: counted afresh.
        count.follow(&stage_at(&scenario, Asked::Asking, 4), &at(80, 60, 40));
        assert_eq!(count.counted[0], Some(0.4));
        assert_eq!(count.all(), None);
    }
}
