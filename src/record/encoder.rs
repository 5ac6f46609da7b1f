//! Where recorded frames go: an `ffmpeg` process (MP4, WebM), a GIF, or a folder of
//! numbered PNGs, each written under a temporary name and renamed into place only when
//! complete.
//!
//! Frames are handed to a writer thread through a short queue, so rendering and
//! encoding overlap; raw frames stream to ffmpeg's stdin and are never stored as files.
//! If anything fails, or the encoder is dropped before [`Encoder::finish`], the
//! temporary output is removed.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

use crate::failure::Failure;
use crate::output::{PendingDir, PendingFile};

/// The kinds of output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum VideoFormat {
    /// H.264 in MP4, yuv420p: plays everywhere, presentation software included.
    Mp4,
    /// VP9 in WebM.
    Webm,
    /// An animated GIF (no ffmpeg needed).
    Gif,
    /// A folder of numbered PNG files (no ffmpeg needed).
    Png,
}

impl VideoFormat {
    /// The format for an output path: by extension, or a PNG folder for a path without
    /// one (or ending in `/`).
    pub fn for_path(path: &Path) -> Result<Self, Failure> {
        let ends_in_slash = path.as_os_str().to_string_lossy().ends_with('/');
        match path.extension().and_then(|e| e.to_str()) {
            _ if ends_in_slash || path.is_dir() => Ok(VideoFormat::Png),
            None => Ok(VideoFormat::Png),
            Some(e) if e.eq_ignore_ascii_case("mp4") => Ok(VideoFormat::Mp4),
            Some(e) if e.eq_ignore_ascii_case("webm") => Ok(VideoFormat::Webm),
            Some(e) if e.eq_ignore_ascii_case("gif") => Ok(VideoFormat::Gif),
            Some(e) => Err(Failure::Input(format!(
                "--out {}: .{e} is not a format bolwerk writes: use .mp4, .webm, .gif, or a folder for PNG frames",
                path.display()
            ))),
        }
    }

    /// Whether this format needs `ffmpeg`.
    pub fn needs_ffmpeg(self) -> bool {
        matches!(self, VideoFormat::Mp4 | VideoFormat::Webm)
    }

    /// Whether the encoder needs even widths and heights (4:2:0 chroma halves both).
    pub fn needs_even_size(self) -> bool {
        self.needs_ffmpeg()
    }
}

/// How hard the encoder works for a smaller file: a trade of size against sharpness,
/// measured in BENCHMARKS.md ("Video size"). It applies to MP4 and WebM; GIF and PNG
/// frames have their own fixed encodings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Quality {
    /// The smallest files, for sharing: the moving dots soften first.
    Low,
    /// The knee of the curve of size against sharpness: two thirds of the size
    /// bolwerk wrote before the presets, nearly as sharp.
    #[default]
    Medium,
    /// Near-lossless text and lines, for editing further.
    High,
}

impl Quality {
    /// H.264's constant rate factor (lower is sharper and larger).
    fn x264_crf(self) -> &'static str {
        match self {
            Quality::Low => "28",
            Quality::Medium => "24",
            Quality::High => "20",
        }
    }

    /// VP9's constant quality level (lower is sharper and larger).
    fn vp9_crf(self) -> &'static str {
        match self {
            Quality::Low => "45",
            Quality::Medium => "38",
            Quality::High => "32",
        }
    }

    /// The encoder's arguments for `format`. `live` keeps pace with a live screen
    /// recording, at the price of a larger file for the same sharpness.
    fn codec_args(self, format: VideoFormat, live: bool) -> Vec<&'static str> {
        match format {
            VideoFormat::Mp4 => vec![
                "-c:v",
                "libx264",
                "-preset",
                if live { "veryfast" } else { "medium" },
                "-crf",
                self.x264_crf(),
                "-pix_fmt",
                "yuv420p",
                "-movflags",
                "+faststart",
                "-f",
                "mp4",
            ],
            _ => {
                let mut args = vec!["-c:v", "libvpx-vp9", "-b:v", "0", "-crf", self.vp9_crf()];
                args.extend(if live {
                    ["-deadline", "realtime", "-cpu-used", "8"]
                } else {
                    ["-deadline", "good", "-cpu-used", "4"]
                });
                args.extend(["-row-mt", "1", "-pix_fmt", "yuv420p", "-f", "webm"]);
                args
            }
        }
    }
}

