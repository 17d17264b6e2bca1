//! What the event keeps or works out for the screens must always equal what
//! a scan of its records gives, whatever order the changes came in.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

use super::*;
use crate::model::ops::fixture::Day;
use crate::model::rules;

/// The open pitches by a scan of every pitch, as they were found before the
/// event kept an index of them.
fn scanned_open(event: &Event) -> Vec<&Id> {
    let mut open: Vec<(&Id, u32)> = event
        .pitches
        .iter()
        .filter(|(id, _)| event.pitch_status(id) == PitchStatus::Open)
        .map(|(id, _)| (id, event.interest_of(id)))
        .collect();
    open.sort_by_key(|(_, interest)| std::cmp::Reverse(*interest));
    open.into_iter().map(|(id, _)| id).collect()
}

/// The index, the programme and the clashes equal those of an event built
/// afresh from the same records.
fn assert_consistent(event: &Event) {
    assert_eq!(
        event.open_pitches().collect::<Vec<_>>(),
        scanned_open(event)
    );
    for (index, id) in event.open_pitches().enumerate() {
        assert_eq!(event.open_position(id), Some((index, id)));
    }
    for id in event.pitches.keys() {
        let open = event.open_pitches().any(|o| o == id);
        assert_eq!(event.open_position(id).is_some(), open, "{id:?}");
    }
    let mut rebuilt = Event::new(event.id.clone());
    let ids = event
        .rooms
        .keys()
        .chain(event.slots.keys())
        .chain(event.pitches.keys())
        .chain(event.sessions.keys());
    for id in ids {
        rebuilt.apply(id, event.record(id));
    }
    let order = |e: &Event| -> Vec<Id> {
        e.sessions_in_order()
            .into_iter()
            .map(|(id, _)| id.clone())
            .collect()
    };
    assert_eq!(order(event), order(&rebuilt));
    assert_eq!(rules::clashes(event), rules::clashes(&rebuilt));
}

#[test]
fn open_pitches_programme_and_clashes_follow_every_change() {
    let mut day = Day::new();
    let f = &mut day.f;
    let a = f.pitch("Open data", &["Asha"]);
    let b = f.pitch("Open standards", &["Tom"]);
    let c = f.pitch("Skills", &["Asha"]);
    f.edit_pitch(&b, |p| p.interest = 9);
    assert_consistent(&f.event);
    let first = f.session(&[&a], &day.round1, &day.main_hall);
    assert_consistent(&f.event);
    let clash = f.session(&[&c], &day.round1, &day.library);
    assert!(
        !rules::clashes_kept(&f.event).is_empty(),
        "Asha is in two places"
    );
    assert_consistent(&f.event);
    f.edit_session(&clash, |s| s.slot = day.round2.clone());
    assert!(rules::clashes_kept(&f.event).is_empty(), "moved apart");
    assert_consistent(&f.event);
    f.edit_pitch(&b, |p| p.withdrawn = true);
    assert_consistent(&f.event);
    f.edit_pitch(&b, |p| p.withdrawn = false);
    f.edit_pitch(&c, |p| p.merged_into = Some(a.clone()));
    assert_consistent(&f.event);
    f.event.apply(&first, None);
    assert_consistent(&f.event);
    f.event.apply(&a, None);
    assert_consistent(&f.event);
}

#[test]
fn a_session_that_arrives_before_its_pitch_keeps_the_pitch_out_of_the_open_list() {
    let mut day = Day::new();
    let f = &mut day.f;
    let pitch = f.id();
    let session = f.id();
    let record = Record::Session(Session {
        pitches: vec![pitch.clone()],
        slot: day.round1.clone(),
        room: day.library.clone(),
        ..Session::default()
    });
    f.event.apply(&session, Some(record));
    let late = Pitch {
        title: "Late pitch".into(),
        ..Pitch::default()
    };
    f.event.apply(&pitch, Some(Record::Pitch(late)));
    assert_eq!(f.event.open_pitches().count(), 0);
    assert_consistent(&f.event);
}

#[test]
fn every_change_renews_the_stamp_and_clones_keep_it() {
    let mut day = Day::new();
    let before = day.f.event.stamp();
    let copy = day.f.event.clone();
    assert_eq!(copy.stamp(), before);
    day.f.pitch("Open data", &["Asha"]);
    assert_ne!(day.f.event.stamp(), before);
    assert_ne!(
        Event::new(Id::new("a")).stamp(),
        Event::new(Id::new("a")).stamp()
    );
}

#[test]
fn merged_pitches_add_their_interest_to_the_pitch_and_its_session_alike() {
    let mut day = Day::new();
    let f = &mut day.f;
    let a = f.pitch("Open data", &["Asha"]);
    let b = f.pitch("Data standards", &["Tom"]);
    let c = f.pitch("Shared registers", &["Kim"]);
    let other = f.pitch("Skills", &["Lee"]);
    f.edit_pitch(&a, |p| p.interest = 12);
    f.edit_pitch(&b, |p| p.interest = 3);
    f.edit_pitch(&c, |p| p.interest = 2);
    f.edit_pitch(&other, |p| p.interest = 14);
    f.edit_pitch(&b, |p| p.merged_into = Some(a.clone()));
    f.edit_pitch(&c, |p| p.merged_into = Some(b.clone()));
    assert_eq!(f.event.interest_of(&a), 17, "through b to c as well");
    assert_eq!(f.event.interest_of(&b), 5);
    let first: Vec<&Id> = f.event.open_pitches().collect();
    assert_eq!(first, vec![&a, &other], "17 hands rank above 14");
    assert_consistent(&f.event);
    f.edit_pitch(&c, |p| p.interest = 0);
    assert_eq!(f.event.interest_of(&a), 15);
    let order: Vec<&Id> = f.event.open_pitches().collect();
    assert_eq!(order, vec![&a, &other]);
    f.edit_pitch(&b, |p| p.interest = 0);
    let order: Vec<&Id> = f.event.open_pitches().collect();
    assert_eq!(order, vec![&other, &a], "12 hands now rank below 14");
    assert_consistent(&f.event);
    let session = f.session(&[&a, &b, &c], &day.round1, &day.library);
    let held = f.event.sessions[&session].clone();
    assert_eq!(f.event.session_interest(&held), f.event.interest_of(&a));
    f.edit_pitch(&c, |p| p.merged_into = None);
    assert_eq!(f.event.interest_of(&a), 12);
    assert_consistent(&f.event);
}
