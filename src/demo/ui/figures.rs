//! The live figures: the big ratio with its expectation, and the counts.

use bevy_egui::egui;

use crate::demo::palette::{Palette, egui_color};
use crate::i18n::{Arg, Msg, Texts};
use crate::sim::ContactStats;

/// The big ratio's size, in points.
const RATIO_SIZE: f32 = 40.0;

/// The big ratio and its exact expectation beside it.
pub(super) fn ratio(ui: &mut egui::Ui, stats: &ContactStats, texts: &Texts, pal: &Palette) {
    ui.label(texts.get(Msg::RatioCaption));
    ui.label(
        egui::RichText::new(texts.num(stats.ratio, 4))
            .size(RATIO_SIZE)
            .strong()
            .color(egui_color(pal.plot_measured)),
    );
    ui.label(texts.fmt(Msg::RatioExpected, &[("value", Arg::Num(stats.theory, 4))]));
}

/// The big ratio, then the counts, one a row.
pub(super) fn figures(ui: &mut egui::Ui, stats: &ContactStats, texts: &Texts, pal: &Palette) {
    ratio(ui, stats, texts, pal);
    egui::Grid::new("figures").num_columns(2).show(ui, |ui| {
        figure(
            ui,
            texts.get(Msg::FigureEmployees),
            texts.int(stats.employees.into()),
        );
        figure(ui, texts.get(Msg::FigureRadius), texts.num(stats.radius, 2));
        figure(
            ui,
            texts.get(Msg::FigureColleagueContacts),
            texts.int(stats.internal),
        );
        figure(
            ui,
            texts.get(Msg::FigureCustomer),
            texts.int(stats.customer),
        );
        figure(
            ui,
            texts.get(Msg::FigureInCustomerContact),
            texts.fmt(
                Msg::Share,
                &[("value", Arg::Num(stats.front_office_share * 100.0, 1))],
            ),
        );
        figure(ui, texts.get(Msg::FigureStep), texts.int(stats.tick));
    });
}

/// One row of the figures: a label and its value.
fn figure(ui: &mut egui::Ui, label: String, value: String) {
    ui.label(label);
    ui.monospace(value);
    ui.end_row();
}
