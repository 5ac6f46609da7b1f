//! The answers' log (`present --audience-log FILE.csv`) and reading it back for a
//! recording (`record --answers FILE.csv`).
//!
//! One row per answer, written when its question (or one of its rounds) closes: the
//! part (from 1), the question in the session's language, the answer (an option's
//! letter, a percentage, an organisation as `n=200` or `n=200 guess=15`: its size
//! at the step the projection shows it at, and the share guessed there in percent,
//! or a sketch as `sketch=30;22;15;9`: the share expected at each of its sizes),
//! the seconds after the round opened that it came, the round (1, or 2 for the second
//! round of a question asked twice), in round 2 the letter the same phone chose in
//! round 1 (empty if it did not answer then), and the run: which entry of the part it
//! was (a number that grows through the session; a part restarted or returned to asks
//! afresh, as a new run). Nothing that tells who answered: no
//! token, no address, no clock time, no exact size; a second round's row carries its
//! first round so that moves can be counted, with nothing to tie it to a phone.
//!
//! Logs written before rounds existed have only the first four columns; they read as
//! round 1 of one run.

use std::collections::HashMap;
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use super::room::{ClosedQuestion, FirstRound, Sketch, Tally, Value, in_percent};
use crate::failure::Failure;
use crate::intent::letter;
use crate::intent::organisations::{Entered, MAX_EMPLOYEES, size_step};
use crate::output::{check_target, has_extension};
use crate::scenario::Scenario;

const HEADER: [&str; 7] = [
    "part", "question", "answer", "seconds", "round", "first", "run",
];
/// The columns of a log written before questions could be asked twice.
const HEADER_ONE_ROUND: [&str; 4] = ["part", "question", "answer", "seconds"];

/// The log, open for writing.
pub struct AnswerLog {
    path: PathBuf,
    out: csv::Writer<BufWriter<File>>,
}

/// The session a log's answers were given in, written beside it: `answers.csv` has
/// `answers.session.ron`.
pub fn session_beside(path: &Path) -> PathBuf {
    path.with_extension("session.ron")
}

