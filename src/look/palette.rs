//! Every colour bolwerk draws, in one type (Bevy's [`Color`]), but the what-ifs' own
//! (`crate::whatif`, read through [`Palette::of_kind`]): the dark screen theme and the
//! light, high-contrast projector theme. Tests look for these
//! colours in screenshots; the screen's interface hands them to egui
//! (`screen::color`), the reports to their drawing.

use bevy::prelude::*;

use crate::whatif::{Colour, CompareKind};

/// The colours of one theme.
///
/// Both themes take their hues from Okabe and Ito's colour-blind-safe set ("Color
/// Universal Design", 2002): employees blue, employees in customer contact vermillion
/// or orange, customers a neutral grey that recedes. The three groups stay apart under
/// protanopia, deuteranopia and tritanopia, and every text colour reads on its
/// background; `tests/integration/palette.rs` checks both. Colour is not the only cue:
/// employees in customer contact are drawn larger and customers smaller
/// (`scene::agents::FRONT_OFFICE_SCALE`), customer lines are wider than colleagues'
/// lines, the plots' expectations are dashed, and the compared shapes have markers.
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
    /// Quieter text (the part counter), still readable on the background.
    pub muted: Color,
    /// A notice or a warning, on the panel.
    pub warning: Color,
    /// The recording badge's text, on the scene's background.
    pub recording: Color,
    /// The counted ratio (and the sphere in comparisons).
    pub plot_measured: Color,
    /// The exact expectation.
    pub plot_theory: Color,
    /// Whether the theme is light (egui's light visuals).
    pub light: bool,
}

/// The screen theme: dark, for monitors. Okabe–Ito's sky blue, orange, bluish green
/// and reddish purple read on the dark background as they are.
pub const DARK: Palette = Palette {
    background: Color::srgb_u8(5, 8, 15),
    back_office: Color::srgb_u8(86, 180, 233),
    front_office: Color::srgb_u8(230, 159, 0),
    customer: Color::srgb_u8(224, 224, 224),
    internal_line: Color::srgba_u8(86, 180, 233, 64),
    supplier_line: Color::srgba_u8(165, 127, 224, 153),
    customer_line: Color::srgba_u8(230, 159, 0, 230),
    boundary: Color::srgba(0.75, 0.85, 1.0, 0.22),
    panel_fill: Color::srgb_u8(24, 28, 40),
    text: Color::srgb_u8(230, 232, 240),
    muted: Color::srgb_u8(160, 164, 176),
    warning: Color::srgb_u8(255, 140, 100),
    recording: Color::srgb_u8(255, 110, 110),
    plot_measured: Color::srgb_u8(230, 159, 0),
    plot_theory: Color::srgb_u8(200, 200, 220),
    light: false,
};

/// The projector theme: a light background and darker colours, which hold up in a lit
/// room and on a washed-out projector. Okabe–Ito's blue and vermillion for the
/// agents; the plot's colours are darker shades of the same hues, so that they also
/// read as text on the light panel.
pub const PROJECTOR: Palette = Palette {
    background: Color::srgb_u8(247, 247, 242),
    back_office: Color::srgb_u8(0, 114, 178),
    front_office: Color::srgb_u8(213, 94, 0),
    customer: Color::srgb_u8(89, 89, 89),
    internal_line: Color::srgba_u8(0, 114, 178, 96),
    supplier_line: Color::srgba_u8(106, 61, 154, 153),
    customer_line: Color::srgba_u8(160, 68, 0, 230),
    boundary: Color::srgba(0.1, 0.1, 0.2, 0.35),
    panel_fill: Color::srgb_u8(245, 245, 240),
    text: Color::srgb_u8(10, 10, 20),
    muted: Color::srgb_u8(90, 90, 100),
    warning: Color::srgb_u8(179, 38, 30),
    recording: Color::srgb_u8(192, 38, 30),
    plot_measured: Color::srgb_u8(160, 68, 0),
    plot_theory: Color::srgb_u8(60, 60, 80),
    light: true,
};

impl Palette {
    /// A what-if's colour in this palette.
    pub fn of_kind(&self, kind: CompareKind) -> Color {
        match kind.colour {
            Colour::Counted => self.plot_measured,
            Colour::Own { screen, projector } => {
                if self.light {
                    projector
                } else {
                    screen
                }
            }
        }
    }
}

// Colours that are the same in every theme.

/// The recording badge's dot.
pub const RECORDING_DOT: Color = Color::srgb_u8(230, 30, 30);
/// The reset button's fill while edited settings wait to be applied.
pub const PENDING: Color = Color::srgb_u8(120, 60, 20);
/// Where the 3D views are not, in the overlap test's masked frames
/// (`record --mask-overlays`): a colour no theme draws.
pub const MASK: Color = Color::srgb_u8(255, 0, 255);
/// The presenter's black screen.
pub const BLACK_SCREEN: Color = Color::BLACK;

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
