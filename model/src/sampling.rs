//! A fair, capped sample of contact pairs, taken while they are counted.
//!
//! The app draws a line per sampled pair. A frame can hold millions of pairs, so the
//! sampler keeps a uniform random sample of at most `cap` of them (reservoir sampling,
//! Li's "Algorithm L", which draws random numbers only for the few pairs it keeps).
//! Every pair is equally likely to be kept, so the share of customer lines on screen
//! follows the share of customer contacts.
//!
//! The app samples with [`crate::ContactGrid::count_sampled`] instead, which shows the
//! sampler no pair: each slab keeps each of its pairs independently with one
//! probability (a Bernoulli sample, drawn as geometric skips), set from the last frame's
//! total so that somewhat more than `cap` are kept, and the counting kernels pick those
//! out of the hits they count; then `cap` of them are chosen uniformly. A Bernoulli
//! sample is uniform given its size, and a uniform subset of it is a uniform subset of
//! all the pairs. If it kept too few, it is taken again with fresh draws. That is the
//! same fairness without showing millions of pairs to a reservoir.
//!
//! Shown pair by pair, counting runs in slabs on several threads, so the sampler splits
//! into one reservoir per slab. Joining them draws how many of the kept pairs come from each slab from the
//! multivariate hypergeometric law over the slabs' pair counts, then that many pairs
//! uniformly from each slab's reservoir: a uniform subset of a uniform sample is
//! uniform, so the joined sample is as fair as one reservoir over the whole stream.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::contacts::{Block, PairKind, PairVisitor, SplitVisitor};

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

/// Keeps a uniform sample of at most `cap` of the pairs it is shown.
#[derive(Clone, Debug)]
pub struct LineSampler {
    cap: usize,
    seen: u64,
    next: u64,
    w: f64,
    rng: ChaCha8Rng,
    pairs: Vec<SampledPair>,
    /// Slab samplers kept between frames, so splitting allocates nothing.
    spare: Vec<LineSampler>,
    /// How many pairs the last exact sample was drawn from, and among how many agents:
    /// sizes the next one's Bernoulli rate ([`LineSampler::expected_total`]).
    last_total: Option<(u64, u64)>,
    /// Each slab's share of the pairs in the last frame: sizes the slabs' reservoirs.
    shares: Vec<f64>,
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
            next: 0,
            w: 1.0,
            rng: ChaCha8Rng::seed_from_u64(seed),
            pairs: Vec::with_capacity(cap.min(1 << 20)),
            spare: Vec::new(),
            shares: Vec::new(),
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

    /// The pairs kept so far.
    pub fn pairs(&self) -> &[SampledPair] {
        &self.pairs
    }

    /// How many pairs it has been shown since the last reset.
    pub fn seen(&self) -> u64 {
        self.seen
    }

    /// How many pairs `agents` agents are expected to hold, going by the last exact
    /// sample (the same pairs per agent), if one was taken. The expectation follows a
    /// crowd that grows or is replaced by one of another size.
    pub(crate) fn expected_total(&self, agents: u64) -> Option<u64> {
        let (total, before) = self.last_total?;
        Some((total as f64 * agents as f64 / before.max(1) as f64) as u64)
    }

