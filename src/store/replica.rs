//! This device's copy of an event, in memory: every version read, the merged
//! event, and what this device's file holds. Pure: no files, no clock; the
//! caller passes the time. The TUI keeps one in its state; the store reads
//! it from and writes it to the folder.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::Identity;
use super::format::{DeviceFile, FORMAT_NAME, FORMAT_VERSION, FileVersions, StoredVersion};
use super::version::{
    self, Context, Dot, Merged, Version, Writer, compose, context_on, current_on, device_of,
};
use crate::model::field::{self, FieldSet};
use crate::model::id::fnv1a64;
use crate::model::{Change, Event, Id, IdGen, Kind, Record};

/// What a person had in front of them of one record when they began an
/// edit: for each field, every version of it they had seen. An edit made
/// from it replaces only those; anything that arrived since stays, as a
/// conflict when it set the same field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Begun {
    pub id: Id,
    /// By field position; empty when the record did not exist.
    fields: Vec<Context>,
    /// The versions of the record's notes and next steps seen.
    children: Vec<Dot>,
    /// The record as shown then: an edit sets only the fields changed from
    /// it, so a form that shows every field rewrites none it left alone.
    value: Option<Record>,
}

impl Begun {
    /// What the writer of `version` had in front of them, plus `version`
    /// itself: the context of undoing or redoing it.
    pub fn after(version: &Version) -> Begun {
        let mut context = version.seen.clone();
        context.add(&version.dot);
        let count = version.kind().map_or(0, |k| field::names(k).len());
        let fields = (0..count)
            .map(|i| {
                if version.fields.contains(i) {
                    context.clone()
                } else {
                    Context::default()
                }
            })
            .collect();
        Begun {
            id: version.id.clone(),
            fields,
            children: version.saw.clone(),
            value: None,
        }
    }

    fn context(&self, index: usize) -> Context {
        self.fields.get(index).cloned().unwrap_or_default()
    }

    /// The versions seen, as dots, for telling whether the record has
    /// changed since.
    pub fn covers(&self, version: &Version, index: usize) -> bool {
        self.fields
            .get(index)
            .is_some_and(|context| context.contains(&version.dot))
    }
}

/// One edit to one record, as the store writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub id: Id,
    /// The new value, or `None` to delete the record.
    pub record: Option<Record>,
    /// What the writer saw when they began; `None`: what is current now
    /// (an edit begun and made at once, such as a key press).
    pub begun: Option<Begun>,
    /// `Some`: set exactly these fields wherever a current version differs
    /// (undo, redo, keeping a version); `None`: the fields in which the new
    /// value differs from the value shown.
    pub fields: Option<FieldSet>,
}

impl Edit {
    /// An edit begun and made at once.
    pub fn now(change: Change) -> Edit {
        Edit {
            id: change.id,
            record: change.record,
            begun: None,
            fields: None,
        }
    }

    /// An edit begun earlier (an editor or form that was open).
    pub fn begun(change: Change, begun: Option<&Begun>) -> Edit {
        Edit {
            begun: begun.filter(|b| b.id == change.id).cloned(),
            ..Edit::now(change)
        }
    }
}

/// A version written by [`Replica::commit`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    pub version: Version,
    /// The value of the record before the edit.
    pub before: Option<Record>,
    /// Versions by others that are still current on the fields it set and
    /// say something else: changes the writer had not seen.
    pub unseen: Vec<Version>,
}

/// A laptop's own file that is behind what other laptops have seen of it:
/// restored from a backup, or put back by a sync tool.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OwnLag {
    /// Its own edits found in other files and taken back into its file.
    pub taken_back: usize,
    /// True when other laptops have seen edits of this device that no file
    /// here holds any more.
    pub missing: bool,
}

/// Why the replica refused an edit: this laptop may only read the event,
/// for the reason given ("it is open for editing in ...").
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct ReadOnlyError {
    pub reason: String,
}

