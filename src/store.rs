//! The event on disk: one folder per event, one file per device.
//!
//! Each device writes only its own file. Reading an event reads every device
//! file in the folder (identified by its header, never its name, so that sync
//! tools' conflict copies are simply more input) and merges their versions.
//! See `docs/FORMATS.md` and `docs/ARCHITECTURE.md`, "The store".

pub mod atomic;
mod backup;
pub mod cache;
pub mod carry;
pub mod clock;
mod conflict;
pub mod draft;
mod folder;
pub mod format;
pub mod generate;
pub mod identity;
pub mod local;
pub mod location;
pub mod lock;
mod reload;
mod replica;
pub mod saver;
mod scan;
pub mod sync;
pub mod version;

use std::path::{Path, PathBuf};

pub use clock::Clock;
pub use conflict::Conflict;
pub use draft::Drafts;
pub use folder::{Access, Disk, EventFolder, FileSummary, Loading, Problem, ProblemKind, Stage};
pub use identity::Identity;
pub use local::{EventState, LocalState};
pub use reload::Reload;
pub use replica::{Begun, Edit, OwnLag, ReadOnlyError, Source, Written};
pub use replica::{OwnSnapshot, Replica};
pub use version::{Context, Dot, Merged, Version};

/// What can go wrong reading or writing an event. Each renders as one
/// sentence that says what and where.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("Could not use {}: {source}.", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} is not an unconf event folder: {reason}.", dir.display())]
    NotAnEvent { dir: PathBuf, reason: String },
    #[error("{} is already open for editing by this device in {holder}; close it there first (reading still works).", dir.display())]
    Locked { dir: PathBuf, holder: String },
    #[error("{} is read-only here: {reason}.", dir.display())]
    ReadOnly { dir: PathBuf, reason: String },
    #[error("Could not save {}: {source}; the file on disk is as it was before this edit.", path.display())]
    Save {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("Saved {}, but its folder could not be synced to the disk ({source}); the edit is kept and saved again with the next change.", path.display())]
    Unsynced {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "Saving stopped before the file was written; every edit is kept here and saved with the next change."
    )]
    SaveStopped,
    #[error("Could not write {what}: {source}.")]
    Encode { what: String, source: ron::Error },
    #[error("{problem}; fix that first, nothing was {doing}.")]
    Unreadable {
        problem: Problem,
        doing: &'static str,
    },
    #[error("{name} in {} belongs to another event (id {theirs}), not {ours}; nothing was merged.", from.display())]
    OtherEvent {
        name: String,
        from: PathBuf,
        theirs: crate::model::Id,
        ours: String,
    },
    #[error("{} holds no unconf device files; give an event folder or a zip made by `unconf pack`.", from.display())]
    NothingToMerge { from: PathBuf },
    #[error("{name} in {} was written by a newer unconf (format version {version}, this build reads up to {}); update unconf first, nothing was merged.", from.display(), format::FORMAT_VERSION)]
    IncomingNewer {
        name: String,
        from: PathBuf,
        version: u32,
    },
    #[error("{name} in {} could not be read: {source}; nothing was merged.", from.display())]
    Incoming {
        name: String,
        from: PathBuf,
        source: format::FormatError,
    },
    #[error("{} is neither an event folder nor a readable zip ({source}).", path.display())]
    NotAZip {
        path: PathBuf,
        source: zip::result::ZipError,
    },
    #[error("{} is damaged ({source}); nothing was merged.", path.display())]
    DamagedZip {
        path: PathBuf,
        source: zip::result::ZipError,
    },
    #[error("{entry} in {} is damaged ({source}); nothing was merged.", path.display())]
    DamagedEntry {
        path: PathBuf,
        entry: String,
        source: std::io::Error,
    },
    #[error("{entry} in {} unpacks to more than {}, larger than any real event file; nothing was merged.", path.display(), carry::size_words(*cap))]
    EntryTooLarge {
        path: PathBuf,
        entry: String,
        cap: u64,
    },
    #[error("{} unpacks to more than {} in all, larger than any real event; nothing was merged.", path.display(), carry::size_words(*cap))]
    ZipTooLarge { path: PathBuf, cap: u64 },
    #[error("Could not build the zip: {source}.")]
    Zip { source: zip::result::ZipError },
    #[error("There is no event \"{query}\" in {}; `unconf list` shows the events there.", sessions.display())]
    NoSuchEvent { query: String, sessions: PathBuf },
    #[error("\"{query}\" matches {} events in {}: {}; use the folder name.", matches.len(), sessions.display(), matches.join(", "))]
    AmbiguousEvent {
        query: String,
        sessions: PathBuf,
        matches: Vec<String>,
    },
    #[error("{} line {line}, column {column}: {reason}; fix it, or delete it to choose a new device name.", path.display())]
    BadIdentity {
        path: PathBuf,
        line: usize,
        column: usize,
        reason: String,
    },
    #[error("{}: the device id \"{}\" may hold only lower-case letters and digits; fix it, or delete the file to choose a new device name.", path.display(), crate::model::text::inert_line(device))]
    BadDeviceId { path: PathBuf, device: String },
    #[error(
        "git is not installed or not on the PATH; install git, or carry the event with `unconf pack` instead."
    )]
    NoGit,
    #[error("{} is not inside a git work tree; use `git init` and add a remote, or carry the event with `unconf pack`.", dir.display())]
    NotInGit { dir: PathBuf },
    #[error(
        "The git repository at {top} has no remote to sync with; add one with `git remote add origin URL`."
    )]
    NoRemote { top: String },
    #[error("git left a conflict in {first}{}; nothing of this laptop's was lost, but resolve it with git (`git status` in {top}) before the next sync.", if *more > 0 { format!(" and {more} more file(s)") } else { String::new() })]
    GitConflict {
        first: String,
        more: usize,
        top: String,
    },
    #[error("Could not {doing} the git remote ({}); your notes are committed locally and will go with the next sync.", source.to_string().trim_end_matches('.'))]
    Remote {
        doing: &'static str,
        source: Box<StoreError>,
    },
    #[error("Could not run git: {source}.")]
    RunGit { source: std::io::Error },
    #[error("git {command}: {complaint}")]
    Git { command: String, complaint: String },
    #[error("Cannot generate that event: {reason}.")]
    Sizes { reason: String },
    #[error("{} is not empty; give generate a new or empty folder so that no event is mixed with another.", dir.display())]
    NotEmpty { dir: PathBuf },
    #[error("Generating the event failed: {source}.")]
    Generate { source: crate::model::ops::OpError },
}

impl StoreError {
    pub fn io(path: &Path, source: std::io::Error) -> StoreError {
        StoreError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// 64 random bits from the standard library's per-process hash keys: enough
/// to keep a copied identity's ids apart without a random-number crate.
pub(crate) fn random_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    hasher.write_u32(std::process::id());
    hasher.finish()
}
