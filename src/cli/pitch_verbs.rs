//! Changing pitches that are there: their details, votes, merges and
//! withdrawals, and taking a session off the grid. Every edit is the same
//! `model::ops` function the terminal UI calls.

use super::args::SessionRef;
use super::setup_cmds::commit;
use super::verb_args::{PitchSetArgs, Votes};
use super::{CliError, CliResult, Context};
use crate::model::Person;
use crate::model::ops::{self, PitchDetails};
use crate::model::reference::{resolve_pitch, resolve_session};
use crate::model::rules::{pitch_title_of, session_title_of, slot_name_of};
use crate::store::EventFolder;

pub fn set(context: &Context, args: PitchSetArgs) -> CliResult {
    let org = args.org.as_deref().map(str::trim);
    let nothing = args.title.is_none()
        && args.description.is_none()
        && args.by.is_empty()
        && org.is_none()
        && args.tags.is_empty()
        && !args.no_tags
        && args.interest.is_none();
    if nothing {
        return Err(CliError::Bad(
            "Nothing to change; give at least one of --title, --description, --by, --org, --tag, --no-tags or --interest.".into(),
        ));
    }
    let mut folder = context.write(&args.event)?;
    let pitch = resolve_pitch(folder.event(), &args.pitch)?;
    let organisation = org.map(str::to_owned);
    // --org alone changes the organisation of everyone who pitched it.
    let pitched_by = if !args.by.is_empty() {
        // Matched to the people the event knows, as `pitch add --by` is.
        let people = crate::model::people::People::of_event(folder.event());
        Some(
            (args.by.iter())
                .map(|name| Person {
                    name: people.matched(name),
                    organisation: organisation.clone(),
                })
                .collect(),
        )
    } else if organisation.is_some() {
        let people = folder
            .event()
            .pitches
            .get(&pitch)
            .map(|p| p.pitched_by.clone())
            .unwrap_or_default();
        if people.is_empty() {
            return Err(CliError::Bad(format!(
                "{} has nobody to give an organisation to; name who pitched it with --by as well.",
                pitch_title_of(folder.event(), &pitch)
            )));
        }
        Some(
            people
                .into_iter()
                .map(|p| Person {
                    organisation: organisation.clone(),
                    ..p
                })
                .collect(),
        )
    } else {
        None
    };
    let details = PitchDetails {
        title: args.title,
        pitched_by,
        description: args.description,
        tags: (!args.tags.is_empty() || args.no_tags).then_some(args.tags),
        interest: args.interest,
    };
    let changes = ops::set_pitch_details(folder.event(), &pitch, details)?;
    let title = |folder: &EventFolder| pitch_title_of(folder.event(), &pitch);
    let same = format!(
        "Pitch {} already had those details; nothing changed.",
        title(&folder)
    );
    let changed = !changes.is_empty();
    folder.commit(changes)?;
    if changed {
        println!("Updated pitch {}.", title(&folder));
    } else {
        println!("{same}");
    }
    Ok(())
}

pub fn vote(context: &Context, event: &str, pitch: &str, votes: Votes) -> CliResult {
    let mut folder = context.write(event)?;
    let pitch = resolve_pitch(folder.event(), pitch)?;
    let changes = match votes {
        Votes::Set(n) => ops::set_interest(folder.event(), &pitch, n)?,
        Votes::Step(delta) => ops::bump_interest(folder.event(), &pitch, delta)?,
    };
    folder.commit(changes)?;
    let event = folder.event();
    let own = event.pitches.get(&pitch).map_or(0, |p| p.interest);
    let total = event.interest_of(&pitch);
    let merged = if total == own {
        String::new()
    } else {
        format!(" ({total} with the pitches merged into it)")
    };
    println!(
        "{} has {own} interested{merged}.",
        pitch_title_of(event, &pitch)
    );
    Ok(())
}

pub fn unmerge(context: &Context, event: &str, pitch: &str) -> CliResult {
    let mut folder = context.write(event)?;
    let id = resolve_pitch(folder.event(), pitch)?;
    let changes = ops::unmerge(folder.event(), &id)?;
    let title = pitch_title_of(folder.event(), &id);
    let done = format!("{title} is a pitch of its own again.");
    let same = format!("{title} is not merged; nothing changed.");
    commit(&mut folder, changes, &done, &same)
}

pub fn merge(context: &Context, event: &str, pitch: &str, into: &str) -> CliResult {
    let mut folder = context.write(event)?;
    let other = resolve_pitch(folder.event(), pitch)?;
    let keep = resolve_pitch(folder.event(), into)?;
    let changes = ops::merge_pitches(folder.event(), &keep, &other)?;
    let root = folder.event().merge_root(&keep).clone();
    let done = format!(
        "Merged {} into {}.",
        pitch_title_of(folder.event(), &other),
        pitch_title_of(folder.event(), &root)
    );
    let same = format!(
        "{} is already merged into {}; nothing changed.",
        pitch_title_of(folder.event(), &other),
        pitch_title_of(folder.event(), &root)
    );
    commit(&mut folder, changes, &done, &same)?;
    let event = folder.event();
    println!(
        "{} now has {} interested.",
        pitch_title_of(event, &root),
        event.interest_of(&root)
    );
    Ok(())
}

pub fn withdraw(context: &Context, event: &str, pitch: &str, restore: bool) -> CliResult {
    let mut folder = context.write(event)?;
    let pitch = resolve_pitch(folder.event(), pitch)?;
    let title = pitch_title_of(folder.event(), &pitch);
    let (changes, done, same) = if restore {
        (
            ops::restore(folder.event(), &pitch)?,
            format!("Brought back {title}."),
            format!("{title} was not withdrawn; nothing changed."),
        )
    } else {
        (
            ops::withdraw(folder.event(), &pitch)?,
            format!("Withdrew {title}; --restore brings it back."),
            format!("{title} was already withdrawn; nothing changed."),
        )
    };
    commit(&mut folder, changes, &done, &same)
}

pub fn unschedule(context: &Context, target: SessionRef) -> CliResult {
    let mut folder = context.write(&target.event)?;
    let session = resolve_session(folder.event(), &target.session, target.slot.as_deref())?;
    let event = folder.event();
    let title = session_title_of(event, &session);
    let slot = event
        .sessions
        .get(&session)
        .map(|s| slot_name_of(event, &s.slot))
        .unwrap_or_default();
    let changes = ops::unschedule(folder.event(), &session)?;
    folder.commit(changes)?;
    println!("Took session {title} in {slot} off the grid; its pitch is open again.");
    Ok(())
}
