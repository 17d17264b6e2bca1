//! The cache never serves a stale file: whatever changes in the folder,
//! reading through the cache gives what parsing every file afresh gives.

use std::fs::{File, FileTimes};
use std::time::SystemTime;

use proptest::prelude::*;

use super::*;
use crate::store::folder::read_all;
use crate::store::generate::{Sizes, generate};

const SMALL: Sizes = Sizes {
    pitches: 12,
    sessions: 4,
    notes: 30,
    devices: 3,
};

/// A generated event and a local state directory of its own.
struct Folder {
    _root: tempfile::TempDir,
    dir: PathBuf,
    local: LocalState,
}

impl Folder {
    fn new() -> Folder {
        let root = tempfile::tempdir().expect("temp dir");
        let dir = root.path().join("event");
        generate(&dir, &SMALL).expect("generated");
        let local = LocalState::at(root.path().join("state"));
        Folder {
            dir,
            local,
            _root: root,
        }
    }

    fn cache(&self) -> FileCache {
        FileCache::with_build(&self.local, &self.dir, "this build")
    }

    /// What reading through the cache gives.
    fn cached(&self) -> Read {
        Read::of(read_all(&self.dir, Some(&self.cache())).expect("read"))
    }

    /// What parsing every file afresh gives.
    fn fresh(&self) -> Read {
        Read::of(read_all(&self.dir, None).expect("read"))
    }

    fn device_files(&self) -> Vec<PathBuf> {
        crate::store::scan::candidates(&self.dir).expect("listed")
    }

    /// The organiser's file, which holds the pitches.
    fn organiser(&self) -> PathBuf {
        let files = self.device_files();
        let found = files
            .iter()
            .find(|p| p.to_string_lossy().contains("organiser"));
        found.cloned().expect("an organiser's file")
    }

    fn entries(&self) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = std::fs::read_dir(self.cache().dir())
            .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        found.sort();
        found
    }
}

/// A scan, comparable.
#[derive(Debug, PartialEq)]
struct Read {
    files: Vec<(PathBuf, DeviceFile)>,
    problems: Vec<crate::store::Problem>,
}

impl Read {
    fn of((files, problems): crate::store::folder::FilesRead) -> Read {
        Read { files, problems }
    }
}

fn set_times(path: &Path, modified: SystemTime) {
    let file = File::options().write(true).open(path).expect("opened");
    file.set_times(FileTimes::new().set_modified(modified))
        .expect("times set");
}

fn modified(path: &Path) -> SystemTime {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .expect("a modification time")
}

/// `text` with its first `from` replaced by `to`, which must be as long.
fn replace_once(path: &Path, from: &str, to: &str) {
    assert_eq!(from.len(), to.len());
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{from} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("written");
}

#[test]
fn a_second_read_comes_from_the_cache_and_equals_a_fresh_parse() {
    let folder = Folder::new();
    let first = folder.cached();
    assert_eq!(folder.entries().len(), folder.device_files().len());
    assert_eq!(folder.cached(), first);
    assert_eq!(first, folder.fresh());
}

#[test]
fn an_entry_serves_exactly_the_bytes_it_was_made_from() {
    let folder = Folder::new();
    let cache = folder.cache();
    let path = &folder.device_files()[0];
    let name = path.file_name().and_then(|n| n.to_str()).expect("a name");
    let bytes = std::fs::read(path).expect("read");
    let mut marked = DeviceFile::parse(&bytes).expect("parses");
    marked.label = "served from the cache".into();
    cache.put(&cache.key(name, &bytes), &marked);
    // The entry is what a read of those bytes gets: the cache is used...
    let read = folder.cached();
    assert_eq!(read.files[0].1.label, "served from the cache");
    // ...and one byte more is another key.
    let mut longer = bytes.clone();
    longer.push(b'\n');
    assert_eq!(cache.get(&cache.key(name, &longer)), None);
    assert_eq!(cache.get(&cache.key("other-name.ron", &bytes)), None);
}

