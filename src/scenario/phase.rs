//! Where the part on stage stands: one phase at a time. A part that shows its world
//! runs, then holds; a part with a question asks, is revealed, then is answered; the
//! last part of a recording is done. Each kind of part (`super::kinds`) says which
//! phase it enters in and what moves it on; the player (`super::play`) keeps it.

use crate::intent::Asked;

/// Where the part on stage stands: one phase at a time. Times are act seconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Phase {
    /// The world runs toward the act's target, or through its duration.
    Running,
    /// The act's target was reached, or its duration passed, at this time: the world
    /// holds while the presenter talks.
    Holding(f64),
    /// The act's question shows, and the world holds while the room thinks (for a
    /// question asked twice, its first round).
    Asking,
    /// A question asked twice: its first round closed without the answer; the room
    /// talks it over, and the world holds.
    Talking,
    /// A question asked twice: its second round; the world holds.
    AskingAgain,
    /// The answer is being revealed: the world grows to the question's size.
    Revealing,
    /// The world reached the question's size at this time: the answer shows, and the
    /// world holds.
    Answered(f64),
    /// The last act is done (recording): what showed stays, and nothing more happens.
    /// Keeps when its target was reached and whether it answered a question.
    Done {
        /// When the act's target was reached (or its duration passed), if it was.
        reached_at: Option<f64>,
        /// The act answered a question.
        answered: bool,
    },
}

impl Phase {
    /// Where the act's question stands, for an act with one.
    pub fn asked(self) -> Option<Asked> {
        match self {
            Phase::Asking => Some(Asked::Asking),
            Phase::Talking => Some(Asked::Talking),
            Phase::AskingAgain => Some(Asked::AskingAgain),
            Phase::Revealing => Some(Asked::Growing),
            Phase::Answered(_) | Phase::Done { answered: true, .. } => Some(Asked::Answered),
            Phase::Running
            | Phase::Holding(_)
            | Phase::Done {
                answered: false, ..
            } => None,
        }
    }

    /// When the act's target was reached (or its duration passed), if it was.
    pub fn reached_at(self) -> Option<f64> {
        match self {
            Phase::Holding(t) | Phase::Answered(t) => Some(t),
            Phase::Done { reached_at, .. } => reached_at,
            Phase::Running
            | Phase::Asking
            | Phase::Talking
            | Phase::AskingAgain
            | Phase::Revealing => None,
        }
    }

    /// The world holds while the room thinks: a question is asked (once or twice), or
    /// talked over.
    pub fn thinking(self) -> bool {
        self.asked().is_some_and(Asked::thinking)
    }

    /// The phase once the world holds at its target, reached at act time `t`.
    pub(super) fn reached(self, t: f64) -> Self {
        match self {
            Phase::Revealing => Phase::Answered(t),
            Phase::Running => Phase::Holding(t),
            other => other,
        }
    }
}
