//! Carrying an event between laptops without a shared folder: `pack` puts
//! the device files in one zip (for a USB stick or e-mail), `merge` folds
//! another copy (a folder or such a zip) into this one.
//!
//! Merging never deletes and never writes another device's file with less
//! than it had: a copy that holds everything the local file holds replaces
//! it; a copy that diverged is kept beside it under a name derived from its
//! content (so merging again adds nothing); this device's own versions are
//! folded into its own file. Repeating a merge, or merging in any order,
//! ends in the same merged event.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::format::{DeviceFile, FORMAT_VERSION};
use super::version::Merged;
use super::{Access, Clock, EventFolder, Identity, StoreError, atomic, scan};
use crate::model::id::fnv1a64;
use crate::model::slug::slugify;

/// One device file found in the other copy.
struct Incoming {
    name: String,
    bytes: Vec<u8>,
    file: DeviceFile,
}

/// What a merge did, or would do with `--dry-run`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Files of devices this folder had not seen.
    pub added: Vec<String>,
    /// Local copies replaced by a copy holding everything they held and more.
    pub updated: Vec<String>,
    /// Diverged copies kept beside the local file.
    pub kept_beside: Vec<String>,
    /// Versions of this device's own records that came back from elsewhere.
    pub own_versions: usize,
    pub new_records: usize,
    pub new_conflicts: usize,
}

