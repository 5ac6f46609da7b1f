//! A fair, capped sample of contact pairs, taken while they are counted.
//!
//! The app draws a line per sampled pair. A frame can hold millions of pairs, so the
//! sampler keeps a uniform random sample of at most `cap` of them: every pair is
//! equally likely to be kept, so the share of customer lines on screen follows the share
//! of customer contacts.
//!
//! [`crate::ContactGrid::count_sampled`] shows the sampler no pair: each slab keeps
//! each of its pairs independently with one probability (a Bernoulli sample, drawn as
//! geometric skips), set from the last frame's total so that somewhat more than `cap`
//! are kept, and the counting kernels pick those out of the hits they count; then `cap`
//! of them are chosen uniformly. A Bernoulli sample is uniform given its size, and a
//! uniform subset of it is a uniform subset of all the pairs. If it kept too few, it is
//! taken again with fresh draws.
//!
//! The slabs are fixed whatever the number of threads, each slab's part is seeded from
//! the sampler in slab order, and the parts are joined in slab order: the sample
//! depends on the seed alone.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::counts::PairKind;

/// One sampled pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SampledPair {
    /// Internal or customer contact.
    pub kind: PairKind,
    /// The employee's index.
    pub employee: u32,
    /// The other agent's index: an employee for internal pairs, a customer otherwise.
    pub other: u32,
}

/// Keeps a uniform sample of at most `cap` of the pairs a count finds
/// ([`crate::ContactGrid::count_sampled`]).
#[derive(Clone, Debug)]
pub struct LineSampler {
    cap: usize,
    /// How many pairs the last sample was taken from.
    seen: u64,
    rng: ChaCha8Rng,
    pairs: Vec<SampledPair>,
    /// How many pairs the last exact sample was drawn from, and among how many agents:
    /// sizes the next one's Bernoulli rate ([`LineSampler::expected_total`]).
    last_total: Option<(u64, u64)>,
    /// The slabs' parts of the last exact sample, kept so that the next allocates
    /// nothing ([`LineSampler::bernoulli`]).
    parts: Vec<Bernoulli>,
}

impl LineSampler {
    /// An empty sampler that keeps at most `cap` pairs.
    pub fn new(cap: usize, seed: u64) -> Self {
        Self {
            cap,
            seen: 0,
            rng: ChaCha8Rng::seed_from_u64(seed),
            pairs: Vec::with_capacity(cap.min(1 << 20)),
            last_total: None,
            parts: Vec::new(),
        }
    }

    /// Empties the sample for a new frame, with a new cap.
    pub fn reset(&mut self, cap: usize) {
        self.cap = cap;
        self.seen = 0;
        self.pairs.clear();
    }

    /// The most pairs it keeps.
    pub fn cap(&self) -> usize {
        self.cap
    }

    /// The pairs kept.
    pub fn pairs(&self) -> &[SampledPair] {
        &self.pairs
    }

    /// How many pairs the last sample was taken from (all the counted pairs; 0 after a
    /// reset).
    pub fn seen(&self) -> u64 {
        self.seen
    }

    /// How many pairs `agents` agents are expected to hold, going by the last exact
    /// sample (the same pairs per agent), if one was taken. The expectation follows a
    /// crowd that grows or is replaced by one of another size.
    pub(super) fn expected_total(&self, agents: u64) -> Option<u64> {
        let (total, before) = self.last_total?;
        Some((total as f64 * agents as f64 / before.max(1) as f64) as u64)
    }

    /// Starts an exact sample taken while counting ([`crate::ContactGrid::count_sampled`])
    /// of about `total` pairs, in `slabs` parts. Each part keeps every pair of its slab
    /// independently with one probability, chosen so that somewhat more than `cap` of
    /// `total` pairs are kept. [`LineSampler::finish`] then keeps `cap` of them.
    pub(super) fn bernoulli(&mut self, total: u64, slabs: usize) -> Vec<Bernoulli> {
        let want = (self.cap as u64).min(total) as f64;
        let rate = if want == 0.0 {
            0.0
        } else {
            ((want * BERNOULLI_MARGIN + 4.0 * want.sqrt() + 8.0) / total as f64).min(1.0)
        };
        let mut parts = std::mem::take(&mut self.parts);
        parts.truncate(slabs);
        parts.resize_with(slabs, Bernoulli::default);
        for part in &mut parts {
            part.start(self.rng.random(), rate);
        }
        parts
    }

