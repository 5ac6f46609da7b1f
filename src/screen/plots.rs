//! The plots: the share of contacts with customers against the number of employees,
//! counted and expected, and in a comparison each shape's share and reach. Every axis
//! is in units a room knows: employees, and percent.

use bevy::prelude::*;
use bevy_egui::egui;
use bolwerk_model::Params;
use egui_plot::{
    AxisHints, GridInput, GridMark, Line, LineStyle, MarkerShape, Plot, PlotPoint, PlotPoints,
    Points, Text,
};

use super::color::egui_color;
use super::figures::keyed_label;
use super::state::PanelState;
use crate::audience::room::Tally;
use crate::i18n::{Lang, Msg, Texts};
use crate::intent::organisations::MAX_EMPLOYEES;
use crate::intent::{Asked, Question, ViewSettings};
use crate::look::axes::{Unit, tick_label};
use crate::look::palette::Palette;
use crate::look::shape_name;
use crate::sim::compare::CompareWorlds;
use crate::sim::curve::{ShareCurve, log_ticks, percent};
use crate::sim::{ContactStats, Measure};
use crate::whatif::{CompareKind, Marker};

/// Grid marks of a log axis (whose values are log₁₀ of the real ones) at the real
/// values a reader can name ([`log_ticks`]).
fn log_marks(input: GridInput) -> Vec<GridMark> {
    log_ticks(input.bounds.0, input.bounds.1)
        .into_iter()
        .map(|(value, step_size)| GridMark { value, step_size })
        .collect()
}

/// A question answered with a sketch, on the projection: the axes the phones draw on
/// (employees on a log axis through the sketch's sizes, the share in percent) with the
/// start the screen shows; as the world grows, the count so far and the exact
/// expectation; once answered, the room's middle sketch and its middle half, after
/// the count (seeing others' sketches first makes a room trust the data less).
pub(super) struct SketchPlot<'a> {
    /// The question.
    pub question: &'a Question,
    /// Where it stands.
    pub asked: Asked,
    /// The room's answers, if a room answers.
    pub room: Option<&'a Tally>,
}

