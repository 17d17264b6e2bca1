//! The event on disk: one folder per event, one file per device.
//!
//! Each device writes only its own file. Reading an event reads every device
//! file in the folder (identified by its header, never its name, so that sync
//! tools' conflict copies are simply more input) and merges their versions.
//! See `docs/FORMATS.md` and DESIGN's "Storage".

pub mod atomic;
mod backup;
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
mod scan;
pub mod sync;
pub mod version;

use std::path::{Path, PathBuf};

pub use clock::Clock;
pub use conflict::Conflict;
pub use draft::Drafts;
pub use folder::{Access, Disk, EventFolder, FileSummary, Problem, ProblemKind};
pub use identity::Identity;
pub use local::{EventState, LocalState};
pub use reload::Reload;
pub use replica::Replica;
pub use replica::{Begun, Edit, OwnLag, Source, Written};
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
    #[error("{0}")]
    Invalid(String),
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
