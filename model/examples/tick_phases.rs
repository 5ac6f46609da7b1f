//! Where a headless tick's time goes at 1M employees, without the app: growth, the
//! random walk, the count (with the front office noted, and the renumbering every
//! `RENUMBER_EVERY` ticks) and reach, each the mean of 64 ticks after 33 warm-up ticks
//! (so after the first renumbering, and with two more among them). BENCHMARKS.md, "the
//! whole tick", quotes it.
//!
//! `cargo run --release -p bolwerk-model --example tick_phases`

use std::time::{Duration, Instant};

use bolwerk_model::{ContactGrid, Params, Population};

const TICKS: u32 = 64;
const WARM: u32 = 33;

fn main() {
    let params = Params {
        initial_employees: 1_000_000,
        max_employees: 1_000_000,
        ..Params::default()
    };
    let mut pop = Population::new(params, 1).expect("valid parameters");
    let mut grid = ContactGrid::new();
    for _ in 0..WARM {
        pop.tick();
        pop.count_and_note(&mut grid);
    }
    let mut spent = [Duration::ZERO; 4];
    let mut timed = |phase: usize, f: &mut dyn FnMut()| {
        let t = Instant::now();
        f();
        spent[phase] += t.elapsed();
    };
    for _ in 0..TICKS {
        timed(0, &mut || pop.grow());
        timed(1, &mut || pop.walk());
        timed(2, &mut || {
            std::hint::black_box(pop.count_and_note(&mut grid));
        });
        timed(3, &mut || {
            std::hint::black_box(pop.reach());
        });
    }
    let agents = pop.employees.len() + pop.customers.len();
    let ms = |d: Duration| d.as_secs_f64() * 1e3 / f64::from(TICKS);
    println!(
        "{agents} agents, per tick: grow {:.2} ms, walk {:.2} ms, count {:.2} ms, reach {:.2} ms",
        ms(spent[0]),
        ms(spent[1]),
        ms(spent[2]),
        ms(spent[3])
    );
}
