//! What the panel draws over the scene: captions and the act counter, the
//! internal-customers counter, the minimal overlay, the compared views' labels, the
//! help, the recording badge and the black screen.

use bevy::prelude::*;
use bevy_egui::egui;

use super::figures::ratio;
use crate::demo::bindings::Binding;
use crate::demo::layout::view_rect;
use crate::demo::palette::{BLACK_SCREEN, Palette, RECORDING_DOT, RECORDING_TEXT, egui_color};
use crate::i18n::{Arg, Msg, Texts};
use crate::intent::{Canvas, Recording, Stage};
use crate::sim::ContactStats;
use crate::sim::compare::CompareWorlds;

/// Each compared view's name, in its colour, in its corner.
pub(super) fn compare_labels(
    ctx: &egui::Context,
    worlds: &CompareWorlds,
    canvas: &Canvas,
    panel: u32,
    texts: &Texts,
    pal: &Palette,
) {
    let n = worlds.views.len();
    for (k, w) in worlds.views.iter().enumerate() {
        let (pos, _) = view_rect(k, n, canvas.size, panel);
        let at = egui::pos2(
            pos.x as f32 / ctx.pixels_per_point() + 10.0,
            pos.y as f32 / ctx.pixels_per_point() + 8.0,
        );
        egui::Area::new(egui::Id::new(("compare-label", k)))
            .fixed_pos(at)
            .show(ctx, |ui| {
                ui.label(
                    egui::RichText::new(format!(
                        "{}  ·  {}",
                        texts.get(w.kind.msg()),
                        texts.num(w.stats.ratio, 4)
                    ))
                    .size(18.0)
                    .strong()
                    .color(egui_color(pal.of_kind(w.kind))),
                );
            });
    }
}

/// The keys and what each does, in a window in the middle.
pub(super) fn help(ctx: &egui::Context, texts: &Texts, bindings: &[Binding]) {
    egui::Window::new(texts.get(Msg::HelpTitle))
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            egui::Grid::new("keys").num_columns(2).show(ui, |ui| {
                for binding in bindings {
                    ui.strong(binding.label);
                    ui.label(texts.get(binding.action.msg()));
                    ui.end_row();
                }
                ui.strong(texts.get(Msg::KeyMouse));
                ui.label(texts.get(Msg::KeyMouseDoes));
                ui.end_row();
            });
        });
}

/// The red dot and the elapsed time while the demo records.
pub(super) fn recording_badge(ctx: &egui::Context, recording: &Recording, texts: &Texts) {
    let Some(secs) = recording.elapsed_secs() else {
        return;
    };
    egui::Area::new("recording".into())
        .anchor(egui::Align2::LEFT_TOP, egui::vec2(12.0, 12.0))
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                dot(ui, egui_color(RECORDING_DOT));
                let time = format!("{:02}:{:02}", (secs / 60.0) as u32, secs as u32 % 60);
                ui.label(
                    egui::RichText::new(texts.fmt(Msg::Recording, &[("time", time.into())]))
                        .strong()
                        .color(egui_color(RECORDING_TEXT)),
                );
            });
        });
}

/// Captions take at least this share of the screen's height per line of title, so
/// they read from the back of a room (4.5% of 1080p is 49 pixels).
pub const CAPTION_TITLE_SHARE: f32 = 0.045;
/// The same for the caption's sentences.
pub const CAPTION_TEXT_SHARE: f32 = 0.03;

