//! The resolve overlay: the versions of one record side by side (stacked
//! when the terminal is narrow), who wrote each, on which laptop and when,
//! the fields that differ marked, and the combined text being typed.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::model::fields::{self, Field};
use crate::model::text::{fit, inert, inert_line, wrap_cut};
use crate::model::{Event, Record};
use crate::store::version::Version;
use crate::tui::screen::resolve::{CombinedText, ResolveState, device_name, versions};
use crate::tui::state::State;
use crate::tui::theme::Theme;

/// Narrowest column worth putting versions side by side in.
const MIN_COLUMN: u16 = 50;

pub fn render(state: &State, resolve: &ResolveState, area: Rect, buf: &mut Buffer, theme: Theme) {
    let popup = area;
    Clear.render(popup, buf);
    let event = state.event();
    let what = inert_line(&event.describe(&resolve.record));
    let title = fit(
        &format!(" Conflicting versions of {what} "),
        usize::from(popup.width.saturating_sub(4)),
    );
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(popup);
    block.render(popup, buf);
    let all = versions(state, &resolve.record);
    let combined_rows = match &resolve.combined {
        Some(c) if c.editing && c.slot.multi_line => 6,
        Some(c) if c.editing => 3,
        Some(_) => 1,
        None => 0,
    };
    let [intro, body, combined] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(combined_rows),
    ])
    .areas(inner);
    intro_lines(&all, resolve.shown.unseen_work.len(), intro, buf, theme);
    let values: Vec<Option<&Record>> = all.iter().map(|v| v.value.as_ref()).collect();
    let differing = fields::differing(event, &values);
    let view = Versions {
        state,
        event,
        versions: &all,
        chosen: resolve.chosen,
        differing: &differing,
        theme,
    };
    let columns = u16::try_from(all.len()).unwrap_or(u16::MAX).max(1);
    if all.len() <= 3 && body.width / columns >= MIN_COLUMN {
        view.side_by_side(body, buf);
    } else {
        view.stacked(body, buf);
    }
    if let Some(c) = &resolve.combined {
        combined_text(c, resolve.chosen, combined, buf, theme);
    }
}

/// The combined text being typed, or a line saying it is kept for later.
fn combined_text(c: &CombinedText, chosen: usize, area: Rect, buf: &mut Buffer, theme: Theme) {
    let label = c.slot.label.to_lowercase();
    if !c.editing {
        Line::styled(
            format!("A combined {label} is kept: e brings it back."),
            theme.dim(),
        )
        .render(area, buf);
        return;
    }
    let [head, field] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let keys = if c.slot.multi_line {
        "Ctrl-s saves"
    } else {
        "Enter saves"
    };
    Line::from(vec![
        Span::styled(format!("Combined {label}"), theme.heading()),
        Span::styled(
            format!(
                " · {keys} · Esc goes back · other fields from version {}",
                chosen + 1
            ),
            theme.dim(),
        ),
    ])
    .render(head, buf);
    c.field.render(field, buf, true);
}

fn intro_lines(all: &[Version], work: usize, area: Rect, buf: &mut Buffer, theme: Theme) {
    let text = if all.len() < 2 {
        "Only one version is left: it was resolved on another laptop. Esc closes.".to_string()
    } else if work > 0 {
        format!(
            "It was deleted while another laptop added {} to it. Keep the deletion (which deletes {} too) or keep it (Enter).",
            if work == 1 {
                "a note or next step".to_string()
            } else {
                format!("{work} notes or next steps")
            },
            if work == 1 { "that" } else { "those" }
        )
    } else {
        format!(
            "{} versions were written without seeing each other. Keep one (Enter), or type a combined text (e).",
            all.len()
        )
    };
    Paragraph::new(text)
        .style(theme.plain())
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

struct Versions<'a> {
    state: &'a State,
    event: &'a Event,
    versions: &'a [Version],
    chosen: usize,
    differing: &'a [&'static str],
    theme: Theme,
}

