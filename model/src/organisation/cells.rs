//! Cells: units that split in two when they pass `r_max`, each a ball with its own
//! customer shell, standing apart on a lattice.

use std::iter::repeat_n;

use glam::{DVec3, IVec3, Vec3};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::Unit;
use super::shape::{ShapeGeometry, Walls};
use super::step::{Balls, GrowthStep, Split, UnitMove};
use crate::geometry::{
    ball_volume, radius_for, reflect_into_ball, reflect_into_shell, shell_volume_around,
};
use crate::params::{ParamError, Params, at_least_two_d};
use crate::theory::{self, contact_volume};

/// A cellular organisation's units, and each agent's unit.
#[derive(Clone, Debug)]
pub(crate) struct Cells {
    /// The radius past which a unit splits.
    r_max: f64,
    /// The units; empty until the first growth lays them out.
    units: Vec<Unit>,
    /// Each employee's unit, by id.
    employee_unit: Vec<u32>,
    /// Each customer's unit, by id.
    customer_unit: Vec<u32>,
    /// Lattice sites, nearest the origin first; unit `k` stands at `sites[k]`.
    sites: Vec<IVec3>,
}

impl Cells {
    /// Cells that split past `r_max`, holding no one yet.
    pub(super) fn new(r_max: f64) -> Self {
        Self {
            r_max,
            units: Vec::new(),
            employee_unit: Vec::new(),
            customer_unit: Vec::new(),
            sites: Vec::new(),
        }
    }

    /// The first units of a cellular organisation of `n`: halved until every unit is
    /// within `r_max`, each on its own lattice site.
    fn start(
        &mut self,
        n: u32,
        params: &Params,
        rng: &mut ChaCha8Rng,
        step: &mut GrowthStep,
    ) -> Vec<UnitMove> {
        let mut counts = vec![n];
        while let Some(i) = counts
            .iter()
            .position(|&c| c > 1 && radius_for(c, params.rho) > self.r_max)
        {
            let c = counts[i];
            counts[i] = c - c / 2;
            counts.push(c / 2);
        }
        let spacing = self.spacing(params);
        self.ensure_sites(counts.len());
        self.units = (0..counts.len())
            .map(|k| Unit::empty(self.sites[k].as_dvec3() * spacing))
            .collect();
        let mut moves = vec![UnitMove::default(); counts.len()];
        for (u, &c) in counts.iter().enumerate() {
            self.grow_unit(u, c, params, rng, step, &mut moves);
        }
        moves
    }

    /// How far apart lattice sites are: two customer shells at `r_max` and a contact
    /// distance to spare, so no two units share a contact.
    fn spacing(&self, params: &Params) -> f64 {
        2.0 * (self.r_max + params.shell_width()) + 1.5 * params.d
    }

    /// Hires `hires` into unit `u` by accretion and tops its shell up to `rho_c`.
    fn grow_unit(
        &mut self,
        u: usize,
        hires: u32,
        params: &Params,
        rng: &mut ChaCha8Rng,
        step: &mut GrowthStep,
        moves: &mut [UnitMove],
    ) {
        let grown = self.units[u].accrete(hires, params.rho, rng, &mut step.new_employees);
        moves[u].grow = Some(grown);
        self.employee_unit
            .extend(repeat_n(u as u32, hires as usize));
        self.top_up(u, params, rng, step);
    }

    /// Tops unit `u`'s shell up to `rho_c`.
    fn top_up(&mut self, u: usize, params: &Params, rng: &mut ChaCha8Rng, step: &mut GrowthStep) {
        let new = self.units[u].top_up(params, rng, &mut step.new_customers);
        self.customer_unit.extend(repeat_n(u as u32, new as usize));
    }

    /// Spreads `hires` over the units, each unit's share in proportion to its head
    /// count, and grows each by accretion.
    fn hire(
        &mut self,
        hires: u32,
        params: &Params,
        rng: &mut ChaCha8Rng,
        step: &mut GrowthStep,
        moves: &mut [UnitMove],
    ) {
        let mut per_unit = vec![0u32; self.units.len()];
        let cumulative: Vec<u64> = self
            .units
            .iter()
            .scan(0u64, |acc, u| {
                *acc += u64::from(u.employees);
                Some(*acc)
            })
            .collect();
        let top = cumulative.last().copied().unwrap_or(0);
        if top == 0 {
            return;
        }
        for _ in 0..hires {
            let r = rng.random_range(0..top);
            per_unit[cumulative.partition_point(|&c| c <= r)] += 1;
        }
        for (u, &h) in per_unit.iter().enumerate() {
            if h > 0 {
                self.grow_unit(u, h, params, rng, step, moves);
            }
        }
    }

