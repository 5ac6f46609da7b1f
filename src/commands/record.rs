//! `bolwerk record`: a video of the growth, rendered offscreen with no window (so no
//! display is needed), through the same scene and panel as the demo.
//!
//! Every video frame advances the simulation by the same simulated time, so a video
//! depends on its options alone, not on how fast the machine renders. Frames are read
//! back from the GPU in order, streamed to the encoder, and the output appears under
//! its name only when complete, with a manifest beside it.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::Ordering;

use bevy::prelude::*;
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};

use super::{ModelArgs, parse_size};
use crate::app::filming_app;
use crate::audience::RecordedAnswers;
use crate::failure::Failure;
use crate::i18n::Lang;
use crate::intent::{DEFAULT_ORBIT_PERIOD, Overlay, ViewSettings};
use crate::look::palette::{Theme, ThemeName};
use crate::output::{LONGEST_SECS, PendingDir, PendingFile, check_target, interrupt_flag};
use crate::record::encoder::check_ffmpeg;
use crate::record::package::Package;
use crate::record::session::{Length, Progress, Recorded, Session};
use crate::record::sidecars::{self, Captions, Sidecars};
use crate::record::timeline::Marks;
use crate::record::transcript::{Filmed, Frames};
use crate::record::{ActStart, Encoder, EncoderSpec, Manifest, Quality, VideoFormat};
use crate::scenario::Scenario;
use crate::scenario::play::ScenarioState;
use crate::show::{AgentStyle, ShowOptions};
use crate::sim::{SimPlugin, SimSettings};

/// How the camera moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CameraMode {
    /// Around the organisation, one turn per `--orbit-period` seconds of video.
    Orbit,
    /// Still.
    Fixed,
}

/// What `--hide` can hide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Hideable {
    /// Contact lines.
    Lines,
    /// Customers.
    Customers,
    /// The organisation's surface.
    Boundary,
    /// The plot in the panel.
    Plot,
}

/// `bolwerk record`.
#[derive(Debug, Clone, Args)]
pub struct RecordArgs {
    /// Seed and parameters.
    #[command(flatten)]
    pub model: ModelArgs,
    /// The output: FILE.mp4 (H.264), FILE.webm (VP9), FILE.gif, or a FOLDER/ of PNGs.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Frame size in pixels, WIDTHxHEIGHT (e.g. 1600x900), or one of 480p, 720p,
    /// 1080p, 1440p, 4k.
    #[arg(long, value_name = "WxH", value_parser = parse_size, default_value = "1280x720")]
    pub size: (u32, u32),
    /// MP4 and WebM: low (smallest), medium (the knee of size against sharpness) or
    /// high (near-lossless, for editing).
    #[arg(long, value_enum, default_value_t = Quality::Medium)]
    pub quality: Quality,
    /// Frames per second.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=120))]
    pub fps: u32,
    /// Length of the video in seconds (the default is 10).
    #[arg(long, value_name = "SECONDS", conflicts_with = "until_employees")]
    pub duration: Option<f64>,
    /// Record until the organisation has N employees.
    #[arg(long, value_name = "N")]
    pub until_employees: Option<u32>,
    /// Simulated seconds per second of video (the simulation takes 64 steps per simulated
    /// second). A session's first part may set its own `speed`, which then applies.
    #[arg(long, default_value_t = 1.0)]
    pub speed: f64,
    /// A fixed number of employees: start at N and do not grow.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=i64::from(bolwerk_model::params::MAX_HEAD_COUNT)))]
    pub employees: Option<u32>,
    /// The camera: orbit around the organisation, or stay fixed.
    #[arg(long, value_enum, default_value_t = CameraMode::Orbit)]
    pub camera: CameraMode,
    /// Seconds of video per turn of the orbiting camera.
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_ORBIT_PERIOD)]
    pub orbit_period: f32,
    /// The panel burned in: full (panel and plot), minimal (the share of contacts with customers and N) or none.
    #[arg(long, value_enum, default_value_t = Overlay::Full)]
    pub overlay: Overlay,
    /// The language of the texts burned in.
    #[arg(long, value_enum, default_value_t = Lang::EN)]
    pub lang: Lang,
    /// Parts of the scene to hide: lines, customers, boundary, plot (comma-separated).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "PART")]
    pub hide: Vec<Hideable>,
    /// Compare shapes side by side from the start: two to four what-ifs
    /// (comma-separated).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "SHAPES")]
    pub compare: Vec<crate::whatif::CompareKind>,
    /// The colours: screen (dark) or projector (light).
    #[arg(long, value_enum, default_value_t = ThemeName::Screen)]
    pub theme: ThemeName,
    /// How to draw employees and customers: `cloud` (fast) or `naive` (the benchmarks' slow baseline).
    #[arg(long, value_enum, default_value_t = AgentStyle::Cloud)]
    pub agents: AgentStyle,
    /// Record a session (RON): every part for its scripted length, captions burned in,
    /// the parts' start times in the manifest.
    #[arg(long, value_name = "SCENARIO.ron", conflicts_with_all = ["duration", "until_employees", "employees", "compare"])]
    pub scenario: Option<PathBuf>,
    /// A scenario's captions: burned into the picture, soft (subtitle tracks in both
    /// languages and .srt/.vtt files beside the video), or both (the default).
    /// Chapters, one per part, come with every session recording.
    #[arg(long, value_enum, requires = "scenario")]
    pub captions: Option<Captions>,
    /// Also write the recorded session as a SCORM 1.2 course package (a .zip) for a
    /// course platform: the video with its tracks, a player that pauses at each
    /// question and checks the answer, and the text version. Needs an MP4 or WebM.
    #[arg(long, value_name = "FILE.zip", requires = "scenario")]
    pub package: Option<PathBuf>,
    /// A room's answers, from `present --audience-log`: drawn at each question's reveal
    /// as the room's spread beside the simulation's answer.
    #[arg(long, value_name = "FILE.csv", requires = "scenario")]
    pub answers: Option<PathBuf>,
    /// Replace an existing output.
    #[arg(long)]
    pub force: bool,
    /// Write the texts each frame shows into this folder (for checks).
    #[arg(long, value_name = "DIR", hide = true)]
    pub dump_texts: Option<PathBuf>,
    /// Print where the time went: updating (simulation and drawing), waiting for the
    /// GPU, and waiting for the encoder.
    #[arg(long)]
    pub report_timing: bool,
    /// Lay the overlays out but paint the area they leave out of the 3D view in
    /// magenta instead of them (for the tests' overlap check).
    #[arg(long, hide = true)]
    pub mask_overlays: bool,
}

