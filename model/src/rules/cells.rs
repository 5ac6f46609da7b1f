//! A plain cell list for the rules' neighbour passes: employees and customers binned
//! into cubes at least as wide as the longest distance a rule looks, so that everyone
//! within it sits in the 27 cells around one's own.
//!
//! It is simpler and slower than the counting grid of `contacts` (no vectorised runs,
//! and laid out anew every frame, in the buffers of the last): a rule's pass looks at
//! each candidate once and does more per pair than a comparison, so the bookkeeping is
//! not what costs.

use std::ops::Range;

use glam::Vec3;

/// Cells per agent at most: wider cells beyond it, as the counting grid does.
const MAX_CELLS_PER_AGENT: f64 = 8.0;

/// Agents sorted into cells.
#[derive(Clone, Debug, Default)]
pub(super) struct Cells {
    lo: Vec3,
    width: f32,
    dims: [usize; 3],
    /// Where each cell's entries start in `pos`, per kind; one more than the cells.
    start: [Vec<u32>; 2],
    /// Positions in cell order, per kind (0: employees, 1: customers).
    pos: [Vec<Vec3>; 2],
    /// The input index of each entry, per kind.
    id: [Vec<u32>; 2],
    /// Room to sort into, kept between frames.
    scratch: Vec<u32>,
}

/// Employees, as a kind of entry.
pub(super) const EMPLOYEES: usize = 0;
/// Customers, as a kind of entry.
pub(super) const CUSTOMERS: usize = 1;

impl Cells {
    /// Bins `employees` and `customers` into cells at least `reach` wide, reusing the
    /// buffers of the last frame.
    pub(super) fn fill(&mut self, employees: &[Vec3], customers: &[Vec3], reach: f32) {
        let (mut lo, mut hi) = (Vec3::splat(f32::MAX), Vec3::splat(f32::MIN));
        for p in employees.iter().chain(customers) {
            lo = lo.min(*p);
            hi = hi.max(*p);
        }
        let cells = self;
        for kind in [EMPLOYEES, CUSTOMERS] {
            cells.start[kind].clear();
            cells.pos[kind].clear();
            cells.id[kind].clear();
        }
        cells.dims = [0; 3];
        if employees.is_empty() {
            return;
        }
        let span = (hi - lo).max(Vec3::splat(f32::EPSILON));
        // A hair wider than `reach`, so that rounding in the index never puts two agents
        // within `reach` more than one cell apart.
        let mut width = reach * 1.001 + f32::EPSILON;
        let agents = (employees.len() + customers.len()) as f64;
        let count = |w: f32| {
            (span / w)
                .floor()
                .to_array()
                .map(|k| k as f64 + 1.0)
                .iter()
                .product::<f64>()
        };
        while count(width) > MAX_CELLS_PER_AGENT * agents + 27.0 {
            width *= 1.25;
        }
        let dims = (span / width).floor().to_array().map(|k| k as usize + 1);
        cells.lo = lo;
        cells.width = width;
        cells.dims = dims;
        let n_cells = dims[0] * dims[1] * dims[2];
        for (kind, points) in [employees, customers].into_iter().enumerate() {
            // Each point's cell, kept in `id` for now; the cells' counts in `start`.
            let mut keys = std::mem::take(&mut cells.id[kind]);
            keys.extend(points.iter().map(|&p| cells.index(p) as u32));
            let start = &mut cells.start[kind];
            start.resize(n_cells + 1, 0);
            for &k in &keys {
                start[k as usize + 1] += 1;
            }
            for c in 0..n_cells {
                start[c + 1] += start[c];
            }
            // Scatter in input order; each cell's cursor runs from its start.
            let mut next = start[..n_cells].to_vec();
            let (pos, id) = (&mut cells.pos[kind], &mut cells.scratch);
            pos.resize(points.len(), Vec3::ZERO);
            id.clear();
            id.resize(points.len(), 0);
            for (i, (&k, &p)) in keys.iter().zip(points).enumerate() {
                let at = &mut next[k as usize];
                pos[*at as usize] = p;
                id[*at as usize] = i as u32;
                *at += 1;
            }
            std::mem::swap(&mut cells.id[kind], &mut cells.scratch);
            cells.scratch = keys;
        }
    }

    /// The cell of `p`, as x, y and z.
    fn coords(&self, p: Vec3) -> [usize; 3] {
        let q = ((p - self.lo) / self.width).floor().to_array();
        [0, 1, 2].map(|a| (q[a].max(0.0) as usize).min(self.dims[a] - 1))
    }

    fn index(&self, p: Vec3) -> usize {
        let [x, y, z] = self.coords(p);
        x + self.dims[0] * (y + self.dims[1] * z)
    }

    /// The employees and customers in cell order: positions and input indices.
    pub(super) fn entries(&self, kind: usize) -> (&[Vec3], &[u32]) {
        (&self.pos[kind], &self.id[kind])
    }

    /// [`Cells::around`]'s entries one by one: each one's place in cell order (for
    /// [`Cells::entries`]) and its position.
    pub(super) fn near(
        &self,
        kind: usize,
        k: usize,
        forward: bool,
    ) -> impl Iterator<Item = (usize, Vec3)> + '_ {
        let pos = &self.pos[kind];
        self.around(kind, k, forward)
            .flat_map(move |r| r.clone().zip(pos[r].iter().copied()))
    }

    /// The entries of `kind` in the cells around employee entry `k`'s own: all 27, or
    /// with `forward`, only those after `k` (the rest of its own cell and the 13 cells
    /// that come after it), so that each pair of employees is met once.
    pub(super) fn around(
        &self,
        kind: usize,
        k: usize,
        forward: bool,
    ) -> impl Iterator<Item = Range<usize>> + use<> {
        let p = self.pos[EMPLOYEES][k];
        let [x, y, z] = self.coords(p).map(|c| c as isize);
        let [nx, ny, nz] = self.dims.map(|n| n as isize);
        let mut ranges: [Range<usize>; 27] = std::array::from_fn(|_| 0..0);
        let mut n = 0;
        for dz in -1..=1isize {
            for dy in -1..=1isize {
                for dx in -1..=1isize {
                    let (cx, cy, cz) = (x + dx, y + dy, z + dz);
                    if cx < 0 || cy < 0 || cz < 0 || cx >= nx || cy >= ny || cz >= nz {
                        continue;
                    }
                    let ahead = (dz, dy, dx) > (0, 0, 0);
                    if forward && (dz, dy, dx) < (0, 0, 0) {
                        continue;
                    }
                    let c = (cx + nx * (cy + ny * cz)) as usize;
                    let (a, b) = (
                        self.start[kind][c] as usize,
                        self.start[kind][c + 1] as usize,
                    );
                    if forward && !ahead {
                        // Its own cell: the entries after it.
                        ranges[n] = k + 1..b;
                    } else {
                        ranges[n] = a..b;
                    }
                    n += 1;
                }
            }
        }
        ranges.into_iter().take(n)
    }
}
