//! Drawing the board: large, high-contrast, no cursor and no key footer.
//! Pure: a frame is a function of the plan, the time (which page of rooms
//! is up) and the size.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::plan::{Plan, RoomPlan, SlotPlan, Stage};
use super::qr::Matrix;
use crate::model::text::{fit, width, wrap, wrap_cut};
use crate::tui::widget::big_text;

/// How long each page of rooms stays up when they do not all fit.
pub const PAGE_SECONDS: i64 = 12;
/// The narrowest a room's card gets before the rooms page instead.
const CARD_WIDTH: u16 = 30;
/// A card's rows at the least: the room, two rows of title, a gap.
const CARD_HEIGHT: u16 = 4;

/// The board's styles: light on black with colour, the terminal's own
/// colours under `NO_COLOR`; nothing is told apart by colour alone.
#[derive(Clone, Copy, Debug)]
pub struct Look {
    pub colour: bool,
}

impl Look {
    fn base(self) -> Style {
        if self.colour {
            Style::default()
                .fg(Color::Indexed(231))
                .bg(Color::Indexed(16))
        } else {
            Style::default()
        }
    }

    fn strong(self) -> Style {
        self.base().add_modifier(Modifier::BOLD)
    }

    fn tag(self) -> Style {
        self.strong().add_modifier(Modifier::REVERSED)
    }

    fn room(self) -> Style {
        if self.colour {
            self.strong().fg(Color::Indexed(226))
        } else {
            self.strong().add_modifier(Modifier::UNDERLINED)
        }
    }

    fn urgent(self) -> Style {
        if self.colour {
            self.strong().fg(Color::Indexed(214))
        } else {
            self.strong()
        }
    }
}

/// What the frame needs besides the plan.
#[derive(Clone, Copy, Debug)]
pub struct Frame<'a> {
    /// Seconds on the clock, for turning pages.
    pub seconds: i64,
    /// Said in the header while a rehearsal's clock is shown.
    pub rehearsal: Option<&'a str>,
    pub look: Look,
}

/// Draws the whole board into `area`.
pub fn render(plan: &Plan, frame: Frame, area: Rect, buf: &mut Buffer) {
    let look = frame.look;
    buf.set_style(area, look.base());
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            buf[(x, y)].set_symbol(" ");
        }
    }
    if area.width < 20 || area.height < 6 {
        Paragraph::new("The board needs a larger window.")
            .style(look.strong())
            .wrap(Wrap { trim: true })
            .render(area, buf);
        return;
    }
    header(plan, frame, row(area, 0), buf);
    let mut body = Rect {
        y: area.y + 2,
        height: area.height - 2,
        ..area
    };
    body = margins(body);
    if !plan.url.is_empty() {
        body = address(&plan.url, body, buf, look);
    }
    match &plan.stage {
        Stage::Message { title, lines } => message(title, lines, body, buf, look),
        Stage::Slots { focus, next } => slots(focus, next.as_deref(), frame, body, buf),
    }
}

fn margins(area: Rect) -> Rect {
    Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    }
}

fn row(area: Rect, y: u16) -> Rect {
    Rect::new(
        area.x,
        area.y + y.min(area.height.saturating_sub(1)),
        area.width,
        1,
    )
}

/// The event's name, and the time where it is.
fn header(plan: &Plan, frame: Frame, area: Rect, buf: &mut Buffer) {
    let look = frame.look;
    let clock = match frame.rehearsal {
        Some(words) => format!("{words}  {} ", plan.clock),
        None => format!("{} ", plan.clock),
    };
    let room = usize::from(area.width).saturating_sub(width(&clock) + 3);
    let name = fit(&plan.name, room);
    let pad = usize::from(area.width).saturating_sub(width(&name) + width(&clock) + 1);
    Line::from(vec![
        Span::styled(format!(" {name}"), look.strong()),
        Span::styled(" ".repeat(pad), look.base()),
        Span::styled(clock, look.strong()),
    ])
    .render(area, buf);
}

