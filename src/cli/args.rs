//! The command-line grammar (clap derive). Names, flags and exit codes are a
//! contract that scripts rely on; README.md, "Commands", lists them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::{NoteKind, SlotKind};

pub use super::export_args::ExportArgs;
use super::verb_args::{
    EventSetArgs, ListArgs, NoteEditArgs, NoteListArgs, NoteMoveArgs, PitchSetArgs, RoomSetArgs,
    SlotSetArgs, Votes, parse_votes,
};

const AFTER_HELP: &str = "\
Examples:
  unconf new \"Local digital unconference\" --date 2026-11-27 --venue \"techUK, London\"
  unconf pitch add local-digital-unconference \"Open standards\" --by \"Sam Jones\" --votes 12
  unconf schedule local-digital-unconference \"open standards\" --slot \"Round 1\" --room Library
  unconf export local-digital-unconference --with-notes

EVENT is an event folder, or the name or folder name of an event in the
sessions directory. PITCH and SESSION are an id, a unique id prefix or short id,
or a unique part of the title. Exit codes: 0 done, 1 `check` found problems,
2 bad input or an unreadable file.";

/// Run an unconference day and publish what came out of it.
///
/// With no command, prints the events in the sessions directory and how to
/// start.
#[derive(Debug, Parser)]
#[command(name = "unconf", version, about, after_help = AFTER_HELP)]
pub struct Cli {
    /// The folder that holds event folders (default: $UNCONF_HOME, else
    /// ./sessions if it exists, else the platform data directory).
    #[arg(long, global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the terminal UI on one event.
    #[command(
        after_help = "Example:\n  unconf open supplier-response-to-the-local-digital-declaration"
    )]
    Open(EventArg),
    /// Note-taker mode: one session, typing notes (--plain: line by line, for screen readers).
    #[command(
        after_help = "Plain mode (--plain, UNCONF_PLAIN=1, or `unconf settings plain on`) writes each line once, with no cursor movement or colour, for screen readers. Type a note and Enter; /help lists the commands.\n\nExamples:\n  unconf notes my-event \"vendor community\" --slot \"Round 1\"\n  unconf notes my-event \"vendor community\" --plain"
    )]
    Notes(NotesArgs),
    /// The projector view: the slot in progress and the next, large, live and read-only.
    #[command(
        after_help = "For a second laptop on the projector, reading the synced event folder: it never writes into the folder, takes no lock and asks nothing on a laptop unconf has never run on. Changes from other laptops show within about a second. q quits.\n\nRehearsing: --at HH:MM shows the event's day as from that time (in the event's time zone), with the clock running on from there and REHEARSAL in the corner; nothing is written.\n\nExamples:\n  unconf board supplier-response-to-the-local-digital-declaration\n  unconf board my-event --at 10:45"
    )]
    Board(BoardArgs),
    /// Create a new event.
    #[command(
        after_help = "Examples:\n  unconf new \"Supplier unconference\" --date 2018-10-23 --venue techUK --organiser techUK --organiser MHCLG\n  unconf new \"Co-design workshop\" --date 2018-11-20 --follow-up supplier-unconference"
    )]
    New(NewArgs),
    /// List the events in the sessions directory.
    #[command(after_help = "Example:\n  unconf list")]
    List,
    /// Change the event's details.
    #[command(subcommand)]
    Event(EventCommand),
    /// Set up rooms.
    #[command(subcommand)]
    Room(RoomCommand),
    /// Set up time slots.
    #[command(subcommand)]
    Slot(SlotCommand),
    /// Log, list and manage pitches.
    #[command(subcommand)]
    Pitch(PitchCommand),
    /// Place a pitch on the grid: a session in one slot and one room.
    #[command(
        after_help = "Example:\n  unconf schedule my-event \"vendor community\" --slot \"Round 1\" --room \"Group 1\""
    )]
    Schedule(ScheduleArgs),
    /// Take a session off the grid; one with notes or next steps is refused.
    #[command(
        after_help = "Example:\n  unconf unschedule my-event \"vendor community\" --slot \"Round 2\""
    )]
    Unschedule(SessionRef),
    /// Take notes in a session.
    #[command(subcommand)]
    Note(NoteCommand),
    /// Record a session's summary, outcome and who was there.
    #[command(subcommand)]
    Session(SessionCommand),
    /// Record next steps, and close them.
    #[command(subcommand)]
    Action(ActionCommand),
    /// The actions register: every next step with its owner and status.
    #[command(after_help = "Example:\n  unconf actions my-event")]
    Actions(EventArg),
    /// Record what the day decided.
    #[command(subcommand)]
    Decision(DecisionCommand),
    /// Look for clashes, conflicting edits, sessions without notes and unreadable files.
    #[command(
        after_help = "Exits 0 when all is well, 1 when problems were found, 2 when a file cannot be read.\n\nExample:\n  unconf check my-event"
    )]
    Check(EventArg),
    /// List conflicting versions, or keep one of them.
    #[command(
        after_help = "Without RECORD, lists every record changed on two laptops at once, with its versions numbered. With RECORD and --keep N, keeps version N: it replaces the others here, and on every laptop that gets this laptop's file.\n\nExamples:\n  unconf resolve my-event\n  unconf resolve my-event K8NBNMSZ --keep 2"
    )]
    Resolve(ResolveArgs),
    /// Write the write-up, the calendar, a register as CSV or the event as JSON.
    #[command(
        after_help = "Formats: md (the write-up), html (the write-up as a web page; with --what programme, the programme as an A3 wall poster), ics (the programme for attendees' calendars; public unless --internal), csv (a register: --what actions, programme, decisions, pitches or notes), json (the whole event).\n\nWith --public, names the event knows are removed from Chatham House sessions, and the probable names left for review are counted (`unconf check` lists them).\n\nExamples:\n  unconf export my-event --with-notes --out exports/\n  unconf export my-event --public --split\n  unconf export my-event --format html --public --out exports/\n  unconf export my-event --format html --what programme --out poster.html\n  unconf export my-event --format ics --out programme.ics\n  unconf export my-event --format csv --what programme --public"
    )]
    Export(ExportArgs),
    /// Fold another copy of the event (a folder or a zip from `pack`) into this one.
    #[command(
        after_help = "Never deletes, and is safe to repeat in any order.\n\nExample:\n  unconf merge my-event /media/usb/my-event.zip --dry-run"
    )]
    Merge(MergeArgs),
    /// Put the event's device files in one zip, for a USB stick or e-mail.
    #[command(after_help = "Example:\n  unconf pack my-event --out /media/usb/my-event.zip")]
    Pack(PackArgs),
    /// Commit this laptop's file, pull and push, when the event folder is in a git work tree.
    #[command(after_help = "Example:\n  unconf sync my-event")]
    Sync(EventArg),
    /// This laptop's settings, kept with its identity: `unconf settings plain on|off`.
    #[command(subcommand)]
    Settings(SettingsCommand),
    /// Write a generated event of any size into a new folder, for benchmarks.
    #[command(
        hide = true,
        after_help = "Deterministic: the same sizes give the same files, byte for byte. See docs/PERFORMANCE.md.\n\nExample:\n  unconf generate /tmp/large --pitches 2000 --sessions 500 --notes 50000 --devices 30"
    )]
    Generate(GenerateArgs),
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  unconf completions bash > ~/.local/share/bash-completion/completions/unconf\n  unconf completions zsh > \"${fpath[1]}/_unconf\"\n  unconf completions fish > ~/.config/fish/completions/unconf.fish\n  unconf completions powershell >> $PROFILE"
    )]
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the manual page, or write one page per command into a folder.
    #[command(
        after_help = "Examples:\n  unconf man | man -l -\n  unconf man --out ~/.local/share/man/man1"
    )]
    Man {
        /// Write unconf.1 and a page for each command (unconf-pitch-add.1 ...) here.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// The folder to write the event into; it must be missing or empty.
    pub dir: PathBuf,
    /// Pitches, titled "Generated pitch #0001" and up.
    #[arg(long, default_value_t = 200)]
    pub pitches: usize,
    /// Sessions: the first pitches, each in its own slot and room.
    #[arg(long, default_value_t = 50)]
    pub sessions: usize,
    /// Notes, dealt round the sessions.
    #[arg(long, default_value_t = 5_000)]
    pub notes: usize,
    /// Device files: one organiser's laptop and the note-takers' laptops.
    #[arg(long, default_value_t = 10)]
    pub devices: usize,
}

