//! The what-ifs: the worlds the comparison can show beside each other, each described
//! once, here.
//!
//! A what-if is a description of a world (the main world's densities, growth and head
//! counts, with a shape of its own, rotation or none, and a contact rule) and how every
//! output shows
//! it: its name in session files, on the command line and in the texts, its colour in
//! each theme, and its marker in the plots. The comparison's simulation builds its
//! worlds from [`WhatIf::params`]; the panel, the plots, the overlays and the palette
//! test read the rest, and `--shape` offers the what-ifs that are shapes of their own.
//! A new what-if is an entry in [`WHAT_IFS`] (and its name in each language's Fluent
//! file). A new shape is first the model's: its file in `model/src/organisation/`, its
//! line in that folder's `shapes!` list, and its [`Shape`] with its defaults and checks
//! in `model/src/params.rs`; then its entry here, and its outline in the 3D view
//! (`scene::agents`, where the compiler points).

use std::fmt;

use bevy::color::Color;
use bolwerk_model::params::Shape;
use bolwerk_model::{Params, Rule};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::i18n::Msg;

/// The disc's thickness in the comparison, in contact distances. It is thinner than the
/// default a disc gets elsewhere ([`DISC_T_IN_D`](bolwerk_model::params::DISC_T_IN_D),
/// 4): the two were chosen separately, and the comparison keeps its own so that
/// comparisons look as they did. (The cells split at the default radius.)
pub const COMPARED_DISC_T_IN_D: f64 = 3.0;
/// The rotation in the comparison: the share of employees swapping places each tick.
pub const ROTATION: f64 = 0.02;
/// The fade's length in the comparison, in contact distances: the chance of contact
/// falls by a factor e every third of `d`.
pub const FADE_LENGTH_IN_D: f64 = 1.0 / 3.0;
/// The most employees the fading what-if grows to: its count looks at about 1,400
/// colleagues around each employee, and at 5,000 employees that takes about 15 ms a
/// frame on two cores (BENCHMARKS.md, "Contact rules").
pub const FADE_MOST_EMPLOYEES: u32 = 5_000;
/// The most colleague relations each employee keeps in the capped what-if.
pub const CAP_K: u32 = 4;

/// A marker in the plots, drawn in the what-if's colour beside its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// A filled circle.
    Circle,
    /// A filled square.
    Square,
    /// A filled diamond.
    Diamond,
    /// A triangle pointing up.
    Up,
    /// A triangle pointing down.
    Down,
    /// A triangle pointing left.
    Left,
    /// A triangle pointing right.
    Right,
}

/// The colour a what-if is drawn in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Colour {
    /// The palette's colour for the counted share: the sphere's, as everywhere else.
    Counted,
    /// A colour of its own, on a screen (dark) and on a projector (light).
    Own {
        /// On the dark screen theme.
        screen: Color,
        /// On the light projector theme.
        projector: Color,
    },
}

/// One what-if, described once.
#[derive(Debug)]
pub struct WhatIf {
    /// Its name in session files (`compare: [Sphere, Disc]`).
    pub key: &'static str,
    /// Its name on the command line (`--compare sphere,disc`).
    pub cli: &'static str,
    /// Its shape, from the contact distance `d`.
    pub shape: fn(f64) -> Shape,
    /// The shape at its own defaults, from `d`, where the main world can take it
    /// (`--shape disc`): none for a what-if that is not a shape of its own.
    pub alone: Option<fn(f64) -> Shape>,
    /// The share of employees swapping places each tick.
    pub rotation: f64,
    /// Its contact rule, from the contact distance `d`.
    pub rule: fn(f64) -> Rule,
    /// The most employees its world grows to, where counting it every frame would cost
    /// too much beyond (none: the main world's cap).
    pub most_employees: Option<u32>,
    /// Its name in the texts.
    pub name: Msg,
    /// What it is, for the command line's help.
    pub help: &'static str,
    /// Its colour.
    pub colour: Colour,
    /// Its marker in the plots.
    pub marker: Marker,
}

