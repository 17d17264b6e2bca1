//! Schedule rules: clashes and the checks behind them.
//!
//! Clashes are found, never prevented here: files merged from several laptops
//! can hold any schedule, so the grid, `check` and the export all ask
//! [`clashes`] what is wrong and show it. [`crate::model::ops`] refuses edits
//! that would make a new clash.

mod wording;

use std::collections::BTreeMap;

pub use wording::{
    and_list, count_word, pitch_title_of, plural, quoted, room_name_of, session_title_of,
    slot_name, slot_name_of, slot_times,
};

use super::text::inert_line;
use super::{Event, Id, Session, SlotKind};

/// Something wrong with the schedule.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Clash {
    /// Two or more sessions in one room at once.
    RoomDoubleBooked {
        slot: Id,
        room: Id,
        sessions: Vec<Id>,
    },
    /// Someone pitched two sessions that run at the same time, so they cannot
    /// be at both. `person` is the name in its best spelling.
    PersonDoubleBooked {
        slot: Id,
        person: String,
        sessions: Vec<Id>,
    },
    /// A session placed in a break.
    InBreak {
        session: Id,
        slot: Id,
    },
    /// More people are interested than the room holds.
    OverCapacity {
        session: Id,
        room: Id,
        interest: u32,
        capacity: u32,
    },
    MissingSlot {
        session: Id,
        slot: Id,
    },
    MissingRoom {
        session: Id,
        room: Id,
    },
    MissingPitch {
        session: Id,
        pitch: Id,
    },
}

impl Clash {
    /// The sessions involved, in programme order.
    pub fn sessions(&self) -> Vec<&Id> {
        match self {
            Clash::RoomDoubleBooked { sessions, .. }
            | Clash::PersonDoubleBooked { sessions, .. } => sessions.iter().collect(),
            Clash::InBreak { session, .. }
            | Clash::OverCapacity { session, .. }
            | Clash::MissingSlot { session, .. }
            | Clash::MissingRoom { session, .. }
            | Clash::MissingPitch { session, .. } => vec![session],
        }
    }

    /// A one-column ASCII marker for the grid, distinct per kind, so that a
    /// clash shows without colour and on any terminal font.
    pub fn symbol(&self) -> char {
        match self {
            Clash::RoomDoubleBooked { .. } => '!',
            Clash::PersonDoubleBooked { .. } => '@',
            Clash::InBreak { .. } => 'B',
            Clash::OverCapacity { .. } => '+',
            Clash::MissingSlot { .. } => '?',
            Clash::MissingRoom { .. } => '#',
            Clash::MissingPitch { .. } => '*',
        }
    }

    /// What the symbol means, for a legend or the help screen.
    pub fn kind_word(&self) -> &'static str {
        match self {
            Clash::RoomDoubleBooked { .. } => "room double-booked",
            Clash::PersonDoubleBooked { .. } => "pitcher in two sessions at once",
            Clash::InBreak { .. } => "session in a break",
            Clash::OverCapacity { .. } => "more interest than room capacity",
            Clash::MissingSlot { .. } => "slot missing",
            Clash::MissingRoom { .. } => "room missing",
            Clash::MissingPitch { .. } => "pitch missing",
        }
    }

    /// Which kind comes first when one session has several clashes: what
    /// makes the session impossible to place before what makes it awkward.
    fn rank(&self) -> u8 {
        match self {
            Clash::MissingSlot { .. } => 0,
            Clash::MissingRoom { .. } => 1,
            Clash::MissingPitch { .. } => 2,
            Clash::InBreak { .. } => 3,
            Clash::RoomDoubleBooked { .. } => 4,
            Clash::PersonDoubleBooked { .. } => 5,
            Clash::OverCapacity { .. } => 6,
        }
    }

    /// One plain-English sentence that names the sessions, room and slot.
    pub fn describe(&self, event: &Event) -> String {
        let titles = |ids: &[Id]| {
            let titles: Vec<String> = ids.iter().map(|s| session_title_of(event, s)).collect();
            and_list(&titles)
        };
        match self {
            Clash::RoomDoubleBooked {
                slot,
                room,
                sessions,
            } => format!(
                "Room {} has {} sessions in {}: {}.",
                room_name_of(event, room),
                count_word(sessions.len()),
                slot_name_of(event, slot),
                titles(sessions)
            ),
            Clash::PersonDoubleBooked {
                slot,
                person,
                sessions,
            } => format!(
                "{} pitched {} sessions that run at the same time, in {}: {}.",
                inert_line(person),
                count_word(sessions.len()),
                slot_name_of(event, slot),
                titles(sessions)
            ),
            Clash::InBreak { session, slot } => format!(
                "{} is placed in {}, which is a break.",
                session_title_of(event, session),
                slot_name_of(event, slot)
            ),
            Clash::OverCapacity {
                session,
                room,
                interest,
                capacity,
            } => format!(
                "{} has {interest} people interested but room {} holds {capacity}.",
                session_title_of(event, session),
                room_name_of(event, room)
            ),
            Clash::MissingSlot { session, slot } => format!(
                "{} is in a slot that no longer exists (id {slot}).",
                session_title_of(event, session)
            ),
            Clash::MissingRoom { session, room } => format!(
                "{} is in a room that no longer exists (id {room}).",
                session_title_of(event, session)
            ),
            Clash::MissingPitch { session, pitch } => format!(
                "{} includes a pitch that no longer exists (id {pitch}).",
                session_title_of(event, session)
            ),
        }
    }
}

