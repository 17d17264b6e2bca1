//! The shared event folder holds device files only: locks, drafts, backups
//! and folded conflict copies stay in this machine's local state
//! (`HOME/.local/state/unconf` here, as on any Linux machine without
//! `XDG_STATE_HOME`), and an event folder that an older unconf filled with
//! `.unconf/` is taken over on the first write.

mod common;
mod pty;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{Env, ORGANISER, device_file, names};
use unconf::store::atomic::FAULT_SEAM;
use unconf::store::{Access, EventFolder, Identity};

/// The TUI in `env`'s home as `device`. On the real clock: a draft is
/// kept after a couple of seconds of idle, which a fixed clock never sees.
fn tui(env: &Env, (device, author): (&str, &str), args: &[&str]) -> pty::Tui {
    let dirs = pty::dirs(env.root());
    let paths: Vec<(&str, &Path)> = dirs.iter().map(|(k, p)| (*k, p.as_path())).collect();
    pty::Tui::start(
        args,
        &paths,
        &[("UNCONF_DEVICE", device), ("UNCONF_AUTHOR", author)],
        80,
        24,
    )
}

/// The one event this machine keeps state for: `events/<event id>`.
fn event_state(env: &Env) -> PathBuf {
    let events = env.state().join("events");
    let found = names(&events);
    assert_eq!(found.len(), 1, "{found:?}");
    events.join(&found[0])
}

/// Every file under `dir`, by path relative to it, with its bytes.
fn files_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut found: Vec<(String, Vec<u8>)> = common::files(dir)
        .into_iter()
        .map(|(p, bytes)| (p.to_string_lossy().into_owned(), bytes))
        .collect();
    found.sort();
    found
}

