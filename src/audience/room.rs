//! The room: who may answer, what is asked now, and what was answered. Plain data and
//! rules, no network: the server asks it, the presenter tells it what the session is
//! at, and both share it behind one lock.
//!
//! Everything it holds is bounded: at most [`MAX_PARTICIPANTS`] participants, one
//! answer each for the open question (and, in the second round of a question asked
//! twice, each one's first-round answer, in memory only), and rate buckets per
//! participant and per address. The addresses it remembers are bounded too: past
//! [`Limits::addresses`] it forgets the least recently seen, so that no number of
//! addresses locks anyone out.
//!
//! A participant exists only once their first answer is taken: a request with a wrong
//! code, to a closed question, or with an answer that does not fit creates nothing.
//! New participants per address are limited (a phone has an address of its own on a
//! venue's network or a hotspot), and so are wrong codes per address (guessing).

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::Instant;

use serde::Serialize;

use crate::i18n::Lang;
use crate::i18n::Localized;
use crate::intent::SKETCH_POINTS;
use crate::intent::organisations::{Entered, MAX_EMPLOYEES, Organisations, size_step};
use crate::intent::{Choice, Question, letter};

/// The most participants the room holds; a new one beyond it is refused.
pub const MAX_PARTICIPANTS: usize = 500;
/// The most client addresses whose request rates the room remembers.
pub const MAX_ADDRESSES: usize = 4096;
/// An answer is a percentage, from 0 to 100, for a question without options.
pub const NUMBER_RANGE: (f64, f64) = (0.0, 100.0);
/// The room's estimates of a number are counted in this many ranges of equal width
/// across [`NUMBER_RANGE`] (0–10%, 10–20%, …): on the projection and in the debrief.
pub const ESTIMATE_RANGES: usize = 10;

/// The range of [`ESTIMATE_RANGES`] a percentage falls in: the top of the last one in
/// the last.
pub fn range_of(x: f64) -> usize {
    let (lo, hi) = NUMBER_RANGE;
    let k = ((x - lo) / (hi - lo) * ESTIMATE_RANGES as f64)
        .floor()
        .max(0.0) as usize;
    k.min(ESTIMATE_RANGES - 1)
}

/// How many of `numbers` fall in each range of [`ESTIMATE_RANGES`].
pub fn in_ranges(numbers: &[f64]) -> Vec<u32> {
    let mut counts = vec![0; ESTIMATE_RANGES];
    for &x in numbers {
        counts[range_of(x)] += 1;
    }
    counts
}

/// A participant: a random token, kept in a cookie on the phone.
pub type Token = u128;

/// Why the room turns a request down; each has its HTTP status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The request is not what the API takes (400).
    Malformed,
    /// The session code is wrong (403).
    WrongCode,
    /// No question is open: none asked yet, or already revealed (409).
    NoQuestion,
    /// The answer does not fit the question: an option that does not exist, a number
    /// out of range (422 would be usual; the API says 400, as one kind of bad request).
    Invalid,
    /// Too many requests from this participant or address (429).
    TooMany,
    /// Too many new participants from this address (429).
    TooManyJoins,
    /// Too many wrong codes from this address (429).
    TooManyCodes,
    /// The room already holds as many participants as it may (503).
    Full,
    /// No new participant can be made: the random source failed (503).
    Unavailable,
    /// The request names a host this server is not (421): a page elsewhere that
    /// points a name of its own at this address (DNS rebinding).
    WrongHost,
    /// A page of another site sent it (403).
    ForeignOrigin,
    /// The body is not declared as JSON (415).
    NotJson,
}

impl Refusal {
    /// The HTTP status code.
    pub fn status(self) -> u16 {
        match self {
            Refusal::Malformed | Refusal::Invalid => 400,
            Refusal::WrongCode | Refusal::ForeignOrigin => 403,
            Refusal::NoQuestion => 409,
            Refusal::NotJson => 415,
            Refusal::WrongHost => 421,
            Refusal::TooMany | Refusal::TooManyJoins | Refusal::TooManyCodes => 429,
            Refusal::Full | Refusal::Unavailable => 503,
        }
    }

    /// A short message, for the body and for the page. The participants' page tells
    /// the 429s apart by their words: "new participants" and "wrong codes".
    pub fn message(self) -> &'static str {
        match self {
            Refusal::Malformed => "malformed request",
            Refusal::WrongCode => "wrong session code",
            Refusal::NoQuestion => "no open question",
            Refusal::Invalid => "answer does not fit the question",
            Refusal::TooMany => "too many requests",
            Refusal::TooManyJoins => "too many new participants from this address",
            Refusal::TooManyCodes => "too many wrong codes",
            Refusal::Full => "the room is full",
            Refusal::Unavailable => "no new participants can join now",
            Refusal::WrongHost => "unknown host",
            Refusal::ForeignOrigin => "foreign origin",
            Refusal::NotJson => "the body must be application/json",
        }
    }
}

/// An answer, as the API takes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// The index of an option, from 0.
    Choice(usize),
    /// A percentage, for a question without options.
    Number(f64),
    /// An organisation's size, and the share guessed there.
    Organisation(Entered),
    /// A sketch: the share expected at each size the question names.
    Sketch(Sketch),
}

/// A sketch as a phone draws it: the share expected at each size its question names,
/// in percent, smallest size first. At most the most points a sketch has, so that an
/// answer stays a small value of fixed size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sketch {
    points: [f64; *SKETCH_POINTS.end()],
    len: usize,
}

impl Sketch {
    /// The sketch of `points`; none for more points than a sketch has.
    pub fn new(points: &[f64]) -> Option<Self> {
        let mut sketch = Sketch {
            points: [0.0; *SKETCH_POINTS.end()],
            len: points.len(),
        };
        sketch
            .points
            .get_mut(..points.len())?
            .copy_from_slice(points);
        Some(sketch)
    }

    /// Its points, in percent.
    pub fn points(&self) -> &[f64] {
        &self.points[..self.len]
    }
}

/// An answer as a phone sends it: a number (an option's index, a percentage, or an
/// organisation's size), and, for an organisation, the share guessed there; or, for a
/// sketch, the sketch and no number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sent {
    /// The number.
    pub raw: Option<f64>,
    /// The guess, in percent.
    pub guess: Option<f64>,
    /// The sketch.
    pub sketch: Option<Sketch>,
}

impl From<f64> for Sent {
    fn from(raw: f64) -> Self {
        Sent {
            raw: Some(raw),
            guess: None,
            sketch: None,
        }
    }
}

/// A question as the room sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Asking {
    /// The act that asks it, from 0: a new act is a new question.
    pub act: usize,
    /// The question, in each language.
    pub ask: Localized<String>,
    /// The options; none for a number.
    pub options: Vec<Choice>,
    /// Where the measure the question asks about stands as it opens, in every
    /// language (“Now, at 80 employees: 24.7% …”), so that phones show the start the
    /// projection shows. Kept from the question's first frame.
    pub start: Option<Localized<String>>,
    /// For a part that asks for the room's organisations (no options): what it takes.
    pub organisation: Option<Gathering>,
    /// Which round this is: a question asked twice is answered in a first round, then
    /// again.
    pub round: Round,
    /// Which entry of the part it is ([`crate::intent::Stage::entry`]): a part restarted
    /// or returned to asks afresh, and its answers are logged as a new run.
    pub entry: u64,
    /// For a question answered with a sketch: the sizes it is drawn at, in employees.
    pub sketch: Vec<u32>,
    /// The top of its share axis, in percent ([`Question::sketch_top`]).
    pub sketch_top: f64,
    /// Where its measure stood as it opened, in percent: the sketch's first point, as
    /// the screen shows it. Kept from the question's first frame, as `start` is.
    pub start_share: Option<f64>,
}

/// Which round of a question the room is at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Round {
    /// A question asked once (and a part that asks for the room's organisations).
    #[default]
    Only,
    /// A question asked twice: its first round, and the talk after it.
    First,
    /// A question asked twice: its second round, and its reveal.
    Second,
}

impl Round {
    /// The round, as the log and the API write it: 1, or 2 for a second round.
    pub fn number(self) -> u8 {
        match self {
            Round::Only | Round::First => 1,
            Round::Second => 2,
        }
    }
}

/// What a part that asks for the room's organisations takes, and what it tells each
/// phone once the curve shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Gathering {
    /// Whether a participant may guess the share at their size.
    pub guess: bool,
    /// The model's share of contacts with customers (0 to 1) at each step sizes are
    /// shown at ([`size_step`]).
    pub predicted: Vec<(u32, f64)>,
}

