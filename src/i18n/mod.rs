//! Every text a user sees, in each language there is a Fluent file for.
//!
//! The texts live in Fluent files, one per language (`assets/i18n/en.ftl`,
//! `assets/i18n/nl.ftl`), compiled into the binary so that it runs from any folder. [`Texts`] looks them up
//! in the current language, which can change while the app runs. Numbers reach Fluent
//! as numbers, so a message can choose its plural (`{ $n -> [one] ... *[other] ... }`),
//! and each language writes them the way its audience reads them: `0.0412` and
//! `12,500` in English, `0,0412` and `12.500` in Dutch. A test fails when a message
//! exists in one language only.

pub mod glossary;
pub mod localized;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{LazyLock, OnceLock};

use bevy::prelude::*;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::memoizer::MemoizerKind;
use fluent_bundle::types::{FluentNumber, FluentNumberOptions};
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

/// A language, by its code (`en`, `nl`): one for each Fluent file there is.
///
/// The languages are the texts present, not a list in the code: every
/// `assets/i18n/*.ftl` is compiled in (build.rs), and each file says its own name, its
/// ISO 639-2 code and how it writes numbers (`language-name`, `language-iso639-2`,
/// `number-group`, `number-decimal`). [`Lang::all`] lists them, English first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang(&'static str);

impl Default for Lang {
    fn default() -> Self {
        Lang::EN
    }
}

include!(concat!(env!("OUT_DIR"), "/languages.rs"));

/// What a language's file says about itself.
struct Language {
    lang: Lang,
    source: &'static str,
    name: String,
    iso639_2: String,
    group: char,
    mark: char,
}

impl Language {
    /// What the file at `source` says about itself. Read line by line, without
    /// Fluent's parser, so that a command that shows no texts (`simulate`) does not
    /// pay for it: each of these messages is one `id = value` line.
    fn of(code: &'static str, source: &'static str) -> Self {
        let value = |id: &str| -> Option<String> {
            source.lines().find_map(|line| {
                let rest = line.strip_prefix(id)?.trim_start().strip_prefix('=')?;
                // ASCII spaces only: a no-break space is a group mark.
                Some(
                    rest.trim_matches(|c: char| c.is_ascii_whitespace())
                        .to_owned(),
                )
            })
        };
        let char_of = |id: &str, or: char| value(id).and_then(|v| v.chars().next()).unwrap_or(or);
        Self {
            lang: Lang(code),
            source,
            name: value("language-name").unwrap_or_else(|| code.to_owned()),
            iso639_2: value("language-iso639-2").unwrap_or_else(|| "und".to_owned()),
            group: char_of("number-group", ','),
            mark: char_of("number-decimal", '.'),
        }
    }
}

/// Every language there are texts for: English first, then the others compiled in,
/// then those loaded at run time ([`load_languages`]).
fn languages() -> &'static [Language] {
    static LANGUAGES: LazyLock<Vec<Language>> = LazyLock::new(|| {
        // The first use fixes the languages: loading files after it fails.
        SOURCES
            .iter()
            .chain(LOADED.get_or_init(Vec::new))
            .map(|&(code, source)| Language::of(code, source))
            .collect()
    });
    &LANGUAGES
}

/// The languages loaded at run time: each code and Fluent source, kept for as long as
/// the program runs.
static LOADED: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();

