//! Carrying an event between laptops without a shared folder: `pack` puts
//! the device files in one zip (for a USB stick or e-mail), `merge` folds
//! another copy (a folder or such a zip) into this one.
//!
//! Merging writes only this laptop's own file: versions the other copy
//! holds and this folder lacks are carried in it, named by their dots, so
//! they reach every laptop that gets this one's file. No other device's
//! file is ever written here (a sync tool or git would then see two writers
//! of one file). Any number of copies of one device's file, in any order,
//! are just more versions: a union loses none, and merging the same thing
//! again finds nothing new and writes nothing.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::Path;

use super::format::DeviceFile;
use super::{Access, Clock, EventFolder, Identity, StoreError, atomic, scan};
use crate::model::Id;
use crate::model::slug::slugify;

/// One device file found in the other copy.
struct Incoming {
    name: String,
    file: DeviceFile,
}

/// The most a merge unpacks from a zip, all entries together: far more than
/// any real event, and far less than a laptop's memory.
pub const MAX_UNPACKED_BYTES: u64 = 1024 * 1024 * 1024;

/// What a merge did, or would do with `--dry-run`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Records this event did not have.
    pub new_records: usize,
    /// Records it had that the other copy changed.
    pub changed_records: usize,
    /// Records that are now in conflict and were not before.
    pub new_conflicts: usize,
    /// Versions carried into this laptop's file.
    pub versions: usize,
}

impl MergeReport {
    pub fn changed_anything(&self) -> bool {
        self.versions > 0
    }
}

/// Folds the device files of `other` (a folder or a zip) into the event in
/// `dir`. With `dry_run` nothing is written.
pub fn merge(
    dir: &Path,
    me: Identity,
    clock: Clock,
    other: &Path,
    dry_run: bool,
) -> Result<MergeReport, StoreError> {
    let access = if dry_run { Access::Read } else { Access::Write };
    let mut folder = EventFolder::open(dir, me, clock, access)?;
    if let Some(problem) = unreadable(&folder) {
        return Err(StoreError::Unreadable {
            problem: problem.clone(),
            doing: "merged",
        });
    }
    if !dry_run && let Some(reason) = folder.read_only() {
        return Err(StoreError::ReadOnly {
            dir: dir.to_path_buf(),
            reason: reason.to_string(),
        });
    }
    let incoming = read_other(other)?;
    let event = folder.event().id.clone();
    if let Some(stray) = incoming.iter().find(|f| f.file.event != event) {
        return Err(StoreError::OtherEvent {
            name: stray.name.clone(),
            from: other.to_path_buf(),
            theirs: stray.file.event.clone(),
            ours: folder.event().info.name.clone(),
        });
    }
    let before = folder.event().clone();
    let conflicts_before: BTreeSet<Id> = folder.replica().conflicts().cloned().collect();
    let mut versions = Vec::new();
    for item in incoming {
        folder.replica_mut().note_labels(&item.file);
        versions.extend(item.file.into_versions());
    }
    let carried = folder.replica_mut().carry(versions);
    let after = folder.event();
    let mut report = MergeReport {
        versions: carried,
        ..MergeReport::default()
    };
    for id in folder.replica().merged().ids() {
        match (before.record(id), after.record(id)) {
            (None, Some(_)) => report.new_records += 1,
            (Some(a), Some(b)) if a != b => report.changed_records += 1,
            _ => {}
        }
    }
    report.new_conflicts = folder
        .replica()
        .conflicts()
        .filter(|id| !conflicts_before.contains(*id))
        .count();
    if !dry_run && report.changed_anything() {
        folder.save()?;
    }
    Ok(report)
}

/// The first file of the folder that could not be read at all: a file of
/// another event is no part of this one, and a newer unconf's file is read
/// as far as it can be (the event is then read-only), so neither stops a
/// merge or a pack.
fn unreadable(folder: &EventFolder) -> Option<&super::Problem> {
    folder
        .problems()
        .iter()
        .find(|p| p.kind == super::ProblemKind::Unreadable)
}

/// The device files of a folder or a zip, by a safe file name each.
fn read_other(other: &Path) -> Result<Vec<Incoming>, StoreError> {
    let raw = if other.is_dir() {
        read_folder(other)?
    } else {
        read_zip(other)?
    };
    if raw.is_empty() {
        return Err(StoreError::NothingToMerge {
            from: other.to_path_buf(),
        });
    }
    raw.into_iter()
        .map(|(name, bytes)| match DeviceFile::parse(&bytes) {
            Ok(file) => Ok(Incoming { name, file }),
            Err(super::format::FormatError::Newer(version)) => Err(StoreError::IncomingNewer {
                name,
                from: other.to_path_buf(),
                version,
            }),
            Err(source) => Err(StoreError::Incoming {
                name,
                from: other.to_path_buf(),
                source,
            }),
        })
        .collect()
}