/// Everything checked before rendering starts.
struct Plan {
    format: VideoFormat,
    width: u32,
    height: u32,
    length: Length,
    sim: SimPlugin,
    settings: SimSettings,
    scenario: Option<Scenario>,
    /// A room's answers to the scenario's questions.
    answers: Option<RecordedAnswers>,
    /// A scenario's chapters and subtitles beside the video.
    sidecars: Option<Sidecars>,
    /// The course package to write, if asked.
    package: Option<Package>,
}

impl Plan {
    fn new(args: &RecordArgs) -> Result<Self, Failure> {
        let scenario = match &args.scenario {
            Some(path) => Some(
                Scenario::load_or_shipped(Some(path)).map_err(|e| Failure::Input(e.to_string()))?,
            ),
            None => None,
        };
        let answers = match (&args.answers, &scenario) {
            (Some(path), Some(scenario)) => {
                Some(RecordedAnswers(crate::audience::log::read(path, scenario)?))
            }
            _ => None,
        };
        let mut params = match &scenario {
            Some(s) => s.start_params(),
            None => args.model.load()?,
        };
        if let Some(n) = args.employees {
            params.initial_employees = n;
            params.max_employees = n;
        }
        let seed = scenario.as_ref().map_or(args.model.seed, |s| s.seed_of(0));
        let sim =
            SimPlugin::new(params.clone(), seed).map_err(|e| Failure::Input(e.to_string()))?;
        let format = VideoFormat::for_path(&args.out)?;
        let (width, height) = args.size;
        // The adapter's own limit is checked once it is up; this bound keeps absurd
        // sizes from getting that far.
        if width < 16 || height < 16 || width > 32_768 || height > 32_768 {
            return Err(Failure::Input(format!(
                "--size {width}x{height}: each side must be 16 to 32768 pixels"
            )));
        }
        if format.needs_even_size() && (width % 2 == 1 || height % 2 == 1) {
            return Err(Failure::Input(format!(
                "--size {width}x{height}: H.264 and VP9 need an even width and height, e.g. {}x{}",
                width & !1,
                height & !1
            )));
        }
        if !(args.speed.is_finite() && args.speed > 0.0 && args.speed <= 100.0) {
            return Err(Failure::Input(format!(
                "--speed {}: it must be above 0 and at most 100",
                args.speed
            )));
        }
        if !(args.orbit_period.is_finite() && args.orbit_period > 0.0) {
            return Err(Failure::Input(format!(
                "--orbit-period {}: it must be above 0",
                args.orbit_period
            )));
        }
        let length = match (args.duration, args.until_employees) {
            _ if scenario.is_some() => Length::Scenario,
            (_, Some(n)) => {
                if let Some(why) = params.unreachable(n) {
                    return Err(Failure::Input(format!("--until-employees {n} {why}")));
                }
                Length::UntilEmployees(n)
            }
            (secs, None) => {
                let secs = secs.unwrap_or(10.0);
                if !(secs.is_finite() && secs > 0.0 && secs <= LONGEST_SECS) {
                    return Err(Failure::Input(format!(
                        "--duration {secs}: it must be above 0 and at most {LONGEST_SECS} seconds"
                    )));
                }
                Length::Frames(((secs * f64::from(args.fps)).round() as u64).max(1))
            }
        };
        check_target(&args.out, args.force, "--out")?;
        check_target(&Manifest::path_for(&args.out), args.force, "--out")?;
        let sidecars = scenario
            .as_ref()
            .map(|s| Sidecars::new(&args.out, args.captions.unwrap_or_default(), s, args.lang));
        if let Some(sidecars) = &sidecars {
            sidecars.check(args.force)?;
        }
        let package = match &args.package {
            Some(_) if !matches!(format, VideoFormat::Mp4 | VideoFormat::Webm) => {
                return Err(Failure::Input(
                    "--package: a course package plays an MP4 or WebM video".into(),
                ));
            }
            Some(_)
                if sidecars
                    .as_ref()
                    .is_some_and(|s| !s.langs().contains(&args.lang)) =>
            {
                return Err(Failure::Input(format!(
                    "--package: the session has no texts in {}; record it with --lang in one of its languages",
                    args.lang.code()
                )));
            }
            Some(out) => Some(Package::check(out, args.force)?),
            None => None,
        };
        // Fails now, not after rendering, if the folder is not writable.
        if format == VideoFormat::Png {
            drop(PendingDir::create(&args.out, "--out")?);
        } else {
            drop(PendingFile::create(&args.out, ".partial", "--out")?);
        }
        if format.needs_ffmpeg() {
            check_ffmpeg()?;
        }
        Ok(Self {
            format,
            width,
            height,
            length,
            settings: SimSettings { params, seed },
            sim,
            scenario,
            answers,
            sidecars,
            package,
        })
    }
}

