//! Undo and redo of committed edits. Undoing writes new versions with the
//! old values (so other devices see it too); nothing is ever rewound in
//! place. An undo covers only the versions it undoes and what their writer
//! had seen: a change another laptop made on top of them since stays, as a
//! conflict, rather than vanishing under the undo.

use crate::store::Written;

/// How many steps are kept.
pub const DEPTH: usize = 200;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub label: String,
    /// What the edit wrote, with the values before it.
    pub written: Vec<Written>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Undo {
    done: Vec<Step>,
    undone: Vec<Step>,
}

impl Undo {
    /// Remembers an edit; a new edit forgets what was undone.
    pub fn record(&mut self, label: &str, written: Vec<Written>) {
        if written.is_empty() {
            return;
        }
        self.done.push(Step {
            label: label.to_string(),
            written,
        });
        if self.done.len() > DEPTH {
            self.done.remove(0);
        }
        self.undone.clear();
    }

    /// The step to undo; [`undone`](Undo::undone) keeps what undoing it wrote.
    pub fn undo(&mut self) -> Option<Step> {
        self.done.pop()
    }

    /// Remembers what undoing a step wrote, for redo.
    pub fn undone(&mut self, label: &str, written: Vec<Written>) {
        self.undone.push(Step {
            label: label.to_string(),
            written,
        });
    }

    /// The step to redo; [`redone`](Undo::redone) keeps what redoing wrote.
    pub fn redo(&mut self) -> Option<Step> {
        self.undone.pop()
    }

    /// Remembers what redoing a step wrote, for undo.
    pub fn redone(&mut self, label: &str, written: Vec<Written>) {
        self.done.push(Step {
            label: label.to_string(),
            written,
        });
    }

    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    pub fn len(&self) -> usize {
        self.done.len()
    }

    pub fn is_empty(&self) -> bool {
        self.done.is_empty()
    }
}
