//! What a recorded scenario writes besides its video: chapters, subtitles and
//! described video in each of the session's languages, inside the video (MP4, WebM)
//! and as files beside it, for learning platforms that take them separately, and its
//! text version ([`super::transcript`]).
//!
//! For `s.webm`, in each language (English here): `s.en.srt` and `s.en.vtt` (unless
//! the captions are only burned in), `s.en.descriptions.vtt`, `s.en.transcript.html`
//! and `s.en.transcript.txt`; then `s.chapters.txt` and `s.chapters.vtt`. Each is
//! written under a temporary name and renamed into place with the video, so a failure
//! leaves none of them.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::encoder::{Closed, Mux};
use super::timeline::Timeline;
use super::transcript::{Filmed, Transcript};
use crate::failure::Failure;
use crate::i18n::{Lang, Msg, Texts};
use crate::output::{PendingFile, check_target};
use crate::scenario::Scenario;

/// How a scenario's captions reach the video.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum Captions {
    /// Drawn into the picture, in the recording's language.
    Burned,
    /// Subtitle tracks in each of the session's languages, and subtitle files beside
    /// the video.
    Soft,
    /// Both: drawn in, and the tracks and files.
    #[default]
    Both,
}

impl Captions {
    /// Whether the picture shows them.
    pub fn burned(self) -> bool {
        self != Captions::Soft
    }

    /// Whether subtitle tracks and files carry them.
    pub fn soft(self) -> bool {
        self != Captions::Burned
    }
}

/// The files beside a recorded scenario's video.
#[derive(Debug, Clone)]
pub struct Sidecars {
    /// The video's path without its extension (or trailing slash, for PNG frames).
    base: PathBuf,
    captions: Captions,
    /// The session's languages, the recording's first: its track is the first, and
    /// the default when no captions are burned in.
    langs: Vec<Lang>,
    /// The recording's language: the chapters' (a session without it has its texts
    /// in English, or its first language).
    lang: Lang,
}

impl Sidecars {
    /// The files for the video at `out` of `scenario`, recorded in `lang`.
    pub fn new(out: &Path, captions: Captions, scenario: &Scenario, lang: Lang) -> Self {
        let mut langs = scenario.languages();
        if let Some(at) = langs.iter().position(|&l| l == lang) {
            langs[..=at].rotate_right(1);
        }
        let trimmed = PathBuf::from(out.to_string_lossy().trim_end_matches('/'));
        Self {
            base: trimmed.with_extension(""),
            captions,
            langs,
            lang,
        }
    }

    fn with_suffix(&self, suffix: &str) -> PathBuf {
        let mut name = self.base.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    }

    /// The subtitles in `lang` as SubRip.
    pub fn srt(&self, lang: Lang) -> PathBuf {
        self.with_suffix(&format!(".{}.srt", lang.code()))
    }

    /// The subtitles in `lang` as WebVTT.
    pub fn vtt(&self, lang: Lang) -> PathBuf {
        self.with_suffix(&format!(".{}.vtt", lang.code()))
    }

    /// The described video in `lang`, as a WebVTT track of kind `descriptions`.
    pub fn descriptions(&self, lang: Lang) -> PathBuf {
        self.with_suffix(&format!(".{}.descriptions.vtt", lang.code()))
    }

    /// The text version in `lang`, as a page (`html`) or plain text (`txt`).
    pub fn transcript(&self, lang: Lang, ext: &str) -> PathBuf {
        self.with_suffix(&format!(".{}.transcript.{ext}", lang.code()))
    }

    /// The chapters, one line each.
    pub fn chapters(&self) -> PathBuf {
        self.with_suffix(".chapters.txt")
    }

    /// The chapters as a WebVTT chapters track.
    pub fn chapters_vtt(&self) -> PathBuf {
        self.with_suffix(".chapters.vtt")
    }

    /// The session's languages, the recording's first.
    pub fn langs(&self) -> &[Lang] {
        &self.langs
    }

    /// Whether there are subtitle files.
    pub fn soft(&self) -> bool {
        self.captions.soft()
    }

    /// Whether the picture shows the captions.
    pub fn burned(&self) -> bool {
        self.captions.burned()
    }

    /// Every file these are, in the order they are listed.
    pub fn paths(&self) -> Vec<PathBuf> {
        let mut paths = Vec::new();
        for &lang in &self.langs {
            if self.captions.soft() {
                paths.push(self.srt(lang));
                paths.push(self.vtt(lang));
            }
            paths.push(self.descriptions(lang));
            paths.push(self.transcript(lang, "html"));
            paths.push(self.transcript(lang, "txt"));
        }
        paths.push(self.chapters());
        paths.push(self.chapters_vtt());
        paths
    }

    /// Refuses, before any rendering, files that exist (unless `force`).
    pub fn check(&self, force: bool) -> Result<(), Failure> {
        self.paths()
            .iter()
            .try_for_each(|p| check_target(p, force, "--out"))
    }

