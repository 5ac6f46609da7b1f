//! `bolwerk crash-card REPORT` (hidden): the card the presenter's crash hook puts on
//! screen when a session stops on an internal error, so that the trainer, in front of
//! a room, sees what happened and where the report is, rather than a window that
//! vanished. It runs as a process of its own (the crashed one cannot draw any more),
//! fills the screen for a few seconds, and closes on any key.

use std::path::PathBuf;
use std::time::Duration;

use bevy::log::LogPlugin;
use bevy::prelude::*;
use bevy::window::{MonitorSelection, WindowMode, WindowResolution};
use bevy_egui::{EguiContexts, EguiPlugin, EguiPrimaryContextPass, egui};
use clap::Args;

use crate::app::require_display;
use crate::failure::{Failure, from_app_exit};
use crate::i18n::{Lang, Msg, Texts};

/// `bolwerk crash-card`.
#[derive(Debug, Clone, Args)]
pub struct CrashCardArgs {
    /// The crash report to name.
    #[arg(value_name = "REPORT")]
    pub report: PathBuf,
    /// The language of the session that stopped.
    #[arg(long, value_enum, default_value_t = Lang::EN)]
    pub lang: Lang,
    /// A window of this size (WxH, the session's own) instead of the full screen.
    #[arg(long, value_name = "WxH", value_parser = super::parse_size)]
    pub windowed: Option<(u32, u32)>,
    /// How long the card stays.
    #[arg(long, default_value_t = 6.0)]
    pub seconds: f32,
    /// The part the session was at (from 1), to start again from.
    #[arg(long)]
    pub part: Option<usize>,
}

#[derive(Resource)]
struct Card {
    title: String,
    text: String,
    /// The report's path, on a line of its own (it can be longer than the screen is
    /// wide, and has no spaces to wrap at).
    report: String,
    /// How to go on, if the part is known.
    again: Option<String>,
    until: Duration,
}

/// Shows the card until its time is up or a key is pressed.
pub fn run(args: &CrashCardArgs) -> Result<(), Failure> {
    // The card is the last word after a crash: if it cannot show (the display went
    // with the session), it goes quietly, with no report of its own.
    std::panic::set_hook(Box::new(|_| std::process::exit(1)));
    require_display()?;
    let texts = Texts::new(args.lang);
    let window = Window {
        title: texts.get(Msg::CrashCardWindow),
        mode: if args.windowed.is_some() {
            WindowMode::Windowed
        } else {
            WindowMode::BorderlessFullscreen(MonitorSelection::Current)
        },
        resolution: args
            .windowed
            .map_or_else(WindowResolution::default, |(w, h)| {
                WindowResolution::new(w, h)
            }),
        ..default()
    };
    let mut app = App::new();
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(window),
                ..default()
            })
            .set(LogPlugin {
                filter: "error".into(),
                ..default()
            }),
    )
    .add_plugins(EguiPlugin::default())
    .insert_resource(ClearColor(Color::BLACK))
    .insert_resource(Card {
        title: texts.get(Msg::CrashCardTitle),
        text: texts.get(Msg::CrashCardText),
        report: args.report.display().to_string(),
        again: args
            .part
            .map(|part| texts.fmt(Msg::CrashCardAgain, &[("part", part.into())])),
        until: Duration::from_secs_f32(args.seconds.clamp(1.0, 60.0)),
    })
    .add_systems(Startup, |mut commands: Commands| {
        commands.spawn(Camera2d);
    })
    .add_systems(EguiPrimaryContextPass, draw)
    .add_systems(Update, close);
    from_app_exit(app.run(), "the crash card")
}

fn draw(mut contexts: EguiContexts, card: Res<Card>) -> Result {
    let ctx = contexts.ctx_mut()?;
    let screen = ctx.content_rect();
    let height = screen.height();
    // On the black the window is cleared to (ClearColor).
    egui::Area::new("crash-card".into())
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            ui.set_max_width(screen.width() * 0.8);
            ui.vertical_centered(|ui| {
                ui.label(
                    egui::RichText::new(&card.title)
                        .size(height * 0.06)
                        .color(egui::Color32::WHITE),
                );
                ui.add_space(height * 0.03);
                let line = |ui: &mut egui::Ui, text: &str, color| {
                    ui.add(
                        egui::Label::new(
                            egui::RichText::new(text).size(height * 0.03).color(color),
                        )
                        .wrap_mode(egui::TextWrapMode::Wrap),
                    );
                };
                line(ui, &card.text, egui::Color32::LIGHT_GRAY);
                line(ui, &card.report, egui::Color32::WHITE);
                if let Some(again) = &card.again {
                    ui.add_space(height * 0.02);
                    line(ui, again, egui::Color32::LIGHT_GRAY);
                }
            });
        });
    Ok(())
}

fn close(
    time: Res<Time<Real>>,
    card: Res<Card>,
    keys: Res<ButtonInput<KeyCode>>,
    mut exit: MessageWriter<AppExit>,
) {
    if time.elapsed() >= card.until || keys.get_just_pressed().next().is_some() {
        exit.write(AppExit::Success);
    }
}
