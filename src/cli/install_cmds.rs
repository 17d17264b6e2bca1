//! What installing unconf as a command-line tool needs: shell completions
//! and manual pages, both generated from the clap definitions so that they
//! can never drift from the commands.

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

/// Prints as every other command does: `print!`, whose failure when the
/// reader goes away (`| head`) main turns into a quiet exit 141.
fn write_stdout(bytes: &[u8]) -> CliResult {
    print!("{}", String::from_utf8_lossy(bytes));
    Ok(())
}
