//! Every screen of the terminal UI drawn from the example event shipped in
//! `sessions/` (rebuilt from the seed article), at 80x24 and 160x48, as a
//! facilitator opening it mid-morning on the day would see it; and help,
//! note-taker mode and the too-small message. Snapshots: a change to any
//! screen shows up here as a reviewed diff.

mod common;

use chrono::DateTime;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use unconf::store::{Clock, Identity};
use unconf::tui::action::{Action, Screen};
use unconf::tui::screen::notes;
use unconf::tui::state::State;
use unconf::tui::view::kept::Kept;
use unconf::tui::{update::update, view};

use common::EXAMPLE;
/// Mid-morning on the day, in the breakout round.
const NOW: &str = "2018-10-23T10:45:00+01:00";

fn example_state() -> (tempfile::TempDir, State) {
    // A copy of the example as shipped, so that opening it never touches
    // the repository, with its own local state (lock, drafts), so that it
    // never touches this machine's.
    let copy = tempfile::tempdir().expect("temp dir");
    let _state = unconf::store::local::on_this_thread(&copy.path().join("state"));
    let dir = copy.path().join(EXAMPLE);
    common::copy_example(&dir);
    let now = DateTime::parse_from_rfc3339(NOW).expect("a time");
    let me = Identity::from_label("facilitator", "Fran");
    // Opened as the running app opens it: the devices in the folder are
    // seen, drafts are offered back.
    let (_disk, mut state) = unconf::tui::open(&dir, me, Clock::Fixed(now)).expect("opens");
    state.exports_dir = "/home/fran/unconf/exports".into();
    (copy, state)
}

fn shown(state: &mut State, width: u16, height: u16) -> String {
    update(state, Action::Resize { width, height });
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a terminal");
    terminal
        .draw(|frame| view::draw(state, &mut Kept::default(), frame))
        .expect("drawn");
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            let row: String = (0..width).map(|x| buffer[(x, y)].symbol()).collect();
            row.trim_end().to_string() + "\n"
        })
        .collect()
}

#[test]
fn every_screen_of_the_example_event() {
    let (_dir, mut state) = example_state();
    for (width, height) in [(80, 24), (160, 48)] {
        for screen in Screen::ALL {
            update(&mut state, Action::Show(screen));
            let text = shown(&mut state, width, height);
            assert!(text.contains("Supplier"), "{screen:?}: {text}");
            let name = format!("example_{}_{width}x{height}", screen.title().to_lowercase());
            insta::assert_snapshot!(name, text);
        }
    }
}

#[test]
fn help_over_the_schedule_of_the_example_event() {
    let (_dir, mut state) = example_state();
    update(&mut state, Action::Show(Screen::Schedule));
    update(&mut state, Action::Help);
    insta::assert_snapshot!("example_help_80x24", shown(&mut state, 80, 24));
}

#[test]
fn note_taker_mode_on_the_example_event() {
    let (_dir, mut state) = example_state();
    let query = "vendor community";
    let found = unconf::model::reference::resolve_session(state.event(), query, None);
    assert!(found.is_ok(), "{found:?}");
    notes::enter_note_taker(&mut state, query, None, found);
    for (width, height) in [(80, 24), (120, 40)] {
        let name = format!("example_note_taker_{width}x{height}");
        insta::assert_snapshot!(name, shown(&mut state, width, height));
    }
}

#[test]
fn a_terminal_too_small_says_so() {
    let (_dir, mut state) = example_state();
    let text = shown(&mut state, 40, 10);
    assert!(text.contains("needs a terminal of at least"), "{text}");
    insta::assert_snapshot!("example_too_small_40x10", text);
}