/// The web address, with its code beside the board when it fits, else as
/// text on the bottom row; gives back the rest of the area.
fn address(url: &str, area: Rect, buf: &mut Buffer, look: Look) -> Rect {
    let code = Matrix::of(url);
    let fitting = code.as_ref().and_then(|code| {
        [2u16, 1].into_iter().find_map(|scale| {
            let (cols, rows) = code.size(scale);
            let side = cols + 2;
            let rows_needed = rows + 1 + url_rows(url, cols);
            (side <= area.width * 2 / 5 && rows_needed <= area.height && area.width - side >= 50)
                .then_some((scale, cols, rows))
        })
    });
    if let (Some(code), Some((scale, cols, rows))) = (code, fitting) {
        let x = area.right() - cols;
        code.render(scale, Rect::new(x, area.y, cols, rows), buf, look.colour);
        let text: Vec<Line> = wrap(url, usize::from(cols), 0)
            .into_iter()
            .map(|l| Line::styled(l, look.strong()))
            .collect();
        let below = Rect::new(x, area.y + rows + 1, cols, area.height - rows - 1);
        Paragraph::new(text).render(below, buf);
        return Rect {
            width: area.width - cols - 2,
            ..area
        };
    }
    let bottom = row(area, area.height - 1);
    Line::from(vec![
        Span::styled("Online: ", look.strong()),
        Span::styled(
            fit(url, usize::from(bottom.width).saturating_sub(8)),
            look.strong(),
        ),
    ])
    .render(bottom, buf);
    Rect {
        height: area.height.saturating_sub(2),
        ..area
    }
}

fn url_rows(url: &str, cols: u16) -> u16 {
    u16::try_from(wrap(url, usize::from(cols), 0).len()).unwrap_or(u16::MAX)
}

/// A title in big letters when it fits, then a few lines of text.
fn message(title: &str, lines: &[String], area: Rect, buf: &mut Buffer, look: Look) {
    let tall = big_text::fit_lines(title, area.width, area.height.saturating_sub(4));
    let title_rows = match &tall {
        Some(big) => big.rows(),
        None => 1,
    };
    let used = title_rows + 1 + u16::try_from(lines.len()).unwrap_or(0);
    let top = area.y + area.height.saturating_sub(used) / 3;
    let title_area = Rect::new(area.x, top, area.width, title_rows);
    match tall {
        Some(big) => big.render(look.strong(), title_area, buf),
        None => Line::styled(fit(title, usize::from(area.width)), look.strong())
            .alignment(Alignment::Center)
            .render(title_area, buf),
    }
    let text: Vec<Line> = lines
        .iter()
        .flat_map(|l| wrap(l, usize::from(area.width), 0))
        .map(|l| Line::styled(l, look.base()).alignment(Alignment::Center))
        .collect();
    let below = top + title_rows + 1;
    if below < area.bottom() {
        Paragraph::new(text).render(
            Rect::new(area.x, below, area.width, area.bottom() - below),
            buf,
        );
    }
}

/// The slot in large type over its rooms, and the slot after it below.
fn slots(focus: &SlotPlan, next: Option<&SlotPlan>, frame: Frame, area: Rect, buf: &mut Buffer) {
    let band = if area.height >= 34 { 9 } else { 5 };
    let band_area = Rect {
        height: band.min(area.height),
        ..area
    };
    countdown_band(focus, band_area, buf, frame.look);
    let rest_y = area.y + band_area.height + 1;
    let rest_h = area.bottom().saturating_sub(rest_y);
    let next_h = match next {
        Some(next) => {
            let wanted = 1 + u16::try_from(next.rooms.len().max(1)).unwrap_or(u16::MAX);
            wanted.min((rest_h / 3).max(2)).min(rest_h)
        }
        None => 0,
    };
    let rooms_h = rest_h.saturating_sub(next_h + u16::from(next_h > 0));
    let rooms_area = Rect::new(area.x, rest_y, area.width, rooms_h);
    rooms(focus, frame, rooms_area, buf);
    if let Some(next) = next
        && next_h > 0
    {
        let next_area = Rect::new(area.x, area.bottom() - next_h, area.width, next_h);
        next_list(next, frame, next_area, buf);
    }
}

