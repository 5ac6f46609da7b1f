//! The live figures: the headline (the share of contacts with customers, in percent,
//! with its exact expectation), and the counts behind it.

use bevy_egui::egui;

use super::color::egui_color;
use crate::i18n::{Arg, Msg, Texts};
use crate::look::palette::Palette;
use crate::sim::ContactStats;
use crate::sim::curve::percent;

/// The headline's size, in points.
const HEADLINE_SIZE: f32 = 40.0;

/// The headline: the share of all contacts that are with a customer, large, with the
/// model's exact expectation beside it, and, for a room, in words (“25 in every 100
/// contacts …”).
pub(super) fn headline(
    ui: &mut egui::Ui,
    stats: &ContactStats,
    texts: &Texts,
    pal: &Palette,
    words: bool,
) {
    ui.label(texts.get(Msg::HeadlineCaption));
    let share = stats.customer_share();
    let big = share.map_or_else(|| "–".to_string(), |s| percent_text(texts, s));
    let expected = texts.fmt(
        Msg::HeadlineExpected,
        &[(
            "value",
            Arg::Num(
                percent(stats.customer_share_expected()),
                decimals(stats.customer_share_expected()),
            ),
        )],
    );
    big_with_expectation(
        ui,
        big,
        HEADLINE_SIZE,
        egui_color(pal.plot_measured),
        expected,
    );
    if let Some(share) = share.filter(|_| words) {
        ui.label(in_words(texts, share));
    }
}

/// A figure, large, with its expectation in small type beside it (wrapping there), so
/// that the two take one row.
fn big_with_expectation(
    ui: &mut egui::Ui,
    value: String,
    size: f32,
    color: egui::Color32,
    expected: String,
) {
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(value).size(size).strong().color(color));
        ui.add(egui::Label::new(expected).wrap());
    });
}

/// A share (0 to 1) as a percentage with one decimal: `24.7%`, `24,7%`.
pub(super) fn percent_text(texts: &Texts, share: f64) -> String {
    texts.fmt(
        Msg::Share,
        &[("value", Arg::Num(percent(share), decimals(share)))],
    )
}

/// Decimals enough to show a share in percent with two significant digits below 1%
/// (everyone in contact with everyone brings it to hundredths of a percent), else one.
fn decimals(share: f64) -> usize {
    let p = percent(share);
    if p <= 0.0 || p >= 1.0 {
        1
    } else {
        // 0.5% as 0.50%, 0.018% as 0.018%.
        (1.0 - p.log10().floor()).clamp(1.0, 4.0) as usize
    }
}

/// The share in words a room hears at once: “25 of every 100 contacts are with a
/// customer” (“fewer than 1 …” below half a percent).
pub(super) fn in_words(texts: &Texts, share: f64) -> String {
    match percent(share).round() as u64 {
        0 => texts.get(Msg::HeadlineUnderOne),
        n => texts.fmt(Msg::HeadlineInWords, &[("n", n.into())]),
    }
}

/// The share of employees in customer contact right now, with its expectation: a
/// figure about employees rather than contacts.
pub(super) fn in_customer_contact(
    ui: &mut egui::Ui,
    stats: &ContactStats,
    texts: &Texts,
    pal: &Palette,
) {
    ui.label(texts.get(Msg::FigureEmployeesInCustomerContact));
    let expected = texts.fmt(
        Msg::HeadlineExpected,
        &[(
            "value",
            Arg::Num(
                percent(stats.front_office_theory),
                decimals(stats.front_office_theory),
            ),
        )],
    );
    big_with_expectation(
        ui,
        percent_text(texts, stats.front_office_share),
        HEADLINE_SIZE * 0.7,
        egui_color(pal.front_office),
        expected,
    );
}

/// The dots' legend: no customer contact, in customer contact, customers.
pub(super) fn legend_dots(ui: &mut egui::Ui, texts: &Texts, pal: &Palette) {
    ui.horizontal_wrapped(|ui| {
        for (name, c) in [
            (Msg::LegendNoCustomerContact, pal.back_office),
            (Msg::LegendInCustomerContact, pal.front_office),
            (Msg::LegendCustomers, pal.customer),
        ] {
            keyed_label(
                ui,
                egui::vec2(12.0, 12.0),
                &texts.get(name),
                |painter, rect| {
                    painter.circle_filled(rect.center(), 5.0, egui_color(c));
                },
            );
        }
    });
}

