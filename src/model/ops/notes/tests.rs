#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

use super::*;
use crate::model::ops::fixture::{Day, at};

fn note(session: &Id, text: &str) -> Note {
    Note {
        session: session.clone(),
        text: text.into(),
        kind: NoteKind::Question,
        taken_at: at("10:41"),
        author: " Ana ".into(),
        private: true,
        status: crate::model::ActionStatus::Open,
    }
}

fn day_with_session() -> (Day, Id) {
    let mut d = Day::new();
    let p = d.f.pitch("Open data", &[]);
    let s = d.f.session(&[&p], &d.round1, &d.library);
    (d, s)
}

#[test]
fn a_note_is_added_trimmed_with_every_field_kept() {
    let (mut d, s) = day_with_session();
    let id = d.f.id();
    d.f.apply(add_note(&d.f.event, id.clone(), note(&s, "  why now?  ")));
    let stored = &d.f.event.notes[&id];
    assert_eq!(stored.text, "why now?");
    assert_eq!(stored.author, "Ana");
    assert_eq!(
        (stored.kind, stored.private, stored.taken_at),
        (NoteKind::Question, true, at("10:41"))
    );
    assert_eq!(d.f.event.notes_of(&s).count(), 1);
}

#[test]
fn a_note_needs_text_and_a_session() {
    let (d, s) = day_with_session();
    assert_eq!(
        add_note(&d.f.event, Id::new("n"), note(&s, " \n "))
            .unwrap_err()
            .to_string(),
        "The note is empty; type some text first."
    );
    assert!(matches!(
        add_note(&d.f.event, Id::new("n"), note(&Id::new("gone"), "text")),
        Err(OpError::NotFound {
            what: "session",
            ..
        })
    ));
}

#[test]
fn notes_are_edited_made_private_and_deleted() {
    let (mut d, s) = day_with_session();
    let n = d.f.note(&s, "first");
    d.f.apply(edit_note(&d.f.event, &n, " second ", NoteKind::Idea));
    let stored = &d.f.event.notes[&n];
    assert_eq!(
        (stored.text.as_str(), stored.kind, stored.author.as_str()),
        ("second", NoteKind::Idea, "Ana")
    );
    assert!(edit_note(&d.f.event, &n, "", NoteKind::Idea).is_err());
    d.f.apply(set_note_private(&d.f.event, &n, true));
    assert!(d.f.event.notes[&n].private);
    assert_eq!(set_note_private(&d.f.event, &n, true), Ok(vec![]));
    assert_eq!(
        delete_note(&d.f.event, &n),
        Ok(vec![Change::delete(n.clone())])
    );
    assert!(delete_note(&d.f.event, &Id::new("gone")).is_err());
}

#[test]
fn session_details_change_only_the_fields_given() {
    let (mut d, s) = day_with_session();
    d.f.edit_session(&s, |s| {
        s.facilitator = Some("Kim".into());
        s.attendees = Some(9);
    });
    let details = SessionDetails {
        summary: Some("  We agreed a plan. ".into()),
        note_taker: Some(" Ana ".into()),
        chatham_house: Some(true),
        ..SessionDetails::default()
    };
    d.f.apply(set_session_details(&d.f.event, &s, details));
    let stored = &d.f.event.sessions[&s];
    assert_eq!(stored.summary, "We agreed a plan.");
    assert_eq!(stored.note_taker.as_deref(), Some("Ana"));
    assert_eq!(stored.facilitator.as_deref(), Some("Kim"));
    assert_eq!(stored.attendees, Some(9));
    assert!(stored.chatham_house);
    assert_eq!(stored.outcome, "");
}

#[test]
fn blank_details_clear_their_fields() {
    let (mut d, s) = day_with_session();
    d.f.edit_session(&s, |s| {
        s.facilitator = Some("Kim".into());
        s.outcome = "old".into();
        s.attendees = Some(9);
    });
    let details = SessionDetails {
        facilitator: Some("  ".into()),
        outcome: Some(String::new()),
        attendees: Some(None),
        ..SessionDetails::default()
    };
    d.f.apply(set_session_details(&d.f.event, &s, details));
    let stored = &d.f.event.sessions[&s];
    assert_eq!(
        (
            stored.facilitator.as_deref(),
            stored.outcome.as_str(),
            stored.attendees
        ),
        (None, "", None)
    );
    assert_eq!(
        set_session_details(&d.f.event, &s, SessionDetails::default()),
        Ok(vec![])
    );
}

