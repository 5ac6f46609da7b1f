//! The control panel (bevy_egui): controls, live figures, the ratio-against-R plot with
//! its theory curve, notices, the help overlay and the recording indicator.
//!
//! The panel changes nothing itself: it sends intents (`SimCommand`, `ViewCommand`),
//! as the keys do. Settings that reshape the world are edited in a [`Draft`] and apply
//! on reset, through `SimCommand::Apply`, which validates them; the world is never
//! left half-changed. Every text comes from [`Texts`].

use bevy::camera::visibility::RenderLayers;
use bevy::camera::{CameraOutputMode, Viewport};
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy::render::render_resource::BlendState;
use bevy_egui::{
    EguiContexts, EguiGlobalSettings, EguiPlugin, EguiPrimaryContextPass, PrimaryEguiContext, egui,
};
use bolwerk_model::theory::ratio_exact;
use bolwerk_model::{Allowed, GrowthLaw, ParamError, Problem, Shape};
use egui_plot::{Legend, Line, LineStyle, Plot, PlotPoints};

use super::bindings::{ActiveBindings, Binding};
use super::compare::{CompareSlot, kind_color, view_rect};
use super::palette::{Palette, Theme};
use super::view::{MAX_SPEED, MIN_SPEED};
use super::{Canvas, Draft, Overlay, ViewCommand, ViewFlag, ViewSettings};
use crate::i18n::{Arg, Lang, Texts};
use crate::record::Recording;
use crate::scenario::play::ScenarioState;
use crate::sim::compare::{
    CompareCommand, CompareKind, CompareSettings, CompareWorlds, MAX_COMPARED,
};
use crate::sim::{
    Clock, ContactStats, LineSettings, MAX_LINE_CAP, Notice, SimCommand, SimNotice, SimSettings,
    StatsHistory,
};

/// Width of the control panel, in logical pixels.
pub const PANEL_WIDTH: f32 = 340.0;
/// Largest head count the cap slider offers.
const MAX_CAP_SLIDER: u32 = 200_000;
/// Points of the theory curve in the plot.
const THEORY_POINTS: u32 = 120;

/// How wide the panel is on the canvas, in pixels (0 when hidden): the views beside it
/// keep out from under it.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PanelWidth(pub u32);

/// The UI plugin.
pub struct UiPlugin;

impl Plugin for UiPlugin {
    fn build(&self, app: &mut App) {
        app.add_plugins(EguiPlugin::default())
            .init_resource::<PanelWidth>()
            .add_systems(Startup, spawn_ui_camera)
            .add_systems(EguiPrimaryContextPass, panel);
    }
}

/// egui gets a camera of its own on the canvas: the scene's camera shrinks its viewport
/// to stay out from under the panel, and egui's screen must not shrink with it.
fn spawn_ui_camera(
    mut commands: Commands,
    mut egui: ResMut<EguiGlobalSettings>,
    canvas: Res<Canvas>,
) {
    egui.auto_create_primary_context = false;
    commands.spawn((
        Name::new("UI camera"),
        PrimaryEguiContext,
        Camera2d,
        canvas.target.clone(),
        RenderLayers::none(),
        Camera {
            order: 1,
            output_mode: CameraOutputMode::Write {
                blend_state: Some(BlendState::ALPHA_BLENDING),
                clear_color: ClearColorConfig::None,
            },
            clear_color: ClearColorConfig::Custom(Color::NONE),
            ..default()
        },
    ));
}

/// What the panel reads.
#[derive(SystemParam)]
pub struct PanelState<'w> {
    stats: Res<'w, ContactStats>,
    history: Res<'w, StatsHistory>,
    settings: Res<'w, SimSettings>,
    clock: Res<'w, Clock>,
    notice: Res<'w, SimNotice>,
    view: Res<'w, ViewSettings>,
    lines: Res<'w, LineSettings>,
    time: Res<'w, Time<Virtual>>,
    texts: Res<'w, Texts>,
    recording: Option<Res<'w, Recording>>,
    compare: Res<'w, CompareSettings>,
    worlds: Res<'w, CompareWorlds>,
    theme: Res<'w, Theme>,
    bindings: Res<'w, ActiveBindings>,
    scenario: Option<Res<'w, ScenarioState>>,
}

