//! The audience on the projection (`present --audience`). On the first part and while
//! a question is open, a card at the right of the picture says how to join (a QR
//! code, the address, the session code) and how many have answered. From the reveal
//! on, the question's own card shows how the room answered, with the simulation's
//! answer marked once it shows, in the plot's colours.

use bevy::prelude::Color;
use bevy_egui::egui;

use super::color::egui_color;
use super::overlays::{CAPTION_TEXT_SHARE, RoomDrawing, card, overlay_area, overlay_height};
use crate::audience::room::{NUMBER_RANGE, Tally, in_ranges};
use crate::audience::{AudienceView, JoinCard, Qr};
use crate::i18n::{Msg, Texts};
use crate::intent::{Asked, Posed, Stage};
use crate::look::QuestionText;
use crate::look::palette::Palette;

/// The QR code's side, as a share of the screen's height: scannable from the middle
/// of a room on a projector.
const QR_SHARE: f32 = 0.22;
/// The bars' longest length and the histogram's width, as a share of the height.
const BARS_SHARE: f32 = 0.28;
/// Room left under the card for the part's number in the corner, in points.
const ACT_COUNTER_ROOM: f32 = 24.0;
/// The most moves between two rounds listed under the bars, the largest first.
const MOVES_LISTED: usize = 4;

/// Draws the join card where the session shows one (the first part, and while a
/// question is open, but not while the room talks a first round over), or on the last part the card to take the curve home, where the
/// server has that page; returns its rectangle.
pub(super) fn audience_card(
    ctx: &egui::Context,
    audience: &AudienceView,
    stage: &Stage,
    texts: &Texts,
    pal: &Palette,
    panel: f32,
) -> Option<egui::Rect> {
    let thinking = stage.posed.as_ref().is_some_and(Posed::thinking);
    // While the room talks a first round over, phones wait: no card invites them.
    let talking = stage.talking();
    if talking {
        return None;
    }
    let joining = thinking || (stage.posed.is_none() && stage.act == 0);
    let join = audience.join.as_ref()?;
    let take_home = join
        .take_home
        .as_ref()
        .filter(|_| !joining && stage.posed.is_none() && stage.act + 1 == stage.acts);
    if !joining && take_home.is_none() {
        return None;
    }
    // The room's organisations are counted on their own card, with those the trainer
    // typed: this card's count of answers would leave those out.
    let organisations = stage
        .posed
        .as_ref()
        .is_some_and(|p| p.organisations().is_some());
    let tally = audience
        .tally
        .as_ref()
        .filter(|t| t.act == stage.act && !organisations);
    let height = overlay_height(ctx);
    // While the room answers, the caption waits: the card takes the bottom right, and
    // the question has the top to itself. Otherwise the top right (the caption is at
    // the bottom left).
    let (anchor, offset) = if thinking {
        (
            egui::Align2::RIGHT_BOTTOM,
            egui::vec2(-height * 0.03 - panel, -height * 0.03 - ACT_COUNTER_ROOM),
        )
    } else {
        (
            egui::Align2::RIGHT_TOP,
            egui::vec2(-height * 0.03 - panel, height * 0.03),
        )
    };
    let shown = overlay_area("audience")
        .anchor(anchor, offset)
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            card(height, pal).show(ui, |ui| match take_home {
                Some(qr) => take_home_card(ui, qr, texts, pal, height),
                None => {
                    // The room's organisations are entered, not answered.
                    let title = texts.get(if organisations {
                        Msg::AudienceCardTitleOrganisations
                    } else {
                        Msg::AudienceCardTitle
                    });
                    join_card(
                        ui,
                        join,
                        &title,
                        tally.map(|t| (t, audience.activity.participants)),
                        texts,
                        pal,
                        height,
                    )
                }
            });
        });
    Some(shown.response.rect)
}

/// How the room answered the question on stage, once answers are closed: drawn in the
/// question's card.
pub(super) struct RoomAnswers<'a> {
    /// The answers.
    pub tally: &'a Tally,
    /// The simulation's share, once the answer shows.
    share: Option<f64>,
    /// The room sketched: its sketches are drawn on the question's plot.
    sketched: bool,
    texts: &'a Texts,
    pal: &'a Palette,
}

impl<'a> RoomAnswers<'a> {
    /// The room's answers to the question on stage, from the reveal on.
    pub fn of(
        audience: &'a AudienceView,
        stage: &Stage,
        texts: &'a Texts,
        pal: &'a Palette,
    ) -> Option<Self> {
        let (question, asked) = stage.question()?;
        // Not while a round is open or the room talks the first round over: the room's
        // answers would give the answer away.
        if asked.thinking() {
            return None;
        }
        let tally = audience.tally.as_ref().filter(|t| t.act == stage.act)?;
        let share = audience
            .revealed
            .as_ref()
            .filter(|_| asked == Asked::Answered)
            .map(|r| r.share);
        Some(RoomAnswers {
            tally,
            share,
            sketched: question.sketched(),
            texts,
            pal,
        })
    }
}

