//! Plain mode's two ends: lines in (standard input, read in the terminal's
//! own line editing, on a thread of their own) and lines out (standard
//! output, whole lines, every character inert), and the first-run
//! questions asked through them.

use std::io::{BufRead, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};

use super::TICK;
use crate::model::text::inert_line;
use crate::store::Identity;
use crate::tui::Setup;

/// A typed line as text: an arrow or function key the terminal passed
/// through (`ESC [ A`: the terminal's line editing has no history) is
/// dropped whole, other control characters too, and tabs become spaces.
pub fn typed(line: &str) -> String {
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
pub fn read_lines() -> Receiver<Option<String>> {
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
pub fn first_run(
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
pub struct Out {
    /// Set once writing fails (the terminal has gone): the loop then ends.
    pub broken: bool,
}

impl Out {
    pub fn line(&mut self, text: &str) {
        self.write(&format!("{}\n", inert_line(text)));
    }

    pub fn prompt(&mut self, text: &str) {
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
