//! Starting note-taker mode, drafts from an earlier run, and notes typed
//! before the organiser's schedule has reached this laptop.
//!
//! A note-taker often opens their session before the synced folder has
//! brought the schedule. Refusing to start would lose the first minutes of
//! discussion, and inventing a session would clash with the organiser's, so
//! the screen says it is waiting and keeps each note (with its time) as a
//! draft on this laptop. Once the schedule is here (synced while the screen
//! is open, or on running the same command again), the next key moves to
//! the session and adds them.

use chrono::{DateTime, FixedOffset};

use super::{Focus, capture};
use crate::model::reference::{RefError, resolve_session};
use crate::model::{Id, Note, ops};
use crate::tui::action::{Effect, Screen};
use crate::tui::draft::DraftSlot;
use crate::tui::state::State;

/// A note typed while the session was unknown: when, and the line as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WaitingNote {
    pub taken_at: DateTime<FixedOffset>,
    pub line: String,
}

/// Draft keys the Notes screen owns.
const KEY_PREFIXES: [&str; 4] = ["note:", "summary:", "outcome:", WAITING];
const WAITING: &str = "note-waiting:";

fn waiting_key(query: &str) -> String {
    format!("{WAITING}{}", query.trim().to_lowercase())
}

/// Keeps drafts from an earlier run; each comes back when its line or
/// editor opens (called by the loop at start-up).
pub fn offer_drafts(state: &mut State, drafts: impl IntoIterator<Item = (String, String)>) {
    let mut offered = 0;
    for (key, text) in drafts {
        if KEY_PREFIXES.iter().any(|p| key.starts_with(p)) {
            state.notes.kept.insert(key, text);
            offered += 1;
        }
    }
    if offered > 0 {
        state.info(
            "Unsaved notes from last time are kept: each comes back when you open its session.",
        );
    }
}

/// What note-taker mode was asked for, while the schedule lacks it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missing {
    pub query: String,
    pub slot: Option<String>,
    /// Why it was not found, in a sentence.
    pub why: String,
}

/// Note-taker mode for the session `query` named, found or not.
pub fn enter_note_taker(
    state: &mut State,
    query: &str,
    slot: Option<&str>,
    found: Result<Id, RefError>,
) {
    state.screen = Screen::Notes;
    let key = waiting_key(query);
    match found {
        Ok(id) => start(state, &id),
        Err(RefError::Ambiguous { candidates, .. }) => {
            // Still note-taker mode (a repeated session's occurrences share
            // a title): picking one is all that is left to do.
            let event = state.event();
            let candidates: Vec<(Id, String)> = candidates
                .into_iter()
                .map(|(id, _)| {
                    let place = place_of(event, &id);
                    (id, place)
                })
                .collect();
            state.note_taker = candidates.first().map(|(id, _)| id.clone());
            state.notes.candidates = candidates;
            state.notes.candidate = 0;
            state.notes.focus = Focus::Choose;
            state.info("More than one session matches: pick yours, then Enter.");
            return;
        }
        Err(error) => {
            // Not a session id: marks note-taker mode for a session not here yet.
            state.note_taker = Some(Id::new(query.trim()));
            let why = if state.event().sessions.is_empty() {
                "This copy of the event has no sessions yet: the organiser's schedule has not reached this laptop.".to_string()
            } else {
                error.to_string()
            };
            state.notes.schedule_missing = Some(Missing {
                query: query.trim().to_string(),
                slot: slot.map(str::to_string),
                why,
            });
            state.notes.capture_draft = DraftSlot::new(format!("{key}#line"));
            if let Some(text) = state.notes.kept.remove(&state.notes.capture_draft.key) {
                state.notes.capture.insert(&text);
                state.notes.capture_draft.text = text;
            }
            state.info(
                "Waiting for the organiser's schedule: notes you type are kept on this laptop.",
            );
        }
    }
    state.notes.focus = Focus::Capture;
    if let Some(text) = state.notes.kept.remove(&key) {
        state.notes.waiting = parse(&text, state.now);
    }
    state.notes.waiting_key = key;
}

/// "Data across borders — Round 1 10:00, Garden room": what tells one
/// occurrence from another.
pub fn place_of(event: &crate::model::Event, id: &Id) -> String {
    let Some(session) = event.sessions.get(id) else {
        return id.to_string();
    };
    let slot = event
        .slots
        .get(&session.slot)
        .map_or_else(String::new, |s| {
            let start = s.start.format("%H:%M");
            if s.label.is_empty() {
                start.to_string()
            } else {
                format!("{} {start}", s.label)
            }
        });
    let room = event
        .rooms
        .get(&session.room)
        .map_or("no room", |r| r.name.as_str());
    format!("{} — {slot}, {room}", event.session_title(session))
}

/// Enter on an occurrence: notes from now on go to that one.
pub fn choose(state: &mut State) -> Vec<Effect> {
    if state.notes.moving.is_some() {
        return super::moving::finish(state);
    }
    let Some((id, _)) = state.notes.candidates.get(state.notes.candidate).cloned() else {
        return Vec::new();
    };
    state.notes.candidates.clear();
    start(state, &id);
    state.notes.focus = Focus::Capture;
    state.status = None;
    Vec::new()
}

