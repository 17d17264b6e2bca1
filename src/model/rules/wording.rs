//! How records are named in messages, so that a clash, a refused edit and an
//! ambiguous reference all speak of a slot or a title the same way.

use crate::model::text::inert_line;
use crate::model::{Event, Id, Slot};

/// User text in double quotes, with control characters neutralised: messages
/// are printed straight to a terminal, and a title must not be able to move
/// the cursor there.
pub fn quoted(text: &str) -> String {
    format!("\"{}\"", inert_line(text.trim()))
}

/// The default label of a slot: its times, `10:30–11:15`.
pub fn slot_times(slot: &Slot) -> String {
    format!(
        "{}–{}",
        slot.start.format("%H:%M"),
        slot.end.format("%H:%M")
    )
}

/// A slot as people say it: `Round 1 (10:30)`, or just its times when it has
/// no label (or a label that already starts with its time).
pub fn slot_name(slot: &Slot) -> String {
    let label = inert_line(slot.label.trim());
    let start = slot.start.format("%H:%M").to_string();
    if label.is_empty() {
        slot_times(slot)
    } else if label.starts_with(&start) {
        label
    } else {
        format!("{label} ({start})")
    }
}

/// The name of the slot with this id, or a stand-in naming the missing id.
pub fn slot_name_of(event: &Event, slot: &Id) -> String {
    event
        .slots
        .get(slot)
        .map_or_else(|| format!("a missing slot ({slot})"), slot_name)
}

/// `Room "Library"`-style naming needs the bare name; a missing room is named
/// by its id so the message still says which one.
pub fn room_name_of(event: &Event, room: &Id) -> String {
    event
        .rooms
        .get(room)
        .map_or_else(|| format!("(missing room {room})"), |r| quoted(&r.name))
}

/// A session's title, quoted.
pub fn session_title_of(event: &Event, session: &Id) -> String {
    event.sessions.get(session).map_or_else(
        || format!("(missing session {session})"),
        |s| quoted(event.session_title(s)),
    )
}

/// A pitch's title, quoted.
pub fn pitch_title_of(event: &Event, pitch: &Id) -> String {
    event
        .pitches
        .get(pitch)
        .map_or_else(|| format!("(missing pitch {pitch})"), |p| quoted(&p.title))
}

/// `a`, `a and b`, `a, b and c`.
pub fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [init @ .., last] => {
            let head: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", head.join(", "), last.as_ref())
        }
    }
}

/// Small counts as words ("two sessions"), larger ones as digits.
pub fn count_word(n: usize) -> String {
    const WORDS: [&str; 10] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

/// `1 note`, `3 notes`.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else if ["ch", "sh", "s", "x"].iter().any(|end| noun.ends_with(end)) {
        format!("{n} {noun}es")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]
mod tests {
    use super::*;
    use chrono::NaiveTime;

    fn slot(label: &str) -> Slot {
        Slot {
            start: NaiveTime::from_hms_opt(10, 30, 0).unwrap(),
            end: NaiveTime::from_hms_opt(11, 15, 0).unwrap(),
            label: label.into(),
            kind: crate::model::SlotKind::Breakout,
        }
    }

    #[test]
    fn slots_are_named_by_label_and_start_time() {
        assert_eq!(slot_name(&slot("Round 1")), "Round 1 (10:30)");
        assert_eq!(slot_name(&slot("")), "10:30–11:15");
        assert_eq!(slot_name(&slot("10:30–11:15")), "10:30–11:15");
    }

    #[test]
    fn quoting_neutralises_control_characters() {
        assert_eq!(quoted(" a\u{1b}[2Jb "), "\"a\u{241b}[2Jb\"");
    }

    #[test]
    fn lists_read_as_english() {
        assert_eq!(and_list::<&str>(&[]), "");
        assert_eq!(and_list(&["a"]), "a");
        assert_eq!(and_list(&["a", "b"]), "a and b");
        assert_eq!(and_list(&["a", "b", "c"]), "a, b and c");
        assert_eq!(count_word(2), "two");
        assert_eq!(count_word(12), "12");
        assert_eq!(plural(1, "note"), "1 note");
        assert_eq!(plural(2, "pitch"), "2 pitches");
        assert_eq!(plural(2, "clash"), "2 clashes");
    }
}
