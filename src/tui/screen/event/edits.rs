//! Edits the event screen needs that `model::ops` does not have yet: the
//! event's details, renaming and reordering rooms, and changing a slot.
//! Pure, like `ops`: they check against the event and return the changes,
//! or refuse with an [`OpError`] sentence.

use chrono::NaiveTime;

use crate::model::ops::OpError;
use crate::model::rules::{
    and_list, quoted, room_name_of, session_title_of, slot_name, slot_times,
};
use crate::model::{Change, Event, EventInfo, Id, Kind, Record, Room, Slot, SlotKind};

/// The change that writes `record`, or none when it is already so. A record
/// with conflicting versions is always written: saving it unchanged is how
/// the user picks the version shown.
pub fn put_changed(event: &Event, id: &Id, record: Record) -> Vec<Change> {
    if !event.is_conflicted(id) && event.record(id).as_ref() == Some(&record) {
        Vec::new()
    } else {
        vec![Change::put(id.clone(), record)]
    }
}

fn not_found(what: Kind, id: &Id) -> OpError {
    OpError::NotFound {
        what: what.noun(),
        id: id.clone(),
    }
}

/// Writes the event's details; the name may not be blank.
pub fn set_details(event: &Event, info: EventInfo) -> Result<Vec<Change>, OpError> {
    let name = info.name.trim().to_string();
    if name.is_empty() {
        return Err(OpError::Empty { what: "event name" });
    }
    let info = EventInfo {
        name,
        venue: info.venue.trim().to_string(),
        description: info.description.trim().to_string(),
        ..info
    };
    Ok(put_changed(event, &event.id, Record::Event(info)))
}

/// Renames a room and sets its capacity; names stay unique whatever their case.
pub fn edit_room(
    event: &Event,
    id: &Id,
    name: &str,
    capacity: Option<u32>,
) -> Result<Vec<Change>, OpError> {
    let room = event
        .rooms
        .get(id)
        .ok_or_else(|| not_found(Kind::Room, id))?;
    let name = name.trim();
    if name.is_empty() {
        return Err(OpError::Empty { what: "room name" });
    }
    let lower = name.to_lowercase();
    if let Some((_, other)) = event
        .rooms
        .iter()
        .find(|(other, r)| *other != id && r.name.trim().to_lowercase() == lower)
    {
        return Err(OpError::DuplicateRoom {
            existing: quoted(&other.name),
        });
    }
    let room = Room {
        name: name.to_string(),
        capacity,
        ..room.clone()
    };
    Ok(put_changed(event, id, Record::Room(room)))
}

/// Moves a room one place earlier (`delta` -1) or later (1) in the order.
/// Every room is renumbered 0, 1, 2, ... so that hand-edited or merged
/// files with equal positions still move; only rooms whose position
/// changes are written.
pub fn move_room(event: &Event, id: &Id, delta: isize) -> Result<Vec<Change>, OpError> {
    let mut order: Vec<(&Id, &Room)> = event.rooms_in_order();
    let from = order
        .iter()
        .position(|(r, _)| *r == id)
        .ok_or_else(|| not_found(Kind::Room, id))?;
    let to = from.saturating_add_signed(delta).min(order.len() - 1);
    let moving = order.remove(from);
    order.insert(to, moving);
    Ok(order
        .into_iter()
        .enumerate()
        .filter(|(i, (_, room))| room.position != *i as i32)
        .map(|(i, (id, room))| {
            let room = Room {
                position: i as i32,
                ..room.clone()
            };
            Change::put(id.clone(), Record::Room(room))
        })
        .collect())
}

/// Changes a slot's times, label and kind, with the checks `ops::add_slot`
/// makes, and refuses to turn a slot with sessions into a break.
pub fn edit_slot(event: &Event, id: &Id, slot: Slot) -> Result<Vec<Change>, OpError> {
    let old = event
        .slots
        .get(id)
        .ok_or_else(|| not_found(Kind::Slot, id))?;
    check_times(event, Some(id), slot.start, slot.end)?;
    if slot.kind == SlotKind::Break && old.kind != SlotKind::Break {
        let users: Vec<String> = event
            .sessions_in_order()
            .into_iter()
            .filter(|(_, s)| s.slot == *id)
            .map(|(sid, s)| {
                format!(
                    "{} in room {}",
                    session_title_of(event, sid),
                    room_name_of(event, &s.room)
                )
            })
            .collect();
        if !users.is_empty() {
            return Err(OpError::InUse {
                what: "Slot",
                name: slot_name(old),
                count: users.len(),
                sessions: and_list(&users),
            });
        }
    }
    let label = match slot.label.trim() {
        "" => slot_times(&slot),
        label => label.to_string(),
    };
    Ok(put_changed(event, id, Record::Slot(Slot { label, ..slot })))
}

