use ratatui::crossterm::event::KeyCode;

use super::*;
use crate::tui::action::Screen;
use crate::tui::testing::{act, kim_changes, press, sample_state, screen, type_text};

fn titles(state: &State) -> Vec<String> {
    visible(state.event(), &state.pitches)
        .into_iter()
        .map(|(_, p)| p.title.clone())
        .collect()
}

#[test]
fn quick_add_adds_one_pitch_after_another_without_extra_keys() {
    let mut state = sample_state();
    state.screen = Screen::Pitches;
    press(&mut state, &[KeyCode::Char('a')]);
    type_text(&mut state, "Open data");
    let effects = press(&mut state, &[KeyCode::Enter]);
    assert!(effects.contains(&Effect::Save));
    type_text(&mut state, "Digital skills");
    press(&mut state, &[KeyCode::Enter]);
    assert_eq!(state.pitches.focus, Focus::QuickAdd, "the line stays open");
    assert!(state.pitches.quick_add.is_empty());
    let all = titles(&state);
    assert!(all.contains(&"Open data".to_string()));
    assert!(all.contains(&"Digital skills".to_string()));
}

#[test]
fn q_types_into_the_quick_add_line_instead_of_quitting() {
    let mut state = sample_state();
    press(&mut state, &[KeyCode::Char('a')]);
    type_text(&mut state, "quorum");
    assert!(!state.quit);
    assert_eq!(state.pitches.quick_add.text(), "quorum");
    press(&mut state, &[KeyCode::Esc, KeyCode::Char('q')]);
    assert!(state.quit);
}

#[test]
fn interest_goes_up_and_down_with_one_key_and_the_list_resorts() {
    let mut state = sample_state();
    let first = titles(&state)[0].clone();
    press(&mut state, &[KeyCode::Char('j'), KeyCode::Char('j')]);
    let (_, picked) = selection(&state).expect("a selection");
    for _ in 0..10 {
        press(&mut state, &[KeyCode::Char('+')]);
    }
    assert_eq!(state.event().pitches[&picked].interest, 16);
    assert_ne!(
        titles(&state)[0],
        first,
        "the bumped pitch moved to the top"
    );
    assert_eq!(
        selection(&state).map(|(_, id)| id),
        Some(picked.clone()),
        "selection follows it"
    );
    press(&mut state, &[KeyCode::Char('-')]);
    assert_eq!(state.event().pitches[&picked].interest, 15);
}

#[test]
fn i_then_a_number_then_enter_sets_the_hands_and_the_selection_follows() {
    let mut state = sample_state();
    press(&mut state, &[KeyCode::Char('j'), KeyCode::Char('j')]);
    let (_, picked) = selection(&state).expect("a selection");
    press(&mut state, &[KeyCode::Char('i')]);
    assert_eq!(state.pitches.focus, Focus::Interest);
    assert!(screen(&mut state, 80, 24).contains("Enter set hands"));
    type_text(&mut state, "42");
    let effects = press(&mut state, &[KeyCode::Enter]);
    assert!(effects.contains(&Effect::Save));
    assert_eq!(state.pitches.focus, Focus::List);
    assert_eq!(state.event().interest_of(&picked), 42);
    assert_eq!(titles(&state)[0], state.event().pitches[&picked].title);
    assert_eq!(selection(&state), Some((0, picked.clone())));
    // u undoes it, as any change.
    press(&mut state, &[KeyCode::Char('u')]);
    assert_eq!(state.event().interest_of(&picked), 6);
}

#[test]
fn a_number_that_is_not_one_is_refused_and_esc_leaves_it_unchanged() {
    let mut state = sample_state();
    let (_, picked) = selection(&state).expect("a selection");
    let before = state.event().interest_of(&picked);
    press(&mut state, &[KeyCode::Char('i')]);
    type_text(&mut state, "lots");
    assert!(press(&mut state, &[KeyCode::Enter]).is_empty());
    assert!(state.status.as_ref().is_some_and(|s| s.error));
    assert_eq!(state.pitches.focus, Focus::Interest);
    press(&mut state, &[KeyCode::Esc]);
    assert_eq!(state.pitches.focus, Focus::List);
    assert_eq!(state.event().interest_of(&picked), before);
}

