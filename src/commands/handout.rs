//! `bolwerk handout`: a session's handout as PDF, for participants to take home (or,
//! with `--notes`, the trainer's copy).
//!
//! The session is filmed offscreen as `record --scenario` films it, a few frames a
//! second and without burned-in captions, and each part's picture is its last frame.
//! A part with a question has two pages: the question, pictured as the room saw it,
//! with room to write; then, on the next page (the back of the sheet when printed
//! double-sided), the answer the model counted. The last page has the ratio curve of
//! the session's largest organisation, counted and expected, and the essay's credit.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use bolwerk_model::{Params, Shape};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use super::parse_size;
use crate::app::filming_app;
use crate::failure::Failure;
use crate::i18n::{Arg, Lang, Msg, Texts};
use crate::intent::{Overlay, ViewSettings};
use crate::look::palette::{Theme, ThemeName};
use crate::output::{PendingFile, check_target, has_extension, interrupt_flag};
use crate::record::session::{Length, Session};
use crate::record::{Encoder, EncoderSpec, Quality, VideoFormat};
use crate::report::handout::{self, Block, Handout, Page, Picture};
use crate::report::plot::{self, PlotStyle};
use crate::scenario::Scenario;
use crate::scenario::kinds::{Kind, Moment, Sheet, Take};
use crate::scenario::play::ScenarioState;
use crate::show::{AgentStyle, ShowOptions};
use crate::sim::curve::ShareCurve;
use crate::sim::headless::{headless_app, run_until};
use crate::sim::{ContactStats, SimPlugin};

/// Frames a second of the session filmed for the pictures: enough to catch the end of
/// every part and the moment before each answer, few enough to film quickly.
const FILM_FPS: u32 = 4;

/// `bolwerk handout`.
#[derive(Debug, Clone, Args)]
pub struct HandoutArgs {
    /// The session (a scenario, RON); the shipped one if left out.
    #[arg(value_name = "SCENARIO.ron")]
    pub scenario: Option<PathBuf>,
    /// Where to write the handout: FILE.pdf.
    #[arg(long, value_name = "FILE.pdf")]
    pub out: PathBuf,
    /// The language of the handout and of the texts in its pictures.
    #[arg(long, value_enum, default_value_t = Lang::EN)]
    pub lang: Lang,
    /// Add each part's notes for the trainer (the trainer's copy).
    #[arg(long)]
    pub notes: bool,
    /// The pictures' colours: projector (light, prints well) or screen (dark).
    #[arg(long, value_enum, default_value_t = ThemeName::Projector)]
    pub theme: ThemeName,
    /// The pictures' size in pixels, WIDTHxHEIGHT or 720p, 1080p.
    #[arg(long, value_name = "WxH", value_parser = parse_size, default_value = "1280x720")]
    pub size: (u32, u32),
    /// Replace an existing file.
    #[arg(long)]
    pub force: bool,
}

/// One filmed session: its frames as PNG files, and what happened when.
struct Film {
    /// The folder of frames, removed when this is dropped.
    dir: tempfile::TempDir,
    /// How many frames.
    frames: u64,
    /// The counts each frame was drawn with.
    stats: Vec<ContactStats>,
    /// Each part entered, with when (seconds of film).
    entered: Vec<(usize, f64)>,
    /// Each question answered, with when.
    revealed: Vec<(usize, f64)>,
}

impl Film {
    /// The last frame before `secs` (the frame drawn just before that moment).
    fn frame_before(&self, secs: f64) -> u64 {
        ((secs * f64::from(FILM_FPS)).ceil() as u64)
            .saturating_sub(1)
            .min(self.frames.saturating_sub(1))
    }

    fn picture(&self, frame: u64, size: (u32, u32)) -> Result<Picture, Failure> {
        let path = self
            .dir
            .path()
            .join("frames")
            .join(format!("frame-{:06}.png", frame + 1));
        let png = std::fs::read(&path).map_err(|e| {
            Failure::Runtime(format!(
                "cannot read a filmed frame {}: {e}",
                path.display()
            ))
        })?;
        Ok(Picture { png, size })
    }

    fn stats(&self, frame: u64) -> ContactStats {
        let k = (frame as usize).min(self.stats.len().saturating_sub(1));
        self.stats.get(k).copied().unwrap_or_default()
    }
}

fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] filming the session: {msg}")
            .expect("the template is valid"),
    );
    bar
}

