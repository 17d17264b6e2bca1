//! The board without a terminal: its state and `update`, what it says at
//! fixed times before, during and between slots, and its frames at three
//! sizes through ratatui's test backend.

use chrono::{DateTime, FixedOffset, NaiveTime};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;

use super::plan::{Stage, plan};
use super::*;
use crate::model::{Change, EventInfo, Person, Pitch, Record, Room, Session, Slot, SlotKind};
use crate::tui::state::State;
use crate::tui::testing::{press, sample_state};

fn at(hh_mm: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("2026-11-27T{hh_mm}:00+00:00")).expect("a time")
}

fn time(hh_mm: &str) -> NaiveTime {
    NaiveTime::parse_from_str(hh_mm, "%H:%M").expect("a time")
}

fn put(state: &mut State, record: Record) -> crate::model::Id {
    let id = state.new_id();
    state
        .replica
        .commit(vec![Change::put(id.clone(), record)], at("08:00").to_utc())
        .expect("the sample is writable");
    id
}

fn id_of(state: &State, find: impl Fn(&Record) -> bool) -> crate::model::Id {
    let event = state.event();
    let ids = event
        .rooms
        .keys()
        .chain(event.slots.keys())
        .chain(event.pitches.keys());
    ids.into_iter()
        .find(|id| event.record(id).is_some_and(|r| find(&r)))
        .cloned()
        .expect("in the sample")
}

/// The TUI's sample day (Welcome, Round 1, Coffee, Round 2 in three rooms)
/// with a session in Round 2, a lunch gap, an afternoon round and a closing
/// plenary.
fn day() -> State {
    let mut state = sample_state();
    let slot =
        |label: &'static str| move |r: &Record| matches!(r, Record::Slot(s) if s.label == label);
    let room =
        |name: &'static str| move |r: &Record| matches!(r, Record::Room(x) if x.name == name);
    let pitch =
        |title: &'static str| move |r: &Record| matches!(r, Record::Pitch(p) if p.title == title);
    let round_2 = id_of(&state, slot("Round 2"));
    let garden = id_of(&state, room("Garden room"));
    let main = id_of(&state, room("Main hall"));
    let borders = id_of(&state, pitch("Data across borders"));
    let responsible = id_of(&state, pitch("Responsible tech"));
    put(
        &mut state,
        Record::Session(Session {
            pitches: vec![borders],
            slot: round_2,
            room: garden,
            ..Session::default()
        }),
    );
    let afternoon = put(
        &mut state,
        Record::Slot(Slot {
            start: time("13:30"),
            end: time("14:30"),
            label: "Afternoon".into(),
            kind: SlotKind::Breakout,
        }),
    );
    put(
        &mut state,
        Record::Slot(Slot {
            start: time("14:30"),
            end: time("15:00"),
            label: "Feedback and next steps".into(),
            kind: SlotKind::Plenary,
        }),
    );
    put(
        &mut state,
        Record::Session(Session {
            pitches: vec![responsible],
            slot: afternoon,
            room: main,
            chatham_house: true,
            ..Session::default()
        }),
    );
    state
}

fn board(state: State, now: DateTime<FixedOffset>) -> BoardState {
    BoardState::new(state.replica, now, true)
}

fn draw(board: &mut BoardState, width: u16, height: u16) -> Buffer {
    update(board, BoardAction::Resize { width, height });
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal
        .draw(|frame| render(board, frame.area(), frame.buffer_mut()))
        .expect("drawn");
    terminal.backend().buffer().clone()
}

