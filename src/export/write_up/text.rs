//! User text made fit for any write-up: on one line, without the control
//! and invisible characters that have no place in a published document.
//! Renderers then escape it for their own syntax.

use crate::model::text;

/// One line of user text, for a heading, a bullet, a table cell or the start
/// of a paragraph: unprintable characters dropped, each run of whitespace
/// (newlines too) one space, none at either end. One pass, as every line of
/// a big write-up goes through it.
pub fn line(raw: &str) -> String {
    if is_plain_line(raw) {
        return raw.to_owned();
    }
    let mut out = String::with_capacity(raw.len());
    let mut space = false;
    for c in raw.chars() {
        if is_unprintable(c) {
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Printable text with single spaces between words: already one line as
/// [`line`] makes it, as most notes are. Only checked, which costs far less
/// than building the line again character by character.
fn is_plain_line(raw: &str) -> bool {
    if raw.starts_with(' ') || raw.ends_with(' ') {
        return false;
    }
    let mut after_space = false;
    for c in raw.chars() {
        if c == ' ' {
            if after_space {
                return false;
            }
            after_space = true;
        } else if c.is_ascii_graphic()
            || (!c.is_ascii() && !c.is_whitespace() && !is_unprintable(c))
        {
            after_space = false;
        } else {
            return false;
        }
    }
    true
}

/// Punctuation that a heading does not end with (markdownlint's
/// no-trailing-punctuation, and GOV.UK style). A question mark is fine.
const HEADING_END: [char; 10] = ['.', ',', ';', ':', '!', '。', '，', '；', '：', '！'];

/// One line of user text for a heading: as [`line`], without trailing
/// punctuation.
pub fn heading(raw: &str) -> String {
    let mut line = line(raw);
    while let Some(trimmed) = line.strip_suffix(HEADING_END) {
        line = trimmed.trim_end().to_string();
    }
    line
}

/// Multi-line user text (a summary, a description) as paragraphs, each on
/// one line. Blank lines separate paragraphs; the lines of one paragraph are
/// joined, because a later line could otherwise start a block of its own.
pub fn paragraphs(raw: &str) -> Vec<String> {
    let normalised = raw.replace("\r\n", "\n").replace('\r', "\n");
    let mut found = Vec::new();
    let mut current = String::new();
    for raw_line in normalised.split('\n') {
        let visible: String = raw_line.chars().filter(|c| !is_unprintable(*c)).collect();
        if visible.trim().is_empty() {
            push_paragraph(&mut found, &mut current);
        } else {
            current.push(' ');
            current.push_str(&visible);
        }
    }
    push_paragraph(&mut found, &mut current);
    found
}

fn push_paragraph(found: &mut Vec<String>, current: &mut String) {
    let paragraph = line(current);
    if !paragraph.is_empty() {
        found.push(paragraph);
    }
    current.clear();
}

/// Characters that have no place in a published document: controls (escape
/// sequences, NUL, which CommonMark would turn into U+FFFD) and the invisible
/// formatting characters that can make text look like something it is not.
/// Whitespace controls (newlines, tabs) are kept: they separate words.
fn is_unprintable(c: char) -> bool {
    (c.is_control() && !c.is_whitespace()) || text::is_invisible_format(c)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// The one-pass flattening says the same as dropping unprintable
        /// characters and then collapsing whitespace, for any text.
        #[test]
        fn flatten_is_filter_then_one_line(raw in "(\\PC|\\s|[\u{0}-\u{1f}\u{7f}-\u{9f}\u{200b}-\u{200f}\u{202a}-\u{202e}\u{2066}-\u{2069}\u{feff}]){0,40}") {
            let visible: String = raw.chars().filter(|c| !is_unprintable(*c)).collect();
            prop_assert_eq!(line(&raw), crate::model::text::one_line(&visible));
        }

        /// The same for mostly plain ASCII, where lines already flat are
        /// taken as they are: runs of spaces, tabs and newlines anywhere,
        /// control characters now and then.
        #[test]
        fn plain_ascii_lines_are_flattened_alike(raw in "([ -~]|  |\t|\n|\u{7f}|\u{1}){0,40}") {
            let visible: String = raw.chars().filter(|c| !is_unprintable(*c)).collect();
            prop_assert_eq!(line(&raw), crate::model::text::one_line(&visible));
        }
    }

    #[test]
    fn headings_lose_trailing_punctuation_but_not_question_marks() {
        assert_eq!(heading("Let's fix it!"), "Let's fix it");
        assert_eq!(heading("Done. !\u{200b} "), "Done");
        assert_eq!(heading("Why now?"), "Why now?");
        assert_eq!(heading("..."), "");
    }

    #[test]
    fn paragraphs_are_split_on_blank_lines_and_joined_within() {
        assert_eq!(
            paragraphs("one\ntwo\n\n\n three \r\n\u{1b}\r\nfour"),
            ["one two", "three", "four"]
        );
        assert!(paragraphs(" \n\n \u{1b}\n").is_empty());
    }
}
