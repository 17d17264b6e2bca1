//! One conflict, as a person resolves it: the versions that disagree, side
//! by side, and the edits that keep one of them (or a combined text).
//!
//! Only the fields in conflict are compared: each version is shown as the
//! record as it stands with its own values of those fields, so that an
//! older version's view of the other fields is never mistaken for a
//! difference. Keeping one covers exactly the versions that were shown (the
//! context taken when the conflict was listed), never one that arrived
//! while the person chose.

use super::replica::{Begun, Edit, Replica};
use super::version::{self, Dot, Version, compose, current_on_any};
use crate::model::field::{self, FieldSet};
use crate::model::{Id, Record};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub id: Id,
    /// The fields whose current versions disagree; every field when a
    /// deletion is involved.
    pub fields: FieldSet,
    /// The versions that disagree, oldest first (then by writer): the same
    /// numbering on every laptop. Each value is the record as it stands
    /// with that version's values of `fields`; `None` for a deletion.
    pub versions: Vec<Version>,
    /// Notes and next steps added to a deleted session by a laptop that
    /// had not seen the deletion. Keeping the deletion deletes them too.
    pub unseen_work: Vec<Id>,
    /// What the person has in front of them: keeping covers only this.
    pub begun: Begun,
    /// The same for each of `unseen_work`, taken when the conflict was
    /// listed: keeping the deletion deletes them as they were shown, never
    /// an edit of them that arrived while the person chose.
    pub unseen_begun: Vec<Begun>,
}

impl Replica {
    /// The conflict on one record, if it has one.
    pub fn conflict(&self, id: &Id) -> Option<Conflict> {
        let current = self.merged().current(id);
        let composed = compose(current);
        let begun = self.begin(id);
        if composed.conflicts.is_empty() {
            return self.deleted_with_unseen_work(id, begun);
        }
        let fields = composed.conflicts;
        let shown = composed.value.or_else(|| self.event().record(id));
        let mut versions: Vec<Version> = current_on_any(current, fields)
            .into_iter()
            .map(|v| shown_as(v, shown.as_ref(), fields))
            .collect();
        versions.sort_by(|a, b| (a.at, &a.dot).cmp(&(b.at, &b.dot)));
        Some(Conflict {
            id: id.clone(),
            fields,
            versions,
            unseen_work: Vec::new(),
            begun,
            unseen_begun: Vec::new(),
        })
    }

    /// A session deleted on one laptop while another added notes or next
    /// steps to it: the deletion against bringing it back.
    fn deleted_with_unseen_work(&self, id: &Id, begun: Begun) -> Option<Conflict> {
        if !self.event().is_conflicted(id) {
            return None;
        }
        let current = self.merged().current(id);
        let deletion = current
            .iter()
            .filter(|v| v.deleted)
            .max_by(|a, b| (a.at, &a.dot).cmp(&(b.at, &b.dot)))?;
        let snapshot = self.event().record(id)?;
        let saw: Vec<&Dot> = current.iter().flat_map(|v| v.saw.iter()).collect();
        let mut unseen_work = Vec::new();
        let mut newest: Option<&Version> = None;
        for child in self.children_of(id) {
            let unseen: Vec<&Version> = self
                .merged()
                .current(&child)
                .iter()
                .filter(|v| !saw.contains(&&v.dot))
                .collect();
            if unseen.is_empty() {
                continue;
            }
            for v in &unseen {
                if newest.is_none_or(|n| (v.at, &v.dot) > (n.at, &n.dot)) {
                    newest = Some(v);
                }
            }
            unseen_work.push(child);
        }
        let newest = newest?;
        let mut gone = deletion.clone();
        gone.value = None;
        // Bringing the session back, as the laptop that added to it had it.
        let kept = Version {
            id: id.clone(),
            dot: newest.dot.clone(),
            seen: newest.seen.clone(),
            fields: FieldSet::ALL,
            deleted: false,
            author: newest.author.clone(),
            at: newest.at,
            value: Some(snapshot),
            saw: Vec::new(),
        };
        let mut versions = vec![gone, kept];
        versions.sort_by(|a, b| (a.at, &a.dot).cmp(&(b.at, &b.dot)));
        let unseen_begun = unseen_work.iter().map(|child| self.begin(child)).collect();
        Some(Conflict {
            id: id.clone(),
            fields: FieldSet::ALL,
            versions,
            unseen_work,
            begun,
            unseen_begun,
        })
    }
}

/// A version as compared with the others: the record as it stands, with
/// this version's values of the fields in conflict.
fn shown_as(version: &Version, shown: Option<&Record>, fields: FieldSet) -> Version {
    let mut out = version.clone();
    if version.deleted {
        out.value = None;
        return out;
    }
    if let (Some(shown), Some(own)) = (shown, version.value.as_ref())
        && shown.kind() == own.kind()
    {
        let mut value = shown.clone();
        field::copy(&mut value, own, fields.intersect(version.fields));
        out.value = Some(value);
    }
    out
}

impl Conflict {
    /// The dots of the versions shown, to tell whether anything arrived
    /// since.
    pub fn dots(&self) -> Vec<Dot> {
        self.versions.iter().map(|v| v.dot.clone()).collect()
    }

    /// The edits that keep version `chosen` (a deletion, or a value) over
    /// the others shown; `value` replaces the chosen value (a combined
    /// text).
    pub fn keep(&self, replica: &Replica, chosen: usize, value: Option<Record>) -> Vec<Edit> {
        let Some(version) = self.versions.get(chosen) else {
            return Vec::new();
        };
        let record = value.or_else(|| version.value.clone());
        let Some(record) = record.filter(|_| !version.deleted) else {
            let mut edits = vec![Edit {
                id: self.id.clone(),
                record: None,
                begun: Some(self.begun.clone()),
                fields: None,
            }];
            edits.extend(
                self.unseen_work
                    .iter()
                    .zip(&self.unseen_begun)
                    .map(|(child, begun)| Edit {
                        id: child.clone(),
                        record: None,
                        begun: Some(begun.clone()),
                        fields: None,
                    }),
            );
            return edits;
        };
        // Keeping a value over a deletion brings every field back.
        let deletion_current = replica.merged().current(&self.id).iter().any(|v| v.deleted);
        let fields = if deletion_current || !self.unseen_work.is_empty() {
            FieldSet::ALL
        } else {
            self.fields
        };
        vec![Edit {
            id: self.id.clone(),
            record: Some(record),
            begun: Some(self.begun.clone()),
            fields: Some(fields),
        }]
    }

    /// The fields in conflict as people read them ("summary, outcome"),
    /// or `None` when every field is (a deletion is involved).
    pub fn fields_in_words(&self) -> Option<String> {
        match version::kind_of(&self.versions) {
            Some(kind) if !self.fields.is_all(kind) => Some(self.fields.words(kind)),
            _ => None,
        }
    }
}
