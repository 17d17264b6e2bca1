//! A countdown: the pitch timer. Pure: it is read against the state's clock.

use chrono::{DateTime, FixedOffset};

/// How long a pitch gets unless changed.
pub const DEFAULT_SECONDS: i64 = 60;
/// How much `[` and `]` change the length.
pub const STEP_SECONDS: i64 = 10;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timer {
    pub length: i64,
    /// When the current run started; `None` while stopped or paused.
    pub started: Option<DateTime<FixedOffset>>,
    /// Seconds used by earlier runs before a pause.
    pub used: i64,
    /// Shown on screen: `t` shows and hides it, starting it shows it.
    pub visible: bool,
}

impl Default for Timer {
    fn default() -> Self {
        Timer {
            length: DEFAULT_SECONDS,
            started: None,
            used: 0,
            visible: false,
        }
    }
}

impl Timer {
    /// Seconds left at `now`; negative once time is up.
    pub fn remaining(&self, now: DateTime<FixedOffset>) -> i64 {
        let running = self.started.map_or(0, |s| (now - s).num_seconds().max(0));
        self.length - self.used - running
    }

    pub fn is_running(&self) -> bool {
        self.started.is_some()
    }

    /// Starts, or pauses when running.
    pub fn toggle(&mut self, now: DateTime<FixedOffset>) {
        match self.started.take() {
            Some(started) => self.used += (now - started).num_seconds().max(0),
            None => {
                if self.remaining(now) <= 0 {
                    self.used = 0;
                }
                self.started = Some(now);
                self.visible = true;
            }
        }
    }

    /// Back to the full length, stopped.
    pub fn reset(&mut self) {
        self.started = None;
        self.used = 0;
    }

    /// Lengthens or shortens the pitch time, never below ten seconds.
    pub fn adjust(&mut self, seconds: i64) {
        self.length = (self.length + seconds).clamp(STEP_SECONDS, 60 * 60);
        self.visible = true;
    }

    /// "0:45", or "-0:05" once over time.
    pub fn text(&self, now: DateTime<FixedOffset>) -> String {
        let left = self.remaining(now);
        let sign = if left < 0 { "-" } else { "" };
        let left = left.abs();
        format!("{sign}{}:{:02}", left / 60, left % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-27T10:00:00+00:00").unwrap_or_default()
            + chrono::Duration::seconds(seconds)
    }

    #[test]
    fn counts_down_pauses_and_resumes() {
        let mut timer = Timer::default();
        timer.toggle(at(0));
        assert_eq!(timer.text(at(15)), "0:45");
        timer.toggle(at(15));
        assert_eq!(timer.text(at(100)), "0:45");
        timer.toggle(at(100));
        assert_eq!(timer.text(at(130)), "0:15");
        assert_eq!(timer.text(at(150)), "-0:05");
    }

    #[test]
    fn starting_after_time_is_up_starts_afresh() {
        let mut timer = Timer::default();
        timer.toggle(at(0));
        timer.toggle(at(70));
        timer.toggle(at(80));
        assert_eq!(timer.text(at(80)), "1:00");
    }

    #[test]
    fn length_is_adjustable_within_bounds() {
        let mut timer = Timer::default();
        timer.adjust(30);
        assert_eq!(timer.text(at(0)), "1:30");
        timer.adjust(-1000);
        assert_eq!(timer.length, STEP_SECONDS);
    }
}
