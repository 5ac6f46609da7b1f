//! Radii, volumes, uniform placement, and reflection at the walls of each region.
//!
//! Everything that decides where an agent is uses `+ - * /` and `sqrt` only (all
//! correctly rounded in IEEE 754), so positions are bit-identical on every machine.

use std::f64::consts::PI;

use glam::Vec3;
use rand::Rng;

/// The cube root, by Newton's method: portable where `f64::cbrt` is up to the C library.
pub fn cbrt(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let a = x.abs();
    // A first guess good to a few percent: divide the exponent by three.
    let mut y = f64::from_bits(a.to_bits() / 3 + 0x2a9f_7893_782d_a1ce);
    for _ in 0..6 {
        y = (2.0 * y + a / (y * y)) / 3.0;
    }
    y.copysign(x)
}

/// Volume of a ball of radius `r`.
pub fn ball_volume(r: f64) -> f64 {
    4.0 / 3.0 * PI * r * r * r
}

/// Volume of the shell between radii `inner` and `outer`.
pub fn shell_volume(inner: f64, outer: f64) -> f64 {
    shell_volume_around(inner, outer - inner)
}

/// Volume of the shell of thickness `width` around a ball of radius `inner`, written so
/// that a thin shell around a huge ball does not cancel to 0.
pub fn shell_volume_around(inner: f64, width: f64) -> f64 {
    let outer = inner + width;
    4.0 / 3.0 * PI * width * (outer * outer + outer * inner + inner * inner)
}

/// The organisation's radius for head count `n` at density `rho`: `(3 n / (4 π rho))^(1/3)`.
pub fn radius_for(n: u32, rho: f64) -> f64 {
    cbrt(3.0 * f64::from(n) / (4.0 * PI * rho))
}

/// A point uniform in the shell between radii `inner` and `outer` (`inner` may be 0).
pub fn sample_in_shell<R: Rng + ?Sized>(rng: &mut R, inner: f64, outer: f64) -> Vec3 {
    // A direction uniform on the sphere: a point uniform in the cube, kept if inside the ball.
    let (x, y, z, len2) = loop {
        let x = rng.random::<f64>() * 2.0 - 1.0;
        let y = rng.random::<f64>() * 2.0 - 1.0;
        let z = rng.random::<f64>() * 2.0 - 1.0;
        let len2 = x * x + y * y + z * z;
        if len2 > 1e-12 && len2 <= 1.0 {
            break (x, y, z, len2);
        }
    };
    let (i3, o3) = (inner * inner * inner, outer * outer * outer);
    let r = cbrt(i3 + rng.random::<f64>() * (o3 - i3));
    let s = r / len2.sqrt();
    Vec3::new((x * s) as f32, (y * s) as f32, (z * s) as f32)
}

/// Scales `p`, whose length is `len`, to length `r`, or puts it at `(r, 0, 0)` if it
/// sits at the centre.
pub fn with_length(p: Vec3, len: f32, r: f32) -> Vec3 {
    if len > 0.0 {
        p * (r / len)
    } else {
        Vec3::new(r, 0.0, 0.0)
    }
}

/// Reflects a point that stepped out of the ball of radius `radius` back inside it.
pub fn reflect_into_ball(p: Vec3, radius: f32) -> Vec3 {
    let len = p.length();
    if len <= radius {
        return p;
    }
    with_length(p, len, (2.0 * radius - len).clamp(0.0, radius))
}

/// Reflects a point that stepped out of the shell `inner ..= outer` back into it.
pub fn reflect_into_shell(p: Vec3, inner: f32, outer: f32) -> Vec3 {
    let len = p.length();
    if len >= inner && len <= outer {
        return p;
    }
    let r = if len < inner {
        2.0 * inner - len
    } else {
        2.0 * outer - len
    };
    with_length(p, len, r.clamp(inner, outer))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn cbrt_matches_the_library_to_an_ulp_or_two() {
        for &x in &[
            1e-9, 0.001, 0.5, 1.0, 2.0, 27.0, 1234.5678, 1e6, 3.3e12, -8.0,
        ] {
            let (ours, lib) = (cbrt(x), f64::cbrt(x));
            assert!(
                (ours - lib).abs() <= 4.0 * f64::EPSILON * lib.abs(),
                "{x}: {ours} vs {lib}"
            );
        }
        assert_eq!(cbrt(0.0), 0.0);
    }

    #[test]
    fn radius_holds_the_head_count_at_the_density() {
        let r = radius_for(1000, 2.0);
        assert!((ball_volume(r) * 2.0 - 1000.0).abs() < 1e-9);
    }

    #[test]
    fn shell_samples_stay_in_the_shell_and_fill_it_uniformly() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let (inner, outer) = (2.0, 5.0);
        let n = 100_000;
        let mid = cbrt((inner * inner * inner + outer * outer * outer) / 2.0);
        let mut below_mid = 0;
        for _ in 0..n {
            let r = f64::from(sample_in_shell(&mut rng, inner, outer).length());
            assert!(r >= inner - 1e-5 && r <= outer + 1e-5, "{r}");
            below_mid += usize::from(r < mid);
        }
        // Half the shell's volume lies below `mid`.
        let share = below_mid as f64 / n as f64;
        assert!((share - 0.5).abs() < 0.01, "{share}");
    }

    #[test]
    fn reflection_keeps_points_in_their_region() {
        let p = reflect_into_ball(Vec3::new(0.0, 10.5, 0.0), 10.0);
        assert!((p - Vec3::new(0.0, 9.5, 0.0)).length() < 1e-5);
        let q = reflect_into_shell(Vec3::new(0.0, 0.0, -9.0), 10.0, 12.0);
        assert!((q - Vec3::new(0.0, 0.0, -11.0)).length() < 1e-5);
        let q = reflect_into_shell(Vec3::new(12.5, 0.0, 0.0), 10.0, 12.0);
        assert!((q - Vec3::new(11.5, 0.0, 0.0)).length() < 1e-5);
        let q = reflect_into_shell(Vec3::ZERO, 10.0, 12.0);
        assert!((10.0..=12.0).contains(&q.length()));
        let inside = Vec3::new(1.0, 2.0, 3.0);
        assert_eq!(reflect_into_ball(inside, 10.0), inside);
    }
}
