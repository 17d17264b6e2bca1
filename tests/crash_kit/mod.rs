//! What the crash, fault and lock tests share: a temporary home, the real
//! binary started in it with a fixed clock, a seeded random source, and
//! checks of an event folder after a crash.

// Each test crate uses a different part of this module.
#![allow(dead_code)]

pub mod hostile;
pub mod pty;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::DateTime;
use unconf::model::{Change, EventInfo, Pitch, Record};
use unconf::store::format::read_device_file;
use unconf::store::{Access, Clock, EventFolder, Identity};

/// The fixed time every run sees.
pub const NOW: &str = "2026-11-27T10:00:00+00:00";

pub fn clock() -> Clock {
    Clock::Fixed(DateTime::parse_from_rfc3339(NOW).expect("a valid time"))
}

/// A number from the environment, else `default`: how long or how hard a
/// test runs (the scripts raise these; CI uses the defaults).
pub fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// The seeded, reproducible random source the library uses too.
#[allow(unused_imports)] // not every test crate that uses this kit draws numbers
pub use unconf::rng::Rng;

/// A temporary home: sessions, config, data and local state all inside it.
/// Events this process opens keep their local state (locks, drafts,
/// backups, trash) where the binary run in this home keeps its own.
pub struct Home {
    dir: tempfile::TempDir,
    _state: unconf::store::local::ThreadRoot,
}

impl Home {
    pub fn new() -> Home {
        Home::from(tempfile::tempdir().expect("a temporary directory"))
    }

    pub fn in_dir(parent: &Path) -> Home {
        Home::from(tempfile::tempdir_in(parent).expect("a temporary directory"))
    }

    fn from(dir: tempfile::TempDir) -> Home {
        let state = unconf::store::local::on_this_thread(&local_state(dir.path()));
        Home { dir, _state: state }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// This machine's local state as the binary run here finds it.
    pub fn state(&self) -> PathBuf {
        local_state(self.root())
    }

    pub fn sessions(&self) -> PathBuf {
        self.root().join("sessions")
    }

    /// The real binary as device `label`, with nothing of this machine's
    /// environment but what is given here.
    pub fn command(&self, label: &str, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_unconf"));
        let root = self.root();
        command
            .args(args)
            .env_clear()
            .current_dir(root)
            .env("HOME", root)
            .env("XDG_CONFIG_HOME", root.join("config"))
            .env("XDG_DATA_HOME", root.join("data"))
            .env("UNCONF_HOME", self.sessions())
            .env("UNCONF_DEVICE", label)
            .env("UNCONF_AUTHOR", label)
            .env("UNCONF_NOW", NOW);
        command
    }

    /// Makes an event named `name` with `pitches` pitches, written by
    /// `label` through the library; returns its folder.
    pub fn seed_event(&self, name: &str, label: &str, pitches: usize) -> PathBuf {
        let info = EventInfo {
            name: name.into(),
            ..EventInfo::default()
        };
        let me = Identity::from_label(label, label);
        let mut folder =
            EventFolder::create(&self.sessions(), info, me, clock()).expect("event created");
        let changes: Vec<Change> = (0..pitches)
            .map(|n| {
                let pitch = Pitch {
                    title: format!("Seed pitch {n}"),
                    description: "A description long enough to make saving take a while. "
                        .repeat(3),
                    tags: vec!["seed".into(), format!("t{n}")],
                    interest: u32::try_from(n % 40).unwrap_or(0),
                    ..Pitch::default()
                };
                Change::put(folder.new_id(), Record::Pitch(pitch))
            })
            .collect();
        if !changes.is_empty() {
            folder.commit(changes).expect("seeded");
        }
        folder.dir().to_path_buf()
    }
}

/// Where the binary keeps its local state when `HOME` is `home` (and
/// `XDG_STATE_HOME` is unset, as in every test).
pub fn local_state(home: &Path) -> PathBuf {
    home.join(".local").join("state").join("unconf")
}

/// Opens `dir` read-only as a device that never wrote to it.
pub fn read_event(dir: &Path) -> EventFolder {
    EventFolder::open(
        dir,
        Identity::from_label("checker", "checker"),
        clock(),
        Access::Read,
    )
    .expect("the event opens")
}

/// Every pitch title in the event.
pub fn titles(dir: &Path) -> BTreeSet<String> {
    read_event(dir)
        .event()
        .pitches
        .values()
        .map(|p| p.title.clone())
        .collect()
}

/// What a folder looks like after a crash.
#[derive(Debug, Default)]
pub struct Inspection {
    /// Hidden leftovers of an interrupted write (`.<file>.XXXXXX`).
    pub hidden_leftovers: usize,
    /// Their names, to count each interrupted write once however many
    /// inspections see it before the next run sweeps it.
    pub leftover_names: BTreeSet<String>,
}

/// Checks a folder after a crash: every device file parses, the event opens
/// with no problem, and no temporary file is visible (not hidden).
pub fn inspect(dir: &Path) -> Inspection {
    let mut found = Inspection::default();
    for entry in std::fs::read_dir(dir).expect("the event folder") {
        let entry = entry.expect("an entry");
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            found.hidden_leftovers += 1;
            found.leftover_names.insert(name);
            continue;
        }
        assert!(name.ends_with(".ron"), "a visible stray file: {name}");
        if let Err(error) = read_device_file(&entry.path()) {
            panic!("{name} does not parse after a crash: {error}");
        }
    }
    let folder = read_event(dir);
    assert_eq!(folder.problems(), [], "problems after a crash");
    found
}
