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
    /// notes, e-mail addresses and phone numbers redacted. The calendar is
    /// always made this way unless --internal is given.
    #[arg(long, conflicts_with = "internal")]
    pub public: bool,
    /// Everything, for the organisers: the default for every format but
    /// the calendar, which is for attendees.
    #[arg(long)]
    pub internal: bool,
    /// Which register the CSV holds (default: actions); with --format html,
    /// `programme` makes the programme alone as an A3 wall poster.
    #[arg(long, value_enum)]
    pub what: Option<RegisterArg>,
    /// Add every session's full, timestamped notes as an appendix.
    #[arg(long)]
    pub with_notes: bool,
    /// One file per session plus an index (index.md, or index.html with
    /// --format html), in a folder (default: exports/<event>/).
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
    /// The write-up as a self-contained web page.
    Html,
    /// The programme as an iCalendar file.
    Ics,
    /// A register as CSV (see --what).
    Csv,
    /// The whole event as JSON (see docs/FORMATS.md).
    Json,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Md => "md",
            ExportFormat::Html => "html",
            ExportFormat::Ics => "ics",
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
        }
    }

    /// What the file holds, for messages.
    pub fn what(self) -> &'static str {
        match self {
            ExportFormat::Md => "the write-up",
            ExportFormat::Html => "the write-up as a web page",
            ExportFormat::Ics => "the calendar",
            ExportFormat::Csv => "a register",
            ExportFormat::Json => "the event as JSON",
        }
    }
}

/// The registers `--format csv` can write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RegisterArg {
    /// Every next step, with owner, due date and status.
    Actions,
    /// Every session, plenary and break, in programme order.
    Programme,
    /// What the day agreed, with who leads it.
    Decisions,
    /// Every pitch, with its interest and what became of it.
    Pitches,
    /// Every note as it was taken.
    Notes,
}

impl ExportArgs {
    /// Whether this export is the public version: asked for, or the
    /// calendar without --internal.
    pub fn is_public(&self) -> bool {
        self.public || (self.format == ExportFormat::Ics && !self.internal)
    }

    /// Whether this is the write-up, in Markdown or as a web page.
    pub fn is_write_up(&self) -> bool {
        matches!(self.format, ExportFormat::Md | ExportFormat::Html) && !self.is_poster()
    }

    /// Whether this is the programme as a wall poster.
    pub fn is_poster(&self) -> bool {
        self.format == ExportFormat::Html && self.what == Some(RegisterArg::Programme)
    }

    /// The register `--what` names.
    pub fn register(&self) -> crate::export::Register {
        use crate::export::Register;
        match self.what.unwrap_or(RegisterArg::Actions) {
            RegisterArg::Actions => Register::Actions,
            RegisterArg::Programme => Register::Programme,
            RegisterArg::Decisions => Register::Decisions,
            RegisterArg::Pitches => Register::Pitches,
            RegisterArg::Notes => Register::Notes,
        }
    }
}
