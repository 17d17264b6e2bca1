//! The seam between keys and behaviour: what the user means ([`Action`]) and
//! what the loop must do about it ([`Effect`]).
//!
//! Each variant's doc comment is its help text; `description()` returns it.

use chrono::{DateTime, FixedOffset};
use ratatui::crossterm::event::KeyEvent;

use super::screen::{
    event::SetupAction, export::ExportAction, notes::NoteAction, pitches::PitchAction,
    resolve::ResolveAction, schedule::ScheduleAction, wrapup::WrapupAction,
};

/// The six screens, in the order of their number keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Screen {
    Event,
    Pitches,
    Schedule,
    Notes,
    Wrapup,
    Export,
}

impl Screen {
    pub const ALL: [Screen; 6] = [
        Screen::Event,
        Screen::Pitches,
        Screen::Schedule,
        Screen::Notes,
        Screen::Wrapup,
        Screen::Export,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Screen::Event => "Event",
            Screen::Pitches => "Pitches",
            Screen::Schedule => "Schedule",
            Screen::Notes => "Notes",
            Screen::Wrapup => "Wrap-up",
            Screen::Export => "Export",
        }
    }

    /// 1-based number, as on the keyboard.
    pub fn number(self) -> usize {
        Screen::ALL
            .iter()
            .position(|s| *s == self)
            .map_or(1, |i| i + 1)
    }

    pub fn next(self) -> Screen {
        Screen::ALL[self.number() % Screen::ALL.len()]
    }

    pub fn previous(self) -> Screen {
        Screen::ALL[(self.number() + Screen::ALL.len() - 2) % Screen::ALL.len()]
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Quit (everything is already saved)
    Quit,
    /// Go to a screen
    Show(Screen),
    /// Next screen
    NextScreen,
    /// Previous screen
    PreviousScreen,
    /// Show or hide the keys
    Help,
    /// Leave the field, form or overlay
    Back,
    /// Undo the last change
    Undo,
    /// Redo what was undone
    Redo,
    /// Show the projector board full screen; any key returns
    Board,
    /// Type into the focused field
    Type(KeyEvent),
    /// Paste text into the focused field
    Paste(String),
    /// Confirm what is being typed
    Submit,
    /// Mouse: select the row at a screen position
    Click { column: u16, row: u16 },
    /// Mouse: scroll by lines (negative is up)
    Scroll(i16),

    /// The clock moved on (not from a key)
    Tick(DateTime<FixedOffset>),
    /// The terminal was resized (not from a key)
    Resize { width: u16, height: u16 },
    /// The own file was written (not from a key)
    Saved,
    /// Writing the own file failed (not from a key)
    SaveFailed(String),
    /// A message from carrying out an effect, such as an export written (not from a key)
    Told { text: String, error: bool },

    /// Event screen actions
    Setup(SetupAction),
    /// Pitches screen actions
    Pitches(PitchAction),
    /// Schedule screen actions
    Schedule(ScheduleAction),
    /// Notes screen actions
    Notes(NoteAction),
    /// Wrap-up screen actions
    Wrapup(WrapupAction),
    /// Export screen actions
    Export(ExportAction),
    /// Conflicting versions of one record (an overlay on any screen)
    Resolve(ResolveAction),
}

impl Action {
    /// The help text for this action.
    pub fn description(&self) -> &'static str {
        match self {
            Action::Quit => "quit (everything is already saved)",
            Action::Show(_) => "go to a screen",
            Action::NextScreen => "next screen",
            Action::PreviousScreen => "previous screen",
            Action::Help => "show or hide the keys",
            Action::Back => "leave: a form saves what was typed (u undoes), a line keeps it",
            Action::Undo => "undo the last change",
            Action::Redo => "redo what was undone",
            Action::Board => {
                "the projector board, full screen: now and next, large (any key returns)"
            }
            Action::Type(_) | Action::Paste(_) => "type into the focused field",
            Action::Submit => "confirm what is being typed",
            Action::Click { .. } => "select with the mouse",
            Action::Scroll(_) => "scroll",
            Action::Tick(_)
            | Action::Resize { .. }
            | Action::Saved
            | Action::SaveFailed(_)
            | Action::Told { .. } => "",
            Action::Setup(a) => a.description(),
            Action::Pitches(a) => a.description(),
            Action::Schedule(a) => a.description(),
            Action::Notes(a) => a.description(),
            Action::Wrapup(a) => a.description(),
            Action::Export(a) => a.description(),
            Action::Resolve(a) => a.description(),
        }
    }
}

/// What `update` asks the loop to do: the only way anything reaches the disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Write this device's file from the state's replica.
    Save,
    /// Keep text still being typed, under a key naming what it is for.
    SaveDraft { key: String, text: String },
    /// Forget a draft (its text was committed or deliberately discarded).
    ClearDraft { key: String },
    /// Write an export file into the exports folder.
    WriteExport { file_name: String, text: String },
    /// Leave the program.
    Quit,
}
