//! Setting up the day: rooms and slots.

use chrono::NaiveTime;

use super::{OpError, get, required};
use crate::model::rules::{
    and_list, quoted, room_name_of, session_title_of, slot_name, slot_name_of, slot_times,
};
use crate::model::{Change, Event, EventInfo, Id, Kind, Record, Room, Session, Slot, SlotKind};

/// Adds a room named `name` (trimmed), shown after the existing rooms.
pub fn add_room(
    event: &Event,
    new_id: Id,
    name: &str,
    capacity: Option<u32>,
) -> Result<Vec<Change>, OpError> {
    let name = required(name, "room name")?;
    let lower = name.to_lowercase();
    if let Some(existing) = event
        .rooms
        .values()
        .find(|room| room.name.trim().to_lowercase() == lower)
    {
        return Err(OpError::DuplicateRoom {
            existing: quoted(&existing.name),
        });
    }
    let position = event
        .rooms
        .values()
        .map(|room| room.position.saturating_add(1))
        .max()
        .unwrap_or(0);
    let room = Room {
        name,
        capacity,
        position,
    };
    Ok(vec![Change::put(new_id, Record::Room(room))])
}

/// Adds a slot; an empty label becomes its times (`10:30–11:15`). Two slots
/// may not start at the same time, since a slot is picked by its start.
pub fn add_slot(event: &Event, new_id: Id, slot: Slot) -> Result<Vec<Change>, OpError> {
    if slot.end <= slot.start {
        return Err(OpError::SlotEndsFirst {
            start: slot.start.format("%H:%M").to_string(),
            end: slot.end.format("%H:%M").to_string(),
        });
    }
    if let Some(existing) = event.slots.values().find(|s| s.start == slot.start) {
        return Err(OpError::DuplicateSlotStart {
            existing: slot_name(existing),
            start: slot.start.format("%H:%M").to_string(),
        });
    }
    let label = match slot.label.trim() {
        "" => slot_times(&slot),
        label => label.to_owned(),
    };
    unique_label(event, None, &label)?;
    let slot = Slot { label, ..slot };
    Ok(vec![Change::put(new_id, Record::Slot(slot))])
}

/// Deletes a room no session uses.
pub fn delete_room(event: &Event, room: &Id) -> Result<Vec<Change>, OpError> {
    let found = get(&event.rooms, room, Kind::Room)?;
    let users = sessions_where(event, |s| s.room == *room, |s| slot_name_of(event, &s.slot));
    if !users.is_empty() {
        return Err(OpError::InUse {
            what: "Room",
            name: quoted(&found.name),
            count: users.len(),
            sessions: and_list(&users),
        });
    }
    Ok(vec![Change::delete(room.clone())])
}

/// Deletes a slot no session uses.
pub fn delete_slot(event: &Event, slot: &Id) -> Result<Vec<Change>, OpError> {
    let found = get(&event.slots, slot, Kind::Slot)?;
    let users = sessions_where(
        event,
        |s| s.slot == *slot,
        |s| format!("room {}", crate::model::rules::room_name_of(event, &s.room)),
    );
    if !users.is_empty() {
        return Err(OpError::InUse {
            what: "Slot",
            name: slot_name(found),
            count: users.len(),
            sessions: and_list(&users),
        });
    }
    Ok(vec![Change::delete(slot.clone())])
}

