//! The kinds of part. Every part shows its world with its caption; what it does
//! besides is its kind's, each kind in a file of its own: what it must be to be
//! played (its checks), the phase it enters in, what the presenter's next step does
//! within it, what it does by itself in a recording, how it films (its chapters and
//! subtitles), how it is told in words (a recording's text version and described
//! video, from the counts of its frames: [`FrameCounts`], [`Seen`]) and how it prints
//! (its handout pages). [`Kind::of`] is the one place that says which kind a part is.
//!
//! - [`show`]: a part that shows its world, runs to its target or through its
//!   duration, and holds;
//! - [`question`]: a part that puts a question to the room, holds the world while the
//!   room answers, and reveals the answer as the world grows to the question's size;
//! - [`organisations`]: a part that asks for the room's own organisations, holds the
//!   world while the room enters them, and puts them on the model's curve.
//!
//! The session's checks, the player ([`super::play`]), the recorder's timeline
//! (`record::timeline`) and the handout (`commands::handout`) go through [`PartKind`].
//! What a part puts before the room (a question, and where it stands) its kind says
//! too ([`PartKind::posed`]); the player puts it on stage ([`crate::intent::Stage`]),
//! where the projection, the console and the phones read it, since the picture
//! imports no part of the player.
//!
//! A new kind of part is a file here, its line in [`Kind`] (and [`Kind::of`]), and
//! what a session file writes for it in [`Act`]. It puts its question before the room
//! as the question kind does; something new before the room (a picture the question
//! has not) is a variant of [`Posed`] and its drawing in the screen's and the
//! audience's code, the layers that draw.

pub mod organisations;
pub mod question;
pub mod show;

use bevy::prelude::World;
use bolwerk_model::Params;

use super::act::Act;
use super::act::MAX_QUESTION_CHARS;
use super::phase::Phase;
use crate::i18n::{Arg, Lang, Localized, Msg, Texts};
use crate::intent::{Overlay, Posed, ViewSettings};
use crate::report::handout::Block;
use crate::sim::compare::{CompareSettings, CompareWorlds};
use crate::sim::{ContactStats, Measure};
use crate::whatif::CompareKind;

/// A stretch of a recording with a text: a chapter or a subtitle.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// Seconds from the start.
    pub start: f64,
    /// Seconds from the start, after `start`.
    pub end: f64,
    /// The chapter's title, or the subtitle's lines.
    pub text: String,
}

/// A part's stretch of a recording, for its kind to film.
#[derive(Clone, Copy)]
pub struct Take<'a> {
    /// The part.
    pub act: &'a Act,
    /// Its title in the recording's language.
    pub title: &'a str,
    /// The texts of the recording's language.
    pub texts: &'a Texts,
    /// When the part began, in seconds of video.
    pub start: f64,
    /// When it ended.
    pub end: f64,
    /// When it moved on within itself (a question's answer revealed), if it did.
    pub turned: Option<f64>,
}

impl Take<'_> {
    /// The recording's language.
    pub fn lang(&self) -> Lang {
        self.texts.lang
    }
}

/// What a part's handout pages are made of, besides its kind's own.
pub struct Sheet<'a> {
    /// The caption's sentences, in the handout's language.
    pub paragraphs: Vec<String>,
    /// The trainer's notes, as blocks (none in the participants' copy).
    pub notes: Vec<Block>,
    /// The counts at the part's last frame.
    pub last: &'a ContactStats,
}

/// What one frame showed: the main world's counts, each compared world's while the
/// comparison runs (in the order of its picks), and which counts were on screen.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrameCounts {
    /// The main world's counts.
    pub main: ContactStats,
    /// Each compared world's, with its shape.
    pub compared: Vec<(CompareKind, ContactStats)>,
    /// Whether the panel showed the shares (the headline, counted and expected).
    pub panel: bool,
    /// Whether the counter of contacts between colleagues and with customers showed
    /// (the lines drawn as internal customer–supplier links).
    pub counter: bool,
}

