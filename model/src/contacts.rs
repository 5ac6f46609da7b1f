//! Exact contact counting on a uniform grid, on every core.
//!
//! Every frame the agents are sorted into cells a hair wider than `d`, employees and
//! customers each into their own structure-of-arrays (x, y, z and the input index, in
//! cell order). Two passes then count, two cells along x at a time (a *group*):
//!
//! - **internal:** each employee group with itself and the cells of its forward
//!   half-shell, so every pair of neighbouring cells is visited once. Cells `x-1 ..=
//!   x+2` of a row are contiguous in the sorted order, so the half-shell collapses into
//!   five contiguous runs;
//! - **customer:** each employee group with the customer cells around it, as nine
//!   runs. Customer–customer pairs are never looked at, and a bitmap of the cells with
//!   customers nearby ([`Nearby`]) skips the lookups everywhere else.
//!
//! The inner loop tests one employee against a run of agents without a branch, so
//! the compiler vectorises it (and an AVX-512 or AVX2 copy is picked at run time where
//! the CPU has it). The z-layers are cut into a fixed number of slabs of about equal
//! work, counted on rayon's pool; each employee's front-office flag is written by the
//! one slab that holds it, so nothing is merged per thread but the totals.
//!
//! The sort is a counting sort that reuses what the last frame found: the grid itself
//! while the agents still fit it (the pass that bins them also finds the box around
//! them, so they are not read separately for it), and the order, as a hint that makes
//! the scatter's writes nearly sequential. Agents that their caller keeps in spatial
//! order ([`ContactGrid::renumber`], as [`crate::Population`] does) need no hint: they
//! are scattered in input order, and every pass reads and writes nearly in order.
//!
//! The result equals [`brute_force`] exactly: both decide a contact with the same
//! [`in_contact`] test on the same `f32` positions, and the cell width leaves room for
//! every rounding in the index arithmetic.

use std::sync::atomic::{AtomicBool, Ordering};

use glam::{DVec3, Vec3};
use rayon::prelude::*;

use crate::sampling::{Bernoulli, LineSampler, SampledPair};

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

    fn add(&mut self, other: &ContactCounts) {
        self.internal += other.internal;
        self.customer += other.customer;
        self.front_office += other.front_office;
    }
}

/// Receives the pairs as they are counted, e.g. to sample lines to draw.
///
/// The grid shows pairs in a fixed order. A visitor that only needs some of them says
/// how many it would pass over ([`PairVisitor::passes`]); the grid then reports such
/// pairs in bulk through [`PairVisitor::pass`] instead of one call each.
pub trait PairVisitor {
    /// One pair: `employee` is an employee index; `other` is an employee index for
    /// [`PairKind::Internal`] and a customer index for [`PairKind::Customer`].
    fn visit(&mut self, kind: PairKind, employee: u32, other: u32);

    /// How many of the next pairs this visitor would pass over without looking.
    fn passes(&self) -> u64 {
        0
    }

    /// `n` pairs went by unseen; `n` is never more than [`PairVisitor::passes`].
    fn pass(&mut self, n: u64) {
        let _ = n;
    }
}

/// Visits nothing: plain counting.
impl PairVisitor for () {
    #[inline]
    fn visit(&mut self, _: PairKind, _: u32, _: u32) {}

    #[inline]
    fn passes(&self) -> u64 {
        u64::MAX
    }

    #[inline]
    fn pass(&mut self, _: u64) {}
}

/// A visitor that can be split into one part per slab, run on several threads, and
/// joined again. The grid always cuts the same slabs, whatever the number of cores,
/// so a deterministic visitor stays deterministic.
pub trait SplitVisitor: PairVisitor + Send + Sized {
    /// `parts` independent visitors, one per slab, in slab order.
    fn split(&mut self, parts: usize) -> Vec<Self>;
    /// Takes back the parts [`SplitVisitor::split`] made, in the same order.
    fn join(&mut self, parts: Vec<Self>);
}

/// Nothing to split: plain counting on every core.
impl SplitVisitor for () {
    fn split(&mut self, parts: usize) -> Vec<Self> {
        vec![(); parts]
    }

    fn join(&mut self, _: Vec<Self>) {}
}

/// The contact test that both the grid and the brute force use.
#[inline(always)]
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

/// Below this many agents, slabs are counted on the calling thread: handing work to
/// the pool costs more than it saves.
pub(crate) const PARALLEL_MIN_AGENTS: usize = 20_000;

/// How many times [`ContactGrid::count_sampled`] may take its sample before it gives
/// up: each try after the first falls short at most about once in 30 000, so reaching
/// this is a bug, not bad luck.
const MAX_SAMPLE_TRIES: usize = 16;

/// The slabs one count is cut into. Fixed, so that what a [`SplitVisitor`] sees does
/// not depend on the number of cores; several per core, so that they balance.
const SLABS: usize = 16;

/// Cells along x paired as one unit: two, so that each of a cell's runs of neighbours
/// spans four cells (about 11 agents, most of a 16-lane block) and the loops around the
/// kernels run half as often. (Measured at 1M agents: pairing 12.0 ms with one cell,
/// 9.5 ms with two, 9.7 ms with three.)
const GROUP: usize = 2;

/// The most cells the grid allocates per agent before it widens its cells.
const CELLS_PER_AGENT: usize = 8;

/// How much wider than `d` a cell is. Positions are binned in `f32`, with three roundings
/// of relative size 2⁻²⁴ each, and the contact test rounds too. While coordinates and
/// the extent stay within [`MAX_CELL_SPAN`] cells, a position lands at most about
/// 3 × 10⁻³ of a cell from where exact arithmetic would put it, and a pair that passes
/// the test is at most that much further apart than `d`. With cells 1% wider than `d`,
/// any two agents that pass the test land in the same or in adjacent cells.
const CELL_MARGIN: f32 = 1.0 + 1e-2;

/// The most cells that coordinates may span, measured from the origin, for
/// [`CELL_MARGIN`]'s bound to hold; the grid widens its cells to stay within it.
const MAX_CELL_SPAN: f64 = 16_384.0;

/// One kind of agent, sorted by cell, as a structure of arrays.
#[derive(Clone, Debug, Default)]
struct Sorted {
    x: Vec<f32>,
    y: Vec<f32>,
    z: Vec<f32>,
    /// The input index of each sorted entry. Last frame's is the hint for this one's sort.
    id: Vec<u32>,
    /// `start[c] .. start[c + 1]` are the entries of cell `c`.
    start: Vec<u32>,
    // Scratch for the sort, kept to avoid allocating every frame: each agent's cell in
    // last frame's order, and the sorted ids before they replace `id`.
    cell: Vec<u32>,
    tid: Vec<u32>,
}

/// One part of a parallel scatter: a range of cells and the output it owns.
struct ScatterPart<'a> {
    cells: std::ops::Range<u32>,
    /// The first output slot of the range.
    base: usize,
    id: &'a mut [u32],
    /// The range's cell cursors.
    cursor: &'a mut [u32],
}

/// Agents copied at a time into a stack buffer to be binned in one vectorised pass.
const GATHER_BLOCK: usize = 256;

/// How far ahead a gather prefetches the scattered position it will read.
const PREFETCH_AHEAD: usize = 24;

