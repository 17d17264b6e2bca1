//! The event screen: the event's details, its rooms and slots (added,
//! edited, deleted and reordered here), the devices writing to the folder,
//! and what needs attention. One cursor moves over them as they are drawn
//! (see `cursor`).

mod cursor;
pub mod edits;
pub mod form;
pub mod forms;
mod keys;
pub mod warnings;

pub use self::keys::{SetupAction, bindings};

use self::forms::{KIND, SetupForm, Target};
use crate::model::{Event, Id, ops};
use crate::tui::action::{Action, Effect};
use crate::tui::draft::DraftSlot;
use crate::tui::keymap::FieldKeys;
use crate::tui::state::State;
use crate::tui::widget::text_field::TextField;

/// What the cursor is on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Selected {
    #[default]
    Details,
    Room(Id),
    Slot(Id),
    /// The n-th warning, as listed.
    Warning(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub struct SetupState {
    pub selected: Selected,
    pub form: Option<SetupForm>,
    /// A form left with Esc after typing in it; opening it again brings it back.
    pub parked: Option<SetupForm>,
    /// The event description while it is typed.
    pub draft: DraftSlot,
}

impl Default for SetupState {
    fn default() -> Self {
        SetupState {
            selected: Selected::Details,
            form: None,
            parked: None,
            draft: DraftSlot::new("event-description"),
        }
    }
}

impl SetupState {
    pub fn field_keys(&self) -> FieldKeys {
        FieldKeys::new("save", "save, leave")
    }

    pub fn focused_field(&self) -> Option<&TextField> {
        self.form.as_ref().and_then(|f| f.focused())
    }

    /// The focused field is a choice that Space turns (a slot's kind)
    /// rather than text to type.
    pub fn choice_focused(&self) -> bool {
        self.form
            .as_ref()
            .is_some_and(|f| f.focused_label() == KIND)
    }

    pub fn drafts_mut(&mut self) -> Vec<&mut DraftSlot> {
        vec![&mut self.draft]
    }
}

pub fn rooms(event: &Event) -> Vec<Id> {
    event
        .rooms_in_order()
        .into_iter()
        .map(|(id, _)| id.clone())
        .collect()
}

pub fn slots(event: &Event) -> Vec<Id> {
    event
        .slots_in_order()
        .into_iter()
        .map(|(id, _)| id.clone())
        .collect()
}

/// Puts a description typed before a crash back into the details form, as
/// it was left; for the loop at start-up. True when the draft was this
/// screen's.
pub fn offer_draft(state: &mut State, key: &str, text: &str) -> bool {
    if key != state.setup.draft.key || text.trim().is_empty() {
        return false;
    }
    let mut form = forms::details(state.event()).focus_on(forms::DESCRIPTION);
    form.set_focused_text(text);
    state.setup.parked = Some(form);
    state.setup.draft.text = text.to_string();
    state.info("The event description typed last time is back: press 1, then Enter.");
    true
}

/// The selection, or the details when what was selected has gone.
pub fn current(state: &State) -> Selected {
    let event = state.event();
    let exists = match &state.setup.selected {
        Selected::Details => true,
        Selected::Room(id) => event.rooms.contains_key(id),
        Selected::Slot(id) => event.slots.contains_key(id),
        Selected::Warning(i) => *i < warnings::warnings(state).len(),
    };
    if exists {
        state.setup.selected.clone()
    } else {
        Selected::Details
    }
}

pub fn update(state: &mut State, action: SetupAction) -> Vec<Effect> {
    match action {
        SetupAction::Up => step(state, -1),
        SetupAction::Down => step(state, 1),
        SetupAction::Across => {
            cursor::across(state);
            Vec::new()
        }
        SetupAction::Edit => edit(state),
        SetupAction::Add => match current(state) {
            Selected::Slot(_) => open(state, forms::slot(state.event(), None)),
            _ => open(state, forms::room(state.event(), None)),
        },
        SetupAction::AddRoom => open(state, forms::room(state.event(), None)),
        SetupAction::AddSlot => open(state, forms::slot(state.event(), None)),
        SetupAction::Delete => delete(state),
        SetupAction::MoveEarlier => move_room(state, -1),
        SetupAction::MoveLater => move_room(state, 1),
        SetupAction::NextField | SetupAction::PreviousField => {
            let delta = if action == SetupAction::NextField {
                1
            } else {
                -1
            };
            if let Some(form) = &mut state.setup.form {
                form.step(delta);
            }
            Vec::new()
        }
        SetupAction::NextKind => {
            if let Some(form) = &mut state.setup.form {
                let next = forms::next_kind(&form.text(KIND));
                form.set_focused_text(next.word());
            }
            Vec::new()
        }
    }
}

/// Opens a form, or the same one left with Esc, as it was left.
fn open(state: &mut State, form: SetupForm) -> Vec<Effect> {
    let parked = state.setup.parked.take_if(|p| p.target == form.target);
    let mut form = parked.unwrap_or(form);
    let id = match &form.target {
        forms::Target::Details => Some(state.event().id.clone()),
        forms::Target::Room(id) | forms::Target::Slot(id) => Some(id.clone()),
        forms::Target::NewRoom | forms::Target::NewSlot => None,
    };
    form.begin_with(|| id.map(|id| state.replica.begin(&id)));
    state.setup.form = Some(form);
    Vec::new()
}

fn step(state: &mut State, delta: isize) -> Vec<Effect> {
    cursor::step(state, delta);
    Vec::new()
}

fn edit(state: &mut State) -> Vec<Effect> {
    let event = state.event();
    let form = match current(state) {
        Selected::Details => forms::details(event),
        Selected::Room(id) => forms::room(event, Some(&id)),
        Selected::Slot(id) => forms::slot(event, Some(&id)),
        Selected::Warning(i) => {
            if let Some(id) = warnings::warnings(state)
                .get(i)
                .and_then(|w| w.record.clone())
            {
                return super::resolve::open(state, id);
            }
            explain_warning(state, i);
            return Vec::new();
        }
    };
    open(state, form)
}

/// Where each kind of warning is put right.
fn explain_warning(state: &mut State, index: usize) {
    use warnings::WarningKind;
    let kind = warnings::warnings(state).get(index).map(|w| w.kind);
    let hint = match kind {
        Some(WarningKind::Clash) => "Fix clashes on 3 Schedule: move a session or change the room.",
        Some(WarningKind::Overlap) => {
            "Select one of the slots and press Enter to change its times."
        }
        Some(WarningKind::NoNotes) => {
            "Ask the group on 5 Wrap-up, or write notes for it on 4 Notes."
        }
        Some(WarningKind::Conflict) => "Press v to see the versions and keep one.",
        Some(WarningKind::Unreadable) | None => {
            "Fix or move that file; unconf never changes another device's file."
        }
    };
    state.info(hint);
}

fn delete(state: &mut State) -> Vec<Effect> {
    let selected = current(state);
    let row = cursor::row_of(state, &selected);
    let effects = match &selected {
        Selected::Room(id) => {
            let done = format!("Deleted {} (u undoes).", state.event().describe(id));
            state.apply(&done, ops::delete_room(state.event(), id))
        }
        Selected::Slot(id) => {
            let done = format!("Deleted {} (u undoes).", state.event().describe(id));
            state.apply(&done, ops::delete_slot(state.event(), id))
        }
        Selected::Details => {
            state.info("The event itself is not deleted here; its folder holds it.");
            Vec::new()
        }
        Selected::Warning(_) => Vec::new(),
    };
    if effects.contains(&Effect::Save) {
        cursor::after_delete(state, &selected, row);
    }
    effects
}

fn move_room(state: &mut State, delta: isize) -> Vec<Effect> {
    match current(state) {
        Selected::Room(id) => {
            let done = format!("Moved {}.", state.event().describe(&id));
            let effects = state.apply(&done, edits::move_room(state.event(), &id, delta));
            if effects.is_empty() && state.status.is_none() {
                state.info("It is already at that end of the list.");
            }
            effects
        }
        Selected::Slot(_) => {
            state.info(
                "Slots are kept in time order; press Enter and change the times to move one.",
            );
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Typing, Enter, Esc, clicks and scrolling on this screen.
pub fn on_input(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Type(key) => {
            if let Some(field) = state.setup.form.as_mut().and_then(|f| f.focused_mut()) {
                field.input(key);
            }
            after_typing(state)
        }
        Action::Paste(text) => {
            if let Some(field) = state.setup.form.as_mut().and_then(|f| f.focused_mut()) {
                field.insert(&text);
            }
            after_typing(state)
        }
        Action::Submit => forms::save(state),
        Action::Back => forms::leave(state),
        Action::Scroll(lines) if state.setup.form.is_none() => step(state, lines as isize),
        Action::Click { column, row } if state.setup.form.is_none() => {
            if let Some(item) = crate::tui::view::event::item_at(state, column, row) {
                state.setup.selected = item;
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// The description is the one long text here: keep it as a draft.
fn after_typing(state: &mut State) -> Vec<Effect> {
    let now = state.now;
    if let Some(form) = &state.setup.form
        && form.target == Target::Details
        && form.focused_label() == forms::DESCRIPTION
    {
        let text = form.text(forms::DESCRIPTION);
        state.setup.draft.typed(&text, now);
    }
    Vec::new()
}

#[cfg(test)]
mod tests;
