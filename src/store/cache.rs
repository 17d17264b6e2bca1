//! This machine's cache of parsed device files, so that opening a large
//! event does not parse the same RON again.
//!
//! Parsing RON is most of the time it takes to open a large event. Each
//! device file that parsed when the event was opened, that changed while
//! it was open (`reload.rs`), and the own file each time it is saved
//! (`saver.rs`), is kept here in a compact binary form
//! (`postcard`), under this machine's local state directory (never in the
//! event folder, which every laptop receives):
//!
//! ```text
//! <state>/cache/<folder hash>/<file name hash>.bin
//! ```
//!
//! An entry serves a file only when its key matches, and the key is the
//! file's content, not its modification time: the file's name, its length
//! and a 128-bit hash (XXH3) of its bytes, together with the cache layout,
//! the device file format and the build of unconf that wrote it (its
//! version and the size and time of its executable, so that a rebuilt
//! binary whose records are laid out differently never reads an old entry).
//! Every device file is read and hashed on every open, so a file that
//! changed, appeared, went away or was replaced by an older copy with the
//! same size and time is always parsed afresh; one changed laptop file
//! costs only its own parse. Each entry also carries a hash of its own
//! body, checked before it is decoded. A missing, truncated, corrupt or
//! mismatched entry is ignored and replaced, never reported: the cache
//! only ever saves time. Entries of files no longer in the folder are removed on open.

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::format::{DeviceFile, FORMAT_VERSION, StoredVersion};
use super::local::LocalState;
use super::version::Context;
use crate::model::id::fnv1a64;
use crate::model::{Id, Record};

/// Bumped whenever the layout of an entry changes (2: times as numbers,
/// see `model::serde_time`).
const CACHE_LAYOUT: u32 = 2;
/// The first bytes of every entry.
const MAGIC: &[u8] = b"unconf parsed device file\n";

/// The cache of one event folder on this machine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileCache {
    dir: PathBuf,
    build: String,
}

/// What an entry must match to serve a file: what the file holds, and who
/// wrote the entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Key {
    layout: u32,
    format: u32,
    build: String,
    name: String,
    len: u64,
    hash: (u64, u64),
}

impl FileCache {
    /// The cache of the event folder `event_dir` on this machine; `None`
    /// when this build cannot name itself (its executable cannot be
    /// found), since an entry must never be read by another build.
    pub fn for_folder(local: &LocalState, event_dir: &Path) -> Option<FileCache> {
        Some(FileCache::with_build(local, event_dir, this_build()?))
    }

    /// As [`for_folder`](FileCache::for_folder), as if written by `build`
    /// (tests: an entry of another build is never read).
    pub fn with_build(local: &LocalState, event_dir: &Path, build: &str) -> FileCache {
        let canonical = std::fs::canonicalize(event_dir)
            .or_else(|_| std::path::absolute(event_dir))
            .unwrap_or_else(|_| event_dir.to_path_buf());
        let folder = fnv1a64(canonical.as_os_str().as_encoded_bytes());
        FileCache {
            dir: local.root().join("cache").join(format!("{folder:016x}")),
            build: build.to_string(),
        }
    }

    /// The folder holding this event folder's entries.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The key a file named `name` holding `bytes` is cached under.
    pub fn key(&self, name: &str, bytes: &[u8]) -> Key {
        let hash = xxhash_rust::xxh3::xxh3_128(bytes);
        Key {
            layout: CACHE_LAYOUT,
            format: FORMAT_VERSION,
            build: self.build.clone(),
            name: name.to_string(),
            len: bytes.len() as u64,
            hash: halves(hash),
        }
    }

    /// The parsed file kept under `key`, when there is one and it reads
    /// back whole.
    pub fn get(&self, key: &Key) -> Option<DeviceFile> {
        self.get_with(key, &mut Vec::new())
    }

    /// [`FileCache::get`], reading the entry into `bytes` (emptied first),
    /// a buffer the caller reuses from one file to the next.
    pub fn get_with(&self, key: &Key, bytes: &mut Vec<u8>) -> Option<DeviceFile> {
        use std::io::Read;
        bytes.clear();
        std::fs::File::open(self.entry(&key.name))
            .and_then(|mut entry| entry.read_to_end(bytes))
            .ok()?;
        let rest = bytes.strip_prefix(MAGIC)?;
        let (kept, rest) = postcard::take_from_bytes::<Key>(rest).ok()?;
        if kept != *key {
            return None;
        }
        // A flipped bit may still decode, as another title: the body is
        // checked whole before it is read.
        let (sum, body) = postcard::take_from_bytes::<(u64, u64)>(rest).ok()?;
        if sum != halves(xxhash_rust::xxh3::xxh3_128(body)) {
            return None;
        }
        let (file, rest) = postcard::take_from_bytes::<CachedFile>(body).ok()?;
        rest.is_empty().then(|| file.into())
    }

    /// Keeps `file`, parsed from the bytes `key` was made of. Best effort:
    /// a cache that cannot be written only means parsing next time.
    pub fn put(&self, key: &Key, file: &DeviceFile) {
        let _ = self.try_put(key, file);
    }

