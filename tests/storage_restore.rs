//! An older copy of a laptop's own file coming back (a sync tool, a
//! restore from a backup) must not make that laptop's next edit look old:
//! the edit is shown, or kept as a conflict, and `check` says the file is
//! older than what other laptops have seen of it. Backups live in the
//! machine's local state, and a backup is never left half-written.

mod common;

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};

use common::{
    Env, SESSION, age_files, copy_device_files, device_file, first_session, names, path_arg, texts,
};

const A: (&str, &str) = ("laptop-a", "Ann");
const B: (&str, &str) = ("laptop-b", "Ben");
const B_SUMMARY: &str = "summary from laptop B, written after reading laptop A";
const NEW: &str = "new summary from laptop A, after the old copy came back";

/// Laptop A's rolling backups of its file for the event in `dir`, in its
/// local state; the event id is the JSON export's `id`.
fn backups(env: &Env, dir: &Path) -> PathBuf {
    let export = env.export_json(A, dir);
    let id = export["id"].as_str().expect("the event's id");
    env.local_state(A.0, id).join("backups")
}

/// Backups under their final names (hidden temporaries left out).
fn final_backups(dir: &Path) -> Vec<String> {
    if !dir.is_dir() {
        return Vec::new();
    }
    names(dir)
        .into_iter()
        .filter(|n| !n.starts_with('.') && dir.join(n).is_file())
        .collect()
}

/// Laptop A takes notes and writes a summary, laptop B writes its own
/// after reading it, both in one shared folder; then `older` (bytes of
/// laptop A's file from before) is put back as laptop A's file.
fn edits_then_older_copy(env: &Env, dir: &Path, notes: usize, older: impl FnOnce() -> Vec<u8>) {
    let event = path_arg(dir);
    for i in 1..=notes {
        env.ok_on(A, &["note", "add", event, SESSION, &format!("A note {i}")]);
    }
    let first = "first summary from laptop A";
    env.ok_on(A, &["session", "set", event, SESSION, "--summary", first]);
    env.ok_on(
        B,
        &["session", "set", event, SESSION, "--summary", B_SUMMARY],
    );
    let older = older();
    std::fs::write(device_file(dir, A.0), older).expect("the older copy put back");
}

/// The scene of stale-own-file-buries-new-edits.sh, up to the old copy
/// coming back.
fn stale_own_file() -> (Env, PathBuf) {
    let env = Env::new();
    let dir = env.open_day(A);
    let older = std::fs::read(device_file(&dir, A.0)).expect("laptop A's file");
    edits_then_older_copy(&env, &dir, 4, || older);
    (env, dir)
}

/// The scene of restored-backup-buries-new-edits.sh, up to the restore
/// of the newest backup.
fn restored_backup() -> (Env, PathBuf) {
    let env = Env::new();
    let dir = env.open_day(A);
    let backups = backups(&env, &dir);
    // Ten minutes pass: the next save makes a backup.
    age_files(&backups, 600);
    edits_then_older_copy(&env, &dir, 2, || {
        let newest = final_backups(&backups)
            .into_iter()
            .map(|n| backups.join(n))
            .max_by_key(|p| p.metadata().and_then(|m| m.modified()).ok())
            .unwrap_or_else(|| {
                panic!(
                    "no backup of laptop A's file in its local state ({}); the event folder holds {:?}",
                    backups.display(),
                    names(&dir)
                )
            });
        std::fs::read(newest).expect("the newest backup")
    });
    (env, dir)
}

/// Laptop A's `check`, stdout and stderr together.
fn check(env: &Env, dir: &Path) -> String {
    let run = env.run_on(A, &["check", path_arg(dir)]);
    format!("{}{}", run.stdout, run.stderr)
}

/// Laptop A writes a new summary: it must be shown, or be a conflict.
fn assert_new_summary_survives(env: &Env, dir: &Path) {
    let said = env.ok_on(
        A,
        &["session", "set", path_arg(dir), SESSION, "--summary", NEW],
    );
    let (summary, conflicted) = first_session(&env.export_json(A, dir));
    assert!(
        summary == NEW || conflicted,
        "laptop A's new summary is hidden under {summary:?}, with no conflict (the command said: {said})"
    );
}

/// From stale-own-file-buries-new-edits.sh.
#[test]
fn an_edit_after_an_older_own_file_came_back_is_shown_or_kept_as_a_conflict() {
    let (env, dir) = stale_own_file();
    assert_new_summary_survives(&env, &dir);
}

