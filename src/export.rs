//! Write-ups and other formats: pure functions from the merged event to text.

pub mod csv;
mod escape;
mod format;
mod markdown;

pub use markdown::{MarkdownOptions, markdown};
