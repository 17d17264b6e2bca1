//! Reading a folder's device files and merging them into a replica, side by
//! side: reader threads parse (or take from the cache) while this thread
//! merges each file as soon as every file before it is merged.
//!
//! Which event the folder holds is known for certain only once every file
//! is read (the own file names it; else most files do, see
//! [`choose_event`]). Merging starts at once under a guess, the event the
//! first file read names (the own file is read first), which is right for
//! every folder that holds one event. When the files, all read, name
//! another, everything is read and merged again under that one, so a guess
//! never changes what opens.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, TryRecvError};

use super::{FileSummary, Loading, Problem, ProblemKind};
use crate::model::Id;
use crate::store::Identity;
use crate::store::cache::FileCache;
use crate::store::format::{DeviceFile, FileVersions, FormatError, ReadError};
use crate::store::reload::Stamp;
use crate::store::replica::{Replica, Source};

/// Most threads that read device files at once.
const MAX_READERS: usize = 4;

/// The files of a folder merged into a replica of one event, and what was
/// noted on the way.
pub(super) struct Merging {
    /// The event the files were merged as (see the module's note).
    pub(super) event: Option<Id>,
    /// `None` when no file could be read.
    pub(super) replica: Option<Replica>,
    /// Each file read and the event it names, for [`choose_event`].
    events: Vec<(PathBuf, Id)>,
    pub(super) files: Vec<FileSummary>,
    pub(super) stamps: BTreeMap<PathBuf, Stamp>,
    pub(super) own_stamp: Option<Stamp>,
    /// Files that could not be read, in name order.
    pub(super) problems: Vec<Problem>,
    /// Files of another event, in name order (they follow `problems`).
    pub(super) other_event: Vec<Problem>,
    /// The first file (by name) written by a newer unconf, and its format
    /// version.
    pub(super) newer: Option<(PathBuf, u32)>,
    /// Each file written by a newer unconf, and its format version.
    newer_versions: BTreeMap<PathBuf, u32>,
}

impl Merging {
    /// The event the folder holds, from the files read: the own file's,
    /// else the one most files name (the least id on a tie).
    pub(super) fn chosen(&self, own_path: &Path) -> Option<Id> {
        choose_event(&self.events, own_path)
    }

    /// Every file of the folder with a problem, unreadable ones first.
    pub(super) fn all_problems(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().chain(&self.other_event)
    }
}

/// Reads every device file in `paths` (in name order) and merges them into
/// a replica of `event`, or, when `event` is `None`, of the event the first
/// file read names (the own file, at `own_path`, is read first).
pub(super) fn read_and_merge(
    paths: &[PathBuf],
    own_path: &Path,
    me: &Identity,
    fixed_clock: bool,
    event: Option<Id>,
    cache: Option<&FileCache>,
    progress: &mut dyn FnMut(Loading),
) -> Merging {
    let total = paths.len();
    let own_at = paths.iter().position(|path| path == own_path);
    // The own file first, then the others in name order.
    let order: Vec<usize> = own_at
        .into_iter()
        .chain((0..total).filter(|at| Some(*at) != own_at))
        .collect();
    let in_order: Vec<PathBuf> = order.iter().map(|at| paths[*at].clone()).collect();
    let mut merging = Merging {
        replica: event
            .as_ref()
            .map(|id| Replica::new(id.clone(), me.clone(), fixed_clock)),
        event,
        events: Vec::new(),
        files: Vec::new(),
        stamps: BTreeMap::new(),
        own_stamp: None,
        problems: Vec::new(),
        other_event: Vec::new(),
        newer: None,
        newer_versions: BTreeMap::new(),
    };
    // The own file, read first, waits here until the files before it in
    // name order are merged: files are merged in name order, always.
    let mut held_own: Option<FileVersions> = None;
    let (mut read_count, mut merged_count) = (0, 0);
    progress(Loading::reading(0, total));
    // Taken apart for merging where it is read, off this thread.
    let read_one = |path: &Path, buffers: &mut Buffers| {
        read_cached(path, cache, buffers).map(DeviceFile::into_file_versions)
    };
    read_in_order(&in_order, &read_one, &mut |at, read| {
        let path = &in_order[at];
        read_count += 1;
        if read_count < total {
            progress(Loading::reading(read_count, total));
        }
        let Some(file) = merging.take(path, read) else {
            return;
        };
        if merging.event.is_none() {
            let event = file.head.event.clone();
            merging.replica = Some(Replica::new(event.clone(), me.clone(), fixed_clock));
            merging.event = Some(event);
        }
        if Some(order[at]) == own_at {
            held_own = Some(file);
            return;
        }
        if own_at.is_some_and(|own_at| own_at < order[at])
            && let Some(own) = held_own.take()
        {
            merging.merge(own_path.to_path_buf(), own, own_path);
            merged_count += 1;
        }
        merging.merge(path.clone(), file, own_path);
        merged_count += 1;
        // Once every file is read, what is left is merging.
        if read_count == total {
            progress(Loading::merging(merged_count, total));
        }
    });
    if let Some(own) = held_own.take() {
        merging.merge(own_path.to_path_buf(), own, own_path);
    }
    if let Some(replica) = merging.replica.as_mut() {
        replica.settle();
    }
    progress(Loading::merging(total, total));
    // The own file was read first: its problem, if it has one, takes its
    // place among the others by name, as does the newer file named.
    merging.problems.sort_by(|a, b| a.path.cmp(&b.path));
    merging.newer = (merging.problems.iter())
        .filter(|problem| problem.kind == ProblemKind::Newer)
        .find_map(|problem| {
            let version = merging.newer_versions.get(&problem.path)?;
            Some((problem.path.clone(), *version))
        });
    merging
}

