//! This machine's own state for its events: locks, drafts, backups and
//! folded conflict copies.
//!
//! The event folder is copied to every laptop by whatever carries it, so it
//! holds device files only. What concerns one machine lives under its local
//! state directory instead:
//!
//! ```text
//! <root>/locks/<device>-<folder hash>.lock      one writer per device file
//! <root>/events/<event id>/drafts/<device>.ron  text still being typed
//! <root>/events/<event id>/backups/             rolling copies of the own file
//! <root>/events/<event id>/trash/               own conflict copies, once folded
//! <root>/events/<event id>/runs/<device>        runs of this device here
//! <root>/events/<event id>/place/<device>       where the TUI left off
//! <root>/events/<event id>/resolve/<device>.ron what `unconf resolve` listed
//! ```
//!
//! `<root>` is `directories`' state directory (`$XDG_STATE_HOME/unconf`, else
//! `~/.local/state/unconf` on Linux), or its local data directory where the
//! platform has no state directory (macOS, Windows).

use std::cell::RefCell;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::{Disk, atomic};
use crate::model::Id;
use crate::model::id::fnv1a64;

mod takeover;

/// Where this machine keeps its state for events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalState {
    root: PathBuf,
}

/// This machine's state for one event (the same event in two folders on
/// one machine shares it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventState {
    dir: PathBuf,
}

thread_local! {
    static THREAD_ROOT: RefCell<Option<PathBuf>> = const { RefCell::new(None) };
}

// Unit tests open events without saying where local state goes; each test
// thread gets a folder of its own that goes when the thread ends, so that
// `cargo test` never writes into the developer's own state directory.
#[cfg(test)]
thread_local! {
    static TEST_ROOT: Option<tempfile::TempDir> = tempfile::tempdir().ok();
}

impl LocalState {
    /// Local state kept under `root` (tests, and [`LocalState::machine`]).
    pub fn at(root: impl Into<PathBuf>) -> LocalState {
        LocalState { root: root.into() }
    }

    /// This machine's local state: the folder [`on_this_thread`] set, else
    /// the platform's state directory, else its local data directory.
    pub fn machine() -> LocalState {
        if let Some(root) = THREAD_ROOT.try_with(|r| r.borrow().clone()).ok().flatten() {
            return LocalState::at(root);
        }
        #[cfg(test)]
        if let Some(root) = TEST_ROOT
            .try_with(|d| d.as_ref().map(|d| d.path().to_path_buf()))
            .ok()
            .flatten()
        {
            return LocalState::at(root);
        }
        let platform = directories::ProjectDirs::from("org", "unconf", "unconf").map(|d| {
            d.state_dir()
                .unwrap_or_else(|| d.data_local_dir())
                .to_path_buf()
        });
        // Without a home directory there is no per-user place at all; the
        // temporary directory still gives every process the same locks.
        LocalState::at(platform.unwrap_or_else(|| std::env::temp_dir().join("unconf-state")))
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder of lock files, for every event folder on this machine.
    pub fn locks(&self) -> PathBuf {
        self.root.join("locks")
    }

    /// The lock file of `device` writing its file in `event_dir`. Keyed by
    /// the folder, not the event: one event can sit in two folders on one
    /// machine, each with its own device file, and the lock is taken before
    /// the folder is read.
    pub fn lock_file(&self, event_dir: &Path, device: &str) -> PathBuf {
        let canonical = std::fs::canonicalize(event_dir)
            .or_else(|_| std::path::absolute(event_dir))
            .unwrap_or_else(|_| event_dir.to_path_buf());
        let key = folder_key(&canonical);
        self.locks().join(format!(
            "{}-{:012x}.lock",
            component(device),
            fnv1a64(&key) & 0xffff_ffff_ffff
        ))
    }

    /// This machine's latest copy of the own file at `own_path`, whatever
    /// event it is of: for a folder whose only device file this machine
    /// can no longer read (or no longer has), so that the event is known.
    pub fn latest_anywhere(&self, own_path: &Path) -> Option<PathBuf> {
        let events = std::fs::read_dir(self.root.join("events")).ok()?;
        events
            .filter_map(Result::ok)
            .map(|entry| EventState { dir: entry.path() }.latest(own_path))
            .filter(|path| path.is_file())
            .max_by_key(|path| std::fs::metadata(path).and_then(|m| m.modified()).ok())
    }

    /// This machine's state for the event `event`.
    pub fn for_event(&self, event: &Id) -> EventState {
        EventState {
            dir: self.root.join("events").join(component(event.as_str())),
        }
    }

    /// Moves what an older unconf kept in `.unconf/` inside `event_dir`
    /// (this device's drafts, backups, conflict copies and lock files) into
    /// this machine's state, and removes `.unconf/` once it is empty. Other
    /// devices' files stay: removing them from a synced folder would remove
    /// them from their laptops. Quiet: whatever fails stays where it was.
    pub fn take_over(&self, event_dir: &Path, event: &Id, device: &str, own_file: &Path) {
        let state = self.for_event(event);
        takeover::take_over(event_dir, &state, device, own_file);
        state.sweep();
    }
}

/// Case-insensitive file systems see one folder under several spellings.
fn folder_key(path: &Path) -> Vec<u8> {
    let bytes = path.as_os_str().as_encoded_bytes();
    if cfg!(any(target_os = "macos", windows)) {
        bytes.to_ascii_lowercase()
    } else {
        bytes.to_vec()
    }
}

impl EventState {
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn drafts(&self) -> PathBuf {
        self.dir.join("drafts")
    }

