//! The scene: agents, and the organisation's surface.
//!
//! By default all agents are drawn in one instanced draw of impostor spheres
//! (`instancing.rs`): the CPU only writes each agent's position, size and colour, 20
//! bytes, into a buffer. `--agents naive` instead gives every agent Bevy's default PBR
//! sphere, the baseline the benchmarks compare against.

use bevy::asset::RenderAssetUsages;
use bevy::camera::visibility::NoFrustumCulling;
use bevy::ecs::system::SystemParam;
use bevy::mesh::PrimitiveTopology;
use std::f32::consts::{FRAC_PI_2, PI};

use bevy::prelude::*;
use bolwerk_model::Shape;

use super::instancing::{AgentInstance, AgentInstances, Agents, Instanced, pack_srgb};
use crate::intent::ViewSettings;
use crate::look::palette::{Palette, Theme};
use crate::schedule::FrameSet;
use crate::show::options::{AgentStyle, ShowOptions};
use crate::sim::{ContactCounter, Sim};

/// An agent's radius relative to the contact distance.
pub const AGENT_SIZE: f32 = 0.1;
/// Employees in customer contact are drawn this much larger than the others: a cue
/// besides colour.
pub const FRONT_OFFICE_SCALE: f32 = 1.35;
/// Customers are drawn this much smaller than employees, so that the crowd at the
/// edge does not hide the organisation it surrounds.
pub const CUSTOMER_SCALE: f32 = 0.8;

/// The scene plugin.
pub struct AgentsPlugin;

impl Plugin for AgentsPlugin {
    fn build(&self, app: &mut App) {
        app.init_gizmo_group::<BoundaryLines>()
            .add_systems(Startup, spawn_scene)
            .add_systems(
                Update,
                (
                    draw_boundary,
                    update_cloud.run_if(agent_style(AgentStyle::Cloud)),
                    update_naive_agents.run_if(agent_style(AgentStyle::Naive)),
                )
                    .in_set(FrameSet::Draw),
            );
    }
}

fn agent_style(style: AgentStyle) -> impl Fn(Res<ShowOptions>) -> bool + Clone {
    move |options: Res<ShowOptions>| options.agents == style
}

/// The one mesh that holds every agent (cloud style).
#[derive(Component)]
struct AgentCloud;

/// The organisation's surface, drawn as lines.
#[derive(Default, Reflect, GizmoConfigGroup)]
pub struct BoundaryLines;

/// Latitude bands of the globe that shows the surface.
const GLOBE_LATITUDES: usize = 8;
/// Meridians of that globe (each a full great circle).
const GLOBE_MERIDIANS: usize = 6;

/// Meshes and materials for the naive style.
#[derive(Resource)]
struct NaiveAssets {
    sphere: Handle<Mesh>,
    back: Handle<StandardMaterial>,
    front: Handle<StandardMaterial>,
    customer: Handle<StandardMaterial>,
}

fn spawn_scene(
    mut commands: Commands,
    options: Res<ShowOptions>,
    theme: Res<Theme>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
    sim: Res<Sim>,
) {
    let d = sim.0.org.params().d as f32;
    match options.agents {
        AgentStyle::Cloud => {
            commands.spawn((
                Name::new("Agents"),
                AgentCloud,
                Instanced::<Agents>::default(),
                AgentInstances::default(),
                Mesh3d(meshes.add(impostor_quad())),
                Transform::default(),
                Visibility::default(),
                // The instances move every frame; the mesh's own bounds say nothing.
                NoFrustumCulling,
            ));
        }
        AgentStyle::Naive => {
            let pbr = |color: Color| StandardMaterial {
                base_color: color,
                ..default()
            };
            commands.init_resource::<NaiveAgents>();
            commands.insert_resource(NaiveAssets {
                sphere: meshes.add(Sphere::new(AGENT_SIZE * d).mesh()),
                back: materials.add(pbr(theme.palette.back_office)),
                front: materials.add(pbr(theme.palette.front_office)),
                customer: materials.add(pbr(theme.palette.customer)),
            });
        }
    }
}

