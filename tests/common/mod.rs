//! Shared helpers for the tests that drive the built binary.
//!
//! Every command runs with a cleared environment: the sessions directory,
//! the config and data directories and `HOME` all point into one temporary
//! directory, the device and author are given, and the clock is fixed by
//! `UNCONF_NOW`, so nothing depends on the machine or the real time. The
//! binary's local state (locks, drafts, backups, trash) is then
//! `HOME/.local/state/unconf`, and events the test opens in its own process
//! keep theirs there too.

// Each test crate uses a different part of this module.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};

use assert_cmd::Command;
use chrono::{DateTime, Duration, FixedOffset};

/// The morning of the worked example's day; the clock counts from here.
pub const DAY_START: &str = "2026-11-27T09:00:00+00:00";

/// The device and author most commands run as.
pub const ORGANISER: (&str, &str) = ("organiser", "Georgina");

/// A temporary home for the binary, with a clock that moves on a minute
/// per command.
pub struct Env {
    dir: tempfile::TempDir,
    minutes: AtomicI64,
    _state: unconf::store::local::ThreadRoot,
}

/// What one run of the binary gave.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Env {
    pub fn new() -> Env {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let state = unconf::store::local::on_this_thread(&local_state(dir.path()));
        Env {
            dir,
            minutes: AtomicI64::new(0),
            _state: state,
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// This machine's local state as the binary run here finds it.
    pub fn state(&self) -> PathBuf {
        local_state(self.root())
    }

    /// `UNCONF_HOME`: the folder that holds event folders.
    pub fn sessions(&self) -> PathBuf {
        self.root().join("sessions")
    }

    pub fn event_dir(&self, slug: &str) -> PathBuf {
        self.sessions().join(slug)
    }

    /// The clock as `UNCONF_NOW` gives it.
    pub fn now(&self) -> String {
        at_minute(self.minutes.load(Ordering::SeqCst))
    }

    /// Moves the clock on by one minute.
    pub fn tick(&self) {
        self.minutes.fetch_add(1, Ordering::SeqCst);
    }

    /// Sets the clock to `HH:MM` on the day.
    pub fn set_time(&self, hh_mm: &str) {
        let (h, m) = hh_mm.split_once(':').expect("HH:MM");
        let minutes = (h.parse::<i64>().expect("hour") - 9) * 60 + m.parse::<i64>().expect("min");
        self.minutes.store(minutes, Ordering::SeqCst);
    }

    /// The binary as `device`, written as `author`, at `now`.
    pub fn command_at(&self, (device, author): (&str, &str), now: &str) -> Command {
        let mut command = Command::cargo_bin("unconf").expect("the unconf binary is built");
        let root = self.root();
        command
            .env_clear()
            .current_dir(root)
            .env("HOME", root)
            .env("XDG_CONFIG_HOME", root.join("config"))
            .env("XDG_DATA_HOME", root.join("data"))
            .env("UNCONF_HOME", self.sessions())
            .env("UNCONF_DEVICE", device)
            .env("UNCONF_AUTHOR", author)
            .env("UNCONF_NOW", now);
        command
    }

    /// Runs `args` as the organiser, one minute after the previous command.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_as(ORGANISER, args)
    }

    /// Runs `args` as another device, one minute after the previous command.
    pub fn run_as(&self, who: (&str, &str), args: &[&str]) -> Run {
        self.tick();
        let output = self
            .command_at(who, &self.now())
            .args(args)
            .output()
            .expect("the binary runs");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: self.scrub(&String::from_utf8_lossy(&output.stdout)),
            stderr: self.scrub(&String::from_utf8_lossy(&output.stderr)),
        }
    }

    /// Runs `args` as the organiser and insists it succeeds quietly.
    pub fn ok(&self, args: &[&str]) -> String {
        self.run(args).success(args)
    }

    /// Runs `args` as `who` and insists it succeeds quietly.
    pub fn ok_as(&self, who: (&str, &str), args: &[&str]) -> String {
        self.run_as(who, args).success(args)
    }

    /// Runs a command that must be refused without changing any file, as
    /// the organiser; its one-line message.
    pub fn refused(&self, args: &[&str]) -> String {
        self.refused_as(ORGANISER, args)
    }

    /// Runs a command as `who` that must be refused without changing any
    /// file; its one-line message.
    pub fn refused_as(&self, who: (&str, &str), args: &[&str]) -> String {
        let before = files(self.root());
        let run = self.run_as(who, args);
        let message = run.refusal().to_string();
        assert_unchanged(&before, &files(self.root()), &format!("unconf {args:?}"));
        message
    }

    /// A refusal by the argument parser: exit 2, nothing on stdout, nothing
    /// written, and a first line that starts with "error: ".
    pub fn usage_error(&self, args: &[&str]) -> Run {
        let before = files(self.root());
        let run = self.run(args);
        assert_eq!(run.code, 2, "{run:?}");
        assert!(run.stderr.starts_with("error: "), "{run:?}");
        assert_eq!(run.stdout, "");
        assert_unchanged(&before, &files(self.root()), &format!("unconf {args:?}"));
        run
    }

    /// Text with this environment's temporary path replaced by `[HOME]`, so
    /// that outputs can be compared between runs.
    pub fn scrub(&self, text: &str) -> String {
        text.replace(&self.root().display().to_string(), "[HOME]")
    }
}

