//! Journeys on the Notes screen, as a note-taker and an organiser would
//! make them, through the real keymap.

mod snapshots;
mod taker;

use chrono::Duration;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::model::reference::resolve_session;
use crate::model::{ActionStatus, Change, Note, NoteKind, Record, Session};
use crate::tui::action::Screen;
use crate::tui::keymap::action_for;
use crate::tui::testing::{kim_changes, press, sample_state, screen, type_text};
use crate::tui::update::update;

/// The sample event on the Notes screen (its first session is the one with
/// three notes, in the slot running at 10:40).
fn on_notes() -> State {
    let mut state = sample_state();
    press(&mut state, &[KeyCode::Char('4')]);
    assert_eq!(state.screen, Screen::Notes);
    state
}

fn chosen(state: &State) -> Id {
    session_id(state).cloned().expect("a session on screen")
}

fn texts(state: &State) -> Vec<(NoteKind, String)> {
    state
        .event()
        .notes_of(&chosen(state))
        .map(|(_, n)| (n.kind, n.text.clone()))
        .collect()
}

fn ctrl(state: &mut State, c: char) -> Vec<Effect> {
    let event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    match action_for(state, &event) {
        Some(action) => update(state, action),
        None => Vec::new(),
    }
}

fn backspaces(state: &mut State, n: usize) {
    press(state, &vec![KeyCode::Backspace; n]);
}

/// Note-taker mode as `unconf notes EVENT SESSION` starts it.
fn note_taker(mut state: State, query: &str) -> State {
    let found = resolve_session(state.event(), query, None);
    enter_note_taker(&mut state, query, None, found);
    state
}

#[test]
fn typing_and_enter_add_a_note_and_keep_the_line_open() {
    let mut state = on_notes();
    press(&mut state, &[KeyCode::Char('a')]);
    type_text(&mut state, "Councils want one API");
    let effects = press(&mut state, &[KeyCode::Enter]);
    assert!(effects.contains(&Effect::Save));
    assert_eq!(state.notes.focus, Focus::Capture, "the line stays open");
    assert!(state.notes.capture.is_empty());
    type_text(&mut state, "and one login");
    press(&mut state, &[KeyCode::Enter]);
    let (_, newest) = state
        .event()
        .notes_of(&chosen(&state))
        .next_back()
        .expect("a note");
    assert_eq!(newest.text, "and one login");
    assert_eq!(newest.taken_at, state.now);
    assert_eq!(newest.author, "Sam");
    assert_eq!(texts(&state).len(), 5);
}

#[test]
fn a_one_character_prefix_sets_the_kind_and_shows_it_while_typing() {
    let mut state = on_notes();
    press(&mut state, &[KeyCode::Char('a')]);
    type_text(&mut state, "?");
    assert_eq!(kind_shown(&state.notes.capture.text()), NoteKind::Question);
    backspaces(&mut state, 1);
    for line in [
        "? who pays",
        "!Sam drafts it",
        "= one standard",
        "\"not again\"",
        "* a wiki",
        "plain",
    ] {
        type_text(&mut state, line);
        press(&mut state, &[KeyCode::Enter]);
    }
    let added: Vec<_> = texts(&state).into_iter().skip(3).collect();
    let expected = [
        (NoteKind::Question, "who pays"),
        (NoteKind::Action, "Sam drafts it"),
        (NoteKind::Decision, "one standard"),
        (NoteKind::Quote, "not again"),
        (NoteKind::Idea, "a wiki"),
        (NoteKind::Point, "plain"),
    ];
    let expected: Vec<_> = expected.iter().map(|(k, t)| (*k, t.to_string())).collect();
    assert_eq!(added, expected);
}

#[test]
fn q_typed_into_the_capture_line_does_not_quit_and_esc_then_q_does() {
    let mut state = on_notes();
    press(&mut state, &[KeyCode::Char('a')]);
    type_text(&mut state, "quorum? quite");
    assert!(!state.quit);
    assert_eq!(state.notes.capture.text(), "quorum? quite");
    press(&mut state, &[KeyCode::Esc]);
    assert_eq!(
        state.notes.capture.text(),
        "quorum? quite",
        "Esc keeps the text"
    );
    press(&mut state, &[KeyCode::Char('q')]);
    assert!(state.quit);
}

