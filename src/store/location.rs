//! Where events and exports live, and finding an event by what a user typed.
//!
//! Events: `--dir DIR`, else `UNCONF_HOME`, else `./sessions` when it exists,
//! else the platform data directory. Exports: `--out`, else `./exports` when
//! it exists, else the data directory's `exports/`.

use std::path::{Path, PathBuf};

use super::StoreError;
use super::format::read_device_file;
use crate::model::{Record, slug::slugify};

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("org", "unconf", "unconf")
}

/// The folder that holds event folders.
pub fn sessions_dir(flag: Option<&Path>) -> PathBuf {
    if let Some(dir) = flag {
        return dir.to_path_buf();
    }
    if let Some(home) = std::env::var_os("UNCONF_HOME").filter(|h| !h.is_empty()) {
        return PathBuf::from(home);
    }
    let local = PathBuf::from("sessions");
    if local.is_dir() {
        return local;
    }
    project_dirs()
        .map(|d| d.data_dir().join("sessions"))
        .unwrap_or(local)
}

/// The folder exports are written to when `--out` is not given.
pub fn exports_dir() -> PathBuf {
    let local = PathBuf::from("exports");
    if local.is_dir() {
        return local;
    }
    project_dirs()
        .map(|d| d.data_dir().join("exports"))
        .unwrap_or(local)
}

/// Where the device identity and preferences are kept.
pub fn config_dir() -> Option<PathBuf> {
    project_dirs().map(|d| d.config_dir().to_path_buf())
}

const LAST_EVENT: &str = "last-event.txt";

/// The event folder opened last time, if it still exists.
pub fn last_event(config: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(config.join(LAST_EVENT)).ok()?;
    let dir = PathBuf::from(text.trim());
    dir.is_dir().then_some(dir)
}

/// Remembers the event folder opened, for the picker next time.
pub fn remember_last_event(config: &Path, dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(config)?;
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    super::atomic::write(
        &config.join(LAST_EVENT),
        dir.display().to_string().as_bytes(),
    )
}

/// One event folder found in the sessions directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventEntry {
    pub dir: PathBuf,
    /// The folder name.
    pub slug: String,
    /// The event name from the first readable file that has it.
    pub name: Option<String>,
    pub date: Option<chrono::NaiveDate>,
    pub device_files: usize,
}

/// The event folders in `sessions`, by folder name.
pub fn list_events(sessions: &Path) -> Vec<EventEntry> {
    let Ok(entries) = std::fs::read_dir(sessions) else {
        return Vec::new();
    };
    let mut events: Vec<EventEntry> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| {
            let slug = e.file_name().to_str()?.to_string();
            (!slug.starts_with('.')).then(|| describe(&e.path(), slug))
        })
        .filter(|e| e.device_files > 0)
        .collect();
    events.sort_by(|a, b| a.slug.cmp(&b.slug));
    events
}

fn describe(dir: &Path, slug: String) -> EventEntry {
    let mut entry = EventEntry {
        dir: dir.to_path_buf(),
        slug,
        name: None,
        date: None,
        device_files: 0,
    };
    for path in super::scan::candidates(dir).unwrap_or_default() {
        let Ok(file) = read_device_file(&path) else {
            continue;
        };
        entry.device_files += 1;
        if entry.name.is_none() {
            let info = file.records.iter().find_map(|v| match &v.value {
                Some(Record::Event(info)) if v.id == file.event => Some(info.clone()),
                _ => None,
            });
            if let Some(info) = info {
                entry.name = Some(info.name);
                entry.date = info.date;
            }
        }
    }
    entry
}

/// Finds an event from what the user typed: a folder path, a folder name, a
/// slug, or a unique case-insensitive part of the event's name.
pub fn find_event(sessions: &Path, query: &str) -> Result<PathBuf, StoreError> {
    let as_path = Path::new(query);
    if as_path.is_dir() && (query.contains(std::path::MAIN_SEPARATOR) || query.contains('/')) {
        return Ok(as_path.to_path_buf());
    }
    let events = list_events(sessions);
    let wanted = slugify(query);
    if let Some(e) = events.iter().find(|e| e.slug == query || e.slug == wanted) {
        return Ok(e.dir.clone());
    }
    let needle = query.trim().to_lowercase();
    let by_name: Vec<&EventEntry> = events
        .iter()
        .filter(|e| {
            e.name
                .as_deref()
                .is_some_and(|n| !needle.is_empty() && n.to_lowercase().contains(&needle))
        })
        .collect();
    match by_name.as_slice() {
        [one] => Ok(one.dir.clone()),
        [] if as_path.is_dir() => Ok(as_path.to_path_buf()),
        [] => Err(StoreError::Invalid(format!(
            "There is no event \"{query}\" in {}; `unconf list` shows the events there.",
            sessions.display()
        ))),
        many => Err(StoreError::Invalid(format!(
            "\"{query}\" matches {} events in {}: {}; use the folder name.",
            many.len(),
            sessions.display(),
            many.iter()
                .map(|e| e.slug.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}
