//! A session's debrief, from its answers' log: one PDF to look back on with the room
//! or a client, and one CSV for a spreadsheet (`present --debrief DIR` when the session
//! ends, and `bolwerk debrief ANSWERS.csv` at any time, during the session too).
//!
//! The PDF: a first page with a line per part that asked the room; then a page per
//! question (each round's answers as bars, the first round outlined over the second;
//! the model's answer; how answers moved between the rounds; how long the room took)
//! and per part that gathered the room's organisations (them on the model's curve, at
//! their rounded sizes, with the estimates beside them).
//!
//! The CSV, one fact per row: `part,question,round,what,answer,count,value`, with
//! `what` one of
//! - `answers`: how many answered the round (`count`);
//! - `option`: an option (`answer`, its letter), how many chose it, and their share of
//!   the round in percent (`value`);
//! - `model`: the model's expected share at the question's size in percent (`value`),
//!   and for a question with options the option it lies in (`answer`);
//! - `moved`: phones that chose `answer`'s first letter in round 1 and its second in
//!   round 2 (`A>B`), how many (`count`); those that kept theirs as `A>A`;
//! - `estimates`: estimates of a number within a range of percent (`answer`, `0-10`),
//!   how many (`count`), their share (`value`); `median`: the middle one (`value`);
//! - `organisation`: a size (`answer`, rounded to its 1–2–5 step), how many entered it
//!   (`count`), the model's share there in percent (`value`); `estimate`: one estimate
//!   given with a size (`answer`), in percent (`value`);
//! - `sketch_low`, `sketch_middle`, `sketch_high`: at a size of a sketch (`answer`),
//!   the quartile below, the middle sketch and the quartile above, in percent (`value`);
//!   and a `model` row at each size;
//! - `seconds_median`, `seconds_last`: when half the round's answers had come, and
//!   the last, in seconds after it opened (`value`).
//!
//! Nothing in either says who answered: the log has no one in it to say.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::audience::log::{Logged, read_logged};
use crate::audience::room::{ESTIMATE_RANGES, NUMBER_RANGE, in_ranges, quantile, range_of};
use crate::failure::Failure;
use crate::i18n::{Arg, Lang, Msg, Texts};
use crate::intent::organisations::{size_step, steps_of};
use crate::intent::{Question, letter};
use crate::look::palette::ThemeName;
use crate::output::{PendingFile, check_target, has_extension};
use crate::report::handout::{self, Bar, Block, Handout, Page, Picture};
use crate::report::plot::{self, PlotStyle, RoomSizes, RoomSketch};
use crate::scenario::Scenario;
use crate::sim::Measure;
use crate::sim::curve::percent;

/// The width of each range a room's estimates are counted in, in percentage points (as
/// on the projection).
const BIN_WIDTH: f64 = (NUMBER_RANGE.1 - NUMBER_RANGE.0) / ESTIMATE_RANGES as f64;
/// The organisations' picture, in pixels.
const PICTURE: (u32, u32) = (1600, 1000);

/// The debrief's two files, made in memory.
#[derive(Debug, Clone, PartialEq)]
pub struct Debrief {
    /// The PDF's pages.
    pub handout: Handout,
    /// The CSV's text.
    pub csv: String,
}

/// Where the debrief of `pdf` puts its CSV: beside it, `debrief.pdf` and `debrief.csv`.
pub fn csv_beside(pdf: &Path) -> PathBuf {
    pdf.with_extension("csv")
}

/// Reads the log at `log` (its session `scenario`), makes its debrief in `lang`, and
/// writes it to `pdf` and the CSV beside it ([`csv_beside`]). Existing files are refused
/// without `force`, and so is a CSV that would be the log itself.
pub fn write(
    log: &Path,
    scenario: &Scenario,
    lang: Lang,
    pdf: &Path,
    force: bool,
) -> Result<(PathBuf, PathBuf), Failure> {
    if !has_extension(pdf, &["pdf"]) {
        return Err(Failure::Input(format!(
            "--out {}: the debrief is a .pdf file (its table goes beside it, as .csv)",
            pdf.display()
        )));
    }
    let csv = csv_beside(pdf);
    if same_file(&csv, log) {
        return Err(Failure::Input(format!(
            "--out {}: its table, {}, would replace the answers' log; choose another name",
            pdf.display(),
            csv.display()
        )));
    }
    check_target(pdf, force, "--out")?;
    check_target(&csv, force, "--out")?;
    let logged = read_logged(log, scenario)?;
    let source = log
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let debrief = make(scenario, &logged, lang, &source)?;
    let bytes = handout::pdf(&debrief.handout)?;
    // Both written before either takes its name: never a PDF without its table.
    let mut files = Vec::new();
    for (target, bytes) in [(pdf, &bytes[..]), (csv.as_path(), debrief.csv.as_bytes())] {
        let mut file = PendingFile::create(target, ".partial", "--out")?;
        file.file()
            .write_all(bytes)
            .map_err(|e| Failure::Runtime(format!("{}: {e}", target.display())))?;
        files.push(file);
    }
    for file in files {
        file.commit()?;
    }
    Ok((pdf.to_path_buf(), csv))
}