#[test]
fn up_from_the_line_and_enter_edit_the_newest_note_and_its_kind() {
    let mut state = on_notes();
    press(
        &mut state,
        &[KeyCode::Char('a'), KeyCode::Up, KeyCode::Enter],
    );
    assert_eq!(state.notes.focus, Focus::EditNote);
    let field = state.notes.edit.as_ref().map(|e| e.field.text());
    assert_eq!(field.as_deref(), Some("! Pilot with two councils"));
    press(&mut state, &[KeyCode::Home, KeyCode::Delete]);
    type_text(&mut state, "=");
    press(&mut state, &[KeyCode::End]);
    type_text(&mut state, " in spring");
    let effects = press(&mut state, &[KeyCode::Enter]);
    assert!(effects.contains(&Effect::Save));
    assert_eq!(state.notes.focus, Focus::Capture, "straight back to typing");
    assert_eq!(
        texts(&state).last(),
        Some(&(
            NoteKind::Decision,
            "Pilot with two councils in spring".into()
        ))
    );
    press(
        &mut state,
        &[KeyCode::Up, KeyCode::Up, KeyCode::Down, KeyCode::Down],
    );
    assert_eq!(
        state.notes.focus,
        Focus::Capture,
        "Down past the newest types again"
    );
    press(&mut state, &[KeyCode::Up, KeyCode::Esc]);
    assert_eq!(state.notes.focus, Focus::Capture, "and so does Esc");
}

#[test]
fn delete_is_undone_with_u_and_p_marks_a_note_private() {
    let mut state = on_notes();
    press(&mut state, &[KeyCode::Char('l'), KeyCode::Char('k')]);
    assert_eq!(state.notes.focus, Focus::Log);
    press(&mut state, &[KeyCode::Char('d')]);
    assert_eq!(texts(&state).len(), 2);
    assert!(
        !texts(&state)
            .iter()
            .any(|(_, t)| t == "Who owns the standard?")
    );
    press(&mut state, &[KeyCode::Char('u')]);
    assert_eq!(texts(&state).len(), 3);
    press(&mut state, &[KeyCode::Char('p')]);
    let private: Vec<bool> = state
        .event()
        .notes_of(&chosen(&state))
        .map(|(_, n)| n.private)
        .collect();
    assert_eq!(private, vec![false, true, false]);
    press(&mut state, &[KeyCode::Char('p')]);
    assert!(
        state
            .event()
            .notes_of(&chosen(&state))
            .all(|(_, n)| !n.private)
    );
}

#[test]
fn the_summary_is_multi_line_and_ctrl_s_saves_it() {
    let mut state = on_notes();
    press(&mut state, &[KeyCode::Char('s')]);
    assert_eq!(state.notes.focus, Focus::Writing);
    type_text(&mut state, "Councils want one standard.");
    press(&mut state, &[KeyCode::Enter]);
    type_text(&mut state, "A pilot next.");
    assert_eq!(state.notes.focus, Focus::Writing, "Enter is a new line");
    let effects = ctrl(&mut state, 's');
    assert!(effects.contains(&Effect::Save));
    let session = &state.event().sessions[&chosen(&state)];
    assert_eq!(
        session.summary,
        "Councils want one standard.\nA pilot next."
    );
    assert_eq!(state.notes.focus, Focus::Sessions);
}

