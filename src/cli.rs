//! The command line: what each subcommand takes, and how failures become exit codes.
//!
//! Exit codes: 0 on success, 2 when the input is wrong (a bad parameter, a malformed
//! or unknown file, an unwritable output; clap uses 2 for bad flags too), 1 when
//! something else fails. Errors are printed as one line on stderr.

use std::path::PathBuf;
use std::process::ExitCode;

use bolwerk_model::Params;
use clap::{Args, Parser, Subcommand};

use crate::simulate;

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
        None => simulate::run(&SimulateArgs {
            model: ModelArgs {
                seed: 1,
                params: None,
            },
            until_employees: None,
            ticks: None,
            every: 10,
            out: PathBuf::from("-"),
        }),
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
