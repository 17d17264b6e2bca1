//! Plain mode in a real pseudo-terminal, as a screen reader user meets it:
//! notes of every kind, the summary, undo, the list, and a note from
//! another laptop read out between prompts. Everything the program writes
//! is plain text (not one escape sequence), and every note it said it added
//! is in the write-up.

mod pty;

use std::path::Path;
use std::time::{Duration, Instant};

use pty::{PATIENCE, Tui, dirs};

const EVENT: &str = "plain-day";
const NOW: &str = "2026-11-27T10:42:00+00:00";

fn cli(home: &Path, device: &str, args: &[&str]) -> String {
    pty::cli(
        home,
        &[
            ("UNCONF_DEVICE", device),
            ("UNCONF_AUTHOR", device),
            ("UNCONF_NOW", NOW),
        ],
        args,
    )
}

/// An event with one session, "Open data", in Round 1 (10:30) in the Library.
fn event(home: &Path) {
    let organiser = |args: &[&str]| cli(home, "organiser", args);
    organiser(&["new", "Plain day", "--date", "2026-11-27"]);
    organiser(&["room", "add", EVENT, "Library"]);
    organiser(&["slot", "add", EVENT, "10:30", "11:15", "--label", "Round 1"]);
    organiser(&["pitch", "add", EVENT, "Open data"]);
    organiser(&[
        "schedule",
        EVENT,
        "open data",
        "--slot",
        "Round 1",
        "--room",
        "Library",
    ]);
}

fn plain(home: &Path) -> Tui {
    let dirs = dirs(home);
    let env: Vec<(&str, &Path)> = dirs.iter().map(|(k, p)| (*k, p.as_path())).collect();
    Tui::start(
        &["notes", EVENT, "open data", "--plain"],
        &env,
        &[
            ("UNCONF_DEVICE", "kim-laptop"),
            ("UNCONF_AUTHOR", "Kim"),
            ("UNCONF_NOW", NOW),
        ],
        80,
        24,
    )
}

/// Types a line and waits for the answer that starts with `answer`.
fn say(tui: &mut Tui, line: &str, answer: &str) {
    let before = written(tui, answer);
    tui.type_text(line);
    tui.enter();
    tui.wait_for_written(answer, before + 1);
}

fn written(tui: &Tui, text: &str) -> usize {
    String::from_utf8_lossy(&tui.transcript())
        .matches(text)
        .count()
}

