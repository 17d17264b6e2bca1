//! Finding a pitch, session, slot or room from what a user typed.
//!
//! The command line takes references, not ids, because people type what they
//! see: a bit of a title, a start time, the short id from a list. Anything
//! that could mean two things is refused with the candidates listed, never
//! guessed.

use chrono::NaiveTime;
use thiserror::Error;

use super::rules::{
    and_list, plural, quoted, session_title_of, slot_name, slot_name_of, slot_times,
};
use super::{Event, Id};

/// Why a reference did not pick exactly one record.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum RefError {
    #[error("No {what} matches {}; {hint}.", quoted(.query))]
    NotFound {
        what: &'static str,
        query: String,
        /// What to try instead, as the end of a sentence.
        hint: String,
    },
    #[error(
        "{} matches {}: {}; {}.",
        quoted(.query),
        plural(.candidates.len(), .what),
        candidate_list(.candidates),
        how_to_pick(.what)
    )]
    Ambiguous {
        what: &'static str,
        query: String,
        /// Each candidate's id and how to show it, e.g. `"Open data"`.
        candidates: Vec<(Id, String)>,
    },
}

/// Picks one candidate by, in turn: its exact id; a unique id prefix or
/// suffix (the short id lists show) of four or more characters; a unique
/// exact title; a unique part of a title. Case never matters. A candidate
/// may come several times with different titles (a session has one per
/// pitch); `what` names the kind in messages.
pub fn resolve<'a>(
    what: &'static str,
    query: &str,
    candidates: impl IntoIterator<Item = (&'a Id, String)>,
) -> Result<Id, RefError> {
    let query = query.trim();
    if query.is_empty() {
        return Err(not_found(what, query, "type part of its title, or its id"));
    }
    let candidates: Vec<(&Id, String)> = candidates.into_iter().collect();
    if let Some((id, _)) = candidates
        .iter()
        .find(|(id, _)| id.as_str().eq_ignore_ascii_case(query))
    {
        return Ok((*id).clone());
    }
    let by_id = if query.chars().count() >= 4 {
        distinct(&candidates, |id, _| {
            has_prefix(id.as_str(), query) || has_suffix(id.as_str(), query)
        })
    } else {
        Vec::new()
    };
    if let [(id, _)] = by_id.as_slice() {
        return Ok((*id).clone());
    }
    let lower = query.to_lowercase();
    let exact = distinct(&candidates, |_, title| title.trim().to_lowercase() == lower);
    let part = distinct(&candidates, |_, title| {
        title.to_lowercase().contains(&lower)
    });
    let best = [exact, part, by_id]
        .into_iter()
        .find(|found| !found.is_empty());
    match best.as_deref() {
        Some([(id, _)]) => Ok((*id).clone()),
        Some(several) => Err(RefError::Ambiguous {
            what,
            query: query.to_owned(),
            candidates: several
                .iter()
                .map(|(id, title)| ((*id).clone(), quoted(title)))
                .collect(),
        }),
        None => Err(not_found(
            what,
            query,
            "check the spelling, or use the id shown in the list",
        )),
    }
}

/// A pitch by id or title.
pub fn resolve_pitch(event: &Event, query: &str) -> Result<Id, RefError> {
    let candidates = event
        .pitches_in_order()
        .into_iter()
        .map(|(id, p)| (id, p.title.clone()));
    resolve("pitch", query, candidates)
}

/// A session by id or by the title of any of its pitches, so a merged
/// pitch's title finds the session it runs in. `slot` (from `--slot`)
/// narrows the search to one slot, which picks one occurrence of a repeat.
pub fn resolve_session(event: &Event, query: &str, slot: Option<&str>) -> Result<Id, RefError> {
    let slot = slot.map(|s| resolve_slot(event, s)).transpose()?;
    let sessions: Vec<_> = event
        .sessions_in_order()
        .into_iter()
        .filter(|(_, s)| slot.as_ref().is_none_or(|slot| s.slot == *slot))
        .collect();
    let candidates = sessions.iter().flat_map(|(id, session)| {
        let mut titles: Vec<String> = session
            .pitches
            .iter()
            .filter_map(|p| event.pitches.get(p))
            .map(|p| p.title.clone())
            .collect();
        if titles.is_empty() {
            titles.push(event.session_title(session).to_owned());
        }
        titles.into_iter().map(move |title| (*id, title))
    });
    match resolve("session", query, candidates) {
        Err(RefError::Ambiguous {
            what,
            query,
            candidates,
        }) => Err(RefError::Ambiguous {
            what,
            query,
            candidates: candidates
                .into_iter()
                .map(|(id, _)| {
                    let label = session_label(event, &id);
                    (id, label)
                })
                .collect(),
        }),
        Err(RefError::NotFound { what, query, hint }) => {
            let hint = session_hint(event, &query, slot.as_ref()).unwrap_or(hint);
            Err(RefError::NotFound { what, query, hint })
        }
        found => found,
    }
}

