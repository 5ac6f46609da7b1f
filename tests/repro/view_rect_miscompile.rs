//! A miscompile in rustc 1.95 (LLVM) that `src/scene/layout.rs` works around.
//!
//! The two functions below choose a grid of one or two columns for `n` views in the
//! same way, one with an `if`, one with a `match`. At opt-level 0 both give two columns
//! for four views. At opt-level 1 and above the `if` form gives four columns, so each
//! view is a quarter of the width. The `match` form is right at every level.
//!
//! The integration test `miscompile` builds this file with `rustc -C opt-level=N` and
//! reads what it prints: one line per form, `if: ` or `match: ` then the four views'
//! x, y, width and height. Build and run it by hand with
//! `rustc -C opt-level=1 tests/repro/view_rect_miscompile.rs -o /tmp/repro && /tmp/repro`.

use std::hint::black_box;

#[inline(never)]
fn with_if(k: usize, n: usize, canvas: (u32, u32), panel: u32) -> [u32; 4] {
    let width = canvas.0.saturating_sub(panel).max(2);
    let (cols, rows): (u32, u32) = if n <= 2 { (n.max(1) as u32, 1) } else { (2, 2) };
    let (w, h) = (width / cols, canvas.1 / rows);
    let (col, row) = (k as u32 % cols, k as u32 / cols);
    [col * w, row * h, w.max(1), h.max(1)]
}

#[inline(never)]
fn with_match(k: usize, n: usize, canvas: (u32, u32), panel: u32) -> [u32; 4] {
    let width = canvas.0.saturating_sub(panel).max(2);
    let (cols, rows): (u32, u32) = match n {
        0 | 1 => (1, 1),
        2 => (2, 1),
        _ => (2, 2),
    };
    let (w, h) = (width / cols, canvas.1 / rows);
    let (col, row) = (k as u32 % cols, k as u32 / cols);
    [col * w, row * h, w.max(1), h.max(1)]
}

fn main() {
    for (name, f) in [("if", with_if as fn(_, _, _, _) -> _), ("match", with_match)] {
        let views: Vec<String> = (0..4)
            .map(|k| format!("{:?}", f(black_box(k), black_box(4), (1280, 720), 340)))
            .collect();
        println!("{name}: {}", views.join(" "));
    }
}
