//! What one tick of growth changes, and how it moves the agents already placed.

use glam::{DVec3, Vec3};
use rayon::prelude::*;

use super::Moves;
use super::shape::Motion;
use crate::geometry::{cbrt, with_length};

/// What one tick changes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GrowthStep {
    /// Positions of the new hires; their ids follow on from the current head count.
    pub new_employees: Vec<Vec3>,
    /// Positions of the new customers, placed after the move; ids follow on likewise.
    pub new_customers: Vec<Vec3>,
    /// Employees that swap places (rotation), applied after growth.
    pub swaps: Vec<(u32, u32)>,
    /// How the agents already placed move.
    pub(super) moves: Moves,
    /// The thickness of the customer regions, which the moves keep.
    pub(super) shell_width: f64,
}

/// How the agents of balls (the sphere's one, or each cell) move in a step, per unit;
/// empty when nothing moves.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Balls(pub(super) Vec<UnitMove>);

/// How one unit's agents move in a step: first the growth of the unit they were in,
/// then, if it split, the split.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct UnitMove {
    /// The unit's growth by accretion (its customers move out with its surface).
    pub(super) grow: Option<Accretion>,
    /// This unit is one half of a split unit.
    pub(super) split: Option<Split>,
}

/// A ball's growth by accretion around `centre`, from radius `r0` to `r1`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Accretion {
    pub(super) centre: DVec3,
    pub(super) r0: f64,
    pub(super) r1: f64,
}

/// One half of a split unit: it came out of unit `source`, centred at `from` with
/// radius `r0` after its growth; its agents are scaled to radius `r1` around `to`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Split {
    pub(super) source: u32,
    pub(super) from: DVec3,
    pub(super) to: DVec3,
    pub(super) r0: f64,
    pub(super) r1: f64,
}

impl GrowthStep {
    /// A step that places no one and moves nothing yet.
    pub(super) fn new(shell_width: f64) -> Self {
        Self {
            shell_width,
            ..Self::default()
        }
    }

    /// Whether existing customers move this step.
    pub fn moves_customers(&self) -> bool {
        self.moves.moves_customers()
    }

    /// Whether existing employees move this step (a unit split).
    pub fn moves_employees(&self) -> bool {
        self.moves.moves_employees()
    }

    /// Moves an existing customer of unit `unit` (0 except for cells) with the growing
    /// surface, keeping its *volume fraction* within its part of the customer region:
    /// a customer at radius r in a ball's shell, with `u = (r³ − R³) / ((R+w)³ − R³)`,
    /// goes to `r' = (R'³ + u ((R'+w)³ − R'³))^(1/3)` in the same direction. A uniform
    /// region therefore stays uniform, and the uniform top-up that follows restores
    /// `rho_c` exactly. (Keeping each customer's depth instead thins the inner layers,
    /// where employees meet customers.) Each shape's `Motion` does it: the balls' in this
    /// file, the disc's in `disc.rs`.
    pub fn shift_customer(&self, p: Vec3, unit: u32) -> Vec3 {
        self.moves.shift_customer(p, unit, self.shell_width)
    }

    /// Moves an existing employee of unit `unit`: only a split moves employees, each
    /// half of the unit scaled into a ball of its new radius around its centre.
    pub fn shift_employee(&self, p: Vec3, unit: u32) -> Vec3 {
        self.moves.shift_employee(p, unit)
    }

    /// [`GrowthStep::shift_customer`] for every existing customer, `customers[id]` of
    /// unit `unit(id)`, on all cores.
    pub(crate) fn shift_customers(&self, customers: &mut [Vec3], unit: impl Fn(u32) -> u32 + Sync) {
        self.moves
            .shift_customers(customers, unit, self.shell_width);
    }

    /// [`GrowthStep::shift_employee`] for every existing employee, `employees[id]` of
    /// unit `unit(id)`, on all cores.
    pub(crate) fn shift_employees(&self, employees: &mut [Vec3], unit: impl Fn(u32) -> u32 + Sync) {
        self.moves.shift_employees(employees, unit);
    }
}

impl Motion for Balls {
    fn moves_customers(&self) -> bool {
        self.0
            .iter()
            .any(|m| m.split.is_some() || m.grow.is_some_and(|g| g.r0 != g.r1))
    }

    /// A unit split.
    fn moves_employees(&self) -> bool {
        self.0.iter().any(|m| m.split.is_some())
    }

