//! The footer: the keys that work where the focus is, built from the same
//! bindings the keymap uses.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::tui::action::Action;
use crate::tui::keymap::Binding;
use crate::tui::theme::Theme;

pub struct Footer<'a> {
    pub bindings: &'a [Binding],
    pub theme: Theme,
}

impl Widget for Footer<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let shown: Vec<&Binding> = self.bindings.iter().filter(|b| b.in_footer).collect();
        let needed = |b: &Binding| {
            crate::model::text::width(&b.keys_text()) + crate::model::text::width(b.label) + 3
        };
        // `?` leads to every other key, so it keeps its place at the end
        // when the rest do not all fit.
        let all: usize = shown.iter().map(|b| needed(b)).sum();
        let help = shown
            .iter()
            .copied()
            .find(|b| b.action == Action::Help)
            .filter(|_| all > usize::from(area.width));
        let max = usize::from(area.width).saturating_sub(help.map_or(0, needed));
        let mut spans: Vec<Span> = Vec::new();
        let mut width = 0usize;
        let rest = shown
            .iter()
            .copied()
            .filter(|b| help.is_none() || b.action != Action::Help);
        for binding in rest {
            if width + needed(binding) > max {
                break;
            }
            self.push(&mut spans, binding);
            width += needed(binding);
        }
        if let Some(help) = help {
            self.push(&mut spans, help);
        }
        Line::from(spans).render(area, buf);
    }
}

impl Footer<'_> {
    fn push(&self, spans: &mut Vec<Span<'static>>, binding: &Binding) {
        spans.push(Span::styled(binding.keys_text(), self.theme.key()));
        spans.push(Span::raw(format!(" {}  ", binding.label)));
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::KeyCode;

    use super::*;
    use crate::tui::keymap::Key;

    fn row(bindings: &[Binding], width: u16) -> String {
        let area = Rect::new(0, 0, width, 1);
        let mut buf = Buffer::empty(area);
        Footer {
            bindings,
            theme: Theme::new(false),
        }
        .render(area, &mut buf);
        (0..width).map(|x| buf[(x, 0)].symbol()).collect::<String>()
    }

    #[test]
    fn help_keeps_its_place_when_the_keys_do_not_all_fit() {
        let mut bindings: Vec<Binding> = (0..12)
            .map(|n| Binding::new(&[Key::code(KeyCode::F(n))], "something", Action::Undo))
            .collect();
        bindings.push(Binding::new(&[Key::char('?')], "help", Action::Help));
        bindings.push(Binding::new(&[Key::char('q')], "quit", Action::Quit));
        let narrow = row(&bindings, 80);
        assert!(narrow.trim_end().ends_with("? help"), "{narrow}");
        assert!(narrow.starts_with("F0 something"), "{narrow}");
        let wide = row(&bindings, 300);
        assert!(
            wide.trim_end().ends_with("? help  q quit"),
            "in order when all fit: {wide}"
        );
    }
}
