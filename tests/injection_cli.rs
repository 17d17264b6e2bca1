//! Terminal injection through the command line: an event whose every text
//! field holds escape sequences, BEL, backspaces, bidirectional overrides,
//! zero-width characters, C1 controls and very long words, written by a
//! device with such a label (as a hand-edited or remote file could be).
//! Whatever a command prints for a terminal (tables, lists, messages,
//! `check`) holds none of those characters; the write-up keeps its
//! structure when parsed back.

mod crash_kit;

use chrono::{DateTime, NaiveTime};
use crash_kit::{Home, clock};
use pulldown_cmark::{Event as Md, Parser, Tag};
use unconf::model::{
    Action, ActionStatus, Change, Decision, EventInfo, Note, NoteKind, Person, Pitch, Record, Room,
    Session, Slot, SlotKind,
};
use unconf::store::{Access, EventFolder, Identity};

/// Terminal tricks; every one must come out inert.
const TRICKS: [&str; 8] = [
    "\u{1b}[2J\u{1b}[Hcleared",
    "\u{1b}]0;pwned\u{7}title",
    "bell\u{7}\u{7}",
    "back\u{8}\u{8}\u{8}\u{8}spaced",
    "\u{202e}desrever\u{202c} and \u{2067}isolate\u{2069}",
    "zero\u{200b}width\u{feff}joiner\u{200d}",
    "c1\u{9b}31mred\u{85}",
    "cr\rreturn",
];

fn hostile(n: usize) -> String {
    let long = if n == 0 {
        "w".repeat(10_000)
    } else {
        String::new()
    };
    format!("{}{long} 漢字 🎉 #{n}", TRICKS[n % TRICKS.len()])
}

/// The characters that must never reach a terminal from user text.
fn dangerous(c: char) -> bool {
    (c.is_control() && c != '\n') || unconf::model::text::is_invisible_format(c)
}

fn build(home: &Home) -> std::path::PathBuf {
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
    let taken_at = DateTime::parse_from_rfc3339(crash_kit::NOW).expect("time");
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

fn assert_inert(what: &str, text: &str) {
    if let Some((at, c)) = text.char_indices().find(|(_, c)| dangerous(*c)) {
        let from = text.floor_char_boundary(at.saturating_sub(40));
        panic!(
            "{what} printed {c:?} at byte {at}: {:?}",
            &text[from..at + c.len_utf8()]
        );
    }
}

#[test]
fn every_command_prints_user_text_inert() {
    let home = Home::new();
    let dir = build(&home);
    let folder_name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .expect("a name")
        .to_string();
    let commands: Vec<Vec<&str>> = vec![
        vec![],
        vec!["list"],
        vec!["pitch", "list", &folder_name],
        vec!["actions", &folder_name],
        vec!["check", &folder_name],
        vec!["pitch", "list", &folder_name, "--format", "json"],
        // Refusals quote what was typed and what it could mean.
        vec![
            "schedule",
            &folder_name,
            "\u{1b}[2Jnothing",
            "--slot",
            "10:30",
            "--room",
            "x",
        ],
        vec![
            "schedule",
            &folder_name,
            "#",
            "--slot",
            "\u{1b}[2J",
            "--room",
            "x",
        ],
        vec!["note", "add", &folder_name, "漢字", "\u{1b}[2J"],
    ];
    for args in &commands {
        let output = home.command("reader", args).output().expect("runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        if args.contains(&"json") {
            // JSON carries the text exactly; controls come out escaped.
            assert!(
                !stdout.chars().any(|c| c.is_control() && c != '\n'),
                "{stdout}"
            );
            continue;
        }
        assert_inert(&format!("unconf {args:?} (stdout)"), &stdout);
        assert_inert(
            &format!("unconf {args:?} (stderr)"),
            &String::from_utf8_lossy(&output.stderr),
        );
    }
}

#[test]
fn a_broken_file_whose_name_and_text_are_hostile_is_reported_inert() {
    let home = Home::new();
    let dir = build(&home);
    let folder_name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .expect("a name")
        .to_string();
    std::fs::write(
        dir.join("\u{1b}[2Jevil\u{7}.ron"),
        "(format: \"\u{1b}]0;x\u{7}\")",
    )
    .expect("a hostile file");
    std::fs::write(
        dir.join("liar.ron"),
        "(format: \"\u{1b}[31mplanner\", version: 1, event: \"x\", device: \"d\")",
    )
    .expect("another");
    for args in [
        vec!["check", &folder_name],
        vec!["pitch", "list", &folder_name],
    ] {
        let output = home.command("reader", &args).output().expect("runs");
        assert_eq!(output.status.code(), Some(2));
        assert_inert(
            &format!("unconf {args:?} (stdout)"),
            &String::from_utf8_lossy(&output.stdout),
        );
        assert_inert(
            &format!("unconf {args:?} (stderr)"),
            &String::from_utf8_lossy(&output.stderr),
        );
    }
}

#[test]
fn the_write_up_keeps_its_structure() {
    let home = Home::new();
    let dir = build(&home);
    let folder_name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .expect("a name")
        .to_string();
    let output = home
        .command(
            "reader",
            &["export", &folder_name, "--with-notes", "--out", "-"],
        )
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8_lossy(&output.stdout);
    for event in Parser::new(&text) {
        match event {
            Md::Html(html) | Md::InlineHtml(html) => panic!("raw HTML in the write-up: {html}"),
            Md::Start(Tag::Link { dest_url, .. }) | Md::Start(Tag::Image { dest_url, .. }) => {
                assert!(
                    !dest_url.to_lowercase().contains("javascript:"),
                    "{dest_url}"
                );
            }
            _ => {}
        }
    }
    let reader = EventFolder::open(
        &dir,
        Identity::from_label("reader", "reader"),
        clock(),
        Access::Read,
    )
    .expect("opens");
    assert_eq!(reader.event().pitches.len(), 1);
}
