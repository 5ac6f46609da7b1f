//! One part of a session as its file writes it: its caption, its world, its camera,
//! what it shows, its question and its notes, with the limits they are held to and the
//! time a recording gives it. The kinds of part (`super::kinds`) read it; the session
//! (`super`) checks it.

use bolwerk_model::Params;
use serde::{Deserialize, Serialize};

use crate::i18n::Localized;
use crate::intent::{Caption, Measure, Notes, Organisations, Question};
use crate::whatif::CompareKind;

/// Where the camera goes: yaw and pitch in radians, distance over the customer
/// shell's outer radius.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CameraMove {
    /// Turn around the vertical axis.
    pub yaw: f32,
    /// Tilt up or down.
    pub pitch: f32,
    /// How far the camera stands, measured against `scene::camera::FRAMING` (2.6), the
    /// distance at which the whole organisation just fits its view: 5.2 stands twice
    /// as far; at 2.6 and below it fits, since the camera never comes closer (≥ 1).
    pub zoom: f32,
}

/// What an act shows or hides; unnamed parts stay as they were.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Show {
    /// Contact lines.
    pub lines: Option<bool>,
    /// Customers.
    pub customers: Option<bool>,
    /// The organisation's surface.
    pub boundary: Option<bool>,
    /// The cut-away.
    pub cutaway: Option<bool>,
    /// The plot.
    pub plot: Option<bool>,
    /// Log–log axes.
    pub log_plot: Option<bool>,
    /// Colleagues' lines as internal customer–supplier links, with their counter.
    pub internal_customers: Option<bool>,
    /// The camera turning.
    pub rotate: Option<bool>,
    /// The panel with its figures and plot.
    pub panel: Option<bool>,
    /// Beside the headline, the share of employees in customer contact: for a part
    /// about employees rather than contacts (a question about it shows it anyway).
    pub in_customer_contact: Option<bool>,
}

/// Seconds an act lasts in a recording when it names neither a duration nor a target.
pub const DEFAULT_ACT_SECS: f64 = 8.0;

/// Characters a viewer reads in a second, at an easy pace for subtitles: a recorded
/// part shows its caption (and a question, its question and answers) at least as
/// long as they take to read at this speed, in its longest language, since a
/// recording carries every language as subtitles.
pub const READING_CHARS_PER_SEC: f64 = 15.0;

/// The longest a caption (title and text) should take to read at
/// [`READING_CHARS_PER_SEC`], in its longest language: 300 characters. A longer one is
/// more than a room reads on a projector while the trainer talks, and holds a
/// recording still while it is read; `bolwerk check` warns of it.
pub const LONGEST_CAPTION_SECS: f64 = 20.0;

/// Seconds the text takes to read at [`READING_CHARS_PER_SEC`], in its longest
/// language: `chars` counts one language's characters.
pub fn reading_secs<T>(text: &Localized<T>, chars: impl Fn(&T) -> usize) -> f64 {
    let longest = text.iter().map(|(_, t)| chars(t)).max().unwrap_or(0);
    longest as f64 / READING_CHARS_PER_SEC
}

/// One act.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Act {
    /// The caption (required; `Option` only so that a missing one is reported with
    /// its act and line).
    pub caption: Option<Caption>,
    /// New parameters: the act starts a fresh world with them (fields left out take
    /// their defaults). Without, the act goes on with the world as it is.
    pub params: Option<Params>,
    /// The seed of the fresh world (the scenario's seed if left out).
    pub seed: Option<u64>,
    /// Grow until the number of employees reaches this, then hold.
    pub until_employees: Option<u32>,
    /// How long the act runs, in seconds (then the world holds).
    pub duration: Option<f64>,
    /// In a recording, seconds to hold after the growth target is reached.
    pub hold: f64,
    /// Simulation speed, as a multiple of real time.
    pub speed: Option<f64>,
    /// Where the camera goes.
    pub camera: Option<CameraMove>,
    /// What is shown.
    pub show: Show,
    /// The what-if comparison: two to four shapes, or an empty list to end it.
    pub compare: Option<Vec<CompareKind>>,
    /// A question to the room: it shows while the world holds, and the next step
    /// reveals the answer as the world grows to `until_employees`. Recording, the
    /// question shows for the act's `duration`, or as long as it and its answers take
    /// to read ([`READING_CHARS_PER_SEC`]) if that is longer.
    pub question: Option<Question>,
    /// The room's own organisations: each participant enters the size of theirs (and,
    /// if asked, a guess of its share of contacts with customers) while the world
    /// holds; the next step puts them on the model's curve. Recording, the ask shows
    /// as long as a question would.
    pub organisations: Option<Organisations>,
    /// The trainer's notes: never on the projected screen.
    pub notes: Option<Notes>,
    /// What the picture shows that its counts do not say (a cut-away, the lines as
    /// links, shapes side by side), in each language: added, for viewers who cannot
    /// see the picture, to what bolwerk writes of its counts in a recording's text
    /// version and its described-video track.
    pub describe: Option<Localized<String>>,
}

