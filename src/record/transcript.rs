//! A recorded session in words, from its scenario and the counts of that very
//! recording: for each part its title, its caption, what the picture shows, and its
//! question with the answer the recording counted.
//!
//! One source for three outputs, so that they cannot disagree:
//! - the text version, `NAME.LANG.transcript.html` and `.txt` (WCAG 2.2, SC 1.2.1: a
//!   video without sound needs a text alternative that tells what it shows);
//! - the described video, `NAME.LANG.descriptions.vtt`, a WebVTT track of kind
//!   `descriptions` timed to the parts, for a screen reader to follow the video by;
//! - the course package's questions (`record::package`): when each is answered,
//!   and the answer the recording shows.
//!
//! What the picture shows is written by the part's kind from the counts
//! ([`PartKind::describe`](crate::scenario::kinds::PartKind::describe)), with the
//! part's own `describe` text after it.

use crate::i18n::{Arg, Lang, Msg, Texts};
use crate::intent::{Asked, letter};
use crate::look::html::{COLOURS, escape, fill};
use crate::look::question_text;
use crate::record::timeline::{Marks, Span, Stretch, act_title, minutes, webvtt};
use crate::scenario::Scenario;
use crate::scenario::kinds::{FrameCounts, Kind, Seen, Take};

const TEMPLATE: &str = include_str!("../../assets/course/transcript.html");

/// A recording's frames and their counts, and how to find a moment's frame.
#[derive(Debug, Clone, Copy)]
pub struct Frames<'a> {
    /// The counts of each frame of the video, in order.
    pub counts: &'a [FrameCounts],
    /// Frames per second.
    pub fps: u32,
}

impl Frames<'_> {
    /// The frame that starts at `secs` (as the manifest numbers a part's first frame).
    pub fn at(&self, secs: f64) -> usize {
        self.clamp((secs * f64::from(self.fps)).round() as usize)
    }

    /// The last frame before `secs`.
    pub fn before(&self, secs: f64) -> usize {
        self.clamp(((secs * f64::from(self.fps)).round() as usize).saturating_sub(1))
    }

    fn clamp(&self, frame: usize) -> usize {
        frame.min(self.counts.len().saturating_sub(1))
    }

    fn counts(&self, frame: usize) -> FrameCounts {
        self.counts.get(frame).cloned().unwrap_or_default()
    }

    /// What a part from `start` to `end` counted, turning at `turned` if it did.
    pub fn seen(&self, start: f64, end: f64, turned: Option<f64>) -> Seen {
        let first = self.at(start);
        Seen {
            first: self.counts(first),
            turn: turned.map(|t| self.counts(self.before(t).max(first))),
            last: self.counts(self.before(end).max(first)),
        }
    }
}

/// A recording of a session, as its text version reads it.
#[derive(Debug, Clone, Copy)]
pub struct Filmed<'a> {
    /// When each part began and each question was answered.
    pub marks: &'a Marks,
    /// Its frames' counts.
    pub frames: Frames<'a>,
    /// The seed it was recorded with.
    pub seed: u64,
}

/// A question as a recording answered it.
#[derive(Debug, Clone, PartialEq)]
pub struct Quiz {
    /// When the answer is revealed, in seconds of video: a package asks just before.
    pub at: f64,
    /// The question.
    pub ask: String,
    /// Its options, lettered (`A. less than 5%`); none for a number or a sketch.
    pub options: Vec<String>,
    /// The option that holds the counted answer…
    pub right: Option<usize>,
    /// … and it, in words ("The right answer is B: 5 to 15%.").
    pub right_answer: Option<String>,
    /// The answer as the screen writes it once the world has grown.
    pub answer: String,
    /// The counted answer in percent, to one decimal as the screen shows it.
    pub counted: f64,
    /// For a number: how far an answer may lie from `counted`, in percentage points.
    pub tolerance: Option<f64>,
    /// Whether the room sketches it (a package asks it without a score).
    pub sketched: bool,
}

