//! The plots: the ratio against size with its expectation, and in a comparison each
//! shape's ratio and reach.

use bevy::prelude::*;
use bevy_egui::egui;
use egui_plot::{GridInput, GridMark, Line, LineStyle, MarkerShape, Plot, PlotPoints, Points};

use super::state::PanelState;
use crate::demo::palette::{Palette, egui_color};
use crate::i18n::{Lang, Msg, Texts, format_short};
use crate::intent::ViewSettings;
use crate::sim::ContactStats;
use crate::sim::compare::{CompareKind, CompareWorlds};
use crate::sim::curve::{RatioCurve, log_ticks};

/// Grid marks of a log axis (whose values are log₁₀ of the real ones) at the real
/// values a reader can name ([`log_ticks`]).
fn log_marks(input: GridInput) -> Vec<GridMark> {
    log_ticks(input.bounds.0, input.bounds.1)
        .into_iter()
        .map(|(value, step_size)| GridMark { value, step_size })
        .collect()
}

/// A log axis's mark in real values, in the language's notation (`0.05`, `0,05`).
fn real_value(lang: Lang, mark: GridMark) -> String {
    format_short(lang, 10f64.powf(mark.value))
}

/// A plot whose axes show log₁₀ values, labelled in real values.
fn with_log_axes(plot: Plot<'_>, lang: Lang) -> Plot<'_> {
    plot.x_grid_spacer(log_marks)
        .y_grid_spacer(log_marks)
        .x_axis_formatter(move |mark, _| real_value(lang, mark))
        .y_axis_formatter(move |mark, _| real_value(lang, mark))
}

/// Room around the data in each plot, as a share of its width and height: the last
/// tick's label (`5,000`) is centred on the edge of the data and was cut off at 5%.
const MARGIN: egui::Vec2 = egui::vec2(0.08, 0.05);

/// The ratio plot's height in points: at least this, so its curve still reads (and
/// the panel fits a 1280×720 projection at the presenter's text size)…
const PLOT_MIN: f32 = 70.0;
/// … with its vertical axis named from this height up.
const Y_LABEL_MIN: f32 = 110.0;
/// … and at most this, so a tall window keeps room for the sections below it.
const PLOT_MAX: f32 = 260.0;
/// The compared shapes' two plots together, within these bounds…
const COMPARE_MIN: f32 = 170.0;
const COMPARE_MAX: f32 = 380.0;
/// … of which the ratios take this share and the reach the rest.
const COMPARE_RATIO_SHARE: f32 = 0.57;

/// The ratio against the organisation's size, counted and expected; `answer` marks
/// the world now (a question's revealed answer). It takes `room` points of height
/// within its bounds; returns the height it took.
pub(super) fn plot(
    ui: &mut egui::Ui,
    state: &PanelState,
    answer: Option<&ContactStats>,
    room: f32,
) -> f32 {
    let (history, texts, pal) = (&state.history, &state.texts, &state.theme.palette);
    let height = room.clamp(PLOT_MIN, PLOT_MAX);
    let log = state.view.log_plot;
    let axis = |v: f64| if log { v.log10() } else { v };
    let curve = RatioCurve::new(history.samples(), &state.settings.params);
    let sphere = curve.sphere;
    let on_axes = |points: &[[f64; 2]]| -> Vec<[f64; 2]> {
        points.iter().map(|&[x, y]| [axis(x), axis(y)]).collect()
    };
    let measured = on_axes(&curve.counted);
    let theory = on_axes(&curve.expected);
    let x = if sphere {
        texts.get(Msg::PlotAxisR)
    } else {
        texts.get(Msg::PlotAxisN)
    };
    let marked: Vec<[f64; 2]> = answer
        .filter(|s| curve.size_of(s) > 0.0 && s.ratio > 0.0)
        .map(|s| vec![[axis(curve.size_of(s)), axis(s.ratio)]])
        .unwrap_or_default();
    let expected_name = texts.get(if sphere {
        Msg::PlotExpected
    } else {
        Msg::PlotExpectedShape
    });
    let counted_name = texts.get(Msg::PlotCounted);
    let mut frame = Plot::new("ratio")
        .height(height)
        .x_axis_label(x)
        .set_margin_fraction(MARGIN)
        .allow_scroll(false);
    // A short plot leaves its axis unnamed: the name, turned on its side, would run
    // past the plot into the line above, and the plot's title says it anyway.
    if height >= Y_LABEL_MIN {
        frame = frame.y_axis_label(texts.get(Msg::PlotAxisRatio));
    }
    if log {
        frame = with_log_axes(frame, texts.lang);
    }
    frame.show(ui, |plot| {
        plot.line(
            Line::new(expected_name.clone(), PlotPoints::from(theory))
                .color(egui_color(pal.plot_theory))
                .style(LineStyle::dashed_loose()),
        );
        plot.line(
            Line::new(counted_name.clone(), PlotPoints::from(measured))
                .color(egui_color(pal.plot_measured))
                .width(2.0),
        );
        if !marked.is_empty() {
            plot.points(
                Points::new(texts.get(Msg::PlotAnswer), PlotPoints::from(marked.clone()))
                    .shape(MarkerShape::Diamond)
                    .radius(7.0)
                    .filled(true)
                    .color(egui_color(pal.text)),
            );
        }
    });
    let mut keys = vec![
        (Key::Solid, egui_color(pal.plot_measured), counted_name),
        (Key::Dashed, egui_color(pal.plot_theory), expected_name),
    ];
    if !marked.is_empty() {
        keys.push((
            Key::Marker,
            egui_color(pal.text),
            texts.get(Msg::PlotAnswer),
        ));
    }
    legend(ui, &keys);
    height
}

/// How a legend entry draws its series.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Key {
    /// A solid line.
    Solid,
    /// A dashed line.
    Dashed,
    /// A filled diamond.
    Marker,
    /// A compared shape: a solid line with the shape's marker.
    Shape(CompareKind),
}

