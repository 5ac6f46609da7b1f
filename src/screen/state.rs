//! What the panel reads and what it changes, as system parameters.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

use super::draft::Draft;
use crate::audience::AudienceView;
use crate::i18n::Texts;
use crate::intent::organisations::TypedSizes;
use crate::intent::{Recording, Rehearsal, Stage, ViewCommand, ViewSettings};
use crate::look::palette::Theme;
use crate::screen::bindings::ActiveBindings;
use crate::show::options::ShowOptions;
use crate::sim::compare::{CompareCommand, CompareSettings, CompareWorlds};
use crate::sim::{
    Clock, ContactStats, LineSettings, SimCommand, SimNotice, SimSettings, StatsHistory,
};

/// What the panel reads.
#[derive(SystemParam)]
pub struct PanelState<'w> {
    pub(super) stats: Res<'w, ContactStats>,
    pub(super) history: Res<'w, StatsHistory>,
    pub(super) settings: Res<'w, SimSettings>,
    pub(super) clock: Res<'w, Clock>,
    pub(super) notice: Res<'w, SimNotice>,
    pub(super) view: Res<'w, ViewSettings>,
    pub(super) lines: Res<'w, LineSettings>,
    pub(super) time: Res<'w, Time<Virtual>>,
    pub(super) texts: Res<'w, Texts>,
    pub(super) recording: Option<Res<'w, Recording>>,
    pub(super) compare: Res<'w, CompareSettings>,
    pub(super) worlds: Res<'w, CompareWorlds>,
    pub(super) theme: Res<'w, Theme>,
    pub(super) bindings: Res<'w, ActiveBindings>,
    pub(super) stage: Option<Res<'w, Stage>>,
    pub(super) audience: Option<Res<'w, AudienceView>>,
    pub(super) options: Res<'w, ShowOptions>,
    pub(super) typed: Option<Res<'w, TypedSizes>>,
    pub(super) rehearsal: Option<Res<'w, Rehearsal>>,
}

/// What the panel changes: the draft, and intents.
#[derive(SystemParam)]
pub struct PanelOut<'w> {
    pub(super) draft: ResMut<'w, Draft>,
    pub(super) sim: MessageWriter<'w, SimCommand>,
    pub(super) view: MessageWriter<'w, ViewCommand>,
    pub(super) compare: MessageWriter<'w, CompareCommand>,
}
