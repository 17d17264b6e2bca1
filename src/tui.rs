//! The terminal UI: the whole day on six screens.
//!
//! One direction of flow: a key becomes an [`action::Action`] (`keymap`),
//! [`update::update`] changes the [`state::State`] and returns
//! [`action::Effect`]s, the loop (`event_loop`) carries them out (the only
//! place that touches the disk), and `view` draws from `&State`.

pub mod action;
pub mod draft;
mod event_loop;
pub mod keymap;
pub mod place;
pub mod screen;
pub mod start;
pub mod state;
mod terminal;
#[cfg(test)]
pub mod testing;
pub mod theme;
pub mod undo;
pub mod update;
pub mod view;
mod watch;
pub mod widget;

pub use event_loop::{Launch, Setup, run};
