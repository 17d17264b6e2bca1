//! The conversation: each typed line becomes actions on the TUI's own
//! `State` (the same `update`, the same edits, drafts and undo), and the
//! answer is the status line the TUI would have shown, or a few lines of
//! text. Pure: no terminal, no disk; the loop carries out the effects.

use super::command::{self, Command, Input, WritingLine};
use super::readout::{self, describe, numbered};
use crate::model::Id;
use crate::model::rules::plural;
use crate::model::text::inert_line;
use crate::tui::action::{Action, Effect, Screen};
use crate::tui::screen::notes::{self, Focus, NoteAction, Part, sessions};
use crate::tui::state::State;
use crate::tui::update::update;

/// What the next line typed is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Notes and commands.
    Notes,
    /// The summary or outcome, one line at a time.
    Writing(Part),
    /// A next step: its text (0), owner (1), due date (2).
    NextStep(usize),
    /// The number of a session in the list just read out.
    Choosing(Vec<Id>),
}

/// The answer to one line: lines to print now, and effects for the loop
/// to carry out before the state's status line is printed (so that
/// "Added a note" is said only once the note is saved).
#[derive(Debug, Default, PartialEq)]
pub struct Reply {
    pub lines: Vec<String>,
    pub effects: Vec<Effect>,
}

impl Reply {
    fn say(line: impl Into<String>) -> Reply {
        Reply {
            lines: vec![line.into()],
            effects: Vec::new(),
        }
    }

    fn lines(lines: Vec<String>) -> Reply {
        Reply {
            lines,
            effects: Vec::new(),
        }
    }

    fn effects(effects: Vec<Effect>) -> Reply {
        Reply {
            lines: Vec::new(),
            effects,
        }
    }
}

#[derive(Debug)]
pub struct Dialogue {
    pub mode: Mode,
}

impl Default for Dialogue {
    fn default() -> Self {
        Dialogue { mode: Mode::Notes }
    }
}

