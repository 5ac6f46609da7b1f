//! `bolwerk debrief`: a session's debrief (PDF, and a CSV beside it) from its answers'
//! log, after the session or during it (see `report::debrief`).

use std::path::PathBuf;

use clap::Args;

use crate::audience::log::session_beside;
use crate::failure::Failure;
use crate::i18n::{Lang, Msg, Texts};
use crate::report::debrief;
use crate::scenario::Scenario;

/// `bolwerk debrief`.
#[derive(Debug, Clone, Args)]
pub struct DebriefArgs {
    /// The answers' log that `present --audience-log` (or `--debrief`) wrote.
    #[arg(value_name = "ANSWERS.csv")]
    pub answers: PathBuf,
    /// Where to write the debrief: FILE.pdf, and its table beside it as FILE.csv.
    #[arg(long, value_name = "FILE.pdf")]
    pub out: PathBuf,
    /// The session the answers were given in. Without it, the one the presenter wrote
    /// beside the log (ANSWERS.session.ron), or else the shipped session.
    #[arg(long, value_name = "SESSION.ron")]
    pub scenario: Option<PathBuf>,
    /// The debrief's language.
    #[arg(long, value_enum, default_value_t = Lang::EN)]
    pub lang: Lang,
    /// Replace existing files.
    #[arg(long)]
    pub force: bool,
}

/// Writes the debrief.
pub fn run(args: &DebriefArgs) -> Result<(), Failure> {
    if !args.answers.is_file() {
        return Err(Failure::Input(format!(
            "{}: no such answers' log",
            args.answers.display()
        )));
    }
    let beside = session_beside(&args.answers);
    let session = args
        .scenario
        .clone()
        .or_else(|| beside.is_file().then_some(beside));
    let scenario =
        Scenario::load_or_shipped(session.as_deref()).map_err(|e| Failure::Input(e.to_string()))?;
    let (pdf, csv) = debrief::write(&args.answers, &scenario, args.lang, &args.out, args.force)?;
    println!(
        "{}",
        Texts::new(args.lang).fmt(
            Msg::DebriefWritten,
            &[
                ("pdf", pdf.display().to_string().into()),
                ("csv", csv.display().to_string().into()),
            ],
        )
    );
    Ok(())
}
