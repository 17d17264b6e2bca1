//! Typing latency in a real pseudo-terminal: unconf's note-taker mode on the
//! large generated event against `vim -u NONE` on a text file of the same
//! size, in the same run. Each of 200 characters is typed one at a time and
//! timed until it is echoed on the screen; start-up is timed until the first
//! full frame. Prints median and 95th percentile, and the ratios.
//!
//! Both programs run side by side and the keys alternate between them (one
//! to unconf, the same one to vim, the next to vim first), so that whatever
//! else the machine is doing falls on both alike: typed one program after
//! the other, a busy few seconds landed on one of them only, and moved the
//! ratio by more than the difference being measured. The one not being
//! typed into is idle: vim does nothing, unconf wakes a few times a second
//! for well under a millisecond (measured in docs/PERFORMANCE.md, too rare
//! to move a median or a 95th percentile).
//!
//! Then, with or without vim, typing on the organiser's laptop while its
//! own file is saved, against typing with no save in flight (see
//! `echo_while_saving`).
//!
//! `cargo bench --bench latency` (LATENCY_ROUNDS, default 3; LATENCY_KEYS,
//! default 200; `UNCONF_BENCH_QUICK=1` makes it one round of 60 keys;
//! `LATENCY_SAMPLES=FILE` writes every echo to FILE once all are typed,
//! under a heading line, a line a key: round, key, which program had it
//! first, unconf's and vim's echo in microseconds; to study the tail). Its
//! budgets: echo median and 95th percentile at most vim's, start-up below
//! twice vim's, and the echo's median and 95th percentile during a save at
//! most 1.2 times those without; the process exits non-zero when one is
//! over. See docs/PERFORMANCE.md.

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use common::{Budgets, number};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use unconf::store::generate::{Sizes, generate};

const ROWS: u16 = 40;
const COLS: u16 = 120;
/// Longer than any echo; a key not echoed by then is a failure.
const PATIENCE: Duration = Duration::from_secs(20);
/// The pause between keys, so that each key meets a settled screen.
const BETWEEN_KEYS: Duration = Duration::from_millis(25);
/// What is typed: words and punctuation without spaces, since a space at
/// the end of a line is invisible on screen and so cannot be seen echoed.
const TEXT: &str =
    "we-agreed-to-pilot-the-shared-standard-with-two-councils-before-march,then-report-back.";

const ECHO_MEDIAN: &str = "typing echo, median: unconf / vim";
const ECHO_P95: &str = "typing echo, 95th percentile: unconf / vim";
const START_UP: &str = "start-up to first full frame: unconf / vim";
const WHILE_SAVING: &str = "typing echo while a save is in flight, median: during / without";
const WHILE_SAVING_P95: &str =
    "typing echo while a save is in flight, 95th percentile: during / without";
/// The organiser's laptop of a generated event: its own file holds every
/// pitch, session and room (2.7 MiB on large), the largest a save writes.
const ORGANISER: &str = "generated organiser laptop";
/// Echoes needed on each side before the save budget is judged.
const ENOUGH: usize = 30;
/// Keys typed one after the other, as soon as each is echoed, in each
/// note of the save budgets.
const STREAK: usize = 40;

