//! The event's details, the devices writing to its folder, and the warnings.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::model::text::fit;
use crate::model::text::inert_line;
use crate::tui::screen::event::warnings::{Warning, WarningKind};
use crate::tui::state::State;
use crate::tui::theme::Theme;
use crate::tui::view::ago;
use crate::tui::view::export::wrap::wrap;

/// Width of the word before each warning ("UNREADABLE" and a space).
const WORD_WIDTH: usize = 11;

pub fn details(state: &State, area: Rect, buf: &mut Buffer, theme: Theme, selected: bool) {
    let info = &state.event().info;
    let width = usize::from(area.width);
    let conflicted = state.event().is_conflicted(&state.event().id);
    let name = match info.name.trim() {
        "" => "Untitled event".to_string(),
        name => inert_line(name),
    };
    let mark = if conflicted { "!" } else { " " };
    let style = if selected {
        theme.selected()
    } else {
        theme.heading()
    };
    let first = Rect::new(area.x, area.y, area.width, 1.min(area.height));
    buf.set_style(first, style);
    Line::from(vec![
        Span::styled(
            fit(&format!("{mark}{name}"), width.saturating_sub(14)),
            style,
        ),
        Span::styled("   Enter edits", theme.dim()),
    ])
    .render(first, buf);
    let mut facts = vec![match info.date {
        Some(date) => date.format("%A %-d %B %Y").to_string(),
        None => "no date set".to_string(),
    }];
    facts.push(match info.venue.trim() {
        "" => "no venue set".to_string(),
        venue => inert_line(venue),
    });
    if !info.organisers.is_empty() {
        facts.push(format!(
            "organised by {}",
            inert_line(&info.organisers.join(", "))
        ));
    }
    if !info.url.trim().is_empty() {
        facts.push(format!("online at {}", inert_line(info.url.trim())));
    }
    let about = match info.description.lines().find(|l| !l.trim().is_empty()) {
        Some(line) => Line::styled(
            format!(" {}", fit(&inert_line(line.trim()), width - 1)),
            theme.dim(),
        ),
        None => Line::styled(
            " No description yet: press Enter to write one.",
            theme.dim(),
        ),
    };
    let lines = [
        Line::raw(format!(" {}", fit(&facts.join(" · "), width - 1))),
        about,
    ];
    for (i, line) in lines.into_iter().enumerate() {
        let y = area.y + 1 + i as u16;
        if y < area.y + area.height {
            line.render(Rect::new(area.x, y, area.width, 1), buf);
        }
    }
}

/// "Sam's laptop, 12 s ago" for every device with a file in the folder,
/// this one first.
fn device_texts(state: &State) -> Vec<String> {
    let me = state.replica.identity();
    let mut devices = state.devices.to_vec();
    if !devices.iter().any(|d| d.own) {
        devices.insert(
            0,
            crate::tui::state::DeviceSeen {
                label: me.label.clone(),
                own: true,
                last_change: None,
            },
        );
    }
    devices.sort_by_key(|d| !d.own);
    devices
        .iter()
        .map(|d| {
            let last = if d.own {
                d.last_change.max(state.last_saved)
            } else {
                d.last_change
            };
            let who = inert_line(&d.label);
            let this = if d.own { " (this one)" } else { "" };
            format!("{who}{this}, {}", ago(state.now, last))
        })
        .collect()
}

/// Rows the devices need at this width (at most three).
pub fn device_rows(state: &State, width: u16) -> u16 {
    let text = format!("Devices  {}", device_texts(state).join(" · "));
    (wrap(&text, usize::from(width), 9).len() as u16).clamp(1, 3)
}

pub fn devices(state: &State, area: Rect, buf: &mut Buffer, theme: Theme) {
    let text = device_texts(state).join(" · ");
    let lines = wrap(&format!("Devices  {text}"), usize::from(area.width), 9);
    for (i, line) in lines.iter().enumerate().take(usize::from(area.height)) {
        let y = area.y + i as u16;
        let rest = if i == 0 {
            Line::from(vec![
                Span::styled("Devices", theme.heading()),
                Span::raw(line.get("Devices".len()..).unwrap_or("").to_string()),
            ])
        } else {
            Line::raw(line.clone())
        };
        rest.render(Rect::new(area.x, y, area.width, 1), buf);
    }
}

