//! Plain mode: note-taker mode as a line-by-line conversation, for screen
//! readers (NVDA, JAWS, Orca, VoiceOver).
//!
//! Nothing here draws. The program writes whole lines, once, in order, and
//! never a control sequence: no alternate screen, no cursor movement, no
//! colour. Lines are read with the terminal's own line editing (its cooked
//! mode): while the person types, the program writes nothing at all, and
//! changes from other laptops wait in [`announce::Announcements`] for the
//! next prompt.
//!
//! Behind the conversation is the TUI's own note-taker: the same `State`,
//! `update` and effects (`dialogue` turns lines into actions), the same
//! folder, lock, drafts and reload (`tui::open`, `tui::carry_out`,
//! `tui::reload_news`), so that every guarantee of the TUI holds here too.

pub mod announce;
pub mod command;
pub mod dialogue;
pub mod readout;
mod terminal;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use announce::{Announcements, Seen};
use dialogue::{Dialogue, Mode};
use readout::{describe, numbered};
use terminal::{Out, first_run, read_lines, typed};

use crate::model::reference::{RefError, resolve_session};
use crate::model::text::inert_line;
use crate::store::{Clock, Disk, location};
use crate::tui::action::{Action, Effect};
use crate::tui::screen::notes::enter_note_taker;
use crate::tui::state::State;
use crate::tui::update::update;
use crate::tui::watch::Watch;
use crate::tui::{Setup, carry_out, open, reload_news, wait_for_saves};

/// How often the clock ticks and the folder is looked at while waiting for
/// a line (drafts, retried saves, other laptops' changes).
pub(crate) const TICK: Duration = Duration::from_millis(250);

/// True when `UNCONF_PLAIN` asks for plain mode (`1`, `true`, `yes`, `on`),
/// false when it asks for the TUI (`0`, `false`, `no`, `off`), `None` when
/// it is not set and the stored setting decides.
pub fn from_env() -> Option<bool> {
    let value = std::env::var("UNCONF_PLAIN").ok()?;
    match value.trim().to_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" | "" => Some(false),
        _ => None,
    }
}

/// Note-taker mode for `session` of the event in `dir`, line by line, until
/// `/quit`, the end of input, or a signal.
pub fn run(setup: Setup, dir: PathBuf, session: &str, slot: Option<&str>) -> Result<(), String> {
    // Ctrl-C too: the terminal is in its ordinary mode, so Ctrl-C is a
    // signal, and leaving by it must keep the draft of a summary.
    let stop = crate::tui::stop_on_signals()?;
    let input = read_lines();
    let mut out = Out::default();
    let me = match setup.identity.clone() {
        Some(me) => me,
        None => match first_run(&setup, &input, &stop, &mut out)? {
            Some(me) => me,
            None => return Ok(()),
        },
    };
    if let Some(config) = &setup.config {
        // A courtesy for next time; failing to remember is not an error.
        let _ = location::remember_last_event(config, &dir);
    }
    let (mut disk, mut state) = open(&dir, me, setup.clock)?;
    let mut dialogue = Dialogue::default();
    start(&mut state, &mut dialogue, session, slot, &mut out);
    let mut conversation = Conversation {
        state: &mut state,
        disk: &mut disk,
        dialogue,
        queue: Announcements::default(),
        out,
        clock: setup.clock,
        stop: &stop,
        watch: Watch::new(&dir),
        ticked: Instant::now(),
    };
    conversation.run(&input);
    Ok(())
}

/// Says where notes go, or asks which session when the name fits several.
fn start(
    state: &mut State,
    dialogue: &mut Dialogue,
    session: &str,
    slot: Option<&str>,
    out: &mut Out,
) {
    out.line(&format!(
        "unconf note-taker, plain mode. Event: {}.",
        inert_line(&state.event().info.name)
    ));
    if let Some(reason) = state.replica.read_only() {
        out.line(&format!(
            "Read-only: {}. Notes cannot be added here.",
            inert_line(reason)
        ));
    }
    let offered = state.status.take();
    match resolve_session(state.event(), session, slot) {
        Err(RefError::Ambiguous { candidates, .. }) => {
            let ids: Vec<_> = candidates.into_iter().map(|(id, _)| id).collect();
            out.line(&format!(
                "\"{}\" matches {} sessions; which one?",
                inert_line(session.trim()),
                ids.len()
            ));
            for line in numbered(state.event(), &ids) {
                out.line(&line);
            }
            out.line("Type its number.");
            dialogue.mode = Mode::Choosing(ids);
            return;
        }
        // A name that matches nothing while the schedule is there is most
        // likely mistyped: choose from the list rather than type notes that
        // would wait on this laptop for a session that never comes.
        Err(RefError::NotFound { .. }) if !state.event().sessions.is_empty() => {
            out.line(&format!(
                "No session matches \"{}\"; choose one from the list.",
                inert_line(session.trim())
            ));
            for line in dialogue.list_sessions(state).lines {
                out.line(&line);
            }
            return;
        }
        found => enter_note_taker(state, session, slot, found),
    }
    if let Some(id) = state.note_taker.clone()
        && state.notes.schedule_missing.is_none()
    {
        out.line(&format!(
            "Taking notes in {}.",
            describe(state.event(), &id)
        ));
    }
    let typed = state.notes.capture.text();
    if !typed.trim().is_empty() {
        // The line editor cannot show it half-typed: read it out instead.
        state.notes.capture.clear();
        state.status = None;
        out.line(&format!(
            "Typed last time and not added: {}. Type it again to add it.",
            inert_line(typed.trim())
        ));
    }
    for status in [offered, state.status.take()].into_iter().flatten() {
        out.line(&status.text);
    }
    out.line("Type a note and press Enter. /help lists the commands.");
}

