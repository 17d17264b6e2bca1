use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::model::{Record, Session, SlotKind};
use crate::tui::action::Screen;
use crate::tui::keymap::action_for;
use crate::tui::state::DeviceSeen;
use crate::tui::testing::{act, empty_state, now, press, sample_state, screen, type_text};
use crate::tui::update::update;

fn on_event(mut state: State) -> State {
    state.screen = Screen::Event;
    state
}

fn ctrl(state: &mut State, c: char) -> Vec<Effect> {
    let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    match action_for(state, &key) {
        Some(action) => update(state, action),
        None => Vec::new(),
    }
}

fn room_names(state: &State) -> Vec<String> {
    state
        .event()
        .rooms_in_order()
        .into_iter()
        .map(|(_, r)| r.name.clone())
        .collect()
}

fn select_room(state: &mut State, name: &str) {
    let id = state
        .event()
        .rooms
        .iter()
        .find(|(_, r)| r.name == name)
        .map(|(id, _)| id.clone());
    state.setup.selected = id.map(Selected::Room).unwrap_or_default();
}

fn select_slot(state: &mut State, label: &str) -> Id {
    let id = state
        .event()
        .slots
        .iter()
        .find(|(_, s)| s.label == label)
        .map(|(id, _)| id.clone())
        .unwrap_or_default();
    state.setup.selected = Selected::Slot(id.clone());
    id
}

/// Puts "Data across borders" in Main hall during Round 1, where "Open
/// standards for planning" already is.
fn double_book(state: &mut State) {
    let event = state.event();
    let taken = event.sessions.values().next().cloned().unwrap_or_default();
    let pitch = event
        .pitches
        .iter()
        .find(|(_, p)| p.title == "Data across borders")
        .map(|(id, _)| id.clone())
        .unwrap_or_default();
    let session = Session {
        pitches: vec![pitch],
        ..taken
    };
    let id = state.new_id();
    state.commit(
        "",
        vec![crate::model::Change::put(id, Record::Session(session))],
    );
    state.status = None;
}

#[test]
fn a_new_event_says_what_to_do_first_and_the_keys_are_in_the_footer() {
    let mut state = on_event(empty_state());
    let shown = screen(&mut state, 80, 24);
    assert!(shown.contains("Start here"), "{shown}");
    let footer = shown.lines().last().unwrap_or_default();
    assert!(footer.starts_with("r add room  s add slot"), "{footer}");
    insta::assert_snapshot!(shown);
}

#[test]
fn rooms_are_added_with_their_capacity_and_selected() {
    let mut state = on_event(empty_state());
    press(&mut state, &[KeyCode::Char('r')]);
    type_text(&mut state, "Main hall");
    press(&mut state, &[KeyCode::Tab]);
    type_text(&mut state, "60");
    let effects = press(&mut state, &[KeyCode::Enter]);
    assert!(effects.contains(&Effect::Save));
    assert!(state.setup.form.is_none());
    let (id, room) = state.event().rooms_in_order()[0];
    assert_eq!((room.name.as_str(), room.capacity), ("Main hall", Some(60)));
    assert_eq!(current(&state), Selected::Room(id.clone()));
}

#[test]
fn a_bad_capacity_or_a_duplicate_name_keeps_the_form_open_with_the_reason() {
    let mut state = on_event(sample_state());
    press(&mut state, &[KeyCode::Char('r')]);
    type_text(&mut state, "Attic");
    press(&mut state, &[KeyCode::Tab]);
    type_text(&mut state, "lots");
    press(&mut state, &[KeyCode::Enter]);
    assert!(state.setup.form.is_some());
    let status = state.status.clone().unwrap_or_else(|| unreachable!());
    assert!(status.error && status.text.contains("\"lots\" is not a number"));
    press(&mut state, &[KeyCode::BackTab]);
    press(&mut state, &[KeyCode::Backspace; 5]);
    type_text(&mut state, "library");
    press(
        &mut state,
        &[KeyCode::Tab, KeyCode::Backspace, KeyCode::Backspace],
    );
    press(
        &mut state,
        &[KeyCode::Backspace, KeyCode::Backspace, KeyCode::Enter],
    );
    let status = state.status.clone().unwrap_or_else(|| unreachable!());
    assert!(
        status.text.contains("already a room called \"Library\""),
        "{status:?}"
    );
    press(&mut state, &[KeyCode::Esc]);
    assert!(state.setup.form.is_none());
    assert_eq!(room_names(&state).len(), 3);
}

