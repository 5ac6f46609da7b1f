//! Detects a software renderer (lavapipe, llvmpipe, SwiftShader) and picks settings that
//! keep it usable: no MSAA and no shadows. Logs one line when it does.

use bevy::prelude::*;
use bevy::render::renderer::RenderAdapterInfo;

use crate::show::options::{AgentStyle, ShowOptions};

/// Whether the GPU adapter renders on the CPU; set once the renderer is up.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SoftwareRenderer(pub bool);

/// The adapter-detection plugin.
pub struct SoftwarePlugin;

impl Plugin for SoftwarePlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<SoftwareRenderer>()
            .add_systems(PostStartup, detect);
    }
}

/// True for adapters that run on the CPU.
pub fn is_software(device_type: &str, name: &str) -> bool {
    // wgpu reports lavapipe as `DeviceType::Cpu`; the names catch drivers that don't.
    let name = name.to_ascii_lowercase();
    device_type == "Cpu"
        || ["llvmpipe", "lavapipe", "swiftshader", "softpipe"]
            .iter()
            .any(|s| name.contains(s))
}

fn detect(
    info: Option<Res<RenderAdapterInfo>>,
    options: Res<ShowOptions>,
    mut software: ResMut<SoftwareRenderer>,
    mut cameras: Query<&mut Msaa, With<Camera>>,
    mut lights: Query<&mut DirectionalLight>,
) {
    let Some(info) = info else { return };
    let device_type = format!("{:?}", info.device_type);
    if !is_software(&device_type, &info.name) {
        return;
    }
    software.0 = true;
    // The naive baseline keeps its MSAA: it exists to show what that costs. All cameras
    // (scene and UI) draw into one window, so they keep one MSAA setting.
    if options.agents == AgentStyle::Cloud {
        for mut msaa in &mut cameras {
            *msaa = Msaa::Off;
        }
    }
    for mut light in &mut lights {
        light.shadow_maps_enabled = false;
    }
    info!(
        "software renderer ({}): MSAA and shadows off to keep it responsive",
        info.name
    );
}

#[cfg(test)]
mod tests {
    use super::is_software;

    #[test]
    fn software_adapters_are_recognised() {
        assert!(is_software("Cpu", "llvmpipe (LLVM 15.0.6, 256 bits)"));
        assert!(is_software("Other", "SwiftShader Device"));
        assert!(!is_software("DiscreteGpu", "NVIDIA H100 80GB HBM3"));
    }
}
