//! `bolwerk record` from the outside, with no display at all: the video is what was
//! asked for, it is the same every time, its overlay is the panel the room sees, and failures
//! leave nothing behind.
//!
//! Rendering runs on the CPU (lavapipe) here, so the videos are small: 320×240, two
//! seconds at 10 frames per second.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use bolwerk::look::palette;

use crate::common;
use crate::common::headless as bolwerk;
use crate::common::{names, ok, run};

/// The manifest beside the output `path`.
fn manifest_of(path: &Path) -> serde_json::Value {
    let mut name = path.as_os_str().to_owned();
    name.push(".json");
    serde_json::from_slice(&std::fs::read(name).unwrap()).unwrap()
}

const SMALL: [&str; 6] = ["--size", "320x240", "--fps", "10", "--duration", "2"];

#[test]
fn an_mp4_is_h264_yuv420p_of_the_asked_size_with_every_frame_and_a_matching_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["record", "--out", "growth.mp4", "--seed", "3"];
    args.extend(SMALL);
    ok(&run(&args, dir.path()));
    let probe = Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-select_streams",
            "v:0",
            "-count_frames",
            "-show_entries",
            "stream=codec_name,pix_fmt,width,height,nb_read_frames",
            "-of",
            "json",
            "growth.mp4",
        ])
        .current_dir(dir.path())
        .output()
        .expect("ffprobe runs (make deps installs ffmpeg)");
    assert!(probe.status.success());
    let info: serde_json::Value = serde_json::from_slice(&probe.stdout).unwrap();
    let s = &info["streams"][0];
    assert_eq!(s["codec_name"], "h264");
    assert_eq!(s["pix_fmt"], "yuv420p");
    assert_eq!(
        (s["width"].as_u64(), s["height"].as_u64()),
        (Some(320), Some(240))
    );
    assert_eq!(s["nb_read_frames"], "20");

    let manifest = manifest_of(&dir.path().join("growth.mp4"));
    assert_eq!(manifest["frames"], 20);
    assert_eq!(manifest["fps"], 10);
    assert_eq!(
        (manifest["width"].as_u64(), manifest["height"].as_u64()),
        (Some(320), Some(240))
    );
    assert_eq!(manifest["seed"], 3);
    assert_eq!(manifest["format"], "mp4");
    assert_eq!(manifest["bolwerk_version"], env!("CARGO_PKG_VERSION"));
    assert!(
        manifest["command"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "growth.mp4")
    );
    // Two seconds at 10 fps and the default speed: 128 ticks of 1/64 s, minus the last
    // frame's share. The final counts are the simulation's at that tick.
    let last = &manifest["final"];
    let tick = last["tick"].as_u64().unwrap();
    assert!((120..=128).contains(&tick), "{tick}");
    assert!(last["employees"].as_u64().unwrap() > 100);
    assert!(last["ratio"].as_f64().unwrap() > 0.0);
    assert_eq!(names(dir.path()), ["growth.mp4", "growth.mp4.json"]);
}

#[test]
fn the_quality_presets_trade_size_for_sharpness_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let size = |quality: &str, ext: &str| {
        let out = format!("{quality}.{ext}");
        let args = [
            "record",
            "--out",
            &out,
            "--seed",
            "3",
            "--size",
            "320x240",
            "--fps",
            "10",
            "--duration",
            "1",
            "--quality",
            quality,
        ];
        ok(&run(&args, dir.path()));
        assert_eq!(manifest_of(&dir.path().join(&out))["quality"], quality);
        std::fs::metadata(dir.path().join(&out)).unwrap().len()
    };
    for ext in ["mp4", "webm"] {
        let (low, medium, high) = (size("low", ext), size("medium", ext), size("high", ext));
        assert!(
            low < medium && medium < high,
            "{ext}: {low} {medium} {high} bytes"
        );
    }
}

fn frame_hashes(dir: &Path) -> Vec<(String, u64)> {
    use std::hash::{Hash, Hasher};
    names(dir)
        .into_iter()
        .map(|n| {
            let img = image::open(dir.join(&n)).unwrap().to_rgba8();
            let mut h = std::collections::hash_map::DefaultHasher::new();
            img.as_raw().hash(&mut h);
            (n, h.finish())
        })
        .collect()
}