/// From stale-own-file-buries-new-edits.sh.
#[test]
fn check_says_when_an_older_own_file_came_back() {
    let (env, dir) = stale_own_file();
    let said = check(&env, &dir);
    assert!(said.contains("older than"), "check said: {said}");
}

/// From restored-backup-buries-new-edits.sh.
#[test]
fn an_edit_after_restoring_the_newest_backup_is_shown_or_kept_as_a_conflict() {
    let (env, dir) = restored_backup();
    assert_new_summary_survives(&env, &dir);
}

/// From restored-backup-buries-new-edits.sh.
#[test]
fn check_says_when_a_restored_backup_is_older_than_others_have_seen() {
    let (env, dir) = restored_backup();
    let said = check(&env, &dir);
    assert!(said.contains("older than"), "check said: {said}");
}

/// True when `bytes` (a device file) hold `text`, which has no character
/// that RON escapes (such as `'`).
fn holds(bytes: &[u8], text: &str) -> bool {
    String::from_utf8_lossy(bytes).contains(text)
}

/// The bytes of every backup of laptop A's file under `dir`.
fn backup_contents(dir: &Path) -> Vec<Vec<u8>> {
    final_backups(dir)
        .into_iter()
        .map(|n| std::fs::read(dir.join(n)).expect("a backup"))
        .collect()
}

/// Laptop A's notes that, once its older file is back, only laptop B's
/// file holds (carried there by `unconf merge`).
const CARRIED: [&str; 2] = [
    "A note that the file of laptop B carries",
    "Another note that the file of laptop B carries",
];

/// Laptop A's versions carried in laptop B's file come back into laptop
/// A's own file with its next write after an older copy of it came back.
#[test]
fn a_stale_own_file_takes_back_its_versions_from_another_laptops_file() {
    let env = Env::new();
    let a = env.open_day(A);
    let older = std::fs::read(device_file(&a, A.0)).expect("laptop A's file");
    // Laptop B takes a copy of the folder and writes in it.
    let b = env.root().join("laptop-b").join("open-day");
    copy_device_files(&a, &b);
    env.ok_on(B, &["note", "add", path_arg(&b), SESSION, "A note by B"]);
    for text in CARRIED {
        env.ok_on(A, &["note", "add", path_arg(&a), SESSION, text]);
    }
    // Laptop B merges laptop A's folder: its own file carries A's notes.
    env.ok_on(B, &["merge", path_arg(&b), path_arg(&a)]);
    let b_file = std::fs::read(device_file(&b, B.0)).expect("laptop B's file");
    for text in CARRIED {
        assert!(holds(&b_file, text), "laptop B's file lacks {text:?}");
        assert!(
            !holds(&older, text),
            "the older copy already holds {text:?}"
        );
    }
    // Laptop B's file reaches laptop A's folder, and an older copy of
    // laptop A's file comes back.
    std::fs::write(device_file(&a, B.0), &b_file).expect("laptop B's file");
    std::fs::write(device_file(&a, A.0), &older).expect("the older copy");
    // Laptop A's backups were all taken before the notes: only laptop B's
    // file can give them back.
    for backup in backup_contents(&backups(&env, &a)) {
        assert!(CARRIED.iter().all(|text| !holds(&backup, text)));
    }
    let said = check(&env, &a);
    assert!(said.contains("older than"), "check said: {said}");
    env.ok_on(A, &["pitch", "add", path_arg(&a), "Any edit at all"]);
    let own = std::fs::read(device_file(&a, A.0)).expect("laptop A's file");
    for text in CARRIED {
        assert!(
            holds(&own, text),
            "laptop A's own file did not take back {text:?} from laptop B's"
        );
    }
    // Laptop A's file alone now shows them.
    std::fs::remove_file(device_file(&a, B.0)).expect("laptop B's file goes");
    let notes = texts(&env.export_json(A, &a), "notes", "text");
    for text in CARRIED {
        assert!(notes.contains(&text.to_string()), "{notes:?}");
    }
}

/// A note of laptop A's that, once an older copy of its file is back, only
/// this machine's backups hold.
const BACKED_UP: &str = "A note that only a backup of the file of laptop A holds";

