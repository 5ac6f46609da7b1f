//! Recording videos: the encoders, the manifest that makes a video reproducible, the
//! offscreen frame capture behind `bolwerk record`, and the live recorder behind the
//! demo's V key. Both recorders go through the same [`Encoder`] and [`Manifest`].

pub mod encoder;
pub mod package;
pub mod session;
pub mod sidecars;
pub mod timeline;
pub mod transcript;

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::time::Instant;

use bevy::prelude::*;
use bevy::render::gpu_readback::{Readback, ReadbackComplete};
use bevy::render::view::screenshot::ScreenshotCaptured;
use bolwerk_model::Params;
use serde::Serialize;

pub use encoder::{Encoder, EncoderSpec, Frame, Quality, VideoFormat};

use crate::failure::Failure;
use crate::intent::{Canvas, RecordCommand, Recording};
use crate::output::{PendingFile, stamp};
use crate::schedule::FrameSet;
use crate::sim::{ContactStats, SimSettings};

/// Frames per second of a live recording from the demo.
pub const LIVE_FPS: u32 = 30;

/// Everything needed to reproduce and check a video, written beside it as `FILE.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Manifest {
    /// The version of bolwerk that made it.
    pub bolwerk_version: &'static str,
    /// The command line, word by word.
    pub command: Vec<String>,
    /// The seed.
    pub seed: u64,
    /// The parameters.
    pub params: Params,
    /// Frame width in pixels.
    pub width: u32,
    /// Frame height in pixels.
    pub height: u32,
    /// Frames per second.
    pub fps: u32,
    /// Frames in the video; for a live recording, the frames captured from the screen
    /// (the video holds them at a constant `fps`, repeating or dropping as needed).
    pub frames: u64,
    /// Recorded live from the demo's screen (V), in real time.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub live: bool,
    /// The output format.
    pub format: VideoFormat,
    /// The encoder's preset, for MP4 and WebM.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quality: Option<Quality>,
    /// The language of the texts burned in.
    pub lang: crate::i18n::Lang,
    /// The counts in the last frame.
    #[serde(rename = "final")]
    pub last: ContactStats,
    /// When each act of a scenario starts, for cutting the video.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub acts: Vec<ActStart>,
    /// Every file written besides this manifest: the video, then any chapters and
    /// subtitles beside it.
    pub files: Vec<PathBuf>,
}

/// The start of one act in a recorded scenario.
#[derive(Debug, Clone, Serialize)]
pub struct ActStart {
    /// The act's number, from 1.
    pub act: usize,
    /// Its title in the recorded language.
    pub title: String,
    /// Seconds from the start of the video.
    pub start_secs: f64,
    /// Its first frame, from 0.
    pub start_frame: u64,
    /// Seconds from the start of the video to its end.
    pub end_secs: f64,
    /// Employees in its last frame.
    pub employees: u32,
    /// The share of contacts with customers in its last frame (0 to 1), counted…
    pub customer_share: f64,
    /// … and the model's exact expectation of it.
    pub expected_share: f64,
    /// A question's answer, counted in its last frame (0 to 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer: Option<f64>,
}

impl Manifest {
    /// Where the manifest of `video` goes: `video` with `.json` appended.
    pub fn path_for(video: &Path) -> PathBuf {
        let mut name = video.as_os_str().to_owned();
        if name.to_string_lossy().ends_with('/') {
            let trimmed = name.to_string_lossy().trim_end_matches('/').to_string();
            name = trimmed.into();
        }
        name.push(".json");
        PathBuf::from(name)
    }

    /// Writes the manifest beside `video`, under a temporary name first.
    pub fn write_beside(&self, video: &Path) -> Result<(), Failure> {
        let path = Self::path_for(video);
        let file = PendingFile::create(&path, ".partial", "--out")?;
        let mut bytes = serde_json::to_vec_pretty(self).expect("a manifest always serialises");
        bytes.push(b'\n');
        file.write_all(&bytes)
    }
}

/// Pairs frames read back from the GPU with the frames they were rendered in.
///
/// Readbacks complete in the order they were asked for, a frame or two after the frame
/// that drew them, and carry no frame number. So each update records what it drew, in
/// order, and each arriving frame takes the oldest record: nothing is dropped, repeated
/// or paired with the wrong counts, whatever the latency.
#[derive(Debug, Default, Clone)]
pub struct FrameBook<T> {
    drawn: VecDeque<T>,
    arrived: u64,
}

