//! The what-if shapes (docs/MODEL.md, "Beyond the sphere"): counted exactly, following
//! their theories while they grow, keeping their ratios above the sphere's, and
//! rotation changing reach, not the ratio. Every check averages over seeds.

use bolwerk_model::contacts::{ContactGrid, brute_force};
use bolwerk_model::params::CELLS_R_MAX_IN_D;
use bolwerk_model::theory::ratio_exact;
use bolwerk_model::{GrowthLaw, Params, Population, Shape};

fn params(shape: Shape, initial: u32, cap: u32) -> Params {
    Params {
        initial_employees: initial,
        max_employees: cap,
        growth: GrowthLaw::Exponential { rate: 0.03 },
        shape,
        ..Params::default()
    }
}

#[test]
fn every_shape_is_counted_exactly() {
    let d = Params::default().d;
    for (name, p) in [
        ("disc", params(Shape::Disc { t: 3.0 * d }, 300, 2_500)),
        ("cells", params(Shape::Cells { r_max: 4.0 * d }, 300, 2_500)),
        (
            "rotating sphere",
            Params {
                rotation: 0.05,
                ..params(Shape::Sphere, 300, 2_500)
            },
        ),
    ] {
        let mut pop = Population::new(p, 7).unwrap();
        let mut grid = ContactGrid::new();
        for tick in 0..80 {
            pop.tick();
            if tick % 20 == 19 {
                let got = pop.count(&mut grid);
                let want = brute_force(&pop.employees, &pop.customers, d as f32);
                assert_eq!(got, want.into(), "{name}, tick {tick}");
                let front = grid.front_office().iter().filter(|&&f| f).count() as u32;
                assert_eq!(front, want.front_office, "{name}: front-office flags");
            }
        }
    }
}

#[test]
fn every_shape_is_deterministic() {
    let d = Params::default().d;
    for shape in [
        Shape::Sphere,
        Shape::Disc { t: 4.0 * d },
        Shape::Cells { r_max: 4.0 * d },
    ] {
        let run = |seed| {
            let mut pop = Population::new(
                Params {
                    rotation: if matches!(shape, Shape::Cells { .. }) {
                        0.0
                    } else {
                        0.02
                    },
                    ..params(shape, 400, 3_000)
                },
                seed,
            )
            .unwrap();
            for _ in 0..50 {
                pop.tick();
            }
            let bits = |v: &[glam::Vec3]| -> Vec<[u32; 3]> {
                v.iter().map(|p| p.to_array().map(f32::to_bits)).collect()
            };
            (bits(&pop.employees), bits(&pop.customers))
        };
        assert_eq!(run(3), run(3), "{shape:?}: same seed");
        assert_ne!(run(3), run(4), "{shape:?}: another seed");
    }
}

/// Mean of measured ÷ expected over a growing run, sampled every `every` ticks once
/// the organisation holds `from` employees.
fn growing_quotient(p: &Params, seeds: &[u64], from: u32, every: u64) -> f64 {
    let mut grid = ContactGrid::new();
    let mut q = Vec::new();
    for &seed in seeds {
        let mut pop = Population::new(p.clone(), seed).unwrap();
        loop {
            if pop.org.employees() >= from && pop.org.tick().is_multiple_of(every) {
                let c = pop.count(&mut grid);
                q.push(c.ratio() / pop.org.expected().ratio);
            }
            if pop.org.at_cap() {
                break;
            }
            pop.tick();
        }
    }
    assert!(q.len() >= 30, "{} samples", q.len());
    q.iter().sum::<f64>() / q.len() as f64
}

#[test]
fn a_growing_disc_follows_its_theory_within_three_percent_for_t_from_2d_to_8d() {
    let base = Params {
        rho: 1.3,
        rho_c: 0.7,
        d: 1.2,
        ..Params::default()
    };
    for k in [2.0, 4.0, 8.0] {
        let p = Params {
            shape: Shape::Disc { t: k * base.d },
            initial_employees: 1_500,
            max_employees: 40_000,
            growth: GrowthLaw::Exponential { rate: 0.02 },
            ..base.clone()
        };
        let q = growing_quotient(&p, &[1, 2, 3], 3_000, 6);
        assert!(
            (q - 1.0).abs() < 0.03,
            "t = {k}d: measured / expected = {q:.4}"
        );
    }
}

