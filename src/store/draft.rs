//! Drafts: text still being typed, kept so that a crash loses at most the
//! last couple of seconds. One file per device and event in this machine's
//! local state (`events/<event id>/drafts/<device>.ron`), written
//! atomically; never in the event folder, because a draft is text its
//! writer has not decided to share.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::local::{EventState, component};
use super::{StoreError, atomic};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub text: String,
    pub saved_at: DateTime<Utc>,
}

/// The drafts of one device in one event, keyed by what is being edited
/// (e.g. "note:<session id>" or "summary:<session id>").
#[derive(Debug)]
pub struct Drafts {
    path: PathBuf,
    drafts: BTreeMap<String, Draft>,
}

impl Drafts {
    /// Loads this device's drafts; a missing or unreadable file is no drafts
    /// (a draft is a courtesy, never a reason to refuse to start).
    pub fn open(event: &EventState, device: &str) -> Drafts {
        let path = path(event, device);
        let drafts = std::fs::read_to_string(&path)
            .ok()
            .and_then(|text| ron::from_str(&text).ok())
            .unwrap_or_default();
        Drafts { path, drafts }
    }

    /// Where the drafts are kept.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Drafts left from an earlier run, to offer back.
    pub fn all(&self) -> &BTreeMap<String, Draft> {
        &self.drafts
    }

    pub fn get(&self, key: &str) -> Option<&Draft> {
        self.drafts.get(key)
    }

    /// Records the text for `key` and writes the drafts file. Empty text
    /// clears the draft.
    pub fn set(&mut self, key: &str, text: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
        if text.trim().is_empty() {
            return self.clear(key);
        }
        self.drafts.insert(
            key.to_string(),
            Draft {
                text: text.to_string(),
                saved_at: now,
            },
        );
        self.write()
    }

    /// Forgets the draft for `key` (its text was committed or discarded).
    pub fn clear(&mut self, key: &str) -> Result<(), StoreError> {
        if self.drafts.remove(key).is_some() {
            self.write()?;
        }
        Ok(())
    }

    fn write(&self) -> Result<(), StoreError> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
        }
        let text = ron::ser::to_string_pretty(&self.drafts, ron::ser::PrettyConfig::new())
            .map_err(|source| StoreError::Encode {
                what: "drafts".into(),
                source,
            })?;
        atomic::write(&self.path, text.as_bytes()).map_err(|e| StoreError::io(&self.path, e))
    }
}

/// The drafts file of `device` for an event.
pub(super) fn path(event: &EventState, device: &str) -> PathBuf {
    event.drafts().join(format!("{}.ron", component(device)))
}

/// Moves the drafts in `old` into the drafts file `new`, keeping every
/// draft of both: when both hold different text for one thing, the two
/// texts are joined, the newer first. Fails, changing nothing, when either
/// file cannot be read as drafts.
pub(super) fn take_over(old: &Path, new: &Path) -> io::Result<()> {
    let invalid = |e: ron::error::SpannedError| io::Error::new(io::ErrorKind::InvalidData, e);
    let theirs: BTreeMap<String, Draft> =
        ron::from_str(&std::fs::read_to_string(old)?).map_err(invalid)?;
    let mut drafts: BTreeMap<String, Draft> = match std::fs::read_to_string(new) {
        Ok(text) => ron::from_str(&text).map_err(invalid)?,
        Err(e) if e.kind() == io::ErrorKind::NotFound => BTreeMap::new(),
        Err(e) => return Err(e),
    };
    for (key, draft) in theirs {
        match drafts.entry(key) {
            Entry::Vacant(slot) => {
                slot.insert(draft);
            }
            Entry::Occupied(mut slot) => {
                let mine = slot.get_mut();
                if mine.text != draft.text {
                    let (newer, older) = if draft.saved_at > mine.saved_at {
                        (&draft, &*mine)
                    } else {
                        (&*mine, &draft)
                    };
                    *mine = Draft {
                        text: format!("{}\n{}", newer.text, older.text),
                        saved_at: newer.saved_at,
                    };
                }
            }
        }
    }
    if let Some(dir) = new.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let text = ron::ser::to_string_pretty(&drafts, ron::ser::PrettyConfig::new())
        .map_err(io::Error::other)?;
    atomic::write(new, text.as_bytes())?;
    std::fs::remove_file(old)
}

#[cfg(test)]
mod tests;
