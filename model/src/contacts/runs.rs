//! The runs of sorted entries that a group of employee cells is paired with.
//!
//! Cells `x-1 ..= x+2` of a row are contiguous in the sorted order, so a group's
//! internal half-shell collapses into five contiguous runs (the group with itself, the
//! next row, three rows of the next layer), and its customer neighbourhood into nine.

use std::ops::Range;

use super::counts::PairKind;
use super::kernels::{Arrays, Kernel};
use super::nearby::Nearby;
use super::sort::Sorted;

/// Cells along x paired as one unit: two, so that each of a cell's runs of neighbours
/// spans four cells (about 11 agents, most of a 16-lane block) and the loops around the
/// kernels run half as often. (Figures for one, two and three: BENCHMARKS.md, "Figures
/// moved from code comments (issue 17)".)
pub(super) const GROUP: usize = 2;

/// The most runs of employees a group is paired with besides its own: the next row,
/// and three rows of the next layer.
const INTERNAL_RUNS: usize = 4;

/// The most runs of customers a group is paired with: three rows in each of three
/// layers.
const CUSTOMER_RUNS: usize = 9;

/// The most runs of pairs a group has ([`CellRuns::parts`]).
pub(super) const MAX_PARTS: usize = 1 + INTERNAL_RUNS + CUSTOMER_RUNS;

/// What [`CellRuns::cross`] reports.
#[derive(Clone, Copy)]
pub(super) enum Step {
    /// A block's hits ([`Kernel::cross`]): the kind of pairs, the employee's sorted
    /// place, the block's first entry and the hits.
    Block(PairKind, usize, usize, u32),
    /// The end of the group's run with this index ([`CellRuns::part`]).
    Ran(usize),
}

/// One run of a group's pairs: its employees (sorted places, from .. to) with one run of
/// entries of their own kind or of customers; if `after`, each employee only with the
/// run's entries after it (the group with itself).
#[derive(Clone, Copy)]
pub(super) struct Part {
    /// Internal or customer pairs.
    pub(super) kind: PairKind,
    employees: (usize, usize),
    run: (usize, usize),
    after: bool,
}

impl Part {
    /// Runs `kernel` over the part's pairs, calling `add(i, j, hits)` as
    /// [`Kernel::cross`] does.
    #[inline(always)]
    pub(super) fn cross<K: Kernel>(
        &self,
        kernel: K,
        arrays: (Arrays<'_>, Arrays<'_>),
        d2: f32,
        add: impl FnMut(usize, usize, u32),
    ) {
        if self.after {
            self.cross_as::<K, true>(kernel, arrays, d2, add);
        } else {
            self.cross_as::<K, false>(kernel, arrays, d2, add);
        }
    }

    /// [`Part::cross`] for a part whose `after` is `AFTER`.
    #[inline(always)]
    fn cross_as<K: Kernel, const AFTER: bool>(
        &self,
        kernel: K,
        (ea, ca): (Arrays<'_>, Arrays<'_>),
        d2: f32,
        add: impl FnMut(usize, usize, u32),
    ) {
        let of = match self.kind {
            PairKind::Internal => ea,
            PairKind::Customer => ca,
        };
        let (from, to) = self.employees;
        kernel.cross::<AFTER>(ea, from..to, of, &[self.run], d2, add);
    }
}

/// The runs one group of employee cells ([`GROUP`] cells along x) is paired with: itself,
/// the internal half-shell and the customer neighbourhood. The count and the sampling of
/// pairs walk the same runs.
pub(super) struct CellRuns {
    /// The group's employees.
    pub(super) own: Range<usize>,
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
    /// How many of `customer` there are: 0 where no customer is near.
    pub(super) customer_runs: usize,
}

impl CellRuns {
    /// The runs of the group that starts at cell `[ix, iy, iz]` of a grid of `dims`
    /// cells, with employees `e` and customers `c` sorted into it and `near` marking the
    /// cells with customers near; `None` if the group holds no employee.
    #[inline(always)]
    pub(super) fn of(
        (e, c): (&Sorted, &Sorted),
        near: &Nearby,
        dims: [usize; 3],
        [ix, iy, iz]: [usize; 3],
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

    /// Runs `kernel` over the group's pairs, reporting to `f` each block as
    /// [`Kernel::cross`] does ([`Step::Block`]) and the end of each run ([`Step::Ran`]):
    /// the internal pairs (the group with itself and the next cell along x, each
    /// employee with the entries after it, as one run; then with the runs of the next
    /// row and layer), then the customer pairs (the cells around, as up to nine runs).
    /// The count and the sample walk the pairs in this order.
    #[inline(always)]
    pub(super) fn cross<K: Kernel>(
        &self,
        kernel: K,
        arrays: (Arrays<'_>, Arrays<'_>),
        d2: f32,
        mut f: impl FnMut(Step),
    ) {
        let own = self.part(0);
        own.cross_as::<K, true>(kernel, arrays, d2, |i, j, hits| {
            f(Step::Block(PairKind::Internal, i, j, hits));
        });
        f(Step::Ran(0));
        for k in 1..self.parts() {
            let part = self.part(k);
            let kind = part.kind;
            part.cross_as::<K, false>(kernel, arrays, d2, |i, j, hits| {
                f(Step::Block(kind, i, j, hits));
            });
            f(Step::Ran(k));
        }
    }

    /// How many runs the group's pairs make: its own, then the internal ones, then the
    /// customer ones.
    #[inline(always)]
    pub(super) fn parts(&self) -> usize {
        1 + self.internal_runs + self.customer_runs
    }

    /// The group's run of pairs with index `k` (below [`CellRuns::parts`]), in the order
    /// [`CellRuns::cross`] walks them.
    #[inline(always)]
    pub(super) fn part(&self, k: usize) -> Part {
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
}
