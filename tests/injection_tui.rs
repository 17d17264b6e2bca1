//! Terminal injection in the TUI: an event whose every text field holds
//! escape sequences, BEL, backspaces, bidirectional overrides, zero-width
//! and C1 characters, a 10,000-character word, emoji and CJK, drawn on every
//! screen at several sizes. No drawn cell holds any of those characters,
//! and the tab bar and the footer stay where they are.
//!
//! The first test checks the whole frame for every screen at four sizes;
//! the second keeps a named snapshot of each screen at 80x24 and 160x48.

mod crash_kit;

use crash_kit::hostile::{build, dangerous};
use crash_kit::{Home, clock};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use unconf::store::{Access, EventFolder, Identity};
use unconf::tui::action::{Action, Screen};
use unconf::tui::state::State;
use unconf::tui::view::kept::Kept;
use unconf::tui::{update::update, view};

fn hostile_state(home: &Home) -> State {
    let dir = build(home);
    let me = Identity::from_label("organiser", "organiser");
    let folder = EventFolder::open(&dir, me, clock(), Access::Write).expect("opens");
    let (_disk, replica) = folder.into_parts();
    State::new(replica, clock().now())
}

fn row(buffer: &Buffer, y: u16) -> String {
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol().to_string())
        .collect()
}

fn draw(state: &State, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a terminal");
    terminal
        .draw(|frame| view::draw(state, &mut Kept::default(), frame))
        .expect("drawn");
    terminal.backend().buffer().clone()
}

#[test]
fn every_screen_draws_hostile_text_inert_and_keeps_its_layout() {
    let home = Home::new();
    let mut state = hostile_state(&home);
    for (width, height) in [(80, 24), (120, 40), (60, 16), (200, 60)] {
        update(&mut state, Action::Resize { width, height });
        for screen in Screen::ALL {
            update(&mut state, Action::Show(screen));
            // Select and open what can be opened, as a user would.
            for action in [Action::Submit, Action::Back] {
                update(&mut state, action);
                let buffer = draw(&state, width, height);
                for y in 0..height {
                    let text = row(&buffer, y);
                    if let Some(c) = text.chars().find(|c| dangerous(*c)) {
                        panic!("{screen:?} at {width}x{height} drew {c:?} on row {y}: {text}");
                    }
                }
                let tabs = row(&buffer, 0);
                // Narrow, only the current screen's tab has its title; the
                // clock always keeps its place at the end.
                assert!(
                    tabs.contains(screen.title()) && tabs.trim_end().ends_with("10:00"),
                    "{screen:?} at {width}x{height}: the tab bar moved: {tabs}"
                );
            }
        }
    }
}

/// The screen as text, rows trimmed at the end.
fn text(buffer: &Buffer) -> String {
    (0..buffer.area.height)
        .map(|y| row(buffer, y).trim_end().to_string() + "\n")
        .collect()
}

/// Named snapshots of every screen holding the hostile event, at 80x24 and
/// at 160x48: what a person sees when a title carries an escape sequence,
/// a 10,000-character word, a right-to-left override, emoji or CJK.
#[test]
fn every_screen_with_hostile_text_matches_its_snapshot() {
    let home = Home::new();
    let mut state = hostile_state(&home);
    for (width, height) in [(80, 24), (160, 48)] {
        update(&mut state, Action::Resize { width, height });
        for screen in Screen::ALL {
            update(&mut state, Action::Show(screen));
            let shown = text(&draw(&state, width, height));
            let name = format!("hostile_{}_{width}x{height}", screen.title().to_lowercase());
            insta::assert_snapshot!(name, shown);
        }
    }
}
