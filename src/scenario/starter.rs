//! A small session to start from (`bolwerk new`): three parts that run as they are,
//! an opening, growth as a question, and a close, in the languages asked for, with a
//! comment on every field a trainer changes first.

use crate::i18n::Lang;

/// One text of the starting session, in each language bolwerk has.
struct Words {
    en: &'static str,
    nl: &'static str,
}

impl Words {
    fn get(&self, lang: Lang) -> &'static str {
        if lang == Lang::NL { self.nl } else { self.en }
    }
}

const TITLE: Words = Words {
    en: "Our session",
    nl: "Onze sessie",
};

/// The parts' captions: a title and its sentences.
const CAPTIONS: [(Words, &[Words]); 3] = [
    (
        Words {
            en: "Where we start",
            nl: "Waar we beginnen",
        },
        &[Words {
            en: "Eighty employees: most of them work near the edge, where the customers are.",
            nl: "Tachtig medewerkers: de meesten werken dicht bij de rand, waar de klanten zijn.",
        }],
    ),
    (
        Words {
            en: "Growth",
            nl: "Groei",
        },
        &[
            Words {
                en: "Contacts between colleagues grow with the volume; customer contacts only with the surface.",
                nl: "Contacten tussen collega’s groeien met het volume; klantcontacten alleen met het oppervlak.",
            },
            Words {
                en: "The share of contacts with customers falls as the organisation grows.",
                nl: "Het aandeel klantcontacten daalt naarmate de organisatie groeit.",
            },
        ],
    ),
    (
        Words {
            en: "Colleagues, not customers",
            nl: "Collega’s, geen klanten",
        },
        &[
            Words {
                en: "Stop calling colleagues customers: together we serve the real customer.",
                nl: "Noem collega’s geen klanten: samen bedienen we de echte klant.",
            },
            Words {
                en: "After Paul Iske’s essay “Interne klanten” (2017).",
                nl: "Naar het essay “Interne klanten” van Paul Iske (2017).",
            },
        ],
    ),
];

/// What each part is for, in the file's comments.
const ROLES: [&str; 3] = [
    "The opening: the organisation small, most of it near its customers.",
    "Growth, as a question: the room predicts, then the organisation grows.",
    "The close: the essay's plea.",
];

/// The trainer's notes, a paragraph per part.
const NOTES: [Words; 3] = [
    Words {
        en: "Read the share of contacts with customers off the panel: at 80 employees about 29 in every 100 contacts are with a customer (it moves between about 25 and 33). Ask who in the room has customer contact most days.",
        nl: "Lees het aandeel klantcontacten af in het paneel: bij 80 medewerkers zijn ongeveer 29 van elke 100 contacten klantcontacten (het schommelt tussen ongeveer 25 en 33). Vraag wie in de zaal bijna elke dag klantcontact heeft.",
    },
    Words {
        en: "Let the room choose first. The next key grows the organisation to 6,000 employees. The model expects about 7%, a quarter of today’s 29%: every eight times the employees halves the share, and 80 to 6,000 is about eight times eight.",
        nl: "Laat de zaal eerst kiezen. De volgende toets laat de organisatie groeien tot 6.000 medewerkers. Het model verwacht daar ongeveer 7%, een kwart van de 29% nu: elke keer acht keer zoveel medewerkers halveert het aandeel, en van 80 naar 6.000 is ongeveer acht keer acht.",
    },
    Words {
        en: "The model illustrates; it proves nothing. Iske’s plea: drop the label “internal customer”; colleagues work together, as equals, for the real customer. Ask: who in your organisation is called a customer, but is a colleague?",
        nl: "Het model illustreert; het bewijst niets. Iskes pleidooi: stop met het label “interne klant”; collega’s werken als gelijken samen voor de echte klant. Vraag: wie heet in jullie organisatie klant, maar is een collega?",
    },
];

const QUESTION: Words = Words {
    en: "At 6,000 employees, what share of all contacts is with a customer?",
    nl: "Hoe groot is het aandeel klantcontacten bij 6.000 medewerkers?",
};

const OPTIONS: [(Words, f64, f64); 2] = [
    (
        Words {
            en: "less than 15%",
            nl: "minder dan 15%",
        },
        0.0,
        0.15,
    ),
    (
        Words {
            en: "15% or more",
            nl: "15% of meer",
        },
        0.15,
        1.0,
    ),
];

