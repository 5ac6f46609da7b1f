//! A part that puts a question to the room: it enters asking, with the world held
//! while the room thinks; the next step reveals the answer, as the world grows to the
//! question's size; there it is answered, and holds. Recording, the question shows for
//! [`Asks::shows_secs`] and reveals itself. It films as two chapters, its
//! question and its answer; its subtitles are the question with its options, then its
//! caption. It prints as two pages: the question, with its options and room to answer,
//! over the picture before the reveal; the counted answer over the last picture.

use bolwerk_model::Params;

use super::{
    Moment, PartKind, Printed, Seen, Sheet, Span, Take, check_ask, describe_turning, film_turning,
    measure_told,
};
use crate::i18n::{Lang, Msg, lang_codes};
use crate::intent::{Asked, MAX_TOLERANCE, Posed, Question, SKETCH_POINTS};
use crate::look::question_text;
use crate::report::handout::Block;
use crate::scenario::act::{Act, MAX_OPTIONS, MAX_QUESTION_CHARS, READING_CHARS_PER_SEC};
use crate::scenario::phase::Phase;

/// A part with a question.
#[derive(Debug, Clone, Copy)]
pub struct Asks<'a> {
    /// The part.
    pub act: &'a Act,
    /// Its question.
    pub question: &'a Question,
}

impl Asks<'_> {
    /// Seconds a recording shows the question before it reveals the answer: the part's
    /// duration, or the question's reading time if that is longer.
    pub fn shows_secs(&self) -> f64 {
        self.act.shows_for(self.reading_secs())
    }

    /// Seconds the question and its answers take to read, as a subtitle writes them
    /// ([`Question::as_text`]), in its longest language.
    fn reading_secs(&self) -> f64 {
        let q = self.question;
        let chars = q
            .languages()
            .map(|lang| q.as_text(lang).chars().count())
            .max()
            .unwrap_or(0);
        chars as f64 / READING_CHARS_PER_SEC
    }
}

