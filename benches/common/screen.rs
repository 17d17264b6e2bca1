//! A screen as the event loop keeps it, for timing keystrokes.

use std::hint::black_box;
use std::path::Path;

use chrono::DateTime;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unconf::model::reference::resolve_session;
use unconf::model::{Event, Id};
use unconf::store::{Access, Clock, EventFolder, Identity};
use unconf::tui::action::{Action, Screen};
use unconf::tui::screen::notes;
use unconf::tui::state::State;
use unconf::tui::view::kept::Kept;
use unconf::tui::{keymap, update, view};

pub const WIDTH: u16 = 160;
pub const HEIGHT: u16 = 48;

pub fn clock() -> Clock {
    Clock::Fixed(DateTime::parse_from_rfc3339("2026-11-27T10:40:00+00:00").expect("a time"))
}

pub fn open(dir: &Path, me: &str, access: Access) -> EventFolder {
    EventFolder::open(dir, Identity::from_label(me, "Bench"), clock(), access).expect("opens")
}

/// The TUI state the loop would have on this event.
pub fn state(dir: &Path) -> State {
    let (_, replica) = open(dir, "reader", Access::Read).into_parts();
    let mut state = State::new(replica, clock().now());
    update::update(
        &mut state,
        Action::Resize {
            width: WIDTH,
            height: HEIGHT,
        },
    );
    state
}

pub fn press(state: &mut State, code: KeyCode) {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    if let Some(action) = keymap::action_for(state, &key) {
        black_box(update::update(state, action));
    }
}

/// A screen as the loop keeps it: the state, the parts kept from the last
/// frame, and a terminal of 160x48.
pub struct Typist {
    state: State,
    kept: Kept,
    terminal: Terminal<TestBackend>,
}

impl Typist {
    /// Note-taker mode on the event's first session.
    pub fn notes(dir: &Path) -> Typist {
        let mut state = state(dir);
        let first = first_session(state.event());
        let found = resolve_session(state.event(), first.as_str(), None);
        notes::enter_note_taker(&mut state, first.as_str(), None, found);
        Typist::on(state)
    }

    /// The organiser's Notes screen (with the list of sessions), typing into
    /// the capture line of the first session.
    pub fn organiser_notes(dir: &Path) -> Typist {
        let mut state = state(dir);
        state.screen = Screen::Notes;
        press(&mut state, KeyCode::Char('a'));
        Typist::on(state)
    }

    /// The Pitches screen, typing into the quick-add line as pitches are
    /// logged in the morning.
    pub fn pitches(dir: &Path) -> Typist {
        let mut state = state(dir);
        state.screen = Screen::Pitches;
        press(&mut state, KeyCode::Char('a'));
        Typist::on(state)
    }

    /// The Schedule grid, the cursor on its first cell.
    pub fn schedule(dir: &Path) -> Typist {
        let mut state = state(dir);
        state.screen = Screen::Schedule;
        Typist::on(state)
    }

    fn on(state: State) -> Typist {
        let terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal");
        let mut typist = Typist {
            state,
            kept: Kept::default(),
            terminal,
        };
        typist.draw();
        typist
    }

    fn draw(&mut self) {
        // The loop's own path: kept parts, marks made ahead, its writer.
        view::frame(&mut self.terminal, &self.state, &mut self.kept).expect("draws");
    }

    /// One keystroke as the loop handles it: update, then a frame.
    pub fn key(&mut self, code: KeyCode) {
        press(&mut self.state, code);
        self.draw();
    }

    /// A pair of keys that leaves the screen as it was: a letter then
    /// Backspace where a line is typed, Down then Up on Schedule.
    pub fn pair(&mut self) {
        debug_assert!(
            self.state.screen == Screen::Schedule || self.state.typing(),
            "a typist types into a line"
        );
        if self.state.screen == Screen::Schedule {
            self.key(KeyCode::Down);
            self.key(KeyCode::Up);
        } else {
            self.key(KeyCode::Char('x'));
            self.key(KeyCode::Backspace);
        }
    }
}

/// The first session in programme order.
pub fn first_session(event: &Event) -> Id {
    event
        .sessions_in_order()
        .first()
        .map(|(id, _)| (*id).clone())
        .expect("a session")
}
