//! Notes: a session's notes typed as people talk, and its write-up
//! (summary, outcome, next steps, details).
//!
//! Made for someone typing fast while a group talks: the capture line stays
//! open after each note, a one-character prefix sets the kind, nothing needs
//! a second keystroke, and typed text is never thrown away (Esc keeps it,
//! switching sessions parks it, and a crash offers it back).

mod capture;
mod editing;
pub use editing::selected_note;
mod keys;
mod moving;
pub mod next_steps;
pub mod sessions;
mod waiting;
mod writeup;

use std::collections::BTreeMap;

pub use capture::{follow, kind_shown, note_draft_key, prefix_hint, split_line, with_article};
pub use keys::{NoteAction, bindings};
pub use waiting::{Missing, WaitingNote, arrived, enter_note_taker, offer_drafts};

use crate::model::Id;
use crate::tui::action::{Action, Effect};
use crate::tui::draft::DraftSlot;
use crate::tui::keymap::FieldKeys;
use crate::tui::state::State;
use crate::tui::widget::text_field::TextField;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Focus {
    /// The list of sessions (not in note-taker mode).
    #[default]
    Sessions,
    /// The notes log, one note selected.
    Log,
    /// The capture line: typing adds notes.
    Capture,
    /// One note's text in the edit line.
    EditNote,
    /// The summary or outcome editor.
    Writing,
    /// Attendees, note-taker, facilitator.
    Details,
    /// The session's next steps.
    NextSteps,
    /// Adding a next step.
    ActionForm,
    /// Note-taker mode for a session that runs more than once: picking
    /// which occurrence (slot, room) before typing.
    Choose,
}

/// Which part of the write-up is being written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Summary,
    Outcome,
}

impl Part {
    pub fn word(self) -> &'static str {
        match self {
            Part::Summary => "summary",
            Part::Outcome => "outcome",
        }
    }

    pub fn draft_key(self, session: &Id) -> String {
        format!("{}:{session}", self.word())
    }
}

/// The summary or outcome being written.
#[derive(Clone, Debug, PartialEq)]
pub struct Writing {
    pub part: Part,
    pub session: Id,
    /// The session as it was when the editor opened: saving covers only
    /// that, and the editor says when another laptop changes it meanwhile.
    pub begun: crate::store::Begun,
    pub field: TextField,
    pub draft: DraftSlot,
}

/// A note being edited.
#[derive(Clone, Debug, PartialEq)]
pub struct NoteEdit {
    pub note: Id,
    pub begun: crate::store::Begun,
    pub field: TextField,
}

/// A small form of three one-line fields (details, or a next step).
#[derive(Clone, Debug, PartialEq)]
pub struct Form {
    pub session: Id,
    /// What the form edits as it was when it opened (empty for a new one).
    pub begun: crate::store::Begun,
    pub fields: [TextField; 3],
    pub focus: usize,
}

pub const DETAIL_LABELS: [&str; 3] = ["Attendees", "Note-taker", "Facilitator"];
pub const ACTION_LABELS: [&str; 3] = ["Next step", "Owner", "Due (YYYY-MM-DD)"];

/// The log's selection and scroll, both counted from the newest note, so
/// that neither costs a walk through the whole log.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LogView {
    pub selected: usize,
    pub bottom: usize,
    /// Reached with Up from the capture line, so leaving goes back there.
    pub from_capture: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NotesState {
    pub focus: Focus,
    /// Where Esc returns from a panel (the log or the list).
    pub back_to: Focus,
    /// The session chosen in the list.
    pub selected: Option<Id>,
    /// First visible row of the list.
    pub list_offset: usize,
    pub log: LogView,
    pub capture: TextField,
    /// The session the capture line's text belongs to.
    pub capture_for: Option<Id>,
    pub capture_draft: DraftSlot,
    pub edit: Option<NoteEdit>,
    pub writing: Option<Writing>,
    pub details: Option<Form>,
    /// Kept when Esc leaves it, so that a half-typed next step survives.
    pub action_form: Option<Form>,
    /// The next step the action form changes; `None` when it adds one.
    pub editing_step: Option<Id>,
    pub next_step: usize,
    /// Text typed earlier (last run, or another session), by draft key; put
    /// back when its session's line or editor opens again.
    pub kept: BTreeMap<String, String>,
    /// Note-taker mode without its session yet (the schedule has not arrived).
    pub schedule_missing: Option<Missing>,
    /// The occurrences to pick from in [`Focus::Choose`], each with its
    /// slot and room, and the one selected.
    pub candidates: Vec<(Id, String)>,
    pub candidate: usize,
    /// Notes marked (Space in the log) to move together with `m`.
    pub marked: Vec<Id>,
    /// The notes being moved while their new session is picked.
    pub moving: Option<Vec<Id>>,
    /// Notes typed while the schedule was missing, to add once it is here.
    pub waiting: Vec<WaitingNote>,
    pub waiting_key: String,
    /// The next note added from the capture line is private (plain mode's
    /// `/private`); cleared once it is added.
    pub private_next: bool,
}

