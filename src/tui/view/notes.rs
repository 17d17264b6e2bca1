//! The Notes screen: sessions by slot on the left; on the right the chosen
//! session's header (with the slot countdown), its notes log and the
//! capture line; on wide terminals the write-up beside the log. Note-taker
//! mode drops the list.
//!
//! The layout is a pure function of the state, so that mouse clicks are
//! mapped with exactly the geometry that was drawn.

mod header;
mod list;
mod panel;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::model::text::inert_line;
use crate::model::{Id, NoteKind};
use crate::tui::screen::notes::{Focus, kind_shown, session_id};
use crate::tui::state::State;
use crate::tui::theme::Theme;
use crate::tui::view::kept::{CaptureLabelKey, Kept, NoteLogKey, NotesRuleKey, Part, WriteUpKey};
use crate::tui::widget::note_log::{self, NoteLog, Request, Window};

/// Right-hand widths from which the write-up sits beside the log.
const SIDE_FROM: u16 = 100;

/// Where each part of the screen goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Areas {
    pub list: Rect,
    pub header: Rect,
    pub rule: Rect,
    pub log: Rect,
    /// The write-up column (wide), or empty.
    pub side: Rect,
    /// The blank column between the log and the write-up column, or empty.
    pub gap: Rect,
    pub capture: Rect,
}

impl Areas {
    /// Where the summary editor and the next steps go: beside the log when
    /// there is room, so the notes stay in sight, else over it.
    pub fn panel(&self) -> Rect {
        if self.side.is_empty() {
            self.log
        } else {
            self.side
        }
    }
}

