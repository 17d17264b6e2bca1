//! A text field: one line (quick-add, capture, form fields) or several
//! (summary, outcome), backed by `ratatui-textarea` for editing keys.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
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
            .set_selection_style(Style::default().add_modifier(Modifier::REVERSED));
        self.area
            .set_cursor_style(Style::default().add_modifier(Modifier::REVERSED));
    }

    /// A one-line field holding a suggestion (a time, a date, the host's
    /// name): it is selected, so the first key typed replaces it, as a
    /// selected default does; a move of the cursor keeps it to edit.
    pub fn suggested(text: &str) -> TextField {
        let mut field = TextField::single(text);
        if !text.is_empty() {
            field.area.select_all();
        }
        field
    }

    /// True while the text is a suggestion no key has touched yet.
    pub fn is_suggestion(&self) -> bool {
        self.area.is_selecting()
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
    /// Readline's keys work as in a shell: Ctrl-A, Ctrl-E, Ctrl-K, Ctrl-W
    /// and Alt-B come from the text area; Alt-F moves to the end of the word;
    /// Ctrl-U, which the text area
    /// takes for undo, deletes to the start of the line as in a shell.
    pub fn input(&mut self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match key.code {
            KeyCode::Char('u') if ctrl && !alt => self.area.delete_line_by_head(),
            // Readline's Alt-F ends after the word; the text area's stops
            // on the next word's start.
            KeyCode::Char('f') if alt && !ctrl => {
                self.area.cancel_selection();
                let before = self.area.cursor();
                self.area.move_cursor(ratatui_textarea::CursorMove::WordEnd);
                if self.area.cursor() != before {
                    self.area.move_cursor(ratatui_textarea::CursorMove::Forward);
                }
                false
            }
            _ => self.area.input(key),
        }
    }

    /// Inserts text as typed (used for paste); it replaces a suggestion.
    pub fn insert(&mut self, text: &str) {
        if self.area.is_selecting() {
            self.area.cut();
        }
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

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn alt(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT)
    }

    fn typed(field: &mut TextField, text: &str) {
        for c in text.chars() {
            field.input(key(c));
        }
    }

    #[test]
    fn the_first_key_replaces_a_suggestion() {
        let mut field = TextField::suggested("10:30");
        assert!(field.is_suggestion());
        typed(&mut field, "11:00");
        assert_eq!(field.text(), "11:00");
        assert!(!field.is_suggestion());
    }

    #[test]
    fn a_moved_cursor_keeps_the_suggestion_to_edit() {
        let mut field = TextField::suggested("10:30");
        field.input(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
        field.input(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        typed(&mut field, "5");
        assert_eq!(field.text(), "10:50");
    }

    #[test]
    fn backspace_or_a_paste_replaces_a_suggestion_too() {
        let mut field = TextField::suggested("laptop-7");
        field.input(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        assert!(field.is_empty());
        let mut field = TextField::suggested("laptop-7");
        field.insert("Sam's Mac");
        assert_eq!(field.text(), "Sam's Mac");
    }

    #[test]
    fn readline_keys_edit_the_line() {
        let mut field = TextField::single("open data standards");
        field.input(ctrl('a'));
        typed(&mut field, "x ");
        field.input(ctrl('e'));
        typed(&mut field, "!");
        assert_eq!(field.text(), "x open data standards!");
        field.input(ctrl('w'));
        field.input(ctrl('w'));
        assert_eq!(field.text(), "x open data ");
        field.input(alt('b'));
        field.input(ctrl('k'));
        assert_eq!(field.text(), "x open ");
        field.input(alt('b'));
        field.input(alt('f'));
        typed(&mut field, "ed");
        assert_eq!(field.text(), "x opened ");
        field.input(ctrl('u'));
        assert_eq!(field.text(), " ");
    }

    #[test]
    fn ctrl_u_clears_a_prefilled_field() {
        let mut field = TextField::single("hostname.local");
        field.input(ctrl('u'));
        assert!(field.is_empty());
        let mut field = TextField::suggested("hostname.local");
        field.input(ctrl('u'));
        assert!(field.is_empty());
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
