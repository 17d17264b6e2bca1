#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

use proptest::prelude::*;

use super::*;
use crate::model::ops::fixture::{Day, Fixture};
use crate::model::ops::merge_pitches;
use crate::model::rules::{Clash, clashes};
use crate::model::{Action, PitchStatus};

#[test]
fn scheduling_a_pitch_makes_a_session_with_its_merged_pitches() {
    let mut d = Day::new();
    let keep = d.f.pitch("Open data", &[]);
    let other = d.f.pitch("Data standards", &[]);
    d.f.apply(merge_pitches(&d.f.event, &keep, &other));
    let id = d.f.id();
    d.f.apply(schedule(
        &d.f.event,
        id.clone(),
        &keep,
        &d.round1,
        &d.library,
    ));
    let session = &d.f.event.sessions[&id];
    assert_eq!(session.pitches, vec![keep.clone(), other.clone()]);
    assert_eq!((&session.slot, &session.room), (&d.round1, &d.library));
    assert_eq!(d.f.event.pitch_status(&keep), PitchStatus::Scheduled);
}

#[test]
fn a_withdrawn_or_merged_pitch_is_not_scheduled_and_the_refusal_names_the_root() {
    let mut d = Day::new();
    let keep = d.f.pitch("Open data", &[]);
    let other = d.f.pitch("Data standards", &[]);
    d.f.apply(merge_pitches(&d.f.event, &keep, &other));
    let e = &d.f.event;
    assert_eq!(
        schedule(e, Id::new("s"), &other, &d.round1, &d.library)
            .unwrap_err()
            .to_string(),
        "\"Data standards\" was merged into \"Open data\"; schedule \"Open data\" instead."
    );
    let gone = d.f.pitch("Gone", &[]);
    d.f.edit_pitch(&gone, |p| p.withdrawn = true);
    assert_eq!(
        schedule(&d.f.event, Id::new("s"), &gone, &d.round1, &d.library)
            .unwrap_err()
            .to_string(),
        "\"Gone\" was withdrawn; restore it before scheduling it."
    );
}

#[test]
fn a_room_in_use_is_refused_naming_the_session_there() {
    let mut d = Day::new();
    let a = d.f.pitch("Open data", &[]);
    let b = d.f.pitch("Skills", &[]);
    d.f.session(&[&a], &d.round1, &d.library);
    assert_eq!(
        schedule(&d.f.event, Id::new("s"), &b, &d.round1, &d.library)
            .unwrap_err()
            .to_string(),
        "Room \"Library\" already has \"Open data\" in Round 1 (10:30); pick another room or move that session first."
    );
}

#[test]
fn a_break_is_refused() {
    let mut d = Day::new();
    let a = d.f.pitch("A", &[]);
    assert_eq!(
        schedule(&d.f.event, Id::new("s"), &a, &d.lunch, &d.library)
            .unwrap_err()
            .to_string(),
        "Lunch (12:00) is a break; pick a breakout or plenary slot."
    );
}

#[test]
fn one_pitch_cannot_run_twice_in_one_slot() {
    let mut d = Day::new();
    let a = d.f.pitch("A", &[]);
    d.f.session(&[&a], &d.round1, &d.library);
    assert_eq!(
        schedule(&d.f.event, Id::new("s"), &a, &d.round1, &d.main_hall)
            .unwrap_err()
            .to_string(),
        "\"A\" already runs in Round 1 (10:30) in room \"Library\"; pick another slot."
    );
}

#[test]
fn missing_slots_rooms_and_pitches_are_named_in_the_refusal() {
    let mut d = Day::new();
    let a = d.f.pitch("A", &[]);
    let gone = Id::new("GONE");
    let e = &d.f.event;
    let what = |r: Result<Vec<Change>, OpError>| match r {
        Err(OpError::NotFound { what, .. }) => what,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        what(schedule(e, gone.clone(), &gone, &d.round1, &d.library)),
        "pitch"
    );
    assert_eq!(
        what(schedule(e, gone.clone(), &a, &gone, &d.library)),
        "slot"
    );
    assert_eq!(
        what(schedule(e, gone.clone(), &a, &d.round1, &gone)),
        "room"
    );
    assert_eq!(
        what(move_session(e, &gone, &d.round1, &d.library)),
        "session"
    );
}

