//! The export screen: what is shown and where it will be written, then the
//! write-up itself, scrolled.

pub mod wrap;

use std::path::Path;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::model::text::inert_line;
use crate::tui::screen::export::{file_name, preview};
use crate::tui::state::State;
use crate::tui::theme::Theme;

pub fn render(state: &State, area: Rect, buf: &mut Buffer, theme: Theme) {
    if area.height < 4 {
        return;
    }
    let preview = preview(state);
    let rows = usize::from(area.height - 3);
    let total = preview.lines.len();
    let offset = state.export.scroll.min(total.saturating_sub(rows));
    header(state, offset, rows, total, area, buf, theme);
    let rule = "─".repeat(usize::from(area.width));
    Line::styled(rule, theme.dim()).render(Rect::new(area.x, area.y + 2, area.width, 1), buf);
    for (i, line) in preview.lines.iter().skip(offset).take(rows).enumerate() {
        let y = area.y + 3 + i as u16;
        let style = if line.starts_with('#') {
            theme.heading()
        } else if line.starts_with('|') {
            theme.dim()
        } else {
            theme.plain()
        };
        marked(&inert_line(line), &preview.made.marks, style, theme)
            .render(Rect::new(area.x + 1, y, area.width - 1, 1), buf);
    }
}

/// A line with every probable name left for review shown in reverse video
/// and underlined, which needs no colour to be seen.
fn marked<'a>(line: &str, marks: &[String], style: Style, theme: Theme) -> Line<'a> {
    let mut spans = Vec::new();
    let mut rest = line;
    while !rest.is_empty() {
        let next = (marks.iter())
            .filter(|m| !m.is_empty())
            .filter_map(|m| rest.find(m.as_str()).map(|at| (at, m.len())))
            .min_by_key(|&(at, len)| (at, std::cmp::Reverse(len)));
        let Some((at, len)) = next else {
            spans.push(Span::styled(rest.to_string(), style));
            break;
        };
        if at > 0 {
            spans.push(Span::styled(rest[..at].to_string(), style));
        }
        let mark = theme
            .warning()
            .add_modifier(Modifier::REVERSED | Modifier::UNDERLINED);
        spans.push(Span::styled(rest[at..at + len].to_string(), mark));
        rest = &rest[at + len..];
    }
    Line::from(spans)
}

/// "Internal write-up, notes left out · lines 1–18 of 142" and where it
/// goes.
fn header(
    state: &State,
    offset: usize,
    rows: usize,
    total: usize,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    // The longest wording that fits with a gap: at 60 columns the
    // sentence and the place must not run together.
    let (notes, short_notes) = if state.export.options.with_notes {
        ("with full notes (n leaves them out)", "with notes")
    } else {
        ("notes left out (n adds them)", "no notes")
    };
    let kind = if state.export.options.public {
        "Public write-up"
    } else {
        "Internal write-up"
    };
    let last = (offset + rows).min(total);
    let long_place = format!("lines {}–{last} of {total}", offset + 1);
    let short_place = format!("{}–{last}/{total}", offset + 1);
    let width = usize::from(area.width);
    let (notes, place) = [
        (notes, &long_place),
        (notes, &short_place),
        (short_notes, &long_place),
        (short_notes, &short_place),
    ]
    .into_iter()
    .find(|(notes, place)| kind.width() + 2 + notes.width() + 2 + place.width() <= width)
    .unwrap_or((short_notes, &short_place));
    let left = format!("{kind}, {notes}");
    let pad = width.saturating_sub(left.width() + place.width()).max(1);
    Line::from(vec![
        Span::styled(kind, theme.heading()),
        Span::raw(format!(", {notes}")),
        Span::raw(" ".repeat(pad)),
        Span::styled(place.clone(), theme.dim()),
    ])
    .render(Rect::new(area.x, area.y, area.width, 1), buf);
    let target = target_path(state);
    let writes = if state.export.web_page {
        " writes it as a web page to "
    } else {
        " writes it to "
    };
    let room = width.saturating_sub(4 + writes.width());
    Line::from(vec![
        Span::styled("w", theme.key()),
        Span::raw(writes),
        Span::raw(shorten_left(&inert_line(&target), room)),
    ])
    .render(Rect::new(area.x, area.y + 1, area.width, 1), buf);
}

/// The file the write-up goes to, as the loop will name it.
fn target_path(state: &State) -> String {
    let name = file_name(state);
    if state.exports_dir.is_empty() {
        return format!("{name} in the exports folder");
    }
    Path::new(&state.exports_dir)
        .join(name)
        .display()
        .to_string()
}

/// Keeps the end of a path, which names the file: "…/exports/day.md".
fn shorten_left(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for c in text.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            break;
        }
        kept.push(c);
        used += w;
    }
    let tail: String = kept.into_iter().rev().collect();
    format!("…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_paths_keep_their_file_name() {
        assert_eq!(shorten_left("/a/b/c/day.md", 20), "/a/b/c/day.md");
        assert_eq!(shorten_left("/home/sam/exports/day.md", 12), "…orts/day.md");
    }

    #[test]
    fn marked_names_stand_out_without_colour() {
        let theme = Theme::new(false);
        let marks = ["Sarah Jones".to_string(), "Sarah".to_string()];
        let line = marked(
            "- Sarah Jones and Sarah agreed",
            &marks,
            theme.plain(),
            theme,
        );
        let texts: Vec<&str> = line.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(texts, ["- ", "Sarah Jones", " and ", "Sarah", " agreed"]);
        assert!(
            line.spans[1]
                .style
                .add_modifier
                .contains(Modifier::REVERSED)
        );
        assert!(
            !line.spans[2]
                .style
                .add_modifier
                .contains(Modifier::REVERSED)
        );
    }
}
