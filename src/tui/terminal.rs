//! What the app turns on in the terminal, and turning all of it off again:
//! on a normal exit, after a signal, and from the panic hook, so that a
//! crash never leaves the shell with mouse reporting, bracketed paste, a
//! hidden cursor, raw mode or the alternate screen still on.

use std::io::{self, BufWriter, Stdout, Write};
use std::panic;

use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::Buffer;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableBracketedPaste, DisableMouseCapture};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{execute, queue};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions};

/// The terminal the app draws on. Its output is held until the backend is
/// flushed, which ratatui and `view::kept` do at the end of every frame, so
/// that a frame leaves in one write: the standard output would hold at most
/// a kilobyte (a full frame took dozens of writes), and it locks and looks
/// for a line's end in each of the many small pieces crossterm writes a
/// frame in, on the way from a key to its echo. Nothing is held where the
/// app's code could panic: only crossterm writes between two flushes.
pub type Tty = Terminal<CrosstermBackend<Frames>>;

/// Makes the viewport the terminal's size when it is not already, as a
/// full-screen terminal does before each frame (ratatui then clears the
/// screen, so the frame after a change is drawn whole); the viewport.
pub fn fit<B: Backend>(terminal: &mut Terminal<B>) -> Result<Rect, B::Error> {
    let size = terminal.size()?;
    let area = Rect::new(0, 0, size.width, size.height);
    if terminal.get_frame().area() != area {
        terminal.resize(area)?;
    }
    Ok(area)
}

/// A screen drawn whole from its state each time (the first-run form, the
/// event picker, the projector board), sent to the terminal only when it
/// differs from the last one sent: an idle screen, drawn again four times
/// a second for its clock, writes nothing while nothing on it changes.
#[derive(Default)]
pub struct Whole {
    shown: Option<Buffer>,
}

impl Whole {
    /// Draws what `render` puts in a buffer of the terminal's size, when
    /// it is not what the terminal shows already.
    pub fn draw<B: Backend>(
        &mut self,
        terminal: &mut Terminal<B>,
        render: impl FnOnce(Rect, &mut Buffer),
    ) -> Result<(), B::Error> {
        // Asked each time, as a full-screen terminal does: the app's own
        // terminal has a fixed viewport (see `event_loop::start_terminal`).
        let area = fit(terminal)?;
        let mut next = Buffer::empty(area);
        render(area, &mut next);
        if self.shown.as_ref() != Some(&next) {
            // Into the buffer of the size just asked for: `draw` would ask
            // again, and a resize in between would give it another size.
            terminal.current_buffer_mut().clone_from(&next);
            terminal.apply_buffer()?;
            self.shown = Some(next);
        }
        Ok(())
    }

    /// After a resize: the screen is cleared and the next frame drawn
    /// whole at the terminal's size, also when that is the size of the
    /// last frame (a window shrunk and grown back before the resize was
    /// read reports its last size, and may have lost what it showed).
    /// `Terminal::resize` clears without asking the terminal where its
    /// cursor is, as `Terminal::clear` would.
    pub fn resized<B: Backend>(&mut self, terminal: &mut Terminal<B>) -> Result<(), B::Error> {
        let size = terminal.size()?;
        terminal.resize(Rect::new(0, 0, size.width, size.height))?;
        self.shown = None;
        Ok(())
    }
}

/// The standard output, held until flushed. What is still held when it is
/// dropped is thrown away, not written: by then the terminal has been given
/// back ([`restore`], also from the panic hook), and a frame cut short by
/// a failed write or a panic would land on the shell's screen.
pub struct Frames<W: Write = Stdout> {
    /// `None` only while being dropped.
    out: Option<BufWriter<W>>,
}

impl<W: Write> Frames<W> {
    pub fn new(out: W) -> Frames<W> {
        Frames {
            out: Some(BufWriter::with_capacity(FRAME_BYTES, out)),
        }
    }

    fn out(&mut self) -> io::Result<&mut BufWriter<W>> {
        self.out
            .as_mut()
            .ok_or_else(|| io::Error::other("the terminal's output is closed"))
    }
}