impl RoomDrawing for RoomAnswers<'_> {
    fn by_option(&self) -> bool {
        !self.tally.per_option.is_empty()
    }

    /// Every option with a bar of the share of the room that chose it, and that share;
    /// the option that holds the simulation's answer marked. A question asked twice:
    /// each option's first-round share as an outlined bar over its second-round bar,
    /// filled, both shares written (“10% ➡ 35%”), and under them how many changed
    /// their answer.
    fn options(&self, ui: &mut egui::Ui, shown: &QuestionText, height: f32) {
        let (texts, pal) = (self.texts, self.pal);
        let text = height * CAPTION_TEXT_SHARE;
        let first = self.tally.first.as_ref();
        let heading = match first {
            Some(first) => texts.fmt(
                Msg::AudienceRounds,
                &[
                    ("first", first.count.into()),
                    ("second", self.tally.count.into()),
                ],
            ),
            None => format!(
                "{} · {}",
                texts.get(Msg::AudienceRoom),
                texts.fmt(Msg::AudienceAnswers, &[("n", self.tally.count.into())])
            ),
        };
        ui.label(label(heading, text * 0.8, pal.muted));
        if first.is_some() {
            ui.label(label(
                texts.get(Msg::AudienceRoundsKey),
                text * 0.8,
                pal.muted,
            ));
        }
        let longest = height * BARS_SHARE;
        let count = self.tally.count.max(1);
        let share_of = |n: u32, of: u32| f64::from(n) / f64::from(of.max(1));
        let percent = |share: f64| format!("{}%", texts.num(share * 100.0, 0));
        // Two rounds: the first share right-aligned in a column as wide as “100%”, so
        // the arrows and the figures line up.
        let figure = ui
            .painter()
            .layout_no_wrap(
                "100%".into(),
                egui::FontId::proportional(text),
                egui::Color32::WHITE,
            )
            .size();
        let column = |ui: &mut egui::Ui, words: String, color: Color| {
            ui.allocate_ui_with_layout(
                figure,
                egui::Layout::right_to_left(egui::Align::Center),
                |ui| ui.label(label(words, text, color)),
            );
        };
        let columns = if first.is_some() { 5 } else { 3 };
        egui::Grid::new("room-options")
            .num_columns(columns)
            .spacing(egui::vec2(text * 0.5, text * 0.2))
            .show(ui, |ui| {
                for (k, ((option, right), &n)) in
                    shown.options.iter().zip(&self.tally.per_option).enumerate()
                {
                    let color = if *right { pal.plot_measured } else { pal.text };
                    let words = if *right {
                        format!("{option}  ✔")
                    } else {
                        option.clone()
                    };
                    let mut rich = label(words, text, color);
                    if *right {
                        rich = rich.strong();
                    }
                    ui.label(rich);
                    let (rect, _) = ui
                        .allocate_exact_size(egui::vec2(longest, text * 0.9), egui::Sense::hover());
                    let share = share_of(n, count);
                    let fill = egui_color(if *right {
                        pal.plot_measured
                    } else {
                        pal.plot_theory
                    });
                    let bar = |share: f64, top: f32, bottom: f32, least: f32| {
                        egui::Rect::from_min_max(
                            egui::pos2(rect.left(), rect.top() + rect.height() * top),
                            egui::pos2(
                                rect.left() + (longest * share as f32).max(least),
                                rect.top() + rect.height() * bottom,
                            ),
                        )
                    };
                    match first {
                        Some(first) => {
                            // The first round an outlined bar on top, the second a filled
                            // one under it: told apart in either theme. A share of 0
                            // draws nothing.
                            let was = share_of(first.per_option[k], first.count);
                            if was > 0.0 {
                                ui.painter().rect(
                                    bar(was, 0.0, 0.42, 0.0),
                                    1.0,
                                    fill.gamma_multiply(0.2),
                                    egui::Stroke::new((text * 0.1).max(1.0), fill),
                                    egui::StrokeKind::Inside,
                                );
                            }
                            if share > 0.0 {
                                ui.painter()
                                    .rect_filled(bar(share, 0.52, 1.0, 0.0), 2.0, fill);
                            }
                            column(ui, percent(was), color);
                            // The arrow from the emoji font: the text font has none.
                            ui.label(label("➡".into(), text * 0.8, pal.muted));
                            ui.label(label(percent(share), text, color));
                        }
                        None => {
                            ui.painter()
                                .rect_filled(bar(share, 0.0, 1.0, 2.0), 2.0, fill);
                            ui.label(label(percent(share), text * 0.8, color));
                        }
                    }
                    ui.end_row();
                }
            });
        if let Some(first) = first {
            let right = shown.options.iter().position(|(_, right)| *right);
            let (changed, to_right) = first.changed(right);
            // Once the answer shows: how many changed to where the count landed.
            let (msg, right) = match self.share {
                Some(_) if changed > 0 => (Msg::AudienceMovedRight, to_right),
                _ => (Msg::AudienceMoved, 0),
            };
            let moved = texts.fmt(
                msg,
                &[
                    ("paired", first.paired().into()),
                    ("changed", changed.into()),
                    ("right", right.into()),
                ],
            );
            ui.label(label(moved, text * 0.9, pal.text));
            // Where the changes went, the largest first (“C ➡ B 2 · A ➡ B 1”); the
            // arrow from the emoji font, as the text font has none.
            let listed = first.listed("➡", MOVES_LISTED);
            if !listed.is_empty() {
                ui.label(label(
                    texts.fmt(Msg::AudienceMoves, &[("moves", listed.into())]),
                    text * 0.9,
                    pal.text,
                ));
            }
        }
    }

    /// The room's estimates of a number, under the answer; of a sketch, how many
    /// drew one (the sketches are on the plot).
    fn below(&self, ui: &mut egui::Ui, height: f32) {
        let heading = if self.sketched {
            Msg::AudienceRoom
        } else {
            Msg::AudienceRoomNumber
        };
        ui.label(label(
            format!(
                "{} · {}",
                self.texts.get(heading),
                self.texts
                    .fmt(Msg::AudienceAnswers, &[("n", self.tally.count.into())])
            ),
            height * CAPTION_TEXT_SHARE * 0.8,
            self.pal.muted,
        ));
        if !self.sketched {
            histogram(ui, self.tally, self.share, self.texts, self.pal, height);
        }
    }
}