#[test]
fn the_same_command_records_identical_frames_and_the_organisation_grows() {
    let dir = tempfile::tempdir().unwrap();
    for out in ["a/", "b/"] {
        let mut args = vec!["record", "--out", out, "--overlay", "none"];
        args.extend(SMALL);
        ok(&run(&args, dir.path()));
    }
    let (a, b) = (
        frame_hashes(&dir.path().join("a")),
        frame_hashes(&dir.path().join("b")),
    );
    assert_eq!(a.len(), 20);
    assert_eq!(a, b, "two runs of one command give the same frames");
    // No frame repeats: the camera orbits and the organisation grows every frame.
    let mut distinct: Vec<u64> = a.iter().map(|(_, h)| *h).collect();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), 20, "a frame was repeated");
    // The organisation is visibly larger at the end: more agent pixels.
    let agents = |name: &str| {
        let img = image::open(dir.path().join("a").join(name))
            .unwrap()
            .to_rgb8();
        img.pixels()
            .filter(|p| p.0.iter().map(|&c| u32::from(c)).sum::<u32>() > 200)
            .count()
    };
    let (first, last) = (agents("frame-000001.png"), agents("frame-000020.png"));
    assert!(
        last as f64 > first as f64 * 1.1,
        "{first} → {last} bright pixels"
    );
    let manifest = std::fs::read_to_string(dir.path().join("a.json")).unwrap();
    assert!(manifest.contains("\"format\": \"png\""), "{manifest}");
}

/// The share of the panel's area (the right-hand `width` pixels) in the panel's fill.
fn panel_fill_rows(img: &image::RgbImage, width: u32) -> Vec<f64> {
    let fill = palette::srgb_bytes(palette::DARK.panel_fill);
    (0..img.height())
        .map(|y| {
            let x0 = img.width() - width;
            let n = (x0..img.width())
                .filter(|&x| {
                    let p = img.get_pixel(x, y).0;
                    p.iter().zip(fill).all(|(a, b)| a.abs_diff(b) <= 3)
                })
                .count();
            n as f64 / f64::from(width)
        })
        .collect()
}

/// A session of one part that shows the panel and its plot at 300 employees, as
/// `record` does by default, for the presenter to show the same.
const ONE_PART: &str = r#"(
    title: (en: "Panel", nl: "Paneel"),
    parts: [(
        caption: (en: (title: "A", text: ["b"]), nl: (title: "A", text: ["b"])),
        params: (initial_employees: 300, max_employees: 300),
        show: (panel: true, plot: true, log_plot: false),
    )],
)"#;

#[test]
fn the_overlay_is_the_rooms_panel() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let one = [
        "--size",
        "1280x720",
        "--fps",
        "10",
        "--duration",
        "0.1",
        "--employees",
        "300",
        "--camera",
        "fixed",
    ];
    for (out, overlay) in [("full/", "full"), ("none/", "none")] {
        let mut args = vec!["record", "--out", out, "--overlay", overlay];
        args.extend(one);
        ok(&run(&args, d));
    }
    let full = image::open(d.join("full/frame-000001.png"))
        .unwrap()
        .to_rgb8();
    let none = image::open(d.join("none/frame-000001.png"))
        .unwrap()
        .to_rgb8();
    let panel = 340;
    let full_rows = panel_fill_rows(&full, panel);
    let none_rows = panel_fill_rows(&none, panel);
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    assert!(
        mean(&full_rows) > 0.4,
        "the panel's fill: {}",
        mean(&full_rows)
    );
    assert!(mean(&none_rows) < 0.05, "no panel: {}", mean(&none_rows));

    // The presenter's screenshot of the same world at the same size, in a window, in
    // the recording's theme, at its own text size (1.5 at 1080 pixels of height is 1
    // at 720, as a 720p recording's): a video shows the panel the room sees.
    std::fs::write(d.join("one.ron"), ONE_PART).unwrap();
    let out = common::bolwerk_under_xvfb()
        .args(["present", "one.ron", "--windowed"])
        .args(["--width", "1280", "--height", "720"])
        .args(["--theme", "screen"])
        .args(["--frames", "8", "--screenshot", "present.png"])
        .current_dir(d)
        .env("XDG_RUNTIME_DIR", d.join(".runtime"))
        .output()
        .unwrap();
    ok(&out);
    let present = image::open(d.join("present.png")).unwrap().to_rgb8();
    let present_rows = panel_fill_rows(&present, panel);
    // Row by row the panel's background covers the same share: the figures and the
    // plot sit at the same heights. Numbers differ, so allow a little.
    let same = full_rows
        .iter()
        .zip(&present_rows)
        .filter(|(a, b)| (*a - *b).abs() < 0.15)
        .count();
    assert!(
        same as f64 > 0.85 * full_rows.len() as f64,
        "only {same} of {} rows of the panel match the presenter's",
        full_rows.len()
    );
}

