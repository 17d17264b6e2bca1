//! Drives the real binary in a pseudo-terminal and reads the screen back
//! through a terminal emulator (vt100), as a person would see it. The one
//! harness of every pseudo-terminal test: journeys, plain mode, and the
//! crash and signal tests (`crash_kit::pty` starts it in a crash home),
//! which need the process id for real signals (`portable-pty`'s own kill
//! sends SIGHUP, not SIGKILL) and can close the terminal under the program.

// Each test crate uses a different part of this module.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// The folders a test's home gives the binary: home, sessions, config,
/// data and local state, all inside `home`. Local state is named although
/// it follows from `HOME`, because [`cli`] keeps the environment and a
/// developer's `XDG_STATE_HOME` would otherwise take it out of the home.
pub fn dirs(home: &Path) -> Vec<(&'static str, std::path::PathBuf)> {
    vec![
        ("HOME", home.to_path_buf()),
        ("UNCONF_HOME", home.join("sessions")),
        ("XDG_CONFIG_HOME", home.join("config")),
        ("XDG_DATA_HOME", home.join("data")),
        ("XDG_STATE_HOME", home.join(".local").join("state")),
    ]
}

/// `unconf ARGS` run in `home` with its folders and the variables in `env`;
/// its standard output, after insisting it succeeded.
pub fn cli(home: &Path, env: &[(&str, &str)], args: &[&str]) -> String {
    let mut command = assert_cmd::Command::cargo_bin("unconf").expect("binary");
    for (key, path) in dirs(home) {
        command.env(key, path);
    }
    command.current_dir(home).envs(env.iter().copied());
    let output = command.args(args).output().expect("runs");
    assert!(
        output.status.success(),
        "unconf {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// How long to wait for something to appear before failing the test.
pub const PATIENCE: Duration = Duration::from_secs(30);

pub struct Tui {
    screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, as written (plain mode's tests read
    /// it; the full-screen ones read the screen).
    transcript: Arc<Mutex<Vec<u8>>>,
    writer: Option<Box<dyn Write + Send>>,
    master: Option<Box<dyn portable_pty::MasterPty + Send>>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    reader: Option<JoinHandle<()>>,
    /// Tells the reader to close its end after its next read.
    hang_up: Arc<AtomicBool>,
    pub pid: u32,
}

impl Tui {
    /// Starts `unconf ARGS` at `cols` x `rows` with the given environment.
    pub fn start(
        args: &[&str],
        env: &[(&str, &Path)],
        vars: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Tui {
        Tui::start_under(&[], args, env, vars, cols, rows)
    }

    /// As [`Tui::start`], but run by the command `under` (a program and its
    /// arguments, the binary's path and `args` after them); none: directly.
    pub fn start_under(
        under: &[&str],
        args: &[&str],
        env: &[(&str, &Path)],
        vars: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Tui {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let binary = env!("CARGO_BIN_EXE_unconf");
        let mut command = match under.split_first() {
            Some((program, rest)) => {
                let mut command = CommandBuilder::new(program);
                command.args(rest);
                command.arg(binary);
                command
            }
            None => CommandBuilder::new(binary),
        };
        command.args(args);
        command.env_clear();
        command.env("TERM", "xterm-256color");
        command.env("PATH", std::env::var("PATH").unwrap_or_default());
        for (key, path) in env {
            command.env(key, path);
        }
        for (key, value) in vars {
            command.env(key, value);
        }
        if let Some((_, home)) = env.iter().find(|(k, _)| *k == "HOME") {
            command.cwd(home);
        }
        let child = pty.slave.spawn_command(command).expect("unconf starts");
        drop(pty.slave);
        let pid = child.process_id().expect("a process id");
        let mut reader = pty.master.try_clone_reader().expect("a reader");
        let writer = pty.master.take_writer().expect("a writer");
        let size = |n: u16| std::num::NonZero::new(n).expect("a screen size above zero");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(size(rows), size(cols), 0)));
        let feed = Arc::clone(&screen);
        let transcript = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&transcript);
        let hang_up = Arc::new(AtomicBool::new(false));
        let closing = Arc::clone(&hang_up);
        let reader_thread = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || closing.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(mut bytes) = record.lock() {
                    bytes.extend_from_slice(&buf[..n]);
                }
                if let Ok(mut parser) = feed.lock() {
                    parser.process(&buf[..n]);
                }
            }
        });
        // The master stays open for the child's lifetime (or until
        // [`Tui::close_terminal`]); the reader ends when the child's side
        // closes.
        Tui {
            screen,
            transcript,
            writer: Some(writer),
            master: Some(pty.master),
            child,
            reader: Some(reader_thread),
            hang_up,
            pid,
        }
    }

    /// Resizes the terminal to `cols` x `rows`, as a window dragged to
    /// another size: the screen read from here on is of the new size, and
    /// the program is told (SIGWINCH).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        let size = |n: u16| std::num::NonZero::new(n).expect("a screen size above zero");
        self.screen
            .lock()
            .expect("the screen's parser")
            .set_size(size(rows), size(cols));
        let master = self.master.as_ref().expect("the terminal is open");
        master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("the terminal resized");
    }

    /// The screen's text now.
    pub fn contents(&self) -> String {
        self.screen
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    /// Everything the terminal received so far, escape sequences and all.
    pub fn transcript(&self) -> Vec<u8> {
        self.transcript
            .lock()
            .map(|bytes| bytes.clone())
            .unwrap_or_default()
    }

    /// Waits until `text` has been written `times` times in all (the screen
    /// scrolls, so a line-by-line program is checked in its transcript).
    pub fn wait_for_written(&self, text: &str, times: usize) {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            let written = String::from_utf8_lossy(&self.transcript())
                .matches(text)
                .count();
            if written >= times {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "timed out waiting for {text:?} written {times} times; the program wrote:\n{}",
            String::from_utf8_lossy(&self.transcript())
        );
    }

    /// Waits until the screen shows `text`; fails the test with the screen
    /// if it does not within [`PATIENCE`].
    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?}"), |screen| screen.contains(text));
    }

    /// Types text as keystrokes.
    pub fn type_text(&mut self, text: &str) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        writer.write_all(text.as_bytes()).expect("typed");
        writer.flush().expect("flushed");
    }

    /// Closes the terminal under the program, as closing its window does:
    /// every handle on the terminal's side is dropped, so the kernel hangs
    /// up the line. `key` is typed first so that the reader, which holds
    /// one handle, wakes up with the program's echo and lets go of it.
    pub fn close_terminal(&mut self, key: &str) {
        self.hang_up.store(true, Ordering::SeqCst);
        self.type_text(key);
        let start = Instant::now();
        if let Some(reader) = self.reader.take() {
            while !reader.is_finished() {
                assert!(start.elapsed() < PATIENCE, "the reader lets go");
                std::thread::sleep(Duration::from_millis(10));
            }
        }
        self.writer = None;
        self.master = None;
    }

    /// Sends a real signal (`KILL`, `TERM`, `HUP`) to the process.
    pub fn signal(&self, name: &str) {
        let status = std::process::Command::new("sh")
            .args(["-c", &format!("kill -s {name} {}", self.pid)])
            .status()
            .expect("sh runs");
        assert!(status.success(), "kill -s {name} {}", self.pid);
    }

    /// True when the terminal is back as it was: main screen, cursor shown,
    /// no mouse reporting, no bracketed paste.
    pub fn restored(&self) -> bool {
        self.screen.lock().is_ok_and(|p| {
            let screen = p.screen();
            !screen.alternate_screen()
                && !screen.hide_cursor()
                && !screen.bracketed_paste()
                && screen.mouse_protocol_mode() == vt100::MouseProtocolMode::None
        })
    }

    pub fn enter(&mut self) {
        self.type_text("\r");
    }

    /// Presses Esc and waits until the screen changes. A lone Esc is told
    /// from the start of an escape sequence by the pause after it, so the
    /// next key must not be sent before the program has taken this one;
    /// the changed screen says it has.
    pub fn escape(&mut self) {
        let before = self.contents();
        self.type_text("\x1b");
        self.wait_until("the screen to change after Esc", |now| now != before);
    }

    /// Waits until `seen` holds for the screen's text; fails the test with
    /// the screen if it does not within [`PATIENCE`].
    pub fn wait_until(&self, what: &str, seen: impl Fn(&str) -> bool) {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if seen(&self.contents()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "timed out waiting for {what}; the screen shows:\n{}",
            self.contents()
        );
    }

    /// Waits for the program to end; whether it ended successfully.
    pub fn wait_exit(&mut self) -> bool {
        self.wait_exit_status().success()
    }

    /// Waits for the process to end, and for the terminal output it wrote
    /// on the way out to be read; its exit status.
    pub fn wait_exit_status(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                break status;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "unconf did not exit; the screen shows:\n{}",
                self.contents()
            );
            std::thread::sleep(Duration::from_millis(10));
        };
        if let Some(reader) = self.reader.take() {
            while !reader.is_finished() && start.elapsed() < PATIENCE {
                std::thread::sleep(Duration::from_millis(10));
            }
        }
        status
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