impl Gathering {
    /// The model's share at the step `employees` is shown at.
    pub fn predicted_at(&self, employees: u32) -> Option<f64> {
        let step = size_step(employees);
        self.predicted
            .iter()
            .find(|(n, _)| *n == step)
            .map(|(_, share)| *share)
    }
}

impl Asking {
    /// The room's view of an act's question.
    pub fn of(act: usize, question: &Question) -> Self {
        Asking {
            act,
            ask: question.ask.clone(),
            options: question.options.clone(),
            start: None,
            organisation: None,
            round: if question.again {
                Round::First
            } else {
                Round::Only
            },
            entry: 0,
            sketch: question.sketch.clone(),
            sketch_top: 100.0,
            start_share: None,
        }
    }

    /// The same, its sketch drawn on a share axis up to `top` percent.
    pub fn sketched_to(self, top: f64) -> Self {
        Asking {
            sketch_top: top,
            ..self
        }
    }

    /// The same, at entry `entry` of its part.
    pub fn entered(self, entry: u64) -> Self {
        Asking { entry, ..self }
    }

    /// The same question at its second round.
    pub fn again(self) -> Self {
        Asking {
            round: Round::Second,
            ..self
        }
    }

    /// The room's view of an act that asks for the room's organisations, with the
    /// model's share at each step sizes are shown at (`predicted`).
    pub fn organisations(act: usize, o: &Organisations, predicted: Vec<(u32, f64)>) -> Self {
        Asking {
            act,
            ask: o.ask.clone(),
            options: Vec::new(),
            start: None,
            organisation: Some(Gathering {
                guess: o.guess,
                predicted,
            }),
            round: Round::Only,
            entry: 0,
            sketch: Vec::new(),
            sketch_top: 100.0,
            start_share: None,
        }
    }

    /// The question with where its measure starts: in words, and in percent.
    pub fn starting(self, start: Localized<String>, share: f64) -> Self {
        Asking {
            start: Some(start),
            start_share: Some(share),
            ..self
        }
    }

    /// The answer `sent` stands for: an option's index (a whole number), a percentage
    /// for a question without options, or an organisation's size (a whole number of
    /// employees from 1 to [`MAX_EMPLOYEES`]) with the share `guess`ed there, in
    /// percent, where the part takes a guess; for a sketch, a percentage at each of its
    /// sizes, and no number. A guess or a sketch anywhere else is refused.
    fn value_of(&self, sent: Sent) -> Result<Value, Refusal> {
        let Sent { raw, guess, sketch } = sent;
        if !self.sketch.is_empty() {
            return match (raw, guess, sketch) {
                (None, None, Some(s))
                    if s.points().len() == self.sketch.len()
                        && s.points().iter().all(|&x| in_percent(x)) =>
                {
                    // Kept to a hundredth of a percent: a point is a place on a plot,
                    // and the log writes it short.
                    let points: Vec<f64> = s
                        .points()
                        .iter()
                        .map(|x| (x * 100.0).round() / 100.0)
                        .collect();
                    Sketch::new(&points)
                        .map(Value::Sketch)
                        .ok_or(Refusal::Invalid)
                }
                _ => Err(Refusal::Invalid),
            };
        }
        let (Some(raw), None) = (raw, sketch) else {
            return Err(Refusal::Invalid);
        };
        if let Some(gathering) = &self.organisation {
            let size_ok = raw.fract() == 0.0 && raw >= 1.0 && raw <= f64::from(MAX_EMPLOYEES);
            let guess_ok = guess.is_none_or(|g| gathering.guess && in_percent(g));
            return (size_ok && guess_ok)
                .then_some(Value::Organisation(Entered {
                    employees: raw as u32,
                    guess,
                }))
                .ok_or(Refusal::Invalid);
        }
        if guess.is_some() {
            return Err(Refusal::Invalid);
        }
        let n = self.options.len();
        if n > 0 {
            return (raw.fract() == 0.0 && raw >= 0.0 && raw < n as f64)
                .then_some(Value::Choice(raw as usize))
                .ok_or(Refusal::Invalid);
        }
        in_percent(raw)
            .then_some(Value::Number(raw))
            .ok_or(Refusal::Invalid)
    }
}

/// Whether `x` is a percentage the room takes ([`NUMBER_RANGE`]).
pub fn in_percent(x: f64) -> bool {
    x.is_finite() && (NUMBER_RANGE.0..=NUMBER_RANGE.1).contains(&x)
}

/// A question whose answers closed (or one of its rounds): what the room answered, for
/// the log.
#[derive(Debug, Clone, PartialEq)]
pub struct ClosedQuestion {
    /// The question, at the round that closed.
    pub asking: Asking,
    /// The session's language when it closed.
    pub lang: Lang,
    /// Every participant's last answer, in the order they came. Who gave them is not
    /// kept.
    pub answers: Vec<Given>,
}

/// One participant's answer to a closed round, without who gave it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Given {
    /// The answer.
    pub value: Value,
    /// At a second round, what the same phone answered at the first, if it did.
    pub first: Option<Value>,
    /// When it came, in seconds after the round opened.
    pub seconds: f64,
}

/// The model's answer, once revealed: the share (0 to 1) and the option that holds it.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Revealed {
    /// The share the simulation counted.
    pub share: f64,
    /// The option that holds it, if the question has options.
    pub option: Option<usize>,
    /// For a sketch: the share the simulation counted as the world grew through each
    /// of its sizes (0 to 1); empty for other questions.
    pub sketch: Vec<f64>,
}

/// What the room has answered to the open (or just revealed) question.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tally {
    /// The act whose question it is.
    pub act: usize,
    /// Answers per option (empty for a number question).
    pub per_option: Vec<u32>,
    /// The numbers answered, in percent, sorted (empty for a choice question).
    pub numbers: Vec<f64>,
    /// The organisations entered, smallest first (for a part that asks for them).
    pub organisations: Vec<Entered>,
    /// The sketches drawn, in no particular order (for a question answered with one).
    pub sketches: Vec<Sketch>,
    /// How many answered.
    pub count: u32,
    /// For a question asked twice, once its second round opened: the first round, and
    /// how answers moved between the two. The fields above are the second round's.
    pub first: Option<FirstRound>,
}

/// The room's sketches at one of their sizes, in percent: the middle one, and the ends
/// of the middle half (the quartiles).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    /// A quarter of the sketches are lower.
    pub low: f64,
    /// Half are lower, half higher (the median).
    pub middle: f64,
    /// A quarter are higher.
    pub high: f64,
}

impl Tally {
    /// At each size of a sketch, the room's middle sketch and its middle half; empty
    /// without sketches.
    pub fn spread(&self) -> Vec<Spread> {
        let n = self.sketches.first().map_or(0, |s| s.points().len());
        (0..n)
            .map(|i| {
                let mut at: Vec<f64> = self
                    .sketches
                    .iter()
                    .filter_map(|s| s.points().get(i).copied())
                    .collect();
                at.sort_by(f64::total_cmp);
                Spread {
                    low: quantile(&at, 0.25),
                    middle: quantile(&at, 0.5),
                    high: quantile(&at, 0.75),
                }
            })
            .collect()
    }
}

/// The `q` quantile of sorted numbers, between the two nearest by rank (the median of
/// two is their mean); 0 of none.
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    match sorted.len() {
        0 => 0.0,
        n => {
            let rank = q.clamp(0.0, 1.0) * (n - 1) as f64;
            let (below, t) = (rank.floor() as usize, rank.fract());
            let above = (below + 1).min(n - 1);
            sorted[below] + t * (sorted[above] - sorted[below])
        }
    }
}

/// A question asked twice: its first round, and how the phones that answered in both
/// rounds moved.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FirstRound {
    /// Answers per option at the first round.
    pub per_option: Vec<u32>,
    /// How many answered the first round.
    pub count: u32,
    /// `moved[i][j]`: phones that chose option `i` first and `j` the second time (the
    /// diagonal kept their answer). Phones that answered only once are not in it.
    pub moved: Vec<Vec<u32>>,
}

impl FirstRound {
    /// An empty first round for a question with `n` options.
    pub fn new(n: usize) -> Self {
        FirstRound {
            per_option: vec![0; n],
            count: 0,
            moved: vec![vec![0; n]; n],
        }
    }

    /// Phones that answered in both rounds.
    pub fn paired(&self) -> u32 {
        self.moved.iter().flatten().sum()
    }

