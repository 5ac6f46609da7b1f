//! A question an act puts to the room: predict first, then see the model's answer.
//!
//! The question shows while the world holds; the next step reveals the answer in the
//! world: the act's world runs to its target, the live figure is the answer, and the
//! plot marks it. The answer is never written in the script: the simulation counts it,
//! and the model's exact expectation stands beside it.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
pub use crate::sim::Measure;

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Both {
    /// English.
    pub en: String,
    /// Dutch.
    pub nl: String,
}

impl Both {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Nl => &self.nl,
        }
    }
}

/// One answer the room can pick: its words, and the shares it stands for,
/// from `from` (included) up to `to` (left out).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// English.
    pub en: String,
    /// Dutch.
    pub nl: String,
    /// The lowest share this answer stands for.
    pub from: f64,
    /// The share where this answer stops.
    pub to: f64,
}

impl Choice {
    /// The words in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Nl => &self.nl,
        }
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
    /// The question, in both languages.
    pub ask: Both,
    /// What the answer is: the model computes it.
    pub answer: Measure,
    /// Two to five answers to choose from; none for a question the room answers with
    /// a number.
    #[serde(default)]
    pub options: Vec<Choice>,
}

impl Question {
    /// The question as a subtitle writes it in `lang`: the question, then its options
    /// lettered on one line (`A. less than 5%   B. …`). Its length is what a viewer
    /// reads before the reveal.
    pub fn as_text(&self, lang: Lang) -> String {
        let options: Vec<String> = self
            .options
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{}. {}", char::from(b'A' + i as u8), c.get(lang)))
            .collect();
        let mut text = self.ask.get(lang).to_owned();
        if !options.is_empty() {
            text.push('\n');
            text.push_str(&options.join("   "));
        }
        text
    }

    /// The option that holds `share`, if any.
    pub fn right_option(&self, share: f64) -> Option<usize> {
        self.options.iter().position(|c| c.holds(share))
    }
}

/// Where a question act stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asked {
    /// The question shows; the world holds.
    Asking,
    /// Revealing: the world grows to the question's size.
    Growing,
    /// The world has reached it: the answer shows.
    Answered,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_option_holds_the_shares_from_its_start_up_to_its_end() {
        let c = Choice {
            en: "a".into(),
            nl: "b".into(),
            from: 0.1,
            to: 0.2,
        };
        assert!(c.holds(0.1) && c.holds(0.15) && !c.holds(0.2) && !c.holds(0.05));
        let last = Choice { to: 1.0, ..c };
        assert!(last.holds(1.0) && last.holds(0.5) && !last.holds(1.01));
    }
}