impl Run {
    /// Stdout of a successful run; panics with everything it said otherwise.
    pub fn success(self, args: &[&str]) -> String {
        assert!(
            self.code == 0 && self.stderr.is_empty(),
            "unconf {args:?} failed: {self:?}"
        );
        self.stdout
    }

    /// The one-line message of a refused command: exit 2, nothing on
    /// stdout, exactly one line on stderr that starts with "error: ".
    pub fn refusal(&self) -> &str {
        assert_eq!(self.code, 2, "{self:?}");
        assert_eq!(self.stdout, "", "a refused command printed: {self:?}");
        let lines: Vec<&str> = self.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "not exactly one line on stderr: {self:?}");
        assert!(lines[0].starts_with("error: "), "{self:?}");
        lines[0]
    }
}

/// Where the binary keeps its local state when `HOME` is `home` (and
/// `XDG_STATE_HOME` is unset, as in every test).
pub fn local_state(home: &Path) -> PathBuf {
    home.join(".local").join("state").join("unconf")
}

/// `UNCONF_NOW` for `minutes` after [`DAY_START`].
pub fn at_minute(minutes: i64) -> String {
    let start: DateTime<FixedOffset> =
        DateTime::parse_from_rfc3339(DAY_START).expect("a valid start time");
    (start + Duration::minutes(minutes)).to_rfc3339()
}

/// Every name in `dir` (files and folders, hidden ones too), sorted.
pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// Every file under `dir` with its bytes, by path relative to `dir`, except
/// lock files: taking a lock (and writing in it who holds it) is how every
/// write command starts, even one that is then refused. Nor the cache of
/// parsed device files: every read fills it, it holds nothing that is not
/// in the device files, and `tests/start_cache.rs` checks it on its own.
pub fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    collect(dir, dir, &mut found);
    found
}

fn collect(root: &Path, dir: &Path, found: &mut BTreeMap<PathBuf, Vec<u8>>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.map(|e| e.expect("a directory entry")) {
        let path = entry.path();
        let relative = path.strip_prefix(root).expect("under root").to_path_buf();
        if path.ends_with(".local/state/unconf/locks")
            || path.ends_with(".local/state/unconf/cache")
        {
            continue;
        }
        if path.is_dir() {
            collect(root, &path, found);
        } else {
            found.insert(relative, std::fs::read(&path).expect("readable"));
        }
    }
}

/// Panics naming every file that was added, removed or changed.
pub fn assert_unchanged(
    before: &BTreeMap<PathBuf, Vec<u8>>,
    after: &BTreeMap<PathBuf, Vec<u8>>,
    what: &str,
) {
    let changed: Vec<String> = before
        .keys()
        .chain(after.keys())
        .filter(|path| before.get(*path) != after.get(*path))
        .map(|path| path.display().to_string())
        .collect();
    assert!(changed.is_empty(), "{what} changed {changed:?}");
}

