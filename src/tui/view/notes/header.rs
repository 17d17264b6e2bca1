//! The chosen session's header: title and countdown, where and who, the
//! details, and in note-taker mode the other devices seen. Below it, a
//! rule with the note count and what lies beyond the visible log.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::model::rules::{count_word, plural, quoted, slot_name_of};
use crate::model::text::fit;
use crate::model::text::inert_line;
use crate::model::{Event, Id, Session};
use crate::tui::screen::notes::{arrived, session_id};
use crate::tui::state::State;
use crate::tui::theme::Theme;
use crate::tui::view::kept::{Kept, NotesHeaderKey};
use crate::tui::widget::countdown::countdown;
use crate::tui::widget::note_log::Window;

pub fn height(state: &State) -> u16 {
    if state.note_taker.is_some() { 4 } else { 3 }
}

fn row(area: Rect, n: u16) -> Rect {
    Rect::new(area.x, area.y + n, area.width, 1).intersection(area)
}

type Found<'a> = Option<(&'a Id, &'a Session)>;

/// The header as [`render`] draws it, kept from frame to frame while what
/// it shows holds (see [`crate::tui::view::kept`]): a typed key draws only
/// the capture line.
pub fn kept(state: &State, kept: &mut Kept, area: Rect, buf: &mut Buffer, theme: Theme) {
    let event = state.event();
    let session = session_id(state);
    let found = session.and_then(|id| event.sessions.get(id));
    let note_taker = state.note_taker.is_some();
    let slot = state.note_taker.as_ref().and(found.map(|s| &s.slot));
    let countdown = countdown(event, state.now, slot);
    let missing = state
        .notes
        .schedule_missing
        .as_ref()
        .map(|missing| (missing.query.clone(), arrived(state).is_some()));
    let offset = state.now.offset().local_minus_utc();
    let stamp = event.stamp();
    let same = |shown: &NotesHeaderKey| {
        shown.stamp == stamp
            && shown.session.as_ref() == session
            && shown.note_taker == note_taker
            && shown.missing == missing
            && shown.countdown == countdown
            && shown.offset == offset
            && shown.theme == theme
            // Only note-taker mode names the devices.
            && (!note_taker || shown.devices == state.devices.stamp())
    };
    let key = || NotesHeaderKey {
        stamp,
        session: session.cloned(),
        note_taker,
        missing: missing.clone(),
        countdown: countdown.clone(),
        offset,
        devices: if note_taker { state.devices.stamp() } else { 0 },
        theme,
    };
    kept.notes_header
        .draw_unless_same(same, key, area, &[], buf, |buf| {
            render(state, area, buf, theme)
        });
}

pub fn render(state: &State, area: Rect, buf: &mut Buffer, theme: Theme) {
    let event = state.event();
    let found = session_id(state).and_then(|id| event.sessions.get_key_value(id));
    let width = usize::from(area.width);
    title_line(state, found, width, theme).render(row(area, 0), buf);
    for (n, line) in (1..).zip(body(state, found, width, theme)) {
        line.render(row(area, n), buf);
    }
    if state.note_taker.is_some() {
        Line::styled(devices(state, width), theme.dim()).render(row(area, 3), buf);
    }
}

/// The title, and the countdown at the right. The note-taker's countdown
/// is their own slot's, which can run over; the list's is the day's.
fn title_line(state: &State, found: Found, width: usize, theme: Theme) -> Line<'static> {
    let event = state.event();
    let slot = state.note_taker.as_ref().and(found.map(|(_, s)| &s.slot));
    let clock = countdown(event, state.now, slot);
    let clock_text = clock.text();
    let clock_style = if clock.urgent() {
        theme.warning()
    } else {
        theme.plain()
    };
    let title = match (found, &state.notes.schedule_missing) {
        (_, Some(_)) => "Waiting for the organiser's schedule".to_string(),
        (Some((_, session)), None) => title(event, session),
        (None, None) => "No sessions yet".to_string(),
    };
    let room = width.saturating_sub(clock_text.width() + 2);
    let title = fit(&title, room);
    let pad = width.saturating_sub(title.width() + clock_text.width());
    Line::from(vec![
        Span::styled(title, theme.heading()),
        Span::raw(" ".repeat(pad)),
        Span::styled(clock_text, clock_style),
    ])
}

fn body(state: &State, found: Found, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let line = |text: &str, style| Line::styled(fit(text, width), style);
    match (found, &state.notes.schedule_missing) {
        (_, Some(_)) if arrived(state).is_some() => vec![line(
            "The schedule has arrived: the next key moves your notes into the session.",
            theme.good(),
        )],
        (_, Some(missing)) => vec![
            line(
                &format!(
                    "{} is not in this copy of the event yet",
                    quoted(&missing.query)
                ),
                theme.warning(),
            ),
            line(
                "Notes are kept on this laptop, with their times, until it arrives.",
                theme.plain(),
            ),
        ],
        (Some((id, session)), None) => vec![
            line(&where_and_who(state.event(), id, session), theme.plain()),
            line(&details(session), theme.plain()),
        ],
        (None, None) => vec![line(
            "Place pitches on 3 Schedule; their sessions appear here.",
            theme.dim(),
        )],
    }
}