/// Kim's laptop, having read everything this laptop wrote, changes the
/// summary of `session`; this laptop then reads Kim's file.
fn kim_changes_the_summary(state: &mut State, session: &Id, summary: &str) {
    use crate::store::{Identity, Replica, Source};
    let me = Identity::from_label("Kim's laptop", "Kim");
    let mut kim = Replica::new(state.event().id.clone(), me, true);
    kim.absorb(state.replica.own_file(), Source::Other);
    let mut changed = kim.event().sessions[session].clone();
    changed.summary = summary.into();
    kim.commit(
        vec![Change::put(session.clone(), Record::Session(changed))],
        state.now.to_utc(),
    )
    .expect("Kim's laptop can write");
    state.replica.absorb(kim.own_file(), Source::Other);
}

#[test]
fn a_summary_changed_on_another_laptop_while_the_editor_is_open_is_kept_and_said() {
    let mut state = on_notes();
    let session = chosen(&state);
    press(&mut state, &[KeyCode::Char('s')]);
    type_text(&mut state, "Sam's summary");
    kim_changes_the_summary(&mut state, &session, "Kim's summary");
    let shown = crate::tui::testing::screen(&mut state, 120, 40);
    assert!(shown.contains("Kim changed this meanwhile"), "{shown}");
    let effects = press(&mut state, &[KeyCode::Esc]);
    assert!(effects.contains(&Effect::Save));
    assert!(
        state.event().is_conflicted(&session),
        "Kim's summary is not overwritten: both are kept"
    );
    let status = state
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(status.contains("Kim changed the summary too"), "{status}");
}

#[test]
fn a_summary_saved_before_anything_arrived_covers_what_it_showed() {
    let mut state = on_notes();
    let session = chosen(&state);
    kim_changes_the_summary(&mut state, &session, "Kim's summary");
    press(&mut state, &[KeyCode::Char('s')]);
    type_text(&mut state, " and Sam's");
    press(&mut state, &[KeyCode::Esc]);
    assert!(!state.event().is_conflicted(&session));
    assert!(
        state.event().sessions[&session]
            .summary
            .ends_with(" and Sam's")
    );
}

#[test]
fn esc_in_the_outcome_editor_saves_rather_than_losing_the_text() {
    let mut state = on_notes();
    press(&mut state, &[KeyCode::Char('o')]);
    type_text(&mut state, "Three councils will pilot it.");
    let effects = press(&mut state, &[KeyCode::Esc]);
    assert!(effects.contains(&Effect::Save));
    let key = Part::Outcome.draft_key(&chosen(&state));
    assert!(effects.contains(&Effect::ClearDraft { key }));
    let session = &state.event().sessions[&chosen(&state)];
    assert_eq!(session.outcome, "Three councils will pilot it.");
}

#[test]
fn a_next_step_needs_a_real_due_date_and_can_be_marked_done() {
    let mut state = on_notes();
    press(&mut state, &[KeyCode::Char('n'), KeyCode::Char('a')]);
    assert_eq!(state.notes.focus, Focus::ActionForm);
    type_text(&mut state, "Write up the pilot");
    press(&mut state, &[KeyCode::Tab]);
    type_text(&mut state, "Asha Patel");
    press(&mut state, &[KeyCode::Tab]);
    type_text(&mut state, "next week");
    press(&mut state, &[KeyCode::Enter]);
    let status = state.status.clone().expect("a message");
    assert!(status.error);
    assert!(
        status
            .text
            .contains("type one like 2026-12-04 or 4 December"),
        "{}",
        status.text
    );
    assert_eq!(state.notes.focus, Focus::ActionForm, "the form stays open");
    assert_eq!(state.notes.action_form.as_ref().map(|f| f.focus), Some(2));
    backspaces(&mut state, 9);
    type_text(&mut state, "2026-12-04");
    let effects = press(&mut state, &[KeyCode::Enter]);
    assert!(effects.contains(&Effect::Save));
    let actions = state.event().actions_of(Some(&chosen(&state)));
    // After the session's action note, which is a next step too.
    let (_, action) = actions.last().expect("the next step");
    assert_eq!(action.owner.as_deref(), Some("Asha Patel"));
    assert_eq!(
        action.due.map(|d| d.to_string()).as_deref(),
        Some("2026-12-04")
    );
    press(&mut state, &[KeyCode::Char('x')]);
    let actions = state.event().actions_of(Some(&chosen(&state)));
    assert_eq!(actions.last().map(|a| a.1.status), Some(ActionStatus::Done));
}

