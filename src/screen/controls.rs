//! The panel's controls: play, step and reset, the speed, the model's parameters (a
//! draft, applied on reset), what is shown, the comparison and the language. Each
//! sends an intent; none writes the world or the view itself.

use std::ops::RangeInclusive;

use bevy::prelude::*;
use bevy_egui::egui;
use bolwerk_model::GrowthLaw;

use super::color::egui_color;
use super::state::{PanelOut, PanelState};
use crate::i18n::{Lang, Msg, Texts, format_num, parse_number};
use crate::intent::{ViewCommand, ViewFlag, ViewSettings};
use crate::look::palette::PENDING;
use crate::look::shape_name;
use crate::sim::compare::{CompareCommand, MAX_COMPARED};
use crate::sim::{MAX_LINE_CAP, MAX_SPEED, MIN_SPEED, SimCommand};
use crate::whatif::CompareKind;

/// Largest head count the cap and start sliders offer.
const MAX_HEAD_COUNT_SLIDER: u32 = 200_000;
/// Hires per tick when the growth law is switched to linear.
const LINEAR_PER_TICK: f64 = 5.0;
/// The exponential growth rate the slider offers, per tick.
const EXPONENTIAL_RATES: RangeInclusive<f64> = 0.0..=0.05;
/// The linear growth rate the slider offers, in hires per tick.
const LINEAR_RATES: RangeInclusive<f64> = 0.0..=200.0;
/// Employee density `rho` the slider offers.
const RHO_RANGE: RangeInclusive<f64> = 0.1..=4.0;
/// Customer density `rho_c` the slider offers.
const RHO_C_RANGE: RangeInclusive<f64> = 0.05..=4.0;
/// Contact distance `d` the slider offers.
const D_RANGE: RangeInclusive<f64> = 0.5..=3.0;

/// The view's checkboxes, in the order they are shown, with their texts. The line cap's
/// slider follows the lines' box.
const VIEW_BOXES: [(ViewFlag, Msg); 7] = [
    (ViewFlag::Lines, Msg::ViewLines),
    (ViewFlag::Customers, Msg::ViewCustomers),
    (ViewFlag::Boundary, Msg::ViewBoundary),
    (ViewFlag::Cutaway, Msg::ViewCutaway),
    (ViewFlag::AutoRotate, Msg::ViewRotate),
    (ViewFlag::Plot, Msg::ViewPlot),
    (ViewFlag::InternalCustomers, Msg::ViewColleagueContacts),
];

/// Every control, top to bottom.
pub(super) fn controls(ui: &mut egui::Ui, state: &PanelState, out: &mut PanelOut) {
    playback(ui, state, out);
    model_section(ui, &state.texts, out);
    view_section(ui, state, out);
    compare_section(ui, state, out);
}

/// Play or pause, one step, reset (or apply the edited settings), and the speed.
fn playback(ui: &mut egui::Ui, state: &PanelState, out: &mut PanelOut) {
    let t = &state.texts;
    ui.horizontal(|ui| {
        let play = if state.clock.paused {
            t.get(Msg::ButtonPlay)
        } else {
            t.get(Msg::ButtonPause)
        };
        if ui.button(play).clicked() {
            out.sim.write(SimCommand::TogglePause);
        }
        if ui.button(t.get(Msg::ButtonStep)).clicked() {
            out.sim.write(SimCommand::Step);
        }
        let dirty = out.draft.0 != *state.settings;
        let reset = egui::Button::new(if dirty {
            t.get(Msg::ButtonApplyReset)
        } else {
            t.get(Msg::ButtonReset)
        });
        let reset = if dirty {
            reset.fill(egui_color(PENDING))
        } else {
            reset
        };
        if ui.add(reset).clicked() {
            out.sim.write(out.draft.reset_command(&state.settings));
        }
    });
    let mut speed = state.time.relative_speed_f64();
    if ui
        .add(
            in_lang(egui::Slider::new(&mut speed, MIN_SPEED..=MAX_SPEED), t.lang)
                .logarithmic(true)
                .text(t.get(Msg::Speed)),
        )
        .changed()
    {
        out.sim.write(SimCommand::Speed(speed));
    }
}