/// Copies a folder tree (a fixture) into `to`.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create the copy");
    for entry in std::fs::read_dir(from).expect("read the fixture") {
        let entry = entry.expect("a directory entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a fixture file");
        }
    }
}

/// A fixture folder in `tests/fixtures`.
pub fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// The device file of `label` in an event folder, found by its name.
pub fn device_file(event_dir: &Path, label: &str) -> PathBuf {
    let id = unconf::store::Identity::derived_id(label);
    event_dir.join(format!("{label}-{id}.ron"))
}

// What the storage regression tests (tests/storage_*.rs) share: several
// laptops, each with its own home (config, data and local state), since
// what a laptop keeps for itself must never be read by another.

/// The event the storage tests set up, as `unconf new "Open day"` names it.
pub const OPEN_DAY: &str = "open-day";

/// The one session of [`Env::open_day`], as commands refer to it.
pub const SESSION: &str = "open standards";

impl Env {
    /// The home of one laptop: its config (identity), data and local state
    /// (`$HOME/.local/state`, since `XDG_STATE_HOME` is left unset).
    pub fn laptop_home(&self, device: &str) -> PathBuf {
        self.root().join("homes").join(device)
    }

    /// The binary as `who` on its own laptop (its own home), at `now`. The
    /// event folders still default to the shared sessions folder.
    pub fn command_on(&self, who: (&str, &str), now: &str) -> Command {
        let home = self.laptop_home(who.0);
        let mut command = self.command_at(who, now);
        command
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"));
        command
    }

    /// Runs `args` as `who` on its own laptop, one minute after the
    /// previous command.
    pub fn run_on(&self, who: (&str, &str), args: &[&str]) -> Run {
        self.tick();
        let now = self.now();
        self.run_command(self.command_on(who, &now), args)
    }

    /// Runs `args` as `who` on its own laptop at `now`, leaving the clock.
    pub fn run_on_at(&self, who: (&str, &str), now: &str, args: &[&str]) -> Run {
        self.run_command(self.command_on(who, now), args)
    }

    /// Runs `args` as `who` on its own laptop and insists it succeeds quietly.
    pub fn ok_on(&self, who: (&str, &str), args: &[&str]) -> String {
        self.run_on(who, args).success(args)
    }

    /// Runs a prepared command with `args`.
    pub fn run_command(&self, mut command: Command, args: &[&str]) -> Run {
        let output = command.args(args).output().expect("the binary runs");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: self.scrub(&String::from_utf8_lossy(&output.stdout)),
            stderr: self.scrub(&String::from_utf8_lossy(&output.stderr)),
        }
    }

    /// Sets up "Open day" as `who` in the sessions folder: the room
    /// Library, the slot Round 1 (10:30-11:15) and the pitch "Open
    /// standards" on the grid. Its folder.
    pub fn open_day(&self, who: (&str, &str)) -> PathBuf {
        let dir = self.event_dir(OPEN_DAY);
        let event = path_arg(&dir);
        self.ok_on(who, &["new", "Open day", "--date", "2026-11-27"]);
        self.ok_on(who, &["room", "add", event, "Library"]);
        self.ok_on(
            who,
            &["slot", "add", event, "10:30", "11:15", "--label", "Round 1"],
        );
        self.ok_on(who, &["pitch", "add", event, "Open standards"]);
        self.ok_on(
            who,
            &[
                "schedule", event, SESSION, "--slot", "Round 1", "--room", "Library",
            ],
        );
        dir
    }

    /// The event in `dir` as `who` exports it in JSON.
    pub fn export_json(&self, who: (&str, &str), dir: &Path) -> serde_json::Value {
        let args = ["export", path_arg(dir), "--format", "json", "--out", "-"];
        let text = self.run_on(who, &args).success(&args);
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("the JSON export parses: {e}"))
    }

    /// This machine's own state for an event, by its id (the JSON export's
    /// `id`): `$XDG_STATE_HOME/unconf/events/<event-id>/` of `device`'s home.
    pub fn local_state(&self, device: &str, event_id: &str) -> PathBuf {
        self.laptop_home(device)
            .join(".local/state/unconf/events")
            .join(event_id)
    }
}

