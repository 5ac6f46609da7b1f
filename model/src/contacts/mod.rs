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
//!   customers nearby skips the lookups everywhere else.
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
//! order (`ContactGrid::renumber`, as [`crate::Population`] does) need no hint: they
//! are scattered in input order, and every pass reads and writes nearly in order.
//!
//! The result equals [`brute_force`] exactly: both decide a contact with the same
//! [`in_contact`] test on the same `f32` positions, and the cell width leaves room for
//! every rounding in the index arithmetic.
//!
//! One job per file, each using only the ones listed before it:
//!
//! - `counts`: what a count is ([`PairKind`], [`ContactCounts`]), the contact test and
//!   the brute force;
//! - `parallel`: how work is split over rayon's pool;
//! - `kernels`: the pair kernels and the CPU check, and every `unsafe` of the crate;
//! - `binning`: how positions map to cells;
//! - `sort`: the counting sort into cells;
//! - `nearby`: the bitmap of cells with customers near;
//! - `runs`: the runs of entries a group of cells is paired with;
//! - [`sampling`]: the sample of pairs for drawing lines ([`LineSampler`]);
//! - `picks`: finding the sampled pairs among the hits while counting;
//! - `pairing`: pairing one slab;
//! - this file: [`ContactGrid`], which runs them.

mod binning;
mod counts;
mod kernels;
mod nearby;
mod pairing;
mod parallel;
mod picks;
mod runs;
pub mod sampling;
mod sort;

use glam::Vec3;
use rayon::prelude::*;

use binning::{Binning, bounds, union};
use kernels::{KernelChoice, as_atomic};
use nearby::Nearby;
use pairing::{Pairing, Slab, pair_cells};
use sampling::Bernoulli;
use sort::{SortWith, Sorted};

pub use counts::{ContactCounts, PairKind, brute_force, in_contact};
pub(crate) use parallel::PARALLEL_CHUNK;
pub use parallel::PARALLEL_MIN_AGENTS;
pub use sampling::{LineSampler, SampledPair};

/// How many times [`ContactGrid::count_sampled`] may take its sample before it gives
/// up: each try after the first falls short at most about once in 30 000, so reaching
/// this is a bug, not bad luck.
const MAX_SAMPLE_TRIES: usize = 16;

