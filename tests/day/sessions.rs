//! The sessions: placing pitches on the grid, a repeat, notes from three
//! devices, clashes found by `check`, and the closing round.

use serde_json::Value;

use super::{EVENT, PRIYA, SAM};
use crate::common::{Env, ORGANISER};

pub fn schedule_the_morning(env: &Env) {
    env.set_time("10:05");
    assert!(
        env.ok(&[
            "schedule", EVENT, "vendor", "--slot", "Round 1", "--room", "main hall"
        ])
        .starts_with(
            "Scheduled \"Vendor community\" in room \"Main hall\" during Round 1 (10:15) (session id "
        )
    );
    env.ok(&[
        "schedule", EVENT, "vendor", "--slot", "11:15", "--room", "Library",
    ]);
    env.ok(&[
        "schedule",
        EVENT,
        "=1+1",
        "--slot",
        "round 2",
        "--room",
        "Main hall",
    ]);
    let json: Value =
        serde_json::from_str(&env.ok(&["pitch", "list", EVENT, "--format", "json"])).expect("JSON");
    assert_eq!(json[0]["status"], "scheduled");
    assert_eq!(json[0]["sessions"], 2, "the repeat is a second session");
    assert_eq!(json[1]["status"], "open");
}

pub fn a_repeat_is_picked_by_its_slot(env: &Env) {
    let ambiguous = env.run(&["note", "add", EVENT, "vendor", "Which one?"]);
    let message = ambiguous.refusal();
    assert!(
        message.contains("\"vendor\" matches 2 sessions"),
        "{message}"
    );
    assert!(
        message.contains("\"Vendor community\" in Round 1 (10:15) (id …"),
        "{message}"
    );
    assert!(
        message.contains("\"Vendor community\" in Round 2 (11:15) (id …"),
        "{message}"
    );
    assert!(message.contains("--slot"), "{message}");
}

pub fn take_notes(env: &Env) {
    env.set_time("10:20");
    let note = |who, session: &str, slot: &str, text: &str, more: &[&str]| {
        let args = [
            &["note", "add", EVENT, session, text, "--slot", slot][..],
            more,
        ]
        .concat();
        env.ok_as(who, &args)
    };
    assert_eq!(
        note(
            SAM,
            "vendor",
            "Round 1",
            "Suppliers want one place to talk",
            &[]
        )
        .split(" (note id")
        .next(),
        Some("Added a point to \"Vendor community\"")
    );
    note(
        SAM,
        "vendor",
        "10:15",
        "Who would fund it?",
        &["--kind", "question"],
    );
    note(
        ORGANISER,
        "vendor",
        "round 1",
        "Look at the CCS buyer community",
        &["--kind", "idea"],
    );
    let private = note(
        SAM,
        "vendor",
        "Round 1",
        "Acme may leave the framework",
        &["--private"],
    );
    assert!(private.starts_with("Added a private point to \"Vendor community\""));
    env.set_time("11:20");
    note(
        PRIYA,
        "vendor",
        "Round 2",
        "Start with a charter",
        &["--kind", "decision"],
    );
    note(
        PRIYA,
        "vendor",
        "11:15",
        "\"We keep reinventing the same forms\"",
        &["--kind", "quote"],
    );
    note(
        ORGANISER,
        "=1+1",
        "Round 2",
        "Spreadsheets are everywhere",
        &["--by", "Kim"],
    );
    let set = env.ok_as(
        SAM,
        &[
            "session",
            "set",
            EVENT,
            "vendor",
            "--slot",
            "Round 1",
            "--summary",
            "Appetite for a vendor community.",
            "--outcome",
            "A community of practice, hosted by techUK.",
            "--attendees",
            "14",
            "--note-taker",
            "Sam",
            "--facilitator",
            "Georgina",
            "--chatham-house",
        ],
    );
    assert_eq!(set, "Updated session \"Vendor community\".\n");
    let again = env.ok_as(
        SAM,
        &[
            "session",
            "set",
            EVENT,
            "vendor",
            "--slot",
            "Round 1",
            "--attendees",
            "14",
        ],
    );
    assert_eq!(
        again,
        "Session \"Vendor community\" already had those details; nothing changed.\n"
    );
    env.ok_as(
        PRIYA,
        &[
            "session",
            "set",
            EVENT,
            "vendor",
            "--slot",
            "11:15",
            "--attendees",
            "9",
            "--note-taker",
            "Priya",
        ],
    );
}

