//! `update(&mut State, Action) -> Vec<Effect>`: the only place the state
//! changes. Pure: no terminal, no disk, no clock (time arrives as `Tick`).

use super::action::{Action, Effect, Screen};
use super::screen::{event, export, notes, pitches, resolve, schedule, wrapup};
use super::state::State;

/// How long typed text may sit unsaved before it is kept as a draft.
pub const DRAFT_IDLE_SECONDS: i64 = 2;
/// How often a save that failed (a full disk, a pulled USB stick) is tried
/// again while nothing else triggers one.
pub const SAVE_RETRY_SECONDS: i64 = 5;

pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    let effects = dispatch(state, action);
    keep_selection_in_range(state);
    if effects.contains(&Effect::Save) {
        // "Saved" only once the disk has said so (`Action::Saved`).
        state.saving = true;
    }
    effects
}

/// The selection on the screen in sight points at something that exists,
/// whatever took items away (a delete, an undo, another laptop's change).
/// Only that screen's: working out another's items on every key would cost
/// the keystroke, and each screen reads its selection clamped anyway.
fn keep_selection_in_range(state: &mut State) {
    match state.screen {
        Screen::Wrapup => {
            let count = wrapup::items(state).len();
            state.wrapup.cursor = state.wrapup.cursor.min(count.saturating_sub(1));
        }
        Screen::Notes if state.notes.focus == notes::Focus::NextSteps => {
            let count = notes::next_steps::of_session(state).len();
            state.notes.next_step = state.notes.next_step.min(count.saturating_sub(1));
        }
        _ => {}
    }
}

fn dispatch(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Tick(now) => {
            state.now = now;
            return tick(state);
        }
        Action::Resize { width, height } => {
            state.width = width;
            state.height = height;
            return Vec::new();
        }
        Action::Saved => {
            state.saving = false;
            state.save_error = None;
            state.save_tried = None;
            state.last_saved = Some(state.now);
            return Vec::new();
        }
        Action::SaveFailed(message) => {
            state.saving = false;
            state.save_error = Some(message);
            state.save_tried = Some(state.now);
            return Vec::new();
        }
        Action::Told { text, error } => {
            if error {
                state.error(text);
            } else {
                state.info(text);
            }
            return Vec::new();
        }
        _ => {}
    }
    if state.board {
        // Whatever closes the board does nothing else; a signal still quits.
        match action {
            Action::Quit => {}
            Action::Board | Action::Back | Action::Type(_) | Action::Click { .. } => {
                state.board = false;
                return Vec::new();
            }
            _ => return Vec::new(),
        }
    }
    // A key clears the last message; errors stay until the next key too.
    state.status = None;
    match action {
        Action::Quit => {
            state.quit = true;
            let mut effects = flush_drafts(state);
            effects.push(Effect::Quit);
            effects
        }
        Action::Help => {
            state.help = if state.help.is_some() { None } else { Some(0) };
            Vec::new()
        }
        Action::Back if state.help.is_some() => {
            state.help = None;
            Vec::new()
        }
        Action::Scroll(lines) if state.help.is_some() => {
            let offset = state.help.unwrap_or(0);
            state.help = Some(offset.saturating_add_signed(lines));
            Vec::new()
        }
        Action::Board => {
            state.board = true;
            state.help = None;
            Vec::new()
        }
        Action::Show(screen) => show(state, screen),
        // A click on a tab switches to it, as its number key does.
        Action::Click { column, row: 0 }
            if state.note_taker.is_none() && state.help.is_none() && !state.typing() =>
        {
            match super::view::tab_at(column, state.screen, state.width) {
                Some(screen) => show(state, screen),
                None => Vec::new(),
            }
        }
        Action::NextScreen => show(state, state.screen.next()),
        Action::PreviousScreen => show(state, state.screen.previous()),
        Action::Undo => undo(state),
        Action::Redo => redo(state),
        Action::Setup(a) => event::update(state, a),
        Action::Pitches(a) => pitches::update(state, a),
        Action::Schedule(a) => schedule::update(state, a),
        Action::Notes(a) => notes::update(state, a),
        Action::Wrapup(a) => wrapup::update(state, a),
        Action::Export(a) => export::update(state, a),
        Action::Resolve(a) => resolve::update(state, a),
        other if state.resolve.is_some() => resolve::on_input(state, other),
        other => to_screen(state, other),
    }
}

