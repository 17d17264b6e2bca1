//! The calendar, the actions register and the JSON export, each read back
//! with a real parser: iCalendar (the `icalendar` crate), CSV (the `csv`
//! crate) and JSON checked against docs/schema/event.schema.json.

mod common;
mod publish_day;

use common::Env;
use icalendar::parser::{Component, read_calendar, unfold};
use publish_day::{CONTACTS, COUNCIL, EXAMPLE, council_day, example, name_parts};

/// `args` run as the organiser on a machine whose time zone is `tz`.
fn with_zone(env: &Env, tz: &str, args: &[&str]) -> String {
    env.tick();
    let output = (env.command_at(common::ORGANISER, &env.now()))
        .env("TZ", tz)
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn param(component: &Component, name: &str, key: &str) -> Option<String> {
    let property = component.find_prop(name)?;
    let found = property.params.iter().find(|p| p.key.as_str() == key)?;
    found.val.as_ref().map(|v| v.as_str().to_string())
}

fn prop(component: &Component, name: &str) -> Option<String> {
    component
        .find_prop(name)
        .map(|p| p.val.as_str().to_string())
}

#[test]
fn the_calendar_has_every_session_plenary_and_break_with_every_field() {
    let env = Env::new();
    example(&env);
    let args = ["export", EXAMPLE, "--format", "ics", "--out", "-"];
    let text = with_zone(&env, "Europe/London", &args);
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
    for line in text.split_terminator("\r\n") {
        assert!(line.len() <= 75, "a line longer than 75 octets: {line:?}");
        assert!(!line.contains('\n'), "a bare line feed: {line:?}");
    }
    let unfolded = unfold(&text);
    let calendar = read_calendar(&unfolded).expect("the calendar parses");
    let events: Vec<&Component> = (calendar.components.iter())
        .filter(|c| c.name.as_str() == "VEVENT")
        .collect();
    // The event has no zone of its own, so the machine's is used, and
    // described.
    let zone = (calendar.components.iter())
        .find(|c| c.name.as_str() == "VTIMEZONE")
        .expect("a VTIMEZONE");
    assert_eq!(prop(zone, "TZID").as_deref(), Some("Europe/London"));
    // 4 plenaries (no break in the example) and 10 sessions.
    assert_eq!(events.len(), 14);
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["export", EXAMPLE, "--format", "json", "--out", "-"]))
            .expect("JSON");
    for session in json["sessions"].as_array().expect("sessions") {
        let uid = format!("{}@unconf", session["id"].as_str().expect("an id"));
        let found = (events.iter())
            .find(|e| prop(e, "UID").as_deref() == Some(uid.as_str()))
            .unwrap_or_else(|| panic!("no event for {uid}"));
        let slot = (json["slots"].as_array().expect("slots").iter())
            .find(|s| s["id"] == session["slot"])
            .expect("its slot");
        let room = (json["rooms"].as_array().expect("rooms").iter())
            .find(|r| r["id"] == session["room"])
            .expect("its room");
        let at = |time: &serde_json::Value| {
            format!(
                "20181023T{}00",
                time.as_str().expect("HH:MM").replace(':', "")
            )
        };
        assert_eq!(prop(found, "SUMMARY").as_deref(), session["title"].as_str());
        assert_eq!(prop(found, "DTSTART"), Some(at(&slot["start"])));
        assert_eq!(prop(found, "DTEND"), Some(at(&slot["end"])));
        let location = format!("{}, techUK", room["name"].as_str().expect("a name"));
        assert_eq!(prop(found, "LOCATION"), Some(location), "room, venue");
        assert_eq!(
            prop(found, "DTSTAMP").as_deref(),
            Some("20261127T090100Z"),
            "UNCONF_NOW"
        );
        for time in ["DTSTART", "DTEND"] {
            assert_eq!(
                param(found, time, "TZID").as_deref(),
                Some("Europe/London"),
                "{time} in the zone"
            );
        }
    }
    let first = events[0];
    assert_eq!(
        prop(first, "SUMMARY").as_deref(),
        Some("Welcome and introductions")
    );
    assert_eq!(prop(first, "LOCATION").as_deref(), Some("techUK"));
    let again = with_zone(&env, "Europe/London", &args);
    let uids = |t: &str| {
        t.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(String::from)
            .collect::<Vec<_>>()
    };
    assert_eq!(uids(&again), uids(&text), "UIDs are stable");
}