/// Loads a language from files alone: every `CODE.ftl` in `dirs` whose language is not
/// compiled in becomes a language, as if it were (its file says its name and how it
/// writes numbers, as the compiled ones do); a message it lacks is shown in English.
/// The command line calls it first, before any text or language is used (after that
/// the languages are fixed). `named` are the folders the user named (`--languages`):
/// one that cannot be read is an error. A file that cannot be a language is skipped
/// with a warning on stderr, so that a stray file beside a session stops nothing.
/// Returns the languages loaded.
pub fn load_languages(dirs: &[PathBuf], named: &[PathBuf]) -> Result<Vec<Lang>, String> {
    let mut found: Vec<(&'static str, &'static str)> = Vec::new();
    for dir in dirs.iter().chain(named) {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) if named.contains(dir) => {
                return Err(format!(
                    "--languages {}: cannot read the folder: {e}",
                    dir.display()
                ));
            }
            Err(_) => continue,
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
            .collect();
        paths.sort();
        for path in paths {
            match read_language(&path, &found) {
                Ok(Some(language)) => found.push(language),
                Ok(None) => {}
                Err(why) => eprintln!("bolwerk: {}: not loaded: {why}", path.display()),
            }
        }
    }
    let langs = found.iter().map(|&(code, _)| Lang(code)).collect();
    LOADED
        .set(found)
        .map_err(|_| "the languages were fixed before those in files were loaded".to_owned())?;
    Ok(langs)
}

/// The largest language file read, in bytes: `en.ftl` is about a tenth of it.
const LARGEST_LANGUAGE_FILE: u64 = 1 << 20;

/// The language in the file at `path`: none if its language is there already (a
/// compiled one, or a file read before), or why it cannot be one.
fn read_language(
    path: &std::path::Path,
    found: &[(&'static str, &'static str)],
) -> Result<Option<(&'static str, &'static str)>, String> {
    use std::io::Read as _;
    let code = path
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or("a language's file is named by its code in lower case, as de.ftl or fr.ftl")?;
    if SOURCES.iter().any(|(c, _)| *c == code) {
        return Err(format!(
            "{code} is built in: bolwerk uses its shipped texts, not this file (to change them, edit assets/i18n/{code}.ftl and build)"
        ));
    }
    if found.iter().any(|(c, _)| *c == code) {
        return Ok(None);
    }
    let valid = !code.is_empty()
        && code.chars().all(|c| c.is_ascii_lowercase() || c == '-')
        && code.parse::<unic_langid::LanguageIdentifier>().is_ok();
    if !valid {
        return Err(
            "a language's file is named by its code in lower case, as de.ftl or fr.ftl".into(),
        );
    }
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return Err("not a file".into());
    }
    let mut source = String::new();
    file.take(LARGEST_LANGUAGE_FILE + 1)
        .read_to_string(&mut source)
        .map_err(|e| e.to_string())?;
    if source.len() as u64 > LARGEST_LANGUAGE_FILE {
        return Err("larger than 1 MB".into());
    }
    if let Err((_, errors)) = FluentResource::try_new(source.clone()) {
        return Err(format!(
            "not a Fluent file: {}",
            errors.first().map(|e| e.to_string()).unwrap_or_default()
        ));
    }
    let code: &'static str = Box::leak(code.to_owned().into_boxed_str());
    let source: &'static str = Box::leak(source.into_boxed_str());
    let language = Language::of(code, source);
    let plain = |c: char| !(c.is_ascii_digit() || "-<>&\"'".contains(c));
    if language.group == language.mark || !plain(language.group) || !plain(language.mark) {
        return Err(
            "number-group and number-decimal must be two different marks, neither a digit nor a minus".into(),
        );
    }
    if !(language.iso639_2.len() == 3 && language.iso639_2.chars().all(|c| c.is_ascii_lowercase()))
    {
        return Err("language-iso639-2 must be three lower-case letters, as deu".into());
    }
    Ok(Some((code, source)))
}

impl Lang {
    /// English: the language every message is defined in first, and the fallback.
    pub const EN: Lang = Lang("en");
    /// Dutch.
    pub const NL: Lang = Lang("nl");

