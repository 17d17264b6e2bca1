//! Noticing other devices' changes: a file watcher on the event folder
//! (debounced, since sync tools write in bursts) and a slow rescan as well,
//! because sync tools and editors write in odd orders and some file systems
//! send no events at all.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{self, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// How long a burst of file events must settle before the folder is read.
const DEBOUNCE: Duration = Duration::from_millis(300);
/// How often the folder is read even without events.
const RESCAN: Duration = Duration::from_secs(5);

pub struct Watch {
    /// Kept alive for as long as events are wanted.
    _watcher: Option<RecommendedWatcher>,
    /// The paths of each event that can mean new data.
    events: Option<Receiver<Vec<PathBuf>>>,
    /// When the last event came, while the folder has not been read since.
    settling: Option<Instant>,
    last_scan: Instant,
}

/// Whether a file event can mean something new to read. Opening and
/// reading a file is reported too (inotify's IN_OPEN), and reading the
/// folder is what the loop does when told of a change: counting those
/// would have it read the folder again and again for ever.
/// A file closed after writing (IN_CLOSE_WRITE) still counts: some sync
/// tools write in place.
fn matters(event: &notify::Event) -> bool {
    match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

impl Watch {
    /// Watches `dir`; without a working watcher it still rescans on a timer.
    pub fn new(dir: &Path) -> Watch {
        let (tx, rx) = channel();
        let watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
            if let Ok(event) = result
                && matters(&event)
            {
                // The loop may have ended; then nobody needs to know.
                let _ = tx.send(event.paths);
            }
        })
        .ok()
        .and_then(|mut watcher| {
            watcher
                .watch(dir, RecursiveMode::NonRecursive)
                .ok()
                .map(|()| watcher)
        });
        let events = watcher.as_ref().map(|_| rx);
        Watch {
            _watcher: watcher,
            events,
            settling: None,
            last_scan: Instant::now(),
        }
    }

    /// True when the folder should be read again now: a burst of changes
    /// has settled, or it was last read a while ago.
    pub fn due(&mut self) -> bool {
        if let Some(events) = &self.events {
            while events.try_recv().is_ok() {
                self.settling = Some(Instant::now());
            }
        }
        let settled = self.settling.is_some_and(|at| at.elapsed() >= DEBOUNCE);
        if settled || self.last_scan.elapsed() >= RESCAN {
            self.settling = None;
            self.last_scan = Instant::now();
            return true;
        }
        false
    }

    /// Blocks until the watcher (not the rescan timer) reports changes, or
    /// `timeout` passes; the paths it named, empty when none came or
    /// nothing is watched. The loop polls with `due`; tests wait here.
    #[cfg(test)]
    pub fn wait_for_change(&mut self, timeout: Duration) -> Vec<std::path::PathBuf> {
        let Some(events) = &self.events else {
            return Vec::new();
        };
        events.recv_timeout(timeout).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests;
