//! A text field: one line (quick-add, capture, form fields) or several
//! (summary, outcome), backed by `ratatui-textarea` for editing keys.
//!
//! Characters typed at the end of a one-line field are kept in the field
//! and given to the text area together, when a key other than such a
//! character comes: the text area works out where every character of its
//! text falls on screen after each edit, a cost that grows with the line
//! (about a fifth of unconf's work from a key to its echo with 200
//! characters typed), while appending to the line costs nothing. A
//! property test checks that a field shows and holds exactly what it would
//! had every key gone straight to the text area.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;
use ratatui_textarea::{TextArea, WrapMode};

#[derive(Clone, Debug)]
pub struct TextField {
    area: TextArea<'static>,
    multi_line: bool,
    /// Characters typed at the end of the line that the text area does
    /// not hold yet.
    appended: Option<Appended>,
}

/// The whole line of a one-line field while characters typed at its end
/// wait to be given to the text area, whose cursor is at the end of its
/// line, with nothing selected.
#[derive(Clone, Debug)]
struct Appended {
    line: String,
    /// Characters in `line`: the cursor's column.
    chars: usize,
}

impl Default for TextField {
    fn default() -> Self {
        TextField::single("")
    }
}

impl PartialEq for TextField {
    fn eq(&self, other: &Self) -> bool {
        self.multi_line == other.multi_line && self.lines() == other.lines()
    }
}

impl TextField {
    /// A one-line field holding `text` (newlines become spaces).
    pub fn single(text: &str) -> TextField {
        let mut field = TextField {
            area: TextArea::new(vec![text.replace(['\n', '\r'], " ")]),
            multi_line: false,
            appended: None,
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
            appended: None,
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
        self.as_text().into_owned()
    }

    /// The text as [`TextField::text`] gives it, borrowed when it is one
    /// line (as it is after every key typed into a one-line field).
    pub fn as_text(&self) -> std::borrow::Cow<'_, str> {
        match self.only_line() {
            Some(line) => std::borrow::Cow::Borrowed(line),
            None => std::borrow::Cow::Owned(self.lines().join("\n")),
        }
    }

    /// The field's lines, with what is typed at the end of a line.
    fn lines(&self) -> &[String] {
        match &self.appended {
            Some(appended) => std::slice::from_ref(&appended.line),
            None => self.area.lines(),
        }
    }

    /// The text when it is one line (as [`TextField::text`] gives it),
    /// borrowed rather than copied.
    pub fn only_line(&self) -> Option<&str> {
        match self.lines() {
            [line] => Some(line),
            _ => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.lines().iter().all(|l| l.is_empty())
    }

    /// Empties the field, keeping its kind and placeholder.
    pub fn clear(&mut self) {
        self.settle();
        self.area.select_all();
        self.area.cut();
    }

    /// Gives the text area the characters typed at the end of the line
    /// that it does not hold yet.
    fn settle(&mut self) {
        if let Some(appended) = self.appended.take() {
            // The text area holds the start of the line.
            let held = self.area.lines().first().map_or(0, String::len);
            self.area
                .insert_str(appended.line.get(held..).unwrap_or(""));
        }
    }

    /// Types `key` at the end of a one-line field when it is a character
    /// the text area would insert there (no selection, the cursor at the
    /// end); false, having done nothing, for any other key or place.
    fn append(&mut self, key: &KeyEvent) -> bool {
        let KeyCode::Char(c) = key.code else {
            return false;
        };
        if self.multi_line
            || c.is_control()
            || key.kind == KeyEventKind::Release
            || key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return false;
        }
        if self.appended.is_none() {
            let [line] = self.area.lines() else {
                return false;
            };
            let ratatui_textarea::DataCursor(_, column) = self.area.cursor();
            let chars = line.chars().count();
            if self.area.is_selecting() || column != chars {
                return false;
            }
            self.appended = Some(Appended {
                line: line.clone(),
                chars,
            });
        }
        if let Some(appended) = &mut self.appended {
            appended.line.push(c);
            appended.chars += 1;
        }
        true
    }

    /// Handles one key. In a one-line field Enter never adds a line (the
    /// keymap turns it into a submit first) and pasted newlines become spaces.
    /// Readline's keys work as in a shell: Ctrl-A, Ctrl-E, Ctrl-K, Ctrl-W
    /// and Alt-B come from the text area; Alt-F moves to the end of the word;
    /// Ctrl-U, which the text area
    /// takes for undo, deletes to the start of the line as in a shell.
    pub fn input(&mut self, key: KeyEvent) -> bool {
        if self.append(&key) {
            return true;
        }
        self.settle();
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
        self.settle();
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
        if let Some(appended) = &self.appended {
            return (0, appended.chars);
        }
        let ratatui_textarea::DataCursor(row, column) = self.area.cursor();
        (row, column)
    }