#[test]
fn the_public_calendar_follows_the_public_rules() {
    let env = Env::new();
    council_day(&env);
    let internal = unfold(&env.ok(&[
        "export",
        COUNCIL,
        "--format",
        "ics",
        "--internal",
        "--out",
        "-",
    ]));
    let calendar = read_calendar(&internal).expect("parses");
    let open_data = (calendar.components.iter())
        .find(|c| prop(c, "SUMMARY").as_deref() == Some("Open data"))
        .expect("the session");
    assert_eq!(
        prop(open_data, "DESCRIPTION").as_deref(),
        Some(
            "Ask Priya Shah (priya.shah@anytown.gov.uk, 07700 900123) by 27 November 2026.\n\nPitched by Priya Shah (Anytown Council)"
        )
    );
    let public = unfold(&env.ok(&["export", COUNCIL, "--format", "ics", "--out", "-"]));
    let asked = unfold(&env.ok(&[
        "export", COUNCIL, "--format", "ics", "--public", "--out", "-",
    ]));
    let unstamped = |t: &str| -> Vec<String> {
        (t.lines().filter(|l| !l.starts_with("DTSTAMP")))
            .map(String::from)
            .collect()
    };
    assert_eq!(
        unstamped(&public),
        unstamped(&asked),
        "the calendar is the public one unless --internal"
    );
    let calendar = read_calendar(&public).expect("parses");
    let open_data = (calendar.components.iter())
        .find(|c| prop(c, "SUMMARY").as_deref() == Some("Open data"))
        .expect("the session");
    assert_eq!(
        prop(open_data, "DESCRIPTION").as_deref(),
        Some(
            "Ask [name removed] ([email address removed], [phone number removed]) by 27 November 2026."
        )
    );
    let ethics = (calendar.components.iter())
        .find(|c| prop(c, "SUMMARY").as_deref() == Some("Ethics"))
        .expect("the other session");
    assert_eq!(
        prop(ethics, "DESCRIPTION").as_deref(),
        Some("Pitched by Marcus Brown")
    );
}

#[test]
fn an_event_without_a_date_has_no_calendar() {
    let env = Env::new();
    env.ok(&["new", "Undated"]);
    let message = env.refused(&["export", "undated", "--format", "ics", "--out", "-"]);
    assert_eq!(
        message,
        "error: The event has no date, so its sessions cannot go in a calendar; set the date on the Event screen or with `unconf event set --date` first."
    );
}

#[test]
fn the_actions_register_is_formula_safe_csv() {
    let env = Env::new();
    council_day(&env);
    env.ok(&[
        "action",
        "add",
        COUNCIL,
        "--event",
        "=HYPERLINK(\"http://x\",\"y\")",
        "--owner",
        "@owner",
    ]);
    let text = env.ok(&["export", COUNCIL, "--format", "csv", "--out", "-"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<Vec<String>> = (reader.records())
        .map(|r| r.expect("a row").iter().map(String::from).collect())
        .collect();
    assert_eq!(
        rows,
        [
            [
                "Council day",
                "",
                "'=HYPERLINK(\"http://x\",\"y\")",
                "'@owner",
                "",
                "open"
            ],
            // The action note taken in the session is one of its next steps.
            [
                "Council day",
                "Open data",
                "Write to sam@example.org",
                "",
                "",
                "open"
            ],
            [
                "Council day",
                "Open data",
                "Priya to draft a charter",
                "Priya Shah",
                "",
                "open"
            ],
        ]
    );
    let public = env.ok(&[
        "export", COUNCIL, "--format", "csv", "--public", "--out", "-",
    ]);
    assert!(
        public.contains("Council day,Open data,[name removed] to draft a charter,,,open\r\n"),
        "{public}"
    );
}

#[test]
fn the_json_export_matches_its_schema_and_keeps_ids() {
    let schema_path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema/event.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).expect("the schema"))
            .expect("JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let env = Env::new();
    example(&env);
    council_day(&env);
    for args in [
        vec!["export", EXAMPLE, "--format", "json", "--out", "-"],
        vec!["export", COUNCIL, "--format", "json", "--out", "-"],
        vec![
            "export", COUNCIL, "--format", "json", "--public", "--out", "-",
        ],
    ] {
        let value: serde_json::Value = serde_json::from_str(&env.ok(&args)).expect("JSON");
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{args:?}: {errors:#?}");
    }
    let example_json: serde_json::Value =
        serde_json::from_str(&env.ok(&["export", EXAMPLE, "--format", "json", "--out", "-"]))
            .expect("JSON");
    assert_eq!(example_json["sessions"].as_array().map(Vec::len), Some(10));
    assert_eq!(example_json["pitches"].as_array().map(Vec::len), Some(10));
    let other_device = env.ok_as(
        ("reader", "Reader"),
        &["export", EXAMPLE, "--format", "json", "--out", "-"],
    );
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&other_device).expect("JSON"),
        example_json
    );

    let public = env.ok(&[
        "export", COUNCIL, "--format", "json", "--public", "--out", "-",
    ]);
    let value: serde_json::Value = serde_json::from_str(&public).expect("JSON");
    assert_eq!(value["public"], true);
    assert_eq!(value["attendees"], serde_json::Value::Null, "not counted");
    assert_eq!(value["url"], "");
    assert_eq!(value["sessions"][0]["attendees"], 12);
    let open_data = &value["sessions"][0];
    assert_eq!(open_data["chatham_house"], true);
    assert_eq!(open_data["facilitator"], serde_json::Value::Null);
    let chatham_text = serde_json::to_string(&(
        &value["sessions"][0],
        &value["pitches"][0],
        value["notes"]
            .as_array()
            .expect("notes")
            .iter()
            .filter(|n| n["session"] == open_data["id"])
            .collect::<Vec<_>>(),
    ))
    .expect("JSON");
    for name in name_parts() {
        assert!(
            !chatham_text.to_lowercase().contains(&name.to_lowercase()),
            "{name} in {chatham_text}"
        );
    }
    for contact in CONTACTS {
        assert!(!public.contains(contact), "{contact}");
    }
    assert!(
        !public.contains("Nadia is leaving"),
        "private notes are left out"
    );
}

