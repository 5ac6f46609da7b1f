//! Contact that fades with distance: two at distance `r` are in contact with chance
//! `exp(−r / λ)`, colleagues and customers alike. A frame counts the *expected*
//! number of contacts, the sum of the chances over every pair, which needs no random
//! draws and is the count's own expectation given the positions.
//!
//! The sum stops at [`CUTOFF_LENGTHS`] lengths: what a pair further apart would add is
//! at most [`truncation`] of an employee's colleague contacts deep inside (0.28%; of
//! the customer contacts of a large sphere, 1.0%), and the expectation below is of the
//! same cut-off chance, so the two agree exactly.
//!
//! The expectation for the sphere is one integral over the distance `r` between two
//! points: the volume of pairs at distance `r` with one in the ball and the other in the
//! ball (its set covariogram), or in the shell, times the chance. Each piece is smooth,
//! so composite Gauss–Legendre on 64 panels per piece gives it to about 1e-12. The
//! share in customer contact nests a second integral inside, over the depth, on 24
//! panels.

use std::f64::consts::PI;

use glam::Vec3;
use rayon::prelude::*;

use super::Counts;
use super::cells::{CUSTOMERS, Cells, EMPLOYEES};
use crate::contacts::PairKind;
use crate::geometry::ball_volume;
use crate::noise::{Stream, hash, tick_key};
use crate::sampling::SampledPair;
use crate::theory::{gauss, lens_volume};

/// How far a pair is looked at, in fade lengths.
pub const CUTOFF_LENGTHS: f64 = 10.0;

/// Gauss–Legendre panels per smooth piece of an integral.
const PANELS: usize = 64;

/// The chance of contact at distance `r` for fade length `length` (0 past the cut-off).
pub fn chance(r: f64, length: f64) -> f64 {
    if r <= CUTOFF_LENGTHS * length {
        (-r / length).exp()
    } else {
        0.0
    }
}

/// The share of an employee's expected colleague contacts deep inside that pairs beyond
/// the cut-off would add, relative to all of them: `e^−x (1 + x + x²/2)` at
/// `x =` [`CUTOFF_LENGTHS`] (0.28%), the tail of `∫ p r² dr`.
pub fn truncation() -> f64 {
    tail(2)
}

/// The share of `∫ p(r) r^k dr` beyond the cut-off: `e^−x Σ_{j ≤ k} x^j / j!`.
fn tail(k: i32) -> f64 {
    let x = CUTOFF_LENGTHS;
    let (mut term, mut sum) = (1.0, 1.0);
    for j in 1..=k {
        term *= x / f64::from(j);
        sum += term;
    }
    (-x).exp() * sum
}

/// The chance of the pair at squared distance `d2`, as the count and the brute force
/// both compute it; `cut2` is the cut-off squared, in `f32` as the test is.
#[inline]
fn pair_chance(d2: f32, cut2: f32, length: f64) -> f64 {
    if d2 <= cut2 {
        (-f64::from(d2).sqrt() / length).exp()
    } else {
        0.0
    }
}

/// The top 53 bits of `h` as a number in `[0, 1)`.
fn uniform(h: u64) -> f64 {
    (h >> 11) as f64 / (1u64 << 53) as f64
}

/// Whether employee `id` met a customer this frame, drawn with its `chance` from the
/// counter-based generator keyed on (seed, tick, id), so that reach can be counted.
fn drawn(seed: u64, tick: u64, id: u32, chance: f64) -> bool {
    uniform(hash(seed, Stream::FadeContact as u64, tick, u64::from(id))) < chance
}