/// A legend under a plot, outside its area so it covers no line: each entry a short
/// sample of its series, then its name.
fn legend(ui: &mut egui::Ui, keys: &[(Key, egui::Color32, String)]) {
    ui.horizontal_wrapped(|ui| {
        for (key, color, name) in keys {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(22.0, 12.0), egui::Sense::hover());
            let painter = ui.painter();
            let (y, left, right) = (rect.center().y, rect.left(), rect.right());
            match key {
                Key::Solid | Key::Shape(_) => {
                    painter.line_segment(
                        [egui::pos2(left, y), egui::pos2(right, y)],
                        egui::Stroke::new(2.0, *color),
                    );
                }
                Key::Dashed => {
                    for k in 0..3 {
                        let x = left + k as f32 * 8.0;
                        painter.line_segment(
                            [egui::pos2(x, y), egui::pos2((x + 5.0).min(right), y)],
                            egui::Stroke::new(1.5, *color),
                        );
                    }
                }
                Key::Marker => marker(painter, rect.center(), MarkerShape::Diamond, *color),
            }
            if let Key::Shape(kind) = key {
                marker(painter, rect.center(), kind_marker(*kind), *color);
            }
            ui.label(name.as_str());
            ui.add_space(6.0);
        }
    });
}

/// The compared shapes' ratios against head count, measured (solid) and expected
/// (dashed), in each shape's colour; and their reach.
pub(super) fn compare_plots(
    ui: &mut egui::Ui,
    worlds: &CompareWorlds,
    view: &ViewSettings,
    texts: &Texts,
    pal: &Palette,
    room: f32,
) -> f32 {
    let height = room.clamp(COMPARE_MIN, COMPARE_MAX);
    let log = view.log_plot;
    let axis = |v: f64| if log { v.max(1e-9).log10() } else { v };
    let x = texts.get(Msg::PlotAxisN);
    ui.strong(texts.get(Msg::PlotCompareTitle));
    let mut ratios = Plot::new("compare-ratio")
        .height(height * COMPARE_RATIO_SHARE)
        .x_axis_label(x.clone())
        .y_axis_label(texts.get(Msg::PlotAxisRatio))
        .set_margin_fraction(MARGIN)
        .allow_scroll(false);
    if log {
        ratios = with_log_axes(ratios, texts.lang);
    }
    let keys: Vec<_> = worlds
        .views
        .iter()
        .map(|w| {
            (
                Key::Shape(w.kind),
                egui_color(pal.of_kind(w.kind)),
                texts.get(w.kind.msg()),
            )
        })
        .collect();
    ratios.show(ui, |plot| {
        for w in &worlds.views {
            let color = egui_color(pal.of_kind(w.kind));
            let name = texts.get(w.kind.msg());
            let points = |f: fn(&ContactStats) -> f64| -> Vec<[f64; 2]> {
                w.history
                    .samples()
                    .filter(|s| s.employees > 0 && f(s) > 0.0)
                    .map(|s| [axis(f64::from(s.employees)), axis(f(s))])
                    .collect()
            };
            // Unnamed, so out of the legend: four shapes and four expectations
            // covered the plot; the title says the dashed lines are expectations.
            plot.line(
                Line::new("", PlotPoints::from(points(|s| s.theory)))
                    .color(color)
                    .style(LineStyle::dashed_loose()),
            );
            let counted = points(|s| s.ratio);
            // A marker of the shape's own form at the newest point: a cue besides
            // colour for telling the shapes apart.
            if let Some(&last) = counted.last() {
                plot.points(
                    Points::new(name.clone(), PlotPoints::from(vec![last]))
                        .shape(kind_marker(w.kind))
                        .radius(5.0)
                        .filled(true)
                        .color(color),
                );
            }
            plot.line(
                Line::new(name, PlotPoints::from(counted))
                    .color(color)
                    .width(2.0),
            );
        }
    });
    legend(ui, &keys);
    let window = worlds
        .views
        .first()
        .map_or(0, |w| w.pop.org.params().reach_window);
    ui.strong(texts.fmt(Msg::PlotReachTitle, &[("window", window.into())]));
    let mut reach = Plot::new("compare-reach")
        .height(height * (1.0 - COMPARE_RATIO_SHARE))
        .x_axis_label(x)
        .y_axis_label(texts.get(Msg::PlotAxisReach))
        .include_y(0.0)
        .include_y(1.0)
        .set_margin_fraction(MARGIN)
        .allow_scroll(false);
    if log {
        // Reach is a share on a linear axis; only the head count is logarithmic.
        let lang = texts.lang;
        reach = reach
            .x_grid_spacer(log_marks)
            .x_axis_formatter(move |mark, _| real_value(lang, mark));
    }
    reach.show(ui, |plot| {
        for w in &worlds.views {
            let points: Vec<[f64; 2]> = w
                .history
                .samples()
                .filter(|s| s.employees > 0)
                .map(|s| [axis(f64::from(s.employees)), s.reach])
                .collect();
            plot.line(
                Line::new(texts.get(w.kind.msg()), PlotPoints::from(points))
                    .color(egui_color(pal.of_kind(w.kind)))
                    .width(2.0),
            );
        }
    });
    height
}

