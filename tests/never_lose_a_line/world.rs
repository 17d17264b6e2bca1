//! The simulated day: laptops, each a [`Replica`] and a folder of device
//! files, driven through the library API only, with the [`Log`] of every
//! version acknowledged, against which the invariants are checked.
//!
//! Files carry a little lineage (which laptop made this content, and when)
//! so that a sync between two folders behaves as a sync tool does: a newer
//! copy of the same file replaces an older one, and two copies made apart
//! keep both, one under a conflict name. Nothing here reads or writes disk.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, NaiveTime, Utc};
use proptest::prelude::*;

use unconf::model::{Change, EventInfo, Id, IdGen, Pitch, Record, Room, Slot, SlotKind};
use unconf::store::format::DeviceFile;
use unconf::store::{Begun, Conflict, Dot, Edit, Identity, Replica, Source, Version, Written};

use super::edits::{changes_for, pick_of};
use super::folders::{Folder, Stored, dots_of};
use super::log::{Log, keeps_unseen_work, shows_what_it_knows, view};
use super::ops::{EditOp, Op};

/// Own files kept per laptop for "restore an older copy" (the newest last).
const HISTORY: usize = 8;

pub const LABELS: [&str; 3] = ["organiser", "note-taker one", "note-taker two"];

/// The fixed clock: the day starts at ten, and each op takes a minute.
pub fn at(minute: u64) -> DateTime<Utc> {
    let start = DateTime::parse_from_rfc3339("2026-11-27T10:00:00+00:00")
        .expect("a fixed time")
        .to_utc();
    start + Duration::minutes(i64::try_from(minute).expect("a small minute"))
}

pub fn event_id() -> Id {
    IdGen::new(b"never lose a line").make(1, 0)
}

/// An editor or a resolve view left open: what the person has in front of
/// them, and which versions the laptop held when it opened.
#[derive(Clone, Debug)]
enum Open {
    Editor {
        edits: Vec<(Change, Begun)>,
        known: BTreeSet<Dot>,
    },
    Resolve {
        conflict: Box<Conflict>,
        choice: u8,
        known: BTreeSet<Dot>,
    },
}

pub struct Laptop {
    pub me: Identity,
    pub replica: Replica,
    /// File name -> file: what this laptop's event folder holds.
    pub folder: Folder,
    pub own_name: String,
    /// Copies of its own file as it wrote them, newest last.
    history: Vec<DeviceFile>,
    /// The laptop's last step, for undo (and redo of an undo), with what
    /// the laptop held when it began: all an undo of it may cover, besides
    /// the step itself and what this run wrote since.
    last_step: (Vec<Written>, BTreeSet<Dot>),
    /// What this run wrote.
    by_this_run: BTreeSet<Dot>,
    open: Option<Open>,
    /// Every dot this run of the laptop has read, written or carried: what
    /// a person on it can have had in front of them.
    pub known: BTreeSet<Dot>,
}

pub struct World {
    pub event_id: Id,
    pub laptops: Vec<Laptop>,
    pub log: Log,
    /// Minutes since the day started: one per op.
    minute: u64,
    /// Grows with every file made, for telling newer copies from older.
    stamp: u64,
}

