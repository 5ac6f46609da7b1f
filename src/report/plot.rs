//! The share of contacts with customers against the number of employees as a file for
//! reports, SVG or PNG (`simulate --plot`, and the handout's last page), drawn with
//! `plotters`: the counted share solid, the exact expectation dashed, in a theme's
//! colours and a language's words and numbers (employees, and percent), with the
//! legend below the plot so it covers no line.

use std::path::Path;

use bolwerk_model::Params;
use plotters::coord::Shift;
use plotters::coord::ranged1d::{Ranged, ValueFormatter};
use plotters::coord::types::RangedCoordf64;
use plotters::element::DashedPathElement;
use plotters::prelude::*;

use super::fonts;
use crate::failure::Failure;
use crate::i18n::{Lang, Msg, Texts};
use crate::intent::organisations::MAX_EMPLOYEES;
use crate::look::axes::{Unit, tick_label};
use crate::look::palette::{Palette, srgb_bytes};
use crate::sim::Measure;
use crate::sim::curve::{ShareCurve, log_ticks, percent};

/// A plot file's format, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlotFormat {
    /// Scalable: for reports and slides that are edited further.
    Svg,
    /// A picture of [`PNG_SIZE`] pixels.
    Png,
}

/// The SVG's size in its own units (pixels at 100%).
pub const SVG_SIZE: (u32, u32) = (800, 500);
/// The PNG's size: the SVG's, twice as sharp.
pub const PNG_SIZE: (u32, u32) = (1600, 1000);

impl PlotFormat {
    /// The format for `path`, or why it has none (`flag` names the option).
    pub fn for_path(path: &Path, flag: &str) -> Result<Self, Failure> {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("svg") => Ok(PlotFormat::Svg),
            Some(e) if e.eq_ignore_ascii_case("png") => Ok(PlotFormat::Png),
            _ => Err(Failure::Input(format!(
                "{flag} {}: the name must end in .svg or .png",
                path.display()
            ))),
        }
    }
}

/// How a plot looks: its words and numbers, its colours, its axes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlotStyle {
    /// The language of the title, axes, legend and numbers.
    pub lang: Lang,
    /// The theme's colours: background, text, counted and expected.
    pub palette: Palette,
    /// Log–log axes, on which the share's fall is a straight line (else linear).
    pub log: bool,
}

/// The plot as an SVG document.
pub fn svg(curve: &ShareCurve, style: &PlotStyle) -> Result<String, Failure> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, SVG_SIZE).into_drawing_area();
        draw(&root, curve, style, 1.0).map_err(failed)?;
        root.present().map_err(failed)?;
    }
    Ok(out)
}

/// The plot as a PNG file's bytes, `size` pixels.
pub fn png(curve: &ShareCurve, style: &PlotStyle, size: (u32, u32)) -> Result<Vec<u8>, Failure> {
    png_of(size, |root, scale| draw(root, curve, style, scale))
}

/// A room's organisations for paper: how many entered each size (at its step), and
/// each estimate given with one (its step, the share guessed in percent).
#[derive(Debug, Clone, Copy)]
pub struct RoomSizes<'a> {
    /// Each size entered, and how many entered it.
    pub steps: &'a [(u32, u32)],
    /// Each estimate, at its size.
    pub guesses: &'a [(u32, f64)],
}

/// The room's organisations on the model's curve as a PNG file's bytes, `size` pixels:
/// the projection's picture for paper. The dots sit where the model expects a sphere
/// of that many employees (`params`, the sphere's), each estimate a ring beside its
/// dot; the employees run on a log axis from 1 to 1,000,000, the share from 0 to 100%.
pub fn organisations_png(
    params: &Params,
    room: RoomSizes<'_>,
    style: &PlotStyle,
    size: (u32, u32),
) -> Result<Vec<u8>, Failure> {
    png_of(size, |root, scale| {
        draw_organisations(root, params, room, style, scale)
    })
}