impl AnswerLog {
    /// Creates `path` with its header, and beside it the session as played
    /// ([`session_beside`]): a session file that loads as it is, so that the answers
    /// can be filmed or read with the very parts, words and seeds they were given to,
    /// whatever happens to the session's own file later. Existing files are refused
    /// without `force`.
    pub fn create(path: &Path, force: bool, scenario: &Scenario) -> Result<Self, Failure> {
        if !has_extension(path, &["csv"]) {
            return Err(Failure::Input(format!(
                "--audience-log {}: the log is a .csv file",
                path.display()
            )));
        }
        check_target(path, force, "--audience-log")?;
        let beside = session_beside(path);
        check_target(&beside, force, "--audience-log")?;
        let played = ron::ser::to_string_pretty(scenario, ron::ser::PrettyConfig::default())
            .map_err(|e| Failure::Runtime(format!("{}: {e}", beside.display())))?;
        let note = format!(
            "// The session the answers in {} were given in, as played.\n// bolwerk record --scenario {} --answers {} films it with them.\n",
            file_name(path),
            file_name(&beside),
            file_name(path)
        );
        std::fs::write(&beside, note + &played)
            .map_err(|e| Failure::Input(format!("--audience-log {}: {e}", beside.display())))?;
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
        let round = question.asking.round.number().to_string();
        let run = question.asking.entry.to_string();
        for given in &question.answers {
            let first = given.first.as_ref().map(cell).unwrap_or_default();
            self.out
                .write_record([
                    part.as_str(),
                    ask,
                    &cell(&given.value),
                    &format!("{:.1}", given.seconds),
                    &round,
                    &first,
                    &run,
                ])
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

/// A path's file name, for a note.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// An answer as the log writes it: an option's letter, a percentage, or an
/// organisation.
fn cell(value: &Value) -> String {
    match value {
        Value::Choice(i) => letter(*i).to_string(),
        Value::Number(x) => format!("{x}"),
        Value::Organisation(e) => organisation_cell(e),
        Value::Sketch(s) => sketch_cell(s),
    }
}

/// A sketch as the log writes it: `sketch=` and its points in percent, `;` between.
fn sketch_cell(sketch: &Sketch) -> String {
    let points: Vec<String> = sketch.points().iter().map(|x| format!("{x}")).collect();
    format!("sketch={}", points.join(";"))
}

/// A sketch of `n` points read back from the log ([`sketch_cell`]), if `cell` is one.
fn sketch_of(cell: &str, n: usize) -> Option<Sketch> {
    let points: Vec<f64> = cell
        .strip_prefix("sketch=")?
        .split(';')
        .map(|x| x.trim().parse::<f64>().ok().filter(|&x| in_percent(x)))
        .collect::<Option<_>>()?;
    (points.len() == n).then(|| Sketch::new(&points)).flatten()
}

/// The option a letter stands for, of `n`.
fn option_of(cell: &str, n: usize) -> Option<usize> {
    match cell.as_bytes() {
        [c] if c.is_ascii_uppercase() && usize::from(c - b'A') < n => Some(usize::from(c - b'A')),
        _ => None,
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
/// percentage from 0 to 100, an organisation of 1 to 1,000,000 employees, a round 2
/// only for a question asked twice, with its first round's letter or nothing, and no
/// more second-round answers paired with an option than the first round had. Of a
/// part asked in several runs (restarted, or returned to), the last run counts. A
/// question answered twice reads as its second round, with the first beside it
/// ([`FirstRound`]); logs from before rounds existed read as one round of one run.
pub fn read(path: &Path, scenario: &Scenario) -> Result<HashMap<usize, Tally>, Failure> {
    Ok(read_logged(path, scenario)?
        .into_iter()
        .map(|(act, logged)| (act, logged.tally))
        .collect())
}

/// A part's answers as the log has them: what [`read`] gives, and when they came.
#[derive(Debug, Clone, PartialEq)]
pub struct Logged {
    /// The answers, as [`read`] gives them.
    pub tally: Tally,
    /// Per round, in order (one, or two for a question asked twice): the seconds after
    /// the round opened that each answer came, sorted.
    pub seconds: Vec<Vec<f64>>,
}

/// [`read`], with the seconds each answer came after its round opened.
pub fn read_logged(path: &Path, scenario: &Scenario) -> Result<HashMap<usize, Logged>, Failure> {
    let at = |line: u64, what: String| {
        Failure::Input(format!("--answers {}, line {line}: {what}", path.display()))
    };
    let mut reader = csv::Reader::from_path(path)
        .map_err(|e| Failure::Input(format!("--answers {}: {e}", path.display())))?;
    let headers = reader.headers().map_err(|e| at(1, e.to_string()))?.clone();
    let columns: Vec<&str> = headers.iter().collect();
    if columns != HEADER && columns != HEADER_ONE_ROUND {
        return Err(at(
            1,
            format!(
                "the columns are not {} (or, in a log from before rounds, {})",
                HEADER.join(","),
                HEADER_ONE_ROUND.join(",")
            ),
        ));
    }
    let mut parts: HashMap<usize, Run> = HashMap::new();
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
        // When it came, for the debrief; a row without it still counts.
        let seconds: Option<f64> = record[3]
            .trim()
            .parse()
            .ok()
            .filter(|s: &f64| s.is_finite() && *s >= 0.0);
        let (round, first) = match (record.get(4).map(str::trim), record.get(5)) {
            (None | Some("1"), None | Some("")) => (1, None),
            (Some("2"), Some(first)) => (2, Some(first.trim()).filter(|f| !f.is_empty())),
            (round, first) => {
                return Err(at(
                    line,
                    format!(
                        "round `{}` with first round `{}`: a round is 1, or 2 with the first round's letter or nothing",
                        round.unwrap_or(""),
                        first.unwrap_or("")
                    ),
                ));
            }
        };
        let run: u64 = match record.get(6) {
            None => 0,
            Some(run) => run
                .trim()
                .parse()
                .map_err(|_| at(line, format!("`{run}` is not a run's number")))?,
        };
        // A later run of the part: the room was asked afresh, and that is what counts.
        let runs = parts.entry(act).or_insert_with(|| Run::new(run));
        if run < runs.run {
            return Err(at(
                line,
                format!(
                    "part {part}: run {run} after run {}; runs only go up",
                    runs.run
                ),
            ));
        }
        if run > runs.run {
            *runs = Run::new(run);
        }
        if let Some(o) = &scenario.acts[act].organisations {
            // An estimate only where the part takes one; organisations in one round.
            if round == 2 {
                return Err(at(
                    line,
                    format!("part {part} asks for organisations once: no round 2"),
                ));
            }
            let entered = organisation_of(answer)
                .filter(|e| o.guess || e.guess.is_none())
                .ok_or_else(|| {
                    at(
                        line,
                        format!("`{answer}` is not an organisation (`n=200` or `n=200 guess=15`)"),
                    )
                })?;
            let tally = runs.first.get_or_insert_with(|| Tally {
                act,
                ..Tally::default()
            });
            tally.organisations.push(entered);
            tally.count += 1;
            runs.seconds[0].extend(seconds);
            continue;
        }
        let question = scenario.acts[act]
            .question
            .as_ref()
            .ok_or_else(|| at(line, format!("part {part} asks no question")))?;
        if round == 2 && !question.again {
            return Err(at(
                line,
                format!("part {part} asks its question once: no round 2"),
            ));
        }
        if round == 1 && runs.second.is_some() {
            return Err(at(
                line,
                format!("part {part}: round 1 after round 2 in run {run}"),
            ));
        }
        let n = question.options.len();
        let fresh = || Tally {
            act,
            per_option: vec![0; n],
            first: (round == 2).then(|| FirstRound::new(n)),
            ..Tally::default()
        };
        // What the first round of this run gave each option, for its pairs to fit in.
        let had: Vec<u32> = match &runs.first {
            Some(t) if round == 2 => t.per_option.clone(),
            _ => vec![0; n],
        };
        let tally = if round == 2 {
            runs.second.get_or_insert_with(fresh)
        } else {
            runs.first.get_or_insert_with(fresh)
        };
        if question.sketched() {
            let sketch = sketch_of(answer, question.sketch.len()).ok_or_else(|| {
                at(
                    line,
                    format!(
                        "`{answer}` is not a sketch of {} percentages (`sketch=30;20;…`)",
                        question.sketch.len()
                    ),
                )
            })?;
            tally.sketches.push(sketch);
        } else if question.options.is_empty() {
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
            let not_an_option = |cell: &str| {
                at(
                    line,
                    format!("`{cell}` is not an option A to {}", letter(n - 1)),
                )
            };
            let option = option_of(answer, n).ok_or_else(|| not_an_option(answer))?;
            tally.per_option[option] += 1;
            if let (Some(first), Some(rounds)) = (first, &mut tally.first) {
                let was = option_of(first, n).ok_or_else(|| not_an_option(first))?;
                // No more pairs with an option than the first round gave it.
                if rounds.moved[was].iter().sum::<u32>() >= had[was] {
                    return Err(at(
                        line,
                        format!(
                            "part {part}: more second-round answers come from {} than the first round had",
                            letter(was)
                        ),
                    ));
                }
                rounds.moved[was][option] += 1;
            }
        }
        tally.count += 1;
        runs.seconds[round - 1].extend(seconds);
    }
    let mut tallies = HashMap::new();
    for (act, mut run) in parts {
        let mut seconds = std::mem::take(&mut run.seconds);
        if run.second.is_none() {
            seconds.truncate(1);
        }
        for round in &mut seconds {
            round.sort_by(f64::total_cmp);
        }
        // A second round is what the room answered last; its first beside it.
        let tally = match (run.first, run.second) {
            (first, Some(mut second)) => {
                if let (Some(first), Some(rounds)) = (first, &mut second.first) {
                    rounds.per_option = first.per_option;
                    rounds.count = first.count;
                }
                second
            }
            (Some(first), None) => first,
            (None, None) => continue,
        };
        tallies.insert(act, Logged { tally, seconds });
    }
    for Logged { tally, .. } in tallies.values_mut() {
        tally.numbers.sort_by(f64::total_cmp);
        tally.organisations.sort_by_key(|e| e.employees);
    }
    Ok(tallies)
}

/// One run of a part as the log has it: its first (or only) round and its second.
struct Run {
    run: u64,
    first: Option<Tally>,
    second: Option<Tally>,
    /// Each round's seconds, as the rows came.
    seconds: Vec<Vec<f64>>,
}

impl Run {
    fn new(run: u64) -> Self {
        Run {
            run,
            first: None,
            second: None,
            seconds: vec![Vec::new(), Vec::new()],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audience::room::{Asking, Given};
    use crate::i18n::Lang;

    /// Beside the log, the session as played: it loads as a session file and is the
    /// session played, the shipped one and a cut of it alike; an existing one is
    /// refused without `force`.
    #[test]
    fn the_session_played_is_written_beside_the_log_and_loads_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let cut = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/scenarios/interne-klanten-20.ron");
        let sketch = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/scenarios/sketch-the-curve.ron");
        for scenario in [
            Scenario::load_or_shipped(None).unwrap(),
            Scenario::load(&cut).unwrap(),
            Scenario::load(&sketch).unwrap(),
        ] {
            let path = dir.path().join("answers.csv");
            drop(AnswerLog::create(&path, true, &scenario).unwrap());
            let beside = session_beside(&path);
            assert_eq!(beside, dir.path().join("answers.session.ron"));
            let text = std::fs::read_to_string(&beside).unwrap();
            assert!(
                text.starts_with("// The session the answers in answers.csv"),
                "{text}"
            );
            let read = Scenario::from_ron_str(&text, &beside).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(read, scenario);
        }
        let path = dir.path().join("answers.csv");
        std::fs::remove_file(&path).unwrap();
        let refused = AnswerLog::create(&path, false, &Scenario::load_or_shipped(None).unwrap());
        assert!(refused.is_err(), "the session beside it exists");
    }

    /// A question asked twice is logged a round at a time, and read back as its
    /// second round with the first beside it and the moves between them; a log from
    /// before rounds existed still reads; a round the part does not have, or a first
    /// answer that is no option, is refused with its line.
    #[test]
    fn both_rounds_are_logged_and_read_back_with_their_moves() {
        let scenario = Scenario::load_or_shipped(None).unwrap();
        let (act, question) = scenario
            .acts
            .iter()
            .enumerate()
            .find_map(|(k, a)| a.question.as_ref().filter(|q| q.again).map(|q| (k, q)))
            .expect("the shipped session asks a question twice");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("answers.csv");
        let mut log = AnswerLog::create(&path, false, &scenario).unwrap();
        let given = |value: usize, first: Option<usize>| Given {
            value: Value::Choice(value),
            first: first.map(Value::Choice),
            seconds: 1.0,
        };
        let asking = Asking::of(act, question);
        log.write(&ClosedQuestion {
            asking: asking.clone(),
            lang: Lang::EN,
            answers: vec![given(0, None), given(1, None), given(1, None)],
        })
        .unwrap();
        log.write(&ClosedQuestion {
            asking: asking.again(),
            lang: Lang::EN,
            answers: vec![given(1, Some(0)), given(1, Some(1)), given(2, None)],
        })
        .unwrap();
        drop(log);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("part,question,answer,seconds,round,first,run\n"),
            "{text}"
        );
        let tally = &read(&path, &scenario).unwrap()[&act];
        assert_eq!((tally.count, &tally.per_option[..]), (3, &[0, 2, 1, 0][..]));
        let first = tally.first.as_ref().unwrap();
        assert_eq!((first.count, &first.per_option[..]), (3, &[1, 2, 0, 0][..]));
        assert_eq!((first.paired(), first.changed(Some(1))), (2, (1, 1)));
        // Old logs: four columns, one round.
        let part = act + 1;
        std::fs::write(
            &path,
            format!("part,question,answer,seconds\n{part},Q,B,1.0\n{part},Q,C,2.0\n"),
        )
        .unwrap();
        let tally = &read(&path, &scenario).unwrap()[&act];
        assert_eq!((tally.count, tally.first.is_none()), (2, true));
        let header = "part,question,answer,seconds,round,first,run";
        for (row, says) in [
            (format!("{part},Q,B,1.0,3,,0"), "round `3`"),
            (format!("{part},Q,B,1.0,2,E,0"), "`E` is not an option"),
            (format!("{part},Q,B,1.0,1,A,0"), "first round `A`"),
            (format!("{part},Q,B,1.0,1,,x"), "not a run's number"),
            // More pairs with A than the first round had (one A).
            (
                format!("{part},Q,B,1.0,2,A,0\n{part},Q,C,1.0,2,A,0"),
                "come from A",
            ),
            // A first answer that the run's first round never had.
            (format!("{part},Q,B,1.0,2,B,0"), "come from B"),
        ] {
            std::fs::write(&path, format!("{header}\n{part},Q,A,1.0,1,,0\n{row}\n")).unwrap();
            let err = read(&path, &scenario).unwrap_err().to_string();
            let line = 2 + row.lines().count();
            assert!(
                err.contains(&format!("line {line}")) && err.contains(says),
                "{row}: {err}"
            );
        }
        // Runs: the last one of a part counts; an earlier one after it is refused.
        std::fs::write(
            &path,
            format!("{header}\n{part},Q,A,1.0,1,,4\n{part},Q,A,1.0,2,A,4\n{part},Q,C,1.0,1,,9\n"),
        )
        .unwrap();
        let tally = &read(&path, &scenario).unwrap()[&act];
        assert_eq!((tally.count, &tally.per_option[..]), (1, &[0, 0, 1, 0][..]));
        assert!(
            tally.first.is_none(),
            "the last run has no second round yet"
        );
        std::fs::write(
            &path,
            format!("{header}\n{part},Q,A,1.0,1,,9\n{part},Q,A,1.0,1,,4\n"),
        )
        .unwrap();
        let err = read(&path, &scenario).unwrap_err().to_string();
        assert!(
            err.contains("line 3") && err.contains("runs only go up"),
            "{err}"
        );
        // A question asked once has no round 2.
        let once = scenario
            .acts
            .iter()
            .position(|a| a.question.as_ref().is_some_and(|q| !q.again))
            .unwrap()
            + 1;
        std::fs::write(&path, format!("{header}\n{once},Q,5,1.0,2,,0\n")).unwrap();
        let err = read(&path, &scenario).unwrap_err().to_string();
        assert!(err.contains("no round 2"), "{err}");
    }

    #[test]
    fn a_sketch_is_logged_as_its_points_and_read_back_only_whole() {
        let sketch = Sketch::new(&[29.5, 20.0, 12.0, 7.0]).unwrap();
        let cell = sketch_cell(&sketch);
        assert_eq!(cell, "sketch=29.5;20;12;7");
        assert_eq!(sketch_of(&cell, 4), Some(sketch));
        for (bad, n) in [
            (cell.as_str(), 3),
            ("sketch=29.5;20;12;700", 4),
            ("sketch=29.5;20;;7", 4),
            ("29.5;20;12;7", 4),
            ("sketch=1;2;3;4;5;6;7", 7),
        ] {
            assert_eq!(sketch_of(bad, n), None, "{bad}");
        }
    }

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
