//! The room's own organisations: a part asks each participant how many employees their
//! organisation (or their part of it) has, and, if it likes, their estimate of the
//! share of contacts that are with customers there (a `guess` in the session file and
//! the API); then it puts every organisation on the model's curve, where the model
//! expects it for its size: the model's expectation, never a measurement of anyone's
//! company.
//!
//! Without an audience (or beside it), the trainer types sizes ([`TypedSizes`]); they
//! join the room's on the curve.
//!
//! No dot may tell who answered: sizes are shown rounded to the nearest of a few
//! steps ([`size_step`]: 1, 2 and 5 times a power of ten), the same steps for the
//! projection, the phones and the log.

use bevy::input::keyboard::Key;
use bevy::prelude::Resource;
use serde::{Deserialize, Serialize};

use crate::i18n::Localized;

/// The largest organisation the room may enter, in employees.
pub const MAX_EMPLOYEES: u32 = 1_000_000;
/// The most example sizes a part may carry.
pub const MAX_EXAMPLES: usize = 12;

/// What a part asks of the room's organisations, as a session file writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisations {
    /// What each participant is asked, in each language.
    pub ask: Localized<String>,
    /// Whether each participant may also guess the share of contacts with customers
    /// at their size, before the curve shows.
    #[serde(default = "yes")]
    pub guess: bool,
    /// The trainer's own example sizes, in employees: shown on the curve as examples
    /// beside what the room enters (and on their own where no room takes part, as in a
    /// recording).
    #[serde(default)]
    pub examples: Vec<u32>,
}

fn yes() -> bool {
    true
}

impl Organisations {
    /// The steps its examples are shown at ([`size_step`]), smallest first, each once.
    pub fn example_steps(&self) -> Vec<u32> {
        let mut steps: Vec<u32> = self.examples.iter().map(|&n| size_step(n)).collect();
        steps.sort_unstable();
        steps.dedup();
        steps
    }
}

/// The steps sizes are shown at: 1, 2 and 5 times each power of ten, from 1 to
/// [`MAX_EMPLOYEES`].
pub fn size_steps() -> impl Iterator<Item = u32> {
    (0..=6u32).flat_map(|p| {
        [1, 2, 5]
            .into_iter()
            .map(move |m| m * 10u32.pow(p))
            .filter(|&n| n <= MAX_EMPLOYEES)
    })
}

/// The step `employees` is shown at: the nearest of [`size_steps`] on a log scale
/// (a tie goes to the smaller). Sizes outside 1 to [`MAX_EMPLOYEES`] go to the end
/// they passed.
pub fn size_step(employees: u32) -> u32 {
    let n = f64::from(employees.clamp(1, MAX_EMPLOYEES)).ln();
    let mut best = 1;
    for step in size_steps() {
        if (f64::from(step).ln() - n).abs() < (f64::from(best).ln() - n).abs() - 1e-12 {
            best = step;
        }
    }
    best
}

/// How many of `sizes` are shown at each step ([`size_step`]), smallest step first.
pub fn steps_of(sizes: impl IntoIterator<Item = u32>) -> Vec<(u32, u32)> {
    let mut steps: Vec<(u32, u32)> = Vec::new();
    for n in sizes {
        let step = size_step(n);
        match steps.iter_mut().find(|(s, _)| *s == step) {
            Some((_, count)) => *count += 1,
            None => steps.push((step, 1)),
        }
    }
    steps.sort_unstable();
    steps
}

/// One organisation the room entered: its size, and the share (in percent) its
/// participant guessed there, if they did.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entered {
    /// Employees, as entered (shown at its [`size_step`]).
    pub employees: u32,
    /// The guessed share of contacts with customers, in percent.
    pub guess: Option<f64>,
}

/// The most sizes the trainer may type on one part.
const MAX_TYPED: usize = 200;
/// The most digits of a size being typed (1,000,000 has seven).
const MAX_DIGITS: usize = 7;

/// The sizes the trainer typed on the part on stage, and the one being typed.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct TypedSizes {
    /// The part they were typed on, from 0.
    pub act: usize,
    /// The sizes added, in employees.
    pub sizes: Vec<u32>,
    /// The digits typed so far.
    pub typing: String,
}

