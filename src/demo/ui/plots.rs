//! The plots: the ratio against size with its expectation, and in a comparison each
//! shape's ratio and reach.

use bevy::prelude::*;
use bevy_egui::egui;
use bolwerk_model::Shape;
use bolwerk_model::theory::ratio_exact;
use egui_plot::{Legend, Line, LineStyle, Plot, PlotPoints};

use crate::demo::palette::{Palette, egui_color};
use crate::i18n::{Msg, Texts};
use crate::intent::ViewSettings;
use crate::sim::compare::CompareWorlds;
use crate::sim::{ContactStats, SimSettings, StatsHistory};

/// Points of the theory curve in the plot.
const THEORY_POINTS: u32 = 120;

/// The ratio against the organisation's size, measured and expected.
pub(super) fn plot(
    ui: &mut egui::Ui,
    history: &StatsHistory,
    settings: &SimSettings,
    view: &ViewSettings,
    texts: &Texts,
    pal: &Palette,
) {
    let log = view.log_plot;
    let axis = |v: f64| if log { v.log10() } else { v };
    let p = &settings.params;
    // The sphere plots against its radius; other shapes against head count, the one
    // size every shape shares.
    let sphere = p.shape == Shape::Sphere;
    let size = |s: &ContactStats| {
        if sphere {
            s.radius
        } else {
            f64::from(s.employees)
        }
    };
    let measured: Vec<[f64; 2]> = history
        .samples()
        .filter(|s| size(s) > 0.0 && s.ratio > 0.0)
        .map(|s| [axis(size(s)), axis(s.ratio)])
        .collect();
    let (r0, r1) = history
        .samples()
        .fold((f64::INFINITY, 0.0f64), |(lo, hi), s| {
            (lo.min(s.radius), hi.max(s.radius))
        });
    // A fixed head count has one R: show the curve around it, so the point has a reference.
    let (r0, r1) = if r1 >= r0 && r1 < r0 * 1.05 {
        (r0 * 0.9, r1 * 1.1)
    } else {
        (r0, r1)
    };
    // The sphere's expectation is a function of R alone: draw it smooth. Other shapes
    // depend on more than one size, so their expectation is drawn where it was sampled.
    let theory: Vec<[f64; 2]> = if !sphere {
        history
            .samples()
            .filter(|s| size(s) > 0.0 && s.theory > 0.0)
            .map(|s| [axis(size(s)), axis(s.theory)])
            .collect()
    } else if r1 > r0 && r0 > 0.0 {
        (0..=THEORY_POINTS)
            .map(|k| r0 * (r1 / r0).powf(f64::from(k) / f64::from(THEORY_POINTS)))
            .map(|r| [axis(r), axis(ratio_exact(p.rho, p.rho_c, p.d, r))])
            .collect()
    } else {
        Vec::new()
    };
    let x = match (sphere, log) {
        (true, true) => texts.get(Msg::PlotAxisLogR),
        (true, false) => texts.get(Msg::PlotAxisR),
        (false, true) => texts.get(Msg::PlotAxisLogN),
        (false, false) => texts.get(Msg::PlotAxisN),
    };
    let y = if log {
        texts.get(Msg::PlotAxisLogRatio)
    } else {
        texts.get(Msg::PlotAxisRatio)
    };
    Plot::new("ratio")
        .height(220.0)
        .legend(Legend::default())
        .x_axis_label(x)
        .y_axis_label(y)
        .allow_scroll(false)
        .show(ui, |plot| {
            plot.line(
                Line::new(
                    texts.get(if sphere {
                        Msg::PlotTheory
                    } else {
                        Msg::PlotTheoryShape
                    }),
                    PlotPoints::from(theory),
                )
                .color(egui_color(pal.plot_theory))
                .style(LineStyle::dashed_loose()),
            );
            plot.line(
                Line::new(texts.get(Msg::PlotMeasured), PlotPoints::from(measured))
                    .color(egui_color(pal.plot_measured))
                    .width(2.0),
            );
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
) {
    let log = view.log_plot;
    let axis = |v: f64| if log { v.max(1e-9).log10() } else { v };
    let x = if log {
        texts.get(Msg::PlotAxisLogN)
    } else {
        texts.get(Msg::PlotAxisN)
    };
    ui.strong(texts.get(Msg::PlotCompareTitle));
    Plot::new("compare-ratio")
        .height(200.0)
        .legend(Legend::default())
        .x_axis_label(x.clone())
        .y_axis_label(texts.get(Msg::PlotAxisRatio))
        .allow_scroll(false)
        .show(ui, |plot| {
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
                plot.line(
                    Line::new(
                        texts.fmt(Msg::PlotTheoryOf, &[("shape", name.clone().into())]),
                        PlotPoints::from(points(|s| s.theory)),
                    )
                    .color(color)
                    .style(LineStyle::dashed_loose()),
                );
                plot.line(
                    Line::new(name, PlotPoints::from(points(|s| s.ratio)))
                        .color(color)
                        .width(2.0),
                );
            }
        });
    let window = worlds
        .views
        .first()
        .map_or(0, |w| w.pop.org.params().reach_window);
    ui.strong(texts.fmt(Msg::PlotReachTitle, &[("window", window.into())]));
    Plot::new("compare-reach")
        .height(150.0)
        .x_axis_label(x)
        .y_axis_label(texts.get(Msg::PlotAxisReach))
        .include_y(0.0)
        .include_y(1.0)
        .allow_scroll(false)
        .show(ui, |plot| {
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
}
