//! A question an act puts to the room: predict first, then see the model's answer.
//!
//! The question shows while the world holds; the next step reveals the answer in the
//! world: the act's world runs to its target, the live figure is the answer, and the
//! plot marks it. The answer is never written in the script: the simulation counts it,
//! and the model's exact expectation stands beside it.

use serde::{Deserialize, Serialize};

use crate::i18n::localized::{once, read_with_texts, required};
use crate::i18n::{Lang, Localized};
pub use crate::sim::Measure;

/// One answer the room can pick: its words, and the shares it stands for,
/// from `from` (included) up to `to` (left out). In a session file its words are
/// fields by language beside the range: `(en: "…", nl: "…", from: 0.1, to: 0.2)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// The words, in each language.
    pub words: Localized<String>,
    /// The lowest share this answer stands for.
    pub from: f64,
    /// The share where this answer stops.
    pub to: f64,
}

/// As a session file writes it: `(en: "…", nl: "…", from: 0.1, to: 0.2)`.
impl Serialize for Choice {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut fields = serializer.serialize_struct("Choice", self.words.codes().count() + 2)?;
        self.words.serialize_fields(&mut fields)?;
        fields.serialize_field("from", &self.from)?;
        fields.serialize_field("to", &self.to)?;
        fields.end()
    }
}

impl<'de> Deserialize<'de> for Choice {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Fields;

        impl<'de> serde::de::Visitor<'de> for Fields {
            type Value = Choice;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an answer: its words per language, `from` and `to`")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Choice, A::Error> {
                let (mut from, mut to) = (None, None);
                let words = read_with_texts(map, "`from`, `to` or ", |key, map| match key {
                    "from" => once(map, &mut from, key),
                    "to" => once(map, &mut to, key),
                    _ => Ok(false),
                })?;
                Ok(Choice {
                    words,
                    from: required(from, "from")?,
                    to: required(to, "to")?,
                })
            }
        }

        deserializer.deserialize_struct("Choice", &[], Fields)
    }
}

/// Option `i`'s letter, from A: how the room names the options.
pub fn letter(i: usize) -> char {
    char::from(b'A' + i as u8)
}

impl Choice {
    /// The words in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        self.words.get(lang)
    }

    /// Whether `share` is what this answer stands for. The last option, ending at 1,
    /// holds 1 too.
    pub fn holds(&self, share: f64) -> bool {
        (self.from..self.to).contains(&share) || (self.to >= 1.0 && share == 1.0)
    }
}

/// A question to the room.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// The question, in each language.
    pub ask: Localized<String>,
    /// What the answer is: the model computes it.
    pub answer: Measure,
    /// Two to five answers to choose from; none for a question the room answers with
    /// a number or a sketch.
    #[serde(default)]
    pub options: Vec<Choice>,
    /// Ask it twice (peer instruction): the first round closes without the answer, the
    /// room talks it over, then answers again, and the reveal shows both rounds and how
    /// answers moved. Only for a question with options; a recording asks it once.
    #[serde(default)]
    pub again: bool,
    /// A question the room answers with a sketch: the share each participant expects
    /// at each of these numbers of employees, drawn on a plot on their phone. The first
    /// is the part's start, which the screen shows while the room draws; the last, the
    /// size its answer is for. Empty for a question answered otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sketch: Vec<u32>,
    /// A question answered with a number: how far, in percentage points, an answer
    /// may lie from the count and still be right, where a course package checks it
    /// ([`DEFAULT_TOLERANCE`] if left out). Only for a number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<f64>,
}

/// How far, in percentage points, a number answered in a course package may lie from
/// the count when the session states no `tolerance`.
pub const DEFAULT_TOLERANCE: f64 = 3.0;

/// The widest `tolerance` a session may state, in percentage points.
pub const MAX_TOLERANCE: f64 = 25.0;

/// The fewest and the most points of a sketch: enough to show a curve's bend, few
/// enough to draw on a phone.
pub const SKETCH_POINTS: std::ops::RangeInclusive<usize> = 3..=6;

