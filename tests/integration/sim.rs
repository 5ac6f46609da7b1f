//! The ECS layer runs headless under `MinimalPlugins` and agrees with the plain model.

use bevy::prelude::*;
use bolwerk::model::contacts::ContactGrid;
use bolwerk::model::{GrowthLaw, PairKind, Params, Population, Shape};
use bolwerk::sim::headless::headless_app;
use bolwerk::sim::{
    Clock, ContactCounter, ContactStats, LineSettings, SampledLines, Sim, SimCommand, SimNotice,
    SimPlugin, SimSettings,
};

fn params() -> Params {
    Params {
        initial_employees: 400,
        max_employees: 1_500,
        growth: GrowthLaw::Exponential { rate: 0.03 },
        ..Params::default()
    }
}

#[test]
fn the_ecs_run_matches_the_plain_model_tick_for_tick() {
    ecs_matches_model(params());
}

#[test]
fn every_shape_runs_the_same_in_the_ecs_as_in_the_plain_model() {
    let d = Params::default().d;
    ecs_matches_model(Params {
        shape: Shape::Disc { t: 3.0 * d },
        rotation: 0.03,
        reach_window: 5,
        ..params()
    });
    ecs_matches_model(Params {
        shape: Shape::Cells { r_max: 3.0 * d },
        ..params()
    });
}

fn ecs_matches_model(params: Params) {
    let mut app = headless_app(SimPlugin::new(params.clone(), 7).unwrap());
    let mut pop = Population::new(params.clone(), 7).unwrap();
    let mut grid = ContactGrid::new();
    for tick in 0..40u64 {
        let stats = *app.world().resource::<ContactStats>();
        assert_eq!(stats.tick, tick);
        let want = pop.count_and_note(&mut grid);
        assert_eq!(stats.employees as usize, pop.employees.len());
        assert_eq!(stats.customers as usize, pop.customers.len());
        assert_eq!(
            (stats.internal, stats.customer),
            (want.internal, want.customer),
            "tick {tick}"
        );
        assert_eq!(stats.front_office_share, want.front_office_share());
        assert_eq!(stats.radius, pop.org.radius());
        assert_eq!(stats.units as usize, pop.org.units().len().max(1));
        assert_eq!(stats.reach, pop.reach(), "reach, tick {tick}");
        assert!(stats.theory > 0.0 && stats.ratio > 0.0);
        app.update();
        pop.tick();
    }
    // The app has counted its last tick; count the model's too.
    pop.count_and_note(&mut grid);
    let sim = &app.world().resource::<Sim>().0;
    assert_eq!(sim.employees, pop.employees);
    assert_eq!(sim.customers, pop.customers);
    assert_eq!(sim.last_contact, pop.last_contact);
    // The front office the scene draws is this frame's, one flag per employee by id.
    let front = app.world().resource::<ContactCounter>().front_office();
    assert_eq!(front, grid.front_office());
    let n_front = front.iter().filter(|&&f| f).count();
    assert!(n_front > 0 && n_front < pop.employees.len());
}

#[test]
fn pause_step_and_reset() {
    let mut app = headless_app(SimPlugin::new(params(), 3).unwrap());
    let tick = |app: &App| app.world().resource::<ContactStats>().tick;
    app.update();
    assert_eq!(tick(&app), 1);
    app.world_mut().write_message(SimCommand::TogglePause);
    app.update();
    app.update();
    assert!(app.world().resource::<Clock>().paused);
    let paused_at = tick(&app);
    app.update();
    assert_eq!(tick(&app), paused_at, "paused: no ticks");
    app.world_mut().write_message(SimCommand::Step);
    app.update();
    app.update();
    assert_eq!(tick(&app), paused_at + 1, "one step is one tick");
    app.world_mut().write_message(SimCommand::Reset);
    app.update();
    let stats = *app.world().resource::<ContactStats>();
    assert_eq!((stats.tick, stats.employees), (0, 400));
}

#[test]
fn out_of_range_settings_are_refused_with_a_notice_and_the_world_stays_valid() {
    let mut app = headless_app(SimPlugin::new(params(), 3).unwrap());
    app.update();
    let before = *app.world().resource::<ContactStats>();
    let mut bad = params();
    bad.d = -1.0;
    app.world_mut()
        .write_message(SimCommand::Apply(SimSettings {
            params: bad,
            seed: 3,
        }));
    app.world_mut()
        .write_message(SimCommand::SetLineCap(usize::MAX));
    app.update();
    let notice = app
        .world()
        .resource::<SimNotice>()
        .0
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    assert!(
        notice.contains("line cap") || notice.contains("`d`"),
        "{notice}"
    );
    assert_eq!(app.world().resource::<SimSettings>().params.d, 1.42);
    assert_eq!(
        app.world().resource::<LineSettings>().cap,
        bolwerk::sim::MAX_LINE_CAP
    );
    let after = *app.world().resource::<ContactStats>();
    assert_eq!(after.tick, before.tick + 1, "the run went on");

    // Valid settings reset the world with them.
    let mut good = params();
    good.initial_employees = 250;
    app.world_mut()
        .write_message(SimCommand::Apply(SimSettings {
            params: good,
            seed: 4,
        }));
    app.update();
    assert_eq!(app.world().resource::<ContactStats>().employees, 250);
    assert_eq!(app.world().resource::<SimNotice>().0, None);
}

#[test]
fn sampled_lines_respect_the_cap_keep_the_mix_and_join_agents_in_contact() {
    let mut app = headless_app(SimPlugin::new(params(), 5).unwrap());
    let cap = 1_000;
    app.world_mut()
        .insert_resource(LineSettings { enabled: true, cap });
    let (mut warm, mut kept, mut customer, mut all) = (0, 0, 0, 0);
    for _ in 0..5 {
        app.update();
        let lines = app.world().resource::<SampledLines>();
        let stats = *app.world().resource::<ContactStats>();
        assert!(
            lines.total_pairs > cap as u64 * 2,
            "enough pairs to sample from"
        );
        assert_eq!(lines.segments.len(), cap);
        assert_eq!(lines.total_pairs as f64, stats.internal + stats.customer);
        let d = 1.42f32;
        assert!(
            lines
                .segments
                .iter()
                .all(|(a, b, _)| a.distance(*b) <= d * 1.0001)
        );
        warm += lines
            .segments
            .iter()
            .filter(|s| s.2 == PairKind::Customer)
            .count() as u64;
        kept += cap as u64;
        customer += stats.customer as u64;
        all += (stats.internal + stats.customer) as u64;
    }
    // The warm share on screen is the true share of customer contacts.
    let shown = warm as f64 / kept as f64;
    let truth = customer as f64 / all as f64;
    assert!(
        (shown - truth).abs() < 0.02,
        "warm share {shown:.3} vs {truth:.3}"
    );
}
