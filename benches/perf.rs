//! unconf at any size: load, keystrokes, saving, export and peak memory on
//! the example event (small) and on generated medium and large events, each
//! reported as the ratio its budget is about (see docs/PERFORMANCE.md).
//!
//! `cargo bench --bench perf` prints the criterion figures of each side,
//! then a table of the ratios, also written to `target/perf-ratios.txt`.
//! The ratios are not made from criterion's figures, which are taken
//! minutes apart: each is timed again in rounds that alternate between its
//! two sides, so that a busy moment on a shared machine slows both alike.

mod common;

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::DateTime;
use common::device_files;
use criterion::Criterion;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unconf::export::{WriteUpOptions, markdown};
use unconf::model::reference::resolve_session;
use unconf::model::{Change, Event, Id, Note, NoteKind, Record, ops};
use unconf::store::format::DeviceFile;
use unconf::store::generate::{Sizes, generate};
use unconf::store::{Access, Clock, EventFolder, Identity};
use unconf::tui::action::{Action, Screen};
use unconf::tui::screen::notes;
use unconf::tui::state::State;
use unconf::tui::view::kept::Kept;
use unconf::tui::{keymap, update, view};

const WIDTH: u16 = 160;
const HEIGHT: u16 = 48;

fn main() {
    let root = tempfile::tempdir().expect("a temp dir");
    // Locks and backups of the events opened here stay in the temporary
    // folder, never in this machine's own state directory.
    let _state = unconf::store::local::on_this_thread(&root.path().join("state"));
    let small = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sessions/supplier-response-to-the-local-digital-declaration");
    let medium = root.path().join("medium");
    let large = root.path().join("large");
    generate(&medium, &Sizes::MEDIUM).expect("medium generated");
    generate(&large, &Sizes::LARGE).expect("large generated");
    let events = [("small", small), ("medium", medium), ("large", large)];

    let out = criterion_dir();
    let mut c = Criterion::default()
        .output_directory(&out)
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    let mut ran = Ran::default();
    load(&mut c, &events, &mut ran);
    keystrokes(&mut c, &events, &mut ran);
    export(&mut c, &events, &mut ran);
    saving(&mut c, &events, root.path(), &mut ran);
    c.final_summary();

    let mut table = ratios(&events, root.path(), &ran);
    table.push_str(&peak_memory(&events[2].1));
    println!("\n{table}");
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/perf-ratios.txt");
    if std::fs::write(&file, &table).is_ok() {
        println!("(also in {})", file.display());
    }
}

/// The benchmarks that ran in this process (a filter may skip some), so
/// that no ratio is made from an older run's figures.
#[derive(Default)]
struct Ran(Vec<String>);

impl Ran {
    fn note(&mut self, id: &str) {
        if !self.0.iter().any(|r| r == id) {
            self.0.push(id.to_string());
        }
    }
}

fn criterion_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
        .join("criterion")
}

fn clock() -> Clock {
    Clock::Fixed(DateTime::parse_from_rfc3339("2026-11-27T10:40:00+00:00").expect("a time"))
}

fn open(dir: &Path, me: &str, access: Access) -> EventFolder {
    EventFolder::open(dir, Identity::from_label(me, "Bench"), clock(), access).expect("opens")
}

/// The real open path against a bare parse of the same files.
fn load(c: &mut Criterion, events: &[(&str, PathBuf)], ran: &mut Ran) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    for (name, dir) in events {
        group.bench_function(format!("open/{name}"), |b| {
            ran.note(&format!("load/open/{name}"));
            b.iter(|| black_box(open(dir, "reader", Access::Read)));
        });
        let files = device_files(dir);
        group.bench_function(format!("bare-parse/{name}"), |b| {
            ran.note(&format!("load/bare-parse/{name}"));
            b.iter(|| bare_parse(&files));
        });
    }
    group.finish();
}

/// The same files read and parsed into the same types, and nothing else.
fn bare_parse(files: &[PathBuf]) {
    for path in files {
        let text = std::fs::read_to_string(path).expect("readable");
        let file: DeviceFile = ron::from_str(&text).expect("parses");
        black_box(file);
    }
}