/// The slabs one count is cut into. Fixed, so that the sample taken while counting
/// does not depend on the number of cores; several per core, so that they balance.
const SLABS: usize = 16;

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
        let Some(d2) = self.prepare(employees, customers, d) else {
            return self.empty(employees.len());
        };
        let counts = self.count_slabs(d2, None);
        self.finish(counts, employees.len())
    }

    /// Counts as [`ContactGrid::count`] does, and keeps in `sampler` a uniform sample of
    /// at most its cap of the counted pairs: every subset of that size is equally
    /// likely, as when every pair is shown to a reservoir, at a fraction of the cost.
    ///
    /// Each slab keeps each of its pairs with one probability, set from the sampler's
    /// last total (per agent) so that somewhat more than the cap are kept
    /// ([`LineSampler`]). The count notes where each run of a group's pairs
    /// ends and checks the group's end against the next pick; the run that holds one is
    /// counted again while it is in the caches, and the pair taken from the hits of its
    /// block. (A plain count runs the same loops, and never finds a pick.) Then the cap
    /// of the kept pairs are chosen uniformly. If too few were kept (the pairs per agent
    /// have fallen a lot since the last frame), the sample is thrown away and taken
    /// again, with fresh draws, at the rate for this frame's total. The sampler's first
    /// frame, with no total to go by, counts once without sampling first.
    ///
    /// The slabs are the same on any number of threads, so the sample depends on the
    /// sampler's seed and the agents alone.
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
                let counts = self.count_slabs(d2, None);
                counts.internal + counts.customer
            }
        };
        // Each try draws afresh, so the one that keeps enough is a Bernoulli sample like
        // any other: uniform given its size. A try at the rate for this frame's own total
        // expects over four standard deviations more pairs than it needs, so it falls
        // short at most about once in 30 000.
        for _ in 0..MAX_SAMPLE_TRIES {
            let mut samples = sampler.bernoulli(total, slabs);
            let counts = self.count_slabs(d2, Some(&mut samples));
            total = counts.internal + counts.customer;
            if sampler.finish((total, agents), samples) {
                return self.finish(counts, employees.len());
            }
        }
        unreachable!("{MAX_SAMPLE_TRIES} samples in a row kept too few pairs");
    }

    /// Pairs every slab's cells, on all cores for large crowds, and takes each slab's
    /// part of `samples` if given.
    fn count_slabs(&mut self, d2: f32, samples: Option<&mut [Bernoulli]>) -> ContactCounts {
        let bounds = self.slab_bounds();
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
            kernel: KernelChoice::detect(),
        };
        let pair = |slab| pair_cells(grid, slab);
        let sum = |mut a: ContactCounts, b: ContactCounts| {
            a.add(&b);
            a
        };
        let agents = self.employees.id.len() + self.customers.id.len();
        if agents < PARALLEL_MIN_AGENTS {
            slabs
                .into_iter()
                .map(pair)
                .fold(ContactCounts::default(), sum)
        } else {
            slabs
                .into_par_iter()
                .map(pair)
                .reduce(ContactCounts::default, sum)
        }
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
        let with = SortWith {
            parallel: n >= PARALLEL_MIN_AGENTS,
            in_order: self.in_order,
            kernel: KernelChoice::detect(),
        };
        // Last frame's grid, if it was laid out for this `d`; else one around the agents.
        let mut bins = self.bins;
        if bins.d != d {
            let e = bounds(employees, with.parallel);
            let c = bounds(customers, with.parallel);
            let (lo, hi) = union(e, c);
            bins = Binning::lay_out(lo, hi, n, d);
        }
        // Bin with it, and bin again with a grid laid out anew if the box around the
        // agents shows that it no longer suits them.
        for again in [false, true] {
            let e = self.employees.bin(employees, &bins, with);
            let c = self.customers.bin(customers, &bins, with);
            let (lo, hi) = union(e, c);
            let fresh = Binning::lay_out(lo, hi, n, d);
            if again || bins.suits(&fresh, lo, hi) {
                break;
            }
            bins = fresh;
        }
        self.bins = bins;
        self.employees.sort(employees, &self.bins, with);
        self.customers.sort(customers, &self.bins, with);
        self.near.mark(&self.customers.cell, self.bins.dims);
        self.front_sorted.clear();
        self.front_sorted.resize(ne, false);
        Some(d * d)
    }

    /// The counts of a frame with nothing to pair.
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
            let front = as_atomic(&mut self.front);
            ids.par_chunks(PARALLEL_CHUNK)
                .zip(sorted.par_chunks(PARALLEL_CHUNK))
                .for_each(|(ids, flags)| {
                    for (&id, &flag) in ids.iter().zip(flags) {
                        front[id as usize].store(flag, std::sync::atomic::Ordering::Relaxed);
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

    /// Puts `flags` (by index, one per employee of the last count) in place of the
    /// front-office flags the last count found: a contact rule's own
    /// ([`crate::rules`]). They move with the agents when renumbered, as the grid's do.
    pub(crate) fn set_front_office(&mut self, flags: &[bool]) {
        debug_assert_eq!(
            flags.len(),
            self.front.len(),
            "one flag per employee counted"
        );
        if flags.len() != self.front.len() {
            return;
        }
        self.front.copy_from_slice(flags);
        if self.front_sorted.len() == flags.len() {
            for (flag, &id) in self.front_sorted.iter_mut().zip(&self.employees.id) {
                *flag = flags[id as usize];
            }
        }
    }

    /// The grid's cell counts along x, y and z in the last count.
    pub fn dims(&self) -> [usize; 3] {
        self.bins.dims
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use glam::DVec3;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    /// `n` agents uniform in a cube of half-width `half` around the origin.
    fn crowd(rng: &mut ChaCha8Rng, n: usize, half: f32) -> Vec<Vec3> {
        (0..n)
            .map(|_| {
                let mut c = || rng.random_range(-half..half);
                Vec3::new(c(), c(), c())
            })
            .collect()
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
