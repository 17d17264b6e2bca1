use chrono::DateTime;

use std::path::PathBuf;

use super::*;
use crate::model::{Change, EventInfo, Pitch, Record};

fn clock(minute: u32) -> Clock {
    let text = format!("2026-11-27T11:{minute:02}:00+00:00");
    Clock::Fixed(DateTime::parse_from_rfc3339(&text).unwrap_or_default())
}

fn me(label: &str) -> Identity {
    Identity::from_label(label, label)
}

fn add(dir: &Path, who: &str, minute: u32, title: &str) {
    let mut folder = EventFolder::open(dir, me(who), clock(minute), Access::Write).expect("open");
    let id = folder.new_id();
    let pitch = Record::Pitch(Pitch {
        title: title.into(),
        ..Pitch::default()
    });
    folder.commit(vec![Change::put(id, pitch)]).expect("commit");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("dir");
    for entry in std::fs::read_dir(from).expect("read") {
        let entry = entry.expect("entry");
        if entry.file_type().expect("type").is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
        }
    }
}

fn event_of(dir: &Path) -> crate::model::Event {
    EventFolder::open(dir, me("reader"), clock(59), Access::Read)
        .expect("open")
        .event()
        .clone()
}

/// An event on the organiser's laptop and a copy taken to a breakout room,
/// each then edited apart.
fn two_copies(root: &Path) -> (PathBuf, PathBuf) {
    let info = EventInfo {
        name: "Day".into(),
        ..EventInfo::default()
    };
    let a = EventFolder::create(&root.join("a"), info, me("organiser"), clock(0))
        .expect("created")
        .dir()
        .to_path_buf();
    add(&a, "organiser", 1, "Before the copy");
    let b = root.join("b").join("day");
    copy_dir(&a, &b);
    add(&a, "organiser", 2, "Organiser, after the copy");
    add(&b, "taker", 3, "Taker, in the breakout");
    add(&b, "organiser", 4, "Organiser's laptop lent to the room");
    (a, b)
}

#[test]
fn merging_both_ways_gives_the_same_event_and_again_changes_nothing() {
    let root = tempfile::tempdir().expect("temp dir");
    let (a, b) = two_copies(root.path());
    let files_before = scan::candidates(&a).expect("list");
    let into_a = merge(&a, me("organiser"), clock(10), &b, false).expect("merge b into a");
    assert_eq!(into_a.new_records, 2, "{into_a:?}");
    assert_eq!(
        scan::candidates(&a).expect("list"),
        files_before,
        "only the own file is written: the taker's versions travel in it"
    );
    let into_b = merge(&b, me("taker"), clock(11), &a, false).expect("merge a into b");
    assert!(into_b.changed_anything(), "{into_b:?}");
    let (event_a, event_b) = (event_of(&a), event_of(&b));
    assert_eq!(event_a.pitches, event_b.pitches);
    assert_eq!(event_a.pitches.len(), 4);
    let again = merge(&a, me("organiser"), clock(12), &b, false).expect("again");
    assert!(!again.changed_anything(), "{again:?}");
    assert_eq!(again.new_records, 0);
}

#[test]
fn a_dry_run_reports_and_writes_nothing() {
    let root = tempfile::tempdir().expect("temp dir");
    let (a, b) = two_copies(root.path());
    let before: Vec<_> = scan::candidates(&a).expect("list");
    let report = merge(&a, me("organiser"), clock(10), &b, true).expect("dry run");
    assert_eq!(report.new_records, 2, "{report:?}");
    assert_eq!(scan::candidates(&a).expect("list"), before);
    assert_eq!(event_of(&a).pitches.len(), 2);
}

#[test]
fn a_packed_zip_merges_like_a_folder() {
    let root = tempfile::tempdir().expect("temp dir");
    let (a, b) = two_copies(root.path());
    let zip = root.path().join("day.zip");
    let packed = pack(&b, me("taker"), clock(20), &zip).expect("packed");
    assert_eq!(packed, 2);
    merge(&a, me("organiser"), clock(21), &zip, false).expect("merged");
    assert_eq!(event_of(&a).pitches.len(), 4);
}

#[test]
fn another_events_files_are_refused() {
    let root = tempfile::tempdir().expect("temp dir");
    let (a, _) = two_copies(root.path());
    let other = EventFolder::create(
        &root.path().join("c"),
        EventInfo {
            name: "Another day".into(),
            ..EventInfo::default()
        },
        me("organiser"),
        clock(30),
    )
    .expect("created")
    .dir()
    .to_path_buf();
    let refused = merge(&a, me("organiser"), clock(31), &other, false).expect_err("refused");
    assert!(
        refused.to_string().contains("belongs to another event"),
        "{refused}"
    );
}