impl<T> FrameBook<T> {
    /// An update drew a frame whose state was `what`.
    pub fn drawn(&mut self, what: T) {
        self.drawn.push_back(what);
    }

    /// A frame arrived: the state it was drawn with, and its number from 0.
    pub fn arrived(&mut self) -> Option<(u64, T)> {
        let what = self.drawn.pop_front()?;
        let n = self.arrived;
        self.arrived += 1;
        Some((n, what))
    }

    /// Frames drawn but not yet arrived.
    pub fn in_flight(&self) -> usize {
        self.drawn.len()
    }
}

/// Strips the row padding of a texture read back from the GPU (rows are padded to a
/// multiple of 256 bytes), leaving `width × height × 4` bytes.
pub fn unpad_rows(data: &[u8], width: u32, height: u32) -> Option<Frame> {
    let row = width as usize * 4;
    let padded = row.div_ceil(256) * 256;
    if data.len() < padded * (height as usize - 1) + row {
        return None;
    }
    let mut out = Vec::with_capacity(row * height as usize);
    for y in 0..height as usize {
        out.extend_from_slice(&data[y * padded..y * padded + row]);
    }
    Some(out)
}

/// Frames read back from the offscreen canvas, in order; `bolwerk record` drains them.
#[derive(Resource, Debug, Default)]
pub struct CapturedFrames {
    /// Whether frames are being read back.
    pub armed: bool,
    /// Frames that arrived and were not taken yet.
    pub frames: VecDeque<Frame>,
    /// Frames whose bytes did not have the canvas's size (a bug if ever non-zero).
    pub malformed: u64,
}

/// Marks the entity that reads the canvas back.
#[derive(Component)]
struct CanvasReadback;

/// Reads every frame of the offscreen canvas back to the CPU while
/// [`CapturedFrames::armed`]. For `bolwerk record`.
pub struct OffscreenCapturePlugin;

impl Plugin for OffscreenCapturePlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<CapturedFrames>()
            .add_systems(Update, arm_readback.in_set(FrameSet::Draw));
    }
}

fn arm_readback(
    mut commands: Commands,
    canvas: Res<Canvas>,
    captured: Res<CapturedFrames>,
    readers: Query<Entity, With<CanvasReadback>>,
) {
    let Some(image) = &canvas.image else { return };
    match (captured.armed, readers.iter().next()) {
        (true, None) => {
            let size = canvas.size;
            commands
                .spawn((CanvasReadback, Readback::texture(image.clone())))
                .observe(
                    move |done: On<ReadbackComplete>, mut captured: ResMut<CapturedFrames>| {
                        match unpad_rows(&done.data, size.x, size.y) {
                            Some(frame) => captured.frames.push_back(frame),
                            None => captured.malformed += 1,
                        }
                    },
                );
        }
        (false, Some(e)) => commands.entity(e).despawn(),
        _ => {}
    }
}

/// The encoder of the live recording, with what its manifest needs.
#[derive(Resource)]
struct Live {
    encoder: Encoder,
    target: PathBuf,
    frames: u64,
}

/// Records what is on screen, panel included, to `bolwerk-YYYYMMDD-HHMMSS.mp4`, while
/// the demo runs: the demo's V. Needs the [`IntentPlugin`](crate::intent::IntentPlugin).
pub struct LiveRecordPlugin;

impl Plugin for LiveRecordPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<Recording>().add_systems(
            Update,
            (toggle_live, capture_live.run_if(resource_exists::<Live>))
                .chain()
                .in_set(FrameSet::Draw),
        );
    }
}

/// Even sizes for the encoder: 4:2:0 video halves both.
fn even(size: UVec2) -> UVec2 {
    UVec2::new(size.x & !1, size.y & !1)
}

fn toggle_live(world: &mut World) {
    let toggles = world
        .resource_mut::<Messages<RecordCommand>>()
        .drain()
        .count();
    for _ in 0..toggles {
        match world.remove_resource::<Live>() {
            Some(live) => stop_live(world, live),
            None => start_live(world),
        }
    }
}