/// A legend's entry: its key, drawn by `draw` in a `key` sized box, and its text, laid
/// out as one piece that a wrapping row moves to the next line whole (a dot at the end
/// of one line and its name on the next, or “exact” and “expectation” apart, read as
/// two entries).
pub(super) fn keyed_label(
    ui: &mut egui::Ui,
    key: egui::Vec2,
    text: &str,
    draw: impl FnOnce(&egui::Painter, egui::Rect),
) {
    let color = ui.visuals().text_color();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let galley = ui.painter().layout_no_wrap(text.to_owned(), font, color);
    let gap = ui.spacing().item_spacing.x;
    let size = egui::vec2(key.x + gap + galley.size().x, key.y.max(galley.size().y));
    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
    let key_rect =
        egui::Rect::from_center_size(egui::pos2(rect.left() + key.x / 2.0, rect.center().y), key);
    draw(ui.painter(), key_rect);
    let at = egui::pos2(
        key_rect.right() + gap,
        rect.center().y - galley.size().y / 2.0,
    );
    ui.painter().galley(at, galley, color);
}

/// A coloured dot, as in a legend.
pub(super) fn dot(ui: &mut egui::Ui, color: egui::Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
    ui.painter().circle_filled(rect.center(), 5.0, color);
}

/// The demo's figures: the headline, then the counts and the model's own measures for
/// those who explore, one a row.
pub(super) fn figures(ui: &mut egui::Ui, stats: &ContactStats, texts: &Texts, pal: &Palette) {
    headline(ui, stats, texts, pal, false);
    egui::Grid::new("figures").num_columns(2).show(ui, |ui| {
        figure(
            ui,
            texts.get(Msg::FigureEmployees),
            texts.int(stats.employees.into()),
        );
        figure(
            ui,
            texts.get(Msg::FigureInCustomerContact),
            percent_text(texts, stats.front_office_share),
        );
        figure(ui, texts.get(Msg::FigureRadius), texts.num(stats.radius, 2));
        figure(
            ui,
            texts.get(Msg::FigureColleagueContacts),
            texts.int(stats.internal.round() as u64),
        );
        figure(
            ui,
            texts.get(Msg::FigureCustomer),
            texts.int(stats.customer.round() as u64),
        );
        figure(ui, texts.get(Msg::FigureStep), texts.int(stats.tick));
    });
    // The essay's own measure, customer contacts per contact between colleagues, with
    // its expectation: the headline's share is ratio / (1 + ratio).
    ui.label(texts.fmt(
        Msg::RatioFigure,
        &[
            ("value", Arg::Num(stats.ratio, 4)),
            ("expected", Arg::Num(stats.theory, 4)),
        ],
    ));
}

/// The room's figures: the employees, and the people figure where the part is about
/// employees rather than contacts.
pub(super) fn room_figures(
    ui: &mut egui::Ui,
    stats: &ContactStats,
    texts: &Texts,
    pal: &Palette,
    people: bool,
) {
    ui.label(
        egui::RichText::new(texts.fmt(
            Msg::RoomEmployees,
            &[("n", u64::from(stats.employees).into())],
        ))
        .strong(),
    );
    if people {
        ui.separator();
        in_customer_contact(ui, stats, texts, pal);
    }
}

/// One row of the figures: a label and its value.
fn figure(ui: &mut egui::Ui, label: String, value: String) {
    ui.label(label);
    ui.monospace(value);
    ui.end_row();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn the_headline_reads_as_a_percentage_and_in_whole_contacts_of_a_hundred() {
        let en = Texts::new(Lang::EN);
        assert_eq!(percent_text(&en, 0.2473), "24.7%");
        // Below 1%, two significant digits: everyone with everyone reaches 0.02%.
        assert_eq!(percent_text(&en, 0.005), "0.50%");
        assert_eq!(percent_text(&en, 0.000_183), "0.018%");
        assert_eq!(percent_text(&en, 0.0), "0.0%");
        assert_eq!(
            in_words(&en, 0.2473),
            "25 in every 100 contacts are with a customer"
        );
        assert_eq!(
            in_words(&en, 0.012),
            "1 in every 100 contacts is with a customer"
        );
        assert_eq!(in_words(&en, 0.004), en.get(Msg::HeadlineUnderOne));
        let nl = Texts::new(Lang::NL);
        assert_eq!(percent_text(&nl, 0.2473), "24,7%");
        assert_eq!(
            in_words(&nl, 0.071),
            "van elke 100 contacten zijn er 7 met een klant"
        );
        assert_eq!(in_words(&nl, 0.004), nl.get(Msg::HeadlineUnderOne));
    }
}