/// What the panel changes: the draft, and intents.
#[derive(SystemParam)]
pub struct PanelOut<'w> {
    draft: ResMut<'w, Draft>,
    sim: MessageWriter<'w, SimCommand>,
    view: MessageWriter<'w, ViewCommand>,
    compare: MessageWriter<'w, CompareCommand>,
}

/// A coloured dot for a legend.
fn dot(ui: &mut egui::Ui, color: egui::Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
    ui.painter().circle_filled(rect.center(), 5.0, color);
}

fn rgb(c: [u8; 3]) -> egui::Color32 {
    egui::Color32::from_rgb(c[0], c[1], c[2])
}

/// A palette colour as egui's colour type.
pub fn color32(c: Color) -> egui::Color32 {
    let s = c.to_srgba();
    egui::Color32::from_rgb(
        (s.red * 255.0) as u8,
        (s.green * 255.0) as u8,
        (s.blue * 255.0) as u8,
    )
}

fn figure(ui: &mut egui::Ui, label: String, value: String) {
    ui.label(label);
    ui.monospace(value);
    ui.end_row();
}

/// A checkbox that sends a [`ViewCommand`] instead of writing the flag.
fn flag_box(
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

/// The range a parameter must lie in, in words.
fn allowed_text(texts: &Texts, allowed: Allowed) -> String {
    match allowed {
        Allowed::Positive => texts.get("allowed-positive"),
        Allowed::NonNegative => texts.get("allowed-non-negative"),
        Allowed::AtLeastD(d) => texts.fmt("allowed-at-least-d", &[("d", Arg::Num(d, 2))]),
        Allowed::UpToD(d) => texts.fmt("allowed-up-to-d", &[("d", Arg::Num(d, 2))]),
        Allowed::HeadCount(max) => texts.fmt("allowed-head-count", &[("max", max.into())]),
        Allowed::UpToCap(cap) => texts.fmt("allowed-up-to-cap", &[("cap", cap.into())]),
        Allowed::AtLeastTwoD(d) => texts.fmt("allowed-at-least-2d", &[("d", Arg::Num(2.0 * d, 2))]),
        Allowed::Fraction => texts.get("allowed-fraction"),
        Allowed::NoneForCells => texts.get("allowed-none-for-cells"),
        Allowed::Window(max) => texts.fmt("allowed-window", &[("max", max.into())]),
    }
}

/// A refused parameter, in words.
pub fn param_error_text(texts: &Texts, e: &ParamError) -> String {
    let field = ("field", Arg::from(e.field));
    let value = ("value", Arg::from(e.value.clone()));
    match &e.problem {
        Problem::OutOfRange { allowed } => texts.fmt(
            "param-out-of-range",
            &[
                field,
                value,
                ("allowed", allowed_text(texts, *allowed).into()),
            ],
        ),
        Problem::TooLarge(excess) => {
            let fp = excess.footprint;
            let cap = ("cap", Arg::from(excess.cap));
            if excess.too_many_agents() {
                texts.fmt(
                    "param-too-many-agents",
                    &[
                        field,
                        value,
                        cap,
                        ("agents", bolwerk_model::params::about(fp.agents()).into()),
                        (
                            "memory",
                            bolwerk_model::params::about_bytes(fp.bytes()).into(),
                        ),
                    ],
                )
            } else {
                texts.fmt(
                    "param-too-many-contacts",
                    &[
                        field,
                        value,
                        cap,
                        ("contacts", bolwerk_model::params::about(fp.contacts).into()),
                    ],
                )
            }
        }
    }
}

/// A notice, in words.
pub fn notice_text(texts: &Texts, notice: &Notice) -> String {
    match notice {
        Notice::NotApplied(e) => texts.fmt(
            "notice-not-applied",
            &[("reason", param_error_text(texts, e).into())],
        ),
        Notice::CannotStart(e) => texts.fmt(
            "notice-cannot-start",
            &[("reason", param_error_text(texts, e).into())],
        ),
        Notice::LineCapLowered { asked, max } => texts.fmt(
            "notice-line-cap",
            &[("asked", (*asked).into()), ("max", (*max).into())],
        ),
    }
}

fn controls(ui: &mut egui::Ui, state: &PanelState, out: &mut PanelOut) {
    let t = &state.texts;
    ui.horizontal(|ui| {
        let play = if state.clock.paused {
            t.get("button-play")
        } else {
            t.get("button-pause")
        };
        if ui.button(play).clicked() {
            out.sim.write(SimCommand::TogglePause);
        }
        if ui.button(t.get("button-step")).clicked() {
            out.sim.write(SimCommand::Step);
        }
        let dirty = out.draft.0 != *state.settings;
        let reset = egui::Button::new(if dirty {
            t.get("button-apply-reset")
        } else {
            t.get("button-reset")
        });
        let reset = if dirty {
            reset.fill(egui::Color32::from_rgb(120, 60, 20))
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
            egui::Slider::new(&mut speed, MIN_SPEED..=MAX_SPEED)
                .logarithmic(true)
                .text(t.get("speed")),
        )
        .changed()
    {
        out.view.write(ViewCommand::Speed(speed));
    }

    ui.collapsing(t.get("section-model"), |ui| {
        let p = &mut out.draft.0.params;
        let exponential = matches!(p.growth, GrowthLaw::Exponential { .. });
        ui.horizontal(|ui| {
            ui.label(t.get("growth"));
            if ui
                .selectable_label(!exponential, t.get("growth-linear"))
                .clicked()
                && exponential
            {
                p.growth = GrowthLaw::Linear { per_tick: 5.0 };
            }
            if ui
                .selectable_label(exponential, t.get("growth-exponential"))
                .clicked()
                && !exponential
            {
                p.growth = GrowthLaw::default();
            }
        });
        let mut rate = p.growth.rate();
        let (range, text) = if exponential {
            (0.0..=0.05, t.get("rate-exponential"))
        } else {
            (0.0..=200.0, t.get("rate-linear"))
        };
        if ui
            .add(egui::Slider::new(&mut rate, range).text(text))
            .changed()
        {
            p.growth = p.growth.with_rate(rate);
        }
        ui.add(
            egui::Slider::new(&mut p.max_employees, 1..=MAX_CAP_SLIDER)
                .logarithmic(true)
                .text(t.get("head-count-cap")),
        );
        ui.add(
            egui::Slider::new(&mut p.initial_employees, 1..=MAX_CAP_SLIDER)
                .logarithmic(true)
                .text(t.get("start-head-count")),
        );
        ui.add(egui::Slider::new(&mut p.rho, 0.1..=4.0).text(t.get("rho")));
        ui.add(egui::Slider::new(&mut p.rho_c, 0.05..=4.0).text(t.get("rho-c")));
        ui.add(egui::Slider::new(&mut p.d, 0.5..=3.0).text(t.get("contact-distance")));
        ui.horizontal(|ui| {
            ui.label(t.get("seed"));
            ui.add(egui::DragValue::new(&mut out.draft.0.seed));
        });
    });
    ui.collapsing(t.get("section-view"), |ui| {
        let view = &state.view;
        flag_box(
            ui,
            view,
            ViewFlag::Lines,
            t.get("view-lines"),
            &mut out.view,
        );
        let mut cap = state.lines.cap;
        if ui
            .add(
                egui::Slider::new(&mut cap, 0..=MAX_LINE_CAP)
                    .logarithmic(true)
                    .text(t.get("line-cap")),
            )
            .changed()
        {
            out.sim.write(SimCommand::SetLineCap(cap));
        }
        flag_box(
            ui,
            view,
            ViewFlag::Customers,
            t.get("view-customers"),
            &mut out.view,
        );
        flag_box(
            ui,
            view,
            ViewFlag::Boundary,
            t.get("view-boundary"),
            &mut out.view,
        );
        flag_box(
            ui,
            view,
            ViewFlag::Cutaway,
            t.get("view-cutaway"),
            &mut out.view,
        );
        flag_box(
            ui,
            view,
            ViewFlag::AutoRotate,
            t.get("view-rotate"),
            &mut out.view,
        );
        flag_box(ui, view, ViewFlag::Plot, t.get("view-plot"), &mut out.view);
        flag_box(
            ui,
            view,
            ViewFlag::InternalCustomers,
            t.get("view-internal-customers"),
            &mut out.view,
        );
    });
    ui.collapsing(t.get("section-compare"), |ui| {
        let mut on = state.compare.on;
        if ui.checkbox(&mut on, t.get("compare-on")).changed() {
            out.compare.write(CompareCommand::Set(on));
        }
        let mut picks = state.compare.picks.clone();
        let mut changed = false;
        ui.horizontal_wrapped(|ui| {
            for kind in CompareKind::ALL {
                let mut picked = picks.contains(&kind);
                let label = egui::RichText::new(t.get(kind.text_id()))
                    .color(rgb(kind_color(kind, &state.theme.palette)));
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
        picks.sort_by_key(|k| CompareKind::ALL.iter().position(|a| a == k));
        if changed {
            out.compare.write(CompareCommand::Pick(picks.clone()));
        }
        if !(2..=MAX_COMPARED).contains(&picks.len()) {
            ui.colored_label(
                egui::Color32::from_rgb(255, 120, 80),
                t.get("compare-needs-two"),
            );
        }
    });
}

/// The compared shapes' ratios against head count, measured (solid) and expected
/// (dashed), in each shape's colour; and their reach.
fn compare_plots(
    ui: &mut egui::Ui,
    worlds: &CompareWorlds,
    view: &ViewSettings,
    texts: &Texts,
    pal: &Palette,
) {
    let log = view.log_plot;
    let axis = |v: f64| if log { v.max(1e-9).log10() } else { v };
    let x = if log {
        texts.get("plot-axis-log-n")
    } else {
        texts.get("plot-axis-n")
    };
    ui.strong(texts.get("plot-compare-title"));
    Plot::new("compare-ratio")
        .height(200.0)
        .legend(Legend::default())
        .x_axis_label(x.clone())
        .y_axis_label(texts.get("plot-axis-ratio"))
        .allow_scroll(false)
        .show(ui, |plot| {
            for w in &worlds.views {
                let color = rgb(kind_color(w.kind, pal));
                let name = texts.get(w.kind.text_id());
                let points = |f: fn(&ContactStats) -> f64| -> Vec<[f64; 2]> {
                    w.history
                        .samples()
                        .filter(|s| s.employees > 0 && f(s) > 0.0)
                        .map(|s| [axis(f64::from(s.employees)), axis(f(s))])
                        .collect()
                };
                plot.line(
                    Line::new(
                        texts.fmt("plot-theory-of", &[("shape", name.clone().into())]),
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
    ui.strong(texts.fmt("plot-reach-title", &[("window", window.into())]));
    Plot::new("compare-reach")
        .height(150.0)
        .x_axis_label(x)
        .y_axis_label(texts.get("plot-axis-reach"))
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
                    Line::new(texts.get(w.kind.text_id()), PlotPoints::from(points))
                        .color(rgb(kind_color(w.kind, pal)))
                        .width(2.0),
                );
            }
        });
}

/// Each compared view's name, in its colour, in its corner.
fn compare_labels(
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
                        texts.get(w.kind.text_id()),
                        texts.num(w.stats.ratio, 4)
                    ))
                    .size(18.0)
                    .strong()
                    .color(rgb(kind_color(w.kind, pal))),
                );
            });
    }
}

fn language_switch(ui: &mut egui::Ui, texts: &Texts, out: &mut MessageWriter<ViewCommand>) {
    ui.horizontal(|ui| {
        ui.label(texts.get("language"));
        for lang in Lang::ALL {
            let name = texts.get(match lang {
                Lang::En => "language-en",
                Lang::Nl => "language-nl",
            });
            if ui.selectable_label(texts.lang == lang, name).clicked() && texts.lang != lang {
                out.write(ViewCommand::Lang(lang));
            }
        }
    });
}

/// The big ratio and the theory beside it.
fn ratio(ui: &mut egui::Ui, stats: &ContactStats, texts: &Texts, pal: &Palette) {
    ui.label(texts.get("ratio-caption"));
    ui.label(
        egui::RichText::new(texts.num(stats.ratio, 4))
            .size(40.0)
            .strong()
            .color(rgb(pal.plot_measured)),
    );
    ui.label(texts.fmt("ratio-theory", &[("value", Arg::Num(stats.theory, 4))]));
}

fn figures(ui: &mut egui::Ui, stats: &ContactStats, texts: &Texts, pal: &Palette) {
    ratio(ui, stats, texts, pal);
    egui::Grid::new("figures").num_columns(2).show(ui, |ui| {
        figure(
            ui,
            texts.get("figure-employees"),
            texts.int(stats.employees.into()),
        );
        figure(ui, texts.get("figure-radius"), texts.num(stats.radius, 2));
        figure(ui, texts.get("figure-internal"), texts.int(stats.internal));
        figure(ui, texts.get("figure-customer"), texts.int(stats.customer));
        figure(
            ui,
            texts.get("figure-front-office"),
            format!("{} %", texts.num(stats.front_office_share * 100.0, 1)),
        );
        figure(ui, texts.get("figure-tick"), texts.int(stats.tick));
    });
}

fn plot(
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
        (true, true) => texts.get("plot-axis-log-r"),
        (true, false) => texts.get("plot-axis-r"),
        (false, true) => texts.get("plot-axis-log-n"),
        (false, false) => texts.get("plot-axis-n"),
    };
    let y = if log {
        texts.get("plot-axis-log-ratio")
    } else {
        texts.get("plot-axis-ratio")
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
                        "plot-theory"
                    } else {
                        "plot-theory-shape"
                    }),
                    PlotPoints::from(theory),
                )
                .color(rgb(pal.plot_theory))
                .style(LineStyle::dashed_loose()),
            );
            plot.line(
                Line::new(texts.get("plot-measured"), PlotPoints::from(measured))
                    .color(rgb(pal.plot_measured))
                    .width(2.0),
            );
        });
}

