//! Sampling while counting: finding the pairs a slab's sample picks among the hits the
//! kernels count.
//!
//! The count notes where each run of a group's pairs ends and checks the group's end
//! against the next pick. The run that holds it is counted again while it is in the
//! caches ([`find_block`]), and the pair taken from the hits of its block; a group with
//! more than one pick (seldom) is counted again whole ([`keep_picked`]).

use super::kernels::{Arrays, Kernel};
use super::runs::{CellRuns, Part, Step};
use super::sampling::{Bernoulli, Block};

/// The block of `part` that holds the pair at index `pick`, the part's pairs starting
/// at index `first`.
#[inline(always)]
pub(super) fn find_block<K: Kernel>(
    kernel: K,
    part: Part,
    arrays: (Arrays<'_>, Arrays<'_>),
    d2: f32,
    (first, pick): (u64, u64),
) -> Block {
    let (mut at, mut found) = (first, None);
    part.cross(kernel, arrays, d2, |i, j, hits| {
        at += u64::from(hits.count_ones());
        if found.is_none() && pick < at {
            found = Some(Block {
                kind: part.kind,
                employee: i,
                first: j,
                hits,
                end: at,
            });
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
pub(super) fn keep_picked<K: Kernel>(
    kernel: K,
    runs: &CellRuns,
    arrays: (Arrays<'_>, Arrays<'_>),
    d2: f32,
    (first, end): (u64, u64),
    sample: &mut Bernoulli,
) {
    // Each pick, with the block it falls in (found below).
    let mut picks = std::mem::take(&mut sample.picks);
    picks.clear();
    while sample.next() < end {
        picks.push((sample.next(), Block::NONE));
        sample.advance();
    }
    let (mut at, mut k) = (first, 0);
    runs.cross(kernel, arrays, d2, |step| {
        if let Step::Block(kind, i, j, hits) = step {
            at += u64::from(hits.count_ones());
            while k < picks.len() && picks[k].0 < at {
                picks[k].1 = Block {
                    kind,
                    employee: i,
                    first: j,
                    hits,
                    end: at,
                };
                k += 1;
            }
        }
    });
    for &(pick, block) in &picks {
        sample.keep(block, pick);
    }
    sample.picks = picks;
}
