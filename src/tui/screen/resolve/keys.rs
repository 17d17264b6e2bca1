//! What the keys mean while the resolve overlay is open, and the `v` that
//! opens it on whichever conflicted record is selected.

use ratatui::crossterm::event::KeyCode;

use super::versions;
use crate::model::Id;
use crate::tui::action::{Action, Screen};
use crate::tui::keymap::{self, Binding, Key};
use crate::tui::screen::{event, notes, pitches, schedule, wrapup};
use crate::tui::state::State;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResolveAction {
    /// See the conflicting versions of the selected record and keep one
    Open,
    /// Choose the next version
    Next,
    /// Choose the previous version
    Previous,
    /// Choose a version by its number
    Choose(usize),
    /// Keep the chosen version: it replaces all of them
    Keep,
    /// Type a combined text instead (starts with every version's text)
    Combine,
}

impl ResolveAction {
    pub fn description(&self) -> &'static str {
        match self {
            ResolveAction::Open => {
                "see the conflicting versions of the selected record and keep one"
            }
            ResolveAction::Next => "choose the next version",
            ResolveAction::Previous => "choose the previous version",
            ResolveAction::Choose(_) => "choose a version by its number",
            ResolveAction::Keep => "keep the chosen version: it replaces all of them",
            ResolveAction::Combine => {
                "type a combined text instead (starts with every version's text)"
            }
        }
    }
}

fn bind(keys: &[Key], label: &'static str, action: ResolveAction) -> Binding {
    Binding::new(keys, label, Action::Resolve(action))
}

/// The key that opens the overlay, first in the footer while the selection
/// has conflicting versions (nothing otherwise).
pub fn open_binding(state: &State) -> Option<Binding> {
    selected_conflict(state)?;
    Some(bind(&[Key::char('v')], "resolve", ResolveAction::Open))
}

/// Makes room in a full footer for the resolve key (first) while keeping
/// help and quit (last): the screen's own keys nearest the end go to help
/// only, as many as needed. Widths as the footer counts them.
pub fn fit_footer(bindings: &mut [Binding], width: u16) {
    let needed = |b: &Binding| {
        crate::model::text::width(&b.keys_text()) + crate::model::text::width(b.label) + 3
    };
    let kept = |b: &Binding| {
        matches!(
            b.action,
            Action::Resolve(ResolveAction::Open) | Action::Help | Action::Quit
        )
    };
    let mut used: usize = bindings.iter().filter(|b| b.in_footer).map(needed).sum();
    for binding in bindings.iter_mut().rev() {
        if used <= usize::from(width) {
            break;
        }
        if binding.in_footer && !kept(binding) {
            binding.in_footer = false;
            used -= needed(binding);
        }
    }
}

const DIGITS: [char; 9] = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/// Keys while the overlay is open.
pub fn bindings(state: &State) -> Vec<Binding> {
    let Some(resolve) = &state.resolve else {
        return Vec::new();
    };
    if let Some(field) = resolve.focused_field() {
        let keys = keymap::FieldKeys::new("save", "back to the versions");
        return keymap::typing_bindings(field.is_multi_line(), keys);
    }
    let mut keys = vec![
        bind(
            &[Key::code(KeyCode::Right), Key::code(KeyCode::Down)],
            "next",
            ResolveAction::Next,
        ),
        bind(
            &[Key::code(KeyCode::Left), Key::code(KeyCode::Up)],
            "previous",
            ResolveAction::Previous,
        )
        .help_only(),
        bind(&[Key::code(KeyCode::Enter)], "keep it", ResolveAction::Keep),
        bind(&[Key::char('e')], "combine", ResolveAction::Combine),
        Binding::new(&[Key::code(KeyCode::Esc)], "cancel", Action::Back),
        Binding::new(&[Key::char('?')], "help", Action::Help),
        bind(
            &[Key::char('l'), Key::char('j')],
            "next",
            ResolveAction::Next,
        )
        .help_only(),
        bind(
            &[Key::char('h'), Key::char('k')],
            "previous",
            ResolveAction::Previous,
        )
        .help_only(),
    ];
    let count = versions(state, &resolve.record).len();
    for (n, digit) in DIGITS.iter().enumerate().take(count) {
        keys.push(bind(&[Key::char(*digit)], "choose", ResolveAction::Choose(n)).help_only());
    }
    keys
}

/// The record under the cursor, when it has conflicting versions. On a
/// list of notes or next steps the item wins over its session.
pub fn selected_conflict(state: &State) -> Option<Id> {
    // Asked on every key and every frame: nothing to find costs nothing.
    if state.event().conflicts.is_empty() || state.typing() {
        return None;
    }
    let event = state.event();
    let candidates: Vec<Id> = match state.screen {
        Screen::Event => match event::current(state) {
            event::Selected::Details => vec![event.id.clone()],
            event::Selected::Room(id) | event::Selected::Slot(id) => vec![id],
            event::Selected::Warning(i) => event::warnings::warnings(state)
                .get(i)
                .and_then(|w| w.record.clone())
                .into_iter()
                .collect(),
        },
        Screen::Pitches => pitches::selection(state)
            .map(|(_, id)| id)
            .into_iter()
            .collect(),
        Screen::Schedule => {
            let cells = schedule::Cells::of(event);
            match state.schedule.focus {
                schedule::Focus::Grid => cells.session(state.schedule.cursor).cloned(),
                schedule::Focus::Pitches => {
                    schedule::selection(event, state.schedule.selected.as_ref())
                        .map(|(_, id)| id.clone())
                }
            }
            .into_iter()
            .collect()
        }
        Screen::Notes => {
            let mut ids = Vec::new();
            if state.notes.focus == notes::Focus::Log
                && let Some((id, _)) = notes::selected_note(state)
            {
                ids.push(id);
            }
            ids.extend(notes::session_id(state).cloned());
            ids
        }
        Screen::Wrapup => {
            let mut ids = Vec::new();
            match wrapup::selected(state) {
                Some((_, wrapup::Item::Step(id) | wrapup::Item::Decision(id))) => ids.push(id),
                None => {}
            }
            if let wrapup::Page::Session(id) = wrapup::current_page(state) {
                ids.push(id);
            }
            ids
        }
        Screen::Export => Vec::new(),
    };
    candidates.into_iter().find(|id| event.is_conflicted(id))
}
