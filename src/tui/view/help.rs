//! The help overlay, built from the live key map of the screen beneath.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use crate::model::text::wrap;
use crate::tui::action::Action;
use crate::tui::keymap::{Binding, Key, down_keys, up_keys};
use crate::tui::state::State;
use crate::tui::theme::Theme;

/// Keys while help is open.
pub fn bindings() -> Vec<Binding> {
    vec![
        Binding::new(
            &[Key::code(KeyCode::Esc), Key::char('?'), Key::char('q')],
            "close help",
            Action::Back,
        ),
        Binding::new(&down_keys(), "scroll", Action::Scroll(1)),
        Binding::new(&up_keys(), "scroll up", Action::Scroll(-1)).help_only(),
    ]
}

/// The lines of help for the screen under the overlay.
/// The help's lines for a popup whose text is `room` columns wide: a
/// description too long for its row wraps under itself, never cut.
pub fn lines(state: &State, theme: Theme, room: usize) -> Vec<Line<'static>> {
    let beneath = State::bindings_without_help(state);
    let width = beneath
        .iter()
        .map(|b| crate::model::text::width(&b.keys_text()))
        .max()
        .unwrap_or(0);
    let mut lines = vec![
        Line::styled(
            if state.resolve.is_some() {
                "Keys for the conflicting versions".to_string()
            } else {
                format!("Keys on {}", state.screen.title())
            },
            theme.heading(),
        ),
        Line::raw(""),
    ];
    let width = width.max(TYPING_KEYS.iter().map(|(k, _)| k.len()).max().unwrap_or(0));
    let hang = width + 2;
    let row = |lines: &mut Vec<Line<'static>>, keys: String, what: String| {
        let pad = " ".repeat(width.saturating_sub(crate::model::text::width(&keys)) + 2);
        let mut rows = wrap(&what, room.saturating_sub(hang).max(12), 0).into_iter();
        lines.push(Line::from(vec![
            Span::styled(keys, theme.key()),
            Span::raw(pad),
            Span::raw(rows.next().unwrap_or_default()),
        ]));
        for more in rows {
            lines.push(Line::raw(format!("{}{more}", " ".repeat(hang))));
        }
    };
    for binding in beneath {
        row(
            &mut lines,
            binding.keys_text(),
            binding.action.description().to_string(),
        );
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Keys in every text field", theme.heading()));
    for (keys, what) in TYPING_KEYS {
        row(&mut lines, keys.to_string(), what.to_string());
    }
    lines
}

/// The editing keys of every text field (see `TextField::input`), and the
/// one meaning of Enter and Esc in a form.
const TYPING_KEYS: [(&str, &str); 9] = [
    ("Ctrl-A/Home", "to the start of the line"),
    ("Ctrl-E/End", "to the end of the line"),
    ("Alt-B/Alt-F", "a word back, a word forward"),
    ("Ctrl-W", "delete the word before the cursor"),
    ("Ctrl-K", "delete to the end of the line"),
    ("Ctrl-U", "delete to the start of the line (clears a field)"),
    (
        "any key",
        "replaces a highlighted suggestion; ← → keep it to edit",
    ),
    ("Enter", "save (Ctrl-s in a field of several lines)"),
    (
        "Esc",
        "save and leave a form (u undoes); leave a line, kept",
    ),
];

pub fn render(state: &State, scroll: u16, area: Rect, buf: &mut Buffer, theme: Theme) {
    let width = area.width.saturating_sub(4).min(76);
    let lines = lines(state, theme, usize::from(width.saturating_sub(2)));
    let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    Clear.render(popup, buf);
    Paragraph::new(lines)
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(" Help: Esc closes "),
        )
        .scroll((scroll, 0))
        .render(popup, buf);
}
