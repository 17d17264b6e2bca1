//! The notes log: moving through it, scrolling it, and fixing notes (edit,
//! delete, private). Positions count from the newest note, so that moving
//! and scrolling never walk the whole log.

use super::capture::split_line;
use super::{Focus, NoteEdit, session_id};
use crate::model::{Id, Note, ops};
use crate::tui::action::Effect;
use crate::tui::state::State;
use crate::tui::widget::text_field::TextField;

/// Notes in the session on screen.
fn count(state: &State) -> usize {
    session_id(state).map_or(0, |s| state.event().note_count(s))
}

/// Roughly one screen of the log, for Page Up and Page Down.
fn page_size(state: &State) -> usize {
    usize::from(state.height.saturating_sub(10)).max(3)
}

fn clamp(value: usize, count: usize) -> usize {
    value.min(count.saturating_sub(1))
}

pub fn to_log(state: &mut State) -> Vec<Effect> {
    state.notes.focus = Focus::Log;
    state.notes.log.from_capture = false;
    Vec::new()
}

/// Up from the capture line: the newest note, to fix a typo at once; Esc,
/// Down past it, or saving the edit goes straight back to typing.
pub fn from_capture(state: &mut State) -> Vec<Effect> {
    let effects = newest(state);
    if state.notes.focus == Focus::Log {
        state.notes.log.from_capture = true;
    }
    effects
}

/// Back to typing, from a log reached with Up from the capture line.
pub fn leave_log(state: &mut State) {
    state.notes.log.from_capture = false;
    state.notes.focus = Focus::Capture;
}

/// Moves the selection `older` notes back (negative: towards the newest).
pub fn step(state: &mut State, older: isize) {
    let n = count(state);
    if older < 0 && state.notes.log.selected == 0 && state.notes.log.from_capture {
        leave_log(state);
        return;
    }
    let log = &mut state.notes.log;
    log.selected = clamp(log.selected.saturating_add_signed(older), n);
    log.bottom = log.bottom.min(log.selected);
}

/// A page back (1) or forward (-1); from the capture line only the view
/// moves, so typing carries on where it was.
pub fn page(state: &mut State, direction: isize) -> Vec<Effect> {
    let delta = direction.saturating_mul(page_size(state).cast_signed());
    scroll(state, delta);
    Vec::new()
}

/// Scrolls the log `older` notes back; in the log the selection moves
/// along, so that it stays in view.
pub fn scroll(state: &mut State, older: isize) {
    let n = count(state);
    let log = &mut state.notes.log;
    log.bottom = clamp(log.bottom.saturating_add_signed(older), n);
    if state.notes.focus == Focus::Log {
        log.selected = clamp(log.selected.saturating_add_signed(older), n);
    }
}

pub fn first(state: &mut State) -> Vec<Effect> {
    let n = count(state);
    state.notes.log.selected = clamp(usize::MAX, n);
    Vec::new()
}

/// Selects the newest note (from the capture line: to fix a typo at once).
pub fn newest(state: &mut State) -> Vec<Effect> {
    if count(state) == 0 {
        state.info("No notes yet in this session.");
        return Vec::new();
    }
    state.notes.log.selected = 0;
    state.notes.log.bottom = 0;
    state.notes.focus = Focus::Log;
    Vec::new()
}

/// The selected note, found by walking back from the newest.
pub fn selected_note(state: &State) -> Option<(Id, Note)> {
    let session = session_id(state)?;
    let pos = clamp(state.notes.log.selected, count(state));
    state
        .event()
        .notes_of(session)
        .rev()
        .nth(pos)
        .map(|(id, note)| (id.clone(), note.clone()))
}

fn with_selected(
    state: &mut State,
    f: impl FnOnce(&mut State, Id, Note) -> Vec<Effect>,
) -> Vec<Effect> {
    match selected_note(state) {
        Some((id, note)) => f(state, id, note),
        None => {
            state.info("No note selected; press a to write one.");
            Vec::new()
        }
    }
}

/// A note as typed: its kind's prefix, then its text.
fn as_typed(note: &Note) -> String {
    match note.kind.prefix() {
        Some(prefix) => format!("{prefix} {}", note.text),
        None => note.text.clone(),
    }
}

pub fn open_edit(state: &mut State) -> Vec<Effect> {
    with_selected(state, |state, id, note| {
        let begun = state.replica.begin(&id);
        state.notes.edit = Some(NoteEdit {
            begun,
            note: id,
            field: TextField::single(&as_typed(&note)),
        });
        state.notes.focus = Focus::EditNote;
        Vec::new()
    })
}

/// Saves the edit line (Enter, or Esc when `leaving`). Esc on an emptied
/// line cancels, since an empty note cannot be saved.
pub fn save_edit(state: &mut State, leaving: bool) -> Vec<Effect> {
    let Some(edit) = state.notes.edit.clone() else {
        state.notes.focus = Focus::Log;
        return Vec::new();
    };
    let typed = edit.field.text();
    let line = typed.trim();
    if line.is_empty() {
        if leaving {
            close_edit(state);
            state.info("Edit cancelled; the note is as it was (d deletes it).");
        } else {
            state.error(
                "A note cannot be empty: type its text, or press Esc and then d to delete it.",
            );
        }
        return Vec::new();
    }
    let (kind, text) = split_line(line);
    close_edit(state);
    let result = ops::edit_note(state.event(), &edit.note, text, kind);
    state.apply_begun(
        &format!("Changed the note ({}).", kind.word()),
        result,
        Some(&edit.begun),
    )
}

fn close_edit(state: &mut State) {
    state.notes.edit = None;
    state.notes.focus = Focus::Log;
    if state.notes.log.from_capture {
        leave_log(state);
    }
}

pub fn delete(state: &mut State) -> Vec<Effect> {
    with_selected(state, |state, id, note| {
        let done = format!(
            "Deleted the note from {} (u undoes).",
            note.taken_at.format("%H:%M")
        );
        let effects = state.apply(&done, ops::delete_note(state.event(), &id));
        let n = count(state);
        state.notes.log.selected = clamp(state.notes.log.selected, n);
        effects
    })
}

pub fn toggle_private(state: &mut State) -> Vec<Effect> {
    with_selected(state, |state, id, note| {
        let done = if note.private {
            "The note is no longer private."
        } else {
            "Marked private: the public write-up leaves this note out (p again undoes)."
        };
        state.apply(
            done,
            ops::set_note_private(state.event(), &id, !note.private),
        )
    })
}
