//! Files for reports and paper: `simulate --plot` (SVG and PNG) and `bolwerk handout`
//! (PDF), read back with the tools a reader's machine has (poppler's `pdfinfo`,
//! `pdffonts`, `pdftotext`, `pdftoppm`) and the `image` crate.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::{ok, run};

/// Counts per contact, quickly: a small organisation that grows.
const SMALL: &str = "(initial_employees: 150, max_employees: 600, growth: Exponential(rate: 0.05))";

/// Three short parts, the second a question; Dutch with the characters a font may lack
/// (ë, ×, →), and notes for the trainer.
const SESSION: &str = r#"(
    title: (en: "Handout", nl: "Hand-out"),
    seed: 3,
    acts: [
        (
            caption: (
                en: (title: "One", text: ["Inside × edge → share."]),
                nl: (title: "Eén", text: ["Binnenkant × rand → aandeel."]),
            ),
            notes: (minutes: 1.0, en: ["Say it plainly."], nl: ["Zeg het gewoon."]),
            duration: 0.5,
            show: (customers: false, panel: false),
        ),
        (
            caption: (
                en: (title: "Two", text: ["The answer grows."]),
                nl: (title: "Twee", text: ["Het antwoord groeit."]),
            ),
            question: (
                ask: (en: "How many?", nl: "Hoeveel?"),
                answer: CustomerShare,
                options: [
                    (en: "few", nl: "weinig", from: 0.0, to: 0.5),
                    (en: "many", nl: "veel", from: 0.5, to: 1.0),
                ],
            ),
            params: (initial_employees: 60, max_employees: 90, growth: Exponential(rate: 0.05)),
            until_employees: 90,
            duration: 0.5,
            show: (customers: false, panel: false),
        ),
        (
            caption: (
                en: (title: "Three", text: ["The end."]),
                nl: (title: "Drie", text: ["Het einde."]),
            ),
            duration: 0.5,
            show: (customers: false, panel: false),
        ),
    ],
)"#;

/// A refusal: exit code 2 and one line that says `says`.
fn refused(out: &Output, says: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains(says), "{stderr}");
}

/// The files in `dir` but the runtime folder and the inputs.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != ".runtime" && !n.ends_with(".ron"))
        .collect();
    names.sort();
    names
}

/// A poppler tool's standard output; fails the test, saying how to fix it, if the tool
/// is missing.
fn poppler(tool: &str, args: &[&str], dir: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{tool}: {e}: run `make deps` (poppler-utils)"));
    assert!(
        out.status.success(),
        "{tool} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Pixels of exactly `rgb`.
fn count(picture: &image::RgbImage, rgb: [u8; 3]) -> usize {
    picture.pixels().filter(|p| p.0 == rgb).count()
}

#[test]
fn a_plot_is_an_svg_or_a_png_in_the_palette_and_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("small.ron"), SMALL).unwrap();
    let simulate = |extra: &[&str]| {
        let mut args = vec!["simulate", "--params", "small.ron"];
        args.extend_from_slice(extra);
        run(&args, d)
    };

    // An SVG in Dutch: its words, and the projector theme's colours for the counted
    // (solid) and expected (dashed) lines. No CSV on stdout when only a plot is asked.
    let out = simulate(&["--plot", "ratio.svg", "--lang", "nl"]);
    ok(&out);
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let svg = std::fs::read_to_string(d.join("ratio.svg")).unwrap();
    assert!(svg.starts_with("<svg"), "{}", &svg[..80.min(svg.len())]);
    for words in [
        "Aandeel klantcontacten",
        "geteld in de simulatie",
        "exacte verwachting",
        "medewerkers",
        "% van de contacten",
    ] {
        assert!(svg.contains(words), "the SVG lacks “{words}”");
    }
    assert!(!svg.contains("counted in the simulation"));
    assert!(
        svg.contains("stroke=\"#A04400\""),
        "the counted line's colour"
    );
    assert!(
        svg.contains("stroke=\"#3C3C50\""),
        "the expectation's colour"
    );
    // The axes in employees and percent, written the Dutch way: the share's ticks end
    // in %, and no tick has an English decimal point.
    let ticks: Vec<&str> = svg
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    let percentages = ticks.iter().filter(|t| t.ends_with('%')).count();
    assert!(percentages >= 3, "{ticks:?}");
    assert!(
        ticks.len() >= percentages + 3,
        "employees' ticks: {ticks:?}"
    );
    assert!(!ticks.iter().any(|t| t.contains('.')), "{ticks:?}");

    // A PNG in the screen theme, with the samples in a CSV beside it.
    let out = simulate(&[
        "--plot",
        "ratio.png",
        "--theme",
        "screen",
        "--out",
        "run.csv",
    ]);
    ok(&out);
    let png = image::open(d.join("ratio.png")).unwrap().to_rgb8();
    assert_eq!(png.dimensions(), (1600, 1000));
    let (background, counted, expected) = ([5, 8, 15], [230, 159, 0], [200, 200, 220]);
    assert!(
        count(&png, background) > 1600 * 1000 / 3,
        "mostly background"
    );
    assert!(count(&png, counted) > 500, "the counted line");
    assert!(count(&png, expected) > 200, "the dashed expectation");
    assert!(
        std::fs::read_to_string(d.join("run.csv"))
            .unwrap()
            .starts_with("tick,")
    );

    // Log–log axes draw too, ticked at values a room names (200, 500; 10%, 20%).
    ok(&simulate(&["--plot", "log.svg", "--log-log"]));
    let log = std::fs::read_to_string(d.join("log.svg")).unwrap();
    assert!(log.contains("employees") && log.contains("% of contacts"));
    for tick in ["200", "500"] {
        assert!(log.lines().any(|l| l == tick), "no tick {tick}");
    }
    assert!(
        log.lines()
            .filter(|l| l.ends_with('%') && l.starts_with(|c: char| c.is_ascii_digit()))
            .count()
            >= 2
    );

    // Refused: another extension, a taken name, a plot option without a plot. Nothing
    // is written, and no temporary file stays.
    let before = listing(d);
    refused(&simulate(&["--plot", "ratio.pdf"]), ".svg or .png");
    refused(&simulate(&["--plot", "ratio.png"]), "--force");
    assert_eq!(simulate(&["--lang", "nl"]).status.code(), Some(2));
    assert_eq!(listing(d), before);
    ok(&simulate(&["--plot", "ratio.png", "--force"]));
    assert_eq!(listing(d), before);
}

