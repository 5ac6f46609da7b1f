//! The `bolwerk` command: parses the command line and hands over to the library.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    bolwerk::cli::run(bolwerk::cli::Cli::parse())
}
