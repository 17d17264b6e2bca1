//! Event folders as a sync tool keeps them: file name -> device file, each
//! with where its content came from (the laptop that made it, and a stamp
//! that grows with every file made), so that a sync can tell a newer copy
//! of a file from one made apart.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use unconf::store::Dot;
use unconf::store::format::DeviceFile;

/// The dots a device file holds (its own versions and the ones it carries).
pub fn dots_of(file: &DeviceFile) -> BTreeSet<Dot> {
    file.records
        .iter()
        .chain(&file.carried)
        .map(|stored| Dot {
            writer: Arc::from(stored.by.as_str()),
            n: stored.n,
        })
        .collect()
}

/// One device file in one folder, with where its content came from: the
/// laptop that made it and a stamp that grows with every file made.
#[derive(Clone, Debug)]
pub struct Stored {
    pub file: DeviceFile,
    dots: Arc<BTreeSet<Dot>>,
    origin: usize,
    stamp: u64,
}

impl Stored {
    pub fn new(file: DeviceFile, origin: usize, stamp: u64) -> Stored {
        Stored {
            dots: Arc::new(dots_of(&file)),
            file,
            origin,
            stamp,
        }
    }

    pub fn holds(&self, dot: &Dot) -> bool {
        self.dots.contains(dot)
    }

    fn same_content(&self, other: &Stored) -> bool {
        self.origin == other.origin && self.stamp == other.stamp
    }
}

/// One laptop's event folder.
#[derive(Clone, Debug, Default)]
pub struct Folder {
    pub files: BTreeMap<String, Stored>,
}

impl Folder {
    /// Puts a file into this folder as a sync tool would: a newer copy of
    /// the same content line replaces an older one; a copy made apart from
    /// the one there is kept under a conflict name; the laptop's own file
    /// (`own_name`) is never replaced by anything but the laptop itself.
    pub fn deliver(&mut self, own_name: &str, name: &str, incoming: &Stored) {
        let conflict_name = |s: &Stored| {
            let stem = name.split('.').next().unwrap_or(name);
            format!("{stem}.sync-conflict-o{}-s{}.ron", s.origin, s.stamp)
        };
        let Some(existing) = self.files.get(name) else {
            self.files.insert(name.to_string(), incoming.clone());
            return;
        };
        if existing.same_content(incoming) {
            return;
        }
        if name == own_name {
            if existing.origin != incoming.origin {
                let named = conflict_name(incoming);
                self.files.entry(named).or_insert_with(|| incoming.clone());
            }
            return;
        }
        if existing.origin == incoming.origin {
            if incoming.stamp > existing.stamp {
                self.files.insert(name.to_string(), incoming.clone());
            }
            return;
        }
        let (keep, other) = if incoming.stamp > existing.stamp {
            (incoming.clone(), existing.clone())
        } else {
            (existing.clone(), incoming.clone())
        };
        let named = conflict_name(&other);
        self.files.insert(name.to_string(), keep);
        self.files.entry(named).or_insert(other);
    }
}
