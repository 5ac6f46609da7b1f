//! Exact contact counting on a uniform grid.
//!
//! Every frame the grid is rebuilt by a counting sort of all agents into cells of
//! side `d`. Each cell is then paired with itself and with the 13 cells of its
//! forward half-shell, so every pair of neighbouring cells is visited exactly once
//! and no pair list is ever built. The result equals [`brute_force`] exactly: both
//! decide a contact with the same [`in_contact`] test on the same `f32` positions.

use glam::Vec3;

/// The two kinds of contact that count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PairKind {
    /// Employee–employee.
    Internal,
    /// Employee–customer.
    Customer,
}

/// The counts of one frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ContactCounts {
    /// Employee–employee pairs within `d`.
    pub internal: u64,
    /// Employee–customer pairs within `d`.
    pub customer: u64,
    /// Employees with at least one customer contact (the front office).
    pub front_office: u32,
    /// Head count the counts were taken over.
    pub employees: u32,
}

impl ContactCounts {
    /// Customer contacts per internal contact (0 when there are no internal contacts).
    pub fn ratio(&self) -> f64 {
        if self.internal == 0 {
            0.0
        } else {
            self.customer as f64 / self.internal as f64
        }
    }

    /// The share of employees with a customer contact (0 without employees).
    pub fn front_office_share(&self) -> f64 {
        if self.employees == 0 {
            0.0
        } else {
            f64::from(self.front_office) / f64::from(self.employees)
        }
    }
}

/// Receives the pairs as they are counted, e.g. to sample lines to draw.
pub trait PairVisitor {
    /// One pair: `employee` is an employee index; `other` is an employee index for
    /// [`PairKind::Internal`] and a customer index for [`PairKind::Customer`].
    fn visit(&mut self, kind: PairKind, employee: u32, other: u32);
}

/// Visits nothing: plain counting.
impl PairVisitor for () {
    #[inline]
    fn visit(&mut self, _: PairKind, _: u32, _: u32) {}
}

/// The contact test that both the grid and the brute force use.
#[inline]
pub fn in_contact(a: Vec3, b: Vec3, d2: f32) -> bool {
    let (dx, dy, dz) = (a.x - b.x, a.y - b.y, a.z - b.z);
    dx * dx + dy * dy + dz * dz <= d2
}

/// Counts every pair with two nested loops: O(N²), the reference for tests and benchmarks.
pub fn brute_force(employees: &[Vec3], customers: &[Vec3], d: f32) -> ContactCounts {
    let d2 = d * d;
    let mut counts = ContactCounts {
        employees: employees.len() as u32,
        ..ContactCounts::default()
    };
    for (i, &a) in employees.iter().enumerate() {
        counts.internal += employees[i + 1..]
            .iter()
            .filter(|&&b| in_contact(a, b, d2))
            .count() as u64;
        let c = customers.iter().filter(|&&b| in_contact(a, b, d2)).count() as u64;
        counts.customer += c;
        counts.front_office += u32::from(c > 0);
    }
    counts
}

/// Marks a sorted entry as a customer; the low bits hold the agent's index.
const CUSTOMER_BIT: u32 = 1 << 31;

/// The most cells the grid allocates per agent before it widens its cells.
const CELLS_PER_AGENT: usize = 8;

/// The forward half of the 26 neighbours: each neighbouring pair of cells once.
const HALF_SHELL: [(i32, i32, i32); 13] = [
    (1, 0, 0),
    (-1, 1, 0),
    (0, 1, 0),
    (1, 1, 0),
    (-1, -1, 1),
    (0, -1, 1),
    (1, -1, 1),
    (-1, 0, 1),
    (0, 0, 1),
    (1, 0, 1),
    (-1, 1, 1),
    (0, 1, 1),
    (1, 1, 1),
];

/// A reusable counting grid: its buffers are kept between frames.
#[derive(Clone, Debug, Default)]
pub struct ContactGrid {
    /// `cell_start[c] .. cell_start[c + 1]` are the sorted entries of cell `c`.
    cell_start: Vec<u32>,
    /// Each agent's cell, in input order (employees, then customers).
    cell_of: Vec<u32>,
    pos: Vec<Vec3>,
    tag: Vec<u32>,
    front: Vec<bool>,
    dims: [usize; 3],
}

impl ContactGrid {
    /// An empty grid.
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts the contacts among `employees` and `customers` at contact distance `d`.
    pub fn count(&mut self, employees: &[Vec3], customers: &[Vec3], d: f32) -> ContactCounts {
        self.count_with(employees, customers, d, &mut ())
    }

    /// Which employees had a customer contact in the last count, by index.
    pub fn front_office(&self) -> &[bool] {
        &self.front
    }

    /// The grid's cell counts along x, y and z in the last count.
    pub fn dims(&self) -> [usize; 3] {
        self.dims
    }

    /// Counts as [`ContactGrid::count`] does, and shows every counted pair to `visitor`.
    pub fn count_with<V: PairVisitor>(
        &mut self,
        employees: &[Vec3],
        customers: &[Vec3],
        d: f32,
        visitor: &mut V,
    ) -> ContactCounts {
        let ne = employees.len();
        assert!(
            ne + customers.len() < CUSTOMER_BIT as usize,
            "too many agents for one grid"
        );
        self.front.clear();
        self.front.resize(ne, false);
        let mut counts = ContactCounts {
            employees: ne as u32,
            ..ContactCounts::default()
        };
        if ne == 0 || !(d > 0.0) {
            self.dims = [0; 3];
            return counts;
        }
        self.sort(employees, customers, d);
        self.pair_cells(d * d, &mut counts, visitor);
        counts.front_office = self.front.iter().filter(|&&f| f).count() as u32;
        counts
    }