/// Waits until `seen` holds, failing the test after [`pty::PATIENCE`].
fn wait_until(what: &str, seen: impl Fn() -> bool) {
    let start = Instant::now();
    while start.elapsed() < pty::PATIENCE {
        if seen() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("timed out waiting for {what}");
}

/// Only visible `*.ron` files, no folder, no hidden file.
fn assert_only_device_files(dir: &Path) {
    for name in names(dir) {
        let path = dir.join(&name);
        assert!(
            path.is_file() && !name.starts_with('.') && name.ends_with(".ron"),
            "{name} in the event folder"
        );
    }
}

#[test]
fn after_a_day_of_commands_and_the_tui_the_event_folder_holds_device_files_only() {
    let env = Env::new();
    env.ok(&["new", "Local day"]);
    env.ok(&["room", "add", "local-day", "Main hall"]);
    env.ok(&[
        "slot",
        "add",
        "local-day",
        "10:00",
        "11:00",
        "--label",
        "Round 1",
    ]);
    env.ok(&["pitch", "add", "local-day", "Skills for all"]);
    env.ok(&[
        "schedule",
        "local-day",
        "Skills",
        "--slot",
        "Round 1",
        "--room",
        "Main hall",
    ]);
    env.ok(&["note", "add", "local-day", "Skills", "A point"]);
    let taker = ("taker", "Kim");
    env.ok_as(
        taker,
        &["note", "add", "local-day", "Skills", "From the breakout"],
    );

    let mut tui = tui(&env, ORGANISER, &["open", "local-day"]);
    tui.wait_for("Local day");
    tui.type_text("2");
    tui.wait_for("Skills for all");
    tui.type_text("a");
    tui.type_text("Half a pitch");
    tui.wait_for("Half a pitch");
    // The draft is kept within a couple of seconds of idle, locally.
    let drafts = event_state(&env)
        .join("drafts")
        .join(format!("{}.ron", Identity::derived_id(ORGANISER.0)));
    wait_until("the draft in local state", || {
        std::fs::read_to_string(&drafts).is_ok_and(|t| t.contains("Half a pitch"))
    });
    tui.enter();
    tui.wait_for("Added \"Half a pitch\"");
    tui.escape();
    tui.type_text("q");
    assert!(tui.wait_exit(), "unconf exits cleanly");
    env.ok(&["pitch", "add", "local-day", "After the TUI"]);
    let listed = pty::cli(
        env.root(),
        &[("UNCONF_DEVICE", "reader"), ("UNCONF_AUTHOR", "reader")],
        &["pitch", "list", "local-day"],
    );
    assert!(listed.contains("Half a pitch"), "{listed}");

    let dir = env.event_dir("local-day");
    assert_only_device_files(&dir);
    assert_eq!(
        names(&dir),
        [
            device_file(&dir, "organiser")
                .file_name()
                .and_then(|n| n.to_str())
                .expect("a name"),
            device_file(&dir, "taker")
                .file_name()
                .and_then(|n| n.to_str())
                .expect("a name"),
        ]
    );
    let locks = names(&env.state().join("locks"));
    assert_eq!(locks.len(), 2, "one per device: {locks:?}");
    let state = event_state(&env);
    assert!(!names(&state.join("backups")).is_empty());
    assert!(drafts.is_file());
}

#[test]
fn a_backup_cut_short_is_never_left_under_a_backups_name() {
    let env = Env::new();
    env.ok(&["new", "Backup day"]);
    let own = device_file(&env.event_dir("backup-day"), "organiser");
    let control = env.root().join("faults");
    for fault in ["eio", "fsync"] {
        std::fs::write(&control, fault).expect("control file");
        env.tick();
        let output = env
            .command_at(ORGANISER, &env.now())
            .env(FAULT_SEAM, &control)
            .args(["pitch", "add", "backup-day", "Never saved"])
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(2), "{fault}: {output:?}");
        let backups = event_state(&env).join("backups");
        let left = if backups.exists() {
            names(&backups)
        } else {
            Vec::new()
        };
        assert_eq!(left, Vec::<String>::new(), "{fault}");
    }
    std::fs::write(&control, "").expect("control file");
    let before = std::fs::read(&own).expect("the own file");
    env.ok(&["pitch", "add", "backup-day", "Saved"]);
    let backups = event_state(&env).join("backups");
    let made = names(&backups);
    assert_eq!(made.len(), 1, "{made:?}");
    assert_eq!(
        std::fs::read(backups.join(&made[0])).expect("the backup"),
        before,
        "the whole own file as it was before the save"
    );
}

#[test]
fn two_conflict_copies_with_one_name_are_both_kept_in_the_trash() {
    let env = Env::new();
    env.ok(&["new", "Copy day"]);
    let dir = env.event_dir("copy-day");
    let own = device_file(&dir, "organiser");
    let stem = own
        .file_stem()
        .and_then(|s| s.to_str())
        .expect("a name")
        .to_string();
    // Dropbox names its copies by date only: the same name on the same day.
    let copy = dir.join(format!("{stem} (Sam's conflicted copy 2026-11-27).ron"));
    let mut copies = Vec::new();
    for title in ["First", "Second"] {
        std::fs::copy(&own, &copy).expect("a conflict copy");
        copies.push(std::fs::read(&copy).expect("the copy"));
        env.ok(&["pitch", "add", "copy-day", title]);
        assert!(!copy.exists(), "folded and moved away");
    }
    assert_ne!(copies[0], copies[1]);
    assert_only_device_files(&dir);
    let trash = files_under(&event_state(&env).join("trash"));
    assert_eq!(trash.len(), 2, "{trash:?}");
    for (name, bytes) in &trash {
        assert!(name.starts_with(&format!("{stem} (Sam's conflicted copy 2026-11-27).")));
        assert!(copies.contains(bytes), "{name}");
    }
}