/// Hints that `points[ids[k + PREFETCH_AHEAD]]` will be read soon.
#[inline(always)]
fn prefetch_ahead<T>(points: &[T], ids: &[u32], k: usize) {
    #[cfg(target_arch = "x86_64")]
    if let Some(&ahead) = ids.get(k + PREFETCH_AHEAD) {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        // SAFETY: a prefetch only hints the cache; SSE is part of x86-64.
        unsafe { _mm_prefetch::<_MM_HINT_T0>(points[ahead as usize..].as_ptr().cast()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (points, ids, k);
}

/// How positions map to cells.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Binning {
    /// The grid's corner.
    lo: Vec3,
    /// One over the cell width.
    inv: f32,
    dims: [usize; 3],
    /// The cell width.
    cell: f64,
    /// The contact distance the grid was laid out for (0: none yet).
    d: f32,
}

/// Empty cells a grid keeps on each side of the agents when it is laid out, so that the
/// same grid still fits them in the next frames: agents move little between frames.
const GRID_SLACK: f64 = 2.0;

impl Binning {
    /// The grid for `n` agents within `lo ..= hi` at contact distance `d`: cells a hair
    /// wider than `d` ([`CELL_MARGIN`]), widened for a sparse crowd so that there are at
    /// most [`CELLS_PER_AGENT`] cells per agent, and for far-off agents so that the grid
    /// stays within [`MAX_CELL_SPAN`] cells of the origin; [`GRID_SLACK`] cells around.
    fn lay_out(lo: Vec3, hi: Vec3, n: usize, d: f32) -> Self {
        // Without a finite box (an infinite coordinate, or only NaN ones) the grid is
        // laid out at the origin; such agents land in its edge cells.
        let (lo, hi) = if lo.is_finite() && hi.is_finite() {
            (lo.as_dvec3(), hi.as_dvec3())
        } else {
            (DVec3::ZERO, DVec3::ZERO)
        };
        let corner = |c: f64| lo - GRID_SLACK * c;
        let dims_at = |c: f64| ((hi - lo) / c + 2.0 * GRID_SLACK).floor() + 1.0;
        let budget = (CELLS_PER_AGENT * n).max(4096) as f64;
        let mut cell = f64::from(d * CELL_MARGIN);
        while dims_at(cell).element_product() > budget
            || Self::span(corner(cell), dims_at(cell), cell) > MAX_CELL_SPAN
        {
            cell *= 1.25;
        }
        Binning {
            lo: corner(cell).as_vec3(),
            inv: (1.0 / cell) as f32,
            dims: dims_at(cell).to_array().map(|k| k as usize),
            cell,
            d,
        }
    }

    /// How many cells from the origin a grid reaches, or wide it is, whichever is more.
    fn span(corner: DVec3, dims: DVec3, cell: f64) -> f64 {
        let far = corner + dims * cell;
        (corner.abs().max(far.abs()) / cell).max(dims).max_element()
    }

    /// Whether this grid, laid out for an earlier frame, still suits agents within
    /// `lo ..= hi`, of which `fresh` is a new layout: cells as wide as the new ones,
    /// within [`MAX_CELL_SPAN`], every agent inside (as [`CELL_MARGIN`]'s bound
    /// assumes), and no more than twice the slack around them.
    fn suits(&self, fresh: &Binning, lo: Vec3, hi: Vec3) -> bool {
        if self == fresh {
            return true;
        }
        let dims = DVec3::from_array(self.dims.map(|k| k as f64));
        let corner = self.lo.as_dvec3();
        let from = (lo.as_dvec3() - corner) / self.cell;
        let to = (hi.as_dvec3() - corner) / self.cell;
        let room = dims - to;
        self.d == fresh.d
            && self.cell == fresh.cell
            && Self::span(corner, dims, self.cell) <= MAX_CELL_SPAN
            && from.min_element() >= 0.0
            && room.min_element() > 0.0
            && from.max_element() <= 2.0 * GRID_SLACK
            && room.max_element() <= 2.0 * GRID_SLACK + 1.0
    }

    /// The cell of each position, into `out`, and the box around the positions. A
    /// coordinate a hair below the corner or past the far side, or an agent outside the
    /// grid, lands in the nearest edge cell.
    #[inline(always)]
    fn cells_of_body(&self, x: &[f32], y: &[f32], z: &[f32], out: &mut [u32]) -> Bounds {
        let [nx, ny, nz] = self.dims.map(|n| n as i32);
        let (lo, inv) = (self.lo, self.inv);
        // Clamped into the grid as floats, NaN to 0 (the first comparison fails), then
        // truncated: what `as i32` with a clamp after it gives, but in vector code,
        // where a saturating `as` is done lane by lane.
        let bin = |v: f32, lo: f32, n: i32| {
            let t = (v - lo) * inv;
            let t = if t >= 0.0 { t } else { 0.0 };
            let top = (n - 1) as f32;
            let t = if t < top { t } else { top };
            // SAFETY: `t` is within 0 ..= n - 1, which i32 holds (n is a cell count).
            unsafe { t.to_int_unchecked::<i32>() }
        };
        for (((c, &x), &y), &z) in out.iter_mut().zip(x).zip(y).zip(z) {
            let (ix, iy, iz) = (bin(x, lo.x, nx), bin(y, lo.y, ny), bin(z, lo.z, nz));
            *c = ((iz * ny + iy) * nx + ix) as u32;
        }
        let ([x0, x1], [y0, y1], [z0, z1]) = (extremes(x), extremes(y), extremes(z));
        (Vec3::new(x0, y0, z0), Vec3::new(x1, y1, z1))
    }

    /// [`Binning::cells_of_body`], in AVX2 where the CPU has it (8 agents at a time).
    fn cells_of(&self, x: &[f32], y: &[f32], z: &[f32], out: &mut [u32]) -> Bounds {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU supports AVX2, checked just above.
            return unsafe { self.cells_of_avx2(x, y, z, out) };
        }
        self.cells_of_body(x, y, z, out)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn cells_of_avx2(&self, x: &[f32], y: &[f32], z: &[f32], out: &mut [u32]) -> Bounds {
        self.cells_of_body(x, y, z, out)
    }

    fn cells(&self) -> usize {
        self.dims.iter().product()
    }
}

/// The box around some points: (lowest, highest) per axis. NaN coordinates are passed
/// over (`p.min(lo)` keeps `lo` when `p` is NaN); no points give an empty box, from
/// infinity to minus infinity.
type Bounds = (Vec3, Vec3);

const NO_BOUNDS: Bounds = (Vec3::INFINITY, Vec3::NEG_INFINITY);

fn union(a: Bounds, b: Bounds) -> Bounds {
    (a.0.min(b.0), a.1.max(b.1))
}

/// The lowest and highest of `v`, NaN passed over. Eight running extremes, each updated
/// by a compare and a select, which the compiler turns into vector min and max.
#[inline(always)]
fn extremes(v: &[f32]) -> [f32; 2] {
    const W: usize = 8;
    let (mut lo, mut hi) = ([f32::INFINITY; W], [f32::NEG_INFINITY; W]);
    let mut blocks = v.chunks_exact(W);
    for b in &mut blocks {
        for l in 0..W {
            lo[l] = if b[l] < lo[l] { b[l] } else { lo[l] };
            hi[l] = if b[l] > hi[l] { b[l] } else { hi[l] };
        }
    }
    for (l, &v) in blocks.remainder().iter().enumerate() {
        lo[l] = if v < lo[l] { v } else { lo[l] };
        hi[l] = if v > hi[l] { v } else { hi[l] };
    }
    let lo = lo
        .into_iter()
        .fold(f32::INFINITY, |a, b| if b < a { b } else { a });
    let hi = hi
        .into_iter()
        .fold(f32::NEG_INFINITY, |a, b| if b > a { b } else { a });
    [lo, hi]
}

/// Agents per task in the parallel passes over agents: the sort's, the box around them,
/// the front-office flags (here and in [`crate::Population`]).
pub(crate) const PARALLEL_CHUNK: usize = 16_384;

impl Sorted {
    /// The sort's first pass: each agent's cell, by input index, into `tid`, and the box
    /// around the points. It reads the points in input order, so sequentially; if the
    /// box shows that `bins` no longer suits them, it is run again with a new grid.
    fn bin(&mut self, points: &[Vec3], bins: &Binning, parallel: bool) -> Bounds {
        self.tid.resize(points.len(), 0);
        let bin = |(cells, points): (&mut [u32], &[Vec3])| {
            let mut block = [[0f32; GATHER_BLOCK]; 3];
            let mut bounds = NO_BOUNDS;
            let blocks = cells
                .chunks_mut(GATHER_BLOCK)
                .zip(points.chunks(GATHER_BLOCK));
            for (cells, points) in blocks {
                for (k, &p) in points.iter().enumerate() {
                    (block[0][k], block[1][k], block[2][k]) = (p.x, p.y, p.z);
                }
                let m = points.len();
                let b = bins.cells_of(&block[0][..m], &block[1][..m], &block[2][..m], cells);
                bounds = union(bounds, b);
            }
            bounds
        };
        if parallel {
            let work = self.tid.par_chunks_mut(PARALLEL_CHUNK);
            let work = work.zip(points.par_chunks(PARALLEL_CHUNK));
            work.map(bin).reduce(|| NO_BOUNDS, union)
        } else {
            bin((&mut self.tid[..], points))
        }
    }

    /// Sorts `points` into cells by a counting sort, from the cells [`Sorted::bin`] found,
    /// visiting the agents in input order if they come `in_order` (spatially), else in
    /// last frame's order.
    ///
    /// Only ids move through the scatter; positions are then read once, in sorted
    /// order. That keeps no second copy of them: 12 bytes per agent less than scattering
    /// the positions themselves.
    fn sort(&mut self, points: &[Vec3], bins: &Binning, parallel: bool, in_order: bool) {
        let n = points.len();
        let parts = if parallel {
            rayon::current_num_threads().clamp(1, 8)
        } else {
            1
        };
        if in_order {
            // The agents come in spatial order: scatter them in that order, which
            // writes nearly sequentially, straight from the cells `bin` found.
            std::mem::swap(&mut self.cell, &mut self.tid);
        } else {
            // `id` is always a permutation of 0..its length, last frame's order: a hint
            // that makes this frame's writes nearly sequential. New agents go at the
            // end. Each agent's cell, in that order: scattered reads of four bytes an
            // agent, so the next ones are prefetched.
            if self.id.len() > n {
                self.id.clear();
            }
            let have = self.id.len() as u32;
            self.id.extend(have..n as u32);
            self.cell.resize(n, 0);
            let by_id = &self.tid;
            let fetch = |(cell, ids): (&mut [u32], &[u32])| {
                for (k, (c, &i)) in cell.iter_mut().zip(ids).enumerate() {
                    prefetch_ahead(by_id, ids, k);
                    *c = by_id[i as usize];
                }
            };
            if parallel {
                let work = self.cell.par_chunks_mut(PARALLEL_CHUNK);
                work.zip(self.id.par_chunks(PARALLEL_CHUNK)).for_each(fetch);
            } else {
                fetch((&mut self.cell[..], &self.id[..]));
            }
        }

        // How many agents each cell holds, summed up: each part counts its own range of
        // cells (scanning every agent) and sums within it; then the parts' totals are
        // added on.
        let ncells = bins.cells();
        self.start.clear();
        self.start.resize(ncells + 1, 0);
        let per = ncells.div_ceil(parts);
        let cell = &self.cell;
        let count = |(t, counts): (usize, &mut [u32])| {
            let first = (t * per) as u32;
            for &c in cell {
                if let Some(k) = counts.get_mut(c.wrapping_sub(first) as usize) {
                    *k += 1;
                }
            }
            let mut sum = 0;
            for k in counts {
                sum += *k;
                *k = sum;
            }
            sum
        };
        if parts > 1 {
            let totals: Vec<u32> = self.start[1..]
                .par_chunks_mut(per)
                .enumerate()
                .map(count)
                .collect();
            let mut bases = totals;
            let mut sum = 0;
            for b in &mut bases {
                (*b, sum) = (sum, sum + *b);
            }
            let work = self.start[1..].par_chunks_mut(per).zip(bases);
            work.for_each(|(counts, base)| counts.iter_mut().for_each(|k| *k += base));
        } else {
            count((0, &mut self.start[1..]));
        }
        self.tid.resize(n, 0);
        // Scatter the ids, using start[c] as a cursor (restored below). On several
        // cores each part owns a range of cells, and so a contiguous range of the
        // output: it scans every agent and moves those that land in its range.
        let mut cuts = vec![0usize];
        for t in 1..parts {
            let want = (t * n / parts) as u32;
            cuts.push(
                self.start[..ncells]
                    .partition_point(|&v| v < want)
                    .max(cuts[t - 1]),
            );
        }
        cuts.push(ncells);
        let mut work = Vec::with_capacity(parts);
        let (mut id, mut cursor) = (&mut self.tid[..], &mut self.start[..ncells]);
        for w in cuts.windows(2) {
            let base = cursor.first().map_or(n, |&v| v as usize);
            let len = if w[1] < ncells {
                cursor[w[1] - w[0]] as usize - base
            } else {
                n - base
            };
            let (ih, it) = std::mem::take(&mut id).split_at_mut(len);
            let (ch, ct) = std::mem::take(&mut cursor).split_at_mut(w[1] - w[0]);
            (id, cursor) = (it, ct);
            work.push(ScatterPart {
                cells: w[0] as u32..w[1] as u32,
                base,
                id: ih,
                cursor: ch,
            });
        }
        // Agents in spatial order move in input order, others in last frame's.
        let (cell, hint) = (&self.cell, (!in_order).then_some(&self.id[..]));
        let scatter = |part: ScatterPart<'_>| {
            let ScatterPart {
                cells,
                base,
                id,
                cursor,
            } = part;
            for (k, &c) in cell.iter().enumerate() {
                if cells.contains(&c) {
                    let cur = &mut cursor[(c - cells.start) as usize];
                    id[*cur as usize - base] = hint.map_or(k as u32, |h| h[k]);
                    *cur += 1;
                }
            }
        };
        if parts > 1 {
            work.into_par_iter().for_each(scatter);
        } else {
            work.into_iter().for_each(scatter);
        }
        self.start.copy_within(0..ncells, 1);
        self.start[0] = 0;
        std::mem::swap(&mut self.id, &mut self.tid);

        // The positions, in sorted order, with padding past the last entry so that
        // whole blocks can always be read.
        for v in [&mut self.x, &mut self.y, &mut self.z] {
            v.resize(n + PAD, f32::NAN);
            v[n..].fill(f32::NAN);
        }
        self.gather(points, parallel);
    }

    /// Reads `points` in `id`'s order into `x`, `y` and `z` (already long enough), on all
    /// cores if asked; the scattered reads are prefetched.
    fn gather(&mut self, points: &[Vec3], parallel: bool) {
        let gather = |x: &mut [f32], y: &mut [f32], z: &mut [f32], ids: &[u32]| {
            for (k, (((x, y), z), &i)) in x.iter_mut().zip(y).zip(z).zip(ids).enumerate() {
                prefetch_ahead(points, ids, k);
                let p = points[i as usize];
                (*x, *y, *z) = (p.x, p.y, p.z);
            }
        };
        let n = points.len();
        let (x, y, z) = (&mut self.x[..n], &mut self.y[..n], &mut self.z[..n]);
        if parallel {
            x.par_chunks_mut(PARALLEL_CHUNK)
                .zip(y.par_chunks_mut(PARALLEL_CHUNK))
                .zip(z.par_chunks_mut(PARALLEL_CHUNK))
                .zip(self.id.par_chunks(PARALLEL_CHUNK))
                .for_each(|(((x, y), z), id)| gather(x, y, z, id));
        } else {
            gather(x, y, z, &self.id);
        }
    }

    /// Puts `points` and each list of `values` in this sort's order, and makes that order
    /// the identity: see [`ContactGrid::renumber`], which checked the lengths.
    fn renumber(&mut self, points: &mut [Vec3], values: &mut [&mut Vec<u32>]) {
        let n = points.len();
        // The positions as they are now, in sorted order (they are not assumed to be
        // the ones last counted), then back in that order.
        self.gather(points, true);
        let (x, y, z) = (&self.x, &self.y, &self.z);
        points
            .par_iter_mut()
            .enumerate()
            .for_each(|(k, p)| *p = Vec3::new(x[k], y[k], z[k]));
        for v in values.iter_mut().filter(|v| !v.is_empty()) {
            self.tid.resize(n, 0);
            let (ids, v_now) = (&self.id, &**v);
            self.tid
                .par_iter_mut()
                .zip(ids)
                .for_each(|(t, &i)| *t = v_now[i as usize]);
            std::mem::swap(&mut self.tid, *v);
        }
        self.id
            .par_iter_mut()
            .enumerate()
            .for_each(|(k, i)| *i = k as u32);
    }

    /// Entries of cells `x0 ..= x1` of row `(y, z)`.
    #[inline(always)]
    fn run(&self, dims: [usize; 3], x0: usize, x1: usize, y: usize, z: usize) -> (usize, usize) {
        let row = (z * dims[1] + y) * dims[0];
        (
            self.start[row + x0] as usize,
            self.start[row + x1 + 1] as usize,
        )
    }
}

/// Lanes the portable and AVX2 kernels test at once.
const LANES: usize = 8;

/// Lanes the AVX-512 kernel tests at once: most runs (about nine agents) fit one block.
const LANES_512: usize = 16;

/// Padding entries after the sorted arrays' last entry, so that a run can always be
/// read in whole blocks of either width; lanes past the run are masked off.
const PAD: usize = LANES_512;

/// Which pair kernel a copy of the loops uses (a const parameter).
type Kernel = u8;
/// The portable kernel, vectorised by the compiler.
const PORTABLE: Kernel = 0;
/// AVX2 intrinsics, 8 lanes.
const AVX2: Kernel = 1;
/// AVX-512 intrinsics, 16 lanes.
const AVX512: Kernel = 2;

/// The arrays of one kind, for the kernels.
#[derive(Clone, Copy)]
struct Arrays<'a> {
    x: &'a [f32],
    y: &'a [f32],
    z: &'a [f32],
}

