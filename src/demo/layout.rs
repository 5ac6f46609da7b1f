//! Where things go on the canvas: the panel's width, and the rectangles the 3D views
//! take in the space it leaves.

use bevy::prelude::*;

/// How wide the panel is on the canvas, in pixels (0 when hidden): the views beside it
/// keep out from under it. The panel writes it; the cameras read it.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PanelWidth(pub u32);

/// The viewport of view `k` of `n`, in the canvas left of a panel `panel` pixels wide.
pub fn view_rect(k: usize, n: usize, canvas: UVec2, panel: u32) -> (UVec2, UVec2) {
    let width = canvas.x.saturating_sub(panel).max(2);
    // One row of one or two views, else two rows of two. Written as a match on purpose:
    // rustc 1.95 at opt-level 1 and above miscompiles the same choice written as
    // `if n <= 2 { (n.max(1) as u32, 1) } else { (2, 2) }`, giving four columns for
    // n = 4. `tests/repro/view_rect_miscompile.rs` reproduces it, and the integration
    // test `miscompile` says when a rustc no longer does.
    let (cols, rows): (u32, u32) = match n {
        0 | 1 => (1, 1),
        2 => (2, 1),
        _ => (2, 2),
    };
    let (w, h) = (width / cols, canvas.y / rows);
    let (col, row) = (k as u32 % cols, k as u32 / cols);
    (UVec2::new(col * w, row * h), UVec2::new(w.max(1), h.max(1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fails if the match above is written as the `if` that rustc miscompiles (the test
    /// build is optimised, `opt-level = 2`, like the demo's).
    #[test]
    fn four_views_make_a_two_by_two_grid_left_of_the_panel() {
        let canvas = UVec2::new(1280, 720);
        let rects: Vec<_> = (0..4)
            .map(|k| {
                view_rect(
                    std::hint::black_box(k),
                    std::hint::black_box(4),
                    canvas,
                    340,
                )
            })
            .collect();
        assert_eq!(rects[0], (UVec2::new(0, 0), UVec2::new(470, 360)));
        assert_eq!(rects[3], (UVec2::new(470, 360), UVec2::new(470, 360)));
        assert_eq!(
            view_rect(1, 2, canvas, 340),
            (UVec2::new(470, 0), UVec2::new(470, 720))
        );
    }
}
