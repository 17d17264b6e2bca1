//! The event's details, rooms and slots on the command line: event set,
//! room and slot list, set and remove, the overlap warnings, and their
//! refusals.

mod common;

use common::{Env, csv_rows};

const EVENT: &str = "setup-day";

fn day() -> Env {
    let env = Env::new();
    env.ok(&[
        "new",
        "Setup day",
        "--date",
        "2026-11-27",
        "--venue",
        "techUK",
    ]);
    env.ok(&["room", "add", EVENT, "Library", "--capacity", "20"]);
    env.ok(&["room", "add", EVENT, "Main hall"]);
    env.ok(&["slot", "add", EVENT, "10:30", "11:15", "--label", "Round 1"]);
    env.ok(&[
        "slot", "add", EVENT, "12:00", "13:00", "--label", "Lunch", "--kind", "break",
    ]);
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
    env
}

fn event_json(env: &Env) -> serde_json::Value {
    serde_json::from_str(&env.ok(&["export", EVENT, "--format", "json", "--out", "-"]))
        .expect("the event as JSON")
}

#[test]
fn event_set_changes_the_details_given() {
    let env = day();
    assert_eq!(
        env.ok(&[
            "event",
            "set",
            EVENT,
            "--name",
            "Supplier day",
            "--date",
            "2026-12-01",
            "--time-zone",
            "Europe/London",
            "--description",
            "What suppliers think",
            "--organiser",
            "techUK",
            "--organiser",
            "MHCLG",
            "--attendees",
            "80",
            "--url",
            "https://example.org/day",
        ]),
        "Updated the details of \"Supplier day\".\n"
    );
    let json = event_json(&env);
    assert_eq!(json["name"], "Supplier day");
    assert_eq!(json["date"], "2026-12-01");
    assert_eq!(json["venue"], "techUK", "left alone");
    assert_eq!(json["time_zone"], "Europe/London");
    assert_eq!(json["description"], "What suppliers think");
    assert_eq!(json["organisers"], serde_json::json!(["techUK", "MHCLG"]));
    let write_up = env.ok(&["export", EVENT, "--out", "-"]);
    assert!(write_up.contains("Supplier day"), "{write_up}");
    env.ok(&["event", "set", EVENT, "--date", "", "--time-zone", ""]);
    let json = event_json(&env);
    assert_eq!(json["date"], serde_json::Value::Null);
    assert_eq!(json["time_zone"], serde_json::Value::Null);
    assert_eq!(
        env.ok(&["event", "set", EVENT, "--venue", "techUK"]),
        "\"Supplier day\" already had those details; nothing changed.\n"
    );
}

#[test]
fn event_set_refusals() {
    let env = day();
    assert_eq!(
        env.refused(&["event", "set", EVENT]),
        "error: Nothing to change; give at least one of --name, --date, --venue, --time-zone, --description, --organiser, --attendees or --url."
    );
    assert_eq!(
        env.refused(&["event", "set", EVENT, "--date", "1 December"]),
        "error: \"1 December\" is not a date for --date; use YYYY-MM-DD, e.g. 2026-11-27."
    );
    assert_eq!(
        env.refused(&["event", "set", EVENT, "--attendees", "lots"]),
        "error: \"lots\" is not a whole number for --attendees; give one such as 24, or \"\" to clear it."
    );
    assert_eq!(
        env.refused(&["event", "set", EVENT, "--time-zone", "Mars/Olympus"]),
        "error: \"Mars/Olympus\" is not a time zone this build knows; use an IANA name such as Europe/London, or leave it blank."
    );
    assert_eq!(
        env.refused(&["event", "set", EVENT, "--name", " "]),
        "error: The event name is empty; type some text first."
    );
    assert!(
        env.refused(&["event", "set", "no-such-event", "--name", "X"])
            .starts_with("error: "),
    );
    env.usage_error(&["event", "set", EVENT, "--colour", "red"]);
    for bad in ["javascript:alert(1)", "not a url", "ftp://x", "ééééé"] {
        assert!(
            env.refused(&["event", "set", EVENT, "--url", bad])
                .ends_with("is not a web address for --url; give one starting https://, e.g. https://example.org/programme."),
            "{bad}"
        );
    }
    env.ok(&["event", "set", EVENT, "--url", "HTTPS://example.org/day"]);
}

#[test]
fn rooms_are_listed_changed_and_removed() {
    let env = day();
    let table = env.ok(&["room", "list", EVENT]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 3, "{table}");
    assert!(
        lines[1].contains("Library") && lines[1].contains("20"),
        "{table}"
    );
    let json: Vec<serde_json::Value> =
        serde_json::from_str(&env.ok(&["room", "list", EVENT, "--format", "json"])).expect("JSON");
    assert_eq!(json[0]["name"], "Library");
    assert_eq!(json[0]["sessions"], 1);
    assert_eq!(json[1]["capacity"], serde_json::Value::Null);
    let text = env.ok(&["room", "list", EVENT, "--format", "csv"]);
    let rows = csv_rows(&text);
    assert_eq!(rows[1][1..], ["Main hall", "", "0"]);

    assert_eq!(
        env.ok(&[
            "room",
            "set",
            EVENT,
            "main",
            "--name",
            "Great hall",
            "--capacity",
            "80"
        ]),
        "Updated room \"Great hall\".\n"
    );
    assert_eq!(
        env.ok(&["room", "set", EVENT, "library", "--capacity", ""]),
        "Updated room \"Library\".\n"
    );
    assert_eq!(
        env.refused(&["room", "set", EVENT, "library", "--name", "great hall"]),
        "error: There is already a room called \"Great hall\"; pick another name."
    );
    assert_eq!(
        env.refused(&["room", "set", EVENT, "library"]),
        "error: Nothing to change; give --name, --capacity or both."
    );
    assert_eq!(
        env.refused(&["room", "set", EVENT, "library", "--capacity", "a few"]),
        "error: \"a few\" is not a whole number for --capacity; give one such as 24, or \"\" to clear it."
    );
    assert_eq!(
        env.refused(&["room", "remove", EVENT, "library"]),
        "error: Room \"Library\" is used by \"Open data\" in Round 1 (10:30); move or unschedule it first."
    );
    assert_eq!(
        env.ok(&["room", "remove", EVENT, "great"]),
        "Removed room \"Great hall\" from \"Setup day\".\n"
    );
    assert!(
        env.refused(&["room", "remove", EVENT, "attic"])
            .starts_with("error: No room matches \"attic\""),
    );
    env.usage_error(&["room", "remove", EVENT]);
    env.usage_error(&["room", "list", EVENT, "--format", "yaml"]);
}

