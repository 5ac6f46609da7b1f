//! The screen's interface, drawn over the 3D view ([`crate::scene`]): the control panel
//! (bevy_egui) with its live figures, the plot, the controls and notices; what it draws
//! over the scene (captions, counters, help, the recording badge, the audience's
//! cards); the presenter's console; the keys; screenshots.
//!
//! The panel changes nothing itself: it sends intents (`SimCommand`, `ViewCommand`),
//! as the keys do. Settings that reshape the world are edited in a [`Draft`] and apply
//! on reset, through `SimCommand::Apply`, which validates them; the world is never
//! left half-changed. Every text comes from [`Texts`].
//!
//! - `controls`: the buttons, sliders and checkboxes;
//! - `figures`: the headline (the share of contacts with customers) and the counts;
//! - `plots`: that share against the number of employees, and the comparison's plots;
//! - `room`: the panel a room sees while a session plays, without controls;
//! - `overlays`: everything drawn over the scene;
//! - `texts`: refusals and notices in words;
//! - `state`: what the panel reads and changes;
//! - `draft`: the settings being edited;
//! - [`keys`] and [`bindings`]: the keyboard; [`view`]: what the view's intents change;
//!   [`capture`]: screenshots and the frame-time report.

mod audience;
pub mod bindings;
pub mod capture;
mod color;
pub mod console;
mod controls;
mod draft;
mod figures;
pub mod keys;
pub mod organisations;
mod overlays;
mod plots;
mod room;
mod state;
mod texts;
pub mod view;

use bevy::asset::AssetEventSystems;
use bevy::camera::CameraOutputMode;
use bevy::camera::visibility::RenderLayers;
use bevy::prelude::*;
use bevy::render::render_resource::BlendState;
use bevy_egui::{
    EguiContexts, EguiFullOutput, EguiGlobalSettings, EguiPlugin, EguiPostUpdateSet,
    EguiPrimaryContextPass, PrimaryEguiContext, egui,
};

pub use draft::Draft;
pub use state::{PanelOut, PanelState};
pub use texts::{notice_text, param_error_text};

use crate::i18n::Msg;
use crate::intent::{Canvas, Overlay, Posed, ViewCommand, ViewFlag};
use crate::look::palette::{self, Theme};
use crate::look::question_text;
use crate::scene::layout::SceneArea;
use crate::schedule::{FrameSet, PanelSet};
use crate::show::options::ShowOptions;
use crate::sim::Measure;
use audience::{RoomAnswers, audience_card};
use color::egui_color;
use controls::{controls, language_switch};
use figures::{figures, legend_dots};
use organisations::organisations_card;
use overlays::{
    act_counter, black_screen, captions, colleague_contacts, compare_labels, fit_overlays, help,
    minimal, question, recording_badge, rehearsal_problem,
};
use plots::{
    COMPARE_MAX, COMPARE_MIN, DEMO_PLOT_MIN, PLOT_MAX, PlotRoom, SketchPlot, compare_plots, plot,
};
pub use room::PanelLayout;
use room::room_panel;

/// Width of the control panel, in logical pixels.
pub const PANEL_WIDTH: f32 = 340.0;

/// The UI plugin.
pub struct UiPlugin;

impl Plugin for UiPlugin {
    fn build(&self, app: &mut App) {
        app.add_plugins(EguiPlugin::default())
            // egui writes the glyphs a frame first needs into its font atlas in
            // `PostProcessOutput`. Bevy turns that change into the event the renderer
            // uploads by in `AssetEventSystems`, also in `PostUpdate` and unordered
            // against it: where it ran first, the upload waited a frame, and a recording
            // showed every new text for one frame with gaps for its new letters
            // (“he mo el’s e act e pectation”).
            .configure_sets(
                PostUpdate,
                EguiPostUpdateSet::PostProcessOutput.before(AssetEventSystems),
            )
            .init_resource::<SceneArea>()
            .init_resource::<PanelLayout>()
            .add_systems(Startup, (spawn_ui_camera, draft::init_draft))
            .add_systems(Update, draft::follow_applied.in_set(FrameSet::Draw))
            .add_systems(EguiPrimaryContextPass, panel.in_set(PanelSet::Draw))
            .add_systems(
                PostUpdate,
                (
                    mask_overlays.run_if(|options: Res<ShowOptions>| options.mask_overlays),
                    dump_texts.run_if(|options: Res<ShowOptions>| options.dump_texts.is_some()),
                )
                    .after(EguiPostUpdateSet::EndPass)
                    .before(EguiPostUpdateSet::ProcessOutput),
            );
    }
}

