//! A table of labelled rows and columns with one cursor cell, scrolling both
//! ways so that the cursor stays in sight, with hints saying how much is
//! hidden ("◀ 2 more", "3 more ▶", "▲ 1 more", "▼ 2 more").
//!
//! [`GridLayout`] is a pure function of the area, the table's shape, the
//! cursor and the remembered offset. The screen's `update` uses it to keep
//! the offset and to map mouse clicks, and the view uses it to draw, so both
//! always agree on where every cell is.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Widget;

use crate::tui::theme::Theme;

/// Width kept at the right for "12 more ▶" when the columns scroll.
pub const RIGHT_HINT_WIDTH: u16 = 10;

/// First row and column in sight.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Offset {
    pub row: usize,
    pub col: usize,
}

/// What is laid out: counts, the width of the row labels, and how wide and
/// tall a cell may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shape {
    pub rows: usize,
    pub cols: usize,
    pub label_width: u16,
    pub min_col_width: u16,
    pub max_col_width: u16,
    pub max_row_height: u16,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GridLayout {
    pub area: Rect,
    pub shape: Shape,
    pub label_width: u16,
    /// Including the one-column separator at its left.
    pub col_width: u16,
    pub row_height: u16,
    pub offset: Offset,
    pub shown_rows: usize,
    pub shown_cols: usize,
    /// When the rows scroll, a line above the header and one below the last
    /// row hold the ▲ and ▼ hints.
    pub rows_scroll: bool,
    pub cols_scroll: bool,
}

/// The first index to show so that `cursor` is in sight, starting from the
/// remembered offset and never leaving blank space at the end.
pub fn keep_visible(remembered: usize, cursor: usize, shown: usize, total: usize) -> usize {
    if shown == 0 {
        return 0;
    }
    let mut offset = remembered.min(total.saturating_sub(shown));
    if cursor < offset {
        offset = cursor;
    } else if cursor >= offset + shown {
        offset = cursor + 1 - shown;
    }
    offset
}

impl GridLayout {
    /// `cursor` is (row, col).
    pub fn new(area: Rect, shape: Shape, cursor: (usize, usize), remembered: Offset) -> Self {
        let label_width = shape.label_width.min(area.width / 2);
        let (cols_scroll, shown_cols, col_width) =
            fit_columns(usize::from(area.width.saturating_sub(label_width)), &shape);
        let (rows_scroll, shown_rows, row_height) =
            fit_rows(usize::from(area.height.saturating_sub(1)), &shape);
        let offset = Offset {
            row: keep_visible(remembered.row, cursor.0, shown_rows, shape.rows),
            col: keep_visible(remembered.col, cursor.1, shown_cols, shape.cols),
        };
        GridLayout {
            area,
            shape,
            label_width,
            col_width,
            row_height,
            offset,
            shown_rows,
            shown_cols,
            rows_scroll,
            cols_scroll,
        }
    }

    /// Lines the grid needs: hints, heading and the rows in sight. What is
    /// left of the area below that is free for others.
    pub fn height_used(&self) -> u16 {
        let rows = u16::try_from(self.shown_rows).unwrap_or(u16::MAX);
        let hints = if self.rows_scroll { 2 } else { 0 };
        (1 + hints + rows.saturating_mul(self.row_height)).min(self.area.height)
    }

    fn header_y(&self) -> u16 {
        self.area.y + u16::from(self.rows_scroll)
    }

    /// The visible rows and columns, as index ranges.
    pub fn rows(&self) -> std::ops::Range<usize> {
        self.offset.row..(self.offset.row + self.shown_rows).min(self.shape.rows)
    }

    pub fn cols(&self) -> std::ops::Range<usize> {
        self.offset.col..(self.offset.col + self.shown_cols).min(self.shape.cols)
    }

    fn row_y(&self, row: usize) -> Option<u16> {
        if !self.rows().contains(&row) {
            return None;
        }
        let index = u16::try_from(row - self.offset.row).ok()?;
        Some(self.header_y() + 1 + index * self.row_height)
    }

    fn col_x(&self, col: usize) -> Option<u16> {
        if !self.cols().contains(&col) {
            return None;
        }
        let index = u16::try_from(col - self.offset.col).ok()?;
        Some(self.area.x + self.label_width + index * self.col_width)
    }