impl World {
    /// The organiser sets the day up (two rooms, three slots, three
    /// pitches, two sessions); the two note-takers have its file synced
    /// into their folders and read it.
    pub fn new() -> Result<World, TestCaseError> {
        let mut world = World {
            event_id: event_id(),
            laptops: Vec::new(),
            log: Log::default(),
            minute: 0,
            stamp: 0,
        };
        for (n, label) in LABELS.iter().enumerate() {
            let me = Identity::from_label(label, &format!("Author {n}"));
            world.add_laptop(me, Folder::default());
        }
        let info = EventInfo {
            name: "Never lose a line".into(),
            date: Some(at(0).date_naive()),
            ..EventInfo::default()
        };
        let event = world.event_id.clone();
        world.commit_now(0, vec![Change::put(event, Record::Event(info))])?;
        for (n, name) in ["Library", "Hall"].into_iter().enumerate() {
            let room = Room {
                name: name.into(),
                capacity: Some(30),
                position: i32::try_from(n).expect("small"),
            };
            world.put_new(0, Record::Room(room))?;
        }
        for (n, label) in ["Round 1", "Round 2", "Round 3"].into_iter().enumerate() {
            let hour = 10 + u32::try_from(n).expect("small");
            let slot = Slot {
                start: NaiveTime::from_hms_opt(hour, 0, 0).expect("a time"),
                end: NaiveTime::from_hms_opt(hour, 45, 0).expect("a time"),
                label: label.into(),
                kind: SlotKind::Breakout,
            };
            world.put_new(0, Record::Slot(slot))?;
        }
        for title in ["Open standards", "A vendor community", "Skills"] {
            let pitch = Pitch {
                title: title.into(),
                ..Pitch::default()
            };
            world.put_new(0, Record::Pitch(pitch))?;
        }
        for cell in [0, 1] {
            world.edit(0, &EditOp::Schedule { pick: cell, cell }, false)?;
        }
        for n in [1, 2] {
            world.sync(0, n);
            world.read(n, 0)?;
        }
        Ok(world)
    }

    fn add_laptop(&mut self, me: Identity, folder: Folder) -> usize {
        let own_name = format!("{}.ron", me.file_stem());
        self.laptops.push(Laptop {
            replica: Replica::new(self.event_id.clone(), me.clone(), true),
            me,
            folder,
            own_name,
            history: Vec::new(),
            last_step: (Vec::new(), BTreeSet::new()),
            by_this_run: BTreeSet::new(),
            open: None,
            known: BTreeSet::new(),
        });
        self.laptops.len() - 1
    }

    fn now(&self) -> DateTime<Utc> {
        at(self.minute)
    }

    fn new_stored(&mut self, file: DeviceFile, origin: usize) -> Stored {
        self.stamp += 1;
        Stored::new(file, origin, self.stamp)
    }

    /// Writes laptop `n`'s own file into its folder when it changed, as
    /// the app does after every committed edit and every read that
    /// brought something for it.
    fn save(&mut self, n: usize) {
        let file = self.laptops[n].replica.own_file();
        let laptop = &self.laptops[n];
        if laptop
            .folder
            .files
            .get(&laptop.own_name)
            .is_some_and(|s| s.file == file)
        {
            return;
        }
        let stored = self.new_stored(file.clone(), n);
        let laptop = &mut self.laptops[n];
        laptop.folder.files.insert(laptop.own_name.clone(), stored);
        laptop.history.push(file);
        if laptop.history.len() > HISTORY {
            laptop.history.remove(0);
        }
    }

    /// Commits edits on laptop `n` whose person had `known` in front of
    /// them (`None`: what the laptop holds now), logging what was written.
    fn commit(
        &mut self,
        n: usize,
        edits: Vec<Edit>,
        known: Option<&BTreeSet<Dot>>,
    ) -> Result<Vec<Written>, TestCaseError> {
        if edits.is_empty() {
            return Ok(Vec::new());
        }
        let at = self.now();
        let laptop = &mut self.laptops[n];
        let written = laptop
            .replica
            .commit_edits(edits, at)
            .map_err(|e| TestCaseError::fail(format!("refused: {e}")))?;
        let known = known.unwrap_or(&laptop.known).clone();
        for w in &written {
            self.log.record(&w.version, &known)?;
        }
        for w in &written {
            laptop.known.insert(w.version.dot.clone());
            laptop.by_this_run.insert(w.version.dot.clone());
        }
        if !written.is_empty() {
            laptop.last_step = (written.clone(), known);
        }
        self.save(n);
        Ok(written)
    }

    fn commit_now(&mut self, n: usize, changes: Vec<Change>) -> Result<(), TestCaseError> {
        let edits = changes.into_iter().map(Edit::now).collect();
        self.commit(n, edits, None).map(|_| ())
    }

