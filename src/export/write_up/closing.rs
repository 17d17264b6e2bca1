//! The end of the write-up: what the day agreed, the pitches that did not
//! run, and, when asked for, every note as it was taken.

use super::session::decision_line;
use super::{Block, Line, Section, SectionKind, WriteUp, content, led_list, section, text};
use crate::export::format;
use crate::model::{Id, Note, PitchStatus};

impl WriteUp<'_> {
    /// "The projects we agreed to take forward", and the event's own next
    /// steps. Left out when the day recorded neither.
    pub(super) fn decisions(&self) -> Option<Section> {
        let agreed: Vec<Line> = (self.event.decisions.iter())
            .filter(|(_, decision)| self.carried(&decision.text).is_none())
            .map(|(id, decision)| decision_line(decision).and_our(self.flag(id)))
            .collect();
        let steps = self.next_steps(None);
        if agreed.is_empty() && steps.is_empty() {
            return None;
        }
        let mut blocks = Vec::new();
        if !agreed.is_empty() {
            blocks.extend(led_list("Agreed to take forward:", agreed));
        }
        if !steps.is_empty() {
            blocks.extend(led_list("Next steps:", steps));
        }
        Some(section(
            SectionKind::Decisions,
            "Decisions and next steps",
            blocks,
        ))
    }

    /// Open and withdrawn pitches with their show of hands, and pitches
    /// merged into one that did not run either. A merged pitch that ran is
    /// listed under its session instead. Left out when every pitch ran.
    pub(super) fn unscheduled(&self) -> Option<Section> {
        let items: Vec<Line> = (self.event.pitches_in_order().into_iter())
            .filter_map(|(id, pitch)| {
                let title = Line::user_or(&pitch.title, "Untitled pitch");
                let interest = self.event.interest_of(id);
                let interest = (interest > 0).then(|| format!("{interest} interested"));
                let line = match self.event.pitch_status(id) {
                    PitchStatus::Scheduled => return None,
                    PitchStatus::Open => bracketed(title, [interest]),
                    PitchStatus::Withdrawn => {
                        bracketed(title, [Some("withdrawn".to_string()), interest])
                    }
                    // Discussed in the session it was merged into, and
                    // listed there.
                    PitchStatus::Merged { .. } if content::ran_merged(self.event, id) => {
                        return None;
                    }
                    PitchStatus::Merged { .. } => title.and_our(" — ").and(self.merged_into(id)),
                };
                Some(line.and_our(self.flag(id)))
            })
            .collect();
        if items.is_empty() {
            return None;
        }
        Some(section(
            SectionKind::Unscheduled,
            "Pitches not scheduled",
            vec![Block::List(items)],
        ))
    }

    /// Named after the pitch it finally runs as, which is where a reader
    /// will find its discussion.
    fn merged_into(&self, id: &Id) -> Line {
        let root = self.event.merge_root(id);
        match self.event.pitches.get(root).filter(|_| root != id) {
            Some(pitch) => {
                Line::our("merged into ").and(Line::user_or(&pitch.title, "Untitled pitch"))
            }
            None => Line::our("merged into another pitch"),
        }
    }

    /// Every note of every session, private ones included and marked, for
    /// staff who want the full record.
    pub(super) fn appendix(&self) -> Option<Section> {
        if !self.options.with_notes {
            return None;
        }
        let mut blocks = Vec::new();
        for (id, session) in self.event.sessions_in_order() {
            let notes = self.notes_of(id);
            if !notes.is_empty() {
                let title = Line::our("Notes from ").and(self.heading_title(id, session));
                blocks.push(Block::Subheading(title));
                blocks.push(Block::List(notes));
            }
        }
        if blocks.is_empty() {
            blocks.push(Block::Paragraph(Line::our("No notes were taken.")));
        }
        Some(section(
            SectionKind::Appendix,
            "Appendix: full notes",
            blocks,
        ))
    }

    /// Every note of a session as it was taken, one line each.
    pub(super) fn notes_of(&self, id: &Id) -> Vec<Line> {
        (self.taken(id).iter())
            .map(|(note_id, note)| full_note(note).and_our(self.flag(note_id)))
            .collect()
    }
}

/// "Title (withdrawn, 3 interested)", or the bare title with nothing to add.
fn bracketed<const N: usize>(title: Line, details: [Option<String>; N]) -> Line {
    let details: Vec<String> = details.into_iter().flatten().collect();
    if details.is_empty() {
        title
    } else {
        title.and_our(format!(" ({})", details.join(", ")))
    }
}

/// "10:32am, question, Sam (private): Who owns the standard?"
fn full_note(note: &Note) -> Line {
    // The note-taker's own clock and offset: the time they saw in the room.
    let time = format::clock(note.taken_at.time());
    let mut line = Line::our(format!("{time}, {}", note.kind.word()));
    let author = text::line(&note.author);
    if !author.is_empty() {
        line = line.and_our(", ").and(Line::user(author));
    }
    let private = if note.private { " (private)" } else { "" };
    line.and_our(format!("{private}: "))
        .and(Line::user_or(&note.text, "(empty)"))
}
