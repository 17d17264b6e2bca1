//! Taking over `.unconf/`, where unconf used to keep per-machine state
//! inside the event folder itself.
//!
//! Only this device's files move; each is either moved whole or left where
//! it was, never replaced or dropped, except lock files (worth nothing once
//! their process is gone) and this device's temporaries of interrupted
//! writes (never finished, and the finished file is beside them).

use std::path::Path;

use super::{EventState, NAME_TRIES, component, fnv1a64, hashed_name, move_into, to_trash};
use crate::store::{atomic, draft};

pub(super) fn take_over(event_dir: &Path, state: &EventState, device: &str, own_file: &Path) {
    let old = event_dir.join(".unconf");
    // A link could lead anywhere; only a real folder of ours is emptied.
    if !std::fs::symlink_metadata(&old).is_ok_and(|m| m.is_dir()) {
        return;
    }
    drafts(&old.join("drafts"), state, device);
    if let Some(own) = own_file.file_name().and_then(|n| n.to_str()) {
        backups(&old.join("backups"), state, own);
    }
    trash(&old.join("trash"), state, device);
    locks(&old.join("locks"), device);
    remove_empty_folders(&old);
}

/// The files directly in `dir` with names that are text.
fn files(dir: &Path) -> Vec<(String, std::path::PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| Some((e.file_name().to_str()?.to_string(), e.path())))
        .collect()
}

fn drafts(old_dir: &Path, state: &EventState, device: &str) {
    let name = format!("{device}.ron");
    let old = old_dir.join(&name);
    if old.is_file() && draft::take_over(&old, &draft::path(state, device)).is_err() {
        // Unreadable here or there: kept whole, beside this device's drafts.
        let _ = keep_whole(&old, device, &state.drafts());
    }
    atomic::sweep_leftovers(old_dir, &name);
}

fn backups(old_dir: &Path, state: &EventState, own: &str) {
    let prefix = format!("{own}.");
    for (name, path) in files(old_dir) {
        if name.starts_with(&prefix) {
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            let hash = fnv1a64(&bytes);
            // Its own name first: backup names sort by the time they were made.
            let names: Vec<String> = std::iter::once(name.clone())
                .chain((0..NAME_TRIES).map(|n| hashed_name(&name, hash, n)))
                .collect();
            let _ = move_into(&path, &bytes, &state.backups(), &names);
        }
    }
}

/// Conflict copies of this device's file keep its name, and with it the
/// device id, whatever the sync tool added around it.
fn trash(old_dir: &Path, state: &EventState, device: &str) {
    for (name, path) in files(old_dir) {
        if name.contains(device) {
            let _ = to_trash(&path, &state.trash());
        }
    }
}

/// This device's lock files, notes of who held them, the sync tools'
/// copies of those notes and their temporaries: `<device>.lock`,
/// `<device>.holder`, `.<device>.holder.x1y2z3`, `<device>.sync-conflict-….holder`.
fn locks(old_dir: &Path, device: &str) {
    for (name, path) in files(old_dir) {
        let mine = name
            .trim_start_matches('.')
            .strip_prefix(device)
            .is_some_and(|rest| rest.starts_with(|c: char| !c.is_ascii_alphanumeric()));
        if mine {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Never read again by unconf, but there for a person to pick from.
fn keep_whole(file: &Path, device: &str, dir: &Path) -> std::io::Result<std::path::PathBuf> {
    let bytes = std::fs::read(file)?;
    let hash = fnv1a64(&bytes);
    let name = format!("{}.from-event-folder.ron", component(device));
    let names: Vec<String> = (0..NAME_TRIES)
        .map(|n| hashed_name(&name, hash, n))
        .collect();
    move_into(file, &bytes, dir, &names)
}

/// `remove_dir` removes only empty folders, so whatever another device
/// still keeps here stays, and so does `.unconf/` around it.
fn remove_empty_folders(old: &Path) {
    if let Ok(entries) = std::fs::read_dir(old) {
        for entry in entries.filter_map(Result::ok) {
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                let _ = std::fs::remove_dir(entry.path());
            }
        }
    }
    let _ = std::fs::remove_dir(old);
}