    /// Splits every unit past `r_max` into two of equal head count: alternate members
    /// (employees and customers, in id order) move to a new unit at the next free
    /// lattice site; both halves shrink into balls of their new radii, and both shells
    /// are topped up. Agents placed earlier in this tick are moved here; the caller moves
    /// the older ones with the step.
    fn split(
        &mut self,
        params: &Params,
        rng: &mut ChaCha8Rng,
        step: &mut GrowthStep,
        moves: &mut Vec<UnitMove>,
    ) {
        let splitting: Vec<usize> = (0..self.units.len())
            .filter(|&u| self.units[u].radius > self.r_max && self.units[u].employees > 1)
            .collect();
        if splitting.is_empty() {
            return;
        }
        let spacing = self.spacing(params);
        // Unit u's partner is a new unit; `partner[u]` says which.
        let mut partner = vec![u32::MAX; self.units.len()];
        for &u in &splitting {
            let v = self.units.len();
            self.ensure_sites(v + 1);
            partner[u] = v as u32;
            self.units
                .push(Unit::empty(self.sites[v].as_dvec3() * spacing));
        }
        moves.resize(self.units.len(), UnitMove::default());
        // Alternate members move: exactly half (the larger half stays).
        let flip = |members: &mut [u32]| {
            let mut odd = vec![false; partner.len()];
            let mut moved = vec![0u32; partner.len()];
            for unit in members {
                let u = *unit as usize;
                if u < partner.len() && partner[u] != u32::MAX {
                    if odd[u] {
                        *unit = partner[u];
                        moved[u] += 1;
                    }
                    odd[u] = !odd[u];
                }
            }
            moved
        };
        let moved_employees = flip(&mut self.employee_unit);
        let moved_customers = flip(&mut self.customer_unit);
        for &u in &splitting {
            let v = partner[u] as usize;
            let old = self.units[u];
            let (stay, go) = (old.employees - moved_employees[u], moved_employees[u]);
            let (rs, rg) = (radius_for(stay, params.rho), radius_for(go, params.rho));
            self.units[u].radius = rs;
            self.units[u].employees = stay;
            self.units[u].customers = old.customers - moved_customers[u];
            self.units[v].radius = rg;
            self.units[v].employees = go;
            self.units[v].customers = moved_customers[u];
            let half = |to: DVec3, r1: f64| Split {
                source: u as u32,
                from: old.centre,
                to,
                r0: old.radius,
                r1,
            };
            moves[u].split = Some(half(old.centre, rs));
            moves[v].split = Some(half(self.units[v].centre, rg));
        }
        // Agents placed earlier in this tick follow their half; older ones are moved by
        // the caller through the step.
        let first_employee = self.employee_unit.len() - step.new_employees.len();
        for (k, p) in step.new_employees.iter_mut().enumerate() {
            if let Some(s) = moves[self.employee_unit[first_employee + k] as usize].split {
                *p = s.shift_employee(*p);
            }
        }
        let w = params.shell_width();
        let first_customer = self.customer_unit.len() - step.new_customers.len();
        for (k, p) in step.new_customers.iter_mut().enumerate() {
            if let Some(s) = moves[self.customer_unit[first_customer + k] as usize].split {
                *p = s.shift_customer(*p, w);
            }
        }
        for &u in &splitting {
            self.top_up(u, params, rng, step);
            self.top_up(partner[u] as usize, params, rng, step);
        }
    }

    /// Makes sure at least `n` lattice sites are known, nearest the origin first.
    fn ensure_sites(&mut self, n: usize) {
        if self.sites.len() >= n {
            return;
        }
        let mut l = 1;
        loop {
            let side = 2 * l + 1;
            if (side * side * side) as usize >= n {
                break;
            }
            l += 1;
        }
        let mut sites: Vec<IVec3> = (-l..=l)
            .flat_map(|x| (-l..=l).flat_map(move |y| (-l..=l).map(move |z| IVec3::new(x, y, z))))
            .collect();
        sites.sort_by_key(|s| (s.length_squared(), s.z, s.y, s.x));
        // Keep the order of sites already taken (a larger cube only appends further ones).
        let known = self.sites.len();
        let extra: Vec<IVec3> = sites
            .into_iter()
            .filter(|s| !self.sites[..known].contains(s))
            .collect();
        self.sites.extend(extra);
    }
}

impl ShapeGeometry for Cells {
    type Region<'a> = CellRegions<'a>;
    type Motion = Balls;

