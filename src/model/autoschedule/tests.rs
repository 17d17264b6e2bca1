#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

use std::collections::BTreeSet;

use proptest::prelude::*;

use super::*;
use crate::model::ops::fixture::{Day, Fixture};
use crate::model::ops::merge_pitches;
use crate::model::rules::{Clash, clashes};

fn with_interest(f: &mut Fixture, title: &str, by: &[&str], interest: u32) -> Id {
    let id = f.pitch(title, by);
    f.edit_pitch(&id, |p| p.interest = interest);
    id
}

fn cell(p: &Placement) -> (&Id, &Id) {
    (&p.slot, &p.room)
}

#[test]
fn the_most_wanted_pitches_get_the_largest_room_across_the_day() {
    let mut d = Day::new();
    let small = with_interest(&mut d.f, "Small", &["Ana"], 2);
    let big = with_interest(&mut d.f, "Big", &["Bo"], 30);
    let mid = with_interest(&mut d.f, "Mid", &["Cy"], 12);
    let p = propose(&d.f.event);
    let order: Vec<&Id> = p.placements.iter().map(|p| &p.pitch).collect();
    assert_eq!(order, vec![&big, &mid, &small]);
    assert_eq!(cell(&p.placements[0]), (&d.round1, &d.main_hall));
    assert_eq!(cell(&p.placements[1]), (&d.round2, &d.main_hall));
    assert_eq!(cell(&p.placements[2]), (&d.round1, &d.library));
    assert!(p.unplaced.is_empty());
}

#[test]
fn breaks_and_plenaries_are_never_used() {
    let mut f = Fixture::new();
    let room = f.room("Hall", None);
    f.slot("09:00", "09:30", "Welcome", SlotKind::Plenary);
    f.slot("10:00", "10:30", "Tea", SlotKind::Break);
    let a = f.pitch("A", &[]);
    let p = propose(&f.event);
    assert!(p.is_empty());
    assert_eq!(p.unplaced, vec![a]);
    let round = f.slot("11:00", "12:00", "Round", SlotKind::Breakout);
    let p = propose(&f.event);
    assert_eq!(cell(&p.placements[0]), (&round, &room));
}

#[test]
fn a_pitcher_is_never_put_in_two_places_at_once_whatever_the_case_of_their_name() {
    let mut d = Day::new();
    let a = with_interest(&mut d.f, "A", &["Sam Smith"], 9);
    let b = with_interest(&mut d.f, "B", &[" sam smith"], 8);
    let c = with_interest(&mut d.f, "C", &["SAM SMITH "], 7);
    let p = propose(&d.f.event);
    let slots: BTreeSet<&Id> = p.placements.iter().map(|p| &p.slot).collect();
    assert_eq!(slots.len(), 2, "two rounds, so only two of the three fit");
    assert_eq!(p.unplaced, vec![c]);
    assert_eq!(p.placements[0].pitch, a);
    assert_eq!(p.placements[1].pitch, b);
}

#[test]
fn existing_sessions_stay_and_their_cells_and_people_are_respected() {
    let mut d = Day::new();
    let placed = d.f.pitch("Placed", &["Kim"]);
    let existing = d.f.session(&[&placed], &d.round1, &d.main_hall);
    let before = d.f.event.sessions[&existing].clone();
    let kims = with_interest(&mut d.f, "Kim's other idea", &["kim"], 20);
    let p = propose(&d.f.event);
    assert_eq!(p.placements.len(), 1);
    assert_eq!(p.placements[0].pitch, kims);
    assert_eq!(cell(&p.placements[0]), (&d.round2, &d.main_hall));
    let changes = p.into_changes({
        let mut n = 0;
        move || {
            n += 1;
            Id::new(format!("new-{n}"))
        }
    });
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].id, Id::new("new-1"));
    assert_eq!(d.f.event.sessions[&existing], before);
}

#[test]
fn merged_pitches_run_inside_their_root_and_withdrawn_ones_are_left_alone() {
    let mut d = Day::new();
    let keep = with_interest(&mut d.f, "Keep", &[], 5);
    let other = with_interest(&mut d.f, "Other", &[], 50);
    d.f.apply(merge_pitches(&d.f.event, &keep, &other));
    let gone = with_interest(&mut d.f, "Gone", &[], 90);
    d.f.edit_pitch(&gone, |p| p.withdrawn = true);
    let p = propose(&d.f.event);
    assert_eq!(p.placements.len(), 1);
    assert_eq!(p.placements[0].session.pitches, vec![keep, other]);
    assert!(p.unplaced.is_empty());
}

#[test]
fn when_the_grid_is_full_the_rest_are_counted_as_unplaced_in_interest_order() {
    let mut f = Fixture::new();
    f.room("Only room", Some(10));
    f.slot("10:00", "11:00", "Only round", SlotKind::Breakout);
    let low = with_interest(&mut f, "Low", &[], 1);
    let high = with_interest(&mut f, "High", &[], 5);
    let mid = with_interest(&mut f, "Mid", &[], 3);
    let p = propose(&f.event);
    assert_eq!(p.placements[0].pitch, high);
    assert_eq!(p.unplaced, vec![mid, low]);
}

