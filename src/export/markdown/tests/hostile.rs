//! Whatever users type, the write-up keeps its shape and shows their text.

use proptest::prelude::*;

use super::super::fixture::{Fixture, date};
use super::{WITH_NOTES, outline};
use crate::export::markdown;
use crate::model::{Action, EventInfo, Id, NoteKind, Pitch, Record, Session, SlotKind, text};

/// Markdown, HTML and terminal tricks on one line.
const PAYLOAD: &str = "<script>alert(1)</script> <!-- c --> [a](javascript:alert(1)) ![i](x) \
                       | a | b | *** `tick` ``` <https://x> &amp; &#38; *em* __b__ ~~s~~ $m$ \
                       ^s^ [^1] [[wiki]] {#id} a\\ \u{1b}[2J\u{202e}end  ";

/// Block markers that only bite at the start of a line.
const LEADS: [&str; 16] = [
    "# x",
    "> quote",
    "1. list",
    "- item",
    "***",
    "```rust",
    "    indented",
    "<div>",
    "| a | b |",
    "===",
    "+ plus",
    "2) two",
    "[^1]: foot",
    ": definition",
    "<!-- -->",
    "[x]: /url",
];

/// Hands out hostile text, each piece starting with the next block marker,
/// and remembers it so the test can look for it in the output.
#[derive(Default)]
struct Hostile {
    given: Vec<String>,
}

impl Hostile {
    fn line(&mut self) -> String {
        let lead = LEADS[self.given.len() % LEADS.len()];
        let text = format!("{lead}\n{PAYLOAD}\n> quote\n1. list\n    code\n---\n");
        self.given.push(text.clone());
        text
    }

    fn paragraphs(&mut self) -> String {
        [self.line(), self.line(), self.line()].join("\n\n")
    }
}

/// What a reader should see for a piece of user text: the same characters,
/// on one line, without controls or invisible characters.
fn plain(raw: &str) -> String {
    let visible: String = raw
        .chars()
        .filter(|c| !c.is_control() || c.is_whitespace())
        .filter(|c| !text::is_invisible_format(*c))
        .collect();
    text::one_line(&visible)
}

/// A day where every text field is hostile: the event, rooms, slots, five
/// pitches (one merged, one open, one withdrawn), three sessions (the third a
/// repeat of the first), notes of every kind, actions and a decision.
struct HostileDay {
    day: Fixture,
    h: Hostile,
    titles: [String; 2],
    sessions: [Id; 3],
}

fn hostile_day() -> HostileDay {
    let mut h = Hostile::default();
    let mut day = Fixture::new();
    day.info(EventInfo {
        name: h.line(),
        date: Some(date(2018, 10, 23)),
        venue: h.line(),
        organisers: vec![h.line(), h.line()],
        description: h.paragraphs(),
        follows: Some(h.line()),
        time_zone: None,
        attendees: Some(45),
        url: String::new(),
    });
    let rooms = [day.room(&h.line(), 0), day.room(&h.line(), 1)];
    day.slot((10, 0), (10, 30), &h.line(), SlotKind::Plenary);
    let round = day.slot((10, 30), (11, 15), &h.line(), SlotKind::Breakout);
    day.slot((11, 15), (11, 30), &h.line(), SlotKind::Break);
    let later = day.slot((14, 0), (15, 0), &h.line(), SlotKind::Breakout);
    let titles = [h.line(), h.line()];
    let a = day.pitch(&titles[0], &[(&h.line(), Some(&h.line()))], 5);
    let merged = day.pitch(&h.line(), &[(&h.line(), None)], 2);
    let c = day.pitch(&titles[1], &[], 0);
    day.pitch(&h.line(), &[], 7);
    let withdrawn = day.pitch(&h.line(), &[], 1);
    edit_pitch(&mut day, &withdrawn, |p| p.withdrawn = true);
    edit_pitch(&mut day, &merged, |p| p.merged_into = Some(a.clone()));
    let placed = [
        (vec![a.clone(), merged], round.clone(), &rooms[0]),
        (vec![c], round, &rooms[1]),
        (vec![a], later, &rooms[0]),
    ];
    let sessions = placed.map(|(pitches, slot, room)| {
        day.session(Session {
            pitches,
            slot,
            room: room.clone(),
            facilitator: Some(h.line()),
            note_taker: Some(h.line()),
            attendees: Some(3),
            chatham_house: false,
            summary: h.paragraphs(),
            outcome: h.paragraphs(),
        })
    });
    notes_and_next_steps(&mut day, &mut h, &sessions);
    HostileDay {
        day,
        h,
        titles,
        sessions,
    }
}

fn edit_pitch(day: &mut Fixture, id: &Id, change: impl FnOnce(&mut Pitch)) {
    day.edit(id, |record| {
        if let Record::Pitch(pitch) = record {
            change(pitch);
        }
    });
}

/// A note of every kind in the first and third sessions (questions
/// private), a next step for the first session and one for the event, and a
/// decision.
fn notes_and_next_steps(day: &mut Fixture, h: &mut Hostile, sessions: &[Id; 3]) {
    for (minute, kind) in (31..).zip(NoteKind::ALL) {
        for session in [&sessions[0], &sessions[2]] {
            let note = day.note(session, (10, minute), kind, &h.line());
            let author = h.line();
            day.edit(&note, |record| {
                if let Record::Note(note) = record {
                    note.author = author;
                    note.private = kind == NoteKind::Question;
                }
            });
        }
    }
    for session in [Some(sessions[0].clone()), None] {
        day.action(Action {
            session,
            text: h.line(),
            owner: Some(h.line()),
            due: Some(date(2018, 11, 20)),
            ..Action::default()
        });
    }
    day.decision(&h.line(), Some(&h.line()));
}

