use chrono::DateTime;

use super::*;
use crate::model::{Change, EventInfo, Pitch, Record};
use crate::store::{Access, Clock, EventFolder, Identity};

fn clock() -> Clock {
    Clock::Fixed(DateTime::parse_from_rfc3339("2026-11-27T13:00:00+00:00").unwrap_or_default())
}

fn me(label: &str) -> Identity {
    Identity::from_label(label, label)
}

fn pitch(title: &str) -> Record {
    Record::Pitch(Pitch {
        title: title.into(),
        ..Pitch::default()
    })
}

fn open_event(root: &Path) -> (Disk, Replica) {
    let info = EventInfo {
        name: "Day".into(),
        ..EventInfo::default()
    };
    let folder = EventFolder::create(root, info, me("organiser"), clock()).expect("created");
    folder.into_parts()
}

/// Another laptop writes its file the way sync tools do: a temporary name,
/// then a rename into place.
fn other_device_writes(dir: &Path, title: &str) {
    let mut other = EventFolder::open(dir, me("taker"), clock(), Access::Write).expect("open");
    let id = other.new_id();
    other
        .commit(vec![Change::put(id, pitch(title))])
        .expect("commit");
}

#[test]
fn a_file_renamed_into_place_by_another_device_is_picked_up() {
    let root = tempfile::tempdir().expect("temp dir");
    let (mut disk, mut replica) = open_event(root.path());
    let dir = disk.dir().to_path_buf();
    assert_eq!(disk.reload(&mut replica), Reload::default());
    other_device_writes(&dir, "From the breakout");
    let report = disk.reload(&mut replica);
    assert_eq!(report.new_versions, 1, "{report:?}");
    assert_eq!(report.from, vec!["taker".to_string()]);
    assert_eq!(replica.event().pitches.len(), 1);
    assert_eq!(
        disk.reload(&mut replica),
        Reload::default(),
        "nothing new the second time"
    );
}

#[test]
fn own_writes_are_not_mistaken_for_another_devices() {
    let root = tempfile::tempdir().expect("temp dir");
    let (mut disk, mut replica) = open_event(root.path());
    let id = replica.new_id(clock().now_utc());
    replica
        .commit(vec![Change::put(id, pitch("Mine"))], clock().now_utc())
        .expect("commit");
    disk.save(&replica).expect("saved");
    assert_eq!(disk.reload(&mut replica), Reload::default());
}

#[test]
fn a_half_written_file_keeps_the_last_good_state_and_is_read_again() {
    let root = tempfile::tempdir().expect("temp dir");
    let (mut disk, mut replica) = open_event(root.path());
    let dir = disk.dir().to_path_buf();
    other_device_writes(&dir, "First");
    disk.reload(&mut replica);
    let taker = disk
        .files()
        .iter()
        .find(|f| f.label == "taker")
        .map(|f| f.path.clone())
        .expect("the taker's file");
    let whole = std::fs::read(&taker).expect("read");
    std::fs::write(&taker, &whole[..whole.len() / 2]).expect("half written");
    let report = disk.reload(&mut replica);
    assert!(report.problems_changed);
    assert_eq!(disk.problems().len(), 1);
    assert_eq!(replica.event().pitches.len(), 1, "nothing lost");
    std::fs::write(&taker, &whole).expect("whole again");
    let report = disk.reload(&mut replica);
    assert!(report.problems_changed);
    assert!(disk.problems().is_empty());
}

#[test]
fn own_conflict_copies_are_folded_in_and_moved_to_the_trash() {
    let root = tempfile::tempdir().expect("temp dir");
    let (mut disk, mut replica) = open_event(root.path());
    let dir = disk.dir().to_path_buf();
    let own = disk.own_path().to_path_buf();
    // A sync tool kept an older copy with a record the own file lost.
    let id = replica.new_id(clock().now_utc());
    replica
        .commit(
            vec![Change::put(id.clone(), pitch("Only in the copy"))],
            clock().now_utc(),
        )
        .expect("commit");
    disk.save(&replica).expect("saved");
    let copy = dir.join("organiser.sync-conflict-20261127-130000-ABCDEFG.ron");
    std::fs::copy(&own, &copy).expect("copy");
    let bytes = std::fs::read(&copy).expect("the copy");
    let report = disk.reload(&mut replica);
    assert_eq!(report.folded, vec![copy.clone()]);
    assert!(!copy.exists());
    assert!(
        !dir.join(".unconf").exists(),
        "nothing kept in the event folder"
    );
    let trash: Vec<PathBuf> = std::fs::read_dir(disk.local().trash())
        .expect("the trash")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(trash.len(), 1, "{trash:?}");
    assert_eq!(std::fs::read(&trash[0]).expect("kept"), bytes);
    let reopened = EventFolder::open(&dir, me("reader"), clock(), Access::Read).expect("open");
    assert!(reopened.event().pitches.contains_key(&id));
}

