//! Scenarios: the script of a training session, as RON files in `assets/scenarios/`.
//!
//! A scenario has a title and a list of acts ([`act`]). Each act has a caption in
//! each of the session's languages (the languages of its title: English and Dutch in
//! the shipped sessions, any language there are interface texts for), and may change
//! the parameters (starting a fresh world), set a growth target or a duration, move
//! the camera, show or hide parts of the scene, and start a what-if comparison. What
//! an act does besides is its kind's ([`kinds`]); [`play`] runs the acts through the
//! same intents the keys and the panel send, one [`phase`] at a time.
//!
//! Loading checks everything before the app starts: a malformed file, an unknown
//! field, a missing caption, an impossible parameter or what the act's kind refuses is
//! refused with the file, the act and the line.

pub mod act;
pub mod kinds;
pub mod phase;
pub mod play;
pub mod starter;
pub mod summary;
pub mod timing;
pub mod watch;

use std::path::{Path, PathBuf};

use bolwerk_model::Params;
use serde::{Deserialize, Serialize};

pub use self::act::{
    Act, CameraMove, DEFAULT_ACT_SECS, MAX_CAPTION_SENTENCE, MAX_OPTIONS, MAX_QUESTION_CHARS,
    READING_CHARS_PER_SEC, Show,
};
use self::kinds::Kind;
pub use crate::intent::{Caption, CaptionText, Choice, Measure, Notes, Question};

use crate::i18n::{Lang, Localized, lang_codes};
use crate::output::LONGEST_SECS;
use crate::sim::compare::MAX_COMPARED;
use crate::sim::{MAX_SPEED, MIN_SPEED};

/// A training session's script.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// The session's title, in each of its languages: the languages the session is
    /// given in, which every text in it must have.
    pub title: Localized<String>,
    /// The seed of every fresh world, unless an act names its own.
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// The acts, in order: `parts:` in the file (`acts:`, the old name, works too).
    #[serde(alias = "parts")]
    pub acts: Vec<Act>,
}

fn default_seed() -> u64 {
    1
}

/// A shorter session made by choosing parts of another, so that the texts live in
/// one file and cannot drift apart:
///
/// ```ron
/// (title: (en: "…", nl: "…"), of: "interne-klanten.ron", parts: [1, 2, 4, 8, 11], ask_once: true)
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Cut {
    /// The shorter session's title.
    title: Localized<String>,
    /// The session it is cut from: a file in the same folder.
    of: PathBuf,
    /// The parts it keeps, numbered as in that session, in order.
    parts: Vec<usize>,
    /// Questions asked twice there are asked once here: a short slot has no time for
    /// the room to talk them over.
    #[serde(default)]
    ask_once: bool,
}

/// Whether `text` is a [`Cut`]: a structure with an `of` field.
fn is_cut(text: &str) -> bool {
    match ron_options().from_str::<ron::Value>(text) {
        Ok(ron::Value::Map(map)) => map
            .keys()
            .any(|k| matches!(k, ron::Value::String(s) if s == "of")),
        _ => false,
    }
}

/// For a cut's `text` at `path`: the file it is cut from, and the parts it keeps
/// (from 0, numbered as there), where its texts are written.
pub(crate) fn cut_source(text: &str, path: &Path) -> Option<(PathBuf, Vec<usize>)> {
    if !is_cut(text) {
        return None;
    }
    let cut: Cut = ron_options().from_str(text).ok()?;
    let parts = cut.parts.iter().map(|&k| k.saturating_sub(1)).collect();
    Some((path.with_file_name(&cut.of), parts))
}

/// How session files are read: `Some` may be left out.
fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// The shipped 20-minute cut of the shipped session.
pub const SHIPPED_SHORT: &str = "assets/scenarios/interne-klanten-20.ron";

/// The shipped scenario, run when `bolwerk present` is given none.
pub const SHIPPED: &str = "assets/scenarios/interne-klanten.ron";

/// The shipped scenario's text, compiled in.
pub const SHIPPED_TEXT: &str = include_str!("../../assets/scenarios/interne-klanten.ron");

