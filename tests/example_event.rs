//! The example event shipped in `sessions/` opens, is clean, and its
//! write-up in `exports/` is up to date.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const SLUG: &str = "supplier-response-to-the-local-digital-declaration";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn unconf(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("unconf").expect("the binary is built");
    cmd.env("UNCONF_HOME", repo().join("sessions"))
        .env("UNCONF_DEVICE", "example-test")
        .env("UNCONF_AUTHOR", "Test")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("UNCONF_NOW");
    cmd
}

#[test]
fn the_shipped_write_up_matches_the_example_event() {
    let home = tempfile::tempdir().expect("temp dir");
    let output = unconf(home.path())
        .args(["export", SLUG, "--out", "-"])
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let shipped = std::fs::read_to_string(repo().join("exports").join(format!("{SLUG}.md")))
        .expect("exports/ holds the example write-up");
    assert!(
        String::from_utf8_lossy(&output.stdout) == shipped,
        "exports/{SLUG}.md is stale; run scripts/example-event.sh to rebuild it"
    );
}

#[test]
fn the_example_event_lists_its_pitches_and_has_no_broken_files() {
    let home = tempfile::tempdir().expect("temp dir");
    let output = unconf(home.path())
        .args(["pitch", "list", SLUG, "--format", "json"])
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let pitches: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("pitch list prints JSON");
    assert_eq!(pitches.as_array().map(Vec::len), Some(10));
    let check = unconf(home.path())
        .args(["check", SLUG])
        .output()
        .expect("runs");
    // The two afternoon sessions have nothing recorded in the article, and
    // check says so; nothing else is wrong.
    let report = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(1), "{report}");
    assert_eq!(
        report
            .lines()
            .filter(|l| l.starts_with("no notes:"))
            .count(),
        2,
        "{report}"
    );
    assert_eq!(report.lines().count(), 2, "{report}");
}
