use chrono::DateTime;

use super::*;
use crate::model::{Decision, Pitch};

fn clock(minute: u32) -> Clock {
    let text = format!("2026-11-27T10:{minute:02}:00+00:00");
    Clock::Fixed(DateTime::parse_from_rfc3339(&text).unwrap_or_default())
}

fn me(label: &str) -> Identity {
    Identity::from_label(label, &label.to_uppercase())
}

fn new_event(sessions: &Path) -> EventFolder {
    let info = EventInfo {
        name: "Supplier unconference".into(),
        ..EventInfo::default()
    };
    EventFolder::create(sessions, info, me("organiser"), clock(0)).expect("created")
}

fn pitch(title: &str) -> Record {
    Record::Pitch(Pitch {
        title: title.into(),
        ..Pitch::default()
    })
}

fn add_pitch(folder: &mut EventFolder, title: &str) -> Id {
    let id = folder.new_id();
    folder
        .commit(vec![Change::put(id.clone(), pitch(title))])
        .expect("committed");
    id
}

#[test]
fn a_new_event_is_a_folder_with_one_device_file() {
    let sessions = tempfile::tempdir().expect("temp dir");
    let folder = new_event(sessions.path());
    assert_eq!(folder.dir(), sessions.path().join("supplier-unconference"));
    assert_eq!(folder.event().info.name, "Supplier unconference");
    assert!(folder.own_path().exists());
    assert_eq!(folder.files().len(), 1);
}

#[test]
fn committed_edits_are_there_after_reopening() {
    let sessions = tempfile::tempdir().expect("temp dir");
    let mut folder = new_event(sessions.path());
    let id = add_pitch(&mut folder, "Vendor community");
    let dir = folder.dir().to_path_buf();
    drop(folder);
    let reopened = EventFolder::open(&dir, me("organiser"), clock(1), Access::Write).expect("open");
    assert_eq!(reopened.event().pitches[&id].title, "Vendor community");
    assert!(reopened.event().conflicts.is_empty());
}

#[test]
fn two_devices_see_each_others_records() {
    let sessions = tempfile::tempdir().expect("temp dir");
    let mut organiser = new_event(sessions.path());
    let dir = organiser.dir().to_path_buf();
    let a = add_pitch(&mut organiser, "From the organiser");
    let mut taker =
        EventFolder::open(&dir, me("note-taker"), clock(2), Access::Write).expect("open");
    let b = add_pitch(&mut taker, "From the note-taker");
    drop((organiser, taker));
    let seen = EventFolder::open(&dir, me("third"), clock(3), Access::Read).expect("open");
    assert!(seen.event().pitches.contains_key(&a));
    assert!(seen.event().pitches.contains_key(&b));
    assert_eq!(seen.files().len(), 2);
    assert_eq!(seen.devices().len(), 2);
}

#[test]
fn an_edit_that_saw_the_other_version_replaces_it_without_conflict() {
    let sessions = tempfile::tempdir().expect("temp dir");
    let mut organiser = new_event(sessions.path());
    let dir = organiser.dir().to_path_buf();
    let id = add_pitch(&mut organiser, "Draft title");
    drop(organiser);
    let mut taker = EventFolder::open(&dir, me("taker"), clock(4), Access::Write).expect("open");
    taker
        .commit(vec![Change::put(id.clone(), pitch("Better title"))])
        .expect("commit");
    drop(taker);
    let seen = EventFolder::open(&dir, me("organiser"), clock(5), Access::Read).expect("open");
    assert_eq!(seen.event().pitches[&id].title, "Better title");
    assert!(seen.event().conflicts.is_empty());
}

#[test]
fn concurrent_edits_are_kept_as_a_conflict() {
    let sessions = tempfile::tempdir().expect("temp dir");
    let mut organiser = new_event(sessions.path());
    let dir = organiser.dir().to_path_buf();
    let id = add_pitch(&mut organiser, "Original");
    let mut taker = EventFolder::open(&dir, me("taker"), clock(4), Access::Write).expect("open");
    organiser
        .commit(vec![Change::put(id.clone(), pitch("Organiser's edit"))])
        .expect("commit");
    taker
        .commit(vec![Change::put(id.clone(), pitch("Taker's edit"))])
        .expect("commit");
    drop((organiser, taker));
    let seen = EventFolder::open(&dir, me("third"), clock(5), Access::Read).expect("open");
    assert!(seen.event().conflicts.contains(&id));
    let conflict = seen.replica().conflict(&id).expect("a conflict");
    assert_eq!(conflict.versions.len(), 2);
}

