//! Which files in an event folder might be device files.
//!
//! Every `.ron` file is a candidate whatever its name, so that conflict copies
//! from sync tools (`x.sync-conflict-20261127-101500-ABCDEFG.ron`,
//! `x (Sam's conflicted copy 2026-11-27).ron`, ...) are read like any other.
//! Hidden files (our temporaries, `.syncthing.*`, the `.unconf/` of an older
//! unconf), `*.tmp` and `*~` files are skipped.

use std::path::{Path, PathBuf};

/// True for names that can never be a finished device file.
pub fn is_skipped(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('~')
        || name.ends_with('~')
        || name.to_ascii_lowercase().ends_with(".tmp")
        || !name.to_ascii_lowercase().ends_with(".ron")
}

/// True for a name a device never gives its own file: `<label>-<id>.ron`
/// is all a device writes, so anything else (`… (1).ron`, `….sync-conflict-…`,
/// `… (conflicted copy …)`) is a copy made by a person or a tool.
pub fn looks_like_a_copy(path: &Path) -> bool {
    let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
        return true;
    };
    let Some((_, id)) = stem.rsplit_once('-') else {
        return true;
    };
    let plain = stem
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    !(plain && id.len() == 8)
}

/// The candidate device files in `dir`, sorted by name so that reading is
/// deterministic.
pub fn candidates(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| e.file_name().to_str().is_some_and(|n| !is_skipped(n)))
        .map(|e| e.path())
        .collect();
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflict_copies_are_candidates() {
        for name in [
            "sam-1a2b3c4d.ron",
            "sam-1a2b3c4d.sync-conflict-20261127-101500-ABCDEFG.ron",
            "sam-1a2b3c4d (Sam's conflicted copy 2026-11-27).ron",
            "sam-1a2b3c4d (conflicted copy 2026-11-27 101500).ron",
            "sam-1a2b3c4d_conflict-20261127-101500.ron",
            "SAM.RON",
        ] {
            assert!(!is_skipped(name), "{name}");
        }
    }

    #[test]
    fn temporary_and_hidden_files_are_skipped() {
        for name in [
            ".sam-1a2b3c4d.ron.Ab12Cd",
            ".syncthing.sam.ron.tmp",
            "sam.ron.tmp",
            "sam.ron~",
            "~$sam.ron",
            "notes.txt",
            ".unconf",
        ] {
            assert!(is_skipped(name), "{name}");
        }
    }
}
