//! The merged event as JSON, for other tools: every record with its stable
//! id, in programme order. The shape is documented in docs/FORMATS.md and
//! described by docs/schema/event.schema.json; `version` changes when a
//! field is removed or changes meaning, never when one is added.

use serde::Serialize;

use crate::model::{Event, Id, Person};

/// The `format` field: what this document is.
pub const FORMAT: &str = "unconf-event";
/// The `version` field.
pub const VERSION: u32 = 1;

/// The event as pretty-printed JSON ending in a newline; the public view
/// when `public`.
pub fn json(event: &Event, public: bool) -> Result<String, serde_json::Error> {
    let shown = super::view::shown(event, public);
    let event: &Event = &shown;
    let mut text = serde_json::to_string_pretty(&Document::of(event, public))?;
    text.push('\n');
    Ok(text)
}

#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    version: u32,
    public: bool,
    id: &'a str,
    name: &'a str,
    date: Option<String>,
    venue: &'a str,
    organisers: &'a [String],
    description: &'a str,
    time_zone: Option<&'a str>,
    follows: Option<&'a str>,
    attendees: Option<u32>,
    url: &'a str,
    rooms: Vec<RoomOut<'a>>,
    slots: Vec<SlotOut<'a>>,
    pitches: Vec<PitchOut<'a>>,
    sessions: Vec<SessionOut<'a>>,
    notes: Vec<NoteOut<'a>>,
    actions: Vec<ActionOut<'a>>,
    decisions: Vec<DecisionOut<'a>>,
    conflicts: Vec<&'a str>,
}

#[derive(Serialize)]
struct RoomOut<'a> {
    id: &'a str,
    name: &'a str,
    capacity: Option<u32>,
}

#[derive(Serialize)]
struct SlotOut<'a> {
    id: &'a str,
    start: String,
    end: String,
    label: &'a str,
    kind: &'static str,
}

/// One pitch as the JSON export and `pitch list` give it.
#[derive(Serialize)]
pub struct PitchOut<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub pitched_by: &'a [Person],
    pub description: &'a str,
    pub tags: &'a [String],
    /// Its hands and those of the pitches merged into it.
    pub interest: u32,
    pub status: &'static str,
    pub merged_into: Option<&'a str>,
    /// How many sessions run it (a repeat is a second).
    pub sessions: usize,
}

#[derive(Serialize)]
struct SessionOut<'a> {
    id: &'a str,
    title: &'a str,
    pitches: Vec<&'a str>,
    slot: &'a str,
    room: &'a str,
    repeat_of: Option<&'a str>,
    facilitator: Option<&'a str>,
    note_taker: Option<&'a str>,
    attendees: Option<u32>,
    chatham_house: bool,
    summary: &'a str,
    outcome: &'a str,
}

#[derive(Serialize)]
pub struct NoteOut<'a> {
    pub id: &'a str,
    pub session: &'a str,
    pub kind: &'static str,
    pub text: &'a str,
    pub taken_at: String,
    pub author: &'a str,
    pub private: bool,
}

impl<'a> NoteOut<'a> {
    /// One note as the JSON export and `note list` give it.
    pub fn of(id: &'a Id, note: &'a crate::model::Note) -> NoteOut<'a> {
        NoteOut {
            id: id.as_str(),
            session: note.session.as_str(),
            kind: note.kind.word(),
            text: &note.text,
            taken_at: note.taken_at.to_rfc3339(),
            author: &note.author,
            private: note.private,
        }
    }
}

#[derive(Serialize)]
struct ActionOut<'a> {
    id: &'a str,
    session: Option<String>,
    text: String,
    owner: Option<String>,
    due: Option<String>,
    status: &'static str,
}

#[derive(Serialize)]
struct DecisionOut<'a> {
    id: &'a str,
    text: &'a str,
    lead: Option<&'a str>,
}

impl<'a> Document<'a> {
    fn of(event: &'a Event, public: bool) -> Self {
        let info = &event.info;
        Document {
            format: FORMAT,
            version: VERSION,
            public,
            id: event.id.as_str(),
            name: &info.name,
            date: info.date.map(|d| d.to_string()),
            venue: &info.venue,
            organisers: &info.organisers,
            description: &info.description,
            time_zone: info.time_zone.as_deref(),
            follows: info.follows.as_deref(),
            attendees: info.attendees,
            url: &info.url,
            rooms: (event.rooms_in_order().into_iter())
                .map(|(id, r)| RoomOut {
                    id: id.as_str(),
                    name: &r.name,
                    capacity: r.capacity,
                })
                .collect(),
            slots: (event.slots_in_order().into_iter())
                .map(|(id, s)| SlotOut {
                    id: id.as_str(),
                    start: s.start.format("%H:%M").to_string(),
                    end: s.end.format("%H:%M").to_string(),
                    label: &s.label,
                    kind: s.kind.word(),
                })
                .collect(),
            pitches: pitches(event),
            sessions: sessions(event),
            notes: notes(event),
            actions: actions(event),
            decisions: (event.decisions.iter())
                .map(|(id, d)| DecisionOut {
                    id: id.as_str(),
                    text: &d.text,
                    lead: d.lead.as_deref(),
                })
                .collect(),
            conflicts: event.conflicts.iter().map(Id::as_str).collect(),
        }
    }
}

/// Every pitch, in the order the Pitches screen lists them.
pub fn pitches(event: &Event) -> Vec<PitchOut<'_>> {
    (event.pitches_in_order().into_iter())
        .map(|(id, p)| PitchOut {
            id: id.as_str(),
            title: &p.title,
            pitched_by: &p.pitched_by,
            description: &p.description,
            tags: &p.tags,
            interest: event.interest_of(id),
            status: event.pitch_status(id).word(),
            merged_into: p.merged_into.as_ref().map(Id::as_str),
            sessions: event.sessions_of_pitch(id).len(),
        })
        .collect()
}

fn sessions(event: &Event) -> Vec<SessionOut<'_>> {
    (event.sessions_in_order().into_iter())
        .map(|(id, s)| SessionOut {
            id: id.as_str(),
            title: event.session_title(s),
            pitches: s.pitches.iter().map(Id::as_str).collect(),
            slot: s.slot.as_str(),
            room: s.room.as_str(),
            repeat_of: event.repeat_of(id).map(Id::as_str),
            facilitator: s.facilitator.as_deref(),
            note_taker: s.note_taker.as_deref(),
            attendees: s.attendees,
            chatham_house: s.chatham_house,
            summary: &s.summary,
            outcome: &s.outcome,
        })
        .collect()
}

/// Notes session by session in programme order, each in the order taken.
fn notes(event: &Event) -> Vec<NoteOut<'_>> {
    (event.sessions_in_order().into_iter())
        .flat_map(|(id, _)| event.notes_of(id))
        .map(|(id, n)| NoteOut::of(id, n))
        .collect()
}

fn actions(event: &Event) -> Vec<ActionOut<'_>> {
    (event.all_actions().into_iter())
        .map(|(id, a)| ActionOut {
            id: id.as_str(),
            session: a.session.as_ref().map(|s| s.as_str().to_owned()),
            text: a.text,
            owner: a.owner,
            due: a.due.map(|d| d.to_string()),
            status: a.status.word(),
        })
        .collect()
}
