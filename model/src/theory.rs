//! What the counts should be: `shared/MODEL.md`'s formulas.
//!
//! The exact expectations integrate the lens volume `L(s)` over the ball numerically;
//! the closed forms are what the app draws.

use std::f64::consts::PI;

/// Volume of a contact ball, `(4/3) π d³`.
pub fn contact_volume(d: f64) -> f64 {
    4.0 / 3.0 * PI * d * d * d
}

/// `L(s)`: the volume of `B(x, d) ∩ B(0, R)` for `|x| = s`.
pub fn lens_volume(s: f64, radius: f64, d: f64) -> f64 {
    if s + d <= radius {
        return contact_volume(d);
    }
    if s >= radius + d {
        return 0.0;
    }
    if s + radius <= d {
        return contact_volume(radius);
    }
    // Two spheres of radii R and d whose centres are s apart.
    let (r, s2) = (radius, s * s);
    PI * (r + d - s).powi(2)
        * (s2 + 2.0 * s * d - 3.0 * d * d + 2.0 * s * r + 6.0 * d * r - 3.0 * r * r)
        / (12.0 * s)
}

/// `∫_ball f(s) dV` over the band `max(0, R−d) ≤ s ≤ R` by Simpson's rule.
fn integrate_band(radius: f64, d: f64, f: impl Fn(f64) -> f64) -> f64 {
    let a = (radius - d).max(0.0);
    let steps = 2000;
    let h = (radius - a) / steps as f64;
    let g = |s: f64| f(s) * 4.0 * PI * s * s;
    let mut sum = g(a) + g(radius);
    for k in 1..steps {
        sum += g(a + k as f64 * h) * if k % 2 == 1 { 4.0 } else { 2.0 };
    }
    sum * h / 3.0
}

/// Expected internal contacts, `I = ½ rho² ∫_ball L(s) dV`.
pub fn internal_expected(rho: f64, d: f64, radius: f64) -> f64 {
    let core = (radius - d).max(0.0);
    let inner = contact_volume(d) * 4.0 / 3.0 * PI * core.powi(3);
    0.5 * rho * rho * (inner + integrate_band(radius, d, |s| lens_volume(s, radius, d)))
}

/// Expected customer contacts, `E = rho · rho_c ∫_ball (V_d − L(s)) dV`.
pub fn customer_expected(rho: f64, rho_c: f64, d: f64, radius: f64) -> f64 {
    let vd = contact_volume(d);
    rho * rho_c * integrate_band(radius, d, |s| vd - lens_volume(s, radius, d))
}

/// The exact expected customer ratio `E / I`.
pub fn ratio_exact(rho: f64, rho_c: f64, d: f64, radius: f64) -> f64 {
    customer_expected(rho, rho_c, d, radius) / internal_expected(rho, d, radius)
}

/// Leading order: `(9/8) (rho_c/rho) (d/R)`.
pub fn ratio_leading(rho: f64, rho_c: f64, d: f64, radius: f64) -> f64 {
    9.0 / 8.0 * (rho_c / rho) * (d / radius)
}

/// With the surface deficit: `(9/8) (rho_c/rho) (d/R) / (1 − 9d/(16R))`.
/// This is the curve the app draws.
pub fn ratio_corrected(rho: f64, rho_c: f64, d: f64, radius: f64) -> f64 {
    ratio_leading(rho, rho_c, d, radius) / (1.0 - 9.0 * d / (16.0 * radius))
}

/// Expected front-office share: `(1/V) ∫_ball (1 − exp(−rho_c (V_d − L(s)))) dV`.
pub fn front_office_expected(rho_c: f64, d: f64, radius: f64) -> f64 {
    let vd = contact_volume(d);
    let band = integrate_band(radius, d, |s| {
        1.0 - (-rho_c * (vd - lens_volume(s, radius, d))).exp()
    });
    band / (4.0 / 3.0 * PI * radius.powi(3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lens_volume_is_continuous_at_its_ends() {
        let (r, d) = (10.0, 1.42);
        let vd = contact_volume(d);
        assert!((lens_volume(r - d + 1e-9, r, d) - vd).abs() < 1e-6);
        assert!(lens_volume(r + d - 1e-9, r, d).abs() < 1e-6);
        // At the surface of a large ball, about half the contact ball is inside.
        assert!((lens_volume(1000.0, 1000.0, d) / vd - 0.5).abs() < 0.01);
    }

    #[test]
    fn the_corrected_form_tracks_the_exact_integrals_within_one_percent() {
        for (rho, rho_c, d) in [(1.0, 0.5, 1.42), (2.0, 1.0, 1.0), (0.5, 0.25, 2.0)] {
            for k in [3.0, 4.0, 6.0, 10.0, 30.0, 100.0] {
                let r = k * d;
                let exact = ratio_exact(rho, rho_c, d, r);
                let corr = ratio_corrected(rho, rho_c, d, r);
                assert!(
                    (corr / exact - 1.0).abs() < 0.01,
                    "R = {k}d: {corr} vs {exact}"
                );
            }
        }
    }

    #[test]
    fn the_leading_form_runs_about_six_percent_low_at_ten_d() {
        let (rho, rho_c, d) = (1.0, 0.5, 1.42);
        let low =
            1.0 - ratio_leading(rho, rho_c, d, 10.0 * d) / ratio_exact(rho, rho_c, d, 10.0 * d);
        assert!((0.04..0.08).contains(&low), "{low}");
    }

    #[test]
    fn the_front_office_share_stays_under_its_bound_and_falls_as_one_over_r() {
        let (rho_c, d) = (0.5, 1.42);
        let f10 = front_office_expected(rho_c, d, 10.0 * d);
        let f40 = front_office_expected(rho_c, d, 40.0 * d);
        assert!(f10 < 1.0 - (1.0 - 0.1f64).powi(3));
        assert!((f10 / f40 - 4.0).abs() < 0.4, "{}", f10 / f40);
    }
}