#[test]
fn a_next_step_can_be_changed_after_it_was_added_and_keeps_its_status() {
    let mut state = on_notes();
    press(&mut state, &[KeyCode::Char('n'), KeyCode::Char('a')]);
    type_text(&mut state, "Write up the pilot");
    press(&mut state, &[KeyCode::Enter]);
    press(&mut state, &[KeyCode::Char('x')]);
    // Enter opens it with its text, owner and due date to change.
    press(&mut state, &[KeyCode::Enter]);
    assert_eq!(state.notes.focus, Focus::ActionForm);
    assert!(crate::tui::testing::screen(&mut state, 80, 24).contains("Enter saves"));
    type_text(&mut state, " for both councils");
    press(&mut state, &[KeyCode::Tab]);
    type_text(&mut state, "Kim Lee");
    press(&mut state, &[KeyCode::Tab]);
    type_text(&mut state, "2026-12-11");
    let effects = press(&mut state, &[KeyCode::Enter]);
    assert!(effects.contains(&Effect::Save));
    assert_eq!(state.notes.focus, Focus::NextSteps);
    let actions = state.event().actions_of(Some(&chosen(&state)));
    assert_eq!(
        actions.len(),
        2,
        "the action note's and this one: changed, not added"
    );
    let (_, step) = &actions[1];
    assert_eq!(step.text, "Write up the pilot for both councils");
    assert_eq!(step.owner.as_deref(), Some("Kim Lee"));
    assert_eq!(
        step.due.map(|d| d.to_string()).as_deref(),
        Some("2026-12-11")
    );
    assert_eq!(step.status, ActionStatus::Done, "still done");

    // An emptied step cannot be saved: Esc keeps the form open to fix.
    press(&mut state, &[KeyCode::Char('e')]);
    backspaces(&mut state, 40);
    press(&mut state, &[KeyCode::Esc]);
    assert_eq!(state.notes.focus, Focus::ActionForm);
    let actions = state.event().actions_of(Some(&chosen(&state)));
    assert_eq!(actions[1].1.text, "Write up the pilot for both councils");
    // Esc saves what was typed, as Enter does, and u undoes it.
    type_text(&mut state, "Pilot it");
    press(&mut state, &[KeyCode::Esc]);
    assert_eq!(state.notes.focus, Focus::NextSteps);
    let actions = state.event().actions_of(Some(&chosen(&state)));
    assert_eq!(actions[1].1.text, "Pilot it");
    press(&mut state, &[KeyCode::Char('u')]);
    let actions = state.event().actions_of(Some(&chosen(&state)));
    assert_eq!(actions[1].1.text, "Write up the pilot for both councils");
    press(&mut state, &[KeyCode::Char('a')]);
    let form = state.notes.action_form.as_ref().expect("a new form");
    assert!(form.fields.iter().all(TextField::is_empty));
}

#[test]
fn details_take_a_count_a_note_taker_and_chatham_house() {
    let mut state = on_notes();
    press(&mut state, &[KeyCode::Char('e')]);
    type_text(&mut state, "a dozen");
    press(&mut state, &[KeyCode::Enter]);
    assert!(state.status.as_ref().is_some_and(|s| s.error));
    backspaces(&mut state, 7);
    type_text(&mut state, "12");
    press(&mut state, &[KeyCode::Tab]);
    backspaces(&mut state, 3);
    type_text(&mut state, "Kim");
    press(&mut state, &[KeyCode::Esc, KeyCode::Char('c')]);
    let session = &state.event().sessions[&chosen(&state)];
    assert_eq!(session.attendees, Some(12));
    assert_eq!(session.note_taker.as_deref(), Some("Kim"));
    assert!(session.chatham_house);
}