    /// Starts an exact sample taken while counting ([`crate::ContactGrid::count_sampled`])
    /// of about `total` pairs, in `slabs` parts. Each part keeps every pair of its slab
    /// independently with one probability, chosen so that somewhat more than `cap` of
    /// `total` pairs are kept. [`LineSampler::finish`] then keeps `cap` of them.
    pub(crate) fn bernoulli(&mut self, total: u64, slabs: usize) -> Vec<Bernoulli> {
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
    pub(crate) fn finish(&mut self, (total, agents): (u64, u64), parts: Vec<Bernoulli>) -> bool {
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

    /// The kept pairs, to renumber their agents ([`crate::ContactGrid::renumber`]).
    pub(crate) fn pairs_mut(&mut self) -> &mut [SampledPair] {
        &mut self.pairs
    }

    /// A uniform number in (0, 1], safe to take the logarithm of.
    fn open_unit(&mut self) -> f64 {
        1.0 - self.rng.random::<f64>()
    }

    /// Draws how many pairs to pass over before the next one is kept.
    fn schedule_next(&mut self) {
        let u = self.open_unit();
        self.w *= (u.ln() / self.cap as f64).exp();
        let u = self.open_unit();
        let skip = (u.ln() / (1.0 - self.w).ln()).floor();
        // A skip past u64 range means no more pairs will be kept this frame.
        self.next = if skip.is_finite() && skip < 1e18 {
            self.seen + skip as u64
        } else {
            u64::MAX
        };
    }
}

impl PairVisitor for LineSampler {
    #[inline]
    fn passes(&self) -> u64 {
        if self.pairs.len() < self.cap {
            0
        } else if self.cap == 0 {
            u64::MAX
        } else {
            self.next - self.seen
        }
    }

    #[inline]
    fn pass(&mut self, n: u64) {
        self.seen += n;
    }

    #[inline]
    fn visit(&mut self, kind: PairKind, employee: u32, other: u32) {
        let pair = SampledPair {
            kind,
            employee,
            other,
        };
        let i = self.seen;
        self.seen += 1;
        if self.pairs.len() < self.cap {
            self.pairs.push(pair);
            if self.pairs.len() == self.cap {
                self.w = 1.0;
                self.schedule_next();
            }
        } else if i == self.next && self.cap > 0 {
            let slot = self.rng.random_range(0..self.cap);
            self.pairs[slot] = pair;
            self.schedule_next();
        }
    }
}

/// How many more pairs than `cap` a Bernoulli sample keeps on average (plus four
/// standard deviations and eight), so that it nearly never keeps too few.
const BERNOULLI_MARGIN: f64 = 1.1;

/// One slab's part of an exact sample taken while counting
/// ([`LineSampler::bernoulli`]): each of the slab's pairs is kept with probability
/// `rate`, independently. The indices of the kept pairs are drawn as geometric skips,
/// so it takes one random number per kept pair.
#[derive(Clone, Debug)]
pub(crate) struct Bernoulli {
    rng: ChaCha8Rng,
    rate: f64,
    /// ln(1 − rate), for the skips.
    ln_miss: f64,
    /// The slab's index of the next pair to keep (`u64::MAX`: none).
    next: u64,
    /// The pairs kept, in the slab's counting order: by their agents' sorted places
    /// while the slab is counted, by index once it is done.
    pub(crate) kept: Vec<SampledPair>,
    /// Scratch for the picks in one group of cells, each with its block.
    pub(crate) picks: Vec<(u64, Block)>,
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
    pub(crate) fn next(&self) -> u64 {
        self.next
    }

    /// Moves past the pair to keep at [`Bernoulli::next`] to the one after it.
    pub(crate) fn advance(&mut self) {
        self.skip_from(self.next + 1);
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

/// How much larger than its expected share a slab's reservoir is made: the share a
/// slab must give is hypergeometric, a few tens of pairs around its mean; this margin
/// is many times that.
const SHARE_MARGIN: f64 = 1.5;
/// Pairs every slab's reservoir holds on top of its share.
const SHARE_EXTRA: usize = 64;

impl SplitVisitor for LineSampler {
    /// Each part keeps a uniform sample of its slab. A part only needs as many pairs as
    /// the join may ask of it, about `cap` times its slab's share of the pairs; last
    /// frame's shares size the reservoirs (with a wide margin), which keeps each part's
    /// sample small and its skips long, so the grid rarely has to look at single pairs.
    fn split(&mut self, parts: usize) -> Vec<Self> {
        let mut out: Vec<Self> = self.spare.drain(..).collect();
        out.truncate(parts);
        while out.len() < parts {
            out.push(LineSampler::new(self.cap, 0));
        }
        let known = self.shares.len() == parts;
        for (t, part) in out.iter_mut().enumerate() {
            let cap = if known {
                ((self.cap as f64 * self.shares[t] * SHARE_MARGIN).ceil() as usize + SHARE_EXTRA)
                    .min(self.cap)
            } else {
                self.cap
            };
            part.rng = ChaCha8Rng::seed_from_u64(self.rng.random());
            part.w = 1.0;
            part.next = 0;
            part.reset(cap);
        }
        out
    }

    fn join(&mut self, mut parts: Vec<Self>) {
        let total: u64 = parts.iter().map(|p| p.seen).sum();
        self.seen += total;
        self.shares = parts
            .iter()
            .map(|p| p.seen as f64 / total.max(1) as f64)
            .collect();
        if total <= self.cap as u64 {
            for part in &parts {
                self.pairs.extend_from_slice(&part.pairs);
            }
        } else {
            // How many of the `cap` kept pairs come from each slab: `cap` draws without
            // replacement from the union of the slabs' streams.
            let mut left: Vec<u64> = parts.iter().map(|p| p.seen).collect();
            let mut take = vec![0usize; parts.len()];
            let mut remaining = total;
            for _ in 0..self.cap {
                let mut r = self.rng.random_range(0..remaining);
                let t = left
                    .iter()
                    .position(|&l| {
                        let here = r < l;
                        r = r.saturating_sub(l);
                        here
                    })
                    .expect("the draw falls in some slab");
                left[t] -= 1;
                take[t] += 1;
                remaining -= 1;
            }
            // A part asked for more than its reservoir kept (so rare with the margin
            // that it is not expected to happen): it gives all it has, and the others
            // make up the difference.
            let mut short: usize = 0;
            for (k, part) in take.iter_mut().zip(&parts) {
                if *k > part.pairs.len() {
                    short += *k - part.pairs.len();
                    *k = part.pairs.len();
                }
            }
            for (k, part) in take.iter_mut().zip(&parts) {
                let spare = part.pairs.len() - *k;
                let extra = spare.min(short);
                *k += extra;
                short -= extra;
            }
            // Then that many uniformly from each slab's reservoir (a partial shuffle).
            for (part, &k) in parts.iter_mut().zip(&take) {
                let m = part.pairs.len();
                for i in 0..k {
                    let j = self.rng.random_range(i..m);
                    part.pairs.swap(i, j);
                }
                self.pairs.extend_from_slice(&part.pairs[..k]);
            }
        }
        self.spare = parts;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(sampler: &mut LineSampler, internal: u32, customer: u32) {
        // Customer pairs all come last: the worst case for a sampler that favours early pairs.
        for i in 0..internal {
            sampler.visit(PairKind::Internal, i, i + 1);
        }
        for i in 0..customer {
            sampler.visit(PairKind::Customer, i, i);
        }
    }

    #[test]
    fn keeps_everything_below_the_cap() {
        let mut s = LineSampler::new(100, 1);
        feed(&mut s, 30, 20);
        assert_eq!(s.pairs().len(), 50);
        assert_eq!(s.seen(), 50);
    }

    #[test]
    fn never_exceeds_the_cap_and_keeps_the_mix() {
        for (seed, internal, customer, cap) in [
            (1, 1_000_000, 100_000, 20_000),
            (2, 200_000, 50_000, 5_000),
            (3, 50_000, 50_000, 1_000),
        ] {
            let mut s = LineSampler::new(cap, seed);
            feed(&mut s, internal, customer);
            assert_eq!(s.pairs().len(), cap);
            let warm = s
                .pairs()
                .iter()
                .filter(|p| p.kind == PairKind::Customer)
                .count();
            let got = warm as f64 / cap as f64;
            let want = f64::from(customer) / f64::from(internal + customer);
            assert!((got - want).abs() < 0.03, "cap {cap}: {got} vs {want}");
        }
    }

    #[test]
    fn every_position_in_the_stream_is_equally_likely() {
        // Over many frames, pairs early and late in the stream are kept equally often.
        let mut s = LineSampler::new(50, 7);
        let (mut early, mut late) = (0u32, 0u32);
        for _ in 0..400 {
            s.reset(50);
            for i in 0..10_000u32 {
                s.visit(PairKind::Internal, i, i);
            }
            early += s.pairs().iter().filter(|p| p.employee < 5_000).count() as u32;
            late += s.pairs().iter().filter(|p| p.employee >= 5_000).count() as u32;
        }
        let share = f64::from(early) / f64::from(early + late);
        assert!((share - 0.5).abs() < 0.02, "{share}");
    }

    /// Feeds a stream the way the grid does: in bulk where the sampler passes, one by one
    /// where it looks.
    fn feed_in_bulk(sampler: &mut LineSampler, kind: PairKind, from: u32, n: u32) {
        let mut i = 0;
        while i < n {
            let skip = sampler.passes().min(u64::from(n - i)) as u32;
            if skip > 0 {
                sampler.pass(u64::from(skip));
                i += skip;
            } else {
                sampler.visit(kind, from + i, from + i);
                i += 1;
            }
        }
    }

    #[test]
    fn split_samplers_joined_keep_every_pair_equally_likely() {
        // Four slabs of very different sizes; pairs in the small slabs must be kept as
        // often as pairs in the large ones, and the customer share must survive.
        let sizes = [1_000u32, 30_000, 4_000, 65_000];
        let mut s = LineSampler::new(2_000, 9);
        let (mut kept_per_slab, mut warm) = ([0u64; 4], 0u64);
        let frames = 200;
        for _ in 0..frames {
            s.reset(2_000);
            let mut parts = s.split(sizes.len());
            let mut from = 0;
            for (part, &n) in parts.iter_mut().zip(&sizes) {
                // A tenth of each slab's pairs are customer pairs, the rest internal.
                feed_in_bulk(part, PairKind::Customer, from, n / 10);
                feed_in_bulk(part, PairKind::Internal, from + n / 10, n - n / 10);
                from += n;
            }
            s.join(parts);
            assert_eq!(s.pairs().len(), 2_000);
            assert_eq!(s.seen(), u64::from(sizes.iter().sum::<u32>()));
            let mut starts = vec![0u32];
            starts.extend(sizes.iter().scan(0, |a, &n| {
                *a += n;
                Some(*a)
            }));
            for p in s.pairs() {
                let slab = starts.iter().rposition(|&st| st <= p.employee).unwrap();
                kept_per_slab[slab] += 1;
                warm += u64::from(p.kind == PairKind::Customer);
            }
        }
        let total: u32 = sizes.iter().sum();
        for (slab, &n) in sizes.iter().enumerate() {
            let want = f64::from(n) / f64::from(total);
            let got = kept_per_slab[slab] as f64 / (2_000.0 * frames as f64);
            // The smallest slab keeps about 4 000 pairs over all frames: ±1.6% noise.
            assert!(
                (got / want - 1.0).abs() < 0.06,
                "slab {slab}: {got:.4} vs {want:.4}"
            );
        }
        let share = warm as f64 / (2_000.0 * frames as f64);
        assert!((share - 0.1).abs() < 0.01, "{share}");
    }

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

    #[test]
    fn a_zero_cap_keeps_nothing() {
        let mut s = LineSampler::new(0, 1);
        feed(&mut s, 100, 100);
        assert!(s.pairs().is_empty());
    }
}
