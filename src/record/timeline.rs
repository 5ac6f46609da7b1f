//! A recorded session's chapters and subtitles, from its scenario and from when each
//! act began and each question was answered.
//!
//! Each act films as its kind says (`scenario::kinds`): one chapter, titled with the
//! act's title, or for a question act two, its question and its answer. The subtitles carry the captions (and, while a question
//! shows, the question and its options), in each language, so that a viewer can
//! switch language without a second video. They are written as SubRip (`.srt`), WebVTT
//! (`.vtt`), ffmpeg's FFMETADATA (chapters to mux into the video) and the plain list
//! of chapters that video platforms read from a description.
//!
//! The formats are written here rather than with a subtitle crate: the one that fit,
//! `fasrt` 0.5, turns on features of `derive_more` that Bevy also uses, and so rebuilds
//! Bevy (35 minutes on a two-core machine); and its writers copy cue text as is, where
//! WebVTT needs `&`, `<` and `>` escaped. The tests read every file back with ffmpeg.

use crate::i18n::{Lang, Msg, Texts};
pub use crate::scenario::kinds::Span;
use crate::scenario::kinds::{Kind, Take};
use crate::scenario::{Act, Scenario};

/// The shortest chapter the plain list keeps: video platforms ignore a list with a
/// shorter one. Shorter acts are joined to a neighbour there (not in the video).
pub const MIN_LISTED_CHAPTER: f64 = 10.0;

/// What happened when during a recording, in seconds of video.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Marks {
    /// Each act entered, with when.
    pub entered: Vec<(usize, f64)>,
    /// Each question act whose answer was revealed, with when.
    pub revealed: Vec<(usize, f64)>,
    /// The video's length.
    pub end: f64,
}

/// One act's stretch of a recording, in seconds of video.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stretch {
    /// The act, from 0.
    pub act: usize,
    /// When it began.
    pub start: f64,
    /// When it ended.
    pub end: f64,
    /// When it moved on within itself (a question's answer revealed), if it did.
    pub turned: Option<f64>,
}

impl Marks {
    /// Each act's stretch, in order: it ends where the next begins (or the video
    /// ends); an act left at once has none.
    pub fn stretches(&self) -> impl Iterator<Item = Stretch> + '_ {
        self.entered
            .iter()
            .enumerate()
            .filter_map(|(k, &(act, start))| {
                let end = self
                    .entered
                    .get(k + 1)
                    .map_or(self.end, |&(_, next)| next)
                    .min(self.end);
                let turned = self
                    .revealed
                    .iter()
                    .find(|&&(a, t)| a == act && t >= start && t < end)
                    .map(|&(_, t)| t);
                (end > start).then_some(Stretch {
                    act,
                    start,
                    end,
                    turned,
                })
            })
    }
}

/// A recording's chapters and subtitles in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// The session's title.
    pub title: String,
    /// Back to back, from the first act's start to the end.
    pub chapters: Vec<Span>,
    /// The subtitles, in order, not overlapping.
    pub cues: Vec<Span>,
}

impl Timeline {
    /// The timeline of `scenario` recorded with `marks`, in `lang`.
    pub fn new(scenario: &Scenario, marks: &Marks, lang: Lang) -> Self {
        let texts = Texts::new(lang);
        let mut chapters = Vec::new();
        let mut cues = Vec::new();
        for Stretch {
            act: index,
            start,
            end,
            turned,
        } in marks.stretches()
        {
            let act = &scenario.acts[index];
            let title = act_title(act, index, scenario.acts.len(), &texts);
            let (chapter, cue) = Kind::of(act).film(&Take {
                act,
                title: &title,
                texts: &texts,
                start,
                end,
                turned,
            });
            chapters.extend(chapter);
            cues.extend(cue);
        }
        Self {
            title: scenario.title.get(lang).to_owned(),
            chapters,
            cues,
        }
    }

    /// The subtitles as SubRip.
    pub fn srt(&self) -> String {
        let mut out = String::new();
        for (k, cue) in self.cues.iter().enumerate() {
            out.push_str(&format!(
                "{}\n{} --> {}\n{}\n\n",
                k + 1,
                clock(cue.start, ','),
                clock(cue.end, ','),
                escape_srt(&one_block(&cue.text))
            ));
        }
        out
    }

    /// The subtitles as WebVTT.
    pub fn vtt(&self) -> String {
        webvtt(&self.cues)
    }

    /// The chapters as a WebVTT chapters track (`<track kind="chapters">`), each cue
    /// a chapter's title.
    pub fn chapters_vtt(&self) -> String {
        webvtt(&self.chapters)
    }

