//! The loop: read input, map it to actions, update, carry out effects, draw.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::crossterm::event::{
    self, EnableBracketedPaste, EnableMouseCapture, Event as TermEvent, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::layout::Rect;
use ratatui::{TerminalOptions, Viewport};

use super::action::{Action, Effect, Screen};
use super::screen::{self, notes};
use super::start::{self, FirstRun, FirstRunOutcome, Picker, PickerOutcome, StartAction};
use super::state::{DeviceSeen, State};
use super::terminal::Tty;
use super::theme::Theme;
use super::update::update;
use super::view::kept::Kept;
use super::watch::Watch;
use super::{keymap, loading, place, terminal, view};
use crate::model::EventInfo;
use crate::model::reference::resolve_session;
use crate::store::{
    Access, Clock, Disk, EventFolder, Identity, Loading, Stage, StoreError, atomic, location,
};

/// What to open.
#[derive(Clone, Debug)]
pub enum Launch {
    /// The event picker over the sessions folder.
    Picker,
    /// One event, all six screens.
    Event(PathBuf),
    /// Note-taker mode: one session of one event.
    NoteTaker {
        dir: PathBuf,
        session: String,
        /// Picks one occurrence of a repeated session.
        slot: Option<String>,
    },
}

/// Where things are and who is typing, as the command line found them.
#[derive(Clone, Debug)]
pub struct Setup {
    pub sessions: PathBuf,
    /// Where the identity and the last event opened are kept.
    pub config: Option<PathBuf>,
    /// `None` on the very first run: the TUI asks.
    pub identity: Option<Identity>,
    pub clock: Clock,
}

/// How often the clock ticks when nothing happens (timers, drafts, countdowns).
const TICK: Duration = Duration::from_millis(250);
/// How soon the loop looks again for the outcome of a save on its way, so
/// that "saved" (or a failure) shows as soon as the disk has answered.
const SAVE_POLL: Duration = Duration::from_millis(5);
/// How long the watchdog lets a save already on its way finish before it
/// ends the process (after `GRACE`; Windows allows 5 seconds in all).
const WRITE_GRACE: Duration = Duration::from_millis(1500);
/// How long the loop leaves the processor to the terminal after writing a
/// frame, before it gets the next frame ready (see `view::written`): on a
/// laptop of two cores the terminal, showing the frame, and this process
/// would otherwise take turns. Input cuts the wait short.
const SHOW: Duration = Duration::from_millis(1);
/// Most input events handled before the screen is drawn again.
const MAX_BATCH: usize = 512;

/// Runs the TUI until the user quits or a signal asks it to stop.
pub fn run(launch: Launch, setup: Setup) -> Result<(), String> {
    let stop = stop_on_signals()?;
    watchdog(Arc::clone(&stop));
    let mut terminal =
        start_terminal().map_err(|e| format!("Could not start the terminal UI: {e}."))?;
    // Turns off what ratatui does not know about too (mouse, paste).
    terminal::restore_on_panic();
    let _ = execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste);
    let result = session(&mut terminal, launch, setup, &stop);
    terminal::restore();
    result
}

/// The terminal as [`terminal::start`] sets it up, with a viewport of a
/// size the loop sets: ratatui asks a full-screen terminal for its size
/// before every frame (opening /dev/tty and an ioctl, on the way from each
/// key to its echo), while the loop learns of every change from crossterm's
/// resize events ([`view::resize`]) and asks only where those are not read
/// ([`terminal::fit`]).
fn start_terminal() -> io::Result<Tty> {
    let (width, height) = ratatui::crossterm::terminal::size()?;
    let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
    terminal::start(TerminalOptions { viewport })
}

/// A flag that is set when the process is asked to end: SIGTERM, SIGHUP (a
/// closed window) and SIGINT on Unix; on Windows a closed console window
/// (`CTRL_CLOSE_EVENT`), Ctrl-Break and Ctrl-C. Ctrl-C typed into the TUI
/// is a key, never a signal (the terminal is in raw mode); in plain mode
/// it is a signal, and leaves the same way.
pub(crate) fn stop_on_signals() -> Result<Arc<AtomicBool>, String> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    ctrlc::set_handler(move || flag.store(true, Ordering::Relaxed))
        .map_err(|e| format!("Could not watch for signals: {e}."))?;
    Ok(stop)
}

