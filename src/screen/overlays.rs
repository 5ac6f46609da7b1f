//! What the panel draws over the scene: captions, the act's question and the act
//! counter, the colleague-contacts counter, the minimal overlay, the compared views' labels, the
//! help, the recording badge, a rehearsal's problem and the black screen.

use bevy::prelude::*;
use bevy_egui::egui;

use super::color::egui_color;
use super::figures::{dot, headline, percent_text};
use crate::i18n::{Arg, Msg, Texts};
use crate::intent::{Recording, Rehearsal, Stage};
use crate::look::palette::{BLACK_SCREEN, Palette, RECORDING_DOT};
use crate::look::{QuestionText, shape_name};
use crate::scene::layout::{MAX_BANDS, view_rect};
use crate::screen::bindings::Binding;
use crate::sim::ContactStats;
use crate::sim::compare::CompareWorlds;

/// Each compared view's name, in its colour, in its corner.
pub(super) fn compare_labels(
    ctx: &egui::Context,
    worlds: &CompareWorlds,
    area: (UVec2, UVec2),
    texts: &Texts,
    pal: &Palette,
) {
    let n = worlds.views.len();
    for (k, w) in worlds.views.iter().enumerate() {
        let (pos, _) = view_rect(k, n, area);
        let at = egui::pos2(
            pos.x as f32 / ctx.pixels_per_point() + 10.0,
            pos.y as f32 / ctx.pixels_per_point() + 8.0,
        );
        overlay_area(egui::Id::new(("compare-label", k)))
            .fixed_pos(at)
            .show(ctx, |ui| {
                ui.label(
                    egui::RichText::new(format!(
                        "{}  ·  {}",
                        texts.get(shape_name(w.kind)),
                        w.stats
                            .customer_share()
                            .map_or_else(|| "–".into(), |share| percent_text(texts, share))
                    ))
                    .size(COMPARE_LABEL_SIZE)
                    .strong()
                    .color(egui_color(pal.of_kind(w.kind))),
                );
            });
    }
}

/// An overlay's area, whole from its first frame: egui fades a new area in, which left
/// the first frame of every recording with a dim card.
pub(super) fn overlay_area(id: impl Into<egui::Id>) -> egui::Area {
    egui::Area::new(id.into()).fade_in(false)
}

/// The keys and what each does, in a window in the middle; with `typing` (a part
/// that asks for the room's organisations), the digits and Enter it takes too.
pub(super) fn help(ctx: &egui::Context, texts: &Texts, bindings: &[Binding], typing: bool) {
    egui::Window::new(texts.get(Msg::HelpTitle))
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        // Above the cards, which are in the foreground: the join card covered the
        // last keys.
        .order(egui::Order::Tooltip)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            egui::Grid::new("keys").num_columns(2).show(ui, |ui| {
                for binding in bindings {
                    // In the monospace face, which has the arrows (→, ←) the
                    // proportional one lacks: they showed as empty boxes.
                    ui.label(egui::RichText::new(binding.label).monospace().strong());
                    ui.label(binding.action.help(texts));
                    ui.end_row();
                }
                ui.strong(texts.get(Msg::KeyMouse));
                ui.label(texts.get(Msg::KeyMouseDoes));
                ui.end_row();
                // A part that asks for the room's organisations takes typed numbers of
                // employees (`organisations.rs`); no other part does.
                if typing {
                    ui.label(
                        egui::RichText::new(texts.get(Msg::KeyDigits))
                            .monospace()
                            .strong(),
                    );
                    ui.label(texts.get(Msg::KeyDigitsDoes));
                    ui.end_row();
                }
            });
        });
}

/// The red dot and the elapsed time while the demo records.
pub(super) fn recording_badge(
    ctx: &egui::Context,
    recording: &Recording,
    texts: &Texts,
    pal: &Palette,
) -> Option<egui::Rect> {
    let secs = recording.elapsed_secs()?;
    let shown = overlay_area("recording")
        .anchor(egui::Align2::LEFT_TOP, egui::vec2(12.0, 12.0))
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                dot(ui, egui_color(RECORDING_DOT));
                let time = format!("{:02}:{:02}", (secs / 60.0) as u32, secs as u32 % 60);
                ui.label(
                    egui::RichText::new(texts.fmt(Msg::Recording, &[("time", time.into())]))
                        .strong()
                        .color(egui_color(pal.recording)),
                );
            });
        });
    Some(shown.response.rect)
}

