//! The whole model on plain vectors. The app's simulation holds one of these as a
//! resource and runs its halves from ECS systems; tools and tests run it directly.
//!
//! Index `i` of `employees` is the employee with id `i`, and likewise for customers.
//! Every agent's random step is keyed on its id, so the result does not depend on the
//! order or the threads the agents are visited in.
//!
//! Ids are not kept for life: counted through [`Population::count_and_note`] or
//! [`Population::count_sampled_and_note`], a large crowd is renumbered in spatial order
//! every [`RENUMBER_EVERY`] ticks, so that counting reads positions nearly in order.
//! Everything kept per agent moves with it, and a run stays reproducible.

use glam::Vec3;
use rayon::prelude::*;

use crate::contacts::{ContactGrid, PARALLEL_CHUNK, PARALLEL_MIN_AGENTS};
use crate::organisation::{GrowthStep, Organisation};
use crate::params::{ParamError, Params};
use crate::rules::{Counter, Counts};
use crate::sampling::LineSampler;

/// How often large crowds are renumbered in spatial order, in ticks: the order decays
/// slowly as agents walk (how slowly, at 1M agents: BENCHMARKS.md, "Figures moved from
/// code comments (issue 17)").
pub const RENUMBER_EVERY: u64 = 32;

/// The fewest agents worth renumbering: smaller crowds fit in the caches anyway.
pub const RENUMBER_MIN: usize = 50_000;

/// Runs `f` on a thread of rayon's pool, from which its parallel parts are handed out
/// to the other threads directly, for a crowd of `agents` large enough to be counted
/// in parallel. Called from a thread outside the pool (a Bevy system, say), each parallel
/// part would be handed over from outside and waited on, which with Bevy's own threads
/// about costs the app's tick much of its time at 1M agents (BENCHMARKS.md, "Scale: the
/// whole tick and memory at 1M employees"). A small crowd is not worth the one hand-over.
fn on_pool<R: Send>(agents: usize, f: impl FnOnce() -> R + Send) -> R {
    if agents < PARALLEL_MIN_AGENTS || rayon::current_thread_index().is_some() {
        f()
    } else {
        rayon::join(f, || ()).0
    }
}

/// All agents of one run, by id.
#[derive(Clone, Debug)]
pub struct Population {
    /// The run's scalar state.
    pub org: Organisation,
    /// Employee positions, by id.
    pub employees: Vec<Vec3>,
    /// Customer positions, by id.
    pub customers: Vec<Vec3>,
    /// The tick of each employee's last customer contact plus one (0: none yet).
    pub last_contact: Vec<u32>,
    /// What the contact rule keeps between counts.
    rule: Counter,
}

impl Population {
    /// Places the first agents.
    pub fn new(params: Params, seed: u64) -> Result<Self, ParamError> {
        let (org, first) = Organisation::new(params, seed)?;
        let mut pop = Self {
            org,
            employees: Vec::new(),
            customers: Vec::new(),
            last_contact: Vec::new(),
            rule: Counter::default(),
        };
        pop.apply(first);
        Ok(pop)
    }

    fn apply(&mut self, step: GrowthStep) {
        let org = &self.org;
        if step.moves_customers() {
            step.shift_customers(&mut self.customers, |id| org.customer_unit(id));
        }
        if step.moves_employees() {
            step.shift_employees(&mut self.employees, |id| org.employee_unit(id));
        }
        self.employees.extend(step.new_employees);
        self.customers.extend(step.new_customers);
        self.last_contact.resize(self.employees.len(), 0);
        for (i, j) in step.swaps {
            self.employees.swap(i as usize, j as usize);
        }
    }

    /// One tick: [`Population::grow`], then [`Population::walk`].
    pub fn tick(&mut self) {
        self.grow();
        self.walk();
    }

    /// The growth half of a tick: new hires and customers, the shape's shift of those
    /// already there, and rotation's swaps.
    pub fn grow(&mut self) {
        on_pool(self.agents(), || {
            let step = self.org.advance();
            self.apply(step);
        })
    }

    /// The motion half of a tick: every agent takes its random step, on all cores.
    /// Each step is keyed on the agent's id, so the split does not change the result.
    pub fn walk(&mut self) {
        on_pool(self.agents(), || {
            let walk = self.org.walk();
            self.employees
                .par_iter_mut()
                .enumerate()
                .for_each(|(id, p)| *p = walk.employee(*p, id as u32));
            self.customers
                .par_iter_mut()
                .enumerate()
                .for_each(|(id, p)| *p = walk.customer(*p, id as u32));
        })
    }

    /// Employees and customers.
    fn agents(&self) -> usize {
        self.employees.len() + self.customers.len()
    }

    /// Counts the contacts at the current positions, by the run's contact rule.
    pub fn count(&mut self, grid: &mut ContactGrid) -> Counts {
        let key = (self.org.seed(), self.org.tick());
        let agents = (&self.employees[..], &self.customers[..]);
        self.rule.count(self.org.params(), agents, key, grid, None)
    }

    /// Counts, and notes which employees met a customer now, for [`Population::reach`].
    /// Large crowds are renumbered in spatial order every [`RENUMBER_EVERY`] ticks.
    pub fn count_and_note(&mut self, grid: &mut ContactGrid) -> Counts {
        on_pool(self.agents(), || {
            let counts = self.count(grid);
            self.note(grid);
            self.keep_in_order(grid, None);
            counts
        })
    }

