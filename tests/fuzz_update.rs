//! Random input against the terminal UI's `update` and views: any sequence
//! of keys (mapped by the real keymap, so every screen's bindings are
//! reached), pastes, clicks, scrolls, resizes down to nothing, clock ticks
//! and save replies never panics, keeps every selection on something that
//! exists, and every state draws at any size from nothing to 300x100.
//!
//! Input bytes: printable ASCII types that key; control bytes are special
//! keys (Enter, Esc, Tab, arrows, Backspace, Ctrl-Z/Y, ...); bytes from
//! 0x80 are the other inputs, with the next bytes as their arguments.

mod fuzz_kit;

use std::path::Path;

use chrono::{DateTime, Duration, FixedOffset};
use fuzz_kit::{mutate_bytes, run};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use unconf::model::{Change, Id, Pitch, Record};
use unconf::store::{Access, Clock, EventFolder, Identity, Replica};
use unconf::tui::action::{Action, Effect, Screen as Tab};
use unconf::tui::screen::notes;
use unconf::tui::state::State;
use unconf::tui::view::kept::Kept;
use unconf::tui::{keymap, update::update, view};

const TOKENS: &[&str] = &[
    "\r",
    "\x1b",
    "\t",
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
    "a",
    "e",
    "d",
    "m",
    "?",
    "v",
    "\u{80}\u{1}\u{1}",
    "\u{1b}[2J",
    "\u{202e}",
    "漢字",
    "\x1a",
    "\x19",
];

fn sample_replica() -> Replica {
    let home = tempfile::tempdir().expect("temp dir");
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format-v1/supplier-day");
    for entry in std::fs::read_dir(from).expect("the fixture") {
        let entry = entry.expect("an entry");
        std::fs::copy(entry.path(), home.path().join(entry.file_name())).expect("copied");
    }
    let now = DateTime::parse_from_rfc3339("2026-11-27T10:40:00+00:00").expect("time");
    let me = Identity::from_label("organiser", "Georgina");
    // The lock goes with the temporary folder, not into this machine's state.
    let state = tempfile::tempdir().expect("temp dir");
    let _state = unconf::store::local::on_this_thread(state.path());
    let folder =
        EventFolder::open(home.path(), me, Clock::Fixed(now), Access::Write).expect("opens");
    with_conflicts(folder.into_parts().1, now.to_utc())
}

