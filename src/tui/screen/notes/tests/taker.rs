//! Drafts and note-taker mode: nothing typed is lost, and a note-taker
//! can start before the organiser's schedule has arrived.

use chrono::Duration;
use ratatui::crossterm::event::KeyCode;

use super::{chosen, note_taker, on_notes, texts};
use crate::model::reference::resolve_session;
use crate::model::{Change, NoteKind, Record, Session};
use crate::tui::action::{Action, Effect, Screen};
use crate::tui::screen::notes::*;
use crate::tui::testing::{empty_state, press, sample_state, type_text};
use crate::tui::update::update;

#[test]
fn typed_text_becomes_a_draft_after_two_idle_seconds() {
    let mut state = on_notes();
    let key = note_draft_key(&chosen(&state));
    press(&mut state, &[KeyCode::Char('a')]);
    type_text(&mut state, "Half a no");
    let soon = state.now + Duration::seconds(1);
    assert!(update(&mut state, Action::Tick(soon)).is_empty());
    let later = state.now + Duration::seconds(1);
    let effects = update(&mut state, Action::Tick(later));
    let text = "Half a no".to_string();
    assert_eq!(effects, vec![Effect::SaveDraft { key, text }]);
    press(&mut state, &[KeyCode::Esc, KeyCode::Char('s')]);
    type_text(&mut state, "Half a sum");
    let later = state.now + Duration::seconds(2);
    let effects = update(&mut state, Action::Tick(later));
    let key = Part::Summary.draft_key(&chosen(&state));
    let text = "Half a sum".to_string();
    assert_eq!(effects, vec![Effect::SaveDraft { key, text }]);
}

#[test]
fn drafts_from_a_crash_come_back_in_their_own_session() {
    let mut state = sample_state();
    let vendor = resolve_session(state.event(), "vendor", None).expect("found");
    let drafts = [
        (note_draft_key(&vendor), "half a note".to_string()),
        (
            Part::Summary.draft_key(&vendor),
            "half a summary".to_string(),
        ),
    ];
    offer_drafts(&mut state, drafts);
    press(&mut state, &[KeyCode::Char('4'), KeyCode::Char('a')]);
    assert!(state.notes.capture.is_empty(), "not in the first session");
    press(
        &mut state,
        &[
            KeyCode::Esc,
            KeyCode::Esc,
            KeyCode::Char('j'),
            KeyCode::Char('a'),
        ],
    );
    assert_eq!(state.notes.capture.text(), "half a note");
    press(&mut state, &[KeyCode::Esc, KeyCode::Char('s')]);
    let writing = state.notes.writing.as_ref().map(|w| w.field.text());
    assert_eq!(writing.as_deref(), Some("half a summary"));
}

#[test]
fn switching_sessions_parks_what_was_typed() {
    let mut state = on_notes();
    let first = chosen(&state);
    press(&mut state, &[KeyCode::Char('a')]);
    type_text(&mut state, "unfinished");
    let effects = press(
        &mut state,
        &[KeyCode::Esc, KeyCode::Esc, KeyCode::Char('j')],
    );
    let key = note_draft_key(&first);
    let text = "unfinished".to_string();
    assert!(effects.contains(&Effect::SaveDraft { key, text }));
    assert!(state.notes.capture.is_empty());
    press(&mut state, &[KeyCode::Char('k'), KeyCode::Char('a')]);
    assert_eq!(state.notes.capture.text(), "unfinished");
}

#[test]
fn note_taker_mode_starts_in_the_capture_line_of_its_session() {
    let mut state = note_taker(sample_state(), "vendor community");
    assert_eq!(state.screen, Screen::Notes);
    assert_eq!(state.notes.focus, Focus::Capture);
    assert!(state.typing());
    type_text(&mut state, "Suppliers want earlier sight of tenders");
    press(&mut state, &[KeyCode::Enter]);
    assert_eq!(texts(&state).len(), 1);
    assert!(!state.quit);
    press(&mut state, &[KeyCode::Char('2')]);
    assert_eq!(state.screen, Screen::Notes, "only this session");
    assert_eq!(state.notes.capture.text(), "2");
    press(&mut state, &[KeyCode::Esc, KeyCode::Char('q')]);
    assert!(state.quit);
}

#[test]
fn before_the_schedule_arrives_notes_are_kept_and_added_later() {
    let mut state = note_taker(empty_state(), "vendor community");
    assert!(state.notes.schedule_missing.is_some());
    assert_eq!(state.notes.focus, Focus::Capture);
    type_text(&mut state, "? who runs it");
    let effects = press(&mut state, &[KeyCode::Enter]);
    let Some(Effect::SaveDraft { key, text }) = effects.first().cloned() else {
        panic!("the note is kept as a draft: {effects:?}");
    };
    assert!(state.event().notes.is_empty());
    // The next run, with the organiser's schedule synced.
    let mut later = sample_state();
    offer_drafts(&mut later, [(key.clone(), text)]);
    let mut later = note_taker(later, "vendor community");
    let effects = type_text(&mut later, "x");
    assert!(effects.contains(&Effect::ClearDraft { key }));
    assert_eq!(
        texts(&later),
        vec![(NoteKind::Question, "who runs it".into())]
    );
}