fn help(ctx: &egui::Context, texts: &Texts, bindings: &[Binding]) {
    egui::Window::new(texts.get("help-title"))
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            egui::Grid::new("keys").num_columns(2).show(ui, |ui| {
                for binding in bindings {
                    ui.strong(binding.label);
                    ui.label(texts.get(binding.action.text_id()));
                    ui.end_row();
                }
                ui.strong(texts.get("key-mouse"));
                ui.label(texts.get("key-mouse-does"));
                ui.end_row();
            });
        });
}

/// The red dot and the elapsed time while the demo records.
fn recording_badge(ctx: &egui::Context, recording: &Recording, texts: &Texts) {
    let Some(secs) = recording.elapsed_secs() else {
        return;
    };
    egui::Area::new("recording".into())
        .anchor(egui::Align2::LEFT_TOP, egui::vec2(12.0, 12.0))
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                dot(ui, egui::Color32::from_rgb(230, 30, 30));
                let time = format!("{:02}:{:02}", (secs / 60.0) as u32, secs as u32 % 60);
                ui.label(
                    egui::RichText::new(texts.fmt("recording", &[("time", time.into())]))
                        .strong()
                        .color(egui::Color32::from_rgb(255, 90, 90)),
                );
            });
        });
}

/// Captions take at least this share of the screen's height per line of title, so
/// they read from the back of a room (4% at 1080p is 43 pixels).
pub const CAPTION_TITLE_SHARE: f32 = 0.045;
/// The same for the caption's sentences.
pub const CAPTION_TEXT_SHARE: f32 = 0.03;

