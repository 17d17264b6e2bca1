use std::sync::mpsc;

use super::*;

/// A place for lock files and an event folder, both temporary.
struct Place {
    state: tempfile::TempDir,
    event: tempfile::TempDir,
}

impl Place {
    fn new() -> Place {
        Place {
            state: tempfile::tempdir().expect("temp dir"),
            event: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn local(&self) -> LocalState {
        LocalState::at(self.state.path())
    }

    fn acquire(&self, device: &str, since: &str) -> Result<Lock, StoreError> {
        Lock::acquire(&self.local(), self.event.path(), device, since)
    }
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_second_lock_on_the_same_device_names_the_holder() {
    let place = Place::new();
    let first = place.acquire("dev1", "10:15").expect("first lock");
    let second = place.acquire("dev1", "10:16").expect_err("must be refused");
    let message = second.to_string();
    assert!(
        message.contains(&format!("process {}", std::process::id())),
        "{message}"
    );
    assert!(message.contains("since 10:15"), "{message}");
    assert!(message.contains("already open for editing"), "{message}");
    drop(first);
    place
        .acquire("dev1", "10:17")
        .expect("free again after release");
}

#[test]
fn other_devices_are_not_blocked() {
    let place = Place::new();
    let _a = place.acquire("dev1", "now").expect("lock");
    place
        .acquire("dev2", "now")
        .expect("another device locks freely");
}

#[test]
fn the_lock_lives_in_local_state_and_holds_its_own_note() {
    let place = Place::new();
    let lock = place.acquire("dev1", "10:15").expect("lock");
    assert!(lock.path().starts_with(place.state.path().join("locks")));
    let name = lock
        .path()
        .file_name()
        .and_then(|n| n.to_str())
        .expect("name");
    assert!(
        name.starts_with("dev1-") && name.ends_with(".lock"),
        "{name}"
    );
    assert_eq!(names(&place.local().locks()), [name], "no other file");
    assert_eq!(names(place.event.path()), Vec::<String>::new());
    let note = std::fs::read_to_string(lock.path()).expect("note");
    assert!(
        note.contains(&format!("pid={}\n", std::process::id())),
        "{note}"
    );
    assert!(note.contains("since=10:15\n"), "{note}");
    assert!(note.contains(&format!("host={}\n", hostname())), "{note}");
}

#[test]
fn a_new_holder_replaces_the_note_of_the_last() {
    let place = Place::new();
    let first = place
        .acquire("dev1", "09:00 with a long note")
        .expect("lock");
    first.mark_closing();
    drop(first);
    let second = place.acquire("dev1", "10:00").expect("lock");
    let note = std::fs::read_to_string(second.path()).expect("note");
    assert!(!note.contains("09:00") && !note.contains(CLOSING), "{note}");
}

#[test]
fn one_event_in_two_folders_takes_two_locks_and_one_folder_one() {
    let place = Place::new();
    let other = tempfile::tempdir().expect("temp dir");
    let _here = place.acquire("dev1", "now").expect("lock");
    Lock::acquire(&place.local(), other.path(), "dev1", "now")
        .expect("the same device in another folder");
    let detour = place
        .event
        .path()
        .join("..")
        .join(place.event.path().file_name().expect("a name"));
    Lock::acquire(&place.local(), &detour, "dev1", "now")
        .expect_err("the same folder spelt another way is the same lock");
}

#[test]
fn an_empty_or_half_written_note_still_refuses_politely() {
    for note in ["", "host=other\npi", "host=other\npid=12\n"] {
        let place = Place::new();
        let held = place.acquire("dev1", "now").expect("lock");
        std::fs::write(held.path(), note).expect("note");
        let message = place
            .acquire("dev1", "now")
            .expect_err("refused")
            .to_string();
        assert!(
            message.contains("another unconf process"),
            "{note:?}: {message}"
        );
    }
}

#[test]
fn a_holder_that_is_not_closing_refuses_at_once() {
    let place = Place::new();
    let _held = place.acquire("dev1", "now").expect("lock");
    let mut waited = 0;
    Lock::acquire_waiting(
        &place.local(),
        place.event.path(),
        "dev1",
        "now",
        CLOSING_WAIT,
        &mut || waited += 1,
    )
    .expect_err("refused");
    assert_eq!(waited, 0);
}

#[test]
fn a_closing_holder_is_waited_for_and_the_lock_is_then_taken() {
    let place = Place::new();
    let held = place.acquire("dev1", "now").expect("lock");
    held.mark_closing();
    let (tell, waiting) = mpsc::channel();
    let local = place.local();
    let dir = place.event.path().to_path_buf();
    let next = std::thread::spawn(move || {
        Lock::acquire_waiting(
            &local,
            &dir,
            "dev1",
            "later",
            Duration::from_secs(60),
            &mut || {
                let _ = tell.send(());
            },
        )
    });
    waiting
        .recv_timeout(Duration::from_secs(30))
        .expect("the second start waits for the closing holder");
    drop(held);
    let taken = next
        .join()
        .expect("joined")
        .expect("the lock once released");
    let note = std::fs::read_to_string(taken.path()).expect("note");
    assert!(note.contains("since=later"), "{note}");
}

#[test]
fn a_closing_holder_that_never_lets_go_is_refused_after_the_wait() {
    let place = Place::new();
    let held = place.acquire("dev1", "10:15").expect("lock");
    held.mark_closing();
    held.mark_closing();
    let note = std::fs::read_to_string(held.path()).expect("note");
    assert!(note.ends_with("since=10:15\nclosing=yes\n"), "{note}");
    let mut waited = 0;
    let message = Lock::acquire_waiting(
        &place.local(),
        place.event.path(),
        "dev1",
        "now",
        Duration::from_millis(200),
        &mut || waited += 1,
    )
    .expect_err("refused")
    .to_string();
    assert!(waited > 0);
    assert!(message.contains("since 10:15"), "{message}");
}

#[test]
fn the_host_name_is_never_empty() {
    assert!(!hostname().trim().is_empty());
}
