//! Screenshots (F12, or `--frames N --screenshot FILE` for scripted runs) and the
//! frame-time report that `--report-frame-times` prints on quitting.

use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};

use super::DemoOptions;
use crate::schedule::FrameSet;

/// Frames to skip before timing: start-up and shader compilation are not the steady state.
const WARM_UP_FRAMES: usize = 10;

/// Frames to wait for a scripted screenshot before giving up.
const SCREENSHOT_TIMEOUT_FRAMES: u32 = 600;

/// Ask for a screenshot of the window, UI included.
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub struct ScreenshotRequest {
    /// Where to save the PNG.
    pub path: PathBuf,
    /// Quit once it is saved.
    pub then_exit: bool,
}

impl ScreenshotRequest {
    /// A request for `bolwerk-YYYYMMDD-HHMMSS.png` (UTC) in the working folder.
    pub fn timestamped() -> Self {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Self {
            path: PathBuf::from(format!("bolwerk-{}.png", utc_stamp(secs))),
            then_exit: false,
        }
    }
}

/// `YYYYMMDD-HHMMSS` for a Unix time, in UTC (Howard Hinnant's civil-from-days).
pub fn utc_stamp(unix_secs: u64) -> String {
    let days = (unix_secs / 86_400) as i64;
    let rem = unix_secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}{month:02}{day:02}-{:02}{:02}{:02}",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

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
        app.add_message::<ScreenshotRequest>()
            .init_resource::<FrameTimes>()
            .add_systems(
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

/// Prints mean, median and frames per second of the timed frames.
fn report(times: &FrameTimes) {
    if times.secs.is_empty() {
        println!("frame times: too few frames to time (warm-up is {WARM_UP_FRAMES})");
        return;
    }
    let mut sorted = times.secs.clone();
    sorted.sort_by(f64::total_cmp);
    let mean = sorted.iter().sum::<f64>() / sorted.len() as f64;
    let median = sorted[sorted.len() / 2];
    println!(
        "frame times: {} frames after {WARM_UP_FRAMES} warm-up, mean {:.1} ms, median {:.1} ms, {:.1} fps",
        sorted.len(),
        mean * 1e3,
        median * 1e3,
        1.0 / median
    );
}

/// `--frames N [--screenshot FILE]`: after N frames, take the picture (if asked) and quit.
fn scripted_run(
    options: Res<DemoOptions>,
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

fn take_screenshots(mut commands: Commands, mut requests: MessageReader<ScreenshotRequest>) {
    for request in requests.read() {
        let request = request.clone();
        commands.spawn(Screenshot::primary_window()).observe(
            move |captured: On<ScreenshotCaptured>,
                  options: Res<DemoOptions>,
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

#[cfg(test)]
mod tests {
    use super::utc_stamp;

    #[test]
    fn stamps_are_utc_calendar_times() {
        assert_eq!(utc_stamp(0), "19700101-000000");
        // 2026-11-27 01:17:01 UTC
        assert_eq!(utc_stamp(1_795_742_221), "20261127-011701");
        // A leap day.
        assert_eq!(utc_stamp(951_782_400), "20000229-000000");
    }
}
