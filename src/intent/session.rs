//! The screenshot's, the recorder's and the scenario player's intents, and what they
//! show: the keys and the panel send the one and read the other, without knowing the
//! plugins that act on them.

use std::path::PathBuf;
use std::time::Instant;

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::organisations::Organisations;
use super::question::{Asked, Question};
use crate::i18n::localized::{once, read_with_texts, required};
use crate::i18n::{Lang, Localized};
use crate::output::stamp;

/// Ask for a screenshot of the window, UI included.
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub struct ScreenshotRequest {
    /// Where to save the PNG.
    pub path: PathBuf,
    /// Quit once it is saved.
    pub then_exit: bool,
}

impl ScreenshotRequest {
    /// A request for `bolwerk-YYYYMMDD-HHMMSS.png` (local time) in the working folder.
    pub fn timestamped() -> Self {
        Self {
            path: PathBuf::from(format!("bolwerk-{}.png", stamp())),
            then_exit: false,
        }
    }
}

/// Start or stop the live recording (the demo's V).
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordCommand {
    /// Start if stopped, stop if recording.
    Toggle,
}

/// The live recording, for the panel: whether it runs, and what happened last. The
/// live recorder keeps it.
#[derive(Resource, Debug, Default, Clone)]
pub struct Recording {
    /// When the recording that runs now started.
    pub started: Option<Instant>,
    /// The last video saved.
    pub saved: Option<PathBuf>,
    /// Why the last recording failed.
    pub failed: Option<String>,
}

impl Recording {
    /// Seconds since the recording started, while it runs.
    pub fn elapsed_secs(&self) -> Option<f64> {
        self.started.map(|t| t.elapsed().as_secs_f64())
    }
}

/// Move through a scenario's acts.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScenarioCommand {
    /// The next act (nothing after the last).
    Next,
    /// The act before (nothing before the first).
    Previous,
    /// This act again, from its start.
    Restart,
    /// Act `n` (from 0).
    Go(usize),
}

/// One language's caption: a title and one to three short sentences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaptionText {
    /// The act's title.
    pub title: String,
    /// One to three short sentences.
    pub text: Vec<String>,
}

/// An act's caption, in each language.
pub type Caption = Localized<CaptionText>;

/// The trainer's notes for an act: what to say, what to ask, and about how long. In a
/// session file the paragraphs are fields by language beside the minutes:
/// `(minutes: 3, en: ["…"], nl: ["…"])`.
#[derive(Debug, Clone, PartialEq)]
pub struct Notes {
    /// About how long the act takes in the room, in minutes.
    pub minutes: f64,
    /// The paragraphs, in each language.
    pub text: Localized<Vec<String>>,
}

/// As a session file writes it: `(minutes: 3, en: ["…"], nl: ["…"])`.
impl Serialize for Notes {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut fields = serializer.serialize_struct("Notes", self.text.codes().count() + 1)?;
        fields.serialize_field("minutes", &self.minutes)?;
        self.text.serialize_fields(&mut fields)?;
        fields.end()
    }
}

impl<'de> Deserialize<'de> for Notes {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Fields;

        impl<'de> serde::de::Visitor<'de> for Fields {
            type Value = Notes;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("notes: `minutes` and paragraphs per language")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Notes, A::Error> {
                let mut minutes = None;
                let text = read_with_texts(map, "`minutes` or ", |key, map| match key {
                    "minutes" => once(map, &mut minutes, key),
                    _ => Ok(false),
                })?;
                Ok(Notes {
                    minutes: required(minutes, "minutes")?,
                    text,
                })
            }
        }

        deserializer.deserialize_struct("Notes", &[], Fields)
    }
}

impl Stage {
    /// The part's question, and where it stands, if it asks one.
    pub fn question(&self) -> Option<(&Question, Asked)> {
        self.posed.as_ref().and_then(Posed::question)
    }

    /// The room talks a question's first round over.
    pub fn talking(&self) -> bool {
        self.question()
            .is_some_and(|(_, asked)| asked == Asked::Talking)
    }
}

impl Notes {
    /// The notes in `lang`.
    pub fn get(&self, lang: Lang) -> &[String] {
        self.text.get(lang)
    }
}

/// What the part on stage puts before the room besides its world and its caption. The
/// part's kind (`scenario::kinds`) says what it is; the projection, the console, the
/// phones and the recordings show it from here, without asking which kind of part it
/// came from. A kind that puts something new before the room adds its variant here,
/// and its drawing beside the question's in the screen's and the audience's code.
#[derive(Debug, Clone, PartialEq)]
pub enum Posed {
    /// A question to the room, and where it stands.
    Question(Question, Asked),
    /// The room's organisations: asked for while the room enters them
    /// ([`Asked::Asking`]), on the curve once shown ([`Asked::Answered`]).
    Organisations(Organisations, Asked),
}