    /// Every language there are texts for, in the order the switch offers them.
    pub fn all() -> &'static [Lang] {
        static ALL: LazyLock<Vec<Lang>> =
            LazyLock::new(|| languages().iter().map(|l| l.lang).collect());
        &ALL
    }

    /// Whether the language is compiled in (a shipped language), not loaded at run
    /// time: a session in it must have every text in it.
    pub fn compiled(self) -> bool {
        SOURCES.iter().any(|(code, _)| *code == self.0)
    }

    /// The language with code `code`, if there are texts for it.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::all().iter().copied().find(|l| l.0 == code)
    }

    /// The next language: what the language key switches to (after the last, the
    /// first).
    pub fn next(self) -> Self {
        let all = Lang::all();
        all[(self.index() + 1) % all.len()]
    }

    /// The BCP 47 code.
    pub fn code(self) -> &'static str {
        self.0
    }

    /// The ISO 639-2 code, as video containers tag a track's language.
    pub fn iso639_2(self) -> &'static str {
        &self.language().iso639_2
    }

    /// The language's name in itself, as a subtitle track is titled.
    pub fn native_name(self) -> &'static str {
        &self.language().name
    }

    /// The mark between a number's whole part and its decimals (`.` or `,`).
    pub fn decimal_mark(self) -> char {
        self.language().mark
    }

    /// The Fluent source of this language's texts.
    pub fn source(self) -> &'static str {
        self.language().source
    }

    fn language(self) -> &'static Language {
        &languages()[self.index()]
    }

    /// Its place in [`Lang::all`]. A `Lang` is only made from a code there (or is
    /// English, which always is), so it has one.
    fn index(self) -> usize {
        languages().iter().position(|l| l.lang == self).unwrap_or(0)
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::str::FromStr for Lang {
    type Err = String;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Lang::from_code(code).ok_or_else(|| {
            let known: Vec<&str> = Lang::all().iter().map(|l| l.code()).collect();
            format!(
                "no texts for the language '{code}' (there are: {})",
                known.join(", ")
            )
        })
    }
}

impl Serialize for Lang {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        code.parse().map_err(serde::de::Error::custom)
    }
}

impl clap::ValueEnum for Lang {
    fn value_variants<'a>() -> &'a [Self] {
        Lang::all()
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.0).help(self.native_name()))
    }
}

/// The language a Fluent bundle formats for, as its memoizer knows it: how the
/// number formatter finds the language it writes in.
struct BundleLang(Lang);

impl intl_memoizer::Memoizable for BundleLang {
    type Args = ();
    type Error = ();

    fn construct(id: unic_langid::LanguageIdentifier, _: ()) -> Result<Self, ()> {
        // Fluent writes a region in capitals (`pt-BR`); files are named in lower case.
        let code = id.to_string().to_ascii_lowercase();
        Ok(BundleLang(Lang::from_code(&code).unwrap_or_default()))
    }
}

pub use self::localized::Localized;

include!(concat!(env!("OUT_DIR"), "/msg.rs"));

/// An argument for a message: text, or a number to be written in the current language.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// Shown as it is.
    Text(String),
    /// A count, with digit grouping.
    Int(u64),
    /// A number with this many decimals.
    Num(f64, usize),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<u64> for Arg {
    fn from(n: u64) -> Self {
        Arg::Int(n)
    }
}

impl From<u32> for Arg {
    fn from(n: u32) -> Self {
        Arg::Int(u64::from(n))
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Int(n as u64)
    }
}

/// The texts of every language, and the one in use.
#[derive(Resource)]
pub struct Texts {
    bundles: Vec<FluentBundle<FluentResource>>,
    /// The language in use.
    pub lang: Lang,
}

