//! Generated events of any size, for benchmarks and for trying unconf on a
//! day far larger than any real one (`unconf generate`, hidden from help).
//!
//! Every record is made by the real edits in `model::ops` and written by
//! each device's [`Replica`], so a generated folder is exactly what that many
//! laptops would have written. A fixed seed, fixed times and ids derived from
//! the devices' labels make the output the same, byte for byte, for the same
//! sizes.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, FixedOffset, NaiveTime, Utc};

use super::format::DeviceFile;
use super::{Identity, Replica, StoreError, atomic};
use crate::model::ops::{self, OpError, SessionDetails};
use crate::model::{
    Action, Change, Decision, Event, EventInfo, Id, IdGen, Note, NoteKind, Person, Pitch, Record,
    Slot, SlotKind,
};
use crate::rng::Rng;

/// How much to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sizes {
    pub pitches: usize,
    /// The first `sessions` pitches are scheduled, one session each.
    pub sessions: usize,
    pub notes: usize,
    /// Device files: the first is the organiser's, the others note-takers'.
    pub devices: usize,
}

impl Sizes {
    /// 200 pitches, 50 sessions, 5,000 notes, 10 devices.
    pub const MEDIUM: Sizes = Sizes {
        pitches: 200,
        sessions: 50,
        notes: 5_000,
        devices: 10,
    };
    /// 2,000 pitches, 500 sessions, 50,000 notes, 30 devices: ten times any
    /// real event.
    pub const LARGE: Sizes = Sizes {
        pitches: 2_000,
        sessions: 500,
        notes: 50_000,
        devices: 30,
    };
    /// 20,000 pitches, 5,000 sessions, 500,000 notes, 100 devices: ten
    /// times large, for drawing how cost grows (`cargo bench --bench curve`
    /// with `UNCONF_BENCH_XL=1`).
    pub const XL: Sizes = Sizes {
        pitches: 20_000,
        sessions: 5_000,
        notes: 500_000,
        devices: 100,
    };

    fn check(&self) -> Result<(), String> {
        if self.devices == 0 {
            return Err("--devices must be at least 1".into());
        }
        if self.sessions > self.pitches {
            return Err(format!(
                "--sessions ({}) cannot exceed --pitches ({}), since each session runs its own pitch",
                self.sessions, self.pitches
            ));
        }
        if self.notes > 0 && self.sessions == 0 {
            return Err("notes need a session to belong to; give --sessions 1 or more".into());
        }
        if self.sessions > MAX_SLOTS * MAX_ROOMS {
            return Err(format!(
                "--sessions can be at most {} ({MAX_SLOTS} slots of {ROOMS_WORD})",
                MAX_SLOTS * MAX_ROOMS
            ));
        }
        Ok(())
    }
}

/// A day holds at most this many 20-minute slots from 07:00.
const MAX_SLOTS: usize = 36;
const MAX_ROOMS: usize = 999;
const ROOMS_WORD: &str = "up to 999 rooms";
const SLOT_MINUTES: i64 = 20;

/// What was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Generated {
    pub dir: PathBuf,
    pub files: usize,
    pub bytes: u64,
    pub rooms: usize,
    pub slots: usize,
}

/// Writes a generated event into `dir`, which must be missing or empty.
pub fn generate(dir: &Path, sizes: &Sizes) -> Result<Generated, StoreError> {
    sizes
        .check()
        .map_err(|reason| StoreError::Sizes { reason })?;
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| StoreError::io(dir, e))?;
        if entries.next().is_some() {
            return Err(StoreError::NotEmpty {
                dir: dir.to_path_buf(),
            });
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
    let day = build(sizes)?;
    let mut bytes = 0;
    for (identity, file) in &day.files {
        let text = file.to_text().map_err(|source| StoreError::Encode {
            what: "a generated device file".into(),
            source,
        })?;
        let path = dir.join(format!("{}.ron", identity.file_stem()));
        atomic::write(&path, text.as_bytes()).map_err(|e| StoreError::io(&path, e))?;
        bytes += text.len() as u64;
    }
    Ok(Generated {
        dir: dir.to_path_buf(),
        files: day.files.len(),
        bytes,
        rooms: day.rooms,
        slots: day.slots,
    })
}

/// A generated day: each device's file, in device order.
pub struct Day {
    pub files: Vec<(Identity, DeviceFile)>,
    pub rooms: usize,
    pub slots: usize,
}

