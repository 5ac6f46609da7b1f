//! Where things go on the canvas: the area the overlays leave the 3D views, and the
//! rectangles the compared views take in it.

use bevy::prelude::*;

/// The part of the canvas the 3D views take: left of the panel, below the overlays at
/// the top (a question, the counters, the recording badge) and above those at the
/// bottom (the caption, the act counter), so that no overlay covers the organisation.
/// The panel writes it each frame; the cameras read it. In pixels.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq)]
pub struct SceneArea {
    /// The panel's width at the right (0 when hidden).
    pub panel: u32,
    /// The band the overlays at the top take, as drawn now. It takes a new card's room
    /// at once, so that no card ever covers the picture, and gives room back gradually
    /// (towards `top_target`), so that the picture glides out when a card goes.
    pub top: f32,
    /// The band the overlays at the bottom take, as drawn now.
    pub bottom: f32,
    /// The band the overlays at the top take this frame.
    pub top_target: f32,
    /// The band the overlays at the bottom take this frame.
    pub bottom_target: f32,
}

/// The bands never take more than this share of the canvas's height together: a
/// picture at least 40% high stays.
pub const MAX_BANDS: f32 = 0.6;
/// How quickly the bands ease to their targets: the share of the distance left after
/// one second.
const EASE_LEFT_AFTER_1S: f32 = 0.001;

impl SceneArea {
    /// The views' rectangle on a canvas of `size`: its corner and its size, never
    /// larger than the canvas (empty only when the canvas is).
    pub fn rect(&self, size: UVec2) -> (UVec2, UVec2) {
        // A panel as wide as the canvas leaves it all to the views rather than nothing.
        let width = match size.x.saturating_sub(self.panel) {
            0 => size.x,
            w => w,
        };
        let height = size.y as f32;
        let bands = self.top + self.bottom;
        let scale = if bands > height * MAX_BANDS {
            height * MAX_BANDS / bands
        } else {
            1.0
        };
        let top = (self.top * scale).round() as u32;
        let bottom = (self.bottom * scale).round() as u32;
        let h = size.y.saturating_sub(top + bottom);
        (UVec2::new(0, top), UVec2::new(width, h))
    }

    /// Moves the bands towards their targets, `dt` seconds on: at once where a band
    /// grows, or where no time passes (a recording's warm-up), else gradually.
    pub fn ease(&mut self, dt: f32) {
        let keep = if dt > 0.0 {
            EASE_LEFT_AFTER_1S.powf(dt)
        } else {
            0.0
        };
        let step = |now: f32, target: f32| {
            let next = target + (now - target) * keep;
            if target > now || (next - target).abs() < 0.5 {
                target
            } else {
                next
            }
        };
        self.top = step(self.top, self.top_target);
        self.bottom = step(self.bottom, self.bottom_target);
    }
}

/// The viewport of view `k` of `n`, in the area `(corner, size)`.
pub fn view_rect(k: usize, n: usize, (corner, size): (UVec2, UVec2)) -> (UVec2, UVec2) {
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
    let (w, h) = (size.x / cols, size.y / rows);
    let (col, row) = (k as u32 % cols, k as u32 / cols);
    (
        corner + UVec2::new(col * w, row * h),
        UVec2::new(w.max(1), h.max(1)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fails if the match above is written as the `if` that rustc miscompiles (the test
    /// build is optimised, `opt-level = 2`, like the demo's).
    #[test]
    fn four_views_make_a_two_by_two_grid_left_of_the_panel() {
        let area = SceneArea {
            panel: 340,
            ..default()
        }
        .rect(UVec2::new(1280, 720));
        let rects: Vec<_> = (0..4)
            .map(|k| view_rect(std::hint::black_box(k), std::hint::black_box(4), area))
            .collect();
        assert_eq!(rects[0], (UVec2::new(0, 0), UVec2::new(470, 360)));
        assert_eq!(rects[3], (UVec2::new(470, 360), UVec2::new(470, 360)));
        assert_eq!(
            view_rect(1, 2, area),
            (UVec2::new(470, 0), UVec2::new(470, 720))
        );
    }

    #[test]
    fn the_bands_leave_the_middle_and_give_way_when_they_would_take_too_much() {
        let canvas = UVec2::new(1000, 800);
        let mut area = SceneArea {
            panel: 300,
            top: 100.0,
            bottom: 200.0,
            ..default()
        };
        assert_eq!(
            area.rect(canvas),
            (UVec2::new(0, 100), UVec2::new(700, 500))
        );
        area.top = 400.0;
        area.bottom = 400.0;
        // 60% of 800 is 480, shared as the bands were: 240 each.
        assert_eq!(
            area.rect(canvas),
            (UVec2::new(0, 240), UVec2::new(700, 320))
        );
    }

    #[test]
    fn a_band_grows_at_once_and_shrinks_gradually_until_it_settles() {
        let mut area = SceneArea {
            top_target: 120.0,
            ..default()
        };
        area.ease(0.1);
        assert_eq!(area.top, 120.0, "a new card's room is taken at once");
        area.top_target = 20.0;
        area.ease(0.1);
        assert!(area.top > 20.0 && area.top < 120.0, "{}", area.top);
        for _ in 0..30 {
            area.ease(0.1);
        }
        assert_eq!(area.top, 20.0);
        area.top_target = 0.0;
        area.ease(0.0);
        assert_eq!(
            area.top, 0.0,
            "with no time passing, the band settles at once"
        );
        assert_eq!(area.bottom, 0.0);
    }

    #[test]
    fn the_area_never_exceeds_the_canvas() {
        let wide_panel = SceneArea {
            panel: 2000,
            ..default()
        };
        let canvas = UVec2::new(800, 600);
        assert_eq!(wide_panel.rect(canvas), (UVec2::ZERO, canvas));
        assert_eq!(
            SceneArea::default().rect(UVec2::ZERO),
            (UVec2::ZERO, UVec2::ZERO)
        );
    }
}
