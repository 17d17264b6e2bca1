use std::fs::File;

use super::*;

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn age(path: &Path, by: Duration) {
    let file = File::options().write(true).open(path).expect("open");
    file.set_modified(SystemTime::now() - by).expect("set time");
}

#[test]
fn a_backup_is_made_once_per_interval_where_it_is_told() {
    let event = tempfile::tempdir().expect("temp dir");
    let state = tempfile::tempdir().expect("temp dir");
    let own = event.path().join("me-1.ron");
    let backups = state.path().join("backups");
    std::fs::write(&own, b"v1").expect("write");
    maybe_backup(&backups, &own, "20261127T100000.000Z").expect("backup");
    std::fs::write(&own, b"v2").expect("write");
    maybe_backup(&backups, &own, "20261127T100100.000Z").expect("backup");
    assert_eq!(names(&backups), ["me-1.ron.20261127T100000.000Z.bak"]);
    assert_eq!(
        std::fs::read(backups.join("me-1.ron.20261127T100000.000Z.bak")).expect("read"),
        b"v1"
    );
    assert_eq!(
        names(event.path()),
        ["me-1.ron"],
        "nothing beside the own file"
    );
}

#[test]
fn no_own_file_no_backup() {
    let state = tempfile::tempdir().expect("temp dir");
    let backups = state.path().join("backups");
    maybe_backup(&backups, &state.path().join("me-1.ron"), "1").expect("nothing to do");
    assert!(!backups.exists());
}

#[test]
fn the_oldest_backups_by_name_go_beyond_the_keep_count() {
    let state = tempfile::tempdir().expect("temp dir");
    let own = state.path().join("me-1.ron");
    let backups = state.path().join("backups");
    std::fs::create_dir_all(&backups).expect("dir");
    std::fs::write(&own, b"now").expect("write");
    for hour in 10..(10 + KEEP) {
        let path = backups.join(format!("me-1.ron.20261127T{hour}0000.000Z.bak"));
        std::fs::write(&path, b"old").expect("write");
        age(&path, INTERVAL * 2);
    }
    std::fs::write(backups.join("other-2.ron.20261127T000000.000Z.bak"), b"x").expect("write");
    maybe_backup(&backups, &own, "20261128T090000.000Z").expect("backup");
    let kept = names(&backups);
    assert_eq!(kept.len(), KEEP + 1, "{kept:?}");
    assert!(!kept.contains(&"me-1.ron.20261127T100000.000Z.bak".to_string()));
    assert!(kept.contains(&"me-1.ron.20261128T090000.000Z.bak".to_string()));
    assert!(kept.contains(&"other-2.ron.20261127T000000.000Z.bak".to_string()));
}

#[test]
fn a_cut_short_backup_never_counts_as_the_newest() {
    let state = tempfile::tempdir().expect("temp dir");
    let own = state.path().join("me-1.ron");
    let backups = state.path().join("backups");
    std::fs::create_dir_all(&backups).expect("dir");
    std::fs::write(&own, b"the whole own file").expect("write");
    // What a kill in the middle of writing a backup leaves: the temporary
    // file, hidden and half written, never the backup's own name.
    std::fs::write(
        backups.join(".me-1.ron.20261127T100000.000Z.bak.x1y2z3"),
        b"the wh",
    )
    .expect("write");
    maybe_backup(&backups, &own, "20261127T100500.000Z").expect("backup");
    assert_eq!(
        std::fs::read(backups.join("me-1.ron.20261127T100500.000Z.bak")).expect("read"),
        b"the whole own file"
    );
}