#[derive(Clone, Debug)]
pub struct Replica {
    me: Identity,
    /// This run's writer and ids, made at its first edit.
    run: Option<(Writer, IdGen)>,
    /// Mixed into the run's name under a fixed clock, where runs cannot be
    /// told apart by randomness (a machine-local count of runs).
    run_seed: u64,
    /// The last counter this run used.
    counter: u64,
    fixed_clock: bool,
    /// Records this device has made ids for; never goes back.
    seq: u64,
    /// What this device's file holds: versions it wrote, in any run, and
    /// copies of other devices' versions that a merge brought here. Shared
    /// with a save in progress ([`OwnSnapshot`]), so that taking one costs
    /// nothing; an edit made while a save still reads it copies it first.
    own: Arc<Merged>,
    /// The highest counter of each of this device's runs its files record.
    own_counters: BTreeMap<String, u64>,
    /// Versions read from this device's own files (its file and copies of
    /// it), to tell which of its versions came back from elsewhere.
    in_own_files: BTreeSet<Dot>,
    merged: Merged,
    event: Event,
    /// Versions were merged by [`absorb_unsettled`](Replica::absorb_unsettled)
    /// and the event does not show them yet: [`settle`](Replica::settle).
    unsettled: bool,
    read_only: Option<String>,
    /// Device id -> the label its file gave, for naming who wrote a version.
    labels: BTreeMap<String, String>,
}

/// How a file relates to this device.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// This device's own file, or a copy of it (a sync tool's conflict
    /// copy, a backup, a copy in a merged folder): everything it holds is
    /// kept in the own file.
    Own,
    /// Another device's file; only this device's versions in it (copies
    /// it carries) are taken back into the own file.
    Other,
    /// This machine's own copy of the own file (as it last wrote it, or a
    /// backup): everything it holds is kept in the own file, and what the
    /// own file in the folder lacked of it is counted as taken back.
    Copy,
}

impl Replica {
    pub fn new(event_id: Id, me: Identity, fixed_clock: bool) -> Replica {
        let labels = BTreeMap::from([(me.device.clone(), me.label.clone())]);
        Replica {
            labels,
            me,
            run: None,
            run_seed: 0,
            counter: 0,
            fixed_clock,
            seq: 0,
            own: Arc::default(),
            own_counters: BTreeMap::new(),
            in_own_files: BTreeSet::new(),
            merged: Merged::default(),
            event: Event::new(event_id),
            unsettled: false,
            read_only: None,
        }
    }

    /// Sets what tells this run apart from others under a fixed clock.
    pub fn set_run_seed(&mut self, seed: u64) {
        self.run_seed = seed;
    }

    /// Adds every version of a device file of this event. Returns how many
    /// versions were new (0 when the file brought nothing unseen).
    pub fn absorb(&mut self, file: DeviceFile, source: Source) -> usize {
        self.absorb_versions(file.into_file_versions(), source)
    }

    /// [`absorb`](Replica::absorb) of a file already taken apart (on the
    /// thread that read it).
    pub fn absorb_versions(&mut self, file: FileVersions, source: Source) -> usize {
        self.settle();
        let mut touched = Vec::new();
        self.merge_versions(file, source, Some(&mut touched));
        self.refresh_all(&touched);
        touched.len()
    }

    /// [`absorb_versions`](Replica::absorb_versions) for a replica whose
    /// event is still empty, as when a folder is opened: the versions are
    /// merged but the event shows them only after [`settle`](Replica::settle),
    /// which works out each record's value once, whatever the number of
    /// files that brought it, and builds the event's maps in id order
    /// rather than one search at a time. A replica that already holds
    /// versions merged otherwise takes the file as `absorb_versions` does.
    pub fn absorb_unsettled(&mut self, file: FileVersions, source: Source) -> usize {
        if !self.unsettled && !self.merged.is_empty() {
            return self.absorb_versions(file, source);
        }
        self.unsettled = true;
        self.merge_versions(file, source, None)
    }

    /// Makes the event show every version that
    /// [`absorb_unsettled`](Replica::absorb_unsettled) merged: the same
    /// event as absorbing the files one by one would give.
    pub fn settle(&mut self) {
        if !std::mem::take(&mut self.unsettled) {
            return;
        }
        // Nearly every record has one version, its value: put in whole,
        // in id order. The rest (deleted, conflicted, edited concurrently)
        // are worked out one by one, as a merge does.
        let mut new = Vec::new();
        let mut rest = Vec::new();
        for (id, current) in self.merged.records() {
            match current {
                [only] if !only.deleted => {
                    if let Some(value) = &only.value {
                        new.push((id, value));
                    }
                }
                _ => rest.push(id.clone()),
            }
        }
        self.event.apply_all_new(&new);
        for id in &rest {
            self.refresh(id);
        }
        // A session refreshed above before its notes were in: refreshed
        // again now that they are (see `refresh_all`). A record that needs
        // it is deleted or conflicted, so among the rest; refreshing any
        // other changes nothing.
        self.refresh_parents(rest);
    }

