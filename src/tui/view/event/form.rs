//! Drawing a [`Form`]: a box over the screen with one label and field per
//! row, the focused one marked with `›` as well as coloured.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use crate::tui::screen::event::form::Form;
use crate::tui::theme::Theme;

/// Rows a multi-line field gets at most; the rest of the box stays compact.
const MULTI_ROWS: u16 = 10;

/// `changed` says who changed the record meanwhile, in the bottom border.
pub fn render<T>(
    form: &Form<T>,
    changed: Option<&str>,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    let width = area.width.saturating_sub(4).min(100);
    let singles = form
        .fields
        .iter()
        .filter(|f| !f.field.is_multi_line())
        .count() as u16;
    let labels = form.fields.len() as u16;
    let fixed = labels + singles + 2;
    let multi_rows = if form.has_multi_line() {
        area.height.saturating_sub(fixed + 1).clamp(1, MULTI_ROWS)
    } else {
        0
    };
    let height = (fixed + multi_rows).min(area.height);
    let popup = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + u16::from(area.height > height),
        width,
        height,
    );
    Clear.render(popup, buf);
    let block = crate::tui::view::with_changed_meanwhile(
        Block::default().borders(Borders::ALL).title(format!(
            " {}: {} ",
            form.title,
            keys_hint(form)
        )),
        changed,
        theme,
    );
    let inner = block.inner(popup);
    block.render(popup, buf);
    let mut y = inner.y;
    let bottom = inner.y + inner.height;
    for (i, field) in form.fields.iter().enumerate() {
        if y >= bottom {
            break;
        }
        let focused = i == form.focus;
        let (marker, style) = if focused {
            ("› ", theme.key())
        } else {
            ("  ", theme.heading())
        };
        Line::from(vec![
            Span::styled(marker, style),
            Span::styled(field.label, style),
        ])
        .render(Rect::new(inner.x, y, inner.width, 1), buf);
        y += 1;
        let rows = if field.field.is_multi_line() {
            multi_rows
        } else {
            1
        };
        let rows = rows.min(bottom.saturating_sub(y));
        let field_area = Rect::new(inner.x + 2, y, inner.width.saturating_sub(2), rows);
        field.field.render(field_area, buf, focused);
        y += rows;
    }
}

/// The keys that save and move, which depend on the focused field: Enter
/// adds a line in a multi-line field, so Ctrl-s saves there.
fn keys_hint<T>(form: &Form<T>) -> String {
    let multi = form.focused().is_some_and(|f| f.is_multi_line());
    let save = match (multi, form.esc_saves) {
        (true, true) => "Ctrl-s or Esc saves",
        (true, false) => "Ctrl-s saves, Esc leaves",
        (false, true) => "Enter or Esc saves",
        (false, false) => "Enter saves, Esc leaves",
    };
    if form.fields.len() > 1 {
        format!("Tab moves, {save}")
    } else {
        save.to_string()
    }
}
