//! The footer: the keys that work where the focus is, built from the same
//! bindings the keymap uses.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::tui::keymap::Binding;
use crate::tui::theme::Theme;

pub struct Footer<'a> {
    pub bindings: &'a [Binding],
    pub theme: Theme,
}

impl Widget for Footer<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let mut spans: Vec<Span> = Vec::new();
        let mut width = 0usize;
        let max = usize::from(area.width);
        for binding in self.bindings.iter().filter(|b| b.in_footer) {
            let keys = binding.keys_text();
            let needed = keys.chars().count() + binding.label.chars().count() + 3;
            if width + needed > max {
                break;
            }
            spans.push(Span::styled(keys, self.theme.key()));
            spans.push(Span::raw(format!(" {}  ", binding.label)));
            width += needed;
        }
        Line::from(spans).render(area, buf);
    }
}
