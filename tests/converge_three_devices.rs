//! Three laptops edit one event apart (pitches and notes added, edited and
//! deleted, often the same record at once) and read each other's files in
//! a random order. Once every laptop has read every other laptop's latest
//! file, all three hold the same versions, the same event and the same
//! write-up, and nothing any laptop wrote was lost. Resolving every
//! conflict on one laptop then ends them on all three.
//!
//! One laptop's clock is a day ahead: what each version's writer had seen
//! decides (its context), never the times.

use chrono::{DateTime, Duration, FixedOffset, NaiveTime, Utc};
use proptest::prelude::*;

use unconf::export::{WriteUpOptions, markdown};
use unconf::model::field::FieldSet;
use unconf::model::ops;
use unconf::model::{Change, EventInfo, Id, IdGen, Note, NoteKind, Pitch, Record, Slot, SlotKind};
use unconf::store::version::current_on;
use unconf::store::{Edit, Identity, Replica, Source};

const DEVICES: usize = 3;

/// What one laptop does next.
#[derive(Clone, Debug)]
enum Step {
    AddPitch {
        title: u8,
    },
    EditPitch {
        pick: u8,
        title: u8,
    },
    DeletePitch {
        pick: u8,
    },
    Interest {
        pick: u8,
    },
    AddNote {
        text: u8,
    },
    EditNote {
        pick: u8,
        text: u8,
    },
    DeleteNote {
        pick: u8,
    },
    /// Reads another laptop's file as it is now.
    Read {
        from: u8,
    },
}

fn arb_step() -> impl Strategy<Value = Step> {
    prop_oneof![
        2 => any::<u8>().prop_map(|title| Step::AddPitch { title }),
        3 => (any::<u8>(), any::<u8>()).prop_map(|(pick, title)| Step::EditPitch { pick, title }),
        1 => any::<u8>().prop_map(|pick| Step::DeletePitch { pick }),
        1 => any::<u8>().prop_map(|pick| Step::Interest { pick }),
        3 => any::<u8>().prop_map(|text| Step::AddNote { text }),
        3 => (any::<u8>(), any::<u8>()).prop_map(|(pick, text)| Step::EditNote { pick, text }),
        1 => any::<u8>().prop_map(|pick| Step::DeleteNote { pick }),
        3 => any::<u8>().prop_map(|from| Step::Read { from }),
    ]
}

const WORDS: [&str; 8] = [
    "open standards",
    "a vendor community",
    "data across borders",
    "responsible tech",
    "one standard, not five",
    "who owns it?",
    "pilot with two councils",
    "write to MHCLG",
];

fn word(n: u8) -> &'static str {
    WORDS[usize::from(n) % WORDS.len()]
}

fn start() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-27T10:00:00+00:00")
        .expect("a fixed time")
        .to_utc()
}

struct Laptop {
    replica: Replica,
    /// How far this laptop's clock is off.
    skew: Duration,
}

impl Laptop {
    fn now(&self, step: usize) -> DateTime<Utc> {
        start() + Duration::seconds(step as i64) + self.skew
    }

    fn commit(&mut self, changes: Result<Vec<Change>, ops::OpError>, step: usize) {
        // A refused edit (such as a note on a session this laptop has not
        // seen) is simply not made, as in the app.
        if let Ok(changes) = changes {
            let at = self.now(step);
            self.replica
                .commit(changes, at)
                .expect("an editable replica");
        }
    }

    fn pick(ids: Vec<Id>, pick: u8) -> Option<Id> {
        (!ids.is_empty()).then(|| ids[usize::from(pick) % ids.len()].clone())
    }

    fn pitch(&self, pick: u8) -> Option<Id> {
        Self::pick(self.replica.event().pitches.keys().cloned().collect(), pick)
    }

    fn note(&self, pick: u8) -> Option<Id> {
        Self::pick(self.replica.event().notes.keys().cloned().collect(), pick)
    }

    fn session(&self) -> Option<Id> {
        self.replica.event().sessions.keys().next().cloned()
    }

    fn taken_at(&self, step: usize) -> DateTime<FixedOffset> {
        self.now(step).fixed_offset()
    }

