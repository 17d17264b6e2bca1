use chrono::DateTime;

use super::*;
use crate::model::reference::{resolve_pitch, resolve_session};
use crate::model::rules;
use crate::store::{Access, Clock, EventFolder};

const SMALL: Sizes = Sizes {
    pitches: 30,
    sessions: 12,
    notes: 240,
    devices: 4,
};

fn open(dir: &Path) -> EventFolder {
    let clock =
        Clock::Fixed(DateTime::parse_from_rfc3339("2026-11-27T18:00:00+00:00").expect("a time"));
    EventFolder::open(
        dir,
        Identity::from_label("reader", "Reader"),
        clock,
        Access::Read,
    )
    .expect("the generated event opens")
}

fn files_of(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|entry| {
            let entry = entry.expect("entry");
            (
                entry.file_name().to_string_lossy().into_owned(),
                std::fs::read(entry.path()).expect("read"),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn the_same_sizes_make_the_same_files_byte_for_byte() {
    let root = tempfile::tempdir().expect("temp dir");
    let (a, b) = (root.path().join("a"), root.path().join("b"));
    generate(&a, &SMALL).expect("first");
    generate(&b, &SMALL).expect("second");
    let (first, second) = (files_of(&a), files_of(&b));
    assert_eq!(first.len(), 4);
    assert!(first == second, "two runs differ");
}

#[test]
fn the_event_has_what_was_asked_for_and_loads_without_problems() {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path().join("event");
    let generated = generate(&dir, &SMALL).expect("generated");
    assert_eq!(generated.files, 4);
    let folder = open(&dir);
    let event = folder.event();
    assert!(folder.problems().is_empty(), "{:?}", folder.problems());
    assert_eq!(folder.files().len(), 4);
    assert_eq!(event.pitches.len(), 30);
    assert_eq!(event.sessions.len(), 12);
    assert_eq!(event.notes.len(), 240);
    assert!(event.conflicts.is_empty());
    assert!(
        rules::clashes(event).is_empty(),
        "{:?}",
        rules::clashes(event)
    );
    assert!(event.rooms.len() * event.slots.len() >= 12);
    for (id, _) in event.sessions_in_order() {
        assert_eq!(event.note_count(id), 20);
    }
    let text: String = event.notes.values().map(|n| n.text.as_str()).collect();
    assert!(!text.is_ascii(), "some notes carry non-ASCII text");
}

#[test]
fn notes_are_spread_over_the_note_takers_files() {
    let day = build(&SMALL).expect("built");
    let notes: Vec<usize> = day
        .files
        .iter()
        .map(|(_, file)| {
            file.records
                .iter()
                .filter(|r| matches!(r.value, Some(Record::Note(_))))
                .count()
        })
        .collect();
    assert_eq!(notes, vec![0, 80, 80, 80]);
}

#[test]
fn the_first_pitch_is_a_unique_reference_and_is_scheduled() {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path().join("event");
    generate(&dir, &SMALL).expect("generated");
    let folder = open(&dir);
    let event = folder.event();
    let pitch = resolve_pitch(event, "#0001").expect("one pitch");
    assert_eq!(event.pitches[&pitch].title, "Generated pitch #0001");
    assert_eq!(
        event.pitch_status(&pitch),
        crate::model::PitchStatus::Scheduled
    );
    let session = resolve_session(event, "#0001", None).expect("one session");
    assert_eq!(event.sessions[&session].pitches, vec![pitch]);
    assert!(event.pitches.values().any(|p| p.title.ends_with("#0030")));
}

#[test]
fn titles_are_padded_to_the_width_of_the_count() {
    let sizes = Sizes {
        pitches: 12_000,
        sessions: 1,
        notes: 0,
        devices: 1,
    };
    let day = build(&sizes).expect("built");
    let titles: Vec<&str> = day.files[0]
        .1
        .records
        .iter()
        .filter_map(|r| match &r.value {
            Some(Record::Pitch(p)) => Some(p.title.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(titles.first(), Some(&"Generated pitch #00001"));
    assert_eq!(titles.last(), Some(&"Generated pitch #12000"));
}

#[test]
fn a_folder_that_is_not_empty_is_refused() {
    let root = tempfile::tempdir().expect("temp dir");
    std::fs::write(root.path().join("notes.txt"), "keep me").expect("write");
    let error = generate(root.path(), &SMALL).expect_err("refused");
    assert!(error.to_string().contains("is not empty"), "{error}");
    assert_eq!(files_of(root.path()).len(), 1);
}

#[test]
fn impossible_sizes_are_refused_with_a_reason() {
    let sizes = Sizes {
        sessions: 40,
        ..SMALL
    };
    let error = build(&sizes).err().expect("refused");
    assert!(error.to_string().contains("cannot exceed"), "{error}");
    let sizes = Sizes {
        devices: 0,
        ..SMALL
    };
    assert!(build(&sizes).is_err());
}

#[test]
fn the_named_sizes_are_possible_and_each_ten_times_the_last() {
    for sizes in [Sizes::MEDIUM, Sizes::LARGE, Sizes::XL] {
        assert_eq!(sizes.check(), Ok(()), "{sizes:?}");
    }
    assert_eq!(Sizes::XL.pitches, 10 * Sizes::LARGE.pitches);
    assert_eq!(Sizes::XL.sessions, 10 * Sizes::LARGE.sessions);
    assert_eq!(Sizes::XL.notes, 10 * Sizes::LARGE.notes);
}