    fn name(&self) -> &'static str {
        "Cells"
    }

    /// `r_max` is at least 2 d.
    fn validate(&self, params: &Params) -> Result<(), ParamError> {
        at_least_two_d("r_max", self.r_max, params.d)
    }

    /// Cells do not rotate: a swap would move an employee into another unit.
    fn rotates(&self) -> bool {
        false
    }

    /// At most as many units as if every unit were as small as a split leaves it; at
    /// most `n (rho / 2 + rho_c) V_d` contacts, as if each employee's contact ball held
    /// employees and customers at their densities throughout.
    fn footprint(&self, params: &Params) -> (f64, f64) {
        let (n, w, r_max) = (
            f64::from(params.max_employees),
            params.shell_width(),
            self.r_max,
        );
        let vd = contact_volume(params.d);
        let smallest = r_max / 2f64.cbrt();
        let per_unit = (params.rho * ball_volume(smallest)).max(1.0);
        let units = (n / per_unit).ceil().max(1.0);
        (
            units * params.rho_c * shell_volume_around(smallest.min(r_max), w),
            n * (0.5 * params.rho + params.rho_c) * vd,
        )
    }

    /// Grows from `employees` to head count `n`: the first growth lays the units out;
    /// later ones hire into the units and split those grown past `r_max`.
    fn grow(
        &mut self,
        employees: u32,
        n: u32,
        params: &Params,
        rng: &mut ChaCha8Rng,
        step: &mut GrowthStep,
    ) -> Balls {
        let moves = if self.units.is_empty() {
            self.start(n, params, rng, step)
        } else {
            let mut moves = vec![UnitMove::default(); self.units.len()];
            self.hire(n - employees, params, rng, step, &mut moves);
            self.split(params, rng, step, &mut moves);
            moves
        };
        Balls(moves)
    }

    fn region(&self, w: f64) -> CellRegions<'_> {
        CellRegions {
            cells: self,
            w: w as f32,
        }
    }

    /// The mean unit radius.
    fn radius(&self) -> f64 {
        let n = self.units.len().max(1) as f64;
        self.units.iter().map(|u| u.radius).sum::<f64>() / n
    }

    /// The radius of a ball around the origin that holds every agent.
    fn outer_radius(&self, w: f64) -> f64 {
        self.units
            .iter()
            .map(|u| u.outer_radius(w))
            .fold(0.0, f64::max)
    }

    /// The expected customer ratio (exact) and front-office share, summed over the
    /// units, for `employees` in all.
    fn expected(&self, p: &Params, employees: u32) -> theory::Expected {
        let (mut internal, mut customer, mut front) = (0.0, 0.0, 0.0);
        for u in &self.units {
            internal += theory::internal_expected(p.rho, p.d, u.radius);
            customer += theory::customer_expected(p.rho, p.rho_c, p.d, u.radius);
            front += f64::from(u.employees) * theory::front_office_expected(p.rho_c, p.d, u.radius);
        }
        theory::Expected {
            radius: self.radius(),
            ratio: if internal > 0.0 {
                customer / internal
            } else {
                0.0
            },
            front_office_share: front / f64::from(employees.max(1)),
        }
    }

    fn units(&self) -> &[Unit] {
        &self.units
    }

    fn units_by_agent_mut(&mut self) -> Option<(&mut Vec<u32>, &mut Vec<u32>)> {
        Some((&mut self.employee_unit, &mut self.customer_unit))
    }

    #[inline]
    fn employee_unit(&self, id: u32) -> u32 {
        self.employee_unit.get(id as usize).copied().unwrap_or(0)
    }

    #[inline]
    fn customer_unit(&self, id: u32) -> u32 {
        self.customer_unit.get(id as usize).copied().unwrap_or(0)
    }
}

/// Each agent in its own unit's ball or shell (of thickness `w`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct CellRegions<'a> {
    cells: &'a Cells,
    w: f32,
}

impl Walls for CellRegions<'_> {
    #[inline]
    fn employee(&self, q: Vec3, id: u32) -> Vec3 {
        let cells = self.cells;
        let u = &cells.units[cells.employee_unit[id as usize] as usize];
        let c = u.centre.as_vec3();
        reflect_into_ball(q - c, u.radius as f32) + c
    }

    #[inline]
    fn customer(&self, q: Vec3, id: u32) -> Vec3 {
        let cells = self.cells;
        let u = &cells.units[cells.customer_unit[id as usize] as usize];
        let (c, r) = (u.centre.as_vec3(), u.radius as f32);
        reflect_into_shell(q - c, r, r + self.w) + c
    }
}

#[cfg(test)]
mod tests {
    use crate::organisation::Organisation;
    use crate::params::{GrowthLaw, Params, Shape};

    #[test]
    fn cells_split_into_equal_halves_that_stand_apart() {
        let params = Params {
            initial_employees: 200,
            max_employees: 20_000,
            shape: Shape::Cells { r_max: 6.0 },
            growth: GrowthLaw::Exponential { rate: 0.03 },
            ..Params::default()
        };
        let (mut org, _) = Organisation::new(params.clone(), 3).unwrap();
        while !org.at_cap() {
            org.advance();
            let units = org.units();
            for u in units {
                assert!(u.radius <= 6.0 + 1e-9, "{u:?}");
                // A half is a little smaller than r_max/∛2 when the unit split one
                // tick's growth past r_max... and no smaller.
                // (Before the first split the one unit is simply small.)
                assert!(
                    units.len() == 1 || u.radius >= 6.0 / 2f64.cbrt() * 0.97,
                    "{u:?}"
                );
            }
            // Every agent's unit exists and the unit counts add up.
            let sum: u32 = units.iter().map(|u| u.employees).sum();
            assert_eq!(sum, org.employees());
            let w = params.shell_width();
            for (i, a) in units.iter().enumerate() {
                for b in &units[i + 1..] {
                    let gap = (a.centre - b.centre).length() - (a.radius + w) - (b.radius + w);
                    assert!(gap > params.d, "units touch: {gap}");
                }
            }
        }
        assert!(org.units().len() >= 8, "{}", org.units().len());
    }
}
