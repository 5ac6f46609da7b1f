//! A recorded session as a SCORM 1.2 course package (`record --scenario … --package
//! course.zip`): the form nearly every course platform imports (Moodle, Canvas,
//! Blackboard, TalentLMS, Cornerstone).
//!
//! The zip holds `imsmanifest.xml`, one player page (`index.html`, its style, script and
//! questions inside it: it loads nothing from elsewhere), the video, its subtitle,
//! description and chapter tracks, and the text version in each language. The page
//! plays the video, pauses at each question of the session, asks it in the recording's
//! language, checks the answer against the one the recording counted, shows it, goes
//! on, and reports progress, score and completion to the SCORM run-time it finds
//! (`window.API`, in a parent frame or the opener). Without one it plays as a plain
//! page. Everything the page says comes from the recording's [`Transcript`].

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::sidecars::Sidecars;
use super::transcript::Transcript;
use crate::failure::Failure;
use crate::i18n::{Arg, Msg, Texts};
use crate::look::html::{escape, fill};
use crate::output::{PendingFile, check_target};

const PAGE: &str = include_str!("../../assets/course/player.html");
const STYLE: &str = include_str!("../../assets/course/player.css");
const SCRIPT: &str = include_str!("../../assets/course/player.js");

/// The player page's name in the package.
pub const PAGE_NAME: &str = "index.html";
/// The manifest's name: SCORM's.
pub const MANIFEST_NAME: &str = "imsmanifest.xml";

/// The page's Content-Security-Policy: its own inline style and script, and the
/// package's own files for the video and its tracks; no other request.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; \
                   media-src 'self'; base-uri 'none'; form-action 'none'";

/// One question as the page asks it.
#[derive(Debug, Serialize)]
struct Asked {
    /// Seconds of video where it is asked: just before its answer shows.
    at: f64,
    /// SCORM's id for it (`q1`, …).
    id: String,
    ask: String,
    options: Vec<String>,
    /// The right option's index, for a question with options.
    right: Option<usize>,
    /// The answer as the screen writes it.
    answer: String,
    /// "The right option is B. …", or for a number how close is right.
    explain: String,
    /// For a number: the counted answer in percent, and how far from it is right.
    counted: Option<f64>,
    tolerance: Option<f64>,
    /// Asked without a score (a sketch).
    sketched: bool,
}

/// The texts the page's script writes, in the recording's language (the page holds
/// the others).
#[derive(Debug, Serialize)]
struct Words {
    question: String,
    right: String,
    wrong: String,
    bad_number: String,
    score: String,
    done: String,
}

/// What the page's script reads.
#[derive(Debug, Serialize)]
struct Course {
    lang: &'static str,
    questions: Vec<Asked>,
    /// Questions that count for the score.
    scored: usize,
    words: Words,
}

/// Where the package goes and what goes in it.
#[derive(Debug, Clone)]
pub struct Package {
    /// The zip.
    pub out: PathBuf,
}

impl Package {
    /// Refuses, before any rendering, a package that is not a `.zip` or that exists
    /// (unless `force`).
    pub fn check(out: &Path, force: bool) -> Result<Self, Failure> {
        if !crate::output::has_extension(out, &["zip"]) {
            return Err(Failure::Input(format!(
                "--package {}: a course package is a .zip file",
                out.display()
            )));
        }
        check_target(out, force, "--package")?;
        Ok(Self {
            out: out.to_path_buf(),
        })
    }

