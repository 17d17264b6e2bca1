//! The merged event: every record's current value, indexed for the screens.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use super::{
    Action, Decision, EventInfo, Id, Kind, Note, NoteKind, Person, Pitch, PitchStatus, Record,
    Room, Session, Slot,
};

/// One edit to one record: its new value, or `None` to delete it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub id: Id,
    pub record: Option<Record>,
}

impl Change {
    pub fn put(id: Id, record: Record) -> Self {
        Change {
            id,
            record: Some(record),
        }
    }

    pub fn delete(id: Id) -> Self {
        Change { id, record: None }
    }
}

/// Part of an [`Event`] that anyone can read (it dereferences to what it
/// holds) and only the event changes, so that its indexes stay in step
/// with its records. There is no public way to make one or to change one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadOnly<C>(C);

/// The records of one kind, by id.
pub type Records<T> = ReadOnly<BTreeMap<Id, T>>;

impl<C> std::ops::Deref for ReadOnly<C> {
    type Target = C;
    fn deref(&self) -> &C {
        &self.0
    }
}

impl<C: PartialEq> PartialEq<C> for ReadOnly<C> {
    fn eq(&self, other: &C) -> bool {
        self.0 == *other
    }
}

impl<'a, C> IntoIterator for &'a ReadOnly<C>
where
    &'a C: IntoIterator,
{
    type Item = <&'a C as IntoIterator>::Item;
    type IntoIter = <&'a C as IntoIterator>::IntoIter;
    fn into_iter(self) -> Self::IntoIter {
        (&self.0).into_iter()
    }
}

impl<T> Records<T> {
    fn insert(&mut self, id: Id, value: T) -> Option<T> {
        self.0.insert(id, value)
    }

    fn remove(&mut self, id: &Id) -> Option<T> {
        self.0.remove(id)
    }
}

/// An event as everyone currently sees it.
///
/// Records are kept by id in ordered maps, and the notes of each session in an
/// index, so that applying one change costs a logarithm, not a rebuild.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Event {
    pub id: Id,
    pub info: EventInfo,
    pub rooms: Records<Room>,
    pub slots: Records<Slot>,
    pub pitches: Records<Pitch>,
    pub sessions: Records<Session>,
    pub notes: Records<Note>,
    pub actions: Records<Action>,
    pub decisions: Records<Decision>,
    /// Records with more than one current version (see the store); changed
    /// only by [`Event::set_conflict`].
    pub conflicts: ReadOnly<BTreeSet<Id>>,
    /// Notes of each session in the order they were taken.
    notes_by_session: NotesBySession,
    /// The action and decision notes of each session, so that finding a
    /// session's next steps costs those notes, not all of its notes.
    stated_by_session: BTreeMap<Id, BTreeSet<Id>>,
    /// Sessions that include each pitch.
    sessions_by_pitch: BTreeMap<Id, BTreeSet<Id>>,
    /// Open pitches (see [`PitchStatus::Open`]) in the order the Schedule
    /// screen lists them: most interest first, then the order pitched.
    open_pitches: BTreeSet<(std::cmp::Reverse<u32>, Id)>,
    /// The interest each open pitch is filed under in `open_pitches`, so its
    /// entry can be found again after the interest of its merged pitches
    /// changed.
    open_interest: BTreeMap<Id, u32>,
    /// Pitches merged directly into each pitch, by the id they name (even
    /// one that has not arrived yet).
    merged_children: BTreeMap<Id, BTreeSet<Id>>,
    /// What is worked out from the records, dropped on every change.
    derived: Derived,
}

/// Derived data: a stamp that every change renews, and what the screens
/// ask for on every frame, worked out once after each change. Not part of
/// what an event is, so two events with the same records are equal whatever
/// their stamps and whatever has been worked out.
#[derive(Clone, Default)]
struct Derived {
    stamp: u64,
    programme: OnceLock<Programme>,
    clashes: OnceLock<Vec<super::rules::Clash>>,
}

impl PartialEq for Derived {
    fn eq(&self, _: &Derived) -> bool {
        true
    }
}

impl Eq for Derived {}

impl std::fmt::Debug for Derived {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Derived(stamp {})", self.stamp)
    }
}

