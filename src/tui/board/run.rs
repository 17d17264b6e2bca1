//! The loop of `unconf board`: draw, read keys, tick, and read the folder
//! again when the watcher says it changed. It opens the event for reading
//! only: no lock is taken and nothing is ever written into the folder.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use chrono::NaiveTime;
use ratatui::crossterm::event::{self, Event as TermEvent};
use ratatui::{TerminalOptions, Viewport};

use super::{BoardAction, BoardEffect, BoardState, action_for, render, update};
use crate::store::{Access, Clock, Disk, EventFolder, Identity};
use crate::tui::event_loop::{colour, stop_on_signals, watchdog};
use crate::tui::terminal;
use crate::tui::watch::Watch;

/// How often the board is drawn when nothing happens: the countdown's
/// seconds move on.
const TICK: Duration = Duration::from_millis(250);

/// Runs the board on the event in `dir` until `q`, Ctrl-C or a signal.
/// `identity` is this laptop's when it has one; a laptop with none (a
/// projector's) reads as a stranger, and nothing asks who it is. `at` starts
/// a rehearsal at that time of the event's day.
pub fn run(
    dir: &Path,
    identity: Option<Identity>,
    clock: Clock,
    at: Option<NaiveTime>,
) -> Result<(), String> {
    let me = identity.unwrap_or_else(|| Identity::fresh("projector board", "board"));
    let folder = EventFolder::open(dir, me, clock, Access::Read).map_err(|e| e.to_string())?;
    let (mut disk, replica) = folder.into_parts();
    let mut state = BoardState::new(replica, clock.now(), colour());
    if let Some(at) = at {
        state.rehearse(at, clock.now());
    }
    let stop = stop_on_signals()?;
    watchdog(Arc::clone(&stop));
    let mut terminal = terminal::start(TerminalOptions {
        viewport: Viewport::Fullscreen,
    })
    .map_err(|e| format!("Could not start the board: {e}."))?;
    terminal::restore_on_panic();
    let result = show(&mut terminal, &mut state, &mut disk, clock, &stop);
    terminal::restore();
    result
}

fn show(
    terminal: &mut terminal::Tty,
    state: &mut BoardState,
    disk: &mut Disk,
    clock: Clock,
    stop: &std::sync::atomic::AtomicBool,
) -> Result<(), String> {
    let size = terminal.size().map_err(|e| e.to_string())?;
    update(
        state,
        BoardAction::Resize {
            width: size.width,
            height: size.height,
        },
    );
    let mut watch = Watch::new(disk.dir());
    // A tick that changes nothing on the board is not sent to the
    // terminal (the projector's laptop idles for hours).
    let mut whole = terminal::Whole::default();
    loop {
        whole
            .draw(terminal, |area, buf| render(state, area, buf))
            .map_err(|e| format!("Could not draw: {e}."))?;
        if watch.due() {
            // Read-only: a reload only ever merges other laptops' files in.
            disk.reload(&mut state.replica);
        }
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        if event::poll(TICK).map_err(|e| e.to_string())? {
            let action = match event::read().map_err(|e| e.to_string())? {
                TermEvent::Key(key) => action_for(&key),
                TermEvent::Resize(width, height) => {
                    whole
                        .resized(terminal)
                        .map_err(|e| format!("Could not draw: {e}."))?;
                    Some(BoardAction::Resize { width, height })
                }
                _ => None,
            };
            if let Some(action) = action
                && update(state, action).contains(&BoardEffect::Quit)
            {
                return Ok(());
            }
        }
        update(state, BoardAction::Tick(clock.now()));
        let readable = disk.dir().is_dir();
        if readable == state.folder_gone {
            update(state, BoardAction::Folder { readable });
        }
    }
}