#[test]
fn a_new_slot_starts_where_the_last_ends_and_its_kind_cycles_with_space() {
    let mut state = on_event(sample_state());
    press(&mut state, &[KeyCode::Char('s')]);
    let form = state.setup.form.clone().unwrap_or_else(|| unreachable!());
    assert_eq!(form.text(forms::STARTS), "12:15");
    assert_eq!(form.text(forms::ENDS), "13:15");
    type_text(&mut state, "Lunch");
    press(&mut state, &[KeyCode::Tab, KeyCode::Tab, KeyCode::Tab]);
    press(&mut state, &[KeyCode::Char(' '), KeyCode::Char(' ')]);
    press(&mut state, &[KeyCode::Enter]);
    let (_, lunch) = state.event().slots_in_order()[4];
    assert_eq!(lunch.label, "Lunch");
    assert_eq!(lunch.kind, SlotKind::Break);
}

#[test]
fn a_typed_time_replaces_the_suggested_one() {
    let mut state = on_event(sample_state());
    press(&mut state, &[KeyCode::Char('s'), KeyCode::Tab]);
    type_text(&mut state, "14:00");
    press(&mut state, &[KeyCode::Tab]);
    type_text(&mut state, "14:45");
    press(&mut state, &[KeyCode::Enter]);
    assert!(state.setup.form.is_none(), "{:?}", state.status);
    let (_, last) = state.event().slots_in_order()[4];
    assert_eq!(last.start.format("%H:%M").to_string(), "14:00");
    assert_eq!(last.end.format("%H:%M").to_string(), "14:45");
}

#[test]
fn an_overlapping_slot_is_added_with_a_warning_that_stays_on_event() {
    let mut state = on_event(sample_state());
    press(&mut state, &[KeyCode::Char('s'), KeyCode::Tab]);
    type_text(&mut state, "10:30");
    press(&mut state, &[KeyCode::Tab]);
    type_text(&mut state, "11:30");
    let effects = press(&mut state, &[KeyCode::Enter]);
    assert!(effects.contains(&Effect::Save), "added all the same");
    let status = state.status.clone().unwrap_or_else(|| unreachable!());
    assert!(status.error, "{status:?}");
    assert!(
        status
            .text
            .contains("Round 1 (10:00–11:00) overlaps 10:30–11:30"),
        "{status:?}"
    );
    let shown = crate::tui::testing::screen(&mut state, 80, 24);
    assert!(shown.contains("OVERLAP"), "{shown}");
    insta::assert_snapshot!(shown);
    insta::assert_snapshot!(crate::tui::testing::screen(&mut state, 60, 20));
}

#[test]
fn slots_move_by_their_times() {
    let mut state = on_event(sample_state());
    let id = select_slot(&mut state, "Coffee");
    press(&mut state, &[KeyCode::Char('K')]);
    let status = state.status.clone().unwrap_or_else(|| unreachable!());
    assert!(status.text.contains("time order"));
    press(&mut state, &[KeyCode::Enter, KeyCode::Tab]);
    press(&mut state, &[KeyCode::Backspace; 5]);
    type_text(&mut state, "12:15");
    press(&mut state, &[KeyCode::Tab]);
    press(&mut state, &[KeyCode::Backspace; 5]);
    type_text(&mut state, "12:30");
    press(&mut state, &[KeyCode::Enter]);
    assert!(state.setup.form.is_none(), "{:?}", state.status);
    let order: Vec<&Id> = state
        .event()
        .slots_in_order()
        .into_iter()
        .map(|(i, _)| i)
        .collect();
    assert_eq!(order.last(), Some(&&id), "Coffee now comes last");
}

#[test]
fn the_details_form_saves_the_description_with_ctrl_s_and_keeps_a_draft_meanwhile() {
    let mut state = on_event(sample_state());
    press(&mut state, &[KeyCode::Enter]);
    assert_eq!(
        state.setup.form.as_ref().map(|f| f.target.clone()),
        Some(Target::Details)
    );
    press(&mut state, &[KeyCode::Tab, KeyCode::Tab]);
    press(&mut state, &[KeyCode::Backspace; 9]);
    type_text(&mut state, "Guildhall");
    press(&mut state, &[KeyCode::Tab, KeyCode::Tab]);
    type_text(&mut state, "A day for suppliers.");
    press(&mut state, &[KeyCode::Enter]);
    type_text(&mut state, "Second line.");
    let later = state.now + chrono::Duration::seconds(3);
    let drafted = act(&mut state, Action::Tick(later));
    assert_eq!(
        drafted,
        vec![Effect::SaveDraft {
            key: "event-description".into(),
            text: "A day for suppliers.\nSecond line.".into()
        }]
    );
    let effects = ctrl(&mut state, 's');
    assert!(effects.contains(&Effect::Save), "{:?}", state.status);
    assert!(effects.contains(&Effect::ClearDraft {
        key: "event-description".into()
    }));
    let info = &state.event().info;
    assert_eq!(info.venue, "Guildhall");
    assert_eq!(info.description, "A day for suppliers.\nSecond line.");
    assert_eq!(info.name, "Local digital unconference", "the rest is kept");
}

