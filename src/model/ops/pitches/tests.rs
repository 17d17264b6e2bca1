#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

use proptest::prelude::*;

use super::*;
use crate::model::ops::fixture::Day;
use crate::model::{Person, PitchStatus};

#[test]
fn a_pitch_is_added_with_its_title_trimmed_and_every_other_field_kept() {
    let mut d = Day::new();
    let id = d.f.id();
    let pitch = Pitch {
        title: "  Open data \n".into(),
        pitched_by: vec![Person::named("Sam")],
        description: " as typed ".into(),
        tags: vec!["data".into()],
        interest: 7,
        ..Pitch::default()
    };
    d.f.apply(add_pitch(&d.f.event, id.clone(), pitch.clone()));
    let expected = Pitch {
        title: "Open data".into(),
        ..pitch
    };
    assert_eq!(d.f.event.pitches[&id], expected);
}

#[test]
fn a_pitch_needs_a_title_and_an_existing_pitch_to_merge_into() {
    let d = Day::new();
    let blank = Pitch {
        title: " ".into(),
        ..Pitch::default()
    };
    assert_eq!(
        add_pitch(&d.f.event, Id::new("p"), blank)
            .unwrap_err()
            .to_string(),
        "The pitch title is empty; type some text first."
    );
    let dangling = Pitch {
        title: "T".into(),
        merged_into: Some(Id::new("gone")),
        ..Pitch::default()
    };
    assert!(matches!(
        add_pitch(&d.f.event, Id::new("p"), dangling),
        Err(OpError::NotFound { what: "pitch", .. })
    ));
}

#[test]
fn interest_is_set_and_bumped_and_never_goes_below_zero() {
    let mut d = Day::new();
    let p = d.f.pitch("P", &[]);
    d.f.apply(set_interest(&d.f.event, &p, 5));
    d.f.apply(bump_interest(&d.f.event, &p, 3));
    assert_eq!(d.f.event.pitches[&p].interest, 8);
    d.f.apply(bump_interest(&d.f.event, &p, -100));
    assert_eq!(d.f.event.pitches[&p].interest, 0);
    assert_eq!(set_interest(&d.f.event, &p, 0), Ok(vec![]), "unchanged");
    assert!(set_interest(&d.f.event, &Id::new("x"), 1).is_err());
}

proptest! {
    #[test]
    fn bumping_interest_saturates_at_both_ends(start: u32, delta: i32) {
        let mut d = Day::new();
        let p = d.f.pitch("P", &[]);
        d.f.edit_pitch(&p, |pitch| pitch.interest = start);
        d.f.apply(bump_interest(&d.f.event, &p, delta));
        let expected = (i64::from(start) + i64::from(delta)).clamp(0, i64::from(u32::MAX));
        prop_assert_eq!(i64::from(d.f.event.pitches[&p].interest), expected);
    }
}

#[test]
fn withdraw_and_restore_flip_the_flag_once() {
    let mut d = Day::new();
    let p = d.f.pitch("P", &[]);
    d.f.apply(withdraw(&d.f.event, &p));
    assert_eq!(d.f.event.pitch_status(&p), PitchStatus::Withdrawn);
    assert_eq!(withdraw(&d.f.event, &p), Ok(vec![]));
    d.f.apply(restore(&d.f.event, &p));
    assert_eq!(d.f.event.pitch_status(&p), PitchStatus::Open);
    assert_eq!(restore(&d.f.event, &p), Ok(vec![]));
}

#[test]
fn a_scheduled_pitch_cannot_be_withdrawn_or_deleted() {
    let mut d = Day::new();
    let p = d.f.pitch("Open data", &[]);
    let m = d.f.pitch("Data standards", &[]);
    d.f.edit_pitch(&m, |pitch| pitch.merged_into = Some(p.clone()));
    d.f.session(&[&p, &m], &d.round1, &d.library);
    d.f.session(&[&p, &m], &d.round2, &d.library);
    assert_eq!(
        withdraw(&d.f.event, &p).unwrap_err().to_string(),
        "\"Open data\" is scheduled in Round 1 (10:30) and Round 2 (13:00); unschedule it before withdrawing it."
    );
    assert_eq!(
        delete_pitch(&d.f.event, &m).unwrap_err().to_string(),
        "\"Data standards\" is scheduled in Round 1 (10:30) and Round 2 (13:00); unmerge it before deleting it."
    );
}