#[test]
fn actions_belong_to_an_existing_session_or_the_event() {
    let (mut d, s) = day_with_session();
    let id = d.f.id();
    let action = Action {
        session: Some(s.clone()),
        text: " Write up the notes ".into(),
        owner: Some("  ".into()),
        ..Action::default()
    };
    d.f.apply(add_action(&d.f.event, id.clone(), action.clone()));
    let stored = &d.f.event.actions[&id];
    assert_eq!(
        (stored.text.as_str(), stored.owner.as_deref()),
        ("Write up the notes", None)
    );
    assert_eq!(d.f.event.actions_of(Some(&s)).len(), 1);

    let for_event = Action {
        session: None,
        ..action.clone()
    };
    assert!(add_action(&d.f.event, Id::new("a"), for_event).is_ok());
    let dangling = Action {
        session: Some(Id::new("gone")),
        ..action.clone()
    };
    assert!(matches!(
        add_action(&d.f.event, Id::new("a"), dangling),
        Err(OpError::NotFound { .. })
    ));
    let blank = Action {
        text: " ".into(),
        ..action
    };
    assert_eq!(
        add_action(&d.f.event, Id::new("a"), blank),
        Err(OpError::Empty { what: "action" })
    );
}

#[test]
fn an_action_is_marked_done_and_deleted() {
    let (mut d, _) = day_with_session();
    let a = d.f.put(Record::Action(Action {
        text: "Do it".into(),
        ..Action::default()
    }));
    d.f.apply(set_action_status(&d.f.event, &a, ActionStatus::Done));
    assert_eq!(d.f.event.actions[&a].status, ActionStatus::Done);
    assert_eq!(
        set_action_status(&d.f.event, &a, ActionStatus::Done),
        Ok(vec![])
    );
    assert_eq!(
        delete_action(&d.f.event, &a),
        Ok(vec![Change::delete(a.clone())])
    );
}

#[test]
fn an_action_is_changed_keeping_its_session_and_status() {
    let (mut d, s) = day_with_session();
    let a = d.f.put(Record::Action(Action {
        session: Some(s.clone()),
        text: "Do it".into(),
        owner: Some("Ana".into()),
        status: ActionStatus::Done,
        ..Action::default()
    }));
    let due = chrono::NaiveDate::from_ymd_opt(2026, 12, 4);
    d.f.apply(edit_action(&d.f.event, &a, "  Do it well ", Some(" "), due));
    let stored = &d.f.event.actions[&a];
    assert_eq!(stored.text, "Do it well");
    assert_eq!(stored.owner, None, "a blank owner is none");
    assert_eq!(stored.due, due);
    assert_eq!(stored.session.as_ref(), Some(&s));
    assert_eq!(stored.status, ActionStatus::Done);
    assert_eq!(
        edit_action(&d.f.event, &a, "Do it well", None, due),
        Ok(vec![])
    );
    assert!(edit_action(&d.f.event, &a, "   ", None, None).is_err());
    assert!(
        edit_action(&d.f.event, &s, "x", None, None).is_err(),
        "not an action"
    );
}

#[test]
fn decisions_need_text_and_keep_a_trimmed_lead() {
    let mut d = Day::new();
    let id = d.f.id();
    let decision = Decision {
        text: " Build a shared API catalogue ".into(),
        lead: Some(" Sam ".into()),
    };
    d.f.apply(add_decision(&d.f.event, id.clone(), decision));
    assert_eq!(
        d.f.event.decisions[&id],
        Decision {
            text: "Build a shared API catalogue".into(),
            lead: Some("Sam".into())
        }
    );
    let blank = Decision {
        text: String::new(),
        lead: None,
    };
    assert_eq!(
        add_decision(&d.f.event, Id::new("x"), blank),
        Err(OpError::Empty { what: "decision" })
    );
    assert_eq!(
        delete_decision(&d.f.event, &id),
        Ok(vec![Change::delete(id.clone())])
    );
}

