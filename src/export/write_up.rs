//! The write-up as data: what it says, built once from the event, whatever
//! it is rendered as. The Markdown renderer ([`super::markdown`]) and the
//! web page ([`super::html`]) each turn a [`Document`] into their markup;
//! neither decides what is said.
//!
//! User text is carried as [`Inline::User`], already on one line with
//! unprintable characters dropped ([`text`]); each renderer escapes it for
//! its own syntax. Words unconf writes itself are [`Inline::Our`].

mod closing;
mod content;
mod follow_up;
mod front;
mod session;
mod split;
pub mod text;

pub use follow_up::carried_suffix;
pub use split::{INDEX, SplitPage, SplitWriteUp, split};

use std::cell::OnceCell;
use std::collections::HashMap;

use crate::model::{Event, Id, Note};

/// What goes into the write-up. Non-exhaustive so that callers write
/// `..WriteUpOptions::default()` and keep compiling when options are added.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct WriteUpOptions {
    /// Append every note of every session, timestamped; private ones are
    /// marked, or left out when `public`.
    pub with_notes: bool,
    /// Safe to publish: the Chatham House Rule per session, no private
    /// notes, e-mail addresses and phone numbers redacted (see
    /// [`super::public_view`]).
    pub public: bool,
}

impl WriteUpOptions {
    pub fn new(with_notes: bool, public: bool) -> Self {
        WriteUpOptions { with_notes, public }
    }
}

/// A run of text and the emphasis and links inside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    /// Words unconf writes: never markup, never escaped for Markdown.
    Our(String),
    /// Text a user typed, on one line (see [`text::line`]); every renderer
    /// escapes it.
    User(String),
    Strong(Line),
    Emphasis(Line),
    /// A link to another page of the same write-up (boxed: links are few,
    /// and every other run is then the size of a string).
    Link(Box<LinkTo>),
}

/// A link's words and where it goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkTo {
    pub text: Line,
    pub to: Target,
}

impl Inline {
    pub fn link(text: Line, to: Target) -> Inline {
        Inline::Link(Box::new(LinkTo { text, to }))
    }
}

/// Where a link goes: pages of a split write-up, named without their
/// extension, which each renderer adds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Index,
    Page(String),
}

/// Runs up to which a line keeps no spare room (see [`Line::and`]).
const EXACT_RUNS: usize = 8;

/// One line of inline runs: a paragraph, a list item, a heading, a cell.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Line(pub Vec<Inline>);

impl Line {
    pub fn our(text: impl Into<String>) -> Line {
        Line(vec![Inline::Our(text.into())])
    }

    pub fn user(text: impl Into<String>) -> Line {
        Line(vec![Inline::User(text.into())])
    }

    /// `text` cleaned to one line, or `fallback` (ours) when nothing is left.
    pub fn user_or(raw: &str, fallback: &str) -> Line {
        Line::cleaned_or(text::line(raw), fallback)
    }

    /// Already-cleaned user text, or `fallback` when it is empty.
    pub fn cleaned_or(cleaned: String, fallback: &str) -> Line {
        if cleaned.is_empty() {
            Line::our(fallback)
        } else {
            Line::user(cleaned)
        }
    }

    pub fn strong(text: impl Into<String>) -> Line {
        Line(vec![Inline::Strong(Line::our(text))])
    }

    /// The line followed by `more`. Words of ours that meet are joined into
    /// one run, and the runs are kept without spare room: a write-up with
    /// notes holds a line per note, tens of thousands on a large event.
    pub fn and(mut self, more: Line) -> Line {
        let mut more = more.0.into_iter();
        if let Some(first) = more.next() {
            self = self.and_run(first);
        }
        if self.0.len() < EXACT_RUNS {
            self.0.reserve_exact(more.len());
        }
        self.0.extend(more);
        self
    }

    pub fn and_our(self, text: impl Into<String>) -> Line {
        let text = text.into();
        if text.is_empty() {
            return self;
        }
        self.and_run(Inline::Our(text))
    }

    fn and_run(mut self, run: Inline) -> Line {
        match (self.0.last_mut(), run) {
            (Some(Inline::Our(ours)), Inline::Our(more)) => ours.push_str(&more),
            (_, run) => {
                // Exactly the room needed for the short lines there are
                // many of; a long line (a list of names) grows as usual.
                if self.0.len() < EXACT_RUNS {
                    self.0.reserve_exact(1);
                }
                self.0.push(run);
            }
        }
        self
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(Inline::is_empty)
    }

    fn last_char(&self) -> Option<char> {
        self.0.iter().rev().find_map(Inline::last_char)
    }

    /// Ends the line with a full stop unless it already ends with one, a
    /// question mark or an exclamation mark (titles often do).
    pub fn sentence(self) -> Line {
        match self.last_char() {
            Some('.' | '?' | '!' | '…') => self,
            _ => self.and_our("."),
        }
    }