/// The expected contacts of one frame, and in `front` whether each employee met a
/// customer (drawn with its chance, keyed on `seed` and `tick`).
pub(super) fn count(
    employees: &[Vec3],
    customers: &[Vec3],
    length: f64,
    (seed, tick): (u64, u64),
    (cells, front): (&mut Cells, &mut Vec<bool>),
) -> Counts {
    let cut = (CUTOFF_LENGTHS * length) as f32;
    let cut2 = cut * cut;
    cells.fill(employees, customers, cut);
    let (pos, ids) = cells.entries(EMPLOYEES);
    let (cpos, _) = cells.entries(CUSTOMERS);
    // Per employee, in cell order: colleagues after it, customers, and the chance of
    // meeting none of the customers.
    let per: Vec<(f64, f64, f64)> = (0..pos.len())
        .into_par_iter()
        .with_min_len(256)
        .map_init(Vec::new, |near: &mut Vec<f32>, k| {
            let p = pos[k];
            // The colleagues within the cut-off first, without a branch per candidate
            // (most candidates are out of reach, at random), then their chances.
            near.clear();
            for r in cells.around(EMPLOYEES, k, true) {
                let from = near.len();
                near.resize(from + r.len(), 0.0);
                let mut n = from;
                for &q in &pos[r] {
                    let d2 = p.distance_squared(q);
                    near[n] = d2;
                    n += usize::from(d2 <= cut2);
                }
                near.truncate(n);
            }
            let internal: f64 = near.iter().map(|&d2| pair_chance(d2, cut2, length)).sum();
            let (mut customer, mut none) = (0.0, 1.0);
            for r in cells.around(CUSTOMERS, k, false) {
                for &q in &cpos[r] {
                    let c = pair_chance(p.distance_squared(q), cut2, length);
                    customer += c;
                    none *= 1.0 - c;
                }
            }
            (internal, customer, none)
        })
        .collect();
    front.clear();
    front.resize(employees.len(), false);
    let mut counts = Counts {
        employees: employees.len() as u32,
        ..Counts::default()
    };
    for (k, &(internal, customer, none)) in per.iter().enumerate() {
        counts.internal += internal;
        counts.customer += customer;
        counts.front_office += 1.0 - none;
        front[ids[k] as usize] = drawn(seed, tick, ids[k], 1.0 - none);
    }
    counts
}

/// Lines for a frame: each pair within the cut-off, colleagues and customers, kept
/// with its chance times `want / total` (`total` the frame's expected contacts; at
/// most its chance), drawn
/// keyed on (seed, step, the pair). A pair is drawn as often as it is counted, so the
/// lines are a fair sample of the contacts, about `want` of them. Uses the cells
/// [`count`] filled for the same agents.
pub(super) fn lines(
    length: f64,
    (seed, tick): (u64, u64),
    cells: &Cells,
    (total, want): (f64, usize),
) -> Vec<SampledPair> {
    if total <= 0.0 || want == 0 {
        return Vec::new();
    }
    let cut = (CUTOFF_LENGTHS * length) as f32;
    let cut2 = cut * cut;
    // Never above 1: with room for every contact, the lines are one draw of them.
    let rate = (want as f64 / total).min(1.0);
    let (pos, ids) = cells.entries(EMPLOYEES);
    let key = tick_key(seed, Stream::FadeLine, tick);
    let kept = |kind: PairKind, i: u32, j: u32, chance: f64| {
        let pair =
            (u64::from(kind == PairKind::Customer) << 63) | (u64::from(i) << 32) | u64::from(j);
        uniform(hash(key, pair, 0, 0)) < chance * rate
    };
    (0..pos.len())
        .into_par_iter()
        .with_min_len(256)
        .flat_map_iter(|k| {
            let (p, i) = (pos[k], ids[k]);
            let mut found = Vec::new();
            // Colleagues after it (each pair once, named lower index first), customers.
            for (kind, entries, forward) in [
                (PairKind::Internal, EMPLOYEES, true),
                (PairKind::Customer, CUSTOMERS, false),
            ] {
                let (_, others) = cells.entries(entries);
                for (m, q) in cells.near(entries, k, forward) {
                    let (j, c) = (others[m], pair_chance(p.distance_squared(q), cut2, length));
                    let (a, b) = match kind {
                        PairKind::Internal => (i.min(j), i.max(j)),
                        PairKind::Customer => (i, j),
                    };
                    if c > 0.0 && kept(kind, a, b, c) {
                        found.push(SampledPair {
                            kind,
                            employee: i,
                            other: j,
                        });
                    }
                }
            }
            found
        })
        .collect()
}

/// The same sums over every pair, for the tests: O(N²).
pub fn brute_force(employees: &[Vec3], customers: &[Vec3], length: f64) -> Counts {
    let cut = (CUTOFF_LENGTHS * length) as f32;
    let cut2 = cut * cut;
    let mut counts = Counts {
        employees: employees.len() as u32,
        ..Counts::default()
    };
    for (i, &a) in employees.iter().enumerate() {
        for &b in &employees[i + 1..] {
            counts.internal += pair_chance(a.distance_squared(b), cut2, length);
        }
        let mut none = 1.0;
        for &b in customers {
            let c = pair_chance(a.distance_squared(b), cut2, length);
            counts.customer += c;
            none *= 1.0 - c;
        }
        counts.front_office += 1.0 - none;
    }
    counts
}

