//! Resolving a conflict: the current versions of one record side by side,
//! over whichever screen it was opened from. Keeping one version, or a
//! combined text typed here, writes a new version that covers every version
//! shown, so the conflict ends on every laptop that reads this one's file.

use crate::model::fields::{self, TextSlot};
use crate::model::text::capitalised;
use crate::model::{Id, Record};
use crate::store::version::Version;
use crate::store::{Conflict, Dot, Edit};
use crate::tui::action::{Action, Effect};
use crate::tui::state::State;
use crate::tui::widget::text_field::TextField;

mod keys;

pub use keys::{ResolveAction, bindings, fit_footer, open_binding, selected_conflict};

/// The overlay: which record, which version is chosen, and the combined
/// text when one is being typed.
#[derive(Clone, Debug, PartialEq)]
pub struct ResolveState {
    pub record: Id,
    /// Position in [`versions`] of the chosen version.
    pub chosen: usize,
    /// The conflict as it was when last shown: a version that arrives from
    /// another laptop meanwhile stops a keep until it has been seen, and a
    /// keep covers only what was shown.
    pub shown: Conflict,
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

/// The versions of a record that disagree, oldest first (then by writer),
/// the same order on every laptop.
pub fn versions(state: &State, id: &Id) -> Vec<Version> {
    state
        .replica
        .conflict(id)
        .map(|c| c.versions)
        .unwrap_or_default()
}

fn dots(state: &State, id: &Id) -> Vec<Dot> {
    state
        .replica
        .conflict(id)
        .map(|c| c.dots())
        .unwrap_or_default()
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
    let Some(shown) = state
        .replica
        .conflict(&id)
        .filter(|c| c.versions.len() >= 2)
    else {
        state.info(format!(
            "{} has one version; there is nothing to resolve.",
            capitalised(&state.event().describe(&id))
        ));
        return Vec::new();
    };
    state.resolve = Some(ResolveState {
        record: id,
        chosen: 0,
        shown,
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
    if dots(state, &resolve.record) == resolve.shown.dots() {
        return true;
    }
    let again = state.replica.conflict(&resolve.record);
    if let (Some(resolve), Some(again)) = (state.resolve.as_mut(), again) {
        resolve.shown = again;
        resolve.chosen = 0;
    }
    state.error(
        "Another laptop's version arrived while you were choosing: look again, then keep one.",
    );
    false
}

/// The conflict as shown and the chosen version's place, when the versions
/// shown are still all there is (see [`unchanged_since_shown`]).
fn to_write(state: &mut State) -> Option<(Conflict, usize)> {
    if !unchanged_since_shown(state) {
        return None;
    }
    let resolve = state.resolve.as_ref()?;
    Some((resolve.shown.clone(), resolve.chosen))
}

fn keep(state: &mut State) -> Vec<Effect> {
    let Some((conflict, chosen)) = to_write(state) else {
        return Vec::new();
    };
    let Some(version) = conflict.versions.get(chosen).cloned() else {
        return Vec::new();
    };
    let what = state.event().describe(&conflict.id);
    let whose = who(state, &version);
    let done = if version.deleted {
        if conflict.unseen_work.is_empty() {
            format!("Kept {whose} deletion of {what} (u undoes).")
        } else {
            format!(
                "Deleted {what} with the {} note(s) and next step(s) added to it (u undoes).",
                conflict.unseen_work.len()
            )
        }
    } else {
        format!("Kept {whose} version of {what} (u undoes).")
    };
    let edits = conflict.keep(&state.replica, chosen, None);
    write(state, &done, edits)
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
    let all = resolve.shown.versions.clone();
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
    let Some((conflict, chosen)) = to_write(state) else {
        return Vec::new();
    };
    let all = &conflict.versions;
    // The other fields come from the chosen version, or the first that
    // still has a value when the chosen one is a deletion.
    let (chosen, base) = match all.get(chosen).and_then(|v| v.value.clone()) {
        Some(value) => (chosen, value),
        None => match all
            .iter()
            .enumerate()
            .find_map(|(i, v)| Some((i, v.value.clone()?)))
        {
            Some(found) => found,
            None => return Vec::new(),
        },
    };
    let id = conflict.id.clone();
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
    let edits = conflict.keep(&state.replica, chosen, Some(record));
    write(state, &done, edits)
}

/// Commits the resolution like any edit: the new version covers the
/// versions shown, and nothing that arrived since.
fn write(state: &mut State, done: &str, edits: Vec<Edit>) -> Vec<Effect> {
    let effects = state.commit_edits(done, edits);
    if effects.contains(&Effect::Save) {
        state.resolve = None;
    }
    effects
}

/// "Kim's" or "your": who wrote a version, for messages.
fn who(state: &State, version: &Version) -> String {
    if version.device() == state.replica.identity().device {
        "your".into()
    } else if version.author.is_empty() {
        format!("{}'s", device_name(state, version.device()))
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
