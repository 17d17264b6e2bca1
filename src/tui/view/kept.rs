//! Parts of the last frame kept for the next one.
//!
//! Most keystrokes change one line of the screen: a letter typed into the
//! capture line leaves the note log as it was; a move on the grid changes
//! which cell is highlighted, not what the cells say. Drawing a screen-full
//! of notes or grid cells again costs far more than the rest of a frame
//! (every character is measured and styled), and so does ratatui comparing
//! every one of those cells with the last frame. So the parts that fill the
//! screen are drawn once into a buffer of their own. While what they are
//! drawn from stays the same, a frame either copies them in or, when the
//! terminal already shows them (the last frame put them there and nothing
//! was drawn over them), marks their cells to be skipped: ratatui then
//! neither compares nor writes them, and the terminal keeps showing them.
//!
//! The strips around every screen (the tab bar, the status line and the
//! footer) and the Notes screen's header are kept the same way, so that a
//! letter typed into the capture line draws only that line.
//!
//! Each part has a key: everything its drawing reads from the state (the
//! event's stamp, which every change renews, the area, the scroll position,
//! the selection...). Equal keys mean an equal drawing, so what the terminal
//! shows is what a frame drawn afresh would show; `tests/fuzz_update.rs`
//! checks exactly that after random inputs, on a terminal kept between
//! frames as the loop keeps it. A `Kept` belongs with one terminal: after
//! the terminal is cleared, or with a new one, start a new `Kept`. Drawing
//! with a fresh `Kept` (tests, snapshots) draws everything.

use std::ops::Range;

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::schedule::ListArea;
use crate::model::Id;
use crate::tui::keymap::Binding;
use crate::tui::theme::Theme;
use crate::tui::widget::countdown::Countdown;
use crate::tui::widget::grid::GridLayout;
use crate::tui::widget::note_log::Window;

/// What the loop keeps between frames; it makes drawing faster, never
/// different.
#[derive(Debug, Default)]
pub struct Kept {
    pub(super) note_log: Part<NoteLogKey, Option<Window>>,
    pub(super) write_up: Part<WriteUpKey>,
    pub(super) grid: Part<GridKey>,
    pub(super) pitch_list: Part<PitchListKey>,
    /// The Pitches screen's table of pitches.
    pub(super) pitch_table: Part<PitchTableKey>,
    /// The Notes screen's list of sessions (not in note-taker mode).
    pub(super) session_list: Part<SessionListKey>,
    /// The tab bar.
    pub(super) tabs: Part<TabsKey>,
    /// The Notes screen's header.
    pub(super) notes_header: Part<NotesHeaderKey>,
    /// The rule below the Notes header.
    pub(super) notes_rule: Part<NotesRuleKey>,
    /// The label before the Notes capture line ("   point › ").
    pub(super) capture_label: Part<CaptureLabelKey>,
    /// The status line and the footer, keyed by what they draw.
    pub(super) bottom: Part<BottomKey>,
    /// What the status line says when all is well, as last worked out.
    pub(super) saved_line: Option<super::SavedLine>,
    /// The frame's rows (tabs, body, status line, footer) for its area and
    /// the status line's height.
    pub(super) frame_areas: Memo<(Rect, u16), [Rect; 4]>,
    /// Where the Notes screen's parts go, for its body's area, whether in
    /// note-taker mode, and its header's height.
    pub(super) notes_areas: Memo<(Rect, bool, u16), super::notes::Areas>,
    /// The last frame's size: ratatui clears the terminal when it changes.
    frame: Rect,
    /// The areas the last frame left to the terminal whole (no cell of
    /// them copied or drawn over).
    left: Vec<Rect>,
    /// What the terminal shows, for [`Kept::write`].
    shown: Option<Shown>,
    /// The size of the buffer [`Kept::prepare`] last marked.
    prepared: Option<Rect>,
}

/// What the terminal shows, cell for cell, after a frame written by
/// [`Kept::write`].
#[derive(Debug)]
struct Shown {
    /// The screen's area.
    area: Rect,
    /// One buffer per row of the screen, so that a row that changed is
    /// compared with ratatui's own row comparison and then taken over,
    /// without copying the rows around it.
    rows: Vec<Buffer>,
    /// A row's worth of cells to copy the next frame's row into; it takes
    /// the place of the row it was compared with, which becomes the spare.
    spare: Buffer,
    /// The cells to write, kept for their room.
    updates: Vec<(u16, u16, Cell)>,
    /// The terminal's count of frames drawn when it was written: a frame
    /// drawn on the terminal another way leaves `rows` behind.
    count: usize,
}

impl Shown {
    /// What the terminal shows once `cells`, a whole frame, is written.
    fn new(cells: &Buffer, count: usize) -> Shown {
        let area = cells.area;
        let width = usize::from(area.width);
        let rows = (area.top()..area.bottom())
            .enumerate()
            .map(|(row, y)| Buffer {
                area: Rect::new(area.x, y, area.width, 1),
                content: cells.content[row * width..(row + 1) * width].to_vec(),
            })
            .collect();
        Shown {
            area,
            rows,
            spare: Buffer::empty(Rect::new(area.x, area.y, area.width, 1)),
            updates: Vec::new(),
            count,
        }
    }
}

impl Kept {
    /// Starts a frame of `area`. `overlaid`: something (help, the resolve
    /// view) is drawn over the screen this frame. A frame of a new size is
    /// drawn on a cleared terminal, where nothing is left to show.
    pub(super) fn begin(&mut self, area: Rect, overlaid: bool) {
        if area != self.frame {
            self.frame = area;
            self.off_screen();
        }
        self.note_log.begin(overlaid);
        self.write_up.begin(overlaid);
        self.grid.begin(overlaid);
        self.pitch_list.begin(overlaid);
        self.session_list.begin(overlaid);
        self.pitch_table.begin(overlaid);
        self.tabs.begin(overlaid);
        self.notes_header.begin(overlaid);
        self.notes_rule.begin(overlaid);
        self.capture_label.begin(overlaid);
        self.bottom.begin(overlaid);
    }