#[test]
fn hands_typed_for_a_merged_pitch_are_its_total() {
    let mut state = sample_state();
    state.pitches.sort = Sort::Time;
    press(
        &mut state,
        &[KeyCode::Char('j'), KeyCode::Char('j'), KeyCode::Char('j')],
    );
    press(
        &mut state,
        &[KeyCode::Char('m'), KeyCode::Char('j'), KeyCode::Enter],
    );
    let (_, root) = selection(&state).expect("the pitch merged into");
    let merged = state.event().interest_of(&root) - state.event().pitches[&root].interest;
    assert!(merged > 0);
    press(&mut state, &[KeyCode::Char('i')]);
    type_text(&mut state, &(merged + 3).to_string());
    press(&mut state, &[KeyCode::Enter]);
    assert_eq!(state.event().interest_of(&root), merged + 3);
    assert_eq!(state.event().pitches[&root].interest, 3);
}

#[test]
fn the_first_row_stays_selected_through_a_re_sort() {
    let mut state = sample_state();
    let (_, first) = selection(&state).expect("a selection");
    for _ in 0..3 {
        press(&mut state, &[KeyCode::Char('-')]);
    }
    assert_eq!(selection(&state).map(|(_, id)| id), Some(first));
}

#[test]
fn clearing_a_filter_keeps_the_pitch_it_left_selected() {
    let mut state = sample_state();
    press(&mut state, &[KeyCode::Char('/')]);
    type_text(&mut state, "pattern");
    press(&mut state, &[KeyCode::Enter]);
    let (_, found) = selection(&state).expect("the pitch found");
    assert!(state.event().pitches[&found].title.contains("pattern"));
    press(&mut state, &[KeyCode::Esc]);
    assert!(state.pitches.filter.is_empty());
    assert_eq!(selection(&state).map(|(_, id)| id), Some(found));
}

#[test]
fn undo_takes_back_the_last_change_and_redo_restores_it() {
    let mut state = sample_state();
    let (_, id) = selection(&state).expect("a selection");
    let before = state.event().pitches[&id].interest;
    press(&mut state, &[KeyCode::Char('+')]);
    press(&mut state, &[KeyCode::Char('u')]);
    assert_eq!(state.event().pitches[&id].interest, before);
    let effects = crate::tui::update::update(&mut state, Action::Redo);
    assert!(effects.contains(&Effect::Save));
    assert_eq!(state.event().pitches[&id].interest, before + 1);
}

#[test]
fn merging_takes_two_presses_and_esc_cancels() {
    let mut state = sample_state();
    state.pitches.sort = Sort::Time;
    // Select "Responsible tech" (4th) and merge it into "A pattern library" (5th).
    press(
        &mut state,
        &[KeyCode::Char('j'), KeyCode::Char('j'), KeyCode::Char('j')],
    );
    let (_, other) = selection(&state).expect("selected");
    press(&mut state, &[KeyCode::Char('m')]);
    assert_eq!(state.pitches.merging, Some(other.clone()));
    press(&mut state, &[KeyCode::Esc]);
    assert_eq!(state.pitches.merging, None);
    press(
        &mut state,
        &[KeyCode::Char('m'), KeyCode::Char('j'), KeyCode::Enter],
    );
    assert!(
        matches!(
            state.event().pitch_status(&other),
            crate::model::PitchStatus::Merged { .. }
        ),
        "{:?}",
        state.status
    );
}

