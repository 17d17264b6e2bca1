//! `unconf pitch import EVENT FILE.csv [--dry-run]`: pitches collected
//! before the day with an online form.
//!
//! Good rows are added in one commit, so an import is whole or not at all;
//! bad rows are listed with their line numbers and left out; a pitch whose
//! title the event already has (whatever its case) is not added twice.

use std::collections::BTreeSet;
use std::path::Path;

use super::event_cmds::event_name;
use super::import_csv::{Parsed, parse};
use super::{CliError, CliResult, Context};
use crate::model::text::inert_line;
use crate::model::{Event, Pitch, ops};

pub fn import(context: &Context, event: &str, file: &Path, dry_run: bool) -> CliResult {
    let bytes = std::fs::read(file).map_err(|e| {
        CliError::Bad(format!(
            "Could not read {}: {e}; nothing was imported.",
            file.display()
        ))
    })?;
    let parsed = parse(&bytes).map_err(|e| {
        CliError::Bad(format!(
            "{} cannot be imported: {e}; nothing was imported.",
            file.display()
        ))
    })?;
    let mut folder = if dry_run {
        context.read(event)?
    } else {
        context.write(event)?
    };
    let Sorted { new, repeated } = sort_out(folder.event(), &parsed);
    if !dry_run && !new.is_empty() {
        let mut changes = Vec::new();
        for (_, pitch) in &new {
            let id = folder.new_id();
            changes.extend(ops::add_pitch(folder.event(), id, (*pitch).clone())?);
        }
        folder.commit(changes)?;
    }
    let verb = if dry_run { "Would import" } else { "Imported" };
    let count = new.len();
    println!(
        "{verb} {count} pitch{} from {} into {}{}",
        if count == 1 { "" } else { "es" },
        file.display(),
        event_name(&folder),
        if count == 0 { "." } else { ":" }
    );
    for (line, pitch) in &new {
        println!("  line {line}: {}", describe(pitch));
    }
    for (line, title) in &repeated {
        println!(
            "Skipped line {line}: the event already has a pitch called \"{}\".",
            inert_line(title)
        );
    }
    for (line, reason) in &parsed.bad {
        println!("Skipped line {line}: {}.", inert_line(reason));
    }
    if !parsed.ignored.is_empty() {
        let columns: Vec<String> = parsed
            .ignored
            .iter()
            .map(|c| format!("\"{}\"", inert_line(c)))
            .collect();
        println!("Ignored columns: {}.", columns.join(", "));
    }
    Ok(())
}

/// The rows of a file sorted out: those to add, and those whose title the
/// event (or an earlier row) already has.
struct Sorted<'p> {
    new: Vec<(u64, &'p Pitch)>,
    repeated: Vec<(u64, &'p str)>,
}

/// Titles are compared without regard to case or spacing.
fn sort_out<'p>(event: &Event, parsed: &'p Parsed) -> Sorted<'p> {
    let key = |title: &str| crate::model::text::one_line(title).to_lowercase();
    let mut seen: BTreeSet<String> = event.pitches.values().map(|p| key(&p.title)).collect();
    let mut sorted = Sorted {
        new: Vec::new(),
        repeated: Vec::new(),
    };
    for (line, pitch) in &parsed.pitches {
        if seen.insert(key(&pitch.title)) {
            sorted.new.push((*line, pitch));
        } else {
            sorted.repeated.push((*line, pitch.title.as_str()));
        }
    }
    sorted
}

/// "Open data (Sam Jones, Acme; 12 votes)".
fn describe(pitch: &Pitch) -> String {
    let mut details: Vec<String> = Vec::new();
    let people: Vec<String> = pitch.pitched_by.iter().map(|p| p.name.clone()).collect();
    if !people.is_empty() {
        details.push(people.join(", "));
    }
    if let Some(org) = pitch
        .pitched_by
        .first()
        .and_then(|p| p.organisation.clone())
    {
        details.push(org);
    }
    let mut text = inert_line(&pitch.title);
    if !details.is_empty() {
        text.push_str(&format!(" ({})", inert_line(&details.join(", "))));
    }
    if pitch.interest > 0 {
        text.push_str(&format!(", {} votes", pitch.interest));
    }
    text
}
