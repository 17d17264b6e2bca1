//! An open event folder: the merged event, this device's own file, and saving.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::cache::FileCache;
use super::format::DeviceFile;
use super::local::{EventState, LocalState};
use super::lock::Lock;
use super::replica::{Edit, Written};
use super::replica::{OwnLag, Replica, Source};
use super::version::Merged;
use super::{Clock, Drafts, Identity, StoreError, atomic, scan};
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
    pub kind: ProblemKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// Broken, truncated, not ours, or unreadable.
    Unreadable,
    /// Written by a newer unconf: fine, but not for this build.
    Newer,
    /// A good file of another event.
    OtherEvent,
}

impl Problem {
    /// What to do about it, as the end of a sentence.
    pub fn advice(&self) -> &'static str {
        match self.kind {
            ProblemKind::Unreadable => "fix or move that file (unconf never changes it)",
            ProblemKind::Newer => "update unconf",
            ProblemKind::OtherEvent => "move that file to its own event folder",
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Both come from the folder (a file name, a quote of its text), so
        // they are shown inert wherever the message is printed.
        write!(
            f,
            "{} could not be read: {}",
            crate::model::text::inert_line(&self.path.display().to_string()),
            crate::model::text::inert_line(&self.reason)
        )
    }
}

/// An event opened from its folder: the folder on [`Disk`] and this
/// device's [`Replica`] of the event.
#[derive(Debug)]
pub struct EventFolder {
    disk: Disk,
    replica: Replica,
    /// Set when this device's own file was behind what other laptops had
    /// seen of it when the folder was opened.
    lag: Option<OwnLag>,
}