/// Adds a session for the "Data across borders" pitch in Round 2.
fn with_round_two(mut state: State) -> State {
    let event = state.event();
    let slot = event.slots.iter().find(|(_, s)| s.label == "Round 2");
    let room = event.rooms.iter().find(|(_, r)| r.name == "Library");
    let pitch = event
        .pitches
        .iter()
        .find(|(_, p)| p.title == "Data across borders");
    let (Some((slot, _)), Some((room, _)), Some((pitch, _))) = (slot, room, pitch) else {
        panic!("sample event changed");
    };
    let session = Session {
        pitches: vec![pitch.clone()],
        slot: slot.clone(),
        room: room.clone(),
        ..Session::default()
    };
    let id = state.new_id();
    let change = Change::put(id, Record::Session(session));
    state.commit("test", vec![change]);
    state
}

#[test]
fn the_running_slot_is_listed_first() {
    let mut state = with_round_two(sample_state());
    let title = |state: &State| {
        let id = sessions::order(state.event(), state.now)[0];
        state
            .event()
            .session_title(&state.event().sessions[id])
            .to_string()
    };
    assert_eq!(title(&state), "Open standards for planning");
    state.now += Duration::minutes(60);
    assert_eq!(title(&state), "Data across borders");
}

#[test]
fn clicks_select_a_session_and_a_note_and_scrolling_moves_the_log() {
    let mut state = on_notes();
    crate::tui::testing::screen(&mut state, 80, 24);
    // Row 1 is the slot heading, rows 2 and 3 its two sessions.
    update(&mut state, Action::Click { column: 4, row: 3 });
    let vendor = resolve_session(state.event(), "vendor", None).expect("found");
    assert_eq!(session_id(&state), Some(&vendor));
    press(&mut state, &[KeyCode::Char('k')]);
    // Header 3 rows and a rule below the tab bar: the first note is on row 5.
    update(&mut state, Action::Click { column: 40, row: 5 });
    assert_eq!(state.notes.focus, Focus::Log);
    assert_eq!(state.notes.log.selected, 2);
    update(&mut state, Action::Scroll(-3));
    assert_eq!(state.notes.log.bottom, 2, "clamped to the oldest note");
}

#[test]
fn only_the_visible_notes_are_laid_out() {
    let mut state = sample_state();
    let session = chosen(&state);
    add_notes(&mut state, &session, 2000);
    let request = crate::tui::widget::note_log::Request {
        session: &session,
        me: "Sam",
        bottom: 0,
        selected: None,
        marked: &[],
    };
    let area = ratatui::layout::Rect::new(0, 0, 50, 16);
    let theme = crate::tui::theme::Theme::new(false);
    let window = crate::tui::widget::note_log::window(state.event(), request, area, theme);
    assert!(window.placed.len() <= 16);
    assert_eq!(window.older + window.placed.len(), 2003);
    assert_eq!(window.newer, 0);
}

/// `n` numbered notes, a minute apart, from 10:41, by two people.
pub fn add_notes(state: &mut State, session: &Id, n: usize) {
    let changes = (0..n)
        .map(|i| {
            let note = Note {
                session: session.clone(),
                text: format!("Note {i}: suppliers asked about open standards and shared code"),
                kind: NoteKind::ALL[i % NoteKind::ALL.len()],
                taken_at: state.now + Duration::minutes(1 + i as i64),
                author: if i % 5 == 0 {
                    "Tom".into()
                } else {
                    "Sam".into()
                },
                private: i % 7 == 0,
                status: crate::model::ActionStatus::Open,
            };
            Change::put(state.new_id(), Record::Note(note))
        })
        .collect();
    state.commit("test notes", changes);
}

// Each editor on this screen says, while it is open, that another laptop
// changed what it edits, and saving then keeps both (or, for a field the
// person left alone, writes nothing over the other laptop's change).

/// The session's attendee counts among its conflicting versions.
fn conflicting_attendees(state: &State, session: &Id) -> Vec<Option<u32>> {
    let conflict = state.replica.conflict(session).expect("a conflict");
    let mut counts: Vec<Option<u32>> = conflict
        .versions
        .iter()
        .filter_map(|v| match &v.value {
            Some(Record::Session(s)) => Some(s.attendees),
            _ => None,
        })
        .collect();
    counts.sort();
    counts
}

