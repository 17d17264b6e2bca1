//! A text field: one line (quick-add, capture, form fields) or several
//! (summary, outcome), backed by `ratatui-textarea` for editing keys.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;
use ratatui_textarea::{TextArea, WrapMode};

#[derive(Clone, Debug)]
pub struct TextField {
    area: TextArea<'static>,
    multi_line: bool,
}

impl Default for TextField {
    fn default() -> Self {
        TextField::single("")
    }
}

impl PartialEq for TextField {
    fn eq(&self, other: &Self) -> bool {
        self.multi_line == other.multi_line && self.area.lines() == other.area.lines()
    }
}

impl TextField {
    /// A one-line field holding `text` (newlines become spaces).
    pub fn single(text: &str) -> TextField {
        let mut field = TextField {
            area: TextArea::new(vec![text.replace(['\n', '\r'], " ")]),
            multi_line: false,
        };
        field.style();
        field.area.move_cursor(ratatui_textarea::CursorMove::End);
        field
    }

    /// A field of several lines, soft-wrapped at words.
    pub fn multi(text: &str) -> TextField {
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        let mut field = TextField {
            area: TextArea::new(if lines.is_empty() {
                vec![String::new()]
            } else {
                lines
            }),
            multi_line: true,
        };
        field.area.set_wrap_mode(WrapMode::Word);
        field.style();
        field.area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        field.area.move_cursor(ratatui_textarea::CursorMove::End);
        field
    }

    fn style(&mut self) {
        self.area.set_cursor_line_style(Style::default());
        self.area
            .set_cursor_style(Style::default().add_modifier(Modifier::REVERSED));
    }

    pub fn with_placeholder(mut self, text: &str) -> TextField {
        self.area.set_placeholder_text(text);
        self
    }

    pub fn is_multi_line(&self) -> bool {
        self.multi_line
    }

    /// The text typed so far (lines joined with newlines).
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    pub fn is_empty(&self) -> bool {
        self.area.lines().iter().all(|l| l.is_empty())
    }

    /// Empties the field, keeping its kind and placeholder.
    pub fn clear(&mut self) {
        self.area.select_all();
        self.area.cut();
    }

    /// Handles one key. In a one-line field Enter never adds a line (the
    /// keymap turns it into a submit first) and pasted newlines become spaces.
    pub fn input(&mut self, key: KeyEvent) -> bool {
        self.area.input(key)
    }

    /// Inserts text as typed (used for paste).
    pub fn insert(&mut self, text: &str) {
        if self.multi_line {
            self.area.insert_str(text);
        } else {
            self.area.insert_str(text.replace(['\n', '\r'], " "));
        }
    }

    /// The cursor as (row, column) in characters.
    pub fn cursor(&self) -> (usize, usize) {
        let ratatui_textarea::DataCursor(row, column) = self.area.cursor();
        (row, column)
    }

    /// Draws the field. Control characters typed or pasted are shown inert.
    pub fn render(&self, area: Rect, buf: &mut Buffer, focused: bool) {
        let mut shown = self.area.clone();
        if !focused {
            shown.set_cursor_style(Style::default());
        }
        (&shown).render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn typing_and_clearing() {
        let mut field = TextField::single("");
        for c in "hello".chars() {
            field.input(key(c));
        }
        assert_eq!(field.text(), "hello");
        field.clear();
        assert!(field.is_empty());
    }

    #[test]
    fn a_single_line_field_flattens_pasted_newlines() {
        let mut field = TextField::single("a");
        field.insert("b\nc");
        assert_eq!(field.text(), "ab c");
    }

    #[test]
    fn a_multi_line_field_keeps_lines() {
        let field = TextField::multi("one\ntwo");
        assert_eq!(field.text(), "one\ntwo");
        assert!(field.is_multi_line());
    }
}
