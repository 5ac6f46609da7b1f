//! Long sessions: memory stays flat and every buffer stays bounded, and a reset with
//! the same seed brings back the same world.
//!
//! Each soak runs in a process of its own (this test binary, started again on one
//! ignored test), so that the other tests' memory does not blur its figures. The CI
//! version takes a minute or so; `BOLWERK_SOAK=long` runs the long one whose figures
//! are in BENCHMARKS.md ("Long sessions").

use std::process::Command;

use bevy::prelude::*;
use bolwerk::intent::{Asked, ScenarioCommand, Stage};
use bolwerk::model::{GrowthLaw, Params};
use bolwerk::scenario::Scenario;
use bolwerk::scenario::play::{MAX_LOG, ScenarioState};
use bolwerk::sim::headless::headless_app;
use bolwerk::sim::{
    ContactStats, LineSettings, SampledLines, Sim, SimCommand, SimPlugin, StatsHistory,
};

/// Resident memory of this process, in KiB.
fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

fn long() -> bool {
    std::env::var("BOLWERK_SOAK").is_ok_and(|v| v == "long")
}

/// Runs the ignored test `name` in a new process and returns what it printed.
fn in_a_process_of_its_own(name: &str) -> String {
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            name,
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// The `key=value` figures a soak printed on its `soak:` line.
fn figures(stdout: &str) -> std::collections::HashMap<String, f64> {
    // libtest prints the test's name on the same line, before what the test prints.
    let line = stdout
        .lines()
        .find_map(|l| l.find("soak:").map(|at| &l[at..]))
        .unwrap_or_else(|| panic!("no soak line in {stdout}"));
    line.split_whitespace()
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_string(), v.parse().unwrap()))
        .collect()
}

/// Resident memory after warm-up and at the end must agree within 5% (plus 4 MiB for
/// the allocator's own rounding).
fn assert_flat(figures: &std::collections::HashMap<String, f64>) {
    let (warm, end) = (figures["warm_kib"], figures["end_kib"]);
    assert!(
        end <= warm * 1.05 + 4096.0,
        "memory grew from {warm} KiB after warm-up to {end} KiB: {figures:?}"
    );
}

#[test]
fn a_long_headless_run_with_resets_keeps_memory_flat_and_buffers_bounded() {
    let figures = figures(&in_a_process_of_its_own("soak::headless_soak"));
    assert_flat(&figures);
    assert!(figures["history"] <= 2048.0, "{figures:?}");
    assert!(
        figures["employees"] >= 2000.0,
        "the worlds grew to their cap: {figures:?}"
    );
    assert!(figures["lines"] <= figures["line_cap"], "{figures:?}");
}

#[test]
#[ignore = "run by a_long_headless_run… in a process of its own"]
fn headless_soak() {
    let (ticks, every) = if long() {
        (100_000, 5_000)
    } else {
        (20_000, 2_000)
    };
    let params = Params {
        initial_employees: 300,
        max_employees: 2_000,
        growth: GrowthLaw::Exponential { rate: 0.02 },
        ..Params::default()
    };
    let mut app = headless_app(SimPlugin::new(params, 11).unwrap());
    // Lines on, as in the demo: their buffer is one of those that must stay bounded.
    app.insert_resource(LineSettings {
        enabled: true,
        cap: 5_000,
    });
    let mut warm = 0;
    let (mut history, mut lines, mut employees) = (0, 0, 0);
    let start = std::time::Instant::now();
    for tick in 1..=ticks {
        if tick % every == 0 {
            app.world_mut().write_message(SimCommand::Reset);
        }
        app.update();
        // Warm: after two resets, every buffer has had its largest world.
        if tick == 2 * every + every / 2 {
            warm = rss_kib();
        }
        let world = app.world();
        history = history.max(world.resource::<StatsHistory>().samples().len());
        lines = lines.max(world.resource::<SampledLines>().segments.len());
        employees = employees.max(world.resource::<Sim>().0.employees.len());
    }
    println!(
        "soak: ticks={ticks} every={every} warm_kib={warm} end_kib={} history={history} lines={lines} line_cap={} employees={employees} secs={:.1}",
        rss_kib(),
        app.world().resource::<LineSettings>().cap,
        start.elapsed().as_secs_f64(),
    );
}

