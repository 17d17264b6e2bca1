//! A note-taker's laptop whose clock is a day ahead loses nothing and makes
//! nobody else lose anything: version vectors decide which version stands,
//! never the times written on them. `check` says which laptop's clock is
//! wrong, and by about how much.

mod common;

use common::{Env, copy_tree};

const KIM: (&str, &str) = ("Kim's laptop", "Kim");
/// A day after the organiser's clock.
const TOMORROW: &str = "2026-11-28T09:30:00+00:00";

/// The organiser sets up one session; the event's folder slug.
fn day(env: &Env) -> &'static str {
    env.ok(&["new", "Clock day", "--date", "2026-11-27"]);
    env.ok(&["room", "add", "clock-day", "Library"]);
    env.ok(&[
        "slot",
        "add",
        "clock-day",
        "10:00",
        "11:00",
        "--label",
        "Round 1",
    ]);
    env.ok(&["pitch", "add", "clock-day", "Open standards"]);
    env.ok(&[
        "schedule",
        "clock-day",
        "open standards",
        "--slot",
        "Round 1",
        "--room",
        "Library",
    ]);
    "clock-day"
}

/// Runs as Kim, on the laptop whose clock is a day ahead.
fn as_kim(env: &Env, args: &[&str]) -> String {
    let output = env
        .command_at(KIM, TOMORROW)
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn write_up(env: &Env, event: &str) -> String {
    env.ok(&["export", event, "--with-notes", "--out", "-"])
}

#[test]
fn a_later_edit_with_an_earlier_time_still_replaces_what_it_saw() {
    let env = Env::new();
    let event = day(&env);
    as_kim(
        &env,
        &["note", "add", event, "open standards", "Kim's note"],
    );
    as_kim(
        &env,
        &[
            "session",
            "set",
            event,
            "open standards",
            "--summary",
            "Kim's summary",
        ],
    );
    // The organiser, whose clock is right, reads Kim's file and then writes:
    // its version is dated a day before Kim's, and still replaces it.
    env.ok(&[
        "session",
        "set",
        event,
        "open standards",
        "--summary",
        "The organiser's summary",
    ]);
    let text = write_up(&env, event);
    assert!(text.contains("The organiser's summary"), "{text}");
    assert!(!text.contains("Kim's summary"), "{text}");
    assert!(text.contains("Kim's note"), "Kim's note is kept: {text}");
    let check = env.run(&["check", event]);
    assert!(!check.stdout.contains("conflict:"), "{}", check.stdout);
}

#[test]
fn edits_made_apart_are_a_conflict_not_a_win_for_the_later_clock() {
    let env = Env::new();
    let event = day(&env);
    let copy = env.root().join("kims-copy");
    copy_tree(&env.event_dir(event), &copy);
    let kims = copy.to_str().expect("a UTF-8 path");
    as_kim(&env, &["note", "add", kims, "open standards", "Kim's note"]);
    as_kim(
        &env,
        &[
            "session",
            "set",
            kims,
            "open standards",
            "--outcome",
            "Outcome from Kim",
        ],
    );
    env.ok(&[
        "session",
        "set",
        event,
        "open standards",
        "--outcome",
        "Outcome from the organiser",
    ]);
    env.ok(&["merge", event, kims]);

    let check = env.run(&["check", event]);
    assert_eq!(check.code, 1, "{check:?}");
    assert!(
        check.stdout.contains(
            "conflict: session \"Open standards\" (outcome) was changed at the same time by Georgina on organiser and Kim on Kim's laptop"
        ),
        "{}",
        check.stdout
    );
    assert!(
        check.stdout.contains(
            "clock: Kim's laptop's latest change is dated 2026-11-28 09:30 UTC, about 1 day ahead of this laptop's clock; its edits are kept, but set its clock right."
        ),
        "{}",
        check.stdout
    );
    // Both outcomes are in the files; the note came across.
    let json = env.ok(&["export", event, "--format", "json", "--out", "-"]);
    assert!(json.contains("Kim's note"), "{json}");
    let files: String = std::fs::read_dir(env.event_dir(event))
        .expect("the event folder")
        .filter_map(|entry| std::fs::read_to_string(entry.ok()?.path()).ok())
        .collect();
    assert!(files.contains("Outcome from Kim"));
    assert!(files.contains("Outcome from the organiser"));

    // Kim's laptop, reading the organiser's file, sees the same conflict.
    let organisers = env.event_dir(event);
    as_kim(
        &env,
        &["merge", kims, organisers.to_str().expect("a UTF-8 path")],
    );
    let kims_check = env
        .command_at(KIM, TOMORROW)
        .args(["check", kims])
        .output()
        .expect("the binary runs");
    let kims_out = String::from_utf8_lossy(&kims_check.stdout);
    assert!(
        kims_out.contains("conflict: session \"Open standards\""),
        "{kims_out}"
    );
    assert!(
        !kims_out.contains("clock:"),
        "on Kim's own clock nothing is ahead: {kims_out}"
    );
}