#[test]
fn moving_keeps_notes_and_ignores_the_session_itself() {
    let mut d = Day::new();
    let a = d.f.pitch("A", &[]);
    let s = d.f.session(&[&a], &d.round1, &d.library);
    d.f.note(&s, "kept");
    assert_eq!(
        move_session(&d.f.event, &s, &d.round1, &d.library),
        Ok(vec![])
    );
    d.f.apply(move_session(&d.f.event, &s, &d.round1, &d.main_hall));
    d.f.apply(move_session(&d.f.event, &s, &d.round2, &d.main_hall));
    assert_eq!(
        (&d.f.event.sessions[&s].slot, &d.f.event.sessions[&s].room),
        (&d.round2, &d.main_hall)
    );
    assert_eq!(d.f.event.note_count(&s), 1);
}

#[test]
fn moving_applies_the_same_rules_as_scheduling() {
    let mut d = Day::new();
    let a = d.f.pitch("A", &[]);
    let b = d.f.pitch("B", &[]);
    let sa = d.f.session(&[&a], &d.round1, &d.library);
    d.f.session(&[&a], &d.round2, &d.library);
    d.f.session(&[&b], &d.round1, &d.main_hall);
    let e = &d.f.event;
    assert!(matches!(
        move_session(e, &sa, &d.round1, &d.main_hall),
        Err(OpError::RoomTaken { .. })
    ));
    assert!(matches!(
        move_session(e, &sa, &d.lunch, &d.main_hall),
        Err(OpError::BreakSlot { .. })
    ));
    assert!(matches!(
        move_session(e, &sa, &d.round2, &d.main_hall),
        Err(OpError::AlreadyInSlot { .. })
    ));
}

#[test]
fn swapping_exchanges_slot_and_room() {
    let mut d = Day::new();
    let a = d.f.pitch("A", &[]);
    let b = d.f.pitch("B", &[]);
    let sa = d.f.session(&[&a], &d.round1, &d.library);
    let sb = d.f.session(&[&b], &d.round2, &d.main_hall);
    d.f.apply(swap_sessions(&d.f.event, &sa, &sb));
    let e = &d.f.event;
    assert_eq!(
        (&e.sessions[&sa].slot, &e.sessions[&sa].room),
        (&d.round2, &d.main_hall)
    );
    assert_eq!(
        (&e.sessions[&sb].slot, &e.sessions[&sb].room),
        (&d.round1, &d.library)
    );
    assert_eq!(swap_sessions(e, &sa, &sa), Err(OpError::SwapWithSelf));
}

#[test]
fn swapping_refuses_to_put_a_pitch_twice_in_a_slot() {
    let mut d = Day::new();
    let a = d.f.pitch("A", &[]);
    let b = d.f.pitch("B", &[]);
    let sa = d.f.session(&[&a], &d.round1, &d.library);
    d.f.session(&[&a], &d.round2, &d.library);
    let sb = d.f.session(&[&b], &d.round2, &d.main_hall);
    assert!(matches!(
        swap_sessions(&d.f.event, &sa, &sb),
        Err(OpError::AlreadyInSlot { .. })
    ));
    // The two occurrences of one repeated pitch may trade places.
    let s2 = d.f.event.sessions_of_pitch(&a)[1].clone();
    assert_eq!(swap_sessions(&d.f.event, &sa, &s2).map(|c| c.len()), Ok(2));
}

#[test]
fn unscheduling_deletes_an_empty_session_and_refuses_one_with_notes() {
    let mut d = Day::new();
    let a = d.f.pitch("Open data", &[]);
    let s = d.f.session(&[&a], &d.round1, &d.library);
    assert_eq!(
        unschedule(&d.f.event, &s),
        Ok(vec![Change::delete(s.clone())])
    );
    d.f.note(&s, "one");
    d.f.note(&s, "two");
    d.f.put(Record::Action(Action {
        session: Some(s.clone()),
        text: "Write it up".into(),
        ..Action::default()
    }));
    assert_eq!(
        unschedule(&d.f.event, &s).unwrap_err().to_string(),
        "Session \"Open data\" in Round 1 (10:30) already has 2 notes and 1 action; move it instead of unscheduling it, or delete those first."
    );
}

#[test]
fn unscheduling_refuses_a_session_with_a_summary_or_a_headcount() {
    let mut d = Day::new();
    let a = d.f.pitch("Open data", &[]);
    let s = d.f.session(&[&a], &d.round1, &d.library);
    let mut session = d.f.event.sessions[&s].clone();
    session.summary = "What we found".into();
    session.attendees = Some(5);
    d.f.event.apply(&s, Some(Record::Session(session)));
    assert_eq!(
        unschedule(&d.f.event, &s).unwrap_err().to_string(),
        "Session \"Open data\" in Round 1 (10:30) already has a summary and a headcount; move it instead of unscheduling it, or delete those first."
    );
}

