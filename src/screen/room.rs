//! The panel a room sees (`present`, and `record` and the handout, which film the
//! same): no controls, since the trainer steers with keys and the console, and a video
//! cannot be clicked. It shows the headline (the share of contacts with customers, in
//! percent, with its exact expectation), the number of employees, a second figure
//! where the part is about employees rather than contacts, and the plot, which takes
//! every point of height left: at least a third of the window, at every size a
//! projector has. Nothing in it scrolls.

use bevy::prelude::*;
use bevy_egui::egui;

use super::figures::{headline, legend_dots, room_figures};
use super::plots::{COMPARE_MIN, PLOT_MIN, PlotRoom, compare_plots, plot};
use super::state::PanelState;
use crate::sim::Measure;

/// Where the room's panel put its plot and where its contents ended, in points, with
/// the screen's height: what the tests check (the plot a third of the screen at least,
/// nothing past its bottom), as the room's panel last laid itself out; zero before it
/// first shows.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq)]
pub struct PanelLayout {
    /// The plot's height (both plots', comparing).
    pub plot: f32,
    /// The bottom of the panel's last content.
    pub bottom: f32,
    /// The screen's height.
    pub screen: f32,
}

/// The room's panel at the right, `width` points wide, in `root`; the part on stage,
/// if a session plays, says what it shows. Returns where its plot and its contents
/// ended, for the tests.
pub(super) fn room_panel(root: &mut egui::Ui, state: &PanelState, width: f32) -> PanelLayout {
    let mut layout = PanelLayout {
        screen: root.ctx().content_rect().height(),
        ..PanelLayout::default()
    };
    let texts = &state.texts;
    let stage = state.stage.as_deref();
    // A part about employees shows their share beside the headline, and plots it.
    let people = stage.is_some_and(|s| s.people);
    let pal = &state.theme.palette;
    egui::Panel::right("room")
        .exact_size(width)
        .resizable(false)
        .show(root, |ui| {
            // The plots take what the rest left free in the last frame.
            let room = PlotRoom::of(ui);
            let top = ui.cursor().top();
            legend_dots(ui, texts, pal);
            let comparing = !state.worlds.views.is_empty();
            if !comparing {
                ui.separator();
                headline(ui, &state.stats, texts, pal, true);
                room_figures(ui, &state.stats, texts, pal, people);
            }
            if comparing {
                ui.separator();
                layout.plot = room.free.max(COMPARE_MIN);
                compare_plots(ui, &state.worlds, &state.view, texts, pal, layout.plot);
            } else if state.view.plot {
                ui.separator();
                // The plot follows the part: employees where it is about them.
                let measure = if people {
                    Measure::InCustomerContact
                } else {
                    Measure::CustomerShare
                };
                let answer = stage
                    .and_then(|s| s.posed.as_ref())
                    .filter(|posed| posed.answered())
                    .map(|_| &*state.stats);
                layout.plot = room.free.max(PLOT_MIN);
                plot(ui, state, measure, answer, layout.plot);
            }
            // The cursor, not the panel's rectangle: that fills the screen's height.
            layout.bottom = ui.cursor().top();
            room.keep(ui.ctx(), layout.bottom - top - layout.plot);
        });
    layout
}
