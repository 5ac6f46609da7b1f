//! How positions map to cells: the grid's layout, when a layout still suits the agents,
//! and the vectorised pass that bins them and finds the box around them.

use glam::{DVec3, Vec3};
use rayon::prelude::*;

use super::kernels::{Job, Kernel, KernelChoice, cell_along};
use super::parallel::PARALLEL_CHUNK;

/// The most cells the grid allocates per agent before it widens its cells.
const CELLS_PER_AGENT: usize = 8;

/// How much wider than `d` a cell is. Positions are binned in `f32`, with three roundings
/// of relative size 2⁻²⁴ each, and the contact test rounds too. While coordinates and
/// the extent stay within [`MAX_CELL_SPAN`] cells, a position lands at most about
/// 3 × 10⁻³ of a cell from where exact arithmetic would put it, and a pair that passes
/// the test is at most that much further apart than `d`. With cells 1% wider than `d`,
/// any two agents that pass the test land in the same or in adjacent cells.
const CELL_MARGIN: f32 = 1.0 + 1e-2;

/// The most cells that coordinates may span, measured from the origin, for
/// [`CELL_MARGIN`]'s bound to hold; the grid widens its cells to stay within it.
const MAX_CELL_SPAN: f64 = 16_384.0;

/// Empty cells a grid keeps on each side of the agents when it is laid out, so that the
/// same grid still fits them in the next frames: agents move little between frames.
const GRID_SLACK: f64 = 2.0;

/// How positions map to cells.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Binning {
    /// The grid's corner.
    pub(super) lo: Vec3,
    /// One over the cell width.
    pub(super) inv: f32,
    /// Cells along x, y and z.
    pub(super) dims: [usize; 3],
    /// The cell width.
    pub(super) cell: f64,
    /// The contact distance the grid was laid out for (0: none yet).
    pub(super) d: f32,
}

impl Binning {
    /// The grid for `n` agents within `lo ..= hi` at contact distance `d`: cells a hair
    /// wider than `d` ([`CELL_MARGIN`]), widened for a sparse crowd so that there are at
    /// most [`CELLS_PER_AGENT`] cells per agent, and for far-off agents so that the grid
    /// stays within [`MAX_CELL_SPAN`] cells of the origin; [`GRID_SLACK`] cells around.
    pub(super) fn lay_out(lo: Vec3, hi: Vec3, n: usize, d: f32) -> Self {
        // Without a finite box (an infinite coordinate, or only NaN ones) the grid is
        // laid out at the origin; such agents land in its edge cells.
        let (lo, hi) = if lo.is_finite() && hi.is_finite() {
            (lo.as_dvec3(), hi.as_dvec3())
        } else {
            (DVec3::ZERO, DVec3::ZERO)
        };
        let corner = |c: f64| lo - GRID_SLACK * c;
        let dims_at = |c: f64| ((hi - lo) / c + 2.0 * GRID_SLACK).floor() + 1.0;
        let budget = (CELLS_PER_AGENT * n).max(4096) as f64;
        let mut cell = f64::from(d * CELL_MARGIN);
        while dims_at(cell).element_product() > budget
            || Self::span(corner(cell), dims_at(cell), cell) > MAX_CELL_SPAN
        {
            cell *= 1.25;
        }
        Binning {
            lo: corner(cell).as_vec3(),
            inv: (1.0 / cell) as f32,
            dims: dims_at(cell).to_array().map(|k| k as usize),
            cell,
            d,
        }
    }

    /// How many cells from the origin a grid reaches, or wide it is, whichever is more.
    fn span(corner: DVec3, dims: DVec3, cell: f64) -> f64 {
        let far = corner + dims * cell;
        (corner.abs().max(far.abs()) / cell).max(dims).max_element()
    }

    /// Whether this grid, laid out for an earlier frame, still suits agents within
    /// `lo ..= hi`, of which `fresh` is a new layout: cells as wide as the new ones,
    /// within [`MAX_CELL_SPAN`], every agent inside (as [`CELL_MARGIN`]'s bound
    /// assumes), and no more than twice the slack around them.
    pub(super) fn suits(&self, fresh: &Binning, lo: Vec3, hi: Vec3) -> bool {
        if self == fresh {
            return true;
        }
        let dims = DVec3::from_array(self.dims.map(|k| k as f64));
        let corner = self.lo.as_dvec3();
        let from = (lo.as_dvec3() - corner) / self.cell;
        let to = (hi.as_dvec3() - corner) / self.cell;
        let room = dims - to;
        self.d == fresh.d
            && self.cell == fresh.cell
            && Self::span(corner, dims, self.cell) <= MAX_CELL_SPAN
            && from.min_element() >= 0.0
            && room.min_element() > 0.0
            && from.max_element() <= 2.0 * GRID_SLACK
            && room.max_element() <= 2.0 * GRID_SLACK + 1.0
    }

    /// The cell of each position, into `out`, and the box around the positions. A
    /// coordinate a hair below the corner or past the far side, or an agent outside the
    /// grid, lands in the nearest edge cell ([`cell_along`]).
    #[inline(always)]
    fn cells_of_body(&self, x: &[f32], y: &[f32], z: &[f32], out: &mut [u32]) -> Bounds {
        let [nx, ny, nz] = self.dims.map(|n| n as i32);
        let (lo, inv) = (self.lo, self.inv);
        for (((c, &x), &y), &z) in out.iter_mut().zip(x).zip(y).zip(z) {
            let (ix, iy, iz) = (
                cell_along(x, lo.x, inv, nx),
                cell_along(y, lo.y, inv, ny),
                cell_along(z, lo.z, inv, nz),
            );
            *c = ((iz * ny + iy) * nx + ix) as u32;
        }
        let ([x0, x1], [y0, y1], [z0, z1]) = (extremes(x), extremes(y), extremes(z));
        (Vec3::new(x0, y0, z0), Vec3::new(x1, y1, z1))
    }

