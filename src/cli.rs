//! The command line: every subcommand works without a terminal UI, prints
//! what it did, and exits 0 on success, 1 when `check` finds problems, and 2
//! on bad input or an unreadable file (one sentence on stderr, nothing
//! written).

mod args;
mod carry_cmds;
mod context;
mod event_cmds;
mod export_args;
mod export_cmd;
mod follow_up;
mod generate_cmd;
mod import_cmd;
mod import_csv;
mod install_cmds;
mod note_verbs;
mod pitch_cmds;
mod pitch_verbs;
mod progress;
mod record_cmds;
mod resolve_cmd;
mod settings_cmd;
mod setup_cmds;
mod table;
mod tui_cmds;
mod verb_args;

use std::process::ExitCode;

pub use args::Cli;
use args::Command;
pub use context::Context;

/// Why a command did not succeed.
#[derive(Debug)]
pub enum CliError {
    /// Bad input or an unreadable file: exit 2.
    Bad(String),
    /// `check` found this many problems: exit 1.
    Problems(usize),
}

/// The errors a command can meet, each said as the one sentence it
/// renders. Listed one by one, so that only errors that say what and where
/// reach the user, never an arbitrary value's `Display`.
macro_rules! said_as_bad_input {
    ($($error:ty),+ $(,)?) => {
        $(impl From<$error> for CliError {
            fn from(error: $error) -> Self {
                CliError::Bad(error.to_string())
            }
        })+
    };
}

said_as_bad_input!(
    String,
    crate::store::StoreError,
    crate::model::ops::OpError,
    crate::model::reference::RefError,
    crate::export::ics::IcsError,
    crate::store::clock::ClockError,
);

/// Turning the event into JSON fails only on a bug; still a sentence.
impl From<serde_json::Error> for CliError {
    fn from(error: serde_json::Error) -> Self {
        CliError::Bad(format!("Could not write the JSON: {error}."))
    }
}

pub type CliResult = Result<(), CliError>;

/// Runs one subcommand and turns its outcome into the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    // Installing needs no sessions directory: these work on any machine.
    match &cli.command {
        Some(Command::Completions { shell }) => return report(install_cmds::completions(*shell)),
        Some(Command::Man { out }) => return report(install_cmds::man(out.as_deref())),
        _ => {}
    }
    let context = match Context::new(cli.dir.as_deref()) {
        Ok(context) => context,
        Err(error) => return report(Err(error)),
    };
    let Some(command) = cli.command else {
        return report(tui_cmds::start(&context));
    };
    report(dispatch(&context, command))
}

fn dispatch(context: &Context, command: Command) -> CliResult {
    match command {
        Command::Open(args) => tui_cmds::open(context, &args.event),
        Command::Notes(args) => tui_cmds::notes(context, args),
        Command::Board(args) => tui_cmds::board(context, args),
        Command::New(args) => event_cmds::new(context, args),
        Command::List => event_cmds::list(context),
        Command::Event(args) => setup_cmds::event(context, args),
        Command::Room(args) => event_cmds::room(context, args),
        Command::Slot(args) => event_cmds::slot(context, args),
        Command::Pitch(args) => pitch_cmds::pitch(context, args),
        Command::Schedule(args) => pitch_cmds::schedule(context, args),
        Command::Unschedule(args) => pitch_verbs::unschedule(context, args),
        Command::Note(args) => record_cmds::note(context, args),
        Command::Session(args) => record_cmds::session(context, args),
        Command::Action(args) => record_cmds::action(context, args),
        Command::Actions(args) => record_cmds::actions(context, args),
        Command::Decision(args) => record_cmds::decision(context, args),
        Command::Check(args) => event_cmds::check(context, args),
        Command::Resolve(args) => resolve_cmd::resolve(context, args),
        Command::Export(args) => export_cmd::export(context, args),
        Command::Merge(args) => carry_cmds::merge(context, args),
        Command::Pack(args) => carry_cmds::pack(context, args),
        Command::Sync(args) => carry_cmds::sync(context, &args.event),
        Command::Settings(args) => settings_cmd::run(args),
        Command::Generate(args) => generate_cmd::generate(&args),
        Command::Completions { shell } => install_cmds::completions(shell),
        Command::Man { out } => install_cmds::man(out.as_deref()),
    }
}

fn report(result: CliResult) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Problems(_)) => ExitCode::from(1),
        Err(CliError::Bad(message)) => {
            eprintln!("error: {}", crate::model::text::inert_line(&message));
            ExitCode::from(2)
        }
    }
}
