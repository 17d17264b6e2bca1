//! A record's fields as people read them, for putting versions of one
//! record side by side, and the text field a combined version is typed in.

use super::{Event, Id, Record};

/// One field of a record, as shown: "Title", "Open standards".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub label: &'static str,
    pub value: String,
}

/// A text field that a combined version can be typed into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextSlot {
    pub label: &'static str,
    /// Summaries and descriptions take several lines; titles and notes one.
    pub multi_line: bool,
}

const fn slot(label: &'static str, multi_line: bool) -> TextSlot {
    TextSlot { label, multi_line }
}

fn field(label: &'static str, value: impl Into<String>) -> Field {
    Field {
        label,
        value: value.into(),
    }
}

fn or_none(value: Option<&String>) -> String {
    value.cloned().unwrap_or_else(|| "(none)".into())
}

fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}

fn name_of(event: &Event, id: &Id, name: impl Fn(&Event, &Id) -> Option<String>) -> String {
    name(event, id).unwrap_or_else(|| format!("(missing {})", id.short()))
}

/// Every field worth comparing, in the order the screens show them. Names
/// of the slot, room and pitches a record points to come from `event`.
pub fn fields(event: &Event, record: &Record) -> Vec<Field> {
    match record {
        Record::Event(info) => vec![
            field("Name", info.name.clone()),
            field(
                "Date",
                info.date
                    .map_or("(none)".into(), |d| d.format("%Y-%m-%d").to_string()),
            ),
            field("Venue", info.venue.clone()),
            field("Organisers", info.organisers.join(", ")),
            field("Description", info.description.clone()),
            field("Time zone", or_none(info.time_zone.as_ref())),
            field(
                "Attendees",
                info.attendees.map_or("(none)".into(), |n| n.to_string()),
            ),
            field("Web address", info.url.clone()),
        ],
        Record::Room(room) => vec![
            field("Name", room.name.clone()),
            field(
                "Capacity",
                room.capacity.map_or("(none)".into(), |c| c.to_string()),
            ),
            field("Position", room.position.to_string()),
        ],
        Record::Slot(slot) => vec![
            field(
                "Time",
                format!(
                    "{}–{}",
                    slot.start.format("%H:%M"),
                    slot.end.format("%H:%M")
                ),
            ),
            field("Label", slot.label.clone()),
            field("Kind", slot.kind.word()),
        ],
        Record::Pitch(pitch) => vec![
            field("Title", pitch.title.clone()),
            field(
                "Pitched by",
                pitch
                    .pitched_by
                    .iter()
                    .map(|p| p.name.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            field("Description", pitch.description.clone()),
            field("Tags", pitch.tags.join(", ")),
            field("Interest", pitch.interest.to_string()),
            field("Withdrawn", yes_no(pitch.withdrawn)),
            field(
                "Merged into",
                pitch.merged_into.as_ref().map_or("(none)".into(), |id| {
                    name_of(event, id, |e, id| {
                        e.pitches.get(id).map(|p| p.title.clone())
                    })
                }),
            ),
        ],
        Record::Session(session) => vec![
            field("Title", event.session_title(session)),
            field(
                "Slot",
                name_of(event, &session.slot, |e, id| {
                    e.slots
                        .get(id)
                        .map(|s| format!("{} {}", s.start.format("%H:%M"), s.label))
                }),
            ),
            field(
                "Room",
                name_of(event, &session.room, |e, id| {
                    e.rooms.get(id).map(|r| r.name.clone())
                }),
            ),
            field("Facilitator", or_none(session.facilitator.as_ref())),
            field("Note-taker", or_none(session.note_taker.as_ref())),
            field(
                "Attendees",
                session.attendees.map_or("(none)".into(), |n| n.to_string()),
            ),
            field("Chatham House", yes_no(session.chatham_house)),
            field("Summary", session.summary.clone()),
            field("Outcome", session.outcome.clone()),
        ],
        Record::Note(note) => vec![
            field("Text", note.text.clone()),
            field("Kind", note.kind.word()),
            field("Taken", note.taken_at.format("%H:%M").to_string()),
            field("Private", yes_no(note.private)),
        ]
        .into_iter()
        .chain(
            (note.kind == crate::model::NoteKind::Action)
                .then(|| field("Status", note.status.word())),
        )
        .collect(),
        Record::Action(action) => vec![
            field("Text", action.text.clone()),
            field("Owner", or_none(action.owner.as_ref())),
            field(
                "Due",
                action
                    .due
                    .map_or("(none)".into(), |d| d.format("%Y-%m-%d").to_string()),
            ),
            field("Status", action.status.word()),
        ],
        Record::Decision(decision) => vec![
            field("Text", decision.text.clone()),
            field("Lead", or_none(decision.lead.as_ref())),
        ],
    }
}

/// The text fields of a record a person might have typed differently on
/// two laptops, most likely first.
pub fn text_slots(record: &Record) -> &'static [TextSlot] {
    const EVENT: [TextSlot; 3] = [
        slot("Name", false),
        slot("Venue", false),
        slot("Description", true),
    ];
    const NAME: [TextSlot; 1] = [slot("Name", false)];
    const LABEL: [TextSlot; 1] = [slot("Label", false)];
    const PITCH: [TextSlot; 2] = [slot("Title", false), slot("Description", true)];
    const SESSION: [TextSlot; 2] = [slot("Summary", true), slot("Outcome", true)];
    const TEXT: [TextSlot; 1] = [slot("Text", false)];
    match record {
        Record::Event(_) => &EVENT,
        Record::Room(_) => &NAME,
        Record::Slot(_) => &LABEL,
        Record::Pitch(_) => &PITCH,
        Record::Session(_) => &SESSION,
        Record::Note(_) | Record::Action(_) | Record::Decision(_) => &TEXT,
    }
}

/// The text in one of [`text_slots`] (empty for a label the record lacks).
pub fn text_of(record: &Record, label: &str) -> String {
    let text = match (record, label) {
        (Record::Event(i), "Name") => &i.name,
        (Record::Event(i), "Venue") => &i.venue,
        (Record::Event(i), "Description") => &i.description,
        (Record::Room(r), "Name") => &r.name,
        (Record::Slot(s), "Label") => &s.label,
        (Record::Pitch(p), "Title") => &p.title,
        (Record::Pitch(p), "Description") => &p.description,
        (Record::Session(s), "Summary") => &s.summary,
        (Record::Session(s), "Outcome") => &s.outcome,
        (Record::Note(n), "Text") => &n.text,
        (Record::Action(a), "Text") => &a.text,
        (Record::Decision(d), "Text") => &d.text,
        _ => return String::new(),
    };
    text.clone()
}

/// The record with one of its [`text_slots`] replaced.
pub fn with_text(record: &Record, label: &str, text: &str) -> Record {
    let mut record = record.clone();
    let text = text.to_string();
    match (&mut record, label) {
        (Record::Event(i), "Name") => i.name = text,
        (Record::Event(i), "Venue") => i.venue = text,
        (Record::Event(i), "Description") => i.description = text,
        (Record::Room(r), "Name") => r.name = text,
        (Record::Slot(s), "Label") => s.label = text,
        (Record::Pitch(p), "Title") => p.title = text,
        (Record::Pitch(p), "Description") => p.description = text,
        (Record::Session(s), "Summary") => s.summary = text,
        (Record::Session(s), "Outcome") => s.outcome = text,
        (Record::Note(n), "Text") => n.text = text,
        (Record::Action(a), "Text") => a.text = text,
        (Record::Decision(d), "Text") => d.text = text,
        _ => {}
    }
    record
}

/// Which text field a combined version is typed in, and what it starts as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Combined {
    pub slot: TextSlot,
    /// Every different text of that field, in the versions' order, joined.
    pub text: String,
}

