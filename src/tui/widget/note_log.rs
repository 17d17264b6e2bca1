//! A session's notes as a log: time, kind, author when not me, text,
//! newest at the bottom.
//!
//! Only the notes that fit are ever looked at: the window is found by
//! walking the session's ordered notes from the newest (or from the
//! selection) and stopping when the area is full, so drawing costs the
//! same for ten notes as for ten thousand.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::model::text::{inert_line, wrap_after};
use crate::model::{Event, Id, Note, NoteKind};
use crate::tui::theme::Theme;

/// Log widths from which the kind's word follows its symbol (the log at
/// 80 columns, beside the session list, is one of them).
pub const WIDE: u16 = 50;

/// One note on screen: where it sits in the session (0 is the newest),
/// its first visible row in the area, and its visible lines.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    pub pos: usize,
    pub id: Id,
    pub y: u16,
    pub lines: Vec<Line<'static>>,
}

/// What the log shows, and how many notes lie beyond it either way.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Window {
    /// Oldest first, top to bottom.
    pub placed: Vec<Placed>,
    pub older: usize,
    pub newer: usize,
}

/// Which notes to show.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    pub session: &'a Id,
    /// The name on notes not worth repeating: this device's author.
    pub me: &'a str,
    /// The newest note to show (0 is the newest of all).
    pub bottom: usize,
    /// The selected note, kept in view.
    pub selected: Option<usize>,
    /// Notes marked to move to another session.
    pub marked: &'a [Id],
}

/// The notes that fit in `area`, with their lines laid out.
pub fn window(event: &Event, request: Request, area: Rect, theme: Theme) -> Window {
    let count = event.note_count(request.session);
    let height = usize::from(area.height);
    if count == 0 || height == 0 || area.width == 0 {
        return Window::default();
    }
    let format = |id: &Id, note: &Note| {
        let conflicted = event.is_conflicted(id);
        let marked = request.marked.contains(id);
        entry_lines(note, request.me, (conflicted, marked), area.width, theme)
    };
    let selected = request.selected.map(|s| s.min(count - 1));
    let mut bottom = request.bottom.min(count - 1);
    if let Some(sel) = selected {
        bottom = bottom.min(sel);
    }
    let mut placed = Vec::new();
    let mut used = 0;
    // Newest first, until the area is full; the last one may be cut at the top.
    for (pos, (id, note)) in event
        .notes_of(request.session)
        .rev()
        .enumerate()
        .skip(bottom)
    {
        let mut lines = format(id, note);
        let spare = height - used;
        if lines.len() > spare {
            lines.drain(..lines.len() - spare);
        }
        used += lines.len();
        placed.push((pos, id.clone(), lines));
        if used >= height {
            break;
        }
    }
    if let Some(sel) = selected
        && placed.last().is_some_and(|(pos, _, _)| *pos < sel)
    {
        placed = from_top(event, request.session, sel, height, format);
    }
    placed.reverse();
    finish(placed, count)
}

/// The selected note at the top, then newer ones below it until full.
fn from_top(
    event: &Event,
    session: &Id,
    sel: usize,
    height: usize,
    format: impl Fn(&Id, &Note) -> Vec<Line<'static>>,
) -> Vec<(usize, Id, Vec<Line<'static>>)> {
    let newest = sel.saturating_sub(height.saturating_sub(1));
    let candidates: Vec<(usize, (&Id, &Note))> = event
        .notes_of(session)
        .rev()
        .enumerate()
        .skip(newest)
        .take(sel - newest + 1)
        .collect();
    let mut placed = Vec::new();
    let mut used = 0;
    for (pos, (id, note)) in candidates.into_iter().rev() {
        let mut lines = format(id, note);
        lines.truncate(height - used);
        used += lines.len();
        placed.push((pos, id.clone(), lines));
        if used >= height {
            break;
        }
    }
    placed.reverse();
    placed
}