/// Every what-if, in the order the panel lists them. The shapes' colours are Okabe and
/// Ito's colour-blind-safe set, as the palettes' (`look::palette`), and so is the
/// yellow of everyone with everyone; with that set spent, the fade and the cap are told
/// apart by lightness (white and grey, or near-black and grey on the projector), and
/// every what-if by its marker too. On the projector, everyone with everyone is a
/// violet: the yellow's dark shade reads as the sphere's brown to protanopes.
pub const WHAT_IFS: [WhatIf; 7] = [
    WhatIf {
        key: "Sphere",
        cli: "sphere",
        shape: |_| Shape::Sphere,
        alone: Some(|_| Shape::Sphere),
        rotation: 0.0,
        rule: |_| Rule::Reach,
        most_employees: None,
        name: Msg::ShapeSphere,
        help: "The sphere of the argument",
        colour: Colour::Counted,
        marker: Marker::Circle,
    },
    WhatIf {
        key: "Disc",
        cli: "disc",
        shape: |d| Shape::Disc {
            t: COMPARED_DISC_T_IN_D * d,
        },
        alone: Some(Shape::default_disc),
        rotation: 0.0,
        rule: |_| Rule::Reach,
        most_employees: None,
        name: Msg::ShapeDisc,
        help: "A disc-shaped organisation",
        colour: Colour::Own {
            screen: Color::srgb_u8(86, 180, 233),
            projector: Color::srgb_u8(0, 114, 178),
        },
        marker: Marker::Square,
    },
    WhatIf {
        key: "Cells",
        cli: "cells",
        shape: Shape::default_cells,
        alone: Some(Shape::default_cells),
        rotation: 0.0,
        rule: |_| Rule::Reach,
        most_employees: None,
        name: Msg::ShapeCells,
        help: "A cellular organisation",
        colour: Colour::Own {
            screen: Color::srgb_u8(0, 158, 115),
            projector: Color::srgb_u8(0, 121, 91),
        },
        marker: Marker::Diamond,
    },
    WhatIf {
        key: "Rotation",
        cli: "rotation",
        shape: |_| Shape::Sphere,
        alone: None,
        rotation: ROTATION,
        rule: |_| Rule::Reach,
        most_employees: None,
        name: Msg::ShapeRotation,
        help: "The sphere, with employees rotating to the front",
        colour: Colour::Own {
            screen: Color::srgb_u8(204, 121, 167),
            projector: Color::srgb_u8(160, 69, 122),
        },
        marker: Marker::Up,
    },
    WhatIf {
        key: "Everyone",
        cli: "everyone",
        shape: |_| Shape::Sphere,
        alone: None,
        rotation: 0.0,
        rule: |_| Rule::Everyone,
        most_employees: None,
        name: Msg::RuleEveryone,
        help: "The sphere, every employee in contact with every colleague",
        colour: Colour::Own {
            screen: Color::srgb_u8(240, 228, 66),
            projector: Color::srgb_u8(110, 40, 160),
        },
        marker: Marker::Down,
    },
    WhatIf {
        key: "Fade",
        cli: "fade",
        shape: |_| Shape::Sphere,
        alone: None,
        rotation: 0.0,
        rule: |d| Rule::Fade {
            length: FADE_LENGTH_IN_D * d,
        },
        most_employees: Some(FADE_MOST_EMPLOYEES),
        name: Msg::RuleFade,
        help: "The sphere, contact fading with distance",
        colour: Colour::Own {
            screen: Color::srgb_u8(255, 255, 255),
            projector: Color::srgb_u8(40, 40, 40),
        },
        marker: Marker::Left,
    },
    WhatIf {
        key: "Cap",
        cli: "cap",
        shape: |_| Shape::Sphere,
        alone: None,
        rotation: 0.0,
        rule: |_| Rule::Cap { k: CAP_K },
        most_employees: None,
        name: Msg::RuleCap,
        help: "The sphere, each employee in contact with at most 4 colleagues",
        colour: Colour::Own {
            screen: Color::srgb_u8(185, 185, 185),
            projector: Color::srgb_u8(80, 80, 80),
        },
        marker: Marker::Right,
    },
];

impl WhatIf {
    /// Its world's parameters, from the main world's: the same densities, growth and
    /// head counts, with its shape and rotation.
    pub fn params(&self, base: &Params) -> Params {
        let max_employees = self
            .most_employees
            .map_or(base.max_employees, |most| most.min(base.max_employees));
        Params {
            shape: (self.shape)(base.d),
            rotation: self.rotation,
            rule: (self.rule)(base.d),
            max_employees,
            initial_employees: base.initial_employees.min(max_employees),
            ..base.clone()
        }
    }

    /// Whether it is a contact rule of its own, not a shape.
    pub fn is_rule(&self) -> bool {
        (self.rule)(1.0) != Rule::Reach
    }
}

/// A what-if the comparison shows: one of [`WHAT_IFS`].
#[derive(Clone, Copy)]
pub struct CompareKind(&'static WhatIf);

impl CompareKind {
    /// The sphere of the argument.
    pub const SPHERE: CompareKind = CompareKind(&WHAT_IFS[0]);
    /// A disc-shaped organisation.
    pub const DISC: CompareKind = CompareKind(&WHAT_IFS[1]);
    /// A cellular organisation.
    pub const CELLS: CompareKind = CompareKind(&WHAT_IFS[2]);
    /// The sphere, with employees rotating to the front.
    pub const ROTATION: CompareKind = CompareKind(&WHAT_IFS[3]);
    /// The sphere, everyone in contact with everyone.
    pub const EVERYONE: CompareKind = CompareKind(&WHAT_IFS[4]);
    /// The sphere, contact fading with distance.
    pub const FADE: CompareKind = CompareKind(&WHAT_IFS[5]);
    /// The sphere, a cap on colleague relations.
    pub const CAP: CompareKind = CompareKind(&WHAT_IFS[6]);

    /// Every what-if, in the order the panel lists them.
    pub fn all() -> impl Iterator<Item = CompareKind> {
        WHAT_IFS.iter().map(CompareKind)
    }

    /// The what-if named `name` on the command line or in a session file, if there is
    /// one.
    pub fn named(name: &str) -> Option<CompareKind> {
        CompareKind::all().find(|k| k.cli == name || k.key == name)
    }

    /// Its place in [`WHAT_IFS`]: the order the panel lists them in.
    pub fn index(self) -> usize {
        CompareKind::all().position(|k| k == self).unwrap_or(0)
    }

    /// Every key, as a session file writes them.
    pub fn keys() -> String {
        WHAT_IFS.map(|w| w.key).join(", ")
    }
}

impl std::ops::Deref for CompareKind {
    type Target = WhatIf;

    fn deref(&self) -> &WhatIf {
        self.0
    }
}

impl PartialEq for CompareKind {
    fn eq(&self, other: &Self) -> bool {
        self.0.key == other.0.key
    }
}

impl Eq for CompareKind {}

impl std::hash::Hash for CompareKind {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.key.hash(state);
    }
}

