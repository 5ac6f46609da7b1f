//! A text in each of a session's languages: the one seam between a session file and
//! the languages there are.
//!
//! In a session file a text is written as `(en: "…", nl: "…")`, one field per
//! language code, and any code may appear: which languages a session must have is
//! checked when it loads ([`crate::scenario`]), not built into its types. Structs that
//! mix texts with other fields (an answer's words with its range, the notes with their
//! minutes) read the other fields by name and every other field as a language's text
//! ([`read_with_texts`]).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, MapAccess, Visitor};
use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Lang;

/// One text in each of several languages, by language code, in the order written.
#[derive(Debug, Clone, PartialEq)]
pub struct Localized<T>(Vec<(String, T)>);

impl<T> Localized<T> {
    /// The text in `lang`; where it has none, the English one, and else the first.
    pub fn get(&self, lang: Lang) -> &T {
        self.exact(lang)
            .or_else(|| self.exact(Lang::EN))
            .unwrap_or(&self.0[0].1)
    }

    /// The text in `lang`, if it has one.
    pub fn exact(&self, lang: Lang) -> Option<&T> {
        self.0
            .iter()
            .find(|(code, _)| code == lang.code())
            .map(|(_, t)| t)
    }

    /// Each language's code and text, in the order written.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &T)> {
        self.0.iter().map(|(code, t)| (code.as_str(), t))
    }

    /// The codes of the languages it has, in the order written.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(code, _)| code.as_str())
    }

    /// Why these texts cannot be used in a session given in `langs`, if they cannot:
    /// they need a text in each of the languages compiled in, and none in another
    /// language. `what` names them.
    pub fn check_languages(&self, langs: &[Lang], what: &str) -> Result<(), String> {
        let text = self;
        // A language loaded at run time may lack a text: it shows the English one
        // (`bolwerk check` warns of it).
        if let Some(missing) = langs
            .iter()
            .find(|l| l.compiled() && text.exact(**l).is_none())
        {
            return Err(format!(
                "{what} has no text in '{missing}': the session is given in {} (its title's languages)",
                super::lang_codes(langs)
            ));
        }
        if let Some(extra) = text.codes().find(|c| !langs.iter().any(|l| l.code() == *c)) {
            return Err(format!(
                "{what} has a text in '{extra}', which is not one of the session's languages ({}): add it to the title, or remove it",
                super::lang_codes(langs)
            ));
        }
        Ok(())
    }

    /// The same texts, each changed by `f`.
    pub fn map<U>(&self, mut f: impl FnMut(&T) -> U) -> Localized<U> {
        Localized(self.0.iter().map(|(c, t)| (c.clone(), f(t))).collect())
    }
}

impl<T> FromIterator<(Lang, T)> for Localized<T> {
    /// Texts by language. Panics on none: a `Localized` always has a text.
    fn from_iter<I: IntoIterator<Item = (Lang, T)>>(iter: I) -> Self {
        let texts: Vec<(String, T)> = iter
            .into_iter()
            .map(|(lang, t)| (lang.code().to_owned(), t))
            .collect();
        assert!(!texts.is_empty(), "a text in no language");
        Localized(texts)
    }
}

/// Whether `key` reads as a language code (`en`, `nl`, `pt-BR`): two or three
/// lowercase letters, then any subtags.
pub fn is_language_code(key: &str) -> bool {
    let mut parts = key.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Reads the fields of a struct written in a session file: `known` reads a field it
/// knows by name from `map` and says whether it did; every other field must be a
/// language code and is read as that language's text. At least one text is needed,
/// and a language at most once. Where the struct has fields of its own (`fields` names
/// them), a code must be a language there are texts for: a mistyped field (`fro:` for
/// `from:`) is an unknown field, not a language.
pub fn read_with_texts<'de, A, T>(
    mut map: A,
    fields: &str,
    mut known: impl FnMut(&str, &mut A) -> Result<bool, A::Error>,
) -> Result<Localized<T>, A::Error>
where
    A: MapAccess<'de>,
    T: Deserialize<'de>,
{
    let mut texts: Vec<(String, T)> = Vec::new();
    while let Some(key) = map.next_key::<String>()? {
        if known(&key, &mut map)? {
            continue;
        }
        let language = if fields.is_empty() {
            is_language_code(&key)
        } else {
            Lang::from_code(&key).is_some()
        };
        if !language {
            let known: Vec<&str> = Lang::all().iter().map(|l| l.code()).collect();
            return Err(de::Error::custom(format!(
                "unknown field `{key}`: expected {fields}the code of a language there are texts for ({}, or one whose file, {key}.ftl, lies beside the session or in the --languages folder)",
                known.join(", ")
            )));
        }
        if texts.iter().any(|(code, _)| *code == key) {
            return Err(de::Error::custom(format!("`{key}` is written twice")));
        }
        let text = map.next_value()?;
        texts.push((key, text));
    }
    if texts.is_empty() {
        return Err(de::Error::custom(
            "no text: write one per language, such as `en: …` and `nl: …`",
        ));
    }
    Ok(Localized(texts))
}

