//! Starting the terminal UI from the command line.

use std::io::IsTerminal;

use super::args::SessionRef;
use super::{CliError, CliResult, Context, event_cmds};
use crate::store::location;
use crate::tui::{Launch, run};

/// `unconf` with no command: the TUI when there is a terminal, else the
/// overview of events (so scripts and pipes get text, not escape codes).
pub fn start(context: &Context) -> CliResult {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return event_cmds::overview(context);
    }
    match location::list_events(&context.sessions).as_slice() {
        [only] => launch(context, Launch::Event(only.dir.clone())),
        _ => event_cmds::overview(context),
    }
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
    run(what, context.identity()?, context.clock).map_err(CliError::Bad)
}