fn main() -> std::process::ExitCode {
    if !common::measuring() {
        println!("latency: test run; typing latency is measured only under `cargo bench`.");
        return std::process::ExitCode::SUCCESS;
    }
    let quick = std::env::var_os("UNCONF_BENCH_QUICK").is_some_and(|v| v != "0");
    let rounds = number("LATENCY_ROUNDS", if quick { 1 } else { 3 }).max(1);
    let keys = number("LATENCY_KEYS", if quick { 60 } else { 200 }).max(1);
    let mut budgets = Budgets::new("latency");
    let root = tempfile::tempdir().expect("a temp dir");
    let sessions = root.path().join("sessions");
    let event = sessions.join("large");
    generate(&event, &Sizes::LARGE).expect("large generated");
    let text_file = root.path().join("notes.txt");
    let bytes = write_text_file(&event, &text_file);
    println!(
        "large event: {:.1} MiB in its device files; vim's file: {:.1} MiB",
        mib(bytes),
        mib(std::fs::metadata(&text_file).map_or(0, |m| m.len()))
    );

    let mut unconf = Tally::default();
    let mut vim = Tally::default();
    let vim_path = on_path("vim");
    let rounds = if vim_path.is_some() { rounds } else { 0 };
    for round in 0..rounds {
        let Some(vim_path) = &vim_path else { break };
        let label = format!("latency laptop {round}");
        let command = unconf_notes(root.path(), &sessions, &label, "Latency");
        let mut ours = unconf.start(command, "Generated pitch #0001", false);

        let mut command = CommandBuilder::new(vim_path);
        command.args(["-u", "NONE", "-i", "NONE", "-n"]);
        command.env_clear();
        command.arg(&text_file);
        command.env("HOME", root.path());
        command.cwd(root.path());
        let mut theirs = vim.start(command, "notes.txt\" ", true);

        for (n, c) in TEXT.chars().cycle().take(keys).enumerate() {
            // The same key to both, the first of them taking turns.
            if n % 2 == 0 {
                unconf.type_key(&mut ours, c);
                vim.type_key(&mut theirs, c);
            } else {
                vim.type_key(&mut theirs, c);
                unconf.type_key(&mut ours, c);
            }
        }
    }

    if let Some(path) = std::env::var_os("LATENCY_SAMPLES") {
        write_samples(Path::new(&path), keys, &unconf, &vim);
    }
    let saving = echo_while_saving(root.path(), &sessions, if quick { 8 } else { 24 });
    let row = |label: &str, a: Duration, b: Duration| {
        println!(
            "{label:<28}{:>12}{:>12}{:>13.2}x",
            format!("{:.3} ms", ms(a)),
            format!("{:.3} ms", ms(b)),
            ms(a) / ms(b)
        );
    };
    let ratio = |a: Duration, b: Duration| ms(a) / ms(b);
    if vim_path.is_none() {
        let why = "vim is not on the PATH, and the budgets are against vim";
        budgets.unmeasured(ECHO_MEDIAN, 1.0, "x", why);
        budgets.unmeasured(ECHO_P95, 1.0, "x", why);
        budgets.unmeasured(START_UP, 2.0, "x", why);
    } else {
        println!("\n{rounds} rounds of {keys} keys, {COLS}x{ROWS}:");
        println!(
            "{:<28}{:>12}{:>12}{:>14}",
            "", "unconf", "vim -u NONE", "unconf / vim"
        );
        row("echo, median", unconf.percentile(50), vim.percentile(50));
        row(
            "echo, 95th percentile",
            unconf.percentile(95),
            vim.percentile(95),
        );
        row("echo, worst", unconf.percentile(100), vim.percentile(100));
        row(
            "start-up to full frame, median",
            unconf.start_median(),
            vim.start_median(),
        );
        echo_budgets(&mut budgets, [ECHO_MEDIAN, ECHO_P95], &unconf, &vim, 1.0);
        budgets.below(
            START_UP,
            ratio(unconf.start_median(), vim.start_median()),
            2.0,
            "x",
        );
    }
    let (during, without) = saving;
    println!(
        "\nthe organiser's laptop typing notes, each committed with Enter (its own \
         file, saved whole each time, is {:.1} MiB at the end): {} echoes while a \
         save was in flight, {} without",
        mib(own_file_bytes(&event)),
        during.echoes.len(),
        without.echoes.len()
    );
    if during.echoes.len() < ENOUGH || without.echoes.len() < ENOUGH {
        let why = format!(
            "{} echoes during a save and {} without, fewer than {ENOUGH}",
            during.echoes.len(),
            without.echoes.len()
        );
        budgets.unmeasured(WHILE_SAVING, 1.2, "x", &why);
        budgets.unmeasured(WHILE_SAVING_P95, 1.2, "x", &why);
    } else {
        println!(
            "{:<28}{:>12}{:>12}{:>14}",
            "", "saving", "not saving", "during / not"
        );
        row(
            "echo, median",
            during.percentile(50),
            without.percentile(50),
        );
        row(
            "echo, 95th percentile",
            during.percentile(95),
            without.percentile(95),
        );
        let names = [WHILE_SAVING, WHILE_SAVING_P95];
        echo_budgets(&mut budgets, names, &during, &without, 1.2);
    }
    budgets.finish()
}

