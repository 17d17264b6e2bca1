//! Drawing the notes screen. (To be built: see the TUI issue.)

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::tui::state::State;
use crate::tui::theme::Theme;

pub fn render(_state: &State, _area: Rect, _buf: &mut Buffer, _theme: Theme) {}
