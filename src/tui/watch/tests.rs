//! The watcher sees files that another process renames into the event
//! folder, the way sync tools and unconf itself write them.

use std::path::Path;
use std::process::{Command, Stdio};

use chrono::DateTime;

use super::*;
use crate::model::{Change, EventInfo, Pitch, Record};
use crate::store::{Clock, Disk, EventFolder, Identity, Replica};

/// Long enough for a loaded machine; the test ends as soon as events come.
const GENEROUS: Duration = Duration::from_secs(20);

fn clock() -> Clock {
    Clock::Fixed(DateTime::parse_from_rfc3339("2026-11-27T13:00:00+00:00").unwrap_or_default())
}

fn open_event(root: &Path) -> (Disk, Replica) {
    let info = EventInfo {
        name: "Day".into(),
        ..EventInfo::default()
    };
    let me = Identity::from_label("organiser", "Sam");
    let folder = EventFolder::create(root, info, me, clock()).expect("created");
    folder.into_parts()
}

/// The text of another laptop's file holding one new pitch.
fn other_laptops_file(organiser: &Replica, title: &str) -> String {
    let me = Identity::from_label("breakout laptop", "Kim");
    let mut other = Replica::new(organiser.event().id.clone(), me, true);
    other.absorb(organiser.own_file(), crate::store::Source::Other);
    let id = other.new_id(clock().now_utc());
    let pitch = Record::Pitch(Pitch {
        title: title.into(),
        ..Pitch::default()
    });
    other
        .commit(vec![Change::put(id, pitch)], clock().now_utc())
        .expect("committed");
    other.own_file().to_text().expect("written as RON")
}

/// Another process writes `text` to `temporary`, then renames it onto `target`.
fn another_process_renames(text: &str, temporary: &Path, target: &Path) {
    let mut child = Command::new("sh")
        .args(["-c", r#"cat > "$1" && mv "$1" "$2""#, "sh"])
        .arg(temporary)
        .arg(target)
        .stdin(Stdio::piped())
        .spawn()
        .expect("sh runs");
    if let Some(mut stdin) = child.stdin.take() {
        std::io::Write::write_all(&mut stdin, text.as_bytes()).expect("piped");
    }
    assert!(child.wait().expect("sh ends").success());
}

/// Waits for the watcher to name `target`, then reads the folder.
fn picked_up(watch: &mut Watch, target: &Path) -> bool {
    let deadline = Instant::now() + GENEROUS;
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        let paths = watch.wait_for_change(left);
        if paths.iter().any(|p| p.file_name() == target.file_name()) {
            return true;
        }
    }
    false
}

#[test]
fn a_file_renamed_into_place_from_outside_the_folder_is_seen() {
    let root = tempfile::tempdir().expect("temp dir");
    let (mut disk, mut replica) = open_event(root.path());
    let dir = disk.dir().to_path_buf();
    let mut watch = Watch::new(&dir);
    let text = other_laptops_file(&replica, "From the breakout");
    let target = dir.join("breakout-laptop-kim.ron");
    another_process_renames(&text, &root.path().join("incoming.part"), &target);
    assert!(picked_up(&mut watch, &target), "no event for {target:?}");
    let report = disk.reload(&mut replica);
    assert_eq!(report.new_versions, 1, "{report:?}");
    assert!(
        replica
            .event()
            .pitches
            .values()
            .any(|p| p.title == "From the breakout")
    );
}

#[test]
fn a_file_written_under_a_temporary_name_in_the_folder_then_renamed_is_seen() {
    let root = tempfile::tempdir().expect("temp dir");
    let (mut disk, mut replica) = open_event(root.path());
    let dir = disk.dir().to_path_buf();
    let mut watch = Watch::new(&dir);
    let text = other_laptops_file(&replica, "Written like Syncthing does");
    let target = dir.join("breakout-laptop-kim.ron");
    another_process_renames(
        &text,
        &dir.join(".syncthing.breakout-laptop-kim.ron.tmp"),
        &target,
    );
    assert!(picked_up(&mut watch, &target), "no event for {target:?}");
    assert_eq!(disk.reload(&mut replica).new_versions, 1);
    assert!(
        !dir.join(".syncthing.breakout-laptop-kim.ron.tmp").exists(),
        "the temporary name is gone"
    );
}

#[test]
fn opening_and_reading_files_is_not_a_change_but_writing_them_is() {
    use notify::event::{CreateKind, ModifyKind, RemoveKind, RenameMode};
    let event = |kind| notify::Event::new(kind).add_path("/day/kim.ron".into());
    assert!(!matters(&event(EventKind::Access(AccessKind::Open(
        AccessMode::Any
    )))));
    assert!(!matters(&event(EventKind::Access(AccessKind::Close(
        AccessMode::Read
    )))));
    assert!(matters(&event(EventKind::Access(AccessKind::Close(
        AccessMode::Write
    )))));
    assert!(matters(&event(EventKind::Create(CreateKind::File))));
    assert!(matters(&event(EventKind::Modify(ModifyKind::Name(
        RenameMode::To
    )))));
    assert!(matters(&event(EventKind::Modify(ModifyKind::Any))));
    assert!(matters(&event(EventKind::Remove(RemoveKind::File))));
}