/// Captions take at least this share of the screen's height per line of title, so
/// they read from the back of a room (4.5% of 1080p is 49 pixels).
pub const CAPTION_TITLE_SHARE: f32 = 0.045;
/// The same for the caption's sentences.
pub const CAPTION_TEXT_SHARE: f32 = 0.03;

/// A question's words, a little smaller than a caption's title.
pub(super) const QUESTION_SHARE: f32 = CAPTION_TITLE_SHARE * 0.8;
/// The colleague-contacts counter's size, in points.
const COUNTER_SIZE: f32 = 22.0;
/// The compared views' labels' size, in points.
const COMPARE_LABEL_SIZE: f32 = 18.0;

fn squeeze_id() -> egui::Id {
    egui::Id::new("overlay-squeeze")
}

/// The height the cards at the top and the bottom size their text by: the screen's,
/// unless together they took more than the bands may ([`MAX_BANDS`]), and would cover
/// the picture; then less, down to [`MIN_SQUEEZE`] of it (see [`fit_overlays`]).
pub(super) fn overlay_height(ctx: &egui::Context) -> f32 {
    let squeeze = ctx.data(|d| d.get_temp::<f32>(squeeze_id())).unwrap_or(1.0);
    ctx.content_rect().height() * squeeze
}

/// The smallest share of its size a card's text is squeezed to.
const MIN_SQUEEZE: f32 = 0.6;

/// After the overlays are drawn, with `bands` the points they took at the top and the
/// bottom together: if that is more than the bands may take, the next frame's text is
/// smaller in proportion; once there is room to spare, it grows back slowly. A frame
/// or two settles it (text wraps, so the size is not exactly proportional).
pub(super) fn fit_overlays(ctx: &egui::Context, bands: f32) {
    let height = ctx.content_rect().height();
    let limit = height * MAX_BANDS;
    let squeeze = ctx.data(|d| d.get_temp::<f32>(squeeze_id())).unwrap_or(1.0);
    let next = if bands > limit {
        squeeze * limit * 0.97 / bands
    } else if bands < limit * 0.85 {
        squeeze * 1.02
    } else {
        squeeze
    }
    .clamp(MIN_SQUEEZE, 1.0);
    if next != squeeze {
        ctx.data_mut(|d| d.insert_temp(squeeze_id(), next));
        ctx.request_repaint();
    }
}

/// How wide a caption or a question may be: most of what `beside` (the panel) leaves,
/// but never less than a quarter of the screen, however narrow the window (a negative
/// width would stop egui).
pub(super) fn card_width(screen: egui::Rect, beside: f32) -> f32 {
    ((screen.width() - beside) * 0.8).max(screen.width() * 0.25)
}

/// The box of a caption or a question: the panel's colour, nearly opaque, its margin
/// growing with the screen.
pub(super) fn card(height: f32, pal: &Palette) -> egui::Frame {
    egui::Frame::new()
        .fill(egui_color(pal.panel_fill).gamma_multiply(0.92))
        .inner_margin(height * 0.02)
        .corner_radius(8.0)
}