    /// Merges a file's versions; with `touched`, notes each record whose
    /// versions changed and whether it was unknown before. Returns how
    /// many versions were new.
    fn merge_versions(
        &mut self,
        file: FileVersions,
        source: Source,
        mut touched: Option<&mut Vec<(Id, bool)>>,
    ) -> usize {
        let FileVersions {
            head: file,
            versions,
            ..
        } = file;
        let mine = file.device == self.me.device;
        if mine {
            self.seq = self.seq.max(file.seq);
            for (writer, counter) in &file.counters {
                let entry = self.own_counters.entry(writer.clone()).or_default();
                *entry = (*entry).max(*counter);
            }
            if file.version == 1 {
                let entry = self.own_counters.entry(file.device.clone()).or_default();
                *entry = (*entry).max(file.seq);
            }
        }
        self.note_labels(&file);
        let keep_all = mine && source != Source::Other;
        let in_own_file = mine && source == Source::Own;
        let mut gained = 0;
        for version in versions {
            if let Some((writer, _)) = &self.run
                && *version.dot.writer == **writer
            {
                self.counter = self.counter.max(version.dot.n);
            }
            if in_own_file {
                self.in_own_files.insert(version.dot.clone());
            }
            let copy = (keep_all || version.device() == self.me.device).then(|| version.clone());
            let id = touched.is_some().then(|| version.id.clone());
            let added = self.merged.add(version);
            if let Some(fresh) = added {
                gained += 1;
                if let (Some(touched), Some(id)) = (touched.as_deref_mut(), id) {
                    touched.push((id, fresh));
                }
            }
            // This device's versions found in another device's file (a
            // copy a merge carried there) are taken back into its own file
            // when they are news here: its own file may have been restored.
            if let Some(copy) = copy
                && (keep_all || added.is_some())
            {
                Arc::make_mut(&mut self.own).insert(copy);
            }
        }
        gained
    }

    /// Remembers the labels a file gives its device and the devices whose
    /// versions it carries, for naming who wrote what.
    pub fn note_labels(&mut self, file: &DeviceFile) {
        if file.device != self.me.device {
            self.labels.insert(file.device.clone(), file.label.clone());
        }
        for (device, label) in &file.labels {
            if *device != self.me.device {
                self.labels
                    .entry(device.clone())
                    .or_insert_with(|| label.clone());
            }
        }
    }

    /// Re-derives the records that changed, and then the sessions whose
    /// notes or next steps changed while the session stood deleted.
    fn refresh_all(&mut self, touched: &[(Id, bool)]) {
        let mut parents = BTreeSet::new();
        for (id, fresh) in touched {
            let current = self.merged.current(id);
            // Most records have one version, which is their value: no need
            // to look for an old value or compose fields. Seen for the
            // first time, it was in no session before, and its session is
            // the one its value names.
            if *fresh && current.len() == 1 && !current[0].deleted {
                let value = current[0].value.clone();
                if let Some(parent) = value.as_ref().and_then(parent_in) {
                    parents.insert(parent.clone());
                }
                self.event.apply_new(id, value);
                continue;
            }
            // Looked up before the refresh too: a note or next step that is
            // now deleted has left the event, and its session may have been
            // shown only because of it.
            if let Some(parent) = self.parent_of(id) {
                parents.insert(parent);
            }
            self.refresh(id);
            if let Some(parent) = self.parent_of(id) {
                parents.insert(parent);
            }
        }
        self.refresh_parents(parents);
    }

    /// Refreshes each session whose notes or next steps changed, when it is
    /// deleted or conflicted: whether work its deleter had not seen keeps
    /// it depends on them.
    fn refresh_parents(&mut self, parents: impl IntoIterator<Item = Id>) {
        for parent in parents {
            let deleted = !self.event.sessions.contains_key(&parent)
                && !self.merged.current(&parent).is_empty();
            if deleted || self.event.is_conflicted(&parent) {
                self.refresh(&parent);
            }
        }
    }

