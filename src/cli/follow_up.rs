//! `unconf new NAME --follow-up PREVIOUS`: the new event starts with the
//! previous event's open actions and its decisions, so that the day can
//! open with "what happened since".
//!
//! Carried records get new ids (they are new records of a new event) and a
//! note on their text saying where they came from, which is also how the
//! write-up finds them (see `export::carried_suffix`).

use super::{CliError, Context};
use crate::export::carried_suffix;
use crate::model::{Action, ActionStatus, Decision, Event, ops};
use crate::store::EventFolder;

/// The previous event's name and what it carries over. Read before the new
/// event is made, so that a wrong name stops with nothing written.
pub fn previous(context: &Context, event: &str) -> Result<(String, Carry), CliError> {
    let folder = context.read(event)?;
    let name = match folder.event().info.name.trim() {
        "" => event.to_string(),
        name => name.to_string(),
    };
    let carried = carry(folder.event(), &name);
    Ok((name, carried))
}

/// Adds what was carried to the new event, in one commit.
pub fn commit(folder: &mut EventFolder, carried: Carry) -> Result<(), CliError> {
    let mut changes = Vec::new();
    for action in carried.actions {
        let id = folder.new_id();
        changes.extend(ops::add_action(folder.event(), id, action)?);
    }
    for decision in carried.decisions {
        let id = folder.new_id();
        changes.extend(ops::add_decision(folder.event(), id, decision)?);
    }
    folder.commit(changes)?;
    Ok(())
}

/// What the new event carries over.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Carry {
    pub actions: Vec<Action>,
    pub decisions: Vec<Decision>,
}

/// The open actions (the event's own first, then each session's in
/// programme order) and every decision of `previous`, named `name`.
pub fn carry(previous: &Event, name: &str) -> Carry {
    let own = previous
        .actions_of(None)
        .into_iter()
        .map(|(_, a)| (None, a));
    let by_session = previous
        .sessions_in_order()
        .into_iter()
        .flat_map(|(id, s)| {
            let title = previous.session_title(s);
            previous
                .actions_of(Some(id))
                .into_iter()
                .map(move |(_, a)| (Some(title), a))
        });
    let actions = own
        .chain(by_session)
        .filter(|(_, a)| a.status == ActionStatus::Open)
        .map(|(session, a)| Action {
            session: None,
            text: format!(
                "{}{}",
                own_text(previous, &a.text),
                carried_suffix(name, session)
            ),
            owner: a.owner.clone(),
            due: a.due,
            status: ActionStatus::Open,
        })
        .collect();
    let decisions = (previous.decisions.values())
        .map(|d| Decision {
            text: format!(
                "{}{}",
                own_text(previous, &d.text),
                carried_suffix(name, None)
            ),
            lead: d.lead.clone(),
        })
        .collect();
    Carry { actions, decisions }
}

/// A record's text without the note of an earlier carry, so that a chain
/// of follow-ups does not pile notes up.
fn own_text<'t>(previous: &Event, text: &'t str) -> &'t str {
    let Some(earlier) = previous.info.follows.as_deref() else {
        return text;
    };
    let start = format!(" (carried over from {earlier}");
    match text.rfind(&start) {
        Some(at) if text.ends_with(')') => &text[..at],
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EventInfo, Id, Record, Session};

    #[test]
    fn open_actions_and_decisions_are_carried_with_where_they_came_from() {
        let mut event = Event::new(Id::new("e"));
        event.apply(
            &Id::new("e"),
            Some(Record::Event(EventInfo {
                follows: Some("First".into()),
                ..EventInfo::default()
            })),
        );
        event.apply(
            &Id::new("p"),
            Some(Record::Pitch(crate::model::Pitch {
                title: "Open data".into(),
                ..Default::default()
            })),
        );
        event.apply(
            &Id::new("s"),
            Some(Record::Session(Session {
                pitches: vec![Id::new("p")],
                ..Session::default()
            })),
        );
        let action = |session: Option<&str>, text: &str, status| Action {
            session: session.map(Id::new),
            text: text.into(),
            owner: Some("Sam".into()),
            due: None,
            status,
        };
        event.apply(
            &Id::new("a1"),
            Some(Record::Action(action(
                Some("s"),
                "Publish",
                ActionStatus::Open,
            ))),
        );
        event.apply(
            &Id::new("a2"),
            Some(Record::Action(action(
                None,
                "Done already",
                ActionStatus::Done,
            ))),
        );
        event.apply(
            &Id::new("a3"),
            Some(Record::Action(action(
                None,
                "Book a room (carried over from First)",
                ActionStatus::Open,
            ))),
        );
        event.apply(
            &Id::new("d1"),
            Some(Record::Decision(Decision {
                text: "Start a community".into(),
                lead: None,
            })),
        );
        let carried = carry(&event, "Second");
        let texts: Vec<&str> = carried.actions.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Book a room (carried over from Second)",
                "Publish (carried over from Second, session “Open data”)"
            ]
        );
        assert!(
            carried
                .actions
                .iter()
                .all(|a| a.session.is_none() && a.owner.as_deref() == Some("Sam"))
        );
        assert_eq!(
            carried.decisions[0].text,
            "Start a community (carried over from Second)"
        );
    }
}
