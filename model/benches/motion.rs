//! The two halves of a tick for every shape at about a million agents: the growth half
//! (`Population::grow`: hires, the shift of the agents already placed, rotation) and
//! the motion half (`Population::walk`: every agent's random step, reflected into its
//! region). The organisation grows by 0.4% a tick; times are medians over the ticks
//! measured. It prints a Markdown table.
//!
//! Release build: `cargo bench -p bolwerk-model --features bench --bench motion`
//! (any other argument keeps only the shapes whose names start with it).

use std::time::{Duration, Instant};

use bolwerk_model::params::CELLS_R_MAX_IN_D;
use bolwerk_model::{GrowthLaw, Params, Population, Shape};

/// Ticks run before measuring, then ticks measured.
const WARM: usize = 2;
const MEASURED: usize = 41;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn main() {
    // `cargo bench` passes `--bench`; any other argument filters by shape name.
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let d = Params::default().d;
    println!("| shape | agents | grow | walk | walk, agents/s |");
    println!("|---|---|---|---|---|");
    // Head counts that give each shape about a million agents with its customers.
    for (name, shape, rotation, employees) in [
        ("sphere", Shape::Sphere, 0.0, 920_000),
        ("disc (t = 3d)", Shape::Disc { t: 3.0 * d }, 0.0, 600_000),
        (
            "cells (r_max = 5d)",
            Shape::Cells {
                r_max: CELLS_R_MAX_IN_D * d,
            },
            0.0,
            480_000,
        ),
        ("sphere with rotation 0.02", Shape::Sphere, 0.02, 920_000),
    ] {
        if !filter.is_empty() && !filter.iter().any(|f| name.starts_with(f.as_str())) {
            continue;
        }
        let params = Params {
            initial_employees: employees,
            max_employees: 2 * employees,
            growth: GrowthLaw::Exponential { rate: 0.004 },
            shape,
            rotation,
            ..Params::default()
        };
        let mut pop = Population::new(params, 1).expect("valid parameters");
        let (mut grow, mut walk) = (Vec::new(), Vec::new());
        for k in 0..WARM + MEASURED {
            let t = Instant::now();
            pop.grow();
            let grown = t.elapsed();
            let t = Instant::now();
            pop.walk();
            let walked = t.elapsed();
            if k >= WARM {
                grow.push(grown);
                walk.push(walked);
            }
        }
        let agents = pop.employees.len() + pop.customers.len();
        let walk = median(walk);
        println!(
            "| {name} | {agents} | {} | {} | {:.0} M |",
            ms(median(grow)),
            ms(walk),
            agents as f64 / walk.as_secs_f64() / 1e6
        );
    }
}