#[test]
fn a_handout_has_a_page_per_part_two_for_a_question_and_the_curve() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("session.ron"), SESSION).unwrap();
    let handout = |out: &str, extra: &[&str]| {
        let mut args = vec![
            "handout",
            "session.ron",
            "--out",
            out,
            "--size",
            "320x180",
            "--lang",
            "nl",
        ];
        args.extend_from_slice(extra);
        run(&args, d)
    };
    let out = handout("trainer.pdf", &["--notes"]);
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stdout).contains("5 pages"));
    assert_eq!(
        listing(d),
        ["trainer.pdf"],
        "nothing else, no temporary file"
    );

    // Three parts, the question's second page, the curve.
    let info = poppler("pdfinfo", &["trainer.pdf"], d);
    let pages = info.lines().find(|l| l.starts_with("Pages:")).unwrap();
    assert_eq!(pages.split_whitespace().last(), Some("5"), "{info}");
    assert!(info.contains("Hand-out"), "the title: {info}");

    // Every font is embedded: the panel's, and the fallback that has the arrow.
    let fonts = poppler("pdffonts", &["trainer.pdf"], d);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(
        rows.iter().any(|r| r.contains("Ubuntu-Light")) && rows.iter().any(|r| r.contains("Hack")),
        "{fonts}"
    );
    for row in &rows {
        let emb = row.split_whitespace().rev().nth(4);
        assert_eq!(emb, Some("yes"), "not embedded: {row}");
    }

    let page = |n: &str| poppler("pdftotext", &["-f", n, "-l", n, "trainer.pdf", "-"], d);
    let first = page("1");
    for words in [
        "Deel 1 van 3",
        "Eén",
        "Binnenkant × rand → aandeel.",
        "Zeg het gewoon.",
    ] {
        assert!(first.contains(words), "page 1 lacks “{words}”:\n{first}");
    }
    // The question, with its options and room to answer; its answer only on the next
    // page.
    let question = page("2");
    for words in [
        "Twee: vraag",
        "Hoeveel?",
        "A. weinig",
        "B. veel",
        "Jouw antwoord:",
    ] {
        assert!(
            question.contains(words),
            "page 2 lacks “{words}”:\n{question}"
        );
    }
    assert!(
        !question.contains("Bij 9"),
        "the answer shows early:\n{question}"
    );
    let answer = page("3");
    assert!(answer.contains("Twee: antwoord"), "{answer}");
    assert!(answer.contains("Bij 9"), "the counted answer:\n{answer}");
    let curve = page("5");
    assert!(curve.contains("Paul Iske"), "the credit:\n{curve}");

    // The pictures are there: page 1 shows the organisation's blue and orange.
    poppler(
        "pdftoppm",
        &["-r", "60", "-png", "-f", "1", "-l", "1", "trainer.pdf", "p"],
        d,
    );
    let shot = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("p-"))
        .unwrap();
    let picture = image::open(&shot).unwrap().to_rgb8();
    let near = |p: &image::Rgb<u8>, c: [i32; 3]| {
        p.0.iter()
            .zip(c)
            .all(|(&a, b)| (i32::from(a) - b).abs() < 40)
    };
    let blue = picture.pixels().filter(|p| near(p, [0, 114, 178])).count();
    let orange = picture.pixels().filter(|p| near(p, [213, 94, 0])).count();
    assert!(blue > 20 && orange > 20, "blue {blue}, orange {orange}");
    std::fs::remove_file(shot).unwrap();

    // The participants' copy has no notes; the same session gives the same bytes.
    ok(&handout("room.pdf", &[]));
    let text = poppler("pdftotext", &["room.pdf", "-"], d);
    assert!(!text.contains("Zeg het gewoon."), "{text}");
    ok(&handout("again.pdf", &[]));
    assert!(
        std::fs::read(d.join("room.pdf")).unwrap() == std::fs::read(d.join("again.pdf")).unwrap(),
        "two handouts of the same session differ"
    );

    // Refused before any filming: another extension, a taken name.
    let before = listing(d);
    refused(&handout("session.txt", &[]), ".pdf");
    refused(&handout("room.pdf", &[]), "--force");
    assert_eq!(listing(d), before);
}

