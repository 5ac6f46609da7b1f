//! The CPU kernels, and every `unsafe` of the crate.
//!
//! A pair kernel tests one employee against a block of entries without a branch: the
//! portable one in plain Rust that the compiler vectorises (8 lanes), and, where the CPU
//! has them, AVX2 (8 lanes) and AVX-512 (16 lanes) intrinsics. The loop over the blocks
//! of a list of runs ([`Kernel::cross`]) is written once; a kernel says only how it loads
//! a block and how it tests a point against it, in [`in_contact`]'s arithmetic, term for
//! term, so that every kernel finds exactly the brute force's pairs.
//!
//! A kernel is a zero-sized token. [`Avx2`] and [`Avx512`] have a private field, so the
//! only way to get one is [`Avx2::detect`] or [`Avx512::detect`], which check the CPU:
//! holding a token proves that the CPU has the features, and that proof is what every
//! `unsafe` block that runs AVX code reasons from. [`KernelChoice::detect`] picks the
//! best, and [`KernelChoice::run`] runs a [`Job`] compiled for that kernel's features, so
//! that the loops around the kernel are compiled for them too.
//!
//! Besides the kernels, three small primitives need `unsafe`: a float-to-cell truncation
//! that stays vector code ([`cell_along`]), a prefetch ([`prefetch_ahead`]), and a view
//! of flags as atomics ([`as_atomic`]). Each is a safe function, sound for any input.
//!
//! [`in_contact`]: super::in_contact

// The crate denies `unsafe_code` (workspace lints); this file is the one place that
// allows it. Intrinsics, `#[target_feature]` calls, an unchecked float conversion and a
// pointer cast need it, and each block says why it is sound. Keeping them all here keeps
// the reasoning in one place: nothing outside this file can reach an AVX path without
// the token that proves the CPU check.
#![allow(unsafe_code)]

use std::ops::Range;
use std::sync::atomic::AtomicBool;

#[cfg(target_arch = "x86_64")]
use std::arch::x86_64::*;

/// Padding entries after the sorted arrays' last entry, so that a run can always be
/// read in whole blocks of any kernel's width; lanes past the run are masked off.
pub(super) const PAD: usize = 16;

/// The portable kernel: plain Rust that the compiler vectorises for whatever the build
/// targets. Every CPU runs it.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Portable;

/// The AVX2 kernel, 8 lanes: one compare per employee and block. A value of this type
/// proves that the CPU has AVX2 and POPCNT: only [`Avx2::detect`] (and [`Avx512::avx2`],
/// after the same check) makes one.
#[cfg(target_arch = "x86_64")]
#[derive(Clone, Copy, Debug)]
pub(super) struct Avx2(());

/// The AVX-512 kernel, 16 lanes, so that most runs (about nine agents) take one block,
/// and the compare writes its mask directly. A value of this type proves that the CPU
/// has AVX-512F, AVX2 and POPCNT: only [`Avx512::detect`] makes one.
#[cfg(target_arch = "x86_64")]
#[derive(Clone, Copy, Debug)]
pub(super) struct Avx512(());

#[cfg(target_arch = "x86_64")]
impl Avx2 {
    /// The token, if the CPU has AVX2 and POPCNT.
    pub(super) fn detect() -> Option<Self> {
        use std::arch::is_x86_feature_detected as has;
        (has!("avx2") && has!("popcnt")).then_some(Self(()))
    }
}

#[cfg(target_arch = "x86_64")]
impl Avx512 {
    /// The token, if the CPU has AVX-512F, AVX2 and POPCNT.
    pub(super) fn detect() -> Option<Self> {
        use std::arch::is_x86_feature_detected as has;
        (has!("avx512f") && has!("avx2") && has!("popcnt")).then_some(Self(()))
    }

    /// The AVX2 token: [`Avx512::detect`] checked AVX2 and POPCNT too.
    pub(super) fn avx2(self) -> Avx2 {
        Avx2(())
    }
}

/// The kernel a count runs, with the token that allows it.
#[derive(Clone, Copy, Debug)]
pub(super) enum KernelChoice {
    /// No AVX2: the portable kernel.
    Portable(Portable),
    /// AVX2 and POPCNT, no AVX-512.
    #[cfg(target_arch = "x86_64")]
    Avx2(Avx2),
    /// AVX-512F, AVX2 and POPCNT.
    #[cfg(target_arch = "x86_64")]
    Avx512(Avx512),
}