impl Derived {
    /// A stamp no other change in this process has had, so that equal
    /// stamps mean the same records (one event, or clones of it).
    fn renewed() -> Derived {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        Derived {
            stamp: NEXT.fetch_add(1, Ordering::Relaxed),
            ..Derived::default()
        }
    }
}

/// The sessions in programme order and by cell of the grid.
#[derive(Clone, Debug, Default)]
struct Programme {
    order: Vec<Id>,
    /// Each session's place in `order`.
    rank: BTreeMap<Id, usize>,
    /// Slot -> room -> sessions there, in programme order.
    by_cell: BTreeMap<Id, BTreeMap<Id, Vec<Id>>>,
    /// Sessions whose slot or room is gone.
    off_grid: usize,
}

/// The notes of each session, gathered from many notes at once and then
/// built in order: a search among the sessions per note, and one in that
/// session's notes, cost more than grouping them by a hash.
#[derive(Default)]
struct NoteIndex<'a> {
    taken: HashMap<&'a Id, Vec<(chrono::DateTime<chrono::FixedOffset>, &'a Id)>>,
    stated: HashMap<&'a Id, Vec<&'a Id>>,
}

type NotesBySession = BTreeMap<Id, BTreeSet<(chrono::DateTime<chrono::FixedOffset>, Id)>>;

impl<'a> NoteIndex<'a> {
    fn add(&mut self, id: &'a Id, note: &'a Note) {
        self.taken
            .entry(&note.session)
            .or_default()
            .push((note.taken_at, id));
        if note.kind.states() {
            self.stated.entry(&note.session).or_default().push(id);
        }
    }

    /// The two indexes of [`Event`]: collecting into ordered maps and sets
    /// sorts each group once and builds it without a search per entry.
    fn build(self) -> (NotesBySession, BTreeMap<Id, BTreeSet<Id>>) {
        let taken = in_order(self.taken, |(at, id): (_, &Id)| (at, id.clone()));
        let stated = in_order(self.stated, Id::clone);
        (taken, stated)
    }
}

/// Each session's group as an ordered set, the sessions in order.
fn in_order<T, U: Ord>(
    groups: HashMap<&Id, Vec<T>>,
    owned: impl Fn(T) -> U,
) -> BTreeMap<Id, BTreeSet<U>> {
    (groups.into_iter())
        .map(|(session, items)| (session.clone(), items.into_iter().map(&owned).collect()))
        .collect()
}

impl Event {
    pub fn new(id: Id) -> Self {
        Event {
            id,
            derived: Derived::renewed(),
            ..Event::default()
        }
    }

    /// Changes with every edit (and differs between events that are not
    /// clones), so a cache of anything worked out from the event can be kept
    /// while the stamp is the same.
    pub fn stamp(&self) -> u64 {
        self.derived.stamp
    }

    /// Sets one record's current value (`None` removes it).
    pub fn apply(&mut self, id: &Id, record: Option<Record>) {
        self.remove(id);
        self.apply_new(id, record);
    }

    /// [`apply`](Event::apply) for an id the event holds no record of, as
    /// when a file is read: skips looking for an old value in every map.
    pub fn apply_new(&mut self, id: &Id, record: Option<Record>) {
        self.derived = Derived::renewed();
        let Some(record) = record else { return };
        match record {
            Record::Event(info) => {
                if *id == self.id {
                    self.info = info;
                }
            }
            Record::Room(room) => {
                self.rooms.insert(id.clone(), room);
            }
            Record::Slot(slot) => {
                self.slots.insert(id.clone(), slot);
            }
            Record::Pitch(pitch) => {
                if let Some(into) = &pitch.merged_into {
                    self.merged_children
                        .entry(into.clone())
                        .or_default()
                        .insert(id.clone());
                }
                self.pitches.insert(id.clone(), pitch);
                self.reindex_open(id);
                let root = self.merge_root(id).clone();
                self.reindex_open(&root);
            }
            Record::Session(session) => {
                for pitch in &session.pitches {
                    self.sessions_by_pitch
                        .entry(pitch.clone())
                        .or_default()
                        .insert(id.clone());
                    self.unindex_open(pitch);
                }
                self.sessions.insert(id.clone(), session);
            }
            Record::Note(note) => {
                self.index_note(id, &note);
                self.notes.insert(id.clone(), note);
            }
            Record::Action(action) => {
                self.actions.insert(id.clone(), action);
            }
            Record::Decision(decision) => {
                self.decisions.insert(id.clone(), decision);
            }
        }
    }

