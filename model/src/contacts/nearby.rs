//! A bitmap of the cells with customers in or next to them, so that the pairing skips
//! the customer lookups everywhere else.

/// Which cells have an agent in or next to them (of the 27 around), one bit per cell by
/// cell index, so that a cell's nine customer lookups are skipped where none is near.
/// It may mark more than that (the widening runs over the ends of rows and layers into
/// the next ones), which only costs those lookups.
#[derive(Clone, Debug, Default)]
pub(super) struct Nearby {
    bits: Vec<u64>,
    /// Scratch for the widening.
    scratch: Vec<u64>,
}

impl Nearby {
    /// Marks the cells next to the cells in `cells` (the agents' cells, in any order).
    pub(super) fn mark(&mut self, cells: &[u32], dims: [usize; 3]) {
        let [nx, ny, _] = dims;
        let words = dims.iter().product::<usize>().div_ceil(64) + 1;
        self.bits.clear();
        self.bits.resize(words, 0);
        for &c in cells {
            self.bits[c as usize / 64] |= 1 << (c % 64);
        }
        // Widen along x, y and z in turn: each step ORs in the bits one cell, one row
        // or one layer either way.
        for step in [1, nx, nx * ny] {
            self.scratch.clear();
            self.scratch.extend_from_slice(&self.bits);
            or_shifted_up(&mut self.bits, &self.scratch, step);
            or_shifted_down(&mut self.bits, &self.scratch, step);
        }
    }

    /// Whether any of the cells `first ..= last` is marked.
    #[inline(always)]
    pub(super) fn any(&self, first: usize, last: usize) -> bool {
        (first..=last).any(|c| self.bits[c / 64] >> (c % 64) & 1 == 1)
    }
}

/// `out |= from` moved `k` bits towards higher indices (bits moved past the end are lost).
fn or_shifted_up(out: &mut [u64], from: &[u64], k: usize) {
    let (words, bits) = (k / 64, (k % 64) as u32);
    for (j, o) in out.iter_mut().enumerate().skip(words) {
        let j = j - words;
        let low = if bits > 0 && j > 0 {
            from[j - 1] >> (64 - bits)
        } else {
            0
        };
        *o |= from[j] << bits | low;
    }
}

/// `out |= from` moved `k` bits towards lower indices (bits moved past the start are lost).
fn or_shifted_down(out: &mut [u64], from: &[u64], k: usize) {
    let (words, bits) = (k / 64, (k % 64) as u32);
    let n = from.len();
    for (i, o) in out.iter_mut().enumerate().take(n.saturating_sub(words)) {
        let j = i + words;
        let high = if bits > 0 && j + 1 < n {
            from[j + 1] << (64 - bits)
        } else {
            0
        };
        *o |= from[j] >> bits | high;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    /// The cells next to an agent's cell are marked, and no others where the widening
    /// cannot wrap (one agent well inside the grid).
    #[test]
    fn nearby_marks_the_cells_around_each_agent() {
        let dims = [9, 7, 8];
        let cell = |x: usize, y: usize, z: usize| ((z * dims[1] + y) * dims[0] + x) as u32;
        let mut near = Nearby::default();
        near.mark(&[cell(4, 3, 4)], dims);
        for z in 0..dims[2] {
            for y in 0..dims[1] {
                for x in 0..dims[0] {
                    let next = x.abs_diff(4) <= 1 && y.abs_diff(3) <= 1 && z.abs_diff(4) <= 1;
                    let c = cell(x, y, z) as usize;
                    assert_eq!(near.any(c, c), next, "cell {x} {y} {z}");
                }
            }
        }
        // Many agents, at the grid's edges too: every neighbour of each is marked.
        let mut rng = ChaCha8Rng::seed_from_u64(8);
        let cells: Vec<u32> = (0..40)
            .map(|_| {
                let mut r = |n: usize| rng.random_range(0..n);
                cell(r(dims[0]), r(dims[1]), r(dims[2]))
            })
            .collect();
        near.mark(&cells, dims);
        let [nx, ny, nz] = dims;
        for &c in &cells {
            let c = c as usize;
            let (x, y, z) = (c % nx, c / nx % ny, c / (nx * ny));
            for zz in z.saturating_sub(1)..=(z + 1).min(nz - 1) {
                for yy in y.saturating_sub(1)..=(y + 1).min(ny - 1) {
                    for xx in x.saturating_sub(1)..=(x + 1).min(nx - 1) {
                        let n = cell(xx, yy, zz) as usize;
                        assert!(near.any(n, n), "{xx} {yy} {zz} next to {x} {y} {z}");
                    }
                }
            }
        }
        near.mark(&[], dims);
        assert!(
            !near.any(0, dims.iter().product::<usize>() - 1),
            "nobody, nothing marked"
        );
    }
}