/// A slot by its start time (`10:30` or `9:30`), else by its label.
pub fn resolve_slot(event: &Event, query: &str) -> Result<Id, RefError> {
    let slots = event.slots_in_order();
    if let Ok(start) = NaiveTime::parse_from_str(query.trim(), "%H:%M") {
        let starting: Vec<(&Id, String)> = slots
            .iter()
            .filter(|(_, s)| s.start == start)
            .map(|(id, s)| (*id, slot_name(s)))
            .collect();
        if let [(id, _)] = starting.as_slice() {
            return Ok((*id).clone());
        }
        if starting.len() > 1 {
            return Err(RefError::Ambiguous {
                what: "slot",
                query: query.trim().to_owned(),
                candidates: starting
                    .into_iter()
                    .map(|(id, n)| (id.clone(), n))
                    .collect(),
            });
        }
    }
    let candidates = slots.iter().map(|(id, s)| {
        let label = if s.label.trim().is_empty() {
            slot_times(s)
        } else {
            s.label.clone()
        };
        (*id, label)
    });
    resolve("slot", query, candidates).map_err(|err| {
        let names: Vec<String> = slots.iter().map(|(_, s)| slot_name(s)).collect();
        let hint = if names.is_empty() {
            "the event has no slots yet".to_owned()
        } else {
            format!("the slots are {}", and_list(&names))
        };
        with_hint(err, hint)
    })
}

/// A room by name: exact first, then a unique part of it.
pub fn resolve_room(event: &Event, query: &str) -> Result<Id, RefError> {
    let rooms = event.rooms_in_order();
    let candidates = rooms.iter().map(|(id, r)| (*id, r.name.clone()));
    resolve("room", query, candidates).map_err(|err| {
        let names: Vec<String> = rooms.iter().map(|(_, r)| quoted(&r.name)).collect();
        let hint = if names.is_empty() {
            "the event has no rooms yet".to_owned()
        } else {
            format!("the rooms are {}", and_list(&names))
        };
        with_hint(err, hint)
    })
}

/// A next step by id or by its text.
pub fn resolve_action(event: &Event, query: &str) -> Result<Id, RefError> {
    let steps = event.all_actions();
    let candidates = steps.iter().map(|(id, a)| (*id, a.text.clone()));
    resolve("action", query, candidates)
}

/// A note by id or by its text, within one session when `session` is given.
pub fn resolve_note(event: &Event, query: &str, session: Option<&Id>) -> Result<Id, RefError> {
    let candidates = (event.notes.iter())
        .filter(|(_, n)| session.is_none_or(|s| n.session == *s))
        .map(|(id, n)| (id, n.text.clone()));
    resolve("note", query, candidates)
}

fn not_found(what: &'static str, query: &str, hint: &str) -> RefError {
    RefError::NotFound {
        what,
        query: query.to_owned(),
        hint: hint.to_owned(),
    }
}

/// Replaces the hint of a `NotFound` (when the caller knows a better one).
fn with_hint(err: RefError, hint: String) -> RefError {
    match err {
        RefError::NotFound { what, query, .. } => RefError::NotFound { what, query, hint },
        other => other,
    }
}