impl Default for NotesState {
    fn default() -> Self {
        NotesState {
            focus: Focus::Sessions,
            back_to: Focus::Sessions,
            selected: None,
            list_offset: 0,
            log: LogView::default(),
            capture: capture::empty_line(),
            capture_for: None,
            capture_draft: DraftSlot::new("note:"),
            edit: None,
            writing: None,
            details: None,
            action_form: None,
            editing_step: None,
            next_step: 0,
            kept: BTreeMap::new(),
            schedule_missing: None,
            candidates: Vec::new(),
            candidate: 0,
            marked: Vec::new(),
            moving: None,
            waiting: Vec::new(),
            waiting_key: String::new(),
            private_next: false,
        }
    }
}

impl NotesState {
    pub fn field_keys(&self) -> FieldKeys {
        match self.focus {
            Focus::Capture => FieldKeys::new("add note", "leave, kept"),
            Focus::ActionForm if self.editing_step.is_some() => {
                FieldKeys::new("save", "save, leave")
            }
            Focus::ActionForm => FieldKeys::new("add", "add, leave"),
            _ => FieldKeys::new("save", "save, leave"),
        }
    }

    pub fn focused_field(&self) -> Option<&TextField> {
        match self.focus {
            Focus::Sessions | Focus::Log | Focus::NextSteps | Focus::Choose => None,
            Focus::Capture => Some(&self.capture),
            Focus::EditNote => self.edit.as_ref().map(|e| &e.field),
            Focus::Writing => self.writing.as_ref().map(|w| &w.field),
            Focus::Details => self.details.as_ref().and_then(|f| f.fields.get(f.focus)),
            Focus::ActionForm => self
                .action_form
                .as_ref()
                .and_then(|f| f.fields.get(f.focus)),
        }
    }

    fn focused_field_mut(&mut self) -> Option<&mut TextField> {
        match self.focus {
            Focus::Sessions | Focus::Log | Focus::NextSteps | Focus::Choose => None,
            Focus::Capture => Some(&mut self.capture),
            Focus::EditNote => self.edit.as_mut().map(|e| &mut e.field),
            Focus::Writing => self.writing.as_mut().map(|w| &mut w.field),
            Focus::Details => self
                .details
                .as_mut()
                .and_then(|f| f.fields.get_mut(f.focus)),
            Focus::ActionForm => self
                .action_form
                .as_mut()
                .and_then(|f| f.fields.get_mut(f.focus)),
        }
    }

    pub fn drafts_mut(&mut self) -> Vec<&mut DraftSlot> {
        let mut slots = vec![&mut self.capture_draft];
        if let Some(writing) = &mut self.writing {
            slots.push(&mut writing.draft);
        }
        slots
    }
}

/// The session on screen: the note-taker's own, else the one chosen in the
/// list, else the first in the list.
pub fn session_id(state: &State) -> Option<&Id> {
    if let Some(id) = &state.note_taker {
        return Some(id);
    }
    let event = state.event();
    if let Some((id, _)) = state
        .notes
        .selected
        .as_ref()
        .and_then(|id| event.sessions.get_key_value(id))
    {
        return Some(id);
    }
    sessions::order(event, state.now).into_iter().next()
}

pub fn update(state: &mut State, action: NoteAction) -> Vec<Effect> {
    let mut effects = waiting::attach(state);
    if state.notes.schedule_missing.is_some() && action != NoteAction::Write {
        waiting::explain(state);
        return effects;
    }
    effects.extend(match action {
        NoteAction::Write => capture::open(state),
        NoteAction::Choose => waiting::choose(state),
        NoteAction::Mark => moving::mark(state),
        NoteAction::Move => moving::pick_session(state),
        NoteAction::ToLog => editing::to_log(state),
        NoteAction::ToSessions => {
            state.notes.focus = Focus::Sessions;
            Vec::new()
        }
        NoteAction::Up => step(state, 1),
        NoteAction::Down => step(state, -1),
        NoteAction::PageUp => editing::page(state, 1),
        NoteAction::PageDown => editing::page(state, -1),
        NoteAction::First => editing::first(state),
        NoteAction::Last => editing::newest(state),
        NoteAction::LastNote => editing::from_capture(state),
        NoteAction::Edit => editing::open_edit(state),
        NoteAction::Delete => editing::delete(state),
        NoteAction::Private => editing::toggle_private(state),
        NoteAction::Summary => writeup::open_writing(state, Part::Summary),
        NoteAction::Outcome => writeup::open_writing(state, Part::Outcome),
        NoteAction::Details => writeup::open_details(state),
        NoteAction::ChathamHouse => writeup::toggle_chatham_house(state),
        NoteAction::NextSteps => next_steps::open(state),
        NoteAction::AddAction => next_steps::open_form(state),
        NoteAction::ToggleDone => next_steps::toggle_done(state),
        NoteAction::EditAction => next_steps::edit_form(state),
        NoteAction::DeleteAction => next_steps::delete(state),
        NoteAction::NextField | NoteAction::PreviousField => {
            writeup::next_field(state, action == NoteAction::NextField);
            Vec::new()
        }
    });
    effects
}

