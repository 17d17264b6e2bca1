use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::model::ops::SessionDetails;
use crate::model::{Change, Note, NoteKind, Record};
use crate::tui::action::Screen;
use crate::tui::keymap::action_for;
use crate::tui::testing::{act, now, press, sample_state, screen, type_text};
use crate::tui::update::update;

fn on_wrapup() -> State {
    let mut state = sample_state();
    state.screen = Screen::Wrapup;
    state
}

fn ctrl_s(state: &mut State) -> Vec<Effect> {
    let key = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    match action_for(state, &key) {
        Some(action) => update(state, action),
        None => Vec::new(),
    }
}

fn session_ids(state: &State) -> Vec<Id> {
    state
        .event()
        .sessions_in_order()
        .into_iter()
        .map(|(id, _)| id.clone())
        .collect()
}

fn status(state: &State) -> String {
    state
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// The first session as the group reported it back.
fn reported(state: &mut State) {
    let id = session_ids(state)[0].clone();
    let details = SessionDetails {
        summary: Some("Councils want one planning standard and a way to own it.".into()),
        outcome: Some("Pilot a shared standard with two councils.".into()),
        attendees: Some(Some(18)),
        ..SessionDetails::default()
    };
    let changes = ops::set_session_details(state.event(), &id, details).unwrap_or_default();
    state.commit("", changes);
    let step = crate::model::Action {
        session: Some(id),
        text: "Write up the pilot proposal".into(),
        owner: Some("Asha Patel".into()),
        due: chrono::NaiveDate::from_ymd_opt(2026, 12, 4),
        ..crate::model::Action::default()
    };
    let new = state.new_id();
    let changes = ops::add_action(state.event(), new, step).unwrap_or_default();
    state.commit("", changes);
    state.status = None;
}

#[test]
fn pages_follow_the_programme_and_end_with_the_decisions() {
    let mut state = on_wrapup();
    let ids = session_ids(&state);
    assert_eq!(current_page(&state), Page::Session(ids[0].clone()));
    press(&mut state, &[KeyCode::Left]);
    assert_eq!(status(&state), "This is the first session.");
    press(&mut state, &[KeyCode::Char(' ')]);
    assert_eq!(current_page(&state), Page::Session(ids[1].clone()));
    press(&mut state, &[KeyCode::Char('n')]);
    assert_eq!(current_page(&state), Page::Decisions);
    press(&mut state, &[KeyCode::Right, KeyCode::Char('l')]);
    assert_eq!(current_page(&state), Page::Decisions, "it stops there");
    press(&mut state, &[KeyCode::Backspace]);
    assert_eq!(current_page(&state), Page::Session(ids[1].clone()));
    press(&mut state, &[KeyCode::Char('h')]);
    assert_eq!(current_page(&state), Page::Session(ids[0].clone()));
    press(&mut state, &[KeyCode::End]);
    assert_eq!(current_page(&state), Page::Decisions);
    press(&mut state, &[KeyCode::Home]);
    assert_eq!(page_index(&state).0, 0);
}

#[test]
fn the_outcome_is_typed_on_the_spot_and_kept_as_a_draft_meanwhile() {
    let mut state = on_wrapup();
    let id = session_ids(&state)[1].clone();
    press(&mut state, &[KeyCode::Char('p'), KeyCode::Right]);
    press(&mut state, &[KeyCode::Char('o')]);
    assert!(state.typing());
    type_text(&mut state, "A vendor community, like the buyers' one.");
    let later = state.now + chrono::Duration::seconds(2);
    let effects = act(&mut state, Action::Tick(later));
    assert_eq!(
        effects,
        vec![Effect::SaveDraft {
            key: format!("outcome:{id}"),
            text: "A vendor community, like the buyers' one.".into()
        }]
    );
    let effects = ctrl_s(&mut state);
    assert!(effects.contains(&Effect::Save));
    assert!(effects.contains(&Effect::ClearDraft {
        key: format!("outcome:{id}")
    }));
    assert_eq!(
        state.event().sessions[&id].outcome,
        "A vendor community, like the buyers' one."
    );
    assert!(!screen(&mut state, 80, 24).contains("Nothing recorded yet"));
}

#[test]
fn esc_saves_the_summary_as_on_the_notes_screen() {
    let mut state = on_wrapup();
    let id = session_ids(&state)[0].clone();
    press(&mut state, &[KeyCode::Char('s')]);
    type_text(&mut state, "One standard, owned in the open");
    let effects = press(&mut state, &[KeyCode::Esc]);
    assert!(effects.contains(&Effect::Save));
    assert!(effects.contains(&Effect::ClearDraft {
        key: format!("summary:{id}")
    }));
    assert_eq!(
        state.event().sessions[&id].summary,
        "One standard, owned in the open"
    );
}

#[test]
fn a_next_step_left_with_esc_is_saved_and_u_undoes_it() {
    let mut state = on_wrapup();
    press(&mut state, &[KeyCode::Char('a')]);
    type_text(&mut state, "Share the slides");
    assert!(press(&mut state, &[KeyCode::Esc]).contains(&Effect::Save));
    assert_eq!(state.event().actions.len(), 1);
    press(&mut state, &[KeyCode::Char('u')]);
    assert!(state.event().actions.is_empty());
}

#[test]
fn a_next_step_that_cannot_be_saved_comes_back_when_its_form_opens_again() {
    let mut state = on_wrapup();
    press(&mut state, &[KeyCode::Char('a')]);
    type_text(&mut state, "Share the slides");
    press(&mut state, &[KeyCode::Tab, KeyCode::Tab]);
    type_text(&mut state, "next week");
    assert!(press(&mut state, &[KeyCode::Esc]).is_empty());
    assert!(state.event().actions.is_empty());
    assert!(
        status(&state).starts_with("Not saved ("),
        "{}",
        status(&state)
    );
    press(&mut state, &[KeyCode::Right, KeyCode::Char('a')]);
    assert_eq!(
        state.wrapup.focused_field().map(TextField::text).as_deref(),
        Some(""),
        "another session's step starts empty"
    );
    press(
        &mut state,
        &[KeyCode::Esc, KeyCode::Left, KeyCode::Char('a')],
    );
    assert_eq!(
        state.wrapup.focused_field().map(TextField::text).as_deref(),
        Some("next week")
    );
    press(&mut state, &[KeyCode::Backspace; 9]);
    type_text(&mut state, "2026-12-04");
    press(&mut state, &[KeyCode::Enter]);
    assert_eq!(state.event().actions.len(), 1);
}

#[test]
fn next_steps_are_added_marked_done_edited_and_deleted() {
    let mut state = on_wrapup();
    let id = session_ids(&state)[0].clone();
    press(&mut state, &[KeyCode::Char('a')]);
    type_text(&mut state, "Pilot with two councils");
    press(&mut state, &[KeyCode::Tab]);
    type_text(&mut state, "Asha");
    press(&mut state, &[KeyCode::Tab]);
    type_text(&mut state, "2026-12-04");
    assert!(press(&mut state, &[KeyCode::Enter]).contains(&Effect::Save));
    let (step_id, step) = {
        // Made after the session's action note, which is a next step too.
        let steps = state.event().actions_of(Some(&id));
        let (step_id, step) = steps.last().expect("the next step");
        ((*step_id).clone(), step.clone())
    };
    assert_eq!(step.owner.as_deref(), Some("Asha"));
    assert_eq!(
        step.due.map(|d| d.to_string()).as_deref(),
        Some("2026-12-04")
    );
    press(&mut state, &[KeyCode::Char('x')]);
    assert_eq!(state.event().actions[&step_id].status, ActionStatus::Done);
    press(&mut state, &[KeyCode::Enter]);
    type_text(&mut state, " in spring");
    press(&mut state, &[KeyCode::Enter]);
    let step = &state.event().actions[&step_id];
    assert_eq!(step.text, "Pilot with two councils in spring");
    assert_eq!(step.status, ActionStatus::Done, "editing keeps it done");
    press(&mut state, &[KeyCode::Char('d')]);
    assert!(state.event().actions.is_empty());
    press(&mut state, &[KeyCode::Char('u')]);
    assert_eq!(state.event().actions.len(), 1);
}

#[test]
fn a_due_date_that_is_not_a_date_keeps_the_form_open() {
    let mut state = on_wrapup();
    press(&mut state, &[KeyCode::Char('a')]);
    type_text(&mut state, "Follow up");
    press(&mut state, &[KeyCode::Tab, KeyCode::Tab]);
    type_text(&mut state, "friday");
    press(&mut state, &[KeyCode::Enter]);
    assert!(state.wrapup.form.is_some());
    assert!(status(&state).contains("\"friday\" is not a date"));
}

#[test]
fn the_last_page_adds_decisions_and_event_steps() {
    let mut state = on_wrapup();
    press(&mut state, &[KeyCode::End, KeyCode::Char('a')]);
    type_text(&mut state, "Kick off three starter projects");
    press(&mut state, &[KeyCode::Tab]);
    type_text(&mut state, "techUK");
    press(&mut state, &[KeyCode::Enter, KeyCode::Char('A')]);
    type_text(&mut state, "Run a follow-up workshop");
    press(&mut state, &[KeyCode::Enter]);
    let event = state.event();
    let decision = event.decisions.values().next().cloned().unwrap_or_default();
    assert_eq!(decision.lead.as_deref(), Some("techUK"));
    let steps = event.actions_of(None);
    assert_eq!(steps.len(), 1, "an event-level step has no session");
    assert_eq!(
        selected(&state).map(|(i, _)| i),
        Some(1),
        "the new step is selected"
    );
    press(&mut state, &[KeyCode::Char('x')]);
    assert!(
        state
            .event()
            .actions
            .values()
            .all(|a| a.status == ActionStatus::Done)
    );
    press(&mut state, &[KeyCode::Char('k'), KeyCode::Char('d')]);
    assert!(state.event().decisions.is_empty());
}

#[test]
fn private_notes_never_reach_the_projector() {
    let mut state = on_wrapup();
    let id = session_ids(&state)[0].clone();
    let note = Note {
        session: id,
        text: "Kim's budget is confidential".into(),
        kind: NoteKind::Point,
        taken_at: now(),
        author: "Sam".into(),
        private: true,
        status: crate::model::ActionStatus::Open,
    };
    let new = state.new_id();
    state.commit("", vec![Change::put(new, Record::Note(note))]);
    let shown = screen(&mut state, 160, 48);
    assert!(shown.contains("Who owns the standard?"));
    assert!(!shown.contains("confidential"));
}

#[test]
fn a_wrap_up_page_at_80_by_24() {
    let mut state = on_wrapup();
    reported(&mut state);
    insta::assert_snapshot!(screen(&mut state, 80, 24));
}

#[test]
fn a_wrap_up_page_on_a_projector_at_160_by_48() {
    let mut state = on_wrapup();
    reported(&mut state);
    insta::assert_snapshot!(screen(&mut state, 160, 48));
}

#[test]
fn a_wrap_up_page_with_nothing_recorded() {
    let mut state = on_wrapup();
    press(&mut state, &[KeyCode::Right]);
    let shown = screen(&mut state, 80, 24);
    assert!(shown.contains("Nothing recorded yet — ask the group"));
    insta::assert_snapshot!(shown);
}

#[test]
fn the_decisions_page() {
    let mut state = on_wrapup();
    press(&mut state, &[KeyCode::End, KeyCode::Char('a')]);
    type_text(&mut state, "Kick off the first three starter projects");
    press(&mut state, &[KeyCode::Tab]);
    type_text(&mut state, "techUK");
    press(&mut state, &[KeyCode::Enter, KeyCode::Char('A')]);
    type_text(&mut state, "Host more partnering and networking events");
    press(&mut state, &[KeyCode::Tab]);
    type_text(&mut state, "techUK");
    press(&mut state, &[KeyCode::Enter]);
    insta::assert_snapshot!("decisions_80x24", screen(&mut state, 80, 24));
    insta::assert_snapshot!("decisions_160x48", screen(&mut state, 160, 48));
}

#[test]
fn the_outcome_editor() {
    let mut state = on_wrapup();
    press(&mut state, &[KeyCode::Char('o')]);
    type_text(&mut state, "Pilot a shared standard");
    insta::assert_snapshot!(screen(&mut state, 80, 24));
}

#[test]
fn a_summary_typed_before_a_crash_comes_back_when_it_opens_here() {
    let mut state = on_wrapup();
    let id = session_ids(&state)[0].clone();
    let key = format!("summary:{id}");
    // What the loop hands over at start-up from the drafts file.
    crate::tui::screen::notes::offer_drafts(
        &mut state,
        [(key.clone(), "Half a summary from before".to_string())],
    );
    press(&mut state, &[KeyCode::Char('s')]);
    let shown = screen(&mut state, 80, 24);
    assert!(shown.contains("Half a summary from before"), "{shown}");
    let effects = press(&mut state, &[KeyCode::Esc]);
    assert!(effects.contains(&Effect::ClearDraft { key }));
    assert_eq!(
        state.event().sessions[&id].summary,
        "Half a summary from before"
    );
}

#[test]
fn deleting_the_last_item_leaves_the_cursor_on_the_new_last_one() {
    let mut state = on_wrapup();
    press(&mut state, &[KeyCode::End]);
    for text in ["Councils share one standard", "Meet again in March"] {
        press(&mut state, &[KeyCode::Char('a')]);
        type_text(&mut state, text);
        press(&mut state, &[KeyCode::Enter]);
    }
    let count = items(&state).len();
    assert_eq!(count, 2, "two decisions on the last page");
    state.wrapup.cursor = count - 1;
    press(&mut state, &[KeyCode::Char('d')]);
    assert_eq!(items(&state).len(), 1);
    assert_eq!(state.wrapup.cursor, 0);
    assert!(selected(&state).is_some());
}

#[test]
fn an_action_note_is_a_next_step_on_its_page_and_editing_it_there_edits_the_note() {
    let mut state = on_wrapup();
    let id = session_ids(&state)[0].clone();
    let note = (state.event().notes_of(&id))
        .find(|(_, n)| n.kind == NoteKind::Action)
        .map(|(note, _)| note.clone())
        .expect("the sample's action note");
    assert_eq!(items(&state), vec![Item::Step(note.clone())]);
    press(&mut state, &[KeyCode::Enter, KeyCode::Tab]);
    type_text(&mut state, "Asha");
    assert!(press(&mut state, &[KeyCode::Enter]).contains(&Effect::Save));
    assert_eq!(
        state.event().notes[&note].text,
        "Pilot with two councils — Asha",
        "the owner is written into the note"
    );
    assert!(state.event().actions.is_empty(), "no copy was made");
    press(&mut state, &[KeyCode::Char('x')]);
    assert_eq!(state.event().notes[&note].status, ActionStatus::Done);
}

#[test]
fn a_decision_note_is_listed_on_its_sessions_page_and_edited_there() {
    let mut state = on_wrapup();
    let id = session_ids(&state)[0].clone();
    let note = state.new_id();
    let record = Note {
        session: id.clone(),
        text: "Pilot first".into(),
        kind: NoteKind::Decision,
        taken_at: now(),
        author: "Sam".into(),
        private: false,
        status: ActionStatus::Open,
    };
    let done = state.commit("", vec![Change::put(note.clone(), Record::Note(record))]);
    assert!(done.contains(&Effect::Save));
    assert_eq!(items(&state).last(), Some(&Item::Decision(note.clone())));
    assert!(screen(&mut state, 80, 24).contains("= Pilot first"));
    press(&mut state, &[KeyCode::Down, KeyCode::Enter, KeyCode::Tab]);
    type_text(&mut state, "Kim");
    press(&mut state, &[KeyCode::Enter]);
    assert_eq!(state.event().notes[&note].text, "Pilot first — Kim");
}
