//! The grid's counts equal an O(N²) count exactly, on configurations chosen to trip it:
//! pairs at exactly `d`, agents on cell borders or all in one cell, 0 and 1 agents,
//! negative coordinates, sparse crowds and coincident points.

use bolwerk_model::contacts::{ContactGrid, brute_force};
use glam::Vec3;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn check(employees: &[Vec3], customers: &[Vec3], d: f32, what: &str) {
    let mut grid = ContactGrid::new();
    let got = grid.count(employees, customers, d);
    let want = brute_force(employees, customers, d);
    assert_eq!(got, want, "{what}: grid {got:?} vs brute force {want:?}");
    let front = grid.front_office().iter().filter(|&&f| f).count() as u32;
    assert_eq!(front, want.front_office, "{what}: front-office flags");
}

fn random_points(rng: &mut ChaCha8Rng, n: usize, lo: f32, hi: f32) -> Vec<Vec3> {
    (0..n)
        .map(|_| {
            Vec3::new(
                rng.random_range(lo..hi),
                rng.random_range(lo..hi),
                rng.random_range(lo..hi),
            )
        })
        .collect()
}

#[test]
fn random_crowds_with_negative_coordinates() {
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    for case in 0..60 {
        let ne = rng.random_range(0..600);
        let nc = rng.random_range(0..400);
        let lo = rng.random_range(-20.0..0.0);
        let hi = lo + rng.random_range(0.5..15.0);
        let d = rng.random_range(0.2..3.0);
        let e = random_points(&mut rng, ne, lo, hi);
        let c = random_points(&mut rng, nc, lo, hi);
        check(
            &e,
            &c,
            d,
            &format!("case {case}: {ne}+{nc} in [{lo}, {hi}), d = {d}"),
        );
    }
}

#[test]
fn lattices_with_pairs_at_exactly_d_on_cell_borders() {
    // Binary-exact spacings: neighbours on the lattice are exactly `d` apart, and
    // every agent sits on (or within rounding of) a cell border.
    for (d, offset) in [(1.0f32, 0.0f32), (0.5, -3.0), (2.0, -7.5), (0.25, 1.25)] {
        let mut e = Vec::new();
        let mut c = Vec::new();
        for x in -4..5 {
            for y in -4..5 {
                for z in -4..5 {
                    let p = Vec3::new(x as f32, y as f32, z as f32) * d + offset;
                    if (x + y + z) % 3 == 0 {
                        c.push(p)
                    } else {
                        e.push(p)
                    }
                }
            }
        }
        let want = brute_force(&e, &c, d);
        assert!(want.internal > 0 && want.customer > 0);
        check(&e, &c, d, &format!("lattice d = {d}"));
        // Just below d, the axis neighbours drop out but the counts still agree.
        check(
            &e,
            &c,
            d * 0.999_9,
            &format!("lattice d = {d}, tested just below"),
        );
    }
}

#[test]
fn a_non_binary_d_with_pairs_at_d() {
    let d = 1.42f32;
    let e: Vec<Vec3> = (-10..10)
        .map(|k| Vec3::new(k as f32 * d, 0.3, -2.0))
        .collect();
    let c: Vec<Vec3> = (-10..10)
        .map(|k| Vec3::new(k as f32 * d, 0.3 + d, -2.0))
        .collect();
    check(&e, &c, d, "a ladder of spacing 1.42");
}

#[test]
fn everyone_in_one_cell_and_on_one_spot() {
    let mut rng = ChaCha8Rng::seed_from_u64(2);
    let e = random_points(&mut rng, 80, 3.0, 3.5);
    let c = random_points(&mut rng, 40, 3.0, 3.5);
    check(&e, &c, 1.0, "one cell");
    let e = vec![Vec3::splat(-1.0); 25];
    let c = vec![Vec3::splat(-1.0); 5];
    let counts = ContactGrid::new().count(&e, &c, 1.0);
    assert_eq!(
        (counts.internal, counts.customer, counts.front_office),
        (300, 125, 25)
    );
    check(&e, &c, 1.0, "one spot");
}

#[test]
fn nobody_one_agent_and_customers_alone() {
    check(&[], &[], 1.0, "nobody");
    check(&[Vec3::ONE], &[], 1.0, "one employee");
    check(&[], &[Vec3::ONE], 1.0, "one customer");
    check(&[], &[Vec3::ZERO, Vec3::X * 0.5], 1.0, "two customers");
    check(&[Vec3::ZERO], &[Vec3::X * 0.5], 1.0, "one of each");
    let counts = ContactGrid::new().count(&[Vec3::ZERO], &[Vec3::X * 0.5], 1.0);
    assert_eq!((counts.customer, counts.front_office), (1, 1));
}

#[test]
fn sparse_crowds_that_widen_the_cells() {
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    let e = random_points(&mut rng, 300, -500.0, 500.0);
    let mut c = random_points(&mut rng, 100, -500.0, 500.0);
    // Some close pairs too, so there is something to find.
    c.extend(e.iter().take(50).map(|p| *p + Vec3::new(0.3, -0.2, 0.1)));
    let mut grid = ContactGrid::new();
    grid.count(&e, &c, 0.5);
    let cells: usize = grid.dims().iter().product();
    assert!(cells <= 8 * (e.len() + c.len()).max(512), "{cells} cells");
    check(&e, &c, 0.5, "sparse");
}

#[test]
fn a_grown_organisation() {
    use bolwerk_model::{Params, Population};
    let params = Params {
        initial_employees: 3000,
        ..Params::default()
    };
    let mut pop = Population::new(params, 8).unwrap();
    for _ in 0..5 {
        pop.tick();
    }
    check(
        &pop.employees,
        &pop.customers,
        1.42,
        "an organisation of 3000",
    );
}

#[test]
fn a_crowd_large_enough_to_count_on_several_threads() {
    use bolwerk_model::{Params, Population};
    let params = Params {
        initial_employees: 22_000,
        max_employees: 22_000,
        ..Params::default()
    };
    let pop = Population::new(params, 4).unwrap();
    let (e, c) = (&pop.employees, &pop.customers);
    let mut grid = ContactGrid::new();
    let parallel = grid.count(e, c, 1.42);
    let parallel_front = grid.front_office().to_vec();
    let sequential = grid.count_with(e, c, 1.42, &mut ());
    assert_eq!(parallel, sequential);
    assert_eq!(parallel_front, grid.front_office());
    assert_eq!(parallel, brute_force(e, c, 1.42));
}
