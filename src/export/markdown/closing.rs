//! The end of the write-up: what the day agreed, the pitches that did not
//! run, and, when asked for, every note as it was taken.

use super::{WriteUp, bullets, escape, format, or_else};
use crate::export::content;
use crate::model::{Id, Note, PitchStatus};

impl WriteUp<'_> {
    /// "The projects we agreed to take forward", and the event's own next
    /// steps. Left out when the day recorded neither.
    pub(super) fn decisions(&self) -> Vec<String> {
        let agreed: Vec<String> = self
            .event
            .decisions
            .iter()
            .filter(|(_, decision)| self.carried(&decision.text).is_none())
            .map(|(id, decision)| {
                let text = or_else(escape::inline(&decision.text), "Untitled decision");
                let lead = super::session::nonblank(decision.lead.as_deref());
                let line = match lead {
                    Some(lead) => format!("{text} — led by {lead}"),
                    None => text,
                };
                format!("{line}{}", self.flag(id))
            })
            .collect();
        let steps = self.next_steps(None);
        if agreed.is_empty() && steps.is_empty() {
            return Vec::new();
        }
        let mut blocks = vec!["## Decisions and next steps".to_string()];
        if !agreed.is_empty() {
            blocks.push("**Agreed to take forward:**".to_string());
            blocks.push(bullets(agreed));
        }
        if !steps.is_empty() {
            blocks.push("**Next steps:**".to_string());
            blocks.push(bullets(steps));
        }
        blocks
    }

    /// Open and withdrawn pitches with their show of hands, and pitches
    /// merged into one that did not run either. A merged pitch that ran is
    /// listed under its session instead. Left out when every pitch ran.
    pub(super) fn unscheduled(&self) -> Vec<String> {
        let items: Vec<String> = self
            .event
            .pitches_in_order()
            .into_iter()
            .filter_map(|(id, pitch)| {
                let title = or_else(escape::inline(&pitch.title), "Untitled pitch");
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
                    PitchStatus::Merged { .. } => format!("{title} — {}", self.merged_into(id)),
                };
                Some(format!("{line}{}", self.flag(id)))
            })
            .collect();
        if items.is_empty() {
            return Vec::new();
        }
        vec!["## Pitches not scheduled".to_string(), bullets(items)]
    }

    /// Named after the pitch it finally runs as, which is where a reader
    /// will find its discussion.
    fn merged_into(&self, id: &Id) -> String {
        let root = self.event.merge_root(id);
        match self.event.pitches.get(root).filter(|_| root != id) {
            Some(pitch) => {
                let title = or_else(escape::inline(&pitch.title), "Untitled pitch");
                format!("merged into {title}")
            }
            None => "merged into another pitch".to_string(),
        }
    }

    /// Every note of every session, private ones included and marked, for
    /// staff who want the full record.
    pub(super) fn appendix(&self) -> Vec<String> {
        if !self.options.with_notes {
            return Vec::new();
        }
        let mut blocks = vec!["## Appendix: full notes".to_string()];
        for (id, session) in self.event.sessions_in_order() {
            let notes = self.notes_of(id);
            if !notes.is_empty() {
                blocks.push(format!(
                    "### Notes from {}",
                    self.heading_title(id, session)
                ));
                blocks.push(bullets(notes));
            }
        }
        if blocks.len() == 1 {
            blocks.push("No notes were taken.".to_string());
        }
        blocks
    }
}

impl WriteUp<'_> {
    /// Every note of a session as it was taken, one line each.
    pub(super) fn notes_of(&self, id: &Id) -> Vec<String> {
        (self.event.notes_of(id))
            .map(|(note_id, note)| format!("{}{}", full_note(note), self.flag(note_id)))
            .collect()
    }
}

/// "Title (withdrawn, 3 interested)", or the bare title with nothing to add.
fn bracketed<const N: usize>(title: String, details: [Option<String>; N]) -> String {
    let details: Vec<String> = details.into_iter().flatten().collect();
    if details.is_empty() {
        title
    } else {
        format!("{title} ({})", details.join(", "))
    }
}

/// "10:32am, question, Sam (private): Who owns the standard?"
fn full_note(note: &Note) -> String {
    // The note-taker's own clock and offset: the time they saw in the room.
    let time = format::clock(note.taken_at.time());
    let author = match escape::inline(&note.author) {
        author if author.is_empty() => String::new(),
        author => format!(", {author}"),
    };
    let private = if note.private { " (private)" } else { "" };
    let text = or_else(escape::inline(&note.text), "(empty)");
    format!("{time}, {}{author}{private}: {text}", note.kind.word())
}
