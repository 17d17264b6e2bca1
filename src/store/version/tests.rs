use chrono::TimeZone;
use proptest::prelude::*;

use super::*;
use crate::model::{Decision, Session};

fn at(seconds: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(1_700_000_000 + seconds, 0)
        .single()
        .unwrap_or_default()
}

fn dot(writer: &str, n: u64) -> Dot {
    Dot {
        writer: Writer::from(writer),
        n,
    }
}

fn decision(id: &str, by: (&str, u64), seen: Context, text: &str) -> Version {
    Version {
        id: Id::new(id),
        dot: dot(by.0, by.1),
        seen,
        fields: FieldSet::ALL.of(Kind::Decision),
        deleted: false,
        author: by.0.to_uppercase(),
        at: at(0),
        value: Some(Record::Decision(Decision {
            text: text.to_string(),
            lead: None,
        })),
        saw: Vec::new(),
    }
}

fn session(
    by: (&str, u64),
    seen: Context,
    fields: &[&str],
    edit: impl Fn(&mut Session),
) -> Version {
    let mut value = Session::default();
    edit(&mut value);
    Version {
        id: Id::new("s"),
        dot: dot(by.0, by.1),
        seen,
        fields: if fields.is_empty() {
            FieldSet::ALL.of(Kind::Session)
        } else {
            FieldSet::from_names(Kind::Session, fields.iter().copied())
        },
        deleted: false,
        author: by.0.to_uppercase(),
        at: at(i64::try_from(by.1).unwrap_or(0)),
        value: Some(Record::Session(value)),
        saw: Vec::new(),
    }
}

fn shown_text(merged: &Merged, id: &str) -> Option<String> {
    match compose(merged.current(&Id::new(id))).value {
        Some(Record::Decision(d)) => Some(d.text),
        _ => None,
    }
}

#[test]
fn a_record_with_one_version_takes_room_for_one() {
    let mut merged = Merged::default();
    merged.insert(decision("r", ("a.1", 1), Context::default(), "first"));
    merged.insert(decision("r", ("a.1", 2), [("a.1", 1)].into(), "second"));
    let kept = merged.records.get(&Id::new("r")).map(Vec::capacity);
    assert_eq!(
        kept,
        Some(1),
        "a large event holds one such list per record"
    );
}

#[test]
fn a_later_version_replaces_the_one_it_saw() {
    let mut merged = Merged::default();
    merged.insert(decision("r", ("a.1", 1), Context::default(), "first"));
    merged.insert(decision("r", ("b.1", 1), [("a.1", 1)].into(), "second"));
    assert_eq!(merged.current(&Id::new("r")).len(), 1);
    assert_eq!(shown_text(&merged, "r").as_deref(), Some("second"));
}

#[test]
fn an_older_version_arriving_late_changes_nothing() {
    let mut merged = Merged::default();
    merged.insert(decision("r", ("b.1", 1), [("a.1", 1)].into(), "second"));
    assert!(!merged.insert(decision("r", ("a.1", 1), Context::default(), "first")));
    assert_eq!(merged.current(&Id::new("r")).len(), 1);
}

#[test]
fn concurrent_versions_of_one_field_are_both_kept_as_a_conflict() {
    let mut merged = Merged::default();
    merged.insert(decision("r", ("a.1", 1), Context::default(), "mine"));
    merged.insert(decision("r", ("b.1", 1), Context::default(), "theirs"));
    assert!(!conflicting_fields(merged.current(&Id::new("r"))).is_empty());
}

#[test]
fn concurrent_edits_of_different_fields_merge_without_a_conflict() {
    let mut merged = Merged::default();
    merged.insert(session(("a.1", 1), Context::default(), &[], |_| {}));
    let summary = session(("b.1", 1), [("a.1", 1)].into(), &["summary"], |s| {
        s.summary = "From the note-taker".into();
    });
    let attendees = session(("a.1", 2), [("a.1", 1)].into(), &["attendees"], |s| {
        s.attendees = Some(14);
    });
    merged.insert(attendees);
    merged.insert(summary);
    let current = merged.current(&Id::new("s"));
    assert_eq!(conflicting_fields(current), FieldSet::EMPTY);
    let Some(Record::Session(shown)) = compose(current).value else {
        panic!("a session")
    };
    assert_eq!(shown.summary, "From the note-taker");
    assert_eq!(shown.attendees, Some(14));
}

#[test]
fn a_writer_numbering_from_a_stale_file_still_cannot_be_covered_by_what_others_saw() {
    // Run a.2 starts after its device's file was restored: its counter is
    // its own, so b's context naming run a.1 says nothing about it.
    let mut merged = Merged::default();
    merged.insert(decision(
        "r",
        ("a.1", 5),
        Context::default(),
        "before the restore",
    ));
    merged.insert(decision(
        "r",
        ("b.1", 1),
        [("a.1", 5)].into(),
        "b after reading a",
    ));
    merged.insert(decision(
        "r",
        ("a.2", 1),
        Context::default(),
        "a after the restore",
    ));
    let current = merged.current(&Id::new("r"));
    assert_eq!(current.len(), 2, "{current:?}");
    assert!(!conflicting_fields(current).is_empty());
}

#[test]
fn the_same_dot_with_different_content_is_a_conflict_not_a_loss() {
    let mut merged = Merged::default();
    merged.insert(decision("r", ("a.1", 3), Context::default(), "one"));
    merged.insert(decision("r", ("a.1", 3), Context::default(), "other"));
    assert_eq!(merged.current(&Id::new("r")).len(), 2);
}

