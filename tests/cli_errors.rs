//! Refusals of what was typed: every bad input exits 2 with one sentence on
//! stderr that names the problem, and leaves every file as it was. Refusals
//! caused by the files themselves are in `cli_file_errors.rs`.

mod common;

use common::{Env, Run, assert_unchanged, files};

const EVENT: &str = "errors-day";
const SAM: (&str, &str) = ("sam-laptop", "Sam");

/// An event with two rounds and a break, and "Open data" run in both rounds.
fn day() -> Env {
    let env = Env::new();
    env.ok(&["new", "Errors day", "--date", "2026-11-27"]);
    env.ok(&["room", "add", EVENT, "Library", "--capacity", "20"]);
    env.ok(&["room", "add", EVENT, "Main hall"]);
    env.ok(&["slot", "add", EVENT, "10:30", "11:15", "--label", "Round 1"]);
    env.ok(&[
        "slot", "add", EVENT, "11:15", "11:30", "--label", "Coffee", "--kind", "break",
    ]);
    env.ok(&["slot", "add", EVENT, "11:30", "12:15", "--label", "Round 2"]);
    for title in ["Open data", "Open standards", "Skills"] {
        env.ok(&["pitch", "add", EVENT, title]);
    }
    env.ok(&[
        "schedule",
        EVENT,
        "open data",
        "--slot",
        "Round 1",
        "--room",
        "Library",
    ]);
    env.ok(&[
        "schedule",
        EVENT,
        "open data",
        "--slot",
        "Round 2",
        "--room",
        "Library",
    ]);
    env.ok_as(
        SAM,
        &[
            "note",
            "add",
            EVENT,
            "open data",
            "A first note",
            "--slot",
            "10:30",
        ],
    );
    env
}

#[test]
fn an_unknown_event_is_named() {
    let env = day();
    for args in [
        &["pitch", "add", "nosuch", "A pitch"][..],
        &["export", "nosuch", "--out", "-"],
        &["check", "nosuch"],
    ] {
        assert_eq!(
            env.refused(args),
            "error: There is no event \"nosuch\" in [HOME]/sessions; `unconf list` shows the events there."
        );
    }
}

#[test]
fn an_ambiguous_pitch_lists_the_candidates() {
    let env = day();
    let message = env.refused(&[
        "schedule", EVENT, "open", "--slot", "11:30", "--room", "main",
    ]);
    assert!(
        message.starts_with("error: \"open\" matches 2 pitches: \"Open data\" (id …"),
        "{message}"
    );
    assert!(message.contains(", \"Open standards\" (id …"), "{message}");
    assert!(
        message.ends_with("; type more of it or use the id."),
        "{message}"
    );
}

#[test]
fn an_unknown_slot_or_room_lists_what_there_is() {
    let env = day();
    assert_eq!(
        env.refused(&[
            "schedule", EVENT, "skills", "--slot", "Round 9", "--room", "Library"
        ]),
        "error: No slot matches \"Round 9\"; the slots are Round 1 (10:30), Coffee (11:15) and Round 2 (11:30)."
    );
    assert_eq!(
        env.refused(&[
            "schedule", EVENT, "skills", "--slot", "10:30", "--room", "Garden"
        ]),
        "error: No room matches \"Garden\"; the rooms are \"Library\" and \"Main hall\"."
    );
    let message = env.refused(&["note", "add", EVENT, "open data", "x", "--slot", "teatime"]);
    assert!(
        message.starts_with("error: No slot matches \"teatime\""),
        "{message}"
    );
    assert_eq!(
        env.refused(&["note", "add", EVENT, "skills", "x"]),
        "error: No session matches \"skills\"; \"Skills\" is a pitch that is not on the schedule yet."
    );
}

#[test]
fn a_taken_room_or_a_break_is_refused() {
    let env = day();
    assert_eq!(
        env.refused(&[
            "schedule", EVENT, "skills", "--slot", "Round 1", "--room", "library"
        ]),
        "error: Room \"Library\" already has \"Open data\" in Round 1 (10:30); pick another room or move that session first."
    );
    assert_eq!(
        env.refused(&[
            "schedule",
            EVENT,
            "skills",
            "--slot",
            "coffee",
            "--room",
            "Main hall"
        ]),
        "error: Coffee (11:15) is a break; pick a breakout or plenary slot."
    );
    assert_eq!(
        env.refused(&[
            "schedule",
            EVENT,
            "open data",
            "--slot",
            "Round 1",
            "--room",
            "Main hall"
        ]),
        "error: \"Open data\" already runs in Round 1 (10:30) in room \"Library\"; pick another slot."
    );
}

#[test]
fn a_malformed_date_is_refused_and_names_the_flag() {
    let env = day();
    let run = env.usage_error(&["new", "Another day", "--date", "2026-13-01"]);
    assert!(
        run.stderr
            .starts_with("error: invalid value '2026-13-01' for '--date <YYYY-MM-DD>'"),
        "{run:?}"
    );
    let run = env.usage_error(&[
        "action",
        "add",
        EVENT,
        "--event",
        "Write up",
        "--due",
        "27/11/2026",
    ]);
    assert!(
        run.stderr
            .starts_with("error: invalid value '27/11/2026' for '--due <YYYY-MM-DD>'"),
        "{run:?}"
    );
    let run = env.usage_error(&["slot", "add", EVENT, "25:00", "26:00"]);
    assert!(
        run.stderr.contains("\"25:00\" is not a time; use HH:MM"),
        "{run:?}"
    );
}