    /// The session a note or next step belongs to.
    fn parent_of(&self, id: &Id) -> Option<Id> {
        if let Some(note) = self.event.notes.get(id) {
            return Some(note.session.clone());
        }
        self.event.actions.get(id).and_then(|a| a.session.clone())
    }

    /// Re-derives one record's shown value and conflict flag.
    fn refresh(&mut self, id: &Id) {
        let current = self.merged.current(id);
        let composed = compose(current);
        let mut value = composed.value;
        let mut conflict = !composed.conflicts.is_empty();
        if value.is_none()
            && let Some(snapshot) = self.unseen_work(id)
        {
            value = Some(snapshot);
            conflict = true;
        }
        self.event.set_conflict(id, conflict);
        self.event.apply(id, value);
    }

    /// For a deleted session: the session as it was deleted, when notes or
    /// next steps were added to it that its deleter had not seen. Their
    /// work must not vanish with it until a person decides.
    fn unseen_work(&self, id: &Id) -> Option<Record> {
        let current = self.merged.current(id);
        let deletion = current
            .iter()
            .filter(|v| v.deleted)
            .max_by(|a, b| (a.at, &a.dot).cmp(&(b.at, &b.dot)))?;
        let Some(Record::Session(_)) = &deletion.value else {
            return None;
        };
        let saw: BTreeSet<&Dot> = current.iter().flat_map(|v| v.saw.iter()).collect();
        let unseen = self
            .children_of(id)
            .iter()
            .flat_map(|child| self.merged.current(child))
            .any(|v| !saw.contains(&v.dot));
        unseen.then(|| deletion.value.clone()).flatten()
    }

    /// The notes and next steps of a session.
    pub(crate) fn children_of(&self, id: &Id) -> Vec<Id> {
        let mut children: Vec<Id> = self
            .event
            .notes_of(id)
            .map(|(child, _)| child.clone())
            .collect();
        // Next-step records only: an action note is among the notes.
        children.extend(
            (self.event.actions.iter())
                .filter(|(_, a)| a.session.as_ref() == Some(id))
                .map(|(child, _)| child.clone()),
        );
        children
    }

    /// What a person who begins to edit `id` now has in front of them.
    pub fn begin(&self, id: &Id) -> Begun {
        let current = self.merged.current(id);
        let count = version::kind_of(current).map_or(0, |k| field::names(k).len());
        Begun {
            id: id.clone(),
            fields: (0..count).map(|i| context_on(current, i)).collect(),
            children: self
                .children_of(id)
                .iter()
                .flat_map(|child| self.merged.current(child))
                .map(|v| v.dot.clone())
                .collect(),
            value: self.event.record(id),
        }
    }

    /// True for a version this run wrote.
    fn is_mine(&self, version: &Version) -> bool {
        self.run
            .as_ref()
            .is_some_and(|(writer, _)| *version.dot.writer == **writer)
    }

    /// The edits that put back what `written` replaced (undo, and redo of
    /// an undo). Each covers what the undone version's writer had seen, the
    /// version itself, and what this run wrote since on the same fields (an
    /// earlier undo): never another laptop's change made since, which stays
    /// as a conflict rather than vanishing under the undo.
    pub fn reverse(&self, written: &[Written]) -> Vec<Edit> {
        written
            .iter()
            .rev()
            .map(|w| {
                // Undo goes back through this run's own steps in order: an
                // earlier undo of the same fields was in front of the person.
                let mut begun = Begun::after(&w.version);
                let current = self.merged.current(&w.version.id);
                for (index, context) in begun.fields.iter_mut().enumerate() {
                    if !w.version.fields.contains(index) {
                        continue;
                    }
                    for v in current_on(current, index)
                        .into_iter()
                        .filter(|v| self.is_mine(v))
                    {
                        context.join(&v.seen);
                        context.add(&v.dot);
                    }
                }
                Edit {
                    id: w.version.id.clone(),
                    record: w.before.clone(),
                    begun: Some(begun),
                    fields: (!w.version.deleted && w.before.is_some()).then_some(w.version.fields),
                }
            })
            .collect()
    }

