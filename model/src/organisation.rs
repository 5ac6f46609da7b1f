//! Growth by accretion, tick by tick, and the random walk's rules.
//!
//! [`Organisation`] holds the scalar state of a run (head counts, radius, tick and the
//! placement RNG). It does not own positions: each tick it hands out a [`GrowthStep`]
//! that says where the new agents go and how far the customers move out, and a
//! [`Walk`] that moves any agent. [`crate::Population`] applies them to plain vectors;
//! the Bevy app applies them to entities. Both therefore run the same model.

use glam::Vec3;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::geometry::{
    cbrt, radius_for, reflect_into_ball, reflect_into_shell, sample_in_shell, shell_volume,
    with_length,
};
use crate::noise::{self, Stream};
use crate::params::{GrowthLaw, ParamError, Params};

/// What one tick of growth changes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GrowthStep {
    /// The radius before this step.
    pub old_radius: f64,
    /// The radius after it.
    pub radius: f64,
    /// The customer shell's thickness `w`.
    pub shell_width: f64,
    /// Positions of the new hires; their ids follow on from the current head count.
    pub new_employees: Vec<Vec3>,
    /// Positions of the new customers, placed after the shift; ids follow on likewise.
    pub new_customers: Vec<Vec3>,
}

impl GrowthStep {
    /// Whether existing customers move this step (the radius changed).
    pub fn moves_customers(&self) -> bool {
        self.radius != self.old_radius
    }

    /// Moves an existing customer with the growing surface, keeping its *volume
    /// fraction* within the shell: a customer at radius r, with
    /// `u = (r³ − R³) / ((R+w)³ − R³)`, goes to `r' = (R'³ + u ((R'+w)³ − R'³))^(1/3)`
    /// in the same direction. A uniform shell therefore stays uniform, and the uniform
    /// top-up that follows restores `rho_c` exactly. (Keeping each customer's depth
    /// instead thins the inner layers, where employees meet customers.)
    pub fn shift_customer(&self, p: Vec3) -> Vec3 {
        if !self.moves_customers() {
            return p;
        }
        let (r0, r1, w) = (self.old_radius, self.radius, self.shell_width);
        let cube = |x: f64| x * x * x;
        let len = p.length();
        let r = f64::from(len);
        let u = ((cube(r) - cube(r0)) / (cube(r0 + w) - cube(r0))).clamp(0.0, 1.0);
        let moved = cbrt(cube(r1) + u * (cube(r1 + w) - cube(r1)));
        with_length(p, len, moved as f32)
    }
}

/// One tick's random walk: copy it into any loop that moves agents.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Walk {
    seed: u64,
    tick: u64,
    sd: f32,
    radius: f32,
    outer: f32,
}

impl Walk {
    /// The employee with id `id`, at `p`, after this tick's step.
    #[inline]
    pub fn employee(&self, p: Vec3, id: u32) -> Vec3 {
        let s = noise::step(self.seed, Stream::Employee, id, self.tick, self.sd);
        reflect_into_ball(p + Vec3::from(s), self.radius)
    }

    /// The customer with id `id`, at `p`, after this tick's step.
    #[inline]
    pub fn customer(&self, p: Vec3, id: u32) -> Vec3 {
        let s = noise::step(self.seed, Stream::Customer, id, self.tick, self.sd);
        reflect_into_shell(p + Vec3::from(s), self.radius, self.outer)
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
    radius: f64,
    hire_carry: f64,
}

impl Organisation {
    /// Starts a run: validates `params` and places the first employees and customers,
    /// returned as a step from radius 0.
    pub fn new(params: Params, seed: u64) -> Result<(Self, GrowthStep), ParamError> {
        params.validate()?;
        let mut org = Self {
            seed,
            rng: ChaCha8Rng::seed_from_u64(seed),
            tick: 0,
            employees: 0,
            customers: 0,
            radius: 0.0,
            hire_carry: 0.0,
            params,
        };
        let first = org.grow_to(org.params.initial_employees);
        Ok((org, first))
    }

    /// Advances one tick: hires by the growth law, then places new customers.
    /// Apply the returned step, then move every agent with [`Organisation::walk`].
    pub fn advance(&mut self) -> GrowthStep {
        self.tick += 1;
        let n = self.employees;
        let cap = self.params.max_employees;
        if n >= cap {
            self.hire_carry = 0.0;
            return self.grow_to(n);
        }
        self.hire_carry += match self.params.growth {
            GrowthLaw::Linear { per_tick } => per_tick,
            GrowthLaw::Exponential { rate } => f64::from(n) * rate,
        };
        let hires = self.hire_carry.floor().min(f64::from(cap - n));
        self.hire_carry -= hires;
        self.grow_to(n + hires as u32)
    }