/// The texts of a note or next step among its conflicting versions.
fn conflicting_texts(state: &State, id: &Id) -> Vec<String> {
    let conflict = state.replica.conflict(id).expect("a conflict");
    let mut texts: Vec<String> = conflict
        .versions
        .iter()
        .filter_map(|v| match &v.value {
            Some(Record::Note(n)) => Some(n.text.clone()),
            Some(Record::Action(a)) => Some(a.text.clone()),
            _ => None,
        })
        .collect();
    texts.sort();
    texts
}

#[test]
fn the_details_form_says_when_another_laptop_changed_the_session_and_saving_keeps_both() {
    let mut state = on_notes();
    let session = chosen(&state);
    press(&mut state, &[KeyCode::Char('e')]);
    assert_eq!(state.notes.focus, Focus::Details);
    type_text(&mut state, "12");
    kim_changes(&mut state, &session, |record| {
        if let Record::Session(s) = record {
            s.attendees = Some(20);
        }
    });
    let shown = screen(&mut state, 120, 40);
    assert!(shown.contains("Kim changed this meanwhile"), "{shown}");
    let effects = press(&mut state, &[KeyCode::Enter]);
    assert!(effects.contains(&Effect::Save));
    assert!(
        state.event().is_conflicted(&session),
        "Kim's count is not overwritten: both are kept"
    );
    assert_eq!(
        conflicting_attendees(&state, &session),
        [Some(12), Some(20)]
    );
}

#[test]
fn the_details_form_writes_nothing_over_a_field_changed_elsewhere_that_it_left_alone() {
    let mut state = on_notes();
    let session = chosen(&state);
    press(&mut state, &[KeyCode::Char('e')]);
    type_text(&mut state, "12");
    // The form shows the note-taker (Sam) too, and the person leaves it.
    kim_changes(&mut state, &session, |record| {
        if let Record::Session(s) = record {
            s.note_taker = Some("Kim Lee".into());
        }
    });
    let shown = screen(&mut state, 120, 40);
    assert!(shown.contains("Kim changed this meanwhile"), "{shown}");
    let effects = press(&mut state, &[KeyCode::Enter]);
    assert!(effects.contains(&Effect::Save));
    assert!(!state.event().is_conflicted(&session));
    let saved = &state.event().sessions[&session];
    assert_eq!(saved.note_taker.as_deref(), Some("Kim Lee"), "Kim's stays");
    assert_eq!(
        saved.attendees,
        Some(12),
        "and the count typed here is saved"
    );
}

#[test]
fn the_next_step_form_says_when_another_laptop_changed_the_step_and_saving_keeps_both() {
    let mut state = on_notes();
    let session = chosen(&state);
    press(&mut state, &[KeyCode::Char('n'), KeyCode::Char('a')]);
    type_text(&mut state, "Write up the pilot");
    press(&mut state, &[KeyCode::Enter]);
    let step = state.event().actions_of(Some(&session))[1].0.clone();
    // Enter opens the step to change it.
    press(&mut state, &[KeyCode::Enter]);
    assert_eq!(state.notes.focus, Focus::ActionForm);
    assert_eq!(state.notes.editing_step.as_ref(), Some(&step));
    type_text(&mut state, " for both councils");
    kim_changes(&mut state, &step, |record| {
        if let Record::Action(a) = record {
            a.text = "Write up the pilot by Friday".into();
        }
    });
    let shown = screen(&mut state, 120, 40);
    assert!(shown.contains("Kim changed this meanwhile"), "{shown}");
    let effects = press(&mut state, &[KeyCode::Enter]);
    assert!(effects.contains(&Effect::Save));
    assert!(state.event().is_conflicted(&step), "both texts are kept");
    assert_eq!(
        conflicting_texts(&state, &step),
        [
            "Write up the pilot by Friday",
            "Write up the pilot for both councils"
        ]
    );
}

