//! Versions of records' fields, and their merge.
//!
//! Every edit writes one or more [`Version`]s. A version is named by its
//! [`Dot`]: the writer (one run of unconf on one device, `device.run`) and
//! that writer's counter. It sets some fields of one record (or deletes it),
//! and carries a [`Context`]: what its writer had in front of them of those
//! fields when they began the edit. A version *covers* another on a field
//! when both set that field and the other's dot is in its context.
//!
//! On each field the current versions are those no other version covers.
//! One current version (or several that agree) is the field's value; several
//! that differ are a conflict, kept until a person writes a version that
//! covers them. A version covered on every field it sets is dropped. Merging
//! is a set union followed by that drop, which is commutative, associative
//! and idempotent: nothing disappears unless a version whose writer saw it
//! replaced it, whatever order files arrive in and however often.
//!
//! Why a writer is a run and not a device: a run sees every version it wrote
//! itself, so a context that names counter 7 of a run truly saw that run's
//! earlier versions of the field. A device's counter would break that as soon
//! as its file is restored from a backup or its identity is copied to
//! another laptop: two lines of edits would share one counter.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::model::field::{self, FieldSet};
use crate::model::{Id, Kind, Record};

/// One run of unconf on one device: `<device id>.<run id>`. Versions from
/// format 1 have the device id alone.
pub type Writer = Arc<str>;

/// The device part of a writer.
pub fn device_of(writer: &str) -> &str {
    writer.split_once('.').map_or(writer, |(device, _)| device)
}

/// The name of one version: its writer and that writer's counter.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Dot {
    pub writer: Writer,
    pub n: u64,
}

impl Dot {
    pub fn device(&self) -> &str {
        device_of(&self.writer)
    }

    /// A short, stable name for people: the writer's run and the counter.
    pub fn label(&self) -> String {
        let run = self
            .writer
            .split_once('.')
            .map_or(&*self.writer, |(_, run)| run);
        let run: String = run.chars().take(4).collect();
        format!("{run}{}", self.n)
    }
}

impl std::fmt::Display for Dot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.writer, self.n)
    }
}

/// Writer -> the highest counter of that writer seen. Zero entries are
/// never kept, so that equal contexts are equal values. A short sorted list
/// rather than a map: most name one or two writers, and an event holds one
/// per version.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(from = "BTreeMap<String, u64>", into = "BTreeMap<String, u64>")]
pub struct Context(Vec<(Writer, u64)>);

impl From<BTreeMap<String, u64>> for Context {
    fn from(entries: BTreeMap<String, u64>) -> Self {
        let mut kept: Vec<(Writer, u64)> = entries
            .into_iter()
            .filter(|(_, counter)| *counter > 0)
            .map(|(writer, counter)| (Writer::from(writer), counter))
            .collect();
        kept.shrink_to_fit();
        Context(kept)
    }
}

impl From<Context> for BTreeMap<String, u64> {
    fn from(context: Context) -> Self {
        context
            .0
            .into_iter()
            .map(|(w, c)| (w.to_string(), c))
            .collect()
    }
}

impl<const N: usize> From<[(&str, u64); N]> for Context {
    fn from(entries: [(&str, u64); N]) -> Self {
        entries
            .iter()
            .map(|(w, c)| (w.to_string(), *c))
            .collect::<BTreeMap<_, _>>()
            .into()
    }
}

