//! Large crowds are renumbered in spatial order every `RENUMBER_EVERY` ticks when they
//! are counted through `Population`. That changes no count, moves every value kept per
//! agent with its agent, and keeps runs reproducible.

use bolwerk_model::contacts::{ContactGrid, PairKind, in_contact};
use bolwerk_model::population::{RENUMBER_EVERY, RENUMBER_MIN, note_contacts};
use bolwerk_model::sampling::LineSampler;
use bolwerk_model::{Params, Population, Shape};
use glam::Vec3;

/// A fixed head count large enough to be renumbered.
fn params(shape: Shape) -> Params {
    Params {
        initial_employees: 52_000,
        max_employees: 52_000,
        shape,
        ..Params::default()
    }
}

/// Runs to just before the first renumbering, counting every tick as the app does.
fn before_renumbering(params: Params, seed: u64) -> (Population, ContactGrid) {
    let mut pop = Population::new(params, seed).unwrap();
    assert!(pop.employees.len() + pop.customers.len() >= RENUMBER_MIN);
    let mut grid = ContactGrid::new();
    for _ in 1..RENUMBER_EVERY {
        pop.tick();
        pop.count_and_note(&mut grid);
    }
    pop.tick();
    assert_eq!(pop.org.tick(), RENUMBER_EVERY);
    (pop, grid)
}

/// Each agent's position bits with a value of its own, sorted: equal for two crowds
/// that hold the same agents in any order.
fn agents_with(points: &[Vec3], values: &[u32]) -> Vec<([u32; 3], u32)> {
    let mut v: Vec<_> = points
        .iter()
        .zip(values)
        .map(|(p, &k)| (p.to_array().map(f32::to_bits), k))
        .collect();
    v.sort_unstable();
    v
}

/// The mean distance between agents that follow each other in the numbering.
fn mean_step(points: &[Vec3]) -> f32 {
    points.windows(2).map(|w| w[0].distance(w[1])).sum::<f32>() / points.len() as f32
}

#[test]
fn renumbering_keeps_the_counts_and_moves_each_agents_state() {
    let (mut pop, mut grid) = before_renumbering(params(Shape::Sphere), 3);
    let mut reference = pop.clone();
    let counts = pop.count_and_note(&mut grid);
    // The same tick counted without renumbering: a fresh grid and the plain count.
    let mut fresh = ContactGrid::new();
    let want = reference.count(&mut fresh);
    note_contacts(
        &mut reference.last_contact,
        fresh.front_office(),
        reference.org.tick(),
    );
    assert_eq!(counts, want);
    assert_eq!(pop.reach(), reference.reach());
    assert_eq!(
        agents_with(&pop.employees, &pop.last_contact),
        agents_with(&reference.employees, &reference.last_contact),
        "every employee keeps its last contact"
    );
    let flags = |f: &[bool]| f.iter().map(|&b| u32::from(b)).collect::<Vec<_>>();
    assert_eq!(
        agents_with(&pop.employees, &flags(grid.front_office())),
        agents_with(&reference.employees, &flags(fresh.front_office())),
        "every employee keeps its front-office flag"
    );
    let none = vec![0; pop.customers.len()];
    assert_eq!(
        agents_with(&pop.customers, &none),
        agents_with(&reference.customers, &none)
    );
    assert!(
        mean_step(&pop.employees) < mean_step(&reference.employees) / 10.0,
        "renumbered in spatial order: {} against {}",
        mean_step(&pop.employees),
        mean_step(&reference.employees)
    );
    // Counted again, the renumbered crowd gives the same counts.
    assert_eq!(pop.count(&mut grid), want);
}

#[test]
fn a_renumbered_run_is_reproducible() {
    let run = || {
        let (mut pop, mut grid) = before_renumbering(params(Shape::Sphere), 9);
        let mut counts = vec![pop.count_and_note(&mut grid)];
        for _ in 0..3 {
            pop.tick();
            counts.push(pop.count_and_note(&mut grid));
        }
        let bits = |v: &[Vec3]| -> Vec<[u32; 3]> {
            v.iter().map(|p| p.to_array().map(f32::to_bits)).collect()
        };
        (
            bits(&pop.employees),
            bits(&pop.customers),
            pop.last_contact,
            counts,
        )
    };
    assert_eq!(run(), run());
}

#[test]
fn cells_keep_their_members_when_renumbered() {
    let d = Params::default().d;
    let (mut pop, mut grid) = before_renumbering(params(Shape::Cells { r_max: 4.0 * d }), 5);
    let before = pop.employees.clone();
    pop.count_and_note(&mut grid);
    assert_ne!(pop.employees, before, "renumbered");
    let none = vec![0; before.len()];
    assert_eq!(
        agents_with(&pop.employees, &none),
        agents_with(&before, &none)
    );
    // Every employee is inside the unit it is filed under: its unit moved with it.
    let units = pop.org.units();
    assert!(units.len() > 10, "{} units", units.len());
    for (id, p) in pop.employees.iter().enumerate() {
        let u = &units[pop.org.employee_unit(id as u32) as usize];
        let r = p.as_dvec3().distance(u.centre);
        assert!(
            r <= u.radius + 1e-3,
            "employee {id}: {r} from its unit's centre, radius {}",
            u.radius
        );
    }
    // And it walks on inside it.
    for _ in 0..3 {
        pop.tick();
        pop.count_and_note(&mut grid);
    }
    let units = pop.org.units();
    for (id, p) in pop.employees.iter().enumerate() {
        let u = &units[pop.org.employee_unit(id as u32) as usize];
        assert!(
            p.as_dvec3().distance(u.centre) <= u.radius + 1e-3,
            "employee {id}"
        );
    }
}

#[test]
fn sampled_lines_join_the_right_agents_across_a_renumbering() {
    // Counted with lines, as the app does: at the renumbering tick the sampled pairs
    // are renumbered with their agents, so each still joins two agents in contact.
    let mut pop = Population::new(params(Shape::Sphere), 4).unwrap();
    let (mut grid, mut sampler) = (ContactGrid::new(), LineSampler::new(2_000, 1));
    let d2 = (pop.org.params().d * pop.org.params().d) as f32;
    for _ in 1..=RENUMBER_EVERY + 1 {
        pop.tick();
        sampler.reset(2_000);
        let before = pop.employees.clone();
        let counts = pop.count_sampled_and_note(&mut grid, &mut sampler);
        assert_eq!(sampler.pairs().len(), 2_000);
        assert_eq!(sampler.seen() as f64, counts.internal + counts.customer);
        for pair in sampler.pairs() {
            let a = pop.employees[pair.employee as usize];
            let b = match pair.kind {
                PairKind::Internal => pop.employees[pair.other as usize],
                PairKind::Customer => pop.customers[pair.other as usize],
            };
            assert!(in_contact(a, b, d2), "tick {}: {pair:?}", pop.org.tick());
        }
        if pop.org.tick() == RENUMBER_EVERY {
            assert_ne!(pop.employees, before, "renumbered at this tick");
        }
    }
}
