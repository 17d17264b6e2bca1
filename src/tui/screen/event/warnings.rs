//! What the event screen warns about: schedule clashes, records with
//! conflicting versions, sessions that have run without anything written
//! down, and files in the folder that could not be read.

use chrono::{DateTime, FixedOffset};

use crate::model::rules::{self, room_name_of, session_title_of, slot_name_of};
use crate::model::{Event, Id};
use crate::tui::state::State;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WarningKind {
    Clash,
    Overlap,
    Conflict,
    NoNotes,
    Unreadable,
}

impl WarningKind {
    /// The word shown before the sentence, so no warning relies on colour.
    pub fn word(self) -> &'static str {
        match self {
            WarningKind::Clash => "CLASH",
            WarningKind::Overlap => "OVERLAP",
            WarningKind::Conflict => "CONFLICT",
            WarningKind::NoNotes => "NO NOTES",
            WarningKind::Unreadable => "UNREADABLE",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub kind: WarningKind,
    /// One sentence; may hold user text, so it is drawn inert.
    pub text: String,
    /// The record with conflicting versions, for a conflict.
    pub record: Option<Id>,
}

/// Everything to warn about, most urgent first.
pub fn warnings(state: &State) -> Vec<Warning> {
    let event = state.event();
    let mut found: Vec<Warning> = state
        .file_problems
        .iter()
        .map(|text| Warning {
            kind: WarningKind::Unreadable,
            text: text.clone(),
            record: None,
        })
        .collect();
    found.extend(event.conflicts.iter().map(|id| Warning {
        kind: WarningKind::Conflict,
        text: format!(
            "Two devices changed {} at once; press v to see the versions and keep one.",
            event.describe(id)
        ),
        record: Some(id.clone()),
    }));
    found.extend(rules::clashes(event).iter().map(|clash| Warning {
        kind: WarningKind::Clash,
        text: clash.describe(event),
        record: None,
    }));
    found.extend(rules::overlapping_slots(event).iter().map(|pair| Warning {
        kind: WarningKind::Overlap,
        text: rules::describe_overlap(event, pair),
        record: None,
    }));
    found.extend(
        rules::sessions_without_notes(event)
            .into_iter()
            .filter(|id| has_started(event, id, state.now))
            .map(|id| Warning {
                kind: WarningKind::NoNotes,
                text: no_notes(event, id),
                record: None,
            }),
    );
    found
}

fn no_notes(event: &Event, id: &Id) -> String {
    let place = event.sessions.get(id).map_or_else(String::new, |s| {
        format!(
            " ({}, room {})",
            slot_name_of(event, &s.slot),
            room_name_of(event, &s.room)
        )
    });
    format!(
        "{}{place} has no notes, summary or outcome yet.",
        session_title_of(event, id)
    )
}

/// A session still to come has nothing written down for good reason, so
/// it is not worth a warning: only sessions whose slot has begun count
/// (all of them once the event's date has passed, or when it has none).
fn has_started(event: &Event, session: &Id, now: DateTime<FixedOffset>) -> bool {
    let Some(date) = event.info.date else {
        return true;
    };
    let today = now.date_naive();
    if date != today {
        return date < today;
    }
    event
        .sessions
        .get(session)
        .and_then(|s| event.slots.get(&s.slot))
        .is_none_or(|slot| slot.start <= now.time())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::testing::sample_state;

    #[test]
    fn only_sessions_that_have_begun_are_missing_notes() {
        let mut state = sample_state();
        let no_notes = |state: &State| {
            warnings(state)
                .into_iter()
                .filter(|w| w.kind == WarningKind::NoNotes)
                .count()
        };
        assert_eq!(no_notes(&state), 1, "Round 1 has begun at 10:40");
        state.now -= chrono::Duration::hours(2);
        assert_eq!(no_notes(&state), 0, "nothing has begun at 8:40");
        state.now += chrono::Duration::days(1);
        assert_eq!(no_notes(&state), 1, "the day after, all count");
    }

    #[test]
    fn unreadable_files_come_first() {
        let mut state = sample_state();
        state.file_problems = vec!["x.ron could not be read: line 3".into()];
        let all = warnings(&state);
        assert_eq!(all[0].kind, WarningKind::Unreadable);
        assert_eq!(all[0].kind.word(), "UNREADABLE");
    }
}