/// A slot must end after it starts and may not start with another slot
/// (slots are picked by their start time).
pub fn check_times(
    event: &Event,
    id: Option<&Id>,
    start: NaiveTime,
    end: NaiveTime,
) -> Result<(), OpError> {
    if end <= start {
        return Err(OpError::SlotEndsFirst {
            start: start.format("%H:%M").to_string(),
            end: end.format("%H:%M").to_string(),
        });
    }
    if let Some((_, existing)) = event
        .slots
        .iter()
        .find(|(other, s)| Some(*other) != id && s.start == start)
    {
        return Err(OpError::DuplicateSlotStart {
            existing: slot_name(existing),
            start: start.format("%H:%M").to_string(),
        });
    }
    Ok(())
}

/// Reads a time as people type it: `9:30`, `09:30`, `9.30`, `0930` or `9`.
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    let (hours, minutes) = match text.split_once([':', '.']) {
        Some((h, m)) => (h, m),
        None if text.len() > 2 => text.split_at(text.len() - 2),
        None => (text, "0"),
    };
    let hours: u32 = hours.trim().parse().ok()?;
    let minutes: u32 = minutes.trim().parse().ok()?;
    NaiveTime::from_hms_opt(hours, minutes, 0)
}

/// Reads a slot's kind from its word or the start of it (`pl` is plenary).
/// "b" alone could be breakout or break, so it is not accepted.
pub fn parse_kind(text: &str) -> Option<SlotKind> {
    let text = text.trim().to_lowercase();
    if text.is_empty() {
        return None;
    }
    if let Some(exact) = SlotKind::ALL.into_iter().find(|k| k.word() == text) {
        return Some(exact);
    }
    let mut matching = SlotKind::ALL
        .into_iter()
        .filter(|k| k.word().starts_with(&text));
    match (matching.next(), matching.next()) {
        (Some(kind), None) => Some(kind),
        _ => None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]
mod tests {
    use super::*;
    use crate::tui::testing::sample_state;

    #[test]
    fn times_are_read_as_people_type_them() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0);
        assert_eq!(parse_time("9:30"), t(9, 30));
        assert_eq!(parse_time(" 09.05 "), t(9, 5));
        assert_eq!(parse_time("1415"), t(14, 15));
        assert_eq!(parse_time("9"), t(9, 0));
        assert_eq!(parse_time("25:00"), None);
        assert_eq!(parse_time("noon"), None);
    }

    #[test]
    fn kinds_are_read_from_a_unique_start() {
        assert_eq!(parse_kind("Plenary"), Some(SlotKind::Plenary));
        assert_eq!(parse_kind("break"), Some(SlotKind::Break));
        assert_eq!(parse_kind("breako"), Some(SlotKind::Breakout));
        assert_eq!(parse_kind("b"), None);
        assert_eq!(parse_kind(""), None);
    }

    #[test]
    fn moving_a_room_renumbers_only_what_changes() {
        let state = sample_state();
        let event = state.event();
        let order: Vec<Id> = event
            .rooms_in_order()
            .iter()
            .map(|(id, _)| (*id).clone())
            .collect();
        let changes = move_room(event, &order[2], -1).unwrap();
        assert_eq!(changes.len(), 2, "the last two rooms swap places");
        assert!(move_room(event, &order[0], -1).unwrap().is_empty());
    }

    #[test]
    fn a_used_slot_does_not_become_a_break() {
        let state = sample_state();
        let event = state.event();
        let (id, slot) = event
            .slots_in_order()
            .into_iter()
            .find(|(_, s)| s.label == "Round 1")
            .unwrap();
        let err = edit_slot(
            event,
            id,
            Slot {
                kind: SlotKind::Break,
                ..slot.clone()
            },
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("Slot Round 1 (10:00) is used by"),
            "{err}"
        );
    }

    #[test]
    fn a_room_may_keep_its_own_name_in_another_case_but_not_take_anothers() {
        let state = sample_state();
        let event = state.event();
        let (id, _) = event.rooms_in_order()[1];
        assert!(edit_room(event, id, "LIBRARY", Some(20)).is_ok());
        let err = edit_room(event, id, "main hall", None).unwrap_err();
        assert!(matches!(err, OpError::DuplicateRoom { .. }));
    }
}