#[test]
fn open_pitches_go_by_interest_then_the_order_pitched() {
    let mut f = Fixture::new();
    let a = with_interest(&mut f, "A", &[], 3);
    let b = with_interest(&mut f, "B", &[], 7);
    let c = with_interest(&mut f, "C", &[], 3);
    assert_eq!(open_pitches(&f.event), vec![&b, &a, &c]);
}

/// A random day: rooms of random sizes, slots of random kinds, pitches by a
/// few people (in varying case), some already placed, some merged.
#[derive(Debug, Clone)]
struct Day2 {
    rooms: Vec<Option<u32>>,
    slots: Vec<u8>,
    pitches: Vec<(u32, Vec<usize>)>,
    placed: Vec<(usize, usize, usize)>,
    merges: Vec<(usize, usize)>,
}

fn day() -> impl Strategy<Value = Day2> {
    (
        proptest::collection::vec(proptest::option::of(1u32..60), 0..5),
        proptest::collection::vec(0u8..3, 0..5),
        proptest::collection::vec(
            (0u32..40, proptest::collection::vec(0usize..6, 0..3)),
            0..14,
        ),
        proptest::collection::vec((0usize..14, 0usize..5, 0usize..5), 0..6),
        proptest::collection::vec((0usize..14, 0usize..14), 0..3),
    )
        .prop_map(|(rooms, slots, pitches, placed, merges)| Day2 {
            rooms,
            slots,
            pitches,
            placed,
            merges,
        })
}

const PEOPLE: [&str; 6] = ["Ana", "ana ", "Bo", "BO", "Cy", "Di"];

fn build(spec: &Day2) -> Fixture {
    let mut f = Fixture::new();
    let rooms: Vec<Id> = spec
        .rooms
        .iter()
        .enumerate()
        .map(|(i, c)| f.room(&format!("R{i}"), *c))
        .collect();
    let kinds = [SlotKind::Breakout, SlotKind::Plenary, SlotKind::Break];
    let slots: Vec<Id> = spec
        .slots
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let start = format!("{:02}:00", 9 + i);
            let end = format!("{:02}:00", 10 + i);
            f.slot(&start, &end, &format!("S{i}"), kinds[usize::from(*k)])
        })
        .collect();
    let pitches: Vec<Id> = spec
        .pitches
        .iter()
        .enumerate()
        .map(|(i, (interest, people))| {
            let by: Vec<&str> = people.iter().map(|p| PEOPLE[*p]).collect();
            with_interest(&mut f, &format!("P{i}"), &by, *interest)
        })
        .collect();
    for (keep, other) in &spec.merges {
        if let (Some(k), Some(o)) = (pitches.get(*keep), pitches.get(*other))
            && let Ok(changes) = merge_pitches(&f.event, k, o)
        {
            f.apply(Ok(changes));
        }
    }
    // Placed straight into the event, as another device's file could hold
    // anything, clashes included.
    for (p, s, r) in &spec.placed {
        if let (Some(p), Some(s), Some(r)) = (pitches.get(*p), slots.get(*s), rooms.get(*r)) {
            f.session(&[p], s, r);
        }
    }
    f
}

fn ids() -> impl FnMut() -> Id {
    let mut n = 0;
    move || {
        n += 1;
        Id::new(format!("auto-{n:03}"))
    }
}

proptest! {
    #[test]
    fn proposals_keep_every_rule(spec in day()) {
        let f = build(&spec);
        let event = &f.event;
        let p = propose(event);
        prop_assert_eq!(&p, &propose(event), "deterministic");
        let open: BTreeSet<&Id> = open_pitches(event).into_iter().collect();
        let mut seen = BTreeSet::new();
        for placement in &p.placements {
            prop_assert!(open.contains(&placement.pitch), "only open pitches");
            prop_assert!(seen.insert(&placement.pitch), "no pitch twice");
            prop_assert_eq!(event.slots[&placement.slot].kind, SlotKind::Breakout);
            prop_assert!(!event.sessions.values().any(|s| s.slot == placement.slot && s.room == placement.room),
                "an existing session's cell is never used");
        }
        prop_assert_eq!(p.placements.len() + p.unplaced.len(), open.len(), "every open pitch is accounted for");

        let mut after = event.clone();
        let changes = p.into_changes(ids());
        for change in &changes {
            prop_assert!(event.record(&change.id).is_none(), "only new records");
            after.apply(&change.id, change.record.clone());
        }
        prop_assert!(event.sessions.iter().all(|(id, s)| after.sessions.get(id) == Some(s)),
            "existing sessions are untouched");
        for clash in clashes(&after) {
            let new = clash.sessions().iter().any(|s| !event.sessions.contains_key(*s));
            let placement_clash = matches!(clash,
                Clash::RoomDoubleBooked { .. } | Clash::PersonDoubleBooked { .. } | Clash::InBreak { .. });
            prop_assert!(!(new && placement_clash),
                "a new session makes no double booking: {clash:?}");
        }
    }
}
