//! The palettes for every viewer: the groups that must be told apart stay apart under
//! the three colour-vision deficiencies, and every text colour reads on its background.
//!
//! Deficiencies are simulated with the matrices of Machado, Oliveira and Fernandes
//! (2009) at full severity, applied in linear sRGB. Differences are CIEDE2000 in CIELAB
//! (D65). Contrast is WCAG 2's relative-luminance ratio.

use bevy::color::{Alpha, Color};
use bolwerk::look::palette::{DARK, PROJECTOR, Palette};
use bolwerk::whatif::CompareKind;

use crate::common::over;

/// A colour as linear sRGB.
type Rgb = [f64; 3];

/// How a viewer sees colour.
#[derive(Debug, Clone, Copy)]
enum Vision {
    Normal,
    Protanopia,
    Deuteranopia,
    Tritanopia,
}

const VISIONS: [Vision; 4] = [
    Vision::Normal,
    Vision::Protanopia,
    Vision::Deuteranopia,
    Vision::Tritanopia,
];

impl Vision {
    /// Machado et al. (2009), severity 1.0, on linear sRGB.
    fn matrix(self) -> [[f64; 3]; 3] {
        match self {
            Vision::Normal => [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
            Vision::Protanopia => [
                [0.152286, 1.052583, -0.204868],
                [0.114503, 0.786281, 0.099216],
                [-0.003882, -0.048116, 1.051998],
            ],
            Vision::Deuteranopia => [
                [0.367322, 0.860646, -0.227968],
                [0.280085, 0.672501, 0.047413],
                [-0.011820, 0.042940, 0.968881],
            ],
            Vision::Tritanopia => [
                [1.255528, -0.076749, -0.178779],
                [-0.078411, 0.930809, 0.147602],
                [0.004733, 0.691367, 0.303900],
            ],
        }
    }

    fn see(self, c: Rgb) -> Rgb {
        let m = self.matrix();
        m.map(|row| (row[0] * c[0] + row[1] * c[1] + row[2] * c[2]).clamp(0.0, 1.0))
    }
}

/// A palette colour in linear sRGB, opaque (alpha ignored).
fn linear(c: Color) -> Rgb {
    let l = c.to_linear();
    [l.red, l.green, l.blue].map(f64::from)
}

/// `c` faded by egui's `gamma_multiply(k)` over `under`: egui multiplies the sRGB
/// bytes and the alpha by `k`, and the renderer blends the result, premultiplied, in
/// linear light. A faded dark text on a light card is much lighter than `k` suggests.
fn faded(c: Color, k: f32, under: Color) -> Color {
    let s = c.to_srgba();
    let top = Color::srgb(s.red * k, s.green * k, s.blue * k).to_linear();
    let bottom = under.to_linear();
    let a = s.alpha * k;
    Color::linear_rgb(
        top.red + bottom.red * (1.0 - a),
        top.green + bottom.green * (1.0 - a),
        top.blue + bottom.blue * (1.0 - a),
    )
}

/// CIELAB (D65) of a linear sRGB colour.
fn lab(c: Rgb) -> [f64; 3] {
    let x = (0.4124564 * c[0] + 0.3575761 * c[1] + 0.1804375 * c[2]) / 0.95047;
    let y = 0.2126729 * c[0] + 0.7151522 * c[1] + 0.0721750 * c[2];
    let z = (0.0193339 * c[0] + 0.1191920 * c[1] + 0.9503041 * c[2]) / 1.08883;
    let f = |t: f64| {
        if t > 216.0 / 24389.0 {
            t.cbrt()
        } else {
            (24389.0 / 27.0 * t + 16.0) / 116.0
        }
    };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// CIEDE2000 colour difference (Sharma, Wu and Dalal, 2005).
fn ciede2000([l1, a1, b1]: [f64; 3], [l2, a2, b2]: [f64; 3]) -> f64 {
    let pow7 = |v: f64| v.powi(7);
    let c_bar = (a1.hypot(b1) + a2.hypot(b2)) / 2.0;
    let g = 0.5 * (1.0 - (pow7(c_bar) / (pow7(c_bar) + pow7(25.0))).sqrt());
    let (a1, a2) = ((1.0 + g) * a1, (1.0 + g) * a2);
    let (c1, c2) = (a1.hypot(b1), a2.hypot(b2));
    let hue = |a: f64, b: f64| {
        if a == 0.0 && b == 0.0 {
            0.0
        } else {
            b.atan2(a).to_degrees().rem_euclid(360.0)
        }
    };
    let (h1, h2) = (hue(a1, b1), hue(a2, b2));
    let dh = if c1 * c2 == 0.0 {
        0.0
    } else if (h2 - h1).abs() <= 180.0 {
        h2 - h1
    } else if h2 - h1 > 180.0 {
        h2 - h1 - 360.0
    } else {
        h2 - h1 + 360.0
    };
    let (dl, dc) = (l2 - l1, c2 - c1);
    let d_big_h = 2.0 * (c1 * c2).sqrt() * (dh / 2.0).to_radians().sin();
    let l_bar = (l1 + l2) / 2.0;
    let c_bar = (c1 + c2) / 2.0;
    let h_bar = if c1 * c2 == 0.0 {
        h1 + h2
    } else if (h1 - h2).abs() <= 180.0 {
        (h1 + h2) / 2.0
    } else if h1 + h2 < 360.0 {
        (h1 + h2 + 360.0) / 2.0
    } else {
        (h1 + h2 - 360.0) / 2.0
    };
    let cos = |deg: f64| deg.to_radians().cos();
    let t =
        1.0 - 0.17 * cos(h_bar - 30.0) + 0.24 * cos(2.0 * h_bar) + 0.32 * cos(3.0 * h_bar + 6.0)
            - 0.20 * cos(4.0 * h_bar - 63.0);
    let d_theta = 30.0 * (-((h_bar - 275.0) / 25.0).powi(2)).exp();
    let r_c = 2.0 * (pow7(c_bar) / (pow7(c_bar) + pow7(25.0))).sqrt();
    let s_l = 1.0 + 0.015 * (l_bar - 50.0).powi(2) / (20.0 + (l_bar - 50.0).powi(2)).sqrt();
    let s_c = 1.0 + 0.045 * c_bar;
    let s_h = 1.0 + 0.015 * c_bar * t;
    let r_t = -(2.0 * d_theta).to_radians().sin() * r_c;
    ((dl / s_l).powi(2)
        + (dc / s_c).powi(2)
        + (d_big_h / s_h).powi(2)
        + r_t * (dc / s_c) * (d_big_h / s_h))
        .sqrt()
}

/// How far apart two colours look to a viewer with `vision`.
fn difference(vision: Vision, a: Color, b: Color) -> f64 {
    ciede2000(lab(vision.see(linear(a))), lab(vision.see(linear(b))))
}

/// WCAG 2's contrast ratio of two opaque colours.
fn contrast(a: Color, b: Color) -> f64 {
    let luminance = |c: Color| {
        let [r, g, b] = linear(c);
        0.2126 * r + 0.7152 * g + 0.0722 * b
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// A what-if, in the messages: its key (`Disc`).
fn label(kind: CompareKind) -> &'static str {
    kind.key
}

const THEMES: [(&str, Palette); 2] = [("screen", DARK), ("projector", PROJECTOR)];

/// Every pair of `colours` differs by at least `min` for every viewer.
fn assert_apart(theme: &str, what: &str, colours: &[(&str, Color)], min: f64) {
    for vision in VISIONS {
        for (i, &(name_a, a)) in colours.iter().enumerate() {
            for &(name_b, b) in &colours[i + 1..] {
                let d = difference(vision, a, b);
                assert!(
                    d >= min,
                    "{theme} theme, {what}: {name_a} and {name_b} differ by only {d:.1} \
                     (CIEDE2000) under {vision:?}; at least {min} is needed"
                );
            }
        }
    }
}

#[test]
fn ciede2000_gives_the_published_differences() {
    // Sharma, Wu and Dalal (2005), table 1: pairs 1, 2, 7, 17 and 25.
    let pairs = [
        ([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485], 2.0425),
        ([50.0, 3.1571, -77.2803], [50.0, 0.0, -82.7485], 2.8615),
        ([50.0, 0.0, 0.0], [50.0, -1.0, 2.0], 2.3669),
        ([50.0, 2.5, 0.0], [73.0, 25.0, -18.0], 27.1492),
        (
            [60.2574, -34.0099, 36.2677],
            [60.4626, -34.1751, 39.4387],
            1.2644,
        ),
    ];
    for (a, b, expected) in pairs {
        let d = ciede2000(a, b);
        assert!(
            (d - expected).abs() < 1e-4,
            "{a:?} {b:?}: {d} for {expected}"
        );
    }
}

#[test]
fn the_old_projector_palette_fails_protanopes_so_the_check_can_fail() {
    // The projector theme before issue 19: front office amber, customers green.
    let front = Color::srgb(0.85, 0.45, 0.0);
    let customer = Color::srgb(0.0, 0.55, 0.20);
    assert!(difference(Vision::Normal, front, customer) > 40.0);
    assert!(difference(Vision::Protanopia, front, customer) < 5.0);
}

#[test]
fn the_three_groups_stay_apart_from_each_other_and_the_background_for_every_viewer() {
    for (name, p) in THEMES {
        let groups = [
            ("the background", p.background),
            ("employees", p.back_office),
            ("employees in customer contact", p.front_office),
            ("customers", p.customer),
        ];
        assert_apart(name, "agents", &groups, 20.0);
    }
}

#[test]
fn the_line_kinds_stay_apart_for_every_viewer() {
    for (name, p) in THEMES {
        let bg = p.background;
        let [internal, supplier, customer] =
            [p.internal_line, p.supplier_line, p.customer_line].map(|c| over(c, bg));
        // Colleagues' lines are faint on purpose; they must still show.
        assert_apart(
            name,
            "lines",
            &[("the background", bg), ("colleagues", internal)],
            10.0,
        );
        assert_apart(
            name,
            "lines",
            &[("colleagues", internal), ("customers", customer)],
            20.0,
        );
        assert_apart(
            name,
            "lines",
            &[("internal suppliers", supplier), ("customers", customer)],
            20.0,
        );
    }
}

#[test]
fn the_compared_shapes_stay_apart_in_the_plots_for_every_viewer() {
    // The shapes' series also differ in marker, so colour need not carry it alone:
    // a smaller distance than the groups' suffices.
    for (name, p) in THEMES {
        let mut series = vec![("the panel", p.panel_fill)];
        series.extend(CompareKind::all().map(|k| (label(k), p.of_kind(k))));
        assert_apart(name, "plot series", &series, 7.0);
        assert_apart(
            name,
            "plot",
            &[("counted", p.plot_measured), ("expected", p.plot_theory)],
            20.0,
        );
    }
}

#[test]
fn every_text_colour_reads_on_its_background() {
    for (name, p) in THEMES {
        // Cards and the caption band: the panel's fill, slightly see-through, over the
        // scene (`gamma_multiply` 0.85 to 0.92).
        let card = faded(p.panel_fill, 0.85, p.background);
        let mut texts = vec![
            ("text on the panel", p.text, p.panel_fill),
            ("text on a card", p.text, card),
            ("muted text on the background", p.muted, p.background),
            ("muted text on a card", p.muted, card),
            ("a warning", p.warning, p.panel_fill),
            ("the recording badge", p.recording, p.background),
            ("the counted answer", p.plot_measured, card),
            (
                "the colleague-contacts counter",
                p.supplier_line.with_alpha(1.0),
                card,
            ),
            (
                "the customer-contacts counter",
                p.customer_line.with_alpha(1.0),
                card,
            ),
        ];
        for kind in CompareKind::all() {
            texts.push((label(kind), p.of_kind(kind), p.panel_fill));
            texts.push((label(kind), p.of_kind(kind), p.background));
        }
        for (what, fg, bg) in texts {
            let ratio = contrast(fg, bg);
            assert!(
                ratio >= 4.5,
                "{name} theme: {what} has a contrast of {ratio:.2}:1; WCAG asks 4.5:1"
            );
        }
    }
}
