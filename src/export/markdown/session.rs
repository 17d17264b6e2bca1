//! One section per session: what was pitched, where and when, and what the
//! group said, concluded and will do next.

use super::{WriteUp, bullets, escape, format, or_else, slot_when};
use crate::model::{Action, ActionStatus, Decision, Id, Note, NoteKind, Person, Session};

impl WriteUp<'_> {
    pub(super) fn session(&self, id: &Id, session: &Session) -> Vec<String> {
        let pitches = self.pitches_of(session);
        let mut blocks = vec![format!("## {}", self.heading_title(id, session))];
        let conflicted = std::iter::once(id)
            .chain(pitches.iter().copied())
            .any(|record| self.event.is_conflicted(record));
        if conflicted {
            blocks.push(
                "Conflicting versions of this session or its pitches: check before publishing."
                    .to_string(),
            );
        }
        // The session is named after its first pitch that still exists.
        let named_after = session
            .pitches
            .iter()
            .find(|p| self.event.pitches.contains_key(*p));
        let merged: Vec<String> = pitches
            .iter()
            .filter(|p| Some(**p) != named_after)
            .filter_map(|p| self.event.pitches.get(*p))
            .map(|p| or_else(escape::inline(&p.title), "Untitled pitch"))
            .collect();
        if !merged.is_empty() {
            blocks.push(format::sentence(format!(
                "Merged with: {}",
                merged.join("; ")
            )));
        }
        blocks.push(self.session_facts(session, &pitches));
        let recorded = self.session_record(id, session);
        if recorded.is_empty() {
            let pitched = self.what_was_pitched(&pitches);
            if pitched.is_empty() {
                blocks.push("Nothing was recorded for this session.".to_string());
            }
            blocks.extend(pitched);
        } else {
            blocks.extend(recorded);
        }
        blocks.extend(self.session_closing(id, session));
        blocks
    }

    /// For a session that recorded nothing: what its pitches proposed, each
    /// labelled as the pitch, so that a reader knows it is not what the
    /// group said. Empty when no pitch has a description.
    fn what_was_pitched(&self, pitches: &[&Id]) -> Vec<String> {
        let described = crate::export::content::described(self.event, pitches);
        let mut blocks = Vec::new();
        for pitch in &described {
            let paragraphs = escape::paragraphs(&pitch.description);
            let label = if described.len() == 1 {
                "**The pitch:**".to_string()
            } else {
                let title = or_else(escape::inline(&pitch.title), "Untitled pitch");
                format!("**The pitch, {title}:**")
            };
            if let Some((first, rest)) = paragraphs.split_first() {
                blocks.push(format!("{label} {first}"));
                blocks.extend(rest.iter().cloned());
            }
        }
        blocks
    }

    /// The session's pitches, then every pitch merged into one of them,
    /// whether or not the merge also added it to the session.
    fn pitches_of<'e>(&'e self, session: &'e Session) -> Vec<&'e Id> {
        let mut found: Vec<&Id> = Vec::new();
        for pitch in &session.pitches {
            for candidate in std::iter::once(pitch).chain(self.event.merged_into(pitch)) {
                if self.event.pitches.contains_key(candidate) && !found.contains(&candidate) {
                    found.push(candidate);
                }
            }
        }
        found
    }

    /// "Pitched by A (Org). Room 1, Round 1, 10:30am to 11:15am. Facilitated by B."
    fn session_facts(&self, session: &Session, pitches: &[&Id]) -> String {
        let mut people: Vec<&Person> = Vec::new();
        for person in pitches
            .iter()
            .filter_map(|p| self.event.pitches.get(*p))
            .flat_map(|p| &p.pitched_by)
        {
            if !people
                .iter()
                .any(|p| crate::model::people::same(&p.name, &person.name))
            {
                people.push(person);
            }
        }
        let names: Vec<String> = people.into_iter().filter_map(person).collect();
        let mut sentences = Vec::new();
        if !names.is_empty() {
            let by = format!("Pitched by {}", format::and_list(&names));
            sentences.push(format::sentence(by));
        }
        sentences.push(format::sentence(self.where_and_when(session)));
        if let Some(facilitator) = nonblank(session.facilitator.as_deref()) {
            sentences.push(format::sentence(format!("Facilitated by {facilitator}")));
        }
        if session.chatham_house {
            sentences.push("Held under the Chatham House Rule.".to_string());
        }
        sentences.join(" ")
    }

    fn where_and_when(&self, session: &Session) -> String {
        let room = self.event.rooms.get(&session.room).map(|room| {
            let name = or_else(escape::inline(&room.name), "Unnamed room");
            format!("{name}{}", self.flag(&session.room))
        });
        let slot = (self.event.slots.get(&session.slot))
            .map(|slot| format!("{}{}", slot_when(slot), self.flag(&session.slot)));
        match (room, slot) {
            (Some(room), Some(slot)) => format!("{room}, {slot}"),
            (Some(room), None) => format!("{room}, time not set"),
            (None, Some(slot)) => format!("{slot}, room not set"),
            (None, None) => "Not yet placed in the programme".to_string(),
        }
    }

    /// Summary, key points, outcome and next steps; empty when the group
    /// recorded none of them.
    fn session_record(&self, id: &Id, session: &Session) -> Vec<String> {
        let mut blocks = escape::paragraphs(&session.summary);
        let points: Vec<String> = self
            .event
            .notes_of(id)
            .filter(|(_, note)| !note.private)
            // Action and decision notes are the next steps and decisions.
            .filter(|(_, note)| !matches!(note.kind, NoteKind::Action | NoteKind::Decision))
            .filter_map(|(note_id, note)| {
                Some(format!("{}{}", key_point(note)?, self.flag(note_id)))
            })
            .collect();
        if !points.is_empty() {
            // A bold line ending in a colon is a lead-in, not a stand-in
            // heading (markdownlint's no-emphasis-as-heading).
            blocks.push("**Key points:**".to_string());
            blocks.push(bullets(points));
        }
        let outcome = escape::paragraphs(&session.outcome);
        if let Some((first, rest)) = outcome.split_first() {
            blocks.push(format!("**Outcome:** {first}"));
            blocks.extend(rest.iter().cloned());
        }
        let decisions: Vec<String> = (self.event.decisions_of(Some(id)).into_iter())
            .filter(|(note, _)| !self.event.is_private_note(note))
            .map(|(note, decision)| format!("{}{}", decision_line(&decision), self.flag(note)))
            .collect();
        if !decisions.is_empty() {
            blocks.push("**Decisions:**".to_string());
            blocks.push(bullets(decisions));
        }
        let steps = self.next_steps(Some(id));
        if !steps.is_empty() {
            blocks.push("**Next steps:**".to_string());
            blocks.push(bullets(steps));
        }
        blocks
    }

    /// "Notes taken by X; 14 attended. This session repeats T (Round 1, …)."
    fn session_closing(&self, id: &Id, session: &Session) -> Option<String> {
        let mut sentences = Vec::new();
        let taker = nonblank(session.note_taker.as_deref());
        match (taker, session.attendees) {
            (Some(taker), Some(n)) => sentences.push(format!(
                "Notes taken by {taker}; {n} attended this session."
            )),
            (Some(taker), None) => {
                sentences.push(format::sentence(format!("Notes taken by {taker}")))
            }
            (None, Some(n)) => sentences.push(format!("{n} attended this session.")),
            (None, None) => {}
        }
        if let Some(first_id) = self.event.repeat_of(id)
            && let Some(first) = self.event.sessions.get(first_id)
        {
            let title = self.session_title(first);
            let when = match self.event.slots.get(&first.slot) {
                Some(slot) => format!(" ({})", slot_when(slot)),
                None => String::new(),
            };
            sentences.push(format!("This session repeats {title}{when}."));
        }
        (!sentences.is_empty()).then(|| sentences.join(" "))
    }

    /// The next steps of a session, or of the event when `session` is none.
    pub(super) fn next_steps(&self, session: Option<&Id>) -> Vec<String> {
        self.event
            .actions_of(session)
            .into_iter()
            .filter(|(id, _)| !self.event.is_private_note(id))
            .filter(|(_, action)| self.carried(&action.text).is_none())
            .map(|(id, action)| format!("{}{}", next_step(&action), self.flag(id)))
            .collect()
    }
}