/// Why a scenario cannot be used: the file, the line and column, the act (from 1)
/// and what.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}:{line}:{column}: {}{message}", path.display(), act.map(|a| format!("part {a}: ")).unwrap_or_default())]
pub struct ScenarioError {
    /// The file.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The act, from 1, if the problem is in one.
    pub act: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl Scenario {
    /// Reads, parses and validates a scenario file.
    pub fn load(path: &Path) -> Result<Self, ScenarioError> {
        Self::check_file(path).map_err(first)
    }

    /// Reads, parses and validates a scenario file, with every problem: the first
    /// syntax error (the parser stops there), or else every problem validation finds.
    pub fn check_file(path: &Path) -> Result<Self, Vec<ScenarioError>> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            vec![ScenarioError {
                path: path.to_path_buf(),
                line: 1,
                column: 1,
                act: None,
                message: format!("cannot read: {e}"),
            }]
        })?;
        Self::check_str(&text, path)
    }

    /// Parses and validates RON text (`path` is used in messages, and to find the
    /// session a cut is made of): the first problem, if there is one.
    pub fn from_ron_str(text: &str, path: &Path) -> Result<Self, ScenarioError> {
        Self::check_str(text, path).map_err(first)
    }

    /// Parses and validates RON text, with every problem (see [`Scenario::check_file`]).
    pub fn check_str(text: &str, path: &Path) -> Result<Self, Vec<ScenarioError>> {
        if is_cut(text) {
            return Self::cut(text, path);
        }
        let acts = act_lines(text);
        let scenario: Scenario = ron_options()
            .from_str(text)
            .map_err(|e| vec![syntax_error(&e, path, &acts)])?;
        scenario.validate(text, path, &acts)?;
        Ok(scenario)
    }

    /// Checks every act: captions, parameters, targets, durations, speeds, shapes, and
    /// what each kind of part asks of it. Every problem is reported (a part's first in
    /// each of those checks), in the order of the file.
    fn validate(&self, text: &str, path: &Path, acts: &[usize]) -> Result<(), Vec<ScenarioError>> {
        let places = Places::new(text, path, acts);
        if self.acts.is_empty() {
            return Err(vec![places.error(
                None,
                "parts",
                "a session needs at least one part".into(),
            )]);
        }
        let (langs, mut errors) = self.checked_languages(&places);
        let mut params = Params::default();
        // The head count an act's world starts from: a fresh world's start, or the
        // target the act before grew to.
        let mut size = params.initial_employees;
        for (i, act) in self.acts.iter().enumerate() {
            let mut fail = |field: &str, message: String| {
                errors.push(places.error(Some(i), field, message));
            };
            match &act.caption {
                None => fail(
                    "caption",
                    format!(
                        "no caption: every part needs one in each of the session's languages ({})",
                        lang_codes(&langs)
                    ),
                ),
                Some(caption) => {
                    if let Err(m) = caption.check_languages(&langs, "the caption") {
                        fail("caption", m);
                    }
                    for (lang, c) in caption.iter() {
                        if c.title.trim().is_empty() {
                            fail(lang, format!("the {lang} caption has no title"));
                        } else if !(1..=3).contains(&c.text.len())
                            || c.text
                                .iter()
                                .any(|t| t.trim().is_empty() || t.len() > MAX_CAPTION_SENTENCE)
                        {
                            fail(
                                lang,
                                format!(
                                    "the {lang} caption needs one to three short sentences (up to {MAX_CAPTION_SENTENCE} characters each)"
                                ),
                            );
                        }
                    }
                }
            }
            // The checks that need the part's world are left out where its own
            // parameters are refused: they would judge it by another world's.
            let mut world_ok = true;
            if let Some(p) = &act.params {
                match p.validate() {
                    // The parameter's own line, or the line of `params:`.
                    Err(e) => {
                        world_ok = false;
                        fail(
                            if places.has(i, e.field) {
                                e.field
                            } else {
                                "params"
                            },
                            e.to_string(),
                        );
                    }
                    Ok(()) => {
                        params = p.clone();
                        size = p.initial_employees;
                    }
                }
            }
            if let Some(n) = act.until_employees
                && world_ok
                && let Some(why) = params.unreachable(n)
            {
                fail("until_employees", format!("until_employees {n} {why}"));
            }
            if let Some(d) = act.duration
                && !(d.is_finite() && d > 0.0 && d <= LONGEST_SECS)
            {
                fail(
                    "duration",
                    format!("duration {d}: it must be above 0 and at most {LONGEST_SECS} seconds"),
                );
            }
            if !(act.hold.is_finite() && (0.0..=600.0).contains(&act.hold)) {
                fail(
                    "hold",
                    format!("hold {}: it must be 0 to 600 seconds", act.hold),
                );
            }
            if let Some(s) = act.speed
                && !(MIN_SPEED..=MAX_SPEED).contains(&s)
            {
                fail(
                    "speed",
                    format!("speed {s}: it must be {MIN_SPEED} to {MAX_SPEED}"),
                );
            }
            if let Some(c) = act.camera
                && !(c.yaw.is_finite()
                    && c.pitch.is_finite()
                    && c.zoom.is_finite()
                    && c.zoom >= 1.0)
            {
                fail(
                    "camera",
                    "camera: yaw and pitch must be numbers and zoom at least 1".into(),
                );
            }
            if let Some(kinds) = &act.compare
                && !kinds.is_empty()
                && !(2..=MAX_COMPARED).contains(&kinds.len())
            {
                fail(
                    "compare",
                    format!("compare: two to {MAX_COMPARED} shapes, or [] to end the comparison"),
                );
            }
            if world_ok && let Err((field, m)) = Kind::of(act).check(&params, size, &langs) {
                fail(field, m);
            }
            if let Some(n) = act.until_employees {
                size = size.max(n);
            }
            if let Some(notes) = &act.notes
                && let Err(m) = check_notes(notes, &langs)
            {
                fail("notes", m);
            }
            if let Some(describe) = &act.describe
                && let Err(m) = check_describe(describe, &langs)
            {
                fail("describe", m);
            }
        }
        // In the order of the file, as a trainer reads it.
        errors.sort_by_key(|e| (e.line, e.column));
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// The session's languages, the languages of its title that have interface texts,
    /// and a problem for each that has none.
    fn checked_languages(&self, places: &Places) -> (Vec<Lang>, Vec<ScenarioError>) {
        let mut langs = Vec::new();
        let mut errors = Vec::new();
        for code in self.title.codes() {
            match Lang::from_code(code) {
                Some(lang) => langs.push(lang),
                None => errors.push(places.error(
                    None,
                    code,
                    format!(
                        "title: bolwerk has no interface texts in the language '{code}' (its file, {code}.ftl, goes beside the session or in the --languages folder); there are: {}",
                        lang_codes(Lang::all())
                    ),
                )),
            }
        }
        (langs, errors)
    }

    /// The languages the session is given in: its title's, in the order written.
    pub fn languages(&self) -> Vec<Lang> {
        self.title.codes().filter_map(Lang::from_code).collect()
    }

    /// A shorter session read from a cut's `text`: the parts it chooses from the
    /// session it names, which is read and validated first; then the chosen parts are
    /// validated again as a session of their own (a part's question may depend on the
    /// size the part before it left).
    fn cut(text: &str, path: &Path) -> Result<Self, Vec<ScenarioError>> {
        let places = Places::new(text, path, &[]);
        let fail = |field: &str, message: String| vec![places.error(None, field, message)];
        let cut: Cut = ron_options()
            .from_str(text)
            .map_err(|e| vec![syntax_error(&e, path, &[])])?;
        if cut.of.is_absolute() || cut.of.components().count() != 1 {
            return Err(fail(
                "of",
                format!(
                    "of {}: name a session file in the same folder as this one",
                    cut.of.display()
                ),
            ));
        }
        let full = Self::check_file(&path.with_file_name(&cut.of))?;
        if cut.parts.is_empty()
            || cut.parts.windows(2).any(|w| w[0] >= w[1])
            || cut
                .parts
                .iter()
                .any(|&k| !(1..=full.acts.len()).contains(&k))
        {
            return Err(fail(
                "parts",
                format!(
                    "parts: choose parts of {} by their numbers, 1 to {}, each once and in order",
                    cut.of.display(),
                    full.acts.len()
                ),
            ));
        }
        let mut scenario = Scenario {
            title: cut.title,
            seed: full.seed,
            acts: cut
                .parts
                .iter()
                .map(|&k| full.acts[k - 1].clone())
                .collect(),
        };
        if cut.ask_once {
            scenario.ask_once();
        }
        scenario.validate(text, path, &[])?;
        Ok(scenario)
    }

    /// Loads a scenario file, or the shipped scenario (compiled in, so it runs from any
    /// folder) when there is none.
    pub fn load_or_shipped(path: Option<&Path>) -> Result<Self, ScenarioError> {
        match path {
            Some(path) => Self::load(path),
            None => Self::from_ron_str(SHIPPED_TEXT, Path::new(SHIPPED)),
        }
    }

    /// Asks every question once, those asked twice too: for a short slot, and for a
    /// recording, where no room talks a first round over.
    pub fn ask_once(&mut self) {
        for question in self.acts.iter_mut().filter_map(|a| a.question.as_mut()) {
            question.again = false;
        }
    }

    /// The parameters the first act starts with.
    pub fn start_params(&self) -> Params {
        self.acts[0].params.clone().unwrap_or_default()
    }

    /// The parameters in force at act `k`: its own, or those of the last act before it
    /// that set them, as the session plays it straight through.
    pub fn params_at(&self, k: usize) -> Params {
        self.acts[..=k.min(self.acts.len() - 1)]
            .iter()
            .rev()
            .find_map(|a| a.params.clone())
            .unwrap_or_default()
    }

    /// Every text the session shows or gives the trainer in `lang`, each with its part
    /// (from 0; none for the title): captions, questions and their options, the ask
    /// for the room's organisations, and notes.
    pub fn texts(&self, lang: Lang) -> Vec<(Option<usize>, String)> {
        let mut out = vec![(None, self.title.get(lang).to_string())];
        for (k, act) in self.acts.iter().enumerate() {
            let mut texts = Vec::new();
            if let Some(c) = &act.caption {
                let c = c.get(lang);
                texts.push(c.title.clone());
                texts.extend(c.text.iter().cloned());
            }
            if let Some(q) = &act.question {
                texts.push(q.ask.get(lang).to_string());
                texts.extend(q.options.iter().map(|o| o.get(lang).to_string()));
            }
            if let Some(o) = &act.organisations {
                texts.push(o.ask.get(lang).to_string());
            }
            if let Some(n) = &act.notes {
                texts.extend(n.get(lang).iter().cloned());
            }
            if let Some(d) = &act.describe {
                texts.push(d.get(lang).to_string());
            }
            out.extend(texts.into_iter().map(|t| (Some(k), t)));
        }
        out
    }

    /// The texts the session lacks in `lang`, each with its part (from 0), its field and
    /// what it is: in a language loaded at run time another language's text shows in
    /// their place (English, where the session has it).
    pub fn missing(&self, lang: Lang) -> Vec<(usize, &'static str, String)> {
        // The title has every language of the session: it names them.
        let mut out = Vec::new();
        for (k, act) in self.acts.iter().enumerate() {
            let mut lacks = |field: &'static str, what: String, has: bool| {
                if !has {
                    out.push((k, field, what));
                }
            };
            if let Some(c) = &act.caption {
                lacks("caption", "the caption".into(), c.exact(lang).is_some());
            }
            if let Some(n) = &act.notes {
                lacks("notes", "the notes".into(), n.text.exact(lang).is_some());
            }
            if let Some(d) = &act.describe {
                lacks(
                    "describe",
                    "the description".into(),
                    d.exact(lang).is_some(),
                );
            }
            if let Some(q) = &act.question {
                lacks(
                    "question",
                    "the question".into(),
                    q.ask.exact(lang).is_some(),
                );
                for (i, o) in q.options.iter().enumerate() {
                    let has = o.words.exact(lang).is_some();
                    lacks("question", format!("option {}", i + 1), has);
                }
            }
            if let Some(o) = &act.organisations {
                let has = o.ask.exact(lang).is_some();
                lacks("organisations", "the ask for organisations".into(), has);
            }
        }
        out
    }

    /// The simulation's speed as a recording of the session starts: the first part's
    /// own, or `given` (`record --speed`). Later parts keep it unless they set theirs.
    pub fn recording_speed(&self, given: f64) -> f64 {
        self.acts[0].speed.unwrap_or(given)
    }

    /// The seed of act `i`'s fresh world.
    pub fn seed_of(&self, i: usize) -> u64 {
        self.acts[i].seed.unwrap_or(self.seed)
    }
}

