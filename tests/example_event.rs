//! The example event shipped in `sessions/` opens, is clean, and its
//! write-up in `exports/` is up to date.

mod common;

use std::path::Path;

use assert_cmd::Command;
use common::EXAMPLE as SLUG;

/// Runs unconf on a copy of the example event as shipped, so that neither
/// a newcomer's play in `sessions/` changes what is tested nor a test
/// writes there.
fn unconf(home: &Path) -> Command {
    let sessions = home.join("sessions");
    if !sessions.exists() {
        common::copy_example(&sessions.join(SLUG));
    }
    let mut cmd = Command::cargo_bin("unconf").expect("the binary is built");
    cmd.env("UNCONF_HOME", sessions)
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
    common::assert_is_the_shipped_write_up(&String::from_utf8_lossy(&output.stdout));
}

/// The web page and the wall poster shipped beside the Markdown are what
/// this build writes, so the examples a newcomer opens in a browser are
/// never stale.
#[test]
fn the_shipped_web_page_and_poster_match_the_example_event() {
    let home = tempfile::tempdir().expect("temp dir");
    for (what, name) in [
        (None, format!("{SLUG}.html")),
        (Some("programme"), format!("{SLUG}-programme.html")),
    ] {
        let mut cmd = unconf(home.path());
        cmd.args(["export", SLUG, "--format", "html", "--out", "-"]);
        if let Some(what) = what {
            cmd.args(["--what", what]);
        }
        let output = cmd.output().expect("runs");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        common::assert_is_the_shipped_export(&name, &String::from_utf8_lossy(&output.stdout));
    }
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
