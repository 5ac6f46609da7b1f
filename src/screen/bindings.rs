//! Every key binding, in one table. The key handler acts on it, the help overlay lists
//! it, and a test checks the README's key table against it.

use bevy::prelude::*;

use crate::i18n::{Lang, Msg, Texts};

/// What a key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Play or pause the simulation.
    TogglePause,
    /// One tick (pauses first).
    Step,
    /// Reset, applying edited settings.
    Reset,
    /// Contact lines on or off.
    Lines,
    /// Hide the near half.
    Cutaway,
    /// Rotate the camera.
    AutoRotate,
    /// Fullscreen on or off.
    Fullscreen,
    /// Switch between English and Dutch.
    Language,
    /// A screenshot.
    Screenshot,
    /// Start or stop recording a video.
    Record,
    /// The what-if comparison on or off.
    Compare,
    /// The next act (presenter).
    NextAct,
    /// The act before (presenter).
    PreviousAct,
    /// This act again from its start (presenter).
    RestartAct,
    /// Captions on or off (presenter).
    Captions,
    /// The control panel on or off (presenter).
    Panel,
    /// A black screen, as in slide software (presenter).
    Black,
    /// The help overlay.
    Help,
    /// Quit.
    Quit,
}

impl Action {
    /// Its help text in `texts`' language: the language key names the languages there
    /// are, each in its own words.
    pub fn help(self, texts: &Texts) -> String {
        let languages: Vec<&str> = Lang::all().iter().map(|l| l.native_name()).collect();
        texts.fmt(self.msg(), &[("languages", languages.join(" / ").into())])
    }

    /// The id of the help text (in `assets/i18n/*.ftl`).
    pub fn msg(self) -> Msg {
        match self {
            Action::TogglePause => Msg::KeyPause,
            Action::Step => Msg::KeyStep,
            Action::Reset => Msg::KeyReset,
            Action::Lines => Msg::KeyLines,
            Action::Cutaway => Msg::KeyCutaway,
            Action::AutoRotate => Msg::KeyRotate,
            Action::Fullscreen => Msg::KeyFullscreen,
            Action::Language => Msg::KeyLanguage,
            Action::Screenshot => Msg::KeyScreenshot,
            Action::Record => Msg::KeyRecord,
            Action::Compare => Msg::KeyCompare,
            Action::NextAct => Msg::KeyNextPart,
            Action::PreviousAct => Msg::KeyPreviousPart,
            Action::RestartAct => Msg::KeyRestartPart,
            Action::Captions => Msg::KeyCaptions,
            Action::Panel => Msg::KeyPanel,
            Action::Black => Msg::KeyBlack,
            Action::Help => Msg::KeyHelp,
            Action::Quit => Msg::KeyQuit,
        }
    }
}

/// One binding: the keys, how the help writes them, and the action.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// Any of these keys triggers the action.
    pub keys: &'static [KeyCode],
    /// The keys as the help and the README write them.
    pub label: &'static str,
    /// What happens.
    pub action: Action,
}

/// The demo's keys.
pub const DEMO_BINDINGS: &[Binding] = &[
    Binding {
        keys: &[KeyCode::Space],
        label: "Space",
        action: Action::TogglePause,
    },
    Binding {
        keys: &[KeyCode::ArrowRight],
        label: "→",
        action: Action::Step,
    },
    Binding {
        keys: &[KeyCode::KeyR],
        label: "R",
        action: Action::Reset,
    },
    Binding {
        keys: &[KeyCode::KeyL],
        label: "L",
        action: Action::Lines,
    },
    Binding {
        keys: &[KeyCode::KeyC],
        label: "C",
        action: Action::Cutaway,
    },
    Binding {
        keys: &[KeyCode::KeyA],
        label: "A",
        action: Action::AutoRotate,
    },
    Binding {
        keys: &[KeyCode::KeyK],
        label: "K",
        action: Action::Compare,
    },
    Binding {
        keys: &[KeyCode::KeyF],
        label: "F",
        action: Action::Fullscreen,
    },
    Binding {
        keys: &[KeyCode::F12],
        label: "F12",
        action: Action::Screenshot,
    },
    Binding {
        keys: &[KeyCode::KeyV],
        label: "V",
        action: Action::Record,
    },
    Binding {
        keys: &[KeyCode::KeyH],
        label: "H",
        action: Action::Help,
    },
    Binding {
        keys: &[KeyCode::Escape],
        label: "Esc",
        action: Action::Quit,
    },
];

/// The presenter's own keys: a clicker sends Page Down / Page Up (or the arrows).
const PRESENTER_OWN: &[Binding] = &[
    Binding {
        keys: &[KeyCode::Space, KeyCode::ArrowRight, KeyCode::PageDown],
        label: "Space / → / Page Down",
        action: Action::NextAct,
    },
    Binding {
        keys: &[KeyCode::ArrowLeft, KeyCode::PageUp],
        label: "← / Page Up",
        action: Action::PreviousAct,
    },
    Binding {
        keys: &[KeyCode::KeyR],
        label: "R",
        action: Action::RestartAct,
    },
    Binding {
        keys: &[KeyCode::KeyL],
        label: "L",
        action: Action::Language,
    },
    Binding {
        keys: &[KeyCode::KeyT],
        label: "T",
        action: Action::Captions,
    },
    Binding {
        keys: &[KeyCode::KeyP],
        label: "P",
        action: Action::Panel,
    },
    Binding {
        keys: &[KeyCode::KeyB, KeyCode::Period],
        label: "B",
        action: Action::Black,
    },
];

/// The presenter's keys: its own, then the demo's but for those whose keys it takes
/// (Space, the arrows, R, L).
pub fn presenter_bindings() -> Vec<Binding> {
    let taken = |b: &Binding| {
        PRESENTER_OWN
            .iter()
            .any(|own| own.keys.iter().any(|k| b.keys.contains(k)))
    };
    PRESENTER_OWN
        .iter()
        .chain(DEMO_BINDINGS.iter().filter(|b| !taken(b)))
        .copied()
        .collect()
}

/// The key table in use: the demo's, or the presenter's.
#[derive(Resource, Debug, Clone)]
pub struct ActiveBindings(pub Vec<Binding>);

impl Default for ActiveBindings {
    fn default() -> Self {
        Self(DEMO_BINDINGS.to_vec())
    }
}

/// The actions whose keys were pressed this frame, in table order.
pub fn pressed<'a>(
    bindings: &'a [Binding],
    keys: &'a ButtonInput<KeyCode>,
) -> impl Iterator<Item = Action> + 'a {
    bindings
        .iter()
        .filter(|b| b.keys.iter().any(|k| keys.just_pressed(*k)))
        .map(|b| b.action)
}