fn text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let line: String = (0..area.width).map(|x| buf[(x, y)].symbol()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn screen(board: &mut BoardState, width: u16, height: u16) -> String {
    text(&draw(board, width, height))
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[test]
fn q_and_ctrl_c_quit_and_every_other_key_does_nothing() {
    assert_eq!(
        action_for(&key(KeyCode::Char('q'))),
        Some(BoardAction::Quit)
    );
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(action_for(&ctrl_c), Some(BoardAction::Quit));
    for code in [
        KeyCode::Char('a'),
        KeyCode::Char('d'),
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Char('c'),
    ] {
        assert_eq!(action_for(&key(code)), None, "{code:?}");
    }
    let mut state = board(day(), at("10:40"));
    assert_eq!(
        update(&mut state, BoardAction::Quit),
        vec![BoardEffect::Quit]
    );
    assert!(state.quit);
}

#[test]
fn the_clock_moves_the_board_on_and_a_rehearsal_keeps_its_distance() {
    let mut state = board(day(), at("10:40"));
    assert_eq!(update(&mut state, BoardAction::Tick(at("10:41"))), vec![]);
    assert_eq!(state.now, at("10:41"));
    state.rehearse(time("13:45"), at("10:41"));
    assert_eq!(state.now, at("13:45"));
    update(&mut state, BoardAction::Tick(at("10:42")));
    assert_eq!(state.now, at("13:46"), "the rehearsal's clock runs on");
    let shown = screen(&mut state, 80, 24);
    assert!(
        shown
            .lines()
            .next()
            .is_some_and(|l| l.ends_with("REHEARSAL  13:46")),
        "{shown}"
    );
}

#[test]
fn before_the_first_slot_it_counts_down_to_it() {
    let Stage::Slots { focus, next } = plan(day().event(), at("09:00")).stage else {
        panic!("slots");
    };
    assert_eq!((focus.tag, focus.label.as_str()), ("FIRST", "Welcome"));
    assert_eq!(
        focus.countdown.map(|c| (c.words, c.digits())),
        Some(("starts in", "30:00".into()))
    );
    assert_eq!(focus.note, "Plenary: everyone together.");
    assert_eq!(next.map(|n| n.label), Some("Round 1".into()));
}

#[test]
fn during_a_slot_it_counts_down_to_its_end_with_each_room_and_the_next_slot() {
    let Stage::Slots { focus, next } = plan(day().event(), at("10:40")).stage else {
        panic!("slots");
    };
    assert_eq!((focus.tag, focus.label.as_str()), ("NOW", "Round 1"));
    assert_eq!(focus.countdown.map(|c| c.digits()), Some("20:00".into()));
    let rooms: Vec<_> = focus
        .rooms
        .iter()
        .map(|r| (r.room.as_str(), r.title.as_str()))
        .collect();
    assert_eq!(
        rooms,
        [
            ("Main hall", "Open standards for planning"),
            ("Library", "A vendor community")
        ]
    );
    assert_eq!(focus.rooms[0].by, "pitched by Asha Patel");
    let next = next.expect("the coffee break is next");
    assert_eq!((next.tag, next.kind), ("NEXT", SlotKind::Break));
}

#[test]
fn a_break_says_when_the_next_slot_begins() {
    let Stage::Slots { focus, .. } = plan(day().event(), at("11:05")).stage else {
        panic!("slots");
    };
    assert_eq!(focus.kind, SlotKind::Break);
    assert_eq!(focus.note, "Back at 11:15 for Round 2.");
    assert_eq!(focus.countdown.map(|c| c.digits()), Some("10:00".into()));
}

#[test]
fn between_slots_it_says_what_is_next_and_when() {
    let Stage::Slots { focus, next } = plan(day().event(), at("12:45")).stage else {
        panic!("slots");
    };
    assert_eq!((focus.tag, focus.label.as_str()), ("NEXT", "Afternoon"));
    assert_eq!(focus.countdown.map(|c| c.digits()), Some("45:00".into()));
    assert_eq!(focus.rooms[0].by, "", "Chatham House: nobody named");
    assert_eq!(next.map(|n| n.tag), Some("THEN"));
    let Stage::Slots { focus, .. } = plan(day().event(), at("14:29")).stage else {
        panic!("slots");
    };
    assert_eq!(focus.label, "Afternoon", "still running");
    assert!(focus.countdown.is_some_and(|c| c.urgent()));
}

#[test]
fn after_the_last_breakout_the_closing_plenary_is_next_and_then_the_day_is_over() {
    let mut state = day();
    let afternoon = id_of(
        &state,
        |r| matches!(r, Record::Slot(s) if s.label == "Afternoon"),
    );
    let mut slot = match state.event().record(&afternoon) {
        Some(Record::Slot(slot)) => slot,
        _ => panic!("the slot"),
    };
    slot.end = time("14:00");
    state
        .replica
        .commit(
            vec![Change::put(afternoon, Record::Slot(slot))],
            at("08:00").to_utc(),
        )
        .expect("writable");
    let Stage::Slots { focus, .. } = plan(state.event(), at("14:10")).stage else {
        panic!("slots");
    };
    assert_eq!(focus.label, "Feedback and next steps");
    assert_eq!(focus.note, "The discussions are over: everyone together.");
    let Stage::Message { title, lines } = plan(state.event(), at("15:00")).stage else {
        panic!("a message");
    };
    assert_eq!(title, "The day's sessions are over");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Feedback and next steps (14:30–15:00)"))
    );
    let next_day = DateTime::parse_from_rfc3339("2026-11-28T09:00:00+00:00").expect("a time");
    assert!(matches!(
        plan(state.event(), next_day).stage,
        Stage::Message { .. }
    ));
}

#[test]
fn days_ahead_it_names_the_day_and_counts_in_days() {
    let early = DateTime::parse_from_rfc3339("2026-11-24T09:00:00+00:00").expect("a time");
    let Stage::Slots { focus, .. } = plan(day().event(), early).stage else {
        panic!("slots");
    };
    assert!(
        focus.note.starts_with("Friday 27 November 2026: "),
        "{}",
        focus.note
    );
    assert_eq!(focus.countdown.map(|c| c.digits()), Some("3 days".into()));
}

#[test]
fn the_time_is_read_in_the_events_time_zone() {
    let mut state = day();
    let info = EventInfo {
        time_zone: Some("America/New_York".into()),
        ..state.event().info.clone()
    };
    let id = state.event().id.clone();
    state
        .replica
        .commit(
            vec![Change::put(id, Record::Event(info))],
            at("08:00").to_utc(),
        )
        .expect("writable");
    // 15:40 in London is 10:40 in New York.
    let shown = plan(state.event(), at("15:40"));
    assert_eq!(shown.clock, "10:40");
    let Stage::Slots { focus, .. } = shown.stage else {
        panic!("slots");
    };
    assert_eq!(focus.label, "Round 1");
    assert_eq!(focus.countdown.map(|c| c.digits()), Some("20:00".into()));
}

#[test]
fn a_day_without_a_date_or_slots_says_so() {
    let mut state = crate::tui::testing::empty_state();
    let shown = screen(&mut board(state, at("10:40")), 80, 24);
    assert!(shown.contains("Add slots on the Event screen"), "{shown}");
    state = crate::tui::testing::empty_state();
    let info = EventInfo {
        date: None,
        ..state.event().info.clone()
    };
    let id = state.event().id.clone();
    state
        .replica
        .commit(
            vec![Change::put(id, Record::Event(info))],
            at("08:00").to_utc(),
        )
        .expect("writable");
    let shown = screen(&mut board(state, at("10:40")), 80, 24);
    assert!(shown.contains("Set one on the Event screen"), "{shown}");
}

#[test]
fn frames_before_during_and_between_slots_at_three_sizes() {
    for (moment, now) in [
        ("before", "09:10"),
        ("during", "10:40"),
        ("between", "12:45"),
    ] {
        for (width, height) in [(80, 24), (120, 40), (200, 60)] {
            let mut state = board(day(), at(now));
            let shown = screen(&mut state, width, height);
            insta::assert_snapshot!(format!("board_{moment}_{width}x{height}"), shown);
        }
    }
}

#[test]
fn no_color_leaves_every_cell_in_the_terminals_own_colours() {
    let mut state = board(day(), at("10:40"));
    state.colour = false;
    let buf = draw(&mut state, 120, 40);
    for cell in buf.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
    }
    assert!(text(&buf).contains("breakout · 10:00–11:00"));
    state.colour = true;
    let buf = draw(&mut state, 120, 40);
    assert!(
        buf.content().iter().any(|c| c.bg != Color::Reset),
        "colour is on"
    );
}

