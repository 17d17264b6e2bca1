//! Refusals caused by the files in the event folder rather than by what was
//! typed: a device file that does not parse, one from a newer format, and a
//! second process of the same device. Each exits 2 with one line that says
//! which file or which process, and changes nothing.

mod common;

use chrono::DateTime;
use common::{Env, device_file};
use unconf::store::{Access, Clock, EventFolder, Identity};

const EVENT: &str = "files-day";
const SAM: (&str, &str) = ("sam-laptop", "Sam");

/// An event with one session, a note in it from Sam's device, and a pitch.
fn day() -> Env {
    let env = Env::new();
    env.ok(&["new", "Files day", "--date", "2026-11-27"]);
    env.ok(&["room", "add", EVENT, "Library"]);
    env.ok(&["slot", "add", EVENT, "10:30", "11:15", "--label", "Round 1"]);
    env.ok(&["pitch", "add", EVENT, "Open data"]);
    env.ok(&[
        "schedule",
        EVENT,
        "open data",
        "--slot",
        "10:30",
        "--room",
        "Library",
    ]);
    env.ok_as(SAM, &["note", "add", EVENT, "open data", "A first note"]);
    env
}

/// Sam's device file with its note's kind replaced by one that does not
/// exist; returns where the bad word is, as (line, column).
fn break_sams_file(env: &Env) -> (usize, usize) {
    let path = device_file(&env.event_dir(EVENT), "sam-laptop");
    let text = std::fs::read_to_string(&path).expect("Sam's file");
    let broken = text.replacen("kind: Point", "kind: Gossip", 1);
    assert_ne!(broken, text);
    std::fs::write(&path, &broken).expect("write");
    let line = broken
        .lines()
        .position(|l| l.contains("Gossip"))
        .expect("there")
        + 1;
    let column = broken
        .lines()
        .nth(line - 1)
        .and_then(|l| l.find("Gossip"))
        .expect("there")
        + 1;
    (line, column)
}

#[test]
fn an_unreadable_device_file_is_named_with_line_and_column() {
    let env = day();
    let (line, column) = break_sams_file(&env);
    let expected = format!(
        "error: [HOME]/sessions/{EVENT}/sam-laptop-{}.ron could not be read: line {line}, column {column} (in records[0].value.Note.kind): ",
        Identity::derived_id("sam-laptop")
    );
    for args in [
        &["pitch", "add", EVENT, "A pitch"][..],
        &["export", EVENT, "--out", "-"],
        &["export", EVENT, "--out", "exports/"],
        &["actions", EVENT],
    ] {
        let message = env.refused(args);
        assert!(
            message.starts_with(&expected),
            "{message}\nexpected {expected}"
        );
        assert!(
            message.ends_with(
                "nothing was done: fix or move that file (unconf never changes it) and try again."
            ),
            "{message}"
        );
    }
    // Sam's own device must not overwrite the file it cannot read.
    env.refused_as(SAM, &["note", "add", EVENT, "open data", "x"]);
    let check = env.run(&["check", EVENT]);
    assert_eq!(check.code, 2, "{check:?}");
    assert!(
        check
            .stdout
            .starts_with(&format!("unreadable: {}", &expected["error: ".len()..]))
    );
}

/// Writes a copy of the organiser's file as another device, in format
/// version 2, as a newer unconf would.
fn newer_file(env: &Env, label: &str) {
    let dir = env.event_dir(EVENT);
    let text = std::fs::read_to_string(device_file(&dir, "organiser")).expect("organiser's file");
    let (from, to) = (
        Identity::derived_id("organiser"),
        Identity::derived_id(label),
    );
    let newer = text
        .replace(&from, &to)
        .replace("version: 2,", "version: 3,")
        .replacen("Pitch((", "Poll((", 1);
    std::fs::write(device_file(&dir, label), newer).expect("write");
}

#[test]
fn a_file_from_a_newer_format_refuses_writes() {
    let env = day();
    newer_file(&env, "new-laptop");
    let message = env.refused(&["pitch", "add", EVENT, "A pitch"]);
    assert!(message.contains("new-laptop-"), "{message}");
    assert!(message.contains("newer"), "{message}");
    assert!(message.contains("format version 3"), "{message}");
}

#[test]
fn an_own_file_from_a_newer_format_is_never_overwritten() {
    let env = day();
    newer_file(&env, "sam-laptop");
    let message = env.refused_as(SAM, &["note", "add", EVENT, "open data", "x"]);
    assert!(message.contains("newer"), "{message}");
}

#[test]
fn a_second_process_of_the_same_device_is_told_who_holds_the_lock() {
    let env = day();
    let now = DateTime::parse_from_rfc3339("2026-11-27T10:42:00+00:00").expect("time");
    let holder = EventFolder::open(
        &env.event_dir(EVENT),
        Identity::from_label("organiser", "Georgina"),
        Clock::Fixed(now),
        Access::Write,
    )
    .expect("the test process takes the organiser's lock");
    let message = env.refused(&["pitch", "add", EVENT, "A pitch"]);
    assert!(
        message.contains(&format!(
            "(process {}, since 2026-11-27 10:42)",
            std::process::id()
        )),
        "{message}"
    );
    assert!(
        message.contains("is already open for editing by this device in unconf on "),
        "{message}"
    );
    assert!(
        message.starts_with(&format!("error: [HOME]/sessions/{EVENT} ")),
        "{message}"
    );
    // Reading, and other devices, are not blocked.
    env.ok(&["export", EVENT, "--out", "-"]);
    env.ok_as(SAM, &["pitch", "add", EVENT, "From Sam"]);
    drop(holder);
    env.ok(&["pitch", "add", EVENT, "After the lock"]);
}
