//! A page title as large as the screen allows: big letters on a tall
//! terminal (a projector at 160x48), bold text on a small one.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::Widget;
use tui_big_text::{BigText, PixelSize};

use crate::model::text::inert_line;
use crate::tui::theme::Theme;
use crate::tui::view::export::wrap::wrap;

/// Below this many rows the title stays plain text: big letters would
/// push the summary and outcome off the screen.
const TALL: u16 = 30;
/// At most this many lines of big letters.
const MOST_LINES: usize = 3;

pub struct Title {
    lines: Vec<String>,
    size: Option<PixelSize>,
}

/// The largest way `text` fits `width` columns on a screen `height` rows
/// tall, using at most a third of the height.
pub fn fit(text: &str, width: u16, height: u16) -> Title {
    let text = match inert_line(text.trim()) {
        t if t.is_empty() => "Untitled session".to_string(),
        t => t,
    };
    let budget = usize::from(height / 3);
    // The 8x8 font has Latin letters; anything else would draw as blanks.
    let drawable = text
        .chars()
        .all(|c| matches!(c, ' '..='~' | '\u{a0}'..='\u{ff}'));
    if height >= TALL && drawable {
        for (size, columns) in [(PixelSize::HalfHeight, 8), (PixelSize::Quadrant, 4)] {
            let per_line = usize::from(width) / columns;
            let lines = wrap(&text, per_line.max(1), 0);
            let fits = lines
                .iter()
                .all(|l| crate::model::text::width(l) <= per_line);
            if fits && lines.len() <= MOST_LINES && lines.len() * 4 <= budget {
                return Title {
                    lines,
                    size: Some(size),
                };
            }
        }
    }
    let mut lines = wrap(&text, usize::from(width.max(1)), 0);
    if lines.len() > MOST_LINES {
        lines.truncate(MOST_LINES);
        if let Some(last) = lines.last_mut() {
            last.push('…');
        }
    }
    Title { lines, size: None }
}

impl Title {
    /// Rows it takes: four per line of big letters.
    pub fn rows(&self) -> u16 {
        let per_line = if self.size.is_some() { 4 } else { 1 };
        (self.lines.len() * per_line) as u16
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: Theme) {
        match self.size {
            Some(size) => BigText::builder()
                .pixel_size(size)
                .style(theme.heading())
                .alignment(Alignment::Center)
                .lines(
                    self.lines
                        .iter()
                        .map(|l| Line::from(l.clone()))
                        .collect::<Vec<_>>(),
                )
                .build()
                .render(area, buf),
            None => {
                for (i, line) in self.lines.iter().enumerate().take(usize::from(area.height)) {
                    Line::styled(line.clone(), theme.heading())
                        .alignment(Alignment::Center)
                        .render(Rect::new(area.x, area.y + i as u16, area.width, 1), buf);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_projector_gets_big_letters_and_a_laptop_bold_text() {
        assert_eq!(
            fit("Responsible tech", 156, 45).size,
            Some(PixelSize::HalfHeight)
        );
        let long = fit(
            "SMEs and new entrants in the local government market",
            156,
            45,
        );
        assert_eq!((long.size, long.rows()), (Some(PixelSize::Quadrant), 8));
        let small = fit("Responsible tech", 78, 21);
        assert_eq!((small.size, small.rows()), (None, 1));
    }

    #[test]
    fn letters_the_font_lacks_stay_plain_and_long_titles_are_cut() {
        assert_eq!(fit("会議の進め方", 156, 45).size, None);
        let long = fit(&"word ".repeat(60), 40, 21);
        assert_eq!(long.rows(), 3);
        assert!(long.lines[2].ends_with('…'));
    }
}