/// The combined text for some values of one record: the first text field
/// whose values differ (the first text field when none does), starting as
/// each different text once, one a line (or separated by " / " in a
/// one-line field). `None` when every value is a deletion.
pub fn combined(values: &[Option<&Record>]) -> Option<Combined> {
    let present: Vec<&Record> = values.iter().flatten().copied().collect();
    let first = present.first()?;
    let slots = text_slots(first);
    let distinct = |label: &str| {
        let mut texts: Vec<String> = Vec::new();
        for record in &present {
            let text = text_of(record, label);
            if !text.trim().is_empty() && !texts.contains(&text) {
                texts.push(text);
            }
        }
        texts
    };
    let slot = slots
        .iter()
        .find(|s| distinct(s.label).len() > 1)
        .or(slots.first())
        .copied()?;
    let separator = if slot.multi_line { "\n" } else { " / " };
    Some(Combined {
        slot,
        text: distinct(slot.label).join(separator),
    })
}

/// Labels of the fields whose values differ between the versions, so the
/// view can point at them. A deletion differs in every field.
pub fn differing(event: &Event, values: &[Option<&Record>]) -> Vec<&'static str> {
    let shown: Vec<Option<Vec<Field>>> =
        values.iter().map(|v| v.map(|r| fields(event, r))).collect();
    let Some(labels) = shown
        .iter()
        .flatten()
        .next()
        .map(|f| f.iter().map(|field| field.label).collect::<Vec<_>>())
    else {
        return Vec::new();
    };
    labels
        .into_iter()
        .filter(|label| {
            let mut seen = shown.iter().map(|fields| {
                fields.as_ref().and_then(|fields| {
                    fields
                        .iter()
                        .find(|f| f.label == *label)
                        .map(|f| f.value.clone())
                })
            });
            let first = seen.next().flatten();
            seen.any(|v| v != first) || shown.iter().any(Option::is_none)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Note, NoteKind, Pitch, Session};

    fn pitch(title: &str, description: &str) -> Record {
        Record::Pitch(Pitch {
            title: title.into(),
            description: description.into(),
            ..Pitch::default()
        })
    }

    #[test]
    fn the_combined_text_is_the_first_text_field_that_differs() {
        let a = pitch("Open data", "Same words");
        let b = pitch("Open data", "Other words");
        let combined = combined(&[Some(&a), Some(&b)]).unwrap();
        assert_eq!(combined.slot.label, "Description");
        assert_eq!(combined.text, "Same words\nOther words");
        let c = pitch("Open data for all", "Same words");
        let combined = super::combined(&[Some(&a), Some(&c), None]).unwrap();
        assert_eq!(combined.slot.label, "Title");
        assert_eq!(combined.text, "Open data / Open data for all");
    }

    #[test]
    fn only_deletions_have_nothing_to_combine() {
        assert_eq!(combined(&[None, None]), None);
    }

    #[test]
    fn with_text_changes_only_that_field() {
        let a = pitch("Open data", "Words");
        let b = with_text(&a, "Title", "Open standards");
        assert_eq!(text_of(&b, "Title"), "Open standards");
        assert_eq!(text_of(&b, "Description"), "Words");
        let session = Record::Session(Session::default());
        assert_eq!(
            text_of(&with_text(&session, "Outcome", "Agreed"), "Outcome"),
            "Agreed"
        );
    }

    #[test]
    fn differing_fields_are_named_and_a_deletion_differs_in_all() {
        let event = Event::default();
        let note = |text: &str, private: bool| {
            Record::Note(Note {
                session: Id::default(),
                text: text.into(),
                kind: NoteKind::Point,
                taken_at: chrono::DateTime::parse_from_rfc3339("2026-11-27T10:00:00+00:00")
                    .unwrap(),
                author: "Sam".into(),
                private,
                status: crate::model::ActionStatus::Open,
            })
        };
        let (a, b) = (note("One", false), note("Two", true));
        assert_eq!(
            differing(&event, &[Some(&a), Some(&b)]),
            ["Text", "Private"]
        );
        assert_eq!(differing(&event, &[Some(&a), None]).len(), 4);
    }
}