/// One part of a recording, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Told {
    /// Its number, from 1.
    pub number: usize,
    /// Its title.
    pub title: String,
    /// When it starts and ends, in seconds of video.
    pub start: f64,
    /// When it ends.
    pub end: f64,
    /// Its caption's sentences.
    pub caption: Vec<String>,
    /// What the picture shows, over its stretch (two stretches for a part that turns).
    pub pictures: Vec<Span>,
    /// Its question, answered.
    pub quiz: Option<Quiz>,
}

/// A recorded session in words, in one language. See the module's header.
#[derive(Debug, Clone, PartialEq)]
pub struct Transcript {
    /// Its language.
    pub lang: Lang,
    /// The session's title.
    pub title: String,
    /// The parts, in the order they were filmed.
    pub parts: Vec<Told>,
    /// How many parts the session has.
    pub total: usize,
    /// Where it came from: bolwerk's version, the length, the seed.
    pub made: String,
}

impl Transcript {
    /// `scenario` as `filmed`, in `lang`.
    pub fn new(scenario: &Scenario, filmed: &Filmed, lang: Lang) -> Self {
        let Filmed {
            marks,
            frames,
            seed,
        } = *filmed;
        let texts = Texts::new(lang);
        let total = scenario.acts.len();
        let mut parts = Vec::new();
        for Stretch {
            act: index,
            start,
            end,
            turned,
        } in marks.stretches()
        {
            let act = &scenario.acts[index];
            let title = act_title(act, index, total, &texts);
            let seen = frames.seen(start, end, turned);
            let take = Take {
                act,
                title: &title,
                texts: &texts,
                start,
                end,
                turned,
            };
            let pictures = Kind::of(act).describe(&take, &seen);
            let quiz = act.question.as_ref().map(|q| {
                let last = &seen.last.main;
                let shown = question_text(q, Asked::Answered, last, &texts);
                let share = q.answer.counted(last).unwrap_or(0.0);
                let right = q.right_option(share);
                Quiz {
                    at: turned.unwrap_or(end),
                    ask: shown.ask,
                    options: q.lettered(lang),
                    right,
                    right_answer: right.map(|i| {
                        texts.fmt(
                            Msg::RightAnswer,
                            &[
                                ("letter", letter(i).to_string().into()),
                                ("option", q.options[i].get(lang).into()),
                            ],
                        )
                    }),
                    answer: shown.answer.unwrap_or_default(),
                    counted: (share * 1000.0).round() / 10.0,
                    tolerance: q.numbered().then(|| q.tolerance()),
                    sketched: q.sketched(),
                }
            });
            parts.push(Told {
                number: index + 1,
                title,
                start,
                end,
                caption: act
                    .caption
                    .as_ref()
                    .map(|c| c.get(lang).text.clone())
                    .unwrap_or_default(),
                pictures,
                quiz,
            });
        }
        let made = texts.fmt(
            Msg::TranscriptMade,
            &[
                ("version", env!("CARGO_PKG_VERSION").into()),
                ("title", scenario.title.get(lang).as_str().into()),
                ("seconds", Arg::Num(marks.end, 1)),
                ("seed", Arg::Text(seed.to_string())),
            ],
        );
        Self {
            lang,
            title: scenario.title.get(lang).to_owned(),
            parts,
            total,
            made,
        }
    }

    fn texts(&self) -> Texts {
        Texts::new(self.lang)
    }

    fn heading(&self, texts: &Texts, part: &Told) -> String {
        texts.fmt(
            Msg::TranscriptPart,
            &[
                ("part", part.number.into()),
                ("total", self.total.into()),
                ("time", minutes(part.start).into()),
                ("title", part.title.as_str().into()),
            ],
        )
    }

    /// The described video: each part's pictures as WebVTT cues.
    pub fn descriptions_vtt(&self) -> String {
        let spans: Vec<Span> = self
            .parts
            .iter()
            .flat_map(|p| p.pictures.iter().cloned())
            .collect();
        webvtt(&spans)
    }

