//! The model's parameters: defaults from `shared/MODEL.md`, validation and RON loading.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How the organisation hires.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum GrowthLaw {
    /// `per_tick` hires every tick (fractions carry over to the next tick).
    Linear {
        /// Hires per tick, ≥ 0.
        per_tick: f64,
    },
    /// The head count grows by the fraction `rate` every tick.
    Exponential {
        /// Fractional growth per tick, ≥ 0 (0.004 doubles in about 174 ticks).
        rate: f64,
    },
}

impl GrowthLaw {
    /// The rate of either law (hires per tick, or fraction per tick).
    pub fn rate(&self) -> f64 {
        match *self {
            GrowthLaw::Linear { per_tick } => per_tick,
            GrowthLaw::Exponential { rate } => rate,
        }
    }

    /// The same law with another rate.
    pub fn with_rate(self, rate: f64) -> Self {
        match self {
            GrowthLaw::Linear { .. } => GrowthLaw::Linear { per_tick: rate },
            GrowthLaw::Exponential { .. } => GrowthLaw::Exponential { rate },
        }
    }
}

impl Default for GrowthLaw {
    fn default() -> Self {
        GrowthLaw::Exponential { rate: 0.004 }
    }
}

/// Everything that shapes a run, apart from the seed.
///
/// Lengths are abstract units and time is ticks. Omitted fields take their defaults,
/// so a RON file only names what it changes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    /// Employee density inside the ball, per unit volume (> 0).
    pub rho: f64,
    /// Customer density in the shell around the ball (> 0).
    pub rho_c: f64,
    /// Contact distance: agents at most `d` apart are in contact (> 0).
    pub d: f64,
    /// Thickness of the customer shell (≥ `d`); `None` means `2 d`.
    pub w: Option<f64>,
    /// Standard deviation of a random-walk step per axis (≥ 0); `None` means `0.05 d`.
    pub step_sd: Option<f64>,
    /// Head count at tick 0 (1 ..= `max_employees`).
    pub initial_employees: u32,
    /// The cap on the head count (≥ 1).
    pub max_employees: u32,
    /// How the organisation hires.
    pub growth: GrowthLaw,
}

/// The head count above which a run would no longer fit in memory comfortably.
pub const MAX_HEAD_COUNT: u32 = 20_000_000;

impl Default for Params {
    fn default() -> Self {
        Self {
            rho: 1.0,
            rho_c: 0.5,
            d: 1.42,
            w: None,
            step_sd: None,
            initial_employees: 100,
            max_employees: 5_000,
            growth: GrowthLaw::default(),
        }
    }
}

/// A parameter outside its allowed range.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("`{field}` = {value} is out of range: it must be {allowed}")]
pub struct ParamError {
    /// The field's name as it is written in a RON file.
    pub field: &'static str,
    /// The offending value, as written.
    pub value: String,
    /// The allowed range, in words.
    pub allowed: String,
}

/// Why a parameter file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not valid RON for [`Params`] (bad syntax, unknown field, wrong type).
    #[error("{path}:{line}:{col}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// What the parser said.
        message: String,
    },
    /// The file parsed, but a value is out of range.
    #[error("{path}:{line}: {source}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// The line that names the field (1 when the field was left at its default).
        line: usize,
        /// What is wrong.
        source: ParamError,
    },
}

fn out_of_range(field: &'static str, value: impl ToString, allowed: impl ToString) -> ParamError {
    ParamError {
        field,
        value: value.to_string(),
        allowed: allowed.to_string(),
    }
}

impl Params {
    /// The customer shell's thickness.
    pub fn shell_width(&self) -> f64 {
        self.w.unwrap_or(2.0 * self.d)
    }

    /// The random-walk step's standard deviation per axis.
    pub fn step(&self) -> f64 {
        self.step_sd.unwrap_or(0.05 * self.d)
    }

    /// Checks every range that `shared/MODEL.md` and the app rely on.
    pub fn validate(&self) -> Result<(), ParamError> {
        let positive = |field, v: f64| {
            if v.is_finite() && v > 0.0 {
                Ok(())
            } else {
                Err(out_of_range(field, v, "a finite number > 0"))
            }
        };
        positive("rho", self.rho)?;
        positive("rho_c", self.rho_c)?;
        positive("d", self.d)?;
        let w = self.shell_width();
        if !(w.is_finite() && w >= self.d) {
            return Err(out_of_range(
                "w",
                w,
                format!("a finite number ≥ d = {}", self.d),
            ));
        }
        let step = self.step();
        if !(step.is_finite() && step >= 0.0 && step <= self.d) {
            return Err(out_of_range(
                "step_sd",
                step,
                format!("a number in 0 ..= d = {}", self.d),
            ));
        }
        if !(1..=MAX_HEAD_COUNT).contains(&self.max_employees) {
            return Err(out_of_range(
                "max_employees",
                self.max_employees,
                format!("in 1 ..= {MAX_HEAD_COUNT}"),
            ));
        }
        if !(1..=self.max_employees).contains(&self.initial_employees) {
            return Err(out_of_range(
                "initial_employees",
                self.initial_employees,
                format!("in 1 ..= max_employees = {}", self.max_employees),
            ));
        }
        let (field, rate) = match self.growth {
            GrowthLaw::Linear { per_tick } => ("per_tick", per_tick),
            GrowthLaw::Exponential { rate } => ("rate", rate),
        };
        if !(rate.is_finite() && rate >= 0.0) {
            return Err(out_of_range(field, rate, "a finite number ≥ 0"));
        }
        Ok(())
    }