#[test]
fn moved_notes_keep_their_ids_and_everything_but_their_session() {
    let (mut d, from) = day_with_session();
    let p = d.f.pitch("Skills", &[]);
    let to = d.f.session(&[&p], &d.round2, &d.library);
    let first = d.f.note(&from, "typed in the wrong room");
    let second = d.f.note(&from, "and this");
    let staying = d.f.note(&from, "this one stays");
    let before = d.f.event.notes[&first].clone();
    let changes = move_notes(
        &d.f.event,
        &[first.clone(), second.clone(), first.clone()],
        &to,
    )
    .unwrap();
    assert_eq!(changes.len(), 2, "each note moves once");
    d.f.apply(Ok(changes));
    assert_eq!(
        d.f.event.notes[&first],
        Note {
            session: to.clone(),
            ..before
        }
    );
    let moved: Vec<&Id> = d.f.event.notes_of(&to).map(|(id, _)| id).collect();
    assert_eq!(moved.len(), 2);
    assert!(moved.contains(&&first) && moved.contains(&&second));
    let left: Vec<&Id> = d.f.event.notes_of(&from).map(|(id, _)| id).collect();
    assert_eq!(left, vec![&staying]);
    assert_eq!(
        move_notes(&d.f.event, std::slice::from_ref(&first), &to),
        Ok(Vec::new()),
        "already there"
    );
}

#[test]
fn moving_notes_to_a_missing_session_or_a_missing_note_moves_nothing() {
    let (mut d, from) = day_with_session();
    let note = d.f.note(&from, "a point");
    assert!(matches!(
        move_notes(&d.f.event, std::slice::from_ref(&note), &Id::new("gone")),
        Err(OpError::NotFound {
            what: "session",
            ..
        })
    ));
    assert!(matches!(
        move_notes(&d.f.event, &[note, Id::new("gone")], &from),
        Err(OpError::NotFound { what: "note", .. })
    ));
}

fn typed(d: &mut Day, session: &Id, kind: NoteKind, text: &str) -> Id {
    let id = d.f.id();
    let note = Note {
        kind,
        private: false,
        ..note(session, text)
    };
    d.f.apply(add_note(&d.f.event, id.clone(), note));
    id
}

#[test]
fn an_action_note_is_a_next_step_of_its_session_with_owner_and_due_date_from_its_text() {
    let (mut d, s) = day_with_session();
    let record = d.f.id();
    let step = Action {
        session: Some(s.clone()),
        text: "Share the list".into(),
        ..Action::default()
    };
    d.f.apply(add_action(&d.f.event, record.clone(), step));
    let note = typed(
        &mut d,
        &s,
        NoteKind::Action,
        "Publish the schemas @Sam by 30 June",
    );
    typed(&mut d, &s, NoteKind::Point, "not a step");
    let steps = d.f.event.actions_of(Some(&s));
    let ids: Vec<&Id> = steps.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids, vec![&record, &note], "in the order made");
    let from_note = d.f.event.action(&note).unwrap();
    assert_eq!(from_note.text, "Publish the schemas @Sam");
    assert_eq!(from_note.owner.as_deref(), Some("Sam"));
    assert_eq!(
        from_note.due,
        chrono::NaiveDate::from_ymd_opt(2027, 6, 30),
        "the next 30 June after the day"
    );
    assert_eq!(from_note.session.as_ref(), Some(&s));
    assert_eq!(d.f.event.all_actions().len(), 2);
    assert!(d.f.event.actions_of(None).is_empty(), "not the event's");
}

#[test]
fn editing_a_next_step_born_of_a_note_edits_that_note() {
    let (mut d, s) = day_with_session();
    let note = typed(&mut d, &s, NoteKind::Action, "@Sam to publish the schemas");
    let changes = edit_action(
        &d.f.event,
        &note,
        "@Sam to publish the schemas",
        Some("Kim"),
        None,
    )
    .unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].id, note, "the same record");
    d.f.apply(Ok(changes));
    assert_eq!(d.f.event.notes[&note].text, "@Kim to publish the schemas");
    assert_eq!(
        d.f.event.action(&note).unwrap().owner.as_deref(),
        Some("Kim")
    );
    d.f.apply(set_action_status(&d.f.event, &note, ActionStatus::Done));
    assert_eq!(d.f.event.notes[&note].status, ActionStatus::Done);
    assert_eq!(d.f.event.action(&note).unwrap().status, ActionStatus::Done);
    d.f.apply(edit_note(
        &d.f.event,
        &note,
        "Publish the schemas — Lee",
        NoteKind::Action,
    ));
    assert_eq!(
        d.f.event.action(&note).unwrap().owner.as_deref(),
        Some("Lee"),
        "an edit of the note is an edit of the next step"
    );
    assert_eq!(
        delete_action(&d.f.event, &note),
        Ok(vec![Change::delete(note.clone())])
    );
    let point = typed(&mut d, &s, NoteKind::Point, "a point");
    assert!(matches!(
        set_action_status(&d.f.event, &point, ActionStatus::Done),
        Err(OpError::NotFound { what: "action", .. })
    ));
}

