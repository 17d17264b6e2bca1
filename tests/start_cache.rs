//! Opening an event reads device files from this machine's cache of parsed
//! files (`store/cache.rs`), and a large event shows how far opening it has
//! come. What a person must be able to rely on: a change made by another
//! laptop is seen on the next open, the cache lives in local state and
//! never in the event folder, and progress never reaches a pipe.

mod common;
mod pty;

use std::fs::{File, FileTimes};
use std::path::Path;

use common::{Env, ORGANISER};

const TAKER: (&str, &str) = ("note-taker", "Sam");

fn new_event(env: &Env) -> std::path::PathBuf {
    let run = env.run(&["new", "Cache day", "--date", "2026-11-27"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = env.run(&["pitch", "add", "cache-day", "Vendor lock-in"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    env.event_dir("cache-day")
}

fn pitches(env: &Env, who: (&str, &str)) -> String {
    let run = env.run_as(who, &["pitch", "list", "cache-day", "--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

fn entries(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| entries.filter_map(Result::ok).count())
}

#[test]
fn a_change_by_another_laptop_is_seen_on_the_next_open() {
    let env = Env::new();
    let dir = new_event(&env);
    assert!(pitches(&env, TAKER).contains("Vendor lock-in"));
    // The cache is this machine's: in local state, never in the folder.
    let cache = env.state().join("cache");
    let folders: Vec<_> = std::fs::read_dir(&cache)
        .expect("a cache in local state")
        .filter_map(Result::ok)
        .collect();
    assert_eq!(folders.len(), 1);
    assert_eq!(entries(&folders[0].path()), 1);
    for entry in std::fs::read_dir(&dir)
        .expect("listed")
        .filter_map(Result::ok)
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(name.ends_with(".ron"), "{name} in the event folder");
    }

    // The organiser changes the event; the note-taker opens it again.
    let run = env.run_as(ORGANISER, &["pitch", "add", "cache-day", "Open standards"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let seen = pitches(&env, TAKER);
    assert!(seen.contains("Open standards"), "{seen}");
    assert!(seen.contains("Vendor lock-in"), "{seen}");

    // A hand edit that keeps the file's size and modification time.
    let file = std::fs::read_dir(&dir)
        .expect("listed")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().contains("organiser"))
        .expect("the organiser's file");
    let when = std::fs::metadata(&file)
        .and_then(|m| m.modified())
        .expect("a time");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, text.replace("Open standards", "Open standardz")).expect("written");
    File::options()
        .write(true)
        .open(&file)
        .and_then(|f| f.set_times(FileTimes::new().set_modified(when)))
        .expect("time kept");
    let seen = pitches(&env, TAKER);
    assert!(seen.contains("Open standardz"), "{seen}");
    assert!(!seen.contains("Open standards"), "{seen}");
}

#[test]
fn a_damaged_cache_is_never_an_error() {
    let env = Env::new();
    new_event(&env);
    let before = pitches(&env, TAKER);
    let cache = env.state().join("cache");
    for folder in std::fs::read_dir(&cache)
        .expect("a cache")
        .filter_map(Result::ok)
    {
        for entry in std::fs::read_dir(folder.path())
            .expect("listed")
            .filter_map(Result::ok)
        {
            std::fs::write(entry.path(), b"not a cache entry").expect("damaged");
        }
    }
    let run = env.run_as(TAKER, &["pitch", "list", "cache-day", "--format", "csv"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, before);
    assert_eq!(run.stderr, "");
}

#[test]
fn in_a_pipe_progress_prints_nothing() {
    let env = Env::new();
    new_event(&env);
    for args in [
        &["pitch", "list", "cache-day"][..],
        &["check", "cache-day"][..],
        &["export", "cache-day", "--out", "-"][..],
    ] {
        let plain = env.command_at(ORGANISER, &env.now()).args(args).output();
        let eager = env
            .command_at(ORGANISER, &env.now())
            .env("UNCONF_PROGRESS_DELAY_MS", "0")
            .args(args)
            .output();
        let (plain, eager) = (plain.expect("runs"), eager.expect("runs"));
        assert_eq!(eager.stdout, plain.stdout, "{args:?}");
        assert_eq!(eager.stderr, plain.stderr, "{args:?}");
        assert_eq!(eager.status.code(), plain.status.code(), "{args:?}");
    }
    let generated = env.root().join("generated");
    let run = env
        .command_at(ORGANISER, &env.now())
        .env("UNCONF_PROGRESS_DELAY_MS", "0")
        .args(["generate", &generated.to_string_lossy()])
        .args([
            "--pitches",
            "10",
            "--sessions",
            "3",
            "--notes",
            "10",
            "--devices",
            "2",
        ])
        .output()
        .expect("runs");
    assert_eq!(String::from_utf8_lossy(&run.stderr), "");
    assert!(String::from_utf8_lossy(&run.stdout).starts_with("Generated "));
}

/// On a terminal, with the delay taken away so that a small event is
/// enough: the command line draws its bar, the TUI its loading frame.
#[test]
fn on_a_terminal_progress_shows() {
    let home = tempfile::tempdir().expect("temp dir");
    let event = home.path().join("sessions").join("generated");
    let env = [
        ("UNCONF_DEVICE", "organiser"),
        ("UNCONF_AUTHOR", "Georgina"),
        ("UNCONF_PROGRESS_DELAY_MS", "0"),
    ];
    pty::cli(
        home.path(),
        &env,
        &[
            "generate",
            &event.to_string_lossy(),
            "--pitches",
            "10",
            "--sessions",
            "3",
            "--notes",
            "20",
            "--devices",
            "3",
        ],
    );
    let dirs = pty::dirs(home.path());
    let paths: Vec<(&str, &Path)> = dirs.iter().map(|(k, p)| (*k, p.as_path())).collect();

    let mut cli = pty::Tui::start(&["pitch", "list", "generated"], &paths, &env, 80, 24);
    cli.wait_for_written("device files", 1);
    cli.wait_for_written("Generated pitch #0001", 1);
    assert!(cli.wait_exit(), "the command exits cleanly");

    let mut tui = pty::Tui::start(&["open", "generated"], &paths, &env, 80, 24);
    // The frame is drawn word by word (ratatui moves the cursor over
    // what did not change), so its words are looked for one by one.
    tui.wait_for_written("Opening generated", 1);
    tui.wait_for_written("Reading", 1);
    tui.wait_for_written("device", 1);
    tui.wait_for("Generated pitch #0001");
    tui.type_text("\x03");
    assert!(tui.wait_exit(), "unconf exits cleanly");
}