    /// Writes the package of the recording at `video`, whose files beside it are
    /// `sidecars` and whose words are `told` (in the recording's language).
    pub fn write(
        &self,
        video: &Path,
        sidecars: &Sidecars,
        told: &Transcript,
    ) -> Result<(), Failure> {
        let name = |p: &Path| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        let mut files: Vec<PathBuf> = vec![video.to_path_buf()];
        let mut tracks = String::new();
        for (k, &lang) in sidecars.langs().iter().enumerate() {
            let code = lang.code();
            let label = escape(lang.native_name());
            if sidecars.soft() {
                let vtt = sidecars.vtt(lang);
                // The first shows by default where no captions are burned in.
                let default = if k == 0 && !sidecars.burned() {
                    " default"
                } else {
                    ""
                };
                tracks.push_str(&format!(
                    "<track kind=\"subtitles\" src=\"{}\" srclang=\"{code}\" label=\"{label}\"{default}>\n",
                    escape(&name(&vtt))
                ));
                files.push(vtt);
            }
            let described = sidecars.descriptions(lang);
            tracks.push_str(&format!(
                "<track kind=\"descriptions\" src=\"{}\" srclang=\"{code}\" label=\"{label}\">\n",
                escape(&name(&described))
            ));
            files.push(described);
            files.push(sidecars.transcript(lang, "html"));
        }
        let chapters = sidecars.chapters_vtt();
        tracks.push_str(&format!(
            "<track kind=\"chapters\" src=\"{}\" srclang=\"{}\">\n",
            escape(&name(&chapters)),
            told.lang.code()
        ));
        files.push(chapters);
        let page = page(
            told,
            &name(video),
            &tracks,
            &name(&sidecars.transcript(told.lang, "html")),
        );
        let names: Vec<String> = std::iter::once(PAGE_NAME.to_owned())
            .chain(files.iter().map(|p| name(p)))
            .collect();
        let manifest = manifest(&told.title, &names);

        let mut pending = PendingFile::create(&self.out, ".zip", "--package")?;
        let mut zip = Zip::new(pending.file());
        let io = |e: std::io::Error| Failure::Runtime(format!("{}: {e}", self.out.display()));
        zip.add(MANIFEST_NAME, manifest.as_bytes(), true)
            .map_err(io)?;
        zip.add(PAGE_NAME, page.as_bytes(), true).map_err(io)?;
        for (path, name) in files.iter().zip(&names[1..]) {
            let bytes = std::fs::read(path)
                .map_err(|e| Failure::Runtime(format!("{}: {e}", path.display())))?;
            // The video is compressed already; the texts are not.
            let deflate = path != video;
            zip.add(name, &bytes, deflate).map_err(io)?;
        }
        zip.finish().map_err(io)?;
        pending.commit()
    }
}

/// The player page.
fn page(told: &Transcript, video: &str, tracks: &str, transcript: &str) -> String {
    let texts = Texts::new(told.lang);
    let quizzes: Vec<_> = told.quizzes().collect();
    let scored = quizzes.iter().filter(|q| !q.sketched).count();
    let questions = quizzes
        .iter()
        .enumerate()
        .map(|(k, q)| Asked {
            // A frame and a half before the reveal: the frame shown is the question's.
            at: (q.at - 1.5 / f64::from(told.fps)).max(0.0),
            id: format!("q{}", k + 1),
            ask: q.ask.clone(),
            options: q.options.clone(),
            right: q.right,
            answer: q.answer.clone(),
            explain: match (q.right, q.tolerance) {
                (Some(right), _) => texts.fmt(
                    Msg::CourseRightOption,
                    &[("option", q.options[right].as_str().into())],
                ),
                (None, Some(t)) => {
                    let decimals = if t.fract() == 0.0 { 0 } else { 1 };
                    texts.fmt(Msg::CourseWithin, &[("tolerance", Arg::Num(t, decimals))])
                }
                (None, None) => String::new(),
            },
            counted: q.tolerance.map(|_| q.counted),
            tolerance: q.tolerance,
            sketched: q.sketched,
        })
        .collect();
    let course = Course {
        lang: told.lang.code(),
        questions,
        scored,
        words: Words {
            question: texts.fmt(
                Msg::CourseQuestion,
                &[
                    ("k", Arg::Text("{k}".into())),
                    ("total", quizzes.len().into()),
                ],
            ),
            right: texts.get(Msg::CourseRight),
            wrong: texts.get(Msg::CourseWrong),
            bad_number: texts.get(Msg::CourseBadNumber),
            score: texts.fmt(
                Msg::CourseScore,
                &[
                    ("right", Arg::Text("{right}".into())),
                    ("total", scored.into()),
                ],
            ),
            done: texts.get(Msg::CourseDone),
        },
    };
    // Inside a <script> element nothing may close it.
    let data = serde_json::to_string(&course)
        .expect("the course serialises")
        .replace("</", "<\\/");
    let chapters: String = told
        .parts
        .iter()
        .map(|p| {
            format!(
                "<li><button type=\"button\" data-at=\"{}\">{} {}</button></li>\n",
                p.start,
                super::timeline::minutes(p.start),
                escape(&p.title)
            )
        })
        .collect();
    fill(
        PAGE,
        &[
            ("lang", told.lang.code().to_owned()),
            ("csp", CSP.to_owned()),
            ("title", told.title.clone()),
            ("video", video.to_owned()),
            ("picture", texts.get(Msg::TranscriptPicture)),
            ("chapters_title", texts.get(Msg::CourseChapters)),
            ("transcript", transcript.to_owned()),
            ("text_version", texts.get(Msg::CourseTextVersion)),
            ("credit", texts.get(Msg::HandoutCredit)),
            ("first", texts.get(Msg::CourseFirst)),
            ("number", texts.get(Msg::CourseNumber)),
            ("check", texts.get(Msg::CourseCheck)),
            ("sketch", texts.get(Msg::CourseSketch)),
            ("show", texts.get(Msg::CourseShow)),
            ("next", texts.get(Msg::CourseContinue)),
        ],
        &[
            ("style", format!("<style>\n{STYLE}</style>")),
            ("script", format!("<script>\n{SCRIPT}</script>")),
            ("tracks", tracks.to_owned()),
            ("chapters", chapters),
            ("data", data),
        ],
    )
}

