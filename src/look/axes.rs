//! How an axis labels its ticks, in the units a room knows (employees, percent), in a
//! language's notation: the panel's plots and the report's plots label them alike.

use crate::i18n::{Lang, format_short};

/// What an axis counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Employees: `1,000` (`1.000` in Dutch).
    Employees,
    /// A percentage: `5%`, `0.5%` (`0,5%`).
    Percent,
}

/// An axis's label at real value `value`, in `lang`'s notation.
pub fn tick_label(lang: Lang, unit: Unit, value: f64) -> String {
    // Round away the last bits a log axis leaves (10^log₁₀(2000) is 1999.9999…).
    let value = (value * 1e4).round() / 1e4;
    match unit {
        Unit::Employees => format_short(lang, value),
        Unit::Percent => format!("{}%", format_short(lang, value)),
    }
}