#[test]
fn a_date_that_is_not_a_date_is_refused() {
    let mut state = on_event(sample_state());
    press(&mut state, &[KeyCode::Char('e'), KeyCode::Tab]);
    type_text(&mut state, "x");
    press(&mut state, &[KeyCode::Enter]);
    let status = state.status.clone().unwrap_or_else(|| unreachable!());
    assert!(
        status.error && status.text.contains("is not a date"),
        "{status:?}"
    );
    assert!(state.setup.form.is_some());
}

#[test]
fn a_room_in_use_is_not_deleted_and_the_sentence_says_why() {
    let mut state = on_event(sample_state());
    select_room(&mut state, "Main hall");
    assert!(press(&mut state, &[KeyCode::Char('d')]).is_empty());
    let status = state.status.clone().unwrap_or_else(|| unreachable!());
    assert_eq!(
        status.text,
        "Room \"Main hall\" is used by \"Open standards for planning\" in Round 1 (10:00); move or unschedule it first."
    );
    select_room(&mut state, "Garden room");
    assert!(press(&mut state, &[KeyCode::Char('d')]).contains(&Effect::Save));
    assert_eq!(room_names(&state), ["Main hall", "Library"]);
    press(&mut state, &[KeyCode::Char('u')]);
    assert_eq!(room_names(&state), ["Main hall", "Library", "Garden room"]);
}

#[test]
fn rooms_move_up_and_down_the_order() {
    let mut state = on_event(sample_state());
    select_room(&mut state, "Garden room");
    press(&mut state, &[KeyCode::Char('K')]);
    assert_eq!(room_names(&state), ["Main hall", "Garden room", "Library"]);
    press(&mut state, &[KeyCode::Char('K'), KeyCode::Char('K')]);
    assert_eq!(room_names(&state), ["Garden room", "Main hall", "Library"]);
    press(&mut state, &[KeyCode::Char('J')]);
    assert_eq!(room_names(&state), ["Main hall", "Garden room", "Library"]);
}

#[test]
fn the_cursor_walks_details_rooms_slots_and_warnings_and_goes_across() {
    let mut state = on_event(sample_state());
    double_book(&mut state);
    press(&mut state, &[KeyCode::Char('j')]);
    assert!(matches!(current(&state), Selected::Room(_)));
    press(&mut state, &[KeyCode::Char('l')]);
    assert!(matches!(current(&state), Selected::Slot(_)));
    press(&mut state, &[KeyCode::Char('k')]);
    assert_eq!(current(&state), Selected::Details, "up from either column");
    press(&mut state, &[KeyCode::Char('j'), KeyCode::Char('l')]);
    for _ in 0..20 {
        press(&mut state, &[KeyCode::Char('j')]);
    }
    assert!(matches!(current(&state), Selected::Warning(_)));
    for _ in 0..5 {
        press(&mut state, &[KeyCode::Char('k')]);
    }
    assert!(
        matches!(current(&state), Selected::Room(_)),
        "back up into the rooms"
    );
    press(
        &mut state,
        &[KeyCode::Char('j'), KeyCode::Char('j'), KeyCode::Char('j')],
    );
    press(&mut state, &[KeyCode::Char('j')]);
    press(&mut state, &[KeyCode::Enter]);
    let status = state.status.clone().unwrap_or_else(|| unreachable!());
    assert!(status.text.contains("Schedule") || status.text.contains("Wrap-up"));
}

#[test]
fn a_click_selects_the_room_under_it() {
    let mut state = on_event(sample_state());
    screen(&mut state, 80, 24);
    // Tab bar, three rows of details, a gap, the list header: rooms from row 6.
    act(&mut state, Action::Click { column: 3, row: 7 });
    assert_eq!(current(&state), {
        let (id, _) = state.event().rooms_in_order()[1];
        Selected::Room(id.clone())
    });
}

fn with_devices(mut state: State) -> State {
    state.devices.set(vec![
        DeviceSeen {
            label: "test laptop".into(),
            own: true,
            last_change: Some(now() - chrono::Duration::minutes(2)),
        },
        DeviceSeen {
            label: "Kim's laptop".into(),
            own: false,
            last_change: Some(now() - chrono::Duration::seconds(12)),
        },
    ]);
    state
}

