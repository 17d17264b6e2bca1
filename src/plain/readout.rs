//! What is read out on request: the help, the last notes, the time left,
//! the laptops seen, and sessions as people say them. Pure readers of the
//! state, as lines of plain text.

use super::command::Command;
use crate::model::rules::{plural, room_name_of, session_title_of, slot_name_of};
use crate::model::text::inert_line;
use crate::model::{Event, Id};
use crate::tui::screen::notes;
use crate::tui::state::State;
use crate::tui::widget::countdown::countdown;

/// Sessions as a numbered list, each with its slot and room.
pub fn numbered(event: &Event, ids: &[Id]) -> Vec<String> {
    ids.iter()
        .enumerate()
        .map(|(i, id)| format!("{}. {}", i + 1, describe(event, id)))
        .collect()
}

/// "\"Open data\", Round 1 (10:00), Library".
pub fn describe(event: &Event, session: &Id) -> String {
    let title = session_title_of(event, session);
    match event.sessions.get(session) {
        Some(s) => format!(
            "{title}, {}, {}",
            slot_name_of(event, &s.slot),
            room_name_of(event, &s.room).trim_matches('"')
        ),
        None => title,
    }
}

/// `/help`: how to type notes, then each command.
pub fn help() -> Vec<String> {
    let mut lines = vec![
        "Type a note and press Enter. Start it with ? for a question, ! an action, = a decision, \" a quote, * an idea.".to_string(),
        "Enter on an empty line reads out what other laptops added since.".to_string(),
    ];
    lines.extend(Command::HELP.iter().map(|l| (*l).to_string()));
    lines
}

/// The last `n` notes of the session, oldest first, so that the newest is
/// heard last.
pub fn list(state: &State, n: usize) -> Vec<String> {
    let Some(session) = notes::session_id(state).filter(|_| state.note_taker.is_some()) else {
        return vec!["No session yet, so no notes to read.".to_string()];
    };
    let event = state.event();
    let total = event.note_count(session);
    if total == 0 {
        return vec!["No notes yet in this session.".to_string()];
    }
    let mut picked: Vec<String> = event
        .notes_of(session)
        .rev()
        .take(n)
        .map(|(_, note)| {
            let private = if note.private { ", private" } else { "" };
            let by = if note.author.is_empty() {
                String::new()
            } else {
                format!(" ({}{private})", inert_line(&note.author))
            };
            format!(
                "{} {}: {}{by}",
                note.taken_at.format("%H:%M"),
                note.kind.word(),
                inert_line(&note.text)
            )
        })
        .collect();
    picked.reverse();
    let mut lines = vec![if picked.len() == total {
        format!("All {total} notes:")
    } else {
        format!("The last {} of {total} notes:", picked.len())
    }];
    lines.extend(picked);
    lines
}

pub fn time(state: &State) -> Vec<String> {
    let event = state.event();
    let slot = state
        .note_taker
        .as_ref()
        .and_then(|id| event.sessions.get(id))
        .map(|s| &s.slot);
    let text = countdown(event, state.now, slot).text();
    vec![format!(
        "It is {}; {}.",
        state.now.format("%H:%M"),
        inert_line(&text)
    )]
}

pub fn who(state: &State) -> Vec<String> {
    if state.devices.is_empty() {
        return vec!["No laptop has written to this event folder yet.".to_string()];
    }
    let mut lines = vec![format!("{}:", plural(state.devices.len(), "laptop"))];
    for device in state.devices.iter() {
        let own = if device.own { " (this laptop)" } else { "" };
        let last = device
            .last_change
            .map(|t| format!(", last change at {}", t.format("%H:%M")))
            .unwrap_or_default();
        lines.push(format!("{}{own}{last}", inert_line(&device.label)));
    }
    lines
}
