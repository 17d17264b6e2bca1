//! One writer per device file: an OS lock held while a process may write.
//!
//! The lock is a file in this machine's local state, `locks/<device>-<hash
//! of the event folder's path>.lock` (see [`LocalState::lock_file`]), taken
//! with `File::try_lock`. The OS releases it when the process dies, so a
//! lock left by a killed process never blocks. Who holds it is written into
//! the lock file itself once it is held: a separate note, or a temporary
//! file to write one atomically, would be left behind by `kill -9`. A
//! process that is refused may read the note half-written, and copes.
//!
//! A holder that is on its way out (a TUI saving after SIGTERM or SIGHUP,
//! for up to three seconds) adds `closing=yes` to its note; a process that
//! finds that waits for the lock, for at most [`CLOSING_WAIT`], instead of
//! opening read-only.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::{Duration, Instant};

use super::local::LocalState;
use super::{Disk, StoreError};

/// How long a start waits for a holder that said it is closing: longer
/// than the TUI's grace after a signal (`GRACE` in `tui/event_loop.rs`).
pub const CLOSING_WAIT: Duration = Duration::from_secs(5);
/// How often a waiting start tries the lock again.
const POLL: Duration = Duration::from_millis(50);
const CLOSING: &str = "closing=yes";

/// A held lock; released when dropped.
#[derive(Debug)]
pub struct Lock {
    held: Arc<Held>,
    path: PathBuf,
}

#[derive(Debug)]
struct Held {
    file: Mutex<File>,
    closing: AtomicBool,
}

/// Every lock this process holds, so that [`mark_all_closing`] can reach
/// them from a thread that has none of them at hand.
static HELD: Mutex<Vec<Weak<Held>>> = Mutex::new(Vec::new());

impl Lock {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Takes the lock for `device` writing its file in `event_dir`, or says
    /// who holds it. Waits while the holder says it is closing.
    pub fn acquire(
        local: &LocalState,
        event_dir: &Path,
        device: &str,
        since: &str,
    ) -> Result<Lock, StoreError> {
        Lock::acquire_waiting(local, event_dir, device, since, CLOSING_WAIT, &mut || {})
    }

    /// [`Lock::acquire`], waiting at most `wait` for a closing holder and
    /// calling `waiting` each time it waits.
    fn acquire_waiting(
        local: &LocalState,
        event_dir: &Path,
        device: &str,
        since: &str,
        wait: Duration,
        waiting: &mut dyn FnMut(),
    ) -> Result<Lock, StoreError> {
        let path = local.lock_file(event_dir, device);
        let dir = local.locks();
        std::fs::create_dir_all(&dir).map_err(|e| StoreError::io(&dir, e))?;
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| StoreError::io(&path, e))?;
        let deadline = Instant::now() + wait;
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) => {
                    // Unreadable (Windows locks the bytes too) reads as empty.
                    let note = std::fs::read_to_string(&path).unwrap_or_default();
                    if is_closing(&note) && Instant::now() < deadline {
                        waiting();
                        std::thread::sleep(POLL);
                        continue;
                    }
                    return Err(StoreError::Locked {
                        dir: event_dir.to_path_buf(),
                        holder: describe_holder(&note),
                    });
                }
                Err(TryLockError::Error(e)) => return Err(StoreError::io(&path, e)),
            }
        }
        let note = format!(
            "host={}\npid={}\nsince={since}\n",
            hostname(),
            std::process::id()
        );
        // Best effort: the lock itself is what matters, the note is a courtesy.
        let _ = write_note(&file, &note);
        let held = Arc::new(Held {
            file: Mutex::new(file),
            closing: AtomicBool::new(false),
        });
        let mut all = HELD.lock().unwrap_or_else(PoisonError::into_inner);
        all.retain(|h| h.strong_count() > 0);
        all.push(Arc::downgrade(&held));
        Ok(Lock { held, path })
    }

    /// Says in the note that this holder is about to let go, so that a
    /// process starting meanwhile waits for the lock rather than opening
    /// the event read-only.
    pub fn mark_closing(&self) {
        self.held.mark_closing();
    }
}

impl Held {
    fn mark_closing(&self) {
        if self.closing.swap(true, Ordering::SeqCst) {
            return;
        }
        let file = self.file.lock().unwrap_or_else(PoisonError::into_inner);
        // Appended in one write, never truncated first: a reader sees the
        // whole note, with or without the line.
        let mut file: &File = &file;
        let _ = file
            .seek(SeekFrom::End(0))
            .and_then(|_| file.write_all(format!("{CLOSING}\n").as_bytes()))
            .and_then(|()| file.flush());
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let file = self
            .held
            .file
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let _ = file.unlock();
    }
}

/// Marks every lock this process holds as closing: for a thread that sees
/// the process is about to end without access to what it has open.
pub fn mark_all_closing() {
    let all = HELD.lock().unwrap_or_else(PoisonError::into_inner);
    for held in all.iter().filter_map(Weak::upgrade) {
        held.mark_closing();
    }
}

impl Disk {
    /// Marks this device's lock on the folder as closing (see
    /// [`Lock::mark_closing`]); nothing when the event is open read-only.
    pub fn mark_closing(&self) {
        if let Some(lock) = &self.lock {
            lock.mark_closing();
        }
    }
}

/// Truncates and writes in place: no temporary file for `kill -9` to leave.
fn write_note(file: &File, note: &str) -> std::io::Result<()> {
    let mut file = file;
    file.set_len(0)?;
    file.seek(SeekFrom::Start(0))?;
    file.write_all(note.as_bytes())?;
    file.flush()
}

fn is_closing(note: &str) -> bool {
    note.lines().any(|l| l.trim() == CLOSING)
}

fn describe_holder(text: &str) -> String {
    let field = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    match (field("host"), field("pid"), field("since")) {
        (Some(host), Some(pid), Some(since)) => {
            format!("unconf on {host} (process {pid}, since {since})")
        }
        _ => "another unconf process".to_string(),
    }
}

/// This machine's name, for lock notes and default device labels.
pub fn hostname() -> String {
    let name = gethostname::gethostname()
        .to_string_lossy()
        .trim()
        .to_string();
    if name.is_empty() {
        "this computer".to_string()
    } else {
        name
    }
}

#[cfg(test)]
mod tests;
