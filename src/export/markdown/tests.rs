//! The write-up read back the way a renderer reads it.

mod hostile;

use pulldown_cmark::{Event as Md, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::fixture::{self, Fixture};
use super::{WriteUpOptions, markdown};
use crate::model::{Event, Id, NoteKind, Session, SlotKind};

const WITH_NOTES: WriteUpOptions = WriteUpOptions {
    with_notes: true,
    public: false,
};

/// Every extension a publishing site might switch on, so that text which is
/// plain under all of them is plain wherever the write-up is pasted.
fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_MATH
        | Options::ENABLE_GFM
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_SUPERSCRIPT
        | Options::ENABLE_SUBSCRIPT
        | Options::ENABLE_WIKILINKS
}

/// What a renderer makes of a document, reduced to what the tests check.
#[derive(Debug, Default)]
pub struct Outline {
    pub headings: Vec<(HeadingLevel, String)>,
    /// The text of each table cell, row by row, the header row included.
    pub table_rows: Vec<Vec<String>>,
    /// The text of each bold or italic span.
    pub emphasis: Vec<String>,
    /// All text, one line per paragraph, heading, item or cell.
    pub text: String,
    /// Anything the write-up itself never writes: HTML, links, images,
    /// code, quotes, rules, ordered lists, footnotes, maths, task boxes.
    pub unexpected: Vec<String>,
}

impl Outline {
    pub fn column_counts(&self) -> Vec<usize> {
        self.table_rows.iter().map(Vec::len).collect()
    }
}

pub fn outline(document: &str) -> Outline {
    let mut found = Outline::default();
    let mut heading: Option<(HeadingLevel, String)> = None;
    let mut span: Option<String> = None;
    let mut cell: Option<String> = None;
    for event in Parser::new_ext(document, parser_options()) {
        let text = match &event {
            Md::Text(text) => Some(text.to_string()),
            Md::SoftBreak => Some(" ".to_string()),
            _ => None,
        };
        if let Some(text) = text {
            found.text.push_str(&text);
            heading.iter_mut().for_each(|h| h.1.push_str(&text));
            span.iter_mut().for_each(|s| s.push_str(&text));
            cell.iter_mut().for_each(|c| c.push_str(&text));
            continue;
        }
        match event {
            Md::Start(Tag::Heading {
                level,
                id: None,
                classes,
                attrs,
            }) if classes.is_empty() && attrs.is_empty() => heading = Some((level, String::new())),
            Md::End(TagEnd::Heading(_)) => {
                found.text.push('\n');
                found.headings.extend(heading.take());
            }
            Md::Start(Tag::Strong | Tag::Emphasis) => span = Some(String::new()),
            Md::End(TagEnd::Strong | TagEnd::Emphasis) => found.emphasis.extend(span.take()),
            Md::Start(Tag::TableHead | Tag::TableRow) => found.table_rows.push(Vec::new()),
            Md::Start(Tag::TableCell) => cell = Some(String::new()),
            Md::End(TagEnd::TableCell) => {
                found.text.push('\n');
                if let Some(row) = found.table_rows.last_mut() {
                    row.extend(cell.take());
                }
            }
            Md::End(TagEnd::Paragraph | TagEnd::Item) => found.text.push('\n'),
            Md::Start(Tag::Paragraph | Tag::List(None) | Tag::Item | Tag::Table(_)) => {}
            Md::End(_) => {}
            other => found.unexpected.push(format!("{other:?}")),
        }
    }
    found
}

#[test]
fn the_supplier_day_reads_like_the_article() {
    let event = fixture::supplier_day().event();
    insta::assert_snapshot!("supplier_day", markdown(&event, &WITH_NOTES));
}

#[test]
fn the_write_up_is_plain_markdown_with_the_expected_outline() {
    let event = fixture::supplier_day().event();
    let found = outline(&markdown(&event, &WITH_NOTES));
    assert!(found.unexpected.is_empty(), "{:?}", found.unexpected);
    let headings: Vec<_> = found
        .headings
        .iter()
        .map(|(l, t)| format!("{l} {t}"))
        .collect();
    assert_eq!(
        headings,
        [
            "h1 The supplier response to the Local Digital Declaration",
            "h2 At a glance",
            "h2 Programme",
            "h2 A vendor community",
            "h2 Standards for high-volume transactions",
            "h2 A vendor community (repeat)",
            "h2 Decisions and next steps",
            "h2 Pitches not scheduled",
            "h2 Appendix: full notes",
            "h3 Notes from A vendor community",
            "h3 Notes from A vendor community (repeat)",
        ]
    );
    assert_eq!(found.column_counts(), [4, 4, 4, 4, 4]);
}

