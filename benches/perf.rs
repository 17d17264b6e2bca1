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
use std::time::{Duration, Instant};

use common::screen::{Typist, clock, first_session, open};
use common::{Budgets, device_files};
use criterion::Criterion;
use unconf::export::{WriteUpOptions, markdown};
use unconf::model::{Change, Id, Note, NoteKind, Record, ops};
use unconf::store::format::DeviceFile;
use unconf::store::generate::{Sizes, generate};
use unconf::store::{Access, EventFolder, Identity};

fn main() -> std::process::ExitCode {
    let measuring = common::measuring();
    let root = tempfile::tempdir().expect("a temp dir");
    // Locks and backups of the events opened here stay in the temporary
    // folder, never in this machine's own state directory.
    let _state = unconf::store::local::on_this_thread(&root.path().join("state"));
    let small = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sessions/supplier-response-to-the-local-digital-declaration");
    let medium = root.path().join("medium");
    let large = root.path().join("large");
    // A test run (`cargo test --benches`) checks that every benchmark
    // works, once each, on two small generated events in place of medium
    // and large, and judges no budget.
    let (medium_sizes, large_sizes) = if measuring {
        (Sizes::MEDIUM, Sizes::LARGE)
    } else {
        (TINY, Sizes { notes: 400, ..TINY })
    };
    generate(&medium, &medium_sizes).expect("medium generated");
    generate(&large, &large_sizes).expect("large generated");
    let events = [("small", small), ("medium", medium), ("large", large)];

    let quick = quick();
    let mut c = Criterion::default()
        .output_directory(&common::target_dir().join("criterion"))
        .sample_size(if quick { 10 } else { 20 })
        .warm_up_time(Duration::from_millis(if quick { 200 } else { 500 }))
        .measurement_time(Duration::from_secs(if quick { 1 } else { 3 }))
        .configure_from_args();
    let mut ran = Ran::default();
    load(&mut c, &events, &mut ran);
    keystrokes(&mut c, &events, &mut ran);
    export(&mut c, &events, &mut ran);
    saving(&mut c, &events, root.path(), &mut ran);
    c.final_summary();
    if !measuring {
        println!("perf: test run; budgets are judged only under `cargo bench`.");
        return std::process::ExitCode::SUCCESS;
    }

    let mut budgets = Budgets::new("perf");
    let mut table = ratios(&events, root.path(), &ran, &mut budgets);
    table.push_str(&peak_memory(&events[2].1, &mut budgets));
    println!("\n{table}");
    let file = common::target_dir().join("perf-ratios.txt");
    if std::fs::write(&file, &table).is_ok() {
        println!("(also in {})", file.display());
    }
    budgets.finish()
}

/// A few of everything, for a test run.
const TINY: Sizes = Sizes {
    pitches: 30,
    sessions: 10,
    notes: 100,
    devices: 3,
};

/// `UNCONF_BENCH_QUICK=1`: fewer rounds and shorter criterion runs, to
/// check the machinery in a minute or two; its figures are rougher.
fn quick() -> bool {
    std::env::var_os("UNCONF_BENCH_QUICK").is_some_and(|v| v != "0")
}