/// Typing on the organiser's laptop, whose own file is the largest a save
/// writes, in note-taker mode: notes of [`STREAK`] keys, each committed
/// with Enter, which saves the own file on the writer thread. The notes
/// alternate: one typed at once after a commit, while its save is on its
/// way; the next as soon as no save is in flight (the status line no
/// longer says "saving…"). Each key is typed as soon as the last is
/// echoed; its echo goes to the first tally when "saving…" was on screen
/// when the key was sent or in the frame that showed it, else to the
/// second. A first note, not counted, starts the first save.
fn echo_while_saving(root: &Path, sessions: &Path, cycles: usize) -> (Tally, Tally) {
    let command = unconf_notes(root, sessions, ORGANISER, "Organiser");
    let mut during = Tally::default();
    let mut without = Tally::default();
    let mut typing = Tally::default().start(command, "Generated pitch #0001", false);
    let mut letters = TEXT.chars().cycle();
    let mut note = |typing: &mut Typing, during: &mut Tally, without: &mut Tally| {
        for c in letters.by_ref().take(STREAK) {
            typing.echo(c, during, without);
        }
        typing.commit();
    };
    note(&mut typing, &mut Tally::default(), &mut Tally::default());
    for _ in 0..cycles {
        note(&mut typing, &mut during, &mut without);
        typing.term.wait_until(|screen| !screen.contains("saving…"));
        note(&mut typing, &mut during, &mut without);
    }
    typing.term.wait_until(|screen| !screen.contains("saving…"));
    (during, without)
}

/// The budgets `names` on the echo's median and 95th percentile: `ours`
/// at most `limit` times `theirs`.
fn echo_budgets(budgets: &mut Budgets, names: [&str; 2], ours: &Tally, theirs: &Tally, limit: f64) {
    for (name, p) in names.into_iter().zip([50, 95]) {
        let measured = ms(ours.percentile(p)) / ms(theirs.percentile(p));
        budgets.at_most(name, measured, limit, "x");
    }
}

/// `unconf notes large #0001` (note-taker mode on the large event's first
/// session) as the laptop `device` of `author`, in a home of its own under
/// `root` with its events in `sessions`.
fn unconf_notes(root: &Path, sessions: &Path, device: &str, author: &str) -> CommandBuilder {
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_unconf"));
    command.args(["notes", "large", "#0001"]);
    command.env_clear();
    for (key, value) in [
        ("HOME", root.to_path_buf()),
        ("XDG_CONFIG_HOME", root.join("config")),
        ("XDG_DATA_HOME", root.join("data")),
        ("UNCONF_HOME", sessions.to_path_buf()),
    ] {
        command.env(key, value);
    }
    command.env("UNCONF_DEVICE", device);
    command.env("UNCONF_AUTHOR", author);
    command.cwd(root);
    command
}

/// The size of the organiser's own file in the event folder `event`.
fn own_file_bytes(event: &Path) -> u64 {
    common::device_files(event)
        .iter()
        .filter(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.starts_with("generated-organiser-laptop"))
        })
        .map(|path| std::fs::metadata(path).map_or(0, |m| m.len()))
        .sum()
}