#[derive(Debug, Args)]
pub struct EventArg {
    /// The event: a folder, or the name of an event in the sessions directory.
    pub event: String,
}

#[derive(Debug, Args)]
pub struct BoardArgs {
    /// The event: a folder, or the name of an event in the sessions directory.
    pub event: String,
    /// Rehearse: show the day as from HH:MM, the clock running on from there.
    #[arg(long, value_name = "HH:MM")]
    pub at: Option<String>,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The event's name, e.g. "Local digital unconference".
    pub name: String,
    /// The day, as YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<chrono::NaiveDate>,
    /// Where it takes place.
    #[arg(long, value_name = "TEXT")]
    pub venue: Option<String>,
    /// An organiser (repeat for several).
    #[arg(long = "organiser", value_name = "NAME")]
    pub organisers: Vec<String>,
    /// What the day is for.
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    /// Carry over the open actions and decisions of this earlier event.
    #[arg(long, value_name = "PREVIOUS")]
    pub follow_up: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum EventCommand {
    /// Change the event's name, date, venue, time zone, description, organisers, headcount or web address.
    #[command(
        after_help = "Example:\n  unconf event set my-event --date 2026-11-27 --venue \"techUK, London\" --time-zone Europe/London --organiser techUK --organiser MHCLG --attendees 80"
    )]
    Set(EventSetArgs),
}

