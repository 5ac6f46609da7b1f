//! What bolwerk puts in files for reports and on paper: the ratio plot as SVG or PNG
//! (`simulate --plot`) and a session's handout as PDF (`bolwerk handout`).

pub mod debrief;
pub mod fonts;
pub mod handout;
pub mod plot;
pub mod take_home;