#[test]
fn a_pitch_with_pitches_merged_into_it_is_not_deleted() {
    let mut d = Day::new();
    let p = d.f.pitch("Open data", &[]);
    for title in ["A", "B"] {
        let m = d.f.pitch(title, &[]);
        d.f.edit_pitch(&m, |pitch| pitch.merged_into = Some(p.clone()));
    }
    assert_eq!(
        delete_pitch(&d.f.event, &p).unwrap_err().to_string(),
        "\"A\" and \"B\" are merged into \"Open data\"; unmerge them before deleting it."
    );
    let lone = d.f.pitch("Lone", &[]);
    assert_eq!(
        delete_pitch(&d.f.event, &lone),
        Ok(vec![Change::delete(lone.clone())])
    );
}

#[test]
fn merging_points_the_other_pitch_at_the_root_of_the_kept_one() {
    let mut d = Day::new();
    let root = d.f.pitch("Root", &[]);
    let keep = d.f.pitch("Keep", &[]);
    let other = d.f.pitch("Other", &[]);
    d.f.apply(merge_pitches(&d.f.event, &root, &keep));
    d.f.apply(merge_pitches(&d.f.event, &keep, &other));
    assert_eq!(d.f.event.pitches[&other].merged_into, Some(root.clone()));
    assert_eq!(d.f.event.merged_into(&root), vec![&keep, &other]);
    assert_eq!(
        merge_pitches(&d.f.event, &root, &other),
        Ok(vec![]),
        "already in the group"
    );
}

#[test]
fn merging_refuses_the_same_pitch_and_cycles() {
    let mut d = Day::new();
    let a = d.f.pitch("A", &[]);
    let b = d.f.pitch("B", &[]);
    assert!(matches!(
        merge_pitches(&d.f.event, &a, &a),
        Err(OpError::MergeIntoSelf { .. })
    ));
    d.f.apply(merge_pitches(&d.f.event, &a, &b));
    assert_eq!(
        merge_pitches(&d.f.event, &b, &a).unwrap_err().to_string(),
        "\"B\" is already merged into \"A\", so \"A\" cannot be merged into it; unmerge \"B\" first or merge the other way round."
    );
}

#[test]
fn a_hand_made_merge_loop_is_not_followed_forever() {
    let mut d = Day::new();
    let a = d.f.pitch("A", &[]);
    let b = d.f.pitch("B", &[]);
    let c = d.f.pitch("C", &[]);
    d.f.edit_pitch(&a, |p| p.merged_into = Some(b.clone()));
    d.f.edit_pitch(&b, |p| p.merged_into = Some(a.clone()));
    // What matters is that both answers come back at all.
    let into_loop = merge_pitches(&d.f.event, &a, &c).unwrap();
    assert_eq!(into_loop.len(), 1);
    assert!(matches!(
        merge_pitches(&d.f.event, &c, &a),
        Err(OpError::AlreadyMerged { .. })
    ));
}

#[test]
fn a_pitch_merged_elsewhere_or_scheduled_on_its_own_is_not_merged() {
    let mut d = Day::new();
    let a = d.f.pitch("A", &[]);
    let b = d.f.pitch("B", &[]);
    let c = d.f.pitch("C", &[]);
    d.f.apply(merge_pitches(&d.f.event, &a, &b));
    assert_eq!(
        merge_pitches(&d.f.event, &c, &b).unwrap_err().to_string(),
        "\"B\" is already merged into \"A\"; unmerge it first."
    );
    d.f.session(&[&c], &d.round1, &d.main_hall);
    assert_eq!(
        merge_pitches(&d.f.event, &a, &c).unwrap_err().to_string(),
        "\"C\" already has its own session in Round 1 (10:30); unschedule it first, then merge."
    );
}

#[test]
fn withdrawn_pitches_are_not_merged() {
    let mut d = Day::new();
    let a = d.f.pitch("A", &[]);
    let b = d.f.pitch("B", &[]);
    d.f.edit_pitch(&b, |p| p.withdrawn = true);
    assert_eq!(
        merge_pitches(&d.f.event, &a, &b).unwrap_err().to_string(),
        "\"B\" was withdrawn; restore it before merging it."
    );
    assert_eq!(
        merge_pitches(&d.f.event, &b, &a).unwrap_err().to_string(),
        "\"B\" was withdrawn; restore it before merging into it."
    );
}

