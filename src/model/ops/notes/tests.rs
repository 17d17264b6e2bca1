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