    /// Writes the files of `scenario` as `filmed` under temporary names, and puts
    /// chapters, subtitle and description tracks into `video`. Returns the files, for
    /// [`commit`] once the video is in place, and the text version in the recording's
    /// language.
    pub fn write(
        &self,
        scenario: &Scenario,
        filmed: &Filmed,
        video: &mut Closed,
    ) -> Result<(Vec<PendingFile>, Transcript), Failure> {
        let marks = filmed.marks;
        let timelines: Vec<Timeline> = self
            .langs
            .iter()
            .map(|&l| Timeline::new(scenario, marks, l))
            .collect();
        // The chapters are in the recording's language, whether or not the session
        // has texts in it.
        let chapters = match timelines.first() {
            Some(first) if self.langs[0] == self.lang => first.clone(),
            _ => Timeline::new(scenario, marks, self.lang),
        };
        let mut files = Vec::new();
        let mut tracks = Vec::new();
        let mut described = Vec::new();
        let mut told = None;
        for (l, timeline) in self.langs.iter().zip(&timelines) {
            if self.captions.soft() {
                let srt = pending(&self.srt(*l), ".srt", &timeline.srt())?;
                let vtt = pending(&self.vtt(*l), ".vtt", &timeline.vtt())?;
                let track = if video.is_webm() { &vtt } else { &srt };
                tracks.push((
                    track.path().to_path_buf(),
                    l.iso639_2(),
                    l.native_name().to_owned(),
                ));
                files.push(srt);
                files.push(vtt);
            }
            let transcript = Transcript::new(scenario, filmed, *l);
            let descriptions = pending(
                &self.descriptions(*l),
                ".vtt",
                &transcript.descriptions_vtt(),
            )?;
            described.push((
                descriptions.path().to_path_buf(),
                l.iso639_2(),
                Texts::new(*l).get(Msg::TranscriptPicture),
            ));
            files.push(descriptions);
            files.push(pending(
                &self.transcript(*l, "html"),
                ".html",
                &transcript.html(),
            )?);
            files.push(pending(
                &self.transcript(*l, "txt"),
                ".txt",
                &transcript.txt(),
            )?);
            if *l == self.lang {
                told = Some(transcript);
            }
        }
        files.push(pending(&self.chapters(), ".txt", &chapters.chapter_list())?);
        files.push(pending(
            &self.chapters_vtt(),
            ".vtt",
            &chapters.chapters_vtt(),
        )?);
        let metadata = tempfile::Builder::new()
            .prefix(".bolwerk-")
            .suffix(".ffmeta")
            .tempfile_in(
                self.base
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(Path::new(".")),
            )
            .and_then(|mut f| {
                f.write_all(chapters.ffmetadata().as_bytes())?;
                Ok(f)
            })
            .map_err(|e| Failure::Runtime(format!("chapters: {e}")))?;
        video.mux(&Mux {
            metadata: metadata.path().to_path_buf(),
            subtitles: tracks,
            descriptions: described,
            show_first: !self.captions.burned(),
        })?;
        let told = told.unwrap_or_else(|| Transcript::new(scenario, filmed, self.lang));
        Ok((files, told))
    }
}

/// `text` in a temporary file beside `target`, not yet committed.
fn pending(target: &Path, suffix: &str, text: &str) -> Result<PendingFile, Failure> {
    let mut file = PendingFile::create(target, suffix, "--out")?;
    file.file()
        .write_all(text.as_bytes())
        .map_err(|e| Failure::Runtime(format!("{}: {e}", target.display())))?;
    Ok(file)
}

/// Renames the files into place.
pub fn commit(files: Vec<PendingFile>) -> Result<(), Failure> {
    files.into_iter().try_for_each(PendingFile::commit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_files_sit_beside_the_video_under_its_name() {
        let shipped = Scenario::load_or_shipped(None).unwrap();
        let s = Sidecars::new(
            Path::new("out/session.mp4"),
            Captions::Both,
            &shipped,
            Lang::EN,
        );
        assert_eq!(
            s.paths(),
            [
                "out/session.en.srt",
                "out/session.en.vtt",
                "out/session.en.descriptions.vtt",
                "out/session.en.transcript.html",
                "out/session.en.transcript.txt",
                "out/session.nl.srt",
                "out/session.nl.vtt",
                "out/session.nl.descriptions.vtt",
                "out/session.nl.transcript.html",
                "out/session.nl.transcript.txt",
                "out/session.chapters.txt",
                "out/session.chapters.vtt"
            ]
            .map(PathBuf::from)
        );
        let dutch_first = Sidecars::new(Path::new("s.mp4"), Captions::Soft, &shipped, Lang::NL);
        assert_eq!(dutch_first.paths()[0], PathBuf::from("s.nl.srt"));
        assert_eq!(dutch_first.paths()[5], PathBuf::from("s.en.srt"));
        let frames = Sidecars::new(Path::new("frames/"), Captions::Burned, &shipped, Lang::EN);
        assert_eq!(
            frames.paths(),
            [
                "frames.en.descriptions.vtt",
                "frames.en.transcript.html",
                "frames.en.transcript.txt",
                "frames.nl.descriptions.vtt",
                "frames.nl.transcript.html",
                "frames.nl.transcript.txt",
                "frames.chapters.txt",
                "frames.chapters.vtt"
            ]
            .map(PathBuf::from)
        );
        assert!(Captions::Soft.soft() && !Captions::Soft.burned());
        assert!(Captions::Burned.burned() && !Captions::Burned.soft());
    }
}