/// Each change to the folder, made after a read filled the cache: the next
/// read through the cache must see exactly what a fresh parse sees.
#[test]
fn no_change_to_the_folder_is_ever_served_from_the_cache() {
    type Change = fn(&Folder);
    let changes: [(&str, Change); 7] = [
        ("one byte of a title edited", |f| {
            replace_once(
                &f.organiser(),
                "Generated pitch #0001",
                "Generated pitch #0009",
            );
        }),
        ("a file added", |f| {
            let from = &f.device_files()[1];
            let text = std::fs::read_to_string(from).expect("read");
            // Another laptop of the same event: its own device name.
            let device = DeviceFile::parse(text.as_bytes()).expect("parses").device;
            let other = text.replace(&device, "zzzzzzzz");
            std::fs::write(f.dir.join("another-laptop-zzzzzzzz.ron"), other).expect("written");
        }),
        ("a file removed", |f| {
            std::fs::remove_file(&f.device_files()[2]).expect("removed");
        }),
        ("a file emptied", |f| {
            std::fs::write(&f.device_files()[1], "").expect("written");
        }),
        ("a file broken", |f| {
            let path = &f.device_files()[1];
            let text = std::fs::read_to_string(path).expect("read");
            std::fs::write(path, &text[..text.len() / 2]).expect("written");
        }),
        ("a conflict copy appeared", |f| {
            let own = &f.organiser();
            let stem = own.file_stem().and_then(|s| s.to_str()).expect("a stem");
            let copy = f
                .dir
                .join(format!("{stem}.sync-conflict-20261127-101500-ABCDEFG.ron"));
            std::fs::copy(own, &copy).expect("copied");
            replace_once(&copy, "Generated pitch #0002", "Generated pitch #0003");
        }),
        ("a file renamed", |f| {
            let path = &f.device_files()[1];
            std::fs::rename(path, f.dir.join("renamed-laptop-abcdefgh.ron")).expect("renamed");
        }),
    ];
    for (what, change) in changes {
        let folder = Folder::new();
        let before = folder.cached();
        change(&folder);
        let after = folder.cached();
        assert_eq!(after, folder.fresh(), "{what}");
        assert_ne!(after, before, "{what}: the change must show");
        // And again, now that the cache holds the changed folder.
        assert_eq!(folder.cached(), folder.fresh(), "{what}, read again");
    }
}

#[test]
fn an_older_copy_with_the_same_size_and_time_is_not_served_from_the_cache() {
    let folder = Folder::new();
    let path = folder.organiser();
    let older = std::fs::read(&path).expect("read");
    let when = modified(&path);
    let old = folder.cached();
    // The newer file: same length, same modification time.
    replace_once(&path, "Generated pitch #0001", "Generated pitch #0007");
    set_times(&path, when);
    let new = folder.cached();
    assert_ne!(new, old);
    assert_eq!(new, folder.fresh());
    // The older copy put back, with the newer file's size and time.
    std::fs::write(&path, &older).expect("written");
    set_times(&path, when);
    assert_eq!(
        std::fs::metadata(&path).map(|m| m.len()).ok(),
        Some(older.len() as u64)
    );
    assert_eq!(folder.cached(), old);
}

#[test]
fn a_corrupt_or_truncated_entry_is_ignored_and_replaced() {
    let folder = Folder::new();
    let good = folder.cached();
    let entries = folder.entries();
    type Damage = fn(&[u8]) -> Vec<u8>;
    let damage: [Damage; 5] = [
        |b| b[..b.len() / 2].to_vec(),
        |_| Vec::new(),
        |b| b.iter().map(|x| x ^ 0x5a).collect(),
        |b| [b, b"trailing"].concat(),
        |b| {
            let mut b = b.to_vec();
            let at = b.len() * 3 / 4;
            b[at] = b[at].wrapping_add(1);
            b
        },
    ];
    for (n, damage) in damage.iter().enumerate() {
        for entry in &entries {
            let bytes = std::fs::read(entry).expect("read");
            std::fs::write(entry, damage(&bytes)).expect("written");
        }
        assert_eq!(folder.cached(), good, "damage {n}");
        // Replaced: a damaged entry is written again whole.
        assert_eq!(folder.cached(), good, "damage {n}, read again");
        for entry in &entries {
            let bytes = std::fs::read(entry).expect("read");
            let file = postcard::take_from_bytes::<Key>(&bytes[MAGIC.len()..]);
            assert!(file.is_ok(), "damage {n}: {} not replaced", entry.display());
        }
    }
}

#[test]
fn a_changed_letter_inside_an_entry_is_caught_by_its_checksum() {
    // A flipped letter in a title still decodes, as another title: the
    // entry's own checksum must catch it.
    let folder = Folder::new();
    let good = folder.cached();
    let mut changed = 0;
    for entry in folder.entries() {
        let mut bytes = std::fs::read(&entry).expect("read");
        if let Some(at) = bytes.windows(15).position(|w| w == b"Generated pitch") {
            bytes[at] = b'X';
            std::fs::write(&entry, bytes).expect("written");
            changed += 1;
        }
    }
    assert_eq!(changed, 1, "the organiser's entry holds the titles");
    assert_eq!(folder.cached(), good);
}

