//! Edits on the grid. Each goes through `model::ops` and `State::apply`, so
//! a refusal shows the op's own sentence in the status line and every change
//! can be undone with u.

use super::cursor::selection;
use super::{Cells, Focus, Pending};
use crate::model::autoschedule::{self, open_pitches};
use crate::model::ops::{self, OpError};
use crate::model::rules::{
    pitch_title_of, plural, room_name_of, session_title_of, slot_name, slot_name_of,
};
use crate::model::text::inert_line;
use crate::model::{Id, SlotKind};
use crate::tui::action::Effect;
use crate::tui::state::State;

/// The slot and room ids under the cursor.
fn cursor_ids(state: &State) -> Option<(Id, Id)> {
    let cells = Cells::of(state.event());
    cells
        .ids(state.schedule.cursor)
        .map(|(slot, room)| (slot.clone(), room.clone()))
}

/// "Library, Round 2 (11:15)", for messages that must fit one line.
fn place_words(state: &State, slot: &Id, room: &Id) -> String {
    let event = state.event();
    let room = event
        .rooms
        .get(room)
        .map_or_else(|| room_name_of(event, room), |r| inert_line(r.name.trim()));
    format!("{room}, {}", slot_name_of(event, slot))
}

/// `a` (or Enter on an empty cell): pick a pitch from the list for this cell.
pub fn add(state: &mut State) -> Vec<Effect> {
    match add_prompt(state) {
        Ok(text) => {
            state.schedule.focus = Focus::Pitches;
            state.schedule.list_for_cell = true;
            state.info(text);
        }
        Err(text) => state.info(text),
    }
    Vec::new()
}

/// What to pick for the cell under the cursor, or why nothing can go there.
fn add_prompt(state: &State) -> Result<String, String> {
    let event = state.event();
    let cells = Cells::of(event);
    let pos = state.schedule.cursor;
    let Some((slot, room)) = cells.ids(pos) else {
        return Err("There is no grid yet: add rooms and slots on screen 1 (Event).".into());
    };
    if let Some(session) = cells.session(pos) {
        return Err(format!(
            "{} is in this cell; Enter moves it, or go to an empty cell.",
            session_title_of(event, session)
        ));
    }
    if let Some(found) = cells.slot(pos)
        && found.kind == SlotKind::Break
    {
        let slot = slot_name(found);
        return Err(OpError::BreakSlot { slot }.to_string());
    }
    if open_pitches(event).is_empty() {
        return Err("No open pitches: every pitch is scheduled, merged or withdrawn.".into());
    }
    Ok(format!(
        "Pick a pitch for {} and press Enter (Esc goes back).",
        place_words(state, slot, room)
    ))
}

/// `m`/Enter on a session, or `r`: pick it up, to put down with Enter.
pub fn pick_up(state: &mut State, repeat: bool) -> Vec<Effect> {
    let Some(session) = Cells::of(state.event())
        .session(state.schedule.cursor)
        .cloned()
    else {
        state.info(if repeat {
            "No session here to repeat; go to a session first."
        } else {
            "No session here to move; go to a session first."
        });
        return Vec::new();
    };
    let title = session_title_of(state.event(), &session);
    state.schedule.pending = Some(if repeat {
        Pending::Repeat(session)
    } else {
        Pending::Move {
            session,
            swap_with: None,
        }
    });
    // The lines under the grid say what to do next, and keep saying it.
    state.info(if repeat {
        format!("Repeating {title}.")
    } else {
        format!("Moving {title}.")
    });
    Vec::new()
}

/// `d`: takes the session under the cursor off the grid.
pub fn unschedule(state: &mut State) -> Vec<Effect> {
    let Some(session) = Cells::of(state.event())
        .session(state.schedule.cursor)
        .cloned()
    else {
        state.info("Nothing here to take off the grid.");
        return Vec::new();
    };
    let title = session_title_of(state.event(), &session);
    let done = format!("Took {title} off the grid.");
    let effects = state.apply(&done, ops::unschedule(state.event(), &session));
    if effects.contains(&Effect::Save) {
        state.info(format!("Took {title} off the grid (u undoes)."));
    }
    effects
}