/// Typing, submitting, leaving, clicks and scrolling belong to the screen.
fn to_screen(state: &mut State, action: Action) -> Vec<Effect> {
    match state.screen {
        Screen::Event => event::on_input(state, action),
        Screen::Pitches => pitches::on_input(state, action),
        Screen::Schedule => schedule::on_input(state, action),
        Screen::Notes => notes::on_input(state, action),
        Screen::Wrapup => wrapup::on_input(state, action),
        Screen::Export => export::on_input(state, action),
    }
}

fn show(state: &mut State, screen: Screen) -> Vec<Effect> {
    if state.note_taker.is_some() {
        return Vec::new();
    }
    state.screen = screen;
    state.help = None;
    Vec::new()
}

fn undo(state: &mut State) -> Vec<Effect> {
    reverse_step(state, false)
}

fn redo(state: &mut State) -> Vec<Effect> {
    reverse_step(state, true)
}

/// Undoes the last step (or redoes the last undone one) by writing back
/// what it replaced, and files what that wrote on the other list.
fn reverse_step(state: &mut State, redo: bool) -> Vec<Effect> {
    let (step, done) = if redo {
        (state.undo.redo(), "Redid")
    } else {
        (state.undo.undo(), "Undid")
    };
    let Some(step) = step else {
        state.info(if redo {
            "Nothing to redo."
        } else {
            "Nothing to undo."
        });
        return Vec::new();
    };
    let edits = state.replica.reverse(&step.written);
    let (effects, written) = replay(state, &format!("{done}: {}", step.label), edits);
    if redo {
        state.undo.redone(&step.label, written);
    } else {
        state.undo.undone(&step.label, written);
    }
    effects
}

/// Writes old or new values back without touching the undo history.
fn replay(
    state: &mut State,
    message: &str,
    edits: Vec<crate::store::Edit>,
) -> (Vec<Effect>, Vec<crate::store::Written>) {
    match state.replica.commit_edits(edits, state.now.to_utc()) {
        Ok(written) => {
            let told = state.unseen_message(message, &written);
            state.info(told);
            (vec![Effect::Save], written)
        }
        Err(reason) => {
            state.error(format!("Nothing was changed: {reason}."));
            (Vec::new(), Vec::new())
        }
    }
}

/// Drafts of every screen's typed text that has sat idle long enough.
fn tick(state: &mut State) -> Vec<Effect> {
    let now = state.now;
    let mut effects = Vec::new();
    for draft in drafts_mut(state) {
        if let Some(since) = draft.dirty_since
            && (now - since).num_seconds() >= DRAFT_IDLE_SECONDS
        {
            draft.dirty_since = None;
            effects.push(draft.effect());
        }
    }
    if let Some(tried) = state.save_tried
        && (now - tried).num_seconds() >= SAVE_RETRY_SECONDS
    {
        state.save_tried = Some(now);
        effects.push(Effect::Save);
    }
    effects
}

/// Every draft still unsaved, saved now (on quit).
fn flush_drafts(state: &mut State) -> Vec<Effect> {
    drafts_mut(state)
        .into_iter()
        .filter_map(|draft| draft.dirty_since.take().map(|_| draft.effect()))
        .collect()
}

fn drafts_mut(state: &mut State) -> Vec<&mut super::draft::DraftSlot> {
    let mut slots = Vec::new();
    slots.extend(state.pitches.drafts_mut());
    slots.extend(state.notes.drafts_mut());
    slots.extend(state.setup.drafts_mut());
    slots.extend(state.wrapup.drafts_mut());
    slots
}

#[cfg(test)]
mod tests;