/// The TUI state the loop would have on this event.
fn state(dir: &Path) -> State {
    let (_, replica) = open(dir, "reader", Access::Read).into_parts();
    let mut state = State::new(replica, clock().now());
    update::update(
        &mut state,
        Action::Resize {
            width: WIDTH,
            height: HEIGHT,
        },
    );
    state
}

fn press(state: &mut State, code: KeyCode) {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    if let Some(action) = keymap::action_for(state, &key) {
        black_box(update::update(state, action));
    }
}

/// A screen as the loop keeps it: the state, the parts kept from the last
/// frame, and a terminal of 160x48.
struct Typist {
    state: State,
    kept: Kept,
    terminal: Terminal<TestBackend>,
}

impl Typist {
    /// Note-taker mode on the event's first session.
    fn notes(dir: &Path) -> Typist {
        let mut state = state(dir);
        let first = first_session(state.event());
        let found = resolve_session(state.event(), first.as_str(), None);
        notes::enter_note_taker(&mut state, first.as_str(), None, found);
        Typist::on(state)
    }

    /// The Schedule grid, the cursor on its first cell.
    fn schedule(dir: &Path) -> Typist {
        let mut state = state(dir);
        state.screen = Screen::Schedule;
        Typist::on(state)
    }

    fn on(state: State) -> Typist {
        let terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal");
        let mut typist = Typist {
            state,
            kept: Kept::default(),
            terminal,
        };
        typist.draw();
        typist
    }

    fn draw(&mut self) {
        let (state, kept) = (&self.state, &mut self.kept);
        self.terminal
            .draw(|frame| view::draw(state, kept, frame))
            .expect("draws");
    }

    /// One keystroke as the loop handles it: update, then a frame.
    fn key(&mut self, code: KeyCode) {
        press(&mut self.state, code);
        self.draw();
    }

    /// A pair of keys that leaves the screen as it was: a letter then
    /// Backspace on Notes, Down then Up on Schedule.
    fn pair(&mut self) {
        if self.state.screen == Screen::Schedule {
            self.key(KeyCode::Down);
            self.key(KeyCode::Up);
        } else {
            self.key(KeyCode::Char('x'));
            self.key(KeyCode::Backspace);
        }
    }
}

/// Typing on the Notes screen (note-taker mode on the first session) and
/// moving on the Schedule grid, a pair of keys per iteration.
fn keystrokes(c: &mut Criterion, events: &[(&str, PathBuf)], ran: &mut Ran) {
    let mut group = c.benchmark_group("key");
    for (name, dir) in events {
        let mut typist = Typist::notes(dir);
        group.bench_function(format!("notes/{name}"), |b| {
            ran.note(&format!("key/notes/{name}"));
            b.iter(|| typist.pair());
        });
        let mut typist = Typist::schedule(dir);
        group.bench_function(format!("schedule/{name}"), |b| {
            ran.note(&format!("key/schedule/{name}"));
            b.iter(|| typist.pair());
        });
    }
    group.finish();
}

/// The first session in programme order.
fn first_session(event: &Event) -> Id {
    event
        .sessions_in_order()
        .first()
        .map(|(id, _)| (*id).clone())
        .expect("a session")
}

/// The write-up with notes, from the event in memory.
fn export(c: &mut Criterion, events: &[(&str, PathBuf)], ran: &mut Ran) {
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    for (name, dir) in events {
        let folder = open(dir, "reader", Access::Read);
        let options = WriteUpOptions::new(true, false);
        group.bench_function(format!("markdown/{name}"), |b| {
            ran.note(&format!("export/markdown/{name}"));
            b.iter(|| black_box(markdown(folder.event(), &options)));
        });
    }
    group.finish();
}

/// A laptop whose own file holds the same 20 notes on every event, editing
/// one of them back and forth: only the own file is written, whatever the
/// event's size.
struct Saver {
    folder: EventFolder,
    session: Id,
    note: Id,
    flip: bool,
}

