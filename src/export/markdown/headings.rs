//! Headings a linter accepts: no two with the same text (markdownlint's
//! no-duplicate-heading), whatever the users called their sessions.

use std::collections::BTreeSet;

/// Appends " (2)", " (3)", ... to a heading whose text an earlier heading
/// already has. A block is a heading when it starts with '#': user text
/// never does, since [`super::escape`] escapes a leading '#'.
pub fn make_unique(blocks: &mut [String]) {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for block in blocks.iter_mut() {
        let Some((marks, text)) = block.split_once(' ') else {
            continue;
        };
        if !marks.starts_with('#') || !marks.chars().all(|c| c == '#') {
            continue;
        }
        let key = text.to_lowercase();
        if seen.insert(key.clone()) {
            continue;
        }
        let unique = (2..)
            .map(|n| format!("{text} ({n})"))
            .find(|candidate| !seen.contains(&candidate.to_lowercase()))
            .unwrap_or_else(|| text.to_string());
        seen.insert(unique.to_lowercase());
        *block = format!("{marks} {unique}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_headings_are_numbered_and_other_blocks_left_alone() {
        let mut blocks: Vec<String> = [
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
        make_unique(&mut blocks);
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