    /// Where a cell's text goes (right of its separator), when in sight.
    pub fn cell_rect(&self, row: usize, col: usize) -> Option<Rect> {
        let (x, y) = (self.col_x(col)?, self.row_y(row)?);
        Some(Rect::new(
            x + 1,
            y,
            self.col_width.saturating_sub(1),
            self.row_height,
        ))
    }

    pub fn row_label_rect(&self, row: usize) -> Option<Rect> {
        let y = self.row_y(row)?;
        Some(Rect::new(self.area.x, y, self.label_width, self.row_height))
    }

    pub fn col_label_rect(&self, col: usize) -> Option<Rect> {
        let x = self.col_x(col)?;
        Some(Rect::new(
            x + 1,
            self.header_y(),
            self.col_width.saturating_sub(1),
            1,
        ))
    }

    /// The (row, col) of the cell at a screen position, separators included.
    pub fn cell_at(&self, x: u16, y: u16) -> Option<(usize, usize)> {
        let first_y = self.header_y() + 1;
        let first_x = self.area.x + self.label_width;
        if y < first_y || x < first_x || self.row_height == 0 || self.col_width == 0 {
            return None;
        }
        let row = self.offset.row + usize::from((y - first_y) / self.row_height);
        let col = self.offset.col + usize::from((x - first_x) / self.col_width);
        (self.rows().contains(&row) && self.cols().contains(&col)).then_some((row, col))
    }

    /// How many rows are hidden above and below, and columns left and right.
    pub fn hidden(&self) -> [usize; 4] {
        [
            self.offset.row,
            self.shape.rows.saturating_sub(self.rows().end),
            self.offset.col,
            self.shape.cols.saturating_sub(self.cols().end),
        ]
    }
}

/// (scrolls, columns shown, width of each).
fn fit_columns(avail: usize, shape: &Shape) -> (bool, usize, u16) {
    let (min, max) = (
        usize::from(shape.min_col_width.max(2)),
        usize::from(shape.max_col_width),
    );
    if shape.cols == 0 {
        return (false, 0, 0);
    }
    if shape.cols * min <= avail {
        let width = (avail / shape.cols).min(max.max(min));
        return (false, shape.cols, u16::try_from(width).unwrap_or(u16::MAX));
    }
    let usable = avail.saturating_sub(usize::from(RIGHT_HINT_WIDTH));
    let shown = (usable / min).clamp(1, shape.cols);
    let width = (usable / shown).clamp(1, max.max(min));
    (true, shown, u16::try_from(width).unwrap_or(u16::MAX))
}

/// (scrolls, rows shown, height of each). Taller rows when they all fit,
/// one line each before scrolling.
fn fit_rows(avail: usize, shape: &Shape) -> (bool, usize, u16) {
    if shape.rows == 0 {
        return (false, 0, 1);
    }
    for height in (1..=shape.max_row_height.max(1)).rev() {
        if shape.rows * usize::from(height) <= avail {
            return (false, shape.rows, height);
        }
    }
    (true, avail.saturating_sub(2).max(1), 1)
}

/// What to draw in the table; asked only for what is in sight.
pub trait GridContent {
    /// A column's heading, to fit `width`.
    fn col_label(&self, col: usize, width: u16) -> Line<'static>;
    /// A row's label, up to `height` lines of `width`.
    fn row_label(&self, row: usize, width: u16, height: u16) -> Vec<Line<'static>>;
    /// A cell's lines, up to `height` lines of `width`.
    fn cell(&self, row: usize, col: usize, width: u16, height: u16) -> Vec<Line<'static>>;
}

pub struct Grid<'a, C: GridContent> {
    pub layout: &'a GridLayout,
    pub content: &'a C,
    /// (row, col) and how to show it; none hides the cursor.
    pub cursor: Option<((usize, usize), Style)>,
    pub theme: Theme,
    /// What a row is called in the hints ("slot").
    pub row_noun: &'static str,
}

impl<C: GridContent> Widget for Grid<'_, C> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.render_content(area, buf);
        self.render_cursor(area, buf);
    }
}

