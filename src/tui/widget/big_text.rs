//! Large digits that a room can read from a projector.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::widgets::Widget;
use tui_big_text::{BigText, PixelSize};

/// Draws `text` as large as fits: full-size glyphs when there are 8 rows,
/// half height with 4, otherwise plain text.
pub fn render(text: &str, style: Style, area: Rect, buf: &mut Buffer) {
    let chars = text.chars().count() as u16;
    let size = if area.height >= 8 && area.width >= chars * 8 {
        Some(PixelSize::Full)
    } else if area.height >= 4 && area.width >= chars * 8 {
        Some(PixelSize::HalfHeight)
    } else if area.height >= 2 && area.width >= chars * 4 {
        Some(PixelSize::Quadrant)
    } else {
        None
    };
    match size {
        Some(size) => BigText::builder()
            .pixel_size(size)
            .style(style)
            .alignment(Alignment::Center)
            .lines(vec![text.to_string().into()])
            .build()
            .render(area, buf),
        None => ratatui::text::Line::styled(text.to_string(), style)
            .alignment(Alignment::Center)
            .render(area, buf),
    }
}

/// Text laid out in large letters: the size, and the text cut into lines
/// at spaces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Big {
    size: PixelSize,
    lines: Vec<String>,
}

/// Columns and rows one letter takes at each size tried, largest first.
const SIZES: [(PixelSize, u16, u16); 3] = [
    (PixelSize::Full, 8, 8),
    (PixelSize::HalfHeight, 8, 4),
    (PixelSize::Quadrant, 4, 4),
];

/// `text` at the largest size whose lines, broken only at spaces, fit
/// `width` x `height`; `None` when no size does, or the text has letters
/// the large font lacks (it has plain ASCII only), so the caller writes it
/// as ordinary text.
pub fn fit_lines(text: &str, width: u16, height: u16) -> Option<Big> {
    fit_lines_from(text, width, height, 0)
}

/// As [`fit_lines`], trying only sizes from `level` down (0 is the
/// largest), so that several texts can share one size.
pub fn fit_lines_from(text: &str, width: u16, height: u16, level: usize) -> Option<Big> {
    let text = text.trim();
    if text.is_empty() || !text.chars().all(|c| c == ' ' || c.is_ascii_graphic()) {
        return None;
    }
    SIZES.into_iter().skip(level).find_map(|(size, w, h)| {
        let per_line = usize::from(width / w);
        if per_line == 0 || text.split(' ').any(|word| word.len() > per_line) {
            return None;
        }
        let lines = crate::model::text::wrap(text, per_line, 0);
        let rows = u16::try_from(lines.len()).ok()?.checked_mul(h)?;
        (rows <= height).then_some(Big { size, lines })
    })
}

impl Big {
    /// Its size as an index into the sizes, 0 the largest.
    pub fn level(&self) -> usize {
        SIZES
            .iter()
            .position(|(size, ..)| *size == self.size)
            .unwrap_or(0)
    }

    /// Rows the text takes.
    pub fn rows(&self) -> u16 {
        let per_line = SIZES
            .iter()
            .find(|(size, ..)| *size == self.size)
            .map_or(8, |(_, _, h)| *h);
        u16::try_from(self.lines.len()).unwrap_or(u16::MAX) * per_line
    }

    /// Draws it centred in `area`.
    pub fn render(&self, style: Style, area: Rect, buf: &mut Buffer) {
        self.draw(style, Alignment::Center, area, buf);
    }

    /// Draws it from the left edge of `area`.
    pub fn render_left(&self, style: Style, area: Rect, buf: &mut Buffer) {
        self.draw(style, Alignment::Left, area, buf);
    }

    fn draw(&self, style: Style, alignment: Alignment, area: Rect, buf: &mut Buffer) {
        BigText::builder()
            .pixel_size(self.size)
            .style(style)
            .alignment(alignment)
            .lines(
                self.lines
                    .iter()
                    .map(|l| ratatui::text::Line::from(l.clone()))
                    .collect::<Vec<_>>(),
            )
            .build()
            .render(area, buf);
    }
}
