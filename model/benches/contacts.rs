//! Contact counting at 10k, 100k and 1M agents (employees plus customers) at the
//! default densities: the grid (on all cores, and on one) against a kd-tree rebuilt every frame (kiddo, one
//! radius query per agent) and, at 10k only, the O(N²) brute force.
//!
//! Run: `cargo bench -p bolwerk-model --bench contacts`. Results go in BENCHMARKS.md.

use std::hint::black_box;

use bolwerk_model::contacts::{ContactCounts, ContactGrid, brute_force};
use bolwerk_model::geometry::{radius_for, shell_volume};
use bolwerk_model::{Params, Population};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use glam::Vec3;
use kiddo::{ImmutableKdTree, SquaredEuclidean};

/// The head count whose organisation, with its customers, holds about `total` agents.
fn employees_for_total(params: &Params, total: u32) -> u32 {
    let agents = |n: u32| {
        let r = radius_for(n, params.rho);
        f64::from(n) + params.rho_c * shell_volume(r, r + params.shell_width())
    };
    let (mut lo, mut hi) = (1u32, total);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if agents(mid) < f64::from(total) {
            lo = mid + 1
        } else {
            hi = mid
        }
    }
    lo
}

fn population(total: u32) -> Population {
    let mut params = Params::default();
    let n = employees_for_total(&params, total);
    params.initial_employees = n;
    params.max_employees = n;
    Population::new(params, 1).expect("default parameters are valid")
}

/// The kd-tree baseline: build the tree, then one radius query per agent, each pair
/// counted from its lower index.
fn kd_tree(employees: &[Vec3], customers: &[Vec3], d: f32) -> ContactCounts {
    let points: Vec<[f32; 3]> = employees
        .iter()
        .chain(customers)
        .map(|p| p.to_array())
        .collect();
    let tree: ImmutableKdTree<f32, 3> = ImmutableKdTree::new_from_slice(&points);
    let ne = employees.len();
    let mut counts = ContactCounts {
        employees: ne as u32,
        ..ContactCounts::default()
    };
    for (i, q) in points.iter().take(ne).enumerate() {
        let mut has_customer = false;
        for nb in tree.within_unsorted::<SquaredEuclidean>(q, d * d) {
            let j = nb.item as usize;
            if j >= ne {
                counts.customer += 1;
                has_customer = true;
            } else if j > i {
                counts.internal += 1;
            }
        }
        counts.front_office += u32::from(has_customer);
    }
    counts
}

fn contacts(c: &mut Criterion) {
    let mut group = c.benchmark_group("contacts");
    group.sample_size(10);
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
        group.bench_function(BenchmarkId::new("grid-1-thread", &label), |b| {
            b.iter(|| black_box(grid.count_with(black_box(e), black_box(cu), d, &mut ())))
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

criterion_group!(benches, contacts);
criterion_main!(benches);
