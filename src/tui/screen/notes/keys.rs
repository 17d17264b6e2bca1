//! What the Notes screen's keys mean: its actions (whose descriptions are
//! the help text) and the bindings for the current focus, which drive both
//! the footer and help.

use ratatui::crossterm::event::KeyCode;

use super::Focus;
use crate::tui::action::Action;
use crate::tui::keymap::{Binding, Key, down_keys, up_keys};
use crate::tui::state::State;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoteAction {
    /// Type notes in the capture line (Enter adds each one)
    Write,
    /// Go to the notes log
    ToLog,
    /// Go back to the list of sessions
    ToSessions,
    /// Select the previous session, note or next step
    Up,
    /// Select the next session, note or next step
    Down,
    /// Scroll the log back a page
    PageUp,
    /// Scroll the log forward a page
    PageDown,
    /// Select the first note
    First,
    /// Select the newest note
    Last,
    /// From the capture line, select the newest note (to fix it)
    LastNote,
    /// Edit the selected note (a prefix sets its kind)
    Edit,
    /// Delete the selected note (u undoes)
    Delete,
    /// Mark the selected note private (left out of the public write-up), or not
    Private,
    /// Write the session's summary
    Summary,
    /// Write the session's outcome
    Outcome,
    /// Attendees, note-taker and facilitator
    Details,
    /// Chatham House Rule on or off for this session
    ChathamHouse,
    /// The session's next steps: add, mark done, delete
    NextSteps,
    /// Add a next step
    AddAction,
    /// Mark the selected next step done, or open again
    ToggleDone,
    /// Change the selected next step's text, owner or due date
    EditAction,
    /// Delete the selected next step (u undoes)
    DeleteAction,
    /// Next field of the form
    NextField,
    /// Previous field of the form
    PreviousField,
    /// Take notes in the selected occurrence of the session
    Choose,
    /// Mark the selected note to move, or unmark it
    Mark,
    /// Move the marked notes (or the selected one) to another session
    Move,
}

impl NoteAction {
    pub fn description(&self) -> &'static str {
        match self {
            NoteAction::Write => "type notes in the capture line (Enter adds each one)",
            NoteAction::Choose => "take notes in the selected occurrence of the session",
            NoteAction::Mark => "mark the selected note to move, or unmark it",
            NoteAction::Move => "move the marked notes (or the selected one) to another session",
            NoteAction::ToLog => "go to the notes log",
            NoteAction::ToSessions => "go back to the list of sessions",
            NoteAction::Up => "select the previous session, note or next step",
            NoteAction::Down => "select the next session, note or next step",
            NoteAction::PageUp => "scroll the log back a page",
            NoteAction::PageDown => "scroll the log forward a page",
            NoteAction::First => "select the first note",
            NoteAction::Last => "select the newest note",
            NoteAction::LastNote => "from the capture line, select the newest note (to fix it)",
            NoteAction::Edit => "edit the selected note (a prefix sets its kind)",
            NoteAction::Delete => "delete the selected note (u undoes)",
            NoteAction::Private => {
                "mark the selected note private (left out of the public write-up), or not"
            }
            NoteAction::Summary => "write the session's summary",
            NoteAction::Outcome => "write the session's outcome",
            NoteAction::Details => "attendees, note-taker and facilitator",
            NoteAction::ChathamHouse => "Chatham House Rule on or off for this session",
            NoteAction::NextSteps => "the session's next steps: add, mark done, delete",
            NoteAction::AddAction => "add a next step",
            NoteAction::ToggleDone => "mark the selected next step done, or open again",
            NoteAction::DeleteAction => "delete the selected next step (u undoes)",
            NoteAction::EditAction => "change the selected next step's text, owner or due date",
            NoteAction::NextField => "next field of the form",
            NoteAction::PreviousField => "previous field of the form",
        }
    }
}

fn bind(keys: &[Key], label: &'static str, action: NoteAction) -> Binding {
    Binding::new(keys, label, Action::Notes(action))
}

