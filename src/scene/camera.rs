//! The orbit camera: drag to rotate, scroll to zoom, optional slow rotation. The view
//! takes the area the overlays leave ([`SceneArea`]) and frames the whole organisation
//! in it, as it grows and as the area changes, at whatever zoom the user chose.
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

use super::layout::SceneArea;
use crate::intent::{Canvas, ViewCommand, ViewSettings};
use crate::schedule::{FrameSet, PanelSet};
use crate::sim::Sim;

/// The zoom that means "the whole organisation just fits its view" (`fit_distance`):
/// a scenario's `zoom` is measured against it, so 2 × FRAMING stands twice as far
/// away, and a zoom at or below it fits. (It was the start distance over the customer
/// shell's outer radius before the camera fitted each view's shape.)
pub const FRAMING: f32 = 2.6;
/// Room around the organisation when it fits a view, as a share of its radius.
const MARGIN: f32 = 1.06;
/// The camera's yaw and pitch at start, in radians.
pub const START_YAW: f32 = 0.4;
/// See [`START_YAW`].
pub const START_PITCH: f32 = 0.3;

/// Marks the main view's camera (the compared views have cameras of their own).
#[derive(Component, Debug, Default, Clone, Copy)]
pub struct MainCamera;

/// The distance at which the organisation fits its view, as last applied: the user's
/// zoom is kept relative to it as the organisation grows and the view changes shape.
#[derive(Resource, Debug, Clone, Copy)]
struct Framing {
    fit: f32,
}

/// How far from its centre a camera must stand to see all of a ball of radius `r` in
/// a view of `aspect` (width over height), with a margin, at Bevy's default field of
/// view.
pub fn fit_distance(r: f32, aspect: f32) -> f32 {
    let half_v = PerspectiveProjection::default().fov / 2.0;
    let half_h = (aspect.max(0.05) * half_v.tan()).atan();
    r * MARGIN / half_v.min(half_h).sin()
}

/// The main view's width over its height.
fn aspect(canvas: &Canvas, area: &SceneArea) -> f32 {
    let (_, size) = area.rect(canvas.size);
    size.x as f32 / size.y as f32
}

/// The camera plugin.
pub struct CameraPlugin;

impl Plugin for CameraPlugin {
    fn build(&self, app: &mut App) {
        app.add_plugins(PanOrbitCameraPlugin)
            .init_resource::<SceneArea>()
            .add_systems(Startup, spawn_camera)
            .add_systems(
                EguiPrimaryContextPass,
                (ease_bands, fit_beside_panel).chain().in_set(PanelSet::Fit),
            )
            .add_systems(Update, move_camera.in_set(FrameSet::Camera))
            .add_systems(
                Update,
                (
                    block_when_over_ui,
                    (follow_growth, auto_rotate, settle_while_still).chain(),
                )
                    .in_set(FrameSet::Draw),
            );
    }
}

