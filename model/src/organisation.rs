//! Growth, tick by tick, for every shape, and the random walk's rules.
//!
//! [`Organisation`] holds the scalar state of a run (head counts, the shape's geometry,
//! tick, the placement RNG, and for cells each agent's unit). It does not own positions:
//! each tick it hands out a [`GrowthStep`] that says how existing agents move, where the
//! new ones go and who swaps places, and a [`Walk`] that moves any agent.
//! [`crate::Population`] applies them to plain vectors; the Bevy app applies them to
//! entities. Both therefore run the same model.
//!
//! Every customer region stays uniform while the organisation grows: existing customers
//! keep their volume fraction within their part of the region, and each part is then
//! topped up to `rho_c` on its own (docs/MODEL.md, "Growth" and "Beyond the sphere").

use glam::{DVec3, IVec3, Vec3};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::geometry::{
    cbrt, disc_radius_for, radius_for, reflect_into_ball, reflect_into_cylinder,
    reflect_into_disc_layers, reflect_into_shell, sample_in_ring, sample_in_shell, shell_volume,
    with_length,
};
use crate::noise::{self, Stream};
use crate::params::{GrowthLaw, ParamError, Params, Shape};
use crate::theory;

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

/// How one unit's agents move in a step: first the growth of the unit they were in,
/// then, if it split, the split.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct UnitMove {
    /// Growth by accretion around `centre` from radius `r0` to `r1` (customers move).
    grow: Option<(DVec3, f64, f64)>,
    /// This unit came out of a split of unit `source`, centred at `from` with radius
    /// `r0` after its growth; its agents are scaled to radius `r1` around `to`.
    split: Option<Split>,
}

/// One half of a split unit.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Split {
    source: u32,
    from: DVec3,
    to: DVec3,
    r0: f64,
    r1: f64,
}

/// What one tick changes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GrowthStep {
    /// Positions of the new hires; their ids follow on from the current head count.
    pub new_employees: Vec<Vec3>,
    /// Positions of the new customers, placed after the move; ids follow on likewise.
    pub new_customers: Vec<Vec3>,
    /// Employees that swap places (rotation), applied after growth.
    pub swaps: Vec<(u32, u32)>,
    /// Per unit, how its agents move (empty when nothing moves).
    units: Vec<UnitMove>,
    /// A disc growing from in-plane radius `a0` to `a1`, half-thickness `h`.
    disc: Option<(f64, f64, f64)>,
    shell_width: f64,
    splits: bool,
}

impl GrowthStep {
    /// Whether existing customers move this step.
    pub fn moves_customers(&self) -> bool {
        self.disc.is_some_and(|(a0, a1, _)| a0 != a1)
            || self
                .units
                .iter()
                .any(|m| m.split.is_some() || m.grow.is_some_and(|g| g.1 != g.2))
    }

    /// Whether existing employees move this step (a unit split).
    pub fn moves_employees(&self) -> bool {
        self.splits
    }

    /// Moves an existing customer of unit `unit` (0 except for cells) with the growing
    /// surface, keeping its *volume fraction* within its part of the customer region:
    /// a customer at radius r in a ball's shell, with `u = (r³ − R³) / ((R+w)³ − R³)`,
    /// goes to `r' = (R'³ + u ((R'+w)³ − R'³))^(1/3)` in the same direction. A uniform
    /// region therefore stays uniform, and the uniform top-up that follows restores
    /// `rho_c` exactly. (Keeping each customer's depth instead thins the inner layers,
    /// where employees meet customers.)
    pub fn shift_customer(&self, p: Vec3, unit: u32) -> Vec3 {
        let w = self.shell_width;
        if let Some((a0, a1, h)) = self.disc {
            return shift_disc_customer(p, a0, a1, h, w);
        }
        let Some(m) = self.units.get(unit as usize) else {
            return p;
        };
        let source = m.split.map_or(unit, |s| s.source) as usize;
        let mut q = p;
        if let Some((centre, r0, r1)) = self.units[source].grow
            && r0 != r1
        {
            q = shift_in_shell(q, centre, centre, r0, r1, w);
        }
        if let Some(s) = m.split {
            q = shift_in_shell(q, s.from, s.to, s.r0, s.r1, w);
        }
        q
    }

