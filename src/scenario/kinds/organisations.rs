//! A part that brings the room's own organisations in: it enters asking, with the
//! world held, while each participant enters the size of their organisation (and, if
//! the part asks, their guess of its share of contacts with customers); the next step
//! puts them on the model's curve, and there it holds. Recording, the ask shows as
//! long as it takes to read, and the curve shows the part's examples. It films as two
//! chapters, the ask and the curve; it prints as two pages: the ask with room to write
//! the size and the guess, and the curve.

use bolwerk_model::Params;

use super::{
    Moment, PartKind, Printed, Seen, Sheet, Span, Take, check_ask, describe_turning, film_turning,
    share_told,
};
use crate::i18n::{Lang, Msg};
use crate::intent::organisations::{MAX_EMPLOYEES, MAX_EXAMPLES};
use crate::intent::{Organisations, Posed};
use crate::report::handout::Block;
use crate::scenario::act::{Act, reading_secs};
use crate::scenario::phase::Phase;
use crate::sim::Measure;

/// A part that asks for the room's organisations.
#[derive(Debug, Clone, Copy)]
pub struct Gathers<'a> {
    /// The part.
    pub act: &'a Act,
    /// What it asks.
    pub organisations: &'a Organisations,
}

impl Gathers<'_> {
    /// Seconds a recording shows the ask before the curve: the part's duration, or the
    /// ask's reading time if that is longer.
    pub fn shows_secs(&self) -> f64 {
        let ask = &self.organisations.ask;
        self.act.shows_for(reading_secs(ask, |a| a.chars().count()))
    }
}

impl PartKind for Gathers<'_> {
    fn entering(&self) -> Phase {
        Phase::Asking
    }

    fn check(
        &self,
        params: &Params,
        _from: u32,
        langs: &[Lang],
    ) -> Result<(), (&'static str, String)> {
        let o = self.organisations;
        let fail = |m: String| Err(("organisations", m));
        if let Err(m) = check_ask(&o.ask, langs, "organisations", "ask") {
            return fail(m);
        }
        if self.act.compare.as_ref().is_some_and(|c| !c.is_empty()) {
            return fail(
                "organisations: a part with the room's organisations compares no shapes".into(),
            );
        }
        if Measure::CustomerShare.expected(params, 1).is_none() {
            return fail(
                "organisations: the room's organisations go on the sphere's curve, the essay's picture"
                    .into(),
            );
        }
        if o.examples.len() > MAX_EXAMPLES {
            return fail(format!(
                "organisations: at most {MAX_EXAMPLES} examples, not {}",
                o.examples.len()
            ));
        }
        if let Some(n) = o
            .examples
            .iter()
            .find(|&&n| !(1..=MAX_EMPLOYEES).contains(&n))
        {
            return fail(format!(
                "organisations: the example {n} is not a size from 1 to {MAX_EMPLOYEES} employees"
            ));
        }
        Ok(())
    }

    fn next(&self, phase: Phase) -> Option<Phase> {
        // Answered from the act's time at the turn, which the player notes (`turn`).
        (phase == Phase::Asking).then_some(Phase::Answered(0.0))
    }

    fn by_itself(&self, phase: Phase, secs: f64) -> Option<Phase> {
        (phase == Phase::Asking && secs >= self.shows_secs()).then_some(Phase::Answered(secs))
    }

    fn posed(&self, phase: Phase) -> Option<Posed> {
        phase
            .asked()
            .map(|asked| Posed::Organisations(self.organisations.clone(), asked))
    }

    fn caption_from(&self) -> f64 {
        self.shows_secs()
    }

    fn film(&self, take: &Take) -> (Vec<Span>, Vec<Span>) {
        film_turning(
            take,
            self.organisations.ask.get(take.lang()).clone(),
            Msg::ChapterOrganisationsCurve,
        )
    }

    /// Held while the room is asked; then the examples on the model's curve, at the
    /// sizes the card draws them (a recording has no room: its curve shows the
    /// part's examples).
    fn describe(&self, take: &Take, seen: &Seen) -> Vec<Span> {
        let examples = self.organisations.example_steps();
        let after = if examples.is_empty() {
            String::new()
        } else {
            let texts = take.texts;
            let mut sizes: Vec<String> = examples
                .iter()
                .map(|&n| crate::i18n::format_int(texts.lang, u64::from(n)))
                .collect();
            let last = sizes.pop().unwrap_or_default();
            let listed = if sizes.is_empty() {
                last
            } else {
                format!(
                    "{} {} {last}",
                    sizes.join(", "),
                    texts.get(Msg::DescribeAnd)
                )
            };
            texts.fmt(
                Msg::DescribeOnCurve,
                &[("sizes", listed.into()), ("count", examples.len().into())],
            )
        };
        let first = &seen.first.main;
        let mut held = take
            .texts
            .fmt(Msg::DescribeGathered, &[("n", first.employees.into())]);
        if seen.first.panel {
            held = format!("{held} {}", share_told(take.texts, first));
        }
        describe_turning(take, seen, held, (after, true))
    }

    fn print(&self, take: &Take, sheet: Sheet) -> Vec<Printed> {
        let (texts, lang, title) = (take.texts, take.lang(), take.title);
        let o = self.organisations;
        let mut blocks = vec![
            Block::Large(o.ask.get(lang).clone()),
            Block::Heading(texts.get(Msg::HandoutOrganisationSize)),
            Block::WritingLines(1),
        ];
        if o.guess {
            blocks.push(Block::Heading(texts.get(Msg::HandoutOrganisationGuess)));
            blocks.push(Block::WritingLines(1));
        }
        blocks.push(Block::Muted(texts.get(Msg::HandoutAnswerLater)));
        blocks.extend(sheet.notes);
        let asked = Printed {
            title: texts.fmt(Msg::ChapterQuestion, &[("title", title.into())]),
            at: Moment::Turn,
            blocks,
        };
        let mut blocks = vec![Block::Muted(texts.get(Msg::OrganisationsModelNotMeasured))];
        blocks.extend(sheet.paragraphs.into_iter().map(Block::Text));
        let shown = Printed {
            title: texts.fmt(Msg::ChapterOrganisationsCurve, &[("title", title.into())]),
            at: Moment::End,
            blocks,
        };
        vec![asked, shown]
    }
}