/// Golden copies of the hostile day's write-ups, internal and public (with
/// its second session under the Chatham House Rule), so that any change to
/// what survives of hostile text is seen and reviewed.
#[test]
fn the_hostile_day_write_ups_match_their_snapshots() {
    let HostileDay {
        mut day, sessions, ..
    } = hostile_day();
    day.edit(&sessions[1], |record| {
        if let Record::Session(session) = record {
            session.chatham_house = true;
        }
    });
    let event = day.event();
    insta::assert_snapshot!("hostile_internal", markdown(&event, &WITH_NOTES));
    let public = crate::export::WriteUpOptions::new(true, true);
    insta::assert_snapshot!("hostile_public", markdown(&event, &public));
}

/// The bold and italic labels the write-up writes itself.
const LABELS: [&str; 11] = [
    "Key points:",
    "Decisions:",
    "Outcome:",
    "Next steps:",
    "Question:",
    "Idea:",
    "Decision:",
    "Action:",
    "Agreed to take forward:",
    "Whole group",
    "Break",
];

#[test]
fn hostile_text_everywhere_stays_literal_text() {
    let HostileDay {
        day,
        h,
        titles,
        sessions,
    } = hostile_day();
    let mut event = day.event();
    event.set_conflict(&sessions[1], true);
    let document = markdown(&event, &WITH_NOTES);
    let found = outline(&document);

    assert!(found.unexpected.is_empty(), "{:#?}", found.unexpected);
    let [a, c] = titles.map(|t| plain(&t));
    let expected_headings = [
        (1, plain(&h.given[0])),
        (2, "At a glance".to_string()),
        (2, "Programme".to_string()),
        (2, a.clone()),
        (2, c.clone()),
        (2, format!("{a} (repeat)")),
        (2, "Decisions and next steps".to_string()),
        (2, "Pitches not scheduled".to_string()),
        (2, "Appendix: full notes".to_string()),
        (3, format!("Notes from {a}")),
        (3, format!("Notes from {a} (repeat)")),
    ];
    let headings: Vec<_> = (found.headings.iter())
        .map(|(level, text)| (*level as usize, text.clone()))
        .collect();
    assert_eq!(headings, expected_headings);
    assert_eq!(
        found.column_counts(),
        [4; 5],
        "header and four slots, four columns"
    );
    let round = &found.table_rows[2];
    assert_eq!(round[2..], [a.clone(), c.clone()]);
    assert_eq!(found.table_rows[4][2], format!("{a} (repeat)"));
    for span in &found.emphasis {
        assert!(
            LABELS.contains(&span.as_str()),
            "user text made emphasis: {span}"
        );
    }
    for given in &h.given {
        assert!(
            found.text.contains(&plain(given)),
            "lost: {given:?}\n{document}"
        );
    }
    let text = &found.text;
    assert!(text.contains("<script>alert(1)</script> <!-- c --> [a](javascript:alert(1))"));
    assert!(text.contains("![i](x) | a | b | *** `tick` ``` <https://x> &amp; &#38;"));
}

/// Fragments that mean something to a Markdown or HTML renderer.
const TOKENS: &[&str] = &[
    "# ",
    "> ",
    "1. ",
    "2) ",
    "- ",
    "+ ",
    "* ",
    "```",
    "~~~",
    "<a>",
    "</a>",
    "<!--",
    "-->",
    "<https://x>",
    "[",
    "](",
    "](javascript:x)",
    ")",
    "![",
    "&amp;",
    "&#38;",
    "&",
    "*",
    "**",
    "_",
    "|",
    "\n",
    "\n\n",
    "    ",
    "\t",
    "\\",
    "`",
    "===",
    "---",
    "[^1]",
    "{#i}",
    "$",
    "^",
    ": ",
    "~",
    "x",
    " ",
    "\u{0}",
    "\u{1b}",
    "\r",
];

fn title() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(prop::sample::select(TOKENS), 0..12).prop_map(|t| t.concat()),
        r"[\-#>*_`\\\[\]()<>!&|~=+.:;^${}0-9a-z \n\t]{0,40}",
    ]
}

proptest! {
    #[test]
    fn no_pitch_title_changes_the_outline(title in title()) {
        let mut day = Fixture::new();
        let room = day.room("Room 1", 0);
        let slot = day.slot((10, 0), (11, 0), "Round 1", SlotKind::Breakout);
        let pitch = day.pitch(&title, &[], 1);
        let pitches = vec![pitch];
        let session = day.session(Session { pitches, slot, room, ..Session::default() });
        day.pitch(&title, &[], 1);
        day.note(&session, (10, 5), NoteKind::Point, &title);
        let found = outline(&markdown(&day.event(), &WITH_NOTES));

        prop_assert!(found.unexpected.is_empty(), "{:?}", found.unexpected);
        let shown = match plain(&title) {
            t if t.is_empty() => "Untitled session".to_string(),
            t => t,
        };
        // Headings drop the trailing punctuation linters reject.
        let mut heading = plain(&title);
        while let Some(t) = heading.strip_suffix(['.', ',', ';', ':', '!', '。', '，', '；', '：', '！']) {
            heading = t.trim_end().to_string();
        }
        if heading.is_empty() {
            heading = "Untitled session".to_string();
        }
        let levels: Vec<_> = found.headings.iter().map(|(l, _)| *l as usize).collect();
        prop_assert_eq!(levels, [1, 2, 2, 2, 2, 2, 3]);
        prop_assert_eq!(&found.headings[3].1, &heading);
        prop_assert_eq!(found.column_counts(), [3, 3]);
        prop_assert_eq!(&found.table_rows[1][2], &shown);
        prop_assert!(found.emphasis.iter().all(|e| e == "Key points:"), "{:?}", found.emphasis);
    }
}
