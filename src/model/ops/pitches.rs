//! Pitches: capturing them, counting hands, withdrawing and merging them.

use std::collections::BTreeSet;

use super::{OpError, get, optional, put_changed, required};
use crate::model::rules::{and_list, pitch_title_of, quoted, slot_name_of};
use crate::model::{Change, Event, Id, Kind, Person, Pitch, Record};

/// Adds a pitch as given, with its title trimmed.
pub fn add_pitch(event: &Event, new_id: Id, pitch: Pitch) -> Result<Vec<Change>, OpError> {
    if let Some(into) = &pitch.merged_into {
        get(&event.pitches, into, Kind::Pitch)?;
    }
    let title = required(&pitch.title, "pitch title")?;
    let pitch = Pitch { title, ..pitch };
    Ok(vec![Change::put(new_id, Record::Pitch(pitch))])
}

/// Sets a pitch's interest (show of hands) to `interest`.
pub fn set_interest(event: &Event, pitch: &Id, interest: u32) -> Result<Vec<Change>, OpError> {
    edit_pitch(event, pitch, |p| p.interest = interest)
}

/// Adds `delta` hands to a pitch's interest, never below zero or past the top.
pub fn bump_interest(event: &Event, pitch: &Id, delta: i32) -> Result<Vec<Change>, OpError> {
    edit_pitch(event, pitch, |p| {
        p.interest = p.interest.saturating_add_signed(delta);
    })
}

/// The details of a pitch to change; `None` leaves a field as it is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PitchDetails {
    pub title: Option<String>,
    pub pitched_by: Option<Vec<Person>>,
    pub description: Option<String>,
    pub tags: Option<Vec<String>>,
    pub interest: Option<u32>,
}

/// Changes the given details of a pitch: the title may not be blank, text
/// is trimmed, and blank names and tags are left out.
pub fn set_pitch_details(
    event: &Event,
    pitch: &Id,
    details: PitchDetails,
) -> Result<Vec<Change>, OpError> {
    let title = match &details.title {
        Some(title) => Some(required(title, "pitch title")?),
        None => None,
    };
    edit_pitch(event, pitch, |p| {
        if let Some(title) = title {
            p.title = title;
        }
        if let Some(people) = details.pitched_by {
            p.pitched_by = people
                .into_iter()
                .filter(|person| !person.name.trim().is_empty())
                .map(|person| Person {
                    name: person.name.trim().to_owned(),
                    organisation: optional(person.organisation.as_deref()),
                })
                .collect();
        }
        if let Some(description) = details.description {
            p.description = description.trim().to_owned();
        }
        if let Some(tags) = details.tags {
            p.tags = tags
                .iter()
                .map(|t| t.trim().to_owned())
                .filter(|t| !t.is_empty())
                .collect();
        }
        if let Some(interest) = details.interest {
            p.interest = interest;
        }
    })
}

/// Withdraws a pitch that is not on the schedule.
pub fn withdraw(event: &Event, pitch: &Id) -> Result<Vec<Change>, OpError> {
    refuse_while_scheduled(event, pitch, "withdrawing it")?;
    edit_pitch(event, pitch, |p| p.withdrawn = true)
}

/// Brings a withdrawn pitch back.
pub fn restore(event: &Event, pitch: &Id) -> Result<Vec<Change>, OpError> {
    edit_pitch(event, pitch, |p| p.withdrawn = false)
}

/// Folds `other` into `keep`'s merge root, so it runs as part of that pitch's
/// sessions, and adds it (with anything merged into it) to those that exist.
pub fn merge_pitches(event: &Event, keep: &Id, other: &Id) -> Result<Vec<Change>, OpError> {
    get(&event.pitches, keep, Kind::Pitch)?;
    let other_pitch = get(&event.pitches, other, Kind::Pitch)?;
    if keep == other {
        return Err(OpError::MergeIntoSelf {
            pitch: pitch_title_of(event, keep),
        });
    }
    let root = event.merge_root(keep);
    if root == other || chain_reaches(event, root, other) {
        return Err(OpError::MergeCycle {
            keep: pitch_title_of(event, keep),
            other: pitch_title_of(event, other),
        });
    }
    if other_pitch.merged_into.is_some() {
        let other_root = event.merge_root(other);
        if other_root == root {
            return Ok(Vec::new());
        }
        return Err(OpError::AlreadyMerged {
            pitch: pitch_title_of(event, other),
            into: pitch_title_of(event, other_root),
        });
    }
    check_mergeable(event, root, other)?;

    let mut changes = edit_pitch(event, other, |p| p.merged_into = Some(root.clone()))?;
    let joining: Vec<&Id> = std::iter::once(other)
        .chain(event.merged_into(other))
        .filter(|id| event.pitches.get(*id).is_some_and(|p| !p.withdrawn))
        .collect();
    let sessions: BTreeSet<&Id> = event
        .sessions_of_pitch(keep)
        .into_iter()
        .chain(event.sessions_of_pitch(root))
        .collect();
    for id in sessions {
        let Some(session) = event.sessions.get(id) else {
            continue;
        };
        let mut session = session.clone();
        for pitch in &joining {
            if !session.pitches.contains(pitch) {
                session.pitches.push((*pitch).clone());
            }
        }
        changes.extend(put_changed(event, id, Record::Session(session)));
    }
    Ok(changes)
}