/// Eight rooms do not fit 80x24: the board shows a page at a time and
/// turns the page on its own as the clock runs.
#[test]
fn more_rooms_than_fit_are_paged_through_on_their_own() {
    let state = rooms_in_round_1(day(), 6, |n| Pitch {
        title: format!("Extra topic {n}"),
        pitched_by: vec![Person::named("Kim Lee")],
        ..Pitch::default()
    });
    // 10:40:00 is a whole number of pages since the epoch: page 1.
    let mut board = board(state, at("10:40"));
    let first = screen(&mut board, 80, 24);
    assert!(first.contains("page 1 of 2"), "{first}");
    assert!(
        first.contains("Main hall") && !first.contains("Room 6"),
        "{first}"
    );
    update(
        &mut board,
        BoardAction::Tick(at("10:40") + chrono::Duration::seconds(view::PAGE_SECONDS)),
    );
    let second = screen(&mut board, 80, 24);
    assert!(second.contains("page 2 of 2"), "{second}");
    assert!(
        second.contains("Room 6") && !second.contains("Main hall"),
        "{second}"
    );
    insta::assert_snapshot!("board_paged_80x24_page_1", first);
    insta::assert_snapshot!("board_paged_80x24_page_2", second);
    let wide = screen(&mut board, 200, 60);
    assert!(!wide.contains("page 1 of"), "all eight fit 200x60: {wide}");
}

