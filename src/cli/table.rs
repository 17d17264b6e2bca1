//! Plain-text tables and CSV for the terminal and for spreadsheets.

use unicode_width::UnicodeWidthStr;

use crate::model::text::{fit, inert_line};

/// Left-aligned columns separated by two spaces; user text is made inert and
/// cut to `max` characters per column.
pub fn render(header: &[&str], rows: &[Vec<String>], max: usize) -> String {
    let cells: Vec<Vec<String>> = std::iter::once(header.iter().map(|h| h.to_string()).collect())
        .chain(
            rows.iter()
                .map(|row| row.iter().map(|c| fit(&inert_line(c), max)).collect()),
        )
        .collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            cells
                .iter()
                .map(|r| r.get(i).map_or(0, |c| c.width()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in &cells {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < row.len() {
                let pad = widths[i].saturating_sub(cell.width()) + 2;
                line.push_str(&" ".repeat(pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
