//! Drawing: every screen is drawn from `&State` alone.

pub mod event;
pub mod export;
pub mod help;
pub mod kept;
pub mod notes;
pub mod pitches;
pub mod resolve;
pub mod schedule;
pub mod wrapup;

use chrono::{Datelike, Timelike};
use ratatui::backend::Backend;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use ratatui::{Frame, Terminal};

use self::kept::{BottomKey, Kept, TabsKey};
use super::action::Screen;
use super::state::{DeviceSeen, MIN_HEIGHT, MIN_WIDTH, State};
use super::theme::Theme;
use super::widget::footer::Footer;
use crate::model::text::inert_line;

/// Rows above a screen's body: the tab bar.
pub const BODY_TOP: u16 = 1;

/// Draws a frame. `kept` holds parts of earlier frames that can be copied
/// rather than drawn again (see [`kept`]); the loop keeps one for its whole
/// run, a test may pass a fresh one: the frame is the same either way.
pub fn draw(state: &State, kept: &mut Kept, frame: &mut Frame) {
    let area = frame.area();
    render(state, kept, area, frame.buffer_mut());
}

/// Draws a frame on `terminal` as the loop does: [`written`], then
/// [`Kept::ready`] for the next one.
pub fn frame<B: Backend>(
    terminal: &mut Terminal<B>,
    state: &State,
    kept: &mut Kept,
) -> Result<(), B::Error> {
    written(terminal, state, kept)?;
    kept.ready(terminal)
}

/// Draws a frame and writes it to the terminal: the parts the terminal
/// already shows are neither drawn again nor compared (see [`kept`]). The
/// loop then calls [`Kept::ready`] once the terminal has had a moment to
/// show the frame: that work (blanking a buffer of the whole screen and
/// marking the kept parts in it) is done while the user is between keys
/// rather than after the next key, and not while the terminal is busy
/// showing this one.
pub fn written<B: Backend>(
    terminal: &mut Terminal<B>,
    state: &State,
    kept: &mut Kept,
) -> Result<(), B::Error> {
    terminal.autoresize()?;
    kept.fit(terminal.current_buffer_mut());
    draw(state, kept, &mut terminal.get_frame());
    kept.write(terminal)
}

/// Makes `terminal`'s viewport `area`, as the loop does for every resize
/// it reads, and clears the screen, so that the next frame is drawn whole
/// and nothing kept is taken as shown ([`Kept::cleared`]). Also when `area`
/// is the size of the last frame: a window shrunk and grown back before
/// the loop read the first resize reports its last size twice, and the
/// terminal may have lost what the shrinking cut off.
pub fn resize<B: Backend>(
    terminal: &mut Terminal<B>,
    kept: &mut Kept,
    area: Rect,
) -> Result<(), B::Error> {
    terminal.resize(area)?;
    kept.cleared(terminal.current_buffer_mut());
    Ok(())
}

/// The screen's body as [`render`] lays it out (below the tab bar, above
/// the status line, of one row, and the footer), for mapping clicks.
pub fn body(state: &State) -> Rect {
    Rect::new(
        0,
        BODY_TOP,
        state.width,
        state.height.saturating_sub(BODY_TOP + 2),
    )
}

/// Draws the whole screen into a buffer.
pub fn render(state: &State, kept: &mut Kept, area: Rect, buf: &mut Buffer) {
    kept.begin(area, state.help.is_some() || state.resolve.is_some());
    draw_parts(state, kept, area, buf);
    kept.end(buf);
}