    pub fn backups(&self) -> PathBuf {
        self.dir.join("backups")
    }

    pub fn trash(&self) -> PathBuf {
        self.dir.join("trash")
    }

    /// This machine's copy of the own file as it last wrote it: a file put
    /// back in the event folder (a restore, a sync tool, a copy from a USB
    /// stick) can then never take back edits this machine made.
    /// Keyed by the event folder as well: one event can sit in two folders
    /// on one machine, each with its own device file.
    pub fn latest(&self, own_path: &Path) -> PathBuf {
        let folder = own_path.parent().unwrap_or(own_path);
        let canonical = std::fs::canonicalize(folder)
            .or_else(|_| std::path::absolute(folder))
            .unwrap_or_else(|_| folder.to_path_buf());
        let name = own_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.dir.join("latest").join(format!(
            "{:012x}-{}",
            fnv1a64(&folder_key(&canonical)) & 0xffff_ffff_ffff,
            component_file(&name)
        ))
    }

    /// Keeps `bytes` as the latest copy of the own file at `own_path`. Best
    /// effort, and not synced to the disk: the own file itself is, and this
    /// copy only guards it against being replaced by an older one.
    pub fn keep_latest(&self, own_path: &Path, bytes: &[u8]) {
        let path = self.latest(own_path);
        let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
            return;
        };
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        let temporary = dir.join(format!(".{}.writing", name.to_string_lossy()));
        if std::fs::write(&temporary, bytes).is_ok() && std::fs::rename(&temporary, &path).is_err()
        {
            let _ = std::fs::remove_file(&temporary);
        }
    }

    /// What `unconf resolve` last listed on this machine.
    pub fn resolve(&self) -> PathBuf {
        self.dir.join("resolve")
    }

    /// How many runs of this device have written to this event on this
    /// machine. Under a fixed clock (scripts, tests) the count is what
    /// tells two runs apart that start from the same own file, as after a
    /// restore.
    pub fn runs(&self, device: &str) -> u64 {
        std::fs::read_to_string(self.runs_file(device))
            .ok()
            .and_then(|text| text.trim().parse::<u64>().ok())
            .unwrap_or(0)
    }

    /// Records that run number `run` of this device wrote here. Called
    /// while holding the device's lock, once the run's first save is made,
    /// so that a refused command leaves nothing behind.
    pub fn record_run(&self, device: &str, run: u64) {
        let path = self.runs_file(device);
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        // Best effort: without it runs are still told apart by the own
        // file's counters and the time.
        let _ = super::atomic::write(&path, run.to_string().as_bytes());
    }

    /// Where this device's TUI left off in the event (see `tui::place`),
    /// as it was written; `None` when it was never written.
    pub fn place(&self, device: &str) -> Option<String> {
        std::fs::read_to_string(self.place_file(device)).ok()
    }

    /// Remembers where the TUI left off. Best effort: failing to remember
    /// only means opening on the first screen next time.
    pub fn set_place(&self, device: &str, text: &str) {
        let path = self.place_file(device);
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        let _ = super::atomic::write(&path, text.as_bytes());
    }

    fn place_file(&self, device: &str) -> PathBuf {
        self.dir.join("place").join(component(device))
    }

    fn runs_file(&self, device: &str) -> PathBuf {
        self.dir.join("runs").join(component(device))
    }

    /// The backups of the own file `own_name`, newest first.
    pub fn backups_of(&self, own_name: &str) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(self.backups()) else {
            return Vec::new();
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter(|e| {
                e.file_name()
                    .to_str()
                    .is_some_and(|n| n.starts_with(own_name) && !n.starts_with('.'))
            })
            .map(|e| e.path())
            .collect();
        found.sort();
        found.reverse();
        found
    }

    /// Removes what interrupted writes left here long ago. Only ever-hidden
    /// names are touched, and only old ones: a write in progress (by a
    /// process with the same event open from another folder) is recent.
    fn sweep(&self) {
        for dir in [self.drafts(), self.backups(), self.trash()] {
            sweep_stale(&dir, STALE);
        }
    }
}