fn start(state: &mut State, session: &Id) {
    state.note_taker = Some(session.clone());
    capture::follow(state, session);
    if !state.notes.capture.is_empty() {
        state.info("Unsaved text from last time is back in the line.");
    }
}

/// The session asked for, once the schedule has brought it (the loop
/// reloads other devices' files while the screen is open).
pub fn arrived(state: &State) -> Option<Id> {
    let missing = state.notes.schedule_missing.as_ref()?;
    resolve_session(state.event(), &missing.query, missing.slot.as_deref()).ok()
}

/// Moves from waiting to the session, keeping the half-typed line.
fn switch(state: &mut State, session: &Id) -> Vec<Effect> {
    let typed = state.notes.capture.text();
    let line_key = state.notes.capture_draft.key.clone();
    state.notes.schedule_missing = None;
    start(state, session);
    if state.notes.capture.is_empty() && !typed.is_empty() {
        state.notes.capture.insert(&typed);
        state.notes.capture_draft.typed(&typed, state.now);
    }
    let title = crate::model::rules::session_title_of(state.event(), session);
    state.info(format!(
        "The organiser's schedule has arrived: notes now go to {title}."
    ));
    vec![Effect::ClearDraft { key: line_key }]
}

/// Enter while waiting: the note is kept, with its time, as a draft.
pub fn keep(state: &mut State, line: &str) -> Vec<Effect> {
    state.notes.waiting.push(WaitingNote {
        taken_at: state.now,
        line: line.to_string(),
    });
    state.notes.capture.clear();
    state.info(format!(
        "Kept note {} on this laptop; it is added once the schedule is here.",
        state.notes.waiting.len()
    ));
    vec![
        Effect::SaveDraft {
            key: state.notes.waiting_key.clone(),
            text: serialise(&state.notes.waiting),
        },
        state.notes.capture_draft.clear(),
    ]
}

/// Runs before every key on the screen: once the session is here, moves
/// to it and adds the notes typed while waiting.
pub fn attach(state: &mut State) -> Vec<Effect> {
    let mut effects = match arrived(state) {
        Some(session) => switch(state, &session),
        None => Vec::new(),
    };
    if state.notes.waiting.is_empty() || state.notes.schedule_missing.is_some() {
        return effects;
    }
    let Some(session) = state
        .note_taker
        .clone()
        .filter(|id| state.event().sessions.contains_key(id))
    else {
        return effects;
    };
    let waiting = std::mem::take(&mut state.notes.waiting);
    let author = state.replica.identity().author.clone();
    let mut changes = Vec::new();
    for kept in &waiting {
        let (kind, text) = capture::split_line(&kept.line);
        let note = Note {
            session: session.clone(),
            text: text.to_string(),
            kind,
            taken_at: kept.taken_at,
            author: author.clone(),
            private: false,
            status: crate::model::ActionStatus::Open,
        };
        let id = state.new_id();
        match ops::add_note(state.event(), id, note) {
            Ok(more) => changes.extend(more),
            Err(error) => {
                state.error(error.to_string());
                state.notes.waiting = waiting;
                return effects;
            }
        }
    }
    let done = format!(
        "Added the {} typed while waiting for the schedule.",
        crate::model::rules::plural(waiting.len(), "note")
    );
    let committed = state.commit(&done, changes);
    if committed.contains(&Effect::Save) {
        effects.extend(committed);
        effects.push(Effect::ClearDraft {
            key: state.notes.waiting_key.clone(),
        });
    } else {
        state.notes.waiting = waiting;
    }
    effects
}

/// Why only typing works while waiting.
pub fn explain(state: &mut State) {
    state.info(
        "Waiting for the organiser's schedule: until it is here, notes can only be typed and kept.",
    );
}

/// One line a note: its time (RFC 3339), a space, the line as typed.
fn serialise(notes: &[WaitingNote]) -> String {
    notes
        .iter()
        .map(|n| format!("{} {}", n.taken_at.to_rfc3339(), n.line))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads kept notes back; a line whose time is unreadable keeps its text
/// and gets `now`, since the text matters more than the minute.
fn parse(text: &str, now: DateTime<FixedOffset>) -> Vec<WaitingNote> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| match l.split_once(' ') {
            Some((time, line)) => match DateTime::parse_from_rfc3339(time) {
                Ok(taken_at) => WaitingNote {
                    taken_at,
                    line: line.to_string(),
                },
                Err(_) => WaitingNote {
                    taken_at: now,
                    line: l.to_string(),
                },
            },
            None => WaitingNote {
                taken_at: now,
                line: l.to_string(),
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::testing::now;

    #[test]
    fn kept_notes_read_back_with_their_times() {
        let notes = vec![
            WaitingNote {
                taken_at: now(),
                line: "? who pays".into(),
            },
            WaitingNote {
                taken_at: now() + chrono::Duration::minutes(2),
                line: "plain".into(),
            },
        ];
        assert_eq!(parse(&serialise(&notes), now()), notes);
        assert_eq!(parse("garbled line", now())[0].line, "garbled line");
    }
}
