//! The write-up as one page per session, so that each group gets its own
//! notes back, and an index with the rest of the write-up and a link to each.

use super::front::slot_when;
use super::{Block, Document, Inline, Line, Section, SectionKind, Target, WriteUp, WriteUpOptions};
use crate::export::format;
use crate::model::slug::slugify;
use crate::model::{Event, Id, Session};

/// A split write-up: the index, then one page per session in programme
/// order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitWriteUp {
    pub index: Document,
    pub pages: Vec<SplitPage>,
}

/// One session's page. `stem` is a plain file name without its extension:
/// lower-case letters, digits and hyphens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitPage {
    pub stem: String,
    pub document: Document,
}

/// The index's file name without its extension.
pub const INDEX: &str = "index";

/// What markdownlint's descriptive-link-text rule (and WCAG's link purpose)
/// rejects as a link's text.
const VAGUE_LINK_TEXT: [&str; 4] = ["click here", "here", "link", "more"];

/// The index, then `<nn>-<slot>-<room>-<title>` for each session in
/// programme order.
pub fn split(event: &Event, options: &WriteUpOptions) -> SplitWriteUp {
    let shown = crate::export::view::shown(event, options.public);
    let event: &Event = &shown;
    let write_up = WriteUp::new(event, options);
    let sessions = event.sessions_in_order();
    let width = sessions.len().to_string().len().max(2);
    let named: Vec<(String, &Id, &Session)> = (sessions.iter().enumerate())
        .map(|(i, (id, s))| (stem(event, i + 1, width, s), *id, *s))
        .collect();
    let mut index = write_up.index(&named);
    index.pages = (named.iter())
        .map(|(stem, id, _)| ((*id).clone(), stem.clone()))
        .collect();
    let pages = (named.iter())
        .map(|(stem, id, session)| SplitPage {
            stem: stem.clone(),
            document: write_up.session_page(id, session),
        })
        .collect();
    SplitWriteUp { index, pages }
}

/// "03-round-1-library-open-standards".
fn stem(event: &Event, n: usize, width: usize, session: &Session) -> String {
    let slot = match event.slots.get(&session.slot) {
        Some(slot) if !slot.label.trim().is_empty() => slugify(&slot.label),
        Some(slot) => slugify(&slot.start.format("%H%M").to_string()),
        None => "no-slot".to_string(),
    };
    let room = (event.rooms.get(&session.room)).map_or("no-room".to_string(), |r| slugify(&r.name));
    let title = slugify(event.session_title(session));
    format!("{n:0width$}-{slot}-{room}-{title}")
}

impl WriteUp<'_> {
    fn index(&self, named: &[(String, &Id, &Session)]) -> Document {
        let (title, intro) = self.title();
        let mut sections = self.front();
        sections.push(self.programme());
        if !named.is_empty() {
            let items = (named.iter())
                .map(|(stem, id, session)| {
                    let mut title = self.heading_title(id, session);
                    if VAGUE_LINK_TEXT.contains(&title.plain().to_lowercase().as_str()) {
                        title = Line::our("Session: ").and(title);
                    }
                    let link = Inline::link(title, Target::Page(stem.clone()));
                    Line(vec![link])
                        .and_our(": ")
                        .and(self.where_and_when_of(session))
                })
                .collect();
            sections.push(Section {
                kind: SectionKind::Sessions,
                heading: Line::our("Sessions"),
                blocks: vec![Block::List(items)],
            });
        }
        sections.extend(self.back());
        self.document(title, intro, sections)
    }

    fn session_page(&self, id: &Id, session: &Session) -> Document {
        let info = &self.event.info;
        let name = super::text::line(&info.name);
        let mut from = match (name.is_empty(), info.date) {
            (false, Some(date)) => Line::our("From ")
                .and(Line::user(name))
                .and_our(format!(", {}. ", format::long_date(date))),
            (false, None) => Line::our("From ").and(Line::user(name)).and_our(". "),
            (true, _) => Line::default(),
        };
        from.0
            .push(Inline::link(Line::our("Back to the index"), Target::Index));
        let mut intro = vec![Block::Paragraph(from.and_our("."))];
        let section = self.session(id, session);
        intro.extend(section.blocks);
        let mut sections = Vec::new();
        if self.options.with_notes {
            let notes = self.notes_of(id);
            if !notes.is_empty() {
                sections.push(Section {
                    kind: SectionKind::Notes,
                    heading: Line::our("Notes"),
                    blocks: vec![Block::List(notes)],
                });
            }
        }
        self.document(section.heading, intro, sections)
    }

    /// "Library, Round 1, 10:30am to 11:15am".
    fn where_and_when_of(&self, session: &Session) -> Line {
        let room =
            (self.event.rooms.get(&session.room)).map(|r| Line::user(super::text::line(&r.name)));
        let slot = self.event.slots.get(&session.slot).map(slot_when);
        let parts: Vec<Line> = room
            .into_iter()
            .chain(slot)
            .filter(|p| !p.is_empty())
            .collect();
        if parts.is_empty() {
            Line::our("not yet placed in the programme")
        } else {
            Line::joined(parts, ", ")
        }
    }
}
