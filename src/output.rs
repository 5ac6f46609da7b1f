//! Output that appears under its name only when it is complete.
//!
//! Files and folders are written under a temporary name beside the target and renamed
//! into place at the end. If anything fails, or the run is interrupted, the temporary
//! one is removed when it is dropped, and nothing is left under the final name.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use crate::failure::Failure;

/// `YYYYMMDD-HHMMSS` for now, in local time, for names of screenshots and recordings.
pub fn stamp() -> String {
    jiff::ZonedDateTime::now()
        .strftime("%Y%m%d-%H%M%S")
        .to_string()
}

/// The folder an output goes in (`.` for a bare file name).
fn parent_of(target: &Path) -> &Path {
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Names an output place that cannot be written.
fn unwritable(flag: &str, target: &Path) -> impl FnOnce(std::io::Error) -> Failure {
    move |e| {
        Failure::Input(format!(
            "{flag} {}: cannot write there: {e}",
            target.display()
        ))
    }
}

/// The longest a video may run, and a session's part with it, in seconds: an hour.
pub const LONGEST_SECS: f64 = 3600.0;

/// Whether `path`'s name ends in one of `extensions` (given without the dot), in any
/// case: `Talk.PDF` is a `pdf`.
pub fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Refuses a target that exists, unless `force`.
pub fn check_target(target: &Path, force: bool, flag: &str) -> Result<(), Failure> {
    if target.exists() && !force {
        return Err(Failure::Input(format!(
            "{flag} {}: exists already (add --force to replace it)",
            target.display()
        )));
    }
    Ok(())
}

/// Every temporary output not yet put in place, for [`remove_pending`]: a crash that
/// ends the process at once runs no destructors.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A temporary output's place in [`PENDING`], for as long as it lives.
#[derive(Debug)]
struct Registered(PathBuf);

impl Registered {
    fn new(path: &Path) -> Self {
        if let Ok(mut pending) = PENDING.lock() {
            pending.push(path.to_path_buf());
        }
        Registered(path.to_path_buf())
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        if let Ok(mut pending) = PENDING.lock()
            && let Some(k) = pending.iter().position(|p| *p == self.0)
        {
            pending.swap_remove(k);
        }
    }
}

/// Removes every temporary output that is still pending (the crash handler's last
/// act). Never waits: if the list is locked, it does nothing.
pub fn remove_pending() {
    let Ok(pending) = PENDING.try_lock() else {
        return;
    };
    for path in pending.iter() {
        if path.is_dir() {
            let _ = std::fs::remove_dir_all(path);
        } else {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// A file being written under a temporary name beside its target.
#[derive(Debug)]
pub struct PendingFile {
    temp: tempfile::NamedTempFile,
    target: PathBuf,
    _registered: Registered,
}

impl PendingFile {
    /// Creates the temporary file now, so an unwritable place fails before any work.
    /// `suffix` ends the temporary name (an encoder may need the right extension).
    pub fn create(target: &Path, suffix: &str, flag: &str) -> Result<Self, Failure> {
        if target.is_dir() {
            return Err(Failure::Input(format!(
                "{flag} {}: is a folder",
                target.display()
            )));
        }
        let temp = tempfile::Builder::new()
            .prefix(".bolwerk-")
            .suffix(suffix)
            .tempfile_in(parent_of(target))
            .map_err(unwritable(flag, target))?;
        Ok(Self {
            _registered: Registered::new(temp.path()),
            temp,
            target: target.to_path_buf(),
        })
    }

    /// The temporary file's path, for a program that writes it by name.
    pub fn path(&self) -> &Path {
        self.temp.path()
    }

    /// The open temporary file.
    pub fn file(&mut self) -> &mut std::fs::File {
        self.temp.as_file_mut()
    }

    /// The final name.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Syncs the file, makes it readable like any other, and renames it into place.
    pub fn commit(self) -> Result<(), Failure> {
        let target = self.target;
        let fail = |e: std::io::Error| Failure::Runtime(format!("{}: {e}", target.display()));
        // Reopen by path: a program may have replaced the file the handle points to.
        let file = std::fs::File::open(self.temp.path()).map_err(fail)?;
        file.sync_all().map_err(fail)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(self.temp.path(), std::fs::Permissions::from_mode(0o644))
                .map_err(fail)?;
        }
        self.temp.persist(&target).map_err(|e| fail(e.error))?;
        Ok(())
    }

    /// Writes `bytes` and commits.
    pub fn write_all(mut self, bytes: &[u8]) -> Result<(), Failure> {
        use std::io::Write;
        let target = self.target.clone();
        self.file()
            .write_all(bytes)
            .map_err(|e| Failure::Runtime(format!("{}: {e}", target.display())))?;
        self.commit()
    }
}

/// A folder being filled under a temporary name beside its target.
#[derive(Debug)]
pub struct PendingDir {
    temp: tempfile::TempDir,
    target: PathBuf,
    _registered: Registered,
}

impl PendingDir {
    /// Creates the temporary folder now, so an unwritable place fails before any work.
    pub fn create(target: &Path, flag: &str) -> Result<Self, Failure> {
        let temp = tempfile::Builder::new()
            .prefix(".bolwerk-")
            .suffix(".partial")
            .tempdir_in(parent_of(target))
            .map_err(unwritable(flag, target))?;
        Ok(Self {
            _registered: Registered::new(temp.path()),
            temp,
            target: target.to_path_buf(),
        })
    }

    /// The temporary folder.
    pub fn path(&self) -> &Path {
        self.temp.path()
    }

    /// Renames the folder into place, replacing an old one of the same name.
    pub fn commit(self) -> Result<(), Failure> {
        let fail = |e: std::io::Error| Failure::Runtime(format!("{}: {e}", self.target.display()));
        if self.target.is_dir() {
            std::fs::remove_dir_all(&self.target).map_err(fail)?;
        } else if self.target.exists() {
            std::fs::remove_file(&self.target).map_err(fail)?;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(self.temp.path(), std::fs::Permissions::from_mode(0o755))
                .map_err(fail)?;
        }
        let path = self.temp.keep();
        std::fs::rename(&path, &self.target).map_err(|e| {
            let _ = std::fs::remove_dir_all(&path);
            fail(e)
        })
    }
}

/// SIGINT and SIGTERM set a flag instead of killing the process, so that a long job
/// (a video, a handout) can remove its temporary output before it exits.
pub fn interrupt_flag() -> Result<Arc<AtomicBool>, Failure> {
    let flag = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register(signal, Arc::clone(&flag))
            .map_err(|e| Failure::Runtime(format!("cannot watch for Ctrl-C: {e}")))?;
    }
    Ok(flag)
}

#[cfg(test)]
mod tests {
    use super::stamp;

    #[test]
    fn stamps_are_calendar_times_that_sort() {
        let s = stamp();
        assert_eq!(s.len(), 15, "{s}");
        assert_eq!(&s[8..9], "-");
        assert!(s.starts_with("20"), "{s}");
        assert!(
            s.chars().filter(|c| *c != '-').all(|c| c.is_ascii_digit()),
            "{s}"
        );
    }
}
