//! The bad-files corpus: `tests/fixtures/bad-files/bad-day` holds one good
//! device file and a broken file of every kind a hand edit, a half-synced
//! copy or another program can leave. Each gives its one-sentence reason
//! naming the file and, when the problem is at a place in the text, the
//! line and column; `check` lists them all and exits 2; a write is refused
//! naming the file; the good file still loads; nothing is ever changed.
//! Larger monsters (20 MB strings, a 300 MB file, 100,000 levels of
//! nesting) are made by the tests, not committed; loading each is bounded
//! in time and memory.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{Env, assert_unchanged, copy_tree, files, fixture};
use unconf::store::{Access, Clock, EventFolder, Identity};

const EVENT: &str = "bad-day";

/// Each broken file and the reason it gives, in the order they are read.
const BROKEN: &[(&str, &str)] = &[
    (
        "bad-date.ron",
        "line 33, column 18 (in records[1].at): input contains invalid characters",
    ),
    (
        "binary.ron",
        "line 1, column 1: the file is not valid UTF-8 text",
    ),
    ("blank.ron", "the file is empty"),
    (
        "bom-crlf-type-error.ron",
        "line 39, column 26 (in records[1].value.Pitch.interest): Expected integer",
    ),
    ("bom-only.ron", "the file is empty"),
    (
        "crlf-type-error.ron",
        "line 39, column 26 (in records[1].value.Pitch.interest): Expected integer",
    ),
    (
        "deep-nesting.ron",
        "line 9, column 44 (in colour[0][0][0][0][0][0][0][0][0][0][0][0][0][0]…): it nests more than 64 levels deep, which no unconf file does",
    ),
    (
        "deep-options.ron",
        "line 41, column 293 (in records[1].value.Pitch.mood): it nests more than 64 levels deep, which no unconf file does",
    ),
    ("empty.ron", "the file is empty"),
    (
        "escape-in-format.ron",
        "it is not an unconf device file (format is \"\u{1b}[2J\u{1b}]0;pwned\u{7}\")",
    ),
    (
        "json.ron",
        "line 1, column 1: Expected opening `(` for struct `DeviceFile`",
    ),
    (
        "latin1.ron",
        "line 35, column 28: the file is not valid UTF-8 text",
    ),
    (
        "liar.ron",
        "record 01M8E75480P7YDM3EWQBYYW0Z3 was not written by device \"someone\" named in the header",
    ),
    (
        "missing-format.ron",
        "line 44, column 1: Unexpected missing field named `format` in `DeviceFile`",
    ),
    (
        "negative-interest.ron",
        "line 39, column 28 (in records[1].value.Pitch.interest): Integer is out of bounds",
    ),
    (
        "newer-version.ron",
        "it was written by a newer unconf (format version 3, this build reads up to 2); update unconf to edit this event",
    ),
    ("no-device.ron", "the header names no device"),
    (
        "not-ours.ron",
        "it is not an unconf device file (format is \"planner\")",
    ),
    (
        "nul-bytes.ron",
        "line 35, column 35 (in records[1].value.Pitch): Expected comma",
    ),
    (
        "records-as-map.ron",
        "line 9, column 13 (in records): Expected opening `[`",
    ),
    (
        "trailing-garbage.ron",
        "line 45, column 2: Non-whitespace trailing characters",
    ),
    (
        "truncated-header.ron",
        "line 6, column 13 (in device): Expected end of string",
    ),
    (
        "truncated-mid-string.ron",
        "line 35, column 24 (in records[1].value.Pitch.title): Expected end of string",
    ),
    (
        "truncated-record.ron",
        "line 35, column 24 (in records[1].value.Pitch.title): Expected end of string",
    ),
    (
        "unknown-variant.ron",
        "line 34, column 25 (in records[1].value): Unexpected variant named `Poll` in enum `Record`, expected one of `Event`, `Room`, `Slot`, `Pitch`, `Session`, `Note`, `Action`, or `Decision` instead",
    ),
    (
        "utf16.ron",
        "line 1, column 1: the file is UTF-16 text; save it as UTF-8",
    ),
    (
        "version-as-text.ron",
        "line 4, column 13 (in version): Expected integer",
    ),
    ("version-zero.ron", "format version 0 does not exist"),
    (
        "vv-as-list.ron",
        "line 29, column 16 (in records[1].vv): Expected opening `{`",
    ),
    // A good file of another event is told apart after the others are read.
    (
        "other-event.ron",
        "it belongs to another event (id 02M8E75480P7YDM3EWQBYYW0Z3)",
    ),
];

