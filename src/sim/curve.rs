//! The ratio against the organisation's size, counted and expected: the one curve the
//! panel's plot, `simulate --plot` and the handout all draw.

use bolwerk_model::theory::ratio_exact;
use bolwerk_model::{Params, Shape};

use super::ContactStats;

/// Points of the sphere's smooth expectation.
const THEORY_POINTS: u32 = 120;

/// The ratio against size: the sphere's against its radius R, every other shape's
/// against head count N, the one size every shape shares.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RatioCurve {
    /// Whether x is the sphere's radius (else the head count).
    pub sphere: bool,
    /// The counted ratio at each sample, `(size, ratio)`.
    pub counted: Vec<[f64; 2]>,
    /// The exact expectation: smooth over the samples' range of R for the sphere, at
    /// the samples for the other shapes (whose expectation depends on more than one
    /// size).
    pub expected: Vec<[f64; 2]>,
}

impl RatioCurve {
    /// The curve of `samples`, taken from a world with `params`. Samples with no size
    /// or no ratio yet (nobody in contact) are left out, so both curves can go on log
    /// axes.
    pub fn new<'a>(samples: impl IntoIterator<Item = &'a ContactStats>, p: &Params) -> Self {
        let samples: Vec<&ContactStats> = samples.into_iter().collect();
        let sphere = p.shape == Shape::Sphere;
        let size = |s: &ContactStats| {
            if sphere {
                s.radius
            } else {
                f64::from(s.employees)
            }
        };
        let counted = samples
            .iter()
            .filter(|s| size(s) > 0.0 && s.ratio > 0.0)
            .map(|s| [size(s), s.ratio])
            .collect();
        let expected = if sphere {
            let (r0, r1) = samples.iter().fold((f64::INFINITY, 0.0f64), |(lo, hi), s| {
                (lo.min(s.radius), hi.max(s.radius))
            });
            // A fixed head count has one R: draw the curve around it, so the point has
            // a reference.
            let (r0, r1) = if r1 >= r0 && r1 < r0 * 1.05 {
                (r0 * 0.9, r1 * 1.1)
            } else {
                (r0, r1)
            };
            if r1 > r0 && r0 > 0.0 {
                (0..=THEORY_POINTS)
                    .map(|k| r0 * (r1 / r0).powf(f64::from(k) / f64::from(THEORY_POINTS)))
                    .map(|r| [r, ratio_exact(p.rho, p.rho_c, p.d, r)])
                    .collect()
            } else {
                Vec::new()
            }
        } else {
            samples
                .iter()
                .filter(|s| size(s) > 0.0 && s.theory > 0.0)
                .map(|s| [size(s), s.theory])
                .collect()
        };
        Self {
            sphere,
            counted,
            expected,
        }
    }

    /// The size of a sample on this curve's x axis.
    pub fn size_of(&self, s: &ContactStats) -> f64 {
        if self.sphere {
            s.radius
        } else {
            f64::from(s.employees)
        }
    }

    /// The smallest and largest x and y over both curves, or `None` if both are empty.
    pub fn bounds(&self) -> Option<([f64; 2], [f64; 2])> {
        let all = self.counted.iter().chain(&self.expected);
        let mut out: Option<([f64; 2], [f64; 2])> = None;
        for &[x, y] in all {
            let b = out.get_or_insert(([x, x], [y, y]));
            b.0 = [b.0[0].min(x), b.0[1].max(x)];
            b.1 = [b.1[0].min(y), b.1[1].max(y)];
        }
        out
    }
}

/// Ticks for a log axis from `lo` to `hi`, both log₁₀ of real values, at the real
/// values a reader can name: 1, 2 and 5 times a power of ten, or only the powers when
/// the axis spans many of them; on a narrow axis, where those give fewer than three
/// ticks, evenly spaced round values. Each tick is its log₁₀ value and the step to the
/// next tick of its kind (1 for a power of ten), by which a plot fades minor ones.
pub fn log_ticks(lo: f64, hi: f64) -> Vec<(f64, f64)> {
    if !(lo.is_finite() && hi.is_finite() && hi > lo) {
        return Vec::new();
    }
    let steps: &[f64] = match hi - lo {
        s if s > 3.0 => &[1.0],
        s if s > 0.8 => &[1.0, 2.0, 5.0],
        _ => &[1.0, 2.0, 3.0, 5.0, 7.0],
    };
    let mut marks = Vec::new();
    // Powers of ten an f64 can hold: a plot zoomed out to absurd bounds stays quick.
    let (k0, k1) = (lo.floor().max(-320.0) as i32, hi.ceil().min(310.0) as i32);
    for k in k0..=k1 {
        for &m in steps {
            let value = (m * 10f64.powi(k)).log10();
            if (lo..=hi).contains(&value) {
                let step_size = if m == 1.0 { 1.0 } else { 0.3 };
                marks.push((value, step_size));
            }
        }
    }
    if marks.len() >= 3 {
        return marks;
    }
    // A narrow range (an organisation growing from 6,000 to 12,000): evenly spaced
    // real values at a round step, three to six of them.
    let (a, b) = (10f64.powf(lo), 10f64.powf(hi));
    if !(a > 0.0 && b.is_finite() && b > a) {
        return marks;
    }
    let raw = (b - a) / 4.0;
    let base = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .map(|m| m * base)
        .into_iter()
        .find(|&s| s >= raw)
        .unwrap_or(10.0 * base);
    if !(step.is_finite() && step > 0.0) {
        return marks;
    }
    ((a / step).ceil() as i64..=(b / step).floor() as i64)
        .map(|i| {
            let v = i as f64 * step;
            (v.log10(), (v + step).log10() - v.log10())
        })
        .collect()
}
