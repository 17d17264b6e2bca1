//! The event's details, rooms and slots as they stand: listing and
//! changing them with the same `model::ops` the Event screen uses.

use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;

use super::args::{EventCommand, ListFormat};
use super::event_cmds::{event_name, warn_overlaps};
use super::verb_args::{EventSetArgs, ListArgs, RoomSetArgs, SlotSetArgs};
use super::{CliError, CliResult, Context, table};
use crate::export::csv;
use crate::model::reference::{resolve_room, resolve_slot};
use crate::model::rules::{quoted, slot_name};
use crate::model::text::inert_line;
use crate::model::{EventInfo, Slot, ops};
use crate::store::EventFolder;

/// Writes the changes and says what happened, or that nothing changed.
pub(super) fn commit(
    folder: &mut EventFolder,
    changes: Vec<crate::model::Change>,
    done: &str,
    same: &str,
) -> CliResult {
    let changed = !changes.is_empty();
    folder.commit(changes)?;
    println!("{}", if changed { done } else { same });
    Ok(())
}

/// A number flag where "" clears the value.
fn count(text: &str, flag: &str) -> Result<Option<u32>, CliError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse().map(Some).map_err(|_| {
        CliError::Bad(format!(
            "{} is not a whole number for {flag}; give one such as 24, or \"\" to clear it.",
            quoted(text)
        ))
    })
}

fn time(text: &str, flag: &str) -> Result<NaiveTime, CliError> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").map_err(|_| {
        CliError::Bad(format!(
            "{} is not a time for {flag}; use HH:MM, e.g. 10:30.",
            quoted(text)
        ))
    })
}

pub fn event(context: &Context, command: EventCommand) -> CliResult {
    let EventCommand::Set(args) = command;
    let EventSetArgs {
        event,
        name,
        date,
        venue,
        time_zone,
        description,
        organisers,
        attendees,
        url,
    } = args;
    let nothing = name.is_none()
        && date.is_none()
        && venue.is_none()
        && time_zone.is_none()
        && description.is_none()
        && organisers.is_empty()
        && attendees.is_none()
        && url.is_none();
    if nothing {
        return Err(CliError::Bad(
            "Nothing to change; give at least one of --name, --date, --venue, --time-zone, --description, --organiser, --attendees or --url.".into(),
        ));
    }
    let date = match date.as_deref().map(str::trim) {
        None => None,
        Some("") => Some(None),
        Some(text) => Some(Some(NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(
            |_| {
                CliError::Bad(format!(
                    "{} is not a date for --date; use YYYY-MM-DD, e.g. 2026-11-27.",
                    quoted(text)
                ))
            },
        )?)),
    };
    let attendees = attendees
        .as_deref()
        .map(|a| count(a, "--attendees"))
        .transpose()?;
    // Attendees are sent to it (the board and web pages show it): only a
    // web address, never a script or a file.
    if let Some(url) = url.as_deref().map(str::trim).filter(|u| !u.is_empty())
        && !ops::is_web_address(url)
    {
        return Err(CliError::Bad(format!(
            "{} is not a web address for --url; give one starting https://, e.g. https://example.org/programme.",
            quoted(url)
        )));
    }
    let mut folder = context.write(&event)?;
    let old = folder.event().info.clone();
    let info = EventInfo {
        name: name.unwrap_or_else(|| old.name.clone()),
        date: date.unwrap_or(old.date),
        venue: venue.unwrap_or_else(|| old.venue.clone()),
        organisers: if organisers.is_empty() {
            old.organisers.clone()
        } else {
            // One organiser for one name, whatever its case or spacing.
            let people = crate::model::people::People::of_event(folder.event());
            let mut seen = std::collections::BTreeSet::new();
            (organisers.iter())
                .map(|o| people.matched(o))
                .filter(|o| !o.is_empty())
                .filter(|o| seen.insert(crate::model::people::key(o)))
                .collect()
        },
        description: description.unwrap_or_else(|| old.description.clone()),
        time_zone: match time_zone {
            Some(zone) => Some(zone),
            None => old.time_zone.clone(),
        },
        attendees: attendees.unwrap_or(old.attendees),
        url: url.map_or_else(|| old.url.clone(), |u| u.trim().to_string()),
        ..old
    };
    let changes = ops::set_details(folder.event(), info)?;
    let changed = !changes.is_empty();
    folder.commit(changes)?;
    if changed {
        println!("Updated the details of {}.", event_name(&folder));
    } else {
        println!(
            "{} already had those details; nothing changed.",
            event_name(&folder)
        );
    }
    Ok(())
}

