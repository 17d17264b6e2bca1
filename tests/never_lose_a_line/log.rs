//! The log of every version ever acknowledged, and the invariants checked
//! against it: what a version covers its writer had seen, and what no one
//! replaced stays on disk and in view.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use unconf::model::field::{self, FieldSet};
use unconf::model::{Id, Kind};
use unconf::store::version::{compose, current_on, kind_of};
use unconf::store::{Dot, Replica, Version};

/// Every version ever acknowledged, and which of them still stand.
#[derive(Default)]
pub struct Log {
    by_id: BTreeMap<Id, Vec<Version>>,
    dots: BTreeSet<Dot>,
    /// Dot -> (record, kind, fields on which no version in the log covers
    /// it). Each of these must stay visible somewhere.
    uncovered: BTreeMap<Dot, (Id, Kind, FieldSet)>,
    /// Versions gone from every file because a file was overwritten from
    /// outside unconf (a restored backup, a sync tool), not because of
    /// anything unconf did: no program could still have them.
    pub lost: BTreeSet<Dot>,
}

impl Log {
    /// Logs a version just acknowledged by a laptop that held `known` when
    /// the edit began, checking that its writer saw what it covers.
    pub fn record(
        &mut self,
        version: &Version,
        known: &BTreeSet<Dot>,
    ) -> Result<(), TestCaseError> {
        let list = self.by_id.entry(version.id.clone()).or_default();
        let Some(kind) = version.kind().or_else(|| kind_of(list)) else {
            return Err(TestCaseError::fail(format!(
                "a version of unknown kind: {version:?}"
            )));
        };
        prop_assert!(
            self.dots.insert(version.dot.clone()),
            "dot {} was written twice: {version:?}",
            version.dot
        );
        for old in list.iter() {
            prop_assert!(
                old.covers(version).of(kind).is_empty(),
                "{} claims to have seen {}, written after it",
                old.dot,
                version.dot
            );
            for index in version.covers(old).of(kind).indexes(kind) {
                // Seen directly, or through a version that itself replaced
                // it (whose writer saw it: checked when that was logged).
                let saw = known.contains(&old.dot)
                    || list
                        .iter()
                        .any(|u| known.contains(&u.dot) && u.covers(old).contains(index));
                prop_assert!(
                    saw,
                    "{} replaces {} on field {index} of {} but its writer never had it: {version:?} over {old:?}",
                    version.dot,
                    old.dot,
                    version.id
                );
            }
        }
        for dot in &version.saw {
            prop_assert!(
                known.contains(dot),
                "deletion {} says it saw {dot}, which its laptop never had",
                version.dot
            );
        }
        for old in list.iter() {
            if let Some((_, _, fields)) = self.uncovered.get_mut(&old.dot) {
                *fields = fields.without(version.covers(old));
                if fields.is_empty() {
                    self.uncovered.remove(&old.dot);
                }
            }
        }
        self.uncovered.insert(
            version.dot.clone(),
            (version.id.clone(), kind, version.fields.of(kind)),
        );
        list.push(version.clone());
        Ok(())
    }

    pub fn standing_dot(&self, dot: &Dot) -> bool {
        self.uncovered.contains_key(dot) && !self.lost.contains(dot)
    }

    /// Versions no logged version covers on some field, and not lost.
    pub fn standing(&self) -> impl Iterator<Item = (&Dot, &(Id, Kind, FieldSet))> {
        self.uncovered
            .iter()
            .filter(|(dot, _)| !self.lost.contains(*dot))
    }
}

/// Per record, per field, the dots of the current versions.
pub fn view(replica: &Replica) -> BTreeMap<Id, Vec<BTreeSet<Dot>>> {
    let merged = replica.merged();
    merged
        .ids()
        .map(|id| {
            let current = merged.current(id);
            let count = kind_of(current).map_or(0, |k| field::names(k).len());
            let fields = (0..count)
                .map(|index| {
                    current_on(current, index)
                        .into_iter()
                        .map(|v| v.dot.clone())
                        .collect()
                })
                .collect();
            (id.clone(), fields)
        })
        .collect()
}

/// A version this laptop has had, that no version anyone wrote covers on
/// a field, is current on that field here.
pub fn shows_what_it_knows(
    n: usize,
    known: &BTreeSet<Dot>,
    replica: &Replica,
    log: &Log,
) -> Result<(), TestCaseError> {
    for (dot, (id, kind, fields)) in &log.uncovered {
        if !known.contains(dot) {
            continue;
        }
        let current = replica.merged().current(id);
        for index in fields.indexes(*kind) {
            prop_assert!(
                current_on(current, index).iter().any(|v| v.dot == *dot),
                "laptop {n} had version {dot} of {id}, which nothing replaced on field {index}, and no longer shows it: {current:?}"
            );
        }
    }
    Ok(())
}

/// A session deleted while notes or next steps were added to it unseen is
/// shown, as a conflict; one deleted with nothing unseen is not shown.
pub fn keeps_unseen_work(n: usize, replica: &Replica) -> Result<(), TestCaseError> {
    let merged = replica.merged();
    let event = replica.event();
    for id in merged.ids() {
        let current = merged.current(id);
        if kind_of(current) != Some(Kind::Session) || compose(current).value.is_some() {
            continue;
        }
        let saw: BTreeSet<&Dot> = current.iter().flat_map(|v| &v.saw).collect();
        let notes = event
            .notes
            .iter()
            .filter(|(_, note)| note.session == *id)
            .map(|(child, _)| child);
        let actions = event
            .actions
            .iter()
            .filter(|(_, action)| action.session.as_ref() == Some(id))
            .map(|(child, _)| child);
        let unseen = notes
            .chain(actions)
            .any(|child| merged.current(child).iter().any(|v| !saw.contains(&v.dot)));
        if unseen {
            prop_assert!(
                event.sessions.contains_key(id) && event.is_conflicted(id),
                "laptop {n}: session {id} was deleted while work was added to it unseen, and is not shown as a conflict"
            );
        } else {
            prop_assert!(
                !event.sessions.contains_key(id),
                "laptop {n}: session {id} is deleted with nothing unseen, yet shown"
            );
        }
    }
    Ok(())
}
