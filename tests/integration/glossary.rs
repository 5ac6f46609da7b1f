//! Every displayed text keeps to `docs/GLOSSARY.md`: no word the glossary rejects, in
//! the interface's texts or in a shipped scenario, in either language; curly quotes
//! only; and Dutch numbers with Dutch separators.

use std::path::PathBuf;

use bolwerk::i18n::Lang;
use bolwerk::i18n::glossary::{self, has_word};
use bolwerk::scenario::Scenario;

fn root() -> PathBuf {
    crate::common::repo()
}

/// The glossary's rejected words: (language, word), as `bolwerk check` reads them.
fn rejected() -> Vec<(Lang, String)> {
    glossary::rejected()
        .into_iter()
        .map(|r| (r.lang, r.word))
        .collect()
}

/// The displayed text of a Fluent source: message values and variants, without ids,
/// comments, variant keys or placeables' names.
fn fluent_text(source: &str) -> Vec<String> {
    source
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty() && l.trim() != "}")
        .map(|l| {
            let value = if l.starts_with(|c: char| c.is_ascii_lowercase()) {
                l.split_once('=').map_or("", |(_, v)| v)
            } else {
                l
            };
            // Variant keys (`[one]`, `*[other]`) and placeables (`{ $n -> }`).
            let mut out = String::new();
            let mut depth = 0;
            for c in value.chars() {
                match c {
                    '{' | '[' => depth += 1,
                    '}' | ']' => depth -= 1,
                    _ if depth == 0 => out.push(c),
                    _ => {}
                }
            }
            out.trim().trim_start_matches('*').trim().to_string()
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// Every text a scenario shows or gives the trainer, in `lang`.
fn scenario_text(scenario: &Scenario, lang: Lang) -> Vec<String> {
    scenario.texts(lang).into_iter().map(|(_, t)| t).collect()
}

fn shipped_scenarios() -> Vec<(PathBuf, Scenario)> {
    std::fs::read_dir(root().join("assets/scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .map(|p| {
            let s = Scenario::load(&p).unwrap_or_else(|e| panic!("{e}"));
            (p, s)
        })
        .collect()
}

/// Every displayed text in `lang`, each with where it comes from.
fn all_text(lang: Lang) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = fluent_text(lang.source())
        .into_iter()
        .map(|t| (format!("{}.ftl", lang.code()), t))
        .collect();
    for (path, scenario) in shipped_scenarios() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        out.extend(
            scenario_text(&scenario, lang)
                .into_iter()
                .map(|t| (name.clone(), t)),
        );
    }
    // The session `bolwerk new` writes is shipped too.
    let starter = bolwerk::scenario::starter::starter(Lang::all());
    let starter = Scenario::from_ron_str(&starter, std::path::Path::new("new.ron")).unwrap();
    out.extend(
        scenario_text(&starter, lang)
            .into_iter()
            .map(|t| ("bolwerk new".to_owned(), t)),
    );
    out
}

#[test]
fn no_text_uses_a_word_the_glossary_rejects() {
    let rejected = rejected();
    assert!(
        rejected.iter().filter(|(l, _)| *l == Lang::NL).count() >= 10
            && rejected.iter().filter(|(l, _)| *l == Lang::EN).count() >= 10,
        "the table was not read: {rejected:?}"
    );
    let mut found = Vec::new();
    for &lang in Lang::all() {
        let texts = all_text(lang);
        assert!(texts.len() > 150, "{lang:?}: only {} texts", texts.len());
        for (word_lang, word) in &rejected {
            if *word_lang != lang {
                continue;
            }
            for (from, text) in &texts {
                if has_word(text, word) {
                    found.push(format!("{from}: “{word}” in “{text}”"));
                }
            }
        }
    }
    assert!(found.is_empty(), "rejected words:\n{}", found.join("\n"));
}

#[test]
fn displayed_text_uses_curly_quotes_only() {
    let mut found = Vec::new();
    for &lang in Lang::all() {
        for (from, text) in all_text(lang) {
            if text.contains('"') || text.contains('\'') {
                found.push(format!("{from}: {text}"));
            }
        }
    }
    assert!(found.is_empty(), "straight quotes:\n{}", found.join("\n"));
}

