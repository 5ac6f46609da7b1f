//! When bolwerk itself fails (a panic, a bug): a crash report instead of a backtrace on
//! the screen.
//!
//! The `bolwerk` binary installs [`install`]'s hook. On the first panic, anywhere, it
//! writes a report (version, command line, seed, part, the last counts, the panic and
//! its backtrace) to `bolwerk-crash-YYYYMMDD-HHMMSS-PID.txt` in the working folder (or
//! the system's temporary folder if that cannot be written), removes every temporary
//! output still pending, prints one line naming the report, and ends the process with
//! exit code 70. Ending at once, rather than unwinding, keeps a second panic during
//! clean-up (egui refuses to drop undelivered textures, say) from aborting with a core
//! dump, and the pending outputs are removed by name.
//!
//! The app notes what the report should say as it runs ([`note_seed`], [`note_act`],
//! [`note_counts`]; [`CrashNotesPlugin`] notes the simulation's seed and counts, so
//! that the simulation itself knows nothing of crash reports); a test can force a
//! panic after N frames with the environment variable [`PANIC_AFTER_FRAMES`].

use std::io::Write;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use bevy::prelude::*;

use crate::schedule::FrameSet;
use crate::sim::{ContactStats, SimSettings};

/// Exit code after a crash: EX_SOFTWARE, "an internal software error".
pub const EXIT_CODE: i32 = 70;
/// With this environment variable set to N, the simulation panics on its Nth update:
/// for tests of this very report. Not for users; not in `--help`.
pub const PANIC_AFTER_FRAMES: &str = "BOLWERK_TEST_PANIC_AFTER_FRAMES";

/// The last counts, as numbers: written out only if a report is written.
#[derive(Debug, Clone, Copy)]
pub struct Counts {
    /// The simulation's step.
    pub step: u64,
    /// Employees.
    pub employees: u32,
    /// Contacts with customers.
    pub customer: f64,
    /// Contacts between colleagues.
    pub internal: f64,
    /// Customer contacts per contact between colleagues.
    pub ratio: f64,
}

#[derive(Debug, Default)]
struct Context {
    seed: Option<u64>,
    act: Option<usize>,
    counts: Option<Counts>,
}

static CONTEXT: Mutex<Context> = Mutex::new(Context {
    seed: None,
    act: None,
    counts: None,
});
static CRASHED: AtomicBool = AtomicBool::new(false);
/// Put a card on screen after a crash, in this language, full screen or windowed.
static CARD: Mutex<Option<(crate::i18n::Lang, Option<(u32, u32)>)>> = Mutex::new(None);

/// In front of a room (`present`): after a crash, a card fills the screen (or a window
/// of the session's size, `windowed`) for a few seconds and names the report
/// (`bolwerk crash-card`, a process of its own: the crashed one cannot draw any more).
pub fn show_card(lang: crate::i18n::Lang, windowed: Option<(u32, u32)>) {
    if let Ok(mut card) = CARD.lock() {
        *card = Some((lang, windowed));
    }
}

/// Starts the crash card for `report`, if one was asked for; does not wait for it.
fn start_card(report: &std::path::Path) {
    let Some((lang, windowed)) = CARD.try_lock().ok().and_then(|c| *c) else {
        return;
    };
    let Ok(me) = std::env::current_exe() else {
        return;
    };
    let mut card = std::process::Command::new(me);
    card.arg("crash-card")
        .arg(report)
        // A language loaded from a file is not known to the card's own command line,
        // which names no session: the card is then in English.
        .args(["--lang", if lang.compiled() { lang.code() } else { "en" }])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    if let Some((w, h)) = windowed {
        card.args(["--windowed", &format!("{w}x{h}")]);
    }
    if let Some(act) = CONTEXT.try_lock().ok().and_then(|c| c.act) {
        card.args(["--part", &(act + 1).to_string()]);
    }
    let _ = card.spawn();
}

/// The run's seed, for the report.
pub fn note_seed(seed: u64) {
    if let Ok(mut c) = CONTEXT.lock() {
        c.seed = Some(seed);
    }
}

/// The part of a session on stage (from 0), for the report.
pub fn note_act(act: usize) {
    if let Ok(mut c) = CONTEXT.lock() {
        c.act = Some(act);
    }
}

/// The last counts, for the report (each frame: a copy, no formatting).
pub fn note_counts(counts: Counts) {
    if let Ok(mut c) = CONTEXT.lock() {
        c.counts = Some(counts);
    }
}