/// A room's sketches for paper: the sizes they were drawn at, and at each the room's
/// middle sketch and middle half, in percent.
#[derive(Debug, Clone, Copy)]
pub struct RoomSketch<'a> {
    /// What the sketch is of.
    pub measure: Measure,
    /// The sizes, in employees, smallest first.
    pub sizes: &'a [u32],
    /// At each size: the quartile below, the middle one, the quartile above.
    pub spread: &'a [[f64; 3]],
    /// The top of the share axis, in percent, as the phones and the projection drew it.
    pub top: f64,
}

/// The room's sketches against the model's exact expectation as a PNG file's bytes,
/// `size` pixels: the expectation dashed from the first size to the last (`params`,
/// the sphere's), the middle half of the sketches as a band, the middle sketch as a
/// line with a dot at each size.
pub fn sketch_png(
    params: &Params,
    room: RoomSketch<'_>,
    style: &PlotStyle,
    size: (u32, u32),
) -> Result<Vec<u8>, Failure> {
    png_of(size, |root, scale| {
        draw_sketch(root, params, room, style, scale)
    })
}

/// The room's sketches on the model's curve ([`sketch_png`]).
fn draw_sketch<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    params: &Params,
    room: RoomSketch<'_>,
    style: &PlotStyle,
    scale: f64,
) -> Result<(), String> {
    let texts = blank(root, style)?;
    let pal = &style.palette;
    let (Some(&first), Some(&last)) = (room.sizes.first(), room.sizes.last()) else {
        return Err("a sketch has sizes".into());
    };
    let (lo, hi) = (f64::from(first), f64::from(last));
    let curve: Vec<(f64, f64)> = (0..=CURVE_POINTS)
        .filter_map(|k| {
            let n = lo * (hi / lo).powf(f64::from(k) / f64::from(CURVE_POINTS));
            Some((n, percent(room.measure.expected_at(params, n)?)))
        })
        .collect();
    let px = |points: f64| (points * scale).round() as i32;
    let width = |points: f64| (points * scale).round().max(1.0) as u32;
    let (w, upper, lower) = strips(root, scale);
    let text = rgb(pal.text);
    let pad = (hi / lo).powf(0.05);
    let title = match room.measure {
        Measure::CustomerShare => Msg::PlotTitle,
        Measure::InCustomerContact => Msg::PlotTitlePeople,
    };
    let axis = match room.measure {
        Measure::CustomerShare => Msg::PlotAxisShare,
        Measure::InCustomerContact => Msg::PlotAxisPeople,
    };
    let mut chart = titled(&upper, &texts.get(title), text, scale)
        .build_cartesian_2d(
            (lo / pad..hi * pad)
                .log_scale()
                .with_key_points(room.sizes.iter().map(|&n| f64::from(n)).collect()),
            0.0..room.top,
        )
        .map_err(|e| e.to_string())?;
    let labels = Labels {
        x: texts.get(Msg::PlotAxisEmployees),
        y: texts.get(axis),
        lang: style.lang,
    };
    mesh(&mut chart, &labels, pal, scale, Some(5))?;
    // A sketch above the axis (typed) at its top, as the phones drew it.
    let at = |i: usize, k: usize| (f64::from(room.sizes[i]), room.spread[i][k].min(room.top));
    let n = room.spread.len().min(room.sizes.len());
    let mut band: Vec<(f64, f64)> = (0..n).map(|i| at(i, 2)).collect();
    band.extend((0..n).rev().map(|i| at(i, 0)));
    chart
        .draw_series(std::iter::once(Polygon::new(band, text.mix(0.25).filled())))
        .map_err(|e| e.to_string())?;
    let expected = rgb(pal.plot_theory);
    model_curve(&mut chart, curve, expected, scale)?;
    let middle: Vec<(f64, f64)> = (0..n).map(|i| at(i, 1)).collect();
    chart
        .draw_series(LineSeries::new(
            middle.clone(),
            text.stroke_width(width(2.2)),
        ))
        .map_err(|e| e.to_string())?;
    chart
        .draw_series(
            middle
                .into_iter()
                .map(|p| Circle::new(p, px(4.0), text.filled())),
        )
        .map_err(|e| e.to_string())?;
    legend(
        &lower,
        w,
        &[
            (Key::Dashed(expected, 1.6), texts.get(Msg::PlotExpected)),
            (Key::Line(text, 2.2), texts.get(Msg::SketchRoomMiddle)),
            (Key::Band(text.mix(0.25)), texts.get(Msg::SketchRoomSpread)),
        ],
        text,
        scale,
    )
    .map_err(|e| e.to_string())
}

