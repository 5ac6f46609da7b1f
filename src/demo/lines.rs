//! Interaction lines: a fair sample of the contact pairs counted this frame (see
//! `bolwerk_model::sampling`), cool for internal contacts and warm for customer ones.

use bevy::prelude::*;
use bolwerk_model::PairKind;

use super::ViewSettings;
use super::palette::Theme;
use super::scene::{cut_direction, shown};
use crate::schedule::FrameSet;
use crate::sim::{LineSettings, SampledLines};

/// Thin lines between employees.
#[derive(Default, Reflect, GizmoConfigGroup)]
pub struct InternalLines;

/// Bolder lines between employees and customers.
#[derive(Default, Reflect, GizmoConfigGroup)]
pub struct CustomerLines;

/// The lines plugin.
pub struct LinesPlugin;

impl Plugin for LinesPlugin {
    fn build(&self, app: &mut App) {
        app.insert_gizmo_config(
            InternalLines,
            GizmoConfig {
                line: GizmoLineConfig {
                    width: 1.0,
                    ..default()
                },
                ..default()
            },
        )
        .insert_gizmo_config(
            CustomerLines,
            GizmoConfig {
                line: GizmoLineConfig {
                    width: 2.0,
                    ..default()
                },
                ..default()
            },
        )
        .add_systems(
            Update,
            (sync_line_sampling, draw_lines)
                .chain()
                .in_set(FrameSet::Draw),
        );
    }
}

/// Sampling costs a little while counting: only do it while lines are shown.
fn sync_line_sampling(view: Res<ViewSettings>, mut settings: ResMut<LineSettings>) {
    if settings.enabled != view.lines {
        settings.enabled = view.lines;
    }
}

fn draw_lines(
    view: Res<ViewSettings>,
    theme: Res<Theme>,
    lines: Res<SampledLines>,
    camera: Query<&GlobalTransform, With<Camera3d>>,
    mut internal: Gizmos<InternalLines>,
    mut customer: Gizmos<CustomerLines>,
) {
    if !view.lines {
        return;
    }
    let cut = cut_direction(&view, camera.single().ok());
    let pal = &theme.palette;
    // Shown as internal customer–supplier links, colleagues' lines change colour.
    let internal_color = if view.internal_customers {
        pal.supplier_line
    } else {
        pal.internal_line
    };
    for &(a, b, kind) in &lines.segments {
        if !(shown(a, cut) && shown(b, cut)) {
            continue;
        }
        match kind {
            PairKind::Internal => internal.line(a, b, internal_color),
            PairKind::Customer if view.customers => customer.line(a, b, pal.customer_line),
            PairKind::Customer => {}
        }
    }
}
