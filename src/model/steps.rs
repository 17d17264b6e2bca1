//! What an action or decision note says about itself: the owner and due
//! date of a next step, the lead of a decision, read from the note's text.
//!
//! A note is the one record of what it states, so the text is where the
//! owner and due date live: "Publish the schemas @Sam by 30 June" is a next
//! step owned by Sam, due on 30 June. Editing the next step in Wrap-up
//! writes them back into the text ([`write_step`]), and editing the note
//! changes the next step, so the two can never disagree. Only whether it is
//! done, which a line of notes does not say, is a field of its own
//! (`Note::status`).
//!
//! - The owner: "— Name" (or "–", "--", " - ") ending the text, else the
//!   first `@Name` in it (`@Sam_Jones` is Sam Jones).
//! - The due date: "by 30 June" ending the text, before or after the owner;
//!   also "by June 30", "by 30 Jun 2027", "by 30/6", "by 2027-06-30". A date
//!   without a year is the first such date on or after the day the note was
//!   taken.

use chrono::{Datelike, NaiveDate};

/// A next step as its note states it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stated {
    /// The text without the owner and due date that end it.
    pub text: String,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
}

/// The day a date without a year counts from: the event's day when it has
/// one (notes typed up afterwards still mean that summer), else the day
/// the note was taken.
pub fn day_of(note: &super::Note, event_day: Option<NaiveDate>) -> NaiveDate {
    event_day.unwrap_or_else(|| note.taken_at.date_naive())
}

/// Reads an action note's text. `taken` is the day it counts from (see
/// [`day_of`]), for dates given without a year.
pub fn read_step(text: &str, taken: NaiveDate) -> Stated {
    let mut rest = text.trim();
    let mut due = None;
    let mut owner = None;
    // "X by 30 June — Sam" and "X — Sam by 30 June" both read.
    for _ in 0..2 {
        if due.is_none()
            && let Some((before, date)) = trailing_due(rest, taken)
        {
            due = Some(date);
            rest = before;
            continue;
        }
        if owner.is_none()
            && let Some((before, name)) = trailing_owner(rest)
        {
            owner = Some(name);
            rest = before;
            continue;
        }
        // "X by 30 June @Sam": the date before a closing @name; both are
        // read off the end, as "— Sam" is.
        if due.is_none()
            && let Some((before, at)) = rest.rsplit_once(' ')
            && at.starts_with('@')
            && let Some((text, date)) = trailing_due(before, taken)
        {
            due = Some(date);
            rest = &rest[..text.len()];
            owner = owner.or_else(|| at_name(at).map(|(_, name)| name.replace('_', " ")));
            continue;
        }
        break;
    }
    let owner = owner.or_else(|| at_name(rest).map(|(_, name)| name.replace('_', " ")));
    Stated {
        text: rest.to_owned(),
        owner,
        due,
    }
}

/// Writes a next step as an action note's text that [`read_step`] reads
/// back as `owner` and `due`: an `@Name` already in the text is kept,
/// changed or, when the owner is taken away, its `@` dropped; any other
/// owner is added as "— Name", and a due date as "by 30 June".
pub fn write_step(
    text: &str,
    owner: Option<&str>,
    due: Option<NaiveDate>,
    taken: NaiveDate,
) -> String {
    let owner = owner.map(str::trim).filter(|o| !o.is_empty());
    let mut text = text.trim().to_owned();
    let stated = read_step(&text, taken);
    if stated.owner.as_deref() != owner {
        // The owner the text names by `@`, which must change or go.
        if let Some((at, name)) = at_name(&text) {
            let end = at + 1 + name.len();
            let plain = text[at + 1..end].to_owned();
            let replaced = match owner {
                Some(new) if is_one_word(new) => format!("@{new}"),
                _ => plain,
            };
            text.replace_range(at..end, &replaced);
        }
        if let Some(new) = owner
            && read_step(&text, taken).owner.as_deref() != Some(new)
        {
            text = format!("{text} — {new}");
        }
    }
    if let Some(due) = due
        && read_step(&text, taken).due != Some(due)
    {
        text = format!("{text} by {}", date_words(due, taken));
    }
    text
}

/// A decision note's text and its lead ("— Name" ending it).
pub fn read_decision(text: &str) -> (String, Option<String>) {
    let text = text.trim();
    match trailing_owner(text) {
        Some((before, lead)) => (before.to_owned(), Some(lead)),
        None => (text.to_owned(), None),
    }
}

/// Writes a decision as a note's text that [`read_decision`] reads back.
pub fn write_decision(text: &str, lead: Option<&str>) -> String {
    let text = text.trim();
    match lead.map(str::trim).filter(|l| !l.is_empty()) {
        Some(lead) => format!("{text} — {lead}"),
        None => text.to_owned(),
    }
}

const DASHES: [&str; 4] = [" — ", " – ", " -- ", " - "];

