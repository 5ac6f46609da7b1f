//! The command line: what each subcommand takes, and how failures become exit codes.
//!
//! Exit codes: 0 on success, 2 when the input is wrong (a bad parameter, a malformed
//! or unknown file, an unwritable output; clap uses 2 for bad flags too), 1 when
//! something else fails. Errors are printed as one line on stderr.

use std::path::PathBuf;
use std::process::ExitCode;

use bolwerk_model::Params;
use clap::{Args, Parser, Subcommand};

use crate::demo::AgentStyle;
use crate::{simulate, windowed};

/// Watch an organisation grow and lose sight of its customers.
#[derive(Debug, Parser)]
#[command(name = "bolwerk", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the interactive 3D demo (what a bare `bolwerk` does).
    Demo(DemoArgs),
    /// Run the model headless and write one row per sample (CSV or JSON).
    Simulate(SimulateArgs),
}

/// Options shared by every command that runs the model.
#[derive(Debug, Clone, Args)]
pub struct ModelArgs {
    /// The seed: the same seed and parameters give identical results.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// A RON file of parameters (see assets/params/); omitted fields keep their defaults.
    #[arg(long, value_name = "FILE.ron")]
    pub params: Option<PathBuf>,
}

impl ModelArgs {
    /// The parameters from `--params`, or the defaults.
    pub fn load(&self) -> Result<Params, Failure> {
        match &self.params {
            Some(path) => Params::load(path).map_err(|e| Failure::Input(e.to_string())),
            None => Ok(Params::default()),
        }
    }
}

/// `bolwerk simulate`.
#[derive(Debug, Clone, Args)]
pub struct SimulateArgs {
    /// Seed and parameters.
    #[command(flatten)]
    pub model: ModelArgs,
    /// Run until the head count reaches N (the default is the cap, `max_employees`).
    #[arg(long, value_name = "N", conflicts_with = "ticks")]
    pub until_employees: Option<u32>,
    /// Run exactly T ticks.
    #[arg(long, value_name = "T")]
    pub ticks: Option<u64>,
    /// Write a sample every K ticks.
    #[arg(long, value_name = "K", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    pub every: u64,
    /// Where to write: FILE.csv or FILE.json (by extension), or - for CSV on stdout.
    #[arg(long, value_name = "FILE", default_value = "-")]
    pub out: PathBuf,
}

/// `bolwerk demo`.
#[derive(Debug, Clone, Args)]
pub struct DemoArgs {
    /// Seed and parameters.
    #[command(flatten)]
    pub model: ModelArgs,
    /// A fixed head count: start at N and do not grow (for comparisons and benchmarks).
    #[arg(long, value_name = "N")]
    pub employees: Option<u32>,
    /// Window width in pixels.
    #[arg(long, default_value_t = 1280, value_parser = clap::value_parser!(u32).range(64..=16384))]
    pub width: u32,
    /// Window height in pixels.
    #[arg(long, default_value_t = 720, value_parser = clap::value_parser!(u32).range(64..=16384))]
    pub height: u32,
    /// Quit after N frames (with --screenshot: save it, then quit).
    #[arg(long, value_name = "N")]
    pub frames: Option<u32>,
    /// Save a screenshot (UI included) after --frames frames.
    #[arg(long, value_name = "FILE.png")]
    pub screenshot: Option<PathBuf>,
    /// How to draw agents: `cloud` (fast) or `naive` (a PBR sphere each, 4× MSAA).
    #[arg(long, value_enum, default_value_t = AgentStyle::Cloud)]
    pub agents: AgentStyle,
    /// Print frame-time statistics on quitting.
    #[arg(long)]
    pub report_frame_times: bool,
}

impl Default for DemoArgs {
    fn default() -> Self {
        Self {
            model: ModelArgs {
                seed: 1,
                params: None,
            },
            employees: None,
            width: 1280,
            height: 720,
            frames: None,
            screenshot: None,
            agents: AgentStyle::Cloud,
            report_frame_times: false,
        }
    }
}

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// The user's input is wrong: exit code 2.
    #[error("{0}")]
    Input(String),
    /// Anything else: exit code 1.
    #[error("{0}")]
    Runtime(String),
}

impl Failure {
    /// The process exit code for this failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Input(_) => 2,
            Failure::Runtime(_) => 1,
        }
    }
}

/// Runs a parsed command line and returns the process's exit code.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Some(Command::Simulate(args)) => simulate::run(&args),
        Some(Command::Demo(args)) => windowed::run(&args),
        None => windowed::run(&DemoArgs::default()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            // One line, whatever the message holds.
            let line = failure.to_string().replace('\n', " ");
            eprintln!("bolwerk: error: {line}");
            ExitCode::from(failure.exit_code())
        }
    }
}
