//! A device's own file that cannot be read is never overwritten: the event
//! opens read-only for that device, with the reason, until the file is
//! fixed or moved. Writing would otherwise replace everything the file held
//! with only the new edit.

mod crash_kit;

use crash_kit::{Home, clock};
use unconf::model::{Change, Decision, Record};
use unconf::store::{Access, EventFolder, Identity, StoreError};

const DEVICE: &str = "organiser";

/// An event of three pitches by `DEVICE`, whose own file is then replaced
/// by `broken(text)`; returns the folder and the broken bytes.
fn with_broken_own_file(broken: impl Fn(&str) -> String) -> (Home, std::path::PathBuf, Vec<u8>) {
    let home = Home::new();
    let dir = home.seed_event("Own file day", DEVICE, 3);
    // Another device's file, so that the event still opens without ours.
    let sam = home
        .command("sam", &["pitch", "add", "own-file-day", "Sam's pitch"])
        .output()
        .expect("runs");
    assert!(sam.status.success(), "{sam:?}");
    let own = dir.join(format!(
        "{}.ron",
        Identity::from_label(DEVICE, DEVICE).file_stem()
    ));
    let text = std::fs::read_to_string(&own).expect("the own file");
    let bytes = broken(&text).into_bytes();
    std::fs::write(&own, &bytes).expect("broken");
    (home, own, bytes)
}

fn decision() -> Vec<Change> {
    let id = unconf::model::Id::new("01M8E7ZZZZZZZZZZZZZZZZZZZZ");
    let record = Record::Decision(Decision {
        text: "Meet again".into(),
        lead: None,
    });
    vec![Change::put(id, record)]
}

fn assert_refused_and_untouched(own: &std::path::Path, bytes: &[u8]) {
    let dir = own.parent().expect("a folder");
    let mut folder = EventFolder::open(
        dir,
        Identity::from_label(DEVICE, DEVICE),
        clock(),
        Access::Write,
    )
    .expect("the event still opens");
    let reason = folder.read_only().expect("read-only").to_string();
    assert!(reason.contains(&own.display().to_string()), "{reason}");
    let refused = folder.commit(decision()).expect_err("no write");
    assert!(matches!(refused, StoreError::ReadOnly { .. }), "{refused}");
    drop(folder);
    assert_eq!(std::fs::read(own).expect("still there"), bytes);
}

#[test]
fn a_truncated_own_file_is_never_overwritten() {
    let (_home, own, bytes) = with_broken_own_file(|t| t[..t.len() / 2].to_string());
    assert_refused_and_untouched(&own, &bytes);
}

#[test]
fn an_own_file_with_a_type_error_is_never_overwritten() {
    let (_home, own, bytes) =
        with_broken_own_file(|t| t.replacen("interest: 1,", "interest: -1,", 1));
    assert_refused_and_untouched(&own, &bytes);
}

#[test]
fn a_sync_tools_copy_of_a_broken_own_file_is_not_folded_over_it() {
    let good = std::cell::RefCell::new(String::new());
    let (_home, own, bytes) = with_broken_own_file(|t| {
        good.replace(t.to_string());
        t[..t.len() / 2].to_string()
    });
    // A good copy of this device's file, as a sync tool leaves it: opening
    // for writing folds such copies into the own file, which must not
    // happen over a file that cannot be read.
    let copy = own.with_file_name("organiser-134fga9j.sync-conflict-20261127-101500-ABCDEFG.ron");
    std::fs::write(&copy, good.borrow().as_bytes()).expect("a copy");
    assert_refused_and_untouched(&own, &bytes);
    assert!(copy.exists(), "the copy is left where it is");
}
