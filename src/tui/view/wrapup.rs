//! The wrap-up screen, made to be read from the back of a room: a line
//! saying where we are ("3 of 10"), the session's title as large as fits,
//! then its summary, outcome and next steps in a centred column. The last
//! page lists what the day agreed to take forward.

mod decisions;
mod session;
mod title;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::model::rules::slot_name;
use crate::model::text::inert_line;
use crate::tui::screen::wrapup::{Page, page_index, pages, selected};
use crate::tui::state::State;
use crate::tui::theme::Theme;
use crate::tui::view::export::wrap::wrap;

/// The widest the reading column gets: longer lines are hard to follow
/// on a projector.
const COLUMN: u16 = 110;

/// One line of a page, and the item (next step or decision) it shows.
pub struct Row {
    pub item: Option<usize>,
    pub line: Line<'static>,
}

impl Row {
    fn plain(line: Line<'static>) -> Row {
        Row { item: None, line }
    }
}

/// Text wrapped to `width`, every line indented by `indent` and styled.
fn paragraph(
    text: &str,
    width: usize,
    indent: usize,
    style: Style,
    item: Option<usize>,
) -> Vec<Row> {
    let pad = " ".repeat(indent);
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .flat_map(|l| wrap(&inert_line(l.trim()), width.saturating_sub(indent), 0))
        .map(|l| Row {
            item,
            line: Line::styled(format!("{pad}{l}"), style),
        })
        .collect()
}

/// The parts of the screen: the "where are we" line, the title, the body.
fn layout(area: Rect, title_rows: u16) -> (Rect, Rect, Rect) {
    let width = area.width.saturating_sub(4).min(COLUMN);
    let x = area.x + (area.width - width) / 2;
    let top = Rect::new(x, area.y, width, 1.min(area.height));
    // The title may use the whole width: large letters need it.
    let title_y = area.y + 2;
    let title = Rect::new(
        area.x + 1,
        title_y,
        area.width.saturating_sub(2),
        title_rows.min(area.height.saturating_sub(2)),
    );
    let body_y = (title.y + title.height + 1).min(area.y + area.height);
    let body = Rect::new(x, body_y, width, area.y + area.height - body_y);
    (top, title, body)
}

/// The page's title text, and the rows of its body at `width`.
fn page_content(state: &State, page: &Page, width: usize) -> (String, Vec<Row>) {
    match page {
        Page::Session(id) => {
            let title = state
                .event()
                .sessions
                .get(id)
                .map(|s| state.event().session_title(s).to_string())
                .unwrap_or_default();
            (title, session::rows(state, id, width))
        }
        _ => (
            "Agreed to take forward".to_string(),
            decisions::rows(state, width),
        ),
    }
}

pub fn render(state: &State, area: Rect, buf: &mut Buffer, theme: Theme) {
    let (index, page) = page_index(state);
    let full = layout(area, 0).2;
    let (title_text, rows) = page_content(state, &page, usize::from(full.width));
    let big = title::fit(&title_text, area.width.saturating_sub(2), area.height);
    let (top, title_area, body) = layout(area, big.rows());
    where_line(state, index, &page, top, buf, theme);
    big.render(title_area, buf, theme);
    let offset = offset(state, &rows, body.height);
    for (i, row) in rows
        .iter()
        .skip(offset)
        .take(usize::from(body.height))
        .enumerate()
    {
        let y = body.y + i as u16;
        let line_area = Rect::new(body.x, y, body.width, 1);
        let chosen = state.wrapup.form.is_none()
            && row.item.is_some()
            && row.item == selected(state).map(|(i, _)| i);
        if chosen {
            buf.set_style(line_area, theme.selected());
            row.line
                .clone()
                .style(theme.selected())
                .render(line_area, buf);
        } else {
            row.line.clone().render(line_area, buf);
        }
    }
    let hidden = rows.len().saturating_sub(offset + usize::from(body.height));
    if hidden > 0 && body.height > 0 {
        let more = format!(" ↓ {hidden} more (PgDn) ");
        let width = more.width() as u16;
        let x = body.x + body.width.saturating_sub(width);
        let y = body.y + body.height - 1;
        Span::styled(more, theme.dim()).render(Rect::new(x, y, width.min(body.width), 1), buf);
    }
    if let Some(form) = &state.wrapup.form {
        let changed = state.changed_meanwhile(form.begun.as_ref(), None);
        crate::tui::view::event::form::render(form, changed.as_deref(), area, buf, theme);
    }
}

/// The first body row shown: the scroll asked for, moved just enough to
/// show the selected item, and never past the end.
fn offset(state: &State, rows: &[Row], height: u16) -> usize {
    let height = usize::from(height);
    let most = rows.len().saturating_sub(height);
    let mut offset = usize::from(state.wrapup.scroll).min(most);
    if let Some((item, _)) = selected(state) {
        let first = rows.iter().position(|r| r.item == Some(item));
        let last = rows.iter().rposition(|r| r.item == Some(item));
        if let (Some(first), Some(last)) = (first, last) {
            if last >= offset + height {
                offset = (last + 1).saturating_sub(height);
            }
            offset = offset.min(first);
        }
    }
    offset
}

/// How far down the current page can scroll on this terminal.
pub fn max_scroll(state: &State) -> u16 {
    let top = crate::tui::view::BODY_TOP;
    let area = Rect::new(0, top, state.width, state.height.saturating_sub(top + 2));
    let (_, page) = page_index(state);
    let full = layout(area, 0).2;
    let (title_text, rows) = page_content(state, &page, usize::from(full.width));
    let big = title::fit(&title_text, area.width.saturating_sub(2), area.height);
    let body = layout(area, big.rows()).2;
    u16::try_from(rows.len().saturating_sub(usize::from(body.height))).unwrap_or(u16::MAX)
}

/// "Session 3 of 10 · Round 1 (10:00) · Main hall", and the way on.
fn where_line(
    state: &State,
    index: usize,
    page: &Page,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    let sessions = pages(state.event()).len() - 1;
    let event = state.event();
    let (left, right) = match page {
        Page::Session(id) => {
            let session = event.sessions.get(id);
            let slot = session
                .and_then(|s| event.slots.get(&s.slot))
                .map(slot_name);
            let room = session
                .and_then(|s| event.rooms.get(&s.room))
                .map(|r| inert_line(&r.name));
            // First, so that a narrow line never cuts it off.
            let conflict = event
                .is_conflicted(id)
                .then(|| "! conflicting versions (v)".to_string());
            let place: Vec<String> = [conflict, slot, room].into_iter().flatten().collect();
            (
                place.join(" · "),
                format!("Session {} of {sessions}", index + 1),
            )
        }
        _ => (
            format!("After the {sessions} sessions"),
            "Last page".to_string(),
        ),
    };
    let width = usize::from(area.width);
    let left = crate::model::text::fit(&left, width.saturating_sub(right.width() + 2));
    let pad = width.saturating_sub(left.width() + right.width());
    Line::from(vec![
        Span::styled(left, theme.dim()),
        Span::raw(" ".repeat(pad)),
        Span::styled(right, theme.heading()),
    ])
    .render(area, buf);
}