impl fmt::Debug for CompareKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.key)
    }
}

impl std::str::FromStr for CompareKind {
    type Err = String;

    /// A what-if by its name on the command line or in a session file.
    fn from_str(key: &str) -> Result<Self, Self::Err> {
        CompareKind::named(key).ok_or_else(|| {
            format!(
                "no what-if called '{key}' (there are: {})",
                WHAT_IFS.map(|w| w.cli).join(", ")
            )
        })
    }
}

impl Serialize for CompareKind {
    /// By its key, as a session file writes it (`Disc`; in JSON, `"Disc"`).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let index = CompareKind::all()
            .position(|k| k.key == self.0.key)
            .unwrap_or(0);
        serializer.serialize_unit_variant("CompareKind", index as u32, self.0.key)
    }
}

impl<'de> Deserialize<'de> for CompareKind {
    /// A what-if by its key as a session file writes it: `Disc`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Key;

        impl serde::de::Visitor<'_> for Key {
            type Value = CompareKind;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "one of {}", CompareKind::keys())
            }

            fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<CompareKind, E> {
                CompareKind::all().find(|k| k.key == key).ok_or_else(|| {
                    E::custom(format!(
                        "no what-if called `{key}`: one of {}",
                        CompareKind::keys()
                    ))
                })
            }
        }

        deserializer.deserialize_identifier(Key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Session files name the what-ifs as before, the command line in lower case; a
    /// name that is none is refused with the list.
    #[test]
    fn what_ifs_read_by_name_from_session_files_and_the_command_line() {
        let read: Vec<CompareKind> =
            ron::from_str("[Sphere, Disc, Cells, Rotation, Everyone, Fade, Cap]").unwrap();
        assert_eq!(read, CompareKind::all().collect::<Vec<_>>());
        assert_eq!("cells".parse::<CompareKind>(), Ok(CompareKind::CELLS));
        let err = ron::from_str::<Vec<CompareKind>>("[Sphere, Cube]").unwrap_err();
        assert!(err.to_string().contains("Cube"), "{err}");
        assert!(
            "cube"
                .parse::<CompareKind>()
                .unwrap_err()
                .contains("sphere, disc, cells, rotation, everyone, fade, cap")
        );
        assert_eq!(
            serde_json::to_string(&CompareKind::DISC).unwrap(),
            "\"Disc\""
        );
    }

    /// Each what-if is a world of its own: distinct keys, names, markers and worlds.
    #[test]
    fn each_what_if_is_a_world_of_its_own() {
        let base = Params::default();
        let all: Vec<CompareKind> = CompareKind::all().collect();
        for (i, a) in all.iter().enumerate() {
            assert_eq!(a.index(), i);
            assert_eq!(a.cli, a.key.to_lowercase());
            for b in &all[i + 1..] {
                assert!(
                    a.key != b.key && a.cli != b.cli && a.name != b.name && a.marker != b.marker
                );
                assert_ne!(a.params(&base), b.params(&base), "{a:?} and {b:?}");
            }
            assert!(a.params(&base).validate().is_ok(), "{a:?}");
        }
        assert_eq!(
            CompareKind::DISC.params(&base).shape,
            Shape::Disc { t: 3.0 * base.d }
        );
        assert_eq!(CompareKind::ROTATION.params(&base).rotation, ROTATION);
        assert_eq!(CompareKind::EVERYONE.params(&base).rule, Rule::Everyone);
        let big = Params {
            max_employees: 1_000_000,
            ..base.clone()
        };
        assert_eq!(
            CompareKind::FADE.params(&big).max_employees,
            FADE_MOST_EMPLOYEES
        );
        assert_eq!(CompareKind::CAP.params(&big).max_employees, 1_000_000);
        assert!(CompareKind::all().filter(|k| k.is_rule()).count() == 3);
        // The cap's help and names state its k, which they write as a number.
        let k = CAP_K.to_string();
        assert!(CompareKind::CAP.help.contains(&k));
        for lang in crate::i18n::Lang::all() {
            let name = crate::i18n::Texts::new(*lang).get(CompareKind::CAP.name);
            assert!(name.contains(&k), "{name}");
        }
    }
}
