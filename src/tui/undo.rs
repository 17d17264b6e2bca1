//! Undo and redo of committed edits. Undoing writes a new version with the
//! old value (so other devices see it too); nothing is ever rewound in place.

use crate::model::Change;

/// How many steps are kept.
pub const DEPTH: usize = 200;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub label: String,
    pub before: Vec<Change>,
    pub after: Vec<Change>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Undo {
    done: Vec<Step>,
    undone: Vec<Step>,
}

impl Undo {
    /// Remembers an edit; a new edit forgets what was undone.
    pub fn record(&mut self, label: &str, before: Vec<Change>, after: Vec<Change>) {
        self.done.push(Step {
            label: label.to_string(),
            before,
            after,
        });
        if self.done.len() > DEPTH {
            self.done.remove(0);
        }
        self.undone.clear();
    }

    /// The step to undo, moved to the redo list.
    pub fn undo(&mut self) -> Option<Step> {
        let step = self.done.pop()?;
        self.undone.push(step.clone());
        Some(step)
    }

    /// The step to redo, moved back to the undo list.
    pub fn redo(&mut self) -> Option<Step> {
        let step = self.undone.pop()?;
        self.done.push(step.clone());
        Some(step)
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