impl TypedSizes {
    /// Takes a key, as the keyboard's layout names it (a digit wherever the layout puts
    /// it, the number pad's too): a digit is typed, Backspace erases one, Enter adds the
    /// size typed (from 1 to [`MAX_EMPLOYEES`]; another is dropped).
    pub fn key(&mut self, key: &Key) {
        let digit = match key {
            Key::Character(c) => c
                .chars()
                .next()
                .filter(|d| d.is_ascii_digit() && c.len() == 1),
            _ => None,
        };
        match (key, digit) {
            // A leading zero is no digit; past seven digits, none is.
            (_, Some(d))
                if self.typing.len() < MAX_DIGITS && !(d == '0' && self.typing.is_empty()) =>
            {
                self.typing.push(d);
            }
            (Key::Backspace, _) => {
                self.typing.pop();
            }
            (Key::Enter, _) => {
                let typed = std::mem::take(&mut self.typing).parse::<u32>();
                if let Ok(n) = typed
                    && (1..=MAX_EMPLOYEES).contains(&n)
                    && self.sizes.len() < MAX_TYPED
                {
                    self.sizes.push(n);
                }
            }
            _ => {}
        }
    }

    /// The size being typed, if any.
    pub fn typed(&self) -> Option<u32> {
        self.typing.parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_trainer_types_sizes_digit_by_digit() {
        let digit = |d: &str| Key::Character(d.into());
        let mut t = TypedSizes::default();
        for d in ["0", "2", "5", "0"] {
            t.key(&digit(d));
        }
        assert_eq!(t.typing, "250", "a leading zero is no digit");
        t.key(&Key::Backspace);
        t.key(&digit("1"));
        t.key(&Key::Enter);
        assert_eq!((t.sizes.as_slice(), t.typing.as_str()), (&[251][..], ""));
        // Past a million, or nothing typed: nothing added.
        for _ in 0..9 {
            t.key(&digit("9"));
        }
        assert_eq!(t.typing, "9999999", "seven digits at most");
        t.key(&Key::Enter);
        t.key(&Key::Enter);
        assert_eq!(t.sizes, [251]);
        // Letters and other keys type nothing.
        for key in [digit("a"), digit("12"), digit("&"), Key::Space] {
            t.key(&key);
        }
        assert_eq!(t.typing, "");
    }

    #[test]
    fn sizes_are_shown_at_the_nearest_step_on_a_log_scale() {
        let steps: Vec<u32> = size_steps().collect();
        assert_eq!(steps.len(), 19);
        assert_eq!((steps[0], steps[18]), (1, MAX_EMPLOYEES));
        // Between 100 and 200 the middle on a log scale is √20000 ≈ 141.4.
        assert_eq!(size_step(141), 100);
        assert_eq!(size_step(142), 200);
        // Between 200 and 500: √100000 ≈ 316.2.
        assert_eq!(size_step(316), 200);
        assert_eq!(size_step(317), 500);
        assert_eq!(size_step(0), 1);
        assert_eq!(size_step(u32::MAX), MAX_EMPLOYEES);
        for &s in &steps {
            assert_eq!(size_step(s), s);
        }
        // Every size lands on a step no further than a factor √2.5 away (√(5/2)).
        for n in [1, 3, 7, 13, 99, 1234, 4321, 77_777, 999_999] {
            let s = f64::from(size_step(n));
            let ratio = (s / f64::from(n)).max(f64::from(n) / s);
            assert!(ratio <= 2.5f64.sqrt() + 1e-9, "{n} → {s}");
        }
    }

    #[test]
    fn a_session_file_writes_the_ask_and_may_leave_out_the_rest() {
        let o: Organisations =
            ron::from_str(r#"(ask: (en: "How many?", nl: "Hoeveel?"))"#).unwrap();
        assert!(o.guess && o.examples.is_empty());
        let o: Organisations =
            ron::from_str(r#"(ask: (en: "How many?"), guess: false, examples: [12, 300])"#)
                .unwrap();
        assert!(!o.guess);
        assert_eq!(o.examples, [12, 300]);
        assert!(ron::from_str::<Organisations>(r#"(ask: (en: "x"), colour: 3)"#).is_err());
    }
}
