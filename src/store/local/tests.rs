use std::collections::BTreeMap;
use std::fs::File;

use super::*;

fn id(text: &str) -> Id {
    Id::new(text)
}

/// Every file under `dir`, by path relative to it, with its text.
fn tree(dir: &Path) -> BTreeMap<String, String> {
    fn walk(root: &Path, dir: &Path, found: &mut BTreeMap<String, String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.map(|e| e.expect("entry")) {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, found);
            } else {
                let relative = path.strip_prefix(root).expect("under root");
                found.insert(
                    relative.to_string_lossy().replace('\\', "/"),
                    std::fs::read_to_string(&path).expect("text"),
                );
            }
        }
    }
    let mut found = BTreeMap::new();
    walk(dir, dir, &mut found);
    found
}

fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("dir");
    }
    std::fs::write(path, text).expect("written");
}

#[test]
fn paths_are_made_of_plain_components_only() {
    assert_eq!(component("01KBX7ZQ3M4N"), "01KBX7ZQ3M4N");
    assert_eq!(component("x0kxbf99"), "x0kxbf99");
    for hostile in [
        "",
        "..",
        "../../etc",
        "a/b",
        "a\\b",
        "C:",
        "nul\0",
        "ü",
        &"x".repeat(65),
    ] {
        let safe = component(hostile);
        assert!(
            safe.starts_with("id-") && safe.len() == 19,
            "{hostile:?} -> {safe}"
        );
        assert!(safe.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
    }
    assert_ne!(component("a/b"), component("a\\b"));
    let local = LocalState::at("/state");
    assert_eq!(
        local.for_event(&id("../x")).dir(),
        Path::new("/state/events").join(component("../x"))
    );
    let event = local.for_event(&id("01EVENT"));
    assert_eq!(event.dir(), Path::new("/state/events/01EVENT"));
    assert_eq!(event.drafts(), Path::new("/state/events/01EVENT/drafts"));
    assert_eq!(event.backups(), Path::new("/state/events/01EVENT/backups"));
    assert_eq!(event.trash(), Path::new("/state/events/01EVENT/trash"));
}

#[test]
fn a_lock_file_is_keyed_by_device_and_folder() {
    let a = tempfile::tempdir().expect("temp dir");
    let b = tempfile::tempdir().expect("temp dir");
    let local = LocalState::at("/state");
    let lock = local.lock_file(a.path(), "dev1");
    assert_eq!(lock.parent(), Some(Path::new("/state/locks")));
    assert_ne!(lock, local.lock_file(b.path(), "dev1"));
    assert_ne!(lock, local.lock_file(a.path(), "dev2"));
    assert_eq!(lock, local.lock_file(&a.path().join("."), "dev1"));
    let name = lock.file_name().and_then(|n| n.to_str()).expect("name");
    assert_eq!(name.len(), "dev1-".len() + 12 + ".lock".len(), "{name}");
    let hostile = local.lock_file(a.path(), "../../x");
    assert_eq!(hostile.parent(), Some(Path::new("/state/locks")));
}

#[test]
fn a_thread_can_be_given_its_own_root_for_a_while() {
    let chosen = tempfile::tempdir().expect("temp dir");
    let before = LocalState::machine();
    {
        let _guard = on_this_thread(chosen.path());
        assert_eq!(LocalState::machine().root(), chosen.path());
        let other = std::thread::spawn(|| LocalState::machine().root().to_path_buf())
            .join()
            .expect("joined");
        assert_ne!(other, chosen.path(), "other threads keep theirs");
    }
    assert_eq!(LocalState::machine(), before);
}

#[test]
fn same_named_conflict_copies_are_both_kept_in_the_trash() {
    let root = tempfile::tempdir().expect("temp dir");
    let trash = root.path().join("trash");
    let name = "organiser-134fga9j (Sam's conflicted copy 2026-11-27).ron";
    let first = root.path().join("morning").join(name);
    let second = root.path().join("afternoon").join(name);
    write(&first, "the morning's copy");
    write(&second, "the afternoon's copy");
    let kept_first = to_trash(&first, &trash).expect("moved");
    let kept_second = to_trash(&second, &trash).expect("moved");
    assert!(!first.exists() && !second.exists());
    assert_ne!(kept_first, kept_second);
    let kept = tree(&trash);
    assert_eq!(kept.len(), 2, "{kept:?}");
    let mut texts: Vec<&str> = kept.values().map(String::as_str).collect();
    texts.sort_unstable();
    assert_eq!(texts, ["the afternoon's copy", "the morning's copy"]);
    for kept_name in kept.keys() {
        assert!(
            kept_name.starts_with("organiser-134fga9j (Sam's conflicted copy 2026-11-27).")
                && kept_name.ends_with(".ron"),
            "{kept_name}"
        );
    }
    // The same copy again (a sync tool brought it back) is kept once.
    write(&first, "the morning's copy");
    assert_eq!(to_trash(&first, &trash).expect("moved"), kept_first);
    assert!(!first.exists());
    assert_eq!(tree(&trash).len(), 2);
}

#[test]
fn a_name_taken_by_other_bytes_is_never_replaced() {
    let root = tempfile::tempdir().expect("temp dir");
    let trash = root.path().join("trash");
    let copy = root.path().join("x.ron");
    write(&copy, "mine");
    let taken = trash.join(hashed_name("x.ron", fnv1a64(b"mine"), 0));
    write(&taken, "something else entirely");
    let kept = to_trash(&copy, &trash).expect("moved");
    assert_eq!(kept, trash.join(hashed_name("x.ron", fnv1a64(b"mine"), 1)));
    assert_eq!(
        std::fs::read_to_string(&taken).expect("read"),
        "something else entirely"
    );
    assert_eq!(std::fs::read_to_string(&kept).expect("read"), "mine");
}

#[test]
fn the_trash_on_another_file_system_gets_a_copy_and_the_copy_goes() {
    // /dev/shm is a tmpfs on Linux: a rename there from the temporary
    // directory fails as it does from an event folder to the state folder.
    let Ok(other) = tempfile::tempdir_in("/dev/shm") else {
        eprintln!("skipped: no /dev/shm here");
        return;
    };
    let here = tempfile::tempdir().expect("temp dir");
    let copy = here.path().join("x (conflicted copy 2026-11-27).ron");
    write(&copy, "copy");
    let kept = to_trash(&copy, &other.path().join("trash")).expect("moved");
    assert!(!copy.exists());
    assert_eq!(std::fs::read_to_string(kept).expect("read"), "copy");
    assert_eq!(
        tree(&other.path().join("trash")).len(),
        1,
        "no temporary left"
    );
}

#[test]
fn old_temporaries_are_swept_and_recent_ones_left() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old = dir.path().join(".a.ron.x1y2z3");
    let recent = dir.path().join(".a.ron.a1b2c3");
    let visible = dir.path().join("a.ron");
    for path in [&old, &recent, &visible] {
        write(path, "x");
    }
    for path in [&old, &visible] {
        let file = File::options().write(true).open(path).expect("open");
        file.set_modified(SystemTime::now() - 2 * STALE)
            .expect("set time");
    }
    sweep_stale(dir.path(), STALE);
    assert!(!old.exists());
    assert!(recent.exists() && visible.exists());
}

