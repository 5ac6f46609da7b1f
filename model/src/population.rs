//! The whole model on plain vectors: what `simulate`'s ECS app does, without an engine.
//!
//! Index `i` of `employees` is the employee with id `i`, and likewise for customers,
//! so a [`Population`] and the ECS app with the same seed hold the same positions.

use glam::Vec3;

use crate::contacts::{ContactCounts, ContactGrid};
use crate::organisation::{GrowthStep, Organisation};
use crate::params::{ParamError, Params};

/// All agents of one run, by id.
#[derive(Clone, Debug)]
pub struct Population {
    /// The run's scalar state.
    pub org: Organisation,
    /// Employee positions, by id.
    pub employees: Vec<Vec3>,
    /// Customer positions, by id.
    pub customers: Vec<Vec3>,
}

impl Population {
    /// Places the first agents.
    pub fn new(params: Params, seed: u64) -> Result<Self, ParamError> {
        let (org, first) = Organisation::new(params, seed)?;
        let mut pop = Self {
            org,
            employees: Vec::new(),
            customers: Vec::new(),
        };
        pop.apply(first);
        Ok(pop)
    }

    fn apply(&mut self, step: GrowthStep) {
        for c in &mut self.customers {
            *c = step.shift_customer(*c);
        }
        self.employees.extend(step.new_employees);
        self.customers.extend(step.new_customers);
    }

    /// One tick: growth, then every agent's random step.
    pub fn tick(&mut self) {
        let step = self.org.advance();
        self.apply(step);
        let walk = self.org.walk();
        for (id, p) in self.employees.iter_mut().enumerate() {
            *p = walk.employee(*p, id as u32);
        }
        for (id, p) in self.customers.iter_mut().enumerate() {
            *p = walk.customer(*p, id as u32);
        }
    }

    /// Counts the contacts at the current positions.
    pub fn count(&self, grid: &mut ContactGrid) -> ContactCounts {
        grid.count(&self.employees, &self.customers, self.org.params().d as f32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agents_stay_in_their_regions_while_they_walk() {
        let params = Params {
            initial_employees: 300,
            step_sd: Some(0.5),
            ..Params::default()
        };
        let mut pop = Population::new(params, 5).unwrap();
        for _ in 0..50 {
            pop.tick();
        }
        let (r, outer) = (pop.org.radius() as f32, pop.org.outer_radius() as f32);
        assert_eq!(pop.employees.len() as u32, pop.org.employees());
        assert_eq!(pop.customers.len() as u32, pop.org.customers());
        assert!(pop.employees.iter().all(|p| p.length() <= r * (1.0 + 1e-5)));
        assert!(pop.customers.iter().all(|p| {
            let l = p.length();
            l >= r * (1.0 - 1e-5) && l <= outer * (1.0 + 1e-5)
        }));
    }
}
