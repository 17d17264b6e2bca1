//! The registers as CSV, for whoever keeps them in a spreadsheet: the
//! actions, the programme, the decisions, the pitches and the notes. Every
//! column is described in docs/FORMATS.md. Dates are YYYY-MM-DD and times
//! HH:MM (24-hour), which every spreadsheet reads as such.

use super::csv;
use crate::model::{Event, Id, PitchStatus, Session};

/// Which register.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Register {
    /// Every next step, with its owner, due date and status.
    #[default]
    Actions,
    /// Every session, plenary and break, in programme order.
    Programme,
    /// What the day agreed, with who leads it.
    Decisions,
    /// Every pitch, with its interest and what became of it.
    Pitches,
    /// Every note as it was taken.
    Notes,
}

impl Register {
    pub const ALL: [Register; 5] = [
        Register::Actions,
        Register::Programme,
        Register::Decisions,
        Register::Pitches,
        Register::Notes,
    ];

    /// Its name on the command line and in file names.
    pub fn word(self) -> &'static str {
        match self {
            Register::Actions => "actions",
            Register::Programme => "programme",
            Register::Decisions => "decisions",
            Register::Pitches => "pitches",
            Register::Notes => "notes",
        }
    }

    /// The columns, in order.
    pub fn header(self) -> &'static [&'static str] {
        match self {
            Register::Actions => &ACTIONS,
            Register::Programme => &PROGRAMME,
            Register::Decisions => &DECISIONS,
            Register::Pitches => &PITCHES,
            Register::Notes => &NOTES,
        }
    }
}

const ACTIONS: [&str; 6] = ["event", "session", "action", "owner", "due", "status"];
const PROGRAMME: [&str; 13] = [
    "date",
    "start",
    "end",
    "slot",
    "kind",
    "room",
    "session",
    "merged pitches",
    "pitched by",
    "facilitator",
    "note-taker",
    "attendees",
    "chatham house",
];
const DECISIONS: [&str; 4] = ["event", "session", "decision", "lead"];
const PITCHES: [&str; 8] = [
    "title",
    "pitched by",
    "description",
    "tags",
    "interest",
    "status",
    "merged into",
    "sessions",
];
const NOTES: [&str; 6] = ["session", "taken at", "kind", "author", "private", "text"];

/// A register as CSV, header first; the public view's when `public`.
pub fn register(event: &Event, which: Register, public: bool) -> String {
    let shown = super::view::shown(event, public);
    let event: &Event = &shown;
    let header = which.header().iter().map(|h| h.to_string()).collect();
    let rows = match which {
        Register::Actions => actions(event),
        Register::Programme => programme(event),
        Register::Decisions => decisions(event),
        Register::Pitches => pitches(event),
        Register::Notes => notes(event),
    };
    csv::table(std::iter::once(header).chain(rows))
}

/// The actions register (see [`register`]).
pub fn actions_register(event: &Event, public: bool) -> String {
    register(event, Register::Actions, public)
}

/// Each action with the title of its session ("" for the event's own): the
/// event's own first, then each session's in programme order, each in the
/// order it was made.
fn actions(event: &Event) -> Vec<Vec<String>> {
    let own = (event.actions_of(None).into_iter()).map(|(_, a)| (String::new(), a));
    let by_session = event.sessions_in_order().into_iter().flat_map(|(id, s)| {
        let title = session_title(event, id, s);
        (event.actions_of(Some(id)).into_iter())
            .filter(|(id, _)| !event.is_private_note(id))
            .map(move |(_, a)| (title.clone(), a))
    });
    own.chain(by_session)
        .map(|(session, action)| {
            vec![
                event.info.name.clone(),
                session,
                action.text.clone(),
                action.owner.clone().unwrap_or_default(),
                action.due.map(|d| d.to_string()).unwrap_or_default(),
                action.status.word().to_string(),
            ]
        })
        .collect()
}

