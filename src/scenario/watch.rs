//! Rehearsing with live reload (`present SESSION.ron --watch`): the session file is
//! read again a few times a second, and a save that changed it is played at once
//! ([`ScenarioState::reload`]): the part on stage shows its new texts, and starts
//! again if its world changed. A cut reloads when it or the session it is cut from is
//! saved. A save with a problem is said on the terminal (every
//! problem), on the console and in one line on the projection ([`Rehearsal`]), while
//! the last good version keeps running; the next good save clears it.
//!
//! The file is read, not watched through the system: a session file is a few dozen
//! kilobytes, and reading it four times a second costs nothing, works the same on
//! every system and every editor (those that save in place and those that save a new
//! file and rename it), and needs no crate.

use std::path::{Path, PathBuf};

use bevy::prelude::*;

use super::Scenario;
use super::play::{Reloaded, ScenarioState};
use crate::i18n::{Msg, Texts};
use crate::intent::{Rehearsal, Unloaded};
use crate::schedule::FrameSet;

/// Seconds between two reads of the session file.
pub const POLL_SECS: f64 = 0.25;

/// Reloads the session from `path` when it is saved. Needs the [`ScenarioState`]
/// playing what `text` (the file as first read) holds.
pub struct WatchPlugin {
    /// The session file.
    pub path: PathBuf,
    /// Its text as the session was read from it.
    pub text: String,
}

/// The file watched, and what it held when last read.
#[derive(Resource)]
struct Watched {
    path: PathBuf,
    text: String,
    /// Real seconds at which to read it next.
    next: f64,
}

impl Plugin for WatchPlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(Watched {
            path: self.path.clone(),
            text: with_source(self.text.clone(), &self.path),
            next: 0.0,
        })
        .insert_resource(Rehearsal {
            file: self
                .path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
            problem: None,
        })
        .add_systems(Update, watch.in_set(FrameSet::Input));
    }
}

/// Reads the file when it is time; plays a changed session, or says what keeps it
/// from loading.
fn watch(
    time: Res<Time<Real>>,
    texts: Res<Texts>,
    mut watched: ResMut<Watched>,
    mut state: ResMut<ScenarioState>,
    mut rehearsal: ResMut<Rehearsal>,
) {
    let now = time.elapsed_secs_f64();
    if now < watched.next {
        return;
    }
    watched.next = now + POLL_SECS;
    // A file gone for a moment (an editor that saves by renaming) is read next time.
    let Ok(text) = std::fs::read_to_string(&watched.path) else {
        return;
    };
    let seen = with_source(text.clone(), &watched.path);
    if seen == watched.text {
        return;
    }
    let file = watched.path.display().to_string();
    match Scenario::check_str(&text, &watched.path) {
        Ok(scenario) => {
            let said = match state.reload(scenario) {
                Reloaded::Texts => texts.fmt(Msg::RehearsalTexts, &[("file", file.into())]),
                Reloaded::Restarted(k) => texts.fmt(
                    Msg::RehearsalRestarted,
                    &[("file", file.into()), ("part", (k + 1).into())],
                ),
            };
            println!("{said}");
            rehearsal.problem = None;
        }
        Err(problems) => {
            for problem in &problems {
                eprintln!("{problem}");
            }
            let first = &problems[0];
            rehearsal.problem = Some(Unloaded {
                file: first
                    .path
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                line: first.line,
                column: first.column,
                part: first.act,
                what: first.message.clone(),
                count: problems.len(),
            });
            eprintln!("{}", rehearsal.said(&texts).unwrap_or_default());
        }
    }
    watched.text = seen;
}

/// What a save can change: the session file's `text`, and for a cut, the text of the
/// session it is cut from, where its parts are written (saving either reloads).
fn with_source(text: String, path: &Path) -> String {
    let source =
        super::cut_source(&text, path).and_then(|(source, _)| std::fs::read_to_string(source).ok());
    match source {
        Some(source) => text + "\n\0\n" + &source,
        None => text,
    }
}
