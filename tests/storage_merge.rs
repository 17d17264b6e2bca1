//! `unconf merge` with a folder or a zip that holds two copies of one
//! laptop's file: laptop B's file and, beside it, an older copy a sync tool
//! left (`….sync-conflict-….ron`, read as one more input). Merging brings
//! in every note the other copy shows, merging the same thing again writes
//! nothing, and merge never writes any file but this laptop's own.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::{Env, SESSION, copy_device_files, device_file, files, names, path_arg, texts};

const A: (&str, &str) = ("laptop-a", "Ann");
const B: (&str, &str) = ("laptop-b", "Ben");

/// Laptop A's folder, a copy of it as it was before any of laptop B's
/// newest notes (for the zip), laptop B's folder holding an older copy of
/// its own file beside it, and the zip laptop B packed of that folder.
struct TwoCopies {
    env: Env,
    a: PathBuf,
    a_again: PathBuf,
    b: PathBuf,
    zip: PathBuf,
}

/// The scene of merge-two-copies-of-one-device.sh.
fn two_copies() -> TwoCopies {
    let env = Env::new();
    let a = env.open_day(A);
    let b = env.root().join("laptop-b").join("open-day");
    copy_device_files(&a, &b);
    let (a_arg, b_arg) = (path_arg(&a), path_arg(&b));
    for i in 1..=2 {
        env.ok_on(B, &["note", "add", b_arg, SESSION, &format!("B note {i}")]);
    }
    env.ok_on(A, &["merge", a_arg, b_arg]);
    env.ok_on(B, &["note", "add", b_arg, SESSION, "B note 3"]);
    let b_file = device_file(&b, B.0);
    let older = std::fs::read(&b_file).expect("laptop B's file");
    for i in 4..=5 {
        env.ok_on(B, &["note", "add", b_arg, SESSION, &format!("B note {i}")]);
    }
    // A sync tool leaves the older version beside laptop B's file.
    let stem = b_file.file_stem().and_then(|s| s.to_str()).expect("a name");
    let conflict = b.join(format!("{stem}.sync-conflict-20261127-103000-ABCDEFG.ron"));
    std::fs::write(conflict, older).expect("the conflict copy");
    let a_again = env.root().join("laptop-a-again").join("open-day");
    copy_device_files(&a, &a_again);
    let zip = env.root().join("laptop-b.zip");
    env.ok_on(B, &["pack", b_arg, "--out", path_arg(&zip)]);
    TwoCopies {
        env,
        a,
        a_again,
        b,
        zip,
    }
}

impl TwoCopies {
    fn notes(&self, dir: &Path) -> Vec<String> {
        texts(&self.env.export_json(A, dir), "notes", "text")
    }

    /// Laptop A merges `other` into `into`, which must succeed.
    fn merge(&self, into: &Path, other: &Path) -> String {
        self.env
            .ok_on(A, &["merge", path_arg(into), path_arg(other)])
    }

    /// Notes laptop B's folder shows that `dir` does not.
    fn missing_in(&self, dir: &Path) -> Vec<String> {
        let have = self.notes(dir);
        self.notes(&self.b)
            .into_iter()
            .filter(|n| !have.contains(n))
            .collect()
    }
}

/// Every file of the folder but laptop A's own, with its bytes.
fn others(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let own = device_file(dir, A.0);
    let own = own.strip_prefix(dir).expect("in the folder").to_path_buf();
    files(dir).into_iter().filter(|(p, _)| *p != own).collect()
}

/// Merge changed no file of another device, made none, and left no
/// `*.merged-*` copy.
fn assert_only_own_file_changed(before: &BTreeMap<PathBuf, Vec<u8>>, dir: &Path, what: &str) {
    let after = others(dir);
    let changed: BTreeSet<String> = before
        .keys()
        .chain(after.keys())
        .filter(|p| before.get(*p) != after.get(*p))
        .map(|p| p.display().to_string())
        .collect();
    assert!(
        changed.is_empty(),
        "{what} created or changed files other than laptop A's own: {changed:?}"
    );
    let merged: Vec<String> = names(dir)
        .into_iter()
        .filter(|n| n.contains(".merged-"))
        .collect();
    assert!(merged.is_empty(), "{what} left {merged:?}");
}

