//! The write-up as Markdown, in the shape of the article organisers publish
//! afterwards (README, "Publishing").
//!
//! The document ([`super::write_up`]) is rendered block by block (a heading,
//! a paragraph, a list, a table), joined by blank lines. Every piece of user
//! text goes through [`escape`]; the only Markdown syntax in the output is
//! written here.

mod headings;
mod split;

#[cfg(test)]
pub(super) mod fixture;
#[cfg(test)]
mod tests;

use super::escape;
use super::write_up::{self, Block, Document, Inline, Line, Programme, Target, WriteUpOptions};
use crate::model::Event;

pub use split::split;

/// The write-up of an event as Markdown. The same event always gives the
/// same bytes.
pub fn markdown(event: &Event, options: &WriteUpOptions) -> String {
    render(write_up::write_up(event, options))
}

/// A document as Markdown: its blocks joined by blank lines, headings made
/// unique, one final newline. The document is consumed as it is written, so
/// that the write-up and its Markdown are not both whole in memory at once
/// (a large event's write-up with notes is tens of megabytes).
pub(super) fn render(document: Document) -> String {
    let mut out = Output::default();
    out.push(format!("# {}", line(&document.title)));
    for intro in document.intro {
        out.push(block(&intro));
    }
    for section in document.sections {
        out.push(format!("## {}", line(&section.heading)));
        for each in section.blocks {
            out.push(block(&each));
        }
    }
    out.text.push('\n');
    out.text
}

/// The Markdown written so far and the headings in it.
#[derive(Default)]
struct Output {
    text: String,
    headings: headings::Headings,
}

impl Output {
    fn push(&mut self, block: String) {
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        self.text.push_str(&self.headings.unique(block));
    }
}

fn block(block: &Block) -> String {
    match block {
        Block::Subheading(text) => format!("### {}", line(text)),
        Block::Paragraph(text) => line(text),
        Block::List(items) => bullets(items),
        Block::Programme(programme) => table(programme),
    }
}

fn line(line: &Line) -> String {
    line.0.iter().map(inline).collect()
}

fn inline(run: &Inline) -> String {
    match run {
        Inline::Our(text) => text.clone(),
        Inline::User(text) => escape::inline(text),
        Inline::Strong(text) => format!("**{}**", line(text)),
        Inline::Emphasis(text) => format!("*{}*", line(text)),
        Inline::Link(link) => format!("[{}]({})", line(&link.text), file_name(&link.to)),
    }
}

/// A page of a split write-up, as the Markdown files are named.
fn file_name(to: &Target) -> String {
    match to {
        Target::Index => format!("{}.md", write_up::INDEX),
        Target::Page(stem) => format!("{stem}.md"),
    }
}

fn bullets(items: &[Line]) -> String {
    (items.iter())
        .map(|item| format!("- {}", line(item)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The programme as a table: times and slot, then a column per room.
fn table(programme: &Programme) -> String {
    let mut header = vec!["Time".to_string(), "Slot".to_string()];
    header.extend(programme.rooms.iter().map(line));
    let mut rows = vec![
        table_row(&header),
        table_row(&vec!["---".into(); header.len()]),
    ];
    for slot in &programme.slots {
        let mut cells = vec![slot.times.clone(), line(&slot.label)];
        cells.extend(slot.rooms.iter().map(|listed| {
            (listed.iter())
                .map(|l| line(&l.title))
                .collect::<Vec<_>>()
                .join(" / ")
        }));
        if let Some(together) = slot.together
            && let Some(first_room) = cells.get_mut(2)
        {
            *first_room = format!("*{}*", together.words());
        }
        rows.push(table_row(&cells));
    }
    rows.join("\n")
}

/// One table row. An empty cell is "| |": markdownlint's table-column-style
/// reads any other spacing as a different style from the other rows.
fn table_row(cells: &[String]) -> String {
    let mut row = String::from("|");
    for cell in cells {
        if cell.is_empty() {
            row.push_str(" |");
        } else {
            row.push_str(&format!(" {cell} |"));
        }
    }
    row
}