fn spawn_camera(mut commands: Commands, sim: Res<Sim>, canvas: Res<Canvas>) {
    let outer = sim.0.org.outer_radius() as f32;
    let fit = fit_distance(outer, aspect(&canvas, &SceneArea::default()));
    commands.insert_resource(Framing { fit });
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
        Transform::from_xyz(0.0, outer * 0.8, fit).looking_at(Vec3::ZERO, Vec3::Y),
        PanOrbitCamera {
            radius: Some(fit),
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

/// Moves the overlays' bands towards where the overlays are now (see
/// [`SceneArea::ease`]). Real time, which a recording steps by exactly one frame, so
/// recorded frames stay the same.
fn ease_bands(time: Res<Time<Real>>, mut area: ResMut<SceneArea>) {
    let mut eased = *area;
    eased.ease(time.delta_secs());
    if eased != *area {
        *area = eased;
    }
}

/// Keeps the main view out from under the overlays: its viewport is the area they
/// leave.
fn fit_beside_panel(
    canvas: Res<Canvas>,
    area: Res<SceneArea>,
    mut camera: Query<&mut Camera, With<MainCamera>>,
) {
    let Ok(mut camera) = camera.single_mut() else {
        return;
    };
    let (corner, size) = area.rect(canvas.size);
    let whole = corner == UVec2::ZERO && size == canvas.size;
    let viewport = (size.x > 0 && size.y > 0 && !whole).then(|| Viewport {
        physical_position: corner,
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
///
/// A move asked for before the orbit camera has read its start values waits until it
/// has: the camera would overwrite the move's distance with its start distance, and a
/// session started at a later part (`--part 10`, 300 employees after the first part's
/// 60) stood too close, its customers cut off at the top and bottom.
fn move_camera(
    mut commands: MessageReader<ViewCommand>,
    mut pending: Local<Option<(f32, f32, f32)>>,
    sim: Res<Sim>,
    canvas: Res<Canvas>,
    area: Res<SceneArea>,
    mut framing: ResMut<Framing>,
    mut cams: Query<&mut PanOrbitCamera>,
) {
    for command in commands.read() {
        if let ViewCommand::Camera { yaw, pitch, zoom } = *command {
            *pending = Some((yaw, pitch, zoom));
        }
    }
    if cams.iter().any(|cam| !cam.initialized) {
        return;
    }
    let Some((yaw, pitch, zoom)) = pending.take() else {
        return;
    };
    let fit = fit_distance(sim.0.org.outer_radius() as f32, aspect(&canvas, &area));
    framing.fit = fit;
    for mut cam in &mut cams {
        cam.target_yaw = yaw;
        cam.target_pitch = pitch;
        cam.target_radius = (fit * (zoom / FRAMING).max(1.0)).max(cam.zoom_lower_limit);
    }
}

/// Scales the camera distance with the distance at which the organisation fits, as it
/// grows and as its view changes shape, keeping the user's zoom.
fn follow_growth(
    sim: Res<Sim>,
    canvas: Res<Canvas>,
    area: Res<SceneArea>,
    mut framing: ResMut<Framing>,
    mut cams: Query<&mut PanOrbitCamera>,
) {
    let fit = fit_distance(sim.0.org.outer_radius() as f32, aspect(&canvas, &area));
    if (fit - framing.fit).abs() < 1e-4 * fit || framing.fit <= 0.0 {
        return;
    }
    // Until the orbit camera has read its start values it would overwrite a scaled
    // target with them: a session started at a later part (`--act 6`) whose world is
    // far larger than the first part's stood inside it. Scale once it has.
    if cams.iter().any(|cam| !cam.initialized) {
        return;
    }
    let scale = fit / framing.fit;
    framing.fit = fit;
    for mut cam in &mut cams {
        cam.target_radius *= scale;
    }
}

/// Where no time passes (a recording's warm-up, before its first frame), the camera
/// cannot glide: it stands where it is going at once, so the first frame is framed.
fn settle_while_still(time: Res<Time<Real>>, mut cams: Query<&mut PanOrbitCamera>) {
    if time.delta_secs() > 0.0 {
        return;
    }
    // Before the orbit camera has read its start values, its targets are defaults.
    for mut cam in cams.iter_mut().filter(|cam| cam.initialized) {
        let (radius, yaw, pitch) = (cam.target_radius, cam.target_yaw, cam.target_pitch);
        if cam.radius != Some(radius) || cam.yaw != Some(yaw) || cam.pitch != Some(pitch) {
            cam.radius = Some(radius);
            cam.yaw = Some(yaw);
            cam.pitch = Some(pitch);
            cam.force_update = true;
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether a ball of radius `r` at `distance` fits a view of `aspect`: the angle
    /// it subtends is within both half fields of view.
    fn fits(r: f32, distance: f32, aspect: f32) -> bool {
        let half_v = PerspectiveProjection::default().fov / 2.0;
        let half_h = (aspect * half_v.tan()).atan();
        (r / distance).asin() <= half_v.min(half_h) + 1e-6
    }

    #[test]
    fn the_fitted_distance_shows_the_whole_ball_with_its_margin_in_every_shape() {
        for aspect in [16.0 / 9.0, 16.0 / 10.0, 4.0 / 3.0, 1.0, 0.6] {
            let d = fit_distance(10.0, aspect);
            assert!(fits(10.0 * MARGIN, d, aspect), "{aspect}: {d}");
            // No farther than needed: a little closer, the margin no longer fits.
            assert!(!fits(10.0 * MARGIN, d * 0.99, aspect), "{aspect}: {d}");
        }
        // A narrow view (the panel beside it, or a 4:3 projector) stands farther off.
        assert!(fit_distance(10.0, 0.7) > fit_distance(10.0, 16.0 / 9.0));
        // In a wide view the height binds, so widening it further changes nothing.
        assert_eq!(fit_distance(10.0, 2.0), fit_distance(10.0, 3.0));
    }
}