    /// [`apply_new`](Event::apply_new) of many records, none of which the
    /// event holds, given in id order (as when a folder is opened). When the
    /// event has no notes yet, its map of notes is built in one pass (no
    /// search per note) on another core (or on this one, when no thread can
    /// be made), while this one indexes them and puts in the other records.
    pub fn apply_all_new(&mut self, records: &[(&Id, &Record)]) {
        if !self.notes.is_empty() {
            for (id, record) in records {
                self.apply_new(id, Some((*record).clone()));
            }
            return;
        }
        debug_assert!(records.windows(2).all(|pair| pair[0].0 < pair[1].0));
        debug_assert!(
            (records.iter())
                .all(|(id, r)| matches!(r, Record::Event(_)) || self.kind_of(id).is_none())
        );
        // Copied, so that it can run here when no thread can be made.
        let collect_notes = || {
            (records.iter())
                .filter_map(|(id, record)| match record {
                    Record::Note(note) => Some(((*id).clone(), note.clone())),
                    _ => None,
                })
                .collect::<BTreeMap<Id, Note>>()
        };
        let notes = std::thread::scope(|scope| {
            let notes = std::thread::Builder::new().spawn_scoped(scope, collect_notes);
            let mut index = NoteIndex::default();
            for (id, record) in records {
                match record {
                    Record::Note(note) => index.add(id, note),
                    other => self.apply_new(id, Some((*other).clone())),
                }
            }
            // No notes, so nothing filed under any session yet.
            (self.notes_by_session, self.stated_by_session) = index.build();
            match notes {
                Ok(notes) => notes.join(),
                Err(_) => Ok(collect_notes()),
            }
        });
        match notes {
            Ok(notes) => self.notes = ReadOnly(notes),
            Err(panic) => std::panic::resume_unwind(panic),
        }
        self.derived = Derived::renewed();
    }

    /// Files a note under its session in the indexes.
    fn index_note(&mut self, id: &Id, note: &Note) {
        self.notes_by_session
            .entry(note.session.clone())
            .or_default()
            .insert((note.taken_at, id.clone()));
        if note.kind.states() {
            self.stated_by_session
                .entry(note.session.clone())
                .or_default()
                .insert(id.clone());
        }
    }

    fn remove(&mut self, id: &Id) {
        if *id == self.id {
            self.info = EventInfo::default();
        }
        self.rooms.remove(id);
        self.slots.remove(id);
        if self.pitches.contains_key(id) {
            let root = self.merge_root(id).clone();
            self.unindex_open(id);
            if let Some(into) = self.pitches.remove(id).and_then(|p| p.merged_into)
                && let Some(children) = self.merged_children.get_mut(&into)
            {
                children.remove(id);
                if children.is_empty() {
                    self.merged_children.remove(&into);
                }
            }
            self.reindex_open(&root);
        }
        self.actions.remove(id);
        self.decisions.remove(id);
        if let Some(session) = self.sessions.remove(id) {
            for pitch in &session.pitches {
                if let Some(set) = self.sessions_by_pitch.get_mut(pitch) {
                    set.remove(id);
                    if set.is_empty() {
                        self.sessions_by_pitch.remove(pitch);
                        self.reindex_open(pitch);
                    }
                }
            }
        }
        if let Some(note) = self.notes.remove(id) {
            if let Some(set) = self.notes_by_session.get_mut(&note.session) {
                set.remove(&(note.taken_at, id.clone()));
                if set.is_empty() {
                    self.notes_by_session.remove(&note.session);
                }
            }
            if let Some(set) = self.stated_by_session.get_mut(&note.session) {
                set.remove(id);
                if set.is_empty() {
                    self.stated_by_session.remove(&note.session);
                }
            }
        }
    }

    /// Takes a pitch out of the open index, if it is there.
    fn unindex_open(&mut self, id: &Id) {
        if let Some(interest) = self.open_interest.remove(id) {
            self.open_pitches
                .remove(&(std::cmp::Reverse(interest), id.clone()));
        }
    }