impl Versions<'_> {
    /// Who wrote it, where and when: "Kim · Kim's laptop · 10:32:05".
    fn header(&self, version: &Version) -> (String, String) {
        let me = &self.state.replica.identity().device;
        let device = if version.device() == *me {
            "this laptop".to_string()
        } else {
            device_name(self.state, version.device())
        };
        let author = if version.author.is_empty() {
            "someone".to_string()
        } else {
            version.author.clone()
        };
        let now = self.state.now;
        let at = version.at.with_timezone(now.offset());
        let mut when = if at.date_naive() == now.date_naive() {
            at.format("%H:%M:%S").to_string()
        } else {
            at.format("%-d %b %H:%M").to_string()
        };
        if crate::store::clock::ahead(now.to_utc(), version.at).is_some() {
            when.push_str(" (its clock is ahead)");
        }
        (
            inert_line(&format!("{author} on {device}")),
            inert_line(&when),
        )
    }

    fn marker(&self, index: usize) -> String {
        if index == self.chosen {
            format!("▶ {} ", index + 1)
        } else {
            format!("  {} ", index + 1)
        }
    }

    fn header_style(&self, index: usize) -> ratatui::style::Style {
        if index == self.chosen {
            self.theme.selected()
        } else {
            self.theme.heading()
        }
    }

    fn is_differing(&self, field: &Field) -> bool {
        self.differing.contains(&field.label)
    }

    /// One column per version, every field, the differing ones marked.
    fn side_by_side(&self, area: Rect, buf: &mut Buffer) {
        let count = u32::try_from(self.versions.len()).unwrap_or(1).max(1);
        let areas = Layout::horizontal(vec![Constraint::Ratio(1, count); self.versions.len()])
            .spacing(1)
            .split(area);
        for (index, (version, column)) in self.versions.iter().zip(areas.iter()).enumerate() {
            let (who, when) = self.header(version);
            let mut lines = vec![
                Line::styled(
                    format!("{}{who}", self.marker(index)),
                    self.header_style(index),
                ),
                Line::styled(format!("    {when}"), self.theme.dim()),
                Line::raw(""),
            ];
            match &version.value {
                None => lines.push(Line::styled("DELETED it", self.theme.warning())),
                Some(record) => {
                    for field in fields::fields(self.event, record) {
                        let differs = self.is_differing(&field);
                        let (mark, style) = if differs {
                            ("≠ ", self.theme.heading())
                        } else {
                            ("  ", self.theme.dim())
                        };
                        lines.push(Line::styled(format!("{mark}{}", field.label), style));
                        let room = usize::from(column.width).saturating_sub(4).max(10);
                        for text in inert(&field.value).lines() {
                            for part in wrap(text, room, usize::MAX) {
                                lines.push(Line::raw(format!("    {part}")));
                            }
                        }
                        if field.value.is_empty() {
                            lines.push(Line::styled("    (empty)", self.theme.dim()));
                        }
                    }
                }
            }
            Paragraph::new(lines).render(*column, buf);
        }
    }

    /// The fields of one version that differ from the others, each wrapped
    /// to at most `rows` lines; "DELETED it" for a deletion.
    fn differing_lines(&self, version: &Version, width: usize, rows: usize) -> Vec<Line<'static>> {
        let Some(record) = &version.value else {
            return vec![Line::styled("    DELETED it", self.theme.warning())];
        };
        let mut lines = Vec::new();
        for field in fields::fields(self.event, record) {
            if !self.is_differing(&field) {
                continue;
            }
            let label = format!("    {}: ", field.label);
            let room = width.saturating_sub(label.width()).max(10);
            let value = if field.value.is_empty() {
                vec!["(empty)".to_string()]
            } else {
                wrap(&inert_line(&field.value), room, rows)
            };
            for (i, text) in value.into_iter().enumerate() {
                let lead = if i == 0 {
                    Span::styled(label.clone(), self.theme.heading())
                } else {
                    Span::raw(" ".repeat(label.width()))
                };
                lines.push(Line::from(vec![lead, Span::raw(text)]));
            }
        }
        lines
    }

    /// One version under another, only the fields that differ, scrolled so
    /// that the chosen version is in sight.
    fn stacked(&self, area: Rect, buf: &mut Buffer) {
        let width = usize::from(area.width);
        let mut lines: Vec<Line> = Vec::new();
        let mut chosen_rows = (0, 0);
        for (index, version) in self.versions.iter().enumerate() {
            let start = lines.len();
            let (who, when) = self.header(version);
            let head = format!("{}{who} · {when}", self.marker(index));
            let pad = width.saturating_sub(head.width());
            lines.push(Line::styled(
                format!("{head}{}", " ".repeat(pad)),
                self.header_style(index),
            ));
            // The chosen version's texts are shown in full, the others in a line.
            let rows = if index == self.chosen { 6 } else { 1 };
            lines.extend(self.differing_lines(version, width, rows));
            if index == self.chosen {
                chosen_rows = (start, lines.len());
            }
        }
        let same: Vec<&str> = self
            .versions
            .iter()
            .find_map(|v| v.value.as_ref())
            .map(|r| fields::fields(self.event, r))
            .unwrap_or_default()
            .iter()
            .filter(|f| !self.is_differing(f))
            .map(|f| f.label)
            .collect();
        if !same.is_empty() {
            lines.push(Line::styled(
                fit(
                    &format!("Same in every version: {}", same.join(", ")),
                    width,
                ),
                self.theme.dim(),
            ));
        }
        let height = usize::from(area.height);
        let (start, end) = chosen_rows;
        let offset = end.saturating_sub(height).min(start);
        for (row, line) in lines.into_iter().skip(offset).take(height).enumerate() {
            let y = area.y + u16::try_from(row).unwrap_or(u16::MAX);
            line.render(
                Rect {
                    y,
                    height: 1,
                    ..area
                },
                buf,
            );
        }
    }
}

/// Text wrapped to `width` in at most `rows` lines; the last line ends
/// with an ellipsis when text is left over.
fn wrap(text: &str, width: usize, rows: usize) -> Vec<String> {
    wrap_cut(text, width, width, rows)
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn long_text_wraps_at_spaces_and_is_cut_with_an_ellipsis() {
        assert_eq!(wrap("one two three", 7, 3), ["one two", "three"]);
        assert_eq!(wrap("one two three four", 7, 1), ["one tw…"]);
        assert_eq!(wrap("会議の進め方 会議", 8, 1), ["会議の…"]);
    }
}