/// A path as a command-line argument.
pub fn path_arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// The `field` of every item of the JSON export's list `list`, sorted.
pub fn texts(export: &serde_json::Value, list: &str, field: &str) -> Vec<String> {
    let mut found: Vec<String> = export[list]
        .as_array()
        .unwrap_or_else(|| panic!("the export has no list {list:?}: {export}"))
        .iter()
        .map(|item| item[field].as_str().unwrap_or_default().to_string())
        .collect();
    found.sort();
    found
}

/// The first session of a JSON export: its summary and whether it is
/// listed among the conflicts.
pub fn first_session(export: &serde_json::Value) -> (String, bool) {
    let session = &export["sessions"][0];
    let id = session["id"].as_str().unwrap_or_default();
    let conflicted = export["conflicts"]
        .as_array()
        .is_some_and(|ids| ids.iter().any(|c| c.as_str() == Some(id)));
    let summary = session["summary"].as_str().unwrap_or_default().to_string();
    (summary, conflicted)
}

/// Copies the device files of an event folder (not its hidden files) into
/// `to`: what another laptop receives when the folder is copied to it.
pub fn copy_device_files(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create the copy");
    for name in names(from) {
        let path = from.join(&name);
        if !name.starts_with('.') && path.is_file() {
            std::fs::copy(&path, to.join(&name)).expect("copy a device file");
        }
    }
}

/// The `.ron` files directly in `dir`, by name, sorted.
pub fn ron_files(dir: &Path) -> Vec<String> {
    names(dir)
        .into_iter()
        .filter(|n| n.ends_with(".ron") && dir.join(n).is_file())
        .collect()
}

