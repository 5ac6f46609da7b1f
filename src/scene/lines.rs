//! Interaction lines: a fair sample of the contact pairs counted this frame (see
//! `bolwerk_model::sampling`), cool for internal contacts and warm for customer ones.
//! They are drawn in one instanced draw from a buffer reused every frame
//! (`instancing.rs`), not as gizmos, which rebuilt their buffers every frame.

use bevy::asset::RenderAssetUsages;
use bevy::camera::visibility::NoFrustumCulling;
use bevy::mesh::PrimitiveTopology;
use bevy::prelude::*;
use bolwerk_model::PairKind;

use super::agents::{cut_direction, shown};
use super::instancing::{Instanced, Instances, LineInstance, Lines, pack_srgb};
use super::layout::SceneArea;
use crate::intent::{Canvas, ViewSettings};
use crate::look::palette::Theme;
use crate::schedule::FrameSet;
use crate::sim::SampledLines;

/// The width of a line between employees, in pixels.
const INTERNAL_WIDTH: f32 = 1.0;
/// The width of a line between an employee and a customer, in pixels: bolder.
const CUSTOMER_WIDTH: f32 = 2.0;
/// At most one line between employees is drawn per this many pixels of the picture:
/// more only thickens a haze over the organisation. The customer lines, which carry
/// the point, are all drawn.
const PIXELS_PER_INTERNAL_LINE: u32 = 60;

/// The lines plugin.
pub struct LinesPlugin;

impl Plugin for LinesPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(Startup, spawn_lines)
            .add_systems(Update, draw_lines.in_set(FrameSet::Draw));
    }
}

/// The one entity that carries every line.
#[derive(Component)]
struct LineSet;

/// The quad each line stretches: x across the line (−0.5 to 0.5 of its width), y along
/// it (0 at one end, 1 at the other), two triangles.
fn line_quad() -> Mesh {
    let corners = [
        [-0.5, 0.0, 0.0],
        [-0.5, 1.0, 0.0],
        [0.5, 1.0, 0.0],
        [-0.5, 0.0, 0.0],
        [0.5, 1.0, 0.0],
        [0.5, 0.0, 0.0],
    ];
    Mesh::new(
        PrimitiveTopology::TriangleList,
        RenderAssetUsages::RENDER_WORLD,
    )
    .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, corners.to_vec())
}

fn spawn_lines(mut commands: Commands, mut meshes: ResMut<Assets<Mesh>>) {
    commands.spawn((
        Name::new("Contact lines"),
        LineSet,
        Instanced::<Lines>::default(),
        Instances::<Lines>::default(),
        Mesh3d(meshes.add(line_quad())),
        Transform::default(),
        Visibility::default(),
        // The lines move every frame; the quad's own bounds say nothing.
        NoFrustumCulling,
    ));
}

/// Fills the line list from this frame's sample.
fn draw_lines(
    view: Res<ViewSettings>,
    theme: Res<Theme>,
    canvas: Res<Canvas>,
    area: Res<SceneArea>,
    lines: Res<SampledLines>,
    camera: Query<&GlobalTransform, With<Camera3d>>,
    mut set: Query<&mut Instances<Lines>, With<LineSet>>,
) {
    let Ok(mut list) = set.single_mut() else {
        return;
    };
    let list = &mut list.0;
    list.clear();
    if !view.lines {
        return;
    }
    let cut = cut_direction(&view, camera.single().ok());
    let pal = &theme.palette;
    // Shown as internal customer–supplier links, colleagues' lines change colour.
    let internal = pack_srgb(if view.internal_customers {
        pal.supplier_line
    } else {
        pal.internal_line
    });
    let customer = pack_srgb(pal.customer_line);
    let line = |a: Vec3, b: Vec3, width: f32, color: u32| LineInstance {
        a: a.to_array(),
        width,
        b: b.to_array(),
        color,
    };
    let shown_of = |kind: PairKind| {
        lines
            .segments
            .iter()
            .filter(move |&&(a, b, k)| k == kind && shown(a, cut) && shown(b, cut))
    };
    // An even share of the sample, as many as the picture's size allows.
    let (_, size) = area.rect(canvas.size);
    let budget = (size.x * size.y / PIXELS_PER_INTERNAL_LINE) as usize;
    let kept = evenly(shown_of(PairKind::Internal).count(), budget);
    // Customer lines last, over the fainter internal ones, as the gizmos drew them.
    list.extend(
        shown_of(PairKind::Internal)
            .enumerate()
            .filter(|&(i, _)| kept(i))
            .map(|(_, &(a, b, _))| line(a, b, INTERNAL_WIDTH, internal)),
    );
    if view.customers {
        list.extend(
            shown_of(PairKind::Customer).map(|&(a, b, _)| line(a, b, CUSTOMER_WIDTH, customer)),
        );
    }
}

/// Which of `count` items to keep so that `min(count, budget)` remain, spread evenly:
/// item `i` is kept where `i × budget / count` steps up.
fn evenly(count: usize, budget: usize) -> impl Fn(usize) -> bool {
    move |i| count <= budget || (i + 1) * budget / count > i * budget / count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evenly_keeps_exactly_the_budget_spread_over_the_whole() {
        for (count, budget) in [(20_000, 11_280), (20_000, 10_001), (7, 3), (100, 0)] {
            let kept: Vec<usize> = (0..count).filter(|&i| evenly(count, budget)(i)).collect();
            assert_eq!(kept.len(), budget.min(count), "{count} {budget}");
            if budget > 1 {
                // No gap is much wider than the average.
                let widest = kept.windows(2).map(|w| w[1] - w[0]).max().unwrap();
                assert!(
                    widest <= count.div_ceil(budget),
                    "{count} {budget}: {widest}"
                );
            }
        }
        assert!((0..50).all(evenly(50, 80)), "under the budget, all stay");
    }
}
