//! The grid as the screen sees it: slots in time order down, rooms in their
//! order across, and the sessions in each cell. Built from the event when
//! needed (cheap: one pass over the sessions), so it can never be stale.

use std::collections::BTreeMap;

use crate::model::{Event, Id, Room, Slot};

/// A cell of the grid, by the index of its slot and room.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct CellPos {
    pub slot: usize,
    pub room: usize,
}

pub struct Cells<'a> {
    pub slots: Vec<(&'a Id, &'a Slot)>,
    pub rooms: Vec<(&'a Id, &'a Room)>,
    /// Sessions of each (slot, room) in programme order; more than one is a
    /// double booking, which files merged from several laptops can hold.
    by_cell: BTreeMap<(&'a Id, &'a Id), Vec<&'a Id>>,
}

impl<'a> Cells<'a> {
    pub fn of(event: &'a Event) -> Cells<'a> {
        let mut by_cell: BTreeMap<(&Id, &Id), Vec<&Id>> = BTreeMap::new();
        for (id, session) in event.sessions_in_order() {
            by_cell
                .entry((&session.slot, &session.room))
                .or_default()
                .push(id);
        }
        Cells {
            slots: event.slots_in_order(),
            rooms: event.rooms_in_order(),
            by_cell,
        }
    }

    /// True when there is no cell at all (no slots or no rooms yet).
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty() || self.rooms.is_empty()
    }

    /// The nearest cell that exists (slots or rooms may have gone).
    pub fn clamp(&self, pos: CellPos) -> CellPos {
        CellPos {
            slot: pos.slot.min(self.slots.len().saturating_sub(1)),
            room: pos.room.min(self.rooms.len().saturating_sub(1)),
        }
    }

    /// The slot and room ids of a cell.
    pub fn ids(&self, pos: CellPos) -> Option<(&'a Id, &'a Id)> {
        let (slot, _) = self.slots.get(pos.slot)?;
        let (room, _) = self.rooms.get(pos.room)?;
        Some((slot, room))
    }

    pub fn slot(&self, pos: CellPos) -> Option<&'a Slot> {
        self.slots.get(pos.slot).map(|(_, s)| *s)
    }

    pub fn room(&self, pos: CellPos) -> Option<&'a Room> {
        self.rooms.get(pos.room).map(|(_, r)| *r)
    }

    /// Every session in a cell, in programme order.
    pub fn sessions(&self, pos: CellPos) -> &[&'a Id] {
        self.ids(pos)
            .and_then(|key| self.by_cell.get(&key))
            .map_or(&[], Vec::as_slice)
    }

    /// The session the cursor acts on in a cell: the first one.
    pub fn session(&self, pos: CellPos) -> Option<&'a Id> {
        self.sessions(pos).first().copied()
    }

    /// Where a session is on the grid.
    pub fn find(&self, session: &Id) -> Option<CellPos> {
        let (&(slot, room), _) = self
            .by_cell
            .iter()
            .find(|(_, ids)| ids.contains(&session))?;
        Some(CellPos {
            slot: self.slots.iter().position(|(id, _)| *id == slot)?,
            room: self.rooms.iter().position(|(id, _)| *id == room)?,
        })
    }

    /// Sessions whose slot or room is gone, so that they have no cell.
    pub fn off_grid(&self) -> usize {
        self.by_cell
            .iter()
            .filter(|((slot, room), _)| {
                !self.slots.iter().any(|(id, _)| id == slot)
                    || !self.rooms.iter().any(|(id, _)| id == room)
            })
            .map(|(_, ids)| ids.len())
            .sum()
    }
}
