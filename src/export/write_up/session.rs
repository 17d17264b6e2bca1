//! One section per session: what was pitched, where and when, and what the
//! group said, concluded and will do next.

use super::front::{slot_when, user_paragraphs};
use super::{Block, Inline, Line, Section, SectionKind, WriteUp, content, led_list, text};
use crate::export::format;
use crate::model::{Action, ActionStatus, Decision, Id, Note, NoteKind, Person, Session};

impl WriteUp<'_> {
    pub(super) fn session(&self, id: &Id, session: &Session) -> Section {
        let pitches = self.pitches_of(session);
        let mut blocks = Vec::new();
        let conflicted = std::iter::once(id)
            .chain(pitches.iter().copied())
            .any(|record| self.event.is_conflicted(record));
        if conflicted {
            blocks.push(Block::Paragraph(Line::our(
                "Conflicting versions of this session or its pitches: check before publishing.",
            )));
        }
        // The session is named after its first pitch that still exists.
        let named_after = session
            .pitches
            .iter()
            .find(|p| self.event.pitches.contains_key(*p));
        let merged: Vec<Line> = pitches
            .iter()
            .filter(|p| Some(**p) != named_after)
            .filter_map(|p| self.event.pitches.get(*p))
            .map(|p| Line::user_or(&p.title, "Untitled pitch"))
            .collect();
        if !merged.is_empty() {
            let line = Line::our("Merged with: ").and(Line::joined(merged, "; "));
            blocks.push(Block::Paragraph(line.sentence()));
        }
        blocks.push(Block::Paragraph(self.session_facts(session, &pitches)));
        let recorded = self.session_record(id, session);
        if recorded.is_empty() {
            let pitched = self.what_was_pitched(&pitches);
            if pitched.is_empty() {
                blocks.push(Block::Paragraph(Line::our(
                    "Nothing was recorded for this session.",
                )));
            }
            blocks.extend(pitched);
        } else {
            blocks.extend(recorded);
        }
        blocks.extend(self.session_closing(id, session).map(Block::Paragraph));
        Section {
            kind: SectionKind::Session(id.clone()),
            heading: self.heading_title(id, session),
            blocks,
        }
    }

    /// For a session that recorded nothing: what its pitches proposed, each
    /// labelled as the pitch, so that a reader knows it is not what the
    /// group said. Empty when no pitch has a description.
    fn what_was_pitched(&self, pitches: &[&Id]) -> Vec<Block> {
        let described = content::described(self.event, pitches);
        let mut blocks = Vec::new();
        for pitch in &described {
            let label = if described.len() == 1 {
                Line::strong("The pitch:")
            } else {
                let title = Line::our("The pitch, ")
                    .and(Line::user_or(&pitch.title, "Untitled pitch"))
                    .and_our(":");
                Line(vec![Inline::Strong(title)])
            };
            let mut paragraphs = user_paragraphs(&pitch.description).into_iter();
            if let Some(Block::Paragraph(first)) = paragraphs.next() {
                blocks.push(Block::Paragraph(label.and_our(" ").and(first)));
                blocks.extend(paragraphs);
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
    fn session_facts(&self, session: &Session, pitches: &[&Id]) -> Line {
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
        let names: Vec<Line> = people.into_iter().filter_map(person).collect();
        let mut sentences = Vec::new();
        if !names.is_empty() {
            let by = Line::our("Pitched by ").and(Line::and_list(names));
            sentences.push(by.sentence());
        }
        sentences.push(self.where_and_when(session).sentence());
        if let Some(facilitator) = nonblank(session.facilitator.as_deref()) {
            sentences.push(Line::our("Facilitated by ").and(facilitator).sentence());
        }
        if session.chatham_house {
            sentences.push(Line::our("Held under the Chatham House Rule."));
        }
        Line::joined(sentences, " ")
    }

    fn where_and_when(&self, session: &Session) -> Line {
        let room = self.event.rooms.get(&session.room).map(|room| {
            Line::user_or(&room.name, "Unnamed room").and_our(self.flag(&session.room))
        });
        let slot = (self.event.slots.get(&session.slot))
            .map(|slot| slot_when(slot).and_our(self.flag(&session.slot)));
        match (room, slot) {
            (Some(room), Some(slot)) => room.and_our(", ").and(slot),
            (Some(room), None) => room.and_our(", time not set"),
            (None, Some(slot)) => slot.and_our(", room not set"),
            (None, None) => Line::our("Not yet placed in the programme"),
        }
    }

    /// Summary, key points, outcome and next steps; empty when the group
    /// recorded none of them.
    fn session_record(&self, id: &Id, session: &Session) -> Vec<Block> {
        let mut blocks = user_paragraphs(&session.summary);
        let points: Vec<Line> = (self.taken(id).iter())
            .filter(|(_, note)| !note.private)
            // Action and decision notes are the next steps and decisions.
            .filter(|(_, note)| !note.kind.states())
            .filter_map(|(note_id, note)| Some(key_point(note)?.and_our(self.flag(note_id))))
            .collect();
        if !points.is_empty() {
            blocks.extend(led_list("Key points:", points));
        }
        let mut outcome = user_paragraphs(&session.outcome).into_iter();
        if let Some(Block::Paragraph(first)) = outcome.next() {
            let line = Line::strong("Outcome:").and_our(" ").and(first);
            blocks.push(Block::Paragraph(line));
            blocks.extend(outcome);
        }
        let decisions: Vec<Line> = (self.event.decisions_of(Some(id)).into_iter())
            .filter(|(note, _)| !self.event.is_private_note(note))
            .map(|(note, decision)| decision_line(&decision).and_our(self.flag(note)))
            .collect();
        if !decisions.is_empty() {
            blocks.extend(led_list("Decisions:", decisions));
        }
        let steps = self.next_steps(Some(id));
        if !steps.is_empty() {
            blocks.extend(led_list("Next steps:", steps));
        }
        blocks
    }

    /// "Notes taken by X; 14 attended. This session repeats T (Round 1, …)."
    fn session_closing(&self, id: &Id, session: &Session) -> Option<Line> {
        let mut sentences = Vec::new();
        let taker = nonblank(session.note_taker.as_deref());
        match (taker, session.attendees) {
            (Some(taker), Some(n)) => sentences.push(
                Line::our("Notes taken by ")
                    .and(taker)
                    .and_our(format!("; {n} attended this session.")),
            ),
            (Some(taker), None) => {
                sentences.push(Line::our("Notes taken by ").and(taker).sentence())
            }
            (None, Some(n)) => sentences.push(Line::our(format!("{n} attended this session."))),
            (None, None) => {}
        }
        if let Some(first_id) = self.event.repeat_of(id)
            && let Some(first) = self.event.sessions.get(first_id)
        {
            let mut line = Line::our("This session repeats ").and(self.session_title(first));
            if let Some(slot) = self.event.slots.get(&first.slot) {
                line = line.and_our(" (").and(slot_when(slot)).and_our(")");
            }
            sentences.push(line.and_our("."));
        }
        (!sentences.is_empty()).then(|| Line::joined(sentences, " "))
    }

    /// The next steps of a session, or of the event when `session` is none.
    pub(super) fn next_steps(&self, session: Option<&Id>) -> Vec<Line> {
        self.event
            .actions_of(session)
            .into_iter()
            .filter(|(id, _)| !self.event.is_private_note(id))
            .filter(|(_, action)| self.carried(&action.text).is_none())
            .map(|(id, action)| next_step(&action).and_our(self.flag(id)))
            .collect()
    }
}

/// How a note reads among the key points.
fn key_point(note: &Note) -> Option<Line> {
    let text = text::line(&note.text);
    if text.is_empty() {
        return None;
    }
    let labelled =
        |label: &str, text: String| Line::strong(label).and_our(" ").and(Line::user(text));
    let point = match note.kind {
        NoteKind::Point => Line::user(text),
        NoteKind::Question if text.ends_with('?') => labelled("Question:", text),
        NoteKind::Question => labelled("Question:", text).and_our("?"),
        NoteKind::Idea => labelled("Idea:", text),
        NoteKind::Decision => labelled("Decision:", text),
        NoteKind::Quote => {
            // The note-taker may have typed the quote marks themselves.
            let bare = text::line(note.text.trim().trim_matches(['"', '“', '”']));
            if bare.is_empty() {
                return None;
            }
            Line::our("“").and(Line::user(bare)).and_our("”")
        }
        NoteKind::Action => labelled("Action:", text),
    };
    Some(point)
}

/// "Start a supplier community — led by techUK".
pub(super) fn decision_line(decision: &Decision) -> Line {
    let line = Line::user_or(&decision.text, "Untitled decision");
    match nonblank(decision.lead.as_deref()) {
        Some(lead) => line.and_our(" — led by ").and(lead),
        None => line,
    }
}

/// "Write the charter — Sam, due 20 November 2018 (done)".
pub(super) fn next_step(action: &Action) -> Line {
    let mut line = Line::user_or(&action.text, "Untitled next step");
    let mut details = Vec::new();
    details.extend(nonblank(action.owner.as_deref()));
    details.extend(
        action
            .due
            .map(|due| Line::our(format!("due {}", format::long_date(due)))),
    );
    if !details.is_empty() {
        line = line.and_our(" — ").and(Line::joined(details, ", "));
    }
    if action.status == ActionStatus::Done {
        line = line.and_our(" (done)");
    }
    line
}

/// "Name (Organisation)", or none when the name is blank.
fn person(person: &Person) -> Option<Line> {
    let name = text::line(&person.name);
    if name.is_empty() {
        return None;
    }
    let name = Line::user(name);
    match nonblank(person.organisation.as_deref()) {
        Some(organisation) => Some(name.and_our(" (").and(organisation).and_our(")")),
        None => Some(name),
    }
}

/// Optional user text, or none when it is missing or blank.
pub(super) fn nonblank(raw: Option<&str>) -> Option<Line> {
    raw.map(text::line)
        .filter(|t| !t.is_empty())
        .map(Line::user)
}