impl Saver {
    /// Works on a copy of the event's files in `copy`.
    fn new(dir: &Path, copy: &Path) -> Saver {
        copy_dir(dir, copy);
        let mut folder = open(copy, "bench laptop", Access::Write);
        let session = first_session(folder.event());
        let mut mine = Vec::new();
        for n in 0..20 {
            let id = folder.new_id();
            let note = Note {
                session: session.clone(),
                text: format!("Bench note {n}: a line of ordinary length about the café"),
                kind: NoteKind::Point,
                taken_at: clock().now(),
                author: "Bench".into(),
                private: false,
                status: unconf::model::ActionStatus::Open,
            };
            let changes = ops::add_note(folder.event(), id.clone(), note).expect("a note");
            folder.commit(changes).expect("saved");
            mine.push(id);
        }
        Saver {
            folder,
            session,
            note: mine.swap_remove(0),
            flip: false,
        }
    }

    fn edit(&mut self) {
        self.flip = !self.flip;
        let text = if self.flip {
            "Edited once"
        } else {
            "Edited twice"
        };
        let changes = vec![Change::put(
            self.note.clone(),
            Record::Note(Note {
                session: self.session.clone(),
                text: text.into(),
                kind: NoteKind::Point,
                taken_at: clock().now(),
                author: "Bench".into(),
                private: false,
                status: unconf::model::ActionStatus::Open,
            }),
        )];
        self.folder.commit(changes).expect("saved");
    }
}

fn saving(c: &mut Criterion, events: &[(&str, PathBuf)], root: &Path, ran: &mut Ran) {
    let mut group = c.benchmark_group("save");
    for (name, dir) in events {
        let mut saver = Saver::new(dir, &root.join(format!("save-{name}")));
        group.bench_function(format!("edit/{name}"), |b| {
            ran.note(&format!("save/edit/{name}"));
            b.iter(|| saver.edit());
        });
    }
    group.finish();
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("made");
    for path in device_files(from) {
        let name = path.file_name().expect("a name");
        std::fs::copy(&path, to.join(name)).expect("copied");
    }
}