/// Laptop A's versions in this machine's backups come back into its own
/// file with its next write, when another laptop has seen edits of laptop
/// A's that the older copy lacks.
#[test]
fn a_stale_own_file_takes_back_from_this_machines_backups() {
    let env = Env::new();
    let dir = env.open_day(A);
    let event = path_arg(&dir);
    let older = std::fs::read(device_file(&dir, A.0)).expect("laptop A's file");
    env.ok_on(A, &["note", "add", event, SESSION, BACKED_UP]);
    let backups = backups(&env, &dir);
    // Ten minutes pass: the next save backs up the file that holds the note.
    age_files(&backups, 600);
    let first = "first summary from laptop A";
    env.ok_on(A, &["session", "set", event, SESSION, "--summary", first]);
    assert!(
        backup_contents(&backups)
            .iter()
            .any(|backup| holds(backup, BACKED_UP)),
        "no backup in {} holds the note",
        backups.display()
    );
    // Laptop B has seen laptop A's summary, and writes its own over it.
    env.ok_on(
        B,
        &["session", "set", event, SESSION, "--summary", B_SUMMARY],
    );
    std::fs::write(device_file(&dir, A.0), &older).expect("the older copy");
    // As if this machine had lost its copy of the own file as it last wrote
    // it (which would bring the note back at once): only backups are left.
    let latest = backups.parent().expect("the event's state").join("latest");
    std::fs::remove_dir_all(&latest).expect("the latest copies");
    // Reading takes nothing back: no file in the folder holds the note.
    let notes = texts(&env.export_json(A, &dir), "notes", "text");
    assert!(!notes.contains(&BACKED_UP.to_string()), "{notes:?}");
    let said = check(&env, &dir);
    assert!(said.contains("older than"), "check said: {said}");
    env.ok_on(A, &["pitch", "add", event, "Any edit at all"]);
    let own = std::fs::read(device_file(&dir, A.0)).expect("laptop A's file");
    assert!(
        holds(&own, BACKED_UP),
        "laptop A's own file did not take the note back from its backups"
    );
    let notes = texts(&env.export_json(A, &dir), "notes", "text");
    assert!(notes.contains(&BACKED_UP.to_string()), "{notes:?}");
}

/// Notes laptop A took after a copy of its folder went onto a USB stick
/// survive the stick's older copy being copied back over the folder (no
/// other laptop had seen them; only this machine's copy of its own file as
/// it last wrote it holds them).
#[test]
fn an_older_copy_put_back_from_a_stick_loses_no_note_this_laptop_took() {
    let env = Env::new();
    let dir = env.open_day(A);
    let event = path_arg(&dir);
    env.ok_on(A, &["note", "add", event, SESSION, "Before the stick"]);
    let stick = std::fs::read(device_file(&dir, A.0)).expect("laptop A's file");
    for text in ["After the stick, one", "After the stick, two"] {
        env.ok_on(A, &["note", "add", event, SESSION, text]);
    }
    std::fs::write(device_file(&dir, A.0), stick).expect("copied back");
    let said = check(&env, &dir);
    assert!(said.contains("older than"), "check said: {said}");
    env.ok_on(
        A,
        &["note", "add", event, SESSION, "After the copy came back"],
    );
    let notes = texts(&env.export_json(A, &dir), "notes", "text");
    for text in [
        "Before the stick",
        "After the stick, one",
        "After the stick, two",
        "After the copy came back",
    ] {
        assert!(notes.contains(&text.to_string()), "{text}: {notes:?}");
        assert!(
            holds(&std::fs::read(device_file(&dir, A.0)).expect("read"), text),
            "{text} is in laptop A's own file again"
        );
    }
}

/// Laptop A's own file removed (git clean, someone tidying up): its next
/// write brings back everything it had written, so the file that reaches
/// other laptops takes nothing away from them.
#[test]
fn a_removed_own_file_comes_back_whole_with_the_next_write() {
    let env = Env::new();
    let dir = env.open_day(A);
    let event = path_arg(&dir);
    env.ok_on(B, &["note", "add", event, SESSION, "Laptop B's note"]);
    std::fs::remove_file(device_file(&dir, A.0)).expect("removed");
    env.ok_on(A, &["decision", "add", event, "A decision"]);
    let json = env.export_json(B, &dir);
    assert_eq!(
        texts(&json, "rooms", "name"),
        ["Library"],
        "laptop A's setup is still there"
    );
    assert_eq!(texts(&json, "pitches", "title"), ["Open standards"]);
    assert_eq!(texts(&json, "decisions", "text"), ["A decision"]);
}

/// Saves interrupted while the backup is written: tries at most.
const TRIES: usize = 5;

