//! A conflict from two laptops, resolved in the terminal UI: the real
//! binary in a pseudo-terminal at 80x24, then the command line on both
//! laptops' folders to see that the conflict is gone for both.

mod pty;

use std::path::Path;

use pty::{Tui, dirs};

const EVENT: &str = "resolve-day";

/// `unconf ARGS` as `device`; its output, after insisting it succeeded.
fn cli(home: &Path, device: &str, args: &[&str]) -> String {
    // Kim writes first, so her version is numbered 1.
    let now = if device == "kim" {
        "2026-11-27T10:20:00+00:00"
    } else {
        "2026-11-27T10:30:00+00:00"
    };
    let env = [
        ("UNCONF_DEVICE", device),
        ("UNCONF_AUTHOR", device),
        ("UNCONF_NOW", now),
    ];
    pty::cli(home, &env, args)
}

/// The organiser and Kim write one session's summary apart; the organiser
/// merges Kim's copy. Returns the path of Kim's copy.
fn conflict(home: &Path) -> String {
    let organiser = |args: &[&str]| cli(home, "organiser", args);
    organiser(&["new", "Resolve day", "--date", "2026-11-27"]);
    organiser(&["room", "add", EVENT, "Library"]);
    organiser(&["slot", "add", EVENT, "10:00", "11:00", "--label", "Round 1"]);
    organiser(&["pitch", "add", EVENT, "Open standards"]);
    organiser(&[
        "schedule",
        EVENT,
        "open standards",
        "--slot",
        "Round 1",
        "--room",
        "Library",
    ]);
    let copy = home.join("kims-copy");
    std::fs::create_dir_all(&copy).expect("a folder for Kim's copy");
    for entry in std::fs::read_dir(home.join("sessions").join(EVENT)).expect("the event") {
        let entry = entry.expect("an entry");
        if entry.file_type().is_ok_and(|t| t.is_file()) {
            std::fs::copy(entry.path(), copy.join(entry.file_name())).expect("copied");
        }
    }
    let kims = copy.to_str().expect("UTF-8").to_string();
    cli(
        home,
        "kim",
        &[
            "session",
            "set",
            &kims,
            "open standards",
            "--summary",
            "Kim wrote this",
        ],
    );
    organiser(&[
        "session",
        "set",
        EVENT,
        "open standards",
        "--summary",
        "The organiser wrote this",
    ]);
    organiser(&["merge", EVENT, &kims]);
    kims
}

#[test]
fn a_conflict_is_resolved_in_the_notes_screen_and_ends_on_both_laptops() {
    let home = tempfile::tempdir().expect("temp dir");
    let kims = conflict(home.path());
    assert!(cli(home.path(), "organiser", &["resolve", EVENT]).contains("2 versions"));

    let dirs = dirs(home.path());
    let env: Vec<(&str, &Path)> = dirs.iter().map(|(k, p)| (*k, p.as_path())).collect();
    let vars = [
        ("UNCONF_DEVICE", "organiser"),
        ("UNCONF_AUTHOR", "organiser"),
        ("UNCONF_NOW", "2026-11-27T10:40:00+00:00"),
    ];
    let mut tui = Tui::start(&["open", EVENT], &env, &vars, 80, 24);
    tui.wait_for("2 Pitches");
    tui.type_text("4");
    tui.wait_for("! conflicting versions (v)");
    tui.wait_for("v resolve");
    tui.type_text("v");
    tui.wait_for("Conflicting versions of session \"Open standards\"");
    tui.escape();
    tui.wait_for("Nothing was changed; the conflict stays");
    tui.type_text("v");
    tui.wait_for("Conflicting versions of session \"Open standards\"");
    tui.wait_for("Kim wrote this");
    tui.wait_for("The organiser wrote this");
    // Versions are numbered oldest first: Kim's is 1.
    tui.type_text("1");
    tui.enter();
    tui.wait_for("Kept kim's version of session \"Open standards\"");
    tui.type_text("q");
    assert!(tui.wait_exit(), "unconf exits cleanly");

    let none = "\"Resolve day\": no conflicting versions.\n";
    assert_eq!(cli(home.path(), "organiser", &["resolve", EVENT]), none);
    let organisers = home.path().join("sessions").join(EVENT);
    cli(
        home.path(),
        "kim",
        &["merge", &kims, organisers.to_str().expect("UTF-8")],
    );
    assert_eq!(cli(home.path(), "kim", &["resolve", &kims]), none);
    let write_up = cli(home.path(), "kim", &["export", &kims, "--out", "-"]);
    assert!(write_up.contains("Kim wrote this"), "{write_up}");
    assert!(!write_up.contains("The organiser wrote this"), "{write_up}");
}
