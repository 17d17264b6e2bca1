//! `unconf sync`: when the event folder is inside a git work tree, commit
//! this device's own file, pull with rebase, push. Each file has one writer,
//! so the rebase never meets a conflict in event files.

use std::path::Path;
use std::process::{Command, Output};

use super::{Access, Clock, EventFolder, Identity, StoreError, scan};

/// What a sync did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// A commit was made of this device's file.
    pub committed: bool,
    /// Device files that arrived or changed with the pull.
    pub received: usize,
}

/// Commits the own file, pulls with rebase and pushes.
pub fn sync(dir: &Path, me: Identity, clock: Clock) -> Result<SyncReport, StoreError> {
    let before = EventFolder::open(dir, me.clone(), clock, Access::Read)?;
    let own = before.own_path().to_path_buf();
    let files_before = fingerprints(&before);
    drop(before);
    git(dir, &["--version"]).map_err(|_| StoreError::NoGit)?;
    let top = git(dir, &["rev-parse", "--show-toplevel"]).map_err(|_| StoreError::NotInGit {
        dir: dir.to_path_buf(),
    })?;
    let remotes = git(dir, &["remote"])?;
    if remotes.trim().is_empty() {
        return Err(StoreError::NoRemote {
            top: top.trim().to_string(),
        });
    }
    let mut report = SyncReport::default();
    if own.exists() {
        let own_name = own.to_string_lossy().into_owned();
        git(dir, &["add", "--", &own_name])?;
        let staged = run(dir, &["diff", "--cached", "--quiet", "--", &own_name])?;
        if !staged.status.success() {
            let message = format!("unconf: notes from {}", me.label);
            git_as(dir, &me, &["commit", "-q", "-m", &message, "--", &own_name])?;
            report.committed = true;
        }
    }
    let pulled = git_as(dir, &me, &["pull", "-q", "--rebase", "--autostash"]);
    // Each device file has one writer, so a pull never meets a conflict in
    // one; if git says otherwise (a file written by hand, by another tool),
    // success is never reported with the conflict left in the folder.
    refuse_conflicts(dir)?;
    pulled.map_err(|e| reach(e, "fetch from"))?;
    git(dir, &["push", "-q"]).map_err(|e| reach(e, "push to"))?;
    let after = EventFolder::open(dir, me, clock, Access::Read)?;
    report.received = fingerprints(&after)
        .into_iter()
        .filter(|f| !files_before.contains(f))
        .count();
    Ok(report)
}

/// Fails when git left a file of the event folder in conflict (unmerged,
/// or holding conflict markers), naming it.
fn refuse_conflicts(dir: &Path) -> Result<(), StoreError> {
    let unmerged =
        git(dir, &["diff", "--name-only", "--diff-filter=U", "--", "."]).unwrap_or_default();
    let mut named: Vec<String> = unmerged
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    for path in scan::candidates(dir).unwrap_or_default() {
        let marked = std::fs::read_to_string(&path)
            .is_ok_and(|text| text.lines().any(|l| l.starts_with("<<<<<<< ")));
        if marked {
            named.push(path.display().to_string());
        }
    }
    match named.first() {
        None => Ok(()),
        Some(first) => Err(StoreError::GitConflict {
            first: first.clone(),
            more: named.len() - 1,
            top: dir.display().to_string(),
        }),
    }
}

fn fingerprints(
    folder: &EventFolder,
) -> Vec<(String, usize, Option<chrono::DateTime<chrono::Utc>>)> {
    folder
        .files()
        .iter()
        .filter(|f| !f.own)
        .map(|f| (f.device.clone(), f.records, f.last_change))
        .collect()
}

fn reach(error: StoreError, doing: &'static str) -> StoreError {
    StoreError::Remote {
        doing,
        source: Box::new(error),
    }
}

fn run(dir: &Path, args: &[&str]) -> Result<Output, StoreError> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .map_err(|source| StoreError::RunGit { source })
}

/// Runs git and returns its output, or its first line of complaint.
fn git(dir: &Path, args: &[&str]) -> Result<String, StoreError> {
    let output = run(dir, args)?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("git failed")
            .trim_start_matches("fatal: ")
            .trim_start_matches("error: ")
            .to_string();
        Err(StoreError::Git {
            command: args.first().unwrap_or(&"").to_string(),
            complaint: first,
        })
    }
}

/// As [`git`], naming this device's author when git has no identity set,
/// so a fresh laptop can still commit.
fn git_as(dir: &Path, me: &Identity, args: &[&str]) -> Result<String, StoreError> {
    let configured = git(dir, &["config", "user.name"]).is_ok_and(|n| !n.trim().is_empty());
    if configured {
        return git(dir, args);
    }
    let name = format!("user.name={}", me.author);
    let email = format!("user.email={}@unconf.invalid", me.device);
    let mut full = vec!["-c", &name, "-c", &email];
    full.extend_from_slice(args);
    git(dir, &full)
}

#[cfg(test)]
mod tests;
