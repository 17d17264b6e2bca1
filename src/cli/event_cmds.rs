//! Commands about whole events: the overview, new, list, rooms, slots, check.

use super::args::{EventArg, NewArgs, RoomCommand, SlotCommand};
use super::{CliError, CliResult, Context, table};
use crate::model::rules::{self, Clash, and_list};
use crate::model::text::inert_line;
use crate::model::{EventInfo, Slot, ops};
use crate::store::{EventFolder, location};

/// What `unconf` with no command prints: the events here and how to start.
pub fn overview(context: &Context) -> CliResult {
    let events = location::list_events(&context.sessions);
    println!("unconf: run an unconference day and publish what came out of it.\n");
    if events.is_empty() {
        println!("No events in {} yet.", context.sessions.display());
    } else {
        println!("Events in {}:", context.sessions.display());
        print!("{}", events_table(&events));
    }
    println!(
        "\nStart with:\n  unconf new \"My unconference\" --date 2026-11-27\n  unconf pitch add my-unconference \"A first pitch\"\n  unconf export my-unconference\n\n`unconf --help` lists every command."
    );
    Ok(())
}

fn events_table(events: &[location::EventEntry]) -> String {
    let rows: Vec<Vec<String>> = events
        .iter()
        .map(|e| {
            vec![
                e.slug.clone(),
                e.name.clone().unwrap_or_else(|| "?".into()),
                e.date.map(|d| d.to_string()).unwrap_or_default(),
                e.device_files.to_string(),
            ]
        })
        .collect();
    table::render(&["folder", "name", "date", "devices"], &rows, 60)
}

pub fn new(context: &Context, args: NewArgs) -> CliResult {
    let name = args.name.trim();
    if name.is_empty() {
        return Err(CliError::Bad(
            "The event needs a name; type one in quotes.".into(),
        ));
    }
    let previous = match args.follow_up.as_deref() {
        Some(event) => Some(super::follow_up::previous(context, event)?),
        None => None,
    };
    let info = EventInfo {
        name: name.to_string(),
        date: args.date,
        venue: args.venue.unwrap_or_default().trim().to_string(),
        organisers: args
            .organisers
            .iter()
            .map(|o| o.trim().to_string())
            .collect(),
        description: args.description.unwrap_or_default().trim().to_string(),
        follows: previous.as_ref().map(|(name, _)| name.clone()),
        ..EventInfo::default()
    };
    let mut folder =
        EventFolder::create(&context.sessions, info, context.identity()?, context.clock)?;
    println!(
        "Created \"{}\" in {}.",
        inert_line(name),
        folder.dir().display()
    );
    if let Some((previous, carried)) = previous {
        let (actions, decisions) = (carried.actions.len(), carried.decisions.len());
        super::follow_up::commit(&mut folder, carried)?;
        println!(
            "Carried over {} open action{} and {} decision{} from \"{}\".",
            actions,
            if actions == 1 { "" } else { "s" },
            decisions,
            if decisions == 1 { "" } else { "s" },
            inert_line(&previous)
        );
    }
    Ok(())
}

pub fn list(context: &Context) -> CliResult {
    let events = location::list_events(&context.sessions);
    if events.is_empty() {
        println!(
            "No events in {}; create one with `unconf new NAME`.",
            context.sessions.display()
        );
    } else {
        print!("{}", events_table(&events));
    }
    Ok(())
}

pub fn room(context: &Context, command: RoomCommand) -> CliResult {
    let (event, name, capacity) = match command {
        RoomCommand::Add {
            event,
            name,
            capacity,
        } => (event, name, capacity),
        RoomCommand::List(args) => return super::setup_cmds::room_list(context, args),
        RoomCommand::Set(args) => return super::setup_cmds::room_set(context, args),
        RoomCommand::Remove { event, room } => {
            return super::setup_cmds::room_remove(context, &event, &room);
        }
    };
    let mut folder = context.write(&event)?;
    let id = folder.new_id();
    let changes = ops::add_room(folder.event(), id, &name, capacity)?;
    folder.commit(changes)?;
    let capacity = capacity
        .map(|c| format!(" (seats {c})"))
        .unwrap_or_default();
    println!(
        "Added room \"{}\"{capacity} to {}.",
        inert_line(name.trim()),
        event_name(&folder)
    );
    Ok(())
}