#[test]
fn a_screen_reader_user_takes_notes_line_by_line() {
    let home = tempfile::tempdir().expect("temp dir");
    event(home.path());
    let mut tui = plain(home.path());
    tui.wait_for_written("/help lists the commands.", 1);
    tui.wait_for_written("> ", 1);

    let notes = [
        ("Councils want one schema", "Added a point at 10:42."),
        ("? who maintains it", "Added a question at 10:42."),
        ("! Kim drafts the schema", "Added an action at 10:42."),
        ("= start with planning data", "Added a decision at 10:42."),
        ("\"open by default\"", "Added a quote at 10:42."),
        ("* a shared register", "Added an idea at 10:42."),
    ];
    for (line, answer) in notes {
        say(&mut tui, line, answer);
    }
    say(&mut tui, "/private", "The next note will be private");
    say(
        &mut tui,
        "names of the councils",
        "Added a private point at 10:42.",
    );

    say(
        &mut tui,
        "/summary",
        "A line with only a full stop saves it",
    );
    say(&mut tui, "One schema, maintained in the open.", "summary> ");
    say(&mut tui, "Kim drafts it.", "summary> ");
    say(&mut tui, ".", "Saved the summary.");

    say(
        &mut tui,
        "a note typed by mistake",
        "Added a point at 10:42.",
    );
    say(&mut tui, "/undo", "Undid: Added a point at 10:42.");
    say(&mut tui, "/list 3", "The last 3 of 7 notes:");

    // Another laptop adds a note; it is read out between prompts, once
    // Enter is pressed on an empty line (each press is answered).
    cli(
        home.path(),
        "priya-laptop",
        &[
            "note",
            "add",
            EVENT,
            "open data",
            "Ask the LGA",
            "--kind",
            "idea",
        ],
    );
    let announced = "priya-laptop added an idea at 10:42: Ask the LGA";
    let start = Instant::now();
    while written(&tui, announced) == 0 {
        assert!(
            start.elapsed() < PATIENCE,
            "the other laptop's note was never read out; the program wrote:\n{}",
            String::from_utf8_lossy(&tui.transcript())
        );
        let answers = written(&tui, "Nothing new.") + written(&tui, announced);
        tui.enter();
        let deadline = Instant::now();
        while written(&tui, "Nothing new.") + written(&tui, announced) <= answers {
            assert!(
                deadline.elapsed() < PATIENCE,
                "Enter was not answered; the program wrote:\n{}",
                String::from_utf8_lossy(&tui.transcript())
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    say(&mut tui, "/quit", "Everything is saved. Goodbye.");
    assert!(tui.wait_exit(), "plain mode exits cleanly");

    let transcript = tui.transcript();
    let text = String::from_utf8_lossy(&transcript);
    for (name, sequence) in [
        ("an escape", "\u{1b}"),
        ("an 8-bit control sequence", "\u{9b}"),
        ("the alternate screen", "?1049"),
    ] {
        assert!(
            !text.contains(sequence),
            "plain mode wrote {name} sequence:\n{text:?}"
        );
    }
    assert_eq!(
        written(&tui, announced),
        1,
        "read out once, on a line of its own"
    );

    let write_up = cli(
        home.path(),
        "checker",
        &["export", EVENT, "--with-notes", "--out", "-"],
    );
    for (line, _) in notes {
        let note = line.trim_start_matches(['?', '!', '=', '*', ' ']);
        let note = note.trim_matches('"');
        assert!(write_up.contains(note), "{note:?} is missing:\n{write_up}");
    }
    for kept in [
        "names of the councils",
        "One schema, maintained in the open.",
        "Kim drafts it.",
        "Ask the LGA",
    ] {
        assert!(write_up.contains(kept), "{kept:?} is missing:\n{write_up}");
    }
    assert!(!write_up.contains("a note typed by mistake"), "{write_up}");
    let public = cli(
        home.path(),
        "checker",
        &["export", EVENT, "--with-notes", "--public", "--out", "-"],
    );
    assert!(!public.contains("names of the councils"), "{public}");
}

/// `unconf ARGS` on a machine with no identity in the environment, fed
/// `input`; its exit code and output.
fn fresh_machine(home: &Path, args: &[&str], env: &[(&str, &str)], input: &str) -> (i32, String) {
    let mut command = assert_cmd::Command::cargo_bin("unconf").expect("binary");
    for (key, path) in dirs(home) {
        command.env(key, path);
    }
    command
        .env_remove("UNCONF_DEVICE")
        .env_remove("UNCONF_AUTHOR")
        .env_remove("UNCONF_PLAIN")
        .env("UNCONF_NOW", NOW)
        .envs(env.iter().copied())
        .current_dir(home);
    let output = command
        .args(args)
        .write_stdin(input)
        .output()
        .expect("runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code().unwrap_or(-1), text)
}

#[test]
fn plain_mode_is_a_setting_kept_with_the_identity() {
    let home = tempfile::tempdir().expect("temp dir");
    event(home.path());
    let notes = ["notes", EVENT, "open data"];

    let (code, said) = fresh_machine(home.path(), &["settings", "plain", "on"], &[], "");
    assert_eq!(code, 2, "{said}");
    assert!(said.contains("has no identity yet"), "{said}");

    // The first plain run asks two questions and remembers plain mode.
    let (code, said) = fresh_machine(
        home.path(),
        &notes,
        &[("UNCONF_PLAIN", "1")],
        "Sam\nsam-laptop\n? first question\n/quit\n",
    );
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("Added a question at 10:42."), "{said}");
    assert!(said.contains("starts in plain mode from now on"), "{said}");
    let (_, shown) = fresh_machine(home.path(), &["settings", "show"], &[], "");
    assert!(
        shown.contains("name: Sam") && shown.contains("plain: on"),
        "{shown}"
    );

    // With the setting on, `unconf notes` is plain without being asked.
    let (code, said) = fresh_machine(home.path(), &notes, &[], "/quit\n");
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("plain mode"), "{said}");

    // Off: the full-screen note-taker, which needs a terminal.
    let (code, said) = fresh_machine(home.path(), &["settings", "plain", "off"], &[], "");
    assert_eq!(code, 0, "{said}");
    let (code, said) = fresh_machine(home.path(), &notes, &[], "/quit\n");
    assert_eq!(code, 2, "{said}");
    assert!(said.contains("needs a terminal"), "{said}");
    // UNCONF_PLAIN=1 still asks for it, for one run.
    let (code, said) = fresh_machine(home.path(), &notes, &[("UNCONF_PLAIN", "1")], "/quit\n");
    assert_eq!(code, 0, "{said}");
}

/// A session name that matches nothing while the schedule is there is most
/// likely mistyped: the sessions are listed to choose from, so notes never
/// wait on this laptop for a session that never comes; /quit leaves from
/// the list too.
#[test]
fn a_mistyped_session_lists_the_sessions_to_choose_from() {
    let home = tempfile::tempdir().expect("temp dir");
    event(home.path());
    let env = [("UNCONF_DEVICE", "taker"), ("UNCONF_AUTHOR", "Tess")];
    let (code, said) = fresh_machine(
        home.path(),
        &["notes", EVENT, "open dta", "--plain"],
        &env,
        "1\nthe note\n/quit\n",
    );
    assert_eq!(code, 0, "{said}");
    assert!(
        said.contains("No session matches \"open dta\"; choose one from the list."),
        "{said}"
    );
    assert!(
        said.contains("1. \"Open data\", Round 1 (10:30), Library"),
        "{said}"
    );
    assert!(said.contains("Added a point at"), "{said}");
    let notes = cli(home.path(), "organiser", &["note", "list", EVENT]);
    assert!(notes.contains("the note"), "{notes}");
    let (_, said) = fresh_machine(
        home.path(),
        &["notes", EVENT, "open dta", "--plain"],
        &env,
        "/quit\n",
    );
    assert!(said.contains("Goodbye"), "/quit at the list leaves: {said}");
}