/// "X — Sam Jones" as ("X", "Sam Jones"): a name of at most four words,
/// each capitalised unless it is a single word.
fn trailing_owner(text: &str) -> Option<(&str, String)> {
    let (at, dash) = DASHES
        .iter()
        .filter_map(|dash| text.rfind(dash).map(|at| (at, *dash)))
        .max_by_key(|(at, _)| *at)?;
    let before = text[..at].trim_end();
    let name = text[at + dash.len()..]
        .trim()
        .trim_end_matches([',', ';', '.']);
    (!before.is_empty() && is_name(name)).then(|| (before, name.to_owned()))
}

fn is_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let word_ok = |w: &str| {
        w.chars().next().is_some_and(char::is_alphabetic)
            && w.chars()
                .all(|c| c.is_alphanumeric() || "-'’.&".contains(c))
    };
    match words.as_slice() {
        [] => false,
        [one] => word_ok(one),
        many => {
            many.len() <= 4
                && many
                    .iter()
                    .all(|w| word_ok(w) && w.chars().next().is_some_and(char::is_uppercase))
        }
    }
}

fn is_one_word(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || "-'’.&".contains(c))
        && name.chars().next().is_some_and(char::is_alphabetic)
}

/// The first `@Name` in the text: the byte position of the `@` and the name
/// as written (underscores kept; the owner has them as spaces).
fn at_name(text: &str) -> Option<(usize, String)> {
    let mut search = 0;
    while let Some(found) = text[search..].find('@') {
        let at = search + found;
        let before = text[..at].chars().next_back();
        let name: String = text[at + 1..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || "-_'’.&".contains(*c))
            .collect();
        let name = name.trim_end_matches(['.', '\'', '’', '-']).to_owned();
        // An e-mail address is not an owner.
        let starts_word = before.is_none_or(|c| !c.is_alphanumeric());
        if starts_word && name.chars().next().is_some_and(char::is_alphabetic) {
            return Some((at, name));
        }
        search = at + 1;
    }
    None
}

/// "X by 30 June" as ("X", the date).
fn trailing_due(text: &str, taken: NaiveDate) -> Option<(&str, NaiveDate)> {
    let mut end = text.len();
    while let Some(at) = rfind_by(&text[..end]) {
        let before = text[..at].trim_end().trim_end_matches(',').trim_end();
        let date = text[at + 4..].trim().trim_end_matches(['.', '!', ',']);
        if !before.is_empty()
            && let Some(due) = parse_due(date, taken)
        {
            return Some((before, due));
        }
        end = at;
    }
    None
}

fn rfind_by(text: &str) -> Option<usize> {
    [" by ", " By ", " BY "]
        .iter()
        .filter_map(|by| text.rfind(by))
        .max()
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_lowercase();
    if word.len() < 3 {
        return None;
    }
    if word == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == word || (word.len() == 3 && m.starts_with(&word)))
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn day(word: &str) -> Option<u32> {
    let word = word.trim_end_matches(',').to_lowercase();
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))
        .unwrap_or(&word);
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A date as people type it, the way a note's "by …" reads it: 2027-06-30,
/// 30 June, June 30, 30 Jun 2027, 30/6; a date without a year is the next
/// one on or after `taken`.
pub fn parse_due(text: &str, taken: NaiveDate) -> Option<NaiveDate> {
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(date);
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let year = |w: &str| w.parse::<i32>().ok().filter(|y| (1000..=9999).contains(y));
    let (d, m, y) = match words.as_slice() {
        [one] if one.contains('/') => {
            let parts: Vec<&str> = one.split('/').collect();
            match parts.as_slice() {
                [d, m] => (d.parse().ok()?, m.parse().ok()?, None),
                [d, m, y] => (d.parse().ok()?, m.parse().ok()?, Some(year(y)?)),
                _ => return None,
            }
        }
        [a, b] => match (day(a), month(b)) {
            (Some(d), Some(m)) => (d, m, None),
            _ => (day(b)?, month(a)?, None),
        },
        [a, b, c] => match (day(a), month(b)) {
            (Some(d), Some(m)) => (d, m, Some(year(c)?)),
            _ => (day(b)?, month(a)?, Some(year(c)?)),
        },
        _ => return None,
    };
    match y {
        Some(y) => NaiveDate::from_ymd_opt(y, m, d),
        None => next_on_or_after(d, m, taken),
    }
}

/// The first `d` of month `m` on or after `taken`.
fn next_on_or_after(d: u32, m: u32, taken: NaiveDate) -> Option<NaiveDate> {
    (taken.year()..=taken.year().saturating_add(4))
        .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
        .find(|date| *date >= taken)
}

/// "30 June", or "30 June 2028" when the year is not the one [`parse_due`]
/// would take.
fn date_words(due: NaiveDate, taken: NaiveDate) -> String {
    let short = due.format("%-d %B").to_string();
    if next_on_or_after(due.day(), due.month(), taken) == Some(due) {
        short
    } else {
        due.format("%-d %B %Y").to_string()
    }
}

#[cfg(test)]
mod tests;
