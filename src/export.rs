//! Write-ups and other formats: pure functions from the merged event to text.
//!
//! Every format takes the public view of the event ([`public_view`]) when it
//! is to be published, so the Chatham House Rule, private notes and
//! redaction are decided in one place.

pub mod csv;
mod escape;
mod format;
pub mod html;
pub mod ics;
pub mod json;
mod likely_names;
mod markdown;
mod names;
pub mod personal;
mod public;
pub mod redact;
mod register;
pub mod view;
pub mod write_up;

pub use markdown::{markdown, split, write as write_markdown};
pub use public::public_view;
pub use register::{Register, actions_register, register};
pub use write_up::{WriteUpOptions, carried_suffix};

/// The name exports of an event take, before the extension: its folder's
/// name, with `-public` for the version safe to publish. The command line
/// and the Export screen both name files this way.
pub fn file_stem(folder_name: &str, public: bool) -> String {
    if public {
        format!("{folder_name}-public")
    } else {
        folder_name.to_string()
    }
}

/// One file of a split write-up. `name` is a plain file name, never a
/// path: lower-case letters, digits, hyphens and an extension.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitFile {
    pub name: String,
    pub text: String,
}