/// How long the loop gets to save and leave after SIGTERM or SIGHUP (on
/// Windows, after the console window is closed: Windows allows 5 seconds).
const GRACE: Duration = Duration::from_secs(3);

/// The backstop for a signal the loop cannot answer: when the terminal
/// itself has gone (a closed window sends SIGHUP), crossterm can keep
/// reading the dead terminal forever and never return to the loop. A save
/// on its way is let finish first; every edit committed before it is then
/// on disk, so ending the process loses at most a draft, and frees this
/// device's lock for the next run.
///
/// A terminal can also go without a signal reaching the process (one left
/// behind by `sudo` when its window closed, one in a session of its own,
/// one run under a tracer): its input then reads as ended or failing
/// forever, and crossterm reads it again and again at full speed
/// (crossterm issue 793). So the watchdog also looks, ten times a second,
/// whether standard input has hung up, when it was a terminal at the start
/// (else crossterm reads /dev/tty, which is not watched here).
pub(crate) fn watchdog(stop: Arc<AtomicBool>) {
    let watched = io::stdin().is_terminal();
    std::thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(100));
            if watched && input_hung_up() {
                stop.store(true, Ordering::Relaxed);
            }
        }
        // Also when the loop is stuck on a dead terminal and never sees the
        // flag: a start during the grace waits instead of opening read-only.
        crate::store::lock::mark_all_closing();
        std::thread::sleep(GRACE);
        crate::store::saver::wait_for_writes(WRITE_GRACE);
        // Quietly: the terminal may be gone, and printing would fail too.
        terminal::restore();
        std::process::exit(1);
    });
}

/// True when standard input has hung up: the other end of the terminal is
/// closed (its window, or the pseudo-terminal's master), or the line was
/// hung up under the process. Asked without waiting.
#[cfg(unix)]
fn input_hung_up() -> bool {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let stdin = io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    let now = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    poll(&mut fds, Some(&now)).is_ok_and(|_| {
        fds[0]
            .revents()
            .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL)
    })
}

/// Windows tells a closed console by its own event (see [`stop_on_signals`]).
#[cfg(not(unix))]
fn input_hung_up() -> bool {
    false
}

/// First run, picker, then the event: all in one terminal session.
fn session(
    terminal: &mut Tty,
    launch: Launch,
    setup: Setup,
    stop: &AtomicBool,
) -> Result<(), String> {
    let me = match setup.identity.clone() {
        Some(me) => me,
        None => match first_run(terminal, &setup, stop)? {
            Some(me) => me,
            None => return Ok(()),
        },
    };
    let dir = match &launch {
        Launch::Event(dir) | Launch::NoteTaker { dir, .. } => dir.clone(),
        Launch::Picker => match pick(terminal, &setup, &me, stop)? {
            Some(dir) => dir,
            None => return Ok(()),
        },
    };
    if let Some(config) = &setup.config {
        // A courtesy for next time; failing to remember is not an error.
        let _ = location::remember_last_event(config, &dir);
    }
    let device = me.device.clone();
    let (mut disk, mut state) = open_showing_progress(terminal, &dir, me, setup.clock)?;
    let facilitator = !matches!(launch, Launch::NoteTaker { .. });
    if let Launch::NoteTaker { session, slot, .. } = &launch {
        enter_note_taker(&mut state, session, slot.as_deref());
    } else if let Some(text) = disk.local().place(&device) {
        place::return_to(&mut state, &text);
    }
    let result = main_loop(terminal, &mut state, &mut disk, setup.clock, stop);
    if facilitator {
        disk.local().set_place(&device, &place::remembered(&state));
    }
    result
}

/// Asks for the author name and device label, and saves them.
fn first_run(
    terminal: &mut Tty,
    setup: &Setup,
    stop: &AtomicBool,
) -> Result<Option<Identity>, String> {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_default();
    let mut form = FirstRun::new(&user, &crate::store::lock::hostname());
    let theme = Theme::new(colour());
    let mut whole = terminal::Whole::default();
    loop {
        whole
            .draw(terminal, |area, buf| form.render(area, buf, theme))
            .map_err(|e| format!("Could not draw: {e}."))?;
        let Some(action) = next_start_action(terminal, &mut whole, stop, true)? else {
            continue;
        };
        match form.update(action) {
            FirstRunOutcome::Stay => {}
            FirstRunOutcome::Quit => return Ok(None),
            FirstRunOutcome::Done { author, label } => {
                let me = Identity::fresh(&label, &author);
                if let Some(config) = &setup.config {
                    me.save(config).map_err(|e| e.to_string())?;
                }
                return Ok(Some(me));
            }
        }
    }
}

