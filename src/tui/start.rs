//! Before an event is open: the first-run questions (who is typing, what
//! this laptop is called) and the event picker, which can also create an
//! event. Small state machines with the same shape as the screens: keys
//! become actions, `update` is pure, `render` draws from `&`.

use std::path::PathBuf;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::theme::Theme;
use super::widget::text_field::TextField;
use crate::model::text::inert_line;
use crate::store::location::EventEntry;

/// What the user means before an event is open.
#[derive(Clone, Debug, PartialEq)]
pub enum StartAction {
    Up,
    Down,
    /// Open the selected event, or confirm what is typed.
    Enter,
    /// Start typing a new event's name.
    New,
    /// Next field of the first-run form.
    NextField,
    Back,
    Quit,
    Type(KeyEvent),
}

/// Keys before an event is open. `typing` is true when a field has focus.
pub fn action_for(key: &KeyEvent, typing: bool) -> Option<StartAction> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
        return Some(StartAction::Quit);
    }
    Some(match key.code {
        KeyCode::Enter => StartAction::Enter,
        KeyCode::Esc => StartAction::Back,
        KeyCode::Tab => StartAction::NextField,
        KeyCode::Up => StartAction::Up,
        KeyCode::Down => StartAction::Down,
        _ if typing => StartAction::Type(*key),
        KeyCode::Char('k') => StartAction::Up,
        KeyCode::Char('j') => StartAction::Down,
        KeyCode::Char('n') | KeyCode::Char('a') => StartAction::New,
        KeyCode::Char('q') => StartAction::Quit,
        _ => return None,
    })
}

/// First run: the author name and this device's label.
#[derive(Clone, Debug)]
pub struct FirstRun {
    pub fields: [TextField; 2],
    pub focus: usize,
    pub message: Option<String>,
}

/// What the first-run form decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FirstRunOutcome {
    Stay,
    Done { author: String, label: String },
    Quit,
}

impl FirstRun {
    pub fn new(author: &str, label: &str) -> FirstRun {
        FirstRun {
            fields: [TextField::suggested(author), TextField::suggested(label)],
            focus: 0,
            message: None,
        }
    }

    pub fn update(&mut self, action: StartAction) -> FirstRunOutcome {
        match action {
            StartAction::Type(key) => {
                self.fields[self.focus].input(key);
                // The message was about this field; typed, it has done its job.
                if self.message.is_some() && !self.missing().contains(&self.focus) {
                    self.message = None;
                }
            }
            StartAction::NextField | StartAction::Down | StartAction::Up => {
                self.focus = 1 - self.focus;
            }
            StartAction::Enter => {
                // Focus stays on (or goes back to) a field still empty.
                let missing = self.missing();
                if !missing.contains(&self.focus) && self.focus == 0 {
                    self.focus = 1;
                    return FirstRunOutcome::Stay;
                }
                if let Some(&empty) = missing
                    .iter()
                    .find(|&&i| i == self.focus)
                    .or(missing.first())
                {
                    self.focus = empty;
                    self.message = Some(
                        [
                            "Your name is needed: it is written on the notes you take.",
                            "A name for this laptop is needed: the other laptops see it.",
                        ][empty.min(1)]
                        .into(),
                    );
                    return FirstRunOutcome::Stay;
                }
                let author = self.fields[0].text().trim().to_string();
                let label = self.fields[1].text().trim().to_string();
                return FirstRunOutcome::Done { author, label };
            }
            StartAction::Quit | StartAction::Back => return FirstRunOutcome::Quit,
            StartAction::New => {}
        }
        FirstRunOutcome::Stay
    }

    /// The fields still empty, in order.
    fn missing(&self) -> Vec<usize> {
        (0..self.fields.len())
            .filter(|&i| self.fields[i].text().trim().is_empty())
            .collect()
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: Theme) {
        let [intro, l1, f1, l2, f2, message, help] = Layout::vertical([
            Constraint::Length(5),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(2),
            Constraint::Min(1),
        ])
        .areas(area.inner(ratatui::layout::Margin::new(2, 1)));
        Paragraph::new(vec![
            Line::styled("Welcome to unconf", theme.heading()),
            Line::raw(""),
            Line::raw("Two questions, once. Your name is written on the notes you take; the"),
            Line::raw("laptop's name tells the other laptops whose file is whose."),
        ])
        .render(intro, buf);
        for (i, (label_area, field_area, label)) in [(l1, f1, "Your name"), (l2, f2, "This laptop")]
            .into_iter()
            .enumerate()
        {
            let style = if self.focus == i {
                theme.key()
            } else {
                theme.heading()
            };
            Line::styled(label, style).render(label_area, buf);
            self.fields[i].render(field_area, buf, self.focus == i);
        }
        if let Some(text) = &self.message {
            Line::styled(inert_line(text), theme.error()).render(message, buf);
        }
        Line::from(vec![
            Span::styled("Tab", theme.key()),
            Span::raw(" next field  "),
            Span::styled("Enter", theme.key()),
            Span::raw(" continue  "),
            Span::styled("Esc", theme.key()),
            Span::raw(" quit"),
        ])
        .render(help, buf);
    }
}

