//! All agents in one instanced draw, and all contact lines in another, each from a GPU
//! buffer updated in place.
//!
//! Each frame the scene fills an [`AgentInstances`] list (position, size, colour per
//! agent) on the entity that carries the agent mesh, and the lines plugin fills an
//! [`Instances<Lines>`] list (two ends, width, colour per line) on the entity that
//! carries the line quad. Extraction swaps each list into the render world without
//! copying it (the render world's list from the frame before goes back to be
//! refilled), the list is written into a vertex buffer that is only reallocated when
//! it must grow, and one draw call draws the mesh once per instance. This follows
//! Bevy's `custom_shader_instancing` example; the line shader follows Bevy's gizmo
//! lines, so the lines look as the gizmos drew them.

use bevy::asset::{embedded_asset, load_embedded_asset};
use bevy::core_pipeline::core_3d::{Transparent3d, TransparentSortingInfo3d};
use bevy::ecs::query::QueryItem;
use bevy::ecs::system::lifetimeless::{Read, SRes};
use bevy::ecs::system::{SystemParam, SystemParamItem};
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
use std::marker::PhantomData;

/// One kind of instanced draw: what one instance holds and how the shader reads it.
/// Each kind has its own pipeline and its own buffer per entity; the machinery is shared.
pub trait InstanceKind: Send + Sync + 'static {
    /// One instance as the GPU reads it.
    type Instance: Pod + Send + Sync + std::fmt::Debug;
    /// The buffer's label, for GPU debuggers.
    const LABEL: &'static str;
    /// Extra pipeline key bits (blending), on top of the view's and the mesh's.
    const KEY: MeshPipelineKey;
    /// Added to each item's sorting distance, to draw this kind after another.
    const DRAW_AFTER: f32;
    /// How an instance maps to shader locations (6 and up; 0–5 are the mesh's).
    fn attributes() -> Vec<VertexAttribute>;
    /// The kind's shader (vertex and fragment).
    fn shader(assets: &AssetServer) -> Handle<Shader>;
}

/// Agents: a small mesh at each agent's position, at a size, in the agent's colour.
pub struct Agents;

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

impl InstanceKind for Agents {
    type Instance = AgentInstance;
    const LABEL: &'static str = "agent instances";
    const KEY: MeshPipelineKey = MeshPipelineKey::NONE;
    const DRAW_AFTER: f32 = 0.0;

    fn attributes() -> Vec<VertexAttribute> {
        // position and size; colour
        instance_attributes(&[VertexFormat::Float32x4, VertexFormat::Uint32])
    }

    fn shader(assets: &AssetServer) -> Handle<Shader> {
        load_embedded_asset!(assets, "agents.wgsl")
    }
}

/// Contact lines: a quad between two points, a fixed number of pixels wide, blended.
pub struct Lines;

/// One line as the GPU draws it: 32 bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Pod, Zeroable)]
#[repr(C)]
pub struct LineInstance {
    /// One end.
    pub a: [f32; 3],
    /// Its width in pixels.
    pub width: f32,
    /// The other end.
    pub b: [f32; 3],
    /// Its colour with alpha, sRGB, 8 bits a channel, red in the lowest byte.
    pub color: u32,
}

impl InstanceKind for Lines {
    type Instance = LineInstance;
    const LABEL: &'static str = "line instances";
    const KEY: MeshPipelineKey = MeshPipelineKey::BLEND_ALPHA;
    // Over the agents, as the gizmo lines were.
    const DRAW_AFTER: f32 = 1.0;

    fn attributes() -> Vec<VertexAttribute> {
        // one end and width; the other end; colour
        instance_attributes(&[
            VertexFormat::Float32x4,
            VertexFormat::Float32x3,
            VertexFormat::Uint32,
        ])
    }

    fn shader(assets: &AssetServer) -> Handle<Shader> {
        load_embedded_asset!(assets, "lines.wgsl")
    }
}

/// The instance attributes of fields of these formats, in order and without padding
/// between them (as the `#[repr(C)]` instance structs lay them out), at shader
/// locations 6, 7, …: each offset follows from the sizes before it.
fn instance_attributes(formats: &[VertexFormat]) -> Vec<VertexAttribute> {
    let mut offset = 0;
    formats
        .iter()
        .zip(6..)
        .map(|(&format, shader_location)| {
            let attribute = VertexAttribute {
                format,
                offset,
                shader_location,
            };
            offset += format.size();
            attribute
        })
        .collect()
}

/// The colour of an instance, packed as the shaders want it.
pub fn pack_srgb(color: Color) -> u32 {
    let [r, g, b, a] = color.to_srgba().to_u8_array();
    u32::from_le_bytes([r, g, b, a])
}

