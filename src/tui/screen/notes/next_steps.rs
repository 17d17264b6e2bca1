//! A session's next steps: what happens after the day, by whom, by when.

use super::writeup::{chosen, enter_panel};
use super::{Focus, Form};
use crate::model::text::inert_line;
use crate::model::{Action, ActionStatus, Id, ops};
use crate::tui::action::Effect;
use crate::tui::screen::parse_date;
use crate::tui::state::State;
use crate::tui::widget::text_field::TextField;

/// The next steps of the session on screen, in the order they were made.
pub fn of_session(state: &State) -> Vec<(Id, Action)> {
    let Some(id) = super::session_id(state) else {
        return Vec::new();
    };
    state
        .event()
        .actions_of(Some(id))
        .into_iter()
        .map(|(id, a)| (id.clone(), a))
        .collect()
}

pub fn open(state: &mut State) -> Vec<Effect> {
    if chosen(state).is_none() {
        state.info("There are no sessions yet: place pitches on 3 Schedule first.");
        return Vec::new();
    }
    // The selection is kept in range by `update` once the panel has focus.
    enter_panel(state, Focus::NextSteps);
    if of_session(state).is_empty() {
        state.info("No next steps yet: press a to add one.");
    }
    Vec::new()
}

pub fn step(state: &mut State, delta: isize) {
    let n = of_session(state).len();
    let next = state.notes.next_step.saturating_add_signed(delta);
    state.notes.next_step = next.min(n.saturating_sub(1));
}

fn selected(state: &mut State) -> Option<(Id, Action)> {
    let found = of_session(state).into_iter().nth(state.notes.next_step);
    if found.is_none() {
        state.info("No next step selected; press a to add one.");
    }
    found
}

pub fn toggle_done(state: &mut State) -> Vec<Effect> {
    let Some((id, action)) = selected(state) else {
        return Vec::new();
    };
    let (status, done) = match action.status {
        ActionStatus::Open => (ActionStatus::Done, "Marked done"),
        ActionStatus::Done => (ActionStatus::Open, "Opened again"),
    };
    let done = format!("{done}: \"{}\".", inert_line(&action.text));
    state.apply(&done, ops::set_action_status(state.event(), &id, status))
}

pub fn delete(state: &mut State) -> Vec<Effect> {
    let Some((id, action)) = selected(state) else {
        return Vec::new();
    };
    let done = format!("Deleted \"{}\" (u undoes).", inert_line(&action.text));
    let effects = state.apply(&done, ops::delete_action(state.event(), &id));
    step(state, 0);
    effects
}

/// Opens the form, with whatever was typed before Esc last left it.
pub fn open_form(state: &mut State) -> Vec<Effect> {
    let Some((session, _)) = chosen(state) else {
        return Vec::new();
    };
    if state.notes.editing_step.take().is_some()
        || state
            .notes
            .action_form
            .as_ref()
            .is_none_or(|f| f.session != session)
    {
        state.notes.action_form = Some(Form {
            session,
            begun: crate::store::Begun::default(),
            fields: [
                TextField::single("").with_placeholder("what will happen"),
                TextField::single("").with_placeholder("who will do it"),
                TextField::single("").with_placeholder("by when, e.g. 2026-12-04"),
            ],
            focus: 0,
        });
    }
    enter_panel(state, Focus::ActionForm);
    Vec::new()
}

/// Opens the form on the selected next step, to change it.
pub fn edit_form(state: &mut State) -> Vec<Effect> {
    let Some((session, _)) = chosen(state) else {
        return Vec::new();
    };
    let Some((id, step)) = selected(state) else {
        return Vec::new();
    };
    let due = step
        .due
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    let begun = state.replica.begin(&id);
    state.notes.action_form = Some(Form {
        session,
        begun,
        fields: [
            TextField::single(&step.text).with_placeholder("what will happen"),
            TextField::single(step.owner.as_deref().unwrap_or_default())
                .with_placeholder("who will do it"),
            TextField::single(&due).with_placeholder("by when, e.g. 2026-12-04"),
        ],
        focus: 0,
    });
    state.notes.editing_step = Some(id);
    enter_panel(state, Focus::ActionForm);
    Vec::new()
}

/// Esc leaves the form but keeps what was typed, for `a` to bring back.
/// Esc in the form: saves what was typed, as in every form (u undoes it);
/// a blank new step is simply left.
pub fn leave_form(state: &mut State) -> Vec<Effect> {
    let blank = state
        .notes
        .action_form
        .as_ref()
        .is_none_or(|form| form.fields.iter().all(TextField::is_empty));
    if blank && state.notes.editing_step.is_none() {
        state.notes.action_form = None;
        state.notes.focus = Focus::NextSteps;
        return Vec::new();
    }
    let effects = save_form(state);
    if state.notes.focus == Focus::ActionForm && state.notes.editing_step.is_none() {
        // Refused (a date that is not one): kept as typed for a to bring
        // back. A step being changed stays open instead, to fix.
        state.notes.focus = Focus::NextSteps;
        state.error(crate::tui::screen::not_saved_kept(state));
    }
    effects
}

/// Enter in the form: adds the next step, or says what to fix.
pub fn save_form(state: &mut State) -> Vec<Effect> {
    let Some(form) = state.notes.action_form.clone() else {
        state.notes.focus = Focus::NextSteps;
        return Vec::new();
    };
    let [text, owner, due] = &form.fields;
    let due = match parse_date(&due.text(), state.now.date_naive()) {
        Ok(due) => due,
        Err(message) => return refuse(state, 2, message),
    };
    if text.text().trim().is_empty() {
        return refuse(state, 0, "Write what the next step is first.".to_string());
    }
    let action = Action {
        session: Some(form.session.clone()),
        text: text.text(),
        owner: Some(crate::tui::screen::matched(state.event(), &owner.text())),
        due,
        status: ActionStatus::Open,
    };
    if let Some(id) = state.notes.editing_step.clone() {
        let done = format!(
            "Changed the next step \"{}\".",
            inert_line(text.text().trim())
        );
        let owner = action.owner.as_deref();
        let result = ops::edit_action(state.event(), &id, &action.text, owner, action.due);
        let refused = result.is_err();
        let effects = state.apply_begun(&done, result, Some(&form.begun));
        if !refused {
            state.notes.action_form = None;
            state.notes.editing_step = None;
            state.notes.focus = Focus::NextSteps;
        }
        return effects;
    }
    let id = state.new_id();
    let done = format!(
        "Added the next step \"{}\".",
        inert_line(text.text().trim())
    );
    let effects = state.apply(&done, ops::add_action(state.event(), id, action));
    if effects.contains(&Effect::Save) {
        state.notes.action_form = None;
        state.notes.focus = Focus::NextSteps;
        state.notes.next_step = of_session(state).len().saturating_sub(1);
    }
    effects
}

/// Keeps the form open on the field to fix.
fn refuse(state: &mut State, field: usize, message: String) -> Vec<Effect> {
    state.error(message);
    if let Some(form) = &mut state.notes.action_form {
        form.focus = field;
    }
    Vec::new()
}
