//! Small text helpers shared by the screens, the CLI and the exports,
//! among them the one place that cuts and wraps text to a width: always in
//! terminal columns (a CJK character takes two), never in characters.

use unicode_truncate::UnicodeTruncateStr;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Makes user text safe to print to a terminal: control characters (escape
/// sequences, BEL, backspace, carriage returns), bidirectional overrides and
/// zero-width characters are replaced by visible stand-ins, so a pitch title
/// can never move the cursor or change the terminal.
pub fn inert(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_inert(&mut out, c);
    }
    out
}

/// As [`inert`], for one line: newlines and tabs become spaces too.
pub fn inert_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\t' => out.push(' '),
            '\r' => {}
            _ => push_inert(&mut out, c),
        }
    }
    out
}

fn push_inert(out: &mut String, c: char) {
    match c {
        '\n' | '\t' => out.push(c),
        // C0 controls shown as their Unicode control pictures (U+2400..).
        '\u{0}'..='\u{1f}' => {
            out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'));
        }
        '\u{7f}' => out.push('\u{2421}'),
        '\u{80}'..='\u{9f}' => out.push('\u{fffd}'),
        c if is_invisible_format(c) => out.push('\u{fffd}'),
        _ => out.push(c),
    }
}

/// Characters that change the direction or joining of text, or have no width
/// and no glyph: they can make text look like something it is not.
pub fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
            | '\u{061c}'
            | '\u{00ad}'
    )
}

/// How many terminal columns text takes: wide characters (CJK, most emoji)
/// count two, combining and zero-width characters none.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Cuts text to at most `max` columns, ending with an ellipsis when cut. A
/// wide character is never split: the cut falls before it.
pub fn fit(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let (head, _) = text.unicode_truncate(max - 1);
    format!("{head}…")
}

/// Word-wraps one line of text to `width` columns, at spaces where it can
/// and inside a word where it must; continuation rows start with `hang`
/// spaces, so list items keep their shape. Spaces inside a row are kept,
/// those at a break dropped. Always gives at least one row.
pub fn wrap(text: &str, width: usize, hang: usize) -> Vec<String> {
    wrap_rows(text, width, width, hang)
}

/// As [`wrap`], with a first row of its own width (after a label or a tag)
/// and no hang.
pub fn wrap_after(text: &str, first: usize, width: usize) -> Vec<String> {
    wrap_rows(text, first, width, 0)
}

/// Wraps into at most `rows` rows (first `first` columns wide, the rest
/// `width`); the last row ends with an ellipsis when text is left over.
pub fn wrap_cut(text: &str, first: usize, width: usize, rows: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text.trim();
    while out.len() < rows && !rest.is_empty() {
        let room = if out.is_empty() { first } else { width };
        let row = wrap_rows(rest, room, room, 0).swap_remove(0);
        let after = rest.strip_prefix(row.as_str()).map(str::trim_start);
        match after {
            // The last row takes as much of what is left as fits.
            Some(after) if out.len() + 1 < rows && !after.is_empty() && !row.is_empty() => {
                out.push(row);
                rest = after;
            }
            _ => {
                out.push(fit(rest, room));
                break;
            }
        }
    }
    out
}

