//! Counts the default organisation of about N agents a few times: a target for
//! profilers (`valgrind --tool=callgrind`, `perf`). Not a benchmark: see benches/.
//!
//! Run: `cargo run --release -p bolwerk-model --example count_once -- [AGENTS] [REPEATS]`

use bolwerk_model::contacts::ContactGrid;
use bolwerk_model::{Params, Population};

fn main() {
    let mut args = std::env::args().skip(1);
    let agents: u32 = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let repeats: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(3);
    // About 93% of the agents are employees at the defaults, at this size.
    let n = (f64::from(agents) * 0.93) as u32;
    let params = Params {
        initial_employees: n,
        max_employees: n,
        ..Params::default()
    };
    let mut pop = Population::new(params, 1).expect("valid parameters");
    let mut grid = ContactGrid::new();
    for _ in 0..repeats {
        pop.tick();
        let t = std::time::Instant::now();
        let c = pop.count(&mut grid);
        println!("{:?} in {:.1} ms", c, t.elapsed().as_secs_f64() * 1e3);
    }
}