impl PartKind for Asks<'_> {
    fn entering(&self) -> Phase {
        Phase::Asking
    }

    fn check(
        &self,
        params: &Params,
        from: u32,
        langs: &[Lang],
    ) -> Result<(), (&'static str, String)> {
        check_question(self.question, self.act, params, from, langs).map_err(|m| ("question", m))
    }

    /// A question asked once reveals its answer; one asked twice first closes the
    /// first round for the room to talk it over, then opens the second.
    fn next(&self, phase: Phase) -> Option<Phase> {
        match phase {
            Phase::Asking if self.question.again => Some(Phase::Talking),
            Phase::Talking => Some(Phase::AskingAgain),
            Phase::Asking | Phase::AskingAgain => Some(Phase::Revealing),
            _ => None,
        }
    }

    /// Recording, a question is asked once, whether or not a room answered twice: there
    /// is no room to talk it over.
    fn by_itself(&self, phase: Phase, secs: f64) -> Option<Phase> {
        (phase == Phase::Asking && secs >= self.shows_secs()).then_some(Phase::Revealing)
    }

    fn posed(&self, phase: Phase) -> Option<Posed> {
        phase
            .asked()
            .map(|asked| Posed::Question(self.question.clone(), asked))
    }

    fn caption_from(&self) -> f64 {
        self.shows_secs()
    }

    fn film(&self, take: &Take) -> (Vec<Span>, Vec<Span>) {
        film_turning(take, self.question.as_text(take.lang()), Msg::ChapterAnswer)
    }

    /// Held while it is asked; then how the world grew to the question's size, and
    /// the answer as the screen shows it.
    fn describe(&self, take: &Take, seen: &Seen) -> Vec<Span> {
        let shown = question_text(self.question, Asked::Answered, &seen.last.main, take.texts);
        let answer = shown.answer.unwrap_or_default();
        let first = &seen.first.main;
        let mut held = take
            .texts
            .fmt(Msg::DescribeAsked, &[("n", first.employees.into())]);
        if seen.first.panel {
            held = format!(
                "{held} {}",
                measure_told(take.texts, self.question.answer, first)
            );
        }
        describe_turning(take, seen, held, (answer, false))
    }

    fn print(&self, take: &Take, sheet: Sheet) -> Vec<Printed> {
        let (texts, lang, title) = (take.texts, take.lang(), take.title);
        let question = self.question;
        let mut blocks = vec![Block::Large(question.ask.get(lang).to_string())];
        if !question.options.is_empty() {
            blocks.push(Block::Choices(question.lettered(lang)));
        }
        if question.sketched() {
            // A sketch on paper: the share expected at each of its sizes.
            blocks.push(Block::Heading(texts.get(Msg::HandoutYourSketch)));
            for &n in &question.sketch {
                blocks.push(Block::Text(texts.fmt(
                    Msg::HandoutSketchAt,
                    &[("n", crate::i18n::Arg::Int(u64::from(n)))],
                )));
            }
        } else if question.again {
            // Asked twice: a line for each round, the talk between them.
            for round in [Msg::HandoutFirstRound, Msg::HandoutSecondRound] {
                blocks.push(Block::Heading(texts.get(round)));
                blocks.push(Block::WritingLines(2));
            }
        } else {
            blocks.push(Block::Heading(texts.get(Msg::HandoutYourAnswer)));
            blocks.push(Block::WritingLines(3));
        }
        blocks.push(Block::Muted(texts.get(Msg::HandoutAnswerLater)));
        blocks.extend(sheet.notes);
        let asked = Printed {
            title: texts.fmt(Msg::ChapterQuestion, &[("title", title.into())]),
            at: Moment::Turn,
            blocks,
        };
        let shown = question_text(question, Asked::Answered, sheet.last, texts);
        let mut blocks: Vec<Block> = shown.answer.into_iter().map(Block::Large).collect();
        blocks.extend(sheet.paragraphs.into_iter().map(Block::Text));
        let answered = Printed {
            title: texts.fmt(Msg::ChapterAnswer, &[("title", title.into())]),
            at: Moment::End,
            blocks,
        };
        vec![asked, answered]
    }
}

/// How close, as a share of the expected answer, an option's edge may come to it: a
/// count lands within a few percent of the expectation at the sizes a room is asked
/// about, and should land in the option the expectation is in.
pub const OPTION_MARGIN: f64 = 0.1;

