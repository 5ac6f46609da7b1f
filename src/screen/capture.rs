//! Screenshots (F12, or `--frames N --screenshot FILE` for scripted runs) and the
//! frame-time report that `--report-frame-times` prints on quitting.

use bevy::prelude::*;
use bevy::render::view::screenshot::ScreenshotCaptured;

use crate::intent::{Canvas, ScreenshotRequest};
use crate::schedule::FrameSet;
use crate::show::options::ShowOptions;

/// Frames to skip before timing: start-up and shader compilation are not the steady state.
const WARM_UP_FRAMES: usize = 10;

/// Frames to wait for a scripted screenshot before giving up.
const SCREENSHOT_TIMEOUT_FRAMES: u32 = 600;

/// Frame times since start-up, for the report.
#[derive(Resource, Debug, Default)]
struct FrameTimes {
    frames: u32,
    secs: Vec<f64>,
}

/// The capture plugin.
pub struct CapturePlugin;

impl Plugin for CapturePlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<FrameTimes>().add_systems(
            Update,
            (count_frames, scripted_run, take_screenshots)
                .chain()
                .in_set(FrameSet::Draw),
        );
    }
}

fn count_frames(time: Res<Time<Real>>, mut times: ResMut<FrameTimes>) {
    times.frames += 1;
    if times.frames as usize > WARM_UP_FRAMES {
        times.secs.push(time.delta_secs_f64());
    }
}

/// Prints mean, median, 99th percentile and frames per second of the timed frames.
fn report(times: &FrameTimes) {
    if times.secs.is_empty() {
        println!("frame times: too few frames to time (warm-up is {WARM_UP_FRAMES})");
        return;
    }
    let mut sorted = times.secs.clone();
    sorted.sort_by(f64::total_cmp);
    let mean = sorted.iter().sum::<f64>() / sorted.len() as f64;
    let median = sorted[sorted.len() / 2];
    let p99 = sorted[(sorted.len() * 99 / 100).min(sorted.len() - 1)];
    println!(
        "frame times: {} frames after {WARM_UP_FRAMES} warm-up, mean {:.1} ms, median {:.1} ms, p99 {:.1} ms, {:.1} fps",
        sorted.len(),
        mean * 1e3,
        median * 1e3,
        p99 * 1e3,
        1.0 / median
    );
}

/// `--frames N [--screenshot FILE]`: after N frames, take the picture (if asked) and quit.
fn scripted_run(
    options: Res<ShowOptions>,
    times: Res<FrameTimes>,
    mut requests: MessageWriter<ScreenshotRequest>,
    mut exit: MessageWriter<AppExit>,
) {
    let Some(frames) = options.frames else { return };
    if times.frames == frames {
        match &options.screenshot {
            Some(path) => {
                requests.write(ScreenshotRequest {
                    path: path.clone(),
                    then_exit: true,
                });
            }
            None => {
                if options.report_frame_times {
                    report(&times);
                }
                exit.write(AppExit::Success);
            }
        }
    } else if times.frames == frames + SCREENSHOT_TIMEOUT_FRAMES {
        error!("the screenshot was not captured within {SCREENSHOT_TIMEOUT_FRAMES} frames");
        exit.write(AppExit::error());
    }
}

fn take_screenshots(
    mut commands: Commands,
    canvas: Res<Canvas>,
    mut requests: MessageReader<ScreenshotRequest>,
) {
    for request in requests.read() {
        let request = request.clone();
        commands.spawn(canvas.screenshot()).observe(
            move |captured: On<ScreenshotCaptured>,
                  options: Res<ShowOptions>,
                  times: Res<FrameTimes>,
                  mut exit: MessageWriter<AppExit>| {
                let saved = captured
                    .image
                    .clone()
                    .try_into_dynamic()
                    .map_err(|e| e.to_string())
                    .and_then(|img| img.to_rgb8().save(&request.path).map_err(|e| e.to_string()));
                match &saved {
                    Ok(()) => info!("screenshot saved to {}", request.path.display()),
                    Err(e) => error!("cannot save {}: {e}", request.path.display()),
                }
                if request.then_exit {
                    if options.report_frame_times {
                        report(&times);
                    }
                    exit.write(if saved.is_ok() {
                        AppExit::Success
                    } else {
                        AppExit::error()
                    });
                }
            },
        );
    }
}
