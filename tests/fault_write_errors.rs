//! Writes that fail for other reasons than a full disk: an I/O error while
//! writing, a failed fsync (both injected through the test seam
//! `UNCONF_FAIL_WRITES` in `store/atomic.rs`), and a folder this user may
//! not write (for real, as an unprivileged user). Each leaves the previous
//! file byte for byte and no temporary file, the CLI names the file and
//! exits 2, and the same command succeeds once the cause is gone.

mod ci;
mod crash_kit;

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::Path;

use crash_kit::{Home, inspect, titles};
use unconf::store::Identity;
use unconf::store::atomic::FAULT_SEAM;

const DEVICE: &str = "organiser";
const EVENT: &str = "fault-day";

fn own_file(dir: &Path) -> std::path::PathBuf {
    dir.join(format!(
        "{}.ron",
        Identity::from_label(DEVICE, DEVICE).file_stem()
    ))
}

/// Runs `pitch add` with the seam switched to `fault`: refused, nothing
/// changed; then with the seam off: saved.
fn fails_then_succeeds(fault: &str, expected: &str) {
    let home = Home::new();
    let dir = home.seed_event("Fault day", DEVICE, 3);
    let own = own_file(&dir);
    let before = std::fs::read(&own).expect("the own file");
    let control = home.root().join("faults");
    std::fs::write(&control, fault).expect("control file");
    let add = ["pitch", "add", EVENT, "Written through a fault"];
    let output = with_faults(&home, &control, &add);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(&own.display().to_string()), "{stderr}");
    assert!(stderr.contains(expected), "{stderr}");
    assert_eq!(std::fs::read(&own).expect("intact"), before);
    assert_eq!(inspect(&dir).hidden_leftovers, 0, "no temporary file");

    std::fs::write(&control, "").expect("the fault is gone");
    let rerun = with_faults(&home, &control, &add);
    assert!(rerun.status.success(), "{rerun:?}");
    assert!(titles(&dir).contains("Written through a fault"));
}

#[test]
fn an_io_error_while_writing_changes_nothing() {
    fails_then_succeeds("eio", "input/output error");
}

#[test]
fn a_failed_fsync_changes_nothing_and_the_rerun_writes_afresh() {
    fails_then_succeeds("fsync", "input/output error on fsync");
}

#[test]
fn running_out_of_space_mid_write_changes_nothing() {
    fails_then_succeeds("enospc", "no space left on device");
}

/// Only root can hand a process to another user; elsewhere, say so.
fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|s| {
        s.lines()
            .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"))
    })
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[test]
fn a_folder_this_user_may_not_write_changes_nothing() {
    if !is_root() {
        ci::cannot_check("running unconf as another user needs root");
        return;
    }
    let home = Home::new();
    let dir = home.seed_event("Fault day", DEVICE, 3);
    let own = own_file(&dir);
    let before = std::fs::read(&own).expect("the own file");
    // The lock is taken first, in this machine's local state; make only
    // that part writable to "nobody".
    let locks = home.state().join("locks");
    for path in [home.root(), &home.sessions(), &dir, &own] {
        chmod(path, 0o755);
    }
    chmod(&own, 0o644);
    chmod(&locks, 0o777);
    for entry in std::fs::read_dir(&locks).expect("locks") {
        chmod(&entry.expect("an entry").path(), 0o666);
    }
    let add = ["pitch", "add", EVENT, "Written as nobody"];
    let output = home
        .command(DEVICE, &add)
        .uid(65534)
        .gid(65534)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&own.display().to_string()), "{stderr}");
    assert!(stderr.contains("Permission denied"), "{stderr}");
    assert_eq!(std::fs::read(&own).expect("intact"), before);
    assert_eq!(inspect(&dir).hidden_leftovers, 0);

    chmod(&dir, 0o777);
    let rerun = home
        .command(DEVICE, &add)
        .uid(65534)
        .gid(65534)
        .output()
        .expect("runs");
    assert!(rerun.status.success(), "{rerun:?}");
    assert!(titles(&dir).contains("Written as nobody"));
}

/// The folder's fsync failing after the rename: the new file is in place,
/// so the message must not say the file is as it was; it says what was
/// saved and that the edit is saved again with the next change.
#[test]
fn a_failed_folder_sync_after_the_rename_says_what_was_saved() {
    let home = Home::new();
    let dir = home.seed_event("Fault day", DEVICE, 3);
    let own = own_file(&dir);
    let control = home.root().join("faults");
    std::fs::write(&control, "dirsync").expect("control file");
    let add = ["pitch", "add", EVENT, "Renamed into place"];
    let output = with_faults(&home, &control, &add);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(!stderr.contains("as it was"), "{stderr}");
    assert!(stderr.contains("could not be synced"), "{stderr}");
    assert!(stderr.contains(&own.display().to_string()), "{stderr}");
    assert!(titles(&dir).contains("Renamed into place"));
    assert_eq!(inspect(&dir).hidden_leftovers, 0, "no temporary file");
}

/// The Markdown write-up, written as it is made: each injected failure
/// leaves the write-up that was there byte for byte and no temporary file,
/// says so in one sentence, and the rerun writes it.
#[test]
fn a_write_up_that_fails_to_write_leaves_the_old_one() {
    let home = Home::new();
    home.seed_event("Fault day", DEVICE, 3);
    let out = home.root().join("published");
    std::fs::create_dir_all(&out).expect("a folder");
    let file = out.join("write-up.md");
    std::fs::write(&file, "the write-up as it was").expect("written");
    let control = home.root().join("faults");
    let file_arg = file.to_string_lossy().into_owned();
    let export = ["export", EVENT, "--with-notes", "--out", &file_arg];
    for (fault, expected) in [
        ("eio", "input/output error"),
        ("enospc", "no space left on device"),
        ("fsync", "input/output error on fsync"),
    ] {
        std::fs::write(&control, fault).expect("control file");
        let output = with_faults(&home, &control, &export);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{fault}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{fault}: {stderr}");
        assert!(stderr.contains(&file_arg), "{fault}: {stderr}");
        assert!(stderr.contains(expected), "{fault}: {stderr}");
        assert!(stderr.contains("nothing was written"), "{fault}: {stderr}");
        let left = std::fs::read_to_string(&file).expect("still there");
        assert_eq!(left, "the write-up as it was", "{fault}");
        let names: Vec<String> = std::fs::read_dir(&out)
            .expect("the folder")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .collect();
        assert_eq!(names, ["write-up.md"], "{fault}: no temporary file");
    }
    std::fs::write(&control, "").expect("the fault is gone");
    let rerun = with_faults(&home, &control, &export);
    assert!(rerun.status.success(), "{rerun:?}");
    let written = std::fs::read_to_string(&file).expect("written");
    assert!(written.starts_with("# Fault day"), "{written}");
    // The folder's fsync fails after the new write-up is in place: the
    // sentence says it was written, not that nothing was.
    std::fs::write(&file, "the write-up as it was").expect("written");
    std::fs::write(&control, "dirsync").expect("control file");
    let output = with_faults(&home, &control, &export);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains(&format!("Wrote {file_arg}, but")),
        "{stderr}"
    );
    assert!(!stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).expect("read"), written);
}

/// Runs unconf with `args` and the test seam reading `control`.
fn with_faults(home: &Home, control: &Path, args: &[&str]) -> std::process::Output {
    home.command(DEVICE, args)
        .env(FAULT_SEAM, control)
        .output()
        .expect("runs")
}