/// A plot's canvas: the plots' fonts known, the background filled; the texts of the
/// plot's language.
fn blank<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    style: &PlotStyle,
) -> Result<Texts, String> {
    fonts::register_for_plots();
    root.fill(&rgb(style.palette.background))
        .map_err(|e| e.to_string())?;
    Ok(Texts::new(style.lang))
}

/// The model's exact curve through `points`, dashed in `colour`, as the room's paper
/// plots draw it (the debrief's sketch and organisations).
fn model_curve<DB: DrawingBackend, X, Y>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<X, Y>>,
    points: Vec<(f64, f64)>,
    colour: RGBColor,
    scale: f64,
) -> Result<(), String>
where
    X: Ranged<ValueType = f64>,
    Y: Ranged<ValueType = f64>,
{
    let px = |points: f64| (points * scale).round() as i32;
    let width = (1.6 * scale).round().max(1.0) as u32;
    chart
        .draw_series(DashedLineSeries::new(
            points,
            px(7.0),
            px(5.0),
            colour.stroke_width(width),
        ))
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// Draws with `draw` on a bitmap of `size` pixels, told the size of a point in pixels,
/// and encodes it as PNG.
fn png_of(
    size: (u32, u32),
    draw: impl FnOnce(&DrawingArea<BitMapBackend<'_>, Shift>, f64) -> Result<(), String>,
) -> Result<Vec<u8>, Failure> {
    let (w, h) = size;
    let mut rgb = vec![0u8; w as usize * h as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, size).into_drawing_area();
        draw(&root, f64::from(w) / f64::from(SVG_SIZE.0)).map_err(failed)?;
        root.present().map_err(failed)?;
    }
    let picture = image::RgbImage::from_raw(w, h, rgb).expect("the buffer is w × h × 3");
    let mut bytes = std::io::Cursor::new(Vec::new());
    picture
        .write_to(&mut bytes, image::ImageFormat::Png)
        .map_err(|e| Failure::Runtime(format!("cannot encode the plot: {e}")))?;
    Ok(bytes.into_inner())
}

/// The plot in `format`, as bytes to write.
pub fn render(
    curve: &ShareCurve,
    style: &PlotStyle,
    format: PlotFormat,
) -> Result<Vec<u8>, Failure> {
    match format {
        PlotFormat::Svg => svg(curve, style).map(String::into_bytes),
        PlotFormat::Png => png(curve, style, PNG_SIZE),
    }
}

fn failed(e: impl std::fmt::Display) -> Failure {
    Failure::Runtime(format!("cannot draw the plot: {e}"))
}

fn rgb(c: bevy::prelude::Color) -> RGBColor {
    let [r, g, b] = srgb_bytes(c);
    RGBColor(r, g, b)
}

/// Draws the whole plot on `root`; `scale` is the size of a point in pixels.
fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    curve: &ShareCurve,
    style: &PlotStyle,
    scale: f64,
) -> Result<(), String> {
    let texts = blank(root, style)?;
    let pal = &style.palette;
    let Some(([x0, x1], [y0, y1])) = curve.bounds() else {
        return Err("there is nothing to plot: no sample had a customer contact yet".into());
    };
    // Room around the data, so the curves never run along the frame; on log axes a
    // share of the range, in factors.
    let pad = |lo: f64, hi: f64| {
        if style.log {
            let f = (hi / lo).powf(0.04).max(1.05);
            (lo / f, hi * f)
        } else {
            let m = ((hi - lo) * 0.04).max(hi.abs() * 0.02).max(1e-9);
            ((lo - m).max(0.0), hi + m)
        }
    };
    let (x0, x1) = pad(x0, x1);
    let (y0, y1) = pad(y0, y1);
    let (w, upper, lower) = strips(root, scale);
    let mut builder = titled(&upper, &texts.get(Msg::PlotTitle), rgb(pal.text), scale);
    let labels = Labels {
        x: texts.get(Msg::PlotAxisEmployees),
        y: texts.get(Msg::PlotAxisShare),
        lang: style.lang,
    };
    if style.log {
        // plotters marks only powers of ten: a ratio within one decade had none.
        let ticks = |lo: f64, hi: f64| -> Vec<f64> {
            log_ticks(lo.log10(), hi.log10())
                .into_iter()
                .map(|(v, _)| 10f64.powf(v))
                .collect()
        };
        let mut chart = builder
            .build_cartesian_2d(
                (x0..x1).log_scale().with_key_points(ticks(x0, x1)),
                (y0..y1).log_scale().with_key_points(ticks(y0, y1)),
            )
            .map_err(|e| e.to_string())?;
        series(&mut chart, curve, style, scale, &labels)?;
    } else {
        let mut chart = builder
            .build_cartesian_2d::<RangedCoordf64, RangedCoordf64>((x0..x1).into(), (y0..y1).into())
            .map_err(|e| e.to_string())?;
        series(&mut chart, curve, style, scale, &labels)?;
    }
    legend(
        &lower,
        w,
        &[
            (
                Key::Line(rgb(pal.plot_measured), 2.4),
                texts.get(Msg::PlotCounted),
            ),
            (
                Key::Dashed(rgb(pal.plot_theory), 1.6),
                texts.get(Msg::PlotExpected),
            ),
        ],
        rgb(pal.text),
        scale,
    )
    .map_err(|e| e.to_string())
}

