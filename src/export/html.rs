//! The write-up as a web page: one self-contained file (its style inline, no
//! scripts, nothing loaded from elsewhere), in the same words as the
//! Markdown, since both render one [`Document`].
//!
//! The markup carries the meaning on its own (headings, lists, a table with
//! a caption and header cells), so that the page reads the same pasted into
//! a rich-text editor, which drops the style. All text goes through `maud`,
//! which escapes it.

mod poster_size;
mod programme;
#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::SplitFile;
use super::write_up::{
    self, Block, Document, Inline, Line, Section, SectionKind, Target, WriteUpOptions,
};
use crate::model::slug::slugify;
use crate::model::{Event, Id};

/// The page's style: GOV.UK-like type, a programme that becomes one list per
/// slot on a phone, and print rules.
const STYLE: &str = include_str!("html/style.css");
/// The poster's own page size and type, after [`STYLE`].
const POSTER_STYLE: &str = include_str!("html/poster.css");

/// The write-up of an event as one web page. The same event always gives
/// the same bytes.
pub fn html(event: &Event, options: &WriteUpOptions) -> String {
    let document = write_up::write_up(event, options);
    page(&document, Kind::Whole)
}

/// The programme as a wall poster, for A3 landscape.
pub fn poster(event: &Event, options: &WriteUpOptions) -> String {
    let document = write_up::programme(event, options);
    page(&document, Kind::Poster)
}

/// `index.html`, then one page per session, named as the Markdown files
/// are.
pub fn split(event: &Event, options: &WriteUpOptions) -> Vec<SplitFile> {
    let split = write_up::split(event, options);
    let mut files = vec![SplitFile {
        name: format!("{}.html", write_up::INDEX),
        text: page(&split.index, Kind::Index),
    }];
    files.extend(split.pages.iter().map(|page_of| SplitFile {
        name: format!("{}.html", page_of.stem),
        text: page(&page_of.document, Kind::SessionPage),
    }));
    files
}

/// Which page is being made: they differ in their title, their contents
/// list and where the programme's sessions link to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Whole,
    Index,
    SessionPage,
    Poster,
}

/// Where links go on one page.
struct Links {
    /// Each session's place: an anchor on this page, or its own page.
    sessions: Vec<(Id, String)>,
}

impl Links {
    fn target(&self, to: &Target) -> String {
        match to {
            Target::Index => format!("{}.html", write_up::INDEX),
            Target::Page(stem) => format!("{stem}.html"),
        }
    }

    fn session(&self, id: &Id) -> Option<&str> {
        (self.sessions.iter())
            .find(|(session, _)| session == id)
            .map(|(_, href)| href.as_str())
    }
}

fn page(document: &Document, kind: Kind) -> String {
    let anchors = anchors(&document.sections);
    let links = Links {
        sessions: match kind {
            Kind::Whole => (document.sections.iter().zip(&anchors))
                .filter_map(|(section, anchor)| match &section.kind {
                    SectionKind::Session(id) => Some((id.clone(), format!("#{anchor}"))),
                    _ => None,
                })
                .collect(),
            Kind::Index => (document.pages.iter())
                .map(|(id, stem)| (id.clone(), format!("{stem}.html")))
                .collect(),
            Kind::SessionPage | Kind::Poster => Vec::new(),
        },
    };
    let title = page_title(document, kind);
    let style = style(document, kind);
    let markup = html! {
        (DOCTYPE) "\n"
        html lang="en-GB" {
            "\n" head {
                "\n" meta charset="utf-8";
                "\n" meta name="viewport" content="width=device-width, initial-scale=1";
                "\n" title { (title) }
                "\n" meta name="generator" content="unconf";
                "\n" style { "\n" (PreEscaped(style)) }
                "\n"
            }
            "\n" body class=[(kind == Kind::Poster).then_some("poster")] {
                "\n" a.skip-link href="#content" { "Skip to main content" }
                "\n" header.masthead {
                    p { (masthead(document, kind)) }
                }
                "\n" main #content {
                    "\n" h1 { (line(&document.title, &links)) }
                    "\n"
                    @for block in &document.intro {
                        (self::block(block, &links)) "\n"
                    }
                    @if kind == Kind::Whole || kind == Kind::Index {
                        (contents(&document.sections, &anchors, &links))
                    }
                    @for (section, anchor) in document.sections.iter().zip(&anchors) {
                        (self::section(section, anchor, &links, kind)) "\n"
                    }
                }
                "\n" footer.footer {
                    p { (footer(document.public, kind)) }
                }
                "\n"
            }
            "\n"
        }
        "\n"
    };
    markup.into_string()
}

/// The style, with the programme's tables stacked on any screen too narrow
/// for its rooms side by side.
fn style(document: &Document, kind: Kind) -> String {
    let programmes: Vec<&write_up::Programme> = (document.sections.iter())
        .flat_map(|section| &section.blocks)
        .filter_map(|block| match block {
            Block::Programme(programme) => Some(programme),
            _ => None,
        })
        .collect();
    let rooms = (programmes.iter())
        .map(|programme| programme.rooms.len())
        .max()
        .unwrap_or(0);
    let breakpoint = (12 + 8 * rooms).max(40);
    let style = STYLE.replacen(
        "(max-width: 40em) { /* stack */",
        &format!("(max-width: {breakpoint}em) {{"),
        1,
    );
    match kind {
        Kind::Poster => {
            let poster = POSTER_STYLE.replacen(
                "(min-width: 40.0625em) { /* table */",
                &format!("(min-width: {breakpoint}.0625em) {{"),
                1,
            );
            // Titles as large as the rooms side by side leave room for on
            // A3, so that no word is broken, and as the rows of a long day
            // leave room for on the one sheet.
            let (most_pt, title_rem) = match rooms {
                0..=3 => (28, "2"),
                4..=5 => (20, "1.5"),
                6..=8 => (13, "1"),
                _ => (11, "1"),
            };
            let title_pt = (programmes.iter())
                .map(|programme| poster_size::title_points(programme, most_pt))
                .min()
                .unwrap_or(most_pt);
            let slot_mm = (programmes.iter())
                .map(|programme| poster_size::slot_column(programme))
                .max()
                .unwrap_or(40);
            format!(
                "{style}{poster}@media print {{ .poster .programme td {{ font-size: {title_pt}pt; }} .poster .programme thead th:first-child {{ width: {slot_mm}mm; }} }}\n\
                 @media screen {{ .poster .programme td {{ font-size: {title_rem}rem; }} }}\n"
            )
        }
        _ => style,
    }
}

