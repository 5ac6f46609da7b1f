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

/// Below this many agents, counting stays on one thread: spawning costs more than it saves.
const PARALLEL_MIN_AGENTS: usize = 20_000;

/// The most threads one count uses.
const MAX_THREADS: usize = 16;

/// The most cells the grid allocates per agent before it widens its cells.
const CELLS_PER_AGENT: usize = 8;

/// Where the pairs of one pass are tallied.
struct Tally<'a, V> {
    counts: &'a mut ContactCounts,
    front: &'a mut [bool],
    visitor: &'a mut V,
}

impl<V: PairVisitor> Tally<'_, V> {
    /// Tests entry `i` against entries `j0 .. j1` and tallies the contacts.
    #[inline(always)]
    fn run(&mut self, i: usize, j0: usize, j1: usize, pos: &[Vec3], tag: &[u32], d2: f32) {
        let (pi, ti) = (pos[i], tag[i]);
        let i_customer = ti & CUSTOMER_BIT != 0;
        for (&pj, &tj) in pos[j0..j1].iter().zip(&tag[j0..j1]) {
            let j_customer = tj & CUSTOMER_BIT != 0;
            if (i_customer && j_customer) || !in_contact(pi, pj, d2) {
                continue;
            }
            match (i_customer, j_customer) {
                (false, false) => {
                    self.counts.internal += 1;
                    self.visitor.visit(PairKind::Internal, ti, tj);
                }
                (false, true) => {
                    self.counts.customer += 1;
                    self.front[ti as usize] = true;
                    self.visitor
                        .visit(PairKind::Customer, ti, tj & !CUSTOMER_BIT);
                }
                _ => {
                    self.counts.customer += 1;
                    self.front[tj as usize] = true;
                    self.visitor
                        .visit(PairKind::Customer, tj, ti & !CUSTOMER_BIT);
                }
            }
        }
    }
}

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
    ///
    /// Large crowds are split into slabs of z-layers, one per core; the counts are
    /// sums and the front-office flags an OR, so the result does not depend on the split.
    pub fn count(&mut self, employees: &[Vec3], customers: &[Vec3], d: f32) -> ContactCounts {
        let n = employees.len() + customers.len();
        let threads = if n < PARALLEL_MIN_AGENTS {
            1
        } else {
            std::thread::available_parallelism().map_or(1, |t| t.get().min(MAX_THREADS))
        };
        if threads == 1 {
            return self.count_with(employees, customers, d, &mut ());
        }
        self.tally(employees, customers, d, |grid, counts, front| {
            grid.pair_slabs(threads, d * d, counts, front)
        })
    }

    /// Pairs the cells on `threads` threads, this one included, and merges their tallies.
    fn pair_slabs(&self, threads: usize, d2: f32, counts: &mut ContactCounts, front: &mut [bool]) {
        let slabs = self.slabs(threads);
        let ne = front.len();
        let parts: Vec<(ContactCounts, Vec<bool>)> = std::thread::scope(|scope| {
            // The first slab is counted here, straight into `counts` and `front`.
            let handles: Vec<_> = slabs[1..]
                .windows(2)
                .map(|w| {
                    let layers = w[0]..w[1];
                    scope.spawn(move || {
                        let mut counts = ContactCounts::default();
                        let mut front = vec![false; ne];
                        self.pair_cells(layers, d2, &mut counts, &mut front, &mut ());
                        (counts, front)
                    })
                })
                .collect();
            self.pair_cells(slabs[0]..slabs[1], d2, counts, front, &mut ());
            handles
                .into_iter()
                .map(|h| h.join().expect("a counting thread panicked"))
                .collect()
        });
        for (part, part_front) in parts {
            counts.internal += part.internal;
            counts.customer += part.customer;
            for (f, p) in front.iter_mut().zip(part_front) {
                *f |= p;
            }
        }
    }

    /// Splits the z-layers into `parts` slabs holding about as many agents each.
    fn slabs(&self, parts: usize) -> Vec<usize> {
        let [nx, ny, nz] = self.dims;
        let layer = nx * ny;
        let total = self.pos.len();
        let mut bounds = vec![0];
        for z in 1..nz {
            let before = self.cell_start[z * layer] as usize;
            if before * parts >= total * bounds.len() && bounds.len() < parts {
                bounds.push(z);
            }
        }
        bounds.push(nz);
        bounds
    }

    /// Which employees had a customer contact in the last count, by index.
    pub fn front_office(&self) -> &[bool] {
        &self.front
    }

    /// The grid's cell counts along x, y and z in the last count.
    pub fn dims(&self) -> [usize; 3] {
        self.dims
    }

    /// Counts as [`ContactGrid::count`] does, on one thread, and shows every counted pair
    /// to `visitor`.
    pub fn count_with<V: PairVisitor>(
        &mut self,
        employees: &[Vec3],
        customers: &[Vec3],
        d: f32,
        visitor: &mut V,
    ) -> ContactCounts {
        self.tally(employees, customers, d, |grid, counts, front| {
            grid.pair_cells(0..grid.dims[2], d * d, counts, front, visitor)
        })
    }

    /// Sorts the agents into cells, lets `pair` tally the contacts and the front office,
    /// and counts the front office. With no employees or no valid `d` nothing is paired.
    fn tally(
        &mut self,
        employees: &[Vec3],
        customers: &[Vec3],
        d: f32,
        pair: impl FnOnce(&Self, &mut ContactCounts, &mut [bool]),
    ) -> ContactCounts {
        let ne = employees.len();
        assert!(
            ne + customers.len() < CUSTOMER_BIT as usize,
            "too many agents for one grid"
        );
        let mut counts = ContactCounts {
            employees: ne as u32,
            ..ContactCounts::default()
        };
        let mut front = std::mem::take(&mut self.front);
        front.clear();
        front.resize(ne, false);
        if ne == 0 || d.is_nan() || d <= 0.0 {
            self.dims = [0; 3];
        } else {
            self.sort(employees, customers, d);
            pair(self, &mut counts, &mut front);
            counts.front_office = front.iter().filter(|&&f| f).count() as u32;
        }
        self.front = front;
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

    /// Visits each cell with itself and its forward half-shell of neighbours.
    ///
    /// Cells `x-1 ..= x+1` of one row are contiguous in the sorted order, so the 13
    /// half-shell neighbours collapse into five runs of entries: this cell and `x+1`
    /// together, then three cells of the next row and nine of the next layer.
    fn pair_cells<V: PairVisitor>(
        &self,
        layers: std::ops::Range<usize>,
        d2: f32,
        counts: &mut ContactCounts,
        front: &mut [bool],
        visitor: &mut V,
    ) {
        let [nx, ny, nz] = self.dims;
        let (cell_start, pos, tag) = (&self.cell_start[..], &self.pos[..], &self.tag[..]);
        let mut tally = Tally {
            counts,
            front,
            visitor,
        };
        let run = |x0: usize, x1: usize, y: usize, z: usize| {
            let row = (z * ny + y) * nx;
            (
                cell_start[row + x0] as usize,
                cell_start[row + x1 + 1] as usize,
            )
        };
        for iz in layers {
            for iy in 0..ny {
                for ix in 0..nx {
                    let (s, e) = run(ix, ix, iy, iz);
                    if s == e {
                        continue;
                    }
                    let (x0, x1) = (ix.saturating_sub(1), (ix + 1).min(nx - 1));
                    // This cell with itself and with x+1: every j after i up to the end of x+1.
                    let own_end = run(ix, x1, iy, iz).1;
                    for i in s..e {
                        tally.run(i, i + 1, own_end, pos, tag, d2);
                    }
                    let mut neighbours = [(0, 0); 4];
                    let mut k = 0;
                    if iy + 1 < ny {
                        neighbours[k] = run(x0, x1, iy + 1, iz);
                        k += 1;
                    }
                    if iz + 1 < nz {
                        for y in iy.saturating_sub(1)..=(iy + 1).min(ny - 1) {
                            neighbours[k] = run(x0, x1, y, iz + 1);
                            k += 1;
                        }
                    }
                    for &(ns, ne) in &neighbours[..k] {
                        if ns == ne {
                            continue;
                        }
                        for i in s..e {
                            tally.run(i, ns, ne, pos, tag, d2);
                        }
                    }
                }
            }
        }
    }
}
