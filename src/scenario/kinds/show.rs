//! A part that shows its world: it runs to its target or through its duration, then
//! holds. Its one chapter is titled with its title, and its caption is its subtitles;
//! its one handout page shows its last frame, its caption and the notes.

use super::{Moment, PartKind, Printed, Sheet, Span, Take, caption_cues};
use crate::report::handout::Block;
use crate::scenario::phase::Phase;

/// A part that shows its world.
#[derive(Debug, Clone, Copy)]
pub struct Show;

impl PartKind for Show {
    fn entering(&self) -> Phase {
        Phase::Running
    }

    fn next(&self, _: Phase) -> Option<Phase> {
        None
    }

    fn by_itself(&self, _: Phase, _: f64) -> Option<Phase> {
        None
    }

    fn caption_from(&self) -> f64 {
        0.0
    }

    fn film(&self, take: &Take) -> (Vec<Span>, Vec<Span>) {
        let chapter = Span {
            start: take.start,
            end: take.end,
            text: take.title.to_owned(),
        };
        (
            vec![chapter],
            caption_cues(take.act, take.lang(), take.start, take.end),
        )
    }

    fn print(&self, take: &Take, sheet: Sheet) -> Vec<Printed> {
        let mut blocks: Vec<Block> = sheet.paragraphs.into_iter().map(Block::Text).collect();
        blocks.extend(sheet.notes);
        vec![Printed {
            title: take.title.to_owned(),
            at: Moment::End,
            blocks,
        }]
    }
}
