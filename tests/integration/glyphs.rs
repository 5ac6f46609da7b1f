//! Text is whole in the very frame it first appears. egui lays out a new text and
//! writes the letters its font atlas lacks in the same frame; when the renderer got
//! the changed atlas a frame late, a recording showed every new caption for one frame
//! with gaps for its new letters (“he mo el’s e act e pectation”).
//!
//! A two-act session is recorded; in the first frame of each act its caption and act
//! counter are new. The dark, grey pixels of text in that frame are counted against the
//! next frame, which shows the same texts: they must be as many.

use std::path::Path;

use image::RgbImage;

use crate::common::{headless, text_pixels as ink};

/// Two acts, each with a caption of its own, no panel, no lines and no customers: the
/// only dark grey pixels are text.
const TWO_CAPTIONS: &str = r#"(
    title: (en: "Glyphs", nl: "Glyphs"),
    acts: [
        (
            caption: (
                en: (title: "Who serves the customer?", text: ["Quickly, jump over the lazy brown fox: 0123456789."]),
                nl: (title: "Wie bedient de klant?", text: ["Vlug, spring over de luie bruine vos: 0123456789."]),
            ),
            params: (initial_employees: 200, max_employees: 200),
            duration: 1.5,
            show: (lines: false, customers: false, plot: false, panel: false, rotate: false, internal_customers: false),
            compare: [],
        ),
        (
            caption: (
                en: (title: "Mixed cargo: JW's quiz", text: ["Extra figures × 42, ë and — the expected value (falls as 1/R)."]),
                nl: (title: "Gemengde vracht: JW's quiz", text: ["Extra cijfers × 42, ë en — de verwachting (daalt als 1/R)."]),
            ),
            params: (initial_employees: 200, max_employees: 200),
            duration: 1.5,
            show: (lines: false, customers: false, plot: false, panel: false, rotate: false, internal_customers: false),
            compare: [],
        ),
    ],
)"#;

fn frame(dir: &Path, n: u64) -> RgbImage {
    image::open(dir.join(format!("frame-{:06}.png", n + 1)))
        .unwrap()
        .to_rgb8()
}

#[test]
fn text_is_whole_in_the_frame_it_first_appears() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("two.ron");
    std::fs::write(&scenario, TWO_CAPTIONS).unwrap();
    for lang in ["en", "nl"] {
        let out = dir.path().join(lang);
        let folder = format!("{}/", out.display());
        let args = [
            "record",
            "--scenario",
            scenario.to_str().unwrap(),
            "--out",
            &folder,
            "--fps",
            "4",
            "--size",
            "1024x576",
            "--lang",
            lang,
            "--theme",
            "projector",
        ];
        let run = headless(&args, dir.path()).output().unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let manifest: serde_json::Value = serde_json::from_slice(
            &std::fs::read(dir.path().join(format!("{lang}.json"))).unwrap(),
        )
        .unwrap();
        let starts: Vec<u64> = manifest["acts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["start_frame"].as_u64().unwrap())
            .collect();
        assert_eq!(starts.len(), 2, "{manifest}");
        for start in starts {
            let (first, next) = (ink(&frame(&out, start)), ink(&frame(&out, start + 1)));
            assert!(
                next > 800,
                "{lang}: frame {} has little text: {next} pixels",
                start + 2
            );
            let share = first as f64 / next as f64;
            assert!(
                (0.97..=1.03).contains(&share),
                "{lang}: frame {} shows a new act's texts with {first} text pixels, the next \
                 frame {next}: letters are missing where they first appear",
                start + 1
            );
        }
    }
}