    /// Moves an existing employee of unit `unit`: only a split moves employees, each
    /// half of the unit scaled into a ball of its new radius around its centre.
    pub fn shift_employee(&self, p: Vec3, unit: u32) -> Vec3 {
        match self.units.get(unit as usize).and_then(|m| m.split) {
            Some(s) => (s.to + (p.as_dvec3() - s.from) * (s.r1 / s.r0)).as_vec3(),
            None => p,
        }
    }
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

/// A disc's customer as the disc grows from `a0` to `a1`: in the face layers
/// (`|y| > h`) its distance from the axis scales with the layers' radius `a + w`; in the
/// rim (`|y| ≤ h`) it keeps its area fraction of the ring `a .. a + w`. Height is kept.
fn shift_disc_customer(p: Vec3, a0: f64, a1: f64, h: f64, w: f64) -> Vec3 {
    if a0 == a1 {
        return p;
    }
    let r = f64::from(p.x).hypot(f64::from(p.z));
    let to = if f64::from(p.y.abs()) > h {
        r * (a1 + w) / (a0 + w)
    } else {
        let u = ((r * r - a0 * a0) / ((a0 + w).powi(2) - a0 * a0)).clamp(0.0, 1.0);
        (a1 * a1 + u * ((a1 + w).powi(2) - a1 * a1)).sqrt()
    };
    if r > 0.0 {
        let s = (to / r) as f32;
        Vec3::new(p.x * s, p.y, p.z * s)
    } else {
        Vec3::new(to as f32, p.y, 0.0)
    }
}

/// Where each agent may walk.
#[derive(Clone, Copy, Debug)]
enum Region<'a> {
    Ball {
        radius: f32,
        outer: f32,
    },
    Disc {
        a: f32,
        h: f32,
        w: f32,
    },
    Cells {
        units: &'a [Unit],
        employee_unit: &'a [u32],
        customer_unit: &'a [u32],
        w: f32,
    },
}

/// One tick's random walk: copy it into any loop that moves agents.
#[derive(Clone, Copy, Debug)]
pub struct Walk<'a> {
    employee_key: u64,
    customer_key: u64,
    sd: f32,
    region: Region<'a>,
}

impl Walk<'_> {
    /// The employee with id `id`, at `p`, after this tick's step.
    #[inline]
    pub fn employee(&self, p: Vec3, id: u32) -> Vec3 {
        let q = p + Vec3::from(noise::step_keyed(self.employee_key, id, self.sd));
        match self.region {
            Region::Ball { radius, .. } => reflect_into_ball(q, radius),
            Region::Disc { a, h, .. } => reflect_into_cylinder(q, a, h),
            Region::Cells {
                units,
                employee_unit,
                ..
            } => {
                let u = &units[employee_unit[id as usize] as usize];
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
            Region::Cells {
                units,
                customer_unit,
                w,
                ..
            } => {
                let u = &units[customer_unit[id as usize] as usize];
                let (c, r) = (u.centre.as_vec3(), u.radius as f32);
                reflect_into_shell(q - c, r, r + w) + c
            }
        }
    }
}

/// A disc's geometry and its customer bookkeeping per part of the region.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Disc {
    a: f64,
    /// Customers placed in the face layers and in the rim; the walk exchanges some
    /// between the two at equal density, which evens out.
    faces: u32,
    rim: u32,
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
    /// Balls: the sphere's one unit, or the cells.
    units: Vec<Unit>,
    disc: Option<Disc>,
    /// Cells: each agent's unit, by id (empty for other shapes).
    employee_unit: Vec<u32>,
    customer_unit: Vec<u32>,
    /// Cells: lattice sites, nearest the origin first; unit `k` stands at `sites[k]`.
    sites: Vec<IVec3>,
    /// Counts the changes of geometry, so that expectations can be cached.
    generation: u64,
}

