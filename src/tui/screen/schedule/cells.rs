//! The grid as the screen sees it: slots in time order down, rooms in their
//! order across, and the sessions in each cell. Built from the event when
//! needed (cheap: the event keeps the sessions by cell, worked out once
//! after each change), so it can never be stale.

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
    event: &'a Event,
}

impl<'a> Cells<'a> {
    pub fn of(event: &'a Event) -> Cells<'a> {
        Cells {
            slots: event.slots_in_order(),
            rooms: event.rooms_in_order(),
            event,
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

    /// Every session in a cell, in programme order; more than one is a
    /// double booking, which files merged from several laptops can hold.
    pub fn sessions(&self, pos: CellPos) -> &'a [Id] {
        match self.ids(pos) {
            Some((slot, room)) => self.event.sessions_in_cell(slot, room),
            None => &[],
        }
    }

    /// The session the cursor acts on in a cell: the first one.
    pub fn session(&self, pos: CellPos) -> Option<&'a Id> {
        self.sessions(pos).first()
    }

    /// Where a session is on the grid.
    pub fn find(&self, session: &Id) -> Option<CellPos> {
        let (slot, room) = self.event.cell_of(session)?;
        Some(CellPos {
            slot: self.slots.iter().position(|(id, _)| *id == slot)?,
            room: self.rooms.iter().position(|(id, _)| *id == room)?,
        })
    }

    /// Sessions whose slot or room is gone, so that they have no cell.
    pub fn off_grid(&self) -> usize {
        self.event.sessions_off_grid()
    }
}
