//! A large organisation counted three ways must agree: the grid on all cores, the grid
//! with line sampling on (the demo's path), and a kd-tree, a method that shares no code
//! with the grid. Too large for the O(N²) count of `grid_matches_brute_force.rs`.

#[path = "../benches/common/mod.rs"]
mod common;

use bolwerk_model::contacts::ContactGrid;
use bolwerk_model::sampling::LineSampler;

#[test]
fn two_hundred_thousand_agents_counted_by_the_grid_equal_a_kd_tree() {
    let pop = common::population(200_000);
    let (e, c) = (&pop.employees, &pop.customers);
    assert!(e.len() + c.len() >= 195_000, "{} agents", e.len() + c.len());
    let d = pop.org.params().d as f32;

    let mut grid = ContactGrid::new();
    let plain = grid.count(e, c, d);
    let plain_front = grid.front_office().to_vec();
    let mut sampler = LineSampler::new(20_000, 3);
    let sampled = grid.count_sampled(e, c, d, &mut sampler);
    let tree = common::kd_tree(e, c, d);

    assert!(plain.internal > 1_000_000, "{plain:?}");
    assert_eq!(plain, tree, "grid vs kd-tree");
    assert_eq!(sampled, tree, "grid with lines vs kd-tree");
    assert_eq!(grid.front_office(), plain_front);
    assert_eq!(sampler.seen(), tree.internal + tree.customer);
    assert_eq!(sampler.pairs().len(), 20_000);
}
