//! The fonts bolwerk draws with outside its window: the panel's own, from egui, so a
//! handout and a plot look like the screen. Ubuntu Light sets the text; Hack, egui's
//! second font, has the signs Ubuntu Light lacks (the arrow →).

use std::sync::Once;

/// The text font.
pub const TEXT: &[u8] = epaint_default_fonts::UBUNTU_LIGHT;
/// For characters the text font lacks.
pub const FALLBACK: &[u8] = epaint_default_fonts::HACK_REGULAR;

/// Makes the text font plotters' `sans-serif`, once per process (plotters keeps its
/// fonts in a global table, and measures text with them for every backend).
pub fn register_for_plots() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        plotters::style::register_font("sans-serif", plotters::style::FontStyle::Normal, TEXT)
            .unwrap_or_else(|_| panic!("egui's Ubuntu Light is a valid TrueType font"));
    });
}
