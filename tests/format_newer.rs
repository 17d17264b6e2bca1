//! A folder holding a device file from a newer format (version 3, with a
//! header field this build does not know) opens for reading through the
//! binary: `list`, `export` and `check` show that file's records, and a
//! command that would write is refused with one sentence that names the
//! file and says to update unconf, writing nothing.

mod common;

use common::{Env, device_file};

const EVENT: &str = "newer-day";
/// This laptop: it runs the build under test.
const KIM: (&str, &str) = ("kim-laptop", "Kim");

/// The organiser sets up the day and Kim adds a pitch; then the
/// organiser's laptop, updated to a newer unconf, rewrites its file in
/// format version 3 with a field this build has never heard of. The
/// organiser's file is the one that holds the event itself.
fn newer_organiser() -> Env {
    let env = Env::new();
    env.ok(&["new", "Newer day", "--date", "2026-11-27"]);
    env.ok(&["room", "add", EVENT, "Library"]);
    env.ok(&["pitch", "add", EVENT, "Open data in planning"]);
    env.ok_as(KIM, &["pitch", "add", EVENT, "Digital skills"]);
    let path = device_file(&env.event_dir(EVENT), "organiser");
    let text = std::fs::read_to_string(&path).expect("the organiser's file");
    assert!(text.contains("    version: 2,\n"), "{text}");
    let newer = text.replacen(
        "    version: 2,\n",
        "    version: 3,\n    polls: [(question: \"Which session next?\", open: true)],\n",
        1,
    );
    std::fs::write(&path, newer).expect("the newer file");
    env
}

#[test]
fn list_shows_an_event_whose_file_is_from_a_newer_format() {
    let env = newer_organiser();
    let listed = env.ok_as(KIM, &["list"]);
    let row = listed
        .lines()
        .find(|l| l.starts_with(EVENT))
        .unwrap_or_else(|| panic!("no row for {EVENT}: {listed}"));
    assert!(row.contains("Newer day"), "{listed}");
    let devices = row.split_whitespace().last();
    assert_eq!(devices, Some("2"), "both files count: {listed}");
}

#[test]
fn exports_show_the_newer_files_records() {
    let env = newer_organiser();
    let write_up = env.ok_as(KIM, &["export", EVENT, "--out", "-"]);
    for shown in ["Newer day", "Open data in planning", "Digital skills"] {
        assert!(write_up.contains(shown), "{shown:?} missing: {write_up}");
    }
    let text = env.ok_as(KIM, &["export", EVENT, "--format", "json", "--out", "-"]);
    let export: serde_json::Value = serde_json::from_str(&text).expect("the export parses");
    assert_eq!(export["name"], "Newer day");
    assert_eq!(
        common::texts(&export, "pitches", "title"),
        ["Digital skills", "Open data in planning"]
    );
    assert_eq!(common::texts(&export, "rooms", "name"), ["Library"]);
}

#[test]
fn check_reads_the_newer_file_and_names_it() {
    let env = newer_organiser();
    let check = env.run_as(KIM, &["check", EVENT]);
    assert!(
        check.code == 0 || check.code == 1,
        "check must read the event, not fail on it: {check:?}"
    );
    let path = device_file(&env.event_dir(EVENT), "organiser");
    let said = format!(
        "newer file: {} was read as far as this build understands it: it was written by a newer unconf (format version 3, this build reads up to 2); update unconf to edit this event.",
        env.scrub(&path.display().to_string())
    );
    assert!(
        check.stdout.lines().any(|l| l == said),
        "check should say which file is newer: {check:?}"
    );
    assert!(!check.stdout.contains("unreadable"), "{check:?}");
}

#[test]
fn a_write_is_refused_naming_the_newer_file_and_nothing_is_written() {
    let env = newer_organiser();
    let dir = env.event_dir(EVENT);
    // `refused_as` checks that no file changed, too.
    let message = env.refused_as(KIM, &["pitch", "add", EVENT, "A third pitch"]);
    let path = device_file(&dir, "organiser");
    assert_eq!(
        message,
        format!(
            "error: [HOME]/sessions/{EVENT} cannot be changed here: {} was written by a newer unconf (format version 3); update unconf to edit this event.",
            env.scrub(&path.display().to_string())
        )
    );
}