impl Context {
    fn find(&self, writer: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(w, _)| (**w).cmp(writer))
    }

    pub fn get(&self, writer: &str) -> u64 {
        self.find(writer).map_or(0, |at| self.0[at].1)
    }

    /// Raises the entry of `writer` to at least `counter`.
    pub fn raise(&mut self, writer: &Writer, counter: u64) {
        if counter == 0 {
            return;
        }
        match self.find(writer) {
            Ok(at) => self.0[at].1 = self.0[at].1.max(counter),
            Err(at) => self.0.insert(at, (Writer::clone(writer), counter)),
        }
    }

    pub fn add(&mut self, dot: &Dot) {
        self.raise(&dot.writer, dot.n);
    }

    /// True when a writer with this context had seen `dot`.
    pub fn contains(&self, dot: &Dot) -> bool {
        self.get(&dot.writer) >= dot.n
    }

    /// Pointwise maximum: everything either had seen.
    pub fn join(&mut self, other: &Context) {
        for (writer, counter) in &other.0 {
            self.raise(writer, *counter);
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Writer, u64)> {
        self.0.iter().map(|(w, c)| (w, *c))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// One version of some fields of one record.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    pub id: Id,
    pub dot: Dot,
    /// What its writer had seen of the fields it sets.
    pub seen: Context,
    /// The fields it sets; [`FieldSet::ALL`] for a new record, a deletion,
    /// and every version from format 1.
    pub fields: FieldSet,
    pub deleted: bool,
    pub author: String,
    pub at: DateTime<Utc>,
    /// The record as its writer had it after the edit (for a deletion: the
    /// record that was deleted). Only `fields` count; the others are what
    /// the writer saw. `None` only for a deletion from format 1.
    pub value: Option<Record>,
    /// For a deletion: the versions of the record's notes and next steps
    /// its writer had seen. Work added to the record that is not among them
    /// was added concurrently, and keeps the record from vanishing.
    pub saw: Vec<Dot>,
}

impl Version {
    pub fn kind(&self) -> Option<Kind> {
        self.value.as_ref().map(Record::kind)
    }

    /// The fields it sets, of those its kind has.
    pub fn sets(&self) -> FieldSet {
        match self.kind() {
            Some(kind) => self.fields.of(kind),
            None => self.fields,
        }
    }

    /// The device that wrote it.
    pub fn device(&self) -> &str {
        self.dot.device()
    }

    /// The fields on which `self` replaces `other`: both set them, and its
    /// writer had seen `other`.
    pub fn covers(&self, other: &Version) -> FieldSet {
        if self.dot != other.dot && self.seen.contains(&other.dot) {
            self.fields.intersect(other.fields)
        } else {
            FieldSet::EMPTY
        }
    }

    /// The value it gives a field, for comparing with another version's.
    fn agrees_on(&self, other: &Version, index: usize) -> bool {
        if self.deleted || other.deleted {
            return self.deleted == other.deleted;
        }
        match (&self.value, &other.value) {
            (Some(a), Some(b)) => field::agree(a, b, FieldSet::one(index)),
            _ => false,
        }
    }
}

/// The versions of every record that are current on at least one field,
/// kept sorted so that equal sets compare equal.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Merged {
    records: BTreeMap<Id, Vec<Version>>,
}

impl Merged {
    /// Adds one version. Returns true when its record's versions changed
    /// (false when it was already known or is covered on every field).
    pub fn insert(&mut self, version: Version) -> bool {
        self.add(version).is_some()
    }

    /// Adds one version, as [`insert`](Merged::insert). When the record's
    /// versions changed, says whether the record was unknown before.
    pub fn add(&mut self, mut version: Version) -> Option<bool> {
        let list = self.records.entry(version.id.clone()).or_default();
        let fresh = list.is_empty();
        if let Some(kind) = version.kind().or_else(|| kind_of(list)) {
            version.fields = version.fields.of(kind);
        }
        if version.fields.is_empty() || list.contains(&version) {
            return None;
        }
        let covered = list.iter().fold(FieldSet::EMPTY, |set, known| {
            set.union(known.covers(&version))
        });
        if version.fields.without(covered).is_empty() {
            return None;
        }
        // Nearly every record has one version: room for exactly one more,
        // not the four a growing vector would take, which for a large event
        // is most of its memory.
        list.reserve_exact(1);
        let at = list.partition_point(|known| *known < version);
        list.insert(at, version);
        normalise(list);
        prune(list);
        if list.capacity() > list.len() {
            list.shrink_to_fit();
        }
        Some(fresh)
    }

    /// Adds every version of `other`.
    pub fn union(&mut self, other: &Merged) {
        for version in other.versions() {
            self.insert(version.clone());
        }
    }

    /// The versions of one record still current on some field (empty when
    /// unknown).
    pub fn current(&self, id: &Id) -> &[Version] {
        self.records.get(id).map_or(&[], Vec::as_slice)
    }

    pub fn ids(&self) -> impl Iterator<Item = &Id> {
        self.records.keys()
    }

