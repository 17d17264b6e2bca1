//! One session's page: what is missing first (so the facilitator asks),
//! then summary, outcome and next steps, who was there, and the notes to
//! jog the group's memory. Private notes never reach the projector.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::{Row, paragraph};
use crate::model::text::inert_line;
use crate::model::{Action as Step, ActionStatus, Event, Id, Session};
use crate::tui::state::State;
use crate::tui::theme::Theme;
use crate::tui::view::export::wrap::wrap;

pub fn rows(state: &State, id: &Id, width: usize) -> Vec<Row> {
    let theme = Theme::new(state.colour);
    let event = state.event();
    let Some(session) = event.sessions.get(id) else {
        return Vec::new();
    };
    let steps = event.actions_of(Some(id));
    let decisions = event.decisions_of(Some(id));
    let mut rows = Vec::new();
    let nothing = session.summary.trim().is_empty()
        && session.outcome.trim().is_empty()
        && steps.is_empty()
        && decisions.is_empty();
    if nothing {
        rows.push(Row::plain(Line::styled(
            "? Nothing recorded yet — ask the group",
            theme.warning().add_modifier(Modifier::BOLD),
        )));
        rows.push(Row::plain(Line::styled(
            "  s summary · o outcome · a next step, typed as they speak",
            theme.dim(),
        )));
        rows.push(Row::plain(Line::raw("")));
    }
    text_section(&mut rows, "Summary", &session.summary, 's', width, theme);
    text_section(&mut rows, "Outcome", &session.outcome, 'o', width, theme);
    rows.push(Row::plain(Line::styled(
        format!("Next steps ({})", steps.len()),
        theme.heading(),
    )));
    if steps.is_empty() {
        rows.push(missing("none yet: a adds one", theme));
    }
    for (i, (step_id, step)) in steps.iter().enumerate() {
        let conflicted = event.is_conflicted(step_id);
        rows.extend(step_rows(step, conflicted, i, width, theme));
    }
    if !decisions.is_empty() {
        rows.push(Row::plain(Line::raw("")));
        rows.push(Row::plain(Line::styled(
            format!("Decisions ({})", decisions.len()),
            theme.heading(),
        )));
    }
    for (i, (decision_id, decision)) in decisions.iter().enumerate() {
        let mark = if event.is_conflicted(decision_id) {
            "! "
        } else {
            ""
        };
        let mut text = format!("= {mark}{}", inert_line(&decision.text));
        if let Some(lead) = &decision.lead {
            text.push_str(&format!(" — led by {}", inert_line(lead)));
        }
        rows.extend(
            wrap(&text, width.saturating_sub(2), 2)
                .into_iter()
                .map(|l| Row {
                    item: Some(steps.len() + i),
                    line: Line::raw(format!("  {l}")),
                }),
        );
    }
    rows.push(Row::plain(Line::raw("")));
    rows.extend(paragraph(
        &facts(event, id, session),
        width,
        0,
        theme.dim(),
        None,
    ));
    rows.extend(notes(event, id, width, theme));
    rows
}

fn text_section(
    rows: &mut Vec<Row>,
    label: &str,
    text: &str,
    key: char,
    width: usize,
    theme: Theme,
) {
    rows.push(Row::plain(Line::styled(label.to_string(), theme.heading())));
    if text.trim().is_empty() {
        rows.push(missing(
            &format!("not recorded yet: {key} writes it"),
            theme,
        ));
    } else {
        rows.extend(paragraph(text, width, 2, theme.plain(), None));
    }
    rows.push(Row::plain(Line::raw("")));
}

fn missing(text: &str, theme: Theme) -> Row {
    Row::plain(Line::styled(format!("  {text}"), theme.dim()))
}

/// "[ ] Pilot with two councils — Asha, due 4 Dec": the box says done or
/// not without colour; "!" before it marks conflicting versions.
pub fn step_rows(
    step: &Step,
    conflicted: bool,
    item: usize,
    width: usize,
    theme: Theme,
) -> Vec<Row> {
    let done = step.status == ActionStatus::Done;
    let mut text = format!(
        "{}{} {}",
        if conflicted { "! " } else { "" },
        if done { "[x]" } else { "[ ]" },
        inert_line(&step.text)
    );
    let mut who: Vec<String> = step.owner.iter().map(|o| inert_line(o)).collect();
    if let Some(due) = step.due {
        who.push(format!("due {}", due.format("%-d %b")));
    }
    if !who.is_empty() {
        text.push_str(&format!(" — {}", who.join(", ")));
    }
    if done {
        text.push_str(" (done)");
    }
    let style = if done { theme.dim() } else { theme.plain() };
    wrap(&text, width.saturating_sub(2), 4)
        .into_iter()
        .map(|l| Row {
            item: Some(item),
            line: Line::styled(format!("  {l}"), style),
        })
        .collect()
}

/// Who pitched, who took notes, how many came, how much was written.
fn facts(event: &Event, id: &Id, session: &Session) -> String {
    let mut facts = Vec::new();
    let people: Vec<&str> = event
        .session_pitchers(session)
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    if !people.is_empty() {
        facts.push(format!("Pitched by {}", people.join(", ")));
    }
    if let Some(taker) = &session.note_taker {
        facts.push(format!("notes by {taker}"));
    }
    if let Some(n) = session.attendees {
        facts.push(format!("{n} attended"));
    }
    facts.push(crate::model::rules::plural(event.note_count(id), "note"));
    if session.chatham_house {
        facts.push("Chatham House Rule".to_string());
    }
    if let Some(first) = event.repeat_of(id) {
        facts.push(format!(
            "repeats the session in {}",
            repeat_place(event, first)
        ));
    }
    facts.join(" · ")
}

fn repeat_place(event: &Event, first: &Id) -> String {
    event
        .sessions
        .get(first)
        .and_then(|s| event.slots.get(&s.slot))
        .map_or_else(
            || "an earlier slot".to_string(),
            crate::model::rules::slot_name,
        )
}

/// The session's shared notes, oldest first, with their time and kind.
fn notes(event: &Event, id: &Id, width: usize, theme: Theme) -> Vec<Row> {
    let shared: Vec<_> = event.notes_of(id).filter(|(_, n)| !n.private).collect();
    if shared.is_empty() {
        return Vec::new();
    }
    let mut rows = vec![
        Row::plain(Line::raw("")),
        Row::plain(Line::styled(
            "From the notes",
            theme.dim().add_modifier(Modifier::BOLD),
        )),
    ];
    for (_, note) in shared {
        let head = format!(
            "  {} {:<8} ",
            note.taken_at.format("%H:%M"),
            note.kind.word()
        );
        let text = format!("{head}{}", inert_line(&note.text));
        for (i, line) in wrap(&text, width, head.len()).into_iter().enumerate() {
            let line = match line.strip_prefix(&head) {
                Some(rest) if i == 0 => Line::from(vec![
                    Span::styled(head.clone(), theme.dim()),
                    Span::styled(rest.to_string(), Style::default()),
                ]),
                _ => Line::raw(line),
            };
            rows.push(Row::plain(line));
        }
    }
    rows
}
