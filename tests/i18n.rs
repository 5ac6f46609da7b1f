//! Every text exists in both languages, and every text the code asks for exists.

use std::collections::BTreeSet;

use bolwerk::i18n::{Lang, message_ids};

#[test]
fn english_and_dutch_have_the_same_messages() {
    let en = message_ids(Lang::En.source());
    let nl = message_ids(Lang::Nl.source());
    assert!(en.len() > 50, "{} messages", en.len());
    let only_en: Vec<_> = en.difference(&nl).collect();
    let only_nl: Vec<_> = nl.difference(&en).collect();
    assert!(only_en.is_empty(), "only in en.ftl: {only_en:?}");
    assert!(only_nl.is_empty(), "only in nl.ftl: {only_nl:?}");
}

#[test]
fn both_files_parse_without_errors() {
    for lang in Lang::ALL {
        let parsed = fluent_bundle::FluentResource::try_new(lang.source().to_string());
        assert!(parsed.is_ok(), "{lang:?}: {:?}", parsed.err().map(|e| e.1));
    }
}

/// The message ids the source code names as string literals: `get("id")`,
/// `fmt("id"`, and `"id"` entries of the form `"word-word"` in id tables.
fn ids_in_code() -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut stack = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src"
    ))];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for call in [
                "get(\"",
                "fmt(\"",
                "fmt_in(lang, \"",
                "text_id() -> &'static str",
            ] {
                for (i, _) in text.match_indices(call) {
                    let rest = &text[i + call.len()..];
                    if let Some(end) = rest.find('"') {
                        let id = &rest[..end];
                        if id
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit())
                            && id.contains('-')
                        {
                            ids.insert(id.to_string());
                        }
                    }
                }
            }
            // Ids in tables: `=> "key-…"`.
            for (i, _) in text.match_indices("=> \"") {
                let rest = &text[i + 4..];
                if let Some(end) = rest.find('"') {
                    let id = &rest[..end];
                    if id.chars().all(|c| c.is_ascii_lowercase() || c == '-') && id.contains('-') {
                        ids.insert(id.to_string());
                    }
                }
            }
        }
    }
    ids
}

#[test]
fn every_message_the_code_asks_for_exists() {
    let en = message_ids(Lang::En.source());
    let code = ids_in_code();
    assert!(code.len() > 40, "found only {} ids in the code", code.len());
    let missing: Vec<_> = code.iter().filter(|id| !en.contains(*id)).collect();
    assert!(
        missing.is_empty(),
        "asked for but not in en.ftl: {missing:?}"
    );
}