#[test]
fn merging_into_a_scheduled_pitch_joins_every_one_of_its_sessions() {
    let mut d = Day::new();
    let keep = d.f.pitch("Keep", &[]);
    let other = d.f.pitch("Other", &[]);
    let under = d.f.pitch("Under other", &[]);
    let gone = d.f.pitch("Withdrawn under other", &[]);
    d.f.edit_pitch(&under, |p| p.merged_into = Some(other.clone()));
    d.f.edit_pitch(&gone, |p| {
        p.merged_into = Some(other.clone());
        p.withdrawn = true;
    });
    let s1 = d.f.session(&[&keep], &d.round1, &d.main_hall);
    let s2 = d.f.session(&[&keep], &d.round2, &d.main_hall);
    d.f.apply(merge_pitches(&d.f.event, &keep, &other));
    for s in [&s1, &s2] {
        assert_eq!(
            d.f.event.sessions[s].pitches,
            vec![keep.clone(), other.clone(), under.clone()]
        );
    }
    assert_eq!(
        d.f.event.pitch_status(&other),
        PitchStatus::Merged { into: keep.clone() }
    );
}

#[test]
fn unmerging_takes_the_pitch_and_its_own_merges_out_of_the_sessions_it_joined() {
    let mut d = Day::new();
    let keep = d.f.pitch("Keep", &[]);
    let other = d.f.pitch("Other", &[]);
    let under = d.f.pitch("Under", &[]);
    let stays = d.f.pitch("Stays", &[]);
    d.f.apply(merge_pitches(&d.f.event, &other, &under));
    d.f.apply(merge_pitches(&d.f.event, &keep, &stays));
    let s = d.f.session(&[&keep, &stays], &d.round1, &d.main_hall);
    d.f.apply(merge_pitches(&d.f.event, &keep, &other));
    assert_eq!(d.f.event.sessions[&s].pitches.len(), 4);
    d.f.apply(unmerge(&d.f.event, &other));
    assert_eq!(d.f.event.pitches[&other].merged_into, None);
    assert_eq!(d.f.event.pitches[&under].merged_into, Some(other.clone()));
    assert_eq!(
        d.f.event.sessions[&s].pitches,
        vec![keep.clone(), stays.clone()]
    );
    assert_eq!(
        unmerge(&d.f.event, &keep).unwrap_err().to_string(),
        "\"Keep\" is not merged into another pitch, so there is nothing to unmerge."
    );
}

#[test]
fn unmerging_leaves_a_session_the_pitch_leads_alone() {
    let mut d = Day::new();
    let a = d.f.pitch("A", &[]);
    let b = d.f.pitch("B", &[]);
    // Only a hand-edited file can schedule a merged pitch on its own.
    d.f.edit_pitch(&b, |p| p.merged_into = Some(a.clone()));
    let own = d.f.session(&[&b], &d.round1, &d.main_hall);
    let changes = unmerge(&d.f.event, &b).unwrap();
    assert_eq!(changes.len(), 1);
    d.f.apply(Ok(changes));
    assert_eq!(d.f.event.sessions[&own].pitches, vec![b]);
}

#[test]
fn pitch_details_change_only_the_fields_given_trimmed() {
    let mut d = Day::new();
    let id = d.f.pitch("Open data", &["Sam"]);
    d.f.edit_pitch(&id, |p| p.interest = 4);
    let details = PitchDetails {
        title: Some("  Open data now ".into()),
        pitched_by: Some(vec![
            Person {
                name: " Kim ".into(),
                organisation: Some(" ".into()),
            },
            Person::named("  "),
        ]),
        tags: Some(vec![" data ".into(), "".into()]),
        ..PitchDetails::default()
    };
    d.f.apply(set_pitch_details(&d.f.event, &id, details));
    let pitch = &d.f.event.pitches[&id];
    assert_eq!(pitch.title, "Open data now");
    assert_eq!(pitch.pitched_by, vec![Person::named("Kim")]);
    assert_eq!(pitch.tags, vec!["data".to_string()]);
    assert_eq!(pitch.interest, 4, "left alone");
    assert_eq!(
        set_pitch_details(&d.f.event, &id, PitchDetails::default()),
        Ok(Vec::new())
    );
    let blank = PitchDetails {
        title: Some(" ".into()),
        ..PitchDetails::default()
    };
    assert_eq!(
        set_pitch_details(&d.f.event, &id, blank),
        Err(OpError::Empty {
            what: "pitch title"
        })
    );
}
