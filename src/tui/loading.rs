//! How far opening a large event has come: the first frame says "Reading
//! 12 of 30 device files" while the folder is read, once reading has taken
//! long enough to be noticed. The same rule decides for the command line's
//! progress bars (`cli/progress.rs`): shown only on a terminal, only after
//! a delay, so that quick work and pipes see nothing.

use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::theme::Theme;
use crate::model::text::inert_line;
use crate::store::Loading;

/// Work that ends sooner than this shows no progress at all.
pub const DELAY: Duration = Duration::from_millis(300);
/// Redraws of progress at most this often.
const EVERY: Duration = Duration::from_millis(50);

/// The delay before progress shows: [`DELAY`], or `UNCONF_PROGRESS_DELAY_MS`
/// (for tests, which show progress on a small event with 0).
pub fn delay() -> Duration {
    std::env::var("UNCONF_PROGRESS_DELAY_MS")
        .ok()
        .and_then(|ms| ms.trim().parse::<u64>().ok())
        .map_or(DELAY, Duration::from_millis)
}

/// Whether progress is shown: on a terminal only (never in a pipe or a
/// file), and only once the work has lasted `delay`.
pub fn shows(on_terminal: bool, elapsed: Duration, delay: Duration) -> bool {
    on_terminal && elapsed >= delay
}

/// Decides when the next frame of progress is due.
#[derive(Debug)]
pub struct Pace {
    started: Instant,
    delay: Duration,
    last: Option<Instant>,
}

impl Pace {
    pub fn new(delay: Duration) -> Pace {
        Pace {
            started: Instant::now(),
            delay,
            last: None,
        }
    }

    /// True when progress should be drawn now: past the delay, and not
    /// drawn within the last few milliseconds (the last step always is).
    pub fn due(&mut self, on_terminal: bool, last_step: bool) -> bool {
        let now = Instant::now();
        if !shows(on_terminal, now - self.started, self.delay) {
            return false;
        }
        let due = last_step || self.last.is_none_or(|at| now - at >= EVERY);
        if due {
            self.last = Some(now);
        }
        due
    }
}

/// The frame shown while `folder` opens.
pub fn render(folder: &str, loading: &Loading, area: Rect, buf: &mut Buffer, theme: Theme) {
    let [_, title, line, gauge, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(2),
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area.inner(ratatui::layout::Margin::new(2, 0)));
    Line::styled(format!("Opening {}", inert_line(folder)), theme.heading())
        .centered()
        .render(title, buf);
    Line::raw(loading.to_string()).centered().render(line, buf);
    let ratio = match loading.total {
        0 => 1.0,
        total => loading.done.min(total) as f64 / total as f64,
    };
    // Filled and empty cells differ in shape, not only in colour.
    let width = usize::from(gauge.width.min(60));
    let filled = ((width as f64) * ratio).round() as usize;
    Line::styled(
        format!(
            "{}{}",
            "█".repeat(filled),
            "░".repeat(width - filled.min(width))
        ),
        theme.key(),
    )
    .centered()
    .render(gauge, buf);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Stage;

    #[test]
    fn progress_shows_on_a_terminal_after_the_delay_only() {
        let delay = Duration::from_millis(300);
        assert!(!shows(true, Duration::from_millis(299), delay));
        assert!(shows(true, Duration::from_millis(300), delay));
        assert!(!shows(false, Duration::from_secs(60), delay));
        assert!(shows(true, Duration::ZERO, Duration::ZERO));
    }

    #[test]
    fn without_a_delay_the_first_step_is_due_and_the_next_waits_its_turn() {
        let mut pace = Pace::new(Duration::ZERO);
        assert!(pace.due(true, false));
        assert!(!pace.due(true, false), "drawn a moment ago");
        assert!(pace.due(true, true), "the last step is always drawn");
        assert!(
            !Pace::new(Duration::ZERO).due(false, true),
            "not on a terminal"
        );
        assert!(
            !Pace::new(Duration::from_secs(60)).due(true, true),
            "too soon"
        );
    }

    #[test]
    fn the_loading_frame_says_how_far_it_has_come() {
        let loading = Loading {
            stage: Stage::Reading,
            done: 12,
            total: 30,
        };
        let area = Rect::new(0, 0, 80, 24);
        let mut buf = Buffer::empty(area);
        render("large", &loading, area, &mut buf, Theme::new(false));
        let text: String = (0..area.height)
            .map(|y| {
                (0..area.width)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n");
        assert!(text.contains("Opening large"), "{text}");
        assert!(text.contains("Reading 12 of 30 device files"), "{text}");
        // 12 of 30 of a bar 60 cells wide.
        assert!(
            text.contains(&format!("{}{}", "█".repeat(24), "░".repeat(36))),
            "{text}"
        );
        // A tiny terminal draws what fits and does not panic.
        let small = Rect::new(0, 0, 3, 2);
        render(
            "large",
            &loading,
            small,
            &mut Buffer::empty(small),
            Theme::new(false),
        );
    }
}
