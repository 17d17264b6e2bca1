//! Rolling backups of the own device file, in this machine's local state
//! (`events/<event id>/backups/`), never in the event folder.
//!
//! Before the own file is replaced, a copy is kept when the newest backup is
//! older than [`INTERVAL`]; the oldest copies beyond [`KEEP`] are removed.
//! Each copy is written atomically (temporary file, fsync, rename), so a
//! backup cut short by a crash is never found under a backup's name, where
//! it would count as the newest and push a good one out.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::atomic;

/// At most one backup per this long.
const INTERVAL: Duration = Duration::from_secs(5 * 60);
/// Backups kept per device file.
const KEEP: usize = 12;

/// Copies `own` into `backups` if due, as `<own name>.<stamp>.bak`; stamps
/// must sort by time. Errors are returned but a failed backup never stops
/// a save.
pub fn maybe_backup(backups: &Path, own: &Path, stamp: &str) -> std::io::Result<()> {
    let Some(name) = own.file_name().and_then(|n| n.to_str()) else {
        return Ok(());
    };
    let bytes = match std::fs::read(own) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    std::fs::create_dir_all(backups)?;
    let existing = list(backups, name)?;
    let newest = existing
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok()?.modified().ok())
        .max();
    let due = newest.is_none_or(|t| {
        SystemTime::now()
            .duration_since(t)
            .is_ok_and(|age| age >= INTERVAL)
    });
    if !due {
        return Ok(());
    }
    let made = backups.join(format!("{name}.{stamp}.bak"));
    atomic::write(&made, &bytes)?;
    let mut older = list(backups, name)?;
    older.retain(|p| *p != made);
    let excess = (older.len() + 1).saturating_sub(KEEP);
    for path in older.into_iter().take(excess) {
        std::fs::remove_file(path)?;
    }
    Ok(())
}

/// The backups of the file `name`, oldest first (by name: the stamps sort
/// by time, and a backup copied from elsewhere has a new modification time).
fn list(backups: &Path, name: &str) -> std::io::Result<Vec<PathBuf>> {
    let prefix = format!("{name}.");
    let mut found: Vec<PathBuf> = std::fs::read_dir(backups)?
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".bak"))
        })
        .map(|e| e.path())
        .collect();
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests;
