//! The scaling table of BENCHMARKS.md in one run: for 10k, 100k, 300k and 1M agents
//! (the default organisation at a fixed head count, employees plus customers), the
//! time per count with lines off and on (20 000 sampled, as the app does), agents per
//! second, the share of the machine's ceiling estimate, and the kd-tree baseline
//! measured in the same run.
//!
//! Agents take a step between counts, as in the app, so each count sorts from the last
//! frame's order. The counts with lines off and on go through `Population`, as the app's
//! do: they note the front office, and renumber the agents in spatial order every
//! `RENUMBER_EVERY` ticks. A second copy of the organisation, never renumbered, is
//! counted through `ContactGrid::count` with its agents in the order they were made.
//! Times are medians, and for lines off also the mean, which takes in the
//! renumberings. It prints Markdown tables: the scaling table, then the count at 100k
//! employees for every shape.
//!
//! Release build: `cargo bench -p bolwerk-model --features bench --bench scaling`
//! The README's build (dev profile): `cargo bench -p bolwerk-model --features bench --bench scaling --profile dev`

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use bolwerk_model::contacts::ContactGrid;
use bolwerk_model::params::CELLS_R_MAX_IN_D;
use bolwerk_model::population::RENUMBER_EVERY;
use bolwerk_model::sampling::LineSampler;
use bolwerk_model::{Params, Population, Shape};
use common::{kd_tree, population};

/// The ceiling estimate for a 2-core machine at about 12 neighbours (from the issue that
/// set the target): 150 to 250 million agents per second; shares are of the midpoint.
const CEILING: f64 = 200e6;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn mean(v: &[Duration]) -> Duration {
    v.iter().sum::<Duration>() / v.len() as u32
}

/// Rounds before measuring: enough to warm the buffers and for the first renumbering
/// (at tick [`RENUMBER_EVERY`]; each round is two ticks) to have happened.
const WARM: u32 = RENUMBER_EVERY as u32 / 2 + 1;

fn main() {
    // `cargo bench` passes `--bench`; any other argument filters by size label.
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    println!(
        "| agents | employees + customers | count, lines off | same, mean | count, lines on | `ContactGrid::count`, id order | agents/s (off) | share of ceiling | kd-tree | kd-tree ÷ grid |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for (label, total, repeats, kd_repeats) in [
        ("10k", 10_000u32, 41, 5),
        ("100k", 100_000, 21, 3),
        ("300k", 300_000, 15, 3),
        ("1M", 1_000_000, 15, 1),
    ] {
        if !filter.is_empty() && !filter.iter().any(|f| f == label) {
            continue;
        }
        let mut pop = population(total);
        // The same organisation, never renumbered: agents in the order they were made,
        // as a tool outside the app may hand them to `ContactGrid::count`.
        let mut in_id_order = population(total);
        let d = pop.org.params().d as f32;
        let (mut grid, mut plain_grid) = (ContactGrid::new(), ContactGrid::new());
        let mut sampler = LineSampler::new(20_000, 1);
        let (mut off, mut on, mut plain) = (Vec::new(), Vec::new(), Vec::new());
        for k in 0..repeats + WARM {
            // As the app counts (`count_population`): noting the front office, and
            // renumbering the agents in spatial order every RENUMBER_EVERY ticks.
            pop.tick();
            let t = Instant::now();
            black_box(pop.count_and_note(&mut grid));
            let lines_off = t.elapsed();
            // Lines as the app samples them: 20 000 pairs taken while counting.
            pop.tick();
            sampler.reset(20_000);
            let t = Instant::now();
            black_box(pop.count_sampled_and_note(&mut grid, &mut sampler));
            let lines_on = t.elapsed();
            in_id_order.tick();
            let t = Instant::now();
            black_box(plain_grid.count(&in_id_order.employees, &in_id_order.customers, d));
            let id_order = t.elapsed();
            if k >= WARM {
                off.push(lines_off);
                on.push(lines_on);
                plain.push(id_order);
            }
        }
        let off_mean = mean(&off);
        let (off, on, plain) = (median(off), median(on), median(plain));
        let kd = median(
            (0..kd_repeats)
                .map(|_| {
                    let t = Instant::now();
                    black_box(kd_tree(&pop.employees, &pop.customers, d));
                    t.elapsed()
                })
                .collect(),
        );
        let agents = (pop.employees.len() + pop.customers.len()) as f64;
        let rate = agents / off.as_secs_f64();
        println!(
            "| {label} | {} + {} | {} | {} | {} | {} | {:.0} M | {:.0}% | {} | {:.1}× |",
            pop.employees.len(),
            pop.customers.len(),
            ms(off),
            ms(off_mean),
            ms(on),
            ms(plain),
            rate / 1e6,
            rate / CEILING * 100.0,
            ms(kd),
            kd.as_secs_f64() / off.as_secs_f64()
        );
    }
    if !filter.is_empty() && !filter.iter().any(|f| f == "shapes") {
        return;
    }
    println!();
    println!("| shape, 100k employees | agents | count, lines off | agents/s |");
    println!("|---|---|---|---|");
    let d = Params::default().d;
    for (name, shape, rotation) in [
        ("sphere", Shape::Sphere, 0.0),
        ("disc (t = 3d)", Shape::Disc { t: 3.0 * d }, 0.0),
        (
            "cells (r_max = 5d)",
            Shape::Cells {
                r_max: CELLS_R_MAX_IN_D * d,
            },
            0.0,
        ),
        ("sphere with rotation 0.02", Shape::Sphere, 0.02),
    ] {
        let params = Params {
            initial_employees: 100_000,
            max_employees: 100_000,
            shape,
            rotation,
            ..Params::default()
        };
        let mut pop = Population::new(params, 1).expect("valid parameters");
        let mut grid = ContactGrid::new();
        let times: Vec<Duration> = (0..17)
            .map(|_| {
                pop.tick();
                let t = Instant::now();
                black_box(grid.count(&pop.employees, &pop.customers, d as f32));
                t.elapsed()
            })
            .skip(2)
            .collect();
        let t = median(times);
        let agents = pop.employees.len() + pop.customers.len();
        println!(
            "| {name} | {agents} | {} | {:.0} M |",
            ms(t),
            agents as f64 / t.as_secs_f64() / 1e6
        );
    }
}