impl Organisation {
    /// Starts a run: validates `params` and places the first employees and customers,
    /// returned as a step from nothing.
    pub fn new(params: Params, seed: u64) -> Result<(Self, GrowthStep), ParamError> {
        params.validate()?;
        let mut org = Self {
            seed,
            rng: ChaCha8Rng::seed_from_u64(seed),
            tick: 0,
            employees: 0,
            customers: 0,
            hire_carry: 0.0,
            swap_carry: 0.0,
            units: Vec::new(),
            disc: None,
            employee_unit: Vec::new(),
            customer_unit: Vec::new(),
            sites: Vec::new(),
            generation: 0,
            params,
        };
        match org.params.shape {
            Shape::Sphere | Shape::Cells { .. } => org.units.push(Unit {
                centre: DVec3::ZERO,
                radius: 0.0,
                employees: 0,
                customers: 0,
            }),
            Shape::Disc { .. } => {
                org.disc = Some(Disc {
                    a: 0.0,
                    faces: 0,
                    rim: 0,
                })
            }
        }
        let first = org.grow(org.params.initial_employees);
        Ok((org, first))
    }

    /// Advances one tick: splits units that grew too large (cells), hires by the growth
    /// law, places new customers, and picks who swaps places (rotation). Apply the
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
        let mut step = GrowthStep {
            shell_width: self.params.shell_width(),
            ..GrowthStep::default()
        };
        match self.params.shape {
            Shape::Sphere => {
                step.units = vec![UnitMove::default()];
                let hires = n - self.employees;
                self.grow_unit(0, hires, &mut step);
            }
            Shape::Disc { t } => self.grow_disc(n, t, &mut step),
            Shape::Cells { r_max } if self.employees == 0 => self.start_cells(n, r_max, &mut step),
            Shape::Cells { r_max } => {
                step.units = vec![UnitMove::default(); self.units.len()];
                self.hire_into_cells(n - self.employees, &mut step);
                self.split_units(r_max, &mut step);
            }
        }
        if step.moves_customers() || !step.new_employees.is_empty() || step.splits {
            self.generation += 1;
        }
        step
    }

    /// Hires `hires` into unit `u` by accretion and tops its shell up to `rho_c`.
    fn grow_unit(&mut self, u: usize, hires: u32, step: &mut GrowthStep) {
        let unit = self.units[u];
        let n = unit.employees + hires;
        let radius = radius_for(n, self.params.rho);
        let c = unit.centre;
        for _ in 0..hires {
            let p = sample_in_shell(&mut self.rng, unit.radius, radius).as_dvec3() + c;
            step.new_employees.push(p.as_vec3());
            if self.is_cells() {
                self.employee_unit.push(u as u32);
            }
        }
        step.units[u].grow = Some((c, unit.radius, radius));
        self.units[u].radius = radius;
        self.units[u].employees = n;
        self.employees += hires;
        self.top_up(u, step);
    }

    /// Adds customers uniformly in unit `u`'s shell until it holds `rho_c`.
    fn top_up(&mut self, u: usize, step: &mut GrowthStep) {
        let w = self.params.shell_width();
        let unit = self.units[u];
        let target =
            (self.params.rho_c * shell_volume(unit.radius, unit.radius + w)).round() as u32;
        let new = target.saturating_sub(unit.customers);
        for _ in 0..new {
            let p = sample_in_shell(&mut self.rng, unit.radius, unit.radius + w).as_dvec3()
                + unit.centre;
            step.new_customers.push(p.as_vec3());
            if self.is_cells() {
                self.customer_unit.push(u as u32);
            }
        }
        self.units[u].customers += new;
        self.customers += new;
    }

    /// The first units of a cellular organisation of `n`: halved until every unit is
    /// within `r_max`, each on its own lattice site.
    fn start_cells(&mut self, n: u32, r_max: f64, step: &mut GrowthStep) {
        let mut counts = vec![n];
        while let Some(i) = counts
            .iter()
            .position(|&c| c > 1 && radius_for(c, self.params.rho) > r_max)
        {
            let c = counts[i];
            counts[i] = c - c / 2;
            counts.push(c / 2);
        }
        let spacing = self.unit_spacing(r_max);
        self.ensure_sites(counts.len());
        self.units = (0..counts.len())
            .map(|k| Unit {
                centre: self.sites[k].as_dvec3() * spacing,
                radius: 0.0,
                employees: 0,
                customers: 0,
            })
            .collect();
        step.units = vec![UnitMove::default(); counts.len()];
        for (u, &c) in counts.iter().enumerate() {
            self.grow_unit(u, c, step);
        }
    }

    /// How far apart lattice sites are: two customer shells at `r_max` and a contact
    /// distance to spare, so no two units share a contact.
    fn unit_spacing(&self, r_max: f64) -> f64 {
        2.0 * (r_max + self.params.shell_width()) + 1.5 * self.params.d
    }

    /// Grows a disc to head count `n` sideways, and tops its face layers and its rim up
    /// to `rho_c` each.
    fn grow_disc(&mut self, n: u32, t: f64, step: &mut GrowthStep) {
        let disc = self.disc.expect("a disc has its geometry");
        let (w, h) = (self.params.shell_width(), t / 2.0);
        let a = disc_radius_for(n, self.params.rho, t);
        for _ in self.employees..n {
            step.new_employees
                .push(sample_in_ring(&mut self.rng, disc.a, a, -h, h));
        }
        step.disc = Some((disc.a, a, h));
        let pi = std::f64::consts::PI;
        let faces_target = (self.params.rho_c * 2.0 * pi * (a + w).powi(2) * w).round() as u32;
        let rim_target =
            (self.params.rho_c * 2.0 * h * pi * ((a + w).powi(2) - a * a)).round() as u32;
        let faces_new = faces_target.saturating_sub(disc.faces);
        let rim_new = rim_target.saturating_sub(disc.rim);
        for _ in 0..faces_new {
            let p = sample_in_ring(&mut self.rng, 0.0, a + w, h, h + w);
            let top = self.rng.random::<bool>();
            step.new_customers
                .push(if top { p } else { Vec3::new(p.x, -p.y, p.z) });
        }
        for _ in 0..rim_new {
            step.new_customers
                .push(sample_in_ring(&mut self.rng, a, a + w, -h, h));
        }
        self.disc = Some(Disc {
            a,
            faces: disc.faces + faces_new,
            rim: disc.rim + rim_new,
        });
        self.customers += faces_new + rim_new;
        self.employees = n;
    }

    /// Spreads `hires` over the cells, each unit's share in proportion to its head
    /// count, and grows each by accretion.
    fn hire_into_cells(&mut self, hires: u32, step: &mut GrowthStep) {
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
            let r = self.rng.random_range(0..top);
            per_unit[cumulative.partition_point(|&c| c <= r)] += 1;
        }
        for (u, &h) in per_unit.iter().enumerate() {
            if h > 0 {
                self.grow_unit(u, h, step);
            }
        }
    }

    /// Splits every unit past `r_max` into two of equal head count: alternate members
    /// (employees and customers, in id order) move to a new unit at the next free
    /// lattice site; both halves shrink into balls of their new radii, and both shells
    /// are topped up. Agents placed earlier in this tick are moved here; the caller moves
    /// the older ones with the step.
    fn split_units(&mut self, r_max: f64, step: &mut GrowthStep) {
        let splitting: Vec<usize> = (0..self.units.len())
            .filter(|&u| self.units[u].radius > r_max && self.units[u].employees > 1)
            .collect();
        if splitting.is_empty() {
            return;
        }
        let spacing = self.unit_spacing(r_max);
        // Unit u's partner is a new unit; `partner[u]` says which.
        let mut partner = vec![u32::MAX; self.units.len()];
        for &u in &splitting {
            let v = self.units.len();
            self.ensure_sites(v + 1);
            partner[u] = v as u32;
            self.units.push(Unit {
                centre: self.sites[v].as_dvec3() * spacing,
                radius: 0.0,
                employees: 0,
                customers: 0,
            });
        }
        step.units.resize(self.units.len(), UnitMove::default());
        step.splits = true;
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
            let (rs, rg) = (
                radius_for(stay, self.params.rho),
                radius_for(go, self.params.rho),
            );
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
            step.units[u].split = Some(half(old.centre, rs));
            step.units[v].split = Some(half(self.units[v].centre, rg));
        }
        // Agents placed earlier in this tick follow their half; older ones are moved by
        // the caller through the step.
        let first_employee = self.employees as usize - step.new_employees.len();
        for (k, p) in step.new_employees.iter_mut().enumerate() {
            if let Some(s) = step.units[self.employee_unit[first_employee + k] as usize].split {
                *p = (s.to + (p.as_dvec3() - s.from) * (s.r1 / s.r0)).as_vec3();
            }
        }
        let w = self.params.shell_width();
        let first_customer = self.customers as usize - step.new_customers.len();
        for (k, p) in step.new_customers.iter_mut().enumerate() {
            if let Some(s) = step.units[self.customer_unit[first_customer + k] as usize].split {
                *p = shift_in_shell(*p, s.from, s.to, s.r0, s.r1, w);
            }
        }
        for &u in &splitting {
            self.top_up(u, step);
            self.top_up(partner[u] as usize, step);
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

    fn is_cells(&self) -> bool {
        matches!(self.params.shape, Shape::Cells { .. })
    }

    /// The random walk for the current tick.
    pub fn walk(&self) -> Walk<'_> {
        let w = self.params.shell_width() as f32;
        let region = match self.params.shape {
            Shape::Sphere => Region::Ball {
                radius: self.radius() as f32,
                outer: (self.radius() + self.params.shell_width()) as f32,
            },
            Shape::Disc { t } => Region::Disc {
                a: self.disc.map_or(0.0, |d| d.a) as f32,
                h: (t / 2.0) as f32,
                w,
            },
            Shape::Cells { .. } => Region::Cells {
                units: &self.units,
                employee_unit: &self.employee_unit,
                customer_unit: &self.customer_unit,
                w,
            },
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
        match p.shape {
            Shape::Sphere => theory::Expected {
                radius: self.radius(),
                ratio: theory::ratio_exact(p.rho, p.rho_c, p.d, self.radius()),
                front_office_share: theory::front_office_expected(p.rho_c, p.d, self.radius()),
            },
            Shape::Disc { t } => {
                let a = self.radius();
                theory::Expected {
                    radius: a,
                    ratio: theory::disc_ratio(p.rho, p.rho_c, p.d, a, t),
                    front_office_share: theory::disc_front_office_approx(p.rho_c, p.d, a, t),
                }
            }
            Shape::Cells { .. } => {
                let (mut internal, mut customer, mut front) = (0.0, 0.0, 0.0);
                for u in &self.units {
                    internal += theory::internal_expected(p.rho, p.d, u.radius);
                    customer += theory::customer_expected(p.rho, p.rho_c, p.d, u.radius);
                    front += f64::from(u.employees)
                        * theory::front_office_expected(p.rho_c, p.d, u.radius);
                }
                theory::Expected {
                    radius: self.radius(),
                    ratio: if internal > 0.0 {
                        customer / internal
                    } else {
                        0.0
                    },
                    front_office_share: front / f64::from(self.employees.max(1)),
                }
            }
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
        match self.params.shape {
            Shape::Disc { .. } => self.disc.map_or(0.0, |d| d.a),
            _ => {
                let n = self.units.len().max(1) as f64;
                self.units.iter().map(|u| u.radius).sum::<f64>() / n
            }
        }
    }

    /// The radius of a ball around the origin that holds every agent: for framing.
    pub fn outer_radius(&self) -> f64 {
        let w = self.params.shell_width();
        match self.params.shape {
            Shape::Disc { t } => {
                let a = self.disc.map_or(0.0, |d| d.a);
                (a + w).hypot(t / 2.0 + w)
            }
            _ => self
                .units
                .iter()
                .map(|u| u.centre.length() + u.radius + w)
                .fold(0.0, f64::max),
        }
    }

    /// The units: one for the sphere, one per cell for cells, none for the disc.
    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    /// Each employee's and each customer's unit, by id (both empty except for cells),
    /// to renumber agents with.
    pub(crate) fn units_by_agent_mut(&mut self) -> (&mut Vec<u32>, &mut Vec<u32>) {
        (&mut self.employee_unit, &mut self.customer_unit)
    }

    /// The unit of employee `id` (0 except for cells).
    pub fn employee_unit(&self, id: u32) -> u32 {
        self.employee_unit.get(id as usize).copied().unwrap_or(0)
    }

    /// The unit of customer `id` (0 except for cells).
    pub fn customer_unit(&self, id: u32) -> u32 {
        self.customer_unit.get(id as usize).copied().unwrap_or(0)
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

    fn ball_step(r0: f64, r1: f64, w: f64) -> GrowthStep {
        GrowthStep {
            units: vec![UnitMove {
                grow: Some((DVec3::ZERO, r0, r1)),
                split: None,
            }],
            shell_width: w,
            ..GrowthStep::default()
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
        // The old rule, keeping each customer's depth, thins the inner third by a third:
        // the check above would catch it.
        let by_depth: Vec<f64> = before
            .iter()
            .map(|&p| f64::from(p.length()) + (r1 - r0))
            .collect();
        let thinned = profile(&by_depth);
        assert!(thinned < 0.7, "depth kept: {thinned}");
    }

    #[test]
    fn a_disc_grows_sideways_with_uniform_layers() {
        let params = Params {
            initial_employees: 2_000,
            max_employees: 30_000,
            shape: Shape::Disc { t: 5.0 },
            growth: GrowthLaw::Exponential { rate: 0.05 },
            ..Params::default()
        };
        let (mut org, _) = Organisation::new(params.clone(), 2).unwrap();
        let mut faces = Vec::new();
        let mut rim = Vec::new();
        let apply = |step: &GrowthStep, faces: &mut Vec<Vec3>, rim: &mut Vec<Vec3>| {
            for p in faces.iter_mut().chain(rim.iter_mut()) {
                *p = step.shift_customer(*p, 0);
            }
            for &p in &step.new_customers {
                if p.y.abs() > 2.5 {
                    faces.push(p)
                } else {
                    rim.push(p)
                }
            }
        };
        let first = Organisation::new(params.clone(), 2).unwrap().1;
        apply(&first, &mut faces, &mut rim);
        while !org.at_cap() {
            let step = org.advance();
            apply(&step, &mut faces, &mut rim);
        }
        let (a, w, h) = (org.radius(), params.shell_width(), 2.5);
        let pi = std::f64::consts::PI;
        let face_density = faces.len() as f64 / (2.0 * pi * (a + w).powi(2) * w);
        let rim_density = rim.len() as f64 / (2.0 * h * pi * ((a + w).powi(2) - a * a));
        assert!(
            (face_density / params.rho_c - 1.0).abs() < 0.02,
            "{face_density}"
        );
        assert!(
            (rim_density / params.rho_c - 1.0).abs() < 0.02,
            "{rim_density}"
        );
        // Inner and outer halves of the face layers hold the same density.
        let inner = faces
            .iter()
            .filter(|p| f64::from(p.x.hypot(p.z)) < (a + w) / 2f64.sqrt())
            .count() as f64;
        assert!((inner / faces.len() as f64 - 0.5).abs() < 0.02);
    }

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