/// Candidates that pass `keep`, each id once, in the order given.
fn distinct<'a>(
    candidates: &[(&'a Id, String)],
    keep: impl Fn(&Id, &str) -> bool,
) -> Vec<(&'a Id, String)> {
    let mut found: Vec<(&Id, String)> = Vec::new();
    for (id, title) in candidates {
        if keep(id, title) && !found.iter().any(|(seen, _)| seen == id) {
            found.push((id, title.clone()));
        }
    }
    found
}

fn has_prefix(id: &str, query: &str) -> bool {
    id.get(..query.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(query))
}

fn has_suffix(id: &str, query: &str) -> bool {
    id.len()
        .checked_sub(query.len())
        .and_then(|start| id.get(start..))
        .is_some_and(|tail| tail.eq_ignore_ascii_case(query))
}

/// `"Open data" in Round 1 (10:30)`: a repeat's occurrences differ only in
/// their slot, so the slot is what tells them apart.
fn session_label(event: &Event, session: &Id) -> String {
    let slot = event
        .sessions
        .get(session)
        .map_or_else(|| "no slot".to_owned(), |s| slot_name_of(event, &s.slot));
    format!("{} in {slot}", session_title_of(event, session))
}

/// A better hint when a session is not found: the slot searched, or that
/// the title belongs to a pitch not yet on the schedule.
fn session_hint(event: &Event, query: &str, slot: Option<&Id>) -> Option<String> {
    if let Some(slot) = slot {
        return Some(format!(
            "nothing in {} matches it; leave out --slot to search the whole day",
            slot_name_of(event, slot)
        ));
    }
    let pitch = resolve_pitch(event, query).ok()?;
    event.sessions_of_pitch(&pitch).is_empty().then(|| {
        let title = event.pitches.get(&pitch).map_or("", |p| p.title.as_str());
        format!(
            "{} is a pitch that is not on the schedule yet",
            quoted(title)
        )
    })
}

fn candidate_list(candidates: &[(Id, String)]) -> String {
    let shown: Vec<String> = candidates
        .iter()
        .map(|(id, label)| format!("{label} (id …{})", id.short()))
        .collect();
    shown.join(", ")
}

fn how_to_pick(what: &str) -> &'static str {
    match what {
        "session" => {
            "type more of the title, use the id, or add --slot to pick one occurrence of a repeated session"
        }
        "slot" => "use the start time (HH:MM) or the whole label",
        "room" => "type the whole name or use the id",
        _ => "type more of it or use the id",
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::model::ops::fixture::Day;

    fn ids(names: &[&str]) -> Vec<Id> {
        names.iter().map(|n| Id::new(*n)).collect()
    }

    fn pick(query: &str, ids: &[Id], titles: &[&str]) -> Result<Id, RefError> {
        resolve(
            "pitch",
            query,
            ids.iter().zip(titles.iter().map(|t| t.to_string())),
        )
    }

    #[test]
    fn an_exact_id_wins_whatever_its_case() {
        let ids = ids(&["01AAAA0000ZZZZ", "01AAAA0000YYYY"]);
        assert_eq!(
            pick(" 01aaaa0000zzzz ", &ids, &["x", "y"]),
            Ok(ids[0].clone())
        );
    }

    #[test]
    fn a_unique_prefix_or_suffix_of_four_characters_finds_the_id() {
        let ids = ids(&["01AAAA0000ZZZZ", "01BBBB0000YYYY"]);
        let titles = ["Open data", "Skills"];
        assert_eq!(pick("01bb", &ids, &titles), Ok(ids[1].clone()));
        assert_eq!(pick("zzzz", &ids, &titles), Ok(ids[0].clone()));
        assert_eq!(pick("0000yyyy", &ids, &titles), Ok(ids[1].clone()));
        // Three characters are too few to be taken as an id.
        assert!(matches!(
            pick("zzz", &ids, &titles),
            Err(RefError::NotFound { .. })
        ));
    }

    #[test]
    fn a_shared_prefix_falls_through_to_the_titles() {
        let ids = ids(&["DATA00001", "DATA00002"]);
        assert_eq!(
            pick("data", &ids, &["Open data", "Skills"]),
            Ok(ids[0].clone())
        );
        let err = pick("data", &ids, &["Lunch", "Skills"]).unwrap_err();
        assert!(matches!(err, RefError::Ambiguous { ref candidates, .. } if candidates.len() == 2));
    }

    #[test]
    fn an_exact_title_beats_titles_that_contain_it() {
        let ids = ids(&["a1", "a2", "a3"]);
        let titles = ["Data", "Open data", "Data sharing"];
        assert_eq!(pick("  DATA ", &ids, &titles), Ok(ids[0].clone()));
        assert_eq!(pick("open", &ids, &titles), Ok(ids[1].clone()));
        assert_eq!(pick("SHAR", &ids, &titles), Ok(ids[2].clone()));
    }

    #[test]
    fn an_ambiguous_part_lists_every_candidate_with_its_short_id() {
        let ids = ids(&[
            "01AAAAAAAA11111111",
            "01AAAAAAAA22222222",
            "01AAAAAAAA33333333",
        ]);
        let err = pick("data", &ids, &["Open data", "Data sharing", "Skills"]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"data\" matches 2 pitches: \"Open data\" (id …11111111), \"Data sharing\" (id …22222222); type more of it or use the id."
        );
    }

    #[test]
    fn nothing_and_blank_queries_are_not_found() {
        let ids = ids(&["a1"]);
        assert_eq!(
            pick("  ", &ids, &["Open data"]).unwrap_err().to_string(),
            "No pitch matches \"\"; type part of its title, or its id."
        );
        assert_eq!(
            pick("skills", &ids, &["Open data"])
                .unwrap_err()
                .to_string(),
            "No pitch matches \"skills\"; check the spelling, or use the id shown in the list."
        );
        assert!(resolve("pitch", "x", std::iter::empty()).is_err());
    }

    fn repeated_day() -> (Day, Id, Id, Id) {
        let mut d = Day::new();
        let keep = d.f.pitch("Open data", &[]);
        let other = d.f.pitch("Data standards", &[]);
        d.f.edit_pitch(&other, |p| p.merged_into = Some(keep.clone()));
        let first = d.f.session(&[&keep, &other], &d.round1, &d.library);
        let repeat = d.f.session(&[&keep, &other], &d.round2, &d.main_hall);
        d.f.pitch("Skills", &[]);
        (d, keep, first, repeat)
    }

    #[test]
    fn a_repeated_session_needs_its_slot_and_the_message_says_so() {
        let (d, _, first, repeat) = repeated_day();
        let err = resolve_session(&d.f.event, "open data", None).unwrap_err();
        let expected = format!(
            "\"open data\" matches 2 sessions: \"Open data\" in Round 1 (10:30) (id …{}), \"Open data\" in Round 2 (13:00) (id …{}); type more of the title, use the id, or add --slot to pick one occurrence of a repeated session.",
            first.short(),
            repeat.short()
        );
        assert_eq!(err.to_string(), expected);
        assert_eq!(
            resolve_session(&d.f.event, "open data", Some("13:00")),
            Ok(repeat.clone())
        );
        assert_eq!(
            resolve_session(&d.f.event, "open", Some("round 1")),
            Ok(first.clone())
        );
        assert_eq!(
            resolve_session(&d.f.event, repeat.short(), None),
            Ok(repeat)
        );
    }

    #[test]
    fn a_merged_pitch_title_finds_the_session_it_runs_in() {
        let (d, _, first, _) = repeated_day();
        assert_eq!(
            resolve_session(&d.f.event, "standards", Some("10:30")),
            Ok(first)
        );
    }

    #[test]
    fn a_session_not_found_says_why() {
        let (d, ..) = repeated_day();
        assert_eq!(
            resolve_session(&d.f.event, "skills", None)
                .unwrap_err()
                .to_string(),
            "No session matches \"skills\"; \"Skills\" is a pitch that is not on the schedule yet."
        );
        assert_eq!(
            resolve_session(&d.f.event, "skills", Some("Round 1"))
                .unwrap_err()
                .to_string(),
            "No session matches \"skills\"; nothing in Round 1 (10:30) matches it; leave out --slot to search the whole day."
        );
        assert!(matches!(
            resolve_session(&d.f.event, "open", Some("teatime")),
            Err(RefError::NotFound { what: "slot", .. })
        ));
    }

    #[test]
    fn pitches_are_found_by_title_including_merged_and_withdrawn_ones() {
        let (mut d, keep, ..) = repeated_day();
        let gone = d.f.pitch("Gone", &[]);
        d.f.edit_pitch(&gone, |p| p.withdrawn = true);
        assert_eq!(resolve_pitch(&d.f.event, "open DATA"), Ok(keep));
        assert_eq!(resolve_pitch(&d.f.event, "gone"), Ok(gone));
    }

    #[test]
    fn slots_are_found_by_start_time_or_label() {
        let d = Day::new();
        let e = &d.f.event;
        assert_eq!(resolve_slot(e, "10:30"), Ok(d.round1.clone()));
        assert_eq!(resolve_slot(e, " 13:00 "), Ok(d.round2.clone()));
        assert_eq!(resolve_slot(e, "lunch"), Ok(d.lunch.clone()));
        assert_eq!(resolve_slot(e, "ROUND 2"), Ok(d.round2.clone()));
        assert!(matches!(
            resolve_slot(e, "round"),
            Err(RefError::Ambiguous { .. })
        ));
        assert_eq!(
            resolve_slot(e, "9:00").unwrap_err().to_string(),
            "No slot matches \"9:00\"; the slots are Round 1 (10:30), Lunch (12:00) and Round 2 (13:00)."
        );
    }

    #[test]
    fn an_hour_without_a_leading_zero_is_a_start_time() {
        let mut d = Day::new();
        let early =
            d.f.slot("09:30", "10:15", "Early", crate::model::SlotKind::Breakout);
        assert_eq!(resolve_slot(&d.f.event, "9:30"), Ok(early));
    }

    #[test]
    fn rooms_are_found_by_whole_name_first_then_by_part() {
        let mut d = Day::new();
        let hall = d.f.room("Hall", None);
        let e = &d.f.event;
        assert_eq!(resolve_room(e, "hall"), Ok(hall));
        assert_eq!(resolve_room(e, "main"), Ok(d.main_hall.clone()));
        assert_eq!(resolve_room(e, "LIB"), Ok(d.library.clone()));
        assert_eq!(
            resolve_room(e, "garden").unwrap_err().to_string(),
            "No room matches \"garden\"; the rooms are \"Hall\", \"Library\" and \"Main hall\"."
        );
    }

    #[test]
    fn actions_are_found_by_their_text() {
        let mut d = Day::new();
        let action = crate::model::Action {
            text: "Write up the notes".into(),
            ..Default::default()
        };
        let id = d.f.put(crate::model::Record::Action(action));
        assert_eq!(resolve_action(&d.f.event, "write up"), Ok(id));
    }

    #[test]
    fn hostile_queries_cannot_reach_the_terminal_through_a_message() {
        let err = pick("\u{1b}[2J", &ids(&["a1"]), &["x"]).unwrap_err();
        assert!(!err.to_string().chars().any(char::is_control));
    }

    proptest! {
        #[test]
        fn resolve_never_panics_and_only_returns_a_candidate(
            query in ".*",
            titles in proptest::collection::vec(".*", 0..6),
            raw_ids in proptest::collection::vec("[0-9A-Za-zé…]{0,12}", 0..6),
        ) {
            let ids: Vec<Id> = raw_ids.iter().map(Id::new).collect();
            let candidates = ids.iter().zip(titles.iter().cloned());
            if let Ok(id) = resolve("pitch", &query, candidates) {
                prop_assert!(ids.contains(&id));
            }
        }

        #[test]
        fn every_distinct_id_and_unique_title_resolves_to_itself(
            titles in proptest::collection::btree_set("[a-z ]{1,10}", 1..6),
        ) {
            let titles: Vec<String> = titles.into_iter().filter(|t| !t.trim().is_empty()).collect();
            let ids: Vec<Id> = (0..titles.len()).map(|i| Id::new(format!("01ID{i:04}XYZ{i:04}"))).collect();
            for (id, title) in ids.iter().zip(&titles) {
                let candidates = || ids.iter().zip(titles.iter().cloned());
                prop_assert_eq!(resolve("pitch", id.as_str(), candidates()), Ok(id.clone()));
                let same: usize = titles.iter().filter(|t| t.trim() == title.trim()).count();
                if same == 1 {
                    prop_assert_eq!(resolve("pitch", title, candidates()), Ok(id.clone()));
                }
            }
        }
    }
}
