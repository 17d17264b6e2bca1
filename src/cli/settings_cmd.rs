//! `unconf settings`: this laptop's settings, kept with its identity in
//! the config directory (never in an event folder).

use super::args::{OnOff, SettingsCommand};
use super::{CliError, CliResult};
use crate::store::{Identity, location};

/// `unconf settings`: shown, or one changed and saved with the identity.
pub fn run(command: SettingsCommand) -> CliResult {
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