/// The room's organisations on the model's curve ([`organisations_png`]).
fn draw_organisations<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    params: &Params,
    room: RoomSizes<'_>,
    style: &PlotStyle,
    scale: f64,
) -> Result<(), String> {
    let texts = blank(root, style)?;
    let pal = &style.palette;
    let model = |n: f64| Measure::CustomerShare.expected_at(params, n).map(percent);
    let top = f64::from(MAX_EMPLOYEES);
    let curve: Vec<(f64, f64)> = (0..=CURVE_POINTS)
        .filter_map(|k| {
            let n = top.powf(f64::from(k) / f64::from(CURVE_POINTS));
            Some((n, model(n)?))
        })
        .collect();
    if curve.is_empty() {
        return Err("the model's curve is the sphere's, and this world is not one".into());
    }
    let px = |points: f64| (points * scale).round() as i32;
    let width = |points: f64| (points * scale).round().max(1.0) as u32;
    let (w, upper, lower) = strips(root, scale);
    let text = rgb(pal.text);
    let powers: Vec<f64> = (0..=6).map(|k| 10f64.powi(k)).collect();
    let mut chart = titled(&upper, &texts.get(Msg::PlotTitle), text, scale)
        .build_cartesian_2d(
            (0.7..top * 1.4).log_scale().with_key_points(powers),
            0.0..100.0,
        )
        .map_err(|e| e.to_string())?;
    let labels = Labels {
        x: texts.get(Msg::PlotAxisEmployees),
        y: texts.get(Msg::PlotAxisShare),
        lang: style.lang,
    };
    mesh(&mut chart, &labels, pal, scale, Some(5))?;
    let expected = rgb(pal.plot_theory);
    model_curve(&mut chart, curve, expected, scale)?;
    let at = |n: u32| Some((f64::from(n), model(f64::from(n))?));
    // Each size's estimates: a faint line from its dot to the furthest, then a ring
    // for each.
    for &(n, _) in room.steps {
        let Some((x, y)) = at(n) else { continue };
        let here = room.guesses.iter().filter(|g| g.0 == n).map(|g| g.1);
        let (lo, hi) = here.fold((y, y), |(lo, hi), g| (lo.min(g), hi.max(g)));
        if hi > lo {
            chart
                .draw_series(std::iter::once(PathElement::new(
                    [(x, lo), (x, hi)],
                    text.mix(0.5).stroke_width(width(1.0)),
                )))
                .map_err(|e| e.to_string())?;
        }
    }
    let ring = text.stroke_width(width(1.4));
    chart
        .draw_series(
            room.guesses
                .iter()
                .map(|&(n, g)| Circle::new((f64::from(n), g), px(5.0), ring)),
        )
        .map_err(|e| e.to_string())?;
    let dot = rgb(pal.plot_measured);
    for &(n, count) in room.steps {
        let Some(p) = at(n) else { continue };
        let radius = px(4.0 + 2.5 * f64::from(count).sqrt());
        chart
            .draw_series(std::iter::once(Circle::new(p, radius, dot.filled())))
            .map_err(|e| e.to_string())?;
        // How many entered that size, beside a dot of more than one.
        if count > 1 {
            chart
                .draw_series(std::iter::once(
                    EmptyElement::at(p)
                        + Text::new(
                            format!("×{count}"),
                            (radius + px(3.0), -radius - px(10.0)),
                            ("sans-serif", 13.0 * scale).into_font().color(&dot),
                        ),
                ))
                .map_err(|e| e.to_string())?;
        }
    }
    // The legend, in its own strip: the curve, the dots, the rings.
    legend(
        &lower,
        w,
        &[
            (Key::Dashed(expected, 1.6), texts.get(Msg::PlotExpected)),
            (Key::Dot(dot), texts.get(Msg::OrganisationsLegendRoom)),
            (Key::Ring(text), texts.get(Msg::OrganisationsLegendGuess)),
        ],
        text,
        scale,
    )
    .map_err(|e| e.to_string())
}

