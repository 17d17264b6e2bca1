//! `unconf resolve`: conflicts listed with their versions numbered as the
//! TUI numbers them, and keeping one ends the conflict here and, once the
//! other laptop merges this one's file, there too.

mod common;

use common::{Env, copy_tree};

const KIM: (&str, &str) = ("kim-laptop", "Kim");

/// The organiser and Kim (on a copy of the folder) write the same session's
/// outcome apart; the organiser merges Kim's copy. Returns Kim's copy.
fn conflicting_outcomes(env: &Env) -> String {
    env.ok(&["new", "Resolve day", "--date", "2026-11-27"]);
    env.ok(&["room", "add", "resolve-day", "Library"]);
    env.ok(&[
        "slot",
        "add",
        "resolve-day",
        "10:00",
        "11:00",
        "--label",
        "Round 1",
    ]);
    env.ok(&["pitch", "add", "resolve-day", "Open standards"]);
    env.ok(&[
        "schedule",
        "resolve-day",
        "open standards",
        "--slot",
        "Round 1",
        "--room",
        "Library",
    ]);
    let copy = env.root().join("kims-copy");
    copy_tree(&env.event_dir("resolve-day"), &copy);
    let kims = copy.to_str().expect("a UTF-8 path").to_string();
    env.ok_as(
        KIM,
        &[
            "session",
            "set",
            &kims,
            "open standards",
            "--outcome",
            "Write to MHCLG",
        ],
    );
    env.ok(&[
        "session",
        "set",
        "resolve-day",
        "open standards",
        "--outcome",
        "A pilot with two councils",
    ]);
    env.ok(&["merge", "resolve-day", &kims]);
    kims
}

/// The listing without the versions' ids (`[k3j91] `), which name runs of
/// the laptops and so differ from run to run of the test.
fn without_version_ids(listing: &str) -> String {
    listing
        .lines()
        .map(|line| match (line.find(". ["), line.find("] ")) {
            (Some(open), Some(close)) if open < close => {
                format!("{}. {}\n", &line[..open], &line[close + 2..])
            }
            _ => format!("{line}\n"),
        })
        .collect()
}

/// The short id the listing gives the conflicted record.
fn short_id(listing: &str) -> String {
    let start = listing.find('(').expect("an id in brackets") + 1;
    listing[start..start + 8].to_string()
}

#[test]
fn conflicts_are_listed_with_numbered_versions_and_keeping_one_ends_them_everywhere() {
    let env = Env::new();
    let kims = conflicting_outcomes(&env);
    let listing = env.ok(&["resolve", "resolve-day"]);
    let id = short_id(&listing);
    assert_eq!(
        without_version_ids(&listing),
        format!(
            "Session \"Open standards\" ({id}): 2 versions of outcome\n  \
             1. Kim on kim-laptop (2026-11-27 09:06 UTC): Outcome: Write to MHCLG\n  \
             2. Georgina on organiser (2026-11-27 09:07 UTC): Outcome: A pilot with two councils\n  \
             Keep one: unconf resolve resolve-day {id} --keep N\n"
        )
    );
    let kept = env.ok(&["resolve", "resolve-day", &id.to_lowercase(), "--keep", "1"]);
    assert_eq!(
        kept,
        "Kept version 1 of session \"Open standards\" (by Kim on kim-laptop); it replaces the other here, and on every laptop that gets this laptop's file.\n"
    );
    assert_eq!(
        env.ok(&["resolve", "resolve-day"]),
        "\"Resolve day\": no conflicting versions.\n"
    );
    let write_up = env.ok(&["export", "resolve-day", "--out", "-"]);
    assert!(write_up.contains("Write to MHCLG"), "{write_up}");
    assert!(
        !write_up.contains("A pilot with two councils"),
        "{write_up}"
    );
    assert!(!write_up.contains("check before publishing"), "{write_up}");

    // Kim's laptop merges the organiser's file: no conflict there either.
    let organisers = env.event_dir("resolve-day");
    env.ok_as(KIM, &["merge", &kims, organisers.to_str().expect("UTF-8")]);
    assert_eq!(
        env.ok_as(KIM, &["resolve", &kims]),
        "\"Resolve day\": no conflicting versions.\n"
    );
    let check = env.run_as(KIM, &["check", &kims]);
    assert!(!check.stdout.contains("conflict"), "{check:?}");
}