/// Enter while something is picked up: put it in the cell under the cursor.
/// A refusal keeps it picked up, so another cell can be tried at once.
pub fn put_down(state: &mut State) -> Vec<Effect> {
    let (Some(pending), Some((slot, room))) = (state.schedule.pending.clone(), cursor_ids(state))
    else {
        return Vec::new();
    };
    let effects = match pending {
        Pending::Place(pitch) => schedule_pitch(state, &pitch, &slot, &room),
        Pending::Move { session, swap_with } => {
            return move_to(state, &session, swap_with.as_ref());
        }
        Pending::Repeat(session) => {
            let id = state.new_id();
            let done = format!(
                "Repeated {} in {}.",
                session_title_of(state.event(), &session),
                place_words(state, &slot, &room)
            );
            let result = ops::repeat_session(state.event(), id, &session, &slot, &room);
            state.apply(&done, result)
        }
    };
    if effects.contains(&Effect::Save) {
        state.schedule.pending = None;
    }
    effects
}

fn schedule_pitch(state: &mut State, pitch: &Id, slot: &Id, room: &Id) -> Vec<Effect> {
    let id = state.new_id();
    let done = format!(
        "Scheduled {} in {}.",
        pitch_title_of(state.event(), pitch),
        place_words(state, slot, room)
    );
    let result = ops::schedule(state.event(), id, pitch, slot, room);
    state.apply(&done, result)
}

/// Puts a picked-up session in the cursor's cell; on another session the
/// first Enter offers a swap and the second makes it.
fn move_to(state: &mut State, session: &Id, swap_with: Option<&Id>) -> Vec<Effect> {
    let Some((slot, room)) = cursor_ids(state) else {
        return Vec::new();
    };
    let here = Cells::of(state.event())
        .session(state.schedule.cursor)
        .cloned();
    let event = state.event();
    let title = session_title_of(event, session);
    let effects = match here {
        Some(other) if other == *session => {
            state.schedule.pending = None;
            state.info(format!("{title} stays where it was."));
            return Vec::new();
        }
        Some(other) if swap_with == Some(&other) => {
            let done = format!("Swapped {title} and {}.", session_title_of(event, &other));
            state.apply(&done, ops::swap_sessions(event, session, &other))
        }
        Some(other) => {
            let text = format!(
                "{} is there: Enter again swaps the two.",
                session_title_of(event, &other)
            );
            state.schedule.pending = Some(Pending::Move {
                session: session.clone(),
                swap_with: Some(other),
            });
            state.info(text);
            return Vec::new();
        }
        None => {
            let done = format!("Moved {title} to {}.", place_words(state, &slot, &room));
            state.apply(&done, ops::move_session(event, session, &slot, &room))
        }
    };
    if effects.contains(&Effect::Save) {
        state.schedule.pending = None;
    }
    effects
}

/// Esc with something picked up.
pub fn cancel(state: &mut State) -> Vec<Effect> {
    let what = match state.schedule.pending.take() {
        Some(Pending::Place(_)) => "Placing cancelled.",
        Some(Pending::Move { .. }) => "Move cancelled.",
        Some(Pending::Repeat(_)) => "Repeat cancelled.",
        None => return Vec::new(),
    };
    state.info(what);
    Vec::new()
}

/// Esc when the screen has nothing of its own bound to it.
pub fn back(state: &mut State) -> Vec<Effect> {
    if state.schedule.focus == Focus::Pitches {
        state.schedule.focus = Focus::Grid;
        state.schedule.list_for_cell = false;
        Vec::new()
    } else if state.schedule.preview.is_some() {
        discard(state)
    } else {
        cancel(state)
    }
}

