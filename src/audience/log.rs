//! The answers' log (`present --audience-log FILE.csv`) and reading it back for a
//! recording (`record --answers FILE.csv`).
//!
//! One row per answer, written when its question closes: the part (from 1), the
//! question in the session's language, the answer (an option's letter, a percentage,
//! or an organisation as `n=200` or `n=200 guess=15`: its size at the step the
//! projection shows it at, and the share guessed there in percent) and the seconds
//! after the question showed that it came. Nothing that tells who answered: no token,
//! no address, no clock time, no exact size.

use std::collections::HashMap;
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use super::room::{ClosedQuestion, Tally, Value, in_percent};
use crate::failure::Failure;
use crate::intent::organisations::{Entered, MAX_EMPLOYEES, size_step};
use crate::output::check_target;
use crate::scenario::Scenario;

const HEADER: [&str; 4] = ["part", "question", "answer", "seconds"];

/// The log, open for writing.
pub struct AnswerLog {
    path: PathBuf,
    out: csv::Writer<BufWriter<File>>,
}

impl AnswerLog {
    /// Creates `path` with its header; an existing file is refused without `force`.
    pub fn create(path: &Path, force: bool) -> Result<Self, Failure> {
        if path
            .extension()
            .is_none_or(|e| !e.eq_ignore_ascii_case("csv"))
        {
            return Err(Failure::Input(format!(
                "--audience-log {}: the log is a .csv file",
                path.display()
            )));
        }
        check_target(path, force, "--audience-log")?;
        let file = File::create(path)
            .map_err(|e| Failure::Input(format!("--audience-log {}: {e}", path.display())))?;
        let mut out = csv::Writer::from_writer(BufWriter::new(file));
        let mut log = AnswerLog {
            path: path.to_path_buf(),
            out: {
                out.write_record(HEADER)
                    .map_err(|e| Failure::Runtime(format!("{}: {e}", path.display())))?;
                out
            },
        };
        log.flush().map_err(Failure::Runtime)?;
        Ok(log)
    }

    /// Writes a closed question's answers, and flushes them to disk.
    pub fn write(&mut self, question: &ClosedQuestion) -> Result<(), String> {
        let part = (question.asking.act + 1).to_string();
        let ask = question.asking.ask.get(question.lang);
        for (value, seconds) in &question.answers {
            let answer = match value {
                Value::Choice(i) => char::from(b'A' + *i as u8).to_string(),
                Value::Number(x) => format!("{x}"),
                Value::Organisation(e) => organisation_cell(e),
            };
            self.out
                .write_record([part.as_str(), ask, &answer, &format!("{seconds:.1}")])
                .map_err(|e| self.failed(e))?;
        }
        self.flush()
    }

    fn flush(&mut self) -> Result<(), String> {
        self.out.flush().map_err(|e| self.failed(e))?;
        self.out
            .get_ref()
            .get_ref()
            .sync_data()
            .map_err(|e| self.failed(e))
    }

    fn failed(&self, e: impl std::fmt::Display) -> String {
        format!(
            "audience: the answers' log {} could not be written ({e}); the session goes on without it",
            self.path.display()
        )
    }
}

/// An organisation as the log writes it: `n=` its size at its step, and ` guess=` the
/// share guessed, if any.
fn organisation_cell(e: &Entered) -> String {
    let n = size_step(e.employees);
    match e.guess {
        Some(g) => format!("n={n} guess={g}"),
        None => format!("n={n}"),
    }
}

/// An organisation read back from the log ([`organisation_cell`]), if `cell` is one.
fn organisation_of(cell: &str) -> Option<Entered> {
    let mut words = cell.split_whitespace();
    let employees: u32 = words.next()?.strip_prefix("n=")?.parse().ok()?;
    let guess = match words.next() {
        Some(g) => Some(g.strip_prefix("guess=")?.parse::<f64>().ok()?),
        None => None,
    };
    let fits = (1..=MAX_EMPLOYEES).contains(&employees) && guess.is_none_or(in_percent);
    (fits && words.next().is_none()).then_some(Entered { employees, guess })
}

