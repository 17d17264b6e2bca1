//! The note verbs on the command line: list (table, CSV and JSON, read
//! back with real parsers), edit, delete and move, their refusals, and the
//! action and decision notes that are next steps and decisions.

mod common;

use common::Env;

const EVENT: &str = "note-day";
const PRIYA: (&str, &str) = ("priya-laptop", "Priya");

fn day() -> Env {
    let env = Env::new();
    env.ok(&["new", "Note day", "--date", "2026-11-27"]);
    env.ok(&["room", "add", EVENT, "Library"]);
    env.ok(&["slot", "add", EVENT, "10:30", "11:15", "--label", "Round 1"]);
    env.ok(&["slot", "add", EVENT, "11:30", "12:15", "--label", "Round 2"]);
    env.ok(&["pitch", "add", EVENT, "Open data"]);
    env.ok(&["pitch", "add", EVENT, "Skills"]);
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
        "schedule", EVENT, "skills", "--slot", "Round 2", "--room", "Library",
    ]);
    env.ok_as(
        PRIYA,
        &[
            "note",
            "add",
            EVENT,
            "open data",
            "Councils want one standard, not five",
        ],
    );
    env.ok_as(
        PRIYA,
        &[
            "note",
            "add",
            EVENT,
            "open data",
            "Apprenticeships work",
            "--kind",
            "idea",
        ],
    );
    env.ok_as(
        PRIYA,
        &[
            "note",
            "add",
            EVENT,
            "skills",
            "Who pays?",
            "--kind",
            "question",
            "--private",
        ],
    );
    env
}

fn listed(env: &Env, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["note", "list", EVENT];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    serde_json::from_str(&env.ok(&all)).expect("note list --format json is JSON")
}

#[test]
fn notes_list_as_a_table_csv_and_json() {
    let env = day();
    let table = env.ok(&["note", "list", EVENT]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 4, "{table}");
    assert!(lines[0].starts_with("id"), "{table}");
    assert!(lines[3].contains("[private] Who pays?"), "{table}");

    let text = env.ok(&["note", "list", EVENT, "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(
        header,
        [
            "id",
            "session",
            "session title",
            "kind",
            "text",
            "taken at",
            "author",
            "private"
        ]
    );
    let rows: Vec<Vec<String>> = (reader.records())
        .map(|r| r.expect("a row").iter().map(String::from).collect())
        .collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[0][2..5],
        ["Open data", "point", "Councils want one standard, not five"]
    );
    assert_eq!(rows[1][3], "idea");
    assert_eq!(rows[2][2..5], ["Skills", "question", "Who pays?"]);
    assert_eq!(rows[2][6..], ["Priya", "yes"]);

    let json = listed(&env, &[]);
    assert_eq!(json.len(), 3);
    assert_eq!(json[0]["author"], "Priya");
    assert_eq!(json[0]["private"], false);
    assert_eq!(json[2]["private"], true);
    assert_eq!(json[0]["id"].as_str().map(str::len), Some(26));
    let one = listed(&env, &["skills"]);
    assert_eq!(one.len(), 1, "one session's notes");
    assert_eq!(one[0]["session_title"], "Skills");

    let empty = Env::new();
    empty.ok(&["new", "Empty"]);
    assert_eq!(
        empty.ok(&["note", "list", "empty"]),
        "No notes in \"Empty\" yet.\n"
    );
    assert_eq!(
        empty.ok(&["note", "list", "empty", "--format", "json"]),
        "[]\n"
    );
}

#[test]
fn note_list_refusals() {
    let env = day();
    assert_eq!(
        env.refused(&["note", "list", EVENT, "gardening"]),
        "error: No session matches \"gardening\"; check the spelling, or use the id shown in the list."
    );
    env.usage_error(&["note", "list", EVENT, "--format", "xml"]);
    env.usage_error(&["note", "list", EVENT, "--slot", "Round 1"]);
}

