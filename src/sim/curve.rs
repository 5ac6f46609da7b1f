//! A share a room reads against the number of employees, counted and expected: the
//! one curve the panel's plot, `simulate --plot` and the handout all draw, in the units
//! a room knows (employees, percent), and where a log axis puts its ticks. The ticks'
//! words are `look::axes`'.

use bolwerk_model::{Params, Shape};

use super::{ContactStats, Measure};

/// Points of the sphere's smooth expectation.
const THEORY_POINTS: u32 = 120;

/// A share a room reads (by default the share of contacts with customers), in
/// percent, against the number of employees, for every shape.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ShareCurve {
    /// Whether the world is the essay's sphere (its expectation is a smooth curve).
    pub sphere: bool,
    /// The counted share at each sample, `(employees, percent)`.
    pub counted: Vec<[f64; 2]>,
    /// The exact expectation: smooth over the samples' range of employees for the
    /// sphere, at the samples for the other shapes (whose expectation depends on more
    /// than the number of employees).
    pub expected: Vec<[f64; 2]>,
}

impl ShareCurve {
    /// The share of contacts with customers in `samples`, taken from a world with `p`.
    pub fn new<'a>(samples: impl IntoIterator<Item = &'a ContactStats>, p: &Params) -> Self {
        Self::of(Measure::CustomerShare, samples, p)
    }

    /// `measure` in `samples`, taken from a world with `p`. Samples with no employees
    /// or a share of zero are left out, so both curves can go on log axes.
    pub fn of<'a>(
        measure: Measure,
        samples: impl IntoIterator<Item = &'a ContactStats>,
        p: &Params,
    ) -> Self {
        let samples: Vec<&ContactStats> = samples.into_iter().collect();
        let sphere = p.shape == Shape::Sphere;
        let counted = one_per_size(
            samples
                .iter()
                .filter_map(|s| Some([f64::from(s.employees), percent(measure.counted(s)?)]))
                .filter(|&[n, share]| n > 0.0 && share > 0.0),
        );
        let expected = if sphere {
            let (n0, n1) = samples.iter().fold((f64::INFINITY, 0.0f64), |(lo, hi), s| {
                let n = f64::from(s.employees);
                (lo.min(n), hi.max(n))
            });
            // A fixed number of employees: draw the curve around it, so the point has
            // a reference.
            let (n0, n1) = if n1 >= n0 && n1 < n0 * 1.15 {
                ((n0 * 0.7).max(1.0), n1 * 1.4)
            } else {
                (n0, n1)
            };
            if n1 > n0 && n0 > 0.0 {
                (0..=THEORY_POINTS)
                    .map(|k| n0 * (n1 / n0).powf(f64::from(k) / f64::from(THEORY_POINTS)))
                    .filter_map(|n| Some([n, percent(measure.expected_at(p, n)?)]))
                    .collect()
            } else {
                Vec::new()
            }
        } else {
            samples
                .iter()
                .map(|s| [f64::from(s.employees), percent(measure.expected_now(s))])
                .filter(|&[n, share]| n > 0.0 && share > 0.0)
                .collect()
        };
        Self {
            sphere,
            counted,
            expected,
        }
    }

    /// A sample's place on a curve of `measure`, `(employees, percent)`, if it has one.
    pub fn point_of(measure: Measure, s: &ContactStats) -> Option<[f64; 2]> {
        let share = percent(measure.counted(s)?);
        (s.employees > 0 && share > 0.0).then_some([f64::from(s.employees), share])
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

/// Points in order, with each run at one size (a world holding its number of
/// employees while the count moves) as one point at the run's mean: the curve is a
/// function of size, without a vertical stub where the world held.
fn one_per_size(points: impl Iterator<Item = [f64; 2]>) -> Vec<[f64; 2]> {
    let mut out: Vec<[f64; 2]> = Vec::new();
    let mut run = 0.0;
    for [n, y] in points {
        match out.last_mut() {
            Some(last) if last[0] == n => {
                run += 1.0;
                last[1] += (y - last[1]) / run;
            }
            _ => {
                run = 1.0;
                out.push([n, y]);
            }
        }
    }
    out
}

/// A share (0 to 1) in percent.
pub fn percent(share: f64) -> f64 {
    share * 100.0
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
    // The widest round step that still gives three marks (a share from 10.3% to
    // 31.5% had only 20% and 30% at a step of 10).
    let count = |s: f64| (b / s).floor() - (a / s).ceil() + 1.0;
    let step = [10.0, 5.0, 2.0, 1.0]
        .map(|m| m * base)
        .into_iter()
        .find(|&s| count(s) >= 3.0)
        .unwrap_or(base);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Samples of a sphere at `employees`, one each, with the model's expectations.
    fn sphere_samples(p: &Params, employees: &[u32]) -> Vec<ContactStats> {
        employees
            .iter()
            .map(|&n| {
                let share = Measure::CustomerShare.expected(p, n).unwrap();
                ContactStats {
                    employees: n,
                    // Counts in proportion to the expectation.
                    customer: (share * 1e6).floor(),
                    internal: ((1.0 - share) * 1e6).floor(),
                    front_office_share: Measure::InCustomerContact.expected(p, n).unwrap(),
                    ..ContactStats::default()
                }
            })
            .collect()
    }

    #[test]
    fn the_curve_is_in_employees_and_percent_and_its_expectation_is_the_models() {
        let p = Params::default();
        let samples = sphere_samples(&p, &[80, 500, 6000]);
        for measure in [Measure::CustomerShare, Measure::InCustomerContact] {
            let curve = ShareCurve::of(measure, &samples, &p);
            assert_eq!(curve.counted.len(), 3);
            for (&[n, share], s) in curve.counted.iter().zip(&samples) {
                assert_eq!(n, f64::from(s.employees));
                let expected = percent(measure.expected(&p, s.employees).unwrap());
                assert!((share - expected).abs() < 1e-3, "{measure:?} {n}: {share}");
            }
            // The smooth expectation spans the employees and meets the exact one at
            // its ends.
            let (first, last) = (curve.expected[0], *curve.expected.last().unwrap());
            assert!((first[0] - 80.0).abs() < 1e-6 && (last[0] - 6000.0).abs() < 1e-6);
            let at_end = percent(measure.expected(&p, 6000).unwrap());
            assert!((last[1] - at_end).abs() < 1e-9, "{measure:?}");
        }
        // 80 to 6,000 employees: from about 29% to about 7% of contacts.
        let curve = ShareCurve::new(&samples, &p);
        assert!((28.0..31.0).contains(&curve.counted[0][1]));
        assert!((6.0..8.0).contains(&curve.counted[2][1]));
    }

    /// The rule of thumb the session gives the room: eight times the employees, half
    /// the share of contacts with customers. The ratio falls as 1/R and R grows with
    /// the cube root of the employees; the share, ratio / (1 + ratio), follows it once
    /// it is small. For every density and distance tried it holds within about ten
    /// percent once the sphere is several contact distances across and the share below
    /// 15%; for the shipped defaults within two percent from 80 employees on.
    #[test]
    fn a_world_that_holds_its_size_is_one_point_at_its_mean() {
        let points = [
            [80.0, 30.0],
            [80.0, 20.0],
            [90.0, 28.0],
            [90.0, 26.0],
            [90.0, 24.0],
        ];
        assert_eq!(
            one_per_size(points.into_iter()),
            [[80.0, 25.0], [90.0, 26.0]]
        );
        assert!(one_per_size(std::iter::empty()).is_empty());
    }

    #[test]
    fn eight_times_the_employees_halve_the_share() {
        let mut checked = 0;
        for (rho, rho_c, d) in [
            (1.0, 0.5, 1.42),
            (0.5, 0.25, 1.0),
            (2.0, 1.0, 1.42),
            (1.0, 2.0, 2.0),
            (0.3, 0.9, 1.7),
        ] {
            let p = Params {
                rho,
                rho_c,
                d,
                ..Params::default()
            };
            for n in [1_000u32, 5_000, 20_000, 100_000] {
                let r = bolwerk_model::geometry::radius_for(n, rho);
                let at = |n: u32| Measure::CustomerShare.expected(&p, n).unwrap();
                if r < 4.0 * d || at(n) > 0.15 {
                    continue;
                }
                let halved = at(8 * n) / at(n);
                assert!(
                    (0.45..0.56).contains(&halved),
                    "rho {rho}, rho_c {rho_c}, d {d}, {n} employees: {halved}"
                );
                checked += 1;
            }
        }
        assert!(checked >= 12, "only {checked} cases were large enough");
        // For the shipped session's defaults it holds from 80 employees on.
        let p = Params::default();
        for n in [80u32, 300, 1_000, 6_000, 100_000] {
            let at = |n: u32| Measure::CustomerShare.expected(&p, n).unwrap();
            let halved = at(8 * n) / at(n);
            assert!((0.49..0.52).contains(&halved), "{n}: {halved}");
        }
    }
}
