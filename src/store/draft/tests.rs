use chrono::TimeZone;

use super::*;
use crate::model::Id;
use crate::store::local::LocalState;

fn at(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 10, minute, 0)
        .single()
        .expect("a time")
}

fn event(root: &Path) -> EventState {
    LocalState::at(root).for_event(&Id::new("01EVENT"))
}

fn write_map(path: &Path, drafts: &[(&str, &str, u32)]) {
    let map: BTreeMap<String, Draft> = drafts
        .iter()
        .map(|(key, text, minute)| {
            (
                (*key).to_string(),
                Draft {
                    text: (*text).to_string(),
                    saved_at: at(*minute),
                },
            )
        })
        .collect();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("dir");
    }
    let text = ron::ser::to_string_pretty(&map, ron::ser::PrettyConfig::new()).expect("ron");
    std::fs::write(path, text).expect("written");
}

#[test]
fn drafts_survive_a_restart_and_clear_when_committed() {
    let root = tempfile::tempdir().expect("temp dir");
    let event = event(root.path());
    let mut drafts = Drafts::open(&event, "dev1");
    assert_eq!(
        drafts.path(),
        root.path().join("events/01EVENT/drafts/dev1.ron")
    );
    drafts
        .set("note:s1", "half a thought", Utc::now())
        .expect("saved");
    let reopened = Drafts::open(&event, "dev1");
    assert_eq!(
        reopened.get("note:s1").map(|d| d.text.as_str()),
        Some("half a thought")
    );
    drafts.clear("note:s1").expect("cleared");
    assert!(Drafts::open(&event, "dev1").all().is_empty());
    assert!(Drafts::open(&event, "dev2").all().is_empty());
}

#[test]
fn a_device_id_that_is_no_plain_name_stays_inside_the_drafts_folder() {
    let root = tempfile::tempdir().expect("temp dir");
    let event = event(root.path());
    let drafts = Drafts::open(&event, "../../escaped");
    assert_eq!(drafts.path().parent(), Some(event.drafts().as_path()));
}

#[test]
fn taking_over_merges_both_files_and_loses_no_draft() {
    let root = tempfile::tempdir().expect("temp dir");
    let old = root.path().join("old/dev1.ron");
    let new = root.path().join("new/dev1.ron");
    write_map(
        &old,
        &[
            ("note:a", "only in the old file", 1),
            ("note:b", "the old text", 5),
            ("note:same", "typed once", 2),
        ],
    );
    write_map(
        &new,
        &[
            ("note:b", "the text typed since", 3),
            ("note:c", "only in the new file", 4),
            ("note:same", "typed once", 6),
        ],
    );
    take_over(&old, &new).expect("taken over");
    assert!(!old.exists());
    let merged: BTreeMap<String, Draft> =
        ron::from_str(&std::fs::read_to_string(&new).expect("read")).expect("drafts");
    let texts: BTreeMap<&str, &str> = merged
        .iter()
        .map(|(k, d)| (k.as_str(), d.text.as_str()))
        .collect();
    assert_eq!(
        texts,
        BTreeMap::from([
            ("note:a", "only in the old file"),
            ("note:b", "the old text\nthe text typed since"),
            ("note:c", "only in the new file"),
            ("note:same", "typed once"),
        ])
    );
    assert_eq!(merged["note:b"].saved_at, at(5));
}

#[test]
fn taking_over_an_unreadable_file_changes_nothing() {
    let root = tempfile::tempdir().expect("temp dir");
    let old = root.path().join("old/dev1.ron");
    let new = root.path().join("new/dev1.ron");
    std::fs::create_dir_all(root.path().join("old")).expect("dir");
    std::fs::write(&old, "not drafts at all (").expect("written");
    write_map(&new, &[("note:a", "kept", 1)]);
    let before = std::fs::read(&new).expect("read");
    take_over(&old, &new).expect_err("refused");
    assert!(old.exists());
    assert_eq!(std::fs::read(&new).expect("read"), before);
}
