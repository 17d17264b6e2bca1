//! The Pitches screen: the list, the quick-add line, the details form and
//! the pitch timer in large digits.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};
use unicode_width::UnicodeWidthStr;

use crate::model::text::{fit, inert_line};
use crate::model::{Event, Id, Pitch, PitchStatus};
use crate::tui::screen::pitches::{FORM_LABELS, Focus, Sort, selected_in, visible};
use crate::tui::state::State;
use crate::tui::theme::Theme;
use crate::tui::view::kept::{Kept, PitchTableKey};
use crate::tui::widget::big_text;

/// Width of the timer panel when it is shown beside the list: room for
/// five large glyphs ("-0:05" once time is up) and the border, so time-up
/// stays as large as the count before it.
const TIMER_WIDTH: u16 = 42;

/// The list's and the timer's areas in the screen's body `area`.
fn halves(state: &State, area: Rect) -> [Rect; 2] {
    let timer_shown = state.pitches.timer.visible;
    if timer_shown && area.width >= 70 {
        Layout::horizontal([Constraint::Min(28), Constraint::Length(TIMER_WIDTH)]).areas(area)
    } else if timer_shown {
        // Too narrow for both: the timer is what the room looks at.
        [Rect::default(), area]
    } else {
        [area, Rect::default()]
    }
}

/// The list's heading, its rows and the line typed into.
fn list_parts(list_area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(list_area)
}

/// The position, among the pitches shown, of the one drawn on screen row
/// `row`, if one is: the rows scroll with the selection.
pub fn pitch_at(state: &State, row: u16) -> Option<usize> {
    let [list_area, _] = halves(state, super::body(state));
    let [_, rows, _] = list_parts(list_area);
    if !(rows.top()..rows.bottom()).contains(&row) {
        return None;
    }
    let shown = visible(state.event(), &state.pitches);
    let offset = scroll_offset(
        state.pitches.offset,
        selected_in(&shown, &state.pitches),
        usize::from(rows.height),
        shown.len(),
    );
    Some(offset + usize::from(row - rows.y))
}

pub fn render(state: &State, kept: &mut Kept, area: Rect, buf: &mut Buffer, theme: Theme) {
    let timer_shown = state.pitches.timer.visible;
    let [list_area, timer_area] = halves(state, area);
    let [header, rows, input] = list_parts(list_area);
    if !list_area.is_empty() {
        list_header(state, header, buf, theme);
        kept_rows(state, kept, rows, buf, theme);
        input_line(state, input, buf, theme);
    }
    if timer_shown {
        timer(state, timer_area, buf, theme);
    }
    if state.pitches.focus == Focus::Form {
        form(state, area, buf, theme);
    }
}

fn list_header(state: &State, area: Rect, buf: &mut Buffer, theme: Theme) {
    let count = state.event().pitches.len();
    let sort = match state.pitches.sort {
        Sort::Interest => "by interest",
        Sort::Time => "by time",
    };
    let count = crate::model::rules::plural(count, "pitch");
    let mut text = format!(" votes  status     title  ({count}, {sort})");
    if !state.pitches.filter.is_empty() {
        text.push_str(&format!(
            ", filter \"{}\"",
            inert_line(&state.pitches.filter.text())
        ));
    }
    Line::styled(text, theme.heading()).render(area, buf);
}

/// The table's rows as [`list_rows`] draws them, kept from frame to frame
/// while what they show holds (see [`crate::tui::view::kept`]): a key typed
/// into the quick-add line, as pitches are logged, draws only that line.
/// On a large event, sorting and drawing the pitches again took far longer
/// than the key's echo may.
fn kept_rows(state: &State, kept: &mut Kept, area: Rect, buf: &mut Buffer, theme: Theme) {
    let pitches = &state.pitches;
    let stamp = state.event().stamp();
    let filter = pitches.filter.as_text();
    let focused = pitches.focus == Focus::List;
    let same = |shown: &PitchTableKey| {
        shown.stamp == stamp
            && shown.sort == pitches.sort
            && shown.filter == filter
            && shown.selected == pitches.selected
            && shown.offset == pitches.offset
            && shown.focused == focused
            && shown.merging == pitches.merging
            && shown.theme == theme
    };
    let key = || PitchTableKey {
        stamp,
        sort: pitches.sort,
        filter: filter.to_string(),
        selected: pitches.selected.clone(),
        offset: pitches.offset,
        focused,
        merging: pitches.merging.clone(),
        theme,
    };
    // The details form is drawn over the table.
    let over = if pitches.focus == Focus::Form {
        &[area][..]
    } else {
        &[]
    };
    kept.pitch_table
        .draw_unless_same(same, key, area, over, buf, |buf| {
            list_rows(state, area, buf, theme);
        });
}

fn list_rows(state: &State, area: Rect, buf: &mut Buffer, theme: Theme) {
    let event = state.event();
    let shown = visible(event, &state.pitches);
    if shown.is_empty() {
        let hint = if event.pitches.is_empty() {
            " No pitches yet: press a and type a title, Enter adds it and keeps the line open."
        } else {
            " No pitch matches the filter; Esc clears it."
        };
        Line::styled(hint, theme.dim()).render(area, buf);
        return;
    }
    let selected = selected_in(&shown, &state.pitches);
    let height = usize::from(area.height);
    let offset = scroll_offset(state.pitches.offset, selected, height, shown.len());
    for (row, (id, pitch)) in shown.iter().enumerate().skip(offset).take(height) {
        let y = area.y + (row - offset) as u16;
        let line = pitch_line(event, id, pitch, state, usize::from(area.width));
        let style = if row == selected && state.pitches.focus == Focus::List {
            theme.selected()
        } else if matches!(
            event.pitch_status(id),
            PitchStatus::Merged { .. } | PitchStatus::Withdrawn
        ) {
            theme.dim()
        } else {
            theme.plain()
        };
        let line_area = Rect::new(area.x, y, area.width, 1);
        buf.set_style(line_area, style);
        Line::styled(line, style).render(line_area, buf);
    }
}