    /// The versions of `id` that arrived since `begun` and set one of
    /// `fields` (every field when `None`): what an open editor was not
    /// shown.
    pub fn changed_since(&self, begun: &Begun, fields: Option<FieldSet>) -> Vec<&Version> {
        let current = self.merged.current(&begun.id);
        let Some(kind) = version::kind_of(current) else {
            return Vec::new();
        };
        let fields = fields.unwrap_or(FieldSet::ALL).of(kind);
        let mut found: Vec<&Version> = Vec::new();
        for index in fields.indexes(kind) {
            for v in current_on(current, index) {
                if !begun.covers(v, index) && !found.contains(&v) {
                    found.push(v);
                }
            }
        }
        found
    }

    /// The id of the event this replica holds (also while unsettled).
    pub fn event_id(&self) -> &Id {
        &self.event.id
    }

    pub fn event(&self) -> &Event {
        debug_assert!(
            !self.unsettled,
            "the replica is settled before its event is read"
        );
        &self.event
    }

    /// The merged event alone, every version behind it dropped: for a
    /// command that only reads the event (an export), which then needs
    /// about half the memory.
    pub fn into_event(mut self) -> Event {
        self.settle();
        self.event
    }

    pub fn merged(&self) -> &Merged {
        &self.merged
    }

    /// Records whose current versions disagree, or that were deleted while
    /// another laptop added to them.
    pub fn conflicts(&self) -> impl Iterator<Item = &Id> {
        self.event().conflicts.iter()
    }

    /// The label a device's file gives it, if a file of it was read.
    pub fn device_label(&self, device: &str) -> Option<&str> {
        self.labels.get(device).map(String::as_str)
    }

    pub fn identity(&self) -> &Identity {
        &self.me
    }

