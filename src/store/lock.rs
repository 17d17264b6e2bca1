//! One writer per device file: an OS lock held while a process may write.
//!
//! The lock is `.unconf/locks/<device>.lock` in the event folder, taken with
//! `File::try_lock`. The OS releases it when the process dies, so a lock left
//! by a killed process never blocks. Who holds it is written beside it in
//! `<device>.holder`, atomically, so that a process that is refused never
//! reads a half-written note.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use super::{StoreError, atomic};

/// A held lock; released when dropped.
#[derive(Debug)]
pub struct Lock {
    file: File,
    path: PathBuf,
}

impl Lock {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Takes the lock for `device` in `event_dir`, or says who holds it.
    pub fn acquire(event_dir: &Path, device: &str, since: &str) -> Result<Lock, StoreError> {
        let dir = event_dir.join(".unconf").join("locks");
        std::fs::create_dir_all(&dir).map_err(|e| StoreError::io(&dir, e))?;
        let path = dir.join(format!("{device}.lock"));
        let holder_path = dir.join(format!("{device}.holder"));
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| StoreError::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let holder = std::fs::read_to_string(&holder_path).unwrap_or_default();
                return Err(StoreError::Locked {
                    dir: event_dir.to_path_buf(),
                    holder: describe_holder(&holder),
                });
            }
            Err(TryLockError::Error(e)) => return Err(StoreError::io(&path, e)),
        }
        let note = format!(
            "host={}\npid={}\nsince={since}\n",
            hostname(),
            std::process::id()
        );
        // Best effort: the lock itself is what matters, the note is a courtesy.
        let _ = atomic::write(&holder_path, note.as_bytes());
        Ok(Lock { file, path })
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

fn describe_holder(text: &str) -> String {
    let field = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    match (field("host"), field("pid"), field("since")) {
        (Some(host), Some(pid), Some(since)) => {
            format!("unconf on {host} (process {pid}, since {since})")
        }
        _ => "another unconf process".to_string(),
    }
}

/// This machine's name, for lock notes and default device labels.
pub fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "this computer".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_device_names_the_holder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let first = Lock::acquire(dir.path(), "dev1", "10:15").expect("first lock");
        let second = Lock::acquire(dir.path(), "dev1", "10:16").expect_err("must be refused");
        let message = second.to_string();
        assert!(
            message.contains(&format!("process {}", std::process::id())),
            "{message}"
        );
        assert!(message.contains("since 10:15"), "{message}");
        drop(first);
        Lock::acquire(dir.path(), "dev1", "10:17").expect("free again after release");
    }

    #[test]
    fn other_devices_are_not_blocked() {
        let dir = tempfile::tempdir().expect("temp dir");
        let _a = Lock::acquire(dir.path(), "dev1", "now").expect("lock");
        Lock::acquire(dir.path(), "dev2", "now").expect("another device locks freely");
    }
}