#[test]
fn a_repeat_copies_pitches_and_the_chatham_house_flag_only() {
    let mut d = Day::new();
    let a = d.f.pitch("A", &[]);
    let b = d.f.pitch("B", &[]);
    let s = d.f.session(&[&a, &b], &d.round1, &d.library);
    d.f.edit_session(&s, |s| {
        s.chatham_house = true;
        s.summary = "first time".into();
        s.attendees = Some(12);
    });
    let id = d.f.id();
    d.f.apply(repeat_session(
        &d.f.event,
        id.clone(),
        &s,
        &d.round2,
        &d.library,
    ));
    let repeat = &d.f.event.sessions[&id];
    assert_eq!(repeat.pitches, vec![a.clone(), b.clone()]);
    assert!(repeat.chatham_house);
    assert_eq!((repeat.summary.as_str(), repeat.attendees), ("", None));
    assert_eq!(d.f.event.repeat_of(&id), Some(&s));
    assert!(matches!(
        repeat_session(&d.f.event, Id::new("x"), &s, &d.round1, &d.main_hall),
        Err(OpError::AlreadyInSlot { .. })
    ));
}

#[derive(Clone, Debug)]
enum Step {
    Schedule(usize, usize, usize),
    Move(usize, usize, usize),
    Swap(usize, usize),
    Repeat(usize, usize, usize),
    Unschedule(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..4usize, 0..4usize, 0..3usize).prop_map(|(p, s, r)| Step::Schedule(p, s, r)),
        (0..8usize, 0..4usize, 0..3usize).prop_map(|(x, s, r)| Step::Move(x, s, r)),
        (0..8usize, 0..8usize).prop_map(|(a, b)| Step::Swap(a, b)),
        (0..8usize, 0..4usize, 0..3usize).prop_map(|(x, s, r)| Step::Repeat(x, s, r)),
        (0..8usize).prop_map(Step::Unschedule),
    ]
}

fn run(f: &mut Fixture, step: &Step, pitches: &[Id], slots: &[Id], rooms: &[Id]) {
    let sessions: Vec<Id> = f.event.sessions.keys().cloned().collect();
    let nth = |i: usize| {
        sessions
            .get(i % sessions.len().max(1))
            .cloned()
            .unwrap_or_default()
    };
    let new_id = f.id();
    let e = &f.event;
    let result = match step {
        Step::Schedule(p, s, r) => schedule(e, new_id, &pitches[*p], &slots[*s], &rooms[*r]),
        Step::Move(x, s, r) => move_session(e, &nth(*x), &slots[*s], &rooms[*r]),
        Step::Swap(a, b) => swap_sessions(e, &nth(*a), &nth(*b)),
        Step::Repeat(x, s, r) => repeat_session(e, new_id, &nth(*x), &slots[*s], &rooms[*r]),
        Step::Unschedule(x) => unschedule(e, &nth(*x)),
    };
    if let Ok(changes) = result {
        for change in changes {
            f.event.apply(&change.id, change.record);
        }
    }
}

proptest! {
    /// Whatever a facilitator tries, a schedule made only through these ops
    /// never double-books a room, uses a break, or runs a pitch twice at once.
    #[test]
    fn ops_never_make_a_placement_clash(steps in proptest::collection::vec(step(), 0..40)) {
        let mut f = Fixture::new();
        let pitches: Vec<Id> = ["A", "B", "C", "D"].iter().map(|t| f.pitch(t, &["Sam"])).collect();
        let slots = vec![
            f.slot("09:00", "10:00", "S1", SlotKind::Breakout),
            f.slot("10:00", "11:00", "Tea", SlotKind::Break),
            f.slot("11:00", "12:00", "S2", SlotKind::Breakout),
            f.slot("12:00", "13:00", "S3", SlotKind::Plenary),
        ];
        let rooms: Vec<Id> = ["R1", "R2", "R3"].iter().map(|n| f.room(n, None)).collect();
        for step in &steps {
            run(&mut f, step, &pitches, &slots, &rooms);
        }
        for clash in clashes(&f.event) {
            prop_assert!(matches!(clash, Clash::PersonDoubleBooked { .. }), "{clash:?}");
        }
        for slot in &slots {
            let mut seen: Vec<&Id> = f.event.sessions.values()
                .filter(|s| s.slot == *slot)
                .flat_map(|s| &s.pitches)
                .collect();
            let all = seen.len();
            seen.sort();
            seen.dedup();
            prop_assert_eq!(seen.len(), all);
        }
    }
}