#[derive(Debug, Subcommand)]
pub enum RoomCommand {
    /// Add a room.
    #[command(after_help = "Example:\n  unconf room add my-event Library --capacity 20")]
    Add {
        /// The event.
        event: String,
        /// The room's name.
        name: String,
        /// How many people it seats.
        #[arg(long, value_name = "N")]
        capacity: Option<u32>,
    },
    /// List the rooms in display order.
    #[command(after_help = "Example:\n  unconf room list my-event --format csv")]
    List(ListArgs),
    /// Rename a room or change its capacity.
    #[command(
        after_help = "Example:\n  unconf room set my-event library --name \"Main library\" --capacity 24"
    )]
    Set(RoomSetArgs),
    /// Remove a room no session uses.
    #[command(
        after_help = "A room that sessions use is not removed: move or unschedule them first.\n\nExample:\n  unconf room remove my-event \"Group 4\""
    )]
    Remove {
        /// The event.
        event: String,
        /// The room: its name, or a unique part of it.
        room: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum SlotCommand {
    /// Add a time slot.
    #[command(
        after_help = "Example:\n  unconf slot add my-event 10:30 11:15 --label \"Round 1\" --kind breakout"
    )]
    Add {
        /// The event.
        event: String,
        /// Start time, HH:MM.
        #[arg(value_parser = parse_time)]
        start: chrono::NaiveTime,
        /// End time, HH:MM.
        #[arg(value_parser = parse_time)]
        end: chrono::NaiveTime,
        /// A name such as "Round 1" (default: the times).
        #[arg(long, value_name = "TEXT")]
        label: Option<String>,
        /// What happens in it.
        #[arg(long, value_enum, default_value_t = KindArg::Breakout)]
        kind: KindArg,
    },
    /// List the slots in time order.
    #[command(after_help = "Example:\n  unconf slot list my-event --format json")]
    List(ListArgs),
    /// Change a slot's times, label or kind.
    #[command(
        after_help = "Example:\n  unconf slot set my-event \"Round 1\" --start 10:45 --end 11:30 --label \"Morning round\""
    )]
    Set(SlotSetArgs),
    /// Remove a slot no session uses.
    #[command(
        after_help = "A slot that sessions use is not removed: move or unschedule them first.\n\nExample:\n  unconf slot remove my-event 12:00"
    )]
    Remove {
        /// The event.
        event: String,
        /// The slot: its label or start time (HH:MM).
        slot: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Breakout,
    Plenary,
    Break,
}