/// The act's caption, large, at the bottom left, in the current language.
pub(super) fn captions(ctx: &egui::Context, stage: &Stage, texts: &Texts, pal: &Palette) {
    let Some(caption) = &stage.caption else {
        return;
    };
    let caption = caption.get(texts.lang);
    let height = ctx.content_rect().height();
    egui::Area::new("caption".into())
        .anchor(
            egui::Align2::LEFT_BOTTOM,
            egui::vec2(height * 0.03, -height * 0.03),
        )
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            egui::Frame::new()
                .fill(egui_color(pal.panel_fill).gamma_multiply(0.92))
                .inner_margin(height * 0.02)
                .corner_radius(8.0)
                .show(ui, |ui| {
                    ui.set_max_width(ctx.content_rect().width() * 0.6);
                    ui.label(
                        egui::RichText::new(&caption.title)
                            .size(height * CAPTION_TITLE_SHARE)
                            .strong()
                            .color(egui_color(pal.text)),
                    );
                    for sentence in &caption.text {
                        ui.label(
                            egui::RichText::new(sentence)
                                .size(height * CAPTION_TEXT_SHARE)
                                .color(egui_color(pal.text)),
                        );
                    }
                });
        });
}

/// The act's number and the total, small, in a corner.
pub(super) fn act_counter(ctx: &egui::Context, stage: &Stage, texts: &Texts, pal: &Palette) {
    egui::Area::new("act-counter".into())
        .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -8.0))
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            ui.label(
                egui::RichText::new(texts.fmt(
                    Msg::ActOf,
                    &[
                        ("act", (stage.act + 1).into()),
                        ("total", stage.acts.into()),
                    ],
                ))
                .color(egui_color(pal.text).gamma_multiply(0.7)),
            );
        });
}

/// The internal-customers counter: colleagues served as "internal customers" against
/// real customers met, and the employees who met no customer lately.
pub(super) fn internal_customers(
    ctx: &egui::Context,
    stats: &ContactStats,
    window: u32,
    texts: &Texts,
    pal: &Palette,
) {
    egui::Area::new("internal-customers".into())
        // Top left, under the recording badge: the captions take the bottom.
        .anchor(egui::Align2::LEFT_TOP, egui::vec2(16.0, 44.0))
        .show(ctx, |ui| {
            egui::Frame::new()
                .fill(egui_color(pal.panel_fill).gamma_multiply(0.9))
                .inner_margin(12.0)
                .corner_radius(6.0)
                .show(ui, |ui| {
                    let big = |text: String, color: Color| {
                        egui::RichText::new(text)
                            .size(22.0)
                            .strong()
                            .color(egui_color(color))
                    };
                    ui.label(big(
                        texts.fmt(Msg::InternalServed, &[("n", stats.internal.into())]),
                        pal.supplier_line,
                    ));
                    ui.label(big(
                        texts.fmt(Msg::CustomersMet, &[("n", stats.customer.into())]),
                        pal.customer_line,
                    ));
                    ui.label(texts.fmt(
                        Msg::NoCustomerLately,
                        &[
                            ("share", Arg::Num((1.0 - stats.reach) * 100.0, 0)),
                            ("window", window.into()),
                        ],
                    ));
                });
        });
}

/// Only the big ratio and the head count, in a corner.
pub(super) fn minimal(ctx: &egui::Context, stats: &ContactStats, texts: &Texts, pal: &Palette) {
    egui::Area::new("minimal".into())
        .anchor(egui::Align2::RIGHT_TOP, egui::vec2(-16.0, 16.0))
        .show(ctx, |ui| {
            egui::Frame::new()
                .fill(egui_color(pal.panel_fill).gamma_multiply(0.85))
                .inner_margin(12.0)
                .corner_radius(6.0)
                .show(ui, |ui| {
                    ratio(ui, stats, texts, pal);
                    ui.label(format!(
                        "{}: {}",
                        texts.get(Msg::FigureEmployees),
                        texts.int(stats.employees.into())
                    ));
                });
        });
}

/// A black screen over everything (the presenter's B).
pub(super) fn black_screen(ctx: &egui::Context) {
    let screen = ctx.content_rect();
    ctx.layer_painter(egui::LayerId::new(egui::Order::Foreground, "black".into()))
        .rect_filled(screen, 0.0, egui_color(BLACK_SCREEN));
}

/// A coloured dot, as in a legend.
pub(super) fn dot(ui: &mut egui::Ui, color: egui::Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
    ui.painter().circle_filled(rect.center(), 5.0, color);
}