pub fn bindings(state: &State) -> Vec<Binding> {
    let page = [
        bind(&[Key::code(KeyCode::PageUp)], "page up", NoteAction::PageUp).help_only(),
        bind(
            &[Key::code(KeyCode::PageDown)],
            "page down",
            NoteAction::PageDown,
        )
        .help_only(),
    ];
    match state.notes.focus {
        Focus::Choose => vec![
            bind(
                &[Key::code(KeyCode::Enter)],
                if state.notes.moving.is_some() {
                    "move here"
                } else {
                    "take notes here"
                },
                NoteAction::Choose,
            ),
            bind(&up_keys(), "up", NoteAction::Up),
            bind(&down_keys(), "down", NoteAction::Down),
        ],
        Focus::Capture if state.notes.schedule_missing.is_none() => {
            let mut keys = vec![bind(
                &[Key::code(KeyCode::Up)],
                "last note",
                NoteAction::LastNote,
            )];
            keys.extend(page);
            keys
        }
        Focus::Capture | Focus::EditNote | Focus::Writing => Vec::new(),
        Focus::Details | Focus::ActionForm => vec![
            bind(
                &[Key::code(KeyCode::Tab)],
                "next field",
                NoteAction::NextField,
            ),
            bind(
                &[Key::code(KeyCode::BackTab)],
                "previous field",
                NoteAction::PreviousField,
            )
            .help_only(),
        ],
        Focus::NextSteps => vec![
            bind(&[Key::char('a')], "add", NoteAction::AddAction),
            bind(
                &[Key::char('x'), Key::char(' ')],
                "done",
                NoteAction::ToggleDone,
            ),
            bind(
                &[Key::code(KeyCode::Enter), Key::char('e')],
                "edit",
                NoteAction::EditAction,
            ),
            bind(&[Key::char('d')], "delete", NoteAction::DeleteAction),
            bind(&up_keys(), "up", NoteAction::Up).help_only(),
            bind(&down_keys(), "down", NoteAction::Down).help_only(),
        ],
        Focus::Log if state.notes.schedule_missing.is_some() => {
            vec![bind(
                &[Key::char('a'), Key::char('i')],
                "write",
                NoteAction::Write,
            )]
        }
        Focus::Log => log_bindings(state, page),
        Focus::Sessions => list_bindings(),
    }
}

/// Shown in the footer, or only in help when the footer is full: the
/// footer must always keep room for `? help` and `q quit` at 80 columns.
fn footer_if(shown: bool, binding: Binding) -> Binding {
    if shown { binding } else { binding.help_only() }
}

/// Write-up keys, shared by the list and the log.
fn writeup_bindings(in_footer: bool, details_in_footer: bool) -> Vec<Binding> {
    vec![
        footer_if(
            in_footer,
            bind(&[Key::char('s')], "summary", NoteAction::Summary),
        ),
        footer_if(
            in_footer,
            bind(&[Key::char('o')], "outcome", NoteAction::Outcome),
        ),
        footer_if(
            in_footer,
            bind(&[Key::char('n')], "next steps", NoteAction::NextSteps),
        ),
        footer_if(
            details_in_footer,
            bind(&[Key::char('e')], "details", NoteAction::Details),
        ),
        bind(&[Key::char('c')], "Chatham House", NoteAction::ChathamHouse).help_only(),
    ]
}

fn list_bindings() -> Vec<Binding> {
    let mut keys = vec![
        bind(
            &[Key::char('a'), Key::code(KeyCode::Enter)],
            "write",
            NoteAction::Write,
        ),
        bind(&[Key::char('i')], "write", NoteAction::Write).help_only(),
        bind(&up_keys(), "up", NoteAction::Up).help_only(),
        bind(&down_keys(), "down", NoteAction::Down).help_only(),
        bind(
            &[Key::code(KeyCode::Right), Key::char('l')],
            "notes log",
            NoteAction::ToLog,
        )
        .help_only(),
    ];
    keys.extend(writeup_bindings(true, true));
    keys
}

/// In note-taker mode there is no list to go back to, so the write-up keys
/// take its place in the footer.
fn log_bindings(state: &State, page: [Binding; 2]) -> Vec<Binding> {
    let taker = state.note_taker.is_some();
    let mut keys = vec![
        bind(&[Key::code(KeyCode::Enter)], "edit", NoteAction::Edit),
        footer_if(
            !taker,
            bind(&[Key::char('d')], "delete", NoteAction::Delete),
        ),
        footer_if(
            !taker,
            bind(&[Key::char('p')], "private", NoteAction::Private),
        ),
        bind(
            &[Key::char('a'), Key::char('i')],
            "write",
            NoteAction::Write,
        ),
    ];
    if !taker {
        keys.push(bind(
            &[Key::code(KeyCode::Left), Key::char('h')],
            "sessions",
            NoteAction::ToSessions,
        ));
        keys.push(bind(&[Key::char(' ')], "mark", NoteAction::Mark).help_only());
        keys.push(bind(&[Key::char('m')], "move", NoteAction::Move));
    }
    keys.extend([
        bind(&up_keys(), "up", NoteAction::Up).help_only(),
        bind(&down_keys(), "down", NoteAction::Down).help_only(),
        bind(
            &[Key::code(KeyCode::Home), Key::char('g')],
            "first",
            NoteAction::First,
        )
        .help_only(),
        bind(
            &[Key::code(KeyCode::End), Key::char('G')],
            "newest",
            NoteAction::Last,
        )
        .help_only(),
    ]);
    keys.extend(page);
    keys.extend(writeup_bindings(taker, false));
    keys
}