/// From killed-backup-is-truncated.py: `unconf note add` on an own file of
/// about 4 MB (so that copying it takes a moment) is killed with SIGKILL
/// the moment a new backup appears. Whatever sits under a backup's final
/// name is a whole copy of the own file; only hidden temporaries may be
/// partial.
#[test]
fn a_save_killed_while_backing_up_leaves_no_partial_backup() {
    let env = Env::new();
    let dir = env.open_day(A);
    let event = path_arg(&dir);
    // Forty pitches with long descriptions, imported in one save (forty
    // `note add`s of a growing file take long in a debug build).
    let long = "y".repeat(100_000);
    let mut csv = String::from("Session title,Description\n");
    for i in 0..40 {
        csv.push_str(&format!("Long pitch {i},{long}\n"));
    }
    let import = env.root().join("long-pitches.csv");
    std::fs::write(&import, csv).expect("the CSV");
    env.ok_on(A, &["pitch", "import", event, path_arg(&import)]);
    let own = device_file(&dir, A.0);
    let size = own.metadata().expect("laptop A's file").len();
    assert!(size > 4_000_000, "laptop A's file is {size} bytes");
    let backups = backups(&env, &dir);
    let mut seen = final_backups(&backups);
    let (mut appeared, mut killed) = (0, 0);
    for k in 0..TRIES {
        // Ten minutes pass: a backup is due again.
        age_files(&backups, 600);
        let before = std::fs::read(&own).expect("laptop A's file");
        env.tick();
        let mut child = env
            .process_on(A, &env.now())
            .args(["note", "add", event, SESSION, &format!("note {k}")])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("unconf starts");
        // Watch without pausing, to kill as close as possible to the moment
        // the backup's name appears; bounded by the process ending.
        let fresh = |seen: &[String]| -> Vec<String> {
            final_backups(&backups)
                .into_iter()
                .filter(|n| !seen.contains(n))
                .collect()
        };
        let mut new = Vec::new();
        while child.try_wait().expect("the child").is_none() {
            new = fresh(&seen);
            if !new.is_empty() {
                // Fails only when the process has already been reaped.
                let _ = child.kill();
                break;
            }
        }
        let status = child.wait().expect("waited");
        killed += usize::from(status.signal() == Some(9));
        if new.is_empty() {
            new = fresh(&seen);
        }
        appeared += new.len();
        let after = std::fs::read(&own).expect("laptop A's file");
        for name in &new {
            let data = std::fs::read(backups.join(name)).expect("the backup");
            assert!(
                data == before || data == after,
                "try {k}: the backup {name} holds {} bytes, not a whole copy of laptop A's file ({} bytes)",
                data.len(),
                before.len()
            );
        }
        seen.extend(new);
    }
    println!("{appeared} backups appeared in {TRIES} saves, {killed} saves killed");
    assert!(
        appeared > 0,
        "no backup appeared in laptop A's local state ({}) in {TRIES} saves; the event folder holds {:?}",
        backups.display(),
        names(&dir)
    );
}

/// Laptop A's own file emptied (a full disk, a cloud placeholder): reading
/// the event still shows everything, from this machine's copy of the file as
/// it last wrote it; a write is refused (the file is never overwritten while
/// unreadable) until the file is moved away, and then nothing is lost.
#[test]
fn an_unreadable_own_file_still_lets_this_laptop_read_and_loses_nothing() {
    let env = Env::new();
    let dir = env.open_day(A);
    let event = path_arg(&dir);
    env.ok_on(
        A,
        &["note", "add", event, SESSION, "Taken before the file broke"],
    );
    let own = device_file(&dir, A.0);
    std::fs::write(&own, b"").expect("emptied");
    let notes = texts(&env.export_json(A, &dir), "notes", "text");
    assert!(
        notes.contains(&"Taken before the file broke".to_string()),
        "{notes:?}"
    );
    let refused = env.run_on(A, &["note", "add", event, SESSION, "Refused"]);
    assert_eq!(refused.code, 2, "{refused:?}");
    assert!(
        std::fs::read(&own).expect("read").is_empty(),
        "never overwritten"
    );
    std::fs::remove_file(&own).expect("moved away");
    env.ok_on(
        A,
        &["note", "add", event, SESSION, "After the file was moved"],
    );
    let notes = texts(&env.export_json(A, &dir), "notes", "text");
    for text in ["Taken before the file broke", "After the file was moved"] {
        assert!(notes.contains(&text.to_string()), "{text}: {notes:?}");
    }
}
