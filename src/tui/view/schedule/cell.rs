//! The text of the grid: room headings, slot labels, and each cell's
//! session (marks, title, interest, who pitched it, who takes notes), or
//! the proposed session, or what kind of slot an empty cell is in.

use std::collections::BTreeMap;

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::model::autoschedule::Placement;
use crate::model::rules::{Clash, plural, slot_name};
use crate::model::text::inert_line;
use crate::model::{Event, Id, Session, SlotKind};
use crate::tui::screen::schedule::{CellPos, Cells, Pending};
use crate::tui::state::State;
use crate::tui::theme::Theme;
use crate::tui::widget::grid::{GridContent, fit, wrap};

pub struct GridText<'a> {
    state: &'a State,
    event: &'a Event,
    cells: &'a Cells<'a>,
    /// Clash symbols of each session, in the order the clashes were found.
    marks: BTreeMap<&'a Id, Vec<char>>,
    theme: Theme,
}

impl<'a> GridText<'a> {
    pub fn new(state: &'a State, cells: &'a Cells<'a>, found: &'a [Clash], theme: Theme) -> Self {
        let mut marks: BTreeMap<&Id, Vec<char>> = BTreeMap::new();
        for clash in found {
            for session in clash.sessions() {
                let symbols = marks.entry(session).or_default();
                if !symbols.contains(&clash.symbol()) {
                    symbols.push(clash.symbol());
                }
            }
        }
        GridText {
            state,
            event: state.event(),
            cells,
            marks,
            theme,
        }
    }

