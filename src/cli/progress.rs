//! Progress on standard error for work that can take seconds on a large
//! event (opening it, exporting, merging, generating). Shown only when
//! standard error is a terminal and only once the work has lasted a moment
//! (`tui::loading::shows`), and cleared when done: in a pipe, a file or a
//! script the output is exactly what it was without it.

use std::io::IsTerminal;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::store::{Loading, Stage};
use crate::tui::loading::{delay, shows};

/// A bar of device files read (and merged as they are read), then of the
/// last few merged, while an event opens.
pub struct Reading {
    started: Instant,
    delay: Duration,
    on_terminal: bool,
    bar: Option<ProgressBar>,
}

impl Reading {
    pub fn new() -> Reading {
        Reading {
            started: Instant::now(),
            delay: delay(),
            on_terminal: std::io::stderr().is_terminal(),
            bar: None,
        }
    }

    pub fn step(&mut self, loading: Loading) {
        if self.bar.is_none() {
            if !shows(self.on_terminal, self.started.elapsed(), self.delay) {
                return;
            }
            let bar = ProgressBar::with_draw_target(
                Some(loading.total as u64),
                ProgressDrawTarget::stderr(),
            );
            if let Ok(style) =
                ProgressStyle::with_template("{msg:<8} [{bar:30}] {pos}/{len} device files")
            {
                bar.set_style(style.progress_chars("=> "));
            }
            self.bar = Some(bar);
        }
        if let Some(bar) = &self.bar {
            bar.set_message(match loading.stage {
                Stage::Reading => "reading",
                Stage::Merging => "merging",
            });
            bar.set_length(loading.total as u64);
            bar.set_position(loading.done as u64);
        }
    }
}

impl Default for Reading {
    fn default() -> Self {
        Reading::new()
    }
}

impl Drop for Reading {
    fn drop(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

/// A spinner with a message for work that cannot count its steps; shown
/// once the work has lasted the delay, cleared when dropped.
pub struct Spinner {
    done: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Spinner {
    pub fn start(message: impl Into<String>) -> Spinner {
        if !std::io::stderr().is_terminal() {
            return Spinner {
                done: None,
                thread: None,
            };
        }
        let message = message.into();
        let wait = delay();
        let (done, finished) = mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            if finished.recv_timeout(wait) != Err(RecvTimeoutError::Timeout) {
                return;
            }
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(ProgressStyle::default_spinner());
            bar.set_message(message);
            bar.enable_steady_tick(Duration::from_millis(100));
            // Until the work is done (or the sender is dropped).
            let _ = finished.recv();
            bar.finish_and_clear();
        });
        Spinner {
            done: Some(done),
            thread: Some(thread),
        }
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        drop(self.done.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
