//! What every command needs: where events live, who this device is, the
//! clock, and opening an event for reading or writing.

use std::path::{Path, PathBuf};

use super::CliError;
use super::progress::Reading;
use crate::store::{Access, Clock, EventFolder, Identity, ProblemKind, location};

pub struct Context {
    pub sessions: PathBuf,
    pub clock: Clock,
}

impl Context {
    pub fn new(dir: Option<&Path>) -> Result<Context, CliError> {
        Ok(Context {
            sessions: location::sessions_dir(dir),
            clock: Clock::from_env()?,
        })
    }

    /// This device's identity. On the very first run a new one is made from
    /// the machine's name and the login name, saved, and announced.
    pub fn identity(&self) -> Result<Identity, CliError> {
        let config = location::config_dir();
        if let Some(me) = Identity::load(config.as_deref())? {
            return Ok(me);
        }
        let author = std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .unwrap_or_else(|_| "unknown".into());
        let me = Identity::fresh(&crate::store::lock::hostname(), &author);
        if let Some(dir) = config {
            let path = me.save(&dir)?;
            eprintln!(
                "note: this device is now \"{}\" (id {}), writing as \"{}\"; change it in {} or with UNCONF_DEVICE and UNCONF_AUTHOR.",
                me.label,
                me.device,
                me.author,
                path.display()
            );
        }
        Ok(me)
    }

    /// The folder of the event the user named.
    pub fn event_dir(&self, event: &str) -> Result<PathBuf, CliError> {
        Ok(location::find_event(&self.sessions, event)?)
    }

    /// Opens an event to read. Any unreadable file is an error here: a
    /// command must not act on an event with part of it missing.
    pub fn read(&self, event: &str) -> Result<EventFolder, CliError> {
        let mut progress = Reading::new();
        let folder = EventFolder::open_reporting(
            &self.event_dir(event)?,
            self.identity()?,
            self.clock,
            Access::Read,
            &mut |step| progress.step(step),
        )?;
        refuse_problems(&folder)?;
        Ok(folder)
    }

    /// Opens an event to change, holding this device's lock.
    pub fn write(&self, event: &str) -> Result<EventFolder, CliError> {
        let mut progress = Reading::new();
        let folder = EventFolder::open_reporting(
            &self.event_dir(event)?,
            self.identity()?,
            self.clock,
            Access::Write,
            &mut |step| progress.step(step),
        )?;
        refuse_problems(&folder)?;
        if let Some(reason) = folder.read_only() {
            return Err(CliError::Bad(format!(
                "{} cannot be changed here: {reason}.",
                folder.dir().display()
            )));
        }
        Ok(folder)
    }
}

/// A command must not act on an event with part of it missing: any file
/// that could not be read stops it, with what to do. A file of another
/// event is no part of this one (`check` names it), and a file from a newer
/// unconf is read as far as it can be, the event then read-only.
fn refuse_problems(folder: &EventFolder) -> Result<(), CliError> {
    // An unreadable own file whose versions came back from this machine's
    // copy of it misses nothing: reading goes ahead (writing stays refused,
    // since unconf never overwrites a file it cannot read).
    let own_recovered = folder.own_lag().is_some_and(|lag| lag.taken_back > 0);
    let blocking: Vec<_> = folder
        .problems()
        .iter()
        .filter(|p| p.kind == ProblemKind::Unreadable)
        .filter(|p| !(own_recovered && p.path == folder.own_path()))
        .collect();
    match blocking.as_slice() {
        [] => Ok(()),
        [one] => Err(CliError::Bad(format!(
            "{}; nothing was done: {} and try again.",
            one,
            one.advice()
        ))),
        [first, rest @ ..] => Err(CliError::Bad(format!(
            "{} (and {} more file{} that could not be read, see `unconf check`); nothing was done.",
            first,
            rest.len(),
            if rest.len() == 1 { "" } else { "s" }
        ))),
    }
}