fn label(text: String, size: f32, color: Color) -> egui::RichText {
    egui::RichText::new(text)
        .size(size)
        .color(egui_color(color))
}

/// How to join: the QR code (the address with the code), the address and the code
/// written out, and the count of answers (and of participants, once there are some)
/// while a question is open (`answered`: its tally, and the participants).
fn join_card(
    ui: &mut egui::Ui,
    audience: &JoinCard,
    title: &str,
    answered: Option<(&Tally, usize)>,
    texts: &Texts,
    pal: &Palette,
    height: f32,
) {
    let small = height * CAPTION_TEXT_SHARE * 0.8;
    ui.vertical_centered(|ui| {
        titled_qr(ui, title, &audience.qr, &audience.address, pal, height);
        ui.label(
            label(
                texts.fmt(
                    Msg::AudienceCardCode,
                    &[("code", audience.code.as_str().into())],
                ),
                height * CAPTION_TEXT_SHARE * 1.2,
                pal.text,
            )
            .strong()
            .monospace(),
        );
        if let Some((tally, participants)) = answered {
            // A question asked twice counts its second round as such.
            let msg = if tally.first.is_some() {
                Msg::AudienceAnswersSecondRound
            } else {
                Msg::AudienceAnswers
            };
            ui.label(label(
                texts.fmt(msg, &[("n", tally.count.into())]),
                height * CAPTION_TEXT_SHARE,
                pal.plot_measured,
            ));
            if participants > 0 {
                ui.label(label(
                    texts.fmt(Msg::AudienceParticipants, &[("n", participants.into())]),
                    small,
                    pal.muted,
                ));
            }
        }
    });
}

/// The page to take home: its QR code, its address, and that it works once saved.
fn take_home_card(ui: &mut egui::Ui, qr: &Qr, texts: &Texts, pal: &Palette, height: f32) {
    // The words wrap to the code's width and a little more.
    ui.set_max_width(qr_side(ui) * 1.5);
    ui.vertical_centered(|ui| {
        let title = texts.get(Msg::AudienceCardTakeHome);
        titled_qr(ui, &title, qr, &qr.link, pal, height);
        ui.label(label(
            texts.get(Msg::AudienceCardTakeHomeText),
            height * CAPTION_TEXT_SHARE * 0.8,
            pal.muted,
        ));
    });
}

