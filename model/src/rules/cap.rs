//! A cap on working relations: each employee keeps at most `k` of the colleagues within
//! the contact distance `d`, and a relation kept by one side only counts as half a
//! contact. So the contacts between colleagues are `½ Σ min(k, n_i)`, `n_i` the
//! colleagues within `d` of employee `i`; without anyone at the cap that is exactly the
//! hard reach's count (every pair has two ends). Customers are not capped.
//!
//! Why halves, and not "a contact when either keeps it": this way each employee adds
//! `½ min(k, n_i)`, which depends on its own neighbours alone, so the expectation is
//! one integral. "Either keeps it" would need the joint count of two overlapping
//! balls. This count is the mean of the looser
//! reading, "either keeps it", and the stricter one, "both keep it".
//!
//! Expectation, `N` employees placed uniformly in a ball of volume `V`: an employee at
//! distance `s` from the centre has `Binomial(N − 1, L(s) / V)` colleagues within `d`
//! (`L` the part of its contact ball inside, `theory::lens_volume`), so
//! `I = ½ (N / V) ∫_ball E[min(k, Binomial(N − 1, L(s) / V))] dV`, by Gauss–Legendre on
//! 24 panels. For a large organisation the binomial is the Poisson count of
//! [`mean_capped`], which gives the law.

use glam::Vec3;
use rayon::prelude::*;

use super::cells::{Cells, EMPLOYEES};
use crate::contacts::in_contact;
use crate::geometry::ball_volume;
use crate::theory::over_ball;

/// The relations each employee keeps, `min(k, n_i)`, added up: twice the contacts
/// between colleagues, as a whole number.
pub(super) fn kept(employees: &[Vec3], d: f32, k: u32, cells: &mut Cells) -> u64 {
    let d2 = d * d;
    cells.fill(employees, &[], d);
    let (pos, _) = cells.entries(EMPLOYEES);
    (0..pos.len())
        .into_par_iter()
        .with_min_len(1024)
        .map(|i| {
            let p = pos[i];
            let mut n = 0u32;
            for r in cells.around(EMPLOYEES, i, false) {
                n += pos[r].iter().filter(|&&q| in_contact(p, q, d2)).count() as u32;
            }
            // Itself, at distance 0, is among them (unless its position is not a number).
            u64::from(n.saturating_sub(1).min(k))
        })
        .sum()
}

/// How far each employee's kept relations reach, squared, by index: the distance to its
/// `k`-th nearest colleague within `d`, or `d` where it has no more than `k`. Employee
/// `i` keeps colleague `j` when their distance, squared, is at most `reach2[i]`. Uses
/// the cells [`kept`] filled for the same employees.
pub(super) fn reach2(d: f32, k: u32, cells: &Cells, reach2: &mut Vec<f32>) {
    let d2 = d * d;
    let (pos, ids) = cells.entries(EMPLOYEES);
    let sorted: Vec<f32> = (0..pos.len())
        .into_par_iter()
        .with_min_len(1024)
        .map_init(Vec::new, |near: &mut Vec<f32>, i| {
            let p = pos[i];
            near.clear();
            for (m, q) in cells.near(EMPLOYEES, i, false) {
                if m != i && in_contact(p, q, d2) {
                    near.push(p.distance_squared(q));
                }
            }
            let k = k as usize;
            if near.len() <= k {
                d2
            } else {
                *near.select_nth_unstable_by(k - 1, f32::total_cmp).1
            }
        })
        .collect();
    reach2.clear();
    reach2.resize(pos.len(), d2);
    for (&id, &r2) in ids.iter().zip(&sorted) {
        reach2[id as usize] = r2;
    }
}

/// The relations kept, added up, over every pair: O(N²), for the tests.
pub fn kept_brute_force(employees: &[Vec3], d: f32, k: u32) -> u64 {
    let d2 = d * d;
    employees
        .iter()
        .enumerate()
        .map(|(i, &a)| {
            let n = employees
                .iter()
                .enumerate()
                .filter(|&(j, &b)| j != i && in_contact(a, b, d2))
                .count() as u64;
            n.min(u64::from(k))
        })
        .sum()
}

/// `E[min(k, X)]` for `X ~ Binomial(trials, p)`: `Σ_{j<k} P(X > j)`.
pub fn mean_capped_binomial(k: u32, trials: u32, p: f64) -> f64 {
    if trials == 0 || p <= 0.0 {
        return 0.0;
    }
    if p >= 1.0 {
        return f64::from(k.min(trials));
    }
    // P(X = j) by its logarithm, so that many trials do not underflow (1 − p)^trials.
    let (ln_odds, n) = ((p / (1.0 - p)).ln(), f64::from(trials));
    let (mut ln_p, mut below, mut sum) = (n * (-p).ln_1p(), 0.0, 0.0);
    for j in 0..k.min(trials) {
        below += ln_p.exp();
        sum += (1.0 - below).max(0.0);
        let j = f64::from(j);
        ln_p += ((n - j) / (j + 1.0)).ln() + ln_odds;
    }
    sum
}

/// `E[min(k, X)]` for `X ~ Poisson(mean)`: `Σ_{j<k} P(X > j)`.
pub fn mean_capped(k: u32, mean: f64) -> f64 {
    if mean <= 0.0 {
        return 0.0;
    }
    // P(X = j) by its logarithm, so that a large mean does not underflow e^−mean.
    let (ln_mean, mut ln_p, mut below) = (mean.ln(), -mean, 0.0);
    let mut sum = 0.0;
    for j in 0..k {
        below += ln_p.exp();
        sum += (1.0 - below).max(0.0);
        ln_p += ln_mean - f64::from(j + 1).ln();
    }
    sum
}

/// Expected colleague contacts of `employees` in a sphere of radius `radius`:
/// `½ (N / V) ∫ E[min(k, Binomial(N − 1, L(s) / V))] dV`.
pub fn internal_expected(employees: u32, d: f64, radius: f64, k: u32) -> f64 {
    let v = ball_volume(radius);
    if employees == 0 || v <= 0.0 {
        return 0.0;
    }
    let trials = employees - 1;
    let density = f64::from(employees) / v;
    0.5 * density * over_ball(radius, d, 24, |l| mean_capped_binomial(k, trials, l / v))
}