/// An English decimal point (`0.05`) or thousands comma (`6,000`) in a Dutch text.
fn english_number(text: &str) -> Option<String> {
    let b: Vec<char> = text.chars().collect();
    for i in 1..b.len().saturating_sub(1) {
        if !(b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit()) {
            continue;
        }
        let run = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        // The digits before the mark: a lone 0 is never a thousands group (0,077).
        let before = b[..i]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let zero = before == 1 && b[i - 1] == '0';
        let english = match b[i] {
            '.' => run != 3 || zero,
            ',' => run == 3 && !zero,
            _ => false,
        };
        if english {
            let start = i - b[..i]
                .iter()
                .rev()
                .take_while(|c| c.is_ascii_digit())
                .count();
            return Some(b[start..i + 1 + run].iter().collect());
        }
    }
    None
}

#[test]
fn dutch_texts_write_numbers_the_dutch_way() {
    assert_eq!(english_number("van 6,000 naar"), Some("6,000".into()));
    assert_eq!(english_number("0.05 en"), Some("0.05".into()));
    assert_eq!(english_number("6.000 en 0,05 en 15 november 2017"), None);
    assert_eq!(english_number("7% tegenover 0,077"), None);
    assert_eq!(english_number("0.077"), Some("0.077".into()));
    let found: Vec<_> = all_text(Lang::NL)
        .into_iter()
        .filter_map(|(from, t)| english_number(&t).map(|n| format!("{from}: {n} in “{t}”")))
        .collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The prose of a Markdown file: without fenced code and `inline code` (names of
/// flags, fields and commands keep their spelling).
fn markdown_prose(text: &str) -> String {
    let mut prose = String::new();
    for (k, block) in text.split("```").enumerate() {
        if k % 2 == 0 {
            for (j, part) in block.split('`').enumerate() {
                if j % 2 == 0 {
                    prose.push_str(part);
                }
            }
        }
    }
    prose
}

/// Help and error text, without flags (`--act`), placeholders (`<N>`) and quoted
/// names (`` `acts` ``).
fn plain_words(text: &str) -> String {
    let text = markdown_prose(text);
    text.split_whitespace()
        .filter(|w| !w.starts_with('-') && !w.starts_with('<') && !w.starts_with('['))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every `--help` text, and the errors of a few wrong calls, in English.
fn help_and_errors() -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.ron"), "(employees: 10)").unwrap();
    std::fs::write(dir.path().join("huge.ron"), "(w: 1e300)").unwrap();
    std::fs::write(dir.path().join("big.ron"), "(w: 10000.0)").unwrap();
    std::fs::write(
        dir.path().join("s.ron"),
        "(title: (en: \"a\", nl: \"b\"), acts: [()])",
    )
    .unwrap();
    let calls: Vec<Vec<&str>> = vec![
        vec!["--help"],
        vec!["demo", "--help"],
        vec!["simulate", "--help"],
        vec!["record", "--help"],
        vec!["present", "--help"],
        vec!["handout", "--help"],
        vec!["present", "--part", "99"],
        vec!["simulate", "--params", "p.ron"],
        vec!["simulate", "--params", "missing.ron"],
        vec!["simulate", "--params", "huge.ron"],
        vec!["simulate", "--params", "big.ron"],
        vec!["record", "--scenario", "s.ron", "--out", "x.mp4"],
        vec!["record", "--out", "x.mp4", "--duration", "inf"],
        vec!["simulate", "--until-employees", "0"],
    ];
    calls
        .into_iter()
        .map(|args| {
            let out = crate::common::run(&args, dir.path());
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            (format!("bolwerk {}", args.join(" ")), plain_words(&text))
        })
        .collect()
}

#[test]
fn the_readme_the_model_the_help_and_the_errors_keep_the_glossary_too() {
    let mut texts: Vec<(String, String)> = ["README.md", "docs/MODEL.md"]
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(root().join(f)).unwrap();
            (f.to_string(), markdown_prose(&text))
        })
        .collect();
    texts.extend(help_and_errors());
    assert!(texts.iter().all(|(_, t)| !t.trim().is_empty()), "{texts:?}");
    let mut found = Vec::new();
    for (lang, word) in rejected() {
        if lang != Lang::EN {
            continue;
        }
        for (from, text) in &texts {
            if has_word(text, &word) {
                let at = text.to_lowercase().find(&word).unwrap_or(0);
                let start = text.floor_char_boundary(at.saturating_sub(40));
                let end = text.ceil_char_boundary((at + word.len() + 40).min(text.len()));
                found.push(format!("{from}: “{word}” in “…{}…”", &text[start..end]));
            }
        }
    }
    assert!(found.is_empty(), "rejected words:\n{}", found.join("\n"));
}