#[test]
fn the_note_edit_line_says_when_another_laptop_changed_the_note_and_saving_keeps_both() {
    let mut state = on_notes();
    press(
        &mut state,
        &[KeyCode::Char('a'), KeyCode::Up, KeyCode::Enter],
    );
    assert_eq!(state.notes.focus, Focus::EditNote);
    let note = state.notes.edit.as_ref().expect("editing").note.clone();
    let shown = screen(&mut state, 120, 40);
    assert!(!shown.contains("changed elsewhere!"), "{shown}");
    press(&mut state, &[KeyCode::End]);
    type_text(&mut state, " in spring");
    kim_changes(&mut state, &note, |record| {
        if let Record::Note(n) = record {
            n.text = "Pilot with three councils".into();
        }
    });
    let shown = screen(&mut state, 120, 40);
    assert!(shown.contains("changed elsewhere! edit"), "{shown}");
    let effects = press(&mut state, &[KeyCode::Enter]);
    assert!(effects.contains(&Effect::Save));
    assert!(state.event().is_conflicted(&note), "both texts are kept");
    assert_eq!(
        conflicting_texts(&state, &note),
        [
            "Pilot with three councils",
            "Pilot with two councils in spring"
        ]
    );
}

#[test]
fn marked_notes_move_to_the_session_picked_and_u_undoes_it() {
    let mut state = on_notes();
    let from = chosen(&state);
    press(&mut state, &[KeyCode::Right]);
    assert_eq!(state.notes.focus, Focus::Log);
    press(
        &mut state,
        &[KeyCode::Char(' '), KeyCode::Up, KeyCode::Char(' ')],
    );
    assert_eq!(state.notes.marked.len(), 2);
    let shown = crate::tui::testing::screen(&mut state, 80, 24);
    assert_eq!(shown.matches("[marked]").count(), 2, "{shown}");
    press(&mut state, &[KeyCode::Char('m')]);
    assert_eq!(state.notes.focus, Focus::Choose);
    assert_eq!(state.note_taker, None, "still the facilitator's screen");
    let (to, _) = state.notes.candidates[0].clone();
    assert_ne!(to, from);
    insta::assert_snapshot!(crate::tui::testing::screen(&mut state, 80, 24));
    let effects = press(&mut state, &[KeyCode::Enter]);
    assert!(effects.contains(&Effect::Save));
    assert_eq!(state.event().notes_of(&from).count(), 1);
    assert_eq!(state.event().notes_of(&to).count(), 2);
    assert!(state.notes.marked.is_empty());
    press(&mut state, &[KeyCode::Char('u')]);
    assert_eq!(state.event().notes_of(&from).count(), 3);
}

#[test]
fn m_moves_the_selected_note_when_none_is_marked_and_esc_moves_nothing() {
    let mut state = on_notes();
    let from = chosen(&state);
    press(&mut state, &[KeyCode::Right, KeyCode::Char('m')]);
    assert_eq!(state.notes.moving.as_ref().map(Vec::len), Some(1));
    press(&mut state, &[KeyCode::Esc]);
    assert_eq!(state.notes.focus, Focus::Log);
    assert_eq!(state.event().notes_of(&from).count(), 3);
}

#[test]
fn a_next_step_owner_typed_in_any_case_is_the_person_the_event_knows() {
    let mut state = on_notes();
    press(&mut state, &[KeyCode::Char('n'), KeyCode::Char('a')]);
    type_text(&mut state, "Write up the pilot");
    press(&mut state, &[KeyCode::Tab]);
    type_text(&mut state, "asha  PATEL");
    press(&mut state, &[KeyCode::Enter]);
    let actions = state.event().actions_of(Some(&chosen(&state)));
    let (_, action) = (actions.iter())
        .find(|(_, a)| a.text == "Write up the pilot")
        .expect("the next step");
    assert_eq!(action.owner.as_deref(), Some("Asha Patel"));
}