#[test]
fn notes_are_edited_and_deleted_by_a_part_of_their_text() {
    let env = day();
    let out = env.ok(&[
        "note",
        "edit",
        EVENT,
        "apprentice",
        "--text",
        "Apprenticeships work well",
        "--kind",
        "point",
    ]);
    assert!(
        out.starts_with("Changed note \"Apprenticeships work well\" ("),
        "{out}"
    );
    let json = listed(&env, &["open data"]);
    assert_eq!(json[1]["text"], "Apprenticeships work well");
    assert_eq!(json[1]["kind"], "point");
    assert_eq!(json[1]["author"], "Priya", "who took it stays");
    env.ok(&["note", "edit", EVENT, "apprentice", "--private"]);
    assert_eq!(listed(&env, &["open data"])[1]["private"], true);
    env.ok(&[
        "note",
        "edit",
        EVENT,
        "who pays",
        "--not-private",
        "--text",
        "Who pays for it?",
    ]);
    let skills = listed(&env, &["skills"]);
    assert_eq!(skills[0]["private"], false);
    assert_eq!(skills[0]["text"], "Who pays for it?");
    assert!(
        env.ok(&["note", "edit", EVENT, "who pays", "--kind", "question"])
            .contains("already said that; nothing changed"),
    );
    let id = skills[0]["id"].as_str().expect("an id").to_string();
    let out = env.ok(&["note", "delete", EVENT, &id[id.len() - 8..]]);
    assert!(
        out.starts_with("Deleted note \"Who pays for it?\" ("),
        "{out}"
    );
    assert!(listed(&env, &["skills"]).is_empty());
}

#[test]
fn note_edit_and_delete_refusals() {
    let env = day();
    assert_eq!(
        env.refused(&["note", "edit", EVENT, "councils"]),
        "error: Nothing to change; give at least one of --text, --kind, --private or --not-private."
    );
    assert_eq!(
        env.refused(&["note", "edit", EVENT, "gardening", "--text", "x"]),
        "error: No note matches \"gardening\"; check the spelling, or use the id shown in the list."
    );
    let ambiguous = env.refused(&["note", "delete", EVENT, "w"]);
    assert!(
        ambiguous.starts_with("error: \"w\" matches 3 notes: "),
        "{ambiguous}"
    );
    assert_eq!(
        env.refused(&["note", "edit", EVENT, "councils", "--text", "   "]),
        "error: The note is empty; type some text first."
    );
    env.usage_error(&["note", "edit", EVENT, "councils", "--kind", "gossip"]);
    env.usage_error(&[
        "note",
        "edit",
        EVENT,
        "councils",
        "--private",
        "--not-private",
    ]);
    env.usage_error(&["note", "delete", EVENT]);
}

#[test]
fn notes_move_to_another_session_as_the_same_notes() {
    let env = day();
    let before = listed(&env, &["open data"]);
    let moved_id = before[1]["id"].clone();
    assert_eq!(
        env.ok(&[
            "note",
            "move",
            EVENT,
            "apprentice",
            "councils",
            "--to",
            "skills"
        ]),
        "Moved 2 notes to session \"Skills\".\n"
    );
    assert!(listed(&env, &["open data"]).is_empty());
    let skills = listed(&env, &["skills"]);
    assert_eq!(skills.len(), 3);
    let moved = skills
        .iter()
        .find(|n| n["id"] == moved_id)
        .expect("the same id");
    assert_eq!(moved["text"], before[1]["text"]);
    assert_eq!(moved["taken_at"], before[1]["taken_at"]);
    assert_eq!(moved["author"], "Priya");
    assert_eq!(
        env.ok(&["note", "move", EVENT, "apprentice", "--to", "skills"]),
        "Those notes are already in session \"Skills\"; nothing moved.\n"
    );
    assert_eq!(
        env.refused(&["note", "move", EVENT, "apprentice", "--to", "nowhere"]),
        "error: No session matches \"nowhere\"; check the spelling, or use the id shown in the list."
    );
    assert_eq!(
        env.refused(&[
            "note",
            "move",
            EVENT,
            "apprentice",
            "gardening",
            "--to",
            "open data"
        ]),
        "error: No note matches \"gardening\"; check the spelling, or use the id shown in the list."
    );
    env.usage_error(&["note", "move", EVENT, "apprentice"]);
    env.usage_error(&["note", "move", EVENT, "--to", "skills"]);
}

