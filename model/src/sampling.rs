//! A fair, capped sample of contact pairs, taken while they are counted.
//!
//! The app draws a line per sampled pair. A frame can hold millions of pairs, so the
//! sampler keeps a uniform random sample of at most `cap` of them (reservoir sampling,
//! Li's "Algorithm L", which draws random numbers only for the few pairs it keeps).
//! Every pair is equally likely to be kept, so the share of customer lines on screen
//! follows the share of customer contacts.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::contacts::{PairKind, PairVisitor};

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

    #[test]
    fn a_zero_cap_keeps_nothing() {
        let mut s = LineSampler::new(0, 1);
        feed(&mut s, 100, 100);
        assert!(s.pairs().is_empty());
    }
}
