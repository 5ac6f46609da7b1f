//! The presenter's console (`bolwerk present --console`): a second window for the
//! trainer's screen with the part's notes, the next part's title, the time spent on the
//! part and the session, the clock and the live figures. The projected window shows
//! none of it.
//!
//! With two monitors or more, the projection goes to a monitor that is not the primary
//! one (a laptop's own screen is its primary) and the console to the primary; with one,
//! the console is a second window beside the projection. The keys work in either
//! window: Bevy gathers the keyboard of every window into one input.

use bevy::camera::RenderTarget;
use bevy::camera::visibility::RenderLayers;
use bevy::ecs::schedule::ScheduleLabel;
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, save_to_disk};
use bevy::window::{
    Monitor, MonitorSelection, PrimaryMonitor, PrimaryWindow, WindowMode, WindowPosition,
    WindowRef, WindowResolution,
};
use bevy_egui::{EguiContext, EguiSchedule, egui};

use super::color::egui_color;
use super::figures::figures;
use crate::audience::AudienceView;
use crate::audience::room::Tally;
use crate::i18n::{Arg, Msg, Texts};
use crate::intent::{Asked, Posed, Rehearsal, ScreenshotRequest, Stage, letter};
use crate::look::palette::{DARK, Palette};
use crate::schedule::FrameSet;
use crate::sim::ContactStats;

/// The console's egui pass.
#[derive(ScheduleLabel, Clone, Debug, PartialEq, Eq, Hash)]
pub struct ConsolePass;

/// Marks the console's window.
#[derive(Component)]
pub struct ConsoleWindow;

/// Marks the console's camera, which holds its egui context.
#[derive(Component)]
pub struct ConsoleCamera;

/// The console's size when it opens, in logical pixels.
const SIZE: (u32, u32) = (1024, 640);
/// The notes' text size, in points: read from a laptop at arm's length.
const NOTES_SIZE: f32 = 18.0;
/// The notes' share of the width beside the live figures.
const NOTES_WIDTH_SHARE: f32 = 0.64;

/// When the part on stage and the session began, in seconds of real time.
#[derive(Resource, Debug, Default)]
struct Timing {
    /// The part on stage, and when it began.
    part: Option<(usize, f64)>,
    /// When the first part began.
    session: Option<f64>,
    /// The room talks a question over between its two rounds: since when.
    talk: Option<f64>,
}

/// The console plugin: `present` adds it for `--console`.
pub struct ConsolePlugin;

impl Plugin for ConsolePlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<Timing>()
            .add_systems(Startup, open_console)
            .add_systems(
                Update,
                (
                    follow_stage.run_if(resource_exists::<Stage>),
                    place_on_monitors,
                ),
            )
            // In the frame of the projection's screenshot, which quits once it is saved.
            .add_systems(Update, screenshot_console.after(FrameSet::Draw))
            .add_systems(ConsolePass, draw_console);
    }
}

fn open_console(mut commands: Commands, texts: Res<Texts>) {
    let window = commands
        .spawn((
            ConsoleWindow,
            Window {
                title: texts.get(Msg::ConsoleWindowTitle),
                resolution: WindowResolution::new(SIZE.0, SIZE.1),
                ..default()
            },
        ))
        .id();
    commands.spawn((
        Name::new("Console camera"),
        ConsoleCamera,
        Camera2d,
        Camera {
            clear_color: ClearColorConfig::Custom(DARK.background),
            ..default()
        },
        RenderTarget::Window(WindowRef::Entity(window)),
        RenderLayers::none(),
        EguiSchedule::new(ConsolePass),
    ));
}

/// Notes when the part on stage changes.
fn follow_stage(time: Res<Time<Real>>, stage: Res<Stage>, mut timing: ResMut<Timing>) {
    let now = time.elapsed_secs_f64();
    timing.session.get_or_insert(now);
    if timing.part.is_none_or(|(act, _)| act != stage.act) {
        timing.part = Some((stage.act, now));
    }
    let talking = stage.talking();
    match (talking, timing.talk) {
        (true, None) => timing.talk = Some(now),
        (false, Some(_)) => timing.talk = None,
        _ => {}
    }
}

/// Once the monitors are known: with two or more, the projection on one that is not
/// the primary, the console on the primary. Runs until it has placed them, or found one
/// monitor.
fn place_on_monitors(
    mut done: Local<bool>,
    monitors: Query<(Entity, Has<PrimaryMonitor>), With<Monitor>>,
    mut projection: Query<&mut Window, (With<PrimaryWindow>, Without<ConsoleWindow>)>,
    mut console: Query<&mut Window, With<ConsoleWindow>>,
) {
    if *done || monitors.is_empty() {
        return;
    }
    *done = true;
    let Some((other, _)) = monitors.iter().find(|(_, primary)| !primary) else {
        return;
    };
    if monitors.iter().count() < 2 {
        return;
    }
    if let Ok(mut w) = projection.single_mut() {
        w.position = WindowPosition::Centered(MonitorSelection::Entity(other));
        if w.mode != WindowMode::Windowed {
            w.mode = WindowMode::BorderlessFullscreen(MonitorSelection::Entity(other));
        }
    }
    if let Ok(mut w) = console.single_mut() {
        w.position = WindowPosition::Centered(MonitorSelection::Primary);
    }
}