impl<'a> Arrays<'a> {
    /// The sorted arrays, checked once to hold every run's padded blocks: runs end at
    /// most at the last entry, and PAD padding entries follow it.
    fn of(sorted: &'a Sorted) -> Self {
        let n = sorted.id.len();
        assert!(
            sorted.x.len() >= n + PAD && sorted.y.len() >= n + PAD && sorted.z.len() >= n + PAD,
            "the sorted arrays lack their padding"
        );
        Self {
            x: &sorted.x,
            y: &sorted.y,
            z: &sorted.z,
        }
    }

    #[inline(always)]
    fn at(&self, i: usize) -> Vec3 {
        Vec3::new(self.x[i], self.y[i], self.z[i])
    }
}

/// The bits of the lanes of a block at `j` that lie inside a run ending at `j1`.
#[inline(always)]
fn lane_mask(j: usize, j1: usize) -> u32 {
    let left = j1 - j;
    if left < 32 { (1 << left) - 1 } else { u32::MAX }
}

/// The bits of the lanes of a block at `j` that hold entries after employee `i`, for a
/// run of the employees' own kind that pairs each employee only with the entries after
/// it (`AFTER`); all lanes otherwise.
#[inline(always)]
fn after_mask<const AFTER: bool>(i: usize, j: usize) -> u32 {
    if AFTER && i >= j {
        u32::MAX.checked_shl((i + 1 - j) as u32).unwrap_or(0)
    } else {
        u32::MAX
    }
}

/// For every employee `i` in `cell` and every block of the runs of `of`, calls
/// `add(i, j, hits)` with the block's first entry `j` and which of its entries are in
/// contact with `i`: bit `l` of `hits` stands for entry `j + l`, and only entries of
/// the run are set (with `AFTER`, of those only the entries after `i`, the runs being
/// of the employees' own arrays). Each block is loaded once for all the cell's
/// employees. The test is [`in_contact`]'s expression, term for term, so the counts are
/// exactly the brute force's; the compiler turns the fixed-width block into vector code.
#[inline(always)]
fn cross<const AFTER: bool>(
    e: Arrays<'_>,
    cell: std::ops::Range<usize>,
    of: Arrays<'_>,
    runs: &[(usize, usize)],
    d2: f32,
    mut add: impl FnMut(usize, usize, u32),
) {
    for &(j0, j1) in runs {
        let mut j = j0;
        while j < j1 {
            let (bx, by, bz) = (
                &of.x[j..j + LANES],
                &of.y[j..j + LANES],
                &of.z[j..j + LANES],
            );
            let mask = lane_mask(j, j1);
            for i in cell.clone() {
                let p = e.at(i);
                let mut hits = 0;
                for l in 0..LANES {
                    let (dx, dy, dz) = (p.x - bx[l], p.y - by[l], p.z - bz[l]);
                    hits |= u32::from(dx * dx + dy * dy + dz * dz <= d2) << l;
                }
                add(i, j, hits & mask & after_mask::<AFTER>(i, j));
            }
            j += LANES;
        }
    }
}

/// [`cross`] with AVX2 intrinsics: per employee and block, one compare.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,popcnt")]
fn cross_avx2<const AFTER: bool>(
    e: Arrays<'_>,
    cell: std::ops::Range<usize>,
    of: Arrays<'_>,
    runs: &[(usize, usize)],
    d2: f32,
    mut add: impl FnMut(usize, usize, u32),
) {
    use std::arch::x86_64::*;
    let r2 = _mm256_set1_ps(d2);
    let (xs, ys, zs) = (of.x.as_ptr(), of.y.as_ptr(), of.z.as_ptr());
    // The cell's coordinates, cut once, so that the loop checks no bounds.
    let (ex, ey, ez) = (&e.x[cell.clone()], &e.y[cell.clone()], &e.z[cell.clone()]);
    for &(j0, j1) in runs {
        let mut j = j0;
        while j < j1 {
            // SAFETY: `j < j1`, runs end at most at the last entry, and `Arrays::of`
            // checked that PAD ≥ LANES entries follow it in all three arrays: the
            // eight floats at `j` are inside each array.
            let (x, y, z) = unsafe {
                (
                    _mm256_loadu_ps(xs.add(j)),
                    _mm256_loadu_ps(ys.add(j)),
                    _mm256_loadu_ps(zs.add(j)),
                )
            };
            let mask = lane_mask(j, j1);
            for (i, ((&px, &py), &pz)) in cell.clone().zip(ex.iter().zip(ey).zip(ez)) {
                let (px, py, pz) = (_mm256_set1_ps(px), _mm256_set1_ps(py), _mm256_set1_ps(pz));
                let (dx, dy, dz) = (
                    _mm256_sub_ps(px, x),
                    _mm256_sub_ps(py, y),
                    _mm256_sub_ps(pz, z),
                );
                let r = _mm256_add_ps(
                    _mm256_add_ps(_mm256_mul_ps(dx, dx), _mm256_mul_ps(dy, dy)),
                    _mm256_mul_ps(dz, dz),
                );
                let hits = _mm256_movemask_ps(_mm256_cmp_ps::<_CMP_LE_OQ>(r, r2)) as u32;
                add(i, j, hits & mask & after_mask::<AFTER>(i, j));
            }
            j += LANES;
        }
    }
}