    fn try_put(&self, key: &Key, file: &DeviceFile) -> io::Result<()> {
        let failed = |e: postcard::Error| io::Error::other(e.to_string());
        let body = postcard::to_allocvec(&FileOut::of(file)).map_err(failed)?;
        let sum = halves(xxhash_rust::xxh3::xxh3_128(&body));
        let mut bytes = MAGIC.to_vec();
        bytes = postcard::to_extend(key, bytes).map_err(failed)?;
        bytes = postcard::to_extend(&sum, bytes).map_err(failed)?;
        bytes.extend_from_slice(&body);
        std::fs::create_dir_all(&self.dir)?;
        let path = self.entry(&key.name);
        // A reader (another process opening the folder) sees the old entry
        // or the new one, never half of one; a crash leaves at worst a
        // hidden leftover, removed by the next prune.
        let temporary = self
            .dir
            .join(format!(".{}.{}", std::process::id(), entry_name(&key.name)));
        std::fs::write(&temporary, &bytes)?;
        std::fs::rename(&temporary, &path).inspect_err(|_| {
            let _ = std::fs::remove_file(&temporary);
        })
    }

    /// Removes the entries of files other than `names` (files gone from
    /// the folder) and leftovers of interrupted writes. Quiet.
    pub fn prune<'a>(&self, names: impl IntoIterator<Item = &'a str>) {
        let keep: BTreeSet<String> = names.into_iter().map(entry_name).collect();
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let leftover =
                name.starts_with('.') && !name.starts_with(&format!(".{}.", std::process::id()));
            if leftover || (!name.starts_with('.') && !keep.contains(&name)) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    fn entry(&self, name: &str) -> PathBuf {
        self.dir.join(entry_name(name))
    }
}

fn halves(hash: u128) -> (u64, u64) {
    ((hash >> 64) as u64, hash as u64)
}

fn entry_name(file_name: &str) -> String {
    format!("{:016x}.bin", fnv1a64(file_name.as_bytes()))
}

/// This build of unconf: its version, and the size and modification time
/// of its executable, which change with every build.
fn this_build() -> Option<&'static str> {
    static BUILD: OnceLock<Option<String>> = OnceLock::new();
    BUILD
        .get_or_init(|| {
            let exe = std::env::current_exe().ok()?;
            let meta = std::fs::metadata(exe).ok()?;
            let modified = meta
                .modified()
                .ok()?
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?;
            Some(format!(
                "{} {} {}.{:09}",
                env!("CARGO_PKG_VERSION"),
                meta.len(),
                modified.as_secs(),
                modified.subsec_nanos()
            ))
        })
        .as_deref()
}

// The device file as the cache keeps it. The file's own serde attributes
// leave empty fields out, which suits RON but not a format without field
// names; here every field is written, in this order. `FileOut` writes from
// a borrowed file, `CachedFile` reads into an owned one; a test checks that
// they agree.

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'a str,
    version: u32,
    event: &'a Id,
    device: &'a str,
    label: &'a str,
    seq: u64,
    counters: &'a BTreeMap<String, u64>,
    records: Vec<VersionOut<'a>>,
    carried: Vec<VersionOut<'a>>,
    labels: &'a BTreeMap<String, String>,
}

#[derive(Serialize)]
struct VersionOut<'a> {
    id: &'a Id,
    by: &'a str,
    n: u64,
    vv: &'a BTreeMap<String, u64>,
    seen: &'a Context,
    set: &'a [String],
    deleted: bool,
    saw: &'a [(String, u64)],
    author: &'a str,
    #[serde(with = "crate::model::serde_time::utc")]
    at: DateTime<Utc>,
    value: &'a Option<Record>,
}

#[derive(Deserialize)]
struct CachedFile {
    format: String,
    version: u32,
    event: Id,
    device: String,
    label: String,
    seq: u64,
    counters: BTreeMap<String, u64>,
    records: Vec<CachedVersion>,
    carried: Vec<CachedVersion>,
    labels: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct CachedVersion {
    id: Id,
    by: String,
    n: u64,
    vv: BTreeMap<String, u64>,
    seen: Context,
    set: Vec<String>,
    deleted: bool,
    saw: Vec<(String, u64)>,
    author: String,
    #[serde(with = "crate::model::serde_time::utc")]
    at: DateTime<Utc>,
    value: Option<Record>,
}

impl<'a> FileOut<'a> {
    fn of(file: &'a DeviceFile) -> FileOut<'a> {
        let DeviceFile {
            format,
            version,
            event,
            device,
            label,
            seq,
            counters,
            records,
            carried,
            labels,
        } = file;
        FileOut {
            format,
            version: *version,
            event,
            device,
            label,
            seq: *seq,
            counters,
            records: records.iter().map(VersionOut::of).collect(),
            carried: carried.iter().map(VersionOut::of).collect(),
            labels,
        }
    }
}

impl<'a> VersionOut<'a> {
    fn of(stored: &'a StoredVersion) -> VersionOut<'a> {
        let StoredVersion {
            id,
            by,
            n,
            vv,
            seen,
            set,
            deleted,
            saw,
            author,
            at,
            value,
        } = stored;
        VersionOut {
            id,
            by,
            n: *n,
            vv,
            seen,
            set,
            deleted: *deleted,
            saw,
            author,
            at: *at,
            value,
        }
    }
}

impl From<CachedFile> for DeviceFile {
    fn from(file: CachedFile) -> DeviceFile {
        DeviceFile {
            format: file.format,
            version: file.version,
            event: file.event,
            device: file.device,
            label: file.label,
            seq: file.seq,
            counters: file.counters,
            records: file.records.into_iter().map(StoredVersion::from).collect(),
            carried: file.carried.into_iter().map(StoredVersion::from).collect(),
            labels: file.labels,
        }
    }
}

impl From<CachedVersion> for StoredVersion {
    fn from(v: CachedVersion) -> StoredVersion {
        StoredVersion {
            id: v.id,
            by: v.by,
            n: v.n,
            vv: v.vv,
            seen: v.seen,
            set: v.set,
            deleted: v.deleted,
            saw: v.saw,
            author: v.author,
            at: v.at,
            value: v.value,
        }
    }
}

#[cfg(test)]
mod tests;