fn progress_bar(length: Length) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let (len, unit) = match length {
        Length::Frames(n) => (n, "frames"),
        Length::UntilEmployees(n) => (u64::from(n), "employees"),
        Length::Scenario => (0, "frames"),
    };
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template(&format!(
            "{{spinner}} [{{elapsed_precise}}] {{wide_bar}} {{pos}}/{{len}} {unit}  {{msg}}  ETA {{eta}}"
        ))
        .expect("the template is valid"),
    );
    bar
}

/// When each act of a recorded scenario started (its first frame and second), and
/// what its last frame counted.
fn act_starts(app: &App, frames: Frames, lang: Lang, end: f64) -> Vec<ActStart> {
    let Some(state) = app.world().get_resource::<ScenarioState>() else {
        return Vec::new();
    };
    state
        .log
        .iter()
        .enumerate()
        .map(|(k, &(act, secs))| {
            let until = state.log.get(k + 1).map_or(end, |&(_, next)| next).min(end);
            let last = frames.seen(secs, until.max(secs), None).last.main;
            let question = state.scenario.acts[act].question.as_ref();
            ActStart {
                act: act + 1,
                title: state.scenario.acts[act]
                    .caption
                    .as_ref()
                    .map_or_else(String::new, |c| c.get(lang).title.clone()),
                start_secs: secs,
                start_frame: frames.at(secs) as u64,
                end_secs: until,
                employees: last.employees,
                customer_share: last.customer_share().unwrap_or(0.0),
                expected_share: last.customer_share_expected(),
                answer: question.and_then(|q| q.answer.counted(&last)),
            }
        })
        .collect()
}

