//! What installing unconf as a command-line tool needs: shell completions
//! and manual pages, both generated from the clap definitions so that they
//! can never drift from the commands.

use std::io::Write;
use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;

use super::{Cli, CliError, CliResult};

/// Prints the completion script for `shell` on stdout.
pub fn completions(shell: Shell) -> CliResult {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "unconf", &mut out);
    write_stdout(&out)
}

/// Prints `unconf.1` on stdout, or writes it and one page per command
/// (`unconf-pitch-add.1`, ...) into `out`.
pub fn man(out: Option<&Path>) -> CliResult {
    let command = Cli::command();
    match out {
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(command)
                .render(&mut page)
                .map_err(|e| CliError::Bad(format!("Could not write the manual page: {e}.")))?;
            write_stdout(&page)
        }
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .map_err(|e| CliError::Bad(format!("Could not create {}: {e}.", dir.display())))?;
            clap_mangen::generate_to(command, dir).map_err(|e| {
                CliError::Bad(format!(
                    "Could not write the manual pages into {}: {e}.",
                    dir.display()
                ))
            })?;
            println!("Wrote the manual pages into {}.", dir.display());
            Ok(())
        }
    }
}

fn write_stdout(bytes: &[u8]) -> CliResult {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(()),
        // A reader that stopped reading (`| head`): end quietly as other
        // commands do, with 141 as after SIGPIPE.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(141),
        Err(e) => Err(CliError::Bad(format!("Could not print: {e}."))),
    }
}