    /// Ends a sample started by [`LineSampler::bernoulli`] over `total` pairs among
    /// `agents` agents, of which the `parts` kept some: keeps `min(cap, total)` of
    /// those, every subset equally likely, and returns `true`; or, if the parts kept
    /// fewer than that, keeps none and returns `false`, for the caller to sample again
    /// at the rate for `total`.
    pub(super) fn finish(&mut self, (total, agents): (u64, u64), parts: Vec<Bernoulli>) -> bool {
        self.pairs.clear();
        self.seen = total;
        self.last_total = Some((total, agents));
        let want = (self.cap as u64).min(total) as usize;
        let enough = parts.iter().map(|p| p.kept.len()).sum::<usize>() >= want;
        if enough {
            for part in &parts {
                self.pairs.extend_from_slice(&part.kept);
            }
            // A uniform subset of a Bernoulli sample, which is uniform given its size, is
            // a uniform subset of all the pairs: here, what is left after dropping pairs
            // at random, one by one, down to `want`.
            while self.pairs.len() > want {
                let drop = self.rng.random_range(0..self.pairs.len());
                self.pairs.swap_remove(drop);
            }
        }
        // Kept for the next frame's sample, with their buffers.
        self.parts = parts;
        enough
    }

    /// Makes the sample one of every pair of the `employees` and the `customer`
    /// contacts, as when everyone is in contact with everyone
    /// ([`crate::Rule::Everyone`]), from a sample the grid took of the pairs within the
    /// contact distance. How many lines are customer contacts is drawn as in a uniform
    /// sample of all those pairs, without replacement (so never more than there are);
    /// they are a uniform subset of the grid's customer pairs, and the colleague pairs
    /// are drawn uniformly from all `n (n − 1) / 2` of them, by Floyd's method.
    ///
    /// The grid's sample is uniform over the pairs within `d`, so it nearly always holds
    /// more customer pairs than this draw asks for. When it holds fewer (a small
    /// organisation, the cap near the total), the sample takes all it has and is that
    /// much smaller than the cap.
    pub(crate) fn with_everyone(&mut self, employees: u32, customer: u64) {
        let n = u64::from(employees);
        let colleagues = n * n.saturating_sub(1) / 2;
        let total = colleagues + customer;
        let want = (self.cap as u64).min(total);
        self.seen = total;
        let mut customers: Vec<SampledPair> = self
            .pairs
            .iter()
            .filter(|p| p.kind == PairKind::Customer)
            .copied()
            .collect();
        self.pairs.clear();
        let pair = |(i, j): (u64, u64)| SampledPair {
            kind: PairKind::Internal,
            employee: i as u32,
            other: j as u32,
        };
        if want == total {
            // Room for every pair: the grid's sample then holds every customer pair.
            for i in 0..n {
                self.pairs.extend((i + 1..n).map(|j| pair((i, j))));
            }
            self.pairs.extend(customers);
            return;
        }
        // Customer lines as in drawing `want` of the `total` pairs one by one.
        let (mut left, mut customers_left, mut lines) = (total, customer, 0u64);
        for _ in 0..want {
            if self.rng.random_range(0..left) < customers_left {
                customers_left -= 1;
                lines += 1;
            }
            left -= 1;
        }
        while customers.len() as u64 > lines {
            let drop = self.rng.random_range(0..customers.len());
            customers.swap_remove(drop);
        }
        // Floyd's method: `m` distinct pair numbers out of `colleagues`, uniformly.
        let m = (want - customers.len() as u64).min(colleagues);
        let mut chosen = std::collections::HashSet::with_capacity(m as usize);
        for top in colleagues - m..colleagues {
            let t = self.rng.random_range(0..=top);
            if !chosen.insert(t) {
                chosen.insert(top);
            }
        }
        let mut internal: Vec<u64> = chosen.into_iter().collect();
        internal.sort_unstable();
        self.pairs
            .extend(internal.into_iter().map(|t| pair(colleague_pair(n, t))));
        self.pairs.extend(customers);
    }

