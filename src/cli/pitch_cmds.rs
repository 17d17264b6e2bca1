//! Pitches: adding, listing, and placing them on the grid.

use super::args::{ListFormat, PitchAddArgs, PitchCommand, ScheduleArgs};
use super::event_cmds::event_name;
use super::{CliResult, Context, table};
use crate::export::csv;
use crate::export::json::PitchOut;
use crate::model::reference::{resolve_pitch, resolve_room, resolve_slot};
use crate::model::rules::{quoted, room_name_of, slot_name_of};
use crate::model::{Event, Person, Pitch, ops};

pub fn pitch(context: &Context, command: PitchCommand) -> CliResult {
    match command {
        PitchCommand::Add(args) => add(context, args),
        PitchCommand::List { event, format } => list(context, &event, format),
        PitchCommand::Import {
            event,
            file,
            dry_run,
        } => super::import_cmd::import(context, &event, &file, dry_run),
        PitchCommand::Set(args) => super::pitch_verbs::set(context, args),
        PitchCommand::Vote {
            event,
            pitch,
            votes,
        } => super::pitch_verbs::vote(context, &event, &pitch, votes),
        PitchCommand::Merge { event, pitch, into } => {
            super::pitch_verbs::merge(context, &event, &pitch, &into)
        }
        PitchCommand::Withdraw {
            event,
            pitch,
            restore,
        } => super::pitch_verbs::withdraw(context, &event, &pitch, restore),
    }
}

fn add(context: &Context, args: PitchAddArgs) -> CliResult {
    let mut folder = context.write(&args.event)?;
    let organisation = args
        .org
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(str::to_string);
    // "jo bloggs" is the Jo Bloggs the event already knows.
    let people = crate::model::people::People::of_event(folder.event());
    let pitched_by = args
        .by
        .iter()
        .map(|name| name.trim())
        .filter(|name| !name.is_empty())
        .map(|name| Person {
            name: people.matched(name),
            organisation: organisation.clone(),
        })
        .collect();
    let pitch = Pitch {
        title: args.title.clone(),
        pitched_by,
        description: args.description.unwrap_or_default().trim().to_string(),
        tags: args
            .tags
            .iter()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        interest: args.votes,
        ..Pitch::default()
    };
    let id = folder.new_id();
    let changes = ops::add_pitch(folder.event(), id.clone(), pitch)?;
    folder.commit(changes)?;
    println!(
        "Added pitch {} (id {}) to {}.",
        quoted(&args.title),
        id.short(),
        event_name(&folder)
    );
    Ok(())
}

fn list(context: &Context, event: &str, format: ListFormat) -> CliResult {
    let folder = context.read(event)?;
    let event = folder.event();
    let rows = crate::export::json::pitches(event);
    match format {
        ListFormat::Json => println!("{}", serde_json::to_string_pretty(&rows)?),
        ListFormat::Csv => print!("{}", pitches_csv(&rows)),
        ListFormat::Table if rows.is_empty() => {
            println!("No pitches in {} yet.", event_name(&folder));
        }
        ListFormat::Table => print!("{}", pitches_table(event, &rows)),
    }
    Ok(())
}

fn people(people: &[Person]) -> String {
    people
        .iter()
        .map(|p| match &p.organisation {
            Some(org) => format!("{} ({org})", p.name),
            None => p.name.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn pitches_table(event: &Event, rows: &[PitchOut]) -> String {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let status = match r.merged_into {
                Some(into) => format!(
                    "merged into {}",
                    event
                        .pitches
                        .get(&crate::model::Id::new(into))
                        .map_or("?", |p| p.title.as_str())
                ),
                None => r.status.to_string(),
            };
            vec![
                crate::model::Id::new(r.id).short().to_string(),
                r.interest.to_string(),
                status,
                r.title.to_string(),
                people(r.pitched_by),
            ]
        })
        .collect();
    table::render(
        &["id", "votes", "status", "title", "pitched by"],
        &cells,
        48,
    )
}

fn pitches_csv(rows: &[PitchOut]) -> String {
    let mut out = csv::row(&[
        "id",
        "title",
        "pitched by",
        "description",
        "tags",
        "interest",
        "status",
        "merged into",
    ]);
    for r in rows {
        let interest = r.interest.to_string();
        let tags = r.tags.join("; ");
        out.push_str(&csv::row(&[
            r.id,
            r.title,
            &people(r.pitched_by),
            r.description,
            &tags,
            &interest,
            r.status,
            r.merged_into.unwrap_or(""),
        ]));
    }
    out
}

pub fn schedule(context: &Context, args: ScheduleArgs) -> CliResult {
    let mut folder = context.write(&args.event)?;
    let event = folder.event();
    let pitch = resolve_pitch(event, &args.pitch)?;
    let slot = resolve_slot(event, &args.slot)?;
    let room = resolve_room(event, &args.room)?;
    let id = folder.new_id();
    let changes = ops::schedule(folder.event(), id.clone(), &pitch, &slot, &room)?;
    folder.commit(changes)?;
    let event = folder.event();
    let title = event.pitches.get(&pitch).map_or("", |p| p.title.as_str());
    println!(
        "Scheduled {} in room {} during {} (session id {}).",
        quoted(title),
        room_name_of(event, &room),
        slot_name_of(event, &slot),
        id.short()
    );
    Ok(())
}