    /// Ends a frame drawn into `buf`: a part this frame did not place is
    /// no longer on the screen, and cells marked ahead for a part this
    /// frame did not leave to the terminal ([`Kept::prepare`]) are compared
    /// and written as usual again.
    pub(super) fn end(&mut self, buf: &mut Buffer) {
        let left = [
            self.note_log.end(),
            self.write_up.end(),
            self.grid.end(),
            self.pitch_list.end(),
            self.session_list.end(),
            self.pitch_table.end(),
            self.tabs.end(),
            self.notes_header.end(),
            self.notes_rule.end(),
            self.capture_label.end(),
            self.bottom.end(),
        ];
        self.left.clear();
        self.left.extend(
            left.iter()
                .filter(|part| part.whole)
                .filter_map(|part| part.left),
        );
        let left = left.iter().filter_map(|part| part.left);
        for stale in self.marks() {
            if let Some(area) = stale.take() {
                unmark(area, left.clone(), buf);
            }
        }
    }

    /// Writes the frame drawn into `terminal`'s buffer (through
    /// [`Kept::end`]) to the terminal, as [`Terminal::flush`] does but
    /// without comparing every cell of the screen: the cells of the parts
    /// this frame left to the terminal whole are not looked at, the others
    /// are compared with what the terminal shows, and ratatui's own
    /// comparison then writes the rows where they differ. Its
    /// `draw` is not used for these frames, so that the comparison is
    /// against what the terminal shows rather than the last frame (in
    /// which the left cells are blank). A frame of a new size, or the first,
    /// goes through ratatui's comparison whole.
    pub fn write<B: Backend>(&mut self, terminal: &mut Terminal<B>) -> Result<(), B::Error> {
        let count = terminal.get_frame().count();
        let next = terminal.current_buffer_mut();
        let area = next.area;
        match self
            .shown
            .as_mut()
            .filter(|shown| shown.area == area && shown.count == count)
        {
            Some(shown) => {
                changes(shown, next, &self.left);
                // Nothing changed (a tick with the same clock): the terminal
                // is told nothing, so an idle screen writes nothing, rather
                // than colour resets and a hidden cursor four times a second
                // that wake the terminal, or cross the network over ssh.
                // The cursor was hidden by the frame that showed the screen.
                if shown.updates.is_empty() {
                    return Ok(());
                }
                terminal
                    .backend_mut()
                    .draw(shown.updates.iter().map(|(x, y, cell)| (*x, *y, cell)))?;
            }
            None => {
                terminal.flush()?;
                let cells = terminal.current_buffer_mut();
                // A frame that left cells (after frames drawn another way)
                // does not say what the terminal shows there.
                let whole = cells
                    .content
                    .iter()
                    .all(|c| c.diff_option != CellDiffOption::Skip);
                self.shown = whole.then(|| Shown::new(cells, count));
            }
        }
        // Hiding the cursor flushes crossterm's writer: the frame is on its
        // way to the terminal (other backends are flushed by `ready`).
        terminal.hide_cursor()?;
        Ok(())
    }

    /// After [`Kept::write`], makes the terminal's other buffer the one the
    /// next frame is drawn into (blanked, as ratatui's own drawing leaves
    /// it) and marks in it the parts the terminal now shows
    /// ([`Kept::prepare`]). Apart from `write` so that the loop can first
    /// leave the processor to the terminal, which has a frame to show.
    /// Each `write` is followed by one `ready` before anything else is done
    /// to the terminal (a resize in between would blank the wrong buffer).
    /// A frame drawn on the terminal another way (`Terminal::draw`) would
    /// find the cells marked here: start a new `Kept` and a cleared
    /// terminal after one.
    pub fn ready<B: Backend>(&mut self, terminal: &mut Terminal<B>) -> Result<(), B::Error> {
        terminal.swap_buffers();
        terminal.backend_mut().flush()?;
        self.prepare(terminal.current_buffer_mut());
        Ok(())
    }

    /// Where each part's cells were marked ahead ([`Kept::prepare`]).
    fn marks(&mut self) -> [&mut Option<Rect>; PARTS] {
        [
            &mut self.note_log.marked,
            &mut self.write_up.marked,
            &mut self.grid.marked,
            &mut self.pitch_list.marked,
            &mut self.session_list.marked,
            &mut self.pitch_table.marked,
            &mut self.tabs.marked,
            &mut self.notes_header.marked,
            &mut self.notes_rule.marked,
            &mut self.capture_label.marked,
            &mut self.bottom.marked,
        ]
    }

    /// Every part is no longer on the screen.
    fn off_screen(&mut self) {
        self.note_log.on_screen = false;
        self.write_up.on_screen = false;
        self.grid.on_screen = false;
        self.pitch_list.on_screen = false;
        self.session_list.on_screen = false;
        self.pitch_table.on_screen = false;
        self.tabs.on_screen = false;
        self.notes_header.on_screen = false;
        self.notes_rule.on_screen = false;
        self.capture_label.on_screen = false;
        self.bottom.on_screen = false;
    }

    /// The terminal was cleared (ratatui clears it on every resize, also
    /// one back to the size of the last frame): nothing kept is on the
    /// screen, what [`Kept::write`] knew the screen to show is gone, and
    /// the marks [`Kept::prepare`] made in `buf`, the buffer the next frame
    /// is drawn into, are taken off.
    pub fn cleared(&mut self, buf: &mut Buffer) {
        self.off_screen();
        self.shown = None;
        if self.prepared.take().is_some() {
            buf.reset();
            for marked in self.marks() {
                *marked = None;
            }
        }
    }

    /// Takes every mark off a buffer [`Kept::prepare`] marked at another
    /// size: resizing a buffer keeps its cells, marks too, but at other
    /// places, and a cell marked there would never be written.
    pub fn fit(&mut self, buf: &mut Buffer) {
        if self.prepared.is_some_and(|area| area != buf.area) {
            buf.reset();
        }
        self.prepared = None;
    }

    /// Marks, in the buffer the next frame is drawn into (blank, as ratatui
    /// leaves it after a frame), the cells of every part the terminal now
    /// shows to be left as they are: the next frame then finds them marked
    /// when it leaves the part to the terminal, rather than marking some
    /// thousands of cells between a key and its echo. Only a speed-up:
    /// where the next frame does not leave a part, [`Kept::end`] takes the
    /// mark off again; without it, a frame marks what it leaves itself.
    fn prepare(&mut self, buf: &mut Buffer) {
        self.prepared = Some(buf.area);
        self.note_log.prepare(buf);
        self.write_up.prepare(buf);
        self.grid.prepare(buf);
        self.pitch_list.prepare(buf);
        self.session_list.prepare(buf);
        self.pitch_table.prepare(buf);
        self.tabs.prepare(buf);
        self.notes_header.prepare(buf);
        self.notes_rule.prepare(buf);
        self.capture_label.prepare(buf);
        self.bottom.prepare(buf);
    }
}

