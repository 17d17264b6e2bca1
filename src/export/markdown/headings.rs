//! Headings a linter accepts: no two with the same text (markdownlint's
//! no-duplicate-heading), whatever the users called their sessions.

use std::collections::BTreeSet;

/// The headings seen so far in one document, as the document is written
/// block by block.
#[derive(Default)]
pub struct Headings {
    seen: BTreeSet<String>,
}

impl Headings {
    /// The block as it is written: a heading whose text an earlier heading
    /// already has gets " (2)", " (3)", ... appended. A block is a heading
    /// when it starts with '#': user text never does, since
    /// [`super::escape`] escapes a leading '#'.
    pub fn unique(&mut self, block: String) -> String {
        let Some((marks, text)) = block.split_once(' ') else {
            return block;
        };
        if !marks.starts_with('#') || !marks.chars().all(|c| c == '#') {
            return block;
        }
        if self.seen.insert(text.to_lowercase()) {
            return block;
        }
        let unique = (2..)
            .map(|n| format!("{text} ({n})"))
            .find(|candidate| !self.seen.contains(&candidate.to_lowercase()))
            .unwrap_or_else(|| text.to_string());
        self.seen.insert(unique.to_lowercase());
        format!("{marks} {unique}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_headings_are_numbered_and_other_blocks_left_alone() {
        let blocks: Vec<String> = [
            "# Day",
            "## Programme",
            "## Open data",
            "text",
            "## Open data",
            "### open data",
            "## Open data (2)",
            "#hashtag",
        ]
        .map(String::from)
        .to_vec();
        let mut headings = Headings::default();
        let blocks: Vec<String> = blocks.into_iter().map(|b| headings.unique(b)).collect();
        assert_eq!(
            blocks,
            [
                "# Day",
                "## Programme",
                "## Open data",
                "text",
                "## Open data (2)",
                "### open data (3)",
                "## Open data (2) (2)",
                "#hashtag",
            ]
        );
    }
}
