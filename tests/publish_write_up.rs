//! The write-ups staff publish: golden snapshots of the example event's
//! internal and public write-ups, the Chatham House Rule, redaction,
//! `check`'s list of personal data, and `--split`.

mod common;
mod publish_day;

use common::{Env, names};
use publish_day::{CONTACTS, COUNCIL, EXAMPLE, council_day, example, name_parts, section};

#[test]
fn the_example_event_write_ups_match_their_snapshots() {
    let env = Env::new();
    example(&env);
    let internal = env.ok(&["export", EXAMPLE, "--out", "-"]);
    insta::assert_snapshot!("example_internal", internal);
    let public = env.ok(&["export", EXAMPLE, "--public", "--out", "-"]);
    insta::assert_snapshot!("example_public", public);
    common::assert_is_the_shipped_write_up(&internal);
}

#[test]
fn a_chatham_house_session_names_nobody_in_the_public_write_up() {
    let env = Env::new();
    council_day(&env);
    let internal = env.ok(&["export", COUNCIL, "--with-notes", "--out", "-"]);
    let public = env.ok(&["export", COUNCIL, "--public", "--with-notes", "--out", "-"]);
    let open_data = section(&public, "## Open data\n");
    for name in name_parts() {
        assert!(
            !open_data.to_lowercase().contains(&name.to_lowercase()),
            "{name:?} is in the Chatham House session:\n{open_data}"
        );
    }
    let internal_open_data = section(&internal, "## Open data\n");
    for name in [
        "Priya Shah",
        "Anytown Council",
        "Georgina Maratheftis",
        "Sam Jones",
        "Marcus",
    ] {
        assert!(
            internal_open_data.contains(name),
            "{name} is in the internal write-up"
        );
    }
    assert!(
        open_data.contains("Held under the Chatham House Rule."),
        "{open_data}"
    );
    assert!(
        open_data
            .contains("[name removed] said councils publish too little; [name removed] agreed."),
        "{open_data}"
    );
    assert!(
        open_data.contains("12 attended this session."),
        "{open_data}"
    );
    assert!(
        open_data.contains("before 10:30am on 4 December 2026"),
        "dates and times stay: {open_data}"
    );
    let appendix = section(&public, "### Notes from Open data\n");
    assert!(
        appendix.contains(", point: [name removed] thinks 400 datasets is a start"),
        "{appendix}"
    );
    for contact in CONTACTS {
        assert!(
            !public.contains(contact),
            "{contact} is in the public write-up"
        );
    }
    assert!(public.contains("[email address removed]"), "{public}");
    assert!(public.contains("[phone number removed]"), "{public}");
    assert!(
        !public.contains("Nadia is leaving"),
        "private notes are left out"
    );
    assert!(
        internal.contains("Nadia is leaving"),
        "the internal appendix keeps them, marked"
    );
    let ethics = section(&public, "## Ethics\n");
    assert!(ethics.contains("Pitched by Marcus Brown."), "{ethics}");
    assert!(
        ethics.contains("Facilitated by Carlos Oliveira."),
        "{ethics}"
    );
    assert!(ethics.contains("Notes taken by Linda."), "{ethics}");
}

#[test]
fn check_lists_the_personal_data_a_public_export_would_redact() {
    let env = Env::new();
    council_day(&env);
    let run = env.run(&["check", COUNCIL]);
    assert_eq!(run.code, 1, "{run:?}");
    let report = run.stdout;
    for expected in [
        "personal data: an e-mail address \"priya.shah@anytown.gov.uk\" in the description of pitch \"Open data\" is redacted in a public export.",
        "personal data: a phone number \"07700 900123\" in the description of pitch \"Open data\" is redacted in a public export.",
        "personal data: a phone number \"+44 20 7946 0958\" in the outcome of session \"Open data\" is redacted in a public export.",
        "personal data: the name \"Priya Shah\" in the summary of session \"Open data\", held under the Chatham House Rule, is removed in a public export.",
        "personal data: the name \"Marcus\" in the summary of session \"Open data\", held under the Chatham House Rule, is removed in a public export.",
        "personal data: an e-mail address \"sam@example.org\" in the text of note \"Write to sam@example.org\" is redacted in a public export.",
        "personal data: the name \"Priya\" in the text of action \"Priya to draft a charter\" of session \"Open data\", held under the Chatham House Rule, is removed in a public export.",
    ] {
        assert!(
            report.contains(expected),
            "missing {expected:?} in\n{report}"
        );
    }
    assert!(
        !report.contains("Nadia"),
        "private notes are not published, so not listed: {report}"
    );
    assert!(
        !report.contains("Carlos Oliveira: start small"),
        "names outside Chatham House sessions are fine: {report}"
    );
}