/// The event picker; creates an event when asked.
fn pick(
    terminal: &mut Tty,
    setup: &Setup,
    me: &Identity,
    stop: &AtomicBool,
) -> Result<Option<PathBuf>, String> {
    let last = setup.config.as_deref().and_then(location::last_event);
    let events = location::list_events(&setup.sessions);
    let mut picker = Picker::new(setup.sessions.clone(), events, last.as_ref());
    let theme = Theme::new(colour());
    let mut whole = terminal::Whole::default();
    loop {
        whole
            .draw(terminal, |area, buf| picker.render(area, buf, theme))
            .map_err(|e| format!("Could not draw: {e}."))?;
        let typing = picker.typing();
        let Some(action) = next_start_action(terminal, &mut whole, stop, typing)? else {
            continue;
        };
        match picker.update(action) {
            PickerOutcome::Stay => {}
            PickerOutcome::Quit => return Ok(None),
            PickerOutcome::Open(dir) => return Ok(Some(dir)),
            PickerOutcome::Create(name) => {
                let info = EventInfo {
                    name,
                    date: Some(setup.clock.now().date_naive()),
                    ..EventInfo::default()
                };
                match EventFolder::create(&setup.sessions, info, me.clone(), setup.clock) {
                    Ok(folder) => return Ok(Some(folder.dir().to_path_buf())),
                    Err(error) => picker.message = Some(error.to_string()),
                }
            }
        }
    }
}

/// The next key before an event is open; `Quit` when a signal arrives. A
/// resize has the screen drawn whole again.
fn next_start_action(
    terminal: &mut Tty,
    whole: &mut terminal::Whole,
    stop: &AtomicBool,
    typing: bool,
) -> Result<Option<StartAction>, String> {
    if stop.load(Ordering::Relaxed) {
        return Ok(Some(StartAction::Quit));
    }
    if !event::poll(TICK).map_err(|e| e.to_string())? {
        return Ok(None);
    }
    Ok(match event::read().map_err(|e| e.to_string())? {
        TermEvent::Key(key) => start::action_for(&key, typing),
        TermEvent::Resize(..) => {
            whole
                .resized(terminal)
                .map_err(|e| format!("Could not draw: {e}."))?;
            None
        }
        _ => None,
    })
}

/// False when `NO_COLOR` is set (to anything but nothing).
pub(crate) fn colour() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Opens the event as [`open`] does; a large event draws how far reading
/// it has come (see `loading.rs`).
fn open_showing_progress(
    terminal: &mut Tty,
    dir: &Path,
    me: Identity,
    clock: Clock,
) -> Result<(Disk, State), String> {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let theme = Theme::new(colour());
    let mut pace = loading::Pace::new(loading::delay());
    open_reporting(dir, me, clock, &mut |step| {
        let last = step.stage == Stage::Merging && step.done == step.total;
        if pace.due(true, last) {
            let _ = terminal.draw(|frame| {
                loading::render(&name, &step, frame.area(), frame.buffer_mut(), theme);
            });
        }
    })
}

/// Opens the event for writing; when another process of this device holds
/// it, opens it read-only and says who has it.
pub fn open(dir: &Path, me: Identity, clock: Clock) -> Result<(Disk, State), String> {
    open_reporting(dir, me, clock, &mut |_| {})
}