impl Posed {
    /// The question, and where it stands, if this is one.
    pub fn question(&self) -> Option<(&Question, Asked)> {
        match self {
            Posed::Question(q, asked) => Some((q, *asked)),
            Posed::Organisations(..) => None,
        }
    }

    /// What the room's organisations part asks, and where it stands, if this is one.
    pub fn organisations(&self) -> Option<(&Organisations, Asked)> {
        match self {
            Posed::Organisations(o, asked) => Some((o, *asked)),
            Posed::Question(..) => None,
        }
    }

    /// The room is thinking: the world holds, the caption waits (it may give the
    /// answer away), and the card to join shows.
    pub fn thinking(&self) -> bool {
        match self {
            Posed::Question(_, asked) | Posed::Organisations(_, asked) => asked.thinking(),
        }
    }

    /// The counted answer shows: the panel's plot marks it.
    pub fn answered(&self) -> bool {
        match self {
            Posed::Question(_, asked) => *asked == Asked::Answered,
            Posed::Organisations(..) => false,
        }
    }
}

/// A rehearsal's state (`present --watch`): the problem that kept the session file's
/// last save from loading, while the last good version runs. The projection shows it
/// in a line, the console in full.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct Rehearsal {
    /// The session file's name.
    pub file: String,
    /// The save's first problem, or none once a save loads.
    pub problem: Option<Unloaded>,
}

/// Why a save did not load: its first problem, and how many there are.
#[derive(Debug, Clone, PartialEq)]
pub struct Unloaded {
    /// The file it is in: the session file's name, or for a cut, possibly the name of
    /// the session it is cut from.
    pub file: String,
    /// The problem's line, from 1.
    pub line: usize,
    /// Its column, from 1.
    pub column: usize,
    /// The part it is in, from 1, if it is in one.
    pub part: Option<usize>,
    /// What is wrong.
    pub what: String,
    /// How many problems the save has.
    pub count: usize,
}

impl Rehearsal {
    /// Where the problem is, in words: “ours.ron, line 23, column 13 (part 1)”.
    pub fn place(&self, texts: &crate::i18n::Texts) -> Option<String> {
        let p = self.problem.as_ref()?;
        // Line and column as an editor shows them, without a thousands separator.
        let mut args = vec![
            ("file", p.file.clone().into()),
            ("line", p.line.to_string().into()),
            ("column", p.column.to_string().into()),
        ];
        let msg = match p.part {
            Some(part) => {
                args.push(("part", part.into()));
                crate::i18n::Msg::RehearsalPlacePart
            }
            None => crate::i18n::Msg::RehearsalPlace,
        };
        Some(texts.fmt(msg, &args))
    }

    /// The problem in full, for the console and the terminal.
    pub fn said(&self, texts: &crate::i18n::Texts) -> Option<String> {
        let p = self.problem.as_ref()?;
        Some(texts.fmt(
            crate::i18n::Msg::RehearsalProblem,
            &[
                ("problems", p.count.into()),
                ("place", self.place(texts)?.into()),
                ("what", p.what.clone().into()),
            ],
        ))
    }

    /// The problem in a line, for the projection.
    pub fn line(&self, texts: &crate::i18n::Texts) -> Option<String> {
        let p = self.problem.as_ref()?;
        Some(texts.fmt(
            crate::i18n::Msg::RehearsalProblemLine,
            &[
                ("place", self.place(texts)?.into()),
                ("what", p.what.clone().into()),
            ],
        ))
    }
}

/// The act on stage, for the panel: the scenario player keeps it while a scenario runs.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct Stage {
    /// The current act, from 0.
    pub act: usize,
    /// How many acts the scenario has.
    pub acts: usize,
    /// The act's caption.
    pub caption: Option<Caption>,
    /// The last act is done (recording, where acts follow by themselves).
    pub finished: bool,
    /// What the part puts before the room besides its world and its caption, as its
    /// kind says (`scenario::kinds`): its question, and where it stands.
    pub posed: Option<Posed>,
    /// The trainer's notes for the act, for the presenter's console only.
    pub notes: Option<Notes>,
    /// The next act's caption (its title, for the console); none after the last.
    pub next: Option<Caption>,
    /// The panel shows the share of employees in customer contact beside the headline:
    /// the act is about employees rather than contacts (its `show`, or its question's
    /// measure).
    pub people: bool,
    /// How many times a part has been entered this session, this one included: a part
    /// restarted or returned to is a new entry (the room asks its question afresh).
    pub entry: u64,
}
