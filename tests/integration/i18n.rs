//! Every text exists in every language, and every text the code asks for exists: the
//! code asks by [`Msg`], which the build script makes from `en.ftl`, so an id that does
//! not exist does not compile.

use std::collections::BTreeSet;

use bolwerk::i18n::{Lang, Msg, Texts, message_ids};

#[test]
fn every_language_has_the_same_messages_as_english() {
    let en = message_ids(Lang::EN.source());
    assert!(en.len() > 50, "{} messages", en.len());
    assert!(Lang::all().len() >= 2, "{:?}", Lang::all());
    for &lang in &Lang::all()[1..] {
        let other = message_ids(lang.source());
        let only_en: Vec<_> = en.difference(&other).collect();
        let only_other: Vec<_> = other.difference(&en).collect();
        assert!(only_en.is_empty(), "missing from {lang}.ftl: {only_en:?}");
        assert!(only_other.is_empty(), "only in {lang}.ftl: {only_other:?}");
    }
}

#[test]
fn both_files_parse_without_errors() {
    for &lang in Lang::all() {
        let parsed = fluent_bundle::FluentResource::try_new(lang.source().to_string());
        assert!(parsed.is_ok(), "{lang:?}: {:?}", parsed.err().map(|e| e.1));
    }
}

/// `Msg` is made from `en.ftl` by the build script, with a plain line reader; Fluent's
/// own parse must find exactly the same messages, or a message would be unreachable
/// (or a variant would name nothing).
#[test]
fn every_typed_message_id_is_a_message_and_every_message_has_one() {
    let en = message_ids(Lang::EN.source());
    let typed: BTreeSet<String> = Msg::ALL.iter().map(|m| m.id().to_string()).collect();
    assert_eq!(typed.len(), Msg::ALL.len(), "a message id appears twice");
    let untyped: Vec<_> = en.difference(&typed).collect();
    let unknown: Vec<_> = typed.difference(&en).collect();
    assert!(untyped.is_empty(), "in en.ftl without a Msg: {untyped:?}");
    assert!(unknown.is_empty(), "a Msg that en.ftl lacks: {unknown:?}");
}

/// Every message has a value in both languages, as the texts load it.
#[test]
fn every_message_reads_in_both_languages() {
    let texts = Texts::new(Lang::EN);
    for msg in Msg::ALL {
        for &lang in Lang::all() {
            assert!(texts.has(lang, msg), "{msg:?} has no value in {lang:?}");
            let text = texts.fmt_in(lang, msg, &[]);
            assert!(!text.trim().is_empty(), "{msg:?} is empty in {lang:?}");
        }
    }
}
