//! The facilitator's journeys on the grid, through the keymap as the loop
//! would drive them. The sample day: Main hall (60), Library (20), Garden
//! room (12) across; Welcome (plenary), Round 1, Coffee (break), Round 2
//! down; "Open standards for planning" (with notes) and "A vendor
//! community" in Round 1; three pitches open.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod properties;
mod snapshots;

use ratatui::crossterm::event::KeyCode;

use super::*;
use crate::model::{Change, Record, Session};
use crate::tui::action::Screen;
use crate::tui::testing::{act, press, sample_state, screen};

const ENTER: KeyCode = KeyCode::Enter;
const ESC: KeyCode = KeyCode::Esc;

fn k(c: char) -> KeyCode {
    KeyCode::Char(c)
}

pub(super) fn schedule_state() -> State {
    let mut state = sample_state();
    state.screen = Screen::Schedule;
    state
}

fn id_of<T>(
    map: &std::collections::BTreeMap<Id, T>,
    name: impl Fn(&T) -> &str,
    wanted: &str,
) -> Id {
    map.iter()
        .find(|(_, v)| name(v) == wanted)
        .map(|(id, _)| id.clone())
        .unwrap_or_else(|| panic!("no {wanted}"))
}

pub(super) fn pitch(state: &State, title: &str) -> Id {
    id_of(&state.event().pitches, |p| &p.title, title)
}

fn slot(state: &State, label: &str) -> Id {
    id_of(&state.event().slots, |s| &s.label, label)
}

fn room(state: &State, name: &str) -> Id {
    id_of(&state.event().rooms, |r| &r.name, name)
}

/// Where the sessions of a pitch are, as (slot label, room name).
fn placed(state: &State, title: &str) -> Vec<(String, String)> {
    let event = state.event();
    let id = pitch(state, title);
    event
        .sessions_of_pitch(&id)
        .into_iter()
        .map(|s| {
            let session = &event.sessions[s];
            (
                event.slots[&session.slot].label.clone(),
                event.rooms[&session.room].name.clone(),
            )
        })
        .collect()
}

fn at(slot: usize, room: usize) -> CellPos {
    CellPos { slot, room }
}