pub fn slot(context: &Context, command: SlotCommand) -> CliResult {
    let (event, start, end, label, kind) = match command {
        SlotCommand::Add {
            event,
            start,
            end,
            label,
            kind,
        } => (event, start, end, label, kind),
        SlotCommand::List(args) => return super::setup_cmds::slot_list(context, args),
        SlotCommand::Set(args) => return super::setup_cmds::slot_set(context, args),
        SlotCommand::Remove { event, slot } => {
            return super::setup_cmds::slot_remove(context, &event, &slot);
        }
    };
    let mut folder = context.write(&event)?;
    let id = folder.new_id();
    let slot = Slot {
        start,
        end,
        label: label.unwrap_or_default(),
        kind: kind.into(),
    };
    let changes = ops::add_slot(folder.event(), id.clone(), slot)?;
    folder.commit(changes)?;
    let added = folder.event().slots.get(&id).map(rules::slot_name);
    println!(
        "Added slot {} to {}.",
        added.unwrap_or_default(),
        event_name(&folder)
    );
    warn_overlaps(folder.event(), &id);
    Ok(())
}

/// Warns on stderr about the slots that `slot` overlaps: allowed, since a
/// plenary may span breakouts, but usually a typing mistake.
pub(super) fn warn_overlaps(event: &crate::model::Event, slot: &crate::model::Id) {
    let overlaps = rules::overlapping_slots(event);
    for overlap in overlaps.iter().filter(|(a, b)| a == slot || b == slot) {
        eprintln!(
            "warning: {} `unconf check` lists every overlap.",
            rules::describe_overlap(event, overlap)
        );
    }
}

/// Lists every problem; exit 1 when there are any, 2 when a file is unreadable.
pub fn check(context: &Context, args: EventArg) -> CliResult {
    let folder = crate::store::EventFolder::open(
        &context.event_dir(&args.event)?,
        context.identity()?,
        context.clock,
        crate::store::Access::Read,
    )?;
    // A file from a newer format that was read as far as this build
    // understands it is part of the event (its records are shown): a
    // finding, not an unreadable file.
    let was_read = |p: &&crate::store::Problem| {
        p.kind == crate::store::ProblemKind::Newer
            && folder.files().iter().any(|f| f.path == p.path)
    };
    let unreadable: Vec<&crate::store::Problem> =
        folder.problems().iter().filter(|p| !was_read(p)).collect();
    let mut lines: Vec<String> = folder
        .problems()
        .iter()
        .filter(was_read)
        .map(|p| {
            format!(
                "newer file: {} was read as far as this build understands it: {}.",
                p.path.display(),
                p.reason
            )
        })
        .collect();
    lines.extend(problems(&folder, &args.event));
    lines.extend(clocks_ahead(&folder, context.clock.now_utc()));
    for problem in &unreadable {
        println!("unreadable: {problem}.");
    }
    for line in &lines {
        println!("{}", inert_line(line));
    }
    let total = lines.len() + unreadable.len();
    if total == 0 {
        println!(
            "{}: no problems found in {} device file{}.",
            event_name(&folder),
            folder.files().len(),
            if folder.files().len() == 1 { "" } else { "s" }
        );
        return Ok(());
    }
    eprintln!(
        "{total} problem{} found in {}.",
        if total == 1 { "" } else { "s" },
        folder.dir().display()
    );
    if unreadable.is_empty() {
        Err(CliError::Problems(total))
    } else {
        Err(CliError::Bad(format!(
            "{} file{} in {} could not be read.",
            unreadable.len(),
            if unreadable.len() == 1 { "" } else { "s" },
            folder.dir().display()
        )))
    }
}