/// A marker of `shape` at `c`, as the plots draw it (5 points across each way).
fn marker(painter: &egui::Painter, c: egui::Pos2, shape: MarkerShape, color: egui::Color32) {
    let r = 5.0;
    let points = match shape {
        MarkerShape::Circle => {
            painter.circle_filled(c, r, color);
            return;
        }
        MarkerShape::Square => vec![
            egui::pos2(c.x - r * 0.8, c.y - r * 0.8),
            egui::pos2(c.x + r * 0.8, c.y - r * 0.8),
            egui::pos2(c.x + r * 0.8, c.y + r * 0.8),
            egui::pos2(c.x - r * 0.8, c.y + r * 0.8),
        ],
        MarkerShape::Up => vec![
            egui::pos2(c.x, c.y - r),
            egui::pos2(c.x + r, c.y + r * 0.7),
            egui::pos2(c.x - r, c.y + r * 0.7),
        ],
        _ => vec![
            egui::pos2(c.x, c.y - r),
            egui::pos2(c.x + r, c.y),
            egui::pos2(c.x, c.y + r),
            egui::pos2(c.x - r, c.y),
        ],
    };
    painter.add(egui::Shape::convex_polygon(
        points,
        color,
        egui::Stroke::NONE,
    ));
}

/// Each compared shape's marker in the plots.
fn kind_marker(kind: CompareKind) -> MarkerShape {
    match kind {
        CompareKind::Sphere => MarkerShape::Circle,
        CompareKind::Disc => MarkerShape::Square,
        CompareKind::Cells => MarkerShape::Diamond,
        CompareKind::Rotation => MarkerShape::Up,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The real values a log axis marks between `a` and `b`.
    fn marks(a: f64, b: f64) -> Vec<f64> {
        let input = GridInput {
            bounds: (a.log10(), b.log10()),
            base_step_size: 0.01,
        };
        log_marks(input)
            .iter()
            .map(|m| (10f64.powf(m.value) * 1e6).round() / 1e6)
            .collect()
    }

    #[test]
    fn log_axes_are_marked_at_values_a_room_can_read() {
        // A decade or so: 1, 2 and 5 times a power of ten.
        assert_eq!(marks(0.04, 0.45), [0.05, 0.1, 0.2]);
        // Many decades: the powers only.
        assert_eq!(marks(50.0, 200_000.0), [100.0, 1000.0, 10_000.0, 100_000.0]);
        // Less than one: still at least two round values (6,000 to 12,000 employees).
        let narrow = marks(6000.0, 12_000.0);
        assert!(narrow.len() >= 3, "{narrow:?}");
        assert!(
            narrow
                .iter()
                .all(|v| (6000.0..=12_000.0).contains(v) && v % 1000.0 == 0.0)
        );
        // Degenerate or absurd bounds give few marks, quickly, and no NaN.
        for (lo, hi) in [
            (0.0, 0.0),
            (1.0, f64::NAN),
            (-400.0, 400.0),
            (-1e12, 1e12),
            (5.0, 5.0 + 1e-15),
        ] {
            let m = log_marks(GridInput {
                bounds: (lo, hi),
                base_step_size: 0.01,
            });
            assert!(
                m.len() <= 700
                    && m.iter()
                        .all(|m| m.value.is_finite() && m.step_size.is_finite())
            );
        }
        // Labelled in the language's numbers.
        let mark = GridMark {
            value: 0.05f64.log10(),
            step_size: 0.3,
        };
        assert_eq!(real_value(Lang::Nl, mark), "0,05");
        assert_eq!(real_value(Lang::En, mark), "0.05");
    }
}
