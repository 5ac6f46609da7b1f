//! Growth, tick by tick, for every shape, and the random walk's rules.
//!
//! [`Organisation`] holds the scalar state of a run (head counts, the shape's geometry,
//! tick, the placement RNG, and for cells each agent's unit). It does not own positions:
//! each tick it hands out a [`GrowthStep`] that says how existing agents move, where the
//! new ones go and who swaps places, and a [`Walk`] that moves any agent.
//! [`crate::Population`] applies them to its vectors of positions, and the app's
//! simulation holds a `Population`: tools, tests and the app run the same model.
//!
//! Each shape keeps only the state it needs: the sphere its one unit, the disc its radius
//! and customer counts (`disc.rs`), the cells their units, each agent's unit and the
//! lattice (`cells.rs`). `step.rs` holds the step and how it moves agents already
//! placed; `walk.rs` the random walk.
//!
//! Every customer region stays uniform while the organisation grows: existing customers
//! keep their volume fraction within their part of the region, and each part is then
//! topped up to `rho_c` on its own (docs/MODEL.md, "Growth" and "Beyond the sphere").

mod cells;
mod disc;
mod step;
mod walk;

use std::slice;

use glam::{DVec3, Vec3};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use self::cells::Cells;
use self::disc::Disc;
use self::step::{Accretion, Moves, UnitMove};
use self::walk::Region;
use crate::geometry::{radius_for, sample_in_shell, shell_volume};
use crate::noise::{self, Stream};
use crate::params::{GrowthLaw, ParamError, Params, Shape};
use crate::theory;

pub use self::step::GrowthStep;
pub use self::walk::Walk;

/// One ball of a cellular organisation (the sphere is a single unit at the origin).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Unit {
    /// Where it stands.
    pub centre: DVec3,
    /// Its radius.
    pub radius: f64,
    /// Its head count.
    pub employees: u32,
    /// Customers in its shell.
    pub customers: u32,
}

impl Unit {
    /// A unit at `centre` that holds no one yet.
    fn empty(centre: DVec3) -> Self {
        Self {
            centre,
            radius: 0.0,
            employees: 0,
            customers: 0,
        }
    }

    /// Hires `hires` by accretion, placing them (in `placed`) in the layer between the
    /// old radius and the new one for density `rho`; returns that growth.
    fn accrete(
        &mut self,
        hires: u32,
        rho: f64,
        rng: &mut ChaCha8Rng,
        placed: &mut Vec<Vec3>,
    ) -> Accretion {
        let n = self.employees + hires;
        let radius = radius_for(n, rho);
        for _ in 0..hires {
            let p = sample_in_shell(rng, self.radius, radius).as_dvec3() + self.centre;
            placed.push(p.as_vec3());
        }
        let grown = Accretion {
            centre: self.centre,
            r0: self.radius,
            r1: radius,
        };
        self.radius = radius;
        self.employees = n;
        grown
    }

    /// Adds customers uniformly in the shell (in `placed`) until it holds `rho_c`;
    /// returns how many.
    fn top_up(&mut self, params: &Params, rng: &mut ChaCha8Rng, placed: &mut Vec<Vec3>) -> u32 {
        let w = params.shell_width();
        let target = (params.rho_c * shell_volume(self.radius, self.radius + w)).round() as u32;
        let new = target.saturating_sub(self.customers);
        for _ in 0..new {
            let p = sample_in_shell(rng, self.radius, self.radius + w).as_dvec3() + self.centre;
            placed.push(p.as_vec3());
        }
        self.customers += new;
        new
    }

    /// The distance from the origin to the outside of the unit's customer shell, of
    /// thickness `w`.
    fn outer_radius(&self, w: f64) -> f64 {
        self.centre.length() + self.radius + w
    }
}

/// The state of the shape's geometry, each shape's own.
#[derive(Clone, Debug)]
enum Geometry {
    /// The sphere: one unit at the origin.
    Sphere(Unit),
    /// The disc: its radius, and its customers per part of their region.
    Disc(Disc),
    /// The cells: their units, each agent's unit, and the lattice they stand on.
    Cells(Cells),
}

/// The scalar state of one run.
#[derive(Clone, Debug)]
pub struct Organisation {
    params: Params,
    seed: u64,
    rng: ChaCha8Rng,
    tick: u64,
    employees: u32,
    customers: u32,
    hire_carry: f64,
    swap_carry: f64,
    geometry: Geometry,
    /// Counts the changes of geometry, so that expectations can be cached.
    generation: u64,
}

