//! What can happen during the day, as generated operations. Laptops,
//! records and files are named by small numbers taken modulo what exists
//! when the op runs, so that every sequence is valid and shrinks well.

use proptest::prelude::*;

/// One edit a person makes on a laptop.
#[derive(Clone, Debug)]
pub enum EditOp {
    AddPitch {
        word: u8,
    },
    Retitle {
        pick: u8,
        word: u8,
    },
    Interest {
        pick: u8,
        n: u8,
    },
    DeletePitch {
        pick: u8,
    },
    Schedule {
        pick: u8,
        cell: u8,
    },
    /// Deletes a session outright (`Change::delete`), notes or not.
    Unschedule {
        pick: u8,
    },
    AddNote {
        pick: u8,
        word: u8,
    },
    EditNote {
        pick: u8,
        word: u8,
    },
    DeleteNote {
        pick: u8,
    },
    AddAction {
        pick: u8,
        word: u8,
    },
    AddDecision {
        word: u8,
    },
    Summary {
        pick: u8,
        word: u8,
    },
    Outcome {
        pick: u8,
        word: u8,
    },
    Attendees {
        pick: u8,
        n: u8,
    },
}

#[derive(Clone, Debug)]
pub enum Op {
    /// An edit begun and saved at once.
    Edit {
        on: u8,
        edit: EditOp,
    },
    /// An editor opens on what the laptop shows now; a later `Save` saves
    /// it, whatever arrived in between.
    Begin {
        on: u8,
        edit: EditOp,
    },
    Save {
        on: u8,
    },
    /// Undoes the laptop's last step (or redoes an undo).
    Undo {
        on: u8,
    },
    /// Opens the resolve view on one conflict; a later `Save` keeps one.
    ListConflict {
        on: u8,
        pick: u8,
        choice: u8,
    },
    /// Resolves a conflict at once.
    Resolve {
        on: u8,
        pick: u8,
        choice: u8,
    },
    /// The laptop reads its folder (and folds copies of its own file).
    Read {
        on: u8,
        rotate: u8,
    },
    /// The laptop reads another laptop's folder directly.
    ReadOther {
        on: u8,
        from: u8,
    },
    /// Two folders exchange their device files; with `read`, both laptops
    /// then read their folders, as the app does when its folder changes.
    Sync {
        a: u8,
        b: u8,
        read: bool,
    },
    /// Every folder syncs with every other, and every laptop reads.
    Gather,
    /// `unconf merge`: carries the versions of the files of another folder
    /// chosen by `mask` (all of them: a pack), with an older file of one
    /// device besides when `old` is set.
    Carry {
        on: u8,
        from: u8,
        mask: u8,
        old: Option<(u8, u8)>,
    },
    /// The own file is put back `back` saves (0: not at all), and the
    /// laptop restarts.
    Restore {
        on: u8,
        back: u8,
    },
    /// A sync tool's conflict copy of a device's file (as it was `back`
    /// saves ago) appears in a folder; names collide, the later wins.
    ConflictCopy {
        into: u8,
        device: u8,
        back: u8,
        name: u8,
    },
    /// A fourth laptop starts with a copy of a laptop's identity and
    /// folder (once).
    Clone {
        of: u8,
    },
}

/// Which record an edit picks, modulo how many there are: mostly one of
/// the first few, so that laptops often edit the same field at once.
fn pick() -> impl Strategy<Value = u8> {
    prop_oneof![3 => 0..3u8, 1 => any::<u8>()]
}

fn edit_op() -> impl Strategy<Value = EditOp> {
    let b = any::<u8>;
    let p = pick;
    prop_oneof![
        2 => b().prop_map(|word| EditOp::AddPitch { word }),
        3 => (p(), b()).prop_map(|(pick, word)| EditOp::Retitle { pick, word }),
        2 => (p(), b()).prop_map(|(pick, n)| EditOp::Interest { pick, n }),
        1 => p().prop_map(|pick| EditOp::DeletePitch { pick }),
        2 => (b(), b()).prop_map(|(pick, cell)| EditOp::Schedule { pick, cell }),
        1 => p().prop_map(|pick| EditOp::Unschedule { pick }),
        4 => (p(), b()).prop_map(|(pick, word)| EditOp::AddNote { pick, word }),
        2 => (p(), b()).prop_map(|(pick, word)| EditOp::EditNote { pick, word }),
        1 => p().prop_map(|pick| EditOp::DeleteNote { pick }),
        2 => (p(), b()).prop_map(|(pick, word)| EditOp::AddAction { pick, word }),
        1 => b().prop_map(|word| EditOp::AddDecision { word }),
        3 => (p(), b()).prop_map(|(pick, word)| EditOp::Summary { pick, word }),
        2 => (p(), b()).prop_map(|(pick, word)| EditOp::Outcome { pick, word }),
        2 => (p(), b()).prop_map(|(pick, n)| EditOp::Attendees { pick, n }),
    ]
}

pub fn op() -> impl Strategy<Value = Op> {
    let b = any::<u8>;
    prop_oneof![
        30 => (b(), edit_op()).prop_map(|(on, edit)| Op::Edit { on, edit }),
        8 => (b(), edit_op()).prop_map(|(on, edit)| Op::Begin { on, edit }),
        8 => b().prop_map(|on| Op::Save { on }),
        5 => b().prop_map(|on| Op::Undo { on }),
        2 => (b(), b(), b()).prop_map(|(on, pick, choice)| Op::ListConflict { on, pick, choice }),
        3 => (b(), b(), b()).prop_map(|(on, pick, choice)| Op::Resolve { on, pick, choice }),
        5 => (b(), b()).prop_map(|(on, rotate)| Op::Read { on, rotate }),
        2 => (b(), b()).prop_map(|(on, from)| Op::ReadOther { on, from }),
        6 => (b(), b(), prop::bool::weighted(0.75)).prop_map(|(a, b, read)| Op::Sync { a, b, read }),
        1 => Just(Op::Gather),
        2 => (b(), b(), b(), proptest::option::of((b(), b())))
            .prop_map(|(on, from, mask, old)| Op::Carry { on, from, mask, old }),
        1 => (b(), b(), Just(u8::MAX)).prop_map(|(on, from, mask)| Op::Carry {
            on,
            from,
            mask,
            old: None
        }),
        2 => (b(), 0..4u8).prop_map(|(on, back)| Op::Restore { on, back }),
        2 => (b(), b(), 0..4u8, b())
            .prop_map(|(into, device, back, name)| Op::ConflictCopy { into, device, back, name }),
        1 => b().prop_map(|of| Op::Clone { of }),
    ]
}
