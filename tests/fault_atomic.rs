//! Atomic saves when the write itself fails: the previous file stays as it
//! was and no temporary file is left behind, whatever step failed.

mod common;

use common::names;
use unconf::store::atomic;

#[test]
fn a_failed_rename_leaves_no_temporary_file() {
    // A folder where the file should be makes the final rename fail after
    // the temporary file was written and synced: the last step that can.
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("sam-1a2b3c4d.ron");
    std::fs::create_dir(&target).expect("a folder in the way");
    for _ in 0..3 {
        atomic::write(&target, b"(records: [])").expect_err("cannot replace a folder");
    }
    assert_eq!(names(dir.path()), ["sam-1a2b3c4d.ron"]);
    assert!(target.is_dir(), "the folder in the way is untouched");
}

#[test]
fn a_write_into_a_missing_folder_fails_and_creates_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("gone").join("a.ron");
    atomic::write(&target, b"x").expect_err("no such folder");
    assert_eq!(names(dir.path()), Vec::<String>::new());
}

#[test]
fn many_saves_leave_only_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("a.ron");
    for n in 0..50 {
        atomic::write(&target, format!("version {n}").as_bytes()).expect("write");
    }
    assert_eq!(names(dir.path()), ["a.ron"]);
    assert_eq!(
        std::fs::read_to_string(&target).expect("read"),
        "version 49"
    );
}

#[test]
fn a_leftover_of_an_interrupted_write_is_swept_by_the_next_writer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("a.ron");
    atomic::write(&target, b"kept").expect("write");
    std::fs::write(dir.path().join(".a.ron.k3j9x2"), b"half a fi").expect("a leftover");
    assert_eq!(atomic::sweep_leftovers(dir.path(), "a.ron"), 1);
    assert_eq!(names(dir.path()), ["a.ron"]);
}
