//! A question an act puts to the room: predict first, then see the model's answer.
//!
//! The question shows while the world holds; the next step reveals the answer in the
//! world: the act's world runs to its target, the live figure is the answer, and the
//! plot marks it. The answer is never written in the script: the simulation counts it,
//! and the model's exact expectation stands beside it.

use bolwerk_model::geometry::radius_for;
use bolwerk_model::theory::{customer_expected, front_office_expected, internal_expected};
use bolwerk_model::{Params, Shape};
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::sim::ContactStats;

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

/// What a question asks the room to predict: a share, from 0 to 1, that the
/// simulation counts and the model expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Measure {
    /// Contacts with customers as a share of all contacts: customer contacts over
    /// customer plus colleague contacts.
    CustomerShare,
    /// The share of employees in customer contact right now.
    InCustomerContact,
}

impl Measure {
    /// The share counted in the simulation now (`None` before anything is counted).
    pub fn counted(self, stats: &ContactStats) -> Option<f64> {
        match self {
            Measure::CustomerShare => {
                let all = stats.customer + stats.internal;
                (all > 0).then(|| stats.customer as f64 / all as f64)
            }
            Measure::InCustomerContact => (stats.employees > 0).then_some(stats.front_office_share),
        }
    }

    /// The model's exact expectation for the world now.
    pub fn expected_now(self, stats: &ContactStats) -> f64 {
        match self {
            Measure::CustomerShare => stats.theory / (1.0 + stats.theory),
            Measure::InCustomerContact => stats.front_office_theory,
        }
    }

    /// The model's exact expectation for a sphere of `employees` with `params`, or
    /// `None` for another shape (questions are put on the sphere, the essay's picture).
    pub fn expected(self, params: &Params, employees: u32) -> Option<f64> {
        if params.shape != Shape::Sphere || employees == 0 {
            return None;
        }
        let r = radius_for(employees, params.rho);
        Some(match self {
            Measure::CustomerShare => {
                let customer = customer_expected(params.rho, params.rho_c, params.d, r);
                let internal = internal_expected(params.rho, params.d, r);
                customer / (customer + internal)
            }
            Measure::InCustomerContact => front_office_expected(params.rho_c, params.d, r),
        })
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
    fn the_expected_customer_share_falls_as_the_sphere_grows() {
        let p = Params::default();
        let small = Measure::CustomerShare.expected(&p, 80).unwrap();
        let large = Measure::CustomerShare.expected(&p, 6000).unwrap();
        assert!(
            0.0 < large && large < small && small < 1.0,
            "{small} {large}"
        );
        let disc = Params {
            shape: Shape::Disc { t: 4.0 },
            ..Params::default()
        };
        assert_eq!(Measure::CustomerShare.expected(&disc, 80), None);
    }

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
