//! Starting the terminal UI from the command line.

use std::io::IsTerminal;

use super::args::SessionRef;
use super::{CliError, CliResult, Context, event_cmds};
use crate::store::{Identity, location};
use crate::tui::{Launch, Setup, run};

/// `unconf` with no command: the TUI's event picker when there is a
/// terminal, else the overview of events (so scripts get text, not escapes).
pub fn start(context: &Context) -> CliResult {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return event_cmds::overview(context);
    }
    launch(context, Launch::Picker)
}

pub fn open(context: &Context, event: &str) -> CliResult {
    let dir = context.event_dir(event)?;
    launch(context, Launch::Event(dir))
}

pub fn notes(context: &Context, target: SessionRef) -> CliResult {
    let dir = context.event_dir(&target.event)?;
    launch(
        context,
        Launch::NoteTaker {
            dir,
            session: target.session,
            slot: target.slot,
        },
    )
}

fn launch(context: &Context, what: Launch) -> CliResult {
    if !std::io::stdout().is_terminal() {
        return Err(CliError::Bad(
            "The terminal UI needs a terminal; run this in a terminal window, or use the other commands in scripts.".into(),
        ));
    }
    let config = location::config_dir();
    let setup = Setup {
        sessions: context.sessions.clone(),
        identity: Identity::load(config.as_deref())?,
        config,
        clock: context.clock,
    };
    run(what, setup).map_err(CliError::Bad)
}
