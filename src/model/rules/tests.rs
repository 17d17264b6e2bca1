#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use super::*;
use crate::model::ops::fixture::{Day, Fixture};
use crate::model::{Person, SlotKind};

#[test]
fn an_empty_event_and_a_clean_schedule_have_no_clashes() {
    assert!(clashes(&Fixture::new().event).is_empty());
    let mut d = Day::new();
    let a = d.f.pitch("A", &["Sam"]);
    let b = d.f.pitch("B", &["Kim"]);
    d.f.session(&[&a], &d.round1, &d.main_hall);
    d.f.session(&[&b], &d.round1, &d.library);
    d.f.session(&[&a], &d.round2, &d.library);
    assert_eq!(clashes(&d.f.event), vec![]);
}

#[test]
fn two_sessions_in_one_room_and_slot_are_a_double_booking() {
    let mut d = Day::new();
    let b = d.f.pitch("B", &[]);
    let a = d.f.pitch("A", &[]);
    let sb = d.f.session(&[&b], &d.round1, &d.main_hall);
    let sa = d.f.session(&[&a], &d.round1, &d.main_hall);
    let found = clashes(&d.f.event);
    let expected = Clash::RoomDoubleBooked {
        slot: d.round1.clone(),
        room: d.main_hall.clone(),
        sessions: vec![sa.clone(), sb.clone()],
    };
    assert_eq!(found, vec![expected]);
    assert_eq!(
        found[0].describe(&d.f.event),
        "Room \"Main hall\" has two sessions in Round 1 (10:30): \"A\" and \"B\"."
    );
    assert_eq!(found[0].sessions(), vec![&sa, &sb]);
}

#[test]
fn three_sessions_in_one_room_are_one_clash_naming_all_three() {
    let mut d = Day::new();
    for title in ["C", "A", "B"] {
        let p = d.f.pitch(title, &[]);
        d.f.session(&[&p], &d.round2, &d.library);
    }
    let found = clashes(&d.f.event);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].describe(&d.f.event),
        "Room \"Library\" has three sessions in Round 2 (13:00): \"A\", \"B\" and \"C\"."
    );
}

#[test]
fn a_person_pitching_two_sessions_in_one_slot_is_matched_by_trimmed_name_in_any_case() {
    let mut d = Day::new();
    let a = d.f.pitch("Open data", &["Sam Smith"]);
    let b = d.f.pitch("Procurement", &[" sam smith "]);
    let sa = d.f.session(&[&a], &d.round1, &d.main_hall);
    let sb = d.f.session(&[&b], &d.round1, &d.library);
    let found = clashes(&d.f.event);
    // Named in the best-capitalised spelling anyone gave.
    assert_eq!(
        found,
        vec![Clash::PersonDoubleBooked {
            slot: d.round1.clone(),
            person: "Sam Smith".into(),
            sessions: vec![sb, sa],
        }]
    );
    assert_eq!(
        found[0].describe(&d.f.event),
        "Sam Smith pitched two sessions that run at the same time, in Round 1 (10:30): \"Procurement\" and \"Open data\"."
    );
}

#[test]
fn the_same_person_in_different_slots_or_twice_in_one_session_is_fine() {
    let mut d = Day::new();
    let a = d.f.pitch("A", &["Sam", ""]);
    let b = d.f.pitch("B", &["SAM", "  "]);
    let c = d.f.pitch("C", &["Sam"]);
    d.f.edit_pitch(&b, |p| p.merged_into = Some(a.clone()));
    d.f.session(&[&a, &b], &d.round1, &d.main_hall);
    d.f.session(&[&c], &d.round2, &d.main_hall);
    assert_eq!(clashes(&d.f.event), vec![]);
}

