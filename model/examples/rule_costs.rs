//! One count per contact rule at 5,000 (where the comparison stops the fade), 100k and
//! 1M employees, the hard reach beside them in the same run (BENCHMARKS.md, "Contact
//! rules"): the median of five counts of one sphere, after one count to warm the
//! buffers.
//!
//! `cargo run --release -p bolwerk-model --example rule_costs`

use std::time::{Duration, Instant};

use bolwerk_model::contacts::ContactGrid;
use bolwerk_model::rules::Counter;
use bolwerk_model::{Params, Population, Rule};

fn main() {
    let d = Params::default().d;
    for n in [5_000u32, 100_000, 1_000_000] {
        let params = Params {
            initial_employees: n,
            max_employees: n,
            ..Params::default()
        };
        let mut pop = Population::new(params.clone(), 1).expect("a valid sphere");
        pop.tick();
        let agents = (&pop.employees[..], &pop.customers[..]);
        println!("{n} employees, {} customers:", pop.customers.len());
        for rule in [
            Rule::Reach,
            Rule::Everyone,
            Rule::Fade { length: d / 3.0 },
            Rule::Cap { k: 4 },
        ] {
            let params = Params {
                rule,
                ..params.clone()
            };
            let mut grid = ContactGrid::new();
            let mut counter = Counter::default();
            let mut times: Vec<Duration> = Vec::new();
            let mut counts = counter.count(&params, agents, (1, 1), &mut grid, None);
            for _ in 0..5 {
                let start = Instant::now();
                counts = counter.count(&params, agents, (1, 1), &mut grid, None);
                times.push(start.elapsed());
            }
            times.sort();
            println!(
                "  {rule:?}: {:.1} ms (fastest {:.1}, slowest {:.1}); {:.0} contacts between colleagues, {:.0} customer contacts",
                times[2].as_secs_f64() * 1e3,
                times[0].as_secs_f64() * 1e3,
                times[4].as_secs_f64() * 1e3,
                counts.internal,
                counts.customer
            );
        }
    }
}
