//! The poster's title size: the largest at which the programme, as
//! estimated here, fits the one A3 landscape sheet. Its rooms side by side
//! set the most (so that no word breaks); a long day's rows can make it
//! smaller. An estimate, from the printed style's sizes (poster.css) and an
//! average width of a bold letter; the browser check in
//! tests/publish_html.rs prints the pages to hold it to one sheet.

use crate::export::write_up::{Programme, ProgrammeSlot};

/// Millimetres in a typographic point.
const MM_PER_PT: f64 = 0.3528;
/// Line heights of the titles and of the slot column, as in the style.
const LINE: f64 = 1.2;
const SLOT_LINE: f64 = 1.4;
/// An average letter of a bold sans-serif face, in ems: wide enough that
/// the estimate runs long rather than short.
const LETTER_EM: f64 = 0.6;
/// A cell's padding (3mm either side) and border.
const CELL_PAD: f64 = 6.6;
/// The printable width of an A3 landscape sheet: 420mm less the page
/// margins and the main column's padding.
const WIDTH: f64 = 420.0 - 20.0 - 13.0;
/// Its printable height, less the heading, the date and the table's head
/// (about 47mm) and a margin for error.
const HEIGHT: f64 = 297.0 - 20.0 - 57.0;
/// The slot column at its narrowest, as in poster.css, and its text size;
/// its times never wrap, so it is wider when they need it.
const SLOT_COLUMN: f64 = 40.0;
const SLOT_PT: f64 = 12.0;
/// The sizes tried, largest first; the last is used when none fits.
const SIZES: [u16; 12] = [28, 24, 20, 18, 16, 14, 13, 12, 11, 10, 9, 8];

/// The width of the slot column, in whole millimetres: wide enough for
/// the longest times on one line.
pub fn slot_column(programme: &Programme) -> u16 {
    let times = (programme.slots.iter())
        .map(|slot| slot.times.chars().count())
        .max()
        .unwrap_or(0);
    let wanted = (times as f64 * LETTER_EM * SLOT_PT * MM_PER_PT + CELL_PAD + 2.0).max(SLOT_COLUMN);
    // At most a third of the sheet, whatever a slot's times say.
    wanted.min(WIDTH / 3.0).ceil() as u16
}

/// The largest size, in points, no larger than `most`, at which every row
/// of `programme` fits the sheet.
pub fn title_points(programme: &Programme, most: u16) -> u16 {
    let rooms = programme.rooms.len().max(1);
    let slot_column = f64::from(slot_column(programme));
    let column = (WIDTH - slot_column) / rooms as f64 - CELL_PAD;
    let across = WIDTH - slot_column - CELL_PAD;
    SIZES
        .into_iter()
        .filter(|&pt| pt <= most)
        .find(|&pt| {
            let rows: f64 = (programme.slots.iter())
                .map(|slot| row_height(slot, f64::from(pt), slot_column, (column, across)))
                .sum();
            rows <= HEIGHT
        })
        .unwrap_or(SIZES[SIZES.len() - 1])
}

/// A row's height: its slot's times (one line) and label, or its tallest
/// cell of titles, in a `column` (or one cell `across` every room).
fn row_height(slot: &ProgrammeSlot, pt: f64, slot_column: f64, widths: (f64, f64)) -> f64 {
    let (column, across) = widths;
    let slot_lines = 1 + lines(&slot.label.plain(), SLOT_PT, slot_column - CELL_PAD);
    let slot_height = slot_lines as f64 * SLOT_PT * SLOT_LINE * MM_PER_PT;
    let listed = slot.rooms.iter().map(Vec::len).sum::<usize>();
    let titles = if slot.together.is_some() || slot.whole_group && listed <= 1 {
        // One cell across every room.
        let text: Vec<String> = (slot.rooms.iter().flatten())
            .map(|s| s.title.plain())
            .chain(slot.together.map(|t| t.words().to_string()))
            .collect();
        lines(&text.join(" "), pt, across)
    } else {
        (slot.rooms.iter())
            .map(|sessions| {
                (sessions.iter())
                    .map(|s| lines(&s.title.plain(), pt, column))
                    .sum::<usize>()
            })
            .max()
            .unwrap_or(0)
            .max(1)
    };
    let title_height = titles as f64 * pt * LINE * MM_PER_PT;
    slot_height.max(title_height) + CELL_PAD
}

/// How many lines `text` takes at `pt` in `width` millimetres, its words
/// wrapped and any word longer than a line broken.
fn lines(text: &str, pt: f64, width: f64) -> usize {
    let per_line = ((width / (LETTER_EM * pt * MM_PER_PT)).floor() as usize).max(1);
    let mut count = 0;
    let mut used = 0;
    for word in text.split_whitespace() {
        let mut length = word.chars().count();
        if used > 0 && used + 1 + length <= per_line {
            used += 1 + length;
            continue;
        }
        count += 1;
        while length > per_line {
            count += 1;
            length -= per_line;
        }
        used = length;
    }
    count.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_wrap_and_long_words_break() {
        // 100mm at 10pt is 47 letters of 0.6em.
        assert_eq!(lines("", 10.0, 100.0), 1);
        assert_eq!(lines("short title", 10.0, 100.0), 1);
        assert_eq!(lines(&"word ".repeat(20), 10.0, 100.0), 3);
        assert_eq!(lines(&"x".repeat(100), 10.0, 100.0), 3);
    }
}