pub fn schedule_with_clashes(env: &Env) {
    // Library seats 12 but 15 hands went up; Sam pitched two Round 1 sessions.
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
        "schedule", EVENT, "skills", "--slot", "Round 1", "--room", "Group 3",
    ]);
    env.ok_as(
        PRIYA,
        &[
            "note",
            "add",
            EVENT,
            "open data",
            "Publish the schemas",
            "--kind",
            "action",
        ],
    );
    let check = env.run(&["check", EVENT]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_eq!(
        check.stdout,
        "clash: \"Open data standards\" has 15 people interested but room \"Library\" holds 12.\n\
         clash: Sam Jones pitched two sessions that run at the same time, in Round 1 (10:15): \"Vendor community\" and \"Skills for digital teams\".\n\
         no notes: session \"Skills for digital teams\" has no notes, summary or outcome yet.\n"
    );
    assert_eq!(
        check.stderr,
        "3 problems found in [HOME]/sessions/supplier-unconference.\n"
    );
    env.ok_as(
        SAM,
        &["note", "add", EVENT, "skills", "Apprenticeships work"],
    );
    let check = env.run(&["check", EVENT]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_eq!(check.stdout.lines().count(), 2, "{check:?}");
    assert!(!check.stdout.contains("no notes"), "{check:?}");
}

pub fn wrap_up(env: &Env) {
    env.set_time("12:05");
    let added = env.ok(&[
        "action",
        "add",
        EVENT,
        "vendor",
        "Draft a charter",
        "--slot",
        "Round 1",
        "--owner",
        "techUK",
        "--due",
        "2026-12-15",
    ]);
    assert!(
        added.starts_with("Added action \"Draft a charter\" to session \"Vendor community\" (id ")
    );
    env.ok_as(
        PRIYA,
        &[
            "action",
            "add",
            EVENT,
            "open data",
            "Publish the schema list",
            "--owner",
            "Priya",
        ],
    );
    let event_level = env.ok(&[
        "action",
        "add",
        EVENT,
        "--event",
        "Run a follow-up workshop",
        "--owner",
        "MHCLG",
        "--due",
        "2027-01-29",
    ]);
    assert!(event_level.starts_with(
        "Added action \"Run a follow-up workshop\" to \"Supplier unconference\" (id "
    ));
    assert_eq!(
        env.ok(&["action", "done", EVENT, "charter"]),
        "Marked \"Draft a charter\" done.\n"
    );
    let register = env.ok(&["actions", EVENT]);
    let rows: Vec<Vec<&str>> = register
        .lines()
        .map(|line| {
            line.split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect()
        })
        .collect();
    assert_eq!(
        rows[0],
        ["id", "status", "action", "owner", "due", "session"]
    );
    assert_eq!(
        rows[1][1..],
        ["open", "Run a follow-up workshop", "MHCLG", "2027-01-29"]
    );
    // Then by session in programme order: Library comes before Main hall.
    // The action note Priya took there is a next step too, first made.
    assert_eq!(
        rows[2][1..],
        ["open", "Publish the schemas", "Open data standards"]
    );
    assert_eq!(
        rows[3][1..],
        [
            "open",
            "Publish the schema list",
            "Priya",
            "Open data standards"
        ]
    );
    assert_eq!(
        rows[4][1..],
        [
            "done",
            "Draft a charter",
            "techUK",
            "2026-12-15",
            "Vendor community"
        ]
    );
    assert_eq!(rows.len(), 5, "{register}");
    assert_eq!(
        env.ok(&[
            "decision",
            "add",
            EVENT,
            "Start a supplier community",
            "--lead",
            "techUK"
        ]),
        "Recorded decision \"Start a supplier community\" for \"Supplier unconference\".\n"
    );
    env.ok(&[
        "decision",
        "add",
        EVENT,
        "Hold a follow-up workshop in January",
    ]);
}