    /// The lines joined by `between`.
    pub fn joined(lines: Vec<Line>, between: &str) -> Line {
        let mut joined = Line::default();
        for (i, line) in lines.into_iter().enumerate() {
            if i > 0 {
                joined = joined.and_our(between);
            }
            joined = joined.and(line);
        }
        joined
    }

    /// "A", "A and B", "A, B and C". No Oxford comma, as in the seed article.
    pub fn and_list(mut lines: Vec<Line>) -> Line {
        let Some(last) = lines.pop() else {
            return Line::default();
        };
        if lines.is_empty() {
            return last;
        }
        Line::joined(lines, ", ").and_our(" and ").and(last)
    }

    /// The text a reader sees, without markup.
    pub fn plain(&self) -> String {
        self.0.iter().map(Inline::plain).collect()
    }
}

impl Inline {
    fn is_empty(&self) -> bool {
        match self {
            Inline::Our(t) | Inline::User(t) => t.is_empty(),
            Inline::Strong(l) | Inline::Emphasis(l) => l.is_empty(),
            Inline::Link(link) => link.text.is_empty(),
        }
    }

    fn last_char(&self) -> Option<char> {
        match self {
            Inline::Our(t) | Inline::User(t) => t.chars().next_back(),
            Inline::Strong(l) | Inline::Emphasis(l) => l.last_char(),
            Inline::Link(link) => link.text.last_char(),
        }
    }

    fn plain(&self) -> String {
        match self {
            Inline::Our(t) | Inline::User(t) => t.clone(),
            Inline::Strong(l) | Inline::Emphasis(l) => l.plain(),
            Inline::Link(link) => link.text.plain(),
        }
    }
}

/// A block of the write-up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A heading inside a section (the appendix's one per session): level 3.
    Subheading(Line),
    Paragraph(Line),
    List(Vec<Line>),
    Programme(Programme),
}

/// A section under its own level-2 heading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub kind: SectionKind,
    pub heading: Line,
    pub blocks: Vec<Block>,
}

/// What a section is, for renderers that lay sections out differently
/// (a web page prints each session on a page of its own).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SectionKind {
    AtAGlance,
    WhatHappenedSince,
    Programme,
    Session(Id),
    /// The split index's list of session pages.
    Sessions,
    Decisions,
    Unscheduled,
    Appendix,
    /// A session page's own notes.
    Notes,
}

/// A whole write-up, or one page of a split one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The level-1 heading.
    pub title: Line,
    /// What comes before the first section: the facts, the description.
    pub intro: Vec<Block>,
    pub sections: Vec<Section>,
    /// The event's name, for a page title; empty when it has none.
    pub event_name: String,
    pub public: bool,
    /// Sessions that have a page of their own (a split write-up), so that
    /// the programme can link to them.
    pub pages: Vec<(Id, String)>,
}

/// The programme: rooms as columns, slots as rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Programme {
    pub rooms: Vec<Line>,
    pub slots: Vec<ProgrammeSlot>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgrammeSlot {
    /// "10:30am to 11:15am".
    pub times: String,
    /// The slot's label, or its kind when it has none.
    pub label: Line,
    /// Set when the whole group spends the slot together and no session
    /// is placed in it.
    pub together: Option<Together>,
    /// A plenary or a break: the slot is meant for everyone at once.
    pub whole_group: bool,
    /// What runs in each room, in the order of [`Programme::rooms`].
    pub rooms: Vec<Vec<Listed>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Together {
    WholeGroup,
    Break,
}

impl Together {
    pub fn words(self) -> &'static str {
        match self {
            Together::WholeGroup => "Whole group",
            Together::Break => "Break",
        }
    }
}

/// A session as the programme lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listed {
    pub session: Id,
    pub title: Line,
}

/// The write-up of an event. The same event always gives the same document.
pub fn write_up(event: &Event, options: &WriteUpOptions) -> Document {
    let shown = crate::export::view::shown(event, options.public);
    let event: &Event = &shown;
    let write_up = WriteUp::new(event, options);
    let (title, intro) = write_up.title();
    let mut sections = write_up.front();
    sections.push(write_up.programme());
    for (id, session) in event.sessions_in_order() {
        sections.push(write_up.session(id, session));
    }
    sections.extend(write_up.back());
    sections.extend(write_up.appendix());
    write_up.document(title, intro, sections)
}

/// The programme alone, as a wall poster shows it.
pub fn programme(event: &Event, options: &WriteUpOptions) -> Document {
    let shown = crate::export::view::shown(event, options.public);
    let event: &Event = &shown;
    let write_up = WriteUp::new(event, options);
    let (title, _) = write_up.title();
    let facts = write_up.facts().map(Block::Paragraph).into_iter().collect();
    write_up.document(title, facts, vec![write_up.programme()])
}