/// `imsmanifest.xml`: one organisation with one item, the player page as its one
/// shareable content object, and every file of the package listed under it.
fn manifest(title: &str, files: &[String]) -> String {
    let title = escape(title);
    let listed: String = files
        .iter()
        .map(|f| format!("      <file href=\"{}\"/>\n", escape(f)))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="bolwerk-course" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="bolwerk">
    <organization identifier="bolwerk">
      <title>{title}</title>
      <item identifier="video" identifierref="player" isvisible="true">
        <title>{title}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="player" type="webcontent" adlcp:scormtype="sco" href="{PAGE_NAME}">
{listed}    </resource>
  </resources>
</manifest>
"#
    )
}

/// A zip archive written as it goes: each file stored or deflated, with the central
/// directory at the end (PKWARE's APPNOTE, no zip64: a package stays far below 4 GB).
struct Zip<W: Write> {
    out: W,
    written: u64,
    entries: Vec<Entry>,
}

struct Entry {
    name: String,
    crc: u32,
    compressed: u32,
    size: u32,
    method: u16,
    offset: u32,
}

impl<W: Write> Zip<W> {
    fn new(out: W) -> Self {
        Self {
            out,
            written: 0,
            entries: Vec::new(),
        }
    }

    fn put(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.out.write_all(bytes)?;
        self.written += bytes.len() as u64;
        Ok(())
    }

    fn fits(n: u64) -> std::io::Result<u32> {
        u32::try_from(n).map_err(|_| std::io::Error::other("a course package must stay under 4 GB"))
    }

    /// Adds `bytes` as the file `name`, deflated or stored.
    fn add(&mut self, name: &str, bytes: &[u8], deflate: bool) -> std::io::Result<()> {
        let mut crc = flate2::Crc::new();
        crc.update(bytes);
        let (method, data) = if deflate {
            let mut enc =
                flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
            enc.write_all(bytes)?;
            (8u16, enc.finish()?)
        } else {
            (0u16, bytes.to_vec())
        };
        let entry = Entry {
            name: name.to_owned(),
            crc: crc.sum(),
            compressed: Self::fits(data.len() as u64)?,
            size: Self::fits(bytes.len() as u64)?,
            method,
            offset: Self::fits(self.written)?,
        };
        let mut head = Vec::with_capacity(30 + name.len());
        head.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        head.extend_from_slice(&20u16.to_le_bytes()); // version needed
        head.extend_from_slice(&0x0800u16.to_le_bytes()); // names in UTF-8
        head.extend_from_slice(&entry.method.to_le_bytes());
        head.extend_from_slice(&[0, 0, 0x21, 0]); // 00:00, 1 January 1980
        head.extend_from_slice(&entry.crc.to_le_bytes());
        head.extend_from_slice(&entry.compressed.to_le_bytes());
        head.extend_from_slice(&entry.size.to_le_bytes());
        head.extend_from_slice(&(name.len() as u16).to_le_bytes());
        head.extend_from_slice(&0u16.to_le_bytes());
        head.extend_from_slice(name.as_bytes());
        self.put(&head)?;
        self.put(&data)?;
        self.entries.push(entry);
        Ok(())
    }