    /// Parses RON text (`name` is used in messages) and validates the result.
    pub fn from_ron_str(text: &str, name: &Path) -> Result<Self, LoadError> {
        let options = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        let params: Params = options.from_str(text).map_err(|e| LoadError::Parse {
            path: name.to_path_buf(),
            line: e.span.start.line,
            col: e.span.start.col,
            message: e.code.to_string(),
        })?;
        params.validate().map_err(|source| LoadError::Invalid {
            path: name.to_path_buf(),
            line: line_of_field(text, source.field),
            source,
        })?;
        Ok(params)
    }

    /// Reads, parses and validates a RON parameter file.
    pub fn load(path: &Path) -> Result<Self, LoadError> {
        let text = std::fs::read_to_string(path).map_err(|source| LoadError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_ron_str(&text, path)
    }

    /// The parameters as pretty RON.
    pub fn to_ron(&self) -> String {
        ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .expect("Params always serialises")
    }
}

/// The 1-based line where `field:` is written, or 1 if the file leaves it at its default.
fn line_of_field(text: &str, field: &str) -> usize {
    text.lines()
        .position(|line| {
            let line = line.trim_start();
            line.strip_prefix(field)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(1, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Params, LoadError> {
        Params::from_ron_str(text, Path::new("test.ron"))
    }

    #[test]
    fn defaults_are_valid_and_follow_the_model() {
        let p = Params::default();
        p.validate().unwrap();
        assert_eq!(p.shell_width(), 2.0 * p.d);
        assert_eq!(p.step(), 0.05 * p.d);
    }

    #[test]
    fn an_empty_file_gives_the_defaults() {
        assert_eq!(parse("()").unwrap(), Params::default());
    }

    #[test]
    fn fields_and_options_parse_without_some() {
        let p = parse("(rho: 2.0, w: 3.5, growth: Linear(per_tick: 4.0))").unwrap();
        assert_eq!(p.rho, 2.0);
        assert_eq!(p.w, Some(3.5));
        assert_eq!(p.growth, GrowthLaw::Linear { per_tick: 4.0 });
    }

    #[test]
    fn every_bad_value_names_its_field_value_and_range() {
        let cases = [
            ("(rho: 0.0)", "rho", "0"),
            ("(rho_c: -1.0)", "rho_c", "-1"),
            ("(d: 0.0)", "d", "0"),
            ("(d: 1.0, w: 0.5)", "w", "0.5"),
            ("(max_employees: 0)", "max_employees", "0"),
            ("(initial_employees: 0)", "initial_employees", "0"),
            ("(growth: Exponential(rate: -0.1))", "rate", "-0.1"),
            ("(growth: Linear(per_tick: -2.0))", "per_tick", "-2"),
        ];
        for (text, field, value) in cases {
            let err = parse(text).unwrap_err();
            let LoadError::Invalid { source, .. } = &err else {
                panic!("{text}: expected a range error, got {err}");
            };
            assert_eq!(source.field, field, "{text}");
            assert_eq!(source.value, value, "{text}");
            let msg = err.to_string();
            assert!(msg.contains(field) && msg.contains("must be"), "{msg}");
        }
    }

    #[test]
    fn a_range_error_points_at_the_line_of_its_field() {
        let err = parse("(\n  rho: 1.0,\n  d: -3.0,\n)").unwrap_err();
        assert!(err.to_string().starts_with("test.ron:3: `d` = -3"), "{err}");
    }

    #[test]
    fn malformed_ron_reports_line_and_column() {
        let err = parse("(\n  rho: 1.0,\n  d: ]\n)").unwrap_err();
        let LoadError::Parse { line, col, .. } = err else {
            panic!("expected a parse error, got {err}");
        };
        assert_eq!(line, 3);
        assert!(col > 1);
    }

    #[test]
    fn unknown_fields_are_refused_by_name() {
        let err = parse("(rho: 1.0, radius: 3.0)").unwrap_err();
        assert!(matches!(err, LoadError::Parse { .. }), "{err}");
        assert!(err.to_string().contains("radius"), "{err}");
    }

    #[test]
    fn defaults_round_trip_through_ron() {
        let p = Params::default();
        assert_eq!(parse(&p.to_ron()).unwrap(), p);
    }
}