/// As [`open`], telling `progress` how far reading the folder has come.
pub fn open_reporting(
    dir: &Path,
    me: Identity,
    clock: Clock,
    progress: &mut dyn FnMut(Loading),
) -> Result<(Disk, State), String> {
    let opened = EventFolder::open_reporting(dir, me.clone(), clock, Access::Write, progress);
    let (folder, locked) = match opened {
        Ok(folder) => (folder, None),
        Err(StoreError::Locked { holder, .. }) => (
            EventFolder::open_reporting(dir, me, clock, Access::Read, progress)
                .map_err(|e| e.to_string())?,
            Some(holder),
        ),
        Err(error) => return Err(error.to_string()),
    };
    let (mut disk, mut replica) = folder.into_parts();
    if let Some(holder) = locked {
        replica.set_read_only(format!("it is open for editing in {holder}"));
        disk.wait_for_lock();
    }
    let mut state = State::new(replica, clock.now());
    state.colour = colour();
    state.exports_dir = location::exports_dir().display().to_string();
    state.folder_name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    note_disk(&mut state, &disk);
    offer_drafts(&mut state, &mut disk);
    if state.event().pitches.is_empty() && state.event().rooms.is_empty() {
        state.screen = Screen::Event;
    }
    Ok((disk, state))
}

/// Copies what the loop knows about the folder into the state.
fn note_disk(state: &mut State, disk: &Disk) {
    let mut devices: Vec<DeviceSeen> = Vec::new();
    for file in disk.files() {
        let last = file.last_change.map(|t| t.fixed_offset());
        match devices.iter_mut().find(|d| d.label == file.label) {
            Some(seen) => seen.last_change = seen.last_change.max(last),
            None => devices.push(DeviceSeen {
                label: file.label.clone(),
                own: file.own,
                last_change: last,
            }),
        }
    }
    state.devices.set(devices);
    state.file_problems = disk.problems().iter().map(ToString::to_string).collect();
}

/// Puts text typed before a crash back where it was typed.
fn offer_drafts(state: &mut State, disk: &mut Disk) {
    let drafts = disk.drafts().all().clone();
    if let Some(draft) = drafts.get(&state.pitches.draft.key) {
        state.pitches.quick_add.insert(&draft.text);
        state.pitches.draft.text = draft.text.clone();
        state.info("Unsaved text from last time is back in the quick-add line.");
    }
    for (key, draft) in &drafts {
        screen::event::offer_draft(state, key, &draft.text);
    }
    let texts = drafts.into_iter().map(|(key, draft)| (key, draft.text));
    notes::offer_drafts(state, texts);
}

/// A session that is not found (yet) is not an error: the note-taker may
/// be here before the organiser's schedule, and can start typing anyway.
fn enter_note_taker(state: &mut State, session: &str, slot: Option<&str>) {
    let found = resolve_session(state.event(), session, slot);
    notes::enter_note_taker(state, session, slot, found);
}

