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
use crate::look::html::{COLOURS, escape, fill, script_data};
use crate::output::{PendingFile, check_target};

const PAGE: &str = include_str!("../../assets/course/player.html");
const STYLE: &str = include_str!("../../assets/course/player.css");
const SCRIPT: &str = include_str!("../../assets/course/player.js");

/// Seconds before a question's answer shows in the video that the page asks it: the
/// question has been on screen for as long as it takes to read, and a browser tells
/// the page where the video is only every 15 to 250 ms, so the picture must not
/// change within that.
pub const ASK_AHEAD: f64 = 0.5;

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
    /// Names these questions: a learner's place kept by the platform applies only
    /// to the package it was kept for.
    key: String,
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

    /// Writes the package of a recording, still under a temporary name for
    /// `PendingFile::commit` with the rest: its video, still under the temporary name
    /// `video.0` (its final one `video.1`), its files beside it, `beside` (still
    /// under theirs), named by `sidecars`, and its words, `told` (in the recording's
    /// language).
    pub fn write(
        &self,
        video: (&Path, &Path),
        beside: &[PendingFile],
        sidecars: &Sidecars,
        told: &Transcript,
    ) -> Result<PendingFile, Failure> {
        let name = |p: &Path| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        let (written, video) = video;
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
                    link(&name(&vtt))
                ));
                files.push(vtt);
            }
            let described = sidecars.descriptions(lang);
            tracks.push_str(&format!(
                "<track kind=\"descriptions\" src=\"{}\" srclang=\"{code}\" label=\"{label}\">\n",
                link(&name(&described))
            ));
            files.push(described);
            files.push(sidecars.transcript(lang, "html"));
        }
        let chapters = sidecars.chapters_vtt();
        tracks.push_str(&format!(
            "<track kind=\"chapters\" src=\"{}\" srclang=\"{}\">\n",
            link(&name(&chapters)),
            told.lang.code()
        ));
        files.push(chapters);
        let page = page(
            told,
            &link(&name(video)),
            &tracks,
            &link(&name(&sidecars.transcript(told.lang, "html"))),
        );
        let names: Vec<String> = std::iter::once(PAGE_NAME.to_owned())
            .chain(files.iter().map(|p| name(p)))
            .collect();
        let manifest = manifest(&told.title, &identifier(&page), &names);

        let mut pending = PendingFile::create(&self.out, ".zip", "--package")?;
        let mut zip = Zip::new(pending.file());
        let io = |e: std::io::Error| Failure::Runtime(format!("{}: {e}", self.out.display()));
        zip.add(MANIFEST_NAME, manifest.as_bytes()).map_err(io)?;
        zip.add(PAGE_NAME, page.as_bytes()).map_err(io)?;
        for (path, name) in files.iter().zip(&names[1..]) {
            if path == video {
                // Compressed already: stored as it is, read in pieces.
                zip.store(name, written).map_err(io)?;
                continue;
            }
            let source = beside
                .iter()
                .find(|f| f.target() == path)
                .ok_or_else(|| Failure::Runtime(format!("{} was not written", path.display())))?;
            let bytes = std::fs::read(source.path())
                .map_err(|e| Failure::Runtime(format!("{}: {e}", path.display())))?;
            zip.add(name, &bytes).map_err(io)?;
        }
        zip.finish().map_err(io)?;
        Ok(pending)
    }
}

/// A file's name as a link from the page or the manifest: percent-encoded where a
/// URL would read it otherwise (`#`, `?`, `%`, spaces), then made safe for HTML.
fn link(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    escape(&out)
}

/// A package's identifier, the same for the same page (its questions, answers and
/// texts), so that a platform tells two courses apart and knows one again.
fn identifier(page: &str) -> String {
    // FNV-1a, 64 bits: stable across builds and machines, unlike std's hasher.
    let hash = page.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("bolwerk-{hash:016x}")
}