/// Films `scenario` offscreen, as `record --scenario` does, without burned captions.
fn film(scenario: &Scenario, args: &HandoutArgs) -> Result<Film, Failure> {
    let interrupted = interrupt_flag()?;
    let sim = SimPlugin::new(scenario.start_params(), scenario.seed_of(0))
        .map_err(|e| Failure::Input(e.to_string()))?;
    let options = ShowOptions {
        agents: AgentStyle::Cloud,
        lang: args.lang,
        view: ViewSettings {
            overlay: Overlay::Full,
            captions: false,
            ..ViewSettings::default()
        },
        theme: Theme {
            palette: args.theme.palette(),
            font_scale: 1.0,
        },
        room_panel: true,
        ..ShowOptions::default()
    };
    let app = filming_app(sim, options, args.size, Some(scenario.clone()), None)?;
    let dir = tempfile::tempdir()
        .map_err(|e| Failure::Runtime(format!("cannot make a folder for the pictures: {e}")))?;
    let encoder = Encoder::start(&EncoderSpec {
        format: VideoFormat::Png,
        target: dir.path().join("frames"),
        width: args.size.0,
        height: args.size.1,
        fps: FILM_FPS,
        quality: Quality::default(),
        wall_clock: false,
    })?;
    let bar = progress_bar();
    let speed = scenario.recording_speed(1.0);
    let mut session = Session::start(app, encoder, Length::Scenario, FILM_FPS, speed);
    let mut stats = Vec::new();
    while !session.done() {
        if interrupted.load(Ordering::Relaxed) {
            bar.abandon();
            return Err(Failure::Interrupted(format!(
                "interrupted: nothing was written to {}",
                args.out.display()
            )));
        }
        // Each frame with the counts it was drawn with (not the step's last: a step
        // can hand over several frames).
        let progress = session.step()?;
        stats.extend(progress.arrived.into_iter().map(|c| c.main));
        bar.set_message(format!("{} frames", progress.pushed));
        bar.tick();
    }
    bar.finish_and_clear();
    let recorded = session.finish()?;
    let frames = recorded.video.frames;
    recorded.video.commit()?;
    let state = recorded
        .app
        .world()
        .get_resource::<ScenarioState>()
        .ok_or_else(|| Failure::Runtime("the session was not played".into()))?;
    Ok(Film {
        dir,
        frames,
        stats,
        entered: state.log.clone(),
        revealed: state.revealed.clone(),
    })
}

/// The organisation the curve shows: the session's largest growing sphere (the
/// essay's picture, so the exact expectation is a smooth curve), with its seed and the
/// number of employees it grows to, grown in one run from the session's smallest sphere, so
/// that the curve spans every size the session showed.
fn curve_world(scenario: &Scenario) -> (Params, u64, u32) {
    let mut best = (scenario.start_params(), scenario.seed_of(0), 0);
    let mut smallest = u32::MAX;
    for (i, act) in scenario.acts.iter().enumerate() {
        let Some(params) = &act.params else { continue };
        if params.shape != Shape::Sphere || act.compare.as_ref().is_some_and(|c| !c.is_empty()) {
            continue;
        }
        smallest = smallest.min(params.initial_employees);
        let target = act
            .until_employees
            .unwrap_or(params.max_employees)
            .min(params.max_employees);
        // A world that holds its size (no growth) draws no curve: a part that only
        // shows a small organisation must not win over the one that grows.
        if target > best.2 && params.unreachable(target).is_none() {
            best = (params.clone(), scenario.seed_of(i), target);
        }
    }
    if best.2 == 0 {
        best.2 = best.0.max_employees;
    }
    best.0.initial_employees = best.0.initial_employees.min(smallest);
    best
}

/// The curve page's picture: the largest organisation grown headless, sampled as
/// `simulate` samples, drawn as `simulate --plot` draws.
fn curve_picture(scenario: &Scenario, args: &HandoutArgs) -> Result<(Picture, String), Failure> {
    let (params, seed, target) = curve_world(scenario);
    let plugin = SimPlugin::new(params.clone(), seed).map_err(|e| Failure::Input(e.to_string()))?;
    let mut app = headless_app((plugin, crate::crash::CrashNotesPlugin));
    // Without growth to the target (a fixed head count), a single sample.
    let reachable = params.unreachable(target).is_none();
    let rows = run_until(&mut app, 5, |s| !reachable || s.employees >= target, |_| {})?;
    let style = PlotStyle {
        lang: args.lang,
        palette: args.theme.palette(),
        // As the session shows it: on log–log axes the rule of thumb is a straight line.
        log: true,
    };
    let curve = ShareCurve::new(rows.iter(), &params);
    let png = plot::png(&curve, &style, plot::PNG_SIZE)?;
    let texts = Texts::new(args.lang);
    let first = rows.first().map_or(0, |s| s.employees);
    let last = rows.last().map_or(0, |s| s.employees);
    let world = texts.fmt(
        Msg::HandoutCurveWorld,
        &[
            ("from", Arg::Int(u64::from(first))),
            ("to", Arg::Int(u64::from(last))),
            ("seed", Arg::Text(seed.to_string())),
        ],
    );
    Ok((
        Picture {
            png,
            size: plot::PNG_SIZE,
        },
        world,
    ))
}