struct Conversation<'a> {
    state: &'a mut State,
    disk: &'a mut Disk,
    dialogue: Dialogue,
    queue: Announcements,
    out: Out,
    clock: Clock,
    stop: &'a AtomicBool,
    watch: Watch,
    ticked: Instant,
}

impl Conversation<'_> {
    fn run(&mut self, input: &Receiver<Option<String>>) {
        loop {
            for line in self.queue.take() {
                self.out.line(&line);
            }
            self.out.prompt(self.dialogue.prompt());
            self.queue.prompted();
            let line = self.wait_for_line(input);
            self.queue.entered();
            let Some(line) = line else {
                self.leave("Stopped. Everything is saved.");
                return;
            };
            if self.answer(&line) {
                if !self.disk.has_unsaved() {
                    self.out.line("Everything is saved. Goodbye.");
                }
                return;
            }
            if self.out.broken {
                self.leave("");
                return;
            }
        }
    }

    /// Ticks the clock and reads other laptops' changes until a line
    /// comes; `None` at the end of input or on a signal. Lines typed fast
    /// one after another still leave room for the tick.
    fn wait_for_line(&mut self, input: &Receiver<Option<String>>) -> Option<String> {
        loop {
            if self.stop.load(Ordering::Relaxed) {
                return None;
            }
            let wait = TICK.saturating_sub(self.ticked.elapsed());
            if wait.is_zero() {
                self.tick();
                continue;
            }
            match input.recv_timeout(wait) {
                Ok(line) => return line,
                Err(RecvTimeoutError::Disconnected) => return None,
                Err(RecvTimeoutError::Timeout) => {}
            }
        }
    }

    /// The clock moves on (drafts, a failed save tried again), and the
    /// folder is read when something in it changed.
    fn tick(&mut self) {
        self.ticked = Instant::now();
        self.state.status = None;
        let effects = update(self.state, Action::Tick(self.clock.now()));
        carry_out(effects, self.state, self.disk);
        wait_for_saves(self.state, self.disk);
        if let Some(status) = self.state.status.take() {
            self.queue.push(status.text);
        }
        if self.watch.due() {
            self.reload();
        }
    }

    fn reload(&mut self) {
        let session = self.state.note_taker.clone();
        let seen = Seen::of(&self.state.replica, session.as_ref());
        for news in reload_news(self.state, self.disk) {
            if let (Action::Told { text, .. }, false) = (news.told, news.count) {
                self.queue.push(text);
            }
        }
        for line in seen.news(&self.state.replica, session.as_ref()) {
            self.queue.push(line);
        }
    }

    /// Answers one line; true when the program should end.
    fn answer(&mut self, line: &str) -> bool {
        let line = typed(line);
        if self.dialogue.mode == Mode::Notes && line.trim().is_empty() {
            if self.queue.is_empty() {
                self.out.line("Nothing new.");
            }
            return false;
        }
        if self.dialogue.mode == Mode::Notes
            && self.state.note_taker.is_none()
            && !line.trim_start().starts_with('/')
        {
            self.out
                .line("Choose a session first: /session lists them.");
            return false;
        }
        let reply = self.dialogue.on_line(self.state, &line);
        for text in &reply.lines {
            self.out.line(text);
        }
        let saves = reply.effects.contains(&Effect::Save);
        let quit = carry_out(reply.effects, self.state, self.disk);
        // The answer below tells whether the line is on disk.
        wait_for_saves(self.state, self.disk);
        let status = self.state.status.take();
        match (&self.state.save_error, status) {
            // Never "Added" for what is not on disk yet.
            (Some(error), _) if saves => self.out.line(&format!("Not saved yet. {error}")),
            (_, Some(status)) => self.out.line(&status.text),
            _ => {}
        }
        quit
    }

    /// Leaves after the end of input or a signal: drafts are kept and the
    /// own file written, as `/quit` does.
    fn leave(&mut self, message: &str) {
        self.disk.mark_closing();
        let effects = update(self.state, Action::Quit);
        carry_out(effects, self.state, self.disk);
        if self.disk.has_unsaved() {
            let error = self.state.save_error.clone().unwrap_or_default();
            self.out.line(&error);
        } else if !message.is_empty() {
            self.out.line("");
            self.out.line(message);
        }
    }
}
