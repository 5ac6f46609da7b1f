//! The subcommands. Each module holds one command's options and its `run`; they use
//! the library (simulation, scene, recorder) and never each other, nor the command line.

pub mod crash_card;
pub mod demo;
pub mod handout;
pub mod present;
pub mod record;
pub mod simulate;

use std::path::PathBuf;

use bolwerk_model::{Params, Shape};
use clap::{Args, ValueEnum};

use crate::failure::Failure;
use crate::whatif::CompareKind;

/// `--compare` reads the what-ifs by their names on the command line, and its help
/// lists them with their descriptions (clap's, kept out of `whatif`).
impl ValueEnum for CompareKind {
    fn value_variants<'a>() -> &'a [Self] {
        static ALL: std::sync::LazyLock<Vec<CompareKind>> =
            std::sync::LazyLock::new(|| CompareKind::all().collect());
        &ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.cli).help(self.help))
    }
}

/// The shapes `--shape` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShapeName {
    /// The sphere of the argument.
    Sphere,
    /// A disc-shaped organisation (thickness `--t`).
    Disc,
    /// A cellular organisation (units split at `--r-max`).
    Cells,
}

impl ShapeName {
    /// Whether `shape` is a shape of this name.
    fn is(self, shape: Shape) -> bool {
        matches!(
            (self, shape),
            (ShapeName::Sphere, Shape::Sphere)
                | (ShapeName::Disc, Shape::Disc { .. })
                | (ShapeName::Cells, Shape::Cells { .. })
        )
    }
}

/// Options shared by every command that runs the model. Those given on the command
/// line override the same fields of `--params`.
#[derive(Debug, Clone, Default, Args)]
pub struct ModelArgs {
    /// The seed: the same seed and parameters give identical results.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// A RON file of parameters (see assets/params/); omitted fields keep their defaults.
    #[arg(long, value_name = "FILE.ron")]
    pub params: Option<PathBuf>,
    /// The organisation's shape (what-ifs: disc, cells).
    #[arg(long, value_enum)]
    pub shape: Option<ShapeName>,
    /// The disc's thickness (default 4 d).
    #[arg(long, value_name = "T")]
    pub t: Option<f64>,
    /// The radius at which a cell splits (default 5 d).
    #[arg(long, value_name = "R")]
    pub r_max: Option<f64>,
    /// The share of employees that swap places with a random colleague each step.
    #[arg(long, value_name = "M")]
    pub rotation: Option<f64>,
    /// Reach counts customer contacts in the last K steps.
    #[arg(long, value_name = "K")]
    pub reach_window: Option<u32>,
}

impl ModelArgs {
    /// The parameters from `--params` (or the defaults), with the command line's
    /// overrides, validated.
    pub fn load(&self) -> Result<Params, Failure> {
        let mut params = match &self.params {
            Some(path) => Params::load(path).map_err(|e| Failure::Input(e.to_string()))?,
            None => Params::default(),
        };
        let d = params.d;
        // A shape named on the command line replaces the file's, at its defaults, unless
        // it is the file's own; then its own parameters (`--t`, `--r-max`) apply.
        params.shape = match self.shape {
            Some(name) if name.is(params.shape) => params.shape,
            Some(ShapeName::Sphere) => Shape::Sphere,
            Some(ShapeName::Disc) => Shape::default_disc(d),
            Some(ShapeName::Cells) => Shape::default_cells(d),
            None => params.shape,
        };
        match &mut params.shape {
            Shape::Disc { t } => *t = self.t.unwrap_or(*t),
            Shape::Cells { r_max } => *r_max = self.r_max.unwrap_or(*r_max),
            Shape::Sphere => {}
        }
        if let Some(m) = self.rotation {
            params.rotation = m;
        }
        if let Some(k) = self.reach_window {
            params.reach_window = k;
        }
        params
            .validate()
            .map_err(|e| Failure::Input(e.to_string()))?;
        Ok(params)
    }
}

/// `WxH`, e.g. `1280x720`, or a common name for one.
pub fn parse_size(s: &str) -> Result<(u32, u32), String> {
    match s.to_ascii_lowercase().as_str() {
        "480p" => return Ok((854, 480)),
        "720p" => return Ok((1280, 720)),
        "1080p" => return Ok((1920, 1080)),
        "1440p" => return Ok((2560, 1440)),
        "4k" | "2160p" => return Ok((3840, 2160)),
        _ => {}
    }
    let (w, h) = s
        .split_once(['x', 'X', '×'])
        .ok_or_else(|| format!("`{s}` is not WIDTHxHEIGHT, e.g. 1280x720"))?;
    let w: u32 = w
        .trim()
        .parse()
        .map_err(|_| format!("`{w}` is not a width"))?;
    let h: u32 = h
        .trim()
        .parse()
        .map_err(|_| format!("`{h}` is not a height"))?;
    Ok((w, h))
}
