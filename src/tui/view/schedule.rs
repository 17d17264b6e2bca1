//! The Schedule screen: the slots x rooms grid, the open pitches beside it
//! (or summed up in one line below it on a narrow terminal), and three lines
//! about the cell under the cursor: what is there, and what is wrong with it
//! or what Enter will do.

mod cell;
mod side;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use self::cell::GridText;
use crate::model::rules::{
    Clash, clashes_kept, clashes_of, pitch_title_of, plural, session_title_of,
};
use crate::model::{Event, Id};
use crate::tui::screen::schedule::{Cells, Focus, Pending, selection};
use crate::tui::state::State;
use crate::tui::theme::Theme;
use crate::tui::view::kept::{GridKey, Kept, PitchListKey};
use crate::tui::widget::grid::{Grid, GridLayout, Shape, fit, keep_visible};

/// Lines under the grid about the cell under the cursor.
const DETAIL_HEIGHT: u16 = 3;
/// From this width the open pitches are always beside the grid.
const WIDE: u16 = 110;

/// The side list of open pitches: its whole area, the rows of pitches, and
/// the first pitch in sight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListArea {
    pub area: Rect,
    pub rows: Rect,
    pub offset: usize,
}

/// Where everything on the screen goes; a pure function of the state and
/// the body's area, shared by drawing and by `update` (clicks, offsets).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Areas {
    pub grid: GridLayout,
    pub summary: Option<Rect>,
    pub detail: Rect,
    pub list: Option<ListArea>,
}

/// The screen's body for a terminal size, as `view::render` lays it out:
/// the tab bar above, the status line and the footer below.
pub fn body_area(width: u16, height: u16) -> Rect {
    Rect::new(
        0,
        super::BODY_TOP,
        width,
        height.saturating_sub(super::BODY_TOP + 2),
    )
}

pub fn layout(state: &State, body: Rect) -> Areas {
    let schedule = &state.schedule;
    let event = state.event();
    let cells = Cells::of(event);
    // Beside the grid only when there is room and something to pick: with
    // every pitch placed, the grid gets the whole width.
    let wide = body.width >= WIDE && event.open_pitches().next().is_some();
    let list_shown = wide || schedule.focus == Focus::Pitches;
    let [main, side] = if list_shown {
        let width = if wide {
            (body.width / 4).clamp(28, 44)
        } else {
            (body.width / 2).min(36)
        };
        Layout::horizontal([Constraint::Min(20), Constraint::Length(width)]).areas(body)
    } else {
        [body, Rect::default()]
    };
    let shape = Shape {
        rows: cells.slots.len(),
        cols: cells.rooms.len(),
        label_width: label_width(&cells, main.width),
        min_col_width: 16,
        max_col_width: 36,
        max_row_height: 4,
    };
    let cursor = (schedule.cursor.slot, schedule.cursor.room);
    let summary_height = u16::from(!list_shown);
    let room = main.height.saturating_sub(DETAIL_HEIGHT + summary_height);
    let mut grid = GridLayout::new(
        Rect {
            height: room,
            ..main
        },
        shape,
        cursor,
        schedule.offset,
    );
    // The lines about the cursor's cell sit right under the grid, with one
    // line between when there is room, rather than at the bottom of a tall
    // terminal far from what they describe.
    grid.area.height = grid.height_used();
    let gap = u16::from(room > grid.area.height);
    let [_, _, detail, summary, _] = Layout::vertical([
        Constraint::Length(grid.area.height),
        Constraint::Length(gap),
        Constraint::Length(DETAIL_HEIGHT),
        Constraint::Length(summary_height),
        Constraint::Min(0),
    ])
    .areas(main);
    Areas {
        grid,
        summary: (!list_shown).then_some(summary),
        detail,
        list: list_shown.then(|| list_area(state, side)),
    }
}

/// The side list: a heading line, then the pitches right of its border.
fn list_area(state: &State, side: Rect) -> ListArea {
    let event = state.event();
    let rows = Rect::new(
        side.x + 2,
        side.y + 1,
        side.width.saturating_sub(2),
        side.height.saturating_sub(1),
    );
    let selected = selection(event, state.schedule.selected.as_ref()).map_or(0, |(i, _)| i);
    let count = event.open_pitches().len();
    let offset = keep_visible(
        state.schedule.list_offset,
        selected,
        usize::from(rows.height),
        count,
    );
    ListArea {
        area: side,
        rows,
        offset,
    }
}

/// Room for "10:30–11:30" and a slot's label ("Morning discussions"),
/// within a sixth of the width: labels wrap below the times.
fn label_width(cells: &Cells, width: u16) -> u16 {
    let longest = cells
        .slots
        .iter()
        .map(|(_, s)| unicode_width::UnicodeWidthStr::width(s.label.trim()) + 1)
        .max()
        .unwrap_or(0);
    let longest = u16::try_from(longest).unwrap_or(u16::MAX);
    longest.clamp(12, (width / 6).clamp(12, 22))
}