/// The act's caption, large, at the bottom left, in the current language.
fn captions(ctx: &egui::Context, scenario: &ScenarioState, texts: &Texts, pal: &Palette) {
    let Some(caption) = &scenario.scenario.acts[scenario.act].caption else {
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
                .fill(rgb(pal.panel_fill).gamma_multiply(0.92))
                .inner_margin(height * 0.02)
                .corner_radius(8.0)
                .show(ui, |ui| {
                    ui.set_max_width(ctx.content_rect().width() * 0.6);
                    ui.label(
                        egui::RichText::new(&caption.title)
                            .size(height * CAPTION_TITLE_SHARE)
                            .strong()
                            .color(rgb(pal.text)),
                    );
                    for sentence in &caption.text {
                        ui.label(
                            egui::RichText::new(sentence)
                                .size(height * CAPTION_TEXT_SHARE)
                                .color(rgb(pal.text)),
                        );
                    }
                });
        });
}

/// The act's number and the total, small, in a corner.
fn act_counter(ctx: &egui::Context, scenario: &ScenarioState, texts: &Texts, pal: &Palette) {
    let total = scenario.scenario.acts.len();
    egui::Area::new("act-counter".into())
        .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -8.0))
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            ui.label(
                egui::RichText::new(texts.fmt(
                    "act-of",
                    &[("act", (scenario.act + 1).into()), ("total", total.into())],
                ))
                .color(rgb(pal.text).gamma_multiply(0.7)),
            );
        });
}

