//! The disc: a slab that grows sideways, customers in layers on its faces and around
//! its rim.

use glam::Vec3;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::shape::{Motion, ShapeGeometry, Walls};
use super::step::GrowthStep;
use crate::geometry::{
    disc_radius_for, reflect_into_cylinder, reflect_into_disc_layers, sample_in_ring,
};
use crate::params::{ParamError, Params, at_least_two_d};
use crate::theory::{self, contact_volume};

/// A disc's geometry and its customer bookkeeping per part of the region.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Disc {
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
}

impl ShapeGeometry for Disc {
    type Region<'a> = Slab;
    type Motion = DiscGrowth;

    fn name(&self) -> &'static str {
        "Disc"
    }

    /// The thickness is at least 2 d.
    fn validate(&self, params: &Params) -> Result<(), ParamError> {
        at_least_two_d("t", self.t, params.d)
    }

    /// The face layers and the rim at the cap; at most `n (rho / 2 + rho_c) V_d`
    /// contacts, as if each employee's contact ball held employees and customers at
    /// their densities throughout.
    fn footprint(&self, params: &Params) -> (f64, f64) {
        let (n, w, t) = (
            f64::from(params.max_employees),
            params.shell_width(),
            self.t,
        );
        let vd = contact_volume(params.d);
        let a = disc_radius_for(params.max_employees, params.rho, t);
        let pi = std::f64::consts::PI;
        let layers = 2.0 * pi * (a + w).powi(2) * w + t * pi * ((a + w).powi(2) - a * a);
        (
            params.rho_c * layers,
            n * (0.5 * params.rho + params.rho_c) * vd,
        )
    }

    /// Grows from `employees` to head count `n` sideways, and tops the face layers and
    /// the rim up to `rho_c` each.
    fn grow(
        &mut self,
        employees: u32,
        n: u32,
        params: &Params,
        rng: &mut ChaCha8Rng,
        step: &mut GrowthStep,
    ) -> DiscGrowth {
        let (w, h) = (params.shell_width(), self.t / 2.0);
        let a = disc_radius_for(n, params.rho, self.t);
        for _ in employees..n {
            step.new_employees
                .push(sample_in_ring(rng, self.a, a, -h, h));
        }
        let growth = DiscGrowth {
            a0: self.a,
            a1: a,
            h,
        };
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
        growth
    }

    fn region(&self, w: f64) -> Slab {
        Slab {
            a: self.a as f32,
            h: (self.t / 2.0) as f32,
            w: w as f32,
        }
    }

    /// The expected customer ratio (exact) and front-office share (an approximation).
    fn expected(&self, p: &Params, _employees: u32) -> theory::Expected {
        theory::Expected {
            radius: self.a,
            ratio: theory::disc_ratio(p.rho, p.rho_c, p.d, self.a, self.t),
            front_office_share: theory::disc_front_office_approx(p.rho_c, p.d, self.a, self.t),
        }
    }

    /// The in-plane radius.
    fn radius(&self) -> f64 {
        self.a
    }

    fn outer_radius(&self, w: f64) -> f64 {
        (self.a + w).hypot(self.t / 2.0 + w)
    }
}

/// Employees in a slab of in-plane radius `a` and half-thickness `h`, customers in the
/// layers of thickness `w` on its faces and around its rim.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Slab {
    a: f32,
    h: f32,
    w: f32,
}

impl Walls for Slab {
    #[inline]
    fn employee(&self, q: Vec3, _id: u32) -> Vec3 {
        reflect_into_cylinder(q, self.a, self.h)
    }

    #[inline]
    fn customer(&self, q: Vec3, _id: u32) -> Vec3 {
        reflect_into_disc_layers(q, self.a, self.h, self.w)
    }
}

/// A disc growing sideways from in-plane radius `a0` to `a1`, half-thickness `h`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct DiscGrowth {
    a0: f64,
    a1: f64,
    h: f64,
}

impl Motion for DiscGrowth {
    fn moves_customers(&self) -> bool {
        self.a0 != self.a1
    }

    /// Employees keep their places: the disc grows at its rim.
    fn moves_employees(&self) -> bool {
        false
    }

    /// A disc's customer as the disc grows from `a0` to `a1`: in the face layers
    /// (`|y| > h`) its distance from the axis scales with the layers' radius `a + w`; in
    /// the rim (`|y| ≤ h`) it keeps its area fraction of the ring `a .. a + w`. Height
    /// is kept.
    #[inline]
    fn shift_customer(&self, p: Vec3, _unit: u32, w: f64) -> Vec3 {
        let DiscGrowth { a0, a1, h } = *self;
        if a0 == a1 {
            return p;
        }
        let r = f64::from(p.x).hypot(f64::from(p.z));
        let to = if f64::from(p.y.abs()) > h {
            r * (a1 + w) / (a0 + w)
        } else {
            let u = ((r * r - a0 * a0) / ((a0 + w).powi(2) - a0 * a0)).clamp(0.0, 1.0);
            (a1 * a1 + u * ((a1 + w).powi(2) - a1 * a1)).sqrt()
        };
        if r > 0.0 {
            let s = (to / r) as f32;
            Vec3::new(p.x * s, p.y, p.z * s)
        } else {
            Vec3::new(to as f32, p.y, 0.0)
        }
    }

    #[inline]
    fn shift_employee(&self, p: Vec3, _unit: u32) -> Vec3 {
        p
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