    /// Each change of answer between the rounds that some phones made: from option,
    /// to option, and how many, the most first (then by option).
    pub fn moves(&self) -> Vec<(usize, usize, u32)> {
        let mut moves: Vec<(usize, usize, u32)> = self
            .moved
            .iter()
            .enumerate()
            .flat_map(|(i, row)| row.iter().enumerate().map(move |(j, &n)| (i, j, n)))
            .filter(|&(i, j, n)| i != j && n > 0)
            .collect();
        moves.sort_by_key(|&(i, j, n)| (std::cmp::Reverse(n), i, j));
        moves
    }

    /// The changes of answer as a line, the most first, at most `most` of them, with
    /// `arrow` between the letters (“C ➡ B 2 · A ➡ B 1”).
    pub fn listed(&self, arrow: &str, most: usize) -> String {
        self.moves()
            .iter()
            .take(most)
            .map(|&(from, to, n)| format!("{} {arrow} {} {n}", letter(from), letter(to)))
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// Of those, how many changed their answer, and how many changed to option `to`.
    pub fn changed(&self, to: Option<usize>) -> (u32, u32) {
        let moves = self.moves();
        let changed = moves.iter().map(|&(_, _, n)| n).sum();
        let to_it = moves
            .iter()
            .filter(|&&(_, j, _)| Some(j) == to)
            .map(|&(_, _, n)| n)
            .sum();
        (changed, to_it)
    }
}

/// A token bucket: `burst` requests at once, then `per_sec` a second.
#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    fn new(burst: f64, now: Instant) -> Self {
        Bucket {
            tokens: burst,
            at: now,
        }
    }

    fn take(&mut self, burst: f64, per_sec: f64, now: Instant) -> bool {
        let secs = now.saturating_duration_since(self.at).as_secs_f64();
        self.tokens = (self.tokens + secs * per_sec).min(burst);
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// How much the room takes: requests, new participants and wrong codes per address,
/// answers per participant, and how many participants and addresses it holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// Answers a participant may send at once (changing their mind)…
    pub answer_burst: f64,
    /// … and then per second.
    pub answer_rate: f64,
    /// Requests one address may send at once…
    pub address_burst: f64,
    /// … and then per second.
    pub address_rate: f64,
    /// New participants one address may bring at once…
    pub join_burst: f64,
    /// … and then per second.
    pub join_rate: f64,
    /// Wrong codes one address may send at once…
    pub code_burst: f64,
    /// … and then per second.
    pub code_rate: f64,
    /// Participants held.
    pub participants: usize,
    /// Addresses remembered; past it, the least recently seen is forgotten.
    pub addresses: usize,
}

impl Default for Limits {
    /// For a venue's network or a phone's hotspot, where every phone has an address of
    /// its own: per participant a few answers at once, then one every two seconds; per
    /// address enough requests for a whole room behind one router polling every two
    /// seconds (far too few to flood the presenter), three new participants at once and
    /// then three a minute (a phone whose cookie was lost joins again), five wrong codes
    /// and then one every ten seconds (a typo or two, never a search); at most
    /// [`MAX_PARTICIPANTS`] participants and [`MAX_ADDRESSES`] addresses.
    fn default() -> Self {
        Limits {
            answer_burst: 8.0,
            answer_rate: 0.5,
            address_burst: 600.0,
            address_rate: 300.0,
            join_burst: 3.0,
            join_rate: 3.0 / 60.0,
            code_burst: 5.0,
            code_rate: 0.1,
            participants: MAX_PARTICIPANTS,
            addresses: MAX_ADDRESSES,
        }
    }
}

impl Limits {
    /// For a room whose phones all reach the laptop through one address (a venue's
    /// NAT, `present --audience-shared-address`): that address may bring the whole
    /// room, and a whole room's typos, within a minute.
    pub fn shared_address() -> Self {
        let default = Limits::default();
        Limits {
            join_burst: MAX_PARTICIPANTS as f64,
            join_rate: 10.0,
            code_burst: 60.0,
            code_rate: 1.0,
            ..default
        }
    }
}

/// What the trainer sees of the room: who takes part, how many answered, and what the
/// limits turned away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Activity {
    /// Participants: phones that have answered at least once this session.
    pub participants: usize,
    /// New participants refused by the per-address limit, in all.
    pub joins_refused: u64,
    /// Wrong codes sent, in all.
    pub wrong_codes: u64,
    /// Of those, refused by the per-address limit (someone guessing).
    pub codes_refused: u64,
}

/// What the room remembers of an address: its request, join and wrong-code buckets,
/// and when it was last seen.
#[derive(Debug, Clone, Copy)]
struct Visitor {
    requests: Bucket,
    joins: Bucket,
    codes: Bucket,
    seen: Instant,
}

impl Visitor {
    fn new(limits: &Limits, now: Instant) -> Self {
        Visitor {
            requests: Bucket::new(limits.address_burst, now),
            joins: Bucket::new(limits.join_burst, now),
            codes: Bucket::new(limits.code_burst, now),
            seen: now,
        }
    }
}

/// The room.
pub struct Room {
    code: String,
    lang: Lang,
    act: usize,
    acts: usize,
    asking: Option<Asking>,
    revealed: Option<Revealed>,
    /// Answers are closed before the answer shows (the world grows to it).
    closed: bool,
    /// When the question on stage was first shown.
    opened: Instant,
    /// Each participant's answer, and when it came, in seconds after `opened`.
    answers: HashMap<Token, (Value, f64)>,
    /// A question asked twice, from its second round on: each participant's first
    /// answer. Kept in memory only, to pair the two rounds; never written anywhere.
    first: HashMap<Token, Value>,
    /// Keep each question's answers as it closes, for the answers' log.
    keep_closed: bool,
    closed_questions: Vec<ClosedQuestion>,
    participants: HashMap<Token, Bucket>,
    addresses: HashMap<IpAddr, Visitor>,
    /// Answers taken in all, for the log and the tests.
    taken: u64,
    /// New participants the per-address limit refused, wrong codes, and wrong codes
    /// the limit refused.
    joins_refused: u64,
    wrong_codes: u64,
    codes_refused: u64,
    limits: Limits,
}

/// Counts only: the tokens, and which answers one phone gave, are never written out.
impl std::fmt::Debug for Room {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Room")
            .field("act", &self.act)
            .field("asking", &self.asking.as_ref().map(|a| (a.act, a.round)))
            .field("closed", &self.closed)
            .field("answers", &self.answers.len())
            .field("first", &self.first.len())
            .field("participants", &self.participants.len())
            .field("addresses", &self.addresses.len())
            .field("taken", &self.taken)
            .finish_non_exhaustive()
    }
}

impl Room {
    /// An empty room for a session of `acts` acts, answering to `code`, whose pages
    /// open in `lang`.
    pub fn new(code: String, lang: Lang, acts: usize) -> Self {
        Self::with_limits(code, lang, acts, Limits::default())
    }

    /// The same, with other limits (tests make a flood quick to show).
    pub fn with_limits(code: String, lang: Lang, acts: usize, limits: Limits) -> Self {
        Room {
            limits,
            code,
            lang,
            act: 0,
            acts,
            asking: None,
            revealed: None,
            closed: false,
            opened: Instant::now(),
            keep_closed: false,
            closed_questions: Vec::new(),
            answers: HashMap::new(),
            first: HashMap::new(),
            participants: HashMap::new(),
            addresses: HashMap::new(),
            taken: 0,
            joins_refused: 0,
            wrong_codes: 0,
            codes_refused: 0,
        }
    }