pub fn render(state: &State, kept: &mut Kept, area: Rect, buf: &mut Buffer, theme: Theme) {
    let areas = layout(state, area);
    let event = state.event();
    let cells = Cells::of(event);
    let found = clashes_kept(event);
    // A proposal or a session picked up to move marks cells and pitches as
    // the cursor goes; then the grid and the list are drawn afresh.
    let keep = state.schedule.preview.is_none() && state.schedule.pending.is_none();
    if cells.is_empty() {
        Paragraph::new(
            " No grid yet: add rooms and slots on screen 1 (Event), or with `unconf room add` and `unconf slot add`.",
        )
        .style(theme.dim())
        .wrap(Wrap { trim: true })
        .render(areas.grid.area, buf);
    } else {
        let text = GridText::new(state, &cells, found, theme);
        let style = if state.schedule.focus == Focus::Grid {
            theme.selected()
        } else {
            // The list has the keys; the cell is only where a pitch will go.
            theme
                .plain()
                .add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
        };
        let cursor = state.schedule.cursor;
        let grid = Grid {
            layout: &areas.grid,
            content: &text,
            cursor: Some(((cursor.slot, cursor.room), style)),
            theme,
            row_noun: "slot",
        };
        let clip = grid.clip(areas.grid.area, buf);
        if keep {
            let key = GridKey {
                stamp: event.stamp(),
                layout: areas.grid,
                theme,
            };
            let over: Vec<Rect> = grid.cursor_rects().into_iter().map(|(r, _)| r).collect();
            kept.grid
                .draw(key, clip, &over, buf, |buf| grid.render_content(clip, buf));
        } else {
            grid.render_content(clip, buf);
        }
        grid.render_cursor(clip, buf);
        detail(state, &cells, found, areas.detail, buf, theme);
    }
    if let Some(list) = &areas.list {
        if keep {
            let key = PitchListKey {
                stamp: event.stamp(),
                list: *list,
                selected: state.schedule.selected.clone(),
                focused: state.schedule.focus == Focus::Pitches,
                theme,
            };
            let at = list.area.intersection(buf.area);
            kept.pitch_list
                .draw(key, at, &[], buf, |buf| side::list(state, list, buf, theme));
        } else {
            side::list(state, list, buf, theme);
        }
    }
    if let Some(summary) = areas.summary {
        side::summary(state, summary, buf, theme);
    }
}

/// Three lines: what is under the cursor, then what to do or what is wrong.
fn detail(
    state: &State,
    cells: &Cells,
    found: &[Clash],
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    let [first, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let text = GridText::new(state, cells, found, theme);
    let here = text.describe_cursor();
    Line::styled(fit(&here, usize::from(first.width)), theme.plain()).render(first, buf);
    let message = advice(state, cells, found, theme);
    Paragraph::new(message)
        .wrap(Wrap { trim: true })
        .render(rest, buf);
}

/// What Enter will do when something is picked up or proposed, else what is
/// wrong with the cell under the cursor, else what the marks mean.
fn advice(state: &State, cells: &Cells, found: &[Clash], theme: Theme) -> Line<'static> {
    let event = state.event();
    let schedule = &state.schedule;
    if let Some(preview) = &schedule.preview {
        let unplaced = match preview.unplaced.len() {
            0 => String::new(),
            n => format!(" {} did not fit.", plural(n, "open pitch")),
        };
        return Line::styled(
            format!(
                "Proposed: {} marked NEW.{unplaced} Enter or y accepts all as one step (u undoes); Esc or n discards.",
                plural(preview.placements.len(), "new session"),
            ),
            theme.good(),
        );
    }
    if let Some(pending) = &schedule.pending {
        return Line::styled(what_enter_does(event, pending), theme.warning());
    }
    let spans = trouble(event, cells.sessions(schedule.cursor), found, theme);
    if spans.is_empty() {
        legend(cells, found, theme)
    } else {
        Line::from(spans)
    }
}

/// While something is picked up, this stays on screen (the status line is
/// cleared by the next key).
fn what_enter_does(event: &Event, pending: &Pending) -> String {
    let title = |id| session_title_of(event, id);
    match pending {
        Pending::Place(pitch) => format!(
            "Placing {}: go to a free cell and press Enter; Esc cancels.",
            pitch_title_of(event, pitch)
        ),
        Pending::Move {
            session,
            swap_with: Some(other),
        } => format!(
            "Moving {}: Enter again swaps it with {}; Esc cancels.",
            title(session),
            title(other)
        ),
        Pending::Move { session, .. } => format!(
            "Moving {}: go to another cell and press Enter (on a session: swap); Esc cancels.",
            title(session)
        ),
        Pending::Repeat(session) => format!(
            "Repeating {}: go to a cell in another slot and press Enter; Esc cancels.",
            title(session)
        ),
    }
}

/// Each clash of the sessions in the cursor's cell, once, in words, and a
/// word on any of them changed on two devices at once.
fn trouble(event: &Event, here: &[Id], found: &[Clash], theme: Theme) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut seen: Vec<&Clash> = Vec::new();
    for id in here {
        for clash in clashes_of(found, id) {
            if seen.contains(&clash) {
                continue;
            }
            spans.push(Span::styled(format!("{} ", clash.symbol()), theme.error()));
            spans.push(Span::raw(format!("{} ", clash.describe(event))));
            seen.push(clash);
        }
        if event.is_conflicted(id) {
            spans.push(Span::styled("~ ", theme.warning()));
            spans.push(Span::raw(format!(
                "{} was changed on two devices at once; v shows the versions and keeps one. ",
                session_title_of(event, id)
            )));
        }
    }
    spans
}

/// The marks in use on the grid, or that there are none.
fn legend(cells: &Cells, found: &[Clash], theme: Theme) -> Line<'static> {
    let mut kinds: Vec<(char, &str)> = found.iter().map(|c| (c.symbol(), c.kind_word())).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let mut spans = Vec::new();
    if kinds.is_empty() {
        spans.push(Span::styled("No clashes.", theme.good()));
    } else {
        spans.push(Span::raw(format!("{}: ", plural(found.len(), "clash"))));
        for (symbol, word) in kinds {
            spans.push(Span::styled(format!("{symbol} "), theme.error()));
            spans.push(Span::raw(format!("{word}  ")));
        }
    }
    let off = cells.off_grid();
    if off > 0 {
        spans.push(Span::styled(
            format!(
                " {} not shown: slot or room gone (see `unconf check`).",
                plural(off, "session")
            ),
            theme.warning(),
        ));
    }
    Line::from(spans)
}
