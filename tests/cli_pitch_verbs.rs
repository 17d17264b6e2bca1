//! The pitch verbs and unschedule on the command line: each does what the
//! TUI does, through the same edits, and each refusal exits 2 with one
//! sentence and leaves every file as it was.

mod common;

use common::Env;

const EVENT: &str = "pitch-day";

fn day() -> Env {
    let env = Env::new();
    env.ok(&["new", "Pitch day", "--date", "2026-11-27"]);
    env.ok(&["room", "add", EVENT, "Library", "--capacity", "16"]);
    env.ok(&["slot", "add", EVENT, "10:30", "11:15", "--label", "Round 1"]);
    env.ok(&["slot", "add", EVENT, "11:30", "12:15", "--label", "Round 2"]);
    env.ok(&["pitch", "add", EVENT, "Open data", "--votes", "12"]);
    env.ok(&["pitch", "add", EVENT, "Open standards", "--votes", "3"]);
    env.ok(&["pitch", "add", EVENT, "Skills"]);
    env
}

/// The pitch list as JSON, for what was stored.
fn pitches(env: &Env) -> Vec<serde_json::Value> {
    let text = env.ok(&["pitch", "list", EVENT, "--format", "json"]);
    serde_json::from_str(&text).expect("pitch list --format json is JSON")
}

fn pitch(env: &Env, title: &str) -> serde_json::Value {
    pitches(env)
        .into_iter()
        .find(|p| p["title"] == title)
        .unwrap_or_else(|| panic!("no pitch {title}"))
}

#[test]
fn pitch_set_changes_only_what_it_is_given() {
    let env = day();
    assert_eq!(
        env.ok(&[
            "pitch",
            "set",
            EVENT,
            "skills",
            "--title",
            "Skills for digital teams",
            "--by",
            "Sam Jones",
            "--by",
            "Kim",
            "--org",
            "Acme",
            "--tag",
            "skills",
            "--description",
            "Hiring and keeping people",
            "--interest",
            "7",
        ]),
        "Updated pitch \"Skills for digital teams\".\n"
    );
    let skills = pitch(&env, "Skills for digital teams");
    assert_eq!(skills["interest"], 7);
    assert_eq!(skills["tags"], serde_json::json!(["skills"]));
    assert_eq!(skills["description"], "Hiring and keeping people");
    assert_eq!(
        skills["pitched_by"],
        serde_json::json!([
            {"name": "Sam Jones", "organisation": "Acme"},
            {"name": "Kim", "organisation": "Acme"}
        ])
    );
    // --org alone moves everyone who pitched it; --no-tags clears tags.
    env.ok(&[
        "pitch",
        "set",
        EVENT,
        "skills for",
        "--org",
        "Beta",
        "--no-tags",
    ]);
    let skills = pitch(&env, "Skills for digital teams");
    assert_eq!(skills["pitched_by"][1]["organisation"], "Beta");
    assert_eq!(skills["tags"], serde_json::json!([]));
    assert_eq!(skills["interest"], 7, "left alone");
    assert_eq!(
        env.ok(&["pitch", "set", EVENT, "skills for", "--interest", "7"]),
        "Pitch \"Skills for digital teams\" already had those details; nothing changed.\n"
    );
}

#[test]
fn pitch_set_refusals() {
    let env = day();
    let ambiguous = env.refused(&["pitch", "set", EVENT, "open", "--interest", "4"]);
    assert!(
        ambiguous.starts_with("error: \"open\" matches 2 pitches: \"Open data\" (id …")
            && ambiguous.contains("\"Open standards\" (id …")
            && ambiguous.ends_with("; type more of it or use the id."),
        "{ambiguous}"
    );
    assert_eq!(
        env.refused(&["pitch", "set", EVENT, "gardening", "--interest", "4"]),
        "error: No pitch matches \"gardening\"; check the spelling, or use the id shown in the list."
    );
    assert_eq!(
        env.refused(&["pitch", "set", EVENT, "skills"]),
        "error: Nothing to change; give at least one of --title, --description, --by, --org, --tag, --no-tags or --interest."
    );
    assert_eq!(
        env.refused(&["pitch", "set", EVENT, "skills", "--title", "  "]),
        "error: The pitch title is empty; type some text first."
    );
    assert_eq!(
        env.refused(&["pitch", "set", EVENT, "skills", "--org", "Acme"]),
        "error: \"Skills\" has nobody to give an organisation to; name who pitched it with --by as well."
    );
    env.usage_error(&["pitch", "set", EVENT, "skills", "--interest", "many"]);
    env.usage_error(&["pitch", "set", EVENT, "skills", "--colour", "red"]);
}