    /// The session code.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The session's language now (the page's default).
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The session is at `act` (from 0), in `lang`, asking `asking` (if the act has a
    /// question, or asks for the room's organisations), closed to answers if `closed`
    /// (the reveal has begun, or the organisations are on the curve) and showing
    /// `revealed` once the answer shows. A different question than before starts with
    /// no answers. A question asked twice keeps its first round's answers when its
    /// second opens ([`Round::Second`]), to pair each phone's two answers; going back to
    /// its first round starts it afresh. A part restarted or returned to is a new entry
    /// (`Asking::entry`): its question starts afresh, and the answers the last entry
    /// had go to the log as it closes.
    pub fn show(
        &mut self,
        act: usize,
        lang: Lang,
        asking: Option<Asking>,
        revealed: Option<Revealed>,
        closed: bool,
    ) {
        self.act = act;
        self.lang = lang;
        // The same question: the same part, in the same entry of it.
        let key = |a: &Option<Asking>| a.as_ref().map(|a| (a.act, a.entry));
        let same = key(&self.asking) == key(&asking);
        let rounds = (
            self.asking.as_ref().map(|a| a.round),
            asking.as_ref().map(|a| a.round),
        );
        let to_second = same && rounds.0 != Some(Round::Second) && rounds.1 == Some(Round::Second);
        let back = same && rounds.0 == Some(Round::Second) && rounds.1 != Some(Round::Second);
        let stays_open =
            same && asking.is_some() && !closed && revealed.is_none() && !to_second && !back;
        if self.open() && !stays_open && self.keep_closed {
            self.closed_questions.push(self.closing());
        }
        if !same || back {
            self.answers.clear();
            self.first.clear();
            self.opened = Instant::now();
        }
        if to_second {
            self.first = self
                .answers
                .drain()
                .map(|(token, (value, _))| (token, value))
                .collect();
            self.opened = Instant::now();
        }
        // The start, once known, stays while the world grows to the answer.
        let mut asking = asking;
        if same
            && let (Some(old), Some(new)) = (&self.asking, &mut asking)
            && new.start.is_none()
        {
            new.start = old.start.clone();
            new.start_share = old.start_share;
        }
        self.asking = asking;
        self.revealed = self.asking.as_ref().and(revealed);
        self.closed = self.asking.is_some() && (closed || self.revealed.is_some());
    }

    /// Whether a question is open for answers.
    pub fn open(&self) -> bool {
        self.asking.is_some() && !self.closed
    }

    /// Keep each question's answers as it closes (see [`Room::take_closed`]).
    pub fn keep_closed(&mut self) {
        self.keep_closed = true;
    }

    /// The questions closed since the last call, each with its answers: what the
    /// answers' log writes.
    pub fn take_closed(&mut self) -> Vec<ClosedQuestion> {
        std::mem::take(&mut self.closed_questions)
    }

    fn closing(&self) -> ClosedQuestion {
        let asking = self.asking.clone().expect("an open question");
        let mut answers: Vec<Given> = self
            .answers
            .iter()
            .map(|(token, &(value, seconds))| Given {
                value,
                first: self.first.get(token).copied(),
                seconds,
            })
            .collect();
        answers.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
        ClosedQuestion {
            asking,
            lang: self.lang,
            answers,
        }
    }

    /// Closes the question on stage as the session ends: its answers go to the log
    /// like those of a question the session moved past.
    pub fn close(&mut self) {
        if self.open() && self.keep_closed {
            self.closed_questions.push(self.closing());
        }
        self.closed = self.asking.is_some();
    }

    /// What is remembered of `addr`, made if it is new. A full table first forgets the
    /// least recently seen eighth of its addresses (their buckets would mostly be full
    /// again anyway), so that a flood of addresses never locks out a new one.
    fn visitor(&mut self, addr: IpAddr, now: Instant) -> &mut Visitor {
        let limit = self.limits.addresses.max(1);
        if !self.addresses.contains_key(&addr) && self.addresses.len() >= limit {
            let mut seen: Vec<Instant> = self.addresses.values().map(|v| v.seen).collect();
            let k = (limit / 8).max(1).min(seen.len()) - 1;
            let (_, &mut cut, _) = seen.select_nth_unstable(k);
            self.addresses.retain(|_, v| v.seen > cut);
        }
        let limits = self.limits;
        let visitor = self
            .addresses
            .entry(addr)
            .or_insert_with(|| Visitor::new(&limits, now));
        visitor.seen = now;
        visitor
    }

    /// Whether a request from `addr` may go on (every request counts).
    pub fn admit(&mut self, addr: IpAddr, now: Instant) -> Result<(), Refusal> {
        let (burst, rate) = (self.limits.address_burst, self.limits.address_rate);
        if self.visitor(addr, now).requests.take(burst, rate, now) {
            Ok(())
        } else {
            Err(Refusal::TooMany)
        }
    }

    /// Takes the answer `raw` (an option's index, a percentage, or an organisation's
    /// size with the share `guess`ed there) sent from `addr` by participant `token`,
    /// with the session `code` they typed. Returns the participant's token. A second
    /// answer to the same question replaces the first.
    ///
    /// A request without a known token makes a new participant, with a token from
    /// `new_token` (`None`: no randomness, refused), but only once everything else
    /// holds: the code, an open question, an answer that fits it, the address's limit
    /// of new participants and the room's size. A refused request makes nothing.
    pub fn answer(
        &mut self,
        addr: IpAddr,
        token: Option<Token>,
        code: &str,
        sent: impl Into<Sent>,
        new_token: impl FnOnce() -> Option<Token>,
        now: Instant,
    ) -> Result<Token, Refusal> {
        let limits = self.limits;
        if !code.trim().eq_ignore_ascii_case(&self.code) {
            self.wrong_codes += 1;
            if !self
                .visitor(addr, now)
                .codes
                .take(limits.code_burst, limits.code_rate, now)
            {
                self.codes_refused += 1;
                return Err(Refusal::TooManyCodes);
            }
            return Err(Refusal::WrongCode);
        }
        let known = token.filter(|t| self.participants.contains_key(t));
        if let Some(t) = known {
            let bucket = self.participants.get_mut(&t).expect("known");
            if !bucket.take(limits.answer_burst, limits.answer_rate, now) {
                return Err(Refusal::TooMany);
            }
        }
        let value = match &self.asking {
            Some(asking) if !self.closed => asking.value_of(sent.into())?,
            _ => return Err(Refusal::NoQuestion),
        };
        let token = match known {
            Some(t) => t,
            None => {
                if self.participants.len() >= limits.participants {
                    return Err(Refusal::Full);
                }
                if !self
                    .visitor(addr, now)
                    .joins
                    .take(limits.join_burst, limits.join_rate, now)
                {
                    self.joins_refused += 1;
                    return Err(Refusal::TooManyJoins);
                }
                let t = new_token().ok_or(Refusal::Unavailable)?;
                // The first answer is one of the burst.
                let mut bucket = Bucket::new(limits.answer_burst, now);
                bucket.take(limits.answer_burst, limits.answer_rate, now);
                self.participants.insert(t, bucket);
                t
            }
        };
        let after = now.saturating_duration_since(self.opened).as_secs_f64();
        self.answers.insert(token, (value, after));
        self.taken += 1;
        Ok(token)
    }

    /// Who takes part, how many answered, and what the limits turned away.
    pub fn activity(&self) -> Activity {
        Activity {
            participants: self.participants.len(),
            joins_refused: self.joins_refused,
            wrong_codes: self.wrong_codes,
            codes_refused: self.codes_refused,
        }
    }

    /// The addresses the room remembers.
    pub fn addresses(&self) -> usize {
        self.addresses.len()
    }

    /// The answer `token` gave to the open question, if any.
    pub fn answer_of(&self, token: Option<Token>) -> Option<Value> {
        token.and_then(|t| self.answers.get(&t).map(|(value, _)| *value))
    }

    /// What the room answered to the current question (`None` if none is asked).
    pub fn tally(&self) -> Option<Tally> {
        let asking = self.asking.as_ref()?;
        let mut tally = Tally {
            act: asking.act,
            per_option: vec![0; asking.options.len()],
            numbers: Vec::new(),
            organisations: Vec::new(),
            sketches: Vec::new(),
            count: self.answers.len() as u32,
            first: (asking.round == Round::Second).then(|| FirstRound::new(asking.options.len())),
        };
        for (value, _) in self.answers.values() {
            match *value {
                Value::Choice(i) => tally.per_option[i] += 1,
                Value::Number(x) => tally.numbers.push(x),
                Value::Organisation(entered) => tally.organisations.push(entered),
                Value::Sketch(sketch) => tally.sketches.push(sketch),
            }
        }
        if let Some(first) = &mut tally.first {
            for (token, value) in &self.first {
                let Value::Choice(i) = *value else { continue };
                first.per_option[i] += 1;
                first.count += 1;
                if let Some((Value::Choice(j), _)) = self.answers.get(token) {
                    first.moved[i][*j] += 1;
                }
            }
        }
        tally.numbers.sort_by(f64::total_cmp);
        tally.organisations.sort_by_key(|e| e.employees);
        Some(tally)
    }

    /// The state the API reports, in `lang`, for participant `token`.
    pub fn state(&self, lang: Lang, token: Option<Token>) -> State {
        State {
            act: self.act + 1,
            acts: self.acts,
            lang: lang.code(),
            question: self.asking.as_ref().map(|a| StateQuestion {
                id: a.act + 1,
                entry: a.entry,
                ask: a.ask.get(lang).to_owned(),
                options: a.options.iter().map(|c| c.get(lang).to_owned()).collect(),
                start: a.start.as_ref().map(|b| b.get(lang).to_owned()),
                min: NUMBER_RANGE.0,
                max: NUMBER_RANGE.1,
                open: !self.closed,
                yours: self.answer_of(token).and_then(|v| match v {
                    Value::Choice(i) => Some(i as f64),
                    Value::Number(x) => Some(x),
                    Value::Organisation(_) | Value::Sketch(_) => None,
                }),
                again: a.round != Round::Only,
                round: a.round.number(),
                first: token.and_then(|t| match self.first.get(&t) {
                    Some(Value::Choice(i)) => Some(*i),
                    _ => None,
                }),
                revealed: self.revealed.clone(),
                sketch: (!a.sketch.is_empty()).then(|| StateSketch {
                    sizes: a.sketch.clone(),
                    top: a.sketch_top,
                    start: a.start_share,
                    yours: self.answer_of(token).and_then(|v| match v {
                        Value::Sketch(s) => Some(s.points().to_vec()),
                        _ => None,
                    }),
                }),
                organisation: a.organisation.as_ref().map(|g| {
                    let entered = self.answer_of(token).and_then(|v| match v {
                        Value::Organisation(e) => Some(e),
                        _ => None,
                    });
                    StateOrganisation {
                        guess: g.guess,
                        yours: entered.map(|e| YourOrganisation {
                            employees: size_step(e.employees),
                            guess: e.guess,
                            model: self.closed.then(|| g.predicted_at(e.employees)).flatten(),
                        }),
                    }
                }),
            }),
            answers: self.answers.len(),
            take_home: false,
        }
    }

    /// Answers taken since the room opened.
    pub fn taken(&self) -> u64 {
        self.taken
    }
}

/// `GET /api/state`.
#[derive(Debug, Clone, Serialize)]
pub struct State {
    /// The act on stage, from 1.
    pub act: usize,
    /// Acts in the session.
    pub acts: usize,
    /// The language of the texts below.
    pub lang: &'static str,
    /// The current act's question, open or revealed; `null` if it has none.
    pub question: Option<StateQuestion>,
    /// How many have answered the question.
    pub answers: usize,
    /// The server has the page to take home (`/take-home`), which phones offer on the
    /// last part.
    #[serde(rename = "takeHome")]
    pub take_home: bool,
}

/// The question in [`State`].
#[derive(Debug, Clone, Serialize)]
pub struct StateQuestion {
    /// Changes with every question (the act, from 1).
    pub id: usize,
    /// Which entry of the part it is: a part restarted or returned to asks afresh.
    pub entry: u64,
    /// The question.
    pub ask: String,
    /// The options; empty for a number, answered in percent from `min` to `max`.
    pub options: Vec<String>,
    /// Where the measure asked about stood as the question opened, in words.
    pub start: Option<String>,
    /// The lowest number answer.
    pub min: f64,
    /// The highest number answer.
    pub max: f64,
    /// Whether answers are taken.
    pub open: bool,
    /// This participant's answer: the option's index, or the number. At a second
    /// round, their second answer.
    pub yours: Option<f64>,
    /// The question is asked twice: a first round, a talk, and a second round.
    pub again: bool,
    /// Which round: 1, or 2 once the second round of a question asked twice opened.
    pub round: u8,
    /// At the second round, the option this participant chose at the first, if any.
    pub first: Option<usize>,
    /// The model's answer, once revealed.
    pub revealed: Option<Revealed>,
    /// For a part that asks for the room's organisations: what it takes, and what
    /// this participant entered; `null` for a question.
    pub organisation: Option<StateOrganisation>,
    /// For a question answered with a sketch: its sizes, and this participant's
    /// sketch; `null` for any other. The count at each size is in `revealed`.
    pub sketch: Option<StateSketch>,
}

/// What a question answered with a sketch shows a phone.
#[derive(Debug, Clone, Serialize)]
pub struct StateSketch {
    /// The sizes, in employees, smallest first.
    pub sizes: Vec<u32>,
    /// The top of the share axis, in percent (a point may go higher only typed).
    pub top: f64,
    /// Where the measure stood as the question opened, in percent, as the screen
    /// shows it: the sketch's first point, given.
    pub start: Option<f64>,
    /// This participant's sketch, in percent at each size, if they drew one.
    pub yours: Option<Vec<f64>>,
}

/// What a part that asks for the room's organisations shows a phone.
#[derive(Debug, Clone, Serialize)]
pub struct StateOrganisation {
    /// Whether it takes a guess of the share (in percent, from `min` to `max`).
    pub guess: bool,
    /// What this participant entered, if they did.
    pub yours: Option<YourOrganisation>,
}

/// A participant's organisation, as the projection shows it.
#[derive(Debug, Clone, Serialize)]
pub struct YourOrganisation {
    /// Its size, at the step the projection shows it at.
    pub employees: u32,
    /// Their guess, in percent.
    pub guess: Option<f64>,
    /// The model's share of contacts with customers there (0 to 1), once the curve
    /// shows.
    pub model: Option<f64>,
}

#[cfg(test)]
mod tests {
    use std::net::Ipv4Addr;
    use std::time::Duration;