impl Question {
    /// The question as a subtitle writes it in `lang`: the question, then its options
    /// lettered on one line (`A. less than 5%   B. …`). Its length is what a viewer
    /// reads before the reveal.
    pub fn as_text(&self, lang: Lang) -> String {
        let options = self.lettered(lang);
        let mut text = self.ask.get(lang).to_owned();
        if !options.is_empty() {
            text.push('\n');
            text.push_str(&options.join("   "));
        }
        text
    }

    /// Its options in `lang`, each after its letter (`A. less than 5%`), as a
    /// subtitle, a handout and a text version write them.
    pub fn lettered(&self, lang: Lang) -> Vec<String> {
        self.options
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{}. {}", letter(i), c.get(lang)))
            .collect()
    }

    /// The languages its question is written in, of those there are texts for.
    pub fn languages(&self) -> impl Iterator<Item = Lang> + '_ {
        Lang::all()
            .iter()
            .copied()
            .filter(|l| self.ask.exact(*l).is_some())
    }

    /// Whether the room answers it with a sketch.
    pub fn sketched(&self) -> bool {
        !self.sketch.is_empty()
    }

    /// Whether the room answers it with one number: no options and no sketch.
    pub fn numbered(&self) -> bool {
        self.options.is_empty() && !self.sketched()
    }

    /// How far, in percentage points, a number answer may lie from the count.
    pub fn tolerance(&self) -> f64 {
        self.tolerance.unwrap_or(DEFAULT_TOLERANCE)
    }

    /// The top of a sketch's share axis, in percent, on the phones and the projection
    /// alike: twice the model's share at the sketch's start, in tens (room to draw a
    /// rise, and the fall large enough to draw), from 20 to 100.
    pub fn sketch_top(&self, params: &bolwerk_model::Params) -> f64 {
        let start = self
            .sketch
            .first()
            .and_then(|&n| self.answer.expected(params, n))
            .map_or(50.0, |share| share * 100.0);
        ((start * 2.0 / 10.0).ceil() * 10.0).clamp(20.0, 100.0)
    }

    /// The option that holds `share`, if any.
    pub fn right_option(&self, share: f64) -> Option<usize> {
        self.options.iter().position(|c| c.holds(share))
    }
}

/// Where a question act stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asked {
    /// The question shows; the world holds. For a question asked twice, the first
    /// round.
    Asking,
    /// A question asked twice: the first round is closed, without the answer, and the
    /// room talks it over; the world holds.
    Talking,
    /// A question asked twice: the second round; the world holds.
    AskingAgain,
    /// Revealing: the world grows to the question's size.
    Growing,
    /// The world has reached it: the answer shows.
    Answered,
}

impl Asked {
    /// The room is thinking: a round is open or the room talks it over. The world
    /// holds, the caption waits (it may give the answer away), and the answer is not
    /// shown.
    pub fn thinking(self) -> bool {
        matches!(self, Asked::Asking | Asked::Talking | Asked::AskingAgain)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_option_holds_the_shares_from_its_start_up_to_its_end() {
        let c = Choice {
            words: [(Lang::EN, "a".to_owned())].into_iter().collect(),
            from: 0.1,
            to: 0.2,
        };
        assert!(c.holds(0.1) && c.holds(0.15) && !c.holds(0.2) && !c.holds(0.05));
        let last = Choice { to: 1.0, ..c };
        let read: Choice = ron::from_str(r#"(en: "a", nl: "b", from: 0.1, to: 0.2)"#).unwrap();
        assert_eq!((read.get(Lang::NL), read.from, read.to), ("b", 0.1, 0.2));
        let err = ron::from_str::<Choice>(r#"(en: "a", from: 0.1)"#).unwrap_err();
        assert!(
            err.to_string().contains("missing field named `to`"),
            "{err}"
        );
        assert!(last.holds(1.0) && last.holds(0.5) && !last.holds(1.01));
    }
}