fn start_live(world: &mut World) {
    let size = even(world.resource::<Canvas>().size);
    let target = PathBuf::from(format!("bolwerk-{}.mp4", stamp()));
    let spec = EncoderSpec {
        format: VideoFormat::Mp4,
        target: target.clone(),
        width: size.x,
        height: size.y,
        fps: LIVE_FPS,
        quality: Quality::Medium,
        wall_clock: true,
    };
    let started = encoder::check_ffmpeg().and_then(|()| Encoder::start(&spec));
    let mut recording = world.resource_mut::<Recording>();
    match started {
        Ok(encoder) => {
            recording.started = Some(Instant::now());
            recording.failed = None;
            info!("recording to {}", target.display());
            world.insert_resource(Live {
                encoder,
                target,
                frames: 0,
            });
        }
        Err(e) => {
            error!("cannot record: {e}");
            recording.failed = Some(e.to_string());
        }
    }
}

fn stop_live(world: &mut World, live: Live) {
    let Live {
        encoder,
        target,
        frames,
    } = live;
    let (width, height) = encoder.size();
    let settings = world.resource::<SimSettings>().clone();
    let manifest = Manifest {
        bolwerk_version: env!("CARGO_PKG_VERSION"),
        command: std::env::args().collect(),
        seed: settings.seed,
        params: settings.params,
        width,
        height,
        fps: LIVE_FPS,
        frames,
        live: true,
        format: VideoFormat::Mp4,
        quality: Some(Quality::Medium),
        lang: world.resource::<crate::i18n::Texts>().lang,
        last: *world.resource::<ContactStats>(),
        acts: Vec::new(),
        files: vec![target.clone()],
    };
    let saved = encoder
        .finish()
        .and_then(|_| manifest.write_beside(&target));
    let mut recording = world.resource_mut::<Recording>();
    recording.started = None;
    match saved {
        Ok(()) => {
            info!("saved {}", target.display());
            recording.saved = Some(target);
        }
        Err(e) => {
            error!("the recording failed: {e}");
            recording.failed = Some(e.to_string());
        }
    }
}

/// While recording, asks for a screenshot of the canvas every frame and feeds what
/// arrives to the encoder.
fn capture_live(mut commands: Commands, canvas: Res<Canvas>) {
    let size = even(canvas.size);
    commands.spawn(canvas.screenshot()).observe(
        move |captured: On<ScreenshotCaptured>, live: Option<ResMut<Live>>| {
            let Some(mut live) = live else { return };
            let Ok(image) = captured.image.clone().try_into_dynamic() else {
                return;
            };
            let rgba = image.to_rgba8();
            if rgba.width() < size.x || rgba.height() < size.y {
                return; // the window shrank while recording: skip the frame
            }
            let frame = image::imageops::crop_imm(&rgba, 0, 0, size.x, size.y)
                .to_image()
                .into_raw();
            if live.encoder.push(frame).is_ok() {
                live.frames += 1;
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_that_arrive_late_keep_their_order_and_their_counts() {
        // Latency 1, then 2, then a burst: the pairing never drops, repeats or shifts.
        for latency in [1usize, 2, 3] {
            let mut book = FrameBook::default();
            let mut got = Vec::new();
            for update in 0..20u64 {
                book.drawn(update * 10);
                // Frames drawn `latency` updates ago arrive now.
                if update >= latency as u64 {
                    got.push(book.arrived().unwrap());
                }
            }
            while book.in_flight() > 0 {
                got.push(book.arrived().unwrap());
            }
            let want: Vec<(u64, u64)> = (0..20).map(|n| (n, n * 10)).collect();
            assert_eq!(got, want, "latency {latency}");
            assert_eq!(book.arrived(), None);
        }
    }

    #[test]
    fn row_padding_is_stripped() {
        // Width 3: 12 bytes a row, padded to 256.
        let (w, h) = (3u32, 2u32);
        let mut data = vec![0u8; 256 + 12];
        data[..12].copy_from_slice(&[1; 12]);
        data[256..].copy_from_slice(&[2; 12]);
        let frame = unpad_rows(&data, w, h).unwrap();
        assert_eq!(frame.len(), 24);
        assert!(frame[..12].iter().all(|&b| b == 1) && frame[12..].iter().all(|&b| b == 2));
        assert_eq!(unpad_rows(&data[..100], w, h), None);
    }

    #[test]
    fn the_manifest_sits_beside_the_video() {
        assert_eq!(
            Manifest::path_for(Path::new("a/b.mp4")),
            PathBuf::from("a/b.mp4.json")
        );
        assert_eq!(
            Manifest::path_for(Path::new("frames/")),
            PathBuf::from("frames.json")
        );
    }
}