    use super::*;

    const CODE: &str = "K7P2QX";

    fn choices(n: usize) -> Asking {
        Asking {
            act: 2,
            ask: [
                (Lang::EN, "How much?".into()),
                (Lang::NL, "Hoeveel?".into()),
            ]
            .into_iter()
            .collect(),
            organisation: None,
            options: (0..n)
                .map(|i| Choice {
                    words: [
                        (Lang::EN, format!("option {i}")),
                        (Lang::NL, format!("optie {i}")),
                    ]
                    .into_iter()
                    .collect(),
                    from: i as f64 / n as f64,
                    to: (i + 1) as f64 / n as f64,
                })
                .collect(),
            start: None,
            round: Round::Only,
            entry: 0,
            sketch: Vec::new(),
            sketch_top: 100.0,
            start_share: None,
        }
    }

    /// A question of `n` options asked twice, at its first round.
    fn first_round(n: usize) -> Asking {
        Asking {
            round: Round::First,
            ..choices(n)
        }
    }

    fn room(asking: Option<Asking>) -> Room {
        let mut room = Room::new(CODE.into(), Lang::NL, 5);
        room.show(2, Lang::NL, asking, None, false);
        room
    }

    /// The `n`th device: an address of its own.
    fn device(n: u32) -> IpAddr {
        IpAddr::V4(Ipv4Addr::from(0x0a00_0000 + n))
    }

    /// Tokens 1, 2, 3, … for new participants.
    fn counter() -> impl FnMut() -> Option<Token> {
        let mut next = 0u128;
        move || {
            next += 1;
            Some(next)
        }
    }

    /// Quantiles fall between the two nearest by rank: the median of an even count is
    /// the mean of the middle two; the ends are the least and the most.
    #[test]
    fn quantiles_fall_between_the_nearest_ranks() {
        assert_eq!(quantile(&[], 0.5), 0.0);
        assert_eq!(quantile(&[7.0], 0.25), 7.0);
        assert_eq!(quantile(&[5.0, 10.0], 0.5), 7.5);
        let four = [5.0, 10.0, 15.0, 20.0];
        assert_eq!(quantile(&four, 0.5), 12.5);
        assert_eq!(quantile(&four, 0.25), 8.75);
        assert_eq!(quantile(&four, 0.75), 16.25);
        assert_eq!((quantile(&four, 0.0), quantile(&four, 1.0)), (5.0, 20.0));
        let mut tally = Tally::default();
        for last in [40.0, 5.0, 20.0, 10.0] {
            tally.sketches.push(Sketch::new(&[30.0, last]).unwrap());
        }
        let spread = tally.spread();
        assert_eq!(spread.len(), 2);
        assert_eq!(
            spread[1],
            Spread {
                low: 8.75,
                middle: 15.0,
                high: 25.0
            }
        );
    }

    /// A question answered with a sketch at four sizes.
    fn sketching() -> Asking {
        Asking {
            options: Vec::new(),
            sketch: vec![80, 200, 1000, 6000],
            ..choices(0)
        }
    }

    fn drawn(points: &[f64]) -> Sent {
        Sent {
            raw: None,
            guess: None,
            sketch: Sketch::new(points),
        }
    }