#[test]
fn a_reader_waiting_for_this_devices_lock_writes_again_once_the_holder_quits() {
    let root = tempfile::tempdir().expect("temp dir");
    let (holder_disk, holder) = open_event(root.path());
    let dir = holder_disk.dir().to_path_buf();
    let second = EventFolder::open(&dir, me("organiser"), clock(), Access::Write);
    assert!(matches!(
        second,
        Err(crate::store::StoreError::Locked { .. })
    ));
    let reader = EventFolder::open(&dir, me("organiser"), clock(), Access::Read).expect("open");
    let (mut disk, mut replica) = reader.into_parts();
    replica.set_read_only("it is open for editing in another unconf");
    disk.wait_for_lock();
    assert!(!disk.reload(&mut replica).writable_again, "still held");
    drop((holder_disk, holder));
    let report = disk.reload(&mut replica);
    assert!(report.writable_again);
    assert!(replica.read_only().is_none());
    let id = replica.new_id(chrono::Utc::now());
    replica
        .commit(
            vec![Change::put(id, pitch("Saved at last"))],
            chrono::Utc::now(),
        )
        .expect("writable");
    disk.save(&replica).expect("saved");
}

#[test]
fn a_file_from_a_newer_unconf_arriving_is_read_and_stops_this_laptop_writing() {
    let root = tempfile::tempdir().expect("temp dir");
    let (mut disk, mut replica) = open_event(root.path());
    let dir = disk.dir().to_path_buf();
    other_device_writes(&dir, "Written by an older unconf");
    disk.reload(&mut replica);
    let taker = dir.join(format!("{}.ron", me("taker").file_stem()));
    other_device_writes(&dir, "Written after updating unconf");
    let text = std::fs::read_to_string(&taker).expect("read");
    std::fs::write(&taker, text.replace("version: 2,", "version: 3,")).expect("write");
    let report = disk.reload(&mut replica);
    assert!(report.became_read_only);
    assert!(
        replica
            .read_only()
            .is_some_and(|reason| reason.contains("newer unconf"))
    );
    let titles: Vec<&str> = replica
        .event()
        .pitches
        .values()
        .map(|p| p.title.as_str())
        .collect();
    assert!(
        titles.contains(&"Written after updating unconf"),
        "{titles:?}"
    );
}

#[test]
fn another_laptops_file_put_back_older_buries_nothing_this_laptop_showed() {
    let root = tempfile::tempdir().expect("temp dir");
    let (mut disk, mut replica) = open_event(root.path());
    let dir = disk.dir().to_path_buf();
    other_device_writes(&dir, "First pitch of the taker");
    disk.reload(&mut replica);
    let taker = dir.join(format!("{}.ron", me("taker").file_stem()));
    let older = std::fs::read(&taker).expect("read");
    other_device_writes(&dir, "Second pitch of the taker");
    disk.reload(&mut replica);
    // A sync tool puts the older file of the taker back.
    std::fs::write(&taker, &older).expect("put back");
    let report = disk.reload(&mut replica);
    assert!(report.kept_dropped);
    let own = std::fs::read_to_string(disk.own_path()).expect("read");
    assert!(own.contains("Second pitch of the taker"), "{own}");
    // A laptop that reads the folder afresh still sees it.
    let fresh = EventFolder::open(&dir, me("third"), clock(), Access::Read).expect("open");
    assert!(
        fresh
            .event()
            .pitches
            .values()
            .any(|p| p.title == "Second pitch of the taker")
    );
}

#[test]
fn a_file_read_on_reload_is_kept_parsed_for_the_next_open() {
    let root = tempfile::tempdir().expect("temp dir");
    let (mut disk, mut replica) = open_event(root.path());
    let dir = disk.dir().to_path_buf();
    other_device_writes(&dir, "From the breakout");
    // As if the other laptop were another machine: nothing of its file is
    // in this machine's cache.
    let cache = disk.cache.clone().expect("a cache");
    let _ = std::fs::remove_dir_all(cache.dir());
    assert_eq!(disk.reload(&mut replica).new_versions, 1);
    let taker = (scan::candidates(&dir).expect("listed").into_iter())
        .find(|p| p != disk.own_path())
        .expect("the other laptop's file");
    let bytes = std::fs::read(&taker).expect("read");
    let name = taker.file_name().and_then(|n| n.to_str()).expect("a name");
    assert_eq!(
        cache.get(&cache.key(name, &bytes)),
        Some(crate::store::format::DeviceFile::parse(&bytes).expect("parsed"))
    );
}