/// Every piece of text the users typed reads back, rendered, exactly as
/// typed: the escaping kept its meaning and added nothing a reader sees.
#[test]
fn rendered_text_is_the_text_typed() {
    let mut day = fixture::supplier_day();
    let session = day.event().sessions_in_order()[0].0.clone();
    for (minute, text) in (40..).zip([
        "Tag it #wellbeing, snake_case_name, 2 < 3 > 1, a\\b, [name removed] & co",
        "Costs rose 5% (from £10) - see [the list]; *not* bold",
    ]) {
        day.note(&session, (10, minute), NoteKind::Point, text);
    }
    let event = day.event();
    for public in [false, true] {
        let document = markdown(&event, &WriteUpOptions::new(true, public));
        let found = outline(&document);
        assert!(found.unexpected.is_empty(), "{:?}", found.unexpected);
        assert!(
            document.contains("Tag it #wellbeing, snake_case_name, 2 < 3 > 1"),
            "no escapes where none are needed:\n{document}"
        );
        let shown = crate::export::view::shown(&event, public);
        for note in shown.notes.values() {
            let typed = crate::model::text::one_line(&note.text);
            assert!(found.text.contains(&typed), "{typed:?} in\n{}", found.text);
        }
        for (_, session) in shown.sessions_in_order() {
            for paragraph in session.summary.split("\n\n") {
                let typed = crate::model::text::one_line(paragraph);
                assert!(found.text.contains(&typed), "{typed:?}");
            }
        }
    }
}

#[test]
fn the_same_event_always_gives_the_same_bytes() {
    let day = fixture::supplier_day();
    let once = markdown(&day.event(), &WITH_NOTES);
    assert_eq!(once, markdown(&day.event(), &WITH_NOTES));
    assert_eq!(once, markdown(&day.event_reversed(), &WITH_NOTES));
}