/// For tests: the example session around a sketch (`assets/scenarios/sketch-the-curve.ron`),
/// and the part that asks for it (from 0).
#[cfg(test)]
pub(crate) fn sketch_example() -> (Scenario, usize) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/scenarios/sketch-the-curve.ron");
    let scenario = Scenario::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let part = scenario
        .acts
        .iter()
        .position(|a| a.question.as_ref().is_some_and(|q| q.sketched()))
        .expect("the example session asks for a sketch");
    (scenario, part)
}

/// The first of a file's problems (there is always one).
fn first(mut errors: Vec<ScenarioError>) -> ScenarioError {
    errors.swap_remove(0)
}

/// The parser's error, where it stopped, in the part it stopped in.
fn syntax_error(e: &ron::error::SpannedError, path: &Path, acts: &[usize]) -> ScenarioError {
    let line = e.span.start.line;
    ScenarioError {
        path: path.to_path_buf(),
        line,
        column: e.span.start.col.max(1),
        act: acts.iter().rposition(|&l| l <= line).map(|a| a + 1),
        message: e.code.to_string(),
    }
}

/// Where things are written in a session file, for its messages: the lines of each
/// part, and the field a problem is in.
pub(crate) struct Places<'a> {
    path: &'a Path,
    lines: Vec<&'a str>,
    /// The 1-based line each part starts on ([`act_lines`]); none for a cut.
    acts: &'a [usize],
}

