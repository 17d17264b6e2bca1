//! The write-up panel (summary, outcome, next steps; read-only or being
//! edited), the details and next-step forms, and the notes kept while
//! waiting for the schedule.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use crate::model::text::{fit, wrap_after};
use crate::model::text::{inert, inert_line};
use crate::model::{Action, ActionStatus};
use crate::tui::screen::notes::{
    ACTION_LABELS, DETAIL_LABELS, Focus, Form, session_id, split_line,
};
use crate::tui::state::State;
use crate::tui::theme::Theme;
use crate::tui::widget::note_log::marker;

pub fn render(state: &State, area: Rect, buf: &mut Buffer, theme: Theme) {
    match state.notes.focus {
        Focus::Writing => editor(state, area, buf, theme),
        Focus::NextSteps | Focus::ActionForm => next_steps(state, area, buf, theme),
        _ => writeup(state, area, buf, theme),
    }
}

fn titled(title: &str, width: u16) -> Block<'static> {
    let room = usize::from(width.saturating_sub(2));
    Block::default()
        .borders(Borders::ALL)
        .title(fit(title, room))
}

/// The summary, outcome and next steps as they stand (wide screens).
fn writeup(state: &State, area: Rect, buf: &mut Buffer, theme: Theme) {
    let block = Block::default()
        .borders(Borders::LEFT)
        .border_style(theme.dim());
    let inner = block.inner(area);
    block.render(area, buf);
    let Some(session) = session_id(state).and_then(|id| state.event().sessions.get(id)) else {
        return;
    };
    let share = inner.height.saturating_sub(3) / 3;
    let [h1, summary, h2, outcome, h3, steps] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(share),
        Constraint::Length(1),
        Constraint::Length(share),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner);
    let heading = |text: &'static str, key: &'static str| {
        Line::from(vec![
            Span::styled(text, theme.heading()),
            Span::styled(format!("  {key} edits"), theme.dim()),
        ])
    };
    heading("Summary", "s").render(h1, buf);
    text_or(&session.summary, summary, buf, theme);
    heading("Outcome", "o").render(h2, buf);
    text_or(&session.outcome, outcome, buf, theme);
    heading("Next steps", "n").render(h3, buf);
    let actions = state.event().actions_of(session_id(state));
    if actions.is_empty() {
        Line::styled("none yet", theme.dim()).render(steps, buf);
    }
    for ((_, action), y) in actions.into_iter().zip(steps.y..steps.bottom()) {
        let row = Rect::new(steps.x, y, steps.width, 1);
        Line::raw(fit(&step_line(&action), usize::from(steps.width))).render(row, buf);
    }
}

fn text_or(text: &str, area: Rect, buf: &mut Buffer, theme: Theme) {
    if text.trim().is_empty() {
        Line::styled("not written yet", theme.dim()).render(area, buf);
    } else {
        Paragraph::new(inert(text))
            .wrap(Wrap { trim: false })
            .render(area, buf);
    }
}

/// "[x] Pilot with two councils — Sam · due 2026-12-04".
fn step_line(action: &Action) -> String {
    let mark = match action.status {
        ActionStatus::Open => "[ ]",
        ActionStatus::Done => "[x]",
    };
    let mut line = format!("{mark} {}", inert_line(&action.text));
    if let Some(owner) = &action.owner {
        line.push_str(&format!(" — {}", inert_line(owner)));
    }
    if let Some(due) = action.due {
        line.push_str(&format!(" · due {}", due.format("%Y-%m-%d")));
    }
    line
}

fn editor(state: &State, area: Rect, buf: &mut Buffer, theme: Theme) {
    let Some(writing) = &state.notes.writing else {
        return;
    };
    let title = format!(
        " {}: Ctrl-S or Esc saves ",
        crate::model::text::capitalised(writing.part.word())
    );
    let field = match writing.part {
        crate::tui::screen::notes::Part::Summary => "summary",
        crate::tui::screen::notes::Part::Outcome => "outcome",
    };
    let changed = state.changed_meanwhile(Some(&writing.begun), Some(field));
    let block = crate::tui::view::with_changed_meanwhile(
        titled(&title, area.width).border_style(theme.key()),
        changed.as_deref(),
        theme,
    );
    let inner = block.inner(area);
    Clear.render(area, buf);
    block.render(area, buf);
    writing.field.render(inner, buf, true);
}