#[test]
fn a_decision_note_is_a_decision_of_its_session_and_edits_as_one() {
    let (mut d, s) = day_with_session();
    let note = typed(
        &mut d,
        &s,
        NoteKind::Decision,
        "Start a supplier community — techUK",
    );
    let event_level = d.f.id();
    d.f.apply(add_decision(
        &d.f.event,
        event_level.clone(),
        Decision {
            text: "Meet again".into(),
            lead: None,
        },
    ));
    let of_session = d.f.event.decisions_of(Some(&s));
    assert_eq!(of_session.len(), 1);
    assert_eq!(of_session[0].0, &note);
    assert_eq!(
        of_session[0].1,
        Decision {
            text: "Start a supplier community".into(),
            lead: Some("techUK".into())
        }
    );
    let ids: Vec<&Id> =
        d.f.event
            .decisions_of(None)
            .into_iter()
            .map(|(id, _)| id)
            .collect();
    assert_eq!(ids, vec![&event_level]);
    d.f.apply(edit_decision(
        &d.f.event,
        &note,
        "Start a community",
        Some("Kim"),
    ));
    assert_eq!(d.f.event.notes[&note].text, "Start a community — Kim");
    d.f.apply(edit_decision(
        &d.f.event,
        &event_level,
        "Meet in spring",
        Some("Ana"),
    ));
    assert_eq!(
        d.f.event.decisions[&event_level].lead.as_deref(),
        Some("Ana")
    );
    assert_eq!(
        delete_decision(&d.f.event, &note),
        Ok(vec![Change::delete(note.clone())])
    );
}

#[test]
fn a_note_becomes_a_next_step_or_stops_being_one_with_its_kind_and_moves_with_its_session() {
    let (mut d, s) = day_with_session();
    let p = d.f.pitch("Skills", &[]);
    let other = d.f.session(&[&p], &d.round2, &d.library);
    let note = typed(&mut d, &s, NoteKind::Point, "Write it up — Kim");
    assert!(d.f.event.actions_of(Some(&s)).is_empty());
    d.f.apply(edit_note(
        &d.f.event,
        &note,
        "Write it up — Kim",
        NoteKind::Action,
    ));
    assert_eq!(d.f.event.actions_of(Some(&s)).len(), 1);
    d.f.apply(move_notes(&d.f.event, std::slice::from_ref(&note), &other));
    assert!(d.f.event.actions_of(Some(&s)).is_empty());
    assert_eq!(d.f.event.actions_of(Some(&other))[0].0, &note);
    d.f.apply(edit_note(
        &d.f.event,
        &note,
        "Write it up — Kim",
        NoteKind::Decision,
    ));
    assert!(d.f.event.actions_of(Some(&other)).is_empty());
    assert_eq!(d.f.event.decisions_of(Some(&other)).len(), 1);
    d.f.apply(delete_note(&d.f.event, &note));
    assert!(d.f.event.decisions_of(Some(&other)).is_empty());
}

#[test]
fn a_note_change_sets_only_the_parts_given_in_one_edit() {
    let (mut d, s) = day_with_session();
    let id = typed(&mut d, &s, NoteKind::Point, "Who pays");
    let change = NoteChange {
        kind: Some(NoteKind::Question),
        private: Some(true),
        ..NoteChange::default()
    };
    let changes = change_note(&d.f.event, &id, change).unwrap();
    assert_eq!(changes.len(), 1, "one edit of one record");
    d.f.apply(Ok(changes));
    let note = &d.f.event.notes[&id];
    assert_eq!(
        (note.text.as_str(), note.kind, note.private),
        ("Who pays", NoteKind::Question, true)
    );
    let blank = NoteChange {
        text: Some("  ".into()),
        ..NoteChange::default()
    };
    assert_eq!(
        change_note(&d.f.event, &id, blank),
        Err(OpError::Empty { what: "note" })
    );
    assert_eq!(
        change_note(&d.f.event, &id, NoteChange::default()),
        Ok(Vec::new())
    );
}
