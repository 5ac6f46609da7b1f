//! Two builds of the model in one process: each grows its own identical population and
//! counts it, the two interleaved count by count (which goes first alternates), so
//! both see the same machine, the same moment and the same allocator. Prints each
//! side's median time of a count with lines off (`count_and_note`) and on
//! (`count_sampled_and_note`), and the median of the per-round ratio new ÷ old.
//!
//! Built and run by `scripts/bench-ab.sh`, which puts the two builds in place as the
//! crates `old` and `new`. Arguments: rounds (default 100), employees (default 931,390,
//! which with their customers makes 1M agents), and anything third to build the new
//! side's population first.

use std::hint::black_box;
use std::time::Instant;

/// Rounds run before timing starts: growth settles and the renumbering has happened.
const WARM: usize = 17;
/// The line sampler's reservoir, as the app's.
const LINES: usize = 20_000;

macro_rules! side {
    ($m:ident, $n:expr) => {{
        let mut params = $m::Params::default();
        params.initial_employees = $n;
        params.max_employees = $n;
        let pop = $m::Population::new(params, 1).unwrap();
        (
            pop,
            $m::ContactGrid::new(),
            $m::sampling::LineSampler::new(LINES, 1),
        )
    }};
}

/// One round of one side: a step and a count with lines off, a step and a count with
/// lines on; their times in milliseconds.
macro_rules! time {
    ($pop:ident, $grid:ident, $sampler:ident) => {{
        $pop.tick();
        let t = Instant::now();
        black_box($pop.count_and_note(&mut $grid));
        let off = ms(t);
        $pop.tick();
        $sampler.reset(LINES);
        let t = Instant::now();
        black_box($pop.count_sampled_and_note(&mut $grid, &mut $sampler));
        (off, ms(t))
    }};
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1e3
}

fn main() {
    let mut args = std::env::args().skip(1);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100);
    let n: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(931_390);
    let new_first = args.next().is_some();
    let ((mut po, mut go, mut so), (mut pn, mut gn, mut sn)) = if new_first {
        let b = side!(new, n);
        (side!(old, n), b)
    } else {
        let a = side!(old, n);
        (a, side!(new, n))
    };
    let (mut off_o, mut off_n, mut on_o, mut on_n) = (vec![], vec![], vec![], vec![]);
    for r in 0..rounds + WARM {
        for old_now in [r % 2 == 0, r % 2 != 0] {
            let (off, on, offs, ons) = if old_now {
                let (off, on) = time!(po, go, so);
                (off, on, &mut off_o, &mut on_o)
            } else {
                let (off, on) = time!(pn, gn, sn);
                (off, on, &mut off_n, &mut on_n)
            };
            if r >= WARM {
                offs.push(off);
                ons.push(on);
            }
        }
    }
    assert_eq!(
        po.employees.len(),
        pn.employees.len(),
        "the same population"
    );
    let ratio = |a: &[f64], b: &[f64]| median(a.iter().zip(b).map(|(x, y)| y / x).collect());
    println!(
        "agents {} | lines off: old {:.2} ms, new {:.2} ms, new/old {:.3} | lines on: old {:.2} ms, new {:.2} ms, new/old {:.3}",
        po.employees.len() + po.customers.len(),
        median(off_o.clone()),
        median(off_n.clone()),
        ratio(&off_o, &off_n),
        median(on_o.clone()),
        median(on_n.clone()),
        ratio(&on_o, &on_n),
    );
}
