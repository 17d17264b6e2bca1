//! Turning user text into Markdown that can only ever be read as plain text.
//!
//! Everything a user typed (titles, names, notes, summaries) reaches the
//! write-up through [`inline`]. Whatever was typed, the
//! result cannot open a heading, list, block quote, code block, table cell,
//! raw HTML, link, image, emphasis or entity; it renders as the characters
//! that were typed, minus control and invisible characters.

use super::write_up::text;

/// One line of user text, for a heading, a bullet, a table cell or the start
/// of a paragraph. Line breaks and runs of whitespace become single spaces
/// ([`text::line`]).
///
/// `|` is always escaped, so the result is also safe inside a table cell.
pub fn inline(raw: &str) -> String {
    escape_line(&text::line(raw))
}

/// Escapes one already-flattened line, as little as CommonMark needs for it
/// to read as the characters typed: a backslash copied into a rich-text
/// editor shows, so none is written where it changes nothing.
///
/// Always escaped: '`' and '*' (code and emphasis), '|' (table cells), '~'
/// (strikethrough, which most renderers have), and '$', '^', '{' and '}' (maths,
/// superscript and heading attributes, which some add). Escaped where they could
/// mean something: '_' unless inside a word, ']' when a link or definition
/// could follow, '<' before what could be a tag or autolink, '&' before an
/// entity, '\' before punctuation or at the end, '#' and '>' at the start
/// (or '#' closing a heading), list and rule markers at the start, and
/// "://", "www." and "@" in addresses, which would otherwise become links
/// (markdownlint's no-bare-urls).
fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 8 + 2);
    let list_dot = ordered_list_marker(line);
    let mut chars = line.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let escape = match c {
            '`' | '*' | '|' | '~' => true,
            // Maths, superscript and heading attributes, which renderers
            // such as GitHub's add; rare enough in prose to escape always.
            '$' | '^' | '{' | '}' => true,
            // A task box ("[ ]") at the start of an item, a wiki link
            // ("[[") or a footnote ("[^").
            '[' => {
                let task = ["[ ]", "[x]", "[X]"].iter().any(|t| line.starts_with(t));
                (at == 0 && task) || matches!(next, Some('[' | '^'))
            }
            // A backslash only escapes punctuation; at the very end it
            // would escape the line break after it.
            '\\' => next.is_none_or(|n| n.is_ascii_punctuation()),
            // Inside a word an underscore cannot open or close emphasis.
            '_' => !(word(prev) && word(next)),
            // "[text]" is only a link with "(" or "[" after it, or a
            // definition with ":"; no definitions are ever written.
            ']' => matches!(next, Some('(' | '[' | ':')),
            // A tag, comment, declaration or processing instruction, a URI
            // autolink ("<https:…>"), or an email autolink, whose address
            // may start with any of these ("<&@w>" is a mailto link).
            '<' => next
                .is_some_and(|n| n.is_ascii_alphanumeric() || "/!?.#$%&'*+=^_`{|}~-".contains(n)),
            // An entity needs a name or number straight after the '&'.
            '&' => next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'),
            // A heading at the start; a closing sequence at the end.
            '#' => at == 0 || (prev == Some(' ') && line[at..].chars().all(|n| n == '#')),
            '>' => at == 0,
            // A list item or a rule ("- x", "+ x", "---", "===").
            '-' | '+' | '=' => at == 0 && next.is_none_or(|n| n == ' ' || n == c),
            // A definition list's ':' at the start.
            ':' => at == 0 || line[at..].starts_with("://"),
            '.' => Some(at) == list_dot || starts_www(line, at),
            ')' => Some(at) == list_dot,
            // "name@example.org" would become a mailto link.
            '@' => prev.is_some_and(|p| p.is_alphanumeric() || "._+-".contains(p)),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// Whether the '.' at `at` ends a "www" that starts a word.
fn starts_www(line: &str, at: usize) -> bool {
    let Some(start) = at.checked_sub(3) else {
        return false;
    };
    line.get(start..at)
        .is_some_and(|w| w.eq_ignore_ascii_case("www"))
        && line[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// Where the '.' or ')' of an ordered-list marker ("1. ", "2018)") sits
/// when the line starts with one; "3.5 hours" does not.
fn ordered_list_marker(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let marker = matches!(bytes.get(digits), Some(b'.' | b')'));
    let ends_marker = bytes.get(digits + 1).is_none_or(|b| *b == b' ');
    (digits > 0 && marker && ends_marker).then_some(digits)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const HEADING_END: [char; 10] = ['.', ',', ';', ':', '!', '。', '，', '；', '：', '！'];

    fn flatten(raw: &str) -> String {
        text::line(raw)
    }

    /// A heading's user text as the Markdown write-up writes it.
    fn heading(raw: &str) -> String {
        escape_line(&text::heading(raw))
    }

    /// A summary's paragraphs as the Markdown write-up writes them.
    fn paragraphs(raw: &str) -> Vec<String> {
        text::paragraphs(raw).iter().map(|p| inline(p)).collect()
    }

    /// The text a CommonMark renderer (with tables and strikethrough, as
    /// GitHub and most sites have) reads from `markdown`, or the first
    /// thing it read as markup beyond the blocks the write-up writes.
    pub(crate) fn rendered_text(markdown: &str) -> Result<String, String> {
        use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
        let mut text = String::new();
        for event in Parser::new_ext(markdown, options) {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::Start(
                    Tag::Paragraph
                    | Tag::Heading { .. }
                    | Tag::List(_)
                    | Tag::Item
                    | Tag::Table(_)
                    | Tag::TableHead
                    | Tag::TableRow
                    | Tag::TableCell,
                )
                | Event::End(
                    TagEnd::Paragraph
                    | TagEnd::Heading(_)
                    | TagEnd::List(_)
                    | TagEnd::Item
                    | TagEnd::Table
                    | TagEnd::TableHead
                    | TagEnd::TableRow
                    | TagEnd::TableCell,
                ) => {}
                other => return Err(format!("{other:?} in {markdown:?}")),
            }
        }
        Ok(text)
    }

    const TRICKY: &str = "[a-c _*`#>\\-+=.:)(\\[\\]!<&@/|~1w\\\\'%?]{0,24}";

    proptest! {
        /// Whatever was typed reads back as exactly the characters typed
        /// (on one line) in a paragraph, a list item, a table cell and a
        /// heading: the escaping keeps the meaning, and only what
        /// CommonMark needs is escaped, since a backslash that changes
        /// nothing would be read back as itself.
        #[test]
        fn escaped_text_renders_as_typed(raw in TRICKY) {
            let flat = flatten(&raw);
            let line = inline(&raw);
            prop_assume!(!line.is_empty());
            prop_assert_eq!(rendered_text(&line), Ok(flat.clone()));
            prop_assert_eq!(rendered_text(&format!("- {line}")), Ok(flat.clone()));
            let table = format!("| a |\n| --- |\n| {line} |\n");
            prop_assert_eq!(rendered_text(&table), Ok(format!("a{flat}")));
            let title = heading(&raw);
            if !title.is_empty() {
                let mut trimmed = flat.clone();
                while let Some(t) = trimmed.strip_suffix(HEADING_END) {
                    trimmed = t.trim_end().to_string();
                }
                prop_assert_eq!(rendered_text(&format!("## {title}")), Ok(trimmed));
            }
        }
    }

    /// Found by the property above: an email autolink's address may start
    /// with punctuation.
    #[test]
    fn an_address_in_angle_brackets_is_not_a_link() {
        for raw in ["<&@w>", "<'a@b.org>", "<1@w>", "<-@w>", "<%@w>"] {
            let line = inline(raw);
            assert_eq!(rendered_text(&line), Ok(raw.to_string()), "{raw} as {line}");
        }
    }

    #[test]
    fn ordinary_prose_is_left_alone() {
        let prose = "Suppliers large and small (2-3 per table) said: it's 50% done, isn't it? Yes.";
        assert_eq!(inline(prose), prose);
        assert_eq!(inline("techUK & MHCLG"), "techUK & MHCLG");
        assert_eq!(inline("Great!"), "Great!");
    }

    #[test]
    fn inline_punctuation_is_escaped_everywhere() {
        assert_eq!(inline("a *b* _c_ snake_case"), r"a \*b\* \_c\_ snake_case");
        assert_eq!(inline("`code`"), r"\`code\`");
        assert_eq!(
            inline("[a](javascript:alert(1))"),
            r"[a\](javascript:alert(1))"
        );
        assert_eq!(inline("![i](x)"), r"![i\](x)");
        assert_eq!(
            inline("x [a][b] [c]: d [[w]] [^1]"),
            r"x [a\][b] [c\]: d \[[w]] \[\^1]"
        );
        assert_eq!(inline("[ ] task"), r"\[ ] task");
        assert_eq!(
            inline("[name removed] and #wellbeing"),
            "[name removed] and #wellbeing"
        );
        assert_eq!(inline("<script>"), r"\<script>");
        assert_eq!(inline("<https://x>"), r"\<https\://x>");
        assert_eq!(inline("<!-- -->"), r"\<!-- -->");
        assert_eq!(inline("a < b > c"), "a < b > c");
        assert_eq!(inline("| a | b |"), r"\| a \| b \|");
        assert_eq!(
            inline("~~gone~~ $x$ ^sup^ {#id}"),
            r"\~\~gone\~\~ \$x\$ \^sup\^ \{#id\}"
        );
        assert_eq!(inline(r"back\slash"), r"back\slash");
        assert_eq!(inline(r"not \*bold\* \"), r"not \\\*bold\\\* \\");
    }

    #[test]
    fn headings_lose_trailing_punctuation_but_keep_questions() {
        assert_eq!(heading("Let's fix it!"), "Let's fix it");
        assert_eq!(heading("Done. !\u{200b} "), "Done");
        assert_eq!(heading("1."), "1");
        assert_eq!(heading("foo &amp;"), r"foo \&amp");
        assert_eq!(heading("Tag #"), r"Tag \#");
        assert_eq!(heading("Why now?"), "Why now?");
        assert_eq!(heading("..."), "");
    }

    #[test]
    fn bare_links_and_addresses_stay_plain_text() {
        assert_eq!(inline("see https://x.org/a"), r"see https\://x.org/a");
        assert_eq!(inline("www.x.org and awww.b"), r"www\.x.org and awww.b");
        assert_eq!(inline("mail sam@x.org"), r"mail sam\@x.org");
        assert_eq!(inline("meet @ 10, @sam"), "meet @ 10, @sam");
        assert_eq!(inline("ratio 2:1, 10:30"), "ratio 2:1, 10:30");
    }

    #[test]
    fn entities_are_escaped_only_where_they_could_start() {
        assert_eq!(inline("&amp; &#38; &x"), r"\&amp; \&#38; \&x");
        assert_eq!(inline("fish & chips &"), "fish & chips &");
    }

    #[test]
    fn block_markers_are_neutralised_at_the_start_only() {
        assert_eq!(inline("# x"), r"\# x");
        assert_eq!(inline("> quote"), r"\> quote");
        assert_eq!(inline("- item"), r"\- item");
        assert_eq!(inline("+ item"), r"\+ item");
        assert_eq!(inline("==="), r"\===");
        assert_eq!(inline("---"), r"\---");
        assert_eq!(inline("***"), r"\*\*\*");
        assert_eq!(inline("1. list"), r"1\. list");
        assert_eq!(inline("2018) list"), r"2018\) list");
        assert_eq!(inline("```rust"), r"\`\`\`rust");
        assert_eq!(inline("~~~"), r"\~\~\~");
        assert_eq!(inline("a - b + c = d. 1. e"), "a - b + c = d. 1. e");
        assert_eq!(inline("-1 and +2"), "-1 and +2");
        assert_eq!(inline("3.5 hours"), "3.5 hours");
        assert_eq!(inline("1."), r"1\.");
        assert_eq!(inline(": definition"), r"\: definition");
    }

    #[test]
    fn indents_and_line_breaks_are_flattened() {
        assert_eq!(inline("    indented code"), "indented code");
        assert_eq!(inline("one\ntwo\r\n\tthree  "), "one two three");
        assert_eq!(inline("a\n# b\n> c"), "a # b > c");
    }

    #[test]
    fn control_and_invisible_characters_are_stripped() {
        assert_eq!(inline("a\u{1b}[2Jb\u{7}c\u{0}"), "a[2Jbc");
        assert_eq!(inline("abc\u{202e}def\u{200b}"), "abcdef");
        assert_eq!(inline("\u{200b}- x"), r"\- x");
        assert_eq!(inline("会議 🎉"), "会議 🎉");
    }

    #[test]
    fn paragraphs_are_split_on_blank_lines_and_each_escaped() {
        let text = "First line\n- still first\n\n  \n# Second\r\n\r\n\u{7}\nThird";
        assert_eq!(
            paragraphs(text),
            vec![r"First line - still first", r"\# Second", "Third"]
        );
        assert!(paragraphs("").is_empty());
        assert!(paragraphs(" \n\n \u{1b}\n").is_empty());
    }
}
