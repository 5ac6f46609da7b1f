//! `bolwerk simulate`: the ECS simulation under `MinimalPlugins`, with no window, writing
//! one row per sample to CSV or JSON.
//!
//! Output goes to a temporary file beside the target and is renamed into place at
//! the end, so an interrupted run never leaves a half-written file under its name.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use bolwerk_model::Params;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use super::ModelArgs;
use crate::failure::Failure;
use crate::i18n::Lang;
use crate::look::palette::ThemeName;
use crate::output::{PendingFile, check_target};
use crate::report::plot::{self, PlotFormat, PlotStyle};
use crate::sim::curve::ShareCurve;
use crate::sim::headless::{headless_app, run_until};
use crate::sim::{ContactStats, SimPlugin};

/// `bolwerk simulate`.
#[derive(Debug, Clone, Args)]
pub struct SimulateArgs {
    /// Seed and parameters.
    #[command(flatten)]
    pub model: ModelArgs,
    /// Run until the organisation has N employees (the default is the cap, `max_employees`).
    #[arg(long, value_name = "N", conflicts_with = "ticks")]
    pub until_employees: Option<u32>,
    /// Run exactly T steps.
    #[arg(long, value_name = "T")]
    pub ticks: Option<u64>,
    /// Write a sample every K steps.
    #[arg(long, value_name = "K", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    pub every: u64,
    /// Where to write the samples: FILE.csv or FILE.json (by extension), or - for CSV
    /// on stdout (the default, unless --plot is given).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Also draw the ratio against size, counted and its exact expectation, into
    /// FILE.svg or FILE.png.
    #[arg(long, value_name = "FILE")]
    pub plot: Option<PathBuf>,
    /// The plot's language.
    #[arg(long, value_enum, default_value_t = Lang::EN, requires = "plot")]
    pub lang: Lang,
    /// The plot's colours: projector (light, for print and slides) or screen (dark).
    #[arg(long, value_enum, default_value_t = ThemeName::Projector, requires = "plot")]
    pub theme: ThemeName,
    /// Draw the plot on log–log axes, where 1/R is a straight line.
    #[arg(long, requires = "plot")]
    pub log_log: bool,
    /// Replace existing files.
    #[arg(long)]
    pub force: bool,
}

/// When a run ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    Ticks(u64),
    Employees(u32),
}

impl Stop {
    fn new(args: &SimulateArgs, params: &Params) -> Result<Self, Failure> {
        if let Some(t) = args.ticks {
            return Ok(Stop::Ticks(t));
        }
        let n = args.until_employees.unwrap_or(params.max_employees);
        if let Some(why) = params.unreachable(n) {
            return Err(Failure::Input(format!("--until-employees {n} {why}")));
        }
        Ok(Stop::Employees(n))
    }

    fn reached(&self, stats: &ContactStats) -> bool {
        match *self {
            Stop::Ticks(t) => stats.tick >= t,
            Stop::Employees(n) => stats.employees >= n,
        }
    }

    fn progress(&self, stats: &ContactStats) -> (u64, u64) {
        match *self {
            Stop::Ticks(t) => (stats.tick, t),
            Stop::Employees(n) => (u64::from(stats.employees), u64::from(n)),
        }
    }
}

/// The output format, by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Json,
}

/// Where the rows go: stdout, or a temporary file renamed onto the target at the end.
enum Sink {
    Stdout,
    File(PendingFile),
}

impl Sink {
    /// Opens the destination up front, so an unwritable path fails before the run.
    fn open(out: &Path, force: bool) -> Result<(Self, Format), Failure> {
        if out == Path::new("-") {
            return Ok((Sink::Stdout, Format::Csv));
        }
        let format = match out.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("csv") => Format::Csv,
            Some(e) if e.eq_ignore_ascii_case("json") => Format::Json,
            _ => {
                return Err(Failure::Input(format!(
                    "--out {}: the name must end in .csv or .json (or be - for stdout)",
                    out.display()
                )));
            }
        };
        check_target(out, force, "--out")?;
        Ok((
            Sink::File(PendingFile::create(out, ".partial", "--out")?),
            format,
        ))
    }

    /// Writes `bytes` and, for a file, renames it into place.
    fn finish(self, bytes: &[u8]) -> Result<(), Failure> {
        match self {
            Sink::Stdout => std::io::stdout()
                .lock()
                .write_all(bytes)
                .map_err(|e| Failure::Runtime(format!("cannot write to stdout: {e}"))),
            Sink::File(file) => file.write_all(bytes),
        }
    }
}

#[derive(Serialize)]
struct JsonRun<'a> {
    seed: u64,
    params: &'a Params,
    samples: &'a [ContactStats],
}

fn render(format: Format, seed: u64, params: &Params, rows: &[ContactStats]) -> Vec<u8> {
    match format {
        Format::Csv => {
            // The header is `ContactStats`' field names, in order: one source for both.
            let mut out = csv::Writer::from_writer(Vec::new());
            for row in rows {
                out.serialize(row).expect("the samples always serialise");
            }
            out.into_inner().expect("writing to memory cannot fail")
        }
        Format::Json => {
            let run = JsonRun {
                seed,
                params,
                samples: rows,
            };
            let mut out = serde_json::to_vec_pretty(&run).expect("the samples always serialise");
            out.push(b'\n');
            out
        }
    }
}

fn progress_bar(len: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} {msg}")
            .expect("the template is valid"),
    );
    bar
}

/// Runs `bolwerk simulate`.
pub fn run(args: &SimulateArgs) -> Result<(), Failure> {
    let params = args.model.load()?;
    let seed = args.model.seed;
    let stop = Stop::new(args, &params)?;
    // Without --out, the samples go to stdout, unless the run is for a plot.
    let sink = match (&args.out, &args.plot) {
        (None, Some(_)) => None,
        (out, _) => Some(Sink::open(
            out.as_deref().unwrap_or(Path::new("-")),
            args.force,
        )?),
    };
    let plot = match &args.plot {
        Some(path) => {
            let format = PlotFormat::for_path(path, "--plot")?;
            check_target(path, args.force, "--plot")?;
            Some((PendingFile::create(path, ".partial", "--plot")?, format))
        }
        None => None,
    };
    let plugin = SimPlugin::new(params.clone(), seed).map_err(|e| Failure::Input(e.to_string()))?;

    let mut app = headless_app((plugin, crate::crash::CrashNotesPlugin));
    let bar = progress_bar(stop.progress(&ContactStats::default()).1);
    let rows = run_until(
        &mut app,
        args.every,
        |stats| stop.reached(stats),
        |stats| {
            bar.set_position(stop.progress(stats).0);
            bar.set_message(format!(
                "N = {}, ratio = {:.4}",
                stats.employees, stats.ratio
            ));
        },
    )?;
    bar.finish_and_clear();
    // Everything is drawn and encoded before anything is put in place.
    let plotted = match plot {
        Some((file, format)) => {
            let style = PlotStyle {
                lang: args.lang,
                palette: args.theme.palette(),
                log: args.log_log,
            };
            let bytes = plot::render(&ShareCurve::new(rows.iter(), &params), &style, format)?;
            Some((file, bytes))
        }
        None => None,
    };
    if let Some((sink, format)) = sink {
        sink.finish(&render(format, seed, &params, &rows))?;
    }
    if let Some((file, bytes)) = plotted {
        file.write_all(&bytes)?;
    }
    Ok(())
}