    /// The text version as plain text.
    pub fn txt(&self) -> String {
        let texts = self.texts();
        let mut out = String::new();
        let underline = |out: &mut String, text: &str, c: char| {
            out.push_str(text);
            out.push('\n');
            out.extend(std::iter::repeat_n(c, text.chars().count()));
            out.push_str("\n\n");
        };
        let title = texts.fmt(
            Msg::TranscriptTitle,
            &[("title", self.title.as_str().into())],
        );
        underline(&mut out, &title, '=');
        out.push_str(&texts.get(Msg::TranscriptIntro));
        out.push_str("\n\n");
        for part in &self.parts {
            underline(&mut out, &self.heading(&texts, part), '-');
            for sentence in &part.caption {
                out.push_str(sentence);
                out.push('\n');
            }
            out.push('\n');
            out.push_str(&texts.get(Msg::TranscriptPicture));
            out.push_str(":\n");
            for picture in &part.pictures {
                out.push_str(&picture.text);
                out.push('\n');
            }
            out.push('\n');
            if let Some(quiz) = &part.quiz {
                out.push_str(&texts.get(Msg::QuestionTitle));
                out.push_str(":\n");
                out.push_str(&quiz.ask);
                out.push('\n');
                for option in &quiz.options {
                    out.push_str("  ");
                    out.push_str(option);
                    out.push('\n');
                }
                out.push_str(&quiz.answer);
                out.push('\n');
                if let Some(right) = &quiz.right_answer {
                    out.push_str(right);
                    out.push('\n');
                }
                out.push('\n');
            }
        }
        out.push_str(&texts.get(Msg::HandoutCredit));
        out.push('\n');
        out.push_str(&self.made);
        out.push('\n');
        out
    }

