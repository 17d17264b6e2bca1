//! The time, real or fixed. `UNCONF_NOW` (RFC 3339) fixes it for tests and
//! scripted examples, which also makes new ids deterministic.

use chrono::{DateTime, FixedOffset, Local, Utc};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clock {
    System,
    Fixed(DateTime<FixedOffset>),
}

impl Clock {
    /// `Fixed` when `UNCONF_NOW` holds a valid time, else `System`.
    pub fn from_env() -> Result<Clock, String> {
        match std::env::var("UNCONF_NOW") {
            Ok(text) if !text.trim().is_empty() => DateTime::parse_from_rfc3339(text.trim())
                .map(Clock::Fixed)
                .map_err(|e| format!("UNCONF_NOW=\"{text}\" is not an RFC 3339 time ({e}); use e.g. 2026-11-27T10:30:00+00:00")),
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