    /// The title and chapters as ffmpeg's FFMETADATA, in milliseconds.
    pub fn ffmetadata(&self) -> String {
        let mut out = format!(";FFMETADATA1\ntitle={}\n", escape_meta(&self.title));
        for c in &self.chapters {
            out.push_str(&format!(
                "\n[CHAPTER]\nTIMEBASE=1/1000\nSTART={}\nEND={}\ntitle={}\n",
                millis(c.start),
                millis(c.end),
                escape_meta(&c.text)
            ));
        }
        out
    }

    /// The chapters as video platforms read them from a description: one line each,
    /// `M:SS Title`, the first at 0:00, none shorter than [`MIN_LISTED_CHAPTER`] (a
    /// shorter one is joined to the one before it, or to the next when it is first).
    pub fn chapter_list(&self) -> String {
        let mut listed: Vec<Span> = Vec::new();
        for c in &self.chapters {
            match listed.last_mut() {
                Some(last) if last.end - last.start < MIN_LISTED_CHAPTER => {
                    last.end = c.end;
                    last.text = format!("{} / {}", last.text, c.text);
                }
                _ => listed.push(c.clone()),
            }
        }
        if listed.len() > 1
            && listed
                .last()
                .is_some_and(|l| l.end - l.start < MIN_LISTED_CHAPTER)
        {
            let short = listed.pop().expect("there is a last");
            let last = listed.last_mut().expect("more than one");
            last.end = short.end;
            last.text = format!("{} / {}", last.text, short.text);
        }
        if let Some(first) = listed.first_mut() {
            first.start = 0.0;
        }
        listed
            .iter()
            .map(|c| format!("{} {}\n", minutes(c.start), c.text))
            .collect()
    }
}

/// `spans` as WebVTT cues, in order: subtitles, chapters or descriptions.
pub fn webvtt(spans: &[Span]) -> String {
    let mut out = String::from("WEBVTT\n\n");
    for cue in spans {
        out.push_str(&format!(
            "{} --> {}\n{}\n\n",
            clock(cue.start, '.'),
            clock(cue.end, '.'),
            escape_vtt(&one_block(&cue.text))
        ));
    }
    out
}

/// An act's title in `lang`: its caption's, else "part K / N".
pub fn act_title(act: &Act, index: usize, total: usize, texts: &Texts) -> String {
    act.caption.as_ref().map_or_else(
        || {
            texts.fmt(
                Msg::PartOf,
                &[("part", (index + 1).into()), ("total", total.into())],
            )
        },
        |c| c.get(texts.lang).title.clone(),
    )
}