/// The handout's pages: one per part, two for a question, then the curve.
fn pages(
    scenario: &Scenario,
    film: &Film,
    args: &HandoutArgs,
    curve: (Picture, String),
) -> Result<Vec<Page>, Failure> {
    let texts = Texts::new(args.lang);
    let lang = args.lang;
    let total = scenario.acts.len();
    let end = film.frames as f64 / f64::from(FILM_FPS);
    let mut pages = Vec::new();
    for (k, &(index, start)) in film.entered.iter().enumerate() {
        let act = &scenario.acts[index];
        let until = film.entered.get(k + 1).map_or(end, |&(_, next)| next);
        let last_frame = film.frame_before(until);
        let caption = act.caption.as_ref().map(|c| c.get(lang));
        let title = caption.map_or_else(String::new, |c| c.title.clone());
        let kicker = texts.fmt(
            Msg::HandoutPart,
            &[
                ("part", Arg::Int(index as u64 + 1)),
                ("total", Arg::Int(total as u64)),
            ],
        );
        let notes: Vec<Block> = match (&act.notes, args.notes) {
            (Some(notes), true) => std::iter::once(Block::Heading(texts.get(Msg::HandoutNotes)))
                .chain(notes.get(lang).iter().cloned().map(Block::Text))
                .collect(),
            _ => Vec::new(),
        };
        let paragraphs = caption.map_or_else(Vec::new, |c| c.text.clone());
        let turned = film
            .revealed
            .iter()
            .find(|&&(a, t)| a == index && t >= start && t < until)
            .map(|&(_, t)| t);
        let take = Take {
            act,
            title: &title,
            texts: &texts,
            start,
            end: until,
            turned,
        };
        let sheet = Sheet {
            paragraphs,
            notes,
            last: &film.stats(last_frame),
        };
        for printed in Kind::of(act).print(&take, sheet) {
            let frame = match printed.at {
                // A move within the part is noted in the frame that makes it, which
                // already shows it (the room's organisations on the curve): the frame
                // before that one.
                Moment::Turn => film.frame_before(turned.unwrap_or(until)).saturating_sub(1),
                Moment::End => last_frame,
            };
            pages.push(Page {
                kicker: kicker.clone(),
                title: printed.title,
                picture: Some(film.picture(frame, args.size)?),
                blocks: printed.blocks,
            });
        }
    }
    let (picture, world) = curve;
    pages.push(Page {
        kicker: scenario.title.get(lang).to_string(),
        title: texts.get(Msg::HandoutCurveTitle),
        picture: Some(picture),
        blocks: vec![
            Block::Text(texts.get(Msg::HandoutCurveText)),
            Block::Muted(world),
            Block::Heading(texts.get(Msg::HandoutCredit)),
        ],
    });
    Ok(pages)
}

fn check_out(out: &Path, force: bool) -> Result<PendingFile, Failure> {
    if !has_extension(out, &["pdf"]) {
        return Err(Failure::Input(format!(
            "--out {}: the name must end in .pdf",
            out.display()
        )));
    }
    check_target(out, force, "--out")?;
    PendingFile::create(out, ".partial", "--out")
}

/// Runs `bolwerk handout`.
pub fn run(args: &HandoutArgs) -> Result<(), Failure> {
    let scenario = Scenario::load_or_shipped(args.scenario.as_deref())
        .map_err(|e| Failure::Input(e.to_string()))?;
    let (w, h) = args.size;
    if !(16..=8192).contains(&w) || !(16..=8192).contains(&h) {
        return Err(Failure::Input(format!(
            "--size {w}x{h}: each side must be 16 to 8192 pixels"
        )));
    }
    // Fails now, not after filming, if the place is not writable.
    let file = check_out(&args.out, args.force)?;
    let curve = curve_picture(&scenario, args)?;
    let film = film(&scenario, args)?;
    let pages = pages(&scenario, &film, args, curve)?;
    let count = pages.len();
    let texts = Texts::new(args.lang);
    let bytes = handout::pdf(&Handout {
        title: scenario.title.get(args.lang).to_string(),
        lang: args.lang,
        footer: texts.get(Msg::HandoutSource),
        pages,
    })?;
    file.write_all(&bytes)?;
    println!("wrote {} ({count} pages)", args.out.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_curve_grows_the_sessions_largest_sphere_from_its_smallest() {
        let shipped = Scenario::load_or_shipped(None).unwrap();
        let (params, _, target) = curve_world(&shipped);
        // Part 1's 60 employees up to the 6,000 parts 4 and 6 grow to; part 3, which
        // holds 80 without growing, must not be taken.
        assert_eq!((params.initial_employees, target), (60, 6000));
        assert!(params.unreachable(target).is_none());
    }
}
