// Contact lines, all in one instanced draw: the mesh is one quad (x across the line in
// -0.5..0.5, y along it in 0..1), and each instance stretches it between two points,
// a fixed number of pixels wide, in a translucent sRGB colour. The screen-space
// expansion is that of Bevy's gizmo lines (bevy_gizmos_render's lines.wgsl), so the
// lines look as the gizmos that drew them before did.

#import bevy_pbr::mesh_view_bindings::view

struct Vertex {
    @location(0) position: vec3<f32>,
    // Per instance: xyz = one end, w = width in pixels.
    @location(6) i_a_width: vec4<f32>,
    // Per instance: the other end.
    @location(7) i_b: vec3<f32>,
    // Per instance: sRGB colour and alpha, 8 bits a channel.
    @location(8) i_color: u32,
};

struct VertexOutput {
    @builtin(position) clip_position: vec4<f32>,
    @location(0) color: vec4<f32>,
};

const EPSILON: f32 = 4.88e-04;

fn srgb_to_linear(c: vec3<f32>) -> vec3<f32> {
    let low = c / 12.92;
    let high = pow((c + vec3(0.055)) / 1.055, vec3(2.4));
    return select(high, low, c <= vec3(0.04045));
}

// Moves `a` onto the near plane if it is behind it and `b` is in front.
fn clip_near_plane(a: vec4<f32>, b: vec4<f32>) -> vec4<f32> {
    if a.z > a.w && b.z <= b.w {
        let distance_a = a.z - a.w;
        let distance_b = b.z - b.w;
        let t = distance_a / (distance_a - distance_b) + EPSILON;
        return mix(a, b, t);
    }
    return a;
}

@vertex
fn vertex(v: Vertex) -> VertexOutput {
    var clip_a = view.clip_from_world * vec4(v.i_a_width.xyz, 1.0);
    var clip_b = view.clip_from_world * vec4(v.i_b, 1.0);
    clip_a = clip_near_plane(clip_a, clip_b);
    clip_b = clip_near_plane(clip_b, clip_a);
    let clip = mix(clip_a, clip_b, v.position.y);

    let resolution = view.viewport.zw;
    let screen_a = resolution * (0.5 * clip_a.xy / clip_a.w + 0.5);
    let screen_b = resolution * (0.5 * clip_b.xy / clip_b.w + 0.5);
    let y_basis = normalize(screen_b - screen_a);
    let x_basis = vec2(-y_basis.y, y_basis.x);

    let srgba = unpack4x8unorm(v.i_color);
    var color = vec4(srgb_to_linear(srgba.rgb), srgba.a);
    var width = v.i_a_width.w;
    // Thinner than a pixel: a pixel wide, fainter.
    if width > 0.0 && width < 1.0 {
        color.a *= width;
        width = 1.0;
    }
    let screen = mix(screen_a, screen_b, v.position.y) + width * v.position.x * x_basis;

    var out: VertexOutput;
    out.clip_position = vec4(clip.w * ((2.0 * screen) / resolution - 1.0), clip.z, clip.w);
    out.color = color;
    return out;
}

@fragment
fn fragment(in: VertexOutput) -> @location(0) vec4<f32> {
    return in.color;
}
