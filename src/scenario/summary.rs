//! What `bolwerk check` tells a trainer about a session that passed its checks: each
//! part with its title, its kind and its time (the notes' minutes, and its length in a
//! recording, foreseen by [`super::timing`]); each question with the model's answer;
//! and the warnings a session may run with but should not: a caption that holds a
//! recording longer than the part needs, so long is it to read, and a word the
//! glossary rejects.

use std::path::Path;

use super::kinds::Kind;
use super::timing::{self, Foreseen};
use super::{Places, Scenario, ScenarioError, act_lines, cut_source};
use crate::i18n::Lang;
use crate::i18n::glossary::{self, has_word};
use crate::intent::{Measure, letter};
use crate::scenario::act::{LONGEST_CAPTION_SECS, READING_CHARS_PER_SEC};

/// A session's summary.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Each part, in order.
    pub parts: Vec<PartLine>,
    /// Its recording, as foreseen.
    pub recording: Foreseen,
    /// What should change, though the session runs: written as problems are, with
    /// file, line and column.
    pub warnings: Vec<ScenarioError>,
}

/// One part in the summary.
#[derive(Debug, Clone, PartialEq)]
pub struct PartLine {
    /// Its title, in the language asked for.
    pub title: String,
    /// What kind of part it is, in a word.
    pub kind: &'static str,
    /// The trainer's minutes for it (its notes', with the talk a question asked twice
    /// adds), if it has notes.
    pub minutes: Option<f64>,
    /// Seconds it takes in a recording; none for a part a recording of the longest
    /// length ([`crate::output::LONGEST_SECS`]) does not reach.
    pub recorded_secs: Option<f64>,
    /// The model's answer to its question, if it asks one.
    pub answer: Option<Answer>,
}

/// A question and the model's answer to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// The question, in the language asked for.
    pub question: String,
    /// The size the answer is for.
    pub employees: u32,
    /// What it asks for.
    pub measure: Measure,
    /// The model's exact expectation there, as a share from 0 to 1.
    pub expected: f64,
    /// The option that holds it (from 0), for a question with options.
    pub option: Option<usize>,
}

impl Answer {
    /// The answer in words: “7.1% of contacts are with customers (option C)”.
    pub fn in_words(&self) -> String {
        let what = match self.measure {
            Measure::CustomerShare => "of contacts are with customers",
            Measure::InCustomerContact => "of employees are in customer contact",
        };
        let option = self
            .option
            .map(|k| format!(" (option {})", letter(k)))
            .unwrap_or_default();
        format!("{:.1}% {what}{option}", self.expected * 100.0)
    }
}

/// The frames a second and the speed `check` foresees a recording at: `record`'s own
/// defaults.
pub const RECORD_FPS: u32 = 30;
/// See [`RECORD_FPS`].
pub const RECORD_SPEED: f64 = 1.0;