/// Everything wrong with the schedule, in programme order of the first
/// session involved.
pub fn clashes(event: &Event) -> Vec<Clash> {
    clashes_kept(event).to_vec()
}

/// [`clashes`] without the copy: worked out once after each change to the
/// event, for the screens that show them on every frame.
pub fn clashes_kept(event: &Event) -> &[Clash] {
    event.clashes_kept(find_clashes)
}

fn find_clashes(event: &Event) -> Vec<Clash> {
    let order = event.sessions_in_order();
    let mut found: Vec<(usize, Clash)> = Vec::new();
    for (rank, (id, session)) in order.iter().enumerate() {
        found.extend(clashes_of_one(event, id, session).map(|c| (rank, c)));
    }
    found.extend(room_double_bookings(event, &order));
    found.extend(person_double_bookings(event, &order));
    // Stable, so clashes of one kind on one session keep the order found.
    found.sort_by_key(|(rank, clash)| (*rank, clash.rank()));
    found.into_iter().map(|(_, clash)| clash).collect()
}

/// The clashes that involve one session.
pub fn clashes_of<'a>(clashes: &'a [Clash], session: &Id) -> impl Iterator<Item = &'a Clash> {
    clashes
        .iter()
        .filter(move |clash| clash.sessions().contains(&session))
}

/// Breakout sessions with nothing written down yet: no notes, no summary and
/// no outcome. In programme order, for the closing round and `check`.
pub fn sessions_without_notes(event: &Event) -> Vec<&Id> {
    event
        .sessions_in_order()
        .into_iter()
        .filter(|(id, session)| {
            event
                .slots
                .get(&session.slot)
                .is_some_and(|slot| slot.kind == SlotKind::Breakout)
                && event.note_count(id) == 0
                && session.summary.trim().is_empty()
                && session.outcome.trim().is_empty()
        })
        .map(|(id, _)| id)
        .collect()
}

/// Two slots that share some of the day, as the ids of the earlier slot
/// and the later one (by start, then end, then id).
pub type Overlap = (Id, Id);

/// Every pair of slots whose times overlap, in time order of the earlier
/// slot, then of the later. A slot ending when another starts does not
/// overlap it. Files merged from several laptops can hold such slots, so
/// they are found and warned about (on Event, by `check`, when a slot is
/// added), never refused here.
pub fn overlapping_slots(event: &Event) -> Vec<Overlap> {
    let slots = event.slots_in_order();
    let mut found = Vec::new();
    for (i, (a, first)) in slots.iter().enumerate() {
        // In start order, only later slots that start before this one
        // ends can overlap it.
        for (b, second) in slots[i + 1..]
            .iter()
            .take_while(|(_, s)| s.start < first.end)
        {
            if first.start < second.end {
                found.push(((*a).clone(), (*b).clone()));
            }
        }
    }
    found
}

/// The slots one slot overlaps, in time order.
pub fn overlaps_of<'a>(overlaps: &'a [Overlap], slot: &'a Id) -> impl Iterator<Item = &'a Id> {
    overlaps.iter().filter_map(move |(a, b)| {
        if a == slot {
            Some(b)
        } else if b == slot {
            Some(a)
        } else {
            None
        }
    })
}