#[test]
fn pitch_vote_sets_or_steps_the_hands() {
    let env = day();
    assert_eq!(
        env.ok(&["pitch", "vote", EVENT, "skills", "9"]),
        "\"Skills\" has 9 interested.\n"
    );
    assert_eq!(
        env.ok(&["pitch", "vote", EVENT, "skills", "+3"]),
        "\"Skills\" has 12 interested.\n"
    );
    assert_eq!(
        env.ok(&["pitch", "vote", EVENT, "skills", "-20"]),
        "\"Skills\" has 0 interested.\n",
        "never below zero"
    );
    let bad = env.usage_error(&["pitch", "vote", EVENT, "skills", "lots"]);
    assert!(
        bad.stderr.contains("\"lots\" is not a number of hands"),
        "{bad:?}"
    );
    env.usage_error(&["pitch", "vote", EVENT, "skills", "1.5"]);
    let huge = env.usage_error(&["pitch", "vote", EVENT, "skills", "4294967296"]);
    assert!(
        huge.stderr.contains("is more hands than anyone counts"),
        "{huge:?}"
    );
    env.usage_error(&["pitch", "vote", EVENT, "skills"]);
    assert_eq!(
        env.refused(&["pitch", "vote", EVENT, "nothing like it", "3"]),
        "error: No pitch matches \"nothing like it\"; check the spelling, or use the id shown in the list."
    );
}

#[test]
fn merged_pitches_add_their_interest_everywhere() {
    let env = day();
    assert_eq!(
        env.ok(&["pitch", "merge", EVENT, "standards", "--into", "open data"]),
        "Merged \"Open standards\" into \"Open data\".\n\"Open data\" now has 15 interested.\n"
    );
    assert_eq!(pitch(&env, "Open data")["interest"], 15);
    assert_eq!(pitch(&env, "Open standards")["status"], "merged");
    let table = env.ok(&["pitch", "list", EVENT]);
    assert!(table.contains("15     open"), "{table}");
    env.ok(&[
        "schedule",
        EVENT,
        "open data",
        "--slot",
        "Round 1",
        "--room",
        "Library",
    ]);
    let check = env.run(&["check", EVENT]);
    assert!(
        check
            .stdout
            .contains("has 15 people interested but room \"Library\" holds 16")
            || !check.stdout.contains("interested"),
        "the grid counts the same 15: {check:?}"
    );
    assert_eq!(
        env.ok(&["pitch", "vote", EVENT, "open standards", "+2"]),
        "\"Open standards\" has 5 interested.\n"
    );
    let check = env.run(&["check", EVENT]);
    assert_eq!(check.code, 1, "{check:?}");
    assert!(
        check
            .stdout
            .contains("\"Open data\" has 17 people interested but room \"Library\" holds 16."),
        "{check:?}"
    );
    assert_eq!(pitch(&env, "Open data")["interest"], 17);
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["export", EVENT, "--format", "json", "--out", "-"]))
            .expect("JSON");
    let exported = (json["pitches"].as_array().expect("pitches").iter())
        .find(|p| p["title"] == "Open data")
        .expect("the pitch");
    assert_eq!(exported["interest"], 17, "the export agrees");
    let write_up = env.ok(&["export", EVENT, "--out", "-"]);
    assert!(write_up.contains("Open data"), "{write_up}");
}

#[test]
fn merge_refusals() {
    let env = day();
    assert_eq!(
        env.refused(&["pitch", "merge", EVENT, "skills", "--into", "skills"]),
        "error: A pitch cannot be merged into itself; pick two different pitches to merge \"Skills\"."
    );
    assert_eq!(
        env.refused(&["pitch", "merge", EVENT, "skills", "--into", "nowhere"]),
        "error: No pitch matches \"nowhere\"; check the spelling, or use the id shown in the list."
    );
    env.usage_error(&["pitch", "merge", EVENT, "skills"]);
    env.ok(&[
        "schedule", EVENT, "skills", "--slot", "Round 1", "--room", "Library",
    ]);
    let refused = env.refused(&["pitch", "merge", EVENT, "skills", "--into", "open data"]);
    assert_eq!(
        refused,
        "error: \"Skills\" already has its own session in Round 1 (10:30); unschedule it first, then merge."
    );
}

