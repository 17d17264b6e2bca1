//! The open pitches: a list beside the grid, or one line under it when the
//! terminal is too narrow for both.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use super::ListArea;
use crate::model::autoschedule::open_pitches;
use crate::model::text::fit;
use crate::model::text::inert_line;
use crate::model::{Event, Id};
use crate::tui::screen::schedule::{Focus, Pending, selection};
use crate::tui::state::State;
use crate::tui::theme::Theme;

fn title(event: &Event, id: &Id) -> String {
    event
        .pitches
        .get(id)
        .map(|p| inert_line(&p.title))
        .unwrap_or_default()
}

/// "Data across borders — Kim Lee".
fn pitch_line(event: &Event, id: &Id) -> String {
    let Some(pitch) = event.pitches.get(id) else {
        return String::new();
    };
    let people: Vec<&str> = pitch.pitched_by.iter().map(|p| p.name.as_str()).collect();
    let mut line = inert_line(&pitch.title);
    if !people.is_empty() {
        line.push_str(" — ");
        line.push_str(&inert_line(&people.join(", ")));
    }
    line
}

pub fn list(state: &State, list: &ListArea, buf: &mut Buffer, theme: Theme) {
    let event = state.event();
    let schedule = &state.schedule;
    Block::default()
        .borders(Borders::LEFT)
        .render(list.area, buf);
    let open = open_pitches(event);
    let heading = Rect::new(list.rows.x, list.area.y, list.rows.width, 1);
    let focused = schedule.focus == Focus::Pitches;
    let mut spans = vec![Span::styled(
        format!("Open pitches ({})", open.len()),
        theme.heading(),
    )];
    if schedule.preview.is_some() {
        spans.push(Span::styled(" + is proposed", theme.good()));
    } else if !focused {
        spans.push(Span::styled(" · p to pick", theme.dim()));
    }
    Line::from(spans).render(heading, buf);
    if open.is_empty() {
        Paragraph::new("Every pitch is on the grid, merged or withdrawn.")
            .style(theme.dim())
            .wrap(Wrap { trim: true })
            .render(list.rows, buf);
        return;
    }
    let selected = selection(event, schedule.selected.as_ref()).map(|(i, _)| i);
    let height = usize::from(list.rows.height);
    for (index, id) in open.iter().enumerate().skip(list.offset).take(height) {
        let y = list.rows.y + u16::try_from(index - list.offset).unwrap_or(0);
        let area = Rect::new(list.rows.x, y, list.rows.width, 1);
        let chosen = focused && Some(index) == selected;
        row(state, id, chosen, area, buf, theme);
    }
}

/// "› 6 Data across borders — Kim Lee".
fn row(state: &State, id: &Id, chosen: bool, area: Rect, buf: &mut Buffer, theme: Theme) {
    let event = state.event();
    let schedule = &state.schedule;
    let proposed = schedule
        .preview
        .as_ref()
        .is_some_and(|p| p.placements.iter().any(|pl| pl.pitch == *id));
    // The selection is reversed, and marked too for a faint projector.
    let gutter = match &schedule.pending {
        _ if chosen => '›',
        Some(Pending::Place(pitch)) if pitch == id => '»',
        _ if proposed => '+',
        _ => ' ',
    };
    let interest = event.interest_of(id);
    let head = format!("{gutter}{interest:>3} ");
    let room = usize::from(area.width).saturating_sub(head.width());
    let text = format!("{head}{}", fit(&pitch_line(event, id), room));
    let style = if chosen {
        theme.selected()
    } else if proposed {
        theme.good()
    } else {
        theme.plain()
    };
    buf.set_style(area, style);
    Line::styled(text, style).render(area, buf);
}

/// "Open: "Data across borders" 6, "Responsible tech" 3 … p picks one".
pub fn summary(state: &State, area: Rect, buf: &mut Buffer, theme: Theme) {
    let event = state.event();
    let open = open_pitches(event);
    if open.is_empty() {
        Line::styled("No open pitches.", theme.dim()).render(area, buf);
        return;
    }
    let hint = "  · p to pick";
    let items: Vec<String> = open
        .iter()
        .map(|id| {
            let interest = event.interest_of(id);
            format!("\"{}\" {interest}", title(event, id))
        })
        .collect();
    let head = format!("{} open: ", open.len());
    let room = usize::from(area.width).saturating_sub(head.width() + hint.width());
    Line::from(vec![
        Span::styled(head, theme.heading()),
        Span::raw(fit(&items.join(", "), room)),
        Span::styled(hint, theme.dim()),
    ])
    .render(area, buf);
}