/// One room as `room list --format json` prints it.
#[derive(Serialize)]
struct RoomRow<'a> {
    id: &'a str,
    name: &'a str,
    capacity: Option<u32>,
    sessions: usize,
}

pub fn room_list(context: &Context, args: ListArgs) -> CliResult {
    let folder = context.read(&args.event)?;
    let event = folder.event();
    let rows: Vec<RoomRow> = (event.rooms_in_order().into_iter())
        .map(|(id, room)| RoomRow {
            id: id.as_str(),
            name: &room.name,
            capacity: room.capacity,
            sessions: event.sessions.values().filter(|s| s.room == *id).count(),
        })
        .collect();
    let text = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    match args.format {
        ListFormat::Json => println!("{}", serde_json::to_string_pretty(&rows)?),
        ListFormat::Csv => {
            let mut out = csv::row(&["id", "name", "capacity", "sessions"]);
            for r in &rows {
                out.push_str(&csv::row(&[
                    r.id,
                    r.name,
                    &text(r.capacity),
                    &r.sessions.to_string(),
                ]));
            }
            print!("{out}");
        }
        ListFormat::Table if rows.is_empty() => {
            println!("No rooms in {} yet.", event_name(&folder));
        }
        ListFormat::Table => {
            let cells: Vec<Vec<String>> = (rows.iter())
                .map(|r| {
                    vec![
                        crate::model::Id::new(r.id).short().to_string(),
                        r.name.to_string(),
                        text(r.capacity),
                        r.sessions.to_string(),
                    ]
                })
                .collect();
            print!(
                "{}",
                table::render(&["id", "room", "seats", "sessions"], &cells, 48)
            );
        }
    }
    Ok(())
}

pub fn room_set(context: &Context, args: RoomSetArgs) -> CliResult {
    if args.name.is_none() && args.capacity.is_none() {
        return Err(CliError::Bad(
            "Nothing to change; give --name, --capacity or both.".into(),
        ));
    }
    let capacity = args
        .capacity
        .as_deref()
        .map(|c| count(c, "--capacity"))
        .transpose()?;
    let mut folder = context.write(&args.event)?;
    let id = resolve_room(folder.event(), &args.room)?;
    let Some(room) = folder.event().rooms.get(&id).cloned() else {
        return Err(CliError::Bad(format!("The room {} is gone.", id.short())));
    };
    let name = args.name.unwrap_or_else(|| room.name.clone());
    let changes = ops::edit_room(
        folder.event(),
        &id,
        &name,
        capacity.unwrap_or(room.capacity),
    )?;
    let done = format!("Updated room \"{}\".", inert_line(name.trim()));
    let same = format!(
        "Room {} already had those details; nothing changed.",
        quoted(&room.name)
    );
    commit(&mut folder, changes, &done, &same)
}

pub fn room_remove(context: &Context, event: &str, room: &str) -> CliResult {
    let mut folder = context.write(event)?;
    let id = resolve_room(folder.event(), room)?;
    let name = folder
        .event()
        .rooms
        .get(&id)
        .map(|r| r.name.clone())
        .unwrap_or_default();
    let changes = ops::delete_room(folder.event(), &id)?;
    folder.commit(changes)?;
    println!(
        "Removed room {} from {}.",
        quoted(&name),
        event_name(&folder)
    );
    Ok(())
}

/// One slot as `slot list --format json` prints it.
#[derive(Serialize)]
struct SlotRow<'a> {
    id: &'a str,
    start: String,
    end: String,
    label: &'a str,
    kind: &'static str,
    sessions: usize,
    overlaps: Vec<&'a str>,
}

