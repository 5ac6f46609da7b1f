//! The grid's counts equal an O(N²) count exactly, on configurations chosen to trip it:
//! pairs at exactly `d`, agents on cell borders or all in one cell, 0 and 1 agents,
//! negative coordinates, sparse crowds and coincident points.

use bolwerk_model::contacts::{
    ContactGrid, PARALLEL_MIN_AGENTS, PairKind, brute_force, in_contact,
};
use bolwerk_model::sampling::LineSampler;
use glam::Vec3;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Every pair in contact, by brute force: internal pairs with the lower index first.
fn all_pairs(employees: &[Vec3], customers: &[Vec3], d: f32) -> Vec<(PairKind, u32, u32)> {
    let d2 = d * d;
    let mut pairs = Vec::new();
    for (i, &a) in employees.iter().enumerate() {
        for (j, &b) in employees.iter().enumerate().skip(i + 1) {
            if in_contact(a, b, d2) {
                pairs.push((PairKind::Internal, i as u32, j as u32));
            }
        }
        for (j, &b) in customers.iter().enumerate() {
            if in_contact(a, b, d2) {
                pairs.push((PairKind::Customer, i as u32, j as u32));
            }
        }
    }
    pairs.sort_unstable_by_key(|&(k, a, b)| (k == PairKind::Customer, a, b));
    pairs
}

/// The sampler's pairs, internal ones with the lower index first, sorted.
fn sampled(sampler: &LineSampler) -> Vec<(PairKind, u32, u32)> {
    let mut pairs: Vec<_> = sampler
        .pairs()
        .iter()
        .map(|p| match p.kind {
            PairKind::Internal => (p.kind, p.employee.min(p.other), p.employee.max(p.other)),
            PairKind::Customer => (p.kind, p.employee, p.other),
        })
        .collect();
    pairs.sort_unstable_by_key(|&(k, a, b)| (k == PairKind::Customer, a, b));
    pairs
}

/// Adds one frame's sample to `kept`, the times each of `pairs` (sorted as
/// [`all_pairs`] sorts them) was kept, checking that the frame holds no pair twice and
/// only real contacts.
fn tally(frame: &[(PairKind, u32, u32)], pairs: &[(PairKind, u32, u32)], kept: &mut [u32]) {
    for w in frame.windows(2) {
        assert_ne!(w[0], w[1], "a pair kept twice in one frame");
    }
    let key = |&(k, a, b): &(PairKind, u32, u32)| (k == PairKind::Customer, a, b);
    for p in frame {
        let at = pairs.binary_search_by_key(&key(p), key);
        kept[at.expect("a sampled pair is a real contact")] += 1;
    }
}

/// Counts one frame with `sampler`, checks that it kept exactly `cap` pairs, and tallies
/// them into `kept` ([`tally`]).
fn count_and_tally(
    (grid, sampler): (&mut ContactGrid, &mut LineSampler),
    (e, c, d): (&[Vec3], &[Vec3], f32),
    cap: usize,
    pairs: &[(PairKind, u32, u32)],
    kept: &mut [u32],
) {
    grid.count_sampled(e, c, d, sampler);
    let frame = sampled(sampler);
    assert_eq!(frame.len(), cap);
    tally(&frame, pairs, kept);
}

/// Checks that the pairs each selection picks were kept `expected` times on average,
/// within `tolerance` of it (as a share).
fn assert_kept_evenly(
    kept: &[u32],
    expected: f64,
    tolerance: f64,
    selections: &[(&str, &dyn Fn(usize) -> bool)],
) {
    for (what, sel) in selections {
        let (sum, count) = (0..kept.len())
            .filter(|&i| sel(i))
            .fold((0u64, 0u64), |(s, k), i| (s + u64::from(kept[i]), k + 1));
        let m = sum as f64 / count as f64 / expected;
        assert!(
            (m - 1.0).abs() < tolerance,
            "{what}: kept {m:.3} × the fair rate"
        );
    }
}