/// Runs a command that must fail cleanly: exit code 2, one line, nothing written.
fn refused(args: &[&str], dir: &Path, expect: &str) {
    let before = names(dir);
    let out = run(args, dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    let lines: Vec<&str> = stderr.lines().filter(|l| l.contains("error")).collect();
    assert_eq!(lines.len(), 1, "{args:?}: {stderr}");
    assert!(
        stderr.contains(expect),
        "{args:?}: {stderr:?} lacks {expect:?}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(names(dir), before, "{args:?} left files behind");
}

#[test]
fn bad_outputs_and_sizes_are_refused_with_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("taken.mp4"), b"old").unwrap();
    let r = |extra: &[&str], expect: &str| {
        let mut args = vec!["record", "--fps", "10", "--duration", "1"];
        args.extend(extra);
        refused(&args, d, expect);
    };
    r(&["--out", "no/such/folder/a.mp4"], "cannot write there");
    r(&["--out", "taken.mp4"], "--force");
    r(&["--out", "a.mp4", "--size", "0x240"], "16 to 32768");
    r(&["--out", "a.mp4", "--size", "321x240"], "even");
    r(&["--out", "a.mp4", "--size", "640x0"], "16 to 32768");
    r(&["--out", "a.mp4", "--size", "100000x100"], "16 to 32768");
    r(&["--out", "a.avi"], "not a format");
    r(&["--out", "a.mp4", "--duration=-1"], "--duration");
    assert_eq!(std::fs::read(d.join("taken.mp4")).unwrap(), b"old");
}

#[test]
fn a_size_beyond_the_adapter_is_refused_before_rendering() {
    let dir = tempfile::tempdir().unwrap();
    // 20 000 pixels is within bolwerk's own bound but beyond what the adapter draws
    // (lavapipe: 16 384).
    refused(
        &[
            "record",
            "--out",
            "wide.gif",
            "--size",
            "20000x16",
            "--duration",
            "0.1",
        ],
        dir.path(),
        "this graphics adapter draws at most",
    );
}

#[test]
fn without_ffmpeg_a_video_fails_at_once_and_says_how_to_get_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = bolwerk(&["record", "--out", "a.mp4"], dir.path())
        .env("BOLWERK_FFMPEG", "/nonexistent/ffmpeg")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("apt-get install ffmpeg") && stderr.contains("PNG"),
        "{stderr}"
    );
    assert!(names(dir.path()).is_empty());
}