    /// Writes the central directory.
    fn finish(mut self) -> std::io::Result<()> {
        let start = Self::fits(self.written)?;
        let mut dir = Vec::new();
        for e in &self.entries {
            dir.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
            dir.extend_from_slice(&0x031eu16.to_le_bytes()); // made by: Unix, 3.0
            dir.extend_from_slice(&20u16.to_le_bytes());
            dir.extend_from_slice(&0x0800u16.to_le_bytes());
            dir.extend_from_slice(&e.method.to_le_bytes());
            dir.extend_from_slice(&[0, 0, 0x21, 0]);
            dir.extend_from_slice(&e.crc.to_le_bytes());
            dir.extend_from_slice(&e.compressed.to_le_bytes());
            dir.extend_from_slice(&e.size.to_le_bytes());
            dir.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
            dir.extend_from_slice(&[0; 8]); // extra, comment, disk, internal attributes
            dir.extend_from_slice(&(0o100_644u32 << 16).to_le_bytes()); // a plain file
            dir.extend_from_slice(&e.offset.to_le_bytes());
            dir.extend_from_slice(e.name.as_bytes());
        }
        let size = Self::fits(dir.len() as u64)?;
        let count = u16::try_from(self.entries.len())
            .map_err(|_| std::io::Error::other("too many files"))?;
        dir.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        dir.extend_from_slice(&[0; 4]);
        dir.extend_from_slice(&count.to_le_bytes());
        dir.extend_from_slice(&count.to_le_bytes());
        dir.extend_from_slice(&size.to_le_bytes());
        dir.extend_from_slice(&start.to_le_bytes());
        dir.extend_from_slice(&0u16.to_le_bytes());
        self.put(&dir)?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::record::transcript::{Quiz, Told};

    /// A zip of a stored and a deflated file reads back with the system's `unzip`,
    /// whole and checked.
    #[test]
    fn the_zip_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.zip");
        let text = "een tekst, één keer, ".repeat(200);
        {
            let mut zip = Zip::new(std::fs::File::create(&path).unwrap());
            zip.add("a.txt", text.as_bytes(), true).unwrap();
            zip.add("b/ü.bin", &[1, 2, 3, 255], false).unwrap();
            zip.finish().unwrap();
        }
        let test = std::process::Command::new("unzip")
            .arg("-t")
            .arg(&path)
            .output()
            .expect("unzip is installed (scripts/install-deps.sh)");
        let said = String::from_utf8_lossy(&test.stdout);
        assert!(test.status.success(), "{said}");
        assert!(said.contains("No errors detected"), "{said}");
        let out = std::process::Command::new("unzip")
            .args(["-p"])
            .arg(&path)
            .arg("a.txt")
            .output()
            .unwrap();
        assert_eq!(out.stdout, text.as_bytes());
    }

    fn told() -> Transcript {
        let quiz = |at: f64, options: Vec<&str>, right, tolerance, sketched| Quiz {
            at,
            ask: "Ask <it>?".into(),
            options: options.into_iter().map(String::from).collect(),
            right,
            answer: "With 90 employees, 12.3%.".into(),
            counted: 12.3,
            tolerance,
            sketched,
        };
        let part = |number: usize, start: f64, quiz| Told {
            number,
            title: format!("Part & {number}"),
            start,
            end: start + 5.0,
            caption: Vec::new(),
            pictures: Vec::new(),
            quiz,
        };
        Transcript {
            lang: Lang::EN,
            title: "T".into(),
            parts: vec![
                part(
                    1,
                    0.0,
                    Some(quiz(3.0, vec!["A. few", "B. many"], Some(1), None, false)),
                ),
                part(2, 5.0, Some(quiz(8.0, Vec::new(), None, Some(2.5), false))),
                part(3, 10.0, Some(quiz(13.0, Vec::new(), None, None, true))),
                part(4, 15.0, None),
            ],
            total: 4,
            fps: 10,
            made: String::new(),
        }
    }