#[test]
fn an_older_own_file_put_back_loses_nothing_this_machine_wrote() {
    let sessions = tempfile::tempdir().expect("temp dir");
    let mut folder = new_event(sessions.path());
    let dir = folder.dir().to_path_buf();
    let own = folder.own_path().to_path_buf();
    let older = std::fs::read(&own).expect("read");
    let late = add_pitch(&mut folder, "Added after the copy was taken");
    drop(folder);
    // A USB stick's older copy is copied back over the own file.
    std::fs::write(&own, older).expect("put back");
    let reread = EventFolder::open(&dir, me("organiser"), clock(7), Access::Read).expect("open");
    assert!(reread.event().pitches.contains_key(&late));
    assert!(reread.own_lag().is_some_and(|lag| lag.taken_back > 0));
    drop(reread);
    let mut writer =
        EventFolder::open(&dir, me("organiser"), clock(8), Access::Write).expect("open");
    add_pitch(&mut writer, "One more");
    drop(writer);
    let text = std::fs::read_to_string(&own).expect("read");
    assert!(text.contains("Added after the copy was taken"), "{text}");
}

#[test]
fn a_conflict_copy_from_a_sync_tool_is_read_as_more_input() {
    let sessions = tempfile::tempdir().expect("temp dir");
    let mut folder = new_event(sessions.path());
    let dir = folder.dir().to_path_buf();
    let own = folder.own_path().to_path_buf();
    let kept = add_pitch(&mut folder, "In the copy only");
    let copy = dir.join("organiser.sync-conflict-20261127-101500-ABCDEFG.ron");
    std::fs::copy(&own, &copy).expect("copy");
    // The own file then loses that pitch (say, an older backup restored).
    folder
        .commit(vec![Change::delete(kept.clone())])
        .expect("commit");
    std::fs::copy(&copy, &own).expect("restore the old file");
    let event = folder.event().id.clone();
    drop(folder);
    std::fs::write(&copy, std::fs::read(&own).expect("read")).expect("write");
    // As on another machine, which has no copy of the own file as this one
    // last wrote it (that copy would bring the deletion back).
    let latest = crate::store::local::LocalState::machine()
        .for_event(&event)
        .latest(&own);
    std::fs::remove_file(latest).expect("this machine's latest copy");
    let seen = EventFolder::open(&dir, me("organiser"), clock(6), Access::Read).expect("open");
    assert!(seen.event().pitches.contains_key(&kept));
    assert_eq!(seen.files().len(), 2);
}

#[test]
fn a_broken_file_is_reported_left_untouched_and_the_rest_opens() {
    let sessions = tempfile::tempdir().expect("temp dir");
    let mut folder = new_event(sessions.path());
    let dir = folder.dir().to_path_buf();
    add_pitch(&mut folder, "Still here");
    drop(folder);
    let broken = dir.join("broken-laptop.ron");
    std::fs::write(&broken, "(format: \"unconf\", version: 1, event: 42)").expect("write");
    let mut reopened =
        EventFolder::open(&dir, me("organiser"), clock(7), Access::Write).expect("open");
    assert_eq!(reopened.event().pitches.len(), 1);
    let problem = reopened
        .problems()
        .first()
        .expect("one problem")
        .to_string();
    assert!(problem.contains("broken-laptop.ron"), "{problem}");
    assert!(problem.contains("line 1, column"), "{problem}");
    add_pitch(&mut reopened, "Another");
    assert_eq!(
        std::fs::read_to_string(&broken).expect("read"),
        "(format: \"unconf\", version: 1, event: 42)"
    );
}

#[test]
fn a_file_from_a_newer_format_makes_the_event_read_only() {
    let sessions = tempfile::tempdir().expect("temp dir");
    let folder = new_event(sessions.path());
    let dir = folder.dir().to_path_buf();
    let text = std::fs::read_to_string(folder.own_path())
        .expect("read")
        .replace("version: 2", "version: 9");
    drop(folder);
    std::fs::write(dir.join("future-laptop.ron"), text).expect("write");
    let mut reopened =
        EventFolder::open(&dir, me("organiser"), clock(8), Access::Write).expect("open");
    assert!(
        reopened
            .read_only()
            .is_some_and(|r| r.contains("newer unconf"))
    );
    let id = reopened.new_id();
    let refused = reopened.commit(vec![Change::put(id, pitch("x"))]);
    assert!(matches!(refused, Err(StoreError::ReadOnly { .. })));
}

