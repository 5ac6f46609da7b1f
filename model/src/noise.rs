//! Counter-based random numbers for the random walk (and a contact rule's draws).
//!
//! Each agent's step at each tick is a pure function of `(seed, stream, agent id, tick)`.
//! That keeps runs bit-identical whatever order an ECS query visits the agents in,
//! and it needs nothing but integer arithmetic, so it is the same on every machine.

/// Separates the employees' random numbers from the customers', and both from the
/// draws of a contact rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    /// Steps of employees.
    Employee = 1,
    /// Steps of customers.
    Customer = 2,
    /// Whether an employee met a customer under a fading chance
    /// ([`crate::Rule::Fade`]).
    FadeContact = 3,
    /// Which pairs a fading chance draws as lines.
    FadeLine = 4,
}

/// The SplitMix64 finaliser: a fast bijective mix of 64 bits.
#[inline]
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A 64-bit hash of a seed and three counters.
#[inline]
pub fn hash(seed: u64, a: u64, b: u64, c: u64) -> u64 {
    let mut h = mix64(seed ^ 0x9e37_79b9_7f4a_7c15);
    h = mix64(h ^ a.wrapping_mul(0xd1b5_4a32_d192_ed03));
    h = mix64(h ^ b.wrapping_mul(0xabc9_8388_fb8f_ac03));
    mix64(h ^ c.wrapping_mul(0x8cb9_2ba7_2f3d_8dd7))
}

/// The key of one stream at one tick: every agent's step that tick derives from it.
#[inline]
pub fn tick_key(seed: u64, stream: Stream, tick: u64) -> u64 {
    hash(seed, stream as u64, tick, 0x5eed)
}

/// Three 21-bit slices of `h` as uniform numbers in `[0, 1)`.
#[inline]
fn unit_triple(h: u64) -> [f32; 3] {
    const SCALE: f32 = 1.0 / (1u32 << 21) as f32;
    const MASK: u64 = (1 << 21) - 1;
    [
        (h & MASK) as f32 * SCALE,
        ((h >> 21) & MASK) as f32 * SCALE,
        ((h >> 42) & MASK) as f32 * SCALE,
    ]
}

/// A random-walk step with standard deviation `sd` along each axis, for agent `id`
/// under this tick's stream key ([`tick_key`]).
///
/// Each component is the sum of two uniform numbers (a triangular distribution),
/// scaled to the wanted spread. Over many ticks the walk is the same as a Gaussian
/// one, and it needs no `ln` or `cos`, whose last bits vary between C libraries. Two
/// mixes give the six uniforms, so a step costs a few nanoseconds.
#[inline]
pub fn step_keyed(key: u64, id: u32, sd: f32) -> [f32; 3] {
    // Var(u1 + u2 - 1) = 1/6 for independent uniforms, so scale by sqrt(6).
    let scale = sd * 6f32.sqrt();
    let h1 = mix64(key ^ u64::from(id).wrapping_mul(0xd1b5_4a32_d192_ed03));
    let h2 = mix64(h1 ^ 0xabc9_8388_fb8f_ac03);
    let (a, b) = (unit_triple(h1), unit_triple(h2));
    [
        (a[0] + b[0] - 1.0) * scale,
        (a[1] + b[1] - 1.0) * scale,
        (a[2] + b[2] - 1.0) * scale,
    ]
}

/// [`step_keyed`] with the key computed on the spot.
#[inline]
pub fn step(seed: u64, stream: Stream, id: u32, tick: u64, sd: f32) -> [f32; 3] {
    step_keyed(tick_key(seed, stream, tick), id, sd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_has_the_asked_spread_and_no_bias() {
        let sd = 0.25f32;
        let n = 200_000u64;
        let (mut sum, mut sum2) = (0f64, 0f64);
        for t in 0..n {
            let s = step(7, Stream::Employee, (t % 97) as u32, t, sd);
            for v in s {
                sum += f64::from(v);
                sum2 += f64::from(v) * f64::from(v);
            }
        }
        let m = sum / (3 * n) as f64;
        let var = sum2 / (3 * n) as f64 - m * m;
        assert!(m.abs() < 0.002, "mean {m}");
        assert!(
            (var.sqrt() - f64::from(sd)).abs() < 0.003,
            "sd {}",
            var.sqrt()
        );
    }

    #[test]
    fn streams_ids_and_ticks_give_different_steps() {
        let a = step(1, Stream::Employee, 5, 10, 1.0);
        assert_ne!(a, step(1, Stream::Customer, 5, 10, 1.0));
        assert_ne!(a, step(1, Stream::Employee, 6, 10, 1.0));
        assert_ne!(a, step(1, Stream::Employee, 5, 11, 1.0));
        assert_ne!(a, step(2, Stream::Employee, 5, 10, 1.0));
        assert_eq!(a, step(1, Stream::Employee, 5, 10, 1.0));
    }
}
