//! The model behind bolwerk, in plain Rust.
//!
//! An organisation is a ball of employees at density `rho`; its customers live in a
//! shell of thickness `w` around it at density `rho_c`. Two agents at most `d` apart
//! are in contact. Internal contacts fill the volume (∝ R³), customer contacts only
//! the surface (∝ R²), so their ratio falls as 1/R. `docs/MODEL.md` pins down every
//! quantity; this crate implements it without any engine, so that tests and
//! benchmarks build in seconds and the Bevy app stays a thin layer on top.
//!
//! - [`params`]: the parameters, their defaults, validation and RON loading.
//! - [`geometry`]: radii, volumes, placement and reflection at region walls.
//! - [`noise`]: the counter-based random numbers behind the random walk.
//! - [`organisation`]: growth by accretion, tick by tick.
//! - [`population`]: a plain `Vec` world that runs the whole model.
//! - [`contacts`]: exact contact counting on a uniform grid.
//! - [`sampling`]: a fair, capped sample of contact pairs for drawing lines, taken while
//!   counting (it lives in `contacts`, and is re-exported here).
//! - [`rules`]: contact rules beyond the hard reach (everyone with everyone, a fade, a
//!   cap), each with its count and its expectation.
//! - [`theory`]: what the counts should be.

pub mod contacts;
pub mod geometry;
pub mod noise;
pub mod organisation;
pub mod params;
pub mod population;
pub mod rules;
pub mod theory;

pub use contacts::sampling;
pub use contacts::{ContactCounts, ContactGrid, PairKind};
pub use organisation::{GrowthStep, Organisation};
pub use params::{
    Allowed, Excess, Footprint, GrowthLaw, LoadError, ParamError, Params, Problem, Rule, Shape,
};
pub use population::Population;
pub use rules::Counts;