    /// Draws the field. Control characters typed or pasted are shown inert.
    pub fn render(&self, area: Rect, buf: &mut Buffer, focused: bool) {
        if self.render_plain(area, buf, focused) {
            return;
        }
        // A copy: the text area keeps where it last scrolled to, and a
        // drawing must depend on the field alone.
        let mut shown = self.clone();
        shown.settle();
        let mut shown = shown.area;
        if !focused {
            shown.set_cursor_style(Style::default());
        }
        (&shown).render(area, buf);
    }

    /// Draws a one-line field of plain ASCII text, as the text area draws it
    /// from a fresh copy (scrolled so that the cursor is in view, the
    /// cursor's cell in the cursor style), but without copying the text
    /// area and going through its highlighter, clipping and a paragraph:
    /// this is the line a note-taker types into, drawn after every key.
    /// False, having drawn nothing, for anything else (several lines, a
    /// selection, a placeholder shown, other characters).
    fn render_plain(&self, area: Rect, buf: &mut Buffer, focused: bool) -> bool {
        let Some(line) = self.only_line() else {
            return false;
        };
        let (_, cursor) = self.cursor();
        let plain = !self.multi_line
            && !self.area.is_selecting()
            && line.bytes().all(|b| (b' '..=b'~').contains(&b))
            // An empty field with a placeholder shows the placeholder.
            && (!line.is_empty() || self.area.placeholder_text().is_empty());
        let (Ok(cursor), Ok(_)) = (u16::try_from(cursor), u16::try_from(line.len() + 1)) else {
            return false;
        };
        let area = area.intersection(buf.area);
        if !plain || area.is_empty() {
            return plain;
        }
        // As the text area scrolls from a fresh copy (its last scroll is 0).
        let top = next_scroll_top(next_scroll_top(0, cursor, area.width), cursor, area.width);
        let cursor_style = if focused {
            self.area.cursor_style()
        } else {
            Style::default()
        };
        let bytes = line.as_bytes();
        for (column, x) in (top..).zip(area.left()..area.right()) {
            let at = usize::from(column);
            let cell = &mut buf[(x, area.y)];
            match bytes.get(at) {
                Some(byte) => {
                    let symbol = [*byte];
                    cell.set_symbol(std::str::from_utf8(&symbol).unwrap_or(" "));
                }
                None if column == cursor => {
                    cell.set_symbol(" ");
                }
                None => break,
            }
            if column == cursor {
                cell.set_style(cursor_style);
            }
        }
        true
    }
}