#[test]
fn a_merged_pitch_is_unmerged_before_it_can_be_withdrawn() {
    let env = day();
    env.ok(&["pitch", "merge", EVENT, "standards", "--into", "open data"]);
    assert_eq!(
        env.refused(&["pitch", "withdraw", EVENT, "standards"]),
        "error: \"Open standards\" is merged into \"Open data\" and runs as part of it; unmerge it first to withdraw it alone."
    );
    assert_eq!(pitch(&env, "Open data")["interest"], 15, "nothing changed");
    assert_eq!(
        env.ok(&["pitch", "unmerge", EVENT, "standards"]),
        "\"Open standards\" is a pitch of its own again.\n"
    );
    assert_eq!(pitch(&env, "Open standards")["status"], "open");
    assert_eq!(pitch(&env, "Open data")["interest"], 12);
    assert_eq!(
        env.refused(&["pitch", "unmerge", EVENT, "standards"]),
        "error: \"Open standards\" is not merged into another pitch, so there is nothing to unmerge."
    );
    env.ok(&["pitch", "withdraw", EVENT, "standards"]);
}

#[test]
fn withdraw_and_restore() {
    let env = day();
    assert_eq!(
        env.ok(&["pitch", "withdraw", EVENT, "skills"]),
        "Withdrew \"Skills\"; --restore brings it back.\n"
    );
    assert_eq!(pitch(&env, "Skills")["status"], "withdrawn");
    assert_eq!(
        env.ok(&["pitch", "withdraw", EVENT, "skills"]),
        "\"Skills\" was already withdrawn; nothing changed.\n"
    );
    assert_eq!(
        env.ok(&["pitch", "withdraw", EVENT, "skills", "--restore"]),
        "Brought back \"Skills\".\n"
    );
    assert_eq!(pitch(&env, "Skills")["status"], "open");
    env.ok(&[
        "schedule", EVENT, "skills", "--slot", "Round 1", "--room", "Library",
    ]);
    assert_eq!(
        env.refused(&["pitch", "withdraw", EVENT, "skills"]),
        "error: \"Skills\" is scheduled in Round 1 (10:30); unschedule it before withdrawing it."
    );
}

#[test]
fn unschedule_takes_a_session_off_the_grid_unless_something_was_written() {
    let env = day();
    env.ok(&[
        "schedule", EVENT, "skills", "--slot", "Round 1", "--room", "Library",
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
    assert_eq!(
        env.ok(&["unschedule", EVENT, "skills"]),
        "Took session \"Skills\" in Round 1 (10:30) off the grid; its pitch is open again.\n"
    );
    assert_eq!(pitch(&env, "Skills")["status"], "open");
    env.ok(&["note", "add", EVENT, "open data", "A first note"]);
    assert_eq!(
        env.refused(&["unschedule", EVENT, "open data"]),
        "error: Session \"Open data\" in Round 2 (11:30) already has 1 note; move it instead of unscheduling it, or delete those first."
    );
    assert_eq!(
        env.refused(&["unschedule", EVENT, "skills"]),
        "error: No session matches \"skills\"; \"Skills\" is a pitch that is not on the schedule yet."
    );
    env.usage_error(&["unschedule", EVENT]);
}

/// Pitches merged in a chain (Skills into Open standards, that into Open
/// data) are each named once in the programme register.
#[test]
fn a_chain_of_merges_names_each_pitch_once_in_the_programme() {
    let env = day();
    env.ok(&["pitch", "merge", EVENT, "skills", "--into", "standards"]);
    env.ok(&["pitch", "merge", EVENT, "standards", "--into", "open data"]);
    env.ok(&[
        "schedule",
        EVENT,
        "open data",
        "--slot",
        "Round 1",
        "--room",
        "Library",
    ]);
    let csv = env.ok(&[
        "export",
        EVENT,
        "--format",
        "csv",
        "--what",
        "programme",
        "--out",
        "-",
    ]);
    let rows = common::csv_rows(&csv);
    let row = (rows.iter())
        .find(|r| r.iter().any(|c| c == "Open data"))
        .expect("the session's row");
    let merged = &row[7];
    let mut names: Vec<&str> = merged.split("; ").collect();
    names.sort_unstable();
    assert_eq!(names, ["Open standards", "Skills"], "{row:?}");
}
