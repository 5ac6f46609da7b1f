//! `bolwerk simulate` from the outside: files, determinism, and clean refusals.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bolwerk(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bolwerk"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

const SMALL: &str = "(initial_employees: 300, max_employees: 800, growth: Exponential(rate: 0.05))";

#[test]
fn the_same_seed_writes_byte_identical_files_and_another_seed_does_not() {
    let dir = temp_dir();
    let params = write(dir.path(), "small.ron", SMALL);
    let params = params.to_str().unwrap();
    for ext in ["csv", "json"] {
        let run = |seed: &str, name: &str| {
            let out = bolwerk(
                &[
                    "simulate", "--seed", seed, "--params", params, "--every", "5", "--out", name,
                ],
                dir.path(),
            );
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            std::fs::read(dir.path().join(name)).unwrap()
        };
        let a = run("9", &format!("a.{ext}"));
        let b = run("9", &format!("b.{ext}"));
        let c = run("10", &format!("c.{ext}"));
        assert_eq!(a, b, "{ext}: same seed");
        assert_ne!(a, c, "{ext}: another seed");
    }
    // No temporary files are left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains("partial")), "{names:?}");
}

#[test]
fn csv_has_a_row_per_sample_up_to_the_stop() {
    let dir = temp_dir();
    let params = write(dir.path(), "small.ron", SMALL);
    let out = bolwerk(
        &[
            "simulate",
            "--params",
            params.to_str().unwrap(),
            "--ticks",
            "30",
            "--every",
            "10",
            "--out",
            "-",
        ],
        dir.path(),
    );
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "tick,employees,customers,radius,internal,customer,ratio,theory,\
         front_office_share,front_office_theory,units,reach"
    );
    let ticks: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(ticks, ["0", "10", "20", "30"]);
    let last: Vec<f64> = lines[4].split(',').map(|f| f.parse().unwrap()).collect();
    assert!(last[1] > 300.0, "the organisation grew: {last:?}");
    assert!(last[6] > 0.0 && last[7] > 0.0 && last[8] > 0.0 && last[9] > 0.0);

    let out = bolwerk(
        &[
            "simulate",
            "--params",
            params.to_str().unwrap(),
            "--until-employees",
            "600",
            "--out",
            "run.json",
        ],
        dir.path(),
    );
    assert!(out.status.success());
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("run.json")).unwrap()).unwrap();
    let samples = json["samples"].as_array().unwrap();
    assert!(samples.last().unwrap()["employees"].as_u64().unwrap() >= 600);
    assert!(samples[samples.len() - 2]["employees"].as_u64().unwrap() < 600);
    assert_eq!(json["seed"], 1);
}

