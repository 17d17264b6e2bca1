//! The schedule screen's behaviour. (To be built: see the TUI issue.)

use crate::tui::action::{Action, Effect};
use crate::tui::draft::DraftSlot;
use crate::tui::keymap::Binding;
use crate::tui::state::State;
use crate::tui::widget::text_field::TextField;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScheduleState {}

impl ScheduleState {
    pub fn focused_field(&self) -> Option<&TextField> {
        None
    }

    pub fn drafts_mut(&mut self) -> Vec<&mut DraftSlot> {
        Vec::new()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScheduleAction {}

impl ScheduleAction {
    pub fn description(&self) -> &'static str {
        match *self {}
    }
}

pub fn bindings(_state: &State) -> Vec<Binding> {
    Vec::new()
}

pub fn update(_state: &mut State, action: ScheduleAction) -> Vec<Effect> {
    match action {}
}

pub fn on_input(_state: &mut State, _action: Action) -> Vec<Effect> {
    Vec::new()
}