impl MergeReport {
    pub fn changed_anything(&self) -> bool {
        !(self.added.is_empty()
            && self.updated.is_empty()
            && self.kept_beside.is_empty()
            && self.own_versions == 0)
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
    let mut folder = EventFolder::open(dir, me.clone(), clock, access)?;
    if let Some(problem) = folder.problems().first() {
        return Err(StoreError::Invalid(format!(
            "{problem}; fix that first, nothing was merged."
        )));
    }
    let incoming = read_other(other)?;
    let event = folder.event().id.clone();
    if let Some(stray) = incoming.iter().find(|f| f.file.event != event) {
        return Err(StoreError::Invalid(format!(
            "{} in {} belongs to another event (id {}), not {}; nothing was merged.",
            stray.name,
            other.display(),
            stray.file.event,
            folder.event().info.name
        )));
    }
    let before = (folder.merged().len(), folder.merged().conflicts().count());
    let mut report = MergeReport::default();
    let mut everything = folder.merged().clone();
    for item in incoming {
        for version in item.file.versions() {
            everything.insert(version);
        }
        if item.file.device == me.device {
            report.own_versions += fold_own(&mut folder, item.file, dry_run)?;
        } else {
            place(&folder, item, dry_run, &mut report)?;
        }
    }
    report.new_records = everything.len().saturating_sub(before.0);
    report.new_conflicts = everything.conflicts().count().saturating_sub(before.1);
    Ok(report)
}

/// This device's own versions from elsewhere go into its own file.
fn fold_own(
    folder: &mut EventFolder,
    file: DeviceFile,
    dry_run: bool,
) -> Result<usize, StoreError> {
    let before = folder.replica().own_len();
    let mut replica_probe = folder.replica().clone();
    replica_probe.absorb(file.clone());
    let gained = replica_probe.own_len().saturating_sub(before);
    if gained > 0 && !dry_run {
        folder.absorb_file(file);
        folder.save()?;
    }
    Ok(gained)
}

/// Puts another device's file where it belongs, never losing a version.
fn place(
    folder: &EventFolder,
    item: Incoming,
    dry_run: bool,
    report: &mut MergeReport,
) -> Result<(), StoreError> {
    let theirs = versions_of(&item.file);
    let local: Vec<&super::FileSummary> = folder
        .files()
        .iter()
        .filter(|f| f.device == item.file.device)
        .collect();
    let mut ours = Merged::default();
    for version in folder
        .merged()
        .versions()
        .filter(|v| v.device == item.file.device)
    {
        ours.insert(version.clone());
    }
    let mut union = ours.clone();
    union.union(&theirs);
    if union == ours {
        return Ok(());
    }
    let target = if local.is_empty() {
        report.added.push(item.name.clone());
        free_name(folder.dir(), &item.name, &item.bytes)
    } else if union == theirs && local.len() == 1 {
        report.updated.push(local[0].path.display().to_string());
        local[0].path.clone()
    } else {
        let path = copy_name(folder.dir(), &item.name, &item.bytes);
        report.kept_beside.push(path.display().to_string());
        path
    };
    if !dry_run {
        atomic::write(&target, &item.bytes).map_err(|e| StoreError::io(&target, e))?;
    }
    Ok(())
}

fn versions_of(file: &DeviceFile) -> Merged {
    let mut merged = Merged::default();
    for version in file.versions() {
        merged.insert(version);
    }
    merged
}

/// `name` in `dir` when free, else a name derived from the content.
fn free_name(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if path.exists() {
        copy_name(dir, name, bytes)
    } else {
        path
    }
}

/// A name for a diverged copy that is the same whenever the same content
/// arrives again, so repeated merges add no duplicates.
fn copy_name(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let stem = name.strip_suffix(".ron").unwrap_or(name);
    dir.join(format!("{stem}.merged-{:016x}.ron", fnv1a64(bytes)))
}

/// The device files of a folder or a zip, by a safe file name each.
fn read_other(other: &Path) -> Result<Vec<Incoming>, StoreError> {
    let raw = if other.is_dir() {
        read_folder(other)?
    } else {
        read_zip(other)?
    };
    if raw.is_empty() {
        return Err(StoreError::Invalid(format!(
            "{} holds no unconf device files; give an event folder or a zip made by `unconf pack`.",
            other.display()
        )));
    }
    raw.into_iter()
        .map(|(name, bytes)| match DeviceFile::parse(&bytes) {
            Ok(file) => Ok(Incoming { name, bytes, file }),
            Err(super::format::FormatError::Newer(v)) => Err(StoreError::Invalid(format!(
                "{name} in {} was written by a newer unconf (format version {v}, this build reads up to {FORMAT_VERSION}); update unconf first, nothing was merged.",
                other.display()
            ))),
            Err(error) => Err(StoreError::Invalid(format!(
                "{name} in {} could not be read: {error}; nothing was merged.",
                other.display()
            ))),
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
    let file = std::fs::File::open(path).map_err(|e| StoreError::io(path, e))?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| {
        StoreError::Invalid(format!(
            "{} is neither an event folder nor a readable zip ({e}).",
            path.display()
        ))
    })?;
    let mut files = Vec::new();
    for index in 0..archive.len() {
        let mut entry = archive
            .by_index(index)
            .map_err(|e| StoreError::Invalid(format!("{} is damaged: {e}.", path.display())))?;
        let name = entry
            .name()
            .map(|n| n.into_owned())
            .unwrap_or_else(|_| format!("entry {index}"));
        let last = name.rsplit(['/', '\\']).next().unwrap_or(&name).to_string();
        if entry.is_dir() || scan::is_skipped(&last) {
            continue;
        }
        if entry.size() > super::format::MAX_FILE_BYTES {
            return Err(StoreError::Invalid(format!(
                "{name} in {} is larger than any real event file.",
                path.display()
            )));
        }
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).map_err(|e| {
            StoreError::Invalid(format!("{name} in {} is damaged: {e}.", path.display()))
        })?;
        files.push((safe_name(&last), bytes));
    }
    Ok(files)
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
    if let Some(problem) = folder.problems().first() {
        return Err(StoreError::Invalid(format!(
            "{problem}; fix that first, nothing was packed."
        )));
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
        let zip_error = |e: zip::result::ZipError| {
            StoreError::Invalid(format!("Could not build the zip: {e}."))
        };
        zip.start_file(format!("{slug}/{name}"), options)
            .map_err(zip_error)?;
        zip.write_all(&bytes).map_err(|e| StoreError::io(out, e))?;
    }
    zip.finish()
        .map_err(|e| StoreError::Invalid(format!("Could not build the zip: {e}.")))?;
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| StoreError::io(parent, e))?;
    }
    atomic::write(out, buffer.get_ref()).map_err(|e| StoreError::io(out, e))?;
    Ok(folder.files().len())
}

#[cfg(test)]
mod tests;