impl FrameCounts {
    /// What `world` shows in this frame.
    pub fn of(world: &World) -> Self {
        let main = world
            .get_resource::<ContactStats>()
            .copied()
            .unwrap_or_default();
        let on = world
            .get_resource::<CompareSettings>()
            .is_some_and(|s| s.on);
        let compared = match world.get_resource::<CompareWorlds>() {
            Some(worlds) if on => worlds.views.iter().map(|v| (v.kind, v.stats)).collect(),
            _ => Vec::new(),
        };
        let view = world.get_resource::<ViewSettings>();
        Self {
            main,
            compared,
            panel: view.is_some_and(|v| v.overlay != Overlay::None),
            counter: view.is_some_and(|v| v.internal_customers),
        }
    }
}

/// What a part's stretch of a recording showed, for those who cannot see it: the
/// counts of its first frame, of its last before it moved on within itself (a
/// question's, before the reveal), and of its last.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Seen {
    /// The counts of its first frame.
    pub first: FrameCounts,
    /// The counts of its last frame before it turned, if it turned.
    pub turn: Option<FrameCounts>,
    /// The counts of its last frame.
    pub last: FrameCounts,
}

/// Which of a part's frames a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    /// The last frame before it moved on within itself (a question's, before the
    /// reveal).
    Turn,
    /// Its last frame.
    End,
}

/// One handout page of a part, its picture yet to be taken.
#[derive(Debug, Clone, PartialEq)]
pub struct Printed {
    /// The page's title.
    pub title: String,
    /// The frame its picture shows.
    pub at: Moment,
    /// Under the picture, in order.
    pub blocks: Vec<Block>,
}

/// What a kind of part does besides showing its world.
pub trait PartKind {
    /// Why the part cannot be played, if it cannot: the field to point at and what is
    /// wrong. `params` are the world's, `from` the employees it starts with, `langs`
    /// the session's languages.
    fn check(
        &self,
        params: &Params,
        from: u32,
        langs: &[Lang],
    ) -> Result<(), (&'static str, String)> {
        let _ = (params, from, langs);
        Ok(())
    }

    /// The phase the part enters in.
    fn entering(&self) -> Phase;

    /// What the presenter's next step does in `phase`: a step within the part (the
    /// phase it leads to), or `None` to go on to the next part.
    fn next(&self, phase: Phase) -> Option<Phase>;

    /// Recording, where parts follow by themselves: the phase the part moves to by
    /// itself at act time `secs`, if it moves.
    fn by_itself(&self, phase: Phase, secs: f64) -> Option<Phase>;

    /// What the part puts before the room in `phase`, besides its world and its
    /// caption: what the projection, the console and the phones show of it.
    fn posed(&self, phase: Phase) -> Option<Posed> {
        let _ = phase;
        None
    }

    /// Seconds from the part's start after which its caption shows, recording (a
    /// question shows itself first).
    fn caption_from(&self) -> f64;

    /// Its chapters and its subtitles over its stretch of a recording.
    fn film(&self, take: &Take) -> (Vec<Span>, Vec<Span>);

    /// Its handout pages, from its stretch of the film the handout is made from.
    fn print(&self, take: &Take, sheet: Sheet) -> Vec<Printed>;

    /// What its stretch of a recording shows, in words, for a text version and a
    /// described-video track: one description over the part, from what it counted
    /// (`seen`: only the numbers on screen), with the part's own description after
    /// it.
    fn describe(&self, take: &Take, seen: &Seen) -> Vec<Span> {
        let mut told = world_told(take.texts, &seen.first, &seen.last, seen.last.panel);
        let last = &seen.last.main;
        if seen.last.panel && take.act.shows_people() && seen.last.compared.is_empty() {
            told.push(' ');
            told.push_str(&measure_told(take.texts, Measure::InCustomerContact, last));
        }
        if seen.last.counter {
            let texts = take.texts;
            told.push(' ');
            told.push_str(
                &texts.fmt(
                    Msg::DescribeCounter,
                    &[
                        (
                            "colleagues",
                            texts
                                .fmt(
                                    Msg::ColleagueContacts,
                                    &[("n", (last.internal.round() as u64).into())],
                                )
                                .into(),
                        ),
                        (
                            "customers",
                            texts
                                .fmt(
                                    Msg::CustomerContacts,
                                    &[("n", (last.customer.round() as u64).into())],
                                )
                                .into(),
                        ),
                    ],
                ),
            );
        }
        vec![Span {
            start: take.start,
            end: take.end,
            text: described(take, told),
        }]
    }
}