    /// Why this event cannot be edited here, if it cannot.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    pub fn set_read_only(&mut self, reason: impl Into<String>) {
        self.read_only = Some(reason.into());
    }

    /// Makes the event editable again (the lock it waited for is free).
    pub fn clear_read_only(&mut self) {
        self.read_only = None;
    }

    /// This run's writer, named at its first edit: random, or under a fixed
    /// clock derived from everything that tells runs apart, so that files
    /// made by scripts are the same on every run.
    fn run(&mut self, at: DateTime<Utc>) -> (Writer, &mut IdGen) {
        let name = self.run.is_none().then(|| self.run_name(at));
        let (writer, ids) = self.run.get_or_insert_with(|| {
            let name = name.unwrap_or_default();
            (Writer::from(name.as_str()), IdGen::new(name.as_bytes()))
        });
        (Writer::clone(writer), ids)
    }

    fn run_name(&self, at: DateTime<Utc>) -> String {
        let bits = if self.fixed_clock {
            let mut input = format!("{}/{}/{}/{}", self.me.device, self.seq, at, self.run_seed);
            for (writer, counter) in &self.own_counters {
                input.push_str(&format!("/{writer}={counter}"));
            }
            fnv1a64(input.as_bytes())
        } else {
            super::random_u64() ^ fnv1a64(self.me.device.as_bytes())
        };
        format!("{}.{}", self.me.device, super::identity::base32(bits))
    }

    /// A fresh id for a new record made at `now`.
    pub fn new_id(&mut self, now: DateTime<Utc>) -> Id {
        self.seq += 1;
        let seq = self.seq;
        let fixed = self.fixed_clock;
        let (_, ids) = self.run(now);
        let ms = u64::try_from(now.timestamp_millis()).unwrap_or(0);
        // Under a fixed clock ids still sort in creation order across runs.
        let ms = ms + if fixed { seq } else { 0 };
        ids.make(ms, seq)
    }

    /// Applies the changes as edits begun now. Refused when read-only.
    pub fn commit(&mut self, changes: Vec<Change>, at: DateTime<Utc>) -> Result<(), ReadOnlyError> {
        self.commit_edits(changes.into_iter().map(Edit::now).collect(), at)
            .map(|_| ())
    }

    /// Writes the edits as new versions by this run, each covering only
    /// what its writer had seen. Returns what was written. Refused when
    /// read-only.
    pub fn commit_edits(
        &mut self,
        edits: Vec<Edit>,
        at: DateTime<Utc>,
    ) -> Result<Vec<Written>, ReadOnlyError> {
        self.settle();
        if let Some(reason) = &self.read_only {
            return Err(ReadOnlyError {
                reason: reason.clone(),
            });
        }
        let mut written = Vec::new();
        for edit in edits {
            let before = self.event.record(&edit.id);
            for version in self.versions_for(&edit, at) {
                Arc::make_mut(&mut self.own).insert(version.clone());
                self.merged.insert(version.clone());
                let id = edit.id.clone();
                self.refresh_all(&[(id, false)]);
                let unseen = self.unseen_by(&version);
                written.push(Written {
                    version,
                    before: before.clone(),
                    unseen,
                });
            }
        }
        Ok(written)
    }

    /// The versions one edit writes: one per group of fields whose seen
    /// versions are the same, so that each says exactly what was seen.
    fn versions_for(&mut self, edit: &Edit, at: DateTime<Utc>) -> Vec<Version> {
        let current = self.merged.current(&edit.id);
        let shown = self.event.record(&edit.id);
        let Some(kind) = edit
            .record
            .as_ref()
            .map(Record::kind)
            .or_else(|| version::kind_of(current))
        else {
            return Vec::new();
        };
        let all = field::all(kind);
        let (fields, value, deleted) = match &edit.record {
            None if current.is_empty() => return Vec::new(),
            // The record as its deleter had it: shown now, or when the
            // editor opened if it was deleted here since. A deletion without
            // a value would keep a session it deleted hidden even when work
            // was added to it unseen (see `unseen_work`).
            None => {
                let value = shown
                    .clone()
                    .or_else(|| edit.begun.as_ref().and_then(|b| b.value.clone()))
                    .or_else(|| {
                        current
                            .iter()
                            .filter(|v| v.value.is_some())
                            .max_by(|a, b| (a.at, &a.dot).cmp(&(b.at, &b.dot)))
                            .and_then(|v| v.value.clone())
                    });
                (all, value, true)
            }
            Some(new) => {
                let live = current.iter().any(|v| !v.deleted) && shown.is_some();
                let fields = match (edit.fields, &shown) {
                    // Bringing back a deleted record sets every field.
                    _ if !live => all,
                    (Some(set), _) => {
                        set.of(kind)
                            .indexes(kind)
                            .fold(FieldSet::EMPTY, |acc, index| {
                                let differs = current_on(current, index).iter().any(|v| {
                                    v.deleted
                                        || v.value.as_ref().is_none_or(|r| {
                                            !field::agree(r, new, FieldSet::one(index))
                                        })
                                });
                                if differs {
                                    acc.union(FieldSet::one(index))
                                } else {
                                    acc
                                }
                            })
                    }
                    // What the person changed from what they began with,
                    // and only where it differs from what is shown now: a
                    // field another laptop changed meanwhile, that a form
                    // merely carried along, is not written again.
                    (None, shown)
                        if let Some(begun) = edit.begun.as_ref()
                            && let Some(before) = &begun.value
                            && before.kind() == kind =>
                    {
                        let changed = field::differing(before, new).of(kind);
                        match shown {
                            Some(shown) => changed.intersect(field::differing(shown, new)),
                            None => changed,
                        }
                    }
                    (None, Some(shown)) => field::differing(shown, new).of(kind),
                    (None, None) => all,
                };
                (fields, Some(new.clone()), false)
            }
        };
        if fields.is_empty() {
            return Vec::new();
        }
        let saw: Vec<Dot> = if deleted {
            match &edit.begun {
                Some(begun) => begun.children.clone(),
                None => self.begin(&edit.id).children,
            }
        } else {
            Vec::new()
        };
        // Group the fields by what was seen of them.
        let mut groups: Vec<(Context, FieldSet)> = Vec::new();
        for index in fields.indexes(kind) {
            let context = match &edit.begun {
                Some(begun) => begun.context(index),
                None => context_on(current, index),
            };
            match groups.iter_mut().find(|(c, _)| *c == context) {
                Some((_, set)) => set.insert(index),
                None => groups.push((context, FieldSet::one(index))),
            }
        }
        let author = self.me.author.clone();
        let (writer, _) = self.run(at);
        groups
            .into_iter()
            .map(|(seen, fields)| {
                self.counter += 1;
                Version {
                    id: edit.id.clone(),
                    dot: Dot {
                        writer: Writer::clone(&writer),
                        n: self.counter,
                    },
                    seen,
                    fields,
                    deleted,
                    author: author.clone(),
                    at,
                    value: value.clone(),
                    saw: saw.clone(),
                }
            })
            .collect()
    }

    /// Current versions by others on the fields `version` sets that say
    /// something else, or the record's notes added unseen by a deletion.
    fn unseen_by(&self, version: &Version) -> Vec<Version> {
        let current = self.merged.current(&version.id);
        let mut found: Vec<Version> = Vec::new();
        if let Some(kind) = version.kind() {
            for index in version.fields.indexes(kind) {
                for other in current_on(current, index) {
                    if other.dot != version.dot
                        && !version.seen.contains(&other.dot)
                        && !found.contains(other)
                    {
                        found.push(other.clone());
                    }
                }
            }
        }
        found
    }

    /// What this device's file should hold now.
    pub fn own_file(&self) -> DeviceFile {
        self.own_snapshot().to_file()
    }

    /// What this device's file should hold now, taken without copying a
    /// version: the versions are shared until an edit changes them, so a
    /// save can turn it into text on another thread while typing goes on.
    pub fn own_snapshot(&self) -> OwnSnapshot {
        let mut counters = self.own_counters.clone();
        if let Some((writer, _)) = &self.run
            && self.counter > 0
        {
            let entry = counters.entry(writer.to_string()).or_default();
            *entry = (*entry).max(self.counter);
        }
        OwnSnapshot {
            event: self.event.id.clone(),
            me: self.me.clone(),
            seq: self.seq,
            counters,
            labels: self.labels.clone(),
            versions: Arc::clone(&self.own),
        }
    }

    /// How many versions this device's file holds.
    pub fn own_len(&self) -> usize {
        self.own.versions().count()
    }

    /// The versions this device's file holds.
    pub fn own(&self) -> &Merged {
        self.own.as_ref()
    }

    /// The newest time among this device's versions.
    pub fn own_last_change(&self) -> Option<DateTime<Utc>> {
        last_change(&self.own, &self.me.device)
    }

    /// Adds versions from another copy of the event that this folder
    /// lacks to the own file, which carries them to every laptop that gets
    /// it. Returns how many versions were carried.
    pub fn carry(&mut self, versions: Vec<Version>) -> usize {
        self.settle();
        let mut touched = Vec::new();
        let mut carried = 0;
        for version in versions {
            if self.merged.has(&version) {
                continue;
            }
            carried += 1;
            Arc::make_mut(&mut self.own).insert(version.clone());
            let id = version.id.clone();
            if let Some(fresh) = self.merged.add(version) {
                touched.push((id, fresh));
            }
        }
        self.refresh_all(&touched);
        carried
    }

    /// True when other laptops have seen edits of this device that no file
    /// read here holds.
    pub fn own_missing(&self) -> bool {
        let (seen_by_others, held) = self.own_mentions();
        seen_by_others
            .iter()
            .any(|(writer, n)| *n > held.get(writer).copied().unwrap_or(0))
    }

    /// What other laptops' versions say they saw of this device's runs, and
    /// the newest version of each run held here.
    fn own_mentions(&self) -> (BTreeMap<String, u64>, BTreeMap<String, u64>) {
        let me = &self.me.device;
        let mut seen_by_others: BTreeMap<String, u64> = BTreeMap::new();
        let mut held: BTreeMap<String, u64> = BTreeMap::new();
        for version in self.merged.versions() {
            if version.device() == me {
                let entry = held.entry(version.dot.writer.to_string()).or_default();
                *entry = (*entry).max(version.dot.n);
                continue;
            }
            let mentions = version
                .seen
                .iter()
                .chain(version.saw.iter().map(|d| (&d.writer, d.n)));
            for (writer, n) in mentions {
                if device_of(writer) == me {
                    let entry = seen_by_others.entry(writer.to_string()).or_default();
                    *entry = (*entry).max(n);
                }
            }
        }
        (seen_by_others, held)
    }

    /// After another device's file was read again: its versions this
    /// replica still holds as current but the file no longer has (an older
    /// copy of it was put back, or a cloned identity wrote over it) are
    /// carried in this device's file, so that what was shown here is never
    /// buried by a restore elsewhere. Returns how many were carried.
    pub fn keep_what_a_file_dropped(&mut self, device: &str, in_file: &BTreeSet<Dot>) -> usize {
        let dropped: Vec<Version> = self
            .merged
            .versions()
            .filter(|v| v.device() == device && !in_file.contains(&v.dot))
            .cloned()
            .collect();
        let mut kept = 0;
        for version in dropped {
            if Arc::make_mut(&mut self.own).insert(version) {
                kept += 1;
            }
        }
        kept
    }

    /// Whether this device's file was behind what other laptops had seen of
    /// it, worked out once every file is read; afterwards the file records
    /// that it has caught up.
    pub fn own_lag(&mut self) -> Option<OwnLag> {
        let me = self.me.device.clone();
        let (seen_by_others, held) = self.own_mentions();
        let recorded = |writer: &str| self.own_counters.get(writer).copied().unwrap_or(0);
        let behind = seen_by_others
            .iter()
            .any(|(writer, n)| *n > recorded(writer));
        let missing = seen_by_others
            .iter()
            .any(|(writer, n)| *n > held.get(writer).copied().unwrap_or(0));
        let back: Vec<Dot> = self
            .own
            .versions()
            .filter(|v| v.device() == me && !self.in_own_files.contains(&v.dot))
            .filter(|v| {
                self.run
                    .as_ref()
                    .is_none_or(|(writer, _)| *v.dot.writer != **writer)
            })
            .map(|v| v.dot.clone())
            .collect();
        let taken_back = back.len();
        self.in_own_files.extend(back);
        // The file records that it has caught up with what it holds; what
        // other laptops saw and no file here holds stays unrecorded, so that
        // every run says so until a copy that has it is merged.
        for (writer, n) in held.iter().chain(
            seen_by_others
                .iter()
                .filter(|(w, n)| **n <= held.get(*w).copied().unwrap_or(0)),
        ) {
            let entry = self.own_counters.entry(writer.clone()).or_default();
            *entry = (*entry).max(*n);
        }
        (behind || taken_back > 0).then_some(OwnLag {
            taken_back,
            missing,
        })
    }

    /// The record kind of a record's versions, if known.
    pub fn kind_of(&self, id: &Id) -> Option<Kind> {
        version::kind_of(self.merged.current(id))
    }
}

