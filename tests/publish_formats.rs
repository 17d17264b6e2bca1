//! The calendar, the actions register and the JSON export, each read back
//! with a real parser: iCalendar (the `icalendar` crate), CSV (the `csv`
//! crate) and JSON checked against docs/schema/event.schema.json.

mod common;
mod publish_day;

use common::Env;
use icalendar::parser::{Component, read_calendar, unfold};
use publish_day::{CONTACTS, COUNCIL, EXAMPLE, council_day, example, name_parts};

fn prop(component: &Component, name: &str) -> Option<String> {
    component
        .find_prop(name)
        .map(|p| p.val.as_str().to_string())
}

#[test]
fn the_calendar_has_every_session_plenary_and_break_with_every_field() {
    let env = Env::new();
    example(&env);
    let text = env.ok(&["export", EXAMPLE, "--format", "ics", "--out", "-"]);
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
        assert_eq!(prop(found, "LOCATION").as_deref(), room["name"].as_str());
        assert_eq!(
            prop(found, "DTSTAMP").as_deref(),
            Some("20261127T090100Z"),
            "UNCONF_NOW"
        );
        assert!(
            found
                .find_prop("DTSTART")
                .is_some_and(|p| p.params.is_empty()),
            "floating time"
        );
    }
    let first = events[0];
    assert_eq!(
        prop(first, "SUMMARY").as_deref(),
        Some("Welcome and introductions")
    );
    assert_eq!(prop(first, "LOCATION"), None);
    let again = env.ok(&["export", EXAMPLE, "--format", "ics", "--out", "-"]);
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
    let internal = unfold(&env.ok(&["export", COUNCIL, "--format", "ics", "--out", "-"]));
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
    let public = unfold(&env.ok(&[
        "export", COUNCIL, "--format", "ics", "--public", "--out", "-",
    ]));
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
        "error: The event has no date, so its sessions cannot go in a calendar; set the date on the Event screen first."
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
