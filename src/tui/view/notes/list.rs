//! The list of sessions by slot, the running slot first; sessions without
//! notes say "none" (a word, not a colour).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};
use unicode_width::UnicodeWidthStr;

use crate::model::rules::slot_name;
use crate::model::text::fit;
use crate::model::text::inert_line;
use crate::model::{Event, Id};
use crate::tui::screen::notes::sessions::{Row, rows};
use crate::tui::screen::notes::{Focus, session_id};
use crate::tui::state::State;
use crate::tui::theme::Theme;
use crate::tui::view::kept::{Kept, SessionListKey};
use crate::tui::view::pitches::scroll_offset;
use crate::tui::widget::countdown::current_slot;

fn inner(area: Rect) -> Rect {
    Block::default().borders(Borders::RIGHT).inner(area)
}

/// The first row shown, so that the chosen session stays in view.
fn offset(state: &State, rows: &[Row], height: u16) -> usize {
    let chosen = session_id(state);
    let selected = rows
        .iter()
        .position(|r| matches!(r, Row::Session(id) if Some(*id) == chosen))
        .unwrap_or(0);
    scroll_offset(
        state.notes.list_offset,
        selected,
        usize::from(height),
        rows.len(),
    )
}

/// The session on a clicked screen row.
pub fn hit(state: &State, area: Rect, row: u16) -> Option<Id> {
    let inner = inner(area);
    let rows = rows(state.event(), state.now);
    let index = offset(state, &rows, inner.height) + usize::from(row.checked_sub(inner.y)?);
    match rows.get(index)? {
        Row::Session(id) => Some((*id).clone()),
        Row::Slot { .. } => None,
    }
}

/// The list as [`render`] draws it, kept from frame to frame while what it
/// shows holds (see [`crate::tui::view::kept`]): on a large event, working
/// out and drawing its rows was most of a key typed into the capture line.
pub fn kept(state: &State, kept: &mut Kept, area: Rect, buf: &mut Buffer, theme: Theme) {
    let key = SessionListKey {
        stamp: state.event().stamp(),
        running: current_slot(state.event(), state.now).cloned(),
        chosen: session_id(state).cloned(),
        focused: state.notes.focus == Focus::Sessions,
        offset: state.notes.list_offset,
        theme,
    };
    kept.session_list
        .draw(key, area, &[], buf, |buf| render(state, area, buf, theme));
}

fn render(state: &State, area: Rect, buf: &mut Buffer, theme: Theme) {
    Block::default()
        .borders(Borders::RIGHT)
        .border_style(theme.dim())
        .render(area, buf);
    let inner = inner(area);
    let event = state.event();
    let rows = rows(event, state.now);
    if rows.is_empty() {
        Line::styled(
            fit("No sessions yet.", usize::from(inner.width)),
            theme.dim(),
        )
        .render(inner, buf);
        return;
    }
    let chosen = session_id(state);
    let width = usize::from(inner.width);
    let offset = offset(state, &rows, inner.height);
    for (y, row) in (inner.y..inner.bottom()).zip(rows.iter().skip(offset)) {
        let line_area = Rect::new(inner.x, y, inner.width, 1);
        match row {
            Row::Slot { slot, now } => {
                slot_heading(event, *slot, *now, width, theme).render(line_area, buf);
            }
            Row::Session(id) => {
                let is_chosen = Some(*id) == chosen;
                let style = if is_chosen && state.notes.focus == Focus::Sessions {
                    theme.selected()
                } else {
                    theme.plain()
                };
                buf.set_style(line_area, style);
                Line::styled(session_line(event, id, is_chosen, width), style)
                    .render(line_area, buf);
            }
        }
    }
}

fn slot_heading(
    event: &Event,
    slot: Option<&Id>,
    now: bool,
    width: usize,
    theme: Theme,
) -> Line<'static> {
    let name = slot
        .and_then(|id| event.slots.get(id))
        .map_or_else(|| "No slot".to_string(), slot_name);
    let text = if now { format!("{name} · now") } else { name };
    Line::from(vec![Span::styled(fit(&text, width), theme.heading())])
}

/// "› Open standards for planning      3", or "none" for no notes yet.
fn session_line(event: &Event, id: &Id, chosen: bool, width: usize) -> String {
    let count = event.note_count(id);
    let count = if count == 0 {
        "none".to_string()
    } else {
        count.to_string()
    };
    let title = event
        .sessions
        .get(id)
        .map(|s| inert_line(event.session_title(s)))
        .unwrap_or_default();
    let marker = if chosen { "› " } else { "  " };
    let room = width.saturating_sub(2 + count.len() + 1);
    let title = fit(&title, room);
    let pad = width.saturating_sub(2 + title.width() + count.len());
    format!("{marker}{title}{}{count}", " ".repeat(pad))
}