/// `bolwerk debrief` reads a log with the session the presenter wrote beside it (here
/// one whose second part asks; the shipped session's does not), and writes a PDF that
/// reads as the room answered and a table that counts it; a log row that fits no
/// question, and a taken name, are refused with one line and write nothing.
#[test]
fn a_debrief_is_made_from_a_log_and_the_session_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("answers.session.ron"), SESSION).unwrap();
    let header = "part,question,answer,seconds,round,first,run\n";
    std::fs::write(
        d.join("answers.csv"),
        format!("{header}2,Q,A,4.0,1,,1\n2,Q,B,6.5,1,,1\n2,Q,B,9.0,1,,1\n"),
    )
    .unwrap();
    let debrief = |out: &str, extra: &[&str]| {
        let mut args = vec!["debrief", "answers.csv", "--out", out, "--lang", "nl"];
        args.extend_from_slice(extra);
        run(&args, d)
    };
    let made = debrief("nabespreking.pdf", &[]);
    ok(&made);
    assert!(
        String::from_utf8_lossy(&made.stdout).contains("nabespreking.csv"),
        "{made:?}"
    );
    let info = poppler("pdfinfo", &["nabespreking.pdf"], d);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Pages:") && l.ends_with(" 2")),
        "a first page and the question's: {info}"
    );
    let text = poppler("pdftotext", &["nabespreking.pdf", "-"], d);
    for words in ["Nabespreking", "Hoeveel?", "A. weinig", "B. veel", "67%"] {
        assert!(text.contains(words), "{words}: {text}");
    }
    let table = std::fs::read_to_string(d.join("nabespreking.csv")).unwrap();
    assert!(
        table.starts_with("part,question,round,what,answer,count,value\n"),
        "{table}"
    );
    assert!(table.contains("2,Hoeveel?,1,option,B,2,66.67\n"), "{table}");
    assert!(
        table.contains("2,Hoeveel?,1,seconds_median,,,6.5\n"),
        "{table}"
    );

    let before = listing(d);
    refused(&debrief("nabespreking.pdf", &[]), "--force");
    std::fs::write(d.join("bad.csv"), format!("{header}2,Q,E,4.0,1,,1\n")).unwrap();
    let before_bad = listing(d);
    refused(
        &run(
            &[
                "debrief",
                "bad.csv",
                "--out",
                "nothing.pdf",
                "--scenario",
                "answers.session.ron",
            ],
            d,
        ),
        "line 2",
    );
    assert_eq!(listing(d), before_bad);
    refused(&debrief("nabespreking.txt", &[]), ".pdf");
    assert_eq!(listing(d).len(), before.len() + 1);
}