#[test]
fn slots_are_listed_changed_and_removed_and_overlaps_are_warned_about() {
    let env = day();
    let added = env.run(&["slot", "add", EVENT, "11:00", "11:45", "--label", "Round 2"]);
    assert_eq!(added.code, 0, "an overlap is allowed: {added:?}");
    assert_eq!(
        added.stdout,
        "Added slot Round 2 (11:00) to \"Setup day\".\n"
    );
    assert_eq!(
        added.stderr,
        "warning: Slot Round 1 (10:30–11:15) overlaps Round 2 (11:00–11:45). `unconf check` lists every overlap.\n"
    );
    let check = env.run(&["check", EVENT]);
    assert_eq!(check.code, 1, "{check:?}");
    assert!(
        check
            .stdout
            .contains("overlap: Slot Round 1 (10:30–11:15) overlaps Round 2 (11:00–11:45).\n"),
        "{check:?}"
    );
    let json: Vec<serde_json::Value> =
        serde_json::from_str(&env.ok(&["slot", "list", EVENT, "--format", "json"])).expect("JSON");
    assert_eq!(json.len(), 3);
    assert_eq!(json[0]["label"], "Round 1");
    assert_eq!(json[0]["sessions"], 1);
    assert_eq!(json[0]["overlaps"].as_array().map(Vec::len), Some(1));
    assert_eq!(json[2]["kind"], "break");
    let text = env.ok(&["slot", "list", EVENT, "--format", "csv"]);
    let rows = csv_rows(&text);
    assert_eq!(rows[1][1..], ["11:00", "11:45", "Round 2", "breakout", "0"]);
    assert!(env.ok(&["slot", "list", EVENT]).contains("overlaps"));

    let moved = env.run(&[
        "slot", "set", EVENT, "round 2", "--start", "11:30", "--end", "12:00",
    ]);
    assert_eq!(moved.code, 0, "{moved:?}");
    assert_eq!(moved.stdout, "Updated slot Round 2 (11:30).\n");
    assert_eq!(moved.stderr, "", "no overlap left");
    let check = env.run(&["check", EVENT]);
    assert!(!check.stdout.contains("overlap"), "{check:?}");
    assert_eq!(
        env.refused(&["slot", "set", EVENT, "round 1", "--kind", "break"]),
        "error: Slot Round 1 (10:30) is used by \"Open data\" in room \"Library\"; move or unschedule it first."
    );
    assert_eq!(
        env.refused(&["slot", "set", EVENT, "round 2", "--end", "11:00"]),
        "error: A slot must end after it starts, and 11:30–11:00 does not; check the times."
    );
    assert_eq!(
        env.refused(&["slot", "set", EVENT, "round 2", "--start", "half past"]),
        "error: \"half past\" is not a time for --start; use HH:MM, e.g. 10:30."
    );
    assert_eq!(
        env.refused(&["slot", "set", EVENT, "round 2"]),
        "error: Nothing to change; give at least one of --start, --end, --label or --kind."
    );
    assert_eq!(
        env.refused(&["slot", "remove", EVENT, "10:30"]),
        "error: Slot Round 1 (10:30) is used by \"Open data\" in room \"Library\"; move or unschedule it first."
    );
    assert_eq!(
        env.ok(&["slot", "remove", EVENT, "lunch"]),
        "Removed slot Lunch (12:00) from \"Setup day\".\n"
    );
    assert!(
        env.refused(&["slot", "remove", EVENT, "09:00"])
            .starts_with("error: No slot matches \"09:00\""),
    );
    env.usage_error(&["slot", "set", EVENT, "round 2", "--kind", "nap"]);
}

/// One organiser for one name, whatever its case or spacing; and `pitch
/// set --by` names the person the event already knows, as `pitch add` does.
#[test]
fn organisers_and_pitchers_are_one_person_per_name() {
    let env = day();
    env.ok(&[
        "event",
        "set",
        EVENT,
        "--organiser",
        "Sam Jones",
        "--organiser",
        "sam  jones",
        "--organiser",
        "techUK",
    ]);
    let json = event_json(&env);
    assert_eq!(
        json["organisers"],
        serde_json::json!(["Sam Jones", "techUK"])
    );
    let pitch = env.ok(&["pitch", "list", EVENT, "--format", "json"]);
    let pitches: serde_json::Value = serde_json::from_str(&pitch).expect("JSON");
    let title = pitches[0]["title"].as_str().expect("a pitch").to_string();
    env.ok(&["pitch", "set", EVENT, &title, "--by", "SAM   jones"]);
    let after: serde_json::Value =
        serde_json::from_str(&env.ok(&["pitch", "list", EVENT, "--format", "json"])).expect("JSON");
    assert_eq!(after[0]["pitched_by"][0]["name"], "Sam Jones");
}
