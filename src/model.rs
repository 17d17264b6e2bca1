//! The domain of an unconference day: what the organisers, note-takers and
//! staff talk about, and the rules that hold between those things.
//!
//! Nothing here touches the disk or the terminal. The store turns device files
//! into an [`Event`]; the TUI and the CLI read it and ask [`ops`] for the
//! [`Change`]s an edit makes.

pub mod autoschedule;
mod event;
pub mod field;
pub mod fields;
pub mod id;
pub mod ops;
pub mod people;
mod records;
pub mod reference;
pub mod rules;
pub mod serde_time;
pub mod slug;
pub mod steps;
pub mod text;

pub use event::{Change, Event};
pub use id::{Id, IdGen};
pub use records::{
    Action, ActionStatus, Decision, EventInfo, Kind, Note, NoteKind, Person, Pitch, PitchStatus,
    Record, Room, Session, Slot, SlotKind,
};
