//! `bolwerk check`: a session file checked without running it. The first syntax error
//! (the parser stops there), or else every problem at once, each with its file, line
//! and column and what to write instead; for a session that passes, a summary a
//! trainer can act on (`scenario::summary`): its parts and their times, its questions
//! with the model's answers, and its warnings.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Args;

use crate::failure::Failure;
use crate::i18n::{Lang, Texts, lang_codes};
use crate::scenario::Scenario;
use crate::scenario::summary::{RECORD_FPS, RECORD_SPEED, Summary};

/// `bolwerk check`.
#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// The session to check.
    #[arg(value_name = "SESSION.ron")]
    pub session: PathBuf,
    /// The language of the titles and questions in the summary (the session's first if
    /// left out).
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// Frames per second of the recording foreseen, as `record --fps`.
    #[arg(long, default_value_t = RECORD_FPS, value_parser = clap::value_parser!(u32).range(1..=120))]
    pub fps: u32,
    /// Simulated seconds per second of video, as `record --speed`.
    #[arg(long, default_value_t = RECORD_SPEED)]
    pub speed: f64,
}

/// Checks the session: the summary on stdout, or every problem on stderr (and exit 2).
pub fn run(args: &CheckArgs) -> Result<(), Failure> {
    if !(args.speed.is_finite() && args.speed > 0.0 && args.speed <= 100.0) {
        return Err(Failure::Input(format!(
            "--speed {}: it must be above 0 and at most 100",
            args.speed
        )));
    }
    let scenario = match Scenario::check_file(&args.session) {
        Ok(scenario) => scenario,
        Err(problems) => {
            for problem in &problems {
                eprintln!("{problem}");
            }
            return Err(Failure::Input(format!(
                "{}: {}",
                args.session.display(),
                count(problems.len(), "problem")
            )));
        }
    };
    let langs = scenario.languages();
    let lang = match args.lang {
        Some(lang) if !langs.contains(&lang) => {
            return Err(Failure::Input(format!(
                "--lang {}: the session is written in {}",
                lang.code(),
                lang_codes(&langs)
            )));
        }
        Some(lang) => lang,
        None => langs[0],
    };
    // Read again for the warnings' places: it was read a moment ago.
    let text = std::fs::read_to_string(&args.session)
        .map_err(|e| Failure::Input(format!("{}: cannot read: {e}", args.session.display())))?;
    let summary = Summary::of(
        &scenario,
        &text,
        &args.session,
        lang,
        (args.fps, args.speed),
    );
    print!(
        "{}",
        report(&args.session.display().to_string(), &scenario, &summary)
    );
    Ok(())
}

/// The summary as `check` prints it.
pub fn report(name: &str, scenario: &Scenario, summary: &Summary) -> String {
    let mut out = String::new();
    let langs = scenario.languages();
    let texts = Texts::new(Lang::EN);
    let _ = writeln!(
        out,
        "{name}: no problems. {} in {}.",
        count(summary.parts.len(), "part"),
        lang_codes(&langs)
    );
    let _ = writeln!(out);
    let width = summary
        .parts
        .iter()
        .map(|p| p.title.chars().count().min(TITLE_CHARS))
        .max()
        .unwrap_or(0)
        .max(4);
    let _ = writeln!(
        out,
        "{:>3}  {:<width$}  {:<13}  {:>7}  {:>9}",
        "#", "part", "kind", "notes", "recorded"
    );
    for (k, part) in summary.parts.iter().enumerate() {
        let _ = writeln!(
            out,
            "{:>3}  {:<width$}  {:<13}  {:>7}  {:>9}",
            k + 1,
            clipped(&part.title),
            part.kind,
            part.minutes.map_or_else(|| "–".to_owned(), minutes),
            part.recorded_secs.map_or_else(|| "–".to_owned(), clock),
        );
    }
    let _ = writeln!(
        out,
        "{:>3}  {:<width$}  {:<13}  {:>7}  {:>9}",
        "",
        "in all",
        "",
        minutes(summary.minutes()),
        clock(summary.recording.end),
    );
    let _ = writeln!(
        out,
        "\nnotes: the minutes in the trainer's notes, plus {} where a question is asked twice (the room talks it over); recorded: the part's length when `bolwerk record --scenario` films it.",
        minutes(crate::scenario::act::TALK_MINUTES)
    );
    let answers: Vec<_> = summary
        .parts
        .iter()
        .enumerate()
        .filter_map(|(k, p)| p.answer.as_ref().map(|a| (k, a)))
        .collect();
    if !answers.is_empty() {
        let _ = writeln!(out, "\nQuestions, with the model's answer:");
        for (k, a) in answers {
            let _ = writeln!(
                out,
                "{:>3}  {}\n     at {} employees: {}",
                k + 1,
                a.question,
                texts.int(u64::from(a.employees)),
                a.in_words()
            );
        }
    }
    if summary.warnings.is_empty() {
        let _ = writeln!(out, "\nNo warnings.");
    } else {
        let _ = writeln!(out, "\nWarnings ({}):", summary.warnings.len());
        for w in &summary.warnings {
            let _ = writeln!(out, "{w}");
        }
    }
    out
}

/// The longest a title is printed, in characters.
const TITLE_CHARS: usize = 44;

/// A title cut to [`TITLE_CHARS`], with “…” where it was cut.
fn clipped(title: &str) -> String {
    if title.chars().count() <= TITLE_CHARS {
        title.to_owned()
    } else {
        let mut cut: String = title.chars().take(TITLE_CHARS - 1).collect();
        cut.push('…');
        cut
    }
}

/// “1 part”, “3 parts”.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Minutes, to a tenth where they have one: “2 min”, “2.5 min”.
fn minutes(m: f64) -> String {
    if (m - m.round()).abs() < 0.05 {
        format!("{:.0} min", m)
    } else {
        format!("{m:.1} min")
    }
}

/// Seconds as minutes and seconds: “1:05”.
fn clock(secs: f64) -> String {
    let s = secs.round() as u64;
    format!("{}:{:02}", s / 60, s % 60)
}