    /// The page's questions: asked a frame and a half before each reveal, a sketch
    /// without a score, each with what makes an answer right; the texts its script
    /// fills in keep their places.
    #[test]
    fn the_page_carries_each_question_and_how_it_is_checked() {
        let page = page(&told(), "v.webm", "", "t.html");
        let open = "<script type=\"application/json\" id=\"course\">";
        let data = &page[page.find(open).unwrap() + open.len()..];
        let data: serde_json::Value =
            serde_json::from_str(&data[..data.find("</script>").unwrap()]).unwrap();
        assert_eq!(data["scored"], 2);
        let q = data["questions"].as_array().unwrap();
        assert_eq!(q.len(), 3);
        assert_eq!(q[0]["at"], 2.85);
        assert_eq!(q[0]["explain"], "The right option is B. many.");
        assert_eq!(q[0]["counted"], serde_json::Value::Null);
        assert_eq!(
            (&q[1]["counted"], &q[1]["tolerance"]),
            (&12.3.into(), &2.5.into())
        );
        assert_eq!(
            q[1]["explain"],
            "An answer within 2.5 percentage points of the count is right."
        );
        assert_eq!(q[2]["sketched"], true);
        assert_eq!(q[2]["explain"], "");
        assert_eq!(data["words"]["question"], "Question {k} of 3");
        assert_eq!(
            data["words"]["score"],
            "You answered {right} of 2 questions right."
        );
        // Its texts are escaped; it names no other site.
        assert!(page.contains(">0:05 Part &amp; 2</button>"), "{page}");
        assert!(page.contains("\"ask\":\"Ask <it>?\""));
        assert!(!page.contains("http:") && !page.contains("https:"));
        assert_eq!(page.matches("data-at=").count(), 4);
    }

    /// The colours a style sheet block sets: `--name: #rrggbb`.
    fn colours(block: &str) -> Vec<(String, [f64; 3])> {
        block
            .split(';')
            .filter_map(|decl| {
                let (name, value) = decl.split_once(':')?;
                let hex = value.trim().strip_prefix('#')?;
                let channel = |i: usize| f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap());
                let name = name.trim().trim_start_matches(['{', ' ']);
                Some((name.trim().to_owned(), [channel(0), channel(2), channel(4)]))
            })
            .collect()
    }

    /// WCAG's contrast ratio of two sRGB colours.
    fn contrast(a: [f64; 3], b: [f64; 3]) -> f64 {
        let lum = |c: [f64; 3]| {
            let f = |v: f64| {
                let v = v / 255.0;
                if v <= 0.039_28 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2])
        };
        let (x, y) = (lum(a), lum(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    /// Every text colour of the player and of the text version reads at 4.5:1 or more
    /// on the page and on a card, in the light theme and the dark one (WCAG 2.2,
    /// SC 1.4.3).
    #[test]
    fn the_text_colours_read_on_their_backgrounds() {
        let transcript = include_str!("../../assets/course/transcript.html");
        for (sheet, texts) in [
            (
                STYLE,
                &["--text", "--muted", "--accent", "--right", "--wrong"][..],
            ),
            (transcript, &["--text", "--muted", "--accent"][..]),
        ] {
            let root = |from: usize| {
                let block = &sheet[from..];
                let open = block.find(":root {").unwrap() + ":root {".len();
                colours(&block[open..open + block[open..].find('}').unwrap()])
            };
            let light = root(0);
            let dark = root(sheet.find("prefers-color-scheme: dark").unwrap());
            for theme in [light, dark] {
                let get = |name: &str| theme.iter().find(|(n, _)| n == name).unwrap().1;
                for text in texts {
                    for ground in ["--bg", "--card"] {
                        let ratio = contrast(get(text), get(ground));
                        assert!(ratio >= 4.5, "{text} on {ground}: {ratio:.2}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_manifest_lists_the_files_it_is_given() {
        let m = manifest("A & B", &["index.html".into(), "v.webm".into()]);
        assert!(m.contains("<title>A &amp; B</title>"));
        assert!(m.contains("<file href=\"index.html\"/>\n      <file href=\"v.webm\"/>"));
        assert!(m.contains("<schemaversion>1.2</schemaversion>"));
        assert!(m.contains("adlcp:scormtype=\"sco\" href=\"index.html\""));
    }
}