/// Whether two paths name one file (the same path, or the same file on disk).
pub fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || matches!(
            (std::fs::canonicalize(a), std::fs::canonicalize(b)),
            (Ok(a), Ok(b)) if a == b
        )
}

/// The debrief of `logged` (a log of `scenario`, read), in `lang`; `source` names the
/// log on its first page.
pub fn make(
    scenario: &Scenario,
    logged: &HashMap<usize, Logged>,
    lang: Lang,
    source: &str,
) -> Result<Debrief, Failure> {
    let texts = Texts::new(lang);
    let total = scenario.acts.len();
    let mut rows = Rows::default();
    let mut summary = Vec::new();
    let mut pages = Vec::new();
    for (k, act) in scenario.acts.iter().enumerate() {
        if act.question.is_none() && act.organisations.is_none() {
            continue;
        }
        let title = act
            .caption
            .as_ref()
            .map_or_else(String::new, |c| c.get(lang).title.clone());
        let kicker = format!(
            "{} · {title}",
            texts.fmt(
                Msg::HandoutPart,
                &[
                    ("part", Arg::Int(k as u64 + 1)),
                    ("total", Arg::Int(total as u64)),
                ],
            )
        );
        let part = || ("part", Arg::Text(kicker.clone()));
        let Some(logged) = logged.get(&k) else {
            summary.push(texts.fmt(Msg::DebriefSummaryNone, &[part()]));
            continue;
        };
        let params = scenario.params_at(k);
        if let Some(question) = &act.question {
            let size = act.until_employees.unwrap_or(params.initial_employees);
            let expected = question
                .answer
                .expected(&params, size)
                .ok_or_else(|| Failure::Input(format!("part {}: no expectation", k + 1)))?;
            let asked = Asked {
                part: k + 1,
                params: params.clone(),
                question,
                size,
                expected,
                logged,
                texts: &texts,
            };
            summary.push(asked.summary(part()));
            rows.question(&asked);
            pages.push(Page {
                kicker: kicker.clone(),
                title: question.ask.get(lang).to_string(),
                picture: asked.picture()?,
                blocks: asked.blocks(),
            });
        } else if let Some(o) = &act.organisations {
            let ask = o.ask.get(lang);
            let steps = steps_of(logged.tally.organisations.iter().map(|e| e.employees));
            let guesses: Vec<(u32, f64)> = logged
                .tally
                .organisations
                .iter()
                .filter_map(|e| Some((size_step(e.employees), e.guess?)))
                .collect();
            let model = |n: u32| {
                Measure::CustomerShare
                    .expected_at(&params, f64::from(n))
                    .map(percent)
            };
            summary.push(texts.fmt(
                Msg::DebriefSummaryOrganisations,
                &[
                    part(),
                    ("n", Arg::Int(u64::from(logged.tally.count))),
                    ("guessed", Arg::Int(guesses.len() as u64)),
                ],
            ));
            for &(n, count) in &steps {
                rows.push(k + 1, ask, 1, "organisation", n, Some(count), model(n));
            }
            for &(n, g) in &guesses {
                rows.push(k + 1, ask, 1, "estimate", n, None, Some(g));
            }
            rows.times(k + 1, ask, logged);
            let style = PlotStyle {
                lang,
                palette: ThemeName::Projector.palette(),
                log: true,
            };
            let room = RoomSizes {
                steps: &steps,
                guesses: &guesses,
            };
            // The model's curve is the sphere's; another world's page has none.
            let picture = match params.shape {
                bolwerk_model::Shape::Sphere => Some(Picture {
                    png: plot::organisations_png(&params, room, &style, PICTURE)?,
                    size: PICTURE,
                }),
                _ => None,
            };
            let listed = steps
                .iter()
                .map(|&(n, count)| format!("{} ×{count}", texts.int(u64::from(n))))
                .collect::<Vec<_>>()
                .join(" · ");
            let mut blocks = vec![Block::Text(
                texts.fmt(Msg::DebriefSizes, &[("sizes", listed.into())]),
            )];
            if !guesses.is_empty() {
                let above = guesses
                    .iter()
                    .filter(|&&(n, g)| model(n).is_some_and(|m| g > m))
                    .count();
                blocks.push(Block::Text(texts.fmt(
                    Msg::DebriefGuesses,
                    &[
                        ("n", Arg::Int(guesses.len() as u64)),
                        ("above", Arg::Int(above as u64)),
                    ],
                )));
            }
            blocks.push(Block::Muted(texts.get(Msg::OrganisationsModelNotMeasured)));
            blocks.extend(times(&texts, logged));
            pages.push(Page {
                kicker: kicker.clone(),
                title: texts.get(Msg::OrganisationsTitle),
                picture,
                blocks,
            });
        }
    }
    let mut blocks = vec![
        Block::Text(texts.get(Msg::DebriefIntro)),
        Block::Heading(texts.get(Msg::DebriefParts)),
    ];
    blocks.extend(summary.into_iter().map(Block::Text));
    blocks.push(Block::Muted(
        texts.fmt(Msg::DebriefSource, &[("log", source.into())]),
    ));
    pages.insert(
        0,
        Page {
            kicker: texts.get(Msg::DebriefKicker),
            title: scenario.title.get(lang).to_string(),
            picture: None,
            blocks,
        },
    );
    Ok(Debrief {
        handout: Handout {
            title: texts.fmt(
                Msg::DebriefDocumentTitle,
                &[("session", scenario.title.get(lang).as_str().into())],
            ),
            lang,
            footer: texts.get(Msg::HandoutSource),
            pages,
        },
        csv: rows.finish()?,
    })
}

