//! Placing pitches on the slots x rooms grid without making a clash.

use super::{OpError, get, put_changed};
use crate::model::rules::{and_list, pitch_title_of, plural, quoted, room_name_of};
use crate::model::rules::{session_title_of, slot_name, slot_name_of};
use crate::model::{Change, Event, Id, Kind, Record, Session, SlotKind};

/// Schedules a pitch, with every pitch merged into it, in `room` during `slot`.
pub fn schedule(
    event: &Event,
    new_id: Id,
    pitch: &Id,
    slot: &Id,
    room: &Id,
) -> Result<Vec<Change>, OpError> {
    let found = get(&event.pitches, pitch, Kind::Pitch)?;
    if found.withdrawn {
        return Err(OpError::Withdrawn {
            pitch: quoted(&found.title),
            doing: "scheduling it",
        });
    }
    let root = event.merge_root(pitch);
    if root != pitch {
        return Err(OpError::Merged {
            pitch: quoted(&found.title),
            root: pitch_title_of(event, root),
        });
    }
    let pitches: Vec<Id> = std::iter::once(pitch)
        .chain(event.merged_into(pitch))
        .filter(|id| event.pitches.get(*id).is_some_and(|p| !p.withdrawn))
        .cloned()
        .collect();
    check_place(event, &pitches, slot, room, &[])?;
    let session = Session {
        pitches,
        slot: slot.clone(),
        room: room.clone(),
        ..Session::default()
    };
    Ok(vec![Change::put(new_id, Record::Session(session))])
}

/// Moves a session to `room` during `slot`, keeping its notes.
pub fn move_session(
    event: &Event,
    session: &Id,
    slot: &Id,
    room: &Id,
) -> Result<Vec<Change>, OpError> {
    let found = get(&event.sessions, session, Kind::Session)?;
    check_place(event, &found.pitches, slot, room, &[session])?;
    let moved = Session {
        slot: slot.clone(),
        room: room.clone(),
        ..found.clone()
    };
    Ok(put_changed(event, session, Record::Session(moved)))
}

/// Exchanges the slots and rooms of two sessions.
pub fn swap_sessions(event: &Event, a: &Id, b: &Id) -> Result<Vec<Change>, OpError> {
    let first = get(&event.sessions, a, Kind::Session)?;
    let second = get(&event.sessions, b, Kind::Session)?;
    if a == b {
        return Err(OpError::SwapWithSelf);
    }
    // Rooms stay as full as they were; only the slots' rules can break.
    check_slot(event, &second.slot)?;
    check_slot(event, &first.slot)?;
    check_pitches_free(event, &first.pitches, &second.slot, &[a, b])?;
    check_pitches_free(event, &second.pitches, &first.slot, &[a, b])?;
    let first_moved = Session {
        slot: second.slot.clone(),
        room: second.room.clone(),
        ..first.clone()
    };
    let second_moved = Session {
        slot: first.slot.clone(),
        room: first.room.clone(),
        ..second.clone()
    };
    let mut changes = put_changed(event, a, Record::Session(first_moved));
    changes.extend(put_changed(event, b, Record::Session(second_moved)));
    Ok(changes)
}

/// Takes a session off the schedule; one with notes or actions is refused,
/// because deleting it would orphan what was written down.
pub fn unschedule(event: &Event, session: &Id) -> Result<Vec<Change>, OpError> {
    let found = get(&event.sessions, session, Kind::Session)?;
    let notes = event.note_count(session);
    // Action notes are counted among the notes.
    let actions = (event.actions.values())
        .filter(|a| a.session.as_ref() == Some(session))
        .count();
    let mut written = Vec::new();
    if notes > 0 {
        written.push(plural(notes, "note"));
    }
    if actions > 0 {
        written.push(plural(actions, "action"));
    }
    if !written.is_empty() {
        return Err(OpError::HasNotes {
            session: session_title_of(event, session),
            slot: slot_name_of(event, &found.slot),
            written: and_list(&written),
        });
    }
    Ok(vec![Change::delete(session.clone())])
}

/// Runs a session again in another slot: the same pitches and Chatham House
/// flag, with notes of its own.
pub fn repeat_session(
    event: &Event,
    new_id: Id,
    session: &Id,
    slot: &Id,
    room: &Id,
) -> Result<Vec<Change>, OpError> {
    let found = get(&event.sessions, session, Kind::Session)?;
    check_place(event, &found.pitches, slot, room, &[])?;
    let repeat = Session {
        pitches: found.pitches.clone(),
        slot: slot.clone(),
        room: room.clone(),
        chatham_house: found.chatham_house,
        ..Session::default()
    };
    Ok(vec![Change::put(new_id, Record::Session(repeat))])
}

/// Whether sessions running `pitches` may go in `room` during `slot`, not
/// counting the sessions in `ignore` (the ones being moved).
fn check_place(
    event: &Event,
    pitches: &[Id],
    slot: &Id,
    room: &Id,
    ignore: &[&Id],
) -> Result<(), OpError> {
    check_slot(event, slot)?;
    get(&event.rooms, room, Kind::Room)?;
    let taken = event
        .sessions
        .iter()
        .find(|(id, s)| s.slot == *slot && s.room == *room && !ignore.contains(id));
    if let Some((other, _)) = taken {
        return Err(OpError::RoomTaken {
            room: room_name_of(event, room),
            slot: slot_name_of(event, slot),
            other: session_title_of(event, other),
        });
    }
    check_pitches_free(event, pitches, slot, ignore)
}

/// A slot that exists and is not a break.
fn check_slot(event: &Event, slot: &Id) -> Result<(), OpError> {
    let found = get(&event.slots, slot, Kind::Slot)?;
    if found.kind == SlotKind::Break {
        return Err(OpError::BreakSlot {
            slot: slot_name(found),
        });
    }
    Ok(())
}

/// A discussion cannot run twice at once: no session in `slot`, apart from
/// those in `ignore`, may share a pitch with `pitches`.
fn check_pitches_free(
    event: &Event,
    pitches: &[Id],
    slot: &Id,
    ignore: &[&Id],
) -> Result<(), OpError> {
    let same = event.sessions.iter().find(|(id, s)| {
        s.slot == *slot && !ignore.contains(id) && s.pitches.iter().any(|p| pitches.contains(p))
    });
    match same {
        Some((id, s)) => Err(OpError::AlreadyInSlot {
            session: session_title_of(event, id),
            slot: slot_name_of(event, slot),
            room: room_name_of(event, &s.room),
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests;
