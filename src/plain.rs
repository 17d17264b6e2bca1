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

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use announce::{Announcements, Seen};
use dialogue::{Dialogue, Mode, describe, numbered};

use crate::model::reference::{RefError, resolve_session};
use crate::model::text::inert_line;
use crate::store::{Clock, Disk, Identity, location};
use crate::tui::action::{Action, Effect};
use crate::tui::screen::notes::enter_note_taker;
use crate::tui::state::State;
use crate::tui::update::update;
use crate::tui::watch::Watch;
use crate::tui::{Setup, carry_out, open, reload_news};

/// How often the clock ticks and the folder is looked at while waiting for
/// a line (drafts, retried saves, other laptops' changes).
const TICK: Duration = Duration::from_millis(250);

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
    let stop = Arc::new(AtomicBool::new(false));
    // Ctrl-C too: the terminal is in its ordinary mode, so Ctrl-C is a
    // signal, and leaving by it must keep the draft of a summary.
    let mut signals = vec![signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM];
    #[cfg(unix)]
    signals.push(signal_hook::consts::SIGHUP);
    for signal in signals {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .map_err(|e| format!("Could not watch for signals: {e}."))?;
    }
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
                "\"{}\" is {} sessions (a repeated session); which one?",
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
                self.out.line("Everything is saved. Goodbye.");
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
        if !message.is_empty() {
            self.out.line("");
            self.out.line(message);
        }
    }
}

/// A typed line as text: an arrow or function key the terminal passed
/// through (`ESC [ A`: the terminal's line editing has no history) is
/// dropped whole, other control characters too, and tabs become spaces.
fn typed(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => {
                if chars.next_if(|n| *n == '[' || *n == 'O').is_some() {
                    // Parameters, then one final byte.
                    while chars
                        .next_if(|n| ('\u{20}'..='\u{3f}').contains(n))
                        .is_some()
                    {}
                    chars.next_if(|n| ('\u{40}'..='\u{7e}').contains(n));
                }
            }
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Lines from standard input, read on their own thread so that the clock
/// and other laptops' changes move on while the person types. `None` is
/// the end of input.
fn read_lines() -> Receiver<Option<String>> {
    let (sender, receiver) = channel();
    std::thread::spawn(move || {
        let stdin = std::io::stdin();
        let mut stdin = stdin.lock();
        loop {
            let mut bytes = Vec::new();
            match stdin.read_until(b'\n', &mut bytes) {
                Ok(0) | Err(_) => {
                    let _ = sender.send(None);
                    return;
                }
                Ok(_) => {
                    let line = String::from_utf8_lossy(&bytes);
                    let line = line.trim_end_matches(['\n', '\r']).to_string();
                    if sender.send(Some(line)).is_err() {
                        return;
                    }
                }
            }
        }
    });
    receiver
}

/// First run: who is typing, and what this laptop is called, asked as two
/// questions. Plain mode is remembered, since this person chose it.
fn first_run(
    setup: &Setup,
    input: &Receiver<Option<String>>,
    stop: &AtomicBool,
    out: &mut Out,
) -> Result<Option<Identity>, String> {
    out.line("Welcome to unconf. Two questions, once: your name is written on the notes you take, and the laptop's name tells the other laptops whose file is whose.");
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_default();
    let Some(author) = ask(input, stop, out, "Your name", &user) else {
        return Ok(None);
    };
    let Some(label) = ask(
        input,
        stop,
        out,
        "A name for this laptop",
        &crate::store::lock::hostname(),
    ) else {
        return Ok(None);
    };
    let mut me = Identity::fresh(&label, &author);
    me.plain = true;
    if let Some(config) = &setup.config {
        let path = me.save(config).map_err(|e| e.to_string())?;
        out.line(&format!(
            "Saved in {}. Note-taking starts in plain mode from now on; unconf settings plain off turns that off.",
            inert_line(&path.display().to_string())
        ));
    }
    Ok(Some(me))
}

/// One question with a default taken by Enter; `None` at the end of
/// input or on a signal.
fn ask(
    input: &Receiver<Option<String>>,
    stop: &AtomicBool,
    out: &mut Out,
    question: &str,
    default: &str,
) -> Option<String> {
    loop {
        if default.trim().is_empty() {
            out.prompt(&format!("{question}: "));
        } else {
            out.prompt(&format!("{question} (Enter for {}): ", inert_line(default)));
        }
        let answer = loop {
            if stop.load(Ordering::Relaxed) {
                return None;
            }
            match input.recv_timeout(TICK) {
                Ok(Some(line)) => break typed(&line),
                Ok(None) | Err(RecvTimeoutError::Disconnected) => return None,
                Err(RecvTimeoutError::Timeout) => {}
            }
        };
        let answer = if answer.trim().is_empty() {
            default.trim().to_string()
        } else {
            answer.trim().to_string()
        };
        if !answer.is_empty() {
            return Some(answer);
        }
        out.line("An answer is needed.");
    }
}

/// Standard output, one whole line at a time, every character inert.
#[derive(Default)]
struct Out {
    /// Set once writing fails (the terminal has gone): the loop then ends.
    broken: bool,
}

impl Out {
    fn line(&mut self, text: &str) {
        self.write(&format!("{}\n", inert_line(text)));
    }

    fn prompt(&mut self, text: &str) {
        self.write(&inert_line(text));
    }

    fn write(&mut self, text: &str) {
        let mut stdout = std::io::stdout().lock();
        if stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
            .is_err()
        {
            self.broken = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::typed;

    #[test]
    fn keys_the_terminal_passed_through_are_dropped_from_a_line() {
        assert_eq!(typed("\u{1b}[Awho pays\u{1b}[1;5D?"), "who pays?");
        assert_eq!(typed("\u{1b}OPhelp\tme\u{7}"), "help me");
        assert_eq!(typed("plain text"), "plain text");
    }
}