    fn put_new(&mut self, n: usize, record: Record) -> Result<(), TestCaseError> {
        let now = self.now();
        let id = self.laptops[n].replica.new_id(now);
        self.commit_now(n, vec![Change::put(id, record)])
    }

    /// Absorbs one file as the folder code does: by its header, never its
    /// name.
    fn absorb(&mut self, n: usize, file: DeviceFile) {
        let laptop = &mut self.laptops[n];
        let source = if file.device == laptop.me.device {
            Source::Own
        } else {
            Source::Other
        };
        laptop.known.extend(dots_of(&file));
        laptop.replica.absorb(file, source);
    }

    /// Laptop `n` reads every file in its folder (starting at a rotating
    /// point, so that the order varies), then folds copies of its own file
    /// into it and moves them out of the folder, as the app does.
    fn read(&mut self, n: usize, rotate: u8) -> Result<(), TestCaseError> {
        let mut files: Vec<DeviceFile> = self.laptops[n]
            .folder
            .files
            .values()
            .map(|s| s.file.clone())
            .collect();
        if !files.is_empty() {
            let by = usize::from(rotate) % files.len();
            files.rotate_left(by);
        }
        for file in files {
            self.absorb(n, file);
        }
        self.save(n);
        self.fold(n)
    }

    /// Removes copies of the laptop's own file from its folder: their
    /// versions are in its own file now (checked: nothing may go).
    fn fold(&mut self, n: usize) -> Result<(), TestCaseError> {
        let laptop = &mut self.laptops[n];
        let (device, own) = (laptop.me.device.clone(), laptop.own_name.clone());
        laptop
            .folder
            .files
            .retain(|name, s| *name == own || s.file.device != device);
        self.check_durable("folding copies of the own file")
    }

    /// A fresh run on laptop `n` reads its whole folder, as when unconf
    /// starts: new counters, a new writer, no undo, nothing open.
    fn restart(&mut self, n: usize) -> Result<(), TestCaseError> {
        let laptop = &mut self.laptops[n];
        laptop.replica = Replica::new(self.event_id.clone(), laptop.me.clone(), true);
        laptop.known.clear();
        laptop.last_step = (Vec::new(), BTreeSet::new());
        laptop.by_this_run.clear();
        laptop.open = None;
        let files: Vec<DeviceFile> = laptop
            .folder
            .files
            .values()
            .map(|s| s.file.clone())
            .collect();
        for file in files {
            self.absorb(n, file);
        }
        let _ = self.laptops[n].replica.own_lag();
        self.save(n);
        self.fold(n)
    }

    /// Two folders exchange every device file.
    fn sync(&mut self, a: usize, b: usize) {
        if a == b {
            return;
        }
        let from_a: Vec<(String, Stored)> = self.laptops[a]
            .folder
            .files
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let from_b: Vec<(String, Stored)> = self.laptops[b]
            .folder
            .files
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (name, stored) in &from_a {
            let own = self.laptops[b].own_name.clone();
            self.laptops[b].folder.deliver(&own, name, stored);
        }
        for (name, stored) in &from_b {
            let own = self.laptops[a].own_name.clone();
            self.laptops[a].folder.deliver(&own, name, stored);
        }
    }

    fn on_disk(&self, dot: &Dot) -> bool {
        self.laptops
            .iter()
            .any(|l| l.folder.files.values().any(|s| s.holds(dot)))
    }

    /// After a file was overwritten from outside: the versions that no
    /// file holds any more are gone, and are not unconf's to keep.
    fn note_losses(&mut self) {
        let gone: Vec<Dot> = self
            .log
            .standing()
            .filter(|(dot, _)| !self.on_disk(dot))
            .map(|(dot, _)| dot.clone())
            .collect();
        self.log.lost.extend(gone);
    }

    /// Every acknowledged version that nothing replaced is in some file.
    fn check_durable(&self, doing: &str) -> Result<(), TestCaseError> {
        for (dot, (id, _, _)) in self.log.standing() {
            prop_assert!(
                self.on_disk(dot),
                "after {doing}, version {dot} of {id} is in no file, and no version replaced it"
            );
        }
        Ok(())
    }