/// How to find ffmpeg: `BOLWERK_FFMPEG` if set (tests point it elsewhere), else `ffmpeg`.
pub fn ffmpeg_program() -> PathBuf {
    std::env::var_os("BOLWERK_FFMPEG").map_or_else(|| PathBuf::from("ffmpeg"), PathBuf::from)
}

/// Fails at once, before any rendering, if ffmpeg cannot be run.
pub fn check_ffmpeg() -> Result<(), Failure> {
    let ok = Command::new(ffmpeg_program())
        .arg("-version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if ok {
        Ok(())
    } else {
        Err(Failure::Input(
            "ffmpeg is needed for .mp4 and .webm but was not found: install it (Debian/Ubuntu: \
             sudo apt-get install ffmpeg; macOS: brew install ffmpeg), or record PNG frames \
             (--out FOLDER/) or a .gif, which need no ffmpeg"
                .into(),
        ))
    }
}

/// One frame: tightly packed sRGB RGBA bytes, `width × height × 4`.
pub type Frame = Vec<u8>;

/// Where the writer thread puts frames.
enum Sink {
    Ffmpeg {
        child: Child,
        stdin: ChildStdin,
    },
    Gif {
        encoder: gif::Encoder<std::fs::File>,
        delay: u16,
    },
    Png {
        dir: PathBuf,
        next: u32,
    },
}

impl Sink {
    fn write(&mut self, frame: &mut Frame, width: u32, height: u32) -> Result<(), String> {
        match self {
            Sink::Ffmpeg { stdin, .. } => stdin.write_all(frame).map_err(|e| e.to_string()),
            Sink::Gif { encoder, delay } => {
                // A palette per frame (NeuQuant, speed 10): BENCHMARKS.md, "Recording".
                let mut f = gif::Frame::from_rgba_speed(width as u16, height as u16, frame, 10);
                f.delay = *delay;
                encoder.write_frame(&f).map_err(|e| e.to_string())
            }
            Sink::Png { dir, next } => {
                *next += 1;
                let path = dir.join(format!("frame-{:06}.png", *next));
                image::save_buffer(&path, frame, width, height, image::ColorType::Rgba8)
                    .map_err(|e| e.to_string())
            }
        }
    }
}

/// The pending output behind an encoder.
#[derive(Debug)]
enum Pending {
    File(PendingFile),
    Dir(PendingDir),
}

/// A running encoder: frames in, a complete file out.
pub struct Encoder {
    format: VideoFormat,
    frames: Option<SyncSender<Frame>>,
    writer: Option<JoinHandle<(Sink, Result<u64, String>)>>,
    pending: Option<Pending>,
    size: (u32, u32),
}

/// Frames that may wait for the writer; more block the renderer, which bounds memory.
const QUEUE: usize = 4;

/// What to encode and how.
#[derive(Debug, Clone)]
pub struct EncoderSpec {
    /// The output format.
    pub format: VideoFormat,
    /// Where the finished output goes.
    pub target: PathBuf,
    /// Frame size in pixels.
    pub width: u32,
    /// See `width`.
    pub height: u32,
    /// Frames per second of the output.
    pub fps: u32,
    /// Size against sharpness (MP4 and WebM).
    pub quality: Quality,
    /// Take each frame's time from the wall clock (live recording), and write a
    /// constant `fps` by repeating or dropping frames.
    pub wall_clock: bool,
}

impl Encoder {
    /// Creates the temporary output and starts the encoder. Fails before any frame if
    /// the place is unwritable or ffmpeg cannot start.
    pub fn start(spec: &EncoderSpec) -> Result<Self, Failure> {
        let (w, h) = (spec.width, spec.height);
        let (sink, pending) = match spec.format {
            VideoFormat::Mp4 | VideoFormat::Webm => {
                let ext = if spec.format == VideoFormat::Mp4 {
                    ".mp4"
                } else {
                    ".webm"
                };
                let file = PendingFile::create(&spec.target, ext, "--out")?;
                let child = spawn_ffmpeg(spec, file.path())?;
                let mut child = child;
                let stdin = child.stdin.take().expect("stdin was piped");
                (Sink::Ffmpeg { child, stdin }, Pending::File(file))
            }
            VideoFormat::Gif => {
                let mut file = PendingFile::create(&spec.target, ".gif", "--out")?;
                let handle = file
                    .file()
                    .try_clone()
                    .map_err(|e| Failure::Runtime(format!("{}: {e}", spec.target.display())))?;
                let mut encoder = gif::Encoder::new(handle, w as u16, h as u16, &[])
                    .map_err(|e| Failure::Runtime(format!("gif: {e}")))?;
                encoder
                    .set_repeat(gif::Repeat::Infinite)
                    .map_err(|e| Failure::Runtime(format!("gif: {e}")))?;
                let delay = (100.0 / f64::from(spec.fps.max(1))).round().max(1.0) as u16;
                (Sink::Gif { encoder, delay }, Pending::File(file))
            }
            VideoFormat::Png => {
                let dir = PendingDir::create(&spec.target, "--out")?;
                let path = dir.path().to_path_buf();
                (Sink::Png { dir: path, next: 0 }, Pending::Dir(dir))
            }
        };
        let (tx, rx) = sync_channel::<Frame>(QUEUE);
        let writer = std::thread::Builder::new()
            .name("bolwerk-encoder".into())
            .spawn(move || write_frames(sink, rx, w, h))
            .map_err(|e| Failure::Runtime(format!("cannot start the encoder thread: {e}")))?;
        Ok(Self {
            format: spec.format,
            frames: Some(tx),
            writer: Some(writer),
            pending: Some(pending),
            size: (w, h),
        })
    }

