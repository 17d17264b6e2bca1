//! Starting the terminal UI from the command line.

use std::io::IsTerminal;

use super::args::{NotesArgs, OnOff, SettingsCommand};
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

/// `unconf settings`: shown, or one changed and saved with the identity.
pub fn settings(command: SettingsCommand) -> CliResult {
    let Some(config) = location::config_dir() else {
        return Err(CliError::Bad(
            "There is no config directory on this machine to keep settings in.".into(),
        ));
    };
    let Some(mut me) = Identity::stored(&config)? else {
        return Err(CliError::Bad(format!(
            "This laptop has no identity yet in {}: `unconf notes EVENT SESSION --plain` asks your name and this laptop's, and turns plain mode on.",
            config.display()
        )));
    };
    match command {
        SettingsCommand::Show => {
            println!("name: {}", crate::model::text::inert_line(&me.author));
            println!("laptop: {}", crate::model::text::inert_line(&me.label));
            println!("plain: {}", if me.plain { "on" } else { "off" });
            if let Some(env) = crate::plain::from_env() {
                println!(
                    "UNCONF_PLAIN turns plain mode {} here, whatever the setting.",
                    if env { "on" } else { "off" }
                );
            }
        }
        SettingsCommand::Plain { state } => {
            me.plain = state == OnOff::On;
            let path = me.save(&config)?;
            println!(
                "Plain mode {}: `unconf notes` {} (saved in {}).",
                if me.plain { "on" } else { "off" },
                if me.plain {
                    "takes notes line by line, for screen readers"
                } else {
                    "opens the full-screen note-taker"
                },
                path.display()
            );
        }
    }
    Ok(())
}
