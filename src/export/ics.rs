//! The programme as an iCalendar file (RFC 5545) that attendees add to their
//! calendars: one event per session, and one per plenary or break that has
//! no session in it.
//!
//! Times are the slot times on the event date, in the event's time zone
//! (TZID, with its VTIMEZONE), else the zone of the machine exporting, and
//! floating local times only when neither is known. Locations are "room,
//! venue". UIDs are made from record ids, so importing a newer export
//! updates the same calendar entries instead of adding copies.

mod zone;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use crate::model::{Event, Id, Session, Slot, SlotKind, text};

/// How the calendar is made.
#[derive(Clone, Debug)]
pub struct IcsOptions {
    /// The public view: Chatham House sessions name nobody, contacts
    /// redacted. What attendees are given, so the command line's default.
    pub public: bool,
    /// The zone to use when the event has none: the machine's, found by
    /// the caller, since this module reads nothing but the event.
    pub fallback_zone: Option<chrono_tz::Tz>,
    /// DTSTAMP: when the file was made. Given, not read from the clock, so
    /// that the same event at the same time gives the same bytes.
    pub stamp: DateTime<Utc>,
}

/// Why there is no calendar.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum IcsError {
    #[error(
        "The event has no date, so its sessions cannot go in a calendar; set the date on the Event screen or with `unconf event set --date` first."
    )]
    NoDate,
    #[error(
        "The event's time zone \"{0}\" is not a time zone name such as Europe/London; correct it on the Event screen first."
    )]
    UnknownZone(String),
}

/// The calendar, with CRLF line ends and lines folded at 75 octets.
pub fn ics(event: &Event, options: &IcsOptions) -> Result<String, IcsError> {
    let shown = super::view::shown(event, options.public);
    let event: &Event = &shown;
    let date = event.info.date.ok_or(IcsError::NoDate)?;
    let zone = match event.info.time_zone.as_deref().map(str::trim) {
        Some(name) if !name.is_empty() => Some(
            name.parse::<chrono_tz::Tz>()
                .map_err(|_| IcsError::UnknownZone(name.to_string()))?,
        ),
        _ => options.fallback_zone,
    };
    let calendar = Calendar {
        event,
        date,
        zone,
        stamp: options.stamp.format("%Y%m%dT%H%M%SZ").to_string(),
    };
    let mut lines = calendar.head();
    for (slot_id, slot) in event.slots_in_order() {
        lines.extend(calendar.slot_events(slot_id, slot));
    }
    lines.push("END:VCALENDAR".to_string());
    Ok(lines.iter().map(|line| fold(line)).collect())
}

struct Calendar<'a> {
    event: &'a Event,
    date: NaiveDate,
    zone: Option<chrono_tz::Tz>,
    stamp: String,
}

impl Calendar<'_> {
    fn head(&self) -> Vec<String> {
        let mut lines = vec![
            "BEGIN:VCALENDAR".to_string(),
            "VERSION:2.0".to_string(),
            format!("PRODID:-//unconf//unconf {}//EN", env!("CARGO_PKG_VERSION")),
            "CALSCALE:GREGORIAN".to_string(),
            "METHOD:PUBLISH".to_string(),
        ];
        let name = text_value(&self.event.info.name);
        if !name.is_empty() {
            lines.push(format!("X-WR-CALNAME:{name}"));
        }
        if let Some(zone) = self.zone {
            lines.extend(zone::vtimezone(zone, self.date));
        }
        lines
    }

    /// The sessions in a slot, or the slot itself when it is a plenary or a
    /// break with nothing scheduled in it.
    fn slot_events(&self, slot_id: &Id, slot: &Slot) -> Vec<String> {
        let sessions: Vec<(&Id, &Session)> = (self.event.sessions_in_order().into_iter())
            .filter(|(_, s)| s.slot == *slot_id)
            .collect();
        if sessions.is_empty() {
            if slot.kind == SlotKind::Breakout {
                return Vec::new();
            }
            let summary = match slot.label.trim() {
                "" if slot.kind == SlotKind::Break => "Break",
                "" => "Plenary",
                label => label,
            };
            return self.vevent(slot_id, slot, summary, &self.location(None), "");
        }
        let mut lines = Vec::new();
        for (id, session) in sessions {
            let mut title = self.event.session_title(session).to_string();
            if self.event.repeat_of(id).is_some() {
                title.push_str(" (repeat)");
            }
            let room = self.event.rooms.get(&session.room).map(|r| r.name.as_str());
            let description = self.description(session);
            let location = self.location(room);
            lines.extend(self.vevent(id, slot, &title, &location, &description));
        }
        lines
    }

    fn vevent(
        &self,
        id: &Id,
        slot: &Slot,
        summary: &str,
        location: &str,
        description: &str,
    ) -> Vec<String> {
        let end = slot.end.max(slot.start);
        let mut lines = vec![
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}@unconf", text_value(id.as_str())),
            format!("DTSTAMP:{}", self.stamp),
            format!("DTSTART{}", self.local_time(slot.start)),
            format!("DTEND{}", self.local_time(end)),
            format!("SUMMARY:{}", text_value(summary)),
        ];
        let location = text_value(location);
        if !location.is_empty() {
            lines.push(format!("LOCATION:{location}"));
        }
        let description = text_value(description);
        if !description.is_empty() {
            lines.push(format!("DESCRIPTION:{description}"));
        }
        lines.push("END:VEVENT".to_string());
        lines
    }

    /// "Main hall, techUK": the room, then the venue, so that the entry
    /// says where to go; the venue alone for the whole group.
    fn location(&self, room: Option<&str>) -> String {
        let parts: Vec<&str> = [room.unwrap_or(""), self.event.info.venue.as_str()]
            .into_iter()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        parts.join(", ")
    }

    /// ";TZID=Europe/London:20261127T103000", or ":20261127T103000" floating.
    fn local_time(&self, time: NaiveTime) -> String {
        let when = self.date.and_time(time).format("%Y%m%dT%H%M%S");
        match self.zone {
            Some(zone) => format!(";TZID={}:{when}", zone.name()),
            None => format!(":{when}"),
        }
    }

    /// The pitches' descriptions, then who pitched them.
    fn description(&self, session: &Session) -> String {
        let mut parts: Vec<String> = (session.pitches.iter())
            .filter_map(|p| self.event.pitches.get(p))
            .map(|p| p.description.trim().to_string())
            .filter(|d| !d.is_empty())
            .collect();
        let people: Vec<String> = (self.event.session_pitchers(session).into_iter())
            .filter(|p| !p.name.trim().is_empty())
            .map(|p| match p.organisation.as_deref().map(str::trim) {
                Some(org) if !org.is_empty() => format!("{} ({org})", p.name.trim()),
                _ => p.name.trim().to_string(),
            })
            .collect();
        if !people.is_empty() {
            parts.push(format!("Pitched by {}", super::format::and_list(&people)));
        }
        parts.join("\n\n")
    }
}

/// A TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and line
/// breaks escaped; other control and invisible characters dropped.
pub fn text_value(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let normalised = raw.replace("\r\n", "\n").replace('\r', "\n");
    for c in normalised.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() || text::is_invisible_format(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded so that no line is longer than 75 octets
/// (continuations start with a space) and never inside a character, with
/// CRLF after each.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 64 * 3 + 2);
    let mut room = 75;
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > room {
            out.push_str("\r\n ");
            room = 74;
            used = 0;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests;