    /// Grows to head count `n`: new employees fill the shell between the old and the
    /// new radius, and the customer shell is topped up to density `rho_c`.
    fn grow_to(&mut self, n: u32) -> GrowthStep {
        let old_radius = self.radius;
        let radius = radius_for(n, self.params.rho);
        let new_employees = (self.employees..n)
            .map(|_| sample_in_shell(&mut self.rng, old_radius, radius))
            .collect();
        self.employees = n;
        self.radius = radius;

        let outer = radius + self.params.shell_width();
        let target = (self.params.rho_c * shell_volume(radius, outer)).round() as u32;
        let new_customers = (self.customers..target.max(self.customers))
            .map(|_| sample_in_shell(&mut self.rng, radius, outer))
            .collect();
        self.customers = self.customers.max(target);
        GrowthStep {
            old_radius,
            radius,
            shell_width: self.params.shell_width(),
            new_employees,
            new_customers,
        }
    }

    /// The random walk for the current tick.
    pub fn walk(&self) -> Walk {
        Walk {
            seed: self.seed,
            tick: self.tick,
            sd: self.params.step() as f32,
            radius: self.radius as f32,
            outer: self.outer_radius() as f32,
        }
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

    /// The organisation's radius R.
    pub fn radius(&self) -> f64 {
        self.radius
    }

    /// The outer radius of the customer shell, `R + w`.
    pub fn outer_radius(&self) -> f64 {
        self.radius + self.params.shell_width()
    }

    /// Whether the head count has reached its cap.
    pub fn at_cap(&self) -> bool {
        self.employees >= self.params.max_employees
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::sample_in_shell;

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
            let step = org.advance();
            for p in &step.new_employees {
                let r = f64::from(p.length());
                assert!(r >= step.old_radius - 1e-4 && r <= step.radius + 1e-4);
            }
            for p in &step.new_customers {
                let r = f64::from(p.length());
                assert!(r >= step.radius - 1e-4 && r <= org.outer_radius() + 1e-4);
            }
            let shell = shell_volume(org.radius(), org.outer_radius());
            let density = f64::from(org.customers()) / shell;
            assert!((density - params.rho_c).abs() < 0.01, "{density}");
        }
    }

    #[test]
    fn a_shifted_customer_keeps_its_volume_fraction() {
        let step = GrowthStep {
            old_radius: 10.0,
            radius: 12.0,
            shell_width: 3.0,
            ..GrowthStep::default()
        };
        let fraction =
            |r: f64, big: f64| (r.powi(3) - big.powi(3)) / ((big + 3.0).powi(3) - big.powi(3));
        for r in [10.0f32, 10.7, 11.5, 12.2, 13.0] {
            let p = step.shift_customer(Vec3::new(0.0, 0.0, -r));
            assert!(p.x == 0.0 && p.y == 0.0 && p.z < 0.0, "same direction: {p}");
            let moved = f64::from(p.length());
            let (u0, u1) = (fraction(f64::from(r), 10.0), fraction(moved, 12.0));
            assert!((u0 - u1).abs() < 1e-5, "r {r}: u {u0} -> {u1}");
        }
        // The walls map onto the new walls.
        assert!((step.shift_customer(Vec3::X * 10.0).length() - 12.0).abs() < 1e-5);
        assert!((step.shift_customer(Vec3::X * 13.0).length() - 15.0).abs() < 1e-5);
    }

    #[test]
    fn a_uniform_shell_stays_uniform_as_it_moves_out() {
        let (r0, r1, w) = (5.0, 20.0, 3.0);
        let step = GrowthStep {
            old_radius: r0,
            radius: r1,
            shell_width: w,
            ..GrowthStep::default()
        };
        let mut rng = ChaCha8Rng::seed_from_u64(4);
        let before: Vec<Vec3> = (0..200_000)
            .map(|_| sample_in_shell(&mut rng, r0, r0 + w))
            .collect();
        // Inner third's density over the outer third's.
        let profile = |radii: &[f64]| {
            let density = |a: f64, b: f64| {
                radii.iter().filter(|&&r| r >= a && r < b).count() as f64 / shell_volume(a, b)
            };
            density(r1, r1 + w / 3.0) / density(r1 + 2.0 * w / 3.0, r1 + w)
        };
        let moved: Vec<f64> = before
            .iter()
            .map(|&p| f64::from(step.shift_customer(p).length()))
            .collect();
        let kept = profile(&moved);
        assert!((kept - 1.0).abs() < 0.02, "volume fraction: {kept}");
        // The old rule, keeping each customer's depth, thins the inner third by a third:
        // the check above would catch it.
        let by_depth: Vec<f64> = before
            .iter()
            .map(|&p| f64::from(p.length()) + (r1 - r0))
            .collect();
        let thinned = profile(&by_depth);
        assert!(thinned < 0.7, "depth kept: {thinned}");
    }
}
