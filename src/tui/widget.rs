//! Reusable pieces drawn by several screens.

pub mod big_text;
pub mod footer;
pub mod text_field;