/// The kind of a part: the one registration of the kinds there are.
#[derive(Debug, Clone, Copy)]
pub enum Kind<'a> {
    /// It shows its world.
    Show(show::Show),
    /// It puts a question to the room.
    Question(question::Asks<'a>),
    /// It asks for the room's organisations.
    Organisations(organisations::Gathers<'a>),
}

impl<'a> Kind<'a> {
    /// The kind of `act`.
    pub fn of(act: &'a Act) -> Self {
        match (&act.question, &act.organisations) {
            (Some(question), _) => Kind::Question(question::Asks { act, question }),
            (None, Some(organisations)) => {
                Kind::Organisations(organisations::Gathers { act, organisations })
            }
            (None, None) => Kind::Show(show::Show),
        }
    }
}

/// A kind is used as its kind's [`PartKind`]: a method the trait gains reaches every
/// kind without a line here.
impl<'a> std::ops::Deref for Kind<'a> {
    type Target = dyn PartKind + 'a;

    fn deref(&self) -> &Self::Target {
        match self {
            Kind::Show(k) => k,
            Kind::Question(k) => k,
            Kind::Organisations(k) => k,
        }
    }
}

/// Why what a part asks (`text`) cannot be put to the room, if it cannot: it must be
/// written in each of the session's `langs`, with words in each, up to
/// [`MAX_QUESTION_CHARS`]. The message names the part's `field` and calls the text
/// its `noun` (“question: the nl question needs words …”).
pub fn check_ask(
    text: &Localized<String>,
    langs: &[Lang],
    field: &str,
    noun: &str,
) -> Result<(), String> {
    text.check_languages(langs, &format!("{field}: the {noun}"))?;
    for (lang, words) in text.iter() {
        let words = words.trim();
        if words.is_empty() || words.chars().count() > MAX_QUESTION_CHARS {
            return Err(format!(
                "{field}: the {lang} {noun} needs words (up to {MAX_QUESTION_CHARS} characters)"
            ));
        }
    }
    Ok(())
}

/// How a part that moves on within itself films (a question, the room's
/// organisations): until it moves on, one chapter titled as a question with `ask` as its
/// subtitle; after it, a chapter titled by `after` (with the part's title) with the
/// caption as its subtitles.
pub fn film_turning(take: &Take, ask: String, after: Msg) -> (Vec<Span>, Vec<Span>) {
    let asked_until = take.turned.unwrap_or(take.end);
    let title = take.title.to_owned();
    let mut chapters = vec![Span {
        start: take.start,
        end: asked_until,
        text: take
            .texts
            .fmt(Msg::ChapterQuestion, &[("title", title.clone().into())]),
    }];
    let mut cues = vec![Span {
        start: take.start,
        end: asked_until,
        text: ask,
    }];
    if asked_until < take.end {
        chapters.push(Span {
            start: asked_until,
            end: take.end,
            text: take.texts.fmt(after, &[("title", title.into())]),
        });
        cues.extend(caption_cues(take.act, take.lang(), asked_until, take.end));
    }
    (chapters, cues)
}

/// What a part's world did between two frames, in words: how it grew (or that it
/// held), and where it ended: the share of contacts with customers, counted and
/// expected, or each compared shape's.
pub fn world_told(texts: &Texts, from: &FrameCounts, to: &FrameCounts, share: bool) -> String {
    let (a, b) = (from.main.employees, to.main.employees);
    let mut told = Vec::new();
    if !to.compared.is_empty() {
        told.push(texts.fmt(
            Msg::DescribeCompared,
            &[
                ("count", to.compared.len().into()),
                ("from", a.into()),
                ("to", b.into()),
            ],
        ));
        let shares: Vec<String> = to
            .compared
            .iter()
            .map(|(kind, stats)| {
                texts.fmt(
                    Msg::DescribeComparedShape,
                    &[
                        ("shape", texts.get(kind.name).into()),
                        ("share", percent(stats.customer_share())),
                    ],
                )
            })
            .collect();
        told.push(texts.fmt(
            Msg::DescribeComparedShares,
            &[("shares", shares.join(", ").into())],
        ));
        return told.join(" ");
    }
    told.push(if a == b {
        texts.fmt(Msg::DescribeHolds, &[("n", b.into())])
    } else {
        texts.fmt(Msg::DescribeGrows, &[("from", a.into()), ("to", b.into())])
    });
    if share {
        told.push(share_told(texts, &to.main));
    }
    told.join(" ")
}

/// The share of contacts with customers in `stats`, counted and expected, in words.
pub fn share_told(texts: &Texts, stats: &ContactStats) -> String {
    texts.fmt(
        Msg::DescribeShare,
        &[
            ("n", stats.employees.into()),
            ("share", percent(stats.customer_share())),
            (
                "expected",
                Arg::Num(stats.customer_share_expected() * 100.0, 1),
            ),
        ],
    )
}

/// What the panel shows of `measure` in `stats`, counted and expected, in words.
pub fn measure_told(texts: &Texts, measure: Measure, stats: &ContactStats) -> String {
    match measure {
        Measure::CustomerShare => share_told(texts, stats),
        Measure::InCustomerContact => texts.fmt(
            Msg::DescribePeople,
            &[
                ("n", stats.employees.into()),
                ("share", percent(measure.counted(stats))),
                ("expected", Arg::Num(measure.expected_now(stats) * 100.0, 1)),
            ],
        ),
    }
}

/// A share as the panel writes it: percent with one decimal (0 before anything is
/// counted).
fn percent(share: Option<f64>) -> Arg {
    Arg::Num(crate::sim::curve::percent(share.unwrap_or(0.0)), 1)
}

/// `told`, then the part's own description in the take's language, if it has one.
pub fn described(take: &Take, told: String) -> String {
    match &take.act.describe {
        Some(own) => format!("{told} {}", own.get(take.lang()).trim()),
        None => told,
    }
}

/// How a part that moves on within itself is described: until it moves on, `held`
/// (what the world, holding, shows at its first frame); after, what the world did
/// from then to the end if it grew (with its share, unless `after` gives it), then
/// `after` (a question's answer, the room's organisations on the curve). The part's
/// own description goes with the last, what the part ends on.
pub fn describe_turning(
    take: &Take,
    seen: &Seen,
    held: String,
    (after, share): (String, bool),
) -> Vec<Span> {
    let asked_until = take.turned.unwrap_or(take.end);
    if asked_until >= take.end {
        return vec![Span {
            start: take.start,
            end: take.end,
            text: described(take, held),
        }];
    }
    let from = seen.turn.as_ref().unwrap_or(&seen.first);
    let grew = from.main.employees != seen.last.main.employees;
    let told = if grew {
        format!(
            "{} {after}",
            world_told(take.texts, from, &seen.last, share && seen.last.panel)
        )
    } else {
        after
    };
    vec![
        Span {
            start: take.start,
            end: asked_until,
            text: held,
        },
        Span {
            start: asked_until,
            end: take.end,
            text: described(take, told.trim().to_owned()),
        },
    ]
}

/// The part's caption in `lang` from `start` to `end`: one subtitle per sentence, each
/// shown for a share of the time as long as its share of the text, the first with the
/// title above it. None for an act without a caption.
pub fn caption_cues(act: &Act, lang: Lang, start: f64, end: f64) -> Vec<Span> {
    let Some(caption) = &act.caption else {
        return Vec::new();
    };
    let caption = caption.get(lang);
    let mut lines: Vec<String> = caption.text.clone();
    match lines.first_mut() {
        Some(first) => *first = format!("{}\n{first}", caption.title),
        None => lines.push(caption.title.clone()),
    }
    let weight = |s: &String| s.chars().count().max(1) as f64;
    let total: f64 = lines.iter().map(weight).sum();
    let mut t = start;
    lines
        .into_iter()
        .map(|text| {
            let from = t;
            t += (end - start) * weight(&text) / total;
            Span {
                start: from,
                end: t.min(end),
                text,
            }
        })
        .collect()
}
