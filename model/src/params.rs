//! The model's parameters: defaults from `docs/MODEL.md`, validation and RON loading.
//!
//! Validation checks each value's range, then what the set implies at the head-count
//! cap (employees, customers, contacts per frame and memory), before anything is
//! allocated: a value that would exhaust memory or time is refused with an estimate.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::organisation::Geometry;

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

    /// The head count after one tick from `n`, capped at `cap`: the tick's hires are
    /// added to `carry`, whole hires taken from it, and the fraction left carries over.
    /// The organisation hires by this ([`crate::organisation::Organisation::advance`]);
    /// a session's timing is foreseen by it.
    pub fn tick(&self, n: u32, cap: u32, carry: &mut f64) -> u32 {
        if n >= cap {
            *carry = 0.0;
            return n;
        }
        *carry += match *self {
            GrowthLaw::Linear { per_tick } => per_tick,
            GrowthLaw::Exponential { rate } => f64::from(n) * rate,
        };
        let hires = carry.floor().min(f64::from(cap - n));
        *carry -= hires;
        n + hires as u32
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

/// The shape of the organisation: the sphere of the argument, or a what-if. Each
/// shape's rules (growth, walk, expectations, validation, footprint) live in a file of
/// its own under `organisation/`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Shape {
    /// A ball that grows by accretion, its customers in a shell around it.
    #[default]
    Sphere,
    /// A flat organisation: a slab of thickness `t` that grows sideways, customers in
    /// layers on both faces and around the rim.
    Disc {
        /// The slab's thickness (≥ 2 d).
        t: f64,
    },
    /// A cellular organisation: units that split in two when they pass radius `r_max`,
    /// each a ball with its own customer shell, standing apart.
    Cells {
        /// The radius at which a unit splits (≥ 2 d).
        r_max: f64,
    },
}

/// How colleagues come into contact: the essay's hard reach, or a what-if of bolwerk's
/// own. Customers are met by the hard reach under every rule but the fade, which fades
/// both kinds alike. How each rule is counted, and what its count should come to, lives
/// in `rules/`, one file per rule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Rule {
    /// Any two within the contact distance `d` are in contact (the essay's model).
    #[default]
    Reach,
    /// Every employee is in contact with every colleague (Brooks's n(n−1)/2 channels);
    /// customers are still met within `d`, at the surface.
    Everyone,
    /// Two at distance `r` are in contact with chance `exp(−r / length)`, colleagues and
    /// customers alike; a frame counts the expected number of contacts.
    Fade {
        /// The distance over which the chance falls by a factor e (> 0, ≤ d).
        length: f64,
    },
    /// Each employee keeps at most `k` of the colleagues within `d`; a relation that only
    /// one side keeps counts as half a contact. Customers are not capped.
    Cap {
        /// The most colleague relations one employee keeps (1 ..= 1000).
        k: u32,
    },
}

/// The largest cap on colleague relations.
pub const MAX_CAP: u32 = 1000;

/// A disc's thickness where none is given (the command line's `--shape disc`), in
/// contact distances `d`.
pub const DISC_T_IN_D: f64 = 4.0;

/// The radius at which a cell splits where none is given (the command line's
/// `--shape cells`, the comparison view), in contact distances `d`.
pub const CELLS_R_MAX_IN_D: f64 = 5.0;

impl Shape {
    /// A disc of the default thickness for contact distance `d`.
    pub fn default_disc(d: f64) -> Self {
        Shape::Disc { t: DISC_T_IN_D * d }
    }

    /// Cells that split at the default radius for contact distance `d`.
    pub fn default_cells(d: f64) -> Self {
        Shape::Cells {
            r_max: CELLS_R_MAX_IN_D * d,
        }
    }

    /// The shape's name as a RON file writes it.
    pub fn name(&self) -> &'static str {
        Geometry::new(*self).name()
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
    /// The organisation's shape.
    pub shape: Shape,
    /// Rotation: the fraction of employees (0 ..= 1) that swap places with a randomly
    /// chosen colleague each tick.
    pub rotation: f64,
    /// Reach counts the employees with a customer contact in the last this many ticks.
    pub reach_window: u32,
    /// How colleagues come into contact.
    pub rule: Rule,
}

/// The head count above which a run would no longer fit in memory comfortably.
pub const MAX_HEAD_COUNT: u32 = 20_000_000;

/// The most agents, employees and customers together, that one run may hold at its cap.
/// The counting grid allocates at most 8 cells per agent (it widens its cells rather
/// than allocate more), so this bounds the grid too.
pub const MAX_AGENTS: f64 = 25_000_000.0;

