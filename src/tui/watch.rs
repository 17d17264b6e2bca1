//! Noticing other devices' changes: a file watcher on the event folder
//! (debounced, since sync tools write in bursts) and a slow rescan as well,
//! because sync tools and editors write in odd orders and some file systems
//! send no events at all.

use std::path::Path;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};

/// How long a burst of file events must settle before the folder is read.
const DEBOUNCE: Duration = Duration::from_millis(300);
/// How often the folder is read even without events.
const RESCAN: Duration = Duration::from_secs(5);

pub struct Watch {
    /// Kept alive for as long as events are wanted.
    _debouncer: Option<Debouncer<notify_debouncer_mini::notify::RecommendedWatcher>>,
    events: Option<Receiver<DebounceEventResult>>,
    last_scan: Instant,
}

impl Watch {
    /// Watches `dir`; without a working watcher it still rescans on a timer.
    pub fn new(dir: &Path) -> Watch {
        let (tx, rx) = channel();
        let debouncer = new_debouncer(DEBOUNCE, tx).ok().and_then(|mut d| {
            d.watcher()
                .watch(dir, RecursiveMode::NonRecursive)
                .ok()
                .map(|()| d)
        });
        let events = debouncer.as_ref().map(|_| rx);
        Watch {
            _debouncer: debouncer,
            events,
            last_scan: Instant::now(),
        }
    }

    /// True when the folder should be read again now.
    pub fn due(&mut self) -> bool {
        let mut changed = false;
        if let Some(events) = &self.events {
            while events.try_recv().is_ok() {
                changed = true;
            }
        }
        if changed || self.last_scan.elapsed() >= RESCAN {
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
        match events.recv_timeout(timeout) {
            Ok(Ok(batch)) => batch.into_iter().map(|event| event.path).collect(),
            Ok(Err(_)) | Err(_) => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests;