    /// A sketch is taken with a percentage at each of its sizes and nothing else, and
    /// a second one replaces the first; a sketch of another length, a point outside 0
    /// to 100, a number beside it or instead of it, or a sketch sent to any other
    /// question is refused and changes nothing. The phone reads its own back.
    #[test]
    fn a_sketch_is_taken_only_whole_and_only_where_one_is_asked() {
        let now = Instant::now();
        let mut r = room(Some(sketching()));
        let mut tokens = counter();
        let t = r
            .answer(
                device(1),
                None,
                CODE,
                drawn(&[30.0, 20.0, 10.0, 5.0]),
                &mut tokens,
                now,
            )
            .unwrap();
        r.answer(
            device(1),
            Some(t),
            CODE,
            drawn(&[30.0, 25.0, 20.0, 15.0]),
            &mut tokens,
            now,
        )
        .unwrap();
        for bad in [
            drawn(&[30.0, 20.0, 10.0]),
            drawn(&[30.0, 20.0, 10.0, 5.0, 1.0]),
            drawn(&[30.0, 20.0, 10.0, 100.5]),
            drawn(&[30.0, f64::NAN, 10.0, 5.0]),
            Sent {
                raw: Some(5.0),
                ..drawn(&[30.0, 20.0, 10.0, 5.0])
            },
            Sent {
                guess: Some(5.0),
                ..drawn(&[30.0, 20.0, 10.0, 5.0])
            },
            Sent::from(5.0),
        ] {
            assert_eq!(
                r.answer(device(2), None, CODE, bad, &mut tokens, now),
                Err(Refusal::Invalid),
                "{bad:?}"
            );
        }
        let tally = r.tally().unwrap();
        assert_eq!(tally.count, 1);
        assert_eq!(tally.sketches[0].points(), [30.0, 25.0, 20.0, 15.0]);
        let state = r.state(Lang::EN, Some(t)).question.unwrap();
        let sketch = state.sketch.unwrap();
        assert_eq!(sketch.sizes, [80, 200, 1000, 6000]);
        assert_eq!(sketch.yours.unwrap(), [30.0, 25.0, 20.0, 15.0]);
        assert_eq!(state.yours, None);
        // Elsewhere a sketch fits nothing.
        for asking in [
            choices(3),
            Asking {
                options: Vec::new(),
                ..choices(0)
            },
        ] {
            let mut r = room(Some(asking));
            assert_eq!(
                r.answer(
                    device(3),
                    None,
                    CODE,
                    drawn(&[1.0, 2.0, 3.0, 4.0]),
                    &mut tokens,
                    now
                ),
                Err(Refusal::Invalid)
            );
            assert_eq!(r.tally().unwrap().count, 0);
        }
        assert_eq!(
            Sketch::new(&[1.0; 7]),
            None,
            "more points than any sketch has"
        );
    }

    #[test]
    fn the_start_of_a_question_stays_while_the_world_grows_and_goes_with_it() {
        let start = [
            (Lang::EN, "Now, at 80 employees: 24.7%".to_owned()),
            (Lang::NL, "Nu, bij 80 medewerkers: 24,7%".to_owned()),
        ]
        .into_iter()
        .collect();
        let mut room = room(Some(choices(4).starting(start, 24.7)));
        let shown = |room: &Room, lang| room.state(lang, None).question.unwrap().start;
        assert_eq!(
            shown(&room, Lang::NL).as_deref(),
            Some("Nu, bij 80 medewerkers: 24,7%")
        );
        assert_eq!(
            shown(&room, Lang::EN).as_deref(),
            Some("Now, at 80 employees: 24.7%")
        );
        // Growing to the answer, the player no longer says where it started: kept.
        room.show(2, Lang::NL, Some(choices(4)), None, true);
        assert_eq!(
            shown(&room, Lang::NL).as_deref(),
            Some("Nu, bij 80 medewerkers: 24,7%")
        );
        // The next question starts afresh.
        let mut next = choices(3);
        next.act = 3;
        room.show(3, Lang::NL, Some(next), None, false);
        assert_eq!(shown(&room, Lang::NL), None);
    }

    #[test]
    fn answers_are_counted_once_per_participant_and_a_second_replaces_the_first() {
        let mut room = room(Some(choices(3)));
        let now = Instant::now();
        let mut new = counter();
        let a = room
            .answer(device(1), None, "k7p2qx", 0.0, &mut new, now)
            .unwrap();
        let b = room
            .answer(device(2), None, CODE, 2.0, &mut new, now)
            .unwrap();
        assert_ne!(a, b);
        assert_eq!(
            room.answer(device(1), Some(a), CODE, 1.0, &mut new, now),
            Ok(a)
        );
        let tally = room.tally().unwrap();
        assert_eq!(tally.per_option, vec![0, 1, 1]);
        assert_eq!(tally.count, 2);
        assert_eq!(room.answer_of(Some(a)), Some(Value::Choice(1)));
        assert_eq!(room.activity().participants, 2);
    }

    #[test]
    fn bad_answers_are_refused_with_their_reason() {
        let now = Instant::now();
        let new = || Some(1);
        let mut r = room(Some(choices(3)));
        let d = device(1);
        assert_eq!(
            r.answer(d, None, "WRONG1", 0.0, new, now),
            Err(Refusal::WrongCode)
        );
        assert_eq!(
            r.answer(d, None, CODE, 3.0, new, now),
            Err(Refusal::Invalid)
        );
        assert_eq!(
            r.answer(d, None, CODE, 10.0, new, now),
            Err(Refusal::Invalid)
        );
        let mut r = room(Some(choices(0)));
        for bad in [-0.1, 100.5, f64::NAN, f64::INFINITY] {
            assert_eq!(
                r.answer(d, None, CODE, bad, new, now),
                Err(Refusal::Invalid),
                "{bad}"
            );
        }
        assert!(r.answer(d, None, CODE, 12.5, new, now).is_ok());
        assert_eq!(r.tally().unwrap().numbers, vec![12.5]);
        let mut r = room(None);
        assert_eq!(
            r.answer(d, None, CODE, 0.0, new, now),
            Err(Refusal::NoQuestion)
        );
    }

