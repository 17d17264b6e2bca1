//! Drives the real binary in a pseudo-terminal and reads the screen back
//! through a terminal emulator (vt100), as a person would see it.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
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
pub const PATIENCE: Duration = Duration::from_secs(20);

pub struct Tui {
    screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, as written (plain mode's tests read
    /// it; the full-screen ones read the screen).
    #[allow(dead_code)]
    transcript: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _reader: std::thread::JoinHandle<()>,
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
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_unconf"));
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
        let mut reader = pty.master.try_clone_reader().expect("a reader");
        let writer = pty.master.take_writer().expect("a writer");
        let size = |n: u16| std::num::NonZero::new(n).expect("a screen size above zero");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(size(rows), size(cols), 0)));
        let feed = Arc::clone(&screen);
        let transcript = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&transcript);
        let reader_thread = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
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
        // Keep the master open for the child's lifetime.
        std::mem::forget(pty.master);
        Tui {
            screen,
            transcript,
            writer,
            child,
            _reader: reader_thread,
        }
    }

    /// The screen's text now.
    pub fn contents(&self) -> String {
        self.screen
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    /// Everything the terminal received so far, escape sequences and all.
    #[allow(dead_code)]
    pub fn transcript(&self) -> Vec<u8> {
        self.transcript
            .lock()
            .map(|bytes| bytes.clone())
            .unwrap_or_default()
    }

    /// Waits until `text` has been written `times` times in all (the screen
    /// scrolls, so a line-by-line program is checked in its transcript).
    #[allow(dead_code)]
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
        self.writer.write_all(text.as_bytes()).expect("typed");
        self.writer.flush().expect("flushed");
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

    /// Waits for the program to end and returns its exit status.
    pub fn wait_exit(&mut self) -> bool {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!(
            "unconf did not exit; the screen shows:\n{}",
            self.contents()
        );
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}