impl From<KindArg> for SlotKind {
    fn from(kind: KindArg) -> Self {
        match kind {
            KindArg::Breakout => SlotKind::Breakout,
            KindArg::Plenary => SlotKind::Plenary,
            KindArg::Break => SlotKind::Break,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum PitchCommand {
    /// Log a pitch; only the title is needed.
    #[command(
        after_help = "Example:\n  unconf pitch add my-event \"Open standards for planning\" --by \"Sam Jones\" --org \"Acme Ltd\" --votes 12 --tag standards"
    )]
    Add(PitchAddArgs),
    /// List the pitches with their interest and status.
    #[command(after_help = "Example:\n  unconf pitch list my-event --format csv > pitches.csv")]
    List {
        /// The event.
        event: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Add the pitches from a form's CSV export (Google Forms, Microsoft Forms, a spreadsheet).
    #[command(
        after_help = "Columns are found by their header, whatever its case: title (or topic, session, session title), name (pitched by, speaker, your name), organisation (organization, company), description (summary, details), votes (interest), tags. Other columns are ignored. Rows without a title, or with votes that are not a number, are listed and skipped; a title the event already has is not added twice.\n\nExample:\n  unconf pitch import my-event form-responses.csv --dry-run"
    )]
    Import {
        /// The event.
        event: String,
        /// The CSV file, UTF-8 with or without a byte-order mark.
        file: PathBuf,
        /// Show what would be imported; change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Change a pitch's title, description, pitchers, organisation, tags or interest.
    #[command(
        after_help = "Example:\n  unconf pitch set my-event \"open standards\" --title \"Open standards for planning\" --by \"Sam Jones\" --org Acme --tag standards --interest 14"
    )]
    Set(PitchSetArgs),
    /// Set a pitch's show of hands to N, or step it with +N or -N.
    #[command(
        after_help = "Example:\n  unconf pitch vote my-event \"open standards\" 14\n  unconf pitch vote my-event \"open standards\" +2"
    )]
    Vote {
        /// The event.
        event: String,
        /// The pitch: id, short id, or a unique part of its title.
        pitch: String,
        /// Hands: 12 sets the count, +3 or -1 steps it.
        #[arg(value_parser = parse_votes, allow_hyphen_values = true)]
        votes: Votes,
    },
    /// Fold a pitch into another, so it runs as part of that pitch's sessions.
    #[command(
        after_help = "Their interest is added up on every screen and export.\n\nExample:\n  unconf pitch merge my-event \"data standards\" --into \"open standards\""
    )]
    Merge {
        /// The event.
        event: String,
        /// The pitch to fold in.
        pitch: String,
        /// The pitch it joins.
        #[arg(long, value_name = "OTHER")]
        into: String,
    },
    /// Take a merged pitch out again, so it is a pitch of its own.
    #[command(after_help = "Example:\n  unconf pitch unmerge my-event \"data standards\"")]
    Unmerge {
        /// The event.
        event: String,
        /// The merged pitch: id, short id, or a unique part of its title.
        pitch: String,
    },
    /// Withdraw a pitch that is not on the grid, or bring it back with --restore.
    #[command(
        after_help = "Example:\n  unconf pitch withdraw my-event \"blockchain\"\n  unconf pitch withdraw my-event \"blockchain\" --restore"
    )]
    Withdraw {
        /// The event.
        event: String,
        /// The pitch: id, short id, or a unique part of its title.
        pitch: String,
        /// Bring a withdrawn pitch back instead.
        #[arg(long)]
        restore: bool,
    },
}

#[derive(Debug, Args)]
pub struct PitchAddArgs {
    /// The event.
    pub event: String,
    /// The pitch's title.
    pub title: String,
    /// Who pitched it (repeat for several people).
    #[arg(long = "by", value_name = "NAME")]
    pub by: Vec<String>,
    /// Their organisation.
    #[arg(long, value_name = "ORG")]
    pub org: Option<String>,
    /// What it is about.
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    /// Show of hands.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub votes: u32,
    /// A tag (repeat for several).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct ScheduleArgs {
    /// The event.
    pub event: String,
    /// The pitch: id, short id, or a unique part of its title.
    pub pitch: String,
    /// The slot: its label or start time (HH:MM).
    #[arg(long, value_name = "SLOT")]
    pub slot: String,
    /// The room's name.
    #[arg(long, value_name = "ROOM")]
    pub room: String,
}