/// Why a question cannot be asked, if it cannot: its words, the size its answer is for
/// (above `from`, the employees the part's world starts with), its options (every share
/// from 0 to 1 in exactly one), and whether the model's expected answer there lies
/// clear of every option's edge.
fn check_question(
    q: &Question,
    act: &Act,
    params: &Params,
    from: u32,
    langs: &[Lang],
) -> Result<(), String> {
    check_ask(&q.ask, langs, "question", "question")?;
    let Some(target) = act.until_employees else {
        return Err("question: the part needs until_employees, the size its answer is for".into());
    };
    if target <= from {
        return Err(format!(
            "question: until_employees {target} must be above the {from} employees the part starts with, or there is nothing to reveal"
        ));
    }
    if act.compare.as_ref().is_some_and(|c| !c.is_empty()) {
        return Err("question: a part with a question compares no shapes".into());
    }
    if act.organisations.is_some() {
        return Err(
            "question: a part asks a question or for the room's organisations, not both".into(),
        );
    }
    let Some(expected) = q.answer.expected(params, target) else {
        return Err("question: questions are put on the sphere, the essay's picture".into());
    };
    if !(expected.is_finite() && (0.0..=1.0).contains(&expected)) {
        return Err(format!(
            "question: the model expects no share at {target} employees ({expected})"
        ));
    }
    if q.sketched() {
        check_sketch(q, from, target)?;
    }
    if let Some(t) = q.tolerance {
        if !q.numbered() {
            return Err("question: a tolerance is for a question answered with a number (no options, no sketch)".into());
        }
        if !(t.is_finite() && t > 0.0 && t <= MAX_TOLERANCE) {
            return Err(format!(
                "question: tolerance {t} must be above 0 and at most {MAX_TOLERANCE} percentage points"
            ));
        }
    }
    if q.options.is_empty() {
        if q.again {
            return Err(
                "question: `again: true` asks a question with options twice; a number is asked once".into(),
            );
        }
        return Ok(());
    }
    if !(2..=MAX_OPTIONS).contains(&q.options.len()) {
        return Err(format!(
            "question: two to {MAX_OPTIONS} options, or none for a number"
        ));
    }
    for (k, c) in q.options.iter().enumerate() {
        c.words
            .check_languages(langs, &format!("question: option {}", k + 1))?;
        let words_ok = c.words.iter().all(|(_, w)| {
            let w = w.trim();
            !w.is_empty() && w.chars().count() <= MAX_QUESTION_CHARS
        });
        if !words_ok {
            return Err(format!(
                "question: option {} needs words in {} (up to {MAX_QUESTION_CHARS} characters)",
                k + 1,
                lang_codes(langs)
            ));
        }
        if !(c.from.is_finite()
            && c.to.is_finite()
            && 0.0 <= c.from
            && c.from < c.to
            && c.to <= 1.0)
        {
            return Err(format!(
                "question: option {} stands for shares from {} to {}: they must rise within 0 to 1",
                k + 1,
                c.from,
                c.to
            ));
        }
        let starts = if k == 0 { 0.0 } else { q.options[k - 1].to };
        if c.from != starts {
            return Err(format!(
                "question: the options must cover every share from 0 to 1, each starting where the one before ends: option {} starts at {}, not {starts}",
                k + 1,
                c.from
            ));
        }
    }
    if q.options.last().is_some_and(|c| c.to != 1.0) {
        return Err("question: the last option must end at 1, so every share has an option".into());
    }
    let mut edges = q.options.iter().skip(1).map(|c| c.from);
    if let Some(edge) = edges.find(|&e| (e - expected).abs() < OPTION_MARGIN * expected) {
        return Err(format!(
            "question: the model's expected answer at {target} employees, {:.2}%, is too close to the edge at {:.2}%: the count could land in the next option",
            expected * 100.0,
            edge * 100.0
        ));
    }
    Ok(())
}

