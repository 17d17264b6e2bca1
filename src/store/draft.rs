//! Drafts: text still being typed, kept so that a crash loses at most the
//! last couple of seconds. One file per device in `.unconf/drafts/`, written
//! atomically; never read by other devices.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

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
    pub fn open(event_dir: &Path, device: &str) -> Drafts {
        let path = event_dir
            .join(".unconf")
            .join("drafts")
            .join(format!("{device}.ron"));
        let drafts = std::fs::read_to_string(&path)
            .ok()
            .and_then(|text| ron::from_str(&text).ok())
            .unwrap_or_default();
        Drafts { path, drafts }
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
            .map_err(|e| StoreError::Invalid(format!("Could not write drafts: {e}.")))?;
        atomic::write(&self.path, text.as_bytes()).map_err(|e| StoreError::io(&self.path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_survive_a_restart_and_clear_when_committed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut drafts = Drafts::open(dir.path(), "dev1");
        drafts
            .set("note:s1", "half a thought", Utc::now())
            .expect("saved");
        let reopened = Drafts::open(dir.path(), "dev1");
        assert_eq!(
            reopened.get("note:s1").map(|d| d.text.as_str()),
            Some("half a thought")
        );
        drafts.clear("note:s1").expect("cleared");
        assert!(Drafts::open(dir.path(), "dev1").all().is_empty());
        assert!(Drafts::open(dir.path(), "dev2").all().is_empty());
    }
}
