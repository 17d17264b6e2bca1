//! The replica: edits cover only what their writer saw, fields merge on
//! their own, deletions never hide work added unseen, and a stale own file
//! is noticed.

use chrono::{DateTime, Utc};

use super::*;
use crate::model::{IdGen, Note, NoteKind, Pitch, Record, Session};

fn at(minute: i64) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-27T10:00:00+00:00")
        .map(|t| t.to_utc())
        .unwrap_or_default()
        + chrono::Duration::minutes(minute)
}

fn pitch(title: &str) -> Record {
    Record::Pitch(Pitch {
        title: title.into(),
        ..Pitch::default()
    })
}

fn laptop(label: &str, event: &Id) -> Replica {
    Replica::new(event.clone(), Identity::from_label(label, label), true)
}

fn event_id() -> Id {
    IdGen::new(b"event").make(1, 0)
}

fn title(replica: &Replica, id: &Id) -> String {
    replica
        .event()
        .pitches
        .get(id)
        .map(|p| p.title.clone())
        .unwrap_or_default()
}

fn put(replica: &mut Replica, id: &Id, record: Record, minute: i64) {
    replica
        .commit(vec![Change::put(id.clone(), record)], at(minute))
        .expect("committed");
}

fn share(from: &Replica, to: &mut Replica) {
    to.absorb(from.own_file(), Source::Other);
}

#[test]
fn a_commit_on_a_conflicted_field_covers_every_version_and_ends_it_after_a_merge() {
    let event = event_id();
    let mut sam = laptop("sam", &event);
    let id = sam.new_id(at(0));
    put(&mut sam, &id, pitch("Open data"), 0);
    let mut kim = laptop("kim", &event);
    share(&sam, &mut kim);
    put(&mut sam, &id, pitch("Open data now"), 1);
    put(&mut kim, &id, pitch("Open data for all"), 2);
    share(&kim, &mut sam);
    assert!(sam.event().is_conflicted(&id));

    put(&mut sam, &id, pitch("Open data, agreed"), 3);
    assert!(!sam.event().is_conflicted(&id));
    share(&sam, &mut kim);
    assert!(!kim.event().is_conflicted(&id));
    assert_eq!(title(&kim, &id), "Open data, agreed");
    assert_eq!(kim.merged().current(&id), sam.merged().current(&id));
}

#[test]
fn an_edit_begun_before_a_change_arrived_does_not_cover_it() {
    let event = event_id();
    let mut sam = laptop("sam", &event);
    let id = sam.new_id(at(0));
    put(&mut sam, &id, pitch("Open data"), 0);
    let mut kim = laptop("kim", &event);
    share(&sam, &mut kim);

    // Sam opens the form; Kim's title arrives while Sam types.
    let begun = sam.begin(&id);
    put(&mut kim, &id, pitch("Kim's title"), 1);
    share(&kim, &mut sam);
    assert_eq!(sam.changed_since(&begun, None).len(), 1, "the form is told");
    let written = sam
        .commit_edits(
            vec![Edit::begun(
                Change::put(id.clone(), pitch("Sam's title")),
                Some(&begun),
            )],
            at(2),
        )
        .expect("committed");
    assert_eq!(written.len(), 1);
    assert_eq!(written[0].unseen.len(), 1, "Sam is told Kim's is kept");
    assert!(sam.event().is_conflicted(&id));
    let conflict = sam.conflict(&id).expect("a conflict");
    assert_eq!(conflict.versions.len(), 2);
}

#[test]
fn edits_of_different_fields_on_two_laptops_merge_without_a_conflict() {
    let event = event_id();
    let mut sam = laptop("sam", &event);
    let id = sam.new_id(at(0));
    put(&mut sam, &id, Record::Session(Session::default()), 0);
    let mut kim = laptop("kim", &event);
    share(&sam, &mut kim);
    let summary = Record::Session(Session {
        summary: "Kim's summary".into(),
        ..Session::default()
    });
    let attendees = Record::Session(Session {
        attendees: Some(12),
        ..Session::default()
    });
    put(&mut kim, &id, summary, 1);
    put(&mut sam, &id, attendees, 1);
    share(&kim, &mut sam);
    share(&sam, &mut kim);
    for replica in [&sam, &kim] {
        let session = replica.event().sessions.get(&id).expect("the session");
        assert_eq!(session.summary, "Kim's summary");
        assert_eq!(session.attendees, Some(12));
        assert!(!replica.event().is_conflicted(&id));
    }
}

#[test]
fn undo_after_another_laptop_built_on_the_edit_keeps_their_change() {
    let event = event_id();
    let mut sam = laptop("sam", &event);
    let id = sam.new_id(at(0));
    put(&mut sam, &id, pitch("Open data"), 0);
    let written = sam
        .commit_edits(
            vec![Edit::now(Change::put(id.clone(), pitch("Sam's title")))],
            at(1),
        )
        .expect("committed");
    let mut kim = laptop("kim", &event);
    share(&sam, &mut kim);
    put(&mut kim, &id, pitch("Kim's, after Sam's"), 2);
    share(&kim, &mut sam);
    assert_eq!(title(&sam, &id), "Kim's, after Sam's");

    let undo = written
        .iter()
        .map(|w| Edit {
            id: w.version.id.clone(),
            record: w.before.clone(),
            begun: Some(Begun::after(&w.version)),
            fields: Some(w.version.fields),
        })
        .collect();
    sam.commit_edits(undo, at(3)).expect("undone");
    assert!(sam.event().is_conflicted(&id), "Kim's title is not lost");
}