/// A subtitle's lines with no blank line among them: a blank line ends a cue in both
/// formats.
fn one_block(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// SubRip has no escapes, and players (ffmpeg's decoder among them) drop what looks
/// like a tag: `<` and `>` become the single guillemets `‹` and `›`.
fn escape_srt(text: &str) -> String {
    text.replace('<', "‹").replace('>', "›")
}

/// WebVTT reads `&`, `<` and `>` as markup; escaped, `-->` is harmless too.
fn escape_vtt(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// FFMETADATA escapes `=`, `;`, `#`, `\` and line breaks with a backslash.
fn escape_meta(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '=' | ';' | '#' | '\\' | '\n') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn millis(secs: f64) -> u64 {
    (secs.max(0.0) * 1000.0).round() as u64
}

/// `HH:MM:SS,mmm` (SubRip, `sep` ',') or `HH:MM:SS.mmm` (WebVTT, '.').
fn clock(secs: f64, sep: char) -> String {
    let ms = millis(secs);
    format!(
        "{:02}:{:02}:{:02}{sep}{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

/// `M:SS`, or `H:MM:SS` from an hour on, as platforms read chapter times.
pub fn minutes(secs: f64) -> String {
    let s = secs.max(0.0).floor() as u64;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario() -> Scenario {
        let ron = r#"(
            title: (en: "Internal customers", nl: "Interne klanten"),
            acts: [
                (
                    caption: (
                        en: (title: "One", text: ["First & second <sentence>.", "Third."]),
                        nl: (title: "Een", text: ["Eerste.", "Tweede."]),
                    ),
                    duration: 4.0,
                ),
                (
                    caption: (
                        en: (title: "Two", text: ["A question act."]),
                        nl: (title: "Twee", text: ["Een vraag."]),
                    ),
                    question: (
                        ask: (en: "How much?", nl: "Hoeveel?"),
                        answer: CustomerShare,
                        options: [
                            (en: "little", nl: "weinig", from: 0.0, to: 0.1),
                            (en: "much", nl: "veel", from: 0.1, to: 1.0),
                        ],
                    ),
                    params: (initial_employees: 80, max_employees: 200),
                    until_employees: 200,
                ),
                (
                    caption: (
                        en: (title: "Three", text: ["End."]),
                        nl: (title: "Drie", text: ["Einde."]),
                    ),
                    duration: 30.0,
                ),
            ],
        )"#;
        Scenario::from_ron_str(ron, std::path::Path::new("test.ron")).unwrap()
    }

    fn marks() -> Marks {
        Marks {
            entered: vec![(0, 0.0), (1, 4.0), (2, 20.0)],
            revealed: vec![(1, 9.0)],
            end: 50.0,
        }
    }

    #[test]
    fn a_chapter_per_act_and_two_for_a_question() {
        let t = Timeline::new(&scenario(), &marks(), Lang::EN);
        let chapters: Vec<_> = t
            .chapters
            .iter()
            .map(|c| (c.start, c.end, c.text.as_str()))
            .collect();
        assert_eq!(
            chapters,
            [
                (0.0, 4.0, "One"),
                (4.0, 9.0, "Two: question"),
                (9.0, 20.0, "Two: answer"),
                (20.0, 50.0, "Three"),
            ]
        );
        let nl = Timeline::new(&scenario(), &marks(), Lang::NL);
        assert_eq!(nl.chapters[1].text, "Twee: vraag");
        assert_eq!(nl.chapters[2].text, "Twee: antwoord");
        assert_eq!(nl.title, "Interne klanten");
    }

    #[test]
    fn captions_share_their_act_by_length_and_the_question_shows_until_its_answer() {
        let t = Timeline::new(&scenario(), &marks(), Lang::EN);
        let texts: Vec<_> = t.cues.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "One\nFirst & second <sentence>.",
                "Third.",
                "How much?\nA. little   B. much",
                "Two\nA question act.",
                "Three\nEnd."
            ]
        );
        // Back to back within the first act, in proportion to their length.
        assert_eq!(t.cues[0].start, 0.0);
        assert_eq!(t.cues[1].end, 4.0);
        assert_eq!(t.cues[0].end, t.cues[1].start);
        let (a, b) = (30.0, 6.0);
        assert!((t.cues[0].end - 4.0 * a / (a + b)).abs() < 1e-9);
        assert_eq!((t.cues[2].start, t.cues[2].end), (4.0, 9.0));
        assert_eq!((t.cues[3].start, t.cues[3].end), (9.0, 20.0));
        for pair in t.cues.windows(2) {
            assert!(pair[0].end <= pair[1].start + 1e-9, "{pair:?}");
        }
    }

    #[test]
    fn the_formats_write_times_and_escape_what_they_must() {
        let t = Timeline::new(&scenario(), &marks(), Lang::EN);
        let srt = t.srt();
        assert!(
            srt.starts_with(
                "1\n00:00:00,000 --> 00:00:03,333\nOne\nFirst & second ‹sentence›.\n\n2\n"
            ),
            "{srt}"
        );
        let vtt = t.vtt();
        assert!(vtt.starts_with("WEBVTT\n\n00:00:00.000 --> 00:00:03.333\nOne\nFirst &amp; second &lt;sentence&gt;.\n\n"), "{vtt}");
        let meta = t.ffmetadata();
        assert!(meta.starts_with(";FFMETADATA1\ntitle=Internal customers\n\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=4000\ntitle=One\n"), "{meta}");
        assert_eq!(escape_meta("a=b;c#d\\e"), "a\\=b\\;c\\#d\\\\e");
        assert_eq!(clock(3725.5, ','), "01:02:05,500");
        assert_eq!(minutes(3725.5), "1:02:05");
        assert_eq!(minutes(65.0), "1:05");
    }

    #[test]
    fn the_listed_chapters_start_at_zero_and_last_ten_seconds() {
        let t = Timeline::new(&scenario(), &marks(), Lang::EN);
        // One (4 s) and the question (5 s) are too short: joined to the answer.
        assert_eq!(
            t.chapter_list(),
            "0:00 One / Two: question / Two: answer\n0:20 Three\n"
        );
        // A short last chapter joins the one before it.
        let short_end = Marks {
            end: 25.0,
            ..marks()
        };
        assert_eq!(
            Timeline::new(&scenario(), &short_end, Lang::EN).chapter_list(),
            "0:00 One / Two: question / Two: answer / Three\n"
        );
    }

    #[test]
    fn an_unanswered_question_and_an_act_left_at_once_are_handled() {
        let m = Marks {
            entered: vec![(0, 0.0), (1, 4.0), (1, 4.0), (2, 20.0)],
            revealed: vec![],
            end: 50.0,
        };
        let t = Timeline::new(&scenario(), &m, Lang::EN);
        let titles: Vec<_> = t.chapters.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(titles, ["One", "Two: question", "Three"]);
    }
}
