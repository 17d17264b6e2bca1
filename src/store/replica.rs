//! This device's copy of an event, in memory: every version read, the merged
//! event, and the versions this device wrote. Pure: no files, no clock; the
//! caller passes the time. The TUI keeps one in its state; the store reads
//! it from and writes it to the folder.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::Identity;
use super::format::{DeviceFile, FORMAT_NAME, FORMAT_VERSION, StoredVersion};
use super::version::{Merged, Version, shown_value};
use crate::model::{Change, Event, Id, IdGen};

#[derive(Clone, Debug)]
pub struct Replica {
    me: Identity,
    ids: IdGen,
    /// Under a fixed clock the write counter stands in for passing time.
    fixed_clock: bool,
    /// Versions this device wrote: exactly what its file holds.
    own: Merged,
    seq: u64,
    merged: Merged,
    event: Event,
    read_only: Option<String>,
    /// Device id -> the label its file gave, for naming who wrote a version.
    labels: BTreeMap<String, String>,
}

impl Replica {
    pub fn new(event_id: Id, me: Identity, ids: IdGen, fixed_clock: bool) -> Replica {
        let labels = BTreeMap::from([(me.device.clone(), me.label.clone())]);
        Replica {
            labels,
            me,
            ids,
            fixed_clock,
            own: Merged::default(),
            seq: 0,
            merged: Merged::default(),
            event: Event::new(event_id),
            read_only: None,
        }
    }

    /// Adds every version of a device file of this event. Returns how many
    /// versions were new (0 when the file brought nothing unseen).
    pub fn absorb(&mut self, file: DeviceFile) -> usize {
        let mine = file.device == self.me.device;
        if !mine {
            self.labels.insert(file.device.clone(), file.label.clone());
        }
        if mine {
            self.seq = self.seq.max(file.seq);
        }
        // The versions first, then the event: kept apart, what the versions
        // take is freed in large runs when a command drops them (export).
        let mut touched = Vec::new();
        for version in file.into_versions() {
            if mine {
                self.seq = self.seq.max(version.vv.get(&self.me.device));
                self.own.insert(version.clone());
            }
            if let Some((fresh, current)) = self.merged.add(version)
                && let Some(first) = current.first()
            {
                touched.push((first.id.clone(), fresh));
            }
        }
        // A record seen for the first time needs no old value removed,
        // which is most of them when a folder is opened. A record with
        // several versions in the file is fresh only for the first, and
        // refreshed (its conflict flagged) for the others.
        for (id, fresh) in &touched {
            if *fresh {
                let value = shown_value(self.merged.current(id)).cloned();
                self.event.apply_new(id, value);
            } else {
                self.refresh(id);
            }
        }
        touched.len()
    }

    /// Re-derives one record's shown value and conflict flag.
    fn refresh(&mut self, id: &Id) {
        let current = self.merged.current(id);
        let value = shown_value(current).cloned();
        if current.len() > 1 {
            self.event.conflicts.insert(id.clone());
        } else {
            self.event.conflicts.remove(id);
        }
        self.event.apply(id, value);
    }

    pub fn event(&self) -> &Event {
        &self.event
    }

    /// The merged event alone, every version behind it dropped: for a
    /// command that only reads the event (an export), which then needs
    /// about half the memory.
    pub fn into_event(self) -> Event {
        self.event
    }

    pub fn merged(&self) -> &Merged {
        &self.merged
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

    /// A fresh id for a new record made at `now`.
    pub fn new_id(&mut self, now: DateTime<Utc>) -> Id {
        self.seq += 1;
        let ms = u64::try_from(now.timestamp_millis()).unwrap_or(0);
        // Under a fixed clock ids still sort in creation order across runs.
        let ms = ms + if self.fixed_clock { self.seq } else { 0 };
        self.ids.make(ms, self.seq)
    }

    /// Applies the changes as new versions by this device, each covering
    /// every version of its record seen so far. Refused when read-only.
    pub fn commit(&mut self, changes: Vec<Change>, at: DateTime<Utc>) -> Result<(), String> {
        if let Some(reason) = &self.read_only {
            return Err(reason.clone());
        }
        for change in changes {
            let mut vv = self.merged.seen(&change.id);
            self.seq += 1;
            vv.set(&self.me.device, self.seq);
            let version = Version {
                id: change.id.clone(),
                device: self.me.device.clone(),
                vv,
                author: self.me.author.clone(),
                at,
                value: change.record,
            };
            self.own.insert(version.clone());
            self.merged.insert(version);
            self.refresh(&change.id);
        }
        Ok(())
    }

    /// What this device's file should hold now.
    pub fn own_file(&self) -> DeviceFile {
        DeviceFile {
            format: FORMAT_NAME.into(),
            version: FORMAT_VERSION,
            event: self.event.id.clone(),
            device: self.me.device.clone(),
            label: self.me.label.clone(),
            seq: self.seq,
            records: self
                .own
                .versions()
                .map(|v| StoredVersion {
                    id: v.id.clone(),
                    vv: v.vv.clone(),
                    author: v.author.clone(),
                    at: v.at,
                    value: v.value.clone(),
                })
                .collect(),
        }
    }

    /// How many versions this device's file holds.
    pub fn own_len(&self) -> usize {
        self.own.versions().count()
    }

    /// The newest time among this device's versions.
    pub fn own_last_change(&self) -> Option<DateTime<Utc>> {
        self.own.versions().map(|v| v.at).max()
    }
}

#[cfg(test)]
mod tests;