/// The act's caption, large, at the bottom left, in the current language.
pub(super) fn captions(
    ctx: &egui::Context,
    stage: &Stage,
    texts: &Texts,
    pal: &Palette,
    panel: f32,
) -> Option<egui::Rect> {
    let caption = stage.caption.as_ref()?.get(texts.lang);
    let screen = ctx.content_rect();
    let height = overlay_height(ctx);
    let shown = overlay_area("caption")
        .anchor(
            egui::Align2::LEFT_BOTTOM,
            egui::vec2(height * 0.03, -height * 0.03),
        )
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            card(height, pal).show(ui, |ui| {
                // Beside the act counter, left of the panel.
                ui.set_max_width(card_width(screen, panel));
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
    Some(shown.response.rect)
}

/// A sketch's plot in the question's card, as a share of the screen's height.
const SKETCH_PLOT_SHARE: f32 = 0.46;

/// How the room answered, drawn in the question's card (`audience.rs` draws it; this
/// file only leaves it room).
pub(super) trait RoomDrawing {
    /// Whether the room chose options: then [`RoomDrawing::options`] draws every
    /// option, each with the room's bar, in place of the plain list.
    fn by_option(&self) -> bool;
    /// The options with the room's bars.
    fn options(&self, ui: &mut egui::Ui, shown: &QuestionText, height: f32);
    /// The room's numbers, under the answer.
    fn below(&self, ui: &mut egui::Ui, height: f32);
}

/// The act's question, large, at the top left: the options lettered; once answered,
/// the option that holds the answer, marked, and the answer.
///
/// With `room` (an audience answered from their phones, from the reveal on), every
/// option keeps its line, with a bar of the room's share, and a question answered
/// with a number shows the room's estimates under the answer.
pub(super) fn question(
    ctx: &egui::Context,
    shown: &QuestionText,
    pal: &Palette,
    panel: f32,
    room: Option<&dyn RoomDrawing>,
    plot: Option<&dyn Fn(&mut egui::Ui, f32)>,
) -> egui::Rect {
    let screen = ctx.content_rect();
    let height = overlay_height(ctx);
    let text = egui_color(pal.text);
    overlay_area("question")
        .anchor(
            egui::Align2::LEFT_TOP,
            egui::vec2(height * 0.03, height * 0.03),
        )
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            // With a plot the card is solid: the world would show through its small
            // print, as the organisations' card does.
            let frame = if plot.is_some() {
                card(height, pal).fill(egui_color(pal.panel_fill))
            } else {
                card(height, pal)
            };
            frame.show(ui, |ui| {
                ui.set_max_width(card_width(screen, panel));
                ui.label(
                    egui::RichText::new(&shown.title)
                        .size(height * CAPTION_TEXT_SHARE)
                        .color(egui_color(pal.plot_measured)),
                );
                ui.label(
                    egui::RichText::new(&shown.ask)
                        .size(height * QUESTION_SHARE)
                        .strong()
                        .color(text),
                );
                // Once answered, only the option that holds the answer (all of them,
                // should the count fall in none).
                let answered =
                    shown.answer.is_some() && shown.options.iter().any(|(_, right)| *right);
                // With the room's answers by option, every option is drawn with its bar.
                if let Some(room) = room.filter(|r| r.by_option()) {
                    room.options(ui, shown, height);
                } else {
                    for (option, right) in &shown.options {
                        if answered && !right {
                            // Room for the answer, and for the world beneath.
                            continue;
                        }
                        let words = if *right {
                            format!("{option}  ✔")
                        } else {
                            option.clone()
                        };
                        let mut rich = egui::RichText::new(words).size(height * CAPTION_TEXT_SHARE);
                        rich = if *right {
                            rich.strong().color(egui_color(pal.plot_measured))
                        } else {
                            rich.color(text)
                        };
                        ui.label(rich);
                    }
                }
                if let Some(round) = &shown.round {
                    ui.add_space(height * 0.01);
                    ui.label(
                        egui::RichText::new(round)
                            .size(height * CAPTION_TEXT_SHARE)
                            .color(egui_color(pal.plot_measured)),
                    );
                }
                if let Some(answer) = &shown.answer {
                    ui.add_space(height * 0.01);
                    ui.label(
                        egui::RichText::new(answer)
                            .size(height * CAPTION_TEXT_SHARE)
                            .strong()
                            .color(egui_color(pal.plot_measured)),
                    );
                }
                if let Some(room) = room.filter(|r| !r.by_option()) {
                    ui.add_space(height * 0.01);
                    room.below(ui, height);
                }
                if let Some(plot) = plot {
                    ui.add_space(height * 0.01);
                    // Its numbers and legend on the projection's scale, as the
                    // organisations' plot has them.
                    let small = height * CAPTION_TEXT_SHARE * 0.8;
                    for (style, font) in ui.style_mut().text_styles.iter_mut() {
                        if matches!(style, egui::TextStyle::Body | egui::TextStyle::Small) {
                            font.size = small;
                        }
                    }
                    plot(ui, height * SKETCH_PLOT_SHARE);
                }
            });
        })
        .response
        .rect
}

