//! Events for the publishing tests: the shipped example, and a day with a
//! Chatham House session full of names, e-mail addresses and phone numbers.

// Each test crate uses a different part of this module.
#![allow(dead_code)]

use crate::common::Env;

/// The example event in `sessions/`.
pub use crate::common::EXAMPLE;

/// A copy of the example event in the test's own sessions folder.
pub fn example(env: &Env) {
    crate::common::copy_example(&env.event_dir(EXAMPLE));
}

pub const COUNCIL: &str = "council-day";

/// Every name the Chatham House day knows: pitchers, their organisations,
/// note authors, note-takers, facilitators, owners and the organiser.
pub const NAMES: [&str; 10] = [
    "Priya Shah",
    "Anytown Council",
    "Marcus Brown",
    "Georgina Maratheftis",
    "Sam Jones",
    "Ade Okafor",
    "Carlos Oliveira",
    "Linda",
    "Nadia",
    "Westshire",
];

/// Contacts typed into the day's free text.
pub const CONTACTS: [&str; 4] = [
    "priya.shah@anytown.gov.uk",
    "07700 900123",
    "+44 20 7946 0958",
    "sam@example.org",
];

/// "Open data" (Round 1) is held under the Chatham House Rule; "Ethics"
/// (Round 2) is not.
pub fn council_day(env: &Env) {
    let e = COUNCIL;
    env.ok(&[
        "new",
        "Council day",
        "--date",
        "2026-11-27",
        "--organiser",
        "Westshire",
    ]);
    env.ok(&["room", "add", e, "Library"]);
    env.ok(&["slot", "add", e, "10:30", "11:30", "--label", "Round 1"]);
    env.ok(&["slot", "add", e, "11:30", "12:30", "--label", "Round 2"]);
    env.ok(&[
        "pitch",
        "add",
        e,
        "Open data",
        "--by",
        "Priya Shah",
        "--org",
        "Anytown Council",
        "--description",
        "Ask Priya Shah (priya.shah@anytown.gov.uk, 07700 900123) by 27 November 2026.",
    ]);
    env.ok(&["pitch", "add", e, "Ethics", "--by", "Marcus Brown"]);
    env.ok(&[
        "schedule",
        e,
        "open data",
        "--slot",
        "Round 1",
        "--room",
        "Library",
    ]);
    env.ok(&[
        "schedule", e, "ethics", "--slot", "Round 2", "--room", "Library",
    ]);
    env.ok(&[
        "session",
        "set",
        e,
        "open data",
        "--chatham-house",
        "--attendees",
        "12",
        "--facilitator",
        "Georgina Maratheftis",
        "--note-taker",
        "Sam Jones",
        "--summary",
        "Priya Shah said councils publish too little; Marcus agreed.",
        "--outcome",
        "Call +44 20 7946 0958 before 10:30am on 4 December 2026.",
    ]);
    let by = ["--by", "Ade Okafor"];
    env.ok(&[
        "note",
        "add",
        e,
        "open data",
        "Marcus Brown thinks 400 datasets is a start",
        by[0],
        by[1],
    ]);
    env.ok(&[
        "note",
        "add",
        e,
        "open data",
        "Write to sam@example.org",
        "--kind",
        "action",
        by[0],
        by[1],
    ]);
    env.ok(&[
        "note",
        "add",
        e,
        "open data",
        "Nadia is leaving Westshire",
        "--private",
        by[0],
        by[1],
    ]);
    env.ok(&[
        "action",
        "add",
        e,
        "open data",
        "Priya to draft a charter",
        "--owner",
        "Priya Shah",
    ]);
    env.ok(&[
        "session",
        "set",
        e,
        "ethics",
        "--facilitator",
        "Carlos Oliveira",
        "--note-taker",
        "Linda",
    ]);
    env.ok(&[
        "note",
        "add",
        e,
        "ethics",
        "Carlos Oliveira: start small",
        "--by",
        "Linda",
    ]);
}

/// The part of a write-up about one session: from its heading to the next.
pub fn section<'a>(document: &'a str, heading: &str) -> &'a str {
    let start = document
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading:?} in {document}"));
    let rest = &document[start + heading.len()..];
    let end = rest.find("\n## ").map_or(rest.len(), |at| at + 1);
    &document[start..start + heading.len() + end]
}

/// Every name and every part of a name, to search for.
pub fn name_parts() -> Vec<String> {
    let mut parts: Vec<String> = NAMES.iter().map(|n| n.to_string()).collect();
    for name in NAMES {
        parts.extend(
            name.split_whitespace()
                .filter(|p| *p != "Council")
                .map(String::from),
        );
    }
    parts
}
