//! The event screen: details at the top, rooms and slots side by side, then
//! the devices seen and the warnings. The layout is a pure function of the
//! state and the area, so a click can be mapped back to what was drawn.

mod about;
pub mod form;
mod lists;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::tui::screen::event::warnings::{Warning, warnings};
use crate::tui::screen::event::{Selected, current, rooms, slots};
use crate::tui::state::State;
use crate::tui::theme::Theme;

/// Rows given to the guide on a new event.
const START_HERE_ROWS: u16 = 7;

/// Where each part of the screen goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Areas {
    details: Rect,
    rooms: Rect,
    slots: Rect,
    devices: Rect,
    warnings: Rect,
}

fn areas(state: &State, area: Rect, warning_count: usize) -> Areas {
    let event = state.event();
    let fresh = event.rooms.is_empty() && event.slots.is_empty();
    let list_rows = if fresh {
        START_HERE_ROWS
    } else {
        1 + event.rooms.len().max(event.slots.len()).max(1) as u16
    };
    let devices = about::device_rows(state, area.width);
    // Details (3), a gap, the lists, a gap, devices, a gap, warnings.
    let fixed = 3 + 1 + 1 + devices + 1;
    let warnings_min = 1 + warning_count.min(3) as u16;
    let room = area.height.saturating_sub(fixed);
    let lists = list_rows
        .min(room.saturating_sub(warnings_min))
        .max(2.min(room));
    let mut y = area.y;
    let mut take = |rows: u16| {
        let rows = rows.min((area.y + area.height).saturating_sub(y));
        let rect = Rect::new(area.x, y, area.width, rows);
        y += rows;
        rect
    };
    let details = take(3);
    take(1);
    let lists_area = take(lists);
    take(1);
    let devices = take(devices);
    take(1);
    let warnings = take(area.height);
    let rooms_width = if fresh {
        area.width
    } else {
        (area.width * 2 / 5).clamp(30, 60)
    };
    Areas {
        details,
        rooms: Rect {
            width: rooms_width,
            ..lists_area
        },
        slots: Rect {
            x: lists_area.x + rooms_width + 2,
            // Wider than this, a slot's kind drifts too far from its label.
            width: lists_area.width.saturating_sub(rooms_width + 2).min(64),
            ..lists_area
        },
        devices,
        warnings,
    }
}

pub fn render(state: &State, area: Rect, buf: &mut Buffer, theme: Theme) {
    let all: Vec<Warning> = warnings(state);
    let parts = areas(state, area, all.len());
    let selected = current(state);
    let focused = state.setup.form.is_none();
    let shown = |item: &Selected| focused && *item == selected;
    about::details(state, parts.details, buf, theme, shown(&Selected::Details));
    let event = state.event();
    if event.rooms.is_empty() && event.slots.is_empty() {
        lists::start_here(Rect::union(parts.rooms, parts.slots), buf, theme);
    } else {
        let pick = |item| focused.then_some(item);
        lists::rooms(state, parts.rooms, buf, theme, pick(&selected));
        lists::slots(state, parts.slots, buf, theme, pick(&selected));
    }
    about::devices(state, parts.devices, buf, theme);
    let warning = match selected {
        Selected::Warning(i) if focused => Some(i),
        _ => None,
    };
    about::warnings(&all, parts.warnings, buf, theme, warning);
    if let Some(form) = &state.setup.form {
        let changed = state.changed_meanwhile(form.begun.as_ref(), None);
        form::render(form, changed.as_deref(), area, buf, theme);
    }
}

/// What is drawn at a screen position (for clicks).
pub fn item_at(state: &State, column: u16, row: u16) -> Option<Selected> {
    let body = super::body(state);
    let all = warnings(state);
    let parts = areas(state, body, all.len());
    let inside = |r: Rect| r.contains(ratatui::layout::Position::new(column, row));
    let event = state.event();
    if inside(parts.details) {
        return Some(Selected::Details);
    }
    if inside(parts.rooms) {
        let ids = rooms(event);
        let chosen = selected_index(state, &ids);
        let index = lists::row_to_index(parts.rooms, row, ids.len(), chosen)?;
        return ids.get(index).cloned().map(Selected::Room);
    }
    if inside(parts.slots) {
        let ids = slots(event);
        let chosen = selected_index(state, &ids);
        let index = lists::row_to_index(parts.slots, row, ids.len(), chosen)?;
        return ids.get(index).cloned().map(Selected::Slot);
    }
    None
}

fn selected_index(state: &State, ids: &[crate::model::Id]) -> Option<usize> {
    match current(state) {
        Selected::Room(id) | Selected::Slot(id) => ids.iter().position(|i| *i == id),
        _ => None,
    }
}