#[test]
fn an_older_unconf_folder_is_taken_over_and_removed_once_every_device_has() {
    let env = Env::new();
    env.ok(&["new", "Old day"]);
    env.ok_as(("sam", "Sam"), &["pitch", "add", "old-day", "Sam's pitch"]);
    let dir = env.event_dir("old-day");
    let me = Identity::derived_id("organiser");
    let sam = Identity::derived_id("sam");
    let own_name = device_file(&dir, "organiser")
        .file_name()
        .and_then(|n| n.to_str())
        .expect("a name")
        .to_string();
    let old = dir.join(".unconf");
    let write = |path: &str, text: &str| {
        let path = old.join(path);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("folder");
        std::fs::write(path, text).expect("written");
    };
    let draft = |text: &str| {
        format!(r#"{{"pitch-quick-add": (text: "{text}", saved_at: "2026-11-26T17:00:00Z")}}"#)
    };
    write(&format!("drafts/{me}.ron"), &draft("Typed yesterday"));
    write(&format!("drafts/{sam}.ron"), &draft("Sam typed yesterday"));
    write(
        &format!("backups/{own_name}.20261126T170000.000Z.bak"),
        "yesterday's backup",
    );
    write(
        &format!("trash/organiser-{me} (conflicted copy 2026-11-26).ron"),
        "yesterday's copy",
    );
    write(&format!("locks/{me}.lock"), "");
    write(&format!("locks/{me}.holder"), "host=here\npid=1\nsince=x\n");
    write(&format!("locks/{sam}.lock"), "");
    write(&format!("locks/{sam}.holder"), "host=sam\npid=2\nsince=y\n");

    // The organiser's TUI finds its draft, now in local state.
    let mut tui = tui(&env, ORGANISER, &["open", "old-day"]);
    tui.wait_for("Unsaved text from last time is back");
    tui.wait_for("Typed yesterday");
    tui.escape();
    tui.type_text("q");
    assert!(tui.wait_exit(), "unconf exits cleanly");
    assert_eq!(
        files_under(&old)
            .into_iter()
            .map(|(p, _)| p)
            .collect::<Vec<_>>(),
        [
            format!("drafts/{sam}.ron"),
            format!("locks/{sam}.holder"),
            format!("locks/{sam}.lock"),
        ],
        "only the other device's files are left"
    );
    let state = event_state(&env);
    assert_eq!(
        std::fs::read_to_string(
            state
                .join("backups")
                .join(format!("{own_name}.20261126T170000.000Z.bak"))
        )
        .expect("the backup moved"),
        "yesterday's backup"
    );
    let trash = files_under(&state.join("trash"));
    assert_eq!(trash.len(), 1, "{trash:?}");
    assert_eq!(trash[0].1, b"yesterday's copy");

    env.ok_as(("sam", "Sam"), &["pitch", "add", "old-day", "Sam again"]);
    assert!(!old.exists(), "gone once the last device took its files");
    assert_only_device_files(&dir);
    let sams = std::fs::read_to_string(state.join("drafts").join(format!("{sam}.ron")))
        .expect("Sam's drafts moved");
    assert!(sams.contains("Sam typed yesterday"), "{sams}");
}

#[test]
fn a_process_on_its_way_out_marks_every_lock_it_holds_as_closing() {
    let env = Env::new();
    env.ok(&["new", "Closing day"]);
    let dir = env.event_dir("closing-day");
    let folder = EventFolder::open(
        &dir,
        Identity::from_label("organiser", "Georgina"),
        unconf::store::Clock::Fixed(
            chrono::DateTime::parse_from_rfc3339(common::DAY_START).expect("a time"),
        ),
        Access::Write,
    )
    .expect("opens");
    let lock = unconf::store::LocalState::at(env.state())
        .lock_file(&dir, &Identity::derived_id("organiser"));
    let note = std::fs::read_to_string(&lock).expect("the note");
    assert!(!note.contains("closing"), "{note}");
    unconf::store::lock::mark_all_closing();
    let note = std::fs::read_to_string(&lock).expect("the note");
    assert!(
        note.contains(&format!("pid={}\n", std::process::id())),
        "{note}"
    );
    assert!(note.ends_with("closing=yes\n"), "{note}");
    drop(folder);
}