fn next_steps(state: &State, area: Rect, buf: &mut Buffer, theme: Theme) {
    let block = titled(
        " Next steps: a adds · Enter edits · x done · d deletes · Esc back ",
        area.width,
    );
    let inner = block.inner(area);
    Clear.render(area, buf);
    block.render(area, buf);
    let actions = state.event().actions_of(session_id(state));
    if actions.is_empty() {
        Line::styled("None yet: press a to add one.", theme.dim()).render(inner, buf);
        return;
    }
    let height = usize::from(inner.height).max(1);
    let offset = state.notes.next_step.saturating_sub(height - 1);
    let rows = actions.into_iter().enumerate().skip(offset);
    for ((index, (_, action)), y) in rows.zip(inner.y..inner.bottom()) {
        let row = Rect::new(inner.x, y, inner.width, 1);
        let style = if index == state.notes.next_step && state.notes.focus == Focus::NextSteps {
            theme.selected()
        } else {
            theme.plain()
        };
        buf.set_style(row, style);
        Line::styled(fit(&step_line(&action), usize::from(inner.width)), style).render(row, buf);
    }
}

/// The next step on a clicked row of the panel (rows start inside its border).
pub fn next_step_at(panel: Rect, row: u16) -> Option<usize> {
    let inner = Block::default().borders(Borders::ALL).inner(panel);
    (row >= inner.y && row < inner.bottom()).then(|| usize::from(row - inner.y))
}

/// The details or next-step form, over the log.
pub fn form(state: &State, over: Rect, buf: &mut Buffer, theme: Theme) {
    let (form, labels, title): (&Form, _, _) = match state.notes.focus {
        Focus::Details => match &state.notes.details {
            Some(form) => (
                form,
                DETAIL_LABELS,
                " Details: Tab moves, Enter or Esc saves ",
            ),
            None => return,
        },
        _ => match &state.notes.action_form {
            Some(form) if state.notes.editing_step.is_some() => (
                form,
                ACTION_LABELS,
                " Next step: Tab moves, Enter saves, Esc leaves it as it was ",
            ),
            Some(form) => (
                form,
                ACTION_LABELS,
                " New next step: Tab moves, Enter adds, Esc keeps it for later ",
            ),
            None => return,
        },
    };
    let width = over.width.min(70);
    let height = 8.min(over.height);
    let popup = Rect::new(over.x + (over.width - width) / 2, over.y, width, height);
    // The whole band, so that log lines do not peek out beside the form.
    Clear.render(Rect::new(over.x, over.y, over.width, height), buf);
    let changed = state.changed_meanwhile(Some(&form.begun), None);
    let block = crate::tui::view::with_changed_meanwhile(
        titled(title, width).border_style(theme.key()),
        changed.as_deref(),
        theme,
    );
    let inner = block.inner(popup);
    block.render(popup, buf);
    let rows: [Rect; 6] = Layout::vertical([Constraint::Length(1); 6]).areas(inner);
    for (i, label) in labels.into_iter().enumerate() {
        let focused = form.focus == i;
        let style = if focused {
            theme.key()
        } else {
            theme.heading()
        };
        Line::styled(label, style).render(rows[2 * i], buf);
        form.fields[i].render(rows[2 * i + 1], buf, focused);
    }
}

/// Why nothing can be added yet and what will happen, then the notes
/// kept while the schedule is missing, newest at the bottom.
pub fn waiting(state: &State, area: Rect, buf: &mut Buffer, theme: Theme) {
    let width = usize::from(area.width);
    let why = state
        .notes
        .schedule_missing
        .as_ref()
        .map_or("", |m| m.why.as_str());
    let mut lines: Vec<Line> = wrap_after(&inert_line(why), width, width)
        .into_iter()
        .map(|l| Line::styled(l, theme.dim()))
        .collect();
    let next = "Type notes below as people talk: Enter keeps each one. When the organiser's schedule reaches this laptop (or you run the same command again later), they are added to the session.";
    lines.extend(wrap_after(next, width, width).into_iter().map(Line::raw));
    lines.push(Line::raw(""));
    let room = usize::from(area.height).saturating_sub(lines.len());
    let kept = &state.notes.waiting;
    for note in kept.iter().skip(kept.len().saturating_sub(room)) {
        let (kind, text) = split_line(&note.line);
        let line = format!(
            "{} {} {}",
            note.taken_at.format("%H:%M"),
            marker(kind, false),
            inert_line(text)
        );
        lines.push(Line::raw(fit(&line, width)));
    }
    for (line, y) in lines.into_iter().zip(area.y..area.bottom()) {
        line.render(Rect::new(area.x, y, area.width, 1), buf);
    }
}