impl Disk {
    /// This machine's state for the open event.
    pub fn local(&self) -> &EventState {
        &self.local
    }
}

/// A temporary file older than this is a leftover, not a write in progress.
const STALE: Duration = Duration::from_secs(60 * 60);

fn sweep_stale(dir: &Path, age: Duration) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let hidden = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with('.'));
        let old = entry
            .metadata()
            .ok()
            .filter(std::fs::Metadata::is_file)
            .and_then(|m| m.modified().ok())
            .and_then(|t| SystemTime::now().duration_since(t).ok())
            .is_some_and(|elapsed| elapsed >= age);
        if hidden && old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Makes [`LocalState::machine`] on the calling thread use `root` until the
/// returned guard is dropped: for tests (and tools) that open events in
/// this process but keep their state somewhere of their own. The choice is
/// per thread so that tests running side by side never see each other's.
pub fn on_this_thread(root: &Path) -> ThreadRoot {
    let previous = THREAD_ROOT
        .try_with(|r| r.replace(Some(root.to_path_buf())))
        .ok()
        .flatten();
    ThreadRoot { previous }
}

/// Restores the thread's earlier choice when dropped; see [`on_this_thread`].
#[derive(Debug)]
#[must_use = "the folder is used only while the guard lives"]
pub struct ThreadRoot {
    previous: Option<PathBuf>,
}

impl Drop for ThreadRoot {
    fn drop(&mut self) {
        let previous = self.previous.take();
        let _ = THREAD_ROOT.try_with(|r| r.replace(previous));
    }
}

/// `text` as one safe path component: itself when it is plain ASCII letters
/// and digits (as ids are), else a hash of it, so that a hand-edited id can
/// never name a path outside the state directory.
/// A device file's name as a safe file name here: a plain name is kept.
fn component_file(name: &str) -> String {
    let plain = !name.is_empty()
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_');
    if plain {
        name.to_string()
    } else {
        format!("{}.ron", component(name))
    }
}

pub fn component(text: &str) -> String {
    let plain =
        !text.is_empty() && text.len() <= 64 && text.bytes().all(|b| b.is_ascii_alphanumeric());
    if plain {
        text.to_string()
    } else {
        // The dash keeps a hash from ever equalling a plain id.
        format!("id-{:016x}", fnv1a64(text.as_bytes()))
    }
}

/// Moves `file` (this device's conflict copy, already folded into its own
/// file) into `trash`. Its name gets the hash of its content, so that two
/// copies that a sync tool named alike (Dropbox names them by date only)
/// are both kept and neither replaces the other.
pub(super) fn to_trash(file: &Path, trash: &Path) -> io::Result<PathBuf> {
    let name = file_name(file)?;
    let bytes = std::fs::read(file)?;
    let hash = fnv1a64(&bytes);
    let names: Vec<String> = (0..NAME_TRIES)
        .map(|n| hashed_name(name, hash, n))
        .collect();
    move_into(file, &bytes, trash, &names)
}

/// How many names a file may try before it is left where it is.
const NAME_TRIES: usize = 16;

fn file_name(file: &Path) -> io::Result<&str> {
    file.file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))
}

/// `name` with a content hash (and, after a clash, a number) put before its
/// extension: `x (conflicted copy 2026-11-27).0123456789abcdef.ron`.
fn hashed_name(name: &str, hash: u64, attempt: usize) -> String {
    let tag = match attempt {
        0 => format!("{hash:016x}"),
        n => format!("{hash:016x}-{n}"),
    };
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{stem}.{tag}.{ext}"),
        _ => format!("{name}.{tag}"),
    }
}

/// Moves `from` (whose content is `bytes`) into `dir` under the first of
/// `names` that is free; a name that already holds the same bytes means the
/// file is kept already, and `from` just goes. Never replaces another file.
fn move_into(from: &Path, bytes: &[u8], dir: &Path, names: &[String]) -> io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    for name in names {
        let to = dir.join(name);
        match std::fs::symlink_metadata(&to) {
            Ok(_) => {
                if std::fs::read(&to).is_ok_and(|kept| kept == bytes) {
                    std::fs::remove_file(from)?;
                    return Ok(to);
                }
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                transfer(from, &to, bytes)?;
                return Ok(to);
            }
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("no free name for {} in {}", from.display(), dir.display()),
    ))
}

/// A rename where it can be; the state directory is usually on another file
/// system than the event folder, where rename fails and a crash-safe copy
/// followed by a removal does the same.
fn transfer(from: &Path, to: &Path, bytes: &[u8]) -> io::Result<()> {
    if std::fs::rename(from, to).is_ok() {
        return Ok(());
    }
    atomic::write(to, bytes)?;
    std::fs::remove_file(from)
}

#[cfg(test)]
mod tests;
