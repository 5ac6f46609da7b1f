//! System order, in one place.
//!
//! Each tick (`FixedUpdate`) the organisation grows, then every agent takes a step.
//! Each frame (`Update`) key presses become intents and the simulation applies them, then the
//! contacts are counted, then a scenario's script reads them, then the scene and the UI
//! read the fresh counts. Plugins add their systems to these sets and order nothing
//! across them themselves.

use bevy::prelude::*;
use bevy_egui::{EguiPostUpdateSet, EguiPrimaryContextPass};
use bevy_panorbit_camera::PanOrbitCameraSystemSet;

/// The steps of one simulation tick, in `FixedUpdate`.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TickSet {
    /// Decide whether this tick runs (paused, or a single step was asked for).
    Gate,
    /// Hire, place new agents, move customers out with the surface.
    Grow,
    /// Every agent takes one random step.
    Move,
}

/// The steps of one frame, in `Update`.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FrameSet {
    /// Turn key presses into intents (the UI sends its own from egui's pass).
    Input,
    /// The simulation applies intents: reset, pause, step, new settings.
    Intent,
    /// Camera moves asked for this frame, made relative to the world as the simulation
    /// just left it (an act's new world, say), not the one before.
    Camera,
    /// Count every contact afresh and publish the stats.
    Count,
    /// A scenario's script reads the fresh counts: a target reached, an act done.
    Script,
    /// Draw: agents, lines, UI, screenshots. Reads the simulation, never steers it.
    Draw,
}

/// The steps of the panel's pass, in bevy_egui's `EguiPrimaryContextPass`.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PanelSet {
    /// Draw the panel and the overlays; the panel publishes its width.
    Draw,
    /// Fit the 3D view into the space the panel leaves, in the same frame.
    Fit,
}

/// Whether the simulation ticks this `FixedUpdate` run; [`TickSet::Gate`] sets it.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Ticking(pub bool);

/// A run condition: the tick is not paused.
pub fn ticking(t: Res<Ticking>) -> bool {
    t.0
}

/// Orders the sets. Every plugin adds its systems to one of them.
pub struct SchedulePlugin;

impl Plugin for SchedulePlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<Ticking>();
        app.configure_sets(
            FixedUpdate,
            (
                TickSet::Gate,
                (TickSet::Grow, TickSet::Move).chain().run_if(ticking),
            )
                .chain(),
        );
        app.configure_sets(
            Update,
            (
                FrameSet::Input,
                FrameSet::Intent,
                FrameSet::Camera,
                FrameSet::Count,
                FrameSet::Script,
                FrameSet::Draw,
            )
                .chain(),
        );
        app.configure_sets(
            EguiPrimaryContextPass,
            (PanelSet::Draw, PanelSet::Fit).chain(),
        );
        // The orbit camera places itself after the panel's pass, which lays the panel
        // out and fits the 3D view beside it: a frame whose layout changes (a part
        // that hides the panel) is framed for its own layout. Unordered, the two ran
        // in either order, and such a frame came out one of two ways.
        app.configure_sets(
            PostUpdate,
            PanOrbitCameraSystemSet.after(EguiPostUpdateSet::EndPass),
        );
    }
}
