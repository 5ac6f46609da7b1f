//! Every colour bolwerk draws, in one place and one type (Bevy's [`Color`]): the dark
//! screen theme and the light, high-contrast projector theme. Tests look for these
//! colours in screenshots. [`egui_color`] hands them to the panel.

use bevy::prelude::*;
use bevy_egui::egui;

use crate::sim::compare::CompareKind;

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
    /// The panel's fill.
    pub panel_fill: Color,
    /// Text on the panel and captions.
    pub text: Color,
    /// The measured ratio (and the sphere in comparisons).
    pub plot_measured: Color,
    /// The theory curve.
    pub plot_theory: Color,
    /// The disc in comparisons.
    pub plot_disc: Color,
    /// The cells in comparisons.
    pub plot_cells: Color,
    /// The rotating sphere in comparisons.
    pub plot_rotation: Color,
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
    panel_fill: Color::srgb_u8(24, 28, 40),
    text: Color::srgb_u8(230, 232, 240),
    plot_measured: Color::srgb_u8(255, 140, 60),
    plot_theory: Color::srgb_u8(200, 200, 220),
    plot_disc: Color::srgb_u8(90, 170, 255),
    plot_cells: Color::srgb_u8(110, 220, 120),
    plot_rotation: Color::srgb_u8(220, 120, 230),
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
    panel_fill: Color::srgb_u8(245, 245, 240),
    text: Color::srgb_u8(10, 10, 20),
    plot_measured: Color::srgb_u8(200, 80, 0),
    plot_theory: Color::srgb_u8(60, 60, 80),
    plot_disc: Color::srgb_u8(0, 90, 200),
    plot_cells: Color::srgb_u8(0, 130, 50),
    plot_rotation: Color::srgb_u8(150, 0, 170),
    light: true,
};

impl Palette {
    /// The colour of a compared shape, in the plots and the view labels.
    pub fn of_kind(&self, kind: CompareKind) -> Color {
        match kind {
            CompareKind::Sphere => self.plot_measured,
            CompareKind::Disc => self.plot_disc,
            CompareKind::Cells => self.plot_cells,
            CompareKind::Rotation => self.plot_rotation,
        }
    }
}

// Colours that are the same in every theme.

/// The recording badge's dot.
pub const RECORDING_DOT: Color = Color::srgb_u8(230, 30, 30);
/// The recording badge's text.
pub const RECORDING_TEXT: Color = Color::srgb_u8(255, 90, 90);
/// A notice or a warning in the panel.
pub const WARNING: Color = Color::srgb_u8(255, 120, 80);
/// The reset button's fill while edited settings wait to be applied.
pub const PENDING: Color = Color::srgb_u8(120, 60, 20);
/// The presenter's black screen.
pub const BLACK_SCREEN: Color = Color::BLACK;

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

/// A colour's sRGB bytes, each channel truncated: `Color::srgb_u8` colours give back
/// their bytes exactly.
pub fn srgb_bytes(c: Color) -> [u8; 3] {
    let s = c.to_srgba();
    [
        (s.red * 255.0) as u8,
        (s.green * 255.0) as u8,
        (s.blue * 255.0) as u8,
    ]
}

/// A palette colour as egui's colour type (opaque).
pub fn egui_color(c: Color) -> egui::Color32 {
    let [r, g, b] = srgb_bytes(c);
    egui::Color32::from_rgb(r, g, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_colours_come_back_as_their_bytes() {
        for v in 0..=255u8 {
            assert_eq!(srgb_bytes(Color::srgb_u8(v, 0, 255 - v)), [v, 0, 255 - v]);
        }
    }
}