/// [`cross`] with AVX-512 intrinsics: 16 lanes, so most runs take one block, and the
/// compare writes its mask directly. Same arithmetic, term for term.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,popcnt")]
fn cross_avx512<const AFTER: bool>(
    e: Arrays<'_>,
    cell: std::ops::Range<usize>,
    of: Arrays<'_>,
    runs: &[(usize, usize)],
    d2: f32,
    mut add: impl FnMut(usize, usize, u32),
) {
    use std::arch::x86_64::*;
    let r2 = _mm512_set1_ps(d2);
    let (xs, ys, zs) = (of.x.as_ptr(), of.y.as_ptr(), of.z.as_ptr());
    // The cell's coordinates, cut once, so that the loop checks no bounds.
    let (ex, ey, ez) = (&e.x[cell.clone()], &e.y[cell.clone()], &e.z[cell.clone()]);
    for &(j0, j1) in runs {
        let mut j = j0;
        while j < j1 {
            // SAFETY: `j < j1`, runs end at most at the last entry, and `Arrays::of`
            // checked that PAD = 16 entries follow it in all three arrays: the sixteen
            // floats at `j` are inside each array.
            let (x, y, z) = unsafe {
                (
                    _mm512_loadu_ps(xs.add(j)),
                    _mm512_loadu_ps(ys.add(j)),
                    _mm512_loadu_ps(zs.add(j)),
                )
            };
            let mask = lane_mask(j, j1) as __mmask16;
            for (i, ((&px, &py), &pz)) in cell.clone().zip(ex.iter().zip(ey).zip(ez)) {
                let (dx, dy, dz) = (
                    _mm512_sub_ps(_mm512_set1_ps(px), x),
                    _mm512_sub_ps(_mm512_set1_ps(py), y),
                    _mm512_sub_ps(_mm512_set1_ps(pz), z),
                );
                let r = _mm512_add_ps(
                    _mm512_add_ps(_mm512_mul_ps(dx, dx), _mm512_mul_ps(dy, dy)),
                    _mm512_mul_ps(dz, dz),
                );
                let lanes = mask & after_mask::<AFTER>(i, j) as __mmask16;
                let hits = _mm512_mask_cmp_ps_mask::<_CMP_LE_OQ>(lanes, r, r2);
                add(i, j, u32::from(hits));
            }
            j += LANES_512;
        }
    }
}