fn read_folder(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, StoreError> {
    let mut files = Vec::new();
    for path in scan::candidates(dir).map_err(|e| StoreError::io(dir, e))? {
        let name = safe_name(&path.to_string_lossy());
        let bytes = std::fs::read(&path).map_err(|e| StoreError::io(&path, e))?;
        files.push((name, bytes));
    }
    Ok(files)
}

/// Reads `.ron` entries of a zip. Entry paths are never used as paths here
/// (a zip can name `../../x`); only a slug of the last part is kept.
fn read_zip(path: &Path) -> Result<Vec<(String, Vec<u8>)>, StoreError> {
    read_zip_capped(path, super::format::MAX_FILE_BYTES, MAX_UNPACKED_BYTES)
}

/// [`read_zip`] with its caps given: at most `per_entry` bytes of any one
/// entry and `total` of all entries together. Separate so that tests can
/// prove the caps with a few kilobytes rather than a gigabyte.
fn read_zip_capped(
    path: &Path,
    per_entry: u64,
    total: u64,
) -> Result<Vec<(String, Vec<u8>)>, StoreError> {
    let file = std::fs::File::open(path).map_err(|e| StoreError::io(path, e))?;
    let mut archive = zip::ZipArchive::new(file).map_err(|source| StoreError::NotAZip {
        path: path.to_path_buf(),
        source,
    })?;
    let mut files = Vec::new();
    let mut unpacked: u64 = 0;
    for index in 0..archive.len() {
        let mut entry = archive
            .by_index(index)
            .map_err(|source| StoreError::DamagedZip {
                path: path.to_path_buf(),
                source,
            })?;
        let name = entry
            .name()
            .map(|n| n.into_owned())
            .unwrap_or_else(|_| format!("entry {index}"));
        let last = name.rsplit(['/', '\\']).next().unwrap_or(&name).to_string();
        if entry.is_dir() || scan::is_skipped(&last) {
            continue;
        }
        let too_large = |cap: u64| StoreError::EntryTooLarge {
            path: path.to_path_buf(),
            entry: name.clone(),
            cap,
        };
        if entry.size() > per_entry {
            return Err(too_large(per_entry));
        }
        // The sizes a zip claims are not trusted: reading stops one byte
        // past what is allowed, whatever the entry says. (The `zip` crate
        // also fails an entry that unpacks past its claimed size; this
        // does not rely on it.)
        let allowed = per_entry.min(total - unpacked);
        let mut bytes = Vec::new();
        entry
            .by_ref()
            .take(allowed + 1)
            .read_to_end(&mut bytes)
            .map_err(|source| StoreError::DamagedEntry {
                path: path.to_path_buf(),
                entry: name.clone(),
                source,
            })?;
        let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        if read > per_entry {
            return Err(too_large(per_entry));
        }
        if read > allowed {
            return Err(StoreError::ZipTooLarge {
                path: path.to_path_buf(),
                cap: total,
            });
        }
        unpacked += read;
        files.push((safe_name(&last), bytes));
    }
    Ok(files)
}

/// A size as people read it: "1 GiB", "256 MiB", "4 KiB" or "100 bytes".
pub(crate) fn size_words(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * KIB;
    const GIB: u64 = 1024 * MIB;
    match bytes {
        b if b >= GIB && b % GIB == 0 => format!("{} GiB", b / GIB),
        b if b >= MIB => format!("{} MiB", b / MIB),
        b if b >= KIB => format!("{} KiB", b / KIB),
        b => format!("{b} bytes"),
    }
}

/// The last part of a path as a plain, safe `.ron` file name.
fn safe_name(path: &str) -> String {
    let last = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let stem = last
        .strip_suffix(".ron")
        .or_else(|| last.strip_suffix(".RON"))
        .unwrap_or(last);
    format!("{}.ron", slugify(stem))
}

/// Writes the event's device files into one zip. Returns how many went in.
pub fn pack(dir: &Path, me: Identity, clock: Clock, out: &Path) -> Result<usize, StoreError> {
    let folder = EventFolder::open(dir, me, clock, Access::Read)?;
    if let Some(problem) = unreadable(&folder) {
        return Err(StoreError::Unreadable {
            problem: problem.clone(),
            doing: "packed",
        });
    }
    let slug = dir
        .file_name()
        .map(|n| slugify(&n.to_string_lossy()))
        .unwrap_or_else(|| "event".into());
    let mut buffer = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buffer);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for file in folder.files() {
        let bytes = std::fs::read(&file.path).map_err(|e| StoreError::io(&file.path, e))?;
        let name = file
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let zip_error = |e: zip::result::ZipError| StoreError::Zip { source: e };
        zip.start_file(format!("{slug}/{name}"), options)
            .map_err(zip_error)?;
        zip.write_all(&bytes).map_err(|e| StoreError::io(out, e))?;
    }
    zip.finish().map_err(|source| StoreError::Zip { source })?;
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| StoreError::io(parent, e))?;
    }
    atomic::write(out, buffer.get_ref()).map_err(|e| StoreError::io(out, e))?;
    Ok(folder.files().len())
}

#[cfg(test)]
mod tests;
