//! What the board says at a moment: the slot in progress (or the next one)
//! with each room's session, the slot after it, and how long is left. Pure:
//! a function of the event and the time, read in the event's time zone.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

use crate::model::rules::slot_times;
use crate::model::text::inert_line;
use crate::model::{Event, Id, Slot, SlotKind};

/// Everything the board shows, as text ready to draw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub name: String,
    /// The time of day where the event is, "10:47".
    pub clock: String,
    pub stage: Stage,
    /// Where the programme is published; empty when it is not.
    pub url: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Nothing to count down to: no date, no slots, or the day is over.
    Message { title: String, lines: Vec<String> },
    /// A slot in large type and the one after it.
    Slots {
        focus: Box<SlotPlan>,
        next: Option<Box<SlotPlan>>,
    },
}

/// One slot as the board shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlotPlan {
    /// "NOW", "NEXT" or "FIRST".
    pub tag: &'static str,
    pub label: String,
    pub kind: SlotKind,
    /// "10:30–11:30".
    pub times: String,
    pub countdown: Option<Countdown>,
    pub rooms: Vec<RoomPlan>,
    /// What to say where the rooms go when there are none: a plenary, a
    /// break, a slot with nothing placed in it yet.
    pub note: String,
}

/// How long until the slot ends (or starts).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Countdown {
    /// "ends in" or "starts in".
    pub words: &'static str,
    pub seconds: i64,
}

impl Countdown {
    /// "43:10", "1:05:00"; a wait of a day or more in days: "3 days".
    pub fn digits(&self) -> String {
        let s = self.seconds.max(0);
        match (s / 86_400, s / 3600, (s / 60) % 60, s % 60) {
            (1, ..) => "1 day".to_string(),
            (days @ 2.., ..) => format!("{days} days"),
            (_, 0, m, sec) => format!("{m}:{sec:02}"),
            (_, h, m, sec) => format!("{h}:{m:02}:{sec:02}"),
        }
    }

    /// The last five minutes of a slot.
    pub fn urgent(&self) -> bool {
        self.words == ENDS_IN && self.seconds <= 5 * 60
    }
}

const ENDS_IN: &str = "ends in";
const STARTS_IN: &str = "starts in";

/// One room's session in a slot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoomPlan {
    pub room: String,
    pub title: String,
    /// "pitched by …"; empty under the Chatham House Rule or with nobody named.
    pub by: String,
}

/// The event's local time at `now`: in its time zone when it has one, else
/// in the offset the clock gives (this laptop's).
pub fn local_now(event: &Event, now: DateTime<FixedOffset>) -> NaiveDateTime {
    match zone(event) {
        Some(tz) => now.with_timezone(&tz).naive_local(),
        None => now.naive_local(),
    }
}

fn zone(event: &Event) -> Option<chrono_tz::Tz> {
    event.info.time_zone.as_deref()?.trim().parse().ok()
}

/// The instant a time of the event's day falls at, as an offset time.
fn instant(event: &Event, now: DateTime<FixedOffset>, at: NaiveDateTime) -> DateTime<FixedOffset> {
    let found = match zone(event) {
        Some(tz) => tz
            .from_local_datetime(&at)
            .earliest()
            .map(|t| t.fixed_offset()),
        None => now.offset().from_local_datetime(&at).earliest(),
    };
    // A time skipped by a clock change: an hour either way is close enough.
    found.unwrap_or_else(|| now + (at - now.naive_local()))
}

/// What the board shows for `event` at `now`.
pub fn plan(event: &Event, now: DateTime<FixedOffset>) -> Plan {
    let local = local_now(event, now);
    Plan {
        name: inert_line(event.info.name.trim()),
        clock: local.format("%H:%M").to_string(),
        stage: stage(event, now, local),
        url: inert_line(event.info.url.trim()),
    }
}

fn stage(event: &Event, now: DateTime<FixedOffset>, local: NaiveDateTime) -> Stage {
    let Some(date) = event.info.date else {
        return message(
            "This event has no date yet",
            &["Set one on the Event screen, or with unconf event set EVENT --date YYYY-MM-DD."],
        );
    };
    let slots = event.slots_in_order();
    let Some(last) = slots.last() else {
        return message(
            "No programme yet",
            &["Add slots on the Event screen, or with unconf slot add EVENT HH:MM HH:MM."],
        );
    };
    let at = |time: NaiveTime| date.and_time(time);
    let ends = |slot: &Slot| ends_at(date, slot);
    let day_over = local
        >= slots
            .iter()
            .map(|(_, s)| ends(s))
            .max()
            .unwrap_or(ends(last.1));
    if day_over {
        return over(event, &slots);
    }
    let running = slots
        .iter()
        .rev()
        .find(|(_, s)| at(s.start) <= local && local < ends(s));
    let shown = Shown { event, now, date };
    if let Some((id, slot)) = running {
        // The slot after this one; with overlapping slots, the next to start.
        let next = slots
            .iter()
            .find(|(_, s)| at(s.start) >= ends(slot))
            .or_else(|| slots.iter().find(|(_, s)| at(s.start) > local));
        let until = instant(event, now, ends(slot));
        let mut focus = shown.slot("NOW", id, slot, ENDS_IN, until);
        if slot.kind == SlotKind::Break
            && let Some((_, after)) = next
        {
            focus.note = format!(
                "Back at {} for {}.",
                after.start.format("%H:%M"),
                name(after)
            );
        }
        let next = next.map(|(id, s)| shown.slot("NEXT", id, s, STARTS_IN, shown.starts(s)));
        return Stage::Slots {
            focus: Box::new(focus),
            next: next.map(Box::new),
        };
    }
    // Before the first slot, or between two: what comes next, and when.
    let upcoming = slots
        .iter()
        .position(|(_, s)| at(s.start) > local)
        .unwrap_or(0);
    let (id, slot) = slots[upcoming];
    let tag = if upcoming == 0 { "FIRST" } else { "NEXT" };
    let mut focus = shown.slot(tag, id, slot, STARTS_IN, shown.starts(slot));
    if local.date() < date {
        focus.note = format!("{}: {}", date.format("%A %-d %B %Y"), focus.note);
    }
    let discussions_done = slots
        .iter()
        .skip(upcoming)
        .all(|(_, s)| s.kind != SlotKind::Breakout)
        && slots.iter().any(|(_, s)| s.kind == SlotKind::Breakout);
    if discussions_done && slot.kind == SlotKind::Plenary {
        focus.note = "The discussions are over: everyone together.".to_string();
    }
    let next = slots
        .get(upcoming + 1)
        .map(|(id, s)| shown.slot("THEN", id, s, STARTS_IN, shown.starts(s)));
    Stage::Slots {
        focus: Box::new(focus),
        next: next.map(Box::new),
    }
}