/// Picks a session, and one occurrence of a repeated one.
#[derive(Debug, Args)]
pub struct SessionRef {
    /// The event.
    pub event: String,
    /// The session: id, short id, or a unique part of its title.
    pub session: String,
    /// Which occurrence of a repeated session: its slot label or start time.
    #[arg(long, value_name = "SLOT")]
    pub slot: Option<String>,
}

#[derive(Debug, Args)]
pub struct NotesArgs {
    #[command(flatten)]
    pub target: SessionRef,
    /// Line by line, for screen readers: no full-screen display, no cursor
    /// movement, no colour (also UNCONF_PLAIN=1, or `unconf settings plain on`).
    #[arg(long)]
    pub plain: bool,
}

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// Show this laptop's settings.
    #[command(after_help = "Example:\n  unconf settings show")]
    Show,
    /// Note-taking line by line, for screen readers, on or off.
    #[command(after_help = "Examples:\n  unconf settings plain on\n  unconf settings plain off")]
    Plain {
        #[arg(value_enum)]
        state: OnOff,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OnOff {
    On,
    Off,
}

#[derive(Debug, Subcommand)]
pub enum NoteCommand {
    /// Add a note to a session.
    #[command(
        after_help = "Without --kind, a leading ? ! = \" or * makes the note a question, action, decision, quote or idea, as in the TUI.\n\nExamples:\n  unconf note add my-event \"vendor community\" \"Look at the CCS buyer community\" --kind idea\n  unconf note add my-event \"vendor community\" \"!Sam to write it up by 30 June\""
    )]
    Add {
        #[command(flatten)]
        target: SessionRef,
        /// The note.
        text: String,
        /// What kind of note it is (default: from a leading ? ! = " or *, else a point).
        #[arg(long, value_enum)]
        kind: Option<NoteKindArg>,
        /// Who took it (default: this device's author).
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
        /// Leave it out of the public write-up.
        #[arg(long)]
        private: bool,
    },
    /// List notes: every session's, or one session's.
    #[command(
        after_help = "Example:\n  unconf note list my-event \"vendor community\" --format csv > notes.csv"
    )]
    List(NoteListArgs),
    /// Change a note's text, kind or privacy.
    #[command(
        after_help = "Example:\n  unconf note edit my-event \"ccs buyer\" --text \"Look at the CCS buyer community — Sam\" --kind action"
    )]
    Edit(NoteEditArgs),
    /// Delete a note.
    #[command(after_help = "Example:\n  unconf note delete my-event 3KD9")]
    Delete {
        /// The event.
        event: String,
        /// The note: id, short id, or a unique part of its text.
        note: String,
    },
    /// Move notes to another session; they stay the same notes.
    #[command(
        after_help = "Example:\n  unconf note move my-event \"ccs buyer\" \"charter\" --to \"vendor community\" --slot \"Round 1\""
    )]
    Move(NoteMoveArgs),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum NoteKindArg {
    Point,
    Question,
    Idea,
    Action,
    Decision,
    Quote,
}

