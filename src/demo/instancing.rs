//! All agents in one instanced draw, from a GPU buffer updated in place.
//!
//! Each frame the scene fills an [`AgentInstances`] list (position, size, colour per
//! agent) on the entity that carries the agent mesh. Extraction swaps that list into
//! the render world without copying it (the render world's list from the frame before
//! goes back to be refilled), the list is written into a vertex buffer that is only
//! reallocated when it must grow, and one draw call draws the mesh once per instance.
//! This follows Bevy's `custom_shader_instancing` example.

use bevy::asset::{embedded_asset, load_embedded_asset};
use bevy::core_pipeline::core_3d::{Transparent3d, TransparentSortingInfo3d};
use bevy::ecs::query::QueryItem;
use bevy::ecs::system::SystemParamItem;
use bevy::ecs::system::lifetimeless::{Read, SRes};
use bevy::mesh::{MeshVertexBufferLayoutRef, VertexBufferLayout};
use bevy::pbr::{
    MeshPipeline, MeshPipelineKey, MeshPipelineSystems, RenderMeshInstances, SetMeshBindGroup,
    SetMeshViewBindGroup, SetMeshViewBindingArrayBindGroup, ViewKeyCache,
};
use bevy::prelude::*;
use bevy::render::extract_component::{ExtractComponent, ExtractComponentPlugin};
use bevy::render::mesh::allocator::MeshAllocator;
use bevy::render::mesh::{RenderMesh, RenderMeshBufferInfo};
use bevy::render::render_asset::RenderAssets;
use bevy::render::render_phase::{
    AddRenderCommand, DrawFunctions, PhaseItem, PhaseItemExtraIndex, RenderCommand,
    RenderCommandResult, SetItemPipeline, TrackedRenderPass, ViewSortedRenderPhases,
};
use bevy::render::render_resource::*;
use bevy::render::renderer::{RenderDevice, RenderQueue};
use bevy::render::sync_component::SyncComponent;
use bevy::render::sync_world::MainEntity;
use bevy::render::view::ExtractedView;
use bevy::render::{ExtractSchedule, MainWorld, Render, RenderApp, RenderStartup, RenderSystems};
use bytemuck::{Pod, Zeroable};

/// One agent as the GPU draws it: 20 bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Pod, Zeroable)]
#[repr(C)]
pub struct AgentInstance {
    /// Where the agent is.
    pub position: [f32; 3],
    /// How large it is drawn.
    pub size: f32,
    /// Its colour, sRGB, 8 bits a channel, red in the lowest byte.
    pub color: u32,
}

/// The colour of an agent, packed as [`AgentInstance::color`] wants it.
pub fn pack_srgb(color: Color) -> u32 {
    let [r, g, b, a] = color.to_srgba().to_u8_array();
    u32::from_le_bytes([r, g, b, a])
}

/// The agents to draw with this entity's mesh this frame. The scene refills it every
/// frame; the list it finds there is last frame's, so its memory is reused.
#[derive(Component, Debug, Default, Clone)]
pub struct AgentInstances(pub Vec<AgentInstance>);

/// Marks an entity drawn by [`AgentInstancingPlugin`], in the render world too.
#[derive(Component, Debug, Default, Clone, Copy)]
pub struct InstancedAgents;

impl SyncComponent for InstancedAgents {
    type Target = Self;
}

impl ExtractComponent for InstancedAgents {
    type QueryData = ();
    type QueryFilter = With<InstancedAgents>;
    type Out = Self;

    fn extract_component(_: QueryItem<'_, '_, Self::QueryData>) -> Option<Self> {
        Some(InstancedAgents)
    }
}

/// Which view an instanced cloud belongs to: it is drawn only by cameras with the same
/// slot (the main view is slot 0; compared shapes take 1 to 4).
#[derive(Component, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ViewSlot(pub u8);

impl SyncComponent for ViewSlot {
    type Target = Self;
}

impl ExtractComponent for ViewSlot {
    type QueryData = &'static ViewSlot;
    type QueryFilter = ();
    type Out = Self;

    fn extract_component(slot: QueryItem<'_, '_, Self::QueryData>) -> Option<Self> {
        Some(*slot)
    }
}

/// The instance list of one entity in the render world, and its GPU buffer.
#[derive(Component)]
struct InstanceBuffer {
    data: Vec<AgentInstance>,
    buffer: Option<Buffer>,
    capacity: usize,
    length: u32,
}

/// The instancing plugin.
pub struct AgentInstancingPlugin;

