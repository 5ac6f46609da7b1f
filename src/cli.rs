//! The command line: the subcommands, and how a failure becomes one line on stderr and
//! an exit code (see `crate::failure`).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::commands::check::{self, CheckArgs};
use crate::commands::crash_card::{self, CrashCardArgs};
use crate::commands::debrief::{self, DebriefArgs};
use crate::commands::demo::{self, DemoArgs};
use crate::commands::handout::{self, HandoutArgs};
use crate::commands::new::{self, NewArgs};
use crate::commands::page::{self, PageArgs};
use crate::commands::present::{self, PresentArgs};
use crate::commands::record::{self, RecordArgs};
use crate::commands::simulate::{self, SimulateArgs};
use crate::failure::Failure;

/// Watch an organisation grow and lose sight of its customers.
#[derive(Debug, Parser)]
#[command(name = "bolwerk", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A folder of languages besides the shipped ones: each CODE.ftl there is one
    /// (the folder of a session file named on the command line is looked in too).
    #[arg(long, global = true, value_name = "DIR")]
    pub languages: Vec<PathBuf>,
}

/// Loads the languages that live in files ([`crate::i18n::load_languages`]): from the
/// folder `--languages` names, and from the folder of each session file (`.ron`) named
/// on the command line. It runs before the command line is parsed, since `--lang` may
/// name one of them.
pub fn load_languages(args: impl IntoIterator<Item = OsString>) -> Result<(), Failure> {
    let args: Vec<OsString> = args.into_iter().skip(1).collect();
    let (mut beside, mut named) = (Vec::new(), Vec::new());
    let mut words = args.iter();
    while let Some(arg) = words.next() {
        let word = arg.to_string_lossy();
        // `--flag=value` names its value in the same word.
        let value = word.split_once('=').map_or(&*word, |(_, v)| v);
        if word == "--languages" {
            named.extend(words.next().map(PathBuf::from));
        } else if let Some(dir) = word.strip_prefix("--languages=") {
            named.push(PathBuf::from(dir));
        } else if value.ends_with(".ron") && Path::new(value).is_file() {
            let folder = Path::new(value).parent().unwrap_or(Path::new(""));
            beside.push(if folder.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                folder.to_path_buf()
            });
        }
    }
    crate::i18n::load_languages(&beside, &named)
        .map(|_| ())
        .map_err(Failure::Input)
}

/// Runs the command line of this process: its languages loaded, parsed, and run.
pub fn main() -> ExitCode {
    if let Err(failure) = load_languages(std::env::args_os()) {
        return fail(&failure);
    }
    run(Cli::parse())
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the interactive 3D demo (what a bare `bolwerk` does).
    Demo(DemoArgs),
    /// Run the model headless and write one row per sample (CSV or JSON).
    Simulate(SimulateArgs),
    /// Render a video of the growth offscreen, with no window or display needed.
    Record(RecordArgs),
    /// Run a training session on a projector: its parts, one key each.
    Present(PresentArgs),
    /// Print a session as a handout (PDF): a page per part with its picture and
    /// caption, questions with room to write, and the curve.
    Handout(HandoutArgs),
    /// Write the page to take home (HTML, one file that works offline): the model's
    /// curve, read off for the participant's own organisation.
    Page(PageArgs),
    /// Write a small session to start from: three parts that run as they are, with a
    /// comment on each field.
    New(NewArgs),
    /// Check a session file without running it: every problem with its line and
    /// column, or a summary of its parts, times, questions with the model's answers,
    /// and warnings.
    Check(CheckArgs),
    /// Write a session's debrief from its answers' log: a PDF of what the room
    /// answered, part by part, beside the model's answers, and the same as a CSV table.
    Debrief(DebriefArgs),
    /// The card a crashed session leaves on screen (started by the crash hook).
    #[command(hide = true)]
    CrashCard(CrashCardArgs),
}

/// Runs a parsed command line and returns the process's exit code.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Some(Command::Simulate(args)) => simulate::run(&args),
        Some(Command::Demo(args)) => demo::run(&args),
        Some(Command::Record(args)) => record::run(&args),
        Some(Command::Present(args)) => present::run(&args),
        Some(Command::Handout(args)) => handout::run(&args),
        Some(Command::Page(args)) => page::run(&args),
        Some(Command::Debrief(args)) => debrief::run(&args),
        Some(Command::New(args)) => new::run(&args),
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::CrashCard(args)) => crash_card::run(&args),
        None => demo::run(&DemoArgs::default()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => fail(&failure),
    }
}

/// Says why the command failed, in one line, and gives its exit code.
fn fail(failure: &Failure) -> ExitCode {
    // One line, whatever the message holds.
    let line = failure.to_string().replace('\n', " ");
    eprintln!("bolwerk: error: {line}");
    ExitCode::from(failure.exit_code())
}
