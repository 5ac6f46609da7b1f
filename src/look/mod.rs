//! What every output shares, on screen and on paper: the palettes, how axes label
//! their ticks, how a question reads, and the what-if shapes' names. The screen's
//! interface (`screen`), the reports (`report`) and the commands that write files
//! take these from here, so that a handout and a projection say and colour the same
//! thing the same way; nothing here knows a window.

pub mod axes;
pub mod palette;
pub mod question;

pub use question::{QuestionText, question_text};

use crate::i18n::Msg;
use crate::sim::compare::CompareKind;

/// The id of a compared shape's name in the texts.
pub fn shape_name(kind: CompareKind) -> Msg {
    match kind {
        CompareKind::Sphere => Msg::ShapeSphere,
        CompareKind::Disc => Msg::ShapeDisc,
        CompareKind::Cells => Msg::ShapeCells,
        CompareKind::Rotation => Msg::ShapeRotation,
    }
}