/// Polls `done` every 20 ms until it holds or `bound` passes; whether it
/// held. For waiting on another process's file, never as a fixed sleep.
pub fn wait_until(bound: std::time::Duration, mut done: impl FnMut() -> bool) -> bool {
    let start = std::time::Instant::now();
    loop {
        if done() {
            return true;
        }
        if start.elapsed() >= bound {
            return false;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

impl Env {
    /// [`Env::command_on`] as a plain process, for tests that start the
    /// binary and stop it while it runs.
    pub fn process_on(&self, (device, author): (&str, &str), now: &str) -> std::process::Command {
        let home = self.laptop_home(device);
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_unconf"));
        command
            .env_clear()
            .current_dir(self.root())
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("UNCONF_HOME", self.sessions())
            .env("UNCONF_DEVICE", device)
            .env("UNCONF_AUTHOR", author)
            .env("UNCONF_NOW", now);
        command
    }
}

/// Sets the modification time of every file in `dir` (if it exists) to
/// `seconds` ago: time passing for what decides by file age, such as
/// whether a rolling backup is due.
pub fn age_files(dir: &Path, seconds: u64) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let then = std::time::SystemTime::now() - std::time::Duration::from_secs(seconds);
    for entry in entries.map(|e| e.expect("a directory entry")) {
        if entry.path().is_file() {
            std::fs::File::options()
                .write(true)
                .open(entry.path())
                .and_then(|f| f.set_modified(then))
                .unwrap_or_else(|e| panic!("{}: {e}", entry.path().display()));
        }
    }
}

/// The example event shipped in `sessions/`.
pub const EXAMPLE: &str = "supplier-response-to-the-local-digital-declaration";

/// The device files the example event ships with (written by
/// `scripts/example-event.sh`). Anything else in its folder is a
/// newcomer's own laptop file from trying the app out, and not part of
/// the example: tests read only these.
pub const EXAMPLE_FILES: [&str; 2] = [
    "techuk-breakout-laptop-t0rn2akh.ron",
    "techuk-organiser-laptop-x0kxbf99.ron",
];

/// Copies the example event as shipped into `event_dir`.
pub fn copy_example(event_dir: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sessions")
        .join(EXAMPLE);
    std::fs::create_dir_all(event_dir).expect("the event folder");
    for name in EXAMPLE_FILES {
        std::fs::copy(from.join(name), event_dir.join(name)).unwrap_or_else(|e| {
            panic!("sessions/{EXAMPLE}/{name} ships with the example event: {e}")
        });
    }
}

/// Fails unless `generated` is the shipped write-up of the example event:
/// the file in `exports/`, or, when trying the app out has rewritten that
/// file (`w` on Export writes there), the committed one. So a newcomer's
/// play never fails the tests, while a change to the write-up that was
/// not rebuilt into `exports/` still does.
pub fn assert_is_the_shipped_write_up(generated: &str) {
    assert_is_the_shipped_export(&format!("{EXAMPLE}.md"), generated);
}

/// That `generated` is the file `exports/NAME` as shipped (or as last
/// committed, when someone has played with the example since).
pub fn assert_is_the_shipped_export(name: &str, generated: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = format!("exports/{name}");
    let in_tree = std::fs::read_to_string(root.join(&path)).unwrap_or_default();
    if generated == in_tree {
        return;
    }
    let committed = std::process::Command::new("git")
        .args(["show", &format!("HEAD:{path}")])
        .current_dir(root)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
    let played_with = committed.as_ref().is_some_and(|c| *c != in_tree);
    assert!(
        played_with && committed.as_deref() == Some(generated),
        "{path} is stale: run scripts/example-event.sh to rebuild it{}",
        if played_with {
            " (it was also changed since the last commit; `git checkout exports/` puts the shipped one back)"
        } else {
            ""
        }
    );
}

/// The rows of CSV text below its header, read by the `csv` crate.
pub fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    (reader.records())
        .map(|r| r.expect("a CSV row").iter().map(String::from).collect())
        .collect()
}

/// The day of [`many_people`]: a Chatham House session that mentions
/// everyone, which a public export must name no one in.
pub const CHATHAM_DAY: &str = "many-people";

/// Everyone the day knows, each pitching a session of their own.
pub const CHATHAM_PEOPLE: [&str; 8] = [
    "Priya Shah",
    "Marcus Brown",
    "Georgina Maratheftis",
    "Ade Okafor",
    "Mary Ann Jones",
    "Linda O'Halloran",
    "Tomasz Nowak",
    "Chloe Smith-Jones",
];

/// A day with one Chatham House session ("Open data") whose summary, notes
/// and next steps mention every person in every form: as written, lower
/// case, upper case, first name only and last name only.
pub fn many_people(env: &Env) {
    let e = CHATHAM_DAY;
    env.ok(&[
        "new",
        "Many people",
        "--date",
        "2026-06-14",
        "--venue",
        "Leeds Civic Hall",
    ]);
    env.ok(&["room", "add", e, "Library"]);
    env.ok(&["room", "add", e, "Hall"]);
    env.ok(&["slot", "add", e, "10:15", "11:00", "--label", "Round 1"]);
    env.ok(&["slot", "add", e, "11:00", "12:00", "--label", "Round 2"]);
    env.ok(&["pitch", "add", e, "Open data", "--by", "Priya Shah"]);
    env.ok(&[
        "schedule",
        e,
        "open data",
        "--slot",
        "Round 1",
        "--room",
        "Library",
    ]);
    for (i, person) in CHATHAM_PEOPLE.iter().enumerate().skip(1) {
        let title = format!("Topic {i}");
        env.ok(&["pitch", "add", e, &title, "--by", person]);
        if i == 1 {
            env.ok(&["schedule", e, &title, "--slot", "Round 2", "--room", "Hall"]);
        }
    }
    let mut summary = Vec::new();
    for person in CHATHAM_PEOPLE {
        let first = person.split_whitespace().next().unwrap_or(person);
        let last = person.split_whitespace().last().unwrap_or(person);
        summary.push(format!(
            "{person} spoke; {} agreed with {}; {first} and {last} asked.",
            person.to_lowercase(),
            person.to_uppercase()
        ));
        env.ok(&[
            "note",
            "add",
            e,
            "open data",
            &format!("{} thinks so", first.to_lowercase()),
        ]);
        env.ok(&[
            "action",
            "add",
            e,
            "open data",
            &format!("{last} to follow up"),
        ]);
    }
    env.ok(&[
        "session",
        "set",
        e,
        "open data",
        "--chatham-house",
        "--summary",
        &summary.join(" "),
    ]);
}
