//! The six screens' behaviour: each has its state, its actions (whose doc
//! comments are their help text), the keys that reach them, and its
//! `update`. Drawing lives in `view/`.

pub mod event;
pub mod export;
pub mod notes;
pub mod pitches;
pub mod resolve;
pub mod schedule;
pub mod timer;
pub mod wrapup;
