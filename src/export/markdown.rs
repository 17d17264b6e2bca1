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

use std::io::{self, Write};

use super::escape;
use super::write_up::{self, Block, Document, Inline, Line, Programme, Target, WriteUpOptions};
use crate::model::Event;

pub use split::split;

/// The write-up of an event as Markdown. The same event always gives the
/// same bytes.
pub fn markdown(event: &Event, options: &WriteUpOptions) -> String {
    render(write_up::write_up(event, options))
}

/// [`markdown`], written to `out` block by block as it is made: a large
/// event's write-up with notes is tens of megabytes, and is then never
/// whole in memory twice over.
pub fn write(event: &Event, options: &WriteUpOptions, out: &mut dyn Write) -> io::Result<()> {
    write_document(write_up::write_up(event, options), out)
}

/// A document as Markdown (see [`write_document`]).
pub(super) fn render(document: Document) -> String {
    let mut bytes = Vec::new();
    // Writing to memory cannot fail.
    let _ = write_document(document, &mut bytes);
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A document as Markdown: its blocks joined by blank lines, headings made
/// unique, one final newline. The document is consumed as it is written, so
/// that the write-up and its Markdown are not both whole in memory at once.
fn write_document(document: Document, out: &mut dyn Write) -> io::Result<()> {
    let mut out = Output {
        out,
        started: false,
        headings: headings::Headings::default(),
    };
    out.push(format!("# {}", line(&document.title)))?;
    for intro in document.intro {
        out.push(block(&intro))?;
    }
    for section in document.sections {
        out.push(format!("## {}", line(&section.heading)))?;
        for each in section.blocks {
            out.push(block(&each))?;
        }
    }
    out.out.write_all(b"\n")
}

/// Where the Markdown goes, and the headings written so far.
struct Output<'a> {
    out: &'a mut dyn Write,
    started: bool,
    headings: headings::Headings,
}

impl Output<'_> {
    fn push(&mut self, block: String) -> io::Result<()> {
        if self.started {
            self.out.write_all(b"\n\n")?;
        }
        self.started = true;
        self.out.write_all(self.headings.unique(block).as_bytes())
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
