use std::path::PathBuf;

use chrono::DateTime;

use super::*;
use crate::model::{Change, EventInfo, Pitch, Record};

fn clock() -> Clock {
    Clock::Fixed(DateTime::parse_from_rfc3339("2026-11-27T12:00:00+00:00").unwrap_or_default())
}

fn me(label: &str) -> Identity {
    Identity::from_label(label, label)
}

fn sh(dir: &Path, args: &[&str]) {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=t@example.invalid"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn add(dir: &Path, who: &str, title: &str) {
    let mut folder = EventFolder::open(dir, me(who), clock(), Access::Write).expect("open");
    let id = folder.new_id();
    let pitch = Record::Pitch(Pitch {
        title: title.into(),
        ..Pitch::default()
    });
    folder.commit(vec![Change::put(id, pitch)]).expect("commit");
}

fn titles(dir: &Path) -> Vec<String> {
    let folder = EventFolder::open(dir, me("reader"), clock(), Access::Read).expect("open");
    let mut titles: Vec<String> = folder
        .event()
        .pitches
        .values()
        .map(|p| p.title.clone())
        .collect();
    titles.sort();
    titles
}

/// A bare repository as the remote (a file path: nothing touches the
/// network) and two clones, each with the event folder.
fn setup(root: &Path) -> (PathBuf, PathBuf) {
    let bare = root.join("remote.git");
    std::fs::create_dir_all(&bare).expect("dir");
    sh(&bare, &["init", "-q", "--bare", "-b", "main"]);
    let first = root.join("organiser");
    sh(
        root,
        &[
            "clone",
            "-q",
            &bare.to_string_lossy(),
            &first.to_string_lossy(),
        ],
    );
    sh(&first, &["checkout", "-q", "-b", "main"]);
    let event = EventFolder::create(
        &first.join("sessions"),
        EventInfo {
            name: "Day".into(),
            ..EventInfo::default()
        },
        me("organiser"),
        clock(),
    )
    .expect("created")
    .dir()
    .to_path_buf();
    sh(&first, &["add", "."]);
    sh(&first, &["commit", "-q", "-m", "start"]);
    sh(&first, &["push", "-q", "-u", "origin", "main"]);
    let second = root.join("taker");
    sh(
        root,
        &[
            "clone",
            "-q",
            &bare.to_string_lossy(),
            &second.to_string_lossy(),
        ],
    );
    let slug = event
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    (event, second.join("sessions").join(slug))
}

#[test]
fn two_clones_see_each_others_notes() {
    let root = tempfile::tempdir().expect("temp dir");
    let (organiser, taker) = setup(root.path());
    add(&organiser, "organiser", "From the organiser");
    add(&taker, "taker", "From the breakout");
    let first = sync(&organiser, me("organiser"), clock()).expect("organiser syncs");
    assert!(first.committed);
    let second = sync(&taker, me("taker"), clock()).expect("taker syncs");
    assert!(second.committed);
    assert_eq!(second.received, 1, "{second:?}");
    sync(&organiser, me("organiser"), clock()).expect("organiser syncs again");
    assert_eq!(titles(&organiser), titles(&taker));
    assert_eq!(titles(&organiser).len(), 2);
    // Nothing but device files in the event folder: no `.gitignore` needed
    // to keep locks, drafts or backups out of the repository.
    for clone in [&organiser, &taker] {
        let status = Command::new("git")
            .arg("-C")
            .arg(clone)
            .args(["status", "--porcelain", "--untracked-files=all"])
            .output()
            .expect("git runs");
        assert_eq!(String::from_utf8_lossy(&status.stdout), "", "{clone:?}");
    }
}

#[test]
fn outside_a_work_tree_the_error_says_what_to_do() {
    let root = tempfile::tempdir().expect("temp dir");
    let event = EventFolder::create(
        root.path(),
        EventInfo {
            name: "Day".into(),
            ..EventInfo::default()
        },
        me("organiser"),
        clock(),
    )
    .expect("created")
    .dir()
    .to_path_buf();
    let error = sync(&event, me("organiser"), clock()).expect_err("refused");
    assert!(
        error.to_string().contains("not inside a git work tree"),
        "{error}"
    );
}

#[test]
fn without_a_remote_the_error_says_so() {
    let root = tempfile::tempdir().expect("temp dir");
    sh(root.path(), &["init", "-q"]);
    let event = EventFolder::create(
        &root.path().join("sessions"),
        EventInfo {
            name: "Day".into(),
            ..EventInfo::default()
        },
        me("organiser"),
        clock(),
    )
    .expect("created")
    .dir()
    .to_path_buf();
    let error = sync(&event, me("organiser"), clock()).expect_err("refused");
    assert!(error.to_string().contains("has no remote"), "{error}");
}

#[test]
fn an_unreachable_remote_keeps_the_local_commit() {
    let root = tempfile::tempdir().expect("temp dir");
    let (organiser, _) = setup(root.path());
    let remote = root.path().join("remote.git");
    std::fs::rename(&remote, root.path().join("gone.git")).expect("remote gone");
    add(&organiser, "organiser", "Written offline");
    let error = sync(&organiser, me("organiser"), clock()).expect_err("refused");
    assert!(error.to_string().contains("committed locally"), "{error}");
}

#[test]
fn conflict_markers_left_in_a_device_file_are_never_reported_as_success() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("laptop-a-12345678.ron");
    std::fs::write(
        &file,
        "<<<<<<< HEAD\n(format: \"unconf\")\n=======\n>>>>>>> theirs\n",
    )
    .expect("write");
    let refused = refuse_conflicts(dir.path()).expect_err("a conflict is left");
    let message = refused.to_string();
    assert!(message.contains("laptop-a-12345678.ron"), "{message}");
    assert!(message.contains("git status"), "{message}");
    std::fs::write(&file, "(format: \"unconf\")\n").expect("write");
    assert!(refuse_conflicts(dir.path()).is_ok());
}
