//! What `check` says about personal data before anyone publishes: what a
//! public export would redact, and what it cannot be sure about and leaves
//! for a person to look at.

use std::collections::BTreeSet;

use super::names::Names;
use super::redact::{self, Personal};
use crate::model::{Event, Id};

/// One line per find, in the order of the event's records, each saying
/// where it is and what a public export does with it.
pub fn personal_data(event: &Event) -> Vec<String> {
    let mut scan = Scan {
        event,
        names: Names::of_event(event),
        lines: Vec::new(),
    };
    scan.event_details();
    scan.records();
    scan.lines
}

struct Scan<'a> {
    event: &'a Event,
    names: Names,
    lines: Vec<String>,
}

impl Scan<'_> {
    fn event_details(&mut self) {
        let info = &self.event.info;
        let id = &self.event.id;
        self.text(id, "name", &info.name, false);
        self.text(id, "venue", &info.venue, false);
        self.text(id, "description", &info.description, false);
        for organiser in &info.organisers {
            self.text(id, "organisers", organiser, false);
        }
        for (id, room) in &self.event.rooms {
            self.text(id, "name", &room.name, false);
        }
        for (id, slot) in &self.event.slots {
            self.text(id, "label", &slot.label, false);
        }
    }

    fn records(&mut self) {
        let event = self.event;
        let chatham: BTreeSet<&Id> = (event.sessions.iter())
            .filter(|(_, s)| s.chatham_house)
            .map(|(id, _)| id)
            .collect();
        for (id, pitch) in &event.pitches {
            let under_rule = event
                .sessions_of_pitch(event.merge_root(id))
                .iter()
                .any(|s| chatham.contains(s));
            self.text(id, "title", &pitch.title, under_rule);
            self.text(id, "description", &pitch.description, under_rule);
            for person in &pitch.pitched_by {
                self.text(id, "pitched by", &person.name, false);
                self.text(
                    id,
                    "pitched by",
                    person.organisation.as_deref().unwrap_or(""),
                    false,
                );
            }
        }
        for (id, session) in &event.sessions {
            let under_rule = session.chatham_house;
            self.text(id, "summary", &session.summary, under_rule);
            self.text(id, "outcome", &session.outcome, under_rule);
            self.text(
                id,
                "facilitator",
                session.facilitator.as_deref().unwrap_or(""),
                false,
            );
            self.text(
                id,
                "note-taker",
                session.note_taker.as_deref().unwrap_or(""),
                false,
            );
        }
        // Private notes never reach a public export, so they are not listed.
        for (id, note) in event.notes.iter().filter(|(_, n)| !n.private) {
            self.text(id, "text", &note.text, chatham.contains(&note.session));
            self.text(id, "author", &note.author, false);
        }
        for (id, action) in &event.actions {
            let under_rule = action.session.as_ref().is_some_and(|s| chatham.contains(s));
            self.text(id, "text", &action.text, under_rule);
            self.text(id, "owner", action.owner.as_deref().unwrap_or(""), false);
        }
        for (id, decision) in &event.decisions {
            self.text(id, "text", &decision.text, false);
            self.text(id, "lead", decision.lead.as_deref().unwrap_or(""), false);
        }
    }

    /// E-mail addresses and phone numbers anywhere; names too in the text
    /// of a Chatham House session.
    fn text(&mut self, id: &Id, field: &str, text: &str, under_rule: bool) {
        if text.is_empty() {
            return;
        }
        let place = format!("the {field} of {}", self.event.describe(id));
        for found in redact::find(text) {
            let what = &text[found.range.clone()];
            let line = match found.kind {
                Personal::Email | Personal::Phone => format!(
                    "personal data: {} \"{what}\" in {place} is redacted in a public export.",
                    found.kind.noun()
                ),
                Personal::MaybePhone => format!(
                    "personal data: \"{what}\" in {place} may be a phone number; a public export keeps it, so check it."
                ),
            };
            self.lines.push(line);
        }
        if !under_rule {
            return;
        }
        for found in self.names.find(text) {
            let what = &text[found.range.clone()];
            let line = if found.sure {
                format!(
                    "personal data: the name \"{what}\" in {place}, held under the Chatham House Rule, is removed in a public export."
                )
            } else {
                format!(
                    "personal data: \"{what}\" in {place}, held under the Chatham House Rule, may be a name; a public export keeps it, so check it."
                )
            };
            self.lines.push(line);
        }
    }
}