/// A slider whose number reads in the panel's language (`0,05` and `12.500` in Dutch)
/// and that takes a typed number in that language's notation.
fn in_lang(slider: egui::Slider<'_>, lang: Lang) -> egui::Slider<'_> {
    slider
        .custom_formatter(move |v, decimals| {
            let plain = egui::emath::format_with_decimals_in_range(v, decimals);
            let decimals = plain.split_once('.').map_or(0, |(_, f)| f.len());
            format_num(lang, v, decimals)
        })
        .custom_parser(move |typed| parse_number(lang, typed))
}

/// The model's parameters, edited in the draft.
fn model_section(ui: &mut egui::Ui, t: &Texts, out: &mut PanelOut) {
    ui.collapsing(t.get(Msg::SectionModel), |ui| {
        let p = &mut out.draft.0.params;
        let exponential = matches!(p.growth, GrowthLaw::Exponential { .. });
        ui.horizontal(|ui| {
            ui.label(t.get(Msg::Growth));
            if ui
                .selectable_label(!exponential, t.get(Msg::GrowthLinear))
                .clicked()
                && exponential
            {
                p.growth = GrowthLaw::Linear {
                    per_tick: LINEAR_PER_TICK,
                };
            }
            if ui
                .selectable_label(exponential, t.get(Msg::GrowthExponential))
                .clicked()
                && !exponential
            {
                p.growth = GrowthLaw::default();
            }
        });
        let mut rate = p.growth.rate();
        let (range, text) = if exponential {
            (EXPONENTIAL_RATES, t.get(Msg::RateExponential))
        } else {
            (LINEAR_RATES, t.get(Msg::RateLinear))
        };
        if ui
            .add(in_lang(egui::Slider::new(&mut rate, range), t.lang).text(text))
            .changed()
        {
            p.growth = p.growth.with_rate(rate);
        }
        ui.add(
            in_lang(
                egui::Slider::new(&mut p.max_employees, 1..=MAX_HEAD_COUNT_SLIDER),
                t.lang,
            )
            .logarithmic(true)
            .text(t.get(Msg::EmployeesMax)),
        );
        ui.add(
            in_lang(
                egui::Slider::new(&mut p.initial_employees, 1..=MAX_HEAD_COUNT_SLIDER),
                t.lang,
            )
            .logarithmic(true)
            .text(t.get(Msg::EmployeesStart)),
        );
        ui.add(in_lang(egui::Slider::new(&mut p.rho, RHO_RANGE), t.lang).text(t.get(Msg::Rho)));
        ui.add(
            in_lang(egui::Slider::new(&mut p.rho_c, RHO_C_RANGE), t.lang).text(t.get(Msg::RhoC)),
        );
        ui.add(
            in_lang(egui::Slider::new(&mut p.d, D_RANGE), t.lang).text(t.get(Msg::ContactDistance)),
        );
        ui.horizontal(|ui| {
            ui.label(t.get(Msg::Seed));
            ui.add(egui::DragValue::new(&mut out.draft.0.seed));
        });
    });
}

/// What is shown: one checkbox per flag, and the line cap.
fn view_section(ui: &mut egui::Ui, state: &PanelState, out: &mut PanelOut) {
    let t = &state.texts;
    ui.collapsing(t.get(Msg::SectionView), |ui| {
        for (flag, text) in VIEW_BOXES {
            flag_box(ui, &state.view, flag, t.get(text), &mut out.view);
            if flag == ViewFlag::Lines {
                let mut cap = state.lines.cap;
                if ui
                    .add(
                        in_lang(egui::Slider::new(&mut cap, 0..=MAX_LINE_CAP), t.lang)
                            .logarithmic(true)
                            .text(t.get(Msg::LineCap)),
                    )
                    .changed()
                {
                    out.sim.write(SimCommand::SetLineCap(cap));
                }
            }
        }
    });
}

/// A checkbox that sends a [`ViewCommand`] instead of writing the flag.
pub(super) fn flag_box(
    ui: &mut egui::Ui,
    view: &ViewSettings,
    flag: ViewFlag,
    label: String,
    out: &mut MessageWriter<ViewCommand>,
) {
    let mut on = view.get(flag);
    if ui.checkbox(&mut on, label).changed() {
        out.write(ViewCommand::Set(flag, on));
    }
}

/// The what-if comparison: on or off, and which shapes.
fn compare_section(ui: &mut egui::Ui, state: &PanelState, out: &mut PanelOut) {
    let t = &state.texts;
    ui.collapsing(t.get(Msg::SectionCompare), |ui| {
        let mut on = state.compare.on;
        if ui.checkbox(&mut on, t.get(Msg::CompareOn)).changed() {
            out.compare.write(CompareCommand::Set(on));
        }
        let mut picks = state.compare.picks.clone();
        let mut changed = false;
        ui.horizontal_wrapped(|ui| {
            for kind in CompareKind::all() {
                let mut picked = picks.contains(&kind);
                let label = egui::RichText::new(t.get(shape_name(kind)))
                    .color(egui_color(state.theme.palette.of_kind(kind)));
                if ui.checkbox(&mut picked, label).changed() {
                    changed = true;
                    if picked {
                        picks.push(kind);
                    } else {
                        picks.retain(|k| *k != kind);
                    }
                }
            }
        });
        picks.sort_by_key(|k| k.index());
        if changed {
            out.compare.write(CompareCommand::Pick(picks.clone()));
        }
        if !(2..=MAX_COMPARED).contains(&picks.len()) {
            ui.colored_label(
                egui_color(state.theme.palette.warning),
                t.get(Msg::CompareNeedsTwo),
            );
        }
    });
}

/// The interface language, one button per language.
pub(super) fn language_switch(
    ui: &mut egui::Ui,
    texts: &Texts,
    out: &mut MessageWriter<ViewCommand>,
) {
    ui.horizontal(|ui| {
        ui.label(texts.get(Msg::Language));
        for &lang in Lang::all() {
            let name = lang.native_name();
            if ui.selectable_label(texts.lang == lang, name).clicked() && texts.lang != lang {
                out.write(ViewCommand::Lang(lang));
            }
        }
    });
}