#[test]
fn a_session_deleted_while_another_laptop_added_notes_stays_until_someone_decides() {
    let event = event_id();
    let mut sam = laptop("sam", &event);
    let session = sam.new_id(at(0));
    put(&mut sam, &session, Record::Session(Session::default()), 0);
    let mut kim = laptop("kim", &event);
    share(&sam, &mut kim);
    let note = kim.new_id(at(1));
    let taken_at = at(1).fixed_offset();
    put(
        &mut kim,
        &note,
        Record::Note(Note {
            session: session.clone(),
            text: "Kim's note".into(),
            kind: NoteKind::Point,
            taken_at,
            author: "kim".into(),
            private: false,
            status: crate::model::ActionStatus::Open,
        }),
        1,
    );
    sam.commit(vec![Change::delete(session.clone())], at(2))
        .expect("deleted");
    assert!(!sam.event().sessions.contains_key(&session));
    share(&kim, &mut sam);
    share(&sam, &mut kim);
    for replica in [&sam, &kim] {
        assert!(replica.event().sessions.contains_key(&session), "kept");
        assert!(replica.event().is_conflicted(&session));
        let conflict = replica.conflict(&session).expect("a conflict");
        assert_eq!(conflict.unseen_work, std::slice::from_ref(&note));
    }
    // Keeping the deletion, having seen the note, deletes both.
    let conflict = sam.conflict(&session).expect("a conflict");
    let deletion = conflict
        .versions
        .iter()
        .position(|v| v.deleted)
        .expect("the deletion is listed");
    let edits = conflict.keep(&sam, deletion, None);
    sam.commit_edits(edits, at(3)).expect("kept");
    assert!(!sam.event().sessions.contains_key(&session));
    assert!(!sam.event().notes.contains_key(&note));
    assert!(!sam.event().is_conflicted(&session));
}

#[test]
fn a_restored_own_file_is_noticed_and_new_edits_are_not_hidden() {
    let event = event_id();
    let mut sam = laptop("sam", &event);
    let id = sam.new_id(at(0));
    put(&mut sam, &id, pitch("Open data"), 0);
    let old_file = sam.own_file();
    put(&mut sam, &id, pitch("Sam's second title"), 1);
    let mut kim = laptop("kim", &event);
    share(&sam, &mut kim);
    put(&mut kim, &id, pitch("Kim's, after Sam's second"), 2);

    // Sam's laptop starts again from the old file.
    let mut restored = laptop("sam", &event);
    restored.absorb(old_file, Source::Own);
    share(&kim, &mut restored);
    let lag = restored.own_lag().expect("noticed");
    assert!(
        lag.missing,
        "Kim saw an edit of Sam's that no file here holds"
    );
    put(
        &mut restored,
        &id,
        pitch("Sam's title after the restore"),
        3,
    );
    assert!(
        restored.event().is_conflicted(&id)
            || title(&restored, &id) == "Sam's title after the restore",
        "the new edit is not hidden under Kim's older one"
    );
    // Sam's new title covers Kim's version, the last that named the lost
    // edit: nothing current refers to it any more.
    assert!(restored.own_lag().is_none());
}

#[test]
fn the_same_dot_with_other_content_is_a_conflict_a_commit_ends() {
    let event = event_id();
    let mut sam = laptop("sam", &event);
    let id = sam.new_id(at(0));
    put(&mut sam, &id, pitch("Skills"), 0);
    let mut copy = sam.own_file();
    copy.records[0].value = Some(pitch("Skills for all"));
    sam.absorb(copy, Source::Own);
    assert!(sam.event().is_conflicted(&id));
    let conflict = sam.conflict(&id).expect("a conflict");
    let edits = conflict.keep(&sam, 1, None);
    sam.commit_edits(edits, at(1)).expect("kept");
    assert!(!sam.event().is_conflicted(&id));
}

#[test]
fn a_file_holding_two_versions_of_a_new_record_brings_both_as_a_conflict() {
    let event = event_id();
    let mut sam = laptop("sam", &event);
    let id = sam.new_id(at(0));
    put(&mut sam, &id, pitch("Skills"), 0);
    let mut file = sam.own_file();
    let mut other = file.records[0].clone();
    other.value = Some(pitch("Skills for all"));
    file.records.push(other);
    let mut kim = laptop("kim", &event);
    assert_eq!(kim.absorb(file.clone(), Source::Other), 2);
    assert_eq!(kim.merged().current(&id).len(), 2);
    assert!(kim.event().is_conflicted(&id));
    assert!(kim.event().pitches.contains_key(&id));
    assert_eq!(
        kim.absorb(file, Source::Other),
        0,
        "nothing new the second time"
    );
}
