//! Reusable pieces drawn by several screens.

pub mod big_text;
pub mod countdown;
pub mod footer;
pub mod grid;
pub mod note_log;
pub mod text_field;
