//! A small event for the model's tests, built through `Event::apply` the way
//! the store builds a real one.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

use chrono::{DateTime, FixedOffset, NaiveTime};

use crate::model::{
    Change, Event, EventInfo, Id, IdGen, Note, NoteKind, Person, Pitch, Record, Room, Session,
    Slot, SlotKind,
};

pub fn time(hh_mm: &str) -> NaiveTime {
    NaiveTime::parse_from_str(hh_mm, "%H:%M").unwrap()
}

pub fn at(hh_mm: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("2026-11-27T{hh_mm}:00+00:00")).unwrap()
}

pub struct Fixture {
    pub event: Event,
    ids: IdGen,
    seq: u64,
}

impl Fixture {
    pub fn new() -> Self {
        let mut ids = IdGen::new(b"fixture");
        let mut event = Event::new(ids.make(1_700_000_000_000, 0));
        let info = EventInfo {
            name: "Supplier unconference".into(),
            ..EventInfo::default()
        };
        event.apply(&event.id.clone(), Some(Record::Event(info)));
        Fixture { event, ids, seq: 0 }
    }

    /// A fresh id, later than every id made before it.
    pub fn id(&mut self) -> Id {
        self.seq += 1;
        self.ids.make(1_700_000_000_000 + self.seq, self.seq)
    }

    pub fn put(&mut self, record: Record) -> Id {
        let id = self.id();
        self.event.apply(&id, Some(record));
        id
    }

    /// Applies what an op returned; panics with the op's message if it refused.
    pub fn apply(&mut self, changes: Result<Vec<Change>, crate::model::ops::OpError>) {
        for change in changes.unwrap_or_else(|e| panic!("op refused: {e}")) {
            self.event.apply(&change.id, change.record);
        }
    }

    pub fn room(&mut self, name: &str, capacity: Option<u32>) -> Id {
        self.put(Record::Room(Room {
            name: name.into(),
            capacity,
            position: 0,
        }))
    }

    pub fn slot(&mut self, start: &str, end: &str, label: &str, kind: SlotKind) -> Id {
        self.put(Record::Slot(Slot {
            start: time(start),
            end: time(end),
            label: label.into(),
            kind,
        }))
    }

    pub fn pitch(&mut self, title: &str, by: &[&str]) -> Id {
        self.put(Record::Pitch(Pitch {
            title: title.into(),
            pitched_by: by.iter().map(|name| Person::named(*name)).collect(),
            ..Pitch::default()
        }))
    }

    pub fn session(&mut self, pitches: &[&Id], slot: &Id, room: &Id) -> Id {
        self.put(Record::Session(Session {
            pitches: pitches.iter().map(|p| (*p).clone()).collect(),
            slot: slot.clone(),
            room: room.clone(),
            ..Session::default()
        }))
    }

    pub fn note(&mut self, session: &Id, text: &str) -> Id {
        self.put(Record::Note(Note {
            session: session.clone(),
            text: text.into(),
            kind: NoteKind::Point,
            taken_at: at("10:40"),
            author: "Ana".into(),
            private: false,
            status: crate::model::ActionStatus::Open,
        }))
    }

    pub fn edit_pitch(&mut self, id: &Id, change: impl FnOnce(&mut Pitch)) {
        let mut pitch = self.event.pitches[id].clone();
        change(&mut pitch);
        self.event.apply(id, Some(Record::Pitch(pitch)));
    }

    pub fn edit_session(&mut self, id: &Id, change: impl FnOnce(&mut Session)) {
        let mut session = self.event.sessions[id].clone();
        change(&mut session);
        self.event.apply(id, Some(Record::Session(session)));
    }
}

/// The usual day: two rooms, two rounds around lunch.
pub struct Day {
    pub f: Fixture,
    pub main_hall: Id,
    pub library: Id,
    pub round1: Id,
    pub lunch: Id,
    pub round2: Id,
}

impl Day {
    pub fn new() -> Self {
        let mut f = Fixture::new();
        let main_hall = f.room("Main hall", Some(50));
        let library = f.room("Library", Some(10));
        let round1 = f.slot("10:30", "11:15", "Round 1", SlotKind::Breakout);
        let lunch = f.slot("12:00", "13:00", "Lunch", SlotKind::Break);
        let round2 = f.slot("13:00", "13:45", "Round 2", SlotKind::Breakout);
        Day {
            f,
            main_hall,
            library,
            round1,
            lunch,
            round2,
        }
    }
}