/// Draws the surface as a faint globe: latitude circles and meridians. A translucent
/// sphere read better on a GPU but was far too slow on a software renderer, so it is
/// lines (BENCHMARKS.md, "Figures moved from code comments (issue 17)").
fn draw_boundary(
    sim: Res<Sim>,
    view: Res<ViewSettings>,
    theme: Res<Theme>,
    mut gizmos: Gizmos<BoundaryLines>,
) {
    if !view.boundary {
        return;
    }
    let color = theme.palette.boundary;
    let org = &sim.0.org;
    match org.params().shape {
        Shape::Sphere => globe(
            &mut gizmos,
            Vec3::ZERO,
            org.radius() as f32,
            GLOBE_LATITUDES,
            color,
        ),
        // Many small units: a lighter globe each.
        Shape::Cells { .. } => {
            for u in org.units() {
                globe(&mut gizmos, u.centre.as_vec3(), u.radius as f32, 2, color);
            }
        }
        Shape::Disc { t } => {
            let (a, h) = (org.radius() as f32, (t / 2.0) as f32);
            let flat = Quat::from_rotation_x(FRAC_PI_2);
            for y in [-h, h] {
                gizmos
                    .circle(Isometry3d::new(Vec3::Y * y, flat), a, color)
                    .resolution(96);
            }
            for k in 0..2 * GLOBE_MERIDIANS {
                let angle = PI * k as f32 / GLOBE_MERIDIANS as f32;
                let (s, c) = angle.sin_cos();
                let rim = Vec3::new(c * a, 0.0, s * a);
                gizmos.line(rim - Vec3::Y * h, rim + Vec3::Y * h, color);
            }
        }
    }
}

/// A faint globe of radius `r` around `centre`: latitude circles and meridians.
fn globe(gizmos: &mut Gizmos<BoundaryLines>, centre: Vec3, r: f32, latitudes: usize, color: Color) {
    let flat = Quat::from_rotation_x(FRAC_PI_2);
    for k in 1..latitudes {
        let polar = PI * k as f32 / latitudes as f32;
        let (s, c) = polar.sin_cos();
        gizmos
            .circle(
                Isometry3d::new(centre + Vec3::Y * r * c, flat),
                r * s,
                color,
            )
            .resolution(64);
    }
    for k in 0..GLOBE_MERIDIANS {
        let yaw = PI * k as f32 / GLOBE_MERIDIANS as f32;
        gizmos
            .circle(
                Isometry3d::new(centre, Quat::from_rotation_y(yaw)),
                r,
                color,
            )
            .resolution(64);
    }
}

/// The direction towards the camera, if the cut-away hides the near half.
pub fn cut_direction(view: &ViewSettings, camera: Option<&GlobalTransform>) -> Option<Vec3> {
    if !view.cutaway {
        return None;
    }
    camera.map(|t| t.translation().normalize_or_zero())
}

/// Whether a point survives the cut-away.
#[inline]
pub fn shown(p: Vec3, cut: Option<Vec3>) -> bool {
    cut.is_none_or(|dir| p.dot(dir) <= 0.0)
}

/// The quad every agent is drawn on (x and y in -1..1): the shader turns it to the
/// camera and draws a sphere in it.
pub fn impostor_quad() -> Mesh {
    let corners = [
        [-1.0, -1.0, 0.0],
        [1.0, -1.0, 0.0],
        [1.0, 1.0, 0.0],
        [-1.0, -1.0, 0.0],
        [1.0, 1.0, 0.0],
        [-1.0, 1.0, 0.0],
    ];
    Mesh::new(
        PrimitiveTopology::TriangleList,
        RenderAssetUsages::RENDER_WORLD,
    )
    .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, corners.to_vec())
}

/// Fills the instance list from the agents' positions and this frame's front office.
fn update_cloud(
    sim: Res<Sim>,
    counter: Res<ContactCounter>,
    view: Res<ViewSettings>,
    theme: Res<Theme>,
    mut cloud: Query<&mut AgentInstances, With<AgentCloud>>,
    camera: Query<&GlobalTransform, With<Camera3d>>,
) {
    let Ok(mut instances) = cloud.single_mut() else {
        return;
    };
    let pop = &sim.0;
    let look = AgentLook::new(&theme.palette, pop.org.params().d as f32);
    let cut = cut_direction(&view, camera.single().ok());
    let list = &mut instances.0;
    list.clear();
    list.extend(
        pop.employees
            .iter()
            .zip(counter.front_office())
            .filter(|&(&p, _)| shown(p, cut))
            .map(|(&p, &f)| look.employee(p, f)),
    );
    if view.customers {
        list.extend(
            pop.customers
                .iter()
                .filter(|&&p| shown(p, cut))
                .map(|&p| look.customer(p)),
        );
    }
}

/// How the cloud draws each group: its colour and its size. Employees in customer
/// contact are larger as well as coloured, so that colour is not the only cue; the
/// customers are smaller.
pub struct AgentLook {
    back: u32,
    front: u32,
    customer: u32,
    size: f32,
}

