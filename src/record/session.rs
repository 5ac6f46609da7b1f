//! One offscreen recording, step by step: warm the renderer up, then for each update
//! draw a frame, pair each frame that comes back with the counts it was drawn with,
//! and hand it to the encoder, until the video has its length.
//!
//! [`Session`] knows nothing of the command line: `bolwerk record` builds the app and
//! the encoder, calls [`Session::step`] until it is done, and writes the manifest.

use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy::render::render_resource::PollType;
use bevy::render::renderer::RenderDevice;
use bevy::time::TimeUpdateStrategy;

use super::encoder::Closed;
use super::{CapturedFrames, Encoder, FrameBook};
use crate::failure::Failure;
use crate::intent::Stage;
use crate::scenario::kinds::FrameCounts;
use crate::sim::ContactStats;

/// Updates that draw before frames are kept: pipelines settle, and the first frames
/// of a fresh renderer can be blank.
pub const WARM_UP_UPDATES: u32 = 4;

/// Updates without a frame arriving after which the renderer is taken to be stuck.
pub const STALL_UPDATES: u32 = 120;

/// How long a recording runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Length {
    /// Exactly this many frames.
    Frames(u64),
    /// Until the head count reaches this; the frame that reached it is the last.
    UntilEmployees(u32),
    /// Until the scenario's last act is done.
    Scenario,
}

/// Seconds spent in each part of the recording loop.
#[derive(Debug, Default, Clone, Copy)]
pub struct Timing {
    /// In `app.update()`: the simulation, drawing and readback.
    pub update: f64,
    /// Waiting for the GPU to finish a frame.
    pub gpu: f64,
    /// Waiting for the encoder to take a frame or to finish.
    pub encoder: f64,
}

/// What a step did, for a progress bar and for whoever keeps each frame's counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// Frames handed to the encoder so far.
    pub pushed: u64,
    /// The counts of the last frame handed over.
    pub last: ContactStats,
    /// The counts of each frame handed over in this step, in order: a step may hand
    /// over none, one or several, as the GPU returns them.
    pub arrived: Vec<FrameCounts>,
}

/// A finished recording.
#[derive(Debug)]
pub struct Recorded {
    /// The app, as the last frame left it (a scenario's log is in it).
    pub app: App,
    /// The video, whole, still under its temporary name (`commit` puts it in place).
    pub video: Closed,
    /// The counts in the last frame.
    pub last: ContactStats,
    /// Updates drawn, warm-up not included.
    pub drawn: u64,
    /// Where the time went.
    pub timing: Timing,
    /// When the first kept frame was drawn.
    pub started: Instant,
}

/// A recording in progress. See the module's header.
pub struct Session {
    app: App,
    encoder: Encoder,
    length: Length,
    book: FrameBook<FrameCounts>,
    total: Option<u64>,
    pushed: u64,
    drawn: u64,
    idle: u32,
    last: ContactStats,
    timing: Timing,
    started: Instant,
}

impl Session {
    /// Warms the renderer up with the clock stopped, then arms the readback and starts
    /// the clock: each update is `1 / fps` of video time, and the simulation runs at
    /// `speed` times that. The app must have the `OffscreenCapturePlugin`.
    pub fn start(mut app: App, encoder: Encoder, length: Length, fps: u32, speed: f64) -> Self {
        // Nothing moves while the renderer warms up: the video starts at tick 0.
        app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::ZERO));
        let mut timing = Timing::default();
        for _ in 0..WARM_UP_UPDATES {
            update(&mut app, &mut timing);
        }
        app.world_mut().resource_mut::<CapturedFrames>().armed = true;
        app.world_mut()
            .resource_mut::<Time<Virtual>>()
            .set_relative_speed_f64(speed);
        app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_secs_f64(
            1.0 / f64::from(fps),
        )));
        let total = match length {
            Length::Frames(n) => Some(n),
            Length::UntilEmployees(_) | Length::Scenario => None,
        };
        Self {
            app,
            encoder,
            length,
            book: FrameBook::default(),
            total,
            pushed: 0,
            drawn: 0,
            idle: 0,
            last: ContactStats::default(),
            timing: Timing::default(),
            started: Instant::now(),
        }
    }

    /// Whether every frame of the video has been handed to the encoder.
    pub fn done(&self) -> bool {
        self.total.is_some_and(|t| self.pushed >= t)
    }

    /// Draws one frame, and hands every frame that came back to the encoder.
    pub fn step(&mut self) -> Result<Progress, Failure> {
        update(&mut self.app, &mut self.timing);
        let counts = FrameCounts::of(self.app.world());
        let stats = counts.main;
        self.book.drawn(counts);
        // An open-ended video ends with the frame that reached its goal.
        let reached = match self.length {
            Length::Frames(_) => false,
            Length::UntilEmployees(n) => stats.employees >= n,
            Length::Scenario => self
                .app
                .world()
                .get_resource::<Stage>()
                .is_some_and(|s| s.finished),
        };
        if reached && self.total.is_none() {
            self.total = Some(self.drawn + 1);
        }
        self.drawn += 1;
        let frames: Vec<_> = self
            .app
            .world_mut()
            .resource_mut::<CapturedFrames>()
            .frames
            .drain(..)
            .collect();
        self.idle = if frames.is_empty() { self.idle + 1 } else { 0 };
        if self.idle > STALL_UPDATES {
            return Err(Failure::Runtime(
                "the renderer stopped returning frames".into(),
            ));
        }
        let mut arrived = Vec::with_capacity(frames.len());
        for frame in frames {
            let Some((n, counts)) = self.book.arrived() else {
                return Err(Failure::Runtime(
                    "a frame arrived that was never drawn".into(),
                ));
            };
            if self.total.is_some_and(|t| n >= t) {
                continue;
            }
            let t = Instant::now();
            self.encoder.push(frame)?;
            self.timing.encoder += t.elapsed().as_secs_f64();
            self.pushed += 1;
            self.last = counts.main;
            arrived.push(counts);
        }
        Ok(Progress {
            pushed: self.pushed,
            last: self.last,
            arrived,
        })
    }

    /// Checks that every frame came back whole, and closes the encoder; the video is
    /// not yet in place.
    pub fn finish(mut self) -> Result<Recorded, Failure> {
        let malformed = self.app.world().resource::<CapturedFrames>().malformed;
        if malformed > 0 {
            return Err(Failure::Runtime(format!(
                "{malformed} frames came back with the wrong size"
            )));
        }
        let t = Instant::now();
        let video = self.encoder.close()?;
        self.timing.encoder += t.elapsed().as_secs_f64();
        Ok(Recorded {
            app: self.app,
            video,
            last: self.last,
            drawn: self.drawn,
            timing: self.timing,
            started: self.started,
        })
    }
}

/// Steps the app once and waits for the GPU to finish the frame.
fn update(app: &mut App, timing: &mut Timing) {
    let t = Instant::now();
    app.update();
    let t2 = Instant::now();
    timing.update += (t2 - t).as_secs_f64();
    let _ = app
        .world()
        .resource::<RenderDevice>()
        .wgpu_device()
        .poll(PollType::Wait {
            submission_index: None,
            timeout: None,
        });
    timing.gpu += t2.elapsed().as_secs_f64();
}
