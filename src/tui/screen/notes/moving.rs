//! Moving notes typed into the wrong session: Space marks notes in the
//! log, `m` lists the other sessions, Enter moves them there (u undoes).
//! The notes stay the same records; only their session changes.

use super::Focus;
use super::editing::selected_note;
use crate::model::ops::notes::move_notes;
use crate::model::{Event, Id};
use crate::tui::action::Effect;
use crate::tui::screen::notes::session_id;
use crate::tui::state::State;

/// Space: marks the selected note, or unmarks it.
pub fn mark(state: &mut State) -> Vec<Effect> {
    let Some((id, _)) = selected_note(state) else {
        return Vec::new();
    };
    let marked = &mut state.notes.marked;
    match marked.iter().position(|m| *m == id) {
        Some(i) => {
            marked.remove(i);
        }
        None => marked.push(id),
    }
    let n = state.notes.marked.len();
    state.info(format!(
        "{} marked; m moves {} to another session.",
        crate::model::rules::plural(n, "note"),
        if n == 1 { "it" } else { "them" }
    ));
    Vec::new()
}

/// `m`: the sessions to move the marked notes (else the selected one) to.
pub fn pick_session(state: &mut State) -> Vec<Effect> {
    let current = session_id(state).cloned();
    let notes: Vec<Id> = if state.notes.marked.is_empty() {
        selected_note(state).map(|(id, _)| id).into_iter().collect()
    } else {
        state.notes.marked.clone()
    };
    if notes.is_empty() {
        state.info("No note selected: select one (or mark several with Space), then m.");
        return Vec::new();
    }
    let event = state.event();
    let candidates: Vec<(Id, String)> = event
        .sessions_in_order()
        .into_iter()
        .filter(|(id, _)| Some(*id) != current.as_ref())
        .map(|(id, _)| (id.clone(), place_of(event, id)))
        .collect();
    if candidates.is_empty() {
        state.info("There is no other session to move notes to.");
        return Vec::new();
    }
    let n = notes.len();
    state.notes.moving = Some(notes);
    state.notes.candidates = candidates;
    state.notes.candidate = 0;
    state.notes.focus = Focus::Choose;
    state.info(format!(
        "Moving {}: pick the session, then Enter (Esc cancels).",
        crate::model::rules::plural(n, "note")
    ));
    Vec::new()
}

/// Enter on a session while moving: the notes go there.
pub fn finish(state: &mut State) -> Vec<Effect> {
    let (Some(notes), Some((to, label))) = (
        state.notes.moving.take(),
        state.notes.candidates.get(state.notes.candidate).cloned(),
    ) else {
        cancel(state);
        return Vec::new();
    };
    state.notes.candidates.clear();
    state.notes.marked.clear();
    state.notes.focus = Focus::Log;
    let done = format!(
        "Moved {} to {label} (u undoes).",
        crate::model::rules::plural(notes.len(), "note")
    );
    let result = move_notes(state.event(), &notes, &to);
    state.apply(&done, result)
}

/// Esc while picking: nothing moves, the marks stay.
pub fn cancel(state: &mut State) {
    state.notes.moving = None;
    state.notes.candidates.clear();
    state.notes.focus = Focus::Log;
    state.info("Nothing moved.");
}

fn place_of(event: &Event, id: &Id) -> String {
    super::waiting::place_of(event, id)
}
