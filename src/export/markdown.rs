//! The write-up: the whole day as one Markdown document, in the shape of the
//! article organisers publish afterwards (README, "Publishing").
//!
//! The document is built as a list of blocks (a heading, a paragraph, a list,
//! a table), joined by blank lines. Every piece of user text goes through
//! [`escape`] first; the only Markdown syntax in the output is written here.

mod closing;
mod follow_up;
mod headings;
mod session;
mod split;

#[cfg(test)]
pub(super) mod fixture;
#[cfg(test)]
mod tests;

use super::{escape, format};
use crate::model::{ActionStatus, Event, Id, PitchStatus, Room, Session, Slot, SlotKind};

pub use follow_up::carried_suffix;
pub use split::{SplitFile, split};

/// What goes into the write-up. Non-exhaustive so that callers write
/// `..MarkdownOptions::default()` and keep compiling when options are added.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct MarkdownOptions {
    /// Append every note of every session, timestamped; private ones are
    /// marked, or left out when `public`.
    pub with_notes: bool,
    /// Safe to publish: the Chatham House Rule per session, no private
    /// notes, e-mail addresses and phone numbers redacted (see
    /// [`super::public_view`]).
    pub public: bool,
}

impl MarkdownOptions {
    pub fn new(with_notes: bool, public: bool) -> Self {
        MarkdownOptions { with_notes, public }
    }
}

/// Appended wherever a record with several current versions shows, so that
/// staff resolve it before the write-up goes out.
const CONFLICT: &str = " (conflicting versions: check before publishing)";

/// The write-up of an event as Markdown. The same event always gives the
/// same bytes.
pub fn markdown(event: &Event, options: &MarkdownOptions) -> String {
    let shown = crate::export::view::shown(event, options.public);
    let event: &Event = &shown;
    let write_up = WriteUp { event, options };
    let mut blocks = write_up.front();
    blocks.extend(write_up.programme());
    for (id, session) in event.sessions_in_order() {
        blocks.extend(write_up.session(id, session));
    }
    blocks.extend(write_up.back());
    blocks.extend(write_up.appendix());
    document(blocks)
}

/// Blocks joined by blank lines, headings made unique, one final newline.
pub(super) fn document(mut blocks: Vec<String>) -> String {
    headings::make_unique(&mut blocks);
    let mut document = blocks.join("\n\n");
    document.push('\n');
    document
}

/// One write-up being made; each section is a method returning its blocks.
pub(super) struct WriteUp<'a> {
    event: &'a Event,
    options: &'a MarkdownOptions,
}

impl<'a> WriteUp<'a> {
    /// `event` must already be the public view when `options.public`.
    pub(super) fn new(event: &'a Event, options: &'a MarkdownOptions) -> Self {
        WriteUp { event, options }
    }

    /// Title, facts, description, at a glance, and what happened since the
    /// event this one follows up.
    pub(super) fn front(&self) -> Vec<String> {
        let mut blocks = self.title();
        blocks.extend(self.at_a_glance());
        blocks.extend(self.what_happened_since());
        blocks
    }

    /// What the day agreed, and the pitches that did not run.
    pub(super) fn back(&self) -> Vec<String> {
        let mut blocks = self.decisions();
        blocks.extend(self.unscheduled());
        blocks
    }
}