/// A question and what the room answered to it.
struct Asked<'a> {
    /// Its part, from 1.
    part: usize,
    /// The world it is asked in.
    params: bolwerk_model::Params,
    question: &'a Question,
    /// The employees its answer is for.
    size: u32,
    /// The model's expected share there, 0 to 1.
    expected: f64,
    logged: &'a Logged,
    texts: &'a Texts,
}

impl Asked<'_> {
    /// The option the model's answer lies in.
    fn right(&self) -> Option<usize> {
        self.question.right_option(self.expected)
    }

    /// The room's sketches at each size: the quartile below, the middle, the quartile
    /// above, in percent.
    fn spread(&self) -> Vec<[f64; 3]> {
        self.logged
            .tally
            .spread()
            .iter()
            .map(|s| [s.low, s.middle, s.high])
            .collect()
    }

    /// The model's expectation at each size of a sketch, in percent.
    fn model_at(&self) -> Vec<Option<f64>> {
        self.question
            .sketch
            .iter()
            .map(|&n| self.question.answer.expected(&self.params, n).map(percent))
            .collect()
    }

    /// Its picture: for a sketch, the room's sketches against the model's curve.
    fn picture(&self) -> Result<Option<Picture>, Failure> {
        let spread = self.spread();
        if !self.question.sketched() || spread.is_empty() {
            return Ok(None);
        }
        let style = PlotStyle {
            lang: self.texts.lang,
            palette: ThemeName::Projector.palette(),
            log: true,
        };
        let room = RoomSketch {
            measure: self.question.answer,
            sizes: &self.question.sketch,
            spread: &spread,
            top: self.question.sketch_top(&self.params),
        };
        Ok(Some(Picture {
            png: plot::sketch_png(&self.params, room, &style, PICTURE)?,
            size: PICTURE,
        }))
    }

    /// Its line on the first page.
    fn summary(&self, part: (&'static str, Arg)) -> String {
        let tally = &self.logged.tally;
        let texts = self.texts;
        let share = |n: u32, of: u32| Arg::Num(share_of(n, of), 0);
        if self.question.sketched() {
            let middle = self.spread().last().map_or(0.0, |s| s[1]);
            return texts.fmt(
                Msg::DebriefSummarySketch,
                &[
                    part,
                    ("n", Arg::Int(u64::from(tally.count))),
                    ("size", Arg::Int(u64::from(self.size))),
                    ("middle", Arg::Num(middle, 0)),
                    ("model", Arg::Num(percent(self.expected), 1)),
                ],
            );
        }
        if self.question.options.is_empty() {
            return texts.fmt(
                Msg::DebriefSummaryNumber,
                &[
                    part,
                    ("n", Arg::Int(u64::from(tally.count))),
                    ("median", Arg::Num(median(&tally.numbers), 0)),
                    ("model", Arg::Num(percent(self.expected), 1)),
                ],
            );
        }
        let right = self.right().unwrap_or(0);
        match &tally.first {
            Some(first) => texts.fmt(
                Msg::DebriefSummaryTwice,
                &[
                    part,
                    ("first", Arg::Int(u64::from(first.count))),
                    ("second", Arg::Int(u64::from(tally.count))),
                    ("before", share(first.per_option[right], first.count)),
                    ("after", share(tally.per_option[right], tally.count)),
                ],
            ),
            None => texts.fmt(
                Msg::DebriefSummaryChoice,
                &[
                    part,
                    ("n", Arg::Int(u64::from(tally.count))),
                    ("right", share(tally.per_option[right], tally.count)),
                ],
            ),
        }
    }

    /// Its page's blocks.
    fn blocks(&self) -> Vec<Block> {
        let (texts, tally, lang) = (self.texts, &self.logged.tally, self.texts.lang);
        let mut blocks = Vec::new();
        let model = ("share", Arg::Num(percent(self.expected), 1));
        let n = ("n", Arg::Int(u64::from(self.size)));
        if self.question.sketched() {
            blocks.push(Block::Muted(texts.fmt(
                Msg::DebriefSketches,
                &[("n", Arg::Int(u64::from(tally.count)))],
            )));
            let (spread, models) = (self.spread(), self.model_at());
            for ((&size, s), model) in self.question.sketch.iter().zip(&spread).zip(models) {
                let model = model.unwrap_or(0.0);
                blocks.push(Block::Text(texts.fmt(
                    Msg::DebriefSketchAt,
                    &[
                        ("n", Arg::Int(u64::from(size))),
                        ("middle", Arg::Num(s[1], 0)),
                        ("low", Arg::Num(s[0], 0)),
                        ("high", Arg::Num(s[2], 0)),
                        ("model", Arg::Num(model, 1)),
                    ],
                )));
            }
            blocks.push(Block::Muted(texts.get(Msg::DebriefSketchNote)));
        } else if self.question.options.is_empty() {
            blocks.push(Block::Muted(texts.fmt(
                Msg::DebriefEstimates,
                &[("n", Arg::Int(u64::from(tally.count)))],
            )));
            let bins = in_ranges(&tally.numbers);
            let most = bins.iter().copied().max().unwrap_or(0).max(1);
            let right_bin = range_of(percent(self.expected));
            blocks.push(Block::Bars(
                bins.iter()
                    .enumerate()
                    .map(|(k, &count)| Bar {
                        label: format!(
                            "{}–{}%",
                            texts.num(k as f64 * BIN_WIDTH, 0),
                            texts.num((k + 1) as f64 * BIN_WIDTH, 0)
                        ),
                        share: count as f32 / most as f32,
                        before: None,
                        value: texts.int(u64::from(count)),
                        marked: k == right_bin,
                    })
                    .collect(),
            ));
            if !tally.numbers.is_empty() {
                blocks.push(Block::Text(texts.fmt(
                    Msg::DebriefMedian,
                    &[("median", Arg::Num(median(&tally.numbers), 0))],
                )));
            }
            blocks.push(Block::Text(texts.fmt(Msg::DebriefModelNumber, &[model, n])));
        } else {
            let right = self.right();
            let first = tally.first.as_ref();
            blocks.push(Block::Muted(match first {
                Some(first) => texts.fmt(
                    Msg::DebriefRounds,
                    &[
                        ("first", Arg::Int(u64::from(first.count))),
                        ("second", Arg::Int(u64::from(tally.count))),
                    ],
                ),
                None => texts.fmt(
                    Msg::DebriefAnswers,
                    &[("n", Arg::Int(u64::from(tally.count)))],
                ),
            }));
            let pct = |n: u32, of: u32| format!("{}%", texts.num(share_of(n, of), 0));
            blocks.push(Block::Bars(
                self.question
                    .options
                    .iter()
                    .enumerate()
                    .map(|(k, option)| {
                        let now = tally.per_option[k];
                        Bar {
                            label: format!("{}. {}", letter(k), option.get(lang)),
                            share: share_of(now, tally.count) as f32 / 100.0,
                            before: first
                                .map(|f| share_of(f.per_option[k], f.count) as f32 / 100.0),
                            value: match first {
                                Some(f) => format!(
                                    "{} → {}",
                                    pct(f.per_option[k], f.count),
                                    pct(now, tally.count)
                                ),
                                None => format!(
                                    "{} ({})",
                                    pct(now, tally.count),
                                    texts.int(u64::from(now))
                                ),
                            },
                            marked: right == Some(k),
                        }
                    })
                    .collect(),
            ));
            if first.is_some() {
                blocks.push(Block::Muted(texts.get(Msg::AudienceRoundsKey)));
            }
            blocks.push(Block::Text(
                texts.fmt(
                    Msg::DebriefModelChoice,
                    &[
                        model,
                        n,
                        (
                            "option",
                            right
                                .map_or_else(String::new, |k| letter(k).to_string())
                                .into(),
                        ),
                    ],
                ),
            ));
            if let Some(first) = first {
                let (changed, to_right) = first.changed(right);
                blocks.push(Block::Text(texts.fmt(
                    Msg::DebriefMoved,
                    &[
                        ("paired", Arg::Int(u64::from(first.paired()))),
                        ("changed", Arg::Int(u64::from(changed))),
                        ("right", Arg::Int(u64::from(to_right))),
                    ],
                )));
                // Every change; the arrow from the fallback font, as the text font has
                // none.
                let listed = first.listed("→", usize::MAX);
                if !listed.is_empty() {
                    blocks.push(Block::Text(
                        texts.fmt(Msg::AudienceMoves, &[("moves", listed.into())]),
                    ));
                }
            }
        }
        blocks.extend(times(texts, self.logged));
        blocks
    }
}