impl Texts {
    /// Loads every language; `lang` is the one in use.
    ///
    /// The sources are compiled in and parsed by a test, so a syntax error cannot reach
    /// a user; if one did, its messages would show as their ids.
    pub fn new(lang: Lang) -> Self {
        let bundles = Lang::all()
            .iter()
            .map(|l| {
                let id = l.code().parse().expect("a valid language code");
                let mut bundle = FluentBundle::new_concurrent(vec![id]);
                // No Unicode isolation marks: egui would draw them as boxes.
                bundle.set_use_isolating(false);
                // NUMBER() for messages that set a number's options themselves.
                let _ = bundle.add_builtins();
                bundle.set_formatter(Some(|value, memoizer| {
                    let lang = memoizer
                        .with_try_get_threadsafe::<BundleLang, _, _>((), |l| l.0)
                        .unwrap_or_default();
                    number_text(lang, value)
                }));
                let resource = |source: &str| {
                    FluentResource::try_new(source.to_string())
                        .unwrap_or_else(|(partial, _)| partial)
                };
                if l.compiled() {
                    let _ = bundle.add_resource(resource(l.source()));
                } else {
                    // A language loaded from a file: English beneath it, for the
                    // messages it lacks, written with its own numbers.
                    let _ = bundle.add_resource(resource(Lang::EN.source()));
                    bundle.add_resource_overriding(resource(l.source()));
                }
                bundle
            })
            .collect();
        Self { bundles, lang }
    }

    /// The message in the current language.
    pub fn get(&self, msg: Msg) -> String {
        self.fmt(msg, &[])
    }

    /// The message with arguments.
    pub fn fmt(&self, msg: Msg, args: &[(&str, Arg)]) -> String {
        self.fmt_in(self.lang, msg, args)
    }

    /// The message in `lang`, with arguments. Every [`Msg`] exists in `en.ftl` (it is
    /// made from it) and a test checks every compiled language; a language loaded at
    /// run time has English beneath it ([`Texts::new`]). Should a message still be
    /// missing, its id is shown.
    pub fn fmt_in(&self, lang: Lang, msg: Msg, args: &[(&str, Arg)]) -> String {
        let bundle = &self.bundles[lang.index()];
        let Some(pattern) = bundle.get_message(msg.id()).and_then(|m| m.value()) else {
            return msg.id().to_string();
        };
        let mut fluent = FluentArgs::new();
        for (name, arg) in args {
            let value = match arg {
                Arg::Text(s) => FluentValue::from(s.clone()),
                Arg::Int(n) => fluent_number(*n as f64, 0),
                Arg::Num(x, decimals) => fluent_number(*x, *decimals),
            };
            fluent.set(*name, value);
        }
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, Some(&fluent), &mut errors)
            .into_owned()
    }

    /// Whether the message has a value in `lang`.
    pub fn has(&self, lang: Lang, msg: Msg) -> bool {
        self.bundles[lang.index()]
            .get_message(msg.id())
            .is_some_and(|m| m.value().is_some())
    }

    /// A count in the current language: `12,500` or `12.500`.
    pub fn int(&self, n: u64) -> String {
        format_int(self.lang, n)
    }

    /// A number with `decimals` decimals in the current language: `0.0412` or `0,0412`.
    pub fn num(&self, x: f64, decimals: usize) -> String {
        format_num(self.lang, x, decimals)
    }
}

/// A number for Fluent, to be written with exactly `decimals` decimals. It is rounded
/// to them first, so that a plural is chosen for the number shown (0.96 shown as `1`
/// reads in the singular).
fn fluent_number(x: f64, decimals: usize) -> FluentValue<'static> {
    let scale = 10f64.powi(decimals.min(15) as i32);
    let shown = (x * scale).round() / scale;
    FluentValue::Number(FluentNumber::new(
        shown,
        FluentNumberOptions {
            minimum_fraction_digits: Some(decimals),
            maximum_fraction_digits: Some(decimals),
            ..Default::default()
        },
    ))
}

/// How a language writes a Fluent number (other values are left to Fluent). A number
/// without a set count of decimals keeps the decimals it needs.
fn number_text(lang: Lang, value: &FluentValue) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    let o = &n.options;
    Some(
        match o.maximum_fraction_digits.or(o.minimum_fraction_digits) {
            Some(decimals) => format_num(lang, n.value, decimals),
            None if n.value.fract() == 0.0 => format_num(lang, n.value, 0),
            None => localise(lang, &n.value.to_string()),
        },
    )
}