#[test]
fn a_second_writer_of_the_same_device_is_refused_but_may_read() {
    let sessions = tempfile::tempdir().expect("temp dir");
    let folder = new_event(sessions.path());
    let dir = folder.dir().to_path_buf();
    let refused = EventFolder::open(&dir, me("organiser"), clock(9), Access::Write);
    assert!(matches!(refused, Err(StoreError::Locked { .. })));
    EventFolder::open(&dir, me("organiser"), clock(9), Access::Read).expect("reading is fine");
}

#[test]
fn files_of_another_event_are_ignored_with_a_problem() {
    let sessions = tempfile::tempdir().expect("temp dir");
    let first = new_event(sessions.path());
    let other = new_event(sessions.path());
    let stray = std::fs::read(other.own_path()).expect("read");
    std::fs::write(first.dir().join("stray.ron"), stray).expect("write");
    let dir = first.dir().to_path_buf();
    drop(first);
    let reopened = EventFolder::open(&dir, me("organiser"), clock(1), Access::Read).expect("open");
    assert!(
        reopened
            .problems()
            .iter()
            .any(|p| p.reason.contains("another event"))
    );
}

#[test]
fn a_deletion_travels_to_other_devices() {
    let sessions = tempfile::tempdir().expect("temp dir");
    let mut organiser = new_event(sessions.path());
    let dir = organiser.dir().to_path_buf();
    let id = organiser.new_id();
    organiser
        .commit(vec![Change::put(
            id.clone(),
            Record::Decision(Decision {
                text: "Three projects".into(),
                lead: None,
            }),
        )])
        .expect("commit");
    organiser
        .commit(vec![Change::delete(id.clone())])
        .expect("delete");
    drop(organiser);
    let seen = EventFolder::open(&dir, me("other"), clock(2), Access::Read).expect("open");
    assert!(!seen.event().decisions.contains_key(&id));
    assert_eq!(seen.merged().current(&id).len(), 1);
}

#[test]
fn a_failed_save_keeps_the_edit_in_memory_and_the_old_file_intact() {
    let sessions = tempfile::tempdir().expect("temp dir");
    let mut folder = new_event(sessions.path());
    let before = std::fs::read(folder.own_path()).expect("read");
    // Make the own file's folder unwritable by replacing the target with a
    // directory: the atomic rename must then fail.
    let own = folder.own_path().to_path_buf();
    std::fs::remove_file(&own).expect("remove");
    std::fs::create_dir(&own).expect("dir in the way");
    let id = folder.new_id();
    let result = folder.commit(vec![Change::put(id.clone(), pitch("Kept in memory"))]);
    assert!(matches!(result, Err(StoreError::Save { .. })));
    assert!(folder.has_unsaved());
    assert!(folder.event().pitches.contains_key(&id));
    std::fs::remove_dir(&own).expect("clear the way");
    std::fs::write(&own, &before).expect("restore");
    folder.save().expect("retry succeeds");
    assert!(!folder.has_unsaved());
    assert!(
        std::fs::read_to_string(&own)
            .expect("read")
            .contains("Kept in memory")
    );
}

#[test]
fn merging_while_reading_gives_what_merging_file_by_file_gives() {
    let sessions = tempfile::tempdir().expect("temp dir");
    let mut organiser = new_event(sessions.path());
    let dir = organiser.dir().to_path_buf();
    let shared = add_pitch(&mut organiser, "Shared");
    // The organiser's own file falls between the others in name order.
    for (minute, label) in [(1, "zulu"), (2, "alpha"), (3, "mike")] {
        let mut device =
            EventFolder::open(&dir, me(label), clock(minute), Access::Write).expect("open");
        add_pitch(&mut device, &format!("From {label}"));
        let retitled = pitch(&format!("Shared, as {label} has it"));
        (device.commit(vec![Change::put(shared.clone(), retitled)])).expect("committed");
    }
    drop(organiser);
    let opened = EventFolder::open(&dir, me("organiser"), clock(9), Access::Read).expect("open");

    let (files, problems) = read_all(&dir, None).expect("read");
    assert!(problems.is_empty(), "{problems:?}");
    let names: Vec<PathBuf> = files.iter().map(|(path, _)| path.clone()).collect();
    assert_eq!(names.len(), 4);
    let starts = |path: &PathBuf, stem: &str| {
        (path.file_name().and_then(|n| n.to_str())).is_some_and(|n| n.starts_with(stem))
    };
    assert!(
        starts(&names[0], "alpha-") && starts(&names[2], "organiser-"),
        "{names:?}"
    );
    let mut one_by_one = Replica::new(opened.event().id.clone(), me("organiser"), true);
    for (_, file) in files {
        let source = if file.device == me("organiser").device {
            Source::Own
        } else {
            Source::Other
        };
        one_by_one.absorb(file, source);
    }
    assert_eq!(opened.event(), one_by_one.event());
    assert!(
        opened.event().pitches[&shared]
            .title
            .starts_with("Shared, as")
    );
    let summaries: Vec<PathBuf> = opened.files().iter().map(|f| f.path.clone()).collect();
    assert_eq!(summaries, names, "files are listed in name order");
}

