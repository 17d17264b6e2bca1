//! Chatham House caught before it leaks, and one name per person: a public
//! export of a day with many people, each written in every form inside a
//! Chatham House session; `check` pointing at names the event does not
//! know; and every spelling of a person shown as one.

mod common;

use common::Env;

use common::{CHATHAM_DAY as DAY, CHATHAM_PEOPLE as PEOPLE, many_people};

/// `markdown`'s text from `heading` to the next session heading.
fn section<'a>(document: &'a str, heading: &str) -> &'a str {
    let start = document
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading:?}"));
    let rest = &document[start + heading.len()..];
    let end = rest.find("\n## ").map_or(rest.len(), |at| at + 1);
    &document[start..start + heading.len() + end]
}

#[test]
fn a_public_export_removes_every_form_of_every_known_name() {
    let env = Env::new();
    many_people(&env);
    let public = env.ok(&["export", DAY, "--public", "--with-notes", "--out", "-"]);
    let open_data = section(&public, "## Open data\n");
    let notes = section(&public, "### Notes from Open data\n");
    for person in PEOPLE {
        for part in std::iter::once(person).chain(person.split_whitespace()) {
            for text in [open_data, notes] {
                assert!(
                    !text.to_lowercase().contains(&part.to_lowercase()),
                    "{part:?} left in:\n{text}"
                );
            }
        }
    }
    assert!(
        open_data.contains("[name removed] spoke; [name removed] agreed with [name removed]"),
        "{open_data}"
    );
    // Outside the Chatham House session people are named as usual.
    let topic = section(&public, "## Topic 1\n");
    assert!(topic.contains("Pitched by Marcus Brown."), "{topic}");
    let internal = env.ok(&["export", DAY, "--out", "-"]);
    assert!(
        internal.contains("MARCUS BROWN"),
        "the internal write-up keeps it all"
    );
}

#[test]
fn check_points_at_names_the_event_does_not_know_and_export_counts_them() {
    let env = Env::new();
    many_people(&env);
    for note in [
        "Sarah Jones from Wakefield said the data is poor",
        "Ahmed from a small supplier told us to start small",
        "Leeds City Council and the Crown Commercial Service are on board",
        "The Local Digital Fund helps",
    ] {
        env.ok(&["note", "add", DAY, "open data", note]);
    }
    let run = env.run(&["check", DAY]);
    assert_eq!(run.code, 1, "{run:?}");
    let report = run.stdout;
    for expected in [
        "personal data: \"Sarah Jones\" in the text of note \"Sarah Jones from Wakefield said the dat…\" of session \"Open data\", held under the Chatham House Rule, probably names a person; a public export keeps it, so check it: \"Sarah Jones from Wakefield said the data…\".",
        "personal data: \"Ahmed\" in the text of note ",
    ] {
        assert!(
            report.contains(expected),
            "missing {expected:?} in\n{report}"
        );
    }
    for false_friend in [
        "Leeds City",
        "Crown Commercial",
        "Local Digital",
        "City Council",
    ] {
        assert!(
            !report.contains(&format!("\"{false_friend}")),
            "{false_friend} is not a person:\n{report}"
        );
    }
    std::fs::create_dir_all(env.root().join("exports")).expect("exports/");
    let said = env.ok(&["export", DAY, "--public"]);
    assert_eq!(
        said,
        "Wrote the public version of the write-up to exports/many-people-public.md.\nLeft 2 probable names in Chatham House sessions for review; `unconf check` lists them.\n"
    );
    let run = env.run(&["export", DAY, "--public", "--out", "-"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stderr,
        "Left 2 probable names in Chatham House sessions for review; `unconf check` lists them.\n"
    );
    assert!(
        run.stdout.contains("Ahmed from a small supplier told us"),
        "left for review, not removed"
    );
}

#[test]
fn every_spelling_of_a_person_shows_as_one() {
    let env = Env::new();
    let e = "spellings";
    env.ok(&["new", "Spellings", "--date", "2026-06-14"]);
    env.ok(&["room", "add", e, "Library"]);
    env.ok(&["room", "add", e, "Hall"]);
    env.ok(&["slot", "add", e, "10:15", "11:00", "--label", "Round 1"]);
    env.ok(&["pitch", "add", e, "Open data", "--by", "jo  bloggs"]);
    env.ok(&["pitch", "add", e, "Ethics", "--by", "Jo Bloggs"]);
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
        "schedule", e, "ethics", "--slot", "Round 1", "--room", "Hall",
    ]);
    env.ok(&[
        "note",
        "add",
        e,
        "ethics",
        "Start small",
        "--by",
        "JO BLOGGS",
    ]);
    env.ok(&[
        "action",
        "add",
        e,
        "ethics",
        "Write it up",
        "--owner",
        "jo bloggs",
    ]);
    let write_up = env.ok(&["export", e, "--with-notes", "--out", "-"]);
    assert!(
        !write_up
            .to_lowercase()
            .replace("jo bloggs", "")
            .contains("bloggs"),
        "{write_up}"
    );
    assert_eq!(
        write_up.matches("Jo Bloggs").count(),
        write_up.to_lowercase().matches("jo bloggs").count(),
        "{write_up}"
    );
    let check = env.run(&["check", e]).stdout;
    assert!(
        check.contains("clash: Jo Bloggs "),
        "one person, pitching two sessions at once: {check}"
    );
}
