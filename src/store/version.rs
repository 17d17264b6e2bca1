//! Versions of records and their merge.
//!
//! Every edit writes a [`Version`]: the record's new value (or a deletion),
//! who wrote it, when, and a [`VersionVector`] of what its writer had seen of
//! that record. A version is *current* unless another version's vector covers
//! it. Merging is a set union followed by dropping covered versions, which is
//! commutative, associative and idempotent; nothing disappears unless a
//! version that knew about it replaced it.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::model::{Id, Record};

/// Device id -> the last counter of that device's writes seen. Zero entries
/// are never kept, so that equal vectors are equal values. Kept as a short
/// sorted list rather than a map: most vectors name one or two devices, and
/// an event holds one per version, so a map's node for each would be most of
/// the memory a large event takes.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(from = "BTreeMap<String, u64>", into = "BTreeMap<String, u64>")]
pub struct VersionVector(Vec<(String, u64)>);

impl From<BTreeMap<String, u64>> for VersionVector {
    fn from(entries: BTreeMap<String, u64>) -> Self {
        let mut kept: Vec<(String, u64)> = entries
            .into_iter()
            .filter(|(_, counter)| *counter > 0)
            .collect();
        kept.shrink_to_fit();
        VersionVector(kept)
    }
}

impl From<VersionVector> for BTreeMap<String, u64> {
    fn from(vv: VersionVector) -> Self {
        vv.0.into_iter().collect()
    }
}

impl VersionVector {
    fn find(&self, device: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(d, _)| d.as_str().cmp(device))
    }

    pub fn get(&self, device: &str) -> u64 {
        self.find(device).map_or(0, |at| self.0[at].1)
    }

    pub fn set(&mut self, device: &str, counter: u64) {
        match (self.find(device), counter) {
            (Ok(at), 0) => {
                self.0.remove(at);
            }
            (Ok(at), _) => self.0[at].1 = counter,
            (Err(_), 0) => {}
            (Err(at), _) => self.0.insert(at, (device.to_string(), counter)),
        }
    }

    /// Pointwise maximum: everything either vector had seen.
    pub fn join(&mut self, other: &VersionVector) {
        for (device, counter) in &other.0 {
            if *counter > self.get(device) {
                self.set(device, *counter);
            }
        }
    }

    /// True when `self` has seen at least everything `other` has.
    pub fn covers(&self, other: &VersionVector) -> bool {
        other
            .0
            .iter()
            .all(|(device, counter)| self.get(device) >= *counter)
    }

    /// True when `self` has seen everything `other` has, and more.
    pub fn dominates(&self, other: &VersionVector) -> bool {
        self != other && self.covers(other)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, u64)> {
        self.0.iter().map(|(d, c)| (d.as_str(), *c))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<const N: usize> From<[(&str, u64); N]> for VersionVector {
    fn from(entries: [(&str, u64); N]) -> Self {
        entries
            .iter()
            .map(|(d, c)| (d.to_string(), *c))
            .collect::<BTreeMap<_, _>>()
            .into()
    }
}

/// One version of one record.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    pub id: Id,
    /// The device whose file holds this version: its writer.
    pub device: String,
    pub vv: VersionVector,
    pub author: String,
    pub at: DateTime<Utc>,
    /// The record's value; `None` marks a deletion.
    pub value: Option<Record>,
}

impl Version {
    /// True when `self` replaces `other`: it was written knowing `other`.
    pub fn covers(&self, other: &Version) -> bool {
        self.vv.dominates(&other.vv)
    }
}

/// The current versions of every record: for each id an antichain (no member
/// covers another), kept sorted so that equal sets compare equal.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Merged {
    records: BTreeMap<Id, Vec<Version>>,
}

impl Merged {
    /// Adds one version. Returns true when the current versions of its record
    /// changed (false when it was already known or is covered).
    pub fn insert(&mut self, version: Version) -> bool {
        self.add(version).is_some()
    }

    /// Adds one version, as [`insert`](Merged::insert). When the current
    /// versions of its record changed, returns them, and whether the record
    /// was unknown before: one search of the map for what a reader needs.
    pub fn add(&mut self, version: Version) -> Option<(bool, &[Version])> {
        let current = self.records.entry(version.id.clone()).or_default();
        let fresh = current.is_empty();
        if current
            .iter()
            .any(|known| *known == version || known.covers(&version))
        {
            return None;
        }
        current.retain(|known| !version.covers(known));
        // Nearly every record has one current version: room for exactly one
        // more, not the four a growing vector would take, which for a large
        // event is most of its memory.
        current.reserve_exact(1);
        let at = current.partition_point(|known| *known < version);
        current.insert(at, version);
        Some((fresh, current.as_slice()))
    }

    /// Adds every version of `other`.
    pub fn union(&mut self, other: &Merged) {
        for version in other.versions() {
            self.insert(version.clone());
        }
    }

    /// The current versions of one record (empty when unknown).
    pub fn current(&self, id: &Id) -> &[Version] {
        self.records.get(id).map_or(&[], Vec::as_slice)
    }

    pub fn ids(&self) -> impl Iterator<Item = &Id> {
        self.records.keys()
    }

    pub fn versions(&self) -> impl Iterator<Item = &Version> {
        self.records.values().flatten()
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Records with more than one current version.
    pub fn conflicts(&self) -> impl Iterator<Item = (&Id, &[Version])> {
        self.records
            .iter()
            .filter(|(_, v)| v.len() > 1)
            .map(|(id, v)| (id, v.as_slice()))
    }

    /// What a writer who has seen every current version of `id` has seen.
    pub fn seen(&self, id: &Id) -> VersionVector {
        let mut vv = VersionVector::default();
        for version in self.current(id) {
            vv.join(&version.vv);
        }
        vv
    }
}

/// Current versions in the order people see them numbered (the resolve
/// view, `unconf resolve`): oldest first, then by device. The same on every
/// laptop, since it depends only on the versions.
pub fn in_shown_order(current: &[Version]) -> Vec<Version> {
    let mut all = current.to_vec();
    all.sort_by(|a, b| (a.at, &a.device, &a.vv).cmp(&(b.at, &b.device, &b.vv)));
    all
}

/// The value to show for a record, given its current versions. With one
/// version that is its value. With several (a conflict) a value is still
/// shown, chosen the same way on every device: an edit wins over a deletion
/// (so nothing vanishes from view), then the latest wall-clock time, then the
/// device id. The conflict itself stays flagged until someone resolves it.
pub fn shown_value(current: &[Version]) -> Option<&Record> {
    current
        .iter()
        .max_by(|a, b| {
            (a.value.is_some(), a.at, &a.device, &a.vv).cmp(&(
                b.value.is_some(),
                b.at,
                &b.device,
                &b.vv,
            ))
        })
        .and_then(|v| v.value.as_ref())
}

#[cfg(test)]
mod tests;