/// A register read back with the `csv` crate: its header, then its rows.
fn register(env: &Env, what: &str, public: bool) -> (Vec<String>, Vec<Vec<String>>) {
    let mut args = vec!["export", COUNCIL, "--format", "csv", "--what", what];
    if public {
        args.push("--public");
    }
    args.extend(["--out", "-"]);
    let text = env.ok(&args);
    assert!(text.ends_with("\r\n"), "CRLF line ends: {text:?}");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = (reader.headers().expect("a header").iter())
        .map(String::from)
        .collect();
    let rows = (reader.records())
        .map(|r| r.expect("a row").iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn every_register_is_csv_that_parses_back_field_by_field() {
    let env = Env::new();
    council_day(&env);
    env.ok(&[
        "decision",
        "add",
        COUNCIL,
        "=Publish the list",
        "--lead",
        "Westshire",
    ]);
    let refused = env.refused(&["export", COUNCIL, "--what", "notes", "--out", "-"]);
    assert!(
        refused.contains("--what chooses a CSV register; give --format csv with it"),
        "{refused}"
    );
    let refused = env.refused(&["export", COUNCIL, "--public", "--internal", "--out", "-"]);
    assert!(refused.contains("--internal"), "{refused}");
    let (header, rows) = register(&env, "programme", false);
    assert_eq!(
        header,
        [
            "date",
            "start",
            "end",
            "slot",
            "kind",
            "room",
            "session",
            "merged pitches",
            "pitched by",
            "facilitator",
            "note-taker",
            "attendees",
            "chatham house"
        ]
    );
    assert_eq!(
        rows,
        [
            [
                "2026-11-27",
                "10:30",
                "11:30",
                "Round 1",
                "breakout",
                "Library",
                "Open data",
                "",
                "Priya Shah",
                "Georgina Maratheftis",
                "Sam Jones",
                "12",
                "yes"
            ],
            [
                "2026-11-27",
                "11:30",
                "12:30",
                "Round 2",
                "breakout",
                "Library",
                "Ethics",
                "",
                "Marcus Brown",
                "Carlos Oliveira",
                "Linda",
                "",
                "no"
            ],
        ]
    );
    let (_, public) = register(&env, "programme", true);
    assert_eq!(
        public[0][8..11],
        ["", "", ""],
        "Chatham House: nobody named"
    );
    assert_eq!(
        public[1][8..11],
        ["Marcus Brown", "Carlos Oliveira", "Linda"]
    );

    let (header, rows) = register(&env, "decisions", false);
    assert_eq!(header, ["event", "session", "decision", "lead"]);
    assert_eq!(
        rows[0],
        ["Council day", "", "'=Publish the list", "Westshire"]
    );

    let (header, rows) = register(&env, "pitches", false);
    assert_eq!(
        header,
        [
            "title",
            "pitched by",
            "description",
            "tags",
            "interest",
            "status",
            "merged into",
            "sessions"
        ]
    );
    assert_eq!(
        rows[0],
        [
            "Open data",
            "Priya Shah (Anytown Council)",
            "Ask Priya Shah (priya.shah@anytown.gov.uk, 07700 900123) by 27 November 2026.",
            "",
            "0",
            "scheduled",
            "",
            "Library 10:30"
        ]
    );
    let (_, public) = register(&env, "pitches", true);
    assert_eq!(public[0][1], "");
    assert_eq!(
        public[0][2],
        "Ask [name removed] ([email address removed], [phone number removed]) by 27 November 2026."
    );

    let (header, rows) = register(&env, "notes", false);
    assert_eq!(
        header,
        ["session", "taken at", "kind", "author", "private", "text"]
    );
    let texts: Vec<(&str, &str, &str)> = (rows.iter())
        .map(|r| (r[0].as_str(), r[4].as_str(), r[5].as_str()))
        .collect();
    assert_eq!(
        texts,
        [
            (
                "Open data",
                "no",
                "Marcus Brown thinks 400 datasets is a start"
            ),
            ("Open data", "no", "Write to sam@example.org"),
            ("Open data", "yes", "Nadia is leaving Westshire"),
            ("Ethics", "no", "Carlos Oliveira: start small"),
        ]
    );
    assert_eq!(rows[0][1..4], ["2026-11-27 09:10", "point", "Ade Okafor"]);
    let (_, public) = register(&env, "notes", true);
    assert_eq!(public.len(), 3, "no private notes: {public:?}");
    assert_eq!(public[0][3], "", "no author under the Chatham House Rule");
    assert_eq!(public[1][5], "Write to [email address removed]");
    for (_, rows) in [
        register(&env, "actions", true),
        register(&env, "programme", true),
        register(&env, "pitches", true),
        register(&env, "notes", true),
        register(&env, "decisions", true),
    ] {
        for contact in CONTACTS {
            assert!(
                !rows.iter().flatten().any(|c| c.contains(contact)),
                "{contact}"
            );
        }
    }
}

#[test]
fn every_register_matches_its_json_schema_column_by_column() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema/registers.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("the schema")).expect("JSON");
    let env = Env::new();
    council_day(&env);
    env.ok(&[
        "decision",
        "add",
        COUNCIL,
        "Publish the list",
        "--lead",
        "Westshire",
    ]);
    for what in ["actions", "programme", "decisions", "pitches", "notes"] {
        let mut one = schema.clone();
        one["$ref"] = serde_json::Value::String(format!("#/$defs/{what}"));
        let validator = jsonschema::validator_for(&one).expect("a valid schema");
        let titles: Vec<&str> = (schema["$defs"][what]["prefixItems"].as_array())
            .expect("columns")
            .iter()
            .map(|c| c["title"].as_str().expect("a title"))
            .collect();
        assert!(
            !validator.is_valid(&serde_json::json!(["too short"])),
            "the schema checks"
        );
        for public in [false, true] {
            let (header, rows) = register(&env, what, public);
            assert_eq!(header, titles, "{what}");
            assert!(!rows.is_empty(), "{what} has rows");
            for row in rows {
                let value = serde_json::json!(row);
                let errors: Vec<String> = validator
                    .iter_errors(&value)
                    .map(|e| e.to_string())
                    .collect();
                assert!(errors.is_empty(), "{what} {row:?}: {errors:?}");
            }
        }
    }
}

/// `--out /dev/null` (or a pipe, or a terminal) is written into, never
/// replaced: an atomic rename over a device would replace the device
/// itself, which root may do. Checked through a link to /dev/null, so that
/// a failure replaces only the link, never the device.
#[cfg(unix)]
#[test]
fn an_export_into_a_device_writes_into_it_and_leaves_it_in_place() {
    let env = Env::new();
    example(&env);
    let link = env.root().join("to-null");
    std::os::unix::fs::symlink("/dev/null", &link).expect("a link to /dev/null");
    let out = link.display().to_string();
    for format in ["md", "ics", "json"] {
        env.ok(&["export", EXAMPLE, "--format", format, "--out", &out]);
        let kind = std::fs::symlink_metadata(&link).expect("still there");
        assert!(
            kind.file_type().is_symlink(),
            "{format}: the export replaced its destination"
        );
    }
    let null = std::fs::metadata("/dev/null").expect("/dev/null");
    assert!(!null.is_file(), "/dev/null is still a device");
}
