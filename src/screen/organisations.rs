//! The room's own organisations on the projection. While the room enters them, the
//! ask, large, at the top left (with how many are in); once shown, the model's curve
//! with every organisation on it, where the model expects it for its size, and each
//! estimate beside it, labelled as the model's expectation and not a measurement.
//!
//! Without an audience (or beside it), the trainer types sizes on the keyboard: digits,
//! then Enter to add, Backspace to erase. They join the room's on the curve.

use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::prelude::*;
use bevy_egui::egui;
use bevy_egui::input::EguiWantsInput;

use super::color::egui_color;
use super::overlays::{
    CAPTION_TEXT_SHARE, QUESTION_SHARE, card, card_width, overlay_area, overlay_height,
};
use super::plots::{OnCurve, organisations_plot};
use super::state::PanelState;
use crate::audience::room::Tally;
use crate::i18n::Msg;
use crate::intent::organisations::{TypedSizes, size_step, steps_of};
use crate::intent::{Asked, Organisations, Posed, Stage};
use crate::schedule::FrameSet;

/// The plot's height, as a share of the screen's height.
const PLOT_SHARE: f32 = 0.36;

/// The trainer's typing of sizes. Needs the keyboard plugin's input set.
pub struct OrganisationsPlugin;

impl Plugin for OrganisationsPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<TypedSizes>()
            .add_systems(Update, type_sizes.in_set(FrameSet::Input));
    }
}

/// Digits, Backspace and Enter type the trainer's sizes while a part asks for the
/// room's organisations; a new part starts with none. Every press counts, in order,
/// however many come in one frame (a software renderer's frames are slow, and two
/// zeros typed within one of them are still two).
fn type_sizes(
    mut keys: MessageReader<KeyboardInput>,
    stage: Option<Res<Stage>>,
    wants: Option<Res<EguiWantsInput>>,
    mut typed: ResMut<TypedSizes>,
) {
    let Some(stage) = stage else { return };
    if typed.act != stage.act {
        *typed = TypedSizes {
            act: stage.act,
            ..TypedSizes::default()
        };
    }
    let asks = stage
        .posed
        .as_ref()
        .is_some_and(|p| p.organisations().is_some());
    // Read every press this frame, typed or not: one left unread would be typed a
    // frame later (digits typed into a panel's field, or just before the part).
    let presses: Vec<Key> = keys
        .read()
        .filter(|k| k.state.is_pressed() && !k.repeat)
        .map(|k| k.logical_key.clone())
        .collect();
    if !asks || wants.is_some_and(|w| w.wants_any_keyboard_input()) {
        return;
    }
    for key in &presses {
        typed.key(key);
    }
}

/// Everything the part's organisations put on the curve: the room's entries (`tally`),
/// the trainer's, and the part's examples.
fn on_curve(o: &Organisations, tally: Option<&Tally>, typed: Option<&TypedSizes>) -> OnCurve {
    let room = tally.map_or(&[][..], |t| &t.organisations[..]);
    let typed = typed.map_or(&[][..], |t| &t.sizes[..]);
    let steps = steps_of(
        room.iter()
            .map(|e| e.employees)
            .chain(typed.iter().copied()),
    );
    let guesses = room
        .iter()
        .filter_map(|e| Some((size_step(e.employees), e.guess?)))
        .collect();
    OnCurve {
        steps,
        guesses,
        examples: o.example_steps(),
    }
}

