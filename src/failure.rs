//! Why a command failed, and the exit code that says so.
//!
//! Exit codes: 0 on success, 2 when the input is wrong (a bad parameter, a malformed
//! or unknown file, an unwritable output; clap uses 2 for bad flags too), 1 when
//! something else fails, 130 when the user interrupted the run, and 70 when bolwerk
//! itself failed (a panic: see `crate::crash`). The command line prints a failure as
//! one line on stderr.

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// The user's input is wrong: exit code 2.
    #[error("{0}")]
    Input(String),
    /// Anything else: exit code 1.
    #[error("{0}")]
    Runtime(String),
    /// Stopped by SIGINT or SIGTERM: exit code 130.
    #[error("{0}")]
    Interrupted(String),
}

impl Failure {
    /// The process exit code for this failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Input(_) => 2,
            Failure::Runtime(_) => 1,
            Failure::Interrupted(_) => 130,
        }
    }
}

/// Turns how a window app ended into a command result; `what` names it in the message
/// ("the demo", "the session").
pub fn from_app_exit(exit: bevy::app::AppExit, what: &str) -> Result<(), Failure> {
    match exit {
        bevy::app::AppExit::Success => Ok(()),
        bevy::app::AppExit::Error(code) => Err(Failure::Runtime(format!(
            "{what} stopped with error {code}"
        ))),
    }
}
