//! The records of an event, as they are stored and merged.
//!
//! Every field that a later version of unconf might add is `#[serde(default)]`
//! so that older files keep loading, and unknown fields are ignored so that a
//! newer minor version's files still open here.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::Id;

/// One stored thing. Each has its own id and its own history of versions.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Record {
    Event(EventInfo),
    Room(Room),
    Slot(Slot),
    Pitch(Pitch),
    Session(Session),
    Note(Note),
    Action(Action),
    Decision(Decision),
}

/// Which kind of record an id names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Kind {
    Event,
    Room,
    Slot,
    Pitch,
    Session,
    Note,
    Action,
    Decision,
}

impl Kind {
    /// The word users know it by.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Event => "event details",
            Kind::Room => "room",
            Kind::Slot => "slot",
            Kind::Pitch => "pitch",
            Kind::Session => "session",
            Kind::Note => "note",
            Kind::Action => "action",
            Kind::Decision => "decision",
        }
    }
}

impl Record {
    pub fn kind(&self) -> Kind {
        match self {
            Record::Event(_) => Kind::Event,
            Record::Room(_) => Kind::Room,
            Record::Slot(_) => Kind::Slot,
            Record::Pitch(_) => Kind::Pitch,
            Record::Session(_) => Kind::Session,
            Record::Note(_) => Kind::Note,
            Record::Action(_) => Kind::Action,
            Record::Decision(_) => Kind::Decision,
        }
    }
}

/// The event itself: one record whose id is the event's id.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct EventInfo {
    pub name: String,
    pub date: Option<NaiveDate>,
    pub venue: String,
    pub organisers: Vec<String>,
    pub description: String,
    /// An IANA zone name such as "Europe/London"; times are local to the venue.
    pub time_zone: Option<String>,
    /// The event this one follows up, by name, when it was made with `--follow-up`.
    pub follows: Option<String>,
    /// The day's headcount, when someone counted it.
    pub attendees: Option<u32>,
    /// Where the programme or write-up is published, for attendees to find.
    pub url: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Room {
    pub name: String,
    pub capacity: Option<u32>,
    /// Rooms are shown in this order (then by name).
    pub position: i32,
}

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum SlotKind {
    #[default]
    Breakout,
    Plenary,
    Break,
}

impl SlotKind {
    pub fn word(self) -> &'static str {
        match self {
            SlotKind::Breakout => "breakout",
            SlotKind::Plenary => "plenary",
            SlotKind::Break => "break",
        }
    }

    pub const ALL: [SlotKind; 3] = [SlotKind::Breakout, SlotKind::Plenary, SlotKind::Break];
}

/// A stretch of the day on the event date.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Slot {
    pub start: NaiveTime,
    pub end: NaiveTime,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub kind: SlotKind,
}

/// Somebody named in the event. A contact is never required.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Person {
    pub name: String,
    pub organisation: Option<String>,
}

impl Person {
    pub fn named(name: impl Into<String>) -> Self {
        Person {
            name: name.into(),
            organisation: None,
        }
    }
}

/// A proposal made in the marketplace. Only the title is required.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Pitch {
    pub title: String,
    pub pitched_by: Vec<Person>,
    pub description: String,
    pub tags: Vec<String>,
    /// Show of hands.
    pub interest: u32,
    pub withdrawn: bool,
    /// Set when this pitch was folded into another one; it then runs as part
    /// of that pitch's sessions.
    pub merged_into: Option<Id>,
}

/// Where a pitch stands. Derived from the pitch and the sessions, never
/// stored, so that it cannot drift from the schedule.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PitchStatus {
    Open,
    Scheduled,
    Merged { into: Id },
    Withdrawn,
}

impl PitchStatus {
    pub fn word(&self) -> &'static str {
        match self {
            PitchStatus::Open => "open",
            PitchStatus::Scheduled => "scheduled",
            PitchStatus::Merged { .. } => "merged",
            PitchStatus::Withdrawn => "withdrawn",
        }
    }
}

/// One occurrence of a discussion, in one slot and one room. A pitch that is
/// repeated in the afternoon has two sessions, each with its own notes.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Session {
    /// The pitch it was scheduled from first, then any pitches merged into it.
    pub pitches: Vec<Id>,
    pub slot: Id,
    pub room: Id,
    pub facilitator: Option<String>,
    pub note_taker: Option<String>,
    pub attendees: Option<u32>,
    /// Report what was said, never who said it.
    pub chatham_house: bool,
    pub summary: String,
    pub outcome: String,
}

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum NoteKind {
    #[default]
    Point,
    Question,
    Idea,
    Action,
    Decision,
    Quote,
}