impl KernelChoice {
    /// The best kernel this CPU runs: AVX-512, else AVX2, else the portable one. (The
    /// checks are cached by the standard library: a few loads.)
    pub(super) fn detect() -> Self {
        #[cfg(target_arch = "x86_64")]
        {
            if let Some(k) = Avx512::detect() {
                return Self::Avx512(k);
            }
            if let Some(k) = Avx2::detect() {
                return Self::Avx2(k);
            }
        }
        Self::Portable(Portable)
    }

    /// This choice with AVX-512 taken down to AVX2: the binning is compiled for AVX2 at
    /// most, which does all it needs.
    pub(super) fn at_most_avx2(self) -> Self {
        match self {
            #[cfg(target_arch = "x86_64")]
            Self::Avx512(k) => Self::Avx2(k.avx2()),
            other => other,
        }
    }

    /// Runs `job` with this kernel, compiled for the kernel's CPU features.
    pub(super) fn run<J: Job>(self, job: J) -> J::Output {
        match self {
            Self::Portable(k) => job.run(k),
            #[cfg(target_arch = "x86_64")]
            // SAFETY: `run_avx2` needs AVX2 and POPCNT, which the token proves the CPU has.
            Self::Avx2(k) => unsafe { run_avx2(k, job) },
            #[cfg(target_arch = "x86_64")]
            // SAFETY: `run_avx512` needs AVX-512F, AVX2 and POPCNT, which the token proves
            // the CPU has.
            Self::Avx512(k) => unsafe { run_avx512(k, job) },
        }
    }
}

/// Work that runs with a kernel ([`KernelChoice::run`]). Implementations mark `run`
/// `#[inline(always)]`, so that it is compiled into the `#[target_feature]` function
/// that calls it, for that kernel's features.
pub(super) trait Job {
    /// What the work gives.
    type Output;
    /// Does the work with `kernel`.
    fn run<K: Kernel>(self, kernel: K) -> Self::Output;
}

/// `job`, compiled for AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,popcnt")]
fn run_avx2<J: Job>(kernel: Avx2, job: J) -> J::Output {
    job.run(kernel)
}

/// `job`, compiled for AVX-512.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx2,popcnt")]
fn run_avx512<J: Job>(kernel: Avx512, job: J) -> J::Output {
    job.run(kernel)
}

/// One kind's sorted coordinates, for the kernels: `entries` entries, and at least
/// [`PAD`] entries of padding after them in each array, checked once when made.
#[derive(Clone, Copy)]
pub(super) struct Arrays<'a> {
    x: &'a [f32],
    y: &'a [f32],
    z: &'a [f32],
    entries: usize,
}

