//! The event screen's actions and the keys that reach them: the list's
//! keys, fewer and spelled out on a new event, and the form's.

use ratatui::crossterm::event::KeyCode;

use super::forms::{KIND, SetupForm};
use super::{Selected, current};
use crate::tui::action::Action;
use crate::tui::keymap::{Binding, Key, down_keys, left_keys, right_keys, up_keys};
use crate::tui::state::State;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetupAction {
    /// Select the thing above
    Up,
    /// Select the thing below
    Down,
    /// Go across between rooms and slots
    Across,
    /// Edit what is selected (the details, a room or a slot)
    Edit,
    /// Add a room or a slot, like the one selected
    Add,
    /// Add a room
    AddRoom,
    /// Add a time slot
    AddSlot,
    /// Delete the selected room or slot (u undoes)
    Delete,
    /// Move the selected room one place earlier
    MoveEarlier,
    /// Move the selected room one place later
    MoveLater,
    /// Next field of the form
    NextField,
    /// Previous field of the form
    PreviousField,
    /// Next kind of slot: breakout, plenary, break
    NextKind,
}

impl SetupAction {
    pub fn description(&self) -> &'static str {
        match self {
            SetupAction::Up => "select the thing above",
            SetupAction::Down => "select the thing below",
            SetupAction::Across => "go across between rooms and slots",
            SetupAction::Edit => "edit what is selected (the details, a room or a slot)",
            SetupAction::Add => "add a room or a slot, like the one selected",
            SetupAction::AddRoom => "add a room",
            SetupAction::AddSlot => "add a time slot",
            SetupAction::Delete => "delete the selected room or slot (u undoes)",
            SetupAction::MoveEarlier => "move the selected room one place earlier",
            SetupAction::MoveLater => "move the selected room one place later",
            SetupAction::NextField => "next field of the form",
            SetupAction::PreviousField => "previous field of the form",
            SetupAction::NextKind => "next kind of slot: breakout, plenary, break",
        }
    }
}

fn bind(keys: &[Key], label: &'static str, action: SetupAction) -> Binding {
    Binding::new(keys, label, Action::Setup(action))
}

pub fn bindings(state: &State) -> Vec<Binding> {
    if let Some(form) = &state.setup.form {
        return form_bindings(form);
    }
    let event = state.event();
    let fresh = event.rooms.is_empty() && event.slots.is_empty();
    let edit = bind(
        &[Key::code(KeyCode::Enter), Key::char('e')],
        "edit",
        SetupAction::Edit,
    );
    let add_room = bind(&[Key::char('r')], "add room", SetupAction::AddRoom);
    let add_slot = bind(&[Key::char('s')], "add slot", SetupAction::AddSlot);
    let up = bind(&up_keys(), "up", SetupAction::Up).help_only();
    let down = bind(&down_keys(), "down", SetupAction::Down).help_only();
    if fresh {
        // A new event: the two things to do first, spelled out.
        return vec![add_room, add_slot, edit, up, down];
    }
    let selected = current(state);
    let add_label = match selected {
        Selected::Slot(_) => "add slot",
        _ => "add room",
    };
    let mut across = left_keys().to_vec();
    across.extend(right_keys());
    let earlier = bind(&[Key::char('K')], "move up", SetupAction::MoveEarlier);
    let later = bind(&[Key::char('J')], "move down", SetupAction::MoveLater).help_only();
    vec![
        edit,
        bind(&[Key::char('a')], add_label, SetupAction::Add),
        bind(&[Key::char('d')], "delete", SetupAction::Delete),
        if matches!(selected, Selected::Room(_)) {
            earlier
        } else {
            earlier.help_only()
        },
        later,
        add_room.help_only(),
        add_slot.help_only(),
        up,
        down,
        bind(&across, "rooms/slots", SetupAction::Across).help_only(),
    ]
}

fn form_bindings(form: &SetupForm) -> Vec<Binding> {
    let mut list = vec![
        bind(
            &[Key::code(KeyCode::Tab)],
            "next field",
            SetupAction::NextField,
        ),
        bind(
            &[Key::code(KeyCode::BackTab)],
            "previous field",
            SetupAction::PreviousField,
        )
        .help_only(),
    ];
    if form.focused_label() == KIND {
        list.insert(
            0,
            bind(&[Key::char(' ')], "next kind", SetupAction::NextKind),
        );
    }
    list
}