#[test]
fn a_presenter_cycling_through_every_part_keeps_memory_flat_and_its_log_bounded() {
    let figures = figures(&in_a_process_of_its_own("soak::presenter_soak"));
    assert_flat(&figures);
    assert!(figures["log"] <= MAX_LOG as f64, "{figures:?}");
    assert!(figures["revealed"] <= MAX_LOG as f64, "{figures:?}");
    assert!(figures["cycles"] >= 3.0);
}

/// The shipped session with smaller worlds (a soak tests the session's machinery, not
/// the model's speed): every part and question, again and again.
fn light_session() -> Scenario {
    let mut scenario = Scenario::load_or_shipped(None).unwrap();
    for act in &mut scenario.acts {
        if let Some(p) = &mut act.params {
            p.initial_employees = p.initial_employees.min(60);
            p.max_employees = p.max_employees.min(400);
        }
        if let Some(n) = &mut act.until_employees {
            *n = (*n).min(400);
        }
    }
    scenario
}

#[test]
#[ignore = "run by a_presenter_cycling… in a process of its own"]
fn presenter_soak() {
    let cycles = if long() { 200 } else { 8 };
    let scenario = light_session();
    let acts = scenario.acts.len();
    // A question takes two steps: the reveal, then on.
    let steps = acts
        + scenario
            .acts
            .iter()
            .filter(|a| a.question.is_some())
            .count();
    let mut app = crate::scenario::scenario_app(scenario);
    let mut warm = 0;
    let step = |app: &mut App, command: ScenarioCommand| {
        app.world_mut().write_message(command);
        app.update();
    };
    for cycle in 0..cycles {
        // Forward through every part: a question is revealed and grown to its answer.
        for _ in 0..steps {
            for _ in 0..400 {
                let asked = app
                    .world()
                    .get_resource::<Stage>()
                    .and_then(|s| s.question().map(|(_, a)| a));
                let state = app.world().resource::<ScenarioState>();
                if asked == Some(Asked::Asking)
                    || (asked != Some(Asked::Growing) && state.act_done())
                {
                    break;
                }
                app.update();
            }
            step(&mut app, ScenarioCommand::Next);
        }
        // And back to the start, through the worlds each part kept.
        for _ in 0..acts {
            step(&mut app, ScenarioCommand::Previous);
        }
        if cycle == 2 {
            warm = rss_kib();
        }
    }
    let state = app.world().resource::<ScenarioState>();
    println!(
        "soak: cycles={cycles} warm_kib={warm} end_kib={} log={} revealed={} employees={}",
        rss_kib(),
        state.log.len(),
        state.revealed.len(),
        app.world().resource::<ContactStats>().employees,
    );
}

#[test]
fn a_reset_with_the_same_seed_brings_back_the_same_world() {
    let params = Params {
        initial_employees: 200,
        max_employees: 900,
        growth: GrowthLaw::Exponential { rate: 0.03 },
        ..Params::default()
    };
    let mut app = headless_app(SimPlugin::new(params, 5).unwrap());
    let run = |app: &mut App| {
        for _ in 0..60 {
            app.update();
        }
        let positions = crate::scenario::positions(app);
        (positions, *app.world().resource::<ContactStats>())
    };
    let first = run(&mut app);
    app.world_mut().write_message(SimCommand::Reset);
    app.update();
    assert_eq!(app.world().resource::<ContactStats>().tick, 0);
    let second = run(&mut app);
    assert_eq!(first.1.tick, second.1.tick);
    assert_eq!(
        first.0, second.0,
        "the same seed, the same employees, bit for bit"
    );
    assert_eq!(
        (first.1.internal, first.1.customer, first.1.employees),
        (second.1.internal, second.1.customer, second.1.employees)
    );
}
