//! The event as a public write-up may show it (README, "Publishing"):
//! private notes left out, e-mail addresses and phone numbers redacted in
//! every piece of free text, and in each Chatham House session no name of
//! who pitched, facilitated, took notes, said something or owns a next step.
//!
//! Every export format renders this view instead of the event when asked to
//! be public, so that no format can forget a rule.

use std::collections::BTreeSet;

use super::names::Names;
use super::redact::redact;
use crate::model::{
    Action, Decision, Event, EventInfo, Id, Note, Person, Pitch, Record, Room, Session, Slot,
};

/// A copy of `event` that is safe to publish.
pub fn public_view(event: &Event) -> Event {
    let rules = Rules::of(event);
    let mut public = Event::new(event.id.clone());
    public.apply(&event.id, Some(Record::Event(rules.info(&event.info))));
    for (id, room) in &event.rooms {
        let room = Room {
            name: redact(&room.name),
            ..room.clone()
        };
        public.apply(id, Some(Record::Room(room)));
    }
    for (id, slot) in &event.slots {
        let slot = Slot {
            label: redact(&slot.label),
            ..slot.clone()
        };
        public.apply(id, Some(Record::Slot(slot)));
    }
    for (id, pitch) in &event.pitches {
        public.apply(id, Some(Record::Pitch(rules.pitch(id, pitch))));
    }
    for (id, session) in &event.sessions {
        public.apply(id, Some(Record::Session(rules.session(session))));
    }
    for (id, note) in event.notes.iter().filter(|(_, n)| !n.private) {
        public.apply(id, Some(Record::Note(rules.note(note))));
    }
    for (id, action) in &event.actions {
        public.apply(id, Some(Record::Action(rules.action(action))));
    }
    for (id, decision) in &event.decisions {
        public.apply(id, Some(Record::Decision(rules.decision(decision))));
    }
    public.conflicts = event.conflicts.clone();
    public
}

/// Which records fall under the Chatham House Rule, and the names to take
/// out of their text.
pub struct Rules {
    names: Names,
    /// Sessions held under the rule.
    chatham: BTreeSet<Id>,
    /// Pitches that run in such a session, directly or merged into one.
    chatham_pitches: BTreeSet<Id>,
}

impl Rules {
    pub fn of(event: &Event) -> Rules {
        let chatham: BTreeSet<Id> = (event.sessions.iter())
            .filter(|(_, s)| s.chatham_house)
            .map(|(id, _)| id.clone())
            .collect();
        let mut chatham_pitches = BTreeSet::new();
        for id in &chatham {
            for pitch in event.sessions.get(id).into_iter().flat_map(|s| &s.pitches) {
                chatham_pitches.insert(pitch.clone());
                chatham_pitches.extend(event.merged_into(pitch).into_iter().cloned());
            }
        }
        Rules {
            names: Names::of_event(event),
            chatham,
            chatham_pitches,
        }
    }

    /// Free text of a Chatham House record: contacts out, then names.
    /// Contacts first, since a name inside an address ("priya.shah@…")
    /// would otherwise break it up and leave the rest of it in.
    fn unnamed(&self, text: &str) -> String {
        self.names.remove(&redact(text))
    }

    fn is_chatham_session(&self, session: Option<&Id>) -> bool {
        session.is_some_and(|s| self.chatham.contains(s))
    }

    fn info(&self, info: &EventInfo) -> EventInfo {
        EventInfo {
            name: redact(&info.name),
            venue: redact(&info.venue),
            organisers: info.organisers.iter().map(|o| redact(o)).collect(),
            description: redact(&info.description),
            follows: info.follows.as_deref().map(redact),
            ..info.clone()
        }
    }

    fn pitch(&self, id: &Id, pitch: &Pitch) -> Pitch {
        if self.chatham_pitches.contains(id) {
            return Pitch {
                title: self.unnamed(&pitch.title),
                pitched_by: Vec::new(),
                description: self.unnamed(&pitch.description),
                tags: pitch.tags.iter().map(|t| self.unnamed(t)).collect(),
                ..pitch.clone()
            };
        }
        Pitch {
            title: redact(&pitch.title),
            pitched_by: pitch.pitched_by.iter().map(redact_person).collect(),
            description: redact(&pitch.description),
            tags: pitch.tags.iter().map(|t| redact(t)).collect(),
            ..pitch.clone()
        }
    }

    fn session(&self, session: &Session) -> Session {
        if session.chatham_house {
            return Session {
                facilitator: None,
                note_taker: None,
                summary: self.unnamed(&session.summary),
                outcome: self.unnamed(&session.outcome),
                ..session.clone()
            };
        }
        Session {
            facilitator: session.facilitator.as_deref().map(redact),
            note_taker: session.note_taker.as_deref().map(redact),
            summary: redact(&session.summary),
            outcome: redact(&session.outcome),
            ..session.clone()
        }
    }

    fn note(&self, note: &Note) -> Note {
        if self.is_chatham_session(Some(&note.session)) {
            return Note {
                text: self.unnamed(&note.text),
                author: String::new(),
                ..note.clone()
            };
        }
        Note {
            text: redact(&note.text),
            author: redact(&note.author),
            ..note.clone()
        }
    }

    fn action(&self, action: &Action) -> Action {
        if self.is_chatham_session(action.session.as_ref()) {
            return Action {
                text: self.unnamed(&action.text),
                owner: None,
                ..action.clone()
            };
        }
        Action {
            text: redact(&action.text),
            owner: action.owner.as_deref().map(redact),
            ..action.clone()
        }
    }

    fn decision(&self, decision: &Decision) -> Decision {
        Decision {
            text: redact(&decision.text),
            lead: decision.lead.as_deref().map(redact),
        }
    }
}

fn redact_person(person: &Person) -> Person {
    Person {
        name: redact(&person.name),
        organisation: person.organisation.as_deref().map(redact),
    }
}