#[test]
fn split_writes_one_file_per_session_and_an_index_inside_the_folder() {
    let env = Env::new();
    council_day(&env);
    std::fs::create_dir_all(env.root().join("exports")).expect("exports/");
    let out = env.ok(&["export", COUNCIL, "--split", "--public", "--with-notes"]);
    assert_eq!(
        out,
        "Wrote the public version of the write-up, split into index.md and 2 session files, to exports/council-day-public.\nNo probable names were left in Chatham House sessions.\n"
    );
    let dir = env.root().join("exports/council-day-public");
    let names = names(&dir);
    assert_eq!(
        names,
        [
            ".unconf-split",
            "01-round-1-library-open-data.md",
            "02-round-2-library-ethics.md",
            "index.md"
        ]
    );
    let index = std::fs::read_to_string(dir.join("index.md")).expect("index");
    assert!(index.starts_with("# Council day\n"), "{index}");
    assert!(
        index.contains(
            "- [Open data](01-round-1-library-open-data.md): Library, Round 1, 10:30am to 11:30am\n"
        ),
        "{index}"
    );
    let session =
        std::fs::read_to_string(dir.join("01-round-1-library-open-data.md")).expect("a session");
    assert!(
        session.starts_with(
            "# Open data\n\nFrom Council day, 27 November 2026. [Back to the index](index.md).\n"
        ),
        "{session}"
    );
    assert!(session.contains("\n## Notes\n"), "{session}");
    for name in name_parts() {
        assert!(
            !session.to_lowercase().contains(&name.to_lowercase()),
            "{name} in {session}"
        );
    }
    let refused = env.refused(&["export", COUNCIL, "--split", "--out", "-"]);
    assert!(refused.contains("give a folder with --out"), "{refused}");
    let refused = env.refused(&["export", COUNCIL, "--split", "--format", "ics"]);
    assert!(
        refused.contains("--split only applies to the write-up (--format md or html)"),
        "{refused}"
    );
}

/// A session moved, renamed or deleted since the last split export leaves
/// its old file behind, which a group could take for current. The next
/// export removes the files the last one wrote and this one did not, and
/// nothing else: a file someone put in the folder themselves stays.
#[test]
fn a_second_split_removes_its_own_stale_files_and_nothing_else() {
    let env = Env::new();
    council_day(&env);
    let out_dir = env.root().join("handouts");
    let out = out_dir.display().to_string();
    env.ok(&["export", COUNCIL, "--split", "--out", &out]);
    // As if the last export had written a session that has since moved.
    let manifest = out_dir.join(".unconf-split");
    let mut listed = std::fs::read_to_string(&manifest).expect("the list of files written");
    assert!(
        listed.contains("01-round-1-library-open-data.md\n"),
        "{listed}"
    );
    listed.push_str("03-round-3-garden-old-title.md\n");
    std::fs::write(&manifest, listed).expect("manifest");
    std::fs::write(out_dir.join("03-round-3-garden-old-title.md"), "old").expect("stale");
    std::fs::write(out_dir.join("04-my-own-notes.md"), "mine").expect("own");

    let said = env.ok(&["export", COUNCIL, "--split", "--out", &out]);
    assert!(
        said.ends_with("; removed 1 file left from an earlier export.\n"),
        "{said}"
    );
    assert_eq!(
        names(&out_dir),
        [
            ".unconf-split",
            "01-round-1-library-open-data.md",
            "02-round-2-library-ethics.md",
            "04-my-own-notes.md",
            "index.md"
        ]
    );
    let again = env.ok(&["export", COUNCIL, "--split", "--out", &out]);
    assert!(!again.contains("removed"), "{again}");
}

#[test]
fn split_file_names_stay_inside_the_folder_whatever_the_titles() {
    let env = Env::new();
    env.ok(&["new", "Odd names", "--date", "2026-11-27"]);
    env.ok(&["room", "add", "odd-names", "../../etc"]);
    env.ok(&[
        "slot",
        "add",
        "odd-names",
        "10:00",
        "11:00",
        "--label",
        "/tmp/x",
    ]);
    env.ok(&["pitch", "add", "odd-names", "..\\..\\windows\\system32"]);
    env.ok(&[
        "schedule",
        "odd-names",
        "windows",
        "--slot",
        "10:00",
        "--room",
        "../../etc",
    ]);
    let out_dir = env.root().join("handouts");
    env.ok(&[
        "export",
        "odd-names",
        "--split",
        "--out",
        &out_dir.display().to_string(),
    ]);
    let names = names(&out_dir);
    assert!(
        names.contains(&"01-tmp-x-etc-windows-system32.md".to_string()),
        "{names:?}"
    );
    assert_eq!(names.len(), 3, "index, the session and the list: {names:?}");
    assert!(!env.root().join("etc").exists() && !env.root().join("x.md").exists());
}
