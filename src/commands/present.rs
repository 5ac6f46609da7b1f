//! `bolwerk present`: a training session on a projector. The scenario's acts advance
//! with one key (or a presentation clicker), the captions are large, the theme is light
//! and high-contrast, and the panel is hidden until asked for.

use std::path::PathBuf;

use bevy::prelude::*;
use clap::Args;

use crate::app::{Surface, require_display, require_graphics, scene_app};
use crate::audience::log::AnswerLog;
use crate::audience::server::{lan_address, os_random};
use crate::audience::{AudiencePlugin, LiveOptions, LiveRoom};
use crate::failure::{Failure, from_app_exit};
use crate::i18n::{Lang, Msg, Texts};
use crate::intent::{Overlay, ViewSettings};
use crate::look::palette::{Theme, ThemeName};
use crate::output::check_target;
use crate::report::debrief;
use crate::scenario::Scenario;
use crate::scenario::play::{ScenarioPlugin, ScenarioState};
use crate::scenario::watch::WatchPlugin;

use crate::screen::bindings::{ActiveBindings, presenter_bindings};
use crate::screen::console::ConsolePlugin;
use crate::show::{AgentStyle, ShowOptions};
use crate::sim::SimPlugin;

/// `bolwerk present`.
#[derive(Debug, Clone, Args)]
pub struct PresentArgs {
    /// The scenario (RON); without one, the shipped session on internal customers.
    #[arg(value_name = "SCENARIO.ron")]
    pub scenario: Option<PathBuf>,
    /// The language to start in (L switches).
    #[arg(long, value_enum, default_value_t = Lang::EN)]
    pub lang: Lang,
    /// Text size at 1080 pixels of height, as a multiple of the demo's; the text grows
    /// and shrinks with the window's height, so every projector shows the same picture.
    #[arg(long, default_value_t = 1.5, value_parser = font_scale)]
    pub font_scale: f32,
    /// The colours.
    #[arg(long, value_enum, default_value_t = ThemeName::Projector)]
    pub theme: ThemeName,
    /// A window instead of fullscreen.
    #[arg(long)]
    pub windowed: bool,
    /// The window's width in pixels (with --windowed, or before fullscreen takes over).
    #[arg(long, default_value_t = 1920, value_parser = clap::value_parser!(u32).range(64..=16384))]
    pub width: u32,
    /// The window's height in pixels.
    #[arg(long, default_value_t = 1080, value_parser = clap::value_parser!(u32).range(64..=16384))]
    pub height: u32,
    /// Quit after N frames (with --screenshot: save it, then quit); for checks.
    #[arg(long, value_name = "N")]
    pub frames: Option<u32>,
    /// Save a screenshot after --frames frames.
    #[arg(long, value_name = "FILE.png")]
    pub screenshot: Option<PathBuf>,
    /// Start at this part (from 1); for checks and rehearsals. `--act` is the old name.
    #[arg(long = "part", alias = "act", value_name = "N", default_value_t = 1)]
    pub act: usize,
    /// Print frame-time statistics on quitting.
    #[arg(long)]
    pub report_frame_times: bool,
    /// A second window for the trainer: the part's notes, the next part, the time
    /// spent and the clock, the live figures. It opens on the monitor the projection
    /// is not on, or beside it on one monitor.
    #[arg(long)]
    pub console: bool,
    /// Let the room answer from their phones: serve the participants' page and take
    /// their answers (the address and the code are printed, and shown as a QR code).
    #[arg(long)]
    pub audience: bool,
    /// The audience's port: the one to allow on the venue's network (0: any free one).
    #[arg(long, value_name = "N", default_value_t = 8080, requires = "audience")]
    pub audience_port: u16,
    /// The laptop's address on the room's network, for a laptop on several networks
    /// (Wi-Fi and cable, a VPN): the room's page is served there (and to the laptop
    /// itself), and nowhere else. Without it, the address of the network the laptop
    /// would reach the internet through.
    #[arg(long, value_name = "ADDR", requires = "audience")]
    pub audience_host: Option<std::net::IpAddr>,
    /// Every phone reaches this laptop through one shared address (a venue's network
    /// behind one router, NAT): let one address bring the whole room. Without it, one
    /// address may bring a few new phones a minute.
    #[arg(long, requires = "audience")]
    pub audience_shared_address: bool,
    /// Write the room's answers to this CSV file as each question closes: the part,
    /// the question, the answer and when it came, nothing about who gave it.
    #[arg(long, value_name = "FILE.csv", requires = "audience")]
    pub audience_log: Option<PathBuf>,
    /// When the session ends, write its debrief into this folder: debrief.pdf, what
    /// the room answered beside what the model expects, and the same as debrief.csv. The
    /// answers' log goes there too (answers.csv) unless --audience-log names one;
    /// `bolwerk debrief` makes the debrief from it again, or during the session.
    #[arg(long, value_name = "DIR", requires = "audience")]
    pub debrief: Option<PathBuf>,
    /// Replace an existing answers' log and debrief.
    #[arg(long, requires = "audience")]
    pub force: bool,
    /// Rehearse: reload the session whenever its file is saved. The part on stage shows
    /// its new texts at once (and starts again if its settings changed); a save with a
    /// problem is shown, and the last good version keeps running. For a rehearsal:
    /// not with --audience.
    #[arg(long, conflicts_with = "audience")]
    pub watch: bool,
    /// Write the texts each window shows, each frame, into this folder (for checks).
    #[arg(long, value_name = "DIR", hide = true)]
    pub dump_texts: Option<PathBuf>,
}