    /// A question asked twice: the first round closes without the answer and the room
    /// takes nothing while it talks; the second round starts empty, each phone sees
    /// its own first answer, the tally pairs each phone's two answers by its token
    /// and counts the moves; the log gets each round's answers, the second's with the
    /// same phone's first answer beside it and nothing that says whose.
    #[test]
    fn a_question_asked_twice_pairs_each_phones_answers_and_counts_the_moves() {
        let first = first_round(4);
        let mut r = room(Some(first.clone()));
        r.keep_closed();
        let now = Instant::now();
        let mut new = counter();
        // Round 1: A, B, B, D.
        let phones: Vec<Token> = [0.0, 1.0, 1.0, 3.0]
            .iter()
            .enumerate()
            .map(|(k, &x)| {
                r.answer(device(k as u32), None, CODE, x, &mut new, now)
                    .unwrap()
            })
            .collect();
        assert_eq!(
            r.state(Lang::EN, Some(phones[0])).question.unwrap().round,
            1
        );
        // The room talks it over: closed, nothing revealed, the first round logged.
        r.show(2, Lang::NL, Some(first.clone()), None, true);
        assert!(!r.open());
        let round1 = r.take_closed();
        assert_eq!(round1.len(), 1);
        assert_eq!(round1[0].asking.round, Round::First);
        assert_eq!(round1[0].answers.len(), 4);
        assert!(round1[0].answers.iter().all(|g| g.first.is_none()));
        assert_eq!(
            r.answer(device(0), Some(phones[0]), CODE, 2.0, &mut new, now),
            Err(Refusal::NoQuestion)
        );
        let talking = r.state(Lang::EN, Some(phones[1])).question.unwrap();
        assert!(talking.again && !talking.open && talking.revealed.is_none());
        assert_eq!((talking.round, talking.yours), (1, Some(1.0)));
        // Round 2 opens empty; each phone sees what it chose first.
        r.show(2, Lang::NL, Some(first.clone().again()), None, false);
        assert!(r.open());
        let tally = r.tally().unwrap();
        assert_eq!((tally.count, tally.per_option.clone()), (0, vec![0; 4]));
        let state = r.state(Lang::EN, Some(phones[3])).question.unwrap();
        assert_eq!((state.round, state.first, state.yours), (2, Some(3), None));
        // A → C, B stays B, the other B says nothing, D → B, and a newcomer picks C.
        let later = now + std::time::Duration::from_secs(5);
        for (k, x) in [(0, 2.0), (1, 1.0), (3, 1.0)] {
            r.answer(
                device(k),
                Some(phones[k as usize]),
                CODE,
                x,
                &mut new,
                later,
            )
            .unwrap();
        }
        let newcomer = r
            .answer(device(9), None, CODE, 2.0, &mut new, later)
            .unwrap();
        let tally = r.tally().unwrap();
        assert_eq!(tally.per_option, vec![0, 2, 2, 0]);
        assert_eq!(tally.count, 4);
        let rounds = tally.first.unwrap();
        assert_eq!(
            (rounds.per_option.clone(), rounds.count),
            (vec![1, 2, 0, 1], 4)
        );
        assert_eq!(rounds.paired(), 3);
        assert_eq!(rounds.moved[0][2], 1);
        assert_eq!(rounds.moved[1][1], 1);
        assert_eq!(rounds.moved[3][1], 1);
        // Two changed: one to C, one to B.
        assert_eq!(rounds.changed(Some(1)), (2, 1));
        assert_eq!(rounds.changed(Some(2)), (2, 1));
        assert_eq!(rounds.changed(None), (2, 0));
        assert_eq!(rounds.moves(), [(0, 2, 1), (3, 1, 1)]);
        let state = r.state(Lang::EN, Some(newcomer)).question.unwrap();
        assert_eq!((state.first, state.yours), (None, Some(2.0)));
        // The reveal closes round 2: logged with each first answer, whose not said.
        r.show(
            2,
            Lang::NL,
            Some(first.clone().again()),
            Some(Revealed {
                share: 0.3,
                option: Some(1),
                sketch: Vec::new(),
            }),
            false,
        );
        let round2 = r.take_closed();
        assert_eq!(round2.len(), 1);
        assert_eq!(round2[0].asking.round, Round::Second);
        let mut pairs: Vec<(Value, Option<Value>)> = round2[0]
            .answers
            .iter()
            .map(|g| (g.value, g.first))
            .collect();
        pairs.sort_by_key(|(v, f)| format!("{v:?}{f:?}"));
        assert_eq!(
            pairs,
            [
                (Value::Choice(1), Some(Value::Choice(1))),
                (Value::Choice(1), Some(Value::Choice(3))),
                (Value::Choice(2), None),
                (Value::Choice(2), Some(Value::Choice(0))),
            ]
        );
        // The revealed state keeps both rounds for each phone.
        let shown = r.state(Lang::EN, Some(phones[3])).question.unwrap();
        assert_eq!(
            (shown.first, shown.yours, shown.round),
            (Some(3), Some(1.0), 2)
        );
        // Restarting the part goes back to its first round: both rounds start afresh.
        r.show(2, Lang::NL, Some(first), None, false);
        let tally = r.tally().unwrap();
        assert_eq!((tally.count, tally.first), (0, None));
        assert_eq!(
            r.state(Lang::EN, Some(phones[3])).question.unwrap().first,
            None
        );
    }

    /// A part restarted (a new entry of it) asks afresh, whether its question was open
    /// or revealed: the answers the last entry had are logged once, as it closes, and
    /// the tally starts empty.
    #[test]
    fn a_part_entered_again_asks_afresh_and_logs_each_answer_once() {
        let mut r = room(Some(choices(3)));
        r.keep_closed();
        let now = Instant::now();
        let mut new = counter();
        let t = r.answer(device(1), None, CODE, 0.0, &mut new, now).unwrap();
        r.answer(device(2), None, CODE, 1.0, &mut new, now).unwrap();
        // R while the question is open: a new entry.
        r.show(2, Lang::NL, Some(choices(3).entered(1)), None, false);
        let closed = r.take_closed();
        assert_eq!((closed.len(), closed[0].answers.len()), (1, 2));
        assert_eq!(closed[0].asking.entry, 0);
        assert!(r.open());
        assert_eq!(r.tally().unwrap().count, 0);
        assert_eq!(r.answer_of(Some(t)), None);
        r.answer(device(1), Some(t), CODE, 2.0, &mut new, now)
            .unwrap();
        let revealed = Revealed {
            share: 0.5,
            option: Some(1),
            sketch: Vec::new(),
        };
        r.show(
            2,
            Lang::NL,
            Some(choices(3).entered(1)),
            Some(revealed),
            false,
        );
        let closed = r.take_closed();
        assert_eq!(closed.len(), 1);
        assert_eq!(closed[0].asking.entry, 1);
        let values: Vec<Value> = closed[0].answers.iter().map(|g| g.value).collect();
        assert_eq!(values, [Value::Choice(2)]);
        // R after the reveal: nothing more to log, and the question open afresh.
        r.show(2, Lang::NL, Some(choices(3).entered(2)), None, false);
        assert!(r.take_closed().is_empty());
        assert_eq!(r.tally().unwrap().count, 0);
    }

    /// The session ending while the room talks logs nothing more (the first round was
    /// logged as it closed); ending in the second round logs it, each answer with the
    /// same phone's first.
    #[test]
    fn a_session_ending_mid_question_logs_each_round_once() {
        let first = first_round(3);
        let mut r = room(Some(first.clone()));
        r.keep_closed();
        let now = Instant::now();
        let mut new = counter();
        let t = r.answer(device(1), None, CODE, 0.0, &mut new, now).unwrap();
        r.show(2, Lang::NL, Some(first.clone()), None, true);
        assert_eq!(r.take_closed().len(), 1);
        let mut talking = room(Some(first_round(3)));
        talking.keep_closed();
        talking
            .answer(device(1), None, CODE, 0.0, &mut new, now)
            .unwrap();
        talking.show(2, Lang::NL, Some(first.clone()), None, true);
        talking.take_closed();
        talking.close();
        assert!(talking.take_closed().is_empty());
        r.show(2, Lang::NL, Some(first.again()), None, false);
        r.answer(device(1), Some(t), CODE, 1.0, &mut new, now)
            .unwrap();
        r.close();
        let closed = r.take_closed();
        assert_eq!(closed.len(), 1);
        assert_eq!(closed[0].asking.round, Round::Second);
        assert_eq!(closed[0].answers[0].first, Some(Value::Choice(0)));
        assert_eq!(closed[0].answers[0].value, Value::Choice(1));
        assert!(!r.open());
    }

    /// Two keys within one frame (the first round straight to the second) still log
    /// the first round as it closes, and pair it.
    #[test]
    fn a_first_round_skipped_past_in_one_frame_is_still_logged_and_paired() {
        let first = first_round(3);
        let mut r = room(Some(first.clone()));
        r.keep_closed();
        let now = Instant::now();
        let mut new = counter();
        let t = r.answer(device(1), None, CODE, 0.0, &mut new, now).unwrap();
        r.show(2, Lang::NL, Some(first.again()), None, false);
        let closed = r.take_closed();
        assert_eq!(closed.len(), 1);
        assert_eq!(closed[0].asking.round, Round::First);
        r.answer(device(1), Some(t), CODE, 2.0, &mut new, now)
            .unwrap();
        assert_eq!(r.tally().unwrap().first.unwrap().moved[0][2], 1);
    }

    /// Finding 1 (one device filled the room): requests that are refused, or that come
    /// when no question is open, make no participant; a room that took some refused
    /// requests still has every place.
    #[test]
    fn refused_and_early_requests_make_no_participant() {
        let now = Instant::now();
        let mut new = counter();
        let mut r = room(None);
        for k in 0..600 {
            let _ = r.answer(device(k % 7), None, CODE, 1.0, &mut new, now);
        }
        let mut r2 = room(Some(choices(3)));
        for k in 0..600 {
            let _ = r2.answer(device(k % 7), None, CODE, 9.0, &mut new, now);
            let _ = r2.answer(device(k % 7), None, "NOPE22", 1.0, &mut new, now);
        }
        for r in [&r, &r2] {
            assert_eq!(r.activity().participants, 0);
            assert_eq!(r.tally().map_or(0, |t| t.count), 0);
        }
        // The room is as big as ever: every place can still be taken.
        for k in 0..MAX_PARTICIPANTS as u32 {
            r2.answer(device(1000 + k), None, CODE, 0.0, &mut new, now)
                .unwrap();
        }
        assert_eq!(r2.activity().participants, MAX_PARTICIPANTS);
    }