/// Runs a command that must fail cleanly: exit code 2, one line on stderr, no output file.
fn refused(args: &[&str], dir: &Path, expect: &str) {
    let out = bolwerk(args, dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
    assert!(
        stderr.contains(expect),
        "{args:?}: {stderr:?} lacks {expect:?}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("backtrace"), "{stderr}");
    assert!(out.stdout.is_empty(), "{args:?} wrote to stdout");
    assert!(!dir.join("out.csv").exists(), "{args:?} wrote a file");
    let left: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("partial"))
        .collect();
    assert!(left.is_empty(), "{args:?} left {left:?}");
}

#[test]
fn values_that_would_exhaust_memory_or_time_are_refused_before_anything_is_allocated() {
    // Each of these once aborted with a 51 GB allocation, or ran for minutes; each must
    // now fail at validation. `timeout` guards the test against a hang (it never
    // measures anything): a refused run finishes long before.
    let dir = temp_dir();
    let d = dir.path();
    let cases = [
        ("(w: 10000.0)", "`w` = 10000 is too large", "10¹² customers"),
        (
            "(d: 1e30)",
            "`d` = 1000000000000000000000000000000 is too large",
            "memory",
        ),
        (
            "(rho: 1e-12)",
            "`rho` = 0.000000000001 is too large",
            "memory",
        ),
        (
            "(rho_c: 1000000.0)",
            "`rho_c` = 1000000 is too large",
            "memory",
        ),
        (
            "(w: 1e300)",
            "`w`",
            "more employees and customers than can be counted",
        ),
        (
            "(d: 60.0)",
            "`d` = 60 is too large",
            "contacts to count every frame",
        ),
        ("(rho: 1e-300)", "`rho`", "memory"),
        (
            "(max_employees: 20000000, rho_c: 30.0)",
            "`max_employees`",
            "memory",
        ),
        (
            "(max_employees: 20000000, d: 5.0)",
            "`max_employees`",
            "contacts",
        ),
        ("(rho_c: 6000.0)", "`rho_c` = 6000 is too large", "memory"),
    ];
    for (i, (text, field, says)) in cases.into_iter().enumerate() {
        let file = write(d, &format!("huge{i}.ron"), text);
        let out = Command::new("timeout")
            .arg("20")
            .arg(env!("CARGO_BIN_EXE_bolwerk"))
            .args([
                "simulate",
                "--params",
                file.to_str().unwrap(),
                "--out",
                "out.csv",
            ])
            .current_dir(d)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{text}: {stderr}");
        refused(
            &[
                "simulate",
                "--params",
                file.to_str().unwrap(),
                "--out",
                "out.csv",
            ],
            d,
            field,
        );
        assert!(stderr.contains(says), "{text}: {stderr}");
    }
}

#[test]
fn bad_input_is_refused_cleanly() {
    let dir = temp_dir();
    let d = dir.path();
    let bad_value = write(d, "bad_value.ron", "(\n  rho: 1.0,\n  d: -2.0,\n)");
    let malformed = write(d, "malformed.ron", "(\n  rho: 1.0,\n  d: [\n)");
    let unknown = write(d, "unknown.ron", "(\n  rho: 1.0,\n  radius: 3.0,\n)");
    fn args(p: &Path) -> [&str; 5] {
        [
            "simulate",
            "--params",
            p.to_str().unwrap(),
            "--out",
            "out.csv",
        ]
    }
    refused(
        &args(&bad_value),
        d,
        "bad_value.ron:3: `d` = -2 is out of range: it must be a finite number > 0",
    );
    refused(&args(&malformed), d, "malformed.ron:3:");
    refused(&args(&unknown), d, "radius");
    refused(
        &["simulate", "--params", "missing.ron", "--out", "out.csv"],
        d,
        "missing.ron",
    );
    refused(
        &["simulate", "--out", "no/such/folder/out.csv"],
        d,
        "cannot write there",
    );
    refused(&["simulate", "--out", "out.txt"], d, ".csv or .json");
    refused(
        &[
            "simulate",
            "--until-employees",
            "999999",
            "--out",
            "out.csv",
        ],
        d,
        "above the cap",
    );
}

#[test]
fn every_shape_writes_the_same_columns_plus_units_and_reach() {
    let dir = temp_dir();
    let mut headers = Vec::new();
    for shape in [
        &["--shape", "sphere"][..],
        &["--shape", "disc", "--t", "4.0"],
        &["--shape", "cells", "--r-max", "4.0"],
        &["--rotation", "0.05"],
    ] {
        let mut args = vec!["simulate", "--params"];
        let params = write(dir.path(), "small.ron", SMALL);
        args.push(params.to_str().unwrap());
        args.extend(shape);
        args.extend(["--ticks", "40", "--every", "10"]);
        let out = bolwerk(&args, dir.path());
        assert!(
            out.status.success(),
            "{shape:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        let mut lines = text.lines();
        headers.push(lines.next().unwrap().to_string());
        let last: Vec<f64> = lines
            .last()
            .unwrap()
            .split(',')
            .map(|f| f.parse().unwrap())
            .collect();
        let (units, reach) = (last[10], last[11]);
        assert!(
            units >= 1.0 && (0.0..=1.0).contains(&reach) && reach > 0.0,
            "{shape:?}: {last:?}"
        );
        if shape.contains(&"cells") {
            assert!(units > 1.0, "cells split: {last:?}");
        }
    }
    assert!(headers.windows(2).all(|w| w[0] == w[1]), "{headers:?}");
}

#[test]
fn every_shipped_parameter_file_loads() {
    let dir = crate::common::repo().join("assets/params");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ron") {
            bolwerk::model::Params::load(&path).unwrap_or_else(|e| panic!("{e}"));
            n += 1;
        }
    }
    assert!(n >= 3);
}

/// The help's words for `--speed` name the step rate the simulation runs at: two homes
/// for one number, held together.
#[test]
fn the_help_names_the_step_rate_the_simulation_runs_at() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bolwerk"))
        .args(["record", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    let said = format!(
        "{} steps per simulated second",
        bolwerk::sim::TICK_HZ as u32
    );
    assert!(help.contains(&said), "{help}");
}