#[test]
fn cells_stay_in_the_sphere_laws_band_whatever_the_head_count() {
    let (rho, rho_c, d) = (1.0, 0.6, 1.3);
    let r_max = 5.0 * d;
    let p = Params {
        rho,
        rho_c,
        d,
        shape: Shape::Cells { r_max },
        initial_employees: 500,
        max_employees: 60_000,
        growth: GrowthLaw::Exponential { rate: 0.02 },
        ..Params::default()
    };
    // The band: the sphere law at the largest and the smallest unit radius.
    let (low, high) = (
        ratio_exact(rho, rho_c, d, r_max),
        ratio_exact(rho, rho_c, d, r_max / 2f64.cbrt()),
    );
    let mut grid = ContactGrid::new();
    let mut by_size: Vec<(u32, f64)> = Vec::new();
    for seed in [1, 2, 3] {
        let mut pop = Population::new(p.clone(), seed).unwrap();
        let mut next = 2_000;
        while !pop.org.at_cap() {
            pop.tick();
            if pop.org.employees() >= next {
                let c = pop.count(&mut grid);
                by_size.push((pop.org.employees(), c.ratio()));
                next = pop.org.employees() * 3 / 2;
            }
        }
    }
    // Averaged over the seeds at each size: inside the band, with 5% for noise.
    by_size.sort_by_key(|&(n, _)| n);
    for chunk in by_size.chunks(3) {
        let mean = chunk.iter().map(|c| c.1).sum::<f64>() / chunk.len() as f64;
        assert!(
            mean > low * 0.95 && mean < high * 1.05,
            "N ≈ {}: ratio {mean:.4} outside [{low:.4}, {high:.4}]",
            chunk[0].0
        );
    }
    assert!(by_size.last().unwrap().0 >= 40_000);
}

#[test]
fn disc_and_cells_keep_their_ratio_above_the_spheres_by_a_growing_factor() {
    let d = Params::default().d;
    let shapes = [
        Shape::Sphere,
        Shape::Disc { t: 3.0 * d },
        Shape::Cells {
            r_max: CELLS_R_MAX_IN_D * d,
        },
    ];
    let mut grid = ContactGrid::new();
    // Mean ratio of each shape at a small and a large head count, over seeds.
    let mut ratios = [[0.0f64; 2]; 3];
    for (k, shape) in shapes.into_iter().enumerate() {
        for seed in [5, 6, 7] {
            let mut pop = Population::new(
                Params {
                    initial_employees: 2_000,
                    max_employees: 50_000,
                    growth: GrowthLaw::Exponential { rate: 0.04 },
                    shape,
                    ..Params::default()
                },
                seed,
            )
            .unwrap();
            let mut at = [4_000u32, 50_000].into_iter().enumerate().peekable();
            while let Some(&(i, n)) = at.peek() {
                if pop.org.employees() >= n {
                    ratios[k][i] += pop.count(&mut grid).ratio() / 3.0;
                    at.next();
                } else {
                    pop.tick();
                }
            }
        }
    }
    let [sphere, disc, cells] = ratios;
    for (name, other) in [("disc", disc), ("cells", cells)] {
        let (small, large) = (other[0] / sphere[0], other[1] / sphere[1]);
        assert!(small > 1.0, "{name} at 4k: {small:.3} × the sphere's");
        assert!(
            large > small * 1.3,
            "{name}: {small:.3} × at 4k, {large:.3} × at 50k"
        );
    }
}

#[test]
fn rotation_raises_reach_but_leaves_the_ratio_alone() {
    let base = Params {
        initial_employees: 8_000,
        max_employees: 8_000,
        reach_window: 40,
        ..Params::default()
    };
    let mut grid = ContactGrid::new();
    let mut results = Vec::new();
    for m in [0.0, 0.002, 0.01, 0.05] {
        let (mut ratio, mut reach) = (0.0, 0.0);
        let seeds = [11, 12, 13];
        for seed in seeds {
            let mut pop = Population::new(
                Params {
                    rotation: m,
                    ..base.clone()
                },
                seed,
            )
            .unwrap();
            let mut r = 0.0;
            for tick in 0..120 {
                pop.tick();
                let c = pop.count_and_note(&mut grid);
                if tick >= 60 {
                    r += c.ratio() / 60.0;
                }
            }
            ratio += r / seeds.len() as f64;
            reach += pop.reach() / seeds.len() as f64;
        }
        results.push((m, ratio, reach));
    }
    let (_, still, _) = results[0];
    for w in results.windows(2) {
        assert!(
            w[1].2 > w[0].2 + 0.01,
            "reach does not rise with m: {results:?}"
        );
    }
    for &(m, ratio, _) in &results {
        assert!(
            (ratio / still - 1.0).abs() < 0.03,
            "m = {m}: ratio {ratio:.4} vs {still:.4}"
        );
    }
}