/// The most contacts one frame may be expected to hold at the cap: beyond this, counting
/// them every frame would take seconds (the default organisation at 1M employees has
/// about 6 million).
pub const MAX_CONTACTS: f64 = 5e8;

/// The longest reach window, in ticks.
pub const MAX_REACH_WINDOW: u32 = 1_000_000;

/// Memory per agent for the estimate in messages, with room to spare: a headless run
/// peaks at 90–96 bytes per agent (BENCHMARKS.md, “Scale: the whole tick and memory at
/// 1M employees”), and a window or a recording draws each agent as well.
pub const BYTES_PER_AGENT: f64 = 200.0;

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
            shape: Shape::Sphere,
            rotation: 0.0,
            reach_window: 64,
            rule: Rule::Reach,
        }
    }
}

/// A parameter that cannot be used: out of its range, or too large for what it implies.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("`{field}` = {value} {problem}")]
pub struct ParamError {
    /// The field's name as it is written in a RON file.
    pub field: &'static str,
    /// The offending value, as written.
    pub value: String,
    /// What is wrong with it.
    pub problem: Problem,
}

/// What is wrong with a parameter. The messages are English; the app translates the
/// structured parts itself.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Problem {
    /// Outside the range the model allows.
    #[error("is out of range: it must be {allowed}")]
    OutOfRange {
        /// The allowed range.
        allowed: Allowed,
    },
    /// In range, but together with the other values the run would not fit in memory or
    /// could not be counted every frame.
    #[error("is too large: {0}")]
    TooLarge(Excess),
}

/// The range a parameter must lie in.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
pub enum Allowed {
    /// A finite number above 0.
    #[error("a finite number > 0")]
    Positive,
    /// A finite number of at least 0.
    #[error("a finite number ≥ 0")]
    NonNegative,
    /// At least the contact distance, which is given.
    #[error("a finite number ≥ d = {0}")]
    AtLeastD(f64),
    /// From 0 to the contact distance, which is given.
    #[error("a number in 0 ..= d = {0}")]
    UpToD(f64),
    /// A head count from 1 to the largest allowed.
    #[error("in 1 ..= {0}")]
    HeadCount(u32),
    /// From 1 to the cap, which is given.
    #[error("in 1 ..= max_employees = {0}")]
    UpToCap(u32),
    /// At least twice the contact distance, which is given.
    #[error("a finite number ≥ 2 d = {}", .0 * 2.0)]
    AtLeastTwoD(f64),
    /// A fraction, 0 to 1.
    #[error("a number in 0 ..= 1")]
    Fraction,
    /// 0: cells do not rotate (a swap would move an employee into another unit).
    #[error("0 for cells (a swap would move an employee into another unit)")]
    NoneForCells,
    /// A number of ticks from 1 to the largest allowed.
    #[error("in 1 ..= {0} ticks")]
    Window(u32),
    /// A number above 0 and at most the contact distance, which is given.
    #[error("a number in 0 <.. d = {0}")]
    AboveZeroUpToD(f64),
    /// A whole number from 1 to the largest allowed.
    #[error("in 1 ..= {0}")]
    Count(u32),
    /// Only for the sphere: the rule's expectations are the sphere's.
    #[error(
        "Reach unless the shape is the Sphere (a rule's expectation is worked out for the sphere)"
    )]
    ReachUnlessSphere,
}

/// What a parameter set that is too large implies at its cap.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Excess {
    /// The head-count cap the estimate is for.
    pub cap: u32,
    /// Whether the named field is the cap itself.
    pub at_cap: bool,
    /// What the run would need.
    pub footprint: Footprint,
}

impl Excess {
    /// Whether the run would hold too many agents (else: too many contacts).
    pub fn too_many_agents(&self) -> bool {
        self.footprint.agents() > MAX_AGENTS
    }
}