/// Reads of the state only whether it is in note-taker mode and the
/// header's height: [`render`] keeps the areas while those and `body` hold.
pub fn areas(state: &State, body: Rect) -> Areas {
    let (list, right) = if state.note_taker.is_some() {
        (Rect::default(), body)
    } else {
        let width = (body.width / 3).clamp(24, 40);
        let [list, right] =
            Layout::horizontal([Constraint::Length(width), Constraint::Min(1)]).areas(body);
        (list, right)
    };
    let header_height = header::height(state);
    let [header, rule, main, capture] = Layout::vertical([
        Constraint::Length(header_height),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(right);
    let (log, gap, side) = if right.width >= SIDE_FROM {
        let [log, gap, side] = Layout::horizontal([
            Constraint::Min(40),
            Constraint::Length(1),
            Constraint::Length(right.width * 2 / 5),
        ])
        .areas(main);
        (log, gap, side)
    } else {
        (main, Rect::default(), Rect::default())
    };
    Areas {
        list,
        header,
        rule,
        log,
        side,
        gap,
        capture,
    }
}

/// What a click landed on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hit {
    Session(Id),
    Note(usize),
    NextStep(usize),
    Capture,
}

pub fn hit(state: &State, column: u16, row: u16) -> Option<Hit> {
    let areas = areas(state, super::body(state));
    let at = Position::new(column, row);
    if areas.list.contains(at) {
        return list::hit(state, areas.list, row).map(Hit::Session);
    }
    if areas.capture.contains(at) {
        return Some(Hit::Capture);
    }
    let panel = areas.panel();
    if matches!(state.notes.focus, Focus::NextSteps) && panel.contains(at) {
        return panel::next_step_at(panel, row).map(Hit::NextStep);
    }
    if areas.log.contains(at) {
        let window = log_window(state, areas.log, Theme::new(false))?;
        let y = row - areas.log.y;
        return window
            .placed
            .iter()
            .find(|p| y >= p.y && usize::from(y - p.y) < p.lines.len())
            .map(|p| Hit::Note(p.pos));
    }
    None
}

pub fn render(state: &State, kept: &mut Kept, area: Rect, buf: &mut Buffer, theme: Theme) {
    let key = (area, state.note_taker.is_some(), header::height(state));
    let areas = kept.notes_areas.get(key, || areas(state, area));
    if !areas.list.is_empty() {
        list::kept(state, kept, areas.list, buf, theme);
    }
    header::kept(state, kept, areas.header, buf, theme);
    if state.notes.focus == Focus::Choose {
        choices(state, areas.log, buf, theme);
        return;
    }
    if state.notes.schedule_missing.is_some() {
        panel::waiting(state, areas.log, buf, theme);
        rule(
            state,
            &mut kept.notes_rule,
            None,
            false,
            areas.rule,
            buf,
            theme,
        );
        capture_line(state, kept, areas.capture, buf, theme);
        return;
    }
    let writing = matches!(state.notes.focus, Focus::Writing | Focus::NextSteps);
    let fresh;
    let window = if areas.side.is_empty() && writing {
        panel::render(state, areas.log, buf, theme);
        fresh = log_window(state, areas.log, theme);
        fresh.as_ref()
    } else {
        if !areas.side.is_empty() {
            side(state, kept, areas.side, areas.gap, buf, theme);
        }
        let key = NoteLogKey {
            stamp: state.event().stamp(),
            session: session_id(state).cloned(),
            me: state.replica.identity().author.clone(),
            bottom: state.notes.log.bottom,
            selected: (state.notes.focus == Focus::Log).then_some(state.notes.log.selected),
            capturing: state.notes.focus == Focus::Capture,
            marked: state.notes.marked.clone(),
            theme,
        };
        let log_area = areas.log;
        let over = if covered(state) { &[log_area][..] } else { &[] };
        kept.note_log
            .draw(key, log_area, over, buf, |buf| {
                let window = log_window(state, log_area, theme);
                log(state, window.as_ref(), log_area, buf, theme);
                window
            })
            .as_ref()
    };
    let with_writeup = areas.side.is_empty();
    rule(
        state,
        &mut kept.notes_rule,
        window,
        with_writeup,
        areas.rule,
        buf,
        theme,
    );
    capture_line(state, kept, areas.capture, buf, theme);
    if covered(state) {
        let over = if areas.side.is_empty() {
            areas.log
        } else {
            areas.log.union(areas.side)
        };
        panel::form(state, over, buf, theme);
    }
}

/// The rule below the header, kept while what it counts holds.
fn rule(
    state: &State,
    kept: &mut Part<NotesRuleKey>,
    window: Option<&Window>,
    with_writeup: bool,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    let key = NotesRuleKey {
        stamp: state.event().stamp(),
        session: session_id(state).cloned(),
        waiting: state
            .notes
            .schedule_missing
            .as_ref()
            .map(|_| state.notes.waiting.len()),
        beyond: window.map(|w| (w.older, w.newer)),
        with_writeup,
        theme,
    };
    kept.draw(key, area, &[], buf, |buf| {
        header::rule(state, window, with_writeup, area, buf, theme)
    });
}

/// The write-up column beside the log: kept from frame to frame while it is
/// only read, drawn afresh while it is being edited. The blank `gap`
/// between it and the log is kept with it: a column left out of every kept
/// part is compared with the terminal on every frame, one cell in each of
/// thirty rows, which cost a key more than its own line.
fn side(state: &State, kept: &mut Kept, area: Rect, gap: Rect, buf: &mut Buffer, theme: Theme) {
    if matches!(
        state.notes.focus,
        Focus::Writing | Focus::NextSteps | Focus::ActionForm
    ) {
        panel::render(state, area, buf, theme);
        return;
    }
    let key = WriteUpKey {
        stamp: state.event().stamp(),
        session: session_id(state).cloned(),
        theme,
    };
    let kept_area = area.union(gap);
    let over = if covered(state) {
        &[kept_area][..]
    } else {
        &[]
    };
    kept.write_up.draw(key, kept_area, over, buf, |buf| {
        panel::render(state, area, buf, theme)
    });
}

/// Whether a form is drawn over the log and the write-up column.
fn covered(state: &State) -> bool {
    matches!(state.notes.focus, Focus::Details | Focus::ActionForm)
}

/// The visible part of the log, or `None` without a session.
fn log_window(state: &State, area: Rect, theme: Theme) -> Option<Window> {
    let session = session_id(state)?;
    let request = Request {
        session,
        me: &state.replica.identity().author,
        bottom: state.notes.log.bottom,
        selected: (state.notes.focus == Focus::Log).then_some(state.notes.log.selected),
        marked: &state.notes.marked,
    };
    Some(note_log::window(state.event(), request, area, theme))
}

fn log(state: &State, window: Option<&Window>, area: Rect, buf: &mut Buffer, theme: Theme) {
    let Some(window) = window else {
        Line::styled(" No session chosen.", theme.dim()).render(area, buf);
        return;
    };
    if window.placed.is_empty() {
        empty_log(state, area, buf, theme);
        return;
    }
    let selected = (state.notes.focus == Focus::Log).then_some(state.notes.log.selected);
    NoteLog {
        window,
        selected,
        theme,
    }
    .render(area, buf);
}

fn empty_log(state: &State, area: Rect, buf: &mut Buffer, theme: Theme) {
    let first = if state.notes.focus == Focus::Capture {
        "No notes yet: type below; Enter adds each note with the time."
    } else {
        "No notes yet: press a and type; Enter adds each note with the time."
    };
    // Wrapped, never cut: the last prefixes are the ones a cut would hide.
    let text = [
        first,
        "Start a line with ? question  ! action  = decision  \" quote  * idea; anything else is a point.",
    ];
    let rows = text
        .iter()
        .flat_map(|t| crate::model::text::wrap(t, usize::from(area.width), 0));
    for (row, text) in (area.y..area.bottom()).zip(rows) {
        Line::styled(text, theme.dim()).render(Rect::new(area.x, row, area.width, 1), buf);
    }
}

/// The capture line, or the edit line while a note is being edited.
fn capture_line(state: &State, kept: &mut Kept, area: Rect, buf: &mut Buffer, theme: Theme) {
    let notes = &state.notes;
    let (editing, field, focused) = match (&notes.edit, notes.focus) {
        (Some(edit), Focus::EditNote) => {
            let edit_label = if state.changed_meanwhile(Some(&edit.begun), None).is_some() {
                // Another laptop changed this note while it is being edited.
                "changed elsewhere! edit"
            } else {
                "edit"
            };
            (Some(edit_label), &edit.field, true)
        }
        _ => (None, &notes.capture, notes.focus == Focus::Capture),
    };
    // The line typed so far, without copying it on every key.
    let kind = kind_shown(&field.as_text());
    let width = u16::try_from(capture_label_width(editing, kind)).unwrap_or(area.width);
    let [label_area, field_area] = if width < area.width {
        let field = Rect::new(area.x + width, area.y, area.width - width, area.height);
        [Rect { width, ..area }, field]
    } else {
        Layout::horizontal([Constraint::Length(width), Constraint::Min(1)]).areas(area)
    };
    let style = if focused { theme.key() } else { theme.dim() };
    let key = CaptureLabelKey {
        editing,
        kind,
        focused,
        theme,
    };
    kept.capture_label.draw(key, label_area, &[], buf, |buf| {
        Span::styled(capture_label(editing, kind), style).render(label_area, buf);
    });
    let own_line = notes.capture_for.as_ref() == session_id(state);
    if focused || (own_line && !field.is_empty()) {
        field.render(field_area, buf, focused);
        if focused && field.is_empty() && notes.focus == Focus::Capture {
            // After the cursor's cell, so that both show.
            let room = field_area.width.saturating_sub(2);
            let hint = crate::tui::screen::notes::prefix_hint(usize::from(room));
            let at = Rect::new(field_area.x + 2, field_area.y, room, 1);
            Span::styled(hint, theme.dim()).render(at, buf);
        }
    } else if matches!(notes.focus, Focus::Sessions | Focus::Log) {
        let hint = match session_id(state) {
            Some(id)
                if notes
                    .kept
                    .contains_key(&crate::tui::screen::notes::note_draft_key(id)) =>
            {
                "press a: your unsaved note from before comes back"
            }
            Some(_) => "press a to write notes",
            None => "",
        };
        Span::styled(hint, theme.dim()).render(field_area, buf);
    }
}

/// "   point › ", or "edit: question › " while a note is edited.
fn capture_label(editing: Option<&str>, kind: NoteKind) -> String {
    match editing {
        Some(editing) => format!("{editing}: {:>8} › ", kind.word()),
        None => format!("{:>8} › ", kind.word()),
    }
}

/// The width of [`capture_label`], worked out without writing it: the
/// label is drawn only when it changes, but its width places the field on
/// every frame.
fn capture_label_width(editing: Option<&str>, kind: NoteKind) -> usize {
    let editing = editing.map_or(0, |e| crate::model::text::width(e) + ": ".len());
    editing + kind.word().len().max(8) + " › ".chars().count()
}

/// The occurrences of a repeated session, to pick the one being noted.
fn choices(state: &State, area: Rect, buf: &mut Buffer, theme: Theme) {
    let width = usize::from(area.width);
    let mut lines = vec![
        Line::styled(
            crate::model::text::fit(
                if state.notes.moving.is_some() {
                    "Move the notes to which session?"
                } else {
                    "More than one session matches. Which one is yours?"
                },
                width,
            ),
            theme.heading(),
        ),
        Line::raw(""),
    ];
    for (i, (_, label)) in state.notes.candidates.iter().enumerate() {
        let chosen = i == state.notes.candidate;
        let text = crate::model::text::fit(
            &format!("{} {}", if chosen { "›" } else { " " }, inert_line(label)),
            width,
        );
        lines.push(if chosen {
            Line::styled(text, theme.selected())
        } else {
            Line::raw(text)
        });
    }
    Paragraph::new(lines).render(area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_capture_labels_width_is_the_width_of_its_words() {
        for kind in NoteKind::ALL {
            for editing in [None, Some("edit"), Some("changed elsewhere! edit")] {
                assert_eq!(
                    capture_label_width(editing, kind),
                    crate::model::text::width(&capture_label(editing, kind)),
                    "{editing:?} {kind:?}"
                );
            }
        }
    }
}
