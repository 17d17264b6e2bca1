//! The Notes screen as drawn, at the smallest usual terminal and a large one.

use ratatui::crossterm::event::KeyCode;

use super::{add_notes, chosen, note_taker, on_notes, with_round_two};
use crate::tui::state::State;
use crate::tui::testing::{empty_state, press, sample_state, screen, type_text};

fn both_sizes(name: &str, state: &mut State) {
    insta::assert_snapshot!(format!("{name}_80x24"), screen(state, 80, 24));
    insta::assert_snapshot!(format!("{name}_160x48"), screen(state, 160, 48));
}

#[test]
fn the_notes_screen() {
    let mut state = with_round_two(on_notes());
    press(&mut state, &[KeyCode::Char('a')]);
    type_text(&mut state, "? what about small suppliers");
    both_sizes("notes_screen", &mut state);
}

#[test]
fn note_taker_mode() {
    let mut state = note_taker(sample_state(), "open standards");
    state.devices.set(vec![
        crate::tui::state::DeviceSeen {
            label: "test laptop".into(),
            own: true,
            last_change: None,
        },
        crate::tui::state::DeviceSeen {
            label: "organiser laptop".into(),
            own: false,
            last_change: Some(state.now - chrono::Duration::minutes(8)),
        },
    ]);
    type_text(&mut state, "! Asha to share the draft");
    // The message after Enter, rather than the saved line, keeps this
    // snapshot about the Notes screen.
    press(&mut state, &[KeyCode::Enter]);
    both_sizes("note_taker", &mut state);
}

#[test]
fn note_taker_mode_waiting_for_the_schedule() {
    let mut state = note_taker(empty_state(), "vendor community");
    type_text(&mut state, "= suppliers meet monthly");
    press(&mut state, &[KeyCode::Enter]);
    type_text(&mut state, "who conven");
    insta::assert_snapshot!(screen(&mut state, 80, 24));
}

#[test]
fn the_summary_editor() {
    let mut state = on_notes();
    press(&mut state, &[KeyCode::Char('s')]);
    type_text(
        &mut state,
        "Councils want one planning data standard, not five.",
    );
    press(&mut state, &[KeyCode::Enter]);
    type_text(&mut state, "Two will pilot it");
    both_sizes("summary_editor", &mut state);
}

#[test]
fn a_session_with_a_long_log() {
    let mut state = on_notes();
    let session = chosen(&state);
    add_notes(&mut state, &session, 120);
    press(&mut state, &[KeyCode::Char('n'), KeyCode::Char('a')]);
    type_text(&mut state, "Pilot with two councils");
    press(&mut state, &[KeyCode::Tab]);
    type_text(&mut state, "Asha");
    press(&mut state, &[KeyCode::Tab]);
    type_text(&mut state, "2026-12-04");
    press(
        &mut state,
        &[KeyCode::Enter, KeyCode::Esc, KeyCode::Char('l')],
    );
    for _ in 0..4 {
        press(&mut state, &[KeyCode::Char('k')]);
    }
    both_sizes("long_log", &mut state);
}

#[test]
fn the_next_step_form_over_a_narrow_screen() {
    let mut state = on_notes();
    press(&mut state, &[KeyCode::Char('n'), KeyCode::Char('a')]);
    type_text(&mut state, "Write up the pilot");
    insta::assert_snapshot!(screen(&mut state, 80, 24));
}
