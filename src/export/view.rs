//! The event as every export shows it: each person under one spelling
//! (see [`People`]), and, when it is to be published, the public view.

use std::borrow::Cow;

use super::public_view;
use crate::model::people::People;
use crate::model::{Event, Record};

/// What an export renders: `event` with every name in its best spelling,
/// then the public view of that when `public`.
pub fn shown(event: &Event, public: bool) -> Cow<'_, Event> {
    let named = named_once(event);
    if public {
        Cow::Owned(public_view(&named))
    } else {
        named
    }
}

/// `event` with each person's name in the best spelling anyone gave it;
/// borrowed when every name already is.
pub fn named_once(event: &Event) -> Cow<'_, Event> {
    let people = People::of_event(event);
    let fix = |name: &String| -> Option<String> {
        let best = people.spelling(name);
        (!name.trim().is_empty() && best != *name).then_some(best)
    };
    let fix_opt = |name: &Option<String>| name.as_ref().and_then(fix);
    let mut changes = Vec::new();
    for (id, pitch) in &event.pitches {
        if pitch.pitched_by.iter().any(|p| fix(&p.name).is_some()) {
            let mut pitch = pitch.clone();
            for person in &mut pitch.pitched_by {
                person.name = fix(&person.name).unwrap_or_else(|| person.name.clone());
            }
            changes.push((id, Record::Pitch(pitch)));
        }
    }
    for (id, session) in &event.sessions {
        let (facilitator, note_taker) =
            (fix_opt(&session.facilitator), fix_opt(&session.note_taker));
        if facilitator.is_some() || note_taker.is_some() {
            let mut session = session.clone();
            session.facilitator = facilitator.or(session.facilitator);
            session.note_taker = note_taker.or(session.note_taker);
            changes.push((id, Record::Session(session)));
        }
    }
    for (id, note) in &event.notes {
        if let Some(author) = fix(&note.author) {
            let mut note = note.clone();
            note.author = author;
            changes.push((id, Record::Note(note)));
        }
    }
    for (id, action) in &event.actions {
        if let Some(owner) = fix_opt(&action.owner) {
            let mut action = action.clone();
            action.owner = Some(owner);
            changes.push((id, Record::Action(action)));
        }
    }
    for (id, decision) in &event.decisions {
        if let Some(lead) = fix_opt(&decision.lead) {
            let mut decision = decision.clone();
            decision.lead = Some(lead);
            changes.push((id, Record::Decision(decision)));
        }
    }
    if changes.is_empty() {
        return Cow::Borrowed(event);
    }
    let mut named = event.clone();
    for (id, record) in changes {
        named.apply(id, Some(record));
    }
    Cow::Owned(named)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Id, Note, Person, Pitch};

    #[test]
    fn every_spelling_of_a_person_shows_as_the_best() {
        let mut event = Event::new(Id::new("event"));
        let pitch = Pitch {
            title: "Open data".into(),
            pitched_by: vec![Person::named("jo  bloggs")],
            ..Pitch::default()
        };
        event.apply(&Id::new("p1"), Some(Record::Pitch(pitch)));
        let note = Note {
            session: Id::new("s1"),
            text: "x".into(),
            kind: Default::default(),
            taken_at: chrono::DateTime::parse_from_rfc3339("2026-06-14T10:00:00+01:00")
                .expect("a time"),
            author: "Jo Bloggs".into(),
            private: false,
            status: Default::default(),
        };
        event.apply(&Id::new("n1"), Some(Record::Note(note)));
        let named = named_once(&event);
        let pitch = named
            .pitches
            .get(&Id::new("p1"))
            .map(|p| p.pitched_by[0].name.clone());
        assert_eq!(pitch.as_deref(), Some("Jo Bloggs"));
        assert!(matches!(named_once(&named), Cow::Borrowed(_)));
    }
}
