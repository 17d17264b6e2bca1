//! The arguments of `unconf export` (see args.rs for the rest of the
//! grammar).

use std::path::PathBuf;

use clap::{Args, ValueEnum};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The event.
    pub event: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Md)]
    pub format: ExportFormat,
    /// Safe to publish: no names in Chatham House sessions, no private
    /// notes, e-mail addresses and phone numbers redacted.
    #[arg(long)]
    pub public: bool,
    /// Add every session's full, timestamped notes as an appendix.
    #[arg(long)]
    pub with_notes: bool,
    /// One Markdown file per session plus index.md, in a folder (default:
    /// exports/<event>/).
    #[arg(long)]
    pub split: bool,
    /// A file, a folder, or - for standard output (default: ./exports if it
    /// exists, else the data directory's exports/).
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The Markdown write-up.
    Md,
    /// The programme as an iCalendar file.
    Ics,
    /// The actions register as CSV.
    Csv,
    /// The whole event as JSON (see docs/FORMATS.md).
    Json,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Md => "md",
            ExportFormat::Ics => "ics",
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
        }
    }

    /// What the file holds, for messages.
    pub fn what(self) -> &'static str {
        match self {
            ExportFormat::Md => "the write-up",
            ExportFormat::Ics => "the calendar",
            ExportFormat::Csv => "the actions register",
            ExportFormat::Json => "the event as JSON",
        }
    }
}
