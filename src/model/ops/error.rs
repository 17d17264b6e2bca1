//! Why an edit was refused, in words a facilitator can act on.
//!
//! Names in these errors are ready to show: titles and room names are quoted
//! and their control characters neutralised (see [`quoted`]), slots are named
//! as `Round 1 (10:30)`.
//!
//! [`quoted`]: crate::model::rules::quoted

use thiserror::Error;

use crate::model::Id;

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum OpError {
    #[error(
        "There is no {what} with id {id}; it may have been deleted on another device, so look it up again."
    )]
    NotFound { what: &'static str, id: Id },

    #[error("The {what} is empty; type some text first.")]
    Empty { what: &'static str },

    #[error(
        "{zone} is not a time zone this build knows; use an IANA name such as Europe/London, or leave it blank."
    )]
    UnknownTimeZone { zone: String },

    #[error("There is already a room called {existing}; pick another name.")]
    DuplicateRoom { existing: String },

    #[error("A slot must end after it starts, and {start}–{end} does not; check the times.")]
    SlotEndsFirst { start: String, end: String },

    #[error(
        "{existing} already has that label; give this slot another, so that each can be picked by it."
    )]
    DuplicateSlotLabel { existing: String },

    #[error("{existing} already starts at {start}; pick another start time or change that slot.")]
    DuplicateSlotStart { existing: String, start: String },

    #[error("{pitch} was withdrawn; restore it before {doing}.")]
    Withdrawn { pitch: String, doing: &'static str },

    #[error("{pitch} was merged into {root}; schedule {root} instead.")]
    Merged { pitch: String, root: String },

    #[error(
        "Room {room} already has {other} in {slot}; pick another room or move that session first."
    )]
    RoomTaken {
        room: String,
        slot: String,
        other: String,
    },

    #[error("{slot} is a break; pick a breakout or plenary slot.")]
    BreakSlot { slot: String },

    #[error("{session} already runs in {slot} in room {room}; pick another slot.")]
    AlreadyInSlot {
        session: String,
        slot: String,
        room: String,
    },

    #[error("A pitch cannot be merged into itself; pick two different pitches to merge {pitch}.")]
    MergeIntoSelf { pitch: String },

    #[error(
        "{keep} is already merged into {other}, so {other} cannot be merged into it; unmerge {keep} first or merge the other way round."
    )]
    MergeCycle { keep: String, other: String },

    #[error("{pitch} is already merged into {into}; unmerge it first.")]
    AlreadyMerged { pitch: String, into: String },

    #[error("{pitch} already has its own session in {slots}; unschedule it first, then merge.")]
    MergeScheduled { pitch: String, slots: String },

    #[error("{pitch} is not merged into another pitch, so there is nothing to unmerge.")]
    NotMerged { pitch: String },

    #[error(
        "{pitch} is merged into {into} and runs as part of it; unmerge it first to withdraw it alone."
    )]
    WithdrawMerged { pitch: String, into: String },

    #[error("A session cannot be swapped with itself; pick two different sessions.")]
    SwapWithSelf,

    #[error(
        "Session {session} in {slot} already has {written}; move it instead of unscheduling it, or delete those first."
    )]
    HasNotes {
        session: String,
        slot: String,
        written: String,
    },

    #[error("{what} {name} is used by {sessions}; move or unschedule {} first.", them(*.count))]
    InUse {
        what: &'static str,
        name: String,
        sessions: String,
        count: usize,
    },

    #[error("{pitch} is scheduled in {slots}; {fix} before {doing}.")]
    PitchScheduled {
        pitch: String,
        slots: String,
        fix: &'static str,
        doing: &'static str,
    },

    #[error("{merged} {} merged into {pitch}; unmerge {} before deleting it.", is_are(*.count), them(*.count))]
    HasMerged {
        pitch: String,
        merged: String,
        count: usize,
    },
}

fn them(count: usize) -> &'static str {
    if count == 1 { "it" } else { "them" }
}

fn is_are(count: usize) -> &'static str {
    if count == 1 { "is" } else { "are" }
}