#[test]
fn when_the_schedule_syncs_in_the_next_key_moves_to_the_session() {
    let mut state = note_taker(sample_state(), "digital skills");
    type_text(&mut state, "! ask the LGA");
    press(&mut state, &[KeyCode::Enter]);
    type_text(&mut state, "half");
    // The organiser's laptop schedules the pitch; the loop reloads it.
    let pitch = crate::model::Pitch {
        title: "Digital skills".into(),
        ..Default::default()
    };
    let pitch_id = state.new_id();
    let slot = state.event().slots.keys().nth(3).cloned().expect("a slot");
    let room = state.event().rooms.keys().next().cloned().expect("a room");
    let session = Session {
        pitches: vec![pitch_id.clone()],
        slot,
        room,
        ..Session::default()
    };
    let session_id = state.new_id();
    state.commit(
        "synced",
        vec![
            Change::put(pitch_id, Record::Pitch(pitch)),
            Change::put(session_id.clone(), Record::Session(session)),
        ],
    );
    assert!(arrived(&state).is_some());
    let effects = type_text(&mut state, " done");
    assert!(effects.contains(&Effect::Save));
    assert_eq!(state.note_taker, Some(session_id));
    assert!(state.notes.schedule_missing.is_none());
    assert_eq!(
        texts(&state),
        vec![(NoteKind::Action, "ask the LGA".into())]
    );
    assert_eq!(
        state.notes.capture.text(),
        "half done",
        "the line carries on"
    );
}

#[test]
fn an_ambiguous_session_is_picked_inside_note_taker_mode() {
    let state = note_taker(sample_state(), "a");
    assert!(state.note_taker.is_some());
    assert_eq!(state.notes.focus, Focus::Choose);
    assert!(state.notes.candidates.len() > 1);
}

/// "Data across borders" in Round 2 (Library) and again in Round 1
/// (Garden room).
fn repeated(state: State) -> State {
    let mut state = super::with_round_two(state);
    let event = state.event();
    let first = event.sessions_in_order().into_iter().find_map(|(_, s)| {
        let title = event.pitches.get(s.pitches.first()?)?.title.as_str();
        (title == "Data across borders").then(|| s.clone())
    });
    let garden = event.rooms.iter().find(|(_, r)| r.name == "Garden room");
    let round_one = event.slots.iter().find(|(_, s)| s.label == "Round 1");
    let (Some(first), Some((room, _)), Some((slot, _))) = (first, garden, round_one) else {
        panic!("sample event changed");
    };
    let again = Session {
        slot: slot.clone(),
        room: room.clone(),
        ..first
    };
    let id = state.new_id();
    state.commit("test", vec![Change::put(id, Record::Session(again))]);
    state
}

#[test]
fn a_repeated_session_asks_which_one_inside_note_taker_mode() {
    let mut state = note_taker(repeated(sample_state()), "data across");
    assert_eq!(state.notes.focus, Focus::Choose);
    assert!(state.note_taker.is_some(), "still note-taker mode");
    assert_eq!(state.notes.candidates.len(), 2);
    let shown = crate::tui::testing::screen(&mut state, 80, 24);
    assert!(shown.contains("Which one is yours?"), "{shown}");
    assert!(shown.contains("Note-taker"), "{shown}");
    assert!(!shown.contains("2 Pitches"), "{shown}");
    press(&mut state, &[KeyCode::Char('2')]);
    assert_eq!(state.screen, Screen::Notes, "no other screens");
    press(&mut state, &[KeyCode::Down]);
    let (picked, label) = state.notes.candidates[1].clone();
    assert_eq!(label, "Data across borders — Round 2 11:15, Library");
    assert_eq!(state.note_taker, Some(picked.clone()), "the header follows");
    press(&mut state, &[KeyCode::Enter]);
    assert_eq!(state.note_taker, Some(picked.clone()));
    assert_eq!(state.notes.focus, Focus::Capture);
    type_text(&mut state, "Borders matter");
    press(&mut state, &[KeyCode::Enter]);
    assert_eq!(
        state.event().notes_of(&picked).count(),
        1,
        "the note went to the picked occurrence"
    );
}

#[test]
fn the_occurrence_picker_at_80_by_24_and_60_by_20() {
    let mut state = note_taker(repeated(sample_state()), "data across");
    insta::assert_snapshot!(crate::tui::testing::screen(&mut state, 80, 24));
    insta::assert_snapshot!(crate::tui::testing::screen(&mut state, 60, 20));
}

#[test]
fn the_capture_hint_keeps_every_prefix_visible_at_any_width() {
    for width in 12..90 {
        let hint = prefix_hint(width);
        assert!(crate::model::text::width(hint) <= width, "{width}: {hint}");
        for prefix in ['?', '!', '=', '"', '*'] {
            assert!(hint.contains(prefix), "{width}: {hint}");
        }
    }
    let mut state = super::on_notes();
    press(&mut state, &[KeyCode::Char('a')]);
    let shown = crate::tui::testing::screen(&mut state, 80, 24);
    let line = shown.lines().nth(21).unwrap_or_default();
    assert!(line.contains("\"quote") && line.contains("*idea"), "{line}");
}
