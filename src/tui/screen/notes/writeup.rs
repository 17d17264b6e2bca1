//! The session's write-up: summary and outcome (multi-line; Ctrl-S or Esc
//! saves, so leaving never loses text), the details form (attendees,
//! note-taker, facilitator) and the Chatham House flag.

use super::{Focus, Form, Part, Writing, session_id};
use crate::model::ops::{self, SessionDetails};
use crate::model::{Id, Session};
use crate::tui::action::Effect;
use crate::tui::draft::DraftSlot;
use crate::tui::state::State;
use crate::tui::widget::text_field::TextField;

/// The session on screen, when it exists.
pub fn chosen(state: &State) -> Option<(Id, Session)> {
    let id = session_id(state)?;
    let session = state.event().sessions.get(id)?;
    Some((id.clone(), session.clone()))
}

fn no_session(state: &mut State) -> Vec<Effect> {
    state.info("There are no sessions yet: place pitches on 3 Schedule first.");
    Vec::new()
}

/// Remembers where Esc returns to when a panel opens from the list or log.
pub fn enter_panel(state: &mut State, focus: Focus) {
    if matches!(state.notes.focus, Focus::Sessions | Focus::Log) {
        state.notes.back_to = state.notes.focus;
    }
    state.notes.focus = focus;
}

pub fn open_writing(state: &mut State, part: Part) -> Vec<Effect> {
    let Some((id, session)) = chosen(state) else {
        return no_session(state);
    };
    let key = part.draft_key(&id);
    let restored = state.notes.kept.remove(&key);
    let text = restored.clone().unwrap_or(match part {
        Part::Summary => session.summary,
        Part::Outcome => session.outcome,
    });
    let mut draft = DraftSlot::new(key);
    draft.text.clone_from(&text);
    let begun = state.replica.begin(&id);
    state.notes.writing = Some(Writing {
        begun,
        part,
        session: id,
        field: TextField::multi(&text),
        draft,
    });
    enter_panel(state, Focus::Writing);
    if restored.is_some() {
        state.info(format!(
            "Unsaved {} text from last time is back; Ctrl-S or Esc saves it.",
            part.word()
        ));
    }
    Vec::new()
}

/// Ctrl-S or Esc in the editor. When the edit cannot be written (the
/// event is read-only, or the session went), the text is kept as a draft
/// that comes back with the editor.
pub fn save_writing(state: &mut State) -> Vec<Effect> {
    let Some(mut writing) = state.notes.writing.take() else {
        state.notes.focus = state.notes.back_to;
        return Vec::new();
    };
    state.notes.focus = state.notes.back_to;
    let text = writing.field.text();
    let word = writing.part.word();
    let details = match writing.part {
        Part::Summary => SessionDetails {
            summary: Some(text.clone()),
            ..SessionDetails::default()
        },
        Part::Outcome => SessionDetails {
            outcome: Some(text.clone()),
            ..SessionDetails::default()
        },
    };
    let changes = match ops::set_session_details(state.event(), &writing.session, details) {
        Ok(changes) => changes,
        Err(error) => {
            state.error(format!("{error} Your {word} is kept as a draft."));
            return keep(state, &writing.draft.key, text);
        }
    };
    if changes.is_empty() {
        state.info(format!("The {word} is unchanged."));
        return vec![writing.draft.clear()];
    }
    let mut effects =
        state.commit_begun(&format!("Saved the {word}."), changes, Some(&writing.begun));
    if effects.contains(&Effect::Save) {
        effects.push(writing.draft.clear());
        effects
    } else {
        keep(state, &writing.draft.key, text)
    }
}

fn keep(state: &mut State, key: &str, text: String) -> Vec<Effect> {
    state.notes.kept.insert(key.to_string(), text.clone());
    vec![Effect::SaveDraft {
        key: key.to_string(),
        text,
    }]
}

pub fn toggle_chatham_house(state: &mut State) -> Vec<Effect> {
    let Some((id, session)) = chosen(state) else {
        return no_session(state);
    };
    let on = !session.chatham_house;
    let done = if on {
        "Chatham House Rule on: the public write-up names nobody for this session (c turns it off)."
    } else {
        "Chatham House Rule off: names may appear in the public write-up (c turns it on)."
    };
    let details = SessionDetails {
        chatham_house: Some(on),
        ..SessionDetails::default()
    };
    state.apply(done, ops::set_session_details(state.event(), &id, details))
}

pub fn open_details(state: &mut State) -> Vec<Effect> {
    let Some((id, session)) = chosen(state) else {
        return no_session(state);
    };
    let attendees = session.attendees.map(|n| n.to_string()).unwrap_or_default();
    let begun = state.replica.begin(&id);
    state.notes.details = Some(Form {
        begun,
        session: id,
        fields: [
            TextField::single(&attendees).with_placeholder("how many came, e.g. 12"),
            TextField::single(session.note_taker.as_deref().unwrap_or_default())
                .with_placeholder("who took the notes"),
            TextField::single(session.facilitator.as_deref().unwrap_or_default())
                .with_placeholder("who led the discussion"),
        ],
        focus: 0,
    });
    enter_panel(state, Focus::Details);
    Vec::new()
}

/// Enter or Esc in the details form saves it; a count that is not a number
/// keeps the form open on that field.
pub fn save_details(state: &mut State) -> Vec<Effect> {
    let Some(form) = state.notes.details.clone() else {
        state.notes.focus = state.notes.back_to;
        return Vec::new();
    };
    let [attendees, note_taker, facilitator] = &form.fields;
    let count = attendees.text().trim().to_string();
    let attendees = if count.is_empty() {
        None
    } else if let Ok(n) = count.parse::<u32>() {
        Some(n)
    } else {
        state.error(
            "Attendees must be a whole number, such as 12; leave it blank if nobody counted.",
        );
        if let Some(form) = &mut state.notes.details {
            form.focus = 0;
        }
        return Vec::new();
    };
    let details = SessionDetails {
        attendees: Some(attendees),
        note_taker: Some(crate::tui::screen::matched(
            state.event(),
            &note_taker.text(),
        )),
        facilitator: Some(crate::tui::screen::matched(
            state.event(),
            &facilitator.text(),
        )),
        ..SessionDetails::default()
    };
    state.notes.details = None;
    state.notes.focus = state.notes.back_to;
    let result = ops::set_session_details(state.event(), &form.session, details);
    state.apply_begun("Saved the session's details.", result, Some(&form.begun))
}

/// Tab and Shift-Tab in the details or next-step form.
pub fn next_field(state: &mut State, forward: bool) {
    let form = match state.notes.focus {
        Focus::Details => state.notes.details.as_mut(),
        Focus::ActionForm => state.notes.action_form.as_mut(),
        _ => None,
    };
    if let Some(form) = form {
        let n = form.fields.len();
        form.focus = if forward {
            (form.focus + 1) % n
        } else {
            (form.focus + n - 1) % n
        };
    }
}