fn draw_parts(state: &State, kept: &mut Kept, area: Rect, buf: &mut Buffer) {
    if state.board {
        super::board::render_event(state.event(), state.now, state.colour, area, buf);
        return;
    }
    let theme = Theme::new(state.colour);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(area, buf, theme);
        return;
    }
    let (status_text, wraps) = status_line(state, theme, &mut kept.saved_line);
    // A long warning or refusal takes a second row rather than being cut
    // off mid-sentence; the screen's body gives that row up while it shows.
    let status_rows = if wraps && status_text.width() > usize::from(area.width) {
        2
    } else {
        1
    };
    let [header, body, status, footer] = kept.frame_areas.get((area, status_rows), || {
        Layout::vertical([
            Constraint::Length(BODY_TOP),
            Constraint::Min(1),
            Constraint::Length(status_rows),
            Constraint::Length(1),
        ])
        .areas(area)
    });
    // Kept while what the tab bar is drawn from holds, without building
    // its line for every frame.
    let stamp = state.event().stamp();
    let (hour, minute) = (state.now.hour(), state.now.minute());
    let same = |shown: &TabsKey| {
        shown.stamp == stamp
            && shown.note_taker == state.note_taker
            && shown.screen == state.screen
            && shown.width == header.width
            && shown.hour == hour
            && shown.minute == minute
            && shown.theme == theme
    };
    let key = || TabsKey {
        stamp,
        note_taker: state.note_taker.clone(),
        screen: state.screen,
        width: header.width,
        hour,
        minute,
        theme,
    };
    kept.tabs
        .draw_unless_same(same, key, header, &[], buf, |buf| {
            tabs(state, header.width, theme).render(header, buf);
        });
    match state.screen {
        Screen::Event => event::render(state, body, buf, theme),
        Screen::Pitches => pitches::render(state, kept, body, buf, theme),
        Screen::Schedule => schedule::render(state, kept, body, buf, theme),
        Screen::Notes => notes::render(state, kept, body, buf, theme),
        Screen::Wrapup => wrapup::render(state, body, buf, theme),
        Screen::Export => export::render(state, body, buf, theme),
    }
    // The status line and the footer, kept while what they say holds.
    let key = BottomKey {
        status: status_text,
        status_area: status,
        bindings: state.bindings(),
        theme,
    };
    let draw_bottom = |buf: &mut Buffer| {
        Paragraph::new(key.status.clone())
            .wrap(Wrap { trim: false })
            .render(status, buf);
        Footer {
            bindings: &key.bindings,
            theme,
        }
        .render(footer, buf);
    };
    kept.bottom.draw_unless_same(
        |shown| *shown == key,
        || key.clone(),
        status.union(footer),
        &[],
        buf,
        draw_bottom,
    );
    if let Some(resolve) = &state.resolve {
        resolve::render(state, resolve, body, buf, theme);
    }
    if let Some(scroll) = state.help {
        help::render(state, scroll, area, buf, theme);
    }
}

fn too_small(area: Rect, buf: &mut Buffer, theme: Theme) {
    let text = format!(
        "unconf needs a terminal of at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {}×{}. Make it larger (q quits).",
        area.width, area.height
    );
    Paragraph::new(text)
        .style(theme.warning())
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

/// Narrower than this, only the current screen's tab has its title, so
/// that the event's name and the clock keep their place.
const FULL_TABS_FROM: u16 = 76;

fn tab_text(screen: Screen, current: Screen, width: u16) -> String {
    if width < FULL_TABS_FROM && screen != current {
        format!(" {} ", screen.number())
    } else {
        format!(" {} {} ", screen.number(), screen.title())
    }
}

/// The screen whose tab is drawn at `column` of the top row.
/// An editor's or form's border, saying in its bottom edge who changed what
/// it edits on another laptop while it was open (see
/// [`State::changed_meanwhile`]).
pub fn with_changed_meanwhile<'a>(
    block: ratatui::widgets::Block<'a>,
    changed: Option<&str>,
    theme: Theme,
) -> ratatui::widgets::Block<'a> {
    match changed {
        Some(changed) => block.title_bottom(Line::styled(inert_line(changed), theme.warning())),
        None => block,
    }
}

pub fn tab_at(column: u16, current: Screen, width: u16) -> Option<Screen> {
    let mut start = 0usize;
    for screen in Screen::ALL {
        let text = tab_text(screen, current, width);
        let end = start + crate::model::text::width(&text);
        if (start..end).contains(&usize::from(column)) {
            return Some(screen);
        }
        start = end;
    }
    None
}