/// The longest a question or an answer to choose may be, in characters.
pub const MAX_QUESTION_CHARS: usize = 240;
/// The longest one sentence of a caption may be, in bytes.
pub const MAX_CAPTION_SENTENCE: usize = 240;
/// The most answers a question may offer.
pub const MAX_OPTIONS: usize = 5;
/// Minutes a question asked twice adds to its part: two or three for the room to talk
/// it over, and the second round.
pub const TALK_MINUTES: f64 = 3.0;

impl Act {
    /// The trainer's minutes for the part, by its notes: with a question asked twice,
    /// [`TALK_MINUTES`] more, for the room to talk it over and answer again.
    pub fn minutes(&self) -> Option<f64> {
        let talk = if self.question.as_ref().is_some_and(|q| q.again) {
            TALK_MINUTES
        } else {
            0.0
        };
        self.notes.as_ref().map(|n| n.minutes + talk)
    }

    /// Whether `other` plays the same world as this part: all but its texts (its
    /// caption, its notes, the words of its question or its ask) is the same. A
    /// rehearsal's reload keeps the world of a part whose texts alone changed.
    pub fn same_world(&self, other: &Act) -> bool {
        // Every field named, so that a new one is a choice here.
        let Act {
            caption: _,
            notes: _,
            describe: _,
            params,
            seed,
            until_employees,
            duration,
            hold,
            speed,
            camera,
            show,
            compare,
            question,
            organisations,
        } = self;
        let asked = |q: &Question| {
            let Question {
                ask: _,
                answer,
                options,
                again,
                sketch,
                tolerance,
            } = q;
            let ranges: Vec<_> = options.iter().map(|c| (c.from, c.to)).collect();
            (*answer, ranges, *again, sketch.clone(), *tolerance)
        };
        let gathered = |o: &Organisations| {
            let Organisations {
                ask: _,
                guess,
                examples,
            } = o;
            (*guess, examples.clone())
        };
        *params == other.params
            && *seed == other.seed
            && *until_employees == other.until_employees
            && *duration == other.duration
            && *hold == other.hold
            && *speed == other.speed
            && *camera == other.camera
            && *show == other.show
            && *compare == other.compare
            && question.as_ref().map(asked) == other.question.as_ref().map(asked)
            && organisations.as_ref().map(gathered) == other.organisations.as_ref().map(gathered)
    }

    /// Whether the panel shows the share of employees in customer contact: the act
    /// says so, or its question asks about it.
    pub fn shows_people(&self) -> bool {
        self.show.in_customer_contact.unwrap_or(false)
            || self
                .question
                .as_ref()
                .is_some_and(|q| q.answer == Measure::InCustomerContact)
    }

    /// Seconds a recording shows what the part asks before it moves on: its duration,
    /// or the ask's `reading` time if that is longer.
    pub fn shows_for(&self, reading: f64) -> f64 {
        self.duration.unwrap_or(DEFAULT_ACT_SECS).max(reading)
    }

    /// Seconds the caption (title and text) takes to read, in its longest language.
    pub fn caption_reading_secs(&self) -> f64 {
        let Some(caption) = &self.caption else {
            return 0.0;
        };
        reading_secs(caption, |c| {
            c.title.chars().count() + c.text.iter().map(|t| t.chars().count()).sum::<usize>()
        })
    }
}

impl Default for Act {
    fn default() -> Self {
        Self {
            caption: None,
            params: None,
            seed: None,
            until_employees: None,
            duration: None,
            hold: 3.0,
            speed: None,
            camera: None,
            show: Show::default(),
            compare: None,
            question: None,
            organisations: None,
            notes: None,
            describe: None,
        }
    }
}