impl<'a> Places<'a> {
    pub(crate) fn new(text: &'a str, path: &'a Path, acts: &'a [usize]) -> Self {
        Self {
            path,
            lines: text.lines().collect(),
            acts,
        }
    }

    /// The lines of part `act` (from 0), or before the first part, or all.
    fn span(&self, act: Option<usize>) -> std::ops::Range<usize> {
        let last = self.lines.len() + 1;
        match act {
            Some(i) if i < self.acts.len() => {
                self.acts[i]..self.acts.get(i + 1).copied().unwrap_or(last)
            }
            None if !self.acts.is_empty() => 1..self.acts[0],
            _ => 1..last,
        }
    }

    /// Line and column (1-based) of the first `field:` in part `act`'s lines.
    fn find(&self, act: Option<usize>, field: &str) -> Option<(usize, usize)> {
        self.span(act).find_map(|l| {
            let line = self.lines.get(l - 1)?;
            key_at(line, field).map(|at| (l, line[..at].chars().count() + 1))
        })
    }

    /// Whether part `act` writes `field:`.
    fn has(&self, act: usize, field: &str) -> bool {
        self.find(Some(act), field).is_some()
    }

    /// Line and column of `field:` in part `act`, or where the part starts (its
    /// opening bracket, on the line it starts on).
    pub(crate) fn at(&self, act: Option<usize>, field: &str) -> (usize, usize) {
        self.find(act, field).unwrap_or_else(|| {
            let l = self.span(act).start;
            let column = self.lines.get(l - 1).map_or(1, |s| {
                let bracket = act.and_then(|_| s.find('('));
                let at = bracket.unwrap_or(s.len() - s.trim_start().len());
                s[..at].chars().count() + 1
            });
            (l, column)
        })
    }

