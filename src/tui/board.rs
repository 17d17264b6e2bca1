//! The projector board: the slot in progress and the next one, each room's
//! session in large type, and the countdown, for a second laptop on the
//! projector. Read-only: it reads the event folder as it changes and never
//! writes into it, takes no lock, and needs no identity of its own.
//!
//! The same shape as the TUI: keys become [`BoardAction`]s, [`update`] is
//! pure, and [`render`] draws from `&BoardState`. `plan` decides what the
//! board says at a moment, `view` draws it, `qr` draws the web address as a
//! code; `run` is the loop of `unconf board`. The TUI's `b` draws the same
//! board over its own state ([`render_event`]).

pub mod plan;
pub mod qr;
mod run;
pub mod view;

use chrono::{DateTime, Duration, FixedOffset, NaiveTime};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;

use crate::model::Event;
use crate::store::Replica;

pub use run::run;

/// What the board shows and how.
#[derive(Debug)]
pub struct BoardState {
    /// The event as read from the folder (read-only).
    pub replica: Replica,
    /// The time the board is drawn at (a rehearsal's, when one is on).
    pub now: DateTime<FixedOffset>,
    pub rehearsal: Option<Rehearsal>,
    /// False under `NO_COLOR`.
    pub colour: bool,
    pub width: u16,
    pub height: u16,
    pub quit: bool,
    /// The event folder can no longer be read (deleted, renamed, a drive
    /// unplugged): the board shows the last it read and says it is not
    /// being updated, rather than passing stale news off as live.
    pub folder_gone: bool,
}

/// A rehearsal: the board shows the event's day from a chosen time on, and
/// the clock runs on from there. Nothing is written; the header says so.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rehearsal {
    /// From the real clock to the rehearsal's.
    pub shift: Duration,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BoardAction {
    /// The clock moved on (the real clock's time).
    Tick(DateTime<FixedOffset>),
    Resize {
        width: u16,
        height: u16,
    },
    /// Whether the event folder can still be read.
    Folder {
        readable: bool,
    },
    /// `q` or Ctrl-C.
    Quit,
}

/// What the loop must do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoardEffect {
    Quit,
}

/// Said in the header while a rehearsal's clock is shown.
pub const REHEARSAL: &str = "REHEARSAL";

/// Said in the header while the event folder cannot be read.
pub const NOT_UPDATING: &str = "FOLDER GONE: NOT UPDATING";

impl BoardState {
    /// The board of `replica` at `now` (the real clock's time).
    pub fn new(replica: Replica, now: DateTime<FixedOffset>, colour: bool) -> BoardState {
        BoardState {
            replica,
            now,
            rehearsal: None,
            colour,
            width: 80,
            height: 24,
            quit: false,
            folder_gone: false,
        }
    }

    /// Shows the event's day as from `at` (in its time zone), from the real
    /// clock's `now` on.
    pub fn rehearse(&mut self, at: NaiveTime, now: DateTime<FixedOffset>) {
        let start = plan::moved_to(self.replica.event(), now, at);
        let shift = start - now;
        self.rehearsal = Some(Rehearsal { shift });
        self.now = now + shift;
    }

    pub fn event(&self) -> &Event {
        self.replica.event()
    }
}

/// The board's keys: `q` (and Ctrl-C) quit; every other key does nothing,
/// so that a bumped keyboard cannot change what the room sees.
pub fn action_for(key: &KeyEvent) -> Option<BoardAction> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl_c = key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c');
    (ctrl_c || key.code == KeyCode::Char('q')).then_some(BoardAction::Quit)
}

/// The only place the board's state changes. Pure.
pub fn update(state: &mut BoardState, action: BoardAction) -> Vec<BoardEffect> {
    match action {
        BoardAction::Tick(now) => {
            state.now = now + state.rehearsal.map_or(Duration::zero(), |r| r.shift);
            Vec::new()
        }
        BoardAction::Resize { width, height } => {
            state.width = width;
            state.height = height;
            Vec::new()
        }
        BoardAction::Folder { readable } => {
            state.folder_gone = !readable;
            Vec::new()
        }
        BoardAction::Quit => {
            state.quit = true;
            vec![BoardEffect::Quit]
        }
    }
}

/// Draws the board of `unconf board`.
pub fn render(state: &BoardState, area: Rect, buf: &mut Buffer) {
    let words = match (state.folder_gone, state.rehearsal.is_some()) {
        (true, _) => Some(NOT_UPDATING),
        (false, true) => Some(REHEARSAL),
        (false, false) => None,
    };
    draw(state.event(), state.now, words, state.colour, area, buf);
}

/// Draws the board of `event` at `now`: the TUI's `b`.
pub fn render_event(
    event: &Event,
    now: DateTime<FixedOffset>,
    colour: bool,
    area: Rect,
    buf: &mut Buffer,
) {
    draw(event, now, None, colour, area, buf);
}

fn draw(
    event: &Event,
    now: DateTime<FixedOffset>,
    rehearsal: Option<&str>,
    colour: bool,
    area: Rect,
    buf: &mut Buffer,
) {
    let plan = plan::plan(event, now);
    let frame = view::Frame {
        seconds: now.timestamp(),
        rehearsal,
        look: view::Look { colour },
    };
    view::render(&plan, frame, area, buf);
}

#[cfg(test)]
mod tests;
