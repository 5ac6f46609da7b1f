//! The subcommands. Each module holds one command's options and its `run`; they use
//! the library (simulation, scene, recorder) and never each other, nor the command line.

pub mod demo;
pub mod record;
pub mod simulate;

use std::path::PathBuf;

use bolwerk_model::Params;
use clap::Args;

use crate::failure::Failure;

/// Options shared by every command that runs the model.
#[derive(Debug, Clone, Args)]
pub struct ModelArgs {
    /// The seed: the same seed and parameters give identical results.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// A RON file of parameters (see assets/params/); omitted fields keep their defaults.
    #[arg(long, value_name = "FILE.ron")]
    pub params: Option<PathBuf>,
}

impl Default for ModelArgs {
    fn default() -> Self {
        Self {
            seed: 1,
            params: None,
        }
    }
}

impl ModelArgs {
    /// The parameters from `--params`, or the defaults.
    pub fn load(&self) -> Result<Params, Failure> {
        match &self.params {
            Some(path) => Params::load(path).map_err(|e| Failure::Input(e.to_string())),
            None => Ok(Params::default()),
        }
    }
}
