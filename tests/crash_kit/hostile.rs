//! An event whose every text field holds terminal tricks (escape
//! sequences, BEL, backspaces, bidirectional overrides, zero-width and C1
//! characters), a 10,000-character word, emoji and CJK, written by a device
//! with such a label, as a hand-edited or remote file could hold them.

use chrono::{DateTime, NaiveTime};
use unconf::model::{
    Action, ActionStatus, Change, Decision, EventInfo, Note, NoteKind, Person, Pitch, Record, Room,
    Session, Slot, SlotKind,
};
use unconf::store::{EventFolder, Identity};

use super::{Home, clock};

/// Terminal tricks; every one must come out inert.
pub const TRICKS: [&str; 8] = [
    "\u{1b}[2J\u{1b}[Hcleared",
    "\u{1b}]0;pwned\u{7}title",
    "bell\u{7}\u{7}",
    "back\u{8}\u{8}\u{8}\u{8}spaced",
    "\u{202e}desrever\u{202c} and \u{2067}isolate\u{2069}",
    "zero\u{200b}width\u{feff}joiner\u{200d}",
    "c1\u{9b}31mred\u{85}",
    "cr\rreturn",
];

pub fn hostile(n: usize) -> String {
    let long = if n == 0 {
        "w".repeat(10_000)
    } else {
        String::new()
    };
    format!("{}{long} 漢字 🎉 #{n}", TRICKS[n % TRICKS.len()])
}

/// The characters that must never reach a terminal from user text.
pub fn dangerous(c: char) -> bool {
    (c.is_control() && c != '\n') || unconf::model::text::is_invisible_format(c)
}

pub fn build(home: &Home) -> std::path::PathBuf {
    let info = EventInfo {
        name: format!("Hostile day {}", hostile(1)),
        venue: hostile(2),
        organisers: vec![hostile(3)],
        description: hostile(4),
        ..EventInfo::default()
    };
    let me = Identity::from_label(&format!("evil {}", hostile(5)), &hostile(6));
    let mut folder = EventFolder::create(&home.sessions(), info, me, clock()).expect("created");
    let id = |folder: &mut EventFolder| folder.new_id();
    let (room, slot, pitch, session) = (
        id(&mut folder),
        id(&mut folder),
        id(&mut folder),
        id(&mut folder),
    );
    let start = NaiveTime::from_hms_opt(10, 30, 0).expect("time");
    let end = NaiveTime::from_hms_opt(11, 15, 0).expect("time");
    let taken_at = DateTime::parse_from_rfc3339(super::NOW).expect("time");
    let mut changes = vec![
        Change::put(
            room.clone(),
            Record::Room(Room {
                name: hostile(7),
                capacity: Some(3),
                position: 0,
            }),
        ),
        Change::put(
            slot.clone(),
            Record::Slot(Slot {
                start,
                end,
                label: hostile(8),
                kind: SlotKind::Breakout,
            }),
        ),
        Change::put(
            pitch.clone(),
            Record::Pitch(Pitch {
                title: hostile(9),
                pitched_by: vec![Person {
                    name: hostile(10),
                    organisation: Some(hostile(11)),
                }],
                description: hostile(12),
                tags: vec![hostile(13)],
                ..Pitch::default()
            }),
        ),
        Change::put(
            session.clone(),
            Record::Session(Session {
                pitches: vec![pitch],
                slot,
                room,
                facilitator: Some(hostile(14)),
                note_taker: Some(hostile(15)),
                summary: hostile(16),
                outcome: hostile(17),
                ..Session::default()
            }),
        ),
    ];
    let note = Note {
        session: session.clone(),
        text: hostile(18),
        kind: NoteKind::Point,
        taken_at,
        author: hostile(19),
        private: false,
        status: unconf::model::ActionStatus::Open,
    };
    let action = Action {
        session: Some(session),
        text: hostile(20),
        owner: Some(hostile(21)),
        due: None,
        status: ActionStatus::Open,
    };
    let decision = Decision {
        text: hostile(22),
        lead: Some(hostile(23)),
    };
    changes.push(Change::put(id(&mut folder), Record::Note(note)));
    changes.push(Change::put(id(&mut folder), Record::Action(action)));
    changes.push(Change::put(id(&mut folder), Record::Decision(decision)));
    folder.commit(changes).expect("saved");
    folder.dir().to_path_buf()
}
