//! An open event folder: the merged event, this device's own file, and saving.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::format::{
    DeviceFile, FORMAT_NAME, FORMAT_VERSION, FormatError, ReadError, StoredVersion,
};
use super::lock::Lock;
use super::version::{Merged, Version, shown_value};
use super::{Clock, Drafts, Identity, StoreError, atomic, backup, scan};
use crate::model::{Change, Event, EventInfo, Id, IdGen, Record};

/// Whether this process may write its device file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Write,
    Read,
}

/// One device file that was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileSummary {
    pub path: PathBuf,
    pub device: String,
    pub label: String,
    pub records: usize,
    /// The newest version time in the file.
    pub last_change: Option<DateTime<Utc>>,
    /// This device's own file (not a conflict copy of it).
    pub own: bool,
}

/// A file that could not be used. It is never overwritten.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    /// "line 3, column 7 (in records[2].value): ..." or a plain reason.
    pub reason: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} could not be read, {}; it was left untouched and the rest of the event opened",
            self.path.display(),
            self.reason
        )
    }
}

/// An event opened from its folder.
#[derive(Debug)]
pub struct EventFolder {
    dir: PathBuf,
    me: Identity,
    clock: Clock,
    ids: IdGen,
    own_path: PathBuf,
    /// Versions this device wrote: exactly what its file holds.
    own: Merged,
    seq: u64,
    merged: Merged,
    event: Event,
    files: Vec<FileSummary>,
    problems: Vec<Problem>,
    read_only: Option<String>,
    unsaved: bool,
    drafts: Drafts,
    _lock: Option<Lock>,
}

/// What reading the folder's files gave.
struct Scan {
    files: Vec<(PathBuf, DeviceFile)>,
    problems: Vec<Problem>,
    newer: Option<(PathBuf, u32)>,
}

impl EventFolder {
    /// Opens the event in `dir`. With [`Access::Write`] this device's lock is
    /// taken (or [`StoreError::Locked`] says who holds it) and leftovers of
    /// interrupted writes are swept.
    pub fn open(
        dir: &Path,
        me: Identity,
        clock: Clock,
        access: Access,
    ) -> Result<EventFolder, StoreError> {
        if !dir.is_dir() {
            return Err(StoreError::NotAnEvent {
                dir: dir.to_path_buf(),
                reason: "there is no such folder".into(),
            });
        }
        let own_path = dir.join(format!("{}.ron", me.file_stem()));
        let lock = match access {
            Access::Write => Some(Lock::acquire(dir, &me.device, &stamp(&clock))?),
            Access::Read => None,
        };
        if lock.is_some()
            && let Some(name) = own_path.file_name().and_then(|n| n.to_str())
        {
            atomic::sweep_leftovers(dir, name);
        }
        let scan = read_all(dir)?;
        let event_id = choose_event(&scan, &me).ok_or_else(|| StoreError::NotAnEvent {
            dir: dir.to_path_buf(),
            reason: match scan.problems.first() {
                Some(problem) => problem.to_string(),
                None => "it holds no unconf device files".into(),
            },
        })?;
        let mut folder = EventFolder::empty(dir, me, clock, own_path, event_id, lock);
        folder.absorb(scan);
        if access == Access::Read && folder.read_only.is_none() {
            folder.read_only = Some("it was opened for reading only".into());
        }
        Ok(folder)
    }

    /// Makes a new event folder in `sessions_dir`, named after the event, and
    /// writes this device's first file with the event details.
    pub fn create(
        sessions_dir: &Path,
        info: EventInfo,
        me: Identity,
        clock: Clock,
    ) -> Result<EventFolder, StoreError> {
        std::fs::create_dir_all(sessions_dir).map_err(|e| StoreError::io(sessions_dir, e))?;
        let slug = crate::model::slug::unique_slug(&info.name, |s| sessions_dir.join(s).exists());
        let dir = sessions_dir.join(slug);
        std::fs::create_dir(&dir).map_err(|e| StoreError::io(&dir, e))?;
        let lock = Lock::acquire(&dir, &me.device, &stamp(&clock))?;
        let own_path = dir.join(format!("{}.ron", me.file_stem()));
        // The folder name is unique here, so salting with it keeps two events
        // made by one device at the same (fixed) time apart.
        let salt = format!("{}/{}", me.device, dir.display());
        let event_id = IdGen::new(salt.as_bytes()).make(unix_ms(&clock), 0);
        let mut folder =
            EventFolder::empty(&dir, me, clock, own_path, event_id.clone(), Some(lock));
        folder.commit(vec![Change::put(event_id, Record::Event(info))])?;
        Ok(folder)
    }

