//! Crash-safe writes: a temporary file in the same folder, fsync, rename over
//! the target, fsync of the folder. A failure at any point leaves the
//! previous file as it was and removes the temporary file.
//!
//! A failed fsync is never retried on the same file: after one, the kernel
//! may already have dropped the dirty pages, so a second fsync can report
//! success for data that never reached the disk. The caller keeps the bytes
//! in memory and the next save writes a new temporary file from them.
//!
//! Written here rather than with the `atomic-write-file` crate: its
//! `commit` marks the file finished before the fsync and rename, so when
//! either fails the temporary file stays behind (and it has no seam for
//! the injected failures that `tests/fault_*.rs` need).

use std::ffi::OsStr;
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Test seam: when set, names a control file that every write reads. Its
/// text says which failure to inject: `enospc` or `eio` while writing (after
/// half the bytes; in [`write_streamed`], after all of them), `fsync` when syncing, `dirsync` when syncing the folder
/// after the rename. Empty or missing: no failure. A
/// file, not a value, so that a running TUI can be switched between failing
/// and working. Unset in normal use, where it costs one lookup per write.
/// Used by `tests/fault_*.rs`; see docs/RELIABILITY.md.
pub const FAULT_SEAM: &str = "UNCONF_FAIL_WRITES";

/// Characters in the random part of a temporary file's name.
const SUFFIX_LEN: usize = 6;

/// Replaces `path` with `bytes`, atomically.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace(path, |file| fill(file, bytes))
}

/// Replaces `path`, atomically, with what `produce` writes: for output too
/// large to be worth holding in memory whole. `produce` writes through a
/// buffer; an error from it leaves `path` as it was.
pub fn write_streamed(
    path: &Path,
    produce: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    replace(path, |file| {
        let mut out = io::BufWriter::new(file);
        produce(&mut out)?;
        injected(Stage::Write)?;
        let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        injected(Stage::Sync)?;
        file.sync_all()
    })
}

/// [`write_out`] of what `produce` writes (see [`write_streamed`]).
pub fn write_out_streamed(
    path: &Path,
    produce: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    match std::fs::metadata(path) {
        Ok(found) if !found.is_file() && !found.is_dir() => {
            let mut out = io::BufWriter::new(OpenOptions::new().write(true).open(path)?);
            produce(&mut out)?;
            out.flush()
        }
        _ => write_streamed(path, produce),
    }
}

/// Replaces `path` with a temporary file that `fill` writes and syncs.
fn replace(path: &Path, fill: impl FnOnce(File) -> io::Result<()>) -> io::Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))?;
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let (file, temporary) = create_temporary(dir, name)?;
    let written = fill(file).and_then(|()| std::fs::rename(&temporary, path));
    if let Err(error) = written {
        // Best effort: the error that matters is the one being returned.
        let _ = std::fs::remove_file(&temporary);
        return Err(error);
    }
    injected(Stage::Folder)
        .and_then(|()| sync_dir(dir))
        .map_err(|error| io::Error::new(error.kind(), Replaced(error)))
}

/// Writes an export where a person asked for it. A regular file (or a new
/// one) is replaced atomically, as [`write`] does; anything else that is
/// already there (`/dev/null`, a named pipe, a terminal) is written into
/// in place, since replacing it would replace the device itself, which
/// root is allowed to do.
pub fn write_out(path: &Path, bytes: &[u8]) -> io::Result<()> {
    match std::fs::metadata(path) {
        Ok(found) if !found.is_file() && !found.is_dir() => {
            let mut file = std::fs::OpenOptions::new().write(true).open(path)?;
            file.write_all(bytes)?;
            file.flush()
        }
        _ => write(path, bytes),
    }
}

/// The error of a write whose new file is in place (the rename succeeded)
/// but whose folder could not be synced: the file is not as it was before,
/// and the new one may not survive a power cut. Callers tell it apart with
/// [`replaced`].
#[derive(Debug)]
pub struct Replaced(pub io::Error);