fn status(state: &State) -> String {
    state
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// Writes a session straight into the replica, as another device might.
pub(super) fn put_session(state: &mut State, title: &str, slot_label: &str, room_name: &str) -> Id {
    let session = Session {
        pitches: vec![pitch(state, title)],
        slot: slot(state, slot_label),
        room: room(state, room_name),
        ..Session::default()
    };
    let id = state.new_id();
    let now = state.now.to_utc();
    state
        .replica
        .commit(vec![Change::put(id.clone(), Record::Session(session))], now)
        .unwrap();
    id
}

#[test]
fn a_pitch_picked_from_the_list_goes_where_enter_is_pressed() {
    let mut state = schedule_state();
    press(&mut state, &[k('p'), k('j')]);
    assert_eq!(state.schedule.focus, Focus::Pitches);
    press(&mut state, &[ENTER]);
    assert_eq!(state.schedule.focus, Focus::Grid);
    assert!(matches!(state.schedule.pending, Some(Pending::Place(_))));
    let effects = press(&mut state, &[k('j'), k('j'), k('j'), k('l'), ENTER]);
    assert!(effects.contains(&Effect::Save));
    assert_eq!(
        placed(&state, "Responsible tech"),
        [("Round 2".into(), "Library".into())]
    );
    assert_eq!(state.schedule.pending, None);
    assert_eq!(
        status(&state),
        "Scheduled \"Responsible tech\" in Library, Round 2 (11:15)."
    );
}

#[test]
fn enter_on_an_empty_cell_picks_a_pitch_for_that_cell() {
    let mut state = schedule_state();
    state.schedule.cursor = at(3, 2);
    press(&mut state, &[ENTER]);
    assert_eq!(state.schedule.focus, Focus::Pitches);
    assert!(state.schedule.list_for_cell);
    press(&mut state, &[ENTER]);
    assert_eq!(
        placed(&state, "Data across borders"),
        [("Round 2".into(), "Garden room".into())]
    );
    assert_eq!(state.schedule.focus, Focus::Grid);
}

#[test]
fn a_session_moves_with_m_and_enter_keeping_its_notes_and_undo_puts_it_back() {
    let mut state = schedule_state();
    state.schedule.cursor = at(1, 0);
    let session = Cells::of(state.event()).session(at(1, 0)).cloned().unwrap();
    press(&mut state, &[k('m'), k('j'), k('j'), ENTER]);
    assert_eq!(
        placed(&state, "Open standards for planning"),
        [("Round 2".into(), "Main hall".into())]
    );
    assert_eq!(state.event().note_count(&session), 3);
    press(&mut state, &[k('u')]);
    assert_eq!(
        placed(&state, "Open standards for planning"),
        [("Round 1".into(), "Main hall".into())]
    );
}

#[test]
fn moving_onto_a_session_offers_a_swap_that_a_second_enter_makes() {
    let mut state = schedule_state();
    state.schedule.cursor = at(1, 0);
    press(&mut state, &[k('m'), k('l'), ENTER]);
    assert!(
        status(&state).contains("Enter again swaps"),
        "{}",
        status(&state)
    );
    assert_eq!(
        placed(&state, "A vendor community"),
        [("Round 1".into(), "Library".into())]
    );
    // Moving away withdraws the offer; coming back asks again.
    press(&mut state, &[k('l'), k('h')]);
    assert!(matches!(
        state.schedule.pending,
        Some(Pending::Move {
            swap_with: None,
            ..
        })
    ));
    press(&mut state, &[ENTER, ENTER]);
    assert_eq!(
        placed(&state, "A vendor community"),
        [("Round 1".into(), "Main hall".into())]
    );
    assert_eq!(
        placed(&state, "Open standards for planning"),
        [("Round 1".into(), "Library".into())]
    );
    assert_eq!(state.schedule.pending, None);
}

#[test]
fn unscheduling_is_undoable_and_a_session_with_notes_is_refused_in_words() {
    let mut state = schedule_state();
    state.schedule.cursor = at(1, 1);
    let effects = press(&mut state, &[k('d')]);
    assert!(effects.contains(&Effect::Save));
    assert!(placed(&state, "A vendor community").is_empty());
    assert!(status(&state).contains("u undoes"));
    press(&mut state, &[k('u')]);
    assert_eq!(
        placed(&state, "A vendor community"),
        [("Round 1".into(), "Library".into())]
    );

    state.schedule.cursor = at(1, 0);
    assert!(press(&mut state, &[KeyCode::Delete]).is_empty());
    assert_eq!(
        status(&state),
        "Session \"Open standards for planning\" in Round 1 (10:00) already has 3 notes and a facilitator or note-taker; move it instead of unscheduling it, or delete those first."
    );
    assert!(state.status.as_ref().unwrap().error);
}

#[test]
fn r_repeats_a_session_in_another_slot_as_a_session_of_its_own() {
    let mut state = schedule_state();
    state.schedule.cursor = at(1, 0);
    press(&mut state, &[k('r'), k('j'), k('j'), k('l'), k('l'), ENTER]);
    let rooms = placed(&state, "Open standards for planning");
    assert_eq!(
        rooms,
        [
            ("Round 1".into(), "Main hall".into()),
            ("Round 2".into(), "Garden room".into())
        ]
    );
    let repeat = Cells::of(state.event()).session(at(3, 2)).cloned().unwrap();
    assert!(state.event().repeat_of(&repeat).is_some());
    assert_eq!(state.event().note_count(&repeat), 0);
}

#[test]
fn refusals_say_why_and_keep_the_pitch_in_hand_for_another_cell() {
    let mut state = schedule_state();
    press(&mut state, &[k('p'), ENTER, k('j'), k('j')]);
    press(&mut state, &[ENTER]);
    assert_eq!(
        status(&state),
        "Coffee (11:00) is a break; pick a breakout or plenary slot."
    );
    assert!(matches!(state.schedule.pending, Some(Pending::Place(_))));
    press(&mut state, &[k('k'), ENTER]);
    assert_eq!(
        status(&state),
        "Room \"Main hall\" already has \"Open standards for planning\" in Round 1 (10:00); pick another room or move that session first."
    );
    press(&mut state, &[k('j'), k('j'), ENTER]);
    assert_eq!(
        placed(&state, "Data across borders"),
        [("Round 2".into(), "Main hall".into())]
    );

    state.schedule.cursor = at(1, 0);
    press(&mut state, &[k('r'), k('l'), k('l'), ENTER]);
    assert_eq!(
        status(&state),
        "\"Open standards for planning\" already runs in Round 1 (10:00) in room \"Main hall\"; pick another slot."
    );
}

#[test]
fn esc_cancels_whatever_is_in_hand_and_leaves_the_list() {
    let mut state = schedule_state();
    state.schedule.cursor = at(1, 0);
    for start in [k('m'), k('r')] {
        press(&mut state, &[start]);
        assert!(state.schedule.pending.is_some());
        press(&mut state, &[ESC]);
        assert_eq!(state.schedule.pending, None);
    }
    press(&mut state, &[k('p'), ENTER, ESC]);
    assert_eq!(
        (state.schedule.pending.clone(), status(&state)),
        (None, "Placing cancelled.".into())
    );
    press(&mut state, &[k('p'), ESC]);
    assert_eq!(state.schedule.focus, Focus::Grid);
    assert_eq!(state.event().sessions.len(), 2, "nothing changed");
}

#[test]
fn auto_schedule_previews_then_commits_everything_as_one_undo_step() {
    let mut state = schedule_state();
    let before = state.event().sessions.clone();
    assert!(
        press(&mut state, &[k('A')]).is_empty(),
        "a preview writes nothing"
    );
    let preview = state.schedule.preview.clone().unwrap();
    assert_eq!(preview.placements.len(), 3);
    assert_eq!(state.event().sessions, before);
    let effects = press(&mut state, &[ENTER]);
    assert!(effects.contains(&Effect::Save));
    assert_eq!(state.schedule.preview, None);
    assert_eq!(
        placed(&state, "Data across borders"),
        [("Round 2".into(), "Main hall".into())]
    );
    assert_eq!(
        placed(&state, "Responsible tech"),
        [("Round 2".into(), "Library".into())]
    );
    assert_eq!(
        placed(&state, "A pattern library"),
        [("Round 1".into(), "Garden room".into())]
    );
    assert_eq!(state.undo.len(), 1);
    press(&mut state, &[k('u')]);
    assert_eq!(state.event().sessions, before);
}

#[test]
fn a_discarded_proposal_changes_nothing() {
    let mut state = schedule_state();
    let before = state.event().sessions.clone();
    press(&mut state, &[k('A'), k('n')]);
    assert_eq!(state.schedule.preview, None);
    press(&mut state, &[k('A'), ESC]);
    assert_eq!(state.schedule.preview, None);
    assert_eq!(state.event().sessions, before);
    assert!(state.undo.is_empty());
}

#[test]
fn a_proposal_overtaken_by_another_device_is_shown_afresh_not_committed() {
    let mut state = schedule_state();
    press(&mut state, &[k('A')]);
    put_session(&mut state, "Data across borders", "Round 2", "Main hall");
    assert!(press(&mut state, &[ENTER]).is_empty());
    assert!(
        status(&state).contains("fresh proposal"),
        "{}",
        status(&state)
    );
    let fresh = state.schedule.preview.clone().unwrap();
    assert_eq!(fresh.placements.len(), 2);
    assert!(press(&mut state, &[k('y')]).contains(&Effect::Save));
}

#[test]
fn clicks_select_cells_and_pitches_and_the_wheel_moves_a_slot() {
    let mut state = schedule_state();
    screen(&mut state, 160, 48);
    let areas =
        crate::tui::view::schedule::layout(&state, crate::tui::view::schedule::body_area(160, 48));
    let cell = areas.grid.cell_rect(3, 2).unwrap();
    act(
        &mut state,
        Action::Click {
            column: cell.x + 2,
            row: cell.y + 1,
        },
    );
    assert_eq!(state.schedule.cursor, at(3, 2));
    let list = areas.list.unwrap();
    act(
        &mut state,
        Action::Click {
            column: list.rows.x + 3,
            row: list.rows.y + 1,
        },
    );
    assert_eq!(state.schedule.focus, Focus::Pitches);
    assert_eq!(
        state.schedule.selected,
        Some(pitch(&state, "Responsible tech"))
    );
    act(
        &mut state,
        Action::Click {
            column: cell.x,
            row: cell.y,
        },
    );
    assert_eq!(state.schedule.focus, Focus::Grid);
    act(&mut state, Action::Scroll(-3));
    assert_eq!(state.schedule.cursor, at(2, 2));
}

#[test]
fn the_footer_names_what_enter_does_here() {
    let mut state = schedule_state();
    let label = |state: &State| {
        state
            .bindings()
            .into_iter()
            .find(|b| b.keys.contains(&crate::tui::keymap::Key::code(ENTER)))
            .map(|b| b.label)
    };
    state.schedule.cursor = at(1, 0);
    assert_eq!(label(&state), Some("move"));
    state.schedule.cursor = at(3, 0);
    assert_eq!(label(&state), Some("add here"));
    state.schedule.cursor = at(1, 0);
    press(&mut state, &[k('m'), k('l')]);
    assert_eq!(label(&state), Some("put here"));
    press(&mut state, &[ENTER]);
    assert_eq!(label(&state), Some("swap"));
}
