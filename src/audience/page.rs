//! The participants' pages, all served by bolwerk itself (no third-party scripts, fonts
//! or CDNs): the page to answer on, one HTML file with its texts filled in per
//! language, and its script and style (the script polls `/api/state` and posts to
//! `/api/answer`); and the page to take home ([`TakeHome`], made by
//! `report::take_home`), to read and to save.

use std::sync::OnceLock;

use axum::body::Bytes;
use bolwerk_model::Params;

use crate::i18n::{Arg, Lang, Msg, Texts};
use crate::look::html::fill;
use crate::report::take_home::{self, Delivery};

/// The script.
pub const SCRIPT: &str = include_str!("../../assets/audience/app.js");
/// The style.
pub const STYLE: &str = include_str!("../../assets/audience/app.css");
const TEMPLATE: &str = include_str!("../../assets/audience/page.html");

/// The page in `lang`, made once per language.
pub fn html(lang: Lang) -> &'static str {
    static PAGES: OnceLock<Vec<(Lang, String)>> = OnceLock::new();
    let pages = PAGES.get_or_init(|| Lang::all().iter().map(|&l| (l, make(l))).collect());
    pages
        .iter()
        .find(|(l, _)| *l == lang)
        .map_or(&pages[0].1, |(_, page)| page)
}

/// The page to take home, in every language, as the server hands it over: to read
/// during the session, and as one file to keep.
#[derive(Debug)]
pub struct TakeHome {
    /// Each language's page to read and page to keep, made once: a request takes a
    /// handle on them, not a copy.
    pages: Vec<(Lang, Bytes, Bytes)>,
}

impl TakeHome {
    /// The pages for a world with `params`, or why there are none (the take-home page
    /// draws the sphere's curve).
    pub fn new(params: &Params) -> Result<Self, String> {
        let pages = Lang::all()
            .iter()
            .map(|&lang| {
                Ok((
                    lang,
                    Bytes::from(take_home::page(lang, params, Delivery::Served)?),
                    Bytes::from(take_home::page(lang, params, Delivery::File)?),
                ))
            })
            .collect::<Result<_, String>>()?;
        Ok(TakeHome { pages })
    }

    /// The page to read in `lang`, served with the server's own style and script.
    pub fn served(&self, lang: Lang) -> Bytes {
        self.get(lang).1.clone()
    }

    /// The page as one file to keep, in `lang`.
    pub fn file(&self, lang: Lang) -> Bytes {
        self.get(lang).2.clone()
    }

    fn get(&self, lang: Lang) -> &(Lang, Bytes, Bytes) {
        self.pages
            .iter()
            .find(|(l, ..)| *l == lang)
            .unwrap_or(&self.pages[0])
    }
}

