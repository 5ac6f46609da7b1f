//! The control panel (bevy_egui): controls, live figures, the ratio-against-R plot with
//! its theory curve, notices, and the help overlay.
//!
//! The panel edits a [`Draft`] of the settings. Settings that reshape the world apply
//! on reset (R, or the button), through `SimCommand::Apply`, which validates them; the
//! world is never left half-changed.

use bevy::camera::visibility::RenderLayers;
use bevy::camera::{CameraOutputMode, Viewport};
use bevy::prelude::*;
use bevy::render::render_resource::BlendState;
use bevy::window::PrimaryWindow;
use bevy_egui::{
    EguiContexts, EguiGlobalSettings, EguiPlugin, EguiPrimaryContextPass, PrimaryEguiContext, egui,
};
use bolwerk_model::GrowthLaw;
use bolwerk_model::theory::ratio_corrected;
use egui_plot::{Legend, Line, LineStyle, Plot, PlotPoints};

use super::ViewSettings;
use super::keys::KEYS;
use super::palette;
use crate::sim::{
    Clock, ContactStats, LineSettings, MAX_LINE_CAP, SimCommand, SimNotice, SimSettings,
    StatsHistory,
};

/// Width of the control panel, in logical pixels.
const PANEL_WIDTH: f32 = 340.0;
/// Fastest simulation speed on the slider, as a multiple of real time.
const MAX_SPEED: f64 = 8.0;
/// Largest head count the cap slider offers.
const MAX_CAP_SLIDER: u32 = 200_000;

/// Settings being edited in the panel; they take effect on reset.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct Draft(pub SimSettings);

impl Draft {
    /// What a reset sends: the edited settings if they differ, else a plain reset.
    pub fn reset_command(&self, current: &SimSettings) -> SimCommand {
        if self.0 == *current {
            SimCommand::Reset
        } else {
            SimCommand::Apply(self.0.clone())
        }
    }
}

/// The UI plugin.
pub struct UiPlugin;

impl Plugin for UiPlugin {
    fn build(&self, app: &mut App) {
        app.add_plugins(EguiPlugin::default())
            .add_systems(Startup, (init_draft, spawn_ui_camera))
            .add_systems(EguiPrimaryContextPass, panel);
    }
}

fn init_draft(mut commands: Commands, settings: Res<SimSettings>) {
    commands.insert_resource(Draft(settings.clone()));
}