impl From<NoteKindArg> for NoteKind {
    fn from(kind: NoteKindArg) -> Self {
        match kind {
            NoteKindArg::Point => NoteKind::Point,
            NoteKindArg::Question => NoteKind::Question,
            NoteKindArg::Idea => NoteKind::Idea,
            NoteKindArg::Action => NoteKind::Action,
            NoteKindArg::Decision => NoteKind::Decision,
            NoteKindArg::Quote => NoteKind::Quote,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum SessionCommand {
    /// Change a session's summary, outcome, attendance or note-taker.
    #[command(
        after_help = "Example:\n  unconf session set my-event \"vendor community\" --summary \"Appetite for a vendor community\" --attendees 14 --note-taker Sam"
    )]
    Set(SessionSetArgs),
}

#[derive(Debug, Args)]
pub struct SessionSetArgs {
    #[command(flatten)]
    pub target: SessionRef,
    /// What was discussed.
    #[arg(long, value_name = "TEXT")]
    pub summary: Option<String>,
    /// What the group concluded.
    #[arg(long, value_name = "TEXT")]
    pub outcome: Option<String>,
    /// How many attended.
    #[arg(long, value_name = "N")]
    pub attendees: Option<u32>,
    /// Who took notes.
    #[arg(long, value_name = "NAME")]
    pub note_taker: Option<String>,
    /// Who facilitated.
    #[arg(long, value_name = "NAME")]
    pub facilitator: Option<String>,
    /// Report what was said but never who said it.
    #[arg(long, conflicts_with = "not_chatham_house")]
    pub chatham_house: bool,
    /// Lift the Chatham House Rule for this session.
    #[arg(long)]
    pub not_chatham_house: bool,
}

#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    /// Add a next step to a session, or to the event with --event.
    #[command(
        after_help = "Examples:\n  unconf action add my-event \"vendor community\" \"Draft a charter\" --owner techUK --due 2026-12-15\n  unconf action add my-event --event \"Run a follow-up workshop\" --owner techUK"
    )]
    Add(ActionAddArgs),
    /// Mark a next step done, or open again with --reopen.
    #[command(
        after_help = "Examples:\n  unconf action done my-event \"draft a charter\"\n  unconf action done my-event \"draft a charter\" --reopen"
    )]
    Done {
        /// The event.
        event: String,
        /// The action: id, short id, or a unique part of its text.
        action: String,
        /// Open a next step marked done by mistake again.
        #[arg(long)]
        reopen: bool,
    },
}

#[derive(Debug, Args)]
pub struct ActionAddArgs {
    /// The event.
    pub event: String,
    /// SESSION then TEXT; or only TEXT with --event.
    #[arg(value_name = "SESSION|TEXT", num_args = 1..=2, required = true)]
    pub words: Vec<String>,
    /// The action belongs to the whole event, not a session.
    #[arg(long = "event")]
    pub event_level: bool,
    /// Which occurrence of a repeated session: its slot label or start time.
    #[arg(long, value_name = "SLOT")]
    pub slot: Option<String>,
    /// Who will do it.
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,
    /// When by, as YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub due: Option<chrono::NaiveDate>,
}

#[derive(Debug, Subcommand)]
pub enum DecisionCommand {
    /// Record a decision, such as a project to take forward.
    #[command(
        after_help = "Example:\n  unconf decision add my-event \"Start a supplier community\" --lead techUK"
    )]
    Add {
        /// The event.
        event: String,
        /// What was decided.
        text: String,
        /// Who leads it.
        #[arg(long, value_name = "NAME")]
        lead: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct ResolveArgs {
    /// The event.
    pub event: String,
    /// The record with conflicting versions: its id or short id, as listed.
    #[arg(requires = "keep")]
    pub record: Option<String>,
    /// The version to keep: its number or its id, as the last listing on
    /// this laptop showed them.
    #[arg(long, value_name = "N", requires = "record")]
    pub keep: Option<String>,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The event to merge into.
    pub event: String,
    /// Another copy: an event folder, or a zip made by `unconf pack`.
    pub other: PathBuf,
    /// Show what would come in, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct PackArgs {
    /// The event.
    pub event: String,
    /// The zip to write (default: <event>.zip in the exports folder).
    #[arg(long, value_name = "FILE.zip")]
    pub out: Option<PathBuf>,
}

fn parse_time(text: &str) -> Result<chrono::NaiveTime, String> {
    chrono::NaiveTime::parse_from_str(text.trim(), "%H:%M")
        .map_err(|_| format!("\"{text}\" is not a time; use HH:MM, e.g. 10:30"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_subcommand_has_an_example() {
        fn walk(command: &clap::Command, path: &str) {
            let path = format!("{path} {}", command.get_name());
            let subcommands: Vec<_> = command.get_subcommands().collect();
            if subcommands.is_empty() {
                let help = command
                    .get_after_help()
                    .map(|h| h.to_string())
                    .unwrap_or_default();
                assert!(help.contains("Example"), "{path} has no example");
            }
            for sub in subcommands {
                if sub.get_name() != "help" {
                    walk(sub, &path);
                }
            }
        }
        for sub in Cli::command().get_subcommands() {
            walk(sub, "unconf");
        }
    }
}