/// "NOW  breakout · 10:30–11:30", the slot's name large, and the countdown
/// in big digits on the right.
fn countdown_band(slot: &SlotPlan, area: Rect, buf: &mut Buffer, look: Look) {
    let digits = slot.countdown.map(|c| c.digits()).unwrap_or_default();
    let chars = u16::try_from(digits.chars().count()).unwrap_or(u16::MAX);
    let big_rows = area.height.saturating_sub(1);
    // The digits take what they need at the largest size that leaves the
    // slot's name two fifths of the row.
    let most = area.width * 3 / 5;
    let per_char = if chars * 8 + 2 <= most { 8 } else { 4 };
    let right_w = (chars * per_char + 2).min(most);
    let left = Rect {
        width: area.width - right_w,
        ..area
    };
    let right = Rect::new(left.right(), area.y, right_w, area.height);
    let kind = slot.kind.word();
    Line::from(vec![
        Span::styled(format!(" {} ", slot.tag), look.tag()),
        Span::styled(format!("  {kind} · {}", slot.times), look.strong()),
    ])
    .render(row(left, 0), buf);
    let name_area = Rect::new(left.x, left.y + 1, left.width.saturating_sub(2), big_rows);
    large_or_plain(&slot.label, name_area, 0, buf, look.strong());
    if let Some(countdown) = slot.countdown {
        let style = if countdown.urgent() {
            look.urgent()
        } else {
            look.strong()
        };
        Line::styled(countdown.words, look.strong())
            .alignment(Alignment::Center)
            .render(row(right, 0), buf);
        let digits_area = Rect::new(right.x, right.y + 1, right.width, big_rows);
        big_text::render(&digits, style, digits_area, buf);
    }
}

/// Which page of `count` items, `per_page` at a time, is up at `seconds`.
pub fn page(seconds: i64, count: usize, per_page: usize) -> (usize, usize) {
    let pages = count.div_ceil(per_page.max(1)).max(1);
    let turn = usize::try_from(seconds.max(0) / PAGE_SECONDS).unwrap_or(0);
    (turn % pages, pages)
}

/// Each room's session as a card; when they do not all fit, a page of
/// them at a time, turning every [`PAGE_SECONDS`].
fn rooms(slot: &SlotPlan, frame: Frame, area: Rect, buf: &mut Buffer) {
    let look = frame.look;
    if area.height == 0 {
        return;
    }
    if slot.rooms.is_empty() {
        let text: Vec<Line> = wrap(&slot.note, usize::from(area.width), 0)
            .into_iter()
            .map(|l| Line::styled(l, look.strong()))
            .collect();
        Paragraph::new(text).render(area, buf);
        return;
    }
    let count = slot.rooms.len();
    let max_cols = usize::from((area.width / CARD_WIDTH).max(1));
    let fits = |cols: usize, height: u16| {
        let rows = u16::try_from(count.div_ceil(cols)).unwrap_or(u16::MAX);
        rows.saturating_mul(CARD_HEIGHT) <= height
    };
    // As few columns as fit every room: the widest cards, the largest type.
    let (cols, grid_h, per_page) = match (1..=max_cols.min(count)).find(|&c| fits(c, area.height)) {
        Some(cols) => (cols, area.height, count),
        None => {
            // A row for the page count when a card still has two rows.
            let grid_h = if area.height >= 3 {
                area.height - 1
            } else {
                area.height
            };
            let rows = usize::from((grid_h / CARD_HEIGHT).max(1));
            (max_cols, grid_h, rows * max_cols)
        }
    };
    let (page_no, pages) = page(frame.seconds, count, per_page);
    let shown: Vec<&RoomPlan> = slot
        .rooms
        .iter()
        .skip(page_no * per_page)
        .take(per_page)
        .collect();
    let rows = shown.len().div_ceil(cols).max(1);
    let card_h = (grid_h / u16::try_from(rows).unwrap_or(1)).max(1);
    let cols_u16 = u16::try_from(cols).unwrap_or(1);
    let card_w = (area.width + 2) / cols_u16;
    let cards: Vec<(Rect, &RoomPlan)> = shown
        .iter()
        .enumerate()
        .map(|(i, room)| {
            let (r, c) = (i / cols, i % cols);
            let card = Rect::new(
                area.x + u16::try_from(c).unwrap_or(0) * card_w,
                area.y + u16::try_from(r).unwrap_or(0) * card_h,
                card_w.saturating_sub(2),
                card_h,
            );
            (card, *room)
        })
        .collect();
    // One size of letters for every title on the page: the largest at
    // which each title that can be large is.
    let level = cards
        .iter()
        .filter_map(|(card, room)| {
            let area = title_area(room, *card);
            big_text::fit_lines(&room.title, area.width, area.height).map(|b| b.level())
        })
        .max()
        .unwrap_or(0);
    for (card, room) in cards {
        room_card(room, card, level, buf, look);
    }
    if pages > 1 && grid_h < area.height {
        let first = page_no * per_page + 1;
        let last = first + shown.len() - 1;
        Line::styled(
            format!(
                "rooms {first}–{last} of {count} · page {} of {pages}",
                page_no + 1
            ),
            look.base(),
        )
        .alignment(Alignment::Right)
        .render(row(area, area.height - 1), buf);
    }
}