/// Alternating rounds for a ratio: `full` normally, about a third under
/// `UNCONF_BENCH_QUICK`, never fewer than five: the median of three rounds
/// is one slow round away from being wrong, and export large / medium went
/// over its budget once that way.
fn rounds(full: usize) -> usize {
    if quick() { (full / 3).max(5) } else { full }
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

/// A screen keys are timed on: its name in the table, its id in
/// criterion's names, and how it is set up.
type Screen = (&'static str, &'static str, fn(&Path) -> Typist);

const TYPISTS: [Screen; 4] = [
    ("Notes", "notes", Typist::notes),
    (
        "Organiser's Notes",
        "organiser-notes",
        Typist::organiser_notes,
    ),
    ("Pitches", "pitches", Typist::pitches),
    ("Schedule", "schedule", Typist::schedule),
];

/// Typing on the Notes screen (note-taker mode on the first session, and
/// the organiser's screen with its list of sessions), typing into the
/// Pitches screen's quick-add line, and moving on the Schedule grid, a
/// pair of keys per iteration.
fn keystrokes(c: &mut Criterion, events: &[(&str, PathBuf)], ran: &mut Ran) {
    let mut group = c.benchmark_group("key");
    for (name, dir) in events {
        for (_, id, make) in TYPISTS {
            let mut typist = make(dir);
            group.bench_function(format!("{id}/{name}"), |b| {
                ran.note(&format!("key/{id}/{name}"));
                b.iter(|| typist.pair());
            });
        }
    }
    group.finish();
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

/// Whose laptop saves: one whose own file holds the same 20 notes on every
/// event, or the organiser's, whose own file holds the event's pitches,
/// sessions and rooms and so grows with the event.
#[derive(Clone, Copy)]
enum Who {
    Laptop,
    Organiser,
}

/// A laptop editing one note of its own file back and forth: only the own
/// file is written, whatever the event's size.
struct Saver {
    folder: EventFolder,
    session: Id,
    note: Id,
    flip: bool,
}

impl Saver {
    /// Works on a copy of the event's files in `copy`.
    fn new(dir: &Path, copy: &Path, who: Who) -> Saver {
        copy_dir(dir, copy);
        let (mut folder, notes) = match who {
            Who::Laptop => (open(copy, "bench laptop", Access::Write), 20),
            Who::Organiser => {
                let me = organiser(copy);
                let folder = EventFolder::open(copy, me, clock(), Access::Write).expect("opens");
                (folder, 1)
            }
        };
        let session = first_session(folder.event());
        let mut mine = Vec::new();
        for n in 0..notes {
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

    /// The size of the own file as last saved.
    fn own_bytes(&self) -> u64 {
        std::fs::metadata(self.folder.own_path()).map_or(0, |m| m.len())
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

/// The identity of the device with the largest file in `dir`: the
/// organiser's laptop, which holds the pitches, sessions and rooms.
fn organiser(dir: &Path) -> Identity {
    let folder = open(dir, "reader", Access::Read);
    let size = |path: &Path| std::fs::metadata(path).map_or(0, |m| m.len());
    let file = folder
        .files()
        .iter()
        .max_by_key(|f| size(&f.path))
        .expect("a device file");
    Identity {
        device: file.device.clone(),
        label: file.label.clone(),
        author: "Bench".into(),
        plain: false,
    }
}

fn saving(c: &mut Criterion, events: &[(&str, PathBuf)], root: &Path, ran: &mut Ran) {
    let mut group = c.benchmark_group("save");
    for (name, dir) in events {
        let mut saver = Saver::new(dir, &root.join(format!("save-{name}")), Who::Laptop);
        group.bench_function(format!("edit/{name}"), |b| {
            ran.note(&format!("save/edit/{name}"));
            b.iter(|| saver.edit());
        });
        let copy = root.join(format!("save-organiser-{name}"));
        let mut saver = Saver::new(dir, &copy, Who::Organiser);
        group.bench_function(format!("organiser/{name}"), |b| {
            ran.note(&format!("save/organiser/{name}"));
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
        start.elapsed() / n
    };
    paired_timed(rounds, || time(&mut a, runs.0), || time(&mut b, runs.1))
}

/// As [`paired`], for sides that time themselves (to leave out what each
/// call must do first): each returns the time of one call, or the mean of
/// several.
fn paired_timed(
    rounds: usize,
    mut a: impl FnMut() -> Duration,
    mut b: impl FnMut() -> Duration,
) -> (f64, f64, f64) {
    let mut ratios = Vec::new();
    let mut times_a = Vec::new();
    let mut times_b = Vec::new();
    for round in 0..=rounds {
        let x = a().as_nanos() as f64;
        let y = b().as_nanos() as f64;
        if round > 0 {
            ratios.push(x / y);
            times_a.push(x);
            times_b.push(y);
        }
    }
    (median(ratios), median(times_a), median(times_b))
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

/// One line of the ratio table, and its budget if it has one.
fn row(
    table: &mut String,
    budgets: &mut Budgets,
    label: &str,
    (ratio, a, b): (f64, f64, f64),
    budget: Option<f64>,
) {
    let verdict = match budget {
        None => "-",
        Some(most) if ratio <= most => "meets",
        Some(_) => "OVER",
    };
    if let Some(most) = budget {
        budgets.at_most(label, ratio, most, "x");
    }
    let budget = budget.map_or_else(|| "-".to_string(), |b| format!("{b:.2}x"));
    let _ = writeln!(
        table,
        "{label:<52}{ratio:>7.2}x  {budget:>8}  {verdict:<8}  ({} vs {})",
        human(a),
        human(b)
    );
}

/// A ratio's label, its measure (see [`paired`]) and its budget.
type Row = (String, (f64, f64, f64), Option<f64>);

/// The ratios the budgets are about, each measured in alternating rounds
/// (see [`paired`]); a ratio whose benchmarks a filter left out is not
/// measured, and its budget is "not run" rather than failed.
fn ratios(events: &[(&str, PathBuf)], root: &Path, ran: &Ran, budgets: &mut Budgets) -> String {
    let [(_, small), (_, medium), (_, large)] = events else {
        return String::new();
    };
    let mut table = format!(
        "{:<52}measured     budget  verdict   (medians)\n",
        "ratio (alternating rounds)"
    );
    let both = |a: &str, b: &str| ran.0.iter().any(|r| r == a) && ran.0.iter().any(|r| r == b);
    let mut skip = |table: &mut String, label: &str, budget: Option<f64>| {
        let _ = writeln!(table, "{label:<52}(not run)");
        if let Some(limit) = budget {
            budgets.not_run(label, limit, "x", "a filter left its benchmarks out");
        }
    };
    let mut rows: Vec<Row> = Vec::new();
    // Opening reads each device file from this machine's cache of parsed
    // files when it holds that file's bytes (src/store/cache.rs), so the
    // load is judged twice: as every open after the first on a laptop
    // (warm), and as the first open, with the cache emptied before each
    // (cold: read, parse, merge, and fill the cache).
    let cache = root.join("state").join("cache");
    for (label, cold) in [
        ("load large: open / bare RON parse", false),
        ("load large, cache emptied: open / bare RON parse", true),
    ] {
        if both("load/open/large", "load/bare-parse/large") {
            let files = device_files(large);
            // Nine rounds even in a quick run: one open of large moves
            // from run to run more than the ratio's room under its budget.
            let measured = paired_timed(
                9,
                || {
                    // Emptying the cache is not part of opening, so it
                    // is left out of the time.
                    if cold {
                        let _ = std::fs::remove_dir_all(&cache);
                    }
                    let start = Instant::now();
                    drop(black_box(open(large, "reader", Access::Read)));
                    start.elapsed()
                },
                || {
                    let start = Instant::now();
                    bare_parse(&files);
                    start.elapsed()
                },
            );
            rows.push((label.into(), measured, Some(1.5)));
        } else {
            skip(&mut table, label, Some(1.5));
        }
    }
    for (screen, id, make) in TYPISTS {
        let label = format!("{screen} keystroke: large / small");
        if both(&format!("key/{id}/large"), &format!("key/{id}/small")) {
            let (mut a, mut b) = (make(large), make(small));
            let measured = paired(rounds(41), (100, 100), || a.pair(), || b.pair());
            rows.push((label, measured, Some(1.2)));
        } else {
            skip(&mut table, &label, Some(1.2));
        }
        let label = format!("{screen} keystroke: large / medium");
        if both(&format!("key/{id}/large"), &format!("key/{id}/medium")) {
            let (mut a, mut b) = (make(large), make(medium));
            let measured = paired(rounds(21), (100, 100), || a.pair(), || b.pair());
            rows.push((label, measured, None));
        } else {
            skip(&mut table, &label, None);
        }
    }
    let label = "save one edit, own file of 20 notes: large / small";
    if both("save/edit/large", "save/edit/small") {
        let mut a = Saver::new(large, &root.join("paired-save-large"), Who::Laptop);
        let mut b = Saver::new(small, &root.join("paired-save-small"), Who::Laptop);
        let measured = paired(rounds(41), (20, 20), || a.edit(), || b.edit());
        rows.push((label.into(), measured, Some(1.2)));
    } else {
        skip(&mut table, label, Some(1.2));
    }
    for row_ in rows.drain(..) {
        row(&mut table, budgets, &row_.0, row_.1, row_.2);
    }
    table.push_str(&organiser_saves(events, root, ran, budgets));
    let label = "export: large / medium";
    if both("export/markdown/large", "export/markdown/medium") {
        let options = WriteUpOptions::new(true, false);
        let (a, b) = (
            open(large, "reader", Access::Read),
            open(medium, "reader", Access::Read),
        );
        // Fifteen rounds even in a quick run: a large export is one call
        // of a few hundred milliseconds, and with five rounds one slow call
        // moved the median over the budget (12.64x in one of five runs).
        let measured = paired(
            15,
            (1, 10),
            || drop(black_box(markdown(a.event(), &options))),
            || drop(black_box(markdown(b.event(), &options))),
        );
        row(&mut table, budgets, label, measured, Some(12.0));
    } else {
        let _ = writeln!(table, "{label:<52}(not run)");
        budgets.not_run(label, 12.0, "x", "a filter left its benchmarks out");
    }
    table
}

/// Saving one edit with the organiser's own file, which holds every pitch,
/// session and room: its cost may grow with that file, never faster. The
/// budget: large / medium at most 1.2 times the ratio of the two own
/// files' sizes. Large / small is reported beside it, with the cost per
/// MiB of own file.
fn organiser_saves(
    events: &[(&str, PathBuf)],
    root: &Path,
    ran: &Ran,
    budgets: &mut Budgets,
) -> String {
    let [(_, small), (_, medium), (_, large)] = events else {
        return String::new();
    };
    let mut table = String::new();
    let ran_ = |id: &str| ran.0.iter().any(|r| r == id);
    let label = "save one edit, organiser's own file: large / medium";
    if !(ran_("save/organiser/large") && ran_("save/organiser/medium")) {
        let _ = writeln!(table, "{label:<52}(not run)");
        budgets.not_run(label, f64::NAN, "x", "a filter left its benchmarks out");
        return table;
    }
    let mut a = Saver::new(large, &root.join("paired-organiser-large"), Who::Organiser);
    let mut b = Saver::new(
        medium,
        &root.join("paired-organiser-medium"),
        Who::Organiser,
    );
    let mut c = Saver::new(small, &root.join("paired-organiser-small"), Who::Organiser);
    let (large_bytes, medium_bytes, small_bytes) = (a.own_bytes(), b.own_bytes(), c.own_bytes());
    let sizes = large_bytes as f64 / medium_bytes as f64;
    let measured = paired(rounds(21), (5, 20), || a.edit(), || b.edit());
    row(&mut table, budgets, label, measured, Some(1.2 * sizes));
    let _ = writeln!(
        table,
        "{:<52}{sizes:>7.2}x  (own files {} vs {})",
        "  own file sizes: large / medium",
        mib_text(large_bytes),
        mib_text(medium_bytes)
    );
    let versus_small = paired(rounds(9), (5, 20), || a.edit(), || c.edit());
    row(
        &mut table,
        budgets,
        "save one edit, organiser's own file: large / small",
        versus_small,
        None,
    );
    // A save costs a fixed part (the small event's own file is a few KiB)
    // and a part per MiB of own file: the slope from small to each.
    let slope = |ns: f64, bytes: u64| {
        let extra = (bytes as f64 - small_bytes as f64) / (1024.0 * 1024.0);
        human((ns - versus_small.2) / extra)
    };
    let _ = writeln!(
        table,
        "{:<52}{} with a {} own file, then {} per MiB more (to large), {} (to medium)",
        "  cost of a save against its own file",
        human(versus_small.2),
        mib_text(small_bytes),
        slope(versus_small.1, large_bytes),
        slope(measured.2, medium_bytes),
    );
    table
}

fn mib_text(bytes: u64) -> String {
    format!("{:.2} MiB", bytes as f64 / (1024.0 * 1024.0))
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
fn peak_memory(large: &Path, budgets: &mut Budgets) -> String {
    let label = "peak memory of export, large";
    let disk = common::bytes_on_disk(large);
    let budget = 3 * disk + 20 * 1024 * 1024;
    let mib = |bytes: u64| bytes as f64 / (1024.0 * 1024.0);
    match common::peak_of_export(large) {
        Ok(peak) => {
            budgets.at_most(label, mib(peak), mib(budget), "MiB");
            format!(
                "{:<52}{:>7.1} MiB  {:>6.1} MiB  {:<8}  ({:.1} MiB on disk; {:.2}x disk)\n",
                label,
                mib(peak),
                mib(budget),
                if peak <= budget { "meets" } else { "OVER" },
                mib(disk),
                peak as f64 / disk as f64
            )
        }
        Err(why) => {
            budgets.unmeasured(label, mib(budget), "MiB", &why);
            format!("{label:<52}(not measured: {why})\n")
        }
    }
}
