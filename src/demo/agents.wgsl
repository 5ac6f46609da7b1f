// Agents, all in one instanced draw: the mesh is one small octahedron whose vertex
// colours carry a grey shade (lighter on top), and each instance puts it at an
// agent's position, at a size, in the agent's sRGB colour.

#import bevy_pbr::view_transformations::position_world_to_clip

struct Vertex {
    @location(0) position: vec3<f32>,
    @location(5) shade: vec4<f32>,
    // Per instance: xyz = position, w = size.
    @location(6) i_pos_size: vec4<f32>,
    // Per instance: sRGB colour, 8 bits a channel.
    @location(7) i_color: u32,
};

struct VertexOutput {
    @builtin(position) clip_position: vec4<f32>,
    @location(0) color: vec4<f32>,
};

fn srgb_to_linear(c: vec3<f32>) -> vec3<f32> {
    let low = c / 12.92;
    let high = pow((c + vec3(0.055)) / 1.055, vec3(2.4));
    return select(high, low, c <= vec3(0.04045));
}

@vertex
fn vertex(v: Vertex) -> VertexOutput {
    let world = v.position * v.i_pos_size.w + v.i_pos_size.xyz;
    let srgb = unpack4x8unorm(v.i_color);
    var out: VertexOutput;
    out.clip_position = position_world_to_clip(world);
    // Shade in linear light, as the mesh it replaces did.
    out.color = vec4(srgb_to_linear(srgb.rgb) * v.shade.r, 1.0);
    return out;
}

@fragment
fn fragment(in: VertexOutput) -> @location(0) vec4<f32> {
    return in.color;
}