/// The part's card: the ask while the room enters its organisations, the curve with
/// them once shown. Returns its rectangle.
pub(super) fn organisations_card(
    ctx: &egui::Context,
    stage: &Stage,
    state: &PanelState,
    panel: f32,
) -> Option<egui::Rect> {
    let (o, asked) = stage.posed.as_ref().and_then(Posed::organisations)?;
    let (texts, pal) = (&*state.texts, &state.theme.palette);
    let params = &state.settings.params;
    let tally = state
        .audience
        .as_ref()
        .and_then(|a| a.tally.as_ref())
        .filter(|t| t.act == stage.act);
    let typed = state.typed.as_deref().filter(|t| t.act == stage.act);
    let screen = ctx.content_rect();
    let height = overlay_height(ctx);
    let text = height * CAPTION_TEXT_SHARE;
    let typed_in = typed.map_or(0, |t| t.sizes.len());
    let entered = tally.map_or(0, |t| t.organisations.len()) + typed_in;
    // The curve's card is solid: the world's top would show through its small print.
    let frame = if asked == Asked::Asking {
        card(height, pal)
    } else {
        card(height, pal).fill(egui_color(pal.panel_fill))
    };
    // Its plot's numbers and small print on the projection's scale, not the panel's:
    // from the screen's height, however squeezed the cards' text is.
    let small = screen.height() * CAPTION_TEXT_SHARE * 0.7;
    let shown = overlay_area("organisations")
        .anchor(
            egui::Align2::LEFT_TOP,
            egui::vec2(height * 0.03, height * 0.03),
        )
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            frame.show(ui, |ui| {
                ui.set_max_width(card_width(screen, panel));
                ui.label(
                    egui::RichText::new(texts.get(Msg::OrganisationsTitle))
                        .size(text)
                        .color(egui_color(pal.plot_measured)),
                );
                if asked == Asked::Asking {
                    ui.label(
                        egui::RichText::new(o.ask.get(texts.lang))
                            .size(height * QUESTION_SHARE)
                            .strong()
                            .color(egui_color(pal.text)),
                    );
                } else {
                    ui.set_min_width(card_width(screen, panel));
                    for (style, font) in ui.style_mut().text_styles.iter_mut() {
                        if matches!(style, egui::TextStyle::Body | egui::TextStyle::Small) {
                            font.size = small;
                        }
                    }
                    let curve = on_curve(o, tally, typed);
                    let plot = screen.height() * PLOT_SHARE;
                    organisations_plot(ui, &curve, params, texts, pal, plot);
                    ui.label(
                        egui::RichText::new(texts.get(Msg::OrganisationsModelNotMeasured))
                            .size(small)
                            .color(egui_color(pal.muted)),
                    );
                }
                let mut lines = Vec::new();
                if typed_in > 0 {
                    let args = [
                        ("n", (entered as u64).into()),
                        ("typed", (typed_in as u64).into()),
                    ];
                    lines.push(texts.fmt(Msg::OrganisationsTyped, &args));
                } else if entered > 0 {
                    lines.push(
                        texts.fmt(Msg::OrganisationsEntered, &[("n", (entered as u64).into())]),
                    );
                } else if asked == Asked::Answered && o.examples.is_empty() {
                    lines.push(texts.get(Msg::OrganisationsNone));
                }
                if let Some(n) = typed.and_then(TypedSizes::typed) {
                    lines.push(texts.fmt(Msg::OrganisationsTyping, &[("n", u64::from(n).into())]));
                }
                // Large while the room enters them, the count on the projection's scale;
                // under the curve, a footnote.
                let size = if asked == Asked::Asking { text } else { small };
                for line in lines {
                    ui.label(
                        egui::RichText::new(line)
                            .size(size)
                            .color(egui_color(pal.muted)),
                    );
                }
            });
        });
    Some(shown.response.rect)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intent::organisations::Entered;

    #[test]
    fn the_curve_counts_each_step_and_keeps_each_guess() {
        let o = Organisations {
            ask: [(crate::i18n::Lang::EN, "?".to_owned())]
                .into_iter()
                .collect(),
            guess: true,
            examples: vec![4800, 5200, 90],
        };
        let tally = Tally {
            organisations: vec![
                Entered {
                    employees: 180,
                    guess: Some(20.0),
                },
                Entered {
                    employees: 210,
                    guess: None,
                },
                Entered {
                    employees: 12,
                    guess: Some(50.0),
                },
            ],
            ..Tally::default()
        };
        let typed = TypedSizes {
            act: 0,
            sizes: vec![9],
            typing: String::new(),
        };
        let c = on_curve(&o, Some(&tally), Some(&typed));
        assert_eq!(c.steps, [(10, 2), (200, 2)]);
        assert_eq!(c.guesses, [(200, 20.0), (10, 50.0)]);
        assert_eq!(c.examples, [100, 5000]);
    }
}
