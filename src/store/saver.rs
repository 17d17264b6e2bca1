//! Saving the own file without holding up typing.
//!
//! A [`Saver`] owns one writer thread per open event, started at the first
//! save that may wait. The loop hands it a [`OwnSnapshot`] (shared versions,
//! nothing copied) and goes back to the keyboard; the thread turns it into
//! text and writes it atomically, and its [`Outcome`] comes back to the loop,
//! which tells `update` (`Action::Saved` or `Action::SaveFailed`). When
//! saves queue up while one is being written, only the newest is written
//! next: each holds everything the ones before it held. The writer sits
//! behind a mutex, so a save that must finish at once ([`Saver::write_now`],
//! the command line, a reload) waits for the one in flight and never writes
//! the file at the same time.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use super::cache::FileCache;
use super::folder::{Disk, FileSummary};
use super::local::EventState;
use super::reload::Stamp;
use super::replica::OwnSnapshot;
use super::{Clock, Replica, StoreError, atomic, backup};

/// Writes one snapshot of the own file. The real one is [`OwnFileWriter`];
/// tests put in one that shows when and what it was asked to write.
pub trait WriteOwn: Send + 'static {
    /// Writes the file; returns only once it is on disk (fsynced) or the
    /// write failed.
    fn write(&mut self, snapshot: OwnSnapshot) -> Result<OnDisk, StoreError>;
}

/// What a finished write left on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OnDisk {
    /// The file's size and time as written, so that a reload knows it as
    /// this process's own write.
    pub stamp: Option<Stamp>,
    /// How many versions the file holds.
    pub records: usize,
    /// The newest time among this device's versions in it.
    pub last_change: Option<DateTime<Utc>>,
    /// The device that writes it, and its label.
    pub device: String,
    pub label: String,
}

/// The result of one save, named by the number [`Saver::submit`] gave it.
#[derive(Debug)]
pub struct Outcome {
    pub generation: u64,
    pub result: Result<OnDisk, StoreError>,
}

struct Job {
    generation: u64,
    snapshot: OwnSnapshot,
    _writing: Writing,
}

/// Saves queued or being written in this process, for [`wait_for_writes`].
static WRITING: AtomicUsize = AtomicUsize::new(0);

/// Counts one save from the moment it is queued until it is written or a
/// newer one replaced it.
struct Writing;

impl Writing {
    fn start() -> Writing {
        WRITING.fetch_add(1, Ordering::SeqCst);
        Writing
    }
}

