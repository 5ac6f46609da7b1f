//! The words the glossary (`docs/GLOSSARY.md`, compiled in) rejects, each in its
//! language: `bolwerk check` warns of them in a session, and a test keeps every
//! shipped text free of them.

use super::Lang;

/// The glossary, as written.
const GLOSSARY: &str = include_str!("../../docs/GLOSSARY.md");

/// The glossary's rejected words, each with its language and what to write instead,
/// from its table “Words we do not use”.
pub fn rejected() -> Vec<Rejected> {
    let Some(table) = GLOSSARY.split("## Words we do not use").nth(1) else {
        return Vec::new();
    };
    table
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let lang = Lang::from_code(cells.get(1)?)?;
            Some(Rejected {
                lang,
                word: cells.get(2)?.to_lowercase(),
                instead: cells.get(3)?.to_string(),
            })
        })
        .collect()
}

/// A word (or phrase) the glossary rejects.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    /// Its language.
    pub lang: Lang,
    /// The word, in lower case.
    pub word: String,
    /// What to write instead.
    pub instead: String,
}

/// Whether `word` (lower case) occurs in `text` as a whole word or phrase, in any case.
pub fn has_word(text: &str, word: &str) -> bool {
    let text = text.to_lowercase();
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-');
    text.match_indices(word).any(|(at, _)| {
        !is_word(text[..at].chars().next_back()) && !is_word(text[at + word.len()..].chars().next())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_finder_matches_whole_words_only() {
        assert!(has_word("De Akte begint", "akte"));
        assert!(!has_word("de aktetas", "akte"));
        assert!(has_word("one tick, then", "tick"));
        assert!(!has_word("ticket", "tick"));
        assert!(has_word("in the front office.", "front office"));
        assert!(!has_word("head-count", "head count"));
    }

    /// The table is read: words in both languages, each with what to write instead.
    #[test]
    fn the_glossary_table_is_read() {
        let rejected = rejected();
        for lang in [Lang::EN, Lang::NL] {
            let of = rejected.iter().filter(|r| r.lang == lang).count();
            assert!(of >= 10, "{lang:?}: {of} words");
        }
        let act = rejected.iter().find(|r| r.word == "akte").unwrap();
        assert_eq!((act.lang, act.instead.as_str()), (Lang::NL, "deel"));
    }
}
