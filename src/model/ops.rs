//! Edits as pure functions: each takes the event and returns the changes.
//!
//! Every edit checks what it needs against the event it is given and either
//! refuses with an [`OpError`] that says what to do instead, or returns the
//! records to write. The caller writes them (and so can undo them), and makes
//! the id of any new record with its device's [`IdGen`](super::IdGen), so the
//! same inputs always give the same changes. An empty list means the edit
//! changes nothing: setting a value a record already has writes no version.

mod error;
pub mod notes;
mod pitches;
mod schedule;
mod setup;

#[cfg(test)]
pub(crate) mod fixture;

use std::collections::BTreeMap;

pub use error::OpError;
pub use notes::{
    NoteChange, SessionDetails, add_action, add_decision, add_note, change_note, delete_action,
    delete_decision, delete_note, edit_action, edit_decision, edit_note, move_notes,
    set_action_status, set_note_private, set_session_details,
};
pub use pitches::{
    PitchDetails, add_pitch, bump_interest, delete_pitch, merge_pitches, restore, set_interest,
    set_pitch_details, unmerge, withdraw,
};
pub use schedule::{move_session, repeat_session, schedule, swap_sessions, unschedule};
pub use setup::{
    add_room, add_slot, check_times, delete_room, delete_slot, edit_room, edit_slot,
    is_web_address, move_room, put_or_resolve, set_details,
};

use super::{Change, Event, Id, Kind, Record};

/// The record with this id, or an error saying it is gone.
fn get<'a, T>(records: &'a BTreeMap<Id, T>, id: &Id, kind: Kind) -> Result<&'a T, OpError> {
    records.get(id).ok_or_else(|| OpError::NotFound {
        what: kind.noun(),
        id: id.clone(),
    })
}

/// The change that writes `record`, or none when the event already holds it,
/// so that a repeated edit does not make a new version.
fn put_changed(event: &Event, id: &Id, record: Record) -> Vec<Change> {
    if event.record(id).as_ref() == Some(&record) {
        Vec::new()
    } else {
        vec![Change::put(id.clone(), record)]
    }
}

/// Trimmed text that must not be empty; `what` names it in the refusal.
fn required(text: &str, what: &'static str) -> Result<String, OpError> {
    let text = text.trim();
    if text.is_empty() {
        Err(OpError::Empty { what })
    } else {
        Ok(text.to_owned())
    }
}

/// Trimmed optional text, where blank means "not given".
fn optional(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}
