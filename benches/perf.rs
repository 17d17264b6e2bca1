//! unconf at any size: load, keystrokes, saving, export and peak memory on
//! the example event (small) and on generated medium and large events, each
//! reported as the ratio its budget is about (see docs/PERFORMANCE.md).
//!
//! `cargo bench --bench perf` prints the criterion figures, then a table of
//! ratios computed from this run's medians, also written to
//! `target/perf-ratios.txt`.

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use chrono::DateTime;
use criterion::Criterion;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unconf::export::{MarkdownOptions, markdown};
use unconf::model::reference::resolve_session;
use unconf::model::{Change, Id, Note, NoteKind, Record, ops};
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

    let mut table = ratios(&out, &ran);
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
            b.iter(|| {
                for path in &files {
                    let text = std::fs::read_to_string(path).expect("readable");
                    let file: DeviceFile = ron::from_str(&text).expect("parses");
                    black_box(file);
                }
            });
        });
    }
    group.finish();
}

fn device_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    files
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

/// One keystroke as the loop handles it: update, then a frame, with the
/// parts the loop keeps from the frame before.
fn keystroke(
    state: &mut State,
    kept: &mut Kept,
    terminal: &mut Terminal<TestBackend>,
    code: KeyCode,
) {
    press(state, code);
    terminal
        .draw(|frame| view::draw(state, kept, frame))
        .expect("draws");
}

/// Typing on the Notes screen (note-taker mode on the first session) and
/// moving on the Schedule grid. Each iteration is a pair of keys that
/// leaves the screen as it was (a letter then Backspace; Down then Up).
fn keystrokes(c: &mut Criterion, events: &[(&str, PathBuf)], ran: &mut Ran) {
    let mut group = c.benchmark_group("key");
    for (name, dir) in events {
        let mut state = state(dir);
        let first = first_session(&state);
        let found = resolve_session(state.event(), first.as_str(), None);
        notes::enter_note_taker(&mut state, first.as_str(), None, found);
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal");
        let mut kept = Kept::default();
        group.bench_function(format!("notes/{name}"), |b| {
            ran.note(&format!("key/notes/{name}"));
            b.iter(|| {
                keystroke(&mut state, &mut kept, &mut terminal, KeyCode::Char('x'));
                keystroke(&mut state, &mut kept, &mut terminal, KeyCode::Backspace);
            });
        });
        let mut state = self::state(dir);
        state.screen = Screen::Schedule;
        let mut kept = Kept::default();
        group.bench_function(format!("schedule/{name}"), |b| {
            ran.note(&format!("key/schedule/{name}"));
            b.iter(|| {
                keystroke(&mut state, &mut kept, &mut terminal, KeyCode::Down);
                keystroke(&mut state, &mut kept, &mut terminal, KeyCode::Up);
            });
        });
    }
    group.finish();
}

fn first_session(state: &State) -> Id {
    state
        .event()
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
        let options = MarkdownOptions::new(true, false);
        group.bench_function(format!("markdown/{name}"), |b| {
            ran.note(&format!("export/markdown/{name}"));
            b.iter(|| black_box(markdown(folder.event(), &options)));
        });
    }
    group.finish();
}

/// One edit saved by a laptop whose own file holds the same 20 notes on
/// every event: only the own file is written, whatever the event's size.
fn saving(c: &mut Criterion, events: &[(&str, PathBuf)], root: &Path, ran: &mut Ran) {
    let mut group = c.benchmark_group("save");
    for (name, dir) in events {
        let copy = root.join(format!("save-{name}"));
        copy_dir(dir, &copy);
        let mut folder = open(&copy, "bench laptop", Access::Write);
        let session = first_session_of(&folder);
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
            };
            let changes = ops::add_note(folder.event(), id.clone(), note).expect("a note");
            folder.commit(changes).expect("saved");
            mine.push(id);
        }
        let mut flip = false;
        group.bench_function(format!("edit/{name}"), |b| {
            ran.note(&format!("save/edit/{name}"));
            b.iter(|| {
                flip = !flip;
                let text = if flip { "Edited once" } else { "Edited twice" };
                let changes = vec![Change::put(
                    mine[0].clone(),
                    Record::Note(Note {
                        session: session.clone(),
                        text: text.into(),
                        kind: NoteKind::Point,
                        taken_at: clock().now(),
                        author: "Bench".into(),
                        private: false,
                    }),
                )];
                folder.commit(changes).expect("saved");
            });
        });
    }
    group.finish();
}

fn first_session_of(folder: &EventFolder) -> Id {
    folder
        .event()
        .sessions_in_order()
        .first()
        .map(|(id, _)| (*id).clone())
        .expect("a session")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("made");
    for path in device_files(from) {
        let name = path.file_name().expect("a name");
        std::fs::copy(&path, to.join(name)).expect("copied");
    }
}

/// The median of one benchmark in this run, in nanoseconds.
fn median(out: &Path, id: &str, ran: &Ran) -> Option<f64> {
    if !ran.0.iter().any(|r| r == id) {
        return None;
    }
    // Criterion keeps a function id's slashes as underscores on disk.
    let (group, function) = id.split_once('/')?;
    let path = out
        .join(group)
        .join(function.replace('/', "_"))
        .join("new/estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["median"]["point_estimate"].as_f64()
}

fn ratios(out: &Path, ran: &Ran) -> String {
    let rows = [
        (
            "load large: open / bare RON parse",
            "load/open/large",
            "load/bare-parse/large",
            1.5,
        ),
        (
            "load medium: open / bare RON parse",
            "load/open/medium",
            "load/bare-parse/medium",
            1.5,
        ),
        (
            "Notes keystroke: large / small",
            "key/notes/large",
            "key/notes/small",
            1.2,
        ),
        (
            "Schedule keystroke: large / small",
            "key/schedule/large",
            "key/schedule/small",
            1.2,
        ),
        (
            "Notes keystroke: large / medium",
            "key/notes/large",
            "key/notes/medium",
            f64::NAN,
        ),
        (
            "Schedule keystroke: large / medium",
            "key/schedule/large",
            "key/schedule/medium",
            f64::NAN,
        ),
        (
            "save one edit: large / small",
            "save/edit/large",
            "save/edit/small",
            1.2,
        ),
        (
            "export: large / medium",
            "export/markdown/large",
            "export/markdown/medium",
            12.0,
        ),
        (
            "export: medium / small",
            "export/markdown/medium",
            "export/markdown/small",
            f64::NAN,
        ),
    ];
    let mut table = String::from(
        "ratio                                   measured     budget  verdict   (medians)\n",
    );
    for (label, a, b, budget) in rows {
        let (Some(x), Some(y)) = (median(out, a, ran), median(out, b, ran)) else {
            let _ = writeln!(table, "{label:<40}(not run)");
            continue;
        };
        let ratio = x / y;
        let verdict = match budget.is_nan() {
            true => "-",
            false if ratio <= budget => "meets",
            false => "OVER",
        };
        let _ = writeln!(
            table,
            "{label:<40}{ratio:>7.2}x  {:>8}  {verdict:<8}  ({} vs {})",
            if budget.is_nan() {
                "-".to_string()
            } else {
                format!("{budget}x")
            },
            human(x),
            human(y)
        );
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
