use ratatui::crossterm::event::KeyCode;

use super::*;
use crate::model::{Change, Pitch};
use crate::store::{Identity, Replica, Source};
use crate::tui::action::Screen;
use crate::tui::screen::{event, wrapup};
use crate::tui::testing::{now, press, sample_state, screen, type_text};
use crate::tui::update::update;

/// The combined text being typed in the resolve view; fails the test when
/// none is.
fn combined_text(state: &State) -> String {
    state
        .resolve
        .as_ref()
        .and_then(|r| r.focused_field())
        .map(|f| f.text())
        .expect("a combined text being typed")
}

fn clear_combined(state: &mut State) {
    if let Some(c) = state.resolve.as_mut().and_then(|r| r.combined.as_mut()) {
        c.field.clear();
    }
}

/// Kim's laptop, which has read everything this laptop wrote so far.
fn kims_laptop(state: &State) -> Replica {
    let me = Identity::from_label("Kim's laptop", "Kim");
    let mut other = Replica::new(state.event().id.clone(), me, true);
    other.absorb(state.replica.own_file(), Source::Other);
    other
}

fn pitch_id(state: &State, title: &str) -> Id {
    state
        .event()
        .pitches
        .iter()
        .find(|(_, p)| p.title == title)
        .map(|(id, _)| id.clone())
        .unwrap()
}

fn retitled(state: &State, id: &Id, title: &str) -> Change {
    let mut pitch: Pitch = state.event().pitches[id].clone();
    pitch.title = title.into();
    Change::put(id.clone(), Record::Pitch(pitch))
}

/// Sam (here) and Kim (on her laptop) retitle the same pitch apart, then
/// this laptop reads Kim's file. Returns Kim's laptop and the pitch.
fn conflicting_titles() -> (State, Replica, Id) {
    let mut state = sample_state();
    let mut kim = kims_laptop(&state);
    let id = pitch_id(&state, "A vendor community");
    let mine = retitled(&state, &id, "A supplier community");
    state.replica.commit(vec![mine], now().to_utc()).unwrap();
    let hers = Change::put(
        id.clone(),
        Record::Pitch(Pitch {
            title: "Vendor community of practice".into(),
            description: "Meet every quarter, share what works.".into(),
            ..kim.event().pitches[&id].clone()
        }),
    );
    let later = (now() + chrono::Duration::minutes(1)).to_utc();
    kim.commit(vec![hers], later).unwrap();
    state.replica.absorb(kim.own_file(), Source::Other);
    state.screen = Screen::Pitches;
    state.pitches.selected = Some(id.clone());
    (state, kim, id)
}

#[test]
fn a_conflicted_pitch_offers_v_first_in_the_footer_and_v_opens_the_versions() {
    let (mut state, _, id) = conflicting_titles();
    assert!(state.event().is_conflicted(&id));
    let first = state.bindings().into_iter().find(|b| b.in_footer).unwrap();
    assert_eq!(first.action, Action::Resolve(ResolveAction::Open));
    press(&mut state, &[KeyCode::Char('v')]);
    let resolve = state.resolve.as_ref().unwrap();
    assert_eq!(resolve.record, id);
    assert_eq!(resolve.shown.versions.len(), 2);
    assert_eq!(versions(&state, &id)[0].author, "Sam", "oldest first");
}

#[test]
fn v_does_nothing_on_a_pitch_without_conflicting_versions() {
    let mut state = sample_state();
    state.screen = Screen::Pitches;
    assert!(selected_conflict(&state).is_none());
    assert!(
        !state
            .bindings()
            .iter()
            .any(|b| b.action == Action::Resolve(ResolveAction::Open))
    );
    press(&mut state, &[KeyCode::Char('v')]);
    assert!(state.resolve.is_none());
}