/// The volume of `B(0, a) ∩ B(x, b)` for `|x| = r`: the lens of `theory`.
fn ball_overlap(a: f64, b: f64, r: f64) -> f64 {
    lens_volume(r, a, b)
}

/// The area of the sphere of radius `r` around a point at distance `s` from the centre
/// that lies inside `B(0, b)`.
fn area_inside(r: f64, s: f64, b: f64) -> f64 {
    if r + s <= b {
        4.0 * PI * r * r
    } else if r >= s + b || s >= r + b {
        0.0
    } else {
        PI * r * (b * b - (s - r).powi(2)) / s
    }
}

/// `∫ f` over `[0, end]` cut at each of `breaks`, `PANELS` panels per piece.
fn pieces(end: f64, breaks: &[f64], f: impl Fn(f64) -> f64) -> f64 {
    let mut cuts: Vec<f64> = breaks
        .iter()
        .copied()
        .filter(|&b| b > 0.0 && b < end)
        .collect();
    cuts.push(end);
    cuts.sort_by(f64::total_cmp);
    let mut from = 0.0;
    let mut sum = 0.0;
    for to in cuts {
        sum += gauss(from, to, PANELS, &f);
        from = to;
    }
    sum
}

/// Expected colleague contacts in a sphere of radius `radius` at density `rho`:
/// `½ rho² ∫ p(r) 4πr² |B ∩ (B + r)| dr`.
pub fn internal_expected(rho: f64, length: f64, radius: f64) -> f64 {
    let end = (2.0 * radius).min(CUTOFF_LENGTHS * length);
    0.5 * rho
        * rho
        * pieces(end, &[], |r| {
            chance(r, length) * 4.0 * PI * r * r * ball_overlap(radius, radius, r)
        })
}

/// Expected customer contacts: `rho rho_c ∫ p(r) 4πr² |B ∩ (S + r)| dr`, `S` the shell
/// `w` thick.
pub fn customer_expected(rho: f64, rho_c: f64, length: f64, radius: f64, w: f64) -> f64 {
    let outer = radius + w;
    let end = (radius + outer).min(CUTOFF_LENGTHS * length);
    rho * rho_c
        * pieces(end, &[w, 2.0 * radius], |r| {
            let shell = ball_overlap(radius, outer, r) - ball_overlap(radius, radius, r);
            chance(r, length) * 4.0 * PI * r * r * shell.max(0.0)
        })
}

/// The expected share of employees in customer contact, customers as a Poisson
/// process: `(1/V) ∫_ball (1 − exp(−rho_c ∫ p(r) A(r, s) dr)) dV`, `A` the area of the
/// sphere of radius `r` around the employee that lies in the shell.
pub fn front_office_expected(rho_c: f64, length: f64, radius: f64, w: f64) -> f64 {
    if radius <= 0.0 {
        return 0.0;
    }
    let outer = radius + w;
    let cut = CUTOFF_LENGTHS * length;
    let met = |s: f64| {
        let end = (s + outer).min(cut);
        let breaks = [radius - s, radius + s, outer - s];
        let mean = pieces(end, &breaks, |r| {
            let a = area_inside(r, s, outer) - area_inside(r, s, radius);
            chance(r, length) * a.max(0.0)
        });
        -(-rho_c * mean).exp_m1()
    };
    let inner = (radius - cut).max(0.0);
    let hit = gauss(inner, radius, 24, |s| met(s) * 4.0 * PI * s * s);
    (hit / ball_volume(radius)).clamp(0.0, 1.0)
}

/// `(9/2) (rho_c / rho) (λ / R)`, times what the cut-off leaves of `∫ p r³ dr` over
/// what it leaves of `∫ p r² dr` (0.9924): the ratio for a large sphere, whose surface
/// is nearly a plane and whose shell is much thicker than λ.
pub fn ratio_leading(rho: f64, rho_c: f64, length: f64, radius: f64) -> f64 {
    4.5 * rho_c / rho * length / radius * (1.0 - tail(3)) / (1.0 - tail(2))
}