/// The theme's visuals and text size, set when they change.
fn apply_theme(ctx: &egui::Context, theme: &Theme) {
    let light = theme.palette.light;
    if ctx.global_style().visuals.dark_mode == light {
        ctx.set_visuals(if light {
            egui::Visuals::light()
        } else {
            egui::Visuals::dark()
        });
    }
    let fill = rgb(theme.palette.panel_fill);
    if ctx.global_style().visuals.panel_fill != fill {
        ctx.all_styles_mut(|style| style.visuals.panel_fill = fill);
    }
    if (ctx.zoom_factor() - theme.font_scale).abs() > 1e-3 {
        ctx.set_zoom_factor(theme.font_scale);
    }
}

/// The internal-customers counter: colleagues served as "internal customers" against
/// real customers met, and the employees who met no customer lately.
fn internal_customers(
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
                .fill(rgb(pal.panel_fill).gamma_multiply(0.9))
                .inner_margin(12.0)
                .corner_radius(6.0)
                .show(ui, |ui| {
                    let big = |text: String, color: [u8; 3]| {
                        egui::RichText::new(text)
                            .size(22.0)
                            .strong()
                            .color(rgb(color))
                    };
                    ui.label(big(
                        texts.fmt("internal-served", &[("n", stats.internal.into())]),
                        color_bytes(pal.supplier_line),
                    ));
                    ui.label(big(
                        texts.fmt("customers-met", &[("n", stats.customer.into())]),
                        color_bytes(pal.customer_line),
                    ));
                    ui.label(texts.fmt(
                        "no-customer-lately",
                        &[
                            ("share", Arg::Num((1.0 - stats.reach) * 100.0, 0)),
                            ("window", window.into()),
                        ],
                    ));
                });
        });
}

