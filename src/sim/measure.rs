//! The two measures a room reads, each a share from 0 to 1 that the simulation counts
//! and the model expects exactly: customer contacts as a share of all contacts (the
//! headline), and the share of employees in customer contact right now.

use bolwerk_model::geometry::radius_for;
use bolwerk_model::{Params, Shape, rules};
use serde::{Deserialize, Serialize};

use super::stats::{ContactStats, share_of_ratio};

/// A share a room reads (and a question asks it to predict), from 0 to 1, that the
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
            Measure::CustomerShare => stats.customer_share(),
            Measure::InCustomerContact => (stats.employees > 0).then_some(stats.front_office_share),
        }
    }

    /// The model's exact expectation for the world now.
    pub fn expected_now(self, stats: &ContactStats) -> f64 {
        match self {
            Measure::CustomerShare => stats.customer_share_expected(),
            Measure::InCustomerContact => stats.front_office_theory,
        }
    }

    /// The model's exact expectation for a sphere of `employees` with `params`, or
    /// `None` for another shape (questions are put on the sphere, the essay's picture).
    pub fn expected(self, params: &Params, employees: u32) -> Option<f64> {
        self.expected_at(params, f64::from(employees))
    }

    /// [`Measure::expected`] at a real number of employees, so that a curve can be
    /// drawn between whole ones.
    pub fn expected_at(self, params: &Params, employees: f64) -> Option<f64> {
        // Not a sphere, or no employees (or not a number of them).
        if params.shape != Shape::Sphere
            || employees.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater)
        {
            return None;
        }
        // The volume is linear in the employees: scale one employee's radius.
        let r = radius_for(1, params.rho) * employees.cbrt();
        // By the world's contact rule.
        Some(match self {
            Measure::CustomerShare => {
                share_of_ratio(rules::sphere_ratio(params, r, employees.round() as u32))
            }
            Measure::InCustomerContact => rules::sphere_front_office(params, r),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bolwerk_model::Rule;

    /// Under a contact rule, the curve a world draws is the rule's expectation, the one
    /// its panel states, not the hard reach's.
    #[test]
    fn a_rules_world_expects_by_its_rule() {
        let d = Params::default().d;
        for rule in [
            Rule::Everyone,
            Rule::Fade { length: d / 3.0 },
            Rule::Cap { k: 4 },
        ] {
            let p = Params {
                rule,
                ..Params::default()
            };
            let r = radius_for(800, p.rho);
            let want = rules::expected(&p, r, 800).unwrap();
            let share = Measure::CustomerShare.expected(&p, 800).unwrap();
            assert!(
                (share - share_of_ratio(want.ratio)).abs() < 1e-9,
                "{rule:?}"
            );
            let front = Measure::InCustomerContact.expected(&p, 800).unwrap();
            assert!((front - want.front_office_share).abs() < 1e-9, "{rule:?}");
            let reach = Measure::CustomerShare
                .expected(&Params::default(), 800)
                .unwrap();
            assert!(
                (share / reach - 1.0).abs() > 0.05,
                "{rule:?}: {share} as the reach's"
            );
        }
    }

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
}
