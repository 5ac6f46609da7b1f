//! How closely a *growing* organisation follows the exact theory: the mean of
//! measured ÷ expected customer ratio over every sample with R ≥ 10d, per seed, for
//! two parameter sets that differ from the defaults in every field, one per growth law.
//!
//! Run: `cargo run --release -p bolwerk-model --example fidelity`. BENCHMARKS.md records
//! its output before and after the customer shell's growth rule changed.

use bolwerk_model::contacts::ContactGrid;
use bolwerk_model::theory::ratio_exact;
use bolwerk_model::{GrowthLaw, Params, Population};

const SEEDS: [u64; 6] = [1, 2, 3, 4, 5, 6];
const EVERY: u64 = 10;

fn sets() -> [(&'static str, Params); 2] {
    [
        (
            "A: rho 2, rho_c 0.3, d 1, w 2.5, exponential 0.01 to 60k",
            Params {
                rho: 2.0,
                rho_c: 0.3,
                d: 1.0,
                w: Some(2.5),
                step_sd: Some(0.04),
                initial_employees: 2_000,
                max_employees: 60_000,
                growth: GrowthLaw::Exponential { rate: 0.01 },
                ..Params::default()
            },
        ),
        (
            "B: rho 0.7, rho_c 0.8, d 1.8, w 4, linear 150/tick to 60k",
            Params {
                rho: 0.7,
                rho_c: 0.8,
                d: 1.8,
                w: Some(4.0),
                step_sd: Some(0.12),
                initial_employees: 3_000,
                max_employees: 60_000,
                growth: GrowthLaw::Linear { per_tick: 150.0 },
                ..Params::default()
            },
        ),
    ]
}

fn main() {
    let mut grid = ContactGrid::new();
    for (name, params) in sets() {
        println!("{name}");
        let mut all = Vec::new();
        for seed in SEEDS {
            let mut pop = Population::new(params.clone(), seed).expect("valid parameters");
            let mut ratios = Vec::new();
            loop {
                let r = pop.org.radius();
                if pop.org.tick().is_multiple_of(EVERY) && r >= 10.0 * params.d {
                    let c = pop.count(&mut grid);
                    ratios.push(c.ratio() / ratio_exact(params.rho, params.rho_c, params.d, r));
                }
                if pop.org.at_cap() {
                    break;
                }
                pop.tick();
            }
            let mean = ratios.iter().sum::<f64>() / ratios.len() as f64;
            println!(
                "  seed {seed}: {} samples, measured / expected = {mean:.4}",
                ratios.len()
            );
            all.extend(ratios);
        }
        let mean = all.iter().sum::<f64>() / all.len() as f64;
        println!(
            "  all seeds: {} samples, mean {mean:.4} ({:+.1}%)",
            all.len(),
            (mean - 1.0) * 100.0
        );
    }
}
