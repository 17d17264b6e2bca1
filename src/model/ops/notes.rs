//! What a group writes down: notes, a session's details, next steps and the
//! day's decisions.

use super::{OpError, get, optional, put_changed, required};
use crate::model::{
    Action, ActionStatus, Change, Decision, Event, Id, Kind, Note, NoteKind, Record, Session, steps,
};

/// Adds a note to its session, with its text trimmed.
pub fn add_note(event: &Event, new_id: Id, note: Note) -> Result<Vec<Change>, OpError> {
    get(&event.sessions, &note.session, Kind::Session)?;
    let text = required(&note.text, "note")?;
    let author = note.author.trim().to_owned();
    let note = Note {
        text,
        author,
        ..note
    };
    Ok(vec![Change::put(new_id, Record::Note(note))])
}

/// Rewrites a note's text and kind, keeping when and by whom it was taken.
pub fn edit_note(
    event: &Event,
    note: &Id,
    text: &str,
    kind: NoteKind,
) -> Result<Vec<Change>, OpError> {
    let text = required(text, "note")?;
    edit(event, note, |n: &mut Note| {
        n.text = text;
        n.kind = kind;
    })
}

/// The parts of a note to change; `None` leaves a part as it is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NoteChange {
    pub text: Option<String>,
    pub kind: Option<NoteKind>,
    pub private: Option<bool>,
}

/// Changes the given parts of a note in one edit, keeping when and by whom
/// it was taken; the text may not be blank.
pub fn change_note(event: &Event, note: &Id, change: NoteChange) -> Result<Vec<Change>, OpError> {
    let text = match &change.text {
        Some(text) => Some(required(text, "note")?),
        None => None,
    };
    edit(event, note, |n: &mut Note| {
        if let Some(text) = text {
            n.text = text;
        }
        if let Some(kind) = change.kind {
            n.kind = kind;
        }
        if let Some(private) = change.private {
            n.private = private;
        }
    })
}

/// Marks a note private (left out of the public write-up) or not.
pub fn set_note_private(event: &Event, note: &Id, private: bool) -> Result<Vec<Change>, OpError> {
    edit(event, note, |n: &mut Note| n.private = private)
}

/// Deletes a note.
pub fn delete_note(event: &Event, note: &Id) -> Result<Vec<Change>, OpError> {
    get(&event.notes, note, Kind::Note)?;
    Ok(vec![Change::delete(note.clone())])
}

/// Moves notes to another session, each keeping its identity (the same
/// record, with its text, kind, time and author): only its session
/// changes, so an edit made meanwhile on another laptop merges with the
/// move. Notes already in `to` are left alone, and each note is moved once
/// however often it is listed. Refuses, moving nothing, when the session or
/// any note is gone.
pub fn move_notes(event: &Event, notes: &[Id], to: &Id) -> Result<Vec<Change>, OpError> {
    get(&event.sessions, to, Kind::Session)?;
    let mut changes: Vec<Change> = Vec::new();
    for id in notes {
        let note = get(&event.notes, id, Kind::Note)?;
        if note.session == *to || changes.iter().any(|c| c.id == *id) {
            continue;
        }
        let moved = Note {
            session: to.clone(),
            ..note.clone()
        };
        changes.push(Change::put(id.clone(), Record::Note(moved)));
    }
    Ok(changes)
}

/// The details of a session to change; `None` leaves a field as it is.
/// Text is trimmed, and blank text clears the field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SessionDetails {
    pub summary: Option<String>,
    pub outcome: Option<String>,
    /// `Some(None)` clears the count.
    pub attendees: Option<Option<u32>>,
    pub note_taker: Option<String>,
    pub facilitator: Option<String>,
    pub chatham_house: Option<bool>,
}

/// Changes the given details of a session and leaves the rest alone.
pub fn set_session_details(
    event: &Event,
    session: &Id,
    details: SessionDetails,
) -> Result<Vec<Change>, OpError> {
    edit(event, session, |s: &mut Session| {
        if let Some(summary) = details.summary {
            s.summary = summary.trim().to_owned();
        }
        if let Some(outcome) = details.outcome {
            s.outcome = outcome.trim().to_owned();
        }
        if let Some(attendees) = details.attendees {
            s.attendees = attendees;
        }
        if let Some(name) = details.note_taker {
            s.note_taker = optional(Some(&name));
        }
        if let Some(name) = details.facilitator {
            s.facilitator = optional(Some(&name));
        }
        if let Some(flag) = details.chatham_house {
            s.chatham_house = flag;
        }
    })
}

/// Adds a next step, to a session when `action.session` names one, else to
/// the event.
pub fn add_action(event: &Event, new_id: Id, action: Action) -> Result<Vec<Change>, OpError> {
    if let Some(session) = &action.session {
        get(&event.sessions, session, Kind::Session)?;
    }
    let action = Action {
        text: required(&action.text, "action")?,
        owner: optional(action.owner.as_deref()),
        ..action
    };
    Ok(vec![Change::put(new_id, Record::Action(action))])
}

/// Marks a next step open or done: a next-step record, or an action note.
pub fn set_action_status(
    event: &Event,
    action: &Id,
    status: ActionStatus,
) -> Result<Vec<Change>, OpError> {
    if action_note(event, action).is_some() {
        return edit(event, action, |n: &mut Note| n.status = status);
    }
    edit(event, action, |a: &mut Action| a.status = status)
}

