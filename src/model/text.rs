//! Small text helpers shared by the screens, the CLI and the exports.

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

/// Shortens text to at most `max` characters, ending with an ellipsis when cut.
pub fn truncate(text: &str, max: usize) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() && max > 0 {
        let mut head: String = head.chars().take(max - 1).collect();
        head.push('…');
        head
    } else {
        head
    }
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
    fn truncate_marks_the_cut() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
        assert_eq!(truncate("abc", 0), "");
    }
}
