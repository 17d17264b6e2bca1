//! The split write-up as Markdown files: `index.md` and one file per
//! session (see [`crate::export::write_up::split`]).

use crate::export::SplitFile;
use crate::export::write_up::{self, WriteUpOptions};
use crate::model::Event;

/// `index.md`, then `<nn>-<slot>-<room>-<title>.md` for each session in
/// programme order.
pub fn split(event: &Event, options: &WriteUpOptions) -> Vec<SplitFile> {
    let split = write_up::split(event, options);
    let mut files = vec![SplitFile {
        name: format!("{}.md", write_up::INDEX),
        text: super::render(split.index),
    }];
    files.extend(split.pages.into_iter().map(|page| SplitFile {
        name: format!("{}.md", page.stem),
        text: super::render(page.document),
    }));
    files
}