/// Points on the organisations' curve, from 1 to 1,000,000 employees.
const CURVE_POINTS: u32 = 120;

/// The axes' names and the language of their numbers.
struct Labels {
    x: String,
    y: String,
    lang: Lang,
}

/// The mesh, the axes and both curves.
fn series<DB: DrawingBackend, X, Y>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<X, Y>>,
    curve: &ShareCurve,
    style: &PlotStyle,
    scale: f64,
    labels: &Labels,
) -> Result<(), String>
where
    X: Ranged<ValueType = f64> + ValueFormatter<f64>,
    Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
{
    let pal = &style.palette;
    mesh(chart, labels, pal, scale, None)?;
    let width = |points: f64| (points * scale).round().max(1.0) as u32;
    let expected = rgb(pal.plot_theory).stroke_width(width(1.6));
    chart
        .draw_series(DashedLineSeries::new(
            curve.expected.iter().map(|&[x, y]| (x, y)),
            (7.0 * scale) as i32,
            (5.0 * scale) as i32,
            expected,
        ))
        .map_err(|e| e.to_string())?;
    let counted = rgb(pal.plot_measured).stroke_width(width(2.4));
    chart
        .draw_series(LineSeries::new(
            curve.counted.iter().map(|&[x, y]| (x, y)),
            counted,
        ))
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// How a legend shows what an entry names: as the plot draws it.
enum Key {
    /// A solid line this many points wide.
    Line(RGBColor, f64),
    /// A dashed line this many points wide.
    Dashed(RGBColor, f64),
    /// A filled dot.
    Dot(RGBColor),
    /// A ring.
    Ring(RGBColor),
    /// A band, filled.
    Band(RGBAColor),
}

/// The legend, in its own strip under the plot (`area`, `width` pixels wide): a sample
/// of each entry, then its name, in `text`'s colour; an entry that would run past the
/// strip's edge is left out, with those after it.
fn legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    width: u32,
    entries: &[(Key, String)],
    text: RGBColor,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let font = ("sans-serif", 13.0 * scale).into_font().color(&text);
    let px = |points: f64| (points * scale).round() as i32;
    let stroke = |points: f64| px(points).max(1) as u32;
    let y = px(14.0);
    let mut x = px(78.0);
    for (key, name) in entries {
        let (tw, _) = area.estimate_text_size(name, &font)?;
        if x + px(38.0) + tw as i32 > width as i32 {
            break;
        }
        let sample = [(x, y), (x + px(30.0), y)];
        let centre = (x + px(15.0), y);
        match *key {
            Key::Line(color, w) => {
                area.draw(&PathElement::new(sample, color.stroke_width(stroke(w))))?
            }
            Key::Dashed(color, w) => area.draw(&DashedPathElement::new(
                sample,
                px(7.0),
                px(5.0),
                color.stroke_width(stroke(w)),
            ))?,
            Key::Dot(color) => area.draw(&Circle::new(centre, px(6.0), color.filled()))?,
            Key::Ring(color) => area.draw(&Circle::new(
                centre,
                px(5.0),
                color.stroke_width(stroke(1.4)),
            ))?,
            Key::Band(color) => area.draw(&Rectangle::new(
                [(x, y - px(6.0)), (x + px(30.0), y + px(6.0))],
                color.filled(),
            ))?,
        }
        area.draw(&Text::new(
            name.clone(),
            (x + px(38.0), y - px(7.0)),
            font.clone(),
        ))?;
        x += px(38.0) + tw as i32 + px(28.0);
    }
    Ok(())
}