/// Reads a required field that [`read_with_texts`]'s caller has not seen.
pub fn required<T, E: de::Error>(value: Option<T>, field: &'static str) -> Result<T, E> {
    value.ok_or_else(|| de::Error::missing_field(field))
}

/// Reads a field's value once: a second `field` is an error.
pub fn once<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    field: &str,
) -> Result<bool, A::Error> {
    if slot.is_some() {
        return Err(de::Error::custom(format!("`{field}` is written twice")));
    }
    *slot = Some(map.next_value()?);
    Ok(true)
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Localized<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Texts<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for Texts<T> {
            type Value = Localized<T>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text per language, such as (en: …, nl: …)")
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                read_with_texts(map, "", |_, _| Ok(false))
            }
        }

        deserializer.deserialize_struct("Localized", &[], Texts(PhantomData))
    }
}

impl<T: Serialize> Localized<T> {
    /// Writes each text as a field named by its language's code, into a struct that
    /// holds other fields too (an answer's words beside its range): as a session file
    /// writes it, so that it reads back. Only the compiled-in languages have names.
    pub fn serialize_fields<M: SerializeStruct>(&self, fields: &mut M) -> Result<(), M::Error> {
        for (code, text) in &self.0 {
            let name = Lang::from_code(code).map(Lang::code).ok_or_else(|| {
                serde::ser::Error::custom(format!("'{code}' is not one of bolwerk's languages"))
            })?;
            fields.serialize_field(name, text)?;
        }
        Ok(())
    }

    /// Whether every text's language is one bolwerk has.
    fn known(&self) -> bool {
        self.0
            .iter()
            .all(|(code, _)| Lang::from_code(code).is_some())
    }
}

impl<T: Serialize> Serialize for Localized<T> {
    /// As a session file writes it, `(en: "…", nl: "…")`; texts in a language bolwerk
    /// does not have, as a map.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.known() {
            let mut fields = serializer.serialize_struct("Localized", self.0.len())?;
            self.serialize_fields(&mut fields)?;
            return fields.end();
        }
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (code, text) in &self.0 {
            map.serialize_entry(code, text)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_language_reads_and_a_missing_one_falls_back_to_english() {
        let text: Localized<String> = ron::from_str(
            r#"(nl: "Interne klanten", en: "Internal customers", de: "Interne Kunden")"#,
        )
        .unwrap();
        assert_eq!(text.codes().collect::<Vec<_>>(), ["nl", "en", "de"]);
        assert_eq!(text.get(Lang::NL), "Interne klanten");
        assert_eq!(text.get(Lang::EN), "Internal customers");
        let only_dutch: Localized<String> = ron::from_str(r#"(nl: "Klant")"#).unwrap();
        assert_eq!(
            only_dutch.get(Lang::EN),
            "Klant",
            "the first, with no English"
        );
        assert_eq!(only_dutch.exact(Lang::EN), None);
    }

    #[test]
    fn a_field_that_is_no_language_a_language_twice_or_no_text_is_refused() {
        for (text, says) in [
            (r#"(en: "a", Title: "b")"#, "unknown field `Title`"),
            (r#"(en: "a", en: "b")"#, "`en` is written twice"),
            ("()", "no text"),
        ] {
            let err = ron::from_str::<Localized<String>>(text)
                .unwrap_err()
                .to_string();
            assert!(err.contains(says), "{text}: {err}");
        }
        assert!(is_language_code("pt-BR") && is_language_code("nds"));
        assert!(!is_language_code("minutes") && !is_language_code("e") && !is_language_code("EN"));
    }

    #[test]
    fn texts_written_out_read_back_the_same() {
        let text: Localized<Vec<String>> =
            [(Lang::EN, vec!["a".into()]), (Lang::NL, vec!["b".into()])]
                .into_iter()
                .collect();
        let json = serde_json::to_string(&text).unwrap();
        assert_eq!(json, r#"{"en":["a"],"nl":["b"]}"#);
        assert_eq!(text.map(Vec::len).get(Lang::NL), &1);
    }
}
