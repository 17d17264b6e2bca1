//! Schedule: the slots x rooms grid. Place open pitches, move, swap, repeat
//! and unschedule sessions, see clashes where they are, and let
//! auto-schedule propose a first draft that is accepted as one undoable step.
//!
//! The cursor is a (slot, room) cell. An edit that needs a second cell
//! (placing a pitch, moving, repeating) is started with one key and finished
//! with Enter on the target cell; Esc cancels it. The side list of open
//! pitches takes the arrow keys while it has focus (`p` toggles it; Tab stays
//! the global "next screen").

mod cells;
mod cursor;
mod edit;

use ratatui::crossterm::event::KeyCode;

pub use cells::{CellPos, Cells};
pub use cursor::selection;

use crate::model::Id;
use crate::model::autoschedule::Proposal;
use crate::tui::action::{Action, Effect};
use crate::tui::draft::DraftSlot;
use crate::tui::keymap::{Binding, Key, down_keys, left_keys, right_keys, up_keys};
use crate::tui::state::State;
use crate::tui::widget::grid::Offset;
use crate::tui::widget::text_field::TextField;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Focus {
    #[default]
    Grid,
    /// The side list of open pitches.
    Pitches,
}

/// An edit waiting for its target cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    /// A pitch picked from the list.
    Place(Id),
    /// A session picked up. `swap_with` is the session in the cell where
    /// Enter was pressed once; Enter there again swaps the two.
    Move { session: Id, swap_with: Option<Id> },
    /// A session to run again.
    Repeat(Id),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScheduleState {
    pub focus: Focus,
    pub cursor: CellPos,
    /// First slot and room in sight; kept by `update` from the same pure
    /// layout the view draws with.
    pub offset: Offset,
    /// The pitch selected in the side list (the first when none).
    pub selected: Option<Id>,
    pub list_offset: usize,
    /// The list was opened for the empty cell under the cursor, so Enter
    /// there puts the pitch straight in.
    pub list_for_cell: bool,
    pub pending: Option<Pending>,
    /// Auto-schedule's proposal, shown on the grid until accepted or
    /// discarded.
    pub preview: Option<Proposal>,
}

impl ScheduleState {
    /// The schedule has no text fields: every key is a command.
    pub fn focused_field(&self) -> Option<&TextField> {
        None
    }