/// A value worked out again only when what it is worked out from changes:
/// a layout, which ratatui solves (or finds in its cache by hashing the
/// layout) on every call, several times a frame.
#[derive(Debug)]
pub struct Memo<K, V>(Option<(K, V)>);

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo(None)
    }
}

impl<K: PartialEq, V: Copy> Memo<K, V> {
    /// The value for `key`, from `work` when the last key was another.
    pub fn get(&mut self, key: K, work: impl FnOnce() -> V) -> V {
        match &self.0 {
            Some((kept, value)) if *kept == key => *value,
            _ => {
                let value = work();
                self.0 = Some((key, value));
                value
            }
        }
    }
}

/// How many parts a [`Kept`] keeps.
const PARTS: usize = 11;

/// What a part did in the frame that ended.
#[derive(Clone, Copy, Debug)]
struct Ended {
    /// The area the frame left to the terminal.
    left: Option<Rect>,
    /// No cell of it was copied in to be drawn over.
    whole: bool,
}

/// What the tab bar is drawn from: the clock only to the minute.
#[derive(Clone, Debug, PartialEq)]
pub struct TabsKey {
    pub stamp: u64,
    pub note_taker: Option<Id>,
    pub screen: crate::tui::action::Screen,
    pub width: u16,
    pub hour: u32,
    pub minute: u32,
    pub theme: Theme,
}

/// What the Notes screen's log is drawn from.
#[derive(Clone, Debug, PartialEq)]
pub struct NoteLogKey {
    pub stamp: u64,
    pub session: Option<Id>,
    pub me: String,
    pub bottom: usize,
    pub selected: Option<usize>,
    /// The empty log's hint depends on where the keys go.
    pub capturing: bool,
    pub marked: Vec<Id>,
    pub theme: Theme,
}

/// What the Notes screen's write-up column is drawn from.
#[derive(Clone, Debug, PartialEq)]
pub struct WriteUpKey {
    pub stamp: u64,
    pub session: Option<Id>,
    pub theme: Theme,
}

/// What the Schedule grid's cells are drawn from (not the cursor: its
/// highlight is laid over the copy).
#[derive(Clone, Debug, PartialEq)]
pub struct GridKey {
    pub stamp: u64,
    pub layout: GridLayout,
    pub theme: Theme,
}

/// What the Schedule screen's list of open pitches is drawn from.
#[derive(Clone, Debug, PartialEq)]
pub struct PitchListKey {
    pub stamp: u64,
    pub list: ListArea,
    pub selected: Option<Id>,
    pub focused: bool,
    pub theme: Theme,
}

/// What the Pitches screen's table is drawn from.
#[derive(Clone, Debug, PartialEq)]
pub struct PitchTableKey {
    pub stamp: u64,
    pub sort: crate::tui::screen::pitches::Sort,
    pub filter: String,
    pub selected: Option<Id>,
    pub offset: usize,
    pub focused: bool,
    pub merging: Option<Id>,
    pub theme: Theme,
}

/// What the Notes screen's list of sessions is drawn from: the clock only
/// through which slot is running (it comes first, marked "now").
#[derive(Clone, Debug, PartialEq)]
pub struct SessionListKey {
    pub stamp: u64,
    pub running: Option<Id>,
    pub chosen: Option<Id>,
    pub focused: bool,
    pub offset: usize,
    pub theme: Theme,
}

/// What the Notes screen's header is drawn from: the clock only through
/// the countdown it shows, the devices only in note-taker mode.
#[derive(Clone, Debug, PartialEq)]
pub struct NotesHeaderKey {
    pub stamp: u64,
    pub session: Option<Id>,
    pub note_taker: bool,
    /// The session named while the schedule is missing, and whether it
    /// has arrived since.
    pub missing: Option<(String, bool)>,
    pub countdown: Countdown,
    /// The offset the devices' times are shown in.
    pub offset: i32,
    /// The devices' stamp (`Devices::stamp`), in note-taker mode only.
    pub devices: u64,
    pub theme: Theme,
}

/// What the rule below the Notes header is drawn from.
#[derive(Clone, Debug, PartialEq)]
pub struct NotesRuleKey {
    pub stamp: u64,
    pub session: Option<Id>,
    /// The notes kept while the schedule is missing, if it is.
    pub waiting: Option<usize>,
    /// The notes beyond the log's window, before and after it.
    pub beyond: Option<(usize, usize)>,
    pub with_writeup: bool,
    pub theme: Theme,
}

/// What the label before the Notes capture line says, and how.
#[derive(Clone, Debug, PartialEq)]
pub struct CaptureLabelKey {
    /// The words before the kind while a note is edited ("edit").
    pub editing: Option<&'static str>,
    pub kind: crate::model::NoteKind,
    pub focused: bool,
    pub theme: Theme,
}

/// What the status line and the footer draw.
#[derive(Clone, Debug, PartialEq)]
pub struct BottomKey {
    pub status: Line<'static>,
    pub status_area: Rect,
    pub bindings: Vec<Binding>,
    pub theme: Theme,
}

/// One kept part: its key, its drawing, and whatever else its drawing
/// worked out that the rest of the frame needs (the log's window).
#[derive(Debug)]
pub struct Part<K, T = ()> {
    key: Option<K>,
    drawn: Buffer,
    extra: T,
    /// The terminal shows `drawn`, but for the rectangles in `over`, since
    /// the last frame placed it.
    on_screen: bool,
    /// What the last frame drew over the part (or the whole part when
    /// something covered the screen): those cells show something else.
    over: Vec<Rect>,
    /// Set by [`Kept::begin`]: this frame is covered.
    overlaid: bool,
    placed: bool,
    /// This frame left the part's cells to the terminal.
    left: bool,
    /// This frame copied some of the part's cells in, to draw over them.
    copied_over: bool,
    /// The area whose cells [`Kept::prepare`] marked, in the buffer the
    /// frame under way is drawn into, to be left as the terminal shows them.
    marked: Option<Rect>,
}

impl<K, T: Default> Default for Part<K, T> {
    fn default() -> Self {
        Part {
            key: None,
            drawn: Buffer::default(),
            extra: T::default(),
            on_screen: false,
            over: Vec::new(),
            overlaid: false,
            placed: false,
            left: false,
            copied_over: false,
            marked: None,
        }
    }
}

impl<K: PartialEq, T> Part<K, T> {
    fn begin(&mut self, overlaid: bool) {
        self.overlaid = overlaid;
        self.placed = false;
        self.left = false;
        self.copied_over = false;
    }