    fn proposed(&self, pos: CellPos) -> Option<&'a Placement> {
        let (slot, room) = self.cells.ids(pos)?;
        self.state.schedule.preview.as_ref()?.at(slot, room)
    }

    /// The marks in front of a session's title: picked up to move, its
    /// clashes, and `~` when it was changed on two devices at once.
    fn marks_of(&self, id: &Id) -> Vec<Span<'static>> {
        let mut spans = Vec::new();
        let moving = matches!(&self.state.schedule.pending,
            Some(Pending::Move { session, .. } | Pending::Repeat(session)) if session == id);
        if moving {
            spans.push(Span::styled("»", self.theme.key()));
        }
        if let Some(symbols) = self.marks.get(id) {
            spans.push(Span::styled(
                symbols.iter().collect::<String>(),
                self.theme.error(),
            ));
        }
        if self.event.is_conflicted(id) {
            spans.push(Span::styled("~", self.theme.warning()));
        }
        if !spans.is_empty() {
            spans.push(Span::raw(" "));
        }
        spans
    }

    fn people(&self, session: &Session) -> String {
        let names: Vec<&str> = self
            .event
            .session_pitchers(session)
            .into_iter()
            .map(|p| p.name.as_str())
            .collect();
        inert_line(&names.join(", "))
    }

    /// "14 interested · repeat · Asha Patel".
    fn about(&self, id: Option<&Id>, session: &Session) -> String {
        let mut parts = Vec::new();
        // No show of hands yet is not worth a line in a crowded cell.
        let interest = self.event.session_interest(session);
        if interest > 0 {
            parts.push(format!("{interest} interested"));
        }
        if id.is_some_and(|id| self.event.repeat_of(id).is_some()) {
            parts.push("repeat".into());
        }
        let people = self.people(session);
        if !people.is_empty() {
            parts.push(people);
        }
        parts.join(" · ")
    }

    fn note_line(&self, id: &Id, session: &Session) -> Option<String> {
        let notes = self.event.note_count(id);
        let taker = session.note_taker.as_deref().map(inert_line);
        match (taker, notes) {
            (Some(who), 0) => Some(format!("notes: {who}")),
            (Some(who), n) => Some(format!("notes: {who} ({n})")),
            (None, 0) => None,
            (None, n) => Some(plural(n, "note")),
        }
    }

    /// A cell with a session, or several (a double booking).
    fn session_cell(&self, ids: &[Id], width: usize, height: u16) -> Vec<Line<'static>> {
        let Some((id, session)) = ids
            .first()
            .and_then(|id| Some((id, self.event.sessions.get(id)?)))
        else {
            return Vec::new();
        };
        let marks = self.marks_of(id);
        let title = inert_line(self.event.session_title(session));
        if height == 1 {
            let interest = self.event.session_interest(session);
            return vec![one_line(marks, &title, interest, width)];
        }
        let mut info = Vec::new();
        if ids.len() > 1 {
            let more = format!("+{} more in this cell", ids.len() - 1);
            info.push(Line::styled(fit(&more, width), self.theme.error()));
        } else {
            let about = self.about(Some(id), session);
            if !about.is_empty() {
                info.push(Line::raw(fit(&about, width)));
            }
        }
        if let Some(notes) = self.note_line(id, session) {
            info.push(Line::styled(fit(&notes, width), self.theme.dim()));
        }
        titled(marks, &title, info, width, height, Style::default())
    }

    /// A session auto-schedule proposes, marked NEW in words and colour.
    fn proposed_cell(
        &self,
        placement: &Placement,
        width: usize,
        height: u16,
    ) -> Vec<Line<'static>> {
        let style = self.theme.good();
        let marks = vec![Span::styled("NEW ", style.add_modifier(Modifier::BOLD))];
        let session = &placement.session;
        let title = inert_line(self.event.session_title(session));
        if height == 1 {
            let interest = self.event.session_interest(session);
            return vec![one_line(marks, &title, interest, width).style(style)];
        }
        let about = self.about(None, session);
        let info = if about.is_empty() {
            Vec::new()
        } else {
            vec![Line::styled(fit(&about, width), style)]
        };
        titled(marks, &title, info, width, height, style)
    }

    /// One line about the cell under the cursor, for under the grid.
    pub fn describe_cursor(&self) -> String {
        let pos = self.state.schedule.cursor;
        let (Some(slot), Some(room)) = (self.cells.slot(pos), self.cells.room(pos)) else {
            return String::new();
        };
        let mut place = format!("{} · {}", slot_name(slot), inert_line(&room.name));
        if let Some(capacity) = room.capacity {
            place.push_str(&format!(" ({capacity} seats)"));
        }
        let ids = self.cells.sessions(pos);
        if let Some((id, session)) = ids
            .first()
            .and_then(|id| Some((id, self.event.sessions.get(id)?)))
        {
            let title = inert_line(self.event.session_title(session));
            let mut text = format!("{place}: \"{title}\"");
            let about = self.about(Some(id), session);
            let notes = self.note_line(id, session);
            for part in std::iter::once(about)
                .chain(notes)
                .filter(|p| !p.is_empty())
            {
                text.push_str(&format!(" · {part}"));
            }
            return text;
        }
        if let Some(placement) = self.proposed(pos) {
            let title = inert_line(self.event.session_title(&placement.session));
            let about = self.about(None, &placement.session);
            let tail = if about.is_empty() {
                String::new()
            } else {
                format!(" · {about}")
            };
            return format!("{place}: NEW \"{title}\" (proposed){tail}");
        }
        match slot.kind {
            SlotKind::Break => format!("{place}: a break, no sessions"),
            SlotKind::Plenary => format!("{place}: plenary, free"),
            SlotKind::Breakout => format!("{place}: free"),
        }
    }
}

fn span_width(spans: &[Span]) -> usize {
    spans.iter().map(|s| s.content.width()).sum()
}

/// "» Open standards for pl… 14": marks, the title cut to leave the
/// interest at the right edge of a one-line cell (none when nobody has
/// shown interest yet).
fn one_line(
    mut marks: Vec<Span<'static>>,
    title: &str,
    number: u32,
    width: usize,
) -> Line<'static> {
    let number = if number > 0 {
        format!(" {number}")
    } else {
        String::new()
    };
    let room = width.saturating_sub(span_width(&marks) + number.len());
    let title = fit(title, room);
    let pad = room.saturating_sub(title.width());
    marks.extend([
        Span::raw(title),
        Span::raw(" ".repeat(pad)),
        Span::raw(number),
    ]);
    Line::from(marks)
}

