//! Refusals and notices in words, in the panel's language.

use bolwerk_model::params::{in_byte_units, power_of_ten, superscript};
use bolwerk_model::{Allowed, ParamError, Problem};

use crate::i18n::{Arg, Lang, Msg, Texts, format_num};
use crate::sim::Notice;

/// The range a parameter must lie in, in words.
pub(super) fn allowed_text(texts: &Texts, allowed: Allowed) -> String {
    match allowed {
        Allowed::Positive => texts.get(Msg::AllowedPositive),
        Allowed::NonNegative => texts.get(Msg::AllowedNonNegative),
        Allowed::AtLeastD(d) => texts.fmt(Msg::AllowedAtLeastD, &[("d", Arg::Num(d, 2))]),
        Allowed::UpToD(d) => texts.fmt(Msg::AllowedUpToD, &[("d", Arg::Num(d, 2))]),
        Allowed::HeadCount(max) => texts.fmt(Msg::AllowedEmployees, &[("max", max.into())]),
        Allowed::UpToCap(cap) => texts.fmt(Msg::AllowedUpToCap, &[("cap", cap.into())]),
        Allowed::AtLeastTwoD(d) => texts.fmt(Msg::AllowedAtLeast2d, &[("d", Arg::Num(2.0 * d, 2))]),
        Allowed::Fraction => texts.get(Msg::AllowedFraction),
        Allowed::NoneForCells => texts.get(Msg::AllowedNoneForCells),
        Allowed::Window(max) => texts.fmt(Msg::AllowedWindow, &[("max", max.into())]),
        Allowed::AboveZeroUpToD(d) => {
            texts.fmt(Msg::AllowedAboveZeroUpToD, &[("d", Arg::Num(d, 2))])
        }
        Allowed::Count(max) => texts.fmt(Msg::AllowedCount, &[("max", max.into())]),
        Allowed::ReachUnlessSphere => texts.get(Msg::AllowedReachUnlessSphere),
    }
}

/// A refused parameter, in words.
pub fn param_error_text(texts: &Texts, e: &ParamError) -> String {
    let field = ("field", Arg::from(e.field));
    let value = ("value", Arg::from(as_written(texts.lang, &e.value)));
    match &e.problem {
        Problem::OutOfRange { allowed } => texts.fmt(
            Msg::ParamOutOfRange,
            &[
                field,
                value,
                ("allowed", allowed_text(texts, *allowed).into()),
            ],
        ),
        Problem::TooLarge(excess) => {
            let fp = excess.footprint;
            let cap = ("cap", Arg::from(excess.cap));
            // Past any number (a density of 1e300, say): said in words, not as a figure.
            if excess.too_many_agents() && !fp.agents().is_finite() {
                texts.fmt(Msg::ParamTooManyAgentsToCount, &[field, value, cap])
            } else if !excess.too_many_agents() && !fp.contacts.is_finite() {
                texts.fmt(Msg::ParamTooManyContactsToCount, &[field, value, cap])
            } else if excess.too_many_agents() {
                texts.fmt(
                    Msg::ParamTooManyAgents,
                    &[
                        field,
                        value,
                        cap,
                        ("agents", about(texts, fp.agents()).into()),
                        ("memory", about_bytes(texts, fp.bytes()).into()),
                    ],
                )
            } else {
                texts.fmt(
                    Msg::ParamTooManyContacts,
                    &[
                        field,
                        value,
                        cap,
                        ("contacts", about(texts, fp.contacts).into()),
                    ],
                )
            }
        }
    }
}

/// A value as the user wrote it, with the language's decimal mark if it is a plain
/// decimal number (`0.05` reads `0,05` in Dutch); anything else as it is.
fn as_written(lang: Lang, value: &str) -> String {
    let plain = !value.is_empty()
        && value
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
        && value.parse::<f64>().is_ok();
    if plain {
        value.replace('.', &lang.decimal_mark().to_string())
    } else {
        value.to_string()
    }
}

/// A large count in words: `3,140` or `2.1 × 10¹²`, in the language's notation; `∞`
/// past any number (the messages that could meet one say it in words instead).
pub fn about(texts: &Texts, x: f64) -> String {
    if !x.is_finite() {
        return "∞".into();
    }
    if x < 1e6 {
        return texts.int(x.round() as u64);
    }
    let (mantissa, exp) = power_of_ten(x);
    format!("{} × 10{}", texts.num(mantissa, 1), superscript(exp))
}

/// A size in bytes in words (`5.0 GB`, `5,0 GB`); `∞` past any number.
pub fn about_bytes(texts: &Texts, bytes: f64) -> String {
    if !bytes.is_finite() {
        return "∞".into();
    }
    match in_byte_units(bytes) {
        (v, unit) if v >= 1000.0 => format!("{} {unit}", about(texts, v)),
        (v, unit) => format!("{} {unit}", format_num(texts.lang, v, 1)),
    }
}

/// A notice, in words.
pub fn notice_text(texts: &Texts, notice: &Notice) -> String {
    match notice {
        Notice::NotApplied(e) => texts.fmt(
            Msg::NoticeNotApplied,
            &[("reason", param_error_text(texts, e).into())],
        ),
        Notice::CannotStart(e) => texts.fmt(
            Msg::NoticeCannotStart,
            &[("reason", param_error_text(texts, e).into())],
        ),
        Notice::LineCapLowered { asked, max } => texts.fmt(
            Msg::NoticeLineCap,
            &[("asked", (*asked).into()), ("max", (*max).into())],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Large numbers in notices follow the language: separators and the power of ten.
    #[test]
    fn notices_write_large_numbers_in_the_language() {
        let mut texts = Texts::new(Lang::NL);
        assert_eq!(about(&texts, 3140.0), "3.140");
        assert_eq!(about(&texts, 2.1e12), "2,1 × 10¹²");
        assert_eq!(about_bytes(&texts, 5.0e9), "5,0 GB");
        assert_eq!(about(&texts, 9.96e6), "1,0 × 10⁷");
        assert_eq!(about_bytes(&texts, 999_950.0), "1,0 MB");
        assert_eq!(as_written(texts.lang, "0.05"), "0,05");
        assert_eq!(as_written(texts.lang, "1e300"), "1e300");
        texts.lang = Lang::EN;
        assert_eq!(about(&texts, 2.1e12), "2.1 × 10¹²");
        assert_eq!(about_bytes(&texts, 5.0e9), "5.0 GB");
    }
}
