//! Every colour bolwerk draws, in one place: the dark screen theme and the light,
//! high-contrast projector theme. Tests look for these colours in screenshots.

use bevy::prelude::*;

/// The colours of one theme.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    /// The scene's background.
    pub background: Color,
    /// Employees without a customer contact (the back office).
    pub back_office: Color,
    /// Employees with a customer contact this frame (the front office).
    pub front_office: Color,
    /// Customers, outside the boundary.
    pub customer: Color,
    /// Lines between two employees.
    pub internal_line: Color,
    /// Lines between two employees, shown as internal customer–supplier links.
    pub supplier_line: Color,
    /// Lines between an employee and a customer.
    pub customer_line: Color,
    /// The organisation's surface.
    pub boundary: Color,
    /// The panel's fill, as sRGB bytes (egui's colour type).
    pub panel_fill: [u8; 3],
    /// Text on the panel and captions, as sRGB bytes.
    pub text: [u8; 3],
    /// The measured ratio (and the sphere in comparisons), as sRGB bytes.
    pub plot_measured: [u8; 3],
    /// The theory curve, as sRGB bytes.
    pub plot_theory: [u8; 3],
    /// The disc in comparisons, as sRGB bytes.
    pub plot_disc: [u8; 3],
    /// The cells in comparisons, as sRGB bytes.
    pub plot_cells: [u8; 3],
    /// The rotating sphere in comparisons, as sRGB bytes.
    pub plot_rotation: [u8; 3],
    /// Whether the theme is light (egui's light visuals).
    pub light: bool,
}

/// The screen theme: dark, for monitors.
pub const DARK: Palette = Palette {
    background: Color::srgb(0.02, 0.03, 0.06),
    back_office: Color::srgb(0.30, 0.55, 0.95),
    front_office: Color::srgb(1.0, 0.78, 0.15),
    customer: Color::srgb(0.25, 0.90, 0.45),
    internal_line: Color::srgba(0.35, 0.65, 1.0, 0.35),
    supplier_line: Color::srgba(0.85, 0.35, 0.95, 0.55),
    customer_line: Color::srgba(1.0, 0.42, 0.12, 0.95),
    boundary: Color::srgba(0.75, 0.85, 1.0, 0.22),
    panel_fill: [24, 28, 40],
    text: [230, 232, 240],
    plot_measured: [255, 140, 60],
    plot_theory: [200, 200, 220],
    plot_disc: [90, 170, 255],
    plot_cells: [110, 220, 120],
    plot_rotation: [220, 120, 230],
    light: false,
};

/// The projector theme: a light background and saturated, darker colours, which hold
/// up in a lit room and on a washed-out projector.
pub const PROJECTOR: Palette = Palette {
    background: Color::srgb(0.97, 0.97, 0.95),
    back_office: Color::srgb(0.05, 0.25, 0.70),
    front_office: Color::srgb(0.85, 0.45, 0.0),
    customer: Color::srgb(0.0, 0.55, 0.20),
    internal_line: Color::srgba(0.10, 0.30, 0.75, 0.30),
    supplier_line: Color::srgba(0.55, 0.0, 0.65, 0.55),
    customer_line: Color::srgba(0.85, 0.20, 0.0, 0.95),
    boundary: Color::srgba(0.1, 0.1, 0.2, 0.35),
    panel_fill: [245, 245, 240],
    text: [10, 10, 20],
    plot_measured: [200, 80, 0],
    plot_theory: [60, 60, 80],
    plot_disc: [0, 90, 200],
    plot_cells: [0, 130, 50],
    plot_rotation: [150, 0, 170],
    light: true,
};

/// Shading of an agent's vertices, top to bottom, so the flat dots read as 3D.
pub const SHADE_TOP: f32 = 1.0;
/// Shading of the agent's equator.
pub const SHADE_MIDDLE: f32 = 0.8;
/// Shading of the agent's bottom vertex.
pub const SHADE_BOTTOM: f32 = 0.6;

/// The themes by name, for the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemeName {
    /// Light and high-contrast, for a projector in a lit room.
    Projector,
    /// Dark, for a screen.
    Screen,
}

impl ThemeName {
    /// The theme's colours.
    pub fn palette(self) -> Palette {
        match self {
            ThemeName::Projector => PROJECTOR,
            ThemeName::Screen => DARK,
        }
    }
}

/// The theme in use, and how large the interface's text is.
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    /// The colours.
    pub palette: Palette,
    /// A multiple of the usual text size (the presenter's font scale).
    pub font_scale: f32,
}

impl Default for Theme {
    fn default() -> Self {
        Self {
            palette: DARK,
            font_scale: 1.0,
        }
    }
}