/// When the answers came, a line per round.
fn times(texts: &Texts, logged: &Logged) -> Vec<Block> {
    let rounds = logged.seconds.len();
    logged
        .seconds
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.is_empty())
        .map(|(r, seconds)| {
            let args = [
                ("round", Arg::Int(r as u64 + 1)),
                ("median", Arg::Num(median(seconds), 0)),
                ("last", Arg::Num(seconds.last().copied().unwrap_or(0.0), 0)),
            ];
            let msg = if rounds > 1 {
                Msg::DebriefTimesRound
            } else {
                Msg::DebriefTimes
            };
            Block::Muted(texts.fmt(msg, &args))
        })
        .collect()
}

/// `n` of `of` in percent (0 of none: 0).
fn share_of(n: u32, of: u32) -> f64 {
    if of == 0 {
        0.0
    } else {
        100.0 * f64::from(n) / f64::from(of)
    }
}

/// The middle of sorted numbers (the mean of the middle two of an even count); 0 of
/// none.
fn median(sorted: &[f64]) -> f64 {
    quantile(sorted, 0.5)
}

/// The CSV's rows, in order.
#[derive(Default)]
struct Rows(Vec<[String; 7]>);

impl Rows {
    /// One row; a value in percent or seconds, with up to two decimals.
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        part: usize,
        question: &str,
        round: usize,
        what: &str,
        answer: impl ToString,
        count: Option<u32>,
        value: Option<f64>,
    ) {
        self.0.push([
            part.to_string(),
            question.to_string(),
            round.to_string(),
            what.to_string(),
            answer.to_string(),
            count.map(|c| c.to_string()).unwrap_or_default(),
            value.map(number).unwrap_or_default(),
        ]);
    }

    /// A question's rows: each round's answers and options (or estimates), the model's
    /// answer, the moves, the times.
    fn question(&mut self, asked: &Asked<'_>) {
        let (part, tally) = (asked.part, &asked.logged.tally);
        let ask = asked.question.ask.get(asked.texts.lang);
        let model = percent(asked.expected);
        if asked.question.sketched() {
            self.push(part, ask, 1, "answers", "", Some(tally.count), None);
            let spread = asked.spread();
            for (k, (&size, at)) in asked
                .question
                .sketch
                .iter()
                .zip(asked.model_at())
                .enumerate()
            {
                if let Some(s) = spread.get(k) {
                    for (what, value) in [
                        ("sketch_low", s[0]),
                        ("sketch_middle", s[1]),
                        ("sketch_high", s[2]),
                    ] {
                        self.push(part, ask, 1, what, size, None, Some(value));
                    }
                }
                self.push(part, ask, 1, "model", size, None, at);
            }
        } else if asked.question.options.is_empty() {
            self.push(part, ask, 1, "answers", "", Some(tally.count), None);
            for (k, &count) in in_ranges(&tally.numbers).iter().enumerate() {
                let range = format!("{}-{}", k as f64 * BIN_WIDTH, (k + 1) as f64 * BIN_WIDTH);
                self.push(
                    part,
                    ask,
                    1,
                    "estimates",
                    range,
                    Some(count),
                    Some(share_of(count, tally.count)),
                );
            }
            if !tally.numbers.is_empty() {
                self.push(
                    part,
                    ask,
                    1,
                    "median",
                    "",
                    None,
                    Some(median(&tally.numbers)),
                );
            }
            self.push(part, ask, 1, "model", "", None, Some(model));
        } else {
            let mut rounds = Vec::new();
            if let Some(first) = &tally.first {
                rounds.push((1, first.per_option.as_slice(), first.count));
                rounds.push((2, tally.per_option.as_slice(), tally.count));
            } else {
                rounds.push((1, tally.per_option.as_slice(), tally.count));
            }
            for &(round, per_option, count) in &rounds {
                self.push(part, ask, round, "answers", "", Some(count), None);
                for (k, &n) in per_option.iter().enumerate() {
                    self.push(
                        part,
                        ask,
                        round,
                        "option",
                        letter(k),
                        Some(n),
                        Some(share_of(n, count)),
                    );
                }
            }
            let right = asked
                .right()
                .map_or_else(String::new, |k| letter(k).to_string());
            self.push(part, ask, rounds.len(), "model", right, None, Some(model));
            if let Some(first) = &tally.first {
                for (i, row) in first.moved.iter().enumerate() {
                    for (j, &n) in row.iter().enumerate().filter(|(_, n)| **n > 0) {
                        self.push(
                            part,
                            ask,
                            2,
                            "moved",
                            format!("{}>{}", letter(i), letter(j)),
                            Some(n),
                            None,
                        );
                    }
                }
            }
        }
        self.times(part, ask, asked.logged);
    }

    /// When each round's answers came.
    fn times(&mut self, part: usize, question: &str, logged: &Logged) {
        for (r, seconds) in logged.seconds.iter().enumerate() {
            if let Some(&last) = seconds.last() {
                self.push(
                    part,
                    question,
                    r + 1,
                    "seconds_median",
                    "",
                    None,
                    Some(median(seconds)),
                );
                self.push(part, question, r + 1, "seconds_last", "", None, Some(last));
            }
        }
    }

    fn finish(self) -> Result<String, Failure> {
        let mut out = csv::Writer::from_writer(Vec::new());
        let failed =
            |e: csv::Error| Failure::Runtime(format!("cannot write the debrief's table: {e}"));
        out.write_record([
            "part", "question", "round", "what", "answer", "count", "value",
        ])
        .map_err(failed)?;
        for row in self.0 {
            out.write_record(&row).map_err(failed)?;
        }
        let bytes = out
            .into_inner()
            .map_err(|e| Failure::Runtime(format!("cannot write the debrief's table: {e}")))?;
        String::from_utf8(bytes)
            .map_err(|e| Failure::Runtime(format!("cannot write the debrief's table: {e}")))
    }
}