/// Instead of what egui would paint this frame, after it laid everything out: the
/// canvas outside the 3D views' area in [`palette::MASK`], nothing over the area. Its
/// texture updates still go through.
fn mask_overlays(
    canvas: Res<Canvas>,
    area: Res<SceneArea>,
    mut outputs: Query<&mut EguiFullOutput>,
) {
    let (corner, size) = area.rect(canvas.size);
    for mut output in &mut outputs {
        let Some(full) = output.0.as_mut() else {
            continue;
        };
        let to_points = |v: UVec2| egui::pos2(v.x as f32, v.y as f32) / full.pixels_per_point;
        let screen = egui::Rect::from_min_max(egui::Pos2::ZERO, to_points(canvas.size));
        let inside = egui::Rect::from_min_max(to_points(corner), to_points(corner + size));
        let mask = egui_color(palette::MASK);
        // Four bands around the area: above, below, left and right of it.
        let bands = [
            egui::Rect::from_x_y_ranges(screen.x_range(), screen.top()..=inside.top()),
            egui::Rect::from_x_y_ranges(screen.x_range(), inside.bottom()..=screen.bottom()),
            egui::Rect::from_x_y_ranges(screen.left()..=inside.left(), inside.y_range()),
            egui::Rect::from_x_y_ranges(inside.right()..=screen.right(), inside.y_range()),
        ];
        full.shapes = bands
            .into_iter()
            .filter(|band| band.width() > 0.0 && band.height() > 0.0)
            .map(|band| egui::epaint::ClippedShape {
                clip_rect: screen,
                shape: egui::Shape::rect_filled(band, 0.0, mask),
            })
            .collect();
    }
}

/// Writes the texts each egui context is about to paint: `projection.txt` for the
/// projected window's, `console.txt` for the presenter's console; and `layout.txt`,
/// the room's panel's [`PanelLayout`] in points.
fn dump_texts(
    options: Res<ShowOptions>,
    layout: Res<PanelLayout>,
    outputs: Query<(&EguiFullOutput, Has<console::ConsoleCamera>)>,
) {
    fn collect(shape: &egui::Shape, out: &mut String) {
        match shape {
            egui::Shape::Text(t) => {
                out.push_str(t.galley.text());
                out.push('\n');
            }
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| collect(s, out)),
            _ => {}
        }
    }
    let Some(dir) = &options.dump_texts else {
        return;
    };
    let PanelLayout {
        plot,
        bottom,
        screen,
    } = *layout;
    let facts = format!("plot {plot}\nbottom {bottom}\nscreen {screen}\n");
    if let Err(e) = std::fs::write(dir.join("layout.txt"), facts) {
        error!("cannot write {}: {e}", dir.join("layout.txt").display());
    }
    for (output, console) in &outputs {
        let Some(full) = output.0.as_ref() else {
            continue;
        };
        let mut text = String::new();
        for clipped in &full.shapes {
            collect(&clipped.shape, &mut text);
        }
        let name = if console {
            "console.txt"
        } else {
            "projection.txt"
        };
        if let Err(e) = std::fs::write(dir.join(name), text) {
            error!("cannot write {}: {e}", dir.join(name).display());
        }
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

/// The window height, in logical pixels, at which the presenter's text is its
/// `--font-scale` ([`ShowOptions::text_follows_height`]).
pub const TEXT_REFERENCE_HEIGHT: f32 = 1080.0;

/// The text's zoom: the theme's, and with `follows` in proportion to the canvas's
/// height in logical pixels (`height` physical pixels at the system's `native` scale).
fn text_zoom(theme: &Theme, follows: bool, height: u32, native: f32) -> f32 {
    if !follows || height == 0 {
        return theme.font_scale;
    }
    let logical = height as f32 / native.max(0.1);
    (theme.font_scale * logical / TEXT_REFERENCE_HEIGHT).clamp(0.25, 8.0)
}

/// The theme's visuals and text size (`zoom`), set when they change.
fn apply_theme(ctx: &egui::Context, theme: &Theme, zoom: f32) {
    let light = theme.palette.light;
    if ctx.global_style().visuals.dark_mode == light {
        ctx.set_visuals(if light {
            egui::Visuals::light()
        } else {
            egui::Visuals::dark()
        });
    }
    let fill = egui_color(theme.palette.panel_fill);
    if ctx.global_style().visuals.panel_fill != fill {
        ctx.all_styles_mut(|style| style.visuals.panel_fill = fill);
    }
    if (ctx.zoom_factor() - zoom).abs() > 1e-3 {
        ctx.set_zoom_factor(zoom);
    }
}

/// The panel and the overlays, drawn each frame in egui's pass.
fn panel(
    mut contexts: EguiContexts,
    state: PanelState,
    mut out: PanelOut,
    canvas: Res<Canvas>,
    mut area: ResMut<SceneArea>,
    mut layout: ResMut<PanelLayout>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let native = ctx.native_pixels_per_point().unwrap_or(1.0);
    let zoom = text_zoom(
        &state.theme,
        state.options.text_follows_height,
        canvas.size.y,
        native,
    );
    apply_theme(ctx, &state.theme, zoom);
    let mut bands = Bands::new(ctx.content_rect());
    let width = match state.view.overlay {
        Overlay::Full if state.options.room_panel => {
            let mut root = root_ui(ctx);
            let laid = room_panel(&mut root, &state, PANEL_WIDTH);
            if *layout != laid {
                *layout = laid;
            }
            PANEL_WIDTH
        }
        Overlay::Full => side_panel(ctx, &state, &mut out),
        Overlay::Minimal => {
            bands.take(minimal(
                ctx,
                &state.stats,
                &state.texts,
                &state.theme.palette,
            ));
            0.0
        }
        Overlay::None => 0.0,
    };
    // Points times pixels per point (the text size included) are pixels.
    let px = ctx.pixels_per_point();
    let with_panel = SceneArea {
        panel: (width * px) as u32,
        ..*area
    };
    over_the_scene(ctx, &state, &canvas, &with_panel, width, &mut bands);
    fit_overlays(ctx, bands.top + bands.bottom);
    let next = SceneArea {
        top_target: bands.top * px,
        bottom_target: bands.bottom * px,
        ..with_panel
    };
    if next != *area {
        *area = next;
    }
    Ok(())
}

/// The bands at the top and the bottom of the screen that overlays take, in points:
/// the 3D views keep out of them.
struct Bands {
    screen: egui::Rect,
    top: f32,
    bottom: f32,
}

/// Room kept between an overlay and the picture, in points.
const BAND_GAP: f32 = 8.0;

impl Bands {
    fn new(screen: egui::Rect) -> Self {
        Self {
            screen,
            top: 0.0,
            bottom: 0.0,
        }
    }

    /// Notes an overlay drawn at `rect`: in the top band if it sits in the screen's
    /// upper half, else in the bottom band.
    fn take(&mut self, rect: egui::Rect) {
        if rect.center().y < self.screen.center().y {
            self.top = self.top.max(rect.bottom() - self.screen.top() + BAND_GAP);
        } else {
            self.bottom = self
                .bottom
                .max(self.screen.bottom() - rect.top() + BAND_GAP);
        }
    }
}

/// The whole viewport as a background `Ui`, for a panel to take its side of.
fn root_ui(ctx: &egui::Context) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        "viewport".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    )
}