/// The room's name, then the session's title as large as fits, then who
/// pitched it.
fn room_card(room: &RoomPlan, area: Rect, level: usize, buf: &mut Buffer, look: Look) {
    if area.height < 2 {
        // One row: the room and the title on it.
        let room_w = width(&room.room).min(usize::from(area.width) / 3);
        let name = fit(&room.room, room_w);
        let title_w = usize::from(area.width).saturating_sub(width(&name) + 2);
        Line::from(vec![
            Span::styled(name, look.room()),
            Span::styled("  ", look.base()),
            Span::styled(fit(&room.title, title_w), look.strong()),
        ])
        .render(row(area, 0), buf);
        return;
    }
    Line::styled(fit(&room.room, usize::from(area.width)), look.room()).render(row(area, 0), buf);
    let used = large_or_plain(
        &room.title,
        title_area(room, area),
        level,
        buf,
        look.strong(),
    );
    if shows_by(room, area) {
        Line::styled(fit(&room.by, usize::from(area.width)), look.base())
            .render(row(area, 1 + used), buf);
    }
}

/// A card shows who pitched when it has a row to spare for it.
fn shows_by(room: &RoomPlan, card: Rect) -> bool {
    !room.by.is_empty() && card.height >= 5
}

/// Where a card's title goes: below the room, above who pitched it and a gap.
fn title_area(room: &RoomPlan, card: Rect) -> Rect {
    let rows = card
        .height
        .saturating_sub(2 + u16::from(shows_by(room, card)))
        .max(1);
    Rect::new(card.x, card.y + 1, card.width, rows)
}

/// Text in large letters (from size `level` down) when it fits `area`,
/// else wrapped to it (cut with an ellipsis when longer); the rows it took.
fn large_or_plain(text: &str, area: Rect, level: usize, buf: &mut Buffer, style: Style) -> u16 {
    if let Some(big) = big_text::fit_lines_from(text, area.width, area.height, level) {
        big.render_left(style, area, buf);
        return big.rows();
    }
    let columns = usize::from(area.width);
    let rows = wrap_cut(text, columns, columns, usize::from(area.height.max(1)));
    let used = u16::try_from(rows.len()).unwrap_or(area.height);
    Paragraph::new(
        rows.into_iter()
            .map(|r| Line::styled(r, style))
            .collect::<Vec<_>>(),
    )
    .render(area, buf);
    used
}

/// The slot after: one row for it, then one row a room.
fn next_list(slot: &SlotPlan, frame: Frame, area: Rect, buf: &mut Buffer) {
    let look = frame.look;
    let mut heading = vec![
        Span::styled(format!(" {} ", slot.tag), look.tag()),
        Span::styled(format!("  {}  ", slot.times), look.strong()),
        Span::styled(slot.label.clone(), look.strong()),
        Span::styled(format!(" · {}", slot.kind.word()), look.base()),
    ];
    let per_page = usize::from(area.height.saturating_sub(1)).max(1);
    let (page_no, pages) = page(frame.seconds, slot.rooms.len(), per_page);
    if pages > 1 {
        heading.push(Span::styled(
            format!("  ({} of {pages})", page_no + 1),
            look.base(),
        ));
    }
    Line::from(heading).render(row(area, 0), buf);
    if area.height < 2 {
        return;
    }
    if slot.rooms.is_empty() {
        Line::styled(fit(&slot.note, usize::from(area.width)), look.base())
            .render(row(area, 1), buf);
        return;
    }
    let name_w = slot
        .rooms
        .iter()
        .map(|r| width(&r.room))
        .max()
        .unwrap_or(0)
        .min(usize::from(area.width) / 3);
    for (i, room) in slot
        .rooms
        .iter()
        .skip(page_no * per_page)
        .take(per_page)
        .enumerate()
    {
        let name = fit(&room.room, name_w);
        let pad = " ".repeat(name_w - width(&name) + 2);
        let title_w = usize::from(area.width).saturating_sub(name_w + 2);
        Line::from(vec![
            Span::styled(name, look.room()),
            Span::styled(pad, look.base()),
            Span::styled(fit(&room.title, title_w), look.strong()),
        ])
        .render(row(area, 1 + u16::try_from(i).unwrap_or(0)), buf);
    }
}