/// The event picker.
#[derive(Clone, Debug)]
pub struct Picker {
    pub sessions: PathBuf,
    pub events: Vec<EventEntry>,
    pub selected: usize,
    /// The new event's name, while one is being created.
    pub creating: Option<TextField>,
    pub message: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PickerOutcome {
    Stay,
    Open(PathBuf),
    Create(String),
    Quit,
}

impl Picker {
    /// `last` (the event opened last time) is selected when it is listed.
    pub fn new(sessions: PathBuf, events: Vec<EventEntry>, last: Option<&PathBuf>) -> Picker {
        let selected = last
            .and_then(|l| events.iter().position(|e| &e.dir == l))
            .unwrap_or(0);
        let creating = events
            .is_empty()
            .then(|| TextField::single("").with_placeholder("the new event's name"));
        Picker {
            sessions,
            events,
            selected,
            creating,
            message: None,
        }
    }

    pub fn typing(&self) -> bool {
        self.creating.is_some()
    }

    pub fn update(&mut self, action: StartAction) -> PickerOutcome {
        if let Some(field) = &mut self.creating {
            return match action {
                StartAction::Type(key) => {
                    field.input(key);
                    PickerOutcome::Stay
                }
                StartAction::Enter => {
                    let name = field.text().trim().to_string();
                    if name.is_empty() {
                        self.message = Some("Type the event's name first.".into());
                        PickerOutcome::Stay
                    } else {
                        PickerOutcome::Create(name)
                    }
                }
                StartAction::Back if !self.events.is_empty() => {
                    self.creating = None;
                    PickerOutcome::Stay
                }
                StartAction::Quit | StartAction::Back => PickerOutcome::Quit,
                _ => PickerOutcome::Stay,
            };
        }
        match action {
            StartAction::Up => self.selected = self.selected.saturating_sub(1),
            StartAction::Down => {
                self.selected = (self.selected + 1).min(self.events.len().saturating_sub(1));
            }
            StartAction::Enter => {
                if let Some(event) = self.events.get(self.selected) {
                    return PickerOutcome::Open(event.dir.clone());
                }
            }
            StartAction::New => {
                self.creating =
                    Some(TextField::single("").with_placeholder("the new event's name"));
            }
            StartAction::Quit | StartAction::Back => return PickerOutcome::Quit,
            StartAction::Type(_) | StartAction::NextField => {}
        }
        PickerOutcome::Stay
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: Theme) {
        let area = area.inner(ratatui::layout::Margin::new(2, 1));
        let [title, list, input, message, help] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Min(1),
            Constraint::Length(2),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        Line::styled(
            format!(
                "unconf · events in {}",
                inert_line(&self.sessions.display().to_string())
            ),
            theme.heading(),
        )
        .render(title, buf);
        self.render_list(list, buf, theme);
        if let Some(field) = &self.creating {
            let [label, field_area] =
                Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(input);
            Line::styled("New event", theme.key()).render(label, buf);
            field.render(field_area, buf, true);
        }
        if let Some(text) = &self.message {
            Paragraph::new(Line::styled(inert_line(text), theme.error()))
                .wrap(Wrap { trim: true })
                .render(message, buf);
        }
        let keys: &[(&str, &str)] = if self.creating.is_some() {
            &[("Enter", "create"), ("Esc", "cancel")]
        } else {
            &[
                ("Enter", "open"),
                ("n", "new event"),
                ("↑/↓", "choose"),
                ("q", "quit"),
            ]
        };
        let mut spans = Vec::new();
        for (key, label) in keys {
            spans.push(Span::styled(*key, theme.key()));
            spans.push(Span::raw(format!(" {label}  ")));
        }
        Line::from(spans).render(help, buf);
    }