/// Rewrites a next step's text, owner and due date, keeping its session
/// and whether it is done. For an action note the owner and due date are
/// written into its text, where they are read from (see
/// [`crate::model::steps`]), so the note and the next step stay one record.
pub fn edit_action(
    event: &Event,
    action: &Id,
    text: &str,
    owner: Option<&str>,
    due: Option<chrono::NaiveDate>,
) -> Result<Vec<Change>, OpError> {
    let text = required(text, "next step")?;
    let owner = optional(owner);
    if let Some(note) = action_note(event, action) {
        let day = steps::day_of(note, event.info.date);
        let written = steps::write_step(&text, owner.as_deref(), due, day);
        return edit(event, action, |n: &mut Note| n.text = written);
    }
    edit(event, action, |a: &mut Action| {
        a.text = text;
        a.owner = owner;
        a.due = due;
    })
}

/// Deletes a next step; for an action note, the note itself, which is the
/// next step (undo brings both back).
pub fn delete_action(event: &Event, action: &Id) -> Result<Vec<Change>, OpError> {
    if action_note(event, action).is_none() {
        get(&event.actions, action, Kind::Action)?;
    }
    Ok(vec![Change::delete(action.clone())])
}

/// The note with this id when it is an action note.
fn action_note<'a>(event: &'a Event, id: &Id) -> Option<&'a Note> {
    event
        .notes
        .get(id)
        .filter(|n| n.kind == NoteKind::Action && !event.actions.contains_key(id))
}

/// The note with this id when it is a decision note.
fn decision_note<'a>(event: &'a Event, id: &Id) -> Option<&'a Note> {
    event
        .notes
        .get(id)
        .filter(|n| n.kind == NoteKind::Decision && !event.decisions.contains_key(id))
}

/// Adds an event-level decision, such as a project agreed to take forward.
/// Takes the event, unused, only so that every edit has the same shape.
pub fn add_decision(
    _event: &Event,
    new_id: Id,
    decision: Decision,
) -> Result<Vec<Change>, OpError> {
    let decision = Decision {
        text: required(&decision.text, "decision")?,
        lead: optional(decision.lead.as_deref()),
    };
    Ok(vec![Change::put(new_id, Record::Decision(decision))])
}

/// Rewrites a decision's text and lead: a decision record, or a decision
/// note, whose lead is written into its text as "— Name".
pub fn edit_decision(
    event: &Event,
    decision: &Id,
    text: &str,
    lead: Option<&str>,
) -> Result<Vec<Change>, OpError> {
    let text = required(text, "decision")?;
    let lead = optional(lead);
    if decision_note(event, decision).is_some() {
        let written = steps::write_decision(&text, lead.as_deref());
        return edit(event, decision, |n: &mut Note| n.text = written);
    }
    edit(event, decision, |d: &mut Decision| {
        d.text = text;
        d.lead = lead;
    })
}

/// Deletes a decision; for a decision note, the note itself.
pub fn delete_decision(event: &Event, decision: &Id) -> Result<Vec<Change>, OpError> {
    if decision_note(event, decision).is_none() {
        get(&event.decisions, decision, Kind::Decision)?;
    }
    Ok(vec![Change::delete(decision.clone())])
}

/// The records a note, session or action edit can touch, so one helper can
/// find, change and write any of them.
trait Editable: Clone {
    const KIND: Kind;
    fn find<'a>(event: &'a Event, id: &Id) -> Option<&'a Self>;
    fn into_record(self) -> Record;
}

impl Editable for Note {
    const KIND: Kind = Kind::Note;
    fn find<'a>(event: &'a Event, id: &Id) -> Option<&'a Self> {
        event.notes.get(id)
    }
    fn into_record(self) -> Record {
        Record::Note(self)
    }
}

impl Editable for Session {
    const KIND: Kind = Kind::Session;
    fn find<'a>(event: &'a Event, id: &Id) -> Option<&'a Self> {
        event.sessions.get(id)
    }
    fn into_record(self) -> Record {
        Record::Session(self)
    }
}

impl Editable for Decision {
    const KIND: Kind = Kind::Decision;
    fn find<'a>(event: &'a Event, id: &Id) -> Option<&'a Self> {
        event.decisions.get(id)
    }
    fn into_record(self) -> Record {
        Record::Decision(self)
    }
}

impl Editable for Action {
    const KIND: Kind = Kind::Action;
    fn find<'a>(event: &'a Event, id: &Id) -> Option<&'a Self> {
        event.actions.get(id)
    }
    fn into_record(self) -> Record {
        Record::Action(self)
    }
}

/// Changes one record with `change`, writing it only if it differs.
fn edit<T: Editable>(
    event: &Event,
    id: &Id,
    change: impl FnOnce(&mut T),
) -> Result<Vec<Change>, OpError> {
    let mut record = T::find(event, id)
        .ok_or_else(|| OpError::NotFound {
            what: T::KIND.noun(),
            id: id.clone(),
        })?
        .clone();
    change(&mut record);
    Ok(put_changed(event, id, record.into_record()))
}

#[cfg(test)]
mod tests;
