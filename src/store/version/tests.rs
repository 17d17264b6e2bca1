use chrono::TimeZone;
use proptest::prelude::*;

use super::*;
use crate::model::{Decision, Record};

fn at(seconds: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(1_700_000_000 + seconds, 0)
        .single()
        .unwrap_or_default()
}

fn version(id: &str, device: &str, vv: VersionVector, text: &str) -> Version {
    Version {
        id: Id::new(id),
        device: device.to_string(),
        vv,
        author: device.to_uppercase(),
        at: at(0),
        value: Some(Record::Decision(Decision {
            text: text.to_string(),
            lead: None,
        })),
    }
}

#[test]
fn a_record_with_one_version_takes_room_for_one() {
    let mut merged = Merged::default();
    merged.insert(version("r", "a", [("a", 1)].into(), "first"));
    merged.insert(version("r", "a", [("a", 2)].into(), "second"));
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
    merged.insert(version("r", "a", [("a", 1)].into(), "first"));
    merged.insert(version("r", "b", [("a", 1), ("b", 1)].into(), "second"));
    assert_eq!(merged.current(&Id::new("r")).len(), 1);
    assert_eq!(merged.current(&Id::new("r"))[0].device, "b");
}

#[test]
fn an_older_version_arriving_late_changes_nothing() {
    let mut merged = Merged::default();
    merged.insert(version("r", "b", [("a", 1), ("b", 1)].into(), "second"));
    assert!(!merged.insert(version("r", "a", [("a", 1)].into(), "first")));
    assert_eq!(merged.current(&Id::new("r")).len(), 1);
}

#[test]
fn concurrent_versions_are_both_kept_as_a_conflict() {
    let mut merged = Merged::default();
    merged.insert(version("r", "a", [("a", 1)].into(), "mine"));
    merged.insert(version("r", "b", [("b", 1)].into(), "theirs"));
    assert_eq!(merged.conflicts().count(), 1);
}

#[test]
fn the_same_counter_with_different_content_is_a_conflict_not_a_loss() {
    // A restored backup or a copied identity: same device, same counter.
    let mut merged = Merged::default();
    merged.insert(version("r", "a", [("a", 3)].into(), "before the restore"));
    merged.insert(version("r", "a", [("a", 3)].into(), "after the restore"));
    assert_eq!(merged.current(&Id::new("r")).len(), 2);
}

#[test]
fn a_deletion_against_a_concurrent_edit_is_a_conflict_and_the_edit_is_shown() {
    let mut merged = Merged::default();
    let mut deleted = version("r", "a", [("a", 2)].into(), "");
    deleted.value = None;
    deleted.at = at(100);
    merged.insert(deleted);
    merged.insert(version("r", "b", [("a", 1), ("b", 1)].into(), "edited"));
    let current = merged.current(&Id::new("r"));
    assert_eq!(current.len(), 2);
    assert!(matches!(shown_value(current), Some(Record::Decision(d)) if d.text == "edited"));
}

#[test]
fn a_lone_deletion_shows_nothing() {
    let mut merged = Merged::default();
    let mut deleted = version("r", "a", [("a", 1)].into(), "");
    deleted.value = None;
    merged.insert(deleted);
    assert_eq!(shown_value(merged.current(&Id::new("r"))), None);
}

fn arb_version() -> impl Strategy<Value = Version> {
    let vv = proptest::collection::btree_map(
        prop_oneof![Just("a"), Just("b"), Just("c")],
        0u64..4,
        0..3,
    );
    (
        prop_oneof![Just("r1"), Just("r2")],
        prop_oneof![Just("a"), Just("b"), Just("c")],
        vv,
        prop_oneof![Just("x"), Just("y")],
        any::<bool>(),
        0i64..3,
    )
        .prop_map(|(id, device, vv, text, deleted, secs)| {
            let vv: VersionVector = vv
                .into_iter()
                .map(|(d, c)| (d.to_string(), c))
                .collect::<BTreeMap<_, _>>()
                .into();
            let mut v = version(id, device, vv, text);
            v.at = at(secs);
            if deleted {
                v.value = None;
            }
            v
        })
}

fn merged_of(versions: &[Version]) -> Merged {
    let mut merged = Merged::default();
    for v in versions {
        merged.insert(v.clone());
    }
    merged
}

fn joined(a: &Merged, b: &Merged) -> Merged {
    let mut out = a.clone();
    out.union(b);
    out
}

proptest! {
    #[test]
    fn merge_is_commutative(a in prop::collection::vec(arb_version(), 0..12),
                            b in prop::collection::vec(arb_version(), 0..12)) {
        let (a, b) = (merged_of(&a), merged_of(&b));
        prop_assert_eq!(joined(&a, &b), joined(&b, &a));
    }

    #[test]
    fn merge_is_associative(a in prop::collection::vec(arb_version(), 0..8),
                            b in prop::collection::vec(arb_version(), 0..8),
                            c in prop::collection::vec(arb_version(), 0..8)) {
        let (a, b, c) = (merged_of(&a), merged_of(&b), merged_of(&c));
        prop_assert_eq!(joined(&joined(&a, &b), &c), joined(&a, &joined(&b, &c)));
    }

    #[test]
    fn merge_is_idempotent(a in prop::collection::vec(arb_version(), 0..12)) {
        let a = merged_of(&a);
        prop_assert_eq!(joined(&a, &a), a);
    }

    #[test]
    fn insertion_order_does_not_matter(mut versions in prop::collection::vec(arb_version(), 0..12)) {
        let forward = merged_of(&versions);
        versions.reverse();
        prop_assert_eq!(merged_of(&versions), forward);
    }

    #[test]
    fn no_version_disappears_unless_another_covers_it(
        versions in prop::collection::vec(arb_version(), 0..16)
    ) {
        let merged = merged_of(&versions);
        for v in &versions {
            let current = merged.current(&v.id);
            let kept = current.contains(v);
            let covered = current.iter().any(|c| c.covers(v));
            prop_assert!(kept || covered, "lost {:?}", v);
        }
        // and the current set never holds one version that covers another
        for id in merged.ids() {
            let current = merged.current(id);
            for x in current {
                prop_assert!(!current.iter().any(|y| y.covers(x)));
            }
        }
    }
}