    /// Line and column of the text `words` as written in part `act` (a string in the
    /// file), if it is written there as it reads.
    pub(crate) fn text(&self, act: Option<usize>, words: &str) -> Option<(usize, usize)> {
        let first = words.lines().next()?;
        self.span(act).find_map(|l| {
            let line = self.lines.get(l - 1)?;
            line.find(first)
                .map(|at| (l, line[..at].chars().count() + 1))
        })
    }

    /// A problem with `field` in part `act` (from 0), or in the session's head.
    pub(crate) fn error(&self, act: Option<usize>, field: &str, message: String) -> ScenarioError {
        let (line, column) = self.at(act, field);
        self.error_at(act, (line, column), message)
    }

    /// A problem at a line and column.
    pub(crate) fn error_at(
        &self,
        act: Option<usize>,
        (line, column): (usize, usize),
        message: String,
    ) -> ScenarioError {
        ScenarioError {
            path: self.path.to_path_buf(),
            line,
            column,
            act: act.map(|i| i + 1),
            message,
        }
    }
}

/// The byte offset of `key:` in `line` as a whole word (not the end of a longer
/// name), outside strings and comments, if it is there.
fn key_at(line: &str, key: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut in_string = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if in_string => i += 1,
            b'"' => in_string = !in_string,
            b'/' if !in_string && bytes.get(i + 1) == Some(&b'/') => return None,
            _ if !in_string && bytes[i..].starts_with(key.as_bytes()) => {
                let before = line[..i].chars().next_back();
                let after = line[i + key.len()..].trim_start();
                if before.is_none_or(|c| !c.is_alphanumeric() && c != '_') && after.starts_with(':')
                {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Why a part's description cannot be used, if it cannot: words in each of the
/// session's languages, up to [`MAX_DESCRIBE_CHARS`].
fn check_describe(describe: &Localized<String>, langs: &[Lang]) -> Result<(), String> {
    describe.check_languages(langs, "describe: the description")?;
    for (lang, text) in describe.iter() {
        let n = text.trim().chars().count();
        if n == 0 || n > MAX_DESCRIBE_CHARS {
            return Err(format!(
                "describe: the {lang} description needs words (up to {MAX_DESCRIBE_CHARS} characters)"
            ));
        }
    }
    Ok(())
}

/// The longest a part's description may be, in characters: two or three sentences.
pub const MAX_DESCRIBE_CHARS: usize = 400;

/// Why notes cannot be used, if they cannot.
fn check_notes(notes: &Notes, langs: &[Lang]) -> Result<(), String> {
    if !(notes.minutes.is_finite() && notes.minutes > 0.0 && notes.minutes <= 60.0) {
        return Err(format!(
            "notes: minutes {} must be above 0 and at most 60",
            notes.minutes
        ));
    }
    notes.text.check_languages(langs, "notes: the notes")?;
    for (lang, text) in notes.text.iter() {
        if text.is_empty() || text.iter().any(|t| t.trim().is_empty()) {
            return Err(format!("notes: the {lang} notes need words"));
        }
    }
    Ok(())
}

/// The 1-based line where each act of the `acts: [ ... ]` list starts. A light scan
/// that skips strings and comments; good enough to point at an act.
pub fn act_lines(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    // The list's key, whichever name the file uses: the first to appear (the other
    // may still be a word in a caption further on).
    let keys = [find_key(text, "parts"), find_key(text, "acts")];
    let Some(start) = keys.into_iter().flatten().min() else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    let mut line = 1 + text[..start].matches('\n').count();
    let mut depth = 0i32;
    let mut i = start;
    let mut in_list = false;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'\n' => line += 1,
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    } else if bytes[i] == b'\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'[' if !in_list => {
                in_list = true;
                depth = 0;
            }
            b'(' | b'[' | b'{' => {
                if in_list && depth == 0 && c == b'(' {
                    lines.push(line);
                }
                depth += 1;
            }
            b')' | b']' | b'}' => {
                if in_list && depth == 0 {
                    break;
                }
                depth -= 1;
            }
            _ => {}
        }
        i += 1;
    }
    lines
}