/// Appended wherever a record with several current versions shows, so that
/// staff resolve it before the write-up goes out.
const CONFLICT: &str = " (conflicting versions: check before publishing)";

/// One write-up being made; each section is a method returning its blocks.
pub(super) struct WriteUp<'a> {
    event: &'a Event,
    options: &'a WriteUpOptions,
    /// Every session's notes, gathered on first use (see [`WriteUp::taken`]).
    taken: OnceCell<HashMap<&'a Id, Vec<(&'a Id, &'a Note)>>>,
}

impl<'a> WriteUp<'a> {
    /// `event` must already be the public view when `options.public`.
    pub(super) fn new(event: &'a Event, options: &'a WriteUpOptions) -> Self {
        WriteUp {
            event,
            options,
            taken: OnceCell::new(),
        }
    }

    /// The notes of a session in the order they were taken, as
    /// [`Event::notes_of`] gives them. A write-up reads every note of every
    /// session, some twice: they are gathered in one pass over the notes
    /// rather than each looked up by id, whose cost grows with the event
    /// (a large event's export spent a seventh of its time on it).
    fn taken(&self, session: &Id) -> &[(&'a Id, &'a Note)] {
        let taken = self.taken.get_or_init(|| {
            let mut taken: HashMap<&Id, Vec<(&Id, &Note)>> = HashMap::new();
            for (id, note) in self.event.notes.iter() {
                taken.entry(&note.session).or_default().push((id, note));
            }
            for notes in taken.values_mut() {
                // The order of the event's index of notes by session.
                notes.sort_by(|(a, x), (b, y)| (x.taken_at, a).cmp(&(y.taken_at, b)));
            }
            taken
        });
        taken.get(session).map_or(&[], Vec::as_slice)
    }

    fn document(&self, title: Line, intro: Vec<Block>, sections: Vec<Section>) -> Document {
        Document {
            title,
            intro,
            sections,
            event_name: text::line(&self.event.info.name),
            public: self.options.public,
            pages: Vec::new(),
        }
    }

    fn flag(&self, id: &Id) -> &'static str {
        if self.event.is_conflicted(id) {
            CONFLICT
        } else {
            ""
        }
    }
}

fn section(kind: SectionKind, heading: &str, blocks: Vec<Block>) -> Section {
    Section {
        kind,
        heading: Line::our(heading),
        blocks,
    }
}

/// A bold lead-in ("Key points:") and the list it introduces. A bold line
/// ending in a colon is a lead-in, not a stand-in heading (markdownlint's
/// no-emphasis-as-heading).
fn led_list(lead: &str, items: Vec<Line>) -> [Block; 2] {
    [Block::Paragraph(Line::strong(lead)), Block::List(items)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_get_one_full_stop_whatever_run_ends_them() {
        let plain = |line: Line| line.sentence().plain();
        assert_eq!(plain(Line::user("Done")), "Done.");
        assert_eq!(plain(Line::user("Done.")), "Done.");
        assert_eq!(plain(Line::our("Why ").and(Line::user("now?"))), "Why now?");
        assert_eq!(plain(Line::user("Wait").and(Line::user(""))), "Wait.");
    }

    #[test]
    fn lists_of_lines_read_as_prose() {
        let names = |names: &[&str]| names.iter().map(|n| Line::user(*n)).collect::<Vec<_>>();
        assert_eq!(Line::and_list(names(&[])).plain(), "");
        assert_eq!(Line::and_list(names(&["techUK"])).plain(), "techUK");
        assert_eq!(
            Line::and_list(names(&["A", "B", "C"])).plain(),
            "A, B and C"
        );
        assert_eq!(Line::joined(names(&["A", "B"]), "; ").plain(), "A; B");
    }

    #[test]
    fn our_words_that_meet_are_one_run_and_user_text_stays_its_own() {
        let line = Line::our("10:32am, ")
            .and_our("idea")
            .and(Line::our(", ").and(Line::user("Sam")))
            .and_our("")
            .and(Line::user("Who?"))
            .and_our(": ")
            .and(Line::our("end"));
        assert_eq!(
            line.0,
            [
                Inline::Our("10:32am, idea, ".into()),
                Inline::User("Sam".into()),
                Inline::User("Who?".into()),
                Inline::Our(": end".into()),
            ]
        );
        assert_eq!(line.plain(), "10:32am, idea, SamWho?: end");
        // No spare room is kept for runs that will never come.
        assert_eq!(line.0.capacity(), line.0.len());
    }

    #[test]
    fn a_link_is_no_larger_than_a_run_of_text() {
        assert!(std::mem::size_of::<Inline>() <= 32);
        let link = Inline::link(Line::our("Back"), Target::Index);
        assert_eq!(Line(vec![link]).and_our(".").plain(), "Back.");
    }
}