/// Starts a long recording, waits until its temporary file exists, then calls `stop`
/// with the process; afterwards neither the video nor the temporary file may exist.
fn interrupted(stop: impl FnOnce(u32)) -> Option<i32> {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_path_buf();
    let mut child = bolwerk(
        &[
            "record",
            "--out",
            "long.mp4",
            "--size",
            "160x120",
            "--fps",
            "10",
            "--duration",
            "600",
        ],
        &d,
    )
    .stdout(Stdio::null())
    .stderr(Stdio::null())
    .spawn()
    .unwrap();
    // The temporary video's size, once it exists.
    let temp_size = |d: &PathBuf| {
        names(d)
            .iter()
            .find(|n| n.starts_with(".bolwerk-") && n.ends_with(".mp4"))
            .and_then(|n| std::fs::metadata(d.join(n)).ok())
            .map(|m| m.len())
    };
    // Wait (polling, bounded) for the temporary file, then for it to grow past what it
    // first held: frames have then gone through the encoder, so the run is mid-video.
    let started = Instant::now();
    let mut first = None;
    loop {
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "no temporary file appeared, or it never grew: {first:?}"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "the recording ended early"
        );
        match (first, temp_size(&d)) {
            (None, Some(size)) => first = Some(size),
            (Some(was), Some(size)) if size > was => break,
            _ => {}
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    stop(child.id());
    let status = child.wait().unwrap();
    assert_eq!(names(&d), Vec::<String>::new(), "files left behind");
    status.code()
}

fn signal(pid: u32, sig: &str) {
    let ok = Command::new("kill")
        .args([sig, &pid.to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
}

#[test]
fn sigint_and_sigterm_leave_no_file_behind() {
    assert_eq!(interrupted(|pid| signal(pid, "-INT")), Some(130));
    assert_eq!(interrupted(|pid| signal(pid, "-TERM")), Some(130));
}

#[test]
fn an_encoder_killed_mid_run_leaves_no_file_behind() {
    let code = interrupted(|pid| {
        let ffmpeg = Command::new("pgrep")
            .args(["-P", &pid.to_string(), "ffmpeg"])
            .output()
            .unwrap();
        let ffmpeg = String::from_utf8_lossy(&ffmpeg.stdout).trim().to_string();
        assert!(!ffmpeg.is_empty(), "no ffmpeg under bolwerk");
        signal(
            ffmpeg.lines().next().unwrap().trim().parse().unwrap(),
            "-KILL",
        );
    });
    assert_eq!(code, Some(1));
}

#[test]
fn until_employees_ends_with_the_first_frame_that_reaches_the_head_count() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("fast.ron"),
        "(initial_employees: 100, max_employees: 5000, growth: Exponential(rate: 0.02))",
    )
    .unwrap();
    let args = [
        "record",
        "--out",
        "frames",
        "--params",
        "fast.ron",
        "--until-employees",
        "300",
        "--size",
        "160x120",
        "--fps",
        "10",
        "--overlay",
        "none",
    ];
    ok(&run(&args, dir.path()));
    let manifest = manifest_of(&dir.path().join("frames"));
    let frames = manifest["frames"].as_u64().unwrap();
    assert_eq!(names(&dir.path().join("frames")).len() as u64, frames);
    // 2% a tick from 100 reaches 300 after about 56 ticks; a frame holds 6.4 ticks, which
    // grow the head count by at most 1.02^7 ≈ 1.15: the run stopped at the first frame
    // at or past 300, not later.
    let last = &manifest["final"];
    let n = last["employees"].as_u64().unwrap();
    assert!((300..345).contains(&n), "stopped at N = {n}");
    assert!((7..=11).contains(&frames), "{frames} frames");
}

#[test]
fn a_recorded_scenario_plays_each_act_for_its_duration_and_lists_the_starts() {
    let dir = tempfile::tempdir().unwrap();
    let act = |title: &str, secs: &str| {
        format!(
            "(caption: (en: (title: \"{title}\", text: [\"One.\"]), \
             nl: (title: \"{title} nl\", text: [\"Een.\"])), duration: {secs})"
        )
    };
    std::fs::write(
        dir.path().join("two.ron"),
        format!(
            "(title: (en: \"Two\", nl: \"Twee\"), seed: 5, acts: [{}, {}])",
            // Longer than their captions take to read (under a second each).
            act("First", "1.5"),
            act("Second", "1.2")
        ),
    )
    .unwrap();
    let args = [
        "record",
        "--scenario",
        "two.ron",
        "--out",
        "frames",
        "--size",
        "160x120",
        "--fps",
        "10",
        "--lang",
        "nl",
    ];
    ok(&run(&args, dir.path()));
    let manifest = manifest_of(&dir.path().join("frames"));
    let acts = manifest["acts"].as_array().unwrap();
    assert_eq!(acts.len(), 2, "{acts:?}");
    assert_eq!(acts[0]["title"], "First nl");
    assert_eq!(acts[1]["title"], "Second nl");
    assert_eq!(acts[0]["start_frame"], 0);
    assert_eq!(acts[1]["start_frame"], 15, "{acts:?}");
    assert_eq!(manifest["frames"], 27);
}

#[test]
fn the_contact_lines_are_drawn_in_their_colour_and_hidden_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let mut base = vec![
        "record",
        "--size",
        "480x320",
        "--fps",
        "10",
        "--duration",
        "0.1",
        "--employees",
        "300",
        "--overlay",
        "none",
        "--theme",
        "projector",
    ];
    ok(&run(&[&base[..], &["--out", "on"]].concat(), dir.path()));
    base.extend(["--hide", "lines", "--out", "off"]);
    ok(&run(&base, dir.path()));
    // Customer lines over the background, blended in linear light: a colour no agent
    // has (the employees in customer contact share the hue, not the blend).
    let blended = common::over(
        palette::PROJECTOR.customer_line,
        palette::PROJECTOR.background,
    );
    let [r, g, b, _] = bevy::color::ColorToPacked::to_u8_array(blended.to_srgba());
    let orange = |out: &str| {
        let img = image::open(dir.path().join(out).join("frame-000001.png"))
            .unwrap()
            .to_rgb8();
        img.pixels()
            .filter(|p| {
                let [pr, pg, pb] = p.0;
                pr.abs_diff(r) <= 12 && pg.abs_diff(g) <= 12 && pb.abs_diff(b) <= 12
            })
            .count()
    };
    let (on, off) = (orange("on"), orange("off"));
    assert!(on > 300, "only {on} pixels in the customer lines' colour");
    assert!(
        off * 20 < on,
        "{off} orange pixels with the lines hidden, {on} shown"
    );
}