impl Plugin for AgentInstancingPlugin {
    fn build(&self, app: &mut App) {
        embedded_asset!(app, "agents.wgsl");
        app.add_plugins((
            ExtractComponentPlugin::<InstancedAgents>::default(),
            ExtractComponentPlugin::<ViewSlot>::default(),
        ));
        let Some(render_app) = app.get_sub_app_mut(RenderApp) else {
            return;
        };
        render_app
            .add_render_command::<Transparent3d, DrawAgents>()
            .init_resource::<SpecializedMeshPipelines<AgentPipeline>>()
            .add_systems(RenderStartup, init_pipeline.after(MeshPipelineSystems))
            .add_systems(ExtractSchedule, swap_instances)
            .add_systems(
                Render,
                (
                    queue_agents.in_set(RenderSystems::QueueMeshes),
                    write_buffers.in_set(RenderSystems::PrepareResources),
                ),
            );
    }
}

/// Swaps each entity's fresh list into the render world, and last frame's list back.
fn swap_instances(
    mut main: ResMut<MainWorld>,
    mut commands: Commands,
    mut rendered: Query<(Entity, &MainEntity, Option<&mut InstanceBuffer>), With<InstancedAgents>>,
) {
    let mut lists = main.query::<(Entity, &mut AgentInstances)>();
    for (entity, main_entity, buffer) in &mut rendered {
        let Ok((_, mut list)) = lists.get_mut(&mut main, main_entity.id()) else {
            continue;
        };
        match buffer {
            Some(mut buffer) => std::mem::swap(&mut buffer.data, &mut list.0),
            None => {
                commands.entity(entity).insert(InstanceBuffer {
                    data: std::mem::take(&mut list.0),
                    buffer: None,
                    capacity: 0,
                    length: 0,
                });
            }
        }
    }
}

/// Writes each list into its vertex buffer, growing the buffer only when it must.
fn write_buffers(
    mut buffers: Query<&mut InstanceBuffer>,
    device: Res<RenderDevice>,
    queue: Res<RenderQueue>,
) {
    for mut b in &mut buffers {
        let needed = b.data.len().max(1);
        if b.buffer.is_none() || b.capacity < needed {
            let capacity = needed.next_power_of_two();
            b.buffer = Some(device.create_buffer(&BufferDescriptor {
                label: Some("agent instances"),
                size: (capacity * size_of::<AgentInstance>()) as u64,
                usage: BufferUsages::VERTEX | BufferUsages::COPY_DST,
                mapped_at_creation: false,
            }));
            b.capacity = capacity;
        }
        if let Some(buffer) = &b.buffer
            && !b.data.is_empty()
        {
            queue.write_buffer(buffer, 0, bytemuck::cast_slice(&b.data));
        }
        b.length = b.data.len() as u32;
    }
}

#[derive(Resource)]
struct AgentPipeline {
    shader: Handle<Shader>,
    mesh_pipeline: MeshPipeline,
}

fn init_pipeline(
    mut commands: Commands,
    asset_server: Res<AssetServer>,
    mesh_pipeline: Res<MeshPipeline>,
) {
    commands.insert_resource(AgentPipeline {
        shader: load_embedded_asset!(asset_server.as_ref(), "agents.wgsl"),
        mesh_pipeline: mesh_pipeline.clone(),
    });
}

impl SpecializedMeshPipeline for AgentPipeline {
    type Key = MeshPipelineKey;

    fn specialize(
        &self,
        key: Self::Key,
        layout: &MeshVertexBufferLayoutRef,
    ) -> Result<RenderPipelineDescriptor, SpecializedMeshPipelineError> {
        let mut descriptor = self.mesh_pipeline.specialize(key, layout)?;
        descriptor.vertex.shader = self.shader.clone();
        descriptor.vertex.buffers.push(VertexBufferLayout {
            array_stride: size_of::<AgentInstance>() as u64,
            step_mode: VertexStepMode::Instance,
            attributes: vec![
                // Locations 0–5 are the mesh's (position 0, colour 5).
                VertexAttribute {
                    format: VertexFormat::Float32x4,
                    offset: 0,
                    shader_location: 6,
                },
                VertexAttribute {
                    format: VertexFormat::Uint32,
                    offset: 16,
                    shader_location: 7,
                },
            ],
        });
        if let Some(fragment) = descriptor.fragment.as_mut() {
            fragment.shader = self.shader.clone();
        }
        Ok(descriptor)
    }
}

