//! The web page read back with a real HTML parser: its structure, and
//! whatever users typed coming out as text, never as markup.

use proptest::prelude::*;
use scraper::{ElementRef, Html, Selector};

use super::{html, poster, split};
use crate::export::WriteUpOptions;
use crate::export::markdown::fixture::{self, Fixture};
use crate::export::write_up::text;
use crate::model::{Event, EventInfo, NoteKind, Session, SlotKind};

fn select<'d>(document: &'d Html, css: &str) -> Vec<ElementRef<'d>> {
    let selector = Selector::parse(css).unwrap_or_else(|e| panic!("{css}: {e}"));
    document.select(&selector).collect()
}

fn text_of(element: &ElementRef) -> String {
    element.text().collect()
}

/// One h1, headings that never skip a level going down, `lang`, a
/// captioned programme with scoped header cells, no script, and links
/// only within the write-up.
fn assert_well_formed(page: &str) {
    let document = Html::parse_document(page);
    assert!(document.errors.is_empty(), "{:?}", document.errors);
    let html_lang = select(&document, "html[lang='en-GB']");
    assert_eq!(html_lang.len(), 1, "lang");
    assert_eq!(select(&document, "h1").len(), 1, "one h1");
    let mut level = 0;
    for heading in select(&document, "h1, h2, h3, h4, h5, h6") {
        let this = heading.value().name()[1..].parse::<u32>().unwrap_or(9);
        assert!(
            this <= level + 1,
            "h{level} then h{this}: {}",
            text_of(&heading)
        );
        level = this;
    }
    for landmark in ["header", "main", "footer"] {
        assert_eq!(select(&document, landmark).len(), 1, "{landmark}");
    }
    for table in select(&document, "table") {
        let caption = Selector::parse("caption").unwrap_or_else(|e| panic!("{e}"));
        assert!(table.select(&caption).next().is_some(), "a caption");
    }
    for th in select(&document, "th") {
        assert!(
            matches!(th.value().attr("scope"), Some("col" | "row")),
            "{}",
            th.html()
        );
    }
    assert!(select(&document, "script, img, iframe, object, embed, link").is_empty());
    for element in select(&document, "*") {
        for (name, value) in element.value().attrs() {
            assert!(
                !name.starts_with("on"),
                "{name} on {}",
                element.value().name()
            );
            if matches!(name, "href" | "src") {
                let local = value.starts_with('#')
                    || (value.ends_with(".html") && !value.contains(':') && !value.contains('/'));
                assert!(local, "{name}={value:?} leaves the write-up");
            }
        }
    }
}

#[test]
fn the_page_has_the_structure_assistive_technology_needs() {
    let event = fixture::supplier_day().event();
    for options in [
        WriteUpOptions::default(),
        WriteUpOptions::new(true, false),
        WriteUpOptions::new(true, true),
    ] {
        assert_well_formed(&html(&event, &options));
        assert_well_formed(&poster(&event, &options));
        for file in split(&event, &options) {
            assert_well_formed(&file.text);
        }
    }
    let page = Html::parse_document(&html(&event, &WriteUpOptions::default()));
    let rooms: Vec<String> = select(&page, "thead th[scope='col']")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(rooms, ["Time", "Main hall", "Library"]);
    let across = select(&page, "tr.whole-group td[colspan='2']");
    assert_eq!(across.len(), 2, "the plenary and the lunch span both rooms");
    assert!(
        !select(&page, "nav a[href='#programme']").is_empty(),
        "contents"
    );
}

#[test]
fn the_split_index_links_each_session_page_and_each_links_back() {
    let event = fixture::supplier_day().event();
    let files = split(&event, &WriteUpOptions::default());
    let index = Html::parse_document(&files[0].text);
    assert_eq!(files[0].name, "index.html");
    let links: Vec<String> = select(&index, "section ul a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(String::from))
        .collect();
    let pages: Vec<&str> = files[1..].iter().map(|f| f.name.as_str()).collect();
    assert_eq!(links, pages);
    for file in &files[1..] {
        assert!(
            file.text
                .contains("<a href=\"index.html\">Back to the index</a>")
        );
    }
}

/// HTML tricks, an ampersand that looks like an entity, right-to-left
/// text and emoji.
const HOSTILE: [&str; 5] = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "fish &amp; chips & peas",
    "مرحبا (hello) שלום",
    "🎉 party 👩🏽‍💻",
];

