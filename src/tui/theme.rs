//! Styles. Nothing is told apart by colour alone: selection is reversed,
//! headings are bold, and warnings carry a word or a symbol. Under
//! `NO_COLOR` the colours are simply left out.

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    colour: bool,
}

impl Theme {
    pub fn new(colour: bool) -> Theme {
        Theme { colour }
    }

    fn fg(&self, color: Color) -> Style {
        if self.colour {
            Style::default().fg(color)
        } else {
            Style::default()
        }
    }

    pub fn plain(&self) -> Style {
        Style::default()
    }

    pub fn heading(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    pub fn dim(&self) -> Style {
        if self.colour {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default().add_modifier(Modifier::DIM)
        }
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn warning(&self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn good(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn active_tab(&self) -> Style {
        self.fg(Color::Cyan)
            .add_modifier(Modifier::BOLD)
            .add_modifier(Modifier::REVERSED)
    }
}