impl std::fmt::Display for Replaced {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::error::Error for Replaced {}

/// True when `error` came after the new file was already in place.
pub fn replaced(error: &io::Error) -> bool {
    error
        .get_ref()
        .is_some_and(|inner| inner.downcast_ref::<Replaced>().is_some())
}

/// Creates `.<name>.XXXXXX` next to the target: hidden, so that readers and
/// sync tools skip it, and recognisable, so that [`sweep_leftovers`] can
/// remove it after a crash.
fn create_temporary(dir: &Path, name: &OsStr) -> io::Result<(File, PathBuf)> {
    let mut last_error = None;
    for attempt in 0..16u64 {
        let mut temporary = std::ffi::OsString::from(".");
        temporary.push(name);
        temporary.push(format!(".{}", random_suffix(attempt)));
        let path = dir.join(temporary);
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => return Ok((file, path)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last_error = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last_error.unwrap_or_else(|| io::Error::other("no free temporary name")))
}

fn random_suffix(attempt: u64) -> String {
    const ALPHABET: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut n = super::random_u64() ^ attempt.rotate_left(32);
    (0..SUFFIX_LEN)
        .map(|_| {
            let c = ALPHABET[usize::try_from(n % 36).unwrap_or(0)];
            n /= 36;
            char::from(c)
        })
        .collect()
}

fn fill(mut file: File, bytes: &[u8]) -> io::Result<()> {
    let half = bytes.len() / 2;
    file.write_all(&bytes[..half])?;
    injected(Stage::Write)?;
    file.write_all(&bytes[half..])?;
    injected(Stage::Sync)?;
    file.sync_all()
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Windows cannot open a folder as a file; its renames are durable enough.
#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[derive(Clone, Copy)]
enum Stage {
    Write,
    Sync,
    Folder,
}

/// The failure [`FAULT_SEAM`] asks for at this stage, if any.
fn injected(stage: Stage) -> io::Result<()> {
    let Some(control) = std::env::var_os(FAULT_SEAM) else {
        return Ok(());
    };
    let wanted = std::fs::read_to_string(control).unwrap_or_default();
    let (kind, what) = match (wanted.trim(), stage) {
        ("enospc", Stage::Write) => (io::ErrorKind::StorageFull, "no space left on device"),
        ("eio", Stage::Write) => (io::ErrorKind::Other, "input/output error"),
        ("fsync", Stage::Sync) => (io::ErrorKind::Other, "input/output error on fsync"),
        ("dirsync", Stage::Folder) => (io::ErrorKind::Other, "input/output error on fsync"),
        _ => return Ok(()),
    };
    Err(io::Error::new(
        kind,
        format!("{what} (injected by {FAULT_SEAM})"),
    ))
}

/// Removes temporary files that an interrupted write of `file_name` left in
/// `dir` (named `.<file_name>.XXXXXX`). Only call this while holding the
/// lock on that file, so that no write is in progress.
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
                .is_some_and(|n| n.starts_with(&prefix) && n.len() == prefix.len() + SUFFIX_LEN)
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
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["a.ron"], "no temporary file is left");
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

    #[test]
    fn temporary_names_are_swept_by_their_own_pattern() {
        let name = format!(".a.ron.{}", random_suffix(0));
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join(&name), b"").expect("write");
        assert_eq!(sweep_leftovers(dir.path(), "a.ron"), 1, "{name}");
    }

    #[test]
    fn a_streamed_write_replaces_the_file_or_leaves_it_as_it_was() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("write-up.md");
        std::fs::write(&path, "before").expect("write");
        let failed = write_streamed(&path, |out: &mut dyn Write| {
            out.write_all(&[b'x'; 100_000])?;
            Err(io::Error::other("the producer failed"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read(&path).expect("read"), b"before");
        write_streamed(&path, |out: &mut dyn Write| {
            for line in ["# Day", "", "All of it."] {
                writeln!(out, "{line}")?;
            }
            Ok(())
        })
        .expect("written");
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            "# Day\n\nAll of it.\n"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["write-up.md"], "no temporary file is left");
    }

    #[cfg(unix)]
    #[test]
    fn a_streamed_write_to_a_device_writes_into_it() {
        use std::os::unix::fs::FileTypeExt;
        let null = Path::new("/dev/null");
        write_out_streamed(null, |out: &mut dyn Write| out.write_all(b"gone")).expect("written");
        assert!(
            std::fs::metadata(null)
                .expect("still there")
                .file_type()
                .is_char_device()
        );
    }
}
