//! The grammar of the verbs that change what is already there: setting a
//! pitch's details, votes, merges and withdrawals, listing, editing, moving
//! and deleting notes, the event's details, and rooms and slots.

use clap::Args;

use super::args::{KindArg, ListFormat, NoteKindArg};

#[derive(Debug, Args)]
pub struct PitchSetArgs {
    /// The event.
    pub event: String,
    /// The pitch: id, short id, or a unique part of its title.
    pub pitch: String,
    /// A new title.
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// What it is about ("" clears it).
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    /// Who pitched it, replacing those named (repeat for several people).
    #[arg(long = "by", value_name = "NAME")]
    pub by: Vec<String>,
    /// Their organisation: of the people given with --by, else of everyone
    /// who pitched it ("" clears it).
    #[arg(long, value_name = "ORG")]
    pub org: Option<String>,
    /// A tag, replacing the tags it had (repeat for several).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Take every tag off.
    #[arg(long, conflicts_with = "tags")]
    pub no_tags: bool,
    /// Show of hands.
    #[arg(long, value_name = "N")]
    pub interest: Option<u32>,
}

/// A show of hands as typed: `12` sets it, `+3` and `-1` step it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Votes {
    Set(u32),
    Step(i32),
}

pub fn parse_votes(text: &str) -> Result<Votes, String> {
    let text = text.trim();
    let bad = || {
        format!(
            "\"{text}\" is not a number of hands; give a whole number such as 12, or +3 or -1 to step it"
        )
    };
    let too_many = || {
        format!(
            "\"{text}\" is more hands than anyone counts; give a number up to {}",
            u32::MAX
        )
    };
    let digits = text.trim_start_matches(['+', '-']);
    let whole = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    if text.starts_with(['+', '-']) {
        (text.parse::<i32>().map(Votes::Step)).map_err(|_| if whole { too_many() } else { bad() })
    } else {
        (text.parse::<u32>().map(Votes::Set)).map_err(|_| if whole { too_many() } else { bad() })
    }
}

#[derive(Debug, Args)]
pub struct NoteListArgs {
    /// The event.
    pub event: String,
    /// Only this session's notes: id, short id, or a unique part of its title.
    pub session: Option<String>,
    /// Which occurrence of a repeated session: its slot label or start time.
    #[arg(long, value_name = "SLOT", requires = "session")]
    pub slot: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct NoteEditArgs {
    /// The event.
    pub event: String,
    /// The note: id, short id, or a unique part of its text.
    pub note: String,
    /// The new text.
    #[arg(long, value_name = "TEXT")]
    pub text: Option<String>,
    /// The new kind.
    #[arg(long, value_enum)]
    pub kind: Option<NoteKindArg>,
    /// Leave it out of the public write-up.
    #[arg(long, conflicts_with = "not_private")]
    pub private: bool,
    /// Let it into the public write-up again.
    #[arg(long)]
    pub not_private: bool,
}

#[derive(Debug, Args)]
pub struct NoteMoveArgs {
    /// The event.
    pub event: String,
    /// The notes to move: ids, short ids, or unique parts of their text.
    #[arg(required = true, value_name = "NOTE")]
    pub notes: Vec<String>,
    /// The session to move them to.
    #[arg(long, value_name = "SESSION")]
    pub to: String,
    /// Which occurrence of a repeated session to move them to.
    #[arg(long, value_name = "SLOT")]
    pub slot: Option<String>,
}

#[derive(Debug, Args)]
pub struct EventSetArgs {
    /// The event.
    pub event: String,
    /// A new name.
    #[arg(long, value_name = "TEXT")]
    pub name: Option<String>,
    /// The day, as YYYY-MM-DD ("" clears it).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Where it takes place.
    #[arg(long, value_name = "TEXT")]
    pub venue: Option<String>,
    /// The venue's time zone, an IANA name such as Europe/London ("" clears it).
    #[arg(long, value_name = "TZ")]
    pub time_zone: Option<String>,
    /// What the day is for.
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    /// An organiser, replacing those named (repeat for several).
    #[arg(long = "organiser", value_name = "NAME")]
    pub organisers: Vec<String>,
    /// How many came ("" clears it).
    #[arg(long, value_name = "N")]
    pub attendees: Option<String>,
    /// Where the programme or write-up is published.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// The event.
    pub event: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct RoomSetArgs {
    /// The event.
    pub event: String,
    /// The room: its name, or a unique part of it.
    pub room: String,
    /// A new name.
    #[arg(long, value_name = "TEXT")]
    pub name: Option<String>,
    /// How many people it seats ("" clears it).
    #[arg(long, value_name = "N")]
    pub capacity: Option<String>,
}

#[derive(Debug, Args)]
pub struct SlotSetArgs {
    /// The event.
    pub event: String,
    /// The slot: its label or start time (HH:MM).
    pub slot: String,
    /// A new start time, HH:MM.
    #[arg(long, value_name = "HH:MM")]
    pub start: Option<String>,
    /// A new end time, HH:MM.
    #[arg(long, value_name = "HH:MM")]
    pub end: Option<String>,
    /// A new label ("" labels it with its times).
    #[arg(long, value_name = "TEXT")]
    pub label: Option<String>,
    /// What happens in it.
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
}
