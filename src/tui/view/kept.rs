//! Parts of the last frame kept for the next one.
//!
//! Most keystrokes change one line of the screen: a letter typed into the
//! capture line leaves the note log as it was; a move on the grid changes
//! which cell is highlighted, not what the cells say. Drawing a screen-full
//! of notes or grid cells again costs far more than the rest of a frame
//! (every character is measured and styled), so the parts that fill the
//! screen are drawn once into a buffer of their own and copied into each
//! frame until something they are drawn from changes.
//!
//! Each part has a key: everything its drawing reads from the state (the
//! event's stamp, which every change renews, the area, the scroll position,
//! the selection...). Equal keys mean an equal drawing, so a frame drawn
//! with kept parts is the frame drawn afresh; `tests/fuzz_update.rs` checks
//! exactly that after random inputs. Drawing without a [`Kept`] (tests,
//! snapshots) uses a fresh one and draws everything.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::schedule::ListArea;
use crate::model::Id;
use crate::tui::theme::Theme;
use crate::tui::widget::grid::GridLayout;
use crate::tui::widget::note_log::Window;

/// What the loop keeps between frames; it makes drawing faster, never
/// different.
#[derive(Debug, Default)]
pub struct Kept {
    pub(super) note_log: Part<NoteLogKey, Option<Window>>,
    pub(super) write_up: Part<WriteUpKey>,
    pub(super) grid: Part<GridKey>,
    pub(super) pitch_list: Part<PitchListKey>,
}

/// What the Notes screen's log is drawn from.
#[derive(Clone, Debug, PartialEq)]
pub struct NoteLogKey {
    pub stamp: u64,
    pub session: Option<Id>,
    pub me: String,
    pub bottom: usize,
    pub selected: Option<usize>,
    /// The empty log's hint depends on where the keys go.
    pub capturing: bool,
    pub theme: Theme,
}

/// What the Notes screen's write-up column is drawn from.
#[derive(Clone, Debug, PartialEq)]
pub struct WriteUpKey {
    pub stamp: u64,
    pub session: Option<Id>,
    pub theme: Theme,
}

/// What the Schedule grid's cells are drawn from (not the cursor: its
/// highlight is laid over the copy).
#[derive(Clone, Debug, PartialEq)]
pub struct GridKey {
    pub stamp: u64,
    pub layout: GridLayout,
    pub theme: Theme,
}

/// What the Schedule screen's list of open pitches is drawn from.
#[derive(Clone, Debug, PartialEq)]
pub struct PitchListKey {
    pub stamp: u64,
    pub list: ListArea,
    pub selected: Option<Id>,
    pub focused: bool,
    pub theme: Theme,
}

/// One kept part: its key, its drawing, and whatever else its drawing
/// worked out that the rest of the frame needs (the log's window).
#[derive(Debug)]
pub struct Part<K, T = ()> {
    key: Option<K>,
    drawn: Buffer,
    extra: T,
}

impl<K, T: Default> Default for Part<K, T> {
    fn default() -> Self {
        Part {
            key: None,
            drawn: Buffer::default(),
            extra: T::default(),
        }
    }
}

impl<K: PartialEq, T> Part<K, T> {
    /// Puts the part into `buf` at `area` as `draw` would, calling `draw`
    /// (on a blank buffer of `area`) only when the key or the area changed.
    /// Returns what `draw` returned when it was last called.
    pub fn draw(
        &mut self,
        key: K,
        area: Rect,
        buf: &mut Buffer,
        draw: impl FnOnce(&mut Buffer) -> T,
    ) -> &T {
        if self.key.as_ref() != Some(&key) || self.drawn.area != area {
            self.drawn.resize(area);
            self.drawn.reset();
            self.extra = draw(&mut self.drawn);
            self.key = Some(key);
        }
        copy(&self.drawn, buf);
        &self.extra
    }
}