#[test]
fn a_diverged_copy_is_kept_beside_and_not_duplicated() {
    let root = tempfile::tempdir().expect("temp dir");
    let (a, b) = two_copies(root.path());
    // The taker's laptop writes on in both copies (a restored copy, say).
    merge(&a, me("organiser"), clock(40), &b, false).expect("first merge");
    add(&a, "taker", 41, "Written into a's copy");
    add(&b, "taker", 42, "Written into b's copy");
    let files_before = scan::candidates(&a).expect("list");
    let report = merge(&a, me("organiser"), clock(43), &b, false).expect("second merge");
    assert_eq!(report.new_records, 1, "{report:?}");
    assert_eq!(scan::candidates(&a).expect("list"), files_before);
    let again = merge(&a, me("organiser"), clock(44), &b, false).expect("third merge");
    assert!(!again.changed_anything(), "{again:?}");
    let titles: Vec<String> = event_of(&a)
        .pitches
        .values()
        .map(|p| p.title.clone())
        .collect();
    assert!(titles.contains(&"Written into a's copy".to_string()));
    assert!(titles.contains(&"Written into b's copy".to_string()));
}

#[test]
fn zip_entry_paths_cannot_escape() {
    assert_eq!(safe_name("../../etc/passwd.ron"), "passwd.ron");
    assert_eq!(safe_name("a\\b\\C D.ron"), "c-d.ron");
}

// The caps on what a merge unpacks from a zip, proven with caps of a few
// kilobytes (`read_zip_capped`) rather than the real 256 MiB and 1 GiB,
// which `read_zip` passes and `unconf merge` uses.

const KIB: u64 = 1024;

/// Writes a zip at `path` holding `entries`, deflated as `unconf pack`
/// makes them.
fn zip_of(path: &Path, entries: &[(&str, Vec<u8>)]) {
    let mut buffer = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buffer);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, bytes) in entries {
        zip.start_file(*name, options).expect("an entry");
        zip.write_all(bytes).expect("written");
    }
    zip.finish().expect("finished");
    std::fs::write(path, buffer.into_inner()).expect("the zip");
}

/// `n` bytes that compress to almost nothing, as a zip bomb's do.
fn compressible(n: u64) -> Vec<u8> {
    vec![b'a'; usize::try_from(n).expect("small")]
}

/// Sets the uncompressed size the only entry of the zip at `path` claims,
/// in its local header and in the central directory alike (so that the
/// two agree and the lie is not caught as an inconsistency).
fn claim_size(path: &Path, claimed: u32) {
    let mut bytes = std::fs::read(path).expect("the zip");
    let u32_at = |bytes: &[u8], at: usize| {
        u32::from_le_bytes(bytes[at..at + 4].try_into().expect("four bytes"))
    };
    // No comment: the end of central directory record is the last 22 bytes.
    let end = bytes.len() - 22;
    assert_eq!(u32_at(&bytes, end), 0x0605_4b50, "end of central directory");
    let central = usize::try_from(u32_at(&bytes, end + 16)).expect("offset");
    assert_eq!(
        u32_at(&bytes, central),
        0x0201_4b50,
        "central directory entry"
    );
    let local = usize::try_from(u32_at(&bytes, central + 42)).expect("offset");
    assert_eq!(u32_at(&bytes, local), 0x0403_4b50, "local header");
    bytes[central + 24..central + 28].copy_from_slice(&claimed.to_le_bytes());
    bytes[local + 22..local + 26].copy_from_slice(&claimed.to_le_bytes());
    std::fs::write(path, bytes).expect("the lying zip");
}

/// A refusal is one sentence: one line, one full stop, at the end.
fn assert_one_sentence(message: &str) {
    assert!(!message.contains('\n'), "{message}");
    assert_eq!(message.matches(". ").count(), 0, "{message}");
    assert!(message.ends_with('.'), "{message}");
}