impl<'a> Arrays<'a> {
    /// The arrays of `entries` entries; panics unless each holds [`PAD`] more.
    pub(super) fn new(x: &'a [f32], y: &'a [f32], z: &'a [f32], entries: usize) -> Self {
        let padded = entries + PAD;
        assert!(
            x.len() >= padded && y.len() >= padded && z.len() >= padded,
            "the sorted arrays lack their padding"
        );
        Self { x, y, z, entries }
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

/// A pair kernel: how it loads a block of entries and tests a point against it. The loop
/// around ([`Kernel::cross`]) is the same for every kernel.
pub(super) trait Kernel: Copy {
    /// The entries a block holds (at most [`PAD`]).
    const LANES: usize;
    /// `d²`, as the kernel compares with it.
    type Reach: Copy;
    /// A block's coordinates, loaded once for all of a cell's employees.
    type Block;

    /// `d2` for [`Kernel::hits`].
    fn reach(self, d2: f32) -> Self::Reach;

    /// The block of [`Kernel::LANES`] entries from `j`.
    ///
    /// # Safety
    ///
    /// `j + LANES` must be within each of `of`'s arrays.
    unsafe fn load(self, of: Arrays<'_>, j: usize) -> Self::Block;

    /// Which of the block's entries are in contact with `p`, among the `lanes` asked
    /// for: bit `l` for entry `l`, as [`in_contact`](super::in_contact) decides.
    fn hits(self, block: &Self::Block, p: [f32; 3], reach: Self::Reach, lanes: u32) -> u32;

    /// For every employee `i` in `cell` and every block of the runs of `of`, calls
    /// `add(i, j, hits)` with the block's first entry `j` and which of its entries are in
    /// contact with `i`: bit `l` of `hits` stands for entry `j + l`, and only entries of
    /// the run are set (with `AFTER`, of those only the entries after `i`, the runs being
    /// of the employees' own arrays). Each block is loaded once for all the cell's
    /// employees, whose coordinates are cut once, so that the loop checks no bounds.
    /// A run that ends past `of`'s last entry is cut there (and panics in a debug build).
    #[inline(always)]
    fn cross<const AFTER: bool>(
        self,
        e: Arrays<'_>,
        cell: Range<usize>,
        of: Arrays<'_>,
        runs: &[(usize, usize)],
        d2: f32,
        mut add: impl FnMut(usize, usize, u32),
    ) {
        let reach = self.reach(d2);
        let (ex, ey, ez) = (&e.x[cell.clone()], &e.y[cell.clone()], &e.z[cell.clone()]);
        for &(j0, j1) in runs {
            // Runs end at the last entry at most. A run past it (a bug) is cut there,
            // so that no block is read past the padding: a `min` costs nothing
            // measurable, where an `assert!` here cost about 2% of the pairing's cycles
            // (BENCHMARKS.md, "Figures moved from code comments (issue 17)").
            debug_assert!(j1 <= of.entries, "a run ends past the last entry");
            let j1 = j1.min(of.entries);
            let mut j = j0;
            while j < j1 {
                // SAFETY: `j < j1 ≤ of.entries` (cut just above), and `Arrays::new`
                // checked that PAD ≥ LANES entries follow the last one in each array.
                let block = unsafe { self.load(of, j) };
                let mask = lane_mask(j, j1);
                for (i, ((&px, &py), &pz)) in cell.clone().zip(ex.iter().zip(ey).zip(ez)) {
                    let lanes = mask & after_mask::<AFTER>(i, j);
                    add(i, j, self.hits(&block, [px, py, pz], reach, lanes));
                }
                j += Self::LANES;
            }
        }
    }
}

impl Kernel for Portable {
    const LANES: usize = 8;
    type Reach = f32;
    type Block = [[f32; 8]; 3];

    #[inline(always)]
    fn reach(self, d2: f32) -> f32 {
        d2
    }

    #[inline(always)]
    unsafe fn load(self, of: Arrays<'_>, j: usize) -> Self::Block {
        let block = |v: &[f32]| <[f32; 8]>::try_from(&v[j..j + 8]).expect("eight entries");
        [block(of.x), block(of.y), block(of.z)]
    }

    #[inline(always)]
    fn hits(self, [x, y, z]: &Self::Block, [px, py, pz]: [f32; 3], d2: f32, lanes: u32) -> u32 {
        let mut hits = 0;
        for l in 0..8 {
            let (dx, dy, dz) = (px - x[l], py - y[l], pz - z[l]);
            hits |= u32::from(dx * dx + dy * dy + dz * dz <= d2) << l;
        }
        hits & lanes
    }
}

#[cfg(target_arch = "x86_64")]
impl Kernel for Avx2 {
    const LANES: usize = 8;
    type Reach = __m256;
    type Block = [__m256; 3];

    #[inline(always)]
    fn reach(self, d2: f32) -> __m256 {
        // SAFETY: the token proves that the CPU has AVX2.
        unsafe { _mm256_set1_ps(d2) }
    }

    #[inline(always)]
    unsafe fn load(self, of: Arrays<'_>, j: usize) -> Self::Block {
        // SAFETY: the token proves that the CPU has AVX2, and the caller that the eight
        // floats at `j` are inside each array.
        unsafe {
            [
                _mm256_loadu_ps(of.x.as_ptr().add(j)),
                _mm256_loadu_ps(of.y.as_ptr().add(j)),
                _mm256_loadu_ps(of.z.as_ptr().add(j)),
            ]
        }
    }

    #[inline(always)]
    fn hits(self, &[x, y, z]: &Self::Block, [px, py, pz]: [f32; 3], r2: __m256, lanes: u32) -> u32 {
        // SAFETY: the token proves that the CPU has AVX2.
        let within = unsafe {
            let (dx, dy, dz) = (
                _mm256_sub_ps(_mm256_set1_ps(px), x),
                _mm256_sub_ps(_mm256_set1_ps(py), y),
                _mm256_sub_ps(_mm256_set1_ps(pz), z),
            );
            let r = _mm256_add_ps(
                _mm256_add_ps(_mm256_mul_ps(dx, dx), _mm256_mul_ps(dy, dy)),
                _mm256_mul_ps(dz, dz),
            );
            _mm256_movemask_ps(_mm256_cmp_ps::<_CMP_LE_OQ>(r, r2)) as u32
        };
        within & lanes
    }
}

#[cfg(target_arch = "x86_64")]
impl Kernel for Avx512 {
    const LANES: usize = 16;
    type Reach = __m512;
    type Block = [__m512; 3];

    #[inline(always)]
    fn reach(self, d2: f32) -> __m512 {
        // SAFETY: the token proves that the CPU has AVX-512F.
        unsafe { _mm512_set1_ps(d2) }
    }

    #[inline(always)]
    unsafe fn load(self, of: Arrays<'_>, j: usize) -> Self::Block {
        // SAFETY: the token proves that the CPU has AVX-512F, and the caller that the
        // sixteen floats at `j` are inside each array.
        unsafe {
            [
                _mm512_loadu_ps(of.x.as_ptr().add(j)),
                _mm512_loadu_ps(of.y.as_ptr().add(j)),
                _mm512_loadu_ps(of.z.as_ptr().add(j)),
            ]
        }
    }

    #[inline(always)]
    fn hits(self, &[x, y, z]: &Self::Block, [px, py, pz]: [f32; 3], r2: __m512, lanes: u32) -> u32 {
        // SAFETY: the token proves that the CPU has AVX-512F.
        let within = unsafe {
            let (dx, dy, dz) = (
                _mm512_sub_ps(_mm512_set1_ps(px), x),
                _mm512_sub_ps(_mm512_set1_ps(py), y),
                _mm512_sub_ps(_mm512_set1_ps(pz), z),
            );
            let r = _mm512_add_ps(
                _mm512_add_ps(_mm512_mul_ps(dx, dx), _mm512_mul_ps(dy, dy)),
                _mm512_mul_ps(dz, dz),
            );
            _mm512_mask_cmp_ps_mask::<_CMP_LE_OQ>(lanes as __mmask16, r, r2)
        };
        u32::from(within)
    }
}

// Every kernel's block fits the padding.
#[cfg(target_arch = "x86_64")]
const _: () = assert!(Portable::LANES <= PAD && Avx2::LANES <= PAD && Avx512::LANES <= PAD);
#[cfg(not(target_arch = "x86_64"))]
const _: () = assert!(Portable::LANES <= PAD);

/// The cell along one axis of `n` cells that coordinate `v` falls in, with the grid's
/// corner at `lo` and cells `1 / inv` wide: `(v - lo) * inv` clamped into the grid as a
/// float, NaN to 0 (the first comparison fails), then truncated. That is what `as i32`
/// with a clamp after it gives, but it stays vector code, where a saturating `as` is
/// done lane by lane.
#[inline(always)]
pub(super) fn cell_along(v: f32, lo: f32, inv: f32, n: i32) -> i32 {
    let t = (v - lo) * inv;
    let t = if t >= 0.0 { t } else { 0.0 };
    // Within 2²⁴ the top cell's index is exact as a float (a grid has at most
    // MAX_CELL_SPAN = 2¹⁴ cells along an axis, so the clamp changes nothing).
    let top = (n.clamp(1, 1 << 24) - 1) as f32;
    let t = if t < top { t } else { top };
    // SAFETY: `t` is finite and within 0 ..= top ≤ 2²⁴, which i32 holds.
    unsafe { t.to_int_unchecked::<i32>() }
}

/// How far ahead a gather prefetches the scattered position it will read.
const PREFETCH_AHEAD: usize = 24;

/// Hints that `points[ids[k + PREFETCH_AHEAD]]` will be read soon.
#[inline(always)]
pub(super) fn prefetch_ahead<T>(points: &[T], ids: &[u32], k: usize) {
    #[cfg(target_arch = "x86_64")]
    if let Some(&ahead) = ids.get(k + PREFETCH_AHEAD) {
        let at = points[ahead as usize..].as_ptr();
        // SAFETY: a prefetch only hints the cache and never faults; SSE is part of x86-64.
        unsafe { _mm_prefetch::<_MM_HINT_T0>(at.cast()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (points, ids, k);
}

/// `flags` as atomics, so that several threads can write scattered flags into them
/// without a race, for as long as the exclusive borrow lasts.
pub(super) fn as_atomic(flags: &mut [bool]) -> &[AtomicBool] {
    // SAFETY: `AtomicBool` has the size, alignment and bit validity of `bool`, and
    // `flags` is borrowed exclusively for the lifetime of the result, so nothing else
    // reads or writes it meanwhile.
    unsafe { &*(flags as *mut [bool] as *const [AtomicBool]) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contacts::counts::in_contact;
    use glam::Vec3;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    /// Entry `i`'s position.
    fn at(a: &Arrays<'_>, i: usize) -> Vec3 {
        Vec3::new(a.x[i], a.y[i], a.z[i])
    }

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
        let of = Arrays::new(&x, &y, &z, n);
        let e = Arrays::new(&x0, &y0, &z0, n);
        let runs = [(0, 1), (2, 19), (23, 40), (40, 41), (57, 200)];
        // Each employee's contacts, by entry, in run order.
        let want: Vec<Vec<usize>> = (0..n)
            .map(|i| {
                let met = |&(j0, j1): &(usize, usize)| {
                    (j0..j1).filter(move |&j| in_contact(at(&e, i), at(&of, j), d2))
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
        let got = |kernel: &dyn Fn(&mut dyn FnMut(usize, usize, u32))| {
            let mut met = vec![Vec::new(); want.len()];
            kernel(&mut |i, j, hits| {
                met[i].extend((0..32).filter(|l| hits >> l & 1 == 1).map(|l| j + l));
            });
            met
        };
        let n = want.len();
        let portable = got(&|add| Portable.cross::<AFTER>(e, 0..n, of, runs, d2, add));
        assert_eq!(portable, want, "portable, after: {AFTER}");
        #[cfg(target_arch = "x86_64")]
        {
            if let Some(k) = Avx2::detect() {
                let avx2 = got(&|add| k.cross::<AFTER>(e, 0..n, of, runs, d2, add));
                assert_eq!(avx2, want, "AVX2, after: {AFTER}");
            }
            if let Some(k) = Avx512::detect() {
                let avx512 = got(&|add| k.cross::<AFTER>(e, 0..n, of, runs, d2, add));
                assert_eq!(avx512, want, "AVX-512, after: {AFTER}");
            }
        }
    }

    /// A run that ends past the last entry is never read past it: a debug build panics,
    /// a release build cuts the run at the last entry.
    #[test]
    #[cfg_attr(debug_assertions, should_panic(expected = "past the last entry"))]
    fn a_run_past_the_last_entry_is_cut_there() {
        // Everyone at the origin, padding too: every entry read is a hit.
        let v = vec![0.0f32; 4 + PAD];
        let a = Arrays::new(&v, &v, &v, 4);
        let hits = KernelChoice::detect().run(CrossPastTheEnd(a));
        assert_eq!(hits, 4 * 4, "four employees, each with the four entries");
    }

    /// [`a_run_past_the_last_entry_is_cut_there`]'s work, run with the best kernel: the
    /// hits of four employees with a run past the last entry.
    struct CrossPastTheEnd<'a>(Arrays<'a>);

    impl Job for CrossPastTheEnd<'_> {
        type Output = u32;
        fn run<K: Kernel>(self, kernel: K) -> u32 {
            let mut hits = 0;
            let run = [(0, 4 + PAD)];
            kernel.cross::<false>(self.0, 0..4, self.0, &run, 1.0, |_, _, h| {
                hits += h.count_ones();
            });
            hits
        }
    }
}