/// Enter in the side list: straight into the chosen cell, or pick it next.
pub fn place_selected(state: &mut State) -> Vec<Effect> {
    let Some(pitch) =
        selection(state.event(), state.schedule.selected.as_ref()).map(|(_, id)| id.clone())
    else {
        state.info("No open pitch to place.");
        return Vec::new();
    };
    if state.schedule.list_for_cell {
        let Some((slot, room)) = cursor_ids(state) else {
            return Vec::new();
        };
        let effects = schedule_pitch(state, &pitch, &slot, &room);
        // On a refusal the list stays open, to pick another pitch.
        if effects.contains(&Effect::Save) {
            state.schedule.focus = Focus::Grid;
            state.schedule.list_for_cell = false;
        }
        return effects;
    }
    let title = pitch_title_of(state.event(), &pitch);
    state.schedule.pending = Some(Pending::Place(pitch));
    state.schedule.focus = Focus::Grid;
    state.info(format!("Placing {title}."));
    Vec::new()
}

/// `A`: shows auto-schedule's proposal on the grid.
pub fn propose(state: &mut State) -> Vec<Effect> {
    let proposal = autoschedule::propose(state.event());
    if proposal.is_empty() {
        let open = open_pitches(state.event()).len();
        state.info(if open == 0 {
            "Nothing to propose: every pitch is scheduled, merged or withdrawn.".to_string()
        } else {
            format!(
                "Nothing fits: no free breakout cell can take the {} without a clash.",
                plural(open, "open pitch")
            )
        });
        return Vec::new();
    }
    state.info(format!(
        "Proposed {} (marked NEW); {}.",
        plural(proposal.placements.len(), "new session"),
        unplaced_words(proposal.unplaced.len())
    ));
    if let Some(first) = proposal.placements.first() {
        let cells = Cells::of(state.event());
        let slot = cells.slots.iter().position(|(id, _)| **id == first.slot);
        let room = cells.rooms.iter().position(|(id, _)| **id == first.room);
        if let (Some(slot), Some(room)) = (slot, room) {
            state.schedule.cursor = super::CellPos { slot, room };
        }
    }
    state.schedule.pending = None;
    state.schedule.focus = Focus::Grid;
    state.schedule.preview = Some(proposal);
    Vec::new()
}

fn unplaced_words(n: usize) -> String {
    match n {
        0 => "every open pitch fits".to_string(),
        1 => "1 open pitch did not fit".to_string(),
        n => format!("{n} open pitches did not fit"),
    }
}

/// Enter on the proposal: commits every proposed session as one undo step,
/// unless the schedule changed meanwhile (another device, say), in which
/// case a fresh proposal is shown instead.
pub fn accept(state: &mut State) -> Vec<Effect> {
    let Some(shown) = state.schedule.preview.take() else {
        return Vec::new();
    };
    let fresh = autoschedule::propose(state.event());
    if fresh != shown {
        if fresh.is_empty() {
            state.info("The schedule changed meanwhile and nothing fits now; nothing was added.");
        } else {
            state.schedule.preview = Some(fresh);
            state.info("The schedule changed meanwhile; this is a fresh proposal. Enter accepts, Esc discards.");
        }
        return Vec::new();
    }
    let count = shown.placements.len();
    let unplaced = shown.unplaced.len();
    let changes = shown.into_changes(|| state.new_id());
    let done = format!("Auto-scheduled {}.", plural(count, "session"));
    let effects = state.commit(&done, changes);
    if effects.contains(&Effect::Save) {
        let unplaced = match unplaced {
            0 => String::new(),
            n => format!("; {} did not fit", plural(n, "open pitch")),
        };
        state.info(format!(
            "Auto-scheduled {}{unplaced} (u undoes all of them).",
            plural(count, "session")
        ));
    }
    effects
}

/// Esc on the proposal.
pub fn discard(state: &mut State) -> Vec<Effect> {
    if state.schedule.preview.take().is_some() {
        state.info("Proposal discarded; nothing was changed.");
    }
    Vec::new()
}
