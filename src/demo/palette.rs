//! Every colour bolwerk draws, in one place. Tests look for these colours in screenshots.

use bevy::prelude::*;

/// The scene's background.
pub const BACKGROUND: Color = Color::srgb(0.02, 0.03, 0.06);
/// Employees without a customer contact (the back office).
pub const BACK_OFFICE: Color = Color::srgb(0.30, 0.55, 0.95);
/// Employees with a customer contact this frame (the front office).
pub const FRONT_OFFICE: Color = Color::srgb(1.0, 0.78, 0.15);
/// Customers, outside the boundary.
pub const CUSTOMER: Color = Color::srgb(0.25, 0.90, 0.45);
/// Lines between two employees: thin and cool.
pub const INTERNAL_LINE: Color = Color::srgba(0.35, 0.65, 1.0, 0.35);
/// Lines between an employee and a customer: bright and warm.
pub const CUSTOMER_LINE: Color = Color::srgba(1.0, 0.42, 0.12, 0.95);
/// The organisation's surface: faint globe lines.
pub const BOUNDARY: Color = Color::srgba(0.75, 0.85, 1.0, 0.22);
/// The fill of the UI panel, as sRGB bytes (egui's colour type).
pub const PANEL_FILL: [u8; 3] = [24, 28, 40];
/// The measured ratio in the plot, as sRGB bytes.
pub const PLOT_MEASURED: [u8; 3] = [255, 140, 60];
/// The disc's curves in the comparison, as sRGB bytes.
pub const PLOT_DISC: [u8; 3] = [90, 170, 255];
/// The cells' curves in the comparison, as sRGB bytes.
pub const PLOT_CELLS: [u8; 3] = [110, 220, 120];
/// The rotating sphere's curves in the comparison, as sRGB bytes.
pub const PLOT_ROTATION: [u8; 3] = [220, 120, 230];
/// The theory curve in the plot, as sRGB bytes.
pub const PLOT_THEORY: [u8; 3] = [200, 200, 220];

/// Shading of an agent's vertices, top to bottom, so the flat dots read as 3D.
pub const SHADE_TOP: f32 = 1.0;
/// Shading of the agent's equator.
pub const SHADE_MIDDLE: f32 = 0.8;
/// Shading of the agent's bottom vertex.
pub const SHADE_BOTTOM: f32 = 0.6;