impl AgentLook {
    /// The look in `palette`, for an organisation with contact distance `d`.
    pub fn new(palette: &Palette, d: f32) -> Self {
        let [back, front, customer] =
            [palette.back_office, palette.front_office, palette.customer].map(pack_srgb);
        Self {
            back,
            front,
            customer,
            size: AGENT_SIZE * d,
        }
    }

    /// An employee at `p`, in customer contact or not.
    pub fn employee(&self, p: Vec3, in_contact: bool) -> AgentInstance {
        let (size, color) = if in_contact {
            (self.size * FRONT_OFFICE_SCALE, self.front)
        } else {
            (self.size, self.back)
        };
        AgentInstance {
            position: p.to_array(),
            size,
            color,
        }
    }

    /// A customer at `p`.
    pub fn customer(&self, p: Vec3) -> AgentInstance {
        AgentInstance {
            position: p.to_array(),
            size: self.size * CUSTOMER_SCALE,
            color: self.customer,
        }
    }
}

/// The naive style's PBR spheres, one per agent, by id.
#[derive(Resource, Default)]
struct NaiveAgents {
    employees: Vec<Entity>,
    customers: Vec<Entity>,
}

/// The agents, and which employees met a customer this frame.
#[derive(SystemParam)]
struct SimWorld<'w> {
    sim: Res<'w, Sim>,
    counter: Res<'w, ContactCounter>,
}

/// Gives every agent a PBR sphere, moves the spheres and recolours the front office
/// (naive style). Spheres are spawned as agents are hired, and despawned when a reset
/// leaves fewer agents.
fn update_naive_agents(
    mut commands: Commands,
    assets: Res<NaiveAssets>,
    view: Res<ViewSettings>,
    world: SimWorld,
    mut naive: ResMut<NaiveAgents>,
    camera: Query<&GlobalTransform, With<Camera3d>>,
    mut spheres: Query<(
        &mut Transform,
        &mut MeshMaterial3d<StandardMaterial>,
        &mut Visibility,
    )>,
) {
    let cut = cut_direction(&view, camera.single().ok());
    let visible = |on: bool| {
        if on {
            Visibility::Inherited
        } else {
            Visibility::Hidden
        }
    };
    let pop = &world.sim.0;
    let employees: Vec<_> = pop
        .employees
        .iter()
        .zip(world.counter.front_office())
        .map(|(&p, &f)| {
            let material = if f { &assets.front } else { &assets.back };
            (p, material, visible(shown(p, cut)))
        })
        .collect();
    let customers: Vec<_> = pop
        .customers
        .iter()
        .map(|&p| {
            (
                p,
                &assets.customer,
                visible(view.customers && shown(p, cut)),
            )
        })
        .collect();
    let NaiveAgents {
        employees: employee_spheres,
        customers: customer_spheres,
    } = &mut *naive;
    for (agents, entities) in [(employees, employee_spheres), (customers, customer_spheres)] {
        let keep = agents.len().min(entities.len());
        for gone in entities.drain(keep..) {
            commands.entity(gone).despawn();
        }
        for (i, (p, material, vis)) in agents.into_iter().enumerate() {
            match entities.get(i).map(|&e| spheres.get_mut(e)) {
                Some(Ok((mut t, mut m, mut v))) => {
                    t.translation = p;
                    if m.0 != *material {
                        m.0 = material.clone();
                    }
                    v.set_if_neq(vis);
                }
                // Spawned last frame and not yet applied: nothing to move yet.
                Some(Err(_)) => {}
                None => entities.push(
                    commands
                        .spawn((
                            Mesh3d(assets.sphere.clone()),
                            MeshMaterial3d(material.clone()),
                            Transform::from_translation(p),
                            vis,
                        ))
                        .id(),
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::look::palette::PROJECTOR;

    #[test]
    fn employees_in_customer_contact_are_larger_and_customers_smaller_than_the_others() {
        let look = AgentLook::new(&PROJECTOR, 2.0);
        let at = Vec3::new(1.0, 2.0, 3.0);
        let (plain, met, customer) = (
            look.employee(at, false),
            look.employee(at, true),
            look.customer(at),
        );
        assert_eq!(plain.position, at.to_array());
        assert_eq!(plain.size, AGENT_SIZE * 2.0);
        assert!(met.size > plain.size && customer.size < plain.size);
        let colors = [plain.color, met.color, customer.color];
        assert_eq!(
            colors,
            [
                PROJECTOR.back_office,
                PROJECTOR.front_office,
                PROJECTOR.customer
            ]
            .map(pack_srgb)
        );
    }
}