    /// [`Binning::cells_of_body`], compiled for `kernel`'s CPU features, up to AVX2
    /// (8 agents at a time).
    pub(super) fn cells_of(
        &self,
        kernel: KernelChoice,
        [x, y, z]: [&[f32]; 3],
        out: &mut [u32],
    ) -> Bounds {
        let job = CellsOf {
            bins: self,
            x,
            y,
            z,
            out,
        };
        kernel.at_most_avx2().run(job)
    }

    /// How many cells the grid has.
    pub(super) fn cells(&self) -> usize {
        self.dims.iter().product()
    }
}

/// [`Binning::cells_of`]'s work.
struct CellsOf<'a> {
    bins: &'a Binning,
    x: &'a [f32],
    y: &'a [f32],
    z: &'a [f32],
    out: &'a mut [u32],
}

impl Job for CellsOf<'_> {
    type Output = Bounds;

    #[inline(always)]
    fn run<K: Kernel>(self, _: K) -> Bounds {
        self.bins.cells_of_body(self.x, self.y, self.z, self.out)
    }
}

/// The box around some points: (lowest, highest) per axis. NaN coordinates are passed
/// over (`p.min(lo)` keeps `lo` when `p` is NaN); no points give an empty box, from
/// infinity to minus infinity.
pub(super) type Bounds = (Vec3, Vec3);

/// The box around no points.
pub(super) const NO_BOUNDS: Bounds = (Vec3::INFINITY, Vec3::NEG_INFINITY);

/// The box around two boxes.
pub(super) fn union(a: Bounds, b: Bounds) -> Bounds {
    (a.0.min(b.0), a.1.max(b.1))
}

/// The lowest and highest of `v`, NaN passed over. Eight running extremes, each updated
/// by a compare and a select, which the compiler turns into vector min and max.
#[inline(always)]
fn extremes(v: &[f32]) -> [f32; 2] {
    const W: usize = 8;
    let (mut lo, mut hi) = ([f32::INFINITY; W], [f32::NEG_INFINITY; W]);
    let mut blocks = v.chunks_exact(W);
    for b in &mut blocks {
        for l in 0..W {
            lo[l] = if b[l] < lo[l] { b[l] } else { lo[l] };
            hi[l] = if b[l] > hi[l] { b[l] } else { hi[l] };
        }
    }
    for (l, &v) in blocks.remainder().iter().enumerate() {
        lo[l] = if v < lo[l] { v } else { lo[l] };
        hi[l] = if v > hi[l] { v } else { hi[l] };
    }
    let lo = lo
        .into_iter()
        .fold(f32::INFINITY, |a, b| if b < a { b } else { a });
    let hi = hi
        .into_iter()
        .fold(f32::NEG_INFINITY, |a, b| if b > a { b } else { a });
    [lo, hi]
}

/// The box around `points`, on all cores if asked.
pub(super) fn bounds(points: &[Vec3], parallel: bool) -> Bounds {
    let fold = |(lo, hi): Bounds, &p: &Vec3| (p.min(lo), p.max(hi));
    if parallel {
        points
            .par_chunks(PARALLEL_CHUNK)
            .map(|chunk| chunk.iter().fold(NO_BOUNDS, fold))
            .reduce(|| NO_BOUNDS, union)
    } else {
        points.iter().fold(NO_BOUNDS, fold)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each coordinate lands in the cell that truncating it, then clamping into the
    /// grid, gives (NaN in the first), in the portable code and in the vector code this
    /// CPU runs: coordinates inside, on cell borders, a hair outside, far outside,
    /// infinite and NaN, in blocks longer than a vector with a remainder.
    #[test]
    fn every_coordinate_lands_in_the_cell_a_clamped_truncation_gives() {
        let bins = Binning::lay_out(Vec3::splat(-3.0), Vec3::new(5.0, 2.0, 9.0), 500, 1.0);
        let odd = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            -3.0,
            bins.lo.x,
            bins.lo.x - 1e-6,
            bins.lo.x + bins.cell as f32 * 3.0,
            4.999,
            1e9,
            -1e9,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NAN,
            f32::MAX,
            f32::MIN,
            f32::MIN_POSITIVE,
        ];
        // Every combination of three of them, 17³ agents.
        let mut all = Vec::new();
        for &x in &odd {
            for &y in &odd {
                all.extend(odd.iter().map(|&z| Vec3::new(x, y, z)));
            }
        }
        let (x, y, z): (Vec<f32>, Vec<f32>, Vec<f32>) =
            all.iter().map(|p| (p.x, p.y, p.z)).collect();
        let [nx, ny, nz] = bins.dims.map(|n| n as i32);
        // The rule as `as` states it: saturating, NaN to 0, then clamped.
        let bin = |v: f32, lo: f32, n: i32| (((v - lo) * bins.inv) as i32).clamp(0, n - 1);
        let portable = KernelChoice::Portable(super::super::kernels::Portable);
        for kernel in [portable, KernelChoice::detect()] {
            let mut got = vec![u32::MAX; all.len()];
            bins.cells_of(kernel, [&x, &y, &z], &mut got);
            for (k, p) in all.iter().enumerate() {
                let (ix, iy, iz) = (
                    bin(p.x, bins.lo.x, nx),
                    bin(p.y, bins.lo.y, ny),
                    bin(p.z, bins.lo.z, nz),
                );
                let want = ((iz * ny + iy) * nx + ix) as u32;
                assert_eq!(got[k], want, "the cell of {p}, {kernel:?}");
            }
        }
    }
}
