//! The real binary in a pseudo-terminal, read back through a terminal
//! emulator (vt100), with its process id so that tests can send it real
//! signals (`portable-pty`'s own kill sends SIGHUP, not SIGKILL).

use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

use super::{Home, NOW};

/// How long to wait for something to appear before failing the test.
pub const PATIENCE: Duration = Duration::from_secs(30);

pub struct Tui {
    screen: Arc<Mutex<vt100::Parser>>,
    writer: Option<Box<dyn Write + Send>>,
    master: Option<Box<dyn portable_pty::MasterPty + Send>>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    reader: Option<JoinHandle<()>>,
    /// Tells the reader to close its end after its next read.
    hang_up: Arc<AtomicBool>,
    pub pid: u32,
}

impl Tui {
    /// `unconf ARGS` at 80x24 as device `label`, plus `vars`.
    pub fn start(home: &Home, label: &str, args: &[&str], vars: &[(&str, &str)]) -> Tui {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_unconf"));
        command.args(args);
        command.env_clear();
        command.cwd(home.root());
        let root = home.root();
        for (key, value) in [
            ("HOME", root.to_path_buf()),
            ("XDG_CONFIG_HOME", root.join("config")),
            ("XDG_DATA_HOME", root.join("data")),
            ("UNCONF_HOME", home.sessions()),
        ] {
            command.env(key, value);
        }
        command.env("TERM", "xterm-256color");
        command.env("UNCONF_DEVICE", label);
        command.env("UNCONF_AUTHOR", label);
        command.env("UNCONF_NOW", NOW);
        for (key, value) in vars {
            command.env(key, value);
        }
        let child = pty.slave.spawn_command(command).expect("unconf starts");
        drop(pty.slave);
        let pid = child.process_id().expect("a process id");
        let mut reader = pty.master.try_clone_reader().expect("a reader");
        let writer = pty.master.take_writer().expect("a writer");
        let size = |n: u16| std::num::NonZero::new(n).expect("a size above zero");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(size(24), size(80), 0)));
        let feed = Arc::clone(&screen);
        let hang_up = Arc::new(AtomicBool::new(false));
        let closing = Arc::clone(&hang_up);
        let reader_thread = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || closing.load(Ordering::SeqCst) {
                    break;
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
            writer: Some(writer),
            master: Some(pty.master),
            child,
            reader: Some(reader_thread),
            hang_up,
            pid,
        }
    }

    pub fn contents(&self) -> String {
        self.screen
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    /// Waits until `seen` holds for the screen's text, failing the test
    /// with the screen if it does not within [`PATIENCE`].
    pub fn wait_until(&self, what: &str, seen: impl Fn(&str) -> bool) {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if seen(&self.contents()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!(
            "timed out waiting for {what}; the screen shows:\n{}",
            self.contents()
        );
    }

    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?}"), |screen| screen.contains(text));
    }

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

    pub fn enter(&mut self) {
        self.type_text("\r");
    }

    /// Sends a real signal (`KILL`, `TERM`, `HUP`) to the process.
    pub fn signal(&self, name: &str) {
        let status = std::process::Command::new("sh")
            .args(["-c", &format!("kill -s {name} {}", self.pid)])
            .status()
            .expect("sh runs");
        assert!(status.success(), "kill -s {name} {}", self.pid);
    }

    /// Waits for the process to end, and for the terminal output it wrote
    /// on the way out to be read; its exit status.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
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
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
