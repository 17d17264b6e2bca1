//! Moving the cursor the way the screen is drawn: the details on top, rooms
//! and slots side by side below them, the warnings underneath. Up and down
//! stay in a column; left and right go across.

use super::{Selected, current, rooms, slots};
use crate::model::Id;
use crate::tui::state::State;

/// One step up (`-1`) or down (`1`) from `from`.
fn step_once(state: &State, from: Selected, down: bool) -> Selected {
    let event = state.event();
    let (rooms, slots) = (rooms(event), slots(event));
    let warnings = super::warnings::warnings(state).len();
    let first_warning = (warnings > 0).then_some(Selected::Warning(0));
    let in_column = |ids: &[Id], id: &Id, wrap: fn(Id) -> Selected| -> Option<Selected> {
        let i = ids.iter().position(|x| x == id)?;
        match (down, i) {
            (false, 0) => Some(Selected::Details),
            (false, i) => ids.get(i - 1).cloned().map(wrap),
            (true, i) => ids.get(i + 1).cloned().map(wrap),
        }
    };
    let next = match &from {
        Selected::Details if down => (rooms.first().cloned().map(Selected::Room))
            .or_else(|| slots.first().cloned().map(Selected::Slot))
            .or(first_warning),
        Selected::Details => None,
        Selected::Room(id) => in_column(&rooms, id, Selected::Room).or(first_warning),
        Selected::Slot(id) => in_column(&slots, id, Selected::Slot).or(first_warning),
        Selected::Warning(i) if down => (i + 1 < warnings).then_some(Selected::Warning(i + 1)),
        Selected::Warning(0) => (rooms.last().cloned().map(Selected::Room))
            .or_else(|| slots.last().cloned().map(Selected::Slot))
            .or(Some(Selected::Details)),
        Selected::Warning(i) => Some(Selected::Warning(i - 1)),
    };
    next.unwrap_or(from)
}

/// Moves `delta` steps up (negative) or down.
pub fn step(state: &mut State, delta: isize) {
    let mut at = current(state);
    for _ in 0..delta.unsigned_abs() {
        at = step_once(state, at, delta > 0);
    }
    state.setup.selected = at;
}

/// From a room to the slot on the same row, and back.
pub fn across(state: &mut State) {
    let event = state.event();
    let (rooms, slots) = (rooms(event), slots(event));
    let jump = |from: &[Id], to: &[Id], id: &Id| {
        let row = from.iter().position(|r| r == id).unwrap_or(0);
        to.get(row.min(to.len().saturating_sub(1))).cloned()
    };
    let target = match current(state) {
        Selected::Room(id) => jump(&rooms, &slots, &id).map(Selected::Slot),
        Selected::Slot(id) => jump(&slots, &rooms, &id).map(Selected::Room),
        _ => None,
    };
    if let Some(target) = target {
        state.setup.selected = target;
    }
}

/// Where the cursor goes after the room or slot at `row` of its column was
/// deleted: the one that took its row, else the one above, so several
/// deletes in a row go down the list.
pub fn after_delete(state: &mut State, deleted: &Selected, row: usize) {
    let event = state.event();
    let next = match deleted {
        Selected::Room(_) => {
            let rooms = rooms(event);
            let id = rooms.get(row).or(rooms.last()).cloned();
            id.map(Selected::Room)
        }
        Selected::Slot(_) => {
            let slots = slots(event);
            let id = slots.get(row).or(slots.last()).cloned();
            id.map(Selected::Slot)
        }
        _ => None,
    };
    state.setup.selected = next.unwrap_or_default();
}

/// The row of a room or slot in its column.
pub fn row_of(state: &State, selected: &Selected) -> usize {
    let event = state.event();
    match selected {
        Selected::Room(id) => rooms(event).iter().position(|r| r == id),
        Selected::Slot(id) => slots(event).iter().position(|s| s == id),
        _ => None,
    }
    .unwrap_or(0)
}
