//! Reusable pieces drawn by several screens.

pub mod big_text;
pub mod footer;
pub mod grid;
pub mod text_field;