/// The demo's panel at the right, with its controls, scrolling when it is taller than
/// the canvas. Returns its width in points.
fn side_panel(ctx: &egui::Context, state: &PanelState, out: &mut PanelOut) -> f32 {
    let mut root = root_ui(ctx);
    let mut log_plot = state.view.log_plot;
    let width = egui::Panel::right("controls")
        .exact_size(PANEL_WIDTH)
        .resizable(false)
        .show(&mut root, |ui| {
            let room = PlotRoom::of(ui);
            let mut plots = 0.0;
            // A solid bar where the panel is taller than the window (960×540, or a
            // section opened): egui's floating one showed only under the pointer, and
            // the controls below the fold looked cut off.
            ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
            let scrolled = egui::ScrollArea::vertical().show(ui, |ui| {
                plots = panel_contents(ui, state, out, &mut log_plot, room.free);
            });
            room.keep(ui.ctx(), scrolled.content_size.y - plots);
        })
        .response
        .rect
        .width();
    if log_plot != state.view.log_plot {
        out.view
            .write(ViewCommand::Set(ViewFlag::LogPlot, log_plot));
    }
    width
}

/// The demo's panel, top to bottom: title and legend, figures (not while comparing:
/// each view's label has its share), the plots, the controls, the language and any
/// notice. The plots share `room` points of height, within their bounds; returns the
/// height they took.
fn panel_contents(
    ui: &mut egui::Ui,
    state: &PanelState,
    out: &mut PanelOut,
    log_plot: &mut bool,
    room: f32,
) -> f32 {
    let mut plots = 0.0;
    let texts = &state.texts;
    let pal = &state.theme.palette;
    ui.heading(texts.get(Msg::PanelTitle));
    ui.label(texts.get(Msg::PanelSubtitle));
    legend_dots(ui, texts, pal);
    // Comparing, each view's label carries its ratio; the one world's figures would
    // take the plots' room for the first shape alone.
    let comparing = !state.worlds.views.is_empty();
    if !comparing {
        ui.separator();
        figures(ui, &state.stats, texts, pal);
    }
    if comparing {
        ui.separator();
        ui.checkbox(log_plot, texts.get(Msg::PlotLog));
        plots = room.clamp(COMPARE_MIN, COMPARE_MAX);
        compare_plots(ui, &state.worlds, &state.view, texts, pal, plots);
    } else if state.view.plot {
        ui.separator();
        let mut log = state.view.log_plot;
        if ui.checkbox(&mut log, texts.get(Msg::PlotLog)).changed() {
            out.view.write(ViewCommand::Set(ViewFlag::LogPlot, log));
        }
        // The demo asks no question, so no answer to mark.
        plots = room.clamp(DEMO_PLOT_MIN, PLOT_MAX);
        plot(ui, state, Measure::CustomerShare, None, plots);
    }
    ui.separator();
    controls(ui, state, out);
    language_switch(ui, texts, &mut out.view);
    if let Some(notice) = &state.notice.0 {
        ui.colored_label(egui_color(pal.warning), notice_text(texts, notice));
    }
    ui.small(texts.get(Msg::HelpHint));
    plots
}

