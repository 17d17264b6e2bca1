//! Starting the terminal UI from the command line.

use std::io::IsTerminal;

use super::args::{BoardArgs, NotesArgs};
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

pub fn notes(context: &Context, args: NotesArgs) -> CliResult {
    let target = args.target;
    let dir = context.event_dir(&target.event)?;
    let config = location::config_dir();
    let identity = Identity::load(config.as_deref())?;
    // The flag, else the environment, else the stored setting.
    let plain = args.plain
        || crate::plain::from_env().unwrap_or_else(|| identity.as_ref().is_some_and(|me| me.plain));
    if plain {
        let setup = Setup {
            sessions: context.sessions.clone(),
            identity,
            config,
            clock: context.clock,
        };
        return crate::plain::run(setup, dir, &target.session, target.slot.as_deref())
            .map_err(CliError::Bad);
    }
    launch(
        context,
        Launch::NoteTaker {
            dir,
            session: target.session,
            slot: target.slot,
        },
    )
}

/// The projector board. It needs no identity: on a laptop unconf has never
/// run on, it reads the folder as a stranger rather than ask who is typing,
/// and a broken identity file does not keep it off the screen.
pub fn board(context: &Context, args: BoardArgs) -> CliResult {
    let dir = context.event_dir(&args.event)?;
    let at = match args.at.as_deref().map(str::trim) {
        None => None,
        Some(text) => Some(
            chrono::NaiveTime::parse_from_str(text, "%H:%M").map_err(|_| {
                CliError::Bad(format!(
                    "\"{}\" is not a time for --at; use HH:MM, e.g. 10:45.",
                    crate::model::text::inert_line(text)
                ))
            })?,
        ),
    };
    if !std::io::stdout().is_terminal() {
        return Err(CliError::Bad(
            "The board needs a terminal; run it in a terminal window on the projector.".into(),
        ));
    }
    let identity = Identity::load(location::config_dir().as_deref())
        .ok()
        .flatten();
    crate::tui::board::run(&dir, identity, context.clock, at).map_err(CliError::Bad)
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