/// Runs `bolwerk record`.
pub fn run(args: &RecordArgs) -> Result<(), Failure> {
    let mut plan = Plan::new(args)?;
    let interrupted = interrupt_flag()?;
    let options = ShowOptions {
        agents: args.agents,
        lang: args.lang,
        view: ViewSettings {
            auto_rotate: args.camera == CameraMode::Orbit,
            orbit_period: args.orbit_period,
            overlay: args.overlay,
            lines: !args.hide.contains(&Hideable::Lines),
            customers: !args.hide.contains(&Hideable::Customers),
            boundary: !args.hide.contains(&Hideable::Boundary),
            plot: !args.hide.contains(&Hideable::Plot),
            captions: args.captions.unwrap_or_default().burned(),
            ..ViewSettings::default()
        },
        compare: args.compare.clone(),
        mask_overlays: args.mask_overlays,
        room_panel: true,
        text_follows_height: false,
        dump_texts: args.dump_texts.clone(),
        theme: Theme {
            palette: args.theme.palette(),
            font_scale: 1.0,
        },
        ..ShowOptions::default()
    };
    let app = filming_app(
        plan.sim.clone(),
        options,
        (plan.width, plan.height),
        plan.scenario.clone(),
        plan.answers.take(),
    )?;
    let encoder = Encoder::start(&EncoderSpec {
        format: plan.format,
        target: args.out.clone(),
        width: plan.width,
        height: plan.height,
        fps: args.fps,
        quality: args.quality,
        wall_clock: false,
    })?;

    let bar = progress_bar(plan.length);
    let speed = plan
        .scenario
        .as_ref()
        .map_or(args.speed, |s| s.recording_speed(args.speed));
    let mut session = Session::start(app, encoder, plan.length, args.fps, speed);
    // Each frame's counts, for the text version and the manifest's parts.
    let mut counts = Vec::new();
    while !session.done() {
        if interrupted.load(Ordering::Relaxed) {
            bar.abandon();
            drop(session);
            return Err(Failure::Interrupted(format!(
                "interrupted: nothing was written to {}",
                args.out.display()
            )));
        }
        let Progress {
            pushed,
            last,
            arrived,
        } = session.step()?;
        counts.extend(arrived);
        match plan.length {
            Length::Frames(_) | Length::Scenario => bar.set_position(pushed),
            Length::UntilEmployees(_) => bar.set_position(u64::from(last.employees)),
        }
        if pushed > 0 {
            bar.set_message(format!(
                "{} employees, {:.1}% of contacts with customers",
                last.employees,
                last.customer_share().unwrap_or(0.0) * 100.0
            ));
        }
    }
    bar.finish_and_clear();
    let Recorded {
        app,
        mut video,
        last,
        drawn,
        timing,
        started,
    } = session.finish()?;
    let frames = video.frames;
    let end = frames as f64 / f64::from(args.fps);
    let counted = Frames {
        counts: &counts,
        fps: args.fps,
    };
    let mut files = vec![args.out.clone()];
    let (beside, told) = match (&plan.sidecars, app.world().get_resource::<ScenarioState>()) {
        (Some(sidecars), Some(state)) => {
            let marks = Marks {
                entered: state.log.clone(),
                revealed: state.revealed.clone(),
                end,
            };
            files.extend(sidecars.paths());
            let filmed = Filmed {
                marks: &marks,
                frames: counted,
                seed: plan.settings.seed,
            };
            let (beside, told) = sidecars.write(&state.scenario, &filmed, &mut video)?;
            (beside, Some(told))
        }
        _ => (Vec::new(), None),
    };
    // The package, from the files still under their temporary names: everything is
    // put in place together, or nothing is.
    let zip = match (&plan.package, &plan.sidecars, &told, video.path()) {
        (Some(package), Some(sidecars), Some(told), Some(written)) => {
            files.push(package.out.clone());
            Some(package.write((written, &args.out), &beside, sidecars, told)?)
        }
        _ => None,
    };
    video.commit()?;
    sidecars::commit(beside)?;
    zip.map(PendingFile::commit).transpose()?;
    let secs = started.elapsed().as_secs_f64();
    let manifest = Manifest {
        bolwerk_version: env!("CARGO_PKG_VERSION"),
        command: std::env::args().collect(),
        seed: plan.settings.seed,
        params: plan.settings.params,
        width: plan.width,
        height: plan.height,
        fps: args.fps,
        frames,
        live: false,
        format: plan.format,
        quality: plan.format.needs_ffmpeg().then_some(args.quality),
        lang: args.lang,
        last,
        acts: act_starts(&app, counted, args.lang, end),
        files,
    };
    manifest.write_beside(&args.out)?;
    println!(
        "wrote {} ({frames} frames, {}x{}, {} fps; {} employees, {:.1}% of contacts with customers) in {secs:.1} s, {:.1} frames/s",
        args.out.display(),
        plan.width,
        plan.height,
        args.fps,
        last.employees,
        last.customer_share().unwrap_or(0.0) * 100.0,
        frames as f64 / secs
    );
    if args.report_timing {
        let per = |x: f64| x / drawn.max(1) as f64 * 1e3;
        println!(
            "timing per drawn frame ({drawn}): update (simulation, drawing, readback) {:.1} ms, \
             GPU wait {:.1} ms, encoder wait {:.1} ms, other {:.1} ms",
            per(timing.update),
            per(timing.gpu),
            per(timing.encoder),
            per(secs - timing.update - timing.gpu - timing.encoder),
        );
    }
    Ok(())
}