/// Every echo, in the order typed (see `LATENCY_SAMPLES` above).
fn write_samples(path: &Path, keys: usize, unconf: &Tally, vim: &Tally) {
    let mut text = String::from("round\tkey\tfirst\tunconf_us\tvim_us\n");
    for (n, (ours, theirs)) in unconf.echoes.iter().zip(&vim.echoes).enumerate() {
        let first = if (n % keys).is_multiple_of(2) {
            "unconf"
        } else {
            "vim"
        };
        text.push_str(&format!(
            "{}\t{}\t{first}\t{}\t{}\n",
            n / keys,
            n % keys,
            ours.as_micros(),
            theirs.as_micros()
        ));
    }
    std::fs::write(path, text).expect("LATENCY_SAMPLES can be written");
}

fn on_path(program: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(program))
        .find(|path| path.is_file())
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A plain text file as large as the event's device files together: their
/// text, one after the other.
fn write_text_file(event: &Path, to: &Path) -> u64 {
    let files = common::device_files(event);
    let mut out = std::fs::File::create(to).expect("created");
    let mut total = 0;
    for file in files {
        let bytes = std::fs::read(file).expect("read");
        total += bytes.len() as u64;
        out.write_all(&bytes).expect("written");
    }
    total
}

/// A program being typed into, and what it has been sent.
struct Typing {
    term: Term,
    typed: String,
}

impl Typing {
    /// Types `c` as soon as the last key's echo is in, and times it until
    /// the note-taker's line shows it (the line's label ends in "›"; the
    /// typed text, short enough not to scroll, then the cursor's blank);
    /// into `saving` when "saving…" was on screen as the key was sent or
    /// in the frame that showed it, else into `idle`. (Counting the text's
    /// occurrences on the whole screen, as `type_key` does, fails for a
    /// first letter: the line's hint, which the letter replaces, holds the
    /// same letter.)
    fn echo(&mut self, c: char, saving: &mut Tally, idle: &mut Tally) {
        self.typed.push(c);
        let line = format!("› {} ", self.typed);
        let saving_before = self.term.flat().contains("saving…");
        self.term.send(&c.to_string());
        let took = self.term.wait_for(|screen| screen.contains(&line));
        let tally = if saving_before || self.term.flat().contains("saving…") {
            saving
        } else {
            idle
        };
        tally.echoes.push(took);
    }

    /// Enter, and waits until the line is empty again: the note is
    /// committed and its save asked for. (Not until "saving…" shows: a
    /// quick save's frames can come in one read, "saving…" already gone.)
    fn commit(&mut self) {
        let line = format!("› {} ", self.typed);
        self.term.send("\r");
        self.term.wait_until(|screen| !screen.contains(&line));
        self.typed.clear();
    }
}

#[derive(Default)]
struct Tally {
    echoes: Vec<Duration>,
    starts: Vec<Duration>,
}

impl Tally {
    /// Starts the program and waits for `ready` on a settled screen; vim
    /// is then put into insert mode.
    fn start(&mut self, command: CommandBuilder, ready: &str, vim: bool) -> Typing {
        let mut term = Term::spawn(command);
        let start = term.wait_for(|screen| screen.contains(ready));
        self.starts.push(start);
        term.settle();
        if vim {
            term.send("i");
            term.settle();
        }
        Typing {
            term,
            typed: String::new(),
        }
    }

    /// Types `c` and times it until it is echoed, then lets the screen
    /// settle.
    fn type_key(&mut self, typing: &mut Typing, c: char) {
        let Typing { term, typed } = typing;
        typed.push(c);
        let tail: String = {
            let chars: Vec<char> = typed.chars().collect();
            chars[chars.len().saturating_sub(24)..].iter().collect()
        };
        let before = occurrences(&term.flat(), &tail);
        term.send(&c.to_string());
        let took = term.wait_for(|screen| occurrences(screen, &tail) > before);
        self.echoes.push(took);
        if std::env::var_os("LATENCY_DEBUG").is_some() {
            let line = term.flat();
            let at = line.find('›').unwrap_or(0);
            eprintln!(
                "{c:?} {took:?} before={before} {:?}",
                &line[at..(at + 40).min(line.len())]
            );
        }
        std::thread::sleep(BETWEEN_KEYS);
        term.drain();
    }