    fn act(&mut self, step: &Step, index: usize, others: &[Replica]) {
        let event = self.replica.event().clone();
        match step {
            Step::AddPitch { title } => {
                let id = self.replica.new_id(self.now(index));
                let pitch = Pitch {
                    title: word(*title).into(),
                    ..Pitch::default()
                };
                self.commit(ops::add_pitch(&event, id, pitch), index);
            }
            Step::EditPitch { pick, title } => {
                if let Some(id) = self.pitch(*pick) {
                    let mut pitch = event.pitches[&id].clone();
                    pitch.title = format!("{} ({index})", word(*title));
                    self.commit(Ok(vec![Change::put(id, Record::Pitch(pitch))]), index);
                }
            }
            Step::DeletePitch { pick } => {
                if let Some(id) = self.pitch(*pick) {
                    self.commit(ops::delete_pitch(&event, &id), index);
                }
            }
            Step::Interest { pick } => {
                if let Some(id) = self.pitch(*pick) {
                    self.commit(ops::bump_interest(&event, &id, 1), index);
                }
            }
            Step::AddNote { text } => {
                if let Some(session) = self.session() {
                    let id = self.replica.new_id(self.now(index));
                    let note = Note {
                        session,
                        text: word(*text).into(),
                        kind: NoteKind::Point,
                        taken_at: self.taken_at(index),
                        author: self.replica.identity().author.clone(),
                        private: false,
                        status: unconf::model::ActionStatus::Open,
                    };
                    self.commit(ops::add_note(&event, id, note), index);
                }
            }
            Step::EditNote { pick, text } => {
                if let Some(id) = self.note(*pick) {
                    let text = format!("{} ({index})", word(*text));
                    self.commit(ops::edit_note(&event, &id, &text, NoteKind::Idea), index);
                }
            }
            Step::DeleteNote { pick } => {
                if let Some(id) = self.note(*pick) {
                    self.commit(ops::delete_note(&event, &id), index);
                }
            }
            Step::Read { from } => {
                let from = usize::from(*from) % others.len();
                self.replica.absorb(others[from].own_file(), Source::Other);
            }
        }
    }
}

/// The organiser's laptop sets the day up; the other two have read its
/// file before the day starts (as after a sync, a pack or a merge).
fn three_laptops() -> Vec<Laptop> {
    let labels = ["organiser", "note-taker one", "note-taker two"];
    let mut ids = IdGen::new(b"organiser");
    let event_id = ids.make(1, 0);
    let make = |n: usize| {
        let me = Identity::from_label(labels[n], &format!("Author {n}"));
        Replica::new(event_id.clone(), me, true)
    };
    let mut organiser = make(0);
    let put = |organiser: &mut Replica, record: Record| {
        let id = organiser.new_id(start());
        organiser
            .commit(vec![Change::put(id.clone(), record)], start())
            .expect("an editable replica");
        id
    };
    let info = EventInfo {
        name: "Three laptops".into(),
        date: Some(start().date_naive()),
        ..EventInfo::default()
    };
    organiser
        .commit(
            vec![Change::put(event_id.clone(), Record::Event(info))],
            start(),
        )
        .expect("an editable replica");
    let room = put(
        &mut organiser,
        Record::Room(unconf::model::Room {
            name: "Library".into(),
            ..Default::default()
        }),
    );
    let slot = put(
        &mut organiser,
        Record::Slot(Slot {
            start: NaiveTime::from_hms_opt(10, 0, 0).expect("10:00"),
            end: NaiveTime::from_hms_opt(11, 0, 0).expect("11:00"),
            label: "Round 1".into(),
            kind: SlotKind::Breakout,
        }),
    );
    let mut pitches = Vec::new();
    for title in ["Open standards", "A vendor community"] {
        pitches.push(put(
            &mut organiser,
            Record::Pitch(Pitch {
                title: title.into(),
                ..Pitch::default()
            }),
        ));
    }
    let session_id = organiser.new_id(start());
    let changes = ops::schedule(organiser.event(), session_id, &pitches[0], &slot, &room)
        .expect("a free cell");
    organiser
        .commit(changes, start())
        .expect("an editable replica");
    let mut laptops = vec![Laptop {
        replica: organiser,
        skew: Duration::zero(),
    }];
    for (n, skew) in [(1, Duration::minutes(3)), (2, Duration::days(1))] {
        let mut replica = make(n);
        replica.absorb(laptops[0].replica.own_file(), Source::Other);
        laptops.push(Laptop { replica, skew });
    }
    laptops
}

/// Every laptop reads every other laptop's latest file.
fn read_everything(laptops: &mut [Laptop]) {
    let files: Vec<_> = laptops.iter().map(|l| l.replica.own_file()).collect();
    for (n, laptop) in laptops.iter_mut().enumerate() {
        for (m, file) in files.iter().enumerate() {
            if n != m {
                laptop.replica.absorb(file.clone(), Source::Other);
            }
        }
    }
}

fn write_up(replica: &Replica) -> String {
    markdown(replica.event(), &WriteUpOptions::new(true, false))
}

fn assert_converged(laptops: &[Laptop]) -> Result<(), TestCaseError> {
    let first = &laptops[0].replica;
    for other in &laptops[1..] {
        prop_assert_eq!(first.merged(), other.replica.merged());
        prop_assert_eq!(first.event(), other.replica.event());
        prop_assert_eq!(write_up(first), write_up(&other.replica));
    }
    Ok(())
}

