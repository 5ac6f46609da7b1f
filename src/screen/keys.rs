//! The keyboard: every key in the [`ActiveBindings`] becomes an intent, the same message
//! the panel or a script would send.

use bevy::prelude::*;
use bevy_egui::input::EguiWantsInput;

use super::bindings::{Action, ActiveBindings, pressed};
use super::draft::Draft;
use crate::intent::{RecordCommand, ScenarioCommand, ScreenshotRequest, ViewCommand, ViewFlag};
use crate::schedule::FrameSet;
use crate::sim::compare::CompareCommand;
use crate::sim::{SimCommand, SimSettings};

/// The keyboard plugin. Needs the [`IntentPlugin`](crate::intent::IntentPlugin).
pub struct KeysPlugin;

impl Plugin for KeysPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<ActiveBindings>()
            .add_systems(Update, handle_keys.in_set(FrameSet::Input));
    }
}

/// Where an action's intent goes.
#[derive(bevy::ecs::system::SystemParam)]
pub struct Intents<'w> {
    sim: MessageWriter<'w, SimCommand>,
    view: MessageWriter<'w, ViewCommand>,
    screenshot: MessageWriter<'w, ScreenshotRequest>,
    record: MessageWriter<'w, RecordCommand>,
    compare: MessageWriter<'w, CompareCommand>,
    scenario: MessageWriter<'w, ScenarioCommand>,
    exit: MessageWriter<'w, AppExit>,
    draft: Res<'w, Draft>,
    settings: Res<'w, SimSettings>,
}

impl Intents<'_> {
    /// Sends the intent of `action`.
    pub fn send(&mut self, action: Action) {
        match action {
            Action::TogglePause => {
                self.sim.write(SimCommand::TogglePause);
            }
            Action::Step => {
                self.sim.write(SimCommand::Step);
            }
            Action::Reset => {
                self.sim.write(self.draft.reset_command(&self.settings));
            }
            Action::Lines => {
                self.view.write(ViewCommand::Toggle(ViewFlag::Lines));
            }
            Action::Cutaway => {
                self.view.write(ViewCommand::Toggle(ViewFlag::Cutaway));
            }
            Action::AutoRotate => {
                self.view.write(ViewCommand::Toggle(ViewFlag::AutoRotate));
            }
            Action::Help => {
                self.view.write(ViewCommand::Toggle(ViewFlag::Help));
            }
            Action::Language => {
                self.view.write(ViewCommand::ToggleLang);
            }
            Action::Fullscreen => {
                self.view.write(ViewCommand::ToggleFullscreen);
            }
            Action::Screenshot => {
                self.screenshot.write(ScreenshotRequest::timestamped());
            }
            Action::Record => {
                self.record.write(RecordCommand::Toggle);
            }
            Action::Compare => {
                self.compare.write(CompareCommand::Toggle);
            }
            Action::NextAct => {
                self.scenario.write(ScenarioCommand::Next);
            }
            Action::PreviousAct => {
                self.scenario.write(ScenarioCommand::Previous);
            }
            Action::RestartAct => {
                self.scenario.write(ScenarioCommand::Restart);
            }
            Action::Captions => {
                self.view.write(ViewCommand::Toggle(ViewFlag::Captions));
            }
            Action::Panel => {
                self.view.write(ViewCommand::TogglePanel);
            }
            Action::Black => {
                self.view.write(ViewCommand::Toggle(ViewFlag::Black));
            }
            Action::Quit => {
                self.exit.write(AppExit::Success);
            }
        }
    }
}

fn handle_keys(
    keys: Res<ButtonInput<KeyCode>>,
    bindings: Res<ActiveBindings>,
    wants: Option<Res<EguiWantsInput>>,
    mut intents: Intents,
) {
    // While a text field has the keyboard, keys are typing, not commands.
    if wants.is_some_and(|w| w.wants_any_keyboard_input()) {
        return;
    }
    for action in pressed(&bindings.0, &keys) {
        intents.send(action);
    }
}