#[test]
fn keeping_version_2_writes_a_version_that_covers_both_and_ends_the_conflict_everywhere() {
    let (mut state, mut kim, id) = conflicting_titles();
    assert_eq!(versions(&state, &id).len(), 2);
    press(&mut state, &[KeyCode::Char('v'), KeyCode::Char('2')]);
    assert_eq!(state.resolve.as_ref().unwrap().chosen, 1);
    let effects = press(&mut state, &[KeyCode::Enter]);
    assert_eq!(effects, vec![Effect::Save]);
    assert!(state.resolve.is_none());
    assert!(!state.event().is_conflicted(&id));
    assert_eq!(
        state.event().pitches[&id].title,
        "Vendor community of practice"
    );
    assert!(
        state.replica.conflict(&id).is_none(),
        "the kept version covers the others"
    );
    // Kim's laptop reads this one's file: one version there too.
    kim.absorb(state.replica.own_file(), Source::Other);
    assert!(kim.conflict(&id).is_none());
    assert!(!kim.event().is_conflicted(&id));
    assert_eq!(kim.event().pitches[&id], state.event().pitches[&id]);
    assert!(
        state
            .status
            .as_ref()
            .unwrap()
            .text
            .starts_with("Kept Kim's version")
    );
}

#[test]
fn a_combined_text_starts_with_both_titles_and_replaces_both_versions() {
    let (mut state, mut kim, id) = conflicting_titles();
    press(&mut state, &[KeyCode::Char('v'), KeyCode::Char('e')]);
    assert!(state.typing(), "keys now type into the combined text");
    assert_eq!(
        combined_text(&state),
        "A supplier community / Vendor community of practice"
    );
    clear_combined(&mut state);
    assert_eq!(combined_text(&state), "");
    type_text(&mut state, "Supplier community of practice");
    let effects = press(&mut state, &[KeyCode::Enter]);
    assert_eq!(effects, vec![Effect::Save]);
    assert!(state.resolve.is_none());
    let pitch = &state.event().pitches[&id];
    assert_eq!(pitch.title, "Supplier community of practice");
    assert_eq!(
        pitch.description, "Meet every quarter, share what works.",
        "Kim's description was no conflict: it merged on its own and stays"
    );
    kim.absorb(state.replica.own_file(), Source::Other);
    assert!(kim.conflict(&id).is_none());
    assert_eq!(
        kim.event().pitches[&id].title,
        "Supplier community of practice"
    );
}

#[test]
fn an_empty_combined_title_is_refused_and_esc_keeps_the_text_for_later() {
    let (mut state, _, id) = conflicting_titles();
    press(&mut state, &[KeyCode::Char('v'), KeyCode::Char('e')]);
    clear_combined(&mut state);
    assert!(press(&mut state, &[KeyCode::Enter]).is_empty());
    assert!(state.status.as_ref().unwrap().error);
    type_text(&mut state, "Half typed");
    press(&mut state, &[KeyCode::Esc]);
    assert!(!state.typing());
    assert!(
        state.resolve.is_some(),
        "Esc leaves the text, not the versions"
    );
    press(&mut state, &[KeyCode::Char('e')]);
    assert_eq!(combined_text(&state), "Half typed");
    press(&mut state, &[KeyCode::Esc, KeyCode::Esc]);
    assert!(state.resolve.is_none());
    assert!(state.event().is_conflicted(&id), "nothing was changed");
}

/// Sam retitles a pitch while Kim deletes it.
fn deleted_and_edited() -> (State, Replica, Id) {
    let mut state = sample_state();
    let mut kim = kims_laptop(&state);
    let id = pitch_id(&state, "Responsible tech");
    let mine = retitled(&state, &id, "Responsible technology");
    state.replica.commit(vec![mine], now().to_utc()).unwrap();
    let later = (now() + chrono::Duration::minutes(2)).to_utc();
    kim.commit(vec![Change::delete(id.clone())], later).unwrap();
    state.replica.absorb(kim.own_file(), Source::Other);
    (state, kim, id)
}

#[test]
fn a_deletion_against_an_edit_at_80_by_24() {
    let (mut state, _, id) = deleted_and_edited();
    state.screen = Screen::Pitches;
    state.pitches.selected = Some(id);
    press(&mut state, &[KeyCode::Char('v')]);
    insta::assert_snapshot!(screen(&mut state, 80, 24));
}

