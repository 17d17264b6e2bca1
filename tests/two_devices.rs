//! Two note-takers write into one session at the same moment, each from its
//! own device, while a second process of one of those devices writes too and
//! is turned away by the lock until it is free. Every note is in the event
//! exactly once, and the only refusals are the lock's.

mod common;

use std::collections::BTreeMap;
use std::thread;

use common::{Env, at_minute};
use unconf::model::Record;
use unconf::store::format::read_device_file;
use unconf::store::{Access, Clock, EventFolder, Identity};

const EVENT: &str = "busy-day";
const NOTES: usize = 40;
/// How often one note is tried while the device's lock is taken.
const ATTEMPTS: usize = 500;
const SAM: (&str, &str) = ("sam-laptop", "Sam");
const PRIYA: (&str, &str) = ("priya-laptop", "Priya");

/// Adds `count` notes as `who`, starting at `minute`, trying each again
/// while another process of the same device holds the lock; the texts of
/// the notes added, and the messages of the refusals on the way.
fn take_notes(
    env: &Env,
    who: (&str, &str),
    prefix: &str,
    count: usize,
    minute: i64,
) -> (Vec<String>, Vec<String>) {
    let mut added = Vec::new();
    let mut refused = Vec::new();
    for i in 0..count {
        let text = format!("{prefix} note {i:02}");
        let now = at_minute(minute + i64::try_from(i).expect("small"));
        for _attempt in 0..ATTEMPTS {
            let output = env
                .command_at(who, &now)
                .args(["note", "add", EVENT, "open data", &text])
                .output()
                .expect("the binary runs");
            if output.status.success() {
                added.push(text);
                break;
            }
            refused.push(String::from_utf8_lossy(&output.stderr).into_owned());
        }
    }
    (added, refused)
}

#[test]
fn notes_written_at_once_from_two_devices_are_all_kept_once() {
    let env = Env::new();
    env.ok(&["new", "Busy day", "--date", "2026-11-27"]);
    env.ok(&["room", "add", EVENT, "Library"]);
    env.ok(&["slot", "add", EVENT, "10:30", "11:15", "--label", "Round 1"]);
    env.ok(&["pitch", "add", EVENT, "Open data"]);
    env.ok(&[
        "schedule",
        EVENT,
        "open data",
        "--slot",
        "Round 1",
        "--room",
        "Library",
    ]);

    let ((sam, sam_refused), (priya, priya_refused), (second, second_refused)) =
        thread::scope(|scope| {
            let a = scope.spawn(|| take_notes(&env, SAM, "Sam", NOTES, 90));
            let b = scope.spawn(|| take_notes(&env, PRIYA, "Priya", NOTES, 90));
            // Another process of Sam's device: it may find the lock taken.
            let c = scope.spawn(|| take_notes(&env, SAM, "Sam again", NOTES / 2, 95));
            (
                a.join().expect("Sam's loop"),
                b.join().expect("Priya's loop"),
                c.join().expect("the second loop"),
            )
        });
    for message in sam_refused.iter().chain(&second_refused) {
        assert!(
            // Usually "by unconf on HOST (process N, since ...)"; while the
            // holder is still writing its note, "by another unconf process".
            message.starts_with("error: ")
                && message.contains(" is already open for editing by this device in "),
            "a refusal other than the lock: {message}"
        );
        assert_eq!(message.lines().count(), 1, "{message}");
    }
    assert_eq!(priya_refused, Vec::<String>::new(), "Priya shares no lock");
    assert_eq!(priya.len(), NOTES);
    assert_eq!(sam.len(), NOTES);
    assert_eq!(second.len(), NOTES / 2);

    let expected: Vec<&String> = sam.iter().chain(&priya).chain(&second).collect();
    let event_dir = env.event_dir(EVENT);

    // Merged, as any device sees the event.
    let now = chrono::DateTime::parse_from_rfc3339(&at_minute(300)).expect("time");
    let folder = EventFolder::open(
        &event_dir,
        Identity::from_label("reader", "Reader"),
        Clock::Fixed(now),
        Access::Read,
    )
    .expect("the event opens");
    assert_eq!(folder.problems(), []);
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for note in folder.event().notes.values() {
        *seen.entry(note.text.as_str()).or_default() += 1;
    }
    for text in &expected {
        assert_eq!(
            seen.get(text.as_str()),
            Some(&1),
            "{text} is not there once"
        );
    }
    assert_eq!(seen.len(), expected.len(), "no other notes");

    // In the files: each note only in its writer's file, and only once.
    let mut in_files: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for summary in folder.files() {
        let file = read_device_file(&summary.path).expect("a device file reads");
        for version in &file.records {
            if let Some(Record::Note(note)) = &version.value {
                in_files
                    .entry(note.text.clone())
                    .or_default()
                    .push(file.label.clone());
            }
        }
    }
    for text in &expected {
        let writer = if text.starts_with("Sam") {
            "sam-laptop"
        } else {
            "priya-laptop"
        };
        assert_eq!(in_files.get(text.as_str()), Some(&vec![writer.to_string()]));
    }

    // After the last note's time, so that no laptop's clock reads as ahead.
    env.set_time("13:00");
    let check = env.run(&["check", EVENT]);
    assert_eq!(check.code, 0, "{check:?}");
    assert!(
        check
            .stdout
            .ends_with("no problems found in 3 device files.\n")
    );
    let write_up = env.ok(&["export", EVENT, "--with-notes", "--out", "-"]);
    for text in &expected {
        assert_eq!(
            write_up.matches(&format!(": {text}\n")).count(),
            1,
            "{text} in the appendix"
        );
    }
}

/// Opening reads files and builds the event on other threads when it can;
/// on a machine that will not make one (here: every new thread asks for
/// more stack than there is memory), it does all of it on its own.
#[test]
fn an_event_opens_when_no_thread_can_be_made() {
    let env = Env::new();
    let dir = env.open_day(SAM);
    let event = common::path_arg(&dir);
    env.ok_on(
        PRIYA,
        &["note", "add", event, common::SESSION, "From Priya"],
    );
    env.ok_on(SAM, &["note", "add", event, common::SESSION, "From Sam"]);
    let mut command = env.command_on(SAM, &at_minute(30));
    command.env("RUST_MIN_STACK", "100000000000000");
    let run = env.run_command(command, &["note", "list", event, common::SESSION]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for text in ["From Priya", "From Sam"] {
        assert!(run.stdout.contains(text), "{text}: {}", run.stdout);
    }
}
