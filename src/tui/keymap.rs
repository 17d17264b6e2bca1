//! Keys to actions. Each screen lists its [`Binding`]s for the current focus;
//! the same list drives the footer and the help overlay, so they can never
//! drift from what the keys do. A focused text field gets raw keys first.

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::{Action, Screen};
use super::state::State;

/// One key, as shown to the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    pub const fn char(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: false,
        }
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
        }
    }

    pub const fn code(code: KeyCode) -> Key {
        Key { code, ctrl: false }
    }

    /// True when a key event is this key. Shift is part of the character
    /// itself ('A', '?'), so it is ignored except for Tab.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl != self.ctrl {
            return false;
        }
        match (self.code, event.code) {
            (KeyCode::Char(a), KeyCode::Char(b)) => a == b,
            (KeyCode::BackTab, KeyCode::BackTab) => true,
            (KeyCode::BackTab, KeyCode::Tab) => event.modifiers.contains(KeyModifiers::SHIFT),
            (KeyCode::Tab, KeyCode::Tab) => !event.modifiers.contains(KeyModifiers::SHIFT),
            (a, b) => a == b,
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// Keys that do one thing, with a short label for the footer.
#[derive(Clone, Debug, PartialEq)]
pub struct Binding {
    pub keys: Vec<Key>,
    /// One or two words for the footer ("add", "interest +").
    pub label: &'static str,
    pub action: Action,
    /// Shown in the footer (else only in help, to keep the footer short).
    pub in_footer: bool,
}

impl Binding {
    pub fn new(keys: &[Key], label: &'static str, action: Action) -> Binding {
        Binding {
            keys: keys.to_vec(),
            label,
            action,
            in_footer: true,
        }
    }

    /// Listed in help but not in the footer.
    pub fn help_only(mut self) -> Binding {
        self.in_footer = false;
        self
    }

    /// The keys as written in the footer: "j/↓".
    pub fn keys_text(&self) -> String {
        self.keys
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// Moving in a list: arrows and hjkl.
pub fn up_keys() -> [Key; 2] {
    [Key::code(KeyCode::Up), Key::char('k')]
}

pub fn down_keys() -> [Key; 2] {
    [Key::code(KeyCode::Down), Key::char('j')]
}

pub fn left_keys() -> [Key; 2] {
    [Key::code(KeyCode::Left), Key::char('h')]
}

pub fn right_keys() -> [Key; 2] {
    [Key::code(KeyCode::Right), Key::char('l')]
}

/// Keys that work on every screen when no text field has focus.
pub fn global_bindings() -> Vec<Binding> {
    let mut bindings = vec![
        Binding::new(&[Key::char('?')], "help", Action::Help),
        Binding::new(&[Key::char('q')], "quit", Action::Quit),
        Binding::new(&[Key::code(KeyCode::Esc)], "back", Action::Back).help_only(),
        Binding::new(&[Key::char('u')], "undo", Action::Undo).help_only(),
        Binding::new(&[Key::ctrl('r')], "redo", Action::Redo).help_only(),
        Binding::new(&[Key::char('b')], "board", Action::Board).help_only(),
        Binding::new(
            &[Key::code(KeyCode::Tab)],
            "next screen",
            Action::NextScreen,
        )
        .help_only(),
        Binding::new(
            &[Key::code(KeyCode::BackTab)],
            "previous screen",
            Action::PreviousScreen,
        )
        .help_only(),
    ];
    for screen in Screen::ALL {
        let digit = char::from_digit(screen.number() as u32, 10).unwrap_or('1');
        bindings.push(
            Binding::new(&[Key::char(digit)], screen.title(), Action::Show(screen)).help_only(),
        );
    }
    bindings
}

/// What Enter (Ctrl-s in a multi-line field) and Esc do in the focused
/// field, in the footer's words: they differ from field to field (Esc saves
/// a summary but leaves a pitch's details unsaved), so each screen says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldKeys {
    pub submit: &'static str,
    pub esc: &'static str,
}

impl FieldKeys {
    pub const fn new(submit: &'static str, esc: &'static str) -> FieldKeys {
        FieldKeys { submit, esc }
    }
}

/// Keys while a text field has focus: everything types, except these.
pub fn typing_bindings(multi_line: bool, keys: FieldKeys) -> Vec<Binding> {
    let submit = if multi_line {
        Key::ctrl('s')
    } else {
        Key::code(KeyCode::Enter)
    };
    vec![
        Binding::new(&[submit], keys.submit, Action::Submit),
        Binding::new(&[Key::code(KeyCode::Esc)], keys.esc, Action::Back),
    ]
}

/// What a key means in the current state, or `None` when nothing.
pub fn action_for(state: &State, event: &KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    if event.modifiers.contains(KeyModifiers::CONTROL) && event.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    // The board is up until a key is pressed, and that key only closes it.
    if state.board {
        return Some(Action::Board);
    }
    // A character typed into a field is typed: no binding of such a state
    // is a character (see `State::types_characters`), so the bindings need
    // not be built for it. This is the path from a key to its echo.
    if typed_character(event) && state.types_characters() {
        return Some(Action::Type(*event));
    }
    let bindings = state.bindings();
    if let Some(binding) = bindings
        .iter()
        .find(|b| b.keys.iter().any(|k| k.matches(event)))
    {
        return Some(binding.action.clone());
    }
    if state.typing() {
        return Some(Action::Type(*event));
    }
    None
}

/// A character without Ctrl: what no binding of a state that types
/// characters is (see `State::types_characters`).
fn typed_character(event: &KeyEvent) -> bool {
    matches!(event.code, KeyCode::Char(_)) && !event.modifiers.contains(KeyModifiers::CONTROL)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_display_as_people_write_them() {
        assert_eq!(Key::ctrl('r').to_string(), "Ctrl-r");
        assert_eq!(Key::code(KeyCode::BackTab).to_string(), "Shift-Tab");
        assert_eq!(Key::char(' ').to_string(), "Space");
    }

    #[test]
    fn shift_tab_matches_back_tab_either_way() {
        let back = Key::code(KeyCode::BackTab);
        assert!(back.matches(&KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)));
        assert!(back.matches(&KeyEvent::new(KeyCode::Tab, KeyModifiers::SHIFT)));
        assert!(
            !Key::code(KeyCode::Tab).matches(&KeyEvent::new(KeyCode::Tab, KeyModifiers::SHIFT))
        );
    }

    #[test]
    fn ctrl_is_part_of_the_key() {
        let r = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL);
        assert!(Key::ctrl('r').matches(&r));
        assert!(!Key::char('r').matches(&r));
    }
}