/// The kernel `K` names: [`AVX2`] and [`AVX512`] are only used inside
/// [`pair_cells_avx2`] and [`pair_cells_avx512`], after the CPU was checked.
#[inline(always)]
fn cross_with<const K: Kernel, const AFTER: bool>(
    e: Arrays<'_>,
    cell: std::ops::Range<usize>,
    of: Arrays<'_>,
    runs: &[(usize, usize)],
    d2: f32,
    add: impl FnMut(usize, usize, u32),
) {
    match K {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: AVX2 is only named in code called after the CPU was checked.
        AVX2 => unsafe { cross_avx2::<AFTER>(e, cell, of, runs, d2, add) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: AVX512 is only named in code called after the CPU was checked.
        AVX512 => unsafe { cross_avx512::<AFTER>(e, cell, of, runs, d2, add) },
        _ => cross::<AFTER>(e, cell, of, runs, d2, add),
    }
}

/// Shows `n` counted pairs to the visitor: in bulk where it passes over them all, else
/// one by one in a fixed order, `pairs` calling `show` for each pair.
#[inline(always)]
fn show<V: PairVisitor>(visitor: &mut V, n: u64, pairs: impl FnOnce(Listed<'_>), kind: PairKind) {
    if n == 0 {
        return;
    }
    if n <= visitor.passes() {
        visitor.pass(n);
        return;
    }
    pairs(&mut |a, b| {
        if visitor.passes() > 0 {
            visitor.pass(1);
        } else {
            visitor.visit(kind, a, b);
        }
    });
}

/// What a pair lister does with each pair (the employee's index, the other's).
type Listed<'a> = &'a mut dyn FnMut(u32, u32);

/// Every pair of employee `i` with the runs of `of` that passes [`in_contact`], in
/// order. It tests a block of entries at a time, as [`cross`] does
/// (which the compiler vectorises), then goes through the block's hits: a branch per
/// block and per pair rather than one per entry, which the CPU could not predict.
fn each_pair(
    (e, i): (&Sorted, usize),
    of: &Sorted,
    runs: &[(usize, usize)],
    d2: f32,
    f: Listed<'_>,
) {
    let p = Vec3::new(e.x[i], e.y[i], e.z[i]);
    let of_arrays = Arrays::of(of);
    for &(j0, j1) in runs {
        let mut j = j0;
        while j < j1 {
            let mut hits = 0u32;
            for l in 0..LANES {
                hits |= u32::from(in_contact(p, of_arrays.at(j + l), d2)) << l;
            }
            hits &= lane_mask(j, j1);
            while hits != 0 {
                let l = hits.trailing_zeros() as usize;
                f(e.id[i], of.id[j + l]);
                hits &= hits - 1;
            }
            j += LANES;
        }
    }
}

/// Which cells have an agent in or next to them (of the 27 around), one bit per cell by
/// cell index, so that a cell's nine customer lookups are skipped where none is near.
/// It may mark more than that (the widening runs over the ends of rows and layers into
/// the next ones), which only costs those lookups.
#[derive(Clone, Debug, Default)]
struct Nearby {
    bits: Vec<u64>,
    /// Scratch for the widening.
    scratch: Vec<u64>,
}

impl Nearby {
    /// Marks the cells next to the cells in `cells` (the agents' cells, in any order).
    fn mark(&mut self, cells: &[u32], dims: [usize; 3]) {
        let [nx, ny, _] = dims;
        let words = dims.iter().product::<usize>().div_ceil(64) + 1;
        self.bits.clear();
        self.bits.resize(words, 0);
        for &c in cells {
            self.bits[c as usize / 64] |= 1 << (c % 64);
        }
        // Widen along x, y and z in turn: each step ORs in the bits one cell, one row
        // or one layer either way.
        for step in [1, nx, nx * ny] {
            self.scratch.clear();
            self.scratch.extend_from_slice(&self.bits);
            or_shifted_up(&mut self.bits, &self.scratch, step);
            or_shifted_down(&mut self.bits, &self.scratch, step);
        }
    }

    /// Whether any of the cells `first ..= last` is marked.
    #[inline(always)]
    fn any(&self, first: usize, last: usize) -> bool {
        (first..=last).any(|c| self.bits[c / 64] >> (c % 64) & 1 == 1)
    }
}

/// `out |= from` moved `k` bits towards higher indices (bits moved past the end are lost).
fn or_shifted_up(out: &mut [u64], from: &[u64], k: usize) {
    let (words, bits) = (k / 64, (k % 64) as u32);
    for (j, o) in out.iter_mut().enumerate().skip(words) {
        let j = j - words;
        let low = if bits > 0 && j > 0 {
            from[j - 1] >> (64 - bits)
        } else {
            0
        };
        *o |= from[j] << bits | low;
    }
}

/// `out |= from` moved `k` bits towards lower indices (bits moved past the start are lost).
fn or_shifted_down(out: &mut [u64], from: &[u64], k: usize) {
    let (words, bits) = (k / 64, (k % 64) as u32);
    let n = from.len();
    for (i, o) in out.iter_mut().enumerate().take(n.saturating_sub(words)) {
        let j = i + words;
        let high = if bits > 0 && j + 1 < n {
            from[j + 1] << (64 - bits)
        } else {
            0
        };
        *o |= from[j] >> bits | high;
    }
}

/// What one slab counts: its layers and its employees' front-office flags.
struct Slab<'a> {
    layers: std::ops::Range<usize>,
    /// The first sorted employee of the slab.
    first: usize,
    /// Front-office flags of the slab's employees, in sorted order.
    front: &'a mut [bool],
    /// The slab's part of a sample taken while counting, if one is.
    sample: Option<&'a mut Bernoulli>,
}

/// What [`CellRuns::cross`] reports.
#[derive(Clone, Copy)]
enum Step {
    /// A block's hits ([`cross`]): the kind of pairs, the employee's sorted place, the
    /// block's first entry and the hits.
    Block(PairKind, usize, usize, u32),
    /// The end of the group's run with this index ([`CellRuns::part`]).
    Ran(usize),
}

/// One run of a group's pairs: its employees (sorted places, from .. to) with one run of
/// entries of their own kind or of customers; if `after`, each employee only with the
/// run's entries after it (the group with itself).
#[derive(Clone, Copy)]
struct Part {
    kind: PairKind,
    employees: (usize, usize),
    run: (usize, usize),
    after: bool,
}

impl Part {
    /// Runs the kernel `K` over the part's pairs, calling `add(i, j, hits)` as [`cross`]
    /// does.
    #[inline(always)]
    fn cross<const K: Kernel>(
        &self,
        (ea, ca): (Arrays<'_>, Arrays<'_>),
        d2: f32,
        add: impl FnMut(usize, usize, u32),
    ) {
        if self.after {
            self.cross_as::<K, true>((ea, ca), d2, add);
        } else {
            self.cross_as::<K, false>((ea, ca), d2, add);
        }
    }

    /// [`Part::cross`] for a part whose `after` is `AFTER`.
    #[inline(always)]
    fn cross_as<const K: Kernel, const AFTER: bool>(
        &self,
        (ea, ca): (Arrays<'_>, Arrays<'_>),
        d2: f32,
        add: impl FnMut(usize, usize, u32),
    ) {
        let of = match self.kind {
            PairKind::Internal => ea,
            PairKind::Customer => ca,
        };
        let (from, to) = self.employees;
        cross_with::<K, AFTER>(ea, from..to, of, &[self.run], d2, add);
    }
}

/// The most runs of employees a group is paired with besides its own: the next row,
/// and three rows of the next layer.
const INTERNAL_RUNS: usize = 4;

/// The most runs of customers a group is paired with: three rows in each of three
/// layers.
const CUSTOMER_RUNS: usize = 9;

/// The most runs of pairs a group has ([`CellRuns::parts`]).
const MAX_PARTS: usize = 1 + INTERNAL_RUNS + CUSTOMER_RUNS;

/// The runs one group of employee cells ([`GROUP`] cells along x) is paired with: itself,
/// the internal half-shell and the customer neighbourhood. The count and the sampling of
/// pairs walk the same runs.
struct CellRuns {
    /// The group's employees.
    own: std::ops::Range<usize>,
    /// The end of the group and of the next cell along x: each employee pairs with
    /// every employee after it up to here.
    own_end: usize,
    /// The next row's cells and the next layer's, from one cell before the group to one
    /// after it, as up to four runs of employees.
    internal: [(usize, usize); INTERNAL_RUNS],
    internal_runs: usize,
    /// The cells around, as nine runs of customers (three rows of three layers); empty
    /// runs left out.
    customer: [(usize, usize); CUSTOMER_RUNS],
    customer_runs: usize,
}

impl CellRuns {
    /// The runs of the group that starts at cell `(ix, iy, iz)`, or `None` if it holds no
    /// employee.
    #[inline(always)]
    fn of(
        e: &Sorted,
        c: &Sorted,
        near: &Nearby,
        dims: [usize; 3],
        ix: usize,
        iy: usize,
        iz: usize,
    ) -> Option<Self> {
        let [nx, ny, nz] = dims;
        let last = (ix + GROUP - 1).min(nx - 1);
        let (s, end) = e.run(dims, ix, last, iy, iz);
        if s == end {
            return None;
        }
        let (x0, x1) = (ix.saturating_sub(1), (last + 1).min(nx - 1));
        let (y0, y1) = (iy.saturating_sub(1), (iy + 1).min(ny - 1));
        let (z0, z1) = (iz.saturating_sub(1), (iz + 1).min(nz - 1));
        let mut internal = [(0usize, 0usize); INTERNAL_RUNS];
        let mut k = 0;
        if iy + 1 < ny {
            internal[k] = e.run(dims, x0, x1, iy + 1, iz);
            k += 1;
        }
        if iz + 1 < nz {
            for y in y0..=y1 {
                internal[k] = e.run(dims, x0, x1, y, iz + 1);
                k += 1;
            }
        }
        let mut customer = [(0usize, 0usize); CUSTOMER_RUNS];
        let mut m = 0;
        // Customers are only looked up where the grid marked some as near.
        let row = (iz * ny + iy) * nx;
        if near.any(row + ix, row + last) {
            for z in z0..=z1 {
                for y in y0..=y1 {
                    let run = c.run(dims, x0, x1, y, z);
                    if run.0 < run.1 {
                        customer[m] = run;
                        m += 1;
                    }
                }
            }
        }
        Some(Self {
            own: s..end,
            own_end: e.run(dims, ix, x1, iy, iz).1,
            internal,
            internal_runs: k,
            customer,
            customer_runs: m,
        })
    }

    /// Runs the kernel `K` over the group's pairs, reporting to `f` each block as
    /// [`cross`] does ([`Step::Block`]) and the end of each run ([`Step::Ran`]): the
    /// internal pairs (the group with itself and the next cell along x, each employee
    /// with the entries after it, as one run; then with the runs of the next row and
    /// layer), then the customer pairs (the cells around, as up to nine runs). The count
    /// and the sample walk the pairs in this order.
    #[inline(always)]
    fn cross<const K: Kernel>(
        &self,
        (ea, ca): (Arrays<'_>, Arrays<'_>),
        d2: f32,
        mut f: impl FnMut(Step),
    ) {
        let own = self.part(0);
        own.cross_as::<K, true>((ea, ca), d2, |i, j, hits| {
            f(Step::Block(PairKind::Internal, i, j, hits));
        });
        f(Step::Ran(0));
        for k in 1..self.parts() {
            let part = self.part(k);
            let kind = part.kind;
            part.cross_as::<K, false>((ea, ca), d2, |i, j, hits| {
                f(Step::Block(kind, i, j, hits));
            });
            f(Step::Ran(k));
        }
    }

    /// How many runs the group's pairs make: its own, then the internal ones, then the
    /// customer ones.
    #[inline(always)]
    fn parts(&self) -> usize {
        1 + self.internal_runs + self.customer_runs
    }

    /// The group's run of pairs with index `k` (below [`CellRuns::parts`]), in the order
    /// [`CellRuns::cross`] walks them.
    #[inline(always)]
    fn part(&self, k: usize) -> Part {
        let (s, end) = (self.own.start, self.own.end);
        let (kind, run, after) = if k == 0 {
            (PairKind::Internal, (s + 1, self.own_end), true)
        } else if k <= self.internal_runs {
            (PairKind::Internal, self.internal[k - 1], false)
        } else {
            let m = k - 1 - self.internal_runs;
            (PairKind::Customer, self.customer[m], false)
        };
        Part {
            kind,
            employees: (s, end),
            run,
            after,
        }
    }

    /// Every internal pair of the cell that passes [`in_contact`], in a fixed order
    /// (employee by employee): with the entries after it up to `own_end`, then with
    /// the next rows.
    fn each_internal(&self, e: &Sorted, d2: f32, f: Listed<'_>) {
        for i in self.own.clone() {
            each_pair((e, i), e, &[(i + 1, self.own_end)], d2, f);
            each_pair((e, i), e, &self.internal[..self.internal_runs], d2, f);
        }
    }

    /// Every customer pair of the cell that passes [`in_contact`], in a fixed order
    /// (employee by employee).
    fn each_customer(&self, e: &Sorted, c: &Sorted, d2: f32, f: Listed<'_>) {
        for i in self.own.clone() {
            each_pair((e, i), c, &self.customer[..self.customer_runs], d2, f);
        }
    }
}

/// A reusable counting grid: its buffers are kept between frames.
#[derive(Clone, Debug, Default)]
pub struct ContactGrid {
    employees: Sorted,
    customers: Sorted,
    /// Which cells have customers in or next to them.
    near: Nearby,
    bins: Binning,
    /// Front-office flags in sorted employee order, then by input index.
    front_sorted: Vec<bool>,
    front: Vec<bool>,
    /// Whether the agents come in spatial order, because their caller renumbered them
    /// ([`ContactGrid::renumber`]): then they are sorted in input order, not by last
    /// frame's order. Either way the sort is right; this only makes it faster.
    in_order: bool,
}

impl ContactGrid {
    /// An empty grid.
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts the contacts among `employees` and `customers` at contact distance `d`,
    /// on all cores for large crowds. The counts are sums and each front-office flag
    /// is decided by one slab, so the result does not depend on the split.
    pub fn count(&mut self, employees: &[Vec3], customers: &[Vec3], d: f32) -> ContactCounts {
        self.count_split(employees, customers, d, &mut ())
    }

    /// Counts as [`ContactGrid::count`] does, on the calling thread, and shows every
    /// counted pair that `visitor` asks for, in a fixed order.
    pub fn count_with<V: PairVisitor>(
        &mut self,
        employees: &[Vec3],
        customers: &[Vec3],
        d: f32,
        visitor: &mut V,
    ) -> ContactCounts {
        let Some(d2) = self.prepare(employees, customers, d) else {
            return self.empty(employees.len());
        };
        let slab = Slab {
            layers: 0..self.bins.dims[2],
            first: 0,
            front: &mut self.front_sorted[..],
            sample: None,
        };
        let grid = Pairing {
            e: &self.employees,
            c: &self.customers,
            near: &self.near,
            bins: &self.bins,
            d2,
        };
        let counts = pair_cells(grid, slab, visitor);
        self.finish(counts, employees.len())
    }

    /// Counts as [`ContactGrid::count`] does, on all cores, with a visitor split into one
    /// part per slab.
    pub fn count_split<V: SplitVisitor>(
        &mut self,
        employees: &[Vec3],
        customers: &[Vec3],
        d: f32,
        visitor: &mut V,
    ) -> ContactCounts {
        let Some(d2) = self.prepare(employees, customers, d) else {
            return self.empty(employees.len());
        };
        let counts = self.count_slabs(d2, visitor, None);
        self.finish(counts, employees.len())
    }

    /// Counts as [`ContactGrid::count`] does, and keeps in `sampler` a uniform sample of
    /// at most its cap of the counted pairs: every subset of that size is equally
    /// likely, as when every pair is shown to the sampler ([`ContactGrid::count_split`]),
    /// at a fraction of the cost.
    ///
    /// Each slab keeps each of its pairs with one probability, set from the sampler's
    /// last total (per agent) so that somewhat more than the cap are kept
    /// ([`LineSampler::bernoulli`]). The count notes where each run of a group's pairs
    /// ends and checks the group's end against the next pick; the run that holds one is
    /// counted again while it is in the caches, and the pair taken from the hits of its
    /// block. (A plain count runs the same loops, and never finds a pick.) Then the cap
    /// of the kept pairs are chosen uniformly. If too few were kept (the pairs per agent
    /// have fallen a lot since the last frame), the sample is thrown away and taken
    /// again, with fresh draws, at the rate for this frame's total. The sampler's first
    /// frame, with no total to go by, counts once without sampling first.
    pub fn count_sampled(
        &mut self,
        employees: &[Vec3],
        customers: &[Vec3],
        d: f32,
        sampler: &mut LineSampler,
    ) -> ContactCounts {
        let agents = (employees.len() + customers.len()) as u64;
        let Some(d2) = self.prepare(employees, customers, d) else {
            sampler.finish((0, agents), Vec::new());
            return self.empty(employees.len());
        };
        let slabs = self.slab_bounds().len() - 1;
        let mut total = match sampler.expected_total(agents) {
            Some(total) => total,
            None => {
                let counts = self.count_slabs(d2, &mut (), None);
                counts.internal + counts.customer
            }
        };
        // Each try draws afresh, so the one that keeps enough is a Bernoulli sample like
        // any other: uniform given its size. A try at the rate for this frame's own total
        // expects over four standard deviations more pairs than it needs, so it falls
        // short at most about once in 30 000.
        for _ in 0..MAX_SAMPLE_TRIES {
            let mut samples = sampler.bernoulli(total, slabs);
            let counts = self.count_slabs(d2, &mut (), Some(&mut samples));
            total = counts.internal + counts.customer;
            if sampler.finish((total, agents), samples) {
                return self.finish(counts, employees.len());
            }
        }
        unreachable!("{MAX_SAMPLE_TRIES} samples in a row kept too few pairs");
    }

    /// Pairs every slab's cells, on all cores for large crowds, showing the pairs to
    /// `visitor`'s parts, and to each slab's part of `samples` if given.
    fn count_slabs<V: SplitVisitor>(
        &mut self,
        d2: f32,
        visitor: &mut V,
        samples: Option<&mut [Bernoulli]>,
    ) -> ContactCounts {
        let bounds = self.slab_bounds();
        let mut parts = visitor.split(bounds.len() - 1);
        let [nx, ny, _] = self.bins.dims;
        // Cut the front-office flags into the slabs' contiguous ranges of employees.
        let mut slabs = Vec::with_capacity(bounds.len() - 1);
        let mut rest = &mut self.front_sorted[..];
        let mut samples = samples.map(|s| s.iter_mut());
        for w in bounds.windows(2) {
            let first = self.employees.run(self.bins.dims, 0, 0, 0, w[0]).0;
            let last = self.employees.start[w[1] * nx * ny] as usize;
            let (front, tail) = rest.split_at_mut(last - first);
            rest = tail;
            slabs.push(Slab {
                layers: w[0]..w[1],
                first,
                front,
                sample: samples.as_mut().and_then(|s| s.next()),
            });
        }
        let grid = Pairing {
            e: &self.employees,
            c: &self.customers,
            near: &self.near,
            bins: &self.bins,
            d2,
        };
        let work = slabs.into_iter().zip(parts.iter_mut());
        let pair = |(slab, part)| pair_cells(grid, slab, part);
        let sum = |mut a: ContactCounts, b: ContactCounts| {
            a.add(&b);
            a
        };
        let agents = self.employees.id.len() + self.customers.id.len();
        let counts = if agents < PARALLEL_MIN_AGENTS {
            work.map(pair).fold(ContactCounts::default(), sum)
        } else {
            let work: Vec<_> = work.collect();
            work.into_par_iter()
                .map(pair)
                .reduce(ContactCounts::default, sum)
        };
        visitor.join(parts);
        counts
    }

    /// Sorts both kinds into cells; `None` if there is nothing to pair.
    fn prepare(&mut self, employees: &[Vec3], customers: &[Vec3], d: f32) -> Option<f32> {
        assert!(
            employees.len() + customers.len() < u32::MAX as usize,
            "too many agents for one grid"
        );
        let ne = employees.len();
        if ne == 0 || d.is_nan() || d <= 0.0 {
            self.bins = Binning::default();
            return None;
        }
        let n = ne + customers.len();
        let parallel = n >= PARALLEL_MIN_AGENTS;
        // Last frame's grid, if it was laid out for this `d`; else one around the agents.
        let mut bins = self.bins;
        if bins.d != d {
            let (e, c) = (bounds(employees, parallel), bounds(customers, parallel));
            let (lo, hi) = union(e, c);
            bins = Binning::lay_out(lo, hi, n, d);
        }
        // Bin with it, and bin again with a grid laid out anew if the box around the
        // agents shows that it no longer suits them.
        for again in [false, true] {
            let e = self.employees.bin(employees, &bins, parallel);
            let c = self.customers.bin(customers, &bins, parallel);
            let (lo, hi) = union(e, c);
            let fresh = Binning::lay_out(lo, hi, n, d);
            if again || bins.suits(&fresh, lo, hi) {
                break;
            }
            bins = fresh;
        }
        self.bins = bins;
        self.employees
            .sort(employees, &self.bins, parallel, self.in_order);
        self.customers
            .sort(customers, &self.bins, parallel, self.in_order);
        self.near.mark(&self.customers.cell, self.bins.dims);
        self.front_sorted.clear();
        self.front_sorted.resize(ne, false);
        Some(d * d)
    }

    fn empty(&mut self, ne: usize) -> ContactCounts {
        self.front.clear();
        self.front.resize(ne, false);
        ContactCounts {
            employees: ne as u32,
            ..ContactCounts::default()
        }
    }

    /// Moves the front-office flags from sorted order to input order.
    fn finish(&mut self, mut counts: ContactCounts, ne: usize) -> ContactCounts {
        self.front.clear();
        self.front.resize(ne, false);
        let (ids, sorted) = (&self.employees.id, &self.front_sorted);
        if ne >= PARALLEL_MIN_AGENTS {
            // Scattered writes, on all cores: through atomics, so that the parts could
            // not race even if two ids were the same (they never are: `id` is a
            // permutation).
            // SAFETY: `AtomicBool` has the size, alignment and bit validity of `bool`,
            // and `front` is borrowed mutably here, so nothing else reads it meanwhile.
            let front =
                unsafe { &*(self.front.as_mut_slice() as *mut [bool] as *const [AtomicBool]) };
            ids.par_chunks(PARALLEL_CHUNK)
                .zip(sorted.par_chunks(PARALLEL_CHUNK))
                .for_each(|(ids, flags)| {
                    for (&id, &flag) in ids.iter().zip(flags) {
                        front[id as usize].store(flag, Ordering::Relaxed);
                    }
                });
        } else {
            for (&id, &flag) in ids.iter().zip(sorted) {
                self.front[id as usize] = flag;
            }
        }
        counts.employees = ne as u32;
        counts
    }

    /// Cuts the z-layers into at most [`SLABS`] slabs holding about as many employees
    /// each; returns the layer bounds.
    fn slab_bounds(&self) -> Vec<usize> {
        let [nx, ny, nz] = self.bins.dims;
        let layer = nx * ny;
        let total = self.employees.id.len();
        let mut bounds = vec![0];
        for z in 1..nz {
            let before = self.employees.start[z * layer] as usize;
            if before * SLABS >= total * bounds.len() && bounds.len() < SLABS {
                bounds.push(z);
            }
        }
        bounds.push(nz);
        bounds
    }

    /// Renumbers the agents of the last count in the order of the grid's cells, so that
    /// the next counts read them nearly in order: the agent at place `k` of that order
    /// gets index `k`, in `employees` and `customers`, in each of `per_employee` and
    /// `per_customer` (values that move with the agents; empty ones are passed over), in
    /// `sampler`'s pairs, and in the grid's own front-office flags. Its scratch does the
    /// moving, so that no agent-sized buffer is allocated.
    ///
    /// Returns false, and changes nothing, unless the last count was of exactly as many
    /// employees and customers, and every non-empty value list has one value per agent.
    pub(crate) fn renumber(
        &mut self,
        employees: &mut [Vec3],
        customers: &mut [Vec3],
        per_employee: &mut [&mut Vec<u32>],
        per_customer: &mut [&mut Vec<u32>],
        sampler: Option<&mut LineSampler>,
    ) -> bool {
        let (ne, nc) = (employees.len(), customers.len());
        let fits = |values: &[&mut Vec<u32>], n: usize| {
            values.iter().all(|v| v.is_empty() || v.len() == n)
        };
        if self.bins.dims == [0; 3]
            || self.employees.id.len() != ne
            || self.customers.id.len() != nc
            || self.front_sorted.len() != ne
            || !fits(per_employee, ne)
            || !fits(per_customer, nc)
        {
            return false;
        }
        if let Some(sampler) = sampler {
            // Each agent's new index, by old index, into the scratch `cell`.
            for sorted in [&mut self.employees, &mut self.customers] {
                sorted.cell.resize(sorted.id.len(), 0);
                for (k, &id) in sorted.id.iter().enumerate() {
                    sorted.cell[id as usize] = k as u32;
                }
            }
            let (e, c) = (&self.employees.cell, &self.customers.cell);
            for pair in sampler.pairs_mut() {
                pair.employee = e[pair.employee as usize];
                pair.other = match pair.kind {
                    PairKind::Internal => e[pair.other as usize],
                    PairKind::Customer => c[pair.other as usize],
                };
            }
        }
        self.employees.renumber(employees, per_employee);
        self.customers.renumber(customers, per_customer);
        self.front.copy_from_slice(&self.front_sorted);
        self.in_order = true;
        true
    }

    /// Which employees had a customer contact in the last count, by index.
    pub fn front_office(&self) -> &[bool] {
        &self.front
    }

    /// The grid's cell counts along x, y and z in the last count.
    pub fn dims(&self) -> [usize; 3] {
        self.bins.dims
    }
}

/// The box around `points`, on all cores if asked.
fn bounds(points: &[Vec3], parallel: bool) -> Bounds {
    let fold = |(lo, hi): Bounds, &p: &Vec3| (p.min(lo), p.max(hi));
    if parallel {
        points
            .par_chunks(PARALLEL_CHUNK)
            .map(|chunk| chunk.iter().fold(NO_BOUNDS, fold))
            .reduce(|| NO_BOUNDS, union)
    } else {
        points.iter().fold(NO_BOUNDS, fold)
    }
}

/// What the pairing of every slab reads: both kinds sorted into cells, the cells with
/// customers near, the grid, and the contact distance squared.
#[derive(Clone, Copy)]
struct Pairing<'a> {
    e: &'a Sorted,
    c: &'a Sorted,
    near: &'a Nearby,
    bins: &'a Binning,
    d2: f32,
}