/// Up (`older` = 1) or down the list, the log or the next steps.
fn step(state: &mut State, older: isize) -> Vec<Effect> {
    match state.notes.focus {
        Focus::Choose => {
            let last = state.notes.candidates.len().saturating_sub(1);
            state.notes.candidate = state
                .notes
                .candidate
                .saturating_add_signed(-older)
                .min(last);
            // The header shows the highlighted occurrence's slot and room.
            if let Some((id, _)) = state.notes.candidates.get(state.notes.candidate)
                && state.notes.moving.is_none()
            {
                state.note_taker = Some(id.clone());
            }
            Vec::new()
        }
        Focus::Sessions => capture::step_session(state, -older),
        Focus::NextSteps => {
            next_steps::step(state, -older);
            Vec::new()
        }
        _ => {
            editing::step(state, older);
            Vec::new()
        }
    }
}

/// Typing, Enter, Esc, clicks and scrolling on this screen.
pub fn on_input(state: &mut State, action: Action) -> Vec<Effect> {
    let mut effects = waiting::attach(state);
    effects.extend(match action {
        Action::Type(key) => {
            if let Some(field) = state.notes.focused_field_mut() {
                field.input(key);
            }
            after_typing(state);
            Vec::new()
        }
        Action::Paste(text) => {
            if let Some(field) = state.notes.focused_field_mut() {
                field.insert(&text);
            }
            after_typing(state);
            Vec::new()
        }
        Action::Submit => submit(state),
        Action::Back => back(state),
        Action::Scroll(lines) => {
            editing::scroll(state, -isize::from(lines));
            Vec::new()
        }
        Action::Click { column, row } => capture::click(state, column, row),
        _ => Vec::new(),
    });
    effects
}

fn after_typing(state: &mut State) {
    let now = state.now;
    match state.notes.focus {
        Focus::Capture => {
            let notes = &mut state.notes;
            notes.capture_draft.typed(&notes.capture.as_text(), now);
        }
        Focus::Writing => {
            if let Some(writing) = &mut state.notes.writing {
                writing.draft.typed(&writing.field.as_text(), now);
            }
        }
        _ => {}
    }
}

fn submit(state: &mut State) -> Vec<Effect> {
    match state.notes.focus {
        Focus::Capture => capture::submit(state),
        Focus::EditNote => editing::save_edit(state, false),
        Focus::Writing => writeup::save_writing(state),
        Focus::Details => writeup::save_details(state),
        Focus::ActionForm => next_steps::save_form(state),
        Focus::Choose => waiting::choose(state),
        Focus::Sessions | Focus::Log | Focus::NextSteps => Vec::new(),
    }
}

/// Esc: backs out one level, never throwing typed text away.
fn back(state: &mut State) -> Vec<Effect> {
    match state.notes.focus {
        Focus::Capture => editing::to_log(state),
        Focus::EditNote => editing::save_edit(state, true),
        Focus::Writing => writeup::save_writing(state),
        Focus::Details => writeup::save_details(state),
        Focus::ActionForm => next_steps::leave_form(state),
        Focus::NextSteps => {
            state.notes.focus = state.notes.back_to;
            Vec::new()
        }
        Focus::Log if state.notes.log.from_capture => {
            editing::leave_log(state);
            Vec::new()
        }
        Focus::Log if state.note_taker.is_some() => {
            state.info("q quits (everything is saved); a goes back to typing notes.");
            Vec::new()
        }
        Focus::Log => {
            state.notes.focus = Focus::Sessions;
            Vec::new()
        }
        Focus::Choose if state.notes.moving.is_some() => {
            moving::cancel(state);
            Vec::new()
        }
        Focus::Sessions | Focus::Choose => Vec::new(),
    }
}

#[cfg(test)]
mod tests;