    fn pick(&self, n: u8) -> usize {
        usize::from(n) % self.laptops.len()
    }

    fn other(&self, on: usize, n: u8) -> usize {
        let others = self.laptops.len() - 1;
        (on + 1 + usize::from(n) % others) % self.laptops.len()
    }

    /// An older copy of laptop `n`'s own file (`back` saves ago), if kept.
    fn older(&self, n: usize, back: u8) -> Option<DeviceFile> {
        let history = &self.laptops[n].history;
        let back = usize::from(back) % HISTORY;
        history
            .len()
            .checked_sub(1 + back)
            .map(|i| history[i].clone())
    }

    pub fn apply(&mut self, op: &Op) -> Result<(), TestCaseError> {
        self.minute += 1;
        match *op {
            Op::Edit { on, ref edit } => {
                let on = self.pick(on);
                self.edit(on, edit, false)?;
            }
            Op::Begin { on, ref edit } => {
                let on = self.pick(on);
                self.edit(on, edit, true)?;
            }
            Op::Save { on } => {
                let on = self.pick(on);
                self.save_open(on)?;
            }
            Op::Undo { on } => {
                let on = self.pick(on);
                let laptop = &self.laptops[on];
                let (step, began) = &laptop.last_step;
                let edits = laptop.replica.reverse(step);
                let mut known = began.clone();
                known.extend(step.iter().map(|w| w.version.dot.clone()));
                known.extend(laptop.by_this_run.iter().cloned());
                self.commit(on, edits, Some(&known))?;
            }
            Op::ListConflict { on, pick, choice } => {
                let on = self.pick(on);
                let laptop = &mut self.laptops[on];
                let ids: Vec<Id> = laptop.replica.conflicts().cloned().collect();
                if let Some(id) = pick_of(&ids, pick)
                    && let Some(conflict) = laptop.replica.conflict(&id)
                {
                    laptop.open = Some(Open::Resolve {
                        conflict: Box::new(conflict),
                        choice,
                        known: laptop.known.clone(),
                    });
                }
            }
            Op::Resolve { on, pick, choice } => {
                let on = self.pick(on);
                let replica = &self.laptops[on].replica;
                let ids: Vec<Id> = replica.conflicts().cloned().collect();
                if let Some(id) = pick_of(&ids, pick)
                    && let Some(conflict) = replica.conflict(&id)
                {
                    let chosen = usize::from(choice) % conflict.versions.len().max(1);
                    let edits = conflict.keep(replica, chosen, None);
                    self.commit(on, edits, None)?;
                }
            }
            Op::Read { on, rotate } => {
                let on = self.pick(on);
                self.read(on, rotate)?;
            }
            Op::ReadOther { on, from } => {
                let on = self.pick(on);
                let from = self.other(on, from);
                let files: Vec<DeviceFile> = self.laptops[from]
                    .folder
                    .files
                    .values()
                    .map(|s| s.file.clone())
                    .collect();
                for file in files {
                    self.absorb(on, file);
                }
                self.save(on);
            }
            Op::Sync { a, b, read } => {
                let a = self.pick(a);
                let b = self.other(a, b);
                self.sync(a, b);
                // Only a file made from a restored copy can hold less
                // than the copy it replaces.
                self.note_losses();
                if read {
                    self.read(a, 0)?;
                    self.read(b, 0)?;
                }
            }
            Op::Gather => {
                let count = self.laptops.len();
                for a in 0..count {
                    for b in a + 1..count {
                        self.sync(a, b);
                    }
                }
                self.note_losses();
                for n in 0..count {
                    self.read(n, 0)?;
                }
            }
            Op::Carry {
                on,
                from,
                mask,
                old,
            } => {
                let on = self.pick(on);
                let from = self.other(on, from);
                let mut versions: Vec<Version> = self.laptops[from]
                    .folder
                    .files
                    .values()
                    .enumerate()
                    .filter(|(i, _)| mask & (1 << (i % 8)) != 0)
                    .flat_map(|(_, s)| s.file.versions())
                    .collect();
                // A second, older file of one device in the same source.
                if let Some((device, back)) = old {
                    let device = self.pick(device);
                    if let Some(file) = self.older(device, back) {
                        versions.extend(file.into_versions());
                    }
                }
                // `unconf merge` is a process of its own: it runs while the
                // app is closed (the app holds the device's lock).
                self.restart(on)?;
                let laptop = &mut self.laptops[on];
                let dots: Vec<Dot> = versions.iter().map(|v| v.dot.clone()).collect();
                laptop.known.extend(dots.iter().cloned());
                laptop.replica.carry(versions);
                self.save(on);
                // What the merge brought is in this folder now.
                let folder = &self.laptops[on].folder;
                for dot in dots.iter().filter(|d| self.log.standing_dot(d)) {
                    prop_assert!(
                        folder.files.values().any(|s| s.holds(dot)),
                        "merging into laptop {on} carried {dot}, yet no file in its folder holds it"
                    );
                }
            }
            Op::Restore { on, back } => {
                let on = self.pick(on);
                if back > 0
                    && let Some(file) = self.older(on, back)
                {
                    let stored = self.new_stored(file, on);
                    let laptop = &mut self.laptops[on];
                    laptop.folder.files.insert(laptop.own_name.clone(), stored);
                    self.note_losses();
                }
                self.restart(on)?;
            }
            Op::ConflictCopy {
                into,
                device,
                back,
                name,
            } => {
                let into = self.pick(into);
                let device = self.pick(device);
                if let Some(file) = self.older(device, back) {
                    let stem = self.laptops[device].me.file_stem();
                    let named = format!("{stem}.sync-conflict-2026112{}.ron", name % 3);
                    let stored = self.new_stored(file, into);
                    self.laptops[into].folder.files.insert(named, stored);
                    self.note_losses();
                }
            }
            Op::Clone { of } => {
                if self.laptops.len() < 4 {
                    let of = self.pick(of);
                    let me = self.laptops[of].me.clone();
                    let folder = self.laptops[of].folder.clone();
                    let n = self.add_laptop(me, folder);
                    self.restart(n)?;
                }
            }
        }
        self.check()
    }

