//! Resolving a conflict: the current versions of one record side by side,
//! over whichever screen it was opened from. Keeping one version, or a
//! combined text typed here, writes a new version that covers every version
//! shown, so the conflict ends on every laptop that reads this one's file.

use ratatui::crossterm::event::KeyCode;

use crate::model::fields::{self, TextSlot};
use crate::model::{Change, Id, Record};
use crate::store::version::{Version, VersionVector};
use crate::tui::action::{Action, Effect, Screen};
use crate::tui::keymap::{self, Binding, Key};
use crate::tui::state::State;
use crate::tui::widget::text_field::TextField;

use super::{event, notes, pitches, schedule, wrapup};

/// The overlay: which record, which version is chosen, and the combined
/// text when one is being typed.
#[derive(Clone, Debug, PartialEq)]
pub struct ResolveState {
    pub record: Id,
    /// Position in [`versions`] of the chosen version.
    pub chosen: usize,
    /// The versions as they were when last shown: a version that arrives
    /// from another laptop meanwhile stops a keep until it has been seen.
    pub seen: Vec<VersionVector>,
    pub combined: Option<CombinedText>,
}

/// A combined text: one text field of the chosen version, retyped.
#[derive(Clone, Debug, PartialEq)]
pub struct CombinedText {
    pub slot: TextSlot,
    pub field: TextField,
    /// False after Esc: the text is kept for `e` to bring back.
    pub editing: bool,
}

impl ResolveState {
    pub fn focused_field(&self) -> Option<&TextField> {
        self.combined
            .as_ref()
            .filter(|c| c.editing)
            .map(|c| &c.field)
    }
}

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
    let needed = |b: &Binding| b.keys_text().chars().count() + b.label.chars().count() + 3;
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
        return keymap::typing_bindings(field.is_multi_line());
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

/// The current versions of a record, oldest first (then by device), the
/// same order on every laptop.
pub fn versions(state: &State, id: &Id) -> Vec<Version> {
    crate::store::version::in_shown_order(state.replica.merged().current(id))
}

fn vectors(versions: &[Version]) -> Vec<VersionVector> {
    versions.iter().map(|v| v.vv.clone()).collect()
}

