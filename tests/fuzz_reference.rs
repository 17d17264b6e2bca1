//! Fuzzing reference resolution (what users type to name a pitch, session,
//! slot, room or next step). An input is lines: `p:` pitch titles, `r:`
//! rooms, `s:HH:MM label` slots, `a:` next steps, `q:` queries and `k:` a
//! `--slot` for the session lookups. For any input nothing panics, and a
//! reference that resolves names a record of the kind asked for.

mod fuzz_kit;

use chrono::NaiveTime;
use fuzz_kit::{mutate_bytes, run};
use unconf::model::reference::{
    resolve_action, resolve_pitch, resolve_room, resolve_session, resolve_slot,
};
use unconf::model::{Action, Event, Id, IdGen, Pitch, Record, Room, Session, Slot, SlotKind};

const TOKENS: &[&str] = &[
    "\np:",
    "\nr:",
    "\ns:10:30 ",
    "\na:",
    "\nq:",
    "\nk:",
    "İ",
    "ß",
    "ﬁ",
    "\u{301}",
    "\u{202e}",
    "\u{1b}[2J",
    "01",
    "0000",
    ":",
    " ",
    "  ",
    "\t",
    "Open",
    "open data",
    "25:99",
    "9:30",
];

/// The event an input describes, and its queries and `--slot` values.
fn decode(bytes: &[u8]) -> (Event, Vec<String>, Vec<String>) {
    let text = String::from_utf8_lossy(bytes);
    let mut ids = IdGen::new(b"fuzz");
    let mut next = |n: u64| ids.make(1_800_000_000_000 + n, n);
    let mut event = Event::new(next(0));
    let (mut queries, mut slots_typed) = (Vec::new(), Vec::new());
    let (mut rooms, mut slots, mut pitches) = (Vec::new(), Vec::new(), Vec::new());
    for (n, line) in (1u64..).zip(text.lines()) {
        let id = next(n);
        let Some((kind, rest)) = line.split_once(':') else {
            continue;
        };
        let record = match kind {
            "p" => Some(Record::Pitch(Pitch {
                title: rest.into(),
                ..Pitch::default()
            })),
            "r" => Some(Record::Room(Room {
                name: rest.into(),
                capacity: None,
                position: 0,
            })),
            "s" => slot(rest),
            "a" => Some(Record::Action(Action {
                text: rest.into(),
                ..Action::default()
            })),
            "q" => {
                queries.push(rest.to_string());
                None
            }
            "k" => {
                slots_typed.push(rest.to_string());
                None
            }
            _ => None,
        };
        match &record {
            Some(Record::Pitch(_)) => pitches.push(id.clone()),
            Some(Record::Room(_)) => rooms.push(id.clone()),
            Some(Record::Slot(_)) => slots.push(id.clone()),
            _ => {}
        }
        if record.is_some() {
            event.apply(&id, record);
        }
    }
    add_sessions(&mut event, &pitches, &slots, &rooms);
    (event, queries, slots_typed)
}

fn slot(rest: &str) -> Option<Record> {
    let (time, label) = rest.split_once(' ').unwrap_or((rest, ""));
    let start = NaiveTime::parse_from_str(time, "%H:%M").ok()?;
    let end = start + chrono::Duration::minutes(45);
    Some(Record::Slot(Slot {
        start,
        end,
        label: label.into(),
        kind: SlotKind::Breakout,
    }))
}

/// One session per pitch, spread over the slots and rooms.
fn add_sessions(event: &mut Event, pitches: &[Id], slots: &[Id], rooms: &[Id]) {
    if slots.is_empty() || rooms.is_empty() {
        return;
    }
    for (n, pitch) in pitches.iter().enumerate() {
        let session = Session {
            pitches: vec![pitch.clone()],
            slot: slots[n % slots.len()].clone(),
            room: rooms[n % rooms.len()].clone(),
            ..Session::default()
        };
        let id = Id::new(format!("{}S{n}", pitch.as_str()));
        event.apply(&id, Some(Record::Session(session)));
    }
}

fn check(bytes: &[u8]) {
    let (event, queries, slots) = decode(bytes);
    for query in &queries {
        if let Ok(id) = resolve_pitch(&event, query) {
            assert!(
                event.pitches.contains_key(&id),
                "{query:?} gave a non-pitch"
            );
        }
        if let Ok(id) = resolve_room(&event, query) {
            assert!(event.rooms.contains_key(&id));
        }
        if let Ok(id) = resolve_slot(&event, query) {
            assert!(event.slots.contains_key(&id));
        }
        if let Ok(id) = resolve_action(&event, query) {
            assert!(event.actions.contains_key(&id));
        }
        for slot in std::iter::once(None).chain(slots.iter().map(|s| Some(s.as_str()))) {
            match resolve_session(&event, query, slot) {
                Ok(id) => assert!(event.sessions.contains_key(&id)),
                Err(error) => assert!(!error.to_string().is_empty()),
            }
        }
    }
}

#[test]
fn references_never_panic_and_name_the_right_kind() {
    let figures = run(
        "reference",
        3_000,
        |rng, seeds| mutate_bytes(rng, seeds, TOKENS),
        check,
    );
    println!("{figures}");
}