pub fn slot_list(context: &Context, args: ListArgs) -> CliResult {
    let folder = context.read(&args.event)?;
    let event = folder.event();
    let overlaps = crate::model::rules::overlapping_slots(event);
    let rows: Vec<SlotRow> = (event.slots_in_order().into_iter())
        .map(|(id, slot)| SlotRow {
            id: id.as_str(),
            start: slot.start.format("%H:%M").to_string(),
            end: slot.end.format("%H:%M").to_string(),
            label: &slot.label,
            kind: slot.kind.word(),
            sessions: event.sessions.values().filter(|s| s.slot == *id).count(),
            overlaps: crate::model::rules::overlaps_of(&overlaps, id)
                .map(|other| other.as_str())
                .collect(),
        })
        .collect();
    match args.format {
        ListFormat::Json => println!("{}", serde_json::to_string_pretty(&rows)?),
        ListFormat::Csv => {
            let mut out = csv::row(&["id", "start", "end", "label", "kind", "sessions"]);
            for r in &rows {
                out.push_str(&csv::row(&[
                    r.id,
                    &r.start,
                    &r.end,
                    r.label,
                    r.kind,
                    &r.sessions.to_string(),
                ]));
            }
            print!("{out}");
        }
        ListFormat::Table if rows.is_empty() => {
            println!("No slots in {} yet.", event_name(&folder));
        }
        ListFormat::Table => {
            let cells: Vec<Vec<String>> = (rows.iter())
                .map(|r| {
                    let overlap = if r.overlaps.is_empty() {
                        ""
                    } else {
                        "overlaps"
                    };
                    vec![
                        crate::model::Id::new(r.id).short().to_string(),
                        format!("{}–{}", r.start, r.end),
                        r.label.to_string(),
                        r.kind.to_string(),
                        r.sessions.to_string(),
                        overlap.to_string(),
                    ]
                })
                .collect();
            print!(
                "{}",
                table::render(&["id", "time", "label", "kind", "sessions", ""], &cells, 40)
            );
        }
    }
    Ok(())
}

pub fn slot_set(context: &Context, args: SlotSetArgs) -> CliResult {
    if args.start.is_none() && args.end.is_none() && args.label.is_none() && args.kind.is_none() {
        return Err(CliError::Bad(
            "Nothing to change; give at least one of --start, --end, --label or --kind.".into(),
        ));
    }
    let start = args
        .start
        .as_deref()
        .map(|t| time(t, "--start"))
        .transpose()?;
    let end = args.end.as_deref().map(|t| time(t, "--end")).transpose()?;
    let mut folder = context.write(&args.event)?;
    let id = resolve_slot(folder.event(), &args.slot)?;
    let Some(old) = folder.event().slots.get(&id).cloned() else {
        return Err(CliError::Bad(format!("The slot {} is gone.", id.short())));
    };
    // A label that was only the old times follows the new ones.
    let label_was_times = old.label == crate::model::rules::slot_times(&old);
    let slot = Slot {
        start: start.unwrap_or(old.start),
        end: end.unwrap_or(old.end),
        label: match args.label {
            Some(label) => label,
            None if label_was_times => String::new(),
            None => old.label.clone(),
        },
        kind: args.kind.map_or(old.kind, Into::into),
    };
    let changes = ops::edit_slot(folder.event(), &id, slot)?;
    let changed = !changes.is_empty();
    folder.commit(changes)?;
    let name = folder
        .event()
        .slots
        .get(&id)
        .map(slot_name)
        .unwrap_or_default();
    if changed {
        println!("Updated slot {name}.");
        warn_overlaps(folder.event(), &id);
    } else {
        println!("Slot {name} already had those details; nothing changed.");
    }
    Ok(())
}

pub fn slot_remove(context: &Context, event: &str, slot: &str) -> CliResult {
    let mut folder = context.write(event)?;
    let id = resolve_slot(folder.event(), slot)?;
    let name = folder
        .event()
        .slots
        .get(&id)
        .map(slot_name)
        .unwrap_or_default();
    let changes = ops::delete_slot(folder.event(), &id)?;
    folder.commit(changes)?;
    println!("Removed slot {name} from {}.", event_name(&folder));
    Ok(())
}