fn hostile_event() -> Event {
    let mut day = Fixture::new();
    day.info(EventInfo {
        name: HOSTILE.join(" "),
        venue: HOSTILE[1].into(),
        organisers: HOSTILE.iter().map(|h| h.to_string()).collect(),
        description: HOSTILE.join("\n\n"),
        ..EventInfo::default()
    });
    let room = day.room(HOSTILE[1], 0);
    let slot = day.slot((10, 0), (11, 0), HOSTILE[0], SlotKind::Breakout);
    let pitches = HOSTILE.map(|title| day.pitch(title, &[(HOSTILE[3], Some(HOSTILE[2]))], 1));
    for (i, pitch) in pitches.iter().enumerate() {
        let session = day.session(Session {
            pitches: vec![pitch.clone()],
            slot: slot.clone(),
            room: room.clone(),
            summary: HOSTILE[i].into(),
            ..Session::default()
        });
        day.note(&session, (10, 5), NoteKind::Quote, HOSTILE[i]);
    }
    day.event()
}

#[test]
fn hostile_text_comes_out_as_the_text_typed() {
    let event = hostile_event();
    let page = html(&event, &WriteUpOptions::new(true, false));
    assert_well_formed(&page);
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(page.contains("fish &amp;amp; chips &amp; peas"));
    let document = Html::parse_document(&page);
    // As typed, less the invisible characters every write-up drops (the
    // emoji's zero-width joiner among them); sessions in one slot and room
    // are listed in their own order.
    let typed = |wrap: fn(String) -> String| {
        let mut typed: Vec<String> = HOSTILE.iter().map(|h| wrap(text::line(h))).collect();
        typed.sort();
        typed
    };
    let mut headings: Vec<String> = select(&document, "section.session h2")
        .iter()
        .map(text_of)
        .collect();
    headings.sort();
    assert_eq!(headings, typed(|h| h));
    let bdi: Vec<String> = select(&document, "bdi").iter().map(text_of).collect();
    assert!(bdi.iter().all(|b| super::has_right_to_left(b)), "{bdi:?}");
    assert!(
        bdi.iter().any(|b| b == HOSTILE[3]),
        "right-to-left text is isolated"
    );
    let mut quotes: Vec<String> = select(&document, "section.session li")
        .iter()
        .map(text_of)
        .collect();
    quotes.sort();
    // A quote loses the quote marks the note-taker typed around it.
    assert_eq!(quotes, typed(|h| format!("“{}”", h.trim_matches('"'))));
}

proptest! {
    /// Whatever is typed as a title and a summary reads back from the parsed
    /// page as exactly that text, on one line: a heading, a programme cell
    /// and a paragraph.
    #[test]
    fn any_text_reads_back_as_text(raw in "(\\PC|[<>&\"'/=;#\\[\\]]){0,40}") {
        let mut day = Fixture::new();
        day.info(EventInfo { name: "Day".into(), ..EventInfo::default() });
        let room = day.room("Hall", 0);
        let slot = day.slot((10, 0), (11, 0), "Round 1", SlotKind::Breakout);
        let pitch = day.pitch(&raw, &[], 0);
        day.session(Session {
            pitches: vec![pitch],
            slot,
            room,
            summary: raw.clone(),
            ..Session::default()
        });
        let page = html(&day.event(), &WriteUpOptions::default());
        let document = Html::parse_document(&page);
        prop_assert!(document.errors.is_empty(), "{:?}", document.errors);
        let heading = match text::heading(&raw) {
            title if title.is_empty() => "Untitled session".to_string(),
            title => title,
        };
        let h2 = select(&document, "section.session h2");
        prop_assert_eq!(text_of(&h2[0]), heading);
        let line = text::line(&raw);
        let cell = select(&document, "td[data-room]");
        let listed = if line.is_empty() { "Untitled session".to_string() } else { line.clone() };
        prop_assert_eq!(text_of(&cell[0]), listed);
        let paragraphs: Vec<String> = select(&document, "section.session p").iter().map(text_of).collect();
        prop_assert!(line.is_empty() || paragraphs.contains(&line), "{:?} not in {:?}", line, paragraphs);
    }
}
