//! What the benchmarks share: organisations of a given size and the kd-tree baseline.

use bolwerk_model::contacts::ContactCounts;
use bolwerk_model::geometry::{radius_for, shell_volume};
use bolwerk_model::{Params, Population};
use glam::Vec3;
use kiddo::{ImmutableKdTree, SquaredEuclidean};

/// The head count whose organisation, with its customers, holds about `total` agents.
pub fn employees_for_total(params: &Params, total: u32) -> u32 {
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

/// The default organisation holding about `total` agents, at a fixed head count.
pub fn population(total: u32) -> Population {
    let mut params = Params::default();
    let n = employees_for_total(&params, total);
    params.initial_employees = n;
    params.max_employees = n;
    Population::new(params, 1).expect("default parameters are valid")
}

/// The kd-tree baseline: build the tree, then one radius query per agent, each pair
/// counted from its lower index.
pub fn kd_tree(employees: &[Vec3], customers: &[Vec3], d: f32) -> ContactCounts {
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
