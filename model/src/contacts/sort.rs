//! The counting sort of one kind of agent into cells, as a structure of arrays.
//!
//! It reuses what the last frame found: the order, as a hint that makes the scatter's
//! writes nearly sequential. Agents that their caller keeps in spatial order
//! ([`super::ContactGrid::renumber`]) need no hint: they are scattered in input order,
//! and every pass reads and writes nearly in order.

use glam::Vec3;
use rayon::prelude::*;

use super::binning::{Binning, Bounds, NO_BOUNDS, union};
use super::kernels::{Arrays, KernelChoice, PAD, prefetch_ahead};
use super::parallel::PARALLEL_CHUNK;

/// Agents copied at a time into a stack buffer to be binned in one vectorised pass.
const GATHER_BLOCK: usize = 256;

/// One kind of agent, sorted by cell, as a structure of arrays.
#[derive(Clone, Debug, Default)]
pub(super) struct Sorted {
    x: Vec<f32>,
    y: Vec<f32>,
    z: Vec<f32>,
    /// The input index of each sorted entry. Last frame's is the hint for this one's sort.
    pub(super) id: Vec<u32>,
    /// `start[c] .. start[c + 1]` are the entries of cell `c`.
    pub(super) start: Vec<u32>,
    /// Scratch for the sort, kept to avoid allocating every frame: each agent's cell in
    /// last frame's order (or, after [`Sorted::bin`] for agents in spatial order, in
    /// input order).
    pub(super) cell: Vec<u32>,
    /// Scratch: each agent's cell by input index, then the sorted ids before they
    /// replace `id`.
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

/// How [`Sorted::bin`] and [`Sorted::sort`] go about it.
#[derive(Clone, Copy, Debug)]
pub(super) struct SortWith {
    /// On all cores.
    pub(super) parallel: bool,
    /// The agents come in spatial order ([`super::ContactGrid::renumber`]).
    pub(super) in_order: bool,
    /// The CPU's kernels, for the binning.
    pub(super) kernel: KernelChoice,
}

impl Sorted {
    /// The sort's first pass: each agent's cell, by input index, into `tid`, and the box
    /// around the points. It reads the points in input order, so sequentially; if the
    /// box shows that `bins` no longer suits them, it is run again with a new grid.
    pub(super) fn bin(&mut self, points: &[Vec3], bins: &Binning, with: SortWith) -> Bounds {
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
                let xyz = [&block[0][..m], &block[1][..m], &block[2][..m]];
                bounds = union(bounds, bins.cells_of(with.kernel, xyz, cells));
            }
            bounds
        };
        if with.parallel {
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
    pub(super) fn sort(&mut self, points: &[Vec3], bins: &Binning, with: SortWith) {
        let SortWith {
            parallel, in_order, ..
        } = with;
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
        // output: it scans every agent and moves those that land in its range. Within
        // a cell, agents keep the order they are visited in, however many parts.
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
    /// the identity: see [`super::ContactGrid::renumber`], which checked the lengths.
    pub(super) fn renumber(&mut self, points: &mut [Vec3], values: &mut [&mut Vec<u32>]) {
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
    pub(super) fn run(
        &self,
        dims: [usize; 3],
        x0: usize,
        x1: usize,
        y: usize,
        z: usize,
    ) -> (usize, usize) {
        let row = (z * dims[1] + y) * dims[0];
        (
            self.start[row + x0] as usize,
            self.start[row + x1 + 1] as usize,
        )
    }

    /// The sorted coordinates, for the kernels (checked once to hold every run's padded
    /// blocks: runs end at most at the last entry, and [`PAD`] padding entries follow it).
    pub(super) fn arrays(&self) -> Arrays<'_> {
        Arrays::new(&self.x, &self.y, &self.z, self.id.len())
    }
}