/// Odd but valid, so these load: unknown fields are ignored (FORMATS.md),
/// and a record saved twice by one device with one counter is kept twice
/// and flagged as a conflict rather than guessed.
const ACCEPTED: &[&str] = &["duplicate-ids.ron", "unknown-field.ron"];

fn with_corpus() -> Env {
    let env = Env::new();
    copy_tree(&fixture("bad-files/bad-day"), &env.event_dir(EVENT));
    env
}

fn read(dir: &Path) -> EventFolder {
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-28T09:00:00+00:00").expect("time");
    EventFolder::open(
        dir,
        Identity::from_label("reader", "Reader"),
        Clock::Fixed(now),
        Access::Read,
    )
    .expect("the event opens")
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .expect("a name")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn every_broken_file_gives_its_reason_and_the_rest_loads() {
    let env = with_corpus();
    let folder = read(&env.event_dir(EVENT));
    let got: Vec<(String, String)> = folder
        .problems()
        .iter()
        .map(|p| (name_of(&p.path), p.reason.clone()))
        .collect();
    let expected: Vec<(String, String)> = BROKEN
        .iter()
        .map(|(n, r)| ((*n).to_string(), (*r).to_string()))
        .collect();
    if got != expected {
        let listing: String = got
            .iter()
            .map(|(n, r)| format!("    ({n:?}, {r:?}),\n"))
            .collect();
        panic!("the reasons differ; they are now:\n{listing}");
    }
    assert!(BROKEN.len() >= 25, "the corpus holds at least 25 files");
    let loaded: Vec<String> = folder.files().iter().map(|f| name_of(&f.path)).collect();
    let mut expected_loaded: Vec<String> = ACCEPTED.iter().map(|n| (*n).to_string()).collect();
    expected_loaded.push("organiser-134fga9j.ron".into());
    expected_loaded.sort();
    assert_eq!(loaded, expected_loaded);
    let titles: Vec<&str> = folder
        .event()
        .pitches
        .values()
        .map(|p| p.title.as_str())
        .collect();
    assert_eq!(titles, ["Open data"], "the good files still load");
}

#[test]
fn check_lists_every_broken_file_exits_2_and_changes_nothing() {
    let env = with_corpus();
    let before = files(env.root());
    let check = env.run(&["check", EVENT]);
    assert_eq!(check.code, 2, "{check:?}");
    let expected: String = BROKEN
        .iter()
        .map(|(name, reason)| {
            let reason = unconf::model::text::inert_line(reason);
            format!("unreadable: [HOME]/sessions/{EVENT}/{name} could not be read: {reason}.\n")
        })
        .collect();
    let unreadable: String = check
        .stdout
        .lines()
        .filter(|l| l.starts_with("unreadable: "))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(unreadable, expected);
    assert!(check.stderr.ends_with(&format!(
        "error: {} files in [HOME]/sessions/{EVENT} could not be read.\n",
        BROKEN.len()
    )));
    assert_unchanged(&before, &files(env.root()), "check");
}

#[test]
fn each_broken_file_alone_stops_a_write_naming_it_and_changes_nothing() {
    for (name, reason) in BROKEN {
        let env = Env::new();
        let dir = env.event_dir(EVENT);
        std::fs::create_dir_all(&dir).expect("folder");
        let corpus = fixture("bad-files/bad-day");
        for file in ["organiser-134fga9j.ron", name] {
            std::fs::copy(corpus.join(file), dir.join(file)).expect("copied");
        }
        let before = std::fs::read(dir.join(name)).expect("read");
        if *name == "other-event.ron" {
            // Another event's file is no part of this one: the write goes
            // ahead, `check` names the file, and it is left as it was.
            env.ok_as(("kim-laptop", "Kim"), &["pitch", "add", EVENT, "Skills"]);
            assert_eq!(std::fs::read(dir.join(name)).expect("read"), before);
            continue;
        }
        let message = env.refused_as(("kim-laptop", "Kim"), &["pitch", "add", EVENT, "Skills"]);
        assert_eq!(std::fs::read(dir.join(name)).expect("read"), before);
        if *name == "newer-version.ron" {
            // A newer file is read as far as it can be, and the event is
            // read-only: the refusal says why.
            assert!(
                message.contains(&format!("{name} was written by a newer unconf")),
                "{message}"
            );
            continue;
        }
        let reason = unconf::model::text::inert_line(reason);
        let expected = format!(
            "error: [HOME]/sessions/{EVENT}/{name} could not be read: {reason}; nothing was done: "
        );
        assert!(
            message.starts_with(&expected),
            "{message}\nexpected {expected}"
        );
    }
}

/// Runs `unconf check` with at most `kib` KiB of address space (`ulimit
/// -v`): its exit code, stdout and how long it took. Running out would
/// abort the process rather than exit 2.
fn check_bounded(env: &Env, kib: u64) -> (Option<i32>, String, Duration) {
    let start = Instant::now();
    let root = env.root();
    let output = std::process::Command::new("sh")
        .args([
            "-c",
            &format!("ulimit -v {kib} && exec \"$0\" check {EVENT}"),
        ])
        .arg(env!("CARGO_BIN_EXE_unconf"))
        .env_clear()
        .current_dir(root)
        .env("HOME", root)
        .env("XDG_CONFIG_HOME", root.join("config"))
        .env("XDG_DATA_HOME", root.join("data"))
        .env("UNCONF_HOME", env.sessions())
        .env("UNCONF_DEVICE", "organiser")
        .env("UNCONF_NOW", common::DAY_START)
        .output()
        .expect("runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        start.elapsed(),
    )
}

/// Makes the monsters no one should commit: a 20 MB string that never
/// ends, a complete 20 MB title, a 300 MB (sparse) file and 100,000
/// levels of nesting.
fn monsters(dir: &Path) {
    let good = std::fs::read_to_string(dir.join("organiser-134fga9j.ron")).expect("good file");
    let kim = good
        .replace("134fga9j", "k1m9x2ab")
        .replace("organiser", "kim");
    let huge = "x".repeat(20 * 1024 * 1024);
    let open = kim.replacen("\"Open data\"", &format!("\"{huge}"), 1);
    std::fs::write(
        dir.join("huge-open-string.ron"),
        &open[..open.find(&huge).expect("there") + huge.len()],
    )
    .expect("written");
    std::fs::write(
        dir.join("huge-title.ron"),
        kim.replacen("Open data", &huge, 1),
    )
    .expect("written");
    let sparse = std::fs::File::create(dir.join("huge-sparse.ron")).expect("created");
    sparse.set_len(300 * 1024 * 1024).expect("sized");
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    std::fs::write(
        dir.join("deep-100000.ron"),
        kim.replacen("tags: [],", &format!("tags: {deep},"), 1),
    )
    .expect("written");
}

#[test]
fn monsters_load_in_bounded_time_and_memory() {
    let env = Env::new();
    let dir = env.event_dir(EVENT);
    std::fs::create_dir_all(&dir).expect("folder");
    std::fs::copy(
        fixture("bad-files/bad-day/organiser-134fga9j.ron"),
        dir.join("organiser-134fga9j.ron"),
    )
    .expect("copied");
    monsters(&dir);
    let start = Instant::now();
    let folder = read(&dir);
    let elapsed = start.elapsed();
    let reasons: Vec<(String, String)> = folder
        .problems()
        .iter()
        .map(|p| (name_of(&p.path), p.reason.clone()))
        .collect();
    println!("monsters read in {elapsed:?}: {reasons:#?}");
    assert_eq!(
        folder.files().len(),
        2,
        "the good file and the 20 MB title load"
    );
    let (code, stdout, took) = check_bounded(&env, 512 * 1024);
    println!("check under a memory limit: {code:?} in {took:?}");
    assert_eq!(code, Some(2), "{stdout}");
}
