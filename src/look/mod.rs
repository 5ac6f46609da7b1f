//! What every output shares, on screen and on paper: the palettes, how axes label
//! their ticks, how a question reads, the what-ifs' names (from
//! [`crate::whatif`]), and how a web page's template is filled in. The screen's
//! interface (`screen`), the reports (`report`) and the commands that write files
//! take these from here, so that a handout and a projection say and colour the same
//! thing the same way; nothing here knows a window.

pub mod axes;
pub mod html;
pub mod palette;
pub mod question;

pub use question::{QuestionText, question_text};

use crate::i18n::Msg;
use crate::whatif::CompareKind;

/// The id of a what-if's name in the texts.
pub fn shape_name(kind: CompareKind) -> Msg {
    kind.name
}
