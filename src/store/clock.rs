//! The time, real or fixed. `UNCONF_NOW` (RFC 3339) fixes it for tests and
//! scripted examples, which also makes new ids deterministic.

use chrono::{DateTime, Duration, FixedOffset, Local, Utc};

/// `UNCONF_NOW` holds something that is not a time.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "UNCONF_NOW=\"{text}\" is not an RFC 3339 time ({source}); use e.g. 2026-11-27T10:30:00+00:00"
)]
pub struct ClockError {
    pub text: String,
    pub source: chrono::ParseError,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clock {
    System,
    Fixed(DateTime<FixedOffset>),
}

impl Clock {
    /// `Fixed` when `UNCONF_NOW` holds a valid time, else `System`.
    pub fn from_env() -> Result<Clock, ClockError> {
        match std::env::var("UNCONF_NOW") {
            Ok(text) if !text.trim().is_empty() => DateTime::parse_from_rfc3339(text.trim())
                .map(Clock::Fixed)
                .map_err(|source| ClockError { text, source }),
            _ => Ok(Clock::System),
        }
    }

    /// Local wall-clock time, with its offset.
    pub fn now(&self) -> DateTime<FixedOffset> {
        match self {
            Clock::System => Local::now().fixed_offset(),
            Clock::Fixed(t) => *t,
        }
    }

    pub fn now_utc(&self) -> DateTime<Utc> {
        self.now().with_timezone(&Utc)
    }

    pub fn is_fixed(&self) -> bool {
        matches!(self, Clock::Fixed(_))
    }
}

/// A laptop whose changes are dated this far ahead of the local clock has
/// its clock set wrong (a few minutes is ordinary drift).
pub const AHEAD_TOLERANCE: Duration = Duration::minutes(10);

/// How far `then` is ahead of `now`, when by more than [`AHEAD_TOLERANCE`].
/// Times never decide which version stands, so such a laptop loses nothing;
/// this is only for saying so.
pub fn ahead(now: DateTime<Utc>, then: DateTime<Utc>) -> Option<Duration> {
    let by = then - now;
    (by > AHEAD_TOLERANCE).then_some(by)
}

/// A span as people would round it: "about 1 day", "about 3 h", "about 25 min".
pub fn roughly(span: Duration) -> String {
    let minutes = span.num_minutes();
    let (n, unit) = match minutes {
        ..90 => (minutes, "min"),
        90..1200 => ((minutes + 30) / 60, "h"),
        _ => ((minutes + 720) / 1440, "day"),
    };
    let plural = if unit == "day" && n != 1 { "s" } else { "" };
    format!("about {n} {unit}{plural}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().to_utc()
    }

    #[test]
    fn only_a_clock_well_ahead_is_flagged() {
        let now = at("2026-11-27T10:00:00Z");
        assert_eq!(ahead(now, at("2026-11-27T10:09:00Z")), None, "drift");
        assert_eq!(ahead(now, at("2026-11-27T09:00:00Z")), None, "the past");
        assert_eq!(
            ahead(now, at("2026-11-28T10:05:00Z")),
            Some(Duration::minutes(24 * 60 + 5))
        );
    }

    #[test]
    fn spans_are_rounded_as_people_say_them() {
        assert_eq!(roughly(Duration::minutes(25)), "about 25 min");
        assert_eq!(roughly(Duration::minutes(200)), "about 3 h");
        assert_eq!(roughly(Duration::minutes(24 * 60 + 5)), "about 1 day");
        assert_eq!(roughly(Duration::days(3)), "about 3 days");
    }
}
