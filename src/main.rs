use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;

fn main() -> ExitCode {
    quiet_when_the_output_goes_away();
    match unconf::cli::Cli::try_parse() {
        Ok(cli) => unconf::cli::run(cli),
        Err(error) => usage_error(&error),
    }
}

/// A reader that stops reading (`unconf list | head -1`) closes the pipe,
/// and printing then fails. Every command writes what it changes before it
/// prints anything, so the process ends as Unix tools do when their output
/// goes away, quietly with 141 (as after SIGPIPE), not with a panic and a
/// backtrace that would suggest something was lost.
fn quiet_when_the_output_goes_away() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if message.starts_with("failed printing to stdout") {
            std::process::exit(141);
        }
        default(info);
    }));
}

/// Help and version print as clap formats them; any other mistake on the
/// command line is one line on stderr and exit code 2, like every other
/// error.
fn usage_error(error: &clap::Error) -> ExitCode {
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = error.print();
        return if error.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        };
    }
    // clap's message is its first paragraph; usage and tips follow.
    let text = error.render().to_string();
    let message = text
        .lines()
        .map(str::trim)
        .take_while(|l| !l.is_empty() && !l.starts_with("Usage:") && !l.starts_with("tip:"))
        .collect::<Vec<_>>()
        .join(" ");
    let message = message.strip_prefix("error: ").unwrap_or(&message);
    let message = message.trim_end_matches(['.', ':']);
    let message = if message.is_empty() {
        "the command line could not be read"
    } else {
        message
    };
    eprintln!("error: {message}; see `unconf --help`.");
    ExitCode::from(2)
}