    /// Takes `pairs`, a fair sample a contact rule drew of its `seen` contacts, in place
    /// of the grid's: at most the cap of them, dropped at random.
    pub(crate) fn replace_with(&mut self, pairs: Vec<SampledPair>, seen: u64) {
        self.pairs = pairs;
        self.seen = seen;
        while self.pairs.len() > self.cap {
            let drop = self.rng.random_range(0..self.pairs.len());
            self.pairs.swap_remove(drop);
        }
    }

    /// Keeps each pair with the chance `weight` gives it (0 to 1), so that a uniform
    /// sample of pairs becomes a fair sample of what they weigh; `seen` is then what
    /// they weigh together.
    pub(crate) fn thin(&mut self, weight: impl Fn(&SampledPair) -> f64, seen: u64) {
        let mut pairs = std::mem::take(&mut self.pairs);
        pairs.retain(|p| {
            let w = weight(p);
            w >= 1.0 || self.rng.random_bool(w.max(0.0))
        });
        self.pairs = pairs;
        self.seen = seen;
    }

    /// The kept pairs, to renumber their agents ([`crate::ContactGrid::renumber`]).
    pub(super) fn pairs_mut(&mut self) -> &mut [SampledPair] {
        &mut self.pairs
    }
}

/// Colleague pair number `t` of `n` employees, counting `(0, 1), (0, 2), …, (0, n − 1),
/// (1, 2), …`: the `(i, j)` with `i < j`.
fn colleague_pair(n: u64, t: u64) -> (u64, u64) {
    // Pairs before row i: i n − i (i + 1) / 2. The last row that starts at or before t.
    let before = |i: u64| i * n - i * (i + 1) / 2;
    let (mut lo, mut hi) = (0, n.saturating_sub(1));
    while lo + 1 < hi {
        let mid = (lo + hi) / 2;
        if before(mid) <= t { lo = mid } else { hi = mid }
    }
    let i = if before(hi) <= t { hi } else { lo };
    (i, i + 1 + (t - before(i)))
}

/// How many more pairs than `cap` a Bernoulli sample keeps on average (plus four
/// standard deviations and eight), so that it nearly never keeps too few.
const BERNOULLI_MARGIN: f64 = 1.1;

/// A block of hits as the kernels give them, and where a pick falls.
#[derive(Clone, Copy, Debug)]
pub(super) struct Block {
    /// The kind of pairs.
    pub(super) kind: PairKind,
    /// The employee's sorted place.
    pub(super) employee: usize,
    /// The block's first entry.
    pub(super) first: usize,
    /// Which of the block's entries are in contact with the employee, a bit each.
    pub(super) hits: u32,
    /// The index just past the block's hits, in the slab's counting order.
    pub(super) end: u64,
}

impl Block {
    /// A placeholder, before the block a pick falls in is found.
    pub(super) const NONE: Block = Block {
        kind: PairKind::Internal,
        employee: 0,
        first: 0,
        hits: 0,
        end: 0,
    };
}

/// One slab's part of an exact sample taken while counting
/// ([`LineSampler::bernoulli`]): each of the slab's pairs is kept with probability
/// `rate`, independently. The indices of the kept pairs are drawn as geometric skips,
/// so it takes one random number per kept pair.
#[derive(Clone, Debug)]
pub(super) struct Bernoulli {
    rng: ChaCha8Rng,
    rate: f64,
    /// ln(1 − rate), for the skips.
    ln_miss: f64,
    /// The slab's index of the next pair to keep (`u64::MAX`: none).
    next: u64,
    /// The pairs kept, in the slab's counting order: by their agents' sorted places
    /// while the slab is counted, by index once it is done.
    pub(super) kept: Vec<SampledPair>,
    /// Scratch for the picks in one group of cells, each with its block.
    pub(super) picks: Vec<(u64, Block)>,
}

