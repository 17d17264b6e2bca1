//! Reading the folder again while an event is open: other devices' files
//! that changed are merged in (nothing already read is ever dropped, so a
//! half-written file costs nothing), and this device's own conflict copies
//! are folded into its own file and moved to this machine's trash for the
//! event (see `local.rs`).

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::folder::{Disk, FileSummary, Problem, ProblemKind};
use super::format::read_device_file;
use super::replica::Source;
use super::{Replica, scan};

/// What a file looked like when it was last read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

impl Stamp {
    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        })
    }
}

/// What a reload found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reload {
    /// Versions not seen before.
    pub new_versions: usize,
    /// Labels of the devices whose files brought something new.
    pub from: Vec<String>,
    /// This device's conflict copies folded in and moved to the trash.
    pub folded: Vec<PathBuf>,
    /// The list of unreadable files changed.
    pub problems_changed: bool,
    /// This device's own file was replaced by a copy that lacked some of
    /// its edits (a sync tool or a restore); it was written again whole.
    pub own_restored: bool,
    /// Another device's file came back without versions this laptop had
    /// read from it: they now travel in this laptop's file.
    pub kept_dropped: bool,
    /// A file from a newer unconf arrived: the event is now read-only here.
    pub became_read_only: bool,
    /// The lock this process could not have when it opened the event is
    /// free again (its holder quit): edits are saved again.
    pub writable_again: bool,
}

impl Disk {
    /// Reads files that changed since they were last read and merges them
    /// into `replica`. The own file is skipped: its changes are this
    /// process's own writes.
    pub fn reload(&mut self, replica: &mut Replica) -> Reload {
        let mut report = Reload::default();
        self.retry_lock(replica, &mut report);
        let Ok(paths) = scan::candidates(&self.dir) else {
            return report;
        };
        for path in &paths {
            if *path == self.own_path {
                self.check_own(replica, &mut report);
                continue;
            }
            let stamp = Stamp::of(path);
            if stamp.is_some() && self.stamps.get(path) == stamp.as_ref() {
                continue;
            }
            if let Some(stamp) = stamp {
                self.stamps.insert(path.clone(), stamp);
            }
            self.read_one(path, replica, &mut report);
        }
        let gone: Vec<PathBuf> = self
            .stamps
            .keys()
            .filter(|p| !paths.contains(p))
            .cloned()
            .collect();
        for path in gone {
            self.stamps.remove(&path);
            self.files.retain(|f| f.path != path);
            report.problems_changed |= self.forget_problem(&path);
        }
        if !report.folded.is_empty() {
            self.fold(replica, &mut report);
        }
        report
    }

    /// A process that opened the event read-only because another process
    /// of this device held it tries again: once the holder has quit, this
    /// one saves again instead of staying read-only until restarted.
    fn retry_lock(&mut self, replica: &mut Replica, report: &mut Reload) {
        if self.lock.is_some() || !self.waiting_for_lock {
            return;
        }
        let local = super::local::LocalState::machine();
        let Ok(lock) = super::lock::Lock::acquire(
            &local,
            &self.dir,
            &replica.identity().device,
            &self.clock.now().format("%Y-%m-%d %H:%M").to_string(),
        ) else {
            return;
        };
        self.lock = Some(lock);
        self.waiting_for_lock = false;
        replica.clear_read_only();
        report.writable_again = true;
    }

    /// The own file changes only when this process writes it, unless
    /// something else put another copy there. Whatever that copy holds is
    /// kept, and when it lacks anything this process holds the file is
    /// written again at once, so that nothing shown as saved is lost.
    fn check_own(&mut self, replica: &mut Replica, report: &mut Reload) {
        // A save on its way changes the file: what it wrote is known once
        // its outcome is back.
        if self.saving() {
            return;
        }
        let stamp = Stamp::of(&self.own_path);
        if stamp.is_none() || stamp == self.own_stamp {
            return;
        }
        let Ok(file) = read_device_file(&self.own_path) else {
            return;
        };
        if file.event != replica.event().id || file.device != replica.identity().device {
            return;
        }
        let on_disk: Vec<_> = file.versions();
        let gained = replica.absorb(file, Source::Own);
        report.new_versions += gained;
        let lacking = replica
            .own()
            .versions()
            .any(|v| !on_disk.iter().any(|d| d == v));
        if lacking && self.lock.is_some() {
            report.own_restored = self.save(replica).is_ok();
        } else {
            self.own_stamp = stamp;
        }
    }