#[test]
fn a_deletion_against_an_edit_is_shown_and_either_can_be_kept() {
    let (mut state, mut kim, id) = deleted_and_edited();
    assert!(state.event().is_conflicted(&id));
    assert_eq!(
        state.event().pitches[&id].title,
        "Responsible technology",
        "the edit shows"
    );
    // From the warnings on the Event screen: Enter on the conflict opens it.
    state.screen = Screen::Event;
    let index = event::warnings::warnings(&state)
        .iter()
        .position(|w| w.record.as_ref() == Some(&id))
        .unwrap();
    state.setup.selected = event::Selected::Warning(index);
    press(&mut state, &[KeyCode::Enter]);
    assert_eq!(state.resolve.as_ref().unwrap().record, id);
    let deletion = versions(&state, &id)
        .iter()
        .position(|v| v.value.is_none())
        .unwrap();
    update(&mut state, Action::Resolve(ResolveAction::Choose(deletion)));
    press(&mut state, &[KeyCode::Enter]);
    assert!(!state.event().pitches.contains_key(&id));
    assert!(!state.event().is_conflicted(&id));
    kim.absorb(state.replica.own_file(), Source::Other);
    assert!(kim.conflict(&id).is_none());
    assert!(!kim.event().pitches.contains_key(&id));
    // Undo brings the pitch back, as it was shown before.
    press(&mut state, &[KeyCode::Char('u')]);
    assert_eq!(state.event().pitches[&id].title, "Responsible technology");
}

#[test]
fn a_version_arriving_while_choosing_stops_the_keep_until_seen() {
    let (mut state, mut kim, id) = conflicting_titles();
    press(&mut state, &[KeyCode::Char('v')]);
    let third = retitled(&state, &id, "Vendors together");
    let mut lee = Replica::new(
        state.event().id.clone(),
        Identity::from_label("Lee's laptop", "Lee"),
        true,
    );
    lee.absorb(kim.own_file(), Source::Other);
    lee.commit(vec![third], now().to_utc()).unwrap();
    state.replica.absorb(lee.own_file(), Source::Other);
    assert!(press(&mut state, &[KeyCode::Enter]).is_empty());
    assert!(state.status.as_ref().unwrap().error);
    assert_eq!(
        state.resolve.as_ref().unwrap().shown.versions.len(),
        2,
        "Lee's covers Kim's"
    );
    assert_eq!(press(&mut state, &[KeyCode::Enter]), vec![Effect::Save]);
    kim.absorb(state.replica.own_file(), Source::Other);
    kim.absorb(lee.own_file(), Source::Other);
    assert!(kim.conflict(&id).is_none());
}

#[test]
fn a_conflict_resolved_elsewhere_closes_the_overlay_without_writing() {
    let (mut state, mut kim, id) = conflicting_titles();
    press(&mut state, &[KeyCode::Char('v')]);
    kim.absorb(state.replica.own_file(), Source::Other);
    let theirs = retitled(&state, &id, "Settled on Kim's laptop");
    kim.commit(vec![theirs], now().to_utc()).unwrap();
    state.replica.absorb(kim.own_file(), Source::Other);
    assert!(press(&mut state, &[KeyCode::Enter]).is_empty());
    assert!(state.resolve.is_none());
    assert_eq!(state.event().pitches[&id].title, "Settled on Kim's laptop");
}

#[test]
fn help_over_the_overlay_lists_its_keys() {
    let (mut state, _, _) = conflicting_titles();
    press(&mut state, &[KeyCode::Char('v'), KeyCode::Char('?')]);
    let shown = screen(&mut state, 80, 24);
    assert!(shown.contains("keep the chosen version"), "{shown}");
    assert!(
        shown.contains("Keys for the conflicting versions"),
        "{shown}"
    );
    press(&mut state, &[KeyCode::Esc]);
    assert!(state.resolve.is_some(), "Esc closes help first");
}

#[test]
fn the_versions_side_by_side_at_160_by_48() {
    let (mut state, _, _) = conflicting_titles();
    press(&mut state, &[KeyCode::Char('v'), KeyCode::Char('2')]);
    insta::assert_snapshot!(screen(&mut state, 160, 48));
}

#[test]
fn the_versions_stacked_at_80_by_24() {
    let (mut state, _, _) = conflicting_titles();
    press(&mut state, &[KeyCode::Char('v')]);
    insta::assert_snapshot!(screen(&mut state, 80, 24));
}

#[test]
fn typing_a_combined_text_at_80_by_24() {
    let (mut state, _, _) = conflicting_titles();
    press(&mut state, &[KeyCode::Char('v'), KeyCode::Char('e')]);
    insta::assert_snapshot!(screen(&mut state, 80, 24));
}