/// Copies every cell of `from` into `to` where their areas meet.
fn copy(from: &Buffer, to: &mut Buffer) {
    let area = from.area.intersection(to.area);
    if area.is_empty() {
        return;
    }
    let width = usize::from(area.width);
    for y in area.top()..area.bottom() {
        let source = from.index_of(area.x, y);
        let target = to.index_of(area.x, y);
        to.content[target..target + width].clone_from_slice(&from.content[source..source + width]);
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::KeyCode::{self, *};
    use ratatui::style::{Color, Style};

    use super::*;
    use crate::tui::action::{Action, Screen};
    use crate::tui::testing::{act, press, sample_state};
    use crate::tui::view::render;

    /// Presses each key in turn and checks after every one that the frame
    /// drawn with the parts kept so far is the frame drawn afresh.
    fn walk(screen: Screen, width: u16, height: u16, keys: &[KeyCode]) {
        let mut state = sample_state();
        state.screen = screen;
        act(&mut state, Action::Resize { width, height });
        let area = Rect::new(0, 0, width, height);
        let mut kept = Kept::default();
        for (step, code) in keys.iter().enumerate() {
            press(&mut state, &[*code]);
            let mut drawn = Buffer::empty(area);
            render(&state, &mut kept, area, &mut drawn);
            let mut fresh = Buffer::empty(area);
            render(&state, &mut Kept::default(), area, &mut fresh);
            assert!(
                drawn == fresh,
                "{screen:?} at {width}x{height}: the kept frame differs after key {step} ({code:?})"
            );
        }
    }

    const SCHEDULE_KEYS: &[KeyCode] = &[
        Down,
        Right,
        Down,
        Up,
        Left,
        Char('p'),
        Down,
        Down,
        Up,
        Esc,
        Char('p'),
        Enter,
        Down,
        Char('m'),
        Right,
        Right,
        Enter,
        Char('r'),
        Down,
        Esc,
        Char('A'),
        Esc,
        Char('d'),
        Char('y'),
        Char('z'),
        Tab,
        Down,
        BackTab,
        Right,
        Right,
        Right,
        Down,
        Down,
        Down,
    ];

    const NOTES_KEYS: &[KeyCode] = &[
        Down,
        Char('a'),
        Esc,
        Down,
        Char('a'),
        Esc,
        Up,
        Up,
        Right,
        Char('a'),
        Char('x'),
        Char('y'),
        Backspace,
        Enter,
        Char('?'),
        Char(' '),
        Char('w'),
        Enter,
        Esc,
        Up,
        Up,
        Char('p'),
        Down,
        Home,
        End,
        PageUp,
        PageDown,
        Char('s'),
        Char('t'),
        Esc,
        Char('n'),
        Char('a'),
        Char('q'),
        Enter,
        Esc,
        Char('o'),
        Esc,
        Left,
        Down,
        Right,
        Char('a'),
        Char('z'),
        Enter,
        Esc,
        Char('z'),
    ];

    #[test]
    fn kept_parts_draw_the_frame_a_fresh_drawing_would() {
        for (width, height) in [(80, 24), (160, 48), (120, 30)] {
            walk(Screen::Schedule, width, height, SCHEDULE_KEYS);
            walk(Screen::Notes, width, height, NOTES_KEYS);
        }
    }

    #[test]
    fn a_part_is_drawn_again_only_when_its_key_or_area_changes() {
        let mut part: Part<u8, u8> = Part::default();
        let area = Rect::new(2, 1, 4, 2);
        let mut frame = Buffer::empty(Rect::new(0, 0, 8, 4));
        let mut calls = 0;
        let mut draw = |key: u8, area: Rect, frame: &mut Buffer, calls: &mut u8| {
            *part.draw(key, area, frame, |buf| {
                *calls += 1;
                buf.set_string(
                    area.x,
                    area.y,
                    format!("k{key}"),
                    Style::new().fg(Color::Red),
                );
                *calls
            })
        };
        assert_eq!(draw(1, area, &mut frame, &mut calls), 1);
        assert_eq!(draw(1, area, &mut frame, &mut calls), 1, "kept");
        assert_eq!(draw(2, area, &mut frame, &mut calls), 2, "a new key");
        let moved = Rect::new(0, 0, 4, 2);
        assert_eq!(draw(2, moved, &mut frame, &mut calls), 3, "a new area");
        assert_eq!(frame[(0, 0)].symbol(), "k");
        assert_eq!(frame[(1, 0)].symbol(), "2");
        assert_eq!(frame[(1, 0)].fg, Color::Red);
    }

    #[test]
    fn a_copy_covers_only_where_the_part_and_the_frame_meet() {
        let mut part: Part<u8> = Part::default();
        let mut frame = Buffer::empty(Rect::new(0, 0, 4, 2));
        frame.set_string(0, 0, "abcd", Style::new());
        frame.set_string(0, 1, "efgh", Style::new());
        // Half of the part lies outside the frame.
        part.draw(0, Rect::new(2, 1, 4, 4), &mut frame, |buf| {
            buf.set_string(2, 1, "XYZW", Style::new());
        });
        let rows: Vec<String> = (0..2)
            .map(|y| (0..4).map(|x| frame[(x, y)].symbol().to_string()).collect())
            .collect();
        assert_eq!(rows, ["abcd", "efXY"]);
    }
}
