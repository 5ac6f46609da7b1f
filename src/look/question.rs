//! A question's words as the room sees them: on the projection, in a recording and on
//! the handout's pages alike.

use crate::i18n::{Arg, Msg, Texts};
use crate::intent::{Asked, Measure, Question, letter};
use crate::sim::ContactStats;

/// A question's words as the room sees them, in the current language.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionText {
    /// The heading (“Question for the room”).
    pub title: String,
    /// The question.
    pub ask: String,
    /// The options, lettered, each with whether it holds the counted answer (always
    /// `false` before the answer shows).
    pub options: Vec<(String, bool)>,
    /// The answer, once the world has grown to the question's size: the share counted
    /// there, and the model's expectation.
    pub answer: Option<String>,
    /// For a question asked twice, until the answer shows: which round it is at, and
    /// what the room does in it.
    pub round: Option<String>,
}

/// What a question shows: the question and its options, and once the world has grown
/// to the question's size, the answer the simulation counts there, and the option
/// that holds it.
pub fn question_text(
    question: &Question,
    asked: Asked,
    stats: &ContactStats,
    texts: &Texts,
) -> QuestionText {
    let lang = texts.lang;
    let counted = (asked == Asked::Answered)
        .then(|| question.answer.counted(stats))
        .flatten();
    let right = counted.and_then(|share| question.right_option(share));
    let options = question
        .options
        .iter()
        .enumerate()
        .map(|(k, c)| (format!("{}  {}", letter(k), c.get(lang)), right == Some(k)))
        .collect();
    let answer = counted.map(|share| {
        let msg = match question.answer {
            Measure::CustomerShare => Msg::AnswerCustomerShare,
            Measure::InCustomerContact => Msg::AnswerInCustomerContact,
        };
        texts.fmt(
            msg,
            &[
                ("n", stats.employees.into()),
                ("counted", Arg::Num(share * 100.0, 1)),
                (
                    "expected",
                    Arg::Num(question.answer.expected_now(stats) * 100.0, 1),
                ),
            ],
        )
    });
    let round = match asked {
        _ if !question.again => None,
        Asked::Asking => Some(Msg::QuestionFirstRound),
        Asked::Talking => Some(Msg::QuestionTalking),
        Asked::AskingAgain => Some(Msg::QuestionSecondRound),
        Asked::Growing | Asked::Answered => None,
    };
    QuestionText {
        title: texts.get(Msg::QuestionTitle),
        ask: question.ask.get(lang).to_string(),
        options,
        answer,
        round: round.map(|m| texts.get(m)),
    }
}
