//! Where the facilitator left off: the screen and what was selected on
//! each, written as a few plain lines when the program ends and read when
//! the event opens again. The loop keeps them in this machine's local
//! state (`store::local`), never in the shared event folder: another
//! laptop's place is its own business.

use super::action::Screen;
use super::screen::schedule::CellPos;
use super::screen::wrapup::Page;
use super::state::State;
use crate::model::Id;

/// The place as text, one `key value` line each.
pub fn remembered(state: &State) -> String {
    let mut lines = vec![format!("screen {}", state.screen.number())];
    if let Some(id) = &state.pitches.selected {
        lines.push(format!("pitch {id}"));
    }
    let cell = state.schedule.cursor;
    lines.push(format!("cell {} {}", cell.slot, cell.room));
    if let Some(id) = &state.notes.selected {
        lines.push(format!("session {id}"));
    }
    match &state.wrapup.page {
        Page::First => {}
        Page::Session(id) => lines.push(format!("wrapup {id}")),
        Page::Decisions => lines.push("wrapup decisions".to_string()),
    }
    lines.join("\n") + "\n"
}

/// Goes back to a remembered place. What no longer exists (a pitch
/// deleted on another laptop since) is skipped, and a file that does not
/// read as a place changes nothing.
pub fn return_to(state: &mut State, text: &str) {
    for line in text.lines() {
        let (key, value) = line.split_once(' ').unwrap_or((line, ""));
        let value = value.trim();
        match key {
            "screen" => {
                if let Some(screen) = value
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| Screen::ALL.into_iter().find(|s| s.number() == n))
                {
                    state.screen = screen;
                }
            }
            "pitch" if state.event().pitches.contains_key(&Id::new(value)) => {
                state.pitches.selected = Some(Id::new(value));
            }
            "session" if state.event().sessions.contains_key(&Id::new(value)) => {
                state.notes.selected = Some(Id::new(value));
            }
            "cell" => {
                let mut numbers = value.split(' ').filter_map(|n| n.parse::<usize>().ok());
                if let (Some(slot), Some(room)) = (numbers.next(), numbers.next()) {
                    let event = state.event();
                    if slot < event.slots.len() && room < event.rooms.len() {
                        state.schedule.cursor = CellPos { slot, room };
                    }
                }
            }
            "wrapup" if value == "decisions" => state.wrapup.page = Page::Decisions,
            "wrapup" if state.event().sessions.contains_key(&Id::new(value)) => {
                state.wrapup.page = Page::Session(Id::new(value));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::testing::{press, sample_state};
    use ratatui::crossterm::event::KeyCode;

    #[test]
    fn the_screen_and_selections_come_back() {
        let mut state = sample_state();
        press(
            &mut state,
            &[KeyCode::Char('2'), KeyCode::Char('j'), KeyCode::Char('j')],
        );
        let pitch = state.pitches.selected.clone();
        assert!(pitch.is_some());
        press(
            &mut state,
            &[KeyCode::Char('3'), KeyCode::Char('l'), KeyCode::Char('j')],
        );
        let cell = state.schedule.cursor;
        let text = remembered(&state);

        let mut again = sample_state();
        return_to(&mut again, &text);
        assert_eq!(again.screen, Screen::Schedule);
        assert_eq!(again.pitches.selected, pitch);
        assert_eq!(again.schedule.cursor, cell);
    }

    #[test]
    fn what_has_gone_or_does_not_read_is_skipped() {
        let mut state = sample_state();
        let before = state.screen;
        return_to(&mut state, "screen 9\npitch gone\ncell 99 99\nnonsense\n\n");
        assert_eq!(state.screen, before);
        assert_eq!(state.pitches.selected, None);
        assert_eq!(state.schedule.cursor, CellPos::default());
    }
}