fn main_loop(
    terminal: &mut Tty,
    state: &mut State,
    disk: &mut Disk,
    clock: Clock,
    stop: &AtomicBool,
) -> Result<(), String> {
    // Resize events are reported from the first poll on: the size asked
    // after it is the last one the loop has to ask for.
    event::poll(Duration::ZERO).map_err(|e| e.to_string())?;
    let size = terminal::fit(terminal).map_err(|e| format!("Could not draw: {e}."))?;
    update(
        state,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    let mut watch = Watch::new(disk.dir());
    // Parts of the last frame that the next can copy (see view::kept).
    let mut kept = Kept::default();
    // Keys were handled since the clock last ticked.
    let mut keys_since_tick = false;
    loop {
        // Started before drawing, so that the disk works while the frame
        // is drawn; reported as soon as it has answered.
        saves_on_their_way(state, disk);
        view::written(terminal, state, &mut kept).map_err(|e| format!("Could not draw: {e}."))?;
        // Only a pause: a failing poll is met again below, after the stop
        // flag has had its say.
        let _ = event::poll(SHOW);
        kept.ready(terminal)
            .map_err(|e| format!("Could not draw: {e}."))?;
        // After keys, the clock ticks once their frame is on its way rather
        // than between them and it: reading the local time (and once a
        // second the time zone's file) was a twentieth of the work from a
        // key to its echo, and its slowest part. What the tick changes is
        // drawn with the next key or the next tick, within `TICK`; a key
        // already met a clock read up to a `TICK` before it.
        if std::mem::take(&mut keys_since_tick) && tick(state, disk, clock) {
            return left(state, disk);
        }
        if watch.due() {
            reload(state, disk);
        }
        if stop.load(Ordering::Relaxed) {
            // Before the final save: a start meanwhile waits for the lock.
            disk.mark_closing();
            let effects = update(state, Action::Quit);
            carry_out(effects, state, disk);
            return left(state, disk);
        }
        let wait = if disk.saving() { SAVE_POLL } else { TICK };
        if event::poll(wait).map_err(|e| e.to_string())? {
            // Handle everything already waiting before drawing again, so
            // fast typing and pastes never queue up behind frames. Each key
            // is mapped only after the one before it took effect: "a" opens
            // the quick-add line, so the keys after it must type.
            // Bounded, and watching the stop flag: when the terminal goes
            // away some platforms report input forever.
            for _ in 0..MAX_BATCH {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let input = event::read().map_err(|e| e.to_string())?;
                if let TermEvent::Resize(width, height) = input {
                    let area = Rect::new(0, 0, width, height);
                    view::resize(terminal, &mut kept, area)
                        .map_err(|e| format!("Could not draw: {e}."))?;
                }
                if let Some(action) = to_action(state, input) {
                    let effects = update(state, action);
                    if carry_out(effects, state, disk) {
                        return left(state, disk);
                    }
                }
                if !event::poll(Duration::ZERO).map_err(|e| e.to_string())? {
                    break;
                }
            }
            keys_since_tick = true;
            continue;
        }
        if tick(state, disk, clock) {
            return left(state, disk);
        }
    }
}

/// Tells `update` the time and carries out what it asks; true when the
/// program should end.
fn tick(state: &mut State, disk: &mut Disk, clock: Clock) -> bool {
    let effects = update(state, Action::Tick(clock.now()));
    carry_out(effects, state, disk)
}

/// After the last save on the way out: an error when it failed, printed
/// once the terminal is back, since the status line is gone.
fn left(state: &State, disk: &Disk) -> Result<(), String> {
    if !disk.has_unsaved() {
        return Ok(());
    }
    Err(state
        .save_error
        .clone()
        .unwrap_or_else(|| "Not saved: the last edits could not be written.".into()))
}

/// Starts the save the loop was asked for, if any, and tells `update` how
/// the saves on their way went; never waits for the disk.
fn saves_on_their_way(state: &mut State, disk: &mut Disk) {
    if let Err(error) = disk.start_save(&state.replica) {
        update(state, Action::SaveFailed(save_failure(&error)));
    }
    for news in disk.save_news() {
        tell_save(state, news);
    }
}

/// Waits until the saves asked for are on disk (or failed), and tells
/// `update`: for plain mode, which confirms a line only once it is on disk,
/// and for leaving.
pub(crate) fn wait_for_saves(state: &mut State, disk: &mut Disk) {
    for news in disk.wait_for_saves(&state.replica) {
        tell_save(state, news);
    }
}

fn tell_save(state: &mut State, news: Result<(), StoreError>) {
    let action = match news {
        Ok(()) => Action::Saved,
        Err(error) => Action::SaveFailed(save_failure(&error)),
    };
    update(state, action);
}

/// Reads what other devices changed, without disturbing what is being
/// typed or selected: the replica only gains versions.
fn reload(state: &mut State, disk: &mut Disk) {
    for news in reload_news(state, disk) {
        update(state, news.told);
    }
}

/// One thing a reload has to tell.
pub(crate) struct News {
    /// An `Action::Told`.
    pub told: Action,
    /// True for the count of new changes, which a front end that names each
    /// change (plain mode) leaves out.
    pub count: bool,
}

/// Reads the folder again and says what came of it, in the order the
/// status line shows it (the last one stays).
pub(crate) fn reload_news(state: &mut State, disk: &mut Disk) -> Vec<News> {
    let report = disk.reload(&mut state.replica);
    let mut news = Vec::new();
    let mut tell = |text: String, error: bool, count: bool| {
        news.push(News {
            told: Action::Told { text, error },
            count,
        });
    };
    if report.new_versions == 0
        && !report.problems_changed
        && report.folded.is_empty()
        && !report.own_restored
        && !report.became_read_only
        && !report.writable_again
        && !report.kept_dropped
    {
        return news;
    }
    if report.kept_dropped {
        let text = "Another laptop's file came back without edits shown here (an older copy put back?): they are kept in this laptop's file.".to_string();
        tell(text, true, false);
    }
    if report.writable_again {
        let text =
            "The other unconf of this laptop has quit: edits are saved here again.".to_string();
        tell(text, false, false);
    }
    if report.became_read_only
        && let Some(reason) = state.replica.read_only().map(str::to_string)
    {
        tell(format!("Read-only from now: {reason}."), true, false);
    }
    if report.own_restored {
        let text = "This laptop's file was replaced by an older copy (a sync tool or a restore); it was written again with everything shown here.".to_string();
        tell(text, true, false);
    }
    note_disk(state, disk);
    if report.new_versions > 0 {
        let text = format!(
            "{} new change{} from {}.",
            report.new_versions,
            if report.new_versions == 1 { "" } else { "s" },
            report.from.join(", ")
        );
        tell(text, false, true);
    }
    if !report.folded.is_empty() {
        let text = format!(
            "Folded {} conflict cop{} of this laptop's file into it (kept in {}).",
            report.folded.len(),
            if report.folded.len() == 1 { "y" } else { "ies" },
            disk.local().trash().display()
        );
        tell(text, false, false);
    }
    news
}

fn to_action(state: &State, event: TermEvent) -> Option<Action> {
    match event {
        TermEvent::Key(key) => keymap::action_for(state, &key),
        TermEvent::Paste(text) => state.typing().then_some(Action::Paste(text)),
        TermEvent::Resize(width, height) => Some(Action::Resize { width, height }),
        TermEvent::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(_) => Some(Action::Click {
                column: mouse.column,
                row: mouse.row,
            }),
            MouseEventKind::ScrollDown => Some(Action::Scroll(3)),
            MouseEventKind::ScrollUp => Some(Action::Scroll(-3)),
            _ => None,
        },
        _ => None,
    }
}