#[test]
fn an_entry_written_by_another_build_is_never_read() {
    let folder = Folder::new();
    let path = &folder.device_files()[0];
    let name = path.file_name().and_then(|n| n.to_str()).expect("a name");
    let bytes = std::fs::read(path).expect("read");
    let mut other = DeviceFile::parse(&bytes).expect("parses");
    other.label = "laid out by another build".into();
    let old = FileCache::with_build(&folder.local, &folder.dir, "0.0.9 1234 1.0");
    old.put(&old.key(name, &bytes), &other);
    assert_eq!(folder.cached(), folder.fresh());
    assert_ne!(
        folder.cached().files[0].1.label,
        "laid out by another build"
    );
}

#[test]
fn two_events_keep_their_own_entries() {
    let a = Folder::new();
    let b = Folder::new();
    // The same file names in both folders, with different contents.
    replace_once(
        &b.organiser(),
        "Generated pitch #0001",
        "Generated pitch #0005",
    );
    let shared = LocalState::at(a.local.root());
    let read = |f: &Folder| {
        let cache = FileCache::with_build(&shared, &f.dir, "this build");
        Read::of(read_all(&f.dir, Some(&cache)).expect("read"))
    };
    let (first_a, first_b) = (read(&a), read(&b));
    assert_ne!(first_a, first_b);
    assert_eq!(read(&a), a.fresh());
    assert_eq!(read(&b), b.fresh());
}

#[test]
fn entries_of_files_gone_from_the_folder_are_removed() {
    let folder = Folder::new();
    let _ = folder.cached();
    let count = folder.entries().len();
    std::fs::remove_file(&folder.device_files()[0]).expect("removed");
    std::fs::write(folder.cache().dir().join(".123.leftover.bin"), b"half").expect("written");
    let _ = folder.cached();
    assert_eq!(folder.entries().len(), count - 1);
}

#[test]
fn every_field_of_a_device_file_survives_the_cache() {
    use crate::store::version::Context;
    let folder = Folder::new();
    let path = &folder.device_files()[0];
    let mut file = DeviceFile::parse(&std::fs::read(path).expect("read")).expect("parses");
    file.labels.insert("other".into(), "Other laptop".into());
    file.counters.insert("x.run".into(), 4);
    let mut full = file.records[0].clone();
    full.vv.insert("x".into(), 3);
    full.seen = Context::from(BTreeMap::from([("y.run".to_string(), 2)]));
    full.set = vec!["title".into()];
    full.deleted = true;
    full.saw = vec![("z.run".into(), 9)];
    full.value = None;
    file.carried.push(full);
    let cache = folder.cache();
    let key = cache.key("full.ron", b"any bytes");
    cache.put(&key, &file);
    assert_eq!(cache.get(&key).as_ref(), Some(&file));
    // Read through a buffer that still holds another entry's bytes.
    let mut buffer = std::fs::read(cache.entry(&key.name)).expect("entry");
    buffer.extend_from_slice(b"stale bytes of an earlier entry");
    assert_eq!(cache.get_with(&key, &mut buffer), Some(file));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Any byte of any device file changed after the cache was filled: a
    /// read through the cache equals a fresh parse.
    #[test]
    fn any_byte_changed_is_seen(which in 0usize..3, at in any::<prop::sample::Index>(), to in any::<u8>()) {
        let folder = Folder::new();
        let _ = folder.cached();
        let path = folder.device_files()[which].clone();
        let mut bytes = std::fs::read(&path).expect("read");
        let at = at.index(bytes.len());
        prop_assume!(bytes[at] != to);
        let when = modified(&path);
        bytes[at] = to;
        std::fs::write(&path, &bytes).expect("written");
        set_times(&path, when);
        prop_assert_eq!(folder.cached(), folder.fresh());
    }

    /// A letter of a title changed to another keeps the file valid: the
    /// new title is what is read.
    #[test]
    fn a_valid_edit_is_seen(which in 0usize..3, nth in 0usize..8, letter in b'a'..=b'z') {
        let folder = Folder::new();
        let _ = folder.cached();
        let path = folder.device_files()[which].clone();
        let mut bytes = std::fs::read(&path).expect("read");
        let texts: Vec<usize> = bytes
            .windows(7)
            .enumerate()
            .filter(|(_, w)| *w == b"author:")
            .map(|(i, _)| i + 9)
            .collect();
        prop_assume!(!texts.is_empty());
        let at = texts[nth % texts.len()];
        prop_assume!(bytes[at].is_ascii_alphabetic() && bytes[at] != letter);
        bytes[at] = letter;
        std::fs::write(&path, &bytes).expect("written");
        let read = folder.cached();
        prop_assert!(read.problems.is_empty());
        prop_assert_eq!(read, folder.fresh());
    }
}
