//! Events for the write-up's tests, built the way the store builds them:
//! `Event::new` and one `apply` per record.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};

use crate::model::{
    Action, ActionStatus, Decision, Event, EventInfo, Id, Note, NoteKind, Person, Pitch, Record,
    Room, Session, Slot, SlotKind,
};

/// Records in the order they were made; ids sort in the same order, as
/// real ids do.
pub struct Fixture {
    pub event_id: Id,
    records: Vec<(Id, Record)>,
}

impl Fixture {
    pub fn new() -> Self {
        Fixture {
            event_id: Id::new("event"),
            records: Vec::new(),
        }
    }

    pub fn put(&mut self, record: Record) -> Id {
        let id = Id::new(format!("r{:04}", self.records.len()));
        self.records.push((id.clone(), record));
        id
    }

    pub fn info(&mut self, info: EventInfo) {
        self.records
            .push((self.event_id.clone(), Record::Event(info)));
    }

    pub fn room(&mut self, name: &str, position: i32) -> Id {
        self.put(Record::Room(Room {
            name: name.to_string(),
            capacity: None,
            position,
        }))
    }

    pub fn slot(&mut self, from: (u32, u32), to: (u32, u32), label: &str, kind: SlotKind) -> Id {
        self.put(Record::Slot(Slot {
            start: time(from),
            end: time(to),
            label: label.to_string(),
            kind,
        }))
    }

    pub fn pitch(&mut self, title: &str, by: &[(&str, Option<&str>)], interest: u32) -> Id {
        let pitched_by = by
            .iter()
            .map(|(name, organisation)| Person {
                name: name.to_string(),
                organisation: organisation.map(str::to_string),
            })
            .collect();
        self.put(Record::Pitch(Pitch {
            title: title.to_string(),
            pitched_by,
            interest,
            ..Pitch::default()
        }))
    }

    pub fn session(&mut self, session: Session) -> Id {
        self.put(Record::Session(session))
    }

    pub fn note(&mut self, session: &Id, at: (u32, u32), kind: NoteKind, text: &str) -> Id {
        self.put(Record::Note(note(session, at, kind, text)))
    }

    pub fn action(&mut self, action: Action) -> Id {
        self.put(Record::Action(action))
    }

    pub fn decision(&mut self, text: &str, lead: Option<&str>) -> Id {
        self.put(Record::Decision(Decision {
            text: text.to_string(),
            lead: lead.map(str::to_string),
        }))
    }

    /// Changes a record already made, as a later edit would.
    pub fn edit(&mut self, id: &Id, change: impl FnOnce(&mut Record)) {
        let record = self.records.iter_mut().find(|(i, _)| i == id);
        change(&mut record.expect("a record made earlier").1);
    }

    pub fn event(&self) -> Event {
        self.build(self.records.iter())
    }

    /// The same event with its records applied last to first, as another
    /// device might read them.
    pub fn event_reversed(&self) -> Event {
        self.build(self.records.iter().rev())
    }

    fn build<'a>(&self, records: impl Iterator<Item = &'a (Id, Record)>) -> Event {
        let mut event = Event::new(self.event_id.clone());
        for (id, record) in records {
            event.apply(id, Some(record.clone()));
        }
        event
    }
}

pub fn time((h, m): (u32, u32)) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("valid time")
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

pub fn note(session: &Id, at: (u32, u32), kind: NoteKind, text: &str) -> Note {
    let offset = FixedOffset::east_opt(3600).expect("valid offset");
    let taken_at: DateTime<FixedOffset> = date(2018, 10, 23)
        .and_time(time(at))
        .and_local_timezone(offset)
        .single()
        .expect("unambiguous time");
    Note {
        session: session.clone(),
        text: text.to_string(),
        kind,
        taken_at,
        author: "Priya".to_string(),
        private: false,
        status: crate::model::ActionStatus::Open,
    }
}