/// Why a sketch cannot be drawn, if it cannot: three to six sizes, rising, from the
/// part's start (`from`, which the screen shows as the room draws) to the question's
/// size (`target`); no options, and asked once.
fn check_sketch(q: &Question, from: u32, target: u32) -> Result<(), String> {
    let sizes = &q.sketch;
    if !q.options.is_empty() {
        return Err("question: a sketch has no options".into());
    }
    if q.again {
        return Err("question: a sketch is asked once (no `again`)".into());
    }
    if !SKETCH_POINTS.contains(&sizes.len()) {
        return Err(format!(
            "question: a sketch has {} to {} sizes, not {}",
            SKETCH_POINTS.start(),
            SKETCH_POINTS.end(),
            sizes.len()
        ));
    }
    if sizes.windows(2).any(|w| w[0] >= w[1]) {
        return Err(format!("question: the sketch's sizes must rise: {sizes:?}"));
    }
    if sizes[0] != from || sizes[sizes.len() - 1] != target {
        return Err(format!(
            "question: the sketch runs from the {from} employees the part starts with (on the screen while the room draws) to until_employees {target}: write sketch: [{from}, …, {target}]"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Texts;
    use crate::scenario::Scenario;
    use crate::sim::ContactStats;

    /// A sketch runs from the part's start to the question's size, three to six sizes
    /// rising, with no options and asked once; each other sketch is refused, saying
    /// what to write.
    #[test]
    fn a_sketch_runs_from_the_parts_start_to_its_answer() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/scenarios/sketch-the-curve.ron");
        let text = std::fs::read_to_string(&path).unwrap();
        let shipped = "sketch: [80, 200, 500, 1000, 2500, 6000],";
        assert!(text.contains(shipped));
        Scenario::from_ron_str(&text, &path).unwrap();
        for (sketch, says) in [
            ("sketch: [80, 6000],", "3 to 6 sizes"),
            (
                "sketch: [80, 200, 300, 400, 500, 1000, 6000],",
                "3 to 6 sizes",
            ),
            ("sketch: [80, 500, 200, 6000],", "must rise"),
            ("sketch: [100, 500, 1000, 6000],", "sketch: [80, …, 6000]"),
            ("sketch: [80, 500, 1000, 5000],", "sketch: [80, …, 6000]"),
            (
                "sketch: [80, 500, 6000], options: [(en: \"a\", nl: \"a\", from: 0.0, to: 0.5), (en: \"b\", nl: \"b\", from: 0.5, to: 1.0)],",
                "no options",
            ),
            ("sketch: [80, 500, 6000], again: true,", "asked once"),
        ] {
            let err = Scenario::from_ron_str(&text.replace(shipped, sketch), &path)
                .unwrap_err()
                .to_string();
            assert!(err.contains(says), "{sketch}: {err}");
        }
    }

    /// A tolerance is for a number, above 0 and at most [`MAX_TOLERANCE`] points.
    #[test]
    fn a_tolerance_is_for_a_number_and_within_bounds() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/scenarios/interne-klanten.ron");
        let text = std::fs::read_to_string(&path).unwrap();
        let stated = "tolerance: 3.0,";
        assert!(
            text.contains(stated),
            "the shipped session states its tolerance"
        );
        let with = |t: &str| text.replacen(stated, &format!("tolerance: {t},"), 1);
        let shipped = Scenario::from_ron_str(&with("2.5"), &path).unwrap();
        let q = shipped
            .acts
            .iter()
            .find_map(|a| a.question.as_ref().filter(|q| q.numbered()));
        assert_eq!(q.unwrap().tolerance(), 2.5);
        for bad in ["0.0", "-1.0", "26.0", "inf"] {
            let err = Scenario::from_ron_str(&with(bad), &path)
                .unwrap_err()
                .to_string();
            assert!(err.contains("tolerance"), "{bad}: {err}");
        }
        let options = "answer: CustomerShare,";
        let err = Scenario::from_ron_str(
            &text.replacen(options, &format!("{options} tolerance: 2.0,"), 1),
            &path,
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("a tolerance is for a question answered with a number"),
            "{err}"
        );
    }

    /// A question asked twice prints a line for each round; one asked once, one for
    /// the answer.
    #[test]
    fn a_question_asked_twice_prints_room_for_both_rounds() {
        let scenario = Scenario::load_or_shipped(None).unwrap();
        let texts = Texts::new(Lang::NL);
        let stats = ContactStats::default();
        let headings = |act: &Act, question: &Question| {
            let take = Take {
                act,
                title: "t",
                texts: &texts,
                start: 0.0,
                end: 10.0,
                turned: Some(5.0),
            };
            let sheet = Sheet {
                paragraphs: Vec::new(),
                notes: Vec::new(),
                last: &stats,
            };
            Asks { act, question }.print(&take, sheet)[0]
                .blocks
                .iter()
                .filter_map(|b| match b {
                    Block::Heading(h) => Some(h.clone()),
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        let (mut twice, mut once) = (0, 0);
        for act in &scenario.acts {
            let Some(question) = &act.question else {
                continue;
            };
            let shown = headings(act, question);
            if question.again {
                twice += 1;
                assert_eq!(
                    shown,
                    [
                        texts.get(Msg::HandoutFirstRound),
                        texts.get(Msg::HandoutSecondRound)
                    ]
                );
            } else {
                once += 1;
                assert_eq!(shown, [texts.get(Msg::HandoutYourAnswer)]);
            }
        }
        assert!(twice >= 1 && once >= 1, "{twice} asked twice, {once} once");
    }
}