    /// Buckets all agents into cells by a counting sort.
    fn sort(&mut self, employees: &[Vec3], customers: &[Vec3], d: f32) {
        let all = || employees.iter().chain(customers);
        let n = employees.len() + customers.len();
        let (lo, hi) = all().fold((Vec3::INFINITY, Vec3::NEG_INFINITY), |(lo, hi), &p| {
            (lo.min(p), hi.max(p))
        });
        let extent = (hi - lo).as_dvec3();
        // Cells a hair wider than `d`: then any pair that passes the f32 test lies in the
        // same or in adjacent cells, whatever the rounding in the index arithmetic.
        let mut cell = f64::from(d) * (1.0 + 1e-5);
        // A sparse crowd would need more cells than agents; wider cells stay exact.
        let budget = (CELLS_PER_AGENT * n).max(4096) as f64;
        let cells_at = |c: f64| {
            (extent / c)
                .floor()
                .to_array()
                .iter()
                .map(|&k| k + 1.0)
                .product::<f64>()
        };
        while cells_at(cell) > budget {
            cell *= 1.25;
        }
        let dims = (extent / cell).floor().to_array().map(|k| k as usize + 1);
        self.dims = dims;
        let inv = 1.0 / cell;
        let lo = lo.as_dvec3();
        let index = |p: &Vec3| {
            let q = (p.as_dvec3() - lo) * inv;
            let ix = (q.x as usize).min(dims[0] - 1);
            let iy = (q.y as usize).min(dims[1] - 1);
            let iz = (q.z as usize).min(dims[2] - 1);
            ((iz * dims[1] + iy) * dims[0] + ix) as u32
        };

        let ncells = dims[0] * dims[1] * dims[2];
        self.cell_start.clear();
        self.cell_start.resize(ncells + 1, 0);
        self.cell_of.clear();
        self.cell_of.extend(all().map(index));
        for &c in &self.cell_of {
            self.cell_start[c as usize + 1] += 1;
        }
        for c in 0..ncells {
            self.cell_start[c + 1] += self.cell_start[c];
        }
        self.pos.clear();
        self.pos.resize(n, Vec3::ZERO);
        self.tag.clear();
        self.tag.resize(n, 0);
        // Scatter, using cell_start[c] as a cursor; restored below.
        let ne = employees.len();
        for (i, p) in all().enumerate() {
            let c = self.cell_of[i] as usize;
            let slot = self.cell_start[c] as usize;
            self.cell_start[c] += 1;
            self.pos[slot] = *p;
            self.tag[slot] = if i < ne {
                i as u32
            } else {
                (i - ne) as u32 | CUSTOMER_BIT
            };
        }
        for c in (1..=ncells).rev() {
            self.cell_start[c] = self.cell_start[c - 1];
        }
        self.cell_start[0] = 0;
    }

    /// Visits each cell with itself and its half-shell of neighbours.
    fn pair_cells<V: PairVisitor>(&mut self, d2: f32, counts: &mut ContactCounts, visitor: &mut V) {
        let [nx, ny, nz] = self.dims;
        let Self {
            cell_start,
            pos,
            tag,
            front,
            ..
        } = self;
        let mut pair = |i: usize, j: usize| {
            let (ti, tj) = (tag[i], tag[j]);
            if ti & tj & CUSTOMER_BIT != 0 || !in_contact(pos[i], pos[j], d2) {
                return;
            }
            match (ti & CUSTOMER_BIT != 0, tj & CUSTOMER_BIT != 0) {
                (false, false) => {
                    counts.internal += 1;
                    visitor.visit(PairKind::Internal, ti, tj);
                }
                (false, true) => {
                    counts.customer += 1;
                    front[ti as usize] = true;
                    visitor.visit(PairKind::Customer, ti, tj & !CUSTOMER_BIT);
                }
                _ => {
                    counts.customer += 1;
                    front[tj as usize] = true;
                    visitor.visit(PairKind::Customer, tj, ti & !CUSTOMER_BIT);
                }
            }
        };
        for iz in 0..nz {
            for iy in 0..ny {
                for ix in 0..nx {
                    let c = (iz * ny + iy) * nx + ix;
                    let (s, e) = (cell_start[c] as usize, cell_start[c + 1] as usize);
                    if s == e {
                        continue;
                    }
                    for i in s..e {
                        for j in i + 1..e {
                            pair(i, j);
                        }
                    }
                    for &(dx, dy, dz) in &HALF_SHELL {
                        let (jx, jy, jz) = (ix as i32 + dx, iy as i32 + dy, iz as i32 + dz);
                        if jx < 0 || jy < 0 || jx >= nx as i32 || jy >= ny as i32 || jz >= nz as i32
                        {
                            continue;
                        }
                        let n = (jz as usize * ny + jy as usize) * nx + jx as usize;
                        let (ns, ne) = (cell_start[n] as usize, cell_start[n + 1] as usize);
                        for i in s..e {
                            for j in ns..ne {
                                pair(i, j);
                            }
                        }
                    }
                }
            }
        }
    }
}