proptest! {
    // 256 cases by default; PROPTEST_CASES runs more.
    #[test]
    fn three_laptops_converge_whatever_the_order(
        steps in prop::collection::vec((0..DEVICES, arb_step()), 1..60),
        order in Just(()).prop_perturb(|_, mut rng| {
            let mut order: Vec<usize> = (0..DEVICES).collect();
            for i in (1..order.len()).rev() {
                order.swap(i, rng.random_range(0..=i));
            }
            order
        }),
    ) {
        let mut laptops = three_laptops();
        for (index, (device, step)) in steps.iter().enumerate() {
            let others: Vec<Replica> = laptops
                .iter()
                .enumerate()
                .filter(|(n, _)| n != device)
                .map(|(_, l)| l.replica.clone())
                .collect();
            laptops[*device].act(step, index + 1, &others);
        }
        // Everything each laptop wrote, before anyone reads the rest.
        let written: Vec<_> = laptops
            .iter()
            .flat_map(|l| l.replica.own_file().into_versions())
            .collect();

        // Each laptop reads the others' files in its own random order.
        let files: Vec<_> = laptops.iter().map(|l| l.replica.own_file()).collect();
        for &n in &order {
            for m in order.iter().rev() {
                if n != *m {
                    laptops[n].replica.absorb(files[*m].clone(), Source::Other);
                }
            }
        }
        assert_converged(&laptops)?;

        // Nothing lost: on each field it sets, every version written is
        // current, or replaced by a version written knowing it.
        let merged = laptops[0].replica.merged();
        for version in &written {
            let Some(kind) = version.kind() else { continue };
            let current = merged.current(&version.id);
            for index in version.fields.of(kind).indexes(kind) {
                let kept = current_on(current, index).iter().any(|c| c.dot == version.dot);
                let replaced = written.iter().any(|o| {
                    o.fields.contains(index) && o.dot != version.dot && o.seen.contains(&version.dot)
                });
                prop_assert!(kept || replaced, "lost {:?} on field {}", version, index);
            }
        }
        let conflicts: Vec<Id> = laptops[0].replica.conflicts().cloned().collect();

        // Reading the same files again changes nothing.
        let before = laptops[1].replica.merged().clone();
        for file in &files {
            laptops[1].replica.absorb(file.clone(), Source::Other);
        }
        prop_assert_eq!(&before, laptops[1].replica.merged());

        // The second note-taker (the one whose clock is a day ahead)
        // resolves every conflict by keeping the value shown; after one
        // more round of reading, no laptop has a conflict left.
        let resolver = order[0];
        let edits: Vec<Edit> = conflicts
            .iter()
            .map(|id| Edit {
                id: id.clone(),
                record: laptops[resolver].replica.event().record(id),
                begun: None,
                fields: Some(FieldSet::ALL),
            })
            .collect();
        let at = laptops[resolver].now(steps.len() + 1);
        laptops[resolver].replica.commit_edits(edits, at).expect("an editable replica");
        read_everything(&mut laptops);
        assert_converged(&laptops)?;
        for laptop in &laptops {
            prop_assert_eq!(laptop.replica.conflicts().count(), 0);
            prop_assert!(laptop.replica.event().conflicts.is_empty());
        }
    }
}

/// The cases the random runs are after, written out: the same pitch
/// retitled on two laptops and deleted on the third, read in opposite
/// orders.
#[test]
fn an_edit_an_edit_and_a_deletion_of_one_pitch_converge_as_one_conflict() {
    let mut laptops = three_laptops();
    // The second pitch: the first is scheduled, and is not deleted.
    let pitch = laptops[0].pitch(1).expect("a second pitch");
    for (n, step) in [
        (0, Step::EditPitch { pick: 1, title: 1 }),
        (1, Step::EditPitch { pick: 1, title: 2 }),
        (2, Step::DeletePitch { pick: 1 }),
    ] {
        laptops[n].act(&step, 5, &[]);
    }
    let files: Vec<_> = laptops.iter().map(|l| l.replica.own_file()).collect();
    laptops[0].replica.absorb(files[2].clone(), Source::Other);
    laptops[0].replica.absorb(files[1].clone(), Source::Other);
    laptops[1].replica.absorb(files[0].clone(), Source::Other);
    laptops[1].replica.absorb(files[2].clone(), Source::Other);
    laptops[2].replica.absorb(files[1].clone(), Source::Other);
    laptops[2].replica.absorb(files[0].clone(), Source::Other);
    for laptop in &laptops {
        assert_eq!(laptop.replica.merged().current(&pitch).len(), 3);
        assert!(laptop.replica.event().is_conflicted(&pitch));
        assert!(
            laptop.replica.event().pitches.contains_key(&pitch),
            "an edit wins over the deletion in what is shown"
        );
    }
    assert_converged(&laptops).expect("converged");
}