    /// Files a pitch in the open index afresh: under its interest now
    /// (merged pitches' included) when it is open, else not at all.
    fn reindex_open(&mut self, id: &Id) {
        self.unindex_open(id);
        if self.pitches.contains_key(id) && self.pitch_status(id) == PitchStatus::Open {
            let interest = self.interest_of(id);
            self.open_pitches
                .insert((std::cmp::Reverse(interest), id.clone()));
            self.open_interest.insert(id.clone(), interest);
        }
    }

    /// Pitches that are neither scheduled, merged nor withdrawn: most
    /// interest first, then in the order they were pitched. Kept as records
    /// change, so listing them costs nothing like a scan of every pitch.
    pub fn open_pitches(&self) -> impl ExactSizeIterator<Item = &Id> + '_ {
        self.open_pitches.iter().map(|(_, id)| id)
    }

    /// Where an open pitch stands in [`open_pitches`](Event::open_pitches),
    /// without listing them; `None` when it is not open.
    pub fn open_position(&self, id: &Id) -> Option<(usize, &Id)> {
        let interest = *self.open_interest.get(id)?;
        let key = (std::cmp::Reverse(interest), id.clone());
        let (_, kept) = self.open_pitches.get(&key)?;
        Some((self.open_pitches.range(..key).count(), kept))
    }

    /// The current value of a record as it would be stored.
    pub fn record(&self, id: &Id) -> Option<Record> {
        if *id == self.id {
            return Some(Record::Event(self.info.clone()));
        }
        None.or_else(|| self.rooms.get(id).cloned().map(Record::Room))
            .or_else(|| self.slots.get(id).cloned().map(Record::Slot))
            .or_else(|| self.pitches.get(id).cloned().map(Record::Pitch))
            .or_else(|| self.sessions.get(id).cloned().map(Record::Session))
            .or_else(|| self.notes.get(id).cloned().map(Record::Note))
            .or_else(|| self.actions.get(id).cloned().map(Record::Action))
            .or_else(|| self.decisions.get(id).cloned().map(Record::Decision))
    }

    /// Which kind of record an id names, if it names one.
    pub fn kind_of(&self, id: &Id) -> Option<Kind> {
        self.record(id).map(|r| r.kind())
    }

    /// Flags `id` as having more than one current version, or clears it.
    pub fn set_conflict(&mut self, id: &Id, conflicted: bool) {
        if conflicted {
            self.conflicts.0.insert(id.clone());
        } else {
            self.conflicts.0.remove(id);
        }
    }

    /// True when `id` is a private note: a next step or decision that is
    /// one is as private as the note, and stays out wherever the note does.
    pub fn is_private_note(&self, id: &Id) -> bool {
        self.notes.get(id).is_some_and(|n| n.private)
    }

    pub fn is_conflicted(&self, id: &Id) -> bool {
        self.conflicts.contains(id)
    }

    /// Rooms in display order: position, then name.
    pub fn rooms_in_order(&self) -> Vec<(&Id, &Room)> {
        let mut rooms: Vec<_> = self.rooms.iter().collect();
        rooms.sort_by(|a, b| {
            (a.1.position, a.1.name.to_lowercase(), a.0).cmp(&(
                b.1.position,
                b.1.name.to_lowercase(),
                b.0,
            ))
        });
        rooms
    }

    /// Slots in time order.
    pub fn slots_in_order(&self) -> Vec<(&Id, &Slot)> {
        let mut slots: Vec<_> = self.slots.iter().collect();
        slots.sort_by(|a, b| (a.1.start, a.1.end, a.0).cmp(&(b.1.start, b.1.end, b.0)));
        slots
    }

    /// Sessions in programme order: by slot time, then room order, then title.
    /// Sessions whose slot or room is missing come last.
    pub fn sessions_in_order(&self) -> Vec<(&Id, &Session)> {
        self.programme()
            .order
            .iter()
            .filter_map(|id| self.sessions.get_key_value(id))
            .collect()
    }

    /// The sessions in one cell of the grid, in programme order; more than
    /// one is a double booking, which merged files can hold.
    pub fn sessions_in_cell(&self, slot: &Id, room: &Id) -> &[Id] {
        self.programme()
            .by_cell
            .get(slot)
            .and_then(|rooms| rooms.get(room))
            .map_or(&[], Vec::as_slice)
    }

    /// Where a session is: its slot and room ids, if it is in a cell.
    pub fn cell_of(&self, session: &Id) -> Option<(&Id, &Id)> {
        let found = self.sessions.get(session)?;
        self.sessions_in_cell(&found.slot, &found.room)
            .contains(session)
            .then_some((&found.slot, &found.room))
    }

    /// How many sessions have a slot or room that is gone.
    pub fn sessions_off_grid(&self) -> usize {
        self.programme().off_grid
    }

    /// Every clash, as [`super::rules::clashes`] finds them, worked out once
    /// after each change.
    pub(super) fn clashes_kept(
        &self,
        find: impl FnOnce(&Event) -> Vec<super::rules::Clash>,
    ) -> &[super::rules::Clash] {
        self.derived.clashes.get_or_init(|| find(self))
    }

    fn programme(&self) -> &Programme {
        self.derived
            .programme
            .get_or_init(|| self.work_out_programme())
    }

    fn work_out_programme(&self) -> Programme {
        let room_rank: BTreeMap<&Id, usize> = self
            .rooms_in_order()
            .into_iter()
            .enumerate()
            .map(|(i, (id, _))| (id, i))
            .collect();
        let slot_rank: BTreeMap<&Id, usize> = self
            .slots_in_order()
            .into_iter()
            .enumerate()
            .map(|(i, (id, _))| (id, i))
            .collect();
        let mut sessions: Vec<_> = self
            .sessions
            .iter()
            .map(|(id, s)| {
                let key = (
                    slot_rank.get(&s.slot).copied().unwrap_or(usize::MAX),
                    room_rank.get(&s.room).copied().unwrap_or(usize::MAX),
                    self.session_title(s).to_lowercase(),
                    id,
                );
                (key, (id, s))
            })
            .collect();
        sessions.sort_by(|a, b| a.0.cmp(&b.0));
        let mut programme = Programme::default();
        for ((slot, room, _, _), (id, session)) in sessions {
            if slot == usize::MAX || room == usize::MAX {
                programme.off_grid += 1;
            }
            programme
                .by_cell
                .entry(session.slot.clone())
                .or_default()
                .entry(session.room.clone())
                .or_default()
                .push(id.clone());
            programme.rank.insert(id.clone(), programme.order.len());
            programme.order.push(id.clone());
        }
        programme
    }

    /// Pitches in the order they were made (ids sort by creation time).
    pub fn pitches_in_order(&self) -> Vec<(&Id, &Pitch)> {
        self.pitches.iter().collect()
    }

    /// Where a pitch stands; see [`PitchStatus`].
    pub fn pitch_status(&self, id: &Id) -> PitchStatus {
        let Some(pitch) = self.pitches.get(id) else {
            return PitchStatus::Open;
        };
        if pitch.withdrawn {
            PitchStatus::Withdrawn
        } else if let Some(into) = &pitch.merged_into {
            PitchStatus::Merged { into: into.clone() }
        } else if self.sessions_by_pitch.contains_key(id) {
            PitchStatus::Scheduled
        } else {
            PitchStatus::Open
        }
    }

    /// The sessions that include a pitch, in programme order.
    pub fn sessions_of_pitch(&self, pitch: &Id) -> Vec<&Id> {
        let Some(set) = self.sessions_by_pitch.get(pitch) else {
            return Vec::new();
        };
        let rank = &self.programme().rank;
        let mut found: Vec<&Id> = set.iter().collect();
        found.sort_by_key(|id| rank.get(*id).copied().unwrap_or(usize::MAX));
        found
    }

    /// Pitches merged into `id`, directly or through others.
    pub fn merged_into(&self, id: &Id) -> Vec<&Id> {
        let mut found: BTreeSet<&Id> = BTreeSet::new();
        let mut frontier = vec![id];
        while let Some(target) = frontier.pop() {
            for other in self.merged_children.get(target).into_iter().flatten() {
                if other != id && found.insert(other) {
                    frontier.push(other);
                }
            }
        }
        found.into_iter().collect()
    }

    /// A pitch's interest as every screen, the command line and the exports
    /// show it: its own show of hands plus that of every pitch merged into
    /// it (directly or through others) and not withdrawn, since those people
    /// now join its sessions.
    pub fn interest_of(&self, id: &Id) -> u32 {
        let own = self.pitches.get(id).map_or(0, |p| p.interest);
        self.merged_into(id)
            .into_iter()
            .filter_map(|m| self.pitches.get(m))
            .filter(|p| !p.withdrawn)
            .map(|p| p.interest)
            .fold(own, u32::saturating_add)
    }

    /// The pitch a merged pitch finally runs as (itself when not merged).
    /// Stops at a cycle, which only hand-edited or conflicting files can make.
    pub fn merge_root<'a>(&'a self, id: &'a Id) -> &'a Id {
        let mut current = id;
        let mut seen = BTreeSet::new();
        while let Some(next) = self
            .pitches
            .get(current)
            .and_then(|p| p.merged_into.as_ref())
        {
            if !seen.insert(current) || !self.pitches.contains_key(next) {
                break;
            }
            current = next;
        }
        current
    }

    /// A session's title: its first pitch's title ("untitled" when the pitch
    /// is missing).
    pub fn session_title<'a>(&'a self, session: &'a Session) -> &'a str {
        session
            .pitches
            .iter()
            .find_map(|p| self.pitches.get(p))
            .map(|p| p.title.as_str())
            .unwrap_or("untitled session")
    }

    /// Everyone who pitched any of the session's pitches, without repeats.
    pub fn session_pitchers<'a>(&'a self, session: &'a Session) -> Vec<&'a Person> {
        let mut people: Vec<&Person> = Vec::new();
        for pitch in session.pitches.iter().filter_map(|p| self.pitches.get(p)) {
            for person in &pitch.pitched_by {
                if !people
                    .iter()
                    .any(|p| crate::model::people::same(&p.name, &person.name))
                {
                    people.push(person);
                }
            }
        }
        people
    }

    /// Interest in a session: its pitches' interest added up, with that of
    /// pitches merged into them ([`interest_of`](Event::interest_of)), each
    /// pitch counted once.
    pub fn session_interest(&self, session: &Session) -> u32 {
        let mut counted: BTreeSet<&Id> = session.pitches.iter().collect();
        for pitch in &session.pitches {
            counted.extend(
                self.merged_into(pitch)
                    .into_iter()
                    .filter(|m| self.pitches.get(*m).is_some_and(|p| !p.withdrawn)),
            );
        }
        counted
            .into_iter()
            .filter_map(|p| self.pitches.get(p))
            .map(|p| p.interest)
            .fold(0u32, u32::saturating_add)
    }

    /// The earlier session this one repeats: the first session in programme
    /// order that runs the same pitch.
    pub fn repeat_of(&self, session_id: &Id) -> Option<&Id> {
        let session = self.sessions.get(session_id)?;
        let first = session.pitches.first()?;
        let earliest = *self.sessions_of_pitch(first).first()?;
        (earliest != session_id).then_some(earliest)
    }

    /// The notes of a session, in the order they were taken.
    pub fn notes_of(&self, session: &Id) -> impl DoubleEndedIterator<Item = (&Id, &Note)> + '_ {
        self.notes_by_session
            .get(session)
            .into_iter()
            .flatten()
            .filter_map(|(_, id)| self.notes.get(id).map(|n| (id, n)))
    }

    pub fn note_count(&self, session: &Id) -> usize {
        self.notes_by_session.get(session).map_or(0, BTreeSet::len)
    }

    /// Next steps of one session, or of the event when `session` is `None`,
    /// in the order they were made: the session's next-step records and its
    /// action notes, each read as a next step ([`action`](Event::action)).
    pub fn actions_of(&self, session: Option<&Id>) -> Vec<(&Id, Action)> {
        let mut steps: Vec<(&Id, Action)> = self
            .actions
            .iter()
            .filter(|(_, a)| a.session.as_ref() == session)
            .map(|(id, a)| (id, a.clone()))
            .collect();
        if let Some(session) = session {
            steps.extend(
                self.stated_notes(session, NoteKind::Action)
                    .map(|(id, n)| (id, step_of_note(n, self.info.date))),
            );
            steps.sort_by(|a, b| a.0.cmp(b.0));
        }
        steps
    }

    /// Every next step, the event's and every session's (action notes
    /// included), in the order they were made.
    pub fn all_actions(&self) -> Vec<(&Id, Action)> {
        let mut steps: Vec<(&Id, Action)> =
            self.actions.iter().map(|(id, a)| (id, a.clone())).collect();
        steps.extend(
            self.notes
                .iter()
                .filter(|(_, n)| n.kind == NoteKind::Action)
                .map(|(id, n)| (id, step_of_note(n, self.info.date))),
        );
        steps.sort_by(|a, b| a.0.cmp(b.0));
        steps
    }

    /// A next step by id: a next-step record, or an action note read as one
    /// (its owner and due date from its text, see [`super::steps`]). An
    /// edit of either is an edit of that one record.
    pub fn action(&self, id: &Id) -> Option<Action> {
        match (self.actions.get(id), self.notes.get(id)) {
            (Some(action), _) => Some(action.clone()),
            (None, Some(note)) if note.kind == NoteKind::Action => {
                Some(step_of_note(note, self.info.date))
            }
            _ => None,
        }
    }

    /// Decisions of the event (`None`: the day's decision records) or of one
    /// session (its decision notes, read as decisions), in the order made.
    pub fn decisions_of(&self, session: Option<&Id>) -> Vec<(&Id, Decision)> {
        match session {
            None => self
                .decisions
                .iter()
                .map(|(id, d)| (id, d.clone()))
                .collect(),
            Some(session) => self
                .stated_notes(session, NoteKind::Decision)
                .map(|(id, n)| (id, decision_of_note(n)))
                .collect(),
        }
    }

    /// A session's notes of one kind among those that state something
    /// (actions and decisions), in the order they were made.
    fn stated_notes<'a>(
        &'a self,
        session: &Id,
        kind: NoteKind,
    ) -> impl Iterator<Item = (&'a Id, &'a Note)> + 'a {
        self.stated_by_session
            .get(session)
            .into_iter()
            .flatten()
            .filter_map(|id| self.notes.get_key_value(id))
            .filter(move |(_, n)| n.kind == kind)
    }

    /// A decision by id: a decision record, or a decision note read as one.
    pub fn decision(&self, id: &Id) -> Option<Decision> {
        match (self.decisions.get(id), self.notes.get(id)) {
            (Some(decision), _) => Some(decision.clone()),
            (None, Some(note)) if note.kind == NoteKind::Decision => Some(decision_of_note(note)),
            _ => None,
        }
    }

    /// A short, human name for any record, for messages and conflict lists.
    pub fn describe(&self, id: &Id) -> String {
        if *id == self.id {
            return format!("the event details of \"{}\"", self.info.name);
        }
        if let Some(room) = self.rooms.get(id) {
            return format!("room \"{}\"", room.name);
        }
        if let Some(slot) = self.slots.get(id) {
            return format!("slot \"{}\" at {}", slot.label, slot.start.format("%H:%M"));
        }
        if let Some(pitch) = self.pitches.get(id) {
            return format!("pitch \"{}\"", pitch.title);
        }
        if let Some(session) = self.sessions.get(id) {
            return format!("session \"{}\"", self.session_title(session));
        }
        if let Some(note) = self.notes.get(id) {
            return format!("note \"{}\"", super::text::fit(&note.text, 40));
        }
        if let Some(action) = self.actions.get(id) {
            return format!("action \"{}\"", super::text::fit(&action.text, 40));
        }
        if let Some(decision) = self.decisions.get(id) {
            return format!("decision \"{}\"", super::text::fit(&decision.text, 40));
        }
        format!("record {id}")
    }
}

/// An action note as the next step it states.
fn step_of_note(note: &Note, event_day: Option<chrono::NaiveDate>) -> Action {
    let stated = super::steps::read_step(&note.text, super::steps::day_of(note, event_day));
    Action {
        session: Some(note.session.clone()),
        text: stated.text,
        owner: stated.owner,
        due: stated.due,
        status: note.status,
    }
}

/// A decision note as the decision it states.
fn decision_of_note(note: &Note) -> Decision {
    let (text, lead) = super::steps::read_decision(&note.text);
    Decision { text, lead }
}

#[cfg(test)]
mod tests;
