//! Three jobs, none of which rebuilds Bevy:
//!
//! 1. **Typed message ids.** Every message of `assets/i18n/en.ftl` becomes a variant
//!    of `bolwerk::i18n::Msg` (`button-play` is `Msg::ButtonPlay`), so code that asks
//!    for a text that does not exist does not compile. A test checks that every other
//!    language has the same messages.
//! 2. **The languages.** Every `assets/i18n/*.ftl` is compiled in, English first: a
//!    language is its file, and no list in the code names them.
//! 3. **A leaner binary.** Link `bolwerk` with packed relative relocations (RELR): the
//!    dynamic loader then reads about 92 KB of relocations at start-up instead of
//!    about 11 MB, which is resident memory every run pays (BENCHMARKS.md, "The
//!    binary's relocations").
//!    It needs GNU ld 2.38+ and glibc 2.36+, as on Debian 12; elsewhere the flag is
//!    left out.

use std::fmt::Write as _;
use std::path::PathBuf;

const MESSAGES: &str = "assets/i18n/en.ftl";
const LANGUAGES: &str = "assets/i18n";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={MESSAGES}");
    println!("cargo:rerun-if-changed={LANGUAGES}");
    write_message_ids();
    write_languages();
    let linux_gnu = std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux")
        && std::env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("gnu");
    if linux_gnu {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

/// Writes `$OUT_DIR/languages.rs`: `SOURCES`, each language's code (its file's name)
/// and its Fluent source, English first and the others by code.
fn write_languages() {
    let dir =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it")).join(LANGUAGES);
    let mut files: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .expect("assets/i18n is readable")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "ftl"))
        .filter_map(|path| {
            let code = path.file_stem()?.to_str()?.to_owned();
            println!("cargo:rerun-if-changed={}", path.display());
            Some((code, path))
        })
        .collect();
    files.sort_by_key(|(code, _)| (code != "en", code.clone()));
    let mut out = String::from(
        "/// Each compiled-in language's code and Fluent source, English first.\n\
         const SOURCES: &[(&str, &str)] = &[\n",
    );
    for (code, path) in &files {
        let _ = writeln!(
            out,
            "    ({code:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    out.push_str("];\n");
    let path =
        PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("languages.rs");
    std::fs::write(path, out).expect("OUT_DIR is writable");
}

/// Writes `$OUT_DIR/msg.rs`: the `Msg` enum, one variant per message in `en.ftl`.
fn write_message_ids() {
    let source = std::fs::read_to_string(MESSAGES).expect("assets/i18n/en.ftl is readable");
    // A message starts at the beginning of a line: `id = …` or `id =` (a multi-line
    // value follows). Comments (`#`), terms (`-id`) and continuation lines (indented)
    // do not. The i18n test checks this list against Fluent's own parse.
    let ids: Vec<&str> = source
        .lines()
        .filter(|line| line.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|line| line.split_once('=').map(|(id, _)| id.trim()))
        .collect();
    let variant = |id: &str| -> String {
        id.split('-')
            .map(|part| {
                let mut chars = part.chars();
                chars.next().map_or_else(String::new, |c| {
                    c.to_ascii_uppercase().to_string() + chars.as_str()
                })
            })
            .collect()
    };
    let mut out = String::new();
    out.push_str(
        "/// A message of the interface, by id: one variant per message in `en.ftl`.\n\
         #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]\n\
         pub enum Msg {\n",
    );
    for id in &ids {
        let _ = writeln!(out, "    /// `{id}`\n    {},", variant(id));
    }
    out.push_str("}\n\nimpl Msg {\n    /// Every message, in the file's order.\n");
    let _ = writeln!(out, "    pub const ALL: [Msg; {}] = [", ids.len());
    for id in &ids {
        let _ = writeln!(out, "        Msg::{},", variant(id));
    }
    out.push_str("    ];\n\n    /// The id in the Fluent files.\n    pub fn id(self) -> &'static str {\n        match self {\n");
    for id in &ids {
        let _ = writeln!(out, "            Msg::{} => \"{id}\",", variant(id));
    }
    out.push_str("        }\n    }\n}\n");
    let path = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("msg.rs");
    std::fs::write(path, out).expect("OUT_DIR is writable");
}
