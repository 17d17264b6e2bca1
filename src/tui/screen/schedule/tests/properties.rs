//! Rules that hold whatever keys the facilitator presses.

use proptest::prelude::*;
use ratatui::crossterm::event::KeyCode;

use super::schedule_state;
use crate::model::rules::{Clash, clashes};
use crate::tui::action::Action;
use crate::tui::screen::schedule::Cells;
use crate::tui::testing::{act, press, screen};

/// Every key the screen binds, and a few it does not.
fn key() -> impl Strategy<Value = KeyCode> {
    prop_oneof![
        Just(KeyCode::Up),
        Just(KeyCode::Down),
        Just(KeyCode::Left),
        Just(KeyCode::Right),
        Just(KeyCode::Enter),
        Just(KeyCode::Esc),
        Just(KeyCode::Delete),
        prop::sample::select(vec![
            'h', 'j', 'k', 'l', 'a', 'm', 'r', 'd', 'p', 'A', 'y', 'n', 'u', 'x'
        ])
        .prop_map(KeyCode::Char),
    ]
}

fn placement_clash(clash: &Clash) -> bool {
    matches!(
        clash,
        Clash::RoomDoubleBooked { .. } | Clash::InBreak { .. }
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The cursor stays on the grid, no key makes a double booking or uses
    /// a break, and undoing every step gives back the day as it was.
    #[test]
    fn any_keys_keep_the_grid_sound_and_undo_restores_it(keys in prop::collection::vec(key(), 0..60)) {
        let mut state = schedule_state();
        let before = state.event().sessions.clone();
        press(&mut state, &keys);
        let cells = Cells::of(state.event());
        prop_assert!(state.schedule.cursor.slot < cells.slots.len());
        prop_assert!(state.schedule.cursor.room < cells.rooms.len());
        drop(cells);
        for clash in clashes(state.event()) {
            prop_assert!(!placement_clash(&clash), "{clash:?}");
        }
        state.schedule = Default::default();
        for _ in 0..state.undo.len() {
            act(&mut state, Action::Undo);
        }
        prop_assert_eq!(&state.event().sessions, &before);
    }

    /// Drawing never panics and never writes past the screen, at any size,
    /// in any state the keys lead to.
    #[test]
    fn the_screen_draws_at_any_size(
        keys in prop::collection::vec(key(), 0..20),
        width in 0u16..200,
        height in 0u16..60,
    ) {
        let mut state = schedule_state();
        press(&mut state, &keys);
        let text = screen(&mut state, width, height);
        prop_assert_eq!(text.lines().count(), usize::from(height));
    }

    /// A click anywhere either lands on a cell or pitch in sight or changes
    /// nothing.
    #[test]
    fn clicks_never_leave_the_grid(column in 0u16..200, row in 0u16..60) {
        let mut state = schedule_state();
        screen(&mut state, 80, 24);
        act(&mut state, Action::Click { column, row });
        let cells = Cells::of(state.event());
        prop_assert!(state.schedule.cursor.slot < cells.slots.len());
        prop_assert!(state.schedule.cursor.room < cells.rooms.len());
    }
}