/// Counts one slab: internal pairs over the half-shell, customer pairs over the whole
/// neighbourhood, and takes the slab's sample if it has one. Picks the AVX-512 or AVX2
/// copy of the loops where the CPU has it.
fn pair_cells<V: PairVisitor>(grid: Pairing<'_>, slab: Slab<'_>, visitor: &mut V) -> ContactCounts {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::is_x86_feature_detected as has;
        if has!("avx512f") && has!("avx2") && has!("popcnt") {
            // SAFETY: the CPU supports AVX-512F, AVX2 and POPCNT, checked just above.
            return unsafe { pair_cells_avx512::<V>(grid, slab, visitor) };
        }
        if has!("avx2") && has!("popcnt") {
            // SAFETY: the CPU supports AVX2 and POPCNT, checked just above.
            return unsafe { pair_cells_avx2::<V>(grid, slab, visitor) };
        }
    }
    pair_cells_body::<V, PORTABLE>(grid, slab, visitor)
}

/// [`pair_cells_body`] compiled for AVX-512, with the kernel [`cross_avx512`].
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx2,popcnt")]
fn pair_cells_avx512<V: PairVisitor>(
    grid: Pairing<'_>,
    slab: Slab<'_>,
    visitor: &mut V,
) -> ContactCounts {
    pair_cells_body::<V, AVX512>(grid, slab, visitor)
}

/// [`pair_cells_body`] compiled for AVX2, with the kernel [`cross_avx2`].
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,popcnt")]
fn pair_cells_avx2<V: PairVisitor>(
    grid: Pairing<'_>,
    slab: Slab<'_>,
    visitor: &mut V,
) -> ContactCounts {
    pair_cells_body::<V, AVX2>(grid, slab, visitor)
}