impl<C: GridContent> Grid<'_, C> {
    /// Where the grid may draw: never outside `area`, the buffer, or the
    /// area the layout was made for.
    pub fn clip(&self, area: Rect, buf: &Buffer) -> Rect {
        area.intersection(buf.area).intersection(self.layout.area)
    }

    /// Headings, cells, the lines between them and the hints about what is
    /// out of sight: everything but the cursor, so that a screen can keep
    /// it from one frame to the next while the cursor moves.
    pub fn render_content(&self, area: Rect, buf: &mut Buffer) {
        let layout = self.layout;
        let area = self.clip(area, buf);
        let dim = self.theme.dim();
        for col in layout.cols() {
            if let Some(rect) = layout.col_label_rect(col) {
                draw_lines(
                    vec![self.content.col_label(col, rect.width)],
                    rect,
                    area,
                    buf,
                );
                separator(rect, area, buf, dim);
            }
        }
        for row in layout.rows() {
            if let Some(rect) = layout.row_label_rect(row) {
                let lines = self.content.row_label(row, rect.width, rect.height);
                draw_lines(lines, rect, area, buf);
            }
            for col in layout.cols() {
                let Some(rect) = layout.cell_rect(row, col) else {
                    continue;
                };
                separator(rect, area, buf, dim);
                let lines = self.content.cell(row, col, rect.width, rect.height);
                draw_lines(lines, rect, area, buf);
            }
        }
        self.hints(area, buf);
    }

    /// Where [`render_cursor`](Grid::render_cursor) draws: the cursor's
    /// column heading, the first line of its row's label and its cell, each
    /// with the style laid over it there.
    pub fn cursor_rects(&self) -> Vec<(Rect, Style)> {
        let Some(((row, col), style)) = self.cursor else {
            return Vec::new();
        };
        let layout = self.layout;
        let underlined = Style::new().add_modifier(Modifier::UNDERLINED);
        let emphasis = Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        [
            layout.col_label_rect(col).map(|rect| (rect, underlined)),
            layout
                .row_label_rect(row)
                .map(|rect| (Rect { height: 1, ..rect }, emphasis)),
            layout.cell_rect(row, col).map(|rect| (rect, style)),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// The cursor over the content: its cell in the cursor's style, its
    /// column's heading underlined, the first line of its row's label bold
    /// and underlined.
    pub fn render_cursor(&self, area: Rect, buf: &mut Buffer) {
        let area = self.clip(area, buf);
        for (rect, style) in self.cursor_rects() {
            buf.set_style(rect.intersection(area), style);
        }
    }

    fn hints(&self, area: Rect, buf: &mut Buffer) {
        let layout = self.layout;
        let [above, below, left, right] = layout.hidden();
        let style = self.theme.key();
        let label = Rect::new(area.x, layout.header_y(), layout.label_width, 1).intersection(area);
        if left > 0 {
            Line::styled(format!("◀ {left} more"), style).render(label, buf);
        }
        if layout.cols_scroll && right > 0 {
            let x = area.right().saturating_sub(RIGHT_HINT_WIDTH);
            let rect = Rect::new(x, layout.header_y(), RIGHT_HINT_WIDTH, 1).intersection(area);
            Line::styled(format!("{right} more ▶"), style)
                .right_aligned()
                .render(rect, buf);
        }
        if layout.rows_scroll {
            let noun = self.row_noun;
            if above > 0 {
                let rect = Rect::new(area.x, area.y, area.width, 1.min(area.height));
                Line::styled(format!("▲ {above} more {noun}{}", s(above)), style).render(rect, buf);
            }
            if below > 0 {
                let y = layout.header_y() + 1 + layout.row_height * layout.shown_rows as u16;
                let rect = Rect::new(area.x, y, area.width, 1).intersection(area);
                Line::styled(format!("▼ {below} more {noun}{}", s(below)), style).render(rect, buf);
            }
        }
    }
}

pub use crate::model::text::{fit, wrap_cut as wrap};

fn s(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The line left of a cell, in the column before `cell`.
fn separator(cell: Rect, clip: Rect, buf: &mut Buffer, style: Style) {
    let x = cell.x.saturating_sub(1);
    for y in cell.y..cell.bottom() {
        if clip.contains((x, y).into())
            && let Some(cell) = buf.cell_mut((x, y))
        {
            cell.set_symbol("│").set_style(style);
        }
    }
}

fn draw_lines(lines: Vec<Line<'static>>, rect: Rect, clip: Rect, buf: &mut Buffer) {
    for (line, y) in lines.into_iter().zip(rect.y..rect.bottom()) {
        let row = Rect::new(rect.x, y, rect.width, 1).intersection(clip);
        if !row.is_empty() {
            line.render(row, buf);
        }
    }
}

#[cfg(test)]
mod tests;