impl std::fmt::Display for Excess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let fp = &self.footprint;
        if self.at_cap {
            write!(f, "at that cap")?;
        } else {
            write!(f, "with max_employees = {}", self.cap)?;
        }
        // Past any number (a density of 1e300, say), the count is said in words.
        if self.too_many_agents() && !fp.agents().is_finite() {
            write!(
                f,
                " it implies more employees and customers than can be counted; a run holds \
                 at most {} employees and customers (about {})",
                about(MAX_AGENTS),
                about_bytes(MAX_AGENTS * BYTES_PER_AGENT),
            )
        } else if self.too_many_agents() {
            write!(
                f,
                " it implies about {} customers, {} employees and customers in all, which \
                 would need about {} of memory; a run holds at most {} employees and \
                 customers (about {})",
                about(fp.customers),
                about(fp.agents()),
                about_bytes(fp.bytes()),
                about(MAX_AGENTS),
                about_bytes(MAX_AGENTS * BYTES_PER_AGENT),
            )
        } else if !fp.contacts.is_finite() {
            write!(
                f,
                " it implies more contacts than can be counted; a run counts at most {}",
                about(MAX_CONTACTS),
            )
        } else {
            write!(
                f,
                " it implies about {} contacts to count every frame; a run counts at most {}",
                about(fp.contacts),
                about(MAX_CONTACTS),
            )
        }
    }
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

/// `field` = `value` out of its range, `allowed`.
pub(crate) fn out_of_range(
    field: &'static str,
    value: impl ToString,
    allowed: Allowed,
) -> ParamError {
    ParamError {
        field,
        value: value.to_string(),
        problem: Problem::OutOfRange { allowed },
    }
}

/// Refuses a shape's length `value` (its field `field`) unless it is a number of at
/// least two contact distances `d`: the disc's thickness, the cells' split radius.
pub(crate) fn at_least_two_d(field: &'static str, value: f64, d: f64) -> Result<(), ParamError> {
    if value.is_finite() && value >= 2.0 * d {
        Ok(())
    } else {
        Err(out_of_range(field, value, Allowed::AtLeastTwoD(d)))
    }
}

/// What a parameter set implies at its head-count cap.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Footprint {
    /// Employees at the cap.
    pub employees: f64,
    /// Customers in the shell at the cap.
    pub customers: f64,
    /// Expected contacts per frame at the cap, internal and customer.
    pub contacts: f64,
}

impl Footprint {
    /// Employees and customers together.
    pub fn agents(&self) -> f64 {
        self.employees + self.customers
    }

    /// The memory the run would need at its peak, in bytes (an estimate).
    pub fn bytes(&self) -> f64 {
        self.agents() * BYTES_PER_AGENT
    }

    /// Whether the run fits: agents and contacts within [`MAX_AGENTS`] and [`MAX_CONTACTS`].
    pub fn fits(&self) -> bool {
        self.agents() <= MAX_AGENTS && self.contacts <= MAX_CONTACTS
    }
}

/// A large count in words: `3 140`, `2.1 × 10¹²`; `∞` past any number (the messages
/// that could meet one say it in words instead).
pub fn about(x: f64) -> String {
    if !x.is_finite() {
        return "∞".into();
    }
    if x < 1e6 {
        return format!("{x:.0}");
    }
    let (mantissa, exp) = power_of_ten(x);
    format!("{mantissa:.1} × 10{}", superscript(exp))
}

/// A positive number as a mantissa and a power of ten, `x = mantissa × 10^exp`, such
/// that the mantissa written with one decimal reads 1.0 to 9.9: 9.96e6 is `(0.996, 7)`,
/// written `1.0 × 10⁷`, never `10.0 × 10⁶`.
pub fn power_of_ten(x: f64) -> (f64, i32) {
    let mut exp = x.log10().floor() as i32;
    let mut mantissa = x / 10f64.powi(exp);
    if mantissa >= 9.95 {
        exp += 1;
        mantissa /= 10.0;
    }
    (mantissa, exp)
}

/// An exponent in superscript digits: `12` is `¹²`.
pub fn superscript(exp: i32) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    exp.to_string()
        .bytes()
        .map(|b| match b {
            b'-' => '⁻',
            _ => DIGITS[usize::from(b - b'0')],
        })
        .collect()
}

/// A size in bytes in the largest unit that keeps it under 1000 when written with one
/// decimal (999,950 bytes is 1.0 MB, not 1000.0 kB); beyond exabytes, in exabytes.
pub fn in_byte_units(b: f64) -> (f64, &'static str) {
    const UNITS: [&str; 7] = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];
    let mut v = b;
    let mut unit = 0;
    while v >= 999.95 && unit + 1 < UNITS.len() {
        v /= 1000.0;
        unit += 1;
    }
    (v, UNITS[unit])
}

