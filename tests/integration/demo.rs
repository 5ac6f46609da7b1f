//! The demo from the outside: it starts under Xvfb with Mesa's software Vulkan driver
//! (lavapipe), draws the scene and the UI, saves a screenshot and quits by itself;
//! without a display it explains itself in one line.
//!
//! Rendering runs on the CPU here, so the scene is kept small.

use std::process::Command;

use bevy::color::Color;
use bolwerk::look::palette;

use crate::common;

fn srgb_bytes(c: Color) -> [f32; 3] {
    let s = c.to_srgba();
    [s.red * 255.0, s.green * 255.0, s.blue * 255.0]
}

/// Pixels whose colour is `c` at some brightness: the agents' shading scales the palette
/// colour, so the direction in RGB space stays (nearly) the same.
fn pixels_like(img: &image::RgbImage, c: Color) -> usize {
    let c = srgb_bytes(c);
    let norm = |v: [f32; 3]| (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]).sqrt();
    let cn = norm(c);
    img.pixels()
        .filter(|p| {
            let v = [f32::from(p[0]), f32::from(p[1]), f32::from(p[2])];
            let vn = norm(v);
            vn > 0.5 * cn && (v[0] * c[0] + v[1] * c[1] + v[2] * c[2]) / (vn * cn) > 0.998
        })
        .count()
}

#[test]
fn the_demo_draws_agents_and_the_panel_and_saves_a_screenshot() {
    let dir = tempfile::tempdir().unwrap();
    let shot = dir.path().join("shot.png");
    let runtime = dir.path().join("runtime");
    std::fs::create_dir(&runtime).unwrap();
    let out = common::bolwerk_under_xvfb()
        .args([
            "demo",
            "--employees",
            "300",
            "--width",
            "960",
            "--height",
            "540",
        ])
        .args(["--frames", "20", "--screenshot"])
        .arg(&shot)
        .env("XDG_RUNTIME_DIR", &runtime)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "the demo failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let img = image::open(&shot).expect("a PNG").to_rgb8();
    assert_eq!(img.dimensions(), (960, 540));

    let mut colours: Vec<[u8; 3]> = img.pixels().map(|p| p.0).collect();
    colours.sort_unstable();
    colours.dedup();
    assert!(
        colours.len() > 100,
        "a near-uniform image: {} colours",
        colours.len()
    );

    for (name, c) in [
        ("back office", palette::DARK.back_office),
        ("front office", palette::DARK.front_office),
        ("customers", palette::DARK.customer),
    ] {
        let n = pixels_like(&img, c);
        assert!(n >= 30, "{name}: only {n} pixels of its colour");
    }

    // The panel sits at the right edge in its own fill colour.
    let fill = palette::srgb_bytes(palette::DARK.panel_fill);
    let panel: Vec<_> = img
        .enumerate_pixels()
        .filter(|(x, _, _)| *x >= 960 - 300)
        .collect();
    let filled = panel
        .iter()
        .filter(|(_, _, p)| p.0.iter().zip(fill).all(|(a, b)| a.abs_diff(b) <= 3))
        .count();
    assert!(
        filled * 3 > panel.len(),
        "the panel's fill covers only {filled} of {} pixels",
        panel.len()
    );
}

#[test]
fn without_a_display_the_demo_says_what_to_do_instead() {
    let out = Command::new(env!("CARGO_BIN_EXE_bolwerk"))
        .arg("demo")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .current_dir(crate::common::repo())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("bolwerk record"), "{stderr}");
    assert!(stderr.contains("bolwerk simulate"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