fn font_scale(s: &str) -> Result<f32, String> {
    let v: f32 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    if (0.5..=4.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{v}: the font scale must be 0.5 to 4"))
    }
}

/// Runs a session until the window closes.
pub fn run(args: &PresentArgs) -> Result<(), Failure> {
    let scenario = Scenario::load_or_shipped(args.scenario.as_deref())
        .map_err(|e| Failure::Input(e.to_string()))?;
    if !(1..=scenario.acts.len()).contains(&args.act) {
        return Err(Failure::Input(format!(
            "--part {}: the session has parts 1 to {}",
            args.act,
            scenario.acts.len()
        )));
    }
    let watched = match (&args.scenario, args.watch) {
        (Some(path), true) => Some(WatchPlugin {
            path: path.clone(),
            text: std::fs::read_to_string(path)
                .map_err(|e| Failure::Input(format!("{}: cannot read: {e}", path.display())))?,
        }),
        (None, true) => {
            return Err(Failure::Input(
                "--watch reloads a session file: name one (bolwerk new SESSION.ron writes one to start from)".into(),
            ));
        }
        (_, false) => None,
    };
    if args.screenshot.is_some() && args.frames.is_none() {
        return Err(Failure::Input("--screenshot needs --frames N".into()));
    }
    // Where the debrief goes, checked before anything opens.
    let debrief = match &args.debrief {
        Some(dir) => Some(Debrief::prepare(dir, args)?),
        None => None,
    };
    let sim = SimPlugin::new(scenario.start_params(), scenario.seed_of(0))
        .map_err(|e| Failure::Input(e.to_string()))?;
    require_display()?;
    require_graphics()?;
    // A crash in front of a room leaves a card on screen that says where the report is.
    crate::crash::show_card(
        args.lang,
        args.windowed.then_some((args.width, args.height)),
    );
    // Refused before the window opens, like any other bad argument.
    if let Some(host) = args.audience_host {
        crate::audience::server::listen_addresses(host, args.audience_port)?;
    }
    let log_path = args
        .audience_log
        .clone()
        .or_else(|| debrief.as_ref().map(|d| d.log.clone()));
    let log = match &log_path {
        Some(path) => Some(AnswerLog::create(path, args.force, &scenario)?),
        None => None,
    };
    let played = debrief.as_ref().map(|_| scenario.clone());
    let surface = Surface::Window {
        width: args.width,
        height: args.height,
        scripted: args.frames.is_some(),
        fullscreen: !args.windowed,
    };
    let options = ShowOptions {
        agents: AgentStyle::Cloud,
        frames: args.frames,
        screenshot: args.screenshot.clone(),
        report_frame_times: args.report_frame_times,
        lang: args.lang,
        // The audience sees the scene and the captions; P brings the panel.
        view: ViewSettings {
            overlay: Overlay::None,
            ..ViewSettings::default()
        },
        theme: Theme {
            palette: args.theme.palette(),
            font_scale: args.font_scale,
        },
        mask_overlays: false,
        room_panel: true,
        text_follows_height: true,
        dump_texts: args.dump_texts.clone(),
        compare: Vec::new(),
    };
    let acts = scenario.acts.len();
    // The page to take home draws the curve of the world the session starts with, or,
    // where that is not a sphere, of its first sphere.
    let start = scenario.start_params();
    let world = std::iter::once(start.clone())
        .chain(scenario.acts.iter().filter_map(|a| a.params.clone()))
        .find(|p| p.shape == bolwerk_model::Shape::Sphere)
        .unwrap_or(start);
    let mut state = ScenarioState::new(scenario, false);
    state.start_at(args.act - 1);
    let mut app = scene_app(surface, sim, options);
    app.add_plugins(ScenarioPlugin)
        .insert_resource(state)
        .insert_resource(ActiveBindings(presenter_bindings()));
    if args.console {
        app.add_plugins(ConsolePlugin);
    }
    if let Some(watched) = watched {
        println!(
            "{}",
            Texts::new(args.lang).fmt(
                Msg::RehearsalWatching,
                &[("file", watched.path.display().to_string().into())]
            )
        );
        app.add_plugins(watched);
    }
    if args.audience {
        // A server that cannot start leaves the session as it is, without the room.
        let options = LiveOptions {
            host: args.audience_host.unwrap_or_else(lan_address),
            port: args.audience_port,
            shared_address: args.audience_shared_address,
            random: os_random,
            world,
        };
        match LiveRoom::start(options, acts, args.lang, log) {
            Ok((room, view)) => {
                if let Some(join) = &view.join {
                    println!("{}", join.announcement());
                }
                app.insert_resource(room)
                    .insert_resource(view)
                    .add_plugins(AudiencePlugin);
            }
            Err(e) => {
                eprintln!(
                    "{}",
                    Texts::new(args.lang)
                        .fmt(Msg::AudienceFailed, &[("reason", e.to_string().into())])
                );
                // No room, no answers: the log created for them goes too, and there
                // is nothing to debrief; the trainer hears so now.
                if let Some(path) = &log_path {
                    let _ = std::fs::remove_file(path);
                    let _ = std::fs::remove_file(crate::audience::log::session_beside(path));
                }
                if debrief.is_some() {
                    eprintln!(
                        "{}",
                        Texts::new(args.lang)
                            .fmt(Msg::DebriefFailed, &[("reason", e.to_string().into())])
                    );
                }
                return from_app_exit(app.run(), "the session");
            }
        }
    }
    let exit = app.run();
    // The room's last answers are in the log once the app has stopped.
    if let (Some(debrief), Some(played)) = (debrief, played) {
        debrief.write(&played, args.lang);
    }
    from_app_exit(exit, "the session")
}

