//! Moving around: the grid cursor, the side list, clicks and the wheel.

use super::{CellPos, Cells, Focus, Pending};
use crate::model::autoschedule::open_pitches;
use crate::model::{Event, Id};
use crate::tui::action::Effect;
use crate::tui::state::State;
use crate::tui::view::schedule::{body_area, layout};

/// The pitch selected in the side list and its row, falling back to the
/// first row (the selected one may have been placed meanwhile).
pub fn selection<'a>(event: &'a Event, selected: Option<&Id>) -> Option<(usize, &'a Id)> {
    selected
        .and_then(|sel| event.open_position(sel))
        .or_else(|| event.open_pitches().next().map(|id| (0, id)))
}

/// Moves the grid cursor by slots and rooms, or the list selection by rows.
pub fn step(state: &mut State, slots: isize, rooms: isize) -> Vec<Effect> {
    if state.schedule.focus == Focus::Pitches {
        list_step(state, slots);
        return Vec::new();
    }
    let cells = Cells::of(state.event());
    let at = cells.clamp(state.schedule.cursor);
    let next = cells.clamp(CellPos {
        slot: at.slot.saturating_add_signed(slots),
        room: at.room.saturating_add_signed(rooms),
    });
    set_cursor(state, next);
    Vec::new()
}

/// Puts the cursor on a cell. A swap offered for the old cell lapses: it
/// was about the session there.
fn set_cursor(state: &mut State, pos: CellPos) {
    if pos != state.schedule.cursor
        && let Some(Pending::Move { swap_with, .. }) = &mut state.schedule.pending
    {
        *swap_with = None;
    }
    state.schedule.cursor = pos;
}

fn list_step(state: &mut State, delta: isize) {
    let open = open_pitches(state.event());
    if open.is_empty() {
        return;
    }
    let index = selection(state.event(), state.schedule.selected.as_ref()).map_or(0, |(i, _)| i);
    let next = index.saturating_add_signed(delta).min(open.len() - 1);
    state.schedule.selected = open.get(next).map(|id| (*id).clone());
}

/// `p`: into the side list, or back to the grid.
pub fn toggle_list(state: &mut State) -> Vec<Effect> {
    state.schedule.list_for_cell = false;
    if state.schedule.focus == Focus::Pitches {
        state.schedule.focus = Focus::Grid;
    } else if open_pitches(state.event()).is_empty() {
        state.info("No open pitches: every pitch is scheduled, merged or withdrawn.");
    } else {
        state.schedule.focus = Focus::Pitches;
        state.info("Pick a pitch and press Enter, then pick its cell (p goes back).");
    }
    Vec::new()
}

/// Keeps the cursor on a cell that exists and remembers the offsets the
/// view will draw with, so that scrolling is smooth and clicks land where
/// the user sees the cells.
pub fn settle(state: &mut State) {
    let cursor = Cells::of(state.event()).clamp(state.schedule.cursor);
    state.schedule.cursor = cursor;
    let areas = layout(state, body_area(state.width, state.height));
    state.schedule.offset = areas.grid.offset;
    if let Some(list) = areas.list {
        state.schedule.list_offset = list.offset;
    }
}

/// A click selects the cell or the pitch under the pointer.
pub fn click(state: &mut State, column: u16, row: u16) -> Vec<Effect> {
    let areas = layout(state, body_area(state.width, state.height));
    if let Some(list) = areas.list
        && list.rows.contains((column, row).into())
    {
        let index = list.offset + usize::from(row - list.rows.y);
        if let Some(id) = open_pitches(state.event()).get(index) {
            state.schedule.selected = Some((*id).clone());
            state.schedule.focus = Focus::Pitches;
        }
        return Vec::new();
    }
    if let Some((slot, room)) = areas.grid.cell_at(column, row) {
        set_cursor(state, CellPos { slot, room });
        state.schedule.focus = Focus::Grid;
        state.schedule.list_for_cell = false;
    }
    Vec::new()
}

/// The wheel moves one slot (or list row) a notch, whatever the notch's
/// size: the grid has few rows, and jumping three at a time loses the place.
pub fn scroll(state: &mut State, lines: i16) -> Vec<Effect> {
    step(state, isize::from(lines.signum()), 0)
}
