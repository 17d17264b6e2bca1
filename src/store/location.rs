//! Where events and exports live, and finding an event by what a user typed.
//!
//! Events: `--dir DIR`, else `UNCONF_HOME`, else `./sessions` when it exists,
//! else the platform data directory. Exports: `--out`, else `./exports` when
//! it exists, else the data directory's `exports/`.

use std::path::{Path, PathBuf};

use super::StoreError;
use super::format::{DeviceFile, FormatError, ReadError, read_device_file};
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

/// An event folder's name, date and number of device files. Files are read
/// only until one gives the event's name: with a large event in the folder,
/// listing the events (the picker, `unconf list`) would otherwise read all
/// of it. The files after that one are counted, not read.
fn describe(dir: &Path, slug: String) -> EventEntry {
    let mut entry = EventEntry {
        dir: dir.to_path_buf(),
        slug,
        name: None,
        date: None,
        device_files: 0,
    };
    let mut candidates = super::scan::candidates(dir).unwrap_or_default();
    // A device's own file before copies of files (`… (1).ron`, sync
    // tools' conflict copies), which may come from another event.
    candidates.sort_by_key(|path| (super::scan::looks_like_a_copy(path), path.clone()));
    let mut unreadable = 0;
    let mut readable = false;
    for path in &candidates {
        let Some(file) = readable_file(path) else {
            unreadable += 1;
            continue;
        };
        readable = true;
        let info = file
            .records
            .into_iter()
            .chain(file.carried)
            .find_map(|v| match v.value {
                Some(Record::Event(info)) if v.id == file.event => Some(info),
                _ => None,
            });
        if let Some(info) = info {
            entry.name = Some(info.name);
            entry.date = info.date;
            break;
        }
    }
    if readable {
        entry.device_files = candidates.len() - unreadable;
    }
    entry
}

/// A device file as far as this build can read it: a file from a newer
/// format is read as far as this build understands it, as opening the
/// event reads it, so that the event is listed with its name.
fn readable_file(path: &Path) -> Option<DeviceFile> {
    match read_device_file(path) {
        Ok(file) => Some(file),
        Err(ReadError::Format(FormatError::Newer(_))) => std::fs::read(path)
            .ok()
            .and_then(|bytes| DeviceFile::parse_newer(&bytes)),
        Err(_) => None,
    }
}

/// A single folder name, not a path or a hidden folder.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains('/')
        && !name.contains(std::path::MAIN_SEPARATOR)
}

/// A folder holding at least one device file (read or not: opening it
/// says what is wrong with a broken one).
fn is_event_dir(dir: &Path) -> bool {
    dir.is_dir() && super::scan::candidates(dir).is_ok_and(|found| !found.is_empty())
}

/// Finds an event from what the user typed: a folder path, a folder name, a
/// slug, or a unique case-insensitive part of the event's name.
pub fn find_event(sessions: &Path, query: &str) -> Result<PathBuf, StoreError> {
    let as_path = Path::new(query);
    if as_path.is_dir() && (query.contains(std::path::MAIN_SEPARATOR) || query.contains('/')) {
        return Ok(as_path.to_path_buf());
    }
    let wanted = slugify(query);
    // A folder's own name needs no event read: the common case, and the
    // only one that stays quick beside a large event.
    for name in [query, wanted.as_str()] {
        if is_plain_name(name) && is_event_dir(&sessions.join(name)) {
            return Ok(sessions.join(name));
        }
    }
    let events = list_events(sessions);
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
        [] => Err(StoreError::NoSuchEvent {
            query: query.to_string(),
            sessions: sessions.to_path_buf(),
        }),
        many => Err(StoreError::AmbiguousEvent {
            query: query.to_string(),
            sessions: sessions.to_path_buf(),
            matches: many.iter().map(|e| e.slug.clone()).collect(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::model::EventInfo;
    use crate::store::{Clock, EventFolder, Identity};

    fn make(sessions: &Path, name: &str, device: &str) -> PathBuf {
        let clock = Clock::Fixed(
            DateTime::parse_from_rfc3339("2026-11-27T10:00:00+00:00").expect("a time"),
        );
        let info = EventInfo {
            name: name.into(),
            ..EventInfo::default()
        };
        let folder =
            EventFolder::create(sessions, info, Identity::from_label(device, "Kim"), clock)
                .expect("made");
        folder.dir().to_path_buf()
    }

    fn break_files(dir: &Path) {
        for path in super::super::scan::candidates(dir).expect("listed") {
            std::fs::write(path, "not RON").expect("written");
        }
    }

    #[test]
    fn a_folder_named_exactly_is_found_without_reading_its_files() {
        let sessions = tempfile::tempdir().expect("a temp dir");
        let dir = make(sessions.path(), "Day two", "laptop");
        // Broken, so that only a lookup that reads nothing finds it.
        break_files(&dir);
        assert_eq!(
            find_event(sessions.path(), "day-two").ok(),
            Some(dir.clone())
        );
        assert_eq!(find_event(sessions.path(), "Day two").ok(), Some(dir));
        assert!(
            find_event(sessions.path(), "two").is_err(),
            "by name needs a readable file"
        );
    }

    #[test]
    fn listing_reads_until_the_name_is_found_and_counts_every_file() {
        let sessions = tempfile::tempdir().expect("a temp dir");
        let dir = make(sessions.path(), "Day two", "laptop");
        std::fs::write(dir.join("zz-later.ron"), "not RON, and never read").expect("written");
        let events = list_events(sessions.path());
        let [entry] = events.as_slice() else {
            panic!("one event: {events:?}");
        };
        assert_eq!(entry.name.as_deref(), Some("Day two"));
        assert_eq!(entry.device_files, 2);
        assert_eq!(find_event(sessions.path(), "two").ok(), Some(dir));
    }

    #[test]
    fn a_folder_with_no_readable_file_is_not_listed() {
        let sessions = tempfile::tempdir().expect("a temp dir");
        let dir = make(sessions.path(), "Day two", "laptop");
        break_files(&dir);
        assert!(list_events(sessions.path()).is_empty());
    }
}