/// The folder side of an open event: where the own file goes, the lock, the
/// drafts, and what was read.
#[derive(Debug)]
pub struct Disk {
    pub(super) dir: PathBuf,
    pub(super) clock: Clock,
    pub(super) own_path: PathBuf,
    pub(super) files: Vec<FileSummary>,
    pub(super) problems: Vec<Problem>,
    pub(super) unsaved: bool,
    pub(super) drafts: Drafts,
    /// Size and modification time of each file when last read, so that a
    /// reload reads only what changed.
    pub(super) stamps: BTreeMap<PathBuf, super::reload::Stamp>,
    /// The own file as this process last wrote or read it.
    pub(super) own_stamp: Option<super::reload::Stamp>,
    /// This run's number on this machine, recorded with its first save.
    pub(super) run: Option<u64>,
    /// Opened read-only because another process of this device held the
    /// lock: a reload takes the lock once it is free.
    pub(super) waiting_for_lock: bool,
    pub(super) lock: Option<Lock>,
    /// This machine's state for the event: drafts, backups, trash.
    pub(super) local: EventState,
    /// The own file's writer (`saver.rs`).
    pub(super) saving: super::saver::Saving,
    /// This machine's cache of parsed device files for the folder: each
    /// save puts the own file there, so the next open need not parse it.
    pub(super) cache: Option<FileCache>,
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
        EventFolder::open_reporting(dir, me, clock, access, &mut |_| {})
    }

    /// As [`open`](EventFolder::open), telling `progress` how far reading
    /// and merging the device files has come.
    pub fn open_reporting(
        dir: &Path,
        me: Identity,
        clock: Clock,
        access: Access,
        progress: &mut dyn FnMut(Loading),
    ) -> Result<EventFolder, StoreError> {
        if !dir.is_dir() {
            return Err(StoreError::NotAnEvent {
                dir: dir.to_path_buf(),
                reason: "there is no such folder".into(),
            });
        }
        let own_path = dir.join(format!("{}.ron", me.file_stem()));
        let local = LocalState::machine();
        let lock = match access {
            Access::Write => Some(Lock::acquire(&local, dir, &me.device, &stamp(&clock))?),
            Access::Read => None,
        };
        if lock.is_some()
            && let Some(name) = own_path.file_name().and_then(|n| n.to_str())
        {
            atomic::sweep_leftovers(dir, name);
        }
        let cache = FileCache::for_folder(&local, dir);
        let paths = scan::candidates(dir).map_err(|e| StoreError::io(dir, e))?;
        let read = |event: Option<Id>, progress: &mut dyn FnMut(Loading)| {
            reading::read_and_merge(
                &paths,
                &own_path,
                &me,
                clock.is_fixed(),
                event,
                cache.as_ref(),
                progress,
            )
        };
        let mut merging = read(None, progress);
        if let Some(cache) = &cache {
            cache.prune(paths.iter().filter_map(|p| p.file_name()?.to_str()));
        }
        let event_id = merging
            .chosen(&own_path)
            .or_else(|| event_of_latest(&local, &own_path, &me))
            .ok_or_else(|| StoreError::NotAnEvent {
                dir: dir.to_path_buf(),
                reason: match merging.all_problems().next() {
                    Some(problem) => problem.to_string(),
                    None => "it holds no unconf device files".into(),
                },
            })?;
        // Merged as another event than the files, all read, name: a folder
        // holding files of two events. Read again as the right one.
        if merging
            .event
            .as_ref()
            .is_some_and(|guess| *guess != event_id)
        {
            drop(merging);
            merging = read(Some(event_id.clone()), progress);
        }
        if lock.is_some() {
            local.take_over(dir, &event_id, &me.device, &own_path);
        }
        let writing = lock.is_some();
        let mut folder = EventFolder::empty(dir, me, clock, own_path, &local, event_id, lock);
        folder.take_in(merging);
        if writing {
            let device = folder.replica.identity().device.clone();
            let run = folder.disk.local.runs(&device).saturating_add(1);
            folder.replica.set_run_seed(run);
            folder.disk.run = Some(run);
        }
        folder.take_back_from_latest();
        folder.lag = folder.replica.own_lag();
        if writing && folder.lag.as_ref().is_some_and(|lag| lag.missing) {
            folder.take_back_from_backups();
        }
        if access == Access::Write {
            folder.fold_own_copies();
            // What came back from other copies belongs in the own file, and
            // the file records that it has caught up.
            if folder.lag.is_some() && folder.replica.read_only().is_none() {
                let _ = folder.save();
            }
        }
        if access == Access::Read && folder.replica.read_only().is_none() {
            folder
                .replica
                .set_read_only("it was opened for reading only");
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
        let local = LocalState::machine();
        let lock = Lock::acquire(&local, &dir, &me.device, &stamp(&clock))?;
        let own_path = dir.join(format!("{}.ron", me.file_stem()));
        // The folder name is unique here, so salting with it keeps two events
        // made by one device at the same (fixed) time apart.
        let salt = format!("{}/{}", me.device, dir.display());
        let event_id = IdGen::new(salt.as_bytes()).make(unix_ms(&clock), 0);
        let mut folder = EventFolder::empty(
            &dir,
            me,
            clock,
            own_path,
            &local,
            event_id.clone(),
            Some(lock),
        );
        folder.commit(vec![Change::put(event_id, Record::Event(info))])?;
        Ok(folder)
    }

    fn empty(
        dir: &Path,
        me: Identity,
        clock: Clock,
        own_path: PathBuf,
        local: &LocalState,
        event_id: Id,
        lock: Option<Lock>,
    ) -> EventFolder {
        let local_state = local;
        let local = local.for_event(&event_id);
        EventFolder {
            lag: None,
            disk: Disk {
                dir: dir.to_path_buf(),
                drafts: Drafts::open(&local, &me.device),
                local,
                clock,
                own_path,
                files: Vec::new(),
                problems: Vec::new(),
                unsaved: false,
                stamps: BTreeMap::new(),
                own_stamp: None,
                run: None,
                waiting_for_lock: false,
                lock,
                saving: super::saver::Saving::default(),
                cache: FileCache::for_folder(local_state, dir),
            },
            replica: Replica::new(event_id, me.clone(), clock.is_fixed()),
        }
    }

    /// Takes in the replica the folder's files were merged into, and what
    /// was noted while reading them.
    fn take_in(&mut self, merging: reading::Merging) {
        let disk = &mut self.disk;
        if let Some(replica) = merging.replica {
            self.replica = replica;
        }
        disk.problems = merging.problems;
        disk.problems.extend(merging.other_event);
        disk.files = merging.files;
        disk.stamps = merging.stamps;
        disk.own_stamp = merging.own_stamp;
        if let Some((path, version)) = merging.newer {
            self.replica.set_read_only(format!(
                "{} was written by a newer unconf (format version {version}); update unconf to edit this event",
                path.display()
            ));
        }
        // Saving would replace everything an unreadable own file holds with
        // only the edits made from now on.
        if let Some(problem) = disk
            .problems
            .iter()
            .find(|p| p.path == disk.own_path && p.kind != ProblemKind::Newer)
        {
            self.replica.set_read_only(format!(
                "this device's own file {} could not be read; fix or move it first (unconf never overwrites a file it cannot read)",
                problem.path.display()
            ));
        }
    }

    /// Reads this machine's copy of the own file as it last wrote it, when
    /// the own file in the folder differs from it (replaced by an older
    /// copy, or gone): whatever it lacks is taken back.
    fn take_back_from_latest(&mut self) {
        let latest = self.disk.local.latest(&self.disk.own_path);
        let Ok(bytes) = std::fs::read(&latest) else {
            return;
        };
        if std::fs::read(&self.disk.own_path).is_ok_and(|own| own == bytes) {
            return;
        }
        let Ok(file) = DeviceFile::parse(&bytes) else {
            return;
        };
        if file.event == self.replica.event().id && file.device == self.replica.identity().device {
            self.replica.absorb(file, Source::Copy);
        }
    }

    /// Reads this machine's backups of the own file, when other laptops
    /// have seen edits of it that no file here holds: a restored or stale
    /// own file may have lost what a backup still has.
    fn take_back_from_backups(&mut self) {
        let Some(name) = self
            .disk
            .own_path
            .file_name()
            .and_then(|n| n.to_str())
            .map(str::to_string)
        else {
            return;
        };
        let mut gained = 0;
        for path in self.disk.local.backups_of(&name) {
            let Ok(file) = super::format::read_device_file(&path) else {
                continue;
            };
            if file.event == self.replica.event().id
                && file.device == self.replica.identity().device
            {
                gained += self.replica.absorb(file, Source::Copy);
            }
        }
        if let Some(lag) = self.lag.as_mut()
            && gained > 0
        {
            lag.taken_back += gained;
            lag.missing = self.replica.own_missing();
        }
    }

    /// Folds this device's conflict copies (made by sync tools) into its
    /// own file and moves them to this machine's trash for the event (see
    /// `local.rs`); never deletes them.
    fn fold_own_copies(&mut self) {
        let me = &self.replica.identity().device;
        let copies: Vec<PathBuf> = self
            .disk
            .files
            .iter()
            .filter(|f| &f.device == me && !f.own)
            .map(|f| f.path.clone())
            .collect();
        if copies.is_empty() || self.replica.read_only().is_some() {
            return;
        }
        let mut report = super::Reload {
            folded: copies,
            ..super::Reload::default()
        };
        self.disk.fold(&self.replica, &mut report);
    }

    /// Adds the versions of another copy of a device file of this event
    /// (from a merge or a reload). Returns how many versions were new.
    pub fn absorb_file(&mut self, file: DeviceFile) -> usize {
        let source = if file.device == self.replica.identity().device {
            Source::Own
        } else {
            Source::Other
        };
        let gained = self.replica.absorb(file, source);
        if gained > 0 {
            self.disk.unsaved = true;
        }
        gained
    }

    /// Splits into the folder side and the in-memory replica (for the TUI,
    /// whose state owns the replica while the loop owns the disk).
    pub fn into_parts(self) -> (Disk, Replica) {
        (self.disk, self.replica)
    }

    pub fn replica(&self) -> &Replica {
        &self.replica
    }

    pub fn disk(&self) -> &Disk {
        &self.disk
    }

    pub fn dir(&self) -> &Path {
        &self.disk.dir
    }

    pub fn event(&self) -> &Event {
        self.replica.event()
    }

    pub fn merged(&self) -> &Merged {
        self.replica.merged()
    }

    pub fn identity(&self) -> &Identity {
        self.replica.identity()
    }

    pub fn clock(&self) -> Clock {
        self.disk.clock
    }

    pub fn own_path(&self) -> &Path {
        &self.disk.own_path
    }

    /// The device files that were read, in name order.
    pub fn files(&self) -> &[FileSummary] {
        &self.disk.files
    }

    /// Files that could not be used.
    pub fn problems(&self) -> &[Problem] {
        &self.disk.problems
    }

    /// Why this event cannot be edited here, if it cannot.
    pub fn read_only(&self) -> Option<&str> {
        self.replica.read_only()
    }

    /// True when an edit is in memory but not yet on disk (a save failed).
    pub fn has_unsaved(&self) -> bool {
        self.disk.unsaved
    }

    pub fn drafts(&mut self) -> &mut Drafts {
        &mut self.disk.drafts
    }

    /// A fresh id for a new record.
    pub fn new_id(&mut self) -> Id {
        self.replica.new_id(self.disk.clock.now_utc())
    }

    /// Applies the changes as new versions by this device and saves the own
    /// file. When saving fails the changes stay in memory, [`has_unsaved`]
    /// turns true, and the next commit or [`save`] writes them.
    ///
    /// [`has_unsaved`]: EventFolder::has_unsaved
    /// [`save`]: EventFolder::save
    pub fn commit(&mut self, changes: Vec<Change>) -> Result<(), StoreError> {
        self.commit_edits(changes.into_iter().map(Edit::now).collect())
            .map(|_| ())
    }

    /// As [`commit`](EventFolder::commit), for edits that say what their
    /// writer had seen; returns what was written.
    pub fn commit_edits(&mut self, edits: Vec<Edit>) -> Result<Vec<Written>, StoreError> {
        let at = self.disk.clock.now_utc();
        let written =
            self.replica
                .commit_edits(edits, at)
                .map_err(|refused| StoreError::ReadOnly {
                    dir: self.disk.dir.clone(),
                    reason: refused.reason,
                })?;
        self.disk.unsaved = true;
        self.save()?;
        Ok(written)
    }

    /// Whether this device's own file was behind what other laptops had
    /// seen of it when the folder was opened (restored, or put back by a
    /// sync tool).
    pub fn own_lag(&self) -> Option<&OwnLag> {
        self.lag.as_ref()
    }

    /// Mutable access to the replica, for carrying versions in a merge.
    pub(super) fn replica_mut(&mut self) -> &mut Replica {
        &mut self.replica
    }

    /// Writes the own file from memory (atomically, after a rolling backup).
    pub fn save(&mut self) -> Result<(), StoreError> {
        self.disk.save(&self.replica)
    }

    /// The devices seen in this folder: device id -> (label, newest change).
    pub fn devices(&self) -> BTreeMap<&str, (&str, Option<DateTime<Utc>>)> {
        self.disk.devices()
    }
}

