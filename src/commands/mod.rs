//! The subcommands. Each module holds one command's options and its `run`; they use
//! the library (simulation, scene, recorder) and never each other, nor the command line.

pub mod check;
pub mod crash_card;
pub mod debrief;
pub mod demo;
pub mod handout;
pub mod new;
pub mod page;
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

/// A shape `--shape` names: a what-if that is a shape of its own
/// ([`WhatIf::alone`](crate::whatif::WhatIf::alone)), by its name on the command line.
#[derive(Debug, Clone, Copy)]
pub struct ShapeName(CompareKind);

impl ValueEnum for ShapeName {
    fn value_variants<'a>() -> &'a [Self] {
        static ALL: std::sync::LazyLock<Vec<ShapeName>> = std::sync::LazyLock::new(|| {
            CompareKind::all()
                .filter(|k| k.alone.is_some())
                .map(ShapeName)
                .collect()
        });
        &ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        self.0.to_possible_value()
    }
}

impl ShapeName {
    /// The shape at its own defaults, from the contact distance `d`.
    fn at_defaults(self, d: f64) -> Shape {
        self.0.alone.map_or(Shape::Sphere, |shape| shape(d))
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
    /// The organisation's shape: the sphere, or a what-if (a disc as thick as `--t`, or
    /// cells that split at `--r-max`).
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
        if let Some(name) = self.shape {
            let named = name.at_defaults(d);
            if std::mem::discriminant(&named) != std::mem::discriminant(&params.shape) {
                params.shape = named;
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `--shape` offers every what-if that is a shape of its own, by its name on the
    /// command line, at its defaults; a file's shape of the same name keeps its own
    /// parameters, and `--t` or `--r-max` then set them.
    #[test]
    fn the_shape_named_on_the_command_line_comes_from_the_what_ifs() {
        let names: Vec<_> = ShapeName::value_variants()
            .iter()
            .filter_map(|n| n.to_possible_value())
            .map(|v| v.get_name().to_owned())
            .collect();
        assert_eq!(names, ["sphere", "disc", "cells"]);
        assert!(ShapeName::from_str("rotation", false).is_err());

        let d = Params::default().d;
        let dir = std::env::temp_dir().join(format!("bolwerk-shape-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let with = |name: &str, file: Option<Shape>, t: Option<f64>| {
            let params = file.map(|shape| {
                let path = dir.join(format!("{name}.ron"));
                let ron = ron::to_string(&Params {
                    shape,
                    ..Params::default()
                })
                .unwrap();
                std::fs::write(&path, ron).unwrap();
                path
            });
            let args = ModelArgs {
                params,
                shape: Some(ShapeName::from_str(name, false).unwrap()),
                t,
                ..ModelArgs::default()
            };
            args.load().unwrap().shape
        };
        assert_eq!(with("sphere", None, None), Shape::Sphere);
        assert_eq!(with("disc", None, None), Shape::default_disc(d));
        assert_eq!(with("cells", None, None), Shape::default_cells(d));
        assert_eq!(with("disc", None, Some(6.0)), Shape::Disc { t: 6.0 });
        let thin = Shape::Disc { t: 2.5 * d };
        assert_eq!(with("disc", Some(thin), None), thin);
        assert_eq!(with("cells", Some(thin), None), Shape::default_cells(d));
        assert_eq!(with("sphere", Some(thin), None), Shape::Sphere);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