/// The change that writes `record`, or none when it is already so. A record
/// with conflicting versions is always written: saving it unchanged is how
/// the user picks the version shown.
pub fn put_or_resolve(event: &Event, id: &Id, record: Record) -> Vec<Change> {
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

/// Whether `url` is a web address (http or https, no spaces): what the
/// board, the calendar and web pages may send attendees to, never a script
/// or a file.
pub fn is_web_address(url: &str) -> bool {
    ["https://", "http://"].iter().any(|scheme| {
        url.len() > scheme.len()
            && url
                .get(..scheme.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
    }) && !url.chars().any(char::is_whitespace)
}

/// Writes the event's details; the name may not be blank.
pub fn set_details(event: &Event, info: EventInfo) -> Result<Vec<Change>, OpError> {
    let name = info.name.trim().to_string();
    if name.is_empty() {
        return Err(OpError::Empty { what: "event name" });
    }
    let time_zone = info
        .time_zone
        .as_deref()
        .map(str::trim)
        .filter(|z| !z.is_empty())
        .map(str::to_string);
    if let Some(zone) = &time_zone
        && zone.parse::<chrono_tz::Tz>().is_err()
    {
        return Err(OpError::UnknownTimeZone { zone: quoted(zone) });
    }
    let info = EventInfo {
        name,
        venue: info.venue.trim().to_string(),
        description: info.description.trim().to_string(),
        time_zone,
        ..info
    };
    Ok(put_or_resolve(event, &event.id, Record::Event(info)))
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
    Ok(put_or_resolve(event, id, Record::Room(room)))
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
    unique_label(event, Some(id), &label)?;
    Ok(put_or_resolve(
        event,
        id,
        Record::Slot(Slot { label, ..slot }),
    ))
}

/// Slots are picked by their label too (`--slot "Round 1"`), so two may
/// not share one, whatever its case.
fn unique_label(event: &Event, id: Option<&Id>, label: &str) -> Result<(), OpError> {
    let taken = (event.slots.iter())
        .find(|(other, s)| Some(*other) != id && s.label.trim().eq_ignore_ascii_case(label));
    match taken {
        Some((_, existing)) => Err(OpError::DuplicateSlotLabel {
            existing: slot_name(existing),
        }),
        None => Ok(()),
    }
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

/// `"Title" in <where>` for each session that matches, in programme order.
fn sessions_where(
    event: &Event,
    uses: impl Fn(&Session) -> bool,
    place: impl Fn(&Session) -> String,
) -> Vec<String> {
    event
        .sessions_in_order()
        .into_iter()
        .filter(|(_, s)| uses(s))
        .map(|(id, s)| format!("{} in {}", session_title_of(event, id), place(s)))
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]
mod tests {
    use super::*;
    use crate::model::SlotKind;
    use crate::model::ops::fixture::{Day, Fixture, time};

    fn slot(start: &str, end: &str, label: &str) -> Slot {
        Slot {
            start: time(start),
            end: time(end),
            label: label.into(),
            kind: SlotKind::Breakout,
        }
    }

    #[test]
    fn a_room_is_added_trimmed_after_the_others() {
        let mut d = Day::new();
        let id = d.f.id();
        d.f.apply(add_room(&d.f.event, id.clone(), "  Garden  ", Some(12)));
        let room = &d.f.event.rooms[&id];
        assert_eq!((room.name.as_str(), room.capacity), ("Garden", Some(12)));
        let order: Vec<&str> =
            d.f.event
                .rooms_in_order()
                .iter()
                .map(|(_, r)| r.name.as_str())
                .collect();
        assert_eq!(order, ["Library", "Main hall", "Garden"]);
    }

    #[test]
    fn room_names_must_be_given_and_unique_whatever_their_case() {
        let d = Day::new();
        let id = Id::new("new");
        assert_eq!(
            add_room(&d.f.event, id.clone(), " \t", None),
            Err(OpError::Empty { what: "room name" })
        );
        let err = add_room(&d.f.event, id, " library ", None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "There is already a room called \"Library\"; pick another name."
        );
    }

    #[test]
    fn a_slot_without_a_label_is_labelled_with_its_times() {
        let mut f = Fixture::new();
        let id = f.id();
        f.apply(add_slot(&f.event, id.clone(), slot("09:00", "09:45", "  ")));
        assert_eq!(f.event.slots[&id].label, "09:00–09:45");
        let id = f.id();
        f.apply(add_slot(
            &f.event,
            id.clone(),
            slot("10:00", "10:45", " Round 1 "),
        ));
        assert_eq!(f.event.slots[&id].label, "Round 1");
    }

    #[test]
    fn two_slots_may_not_share_a_label() {
        let mut f = Fixture::new();
        let first = f.id();
        f.apply(add_slot(
            &f.event,
            first.clone(),
            slot("10:00", "10:45", "Round 1"),
        ));
        let err = add_slot(&f.event, Id::new("s"), slot("13:00", "14:00", "round 1")).unwrap_err();
        assert!(matches!(err, OpError::DuplicateSlotLabel { .. }), "{err}");
        let second = f.id();
        f.apply(add_slot(
            &f.event,
            second.clone(),
            slot("13:00", "14:00", "Round 2"),
        ));
        let renamed = Slot {
            label: "ROUND 1".into(),
            ..f.event.slots[&second].clone()
        };
        assert!(edit_slot(&f.event, &second, renamed).is_err());
        let same = f.event.slots[&first].clone();
        assert!(
            edit_slot(&f.event, &first, same).is_ok(),
            "its own label is fine"
        );
    }

    #[test]
    fn a_slot_must_end_after_it_starts() {
        let f = Fixture::new();
        for end in ["09:00", "08:59"] {
            let err = add_slot(&f.event, Id::new("s"), slot("09:00", end, "")).unwrap_err();
            assert!(matches!(err, OpError::SlotEndsFirst { .. }));
        }
        let err = add_slot(&f.event, Id::new("s"), slot("11:00", "10:00", "")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "A slot must end after it starts, and 11:00–10:00 does not; check the times."
        );
    }

    #[test]
    fn two_slots_may_not_start_together() {
        let d = Day::new();
        let err = add_slot(&d.f.event, Id::new("s"), slot("10:30", "11:00", "Extra")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Round 1 (10:30) already starts at 10:30; pick another start time or change that slot."
        );
    }

    #[test]
    fn rooms_and_slots_in_use_are_not_deleted_and_the_refusal_names_the_sessions() {
        let mut d = Day::new();
        let a = d.f.pitch("Open data", &[]);
        let b = d.f.pitch("Skills", &[]);
        d.f.session(&[&a], &d.round1, &d.library);
        d.f.session(&[&b], &d.round2, &d.library);
        assert_eq!(
            delete_room(&d.f.event, &d.library).unwrap_err().to_string(),
            "Room \"Library\" is used by \"Open data\" in Round 1 (10:30) and \"Skills\" in Round 2 (13:00); move or unschedule them first."
        );
        assert_eq!(
            delete_slot(&d.f.event, &d.round1).unwrap_err().to_string(),
            "Slot Round 1 (10:30) is used by \"Open data\" in room \"Library\"; move or unschedule it first."
        );
    }

    #[test]
    fn the_time_zone_must_be_one_the_build_knows_and_blank_clears_it() {
        let d = Day::new();
        let info = |zone: &str| EventInfo {
            name: "Day".into(),
            time_zone: Some(zone.into()),
            ..EventInfo::default()
        };
        let changes = set_details(&d.f.event, info(" Europe/London ")).unwrap();
        let Some(Some(Record::Event(set))) = changes.first().map(|c| c.record.clone()) else {
            panic!("the event's details")
        };
        assert_eq!(set.time_zone.as_deref(), Some("Europe/London"));
        let changes = set_details(&d.f.event, info("  ")).unwrap();
        let Some(Some(Record::Event(set))) = changes.first().map(|c| c.record.clone()) else {
            panic!("the event's details")
        };
        assert_eq!(set.time_zone, None);
        assert_eq!(
            set_details(&d.f.event, info("Mars/Olympus"))
                .unwrap_err()
                .to_string(),
            "\"Mars/Olympus\" is not a time zone this build knows; use an IANA name such as Europe/London, or leave it blank."
        );
    }

    #[test]
    fn unused_rooms_and_slots_are_deleted() {
        let d = Day::new();
        assert_eq!(
            delete_room(&d.f.event, &d.main_hall),
            Ok(vec![Change::delete(d.main_hall.clone())])
        );
        assert_eq!(
            delete_slot(&d.f.event, &d.lunch),
            Ok(vec![Change::delete(d.lunch.clone())])
        );
        assert!(matches!(
            delete_slot(&d.f.event, &Id::new("gone")),
            Err(OpError::NotFound { what: "slot", .. })
        ));
    }
}