    /// The text version as one HTML page that loads nothing.
    pub fn html(&self) -> String {
        let texts = self.texts();
        let mut body = String::new();
        for part in &self.parts {
            body.push_str(&format!(
                "<section id=\"part-{n}\" aria-labelledby=\"part-{n}-title\">\n<h2 id=\"part-{n}-title\">{}</h2>\n",
                escape(&self.heading(&texts, part)),
                n = part.number,
            ));
            for sentence in &part.caption {
                body.push_str(&format!("<p>{}</p>\n", escape(sentence)));
            }
            body.push_str(&format!(
                "<h3>{}</h3>\n",
                escape(&texts.get(Msg::TranscriptPicture))
            ));
            for picture in &part.pictures {
                body.push_str(&format!(
                    "<p class=\"picture\"><time>{}</time> {}</p>\n",
                    minutes(picture.start),
                    escape(&picture.text)
                ));
            }
            if let Some(quiz) = &part.quiz {
                body.push_str(&format!(
                    "<h3>{}</h3>\n<p class=\"ask\">{}</p>\n",
                    escape(&texts.get(Msg::QuestionTitle)),
                    escape(&quiz.ask)
                ));
                if !quiz.options.is_empty() {
                    body.push_str("<ul class=\"options\">\n");
                    for option in &quiz.options {
                        body.push_str(&format!("<li>{}</li>\n", escape(option)));
                    }
                    body.push_str("</ul>\n");
                }
                body.push_str(&format!(
                    "<p class=\"answer\">{}</p>\n",
                    escape(&quiz.answer)
                ));
                if let Some(right) = &quiz.right_answer {
                    body.push_str(&format!("<p class=\"answer\">{}</p>\n", escape(right)));
                }
            }
            body.push_str("</section>\n");
        }
        fill(
            TEMPLATE,
            &[
                ("lang", self.lang.code().to_owned()),
                (
                    "title",
                    texts.fmt(
                        Msg::TranscriptTitle,
                        &[("title", self.title.as_str().into())],
                    ),
                ),
                ("intro", texts.get(Msg::TranscriptIntro)),
                ("credit", texts.get(Msg::HandoutCredit)),
                ("made", self.made.clone()),
            ],
            &[("parts", body), ("colours", COLOURS.to_owned())],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::ContactStats;

    fn scenario() -> Scenario {
        let ron = r#"(
            title: (en: "Course & more", nl: "Cursus"),
            acts: [
                (
                    caption: (
                        en: (title: "One", text: ["First <one>."]),
                        nl: (title: "Een", text: ["Eerste."]),
                    ),
                    describe: (en: "The lines fade.", nl: "De lijnen vervagen."),
                    duration: 2.0,
                ),
                (
                    caption: (
                        en: (title: "Two", text: ["A question."]),
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
            ],
        )"#;
        Scenario::from_ron_str(ron, std::path::Path::new("test.ron")).unwrap()
    }

    /// Frame k counts 100 + k employees, and k customer contacts in every 100.
    fn frames() -> Vec<FrameCounts> {
        (0..60u32)
            .map(|k| FrameCounts {
                main: ContactStats {
                    employees: 100 + k,
                    customer: f64::from(k),
                    internal: f64::from(100 - k),
                    ..ContactStats::default()
                },
                compared: Vec::new(),
                panel: true,
                counter: false,
            })
            .collect()
    }

    fn marks() -> Marks {
        Marks {
            entered: vec![(0, 0.0), (1, 2.0)],
            revealed: vec![(1, 3.5)],
            end: 6.0,
        }
    }

    /// The test session told in `lang`, from [`frames`] at 10 frames a second.
    fn told(lang: Lang) -> Transcript {
        let counts = frames();
        let frames = Frames {
            counts: &counts,
            fps: 10,
        };
        Transcript::new(
            &scenario(),
            &Filmed {
                marks: &marks(),
                frames,
                seed: 7,
            },
            lang,
        )
    }

    /// Each stretch is told from its own frames: a part from its first to its last,
    /// a question held at its first and answered at its last; the question's answer
    /// and the option that holds it come from the last frame.
    #[test]
    fn each_part_is_told_from_the_frames_of_its_own_stretch() {
        let counts = frames();
        let f = Frames {
            counts: &counts,
            fps: 10,
        };
        assert_eq!((f.at(2.0), f.before(2.0), f.before(6.0)), (20, 19, 59));
        let t = told(Lang::EN);
        assert_eq!(t.parts.len(), 2);
        let one = &t.parts[0].pictures;
        assert_eq!(one.len(), 1);
        assert_eq!((one[0].start, one[0].end), (0.0, 2.0));
        assert!(one[0].text.starts_with("The organisation grows from 100 to 119 employees. With 119 employees, 19.0% of all contacts"), "{}", one[0].text);
        assert!(one[0].text.ends_with("The lines fade."), "{}", one[0].text);
        let two = &t.parts[1].pictures;
        assert_eq!(two.len(), 2);
        assert_eq!((two[0].start, two[0].end, two[1].end), (2.0, 3.5, 6.0));
        assert!(
            two[0]
                .text
                .contains("stays at 120 employees while the question")
                && two[0].text.contains("20.0%"),
            "{}",
            two[0].text
        );
        assert!(
            two[1].text.starts_with(
                "The organisation grows from 134 to 159 employees. With 159 employees, 59.0%"
            ),
            "{}",
            two[1].text
        );
        let quiz = t.parts[1].quiz.as_ref().unwrap();
        assert_eq!((quiz.at, quiz.counted, quiz.right), (3.5, 59.0, Some(1)));
        assert_eq!(quiz.options, ["A. little", "B. much"]);
        assert_eq!(quiz.tolerance, None);
        assert!(quiz.answer.contains("59.0%"));
    }

    #[test]
    fn the_outputs_escape_and_carry_every_part() {
        let t = told(Lang::NL);
        let html = t.html();
        assert!(html.starts_with("<!doctype html>\n<html lang=\"nl\">"));
        assert!(
            html.contains("<title>Cursus: de tekstversie</title>"),
            "{html}"
        );
        assert!(html.contains("Deel 2 van 2 (vanaf 0:02): Twee"));
        assert!(html.contains("Het goede antwoord is B: veel."));
        assert!(html.contains("59,0%"), "Dutch numbers: {html}");
        let en = told(Lang::EN);
        assert!(en.html().contains("First &lt;one&gt;."));
        let txt = en.txt();
        assert!(
            txt.starts_with("Course & more: the text version\n===============================\n"),
            "{txt}"
        );
        assert!(txt.contains("First <one>.") && txt.contains("  B. much\n"));
        assert!(txt.contains("seed 7"));
        let vtt = en.descriptions_vtt();
        assert_eq!(vtt.matches(" --> ").count(), 3, "{vtt}");
        assert!(vtt.contains("00:00:02.000 --> 00:00:03.500\nThe organisation stays at 120"));
    }
}
