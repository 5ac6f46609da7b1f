//! The what-if comparison counts each compared world on its own, exactly as the same
//! shape or contact rule run alone with the same seed counts: headless, with no window
//! or GPU.

use bolwerk::model::contacts::ContactGrid;
use bolwerk::model::{GrowthLaw, Params, Population};
use bolwerk::sim::compare::{CompareCommand, CompareWorlds, CompareWorldsPlugin};
use bolwerk::sim::headless::headless_app;
use bolwerk::sim::{SimCommand, SimPlugin, SimSettings};
use bolwerk::whatif::CompareKind;

/// The four shapes, and the sphere beside the three contact rules.
fn the_shapes() -> Vec<CompareKind> {
    CompareKind::all().filter(|k| !k.is_rule()).collect()
}

fn the_rules() -> Vec<CompareKind> {
    let rules = CompareKind::all().filter(|k| k.is_rule());
    std::iter::once(CompareKind::SPHERE).chain(rules).collect()
}

#[test]
fn each_compared_world_counts_what_its_shape_counts_alone() {
    let ratio = compared(the_shapes());
    // The shapes really differ: the disc and the cells are ahead of the sphere.
    assert!(
        ratio(CompareKind::DISC) > ratio(CompareKind::SPHERE)
            && ratio(CompareKind::CELLS) > ratio(CompareKind::SPHERE)
    );
}

#[test]
fn each_compared_world_counts_what_its_rule_counts_alone() {
    let ratio = compared(the_rules());
    // Everyone with everyone is far behind the sphere, the cap ahead of it.
    assert!(ratio(CompareKind::EVERYONE) < ratio(CompareKind::SPHERE) / 10.0);
    assert!(ratio(CompareKind::CAP) > ratio(CompareKind::SPHERE));
}

/// Compares `picks` for 40 steps, checks each world against the same what-if run alone,
/// and returns each one's ratio.
fn compared(picks: Vec<CompareKind>) -> impl Fn(CompareKind) -> f64 {
    let base = Params {
        initial_employees: 600,
        max_employees: 3_000,
        growth: GrowthLaw::Exponential { rate: 0.03 },
        ..Params::default()
    };
    let mut app = headless_app(SimPlugin::new(base.clone(), 5).unwrap());
    app.add_plugins(CompareWorldsPlugin);
    app.world_mut()
        .write_message(CompareCommand::Pick(picks.clone()));
    app.world_mut().write_message(CompareCommand::Set(true));
    // The first update builds the worlds; each later one ticks them once with the main one.
    app.update();
    let ticks = 40;
    for _ in 0..ticks {
        app.update();
    }
    let worlds = app.world().resource::<CompareWorlds>();
    assert_eq!(worlds.views.len(), 4);
    let mut ratios = std::collections::HashMap::new();
    for view in &worlds.views {
        let mut alone = Population::new(view.kind.params(&base), 5).unwrap();
        for _ in 0..view.stats.tick {
            alone.tick();
        }
        assert!(
            view.stats.tick >= ticks - 1,
            "{:?} ticked {}",
            view.kind,
            view.stats.tick
        );
        let want = alone.count(&mut ContactGrid::new());
        assert_eq!(
            (
                view.stats.employees,
                view.stats.internal,
                view.stats.customer
            ),
            (want.employees, want.internal, want.customer),
            "{:?}",
            view.kind
        );
        ratios.insert(view.kind, view.stats.ratio);
    }
    // Every pick is there once.
    assert_eq!(ratios.len(), picks.len(), "{ratios:?}");

    // Turned off, the worlds are dropped.
    app.world_mut().write_message(CompareCommand::Toggle);
    app.update();
    assert!(app.world().resource::<CompareWorlds>().views.is_empty());
    move |kind| ratios[&kind]
}

/// A part that starts a fresh world and the comparison in the same frame (the shipped
/// session's what-if part does) builds the compared worlds from the fresh world's
/// settings in that frame: the comparison reads them after the simulation applied them.
/// Which order two unordered systems run in is up to the executor (unordered, these
/// two ran either way round in a recording, and the compared worlds could start a frame
/// late, from the world before), so the schedules here refuse any unordered pair that
/// touches the same data: the simulation and the comparison have none.
#[test]
fn a_fresh_world_and_the_comparison_asked_for_at_once_start_together() {
    let before = Params {
        initial_employees: 80,
        ..Params::default()
    };
    let fresh = Params {
        initial_employees: 300,
        max_employees: 5_000,
        ..Params::default()
    };
    let mut app = headless_app(SimPlugin::new(before, 1).unwrap());
    app.add_plugins(CompareWorldsPlugin);
    app.configure_schedules(bevy::ecs::schedule::ScheduleBuildSettings {
        ambiguity_detection: bevy::ecs::schedule::LogLevel::Error,
        ..Default::default()
    });
    app.update();
    let world = app.world_mut();
    world.write_message(SimCommand::Apply(SimSettings {
        params: fresh,
        seed: 1,
    }));
    world.write_message(CompareCommand::Pick(the_shapes()));
    world.write_message(CompareCommand::Set(true));
    app.update();
    let worlds = app.world().resource::<CompareWorlds>();
    assert_eq!(worlds.views.len(), 4);
    for view in &worlds.views {
        assert_eq!(
            view.pop.org.params().initial_employees,
            300,
            "{:?} was built from the world before",
            view.kind
        );
    }
}