/// The first row to show so that the selection stays visible; a pure
/// function of the remembered offset, so drawing never changes state.
pub fn scroll_offset(remembered: usize, selected: usize, height: usize, len: usize) -> usize {
    if height == 0 {
        return 0;
    }
    let mut offset = remembered.min(len.saturating_sub(1));
    if selected < offset {
        offset = selected;
    } else if selected >= offset + height {
        offset = selected + 1 - height;
    }
    offset
}

fn pitch_line(event: &Event, id: &Id, pitch: &Pitch, state: &State, width: usize) -> String {
    let status = event.pitch_status(id);
    let marker = if state.pitches.merging.as_ref() == Some(id) {
        '»'
    } else if event.is_conflicted(id) {
        '!'
    } else {
        ' '
    };
    let status_text = match &status {
        PitchStatus::Merged { into } => {
            let into = event.pitches.get(into).map_or("?", |p| p.title.as_str());
            format!("→ {}", inert_line(into))
        }
        other => other.word().to_string(),
    };
    let people = pitch
        .pitched_by
        .iter()
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let mut title = inert_line(&pitch.title);
    if !people.is_empty() {
        title.push_str(&format!(" — {}", inert_line(&people)));
    }
    let status_col = fit(&status_text, 10);
    let head = format!("{marker}{:>5}  {status_col:<10} ", event.interest_of(id));
    let room = width.saturating_sub(head.width());
    format!("{head}{}", fit(&title, room))
}

fn input_line(state: &State, area: Rect, buf: &mut Buffer, theme: Theme) {
    let (label, field, focused) = match state.pitches.focus {
        Focus::Filter => ("/ ", &state.pitches.filter, true),
        Focus::QuickAdd => ("+ ", &state.pitches.quick_add, true),
        Focus::Interest => ("# ", &state.pitches.interest, true),
        _ => ("+ ", &state.pitches.quick_add, false),
    };
    let [label_area, field_area] =
        Layout::horizontal([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    let style = if focused { theme.key() } else { theme.dim() };
    Span::styled(label, style).render(label_area, buf);
    if focused || !field.is_empty() {
        field.render(field_area, buf, focused);
    } else {
        Span::styled("press a to add a pitch", theme.dim()).render(field_area, buf);
    }
}

fn timer(state: &State, area: Rect, buf: &mut Buffer, theme: Theme) {
    let timer = &state.pitches.timer;
    let block = Block::default()
        .borders(Borders::LEFT)
        .title(" Pitch timer ");
    let inner = block.inner(area);
    block.render(area, buf);
    let left = timer.remaining(state.now);
    let [digits, note, keys] = Layout::vertical([
        Constraint::Length(8),
        Constraint::Length(2),
        Constraint::Length(1),
    ])
    .areas(inner);
    let style = if left <= 0 {
        theme.error()
    } else if left <= 10 {
        theme.warning()
    } else {
        theme.plain()
    };
    big_text::render(&timer.text(state.now), style, digits, buf);
    let words = if left <= 0 {
        "TIME'S UP".to_string()
    } else if timer.is_running() {
        format!("running · {}s a pitch", timer.length)
    } else {
        format!("paused · {}s a pitch", timer.length)
    };
    Line::styled(words, style)
        .alignment(ratatui::layout::Alignment::Center)
        .render(note, buf);
    // The timer's own keys, which the footer has no room for.
    let pause = if timer.is_running() { "pause" } else { "start" };
    Line::from(vec![
        Span::styled("Space", theme.key()),
        Span::raw(format!(" {pause} ")),
        Span::styled("r", theme.key()),
        Span::raw(" reset "),
        Span::styled("[ ]", theme.key()),
        Span::raw(" ±10s "),
        Span::styled("t", theme.key()),
        Span::raw(" hide"),
    ])
    .alignment(ratatui::layout::Alignment::Center)
    .render(keys, buf);
}

fn form(state: &State, area: Rect, buf: &mut Buffer, theme: Theme) {
    let Some(form) = &state.pitches.form else {
        return;
    };
    let width = area.width.saturating_sub(4).min(90);
    let height = 14.min(area.height);
    let popup = Rect::new(area.x + (area.width - width) / 2, area.y, width, height);
    Clear.render(popup, buf);
    let changed = state.changed_meanwhile(Some(&form.begun), None);
    let block = crate::tui::view::with_changed_meanwhile(
        Block::default()
            .borders(Borders::ALL)
            .title(" Pitch details: Tab moves, Enter saves, Esc cancels "),
        changed.as_deref(),
        theme,
    );
    let inner = block.inner(popup);
    block.render(popup, buf);
    let rows = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .split(inner);
    let slots = [(0, 1), (2, 3), (5, 6), (7, 8)];
    for (i, (label_row, field_row)) in slots.into_iter().enumerate() {
        let focused = form.focus == i;
        let style = if focused {
            theme.key()
        } else {
            theme.heading()
        };
        Line::styled(FORM_LABELS[i], style).render(rows[label_row], buf);
        form.fields[i].render(rows[field_row], buf, focused);
    }
}
