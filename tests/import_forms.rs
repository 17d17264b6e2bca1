//! `unconf pitch import`: pitches from Google Forms and Microsoft Forms
//! exports, bad rows reported by line and skipped, nothing imported twice,
//! and `--dry-run` writing nothing.

mod common;

use common::{Env, assert_unchanged, files, fixture};

const EVENT: &str = "local-digital";

fn env_with_event() -> Env {
    let env = Env::new();
    env.ok(&["new", "Local digital", "--date", "2026-11-27"]);
    env.ok(&[
        "pitch",
        "add",
        EVENT,
        "A vendor community",
        "--by",
        "Georgina",
    ]);
    env
}

fn form(name: &str) -> String {
    fixture(&format!("import/{name}")).display().to_string()
}

fn titles(env: &Env) -> Vec<String> {
    let json = env.ok(&["pitch", "list", EVENT, "--format", "json"]);
    let pitches: serde_json::Value = serde_json::from_str(&json).expect("pitch list prints JSON");
    (pitches.as_array().expect("a list").iter())
        .map(|p| p["title"].as_str().expect("a title").to_string())
        .collect()
}

#[test]
fn a_google_forms_export_is_imported_with_bad_rows_reported() {
    let env = env_with_event();
    let out = env.ok(&["pitch", "import", EVENT, &form("google-forms.csv")]);
    let out = out.replace(&form("google-forms.csv"), "FILE");
    assert_eq!(
        out,
        "Imported 2 pitches from FILE into \"Local digital\":\n\
         \x20 line 2: Open standards for planning (Sam Jones, Acme Ltd), 12 votes\n\
         \x20 line 5: Data across borders, and why it is hard (Ade), 3 votes\n\
         Skipped line 6: the event already has a pitch called \"OPEN STANDARDS FOR PLANNING\".\n\
         Skipped line 4: its votes, \"lots\", are not a whole number.\n\
         Skipped line 7: it has 8 fields but the header has 7.\n\
         Ignored columns: \"Timestamp\", \"Email Address\".\n"
    );
    assert_eq!(
        titles(&env),
        [
            "A vendor community",
            "Open standards for planning",
            "Data across borders, and why it is hard"
        ]
    );
    let json = env.ok(&["pitch", "list", EVENT, "--format", "json"]);
    assert!(
        json.contains("Which standards, who owns them,\\nand how we start."),
        "{json}"
    );
    assert!(
        !json.contains("example.org"),
        "e-mail columns are ignored: {json}"
    );
}

#[test]
fn a_microsoft_forms_export_with_a_bom_is_imported() {
    let env = env_with_event();
    let out = env.ok(&["pitch", "import", EVENT, &form("microsoft-forms.csv")]);
    assert!(
        out.contains(
            "line 2: Pattern library for council services (Jo Bloggs, Anytown Council), 4 votes"
        ),
        "{out}"
    );
    assert!(
        out.contains("line 3: Responsible tech (Ade Okafor)\n"),
        "{out}"
    );
    assert!(out.contains("Skipped line 4: it has no title."), "{out}");
    let json = env.ok(&["pitch", "list", EVENT, "--format", "json"]);
    let pitches: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let library = &pitches[1];
    assert_eq!(
        library["pitched_by"][0]["name"], "Jo Bloggs",
        "the question, not the form account"
    );
    assert_eq!(library["tags"], serde_json::json!(["design", "patterns"]));
    assert_eq!(
        pitches[2]["description"],
        "What \"responsible\" means when you sell to councils"
    );
}

#[test]
fn importing_again_adds_nothing() {
    let env = env_with_event();
    env.ok(&["pitch", "import", EVENT, &form("microsoft-forms.csv")]);
    let before = files(env.root());
    let again = env.ok(&["pitch", "import", EVENT, &form("microsoft-forms.csv")]);
    assert!(again.starts_with("Imported 0 pitches from "), "{again}");
    assert!(again.contains("Skipped line 2: the event already has a pitch called \"Pattern library for council services\"."));
    let device_files = |f: &std::collections::BTreeMap<std::path::PathBuf, Vec<u8>>| {
        f.iter()
            .filter(|(p, _)| p.extension().is_some_and(|e| e == "ron"))
            .count()
    };
    assert_eq!(device_files(&before), device_files(&files(env.root())));
    assert_eq!(titles(&env).len(), 3);
}

#[test]
fn a_dry_run_shows_the_import_and_writes_nothing() {
    let env = env_with_event();
    let before = files(env.root());
    let out = env.ok(&[
        "pitch",
        "import",
        EVENT,
        &form("google-forms.csv"),
        "--dry-run",
    ]);
    assert!(out.starts_with("Would import 2 pitches from "), "{out}");
    assert_unchanged(&before, &files(env.root()), "a dry run");
    assert_eq!(titles(&env), ["A vendor community"]);
}

#[test]
fn a_file_without_a_title_column_or_not_utf8_is_refused() {
    let env = env_with_event();
    let bad = env.root().join("people.csv");
    std::fs::write(&bad, "Name,Email\nSam,sam@example.org\n").expect("write");
    let message = env.refused(&["pitch", "import", EVENT, &bad.display().to_string()]);
    assert!(message.contains("has no title column"), "{message}");
    std::fs::write(&bad, b"Title\nCaf\xe9\n").expect("write");
    let message = env.refused(&["pitch", "import", EVENT, &bad.display().to_string()]);
    assert!(message.contains("is not UTF-8 text"), "{message}");
    let message = env.refused(&["pitch", "import", EVENT, "missing.csv"]);
    assert!(
        message.starts_with("error: Could not read missing.csv"),
        "{message}"
    );
}
