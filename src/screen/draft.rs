//! The settings being edited in the panel: they take effect on reset.

use bevy::prelude::*;

use crate::sim::{SimCommand, SimSettings};

/// Settings being edited in the panel; they take effect on reset.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct Draft(pub SimSettings);

impl Draft {
    /// What a reset sends: the edited settings if they differ, else a plain reset.
    pub fn reset_command(&self, current: &SimSettings) -> SimCommand {
        if self.0 == *current {
            SimCommand::Reset
        } else {
            SimCommand::Apply(self.0.clone())
        }
    }
}

/// The draft starts as the settings the world starts with.
pub(super) fn init_draft(mut commands: Commands, settings: Res<SimSettings>) {
    commands.insert_resource(Draft(settings.clone()));
}

/// Settings applied from elsewhere (a scenario's act) become the draft too: the panel
/// showed them as edits waiting for a reset, the reset button lit, all session long.
pub(super) fn follow_applied(settings: Res<SimSettings>, mut draft: ResMut<Draft>) {
    if settings.is_changed() && draft.0 != *settings {
        draft.0 = settings.clone();
    }
}