    fn empty(
        dir: &Path,
        me: Identity,
        clock: Clock,
        own_path: PathBuf,
        event_id: Id,
        lock: Option<Lock>,
    ) -> EventFolder {
        EventFolder {
            dir: dir.to_path_buf(),
            ids: id_gen(&me, &clock),
            drafts: Drafts::open(dir, &me.device),
            me,
            clock,
            own_path,
            own: Merged::default(),
            seq: 0,
            merged: Merged::default(),
            event: Event::new(event_id),
            files: Vec::new(),
            problems: Vec::new(),
            read_only: None,
            unsaved: false,
            _lock: lock,
        }
    }

    /// Folds a scan into the merged state.
    fn absorb(&mut self, scan: Scan) {
        self.problems = scan.problems;
        if let Some((path, version)) = scan.newer {
            self.read_only = Some(format!(
                "{} was written by a newer unconf (format version {version}); update unconf to edit this event",
                path.display()
            ));
        }
        let mut touched = Vec::new();
        for (path, file) in scan.files {
            if file.event != self.event.id {
                self.problems.push(Problem {
                    path,
                    reason: format!("it belongs to another event (id {})", file.event),
                });
                continue;
            }
            let mine = file.device == self.me.device;
            self.files.push(FileSummary {
                own: mine && path == self.own_path,
                path,
                device: file.device.clone(),
                label: file.label.clone(),
                records: file.records.len(),
                last_change: file.records.iter().map(|r| r.at).max(),
            });
            if mine {
                self.seq = self.seq.max(file.seq);
            }
            for version in file.into_versions() {
                if mine {
                    self.seq = self.seq.max(version.vv.get(&self.me.device));
                    self.own.insert(version.clone());
                }
                touched.push(version.id.clone());
                self.merged.insert(version);
            }
        }
        touched.sort();
        touched.dedup();
        for id in &touched {
            self.refresh(id);
        }
    }

