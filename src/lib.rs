//! bolwerk: watch an organisation grow and lose sight of its customers.
//!
//! Internal contacts fill the organisation's volume (∝ R³); customer contacts happen
//! at its surface (∝ R²); so the share of customer contacts falls as 1/R. The model
//! is plain Rust in [`model`]; the rest of this crate is Bevy plugins over it and the
//! command line.

pub mod cli;
pub mod demo;
pub mod schedule;
pub mod sim;
pub mod simulate;
pub mod windowed;

pub use bolwerk_model as model;