#[test]
fn an_action_note_is_in_the_actions_register_and_a_decision_note_in_the_write_up() {
    let env = day();
    let added = env.ok_as(
        PRIYA,
        &[
            "note",
            "add",
            EVENT,
            "open data",
            "Publish the schemas — Sam by 15 January",
            "--kind",
            "action",
        ],
    );
    assert!(
        added.starts_with("Added an action to \"Open data\""),
        "{added}"
    );
    let register = env.ok(&["actions", EVENT]);
    assert!(
        register.contains("Publish the schemas  Sam    2027-01-15  Open data"),
        "the action announced is listed: {register}"
    );
    env.ok_as(
        PRIYA,
        &[
            "note",
            "add",
            EVENT,
            "skills",
            "Start a skills network — techUK",
            "--kind",
            "decision",
        ],
    );
    assert!(
        env.ok(&["action", "done", EVENT, "publish the"])
            .contains("Marked \"Publish the schemas\" done.")
    );
    assert_eq!(
        env.ok(&["action", "done", EVENT, "publish the"]),
        "\"Publish the schemas\" was already done; nothing changed.\n"
    );
    assert_eq!(
        env.ok(&["action", "done", EVENT, "publish the", "--reopen"]),
        "Opened \"Publish the schemas\" again.\n"
    );
    env.ok(&["action", "done", EVENT, "publish the"]);
    let write_up = env.ok(&["export", EVENT, "--out", "-"]);
    assert!(
        write_up.contains(
            "**Next steps:**\n\n- Publish the schemas — Sam, due 15 January 2027 (done)\n"
        ),
        "{write_up}"
    );
    assert!(
        write_up.contains("**Decisions:**\n\n- Start a skills network — led by techUK\n"),
        "{write_up}"
    );
    // The note carries the step: editing the note edits the step.
    env.ok(&[
        "note",
        "edit",
        EVENT,
        "publish the",
        "--text",
        "Publish the schemas @Kim",
    ]);
    let register = env.ok(&["actions", EVENT]);
    assert!(
        register.contains("done    Publish the schemas @Kim  Kim"),
        "{register}"
    );
}

/// The same typed text makes the same note as in the TUI: a leading `!` is
/// an action, `=` a decision; `--kind` still decides when given.
#[test]
fn a_prefix_sets_the_kind_when_no_kind_is_given() {
    let env = day();
    env.ok(&[
        "note",
        "add",
        EVENT,
        "skills",
        "!Sam to write it up by 30 June @Sam",
    ]);
    env.ok(&["note", "add", EVENT, "skills", "= we agreed to pilot it"]);
    env.ok(&[
        "note",
        "add",
        EVENT,
        "skills",
        "! literal",
        "--kind",
        "point",
    ]);
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["note", "list", EVENT, "skills", "--format", "json"]))
            .expect("JSON");
    let kinds: Vec<(String, String)> = (json.as_array().expect("notes").iter())
        .map(|n| {
            (
                n["kind"].as_str().unwrap_or("").to_string(),
                n["text"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert!(kinds.contains(&("action".into(), "Sam to write it up by 30 June @Sam".into())));
    assert!(kinds.contains(&("decision".into(), "we agreed to pilot it".into())));
    assert!(kinds.contains(&("point".into(), "! literal".into())));
    let actions = env.ok(&[
        "export", EVENT, "--format", "csv", "--what", "actions", "--out", "-",
    ]);
    let rows = common::csv_rows(&actions);
    assert!(
        rows.iter()
            .any(|r| r[2] == "Sam to write it up" && r[3] == "Sam" && r[4] == "2027-06-30"),
        "owner and due date come from the note, the year from the event's day: {rows:?}"
    );
}

/// A next step or decision that is a private note is as private as the
/// note: not in the registers, as it is not in the write-up's sessions.
#[test]
fn private_next_steps_and_decisions_stay_out_of_the_registers() {
    let env = day();
    env.ok(&[
        "note",
        "add",
        EVENT,
        "skills",
        "!private step @Zed",
        "--private",
    ]);
    env.ok(&[
        "note",
        "add",
        EVENT,
        "skills",
        "=cut the budget",
        "--private",
    ]);
    env.ok(&["note", "add", EVENT, "skills", "!public step @Ann"]);
    for what in ["actions", "decisions"] {
        let csv = env.ok(&[
            "export", EVENT, "--format", "csv", "--what", what, "--out", "-",
        ]);
        assert!(!csv.contains("private step"), "{what}: {csv}");
        assert!(!csv.contains("cut the budget"), "{what}: {csv}");
    }
    let actions = env.ok(&[
        "export", EVENT, "--format", "csv", "--what", "actions", "--out", "-",
    ]);
    assert!(actions.contains("public step"), "{actions}");
}