#[inline(always)]
fn pair_cells_body<V: PairVisitor, const K: Kernel>(
    Pairing {
        e,
        c,
        near,
        bins,
        d2,
    }: Pairing<'_>,
    mut slab: Slab<'_>,
    visitor: &mut V,
) -> ContactCounts {
    let dims = bins.dims;
    let [nx, ny, _] = dims;
    let (ea, ca) = (Arrays::of(e), Arrays::of(c));
    let mut counts = ContactCounts::default();
    // Each employee's customer contacts in the group at hand.
    let mut met: Vec<u32> = Vec::new();
    // The slab's pairs counted so far, in counting order, and the index of the next
    // pair its sample keeps (`u64::MAX`: none).
    let mut at = 0u64;
    let mut next = slab.sample.as_deref().map_or(u64::MAX, Bernoulli::next);
    // Where each of the group's runs ends in that order: a group that holds a pick
    // finds the run it falls in from these.
    let mut ends = [0u64; MAX_PARTS];
    for iz in slab.layers.clone() {
        for iy in 0..ny {
            for ix in (0..nx).step_by(GROUP) {
                let Some(runs) = CellRuns::of(e, c, near, dims, ix, iy, iz) else {
                    continue;
                };
                let s = runs.own.start;
                let first = at;
                if runs.customer_runs > 0 {
                    met.clear();
                    met.resize(runs.own.len(), 0);
                }
                runs.cross::<K>((ea, ca), d2, |step| match step {
                    Step::Block(kind, i, _, hits) => {
                        let n = hits.count_ones();
                        if kind == PairKind::Customer {
                            met[i - s] += n;
                        }
                        at += u64::from(n);
                    }
                    Step::Ran(k) => ends[k] = at,
                });
                let customer_here: u64 = if runs.customer_runs > 0 {
                    met.iter().map(|&m| u64::from(m)).sum()
                } else {
                    0
                };
                let internal_here = at - first - customer_here;
                let pairs = |f: Listed<'_>| runs.each_internal(e, d2, f);
                show(visitor, internal_here, pairs, PairKind::Internal);
                counts.internal += internal_here;
                if runs.customer_runs > 0 {
                    let pairs = |f: Listed<'_>| runs.each_customer(e, c, d2, f);
                    show(visitor, customer_here, pairs, PairKind::Customer);
                    counts.customer += customer_here;
                    for (i, &m) in runs.own.clone().zip(&met) {
                        if m > 0 {
                            slab.front[i - slab.first] = true;
                            counts.front_office += 1;
                        }
                    }
                }
                if at > next
                    && let Some(sample) = slab.sample.as_deref_mut()
                {
                    // The group holds a pick: the run it falls in is counted again, in
                    // cache, to find its block.
                    let pick = sample.next();
                    let k = ends[..runs.parts()].partition_point(|&end| end <= pick);
                    let run_first = if k == 0 { first } else { ends[k - 1] };
                    let block = find_block::<K>(runs.part(k), (ea, ca), d2, run_first, pick);
                    keep(&mut sample.kept, block, pick);
                    sample.advance();
                    if sample.next() < at {
                        // More than one pick in the group (seldom): its blocks are
                        // counted again, now in cache, to find the rest.
                        keep_picked::<K>(&runs, (e, c), d2, (first, at), sample);
                    }
                    next = sample.next();
                }
            }
        }
    }
    if let Some(sample) = slab.sample {
        // The kept pairs' sorted places to input indices: their ids are read here, all
        // at once, rather than one by one in the middle of counting.
        for pair in &mut sample.kept {
            let of = match pair.kind {
                PairKind::Internal => e,
                PairKind::Customer => c,
            };
            pair.employee = e.id[pair.employee as usize];
            pair.other = of.id[pair.other as usize];
        }
    }
    counts
}

/// A block of hits as the kernels give them: the kind of pairs, the employee's sorted
/// place, the block's first entry, the hits, and the index just past them in the
/// slab's counting order.
pub(crate) type Block = (PairKind, usize, usize, u32, u64);

/// Into `kept`, the pair at index `pick`, which falls among the `hits` of the block of
/// `kind` pairs of employee `i` with entries `j ..`, whose hits end at index `end`; by
/// its agents' sorted places ([`pair_cells_body`] makes them indices at the end).
fn keep(kept: &mut Vec<SampledPair>, (kind, i, j, hits, end): Block, pick: u64) {
    let mut rest = hits;
    for _ in end - u64::from(hits.count_ones())..pick {
        rest &= rest - 1;
    }
    kept.push(SampledPair {
        kind,
        employee: i as u32,
        other: (j + rest.trailing_zeros() as usize) as u32,
    });
}

/// The block of `part` that holds the pair at index `pick`, the part's pairs starting
/// at index `first`.
#[inline(always)]
fn find_block<const K: Kernel>(
    part: Part,
    arrays: (Arrays<'_>, Arrays<'_>),
    d2: f32,
    first: u64,
    pick: u64,
) -> Block {
    let (mut at, mut found) = (first, None);
    part.cross::<K>(arrays, d2, |i, j, hits| {
        at += u64::from(hits.count_ones());
        if found.is_none() && pick < at {
            found = Some((part.kind, i, j, hits, at));
        }
    });
    found.expect("the pick falls in the part")
}