fn finish(oldest_first: Vec<(usize, Id, Vec<Line<'static>>)>, count: usize) -> Window {
    let older = oldest_first
        .first()
        .map_or(0, |(pos, _, _)| count - 1 - pos);
    let newer = oldest_first.last().map_or(0, |(pos, _, _)| *pos);
    let mut y = 0u16;
    let placed = oldest_first
        .into_iter()
        .map(|(pos, id, lines)| {
            let top = y;
            y = y.saturating_add(u16::try_from(lines.len()).unwrap_or(u16::MAX));
            Placed {
                pos,
                id,
                y: top,
                lines,
            }
        })
        .collect();
    Window {
        placed,
        older,
        newer,
    }
}

/// The kind as shown in the log, the same for the facilitator and the
/// note-taker: its prefix symbol (the one typed to make it), followed by
/// its word where the log is wide enough.
pub fn marker(kind: NoteKind, wide: bool) -> String {
    let symbol = kind.prefix().unwrap_or('·');
    if wide {
        format!("{symbol} {:<8}", kind.word())
    } else {
        symbol.to_string()
    }
}

/// One note's lines: "10:52 ? Tom: [private] text", wrapped under the text.
pub fn entry_lines(
    note: &Note,
    me: &str,
    (conflicted, marked): (bool, bool),
    width: u16,
    theme: Theme,
) -> Vec<Line<'static>> {
    let wide = width >= WIDE;
    let head = format!(
        "{} {} ",
        note.taken_at.format("%H:%M"),
        marker(note.kind, wide)
    );
    let indent = head.width();
    let mut tags: Vec<Span<'static>> = Vec::new();
    if conflicted {
        tags.push(Span::styled("! conflict ", theme.error()));
    }
    if marked {
        tags.push(Span::styled("[marked] ", theme.key()));
    }
    if note.private {
        tags.push(Span::styled("[private] ", theme.warning()));
    }
    if !note.author.trim().is_empty() && !note.author.trim().eq_ignore_ascii_case(me.trim()) {
        tags.push(Span::styled(
            format!("{}: ", inert_line(note.author.trim())),
            theme.heading(),
        ));
    }
    let tag_width: usize = tags.iter().map(Span::width).sum();
    let room = usize::from(width).saturating_sub(indent).max(1);
    let text = inert_line(&note.text);
    let mut rows = wrap_after(&text, room.saturating_sub(tag_width).max(1), room).into_iter();
    let first = rows.next().unwrap_or_default();
    let time = note.taken_at.format("%H:%M").to_string();
    let mut spans = vec![
        Span::styled(time, theme.dim()),
        Span::raw(" "),
        Span::styled(marker(note.kind, wide), theme.key()),
        Span::raw(" "),
    ];
    spans.extend(tags);
    spans.push(Span::raw(first));
    let mut lines = vec![Line::from(spans)];
    let pad = " ".repeat(indent);
    lines.extend(rows.map(|row| Line::raw(format!("{pad}{row}"))));
    lines
}

/// Draws a [`Window`], the selected note reversed.
pub struct NoteLog<'a> {
    pub window: &'a Window,
    pub selected: Option<usize>,
    pub theme: Theme,
}

impl Widget for NoteLog<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        for placed in &self.window.placed {
            let style = if Some(placed.pos) == self.selected {
                self.theme.selected()
            } else {
                Style::default()
            };
            for (i, line) in placed.lines.iter().enumerate() {
                let Ok(offset) = u16::try_from(i) else { break };
                let y = placed.y.saturating_add(offset);
                if y >= area.height {
                    return;
                }
                let row = Rect::new(area.x, area.y + y, area.width, 1);
                buf.set_style(row, style);
                line.clone().patch_style(style).render(row, buf);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_show_their_prefix_or_their_word() {
        assert_eq!(marker(NoteKind::Question, false), "?");
        assert_eq!(marker(NoteKind::Point, false), "·");
        assert_eq!(marker(NoteKind::Decision, true), "= decision");
        assert_eq!(marker(NoteKind::Point, true), "· point   ");
    }
}