impl Merging {
    /// A file as it was read: the file to merge, or a problem noted.
    fn take(&mut self, path: &Path, read: Result<FileVersions, ReadError>) -> Option<FileVersions> {
        let file = match read {
            Ok(file) => file,
            Err(ReadError::Format(FormatError::Newer(version))) => {
                self.problems.push(Problem {
                    path: path.to_path_buf(),
                    reason: FormatError::Newer(version).to_string(),
                    kind: ProblemKind::Newer,
                });
                self.newer_versions.insert(path.to_path_buf(), version);
                // Read what this build understands of it: the event opens
                // for reading, and read-only (see `open_reporting`).
                std::fs::read(path)
                    .ok()
                    .and_then(|bytes| DeviceFile::parse_newer(&bytes))?
                    .into_file_versions()
            }
            Err(error) => {
                self.problems.push(Problem {
                    path: path.to_path_buf(),
                    reason: error.to_string(),
                    kind: ProblemKind::Unreadable,
                });
                return None;
            }
        };
        self.events
            .push((path.to_path_buf(), file.head.event.clone()));
        Some(file)
    }

    /// Merges one file read from `path`, or notes that it belongs to
    /// another event.
    fn merge(&mut self, path: PathBuf, file: FileVersions, own_path: &Path) {
        let Some(replica) = self.replica.as_mut() else {
            return;
        };
        if let Some(stamp) = Stamp::of(&path) {
            if path == own_path {
                self.own_stamp = Some(stamp);
            }
            self.stamps.insert(path.clone(), stamp);
        }
        let head = &file.head;
        if head.event != *replica.event_id() {
            self.other_event.push(Problem {
                path,
                reason: format!("it belongs to another event (id {})", head.event),
                kind: ProblemKind::OtherEvent,
            });
            return;
        }
        let mine = head.device == replica.identity().device;
        self.files.push(FileSummary {
            own: mine && path == own_path,
            path,
            device: head.device.clone(),
            label: head.label.clone(),
            records: file.records,
            last_change: file.last_change,
        });
        let source = if mine { Source::Own } else { Source::Other };
        replica.absorb_unsettled(file, source);
    }
}

/// Which event a folder holds, from the event each readable file names:
/// the one this device's own file names, else the one most files name
/// (ties to the smallest id, so every device agrees).
fn choose_event(events: &[(PathBuf, Id)], own_path: &Path) -> Option<Id> {
    // The own file names it; a copy of the own file from another event
    // (dropped in by hand, or a sync tool) must not take the folder over.
    if let Some((_, event)) = events.iter().find(|(path, _)| path == own_path) {
        return Some(event.clone());
    }
    let mut counts: BTreeMap<&Id, usize> = BTreeMap::new();
    for (_, event) in events {
        *counts.entry(event).or_default() += 1;
    }
    let best = counts.values().copied().max()?;
    counts
        .into_iter()
        .find(|(_, n)| *n == best)
        .map(|(id, _)| id.clone())
}

