//! Who this device is and who is typing.
//!
//! The identity lives in the user's config directory, never in an event
//! folder, so copying a folder never copies an identity. `UNCONF_DEVICE`
//! (a device label; its id is derived from it) and `UNCONF_AUTHOR` override
//! it, for tests and for two instances on one machine.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{StoreError, atomic};
use crate::model::id::fnv1a64;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// Eight lower-case base-32 characters, unique per device.
    pub device: String,
    /// What people call the device: "Sam's laptop".
    pub label: String,
    /// The name written on notes and versions.
    pub author: String,
    /// Note-taker mode runs line by line, for screen readers
    /// (`unconf settings plain on|off`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub plain: bool,
}

const CONFIG_FILE: &str = "device.ron";

impl Identity {
    /// A device id derived from a label, the same on every run.
    pub fn derived_id(label: &str) -> String {
        base32(fnv1a64(label.as_bytes()))
    }

    /// An identity made from a label alone (for `UNCONF_DEVICE`).
    pub fn from_label(label: &str, author: &str) -> Identity {
        Identity {
            device: Identity::derived_id(label),
            label: label.to_string(),
            author: author.to_string(),
            plain: false,
        }
    }

    /// The identity stored in the config directory, without the
    /// environment's overrides: what a setting changes and saves.
    pub fn stored(config_dir: &Path) -> Result<Option<Identity>, StoreError> {
        read_config(&config_dir.join(CONFIG_FILE))
    }

    /// The identity to use: the environment overrides, else the config file.
    /// `None` when there is no config yet (first run) and no override.
    pub fn load(config_dir: Option<&Path>) -> Result<Option<Identity>, StoreError> {
        let stored = match config_dir {
            Some(dir) => read_config(&dir.join(CONFIG_FILE))?,
            None => None,
        };
        Ok(apply_env(
            stored,
            std::env::var("UNCONF_DEVICE").ok(),
            std::env::var("UNCONF_AUTHOR").ok(),
        ))
    }

    /// Writes the identity to the config directory.
    pub fn save(&self, config_dir: &Path) -> Result<PathBuf, StoreError> {
        let path = config_dir.join(CONFIG_FILE);
        std::fs::create_dir_all(config_dir).map_err(|e| StoreError::io(config_dir, e))?;
        let text =
            ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::new()).map_err(|source| {
                StoreError::Encode {
                    what: "the device identity".into(),
                    source,
                }
            })?;
        atomic::write(&path, text.as_bytes()).map_err(|e| StoreError::io(&path, e))?;
        Ok(path)
    }

    /// A new identity for this machine, with a random device id.
    pub fn fresh(label: &str, author: &str) -> Identity {
        let salt = format!(
            "{label}/{}/{:?}",
            std::process::id(),
            std::time::SystemTime::now()
        );
        let random = fnv1a64(salt.as_bytes()) ^ super::random_u64();
        Identity {
            device: base32(random),
            label: label.to_string(),
            author: author.to_string(),
            plain: false,
        }
    }

    /// The short name used in this device's file name.
    pub fn file_stem(&self) -> String {
        format!(
            "{}-{}",
            crate::model::slug::slugify(&self.label),
            self.device
        )
    }
}

fn apply_env(
    stored: Option<Identity>,
    device: Option<String>,
    author: Option<String>,
) -> Option<Identity> {
    let device = device.filter(|d| !d.trim().is_empty());
    let author = author.filter(|a| !a.trim().is_empty());
    match (stored, device) {
        (stored, Some(label)) => {
            let plain = stored.as_ref().is_some_and(|s| s.plain);
            let author = author
                .or_else(|| stored.map(|s| s.author))
                .unwrap_or_else(|| label.clone());
            let mut me = Identity::from_label(label.trim(), author.trim());
            // A setting of the person at this machine, whatever the label.
            me.plain = plain;
            Some(me)
        }
        (Some(mut stored), None) => {
            if let Some(author) = author {
                stored.author = author.trim().to_string();
            }
            Some(stored)
        }
        (None, None) => None,
    }
}

fn read_config(path: &Path) -> Result<Option<Identity>, StoreError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io(path, e)),
    };
    let me = ron::from_str::<Identity>(&text).map_err(|e| StoreError::BadIdentity {
        path: path.to_path_buf(),
        line: e.span.start.line,
        column: e.span.start.col,
        reason: e.code.to_string(),
    })?;
    // The device id names files and lock paths: a hand-edited one must not
    // be able to point outside the event folder.
    let safe = (1..=32).contains(&me.device.len())
        && me
            .device
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    if !safe {
        return Err(StoreError::BadDeviceId {
            path: path.to_path_buf(),
            device: me.device,
        });
    }
    Ok(Some(me))
}

/// Eight characters of Crockford base 32 (lower case): readable, no
/// ambiguous letters.
pub(crate) fn base32(mut n: u64) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
    let mut out = String::with_capacity(8);
    for _ in 0..8 {
        out.push(char::from(ALPHABET[(n & 31) as usize]));
        n >>= 5;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_label_always_gives_the_same_id() {
        assert_eq!(Identity::derived_id("sam"), Identity::derived_id("sam"));
        assert_ne!(Identity::derived_id("sam"), Identity::derived_id("kim"));
        assert_eq!(Identity::derived_id("sam").len(), 8);
    }

    #[test]
    fn the_environment_overrides_the_stored_identity() {
        let stored = Identity::fresh("Office laptop", "Georgina");
        let env = apply_env(Some(stored.clone()), Some("tablet".into()), None);
        assert_eq!(env, Some(Identity::from_label("tablet", "Georgina")));
        let author_only = apply_env(Some(stored.clone()), None, Some("Sam".into()));
        assert_eq!(
            author_only.map(|i| (i.device, i.author)),
            Some((stored.device, "Sam".into()))
        );
        assert_eq!(apply_env(None, None, Some("Sam".into())), None);
    }

    #[test]
    fn an_identity_round_trips_through_the_config_directory() {
        let dir = tempfile::tempdir().expect("temp dir");
        let me = Identity::fresh("Sam's laptop", "Sam");
        me.save(dir.path()).expect("saved");
        assert_eq!(
            read_config(&dir.path().join(CONFIG_FILE)).expect("read"),
            Some(me)
        );
    }

    #[test]
    fn the_plain_setting_round_trips_and_survives_a_device_override() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut me = Identity::fresh("Sam's laptop", "Sam");
        me.save(dir.path()).expect("saved");
        let text = std::fs::read_to_string(dir.path().join(CONFIG_FILE)).expect("read");
        assert!(
            !text.contains("plain"),
            "off is the default, not written: {text}"
        );
        me.plain = true;
        me.save(dir.path()).expect("saved");
        assert_eq!(
            Identity::stored(dir.path()).expect("read"),
            Some(me.clone())
        );
        let env = apply_env(Some(me), Some("tablet".into()), None);
        assert!(env.is_some_and(|i| i.plain));
    }

    #[test]
    fn the_file_stem_is_safe() {
        let me = Identity::from_label("../Sam's laptop", "Sam");
        assert!(me.file_stem().starts_with("sams-laptop-"));
    }
}