/// Bytes in words: `420 TB`, `5.0 GB`.
pub fn about_bytes(b: f64) -> String {
    if !b.is_finite() {
        return "∞".into();
    }
    match in_byte_units(b) {
        (v, unit) if v >= 1000.0 => format!("{} {unit}", about(v)),
        (v, unit) => format!("{v:.1} {unit}"),
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

    /// Checks every range that `docs/MODEL.md` and the app rely on, then the footprint.
    pub fn validate(&self) -> Result<(), ParamError> {
        let positive = |field, v: f64| {
            if v.is_finite() && v > 0.0 {
                Ok(())
            } else {
                Err(out_of_range(field, v, Allowed::Positive))
            }
        };
        positive("rho", self.rho)?;
        positive("rho_c", self.rho_c)?;
        positive("d", self.d)?;
        let w = self.shell_width();
        if !(w.is_finite() && w >= self.d) {
            return Err(out_of_range("w", w, Allowed::AtLeastD(self.d)));
        }
        let step = self.step();
        if !(step.is_finite() && step >= 0.0 && step <= self.d) {
            return Err(out_of_range("step_sd", step, Allowed::UpToD(self.d)));
        }
        if !(1..=MAX_HEAD_COUNT).contains(&self.max_employees) {
            return Err(out_of_range(
                "max_employees",
                self.max_employees,
                Allowed::HeadCount(MAX_HEAD_COUNT),
            ));
        }
        if !(1..=self.max_employees).contains(&self.initial_employees) {
            return Err(out_of_range(
                "initial_employees",
                self.initial_employees,
                Allowed::UpToCap(self.max_employees),
            ));
        }
        let (field, rate) = match self.growth {
            GrowthLaw::Linear { per_tick } => ("per_tick", per_tick),
            GrowthLaw::Exponential { rate } => ("rate", rate),
        };
        if !(rate.is_finite() && rate >= 0.0) {
            return Err(out_of_range(field, rate, Allowed::NonNegative));
        }
        let shape = Geometry::new(self.shape);
        shape.validate(self)?;
        if !(0.0..=1.0).contains(&self.rotation) {
            return Err(out_of_range("rotation", self.rotation, Allowed::Fraction));
        }
        if self.rotation > 0.0 && !shape.rotates() {
            return Err(out_of_range(
                "rotation",
                self.rotation,
                Allowed::NoneForCells,
            ));
        }
        if !(1..=MAX_REACH_WINDOW).contains(&self.reach_window) {
            return Err(out_of_range(
                "reach_window",
                self.reach_window,
                Allowed::Window(MAX_REACH_WINDOW),
            ));
        }
        crate::rules::validate(self)?;
        self.check_footprint()
    }

    /// Why a run that waits for `n` employees would never end, or `None` when it ends.
    /// The text follows the number, e.g. "--until-employees 500 is above the cap, …".
    pub fn unreachable(&self, n: u32) -> Option<String> {
        if n == 0 {
            Some("is no organisation: the target is at least 1 employee".to_string())
        } else if n > self.max_employees {
            Some(format!(
                "is above the cap, max_employees = {}",
                self.max_employees
            ))
        } else if n > self.initial_employees && self.growth.rate() <= 0.0 {
            Some("is never reached: the growth rate is 0".to_string())
        } else {
            None
        }
    }

    /// What this parameter set implies at its cap. Values that overflow give infinities.
    pub fn footprint(&self) -> Footprint {
        let n = f64::from(self.max_employees);
        let (customers, contacts) = Geometry::new(self.shape).footprint(self);
        let contacts = crate::rules::footprint(self, contacts);
        Footprint {
            employees: n,
            customers,
            contacts: if contacts.is_nan() {
                f64::INFINITY
            } else {
                contacts
            },
        }
    }

    /// Refuses a set whose footprint does not fit, naming the field that, put back to its
    /// default, shrinks the footprint most.
    fn check_footprint(&self) -> Result<(), ParamError> {
        let fp = self.footprint();
        if fp.fits() {
            return Ok(());
        }
        let base = Params::default();
        let candidates: [(&'static str, String, Params); 6] = [
            (
                "rho",
                self.rho.to_string(),
                Params {
                    rho: base.rho,
                    ..self.clone()
                },
            ),
            (
                "rho_c",
                self.rho_c.to_string(),
                Params {
                    rho_c: base.rho_c,
                    ..self.clone()
                },
            ),
            (
                "d",
                self.d.to_string(),
                Params {
                    d: base.d,
                    ..self.clone()
                },
            ),
            (
                "w",
                self.shell_width().to_string(),
                Params {
                    w: None,
                    ..self.clone()
                },
            ),
            (
                "max_employees",
                self.max_employees.to_string(),
                Params {
                    max_employees: base.max_employees,
                    ..self.clone()
                },
            ),
            (
                "rule",
                crate::rules::rule_name(self.rule).to_string(),
                Params {
                    rule: base.rule,
                    ..self.clone()
                },
            ),
        ];
        let size = |f: &Footprint| (f.agents() / MAX_AGENTS).max(f.contacts / MAX_CONTACTS);
        let (field, value, _) = candidates
            .into_iter()
            .map(|(field, value, p)| (field, value, size(&p.footprint())))
            .min_by(|a, b| a.2.total_cmp(&b.2))
            .expect("six candidates");
        Err(ParamError {
            field,
            value,
            problem: Problem::TooLarge(Excess {
                cap: self.max_employees,
                at_cap: field == "max_employees",
                footprint: fp,
            }),
        })
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
    fn head_counts_beyond_reach_are_named() {
        let p = Params::default();
        assert_eq!(p.unreachable(p.initial_employees), None);
        assert_eq!(p.unreachable(p.max_employees), None);
        let above = p.unreachable(p.max_employees + 1).unwrap();
        assert!(above.contains("above the cap"), "{above}");
        let still = Params {
            growth: p.growth.with_rate(0.0),
            ..p.clone()
        };
        assert_eq!(still.unreachable(p.initial_employees), None);
        let never = still.unreachable(p.initial_employees + 1).unwrap();
        assert!(never.contains("growth rate is 0"), "{never}");
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
            assert!(
                matches!(source.problem, Problem::OutOfRange { .. }),
                "{err}"
            );
            let msg = err.to_string();
            assert!(msg.contains(field) && msg.contains("must be"), "{msg}");
        }
    }

    #[test]
    fn values_that_would_exhaust_memory_or_time_are_refused_with_an_estimate() {
        let cases = [
            // From the issue: each once aborted with a 51 GB allocation or ran for minutes.
            ("(w: 10000.0)", "w", "10¹²"),
            ("(d: 1e30)", "d", "memory"),
            ("(rho: 1e-12)", "rho", "memory"),
            ("(rho_c: 1000000.0)", "rho_c", "memory"),
            // And more of the same kind.
            (
                "(w: 1e300)",
                "w",
                "more employees and customers than can be counted",
            ),
            ("(d: 60.0)", "d", "contacts to count every frame"),
            ("(rho: 1e-300)", "rho", "memory"),
            (
                "(max_employees: 20000000, rho_c: 30.0)",
                "max_employees",
                "memory",
            ),
            (
                "(max_employees: 20000000, d: 5.0)",
                "max_employees",
                "at that cap it implies",
            ),
            (
                "(rho: 4000.0, max_employees: 1000000)",
                "max_employees",
                "contacts",
            ),
        ];
        for (text, field, says) in cases {
            let err = parse(text).unwrap_err();
            let LoadError::Invalid { source, .. } = &err else {
                panic!("{text}: expected a refusal, got {err}");
            };
            assert_eq!(source.field, field, "{text}: {err}");
            assert!(matches!(source.problem, Problem::TooLarge(_)), "{err}");
            let msg = err.to_string();
            assert!(
                msg.contains(says) && msg.contains("too large"),
                "{text}: {msg}"
            );
            assert!(!msg.contains('\n'), "{msg}");
        }
        // The estimate for the example: about 2 × 10¹² customers.
        let wide = parse("(w: 10000.0)").unwrap_err().to_string();
        assert!(wide.contains("2.1 × 10¹² customers"), "{wide}");
    }

    #[test]
    fn the_footprint_of_the_defaults_and_the_largest_allowed_runs_fit() {
        let fp = Params::default().footprint();
        assert_eq!(fp.employees, 5_000.0);
        // R ≈ 10.6, w = 2.84: about 2 600 customers, and about 6 contacts per employee.
        assert!((2_400.0..2_800.0).contains(&fp.customers), "{fp:?}");
        assert!((25_000.0..31_000.0).contains(&fp.contacts), "{fp:?}");
        for text in [
            "(max_employees: 20000000)",
            "(rho_c: 4.0, d: 3.0, max_employees: 200000)",
        ] {
            parse(text).unwrap();
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
    fn every_shape_is_named_as_a_ron_file_writes_it() {
        let d = Params::default().d;
        for shape in [
            Shape::Sphere,
            Shape::default_disc(d),
            Shape::default_cells(d),
        ] {
            let ron = ron::to_string(&shape).unwrap();
            assert_eq!(ron.split('(').next(), Some(shape.name()), "{ron}");
        }
    }

    #[test]
    fn defaults_round_trip_through_ron() {
        let p = Params::default();
        assert_eq!(parse(&p.to_ron()).unwrap(), p);
    }
}