impl Drop for Writing {
    fn drop(&mut self) {
        WRITING.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Waits, at most `limit`, until no save of this process is queued or being
/// written: for the last resort of a process that must end (the watchdog),
/// which has no other way to know that the newest edits reached the disk.
/// True when none is left.
pub fn wait_for_writes(limit: Duration) -> bool {
    let until = Instant::now() + limit;
    while WRITING.load(Ordering::SeqCst) > 0 {
        if Instant::now() >= until {
            return false;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    true
}

/// The writer thread and what it reported, as the loop sees them.
pub struct Saver<W: WriteOwn> {
    writer: Arc<Mutex<W>>,
    thread: Option<(Sender<Job>, Receiver<Outcome>, JoinHandle<()>)>,
    /// Outcomes of saves written on the calling thread, not yet collected.
    ready: VecDeque<Outcome>,
    /// The number of the newest save asked for.
    submitted: u64,
    /// The number of the newest save whose outcome was collected.
    settled: u64,
}

impl<W: WriteOwn> std::fmt::Debug for Saver<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Saver")
            .field("submitted", &self.submitted)
            .field("settled", &self.settled)
            .field("thread", &self.thread.is_some())
            .finish_non_exhaustive()
    }
}

impl<W: WriteOwn> Saver<W> {
    pub fn new(writer: W) -> Saver<W> {
        Saver {
            writer: Arc::new(Mutex::new(writer)),
            thread: None,
            ready: VecDeque::new(),
            submitted: 0,
            settled: 0,
        }
    }

    /// Queues a save and returns at once with its number. Saves queued
    /// while another is written are replaced by the newest.
    pub fn submit(&mut self, snapshot: OwnSnapshot) -> u64 {
        self.submitted += 1;
        let job = Job {
            generation: self.submitted,
            snapshot,
            _writing: Writing::start(),
        };
        let job = match self.sender() {
            Some(sender) => match sender.send(job) {
                Ok(()) => return self.submitted,
                Err(mpsc::SendError(job)) => job,
            },
            None => job,
        };
        // No thread (the system refused one, or it stopped): written here,
        // late rather than never.
        self.thread = None;
        let outcome = write_job(&self.writer, job);
        self.ready.push_back(outcome);
        self.submitted
    }

    /// The writer thread's queue, starting the thread when there is none.
    fn sender(&mut self) -> Option<&Sender<Job>> {
        if self.thread.is_none() {
            let (jobs, queue) = mpsc::channel::<Job>();
            let (report, outcomes) = mpsc::channel();
            let writer = Arc::clone(&self.writer);
            let handle = std::thread::Builder::new()
                .name("unconf save".into())
                .spawn(move || write_jobs(&writer, &queue, &report))
                .ok()?;
            self.thread = Some((jobs, outcomes, handle));
        }
        self.thread.as_ref().map(|(jobs, _, _)| jobs)
    }

    /// True while a save asked for has not yet been collected.
    pub fn busy(&self) -> bool {
        self.settled < self.submitted
    }

    /// The number of the newest save asked for.
    pub fn latest(&self) -> u64 {
        self.submitted
    }

    /// The outcomes that have come back, without waiting.
    pub fn collect(&mut self) -> Vec<Outcome> {
        let mut outcomes: Vec<Outcome> = self.ready.drain(..).collect();
        if let Some((_, reports, _)) = &self.thread {
            outcomes.extend(reports.try_iter());
        }
        self.settle(outcomes)
    }

    /// Waits until the newest save asked for is written (or failed), and
    /// returns every outcome that came back meanwhile.
    pub fn wait(&mut self) -> Vec<Outcome> {
        let mut outcomes = self.collect();
        while self.busy() {
            let Some((_, reports, _)) = &self.thread else {
                break;
            };
            match reports.recv() {
                Ok(outcome) => outcomes.extend(self.settle(vec![outcome])),
                Err(_) => {
                    // The thread ended without writing (it panicked): say
                    // so, and the next save starts another.
                    self.thread = None;
                    let generation = self.submitted;
                    outcomes.extend(self.settle(vec![Outcome {
                        generation,
                        result: Err(StoreError::SaveStopped),
                    }]));
                }
            }
        }
        outcomes
    }

    /// Writes on this thread, after the save in flight: for callers that
    /// need the file on disk before they go on. Returns the outcomes of the
    /// saves before it and its own.
    pub fn write_now(&mut self, snapshot: OwnSnapshot) -> (Vec<Outcome>, Outcome) {
        let earlier = self.wait();
        self.submitted += 1;
        let job = Job {
            generation: self.submitted,
            snapshot,
            _writing: Writing::start(),
        };
        let outcome = write_job(&self.writer, job);
        self.settled = self.submitted;
        (earlier, outcome)
    }

    fn settle(&mut self, outcomes: Vec<Outcome>) -> Vec<Outcome> {
        for outcome in &outcomes {
            self.settled = self.settled.max(outcome.generation);
        }
        outcomes
    }
}

impl<W: WriteOwn> Drop for Saver<W> {
    /// Lets the save in flight finish: a process that drops its folder
    /// on the way out must not cut its last write short.
    fn drop(&mut self) {
        if let Some((jobs, _, handle)) = self.thread.take() {
            drop(jobs);
            let _ = handle.join();
        }
    }
}

/// The writer thread: the newest job waiting, written, reported.
fn write_jobs<W: WriteOwn>(writer: &Mutex<W>, queue: &Receiver<Job>, report: &Sender<Outcome>) {
    while let Ok(mut job) = queue.recv() {
        // Anything newer replaces it: a snapshot holds every edit made
        // before it.
        while let Ok(newer) = queue.try_recv() {
            job = newer;
        }
        if report.send(write_job(writer, job)).is_err() {
            return;
        }
    }
}

fn write_job<W: WriteOwn>(writer: &Mutex<W>, job: Job) -> Outcome {
    let mut writer = writer.lock().unwrap_or_else(PoisonError::into_inner);
    Outcome {
        generation: job.generation,
        result: writer.write(job.snapshot),
    }
}

/// Writes the own file into the event folder: a rolling backup, an atomic
/// write (fsync of the file and of the folder), this machine's copy of it
/// as last written, and this run's number with the first save.
#[derive(Debug)]
pub struct OwnFileWriter {
    pub(super) own_path: PathBuf,
    pub(super) clock: Clock,
    pub(super) local: EventState,
    /// This run's number on this machine, recorded with its first save.
    pub(super) run: Option<u64>,
    pub(super) cache: Option<FileCache>,
}

impl WriteOwn for OwnFileWriter {
    fn write(&mut self, snapshot: OwnSnapshot) -> Result<OnDisk, StoreError> {
        let file = snapshot.to_file();
        let records = snapshot.len();
        let last_change = snapshot.last_change();
        let device = snapshot.identity().device.clone();
        let label = snapshot.identity().label.clone();
        // Let go of the shared versions before the slow part: an edit made
        // meanwhile then changes them without copying.
        drop(snapshot);
        let text = file.to_text().map_err(|source| StoreError::Encode {
            what: self.own_path.display().to_string(),
            source,
        })?;
        // A failed backup must not stop the save itself.
        let _ = backup::maybe_backup(
            &self.local.backups(),
            &self.own_path,
            &self
                .clock
                .now_utc()
                .format("%Y%m%dT%H%M%S%.3fZ")
                .to_string(),
        );
        atomic::write(&self.own_path, text.as_bytes()).map_err(|source| {
            let path = self.own_path.clone();
            if atomic::replaced(&source) {
                StoreError::Unsynced { path, source }
            } else {
                StoreError::Save { path, source }
            }
        })?;
        let stamp = Stamp::of(&self.own_path);
        self.local.keep_latest(&self.own_path, text.as_bytes());
        // The next open finds the own file parsed already (the organiser's
        // is the largest file of an event). Best effort, like the cache.
        // Only a file that reading would accept: what is cached must be
        // what parsing these bytes gives (format tests hold that writing
        // then parsing a file gives it back).
        if let (Some(cache), Some(name), Ok(())) = (
            &self.cache,
            self.own_path.file_name().and_then(|n| n.to_str()),
            file.check(),
        ) {
            cache.put(&cache.key(name, text.as_bytes()), &file);
        }
        if let Some(run) = self.run.take() {
            self.local.record_run(&device, run);
        }
        Ok(OnDisk {
            stamp,
            records,
            last_change,
            device,
            label,
        })
    }
}

/// The own file's saves as the folder keeps them: the saver, made at the
/// first save, and whether the loop has asked for one it has not started.
#[derive(Debug, Default)]
pub struct Saving {
    saver: Option<Saver<OwnFileWriter>>,
    wanted: bool,
}

impl Disk {
    fn saver(&mut self) -> &mut Saver<OwnFileWriter> {
        let Disk {
            saving,
            own_path,
            clock,
            local,
            run,
            cache,
            ..
        } = self;
        saving.saver.get_or_insert_with(|| {
            Saver::new(OwnFileWriter {
                own_path: own_path.clone(),
                clock: *clock,
                local: local.clone(),
                run: run.take(),
                cache: cache.clone(),
            })
        })
    }

    /// Writes the replica's own file now (atomically, after a rolling
    /// backup), after any save in flight. On failure the file on disk is as
    /// it was before.
    pub fn save(&mut self, replica: &Replica) -> Result<(), StoreError> {
        // Every writer (commits, merges, folding conflict copies) comes
        // through here or `start_save`, so this is where a read-only event
        // stays unwritten.
        self.refuse_read_only(replica)?;
        self.unsaved = true;
        self.saving.wanted = false;
        let (earlier, outcome) = self.saver().write_now(replica.own_snapshot());
        for outcome in earlier {
            let _ = self.note_outcome(outcome);
        }
        self.note_outcome(outcome).unwrap_or(Ok(()))
    }

    /// Asks for a save, started by [`start_save`](Disk::start_save): the
    /// loop asks once per edit and starts one per frame.
    pub fn want_save(&mut self) {
        self.saving.wanted = true;
    }

    /// Starts the save asked for, if any, on the writer thread, and returns
    /// at once; [`save_news`](Disk::save_news) says how it went.
    pub fn start_save(&mut self, replica: &Replica) -> Result<(), StoreError> {
        if !std::mem::take(&mut self.saving.wanted) {
            return Ok(());
        }
        self.refuse_read_only(replica)?;
        self.unsaved = true;
        self.saver().submit(replica.own_snapshot());
        Ok(())
    }

    /// True while a save started has not yet been reported.
    pub fn saving(&self) -> bool {
        self.saving.saver.as_ref().is_some_and(Saver::busy)
    }

    /// How the saves started have gone, without waiting: `Ok` once the
    /// newest is on disk, an error for every one that failed.
    pub fn save_news(&mut self) -> Vec<Result<(), StoreError>> {
        let outcomes = match self.saving.saver.as_mut() {
            Some(saver) => saver.collect(),
            None => return Vec::new(),
        };
        self.note_outcomes(outcomes)
    }

    /// As [`save_news`](Disk::save_news), after waiting for the saves
    /// started (and the one asked for) to finish.
    pub fn wait_for_saves(&mut self, replica: &Replica) -> Vec<Result<(), StoreError>> {
        let mut news = match self.start_save(replica) {
            Ok(()) => Vec::new(),
            Err(error) => vec![Err(error)],
        };
        let outcomes = match self.saving.saver.as_mut() {
            Some(saver) => saver.wait(),
            None => Vec::new(),
        };
        news.extend(self.note_outcomes(outcomes));
        news
    }

    fn note_outcomes(&mut self, outcomes: Vec<Outcome>) -> Vec<Result<(), StoreError>> {
        outcomes
            .into_iter()
            .filter_map(|outcome| self.note_outcome(outcome))
            .collect()
    }

    /// Keeps what a save left on disk; the news for the loop, if any: a
    /// success only when nothing newer is waiting, every failure.
    fn note_outcome(&mut self, outcome: Outcome) -> Option<Result<(), StoreError>> {
        let latest = self.saving.saver.as_ref().map_or(0, Saver::latest);
        let newest = outcome.generation >= latest;
        match outcome.result {
            Ok(on_disk) => {
                self.own_stamp = on_disk.stamp;
                self.note_own_file(&on_disk);
                if newest {
                    self.unsaved = false;
                }
                newest.then_some(Ok(()))
            }
            Err(error) => Some(Err(error)),
        }
    }

    fn refuse_read_only(&self, replica: &Replica) -> Result<(), StoreError> {
        match replica.read_only() {
            Some(reason) => Err(StoreError::ReadOnly {
                dir: self.dir.clone(),
                reason: reason.to_string(),
            }),
            None => Ok(()),
        }
    }

    fn note_own_file(&mut self, on_disk: &OnDisk) {
        let summary = FileSummary {
            path: self.own_path.clone(),
            device: on_disk.device.clone(),
            label: on_disk.label.clone(),
            records: on_disk.records,
            last_change: on_disk.last_change,
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
}

#[cfg(test)]
mod tests;
