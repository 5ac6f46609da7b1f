// Agents, all in one instanced draw, as impostor spheres: the mesh is one quad (x and y
// in -1..1), and each instance turns it to face the camera at an agent's position, one
// sphere across (two radii), in the agent's sRGB colour. The fragment shader keeps the
// disc inside the quad, shades it as a sphere lit from the upper left, and writes the
// sphere's own depth, so agents that overlap cut into each other as balls do. Molecular
// viewers draw atoms this way: a quad per sphere is cheaper than a mesh, and round at
// every zoom.

#import bevy_pbr::mesh_view_bindings::view

struct Vertex {
    // The quad's corner, in -1..1.
    @location(0) position: vec3<f32>,
    // Per instance: xyz = position, w = radius.
    @location(6) i_pos_size: vec4<f32>,
    // Per instance: sRGB colour, 8 bits a channel.
    @location(7) i_color: u32,
};

struct VertexOutput {
    @builtin(position) clip_position: vec4<f32>,
    // Linear colour.
    @location(0) color: vec3<f32>,
    // Where in the quad, in -1..1.
    @location(1) corner: vec2<f32>,
    // The sphere's centre in view space, and its radius.
    @location(2) center_radius: vec4<f32>,
};

struct FragmentOutput {
    @location(0) color: vec4<f32>,
    @builtin(frag_depth) depth: f32,
};

// Towards the light, in view space (x right, y up, z towards the viewer).
const LIGHT: vec3<f32> = vec3(-0.42, 0.56, 0.71);
// The darkest a shaded side gets, as a share of the colour.
const AMBIENT: f32 = 0.5;

fn srgb_to_linear(c: vec3<f32>) -> vec3<f32> {
    let low = c / 12.92;
    let high = pow((c + vec3(0.055)) / 1.055, vec3(2.4));
    return select(high, low, c <= vec3(0.04045));
}

@vertex
fn vertex(v: Vertex) -> VertexOutput {
    let radius = v.i_pos_size.w;
    let center = (view.view_from_world * vec4(v.i_pos_size.xyz, 1.0)).xyz;
    let corner = center + vec3(v.position.xy * radius, 0.0);
    var out: VertexOutput;
    out.clip_position = view.clip_from_view * vec4(corner, 1.0);
    out.color = srgb_to_linear(unpack4x8unorm(v.i_color).rgb);
    out.corner = v.position.xy;
    out.center_radius = vec4(center, radius);
    return out;
}

@fragment
fn fragment(in: VertexOutput) -> FragmentOutput {
    let r2 = dot(in.corner, in.corner);
    if r2 > 1.0 {
        discard;
    }
    let normal = vec3(in.corner, sqrt(1.0 - r2));
    let shade = AMBIENT + (1.0 - AMBIENT) * max(dot(normal, normalize(LIGHT)), 0.0);
    let surface = in.center_radius.xyz + normal * in.center_radius.w;
    let clip = view.clip_from_view * vec4(surface, 1.0);
    var out: FragmentOutput;
    out.color = vec4(in.color * shade, 1.0);
    out.depth = clip.z / clip.w;
    return out;
}