/// The player page.
fn page(told: &Transcript, video: &str, tracks: &str, transcript: &str) -> String {
    let texts = Texts::new(told.lang);
    let quizzes: Vec<_> = told
        .parts
        .iter()
        .filter_map(|p| Some((p.start, p.quiz.as_ref()?)))
        .collect();
    let scored = quizzes.iter().filter(|(_, q)| !q.sketched).count();
    let questions: Vec<Asked> = quizzes
        .iter()
        .enumerate()
        .map(|(k, &(start, q))| Asked {
            at: (q.at - ASK_AHEAD).max(start),
            id: format!("q{}", k + 1),
            ask: q.ask.clone(),
            options: q.options.clone(),
            right: q.right,
            answer: q.answer.clone(),
            explain: match (&q.right_answer, q.tolerance) {
                (Some(right), _) => right.clone(),
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
        key: identifier(&serde_json::to_string(&questions).expect("the questions serialise")),
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
    let data = script_data(&serde_json::to_string(&course).expect("the course serialises"));
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
            ("picture", texts.get(Msg::TranscriptPicture)),
            ("chapters_title", texts.get(Msg::CourseChapters)),
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
            ("style", format!("<style>\n{COLOURS}{STYLE}</style>")),
            ("script", format!("<script>\n{SCRIPT}</script>")),
            ("tracks", tracks.to_owned()),
            ("video", video.to_owned()),
            ("transcript", transcript.to_owned()),
            ("chapters", chapters),
            ("data", data),
        ],
    )
}

/// `imsmanifest.xml`: one organisation with one item, the player page as its one
/// shareable content object, and every file of the package listed under it.
fn manifest(title: &str, identifier: &str, files: &[String]) -> String {
    let title = escape(title);
    let listed: String = files
        .iter()
        .map(|f| format!("      <file href=\"{}\"/>\n", link(f)))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{identifier}" version="1.0"
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

/// A zip archive written as it goes: texts deflated, a video stored as it is and
/// streamed, the central directory at the end (PKWARE's APPNOTE, without zip64: a
/// package stays far below 4 GB, and one that does not is refused).
struct Zip<W: Write> {
    out: W,
    written: u64,
    entries: Vec<Entry>,
}

/// One file's record in the central directory.
struct Entry {
    name: String,
    crc: u32,
    compressed: u32,
    size: u32,
    method: u16,
    offset: u32,
}

/// Deflated.
const DEFLATE: u16 = 8;
/// Stored as it is.
const STORE: u16 = 0;
/// The modification time of every file: 00:00 on 1 January 1980, zip's first day,
/// so that the same recording gives the same zip.
const DOS_TIME_AND_DATE: [u8; 4] = [0, 0, 0x21, 0];
/// General purpose flags: names are UTF-8.
const UTF8_NAMES: u16 = 0x0800;

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

    /// `n` as a 32-bit field; 0xFFFFFFFF is zip64's mark, so it is refused too.
    fn fits(n: u64) -> std::io::Result<u32> {
        u32::try_from(n)
            .ok()
            .filter(|&n| n != u32::MAX)
            .ok_or_else(|| std::io::Error::other("a course package must stay under 4 GB"))
    }

    /// Adds `bytes` as the file `name`, deflated.
    fn add(&mut self, name: &str, bytes: &[u8]) -> std::io::Result<()> {
        let mut crc = flate2::Crc::new();
        crc.update(bytes);
        let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(bytes)?;
        let data = enc.finish()?;
        self.head(
            name,
            DEFLATE,
            crc.sum(),
            data.len() as u64,
            bytes.len() as u64,
        )?;
        self.put(&data)
    }

    /// Adds the file at `path` as `name`, stored: read once for its checksum, and
    /// once more to copy it, a piece at a time.
    fn store(&mut self, name: &str, path: &Path) -> std::io::Result<()> {
        use std::io::Read;
        let mut piece = vec![0; 1 << 20];
        let (mut crc, mut size) = (flate2::Crc::new(), 0u64);
        let mut file = std::fs::File::open(path)?;
        loop {
            let n = file.read(&mut piece)?;
            if n == 0 {
                break;
            }
            crc.update(&piece[..n]);
            size += n as u64;
        }
        self.head(name, STORE, crc.sum(), size, size)?;
        let mut file = std::fs::File::open(path)?;
        let copied = std::io::copy(&mut file, &mut self.out)?;
        if copied != size {
            return Err(std::io::Error::other(format!(
                "{name} changed while it was packed"
            )));
        }
        self.written += copied;
        Ok(())
    }

    /// Writes a file's local header and notes its entry.
    fn head(
        &mut self,
        name: &str,
        method: u16,
        crc: u32,
        compressed: u64,
        size: u64,
    ) -> std::io::Result<()> {
        let length = u16::try_from(name.len()).map_err(|_| {
            std::io::Error::other(format!("a file name too long for a zip: {name}"))
        })?;
        let entry = Entry {
            name: name.to_owned(),
            crc,
            compressed: Self::fits(compressed)?,
            size: Self::fits(size)?,
            method,
            offset: Self::fits(self.written)?,
        };
        let mut head = Vec::with_capacity(30 + name.len());
        head.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        head.extend_from_slice(&20u16.to_le_bytes()); // version needed: 2.0
        head.extend_from_slice(&UTF8_NAMES.to_le_bytes());
        head.extend_from_slice(&entry.method.to_le_bytes());
        head.extend_from_slice(&DOS_TIME_AND_DATE);
        head.extend_from_slice(&entry.crc.to_le_bytes());
        head.extend_from_slice(&entry.compressed.to_le_bytes());
        head.extend_from_slice(&entry.size.to_le_bytes());
        head.extend_from_slice(&length.to_le_bytes());
        head.extend_from_slice(&0u16.to_le_bytes()); // no extra field
        head.extend_from_slice(name.as_bytes());
        self.put(&head)?;
        self.entries.push(entry);
        Ok(())
    }

    /// Writes the central directory.
    fn finish(mut self) -> std::io::Result<()> {
        let start = Self::fits(self.written)?;
        let mut dir = Vec::new();
        for e in &self.entries {
            dir.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
            dir.extend_from_slice(&0x031eu16.to_le_bytes()); // made by: Unix, zip 3.0
            dir.extend_from_slice(&20u16.to_le_bytes());
            dir.extend_from_slice(&UTF8_NAMES.to_le_bytes());
            dir.extend_from_slice(&e.method.to_le_bytes());
            dir.extend_from_slice(&DOS_TIME_AND_DATE);
            dir.extend_from_slice(&e.crc.to_le_bytes());
            dir.extend_from_slice(&e.compressed.to_le_bytes());
            dir.extend_from_slice(&e.size.to_le_bytes());
            dir.extend_from_slice(&(e.name.len() as u16).to_le_bytes()); // checked in `head`
            dir.extend_from_slice(&[0; 8]); // extra, comment, disk, internal attributes
            dir.extend_from_slice(&(0o100_644u32 << 16).to_le_bytes()); // a plain file
            dir.extend_from_slice(&e.offset.to_le_bytes());
            dir.extend_from_slice(e.name.as_bytes());
        }
        let size = Self::fits(dir.len() as u64)?;
        let count = u16::try_from(self.entries.len())
            .ok()
            .filter(|&n| n != u16::MAX)
            .ok_or_else(|| std::io::Error::other("too many files for a zip"))?;
        dir.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        dir.extend_from_slice(&[0; 4]); // this disk, the directory's disk
        dir.extend_from_slice(&count.to_le_bytes());
        dir.extend_from_slice(&count.to_le_bytes());
        dir.extend_from_slice(&size.to_le_bytes());
        dir.extend_from_slice(&start.to_le_bytes());
        dir.extend_from_slice(&0u16.to_le_bytes()); // no comment
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
            zip.add("a.txt", text.as_bytes()).unwrap();
            let video = dir.path().join("v.bin");
            std::fs::write(&video, [1, 2, 3, 255]).unwrap();
            zip.store("b/ü.bin", &video).unwrap();
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
        let quiz = |at: f64, options: Vec<&str>, right: Option<usize>, tolerance, sketched| Quiz {
            at,
            ask: "Ask <it>?".into(),
            right_answer: right.map(|i| format!("The right answer is {}.", options[i])),
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
            made: String::new(),
        }
    }

    /// The page's questions: asked [`ASK_AHEAD`] before each reveal, a sketch
    /// without a score, each with what makes an answer right; the texts its script
    /// fills in keep their places.
    #[test]
    fn the_page_carries_each_question_and_how_it_is_checked() {
        let page = page(&told(), &link("v #1.webm"), "", &link("t.html"));
        let open = "<script type=\"application/json\" id=\"course\">";
        let data = &page[page.find(open).unwrap() + open.len()..];
        let data: serde_json::Value =
            serde_json::from_str(&data[..data.find("</script>").unwrap()]).unwrap();
        assert_eq!(data["scored"], 2);
        let q = data["questions"].as_array().unwrap();
        assert_eq!(q.len(), 3);
        assert_eq!(q[0]["at"], 2.5);
        assert_eq!(
            q[0]["explain"], "The right answer is B. many.",
            "the quiz's own words"
        );
        assert_eq!(q[0]["counted"], serde_json::Value::Null);
        assert_eq!(
            (&q[1]["counted"], &q[1]["tolerance"]),
            (&12.3.into(), &2.5.into())
        );
        assert_eq!(
            q[1]["explain"],
            "An answer within 2.5 percentage points of the counted share is right."
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
        assert!(page.contains("<video id=\"video\" src=\"v%20%231.webm\""));
        // In the data, no `<` is left to close its element.
        assert!(page.contains("\"ask\":\"Ask \\u003cit>?\""), "{page}");
        assert!(!page.contains("<it>"));
        assert!(!page.contains("http:") && !page.contains("https:"));
        assert_eq!(page.matches("data-at=").count(), 4);
    }

    #[test]
    fn the_manifest_lists_the_files_it_is_given() {
        let m = manifest(
            "A & B",
            "bolwerk-1",
            &["index.html".into(), "v #1.webm".into()],
        );
        assert!(m.contains("<title>A &amp; B</title>"));
        assert!(m.contains("<file href=\"index.html\"/>\n      <file href=\"v%20%231.webm\"/>"));
        assert!(m.contains("<manifest identifier=\"bolwerk-1\""));
        assert!(m.contains("<schemaversion>1.2</schemaversion>"));
        assert!(m.contains("adlcp:scormtype=\"sco\" href=\"index.html\""));
    }
}