/// A colour's sRGB bytes.
fn color_bytes(c: Color) -> [u8; 3] {
    let s = c.to_srgba();
    [
        (s.red * 255.0) as u8,
        (s.green * 255.0) as u8,
        (s.blue * 255.0) as u8,
    ]
}

/// Only the big ratio and the head count, in a corner.
fn minimal(ctx: &egui::Context, stats: &ContactStats, texts: &Texts, pal: &Palette) {
    egui::Area::new("minimal".into())
        .anchor(egui::Align2::RIGHT_TOP, egui::vec2(-16.0, 16.0))
        .show(ctx, |ui| {
            egui::Frame::new()
                .fill(rgb(pal.panel_fill).gamma_multiply(0.85))
                .inner_margin(12.0)
                .corner_radius(6.0)
                .show(ui, |ui| {
                    ratio(ui, stats, texts, pal);
                    ui.label(format!(
                        "{}: {}",
                        texts.get("figure-employees"),
                        texts.int(stats.employees.into())
                    ));
                });
        });
}

fn panel(
    mut contexts: EguiContexts,
    state: PanelState,
    mut out: PanelOut,
    canvas: Res<Canvas>,
    mut panel_width: ResMut<PanelWidth>,
    mut camera: Query<&mut Camera, (With<Camera3d>, Without<CompareSlot>)>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let pal = &state.theme.palette;
    apply_theme(ctx, &state.theme);
    let texts = &state.texts;
    let mut width = 0.0;
    let mut log_plot = state.view.log_plot;
    match state.view.overlay {
        Overlay::Full => {
            let mut root = egui::Ui::new(
                ctx.clone(),
                "viewport".into(),
                egui::UiBuilder::new()
                    .layer_id(egui::LayerId::background())
                    .max_rect(ctx.viewport_rect()),
            );
            width = egui::Panel::right("controls")
                .exact_size(PANEL_WIDTH)
                .resizable(false)
                .show(&mut root, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| {
                        ui.heading(texts.get("panel-title"));
                        ui.label(texts.get("panel-subtitle"));
                        ui.horizontal_wrapped(|ui| {
                            for (name, c) in [
                                ("legend-back-office", pal.back_office),
                                ("legend-front-office", pal.front_office),
                                ("legend-customers", pal.customer),
                            ] {
                                dot(ui, color32(c));
                                ui.label(texts.get(name));
                            }
                        });
                        ui.separator();
                        figures(ui, &state.stats, texts, pal);
                        if !state.worlds.views.is_empty() {
                            ui.separator();
                            ui.checkbox(&mut log_plot, texts.get("plot-log"));
                            compare_plots(ui, &state.worlds, &state.view, texts, pal);
                        } else if state.view.plot {
                            ui.separator();
                            ui.horizontal(|ui| {
                                ui.strong(texts.get(
                                    if state.settings.params.shape == Shape::Sphere {
                                        "plot-title"
                                    } else {
                                        "plot-compare-title"
                                    },
                                ));
                                let mut log = state.view.log_plot;
                                if ui.checkbox(&mut log, texts.get("plot-log")).changed() {
                                    out.view.write(ViewCommand::Set(ViewFlag::LogPlot, log));
                                }
                            });
                            plot(ui, &state.history, &state.settings, &state.view, texts, pal);
                        }
                        ui.separator();
                        controls(ui, &state, &mut out);
                        language_switch(ui, texts, &mut out.view);
                        if let Some(notice) = &state.notice.0 {
                            ui.colored_label(
                                egui::Color32::from_rgb(255, 120, 80),
                                notice_text(texts, notice),
                            );
                        }
                        ui.small(texts.get("help-hint"));
                    });
                })
                .response
                .rect
                .width();
        }
        Overlay::Minimal => minimal(ctx, &state.stats, texts, pal),
        Overlay::None => {}
    }
    // The panel's width in pixels (points times pixels per point, the text size included).
    let panel_px = (width * ctx.pixels_per_point()) as u32;
    if panel_width.0 != panel_px {
        panel_width.0 = panel_px;
    }
    if log_plot != state.view.log_plot {
        out.view
            .write(ViewCommand::Set(ViewFlag::LogPlot, log_plot));
    }
    if !state.worlds.views.is_empty() {
        compare_labels(ctx, &state.worlds, &canvas, panel_px, texts, pal);
    }
    if state.view.internal_customers {
        let window = state.settings.params.reach_window;
        internal_customers(ctx, &state.stats, window, texts, pal);
    }
    if let Some(scenario) = &state.scenario {
        if state.view.captions {
            captions(ctx, scenario, texts, pal);
        }
        act_counter(ctx, scenario, texts, pal);
    }
    if state.view.help {
        help(ctx, texts, &state.bindings.0);
    }
    if state.view.black {
        let screen = ctx.content_rect();
        ctx.layer_painter(egui::LayerId::new(egui::Order::Foreground, "black".into()))
            .rect_filled(screen, 0.0, egui::Color32::BLACK);
    }
    if let Some(recording) = &state.recording {
        recording_badge(ctx, recording, texts);
    }
    // Keep the scene out from under the panel.
    if let Ok(mut camera) = camera.single_mut() {
        let panel = panel_px;
        let size = UVec2::new(canvas.size.x.saturating_sub(panel), canvas.size.y);
        let viewport = (size.x > 0 && size.y > 0 && panel > 0).then(|| Viewport {
            physical_position: UVec2::ZERO,
            physical_size: size,
            ..default()
        });
        let key = |v: &Option<Viewport>| v.as_ref().map(|v| (v.physical_position, v.physical_size));
        if key(&camera.viewport) != key(&viewport) {
            camera.viewport = viewport;
        }
    }
    Ok(())
}