/// A cell of `height` lines: the marks and the title, wrapped over up to
/// three lines where the information lines below leave room (titles are
/// what the room reads from the projector).
fn titled(
    mut marks: Vec<Span<'static>>,
    title: &str,
    info: Vec<Line<'static>>,
    width: usize,
    height: u16,
    style: Style,
) -> Vec<Line<'static>> {
    let title_lines = usize::from(height).saturating_sub(info.len()).clamp(1, 3);
    let first = width.saturating_sub(span_width(&marks));
    let mut wrapped = wrap(title, first, width, title_lines).into_iter();
    marks.push(Span::styled(wrapped.next().unwrap_or_default(), style));
    let mut lines = vec![Line::from(marks)];
    lines.extend(wrapped.map(|l| Line::styled(l, style)));
    lines.extend(info);
    lines.truncate(usize::from(height));
    lines
}

impl GridContent for GridText<'_> {
    fn col_label(&self, col: usize, width: u16) -> Line<'static> {
        let Some((_, room)) = self.cells.rooms.get(col) else {
            return Line::default();
        };
        let width = usize::from(width);
        let name = |room: &crate::model::Room| inert_line(room.name.trim());
        // "(60 seats)" only when every heading has room for it, so that the
        // headings read alike.
        let seats = self.cells.rooms.iter().all(|(_, r)| {
            r.capacity
                .is_none_or(|c| name(r).width() + 9 + c.to_string().len() <= width)
        });
        let capacity = match room.capacity {
            Some(c) if seats => format!(" ({c} seats)"),
            Some(c) => format!(" ({c})"),
            None => String::new(),
        };
        let text = format!(
            "{}{capacity}",
            fit(&name(room), width.saturating_sub(capacity.len()))
        );
        Line::styled(text, self.theme.heading())
    }

    /// One line: "10:30 Morning…". Taller: the times, then the label
    /// wrapped, then "plenary" or "break" in words.
    fn row_label(&self, row: usize, width: u16, height: u16) -> Vec<Line<'static>> {
        let Some((_, slot)) = self.cells.slots.get(row) else {
            return Vec::new();
        };
        let width = usize::from(width);
        let label = inert_line(slot.label.trim());
        let start = slot.start.format("%H:%M");
        let style = match slot.kind {
            SlotKind::Break => self.theme.dim(),
            _ => Style::default(),
        };
        if height == 1 {
            return vec![Line::styled(fit(&format!("{start} {label}"), width), style)];
        }
        let times = format!("{start}–{}", slot.end.format("%H:%M"));
        let mut lines = vec![Line::styled(fit(&times, width), style)];
        let rest = usize::from(height) - 1;
        let kind = (slot.kind != SlotKind::Breakout).then(|| slot.kind.word());
        let (label, kind_line) = match kind {
            Some(kind) if rest >= 2 => (label, Some(kind)),
            Some(kind) => (format!("{label} ({kind})"), None),
            None => (label, None),
        };
        let label_lines = rest - usize::from(kind_line.is_some());
        let dim = self.theme.dim();
        lines.extend(
            wrap(&label, width, width, label_lines)
                .into_iter()
                .map(Line::raw),
        );
        lines.extend(kind_line.map(|k| Line::styled(k, dim)));
        lines
    }

    fn cell(&self, row: usize, col: usize, width: u16, height: u16) -> Vec<Line<'static>> {
        let pos = CellPos {
            slot: row,
            room: col,
        };
        let width = usize::from(width);
        let ids = self.cells.sessions(pos);
        if !ids.is_empty() {
            return self.session_cell(ids, width, height);
        }
        if let Some(placement) = self.proposed(pos) {
            return self.proposed_cell(placement, width, height);
        }
        match self.cells.slot(pos).map(|s| s.kind) {
            Some(SlotKind::Break) => vec![Line::styled(fit("break", width), self.theme.dim())],
            Some(SlotKind::Plenary) => vec![Line::styled(fit("plenary", width), self.theme.dim())],
            _ => Vec::new(),
        }
    }
}