impl NoteKind {
    pub const ALL: [NoteKind; 6] = [
        NoteKind::Point,
        NoteKind::Question,
        NoteKind::Idea,
        NoteKind::Action,
        NoteKind::Decision,
        NoteKind::Quote,
    ];

    pub fn word(self) -> &'static str {
        match self {
            NoteKind::Point => "point",
            NoteKind::Question => "question",
            NoteKind::Idea => "idea",
            NoteKind::Action => "action",
            NoteKind::Decision => "decision",
            NoteKind::Quote => "quote",
        }
    }

    /// An action or a decision: a note that states a next step or a
    /// decision, which the write-up lists as such rather than as a point.
    pub fn states(self) -> bool {
        matches!(self, NoteKind::Action | NoteKind::Decision)
    }

    /// The one-character prefix a note-taker types to choose this kind.
    pub fn prefix(self) -> Option<char> {
        match self {
            NoteKind::Point => None,
            NoteKind::Question => Some('?'),
            NoteKind::Idea => Some('*'),
            NoteKind::Action => Some('!'),
            NoteKind::Decision => Some('='),
            NoteKind::Quote => Some('"'),
        }
    }

    /// Splits a typed line into its kind and text: `"? why"` is a question.
    pub fn parse_prefixed(line: &str) -> (NoteKind, &str) {
        let mut chars = line.chars();
        if let Some(first) = chars.next()
            && let Some(kind) = NoteKind::ALL
                .into_iter()
                .find(|k| k.prefix() == Some(first))
        {
            let rest = chars.as_str().trim_start();
            if !rest.is_empty() {
                return (kind, rest);
            }
        }
        (NoteKind::Point, line)
    }
}

impl std::str::FromStr for NoteKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        NoteKind::ALL
            .into_iter()
            .find(|k| k.word().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("unknown note kind '{s}'"))
    }
}

/// One line taken in a session.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Note {
    pub session: Id,
    pub text: String,
    #[serde(default)]
    pub kind: NoteKind,
    /// Wall-clock time on the note-taker's laptop, with its offset.
    #[serde(with = "crate::model::serde_time::fixed")]
    pub taken_at: DateTime<FixedOffset>,
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub private: bool,
    /// For an action note, whether its next step is done; the rest of the
    /// next step is read from the text (see [`crate::model::steps`]).
    #[serde(default)]
    pub status: ActionStatus,
}

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum ActionStatus {
    #[default]
    Open,
    Done,
}

impl ActionStatus {
    pub fn word(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::Done => "done",
        }
    }
}

/// A next step. Belongs to a session, or to the event when `session` is none.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Action {
    pub session: Option<Id>,
    pub text: String,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub status: ActionStatus,
}

/// An event-level outcome, such as a project agreed to take forward.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Decision {
    pub text: String,
    pub lead: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prefix_sets_the_note_kind_and_is_removed() {
        assert_eq!(
            NoteKind::parse_prefixed("? why now"),
            (NoteKind::Question, "why now")
        );
        assert_eq!(
            NoteKind::parse_prefixed("!Sam to write it up"),
            (NoteKind::Action, "Sam to write it up")
        );
        assert_eq!(
            NoteKind::parse_prefixed("= agreed"),
            (NoteKind::Decision, "agreed")
        );
        assert_eq!(
            NoteKind::parse_prefixed("\"we are late\""),
            (NoteKind::Quote, "we are late\"")
        );
        assert_eq!(
            NoteKind::parse_prefixed("* a wiki"),
            (NoteKind::Idea, "a wiki")
        );
        assert_eq!(
            NoteKind::parse_prefixed("plain"),
            (NoteKind::Point, "plain")
        );
    }

    #[test]
    fn a_lone_prefix_character_is_a_point() {
        assert_eq!(NoteKind::parse_prefixed("?"), (NoteKind::Point, "?"));
        assert_eq!(NoteKind::parse_prefixed(""), (NoteKind::Point, ""));
    }

    #[test]
    fn note_kinds_parse_from_their_words() {
        for kind in NoteKind::ALL {
            assert_eq!(kind.word().parse::<NoteKind>(), Ok(kind));
        }
        assert!("gossip".parse::<NoteKind>().is_err());
    }
}