    /// Re-derives one record's shown value and conflict flag.
    fn refresh(&mut self, id: &Id) {
        let current = self.merged.current(id);
        let value = shown_value(current).cloned();
        if current.len() > 1 {
            self.event.conflicts.insert(id.clone());
        } else {
            self.event.conflicts.remove(id);
        }
        self.event.apply(id, value);
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn event(&self) -> &Event {
        &self.event
    }

    pub fn merged(&self) -> &Merged {
        &self.merged
    }

    pub fn identity(&self) -> &Identity {
        &self.me
    }

    pub fn clock(&self) -> Clock {
        self.clock
    }

    pub fn own_path(&self) -> &Path {
        &self.own_path
    }

    /// The device files that were read, in name order.
    pub fn files(&self) -> &[FileSummary] {
        &self.files
    }

    /// Files that could not be used.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Why this event cannot be edited here, if it cannot.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// True when an edit is in memory but not yet on disk (a save failed).
    pub fn has_unsaved(&self) -> bool {
        self.unsaved
    }

    pub fn drafts(&mut self) -> &mut Drafts {
        &mut self.drafts
    }

    /// A fresh id for a new record.
    pub fn new_id(&mut self) -> Id {
        self.seq += 1;
        // Under a fixed clock (tests, scripted examples) the counter stands in
        // for the passing of time, so ids still sort in creation order across
        // separate runs.
        let ms = unix_ms(&self.clock) + if self.clock.is_fixed() { self.seq } else { 0 };
        self.ids.make(ms, self.seq)
    }

    /// Applies the changes as new versions by this device and saves the own
    /// file. When saving fails the changes stay in memory, [`has_unsaved`]
    /// turns true, and the next commit or [`save`] writes them.
    ///
    /// [`has_unsaved`]: EventFolder::has_unsaved
    /// [`save`]: EventFolder::save
    pub fn commit(&mut self, changes: Vec<Change>) -> Result<(), StoreError> {
        if let Some(reason) = &self.read_only {
            return Err(StoreError::ReadOnly {
                dir: self.dir.clone(),
                reason: reason.clone(),
            });
        }
        let at = self.clock.now_utc();
        for change in changes {
            let mut vv = self.merged.seen(&change.id);
            self.seq += 1;
            vv.set(&self.me.device, self.seq);
            let version = Version {
                id: change.id.clone(),
                device: self.me.device.clone(),
                vv,
                author: self.me.author.clone(),
                at,
                value: change.record,
            };
            self.own.insert(version.clone());
            self.merged.insert(version);
            self.refresh(&change.id);
        }
        self.unsaved = true;
        self.save()
    }

    /// Writes the own file from memory (atomically, after a rolling backup).
    pub fn save(&mut self) -> Result<(), StoreError> {
        let text = self.own_file().to_text().map_err(|e| {
            StoreError::Invalid(format!("could not write {}: {e}", self.own_path.display()))
        })?;
        // A failed backup must not stop the save itself.
        let _ = backup::maybe_backup(&self.dir, &self.own_path, &stamp_file(&self.clock));
        atomic::write(&self.own_path, text.as_bytes()).map_err(|source| StoreError::Save {
            path: self.own_path.clone(),
            source,
        })?;
        self.unsaved = false;
        self.note_own_file();
        Ok(())
    }

    fn own_file(&self) -> DeviceFile {
        DeviceFile {
            format: FORMAT_NAME.into(),
            version: FORMAT_VERSION,
            event: self.event.id.clone(),
            device: self.me.device.clone(),
            label: self.me.label.clone(),
            seq: self.seq,
            records: self
                .own
                .versions()
                .map(|v| StoredVersion {
                    id: v.id.clone(),
                    vv: v.vv.clone(),
                    author: v.author.clone(),
                    at: v.at,
                    value: v.value.clone(),
                })
                .collect(),
        }
    }

    fn note_own_file(&mut self) {
        let summary = FileSummary {
            path: self.own_path.clone(),
            device: self.me.device.clone(),
            label: self.me.label.clone(),
            records: self.own.versions().count(),
            last_change: self.own.versions().map(|v| v.at).max(),
            own: true,
        };
        match self.files.iter_mut().find(|f| f.own) {
            Some(existing) => *existing = summary,
            None => {
                self.files.push(summary);
                self.files.sort_by(|a, b| a.path.cmp(&b.path));
            }
        }
    }

    /// The devices seen in this folder: device id -> (label, newest change).
    pub fn devices(&self) -> BTreeMap<&str, (&str, Option<DateTime<Utc>>)> {
        let mut devices: BTreeMap<&str, (&str, Option<DateTime<Utc>>)> = BTreeMap::new();
        for file in &self.files {
            let entry = devices
                .entry(file.device.as_str())
                .or_insert((file.label.as_str(), None));
            entry.1 = entry.1.max(file.last_change);
        }
        devices
    }
}

fn read_all(dir: &Path) -> Result<Scan, StoreError> {
    let mut scan = Scan {
        files: Vec::new(),
        problems: Vec::new(),
        newer: None,
    };
    for path in scan::candidates(dir).map_err(|e| StoreError::io(dir, e))? {
        match super::format::read_device_file(&path) {
            Ok(file) => scan.files.push((path, file)),
            Err(ReadError::Format(FormatError::Newer(version))) => {
                scan.problems.push(Problem {
                    path: path.clone(),
                    reason: FormatError::Newer(version).to_string(),
                });
                scan.newer.get_or_insert((path, version));
            }
            Err(error) => scan.problems.push(Problem {
                path,
                reason: error.to_string(),
            }),
        }
    }
    Ok(scan)
}

/// The event a folder holds: the one this device's files name, else the one
/// most files name (ties to the smallest id, so every device agrees).
fn choose_event(scan: &Scan, me: &Identity) -> Option<Id> {
    if let Some((_, file)) = scan.files.iter().find(|(_, f)| f.device == me.device) {
        return Some(file.event.clone());
    }
    let mut counts: BTreeMap<&Id, usize> = BTreeMap::new();
    for (_, file) in &scan.files {
        *counts.entry(&file.event).or_default() += 1;
    }
    let best = counts.values().copied().max()?;
    counts
        .into_iter()
        .find(|(_, n)| *n == best)
        .map(|(id, _)| id.clone())
}

fn id_gen(me: &Identity, clock: &Clock) -> IdGen {
    if clock.is_fixed() {
        IdGen::new(me.device.as_bytes())
    } else {
        let salt = format!("{}/{}", me.device, super::random_u64());
        IdGen::new(salt.as_bytes())
    }
}

fn unix_ms(clock: &Clock) -> u64 {
    u64::try_from(clock.now_utc().timestamp_millis()).unwrap_or(0)
}

fn stamp(clock: &Clock) -> String {
    clock.now().format("%Y-%m-%d %H:%M").to_string()
}

fn stamp_file(clock: &Clock) -> String {
    clock.now_utc().format("%Y%m%dT%H%M%S%.3fZ").to_string()
}

#[cfg(test)]
mod tests;