fn wrap_rows(text: &str, first: usize, width: usize, hang: usize) -> Vec<String> {
    let first = first.max(1);
    let width = width.max(1);
    let hang = if hang >= width { 0 } else { hang };
    let mut rows: Vec<String> = Vec::new();
    let mut row = String::new();
    let mut used: usize = 0;
    let mut room = first;
    // True while the row holds no word yet: spaces before the first word of
    // a continuation row are dropped, those inside a row are kept.
    let mut fresh = true;
    let mut first_row = true;
    let next_row = |rows: &mut Vec<String>, row: &mut String, used: &mut usize| {
        rows.push(std::mem::replace(row, " ".repeat(hang)));
        *used = hang;
    };
    for (spaces, word) in words(text) {
        let word_width = UnicodeWidthStr::width(word);
        let gap = if fresh && !first_row { 0 } else { spaces };
        if used + gap + word_width > room && !fresh {
            next_row(&mut rows, &mut row, &mut used);
            room = width;
            fresh = true;
            first_row = false;
        }
        let gap = if fresh && !first_row {
            0
        } else {
            spaces.min(room - 1)
        };
        row.push_str(&" ".repeat(gap));
        used += gap;
        if used + word_width <= room {
            row.push_str(word);
            used += word_width;
            fresh = fresh && word.is_empty();
            continue;
        }
        for c in word.chars() {
            let w = c.width().unwrap_or(0);
            if used + w > room && !fresh {
                next_row(&mut rows, &mut row, &mut used);
                room = width;
                first_row = false;
            }
            row.push(c);
            used += w;
            fresh = false;
        }
    }
    rows.push(row);
    rows
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

/// The text with its first letter in upper case, to start a sentence with
/// "pitch \"Open data\"".
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Collapses runs of whitespace (including newlines) into single spaces.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_bells_become_visible_stand_ins() {
        let shown = inert("a\u{1b}[2Jb\u{7}c\u{8}");
        assert!(!shown.chars().any(|c| c.is_control()));
        assert_eq!(shown, "a\u{241b}[2Jb\u{2407}c\u{2408}");
    }

    #[test]
    fn bidi_overrides_and_zero_width_characters_are_replaced() {
        let shown = inert("abc\u{202e}def\u{200b}");
        assert_eq!(shown, "abc\u{fffd}def\u{fffd}");
    }

    #[test]
    fn inert_line_flattens_newlines_and_tabs() {
        assert_eq!(inert_line("a\nb\tc\r"), "a b c");
    }

    #[test]
    fn emoji_and_cjk_pass_through() {
        assert_eq!(inert("会議 🎉"), "会議 🎉");
    }

    #[test]
    fn fit_marks_the_cut() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn fit_counts_columns_and_never_splits_a_wide_character() {
        assert_eq!(fit("会議の進め方", 12), "会議の進め方");
        assert_eq!(fit("会議の進め方", 6), "会議…");
        assert_eq!(fit("会議の進め方", 5), "会議…");
        assert_eq!(width(&fit("会議の進め方について", 9)), 9);
        assert!(width(&fit("🎉🎉🎉🎉", 5)) <= 5);
    }

    #[test]
    fn words_wrap_at_spaces() {
        assert_eq!(wrap("one two three", 7, 0), ["one two", "three"]);
        assert_eq!(wrap("one two three", 20, 0), ["one two three"]);
    }

    #[test]
    fn continuation_rows_hang_under_the_item() {
        assert_eq!(wrap("- one two three", 9, 2), ["- one two", "  three"]);
    }

    #[test]
    fn long_words_are_cut_and_nothing_is_lost() {
        assert_eq!(wrap("abcdefghij", 4, 0), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 10, 0), [""]);
    }

    #[test]
    fn wrapping_counts_wide_characters_as_two_columns() {
        assert_eq!(wrap("会議 会議", 4, 0), ["会議", "会議"]);
        assert_eq!(wrap("会議会議", 3, 0), ["会", "議", "会", "議"]);
    }

    #[test]
    fn spaces_inside_a_row_are_kept_and_dropped_at_a_break() {
        assert_eq!(wrap("  indented", 20, 0), ["  indented"]);
        assert_eq!(wrap("CLASH    Room", 20, 0), ["CLASH    Room"]);
        assert_eq!(wrap("one    two", 5, 2), ["one", "  two"]);
    }

    #[test]
    fn a_first_row_of_its_own_width() {
        assert_eq!(wrap_after("ab cd", 2, 5), ["ab", "cd"]);
        assert_eq!(wrap_after("one two three", 3, 20), ["one", "two three"]);
    }

    #[test]
    fn fitting_counts_wide_characters_as_two_columns() {
        assert_eq!(fit("会議会議", 5), "会議…");
        assert_eq!(fit("会議会議", 4), "会…");
        assert_eq!(fit("🎉🎉", 2), "…");
        for max in 0..12 {
            assert!(width(&fit("会a議b🎉c", max)) <= max);
        }
    }

    #[test]
    fn wrapping_into_rows_breaks_at_spaces_and_cuts_the_last_row() {
        assert_eq!(
            wrap_cut("Open standards for planning", 14, 14, 2),
            ["Open standards", "for planning"]
        );
        assert_eq!(
            wrap_cut("Open standards for planning", 12, 14, 2),
            ["Open", "standards for…"]
        );
        assert_eq!(wrap_cut("Open standards", 20, 20, 2), ["Open standards"]);
        assert_eq!(
            wrap_cut("Supercalifragilistic idea", 8, 8, 2),
            ["Supercal", "ifragil…"]
        );
        assert_eq!(wrap_cut("会議の 設計です", 7, 7, 2), ["会議の", "設計で…"]);
        assert!(wrap_cut("anything", 5, 5, 0).is_empty());
    }

    #[test]
    fn wrapping_into_few_rows_ends_with_an_ellipsis() {
        assert_eq!(wrap_cut("one two three", 7, 7, 3), ["one two", "three"]);
        assert_eq!(wrap_cut("one two three four", 7, 7, 1), ["one tw…"]);
        assert_eq!(
            wrap_cut("one two three four", 7, 7, 2),
            ["one two", "three …"]
        );
        assert!(wrap_cut("", 7, 7, 2).is_empty());
    }
}