#[test]
fn a_session_in_a_break_is_a_clash() {
    let mut d = Day::new();
    let a = d.f.pitch("A", &[]);
    let s = d.f.session(&[&a], &d.lunch, &d.library);
    let found = clashes(&d.f.event);
    assert_eq!(
        found,
        vec![Clash::InBreak {
            session: s,
            slot: d.lunch.clone()
        }]
    );
    assert_eq!(
        found[0].describe(&d.f.event),
        "\"A\" is placed in Lunch (12:00), which is a break."
    );
}

#[test]
fn interest_above_capacity_counts_every_merged_pitch() {
    let mut d = Day::new();
    let a = d.f.pitch("A", &[]);
    let b = d.f.pitch("B", &[]);
    d.f.edit_pitch(&a, |p| p.interest = 6);
    d.f.edit_pitch(&b, |p| p.interest = 5);
    let s = d.f.session(&[&a, &b], &d.round1, &d.library);
    let found = clashes(&d.f.event);
    assert_eq!(
        found,
        vec![Clash::OverCapacity {
            session: s.clone(),
            room: d.library.clone(),
            interest: 11,
            capacity: 10,
        }]
    );
    assert_eq!(
        found[0].describe(&d.f.event),
        "\"A\" has 11 people interested but room \"Library\" holds 10."
    );
    d.f.edit_pitch(&b, |p| p.interest = 4);
    assert_eq!(clashes(&d.f.event), vec![], "exactly full is fine");
}

#[test]
fn a_room_without_a_capacity_is_never_over_capacity() {
    let mut d = Day::new();
    let room = d.f.room("Garden", None);
    let a = d.f.pitch("A", &[]);
    d.f.edit_pitch(&a, |p| p.interest = u32::MAX);
    d.f.session(&[&a], &d.round1, &room);
    assert_eq!(clashes(&d.f.event), vec![]);
}

#[test]
fn missing_records_are_reported_and_not_lumped_together() {
    let mut d = Day::new();
    let a = d.f.pitch("A", &[]);
    let gone_slot = Id::new("GONE-SLOT");
    let gone_room = Id::new("GONE-ROOM");
    let gone_pitch = Id::new("GONE-PITCH");
    let s1 = d.f.session(&[&a, &gone_pitch], &gone_slot, &gone_room);
    let s2 = d.f.session(&[&a], &gone_slot, &gone_room);
    let found = clashes(&d.f.event);
    let kinds: Vec<char> = found.iter().map(Clash::symbol).collect();
    assert_eq!(kinds, vec!['?', '#', '*', '?', '#']);
    assert!(found.contains(&Clash::MissingPitch {
        session: s1.clone(),
        pitch: gone_pitch
    }));
    assert!(found.contains(&Clash::MissingSlot {
        session: s2,
        slot: gone_slot.clone()
    }));
    let text = Clash::MissingSlot {
        session: s1,
        slot: gone_slot,
    }
    .describe(&d.f.event);
    assert_eq!(
        text,
        "\"A\" is in a slot that no longer exists (id GONE-SLOT)."
    );
}

#[test]
fn clashes_come_in_programme_order_whatever_order_they_were_made_in() {
    let mut d = Day::new();
    let late = d.f.pitch("Late", &[]);
    let early = d.f.pitch("Early", &[]);
    let late_session = d.f.session(&[&late], &d.round2, &Id::new("nowhere"));
    let early_session = d.f.session(&[&early], &d.lunch, &d.main_hall);
    let found = clashes(&d.f.event);
    assert_eq!(found[0].sessions(), vec![&early_session]);
    assert_eq!(found[1].sessions(), vec![&late_session]);
    assert_eq!(
        clashes(&d.f.event),
        found,
        "the same event gives the same list"
    );
}

#[test]
fn clashes_of_picks_the_clashes_a_session_is_in() {
    let mut d = Day::new();
    let a = d.f.pitch("A", &[]);
    let b = d.f.pitch("B", &[]);
    let sa = d.f.session(&[&a], &d.lunch, &d.main_hall);
    let sb = d.f.session(&[&b], &d.lunch, &d.main_hall);
    let clean = d.f.session(&[&b], &d.round1, &d.main_hall);
    let found = clashes(&d.f.event);
    assert_eq!(found.len(), 3);
    assert_eq!(clashes_of(&found, &sa).count(), 2);
    assert_eq!(clashes_of(&found, &sb).count(), 2);
    assert_eq!(clashes_of(&found, &clean).count(), 0);
}