/// Carries out effects; true when the program should end. A save is asked
/// for here and started by the loop once the keys waiting are handled
/// ([`saves_on_their_way`]), or waited for ([`wait_for_saves`]); on the way
/// out every save is waited for, and a failed one tried once more.
pub(crate) fn carry_out(effects: Vec<Effect>, state: &mut State, disk: &mut Disk) -> bool {
    let mut quit = false;
    for effect in effects {
        let reply = match effect {
            Effect::Save => {
                disk.want_save();
                None
            }
            Effect::SaveDraft { key, text } => disk
                .drafts()
                .set(&key, &text, state.now.to_utc())
                .err()
                .map(|e| told(format!("Could not keep a draft: {e}."), true)),
            Effect::ClearDraft { key } => disk
                .drafts()
                .clear(&key)
                .err()
                .map(|e| told(format!("Could not clear a draft: {e}."), true)),
            Effect::WriteExport { file_name, text } => Some(write_export(&file_name, &text)),
            Effect::Quit => {
                quit = true;
                None
            }
        };
        if let Some(action) = reply {
            update(state, action);
        }
    }
    if quit {
        wait_for_saves(state, disk);
        if disk.has_unsaved() {
            // One more try: a failed save must not be lost on the way out.
            let last = disk.save(&state.replica);
            if let Err(error) = last {
                update(state, Action::SaveFailed(exit_failure(&error)));
            }
        }
    }
    quit
}

/// What to say of a save that failed on the way out, after which nothing
/// tries again.
fn exit_failure(error: &StoreError) -> String {
    format!(
        "Not saved: {error} The edits made since the last save are not in the event folder; free the disk or fix the folder, then open the event again and redo them."
    )
}

/// The status line's words for a failed save: the file's name rather than
/// its whole path, so that the cause fits on the line, and what happens
/// next.
fn save_failure(error: &StoreError) -> String {
    match error {
        StoreError::Save { path, source } => {
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            format!(
                "Could not save {name}: {source}; every edit is kept here and saving is tried again every {} s.",
                crate::tui::update::SAVE_RETRY_SECONDS
            )
        }
        other => other.to_string(),
    }
}

fn told(text: String, error: bool) -> Action {
    Action::Told { text, error }
}

fn write_export(file_name: &str, text: &str) -> Action {
    let dir = location::exports_dir();
    let path = dir.join(file_name);
    let result = std::fs::create_dir_all(&dir).and_then(|()| atomic::write(&path, text.as_bytes()));
    match result {
        Ok(()) => told(format!("Wrote {}.", path.display()), false),
        Err(e) => told(format!("Could not write {}: {e}.", path.display()), true),
    }
}