impl Dialogue {
    /// The prompt for the next line: short, since a screen reader reads it
    /// every time.
    pub fn prompt(&self) -> &'static str {
        match &self.mode {
            Mode::Notes => "> ",
            Mode::Writing(Part::Summary) => "summary> ",
            Mode::Writing(Part::Outcome) => "outcome> ",
            Mode::NextStep(0) => "next step> ",
            Mode::NextStep(1) => "owner> ",
            Mode::NextStep(_) => "due> ",
            Mode::Choosing(_) => "session number> ",
        }
    }

    /// Handles one line typed. The state's status is cleared first, so
    /// that whatever it holds afterwards is this line's answer.
    pub fn on_line(&mut self, state: &mut State, line: &str) -> Reply {
        state.status = None;
        let reply = self.dispatch(state, line);
        if let Some(status) = &mut state.status {
            status.text = in_plain_words(&status.text);
        }
        reply
    }

    fn dispatch(&mut self, state: &mut State, line: &str) -> Reply {
        match std::mem::replace(&mut self.mode, Mode::Notes) {
            Mode::Notes => self.on_notes_line(state, line),
            Mode::Writing(part) => self.on_writing_line(state, part, line),
            Mode::NextStep(field) => self.on_next_step_line(state, field, line),
            // /quit leaves from the numbered list too.
            Mode::Choosing(_) if matches!(command::parse(line), Input::Command(Command::Quit)) => {
                self.run(state, Command::Quit)
            }
            Mode::Choosing(ids) => {
                let (reply, chosen) = choose_session(state, &ids, line);
                if !chosen {
                    self.mode = Mode::Choosing(ids);
                }
                reply
            }
        }
    }

    fn on_notes_line(&mut self, state: &mut State, line: &str) -> Reply {
        match command::parse(line) {
            Input::Nothing => Reply::default(),
            Input::Note(text) => add_note(state, &text),
            Input::Unknown(typed) => Reply::say(format!(
                "{} is not a command; /help lists them, and // starts a note with a slash.",
                inert_line(&typed)
            )),
            Input::Command(command) => self.run(state, command),
        }
    }

    fn run(&mut self, state: &mut State, command: Command) -> Reply {
        let needs_session = matches!(
            command,
            Command::Summary | Command::Outcome | Command::Next(_) | Command::List(_)
        );
        if needs_session && state.note_taker.is_none() {
            return Reply::say(NO_SESSION);
        }
        match command {
            Command::Help => Reply::lines(readout::help()),
            Command::Summary => self.open_writing(state, Part::Summary),
            Command::Outcome => self.open_writing(state, Part::Outcome),
            Command::Next(text) => self.open_next_step(state, text),
            Command::List(n) => Reply::lines(readout::list(state, n)),
            Command::Undo => Reply::effects(update(state, Action::Undo)),
            Command::Time => Reply::lines(readout::time(state)),
            Command::Who => Reply::lines(readout::who(state)),
            Command::Private => private(state),
            Command::Session => self.list_sessions(state),
            Command::Quit => Reply::effects(update(state, Action::Quit)),
        }
    }

    fn open_writing(&mut self, state: &mut State, part: Part) -> Reply {
        let action = match part {
            Part::Summary => NoteAction::Summary,
            Part::Outcome => NoteAction::Outcome,
        };
        let effects = update(state, Action::Notes(action));
        let Some(writing) = &state.notes.writing else {
            return Reply::effects(effects);
        };
        let word = part.word();
        let text = writing.field.text();
        let mut lines = Vec::new();
        if text.trim().is_empty() {
            lines.push(format!("The {word} is empty."));
        } else {
            lines.push(format!("The {word} so far:"));
            lines.extend(text.lines().map(inert_line));
        }
        if state.status.take().is_some() {
            // The TUI's words name its keys: say it as this mode does.
            lines.push(format!(
                "That includes {word} text typed last time and not yet saved."
            ));
        }
        lines.push(format!(
            "Type lines to add to the {word}. A line with only a full stop saves it, /clear empties it, /cancel leaves it as it was."
        ));
        self.mode = Mode::Writing(part);
        Reply { lines, effects }
    }

    fn on_writing_line(&mut self, state: &mut State, part: Part, line: &str) -> Reply {
        let Some(writing) = &mut state.notes.writing else {
            return Reply::say("The editor has closed; your lines are kept as a draft.");
        };
        match command::parse_writing(line) {
            WritingLine::Done => {
                let effects = update(state, Action::Submit);
                if state.notes.writing.is_some() {
                    self.mode = Mode::Writing(part);
                }
                Reply::effects(effects)
            }
            WritingLine::Cancel => {
                let key = writing.draft.key.clone();
                state.notes.writing = None;
                state.notes.focus = Focus::Capture;
                Reply {
                    lines: vec![format!("The {} is as it was.", part.word())],
                    effects: vec![Effect::ClearDraft { key }],
                }
            }
            WritingLine::Clear => {
                writing.field.clear();
                let now = state.now;
                writing.draft.typed("", now);
                self.mode = Mode::Writing(part);
                Reply::say(format!("The {} is empty now; type it again.", part.word()))
            }
            WritingLine::Text(text) if matches!(command::parse(&text), Input::Command(_)) => {
                self.mode = Mode::Writing(part);
                Reply::say(format!(
                    "Finish the {} first: a line with only a full stop saves it, /cancel leaves it as it was.",
                    part.word()
                ))
            }
            WritingLine::Text(text) => {
                let joined = if writing.field.is_empty() {
                    text
                } else {
                    format!("\n{text}")
                };
                self.mode = Mode::Writing(part);
                // Through `update`, so that the draft is kept as in the TUI.
                Reply::effects(update(state, Action::Paste(joined)))
            }
        }
    }

    fn open_next_step(&mut self, state: &mut State, text: Option<String>) -> Reply {
        // A half-typed step from the TUI is not read out here: start afresh.
        state.notes.action_form = None;
        let mut effects = update(state, Action::Notes(NoteAction::AddAction));
        if state.notes.action_form.is_none() {
            return Reply::effects(effects);
        }
        let mut field = 0;
        if let Some(text) = text {
            effects.extend(update(state, Action::Paste(text)));
            effects.extend(update(state, Action::Notes(NoteAction::NextField)));
            field = 1;
        }
        self.mode = Mode::NextStep(field);
        let mut reply = Reply::effects(effects);
        if field == 0 {
            reply
                .lines
                .push("What is the next step? Then its owner and due date; /cancel leaves.".into());
        } else {
            reply
                .lines
                .push("Who owns it? Enter leaves it empty; /cancel leaves.".into());
        }
        reply
    }

    fn on_next_step_line(&mut self, state: &mut State, field: usize, line: &str) -> Reply {
        if command::is_cancel(line) {
            state.notes.action_form = None;
            state.notes.editing_step = None;
            state.notes.focus = Focus::Capture;
            return Reply::say("No next step added.");
        }
        let typed = line.trim();
        if matches!(command::parse(typed), Input::Command(_)) {
            self.mode = Mode::NextStep(field);
            return Reply::say("Answer the question first, or /cancel to leave the next step.");
        }
        if field == 0 && typed.is_empty() {
            self.mode = Mode::NextStep(0);
            return Reply::say("Type what the next step is, or /cancel.");
        }
        let mut effects = update(state, Action::Paste(typed.to_string()));
        if field < 2 {
            effects.extend(update(state, Action::Notes(NoteAction::NextField)));
            self.mode = Mode::NextStep(field + 1);
            if field == 1 {
                let mut reply = Reply::effects(effects);
                reply
                    .lines
                    .push("When is it due (YYYY-MM-DD)? Enter leaves it empty.".into());
                return reply;
            }
            return Reply::effects(effects);
        }
        effects.extend(update(state, Action::Submit));
        if let Some(form) = &mut state.notes.action_form {
            // Refused (a date it cannot read): ask again for that field.
            if let Some(field) = form.fields.get_mut(form.focus) {
                field.clear();
            }
            self.mode = Mode::NextStep(form.focus);
        } else {
            state.notes.focus = Focus::Capture;
        }
        Reply::effects(effects)
    }

    pub fn list_sessions(&mut self, state: &mut State) -> Reply {
        let event = state.event();
        let ids: Vec<Id> = sessions::order(event, state.now)
            .into_iter()
            .cloned()
            .collect();
        if ids.is_empty() {
            return Reply::say("There are no sessions yet: the organiser has not placed any.");
        }
        let mut lines = vec![format!("{}:", plural(ids.len(), "session"))];
        lines.extend(numbered(event, &ids));
        lines.push("Type a number, or /cancel to stay in this session.".into());
        self.mode = Mode::Choosing(ids);
        Reply {
            lines,
            effects: Vec::new(),
        }
    }
}

