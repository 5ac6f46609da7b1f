//! What the tests of growing organisations share: two parameter sets that differ from
//! the defaults in every field, and the walk that compares a growing sphere's counted
//! ratio with its exact expectation.

use bolwerk_model::contacts::ContactGrid;
use bolwerk_model::{GrowthLaw, Params, Population, Rule, Shape};

/// Two parameter sets that differ from the defaults in every field, one per growth law,
/// growing to `cap` employees under `rule`.
pub fn growing_sets(rule: Rule, cap: u32) -> [Params; 2] {
    [
        Params {
            rho: 1.5,
            rho_c: 0.6,
            d: 1.2,
            w: Some(3.0),
            step_sd: Some(0.1),
            initial_employees: 1_500,
            max_employees: cap,
            growth: GrowthLaw::Exponential { rate: 0.012 },
            // The law is the sphere's; the what-if shapes have tests of their own.
            shape: Shape::Sphere,
            rotation: 0.0,
            reach_window: 30,
            rule,
        },
        Params {
            rho: 0.8,
            rho_c: 1.0,
            d: 1.6,
            w: Some(2.0),
            step_sd: Some(0.05),
            initial_employees: 2_500,
            max_employees: cap,
            growth: GrowthLaw::Linear { per_tick: 120.0 },
            shape: Shape::Sphere,
            rotation: 0.0,
            reach_window: 200,
            rule,
        },
    ]
}

/// Grows `params` from each of `seeds` to its cap and returns, every 8 steps once the
/// radius is at least `from_d` contact distances, the counted ratio over the exact
/// expectation ([`bolwerk_model::Organisation::expected`]).
pub fn counted_over_expected(params: &Params, seeds: &[u64], from_d: f64) -> Vec<f64> {
    let mut grid = ContactGrid::new();
    let mut quotients = Vec::new();
    for &seed in seeds {
        let mut pop = Population::new(params.clone(), seed).unwrap();
        loop {
            if pop.org.tick().is_multiple_of(8) && pop.org.radius() >= from_d * params.d {
                let c = pop.count(&mut grid);
                quotients.push(c.ratio() / pop.org.expected().ratio);
            }
            if pop.org.at_cap() {
                break;
            }
            pop.tick();
        }
    }
    quotients
}

/// The mean of `values`.
pub fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}
