//! Rolling backups of the own device file in `.unconf/backups/`.
//!
//! Before the own file is replaced, a copy is kept when the newest backup is
//! older than [`INTERVAL`]; the oldest copies beyond [`KEEP`] are removed.

use std::path::Path;
use std::time::{Duration, SystemTime};

/// At most one backup per this long.
const INTERVAL: Duration = Duration::from_secs(5 * 60);
/// Backups kept per device file.
const KEEP: usize = 12;

/// Copies `own` into the backups folder if due. Errors are returned but a
/// failed backup never stops a save.
pub fn maybe_backup(event_dir: &Path, own: &Path, stamp: &str) -> std::io::Result<()> {
    let Some(name) = own.file_name().and_then(|n| n.to_str()) else {
        return Ok(());
    };
    if !own.exists() {
        return Ok(());
    }
    let dir = event_dir.join(".unconf").join("backups");
    std::fs::create_dir_all(&dir)?;
    let mut existing: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_str().is_some_and(|n| n.starts_with(name)))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    existing.sort();
    let newest = existing.last().map(|(t, _)| *t);
    let due = newest.is_none_or(|t| {
        SystemTime::now()
            .duration_since(t)
            .is_ok_and(|age| age >= INTERVAL)
    });
    if !due {
        return Ok(());
    }
    std::fs::copy(own, dir.join(format!("{name}.{stamp}.bak")))?;
    existing.push((SystemTime::now(), dir.clone()));
    let excess = existing.len().saturating_sub(KEEP);
    for (_, path) in existing.into_iter().take(excess) {
        if path != dir {
            std::fs::remove_file(path)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backup_is_made_once_per_interval() {
        let dir = tempfile::tempdir().expect("temp dir");
        let own = dir.path().join("me-1.ron");
        std::fs::write(&own, b"v1").expect("write");
        maybe_backup(dir.path(), &own, "1").expect("backup");
        maybe_backup(dir.path(), &own, "2").expect("backup");
        let backups = std::fs::read_dir(dir.path().join(".unconf/backups"))
            .expect("dir")
            .count();
        assert_eq!(backups, 1);
    }
}