/// The TUI's status line names its keys where it says what to do next;
/// here the same advice is a command.
fn in_plain_words(text: &str) -> String {
    text.replace("; v compares them.", "; unconf resolve lists them.")
}

const NO_SESSION: &str = "Choose a session first: /session lists them.";

/// Picks a number from the list; anything else but `/cancel` asks again.
/// True when the question is over.
fn choose_session(state: &mut State, ids: &[Id], line: &str) -> (Reply, bool) {
    if command::is_cancel(line) {
        let reply = Reply::say(match &state.note_taker {
            Some(id) => format!("Still taking notes in {}.", describe(state.event(), id)),
            None => format!("No session chosen. {NO_SESSION}"),
        });
        return (reply, true);
    }
    let chosen = line
        .trim()
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| ids.get(i));
    let Some(id) = chosen.cloned() else {
        let reply = Reply::say(format!(
            "Type a number from 1 to {}, or /cancel.",
            ids.len()
        ));
        return (reply, false);
    };
    let reply = Reply {
        effects: switch_to(state, &id),
        lines: vec![format!("Notes now go to {}.", describe(state.event(), &id))],
    };
    (reply, true)
}

/// Note-taking moves to another session; a half-typed line of the TUI's
/// is parked for its own session, as switching there does.
pub fn switch_to(state: &mut State, session: &Id) -> Vec<Effect> {
    state.screen = Screen::Notes;
    state.note_taker = Some(session.clone());
    state.notes.schedule_missing = None;
    state.notes.focus = Focus::Capture;
    notes::follow(state, session)
}

fn add_note(state: &mut State, text: &str) -> Reply {
    state.notes.focus = Focus::Capture;
    state.notes.capture.clear();
    let mut effects = update(state, Action::Paste(text.to_string()));
    effects.extend(update(state, Action::Submit));
    Reply::effects(effects)
}

fn private(state: &mut State) -> Reply {
    state.notes.private_next = !state.notes.private_next;
    Reply::say(if state.notes.private_next {
        "The next note will be private: the public write-up leaves it out. /private again cancels."
    } else {
        "The next note will not be private."
    })
}

#[cfg(test)]
mod tests;