    /// The output format.
    pub fn format(&self) -> VideoFormat {
        self.format
    }

    /// The frame size.
    pub fn size(&self) -> (u32, u32) {
        self.size
    }

    /// Queues one frame; blocks while the queue is full. Fails if the writer stopped
    /// (ffmpeg died, the disk is full).
    pub fn push(&mut self, frame: Frame) -> Result<(), Failure> {
        debug_assert_eq!(frame.len(), (self.size.0 * self.size.1 * 4) as usize);
        let sent = self
            .frames
            .as_ref()
            .is_some_and(|tx| tx.send(frame).is_ok());
        if sent {
            return Ok(());
        }
        // The writer hung up: it failed. Collect its reason.
        Err(self
            .stop_writer()
            .err()
            .unwrap_or_else(|| Failure::Runtime("the encoder stopped taking frames".into())))
    }

    /// Closes the queue and waits for the writer; its error, if it failed.
    fn stop_writer(&mut self) -> Result<(Sink, u64), Failure> {
        self.frames = None;
        let writer = self
            .writer
            .take()
            .ok_or_else(|| Failure::Runtime("the encoder was already stopped".into()))?;
        let (sink, result) = writer
            .join()
            .map_err(|_| Failure::Runtime("the encoder thread panicked".into()))?;
        match result {
            Ok(n) => Ok((sink, n)),
            Err(e) => {
                let why = match sink {
                    Sink::Ffmpeg { mut child, stdin } => {
                        drop(stdin);
                        let _ = child.kill();
                        ffmpeg_failure(child)
                    }
                    _ => e,
                };
                Err(Failure::Runtime(format!("the encoder failed: {why}")))
            }
        }
    }

    /// Waits for every frame to be written, closes the output and renames it into
    /// place. Returns the number of frames written.
    pub fn finish(self) -> Result<u64, Failure> {
        let closed = self.close()?;
        let n = closed.frames;
        closed.commit()?;
        Ok(n)
    }

    /// Waits for every frame to be written and closes the output, still under its
    /// temporary name: chapters and subtitles can go in before it is committed.
    pub fn close(mut self) -> Result<Closed, Failure> {
        let (sink, n) = self.stop_writer()?;
        match sink {
            Sink::Ffmpeg { mut child, stdin } => {
                drop(stdin);
                let status = child
                    .wait()
                    .map_err(|e| Failure::Runtime(format!("ffmpeg: {e}")))?;
                if !status.success() {
                    return Err(Failure::Runtime(format!(
                        "the encoder failed: {}",
                        ffmpeg_failure(child)
                    )));
                }
            }
            Sink::Gif { encoder, .. } => {
                let mut file = encoder
                    .into_inner()
                    .map_err(|e| Failure::Runtime(format!("gif: {e}")))?;
                file.flush()
                    .map_err(|e| Failure::Runtime(format!("gif: {e}")))?;
            }
            Sink::Png { .. } => {}
        }
        Ok(Closed {
            format: self.format,
            frames: n,
            pending: self.pending.take().expect("close runs once"),
        })
    }
}

/// An encoded output under its temporary name: whole, not yet in place. Dropped, it
/// is removed.
#[derive(Debug)]
pub struct Closed {
    format: VideoFormat,
    /// The frames it holds.
    pub frames: u64,
    pending: Pending,
}