/// How a note reads among the key points.
fn key_point(note: &Note) -> Option<String> {
    let text = escape::inline(&note.text);
    if text.is_empty() {
        return None;
    }
    let point = match note.kind {
        NoteKind::Point => text,
        NoteKind::Question if text.ends_with('?') => format!("**Question:** {text}"),
        NoteKind::Question => format!("**Question:** {text}?"),
        NoteKind::Idea => format!("**Idea:** {text}"),
        NoteKind::Decision => format!("**Decision:** {text}"),
        NoteKind::Quote => {
            // The note-taker may have typed the quote marks themselves.
            let bare = escape::inline(note.text.trim().trim_matches(['"', '“', '”']));
            if bare.is_empty() {
                return None;
            }
            format!("“{bare}”")
        }
        NoteKind::Action => format!("**Action:** {text}"),
    };
    Some(point)
}

/// "Start a supplier community — led by techUK".
fn decision_line(decision: &Decision) -> String {
    let line = or_else(escape::inline(&decision.text), "Untitled decision");
    match nonblank(decision.lead.as_deref()) {
        Some(lead) => format!("{line} — led by {lead}"),
        None => line,
    }
}

/// "Write the charter — Sam, due 20 November 2018 (done)".
pub(super) fn next_step(action: &Action) -> String {
    let mut line = or_else(escape::inline(&action.text), "Untitled next step");
    let mut details = Vec::new();
    details.extend(nonblank(action.owner.as_deref()));
    details.extend(
        action
            .due
            .map(|due| format!("due {}", format::long_date(due))),
    );
    if !details.is_empty() {
        line = format!("{line} — {}", details.join(", "));
    }
    if action.status == ActionStatus::Done {
        line.push_str(" (done)");
    }
    line
}

/// "Name (Organisation)", or none when the name is blank.
fn person(person: &Person) -> Option<String> {
    let name = escape::inline(&person.name);
    if name.is_empty() {
        return None;
    }
    match nonblank(person.organisation.as_deref()) {
        Some(organisation) => Some(format!("{name} ({organisation})")),
        None => Some(name),
    }
}

/// Optional user text, escaped, or none when it is missing or blank.
pub(super) fn nonblank(text: Option<&str>) -> Option<String> {
    text.map(escape::inline).filter(|t| !t.is_empty())
}
