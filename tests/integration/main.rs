//! Every test of the app, in one binary: each module was a test crate of its own, and
//! each linked Bevy, about a gigabyte apiece. Modules share helpers through [`common`].
//!
//! Run one module with `cargo test --test integration -- record::`.

mod common;

mod audience;
mod bad_input;
mod cli;
mod compare;
mod course;
mod course_package;
mod demo;
mod faults;
mod glossary;
mod glyphs;
mod i18n;
mod keys;
mod miscompile;
mod overlap;
mod palette;
mod record;
mod report;
mod scenario;
mod sim;
mod soak;
mod structure;