/// `bolwerk new` writes a session that loads in the languages asked for and films as
/// it is (frames to a folder, small and slow-paced: every part, its question answered);
/// an existing file is refused without `--force`, and a name that is no session file
/// is refused, writing nothing.
#[test]
fn a_new_session_films_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    ok(&run(&["new", "ours.ron", "--lang", "nl"], dir.path()));
    let session = bolwerk::scenario::Scenario::load(&dir.path().join("ours.ron")).unwrap();
    assert_eq!(session.languages(), [bolwerk::i18n::Lang::NL]);
    ok(&run(&["new", "ours.ron", "--force"], dir.path()));
    let args = [
        "record",
        "--scenario",
        "ours.ron",
        "--out",
        "frames",
        "--size",
        "160x90",
        "--fps",
        "5",
        "--speed",
        "1.5",
        "--lang",
        "nl",
    ];
    ok(&run(&args, dir.path()));
    let manifest = manifest_of(&dir.path().join("frames"));
    let acts = manifest["acts"].as_array().unwrap();
    assert_eq!(acts.len(), 3, "{acts:?}");
    assert_eq!(acts[0]["title"], "Waar we beginnen");
    // `check` foresees the recording: when each part starts and how long the video is,
    // to the frame, without a window.
    let session = bolwerk::scenario::Scenario::load(&dir.path().join("ours.ron")).unwrap();
    let foreseen = bolwerk::scenario::timing::recording(&session, 5, 1.5);
    let recorded: Vec<f64> = acts
        .iter()
        .map(|a| a["start_secs"].as_f64().unwrap())
        .collect();
    let frames = manifest["frames"].as_f64().unwrap();
    let frame = 1.0 / 5.0;
    assert_eq!(foreseen.starts.len(), recorded.len());
    for (k, (f, r)) in foreseen.starts.iter().zip(&recorded).enumerate() {
        assert!(
            (f - r).abs() < 1e-6,
            "part {}: foreseen {f} s, recorded {r} s ({foreseen:?})",
            k + 1
        );
    }
    assert!(
        (foreseen.end - frames * frame).abs() < 1e-6,
        "foreseen {} s, recorded {} frames ({foreseen:?})",
        foreseen.end,
        frames
    );
    assert_eq!(
        foreseen.employees.last().copied(),
        manifest["final"]["employees"].as_u64().map(|n| n as u32)
    );
    let refused = run(&["new", "ours.ron"], dir.path());
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));
    let refused = run(&["new", "ours.txt"], dir.path());
    assert_eq!(refused.status.code(), Some(2));
    assert!(!dir.path().join("ours.txt").exists());
}
