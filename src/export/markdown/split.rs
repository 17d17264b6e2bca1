//! The write-up as one file per session, so that each group gets its own
//! notes back, and an index with the rest of the write-up and a link to each.

use super::{WriteUp, bullets, document, escape, format, slot_when};
use crate::export::MarkdownOptions;
use crate::model::slug::slugify;
use crate::model::{Event, Id, Session};

/// One file of a split write-up. `name` is a plain file name, never a
/// path: lower-case letters, digits, hyphens and ".md".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitFile {
    pub name: String,
    pub text: String,
}

/// What markdownlint's descriptive-link-text rule rejects as a link's text.
const VAGUE_LINK_TEXT: [&str; 4] = ["click here", "here", "link", "more"];

/// `index.md`, then `<nn>-<slot>-<room>-<title>.md` for each session in
/// programme order.
pub fn split(event: &Event, options: &MarkdownOptions) -> Vec<SplitFile> {
    let shown = crate::export::view::shown(event, options.public);
    let event: &Event = &shown;
    let write_up = WriteUp::new(event, options);
    let sessions = event.sessions_in_order();
    let width = sessions.len().to_string().len().max(2);
    let named: Vec<(String, &Id, &Session)> = (sessions.iter().enumerate())
        .map(|(i, (id, s))| (file_name(event, i + 1, width, s), *id, *s))
        .collect();
    let mut files = vec![SplitFile {
        name: "index.md".to_string(),
        text: write_up.index(&named),
    }];
    for (name, id, session) in &named {
        files.push(SplitFile {
            name: name.clone(),
            text: write_up.session_file(id, session),
        });
    }
    files
}

/// "03-round-1-library-open-standards.md".
fn file_name(event: &Event, n: usize, width: usize, session: &Session) -> String {
    let slot = match event.slots.get(&session.slot) {
        Some(slot) if !slot.label.trim().is_empty() => slugify(&slot.label),
        Some(slot) => slugify(&slot.start.format("%H%M").to_string()),
        None => "no-slot".to_string(),
    };
    let room = (event.rooms.get(&session.room)).map_or("no-room".to_string(), |r| slugify(&r.name));
    let title = slugify(event.session_title(session));
    format!("{n:0width$}-{slot}-{room}-{title}.md")
}

impl WriteUp<'_> {
    fn index(&self, named: &[(String, &Id, &Session)]) -> String {
        let mut blocks = self.front();
        blocks.extend(self.programme());
        if !named.is_empty() {
            let items = named
                .iter()
                .map(|(name, id, session)| {
                    let mut title = self.heading_title(id, session);
                    if VAGUE_LINK_TEXT.contains(&title.to_lowercase().as_str()) {
                        title = format!("Session: {title}");
                    }
                    format!("[{title}]({name}): {}", self.where_and_when_of(session))
                })
                .collect();
            blocks.push("## Sessions".to_string());
            blocks.push(bullets(items));
        }
        blocks.extend(self.back());
        document(blocks)
    }

    fn session_file(&self, id: &Id, session: &Session) -> String {
        let mut blocks = vec![format!("# {}", self.heading_title(id, session))];
        let info = &self.event.info;
        let name = escape::inline(&info.name);
        let from = match (name.is_empty(), info.date) {
            (false, Some(date)) => format!("From {name}, {}.", format::long_date(date)),
            (false, None) => format!("From {name}."),
            (true, _) => String::new(),
        };
        blocks.push(
            format!("{from} [Back to the index](index.md).")
                .trim()
                .to_string(),
        );
        blocks.extend(self.session(id, session).into_iter().skip(1));
        if self.options.with_notes {
            let notes = self.notes_of(id);
            if !notes.is_empty() {
                blocks.push("## Notes".to_string());
                blocks.push(bullets(notes));
            }
        }
        document(blocks)
    }

    /// "Library, Round 1, 10:30am to 11:15am".
    fn where_and_when_of(&self, session: &Session) -> String {
        let room = self
            .event
            .rooms
            .get(&session.room)
            .map(|r| escape::inline(&r.name));
        let slot = self.event.slots.get(&session.slot).map(slot_when);
        let parts: Vec<String> = room
            .into_iter()
            .chain(slot)
            .filter(|p| !p.is_empty())
            .collect();
        if parts.is_empty() {
            "not yet placed in the programme".to_string()
        } else {
            parts.join(", ")
        }
    }
}