/// Installs the crash hook (the binary calls it first thing).
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        if CRASHED.swap(true, Ordering::SeqCst) {
            // A second panic while the first is being reported: the first one counts.
            return;
        }
        // Not a bug of bolwerk's: Bevy found a driver but no adapter it can use.
        if message(info).starts_with("Unable to find a GPU") {
            crate::output::remove_pending();
            eprintln!(
                "bolwerk: error: no graphics adapter: the Vulkan driver found none that \
                 works (Mesa's lavapipe draws without a GPU: apt install mesa-vulkan-drivers)"
            );
            std::process::exit(1);
        }
        let report = report(info);
        let written = write(&report);
        crate::output::remove_pending();
        if let Some(path) = &written {
            start_card(path);
        }
        match written {
            Some(path) => eprintln!(
                "bolwerk: internal error; nothing was written; the crash report is {}",
                path.display()
            ),
            None => eprintln!(
                "bolwerk: internal error ({}); nothing was written; no crash report could be saved",
                message(info)
            ),
        }
        std::process::exit(EXIT_CODE);
    }));
}

fn message(info: &std::panic::PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".into())
}

fn report(info: &std::panic::PanicHookInfo<'_>) -> String {
    let context = CONTEXT.try_lock().ok();
    let (seed, act, counts) = context
        .as_ref()
        .map_or((None, None, None), |c| (c.seed, c.act, c.counts));
    let unknown = || "unknown".to_string();
    let location = info
        .location()
        .map_or_else(unknown, |l| format!("{}:{}", l.file(), l.line()));
    let thread = std::thread::current()
        .name()
        .map_or_else(unknown, str::to_string);
    format!(
        "bolwerk {version} crashed\n\
         \n\
         command line: {command}\n\
         seed: {seed}\n\
         part: {act}\n\
         last counts: {counts}\n\
         \n\
         panicked at {location} (thread {thread}):\n{message}\n\
         \n\
         backtrace:\n{backtrace}\n",
        version = env!("CARGO_PKG_VERSION"),
        command = std::env::args().collect::<Vec<_>>().join(" "),
        seed = seed.map_or_else(unknown, |s| s.to_string()),
        act = act.map_or_else(unknown, |a| (a + 1).to_string()),
        counts = counts.map_or_else(unknown, |c| format!(
            "step {}, {} employees, {} customer contacts, {} contacts between colleagues, \
             ratio {:.4}",
            c.step, c.employees, c.customer, c.internal, c.ratio
        )),
        message = message(info),
        backtrace = std::backtrace::Backtrace::force_capture(),
    )
}

/// Writes the report where the user will look first, else where it can be written.
fn write(report: &str) -> Option<PathBuf> {
    let name = format!(
        "bolwerk-crash-{}-{}.txt",
        crate::output::stamp(),
        std::process::id()
    );
    [PathBuf::from("."), std::env::temp_dir()]
        .into_iter()
        .map(|dir| dir.join(&name))
        .find(|path| {
            std::fs::File::create_new(path)
                .and_then(|mut f| f.write_all(report.as_bytes()))
                .is_ok()
        })
        .map(|path| std::path::absolute(&path).unwrap_or(path))
}

/// Notes the simulation's seed and last counts for a crash report, every frame after
/// counting; with [`PANIC_AFTER_FRAMES`] set, panics when told to. Needs `SimPlugin`.
pub struct CrashNotesPlugin;

impl Plugin for CrashNotesPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(Update, note_for_a_crash.after(FrameSet::Count));
        // Tests of the crash report force a panic.
        if let Some(frames) = std::env::var(PANIC_AFTER_FRAMES)
            .ok()
            .and_then(|n| n.parse::<u32>().ok())
        {
            app.add_systems(Update, panic_after(frames).after(FrameSet::Count));
        }
    }
}

/// What a crash report should say about the run: its seed and its last counts.
fn note_for_a_crash(settings: Res<SimSettings>, stats: Res<ContactStats>) {
    if settings.is_changed() {
        note_seed(settings.seed);
    }
    if stats.is_changed() {
        note_counts(Counts {
            step: stats.tick,
            employees: stats.employees,
            customer: stats.customer,
            internal: stats.internal,
            ratio: stats.ratio,
        });
    }
}

/// Panics on the `frames`th update (see [`PANIC_AFTER_FRAMES`]).
fn panic_after(frames: u32) -> impl FnMut() {
    let mut seen = 0;
    move || {
        seen += 1;
        assert!(seen < frames, "a panic asked for by {}", PANIC_AFTER_FRAMES);
    }
}