/// A RON string literal of `s`.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// `(en: "…", nl: "…")` of `words`, in `langs`.
fn inline(words: &Words, langs: &[Lang]) -> String {
    let fields: Vec<String> = langs
        .iter()
        .map(|&l| format!("{}: {}", l.code(), quoted(words.get(l))))
        .collect();
    format!("({})", fields.join(", "))
}

/// The starting session in `langs` (at least one), as the file `bolwerk new` writes.
pub fn starter(langs: &[Lang]) -> String {
    let codes: Vec<&str> = langs.iter().map(|l| l.code()).collect();
    let mut out = format!(
        "// A session of three parts to start from, in {}: change the words, add parts, and\n\
         // run it with `bolwerk present FILE.ron`. README.md, \"Make the session yours\", has\n\
         // every field. The argument is Paul Iske's, from his essay \"Interne klanten\"\n\
         // (2017); the model and its numbers are bolwerk's.\n(\n",
        codes.join(", ")
    );
    out += &format!(
        "    title: {},  // the session's languages are the title's\n",
        inline(&TITLE, langs)
    );
    out += "    seed: 7,  // every fresh world starts from it: the same seed, the same run\n";
    out += "    parts: [\n";
    for (k, (title, text)) in CAPTIONS.iter().enumerate() {
        out += &format!("        // {}. {}\n        (\n", k + 1, ROLES[k]);
        out += "            caption: (  // a title and one to three short sentences, in each language\n";
        for &lang in langs {
            let sentences: Vec<String> = text.iter().map(|w| quoted(w.get(lang))).collect();
            out += &format!(
                "                {}: (title: {}, text: [{}]),\n",
                lang.code(),
                quoted(title.get(lang)),
                sentences.join(", ")
            );
        }
        out += "            ),\n";
        out += "            notes: (  // for the trainer's console, never on the screen\n                minutes: ";
        out += ["2.0", "4.0", "2.0"][k];
        out += ",\n";
        for &lang in langs {
            out += &format!(
                "                {}: [{}],\n",
                lang.code(),
                quoted(NOTES[k].get(lang))
            );
        }
        out += "            ),\n";
        match k {
            0 => {
                out += "            // A fresh world: 80 employees, holding still.\n";
                out += "            params: (initial_employees: 80, max_employees: 6000, growth: Exponential(rate: 0.0)),\n";
                out += "            duration: 8.0,  // seconds, recording; the presenter waits for the next key\n";
                out += "            show: (panel: true, plot: false, rotate: true),\n";
            }
            1 => {
                out += "            question: (  // the room answers first; the next key grows the answer\n";
                out += &format!("                ask: {},\n", inline(&QUESTION, langs));
                out += "                answer: CustomerShare,  // the model counts it\n";
                out +=
                    "                options: [  // from 0 to 1, no edge near the model's answer\n";
                for (words, from, to) in &OPTIONS {
                    let fields: Vec<String> = langs
                        .iter()
                        .map(|&l| format!("{}: {}", l.code(), quoted(words.get(l))))
                        .collect();
                    out += &format!(
                        "                    ({}, from: {from:?}, to: {to:?}),\n",
                        fields.join(", ")
                    );
                }
                out += "                ],\n            ),\n";
                out += "            params: (initial_employees: 80, max_employees: 6000, growth: Exponential(rate: 0.012)),\n";
                out += "            until_employees: 6000,  // the size the answer is for\n";
                out += "            duration: 10.0,  // recording: how long the question shows\n";
                out += "            hold: 3.0,  // recording: seconds to stay once grown\n";
                out += "            show: (panel: true, plot: true, log_plot: true),\n";
            }
            _ => {
                out += "            // Goes on with the world of the part before.\n";
                out += "            duration: 8.0,\n";
                out += "            show: (plot: false, rotate: true),\n";
            }
        }
        out += "        ),\n";
    }
    out += "    ],\n)\n";
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;

    /// In one language or both, the starting session loads and validates, in exactly
    /// those languages, with its three parts, its question and its notes.
    #[test]
    fn the_starting_session_loads_in_the_languages_asked_for() {
        let path = std::path::Path::new("session.ron");
        for langs in [vec![Lang::EN], vec![Lang::NL], vec![Lang::EN, Lang::NL]] {
            let text = starter(&langs);
            let scenario = Scenario::from_ron_str(&text, path)
                .unwrap_or_else(|e| panic!("{langs:?}: {e}\n{text}"));
            assert_eq!(scenario.languages(), langs);
            assert_eq!(scenario.acts.len(), 3);
            assert!(scenario.acts[1].question.is_some());
            assert!(scenario.acts.iter().all(|a| a.notes.is_some()));
        }
    }
}