/// Where `--debrief DIR` puts the log and the debrief.
struct Debrief {
    /// The answers' log: `--audience-log`'s, or `DIR/answers.csv`.
    log: PathBuf,
    /// `DIR/debrief.pdf`, its table beside it.
    pdf: PathBuf,
}

impl Debrief {
    /// Makes the folder and checks, before the window opens, that the debrief can be
    /// written there.
    fn prepare(dir: &std::path::Path, args: &PresentArgs) -> Result<Self, Failure> {
        let pdf = dir.join("debrief.pdf");
        let log = args
            .audience_log
            .clone()
            .unwrap_or_else(|| dir.join("answers.csv"));
        let targets = [pdf.clone(), debrief::csv_beside(&pdf)];
        // Found now, not when the session is over and the debrief is lost.
        if let Some(target) = targets.iter().find(|t| debrief::same_file(t, &log)) {
            return Err(Failure::Input(format!(
                "--debrief {}: the debrief's {} would replace the answers' log; name the log otherwise",
                dir.display(),
                target.display()
            )));
        }
        std::fs::create_dir_all(dir)
            .map_err(|e| Failure::Input(format!("--debrief {}: {e}", dir.display())))?;
        for target in &targets {
            check_target(target, args.force, "--debrief")?;
        }
        Ok(Debrief { log, pdf })
    }

    /// Writes the debrief of the session `played`, in `lang`; says where, or why not.
    fn write(self, played: &Scenario, lang: Lang) {
        let texts = Texts::new(lang);
        match debrief::write(&self.log, played, lang, &self.pdf, true) {
            Ok((pdf, csv)) => println!(
                "{}",
                texts.fmt(
                    Msg::DebriefWritten,
                    &[
                        ("pdf", pdf.display().to_string().into()),
                        ("csv", csv.display().to_string().into()),
                    ],
                )
            ),
            Err(e) => eprintln!(
                "{}",
                texts.fmt(Msg::DebriefFailed, &[("reason", e.to_string().into())])
            ),
        }
    }
}
