//! Wrapping the write-up preview (see [`crate::model::text::wrap`]), for text whose line count must be
//! known before it is drawn (scrolling the write-up, keeping a selected
//! warning or next step in view).

pub use crate::model::text::wrap;

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
    fn continuation_lines_hang_under_the_item() {
        assert_eq!(hang_of("- item"), 2);
        assert_eq!(hang_of("12. item"), 4);
        assert_eq!(hang_of("plain"), 0);
    }
}