impl Disk {
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn own_path(&self) -> &Path {
        &self.own_path
    }

    pub fn files(&self) -> &[FileSummary] {
        &self.files
    }

    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    pub fn drafts(&mut self) -> &mut Drafts {
        &mut self.drafts
    }

    /// Marks the folder as opened read-only because this device's lock was
    /// held elsewhere, so that a reload takes it once it is free.
    pub fn wait_for_lock(&mut self) {
        self.waiting_for_lock = true;
    }

    /// True when the last save failed and memory holds more than the file.
    pub fn has_unsaved(&self) -> bool {
        self.unsaved
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

/// How far opening an event has come, for a progress display.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Loading {
    pub stage: Stage,
    /// Device files done of `total` in this stage.
    pub done: usize,
    pub total: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Reading and parsing the device files.
    Reading,
    /// Merging their versions into the event.
    Merging,
}

impl Loading {
    fn reading(done: usize, total: usize) -> Loading {
        Loading {
            stage: Stage::Reading,
            done,
            total,
        }
    }

    fn merging(done: usize, total: usize) -> Loading {
        Loading {
            stage: Stage::Merging,
            done,
            total,
        }
    }
}

impl std::fmt::Display for Loading {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let stage = match self.stage {
            Stage::Reading => "Reading",
            Stage::Merging => "Merging",
        };
        let files = if self.total == 1 { "file" } else { "files" };
        write!(f, "{stage} {} of {} device {files}", self.done, self.total)
    }
}

/// The event of this machine's latest copy of the own file, for a folder
/// with no readable device file left (its only one emptied or removed).
fn event_of_latest(local: &LocalState, own_path: &Path, me: &Identity) -> Option<Id> {
    let path = local.latest_anywhere(own_path)?;
    let file = super::format::read_device_file(&path).ok()?;
    (file.device == me.device).then_some(file.event)
}

fn unix_ms(clock: &Clock) -> u64 {
    u64::try_from(clock.now_utc().timestamp_millis()).unwrap_or(0)
}

fn stamp(clock: &Clock) -> String {
    clock.now().format("%Y-%m-%d %H:%M").to_string()
}

pub(super) mod reading;
#[cfg(test)]
mod tests;

#[cfg(test)]
pub(crate) use reading::{FilesRead, read_all};
