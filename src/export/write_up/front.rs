//! The start of the write-up: title and facts, at a glance, and the
//! programme; and how sessions and slots are named wherever they show.

use super::{
    Block, Line, Listed, Programme, ProgrammeSlot, Section, SectionKind, Together, WriteUp,
    content, section, text,
};
use crate::export::format;
use crate::model::{ActionStatus, Id, PitchStatus, Room, Session, Slot, SlotKind};

impl WriteUp<'_> {
    /// The sections before the programme: at a glance, and what happened
    /// since the event this one follows up.
    pub(super) fn front(&self) -> Vec<Section> {
        let mut sections = vec![self.at_a_glance()];
        sections.extend(self.what_happened_since());
        sections
    }

    /// What the day agreed, and the pitches that did not run.
    pub(super) fn back(&self) -> Vec<Section> {
        let mut sections: Vec<Section> = self.decisions().into_iter().collect();
        sections.extend(self.unscheduled());
        sections
    }

    /// The title, and the facts and description under it.
    pub(super) fn title(&self) -> (Line, Vec<Block>) {
        let info = &self.event.info;
        let name = Line::cleaned_or(text::heading(&info.name), "Untitled event");
        let mut blocks: Vec<Block> = self.facts().map(Block::Paragraph).into_iter().collect();
        blocks.extend(user_paragraphs(&info.description));
        (name, blocks)
    }

    /// "23 October 2018 at Leeds. Organised by techUK and MHCLG."
    pub(super) fn facts(&self) -> Option<Line> {
        let info = &self.event.info;
        let mut facts: Vec<Line> = Vec::new();
        let venue = text::line(&info.venue);
        match (info.date, venue.is_empty()) {
            (Some(date), false) => facts.push(
                Line::our(format!("{} at ", format::long_date(date)))
                    .and(Line::user(venue))
                    .and_our("."),
            ),
            (Some(date), true) => facts.push(Line::our(format!("{}.", format::long_date(date)))),
            (None, false) => facts.push(Line::user(venue).sentence()),
            (None, true) => {}
        }
        let organisers: Vec<Line> = (info.organisers.iter())
            .map(|o| text::line(o))
            .filter(|o| !o.is_empty())
            .map(Line::user)
            .collect();
        if !organisers.is_empty() {
            facts.push(
                Line::our("Organised by ")
                    .and(Line::and_list(organisers))
                    .sentence(),
            );
        }
        if let Some(follows) = info.follows.as_deref().map(text::line)
            && !follows.is_empty()
        {
            let line = Line::our("This event follows up ").and(Line::user(follows));
            facts.push(line.sentence());
        }
        let flag = self.flag(&self.event.id).trim_start();
        if !flag.is_empty() {
            facts.push(Line::our(flag));
        }
        (!facts.is_empty()).then(|| Line::joined(facts, " "))
    }

    fn at_a_glance(&self) -> Section {
        let event = self.event;
        let mut items = vec![
            self.pitch_counts(),
            format::count(event.sessions.len(), "session", "sessions"),
            format::count(event.rooms.len(), "room", "rooms"),
            format::count(event.slots.len(), "slot", "slots"),
        ];
        items.extend(content::Attendance::of(event).sentences());
        items.push(self.action_counts());
        let items = items.into_iter().map(Line::our).collect();
        section(
            SectionKind::AtAGlance,
            "At a glance",
            vec![Block::List(items)],
        )
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

    pub(super) fn programme(&self) -> Section {
        let slots = self.event.slots_in_order();
        if slots.is_empty() {
            let none = Block::Paragraph(Line::our("No slots have been set up yet."));
            return section(SectionKind::Programme, "Programme", vec![none]);
        }
        let rooms = self.event.rooms_in_order();
        let sessions = self.event.sessions_in_order();
        let programme = Programme {
            rooms: (rooms.iter())
                .map(|(id, room)| Line::user_or(&room.name, "Unnamed room").and_our(self.flag(id)))
                .collect(),
            slots: (slots.into_iter())
                .map(|(slot_id, slot)| self.programme_slot(slot_id, slot, &rooms, &sessions))
                .collect(),
        };
        let blocks = vec![Block::Programme(programme)];
        section(SectionKind::Programme, "Programme", blocks)
    }

    /// One slot's row: times, label, then what runs in each room.
    fn programme_slot(
        &self,
        slot_id: &Id,
        slot: &Slot,
        rooms: &[(&Id, &Room)],
        sessions: &[(&Id, &Session)],
    ) -> ProgrammeSlot {
        let in_slot: Vec<_> = sessions
            .iter()
            .filter(|(_, s)| s.slot == *slot_id)
            .collect();
        let together = match slot.kind {
            _ if !in_slot.is_empty() || rooms.is_empty() => None,
            SlotKind::Breakout => None,
            SlotKind::Plenary => Some(Together::WholeGroup),
            SlotKind::Break => Some(Together::Break),
        };
        ProgrammeSlot {
            times: format::time_range(slot.start, slot.end),
            label: slot_label(slot).and_our(self.flag(slot_id)),
            together,
            whole_group: slot.kind != SlotKind::Breakout,
            rooms: (rooms.iter())
                .map(|(room_id, _)| {
                    (in_slot.iter())
                        .filter(|(_, s)| s.room == **room_id)
                        .map(|(id, s)| Listed {
                            session: (*id).clone(),
                            title: self.listed_title(id, s),
                        })
                        .collect()
                })
                .collect(),
        }
    }

    /// A session's title for a heading: without trailing punctuation,
    /// never empty.
    pub(super) fn heading_title(&self, id: &Id, session: &Session) -> Line {
        let title = (session.pitches.iter())
            .find_map(|p| self.event.pitches.get(p))
            .map(|p| text::heading(&p.title))
            .unwrap_or_default();
        let title = Line::cleaned_or(title, "Untitled session");
        match self.event.repeat_of(id) {
            Some(_) => title.and_our(" (repeat)"),
            None => title,
        }
    }

    /// A session's title, never empty.
    pub(super) fn session_title(&self, session: &Session) -> Line {
        let title = (session.pitches.iter())
            .find_map(|p| self.event.pitches.get(p))
            .map(|p| text::line(&p.title))
            .unwrap_or_default();
        Line::cleaned_or(title, "Untitled session")
    }

    /// A session's title where it is listed among others (the programme,
    /// the appendix): a repeat says so, since its title is the same.
    pub(super) fn listed_title(&self, id: &Id, session: &Session) -> Line {
        let title = self.session_title(session);
        match self.event.repeat_of(id) {
            Some(_) => title.and_our(" (repeat)"),
            None => title,
        }
    }
}

/// Paragraphs of user text.
pub(super) fn user_paragraphs(raw: &str) -> Vec<Block> {
    (text::paragraphs(raw).into_iter())
        .map(|p| Block::Paragraph(Line::user(p)))
        .collect()
}

/// "Round 1, 10:30am to 11:15am", or only the times when the slot has no label.
pub(super) fn slot_when(slot: &Slot) -> Line {
    let times = format::time_range(slot.start, slot.end);
    match text::line(&slot.label) {
        label if label.is_empty() => Line::our(times),
        label => Line::user(label).and_our(format!(", {times}")),
    }
}

fn slot_label(slot: &Slot) -> Line {
    let fallback = match slot.kind {
        SlotKind::Breakout => "Breakout",
        SlotKind::Plenary => "Plenary",
        SlotKind::Break => "Break",
    };
    Line::user_or(&slot.label, fallback)
}