/// From merge-two-copies-of-one-device.sh (merging laptop B's folder).
#[test]
fn merging_a_folder_with_an_older_copy_of_a_device_file_brings_in_every_note_it_shows() {
    let s = two_copies();
    assert_eq!(
        s.notes(&s.b),
        ["B note 1", "B note 2", "B note 3", "B note 4", "B note 5"]
    );
    let said = s.merge(&s.a, &s.b);
    let missing = s.missing_in(&s.a);
    assert!(
        missing.is_empty(),
        "after merging laptop B's folder laptop A lacks {missing:?}; the merge said: {said}"
    );
}

/// From merge-two-copies-of-one-device.sh (merging the zip laptop B packed).
#[test]
fn merging_a_zip_with_an_older_copy_of_a_device_file_brings_in_every_note_it_shows() {
    let s = two_copies();
    let said = s.merge(&s.a_again, &s.zip);
    let missing = s.missing_in(&s.a_again);
    assert!(
        missing.is_empty(),
        "after merging laptop B's zip laptop A lacks {missing:?}; the merge said: {said}"
    );
}

/// From merge-two-copies-of-one-device.sh: only laptop A's own file may
/// change, whatever is merged (git and sync tools would otherwise see two
/// writers of laptop B's file).
#[test]
fn merge_changes_no_file_but_this_laptops_own() {
    let s = two_copies();
    for (into, other, what) in [
        (&s.a, &s.b, "merging laptop B's folder"),
        (&s.a_again, &s.zip, "merging laptop B's zip"),
    ] {
        let before = others(into);
        s.merge(into, other);
        assert_only_own_file_changed(&before, into, what);
    }
}

/// From merge-two-copies-of-one-device.sh: merging is idempotent.
#[test]
fn merging_the_same_folder_or_zip_again_reports_nothing_new_and_writes_nothing() {
    let s = two_copies();
    for (into, other) in [(&s.a, &s.b), (&s.a_again, &s.zip)] {
        s.merge(into, other);
        let before = files(into);
        let again = s.env.run_on(A, &["merge", path_arg(into), path_arg(other)]);
        assert_eq!(again.code, 0, "{again:?}");
        assert!(
            again.stdout.contains("Nothing new"),
            "merging {} again: {again:?}",
            other.display()
        );
        common::assert_unchanged(&before, &files(into), "merging the same thing again");
    }
}

/// A real zip from `unconf pack` is read under the real caps (256 MiB of
/// any entry, 1 GiB in all; src/store/carry/tests.rs proves them with
/// small ones) and merges what it brings.
#[test]
fn a_small_zip_from_pack_merges_under_the_real_caps() {
    let env = Env::new();
    let a = env.open_day(A);
    let b = env.root().join("laptop-b").join("open-day");
    copy_device_files(&a, &b);
    env.ok_on(
        B,
        &["note", "add", path_arg(&b), SESSION, "Packed on laptop B"],
    );
    let zip = env.root().join("laptop-b.zip");
    env.ok_on(B, &["pack", path_arg(&b), "--out", path_arg(&zip)]);
    let size = zip.metadata().expect("the zip").len();
    assert!(size < 64 * 1024, "the zip is {size} bytes");
    let said = env.ok_on(A, &["merge", path_arg(&a), path_arg(&zip)]);
    assert!(!said.contains("Nothing new"), "{said}");
    let notes = texts(&env.export_json(A, &a), "notes", "text");
    assert_eq!(notes, ["Packed on laptop B"], "the merge said: {said}");
}