fn check(employees: &[Vec3], customers: &[Vec3], d: f32, what: &str) {
    let mut grid = ContactGrid::new();
    let got = grid.count(employees, customers, d);
    let want = brute_force(employees, customers, d);
    assert_eq!(got, want, "{what}: grid {got:?} vs brute force {want:?}");
    let front = grid.front_office().to_vec();
    assert_eq!(
        front.iter().filter(|&&f| f).count() as u32,
        want.front_office,
        "{what}: front-office flags"
    );
    // Counting with a sample as large as every pair: the same counts and flags, and
    // the sample is every pair, each once.
    let mut sampler = LineSampler::new(usize::MAX, 3);
    let sampled_counts = grid.count_sampled(employees, customers, d, &mut sampler);
    assert_eq!(sampled_counts, want, "{what}: counting while sampling");
    assert_eq!(
        grid.front_office(),
        &front[..],
        "{what}: flags while sampling"
    );
    assert_eq!(
        sampler.seen(),
        want.internal + want.customer,
        "{what}: pairs seen"
    );
    assert_eq!(
        sampled(&sampler),
        all_pairs(employees, customers, d),
        "{what}: pairs"
    );
    // Again with the same sampler: now the sample is taken while counting.
    assert_eq!(
        grid.count_sampled(employees, customers, d, &mut sampler),
        want,
        "{what}: counting while sampling, second frame"
    );
    assert_eq!(
        sampled(&sampler),
        all_pairs(employees, customers, d),
        "{what}: pairs, second frame"
    );
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

/// One grid kept over many frames, as the app keeps it, while the crowd moves a little
/// (the grid is reused), grows past it, shrinks inside it, jumps far away, and `d`
/// changes (each laid out anew): every frame's counts, flags and full sample are the
/// brute force's.
#[test]
fn one_grid_kept_while_the_crowd_moves_grows_shrinks_and_jumps() {
    let mut rng = ChaCha8Rng::seed_from_u64(31);
    let mut e = random_points(&mut rng, 700, -5.0, 5.0);
    let mut c = random_points(&mut rng, 200, -6.0, 6.0);
    let mut grid = ContactGrid::new();
    let mut sampler = LineSampler::new(usize::MAX, 5);
    let mut d = 1.0;
    for frame in 0..40 {
        match frame {
            // Grow: everyone further out, past the grid's slack.
            10 => e.iter_mut().chain(c.iter_mut()).for_each(|p| *p *= 1.6),
            // Shrink: everyone closer in, far inside the grid.
            18 => e.iter_mut().chain(c.iter_mut()).for_each(|p| *p *= 0.4),
            // Jump: the whole crowd moved far off.
            24 => e
                .iter_mut()
                .chain(c.iter_mut())
                .for_each(|p| *p += Vec3::new(300.0, -120.0, 45.0)),
            30 => d = 1.3,
            // New agents, some of them outside the grid.
            34 => {
                let far = random_points(&mut rng, 60, 290.0, 320.0);
                e.extend(far);
            }
            _ => {}
        }
        // A small random step each frame, as the walk takes.
        for p in e.iter_mut().chain(c.iter_mut()) {
            *p += Vec3::new(
                rng.random_range(-0.05..0.05),
                rng.random_range(-0.05..0.05),
                rng.random_range(-0.05..0.05),
            );
        }
        let want = brute_force(&e, &c, d);
        assert_eq!(grid.count(&e, &c, d), want, "frame {frame}");
        let front = grid.front_office().to_vec();
        assert_eq!(
            front.iter().filter(|&&f| f).count() as u32,
            want.front_office,
            "frame {frame}: flags"
        );
        if frame % 3 == 0 {
            assert_eq!(grid.count_sampled(&e, &c, d, &mut sampler), want);
            assert_eq!(grid.front_office(), &front[..], "frame {frame}");
            assert_eq!(sampled(&sampler), all_pairs(&e, &c, d), "frame {frame}");
        }
    }
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
    assert!(e.len() + c.len() >= PARALLEL_MIN_AGENTS);
    let mut grid = ContactGrid::new();
    let parallel = grid.count(e, c, 1.42);
    let parallel_front = grid.front_office().to_vec();
    let one_thread = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let sequential = one_thread.install(|| grid.count(e, c, 1.42));
    assert_eq!(parallel, sequential);
    assert_eq!(parallel_front, grid.front_office());
    assert_eq!(parallel, brute_force(e, c, 1.42));
}

/// When a crowd holds far fewer pairs per agent than the one before it (here the same
/// agents spread wider), the sample taken while counting keeps too few pairs (its rate
/// was set for the denser crowd), and it is taken again at the rate for this one. The
/// sample is still exactly the cap, of real and distinct pairs, each pair kept equally
/// often.
#[test]
fn a_sample_short_of_the_cap_is_taken_again_fairly() {
    let mut rng = ChaCha8Rng::seed_from_u64(22);
    let e = random_points(&mut rng, 900, -6.0, 6.0);
    let c = random_points(&mut rng, 300, -6.0, 6.0);
    let d = 1.3;
    // The sparse crowd: the same agents, 1.6 times as far apart.
    let spread = |p: &Vec3| *p * 1.6;
    let (sparse_e, sparse_c): (Vec<Vec3>, Vec<Vec3>) = (
        e.iter().map(spread).collect(),
        c.iter().map(spread).collect(),
    );
    let (all, pairs) = (
        all_pairs(&e, &c, d).len(),
        all_pairs(&sparse_e, &sparse_c, d),
    );
    let n = pairs.len();
    // The rate set for the dense crowd keeps about 90 of its pairs: of the sparse
    // crowd's, about 90 n / all: under 30, where 50 are needed.
    assert!(
        all > 2_000 && n > 100 && 90 * n < 30 * all,
        "{all} and {n} pairs"
    );
    let mut grid = ContactGrid::new();
    let mut sampler = LineSampler::new(50, 9);
    let mut kept = vec![0u32; n];
    let frames = 1_500;
    for _ in 0..frames {
        grid.count_sampled(&e, &c, d, &mut sampler);
        assert_eq!(sampler.pairs().len(), 50);
        let sparse = (&sparse_e[..], &sparse_c[..], d);
        count_and_tally((&mut grid, &mut sampler), sparse, 50, &pairs, &mut kept);
    }
    let expected = f64::from(frames) * 50.0 / n as f64;
    let customer = |i: usize| pairs[i].0 == PairKind::Customer;
    let low = |i: usize| sparse_e[pairs[i].1 as usize].z < 0.0;
    assert_kept_evenly(
        &kept,
        expected,
        0.05,
        &[
            ("internal", &|i| !customer(i)),
            ("customer", &customer),
            ("z < 0 (counted first)", &low),
            ("z ≥ 0 (counted last)", &|i| !low(i)),
        ],
    );
}

#[test]
fn a_capped_sample_keeps_every_pair_equally_often() {
    // A sample of 50 of a few thousand pairs, over many frames: every pair real and
    // kept at most once a frame, the cap always met, and pairs kept equally often
    // wherever they come in the counting order (first or last cells, internal or
    // customer).
    let mut rng = ChaCha8Rng::seed_from_u64(21);
    let e = random_points(&mut rng, 900, -6.0, 6.0);
    let c = random_points(&mut rng, 300, -6.0, 6.0);
    let d = 1.3;
    let pairs = all_pairs(&e, &c, d);
    let n = pairs.len();
    assert!(n > 2_000, "{n} pairs");
    let mut grid = ContactGrid::new();
    let mut sampler = LineSampler::new(50, 8);
    let mut kept = vec![0u32; n];
    let frames = 2_000;
    for _ in 0..frames {
        count_and_tally(
            (&mut grid, &mut sampler),
            (&e, &c, d),
            50,
            &pairs,
            &mut kept,
        );
    }
    // Every pair is expected 2 000 × 50 / n times; split the pairs by position in the
    // brute-force order and by employee position, and compare the halves.
    let expected = f64::from(frames) * 50.0 / n as f64;
    let customer = |i: usize| pairs[i].0 == PairKind::Customer;
    let left = |i: usize| e[pairs[i].1 as usize].x < 0.0;
    let low = |i: usize| e[pairs[i].1 as usize].z < 0.0;
    assert_kept_evenly(
        &kept,
        expected,
        0.04,
        &[
            ("internal", &|i| !customer(i)),
            ("customer", &customer),
            ("x < 0", &left),
            ("x ≥ 0", &|i| !left(i)),
            ("z < 0 (counted first)", &low),
            ("z ≥ 0 (counted last)", &|i| !low(i)),
        ],
    );
}