fn make(lang: Lang) -> String {
    let texts = Texts::new(lang);
    // Placeholders the script fills in: Fluent writes them where the language puts
    // the figure.
    let slot = |name: &str| Arg::Text(format!("{{{name}}}"));
    // The header's link: the next language (with two, the other one).
    let other = lang.next();
    let fields: [(&str, String); 49] = [
        ("lang", lang.code().to_owned()),
        ("other", other.code().to_owned()),
        ("other_name", other.native_name().to_owned()),
        ("title", texts.get(Msg::AudiencePageTitle)),
        ("code_label", texts.get(Msg::AudienceCodeLabel)),
        ("join", texts.get(Msg::AudienceJoin)),
        ("waiting", texts.get(Msg::AudienceWaiting)),
        ("percent_label", texts.get(Msg::AudiencePercentLabel)),
        ("send", texts.get(Msg::AudienceSend)),
        ("saved", texts.get(Msg::AudienceSaved)),
        ("closed", texts.get(Msg::AudienceClosed)),
        (
            "model",
            texts.fmt(Msg::AudienceModel, &[("share", slot("share"))]),
        ),
        (
            "yours",
            texts.fmt(Msg::AudienceYours, &[("answer", slot("answer"))]),
        ),
        ("wrong_code", texts.get(Msg::AudienceWrongCode)),
        ("too_many", texts.get(Msg::AudienceTooMany)),
        ("too_many_joins", texts.get(Msg::AudienceTooManyJoins)),
        ("too_many_codes", texts.get(Msg::AudienceTooManyCodes)),
        ("full", texts.get(Msg::AudienceFull)),
        ("invalid", texts.get(Msg::AudienceInvalid)),
        ("empty", texts.get(Msg::AudienceEmpty)),
        ("offline", texts.get(Msg::AudienceOffline)),
        (
            "part",
            texts.fmt(
                Msg::AudiencePart,
                &[("part", slot("part")), ("total", slot("total"))],
            ),
        ),
        ("credit", texts.get(Msg::AudienceCredit)),
        ("take_home", texts.get(Msg::AudienceTakeHome)),
        ("take_home_at", take_home::SERVED_AT.to_owned()),
        ("org_size", texts.get(Msg::AudienceOrganisationSize)),
        ("org_guess", texts.get(Msg::AudienceOrganisationGuess)),
        ("org_saved", texts.get(Msg::AudienceOrganisationSaved)),
        ("org_closed", texts.get(Msg::AudienceOrganisationClosed)),
        (
            "org_result",
            texts.fmt(
                Msg::AudienceOrganisationResult,
                &[("n", slot("n")), ("share", slot("share"))],
            ),
        ),
        // One employee reads in the singular: the number is in it already.
        (
            "org_result_one",
            texts.fmt(
                Msg::AudienceOrganisationResult,
                &[("n", 1u64.into()), ("share", slot("share"))],
            ),
        ),
        (
            "org_guessed",
            texts.fmt(
                Msg::AudienceOrganisationGuessed,
                &[("guess", slot("guess"))],
            ),
        ),
        ("org_empty", texts.get(Msg::AudienceOrganisationEmpty)),
        ("org_note", texts.get(Msg::AudienceOrganisationNote)),
        ("first_saved", texts.get(Msg::AudienceFirstSaved)),
        ("talk", texts.get(Msg::AudienceTalk)),
        (
            "you_chose",
            texts.fmt(Msg::AudienceYouChose, &[("answer", slot("answer"))]),
        ),
        ("second_round", texts.get(Msg::AudienceSecondRound)),
        (
            "second_round_first",
            texts.fmt(Msg::AudienceSecondRoundFirst, &[("first", slot("first"))]),
        ),
        (
            "feedback_right",
            texts.fmt(Msg::AudienceFeedbackRight, &[("answer", slot("answer"))]),
        ),
        (
            "feedback_other",
            texts.fmt(
                Msg::AudienceFeedbackOther,
                &[("answer", slot("answer")), ("right", slot("right"))],
            ),
        ),
        (
            "feedback_rounds",
            texts.fmt(Msg::AudienceFeedbackRounds, &[("first", slot("first"))]),
        ),
        ("sketch_help", texts.get(Msg::AudienceSketchHelp)),
        ("sketch_label", texts.get(Msg::AudienceSketchLabel)),
        ("sketch_empty", texts.get(Msg::AudienceSketchEmpty)),
        (
            "sketch_result",
            texts.fmt(
                Msg::AudienceSketchResult,
                &[
                    ("n", slot("n")),
                    ("counted", slot("counted")),
                    ("yours", slot("yours")),
                ],
            ),
        ),
        ("sketch_yours", texts.get(Msg::AudienceSketchYours)),
        ("sketch_count", texts.get(Msg::AudienceSketchCount)),
        ("axis_employees", texts.get(Msg::PlotAxisEmployees)),
    ];
    fill(TEMPLATE, &fields, &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_placeholder_is_filled_in_both_languages() {
        for &lang in Lang::all() {
            let page = html(lang);
            assert!(!page.contains("{{"), "{lang:?}: {page}");
            assert!(page.contains(&format!("<html lang=\"{}\">", lang.code())));
            // The script's own slots survive, for it to fill.
            assert!(
                page.contains("{share}") && page.contains("{part}"),
                "{page}"
            );
        }
        assert!(html(Lang::NL).contains("sessiecode"));
        assert!(html(Lang::EN).contains("session code"));
        // One employee reads in the singular.
        assert!(html(Lang::EN).contains("stands at 1 employee. "));
        assert!(html(Lang::NL).contains("bij 1 medewerker. "));
    }

    #[test]
    fn the_page_loads_nothing_from_elsewhere_and_runs_no_inline_code() {
        let page = html(Lang::EN);
        for far in [
            "http://", "https://", "//cdn", "<script>", "onclick=", "onload=", "onerror=",
        ] {
            assert!(!page.contains(far), "{far}");
        }
        assert!(page.contains("<script src=\"/app.js\" defer></script>"));
        for bad in ["http://", "https://", "eval(", "innerHTML"] {
            assert!(!SCRIPT.contains(bad), "{bad}");
        }
    }
}