fn queue_agents(
    draw_functions: Res<DrawFunctions<Transparent3d>>,
    pipeline: Res<AgentPipeline>,
    mut pipelines: ResMut<SpecializedMeshPipelines<AgentPipeline>>,
    pipeline_cache: Res<PipelineCache>,
    meshes: Res<RenderAssets<RenderMesh>>,
    mesh_instances: Res<RenderMeshInstances>,
    clouds: Query<(Entity, &MainEntity, Option<&ViewSlot>), With<InstancedAgents>>,
    mut phases: ResMut<ViewSortedRenderPhases<Transparent3d>>,
    views: Query<(&ExtractedView, Option<&ViewSlot>)>,
    view_keys: Res<ViewKeyCache>,
) {
    let draw = draw_functions.read().id::<DrawAgents>();
    for (view, view_slot) in &views {
        let view_slot = view_slot.copied().unwrap_or_default();
        let Some(phase) = phases.get_mut(&view.retained_view_entity) else {
            continue;
        };
        let Some(&view_key) = view_keys.get(&view.retained_view_entity) else {
            continue;
        };
        for (entity, main_entity, slot) in &clouds {
            if slot.copied().unwrap_or_default() != view_slot {
                continue;
            }
            let Some(mesh_instance) = mesh_instances.render_mesh_queue_data(*main_entity) else {
                continue;
            };
            let Some(mesh) = meshes.get(mesh_instance.mesh_asset_id()) else {
                continue;
            };
            let key = view_key
                | MeshPipelineKey::from_primitive_topology_and_strip_index(
                    mesh.primitive_topology(),
                    mesh.index_format(),
                );
            let Ok(id) = pipelines.specialize(&pipeline_cache, &pipeline, key, &mesh.layout) else {
                continue;
            };
            phase.add_retained(Transparent3d {
                sorting_info: TransparentSortingInfo3d::Sorted {
                    mesh_center: Vec3::ZERO,
                    depth_bias: 0.0,
                },
                entity: (entity, *main_entity),
                pipeline: id,
                draw_function: draw,
                distance: 0.0,
                batch_range: 0..1,
                extra_index: PhaseItemExtraIndex::None,
                indexed: true,
            });
        }
    }
}

type DrawAgents = (
    SetItemPipeline,
    SetMeshViewBindGroup<0>,
    SetMeshViewBindingArrayBindGroup<1>,
    SetMeshBindGroup<2>,
    DrawInstanced,
);

struct DrawInstanced;

impl<P: PhaseItem> RenderCommand<P> for DrawInstanced {
    type Param = (
        SRes<RenderAssets<RenderMesh>>,
        SRes<RenderMeshInstances>,
        SRes<MeshAllocator>,
    );
    type ViewQuery = ();
    type ItemQuery = Read<InstanceBuffer>;

    #[inline]
    fn render<'w>(
        item: &P,
        _view: (),
        instances: Option<&'w InstanceBuffer>,
        (meshes, mesh_instances, mesh_allocator): SystemParamItem<'w, '_, Self::Param>,
        pass: &mut TrackedRenderPass<'w>,
    ) -> RenderCommandResult {
        let mesh_allocator = mesh_allocator.into_inner();
        let Some(mesh_instance) = mesh_instances.render_mesh_queue_data(item.main_entity()) else {
            return RenderCommandResult::Skip;
        };
        let Some(gpu_mesh) = meshes.into_inner().get(mesh_instance.mesh_asset_id()) else {
            return RenderCommandResult::Skip;
        };
        let Some(instances) = instances.filter(|i| i.length > 0) else {
            return RenderCommandResult::Skip;
        };
        let Some(buffer) = &instances.buffer else {
            return RenderCommandResult::Skip;
        };
        let Some(vertices) = mesh_allocator.mesh_vertex_slice(&mesh_instance.mesh_asset_id())
        else {
            return RenderCommandResult::Skip;
        };
        pass.set_vertex_buffer(0, vertices.buffer.slice(..));
        pass.set_vertex_buffer(1, buffer.slice(..));
        match &gpu_mesh.buffer_info {
            RenderMeshBufferInfo::Indexed {
                index_format,
                count,
            } => {
                let Some(indices) = mesh_allocator.mesh_index_slice(&mesh_instance.mesh_asset_id())
                else {
                    return RenderCommandResult::Skip;
                };
                pass.set_index_buffer(indices.buffer.slice(..), *index_format);
                pass.draw_indexed(
                    indices.range.start..(indices.range.start + count),
                    vertices.range.start as i32,
                    0..instances.length,
                );
            }
            RenderMeshBufferInfo::NonIndexed => {
                pass.draw(vertices.range, 0..instances.length);
            }
        }
        RenderCommandResult::Success
    }
}