/// Reads `paths` (see [`read_cached`]) on one thread fewer than the machine
/// has cores (at most [`MAX_READERS`]; on one core, on this thread), and
/// hands each to `on_read` on this thread, in the order of `paths`, as soon
/// as it and every file before it are read: the caller merges while the
/// rest are still being read.
fn read_in_order<T: Send>(
    paths: &[PathBuf],
    read: &(dyn Fn(&Path, &mut Buffers) -> T + Sync),
    on_read: &mut dyn FnMut(usize, T),
) {
    // This thread merges while the readers read: one core is left to it.
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let readers = match cores {
        1 => 0,
        _ => (cores - 1).min(MAX_READERS),
    };
    read_in_order_on(readers, paths, read, on_read);
}

/// [`read_in_order`] on `readers` threads, and on this one whenever it has
/// nothing to hand over; with none, all on this one.
fn read_in_order_on<T: Send>(
    readers: usize,
    paths: &[PathBuf],
    read: &(dyn Fn(&Path, &mut Buffers) -> T + Sync),
    on_read: &mut dyn FnMut(usize, T),
) {
    let workers = readers.min(paths.len());
    let mut next_out = 0;
    // Read out of order, not handed over yet.
    let mut waiting: BTreeMap<usize, T> = BTreeMap::new();
    let mut buffers = Buffers::default();
    if workers > 0 && paths.len() > 1 {
        let next = AtomicUsize::new(0);
        let (tx, rx) = mpsc::channel();
        std::thread::scope(|scope| {
            for _ in 0..workers {
                let (tx, next) = (tx.clone(), &next);
                // A thread that cannot start leaves its share to the others
                // or, below, to this one.
                let _ = std::thread::Builder::new().spawn_scoped(scope, move || {
                    let mut buffers = Buffers::default();
                    loop {
                        let at = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = paths.get(at) else { break };
                        if tx.send((at, read(path, &mut buffers))).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(tx);
            loop {
                while let Some(done) = waiting.remove(&next_out) {
                    on_read(next_out, done);
                    next_out += 1;
                }
                if next_out == paths.len() {
                    break;
                }
                let (at, done) = match rx.try_recv() {
                    Ok(read) => read,
                    // Every reader has stopped and every file they read
                    // was handed over: what is left is read below.
                    Err(TryRecvError::Disconnected) => break,
                    Err(TryRecvError::Empty) => {
                        // Nothing to merge yet: this thread reads a file no
                        // reader has taken rather than wait for one.
                        let at = next.fetch_add(1, Ordering::Relaxed);
                        match paths.get(at) {
                            Some(path) => (at, read(path, &mut buffers)),
                            None => match rx.recv() {
                                Ok(read) => read,
                                Err(_) => break,
                            },
                        }
                    }
                };
                waiting.insert(at, done);
            }
        });
        // Every file a reader took was handed over above, in order (a
        // reader that panics takes the scope down with it); what no thread
        // took (no reader could start) is read below, on this one.
    }
    while let Some(path) = paths.get(next_out) {
        let done = match waiting.remove(&next_out) {
            Some(done) => done,
            None => read(path, &mut buffers),
        };
        on_read(next_out, done);
        next_out += 1;
    }
}

/// The bytes a reader holds while it reads one file: the file and its
/// cache entry. Kept from one file to the next, so that each thread's
/// memory holds one buffer of each, not a freed hole per file (with
/// glibc, each thread allocates from an arena of its own, and holes left
/// there are never reused by the thread that goes on to merge and export:
/// 20 MiB more at the peak of opening large on four threads).
#[derive(Default)]
struct Buffers {
    file: Vec<u8>,
    entry: Vec<u8>,
}

/// One device file, read through `cache` as [`read_cached`] reads it: for
/// a file read on its own (one that changed while the event is open).
pub(in crate::store) fn read_through(
    path: &Path,
    cache: Option<&FileCache>,
) -> Result<DeviceFile, ReadError> {
    read_cached(path, cache, &mut Buffers::default())
}

/// One device file, from the cache when it holds these exact bytes, else
/// parsed (and then kept in the cache).
fn read_cached(
    path: &Path,
    cache: Option<&FileCache>,
    buffers: &mut Buffers,
) -> Result<DeviceFile, ReadError> {
    crate::store::format::read_file_bytes_into(path, &mut buffers.file)?;
    let bytes = &buffers.file;
    let name = path.file_name().and_then(|n| n.to_str());
    let (Some(cache), Some(name)) = (cache, name) else {
        return crate::store::format::parse_device_file(bytes);
    };
    let key = cache.key(name, bytes);
    if let Some(file) = cache.get_with(&key, &mut buffers.entry) {
        return Ok(file);
    }
    let file = crate::store::format::parse_device_file(bytes)?;
    cache.put(&key, &file);
    Ok(file)
}

/// The files read, and the problems of those that could not be.
#[cfg(test)]
pub(crate) type FilesRead = (Vec<(PathBuf, DeviceFile)>, Vec<Problem>);

/// Every device file in `dir` as read (through `cache` when given, which
/// is then pruned as on opening), in name order, with the problems of those
/// that could not be: what the cache's tests compare.
#[cfg(test)]
pub(crate) fn read_all(dir: &Path, cache: Option<&FileCache>) -> std::io::Result<FilesRead> {
    let paths = crate::store::scan::candidates(dir)?;
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let read_one = |path: &Path, buffers: &mut Buffers| read_cached(path, cache, buffers);
    read_in_order(&paths, &read_one, &mut |at, read| match read {
        Ok(file) => files.push((paths[at].clone(), file)),
        Err(error) => problems.push(Problem {
            path: paths[at].clone(),
            reason: error.to_string(),
            kind: ProblemKind::Unreadable,
        }),
    });
    if let Some(cache) = cache {
        cache.prune(paths.iter().filter_map(|p| p.file_name()?.to_str()));
    }
    Ok((files, problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_handed_over_once_each_in_the_order_asked() {
        let dir = tempfile::tempdir().expect("temp dir");
        let event = dir.path().join("event");
        let sizes = crate::store::generate::Sizes {
            pitches: 30,
            sessions: 12,
            notes: 400,
            devices: 6,
        };
        crate::store::generate::generate(&event, &sizes).expect("generated");
        // Device files of different sizes and broken ones between them, so
        // that reads finish out of order.
        for n in 0..6 {
            let broken = event.join(format!("generated-{n}-broken.ron"));
            std::fs::write(broken, "x".repeat(1 + n * 50_000)).expect("written");
        }
        let paths = crate::store::scan::candidates(&event).expect("listed");
        assert_eq!(paths.len(), 12);
        let one_by_one: Vec<Option<DeviceFile>> = (paths.iter())
            .map(|path| crate::store::format::read_device_file(path).ok())
            .collect();
        assert_eq!(one_by_one.iter().filter(|file| file.is_some()).count(), 6);
        for readers in [0, 1, 4] {
            let mut handed: Vec<(usize, Option<DeviceFile>)> = Vec::new();
            let read_one = |path: &Path, buffers: &mut Buffers| read_cached(path, None, buffers);
            read_in_order_on(readers, &paths, &read_one, &mut |at, read| {
                handed.push((at, read.ok()));
            });
            let expected: Vec<(usize, Option<DeviceFile>)> =
                one_by_one.iter().cloned().enumerate().collect();
            assert!(handed == expected, "{readers} readers");
        }
    }

    #[test]
    fn the_event_is_the_own_files_else_the_one_most_files_name() {
        let (a, b) = (Id::new("A"), Id::new("B"));
        let own = PathBuf::from("own.ron");
        let file = |name: &str, event: &Id| (PathBuf::from(name), event.clone());
        let most_b = [file("1.ron", &a), file("2.ron", &b), file("3.ron", &b)];
        assert_eq!(choose_event(&most_b, &own), Some(b.clone()));
        let with_own = [file("1.ron", &b), file("2.ron", &b), file("own.ron", &a)];
        assert_eq!(choose_event(&with_own, &own), Some(a.clone()));
        let tie = [file("1.ron", &b), file("2.ron", &a)];
        assert_eq!(choose_event(&tie, &own), Some(a));
        assert_eq!(choose_event(&[], &own), None);
    }
}