/// Makes every device's file in memory.
pub fn build(sizes: &Sizes) -> Result<Day, StoreError> {
    sizes
        .check()
        .map_err(|reason| StoreError::Sizes { reason })?;
    let mut maker = Maker::new(sizes);
    maker.setup().map_err(failed)?;
    maker.pitches().map_err(failed)?;
    let sessions = maker.schedule().map_err(failed)?;
    maker.notes(&sessions).map_err(failed)?;
    maker.wrap_up(&sessions).map_err(failed)?;
    let (rooms, slots) = (maker.rooms.len(), maker.slots.len());
    let files = maker
        .devices
        .into_iter()
        .filter(|replica| replica.own_len() > 0)
        .map(|replica| (replica.identity().clone(), replica.own_file()))
        .collect();
    Ok(Day {
        files,
        rooms,
        slots,
    })
}

fn failed(error: OpError) -> StoreError {
    StoreError::Generate { source: error }
}

/// The generator's state: one replica per device, the organiser's first.
struct Maker {
    sizes: Sizes,
    rng: Rng,
    devices: Vec<Replica>,
    rooms: Vec<Id>,
    slots: Vec<Id>,
    pitches: Vec<Id>,
    /// Seconds after the start of the day, for version times.
    clock: i64,
}

impl Maker {
    fn new(sizes: &Sizes) -> Maker {
        let event_id = IdGen::new(b"unconf generate").make(day_start_ms(), 0);
        let devices = (0..sizes.devices)
            .map(|i| {
                let label = if i == 0 {
                    "generated organiser laptop".to_string()
                } else {
                    format!("generated laptop {i:02}")
                };
                let me = Identity::from_label(&label, PEOPLE[i % PEOPLE.len()]);
                Replica::new(event_id.clone(), me, true)
            })
            .collect();
        Maker {
            sizes: *sizes,
            rng: Rng::new(0x756e_636f_6e66_2026),
            devices,
            rooms: Vec::new(),
            slots: Vec::new(),
            pitches: Vec::new(),
            clock: 0,
        }
    }

    fn organiser(&self) -> &Event {
        self.devices[0].event()
    }

    /// Commits the changes `edit` makes as device `device`, at the next
    /// moment of the generated clock.
    fn commit(
        &mut self,
        device: usize,
        at: Option<DateTime<Utc>>,
        edit: impl FnOnce(&Event, Id) -> Result<Vec<Change>, OpError>,
    ) -> Result<Id, OpError> {
        self.clock += 1;
        let at = at.unwrap_or_else(|| day_start() + Duration::seconds(self.clock));
        let id = self.devices[device].new_id(at);
        let changes = edit(self.devices[0].event(), id.clone())?;
        // A replica refuses only when read-only, which these never are.
        let _ = self.devices[device].commit(changes, at);
        Ok(id)
    }

    fn setup(&mut self) -> Result<(), OpError> {
        let event_id = self.organiser().id.clone();
        let info = EventInfo {
            name: format!(
                "Generated unconference ({} pitches, {} notes)",
                self.sizes.pitches, self.sizes.notes
            ),
            date: Some(day_start().date_naive()),
            venue: "Kongresshaus Zürich".into(),
            organisers: vec!["techUK".into(), "Café Numérique".into()],
            description: "A generated day for measuring unconf at any size.".into(),
            time_zone: Some("Europe/London".into()),
            follows: None,
            attendees: None,
            url: String::new(),
        };
        self.clock += 1;
        let at = day_start() + Duration::seconds(self.clock);
        let _ = self.devices[0].commit(vec![Change::put(event_id, Record::Event(info))], at);
        let slots = slot_count(self.sizes.sessions);
        let rooms = self.sizes.sessions.div_ceil(slots).max(1);
        for room in 0..rooms {
            let capacity = 30 + self.rng.below(50) as u32;
            let id = self.commit(0, None, |event, id| {
                ops::add_room(event, id, &format!("Room {:02}", room + 1), Some(capacity))
            })?;
            self.rooms.push(id);
        }
        for slot in 0..slots {
            let start = NaiveTime::from_hms_opt(7, 0, 0).unwrap_or_default()
                + Duration::minutes(SLOT_MINUTES * slot as i64);
            let record = Slot {
                start,
                end: start + Duration::minutes(SLOT_MINUTES),
                label: format!("Round {}", slot + 1),
                kind: SlotKind::Breakout,
            };
            let id = self.commit(0, None, |event, id| ops::add_slot(event, id, record))?;
            self.slots.push(id);
        }
        Ok(())
    }

    fn pitches(&mut self) -> Result<(), OpError> {
        let width = self.sizes.pitches.to_string().len().max(4);
        for number in 1..=self.sizes.pitches {
            let pitch = Pitch {
                title: format!("Generated pitch #{number:0width$}"),
                pitched_by: vec![Person {
                    name: person(number),
                    organisation: Some(ORGANISATIONS[number % ORGANISATIONS.len()].into()),
                }],
                description: self.rng.sentence(12, 30),
                tags: vec![TAGS[number % TAGS.len()].into()],
                // Below every room's capacity, so that the day has no clash.
                interest: self.rng.below(30) as u32,
                withdrawn: number > self.sizes.sessions && number % 23 == 0,
                merged_into: None,
            };
            let id = self.commit(0, None, |event, id| ops::add_pitch(event, id, pitch))?;
            self.pitches.push(id);
        }
        Ok(())
    }

