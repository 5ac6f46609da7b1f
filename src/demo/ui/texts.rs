//! Refusals and notices in words, in the panel's language.

use bolwerk_model::{Allowed, ParamError, Problem};

use crate::i18n::{Arg, Msg, Texts};
use crate::sim::Notice;

/// The range a parameter must lie in, in words.
pub(super) fn allowed_text(texts: &Texts, allowed: Allowed) -> String {
    match allowed {
        Allowed::Positive => texts.get(Msg::AllowedPositive),
        Allowed::NonNegative => texts.get(Msg::AllowedNonNegative),
        Allowed::AtLeastD(d) => texts.fmt(Msg::AllowedAtLeastD, &[("d", Arg::Num(d, 2))]),
        Allowed::UpToD(d) => texts.fmt(Msg::AllowedUpToD, &[("d", Arg::Num(d, 2))]),
        Allowed::HeadCount(max) => texts.fmt(Msg::AllowedHeadCount, &[("max", max.into())]),
        Allowed::UpToCap(cap) => texts.fmt(Msg::AllowedUpToCap, &[("cap", cap.into())]),
        Allowed::AtLeastTwoD(d) => texts.fmt(Msg::AllowedAtLeast2d, &[("d", Arg::Num(2.0 * d, 2))]),
        Allowed::Fraction => texts.get(Msg::AllowedFraction),
        Allowed::NoneForCells => texts.get(Msg::AllowedNoneForCells),
        Allowed::Window(max) => texts.fmt(Msg::AllowedWindow, &[("max", max.into())]),
    }
}

/// A refused parameter, in words.
pub fn param_error_text(texts: &Texts, e: &ParamError) -> String {
    let field = ("field", Arg::from(e.field));
    let value = ("value", Arg::from(e.value.clone()));
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
            if excess.too_many_agents() {
                texts.fmt(
                    Msg::ParamTooManyAgents,
                    &[
                        field,
                        value,
                        cap,
                        ("agents", bolwerk_model::params::about(fp.agents()).into()),
                        (
                            "memory",
                            bolwerk_model::params::about_bytes(fp.bytes()).into(),
                        ),
                    ],
                )
            } else {
                texts.fmt(
                    Msg::ParamTooManyContacts,
                    &[
                        field,
                        value,
                        cap,
                        ("contacts", bolwerk_model::params::about(fp.contacts).into()),
                    ],
                )
            }
        }
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