const URL: &str = "https://example.org/unconf/programme";

fn with_url(mut state: State) -> State {
    let info = EventInfo {
        url: URL.into(),
        ..state.event().info.clone()
    };
    let id = state.event().id.clone();
    state
        .replica
        .commit(
            vec![Change::put(id, Record::Event(info))],
            at("08:00").to_utc(),
        )
        .expect("writable");
    state
}

/// The whole screen as pixels, two a cell: a half block is light where it
/// is drawn; everything else (text, spaces) is dark.
fn decode_screen(buf: &Buffer) -> Vec<String> {
    let area = buf.area;
    let zoom = 4;
    let light = |x: usize, y: usize| {
        let cell = &buf[(x as u16, (y / 2) as u16)];
        match (cell.symbol(), y % 2) {
            ("█", _) | ("▀", 0) | ("▄", 1) => 255,
            _ => 0,
        }
    };
    let (w, h) = (usize::from(area.width), usize::from(area.height) * 2);
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(w * zoom, h * zoom, |x, y| {
        light(x / zoom, y / zoom)
    });
    image
        .detect_grids()
        .into_iter()
        .filter_map(|grid| grid.decode().ok().map(|(_, text)| text))
        .collect()
}

#[test]
fn a_web_address_is_shown_with_a_code_that_scans_where_it_fits() {
    for (width, height) in [(120, 40), (200, 60), (300, 80)] {
        let mut state = board(with_url(day()), at("10:40"));
        let buf = draw(&mut state, width, height);
        assert_eq!(
            decode_screen(&buf),
            vec![URL.to_string()],
            "{width}x{height}"
        );
        assert!(text(&buf).contains(URL));
        if width == 120 {
            insta::assert_snapshot!("board_url_120x40", text(&buf));
        }
    }
    // 80x24 has no room for a code: the address alone, as text.
    let mut state = board(with_url(day()), at("10:40"));
    let buf = draw(&mut state, 80, 24);
    assert!(decode_screen(&buf).is_empty());
    let shown = text(&buf);
    assert!(shown.contains(&format!("Online: {URL}")), "{shown}");
}

#[test]
fn b_shows_the_board_until_a_key_which_does_nothing_else() {
    let mut state = day();
    state.now = at("10:40");
    let screen_before = state.screen;
    press(&mut state, &[KeyCode::Char('b')]);
    assert!(state.board);
    let shown = crate::tui::testing::screen(&mut state, 80, 24);
    assert!(shown.contains(" NOW   breakout · 10:00–11:00"), "{shown}");
    assert!(!shown.contains("? help"), "no footer: {shown}");
    // `a` would open the quick-add line on the Pitches screen.
    let effects = press(&mut state, &[KeyCode::Char('a')]);
    assert!(effects.is_empty());
    assert!(!state.board);
    assert_eq!(state.screen, screen_before);
    assert!(
        !state.typing(),
        "the key that closed the board did not open the line"
    );
    press(&mut state, &[KeyCode::Char('?')]);
    let help = crate::tui::testing::screen(&mut state, 80, 40);
    assert!(help.contains("the projector board"), "{help}");
}