#[test]
fn the_write_up_streamed_is_the_write_up_and_a_failing_sink_is_told() {
    /// Takes `room` bytes, then fails as a full disk does.
    struct Sink {
        taken: Vec<u8>,
        room: usize,
    }
    impl std::io::Write for Sink {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            if self.taken.len() + bytes.len() > self.room {
                return Err(std::io::ErrorKind::StorageFull.into());
            }
            self.taken.extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let event = fixture::supplier_day().event();
    let whole = markdown(&event, &WITH_NOTES);
    let mut roomy = Sink {
        taken: Vec::new(),
        room: usize::MAX,
    };
    super::write(&event, &WITH_NOTES, &mut roomy).expect("written");
    assert_eq!(String::from_utf8(roomy.taken).expect("UTF-8"), whole);
    let mut cramped = Sink {
        taken: Vec::new(),
        room: whole.len() / 2,
    };
    let failed = super::write(&event, &WITH_NOTES, &mut cramped);
    assert_eq!(
        failed.map_err(|e| e.kind()),
        Err(std::io::ErrorKind::StorageFull)
    );
    assert!(whole.starts_with(std::str::from_utf8(&cramped.taken).expect("UTF-8")));
}

#[test]
fn private_notes_are_only_in_the_appendix_and_marked() {
    let event = fixture::supplier_day().event();
    let secret = "Acme is struggling financially";
    assert!(!markdown(&event, &WriteUpOptions::default()).contains(secret));
    let full = markdown(&event, &WITH_NOTES);
    assert_eq!(full.matches(secret).count(), 1);
    assert!(full.contains("- 11:05am, point, Priya (private): Acme is struggling financially"));
}

#[test]
fn the_appendix_is_only_there_when_asked_for() {
    let event = fixture::supplier_day().event();
    let short = markdown(&event, &WriteUpOptions::default());
    assert!(!short.contains("## Appendix"));
    assert!(short.ends_with("- A pattern library (withdrawn)\n"));
}

#[test]
fn conflicting_records_are_flagged_where_they_appear() {
    let day = fixture::supplier_day();
    let mut event = day.event();
    let marker = "(conflicting versions: check before publishing)";
    assert!(!markdown(&event, &WITH_NOTES).contains("conflicting versions"));
    let room = (event.rooms.iter())
        .find(|(_, r)| r.name == "Library")
        .map(|(id, _)| id.clone());
    let decision = event.decisions.keys().next().cloned();
    let action = event.actions.keys().last().cloned();
    for id in [room, decision, action].into_iter().flatten() {
        event.set_conflict(&id, true);
    }
    let id = event.id.clone();
    event.set_conflict(&id, true);
    let document = markdown(&event, &WITH_NOTES);
    assert!(document.contains(&format!("| Library {marker} |")));
    assert!(document.contains(&format!("Library {marker}, Round 1")));
    assert!(document.contains(&format!("Organised by techUK and MHCLG. {marker}")));
    assert!(document.contains(&format!("- A vendor community — led by techUK {marker}")));
    assert!(document.contains(&format!("due 20 November 2018 {marker}")));
}

#[test]
fn a_conflicting_session_says_so_under_its_heading() {
    let mut event = fixture::supplier_day().event();
    if let Some(first) = event.sessions.keys().next().cloned() {
        event.set_conflict(&first, true);
    }
    let document = markdown(&event, &WriteUpOptions::default());
    assert!(document.contains(
        "## A vendor community\n\nConflicting versions of this session or its pitches: \
         check before publishing.\n\nMerged with: A supplier forum."
    ));
}

#[test]
fn an_empty_event_still_has_its_frame() {
    let event = Event::new(Id::new("event"));
    assert_eq!(
        markdown(&event, &WITH_NOTES),
        "# Untitled event\n\n## At a glance\n\n- 0 pitches\n- 0 sessions\n- 0 rooms\n\
         - 0 slots\n- 0 actions\n\n## Programme\n\nNo slots have been set up yet.\n\n\
         ## Appendix: full notes\n\nNo notes were taken.\n"
    );
}

#[test]
fn a_session_with_nothing_recorded_says_so_in_one_line() {
    let mut day = Fixture::new();
    let room = day.room("Room 1", 0);
    let slot = day.slot((9, 0), (9, 45), "", SlotKind::Breakout);
    let pitch = day.pitch("Quiet one", &[], 0);
    day.session(Session {
        pitches: vec![pitch],
        slot,
        room,
        ..Session::default()
    });
    let document = markdown(&day.event(), &WriteUpOptions::default());
    assert!(document.contains(
        "## Quiet one\n\nRoom 1, 9am to 9:45am.\n\nNothing was recorded for this session.\n"
    ));
}

#[test]
fn a_session_with_nothing_recorded_shows_what_was_pitched() {
    let mut day = Fixture::new();
    let room = day.room("Room 1", 0);
    let slot = day.slot((11, 30), (12, 0), "", SlotKind::Breakout);
    let pitch = day.pitch("Wellbeing", &[("jo bloggs", None)], 0);
    let merged = day.pitch("Staff health", &[("Jo Bloggs", None)], 0);
    day.pitch("Never ran", &[], 2);
    day.edit(&pitch, |record| {
        if let crate::model::Record::Pitch(p) = record {
            p.description = "How do we look after #wellbeing?".into();
        }
    });
    let into = pitch.clone();
    day.edit(&merged, |record| {
        if let crate::model::Record::Pitch(p) = record {
            p.merged_into = Some(into);
        }
    });
    day.session(Session {
        pitches: vec![pitch.clone(), merged.clone()],
        slot,
        room,
        ..Session::default()
    });
    let document = markdown(&day.event(), &WriteUpOptions::default());
    assert!(
        document.contains(
            "## Wellbeing\n\nMerged with: Staff health.\n\nPitched by Jo Bloggs. Room 1, 11:30am to midday.\n\n**The pitch:** How do we look after #wellbeing?\n"
        ),
        "{document}"
    );
    assert!(!document.contains("Nothing was recorded"), "{document}");
    let unscheduled = document
        .split("## Pitches not scheduled")
        .nth(1)
        .unwrap_or_default();
    assert!(unscheduled.contains("Never ran"), "{document}");
    assert!(
        !unscheduled.contains("Staff health"),
        "merged pitches ran: {document}"
    );
}

#[test]
fn key_points_are_rendered_by_kind() {
    let mut day = Fixture::new();
    let session = day.session(Session::default());
    for (minute, kind, text) in [
        (1, NoteKind::Question, "who owns it"),
        (2, NoteKind::Question, "why now?"),
        (3, NoteKind::Quote, "“as typed”"),
        (4, NoteKind::Action, "write it up — Sam by 2027-01-15"),
        (5, NoteKind::Point, "   "),
        (6, NoteKind::Decision, "meet again — Kim"),
    ] {
        day.note(&session, (10, minute), kind, text);
    }
    let document = markdown(&day.event(), &WriteUpOptions::default());
    assert!(
        document.contains(
            "## Untitled session\n\nNot yet placed in the programme.\n\n**Key points:**\n\n\
             - **Question:** who owns it?\n- **Question:** why now?\n- “as typed”\n\n\
             **Decisions:**\n\n- meet again — led by Kim\n\n\
             **Next steps:**\n\n- write it up — Sam, due 15 January 2027\n"
        ),
        "action and decision notes are the session's next steps and decisions: {document}"
    );
}