#[test]
fn the_event_screen_at_80_by_24() {
    let mut state = on_event(with_devices(sample_state()));
    let shown = screen(&mut state, 80, 24);
    assert!(shown.contains("Kim's laptop, 12 s ago"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn the_event_screen_with_warnings_at_160_by_48() {
    let mut state = on_event(with_devices(sample_state()));
    double_book(&mut state);
    state.file_problems = vec![
        "sessions/day/old-laptop.ron could not be read: line 3, column 7: expected `)`".into(),
    ];
    let shown = screen(&mut state, 160, 48);
    assert!(shown.contains("CLASH"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn the_event_details_form() {
    let mut state = on_event(sample_state());
    press(&mut state, &[KeyCode::Enter]);
    insta::assert_snapshot!(screen(&mut state, 80, 24));
}

#[test]
fn a_read_only_event_keeps_what_was_typed_in_the_form() {
    let mut state = on_event(sample_state());
    state
        .replica
        .set_read_only("it is open for editing in another window");
    press(&mut state, &[KeyCode::Char('r')]);
    type_text(&mut state, "Attic");
    assert!(press(&mut state, &[KeyCode::Enter]).is_empty());
    assert!(state.setup.form.is_some());
    let status = state.status.clone().unwrap_or_else(|| unreachable!());
    assert!(
        status.error && status.text.contains("another window"),
        "{status:?}"
    );
}

#[test]
fn esc_saves_what_was_typed_and_u_undoes_it() {
    let mut state = on_event(sample_state());
    press(&mut state, &[KeyCode::Char('r')]);
    type_text(&mut state, "Roof terrace");
    press(&mut state, &[KeyCode::Esc]);
    assert!(state.setup.form.is_none());
    assert_eq!(room_names(&state).len(), 4, "added");
    press(&mut state, &[KeyCode::Char('u')]);
    assert_eq!(room_names(&state).len(), 3, "undone");
}

#[test]
fn esc_keeps_what_cannot_be_saved_until_the_same_form_opens_again() {
    let mut state = on_event(sample_state());
    press(&mut state, &[KeyCode::Char('r')]);
    type_text(&mut state, "Roof terrace");
    press(&mut state, &[KeyCode::Tab]);
    type_text(&mut state, "lots");
    press(&mut state, &[KeyCode::Esc]);
    assert!(state.setup.form.is_none());
    assert_eq!(room_names(&state).len(), 3, "nothing added");
    let status = state.status.clone().unwrap_or_else(|| unreachable!());
    assert!(
        status.error
            && status
                .text
                .starts_with("Not saved (Capacity \"lots\" is not a number"),
        "{status:?}"
    );
    press(&mut state, &[KeyCode::Char('s')]);
    assert_eq!(
        state.setup.form.as_ref().map(|f| f.text(forms::LABEL)),
        Some(String::new()),
        "another form opens empty"
    );
    press(&mut state, &[KeyCode::Esc, KeyCode::Char('r')]);
    let form = state.setup.form.clone().unwrap_or_else(|| unreachable!());
    assert_eq!(form.text(forms::NAME), "Roof terrace");
    press(&mut state, &[KeyCode::Backspace; 4]);
    press(&mut state, &[KeyCode::Enter]);
    assert_eq!(room_names(&state).len(), 4);
}

#[test]
fn a_description_typed_before_a_crash_comes_back_in_the_details_form() {
    let mut state = on_event(sample_state());
    assert!(!offer_draft(&mut state, "pitch-quick-add", "x"));
    assert!(offer_draft(
        &mut state,
        "event-description",
        "Half a\nsentence"
    ));
    press(&mut state, &[KeyCode::Enter]);
    let form = state.setup.form.clone().unwrap_or_else(|| unreachable!());
    assert_eq!(form.focused_label(), forms::DESCRIPTION);
    assert_eq!(form.text(forms::DESCRIPTION), "Half a\nsentence");
}

/// The web address the board shows (and its QR code) is a field of the
/// details form; only a web address is taken.
#[test]
fn the_web_address_is_edited_in_the_details_form_and_must_be_one() {
    let mut state = on_event(sample_state());
    press(&mut state, &[KeyCode::Enter]);
    // Name, date, venue, organisers, description, time zone, attendees.
    press(&mut state, &[KeyCode::Tab; 7]);
    type_text(&mut state, "javascript:alert(1)");
    assert!(press(&mut state, &[KeyCode::Enter]).is_empty());
    let status = state.status.clone().unwrap_or_else(|| unreachable!());
    assert!(
        status.error && status.text.contains("https://"),
        "{status:?}"
    );
    assert!(state.setup.form.is_some(), "the form stays open to fix it");
    ctrl(&mut state, 'u');
    type_text(&mut state, "https://example.org/programme");
    let effects = press(&mut state, &[KeyCode::Enter]);
    assert!(effects.contains(&Effect::Save), "{:?}", state.status);
    assert_eq!(state.event().info.url, "https://example.org/programme");
    let shown = screen(&mut state, 120, 30);
    assert!(
        shown.contains("online at https://example.org/programme"),
        "{shown}"
    );
}