pub fn warnings(
    all: &[Warning],
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
    selected: Option<usize>,
) {
    if area.height == 0 {
        return;
    }
    let top = Rect::new(area.x, area.y, area.width, 1);
    if all.is_empty() {
        Line::from(vec![
            Span::styled("✓ No warnings", theme.good()),
            Span::styled(": no clashes, conflicts or unreadable files.", theme.dim()),
        ])
        .render(top, buf);
        return;
    }
    Line::styled(format!("Warnings ({})", all.len()), theme.heading()).render(top, buf);
    let width = usize::from(area.width);
    let rows = warning_rows(all, width);
    let height = usize::from(area.height - 1);
    let skip = match selected {
        Some(s) => {
            let last = rows.iter().rposition(|(i, _)| *i == s).unwrap_or(0);
            let first = rows.iter().position(|(i, _)| *i == s).unwrap_or(0);
            (last + 1).saturating_sub(height).min(first)
        }
        None => 0,
    };
    for (n, (i, text)) in rows.iter().enumerate().skip(skip).take(height) {
        let y = area.y + 1 + (n - skip) as u16;
        let line_area = Rect::new(area.x, y, area.width, 1);
        let style = if selected == Some(*i) {
            theme.selected()
        } else if all
            .get(*i)
            .is_some_and(|w| w.kind == WarningKind::Unreadable)
        {
            theme.error()
        } else {
            theme.warning()
        };
        let pad = width.saturating_sub(text.width());
        Line::styled(format!("{text}{}", " ".repeat(pad)), style).render(line_area, buf);
    }
    more_below(rows.len().saturating_sub(skip + height), area, buf, theme);
}

/// Every warning wrapped under its word, each line with its warning.
fn warning_rows(all: &[Warning], width: usize) -> Vec<(usize, String)> {
    let mut rows: Vec<(usize, String)> = Vec::new();
    for (i, warning) in all.iter().enumerate() {
        let text = format!(
            "{:<WORD_WIDTH$}{}",
            warning.kind.word(),
            inert_line(&warning.text)
        );
        rows.extend(wrap(&text, width, WORD_WIDTH).into_iter().map(|l| (i, l)));
    }
    rows
}

/// "↓ 3 more lines (j)" in the bottom corner when warnings are cut off.
fn more_below(hidden: usize, area: Rect, buf: &mut Buffer, theme: Theme) {
    if hidden > 0 && area.height > 1 {
        let more = format!(
            " ↓ {} (j) ",
            crate::model::rules::plural(hidden, "more line")
        );
        let x = area.x + area.width.saturating_sub(more.width() as u16);
        Span::styled(more, theme.dim()).render(
            Rect::new(x, area.y + area.height - 1, area.width - (x - area.x), 1),
            buf,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_as_a_room_would_say_them() {
        let now = crate::tui::testing::now();
        let at = |s: i64| Some(now - chrono::Duration::seconds(s));
        assert_eq!(ago(now, None), "no changes yet");
        assert_eq!(ago(now, at(3)), "just now");
        assert_eq!(ago(now, at(12)), "12 s ago");
        assert_eq!(ago(now, at(150)), "2 min ago");
        assert_eq!(ago(now, at(7200)), "2 h ago");
        assert_eq!(ago(now, at(3 * 86_400)), "3 days ago");
        assert_eq!(ago(now, at(-30)), "just now", "a fast clock elsewhere");
        assert_eq!(ago(now, at(400 * 86_400)), "on 23 Oct 2025");
        assert_eq!(ago(now, at(-86_400)), "clock about 1 day ahead");
    }

    #[test]
    fn a_laptop_a_day_ahead_is_named_in_the_devices_and_the_status_line() {
        let mut state = crate::tui::testing::sample_state();
        state.devices.set(vec![crate::tui::state::DeviceSeen {
            label: "Kim's laptop".into(),
            own: false,
            last_change: Some(state.now + chrono::Duration::hours(25)),
        }]);
        assert!(
            device_texts(&state).contains(&"Kim's laptop, clock about 1 day ahead".to_string())
        );
        state.screen = crate::tui::action::Screen::Event;
        let shown = crate::tui::testing::screen(&mut state, 80, 24);
        assert!(
            shown.contains("✓ saved · Kim's laptop (clock about 1 day ahead)"),
            "{shown}"
        );
    }
}