    pub fn drafts_mut(&mut self) -> Vec<&mut DraftSlot> {
        Vec::new()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScheduleAction {
    /// Up a slot, or up the list
    Up,
    /// Down a slot, or down the list
    Down,
    /// Left a room
    Left,
    /// Right a room
    Right,
    /// Pick an open pitch for this empty cell
    Add,
    /// Pick up the session here to move it; Enter puts it down
    Move,
    /// Run the session here again in another slot; Enter puts it down
    Repeat,
    /// Take the session here off the grid (u undoes)
    Unschedule,
    /// Put it here; on another session, press again to swap
    Drop,
    /// Cancel the placement, move or repeat
    Cancel,
    /// Show the open pitches, or go back to the grid
    Pitches,
    /// Place the selected pitch: into the chosen cell, or pick the cell next
    Place,
    /// Propose sessions for the open pitches, to accept or discard
    AutoSchedule,
    /// Accept every proposed session as one step (u undoes)
    Accept,
    /// Discard the proposed sessions
    Discard,
}

impl ScheduleAction {
    pub fn description(&self) -> &'static str {
        match self {
            ScheduleAction::Up => "up a slot, or up the list",
            ScheduleAction::Down => "down a slot, or down the list",
            ScheduleAction::Left => "left a room",
            ScheduleAction::Right => "right a room",
            ScheduleAction::Add => "pick an open pitch for this empty cell",
            ScheduleAction::Move => "pick up the session here to move it; Enter puts it down",
            ScheduleAction::Repeat => {
                "run the session here again in another slot; Enter puts it down"
            }
            ScheduleAction::Unschedule => "take the session here off the grid (u undoes)",
            ScheduleAction::Drop => "put it here; on another session, press again to swap",
            ScheduleAction::Cancel => "cancel the placement, move or repeat",
            ScheduleAction::Pitches => "show the open pitches, or go back to the grid",
            ScheduleAction::Place => {
                "place the selected pitch: into the chosen cell, or pick the cell next"
            }
            ScheduleAction::AutoSchedule => {
                "propose sessions for the open pitches, to accept or discard"
            }
            ScheduleAction::Accept => "accept every proposed session as one step (u undoes)",
            ScheduleAction::Discard => "discard the proposed sessions",
        }
    }
}

fn bind(keys: &[Key], label: &'static str, action: ScheduleAction) -> Binding {
    Binding::new(keys, label, Action::Schedule(action))
}

fn enter() -> [Key; 1] {
    [Key::code(KeyCode::Enter)]
}

fn esc() -> [Key; 1] {
    [Key::code(KeyCode::Esc)]
}

fn moves() -> Vec<Binding> {
    vec![
        bind(&up_keys(), "up", ScheduleAction::Up).help_only(),
        bind(&down_keys(), "down", ScheduleAction::Down).help_only(),
        bind(&left_keys(), "left", ScheduleAction::Left).help_only(),
        bind(&right_keys(), "right", ScheduleAction::Right).help_only(),
    ]
}

pub fn bindings(state: &State) -> Vec<Binding> {
    let schedule = &state.schedule;
    let mut bindings = if schedule.preview.is_some() {
        vec![
            bind(
                &[enter()[0], Key::char('y')],
                "accept all",
                ScheduleAction::Accept,
            ),
            bind(
                &[esc()[0], Key::char('n')],
                "discard",
                ScheduleAction::Discard,
            ),
        ]
    } else if schedule.focus == Focus::Pitches {
        let label = if schedule.list_for_cell {
            "place here"
        } else {
            "place"
        };
        vec![
            bind(&enter(), label, ScheduleAction::Place),
            bind(
                &[Key::char('p'), esc()[0]],
                "back to grid",
                ScheduleAction::Pitches,
            ),
            bind(&up_keys(), "up", ScheduleAction::Up).help_only(),
            bind(&down_keys(), "down", ScheduleAction::Down).help_only(),
        ]
    } else if let Some(pending) = &schedule.pending {
        let swapping = matches!(pending, Pending::Move { swap_with: Some(other), .. }
            if Cells::of(state.event()).session(schedule.cursor) == Some(other));
        vec![
            bind(
                &enter(),
                if swapping { "swap" } else { "put here" },
                ScheduleAction::Drop,
            ),
            bind(&esc(), "cancel", ScheduleAction::Cancel),
        ]
    } else {
        grid_bindings(state)
    };
    if schedule.focus == Focus::Grid {
        bindings.extend(moves());
    }
    bindings
}

fn grid_bindings(state: &State) -> Vec<Binding> {
    let occupied = Cells::of(state.event())
        .session(state.schedule.cursor)
        .is_some();
    let (label, on_enter) = if occupied {
        ("move", ScheduleAction::Move)
    } else {
        ("add here", ScheduleAction::Add)
    };
    vec![
        bind(&enter(), label, on_enter),
        bind(&[Key::char('p')], "pitches", ScheduleAction::Pitches),
        bind(&[Key::char('r')], "repeat", ScheduleAction::Repeat),
        bind(
            &[Key::char('d'), Key::code(KeyCode::Delete)],
            "unschedule",
            ScheduleAction::Unschedule,
        ),
        bind(&[Key::char('A')], "auto", ScheduleAction::AutoSchedule),
        bind(&[Key::char('a')], "add", ScheduleAction::Add).help_only(),
        bind(&[Key::char('m')], "move", ScheduleAction::Move).help_only(),
    ]
}

pub fn update(state: &mut State, action: ScheduleAction) -> Vec<Effect> {
    let effects = match action {
        ScheduleAction::Up => cursor::step(state, -1, 0),
        ScheduleAction::Down => cursor::step(state, 1, 0),
        ScheduleAction::Left => cursor::step(state, 0, -1),
        ScheduleAction::Right => cursor::step(state, 0, 1),
        ScheduleAction::Add => edit::add(state),
        ScheduleAction::Move => edit::pick_up(state, false),
        ScheduleAction::Repeat => edit::pick_up(state, true),
        ScheduleAction::Unschedule => edit::unschedule(state),
        ScheduleAction::Drop => edit::put_down(state),
        ScheduleAction::Cancel => edit::cancel(state),
        ScheduleAction::Pitches => cursor::toggle_list(state),
        ScheduleAction::Place => edit::place_selected(state),
        ScheduleAction::AutoSchedule => edit::propose(state),
        ScheduleAction::Accept => edit::accept(state),
        ScheduleAction::Discard => edit::discard(state),
    };
    cursor::settle(state);
    effects
}

/// Enter (when something typed it), Esc, clicks and scrolling.
pub fn on_input(state: &mut State, action: Action) -> Vec<Effect> {
    let effects = match action {
        Action::Submit => {
            let on_enter = bindings(state).into_iter().find_map(|b| {
                b.keys
                    .contains(&Key::code(KeyCode::Enter))
                    .then_some(b.action)
            });
            return match on_enter {
                Some(Action::Schedule(a)) => update(state, a),
                _ => Vec::new(),
            };
        }
        Action::Back => edit::back(state),
        Action::Click { column, row } => cursor::click(state, column, row),
        Action::Scroll(lines) => cursor::scroll(state, lines),
        _ => Vec::new(),
    };
    cursor::settle(state);
    effects
}

#[cfg(test)]
mod tests;