/// The tab bar, `width` columns wide.
fn tabs(state: &State, width: u16, theme: Theme) -> Line<'static> {
    let mut spans: Vec<Span> = Vec::new();
    if let Some(session) = &state.note_taker {
        let title = state
            .event()
            .sessions
            .get(session)
            .map(|s| inert_line(state.event().session_title(s)))
            .unwrap_or_else(|| "waiting for the organiser's schedule".to_string());
        // The title gives way before the clock does; the event's name first.
        let room = usize::from(width).saturating_sub(12 + 8);
        spans.push(Span::styled(" Note-taker ", theme.active_tab()));
        spans.push(Span::raw(format!(
            " {}",
            crate::model::text::fit(&title, room)
        )));
    } else {
        for screen in Screen::ALL {
            let text = tab_text(screen, state.screen, width);
            let style = if screen == state.screen {
                theme.active_tab()
            } else {
                theme.plain()
            };
            spans.push(Span::styled(text, style));
        }
    }
    // As "%H:%M" writes it, without parsing the format for every frame.
    let clock = format!("{:02}:{:02}", state.now.hour(), state.now.minute());
    let name = inert_line(&state.event().info.name);
    let used: usize = spans.iter().map(|s| s.width()).sum();
    let room = usize::from(width).saturating_sub(used + clock.len() + 3);
    let name = crate::model::text::fit(&name, room);
    let pad = usize::from(width)
        .saturating_sub(used + crate::model::text::width(&name) + clock.len() + 2);
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(name, theme.dim()));
    spans.push(Span::raw(format!(" {clock} ")));
    Line::from(spans)
}

/// The line above the footer: a failed save first, then the last message
/// ("saving…" before it while the edit it reports is on its way), then
/// read-only, else what is saved and who else is writing; and whether
/// it may take a second row (a message may, the quiet "saved" line not).
fn status_line(state: &State, theme: Theme, memo: &mut Option<SavedLine>) -> (Line<'static>, bool) {
    let line = if let Some(error) = &state.save_error {
        Line::from(vec![
            Span::styled("NOT SAVED ", theme.error()),
            Span::raw(inert_line(error)),
        ])
    } else if let Some(status) = &state.status {
        // An edit's "Added …" is said as done only once it is on disk.
        let mut spans = match state.saving {
            true => vec![Span::styled("saving… ", theme.dim())],
            false => Vec::new(),
        };
        if status.error {
            spans.push(Span::styled("! ", theme.error()));
            spans.push(Span::styled(inert_line(&status.text), theme.error()));
        } else {
            spans.push(Span::raw(inert_line(&status.text)));
        }
        Line::from(spans)
    } else if let Some(reason) = state.replica.read_only() {
        Line::from(vec![
            Span::styled("READ-ONLY ", theme.warning()),
            Span::raw(inert_line(reason)),
        ])
    } else {
        return (saved_line_kept(state, theme, memo), false);
    };
    (line, true)
}

/// The status line when all is well, as last worked out, with what it was
/// worked out from: it names the two devices that changed something last
/// out of all of them, with how long ago, and was worked out for every
/// frame, on the way from a key to its echo.
#[derive(Debug)]
pub(super) struct SavedLine {
    key: SavedLineKey,
    /// When it was worked out, and the first time from which it may read
    /// differently (never, for `None`).
    from: chrono::DateTime<chrono::FixedOffset>,
    until: Option<chrono::DateTime<chrono::FixedOffset>>,
    line: Line<'static>,
}

/// Everything but the time that the status line is worked out from (the
/// clock's offset: the year turns at its midnight).
#[derive(Debug, PartialEq)]
struct SavedLineKey {
    offset: i32,
    saving: bool,
    /// With its offset: the time is written in it, and two times equal as
    /// instants may read differently.
    last_saved: Option<(chrono::DateTime<chrono::FixedOffset>, i32)>,
    devices: u64,
    file_problems: usize,
    theme: Theme,
}

/// [`saved_line`], worked out again only when what it says may have
/// changed.
fn saved_line_kept(state: &State, theme: Theme, memo: &mut Option<SavedLine>) -> Line<'static> {
    let key = SavedLineKey {
        offset: state.now.offset().local_minus_utc(),
        saving: state.saving,
        last_saved: state
            .last_saved
            .map(|at| (at, at.offset().local_minus_utc())),
        devices: state.devices.stamp(),
        file_problems: state.file_problems.len(),
        theme,
    };
    let now = state.now;
    if let Some(kept) = memo.as_ref()
        && kept.key == key
        && kept.from <= now
        && kept.until.is_none_or(|until| now < until)
    {
        return kept.line.clone();
    }
    let (line, until) = saved_line(state, theme);
    *memo = Some(SavedLine {
        key,
        from: now,
        until,
        line: line.clone(),
    });
    line
}

