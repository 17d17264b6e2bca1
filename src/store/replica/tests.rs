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

/// One step of three laptops' day, for the property below.
#[derive(Clone, Debug)]
enum Step {
    Session(usize),
    Note(usize, usize, u8),
    Summary(usize, usize, u8),
    Retext(usize, usize, u8),
    DeleteSession(usize, usize),
    DeleteNote(usize, usize),
    Pitch(usize, u8),
    Share(usize, usize),
    /// A copy of a laptop's file as it is now (a backup, a sync tool's
    /// conflict copy), read later beside its newer file.
    Copy(usize),
}

fn arb_step() -> impl proptest::strategy::Strategy<Value = Step> {
    use proptest::prelude::*;
    let who = 0usize..3;
    let pick = 0usize..8;
    prop_oneof![
        who.clone().prop_map(Step::Session),
        (who.clone(), pick.clone(), any::<u8>()).prop_map(|(l, s, t)| Step::Note(l, s, t)),
        (who.clone(), pick.clone(), any::<u8>()).prop_map(|(l, s, t)| Step::Summary(l, s, t)),
        (who.clone(), pick.clone(), any::<u8>()).prop_map(|(l, n, t)| Step::Retext(l, n, t)),
        (who.clone(), pick.clone()).prop_map(|(l, s)| Step::DeleteSession(l, s)),
        (who.clone(), pick.clone()).prop_map(|(l, n)| Step::DeleteNote(l, n)),
        (who.clone(), any::<u8>()).prop_map(|(l, t)| Step::Pitch(l, t)),
        (who.clone(), who.clone()).prop_map(|(a, b)| Step::Share(a, b)),
        who.prop_map(Step::Copy),
    ]
}

/// The `n`th of `list`, counting round it; none while it is empty.
fn pick(list: &[Id], n: usize) -> Option<&Id> {
    list.get(n % list.len().max(1))
}

/// The device files three laptops leave after `steps`, with copies taken
/// on the way, each with whether it is one of the first laptop's.
fn files_after(steps: &[Step]) -> Vec<(DeviceFile, bool)> {
    let event = event_id();
    let mut laptops: Vec<Replica> = ["sam", "kim", "lee"]
        .iter()
        .map(|name| laptop(name, &event))
        .collect();
    let (mut sessions, mut notes): (Vec<Id>, Vec<Id>) = (Vec::new(), Vec::new());
    let mut copies = Vec::new();
    for (minute, step) in (1..).zip(steps) {
        let when = at(minute);
        match step {
            Step::Session(l) => {
                let id = laptops[*l].new_id(when);
                put(
                    &mut laptops[*l],
                    &id,
                    Record::Session(Session::default()),
                    minute,
                );
                sessions.push(id);
            }
            Step::Note(l, s, t) => {
                let Some(session) = pick(&sessions, *s) else {
                    continue;
                };
                let id = laptops[*l].new_id(when);
                let note = Note {
                    session: session.clone(),
                    text: format!("note {t}"),
                    kind: match t % 3 {
                        0 => NoteKind::Action,
                        1 => NoteKind::Decision,
                        _ => NoteKind::Point,
                    },
                    taken_at: at(i64::from(*t)).fixed_offset(),
                    author: "someone".into(),
                    private: false,
                    status: crate::model::ActionStatus::Open,
                };
                put(&mut laptops[*l], &id, Record::Note(note), minute);
                notes.push(id);
            }
            Step::Summary(l, s, t) => {
                let Some(id) = pick(&sessions, *s) else {
                    continue;
                };
                if let Some(Record::Session(mut session)) = laptops[*l].event().record(id) {
                    session.summary = format!("summary {t}");
                    put(&mut laptops[*l], id, Record::Session(session), minute);
                }
            }
            Step::Retext(l, n, t) => {
                let Some(id) = pick(&notes, *n) else {
                    continue;
                };
                if let Some(Record::Note(mut note)) = laptops[*l].event().record(id) {
                    note.text = format!("retold {t}");
                    put(&mut laptops[*l], id, Record::Note(note), minute);
                }
            }
            Step::DeleteSession(l, s) | Step::DeleteNote(l, s) => {
                let list = if matches!(step, Step::DeleteSession(..)) {
                    &sessions
                } else {
                    &notes
                };
                let Some(id) = pick(list, *s) else {
                    continue;
                };
                if laptops[*l].event().record(id).is_some() {
                    let deleted = laptops[*l].commit(vec![Change::delete(id.clone())], when);
                    deleted.expect("deleted");
                }
            }
            Step::Pitch(l, t) => {
                let id = laptops[*l].new_id(when);
                put(&mut laptops[*l], &id, pitch(&format!("Pitch {t}")), minute);
            }
            Step::Share(a, b) if a != b => {
                let file = laptops[*a].own_file();
                laptops[*b].absorb(file, Source::Other);
            }
            Step::Share(..) => {}
            Step::Copy(l) => copies.push((laptops[*l].own_file(), *l == 0)),
        }
    }
    let mut files: Vec<(DeviceFile, bool)> = (laptops.iter().enumerate())
        .map(|(l, replica)| (replica.own_file(), l == 0))
        .collect();
    files.extend(copies);
    files
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]

    /// Opening a folder merges every file and then settles the event once;
    /// the event, the versions and the own file are exactly what absorbing
    /// the files one by one gives, whoever reads them and in any order.
    #[test]
    fn settling_once_gives_what_absorbing_file_by_file_gives(
        steps in proptest::collection::vec(arb_step(), 1..40),
        order in proptest::collection::vec(proptest::prelude::any::<u32>(), 8),
        as_sam in proptest::prelude::any::<bool>(),
    ) {
        let mut files = files_after(&steps);
        // Any order: each file sorted by its random key.
        let mut keyed: Vec<(u32, (DeviceFile, bool))> = (files.drain(..).enumerate())
            .map(|(at, file)| (order[at % order.len()].wrapping_add(at as u32), file))
            .collect();
        keyed.sort_by_key(|(key, _)| *key);
        let reader = if as_sam { "sam" } else { "ann" };
        let mut one_by_one = laptop(reader, &event_id());
        let mut settled = laptop(reader, &event_id());
        for (_, (file, sams)) in keyed {
            let source = if as_sam && sams { Source::Own } else { Source::Other };
            settled.absorb_unsettled(file.clone().into_file_versions(), source);
            one_by_one.absorb(file, source);
        }
        settled.settle();
        proptest::prop_assert_eq!(settled.event(), one_by_one.event());
        proptest::prop_assert_eq!(settled.merged(), one_by_one.merged());
        proptest::prop_assert_eq!(settled.own(), one_by_one.own());
        let conflicts = |r: &Replica| r.conflicts().cloned().collect::<Vec<_>>();
        proptest::prop_assert_eq!(conflicts(&settled), conflicts(&one_by_one));
    }
}