const ME: &str = "134fga9j";
const OTHER: &str = "x0kxbf99";
const OWN: &str = "organiser-134fga9j.ron";

/// An event folder as an older unconf left it, with this device's and
/// another device's per-machine files.
fn old_folder(event: &Path, with_others: bool) {
    let old = event.join(".unconf");
    write(&event.join(OWN), "own file");
    write(
        &old.join(format!("drafts/{ME}.ron")),
        r#"{"note:s1": (text: "half a thought", saved_at: "2026-11-27T10:00:00Z")}"#,
    );
    write(&old.join(format!("drafts/.{ME}.ron.a1b2c3")), "half a dra");
    write(
        &old.join(format!("backups/{OWN}.20261127T100000.000Z.bak")),
        "backup 1",
    );
    write(
        &old.join(format!("backups/{OWN}.20261127T110000.000Z.bak")),
        "backup 2",
    );
    write(
        &old.join("trash/organiser-134fga9j (conflicted copy 2026-11-27).ron"),
        "a folded copy",
    );
    write(&old.join(format!("locks/{ME}.lock")), "");
    write(
        &old.join(format!("locks/{ME}.holder")),
        "host=here\npid=1\nsince=x\n",
    );
    write(
        &old.join(format!(
            "locks/{ME}.sync-conflict-20261127-101500-ABCDEFG.holder"
        )),
        "host=here\npid=2\nsince=y\n",
    );
    if with_others {
        write(&old.join(format!("drafts/{OTHER}.ron")), "{}");
        write(
            &old.join(format!("backups/sam-{OTHER}.ron.20261127T100000.000Z.bak")),
            "sam's",
        );
        write(
            &old.join(format!("trash/sam-{OTHER}.sync-conflict-1.ron")),
            "sam's copy",
        );
        write(&old.join(format!("locks/{OTHER}.lock")), "");
        write(&old.join(format!("locks/{OTHER}.holder")), "host=sam\n");
    }
}