/// A scripted screenshot (`--frames N --screenshot FILE`) also takes the console's, as
/// `FILE-console.png`.
fn screenshot_console(
    mut commands: Commands,
    mut requests: MessageReader<ScreenshotRequest>,
    console: Query<Entity, With<ConsoleWindow>>,
) {
    for request in requests.read() {
        let Ok(window) = console.single() else { return };
        let mut name = request.path.with_extension("").into_os_string();
        name.push("-console.png");
        commands
            .spawn(Screenshot::window(window))
            .observe(save_to_disk(std::path::PathBuf::from(name)));
    }
}

/// `secs` as `M:SS`, or `H:MM:SS` from an hour on.
fn elapsed(secs: f64) -> String {
    let s = secs.max(0.0) as u64;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

fn draw_console(
    mut context: Query<&mut EguiContext, With<ConsoleCamera>>,
    // The part on stage, and a rehearsal's problem loading the session's last save.
    (stage, rehearsal): (Option<Res<Stage>>, Option<Res<Rehearsal>>),
    stats: Res<ContactStats>,
    texts: Res<Texts>,
    timing: Res<Timing>,
    time: Res<Time<Real>>,
    audience: Option<Res<AudienceView>>,
) {
    let Ok(mut context) = context.single_mut() else {
        return;
    };
    let ctx = context.get_mut();
    // The trainer's screen keeps the dark theme whatever the room sees.
    let pal: &Palette = &DARK;
    if !ctx.global_style().visuals.dark_mode {
        ctx.set_visuals(egui::Visuals::dark());
    }
    let now = time.elapsed_secs_f64();
    let clock = jiff::ZonedDateTime::now().strftime("%H:%M").to_string();
    let mut root = egui::Ui::new(
        ctx.clone(),
        "console".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    egui::CentralPanel::default()
        .frame(
            egui::Frame::new()
                .fill(egui_color(pal.background))
                .inner_margin(16.0),
        )
        .show(&mut root, |ui| {
            ui.horizontal(|ui| {
                let part = timing.part.map_or(0.0, |(_, t)| now - t);
                let session = timing.session.map_or(0.0, |t| now - t);
                for text in [
                    texts.fmt(Msg::ConsolePartTime, &[("time", elapsed(part).into())]),
                    texts.fmt(
                        Msg::ConsoleSessionTime,
                        &[("time", elapsed(session).into())],
                    ),
                    texts.fmt(Msg::ConsoleClock, &[("time", clock.into())]),
                ] {
                    ui.label(egui::RichText::new(text).size(20.0).monospace());
                    ui.add_space(24.0);
                }
            });
            ui.separator();
            // A rehearsal's save that did not load: the whole problem, first.
            if let Some(said) = rehearsal.as_deref().and_then(|r| r.said(&texts)) {
                ui.label(
                    egui::RichText::new(said)
                        .size(18.0)
                        .strong()
                        .color(egui_color(pal.warning)),
                );
                ui.separator();
            }
            let Some(stage) = stage.as_deref() else {
                return;
            };
            let title = stage
                .caption
                .as_ref()
                .map_or_else(String::new, |c| c.get(texts.lang).title.clone());
            ui.label(
                egui::RichText::new(texts.fmt(
                    Msg::ConsolePart,
                    &[
                        ("part", (stage.act + 1).into()),
                        ("total", stage.acts.into()),
                        ("title", title.into()),
                    ],
                ))
                .size(26.0)
                .strong(),
            );
            let talk = timing.talk.map_or(0.0, |t| now - t);
            if let Some(doing) = stage
                .posed
                .as_ref()
                .map(|p| what_the_room_does(p, talk, &texts))
            {
                ui.label(
                    egui::RichText::new(doing)
                        .size(18.0)
                        .color(egui_color(pal.front_office)),
                );
            }
            let next = stage.next.as_ref().map_or_else(
                || texts.get(Msg::ConsoleLast),
                |c| {
                    texts.fmt(
                        Msg::ConsoleNext,
                        &[("title", c.get(texts.lang).title.clone().into())],
                    )
                },
            );
            ui.label(
                egui::RichText::new(next)
                    .size(18.0)
                    .color(egui_color(pal.muted)),
            );
            if let Some(audience) = audience.as_deref().filter(|a| a.join.is_some()) {
                room(ui, audience, timing.talk.is_some(), &texts, pal);
            }
            ui.separator();
            // The notes take most of the width: they are long, the figures short.
            let width = ui.available_width();
            let height = ui.available_height();
            let gap = 16.0;
            let notes_width = ((width - gap) * NOTES_WIDTH_SHARE).floor();
            let down = egui::Layout::top_down(egui::Align::Min);
            ui.horizontal_top(|ui| {
                ui.allocate_ui_with_layout(egui::vec2(notes_width, height), down, |ui| {
                    ui.set_width(notes_width);
                    egui::ScrollArea::vertical()
                        .id_salt("notes")
                        .show(ui, |ui| ui.vertical(|ui| notes(ui, stage, &texts)));
                });
                ui.add_space(gap);
                ui.allocate_ui_with_layout(egui::vec2(ui.available_width(), height), down, |ui| {
                    figures(ui, &stats, &texts, pal);
                });
            });
        });
}

/// What the room does now, for the trainer: answering, talking a first round over (for
/// `talk` seconds), seeing the answer; or entering their organisations, or seeing
/// them on the curve. And what the next key does.
fn what_the_room_does(posed: &Posed, talk: f64, texts: &Texts) -> String {
    let msg = match *posed {
        Posed::Question(ref q, asked) => match asked {
            Asked::Asking if q.again => Msg::ConsoleQuestionFirstRound,
            Asked::Asking => Msg::ConsoleQuestionOpen,
            Asked::Talking => {
                return texts.fmt(
                    Msg::ConsoleQuestionTalking,
                    &[("time", elapsed(talk).into())],
                );
            }
            Asked::AskingAgain => Msg::ConsoleQuestionSecondRound,
            Asked::Growing | Asked::Answered => Msg::ConsoleQuestionRevealed,
        },
        Posed::Organisations(_, asked) if asked.thinking() => Msg::ConsoleOrganisationsOpen,
        Posed::Organisations(..) => Msg::ConsoleOrganisationsShown,
    };
    texts.get(msg)
}

/// A first round's answers for the trainer (“A 3 · B 12 · C 20 · D 5”), and whom to
/// pair while the room talks it over: those who chose the two largest groups' options.
/// None before there is a first round to read, or with fewer than two options chosen.
fn first_round(tally: &Tally, talking: bool, texts: &Texts) -> Vec<String> {
    // While the room talks, the first round is what the room holds; later it is kept
    // beside the second.
    let per_option = match (&tally.first, talking) {
        (Some(first), _) => &first.per_option,
        (None, true) => &tally.per_option,
        (None, false) => return Vec::new(),
    };
    let counts = per_option
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{} {n}", letter(i)))
        .collect::<Vec<_>>()
        .join(" · ");
    let mut lines = vec![texts.fmt(Msg::ConsoleFirstRound, &[("counts", counts.into())])];
    let mut largest: Vec<usize> = (0..per_option.len())
        .filter(|&i| per_option[i] > 0)
        .collect();
    largest.sort_by_key(|&i| std::cmp::Reverse(per_option[i]));
    if talking && let [a, b, ..] = largest[..] {
        let (a, b) = (a.min(b), a.max(b));
        lines.push(texts.fmt(
            Msg::ConsolePairing,
            &[
                ("a", letter(a).to_string().into()),
                ("b", letter(b).to_string().into()),
            ],
        ));
    }
    lines
}

/// Wrong codes from which on the console counts them: a room's typos stay below it.
const WRONG_CODES_SHOWN: u64 = 10;

/// The room: who takes part, how many answered (and, for a question asked twice, how
/// the first round went and whom to pair), and what the limits turned away.
fn room(ui: &mut egui::Ui, audience: &AudienceView, talking: bool, texts: &Texts, pal: &Palette) {
    let activity = audience.activity;
    let mut line = texts.fmt(
        Msg::ConsoleRoom,
        &[("participants", activity.participants.into())],
    );
    if let Some(tally) = &audience.tally {
        line += " · ";
        line += &texts.fmt(Msg::AudienceAnswers, &[("n", tally.count.into())]);
    }
    ui.label(egui::RichText::new(line).size(18.0));
    for line in audience
        .tally
        .as_ref()
        .map(|t| first_round(t, talking, texts))
        .unwrap_or_default()
    {
        ui.label(egui::RichText::new(line).size(18.0));
    }
    let mut warnings = Vec::new();
    if activity.joins_refused > 0 {
        warnings.push(texts.fmt(
            Msg::ConsoleRoomRefused,
            &[("n", activity.joins_refused.into())],
        ));
    }
    if activity.wrong_codes >= WRONG_CODES_SHOWN || activity.codes_refused > 0 {
        warnings.push(texts.fmt(
            Msg::ConsoleRoomWrongCodes,
            &[("n", activity.wrong_codes.into())],
        ));
    }
    for warning in warnings {
        ui.label(
            egui::RichText::new(warning)
                .size(18.0)
                .color(egui_color(pal.front_office)),
        );
    }
}

/// The part's notes, a paragraph each, with their time.
fn notes(ui: &mut egui::Ui, stage: &Stage, texts: &Texts) {
    match &stage.notes {
        Some(notes) => {
            ui.label(
                egui::RichText::new(texts.fmt(
                    Msg::ConsoleNotes,
                    &[("minutes", Arg::Num(notes.minutes, 0))],
                ))
                .size(NOTES_SIZE)
                .strong(),
            );
            for paragraph in notes.get(texts.lang) {
                ui.label(egui::RichText::new(paragraph).size(NOTES_SIZE));
                ui.add_space(8.0);
            }
        }
        None => {
            ui.label(texts.get(Msg::ConsoleNoNotes));
        }
    }
}