/// A plot's two strips: the chart's above, the legend's below (34 points high); and
/// the width, in pixels.
fn strips<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    scale: f64,
) -> (u32, DrawingArea<DB, Shift>, DrawingArea<DB, Shift>) {
    let (w, h) = root.dim_in_pixel();
    let legend = (34.0 * scale).round().max(1.0) as u32;
    let (upper, lower) = root.split_vertically(h.saturating_sub(legend));
    (w, upper, lower)
}

/// The chart on `area`, as every plot for paper frames it: its `title` at the top, in
/// `text`'s colour, and room for the axes' numbers and names.
fn titled<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    title: &str,
    text: RGBColor,
    scale: f64,
) -> ChartBuilder<'a, 'static, DB> {
    let px = |points: f64| (points * scale).round() as i32;
    let mut builder = ChartBuilder::on(area);
    builder
        .caption(
            capitalised(title),
            ("sans-serif", 19.0 * scale).into_font().color(&text),
        )
        .margin(px(14.0))
        .x_label_area_size(px(48.0))
        .y_label_area_size(px(64.0));
    builder
}

/// The axes and the grid, as every plot for paper has them: employees along and
/// percent up, named by `labels`, in the theme's colours; `y_labels` percent labels, or
/// as many as plotters chooses.
fn mesh<DB: DrawingBackend, X, Y>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<X, Y>>,
    labels: &Labels,
    pal: &Palette,
    scale: f64,
    y_labels: Option<usize>,
) -> Result<(), String>
where
    X: Ranged<ValueType = f64> + ValueFormatter<f64>,
    Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
{
    let (text, muted) = (rgb(pal.text), rgb(pal.muted));
    let lang = labels.lang;
    let employees = move |v: &f64| tick_label(lang, Unit::Employees, *v);
    let percent = move |v: &f64| tick_label(lang, Unit::Percent, *v);
    let mut mesh = chart.configure_mesh();
    mesh.x_desc(labels.x.as_str())
        .y_desc(labels.y.as_str())
        .x_label_formatter(&employees)
        .y_label_formatter(&percent)
        .axis_desc_style(("sans-serif", 14.0 * scale).into_font().color(&text))
        .label_style(("sans-serif", 12.0 * scale).into_font().color(&text))
        .axis_style(muted.stroke_width(scale.round().max(1.0) as u32))
        .bold_line_style(muted.mix(0.25))
        .light_line_style(muted.mix(0.08));
    if let Some(n) = y_labels {
        mesh.y_labels(n);
    }
    mesh.draw().map_err(|e| e.to_string())
}

/// A panel heading as a title: its first letter a capital.
fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