/// One row per session in programme order, and one per plenary or break
/// with no session in it.
fn programme(event: &Event) -> Vec<Vec<String>> {
    let date = event.info.date.map(|d| d.to_string()).unwrap_or_default();
    let sessions = event.sessions_in_order();
    let mut rows = Vec::new();
    let slot_cells = |slot: &crate::model::Slot| {
        vec![
            date.clone(),
            slot.start.format("%H:%M").to_string(),
            slot.end.format("%H:%M").to_string(),
            slot.label.clone(),
            slot.kind.word().to_string(),
        ]
    };
    for (slot_id, slot) in event.slots_in_order() {
        let here: Vec<_> = sessions
            .iter()
            .filter(|(_, s)| s.slot == *slot_id)
            .collect();
        if here.is_empty() && slot.kind != crate::model::SlotKind::Breakout {
            let mut row = slot_cells(slot);
            row.extend(std::iter::repeat_n(
                String::new(),
                PROGRAMME.len() - row.len(),
            ));
            rows.push(row);
        }
        for (id, session) in here {
            let mut row = slot_cells(slot);
            row.extend(session_cells(event, id, session));
            rows.push(row);
        }
    }
    // Sessions whose slot is gone still belong in the register.
    for (id, session) in &sessions {
        if !event.slots.contains_key(&session.slot) {
            let mut row = vec![
                date.clone(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ];
            row.extend(session_cells(event, id, session));
            rows.push(row);
        }
    }
    rows
}

fn session_cells(event: &Event, id: &Id, session: &Session) -> Vec<String> {
    let room = (event.rooms.get(&session.room)).map_or(String::new(), |r| r.name.clone());
    let first = session.pitches.first();
    // A pitch merged into one of the session's pitches is listed once,
    // however it is reached.
    let mut seen = std::collections::BTreeSet::new();
    let merged: Vec<String> = (session.pitches.iter())
        .flat_map(|p| std::iter::once(p).chain(event.merged_into(p)))
        .filter(|p| Some(*p) != first && seen.insert(*p))
        .filter_map(|p| event.pitches.get(p))
        .map(|p| p.title.clone())
        .collect();
    let pitchers: Vec<String> = (event.session_pitchers(session).into_iter())
        .map(|p| p.name.clone())
        .collect();
    vec![
        room,
        session_title(event, id, session),
        merged.join("; "),
        pitchers.join("; "),
        session.facilitator.clone().unwrap_or_default(),
        session.note_taker.clone().unwrap_or_default(),
        session.attendees.map(|n| n.to_string()).unwrap_or_default(),
        yes_no(session.chatham_house),
    ]
}

/// The day's decisions first, then each session's (its decision notes) in
/// programme order, each in the order it was made.
fn decisions(event: &Event) -> Vec<Vec<String>> {
    let own = (event.decisions_of(None).into_iter()).map(|(_, d)| (String::new(), d));
    let by_session = event.sessions_in_order().into_iter().flat_map(|(id, s)| {
        let title = session_title(event, id, s);
        (event.decisions_of(Some(id)).into_iter())
            .filter(|(id, _)| !event.is_private_note(id))
            .map(move |(_, d)| (title.clone(), d))
    });
    own.chain(by_session)
        .map(|(session, d)| {
            vec![
                event.info.name.clone(),
                session,
                d.text,
                d.lead.unwrap_or_default(),
            ]
        })
        .collect()
}

fn pitches(event: &Event) -> Vec<Vec<String>> {
    (event.pitches_in_order().into_iter())
        .map(|(id, pitch)| {
            let pitched_by: Vec<String> = (pitch.pitched_by.iter())
                .map(|p| match p.organisation.as_deref().map(str::trim) {
                    Some(org) if !org.is_empty() => format!("{} ({org})", p.name),
                    _ => p.name.clone(),
                })
                .collect();
            let status = event.pitch_status(id);
            let merged_into = match &status {
                PitchStatus::Merged { .. } => (event.pitches.get(event.merge_root(id)))
                    .map_or(String::new(), |p| p.title.clone()),
                _ => String::new(),
            };
            let sessions: Vec<String> = (event.sessions_of_pitch(event.merge_root(id)).into_iter())
                .filter_map(|s| Some((s, event.sessions.get(s)?)))
                .map(|(s, session)| where_and_when(event, s, session))
                .collect();
            vec![
                pitch.title.clone(),
                pitched_by.join("; "),
                pitch.description.clone(),
                pitch.tags.join("; "),
                pitch.interest.to_string(),
                status.word().to_string(),
                merged_into,
                sessions.join("; "),
            ]
        })
        .collect()
}

fn notes(event: &Event) -> Vec<Vec<String>> {
    (event.sessions_in_order().into_iter())
        .flat_map(|(id, session)| {
            let title = session_title(event, id, session);
            (event.notes_of(id)).map(move |(_, note)| {
                vec![
                    title.clone(),
                    note.taken_at.format("%Y-%m-%d %H:%M").to_string(),
                    note.kind.word().to_string(),
                    note.author.clone(),
                    yes_no(note.private),
                    note.text.clone(),
                ]
            })
        })
        .collect()
}

/// "Library, 10:30": where and when a pitch runs.
fn where_and_when(event: &Event, id: &Id, session: &Session) -> String {
    let room = event.rooms.get(&session.room).map(|r| r.name.as_str());
    let start = (event.slots.get(&session.slot)).map(|s| s.start.format("%H:%M").to_string());
    let mut place: Vec<String> = room.into_iter().map(str::to_string).collect();
    place.extend(start);
    let place = place.join(" ");
    match event.repeat_of(id) {
        Some(_) => format!("{place} (repeat)"),
        None => place,
    }
}

fn yes_no(flag: bool) -> String {
    if flag { "yes" } else { "no" }.to_string()
}

/// A session's title; a repeat says so, since its title is the first run's.
fn session_title(event: &Event, id: &Id, session: &Session) -> String {
    let title = event.session_title(session);
    match event.repeat_of(id) {
        Some(_) => format!("{title} (repeat)"),
        None => title.to_string(),
    }
}
