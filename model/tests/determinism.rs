//! One seed fixes everything.

use bolwerk_model::contacts::{ContactGrid, PARALLEL_MIN_AGENTS};
use bolwerk_model::population::RENUMBER_MIN;
use bolwerk_model::sampling::LineSampler;
use bolwerk_model::{GrowthLaw, PairKind, Params, Population};

/// Employee positions, customer positions, and (internal, customer, front office) per tick.
type Run = (Vec<[f32; 3]>, Vec<[f32; 3]>, Vec<(f64, f64, f64)>);

fn run(seed: u64) -> Run {
    let params = Params {
        initial_employees: 200,
        max_employees: 2_000,
        growth: GrowthLaw::Exponential { rate: 0.02 },
        ..Params::default()
    };
    let mut pop = Population::new(params, seed).unwrap();
    let mut grid = ContactGrid::new();
    let mut counts = Vec::new();
    for _ in 0..60 {
        pop.tick();
        let c = pop.count(&mut grid);
        counts.push((c.internal, c.customer, c.front_office));
    }
    let bits = |v: &[glam::Vec3]| v.iter().map(|p| p.to_array()).collect();
    (bits(&pop.employees), bits(&pop.customers), counts)
}

#[test]
fn the_same_seed_gives_identical_runs() {
    let a = run(42);
    let b = run(42);
    // Compare the bits: equal floats are not enough to call a run identical.
    let to_bits =
        |v: &Vec<[f32; 3]>| -> Vec<[u32; 3]> { v.iter().map(|p| p.map(f32::to_bits)).collect() };
    assert_eq!(to_bits(&a.0), to_bits(&b.0));
    assert_eq!(to_bits(&a.1), to_bits(&b.1));
    assert_eq!(a.2, b.2);
}

#[test]
fn another_seed_gives_another_run() {
    let a = run(42);
    let b = run(43);
    assert_ne!(a.0, b.0);
    assert_ne!(a.2, b.2);
}

/// What a sampled run gives, tick by tick: the counts, the front-office flags and the
/// sampled pairs (kind, employee, other), then the positions at the end.
type SampledRun = (
    Vec<(f64, f64, f64)>,
    Vec<Vec<bool>>,
    Vec<Vec<(bool, u32, u32)>>,
    Vec<[u32; 3]>,
);

/// A crowd of about 54 000 agents counted with lines on (20 000 pairs sampled while
/// counting, as the app does) for 34 ticks, on a pool of `threads` threads.
fn sampled_run(threads: usize) -> SampledRun {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    pool.install(|| {
        assert_eq!(rayon::current_num_threads(), threads);
        let params = Params {
            initial_employees: 44_000,
            max_employees: 44_000,
            ..Params::default()
        };
        let mut pop = Population::new(params, 7).unwrap();
        let mut grid = ContactGrid::new();
        let mut sampler = LineSampler::new(20_000, 7);
        let mut run: SampledRun = Default::default();
        // Past tick 32, so that the crowd (over RENUMBER_MIN agents) is renumbered once.
        for _ in 0..34 {
            pop.tick();
            let agents = pop.employees.len() + pop.customers.len();
            // Large enough to be sorted and counted on the pool, and to be renumbered.
            assert!(agents >= PARALLEL_MIN_AGENTS.max(RENUMBER_MIN), "{agents}");
            sampler.reset(20_000);
            let c = pop.count_sampled_and_note(&mut grid, &mut sampler);
            assert_eq!(
                sampler.pairs().len(),
                20_000,
                "a proper subset of the pairs"
            );
            run.0.push((c.internal, c.customer, c.front_office));
            run.1.push(grid.front_office().to_vec());
            let pairs = sampler.pairs().iter();
            let pairs = pairs.map(|p| (p.kind == PairKind::Customer, p.employee, p.other));
            run.2.push(pairs.collect());
        }
        run.3 = pop
            .employees
            .iter()
            .map(|p| p.to_array().map(f32::to_bits))
            .collect();
        run
    })
}

/// A sampled count gives the same counts, flags and sampled pairs, bit for bit, on one
/// thread and on four. The counts are sums, but the sample is not: which pairs it keeps
/// depends on where each pair falls in its slab's counting order and on each slab's own
/// random numbers. So this fails if the slabs followed the number of threads (each
/// slab's part of the sample is seeded in slab order), if the slabs' kept pairs were
/// joined in the order the slabs finish, or if the sort's parts (one per thread, up to
/// eight) changed the order of the agents within a cell.
#[test]
fn a_sampled_count_is_the_same_on_one_thread_and_on_four() {
    let one = sampled_run(1);
    let four = sampled_run(4);
    assert_eq!(one.0, four.0, "counts");
    assert_eq!(one.1, four.1, "front-office flags");
    for (tick, (a, b)) in one.2.iter().zip(&four.2).enumerate() {
        assert_eq!(a, b, "sampled pairs, tick {tick}");
    }
    assert_eq!(one.3, four.3, "positions");
}
