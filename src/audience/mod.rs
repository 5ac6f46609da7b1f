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
use std::net::{IpAddr, SocketAddr};

use bevy::prelude::*;

use crate::failure::Failure;
use crate::i18n::{Lang, Texts};
use crate::intent::{Asked, Stage};
use crate::schedule::FrameSet;
use crate::sim::ContactStats;
use log::AnswerLog;
use room::{Asking, Revealed, Room, Tally};
use server::{Server, SharedRoom};

/// What the projection draws of the audience.
#[derive(Resource, Debug, Default)]
pub struct AudienceView {
    /// How to join, for a live room; none for a recording.
    pub join: Option<JoinCard>,
    /// The answers to the question on stage.
    pub tally: Option<Tally>,
    /// The simulation's answer, once it shows.
    pub revealed: Option<Revealed>,
}

/// How participants join: the address, the code, and both as a QR code.
#[derive(Debug, Clone)]
pub struct JoinCard {
    /// The address participants open.
    pub address: String,
    /// The session code.
    pub code: String,
    /// The QR code's modules, row by row (`true` is dark), `qr_width` a side; it holds
    /// the address with the code, so scanning it joins at once.
    pub qr: Vec<bool>,
    /// The QR code's side, in modules.
    pub qr_width: usize,
}

impl JoinCard {
    fn new(address: String, code: String) -> Result<Self, Failure> {
        let link = format!("{address}?code={code}");
        let qr = qrcode::QrCode::with_error_correction_level(&link, qrcode::EcLevel::M)
            .map_err(|e| Failure::Runtime(format!("audience: no QR code for {link}: {e}")))?;
        Ok(JoinCard {
            address,
            code,
            qr: qr
                .to_colors()
                .into_iter()
                .map(|c| c == qrcode::Color::Dark)
                .collect(),
            qr_width: qr.width(),
        })
    }

    /// The line `present` prints: the address and the code.
    pub fn announcement(&self) -> String {
        format!("audience: {} code: {}", self.address, self.code)
    }
}

/// A live room: its answers, the server that takes them, and the log, if any.
#[derive(Resource)]
pub struct LiveRoom {
    room: SharedRoom,
    log: Option<AnswerLog>,
    /// Stops the server when the presenter ends (the resource is dropped with the app).
    _server: Server,
}

impl LiveRoom {
    /// Starts the server on `port` (0: any free one) for a session of `acts` parts in
    /// `lang`, with a fresh random code; `host` is the address printed and put in the
    /// QR code. With `log`, each question's answers are written to it as it closes.
    pub fn start(
        port: u16,
        host: IpAddr,
        acts: usize,
        lang: Lang,
        log: Option<AnswerLog>,
    ) -> Result<(Self, AudienceView), Failure> {
        let code = server::new_code();
        let mut room = Room::new(code.clone(), lang, acts);
        if log.is_some() {
            room.keep_closed();
        }
        let room = SharedRoom::new(room.into());
        let server = server::start(room.clone(), SocketAddr::from(([0, 0, 0, 0], port)))?;
        let join = JoinCard::new(format!("http://{host}:{}/", server.addr.port()), code)?;
        let view = AudienceView {
            join: Some(join),
            ..AudienceView::default()
        };
        Ok((
            LiveRoom {
                room,
                log,
                _server: server,
            },
            view,
        ))
    }

    /// The room, shared with the server.
    pub fn room(&self) -> &SharedRoom {
        &self.room
    }
}

/// A room's answers read from an answers' log, by part (from 0), for a recording.
#[derive(Resource, Debug, Default)]
pub struct RecordedAnswers(pub HashMap<usize, Tally>);

/// Ties the audience to the session: a [`LiveRoom`] or [`RecordedAnswers`], and the
/// [`AudienceView`] the projection draws. Needs the scenario's [`Stage`].
pub struct AudiencePlugin;

impl Plugin for AudiencePlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<AudienceView>().add_systems(
            Update,
            (follow_live, follow_recorded).in_set(FrameSet::Draw),
        );
    }
}

/// The question on stage as the room sees it, and the simulation's answer once it
/// shows; and whether answers are closed (the world grows to the answer).
fn on_stage(stage: &Stage, stats: &ContactStats) -> (Option<Asking>, Option<Revealed>, bool) {
    let Some((question, asked)) = &stage.question else {
        return (None, None, false);
    };
    let revealed = (*asked == Asked::Answered)
        .then(|| question.answer.counted(stats))
        .flatten()
        .map(|share| Revealed {
            share,
            option: question.right_option(share),
        });
    (
        Some(Asking::of(stage.act, question)),
        revealed,
        *asked == Asked::Growing,
    )
}

/// Tells a live room where the session stands, writes closed questions to the log,
/// and copies the room's tally for the projection.
fn follow_live(
    live: Option<ResMut<LiveRoom>>,
    mut view: ResMut<AudienceView>,
    stage: Option<Res<Stage>>,
    stats: Res<ContactStats>,
    texts: Res<Texts>,
) {
    let (Some(mut live), Some(stage)) = (live, stage) else {
        return;
    };
    let (asking, revealed, closed) = on_stage(&stage, &stats);
    let (tally, finished) = {
        let mut room = server::lock(&live.room);
        room.show(stage.act, texts.lang, asking, revealed, closed);
        (room.tally(), room.take_closed())
    };
    if let Some(log) = &mut live.log {
        for question in &finished {
            // A log that cannot be written says so once and stops; the session goes on.
            if let Err(e) = log.write(question) {
                eprintln!("{e}");
                live.log = None;
                break;
            }
        }
    }
    if view.revealed != revealed {
        view.revealed = revealed;
    }
    if view.tally != tally {
        view.tally = tally;
    }
}

/// Shows a recorded room's answers to the question on stage.
fn follow_recorded(
    recorded: Option<Res<RecordedAnswers>>,
    mut view: ResMut<AudienceView>,
    stage: Option<Res<Stage>>,
    stats: Res<ContactStats>,
) {
    let (Some(recorded), Some(stage)) = (recorded, stage) else {
        return;
    };
    let (_, revealed, _) = on_stage(&stage, &stats);
    let tally = recorded.0.get(&stage.act).cloned();
    if view.revealed != revealed {
        view.revealed = revealed;
    }
    if view.tally != tally {
        view.tally = tally;
    }
}