/// "Open data – Supplier day": the page, then the event it is from.
fn page_title(document: &Document, kind: Kind) -> String {
    let event = match document.event_name.as_str() {
        "" => "Untitled event",
        name => name,
    };
    match kind {
        Kind::Whole | Kind::Index => format!("{event}: write-up"),
        Kind::SessionPage => format!("{} – {event}", document.title.plain()),
        Kind::Poster => format!("Programme – {event}"),
    }
}

fn masthead(document: &Document, kind: Kind) -> String {
    let what = match kind {
        Kind::Poster => "programme",
        _ => "write-up",
    };
    let public = if document.public {
        ", public version"
    } else {
        ""
    };
    match document.event_name.as_str() {
        "" => format!("Untitled event: {what}{public}"),
        name => format!("{name}: {what}{public}"),
    }
}

fn footer(public: bool, kind: Kind) -> &'static str {
    if kind == Kind::Poster {
        // The programme names no one: no version to warn about.
        "Made with unconf."
    } else if public {
        "Public version, safe to publish: no one is named in sessions held under the \
         Chatham House Rule, private notes are left out, and e-mail addresses and phone \
         numbers are removed. Written up with unconf."
    } else {
        "Internal version, for the organisers: it may name people in sessions held under \
         the Chatham House Rule and show private notes. Publish the public version \
         instead. Written up with unconf."
    }
}

/// One unique `id` per section, from its heading.
fn anchors(sections: &[Section]) -> Vec<String> {
    let mut taken: BTreeSet<String> = ["content", "contents"].map(String::from).into();
    (sections.iter())
        .map(|section| {
            let base = slugify(&section.heading.plain());
            let anchor = (1..)
                .map(|n| match n {
                    1 => base.clone(),
                    n => format!("{base}-{n}"),
                })
                .find(|candidate| !taken.contains(candidate))
                .unwrap_or_default();
            taken.insert(anchor.clone());
            anchor
        })
        .collect()
}

/// A list of the sections, where there are enough to need one.
fn contents(sections: &[Section], anchors: &[String], links: &Links) -> Markup {
    if sections.len() < 3 {
        return html! {};
    }
    html! {
        nav.contents aria-labelledby="contents" {
            "\n" h2 #contents { "Contents" }
            "\n" ul {
                @for (section, anchor) in sections.iter().zip(anchors) {
                    "\n" li { a href={ "#" (anchor) } { (line(&section.heading, links)) } }
                }
                "\n"
            }
            "\n"
        }
        "\n"
    }
}

fn section(section: &Section, anchor: &str, links: &Links, kind: Kind) -> Markup {
    let class = match section.kind {
        SectionKind::Session(_) => "session",
        // Printed on a landscape page of its own, except on the poster,
        // which is all programme.
        SectionKind::Programme if kind != Kind::Poster => "programme-section",
        _ => "part",
    };
    // The poster's only section is the programme, whose table says what
    // it is in its caption; a heading would only repeat the page's title.
    let heading = kind != Kind::Poster;
    html! {
        section class=(class) id=(anchor) {
            @if heading {
                "\n" h2 { (line(&section.heading, links)) }
            }
            "\n"
            @for block in &section.blocks {
                (self::block(block, links)) "\n"
            }
        }
    }
}

fn block(block: &Block, links: &Links) -> Markup {
    match block {
        Block::Subheading(text) => html! { h3 { (line(text, links)) } },
        Block::Paragraph(text) => html! { p { (line(text, links)) } },
        Block::List(items) => html! {
            ul {
                @for item in items {
                    "\n" li { (line(item, links)) }
                }
                "\n"
            }
        },
        Block::Programme(table) => programme::table(table, links),
    }
}

fn line(line: &Line, links: &Links) -> Markup {
    html! {
        @for run in &line.0 {
            (inline(run, links))
        }
    }
}

fn inline(run: &Inline, links: &Links) -> Markup {
    match run {
        Inline::Our(text) => html! { (text) },
        // Right-to-left text is isolated, so that the punctuation around
        // it stays where it belongs.
        Inline::User(text) if has_right_to_left(text) => html! { bdi { (text) } },
        Inline::User(text) => html! { (text) },
        Inline::Strong(text) => html! { strong { (line(text, links)) } },
        Inline::Emphasis(text) => html! { em { (line(text, links)) } },
        Inline::Link(link) => {
            html! { a href=(links.target(&link.to)) { (line(&link.text, links)) } }
        }
    }
}

/// Whether `text` has letters of a right-to-left script (Hebrew, Arabic,
/// Syriac, Thaana, N'Ko and their presentation forms, and the historic
/// scripts of the supplementary planes).
fn has_right_to_left(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(u32::from(c),
            0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
    })
}