#[test]
fn every_kind_has_its_own_single_column_ascii_symbol_and_words() {
    let id = Id::new("x");
    let all = [
        Clash::RoomDoubleBooked {
            slot: id.clone(),
            room: id.clone(),
            sessions: vec![],
        },
        Clash::PersonDoubleBooked {
            slot: id.clone(),
            person: "P".into(),
            sessions: vec![],
        },
        Clash::InBreak {
            session: id.clone(),
            slot: id.clone(),
        },
        Clash::OverCapacity {
            session: id.clone(),
            room: id.clone(),
            interest: 2,
            capacity: 1,
        },
        Clash::MissingSlot {
            session: id.clone(),
            slot: id.clone(),
        },
        Clash::MissingRoom {
            session: id.clone(),
            room: id.clone(),
        },
        Clash::MissingPitch {
            session: id.clone(),
            pitch: id.clone(),
        },
    ];
    let symbols: BTreeSet<char> = all.iter().map(Clash::symbol).collect();
    let words: BTreeSet<&str> = all.iter().map(Clash::kind_word).collect();
    assert_eq!(symbols.len(), all.len());
    assert_eq!(words.len(), all.len());
    assert!(symbols.iter().all(|c| c.is_ascii_graphic()));
    let event = Fixture::new().event;
    for clash in &all {
        let text = clash.describe(&event);
        assert!(text.ends_with('.') && !text.contains('\n'), "{text}");
    }
}

#[test]
fn hostile_titles_cannot_reach_the_terminal_through_a_description() {
    let mut d = Day::new();
    let a = d.f.pitch("A\u{1b}[2J", &[]);
    let s = d.f.session(&[&a], &d.lunch, &d.main_hall);
    let text = Clash::InBreak {
        session: s,
        slot: d.lunch.clone(),
    }
    .describe(&d.f.event);
    assert!(!text.chars().any(char::is_control), "{text}");
}

#[test]
fn sessions_without_notes_are_breakouts_with_nothing_written_down() {
    let mut d = Day::new();
    let plenary = d.f.slot("09:30", "10:00", "Welcome", SlotKind::Plenary);
    let p = d.f.pitch("P", &[]);
    let empty_late = d.f.session(&[&p], &d.round2, &d.main_hall);
    let empty_early = d.f.session(&[&p], &d.round1, &d.main_hall);
    let noted = d.f.session(&[&p], &d.round1, &d.library);
    d.f.note(&noted, "a point");
    let summarised = d.f.session(&[&p], &d.round2, &d.library);
    d.f.edit_session(&summarised, |s| s.summary = "We agreed.".into());
    let with_outcome = d.f.session(&[&p], &plenary, &d.library);
    d.f.edit_session(&with_outcome, |s| s.outcome = "A plan".into());
    d.f.session(&[&p], &plenary, &d.main_hall);
    d.f.session(&[&p], &d.lunch, &d.main_hall);
    let blank = d.f.pitch("Q", &[]);
    let whitespace = d.f.session(&[&blank], &d.round2, &Id::new("nowhere"));
    d.f.edit_session(&whitespace, |s| s.summary = "  \n".into());
    assert_eq!(
        sessions_without_notes(&d.f.event),
        vec![&empty_early, &empty_late, &whitespace]
    );
}

#[test]
fn a_pitcher_with_an_organisation_is_still_one_person() {
    let mut d = Day::new();
    let a = d.f.pitch("A", &[]);
    let b = d.f.pitch("B", &["Kim"]);
    d.f.edit_pitch(&a, |p| {
        p.pitched_by = vec![Person {
            name: "Kim".into(),
            organisation: Some("Acme".into()),
        }];
    });
    d.f.session(&[&a], &d.round1, &d.main_hall);
    d.f.session(&[&b], &d.round1, &d.library);
    assert_eq!(clashes(&d.f.event).len(), 1);
}