    /// An edit on laptop `n`: made at once, or begun now (an editor opens)
    /// and saved by a later [`Op::Save`].
    fn edit(&mut self, n: usize, edit: &EditOp, begin: bool) -> Result<(), TestCaseError> {
        let now = self.now();
        let Some(changes) = changes_for(&mut self.laptops[n].replica, edit, now) else {
            return Ok(());
        };
        if begin {
            let laptop = &mut self.laptops[n];
            let edits = changes
                .into_iter()
                .map(|c| {
                    let begun = laptop.replica.begin(&c.id);
                    (c, begun)
                })
                .collect();
            laptop.open = Some(Open::Editor {
                edits,
                known: laptop.known.clone(),
            });
            Ok(())
        } else {
            self.commit_now(n, changes)
        }
    }

    /// Saves what is open on laptop `n`: an editor's edit, or the version
    /// chosen in the resolve view. Each covers only what was shown.
    fn save_open(&mut self, n: usize) -> Result<(), TestCaseError> {
        match self.laptops[n].open.take() {
            None => Ok(()),
            Some(Open::Editor { edits, known }) => {
                let edits = edits
                    .into_iter()
                    .map(|(change, begun)| Edit::begun(change, Some(&begun)))
                    .collect();
                self.commit(n, edits, Some(&known)).map(|_| ())
            }
            Some(Open::Resolve {
                conflict,
                choice,
                known,
            }) => {
                let chosen = usize::from(choice) % conflict.versions.len().max(1);
                let edits = conflict.keep(&self.laptops[n].replica, chosen, None);
                self.commit(n, edits, Some(&known)).map(|_| ())
            }
        }
    }

