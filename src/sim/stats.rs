//! What the simulation publishes every frame.

use std::collections::VecDeque;

use bevy::prelude::*;
use bolwerk_model::contacts::ContactGrid;
use bolwerk_model::sampling::LineSampler;
use bolwerk_model::theory::Expected;
use bolwerk_model::{Counts, Organisation, PairKind, Params, Population};
use serde::Serialize;

/// The counts of the last frame, with what the theory expects.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Serialize)]
pub struct ContactStats {
    /// Ticks since the start.
    pub tick: u64,
    /// Head count N.
    pub employees: u32,
    /// Number of customers.
    pub customers: u32,
    /// The organisation's size: the sphere's R, the disc's in-plane radius, or the
    /// cells' mean unit radius.
    pub radius: f64,
    /// Contacts between colleagues: a whole number under the hard reach, an expected
    /// number under a fade, and possibly ending in a half under a cap
    /// ([`bolwerk_model::Rule`]). Written as a whole number where it is one, as
    /// `bolwerk simulate` always wrote it.
    #[serde(serialize_with = "whole_where_it_is")]
    pub internal: f64,
    /// Customer contacts (likewise).
    #[serde(serialize_with = "whole_where_it_is")]
    pub customer: f64,
    /// Customer contacts per internal contact.
    pub ratio: f64,
    /// The expected ratio now, exact for every shape (`docs/MODEL.md`).
    pub theory: f64,
    /// Share of employees with a customer contact.
    pub front_office_share: f64,
    /// The expected front-office share (exact but for the disc's, see docs/MODEL.md).
    pub front_office_theory: f64,
    /// Units of a cellular organisation (1 for the other shapes).
    pub units: u32,
    /// Share of employees with a customer contact in the last `reach_window` ticks.
    pub reach: f64,
}

impl ContactStats {
    /// Customer contacts as a share of all contacts (0 to 1), the measure a room
    /// reads: customer contacts over customer plus colleague contacts. `None` before
    /// anything is counted.
    pub fn customer_share(&self) -> Option<f64> {
        let all = self.customer + self.internal;
        (all > 0.0).then(|| self.customer / all)
    }

    /// The model's exact expectation of [`ContactStats::customer_share`] now: the
    /// ratio q as a share, q / (1 + q).
    pub fn customer_share_expected(&self) -> f64 {
        share_of_ratio(self.theory)
    }

    /// The stats of a count of `org` now, with `reach` (see [`ContactStats::reach`]).
    pub fn measured(
        org: &Organisation,
        counts: &Counts,
        customers: usize,
        expected: &Expected,
        reach: f64,
    ) -> Self {
        ContactStats {
            tick: org.tick(),
            employees: counts.employees,
            customers: customers as u32,
            radius: org.radius(),
            internal: counts.internal,
            customer: counts.customer,
            ratio: counts.ratio(),
            theory: expected.ratio,
            front_office_share: counts.front_office_share(),
            front_office_theory: expected.front_office_share,
            units: org.units().len().max(1) as u32,
            reach,
        }
    }
}

/// A count as a whole number where it is one (`401`, not `401.0`), else as it is.
fn whole_where_it_is<S: serde::Serializer>(x: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    if x.fract() == 0.0 && (0.0..9e15).contains(x) {
        serializer.serialize_u64(*x as u64)
    } else {
        serializer.serialize_f64(*x)
    }
}

/// Customer contacts per contact between colleagues, `ratio`, as customer contacts’
/// share of all contacts: ratio / (1 + ratio).
pub fn share_of_ratio(ratio: f64) -> f64 {
    ratio / (1.0 + ratio)
}

/// [`Organisation::expected`], computed again only when the geometry has changed: a
/// new generation of the same world, or another world. A fresh world starts at
/// generation 0 again, so the key holds the world's parameters and size too (a session
/// part that started 80 employees after a part of 60 showed the 60's expectation until
/// it grew).
#[derive(Debug, Default, Clone)]
pub struct ExpectedNow(Option<(WorldKey, Expected)>);

/// What an expectation depends on: the world's parameters, and its geometry's
/// generation and size.
#[derive(Debug, Clone, PartialEq)]
struct WorldKey {
    generation: u64,
    employees: u32,
    radius: u64,
    params: Params,
}

impl WorldKey {
    fn of(org: &Organisation) -> Self {
        Self {
            generation: org.generation(),
            employees: org.employees(),
            radius: org.radius().to_bits(),
            params: org.params().clone(),
        }
    }
}

impl ExpectedNow {
    /// The expectations for `org` as it is now.
    pub fn get(&mut self, org: &Organisation) -> Expected {
        let key = WorldKey::of(org);
        match &self.0 {
            Some((k, expected)) if *k == key => *expected,
            _ => {
                let expected = org.expected();
                self.0 = Some((key, expected));
                expected
            }
        }
    }
}

