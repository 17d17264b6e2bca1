//! The morning of the day: the event, its rooms and slots, and the pitches,
//! listed in each format `pitch list` offers.

use serde_json::Value;

use super::EVENT;
use crate::common::Env;

pub fn set_up(env: &Env) {
    let created = env.ok(&[
        "new",
        "Supplier unconference",
        "--date",
        "2026-11-27",
        "--venue",
        "techUK, London",
        "--organiser",
        "techUK",
        "--organiser",
        "MHCLG",
        "--description",
        "Suppliers respond to the Local Digital Declaration.",
    ]);
    assert_eq!(
        created,
        "Created \"Supplier unconference\" in [HOME]/sessions/supplier-unconference.\n"
    );
    assert_eq!(
        env.ok(&["room", "add", EVENT, "Library", "--capacity", "12"]),
        "Added room \"Library\" (seats 12) to \"Supplier unconference\".\n"
    );
    env.ok(&["room", "add", EVENT, "Main hall", "--capacity", "80"]);
    assert_eq!(
        env.ok(&["room", "add", EVENT, "Group 3"]),
        "Added room \"Group 3\" to \"Supplier unconference\".\n"
    );
    let slots: [&[&str]; 5] = [
        &["09:30", "10:00", "--label", "Welcome", "--kind", "plenary"],
        &["10:15", "11:00", "--label", "Round 1"],
        &["11:00", "11:15", "--label", "Coffee", "--kind", "break"],
        &["11:15", "12:00", "--label", "Round 2", "--kind", "breakout"],
        &["12:00", "12:30", "--kind", "plenary"],
    ];
    let added: Vec<String> = slots
        .iter()
        .map(|slot| env.ok(&[&["slot", "add", EVENT][..], slot].concat()))
        .collect();
    assert_eq!(
        added.concat(),
        "Added slot Welcome (09:30) to \"Supplier unconference\".\n\
         Added slot Round 1 (10:15) to \"Supplier unconference\".\n\
         Added slot Coffee (11:00) to \"Supplier unconference\".\n\
         Added slot Round 2 (11:15) to \"Supplier unconference\".\n\
         Added slot 12:00–12:30 to \"Supplier unconference\".\n"
    );
    let listed = env.ok(&["list"]);
    assert!(listed.contains(EVENT), "{listed}");
    assert!(listed.contains("Supplier unconference"), "{listed}");
    assert!(listed.contains("2026-11-27"), "{listed}");
}

pub fn log_pitches(env: &Env) {
    env.set_time("09:35");
    let pitches: [&[&str]; 5] = [
        &[
            "Vendor community",
            "--by",
            "Sam Jones",
            "--org",
            "Acme Ltd",
            "--votes",
            "10",
            "--tag",
            "community",
            "--tag",
            "procurement",
        ],
        &["Open data standards", "--by", "Priya Shah", "--votes", "15"],
        &["=1+1", "--by", "Kim", "--votes", "2"],
        &[
            "Skills for digital teams",
            "--by",
            "sam jones",
            "--description",
            "Hiring, training, keeping people.",
            "--votes",
            "6",
        ],
        &["Legacy contracts", "--votes", "4"],
    ];
    for pitch in pitches {
        let said = env.ok(&[&["pitch", "add", EVENT][..], pitch].concat());
        assert!(said.starts_with(&format!("Added pitch \"{}\" (id ", pitch[0])));
    }
}

pub fn list_pitches(env: &Env) {
    let table = env.ok(&["pitch", "list", EVENT]);
    let header = table.lines().next().expect("a header");
    assert_eq!(
        header.split_whitespace().collect::<Vec<_>>(),
        ["id", "votes", "status", "title", "pitched", "by"]
    );
    assert_eq!(table.lines().count(), 6, "{table}");
    assert!(table.contains("Sam Jones (Acme Ltd)"), "{table}");

    let csv = env.ok(&["pitch", "list", EVENT, "--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        csv.matches("\r\n").count(),
        lines.len(),
        "RFC 4180 line ends"
    );
    assert_eq!(
        lines[0],
        "id,title,pitched by,description,tags,interest,status,merged into"
    );
    assert_eq!(lines.len(), 6, "{csv}");
    assert!(
        lines[1]
            .ends_with(",Vendor community,Sam Jones (Acme Ltd),,community; procurement,10,open,"),
        "{csv}"
    );
    // A title a spreadsheet would run as a formula comes out as text.
    assert!(lines[3].ends_with(",'=1+1,Kim,,,2,open,"), "{csv}");
    assert!(!csv.contains(",=1+1,"), "{csv}");

    let json: Value = serde_json::from_str(&env.ok(&["pitch", "list", EVENT, "--format", "json"]))
        .expect("pitch list --format json is JSON");
    let pitches = json.as_array().expect("a list of pitches");
    assert_eq!(pitches.len(), 5);
    let vendor = &pitches[0];
    assert_eq!(vendor["title"], "Vendor community");
    assert_eq!(vendor["interest"], 10);
    assert_eq!(vendor["status"], "open");
    assert_eq!(vendor["sessions"], 0);
    assert_eq!(vendor["merged_into"], Value::Null);
    assert_eq!(
        vendor["tags"],
        serde_json::json!(["community", "procurement"])
    );
    assert_eq!(
        vendor["pitched_by"],
        serde_json::json!([{"name": "Sam Jones", "organisation": "Acme Ltd"}])
    );
    assert_eq!(pitches[2]["title"], "=1+1", "JSON keeps the title as typed");
    assert_eq!(
        pitches[3]["description"],
        "Hiring, training, keeping people."
    );
    assert_eq!(pitches[4]["pitched_by"], serde_json::json!([]));
    let ids: Vec<&str> = pitches
        .iter()
        .map(|p| p["id"].as_str().expect("an id"))
        .collect();
    assert!(ids.iter().all(|id| id.len() == 26), "{ids:?}");
    assert!(lines[1].starts_with(ids[0]), "CSV and JSON agree on ids");
}
