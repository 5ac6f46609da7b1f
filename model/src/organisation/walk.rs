//! The random walk: each agent's keyed step, reflected back into its region.

use glam::Vec3;

use super::cells::Cells;
use crate::geometry::{
    reflect_into_ball, reflect_into_cylinder, reflect_into_disc_layers, reflect_into_shell,
};
use crate::noise;

/// Where each agent may walk.
#[derive(Clone, Copy, Debug)]
pub(super) enum Region<'a> {
    /// Employees in a ball around the origin, customers in its shell.
    Ball { radius: f32, outer: f32 },
    /// Employees in a slab of in-plane radius `a` and half-thickness `h`, customers in
    /// the layers of thickness `w` on its faces and around its rim.
    Disc { a: f32, h: f32, w: f32 },
    /// Each agent in its own unit's ball or shell (of thickness `w`).
    Cells { cells: &'a Cells, w: f32 },
}

/// One tick's random walk: copy it into any loop that moves agents.
#[derive(Clone, Copy, Debug)]
pub struct Walk<'a> {
    pub(super) employee_key: u64,
    pub(super) customer_key: u64,
    pub(super) sd: f32,
    pub(super) region: Region<'a>,
}

impl Walk<'_> {
    /// The employee with id `id`, at `p`, after this tick's step.
    #[inline]
    pub fn employee(&self, p: Vec3, id: u32) -> Vec3 {
        let q = p + Vec3::from(noise::step_keyed(self.employee_key, id, self.sd));
        match self.region {
            Region::Ball { radius, .. } => reflect_into_ball(q, radius),
            Region::Disc { a, h, .. } => reflect_into_cylinder(q, a, h),
            Region::Cells { cells, .. } => {
                let u = &cells.units[cells.employee_unit[id as usize] as usize];
                let c = u.centre.as_vec3();
                reflect_into_ball(q - c, u.radius as f32) + c
            }
        }
    }

    /// The customer with id `id`, at `p`, after this tick's step.
    #[inline]
    pub fn customer(&self, p: Vec3, id: u32) -> Vec3 {
        let q = p + Vec3::from(noise::step_keyed(self.customer_key, id, self.sd));
        match self.region {
            Region::Ball { radius, outer } => reflect_into_shell(q, radius, outer),
            Region::Disc { a, h, w } => reflect_into_disc_layers(q, a, h, w),
            Region::Cells { cells, w } => {
                let u = &cells.units[cells.customer_unit[id as usize] as usize];
                let (c, r) = (u.centre.as_vec3(), u.radius as f32);
                reflect_into_shell(q - c, r, r + w) + c
            }
        }
    }
}