/// The ratio of `a`'s cost to `b`'s, timed in alternating rounds so that
/// the machine's changing load (other builds, a busy neighbour) falls on
/// both sides alike: each round times `runs.0` calls of `a`, then `runs.1`
/// of `b`. Returns the median over the rounds of the ratio of their mean
/// times, with the median mean time of each side in nanoseconds. The first
/// round only warms up.
fn paired(
    rounds: usize,
    runs: (u32, u32),
    mut a: impl FnMut(),
    mut b: impl FnMut(),
) -> (f64, f64, f64) {
    let time = |f: &mut dyn FnMut(), n: u32| {
        let start = Instant::now();
        for _ in 0..n {
            f();
        }
        start.elapsed().as_nanos() as f64 / f64::from(n)
    };
    let mut ratios = Vec::new();
    let mut means_a = Vec::new();
    let mut means_b = Vec::new();
    for round in 0..=rounds {
        let x = time(&mut a, runs.0);
        let y = time(&mut b, runs.1);
        if round > 0 {
            ratios.push(x / y);
            means_a.push(x);
            means_b.push(y);
        }
    }
    (median(ratios), median(means_a), median(means_b))
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

/// One line of the ratio table.
fn row(table: &mut String, label: &str, (ratio, a, b): (f64, f64, f64), budget: Option<f64>) {
    let verdict = match budget {
        None => "-",
        Some(most) if ratio <= most => "meets",
        Some(_) => "OVER",
    };
    let budget = budget.map_or_else(|| "-".to_string(), |b| format!("{b}x"));
    let _ = writeln!(
        table,
        "{label:<40}{ratio:>7.2}x  {budget:>8}  {verdict:<8}  ({} vs {})",
        human(a),
        human(b)
    );
}

/// The ratios the budgets are about, each measured in alternating rounds
/// (see [`paired`]); a ratio whose benchmarks a filter left out is not
/// measured.
fn ratios(events: &[(&str, PathBuf)], root: &Path, ran: &Ran) -> String {
    let [(_, small), (_, medium), (_, large)] = events else {
        return String::new();
    };
    let mut table = String::from(
        "ratio (alternating rounds)              measured     budget  verdict   (medians)\n",
    );
    let both = |a: &str, b: &str| ran.0.iter().any(|r| r == a) && ran.0.iter().any(|r| r == b);
    let skip = |table: &mut String, label: &str| {
        let _ = writeln!(table, "{label:<40}(not run)");
    };
    let label = "load large: open / bare RON parse";
    if both("load/open/large", "load/bare-parse/large") {
        let files = device_files(large);
        let measured = paired(
            9,
            (1, 1),
            || drop(black_box(open(large, "reader", Access::Read))),
            || bare_parse(&files),
        );
        row(&mut table, label, measured, Some(1.5));
    } else {
        skip(&mut table, label);
    }
    for (screen, make) in [
        ("Notes", Typist::notes as fn(&Path) -> Typist),
        ("Schedule", Typist::schedule),
    ] {
        let id = screen.to_lowercase();
        let label = format!("{screen} keystroke: large / small");
        if both(&format!("key/{id}/large"), &format!("key/{id}/small")) {
            let (mut a, mut b) = (make(large), make(small));
            let measured = paired(41, (100, 100), || a.pair(), || b.pair());
            row(&mut table, &label, measured, Some(1.2));
        } else {
            skip(&mut table, &label);
        }
        let label = format!("{screen} keystroke: large / medium");
        if both(&format!("key/{id}/large"), &format!("key/{id}/medium")) {
            let (mut a, mut b) = (make(large), make(medium));
            let measured = paired(21, (100, 100), || a.pair(), || b.pair());
            row(&mut table, &label, measured, None);
        } else {
            skip(&mut table, &label);
        }
    }
    let label = "save one edit: large / small";
    if both("save/edit/large", "save/edit/small") {
        let mut a = Saver::new(large, &root.join("paired-save-large"));
        let mut b = Saver::new(small, &root.join("paired-save-small"));
        let measured = paired(41, (20, 20), || a.edit(), || b.edit());
        row(&mut table, label, measured, Some(1.2));
    } else {
        skip(&mut table, label);
    }
    let label = "export: large / medium";
    if both("export/markdown/large", "export/markdown/medium") {
        let options = WriteUpOptions::new(true, false);
        let (a, b) = (
            open(large, "reader", Access::Read),
            open(medium, "reader", Access::Read),
        );
        let measured = paired(
            9,
            (1, 10),
            || drop(black_box(markdown(a.event(), &options))),
            || drop(black_box(markdown(b.event(), &options))),
        );
        row(&mut table, label, measured, Some(12.0));
    } else {
        skip(&mut table, label);
    }
    table
}

fn human(ns: f64) -> String {
    match ns {
        n if n >= 1e9 => format!("{:.2} s", n / 1e9),
        n if n >= 1e6 => format!("{:.2} ms", n / 1e6),
        n if n >= 1e3 => format!("{:.1} µs", n / 1e3),
        n => format!("{n:.0} ns"),
    }
}

/// Peak resident memory of `unconf export --with-notes` on the large event,
/// read from `/usr/bin/time -v`, against 3x its bytes on disk + 20 MiB.
fn peak_memory(large: &Path) -> String {
    let disk: u64 = device_files(large)
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let budget = 3 * disk + 20 * 1024 * 1024;
    let out = tempfile::tempdir().expect("a temp dir");
    let run = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(env!("CARGO_BIN_EXE_unconf"))
        .arg("export")
        .arg(large)
        .args(["--with-notes", "--out"])
        .arg(out.path())
        .env("UNCONF_DEVICE", "bench reader")
        .env("UNCONF_AUTHOR", "Bench")
        .env("UNCONF_NOW", "2026-11-27T18:00:00+00:00")
        .output();
    let peak_kib = run.ok().and_then(|o| {
        String::from_utf8_lossy(&o.stderr)
            .lines()
            .find_map(|l| {
                l.trim()
                    .strip_prefix("Maximum resident set size (kbytes): ")
            })
            .and_then(|n| n.trim().parse::<u64>().ok())
    });
    let mib = |bytes: u64| bytes as f64 / (1024.0 * 1024.0);
    match peak_kib {
        Some(kib) => {
            let peak = kib * 1024;
            format!(
                "{:<40}{:>7.1} MiB  {:>6.1} MiB  {:<8}  ({:.1} MiB on disk; {:.2}x disk)\n",
                "peak memory of export, large",
                mib(peak),
                mib(budget),
                if peak <= budget { "meets" } else { "OVER" },
                mib(disk),
                peak as f64 / disk as f64
            )
        }
        None => "peak memory of export, large            (needs /usr/bin/time)\n".into(),
    }
}
