//! Crash-safe writes: a temporary file in the same folder, fsync, rename over
//! the target, fsync of the folder (done by `atomic-write-file`). A failure at
//! any point leaves the previous file as it was.

use std::io::Write;
use std::path::Path;

use atomic_write_file::AtomicWriteFile;

/// Replaces `path` with `bytes`, atomically.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = AtomicWriteFile::options().open(path)?;
    file.write_all(bytes)?;
    file.commit()
}

/// Removes temporary files that an interrupted write of `file_name` left in
/// `dir` (named `.<file_name>.XXXXXX` by `atomic-write-file`). Only call this
/// while holding the lock on that file, so that no write is in progress.
pub fn sweep_leftovers(dir: &Path, file_name: &str) -> usize {
    let prefix = format!(".{file_name}.");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.starts_with(&prefix) && n.len() == prefix.len() + 6)
        })
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_replaces_the_whole_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.ron");
        write(&path, b"first version, longer").expect("write");
        write(&path, b"second").expect("write");
        assert_eq!(std::fs::read(&path).expect("read"), b"second");
    }

    #[test]
    fn sweep_removes_only_this_files_leftovers() {
        let dir = tempfile::tempdir().expect("temp dir");
        for name in [".a.ron.x1Y2z3", ".b.ron.x1Y2z3", "a.ron"] {
            std::fs::write(dir.path().join(name), b"").expect("write");
        }
        assert_eq!(sweep_leftovers(dir.path(), "a.ron"), 1);
        assert!(dir.path().join(".b.ron.x1Y2z3").exists());
        assert!(dir.path().join("a.ron").exists());
    }
}
