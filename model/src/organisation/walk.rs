//! The random walk: each agent's keyed step, reflected back into its region (each
//! shape's `Walls`, in its own file).

use glam::Vec3;

use super::Region;
use crate::noise;

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
        self.region.employee(q, id)
    }

    /// The customer with id `id`, at `p`, after this tick's step.
    #[inline]
    pub fn customer(&self, p: Vec3, id: u32) -> Vec3 {
        let q = p + Vec3::from(noise::step_keyed(self.customer_key, id, self.sd));
        self.region.customer(q, id)
    }
}