fn title(event: &Event, session: &Session) -> String {
    let mut title = inert_line(event.session_title(session));
    let merged = session.pitches.len().saturating_sub(1);
    if merged > 0 {
        title.push_str(&format!(" (+{} merged)", merged));
    }
    title
}

/// "Round 1 (10:00) · Main hall · by Asha Patel · repeat of Round 1 (10:00)".
fn where_and_who(event: &Event, id: &Id, session: &Session) -> String {
    let mut parts = vec![slot_name_of(event, &session.slot)];
    if let Some(room) = event.rooms.get(&session.room) {
        parts.push(inert_line(&room.name));
    }
    let people: Vec<String> = event
        .session_pitchers(session)
        .into_iter()
        .map(|p| inert_line(&p.name))
        .collect();
    if !people.is_empty() {
        parts.push(format!("by {}", people.join(", ")));
    }
    if let Some(first) = event.repeat_of(id).and_then(|r| event.sessions.get(r)) {
        parts.push(format!("repeat of {}", slot_name_of(event, &first.slot)));
    }
    if event.is_conflicted(id) {
        // First, so that a narrow header never cuts it off.
        parts.insert(0, "! conflicting versions (v)".to_string());
    }
    parts.join(" · ")
}

/// "note-taker: Sam · attendees: 12 · Chatham House: off".
fn details(session: &Session) -> String {
    let name = |n: &Option<String>| n.as_deref().map_or_else(|| "–".to_string(), inert_line);
    let mut parts = vec![
        format!("note-taker: {}", name(&session.note_taker)),
        format!(
            "attendees: {}",
            session
                .attendees
                .map_or_else(|| "–".to_string(), |n| n.to_string())
        ),
        format!(
            "Chatham House: {}",
            if session.chatham_house { "on" } else { "off" }
        ),
    ];
    if session.facilitator.is_some() {
        parts.push(format!("facilitator: {}", name(&session.facilitator)));
    }
    parts.join(" · ")
}

/// Which other devices' files are in the folder, so a note-taker can tell
/// whether the organiser's schedule (and others' notes) can have arrived;
/// cut to `width` columns. Only the devices that fit are named: with
/// dozens of devices, naming them all for every frame cost the keystroke.
fn devices(state: &State, width: usize) -> String {
    let mut others = state.devices.iter().filter(|d| !d.own).peekable();
    if others.peek().is_none() {
        return fit("devices seen: only this laptop so far", width);
    }
    let mut text = "devices seen: ".to_string();
    for (n, device) in others.enumerate() {
        if n > 0 {
            text.push_str(", ");
        }
        text.push_str(&inert_line(&device.label));
        if let Some(at) = device.last_change {
            let local = at.with_timezone(state.now.offset());
            text.push_str(&format!(" ({})", local.format("%H:%M")));
        }
        // Past the width, the rest would be cut off anyway (`fit` keeps
        // only the first `width - 1` columns of a longer text).
        if text.width() > width {
            break;
        }
    }
    fit(&text, width)
}

/// "── 42 notes · ↑ 30 earlier ──── summary ✓ · outcome – · 2 next steps ─".
pub fn rule(
    state: &State,
    window: Option<&Window>,
    with_writeup: bool,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    let mut left = if state.notes.schedule_missing.is_some() {
        format!(
            "── {} kept on this laptop ",
            plural(state.notes.waiting.len(), "note")
        )
    } else {
        let count = session_id(state).map_or(0, |id| state.event().note_count(id));
        format!("── {} ", plural(count, "note"))
    };
    if let Some(window) = window {
        if window.older > 0 {
            left.push_str(&format!("· ↑ {} earlier ", window.older));
        }
        if window.newer > 0 {
            left.push_str(&format!("· ↓ {} newer (End) ", window.newer));
        }
    }
    let right = match session_id(state).and_then(|id| state.event().sessions.get(id)) {
        Some(session) if with_writeup => {
            let steps = state.event().actions_of(session_id(state)).len();
            let mark = |text: &str| if text.trim().is_empty() { "–" } else { "✓" };
            format!(
                " summary {} · outcome {} · {} next step{} ─",
                mark(&session.summary),
                mark(&session.outcome),
                count_word(steps),
                if steps == 1 { "" } else { "s" }
            )
        }
        _ => "─".to_string(),
    };
    let width = usize::from(area.width);
    // The write-up marks go first when the line is short; the count stays.
    let right = if left.width() + right.width() < width {
        right
    } else {
        String::new()
    };
    let fill = width.saturating_sub(left.width() + right.width());
    let line = format!("{left}{}{right}", "─".repeat(fill));
    Line::styled(fit(&line, width), theme.dim()).render(area, buf);
}