/// What to draw with this entity's mesh this frame. Its owner refills it every frame;
/// the list it finds there is last frame's, so its memory is reused.
#[derive(Component, Debug)]
pub struct Instances<K: InstanceKind>(pub Vec<K::Instance>);

impl<K: InstanceKind> Default for Instances<K> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

/// The agents to draw with this entity's mesh.
pub type AgentInstances = Instances<Agents>;

/// Marks an entity drawn by [`InstancingPlugin`] as kind `K`, in the render world too.
#[derive(Component, Debug)]
pub struct Instanced<K: InstanceKind>(PhantomData<K>);

impl<K: InstanceKind> Default for Instanced<K> {
    fn default() -> Self {
        Self(PhantomData)
    }
}

impl<K: InstanceKind> Clone for Instanced<K> {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl<K: InstanceKind> SyncComponent for Instanced<K> {
    type Target = Self;
}

impl<K: InstanceKind> ExtractComponent for Instanced<K> {
    type QueryData = ();
    type QueryFilter = With<Instanced<K>>;
    type Out = Self;

    fn extract_component(_: QueryItem<'_, '_, Self::QueryData>) -> Option<Self> {
        Some(Self::default())
    }
}

/// Which view an instanced entity belongs to: it is drawn only by cameras with the same
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
struct InstanceBuffer<K: InstanceKind> {
    data: Vec<K::Instance>,
    buffer: Option<Buffer>,
    capacity: usize,
    length: u32,
}

/// Instanced drawing of agents and of lines.
pub struct InstancingPlugin;

impl Plugin for InstancingPlugin {
    fn build(&self, app: &mut App) {
        embedded_asset!(app, "agents.wgsl");
        embedded_asset!(app, "lines.wgsl");
        app.add_plugins(ExtractComponentPlugin::<ViewSlot>::default());
        add_kind::<Agents>(app);
        add_kind::<Lines>(app);
    }
}

/// Registers one kind's extraction, pipeline, buffers and draw command.
fn add_kind<K: InstanceKind>(app: &mut App) {
    app.add_plugins(ExtractComponentPlugin::<Instanced<K>>::default());
    let Some(render_app) = app.get_sub_app_mut(RenderApp) else {
        return;
    };
    render_app
        .add_render_command::<Transparent3d, DrawKind<K>>()
        .init_resource::<SpecializedMeshPipelines<InstancePipeline<K>>>()
        .add_systems(RenderStartup, init_pipeline::<K>.after(MeshPipelineSystems))
        .add_systems(ExtractSchedule, swap_instances::<K>)
        .add_systems(
            Render,
            (
                queue::<K>.in_set(RenderSystems::QueueMeshes),
                write_buffers::<K>.in_set(RenderSystems::PrepareResources),
            ),
        );
}

/// Swaps each entity's fresh list into the render world, and last frame's list back.
fn swap_instances<K: InstanceKind>(
    mut main: ResMut<MainWorld>,
    mut commands: Commands,
    mut rendered: Query<(Entity, &MainEntity, Option<&mut InstanceBuffer<K>>), With<Instanced<K>>>,
) {
    let mut lists = main.query::<(Entity, &mut Instances<K>)>();
    for (entity, main_entity, buffer) in &mut rendered {
        let Ok((_, mut list)) = lists.get_mut(&mut main, main_entity.id()) else {
            continue;
        };
        match buffer {
            Some(mut buffer) => std::mem::swap(&mut buffer.data, &mut list.0),
            None => {
                commands.entity(entity).insert(InstanceBuffer::<K> {
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
fn write_buffers<K: InstanceKind>(
    mut buffers: Query<&mut InstanceBuffer<K>>,
    device: Res<RenderDevice>,
    queue: Res<RenderQueue>,
) {
    for mut b in &mut buffers {
        let needed = b.data.len().max(1);
        if b.buffer.is_none() || b.capacity < needed {
            let capacity = needed.next_power_of_two();
            b.buffer = Some(device.create_buffer(&BufferDescriptor {
                label: Some(K::LABEL),
                size: (capacity * size_of::<K::Instance>()) as u64,
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
struct InstancePipeline<K: InstanceKind> {
    shader: Handle<Shader>,
    mesh_pipeline: MeshPipeline,
    kind: PhantomData<K>,
}

fn init_pipeline<K: InstanceKind>(
    mut commands: Commands,
    asset_server: Res<AssetServer>,
    mesh_pipeline: Res<MeshPipeline>,
) {
    commands.insert_resource(InstancePipeline::<K> {
        shader: K::shader(asset_server.as_ref()),
        mesh_pipeline: mesh_pipeline.clone(),
        kind: PhantomData,
    });
}

impl<K: InstanceKind> SpecializedMeshPipeline for InstancePipeline<K> {
    type Key = MeshPipelineKey;

    fn specialize(
        &self,
        key: Self::Key,
        layout: &MeshVertexBufferLayoutRef,
    ) -> Result<RenderPipelineDescriptor, SpecializedMeshPipelineError> {
        let mut descriptor = self.mesh_pipeline.specialize(key, layout)?;
        descriptor.vertex.shader = self.shader.clone();
        descriptor.vertex.buffers.push(VertexBufferLayout {
            array_stride: size_of::<K::Instance>() as u64,
            step_mode: VertexStepMode::Instance,
            attributes: K::attributes(),
        });
        if let Some(fragment) = descriptor.fragment.as_mut() {
            fragment.shader = self.shader.clone();
        }
        Ok(descriptor)
    }
}

/// The render world's pipelines and meshes that queueing an instanced draw reads.
#[derive(SystemParam)]
struct QueueInputs<'w, K: InstanceKind> {
    draw_functions: Res<'w, DrawFunctions<Transparent3d>>,
    pipeline: Res<'w, InstancePipeline<K>>,
    pipelines: ResMut<'w, SpecializedMeshPipelines<InstancePipeline<K>>>,
    pipeline_cache: Res<'w, PipelineCache>,
    meshes: Res<'w, RenderAssets<RenderMesh>>,
    mesh_instances: Res<'w, RenderMeshInstances>,
    view_keys: Res<'w, ViewKeyCache>,
}

/// Queues each instanced entity's draw in the views of its slot.
fn queue<K: InstanceKind>(
    inputs: QueueInputs<K>,
    drawn: Query<(Entity, &MainEntity, Option<&ViewSlot>), With<Instanced<K>>>,
    mut phases: ResMut<ViewSortedRenderPhases<Transparent3d>>,
    views: Query<(&ExtractedView, Option<&ViewSlot>)>,
) {
    let QueueInputs {
        draw_functions,
        pipeline,
        mut pipelines,
        pipeline_cache,
        meshes,
        mesh_instances,
        view_keys,
    } = inputs;
    let draw = draw_functions.read().id::<DrawKind<K>>();
    for (view, view_slot) in &views {
        let view_slot = view_slot.copied().unwrap_or_default();
        let Some(phase) = phases.get_mut(&view.retained_view_entity) else {
            continue;
        };
        let Some(&view_key) = view_keys.get(&view.retained_view_entity) else {
            continue;
        };
        for (entity, main_entity, slot) in &drawn {
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
                | K::KEY
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
                    depth_bias: K::DRAW_AFTER,
                },
                entity: (entity, *main_entity),
                pipeline: id,
                draw_function: draw,
                distance: 0.0,
                batch_range: 0..1,
                extra_index: PhaseItemExtraIndex::None,
                indexed: mesh.indexed(),
            });
        }
    }
}

type DrawKind<K> = (
    SetItemPipeline,
    SetMeshViewBindGroup<0>,
    SetMeshViewBindingArrayBindGroup<1>,
    SetMeshBindGroup<2>,
    DrawInstanced<K>,
);

struct DrawInstanced<K>(PhantomData<K>);

impl<P: PhaseItem, K: InstanceKind> RenderCommand<P> for DrawInstanced<K> {
    type Param = (
        SRes<RenderAssets<RenderMesh>>,
        SRes<RenderMeshInstances>,
        SRes<MeshAllocator>,
    );
    type ViewQuery = ();
    type ItemQuery = Read<InstanceBuffer<K>>;

    #[inline]
    fn render<'w>(
        item: &P,
        _view: (),
        instances: Option<&'w InstanceBuffer<K>>,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Each kind's attributes cover its instance struct exactly: no field left out,
    /// none read past the end.
    #[test]
    fn instance_attributes_cover_each_instance_struct() {
        fn covered<K: InstanceKind>() -> u64 {
            K::attributes()
                .iter()
                .map(|a| a.offset + a.format.size())
                .max()
                .unwrap_or(0)
        }
        assert_eq!(covered::<Agents>(), size_of::<AgentInstance>() as u64);
        assert_eq!(covered::<Lines>(), size_of::<LineInstance>() as u64);
        let lines = Lines::attributes();
        let offsets: Vec<u64> = lines.iter().map(|a| a.offset).collect();
        assert_eq!(offsets, [0, 16, 28]);
        let locations: Vec<u32> = lines.iter().map(|a| a.shader_location).collect();
        assert_eq!(locations, [6, 7, 8]);
    }
}