#[test]
fn a_file_of_another_event_read_first_does_not_decide_which_event_opens() {
    let sessions = tempfile::tempdir().expect("temp dir");
    let mut first = new_event(sessions.path());
    let dir = first.dir().to_path_buf();
    let event = first.event().id.clone();
    let kept = add_pitch(&mut first, "In the first event");
    let mut taker = EventFolder::open(&dir, me("taker"), clock(1), Access::Write).expect("open");
    let also = add_pitch(&mut taker, "Also in the first event");
    drop((first, taker));
    let other = new_event(sessions.path());
    assert_ne!(other.event().id, event);
    // First in name order, so read and merged first.
    let stray = dir.join("0-stray.ron");
    std::fs::copy(other.own_path(), &stray).expect("copied");
    // A device with no file here (the event is chosen by most files) and
    // the organiser (chosen by its own file).
    for who in ["visitor", "organiser"] {
        let opened = EventFolder::open(&dir, me(who), clock(5), Access::Read).expect("open");
        assert_eq!(opened.event().id, event, "{who}");
        assert!(opened.event().pitches.contains_key(&kept), "{who}");
        assert!(opened.event().pitches.contains_key(&also), "{who}");
        assert_eq!(opened.files().len(), 2, "{who}");
        let problems: Vec<(&Path, ProblemKind)> = (opened.problems().iter())
            .map(|p| (p.path.as_path(), p.kind))
            .collect();
        assert_eq!(
            problems,
            [(stray.as_path(), ProblemKind::OtherEvent)],
            "{who}"
        );
    }
}

#[test]
fn each_save_leaves_the_own_file_parsed_in_this_machines_cache() {
    let sessions = tempfile::tempdir().expect("temp dir");
    let mut folder = new_event(sessions.path());
    let cache = FileCache::for_folder(&LocalState::machine(), folder.dir()).expect("a build");
    let name = (folder.own_path().file_name())
        .and_then(|n| n.to_str())
        .expect("a file name")
        .to_string();
    let mut first = None;
    for title in [
        "First",
        "Café \"quoted\"\nnext line \u{1F600} \\ r\"#",
        "Third",
    ] {
        let id = add_pitch(&mut folder, title);
        match first.take() {
            None => first = Some(id),
            Some(first) => (folder.commit(vec![Change::delete(first)])).expect("deleted"),
        }
        let bytes = std::fs::read(folder.own_path()).expect("read");
        let parsed = DeviceFile::parse(&bytes).expect("parsed");
        let cached = cache.get(&cache.key(&name, &bytes));
        assert_eq!(cached, Some(parsed), "after saving {title}");
    }
}

#[test]
fn problems_are_listed_by_file_name_though_the_own_file_is_read_first() {
    let sessions = tempfile::tempdir().expect("temp dir");
    let organiser = new_event(sessions.path());
    let dir = organiser.dir().to_path_buf();
    let own = organiser.own_path().to_path_buf();
    drop(organiser);
    let mut taker = EventFolder::open(&dir, me("taker"), clock(1), Access::Write).expect("open");
    let kept = add_pitch(&mut taker, "From the taker");
    drop(taker);
    let broken = dir.join("a-broken.ron");
    std::fs::write(&broken, "(not a device file").expect("written");
    std::fs::write(&own, "(the own file, broken").expect("written");
    let opened = EventFolder::open(&dir, me("organiser"), clock(5), Access::Read).expect("open");
    assert!(opened.event().pitches.contains_key(&kept));
    let problems: Vec<&Path> = opened.problems().iter().map(|p| p.path.as_path()).collect();
    assert_eq!(problems, [broken.as_path(), own.as_path()]);
    assert!(
        opened.replica().read_only().is_some(),
        "an unreadable own file is never overwritten"
    );
}