    fn end(&mut self) -> Ended {
        self.on_screen = self.placed;
        let left = self.left.then_some(self.drawn.area);
        if left.is_some() && self.marked == left {
            // Handed over with the frame; the next buffer is not marked.
            self.marked = None;
        }
        Ended {
            left,
            whole: !self.copied_over,
        }
    }

    /// See [`Kept::prepare`].
    fn prepare(&mut self, buf: &mut Buffer) {
        self.marked = None;
        if self.on_screen && !self.overlaid {
            leave(&self.drawn, buf);
            self.marked = Some(self.drawn.area);
        }
    }

    /// Puts the part into `buf` at `area` as `draw` would, calling `draw`
    /// (on a blank buffer of `area`) only when the key or the area changed.
    /// `over`: the rectangles the rest of this frame draws over the part
    /// (the grid's cursor); their cells are copied in for it to draw on.
    /// Returns what `draw` returned when it was last called.
    pub fn draw(
        &mut self,
        key: K,
        area: Rect,
        over: &[Rect],
        buf: &mut Buffer,
        draw: impl FnOnce(&mut Buffer) -> T,
    ) -> &T {
        let stale = self.key.as_ref() != Some(&key);
        self.draw_unless_same(|_| !stale, || key, area, over, buf, draw)
    }

    /// As [`Part::draw`], for a key that is costly to build: `same` tells
    /// whether the kept key still holds, and `key` is built only when not.
    pub fn draw_unless_same(
        &mut self,
        same: impl FnOnce(&K) -> bool,
        key: impl FnOnce() -> K,
        area: Rect,
        over: &[Rect],
        buf: &mut Buffer,
        draw: impl FnOnce(&mut Buffer) -> T,
    ) -> &T {
        if !self.key.as_ref().is_some_and(same) || self.drawn.area != area {
            self.drawn.resize(area);
            self.drawn.reset();
            self.extra = draw(&mut self.drawn);
            self.key = Some(key());
            self.on_screen = false;
        }
        if self.on_screen && !self.overlaid {
            if !(self.marked == Some(area) && still_marked(area, buf)) {
                leave(&self.drawn, buf);
            }
            self.left = true;
            for rect in self.over.iter().chain(over) {
                let rect = rect.intersection(area);
                self.copied_over |= !rect.is_empty();
                copy(&self.drawn, rect, buf);
            }
        } else {
            copy(&self.drawn, area, buf);
        }
        self.over.clear();
        if self.overlaid {
            self.over.push(area);
        } else {
            self.over.extend_from_slice(over);
        }
        self.placed = true;
        &self.extra
    }
}

/// A blank cell marked to be left as the terminal shows it.
const LEFT: Cell = {
    let mut cell = Cell::EMPTY;
    cell.diff_option = CellDiffOption::Skip;
    cell
};

/// Marks the cells of `kept`'s area in `to` to be left as the terminal
/// shows them. The screens draw a part before anything else there, on the
/// blank cells of a new frame (checked in debug builds: a cell drawn on and
/// then marked would never reach the terminal).
fn leave(kept: &Buffer, to: &mut Buffer) {
    for (_, target) in rows(kept.area, kept.area, to.area) {
        for cell in &mut to.content[target] {
            debug_assert!(
                *cell == Cell::EMPTY || *cell == LEFT,
                "a kept part is drawn over {cell:?}"
            );
            cell.diff_option = CellDiffOption::Skip;
        }
    }
}

/// Whether the cells of `area` in `buf` still carry the marks
/// [`Kept::prepare`] put there: ratatui blanks a whole buffer at once (on
/// a resize), so its first and last cells tell. In debug builds every cell
/// is checked, blank and marked: a cell drawn on before the part is left
/// would never reach the terminal.
fn still_marked(area: Rect, buf: &Buffer) -> bool {
    let mut cells = rows(area, area, buf.area).map(|(_, target)| target);
    let Some(first) = cells.next() else {
        return false;
    };
    let last = cells.last().unwrap_or_else(|| first.clone());
    let marked = [first.start, last.end - 1]
        .iter()
        .all(|&at| buf.content[at] == LEFT);
    if cfg!(debug_assertions) && marked {
        for (_, target) in rows(area, area, buf.area) {
            for cell in &buf.content[target] {
                assert!(*cell == LEFT, "a kept part is drawn over {cell:?}");
            }
        }
    }
    marked
}

/// Takes the marks [`Kept::prepare`] put on the cells of `area` off again,
/// except where a part this frame left to the terminal lies (those cells
/// stay marked; cells copied or drawn over within it carry no mark).
fn unmark(area: Rect, left: impl Iterator<Item = Rect> + Clone, buf: &mut Buffer) {
    for (_, target) in rows(area, area, buf.area) {
        let width = usize::from(buf.area.width).max(1);
        for index in target {
            let x = u16::try_from(index % width).unwrap_or(u16::MAX) + buf.area.x;
            let y = u16::try_from(index / width).unwrap_or(u16::MAX) + buf.area.y;
            let at = ratatui::layout::Position::new(x, y);
            let cell = &mut buf.content[index];
            if cell.diff_option == CellDiffOption::Skip && !left.clone().any(|r| r.contains(at)) {
                cell.diff_option = CellDiffOption::None;
            }
        }
    }
}

/// Gathers in `shown.updates` the cells of `next` to write where the
/// terminal shows `shown`. Only the cells outside the rectangles in `left`
/// are looked at; a row where one of them differs is compared as ratatui
/// compares rows (wide characters and all). `shown` then holds what the
/// terminal will show. Allocates nothing once the first frames have been
/// written: this is on the way from a key to its echo.
fn changes(shown: &mut Shown, next: &Buffer, left: &[Rect]) {
    let area = next.area;
    let width = usize::from(area.width);
    shown.updates.clear();
    for (row, y) in (area.top()..area.bottom()).enumerate() {
        let (Some(was), Some(now)) = (
            shown.rows.get_mut(row),
            next.content.get(row * width..(row + 1) * width),
        ) else {
            break;
        };
        let same = |columns: Range<usize>| {
            was.content[columns.clone()]
                .iter()
                .zip(&now[columns])
                .all(|(was, now)| now.diff_option == CellDiffOption::Skip || was == now)
        };
        if uncovered(left, area, y).all(same) {
            continue;
        }
        let spare = &mut shown.spare;
        spare.area = was.area;
        spare.content.clone_from_slice(now);
        shown.updates.extend(
            was.diff_iter(spare)
                .map(|(x, y, cell)| (x, y, cell.clone())),
        );
        // The cells left to the terminal still show what they showed.
        for (kept, was) in spare.content.iter_mut().zip(&was.content) {
            if kept.diff_option == CellDiffOption::Skip {
                kept.clone_from(was);
            }
        }
        std::mem::swap(was, spare);
    }
}

