//! Growth, tick by tick, for every shape, and the random walk's rules.
//!
//! [`Organisation`] holds the scalar state of a run (head counts, the shape's geometry,
//! tick, the placement RNG, and for cells each agent's unit). It does not own positions:
//! each tick it hands out a [`GrowthStep`] that says how existing agents move, where the
//! new ones go and who swaps places, and a [`Walk`] that moves any agent.
//! [`crate::Population`] applies them to its vectors of positions, and the app's
//! simulation holds a `Population`: tools, tests and the app run the same model.
//!
//! Each shape lives in a file of its own and keeps only the state it needs: the sphere
//! its one unit (`sphere.rs`), the disc its radius and customer counts (`disc.rs`), the
//! cells their units, each agent's unit and the lattice (`cells.rs`). `shape.rs` says
//! what a shape provides; the list below names the shapes, and `Geometry::new` builds
//! one from its [`Shape`]. `step.rs` holds the step and how balls move the agents
//! already placed; `walk.rs` the random walk.
//!
//! Every customer region stays uniform while the organisation grows: existing customers
//! keep their volume fraction within their part of the region, and each part is then
//! topped up to `rho_c` on its own (docs/MODEL.md, "Growth" and "Beyond the sphere").

mod cells;
mod disc;
mod shape;
mod sphere;
mod step;
mod walk;

use glam::{DVec3, Vec3};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use self::cells::Cells;
use self::disc::Disc;
use self::sphere::Sphere;
use self::step::Accretion;
use crate::geometry::{radius_for, sample_in_shell, shell_volume};
use crate::noise::{self, Stream};
use crate::params::{ParamError, Params, Shape};
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

// Every shape, once: a new shape adds its file's `mod` above, a line here and an arm
// in `Geometry::new`.
shape::shapes! {
    Sphere(Sphere),
    Disc(Disc),
    Cells(Cells),
}

impl Geometry {
    /// A shape's state before anyone is placed: the one place that reads a [`Shape`].
    pub(crate) fn new(shape: Shape) -> Self {
        match shape {
            Shape::Sphere => Geometry::Sphere(Sphere::new()),
            Shape::Disc { t } => Geometry::Disc(Disc::new(t)),
            Shape::Cells { r_max } => Geometry::Cells(Cells::new(r_max)),
        }
    }
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
        let geometry = Geometry::new(params.shape);
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
        let target = self.params.growth.tick(
            self.employees,
            self.params.max_employees,
            &mut self.hire_carry,
        );
        let mut step = self.grow(target);
        self.pick_swaps(&mut step);
        step
    }

    /// Grows to head count `n`, by the shape's rules.
    fn grow(&mut self, n: u32) -> GrowthStep {
        let mut step = GrowthStep::new(self.params.shell_width());
        let (params, rng) = (&self.params, &mut self.rng);
        self.geometry
            .grow(self.employees, n, params, rng, &mut step);
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
        let region = self.geometry.region(self.params.shell_width());
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
    /// Under a contact rule other than the reach (the sphere's only), the rule's.
    pub fn expected(&self) -> theory::Expected {
        crate::rules::expected(&self.params, self.radius(), self.employees)
            .unwrap_or_else(|| self.geometry.expected(&self.params, self.employees))
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
        self.geometry.radius()
    }

    /// The radius of a ball around the origin that holds every agent: for framing.
    pub fn outer_radius(&self) -> f64 {
        self.geometry.outer_radius(self.params.shell_width())
    }

    /// The units: one for the sphere, one per cell for cells, none for the disc.
    pub fn units(&self) -> &[Unit] {
        self.geometry.units()
    }

    /// Each employee's and each customer's unit, by id, to renumber agents with: only
    /// cells keep them (`None` for the other shapes).
    pub(crate) fn units_by_agent_mut(&mut self) -> Option<(&mut Vec<u32>, &mut Vec<u32>)> {
        self.geometry.units_by_agent_mut()
    }

    /// The unit of employee `id` (0 except for cells).
    pub fn employee_unit(&self, id: u32) -> u32 {
        self.geometry.employee_unit(id)
    }

    /// The unit of customer `id` (0 except for cells).
    pub fn customer_unit(&self, id: u32) -> u32 {
        self.geometry.customer_unit(id)
    }

    /// Whether the head count has reached its cap.
    pub fn at_cap(&self) -> bool {
        self.employees >= self.params.max_employees
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::GrowthLaw;

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