#[test]
fn the_details_form_saves_people_and_tags() {
    let mut state = sample_state();
    press(&mut state, &[KeyCode::Enter]);
    assert_eq!(state.pitches.focus, Focus::Form);
    press(&mut state, &[KeyCode::Tab]);
    type_text(&mut state, "; Kim Lee (Acme Ltd)");
    press(&mut state, &[KeyCode::Tab, KeyCode::Tab]);
    type_text(&mut state, "standards, planning");
    press(&mut state, &[KeyCode::Enter]);
    let (_, id) = selection(&state).expect("selected");
    let pitch = &state.event().pitches[&id];
    assert_eq!(pitch.pitched_by.len(), 2);
    assert_eq!(
        pitch.pitched_by[1].organisation.as_deref(),
        Some("Acme Ltd")
    );
    assert_eq!(
        pitch.tags,
        vec!["standards".to_string(), "planning".to_string()]
    );
}

#[test]
fn people_parse_with_and_without_organisations() {
    let people = parse_people("Sam Jones (Acme); Kim ; (x)");
    assert_eq!(people.len(), 3);
    assert_eq!(people[0].organisation.as_deref(), Some("Acme"));
    assert_eq!(people[1].name, "Kim");
    assert_eq!(people[2].name, "(x)");
}

#[test]
fn t_shows_and_hides_the_timer_and_space_starts_and_pauses_it() {
    let mut state = sample_state();
    press(&mut state, &[KeyCode::Char('t')]);
    assert!(state.pitches.timer.visible);
    assert!(!state.pitches.timer.is_running());
    press(&mut state, &[KeyCode::Char(' ')]);
    assert!(state.pitches.timer.is_running());
    press(&mut state, &[KeyCode::Char('t')]);
    assert!(!state.pitches.timer.visible, "hidden");
    assert!(state.pitches.timer.is_running(), "still counting");
    press(&mut state, &[KeyCode::Char(' ')]);
    assert!(!state.pitches.timer.is_running());
}

#[test]
fn time_up_stays_large_at_80_by_24_and_the_timer_takes_60_by_20() {
    let mut state = sample_state();
    state.screen = Screen::Pitches;
    press(&mut state, &[KeyCode::Char('t'), KeyCode::Char(' ')]);
    let later = state.now + chrono::Duration::seconds(65);
    crate::tui::update::update(&mut state, Action::Tick(later));
    insta::assert_snapshot!(screen(&mut state, 80, 24));
    insta::assert_snapshot!(screen(&mut state, 60, 20));
}

#[test]
fn the_timer_counts_from_the_state_clock() {
    let mut state = sample_state();
    press(&mut state, &[KeyCode::Char(' ')]);
    let later = state.now + chrono::Duration::seconds(20);
    crate::tui::update::update(&mut state, Action::Tick(later));
    assert_eq!(state.pitches.timer.text(state.now), "0:40");
}

#[test]
fn typed_quick_add_text_becomes_a_draft_after_two_idle_seconds() {
    let mut state = sample_state();
    press(&mut state, &[KeyCode::Char('a')]);
    type_text(&mut state, "Half a ti");
    let soon = state.now + chrono::Duration::seconds(1);
    assert!(crate::tui::update::update(&mut state, Action::Tick(soon)).is_empty());
    let later = state.now + chrono::Duration::seconds(2);
    let effects = crate::tui::update::update(&mut state, Action::Tick(later));
    assert_eq!(
        effects,
        vec![Effect::SaveDraft {
            key: "pitch-quick-add".into(),
            text: "Half a ti".into()
        }]
    );
}

#[test]
fn the_pitches_screen_at_80_by_24() {
    let mut state = sample_state();
    state.screen = Screen::Pitches;
    insta::assert_snapshot!(screen(&mut state, 80, 24));
}

#[test]
fn the_pitches_screen_with_the_timer_at_160_by_48() {
    let mut state = sample_state();
    state.screen = Screen::Pitches;
    press(&mut state, &[KeyCode::Char(' ')]);
    insta::assert_snapshot!(screen(&mut state, 160, 48));
}

#[test]
fn a_too_small_terminal_says_so() {
    let mut state = sample_state();
    insta::assert_snapshot!(screen(&mut state, 40, 10));
}

/// The pitch's titles among its conflicting versions.
fn conflicting_titles(state: &State, id: &Id) -> Vec<String> {
    let conflict = state.replica.conflict(id).expect("a conflict");
    let mut titles: Vec<String> = conflict
        .versions
        .iter()
        .filter_map(|v| match &v.value {
            Some(Record::Pitch(p)) => Some(p.title.clone()),
            _ => None,
        })
        .collect();
    titles.sort();
    titles
}