/// Chapters and subtitle tracks to put into a video.
#[derive(Debug, Clone)]
pub struct Mux {
    /// The chapters and title, as FFMETADATA.
    pub metadata: PathBuf,
    /// Subtitle files (SubRip for MP4, WebVTT for WebM), each with its ISO 639-2
    /// language code and the track's title.
    pub subtitles: Vec<(PathBuf, &'static str, String)>,
    /// Described-video files (WebVTT), each with its ISO 639-2 language code and the
    /// track's title: tracks marked as descriptions, in a WebM only (an MP4's text
    /// tracks have no such mark).
    pub descriptions: Vec<(PathBuf, &'static str, String)>,
    /// Whether the first subtitle track shows by default (when no captions are burned
    /// in).
    pub show_first: bool,
}

impl Closed {
    /// The video under its temporary name, if it is one file (not PNG frames).
    pub fn path(&self) -> Option<&Path> {
        match &self.pending {
            Pending::File(f) => Some(f.path()),
            Pending::Dir(_) => None,
        }
    }

    /// Whether it is a WebM, whose subtitle tracks are WebVTT (an MP4's are SubRip).
    pub fn is_webm(&self) -> bool {
        self.format == VideoFormat::Webm
    }

    /// Puts chapters and subtitle tracks into an MP4 or WebM (a no-op for GIF and PNG
    /// frames, which hold neither): ffmpeg copies the video stream into a new temporary
    /// file beside the target, which replaces the first.
    pub fn mux(&mut self, mux: &Mux) -> Result<(), Failure> {
        let Pending::File(video) = &self.pending else {
            return Ok(());
        };
        let (ext, subtitle_codec, muxer) = match self.format {
            VideoFormat::Mp4 => (".mp4", "mov_text", "mp4"),
            VideoFormat::Webm => (".webm", "webvtt", "webm"),
            VideoFormat::Gif | VideoFormat::Png => return Ok(()),
        };
        let muxed = PendingFile::create(video.target(), ext, "--out")?;
        let mut cmd = Command::new(ffmpeg_program());
        cmd.args(["-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-i"])
            .arg(video.path())
            .args(["-f", "ffmetadata", "-i"])
            .arg(&mux.metadata);
        let descriptions: &[_] = if self.is_webm() {
            &mux.descriptions
        } else {
            &[]
        };
        let tracks: Vec<_> = mux.subtitles.iter().chain(descriptions).collect();
        for (path, _, _) in &tracks {
            cmd.arg("-i").arg(path);
        }
        cmd.args(["-map", "0:v", "-map_metadata", "1", "-map_chapters", "1"]);
        for k in 0..tracks.len() {
            cmd.args(["-map", &format!("{}:0", k + 2)]);
        }
        cmd.args(["-c", "copy", "-c:s", subtitle_codec]);
        for (k, (_, language, title)) in tracks.iter().enumerate() {
            let show = if k >= mux.subtitles.len() {
                "descriptions"
            } else if k == 0 && mux.show_first {
                "default"
            } else {
                "0"
            };
            cmd.args([
                &format!("-metadata:s:s:{k}"),
                &format!("language={language}"),
                &format!("-metadata:s:s:{k}"),
                &format!("title={title}"),
                &format!("-disposition:s:{k}"),
                show,
            ]);
        }
        if self.format == VideoFormat::Mp4 {
            cmd.args(["-movflags", "+faststart"]);
        }
        cmd.args(["-f", muxer]).arg(muxed.path());
        let out = cmd
            .stdin(Stdio::null())
            .output()
            .map_err(|e| Failure::Runtime(format!("cannot start ffmpeg: {e}")))?;
        if !out.status.success() {
            let err = String::from_utf8_lossy(&out.stderr);
            let last = err
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("");
            return Err(Failure::Runtime(format!(
                "adding chapters and subtitles failed: ffmpeg exited ({}): {last}",
                out.status
            )));
        }
        self.pending = Pending::File(muxed);
        Ok(())
    }

    /// Renames the output into place.
    pub fn commit(self) -> Result<(), Failure> {
        match self.pending {
            Pending::File(f) => f.commit(),
            Pending::Dir(d) => d.commit(),
        }
    }
}

impl Drop for Encoder {
    /// An encoder dropped before `finish` (an error, an interrupt) stops ffmpeg and
    /// removes the temporary output.
    fn drop(&mut self) {
        if self.writer.is_some() {
            self.frames = None;
            if let Some(writer) = self.writer.take()
                && let Ok((Sink::Ffmpeg { mut child, stdin }, _)) = writer.join()
            {
                drop(stdin);
                let _ = child.kill();
                let _ = child.wait();
            }
        }
        // `pending` removes its temporary file or folder when dropped.
    }
}

/// The writer thread: frames from the queue into the sink, until the queue closes or
/// a write fails.
fn write_frames(
    mut sink: Sink,
    frames: Receiver<Frame>,
    w: u32,
    h: u32,
) -> (Sink, Result<u64, String>) {
    let mut n = 0;
    for mut frame in frames {
        if let Err(e) = sink.write(&mut frame, w, h) {
            return (sink, Err(e));
        }
        n += 1;
    }
    (sink, Ok(n))
}

fn spawn_ffmpeg(spec: &EncoderSpec, out: &Path) -> Result<Child, Failure> {
    let size = format!("{}x{}", spec.width, spec.height);
    let fps = spec.fps.to_string();
    let mut cmd = Command::new(ffmpeg_program());
    cmd.args(["-hide_banner", "-loglevel", "error", "-nostdin", "-y"]);
    if spec.wall_clock {
        cmd.args(["-use_wallclock_as_timestamps", "1"]);
    }
    cmd.args(["-f", "rawvideo", "-pix_fmt", "rgba", "-s", &size]);
    if !spec.wall_clock {
        cmd.args(["-framerate", &fps]);
    }
    cmd.args(["-i", "-"]);
    cmd.args(spec.quality.codec_args(spec.format, spec.wall_clock));
    if spec.wall_clock {
        cmd.args(["-fps_mode", "cfr", "-r", &fps]);
    }
    // `-nostdin` stops ffmpeg reading keys from the terminal; its stdin is our pipe.
    cmd.arg(out)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    // Its own process group: a Ctrl-C in the terminal reaches bolwerk, which then
    // stops ffmpeg and removes the temporary file, rather than ffmpeg dying first.
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }
    cmd.spawn()
        .map_err(|e| Failure::Runtime(format!("cannot start ffmpeg: {e}")))
}

/// What ffmpeg said before it failed: the last line of its error output.
fn ffmpeg_failure(mut child: Child) -> String {
    let status = child.wait().map(|s| s.to_string()).unwrap_or_default();
    let mut err = String::new();
    if let Some(mut stderr) = child.stderr.take() {
        use std::io::Read;
        let _ = stderr.read_to_string(&mut err);
    }
    let last = err
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    format!(
        "ffmpeg exited ({status}){}{last}",
        if last.is_empty() { "" } else { ": " }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_follow_the_extension_and_folders_take_pngs() {
        assert_eq!(
            VideoFormat::for_path(Path::new("a.mp4")).unwrap(),
            VideoFormat::Mp4
        );
        assert_eq!(
            VideoFormat::for_path(Path::new("a.WebM")).unwrap(),
            VideoFormat::Webm
        );
        assert_eq!(
            VideoFormat::for_path(Path::new("a.gif")).unwrap(),
            VideoFormat::Gif
        );
        assert_eq!(
            VideoFormat::for_path(Path::new("frames/")).unwrap(),
            VideoFormat::Png
        );
        assert_eq!(
            VideoFormat::for_path(Path::new("frames")).unwrap(),
            VideoFormat::Png
        );
        assert!(VideoFormat::for_path(Path::new("a.avi")).is_err());
    }

    #[test]
    fn png_frames_land_in_a_folder_only_when_finished() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("frames");
        let spec = EncoderSpec {
            format: VideoFormat::Png,
            target: target.clone(),
            width: 4,
            height: 2,
            fps: 10,
            quality: Quality::Medium,
            wall_clock: false,
        };
        let mut enc = Encoder::start(&spec).unwrap();
        for k in 0..3u8 {
            enc.push(vec![k; 4 * 2 * 4]).unwrap();
        }
        assert!(
            !target.exists(),
            "nothing under the final name before the end"
        );
        assert_eq!(enc.finish().unwrap(), 3);
        let names: Vec<_> = std::fs::read_dir(&target)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 3);
        assert!(target.join("frame-000003.png").exists());
    }

    #[test]
    fn a_dropped_encoder_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let spec = EncoderSpec {
            format: VideoFormat::Gif,
            target: dir.path().join("a.gif"),
            width: 4,
            height: 4,
            fps: 10,
            quality: Quality::Medium,
            wall_clock: false,
        };
        let mut enc = Encoder::start(&spec).unwrap();
        enc.push(vec![200; 64]).unwrap();
        drop(enc);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