/// Keeps the pairs of `runs`' group that `sample` picks from its next index on, the
/// group's pairs being the slab's `first .. end` in counting order: draws the picks,
/// counts the group's pairs again block by block, noting the block each pick falls in,
/// and takes each pick from its block's hits.
#[cold]
#[inline(always)]
fn keep_picked<const K: Kernel>(
    runs: &CellRuns,
    (e, c): (&Sorted, &Sorted),
    d2: f32,
    (first, end): (u64, u64),
    sample: &mut Bernoulli,
) {
    // Each pick, with the block it falls in (found below).
    let mut picks = std::mem::take(&mut sample.picks);
    picks.clear();
    while sample.next() < end {
        picks.push((sample.next(), (PairKind::Internal, 0, 0, 0, 0)));
        sample.advance();
    }
    let (mut at, mut k) = (first, 0);
    runs.cross::<K>((Arrays::of(e), Arrays::of(c)), d2, |step| {
        if let Step::Block(kind, i, j, hits) = step {
            at += u64::from(hits.count_ones());
            while k < picks.len() && picks[k].0 < at {
                picks[k].1 = (kind, i, j, hits, at);
                k += 1;
            }
        }
    });
    for &(pick, block) in &picks {
        keep(&mut sample.kept, block, pick);
    }
    sample.picks = picks;
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    /// Every kernel this CPU can run counts each employee's contacts with a set of runs
    /// exactly as [`in_contact`] does, at run ends that fall anywhere within a block, and
    /// its hits name exactly the entries in contact (the sample takes its pairs from
    /// them); also when each employee is paired only with the entries after it. (The
    /// grid tests go through the best kernel only.)
    #[test]
    fn every_kernel_counts_exactly_what_in_contact_counts() {
        let mut rng = ChaCha8Rng::seed_from_u64(4);
        let n = 200;
        let mut coords = |len| -> Vec<f32> {
            let mut v: Vec<f32> = (0..len).map(|_| rng.random_range(-2.0..2.0)).collect();
            v.extend([f32::NAN; PAD]);
            v
        };
        let (mut x, mut y, mut z) = (coords(n), coords(n), coords(n));
        // Pairs at exactly d, too: entry 2 sits d from employee 0 along x.
        let d2 = 1.0f32;
        let (mut x0, y0, z0) = (x.clone(), y.clone(), z.clone());
        x0[0] = 0.5;
        (x[2], y[2], z[2]) = (1.5, y0[0], z0[0]);
        let of = Arrays {
            x: &x,
            y: &y,
            z: &z,
        };
        let e = Arrays {
            x: &x0,
            y: &y0,
            z: &z0,
        };
        let runs = [(0, 1), (2, 19), (23, 40), (40, 41), (57, 200)];
        // Each employee's contacts, by entry, in run order.
        let want: Vec<Vec<usize>> = (0..n)
            .map(|i| {
                let met = |&(j0, j1): &(usize, usize)| {
                    (j0..j1).filter(move |&j| in_contact(e.at(i), of.at(j), d2))
                };
                runs.iter().flat_map(met).collect()
            })
            .collect();
        assert!(want[0].contains(&2), "the pair at exactly d is in contact");
        each_kernel_finds::<false>((e, of), &runs, d2, &want);
        // Paired only with the entries after them, as a group with itself: the
        // employees' places fall before, inside and past the runs' blocks.
        let after: Vec<Vec<usize>> = want
            .iter()
            .enumerate()
            .map(|(i, met)| met.iter().copied().filter(|&j| j > i).collect())
            .collect();
        each_kernel_finds::<true>((e, of), &runs, d2, &after);
    }

    /// Every kernel this CPU can run, with `AFTER` as given, finds exactly the entries
    /// `want` lists for each employee, in run order.
    fn each_kernel_finds<const AFTER: bool>(
        (e, of): (Arrays<'_>, Arrays<'_>),
        runs: &[(usize, usize)],
        d2: f32,
        want: &[Vec<usize>],
    ) {
        let n = want.len();
        type Kernel<'a> = &'a dyn Fn(&mut dyn FnMut(usize, usize, u32));
        let got = |kernel: Kernel<'_>| {
            let mut met = vec![Vec::new(); n];
            kernel(&mut |i, j, hits| {
                met[i].extend((0..32).filter(|l| hits >> l & 1 == 1).map(|l| j + l));
            });
            met
        };
        let portable = got(&|add| cross::<AFTER>(e, 0..n, of, runs, d2, add));
        assert_eq!(portable, want, "portable, after: {AFTER}");
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::is_x86_feature_detected as has;
            if has!("avx2") && has!("popcnt") {
                // SAFETY: the CPU supports AVX2 and POPCNT, checked just above.
                let avx2 = got(&|add| unsafe { cross_avx2::<AFTER>(e, 0..n, of, runs, d2, add) });
                assert_eq!(avx2, want, "AVX2, after: {AFTER}");
            }
            if has!("avx512f") && has!("popcnt") {
                // SAFETY: the CPU supports AVX-512F and POPCNT, checked just above.
                let avx512 =
                    got(&|add| unsafe { cross_avx512::<AFTER>(e, 0..n, of, runs, d2, add) });
                assert_eq!(avx512, want, "AVX-512, after: {AFTER}");
            }
        }
    }

    /// Random crowds in a grid of `dims`, binned: positions and the binning.
    fn crowd(rng: &mut ChaCha8Rng, n: usize, half: f32) -> Vec<Vec3> {
        (0..n)
            .map(|_| {
                let mut c = || rng.random_range(-half..half);
                Vec3::new(c(), c(), c())
            })
            .collect()
    }

    /// Each coordinate lands in the cell that truncating it, then clamping into the
    /// grid, gives (NaN in the first), in the vector code too: coordinates inside, on
    /// cell borders, a hair outside, far outside, infinite and NaN, in blocks longer
    /// than a vector with a remainder.
    #[test]
    fn every_coordinate_lands_in_the_cell_a_clamped_truncation_gives() {
        let bins = Binning::lay_out(Vec3::splat(-3.0), Vec3::new(5.0, 2.0, 9.0), 500, 1.0);
        let odd = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            -3.0,
            bins.lo.x,
            bins.lo.x - 1e-6,
            bins.lo.x + bins.cell as f32 * 3.0,
            4.999,
            1e9,
            -1e9,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NAN,
            f32::MAX,
            f32::MIN,
            f32::MIN_POSITIVE,
        ];
        // Every combination of three of them, 17³ agents.
        let mut all = Vec::new();
        for &x in &odd {
            for &y in &odd {
                all.extend(odd.iter().map(|&z| Vec3::new(x, y, z)));
            }
        }
        let (x, y, z): (Vec<f32>, Vec<f32>, Vec<f32>) =
            all.iter().map(|p| (p.x, p.y, p.z)).collect();
        let mut got = vec![u32::MAX; all.len()];
        bins.cells_of(&x, &y, &z, &mut got);
        let [nx, ny, nz] = bins.dims.map(|n| n as i32);
        // The rule as `as` states it: saturating, NaN to 0, then clamped.
        let bin = |v: f32, lo: f32, n: i32| (((v - lo) * bins.inv) as i32).clamp(0, n - 1);
        for (k, p) in all.iter().enumerate() {
            let (ix, iy, iz) = (
                bin(p.x, bins.lo.x, nx),
                bin(p.y, bins.lo.y, ny),
                bin(p.z, bins.lo.z, nz),
            );
            let want = ((iz * ny + iy) * nx + ix) as u32;
            assert_eq!(got[k], want, "the cell of {p}");
        }
    }

    /// The cells next to an agent's cell are marked, and no others where the widening
    /// cannot wrap (one agent well inside the grid).
    #[test]
    fn nearby_marks_the_cells_around_each_agent() {
        let dims = [9, 7, 8];
        let cell = |x: usize, y: usize, z: usize| ((z * dims[1] + y) * dims[0] + x) as u32;
        let mut near = Nearby::default();
        near.mark(&[cell(4, 3, 4)], dims);
        for z in 0..dims[2] {
            for y in 0..dims[1] {
                for x in 0..dims[0] {
                    let next = x.abs_diff(4) <= 1 && y.abs_diff(3) <= 1 && z.abs_diff(4) <= 1;
                    let c = cell(x, y, z) as usize;
                    assert_eq!(near.any(c, c), next, "cell {x} {y} {z}");
                }
            }
        }
        // Many agents, at the grid's edges too: every neighbour of each is marked.
        let mut rng = ChaCha8Rng::seed_from_u64(8);
        let cells: Vec<u32> = (0..40)
            .map(|_| {
                let mut r = |n: usize| rng.random_range(0..n);
                cell(r(dims[0]), r(dims[1]), r(dims[2]))
            })
            .collect();
        near.mark(&cells, dims);
        let [nx, ny, nz] = dims;
        for &c in &cells {
            let c = c as usize;
            let (x, y, z) = (c % nx, c / nx % ny, c / (nx * ny));
            for zz in z.saturating_sub(1)..=(z + 1).min(nz - 1) {
                for yy in y.saturating_sub(1)..=(y + 1).min(ny - 1) {
                    for xx in x.saturating_sub(1)..=(x + 1).min(nx - 1) {
                        let n = cell(xx, yy, zz) as usize;
                        assert!(near.any(n, n), "{xx} {yy} {zz} next to {x} {y} {z}");
                    }
                }
            }
        }
        near.mark(&[], dims);
        assert!(
            !near.any(0, dims.iter().product::<usize>() - 1),
            "nobody, nothing marked"
        );
    }

    /// The grid is kept while the agents move a little, and laid out anew when they
    /// leave it, when it has grown too loose around them, and when `d` changes; each
    /// new grid holds every agent.
    #[test]
    fn the_grid_is_kept_until_it_no_longer_suits() {
        let mut rng = ChaCha8Rng::seed_from_u64(12);
        let mut e = crowd(&mut rng, 3000, 8.0);
        let c = crowd(&mut rng, 500, 9.0);
        let mut grid = ContactGrid::new();
        grid.count(&e, &c, 1.0);
        let first = grid.bins;
        let inside = |grid: &ContactGrid, points: &[Vec3]| {
            let b = grid.bins;
            let far = b.lo.as_dvec3() + DVec3::from_array(b.dims.map(|k| k as f64)) * b.cell;
            points
                .iter()
                .all(|p| p.as_dvec3().cmpge(b.lo.as_dvec3()).all() && p.as_dvec3().cmplt(far).all())
        };
        assert!(inside(&grid, &e) && inside(&grid, &c));
        for p in &mut e {
            *p += Vec3::splat(0.3);
        }
        grid.count(&e, &c, 1.0);
        assert_eq!(grid.bins, first, "kept after a small move");
        for p in &mut e {
            *p *= 1.5;
        }
        grid.count(&e, &c, 1.0);
        assert_ne!(grid.bins, first, "laid out anew after growing out of it");
        assert!(inside(&grid, &e) && inside(&grid, &c));
        let grown = grid.bins;
        let (small_e, small_c) = (crowd(&mut rng, 3000, 3.0), crowd(&mut rng, 500, 3.0));
        grid.count(&small_e, &small_c, 1.0);
        assert_ne!(grid.bins, grown, "laid out anew when far too loose");
        assert!(inside(&grid, &small_e) && inside(&grid, &small_c));
        let tight = grid.bins;
        grid.count(&small_e, &small_c, 1.2);
        assert_ne!(grid.bins, tight, "laid out anew for another d");
        assert_eq!(grid.bins.d, 1.2);
    }

    /// Renumbering after a count puts every agent, its values, its front-office flag
    /// and the sampled pairs in the grid's order together; counting again gives the
    /// same counts; and the agents are then in spatial order.
    #[test]
    fn renumbering_moves_everything_that_belongs_to_an_agent() {
        let mut rng = ChaCha8Rng::seed_from_u64(13);
        let (e0, c0) = (crowd(&mut rng, 4000, 9.0), crowd(&mut rng, 900, 10.0));
        let (mut e, mut c) = (e0.clone(), c0.clone());
        let d = 1.0;
        let mut grid = ContactGrid::new();
        let mut sampler = LineSampler::new(300, 2);
        let counts = grid.count_sampled(&e, &c, d, &mut sampler);
        let front0 = grid.front_office().to_vec();
        let pair_at = |e: &[Vec3], c: &[Vec3], p: &SampledPair| {
            let other = match p.kind {
                PairKind::Internal => e[p.other as usize],
                PairKind::Customer => c[p.other as usize],
            };
            (p.kind, e[p.employee as usize].to_array(), other.to_array())
        };
        let pairs0: Vec<_> = sampler.pairs().iter().map(|p| pair_at(&e, &c, p)).collect();
        // Values that name each agent's old index.
        let mut ev: Vec<u32> = (0..e.len() as u32).map(|i| i * 3 + 1).collect();
        let mut cv: Vec<u32> = (0..c.len() as u32).map(|i| i * 5 + 2).collect();
        let mut none = Vec::new();
        assert!(grid.renumber(
            &mut e,
            &mut c,
            &mut [&mut ev, &mut none],
            &mut [&mut cv],
            Some(&mut sampler),
        ));
        assert!(none.is_empty(), "empty value lists are passed over");
        for (k, &v) in ev.iter().enumerate() {
            let old = ((v - 1) / 3) as usize;
            assert_eq!(e[k], e0[old], "employee {k}");
            assert_eq!(grid.front_office()[k], front0[old], "flag of employee {k}");
        }
        for (k, &v) in cv.iter().enumerate() {
            assert_eq!(c[k], c0[((v - 2) / 5) as usize], "customer {k}");
        }
        let pairs: Vec<_> = sampler.pairs().iter().map(|p| pair_at(&e, &c, p)).collect();
        assert_eq!(pairs, pairs0, "the sampled pairs join the same agents");
        assert_eq!(grid.count(&e, &c, d), counts);
        // Counted on while they move (now sorted in input order), with new agents too.
        for frame in 0..4 {
            for p in e.iter_mut().chain(c.iter_mut()) {
                *p += Vec3::new(
                    rng.random_range(-0.2..0.2),
                    rng.random_range(-0.2..0.2),
                    rng.random_range(-0.2..0.2),
                );
            }
            e.extend(crowd(&mut rng, 50, 9.0));
            let want = brute_force(&e, &c, d);
            assert_eq!(grid.count(&e, &c, d), want, "frame {frame}");
            let mut all = LineSampler::new(usize::MAX, 4);
            assert_eq!(grid.count_sampled(&e, &c, d, &mut all), want);
            // The full sample is every pair, each once.
            let mut got: Vec<_> = all
                .pairs()
                .iter()
                .map(|p| match p.kind {
                    PairKind::Internal => (0, p.employee.min(p.other), p.employee.max(p.other)),
                    PairKind::Customer => (1, p.employee, p.other),
                })
                .collect();
            got.sort_unstable();
            let d2 = d * d;
            let mut pairs = Vec::new();
            for (i, &a) in e.iter().enumerate() {
                let near = |j: usize, b: Vec3| in_contact(a, b, d2).then_some(j as u32);
                let internal = e
                    .iter()
                    .enumerate()
                    .skip(i + 1)
                    .filter_map(|(j, &b)| near(j, b));
                pairs.extend(internal.map(|j| (0, i as u32, j)));
                let customer = c.iter().enumerate().filter_map(|(j, &b)| near(j, b));
                pairs.extend(customer.map(|j| (1, i as u32, j)));
            }
            pairs.sort_unstable();
            assert_eq!(got, pairs, "frame {frame}: pairs");
        }
        let e = &e[..e0.len()];
        // In spatial order: neighbours in the numbering are near each other.
        let step =
            |v: &[Vec3]| v.windows(2).map(|w| w[0].distance(w[1])).sum::<f32>() / v.len() as f32;
        assert!(step(e) < step(&e0) / 4.0, "{} vs {}", step(e), step(&e0));
        // Another crowd than the one counted is refused.
        let mut fewer = e[..100].to_vec();
        assert!(!grid.renumber(&mut fewer, &mut c, &mut [], &mut [], None));
        assert_eq!(fewer, e[..100]);
    }
}