impl WriteUp<'_> {
    fn flag(&self, id: &Id) -> &'static str {
        if self.event.is_conflicted(id) {
            CONFLICT
        } else {
            ""
        }
    }

    fn title(&self) -> Vec<String> {
        let info = &self.event.info;
        let name = or_else(escape::heading(&info.name), "Untitled event");
        let mut blocks = vec![format!("# {name}")];
        let mut facts = Vec::new();
        let venue = escape::inline(&info.venue);
        match (info.date, venue.is_empty()) {
            (Some(date), false) => facts.push(format!("{} at {venue}.", format::long_date(date))),
            (Some(date), true) => facts.push(format!("{}.", format::long_date(date))),
            (None, false) => facts.push(format::sentence(venue)),
            (None, true) => {}
        }
        let organisers: Vec<String> = info
            .organisers
            .iter()
            .map(|o| escape::inline(o))
            .filter(|o| !o.is_empty())
            .collect();
        if !organisers.is_empty() {
            let by = format!("Organised by {}", format::and_list(&organisers));
            facts.push(format::sentence(by));
        }
        if let Some(follows) = info.follows.as_deref().map(escape::inline)
            && !follows.is_empty()
        {
            facts.push(format::sentence(format!("This event follows up {follows}")));
        }
        let flag = self.flag(&self.event.id).trim_start();
        if !flag.is_empty() {
            facts.push(flag.to_string());
        }
        if !facts.is_empty() {
            blocks.push(facts.join(" "));
        }
        blocks.extend(escape::paragraphs(&info.description));
        blocks
    }

    fn at_a_glance(&self) -> Vec<String> {
        let event = self.event;
        let mut items = vec![
            self.pitch_counts(),
            format::count(event.sessions.len(), "session", "sessions"),
            format::count(event.rooms.len(), "room", "rooms"),
            format::count(event.slots.len(), "slot", "slots"),
        ];
        items.extend(super::content::Attendance::of(event).sentences());
        items.push(self.action_counts());
        vec!["## At a glance".to_string(), bullets(items)]
    }

    /// "12 pitches: 9 scheduled, 1 not scheduled, 1 merged, 1 withdrawn".
    fn pitch_counts(&self) -> String {
        let total = format::count(self.event.pitches.len(), "pitch", "pitches");
        let mut by_status = [0usize; 4];
        for id in self.event.pitches.keys() {
            let index = match self.event.pitch_status(id) {
                PitchStatus::Scheduled => 0,
                PitchStatus::Open => 1,
                PitchStatus::Merged { .. } => 2,
                PitchStatus::Withdrawn => 3,
            };
            by_status[index] += 1;
        }
        let words = ["scheduled", "not scheduled", "merged", "withdrawn"];
        let parts: Vec<String> = by_status
            .iter()
            .zip(words)
            .filter(|(n, _)| **n > 0)
            .map(|(n, word)| format!("{n} {word}"))
            .collect();
        if parts.is_empty() {
            total
        } else {
            format!("{total}: {}", parts.join(", "))
        }
    }

    fn action_counts(&self) -> String {
        // Next steps of private notes are as private as the notes.
        let actions: Vec<_> = (self.event.all_actions().into_iter())
            .filter(|(id, _)| !self.event.is_private_note(id))
            .collect();
        let total = format::count(actions.len(), "action", "actions");
        if actions.is_empty() {
            return total;
        }
        let done = actions
            .iter()
            .filter(|(_, a)| a.status == ActionStatus::Done)
            .count();
        format!("{total}: {} open, {done} done", actions.len() - done)
    }

    pub(super) fn programme(&self) -> Vec<String> {
        let heading = "## Programme".to_string();
        let slots = self.event.slots_in_order();
        if slots.is_empty() {
            return vec![heading, "No slots have been set up yet.".to_string()];
        }
        let rooms = self.event.rooms_in_order();
        let mut header = vec!["Time".to_string(), "Slot".to_string()];
        header.extend(rooms.iter().map(|(id, room)| {
            let name = or_else(escape::inline(&room.name), "Unnamed room");
            format!("{name}{}", self.flag(id))
        }));
        let mut rows = vec![
            table_row(&header),
            table_row(&vec!["---".into(); header.len()]),
        ];
        let sessions = self.event.sessions_in_order();
        for (slot_id, slot) in slots {
            rows.push(table_row(
                &self.programme_row(slot_id, slot, &rooms, &sessions),
            ));
        }
        vec![heading, rows.join("\n")]
    }

    /// One slot's row: times, label, then what runs in each room.
    fn programme_row(
        &self,
        slot_id: &Id,
        slot: &Slot,
        rooms: &[(&Id, &Room)],
        sessions: &[(&Id, &Session)],
    ) -> Vec<String> {
        let in_slot: Vec<_> = sessions
            .iter()
            .filter(|(_, s)| s.slot == *slot_id)
            .collect();
        let mut cells = vec![
            format::time_range(slot.start, slot.end),
            format!("{}{}", slot_label(slot), self.flag(slot_id)),
        ];
        for (room_id, _) in rooms {
            let titles: Vec<String> = in_slot
                .iter()
                .filter(|(_, s)| s.room == **room_id)
                .map(|(id, s)| self.listed_title(id, s))
                .collect();
            cells.push(titles.join(" / "));
        }
        if in_slot.is_empty()
            && let Some(first_room) = cells.get_mut(2)
        {
            *first_room = whole_day_marker(slot.kind).to_string();
        }
        cells
    }

    /// A session's title for a heading: escaped, without the trailing
    /// punctuation Markdown linters reject in headings, never empty.
    fn heading_title(&self, id: &Id, session: &Session) -> String {
        let title = session
            .pitches
            .iter()
            .find_map(|p| self.event.pitches.get(p))
            .map(|p| escape::heading(&p.title))
            .unwrap_or_default();
        let title = or_else(title, "Untitled session");
        if self.event.repeat_of(id).is_some() {
            format!("{title} (repeat)")
        } else {
            title
        }
    }

    /// A session's title, escaped, never empty.
    fn session_title(&self, session: &Session) -> String {
        let title = session
            .pitches
            .iter()
            .find_map(|p| self.event.pitches.get(p))
            .map(|p| escape::inline(&p.title))
            .unwrap_or_default();
        or_else(title, "Untitled session")
    }

    /// A session's title where it is listed among others (the programme,
    /// the appendix): a repeat says so, since its title is the same.
    fn listed_title(&self, id: &Id, session: &Session) -> String {
        let title = self.session_title(session);
        if self.event.repeat_of(id).is_some() {
            format!("{title} (repeat)")
        } else {
            title
        }
    }
}

/// "Round 1, 10:30am to 11:15am", or only the times when the slot has no label.
fn slot_when(slot: &Slot) -> String {
    let times = format::time_range(slot.start, slot.end);
    match escape::inline(&slot.label) {
        label if label.is_empty() => times,
        label => format!("{label}, {times}"),
    }
}

fn slot_label(slot: &Slot) -> String {
    let fallback = match slot.kind {
        SlotKind::Breakout => "Breakout",
        SlotKind::Plenary => "Plenary",
        SlotKind::Break => "Break",
    };
    or_else(escape::inline(&slot.label), fallback)
}

/// What the programme shows in a slot that the whole group spends together.
fn whole_day_marker(kind: SlotKind) -> &'static str {
    match kind {
        SlotKind::Breakout => "",
        SlotKind::Plenary => "*Whole group*",
        SlotKind::Break => "*Break*",
    }
}

fn or_else(text: String, fallback: &str) -> String {
    if text.is_empty() {
        fallback.to_string()
    } else {
        text
    }
}

fn bullets(items: Vec<String>) -> String {
    items
        .into_iter()
        .map(|item| format!("- {item}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// One table row. An empty cell is "| |": markdownlint's table-column-style
/// reads any other spacing as a different style from the other rows.
fn table_row(cells: &[String]) -> String {
    let mut row = String::from("|");
    for cell in cells {
        if cell.is_empty() {
            row.push_str(" |");
        } else {
            row.push_str(&format!(" {cell} |"));
        }
    }
    row
}