/// The separators of `lang`: (thousands, decimal mark).
pub fn separators(lang: Lang) -> (char, char) {
    let l = lang.language();
    (l.group, l.mark)
}

/// A plain number (`-12500.25`) with `lang`'s digit groups and decimal mark.
fn localise(lang: Lang, plain: &str) -> String {
    let (group, mark) = separators(lang);
    let (sign, rest) = plain.strip_prefix('-').map_or(("", plain), |r| ("-", r));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    // No “-0.0”: a number that rounds to zero has no sign.
    let sign = if int
        .bytes()
        .chain(frac.unwrap_or("").bytes())
        .all(|b| b == b'0')
    {
        ""
    } else {
        sign
    };
    if !int.bytes().all(|b| b.is_ascii_digit()) {
        // inf, NaN, or an exponent: as it is.
        return plain.to_string();
    }
    let mut out = String::with_capacity(plain.len() + int.len() / 3);
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(group);
        }
        out.push(c);
    }
    if let Some(frac) = frac {
        out.push(mark);
        out.push_str(frac);
    }
    out
}

/// A number as short as it can be written with up to six decimals (`0.05`, `2,000`,
/// `0,015` in Dutch): for axis marks.
pub fn format_short(lang: Lang, x: f64) -> String {
    let s = format!("{x:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    localise(lang, s)
}

/// A number typed in `lang`'s notation, or in the other's where that is clear:
/// `12.500` and `0,05` in Dutch; `0.05` in Dutch is read as a decimal too, since its
/// dot is not followed by a group of three.
pub fn parse_number(lang: Lang, typed: &str) -> Option<f64> {
    let s = typed.trim();
    let (group, mark) = separators(lang);
    let plain = if s.contains(mark) {
        s.replace(group, "").replace(mark, ".")
    } else if s.contains(group) && s.split(group).skip(1).all(|g| g.len() == 3) {
        s.replace(group, "")
    } else {
        s.replace(group, ".")
    };
    plain.parse().ok()
}

/// A count with digit groups of three.
pub fn format_int(lang: Lang, n: u64) -> String {
    localise(lang, &n.to_string())
}

/// A number with `decimals` decimals, digit groups and the language's decimal mark.
pub fn format_num(lang: Lang, x: f64, decimals: usize) -> String {
    localise(lang, &format!("{x:.decimals$}"))
}

/// Language codes as a list: `en, nl`.
pub fn lang_codes(langs: &[Lang]) -> String {
    langs
        .iter()
        .map(|l| l.code())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The message ids a Fluent source defines (terms and comments left out).
pub fn message_ids(source: &str) -> BTreeSet<String> {
    match fluent_bundle::FluentResource::try_new(source.to_string()) {
        Ok(resource) => resource
            .entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect(),
        Err(_) => BTreeSet::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_the_way_each_audience_writes_them() {
        assert_eq!(format_int(Lang::EN, 1_234_567), "1,234,567");
        assert_eq!(format_int(Lang::NL, 1_234_567), "1.234.567");
        assert_eq!(format_int(Lang::NL, 999), "999");
        assert_eq!(format_num(Lang::EN, 0.04123, 4), "0.0412");
        assert_eq!(format_num(Lang::NL, 0.04123, 4), "0,0412");
        assert_eq!(format_num(Lang::NL, -12500.25, 1), "-12.500,2");
        assert_eq!(format_num(Lang::EN, 12500.25, 1), "12,500.2");
        assert_eq!(format_num(Lang::EN, f64::INFINITY, 1), "inf");
        assert_eq!(format_short(Lang::EN, 0.05), "0.05");
        assert_eq!(format_short(Lang::NL, 0.015), "0,015");
        assert_eq!(format_short(Lang::NL, 2000.0), "2.000");
        assert_eq!(format_num(Lang::EN, -0.04, 1), "0.0");
        for (lang, typed, value) in [
            (Lang::NL, "0,05", 0.05),
            (Lang::NL, "0.05", 0.05),
            (Lang::NL, "12.500", 12_500.0),
            (Lang::NL, "1.234.567,5", 1_234_567.5),
            (Lang::EN, "0.05", 0.05),
            (Lang::EN, "0,5", 0.5),
            (Lang::EN, "12,500", 12_500.0),
            (Lang::EN, " 1,000.5 ", 1000.5),
        ] {
            assert_eq!(parse_number(lang, typed), Some(value), "{lang:?} {typed}");
        }
        assert_eq!(parse_number(Lang::EN, "twelve"), None);
    }

    /// Numbers reach Fluent as numbers: a count of one reads in the singular, any
    /// other count in the plural, in both languages; separators follow the language.
    #[test]
    fn a_count_of_one_is_singular_and_numbers_use_the_languages_separators() {
        let mut texts = Texts::new(Lang::EN);
        let served = |texts: &Texts, n: u64| texts.fmt(Msg::ColleagueContacts, &[("n", n.into())]);
        assert_eq!(served(&texts, 1), "1 contact between colleagues");
        assert_eq!(served(&texts, 12_500), "12,500 contacts between colleagues");
        texts.lang = Lang::NL;
        assert_eq!(served(&texts, 1), "1 contact tussen collega’s");
        assert_eq!(served(&texts, 12_500), "12.500 contacten tussen collega’s");
        let theory = texts.fmt(Msg::HeadlineExpected, &[("value", Arg::Num(24.73, 1))]);
        assert!(theory.contains("24,7%"), "{theory}");
        let words = |texts: &Texts, n: u64| texts.fmt(Msg::HeadlineInWords, &[("n", n.into())]);
        assert!(
            words(&texts, 1).contains("is er 1 met"),
            "{}",
            words(&texts, 1)
        );
        assert!(texts.get(Msg::HeadlineUnderOne).contains("minder dan 1"));
        assert!(
            words(&texts, 25).contains("zijn er 25 met"),
            "{}",
            words(&texts, 25)
        );
        texts.lang = Lang::EN;
        assert!(words(&texts, 1).contains("1 in every 100 contacts is"));
        assert!(texts.get(Msg::HeadlineUnderOne).contains("fewer than 1"));
        assert!(words(&texts, 25).contains("25 in every 100 contacts are"));
    }

    /// What a language says about itself is read without Fluent's parser: it reads the
    /// same as Fluent does.
    #[test]
    fn a_language_says_what_fluent_reads_about_it() {
        for &lang in Lang::all() {
            let texts = Texts::new(lang);
            assert_eq!(texts.get(Msg::LanguageName), lang.native_name());
            assert_eq!(texts.get(Msg::LanguageIso6392), lang.iso639_2());
            let (group, mark) = separators(lang);
            assert_eq!(texts.get(Msg::NumberGroup), group.to_string());
            assert_eq!(texts.get(Msg::NumberDecimal), mark.to_string());
        }
    }

    #[test]
    fn messages_switch_with_the_language_and_take_arguments() {
        let mut texts = Texts::new(Lang::EN);
        let en = texts.get(Msg::PanelTitle);
        texts.lang = Lang::NL;
        assert_eq!(texts.get(Msg::PanelTitle), en, "the name is the same");
        let nl = texts.fmt(Msg::FigureEmployees, &[]);
        texts.lang = Lang::EN;
        assert_ne!(texts.get(Msg::FigureEmployees), nl);
        let cap = texts.fmt(
            Msg::NoticeLineCap,
            &[("asked", 9usize.into()), ("max", 5usize.into())],
        );
        assert!(cap.contains('9') && cap.contains('5'), "{cap}");
    }
}
