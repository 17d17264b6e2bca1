//! Word wrapping to a display width, for text whose line count must be
//! known before it is drawn (scrolling the write-up, keeping a selected
//! warning or next step in view).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Splits one line of text into lines at most `width` columns wide, at
/// spaces where it can and inside a word where it must. Continuation lines
/// start with `hang` spaces, so list items keep their shape. Always gives
/// at least one line.
pub fn wrap(text: &str, width: usize, hang: usize) -> Vec<String> {
    let width = width.max(1);
    let hang = if hang >= width { 0 } else { hang };
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    // True while the line holds no word yet: spaces before the first word of
    // a continuation line are dropped, those inside a line are kept.
    let mut fresh = true;
    let mut first_line = true;
    for (spaces, word) in words(text) {
        let word_width = word.width();
        let gap = if fresh && !first_line { 0 } else { spaces };
        if used + gap + word_width > width && !fresh {
            lines.push(std::mem::replace(&mut line, " ".repeat(hang)));
            used = hang;
            fresh = true;
            first_line = false;
        }
        let gap = if fresh && !first_line {
            0
        } else {
            spaces.min(width - 1)
        };
        line.push_str(&" ".repeat(gap));
        used += gap;
        if used + word_width <= width {
            line.push_str(word);
            used += word_width;
            fresh = fresh && word.is_empty();
            continue;
        }
        for c in word.chars() {
            let w = c.width().unwrap_or(0);
            if used + w > width && !fresh {
                lines.push(std::mem::replace(&mut line, " ".repeat(hang)));
                used = hang;
                first_line = false;
            }
            line.push(c);
            used += w;
            fresh = false;
        }
    }
    lines.push(line);
    lines
}

/// The words of a line, each with the number of spaces before it.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let word_start = rest.len() - rest.trim_start_matches(' ').len();
        let after = &rest[word_start..];
        let word_len = after.find(' ').unwrap_or(after.len());
        out.push((word_start, &after[..word_len]));
        rest = &after[word_len..];
    }
    out
}

/// How far continuation lines of a Markdown line are indented: under the
/// text of a list item, flush otherwise.
pub fn hang_of(line: &str) -> usize {
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    if trimmed.starts_with("- ") || trimmed.starts_with("* ") {
        return indent + 2;
    }
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && trimmed[digits..].starts_with(". ") {
        return indent + digits + 2;
    }
    indent
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_wrap_at_spaces() {
        assert_eq!(wrap("one two three", 7, 0), ["one two", "three"]);
        assert_eq!(wrap("one two three", 20, 0), ["one two three"]);
    }

    #[test]
    fn continuation_lines_hang_under_the_item() {
        assert_eq!(wrap("- one two three", 9, 2), ["- one two", "  three"]);
        assert_eq!(hang_of("- item"), 2);
        assert_eq!(hang_of("12. item"), 4);
        assert_eq!(hang_of("plain"), 0);
    }

    #[test]
    fn long_words_are_cut_and_nothing_is_lost() {
        let lines = wrap("abcdefghij", 4, 0);
        assert_eq!(lines, ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 10, 0), [""]);
    }

    #[test]
    fn wide_characters_count_two_columns() {
        assert_eq!(wrap("会議 会議", 4, 0), ["会議", "会議"]);
    }

    #[test]
    fn spaces_inside_a_line_are_kept_and_dropped_at_a_break() {
        assert_eq!(wrap("  indented", 20, 0), ["  indented"]);
        assert_eq!(wrap("CLASH    Room", 20, 0), ["CLASH    Room"]);
        assert_eq!(wrap("one    two", 5, 2), ["one", "  two"]);
    }
}