/// "✓ saved 10:32 · 3 devices" when all is well; "saving…" while the
/// last edit is on its way to the disk. With it, the first time from which
/// it may read differently, the state unchanged (never, for `None`).
fn saved_line(
    state: &State,
    theme: Theme,
) -> (Line<'static>, Option<chrono::DateTime<chrono::FixedOffset>>) {
    let mut spans = if state.saving {
        vec![Span::styled("saving…", theme.dim())]
    } else {
        vec![Span::styled("✓ saved", theme.good())]
    };
    if let Some(at) = state.last_saved.filter(|_| !state.saving) {
        spans.push(Span::raw(format!(" {}", clock_time(at))));
    }
    let others = state.devices.iter().filter(|d| !d.own);
    let count = others.clone().count();
    let mut until = None;
    for device in latest_two(others) {
        let (when, changes) = ago_until(state.now, device.last_change);
        until = until.into_iter().chain(changes).min();
        let when = match when {
            ahead if ahead.starts_with("clock") => format!("({ahead})"),
            when => when,
        };
        spans.push(Span::raw(format!(
            " · {} {when}",
            inert_line(&device.label)
        )));
    }
    if count > 2 {
        spans.push(Span::raw(format!(" · {} more devices", count - 2)));
    }
    if !state.file_problems.is_empty() {
        spans.push(Span::styled(
            format!(
                " · {} unreadable file(s), see 1 Event",
                state.file_problems.len()
            ),
            theme.warning(),
        ));
    }
    (Line::from(spans), until)
}

/// The two devices that changed something last, the later first; of
/// devices with the same time, the one listed first. The same as a stable
/// sort by time, latest first, without sorting every device for each frame.
fn latest_two<'a>(devices: impl Iterator<Item = &'a DeviceSeen>) -> Vec<&'a DeviceSeen> {
    let mut two: Vec<&DeviceSeen> = Vec::with_capacity(2);
    for device in devices {
        // Past every kept one that is not older than it, as a stable sort
        // places it.
        let at = two
            .iter()
            .position(|kept| kept.last_change < device.last_change)
            .unwrap_or(two.len());
        if at < 2 {
            two.insert(at, device);
            two.truncate(2);
        }
    }
    two
}

/// How long ago a device last changed something, as a room would say it:
/// "12 s ago", "3 min ago", "no changes yet". A time more than a few
/// minutes in the future means that device's clock is ahead, which is
/// said ("clock about 1 day ahead"); a little ahead is "just now".
pub fn ago(
    now: chrono::DateTime<chrono::FixedOffset>,
    then: Option<chrono::DateTime<chrono::FixedOffset>>,
) -> String {
    ago_until(now, then).0
}

/// [`ago`], with the first time after `now` from which it may read
/// differently (never, for `None`): "12 s ago" holds for a second, "on 28
/// Oct" until the year ends.
fn ago_until(
    now: chrono::DateTime<chrono::FixedOffset>,
    then: Option<chrono::DateTime<chrono::FixedOffset>>,
) -> (String, Option<chrono::DateTime<chrono::FixedOffset>>) {
    use chrono::Duration;
    let Some(then) = then else {
        return ("no changes yet".to_string(), None);
    };
    if let Some(by) = crate::store::clock::ahead(now.to_utc(), then.to_utc()) {
        // Said in whole minutes, ahead by more than the tolerance: it
        // holds while `by` keeps its minutes and stays over the tolerance.
        let minutes = Duration::minutes(by.num_minutes());
        let until = std::cmp::min(
            then - minutes + Duration::nanoseconds(1),
            then - crate::store::clock::AHEAD_TOLERANCE,
        );
        return (
            format!("clock {} ahead", crate::store::clock::roughly(by)),
            Some(until),
        );
    }
    let seconds = (now - then).num_seconds();
    // Past chrono's last instant: read again at once.
    let after = |s: i64| then.checked_add_signed(Duration::seconds(s)).or(Some(now));
    match seconds {
        s if s < 5 => ("just now".to_string(), after(5)),
        s if s < 60 => (format!("{s} s ago"), after(s + 1)),
        s if s < 3600 => (format!("{} min ago", s / 60), after((s / 60 + 1) * 60)),
        s if s < 86_400 => (format!("{} h ago", s / 3600), after((s / 3600 + 1) * 3600)),
        s if s < 7 * 86_400 => (
            format!("{} days ago", s / 86_400),
            after((s / 86_400 + 1) * 86_400),
        ),
        // Older than a week (last year's event opened again): the date,
        // with the year once it is not this year's.
        _ if then.year() == now.year() => {
            let new_year = chrono::NaiveDate::from_ymd_opt(now.year() + 1, 1, 1)
                .and_then(|day| day.and_hms_opt(0, 0, 0))
                .and_then(|midnight| midnight.and_local_timezone(*now.offset()).single());
            // Past chrono's last year: read again at once, as `after` does.
            (format!("on {}", day_month(then)), new_year.or(Some(now)))
        }
        _ => match then.year() {
            year @ 0..=9999 => (format!("on {} {year:04}", day_month(then)), None),
            _ => (then.format("on %-d %b %Y").to_string(), None),
        },
    }
}

