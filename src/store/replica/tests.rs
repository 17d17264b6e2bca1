//! Resolving a conflict is an ordinary commit: the new version covers every
//! current version of the record, whoever wrote them.

use chrono::{DateTime, Utc};

use super::*;
use crate::model::{IdGen, Pitch, Record};

fn at(minute: i64) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-27T10:00:00+00:00")
        .unwrap()
        .to_utc()
        + chrono::Duration::minutes(minute)
}

fn pitch(title: &str) -> Record {
    Record::Pitch(Pitch {
        title: title.into(),
        ..Pitch::default()
    })
}

fn laptop(label: &str, event: &Id) -> Replica {
    Replica::new(
        event.clone(),
        Identity::from_label(label, label),
        IdGen::new(label.as_bytes()),
        true,
    )
}

#[test]
fn a_commit_on_a_conflicted_record_covers_every_version_and_ends_it_after_a_merge() {
    let event = IdGen::new(b"event").make(1, 0);
    let mut sam = laptop("sam", &event);
    let id = sam.new_id(at(0));
    sam.commit(vec![Change::put(id.clone(), pitch("Open data"))], at(0))
        .unwrap();
    let mut kim = laptop("kim", &event);
    kim.absorb(sam.own_file());
    sam.commit(vec![Change::put(id.clone(), pitch("Open data now"))], at(1))
        .unwrap();
    kim.commit(
        vec![Change::put(id.clone(), pitch("Open data for all"))],
        at(2),
    )
    .unwrap();
    sam.absorb(kim.own_file());
    let before = sam.merged().current(&id).to_vec();
    assert_eq!(before.len(), 2);

    sam.commit(
        vec![Change::put(id.clone(), pitch("Open data for all"))],
        at(3),
    )
    .unwrap();
    let after = sam.merged().current(&id);
    assert_eq!(after.len(), 1);
    assert!(before.iter().all(|old| after[0].covers(old)));
    assert!(!sam.event().is_conflicted(&id));

    kim.absorb(sam.own_file());
    assert_eq!(kim.merged().current(&id), after);
    assert!(!kim.event().is_conflicted(&id));
}

#[test]
fn a_restored_backup_with_the_same_counter_is_a_conflict_a_commit_ends() {
    let event = IdGen::new(b"event").make(1, 0);
    let mut sam = laptop("sam", &event);
    let id = sam.new_id(at(0));
    sam.commit(vec![Change::put(id.clone(), pitch("Skills"))], at(0))
        .unwrap();
    // The same device, same counter, other content: a copied identity or a
    // backup restored after more edits were made.
    let mut copy = sam.own_file();
    copy.records[0].value = Some(pitch("Skills for all"));
    sam.absorb(copy);
    assert_eq!(sam.merged().current(&id).len(), 2);
    assert!(sam.event().is_conflicted(&id));

    sam.commit(
        vec![Change::put(id.clone(), pitch("Skills for all"))],
        at(1),
    )
    .unwrap();
    assert_eq!(sam.merged().current(&id).len(), 1);
    assert_eq!(sam.own_len(), 1, "the own file keeps one version of it");
    assert!(!sam.event().is_conflicted(&id));
}

#[test]
fn a_file_holding_two_versions_of_a_new_record_brings_both_as_a_conflict() {
    let event = IdGen::new(b"event").make(1, 0);
    let mut sam = laptop("sam", &event);
    let id = sam.new_id(at(0));
    sam.commit(vec![Change::put(id.clone(), pitch("Skills"))], at(0))
        .unwrap();
    // Two versions of one record that neither saw, in one file (a copied
    // identity folded into it), read by a laptop that knows neither.
    let mut file = sam.own_file();
    let mut other = file.records[0].clone();
    other.value = Some(pitch("Skills for all"));
    file.records.push(other);
    let mut kim = laptop("kim", &event);
    assert_eq!(kim.absorb(file.clone()), 2);
    assert_eq!(kim.merged().current(&id).len(), 2);
    assert!(kim.event().is_conflicted(&id));
    assert!(kim.event().pitches.contains_key(&id));
    assert_eq!(kim.absorb(file), 0, "nothing new the second time");
}
