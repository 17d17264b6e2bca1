//! The wrap-up's actions and the keys that reach them. Paging has many
//! keys (arrows, Space and Backspace, h/l, n/p) because a facilitator at a
//! projector reaches for whichever is nearest.

use ratatui::crossterm::event::KeyCode;

use super::{Page, current_page, items};
use crate::tui::action::Action;
use crate::tui::keymap::{Binding, Key, down_keys, up_keys};
use crate::tui::state::State;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WrapupAction {
    /// Next session (the last page is the decisions)
    Next,
    /// Previous session
    Previous,
    /// First session
    First,
    /// The decisions and next steps of the event
    Decisions,
    /// Select the item above
    Up,
    /// Select the item below
    Down,
    /// Scroll a long page down
    PageDown,
    /// Scroll a long page up
    PageUp,
    /// Write this session's summary
    Summary,
    /// Write this session's outcome
    Outcome,
    /// Add a next step (the event's, on the last page)
    AddStep,
    /// Add a decision: a project agreed to take forward
    AddDecision,
    /// Edit the selected next step or decision
    Edit,
    /// Mark the selected next step done, or open again
    ToggleDone,
    /// Delete the selected next step or decision (u undoes)
    Delete,
    /// Next field of the form
    NextField,
    /// Previous field of the form
    PreviousField,
}

impl WrapupAction {
    pub fn description(&self) -> &'static str {
        match self {
            WrapupAction::Next => "next session (the last page is the decisions)",
            WrapupAction::Previous => "previous session",
            WrapupAction::First => "first session",
            WrapupAction::Decisions => "the decisions and next steps of the event",
            WrapupAction::Up => "select the item above",
            WrapupAction::Down => "select the item below",
            WrapupAction::PageDown => "scroll a long page down",
            WrapupAction::PageUp => "scroll a long page up",
            WrapupAction::Summary => "write this session's summary",
            WrapupAction::Outcome => "write this session's outcome",
            WrapupAction::AddStep => "add a next step (the event's, on the last page)",
            WrapupAction::AddDecision => "add a decision: a project agreed to take forward",
            WrapupAction::Edit => "edit the selected next step or decision",
            WrapupAction::ToggleDone => "mark the selected next step done, or open again",
            WrapupAction::Delete => "delete the selected next step or decision (u undoes)",
            WrapupAction::NextField => "next field of the form",
            WrapupAction::PreviousField => "previous field of the form",
        }
    }
}

fn bind(keys: &[Key], label: &'static str, action: WrapupAction) -> Binding {
    Binding::new(keys, label, Action::Wrapup(action))
}

pub fn bindings(state: &State) -> Vec<Binding> {
    match &state.wrapup.form {
        // One field: Ctrl-s and Esc (the typing keys) are all there is.
        Some(form) if form.fields.len() < 2 => Vec::new(),
        Some(_) => vec![
            bind(
                &[Key::code(KeyCode::Tab)],
                "next field",
                WrapupAction::NextField,
            ),
            bind(
                &[Key::code(KeyCode::BackTab)],
                "previous field",
                WrapupAction::PreviousField,
            )
            .help_only(),
        ],
        None => page_bindings(state),
    }
}

/// Turning pages and writing down what the group says.
fn page_bindings(state: &State) -> Vec<Binding> {
    let on_decisions = current_page(state) == Page::Decisions;
    let mut list = vec![
        bind(
            &[Key::code(KeyCode::Right), Key::char(' ')],
            "next",
            WrapupAction::Next,
        ),
        bind(
            &[Key::code(KeyCode::Left)],
            "previous",
            WrapupAction::Previous,
        ),
        bind(
            &[Key::char('l'), Key::char('n')],
            "next",
            WrapupAction::Next,
        )
        .help_only(),
        bind(
            &[
                Key::char('h'),
                Key::char('p'),
                Key::code(KeyCode::Backspace),
            ],
            "previous",
            WrapupAction::Previous,
        )
        .help_only(),
    ];
    if on_decisions {
        list.push(bind(
            &[Key::char('a')],
            "add decision",
            WrapupAction::AddDecision,
        ));
        list.push(bind(&[Key::char('A')], "add step", WrapupAction::AddStep));
    } else {
        list.push(bind(&[Key::char('o')], "outcome", WrapupAction::Outcome));
        list.push(bind(&[Key::char('s')], "summary", WrapupAction::Summary));
        list.push(bind(&[Key::char('a')], "add step", WrapupAction::AddStep));
    }
    list.extend(item_bindings(!items(state).is_empty()));
    list
}

/// Keys for the selected next step or decision; only in the footer when
/// the page has one.
fn item_bindings(has_items: bool) -> Vec<Binding> {
    let item_keys = [
        bind(&[Key::char('x')], "done", WrapupAction::ToggleDone),
        bind(&[Key::code(KeyCode::Enter)], "edit", WrapupAction::Edit),
        bind(&[Key::char('d')], "delete", WrapupAction::Delete),
    ];
    let mut list: Vec<Binding> = item_keys
        .into_iter()
        .map(|b| if has_items { b } else { b.help_only() })
        .collect();
    list.extend([
        bind(&up_keys(), "up", WrapupAction::Up).help_only(),
        bind(&down_keys(), "down", WrapupAction::Down).help_only(),
        bind(
            &[Key::code(KeyCode::PageDown)],
            "scroll",
            WrapupAction::PageDown,
        )
        .help_only(),
        bind(
            &[Key::code(KeyCode::PageUp)],
            "scroll up",
            WrapupAction::PageUp,
        )
        .help_only(),
        bind(&[Key::code(KeyCode::Home)], "first", WrapupAction::First).help_only(),
        bind(
            &[Key::code(KeyCode::End)],
            "decisions",
            WrapupAction::Decisions,
        )
        .help_only(),
    ]);
    list
}
