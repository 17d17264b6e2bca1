//! The edits people make, as the app makes them: through the pure edit
//! functions of `unconf::model::ops`, on the event a laptop shows.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use unconf::model::ops::{self, SessionDetails};
use unconf::model::{Action, Change, Decision, Id, Note, NoteKind, Pitch, Record};
use unconf::store::Replica;

use super::ops::EditOp;

const WORDS: [&str; 8] = [
    "open standards",
    "a vendor community",
    "data across borders",
    "responsible tech",
    "one standard, not five",
    "who owns it?",
    "pilot with two councils",
    "write to MHCLG",
];

pub fn word(n: u8) -> &'static str {
    WORDS[usize::from(n) % WORDS.len()]
}

pub fn pick_of(ids: &[Id], n: u8) -> Option<Id> {
    (!ids.is_empty()).then(|| ids[usize::from(n) % ids.len()].clone())
}

fn pick_key<T>(map: &BTreeMap<Id, T>, n: u8) -> Option<Id> {
    let ids: Vec<Id> = map.keys().cloned().collect();
    pick_of(&ids, n)
}

/// The changes an edit makes on a laptop as it stands, or `None` when
/// there is nothing to edit or the edit is refused (as in the app).
pub fn changes_for(
    replica: &mut Replica,
    edit: &EditOp,
    now: DateTime<Utc>,
) -> Option<Vec<Change>> {
    let event = replica.event().clone();
    let author = replica.identity().author.clone();
    let minute = now.format("%H:%M");
    let session = |pick: u8| pick_key(&event.sessions, pick);
    let details = |pick: u8, details: SessionDetails| {
        ops::set_session_details(&event, &session(pick)?, details).ok()
    };
    match *edit {
        EditOp::AddPitch { word: w } => {
            let id = replica.new_id(now);
            let pitch = Pitch {
                title: word(w).into(),
                ..Pitch::default()
            };
            ops::add_pitch(&event, id, pitch).ok()
        }
        EditOp::Retitle { pick, word: w } => {
            let id = pick_key(&event.pitches, pick)?;
            let mut pitch = event.pitches[&id].clone();
            pitch.title = format!("{} ({minute})", word(w));
            Some(vec![Change::put(id, Record::Pitch(pitch))])
        }
        EditOp::Interest { pick, n } => {
            let id = pick_key(&event.pitches, pick)?;
            ops::set_interest(&event, &id, u32::from(n % 8)).ok()
        }
        EditOp::DeletePitch { pick } => {
            let id = pick_key(&event.pitches, pick)?;
            ops::delete_pitch(&event, &id).ok()
        }
        EditOp::Schedule { pick, cell } => {
            let pitch = pick_key(&event.pitches, pick)?;
            let slot = pick_key(&event.slots, cell % 3)?;
            let room = pick_key(&event.rooms, cell / 3)?;
            let id = replica.new_id(now);
            ops::schedule(&event, id, &pitch, &slot, &room).ok()
        }
        EditOp::Unschedule { pick } => Some(vec![Change::delete(session(pick)?)]),
        EditOp::AddNote { pick, word: w } => {
            let note = Note {
                session: session(pick)?,
                text: format!("{} ({minute})", word(w)),
                kind: NoteKind::Point,
                taken_at: now.fixed_offset(),
                author,
                private: false,
                status: unconf::model::ActionStatus::Open,
            };
            let id = replica.new_id(now);
            ops::add_note(&event, id, note).ok()
        }
        EditOp::EditNote { pick, word: w } => {
            let id = pick_key(&event.notes, pick)?;
            let text = format!("{} ({minute})", word(w));
            ops::edit_note(&event, &id, &text, NoteKind::Idea).ok()
        }
        EditOp::DeleteNote { pick } => {
            let id = pick_key(&event.notes, pick)?;
            ops::delete_note(&event, &id).ok()
        }
        EditOp::AddAction { pick, word: w } => {
            // One pick in three is a next step for the whole event.
            let session = if pick % 3 == 0 {
                None
            } else {
                Some(session(pick)?)
            };
            let action = Action {
                session,
                text: format!("{} ({minute})", word(w)),
                owner: Some(author),
                ..Action::default()
            };
            let id = replica.new_id(now);
            ops::add_action(&event, id, action).ok()
        }
        EditOp::AddDecision { word: w } => {
            let decision = Decision {
                text: word(w).into(),
                lead: Some(author),
            };
            let id = replica.new_id(now);
            ops::add_decision(&event, id, decision).ok()
        }
        EditOp::Summary { pick, word: w } => details(
            pick,
            SessionDetails {
                summary: Some(format!("{} ({minute})", word(w))),
                ..SessionDetails::default()
            },
        ),
        EditOp::Outcome { pick, word: w } => details(
            pick,
            SessionDetails {
                outcome: Some(format!("{} ({minute})", word(w))),
                ..SessionDetails::default()
            },
        ),
        EditOp::Attendees { pick, n } => details(
            pick,
            SessionDetails {
                attendees: Some(Some(u32::from(n % 40))),
                ..SessionDetails::default()
            },
        ),
    }
    .filter(|changes| !changes.is_empty())
}