/// Counts `pop`'s contacts afresh (keeping a sample of the pairs in `lines`, if
/// given), notes who met a customer, and returns the stats with what the theory
/// expects now.
pub fn count_population(
    pop: &mut Population,
    grid: &mut ContactGrid,
    expected: &mut ExpectedNow,
    lines: Option<&mut LineSampler>,
) -> ContactStats {
    let counts = match lines {
        Some(sampler) => pop.count_sampled_and_note(grid, sampler),
        None => pop.count_and_note(grid),
    };
    ContactStats::measured(
        &pop.org,
        &counts,
        pop.customers.len(),
        &expected.get(&pop.org),
        pop.reach(),
    )
}

/// The stats over the whole run, for plots, in bounded memory.
///
/// It keeps one sample every `interval` ticks. When it is full it drops every second
/// sample and doubles the interval, so a long run stays whole, only coarser.
#[derive(Resource, Debug, Clone)]
pub struct StatsHistory {
    samples: VecDeque<ContactStats>,
    capacity: usize,
    interval: u64,
}

impl Default for StatsHistory {
    fn default() -> Self {
        Self::with_capacity(2048)
    }
}

impl StatsHistory {
    /// An empty history holding at most `capacity` samples (at least 2).
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            samples: VecDeque::with_capacity(capacity),
            capacity: capacity.max(2),
            interval: 1,
        }
    }

    /// Records `stats` if its tick is due and new.
    pub fn record(&mut self, stats: ContactStats) {
        if !stats.tick.is_multiple_of(self.interval)
            || self.samples.back().is_some_and(|s| s.tick >= stats.tick)
        {
            return;
        }
        if self.samples.len() == self.capacity {
            let mut keep = false;
            self.samples.retain(|_| {
                keep = !keep;
                keep
            });
            self.interval *= 2;
            if !stats.tick.is_multiple_of(self.interval) {
                return;
            }
        }
        self.samples.push_back(stats);
    }

    /// The samples, oldest first.
    pub fn samples(&self) -> impl ExactSizeIterator<Item = &ContactStats> {
        self.samples.iter()
    }

    /// Forgets everything (on reset).
    pub fn clear(&mut self) {
        self.samples.clear();
        self.interval = 1;
    }
}

/// Contact pairs sampled for drawing, as segments, refreshed every frame.
#[derive(Resource, Debug, Default, Clone)]
pub struct SampledLines {
    /// The segments and what kind of contact each is.
    pub segments: Vec<(Vec3, Vec3, PairKind)>,
    /// How many pairs there were to sample from.
    pub total_pairs: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts are written as whole numbers where they are (`bolwerk simulate`'s columns
    /// under the hard reach, as before contact rules), and with their fraction where not.
    #[test]
    fn counts_are_written_whole_where_they_are() {
        let stats = ContactStats {
            internal: 401.0,
            customer: 2.5,
            ..ContactStats::default()
        };
        let json = serde_json::to_value(stats).unwrap();
        assert_eq!(json["internal"], serde_json::json!(401));
        assert_eq!(json["customer"], serde_json::json!(2.5));
    }

    #[test]
    fn a_fresh_world_gets_its_own_expectation() {
        let world = |n: u32| {
            let params = Params {
                initial_employees: n,
                max_employees: n,
                ..Params::default()
            };
            Organisation::new(params, 7).unwrap().0
        };
        let (small, large) = (world(60), world(80));
        assert_eq!(small.generation(), large.generation(), "both start afresh");
        let mut cache = ExpectedNow::default();
        let first = cache.get(&small);
        assert_eq!(cache.get(&large), large.expected());
        assert_ne!(first.ratio, large.expected().ratio);
        // Densities alone change the expectation too.
        let denser = Organisation::new(
            Params {
                rho_c: 1.0,
                initial_employees: 80,
                max_employees: 80,
                ..Params::default()
            },
            7,
        )
        .unwrap()
        .0;
        assert_eq!(cache.get(&denser), denser.expected());
    }

    #[test]
    fn the_history_stays_bounded_and_spans_the_whole_run() {
        let mut h = StatsHistory::with_capacity(64);
        for tick in 0..10_000 {
            h.record(ContactStats { tick, ..default() });
        }
        assert!(h.samples().len() <= 64);
        assert!(h.samples().len() >= 32);
        let ticks: Vec<u64> = h.samples().map(|s| s.tick).collect();
        assert_eq!(ticks[0], 0);
        assert!(*ticks.last().unwrap() > 9_000);
        assert!(ticks.windows(2).all(|w| w[0] < w[1]));
    }
}
