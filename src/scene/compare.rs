//! The comparison view: the canvas left of the panel split into two to four views, one
//! compared shape each, all turning together. The panel draws their shared plots.
//!
//! Each view has its own camera and its own instanced agent cloud, matched by
//! [`ViewSlot`]; the main view's camera rests while the comparison is on.

use bevy::camera::Viewport;
use bevy::camera::visibility::{NoFrustumCulling, RenderLayers};
use bevy::core_pipeline::tonemapping::Tonemapping;
use bevy::prelude::*;
use bevy::render::view::NoIndirectDrawing;
use bevy_panorbit_camera::PanOrbitCamera;

use super::agents::{AgentLook, impostor_quad};
use super::camera::{MainCamera, START_PITCH, START_YAW, fit_distance};
use super::instancing::{AgentInstances, Agents, Instanced, ViewSlot};
use super::layout::{SceneArea, view_rect};
use crate::intent::{Canvas, ViewSettings};
use crate::look::palette::Theme;
use crate::schedule::FrameSet;
use crate::sim::compare::{CompareWorlds, CompareWorldsPlugin};

/// One compared view's camera and cloud.
#[derive(Component, Debug, Clone, Copy)]
pub struct CompareSlot(pub usize);

/// The comparison view plugin (with the comparison's simulation).
pub struct CompareViewPlugin;

impl Plugin for CompareViewPlugin {
    fn build(&self, app: &mut App) {
        app.add_plugins(CompareWorldsPlugin).add_systems(
            Update,
            (sync_views, fill_clouds, place_cameras)
                .chain()
                .in_set(FrameSet::Draw),
        );
    }
}

/// Spawns a camera and a cloud per compared world, and despawns them when the
/// comparison ends; rests the main camera meanwhile.
fn sync_views(
    mut commands: Commands,
    worlds: Res<CompareWorlds>,
    canvas: Res<Canvas>,
    mut meshes: ResMut<Assets<Mesh>>,
    slots: Query<(Entity, &CompareSlot)>,
    mut main_camera: Query<&mut Camera, With<MainCamera>>,
) {
    // A camera and a cloud per view.
    let have = slots.iter().count() / 2;
    let want = worlds.views.len();
    if let Ok(mut camera) = main_camera.single_mut() {
        let active = want == 0;
        if camera.is_active != active {
            camera.is_active = active;
        }
    }
    if have == want {
        return;
    }
    for (e, _) in &slots {
        commands.entity(e).despawn();
    }
    let mesh = meshes.add(impostor_quad());
    for k in 0..want {
        let slot = ViewSlot(k as u8 + 1);
        commands.spawn((
            Name::new(format!("Compared agents {k}")),
            CompareSlot(k),
            slot,
            // Seen by the compared views' cameras only.
            RenderLayers::layer(1),
            Instanced::<Agents>::default(),
            AgentInstances::default(),
            Mesh3d(mesh.clone()),
            Transform::default(),
            Visibility::default(),
            NoFrustumCulling,
        ));
        commands.spawn((
            Name::new(format!("Compared view {k}")),
            CompareSlot(k),
            slot,
            Camera3d::default(),
            canvas.target.clone(),
            Camera {
                // Before the panel's camera; only the first clears the canvas, or each
                // would wipe the views drawn before it.
                order: k as isize - 10,
                clear_color: if k == 0 {
                    ClearColorConfig::Default
                } else {
                    ClearColorConfig::None
                },
                ..default()
            },
            // No gizmos (layer 0) here: the main world's lines and globe stay out.
            RenderLayers::layer(1),
            Tonemapping::None,
            Msaa::Off,
            NoIndirectDrawing,
            Transform::default(),
        ));
    }
}

/// Fills each view's instance list from its world: employees by front office, customers.
fn fill_clouds(
    worlds: Res<CompareWorlds>,
    view: Res<ViewSettings>,
    theme: Res<Theme>,
    mut clouds: Query<(&CompareSlot, &mut AgentInstances)>,
) {
    for (slot, mut instances) in &mut clouds {
        let Some(world) = worlds.views.get(slot.0) else {
            continue;
        };
        let look = AgentLook::new(&theme.palette, world.pop.org.params().d as f32);
        let flags = world.grid.front_office();
        let list = &mut instances.0;
        list.clear();
        list.extend(
            world
                .pop
                .employees
                .iter()
                .enumerate()
                .map(|(i, &p)| look.employee(p, flags.get(i).copied().unwrap_or(false))),
        );
        if view.customers {
            list.extend(world.pop.customers.iter().map(|&p| look.customer(p)));
        }
    }
}

/// The band at the top of each compared view that its label takes, in pixels at the
/// usual text size.
const LABEL_BAND: u32 = 34;

/// Lays the views out in the area the overlays leave and points each at its world,
/// all from the main camera's direction, each framing its own world.
fn place_cameras(
    worlds: Res<CompareWorlds>,
    canvas: Res<Canvas>,
    area: Res<SceneArea>,
    theme: Res<Theme>,
    main: Query<&PanOrbitCamera>,
    mut cameras: Query<(&CompareSlot, &mut Camera, &mut Transform), With<Camera3d>>,
) {
    let (yaw, pitch) = main.single().map_or((START_YAW, START_PITCH), |c| {
        (c.yaw.unwrap_or(START_YAW), c.pitch.unwrap_or(START_PITCH))
    });
    let area = area.rect(canvas.size);
    let n = worlds.views.len();
    for (slot, mut camera, mut transform) in &mut cameras {
        let Some(world) = worlds.views.get(slot.0) else {
            continue;
        };
        let (corner, full) = view_rect(slot.0, n, area);
        // Each view's label sits above its picture, not on it.
        let label = ((LABEL_BAND as f32 * theme.font_scale) as u32).min(full.y / 4);
        let (position, size) = (corner + UVec2::Y * label, full - UVec2::Y * label);
        camera.viewport = Some(Viewport {
            physical_position: position,
            physical_size: size,
            ..default()
        });
        let aspect = size.x as f32 / size.y as f32;
        let distance = fit_distance(world.pop.org.outer_radius() as f32, aspect);
        let dir = Vec3::new(
            yaw.sin() * pitch.cos(),
            pitch.sin(),
            yaw.cos() * pitch.cos(),
        );
        *transform = Transform::from_translation(dir * distance).looking_at(Vec3::ZERO, Vec3::Y);
    }
}
