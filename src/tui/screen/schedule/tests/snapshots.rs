//! The screen as the room sees it on the projector.

use ratatui::crossterm::event::KeyCode;

use super::{pitch, put_session, schedule_state};
use crate::model::{Change, Person, Record, Room, Slot, SlotKind};
use crate::tui::screen::schedule::CellPos;
use crate::tui::state::State;
use crate::tui::testing::{press, screen};

#[test]
fn the_grid_at_80_by_24() {
    let mut state = schedule_state();
    state.schedule.cursor = CellPos { slot: 1, room: 0 };
    insta::assert_snapshot!(screen(&mut state, 80, 24));
}

#[test]
fn the_grid_with_the_open_pitches_at_160_by_48() {
    let mut state = schedule_state();
    state.schedule.cursor = CellPos { slot: 3, room: 1 };
    insta::assert_snapshot!(screen(&mut state, 160, 48));
}

#[test]
fn the_list_of_open_pitches_at_80_by_24() {
    let mut state = schedule_state();
    state.schedule.cursor = CellPos { slot: 3, room: 2 };
    press(&mut state, &[KeyCode::Enter, KeyCode::Char('j')]);
    insta::assert_snapshot!(screen(&mut state, 80, 24));
}

/// Two sessions in one room, and one pitcher in two rooms at once, as
/// files merged from two laptops can have it.
fn with_clashes() -> State {
    let mut state = schedule_state();
    put_session(&mut state, "Data across borders", "Round 1", "Main hall");
    let responsible = pitch(&state, "Responsible tech");
    let mut changed = state.event().pitches[&responsible].clone();
    changed.pitched_by = vec![Person::named("tom reid")];
    let now = state.now.to_utc();
    state
        .replica
        .commit(vec![Change::put(responsible, Record::Pitch(changed))], now)
        .unwrap_or_default();
    put_session(&mut state, "Responsible tech", "Round 1", "Garden room");
    state.schedule.cursor = CellPos { slot: 1, room: 0 };
    state
}

#[test]
fn a_clash_is_marked_in_the_cell_and_explained_at_80_by_24() {
    let mut state = with_clashes();
    insta::assert_snapshot!(screen(&mut state, 80, 24));
}

#[test]
fn a_clash_at_160_by_48() {
    let mut state = with_clashes();
    state.schedule.cursor = CellPos { slot: 1, room: 2 };
    insta::assert_snapshot!(screen(&mut state, 160, 48));
}

#[test]
fn the_auto_schedule_preview_at_80_by_24() {
    let mut state = schedule_state();
    press(&mut state, &[KeyCode::Char('A')]);
    insta::assert_snapshot!(screen(&mut state, 80, 24));
}

#[test]
fn the_auto_schedule_preview_at_160_by_48() {
    let mut state = schedule_state();
    press(&mut state, &[KeyCode::Char('A')]);
    insta::assert_snapshot!(screen(&mut state, 160, 48));
}

#[test]
fn a_move_in_progress_at_80_by_24() {
    let mut state = schedule_state();
    state.schedule.cursor = CellPos { slot: 1, room: 1 };
    press(
        &mut state,
        &[KeyCode::Char('m'), KeyCode::Char('j'), KeyCode::Char('j')],
    );
    insta::assert_snapshot!(screen(&mut state, 80, 24));
}

/// Twelve rooms and twelve slots, with wide characters in the titles.
fn big_day() -> State {
    let mut state = schedule_state();
    let now = state.now.to_utc();
    let mut changes = Vec::new();
    for i in 3..12 {
        let room = Room {
            name: format!("Room {i}"),
            capacity: Some(10 + i),
            position: i as i32,
        };
        changes.push(Change::put(state.new_id(), Record::Room(room)));
    }
    for i in 0..16u32 {
        let start =
            chrono::NaiveTime::from_hms_opt(13 + i / 2, 30 * (i % 2), 0).unwrap_or_default();
        let slot = Slot {
            start,
            end: start + chrono::Duration::minutes(25),
            label: format!("Afternoon {}", i + 1),
            kind: SlotKind::Breakout,
        };
        changes.push(Change::put(state.new_id(), Record::Slot(slot)));
    }
    state.replica.commit(changes, now).unwrap_or_default();
    let wide = pitch(&state, "A pattern library");
    let mut changed = state.event().pitches[&wide].clone();
    changed.title = "会議の設計 — a pattern library for everyone".into();
    state
        .replica
        .commit(vec![Change::put(wide, Record::Pitch(changed))], now)
        .unwrap_or_default();
    put_session(
        &mut state,
        "会議の設計 — a pattern library for everyone",
        "Afternoon 11",
        "Room 9",
    );
    state
}

#[test]
fn many_rooms_and_slots_scroll_to_the_cursor_at_80_by_24() {
    let mut state = big_day();
    let keys: Vec<KeyCode> = std::iter::repeat_n(KeyCode::Char('j'), 14)
        .chain(std::iter::repeat_n(KeyCode::Char('l'), 9))
        .collect();
    press(&mut state, &keys);
    insta::assert_snapshot!(screen(&mut state, 80, 24));
}

#[test]
fn many_rooms_and_slots_at_160_by_48() {
    let mut state = big_day();
    let keys: Vec<KeyCode> = std::iter::repeat_n(KeyCode::Char('j'), 14)
        .chain(std::iter::repeat_n(KeyCode::Char('l'), 11))
        .collect();
    press(&mut state, &keys);
    insta::assert_snapshot!(screen(&mut state, 160, 48));
}