/// A rehearsal's problem (`present --watch`): one line across the top, on the
/// warning's colour, over whatever is there, until a save loads.
pub(super) fn rehearsal_problem(
    ctx: &egui::Context,
    rehearsal: &Rehearsal,
    texts: &Texts,
    pal: &Palette,
    panel: f32,
) -> Option<egui::Rect> {
    let line = rehearsal.line(texts)?;
    let screen = ctx.content_rect();
    let height = overlay_height(ctx);
    let shown = overlay_area("rehearsal-problem")
        .anchor(egui::Align2::LEFT_TOP, egui::vec2(0.0, 0.0))
        .order(egui::Order::Tooltip)
        .show(ctx, |ui| {
            egui::Frame::new()
                .fill(egui_color(pal.warning))
                .inner_margin(egui::Margin::symmetric(12, 6))
                .show(ui, |ui| {
                    let width = (screen.width() - panel - 24.0).max(100.0);
                    ui.set_width(width);
                    ui.add(
                        egui::Label::new(
                            egui::RichText::new(line)
                                .size(height * REHEARSAL_SHARE)
                                .strong()
                                .color(egui_color(pal.background)),
                        )
                        .truncate(),
                    );
                });
        });
    Some(shown.response.rect)
}

/// A rehearsal's problem line, as a share of the screen's height.
const REHEARSAL_SHARE: f32 = 0.025;

/// The act's number and the total, small, in a corner.
pub(super) fn act_counter(
    ctx: &egui::Context,
    stage: &Stage,
    texts: &Texts,
    pal: &Palette,
    panel: f32,
) -> egui::Rect {
    overlay_area("act-counter")
        // Bottom right of the picture, left of the panel: a place of its own.
        .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0 - panel, -8.0))
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            ui.add(
                egui::Label::new(
                    egui::RichText::new(texts.fmt(
                        Msg::PartOf,
                        &[
                            ("part", (stage.act + 1).into()),
                            ("total", stage.acts.into()),
                        ],
                    ))
                    .color(egui_color(pal.muted)),
                )
                .extend(),
            );
        })
        .response
        .rect
}

/// The counter beside the purple lines: contacts between colleagues against contacts
/// with customers, and the employees who met no customer lately. It counts contacts;
/// what the room makes of them (collaboration, or “internal customers”) the caption
/// says.
pub(super) fn colleague_contacts(
    ctx: &egui::Context,
    stats: &ContactStats,
    window: u32,
    texts: &Texts,
    pal: &Palette,
) -> egui::Rect {
    overlay_area("colleague-contacts")
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
                            .size(COUNTER_SIZE)
                            .strong()
                            .color(egui_color(color))
                    };
                    ui.label(big(
                        texts.fmt(
                            Msg::ColleagueContacts,
                            &[("n", (stats.internal.round() as u64).into())],
                        ),
                        pal.supplier_line,
                    ));
                    ui.label(big(
                        texts.fmt(
                            Msg::CustomerContacts,
                            &[("n", (stats.customer.round() as u64).into())],
                        ),
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
        })
        .response
        .rect
}

/// Only the headline and the number of employees, in a corner.
pub(super) fn minimal(
    ctx: &egui::Context,
    stats: &ContactStats,
    texts: &Texts,
    pal: &Palette,
) -> egui::Rect {
    overlay_area("minimal")
        .anchor(egui::Align2::RIGHT_TOP, egui::vec2(-16.0, 16.0))
        .show(ctx, |ui| {
            egui::Frame::new()
                .fill(egui_color(pal.panel_fill).gamma_multiply(0.85))
                .inner_margin(12.0)
                .corner_radius(6.0)
                .show(ui, |ui| {
                    headline(ui, stats, texts, pal, false);
                    ui.label(format!(
                        "{}: {}",
                        texts.get(Msg::FigureEmployees),
                        texts.int(stats.employees.into())
                    ));
                });
        })
        .response
        .rect
}

/// A black screen over everything (the presenter's B).
pub(super) fn black_screen(ctx: &egui::Context) {
    let screen = ctx.content_rect();
    ctx.layer_painter(egui::LayerId::new(egui::Order::Foreground, "black".into()))
        .rect_filled(screen, 0.0, egui_color(BLACK_SCREEN));
}
