use chrono::DateTime;

use std::path::PathBuf;

use super::*;
use crate::model::{Change, EventInfo, Pitch, Record};

fn clock(minute: u32) -> Clock {
    let text = format!("2026-11-27T11:{minute:02}:00+00:00");
    Clock::Fixed(DateTime::parse_from_rfc3339(&text).unwrap_or_default())
}

fn me(label: &str) -> Identity {
    Identity::from_label(label, label)
}

fn add(dir: &Path, who: &str, minute: u32, title: &str) {
    let mut folder = EventFolder::open(dir, me(who), clock(minute), Access::Write).expect("open");
    let id = folder.new_id();
    let pitch = Record::Pitch(Pitch {
        title: title.into(),
        ..Pitch::default()
    });
    folder.commit(vec![Change::put(id, pitch)]).expect("commit");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("dir");
    for entry in std::fs::read_dir(from).expect("read") {
        let entry = entry.expect("entry");
        if entry.file_type().expect("type").is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
        }
    }
}

fn event_of(dir: &Path) -> crate::model::Event {
    EventFolder::open(dir, me("reader"), clock(59), Access::Read)
        .expect("open")
        .event()
        .clone()
}

/// An event on the organiser's laptop and a copy taken to a breakout room,
/// each then edited apart.
fn two_copies(root: &Path) -> (PathBuf, PathBuf) {
    let info = EventInfo {
        name: "Day".into(),
        ..EventInfo::default()
    };
    let a = EventFolder::create(&root.join("a"), info, me("organiser"), clock(0))
        .expect("created")
        .dir()
        .to_path_buf();
    add(&a, "organiser", 1, "Before the copy");
    let b = root.join("b").join("day");
    copy_dir(&a, &b);
    add(&a, "organiser", 2, "Organiser, after the copy");
    add(&b, "taker", 3, "Taker, in the breakout");
    add(&b, "organiser", 4, "Organiser's laptop lent to the room");
    (a, b)
}

#[test]
fn merging_both_ways_gives_the_same_event_and_again_changes_nothing() {
    let root = tempfile::tempdir().expect("temp dir");
    let (a, b) = two_copies(root.path());
    let files_before = scan::candidates(&a).expect("list");
    let into_a = merge(&a, me("organiser"), clock(10), &b, false).expect("merge b into a");
    assert_eq!(into_a.new_records, 2, "{into_a:?}");
    assert_eq!(
        scan::candidates(&a).expect("list"),
        files_before,
        "only the own file is written: the taker's versions travel in it"
    );
    let into_b = merge(&b, me("taker"), clock(11), &a, false).expect("merge a into b");
    assert!(into_b.changed_anything(), "{into_b:?}");
    let (event_a, event_b) = (event_of(&a), event_of(&b));
    assert_eq!(event_a.pitches, event_b.pitches);
    assert_eq!(event_a.pitches.len(), 4);
    let again = merge(&a, me("organiser"), clock(12), &b, false).expect("again");
    assert!(!again.changed_anything(), "{again:?}");
    assert_eq!(again.new_records, 0);
}

#[test]
fn a_dry_run_reports_and_writes_nothing() {
    let root = tempfile::tempdir().expect("temp dir");
    let (a, b) = two_copies(root.path());
    let before: Vec<_> = scan::candidates(&a).expect("list");
    let report = merge(&a, me("organiser"), clock(10), &b, true).expect("dry run");
    assert_eq!(report.new_records, 2, "{report:?}");
    assert_eq!(scan::candidates(&a).expect("list"), before);
    assert_eq!(event_of(&a).pitches.len(), 2);
}

#[test]
fn a_packed_zip_merges_like_a_folder() {
    let root = tempfile::tempdir().expect("temp dir");
    let (a, b) = two_copies(root.path());
    let zip = root.path().join("day.zip");
    let packed = pack(&b, me("taker"), clock(20), &zip).expect("packed");
    assert_eq!(packed, 2);
    merge(&a, me("organiser"), clock(21), &zip, false).expect("merged");
    assert_eq!(event_of(&a).pitches.len(), 4);
}

#[test]
fn another_events_files_are_refused() {
    let root = tempfile::tempdir().expect("temp dir");
    let (a, _) = two_copies(root.path());
    let other = EventFolder::create(
        &root.path().join("c"),
        EventInfo {
            name: "Another day".into(),
            ..EventInfo::default()
        },
        me("organiser"),
        clock(30),
    )
    .expect("created")
    .dir()
    .to_path_buf();
    let refused = merge(&a, me("organiser"), clock(31), &other, false).expect_err("refused");
    assert!(
        refused.to_string().contains("belongs to another event"),
        "{refused}"
    );
}

#[test]
fn a_diverged_copy_is_kept_beside_and_not_duplicated() {
    let root = tempfile::tempdir().expect("temp dir");
    let (a, b) = two_copies(root.path());
    // The taker's laptop writes on in both copies (a restored copy, say).
    merge(&a, me("organiser"), clock(40), &b, false).expect("first merge");
    add(&a, "taker", 41, "Written into a's copy");
    add(&b, "taker", 42, "Written into b's copy");
    let files_before = scan::candidates(&a).expect("list");
    let report = merge(&a, me("organiser"), clock(43), &b, false).expect("second merge");
    assert_eq!(report.new_records, 1, "{report:?}");
    assert_eq!(scan::candidates(&a).expect("list"), files_before);
    let again = merge(&a, me("organiser"), clock(44), &b, false).expect("third merge");
    assert!(!again.changed_anything(), "{again:?}");
    let titles: Vec<String> = event_of(&a)
        .pitches
        .values()
        .map(|p| p.title.clone())
        .collect();
    assert!(titles.contains(&"Written into a's copy".to_string()));
    assert!(titles.contains(&"Written into b's copy".to_string()));
}

#[test]
fn zip_entry_paths_cannot_escape() {
    assert_eq!(safe_name("../../etc/passwd.ron"), "passwd.ron");
    assert_eq!(safe_name("a\\b\\C D.ron"), "c-d.ron");
}