#[test]
fn a_malformed_date_is_one_line() {
    let env = day();
    env.refused(&["new", "Another day", "--date", "2026-13-01"]);
    env.refused(&["slot", "add", EVENT, "25:00", "26:00"]);
}

#[test]
fn a_slot_that_ends_before_it_starts_is_refused() {
    let env = day();
    assert_eq!(
        env.refused(&["slot", "add", EVENT, "14:00", "13:00", "--label", "Late"]),
        "error: A slot must end after it starts, and 14:00–13:00 does not; check the times."
    );
    assert_eq!(
        env.refused(&["slot", "add", EVENT, "10:30", "10:45"]),
        "error: Round 1 (10:30) already starts at 10:30; pick another start time or change that slot."
    );
}

#[test]
fn empty_text_is_refused() {
    let env = day();
    assert_eq!(
        env.refused(&["pitch", "add", EVENT, "  "]),
        "error: The pitch title is empty; type some text first."
    );
    assert_eq!(
        env.refused(&["note", "add", EVENT, "open data", " ", "--slot", "Round 1"]),
        "error: The note is empty; type some text first."
    );
    assert_eq!(
        env.refused(&["room", "add", EVENT, ""]),
        "error: The room name is empty; type some text first."
    );
    assert_eq!(
        env.refused(&["new", " "]),
        "error: The event needs a name; type one in quotes."
    );
}

#[test]
fn action_add_needs_a_session_and_text_or_event_and_text() {
    let env = day();
    assert_eq!(
        env.refused(&[
            "action",
            "add",
            EVENT,
            "--event",
            "Open data",
            "Share the list"
        ]),
        "error: With --event give only the action's text, e.g. unconf action add EVENT --event \"Run a workshop\"."
    );
    assert_eq!(
        env.refused(&["action", "add", EVENT, "Share the list"]),
        "error: Give the session and the action's text, or --event and the text, e.g. unconf action add EVENT \"open data\" \"Share the list\"."
    );
    let message = env.refused(&["action", "add", EVENT, "open data", "Share the list"]);
    assert!(message.contains("matches 2 sessions"), "{message}");
    env.usage_error(&["action", "add", EVENT, "--event"]);
}

#[test]
fn session_set_needs_something_to_set() {
    let env = day();
    assert_eq!(
        env.refused(&["session", "set", EVENT, "open data", "--slot", "Round 1"]),
        "error: Nothing to change; give at least one of --summary, --outcome, --attendees, --note-taker, --facilitator or --chatham-house."
    );
}

#[test]
fn usage_errors_exit_2() {
    let env = day();
    let run = env.usage_error(&["pitch", "add", EVENT, "x", "--bogus"]);
    assert!(
        run.stderr
            .starts_with("error: unexpected argument '--bogus' found"),
        "{run:?}"
    );
    env.usage_error(&["frobnicate"]);
    env.usage_error(&["schedule", EVENT, "skills", "--room", "Library"]);
    env.usage_error(&["slot", "add", EVENT, "10:00", "11:00", "--kind", "lunch"]);
    env.usage_error(&["pitch", "add", EVENT, "x", "--votes", "-3"]);
}

#[test]
fn a_bad_clock_override_is_one_line() {
    let env = day();
    let before = files(env.root());
    let output = env
        .command_at(common::ORGANISER, "tomorrow-ish")
        .args(["pitch", "add", EVENT, "x"])
        .output()
        .expect("runs");
    let run = Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert!(
        run.refusal()
            .starts_with("error: UNCONF_NOW=\"tomorrow-ish\" is not an RFC 3339 time")
    );
    assert_unchanged(&before, &files(env.root()), "a bad UNCONF_NOW");
}

#[test]
fn generate_refuses_a_folder_that_is_not_empty_and_is_hidden_from_help() {
    let env = Env::new();
    let target = env.root().join("generated");
    std::fs::create_dir_all(&target).expect("made");
    std::fs::write(target.join("keep.txt"), "mine").expect("written");
    let path = target.display().to_string();
    let message = env.refused(&["generate", &path, "--pitches", "3", "--sessions", "1"]);
    assert!(message.contains("is not empty"), "{message}");
    assert_eq!(
        std::fs::read_to_string(target.join("keep.txt")).expect("kept"),
        "mine"
    );
    assert!(!env.ok(&["--help"]).contains("generate"));
}

/// `unconf … | head -1` closes the pipe under the command: it ends quietly,
/// as Unix tools do, with no panic or backtrace on the terminal.
#[test]
fn output_that_goes_away_ends_the_command_quietly() {
    let env = Env::new();
    env.ok(&["new", "Pipe day"]);
    // A pipe whose reading end is already closed: every write fails.
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let root = env.root();
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("unconf"))
        .env_clear()
        .current_dir(root)
        .env("HOME", root)
        .env("XDG_CONFIG_HOME", root.join("config"))
        .env("XDG_DATA_HOME", root.join("data"))
        .env("UNCONF_HOME", env.sessions())
        .env("UNCONF_DEVICE", "organiser")
        .env("UNCONF_NOW", env.now())
        .arg("list")
        .stdout(writer)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(141), "{stderr}");
}