    fn percentile(&self, p: usize) -> Duration {
        let mut sorted = self.echoes.clone();
        sorted.sort();
        let at = (sorted.len().saturating_sub(1) * p).div_ceil(100);
        sorted.get(at).copied().unwrap_or_default()
    }

    fn start_median(&self) -> Duration {
        let mut sorted = self.starts.clone();
        sorted.sort();
        sorted.get(sorted.len() / 2).copied().unwrap_or_default()
    }
}

fn occurrences(screen: &str, text: &str) -> usize {
    screen.matches(text).count()
}

/// A program in a pseudo-terminal, read through a terminal emulator.
struct Term {
    parser: vt100::Parser,
    output: Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    sent_at: Instant,
}

impl Term {
    fn spawn(mut command: CommandBuilder) -> Term {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        command.env("TERM", "xterm-256color");
        let sent_at = Instant::now();
        let child = pty
            .slave
            .spawn_command(command)
            .expect("the program starts");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("a reader");
        let writer = pty.master.take_writer().expect("a writer");
        let (tx, output) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        // The master must stay open for the child's lifetime.
        std::mem::forget(pty.master);
        let size = |n: u16| std::num::NonZero::new(n).expect("a size above zero");
        Term {
            parser: vt100::Parser::new(size(ROWS), size(COLS), 0),
            output,
            writer,
            child,
            sent_at,
        }
    }

    /// The screen's text with its rows joined, so that text wrapped onto
    /// the next row is still found.
    fn flat(&self) -> String {
        self.parser.screen().contents().replace('\n', "")
    }

    fn send(&mut self, text: &str) {
        self.sent_at = Instant::now();
        self.writer.write_all(text.as_bytes()).expect("typed");
        self.writer.flush().expect("flushed");
    }

    /// Reads output until `seen` holds; the time since the last key was
    /// sent (or since the start).
    fn wait_for(&mut self, seen: impl Fn(&str) -> bool) -> Duration {
        loop {
            let waited = self.sent_at.elapsed();
            let left = PATIENCE.checked_sub(waited).unwrap_or_else(|| {
                panic!(
                    "nothing came; the screen shows:\n{}",
                    self.parser.screen().contents()
                )
            });
            match self.output.recv_timeout(left) {
                Ok(bytes) => {
                    let at = self.sent_at.elapsed();
                    self.parser.process(&bytes);
                    if seen(&self.flat()) {
                        return at;
                    }
                }
                Err(error) => panic!(
                    "{error} after {waited:?} (the program: {:?}); the screen shows:\n{}",
                    self.child.try_wait(),
                    self.parser.screen().contents()
                ),
            }
        }
    }

    /// Reads output until `seen` holds, which it may already: for waits
    /// that time nothing (an idle screen writes nothing more).
    fn wait_until(&mut self, seen: impl Fn(&str) -> bool) {
        let until = Instant::now() + PATIENCE;
        while !seen(&self.flat()) {
            let left = until.checked_duration_since(Instant::now());
            match left.map(|left| self.output.recv_timeout(left)) {
                Some(Ok(bytes)) => self.parser.process(&bytes),
                _ => panic!(
                    "waited {PATIENCE:?} (the program: {:?}); the screen shows:\n{}",
                    self.child.try_wait(),
                    self.parser.screen().contents()
                ),
            }
        }
    }

    /// Reads output for a second (a clock on screen may never stop).
    fn settle(&mut self) {
        self.settle_for(Duration::from_millis(1000));
    }

    /// Reads output for `pause`.
    fn settle_for(&mut self, pause: Duration) {
        let until = Instant::now() + pause;
        while let Some(left) = until.checked_duration_since(Instant::now()) {
            if let Ok(bytes) = self.output.recv_timeout(left) {
                self.parser.process(&bytes);
            }
        }
    }

    /// Reads whatever output is waiting.
    fn drain(&mut self) {
        while let Ok(bytes) = self.output.try_recv() {
            self.parser.process(&bytes);
        }
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
