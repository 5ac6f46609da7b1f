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

/// The in-plane radius of a disc of thickness `t` holding `n` at density `rho`.
pub fn disc_radius_for(n: u32, rho: f64, t: f64) -> f64 {
    (f64::from(n) / (PI * rho * t)).sqrt()
}

/// A point uniform in the ring `r0 ..= r1` around the vertical (y) axis, with its
/// height y uniform in `y0 ..= y1`. A disc lies flat: thickness along y.
pub fn sample_in_ring<R: Rng + ?Sized>(rng: &mut R, r0: f64, r1: f64, y0: f64, y1: f64) -> Vec3 {
    // A direction uniform in the plane: a point uniform in the square, kept if in the disc.
    let (x, y, len2) = loop {
        let x = rng.random::<f64>() * 2.0 - 1.0;
        let y = rng.random::<f64>() * 2.0 - 1.0;
        let len2 = x * x + y * y;
        if len2 > 1e-12 && len2 <= 1.0 {
            break (x, y, len2);
        }
    };
    let r = (r0 * r0 + rng.random::<f64>() * (r1 * r1 - r0 * r0)).sqrt();
    let s = r / len2.sqrt();
    let height = y0 + rng.random::<f64>() * (y1 - y0);
    Vec3::new((x * s) as f32, height as f32, (y * s) as f32)
}

/// Reflects a point that stepped out of the cylinder `r ≤ a, |y| ≤ h` (around the y
/// axis) back inside it.
pub fn reflect_into_cylinder(p: Vec3, a: f32, h: f32) -> Vec3 {
    let mut q = p;
    let r = (q.x * q.x + q.z * q.z).sqrt();
    if r > a {
        let to = (2.0 * a - r).clamp(0.0, a);
        let s = if r > 0.0 { to / r } else { 0.0 };
        q.x *= s;
        q.z *= s;
    }
    if q.y > h {
        q.y = (2.0 * h - q.y).max(-h);
    } else if q.y < -h {
        q.y = (-2.0 * h - q.y).min(h);
    }
    q
}

/// Reflects a point back into the customer layers of a disc: inside the cylinder
/// `r ≤ a + w, |y| ≤ h + w` and outside the organisation `r < a, |y| < h`. A point that
/// stepped into the organisation is reflected across the nearer of its surfaces.
pub fn reflect_into_disc_layers(p: Vec3, a: f32, h: f32, w: f32) -> Vec3 {
    let mut q = reflect_into_cylinder(p, a + w, h + w);
    let r = (q.x * q.x + q.z * q.z).sqrt();
    if r < a && q.y.abs() < h {
        if a - r < h - q.y.abs() {
            let to = (2.0 * a - r).min(a + w);
            let s = if r > 0.0 { to / r } else { 0.0 };
            if s > 0.0 {
                q.x *= s;
                q.z *= s;
            } else {
                q.x = to;
            }
        } else {
            q.y = (2.0 * h - q.y.abs()).min(h + w).copysign(q.y);
        }
    }
    q
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
    fn ring_samples_and_disc_reflections_stay_in_their_regions() {
        let mut rng = ChaCha8Rng::seed_from_u64(8);
        let (a, h, w) = (6.0f32, 2.0f32, 1.5f32);
        let mut inner = 0;
        for _ in 0..20_000 {
            let p = sample_in_ring(&mut rng, 0.0, 8.0, -3.0, 3.0);
            let r = (p.x * p.x + p.z * p.z).sqrt();
            assert!(r <= 8.0 + 1e-4 && p.y.abs() <= 3.0 + 1e-4);
            inner += usize::from(r < 4.0);
            let q = reflect_into_cylinder(p * 1.3, a, h);
            let rq = (q.x * q.x + q.z * q.z).sqrt();
            assert!(rq <= a + 1e-4 && q.y.abs() <= h + 1e-4, "{q}");
            let c = reflect_into_disc_layers(p * 1.1, a, h, w);
            let rc = (c.x * c.x + c.z * c.z).sqrt();
            assert!(rc <= a + w + 1e-4 && c.y.abs() <= h + w + 1e-4, "{c}");
            assert!(
                !(rc < a - 1e-4 && c.y.abs() < h - 1e-4),
                "{p} -> {c} is inside"
            );
        }
        // Uniform in area: a quarter of the disc lies within half its radius.
        let share = inner as f64 / 20_000.0;
        assert!((share - 0.25).abs() < 0.015, "{share}");
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
