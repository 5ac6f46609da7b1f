//! The `bolwerk` command: parses the command line and hands over to the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    // A panic anywhere writes a crash report and ends the process (see `crash`).
    bolwerk::crash::install();
    bolwerk::cli::main()
}