#[test]
fn a_wrong_id_or_number_is_refused_and_nothing_is_written() {
    // `refused` checks that no file changed, too.
    let env = Env::new();
    conflicting_outcomes(&env);
    let id = short_id(&env.ok(&["resolve", "resolve-day"]));
    assert_eq!(
        env.refused(&["resolve", "resolve-day", "ZZZZZZZZ", "--keep", "1"]),
        "error: No record with conflicting versions has the id \"ZZZZZZZZ\" in \"Resolve day\"; `unconf resolve resolve-day` lists those that do."
    );
    assert_eq!(
        env.refused(&["resolve", "resolve-day", &id, "--keep", "3"]),
        "error: Session \"Open standards\" has versions 1 to 2, not 3; `unconf resolve resolve-day` lists them."
    );
    assert_eq!(
        env.refused(&["resolve", "resolve-day", &id, "--keep", "0"]),
        "error: Session \"Open standards\" has versions 1 to 2, not 0; `unconf resolve resolve-day` lists them."
    );
}

/// The conflicted record's id as the JSON export gives it: known without
/// `unconf resolve` listing the versions.
fn conflicted_id(env: &Env) -> String {
    let text = env.ok(&["export", "resolve-day", "--format", "json", "--out", "-"]);
    let export: serde_json::Value = serde_json::from_str(&text).expect("the export parses");
    let ids = export["conflicts"].as_array().expect("a list of conflicts");
    assert_eq!(ids.len(), 1, "{export}");
    ids[0].as_str().expect("an id").to_string()
}

/// The versions' ids as the listing prints them (`1. [k3j91] …`), in order.
fn version_ids(listing: &str) -> Vec<String> {
    listing
        .lines()
        .filter_map(|line| {
            let open = line.find(". [")? + 3;
            let close = open + line[open..].find(']')?;
            Some(line[open..close].to_string())
        })
        .collect()
}

#[test]
fn a_keep_before_this_laptop_listed_the_versions_is_refused_and_nothing_is_written() {
    let env = Env::new();
    conflicting_outcomes(&env);
    let id = conflicted_id(&env);
    // Kim's laptop lists them (the ids are the same on every laptop), but
    // the organiser's has not: what Kim saw is not what the organiser saw.
    let ids = version_ids(&env.ok_as(KIM, &["resolve", "resolve-day"]));
    assert_eq!(ids.len(), 2, "{ids:?}");
    let refusal = "error: A version of session \"Open standards\" is kept only after this laptop has listed them, so that keeping covers what you saw; `unconf resolve resolve-day` lists them.";
    for keep in ["1", "2", ids[0].as_str(), ids[1].as_str()] {
        // `refused` checks that no file changed, too.
        assert_eq!(
            env.refused(&["resolve", "resolve-day", &id, "--keep", keep]),
            refusal,
            "--keep {keep}"
        );
    }
    assert!(
        env.ok(&["resolve", "resolve-day"])
            .contains("2 versions of outcome"),
        "the conflict is still there"
    );
}

#[test]
fn a_version_id_as_the_listing_printed_it_keeps_that_version_in_any_case() {
    let env = Env::new();
    conflicting_outcomes(&env);
    let listing = env.ok(&["resolve", "resolve-day"]);
    let id = short_id(&listing);
    let ids = version_ids(&listing);
    assert_eq!(ids.len(), 2, "{listing}");
    // Version 1 is Kim's, the one the write-up does not show while the
    // conflict lasts (the organiser's is the later).
    let typed = ids[0].to_uppercase();
    assert!(
        typed.chars().any(|c| c.is_ascii_alphabetic()),
        "{typed} must differ from its lower case for this test"
    );
    let kept = env.ok(&["resolve", "resolve-day", &id, "--keep", &typed]);
    assert_eq!(
        kept,
        "Kept version 1 of session \"Open standards\" (by Kim on kim-laptop); it replaces the other here, and on every laptop that gets this laptop's file.\n"
    );
    assert_eq!(
        env.ok(&["resolve", "resolve-day"]),
        "\"Resolve day\": no conflicting versions.\n"
    );
    let write_up = env.ok(&["export", "resolve-day", "--out", "-"]);
    assert!(write_up.contains("Write to MHCLG"), "{write_up}");
    assert!(
        !write_up.contains("A pilot with two councils"),
        "{write_up}"
    );
}

#[test]
fn a_version_id_that_names_no_version_is_refused_and_nothing_is_written() {
    let env = Env::new();
    conflicting_outcomes(&env);
    let listing = env.ok(&["resolve", "resolve-day"]);
    let id = short_id(&listing);
    let ids = version_ids(&listing);
    let none = "zzzz9";
    assert!(!ids.contains(&none.to_string()), "{ids:?}");
    assert_eq!(
        env.refused(&["resolve", "resolve-day", &id, "--keep", none]),
        "error: Session \"Open standards\" has no version with the id \"zzzz9\"; `unconf resolve resolve-day` lists them."
    );
    // The listing still stands: a right id keeps.
    env.ok(&["resolve", "resolve-day", &id, "--keep", &ids[1]]);
    assert_eq!(
        env.ok(&["resolve", "resolve-day"]),
        "\"Resolve day\": no conflicting versions.\n"
    );
}
