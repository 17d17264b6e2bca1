//! The terminal UI: the whole day on six screens.
//!
//! One direction of flow: a key becomes an [`action::Action`] (`keymap`),
//! [`update::update`] changes the [`state::State`] and returns
//! [`action::Effect`]s, the loop (`event_loop`) carries them out (the only
//! place that touches the disk), and `view` draws from `&State`.

pub mod action;
pub mod board;
pub mod draft;
mod event_loop;
pub mod keymap;
pub mod loading;
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
pub(crate) mod watch;
pub mod widget;

/// `open` is how the running app opens an event (the state it starts
/// from, with the devices seen and the drafts offered back); the screen
/// snapshots start from it too, so that they show what the app shows.
pub use event_loop::{Launch, Setup, open, run};
/// Shared with the plain, line-by-line note-taker (`crate::plain`).
pub(crate) use event_loop::{carry_out, reload_news, stop_on_signals, wait_for_saves};
