//! Pairing one slab of z-layers: every group of employee cells with its runs, counted
//! by the best kernel the CPU runs, and the slab's part of a sample taken on the way.

use std::ops::Range;

use super::binning::Binning;
use super::counts::{ContactCounts, PairKind};
use super::kernels::{Job, Kernel, KernelChoice};
use super::nearby::Nearby;
use super::picks::{find_block, keep_picked};
use super::runs::{CellRuns, GROUP, MAX_PARTS, Step};
use super::sampling::Bernoulli;
use super::sort::Sorted;

/// What the pairing of every slab reads: both kinds sorted into cells, the cells with
/// customers near, the grid, the contact distance squared and the kernel.
#[derive(Clone, Copy)]
pub(super) struct Pairing<'a> {
    /// The employees, sorted.
    pub(super) e: &'a Sorted,
    /// The customers, sorted.
    pub(super) c: &'a Sorted,
    /// The cells with customers in or next to them.
    pub(super) near: &'a Nearby,
    /// The grid.
    pub(super) bins: &'a Binning,
    /// The contact distance squared.
    pub(super) d2: f32,
    /// The kernel the CPU runs best.
    pub(super) kernel: KernelChoice,
}

/// What one slab counts: its layers and its employees' front-office flags.
pub(super) struct Slab<'a> {
    /// The slab's z-layers.
    pub(super) layers: Range<usize>,
    /// The first sorted employee of the slab.
    pub(super) first: usize,
    /// Front-office flags of the slab's employees, in sorted order.
    pub(super) front: &'a mut [bool],
    /// The slab's part of a sample taken while counting, if one is.
    pub(super) sample: Option<&'a mut Bernoulli>,
}

/// Counts one slab: internal pairs over the half-shell, customer pairs over the whole
/// neighbourhood, and takes the slab's sample if it has one, with the grid's kernel,
/// the loops compiled for its CPU features.
pub(super) fn pair_cells(grid: Pairing<'_>, slab: Slab<'_>) -> ContactCounts {
    grid.kernel.run(PairSlab { grid, slab })
}

/// [`pair_cells`]'s work.
struct PairSlab<'a> {
    grid: Pairing<'a>,
    slab: Slab<'a>,
}

impl Job for PairSlab<'_> {
    type Output = ContactCounts;

    #[inline(always)]
    fn run<K: Kernel>(self, kernel: K) -> ContactCounts {
        pair_cells_body(kernel, self.grid, self.slab)
    }
}

#[inline(always)]
fn pair_cells_body<K: Kernel>(kernel: K, grid: Pairing<'_>, mut slab: Slab<'_>) -> ContactCounts {
    let Pairing {
        e,
        c,
        near,
        bins,
        d2,
        ..
    } = grid;
    let dims = bins.dims;
    let [nx, ny, _] = dims;
    let arrays = (e.arrays(), c.arrays());
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
                let Some(runs) = CellRuns::of((e, c), near, dims, [ix, iy, iz]) else {
                    continue;
                };
                let s = runs.own.start;
                let first = at;
                if runs.customer_runs > 0 {
                    met.clear();
                    met.resize(runs.own.len(), 0);
                }
                runs.cross(kernel, arrays, d2, |step| match step {
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
                counts.internal += at - first - customer_here;
                if runs.customer_runs > 0 {
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
                    let part = runs.part(k);
                    let block = find_block(kernel, part, arrays, d2, (run_first, pick));
                    sample.keep(block, pick);
                    sample.advance();
                    if sample.next() < at {
                        // More than one pick in the group (seldom): its blocks are
                        // counted again, now in cache, to find the rest.
                        keep_picked(kernel, &runs, arrays, d2, (first, at), sample);
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