/// Separates a merged pitch again, taking it (and what was merged into it)
/// out of the sessions it had joined; sessions it leads are left alone.
pub fn unmerge(event: &Event, pitch: &Id) -> Result<Vec<Change>, OpError> {
    let found = get(&event.pitches, pitch, Kind::Pitch)?;
    if found.merged_into.is_none() {
        return Err(OpError::NotMerged {
            pitch: pitch_title_of(event, pitch),
        });
    }
    let mut changes = edit_pitch(event, pitch, |p| p.merged_into = None)?;
    let leaving: Vec<&Id> = std::iter::once(pitch)
        .chain(event.merged_into(pitch))
        .collect();
    for id in event.sessions_of_pitch(pitch) {
        let Some(session) = event.sessions.get(id) else {
            continue;
        };
        if session
            .pitches
            .first()
            .is_none_or(|first| leaving.contains(&first))
        {
            continue;
        }
        let mut session = session.clone();
        session.pitches.retain(|p| !leaving.contains(&p));
        changes.extend(put_changed(event, id, Record::Session(session)));
    }
    Ok(changes)
}

/// Deletes a pitch that is neither scheduled nor has pitches merged into it.
pub fn delete_pitch(event: &Event, pitch: &Id) -> Result<Vec<Change>, OpError> {
    get(&event.pitches, pitch, Kind::Pitch)?;
    refuse_while_scheduled(event, pitch, "deleting it")?;
    let merged: Vec<String> = event
        .merged_into(pitch)
        .into_iter()
        .map(|id| pitch_title_of(event, id))
        .collect();
    if !merged.is_empty() {
        return Err(OpError::HasMerged {
            pitch: pitch_title_of(event, pitch),
            count: merged.len(),
            merged: and_list(&merged),
        });
    }
    Ok(vec![Change::delete(pitch.clone())])
}

/// Changes one pitch with `edit`, writing it only if it differs.
fn edit_pitch(
    event: &Event,
    pitch: &Id,
    edit: impl FnOnce(&mut Pitch),
) -> Result<Vec<Change>, OpError> {
    let mut changed = get(&event.pitches, pitch, Kind::Pitch)?.clone();
    edit(&mut changed);
    Ok(put_changed(event, pitch, Record::Pitch(changed)))
}

/// Refuses `doing` while the pitch is part of a session; the fix depends on
/// whether it runs on its own or as part of a merged pitch.
fn refuse_while_scheduled(event: &Event, pitch: &Id, doing: &'static str) -> Result<(), OpError> {
    let found = get(&event.pitches, pitch, Kind::Pitch)?;
    let sessions = event.sessions_of_pitch(pitch);
    if sessions.is_empty() {
        return Ok(());
    }
    Err(OpError::PitchScheduled {
        pitch: quoted(&found.title),
        slots: slots_of(event, &sessions),
        fix: if found.merged_into.is_some() {
            "unmerge it"
        } else {
            "unschedule it"
        },
        doing,
    })
}

/// Merging into a withdrawn pitch, or merging a withdrawn or already
/// scheduled one, would hide or duplicate a discussion.
fn check_mergeable(event: &Event, root: &Id, other: &Id) -> Result<(), OpError> {
    if event.pitches.get(root).is_some_and(|p| p.withdrawn) {
        return Err(OpError::Withdrawn {
            pitch: pitch_title_of(event, root),
            doing: "merging into it",
        });
    }
    if event.pitches.get(other).is_some_and(|p| p.withdrawn) {
        return Err(OpError::Withdrawn {
            pitch: pitch_title_of(event, other),
            doing: "merging it",
        });
    }
    let own = event.sessions_of_pitch(other);
    if !own.is_empty() {
        return Err(OpError::MergeScheduled {
            pitch: pitch_title_of(event, other),
            slots: slots_of(event, &own),
        });
    }
    Ok(())
}

/// Whether following `merged_into` from `from` ever arrives at `target`.
/// Only hand-edited or conflicting files can hold the loops this guards.
fn chain_reaches(event: &Event, from: &Id, target: &Id) -> bool {
    let mut seen = BTreeSet::new();
    let mut current = from;
    while let Some(next) = event
        .pitches
        .get(current)
        .and_then(|p| p.merged_into.as_ref())
    {
        if next == target {
            return true;
        }
        if !seen.insert(next) {
            return false;
        }
        current = next;
    }
    false
}

/// The slots of some sessions, as `Round 1 (10:30) and Round 3 (14:00)`.
fn slots_of(event: &Event, sessions: &[&Id]) -> String {
    let names: Vec<String> = sessions
        .iter()
        .filter_map(|id| event.sessions.get(*id))
        .map(|s| slot_name_of(event, &s.slot))
        .collect();
    and_list(&names)
}

#[cfg(test)]
mod tests;