impl SketchPlot<'_> {
    /// Draws the plot, `height` points high, from the world's `history` and `stats`.
    pub(super) fn show(&self, ui: &mut egui::Ui, state: &PanelState, height: f32) {
        let (q, texts, pal) = (self.question, &*state.texts, &state.theme.palette);
        let sizes = &q.sketch;
        let (Some(&first), Some(&last)) = (sizes.first(), sizes.last()) else {
            return;
        };
        let params = &state.settings.params;
        let counted = |s: &ContactStats| q.answer.counted(s).map(percent);
        let shown = !self.asked.thinking();
        let (lo, hi) = (f64::from(first).log10(), f64::from(last).log10());
        let top = q.sketch_top(params);
        let axis = match q.answer {
            Measure::CustomerShare => Msg::PlotAxisShare,
            Measure::InCustomerContact => Msg::PlotAxisPeople,
        };
        let frame = with_axes(
            still_plot("sketch", height)
                .x_axis_label(texts.get(Msg::PlotAxisEmployees))
                .y_axis_label(texts.get(axis))
                .include_x(lo)
                .include_x(hi)
                .include_y(0.0)
                .include_y(top),
            texts.lang,
            (Unit::Employees, true),
            (Unit::Percent, false),
        )
        // Every ten percent (twenty on a tall axis) labelled alike, as on the phones.
        .y_grid_spacer(move |input| {
            let (lo, hi) = input.bounds;
            let step = if top > 50.0 { 20.0 } else { 10.0 };
            (0..=10)
                .map(|k| f64::from(k) * step)
                .filter(|v| (lo..=hi).contains(v) && *v <= top)
                .map(|value| GridMark {
                    value,
                    step_size: step,
                })
                .collect()
        })
        // The sizes the phones set their points at, and only those, as the phones mark
        // them.
        .x_grid_spacer({
            let marks: Vec<f64> = sizes.iter().map(|&n| f64::from(n).log10()).collect();
            move |_| {
                marks
                    .iter()
                    // Faint, as a grid's minor lines: these are places, not axes.
                    .map(|&value| GridMark {
                        value,
                        step_size: 0.2,
                    })
                    .collect()
            }
        })
        .legend(egui_plot::Legend::default().position(egui_plot::Corner::RightTop));
        let (measured, theory, room) = (
            egui_color(pal.plot_measured),
            egui_color(pal.plot_theory),
            egui_color(pal.text),
        );
        frame.show(ui, |plot| {
            if shown {
                let expected: Vec<[f64; 2]> = (0..=SKETCH_CURVE_POINTS)
                    .filter_map(|k| {
                        let x = lo + (hi - lo) * f64::from(k) / f64::from(SKETCH_CURVE_POINTS);
                        let y = q.answer.expected_at(params, 10f64.powf(x))?;
                        Some([x, percent(y)])
                    })
                    .collect();
                plot.line(
                    Line::new(texts.get(Msg::PlotExpected), PlotPoints::from(expected))
                        .color(theory)
                        .style(LineStyle::dashed_loose())
                        .width(2.0),
                );
                let grown: Vec<[f64; 2]> = state
                    .history
                    .samples()
                    .chain(std::iter::once(&*state.stats))
                    .filter(|s| s.employees >= first && s.employees <= last)
                    .filter_map(|s| Some([f64::from(s.employees).log10(), counted(s)?.min(top)]))
                    .collect();
                plot.line(
                    Line::new(texts.get(Msg::PlotCounted), PlotPoints::from(grown))
                        .color(measured)
                        .width(3.0),
                );
            } else if let Some(y) = counted(&state.stats) {
                // While the room draws: the start, as the screen's figure shows it.
                plot.points(
                    Points::new("", PlotPoints::from(vec![[lo, y]]))
                        .radius(7.0)
                        .filled(true)
                        .color(measured),
                );
            }
            let spread = self
                .room
                .filter(|_| self.asked == Asked::Answered)
                .map(Tally::spread)
                .unwrap_or_default();
            if spread.len() == sizes.len() {
                // A sketch above the axis (typed) at its top, as the phones draw it.
                let at = |i: usize, y: f64| [f64::from(sizes[i]).log10(), y.min(top)];
                let mut band: Vec<[f64; 2]> = spread
                    .iter()
                    .enumerate()
                    .map(|(i, s)| at(i, s.high))
                    .collect();
                band.extend(spread.iter().enumerate().rev().map(|(i, s)| at(i, s.low)));
                plot.polygon(
                    egui_plot::Polygon::new(
                        texts.get(Msg::SketchRoomSpread),
                        PlotPoints::from(band),
                    )
                    .fill_color(room.gamma_multiply(0.35))
                    .stroke(egui::Stroke::new(1.0, room.gamma_multiply(0.7))),
                );
                let middle: Vec<[f64; 2]> = spread
                    .iter()
                    .enumerate()
                    .map(|(i, s)| at(i, s.middle))
                    .collect();
                plot.line(
                    Line::new(
                        texts.get(Msg::SketchRoomMiddle),
                        PlotPoints::from(middle.clone()),
                    )
                    .color(room)
                    .width(2.5),
                );
                plot.points(
                    Points::new("", PlotPoints::from(middle))
                        .radius(5.0)
                        .filled(true)
                        .color(room),
                );
            }
        });
    }
}

/// Points on the expected curve of a sketch.
const SKETCH_CURVE_POINTS: u32 = 80;

/// Points between two labelled marks of a linear horizontal axis: egui_plot writes an
/// x label only where its marks are more than 60 points apart, and left a narrow
/// panel's axis without a number where its powers of ten were closer (100 to 530
/// employees at 1920×1080).
const X_LABEL_GAP: f64 = EGUI_X_LABEL_MIN as f64 + 1.0;
/// egui_plot's least gap between labelled x marks, in points (its `label_spacing`).
const EGUI_X_LABEL_MIN: f32 = 60.0;
/// Points a labelled mark keeps from the axis's right end, for half its label.
const X_EDGE_ROOM: f64 = 20.0;
/// egui_plot's least grid spacing in points, by which its `base_step_size` is scaled.
const GRID_SPACING_MIN: f64 = 8.0;