    /// A customer of a growing unit keeps its volume fraction in the shell; one of a
    /// split unit then moves into its half's shell.
    #[inline]
    fn shift_customer(&self, p: Vec3, unit: u32, w: f64) -> Vec3 {
        let units = &self.0;
        let Some(m) = units.get(unit as usize) else {
            return p;
        };
        // A half of a split first grew as the unit it came from.
        let source = m.split.map_or(unit, |s| s.source) as usize;
        let mut q = p;
        if let Some(g) = units[source].grow
            && g.r0 != g.r1
        {
            q = shift_in_shell(q, g.centre, g.centre, g.r0, g.r1, w);
        }
        if let Some(s) = m.split {
            q = s.shift_customer(q, w);
        }
        q
    }

    #[inline]
    fn shift_employee(&self, p: Vec3, unit: u32) -> Vec3 {
        let split = self.0.get(unit as usize).and_then(|m| m.split);
        split.map_or(p, |s| s.shift_employee(p))
    }
}

impl Split {
    /// An employee of the unit that split, scaled into this half.
    pub(super) fn shift_employee(&self, p: Vec3) -> Vec3 {
        (self.to + (p.as_dvec3() - self.from) * (self.r1 / self.r0)).as_vec3()
    }

    /// A customer of the unit that split, moved into this half's shell.
    pub(super) fn shift_customer(&self, p: Vec3, w: f64) -> Vec3 {
        shift_in_shell(p, self.from, self.to, self.r0, self.r1, w)
    }
}

/// Replaces every agent, `points[id]`, by `f(points[id], id)`, on all cores.
pub(super) fn each_agent(points: &mut [Vec3], f: impl Fn(Vec3, u32) -> Vec3 + Sync) {
    points
        .par_iter_mut()
        .enumerate()
        .for_each(|(id, p)| *p = f(*p, id as u32));
}

/// A customer of a ball's shell around `from` (radii `r0 .. r0 + w`) moved to the shell
/// around `to` (radii `r1 .. r1 + w`) at the same volume fraction and direction.
fn shift_in_shell(p: Vec3, from: DVec3, to: DVec3, r0: f64, r1: f64, w: f64) -> Vec3 {
    let cube = |x: f64| x * x * x;
    let local = p.as_dvec3() - from;
    let r = local.length();
    let u = ((cube(r) - cube(r0)) / (cube(r0 + w) - cube(r0))).clamp(0.0, 1.0);
    let moved = cbrt(cube(r1) + u * (cube(r1 + w) - cube(r1)));
    let dir = with_length(local.as_vec3(), r as f32, 1.0).as_dvec3();
    (to + dir * moved).as_vec3()
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    use super::*;
    use crate::geometry::{sample_in_shell, shell_volume};

    fn ball_step(r0: f64, r1: f64, w: f64) -> GrowthStep {
        GrowthStep {
            moves: Moves::Sphere(Balls(vec![UnitMove {
                grow: Some(Accretion {
                    centre: DVec3::ZERO,
                    r0,
                    r1,
                }),
                split: None,
            }])),
            ..GrowthStep::new(w)
        }
    }

    #[test]
    fn a_shifted_customer_keeps_its_volume_fraction() {
        let step = ball_step(10.0, 12.0, 3.0);
        let fraction =
            |r: f64, big: f64| (r.powi(3) - big.powi(3)) / ((big + 3.0).powi(3) - big.powi(3));
        for r in [10.0f32, 10.7, 11.5, 12.2, 13.0] {
            let p = step.shift_customer(Vec3::new(0.0, 0.0, -r), 0);
            assert!(
                p.x.abs() < 1e-6 && p.y.abs() < 1e-6 && p.z < 0.0,
                "same direction: {p}"
            );
            let moved = f64::from(p.length());
            let (u0, u1) = (fraction(f64::from(r), 10.0), fraction(moved, 12.0));
            assert!((u0 - u1).abs() < 1e-5, "r {r}: u {u0} -> {u1}");
        }
        // The walls map onto the new walls.
        assert!((step.shift_customer(Vec3::X * 10.0, 0).length() - 12.0).abs() < 1e-5);
        assert!((step.shift_customer(Vec3::X * 13.0, 0).length() - 15.0).abs() < 1e-5);
    }

    #[test]
    fn a_uniform_shell_stays_uniform_as_it_moves_out() {
        let (r0, r1, w) = (5.0, 20.0, 3.0);
        let step = ball_step(r0, r1, w);
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
            .map(|&p| f64::from(step.shift_customer(p, 0).length()))
            .collect();
        let kept = profile(&moved);
        assert!((kept - 1.0).abs() < 0.02, "volume fraction: {kept}");
        // Keeping each customer's depth instead thins the inner third by a third: the
        // check above is sharp enough to catch that.
        let by_depth: Vec<f64> = before
            .iter()
            .map(|&p| f64::from(p.length()) + (r1 - r0))
            .collect();
        let thinned = profile(&by_depth);
        assert!(thinned < 0.7, "depth kept: {thinned}");
    }
}