proptest! {
    /// Double bookings found are exactly the (slot, room) cells holding more
    /// than one session, whatever the schedule.
    #[test]
    fn double_bookings_match_a_brute_force_count(
        cells in proptest::collection::vec((0usize..3, 0usize..3, 0usize..3), 0..20)
    ) {
        let mut f = Fixture::new();
        let rooms = [f.room("R1", None), f.room("R2", None), f.room("R3", None)];
        let slots = [
            f.slot("09:00", "10:00", "S1", SlotKind::Breakout),
            f.slot("10:00", "11:00", "S2", SlotKind::Breakout),
            f.slot("11:00", "12:00", "S3", SlotKind::Plenary),
        ];
        let people = ["Ana", "Bo", "Cy"];
        let mut expected: BTreeMap<(Id, Id), usize> = BTreeMap::new();
        for (slot, room, person) in cells {
            let pitch = f.pitch("T", &[people[person]]);
            f.session(&[&pitch], &slots[slot], &rooms[room]);
            *expected.entry((slots[slot].clone(), rooms[room].clone())).or_default() += 1;
        }
        expected.retain(|_, n| *n > 1);
        let found: BTreeMap<(Id, Id), usize> = clashes(&f.event)
            .into_iter()
            .filter_map(|c| match c {
                Clash::RoomDoubleBooked { slot, room, sessions } => Some(((slot, room), sessions.len())),
                _ => None,
            })
            .collect();
        prop_assert_eq!(found, expected);
    }
}

#[test]
fn slots_that_share_time_overlap_and_slots_that_touch_do_not() {
    let mut f = Fixture::new();
    let morning = f.slot("09:00", "10:00", "Morning", SlotKind::Breakout);
    let touching = f.slot("10:00", "11:00", "Touching", SlotKind::Breakout);
    let inside = f.slot("10:15", "10:45", "", SlotKind::Break);
    let late = f.slot("10:30", "12:00", "Late", SlotKind::Plenary);
    assert_eq!(
        overlapping_slots(&f.event),
        vec![
            (touching.clone(), inside.clone()),
            (touching.clone(), late.clone()),
            (inside.clone(), late.clone()),
        ]
    );
    let found = overlapping_slots(&f.event);
    assert_eq!(
        overlaps_of(&found, &late).collect::<Vec<_>>(),
        vec![&touching, &inside]
    );
    assert_eq!(overlaps_of(&found, &morning).count(), 0);
    assert_eq!(
        describe_overlap(&f.event, &found[0]),
        "Slot Touching (10:00–11:00) overlaps 10:15–10:45."
    );
}

proptest! {
    /// The overlaps found are exactly the pairs of slots whose times share
    /// a moment, each pair once, earlier slot first, whatever the slots.
    #[test]
    fn overlaps_match_a_brute_force_comparison_of_every_pair(
        times in proptest::collection::vec((0u32..12, 0u32..12), 0..10)
    ) {
        let mut f = Fixture::new();
        for (start, end) in times {
            let start = format!("{:02}:{:02}", 8 + start / 4, (start % 4) * 15);
            let end = format!("{:02}:{:02}", 8 + end / 4, (end % 4) * 15);
            f.slot(&start, &end, "", SlotKind::Breakout);
        }
        let order = f.event.slots_in_order();
        let mut expected = Vec::new();
        for (i, (a, x)) in order.iter().enumerate() {
            for (b, y) in &order[i + 1..] {
                if x.start < y.end && y.start < x.end {
                    expected.push(((*a).clone(), (*b).clone()));
                }
            }
        }
        prop_assert_eq!(overlapping_slots(&f.event), expected);
    }
}
