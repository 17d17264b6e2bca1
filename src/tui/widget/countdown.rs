//! The slot countdown: "Round 1 ends in 12 min", "Round 1 over by 3 min".
//!
//! Pure: read against the state's clock, so it moves with `Tick` and tests
//! can pin it. Slots are times of day on the event date; on any other day
//! there is no current slot, and the countdown says which day the event is
//! rather than counting towards a time that is not today's.

use chrono::{DateTime, FixedOffset, NaiveTime};

use crate::model::rules::slot_times;
use crate::model::text::inert_line;
use crate::model::{Event, Id, Slot};

/// How long after its end a slot still counts as "over by": long enough
/// for a discussion that runs into the break, short enough that a morning
/// session looked at in the afternoon is not nagged about.
const OVERRUN_MINUTES: i64 = 90;

/// How the clock stands against a slot, for wording and styling.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Countdown {
    /// The event is on another day: the event's date, written only when
    /// drawn (the Notes header compares countdowns for every frame).
    OtherDay(chrono::NaiveDate),
    /// No slots in the programme yet.
    NoSlots,
    StartsIn {
        slot: String,
        minutes: i64,
    },
    EndsIn {
        slot: String,
        minutes: i64,
    },
    OverBy {
        slot: String,
        minutes: i64,
    },
    EndedAt {
        slot: String,
        at: NaiveTime,
    },
}

impl Countdown {
    /// One short sentence for the screen.
    pub fn text(&self) -> String {
        match self {
            Countdown::OtherDay(day) => format!("event day {}", day.format("%-d %b %Y")),
            Countdown::NoSlots => "no slots yet".to_string(),
            Countdown::StartsIn { slot, minutes } => {
                format!("{slot} starts in {}", duration(*minutes))
            }
            Countdown::EndsIn { slot, minutes } => format!("{slot} ends in {}", duration(*minutes)),
            Countdown::OverBy { slot, minutes: 0 } => format!("{slot} has just ended"),
            Countdown::OverBy { slot, minutes } => format!("{slot} over by {}", duration(*minutes)),
            Countdown::EndedAt { slot, at } => format!("{slot} ended at {}", at.format("%H:%M")),
        }
    }

    /// True when time is short or up, so that the view can stress it (the
    /// words already say it; style only adds emphasis).
    pub fn urgent(&self) -> bool {
        match self {
            Countdown::EndsIn { minutes, .. } => *minutes <= 5,
            Countdown::OverBy { .. } => true,
            _ => false,
        }
    }
}

/// "12 min", "1 h 5 min", "2 h".
fn duration(minutes: i64) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// True when `now` falls on the event date (or the event has no date).
pub fn is_event_day(event: &Event, now: DateTime<FixedOffset>) -> bool {
    event.info.date.is_none_or(|d| d == now.date_naive())
}

/// The slot running at `now` on the event day: the one that started last
/// among those containing `now`.
pub fn current_slot(event: &Event, now: DateTime<FixedOffset>) -> Option<&Id> {
    if !is_event_day(event, now) {
        return None;
    }
    let t = now.time();
    event
        .slots_in_order()
        .into_iter()
        .rfind(|(_, s)| s.start <= t && t < s.end)
        .map(|(id, _)| id)
}

/// The countdown for one slot (a note-taker's own session), or, with
/// `None`, for the day: the running slot, else the next, else the last.
pub fn countdown(event: &Event, now: DateTime<FixedOffset>, slot: Option<&Id>) -> Countdown {
    if !is_event_day(event, now)
        && let Some(day) = event.info.date
    {
        return Countdown::OtherDay(day);
    }
    let t = now.time();
    if let Some(slot) = slot.and_then(|id| event.slots.get(id)) {
        return of_slot(slot, t);
    }
    let slots = event.slots_in_order();
    let running = current_slot(event, now).and_then(|id| event.slots.get(id));
    let next = slots.iter().find(|(_, s)| s.start > t).map(|(_, s)| *s);
    let last = slots
        .iter()
        .rev()
        .find(|(_, s)| s.end <= t)
        .map(|(_, s)| *s);
    match (running, next, last) {
        (Some(slot), _, _) | (None, Some(slot), _) => of_slot(slot, t),
        (None, None, Some(slot)) => Countdown::EndedAt {
            slot: name(slot),
            at: slot.end,
        },
        (None, None, None) => Countdown::NoSlots,
    }
}

fn of_slot(slot: &Slot, t: NaiveTime) -> Countdown {
    let slot_name = name(slot);
    if t < slot.start {
        Countdown::StartsIn {
            slot: slot_name,
            minutes: minutes_up(slot.start - t),
        }
    } else if t < slot.end {
        Countdown::EndsIn {
            slot: slot_name,
            minutes: minutes_up(slot.end - t),
        }
    } else {
        let over = (t - slot.end).num_minutes();
        if over <= OVERRUN_MINUTES {
            Countdown::OverBy {
                slot: slot_name,
                minutes: over,
            }
        } else {
            Countdown::EndedAt {
                slot: slot_name,
                at: slot.end,
            }
        }
    }
}

/// Whole minutes, rounded up: with 30 seconds left a slot "ends in 1 min".
fn minutes_up(span: chrono::TimeDelta) -> i64 {
    (span.num_seconds() + 59) / 60
}

/// A slot's label, or its times when it has none.
fn name(slot: &Slot) -> String {
    let label = inert_line(slot.label.trim());
    if label.is_empty() {
        slot_times(slot)
    } else {
        label
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::testing::{now, sample_state};

    fn at(state: &crate::tui::state::State, hh_mm: &str) -> Countdown {
        let time = DateTime::parse_from_rfc3339(&format!("2026-11-27T{hh_mm}:00+00:00"))
            .unwrap_or_else(|_| now());
        countdown(state.event(), time, None)
    }

    #[test]
    fn counts_down_to_the_end_of_the_running_slot() {
        let state = sample_state();
        assert_eq!(at(&state, "10:40").text(), "Round 1 ends in 20 min");
        assert_eq!(at(&state, "09:00").text(), "Welcome starts in 30 min");
        assert_eq!(at(&state, "13:20").text(), "Round 2 ended at 12:15");
    }

    #[test]
    fn a_sessions_own_slot_runs_over() {
        let state = sample_state();
        let (round_1, _) = state
            .event()
            .slots_in_order()
            .into_iter()
            .find(|(_, s)| s.label == "Round 1")
            .expect("Round 1");
        let later = now() + chrono::Duration::minutes(23);
        let shown = countdown(state.event(), later, Some(round_1));
        assert_eq!(shown.text(), "Round 1 over by 3 min");
        assert!(shown.urgent());
        let much_later = now() + chrono::Duration::hours(3);
        let shown = countdown(state.event(), much_later, Some(round_1));
        assert_eq!(shown.text(), "Round 1 ended at 11:00");
    }

    #[test]
    fn on_another_day_there_is_no_current_slot() {
        let state = sample_state();
        let tomorrow = now() + chrono::Duration::days(1);
        assert_eq!(current_slot(state.event(), tomorrow), None);
        assert_eq!(
            countdown(state.event(), tomorrow, None).text(),
            "event day 27 Nov 2026"
        );
    }

    #[test]
    fn long_spans_read_in_hours() {
        assert_eq!(duration(65), "1 h 5 min");
        assert_eq!(duration(120), "2 h");
        assert_eq!(duration(7), "7 min");
    }
}
