//! Where the scene and the panel draw: a window or an offscreen image.

use bevy::camera::RenderTarget;
use bevy::prelude::*;
use bevy::render::view::screenshot::Screenshot;

/// Where the scene and the panel draw, and at what size. `crate::app` inserts it and
/// keeps it current (a window can be resized); the plugins only read it.
#[derive(Resource, Debug, Clone)]
pub struct Canvas {
    /// The render target of every camera.
    pub target: RenderTarget,
    /// The offscreen image, when there is no window.
    pub image: Option<Handle<Image>>,
    /// The size in physical pixels.
    pub size: UVec2,
    /// Physical pixels per logical pixel: the panel's scale.
    pub scale: f32,
}

impl Canvas {
    /// A screenshot of everything on the canvas, panel included.
    pub fn screenshot(&self) -> Screenshot {
        match &self.image {
            Some(handle) => Screenshot::image(handle.clone()),
            None => Screenshot::primary_window(),
        }
    }
}