/// The columns of row `y` of `area` that the rectangles in `left` do not
/// cover, as ranges of cells from the row's start (at most one more than
/// there are kept parts).
fn uncovered(left: &[Rect], area: Rect, y: u16) -> impl Iterator<Item = Range<usize>> {
    let mut spans: [(u16, u16); PARTS] = [(0, 0); PARTS];
    let mut count = 0;
    for rect in left {
        if rect.top() <= y && y < rect.bottom() && count < spans.len() {
            spans[count] = (rect.left(), rect.right());
            count += 1;
        }
    }
    spans[..count].sort_unstable();
    let mut gaps: [(u16, u16); PARTS + 1] = [(0, 0); PARTS + 1];
    let mut reached = area.left();
    let mut found = 0;
    for &(start, end) in &spans[..count] {
        if start > reached {
            gaps[found] = (reached, start.min(area.right()));
            found += 1;
        }
        reached = reached.max(end);
    }
    if reached < area.right() {
        gaps[found] = (reached, area.right());
        found += 1;
    }
    let from = area.left();
    (0..found).filter_map(move |n| {
        let (start, end) = gaps[n];
        (start < end).then(|| usize::from(start - from)..usize::from(end - from))
    })
}

/// Whether the rectangles in `left` cover row `y` of `area` whole.
#[cfg(test)]
fn covered(left: &[Rect], area: Rect, y: u16) -> bool {
    uncovered(left, area, y).next().is_none()
}

/// Copies the cells of `from` within `area` into `to`, where the three meet.
fn copy(from: &Buffer, area: Rect, to: &mut Buffer) {
    for (source, target) in rows(from.area, area, to.area) {
        to.content[target].clone_from_slice(&from.content[source]);
    }
}