impl Organisation {
    /// Starts a run: validates `params` and places the first employees and customers,
    /// returned as a step from nothing.
    pub fn new(params: Params, seed: u64) -> Result<(Self, GrowthStep), ParamError> {
        params.validate()?;
        let geometry = match params.shape {
            Shape::Sphere => Geometry::Sphere(Unit::empty(DVec3::ZERO)),
            Shape::Disc { t } => Geometry::Disc(Disc::new(t)),
            Shape::Cells { r_max } => Geometry::Cells(Cells::new(r_max)),
        };
        let mut org = Self {
            seed,
            rng: ChaCha8Rng::seed_from_u64(seed),
            tick: 0,
            employees: 0,
            customers: 0,
            hire_carry: 0.0,
            swap_carry: 0.0,
            geometry,
            generation: 0,
            params,
        };
        let first = org.grow(org.params.initial_employees);
        Ok((org, first))
    }

    /// Advances one tick: hires by the growth law, splits units that grew too large
    /// (cells), places new customers, and picks who swaps places (rotation). Apply the
    /// returned step, then move every agent with [`Organisation::walk`].
    pub fn advance(&mut self) -> GrowthStep {
        self.tick += 1;
        let n = self.employees;
        let cap = self.params.max_employees;
        let target = if n >= cap {
            self.hire_carry = 0.0;
            n
        } else {
            self.hire_carry += match self.params.growth {
                GrowthLaw::Linear { per_tick } => per_tick,
                GrowthLaw::Exponential { rate } => f64::from(n) * rate,
            };
            let hires = self.hire_carry.floor().min(f64::from(cap - n));
            self.hire_carry -= hires;
            n + hires as u32
        };
        let mut step = self.grow(target);
        self.pick_swaps(&mut step);
        step
    }

    /// Grows to head count `n`, by the shape's rules.
    fn grow(&mut self, n: u32) -> GrowthStep {
        let mut step = GrowthStep::new(self.params.shell_width());
        let (params, rng) = (&self.params, &mut self.rng);
        match &mut self.geometry {
            Geometry::Sphere(ball) => {
                let hires = n - self.employees;
                let grown = ball.accrete(hires, params.rho, rng, &mut step.new_employees);
                ball.top_up(params, rng, &mut step.new_customers);
                step.moves = Moves::Balls(vec![UnitMove {
                    grow: Some(grown),
                    split: None,
                }]);
            }
            Geometry::Disc(disc) => disc.grow(self.employees, n, params, rng, &mut step),
            Geometry::Cells(cells) => cells.grow(self.employees, n, params, rng, &mut step),
        }
        self.employees += step.new_employees.len() as u32;
        self.customers += step.new_customers.len() as u32;
        if step.moves_customers() || !step.new_employees.is_empty() || step.moves_employees() {
            self.generation += 1;
        }
        step
    }

    /// Picks this tick's rotation: `rotation × N` employees (fractions carry over), each
    /// swapping places with another, randomly chosen, employee. (Validation allows no
    /// rotation for cells: a swap would move an employee into another unit.)
    fn pick_swaps(&mut self, step: &mut GrowthStep) {
        let n = self.employees;
        if self.params.rotation <= 0.0 || n < 2 {
            return;
        }
        self.swap_carry += self.params.rotation * f64::from(n);
        let swaps = self.swap_carry.floor();
        self.swap_carry -= swaps;
        for _ in 0..swaps as u64 {
            let i = self.rng.random_range(0..n);
            let mut j = self.rng.random_range(0..n - 1);
            if j >= i {
                j += 1;
            }
            step.swaps.push((i, j));
        }
    }