/// egui gets a camera of its own: the scene's camera shrinks its viewport to stay out
/// from under the panel, and egui's screen must not shrink with it.
fn spawn_ui_camera(mut commands: Commands, mut egui: ResMut<EguiGlobalSettings>) {
    egui.auto_create_primary_context = false;
    commands.spawn((
        Name::new("UI camera"),
        PrimaryEguiContext,
        Camera2d,
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

/// A coloured dot for a legend.
fn dot(ui: &mut egui::Ui, color: egui::Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
    ui.painter().circle_filled(rect.center(), 5.0, color);
}

fn rgb(c: [u8; 3]) -> egui::Color32 {
    egui::Color32::from_rgb(c[0], c[1], c[2])
}

fn color32(c: Color) -> egui::Color32 {
    let s = c.to_srgba();
    egui::Color32::from_rgb(
        (s.red * 255.0) as u8,
        (s.green * 255.0) as u8,
        (s.blue * 255.0) as u8,
    )
}

fn figure(ui: &mut egui::Ui, label: &str, value: String) {
    ui.label(label);
    ui.monospace(value);
    ui.end_row();
}

fn controls(
    ui: &mut egui::Ui,
    clock: &Clock,
    draft: &mut Draft,
    settings: &SimSettings,
    view: &mut ViewSettings,
    line_cap: &mut usize,
    speed: &mut f64,
    commands: &mut MessageWriter<SimCommand>,
) {
    ui.horizontal(|ui| {
        let play = if clock.paused {
            "▶ Play"
        } else {
            "⏸ Pause"
        };
        if ui.button(play).clicked() {
            commands.write(SimCommand::TogglePause);
        }
        if ui.button("⏭ Step").clicked() {
            commands.write(SimCommand::Step);
        }
        let dirty = draft.0 != *settings;
        let reset = egui::Button::new(if dirty {
            "⟲ Apply & reset"
        } else {
            "⟲ Reset"
        });
        let reset = if dirty {
            reset.fill(egui::Color32::from_rgb(120, 60, 20))
        } else {
            reset
        };
        if ui.add(reset).clicked() {
            commands.write(draft.reset_command(settings));
        }
    });
    ui.add(
        egui::Slider::new(speed, 0.1..=MAX_SPEED)
            .logarithmic(true)
            .text("speed ×"),
    );

    ui.collapsing("Model (applies on reset)", |ui| {
        let p = &mut draft.0.params;
        let exponential = matches!(p.growth, GrowthLaw::Exponential { .. });
        ui.horizontal(|ui| {
            ui.label("growth");
            if ui.selectable_label(!exponential, "linear").clicked() && exponential {
                p.growth = GrowthLaw::Linear { per_tick: 5.0 };
            }
            if ui.selectable_label(exponential, "exponential").clicked() && !exponential {
                p.growth = GrowthLaw::Exponential { rate: 0.004 };
            }
        });
        let mut rate = p.growth.rate();
        let (range, text) = if exponential {
            (0.0..=0.05, "rate / tick")
        } else {
            (0.0..=200.0, "hires / tick")
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
                .text("head-count cap"),
        );
        ui.add(
            egui::Slider::new(&mut p.initial_employees, 1..=MAX_CAP_SLIDER)
                .logarithmic(true)
                .text("start head count"),
        );
        ui.add(egui::Slider::new(&mut p.rho, 0.1..=4.0).text("rho: employee density"));
        ui.add(egui::Slider::new(&mut p.rho_c, 0.05..=4.0).text("rho_c: customer density"));
        ui.add(egui::Slider::new(&mut p.d, 0.5..=3.0).text("contact distance d"));
        ui.horizontal(|ui| {
            ui.label("seed");
            ui.add(egui::DragValue::new(&mut draft.0.seed));
        });
    });
    ui.collapsing("View", |ui| {
        ui.checkbox(&mut view.lines, "interaction lines (L)");
        ui.add(
            egui::Slider::new(line_cap, 0..=MAX_LINE_CAP)
                .logarithmic(true)
                .text("line cap"),
        );
        ui.checkbox(&mut view.customers, "customers");
        ui.checkbox(&mut view.boundary, "boundary");
        ui.checkbox(&mut view.cutaway, "cut-away (C)");
        ui.checkbox(&mut view.auto_rotate, "auto-rotate (A)");
    });
}

fn figures(ui: &mut egui::Ui, stats: &ContactStats) {
    ui.label("customer contacts per internal contact");
    ui.label(
        egui::RichText::new(format!("{:.4}", stats.ratio))
            .size(40.0)
            .strong()
            .color(rgb(palette::PLOT_MEASURED)),
    );
    ui.label(format!("theory {:.4}  (falls as 1/R)", stats.theory));
    egui::Grid::new("figures").num_columns(2).show(ui, |ui| {
        figure(ui, "employees N", format!("{}", stats.employees));
        figure(ui, "radius R", format!("{:.2}", stats.radius));
        figure(ui, "internal contacts", format!("{}", stats.internal));
        figure(ui, "customer contacts", format!("{}", stats.customer));
        figure(
            ui,
            "front office",
            format!("{:.1} %", stats.front_office_share * 100.0),
        );
        figure(ui, "tick", format!("{}", stats.tick));
    });
}

fn plot(ui: &mut egui::Ui, history: &StatsHistory, settings: &SimSettings, log: bool) {
    let axis = |v: f64| if log { v.log10() } else { v };
    let measured: Vec<[f64; 2]> = history
        .samples()
        .filter(|s| s.radius > 0.0 && s.ratio > 0.0)
        .map(|s| [axis(s.radius), axis(s.ratio)])
        .collect();
    let p = &settings.params;
    let (r0, r1) = history
        .samples()
        .fold((f64::INFINITY, 0.0f64), |(lo, hi), s| {
            (lo.min(s.radius), hi.max(s.radius))
        });
    // The corrected form only makes sense well above 9d/16.
    let r0 = r0.max(p.d);
    // A fixed head count has one R: show the curve around it, so the point has a reference.
    let (r0, r1) = if r1 >= r0 && r1 < r0 * 1.05 {
        (r0 * 0.9, r1 * 1.1)
    } else {
        (r0, r1)
    };
    let theory: Vec<[f64; 2]> = if r1 > r0 {
        (0..=100)
            .map(|k| r0 * (r1 / r0).powf(f64::from(k) / 100.0))
            .map(|r| [axis(r), axis(ratio_corrected(p.rho, p.rho_c, p.d, r))])
            .collect()
    } else {
        Vec::new()
    };
    let (x, y) = if log {
        ("log10 R", "log10 ratio")
    } else {
        ("R", "ratio")
    };
    Plot::new("ratio")
        .height(220.0)
        .legend(Legend::default())
        .x_axis_label(x)
        .y_axis_label(y)
        .allow_scroll(false)
        .show(ui, |plot| {
            plot.line(
                Line::new("theory: 1/R law", PlotPoints::from(theory))
                    .color(rgb(palette::PLOT_THEORY))
                    .style(LineStyle::dashed_loose()),
            );
            plot.line(
                Line::new("measured", PlotPoints::from(measured))
                    .color(rgb(palette::PLOT_MEASURED))
                    .width(2.0),
            );
        });
}

fn help(ctx: &egui::Context) {
    egui::Window::new("Keys")
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            egui::Grid::new("keys").num_columns(2).show(ui, |ui| {
                for (key, what) in KEYS {
                    ui.strong(*key);
                    ui.label(*what);
                    ui.end_row();
                }
            });
        });
}

fn panel(
    mut contexts: EguiContexts,
    stats: Res<ContactStats>,
    history: Res<StatsHistory>,
    settings: Res<SimSettings>,
    clock: Res<Clock>,
    notice: Res<SimNotice>,
    mut draft: ResMut<Draft>,
    mut view: ResMut<ViewSettings>,
    lines: Res<LineSettings>,
    mut time: ResMut<Time<Virtual>>,
    mut commands: MessageWriter<SimCommand>,
    mut camera: Query<&mut Camera, With<Camera3d>>,
    window: Query<&Window, With<PrimaryWindow>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    ctx.all_styles_mut(|style| style.visuals.panel_fill = rgb(palette::PANEL_FILL));
    let mut root = egui::Ui::new(
        ctx.clone(),
        "viewport".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    let mut line_cap = lines.cap;
    let mut speed = f64::from(time.relative_speed());
    let width = egui::Panel::right("controls")
        .exact_size(PANEL_WIDTH)
        .resizable(false)
        .show(&mut root, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                ui.heading("bolwerk");
                ui.label("As an organisation grows, its customer contacts shrink relative to its internal ones.");
                ui.horizontal_wrapped(|ui| {
                    for (name, c) in [
                        ("back office", palette::BACK_OFFICE),
                        ("front office", palette::FRONT_OFFICE),
                        ("customers", palette::CUSTOMER),
                    ] {
                        dot(ui, color32(c));
                        ui.label(name);
                    }
                });
                ui.separator();
                figures(ui, &stats);
                ui.separator();
                ui.horizontal(|ui| {
                    ui.strong("ratio against R");
                    ui.checkbox(&mut view.log_plot, "log–log");
                });
                plot(ui, &history, &settings, view.log_plot);
                ui.separator();
                controls(ui, &clock, &mut draft, &settings, &mut view, &mut line_cap, &mut speed, &mut commands);
                if let Some(text) = &notice.0 {
                    ui.colored_label(egui::Color32::from_rgb(255, 120, 80), text);
                }
                ui.small("H: keys");
            });
        })
        .response
        .rect
        .width();
    if view.help {
        help(ctx);
    }
    if line_cap != lines.cap {
        commands.write(SimCommand::SetLineCap(line_cap));
    }
    if (speed - f64::from(time.relative_speed())).abs() > 1e-9 {
        time.set_relative_speed(speed as f32);
    }
    // Keep the scene out from under the panel.
    if let (Ok(window), Ok(mut camera)) = (window.single(), camera.single_mut()) {
        let panel = (width * window.scale_factor()) as u32;
        let size = UVec2::new(
            window.physical_width().saturating_sub(panel),
            window.physical_height(),
        );
        camera.viewport = (size.x > 0 && size.y > 0).then(|| Viewport {
            physical_position: UVec2::ZERO,
            physical_size: size,
            ..default()
        });
    }
    Ok(())
}
