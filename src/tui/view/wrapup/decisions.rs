//! The last page: the projects the day agreed to take forward, the
//! event's own next steps, and which sessions still have nothing recorded.

use ratatui::text::Line;

use super::session::step_rows;
use super::{Row, paragraph};
use crate::model::text::inert_line;
use crate::tui::screen::wrapup::{Page, pages};
use crate::tui::state::State;
use crate::tui::theme::Theme;
use crate::tui::view::export::wrap::wrap;

pub fn rows(state: &State, width: usize) -> Vec<Row> {
    let theme = Theme::new(state.colour);
    let event = state.event();
    let mut rows = vec![Row::plain(Line::styled(
        format!("Decisions ({})", event.decisions.len()),
        theme.heading(),
    ))];
    if event.decisions.is_empty() {
        rows.push(Row::plain(Line::styled(
            "  None yet: a adds a project the day agreed to take forward.",
            theme.dim(),
        )));
    }
    for (n, (id, decision)) in event.decisions.iter().enumerate() {
        let mark = if event.is_conflicted(id) { "! " } else { "" };
        let mut text = format!("{}. {mark}{}", n + 1, inert_line(&decision.text));
        if let Some(lead) = &decision.lead {
            text.push_str(&format!(" — led by {}", inert_line(lead)));
        }
        let hang = format!("{}. ", n + 1).len();
        rows.extend(
            wrap(&text, width.saturating_sub(2), hang)
                .into_iter()
                .map(|l| Row {
                    item: Some(n),
                    line: Line::raw(format!("  {l}")),
                }),
        );
    }
    rows.push(Row::plain(Line::raw("")));
    let steps = event.actions_of(None);
    rows.push(Row::plain(Line::styled(
        format!("Next steps for the event ({})", steps.len()),
        theme.heading(),
    )));
    if steps.is_empty() {
        rows.push(Row::plain(Line::styled(
            "  None yet: A adds one (a follow-up workshop, a write-up to share).",
            theme.dim(),
        )));
    }
    let first = event.decisions.len();
    for (i, (id, step)) in steps.iter().enumerate() {
        rows.extend(step_rows(
            step,
            event.is_conflicted(id),
            first + i,
            width,
            theme,
        ));
    }
    rows.extend(still_empty(state, width, theme));
    rows
}

/// Sessions with nothing recorded, so none is forgotten before the end.
fn still_empty(state: &State, width: usize, theme: Theme) -> Vec<Row> {
    let event = state.event();
    let empty: Vec<String> = pages(event)
        .iter()
        .filter_map(|page| match page {
            Page::Session(id) => event.sessions.get(id).map(|s| (id, s)),
            _ => None,
        })
        .filter(|(id, s)| {
            s.summary.trim().is_empty()
                && s.outcome.trim().is_empty()
                && event.actions_of(Some(id)).is_empty()
        })
        .map(|(_, s)| format!("\"{}\"", event.session_title(s)))
        .collect();
    if empty.is_empty() {
        return Vec::new();
    }
    let text = format!(
        "? Nothing recorded yet for {}: {}.",
        crate::model::rules::plural(empty.len(), "session"),
        crate::model::rules::and_list(&empty)
    );
    let mut rows = vec![Row::plain(Line::raw(""))];
    rows.extend(paragraph(&text, width, 0, theme.warning(), None));
    rows
}
