//! The sphere: one ball at the origin that grows by accretion, its customers in a shell
//! around it.

use std::slice;

use glam::{DVec3, Vec3};
use rand_chacha::ChaCha8Rng;

use super::Unit;
use super::shape::{ShapeGeometry, Walls};
use super::step::{Balls, GrowthStep, UnitMove};
use crate::geometry::{radius_for, reflect_into_ball, reflect_into_shell, shell_volume_around};
use crate::params::Params;
use crate::theory::{self, customer_expected, internal_expected};

/// The sphere's one unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Sphere(Unit);

impl Sphere {
    /// A sphere that holds no one yet.
    pub(super) fn new() -> Self {
        Self(Unit::empty(DVec3::ZERO))
    }
}

/// Employees in a ball around the origin, customers in its shell.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Ball {
    radius: f32,
    outer: f32,
}

impl Walls for Ball {
    #[inline]
    fn employee(&self, q: Vec3, _id: u32) -> Vec3 {
        reflect_into_ball(q, self.radius)
    }

    #[inline]
    fn customer(&self, q: Vec3, _id: u32) -> Vec3 {
        reflect_into_shell(q, self.radius, self.outer)
    }
}

impl ShapeGeometry for Sphere {
    type Region<'a> = Ball;
    type Motion = Balls;

    fn name(&self) -> &'static str {
        "Sphere"
    }

    /// The shell at the cap, and the contacts expected there (exact).
    fn footprint(&self, params: &Params) -> (f64, f64) {
        let p = params;
        let radius = radius_for(p.max_employees, p.rho);
        (
            p.rho_c * shell_volume_around(radius, p.shell_width()),
            internal_expected(p.rho, p.d, radius) + customer_expected(p.rho, p.rho_c, p.d, radius),
        )
    }

    /// Hires by accretion and tops the shell up to `rho_c`.
    fn grow(
        &mut self,
        employees: u32,
        n: u32,
        params: &Params,
        rng: &mut ChaCha8Rng,
        step: &mut GrowthStep,
    ) -> Balls {
        let ball = &mut self.0;
        let grown = ball.accrete(n - employees, params.rho, rng, &mut step.new_employees);
        ball.top_up(params, rng, &mut step.new_customers);
        Balls(vec![UnitMove {
            grow: Some(grown),
            split: None,
        }])
    }

    fn region(&self, w: f64) -> Ball {
        Ball {
            radius: self.0.radius as f32,
            outer: (self.0.radius + w) as f32,
        }
    }

    /// Exact, both.
    fn expected(&self, p: &Params, _employees: u32) -> theory::Expected {
        let radius = self.0.radius;
        theory::Expected {
            radius,
            ratio: theory::ratio_exact(p.rho, p.rho_c, p.d, radius),
            front_office_share: theory::front_office_expected(p.rho_c, p.d, radius),
        }
    }

    /// The ball's radius R.
    fn radius(&self) -> f64 {
        self.0.radius
    }

    fn outer_radius(&self, w: f64) -> f64 {
        self.0.outer_radius(w)
    }

    fn units(&self) -> &[Unit] {
        slice::from_ref(&self.0)
    }
}
