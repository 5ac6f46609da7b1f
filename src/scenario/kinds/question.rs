//! A part that puts a question to the room: it enters asking, with the world held
//! while the room thinks; the next step reveals the answer, as the world grows to the
//! question's size; there it is answered, and holds. Recording, the question shows for
//! [`Act::question_shows_secs`] and reveals itself. It films as two chapters, its
//! question and its answer; its subtitles are the question with its options, then its
//! caption. It prints as two pages: the question, with its options and room to answer,
//! over the picture before the reveal; the counted answer over the last picture.

use super::{Moment, PartKind, Printed, Sheet, Span, Take, caption_cues};
use crate::i18n::Msg;
use crate::intent::{Asked, Question};
use crate::look::question_text;
use crate::report::handout::Block;
use crate::scenario::Act;
use crate::scenario::phase::Phase;

/// A part with a question.
#[derive(Debug, Clone, Copy)]
pub struct Asks<'a> {
    /// The part.
    pub act: &'a Act,
    /// Its question.
    pub question: &'a Question,
}

impl PartKind for Asks<'_> {
    fn entering(&self) -> Phase {
        Phase::Asking
    }

    fn next(&self, phase: Phase) -> Option<Phase> {
        (phase == Phase::Asking).then_some(Phase::Revealing)
    }

    fn by_itself(&self, phase: Phase, secs: f64) -> Option<Phase> {
        (phase == Phase::Asking && secs >= self.act.question_shows_secs())
            .then_some(Phase::Revealing)
    }

    fn caption_from(&self) -> f64 {
        self.act.question_shows_secs()
    }

    fn film(&self, take: &Take) -> (Vec<Span>, Vec<Span>) {
        let asked_until = take.turned.unwrap_or(take.end);
        let title = take.title.to_owned();
        let mut chapters = vec![Span {
            start: take.start,
            end: asked_until,
            text: take
                .texts
                .fmt(Msg::ChapterQuestion, &[("title", title.clone().into())]),
        }];
        let mut cues = vec![Span {
            start: take.start,
            end: asked_until,
            text: self.question.as_text(take.lang()),
        }];
        if asked_until < take.end {
            chapters.push(Span {
                start: asked_until,
                end: take.end,
                text: take
                    .texts
                    .fmt(Msg::ChapterAnswer, &[("title", title.into())]),
            });
            cues.extend(caption_cues(take.act, take.lang(), asked_until, take.end));
        }
        (chapters, cues)
    }

    fn print(&self, take: &Take, sheet: Sheet) -> Vec<Printed> {
        let (texts, lang, title) = (take.texts, take.lang(), take.title);
        let question = self.question;
        let mut blocks = vec![Block::Large(question.ask.get(lang).to_string())];
        if !question.options.is_empty() {
            blocks.push(Block::Choices(
                question
                    .options
                    .iter()
                    .enumerate()
                    .map(|(i, c)| format!("{}. {}", char::from(b'A' + i as u8), c.get(lang)))
                    .collect(),
            ));
        }
        blocks.push(Block::Heading(texts.get(Msg::HandoutYourAnswer)));
        blocks.push(Block::WritingLines(3));
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
