//! The orbit camera: drag to rotate, scroll to zoom, optional slow rotation. The view
//! keeps the organisation in frame as it grows, at whatever zoom the user chose.
//!
//! Rotation and the camera's glide run on virtual time, so a recorded frame depends on
//! its number only, not on how fast the machine drew the ones before.

use std::f32::consts::TAU;

use bevy::camera::Viewport;
use bevy::core_pipeline::tonemapping::Tonemapping;
use bevy::prelude::*;
use bevy::render::view::NoIndirectDrawing;
use bevy_egui::EguiPrimaryContextPass;
use bevy_egui::input::EguiWantsInput;
use bevy_panorbit_camera::{PanOrbitCamera, PanOrbitCameraPlugin};

use super::layout::PanelWidth;
use crate::intent::{Canvas, ViewCommand, ViewSettings};
use crate::schedule::{FrameSet, PanelSet};
use crate::sim::Sim;

/// Camera distance as a multiple of the customer shell's outer radius, at start.
pub const FRAMING: f32 = 2.6;
/// The camera's yaw and pitch at start, in radians.
pub const START_YAW: f32 = 0.4;
/// See [`START_YAW`].
pub const START_PITCH: f32 = 0.3;

/// Marks the main view's camera (the compared views have cameras of their own).
#[derive(Component, Debug, Default, Clone, Copy)]
pub struct MainCamera;

/// The camera's zoom relative to the organisation's size, kept as it grows.
#[derive(Resource, Debug, Clone, Copy)]
struct Framing {
    outer: f32,
}

/// The camera plugin.
pub struct CameraPlugin;

impl Plugin for CameraPlugin {
    fn build(&self, app: &mut App) {
        app.add_plugins(PanOrbitCameraPlugin)
            .init_resource::<PanelWidth>()
            .add_systems(Startup, spawn_camera)
            .add_systems(
                EguiPrimaryContextPass,
                fit_beside_panel.in_set(PanelSet::Fit),
            )
            .add_systems(Update, move_camera.in_set(FrameSet::Camera))
            .add_systems(
                Update,
                (block_when_over_ui, follow_growth, auto_rotate).in_set(FrameSet::Draw),
            );
    }
}

fn spawn_camera(mut commands: Commands, sim: Res<Sim>, canvas: Res<Canvas>) {
    let outer = sim.0.org.outer_radius() as f32;
    commands.insert_resource(Framing { outer });
    commands.spawn((
        Name::new("Camera"),
        MainCamera,
        Camera3d::default(),
        canvas.target.clone(),
        // The instanced agents are drawn outside Bevy's GPU-driven mesh path.
        NoIndirectDrawing,
        // Colours on screen are the palette's, untouched: readable on a projector and
        // checkable in screenshots.
        Tonemapping::None,
        Msaa::Sample4,
        Transform::from_xyz(0.0, outer * 0.8, outer * FRAMING).looking_at(Vec3::ZERO, Vec3::Y),
        PanOrbitCamera {
            radius: Some(outer * FRAMING),
            pitch: Some(START_PITCH),
            yaw: Some(START_YAW),
            zoom_lower_limit: 1.0,
            ..default()
        },
    ));
    commands.spawn((
        Name::new("Sun"),
        DirectionalLight {
            illuminance: 8_000.0,
            shadow_maps_enabled: true,
            ..default()
        },
        Transform::from_xyz(1.0, 2.0, 1.5).looking_at(Vec3::ZERO, Vec3::Y),
    ));
}

/// Keeps the main view out from under the panel: its viewport is the canvas left of it.
fn fit_beside_panel(
    canvas: Res<Canvas>,
    panel: Res<PanelWidth>,
    mut camera: Query<&mut Camera, With<MainCamera>>,
) {
    let Ok(mut camera) = camera.single_mut() else {
        return;
    };
    let panel = panel.0;
    let size = UVec2::new(canvas.size.x.saturating_sub(panel), canvas.size.y);
    let viewport = (size.x > 0 && size.y > 0 && panel > 0).then(|| Viewport {
        physical_position: UVec2::ZERO,
        physical_size: size,
        ..default()
    });
    let key = |v: &Option<Viewport>| v.as_ref().map(|v| (v.physical_position, v.physical_size));
    if key(&camera.viewport) != key(&viewport) {
        camera.viewport = viewport;
    }
}

/// Mouse drags on the panel move sliders, not the camera.
fn block_when_over_ui(wants: Option<Res<EguiWantsInput>>, mut cams: Query<&mut PanOrbitCamera>) {
    let over_ui = wants.is_some_and(|w| w.wants_any_pointer_input());
    for mut cam in &mut cams {
        cam.enabled = !over_ui;
    }
}

/// Camera moves asked for by a script or the panel. The zoom is relative to the world
/// as it is now, so growth follows from here: without noting the size, a move that
/// came with a fresh world of another size was scaled again by `follow_growth`, and a
/// session's part after a larger world began zoomed into the middle.
fn move_camera(
    mut commands: MessageReader<ViewCommand>,
    sim: Res<Sim>,
    mut framing: ResMut<Framing>,
    mut cams: Query<&mut PanOrbitCamera>,
) {
    for command in commands.read() {
        if let ViewCommand::Camera { yaw, pitch, zoom } = *command {
            let outer = sim.0.org.outer_radius() as f32;
            framing.outer = outer;
            for mut cam in &mut cams {
                cam.target_yaw = yaw;
                cam.target_pitch = pitch;
                cam.target_radius = (zoom * outer).max(cam.zoom_lower_limit);
            }
        }
    }
}

/// Scales the camera distance with the organisation, keeping the user's zoom.
fn follow_growth(
    sim: Res<Sim>,
    mut framing: ResMut<Framing>,
    mut cams: Query<&mut PanOrbitCamera>,
) {
    let outer = sim.0.org.outer_radius() as f32;
    if (outer - framing.outer).abs() < 1e-4 || framing.outer <= 0.0 {
        return;
    }
    let scale = outer / framing.outer;
    framing.outer = outer;
    for mut cam in &mut cams {
        cam.target_radius *= scale;
    }
}

fn auto_rotate(view: Res<ViewSettings>, time: Res<Time>, mut cams: Query<&mut PanOrbitCamera>) {
    if !view.auto_rotate {
        return;
    }
    for mut cam in &mut cams {
        cam.target_yaw += TAU / view.orbit_period * time.delta_secs();
    }
}