/// One sentence for an overlap: "Round 1 (10:30–11:30) overlaps Round 2
/// (11:00–12:00)."
pub fn describe_overlap(event: &Event, (a, b): &Overlap) -> String {
    let name = |id: &Id| match event.slots.get(id) {
        Some(slot) if slot.label.trim().is_empty() || slot.label.trim() == slot_times(slot) => {
            slot_times(slot)
        }
        Some(slot) => format!("{} ({})", inert_line(slot.label.trim()), slot_times(slot)),
        None => format!("that no longer exists (id {id})"),
    };
    format!("Slot {} overlaps {}.", name(a), name(b))
}

/// The clashes one session has on its own, whatever else is scheduled.
fn clashes_of_one<'a>(
    event: &'a Event,
    id: &'a Id,
    session: &'a Session,
) -> impl Iterator<Item = Clash> + 'a {
    let missing_pitches = session
        .pitches
        .iter()
        .filter(|pitch| !event.pitches.contains_key(*pitch))
        .map(|pitch| Clash::MissingPitch {
            session: id.clone(),
            pitch: pitch.clone(),
        });
    let slot = match event.slots.get(&session.slot) {
        None => Some(Clash::MissingSlot {
            session: id.clone(),
            slot: session.slot.clone(),
        }),
        Some(slot) if slot.kind == SlotKind::Break => Some(Clash::InBreak {
            session: id.clone(),
            slot: session.slot.clone(),
        }),
        Some(_) => None,
    };
    let room = match event.rooms.get(&session.room) {
        None => Some(Clash::MissingRoom {
            session: id.clone(),
            room: session.room.clone(),
        }),
        Some(room) => room.capacity.and_then(|capacity| {
            let interest = event.session_interest(session);
            (interest > capacity).then(|| Clash::OverCapacity {
                session: id.clone(),
                room: session.room.clone(),
                interest,
                capacity,
            })
        }),
    };
    slot.into_iter().chain(room).chain(missing_pitches)
}

/// Sessions sharing a room and a slot that both exist (a missing one is its
/// own clash, and would otherwise lump unrelated sessions together).
fn room_double_bookings(event: &Event, order: &[(&Id, &Session)]) -> Vec<(usize, Clash)> {
    let mut groups: BTreeMap<(&Id, &Id), Vec<(usize, &Id)>> = BTreeMap::new();
    for (rank, (id, session)) in order.iter().enumerate() {
        if event.slots.contains_key(&session.slot) && event.rooms.contains_key(&session.room) {
            groups
                .entry((&session.slot, &session.room))
                .or_default()
                .push((rank, id));
        }
    }
    groups
        .into_iter()
        .filter(|(_, sessions)| sessions.len() > 1)
        .map(|((slot, room), sessions)| {
            let clash = Clash::RoomDoubleBooked {
                slot: slot.clone(),
                room: room.clone(),
                sessions: sessions.iter().map(|(_, id)| (*id).clone()).collect(),
            };
            (sessions[0].0, clash)
        })
        .collect()
}

/// People, matched by name whatever its case or spacing and named in its
/// best spelling (see [`super::people`]), who pitched more than one session
/// in the same slot.
fn person_double_bookings(event: &Event, order: &[(&Id, &Session)]) -> Vec<(usize, Clash)> {
    type Group<'a> = (String, Vec<(usize, &'a Id)>);
    let mut groups: BTreeMap<(&Id, String), Group> = BTreeMap::new();
    let known = super::people::People::of_event(event);
    for (rank, (id, session)) in order.iter().enumerate() {
        if !event.slots.contains_key(&session.slot) {
            continue;
        }
        let people = session
            .pitches
            .iter()
            .filter_map(|p| event.pitches.get(p))
            .flat_map(|p| &p.pitched_by);
        for person in people {
            let name = person.name.trim();
            if name.is_empty() {
                continue;
            }
            let (_, sessions) = groups
                .entry((&session.slot, super::people::key(name)))
                .or_insert_with(|| (known.spelling(name), Vec::new()));
            // One person may pitch several of a session's merged pitches.
            if sessions.last().is_none_or(|(_, last)| last != id) {
                sessions.push((rank, id));
            }
        }
    }
    groups
        .into_iter()
        .filter(|(_, (_, sessions))| sessions.len() > 1)
        .map(|((slot, _), (person, sessions))| {
            let clash = Clash::PersonDoubleBooked {
                slot: slot.clone(),
                person,
                sessions: sessions.iter().map(|(_, id)| (*id).clone()).collect(),
            };
            (sessions[0].0, clash)
        })
        .collect()
}

#[cfg(test)]
mod tests;