    /// Every record's current versions, in id order.
    pub fn records(&self) -> impl Iterator<Item = (&Id, &[Version])> {
        self.records.iter().map(|(id, list)| (id, list.as_slice()))
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

    /// True when this set already holds `version` or something that
    /// replaces it on every field it sets.
    pub fn has(&self, version: &Version) -> bool {
        let list = self.current(&version.id);
        let mut version = version.clone();
        if let Some(kind) = version.kind().or_else(|| kind_of(list)) {
            version.fields = version.fields.of(kind);
        }
        if list.contains(&version) {
            return true;
        }
        let covered = list.iter().fold(FieldSet::EMPTY, |set, known| {
            set.union(known.covers(&version))
        });
        version.fields.without(covered).is_empty()
    }
}

/// Narrows every version's fields to those its record's kind has, so that
/// a deletion from format 1 (which names no kind) can be covered whole.
fn normalise(list: &mut [Version]) {
    if let Some(kind) = kind_of(list) {
        for version in list.iter_mut() {
            version.fields = version.fields.of(kind);
        }
    }
}

/// Drops the versions covered on every field they set.
fn prune(list: &mut Vec<Version>) {
    let dropped: Vec<bool> = list
        .iter()
        .enumerate()
        .map(|(i, version)| {
            let covered = list
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .fold(FieldSet::EMPTY, |set, (_, other)| {
                    set.union(other.covers(version))
                });
            version.fields.without(covered).is_empty()
        })
        .collect();
    if dropped.iter().any(|d| *d) {
        let mut flags = dropped.into_iter();
        list.retain(|_| !flags.next().unwrap_or(false));
    }
}

/// The kind of a record, from any of its versions.
pub fn kind_of(versions: &[Version]) -> Option<Kind> {
    versions.iter().find_map(Version::kind)
}

/// The versions current on one field: those that set it and that no other
/// version covers on it.
pub fn current_on(versions: &[Version], index: usize) -> Vec<&Version> {
    let bit = FieldSet::one(index);
    versions
        .iter()
        .filter(|v| !v.fields.intersect(bit).is_empty())
        .filter(|v| {
            !versions
                .iter()
                .any(|other| !other.covers(v).intersect(bit).is_empty())
        })
        .collect()
}

/// The fields on which current versions disagree.
pub fn conflicting_fields(versions: &[Version]) -> FieldSet {
    let Some(kind) = kind_of(versions) else {
        // Deletions from format 1 only: they all say the same.
        return FieldSet::EMPTY;
    };
    let mut set = FieldSet::EMPTY;
    for index in 0..field::names(kind).len() {
        let current = current_on(versions, index);
        if let Some((first, rest)) = current.split_first()
            && rest.iter().any(|v| !v.agrees_on(first, index))
        {
            set.insert(index);
        }
    }
    set
}

/// The versions current on at least one of `fields`.
pub fn current_on_any(versions: &[Version], fields: FieldSet) -> Vec<&Version> {
    let mut found: Vec<&Version> = Vec::new();
    if let Some(kind) = kind_of(versions) {
        for index in fields.indexes(kind) {
            for version in current_on(versions, index) {
                if !found.contains(&version) {
                    found.push(version);
                }
            }
        }
    }
    found
}

/// What a record shows, worked out from its versions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Composed {
    /// `None` when every field's current versions delete it.
    pub value: Option<Record>,
    /// Fields on which current versions disagree.
    pub conflicts: FieldSet,
}

/// The order in which versions win when a value must be shown: an edit
/// over a deletion (so that nothing vanishes from view), then the latest
/// wall-clock time, then the dot. The same on every device, since it
/// depends only on the versions; the conflict itself stays flagged.
fn shown_key(version: &Version) -> (bool, DateTime<Utc>, &Dot) {
    (!version.deleted, version.at, &version.dot)
}

/// The record's value: each field from its shown current version, over the
/// newest whole value known.
pub fn compose(versions: &[Version]) -> Composed {
    let conflicts = conflicting_fields(versions);
    let Some(kind) = kind_of(versions) else {
        return Composed {
            value: None,
            conflicts,
        };
    };
    let mut live = false;
    let mut chosen: Vec<Option<&Version>> = Vec::new();
    for index in 0..field::names(kind).len() {
        let shown = current_on(versions, index)
            .into_iter()
            .max_by(|a, b| shown_key(a).cmp(&shown_key(b)));
        live |= shown.is_some_and(|v| !v.deleted);
        chosen.push(shown.filter(|v| !v.deleted));
    }
    if !live {
        return Composed {
            value: None,
            conflicts,
        };
    }
    let base = versions
        .iter()
        .filter(|v| v.value.as_ref().is_some_and(|r| r.kind() == kind))
        .max_by(|a, b| shown_key(a).cmp(&shown_key(b)))
        .and_then(|v| v.value.clone());
    let mut value = base;
    if let Some(record) = value.as_mut() {
        for (index, version) in chosen.iter().enumerate() {
            if let Some(from) = version.and_then(|v| v.value.as_ref()) {
                field::copy(record, from, FieldSet::one(index));
            }
        }
    }
    Composed { value, conflicts }
}

/// What a writer who begins to edit a field now has seen of it: every
/// version that sets it, and what each of those had seen.
pub fn context_on(versions: &[Version], index: usize) -> Context {
    let mut context = Context::default();
    for version in versions.iter().filter(|v| v.fields.contains(index)) {
        context.join(&version.seen);
        context.add(&version.dot);
    }
    context
}

/// What a writer who begins to edit the whole record (delete it, or keep
/// one version over others) has seen of it.
pub fn context_whole(versions: &[Version]) -> Context {
    let mut context = Context::default();
    for version in versions {
        context.join(&version.seen);
        context.add(&version.dot);
    }
    context
}

/// Current versions in the order people see them numbered (the resolve
/// view, `unconf resolve`): oldest first, then by writer. The same on every
/// laptop, since it depends only on the versions.
pub fn in_shown_order(current: &[&Version]) -> Vec<Version> {
    let mut all: Vec<Version> = current.iter().map(|v| (*v).clone()).collect();
    all.sort_by(|a, b| (a.at, &a.dot).cmp(&(b.at, &b.dot)));
    all
}

#[cfg(test)]
mod tests;