#[test]
fn a_slot_that_runs_past_midnight_is_still_to_come_and_then_runs_on() {
    let mut state = day();
    // Refused when added, but a hand-edited or older file can hold one.
    put(
        &mut state,
        Record::Slot(Slot {
            start: time("22:00"),
            end: time("00:30"),
            label: "Late night".into(),
            kind: SlotKind::Breakout,
        }),
    );
    let event = state.event();
    let focus = |now: DateTime<FixedOffset>| match plan(event, now).stage {
        Stage::Slots { focus, .. } => {
            let digits = focus.countdown.map(|c| c.digits()).unwrap_or_default();
            (focus.tag, focus.label.clone(), digits)
        }
        Stage::Message { title, .. } => ("", title, String::new()),
    };
    assert_eq!(
        focus(at("16:00")),
        ("NEXT", "Late night".to_string(), "6:00:00".to_string())
    );
    assert_eq!(
        focus(at("23:00")),
        ("NOW", "Late night".to_string(), "1:30:00".to_string())
    );
    let after_midnight = DateTime::parse_from_rfc3339("2026-11-28T00:15:00+00:00").expect("a time");
    assert_eq!(
        focus(after_midnight),
        ("NOW", "Late night".to_string(), "15:00".to_string())
    );
    let later = DateTime::parse_from_rfc3339("2026-11-28T00:45:00+00:00").expect("a time");
    assert!(matches!(plan(event, later).stage, Stage::Message { .. }));
}

#[test]
fn a_window_too_small_says_so_in_words_that_fit() {
    let mut state = board(day(), at("10:40"));
    for (width, height) in [(19, 5), (20, 5), (12, 3)] {
        let shown = screen(&mut state, width, height);
        let words: String = shown.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(words.contains("larger"), "{width}x{height}: {shown}");
    }
}

/// Sixteen rooms in Round 1 of the sample day: more than fit, so they page.
fn many_rooms() -> State {
    rooms_in_round_1(day(), 16, |n| Pitch {
        title: format!("Topic number {n} of the day"),
        ..Pitch::default()
    })
}

/// `count` more rooms, each with a session of `pitch(n)` in Round 1.
fn rooms_in_round_1(mut state: State, count: i32, pitch: impl Fn(i32) -> Pitch) -> State {
    let round_1 = id_of(
        &state,
        |r| matches!(r, Record::Slot(s) if s.label == "Round 1"),
    );
    for n in 1..=count {
        let room = put(
            &mut state,
            Record::Room(Room {
                name: format!("Room {n}"),
                capacity: None,
                position: 10 + n,
            }),
        );
        let pitch = put(&mut state, Record::Pitch(pitch(n)));
        put(
            &mut state,
            Record::Session(Session {
                pitches: vec![pitch],
                slot: round_1.clone(),
                room,
                ..Session::default()
            }),
        );
    }
    state
}

#[test]
fn a_short_window_never_draws_a_title_over_the_page_count() {
    for height in 10..=20 {
        let mut state = board(many_rooms(), at("10:40"));
        let shown = screen(&mut state, 60, height);
        for line in shown
            .lines()
            .filter(|l| l.contains(" of ") && l.contains("page"))
        {
            assert!(
                line.trim_start().starts_with("rooms "),
                "60x{height}: a title runs into the page count:\n{shown}"
            );
        }
    }
}

#[test]
fn a_folder_that_can_no_longer_be_read_is_said_in_the_header_until_it_is_back() {
    let mut state = board(day(), at("10:40"));
    assert!(!screen(&mut state, 120, 40).contains(super::NOT_UPDATING));
    update(&mut state, BoardAction::Folder { readable: false });
    let shown = screen(&mut state, 120, 40);
    let header = shown.lines().next().unwrap_or_default();
    assert!(header.contains(super::NOT_UPDATING), "{header}");
    // The last news read stays on the board: the room still sees the slot.
    assert!(shown.contains("ends in"), "{shown}");
    update(&mut state, BoardAction::Folder { readable: true });
    assert!(!screen(&mut state, 120, 40).contains(super::NOT_UPDATING));
}