/// Two pitches changed apart on another laptop (one retitled on both, one
/// deleted there and edited here), so that input reaches the resolve
/// overlay too.
fn with_conflicts(mut replica: Replica, now: DateTime<chrono::Utc>) -> Replica {
    let me = Identity::from_label("breakout", "Kim");
    let event = replica.event().id.clone();
    let mut other = Replica::new(event, me, true);
    other.absorb(replica.own_file(), unconf::store::Source::Other);
    let pitches: Vec<(Id, Pitch)> = other
        .event()
        .pitches
        .iter()
        .take(2)
        .map(|(id, p)| (id.clone(), p.clone()))
        .collect();
    for (n, (id, pitch)) in pitches.into_iter().enumerate() {
        let retitled = |title: &str| {
            Change::put(
                id.clone(),
                Record::Pitch(Pitch {
                    title: format!("{} ({title})", pitch.title),
                    ..pitch.clone()
                }),
            )
        };
        let theirs = if n == 0 {
            retitled("Kim")
        } else {
            Change::delete(id.clone())
        };
        other.commit(vec![theirs], now).expect("Kim's edit");
        replica
            .commit(vec![retitled("Georgina")], now)
            .expect("an edit");
    }
    replica.absorb(other.own_file(), unconf::store::Source::Other);
    assert_eq!(
        replica.event().conflicts.len(),
        2,
        "two conflicts to resolve"
    );
    replica
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

/// The special key a control byte stands for.
fn control_key(byte: u8) -> KeyEvent {
    let none = KeyModifiers::NONE;
    match byte {
        b'\r' | b'\n' => key(KeyCode::Enter, none),
        0x1b => key(KeyCode::Esc, none),
        b'\t' => key(KeyCode::Tab, none),
        0x0b => key(KeyCode::BackTab, KeyModifiers::SHIFT),
        0x7f | 0x08 => key(KeyCode::Backspace, none),
        0x0e => key(KeyCode::Down, none),
        0x10 => key(KeyCode::Up, none),
        0x02 => key(KeyCode::Left, none),
        0x06 => key(KeyCode::Right, none),
        0x14 => key(KeyCode::PageDown, none),
        0x15 => key(KeyCode::PageUp, none),
        0x16 => key(KeyCode::Home, none),
        0x17 => key(KeyCode::End, none),
        0x18 => key(KeyCode::Delete, none),
        0x1a => key(KeyCode::Char('z'), KeyModifiers::CONTROL),
        0x19 => key(KeyCode::Char('y'), KeyModifiers::CONTROL),
        0x13 => key(KeyCode::Char('s'), KeyModifiers::CONTROL),
        0x05 => key(KeyCode::Char('e'), KeyModifiers::CONTROL),
        other => key(KeyCode::F(other % 12 + 1), none),
    }
}

/// Decodes one input from the front of `bytes`; returns it and how many
/// bytes it used.
fn next_action(state: &State, bytes: &[u8], now: DateTime<FixedOffset>) -> (Option<Action>, usize) {
    let arg = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let byte = bytes[0];
    match byte {
        0x20..=0x7e => {
            let event = key(KeyCode::Char(char::from(byte)), KeyModifiers::NONE);
            (keymap::action_for(state, &event), 1)
        }
        0x00..=0x1f | 0x7f => (keymap::action_for(state, &control_key(byte)), 1),
        0x80 => (
            // Every size from nothing to 300x100.
            Some(Action::Resize {
                width: scale(arg(1), 300),
                height: scale(arg(2), 100),
            }),
            3,
        ),
        0x81 => (
            Some(Action::Tick(now + Duration::seconds(i64::from(arg(1))))),
            2,
        ),
        0x82 => {
            let len = bytes[1..]
                .iter()
                .position(|b| *b >= 0x80)
                .unwrap_or(bytes.len() - 1);
            let text = String::from_utf8_lossy(&bytes[1..=len]).into_owned();
            (Some(Action::Paste(text)), len + 1)
        }
        0x83 => (
            Some(Action::Click {
                column: u16::from(arg(1)),
                row: u16::from(arg(2)),
            }),
            3,
        ),
        0x84 => (Some(Action::Scroll(i16::from(arg(1) as i8))), 2),
        0x85 => (Some(Action::SaveFailed("disk full".into())), 1),
        0x86 => (Some(Action::Saved), 1),
        _ => (Some(Action::Undo), 1),
    }
}

/// The loop's terminal and what it keeps between frames.
struct Screen {
    terminal: Terminal<TestBackend>,
    kept: Kept,
}

impl Screen {
    fn new() -> Screen {
        Screen {
            terminal: Terminal::new(TestBackend::new(1, 1)).expect("a test terminal"),
            kept: Kept::default(),
        }
    }

    /// The terminal changes size, and the loop follows at once, as it does
    /// for every resize it reads (ratatui clears the screen each time).
    fn resize(&mut self, width: u16, height: u16) {
        self.terminal.backend_mut().resize(width, height);
        view::resize(
            &mut self.terminal,
            &mut self.kept,
            Rect::new(0, 0, width, height),
        )
        .expect("resized");
    }

    /// Draws a frame as the loop does, on the same terminal and with the
    /// parts kept from earlier frames, and checks that the terminal shows
    /// exactly the frame drawn afresh: a kept part is never stale, and a
    /// part left as the terminal showed it was really still there.
    fn draw(&mut self, state: &State) {
        let size = self.terminal.backend().buffer().area;
        if (size.width, size.height) != (state.width, state.height) {
            // The loop's terminal resizes itself and clears the screen; the
            // test terminal is told, as the loop's would find out.
            self.terminal
                .backend_mut()
                .resize(state.width, state.height);
        }
        // Through the loop's own path: the frame written by comparing only
        // what is not kept (`Kept::write`), and the kept parts marked ahead.
        view::frame(&mut self.terminal, state, &mut self.kept).expect("drawn");
        let area = Rect::new(0, 0, state.width, state.height);
        let mut fresh = Buffer::empty(area);
        view::render(state, &mut Kept::default(), area, &mut fresh);
        let shown = self.terminal.backend().buffer();
        if *shown != fresh {
            panic!(
                "the screen differs from a fresh frame on {:?}:\nshown:\n{}\nfresh:\n{}",
                state.screen,
                text_of(shown),
                text_of(&fresh)
            );
        }
    }
}

fn text_of(buffer: &Buffer) -> String {
    let area = buffer.area;
    (area.top()..area.bottom())
        .map(|y| {
            let row: String = (area.left()..area.right())
                .map(|x| buffer[(x, y)].symbol())
                .collect();
            row.trim_end().to_string() + "\n"
        })
        .collect()
}

/// A byte spread over `0..=most`.
fn scale(byte: u8, most: u32) -> u16 {
    u16::try_from(u32::from(byte) * most / 255).unwrap_or(u16::MAX)
}

/// Every selection in sight points at something that exists: the grid
/// cursor at a cell of the grid, the Wrap-up cursor at an item of its page,
/// the next step being chosen at one of the session's.
fn in_bounds(state: &State) {
    let event = state.event();
    let cursor = state.schedule.cursor;
    if !event.slots.is_empty() && !event.rooms.is_empty() {
        assert!(
            cursor.slot < event.slots.len() && cursor.room < event.rooms.len(),
            "the grid cursor {cursor:?} is off a {}x{} grid",
            event.slots.len(),
            event.rooms.len()
        );
    }
    if state.screen == Tab::Wrapup {
        let items = unconf::tui::screen::wrapup::items(state).len();
        assert!(
            state.wrapup.cursor < items.max(1),
            "Wrap-up cursor {} of {items} items",
            state.wrapup.cursor
        );
    }
    if state.screen == Tab::Notes && state.notes.focus == notes::Focus::NextSteps {
        let steps = notes::next_steps::of_session(state).len();
        assert!(
            state.notes.next_step < steps.max(1),
            "next step {} of {steps}",
            state.notes.next_step
        );
    }
}

/// A focused field that types characters types every character without
/// Ctrl: no binding of such a state is one (`keymap::action_for` relies on
/// it to type a character without building the bindings).
fn characters_type(state: &State) {
    if !state.types_characters() {
        return;
    }
    let plain = state.bindings().into_iter().find(|b| {
        b.keys
            .iter()
            .any(|k| !k.ctrl && matches!(k.code, KeyCode::Char(_)))
    });
    assert!(
        plain.is_none(),
        "a field is focused on {:?}, yet {plain:?} takes a character it would type",
        state.screen
    );
}

fn check(replica: &Replica, bytes: &[u8]) {
    let start = DateTime::parse_from_rfc3339("2026-11-27T10:40:00+00:00").expect("time");
    let mut state = State::new(replica.clone(), start);
    let mut now = start;
    let mut rest = bytes;
    let mut steps = 0;
    let mut screen = Screen::new();
    while !rest.is_empty() {
        let (action, used) = next_action(&state, rest, now);
        rest = &rest[used.min(rest.len()).max(1)..];
        if let Some(Action::Tick(at)) = &action {
            now = now.max(*at);
        }
        if let Some(action) = action {
            let resized = match action {
                Action::Resize { width, height } => Some((width, height)),
                _ => None,
            };
            let effects = update(&mut state, action);
            if effects.contains(&Effect::Save) {
                update(&mut state, Action::Saved);
            }
            if let Some((width, height)) = resized {
                screen.resize(width, height);
            }
        }
        steps += 1;
        in_bounds(&state);
        characters_type(&state);
        if steps % 4 == 0 {
            screen.draw(&state);
        }
    }
    screen.draw(&state);
}

/// A resize away and straight back between two frames (a zoom toggled in
/// tmux, a tiling window manager's flip) clears the screen twice; the next
/// frame, of the same size as the last, must still draw everything rather
/// than leave the kept parts to a blank terminal.
#[test]
fn a_resize_there_and_back_between_frames_draws_everything_again() {
    let start = DateTime::parse_from_rfc3339("2026-11-27T10:40:00+00:00").expect("time");
    for tab in [Tab::Schedule, Tab::Notes, Tab::Pitches] {
        let mut state = State::new(sample_replica(), start);
        state.screen = tab;
        let mut screen = Screen::new();
        for (width, height) in [(120, 30), (80, 24), (120, 30)] {
            update(&mut state, Action::Resize { width, height });
            screen.resize(width, height);
            if width == 120 {
                // Checks the terminal against a fresh frame.
                screen.draw(&state);
                screen.draw(&state);
            }
        }
    }
}

#[test]
fn any_input_sequence_updates_and_draws_without_panicking() {
    let replica = sample_replica();
    let figures = run(
        "update",
        400,
        |rng, seeds| mutate_bytes(rng, seeds, TOKENS),
        |bytes| check(&replica, bytes),
    );
    println!("{figures}");
}
