//! The palette's colours as egui takes them.

use bevy::prelude::*;
use bevy_egui::egui;

use crate::look::palette::srgb_bytes;

/// A palette colour as egui's colour type (opaque).
pub fn egui_color(c: Color) -> egui::Color32 {
    let [r, g, b] = srgb_bytes(c);
    egui::Color32::from_rgb(r, g, b)
}