impl<W: Write> Write for Frames<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.out()?.write(bytes)
    }

    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out()?.write_all(bytes)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out()?.flush()
    }
}

impl<W: Write> Drop for Frames<W> {
    fn drop(&mut self) {
        if let Some(out) = self.out.take() {
            // Takes the held bytes out of the writer without writing them.
            drop(out.into_parts());
        }
    }
}

/// Room for a frame of a large terminal with colours in every cell.
const FRAME_BYTES: usize = 1 << 16;

/// Turns on raw mode and the alternate screen and makes the terminal the
/// app draws on, as `ratatui::try_init` does but for a [`Tty`] with
/// `options` (and leaving the panic hook to [`restore_on_panic`]).
pub fn start(options: TerminalOptions) -> io::Result<Tty> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen)?;
    Terminal::with_options(CrosstermBackend::new(Frames::new(io::stdout())), options)
}

/// Writes the sequences that undo everything the app turned on (mouse
/// capture, bracketed paste, hidden cursor, alternate screen). Raw mode is
/// not a sequence; [`restore`] turns it off too.
pub fn write_restore(out: &mut impl Write) -> io::Result<()> {
    queue!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        Show,
        LeaveAlternateScreen
    )?;
    out.flush()
}

/// Gives the terminal back as it was found. Every step is tried even when
/// one fails: the terminal may already be half gone.
pub fn restore() {
    let _ = write_restore(&mut io::stdout());
    let _ = disable_raw_mode();
}

/// Restores the terminal before the panic message is printed, so that the
/// message is readable and the shell works afterwards. The hook that was
/// there before (ratatui's, or the test harness's) still runs after it.
pub fn restore_on_panic() {
    install_before_panic(restore);
}

fn install_before_panic(restore: impl Fn() + Send + Sync + 'static) {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    /// A writer whose bytes can be read after it is dropped.
    #[derive(Clone, Default)]
    struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_frame_is_written_at_its_flush_and_what_is_held_at_the_end_is_dropped() {
        let shared = Shared::default();
        let mut frames = Frames::new(shared.clone());
        frames.write_all(b"first ").expect("held");
        frames.write_all(b"frame").expect("held");
        assert!(shared.0.borrow().is_empty(), "nothing before the flush");
        frames.flush().expect("written");
        assert_eq!(shared.0.borrow().as_slice(), b"first frame");
        frames.write_all(b"cut short").expect("held");
        drop(frames);
        assert_eq!(shared.0.borrow().as_slice(), b"first frame");
    }

    #[test]
    fn restoring_turns_off_mouse_paste_hidden_cursor_and_the_alternate_screen() {
        let mut out = Vec::new();
        write_restore(&mut out).expect("written to memory");
        let out = String::from_utf8(out).expect("escape sequences are text");
        for (what, sequence) in [
            ("mouse capture", "\u{1b}[?1000l"),
            ("mouse motion", "\u{1b}[?1003l"),
            ("SGR mouse", "\u{1b}[?1006l"),
            ("bracketed paste", "\u{1b}[?2004l"),
            ("cursor shown", "\u{1b}[?25h"),
            ("alternate screen left", "\u{1b}[?1049l"),
        ] {
            assert!(out.contains(sequence), "{what} missing from {out:?}");
        }
    }

    #[test]
    fn a_panic_restores_the_terminal_before_the_message_and_keeps_the_old_hook() {
        let restored = Arc::new(AtomicBool::new(false));
        let old_ran = Arc::new(AtomicBool::new(false));
        let previous = panic::take_hook();
        let seen = Arc::clone(&old_ran);
        panic::set_hook(Box::new(move |_| seen.store(true, Ordering::SeqCst)));
        let flag = Arc::clone(&restored);
        install_before_panic(move || flag.store(true, Ordering::SeqCst));
        let result = panic::catch_unwind(|| panic!("a bug"));
        panic::set_hook(previous);
        assert!(result.is_err());
        assert!(restored.load(Ordering::SeqCst), "the terminal was restored");
        assert!(old_ran.load(Ordering::SeqCst), "the old hook still ran");
    }
}