    fn render_list(&self, area: Rect, buf: &mut Buffer, theme: Theme) {
        if self.events.is_empty() {
            Line::styled(
                "No events yet: type a name below to create the first one.",
                theme.dim(),
            )
            .render(area, buf);
            return;
        }
        let height = usize::from(area.height);
        let offset = self.selected.saturating_sub(height.saturating_sub(1));
        for (i, event) in self.events.iter().enumerate().skip(offset).take(height) {
            let name = event.name.clone().unwrap_or_else(|| event.slug.clone());
            let date = event
                .date
                .map(|d| d.format("%-d %B %Y").to_string())
                .unwrap_or_default();
            let devices = if event.device_files == 1 {
                "1 device".to_string()
            } else {
                format!("{} devices", event.device_files)
            };
            // The name gives way, so that the date and devices always show.
            let tail = format!("  {date}  {devices}");
            let room = usize::from(area.width)
                .saturating_sub(unicode_width::UnicodeWidthStr::width(tail.as_str()) + 2)
                .max(8);
            let name = crate::model::text::fit(&inert_line(&name), room);
            let text = format!("{name}{tail}");
            let row = Rect::new(area.x, area.y + (i - offset) as u16, area.width, 1);
            let style = if i == self.selected && self.creating.is_none() {
                theme.selected()
            } else {
                theme.plain()
            };
            buf.set_style(row, style);
            Line::styled(format!(" {text}"), style).render(row, buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(slug: &str) -> EventEntry {
        EventEntry {
            dir: PathBuf::from("sessions").join(slug),
            slug: slug.into(),
            name: Some(slug.to_uppercase()),
            date: None,
            device_files: 1,
        }
    }

    fn key(c: char) -> StartAction {
        StartAction::Type(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    }

    #[test]
    fn the_last_event_opened_is_preselected() {
        let last = PathBuf::from("sessions").join("b");
        let picker = Picker::new("sessions".into(), vec![entry("a"), entry("b")], Some(&last));
        assert_eq!(picker.selected, 1);
    }

    #[test]
    fn enter_opens_and_n_creates() {
        let mut picker = Picker::new("sessions".into(), vec![entry("a"), entry("b")], None);
        picker.update(StartAction::Down);
        assert_eq!(
            picker.update(StartAction::Enter),
            PickerOutcome::Open(PathBuf::from("sessions").join("b"))
        );
        picker.update(StartAction::New);
        for c in "Day two".chars() {
            picker.update(key(c));
        }
        assert_eq!(
            picker.update(StartAction::Enter),
            PickerOutcome::Create("Day two".into())
        );
    }

    #[test]
    fn a_long_event_name_gives_way_to_its_date_and_devices() {
        let mut long = entry("supplier-response");
        long.name =
            Some("Supplier response to the Local Digital Declaration, with a subtitle".into());
        long.date = chrono::NaiveDate::from_ymd_opt(2018, 10, 23);
        long.device_files = 2;
        let picker = Picker::new("sessions".into(), vec![long], None);
        let area = Rect::new(0, 0, 80, 24);
        let mut buf = Buffer::empty(area);
        picker.render(area, &mut buf, Theme::new(false));
        let rows: Vec<String> = (0..24)
            .map(|y| (0..80).map(|x| buf[(x, y)].symbol().to_string()).collect())
            .collect();
        let row = rows
            .iter()
            .find(|r| r.contains("Supplier"))
            .expect("the event's row");
        assert!(row.contains("…  23 October 2018  2 devices"), "{row}");
    }

    #[test]
    fn with_no_events_the_name_field_is_ready() {
        let mut picker = Picker::new("sessions".into(), Vec::new(), None);
        assert!(picker.typing());
        assert_eq!(picker.update(StartAction::Enter), PickerOutcome::Stay);
        assert!(picker.message.is_some());
    }

    #[test]
    fn enter_on_an_empty_name_keeps_the_focus_there_until_it_is_typed() {
        let mut form = FirstRun::new("", "kim-laptop");
        assert_eq!(form.update(StartAction::Enter), FirstRunOutcome::Stay);
        assert_eq!(form.focus, 0, "focus stays on the missing name");
        assert!(
            form.message
                .as_deref()
                .is_some_and(|m| m.contains("Your name"))
        );
        form.update(key('K'));
        assert_eq!(form.message, None, "the message goes once it is typed");
        form.update(key('i'));
        assert_eq!(form.update(StartAction::Enter), FirstRunOutcome::Stay);
        assert_eq!(form.focus, 1);
        assert_eq!(
            form.update(StartAction::Enter),
            FirstRunOutcome::Done {
                author: "Ki".into(),
                label: "kim-laptop".into()
            }
        );
    }

    #[test]
    fn the_suggested_laptop_name_is_replaced_by_typing_and_ctrl_u_clears_it() {
        let mut form = FirstRun::new("kim", "host.local");
        form.update(StartAction::NextField);
        form.update(StartAction::Type(KeyEvent::new(
            KeyCode::Char('u'),
            KeyModifiers::CONTROL,
        )));
        assert!(form.fields[1].is_empty());
        assert_eq!(form.update(StartAction::Enter), FirstRunOutcome::Stay);
        assert_eq!(form.focus, 1);
        assert!(form.message.is_some());
        for c in "Kim's Mac".chars() {
            form.update(key(c));
        }
        assert_eq!(form.message, None);
        let mut form = FirstRun::new("kim", "host.local");
        form.update(StartAction::NextField);
        form.update(key('X'));
        assert_eq!(form.fields[1].text(), "X");
    }

    #[test]
    fn first_run_needs_both_names() {
        let mut form = FirstRun::new("", "kim-laptop");
        assert_eq!(form.update(StartAction::Enter), FirstRunOutcome::Stay);
        assert_eq!(form.update(StartAction::Enter), FirstRunOutcome::Stay);
        assert!(form.message.is_some());
        for c in "Kim".chars() {
            form.update(key(c));
        }
        form.update(StartAction::NextField);
        assert_eq!(
            form.update(StartAction::Enter),
            FirstRunOutcome::Done {
                author: "Kim".into(),
                label: "kim-laptop".into()
            }
        );
    }
}
