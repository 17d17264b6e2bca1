//! `unconf resolve`: the conflicts of an event with their versions
//! numbered as the TUI's resolve view numbers them, and keeping one.

use chrono::{DateTime, Utc};

use super::args::ResolveArgs;
use super::event_cmds::event_name;
use super::{CliError, CliResult, Context};
use crate::model::fields::{self, Field};
use crate::model::text::{capitalised, inert_line, truncate};
use crate::model::{Change, Event, Id, Record};
use crate::store::version::{Version, in_shown_order};
use crate::store::{Access, EventFolder, clock};

/// Longest a field's value is shown in a listing.
const VALUE_WIDTH: usize = 70;

pub fn resolve(context: &Context, args: ResolveArgs) -> CliResult {
    let dir = context.event_dir(&args.event)?;
    let access = if args.keep.is_some() {
        Access::Write
    } else {
        Access::Read
    };
    let mut folder = EventFolder::open(&dir, context.identity()?, context.clock, access)?;
    let conflicts: Vec<Id> = folder
        .merged()
        .conflicts()
        .map(|(id, _)| id.clone())
        .collect();
    let (Some(record), Some(keep)) = (args.record, args.keep) else {
        list(&folder, &conflicts, &args.event, context.clock.now_utc());
        return Ok(());
    };
    let id = find(&folder, &conflicts, &record, &args.event)?;
    let versions = in_shown_order(folder.merged().current(&id));
    let Some(version) = keep.checked_sub(1).and_then(|n| versions.get(n)).cloned() else {
        return Err(CliError::Bad(format!(
            "{} has versions 1 to {}, not {keep}; `unconf resolve {}` lists them.",
            capitalised(&folder.event().describe(&id)),
            versions.len(),
            args.event
        )));
    };
    let what = folder.event().describe(&id);
    let who = writer(&folder, &version);
    folder.commit(vec![Change {
        id,
        record: version.value.clone(),
    }])?;
    let kept = if version.value.is_some() {
        "version"
    } else {
        "deletion"
    };
    println!(
        "{}",
        inert_line(&format!(
            "Kept {kept} {keep} of {what} (by {who}); it replaces the other{} here, and on every laptop that gets this laptop's file.",
            if versions.len() > 2 { "s" } else { "" }
        ))
    );
    Ok(())
}

/// Every conflict and its versions, only the fields that differ.
fn list(folder: &EventFolder, conflicts: &[Id], event_arg: &str, now: DateTime<Utc>) {
    if conflicts.is_empty() {
        println!("{}: no conflicting versions.", event_name(folder));
        return;
    }
    let event = folder.event();
    for id in conflicts {
        let versions = in_shown_order(folder.merged().current(id));
        println!(
            "{}",
            inert_line(&format!(
                "{} ({}): {} versions",
                capitalised(&event.describe(id)),
                id.short(),
                versions.len()
            ))
        );
        let values: Vec<Option<&Record>> = versions.iter().map(|v| v.value.as_ref()).collect();
        let differing = fields::differing(event, &values);
        for (n, version) in versions.iter().enumerate() {
            let mut when = version.at.format("%Y-%m-%d %H:%M UTC").to_string();
            if clock::ahead(now, version.at).is_some() {
                when.push_str(", its clock ahead");
            }
            println!(
                "{}",
                inert_line(&format!(
                    "  {}. {} ({when}): {}",
                    n + 1,
                    writer(folder, version),
                    shown(event, version, &differing)
                ))
            );
        }
        println!(
            "  Keep one: unconf resolve {} {} --keep N",
            inert_line(event_arg),
            id.short()
        );
    }
}

/// "Title: Open data; Interest: 4", or "deleted it".
fn shown(event: &Event, version: &Version, differing: &[&str]) -> String {
    let Some(record) = &version.value else {
        return "deleted it".into();
    };
    let parts: Vec<String> = fields::fields(event, record)
        .into_iter()
        .filter(|f: &Field| differing.contains(&f.label))
        .map(|f| {
            let value = if f.value.is_empty() {
                "(empty)".to_string()
            } else {
                truncate(&inert_line(&f.value), VALUE_WIDTH)
            };
            format!("{}: {value}", f.label)
        })
        .collect();
    if parts.is_empty() {
        "the same content, saved twice".into()
    } else {
        parts.join("; ")
    }
}

/// "Kim on Kim's laptop".
fn writer(folder: &EventFolder, version: &Version) -> String {
    let devices = folder.devices();
    let label = devices
        .get(version.device.as_str())
        .map_or(version.device.as_str(), |d| d.0);
    if version.author.is_empty() {
        label.to_string()
    } else {
        format!("{} on {label}", version.author)
    }
}

/// The conflict a typed id names: the whole id, its short form, or a
/// unique beginning, in any case.
fn find(
    folder: &EventFolder,
    conflicts: &[Id],
    typed: &str,
    event_arg: &str,
) -> Result<Id, CliError> {
    let typed = typed.trim().to_uppercase();
    let found: Vec<&Id> = conflicts
        .iter()
        .filter(|id| {
            let id = id.as_str().to_uppercase();
            !typed.is_empty() && (id == typed || id.ends_with(&typed) || id.starts_with(&typed))
        })
        .collect();
    match found.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(CliError::Bad(format!(
            "No record with conflicting versions has the id \"{typed}\" in {}; `unconf resolve {event_arg}` lists those that do.",
            event_name(folder)
        ))),
        many => Err(CliError::Bad(format!(
            "\"{typed}\" names {} records with conflicting versions ({}); type more of the id.",
            many.len(),
            many.iter()
                .map(|id| id.short())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}