impl Default for Bernoulli {
    fn default() -> Self {
        Self {
            rng: ChaCha8Rng::seed_from_u64(0),
            rate: 0.0,
            ln_miss: 0.0,
            next: u64::MAX,
            kept: Vec::new(),
            picks: Vec::new(),
        }
    }
}

impl Bernoulli {
    /// Starts the part afresh: no pair kept, each to be kept with probability `rate`.
    fn start(&mut self, seed: u64, rate: f64) {
        self.rng = ChaCha8Rng::seed_from_u64(seed);
        self.rate = rate;
        self.ln_miss = (1.0 - rate).ln();
        self.kept.clear();
        self.skip_from(0);
    }

    /// The slab's index of the next pair to keep.
    pub(super) fn next(&self) -> u64 {
        self.next
    }

    /// Moves past the pair to keep at [`Bernoulli::next`] to the one after it.
    pub(super) fn advance(&mut self) {
        self.skip_from(self.next + 1);
    }

    /// Keeps the pair at index `pick`, which falls among the hits of `block`; by its
    /// agents' sorted places (the count makes them indices when the slab is done).
    pub(super) fn keep(&mut self, block: Block, pick: u64) {
        let mut rest = block.hits;
        for _ in block.end - u64::from(block.hits.count_ones())..pick {
            rest &= rest - 1;
        }
        self.kept.push(SampledPair {
            kind: block.kind,
            employee: block.employee as u32,
            other: (block.first + rest.trailing_zeros() as usize) as u32,
        });
    }

    /// The next kept index at or after `from`: the number of pairs passed over before
    /// a kept one is geometric.
    fn skip_from(&mut self, from: u64) {
        if self.rate >= 1.0 {
            self.next = from;
            return;
        }
        let u = 1.0 - self.rng.random::<f64>();
        let skip = (u.ln() / self.ln_miss).floor();
        self.next = if skip.is_finite() && skip < 1e18 {
            from.saturating_add(skip as u64)
        } else {
            u64::MAX
        };
    }
}

#[cfg(test)]
mod tests {
    /// Pair numbers decode to every pair of `n` once, in order.
    #[test]
    fn colleague_pairs_are_numbered_row_by_row() {
        for n in [2u64, 3, 7, 40] {
            let mut t = 0;
            for i in 0..n {
                for j in i + 1..n {
                    assert_eq!(colleague_pair(n, t), (i, j), "n {n}, t {t}");
                    t += 1;
                }
            }
        }
        let n = 20_000_000u64;
        assert_eq!(colleague_pair(n, n * (n - 1) / 2 - 1), (n - 2, n - 1));
    }

    use super::*;

    /// The next sample's rate goes by the last one's pairs per agent, so that a crowd
    /// replaced by one ten times its size is not sampled at the small crowd's rate.
    #[test]
    fn the_expected_total_follows_the_head_count() {
        let mut s = LineSampler::new(50, 1);
        assert_eq!(s.expected_total(1_000), None);
        // Nothing kept of 6 000 pairs: too few, but the total is noted all the same.
        assert!(!s.finish((6_000, 1_000), Vec::new()));
        assert_eq!(s.expected_total(10_000), Some(60_000));
        assert_eq!(s.expected_total(500), Some(3_000));
    }

    /// A pick takes the hit of its rank in its block: the block's hits are the indices
    /// `end - hits ..end`, in the order of their bits.
    #[test]
    fn a_pick_takes_the_hit_of_its_rank() {
        let mut part = Bernoulli::default();
        let block = Block {
            kind: PairKind::Customer,
            employee: 7,
            first: 32,
            hits: 0b1011_0100,
            end: 104,
        };
        // Hits at entries 34, 36, 37 and 39: indices 100, 101, 102 and 103.
        for pick in 100..104 {
            part.keep(block, pick);
        }
        let others: Vec<u32> = part.kept.iter().map(|p| p.other).collect();
        assert_eq!(others, [34, 36, 37, 39]);
        assert!(
            part.kept
                .iter()
                .all(|p| p.kind == PairKind::Customer && p.employee == 7)
        );
    }
}