    /// The invariants that hold after every op.
    pub fn check(&self) -> Result<(), TestCaseError> {
        self.check_durable("this op")?;
        for (n, laptop) in self.laptops.iter().enumerate() {
            shows_what_it_knows(n, &laptop.known, &laptop.replica, &self.log)?;
            keeps_unseen_work(n, &laptop.replica)?;
        }
        Ok(())
    }

    /// Every laptop reads every file of every folder, twice, each in its
    /// own order.
    fn exchange(&mut self, seed: u64) {
        let files: Vec<DeviceFile> = self
            .laptops
            .iter()
            .flat_map(|l| l.folder.files.values().map(|s| s.file.clone()))
            .collect();
        let mut rng = seed;
        for n in 0..self.laptops.len() {
            for _ in 0..2 {
                let mut order = files.clone();
                shuffle(&mut order, &mut rng);
                for file in order {
                    self.absorb(n, file);
                }
            }
        }
    }

    /// The end of the day: a full exchange, then every invariant.
    pub fn finish(&mut self, seed: u64) -> Result<(), TestCaseError> {
        for laptop in &mut self.laptops {
            // Editors left open are drafts, never acknowledged.
            laptop.open = None;
        }
        self.exchange(seed);
        self.everything_known()?;
        self.check()?;
        let only_in_memory = self
            .laptops
            .iter()
            .any(|l| l.replica.merged().versions().any(|v| !self.on_disk(&v.dot)));
        if only_in_memory {
            // A running laptop may still hold versions whose every file was
            // overwritten from outside (a restore, then a sync): the others
            // can never get them, and it drops them when it restarts.
            // Compare what the files say, after a restart.
            for n in 0..self.laptops.len() {
                self.restart(n)?;
            }
            self.exchange(seed.rotate_left(17));
            self.everything_known()?;
            self.check()?;
        }
        self.converged()?;
        self.idempotent()
    }

    /// After the exchange every laptop has every version nothing replaced.
    fn everything_known(&self) -> Result<(), TestCaseError> {
        for (n, laptop) in self.laptops.iter().enumerate() {
            for (dot, (id, _, _)) in self.log.standing() {
                prop_assert!(
                    laptop.known.contains(dot),
                    "laptop {n} never got version {dot} of {id}"
                );
            }
        }
        Ok(())
    }

    fn converged(&self) -> Result<(), TestCaseError> {
        let first = &self.laptops[0].replica;
        let first_view = view(first);
        for (n, other) in self.laptops.iter().enumerate().skip(1) {
            let other_view = view(&other.replica);
            prop_assert_eq!(
                &first_view,
                &other_view,
                "laptop {} differs from laptop 0",
                n
            );
            prop_assert_eq!(first.event(), other.replica.event(), "laptop {} differs", n);
        }
        Ok(())
    }

    /// Reading and carrying everything again changes nothing.
    fn idempotent(&mut self) -> Result<(), TestCaseError> {
        let files: Vec<DeviceFile> = self
            .laptops
            .iter()
            .flat_map(|l| l.folder.files.values().map(|s| s.file.clone()))
            .collect();
        for n in 0..self.laptops.len() {
            let merged = self.laptops[n].replica.merged().clone();
            let event = self.laptops[n].replica.event().clone();
            for file in &files {
                self.absorb(n, file.clone());
            }
            let versions: Vec<Version> = files.iter().flat_map(DeviceFile::versions).collect();
            let replica = &mut self.laptops[n].replica;
            prop_assert_eq!(replica.carry(versions), 0, "laptop {} carried again", n);
            prop_assert_eq!(&merged, replica.merged(), "laptop {} changed", n);
            prop_assert_eq!(&event, replica.event(), "laptop {} changed", n);
        }
        Ok(())
    }
}

/// SplitMix64 steps, for the order files are read in at the end.
fn shuffle<T>(items: &mut [T], state: &mut u64) {
    for i in (1..items.len()).rev() {
        *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = *state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        let j = usize::try_from(z % (i as u64 + 1)).expect("small");
        items.swap(i, j);
    }
}
