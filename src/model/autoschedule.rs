//! Auto-schedule: a first draft of the grid for the pitches still open, for
//! the facilitator to look at and then accept or discard.
//!
//! Pure and deterministic: the same event always gives the same proposal,
//! and no ids are made until the proposal is accepted
//! ([`Proposal::into_changes`]), so previewing costs nothing and a preview
//! can be recomputed to check that it still holds.
//!
//! The rules: pitches go most interest first, each to the largest free room;
//! only breakout slots are used; nobody who pitched is put in two places at
//! once (names matched trimmed, whatever their case); sessions already
//! placed are never touched, and no pitch is placed twice. A pitch that fits
//! nowhere is left out and counted in [`Proposal::unplaced`].

use std::collections::BTreeSet;

use super::{Change, Event, Id, Record, Session, SlotKind, ops};

/// One new session the proposal would add.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placement {
    pub pitch: Id,
    pub slot: Id,
    pub room: Id,
    /// The session as it would be written (with any pitches merged into
    /// `pitch`).
    pub session: Session,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Proposal {
    /// In the order they were chosen: most interest first.
    pub placements: Vec<Placement>,
    /// Open pitches that fitted nowhere, most interest first.
    pub unplaced: Vec<Id>,
}

impl Proposal {
    pub fn is_empty(&self) -> bool {
        self.placements.is_empty()
    }

    /// The proposed session in one cell of the grid.
    pub fn at(&self, slot: &Id, room: &Id) -> Option<&Placement> {
        self.placements
            .iter()
            .find(|p| p.slot == *slot && p.room == *room)
    }

    /// The sessions to write, each under a fresh id from `new_id`.
    pub fn into_changes(self, mut new_id: impl FnMut() -> Id) -> Vec<Change> {
        self.placements
            .into_iter()
            .map(|p| Change::put(new_id(), Record::Session(p.session)))
            .collect()
    }
}

/// Pitches that are neither scheduled, merged nor withdrawn: most interest
/// first, then in the order they were pitched (ids sort by creation time).
pub fn open_pitches(event: &Event) -> Vec<&Id> {
    event.open_pitches().collect()
}

/// A draft schedule for the open pitches; see the module documentation.
pub fn propose(event: &Event) -> Proposal {
    let cells = breakout_cells(event);
    // Earlier choices must be seen by later checks, so they are applied to a
    // working copy under ids that cannot clash with real ones.
    let mut draft = event.clone();
    let mut proposal = Proposal::default();
    for pitch in open_pitches(event) {
        let placeholder = unused_id(&draft, proposal.placements.len());
        let found = cells.iter().find_map(|(slot, room)| {
            let session = try_place(&draft, &placeholder, pitch, slot, room)?;
            Some(Placement {
                pitch: pitch.clone(),
                slot: slot.clone(),
                room: room.clone(),
                session,
            })
        });
        match found {
            Some(placement) => {
                let record = Record::Session(placement.session.clone());
                draft.apply(&placeholder, Some(record));
                proposal.placements.push(placement);
            }
            None => proposal.unplaced.push(pitch.clone()),
        }
    }
    proposal
}

/// Every (slot, room) of a breakout slot, in the order they are offered:
/// largest room first (rooms of unknown size last), then room order, then
/// time. Filling one room across the day before the next keeps the most
/// wanted sessions from running against each other.
fn breakout_cells(event: &Event) -> Vec<(Id, Id)> {
    let slots: Vec<&Id> = event
        .slots_in_order()
        .into_iter()
        .filter(|(_, s)| s.kind == SlotKind::Breakout)
        .map(|(id, _)| id)
        .collect();
    let mut rooms: Vec<(usize, &Id, Option<u32>)> = event
        .rooms_in_order()
        .into_iter()
        .enumerate()
        .map(|(rank, (id, room))| (rank, id, room.capacity))
        .collect();
    rooms.sort_by_key(|(rank, _, capacity)| {
        (capacity.is_none(), std::cmp::Reverse(*capacity), *rank)
    });
    rooms
        .into_iter()
        .flat_map(|(_, room, _)| {
            slots
                .iter()
                .map(move |slot| ((*slot).clone(), room.clone()))
        })
        .collect()
}

/// The session `pitch` would make in this cell, if the cell is free, the
/// schedule's own rules allow it, and none of its pitchers is elsewhere then.
fn try_place(draft: &Event, id: &Id, pitch: &Id, slot: &Id, room: &Id) -> Option<Session> {
    let changes = ops::schedule(draft, id.clone(), pitch, slot, room).ok()?;
    let session = changes.into_iter().find_map(|c| match c.record {
        Some(Record::Session(session)) => Some(session),
        _ => None,
    })?;
    let busy = people_in_slot(draft, slot);
    let free = draft
        .session_pitchers(&session)
        .iter()
        .all(|person| !busy.contains(&name_key(&person.name)));
    free.then_some(session)
}

/// Everyone pitching a session in `slot`, by [`name_key`].
fn people_in_slot(event: &Event, slot: &Id) -> BTreeSet<String> {
    event
        .sessions
        .values()
        .filter(|s| s.slot == *slot)
        .flat_map(|s| event.session_pitchers(s))
        .map(|p| name_key(&p.name))
        .filter(|name| !name.is_empty())
        .collect()
}

/// How two spellings of one person's name are matched, as the clash rules
/// match them.
fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// An id no record in `event` has, for a proposed session in the draft.
fn unused_id(event: &Event, n: usize) -> Id {
    (n..)
        .map(|k| Id::new(format!("proposed-{k}")))
        .find(|id| event.record(id).is_none())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