/// The record under the cursor, when it has conflicting versions. On a
/// list of notes or next steps the item wins over its session.
pub fn selected_conflict(state: &State) -> Option<Id> {
    if state.typing() {
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

pub fn update(state: &mut State, action: ResolveAction) -> Vec<Effect> {
    if action == ResolveAction::Open {
        return match selected_conflict(state) {
            Some(id) => open(state, id),
            None => {
                state.info("The selection has no conflicting versions.");
                Vec::new()
            }
        };
    }
    let Some(count) = still_conflicted(state) else {
        return Vec::new();
    };
    let Some(resolve) = state.resolve.as_mut() else {
        return Vec::new();
    };
    match action {
        ResolveAction::Next => resolve.chosen = (resolve.chosen + 1).min(count - 1),
        ResolveAction::Previous => resolve.chosen = resolve.chosen.saturating_sub(1),
        ResolveAction::Choose(n) if n < count => resolve.chosen = n,
        ResolveAction::Keep => return keep(state),
        ResolveAction::Combine => combine(state),
        ResolveAction::Open | ResolveAction::Choose(_) => {}
    }
    Vec::new()
}

/// Opens the overlay on a record with conflicting versions.
pub fn open(state: &mut State, id: Id) -> Vec<Effect> {
    let shown = versions(state, &id);
    if shown.len() < 2 {
        state.info(format!(
            "{} has one version; there is nothing to resolve.",
            capitalised(&state.event().describe(&id))
        ));
        return Vec::new();
    }
    state.resolve = Some(ResolveState {
        record: id,
        chosen: 0,
        seen: vectors(&shown),
        combined: None,
    });
    Vec::new()
}

/// The number of versions, or `None` (and the overlay closed) when the
/// record was resolved meanwhile, on another laptop.
fn still_conflicted(state: &mut State) -> Option<usize> {
    let id = state.resolve.as_ref()?.record.clone();
    let count = versions(state, &id).len();
    if count >= 2 {
        return Some(count);
    }
    state.resolve = None;
    state.info(format!(
        "{} was resolved on another laptop meanwhile; nothing was changed here.",
        capitalised(&state.event().describe(&id))
    ));
    None
}

/// True when the versions on screen are still all there is; otherwise
/// shows the new ones and asks to look again.
fn unchanged_since_shown(state: &mut State) -> bool {
    let Some(resolve) = &state.resolve else {
        return false;
    };
    let now = vectors(&versions(state, &resolve.record));
    if now == resolve.seen {
        return true;
    }
    if let Some(resolve) = state.resolve.as_mut() {
        resolve.seen = now;
        resolve.chosen = 0;
    }
    state.error(
        "Another laptop's version arrived while you were choosing: look again, then keep one.",
    );
    false
}

fn keep(state: &mut State) -> Vec<Effect> {
    if !unchanged_since_shown(state) {
        return Vec::new();
    }
    let Some(resolve) = &state.resolve else {
        return Vec::new();
    };
    let id = resolve.record.clone();
    let all = versions(state, &id);
    let Some(version) = all.get(resolve.chosen).cloned() else {
        return Vec::new();
    };
    let what = state.event().describe(&id);
    let whose = who(state, &version);
    let done = match &version.value {
        Some(_) => format!("Kept {whose} version of {what} (u undoes)."),
        None => format!("Kept {whose} deletion of {what} (u undoes)."),
    };
    write(
        state,
        &done,
        Change {
            id,
            record: version.value,
        },
    )
}

fn combine(state: &mut State) {
    let Some(resolve) = &state.resolve else {
        return;
    };
    if let Some(combined) = &resolve.combined {
        let editing = !combined.editing;
        if let Some(c) = state.resolve.as_mut().and_then(|r| r.combined.as_mut()) {
            c.editing = editing;
        }
        return;
    }
    let all = versions(state, &resolve.record);
    let values: Vec<Option<&Record>> = all.iter().map(|v| v.value.as_ref()).collect();
    let Some(start) = fields::combined(&values) else {
        state.info("Every version deletes it: keep one of them.");
        return;
    };
    let field = if start.slot.multi_line {
        TextField::multi(&start.text)
    } else {
        TextField::single(&start.text)
    };
    if let Some(resolve) = state.resolve.as_mut() {
        resolve.combined = Some(CombinedText {
            slot: start.slot,
            field,
            editing: true,
        });
    }
}

/// Labels that must not be left empty (a pitch needs a title, a note text).
const REQUIRED: [&str; 3] = ["Title", "Name", "Text"];

fn save_combined(state: &mut State) -> Vec<Effect> {
    let Some(combined) = state.resolve.as_ref().and_then(|r| r.combined.as_ref()) else {
        return Vec::new();
    };
    let (text, slot) = (combined.field.text(), combined.slot);
    let label = slot.label;
    if REQUIRED.contains(&label) && text.trim().is_empty() {
        state.error(format!(
            "The {} cannot be empty: type it, or Esc and keep a version.",
            label.to_lowercase()
        ));
        return Vec::new();
    }
    if !unchanged_since_shown(state) {
        return Vec::new();
    }
    let Some(resolve) = &state.resolve else {
        return Vec::new();
    };
    let id = resolve.record.clone();
    let all = versions(state, &id);
    // The other fields come from the chosen version, or the first that
    // still has a value when the chosen one is a deletion.
    let base = all
        .get(resolve.chosen)
        .and_then(|v| v.value.clone())
        .or_else(|| all.iter().find_map(|v| v.value.clone()));
    let Some(base) = base else {
        return Vec::new();
    };
    let text = if slot.multi_line {
        text
    } else {
        text.trim().to_string()
    };
    let record = fields::with_text(&base, label, &text);
    let done = format!(
        "Saved a combined {} for {} (u undoes).",
        label.to_lowercase(),
        state.event().describe(&id)
    );
    write(state, &done, Change::put(id, record))
}

/// Commits the resolution like any edit: the new version covers every
/// version seen of the record, which is all of those shown.
fn write(state: &mut State, done: &str, change: Change) -> Vec<Effect> {
    let effects = state.commit(done, vec![change]);
    if effects.contains(&Effect::Save) {
        state.resolve = None;
    }
    effects
}

/// "Kim's" or "your": who wrote a version, for messages.
fn who(state: &State, version: &Version) -> String {
    if version.device == state.replica.identity().device {
        "your".into()
    } else if version.author.is_empty() {
        format!("{}'s", device_name(state, &version.device))
    } else {
        format!("{}'s", version.author)
    }
}

/// A device's label, or its id when no file of it was read.
pub fn device_name(state: &State, device: &str) -> String {
    state
        .replica
        .device_label(device)
        .map_or_else(|| device.to_string(), str::to_string)
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Typing, Enter, Esc and the wheel while the overlay is open.
pub fn on_input(state: &mut State, action: Action) -> Vec<Effect> {
    let editing = state
        .resolve
        .as_ref()
        .is_some_and(|r| r.focused_field().is_some());
    match action {
        Action::Type(key) if editing => {
            if let Some(c) = state.resolve.as_mut().and_then(|r| r.combined.as_mut()) {
                c.field.input(key);
            }
            Vec::new()
        }
        Action::Paste(text) if editing => {
            if let Some(c) = state.resolve.as_mut().and_then(|r| r.combined.as_mut()) {
                c.field.insert(&text);
            }
            Vec::new()
        }
        Action::Submit if editing => save_combined(state),
        Action::Back if editing => {
            combine(state);
            Vec::new()
        }
        Action::Back => {
            state.resolve = None;
            state.info("Nothing was changed; the conflict stays until a version is kept.");
            Vec::new()
        }
        Action::Scroll(lines) => update(
            state,
            if lines > 0 {
                ResolveAction::Next
            } else {
                ResolveAction::Previous
            },
        ),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests;