/// Grid marks of a linear horizontal axis at round values (1, 2, 2.5 or 5 times a power
/// of ten) at least [`X_LABEL_GAP`] points apart, so that each is labelled, with fainter
/// lines between them.
fn linear_x_marks(input: GridInput) -> Vec<GridMark> {
    let per_point = input.base_step_size / GRID_SPACING_MIN;
    let (major, minor) = round_steps(per_point * X_LABEL_GAP);
    if !(major > 0.0 && major.is_finite()) {
        return Vec::new();
    }
    let (lo, hi) = input.bounds;
    let mut marks = Vec::new();
    let first = (lo / minor).ceil() as i64;
    let last = (hi / minor).floor() as i64;
    // A plot zoomed to absurd bounds stays quick.
    for k in first..=last.min(first + 1000) {
        let value = k as f64 * minor;
        // A label centred on a mark at the right edge would be cut there: that mark
        // keeps its line and loses its label.
        let room = (hi - value) / per_point >= X_EDGE_ROOM;
        let on_major = room && ((value / major).round() * major - value).abs() < minor * 1e-6;
        marks.push(GridMark {
            value,
            step_size: if on_major { major } else { minor },
        });
    }
    marks
}

/// The smallest round step (1, 2, 2.5 or 5 times a power of ten) of at least `least`, and
/// the finer step between its marks.
fn round_steps(least: f64) -> (f64, f64) {
    if !(least > 0.0 && least.is_finite()) {
        return (0.0, 0.0);
    }
    let power = 10f64.powf(least.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        let step = m * power;
        if step >= least * (1.0 - 1e-9) {
            let minor = if m == 2.0 { step / 2.0 } else { step / 5.0 };
            return (step, minor);
        }
    }
    (10.0 * power, 2.0 * power)
}

/// A plot whose axes count `x` and `y`, each logarithmic (its values log₁₀ of the
/// real ones) or not, labelled in real values.
fn with_axes(plot: Plot<'_>, lang: Lang, x: (Unit, bool), y: (Unit, bool)) -> Plot<'_> {
    let real = |log: bool, v: f64| if log { 10f64.powf(v) } else { v };
    let mut plot = plot
        .x_axis_formatter(move |mark, _| tick_label(lang, x.0, real(x.1, mark.value)))
        .y_axis_formatter(move |mark, _| tick_label(lang, y.0, real(y.1, mark.value)));
    plot = if x.1 {
        plot.x_grid_spacer(log_marks)
    } else {
        plot.x_grid_spacer(linear_x_marks)
    };
    if y.1 {
        plot = plot.y_grid_spacer(log_marks);
    }
    plot
}

/// A plot `height` points high that only shows: no scrolling, dragging or zooming, and
/// no readout under the pointer (on log axes it printed log₁₀ values, and a pointer
/// resting on a projected plot drew a crosshair across it).
fn still_plot(id: &str, height: f32) -> Plot<'_> {
    Plot::new(id)
        // An x label shows at full strength once its marks are far enough apart, or not
        // at all: egui_plot faded those 60 to 80 points apart, and on a projector they
        // were all but gone.
        .custom_x_axes(vec![
            AxisHints::new_x().label_spacing(EGUI_X_LABEL_MIN..=EGUI_X_LABEL_MIN + 0.5),
        ])
        .height(height)
        .set_margin_fraction(MARGIN)
        .allow_scroll(false)
        .show_crosshair(false)
        .show_x(false)
        .show_y(false)
        .allow_drag(false)
        .allow_zoom(false)
}

/// Room around the data in each plot, as a share of its width and height: the last
/// tick's label (`5,000`) is centred on the edge of the data and was cut off at 5%.
const MARGIN: egui::Vec2 = egui::vec2(0.08, 0.05);