/// Reads a log written by `present --audience-log` for `scenario`: each question
/// part's answers (by part, from 0). Every row is checked against the scenario: a part
/// that asks a question (or for the room's organisations), an option it has, a
/// percentage from 0 to 100, an organisation of 1 to 1,000,000 employees.
pub fn read(path: &Path, scenario: &Scenario) -> Result<HashMap<usize, Tally>, Failure> {
    let at = |line: u64, what: String| {
        Failure::Input(format!("--answers {}, line {line}: {what}", path.display()))
    };
    let mut reader = csv::Reader::from_path(path)
        .map_err(|e| Failure::Input(format!("--answers {}: {e}", path.display())))?;
    let headers = reader.headers().map_err(|e| at(1, e.to_string()))?.clone();
    if headers.iter().collect::<Vec<_>>() != HEADER {
        return Err(at(1, format!("the columns are not {}", HEADER.join(","))));
    }
    let mut tallies: HashMap<usize, Tally> = HashMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            at(line, e.to_string())
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let part: usize = record[0]
            .trim()
            .parse()
            .map_err(|_| at(line, format!("`{}` is not a part's number", &record[0])))?;
        let act = part
            .checked_sub(1)
            .filter(|&k| k < scenario.acts.len())
            .ok_or_else(|| {
                at(
                    line,
                    format!(
                        "part {part}: the scenario has parts 1 to {}",
                        scenario.acts.len()
                    ),
                )
            })?;
        let answer = record[2].trim();
        if let Some(o) = &scenario.acts[act].organisations {
            // An estimate only where the part takes one.
            let entered = organisation_of(answer)
                .filter(|e| o.guess || e.guess.is_none())
                .ok_or_else(|| {
                    at(
                        line,
                        format!("`{answer}` is not an organisation (`n=200` or `n=200 guess=15`)"),
                    )
                })?;
            let tally = tallies.entry(act).or_insert_with(|| Tally {
                act,
                ..Tally::default()
            });
            tally.organisations.push(entered);
            tally.count += 1;
            continue;
        }
        let question = scenario.acts[act]
            .question
            .as_ref()
            .ok_or_else(|| at(line, format!("part {part} asks no question")))?;
        let tally = tallies.entry(act).or_insert_with(|| Tally {
            act,
            per_option: vec![0; question.options.len()],
            ..Tally::default()
        });
        if question.options.is_empty() {
            let x: f64 = answer
                .parse()
                .ok()
                .filter(|&x| in_percent(x))
                .ok_or_else(|| {
                    at(
                        line,
                        format!("`{answer}` is not a percentage from 0 to 100"),
                    )
                })?;
            tally.numbers.push(x);
        } else {
            let n = question.options.len();
            let option = match answer.as_bytes() {
                [c] if c.is_ascii_uppercase() && usize::from(c - b'A') < n => usize::from(c - b'A'),
                _ => {
                    let last = char::from(b'A' + n as u8 - 1);
                    return Err(at(line, format!("`{answer}` is not an option A to {last}")));
                }
            };
            tally.per_option[option] += 1;
        }
        tally.count += 1;
    }
    for tally in tallies.values_mut() {
        tally.numbers.sort_by(f64::total_cmp);
        tally.organisations.sort_by_key(|e| e.employees);
    }
    Ok(tallies)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_organisation_is_logged_at_its_step_and_read_back_only_whole() {
        let e = Entered {
            employees: 4321,
            guess: Some(12.5),
        };
        assert_eq!(organisation_cell(&e), "n=5000 guess=12.5");
        assert_eq!(
            organisation_of("n=5000 guess=12.5"),
            Some(Entered {
                employees: 5000,
                guess: Some(12.5)
            })
        );
        let bare = Entered {
            employees: 9,
            guess: None,
        };
        assert_eq!(
            organisation_of(&organisation_cell(&bare))
                .unwrap()
                .employees,
            10
        );
        for bad in [
            "",
            "5000",
            "n=0",
            "n=1000001",
            "n=-5",
            "n=200 guess=101",
            "n=200 guess=x",
            "n=200 g=5",
            "n=200 guess=5 more",
            "A",
        ] {
            assert_eq!(organisation_of(bad), None, "{bad}");
        }
    }
}