#[test]
fn a_deletion_against_a_concurrent_edit_is_a_conflict_and_the_edit_is_shown() {
    let mut merged = Merged::default();
    merged.insert(decision("r", ("a.1", 1), Context::default(), "first"));
    let mut deleted = decision("r", ("a.1", 2), [("a.1", 1)].into(), "first");
    deleted.deleted = true;
    deleted.at = at(100);
    merged.insert(deleted);
    merged.insert(decision("r", ("b.1", 1), [("a.1", 1)].into(), "edited"));
    let current = merged.current(&Id::new("r"));
    assert_eq!(current.len(), 2);
    assert_eq!(shown_text(&merged, "r").as_deref(), Some("edited"));
    assert!(!conflicting_fields(current).is_empty());
}

#[test]
fn a_lone_deletion_shows_nothing() {
    let mut merged = Merged::default();
    let mut deleted = decision("r", ("a.1", 1), Context::default(), "");
    deleted.deleted = true;
    merged.insert(deleted);
    assert_eq!(compose(merged.current(&Id::new("r"))).value, None);
}

#[test]
fn a_context_names_a_dot_only_up_to_its_counter() {
    let context: Context = [("a.1", 3)].into();
    assert!(context.contains(&dot("a.1", 3)));
    assert!(!context.contains(&dot("a.1", 4)));
    assert!(!context.contains(&dot("a.2", 1)));
}

/// A history of versions of one session as laptops would write them: each
/// new version saw some earlier ones (and always its own writer's earlier
/// ones), and its context is everything those had seen.
fn arb_history() -> impl Strategy<Value = Vec<Version>> {
    let step = (
        0usize..4,
        proptest::collection::vec(any::<bool>(), 12),
        proptest::collection::vec(
            prop_oneof![Just("summary"), Just("outcome"), Just("attendees")],
            0..3,
        ),
        prop_oneof![Just("x"), Just("y")],
        prop_oneof![8 => Just(false), 1 => Just(true)],
    );
    proptest::collection::vec(step, 1..12).prop_map(|steps| {
        const WRITERS: [&str; 4] = ["a.1", "a.2", "b.1", "c.1"];
        let mut history: Vec<Version> = Vec::new();
        let mut counters = [0u64; 4];
        for (secs, (w, picks, fields, text, deleted)) in steps.into_iter().enumerate() {
            let writer = WRITERS[w];
            counters[w] += 1;
            let mut seen = Context::default();
            for (i, earlier) in history.iter().enumerate() {
                let own = *earlier.dot.writer == *writer;
                if own || picks.get(i).copied().unwrap_or(false) {
                    seen.join(&earlier.seen);
                    seen.add(&earlier.dot);
                }
            }
            let mut v = session((writer, counters[w]), seen, &fields, |s| {
                s.summary = text.into();
                s.outcome = text.into();
                s.attendees = Some(u32::from(text == "x"));
            });
            v.at = at(i64::try_from(secs).unwrap_or(0));
            v.deleted = deleted;
            if deleted {
                v.fields = FieldSet::ALL.of(Kind::Session);
            }
            history.push(v);
        }
        history
    })
}

fn merged_of(versions: &[Version]) -> Merged {
    let mut merged = Merged::default();
    for v in versions {
        merged.insert(v.clone());
    }
    merged
}

/// What each field shows: the current versions on it, by dot and value.
fn per_field(merged: &Merged) -> Vec<Vec<(Dot, bool, Option<Record>)>> {
    let current = merged.current(&Id::new("s"));
    (0..crate::model::field::names(Kind::Session).len())
        .map(|i| {
            let mut on: Vec<_> = current_on(current, i)
                .into_iter()
                .map(|v| (v.dot.clone(), v.deleted, v.value.clone()))
                .collect();
            on.sort();
            on
        })
        .collect()
}

proptest! {
    #[test]
    fn merging_is_commutative_associative_and_idempotent(
        history in arb_history(),
        places in proptest::collection::vec(0usize..3, 12),
    ) {
        let part = |k: usize| -> Vec<Version> {
            history
                .iter()
                .enumerate()
                .filter(|(i, _)| places.get(*i).copied().unwrap_or(0) == k)
                .map(|(_, v)| v.clone())
                .collect()
        };
        let (a, b, c) = (part(0), part(1), part(2));
        let (ma, mb, mc) = (merged_of(&a), merged_of(&b), merged_of(&c));
        let mut ab = ma.clone();
        ab.union(&mb);
        let mut ba = mb.clone();
        ba.union(&ma);
        prop_assert_eq!(per_field(&ab), per_field(&ba));
        let mut ab_c = ab.clone();
        ab_c.union(&mc);
        let mut bc = mb.clone();
        bc.union(&mc);
        let mut a_bc = ma.clone();
        a_bc.union(&bc);
        prop_assert_eq!(per_field(&ab_c), per_field(&a_bc));
        let mut again = ab_c.clone();
        again.union(&ab_c);
        prop_assert_eq!(&again, &ab_c);
        prop_assert_eq!(per_field(&merged_of(&history)), per_field(&ab_c));
    }

    #[test]
    fn no_version_leaves_a_field_unless_one_that_saw_it_sets_that_field(
        history in arb_history(),
    ) {
        let merged = merged_of(&history);
        let current = merged.current(&Id::new("s"));
        for v in &history {
            let Some(kind) = v.kind() else { continue };
            for index in v.fields.of(kind).indexes(kind) {
                let on = current_on(current, index);
                let kept = on.iter().any(|c| c.dot == v.dot);
                let replaced = history.iter().any(|o| {
                    o.fields.contains(index) && o.dot != v.dot && o.seen.contains(&v.dot)
                });
                prop_assert!(kept || replaced, "{v:?} vanished from field {index}");
            }
        }
    }
}