/// When a slot of the day starting on `date` ends: the next day when its end
/// is not after its start (a slot that runs past midnight, which a slot
/// cannot be given here but a hand-edited or older file can hold).
fn ends_at(date: NaiveDate, slot: &Slot) -> NaiveDateTime {
    let day = if slot.end <= slot.start {
        date.succ_opt().unwrap_or(date)
    } else {
        date
    };
    day.and_time(slot.end)
}

/// After the last slot: the day's sessions are over; a closing plenary is
/// named, since that is where the feedback and next steps were.
fn over(event: &Event, slots: &[(&Id, &Slot)]) -> Stage {
    let mut lines = vec!["Thank you for taking part.".to_string()];
    if let Some((_, closing)) = slots
        .iter()
        .rev()
        .find(|(_, s)| s.kind == SlotKind::Plenary)
    {
        lines.push(format!(
            "The day closed with {} ({}).",
            name(closing),
            slot_times(closing)
        ));
    }
    if !event.info.url.trim().is_empty() {
        lines.push("The programme and what came of it are online.".to_string());
    }
    Stage::Message {
        title: "The day's sessions are over".to_string(),
        lines,
    }
}

fn message(title: &str, lines: &[&str]) -> Stage {
    Stage::Message {
        title: title.to_string(),
        lines: lines.iter().map(|l| (*l).to_string()).collect(),
    }
}

/// What every slot shown needs to know.
struct Shown<'a> {
    event: &'a Event,
    now: DateTime<FixedOffset>,
    date: NaiveDate,
}

impl Shown<'_> {
    fn starts(&self, slot: &Slot) -> DateTime<FixedOffset> {
        instant(self.event, self.now, self.date.and_time(slot.start))
    }

    fn slot(
        &self,
        tag: &'static str,
        id: &Id,
        slot: &Slot,
        words: &'static str,
        until: DateTime<FixedOffset>,
    ) -> SlotPlan {
        let rooms = rooms(self.event, id);
        let note = match (slot.kind, rooms.is_empty()) {
            (SlotKind::Plenary, _) => "Plenary: everyone together.".to_string(),
            (SlotKind::Break, _) => "Break.".to_string(),
            (SlotKind::Breakout, true) => "No sessions placed in this slot yet.".to_string(),
            (SlotKind::Breakout, false) => String::new(),
        };
        SlotPlan {
            tag,
            label: name(slot),
            kind: slot.kind,
            times: slot_times(slot),
            countdown: Some(Countdown {
                words,
                seconds: (until - self.now).num_seconds().max(0),
            }),
            rooms,
            note,
        }
    }
}

/// Each room's session in a slot, in room order; a room booked twice shows
/// both sessions.
fn rooms(event: &Event, slot: &Id) -> Vec<RoomPlan> {
    let mut shown = Vec::new();
    for (room_id, room) in event.rooms_in_order() {
        for session_id in event.sessions_in_cell(slot, room_id) {
            let Some(session) = event.sessions.get(session_id) else {
                continue;
            };
            let people: Vec<String> = event
                .session_pitchers(session)
                .iter()
                .map(|p| inert_line(p.name.trim()))
                .filter(|n| !n.is_empty())
                .collect();
            let by = if session.chatham_house || people.is_empty() {
                String::new()
            } else {
                format!("pitched by {}", people.join(", "))
            };
            shown.push(RoomPlan {
                room: inert_line(room.name.trim()),
                title: inert_line(event.session_title(session).trim()),
                by,
            });
        }
    }
    shown
}

/// A slot's label, or its times when it has none.
fn name(slot: &Slot) -> String {
    match inert_line(slot.label.trim()) {
        label if label.is_empty() => slot_times(slot),
        label => label,
    }
}

/// `now` moved to `at` on the event's day (today when it has no date), in
/// its time zone: the start of a rehearsal's clock.
pub fn moved_to(event: &Event, now: DateTime<FixedOffset>, at: NaiveTime) -> DateTime<FixedOffset> {
    let day = event
        .info
        .date
        .unwrap_or_else(|| local_now(event, now).date());
    instant(event, now, day.and_time(at))
}