impl Summary {
    /// The summary of `scenario`, read from `text` at `path` (for the warnings'
    /// places), its titles and questions in `lang`, its recording foreseen at `fps`
    /// and `speed`.
    pub fn of(
        scenario: &Scenario,
        text: &str,
        path: &Path,
        lang: Lang,
        (fps, speed): (u32, f64),
    ) -> Self {
        let recording = timing::recording(scenario, fps, speed);
        let mut params = scenario.start_params();
        let mut parts = Vec::new();
        for (k, act) in scenario.acts.iter().enumerate() {
            if let Some(p) = &act.params {
                params = p.clone();
            }
            let kind = match Kind::of(act) {
                Kind::Show(_) => "show",
                Kind::Organisations(_) => "organisations",
                Kind::Question(q) if q.question.sketched() => "sketch",
                Kind::Question(q) if q.question.options.is_empty() => "number",
                Kind::Question(_) => "question",
            };
            let answer = act.question.as_ref().and_then(|q| {
                let employees = act.until_employees?;
                let expected = q.answer.expected(&params, employees)?;
                Some(Answer {
                    question: q.ask.get(lang).to_string(),
                    employees,
                    measure: q.answer,
                    expected,
                    option: q.right_option(expected),
                })
            });
            parts.push(PartLine {
                title: act
                    .caption
                    .as_ref()
                    .map_or_else(String::new, |c| c.get(lang).title.clone()),
                kind,
                minutes: act.minutes(),
                recorded_secs: recording.secs(k),
                answer,
            });
        }
        // A cut's texts are written in the session it is cut from: its warnings point
        // there, at the parts as numbered there.
        let (own_text, own_path) = (text, path);
        let (text, path, kept) = match cut_source(text, path)
            .and_then(|(full, kept)| Some((std::fs::read_to_string(&full).ok()?, full, kept)))
        {
            Some((full_text, full, kept)) => (full_text, full, Some(kept)),
            None => (text.to_owned(), path.to_path_buf(), None),
        };
        let part = |k: usize| kept.as_ref().map_or(k, |kept| kept[k]);
        let acts = act_lines(&text);
        let places = Places::new(&text, &path, &acts);
        // The title is written in the file itself, a cut's too.
        let own_acts = act_lines(own_text);
        let own = Places::new(own_text, own_path, &own_acts);
        let mut warnings = long_captions(scenario, &places, &part);
        // A language loaded at run time may lack texts: they show in English.
        for lang in scenario.languages().into_iter().filter(|l| !l.compiled()) {
            for (k, field, what) in scenario.missing(lang) {
                warnings.push(places.error(
                    Some(part(k)),
                    field,
                    format!(
                        "no text in '{lang}' for {what}: the English text shows instead (without English, the first one written)"
                    ),
                ));
            }
        }
        warnings.extend(rejected_words(scenario, (&own, &places), &part));
        Self {
            parts,
            recording,
            warnings,
        }
    }

    /// The trainer's minutes for the whole session, by the notes (parts without notes
    /// count none).
    pub fn minutes(&self) -> f64 {
        self.parts.iter().filter_map(|p| p.minutes).sum()
    }
}

/// A warning for each caption that takes longer to read than
/// [`LONGEST_CAPTION_SECS`] at [`READING_CHARS_PER_SEC`].
fn long_captions(
    scenario: &Scenario,
    places: &Places,
    part: &dyn Fn(usize) -> usize,
) -> Vec<ScenarioError> {
    let mut warnings = Vec::new();
    for (k, act) in scenario.acts.iter().enumerate() {
        let secs = act.caption_reading_secs();
        if secs > LONGEST_CAPTION_SECS {
            warnings.push(places.error(
                Some(part(k)),
                "caption",
                format!(
                    "the caption takes {secs:.0} s to read at {READING_CHARS_PER_SEC} characters a second, longer than the {LONGEST_CAPTION_SECS} s a room will read while the trainer talks (and a recording holds still while it is read): shorten it, or split the part in two"
                ),
            ));
        }
    }
    warnings
}

/// A warning for each text that uses a word the glossary rejects in its language, at
/// the text.
fn rejected_words(
    scenario: &Scenario,
    (title, places): (&Places, &Places),
    part: &dyn Fn(usize) -> usize,
) -> Vec<ScenarioError> {
    let rejected = glossary::rejected();
    let mut warnings = Vec::new();
    for lang in scenario.languages() {
        for (k, text) in scenario.texts(lang) {
            let part = k.map(part);
            let places = if part.is_some() { places } else { title };
            for r in rejected.iter().filter(|r| r.lang == lang) {
                if has_word(&text, &r.word) {
                    let at = places
                        .text(part, &text)
                        .unwrap_or_else(|| places.at(part, lang.code()));
                    warnings.push(places.error_at(
                        part,
                        at,
                        format!(
                            "the glossary (docs/GLOSSARY.md) writes “{}” in {}, not “{}”",
                            r.instead,
                            lang.code(),
                            r.word
                        ),
                    ));
                }
            }
        }
    }
    warnings.sort_by_key(|w| (w.line, w.column));
    warnings
}
