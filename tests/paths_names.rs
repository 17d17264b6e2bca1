//! Paths made from what users type: event names such as `../../x`, `CON`,
//! `a/b`, names with NUL and 300-character names become safe, unique
//! folder names right inside the sessions folder, and no command writes
//! anywhere but the sessions folder, the exports folder or the path the
//! user named.

mod common;
mod crash_kit;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::{Env, files};
use crash_kit::{Home, clock};
use unconf::model::EventInfo;
use unconf::model::slug::{MAX_LEN, slugify};
use unconf::store::{EventFolder, Identity};

const HOSTILE: [&str; 12] = [
    "../../x",
    "..",
    ".",
    "/etc/passwd",
    "a/b",
    "a\\b\\..\\..\\c",
    "CON",
    "nul.txt",
    "COM1",
    "~root",
    "-rf --no-preserve-root",
    "C:\\Windows\\System32",
];

fn is_safe(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_LEN + 6
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.starts_with('-')
}

/// Every path under `root` that was added or changed, relative to it.
fn written(
    before: &std::collections::BTreeMap<PathBuf, Vec<u8>>,
    root: &Path,
) -> BTreeSet<PathBuf> {
    files(root)
        .into_iter()
        .filter(|(p, bytes)| before.get(p) != Some(bytes))
        .map(|(p, _)| p)
        .collect()
}

#[test]
fn hostile_event_names_become_safe_unique_folders_in_sessions() {
    let env = Env::new();
    let mut long = "ü".repeat(150);
    long.push_str(&"x".repeat(150));
    let mut names: Vec<String> = HOSTILE.iter().map(|s| (*s).to_string()).collect();
    names.push(long);
    names.push("../../x".into());
    let before = files(env.root());
    for name in &names {
        env.ok(&["new", "--", name]);
    }
    let folders: Vec<String> = std::fs::read_dir(env.sessions())
        .expect("sessions")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        folders.len(),
        names.len(),
        "one new folder each: {folders:?}"
    );
    for folder in &folders {
        assert!(is_safe(folder), "{folder:?}");
    }
    for path in written(&before, env.root()) {
        // The event folders, or this machine's own state (named by ids).
        assert!(
            path.starts_with("sessions") || path.starts_with(".local/state/unconf"),
            "written outside sessions: {}",
            path.display()
        );
    }
    assert!(!env.root().join("x").exists() && !env.root().parent().expect("up").join("x").exists());
}

#[test]
fn names_the_command_line_cannot_carry_are_safe_too() {
    let home = Home::new();
    for name in [
        "nul\0byte",
        "\0",
        "tab\tand\nnewline",
        "\u{202e}gnp.exe",
        "   ",
    ] {
        let info = EventInfo {
            name: name.into(),
            ..EventInfo::default()
        };
        let me = Identity::from_label("organiser", "organiser");
        let folder = EventFolder::create(&home.sessions(), info, me, clock()).expect("created");
        let folder_name = folder
            .dir()
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a name");
        assert!(is_safe(folder_name), "{name:?} -> {folder_name:?}");
        assert_eq!(folder.dir().parent(), Some(home.sessions().as_path()));
    }
    assert_eq!(slugify(&"x".repeat(300)).len(), MAX_LEN);
}

#[test]
fn device_labels_never_leave_the_event_folder() {
    let env = Env::new();
    env.ok(&["new", "Label day"]);
    let before = files(env.root());
    for label in ["../../escaped", "/tmp/abs", "a/b", "CON", "..", "\u{1b}[2J"] {
        env.ok_as(
            (label, "Someone"),
            &["pitch", "add", "label-day", "A pitch"],
        );
    }
    for path in written(&before, env.root()) {
        // The device file in the event folder, or this machine's own
        // record of the runs (named by the device id, never the label).
        assert!(
            path.starts_with("sessions/label-day") || path.starts_with(".local/state/unconf"),
            "{}",
            path.display()
        );
        let name = path.file_name().and_then(|n| n.to_str()).expect("a name");
        assert!(!name.contains(".."), "{name}");
        assert!(
            path.components().all(|c| c.as_os_str() != ".."),
            "{}",
            path.display()
        );
    }
}

#[test]
fn a_hand_edited_device_id_never_leaves_the_event_folder() {
    let env = Env::new();
    env.ok(&["new", "Config day"]);
    let config = env.root().join("config").join("unconf");
    std::fs::create_dir_all(&config).expect("config");
    std::fs::write(
        config.join("device.ron"),
        "(device: \"../../../escaped\", label: \"laptop\", author: \"Sam\")",
    )
    .expect("a hand-edited identity");
    let before = files(env.root());
    let output = env
        .command_at(("", ""), &env.now())
        .env_remove("UNCONF_DEVICE")
        .env_remove("UNCONF_AUTHOR")
        .args(["pitch", "add", "config-day", "A pitch"])
        .output()
        .expect("runs");
    for path in written(&before, env.root()) {
        assert!(
            path.starts_with("sessions/config-day"),
            "written to {}: {output:?}",
            path.display()
        );
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("may hold only lower-case letters and digits"),
        "{stderr}"
    );
}

#[test]
fn export_writes_only_where_it_is_told() {
    let env = Env::new();
    env.ok(&["new", "Export day"]);
    env.ok(&["pitch", "add", "export-day", "A pitch"]);
    let before = files(env.root());
    env.ok(&["export", "export-day", "--out", "named/write-up.md"]);
    env.ok(&["export", "export-day", "--out", "folder/"]);
    let written = written(&before, env.root());
    let expected: BTreeSet<PathBuf> = ["named/write-up.md", "folder/export-day.md"]
        .iter()
        .map(PathBuf::from)
        .collect();
    assert_eq!(written, expected);
}