/// The share plot's height in points: at least this, so its curve still reads…
pub(super) const PLOT_MIN: f32 = 70.0;
/// … with its vertical axis named from this height up.
const Y_LABEL_MIN: f32 = 110.0;
/// … and in the demo, whose panel scrolls, at least this: at 960×540 the plot was
/// squeezed to its bare minimum, one tick and no axis name, to keep the controls
/// above the fold; now the controls scroll.
pub(super) const DEMO_PLOT_MIN: f32 = Y_LABEL_MIN;
/// … and, in the demo, at most this, so a tall window keeps room for the sections
/// below it.
pub(super) const PLOT_MAX: f32 = 260.0;
/// The compared shapes' two plots together, within these bounds…
pub(super) const COMPARE_MIN: f32 = 170.0;
pub(super) const COMPARE_MAX: f32 = 380.0;
/// … of which the shares take this share and the reach the rest.
const COMPARE_SHARE_PART: f32 = 0.57;

/// `measure` against employees, counted and expected, titled; `answer` marks the
/// world now (a question's revealed answer). The plot takes `height` points, its
/// title above and its legend below it.
pub(super) fn plot(
    ui: &mut egui::Ui,
    state: &PanelState,
    measure: Measure,
    answer: Option<&ContactStats>,
    height: f32,
) {
    let (history, texts, pal) = (&state.history, &state.texts, &state.theme.palette);
    let log = state.view.log_plot;
    let axis = |v: f64| if log { v.log10() } else { v };
    let (title, y_name) = match measure {
        Measure::CustomerShare => (Msg::PlotTitle, Msg::PlotAxisShare),
        Measure::InCustomerContact => (Msg::PlotTitlePeople, Msg::PlotAxisPeople),
    };
    ui.strong(texts.get(title));
    let curve = ShareCurve::of(measure, history.samples(), &state.settings.params);
    let on_axes = |points: &[[f64; 2]]| -> Vec<[f64; 2]> {
        points.iter().map(|&[x, y]| [axis(x), axis(y)]).collect()
    };
    let counted = on_axes(&curve.counted);
    let expected = on_axes(&curve.expected);
    let marked: Vec<[f64; 2]> = answer
        .and_then(|s| ShareCurve::point_of(measure, s))
        .map(|p| on_axes(&[p]))
        .unwrap_or_default();
    let expected_name = texts.get(Msg::PlotExpected);
    let counted_name = texts.get(Msg::PlotCounted);
    let mut frame = still_plot("share", height).x_axis_label(texts.get(Msg::PlotAxisEmployees));
    if !log {
        frame = frame.include_y(0.0);
    }
    // A short plot leaves its axis unnamed: the name, turned on its side, would run
    // past the plot into the line above, and the plot's title says it anyway.
    if height >= Y_LABEL_MIN {
        frame = frame.y_axis_label(texts.get(y_name));
    }
    frame = with_axes(
        frame,
        texts.lang,
        (Unit::Employees, log),
        (Unit::Percent, log),
    );
    frame.show(ui, |plot| {
        plot.line(
            Line::new(expected_name.clone(), PlotPoints::from(expected))
                .color(egui_color(pal.plot_theory))
                .style(LineStyle::dashed_loose()),
        );
        // The world now, as a dot: while a question holds the world, the counted
        // line is a single point, and the room should see where it starts.
        if let Some(&now) = counted.last() {
            plot.points(
                Points::new("", PlotPoints::from(vec![now]))
                    .radius(4.0)
                    .filled(true)
                    .color(egui_color(pal.plot_measured)),
            );
        }
        plot.line(
            Line::new(counted_name.clone(), PlotPoints::from(counted))
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
}

/// The room's organisations on the model's curve, for the projection: employees on a
/// log axis from 1 to a million, the share of contacts with customers in percent; the
/// model's curve over the whole range; each step of sizes anyone entered as a dot on
/// the curve, larger the more entered it; each guess as a ring at its size, tied to its
/// dot by a faint line (how far it was off); the part's examples as diamonds. Takes
/// `height` points, its legend below.
pub(super) fn organisations_plot(
    ui: &mut egui::Ui,
    on_curve: &OnCurve,
    params: &Params,
    texts: &Texts,
    pal: &Palette,
    height: f32,
) {
    let model = |n: f64| Measure::CustomerShare.expected_at(params, n).map(percent);
    let top = f64::from(MAX_EMPLOYEES).log10();
    let curve: Vec<[f64; 2]> = (0..=ORGANISATIONS_CURVE_POINTS)
        .filter_map(|k| {
            let x = top * f64::from(k) / f64::from(ORGANISATIONS_CURVE_POINTS);
            Some([x, model(10f64.powf(x))?])
        })
        .collect();
    let at = |n: u32| Some([f64::from(n).log10(), model(f64::from(n))?]);
    let (room, guess, example, expected) = (
        egui_color(pal.plot_measured),
        egui_color(pal.text),
        egui_color(pal.muted),
        egui_color(pal.plot_theory),
    );
    ui.strong(texts.get(Msg::PlotTitle));
    let frame = with_axes(
        still_plot("organisations", height)
            .x_axis_label(texts.get(Msg::PlotAxisEmployees))
            .y_axis_label(texts.get(Msg::PlotAxisShare))
            .include_x(0.0)
            .include_x(top)
            .include_y(0.0)
            .include_y(100.0),
        texts.lang,
        (Unit::Employees, true),
        (Unit::Percent, false),
    )
    // Every quarter labelled alike: egui_plot's finer marks came out faint, and on a
    // projector 30% or 70% could not be read.
    .y_grid_spacer(|input| {
        let (lo, hi) = input.bounds;
        (0..=4)
            .map(|k| f64::from(k) * 25.0)
            .filter(|v| (lo..=hi).contains(v))
            .map(|value| GridMark {
                value,
                step_size: 25.0,
            })
            .collect()
    });
    frame.show(ui, |plot| {
        plot.line(
            Line::new(texts.get(Msg::PlotExpected), PlotPoints::from(curve))
                .color(expected)
                .style(LineStyle::dashed_loose())
                .width(2.0),
        );
        for &n in &on_curve.examples {
            if let Some(p) = at(n) {
                plot.points(
                    Points::new("", PlotPoints::from(vec![p]))
                        .shape(MarkerShape::Diamond)
                        .radius(7.0)
                        .filled(true)
                        .color(example),
                );
            }
        }
        // Each size's estimates: one faint line from its dot through the furthest of
        // them (how far off the room was), and every estimate as a ring, all drawn as
        // one series whatever the room's size.
        let mut rings: Vec<[f64; 2]> = Vec::with_capacity(on_curve.guesses.len());
        for &(n, _) in &on_curve.steps {
            let Some(p) = at(n) else { continue };
            let here = on_curve
                .guesses
                .iter()
                .filter(|(m, _)| *m == n)
                .map(|g| g.1);
            let (lo, hi) = here.fold((p[1], p[1]), |(lo, hi), g| (lo.min(g), hi.max(g)));
            if hi > lo {
                plot.line(
                    Line::new("", PlotPoints::from(vec![[p[0], lo], [p[0], hi]]))
                        .color(guess.gamma_multiply(0.6))
                        .width(1.5),
                );
            }
        }
        for &(n, g) in &on_curve.guesses {
            if let Some(p) = at(n) {
                rings.push([p[0], g]);
            }
        }
        if !rings.is_empty() {
            plot.points(
                Points::new("", PlotPoints::from(rings))
                    .radius(6.0)
                    .filled(false)
                    .color(guess),
            );
        }
        for &(n, count) in &on_curve.steps {
            if let Some(p) = at(n) {
                let radius = 5.0 + 3.0 * (count as f32).sqrt();
                plot.points(
                    Points::new("", PlotPoints::from(vec![p]))
                        .radius(radius)
                        .filled(true)
                        .color(room),
                );
                // How many entered that size, beside a dot of more than one.
                if count > 1 {
                    let words = egui::RichText::new(format!("×{count}"))
                        .size((height * 0.06).max(12.0))
                        .strong();
                    plot.text(
                        Text::new("", PlotPoint::new(p[0] + 0.15, p[1] + 3.0), words)
                            .anchor(egui::Align2::LEFT_BOTTOM)
                            .color(room),
                    );
                }
            }
        }
    });
    let mut keys = vec![(Key::Dashed, expected, texts.get(Msg::PlotExpected))];
    if !on_curve.steps.is_empty() {
        keys.push((Key::Dot, room, texts.get(Msg::OrganisationsLegendRoom)));
    }
    if !on_curve.guesses.is_empty() {
        keys.push((Key::Ring, guess, texts.get(Msg::OrganisationsLegendGuess)));
    }
    if !on_curve.examples.is_empty() {
        keys.push((
            Key::Marker,
            example,
            texts.get(Msg::OrganisationsLegendExamples),
        ));
    }
    legend(ui, &keys);
}

/// Points of the model's curve under the room's organisations.
const ORGANISATIONS_CURVE_POINTS: u32 = 120;

/// What the room's organisations put on the curve, each size at its step
/// ([`size_step`](crate::intent::organisations::size_step)).
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct OnCurve {
    /// Each step anyone entered, and how many entered it.
    pub steps: Vec<(u32, u32)>,
    /// Each guess: its size's step, and the share guessed in percent.
    pub guesses: Vec<(u32, f64)>,
    /// The part's examples, at their steps.
    pub examples: Vec<u32>,
}

/// The height the panel's plots share: what its other contents left free of its height
/// in the last frame. The plots grow and shrink with the canvas, so the panel fits it
/// whole at every size (a recording cannot scroll); once a section is opened and even
/// the smallest plots leave too little, the panel scrolls.
pub(super) struct PlotRoom {
    /// Points left for the plots.
    pub(super) free: f32,
}

impl PlotRoom {
    /// The panel's contents besides the plots before their first frame, in points: a
    /// guess that one frame corrects.
    const FIRST_GUESS: f32 = 520.0;

    fn id() -> egui::Id {
        egui::Id::new("panel-besides-plots")
    }

    /// The room in the panel `ui` fills.
    pub(super) fn of(ui: &egui::Ui) -> Self {
        let besides = ui
            .ctx()
            .data(|d| d.get_temp::<f32>(Self::id()))
            .unwrap_or(Self::FIRST_GUESS);
        Self {
            free: ui.available_height() - besides,
        }
    }

    /// Notes the height the contents took besides the plots, for the next frame.
    pub(super) fn keep(&self, ctx: &egui::Context, besides: f32) {
        ctx.data_mut(|d| d.insert_temp(Self::id(), besides));
    }
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
    /// A filled circle.
    Dot,
    /// An open circle.
    Ring,
    /// A compared shape: a solid line with the shape's marker.
    Shape(CompareKind),
}

/// A legend under a plot, outside its area so it covers no line: each entry a short
/// sample of its series, then its name.
fn legend(ui: &mut egui::Ui, keys: &[(Key, egui::Color32, String)]) {
    ui.horizontal_wrapped(|ui| {
        for (key, color, name) in keys {
            keyed_label(ui, egui::vec2(22.0, 12.0), name, |painter, rect| {
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
                    Key::Dot => {
                        painter.circle_filled(rect.center(), 5.0, *color);
                    }
                    Key::Ring => {
                        painter.circle_stroke(rect.center(), 5.0, egui::Stroke::new(2.0, *color));
                    }
                }
                if let Key::Shape(kind) = key {
                    marker(painter, rect.center(), kind_marker(*kind), *color);
                }
            });
            ui.add_space(6.0);
        }
    });
}

/// The compared shapes' shares of contacts with customers against employees, counted
/// (solid) and expected (dashed), in each shape's colour; and their reach. Both plots
/// take `height` points together.
pub(super) fn compare_plots(
    ui: &mut egui::Ui,
    worlds: &CompareWorlds,
    view: &ViewSettings,
    texts: &Texts,
    pal: &Palette,
    height: f32,
) {
    let log = view.log_plot;
    let axis = |v: f64| if log { v.max(1e-9).log10() } else { v };
    let x = texts.get(Msg::PlotAxisEmployees);
    ui.strong(texts.get(Msg::PlotCompareTitle));
    let mut shares = still_plot("compare-share", height * COMPARE_SHARE_PART)
        .x_axis_label(x.clone())
        .y_axis_label(texts.get(Msg::PlotAxisShare));
    shares = with_axes(
        shares,
        texts.lang,
        (Unit::Employees, log),
        (Unit::Percent, log),
    );
    let keys: Vec<_> = worlds
        .views
        .iter()
        .map(|w| {
            (
                Key::Shape(w.kind),
                egui_color(pal.of_kind(w.kind)),
                texts.get(shape_name(w.kind)),
            )
        })
        .collect();
    shares.show(ui, |plot| {
        for w in &worlds.views {
            let color = egui_color(pal.of_kind(w.kind));
            let name = texts.get(shape_name(w.kind));
            let points = |f: fn(&ContactStats) -> Option<f64>| -> Vec<[f64; 2]> {
                w.history
                    .samples()
                    .filter_map(|s| Some((s.employees, percent(f(s)?))))
                    .filter(|&(n, share)| n > 0 && share > 0.0)
                    .map(|(n, share)| [axis(f64::from(n)), axis(share)])
                    .collect()
            };
            // Unnamed, so out of the legend: four shapes and four expectations
            // covered the plot; the title says the dashed lines are expectations.
            plot.line(
                Line::new(
                    "",
                    PlotPoints::from(points(|s| Some(s.customer_share_expected()))),
                )
                .color(color)
                .style(LineStyle::dashed_loose()),
            );
            let counted = points(ContactStats::customer_share);
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
    for w in &worlds.views {
        if let Some(most) = w.stops_at {
            let name = texts.get(shape_name(w.kind));
            ui.colored_label(
                egui_color(pal.muted),
                texts.fmt(
                    Msg::CompareGrowsToAtMost,
                    &[("name", name.into()), ("n", most.into())],
                ),
            );
        }
    }
    let window = worlds
        .views
        .first()
        .map_or(0, |w| w.pop.org.params().reach_window);
    ui.strong(texts.fmt(Msg::PlotReachTitle, &[("window", window.into())]));
    let mut reach = still_plot("compare-reach", height * (1.0 - COMPARE_SHARE_PART))
        .x_axis_label(x)
        .y_axis_label(texts.get(Msg::PlotAxisReach))
        .include_y(0.0)
        .include_y(100.0);
    // Reach is a share on a linear axis; only the employees may be logarithmic.
    reach = with_axes(
        reach,
        texts.lang,
        (Unit::Employees, log),
        (Unit::Percent, false),
    );
    reach.show(ui, |plot| {
        for w in &worlds.views {
            let points: Vec<[f64; 2]> = w
                .history
                .samples()
                .filter(|s| s.employees > 0)
                .map(|s| [axis(f64::from(s.employees)), percent(s.reach)])
                .collect();
            plot.line(
                Line::new(texts.get(shape_name(w.kind)), PlotPoints::from(points))
                    .color(egui_color(pal.of_kind(w.kind)))
                    .width(2.0),
            );
        }
    });
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
        MarkerShape::Down => vec![
            egui::pos2(c.x - r, c.y - r * 0.7),
            egui::pos2(c.x + r, c.y - r * 0.7),
            egui::pos2(c.x, c.y + r),
        ],
        MarkerShape::Left => vec![
            egui::pos2(c.x - r, c.y),
            egui::pos2(c.x + r * 0.7, c.y - r),
            egui::pos2(c.x + r * 0.7, c.y + r),
        ],
        MarkerShape::Right => vec![
            egui::pos2(c.x - r * 0.7, c.y - r),
            egui::pos2(c.x + r, c.y),
            egui::pos2(c.x - r * 0.7, c.y + r),
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

/// A what-if's marker in the plots.
fn kind_marker(kind: CompareKind) -> MarkerShape {
    match kind.marker {
        Marker::Circle => MarkerShape::Circle,
        Marker::Square => MarkerShape::Square,
        Marker::Diamond => MarkerShape::Diamond,
        Marker::Up => MarkerShape::Up,
        Marker::Down => MarkerShape::Down,
        Marker::Left => MarkerShape::Left,
        Marker::Right => MarkerShape::Right,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A linear axis labels round values at least the labels' gap apart, at every
    /// width: the 1920×1080 demo's 100 to 530 employees across 200 points among them.
    #[test]
    fn a_linear_axis_labels_round_values_far_enough_apart() {
        assert_eq!(round_steps(43.0), (50.0, 10.0));
        assert_eq!(round_steps(150.0), (200.0, 100.0));
        assert_eq!(round_steps(240.0), (250.0, 50.0));
        assert_eq!(round_steps(100.0), (100.0, 20.0));
        assert_eq!(round_steps(0.0), (0.0, 0.0));
        for (lo, hi, points) in [
            (100.0, 530.0, 200.0),
            (0.0, 6000.0, 300.0),
            (80.0, 95.0, 150.0),
            (60.0, 1000.0, 230.0),
        ] {
            let per_point: f64 = (hi - lo) / points;
            let marks = linear_x_marks(GridInput {
                bounds: (lo, hi),
                base_step_size: per_point * GRID_SPACING_MIN,
            });
            let labelled: Vec<f64> = marks
                .iter()
                .filter(|m| m.step_size / per_point > 60.0)
                .map(|m| m.value)
                .collect();
            assert!(labelled.len() >= 2, "{lo}–{hi} over {points}: {labelled:?}");
            for pair in labelled.windows(2) {
                let gap = (pair[1] - pair[0]) / per_point;
                assert!(
                    (X_LABEL_GAP..X_LABEL_GAP * 2.6).contains(&gap),
                    "{pair:?}: {gap}"
                );
            }
        }
    }

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
    }

    #[test]
    fn ticks_read_as_employees_and_percentages_in_each_language() {
        // A log axis's marks, as its formatter gets them (log₁₀ values), labelled.
        let labels = |lang: Lang, unit: Unit, a: f64, b: f64| -> Vec<String> {
            let input = GridInput {
                bounds: (a.log10(), b.log10()),
                base_step_size: 0.01,
            };
            log_marks(input)
                .iter()
                .map(|m| tick_label(lang, unit, 10f64.powf(m.value)))
                .collect()
        };
        // Parts 4 and 6: 80 to 6,000 employees, 30% down to 7%.
        assert_eq!(
            labels(Lang::EN, Unit::Employees, 60.0, 8000.0),
            ["100", "200", "500", "1,000", "2,000", "5,000"]
        );
        assert_eq!(
            labels(Lang::NL, Unit::Employees, 60.0, 8000.0),
            ["100", "200", "500", "1.000", "2.000", "5.000"]
        );
        assert_eq!(
            labels(Lang::EN, Unit::Percent, 6.0, 35.0),
            ["7%", "10%", "20%", "30%"]
        );
        assert_eq!(
            labels(Lang::EN, Unit::Percent, 3.0, 60.0),
            ["5%", "10%", "20%", "50%"]
        );
        // A share held within 10% and 32%: at least three marks, at a round step.
        assert_eq!(
            labels(Lang::NL, Unit::Percent, 10.3, 31.5),
            ["15%", "20%", "25%", "30%"]
        );
        assert_eq!(
            labels(Lang::NL, Unit::Percent, 0.3, 3.0),
            ["0,5%", "1%", "2%"]
        );
        assert_eq!(
            labels(Lang::EN, Unit::Percent, 0.3, 3.0),
            ["0.5%", "1%", "2%"]
        );
        // A million employees, over many decades: the powers of ten only.
        assert_eq!(
            labels(Lang::NL, Unit::Employees, 50.0, 2e6),
            ["100", "1.000", "10.000", "100.000", "1.000.000"]
        );
        // On linear axes the values come as they are.
        assert_eq!(tick_label(Lang::NL, Unit::Employees, 12_000.0), "12.000");
        assert_eq!(tick_label(Lang::EN, Unit::Percent, 62.5), "62.5%");
    }
}