/// A card's title, its QR code and the address written out under it.
fn titled_qr(ui: &mut egui::Ui, title: &str, qr: &Qr, address: &str, pal: &Palette, height: f32) {
    ui.label(label(title.to_owned(), height * CAPTION_TEXT_SHARE, pal.text).strong());
    let side = qr_side(ui);
    ui.image((qr_texture(ui.ctx(), qr).id(), egui::vec2(side, side)));
    ui.label(label(
        address.to_owned(),
        height * CAPTION_TEXT_SHARE * 0.8,
        pal.text,
    ));
}

/// A QR code's side: it keeps its size when the cards' text is squeezed, since it must
/// scan from the back of the room.
fn qr_side(ui: &egui::Ui) -> f32 {
    (ui.ctx().content_rect().height() * QR_SHARE).round()
}

/// A QR code as a texture, made once per link: dark modules on white, with the quiet
/// zone of four modules a reader needs.
fn qr_texture(ctx: &egui::Context, qr: &Qr) -> egui::TextureHandle {
    let id = egui::Id::new(("audience-qr", &qr.link));
    if let Some(texture) = ctx.data(|d| d.get_temp::<egui::TextureHandle>(id)) {
        return texture;
    }
    const QUIET: usize = 4;
    let w = qr.width;
    let side = w + 2 * QUIET;
    let mut pixels = vec![egui::Color32::WHITE; side * side];
    for (i, dark) in qr.modules.iter().enumerate() {
        if *dark {
            pixels[(i / w + QUIET) * side + i % w + QUIET] = egui::Color32::BLACK;
        }
    }
    let texture = ctx.load_texture(
        "audience-qr",
        egui::ColorImage::new([side, side], pixels),
        egui::TextureOptions::NEAREST,
    );
    ctx.data_mut(|d| d.insert_temp(id, texture.clone()));
    texture
}

/// The room's estimates in bins of 10 percentage points, and the simulation's share as
/// a line, labelled.
fn histogram(
    ui: &mut egui::Ui,
    tally: &Tally,
    share: Option<f64>,
    texts: &Texts,
    pal: &Palette,
    height: f32,
) {
    let text = height * CAPTION_TEXT_SHARE * 0.7;
    let (rect, _) = ui.allocate_exact_size(
        egui::vec2(height * BARS_SHARE * 1.3, height * 0.1 + text * 2.6),
        egui::Sense::hover(),
    );
    let painter = ui.painter();
    let plot = egui::Rect::from_min_max(
        rect.min + egui::vec2(0.0, text * 1.3),
        rect.max - egui::vec2(0.0, text * 1.3),
    );
    let (lo, hi) = NUMBER_RANGE;
    let bins = in_ranges(&tally.numbers);
    let most = bins.iter().copied().max().unwrap_or(0).max(1);
    let width = plot.width() / bins.len() as f32;
    for (k, &n) in bins.iter().enumerate() {
        let h = plot.height() * n as f32 / most as f32;
        let bar = egui::Rect::from_min_max(
            egui::pos2(plot.left() + k as f32 * width + 1.0, plot.bottom() - h),
            egui::pos2(plot.left() + (k + 1) as f32 * width - 1.0, plot.bottom()),
        );
        painter.rect_filled(bar, 1.0, egui_color(pal.plot_theory));
    }
    painter.line_segment(
        [plot.left_bottom(), plot.right_bottom()],
        egui::Stroke::new(1.0, egui_color(pal.muted)),
    );
    let font = egui::FontId::proportional(text);
    for (x, align) in [(lo, egui::Align2::LEFT_TOP), (hi, egui::Align2::RIGHT_TOP)] {
        painter.text(
            egui::pos2(
                plot.left() + plot.width() * ((x - lo) / (hi - lo)) as f32,
                plot.bottom() + 2.0,
            ),
            align,
            format!("{}%", texts.num(x, 0)),
            font.clone(),
            egui_color(pal.muted),
        );
    }
    if let Some(share) = share {
        let x = plot.left()
            + plot.width() * (((share * 100.0 - lo) / (hi - lo)) as f32).clamp(0.0, 1.0);
        painter.line_segment(
            [egui::pos2(x, plot.top()), egui::pos2(x, plot.bottom())],
            egui::Stroke::new(3.0, egui_color(pal.plot_measured)),
        );
        let align = if x < plot.center().x {
            egui::Align2::LEFT_BOTTOM
        } else {
            egui::Align2::RIGHT_BOTTOM
        };
        painter.text(
            egui::pos2(x, plot.top() - 2.0),
            align,
            format!(
                "{} {}%",
                texts.get(Msg::AudienceModelMark),
                texts.num(share * 100.0, 1)
            ),
            font,
            egui_color(pal.plot_measured),
        );
    }
}
