//! The rooms and slots columns, and the guide a new event shows instead.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::model::SlotKind;
use crate::model::text::fit;
use crate::model::text::inert_line;
use crate::tui::screen::event::Selected;
use crate::tui::state::State;
use crate::tui::theme::Theme;

/// The first row to show so that the selected row is visible.
fn offset(selected: Option<usize>, rows: usize) -> usize {
    match selected {
        Some(i) if rows > 0 && i >= rows => i + 1 - rows,
        _ => 0,
    }
}

/// The list index drawn on a screen row of a column, if any.
pub fn row_to_index(area: Rect, row: u16, len: usize, selected: Option<usize>) -> Option<usize> {
    let first = area.y + 1;
    if row < first {
        return None;
    }
    let rows = usize::from(area.height.saturating_sub(1));
    let index = offset(selected, rows) + usize::from(row - first);
    (index < len).then_some(index)
}

/// One row: `text` on the left, `right` flush right, reversed when selected.
fn row(
    area: Rect,
    y: u16,
    text: &str,
    right: &str,
    style: ratatui::style::Style,
    buf: &mut Buffer,
) {
    let line_area = Rect::new(area.x, y, area.width, 1);
    buf.set_style(line_area, style);
    let width = usize::from(area.width);
    let right_width = right.width();
    let left = fit(text, width.saturating_sub(right_width + 1));
    let pad = width.saturating_sub(left.width() + right_width);
    Line::styled(format!("{left}{}{right}", " ".repeat(pad)), style).render(line_area, buf);
}

fn header(area: Rect, text: String, hint: &str, buf: &mut Buffer, theme: Theme) {
    Line::from(vec![
        Span::styled(text, theme.heading()),
        Span::styled(format!("  {hint}"), theme.dim()),
    ])
    .render(Rect::new(area.x, area.y, area.width, 1), buf);
}

/// One row of a list on the Event screen: its text, what is said at its
/// right edge, and whether it is drawn dim (a break).
struct ListRow {
    text: String,
    right: String,
    dim: bool,
}

/// A titled list of rows with the selected one highlighted and scrolled
/// into view, or a hint of what to do when it is empty. Rooms and slots
/// are both drawn by it.
#[allow(
    clippy::too_many_arguments,
    reason = "one list's parts, each used once"
)]
fn list(
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
    title: &str,
    hint: &str,
    when_empty: &str,
    rows: Vec<ListRow>,
    chosen: Option<usize>,
) {
    header(area, format!("{title} ({})", rows.len()), hint, buf, theme);
    if rows.is_empty() {
        empty(area, when_empty, buf, theme);
        return;
    }
    let height = usize::from(area.height - 1);
    let skip = offset(chosen, height);
    for (i, item) in rows.iter().enumerate().skip(skip).take(height) {
        let style = if chosen == Some(i) {
            theme.selected()
        } else if item.dim {
            theme.dim()
        } else {
            theme.plain()
        };
        row(
            area,
            area.y + 1 + (i - skip) as u16,
            &item.text,
            &item.right,
            style,
            buf,
        );
    }
}

pub fn rooms(
    state: &State,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
    selected: Option<&Selected>,
) {
    if area.height == 0 {
        return;
    }
    let event = state.event();
    let rooms = event.rooms_in_order();
    let chosen = selected.and_then(|s| match s {
        Selected::Room(id) => rooms.iter().position(|(r, _)| *r == id),
        _ => None,
    });
    let rows = (rooms.iter().enumerate())
        .map(|(i, (id, room))| ListRow {
            text: format!(
                "{}{}. {}",
                marker(event.is_conflicted(id)),
                i + 1,
                inert_line(&room.name)
            ),
            right: (room.capacity)
                .map(|c| format!("{c} seats"))
                .unwrap_or_default(),
            dim: false,
        })
        .collect();
    let when_empty = "No rooms yet: press r to add one.";
    list(
        area,
        buf,
        theme,
        "Rooms",
        "in this order",
        when_empty,
        rows,
        chosen,
    );
}

pub fn slots(
    state: &State,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
    selected: Option<&Selected>,
) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let event = state.event();
    let slots = event.slots_in_order();
    let chosen = selected.and_then(|s| match s {
        Selected::Slot(id) => slots.iter().position(|(sl, _)| *sl == id),
        _ => None,
    });
    let rows = (slots.iter())
        .map(|(id, slot)| ListRow {
            text: format!(
                "{}{}–{}  {}",
                marker(event.is_conflicted(id)),
                slot.start.format("%H:%M"),
                slot.end.format("%H:%M"),
                inert_line(&slot.label)
            ),
            right: slot.kind.word().to_string(),
            dim: slot.kind == SlotKind::Break,
        })
        .collect();
    let when_empty = "No slots yet: press s to add the day's first.";
    list(
        area,
        buf,
        theme,
        "Slots",
        "in time order",
        when_empty,
        rows,
        chosen,
    );
}

/// `!` before a record with conflicting versions (the warnings say more).
fn marker(conflicted: bool) -> &'static str {
    if conflicted { "!" } else { " " }
}

fn empty(area: Rect, text: &str, buf: &mut Buffer, theme: Theme) {
    if area.height > 1 {
        Line::styled(format!(" {text}"), theme.dim())
            .render(Rect::new(area.x, area.y + 1, area.width, 1), buf);
    }
}

/// A new event: what to do first, in order.
pub fn start_here(area: Rect, buf: &mut Buffer, theme: Theme) {
    let steps: [(&str, &str); 4] = [
        (
            "r",
            "add a room: its name and how many it seats (Main hall, 60)",
        ),
        (
            "s",
            "add a time slot: start, end, label, kind (09:30–10:00 Welcome)",
        ),
        ("e", "check the event's name, date, venue and organisers"),
        ("2", "then capture the pitches on the Pitches screen"),
    ];
    let mut lines = vec![
        Line::styled(
            "Start here: this event has no rooms or time slots yet.",
            theme.heading(),
        ),
        Line::raw(""),
    ];
    for (key, what) in steps {
        lines.push(Line::from(vec![
            Span::styled(format!("  {key}  "), theme.key()),
            Span::raw(what),
        ]));
    }
    for (i, line) in lines.into_iter().enumerate().take(usize::from(area.height)) {
        line.render(Rect::new(area.x, area.y + i as u16, area.width, 1), buf);
    }
}
