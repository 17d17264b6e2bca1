//! What `check` says about personal data before anyone publishes: what a
//! public export would redact, and what it cannot be sure about and leaves
//! for a person to look at, such as text in a Chatham House session that
//! probably names someone the event does not know.

use std::collections::BTreeSet;

use super::likely_names;
use super::names::Names;
use super::redact::{self, Personal};
use crate::model::{Event, Id};

/// One line per find, in the order of the event's records, each saying
/// where it is and what a public export does with it.
pub fn personal_data(event: &Event) -> Vec<String> {
    scan(event).lines
}

/// How many probable names a public export leaves in Chatham House
/// sessions for a person to look at: guessed names the event does not
/// know, and known names that are also ordinary words.
pub fn left_for_review(event: &Event) -> usize {
    scan(event).left.len()
}

/// The probable names [`left_for_review`] counts, as written, without
/// repeats, in the order found: what the Export screen marks in its public
/// preview.
pub fn names_left_for_review(event: &Event) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in scan(event).left {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

fn scan(event: &Event) -> Scan<'_> {
    let shown = super::view::named_once(event);
    let mut scan = Scan {
        event,
        names: Names::of_event(&shown),
        lines: Vec::new(),
        left: Vec::new(),
    };
    scan.event_details();
    scan.records();
    scan
}

struct Scan<'a> {
    event: &'a Event,
    names: Names,
    lines: Vec<String>,
    /// The probable names a public export keeps, as written.
    left: Vec<String>,
}

impl Scan<'_> {
    fn event_details(&mut self) {
        let info = &self.event.info;
        let id = &self.event.id;
        self.text(id, "name", &info.name, None);
        self.text(id, "venue", &info.venue, None);
        self.text(id, "description", &info.description, None);
        for organiser in &info.organisers {
            self.text(id, "organisers", organiser, None);
        }
        for (id, room) in &self.event.rooms {
            self.text(id, "name", &room.name, None);
        }
        for (id, slot) in &self.event.slots {
            self.text(id, "label", &slot.label, None);
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
                .into_iter()
                .find(|s| chatham.contains(s));
            self.text(id, "title", &pitch.title, under_rule);
            self.text(id, "description", &pitch.description, under_rule);
            for person in &pitch.pitched_by {
                self.text(id, "pitched by", &person.name, None);
                self.text(
                    id,
                    "pitched by",
                    person.organisation.as_deref().unwrap_or(""),
                    None,
                );
            }
        }
        for (id, session) in &event.sessions {
            let under_rule = session.chatham_house.then_some(id);
            self.text(id, "summary", &session.summary, under_rule);
            self.text(id, "outcome", &session.outcome, under_rule);
            self.text(
                id,
                "facilitator",
                session.facilitator.as_deref().unwrap_or(""),
                None,
            );
            self.text(
                id,
                "note-taker",
                session.note_taker.as_deref().unwrap_or(""),
                None,
            );
        }
        // Private notes never reach a public export, so they are not listed.
        for (id, note) in event.notes.iter().filter(|(_, n)| !n.private) {
            let under_rule = chatham.get(&note.session).copied();
            self.text(id, "text", &note.text, under_rule);
            self.text(id, "author", &note.author, None);
        }
        for (id, action) in &event.actions {
            let under_rule = action
                .session
                .as_ref()
                .and_then(|s| chatham.get(s).copied());
            self.text(id, "text", &action.text, under_rule);
            self.text(id, "owner", action.owner.as_deref().unwrap_or(""), None);
        }
        for (id, decision) in &event.decisions {
            self.text(id, "text", &decision.text, None);
            self.text(id, "lead", decision.lead.as_deref().unwrap_or(""), None);
        }
    }

    /// E-mail addresses and phone numbers anywhere; names too in the text
    /// of a Chatham House session.
    fn text(&mut self, id: &Id, field: &str, text: &str, under_rule: Option<&Id>) {
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
        let Some(session) = under_rule else {
            return;
        };
        let within = if session == id {
            String::new()
        } else {
            format!(" of {}", self.event.describe(session))
        };
        let known = self.names.find(text);
        for found in &known {
            let what = &text[found.range.clone()];
            let line = if found.sure {
                format!(
                    "personal data: the name \"{what}\" in {place}{within}, held under the Chatham House Rule, is removed in a public export."
                )
            } else {
                self.left.push(what.to_string());
                format!(
                    "personal data: \"{what}\" in {place}{within}, held under the Chatham House Rule, may be a name; a public export keeps it, so check it."
                )
            };
            self.lines.push(line);
        }
        // A guess that a known name only partly covers ("Sarah" of "Sarah
        // Jones", when a Jones is known) would still leave part of it.
        let covered = |r: &std::ops::Range<usize>| {
            (known.iter()).any(|k| k.range.start <= r.start && r.end <= k.range.end)
        };
        for range in likely_names::find(text).into_iter().filter(|r| !covered(r)) {
            let what = &text[range.clone()];
            // What stays of it in a public export, where known names inside
            // it are replaced: "Sarah" of "Sarah Jones" when a Jones is known.
            let mut from = range.start;
            for k in known.iter().filter(|k| k.sure && k.range.start < range.end) {
                if k.range.end > from {
                    self.keep_left(&text[from..k.range.start.max(from)]);
                    from = k.range.end.max(from);
                }
            }
            self.keep_left(&text[from.min(range.end)..range.end]);
            self.lines.push(format!(
                "personal data: \"{what}\" in {place}{within}, held under the Chatham House Rule, probably names a person; a public export keeps it, so check it: \"{}\".",
                excerpt(text, range)
            ));
        }
    }
}

impl Scan<'_> {
    fn keep_left(&mut self, piece: &str) {
        let piece = piece.trim_matches(|c: char| !c.is_alphanumeric());
        if piece.chars().any(char::is_alphabetic) {
            self.left.push(piece.to_string());
        }
    }
}

/// The words around a find, on one line, cut with "…" where the text goes
/// on.
fn excerpt(text: &str, range: std::ops::Range<usize>) -> String {
    const AROUND: usize = 30;
    let mut start = range.start.saturating_sub(AROUND);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (range.end + AROUND).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let mut out = crate::model::text::one_line(&text[start..end]);
    if start > 0 {
        out.insert(0, '…');
    }
    if end < text.len() {
        out.push('…');
    }
    out
}