/// The byte offset just after `key:` at the top level of a RON text.
fn find_key(text: &str, key: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = text[from..].find(key) {
        let at = from + at;
        let before = text[..at].chars().last();
        let after = text[at + key.len()..].trim_start();
        if before.is_none_or(|c| !c.is_alphanumeric() && c != '_') && after.starts_with(':') {
            return Some(at + key.len());
        }
        from = at + key.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acts_are_found_by_line() {
        let text = "(\n  title: (en: \"a (b\", nl: \"c\"),\n  acts: [\n    (\n      caption: None,\n    ),\n    // (a comment\n    (caption: None),\n  ],\n)";
        assert_eq!(act_lines(text), [4, 8]);
    }

    /// The file says `parts:`, as the user reads everywhere else; `acts:`, the old
    /// name, still loads; a caption that says “parts:” does not confuse the scan.
    #[test]
    fn the_list_is_called_parts_and_acts_still_loads() {
        let session = |key: &str| {
            format!(
                "(\n  title: (en: \"T\", nl: \"T\"),\n  {key}: [\n    (\n      caption: (en: (title: \"a\", text: [\"two acts: here\"]), nl: (title: \"a\", text: [\"parts: b\"])),\n    ),\n  ],\n)"
            )
        };
        for key in ["parts", "acts"] {
            let text = session(key);
            let scenario = Scenario::from_ron_str(&text, Path::new("s.ron"))
                .unwrap_or_else(|e| panic!("{key}: {e}"));
            assert_eq!(scenario.acts.len(), 1, "{key}");
            assert_eq!(act_lines(&text), [4], "{key}");
        }
        let shipped = Scenario::load_or_shipped(None).unwrap();
        assert_eq!(shipped.acts.len(), 12);
    }

    /// A session's languages are its title's: a session in English alone loads; every
    /// text needs each of them and no other; a language with no interface texts is
    /// refused by name. None of this is in the session's Rust types.
    #[test]
    fn a_session_is_given_in_its_titles_languages() {
        let session =
            |title: &str, caption: &str| format!("(title: {title}, parts: [(caption: {caption})])");
        let load = |text: &str| Scenario::from_ron_str(text, Path::new("s.ron"));
        let en = r#"(title: "One", text: ["A sentence."])"#;
        let nl = r#"(title: "Een", text: ["Een zin."])"#;
        let english = load(&session(r#"(en: "T")"#, &format!("(en: {en})"))).unwrap();
        assert_eq!(english.languages(), [Lang::EN]);
        assert_eq!(
            english.acts[0]
                .caption
                .as_ref()
                .unwrap()
                .get(Lang::NL)
                .title,
            "One"
        );
        let dutch_first = load(&session(
            r#"(nl: "T", en: "T")"#,
            &format!("(en: {en}, nl: {nl})"),
        ))
        .unwrap();
        assert_eq!(dutch_first.languages(), [Lang::NL, Lang::EN]);
        for (title, caption, says) in [
            (
                r#"(en: "T", nl: "T")"#,
                format!("(en: {en})"),
                "no text in 'nl'",
            ),
            (
                r#"(en: "T")"#,
                format!("(en: {en}, nl: {nl})"),
                "a text in 'nl'",
            ),
            (
                r#"(en: "T", xx: "T")"#,
                format!("(en: {en}, xx: {en})"),
                "no interface texts in the language 'xx' (its file, xx.ftl, goes beside the session or in the --languages folder)",
            ),
            (
                r#"(en: "T")"#,
                format!("(en: {en}, Nl: {nl})"),
                "unknown field `Nl`",
            ),
        ] {
            let err = load(&session(title, &caption)).unwrap_err().to_string();
            assert!(err.contains(says), "{title} {caption}: {err}");
        }
    }

    /// The languages are the Fluent files there are, English first: no list in the
    /// code names them.
    #[test]
    fn the_languages_are_the_files_in_assets_i18n() {
        let mut files: Vec<String> = std::fs::read_dir("assets/i18n")
            .unwrap()
            .filter_map(|e| {
                let path = e.ok()?.path();
                (path.extension()? == "ftl")
                    .then(|| path.file_stem()?.to_str().map(String::from))?
            })
            .collect();
        files.sort_by_key(|code| (code != "en", code.clone()));
        let codes: Vec<&str> = Lang::all().iter().map(|l| l.code()).collect();
        assert_eq!(codes, files);
        // The switch visits every language once and comes back.
        let mut visited = vec![Lang::EN];
        while visited.len() <= codes.len() {
            visited.push(visited[visited.len() - 1].next());
        }
        assert_eq!(visited[codes.len()], Lang::EN);
        visited.pop();
        assert_eq!(visited, Lang::all());
        for &lang in Lang::all() {
            assert!(
                lang.iso639_2().len() == 3 && lang.native_name() != lang.code(),
                "{lang}"
            );
            assert_eq!(lang.code().parse::<Lang>(), Ok(lang));
        }
        assert!(
            "xx".parse::<Lang>()
                .unwrap_err()
                .contains("there are: en, nl")
        );
    }
}