/// Sam and Kim write the first session's summary apart.
fn conflicting_summaries() -> (State, Replica, Id) {
    let mut state = sample_state();
    let mut kim = kims_laptop(&state);
    let id = state.event().sessions_in_order()[0].0.clone();
    let with_summary = |state: &Replica, text: &str| {
        let mut session = state.event().sessions[&id].clone();
        session.summary = text.into();
        Change::put(id.clone(), Record::Session(session))
    };
    let mine = with_summary(&state.replica, "One standard");
    state.replica.commit(vec![mine], now().to_utc()).unwrap();
    let hers = with_summary(&kim, "Five standards");
    kim.commit(vec![hers], now().to_utc()).unwrap();
    state.replica.absorb(kim.own_file(), Source::Other);
    (state, kim, id)
}

#[test]
fn a_full_footer_makes_room_for_v_and_keeps_help_and_quit() {
    let (mut state, _, _) = conflicting_summaries();
    state.screen = Screen::Notes;
    let shown = screen(&mut state, 80, 24);
    let footer = shown.lines().last().unwrap();
    assert!(footer.starts_with("v resolve"), "{footer}");
    assert!(footer.ends_with("? help  q quit"), "{footer}");
    assert!(
        shown.contains("! conflicting versions (v) · Round 1"),
        "{shown}"
    );
}

#[test]
fn the_wrap_up_page_of_a_conflicted_session_marks_it_and_v_opens_it() {
    let (mut state, _, id) = conflicting_summaries();
    state.screen = Screen::Wrapup;
    state.wrapup.page = wrapup::Page::Session(id.clone());
    let shown = screen(&mut state, 80, 24);
    assert!(shown.contains("! conflicting versions (v)"), "{shown}");
    press(&mut state, &[KeyCode::Char('v')]);
    assert_eq!(state.resolve.as_ref().unwrap().record, id);
    let combined = {
        press(&mut state, &[KeyCode::Char('e')]);
        combined_text(&state)
    };
    assert_eq!(
        combined, "Five standards\nOne standard",
        "a summary takes lines, in the versions' order"
    );
    let save = ratatui::crossterm::event::KeyEvent::new(
        KeyCode::Char('s'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    );
    let action = crate::tui::keymap::action_for(&state, &save).unwrap();
    assert_eq!(update(&mut state, action), vec![Effect::Save]);
    assert_eq!(
        state.event().sessions[&id].summary,
        "Five standards\nOne standard"
    );
    assert!(!state.event().is_conflicted(&id));
}

#[test]
fn a_note_taker_leaves_the_capture_line_and_v_opens_the_conflicted_note() {
    let mut state = sample_state();
    let mut kim = kims_laptop(&state);
    let (session, note) = {
        let (id, note) = state
            .event()
            .notes
            .iter()
            .find(|(_, n)| n.text == "Pilot with two councils")
            .unwrap();
        (note.session.clone(), id.clone())
    };
    let edited = |replica: &Replica, text: &str| {
        let event = replica.event();
        let kind = event.notes[&note].kind;
        crate::model::ops::edit_note(event, &note, text, kind).unwrap()
    };
    let mine = edited(&state.replica, "Pilot with two councils by March");
    state.replica.commit(mine, now().to_utc()).unwrap();
    let hers = edited(&kim, "Pilot with three councils");
    kim.commit(hers, now().to_utc()).unwrap();
    state.replica.absorb(kim.own_file(), Source::Other);
    state.screen = Screen::Notes;
    state.note_taker = Some(session);
    state.notes.focus = crate::tui::screen::notes::Focus::Capture;
    press(&mut state, &[KeyCode::Char('v')]);
    assert!(state.resolve.is_none(), "v types in the capture line");
    assert_eq!(state.notes.capture.text(), "v");
    press(
        &mut state,
        &[KeyCode::Backspace, KeyCode::Esc, KeyCode::Char('v')],
    );
    assert_eq!(state.resolve.as_ref().map(|r| &r.record), Some(&note));
    press(&mut state, &[KeyCode::Char('e')]);
    assert_eq!(
        combined_text(&state),
        "Pilot with three councils / Pilot with two councils by March"
    );
}
