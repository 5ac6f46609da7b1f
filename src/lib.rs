//! bolwerk: watch an organisation grow and lose sight of its customers.
//!
//! Internal contacts fill the organisation's volume (∝ R³); customer contacts happen
//! at its surface (∝ R²); so the share of customer contacts falls as 1/R. The model
//! is plain Rust in [`model`]; the rest of this crate is Bevy plugins over it and the
//! command line.
//!
//! - [`sim`]: the simulation as a thin ECS layer over the model;
//! - [`intent`]: the intents and shared state below everything that shows something;
//! - [`show`]: what a canvas shows, with its options: the 3D view ([`scene`]: agents,
//!   lines, cameras, compared views) and over it the screen's interface ([`screen`]:
//!   the panel, overlays, console, keys), one plugin per file;
//! - [`look`]: what paper and screen share: palettes, axes' labels, a question's words;
//! - [`whatif`]: the worlds the comparison shows, each described once;
//! - [`app`]: the one builder for a window or an offscreen image;
//! - [`record`]: encoders, manifests and frame capture for videos;
//! - [`scenario`]: training sessions' scripts, loaded, checked and played;
//! - [`report`]: the plot as a file and the session's handout (PDF);
//! - [`commands`]: one module per subcommand; [`cli`] parses and dispatches;
//! - [`schedule`]: all system order; [`i18n`]: every text, one Fluent file per
//!   language;
//! - [`failure`], [`output`]: errors as exit codes, and output that appears whole.

pub mod app;
pub mod audience;
pub mod cli;
pub mod commands;
pub mod crash;
pub mod failure;
pub mod i18n;
pub mod intent;
pub mod look;
pub mod output;
pub mod record;
pub mod report;
pub mod scenario;
pub mod scene;
pub mod schedule;
pub mod screen;
pub mod show;
pub mod sim;
pub mod whatif;

pub use bolwerk_model as model;
