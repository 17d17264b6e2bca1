//! Edits as pure functions: each takes the event and returns the changes.
