//! Nothing covers the organisation, and it is whole in the picture. The same frames are
//! rendered twice, offscreen: as shown, and with the panel and overlays laid out but
//! not painted (`record --mask-overlays`), the canvas outside the 3D view painted in
//! the mask colour instead, so camera and viewport are the same. The organisation's
//! pixels are those of the masked picture that are neither background nor mask: the
//! overlays may change at most 1% of them, and none may touch the mask or the frame's
//! edge (then the organisation would be cut off).
//!
//! At 1280×720 and 1024×768, in the demo's layout (the panel at the right) and in a
//! session part with a caption at the bottom, in the projector theme; the first frame
//! (just after the warm-up) and the last.

use std::path::Path;

use bolwerk::look::palette::{MASK, PROJECTOR, srgb_bytes};
use image::RgbImage;

use crate::common::headless;

/// A part with a two-line caption and the act counter, no panel.
const CAPTIONED: &str = r#"(
    title: (en: "Overlap", nl: "Overlap"),
    acts: [
        (
            caption: (
                en: (title: "A caption at the bottom", text: ["It takes a band of its own; the organisation is framed above it, whole.", "A second sentence, so that the band is two lines high."]),
                nl: (title: "Een onderschrift onderaan", text: ["Het krijgt een eigen strook; de organisatie staat erboven, helemaal in beeld.", "Een tweede zin, zodat de strook twee regels hoog is."]),
            ),
            params: (initial_employees: 900, max_employees: 900),
            duration: 2.0,
            show: (lines: true, customers: true, plot: false, panel: false, rotate: false, internal_customers: false),
            compare: [],
        ),
    ],
)"#;

/// The first and the last frame `bolwerk record ARGS` writes, with the overlays painted
/// or masked.
fn first_and_last(dir: &Path, name: &str, args: &[&str], painted: bool) -> [RgbImage; 2] {
    let out = dir.join(name);
    let mut all = vec!["record", "--out"];
    let folder = format!("{}/", out.display());
    all.push(&folder);
    all.extend_from_slice(args);
    all.extend_from_slice(&["--fps", "2", "--theme", "projector"]);
    if !painted {
        all.push("--mask-overlays");
    }
    let run = headless(&all, dir).output().expect("the binary runs");
    assert!(
        run.status.success(),
        "{all:?}: {}\n{}",
        run.status,
        String::from_utf8_lossy(&run.stderr)
    );
    let mut frames: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    frames.sort();
    assert!(frames.len() >= 2, "{frames:?}");
    [&frames[0], &frames[frames.len() - 1]].map(|f| image::open(f).unwrap().to_rgb8())
}

/// Whether two pixels differ by more than rounding.
fn differ(a: &image::Rgb<u8>, b: &image::Rgb<u8>) -> bool {
    a.0.iter().zip(b.0).any(|(&x, y)| x.abs_diff(y) > 12)
}

/// Renders `args` twice and checks the two pictures.
fn check(dir: &Path, label: &str, size: &str, args: &[&str]) {
    let mut all = vec!["--size", size];
    all.extend_from_slice(args);
    let shown = first_and_last(dir, &format!("{label}-{size}-shown"), &all, true);
    let masked = first_and_last(dir, &format!("{label}-{size}-masked"), &all, false);
    for (which, shown, masked) in [
        ("first", &shown[0], &masked[0]),
        ("last", &shown[1], &masked[1]),
    ] {
        check_frame(&format!("{label} at {size}, {which} frame"), shown, masked);
    }
}

/// One frame as shown against the same frame masked.
fn check_frame(label: &str, shown: &RgbImage, masked: &RgbImage) {
    let background = image::Rgb(srgb_bytes(PROJECTOR.background));
    let mask = image::Rgb(srgb_bytes(MASK));
    let (w, h) = masked.dimensions();
    let is_mask = |x: u32, y: u32| !differ(masked.get_pixel(x, y), &mask);
    let mut organisation = 0u64;
    let mut covered = 0u64;
    let mut at_edge = Vec::new();
    for (x, y, px) in masked.enumerate_pixels() {
        if !differ(px, &background) || !differ(px, &mask) {
            continue;
        }
        organisation += 1;
        if differ(px, shown.get_pixel(x, y)) {
            covered += 1;
        }
        let touches_mask = (x > 0 && is_mask(x - 1, y))
            || (y > 0 && is_mask(x, y - 1))
            || (x + 1 < w && is_mask(x + 1, y))
            || (y + 1 < h && is_mask(x, y + 1));
        if x == 0 || y == 0 || x == w - 1 || y == h - 1 || touches_mask {
            at_edge.push((x, y));
        }
    }
    let masked_share =
        masked.pixels().filter(|p| !differ(p, &mask)).count() as f64 / f64::from(w * h);
    let share = organisation as f64 / f64::from(w * h);
    assert!(
        share > 0.02,
        "{label}: the organisation takes only {:.1}% of the picture",
        share * 100.0
    );
    let covered_share = covered as f64 / organisation as f64;
    assert!(
        covered_share <= 0.01,
        "{label}: overlays cover {:.1}% of the organisation's {organisation} pixels",
        covered_share * 100.0
    );
    // The overlays have room of their own: the mask is there, around the view.
    assert!(
        masked_share > 0.05,
        "{label}: the overlays take only {:.1}% of the canvas",
        masked_share * 100.0
    );
    assert!(
        at_edge.is_empty(),
        "{label}: the organisation is cut off at the edge of its view at {} pixels, e.g. {:?}",
        at_edge.len(),
        &at_edge[..at_edge.len().min(5)]
    );
}

#[test]
fn no_overlay_covers_the_organisation_and_it_is_whole_in_the_picture() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("captioned.ron");
    std::fs::write(&scenario, CAPTIONED).unwrap();
    let scenario = scenario.to_str().unwrap().to_owned();
    for size in ["1280x720", "1024x768"] {
        check(
            dir.path(),
            "demo",
            size,
            &["--employees", "900", "--duration", "2", "--camera", "fixed"],
        );
        check(dir.path(), "captioned", size, &["--scenario", &scenario]);
    }
}
