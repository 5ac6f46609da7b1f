//! The disc: a slab that grows sideways, customers in layers on its faces and around
//! its rim.

use glam::Vec3;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::step::{DiscGrowth, GrowthStep, Moves};
use super::walk::Region;
use crate::geometry::{disc_radius_for, sample_in_ring};
use crate::params::Params;
use crate::theory;

/// A disc's geometry and its customer bookkeeping per part of the region.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Disc {
    /// The slab's thickness.
    t: f64,
    /// Its in-plane radius.
    a: f64,
    /// Customers placed in the face layers and in the rim, counted apart because each
    /// part is topped up on its own; the walk exchanges some between the two at equal
    /// density, which evens out.
    faces: u32,
    rim: u32,
}

impl Disc {
    /// A disc of thickness `t` that holds no one yet.
    pub(super) fn new(t: f64) -> Self {
        Self {
            t,
            a: 0.0,
            faces: 0,
            rim: 0,
        }
    }

    /// Grows from `employees` to head count `n` sideways, and tops the face layers and
    /// the rim up to `rho_c` each.
    pub(super) fn grow(
        &mut self,
        employees: u32,
        n: u32,
        params: &Params,
        rng: &mut ChaCha8Rng,
        step: &mut GrowthStep,
    ) {
        let (w, h) = (params.shell_width(), self.t / 2.0);
        let a = disc_radius_for(n, params.rho, self.t);
        for _ in employees..n {
            step.new_employees
                .push(sample_in_ring(rng, self.a, a, -h, h));
        }
        step.moves = Moves::Disc(DiscGrowth {
            a0: self.a,
            a1: a,
            h,
        });
        let pi = std::f64::consts::PI;
        let faces_target = (params.rho_c * 2.0 * pi * (a + w).powi(2) * w).round() as u32;
        let rim_target = (params.rho_c * 2.0 * h * pi * ((a + w).powi(2) - a * a)).round() as u32;
        let faces_new = faces_target.saturating_sub(self.faces);
        let rim_new = rim_target.saturating_sub(self.rim);
        for _ in 0..faces_new {
            let p = sample_in_ring(rng, 0.0, a + w, h, h + w);
            let top = rng.random::<bool>();
            step.new_customers
                .push(if top { p } else { Vec3::new(p.x, -p.y, p.z) });
        }
        for _ in 0..rim_new {
            step.new_customers
                .push(sample_in_ring(rng, a, a + w, -h, h));
        }
        self.a = a;
        self.faces += faces_new;
        self.rim += rim_new;
    }

    /// The in-plane radius.
    pub(super) fn radius(&self) -> f64 {
        self.a
    }

    /// The radius of a ball around the origin that holds every agent.
    pub(super) fn outer_radius(&self, w: f64) -> f64 {
        (self.a + w).hypot(self.t / 2.0 + w)
    }

    /// Where agents walk, customer layers of thickness `w`.
    pub(super) fn region<'a>(&self, w: f64) -> Region<'a> {
        Region::Disc {
            a: self.a as f32,
            h: (self.t / 2.0) as f32,
            w: w as f32,
        }
    }

    /// The expected customer ratio (exact) and front-office share (an approximation).
    pub(super) fn expected(&self, p: &Params) -> theory::Expected {
        theory::Expected {
            radius: self.a,
            ratio: theory::disc_ratio(p.rho, p.rho_c, p.d, self.a, self.t),
            front_office_share: theory::disc_front_office_approx(p.rho_c, p.d, self.a, self.t),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::organisation::{GrowthStep, Organisation};
    use crate::params::{GrowthLaw, Params, Shape};
    use glam::Vec3;

    #[test]
    fn a_disc_grows_sideways_with_uniform_layers() {
        let params = Params {
            initial_employees: 2_000,
            max_employees: 30_000,
            shape: Shape::Disc { t: 5.0 },
            growth: GrowthLaw::Exponential { rate: 0.05 },
            ..Params::default()
        };
        let (mut org, _) = Organisation::new(params.clone(), 2).unwrap();
        let mut faces = Vec::new();
        let mut rim = Vec::new();
        let apply = |step: &GrowthStep, faces: &mut Vec<Vec3>, rim: &mut Vec<Vec3>| {
            for p in faces.iter_mut().chain(rim.iter_mut()) {
                *p = step.shift_customer(*p, 0);
            }
            for &p in &step.new_customers {
                if p.y.abs() > 2.5 {
                    faces.push(p)
                } else {
                    rim.push(p)
                }
            }
        };
        let first = Organisation::new(params.clone(), 2).unwrap().1;
        apply(&first, &mut faces, &mut rim);
        while !org.at_cap() {
            let step = org.advance();
            apply(&step, &mut faces, &mut rim);
        }
        let (a, w, h) = (org.radius(), params.shell_width(), 2.5);
        let pi = std::f64::consts::PI;
        let face_density = faces.len() as f64 / (2.0 * pi * (a + w).powi(2) * w);
        let rim_density = rim.len() as f64 / (2.0 * h * pi * ((a + w).powi(2) - a * a));
        assert!(
            (face_density / params.rho_c - 1.0).abs() < 0.02,
            "{face_density}"
        );
        assert!(
            (rim_density / params.rho_c - 1.0).abs() < 0.02,
            "{rim_density}"
        );
        // Inner and outer halves of the face layers hold the same density.
        let inner = faces
            .iter()
            .filter(|p| f64::from(p.x.hypot(p.z)) < (a + w) / 2f64.sqrt())
            .count() as f64;
        assert!((inner / faces.len() as f64 - 0.5).abs() < 0.02);
    }
}