    /// Finding 1: one address brings a few new participants (a phone whose cookie was
    /// lost joins again), then no more until time passes; the refusals are counted for
    /// the trainer, and a phone on another address still joins.
    #[test]
    fn one_address_brings_a_few_participants_a_minute_and_no_more() {
        let now = Instant::now();
        let limits = Limits::default();
        let mut new = counter();
        let mut r = room(Some(choices(2)));
        let taken = (0..500)
            .filter(|_| r.answer(device(1), None, CODE, 0.0, &mut new, now).is_ok())
            .count();
        assert_eq!(taken, limits.join_burst as usize);
        assert_eq!(
            r.answer(device(1), None, CODE, 0.0, &mut new, now),
            Err(Refusal::TooManyJoins)
        );
        assert_eq!(r.activity().joins_refused, 500 - taken as u64 + 1);
        assert!(r.answer(device(2), None, CODE, 1.0, &mut new, now).is_ok());
        // Twenty-one seconds later the address may bring one more.
        let later = now + Duration::from_secs(21);
        assert!(
            r.answer(device(1), None, CODE, 0.0, &mut new, later)
                .is_ok()
        );
        // Behind a venue's NAT the flag lets one address bring the whole room.
        let mut r = Room::with_limits(CODE.into(), Lang::EN, 5, Limits::shared_address());
        r.show(2, Lang::EN, Some(choices(2)), None, false);
        for _ in 0..300 {
            r.answer(device(1), None, CODE, 0.0, &mut new, now).unwrap();
        }
        assert_eq!(r.activity().participants, 300);
    }

    /// Finding 4: wrong codes from one address are limited far below its requests, and
    /// counted for the trainer.
    #[test]
    fn guessing_the_code_is_limited_per_address() {
        let now = Instant::now();
        let limits = Limits::default();
        let mut r = room(Some(choices(2)));
        let guesses: Vec<Refusal> = (0..1000)
            .map(|k| {
                r.answer(device(1), None, &format!("{k:06}"), 0.0, || Some(1), now)
                    .unwrap_err()
            })
            .collect();
        let wrong = guesses.iter().filter(|g| **g == Refusal::WrongCode).count();
        assert_eq!(wrong, limits.code_burst as usize);
        assert!(guesses[wrong..].iter().all(|g| *g == Refusal::TooManyCodes));
        let activity = r.activity();
        assert_eq!((activity.wrong_codes, activity.codes_refused), (1000, 995));
        // Ten seconds on, one more guess; another address types its code and answers.
        let later = now + Duration::from_secs(10);
        assert_eq!(
            r.answer(device(1), None, "AAAAAA", 0.0, || Some(1), later),
            Err(Refusal::WrongCode)
        );
        assert!(
            r.answer(device(2), None, CODE, 0.0, || Some(2), now)
                .is_ok()
        );
    }

    #[test]
    fn no_randomness_no_new_participant() {
        let now = Instant::now();
        let mut r = room(Some(choices(2)));
        assert_eq!(
            r.answer(device(1), None, CODE, 0.0, || None, now),
            Err(Refusal::Unavailable)
        );
        assert_eq!(r.activity().participants, 0);
    }

    #[test]
    fn the_reveal_closes_the_question_and_a_new_question_starts_empty() {
        let now = Instant::now();
        let d = device(1);
        let mut r = room(Some(choices(2)));
        let t = r.answer(d, None, CODE, 1.0, || Some(9), now).unwrap();
        let revealed = Revealed {
            share: 0.7,
            option: Some(1),
            sketch: Vec::new(),
        };
        r.show(2, Lang::NL, Some(choices(2)), Some(revealed.clone()), false);
        assert!(!r.open());
        assert_eq!(
            r.answer(d, Some(t), CODE, 0.0, || Some(9), now),
            Err(Refusal::NoQuestion)
        );
        assert_eq!(
            r.tally().unwrap().per_option,
            vec![0, 1],
            "the reveal keeps the answers"
        );
        let state = r.state(Lang::EN, Some(t));
        let q = state.question.unwrap();
        assert_eq!(
            (q.open, q.yours, q.revealed),
            (false, Some(1.0), Some(revealed))
        );
        assert_eq!(q.ask, "How much?");

        let mut next = choices(2);
        next.act = 4;
        r.show(4, Lang::NL, Some(next), None, false);
        assert!(r.open());
        assert_eq!(r.tally().unwrap().count, 0);
    }

    #[test]
    fn a_closing_question_leaves_its_last_answers_for_the_log() {
        let now = Instant::now();
        let mut r = room(Some(choices(3)));
        assert!(r.take_closed().is_empty());
        r.keep_closed();
        let a = r
            .answer(device(1), None, CODE, 0.0, || Some(1), now)
            .unwrap();
        r.answer(device(2), None, CODE, 2.0, || Some(2), now)
            .unwrap();
        r.answer(device(1), Some(a), CODE, 1.0, || Some(3), now)
            .unwrap();
        assert!(r.take_closed().is_empty(), "still open");
        r.show(2, Lang::NL, Some(choices(3)), None, true);
        let closed = r.take_closed();
        assert_eq!(closed.len(), 1);
        let mut values: Vec<Value> = closed[0].answers.iter().map(|g| g.value).collect();
        values.sort_by_key(|v| match v {
            Value::Choice(i) => *i,
            Value::Number(_) | Value::Organisation(_) | Value::Sketch(_) => 9,
        });
        assert_eq!(values, vec![Value::Choice(1), Value::Choice(2)]);
        assert_eq!(closed[0].asking.act, 2);
        // Revealing it closes nothing more; a question left while open closes too.
        r.show(
            2,
            Lang::NL,
            Some(choices(3)),
            Some(Revealed {
                share: 0.5,
                option: Some(1),
                sketch: Vec::new(),
            }),
            false,
        );
        assert!(r.take_closed().is_empty());
        let mut next = choices(2);
        next.act = 4;
        r.show(4, Lang::NL, Some(next.clone()), None, false);
        r.answer(device(3), None, CODE, 1.0, || Some(4), now)
            .unwrap();
        r.show(5, Lang::NL, None, None, false);
        assert_eq!(r.take_closed()[0].answers.len(), 1);
        // Finding 3: a question still open when the session ends is closed with it.
        r.show(4, Lang::NL, Some(next), None, false);
        r.answer(device(4), None, CODE, 0.0, || Some(5), now)
            .unwrap();
        r.close();
        assert!(!r.open());
        assert_eq!(r.take_closed()[0].answers.len(), 1);
        r.close();
        assert!(r.take_closed().is_empty(), "closed once");
    }

    #[test]
    fn a_participant_who_floods_is_slowed_down_and_the_room_has_a_ceiling() {
        let now = Instant::now();
        let mut r = room(Some(choices(2)));
        let d = device(0);
        let t = r.answer(d, None, CODE, 0.0, || Some(1), now).unwrap();
        let mut refused = 0;
        for _ in 0..50 {
            if r.answer(d, Some(t), CODE, 1.0, || Some(1), now) == Err(Refusal::TooMany) {
                refused += 1;
            }
        }
        assert_eq!(refused, 50 - (Limits::default().answer_burst as usize - 1));
        // Two seconds later, one more is let through.
        let later = now + Duration::from_secs(2);
        assert_eq!(r.answer(d, Some(t), CODE, 1.0, || Some(1), later), Ok(t));

        for n in 2..=MAX_PARTICIPANTS as u32 {
            r.answer(device(n), None, CODE, 0.0, || Some(u128::from(n)), now)
                .unwrap();
        }
        assert_eq!(
            r.answer(device(0), None, CODE, 0.0, || Some(0), now),
            Err(Refusal::Full)
        );
        assert_eq!(r.tally().unwrap().count as usize, MAX_PARTICIPANTS);
    }

    #[test]
    fn an_address_that_floods_is_refused() {
        let now = Instant::now();
        let mut r = room(None);
        let addr = device(7);
        let admitted = (0..1000).filter(|_| r.admit(addr, now).is_ok()).count();
        assert_eq!(admitted, Limits::default().address_burst as usize);
        assert!(r.admit(device(8), now).is_ok());
    }

    /// Finding 5: 4,100 addresses, each touched again and again, never lock out a new
    /// one (before, the 4,097th and every later new address got 429); the table stays
    /// within its bound.
    #[test]
    fn a_flood_of_addresses_never_locks_out_a_new_one() {
        let start = Instant::now();
        let mut r = room(None);
        for round in 0..3u64 {
            for k in 0..4100 {
                let now = start + Duration::from_millis(round * 4100 + u64::from(k));
                assert_eq!(r.admit(device(k), now), Ok(()), "{k}");
                assert!(r.addresses() <= MAX_ADDRESSES);
            }
            let now = start + Duration::from_millis(round * 4100 + 4100);
            assert_eq!(r.admit(IpAddr::from([127, 0, 0, 1]), now), Ok(()));
        }
    }
}