/// The text area's rule for its first visible column: unchanged while the
/// cursor is in view, else just far enough to bring it in.
fn next_scroll_top(prev_top: u16, cursor: u16, len: u16) -> u16 {
    if cursor < prev_top {
        cursor
    } else if prev_top + len <= cursor {
        cursor + 1 - len
    } else {
        prev_top
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::style::Color;

    /// A buffer with something in every cell, so that a cell drawn
    /// differently or not at all shows.
    fn filled(area: Rect) -> Buffer {
        let mut buf = Buffer::empty(area);
        for y in area.top()..area.bottom() {
            let row: String = (0..area.width)
                .map(|x| char::from(b'a' + (x % 26) as u8))
                .collect();
            buf.set_string(
                area.x,
                y,
                row,
                Style::new().fg(Color::Green).bg(Color::Blue),
            );
        }
        buf
    }

    /// The field drawn the slow way: by the text area, from a copy.
    fn drawn_by_the_text_area(field: &TextField, area: Rect, buf: &mut Buffer, focused: bool) {
        let mut shown = field.clone();
        shown.settle();
        let mut shown = shown.area;
        if !focused {
            shown.set_cursor_style(Style::default());
        }
        (&shown).render(area, buf);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn a_plain_line_is_drawn_as_the_text_area_draws_it(
            text in "[ -~]{0,300}",
            cursor_back in 0usize..320,
            width in 1u16..140,
            x in 0u16..4,
            height in 1u16..3,
            focused in any::<bool>(),
            placeholder in any::<bool>(),
        ) {
            let mut field = TextField::single(&text);
            if placeholder {
                field = field.with_placeholder("type here");
            }
            let column = text.len().saturating_sub(cursor_back);
            #[allow(clippy::cast_possible_truncation)]
            field.area.move_cursor(ratatui_textarea::CursorMove::Jump(0, column as u16));
            let frame = Rect::new(0, 0, 150, 4);
            let area = Rect::new(x, 1, width, height);
            let mut fast = filled(frame);
            field.render(area, &mut fast, focused);
            let mut slow = filled(frame);
            drawn_by_the_text_area(&field, area, &mut slow, focused);
            prop_assert_eq!(fast, slow);
        }
    }

    /// A key as a note-taker might press it in a field.
    fn any_key() -> impl Strategy<Value = KeyEvent> {
        let code = prop_oneof![
            6 => prop::char::range(' ', '~').prop_map(KeyCode::Char),
            1 => prop::sample::select(vec!['é', '漢', '\t', '\n', '\u{1}']).prop_map(KeyCode::Char),
            1 => prop::sample::select(vec![
                KeyCode::Backspace,
                KeyCode::Delete,
                KeyCode::Left,
                KeyCode::Right,
                KeyCode::Home,
                KeyCode::End,
                KeyCode::Up,
                KeyCode::Down,
                KeyCode::Enter,
                KeyCode::Tab,
            ]),
        ];
        let modifiers = prop_oneof![
            8 => Just(KeyModifiers::NONE),
            1 => Just(KeyModifiers::SHIFT),
            1 => Just(KeyModifiers::CONTROL),
            1 => Just(KeyModifiers::ALT),
        ];
        (code, modifiers).prop_map(|(code, modifiers)| KeyEvent::new(code, modifiers))
    }

    /// What a field is asked to do.
    #[derive(Clone, Debug)]
    enum Step {
        Key(KeyEvent),
        Paste(String),
        Clear,
    }

    fn any_step() -> impl Strategy<Value = Step> {
        prop_oneof![
            20 => any_key().prop_map(Step::Key),
            1 => "[a-z \n]{0,6}".prop_map(Step::Paste),
            1 => Just(Step::Clear),
        ]
    }

    fn take(field: &mut TextField, step: &Step) -> Option<bool> {
        match step {
            Step::Key(key) => return Some(field.input(*key)),
            Step::Paste(text) => field.insert(text),
            Step::Clear => field.clear(),
        }
        None
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]
        /// Characters kept at the end of the line change nothing anyone
        /// can see: the field says, holds and shows what it would had
        /// every key gone straight to the text area, and the text area
        /// ends up holding the same.
        #[test]
        fn typing_at_the_end_is_as_if_each_key_went_to_the_text_area(
            start in "[ -~]{0,20}",
            suggested in any::<bool>(),
            multi in any::<bool>(),
            steps in prop::collection::vec(any_step(), 0..60),
        ) {
            let mut kept = match (multi, suggested) {
                (true, _) => TextField::multi(&start),
                (false, true) => TextField::suggested(&start),
                (false, false) => TextField::single(&start),
            };
            let mut eager = kept.clone();
            let area = Rect::new(0, 0, 12, 3);
            for step in &steps {
                let said = take(&mut kept, step);
                let said_eagerly = take(&mut eager, step);
                eager.settle();
                prop_assert!(eager.appended.is_none());
                prop_assert_eq!(said, said_eagerly);
                prop_assert_eq!(kept.text(), eager.text());
                prop_assert_eq!(kept.cursor(), eager.cursor());
                prop_assert_eq!(kept.only_line(), eager.only_line());
                prop_assert_eq!(kept.is_empty(), eager.is_empty());
                prop_assert_eq!(kept.is_suggestion(), eager.is_suggestion());
                let mut shown = filled(area);
                kept.render(area, &mut shown, true);
                let mut shown_eagerly = filled(area);
                eager.render(area, &mut shown_eagerly, true);
                prop_assert_eq!(shown, shown_eagerly);
            }
            kept.settle();
            prop_assert_eq!(kept.area.lines(), eager.area.lines());
            prop_assert_eq!(kept.area.cursor(), eager.area.cursor());
            prop_assert_eq!(kept.area.yank_text(), eager.area.yank_text());
        }
    }

    #[test]
    fn characters_typed_at_the_end_wait_for_the_next_other_key() {
        let mut field = TextField::single("ab");
        typed(&mut field, "cd");
        assert_eq!(field.area.lines(), ["ab"]);
        assert_eq!((field.text().as_str(), field.cursor()), ("abcd", (0, 4)));
        field.input(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
        assert_eq!(field.area.lines(), ["abcd"]);
        // Typed in the middle, a character goes straight to the text area.
        typed(&mut field, "x");
        assert_eq!(field.area.lines(), ["abcxd"]);
        assert!(field.appended.is_none());
    }

    #[test]
    fn only_plain_single_lines_take_the_short_way() {
        let area = Rect::new(0, 0, 20, 1);
        let mut buf = Buffer::empty(area);
        let plain = TextField::single("plain words");
        assert!(plain.render_plain(area, &mut buf, true));
        for other in [
            TextField::single("déjà vu"),
            TextField::single("a\tb"),
            TextField::suggested("10:30"),
            TextField::single("").with_placeholder("who"),
            TextField::multi("two\nlines"),
        ] {
            assert!(!other.render_plain(area, &mut buf, true), "{other:?}");
        }
        // Whatever way it takes, a field is drawn as the text area draws it.
        for field in [TextField::single("déjà vu"), TextField::suggested("10:30")] {
            let mut fast = filled(area);
            field.render(area, &mut fast, true);
            let mut slow = filled(area);
            drawn_by_the_text_area(&field, area, &mut slow, true);
            assert_eq!(fast, slow);
        }
    }

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
