//! The event's web address as a QR code a phone can scan off the projector:
//! drawn with half blocks (two modules to a cell, one above the other, so
//! that modules come out square), dark modules on light ones, with the
//! standard quiet zone of four modules around it.

use qrcode::{Color as Module, QrCode};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};

/// Light modules around the code, as the standard asks: scanners need it
/// to find the code's edge.
pub const QUIET: usize = 4;

/// The modules of a code with its quiet zone, row by row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matrix {
    /// Modules on a side, quiet zone included.
    pub side: usize,
    /// True for a dark module.
    pub dark: Vec<bool>,
}

impl Matrix {
    /// The code for `text`, or `None` when it is too long for any QR code.
    pub fn of(text: &str) -> Option<Matrix> {
        let code = QrCode::new(text.as_bytes()).ok()?;
        let inner = code.width();
        let side = inner + 2 * QUIET;
        let colours = code.to_colors();
        let mut dark = vec![false; side * side];
        for y in 0..inner {
            for x in 0..inner {
                dark[(y + QUIET) * side + x + QUIET] = colours[y * inner + x] == Module::Dark;
            }
        }
        Some(Matrix { side, dark })
    }

    /// Whether the module at column `x`, row `y` is dark; outside is light.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.side && y < self.side && self.dark[y * self.side + x]
    }

    /// Columns and rows the code takes drawn `scale` cells a module wide.
    pub fn size(&self, scale: u16) -> (u16, u16) {
        let side = u16::try_from(self.side).unwrap_or(u16::MAX);
        let cols = side.saturating_mul(scale);
        (cols, cols.div_ceil(2))
    }

    /// Draws the code at the top left of `area`, `scale` columns a module.
    /// With colour it is black on white whatever the terminal's colours; without
    /// (`NO_COLOR`), light modules are drawn as blocks in the terminal's
    /// text colour, which is light on the dark background projectors use.
    pub fn render(&self, scale: u16, area: Rect, buf: &mut Buffer, colour: bool) {
        let (cols, rows) = self.size(scale);
        let style = if colour {
            Style::default()
                .fg(Color::Indexed(231))
                .bg(Color::Indexed(16))
        } else {
            Style::default()
        };
        let scale = usize::from(scale.max(1));
        for row in 0..rows.min(area.height) {
            for col in 0..cols.min(area.width) {
                let x = usize::from(col) / scale;
                let top = usize::from(row) * 2 / scale;
                let bottom = (usize::from(row) * 2 + 1) / scale;
                let symbol = match (!self.is_dark(x, top), !self.is_dark(x, bottom)) {
                    (true, true) => "█",
                    (true, false) => "▀",
                    (false, true) => "▄",
                    (false, false) => " ",
                };
                buf[(area.x + col, area.y + row)]
                    .set_symbol(symbol)
                    .set_style(style);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://example.org/unconf/programme";

    /// Reads a drawn code back from the cells: each cell is two pixels, one
    /// above the other, light where the half block is.
    fn pixels(buf: &Buffer, area: Rect) -> Vec<Vec<bool>> {
        let mut rows = Vec::new();
        for y in area.top()..area.bottom() {
            let (mut top, mut bottom) = (Vec::new(), Vec::new());
            for x in area.left()..area.right() {
                let (t, b) = match buf[(x, y)].symbol() {
                    "█" => (true, true),
                    "▀" => (true, false),
                    "▄" => (false, true),
                    _ => (false, false),
                };
                top.push(t);
                bottom.push(b);
            }
            rows.push(top);
            rows.push(bottom);
        }
        rows
    }

    fn decode(light: &[Vec<bool>], zoom: usize) -> Vec<String> {
        let height = light.len() * zoom;
        let width = light.first().map_or(0, Vec::len) * zoom;
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| {
            if light[y / zoom][x / zoom] { 255 } else { 0 }
        });
        image
            .detect_grids()
            .into_iter()
            .filter_map(|grid| grid.decode().ok().map(|(_, text)| text))
            .collect()
    }

    #[test]
    fn the_drawn_modules_are_the_codes_own_with_a_quiet_zone() {
        let matrix = Matrix::of(URL).expect("a short address fits a code");
        let code = QrCode::new(URL.as_bytes()).expect("encodes");
        assert_eq!(matrix.side, code.width() + 8);
        let (cols, rows) = matrix.size(1);
        let area = Rect::new(0, 0, cols, rows);
        let mut buf = Buffer::empty(area);
        matrix.render(1, area, &mut buf, true);
        let light = pixels(&buf, area);
        let colours = code.to_colors();
        for y in 0..matrix.side {
            for x in 0..matrix.side {
                let inside = (QUIET..QUIET + code.width()).contains(&x)
                    && (QUIET..QUIET + code.width()).contains(&y);
                let dark =
                    inside && colours[(y - QUIET) * code.width() + x - QUIET] == Module::Dark;
                assert_eq!(!light[y][x], dark, "module {x},{y}");
            }
        }
        let cell = &buf[(0, 0)];
        assert_eq!(cell.fg, Color::Indexed(231), "light modules are white");
        assert_eq!(cell.bg, Color::Indexed(16), "dark modules are black");
    }

    #[test]
    fn the_drawn_code_scans_back_to_the_address_at_either_scale() {
        let matrix = Matrix::of(URL).expect("a short address fits a code");
        for scale in [1, 2] {
            let (cols, rows) = matrix.size(scale);
            let area = Rect::new(3, 2, cols, rows);
            let mut buf = Buffer::empty(Rect::new(0, 0, cols + 6, rows + 4));
            matrix.render(scale, area, &mut buf, false);
            assert_eq!(decode(&pixels(&buf, area), 4), vec![URL.to_string()]);
        }
    }

    #[test]
    fn an_address_too_long_for_any_code_has_none() {
        assert_eq!(Matrix::of(&"x".repeat(4000)), None);
    }
}