    /// The random walk for the current tick.
    pub fn walk(&self) -> Walk<'_> {
        let w = self.params.shell_width();
        let region = match &self.geometry {
            Geometry::Sphere(ball) => Region::Ball {
                radius: ball.radius as f32,
                outer: (ball.radius + w) as f32,
            },
            Geometry::Disc(disc) => disc.region(w),
            Geometry::Cells(cells) => Region::Cells { cells, w: w as f32 },
        };
        Walk {
            employee_key: noise::tick_key(self.seed, Stream::Employee, self.tick),
            customer_key: noise::tick_key(self.seed, Stream::Customer, self.tick),
            sd: self.params.step() as f32,
            region,
        }
    }

    /// The expected customer ratio and front-office share now (docs/MODEL.md): exact
    /// for the sphere, the disc and the cells' ratio; the disc's front-office share is
    /// an approximation. Compute once per [`Organisation::generation`].
    pub fn expected(&self) -> theory::Expected {
        let p = &self.params;
        match &self.geometry {
            Geometry::Sphere(ball) => theory::Expected {
                radius: ball.radius,
                ratio: theory::ratio_exact(p.rho, p.rho_c, p.d, ball.radius),
                front_office_share: theory::front_office_expected(p.rho_c, p.d, ball.radius),
            },
            Geometry::Disc(disc) => disc.expected(p),
            Geometry::Cells(cells) => cells.expected(p, self.employees),
        }
    }

    /// Increases whenever the geometry changes: expectations depend on nothing else.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The parameters of this run.
    pub fn params(&self) -> &Params {
        &self.params
    }

    /// The seed of this run.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Ticks since the start.
    pub fn tick(&self) -> u64 {
        self.tick
    }

    /// Head count.
    pub fn employees(&self) -> u32 {
        self.employees
    }

    /// Number of customers.
    pub fn customers(&self) -> u32 {
        self.customers
    }

    /// The organisation's size: the sphere's radius R, the disc's in-plane radius, or
    /// the cells' mean unit radius.
    pub fn radius(&self) -> f64 {
        match &self.geometry {
            Geometry::Sphere(ball) => ball.radius,
            Geometry::Disc(disc) => disc.radius(),
            Geometry::Cells(cells) => cells.radius(),
        }
    }

    /// The radius of a ball around the origin that holds every agent: for framing.
    pub fn outer_radius(&self) -> f64 {
        let w = self.params.shell_width();
        match &self.geometry {
            Geometry::Sphere(ball) => ball.outer_radius(w),
            Geometry::Disc(disc) => disc.outer_radius(w),
            Geometry::Cells(cells) => cells.outer_radius(w),
        }
    }

    /// The units: one for the sphere, one per cell for cells, none for the disc.
    pub fn units(&self) -> &[Unit] {
        match &self.geometry {
            Geometry::Sphere(ball) => slice::from_ref(ball),
            Geometry::Disc(_) => &[],
            Geometry::Cells(cells) => &cells.units,
        }
    }

    /// Each employee's and each customer's unit, by id, to renumber agents with: only
    /// cells keep them (`None` for the other shapes).
    pub(crate) fn units_by_agent_mut(&mut self) -> Option<(&mut Vec<u32>, &mut Vec<u32>)> {
        match &mut self.geometry {
            Geometry::Cells(cells) => Some((&mut cells.employee_unit, &mut cells.customer_unit)),
            Geometry::Sphere(_) | Geometry::Disc(_) => None,
        }
    }

    /// The unit of employee `id` (0 except for cells).
    pub fn employee_unit(&self, id: u32) -> u32 {
        match &self.geometry {
            Geometry::Cells(cells) => cells.employee_unit.get(id as usize).copied().unwrap_or(0),
            Geometry::Sphere(_) | Geometry::Disc(_) => 0,
        }
    }

    /// The unit of customer `id` (0 except for cells).
    pub fn customer_unit(&self, id: u32) -> u32 {
        match &self.geometry {
            Geometry::Cells(cells) => cells.customer_unit.get(id as usize).copied().unwrap_or(0),
            Geometry::Sphere(_) | Geometry::Disc(_) => 0,
        }
    }

    /// Whether the head count has reached its cap.
    pub fn at_cap(&self) -> bool {
        self.employees >= self.params.max_employees
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_growth_hires_fractions_over_ticks_and_stops_at_the_cap() {
        let params = Params {
            initial_employees: 10,
            max_employees: 20,
            growth: GrowthLaw::Linear { per_tick: 1.5 },
            ..Params::default()
        };
        let (mut org, first) = Organisation::new(params, 1).unwrap();
        assert_eq!(first.new_employees.len(), 10);
        let hires: Vec<usize> = (0..8).map(|_| org.advance().new_employees.len()).collect();
        assert_eq!(hires, [1, 2, 1, 2, 1, 2, 1, 0]);
        assert_eq!(org.employees(), 20);
        assert!(org.at_cap());
    }

    #[test]
    fn exponential_growth_compounds() {
        let params = Params {
            initial_employees: 1000,
            max_employees: 1_000_000,
            growth: GrowthLaw::Exponential { rate: 0.01 },
            ..Params::default()
        };
        let (mut org, _) = Organisation::new(params, 1).unwrap();
        for _ in 0..100 {
            org.advance();
        }
        // 1000 · 1.01^100 ≈ 2705, less a little for the fractions carried.
        let n = f64::from(org.employees());
        assert!((2650.0..=2705.0).contains(&n), "{n}");
    }

    #[test]
    fn new_agents_land_in_their_shells_and_customers_keep_their_density() {
        let params = Params {
            initial_employees: 500,
            growth: GrowthLaw::Linear { per_tick: 50.0 },
            ..Params::default()
        };
        let (mut org, _) = Organisation::new(params.clone(), 9).unwrap();
        for _ in 0..20 {
            let before = org.radius();
            let step = org.advance();
            for p in &step.new_employees {
                let r = f64::from(p.length());
                assert!(r >= before - 1e-4 && r <= org.radius() + 1e-4);
            }
            for p in &step.new_customers {
                let r = f64::from(p.length());
                assert!(r >= org.radius() - 1e-4 && r <= org.outer_radius() + 1e-4);
            }
            let shell = shell_volume(org.radius(), org.outer_radius());
            let density = f64::from(org.customers()) / shell;
            assert!((density - params.rho_c).abs() < 0.01, "{density}");
        }
    }
}