#[test]
fn a_zip_whose_entries_unpack_past_the_total_cap_is_refused_and_nothing_is_merged() {
    let root = tempfile::tempdir().expect("temp dir");
    let zip = root.path().join("bomb.zip");
    // Four entries of 30 KiB, each under the per-entry cap of 64 KiB, 120
    // KiB in all against a total cap of 100 KiB.
    let entries: Vec<(&str, Vec<u8>)> = ["day/a.ron", "day/b.ron", "day/c.ron", "day/d.ron"]
        .into_iter()
        .map(|name| (name, compressible(30 * KIB)))
        .collect();
    zip_of(&zip, &entries);
    let size = std::fs::metadata(&zip).expect("the zip").len();
    assert!(size < 2 * KIB, "the zip is {size} bytes: not compressible");
    let refused = read_zip_capped(&zip, 64 * KIB, 100 * KIB).expect_err("refused");
    let message = refused.to_string();
    assert_eq!(
        message,
        format!(
            "{} unpacks to more than 100 KiB in all, larger than any real event; nothing was merged.",
            zip.display()
        )
    );
    assert_one_sentence(&message);
}

#[test]
fn a_zip_up_to_the_total_cap_is_read_and_one_byte_more_is_not() {
    let root = tempfile::tempdir().expect("temp dir");
    let at_cap = root.path().join("at-cap.zip");
    let entries = vec![
        ("day/a.ron", compressible(40 * KIB)),
        ("day/b.ron", compressible(40 * KIB)),
        ("day/c.ron", compressible(20 * KIB)),
    ];
    zip_of(&at_cap, &entries);
    let read = read_zip_capped(&at_cap, 64 * KIB, 100 * KIB).expect("read");
    let read: Vec<(String, usize)> = read.into_iter().map(|(n, b)| (n, b.len())).collect();
    assert_eq!(
        read,
        [
            ("a.ron".to_string(), 40 * 1024),
            ("b.ron".to_string(), 40 * 1024),
            ("c.ron".to_string(), 20 * 1024)
        ]
    );
    let past_cap = root.path().join("past-cap.zip");
    let mut entries = entries;
    entries[2].1.push(b'a');
    zip_of(&past_cap, &entries);
    let refused = read_zip_capped(&past_cap, 64 * KIB, 100 * KIB).expect_err("refused");
    assert!(
        refused.to_string().ends_with("; nothing was merged."),
        "{refused}"
    );
}

#[test]
fn an_entry_past_the_per_entry_cap_is_refused_naming_it_and_the_zip() {
    let root = tempfile::tempdir().expect("temp dir");
    let zip = root.path().join("one-big.zip");
    zip_of(&zip, &[("day/big.ron", compressible(64 * KIB + 1))]);
    let message = read_zip_capped(&zip, 64 * KIB, 1024 * KIB)
        .expect_err("refused")
        .to_string();
    assert_eq!(
        message,
        format!(
            "day/big.ron in {} unpacks to more than 64 KiB, larger than any real event file; nothing was merged.",
            zip.display()
        )
    );
    assert_one_sentence(&message);
    // Exactly at the cap is fine.
    let at_cap = root.path().join("at-cap.zip");
    zip_of(&at_cap, &[("day/big.ron", compressible(64 * KIB))]);
    assert!(read_zip_capped(&at_cap, 64 * KIB, 1024 * KIB).is_ok());
}

#[test]
fn an_entry_that_claims_less_than_it_holds_is_stopped_and_nothing_is_merged() {
    let root = tempfile::tempdir().expect("temp dir");
    // One MiB that claims 100 bytes, and one that claims exactly the
    // per-entry cap: neither is read past the cap (the zip crate also stops
    // at the claimed size, so whichever comes first refuses it).
    for claimed in [100, 64 * 1024] {
        let zip = root.path().join(format!("liar-{claimed}.zip"));
        zip_of(&zip, &[("day/liar.ron", compressible(1024 * KIB))]);
        claim_size(&zip, claimed);
        let message = read_zip_capped(&zip, 64 * KIB, 1024 * KIB)
            .expect_err("refused")
            .to_string();
        assert!(
            message.starts_with(&format!("day/liar.ron in {} ", zip.display())),
            "{message}"
        );
        assert!(message.ends_with("; nothing was merged."), "{message}");
        assert!(!message.contains('\n'), "{message}");
    }
}

#[test]
fn the_caps_are_read_as_people_say_sizes() {
    assert_eq!(size_words(MAX_UNPACKED_BYTES), "1 GiB");
    assert_eq!(size_words(crate::store::format::MAX_FILE_BYTES), "256 MiB");
    assert_eq!(size_words(100 * KIB), "100 KiB");
    assert_eq!(size_words(100), "100 bytes");
}