    /// [`Population::count_and_note`], keeping in `sampler` a fair sample of the
    /// contacts for lines ([`Counter::count`]).
    pub fn count_sampled_and_note(
        &mut self,
        grid: &mut ContactGrid,
        sampler: &mut LineSampler,
    ) -> Counts {
        on_pool(self.agents(), || {
            let (params, key) = (self.org.params(), (self.org.seed(), self.org.tick()));
            let agents = (&self.employees[..], &self.customers[..]);
            let counts = self
                .rule
                .count(params, agents, key, grid, Some(&mut *sampler));
            self.note(grid);
            self.keep_in_order(grid, Some(sampler));
            counts
        })
    }

    /// Every [`RENUMBER_EVERY`] ticks, for crowds of at least [`RENUMBER_MIN`] agents:
    /// renumbers the agents in the order of the grid's cells (after a count, which
    /// sorted them), so that the next counts read positions nearly in order instead of
    /// all over memory. Every value kept per agent moves with it, and so do the
    /// sampled pairs and the grid's front-office flags. The counts do not change; an
    /// agent's random steps from then on are keyed on its new id.
    fn keep_in_order(&mut self, grid: &mut ContactGrid, sampler: Option<&mut LineSampler>) {
        if !self.org.tick().is_multiple_of(RENUMBER_EVERY) || self.agents() < RENUMBER_MIN {
            return;
        }
        let mut per_employee = vec![&mut self.last_contact];
        let mut per_customer = Vec::new();
        if let Some((employee_unit, customer_unit)) = self.org.units_by_agent_mut() {
            per_employee.push(employee_unit);
            per_customer.push(customer_unit);
        }
        let renumbered = grid.renumber(
            &mut self.employees,
            &mut self.customers,
            &mut per_employee,
            &mut per_customer,
            sampler,
        );
        debug_assert!(renumbered, "the grid has just counted these agents");
    }

    /// Marks the employees the grid's last count found in the front office.
    fn note(&mut self, grid: &ContactGrid) {
        note_contacts(&mut self.last_contact, grid.front_office(), self.org.tick());
    }

    /// The share of employees who met a customer within the last `reach_window` ticks
    /// (as seen by [`Population::count_and_note`]).
    pub fn reach(&self) -> f64 {
        reach(
            &self.last_contact,
            self.org.tick(),
            self.org.params().reach_window,
        )
    }
}

/// The mark that notes a customer contact at `tick`; 0 means none yet.
pub fn contact_mark(tick: u64) -> u32 {
    tick as u32 + 1
}

/// Whether a contact marked `mark` still counts for reach, `oldest` from [`reach_oldest`].
pub fn is_recent(mark: u32, oldest: u32) -> bool {
    mark != 0 && mark >= oldest
}

/// Marks the front office as having met a customer at `tick`.
pub fn note_contacts(last_contact: &mut [u32], front: &[bool], tick: u64) {
    let mark = contact_mark(tick);
    let note = |(last, front): (&mut [u32], &[bool])| {
        for (last, &f) in last.iter_mut().zip(front) {
            if f {
                *last = mark;
            }
        }
    };
    if last_contact.len() >= PARALLEL_MIN_AGENTS {
        let work = last_contact
            .par_chunks_mut(PARALLEL_CHUNK)
            .zip(front.par_chunks(PARALLEL_CHUNK));
        work.for_each(note);
    } else {
        note((last_contact, front));
    }
}

/// The oldest mark (tick + 1) that still counts for reach at `tick`: a contact at
/// `tick − window + 1` or later.
pub fn reach_oldest(tick: u64, window: u32) -> u32 {
    ((tick + 1).saturating_sub(u64::from(window)) + 1) as u32
}

/// The share of employees whose last customer contact was within `window` ticks of
/// `tick` (0 without employees).
pub fn reach(last_contact: &[u32], tick: u64, window: u32) -> f64 {
    if last_contact.is_empty() {
        return 0.0;
    }
    let oldest = reach_oldest(tick, window);
    let recent = last_contact
        .iter()
        .filter(|&&m| is_recent(m, oldest))
        .count();
    recent as f64 / last_contact.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::Shape;

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

    #[test]
    fn cells_keep_every_agent_in_its_own_unit() {
        let params = Params {
            initial_employees: 3_000,
            max_employees: 12_000,
            shape: Shape::Cells { r_max: 6.0 },
            growth: crate::GrowthLaw::Exponential { rate: 0.04 },
            ..Params::default()
        };
        let w = params.shell_width();
        let mut pop = Population::new(params, 6).unwrap();
        for _ in 0..60 {
            pop.tick();
            let units = pop.org.units();
            for (id, p) in pop.employees.iter().enumerate() {
                let u = &units[pop.org.employee_unit(id as u32) as usize];
                let r = (p.as_dvec3() - u.centre).length();
                assert!(
                    r <= u.radius * (1.0 + 1e-5) + 1e-4,
                    "employee {id}: {r} > {}",
                    u.radius
                );
            }
            for (id, p) in pop.customers.iter().enumerate() {
                let u = &units[pop.org.customer_unit(id as u32) as usize];
                let r = (p.as_dvec3() - u.centre).length();
                assert!(
                    r >= u.radius * (1.0 - 1e-5) - 1e-4 && r <= u.radius + w + 1e-3,
                    "customer {id}"
                );
            }
        }
        assert!(pop.org.units().len() > 4);
    }

    #[test]
    fn reach_counts_recent_contacts_only() {
        let last = [0, 1, 5, 10, 11];
        // At tick 10 with a window of 3: contacts at ticks 8, 9, 10 (marks 9..=11) count.
        assert_eq!(reach(&last, 10, 3), 2.0 / 5.0);
        assert_eq!(reach(&last, 10, 100), 4.0 / 5.0);
        assert_eq!(reach(&[], 3, 3), 0.0);
    }
}