    /// One session for each of the first pitches, slot by slot, room by room.
    fn schedule(&mut self) -> Result<Vec<Id>, OpError> {
        let rooms = self.rooms.len();
        let mut sessions = Vec::new();
        for index in 0..self.sizes.sessions {
            let pitch = self.pitches[index].clone();
            let slot = self.slots[index / rooms].clone();
            let room = self.rooms[index % rooms].clone();
            let id = self.commit(0, None, |event, id| {
                ops::schedule(event, id, &pitch, &slot, &room)
            })?;
            let taker = self.devices[self.note_taker(index)]
                .identity()
                .author
                .clone();
            self.commit(0, None, |event, _| {
                let details = SessionDetails {
                    note_taker: Some(taker),
                    facilitator: Some(person(index + 1)),
                    ..SessionDetails::default()
                };
                ops::set_session_details(event, &id, details)
            })?;
            sessions.push(id);
        }
        Ok(sessions)
    }

    /// The device whose laptop takes the notes of session `index`.
    fn note_taker(&self, index: usize) -> usize {
        match self.sizes.devices {
            1 => 0,
            n => 1 + index % (n - 1),
        }
    }

    /// Notes dealt round the sessions, each taken during its session's slot.
    fn notes(&mut self, sessions: &[Id]) -> Result<(), OpError> {
        let per_session = self.sizes.notes.div_ceil(sessions.len().max(1)).max(1) as i64;
        let rooms = self.rooms.len();
        for index in 0..self.sizes.notes {
            let which = index % sessions.len();
            let nth = (index / sessions.len()) as i64;
            let slot_start = day_start() + Duration::minutes(SLOT_MINUTES * (which / rooms) as i64);
            let taken_at = slot_start + Duration::seconds(nth * SLOT_MINUTES * 60 / per_session);
            let device = self.note_taker(which);
            let note = Note {
                session: sessions[which].clone(),
                text: self.rng.note_text(),
                kind: NoteKind::ALL[self.rng.below(12).min(NoteKind::ALL.len() - 1)],
                taken_at: taken_at.fixed_offset(),
                author: self.devices[device].identity().author.clone(),
                private: self.rng.below(40) == 0,
                status: crate::model::ActionStatus::Open,
            };
            self.commit(device, Some(taken_at), |event, id| {
                ops::add_note(event, id, note)
            })?;
        }
        Ok(())
    }

    /// Summaries and outcomes, an action for every fifth session and the day's decisions.
    fn wrap_up(&mut self, sessions: &[Id]) -> Result<(), OpError> {
        for (index, session) in sessions.iter().enumerate() {
            let details = SessionDetails {
                summary: Some(self.rng.sentence(25, 60)),
                outcome: Some(self.rng.sentence(8, 20)),
                attendees: Some(Some(5 + self.rng.below(30) as u32)),
                ..SessionDetails::default()
            };
            // The organiser records them in the closing round; a note-taker's
            // laptop has not seen the session's version, so its edit would
            // stand beside it as a conflict.
            self.commit(0, None, |event, _| {
                ops::set_session_details(event, session, details)
            })?;
            if index % 5 == 0 {
                let action = Action {
                    session: Some(session.clone()),
                    text: self.rng.sentence(6, 14),
                    owner: Some(person(index + 7)),
                    ..Action::default()
                };
                self.commit(0, None, |event, id| ops::add_action(event, id, action))?;
            }
        }
        for _ in 0..sessions.len().div_ceil(50) {
            let decision = Decision {
                text: self.rng.sentence(8, 18),
                lead: Some(ORGANISATIONS[self.rng.below(ORGANISATIONS.len())].into()),
            };
            self.commit(0, None, |event, id| ops::add_decision(event, id, decision))?;
        }
        Ok(())
    }
}

/// Slots for a day of `sessions`: about twice as many slots as rooms.
fn slot_count(sessions: usize) -> usize {
    let mut slots = 1;
    while slots * slots < 2 * sessions && slots < MAX_SLOTS {
        slots += 1;
    }
    slots
}

/// 27 November 2026, 07:00 UTC: the generated day's first moment.
fn day_start() -> DateTime<Utc> {
    DateTime::<FixedOffset>::parse_from_rfc3339("2026-11-27T07:00:00+00:00")
        .map(|t| t.to_utc())
        .unwrap_or_default()
}

fn day_start_ms() -> u64 {
    u64::try_from(day_start().timestamp_millis()).unwrap_or(0)
}

/// A name for person `n`, different for every `n` below 1,600.
fn person(n: usize) -> String {
    let first = PEOPLE[n % PEOPLE.len()];
    let last = SURNAMES[(n / PEOPLE.len()) % SURNAMES.len()];
    format!("{first} {last}")
}