#[test]
fn an_old_unconf_folder_is_taken_over_and_removed() {
    let event = tempfile::tempdir().expect("temp dir");
    let state = tempfile::tempdir().expect("temp dir");
    old_folder(event.path(), false);
    let local = LocalState::at(state.path());
    local.take_over(event.path(), &id("01EVENT"), ME, &event.path().join(OWN));
    assert_eq!(
        tree(event.path()).into_keys().collect::<Vec<_>>(),
        [OWN],
        "only the device file is left"
    );
    let moved = tree(&state.path().join("events/01EVENT"));
    let copy_hash = fnv1a64(b"a folded copy");
    let expected = BTreeMap::from([
        (
            format!("backups/{OWN}.20261127T100000.000Z.bak"),
            "backup 1".to_string(),
        ),
        (
            format!("backups/{OWN}.20261127T110000.000Z.bak"),
            "backup 2".to_string(),
        ),
        (
            format!("drafts/{ME}.ron"),
            std::fs::read_to_string(state.path().join(format!("events/01EVENT/drafts/{ME}.ron")))
                .expect("drafts"),
        ),
        (
            format!(
                "trash/{}",
                hashed_name(
                    "organiser-134fga9j (conflicted copy 2026-11-27).ron",
                    copy_hash,
                    0
                )
            ),
            "a folded copy".to_string(),
        ),
    ]);
    assert_eq!(moved, expected);
    let drafts = super::super::Drafts::open(&local.for_event(&id("01EVENT")), ME);
    assert_eq!(
        drafts.get("note:s1").map(|d| d.text.as_str()),
        Some("half a thought")
    );
}

#[test]
fn other_devices_files_stay_and_so_does_the_folder_around_them() {
    let event = tempfile::tempdir().expect("temp dir");
    let state = tempfile::tempdir().expect("temp dir");
    old_folder(event.path(), true);
    let local = LocalState::at(state.path());
    local.take_over(event.path(), &id("01EVENT"), ME, &event.path().join(OWN));
    let left: Vec<String> = tree(event.path()).into_keys().collect();
    assert_eq!(
        left,
        [
            format!(".unconf/backups/sam-{OTHER}.ron.20261127T100000.000Z.bak"),
            format!(".unconf/drafts/{OTHER}.ron"),
            format!(".unconf/locks/{OTHER}.holder"),
            format!(".unconf/locks/{OTHER}.lock"),
            format!(".unconf/trash/sam-{OTHER}.sync-conflict-1.ron"),
            OWN.to_string(),
        ]
    );
}

#[test]
fn taking_over_never_replaces_what_local_state_already_holds() {
    let event = tempfile::tempdir().expect("temp dir");
    let state = tempfile::tempdir().expect("temp dir");
    old_folder(event.path(), false);
    let local = LocalState::at(state.path());
    let here = local.for_event(&id("01EVENT"));
    let clash = format!("{OWN}.20261127T100000.000Z.bak");
    write(&here.backups().join(&clash), "a different backup 1");
    write(
        &here.drafts().join(format!("{ME}.ron")),
        r#"{"note:s2": (text: "typed since", saved_at: "2026-11-27T11:00:00Z")}"#,
    );
    local.take_over(event.path(), &id("01EVENT"), ME, &event.path().join(OWN));
    let moved = tree(here.dir());
    assert_eq!(moved[&format!("backups/{clash}")], "a different backup 1");
    assert_eq!(
        moved[&format!("backups/{}", hashed_name(&clash, fnv1a64(b"backup 1"), 0))],
        "backup 1"
    );
    let drafts = super::super::Drafts::open(&here, ME);
    assert_eq!(drafts.all().len(), 2, "{:?}", drafts.all());
    assert!(!event.path().join(".unconf").exists());
}

#[test]
fn unreadable_old_drafts_are_kept_whole() {
    let event = tempfile::tempdir().expect("temp dir");
    let state = tempfile::tempdir().expect("temp dir");
    write(
        &event.path().join(format!(".unconf/drafts/{ME}.ron")),
        "not ron (",
    );
    let local = LocalState::at(state.path());
    local.take_over(event.path(), &id("01EVENT"), ME, &event.path().join(OWN));
    let moved = tree(&local.for_event(&id("01EVENT")).drafts());
    assert_eq!(moved.len(), 1, "{moved:?}");
    let (name, text) = moved.iter().next().expect("one file");
    assert!(
        name.starts_with(&format!("{ME}.from-event-folder.")),
        "{name}"
    );
    assert_eq!(text, "not ron (");
    assert!(!event.path().join(".unconf").exists());
}

#[test]
fn an_unconf_link_is_left_alone() {
    let event = tempfile::tempdir().expect("temp dir");
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let state = tempfile::tempdir().expect("temp dir");
    write(&elsewhere.path().join(format!("locks/{ME}.lock")), "");
    #[cfg(unix)]
    std::os::unix::fs::symlink(elsewhere.path(), event.path().join(".unconf")).expect("link");
    LocalState::at(state.path()).take_over(
        event.path(),
        &id("01EVENT"),
        ME,
        &event.path().join(OWN),
    );
    assert!(elsewhere.path().join(format!("locks/{ME}.lock")).exists());
}
