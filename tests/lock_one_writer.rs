//! One device, one writer: while a process of a device has an event open,
//! a second process of the same device is refused with a message naming
//! the holder (host, process, since when) and can still read; other
//! devices write freely; a lock left by a killed process never blocks, and
//! one whose holder is closing is waited for. Locks live in this machine's
//! local state, never in the event folder.

mod crash_kit;

use std::collections::BTreeSet;
use std::process::Stdio;

use crash_kit::pty::Tui;
use crash_kit::{Home, clock, inspect, titles};
use unconf::store::{Access, EventFolder, Identity, LocalState};

const DEVICE: &str = "organiser";
const EVENT: &str = "lock-day";

fn run(home: &Home, device: &str, args: &[&str]) -> std::process::Output {
    home.command(device, args).output().expect("runs")
}

#[test]
fn a_second_process_is_refused_naming_the_holder_and_can_still_read() {
    let home = Home::new();
    let dir = home.seed_event("Lock day", DEVICE, 2);
    let tui = Tui::in_home(&home, DEVICE, &["open", EVENT], &[]);
    tui.wait_for("Seed pitch");

    let refused = run(&home, DEVICE, &["pitch", "add", EVENT, "Second writer"]);
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains(&format!("(process {}, since 2026-11-27 10:00)", tui.pid)),
        "{stderr}"
    );
    assert!(stderr.contains("reading still works"), "{stderr}");
    for read in [
        &["pitch", "list", EVENT][..],
        &["check", EVENT],
        &["export", EVENT, "--out", "-"],
    ] {
        let output = run(&home, DEVICE, read);
        assert!(output.status.success(), "{read:?}: {output:?}");
    }
    let other = run(&home, "sam", &["pitch", "add", EVENT, "Sam writes freely"]);
    assert!(other.status.success(), "{other:?}");
    assert!(!titles(&dir).contains("Second writer"));
}

#[test]
fn a_second_tui_of_the_same_device_opens_read_only_and_says_who_has_it() {
    let home = Home::new();
    home.seed_event("Lock day", DEVICE, 2);
    let first = Tui::in_home(&home, DEVICE, &["open", EVENT], &[]);
    first.wait_for("Seed pitch");
    let second = Tui::in_home(&home, DEVICE, &["open", EVENT], &[]);
    second.wait_for("Seed pitch");
    second.wait_until("a read-only notice", |s| {
        s.to_lowercase().contains("read-only") || s.contains(&format!("process {}", first.pid))
    });
}

#[test]
fn a_lock_left_by_a_killed_process_never_blocks() {
    let home = Home::new();
    let dir = home.seed_event("Lock day", DEVICE, 2);
    let mut tui = Tui::in_home(&home, DEVICE, &["open", EVENT], &[]);
    tui.wait_for("Seed pitch");
    tui.signal("KILL");
    tui.wait_exit_status();
    let lock = lock_file(&home, &dir);
    let note = std::fs::read_to_string(&lock).expect("the dead process's lock file is still there");
    assert!(note.contains(&format!("pid={}", tui.pid)), "{note}");
    let after = run(&home, DEVICE, &["pitch", "add", EVENT, "After the kill"]);
    assert!(after.status.success(), "{after:?}");
    assert!(titles(&dir).contains("After the kill"));
}

/// This device's lock file for `dir`, where the binary run in `home` takes it.
fn lock_file(home: &Home, dir: &std::path::Path) -> std::path::PathBuf {
    LocalState::at(home.state()).lock_file(dir, &Identity::derived_id(DEVICE))
}

#[test]
fn a_lock_note_of_a_gone_process_never_blocks() {
    let home = Home::new();
    let dir = home.seed_event("Lock day", DEVICE, 2);
    std::fs::write(
        lock_file(&home, &dir),
        "host=other-laptop\npid=4242\nsince=2026-11-26 09:00\nclosing=yes\n",
    )
    .expect("a note nobody holds");
    let after = run(&home, DEVICE, &["pitch", "add", EVENT, "Not blocked"]);
    assert!(after.status.success(), "{after:?}");
}

#[test]
fn lock_files_an_older_unconf_left_in_the_event_folder_never_block_and_go() {
    let home = Home::new();
    let dir = home.seed_event("Lock day", DEVICE, 2);
    let device = Identity::derived_id(DEVICE);
    let locks = dir.join(".unconf/locks");
    std::fs::create_dir_all(&locks).expect("locks");
    std::fs::write(locks.join(format!("{device}.lock")), b"").expect("lock file");
    std::fs::write(
        locks.join(format!("{device}.holder")),
        "host=other-laptop\npid=4242\nsince=2026-11-26 09:00\n",
    )
    .expect("holder note");
    let after = run(&home, DEVICE, &["pitch", "add", EVENT, "Not blocked"]);
    assert!(after.status.success(), "{after:?}");
    assert!(!dir.join(".unconf").exists(), "taken over and removed");
}

#[test]
fn a_holder_that_is_closing_is_waited_for_and_the_next_start_writes() {
    let home = Home::new();
    let dir = home.seed_event("Lock day", DEVICE, 2);
    // The holder is this test process, so that it lets go exactly when the
    // next start is waiting, as a TUI saving after SIGTERM does.
    let holder = EventFolder::open(
        &dir,
        Identity::from_label(DEVICE, DEVICE),
        clock(),
        Access::Write,
    )
    .expect("the test takes the lock");
    holder.disk().mark_closing();
    let lock = lock_file(&home, &dir);
    let mut next = home
        .command(DEVICE, &["pitch", "add", EVENT, "After the close"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    wait_until_open(&mut next, &lock);
    drop(holder);
    let output = next.wait_with_output().expect("waited");
    assert!(output.status.success(), "{output:?}");
    assert!(titles(&dir).contains("After the close"));
}

/// Waits until `child` has `file` open (it is then trying the lock), or
/// has ended; fails the test after a generous while.
fn wait_until_open(child: &mut std::process::Child, file: &std::path::Path) {
    let file = std::fs::canonicalize(file).expect("the lock file");
    let fds = std::path::PathBuf::from(format!("/proc/{}/fd", child.id()));
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(20) {
        if child.try_wait().expect("the child's state").is_some() {
            return;
        }
        let open = std::fs::read_dir(&fds).is_ok_and(|entries| {
            entries
                .filter_map(Result::ok)
                .any(|e| std::fs::read_link(e.path()).is_ok_and(|target| target == file))
        });
        if open {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the second process never opened {}", file.display());
}

#[test]
fn racing_writers_of_one_device_lose_no_acknowledged_edit() {
    let home = Home::new();
    let dir = home.seed_event("Lock day", DEVICE, 50);
    let mut acknowledged = BTreeSet::new();
    let mut refusals = 0;
    for round in 0..4 {
        let children: Vec<(String, std::process::Child)> = (0..6)
            .map(|n| {
                let title = format!("Race {round}.{n}");
                let child = home
                    .command(DEVICE, &["pitch", "add", EVENT, &title])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("starts");
                (title, child)
            })
            .collect();
        for (title, child) in children {
            let output = child.wait_with_output().expect("waited");
            if output.status.success() {
                acknowledged.insert(title);
            } else {
                let stderr = String::from_utf8_lossy(&output.stderr);
                assert!(stderr.contains("already open for editing"), "{stderr}");
                refusals += 1;
            }
        }
    }
    inspect(&dir);
    assert!(acknowledged.is_subset(&titles(&dir)));
    assert!(!acknowledged.is_empty());
    println!(
        "racing writers: {} saved, {refusals} refused",
        acknowledged.len()
    );
}