/// "7 Nov": as chrono's "%-d %b" writes it, without parsing the format for
/// every frame (the status line says it for each of two devices).
fn day_month(at: chrono::DateTime<chrono::FixedOffset>) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.get(at.month0() as usize).copied().unwrap_or("");
    format!("{} {month}", at.day())
}

/// "10:32:07": as chrono's "%H:%M:%S" writes it, without parsing the
/// format for every frame.
fn clock_time(at: chrono::DateTime<chrono::FixedOffset>) -> String {
    // chrono shows a leap second as :60.
    let second = at.second() + u32::from(at.nanosecond() >= 1_000_000_000);
    format!("{:02}:{:02}:{second:02}", at.hour(), at.minute())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;
    use crate::tui::testing::{act, sample_state, screen};

    const LONG: &str = "Could not save organiser-1a2b3c4d.ron: No space left on device (os error 28); every edit is kept here and saving is tried again every 5 s.";

    #[test]
    fn a_failed_save_is_said_in_full_on_two_rows_at_80_columns() {
        let mut state = sample_state();
        act(&mut state, Action::SaveFailed(LONG.into()));
        let shown = screen(&mut state, 80, 24);
        let rows: Vec<&str> = shown.lines().collect();
        assert!(rows[21].starts_with("NOT SAVED Could not save organiser-1a2b3c4d.ron"));
        assert!(rows[22].contains("again every 5 s."), "{shown}");
        assert!(rows[23].contains("? help"), "the footer stays: {shown}");
        insta::assert_snapshot!(shown);
    }

    #[test]
    fn a_click_on_a_tab_shows_its_screen() {
        let mut state = sample_state();
        let shown = screen(&mut state, 80, 24);
        let top = shown.lines().next().unwrap_or_default();
        for target in [Screen::Export, Screen::Notes, Screen::Event] {
            let title = format!("{} {}", target.number(), target.title());
            let column = top.find(&title).expect("the tab is drawn");
            act(
                &mut state,
                Action::Click {
                    column: u16::try_from(column).unwrap_or(0),
                    row: 0,
                },
            );
            assert_eq!(state.screen, target);
        }
        assert_eq!(
            tab_at(79, Screen::Pitches, 80),
            None,
            "past the tabs: the event's name"
        );
    }

    /// A CJK event name is cut by the columns it takes, so the clock keeps
    /// its place at every width.
    #[test]
    fn a_cjk_event_name_leaves_the_clock_on_the_tab_bar() {
        let mut state = sample_state();
        let info = crate::model::EventInfo {
            name: "地方デジタル宣言へのサプライヤーの対応についての会議".into(),
            ..state.event().info.clone()
        };
        let changes =
            crate::tui::screen::event::edits::set_details(state.event(), info).unwrap_or_default();
        state.commit("test", changes);
        for on in [
            Screen::Event,
            Screen::Pitches,
            Screen::Schedule,
            Screen::Notes,
        ] {
            state.screen = on;
            for (width, height) in [(80, 24), (60, 20)] {
                let shown = screen(&mut state, width, height);
                let top = shown.lines().next().unwrap_or_default();
                assert!(top.trim_end().ends_with("10:40"), "{width}: {top}");
                insta::assert_snapshot!(
                    format!("cjk_{}_{width}x{height}", on.title().to_lowercase()),
                    shown
                );
            }
        }
    }

    #[test]
    fn a_short_message_keeps_one_row_and_a_saved_edit_clears_the_warning() {
        let mut state = sample_state();
        act(&mut state, Action::SaveFailed(LONG.into()));
        act(&mut state, Action::Saved);
        let shown = screen(&mut state, 80, 24);
        let rows: Vec<&str> = shown.lines().collect();
        assert!(rows[22].starts_with("✓ saved"), "{shown}");
        assert!(!shown.contains("NOT SAVED"));
    }

    /// As a stable sort by time, latest first, would pick them.
    #[test]
    fn the_two_latest_devices_are_those_a_stable_sort_puts_first() {
        let at = |minute: u32| {
            chrono::DateTime::parse_from_rfc3339(&format!("2026-11-27T10:{minute:02}:00+00:00"))
                .ok()
        };
        let times = [None, at(5), at(3), at(5), None, at(9), at(3), at(9), at(1)];
        let devices: Vec<DeviceSeen> = times
            .iter()
            .enumerate()
            .map(|(n, &last_change)| DeviceSeen {
                label: format!("laptop {n}"),
                own: false,
                last_change,
            })
            .collect();
        for len in 0..=devices.len() {
            for start in 0..len {
                let some = &devices[start..len];
                let mut sorted: Vec<&DeviceSeen> = some.iter().collect();
                sorted.sort_by_key(|d| std::cmp::Reverse(d.last_change));
                sorted.truncate(2);
                let labels =
                    |d: Vec<&DeviceSeen>| d.iter().map(|d| d.label.clone()).collect::<Vec<_>>();
                assert_eq!(
                    labels(latest_two(some.iter())),
                    labels(sorted),
                    "{start}..{len}"
                );
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// What "ago" says holds from `now` until the time it gives, at
        /// every time between; and at that time it reads differently (but
        /// for a clock ahead).
        #[test]
        fn an_age_holds_until_the_time_it_gives(
            // Milliseconds before now: a minute, hours, weeks, years.
            gap in proptest::prop_oneof![
                -100_000i64..100_000,
                -10_000_000i64..10_000_000,
                -700_000_000i64..2_000_000_000,
                -100_000_000_000i64..100_000_000_000,
            ],
            late in 0i64..1_000_000_000,
            along in 0.0f64..1.0,
            year_end in proptest::prelude::any::<bool>(),
        ) {
            let now = if year_end {
                chrono::DateTime::parse_from_rfc3339("2026-12-31T23:59:58+01:00")
            } else {
                chrono::DateTime::parse_from_rfc3339("2026-11-27T10:00:00+00:00")
            }
            .unwrap_or_default()
                + chrono::Duration::nanoseconds(late);
            let then = now - chrono::Duration::milliseconds(gap);
            let (said, until) = ago_until(now, Some(then));
            proptest::prop_assert_eq!(&said, &ago(now, Some(then)));
            if let Some(until) = until {
                proptest::prop_assert!(until > now, "{} until {}", said, until);
                let span = (until - now).num_nanoseconds().unwrap_or(i64::MAX);
                #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
                let between = now + chrono::Duration::nanoseconds((span as f64 * along) as i64);
                let last = until - chrono::Duration::nanoseconds(1);
                for at in [between, last] {
                    proptest::prop_assert_eq!(&ago(at, Some(then)), &said, "at {}", at);
                }
                // Tight, but for the clock ahead, said in rounded hours
                // and days and read again at each of its minutes.
                if !said.starts_with("clock") {
                    proptest::prop_assert_ne!(&ago(until, Some(then)), &said, "at {}", until);
                }
            }
        }
    }

    #[test]
    fn the_status_line_is_worked_out_again_only_when_it_may_read_differently() {
        let mut state = sample_state();
        let now = state.now;
        let mut memo = None;
        let first = saved_line_kept(&state, Theme::new(false), &mut memo);
        assert_eq!(first, saved_line(&state, Theme::new(false)).0);
        let until = memo.as_ref().and_then(|m| m.until);
        for later in [1, 59, 3599, 86_399] {
            state.now = now + chrono::Duration::seconds(later);
            let kept = saved_line_kept(&state, Theme::new(false), &mut memo);
            assert_eq!(
                kept,
                saved_line(&state, Theme::new(false)).0,
                "{later} s on"
            );
            let worked_out_again = memo.as_ref().map(|m| m.from) == Some(state.now);
            assert_eq!(
                worked_out_again,
                until.is_some_and(|u| state.now >= u),
                "{later} s on"
            );
        }
        // Back in time: worked out again.
        state.now = now - chrono::Duration::seconds(1);
        saved_line_kept(&state, Theme::new(false), &mut memo);
        assert_eq!(memo.as_ref().map(|m| m.from), Some(state.now));
        // A save changes it at once.
        state.saving = true;
        let saving = saved_line_kept(&state, Theme::new(false), &mut memo);
        assert!(saving.to_string().starts_with("saving…"), "{saving}");
    }

    #[test]
    fn a_last_save_at_the_same_instant_in_another_offset_is_written_afresh() {
        let mut state = sample_state();
        let theme = Theme::new(true);
        let mut memo = None;
        let at = state.now;
        state.last_saved = Some(at);
        let first = saved_line_kept(&state, theme, &mut memo);
        let east = chrono::FixedOffset::east_opt(3600).unwrap_or(*at.offset());
        state.last_saved = Some(at.with_timezone(&east));
        let kept = saved_line_kept(&state, theme, &mut memo);
        let fresh = saved_line(&state, theme).0;
        assert_ne!(first, fresh, "the clock time reads differently");
        assert_eq!(kept, fresh);
    }

    #[test]
    fn ages_read_as_people_say_them() {
        let now =
            chrono::DateTime::parse_from_rfc3339("2026-11-27T10:00:00+00:00").unwrap_or_default();
        let before = |s: i64| now - chrono::Duration::seconds(s);
        assert_eq!(ago(now, Some(before(2))), "just now");
        assert_eq!(ago(now, Some(before(12))), "12 s ago");
        assert_eq!(ago(now, Some(before(180))), "3 min ago");
        assert_eq!(ago(now, Some(before(7300))), "2 h ago");
        assert_eq!(ago(now, Some(before(-86_400))), "clock about 1 day ahead");
        assert_eq!(ago(now, Some(before(3 * 86_400))), "3 days ago");
        assert_eq!(ago(now, Some(before(30 * 86_400))), "on 28 Oct");
        assert_eq!(ago(now, Some(before(400 * 86_400))), "on 23 Oct 2025");
    }

    #[test]
    fn dates_and_times_are_written_as_chrono_writes_them() {
        let offset = chrono::FixedOffset::east_opt(3600).expect("an offset");
        let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("a date");
        for days in (0..366).step_by(3) {
            let date = start + chrono::Duration::days(days);
            let at = date
                .and_hms_opt(u32::try_from(days % 24).unwrap_or(0), 7, 9)
                .expect("a time")
                .and_local_timezone(offset)
                .single()
                .expect("one time");
            assert_eq!(day_month(at), at.format("%-d %b").to_string());
            assert_eq!(clock_time(at), at.format("%H:%M:%S").to_string());
        }
        let leap = chrono::NaiveDate::from_ymd_opt(2016, 12, 31)
            .and_then(|d| d.and_hms_milli_opt(23, 59, 59, 1500))
            .expect("a leap second")
            .and_local_timezone(offset)
            .single()
            .expect("one time");
        assert_eq!(clock_time(leap), leap.format("%H:%M:%S").to_string());
        for year in [5, 999, 1970, 2025] {
            let now = chrono::NaiveDate::from_ymd_opt(2026, 3, 4)
                .and_then(|d| d.and_hms_opt(12, 0, 0))
                .expect("a time")
                .and_local_timezone(offset)
                .single()
                .expect("one time");
            let then = chrono::NaiveDate::from_ymd_opt(year, 2, 9)
                .and_then(|d| d.and_hms_opt(12, 0, 0))
                .expect("a time")
                .and_local_timezone(offset)
                .single()
                .expect("one time");
            assert_eq!(
                ago(now, Some(then)),
                then.format("on %-d %b %Y").to_string()
            );
        }
    }
}