/// A value for the table: at most two decimals, no trailing zeros, a point.
fn number(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parts of the shipped session that ask the room: its question asked twice,
    /// its number question, its organisations (from 1).
    fn shipped_parts(scenario: &Scenario) -> (usize, usize, usize) {
        let find = |f: &dyn Fn(&crate::scenario::act::Act) -> bool| {
            scenario
                .acts
                .iter()
                .position(f)
                .expect("the shipped session has it")
                + 1
        };
        (
            find(&|a| a.question.as_ref().is_some_and(|q| q.again)),
            find(&|a| a.question.as_ref().is_some_and(|q| q.options.is_empty())),
            find(&|a| a.organisations.is_some()),
        )
    }

    /// The table's rows with `what`, of `part`, as (round, answer, count, value).
    fn facts(csv: &str, part: usize, what: &str) -> Vec<(String, String, String, String)> {
        csv::Reader::from_reader(csv.as_bytes())
            .records()
            .map(Result::unwrap)
            .filter(|r| r[0] == part.to_string() && &r[3] == what)
            .map(|r| (r[2].into(), r[4].into(), r[5].into(), r[6].into()))
            .collect()
    }

    /// A log of both rounds, a number question and organisations becomes a table that
    /// holds exactly what was sent, with the model's answers beside it, and a PDF with
    /// a first page and a page per part that was answered, in both languages.
    #[test]
    fn the_debrief_holds_what_the_room_sent_and_the_models_answers() {
        let scenario = Scenario::load_or_shipped(None).unwrap();
        let (twice, number, organisations) = shipped_parts(&scenario);
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("answers.csv");
        let mut text = String::from("part,question,answer,seconds,round,first,run\n");
        // Round 1: A A B C; round 2: B B B C, the fourth phone silent, a newcomer B.
        for (answer, s) in [("A", 3.0), ("A", 5.0), ("B", 8.0), ("C", 30.0)] {
            text += &format!("{twice},Q,{answer},{s},1,,4\n");
        }
        for (answer, first, s) in [
            ("B", "A", 2.0),
            ("B", "A", 4.0),
            ("B", "B", 6.0),
            ("B", "", 9.0),
        ] {
            text += &format!("{twice},Q,{answer},{s},2,{first},4\n");
        }
        for (x, s) in [(10.0, 1.0), (35.0, 2.0), (50.0, 3.0)] {
            text += &format!("{number},Q,{x},{s},1,,7\n");
        }
        for (cell, s) in [
            ("n=200 guess=40", 4.0),
            ("n=200", 5.0),
            ("n=5000 guess=2.5", 6.0),
        ] {
            text += &format!("{organisations},Q,{cell},{s},1,,6\n");
        }
        std::fs::write(&log, text).unwrap();
        let logged = read_logged(&log, &scenario).unwrap();
        for lang in [Lang::EN, Lang::NL] {
            let debrief = make(&scenario, &logged, lang, "answers.csv").unwrap();
            let csv = &debrief.csv;
            let options = facts(csv, twice, "option");
            let count = |round: &str, letter: &str| {
                options
                    .iter()
                    .find(|f| f.0 == round && f.1 == letter)
                    .map(|f| (f.2.clone(), f.3.clone()))
                    .unwrap()
            };
            assert_eq!(count("1", "A"), ("2".into(), "50".into()), "{csv}");
            assert_eq!(count("1", "C"), ("1".into(), "25".into()), "{csv}");
            assert_eq!(count("2", "B"), ("4".into(), "100".into()), "{csv}");
            assert_eq!(count("2", "D"), ("0".into(), "0".into()), "{csv}");
            let moved = facts(csv, twice, "moved");
            assert_eq!(
                moved
                    .iter()
                    .map(|f| (f.1.as_str(), f.2.as_str()))
                    .collect::<Vec<_>>(),
                [("A>B", "2"), ("B>B", "1")],
                "{csv}"
            );
            // The model's answer: the option its expectation at the question's size
            // lies in, and that expectation in percent.
            let act = &scenario.acts[twice - 1];
            let q = act.question.as_ref().unwrap();
            let expected = q
                .answer
                .expected(&scenario.params_at(twice - 1), act.until_employees.unwrap())
                .unwrap();
            let model = facts(csv, twice, "model");
            assert_eq!(model.len(), 1, "{csv}");
            let letter = letter(q.right_option(expected).unwrap()).to_string();
            assert_eq!(model[0].1, letter, "{csv}");
            let value: f64 = model[0].3.parse().unwrap();
            assert!((value - percent(expected)).abs() < 0.01, "{csv}");
            assert_eq!(facts(csv, number, "median")[0].3, "35", "{csv}");
            let estimates = facts(csv, number, "estimates");
            assert_eq!(estimates.len(), 10, "{csv}");
            assert_eq!(estimates[3].1, "30-40", "{csv}");
            assert_eq!(estimates[3].2, "1", "{csv}");
            let sizes = facts(csv, organisations, "organisation");
            assert_eq!(
                sizes
                    .iter()
                    .map(|f| (f.1.as_str(), f.2.as_str()))
                    .collect::<Vec<_>>(),
                [("200", "2"), ("5000", "1")],
                "{csv}"
            );
            assert_eq!(facts(csv, organisations, "estimate").len(), 2, "{csv}");
            // Times: each round's middle and last answer.
            let last = facts(csv, twice, "seconds_last");
            assert_eq!(
                last.iter()
                    .map(|f| (f.0.as_str(), f.3.as_str()))
                    .collect::<Vec<_>>(),
                [("1", "30"), ("2", "9")],
                "{csv}"
            );
            assert_eq!(facts(csv, twice, "seconds_median")[0].3, "6.5", "{csv}");
            // Nothing that is not in the log: no code, no token, no exact size.
            let pdf = handout::pdf(&debrief.handout).unwrap();
            assert!(pdf.starts_with(b"%PDF"));
            assert_eq!(
                debrief.handout.pages.len(),
                4,
                "a first page and three parts"
            );
            let pictures: Vec<&str> = debrief
                .handout
                .pages
                .iter()
                .filter(|p| p.picture.is_some())
                .map(|p| p.kicker.as_str())
                .collect();
            assert_eq!(pictures.len(), 1, "the organisations on the curve");
            assert!(
                pictures[0].contains(&organisations.to_string()),
                "{pictures:?}"
            );
        }
    }

    /// A log of sketches becomes, at each size, the room's quartiles and middle sketch
    /// beside the model's expectation, with their picture.
    #[test]
    fn the_debrief_of_a_sketch_holds_the_rooms_middle_and_spread_at_each_size() {
        let (scenario, k) = crate::scenario::sketch_example();
        let q = scenario.acts[k].question.as_ref().unwrap();
        let part = k + 1;
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("answers.csv");
        let mut text = String::from("part,question,answer,seconds,round,first,run\n");
        // Five sketches; at the last size 5, 10, 15, 20 and 40.
        for last in [5, 10, 15, 20, 40] {
            text += &format!("{part},Q,sketch=30;25;20;15;12;{last},3.0,1,,2\n");
        }
        std::fs::write(&log, text).unwrap();
        let logged = read_logged(&log, &scenario).unwrap();
        let debrief = make(&scenario, &logged, Lang::NL, "answers.csv").unwrap();
        let csv = &debrief.csv;
        let at = |what: &str, size: u32| {
            facts(csv, part, what)
                .into_iter()
                .find(|f| f.1 == size.to_string())
                .map(|f| f.3)
                .unwrap_or_else(|| panic!("no {what} at {size}: {csv}"))
        };
        let last = *q.sketch.last().unwrap();
        assert_eq!(at("sketch_middle", last), "15", "{csv}");
        assert_eq!(at("sketch_low", last), "10", "{csv}");
        assert_eq!(at("sketch_high", last), "20", "{csv}");
        assert_eq!(at("sketch_middle", q.sketch[0]), "30", "{csv}");
        let model: f64 = at("model", last).parse().unwrap();
        let expected = q.answer.expected(&scenario.params_at(k), last).unwrap();
        assert!((model - percent(expected)).abs() < 0.01, "{csv}");
        assert_eq!(facts(csv, part, "answers")[0].2, "5", "{csv}");
        let page = debrief
            .handout
            .pages
            .iter()
            .find(|p| &p.title == q.ask.get(Lang::NL))
            .unwrap();
        assert!(page.picture.is_some(), "the sketches against the curve");
        assert!(handout::pdf(&debrief.handout).unwrap().starts_with(b"%PDF"));
    }

    #[test]
    fn a_table_beside_the_pdf_never_replaces_the_log() {
        let scenario = Scenario::load_or_shipped(None).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("debrief.csv");
        std::fs::write(&log, "part,question,answer,seconds\n").unwrap();
        let err = write(
            &log,
            &scenario,
            Lang::EN,
            &dir.path().join("debrief.pdf"),
            true,
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("would replace the answers’ log")
                || err.contains("would replace the answers' log"),
            "{err}"
        );
        let err = write(&log, &scenario, Lang::EN, &dir.path().join("d.png"), true)
            .unwrap_err()
            .to_string();
        assert!(err.contains(".pdf"), "{err}");
    }
}