/// Each row of `area`, where it meets both buffers' areas, as the ranges of
/// its cells in the contents of a buffer of `from` and of one of `to`.
fn rows(from: Rect, area: Rect, to: Rect) -> impl Iterator<Item = (Range<usize>, Range<usize>)> {
    let area = area.intersection(from).intersection(to);
    let width = usize::from(area.width);
    let start = move |within: Rect, y: u16| {
        usize::from(y - within.y) * usize::from(within.width) + usize::from(area.x - within.x)
    };
    let rows = if width == 0 {
        0..0
    } else {
        area.top()..area.bottom()
    };
    rows.map(move |y| {
        let (a, b) = (start(from, y), start(to, y));
        (a..a + width, b..b + width)
    })
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::KeyCode::{self, *};
    use ratatui::style::{Color, Style};
    use ratatui::widgets::Widget;

    use super::*;
    use crate::tui::action::{Action, Screen};
    use crate::tui::state::State;
    use crate::tui::testing::{act, press, sample_state};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use crate::tui::view::{draw, frame, render};

    /// Presses each key in turn and checks after every one that what the
    /// terminal shows, drawn with the parts kept so far, is the frame drawn
    /// afresh.
    fn walk(screen: Screen, width: u16, height: u16, keys: &[KeyCode]) {
        let mut state = sample_state();
        state.screen = screen;
        act(&mut state, Action::Resize { width, height });
        let mut kept = Kept::default();
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a terminal");
        for (step, code) in keys.iter().enumerate() {
            press(&mut state, &[*code]);
            shows_a_fresh_drawing(&mut terminal, &state, &mut kept, || {
                format!(
                    "{screen:?} at {width}x{height}: the screen differs after key {step} ({code:?})"
                )
            });
        }
    }

    /// Draws `state` through `kept` as the loop does (marking ahead the
    /// buffer of the frame after) and checks that the terminal then shows
    /// exactly what a drawing from nothing shows.
    fn shows_a_fresh_drawing(
        terminal: &mut Terminal<TestBackend>,
        state: &crate::tui::state::State,
        kept: &mut Kept,
        differs: impl FnOnce() -> String,
    ) {
        frame(terminal, state, kept).expect("drawn");
        let area = terminal.backend().buffer().area;
        let mut fresh = Buffer::empty(area);
        render(state, &mut Kept::default(), area, &mut fresh);
        assert!(*terminal.backend().buffer() == fresh, "{}", differs());
    }

    const SCHEDULE_KEYS: &[KeyCode] = &[
        Down,
        Char('?'),
        Esc,
        Down,
        Right,
        Down,
        Up,
        Left,
        Char('p'),
        Down,
        Down,
        Up,
        Esc,
        Char('p'),
        Enter,
        Down,
        Char('m'),
        Right,
        Right,
        Enter,
        Char('r'),
        Down,
        Esc,
        Char('A'),
        Esc,
        Char('d'),
        Char('y'),
        Char('z'),
        Tab,
        Down,
        BackTab,
        Right,
        Right,
        Right,
        Down,
        Down,
        Down,
    ];

    const NOTES_KEYS: &[KeyCode] = &[
        Char('?'),
        Esc,
        Char('e'),
        Esc,
        Char('e'),
        Tab,
        Esc,
        Char('n'),
        Char('a'),
        Esc,
        Esc,
        Right,
        Char('e'),
        Char('x'),
        Esc,
        Char('e'),
        Esc,
        Left,
        Down,
        Char('a'),
        Esc,
        Down,
        Char('a'),
        Esc,
        Up,
        Up,
        Right,
        Char('a'),
        Char('x'),
        Char('y'),
        Backspace,
        Enter,
        Char('?'),
        Char(' '),
        Char('w'),
        Enter,
        Esc,
        Up,
        Up,
        Char('p'),
        Down,
        Home,
        End,
        PageUp,
        PageDown,
        Char('s'),
        Char('t'),
        Esc,
        Char('n'),
        Char('a'),
        Char('q'),
        Enter,
        Esc,
        Char('o'),
        Esc,
        Left,
        Down,
        Right,
        Char('a'),
        Char('z'),
        Enter,
        Esc,
        Char('z'),
    ];

    /// What happens between two frames of a note-taker's walk.
    #[derive(Clone, Copy, Debug)]
    enum Step {
        Key(KeyCode),
        /// The clock moves on by this many seconds.
        Tick(i64),
        /// A device's file shows a change at the current time.
        Device(&'static str),
        Saved,
        SaveFailed,
    }

    /// As [`walk`], for the note-taker mode `query` starts, with the clock,
    /// the devices and the saves moving between keys.
    fn walk_note_taker(query: &str, width: u16, height: u16, steps: &[Step]) {
        let mut state = sample_state();
        let found = crate::model::reference::resolve_session(state.event(), query, None);
        crate::tui::screen::notes::enter_note_taker(&mut state, query, None, found);
        act(&mut state, Action::Resize { width, height });
        let mut kept = Kept::default();
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a terminal");
        for (n, step) in steps.iter().enumerate() {
            match *step {
                Step::Key(code) => {
                    press(&mut state, &[code]);
                }
                Step::Tick(seconds) => {
                    let now = state.now + chrono::Duration::seconds(seconds);
                    act(&mut state, Action::Tick(now));
                }
                Step::Device(label) => {
                    let seen = crate::tui::state::DeviceSeen {
                        label: label.to_string(),
                        own: false,
                        last_change: Some(state.now),
                    };
                    let mut devices = state.devices.to_vec();
                    match devices.iter_mut().find(|d| d.label == label) {
                        Some(device) => *device = seen,
                        None => devices.push(seen),
                    }
                    state.devices.set(devices);
                }
                Step::Saved => {
                    act(&mut state, Action::Saved);
                }
                Step::SaveFailed => {
                    act(&mut state, Action::SaveFailed("The disk is full.".into()));
                }
            }
            shows_a_fresh_drawing(&mut terminal, &state, &mut kept, || {
                format!(
                    "note-taker {query:?} at {width}x{height}: the screen differs after step {n} ({step:?})"
                )
            });
        }
    }

    const NOTE_TAKER_STEPS: &[Step] = &[
        Step::Key(Char('w')),
        Step::Key(Char('e')),
        Step::Tick(1),
        Step::Key(Char(' ')),
        Step::Tick(59),
        Step::Key(Char('a')),
        Step::Device("Kim's laptop"),
        Step::Key(Enter),
        Step::Saved,
        Step::Key(Char('?')),
        Step::Tick(30),
        Step::Key(Esc),
        Step::Tick(600),
        Step::Device("Sam's phone"),
        Step::Key(Char('x')),
        Step::Device("Kim's laptop"),
        Step::Tick(4),
        Step::SaveFailed,
        Step::Key(Char('!')),
        Step::Key(Backspace),
        Step::Key(Enter),
        Step::Saved,
        Step::Tick(3600),
        Step::Key(Esc),
        Step::Key(Up),
        Step::Key(Char('a')),
        Step::Key(Char('y')),
        Step::Tick(86_400),
        Step::Key(Char('z')),
        Step::Key(Tab),
        Step::Key(Esc),
        Step::Key(Char('a')),
    ];

    #[test]
    fn kept_strips_draw_the_note_takers_frame_a_fresh_drawing_would() {
        let state = sample_state();
        let first = state
            .event()
            .sessions
            .keys()
            .next()
            .map(|id| id.as_str().to_string())
            .expect("the sample has sessions");
        for (width, height) in [(80, 24), (120, 40), (60, 16)] {
            walk_note_taker(&first, width, height, NOTE_TAKER_STEPS);
            // Waiting for the schedule: the header says so.
            walk_note_taker("a session not here yet", width, height, NOTE_TAKER_STEPS);
        }
    }

    /// The rows of a 120x40 frame that a letter typed into `state` draws,
    /// rather than leaving them to the terminal.
    fn rows_a_letter_draws(mut state: State) -> Vec<u16> {
        act(
            &mut state,
            Action::Resize {
                width: 120,
                height: 40,
            },
        );
        assert!(state.typing(), "a line has the keys");
        let mut kept = Kept::default();
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a terminal");
        let mut drawn = Vec::new();
        for code in [Char('a'), Char('b')] {
            press(&mut state, &[code]);
            terminal
                .draw(|frame| {
                    draw(&state, &mut kept, frame);
                    let buf = frame.buffer_mut();
                    drawn = (0..40)
                        .filter(|&y| {
                            (0..120).any(|x| buf[(x, y)].diff_option != CellDiffOption::Skip)
                        })
                        .collect();
                })
                .expect("drawn");
        }
        drawn
    }

    /// The sample event on `screen` after `keys`.
    fn on(screen: Screen, keys: &[KeyCode]) -> State {
        let mut state = sample_state();
        act(&mut state, Action::Show(screen));
        press(&mut state, keys);
        state
    }

    #[test]
    fn a_typed_letter_draws_only_its_line() {
        // Note-taker mode: the log, the write-up column and the blank
        // column between them are kept.
        let mut state = sample_state();
        let first = state.event().sessions.keys().next().cloned();
        let first = first.expect("the sample has sessions");
        crate::tui::screen::notes::enter_note_taker(
            &mut state,
            &first.to_string(),
            None,
            Ok(first),
        );
        assert_eq!(rows_a_letter_draws(state), [37]);
        // The organiser's Notes screen: its list of sessions is kept too.
        assert_eq!(rows_a_letter_draws(on(Screen::Notes, &[Char('a')])), [37]);
        // The table of pitches is kept; the line typed into and the
        // table's heading (it counts the pitches) are drawn.
        let pitches = on(Screen::Pitches, &[Char('a')]);
        assert_eq!(rows_a_letter_draws(pitches), [1, 37]);
    }

    /// A writer whose bytes the test reads while the terminal holds it.
    #[derive(Clone, Default)]
    struct Recorder(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl std::io::Write for Recorder {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// What reaches the terminal when `state` is drawn by the loop's path.
    fn bytes_written(
        terminal: &mut Terminal<ratatui::backend::CrosstermBackend<Recorder>>,
        recorder: &Recorder,
        state: &State,
        kept: &mut Kept,
    ) -> String {
        recorder.0.borrow_mut().clear();
        crate::tui::view::written(terminal, state, kept).expect("written");
        kept.ready(terminal).expect("ready");
        String::from_utf8_lossy(&recorder.0.borrow()).into_owned()
    }

    /// An idle screen ticks four times a second; a frame that changes
    /// nothing writes nothing (no colour resets, no hidden cursor again)
    /// rather than wake the terminal, or the network under ssh, each time.
    /// The next key's frame is written.
    #[test]
    fn a_frame_that_changes_nothing_writes_nothing() {
        let mut state = on(Screen::Notes, &[Char('a')]);
        act(
            &mut state,
            Action::Resize {
                width: 80,
                height: 24,
            },
        );
        let options = ratatui::TerminalOptions {
            viewport: ratatui::Viewport::Fixed(Rect::new(0, 0, 80, 24)),
        };
        let recorder = Recorder::default();
        let backend = ratatui::backend::CrosstermBackend::new(recorder.clone());
        let mut terminal = Terminal::with_options(backend, options).expect("a terminal");
        let mut kept = Kept::default();
        let mut frame = |state: &State| bytes_written(&mut terminal, &recorder, state, &mut kept);
        let first = frame(&state);
        assert!(first.contains("Notes"), "the whole screen first: {first:?}");
        // A second later, as the loop ticks while nobody types.
        let later = state.now + chrono::Duration::seconds(1);
        act(&mut state, Action::Tick(later));
        assert_eq!(frame(&state), "");
        assert_eq!(frame(&state), "");
        press(&mut state, &[Char('b')]);
        let typed = frame(&state);
        assert!(typed.contains('b'), "the key's frame: {typed:?}");
        assert!(
            typed.ends_with("\u{1b}[?25l"),
            "and its cursor hidden: {typed:?}"
        );
    }

    /// A letter typed into the capture line leaves the tab bar, the header, its rule,
    /// the status line and the footer as the terminal shows them.
    #[test]
    fn a_typed_letter_leaves_the_strips_to_the_terminal() {
        let mut state = sample_state();
        let first = state.event().sessions.keys().next().cloned();
        let first = first.expect("the sample has sessions");
        crate::tui::screen::notes::enter_note_taker(
            &mut state,
            &first.to_string(),
            None,
            Ok(first),
        );
        act(
            &mut state,
            Action::Resize {
                width: 120,
                height: 40,
            },
        );
        let mut kept = Kept::default();
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a terminal");
        let mut skipped = Vec::new();
        for code in [Char('a'), Char('b')] {
            press(&mut state, &[code]);
            terminal
                .draw(|frame| {
                    draw(&state, &mut kept, frame);
                    let buf = frame.buffer_mut();
                    // Tab bar, header, status line, footer, the capture
                    // line's label; the line typed into.
                    skipped = [0, 1, 4, 5, 38, 39, 37, 37]
                        .into_iter()
                        .zip([5, 5, 5, 5, 5, 5, 5, 12])
                        .map(|(y, x)| buf[(x, y)].diff_option == CellDiffOption::Skip)
                        .collect();
                })
                .expect("drawn");
        }
        assert_eq!(skipped, [true, true, true, true, true, true, true, false]);
    }

    /// After a frame the loop marks, in the buffer of the next one, the
    /// strips the terminal shows, so that the next key draws only the
    /// capture line and marks nothing on its way to the echo.
    #[test]
    fn the_next_frame_finds_the_strips_marked_ahead() {
        let mut state = sample_state();
        let first = state.event().sessions.keys().next().cloned();
        let first = first.expect("the sample has sessions");
        crate::tui::screen::notes::enter_note_taker(
            &mut state,
            &first.to_string(),
            None,
            Ok(first),
        );
        act(
            &mut state,
            Action::Resize {
                width: 120,
                height: 40,
            },
        );
        let mut kept = Kept::default();
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a terminal");
        frame(&mut terminal, &state, &mut kept).expect("drawn");
        let marked = |terminal: &mut Terminal<TestBackend>| {
            let buf = terminal.current_buffer_mut();
            // Tab bar, header, status line, footer, the capture line's
            // label; the line typed into.
            [
                (5, 0),
                (5, 1),
                (5, 4),
                (5, 5),
                (5, 38),
                (5, 39),
                (5, 37),
                (12, 37),
            ]
            .map(|at| buf[at] == LEFT)
        };
        let strips = [true, true, true, true, true, true, true, false];
        assert_eq!(marked(&mut terminal), strips);
        press(&mut state, &[Char('a')]);
        frame(&mut terminal, &state, &mut kept).expect("drawn");
        assert_eq!(marked(&mut terminal), strips);
        assert!(kept.bottom.marked.is_some() && kept.notes_header.marked.is_some());
        assert!(kept.capture_label.marked.is_some());
    }

    #[test]
    fn a_taller_terminal_gets_every_part_again_after_ratatui_clears_it() {
        for screen in [Screen::Schedule, Screen::Notes] {
            let mut state = sample_state();
            state.screen = screen;
            let mut kept = Kept::default();
            let mut terminal = Terminal::new(TestBackend::new(120, 30)).expect("a terminal");
            for height in [30, 30, 44] {
                act(&mut state, Action::Resize { width: 120, height });
                terminal.backend_mut().resize(120, height);
                // Marked ahead, as the loop does; ratatui blanks the
                // buffer (marks and all) when it finds the terminal taller.
                frame(&mut terminal, &state, &mut kept).expect("drawn");
                let area = Rect::new(0, 0, 120, height);
                let mut fresh = Buffer::empty(area);
                render(&state, &mut Kept::default(), area, &mut fresh);
                assert!(
                    *terminal.backend().buffer() == fresh,
                    "{screen:?} at 120x{height}"
                );
            }
        }
    }

    #[test]
    fn kept_parts_draw_the_frame_a_fresh_drawing_would() {
        for (width, height) in [(80, 24), (160, 48), (120, 30)] {
            walk(Screen::Schedule, width, height, SCHEDULE_KEYS);
            walk(Screen::Notes, width, height, NOTES_KEYS);
        }
    }

    #[test]
    fn a_part_is_drawn_again_only_when_its_key_or_area_changes() {
        let mut part: Part<u8, u8> = Part::default();
        let area = Rect::new(2, 1, 4, 2);
        let mut frame = Buffer::empty(Rect::new(0, 0, 8, 4));
        let mut calls = 0;
        let mut draw = |key: u8, area: Rect, frame: &mut Buffer, calls: &mut u8| {
            *part.draw(key, area, &[], frame, |buf| {
                *calls += 1;
                buf.set_string(
                    area.x,
                    area.y,
                    format!("k{key}"),
                    Style::new().fg(Color::Red),
                );
                *calls
            })
        };
        assert_eq!(draw(1, area, &mut frame, &mut calls), 1);
        assert_eq!(draw(1, area, &mut frame, &mut calls), 1, "kept");
        assert_eq!(draw(2, area, &mut frame, &mut calls), 2, "a new key");
        let moved = Rect::new(0, 0, 4, 2);
        assert_eq!(draw(2, moved, &mut frame, &mut calls), 3, "a new area");
        assert_eq!(frame[(0, 0)].symbol(), "k");
        assert_eq!(frame[(1, 0)].symbol(), "2");
        assert_eq!(frame[(1, 0)].fg, Color::Red);
    }

    /// What a terminal shows after each frame, one row a string.
    fn shown(terminal: &Terminal<TestBackend>) -> Vec<String> {
        let buffer = terminal.backend().buffer();
        (0..buffer.area.height)
            .map(|y| {
                (0..buffer.area.width)
                    .map(|x| buffer[(x, y)].symbol())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_part_left_on_screen_comes_back_where_something_was_drawn_over_it() {
        let mut part: Part<u8> = Part::default();
        let mut terminal = Terminal::new(TestBackend::new(6, 2)).expect("a terminal");
        let area = Rect::new(0, 0, 6, 2);
        let fill = |buf: &mut Buffer| {
            buf.set_string(0, 0, "abcdef", Style::new());
            buf.set_string(0, 1, "ghijkl", Style::new());
        };
        let mut frame = |over: &[Rect], on_top: Option<&str>| {
            terminal
                .draw(|frame| {
                    part.begin(false);
                    part.draw(7, area, over, frame.buffer_mut(), fill);
                    if let Some(text) = on_top {
                        frame.buffer_mut().set_string(1, 1, text, Style::new());
                    }
                    part.end();
                })
                .expect("drawn");
            shown(&terminal)
        };
        assert_eq!(frame(&[], None), ["abcdef", "ghijkl"]);
        assert_eq!(frame(&[], None), ["abcdef", "ghijkl"], "left as shown");
        let cursor = [Rect::new(1, 1, 2, 1)];
        assert_eq!(frame(&cursor, Some("XY")), ["abcdef", "gXYjkl"]);
        assert_eq!(frame(&[], None), ["abcdef", "ghijkl"], "drawn again there");
    }

    #[test]
    fn a_row_is_passed_over_only_when_left_parts_cover_it_whole() {
        let area = Rect::new(0, 0, 120, 10);
        let halves = [Rect::new(0, 0, 60, 5), Rect::new(60, 2, 60, 8)];
        assert!(!covered(&halves, area, 0), "only the left half");
        assert!(covered(&halves, area, 2));
        assert!(covered(&halves, area, 4));
        assert!(!covered(&halves, area, 5), "only the right half");
        let gap = [Rect::new(0, 0, 60, 1), Rect::new(61, 0, 59, 1)];
        assert!(!covered(&gap, area, 0), "a column between");
        let overlapping = [Rect::new(30, 0, 90, 1), Rect::new(0, 0, 40, 1)];
        assert!(covered(&overlapping, area, 0));
        assert!(!covered(&[Rect::new(0, 0, 119, 1)], area, 0));
        assert!(!covered(&[], area, 0));
        let gaps = |left: &[Rect]| uncovered(left, area, 0).collect::<Vec<_>>();
        assert_eq!(gaps(&gap), vec![(60..61)]);
        assert_eq!(gaps(&[]), vec![(0..120)]);
        assert_eq!(gaps(&[Rect::new(10, 0, 20, 1)]), [0..10, 30..120]);
        let offset = Rect::new(5, 0, 20, 1);
        let left = [Rect::new(8, 0, 4, 1)];
        assert_eq!(
            uncovered(&left, offset, 0).collect::<Vec<_>>(),
            [0..3, 7..20]
        );
    }

    /// The loop's terminal resized between frames: marks made ahead for
    /// the old size are taken off, wherever resizing moved them.
    #[test]
    fn marks_made_for_another_size_are_taken_off() {
        let mut kept = Kept::default();
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 3));
        kept.prepare(&mut buf);
        buf.resize(Rect::new(0, 0, 20, 4));
        buf.content[5].diff_option = CellDiffOption::Skip;
        kept.fit(&mut buf);
        assert!(
            buf.content
                .iter()
                .all(|c| c.diff_option != CellDiffOption::Skip)
        );
        // At the same size the marks stay: they are the point.
        let mut same = Buffer::empty(Rect::new(0, 0, 20, 4));
        kept.prepare(&mut same);
        same.content[5].diff_option = CellDiffOption::Skip;
        kept.fit(&mut same);
        assert_eq!(same.content[5].diff_option, CellDiffOption::Skip);
    }

    /// Beside a part left to the terminal, what is drawn afresh each frame
    /// still reaches it.
    #[test]
    fn what_changes_beside_a_left_part_is_written() {
        let mut terminal = Terminal::new(TestBackend::new(10, 2)).expect("a terminal");
        let mut kept = Kept::default();
        let mut frame = |beside: &str| {
            let mut frame = terminal.get_frame();
            let buf = frame.buffer_mut();
            let area = buf.area;
            kept.begin(area, false);
            let part = Rect::new(0, 0, 5, 2);
            let key = TabsKey {
                stamp: 1,
                note_taker: None,
                screen: Screen::Notes,
                width: 5,
                hour: 10,
                minute: 0,
                theme: Theme::new(false),
            };
            kept.tabs.draw(key, part, &[], buf, |buf| {
                Line::from("kept").render(part, buf);
            });
            buf.set_string(6, 1, beside, Style::new());
            kept.end(buf);
            kept.write(&mut terminal).expect("written");
            // What the terminal shows, before the buffers swap.
            let shown = shown(&terminal);
            kept.ready(&mut terminal).expect("ready");
            shown
        };
        assert_eq!(frame("ab"), ["kept      ", "      ab  "]);
        assert_eq!(frame("cd"), ["kept      ", "      cd  "]);
        assert_eq!(frame(""), ["kept      ", "          "]);
    }

    #[test]
    fn a_copy_covers_only_where_the_part_and_the_frame_meet() {
        let mut part: Part<u8> = Part::default();
        let mut frame = Buffer::empty(Rect::new(0, 0, 4, 2));
        frame.set_string(0, 0, "abcd", Style::new());
        frame.set_string(0, 1, "efgh", Style::new());
        // Half of the part lies outside the frame.
        part.draw(0, Rect::new(2, 1, 4, 4), &[], &mut frame, |buf| {
            buf.set_string(2, 1, "XYZW", Style::new());
        });
        let rows: Vec<String> = (0..2)
            .map(|y| (0..4).map(|x| frame[(x, y)].symbol().to_string()).collect())
            .collect();
        assert_eq!(rows, ["abcd", "efXY"]);
    }
}