/// Everything drawn over the scene, by what is shown.
///
/// Overlays at the top and the bottom note the bands they take, for the 3D views to
/// keep out of; the compared views' labels sit in a strip atop their own views, and help
/// and the black screen cover everything on purpose.
fn over_the_scene(
    ctx: &egui::Context,
    state: &PanelState,
    canvas: &Canvas,
    area: &SceneArea,
    panel: f32,
    bands: &mut Bands,
) {
    let texts = &state.texts;
    let pal = &state.theme.palette;
    if !state.worlds.views.is_empty() {
        compare_labels(ctx, &state.worlds, area.rect(canvas.size), texts, pal);
    }
    if state.view.internal_customers {
        let window = state.settings.params.reach_window;
        bands.take(colleague_contacts(ctx, &state.stats, window, texts, pal));
    }
    if let Some(stage) = &state.stage {
        // While the room thinks, the question alone: its act's caption, which may
        // explain the answer, follows with the reveal.
        let thinking = stage.posed.as_ref().is_some_and(Posed::thinking);
        if state.view.captions
            && !thinking
            && let Some(rect) = captions(ctx, stage, texts, pal, panel)
        {
            bands.take(rect);
        }
        if let Some(audience) = &state.audience
            && let Some(rect) = audience_card(ctx, audience, stage, texts, pal, panel)
        {
            bands.take(rect);
        }
        if let Some(rect) = organisations_card(ctx, stage, state, panel) {
            bands.take(rect);
        }
        if let Some((q, asked)) = stage.question() {
            let shown = question_text(q, asked, &state.stats, texts);
            let room = state
                .audience
                .as_ref()
                .and_then(|a| RoomAnswers::of(a, stage, texts, pal));
            let room = room.as_ref().map(|r| r as &dyn overlays::RoomDrawing);
            let sketch = q.sketched().then(|| SketchPlot {
                question: q,
                asked,
                room: state
                    .audience
                    .as_ref()
                    .and_then(|a| a.tally.as_ref())
                    .filter(|t| t.act == stage.act),
            });
            let draw = |ui: &mut egui::Ui, h: f32| {
                if let Some(sketch) = &sketch {
                    sketch.show(ui, state, h);
                }
            };
            let plot = sketch
                .is_some()
                .then_some(&draw as &dyn Fn(&mut egui::Ui, f32));
            bands.take(question(ctx, &shown, pal, panel, room, plot));
        }
        bands.take(act_counter(ctx, stage, texts, pal, panel));
    }
    if state.view.help {
        let typing = state
            .stage
            .as_ref()
            .and_then(|s| s.posed.as_ref())
            .is_some_and(|p| p.organisations().is_some());
        help(ctx, texts, &state.bindings.0, typing);
    }
    if state.view.black {
        black_screen(ctx);
    }
    if let Some(recording) = &state.recording
        && let Some(rect) = recording_badge(ctx, recording, texts, pal)
    {
        bands.take(rect);
    }
    if let Some(rehearsal) = &state.rehearsal {
        rehearsal_problem(ctx, rehearsal, texts, pal, panel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_presenters_text_keeps_its_share_of_the_height() {
        let theme = Theme {
            font_scale: 1.5,
            ..Theme::default()
        };
        // At the reference height, the font scale; at 768, in proportion.
        assert_eq!(text_zoom(&theme, true, 1080, 1.0), 1.5);
        assert!((text_zoom(&theme, true, 768, 1.0) - 1.5 * 768.0 / 1080.0).abs() < 1e-6);
        // A HiDPI laptop: 1600 physical pixels at twice the scale are 800 logical ones.
        assert_eq!(
            text_zoom(&theme, true, 1600, 2.0),
            text_zoom(&theme, true, 800, 1.0)
        );
        // The demo and the recordings keep the font scale as it is.
        assert_eq!(text_zoom(&theme, false, 768, 1.0), 1.5);
        // No canvas yet, or an absurd one: a zoom egui can use.
        assert_eq!(text_zoom(&theme, true, 0, 1.0), 1.5);
        assert!(text_zoom(&theme, true, 100_000, 0.0) <= 8.0);
    }
}
