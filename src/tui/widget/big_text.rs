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