/// Clashes, conflicts and sessions without notes, one line each.
fn problems(folder: &EventFolder, event_arg: &str) -> Vec<String> {
    let event = folder.event();
    let mut lines: Vec<String> = rules::clashes(event)
        .iter()
        .map(|c: &Clash| format!("clash: {}", c.describe(event)))
        .collect();
    lines.extend(
        rules::overlapping_slots(event)
            .iter()
            .map(|o| format!("overlap: {}", rules::describe_overlap(event, o))),
    );
    let devices = folder.devices();
    let replica = folder.replica();
    for id in replica.conflicts() {
        let Some(conflict) = replica.conflict(id) else {
            continue;
        };
        // "Kim on Kim's laptop", once each, for the versions `keep` takes.
        let writers = |keep: &dyn Fn(&crate::store::Version) -> bool| -> Vec<String> {
            let mut names: Vec<String> = conflict
                .versions
                .iter()
                .filter(|v| keep(v))
                .map(|v| {
                    let label = replica
                        .device_label(v.device())
                        .or_else(|| devices.get(v.device()).map(|d| d.0))
                        .unwrap_or(v.device());
                    format!("{} on {label}", v.author)
                })
                .collect();
            names.sort();
            names.dedup();
            names
        };
        let who = writers(&|_| true);
        let what = conflict
            .fields_in_words()
            .map(|words| format!(" ({words})"))
            .unwrap_or_default();
        let how = if !conflict.unseen_work.is_empty() {
            format!(
                "was deleted by {} while {} added to it; the session is kept until someone decides",
                and_list(&writers(&|v| v.deleted)),
                and_list(&writers(&|v| !v.deleted))
            )
        } else {
            match who.as_slice() {
                [one] => format!(
                    "was saved twice with different content by {one} (a restored backup or a copied device identity)"
                ),
                _ => format!("was changed at the same time by {}", and_list(&who)),
            }
        };
        lines.push(format!(
            "conflict: {}{what} {how}; `unconf resolve {event_arg}` shows the versions and keeps one.",
            event.describe(id)
        ));
    }
    if let Some(lag) = folder.own_lag() {
        lines.push(own_lag_line(folder, lag));
    }
    for id in rules::sessions_without_notes(event) {
        lines.push(format!(
            "no notes: {} has no notes, summary or outcome yet.",
            event.describe(id)
        ));
    }
    lines.extend(crate::export::personal::personal_data(event));
    lines
}

/// Says that this laptop's own file was behind what other laptops had seen
/// of it, and what came of that.
fn own_lag_line(folder: &EventFolder, lag: &crate::store::OwnLag) -> String {
    let name = folder
        .own_path()
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut line = format!(
        "stale file: this laptop's file {name} is older than what this laptop or others had of it (restored from a backup, copied back, or put back by a sync tool)"
    );
    if lag.taken_back > 0 {
        line.push_str(&format!(
            "; {} of its edits were taken back from other copies",
            lag.taken_back
        ));
    }
    if lag.missing {
        line.push_str("; some edits other laptops saw are in no file here: merge a copy that has them, or restore a newer backup");
    }
    line.push('.');
    line
}

/// A line for each laptop whose latest change is dated well ahead of this
/// laptop's clock. Versions, not times, decide what stands, so nothing of
/// it is lost; but its notes carry the wrong times until its clock is set.
fn clocks_ahead(folder: &EventFolder, now: chrono::DateTime<chrono::Utc>) -> Vec<String> {
    // Every device that wrote a version, whether its own file is here or
    // its versions came in another laptop's file (a merge).
    let replica = folder.replica();
    let mut latest: std::collections::BTreeMap<&str, chrono::DateTime<chrono::Utc>> =
        std::collections::BTreeMap::new();
    for version in replica.merged().versions() {
        let at = latest.entry(version.device()).or_insert(version.at);
        *at = (*at).max(version.at);
    }
    latest
        .into_iter()
        .map(|(device, last)| (replica.device_label(device).unwrap_or(device), last))
        .filter_map(|(label, last)| {
            let by = crate::store::clock::ahead(now, last)?;
            Some(format!(
                "clock: {label}'s latest change is dated {}, {} ahead of this laptop's clock; its edits are kept, but set its clock right.",
                last.format("%Y-%m-%d %H:%M UTC"),
                crate::store::clock::roughly(by)
            ))
        })
        .collect()
}

/// The event's name for messages.
pub fn event_name(folder: &EventFolder) -> String {
    let name = &folder.event().info.name;
    if name.is_empty() {
        folder.dir().display().to_string()
    } else {
        format!("\"{}\"", inert_line(name))
    }
}
