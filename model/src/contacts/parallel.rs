//! How the passes over agents are split over rayon's pool.

/// Below this many agents (employees and customers), a count runs on the calling
/// thread: handing work to the pool costs more than it saves.
pub const PARALLEL_MIN_AGENTS: usize = 20_000;

/// Agents per task in the parallel passes over agents: the sort's, the box around them,
/// the front-office flags (here and in [`crate::Population`]).
pub(crate) const PARALLEL_CHUNK: usize = 16_384;
