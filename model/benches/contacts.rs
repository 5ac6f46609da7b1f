//! Contact counting at 10k, 100k and 1M agents (employees plus customers) at the
//! default densities: the grid (on all cores; with line sampling; on one core) against
//! a kd-tree rebuilt every frame (kiddo, one radius query per agent) and, at 10k only,
//! the O(N²) brute force.
//!
//! Run: `cargo bench -p bolwerk-model --features bench --bench contacts`. Results go in BENCHMARKS.md.

use std::hint::black_box;

mod common;

use bolwerk_model::contacts::{ContactGrid, brute_force};
use bolwerk_model::sampling::LineSampler;
use common::{kd_tree, population};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_main};

fn contacts(c: &mut Criterion) {
    let mut group = c.benchmark_group("contacts");
    group.sample_size(10);
    let one_thread = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a pool of one thread");
    for total in [10_000u32, 100_000, 1_000_000] {
        let pop = population(total);
        let (e, cu) = (&pop.employees, &pop.customers);
        let d = pop.org.params().d as f32;
        let agents = (e.len() + cu.len()) as u64;
        group.throughput(Throughput::Elements(agents));
        let label = format!("{}k", total / 1000);

        let mut grid = ContactGrid::new();
        let reference = grid.count(e, cu, d);
        let tree = kd_tree(e, cu, d);
        println!(
            "{label}: {} employees + {} customers, {} internal, {} customer contacts (kd-tree: {} / {})",
            e.len(),
            cu.len(),
            reference.internal,
            reference.customer,
            tree.internal,
            tree.customer
        );

        group.bench_function(BenchmarkId::new("grid", &label), |b| {
            b.iter(|| black_box(grid.count(black_box(e), black_box(cu), d)))
        });
        let mut sampler = LineSampler::new(20_000, 1);
        group.bench_function(BenchmarkId::new("grid-lines", &label), |b| {
            b.iter(|| {
                sampler.reset(20_000);
                black_box(grid.count_sampled(black_box(e), black_box(cu), d, &mut sampler))
            })
        });
        group.bench_function(BenchmarkId::new("grid-1-thread", &label), |b| {
            b.iter(|| one_thread.install(|| black_box(grid.count(black_box(e), black_box(cu), d))))
        });
        group.bench_function(BenchmarkId::new("kdtree", &label), |b| {
            b.iter(|| black_box(kd_tree(black_box(e), black_box(cu), d)))
        });
        if total <= 10_000 {
            group.bench_function(BenchmarkId::new("brute", &label), |b| {
                b.iter(|| black_box(brute_force(black_box(e), black_box(cu), d)))
            });
        }
    }
    group.finish();
}

/// The group, configured from the command line (what `criterion_group!` would write,
/// with a doc comment).
fn benches() {
    let mut criterion = Criterion::default().configure_from_args();
    contacts(&mut criterion);
}

criterion_main!(benches);