/// A day shaped like the seed article: a plenary of pitches, two rounds of
/// breakouts with a repeat in the afternoon, a merged pitch, an open and a
/// withdrawn one, notes of every kind, and the projects agreed at the end.
pub fn supplier_day() -> Fixture {
    let mut f = Fixture::new();
    f.info(EventInfo {
        name: "The supplier response to the Local Digital Declaration".into(),
        date: Some(date(2018, 10, 23)),
        venue: "techUK, 10 St Bride Street, London".into(),
        organisers: vec!["techUK".into(), "MHCLG".into()],
        description: "Suppliers large and small came together to shape their commitment \
                      to the Local Digital Declaration.\n\nWe pitched, discussed and agreed \
                      three starter projects."
            .into(),
        ..EventInfo::default()
    });
    let hall = f.room("Main hall", 0);
    let library = f.room("Library", 1);
    f.slot((10, 0), (10, 30), "Pitches", SlotKind::Plenary);
    let round1 = f.slot((10, 30), (11, 15), "Round 1", SlotKind::Breakout);
    f.slot((12, 0), (13, 0), "Lunch", SlotKind::Break);
    let round2 = f.slot((14, 0), (14, 45), "Round 2", SlotKind::Breakout);

    let by_carlos = [("Carlos Oliveira", Some("Shaping Cloud"))];
    let community = f.pitch("A vendor community", &by_carlos, 12);
    let standards = f.pitch(
        "Standards for high-volume transactions",
        &[("Sam", None)],
        8,
    );
    let forum = f.pitch("A supplier forum", &[("Jo", Some("Acme"))], 3);
    f.pitch("Responsible tech", &[("Ade", None)], 4);
    let library_pitch = f.pitch("A pattern library", &[], 0);
    f.edit(&forum, |r| {
        if let Record::Pitch(pitch) = r {
            pitch.merged_into = Some(community.clone());
        }
    });
    f.edit(&library_pitch, |r| {
        if let Record::Pitch(pitch) = r {
            pitch.withdrawn = true;
        }
    });

    let first = Session {
        pitches: vec![community.clone(), forum],
        slot: round1.clone(),
        room: hall.clone(),
        ..Session::default()
    };
    morning_session(&mut f, first);
    f.session(Session {
        pitches: vec![standards],
        slot: round1,
        room: library,
        ..Session::default()
    });
    let repeat = f.session(Session {
        pitches: vec![community],
        slot: round2,
        room: hall,
        attendees: Some(9),
        summary: "The afternoon group added responsible tech.".into(),
        ..Session::default()
    });
    f.note(
        &repeat,
        (14, 10),
        NoteKind::Point,
        "Include small suppliers",
    );
    closing_round(&mut f);
    f
}

/// The first session, with everything a note-taker can record.
fn morning_session(f: &mut Fixture, placed: Session) {
    let session = f.session(Session {
        facilitator: Some("Georgina".into()),
        note_taker: Some("Priya".into()),
        attendees: Some(14),
        summary: "There was appetite for a vendor community.\n\n\
                  It should learn from the buyer community."
            .into(),
        outcome: "techUK to sound out members.".into(),
        ..placed
    });
    let notes = [
        ((10, 32), NoteKind::Point, "Procurement is an enabler"),
        ((10, 40), NoteKind::Question, "Who would run it"),
        ((10, 45), NoteKind::Idea, "Start with a mailing list"),
        ((10, 50), NoteKind::Quote, "\"We are late to this\""),
        ((10, 55), NoteKind::Decision, "Pilot with five suppliers"),
        ((11, 0), NoteKind::Action, "Carlos to write to members"),
    ];
    for (at, kind, text) in notes {
        f.note(&session, at, kind, text);
    }
    let private = f.note(
        &session,
        (11, 5),
        NoteKind::Point,
        "Acme is struggling financially",
    );
    f.edit(&private, |r| {
        if let Record::Note(note) = r {
            note.private = true;
        }
    });
    f.action(Action {
        session: Some(session),
        text: "Write to techUK members".into(),
        owner: Some("Carlos".into()),
        due: Some(date(2018, 11, 2)),
        status: ActionStatus::Done,
    });
}

/// The projects agreed at the end of the day, and the follow-up workshop.
fn closing_round(f: &mut Fixture) {
    f.decision("A vendor community", Some("techUK"));
    f.decision("An interoperability charter", None);
    f.action(Action {
        text: "Co-design workshop at techUK".into(),
        owner: Some("Georgina Maratheftis".into()),
        due: Some(date(2018, 11, 20)),
        ..Action::default()
    });
}