#[test]
fn the_details_form_says_when_another_laptop_changed_the_pitch_and_saving_keeps_both() {
    let mut state = sample_state();
    let (_, id) = selection(&state).expect("a selection");
    let title = state.event().pitches[&id].title.clone();
    press(&mut state, &[KeyCode::Enter]);
    assert_eq!(state.pitches.focus, Focus::Form);
    press(&mut state, &[KeyCode::End]);
    type_text(&mut state, " (revised)");
    kim_changes(&mut state, &id, |record| {
        if let Record::Pitch(p) = record {
            p.title = "Kim's title".into();
        }
    });
    let shown = screen(&mut state, 120, 40);
    assert!(shown.contains("Kim changed this meanwhile"), "{shown}");
    let effects = press(&mut state, &[KeyCode::Enter]);
    assert!(effects.contains(&Effect::Save));
    assert!(
        state.event().is_conflicted(&id),
        "Kim's title is not overwritten: both are kept"
    );
    assert_eq!(
        conflicting_titles(&state, &id),
        ["Kim's title".to_string(), format!("{title} (revised)")]
    );
}

#[test]
fn the_details_form_writes_nothing_over_a_field_changed_elsewhere_that_it_left_alone() {
    let mut state = sample_state();
    let (_, id) = selection(&state).expect("a selection");
    let title = state.event().pitches[&id].title.clone();
    press(&mut state, &[KeyCode::Enter, KeyCode::End]);
    type_text(&mut state, " (revised)");
    // The form shows the description (empty) too, and the person leaves it.
    kim_changes(&mut state, &id, |record| {
        if let Record::Pitch(p) = record {
            p.description = "Kim's description".into();
        }
    });
    let shown = screen(&mut state, 120, 40);
    assert!(shown.contains("Kim changed this meanwhile"), "{shown}");
    let effects = press(&mut state, &[KeyCode::Enter]);
    assert!(effects.contains(&Effect::Save));
    assert!(!state.event().is_conflicted(&id));
    let saved = &state.event().pitches[&id];
    assert_eq!(saved.description, "Kim's description", "Kim's stays");
    assert_eq!(saved.title, format!("{title} (revised)"));
}

#[test]
fn a_click_selects_the_pitch_drawn_on_that_row_when_the_list_has_scrolled() {
    let mut state = sample_state();
    state.screen = Screen::Pitches;
    press(&mut state, &[KeyCode::Char('a')]);
    for n in 0..40 {
        type_text(&mut state, &format!("Extra pitch {n:02}"));
        press(&mut state, &[KeyCode::Enter]);
    }
    press(&mut state, &[KeyCode::Esc]);
    // Far enough down that the list scrolls on a terminal of 24 rows.
    for _ in 0..30 {
        press(&mut state, &[KeyCode::Char('j')]);
    }
    let shown = screen(&mut state, 80, 24);
    let rows: Vec<&str> = shown.lines().collect();
    // The second row of pitches as drawn (the first row of the body is the
    // table's heading).
    let row = crate::tui::view::BODY_TOP + 2;
    let drawn = rows[usize::from(row)];
    let (_, before) = selection(&state).expect("a selection");
    act(&mut state, Action::Click { column: 10, row });
    let (_, picked) = selection(&state).expect("a selection");
    assert_ne!(picked, before, "the click moved the selection");
    let title = &state.event().pitches[&picked].title;
    assert!(
        drawn.contains(title.as_str()),
        "clicked {drawn:?}, selected {title:?}"
    );
    // The quick-add line below the table (row 21 of 24) selects nothing.
    assert!(rows[21].starts_with('+'), "{:?}", rows[21]);
    act(
        &mut state,
        Action::Click {
            column: 10,
            row: 21,
        },
    );
    assert_eq!(selection(&state).map(|(_, id)| id), Some(picked));
}