/// The session a note or next step names.
fn parent_in(record: &Record) -> Option<&Id> {
    match record {
        Record::Note(note) => Some(&note.session),
        Record::Action(action) => action.session.as_ref(),
        _ => None,
    }
}

#[cfg(test)]
mod tests;

/// This device's file as it should be at one moment: what
/// [`Replica::own_snapshot`] took, turned into a [`DeviceFile`] by whoever
/// writes it.
#[derive(Clone, Debug)]
pub struct OwnSnapshot {
    event: Id,
    me: Identity,
    seq: u64,
    counters: BTreeMap<String, u64>,
    /// Every device's label known; the file keeps those of carried versions.
    labels: BTreeMap<String, String>,
    versions: Arc<Merged>,
}

impl OwnSnapshot {
    /// The device file, with the counters its versions imply.
    pub fn to_file(&self) -> DeviceFile {
        let mut counters = self.counters.clone();
        let (records, carried): (Vec<&Version>, Vec<&Version>) = self
            .versions
            .versions()
            .partition(|v| v.device() == self.me.device);
        for version in &records {
            let entry = counters.entry(version.dot.writer.to_string()).or_default();
            *entry = (*entry).max(version.dot.n);
        }
        let labels = carried
            .iter()
            .filter_map(|v| {
                let device = v.device();
                let label = self.labels.get(device)?;
                Some((device.to_string(), label.clone()))
            })
            .collect();
        DeviceFile {
            format: FORMAT_NAME.into(),
            version: FORMAT_VERSION,
            event: self.event.clone(),
            device: self.me.device.clone(),
            label: self.me.label.clone(),
            seq: self.seq,
            counters,
            records: records.into_iter().map(StoredVersion::of).collect(),
            carried: carried.into_iter().map(StoredVersion::of).collect(),
            labels,
        }
    }

    /// How many versions the file holds.
    pub fn len(&self) -> usize {
        self.versions.versions().count()
    }

    pub fn is_empty(&self) -> bool {
        self.versions.is_empty()
    }

    /// The newest time among this device's versions in it.
    pub fn last_change(&self) -> Option<DateTime<Utc>> {
        last_change(&self.versions, &self.me.device)
    }

    /// Who writes the file.
    pub fn identity(&self) -> &Identity {
        &self.me
    }
}

fn last_change(own: &Merged, device: &str) -> Option<DateTime<Utc>> {
    own.versions()
        .filter(|v| v.device() == device)
        .map(|v| v.at)
        .max()
}