    fn read_one(&mut self, path: &Path, replica: &mut Replica, report: &mut Reload) {
        // Through the cache, so that the next open finds it parsed.
        let read = match super::folder::reading::read_through(path, self.cache.as_ref()) {
            // A laptop that updated unconf mid-day: its file is read as far
            // as this build understands it, and this laptop stops writing
            // (as it would on opening the event now), saying why.
            Err(super::format::ReadError::Format(super::format::FormatError::Newer(version))) => {
                let newer = std::fs::read(path)
                    .ok()
                    .and_then(|bytes| super::format::DeviceFile::parse_newer(&bytes));
                if replica.read_only().is_none() {
                    replica.set_read_only(format!(
                        "{} was written by a newer unconf (format version {version}); update unconf to edit this event",
                        path.display()
                    ));
                    report.became_read_only = true;
                }
                match newer {
                    Some(file) => Ok(file),
                    None => {
                        self.note_problem(
                            path,
                            super::format::FormatError::Newer(version).to_string(),
                            ProblemKind::Newer,
                            report,
                        );
                        return;
                    }
                }
            }
            other => other,
        };
        match read {
            Ok(file) if file.event == replica.event().id => {
                report.problems_changed |= self.forget_problem(path);
                let summary = FileSummary {
                    path: path.to_path_buf(),
                    device: file.device.clone(),
                    label: file.label.clone(),
                    records: file.records.len(),
                    last_change: file.records.iter().map(|r| r.at).max(),
                    own: false,
                };
                let mine = file.device == replica.identity().device;
                let source = if mine { Source::Own } else { Source::Other };
                let device = file.device.clone();
                let dots: std::collections::BTreeSet<_> = file
                    .records
                    .iter()
                    .filter(|v| !v.by.is_empty())
                    .map(|v| crate::store::Dot {
                        writer: v.by.as_str().into(),
                        n: v.n,
                    })
                    .collect();
                let legacy = file.version == 1;
                let gained = replica.absorb(file, source);
                if !mine
                    && !legacy
                    && self.lock.is_some()
                    && replica.keep_what_a_file_dropped(&device, &dots) > 0
                {
                    report.kept_dropped = self.save(replica).is_ok();
                }
                if gained > 0 {
                    report.new_versions += gained;
                    if !report.from.contains(&summary.label) {
                        report.from.push(summary.label.clone());
                    }
                }
                if mine && self.lock.is_some() {
                    report.folded.push(path.to_path_buf());
                }
                match self.files.iter_mut().find(|f| f.path == path) {
                    Some(existing) => *existing = summary,
                    None => self.files.push(summary),
                }
            }
            Ok(file) => self.note_problem(
                path,
                format!("it belongs to another event (id {})", file.event),
                ProblemKind::OtherEvent,
                report,
            ),
            Err(error) => {
                self.note_problem(path, error.to_string(), ProblemKind::Unreadable, report)
            }
        }
    }

    /// Saves the own file with the copies' versions, then moves the copies
    /// out of the way; if the save fails they stay where they are.
    pub(super) fn fold(&mut self, replica: &Replica, report: &mut Reload) {
        if self.save(replica).is_err() {
            report.folded.clear();
            return;
        }
        let trash = self.local.trash();
        report
            .folded
            .retain(|path| super::local::to_trash(path, &trash).is_ok());
        for path in &report.folded {
            self.stamps.remove(path);
            self.files.retain(|f| &f.path != path);
        }
    }

    fn note_problem(
        &mut self,
        path: &Path,
        reason: String,
        kind: ProblemKind,
        report: &mut Reload,
    ) {
        self.forget_problem(path);
        self.problems.push(Problem {
            path: path.to_path_buf(),
            reason,
            kind,
        });
        report.problems_changed = true;
    }

    /// Drops the problem noted for `path`; true when there was one.
    fn forget_problem(&mut self, path: &Path) -> bool {
        let before = self.problems.len();
        self.problems.retain(|p| p.path != path);
        before != self.problems.len()
    }
}

#[cfg(test)]
mod tests;
