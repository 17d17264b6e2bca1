//! Export: the write-up as it will be published, scrolled like a pager,
//! with full notes on or off, and one key to write it to the exports
//! folder, as Markdown or as a web page (the same words either way, so the
//! preview shows the Markdown). Making the write-up costs as much as the whole event, so it is
//! kept (see [`preview`]) and made again only when the event, the options
//! or the width change, never for a frame or a key that only scrolls.

pub mod preview;

use ratatui::crossterm::event::KeyCode;

use std::rc::Rc;

use self::preview::{ExportOptions, Kept, Preview};
use crate::model::slug::slugify;
use crate::tui::action::{Action, Effect};
use crate::tui::draft::DraftSlot;
use crate::tui::keymap::{Binding, Key, down_keys, up_keys};
use crate::tui::state::State;
use crate::tui::widget::text_field::TextField;

#[derive(Clone, Debug, Default)]
pub struct ExportState {
    pub options: ExportOptions,
    /// First line of the preview shown.
    pub scroll: usize,
    /// The write-up last made, and what it was made from.
    pub kept: Kept,
    /// Write a web page (`.html`) rather than Markdown.
    pub web_page: bool,
}

impl ExportState {
    pub fn focused_field(&self) -> Option<&TextField> {
        None
    }

    pub fn drafts_mut(&mut self) -> Vec<&mut DraftSlot> {
        Vec::new()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportAction {
    /// Scroll down a line
    Down,
    /// Scroll up a line
    Up,
    /// Scroll down a page
    PageDown,
    /// Scroll up a page
    PageUp,
    /// Go to the top
    Top,
    /// Go to the end
    Bottom,
    /// Include every session's full notes, or leave them out
    ToggleNotes,
    /// Switch between the internal write-up and the one safe to publish
    TogglePublic,
    /// Switch between writing Markdown and a web page
    ToggleFormat,
    /// Write the write-up to the exports folder
    Write,
}

impl ExportAction {
    pub fn description(&self) -> &'static str {
        match self {
            ExportAction::Down => "scroll down a line",
            ExportAction::Up => "scroll up a line",
            ExportAction::PageDown => "scroll down a page",
            ExportAction::PageUp => "scroll up a page",
            ExportAction::Top => "go to the top",
            ExportAction::Bottom => "go to the end",
            ExportAction::ToggleNotes => "include every session's full notes, or leave them out",
            ExportAction::TogglePublic => {
                "switch between the internal write-up and the public one (no names under the Chatham House Rule, no private notes, contact details redacted)"
            }
            ExportAction::ToggleFormat => {
                "switch between writing Markdown (.md) and a web page (.html) with the same words"
            }
            ExportAction::Write => "write the write-up to the exports folder",
        }
    }
}

fn bind(keys: &[Key], label: &'static str, action: ExportAction) -> Binding {
    Binding::new(keys, label, Action::Export(action))
}

pub fn bindings(state: &State) -> Vec<Binding> {
    let notes = if state.export.options.with_notes {
        "hide notes"
    } else {
        "add notes"
    };
    let public = if state.export.options.public {
        "internal"
    } else {
        "public"
    };
    let format = if state.export.web_page {
        "Markdown"
    } else {
        "web page"
    };
    vec![
        bind(
            &[Key::char('w'), Key::code(KeyCode::Enter)],
            "write",
            ExportAction::Write,
        ),
        bind(&[Key::char('n')], notes, ExportAction::ToggleNotes),
        bind(&[Key::char('p')], public, ExportAction::TogglePublic),
        bind(&[Key::char('f')], format, ExportAction::ToggleFormat),
        bind(&down_keys(), "scroll", ExportAction::Down),
        bind(&up_keys(), "up", ExportAction::Up).help_only(),
        bind(
            &[Key::code(KeyCode::PageDown), Key::char(' ')],
            "page",
            ExportAction::PageDown,
        )
        .help_only(),
        bind(
            &[Key::code(KeyCode::PageUp)],
            "page up",
            ExportAction::PageUp,
        )
        .help_only(),
        bind(
            &[Key::code(KeyCode::Home), Key::char('g')],
            "top",
            ExportAction::Top,
        )
        .help_only(),
        bind(
            &[Key::code(KeyCode::End), Key::char('G')],
            "end",
            ExportAction::Bottom,
        )
        .help_only(),
    ]
}

/// Rows of the preview on this terminal: the body less the two lines that
/// say what is shown and where it goes, and the rule under them.
pub fn preview_rows(state: &State) -> usize {
    usize::from(
        state
            .height
            .saturating_sub(crate::tui::view::BODY_TOP + 2 + 3),
    )
}

/// The width the preview is wrapped to.
pub fn preview_width(state: &State) -> u16 {
    state.width.saturating_sub(2).max(1)
}

/// The file the write-up is written to, named as `unconf export` names it:
/// after the event's folder, with `-public` for the public version, `.md`
/// or `.html`.
pub fn file_name(state: &State) -> String {
    let folder = if state.folder_name.is_empty() {
        slugify(&state.event().info.name)
    } else {
        state.folder_name.clone()
    };
    let stem = crate::export::file_stem(&folder, state.export.options.public);
    let extension = if state.export.web_page { "html" } else { "md" };
    format!("{stem}.{extension}")
}

/// The write-up of the live event as the screen shows it, made again only
/// when something it depends on changed.
pub fn preview(state: &State) -> Rc<Preview> {
    let width = preview_width(state);
    state
        .export
        .kept
        .get(state.event(), state.export.options, width)
}

pub fn update(state: &mut State, action: ExportAction) -> Vec<Effect> {
    let page = preview_rows(state).saturating_sub(1).max(1);
    match action {
        ExportAction::Down => scroll_by(state, 1),
        ExportAction::Up => scroll_by(state, -1),
        ExportAction::PageDown => scroll_by(state, page as isize),
        ExportAction::PageUp => scroll_by(state, -(page as isize)),
        ExportAction::Top => scroll_by(state, isize::MIN),
        ExportAction::Bottom => scroll_by(state, isize::MAX),
        ExportAction::ToggleNotes => {
            let options = &mut state.export.options;
            options.with_notes = !options.with_notes;
            scroll_by(state, 0);
            state.info(if state.export.options.with_notes {
                "Full notes included, as an appendix at the end."
            } else {
                "Full notes left out."
            });
            Vec::new()
        }
        ExportAction::TogglePublic => {
            let options = &mut state.export.options;
            options.public = !options.public;
            scroll_by(state, 0);
            state.info(if state.export.options.public {
                "Public write-up: no names in Chatham House sessions, no private notes, contact details redacted."
            } else {
                "Internal write-up: every name and private note, for the organisers only."
            });
            Vec::new()
        }
        ExportAction::ToggleFormat => {
            state.export.web_page = !state.export.web_page;
            state.info(if state.export.web_page {
                "w writes a web page: one .html file to publish or paste, with the same words."
            } else {
                "w writes Markdown, as shown."
            });
            Vec::new()
        }
        ExportAction::Write => write(state),
    }
}

/// Scrolls, never past the last page of the preview.
fn scroll_by(state: &mut State, lines: isize) -> Vec<Effect> {
    let total = preview(state).lines.len();
    let most = total.saturating_sub(preview_rows(state));
    state.export.scroll = state.export.scroll.saturating_add_signed(lines).min(most);
    Vec::new()
}

fn write(state: &mut State) -> Vec<Effect> {
    let text = if state.export.web_page {
        crate::export::html::html(state.event(), &state.export.options.markdown())
    } else {
        preview(state).made.text.clone()
    };
    let file_name = file_name(state);
    state.info(format!("Writing {file_name}…"));
    vec![Effect::WriteExport { file_name, text }]
}

/// Scrolling with the mouse wheel; the rest of the input is not for here.
pub fn on_input(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Scroll(lines) => scroll_by(state, isize::from(lines)),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests;