/// The generator's words, from the shared reproducible random source.
trait Words {
    fn sentence(&mut self, min: usize, max: usize) -> String;
    fn note_text(&mut self) -> String;
}

impl Words for Rng {
    /// A sentence of `min..=max` words, capitalised, with a full stop.
    fn sentence(&mut self, min: usize, max: usize) -> String {
        let count = min + self.below(max - min + 1);
        let mut text = String::new();
        for i in 0..count {
            let word = WORDS[self.below(WORDS.len())];
            if i == 0 {
                let mut chars = word.chars();
                if let Some(first) = chars.next() {
                    text.extend(first.to_uppercase());
                    text.push_str(chars.as_str());
                }
            } else {
                text.push(' ');
                text.push_str(word);
            }
        }
        text.push('.');
        text
    }

    /// What a note-taker types: one or two sentences, now and then an emoji.
    fn note_text(&mut self) -> String {
        let mut text = self.sentence(6, 24);
        if self.below(3) == 0 {
            text.push(' ');
            text.push_str(&self.sentence(4, 14));
        }
        if self.below(25) == 0 {
            text.push(' ');
            text.push_str(EMOJI[self.below(EMOJI.len())]);
        }
        text
    }
}

const WORDS: &[&str] = &[
    "councils",
    "suppliers",
    "open",
    "standards",
    "data",
    "the",
    "a",
    "we",
    "need",
    "to",
    "share",
    "procurement",
    "platform",
    "users",
    "services",
    "local",
    "digital",
    "should",
    "could",
    "funding",
    "pilot",
    "with",
    "two",
    "three",
    "teams",
    "contracts",
    "legacy",
    "systems",
    "interoperability",
    "APIs",
    "planning",
    "housing",
    "waste",
    "social",
    "care",
    "agile",
    "discovery",
    "alpha",
    "beta",
    "research",
    "residents",
    "journey",
    "trust",
    "security",
    "cloud",
    "hosting",
    "costs",
    "budget",
    "skills",
    "training",
    "culture",
    "leadership",
    "café",
    "Zürich",
    "naïve",
    "résumé",
    "coöperation",
    "façade",
    "São Paulo",
    "Malmö",
    "Ærø",
    "über",
    "déjà vu",
    "and",
    "for",
    "in",
    "of",
    "on",
    "is",
    "are",
    "not",
    "every",
    "one",
    "many",
    "most",
    "before",
    "after",
    "because",
    "without",
    "across",
    "borders",
    "market",
    "vendor",
    "lock-in",
    "exit",
    "plans",
    "licences",
    "code",
    "reuse",
    "community",
    "charter",
    "declaration",
    "ministry",
    "evidence",
    "outcomes",
    "metrics",
];

const EMOJI: &[&str] = &["🙂", "👍", "🎉", "🤔", "☕"];

const PEOPLE: &[&str] = &[
    "Asha", "Tom", "Kim", "Sam", "Ola", "Zoë", "Jürgen", "Amélie", "Søren", "Chloé", "Raj",
    "Fatima", "Niamh", "Björn", "Lucía", "Mei", "Kwame", "Inès", "Dmitri", "Aoife", "José",
    "Hannah", "Yusuf", "Maëlle", "Priya", "Oliver", "Grace", "Tomás", "Leila", "Ewan", "Hélène",
    "Marek", "Nia", "Arjun", "Ingrid", "Chen", "Rosa", "Idris", "Freya", "Matteo",
];

const SURNAMES: &[&str] = &[
    "Patel",
    "Reid",
    "Lee",
    "Jones",
    "Nowak",
    "Müller",
    "Dubois",
    "Ó Briain",
    "García",
    "Wang",
    "Okafor",
    "Larsen",
    "Smith",
    "Kowalski",
    "Rossi",
    "Khan",
    "Brennan",
    "Schäfer",
    "Silva",
    "Nakamura",
    "Hughes",
    "Fernández",
    "Novák",
    "Ahmed",
    "Taylor",
    "Lefèvre",
    "Jensen",
    "Murphy",
    "Costa",
    "Singh",
    "Evans",
    "Åberg",
    "Kelly",
    "Moreau",
    "Berg",
    "Walsh",
    "Ito",
    "Bianchi",
    "Hall",
    "Çelik",
];

const ORGANISATIONS: &[&str] = &[
    "techUK",
    "MHCLG",
    "Stadt Zürich",
    "Café Numérique",
    "Leeds City Council",
    "Hackney Council",
    "Open Data Institute",
    "Société Générique",
];

const TAGS: &[&str] = &[
    "data",
    "procurement",
    "skills",
    "standards",
    "culture",
    "security",
];

#[cfg(test)]
mod tests;
